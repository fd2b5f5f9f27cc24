#!/bin/bash
# nuvirtd-stock-clients.sh NUVIRTD [LIBDIR]
#
# Debian's own virsh and python3-libvirt, with Debian's libvirt.so.0 (no
# LD_LIBRARY_PATH), against nuvirtd on a temporary socket.  The daemon is
# started here and stopped by PID with SIGTERM; it must exit 0 and remove
# its sockets.  Skipped (77) when the stock clients are absent.
set -u
nuvirtd=$1
here=$(cd "$(dirname "$0")" && pwd)
unset LD_LIBRARY_PATH LIBVIRT_DEFAULT_URI
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }

if [ ! -x /usr/bin/virsh ] || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then
    echo "SKIP: /usr/bin/virsh or python3-libvirt is not installed"
    exit 77
fi

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
echo "unix_sock_dir = \"$tmp/run\"" > "$tmp/nuvirtd.conf"
"$nuvirtd" --config "$tmp/nuvirtd.conf" --root "$tmp/root" --pid-file "$tmp/nuvirtd.pid" 2> "$tmp/daemon.err" &
pid=$!
for _ in $(seq 100); do [ -S "$tmp/run/libvirt-sock" ] && break; sleep 0.05; done
[ -S "$tmp/run/libvirt-sock" ] && ok "nuvirtd serves libvirt-sock" || { ko "nuvirtd did not start"; cat "$tmp/daemon.err"; exit 1; }
[ -S "$tmp/run/libvirt-sock-ro" ] && ok "nuvirtd serves libvirt-sock-ro" || ko "no libvirt-sock-ro"
[ "$(cat "$tmp/nuvirtd.pid")" = "$pid" ] && ok "pid file" || ko "pid file"

uri="test+unix:///default?socket=$tmp/run/libvirt-sock"
cat > "$tmp/dom.xml" <<'XML'
<domain type='test'>
  <name>vs1</name>
  <memory unit='MiB'>64</memory>
  <vcpu>1</vcpu>
  <os><type>hvm</type></os>
</domain>
XML

# One virsh session (test:///default lives as long as a client holds it,
# as in libvirtd).
out=$(timeout 60 /usr/bin/virsh -c "$uri" "list --all; dominfo test; define $tmp/dom.xml; \
start vs1; list --all; domstate vs1; suspend vs1; domstate vs1; resume vs1; destroy vs1; \
domstate vs1; undefine vs1; list --all" 2>&1)
expect=" Id   Name   State
----------------------
 1    test   running

Id:             1
Name:           test
UUID:           6695eb01-f6a4-8304-79aa-97f2502e193f
OS Type:        linux
State:          running
CPU(s):         2"
[[ "$out" == "$expect"* ]] && ok "virsh list, dominfo" || ko "virsh list, dominfo: $out"
grep -q "^Domain 'vs1' defined from" <<<"$out" && ok "virsh define" || ko "virsh define"
grep -q "^Domain 'vs1' started" <<<"$out" && ok "virsh start" || ko "virsh start"
grep -qE "^ 2 +vs1 +running" <<<"$out" && ok "virsh list shows the started domain" || ko "virsh list after start"
[ "$(grep -cE '^(running|paused|shut off)$' <<<"$out")" = 3 ] && ok "virsh domstate" || ko "virsh domstate"
grep -q "^Domain 'vs1' destroyed" <<<"$out" && ok "virsh destroy" || ko "virsh destroy"
grep -q "^Domain 'vs1' has been undefined" <<<"$out" && ok "virsh undefine" || ko "virsh undefine"

out=$(timeout 30 /usr/bin/virsh -q -c "$uri" dumpxml test 2>&1)
grep -q "<domain type='test' id='1'>" <<<"$out" && grep -q "<name>test</name>" <<<"$out" \
    && ok "virsh dumpxml" || ko "virsh dumpxml: $out"

out=$(timeout 30 /usr/bin/virsh -q -c "$uri" dominfo nosuch 2>&1)
[ "$out" = "error: failed to get domain 'nosuch'" ] && ok "virsh error for a missing domain" \
    || ko "virsh error for a missing domain: $out"

out=$(timeout 30 /usr/bin/virsh -q -c "test+unix:///default?socket=$tmp/run/libvirt-sock-ro" destroy test 2>&1)
grep -q "read only access prevents virDomainDestroy" <<<"$out" && ok "read-only socket refuses destroy" \
    || ko "read-only socket: $out"

# The same commands print the same through nuvirtd (stock client library)
# as in process on nuvirt's library: the wire adds and loses nothing.
libdir=${2:-}
if [ -n "$libdir" ]; then
    cmds="dominfo test; nodeinfo; net-list --all; pool-list --all; iface-list; schedinfo test; \
vol-list default-pool; snapshot-list test; domblklist test; domiflist test; hostname; maxvcpus; \
capabilities; net-dumpxml default; pool-dumpxml default-pool; domstate test --reason; \
domid test; domuuid test; dominfo nosuch; net-info default; pool-info default-pool"
    remote=$(timeout 60 /usr/bin/virsh -c "$uri" "$cmds" 2>&1 | grep -v '^CPU time:')
    local=$(LD_LIBRARY_PATH=$libdir timeout 60 /usr/bin/virsh -c test:///default "$cmds" 2>&1 |
            grep -v '^CPU time:')
    if [ "$remote" = "$local" ]; then
        ok "21 virsh commands print the same through nuvirtd as in process"
    else
        ko "virsh through nuvirtd differs from in process"
        diff <(echo "$local") <(echo "$remote") | head -20
    fi
fi

if timeout 60 /usr/bin/python3 "$here/nuvirtd_python.py" "$tmp/run" > "$tmp/py.out" 2>&1; then
    ok "python3-libvirt ($(grep -c ^PASS "$tmp/py.out") checks)"
else
    ko "python3-libvirt"; cat "$tmp/py.out"
fi

kill -TERM "$pid"
wait "$pid"; status=$?
pid=
[ $status = 0 ] && ok "SIGTERM: exit 0" || { ko "SIGTERM: exit $status"; cat "$tmp/daemon.err"; }
[ ! -e "$tmp/run/libvirt-sock" ] && [ ! -e "$tmp/nuvirtd.pid" ] && ok "sockets and pid file removed" \
    || ko "sockets or pid file left behind"

echo "$pass passed, $fail failed"
[ $fail = 0 ]
