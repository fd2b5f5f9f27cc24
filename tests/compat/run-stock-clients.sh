#!/bin/bash
# run-stock-clients.sh LIBDIR
#
# Debian's own /usr/bin/virsh and /usr/bin/python3 (with python3-libvirt),
# unchanged, on nuvirt's libvirt.so.0 from LIBDIR.  Skipped (exit 77) when
# those clients are not installed; .ci/run installs them.
set -u
libdir=$1
here=$(cd "$(dirname "$0")" && pwd)
export LD_LIBRARY_PATH=$libdir
unset LIBVIRT_DEFAULT_URI
pass=0 fail=0

if [ ! -x /usr/bin/virsh ] || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then
    echo "SKIP: /usr/bin/virsh or python3-libvirt is not installed"
    exit 77
fi

ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }

# The binary must resolve libvirt.so.0 to ours.
if ldd /usr/bin/virsh | grep -q "libvirt.so.0 => $libdir"; then ok "virsh loads nuvirt"; else ko "virsh loads nuvirt"; fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/dom.xml" <<'XML'
<domain type='test'>
  <name>vs1</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
XML

v() { /usr/bin/virsh -q -c test:///default "$@" 2>&1; }

out=$(v list --all)
[[ "$out" =~ ^\ 1\ +test\ +running$ ]] && ok "virsh list --all" || ko "virsh list --all: $out"

out=$(v dominfo test)
grep -q '^State: *running$' <<<"$out" && grep -q '^Max memory: *8388608 KiB$' <<<"$out" &&
    ok "virsh dominfo" || ko "virsh dominfo: $out"

out=$(/usr/bin/virsh -c test:///default "define $tmp/dom.xml; start vs1; suspend vs1; domstate vs1; resume vs1; domstate vs1; destroy vs1; domstate vs1; undefine vs1; list --all --name" 2>&1)
expected="Domain 'vs1' defined from $tmp/dom.xml

Domain 'vs1' started

Domain 'vs1' suspended

paused

Domain 'vs1' resumed

running

Domain 'vs1' destroyed

shut off

Domain 'vs1' has been undefined

test"
if [ "$out" = "$expected" ]; then
    ok "virsh define/start/suspend/resume/destroy/undefine"
else
    ko "virsh lifecycle"
    diff <(echo "$expected") <(echo "$out")
fi

out=$(v dominfo nope); rc=$?
[ $rc -ne 0 ] && grep -q "failed to get domain 'nope'" <<<"$out" && ok "virsh error for a missing domain" ||
    ko "virsh missing domain: $out"

if /usr/bin/python3 "$here/stock_python.py"; then ok "python3-libvirt"; else ko "python3-libvirt"; fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
