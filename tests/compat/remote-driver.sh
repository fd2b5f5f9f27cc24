#!/bin/bash
# remote-driver.sh NUVIRTD LIBDIR
#
# nuvirt as a client: Debian's virsh and python3-libvirt on nuvirt's
# library (LD_LIBRARY_PATH=LIBDIR), whose remote driver talks to nuvirtd
# and to a stock libvirtd, each started here on a temporary socket and
# stopped by PID.  What virsh prints through the remote driver must be what
# it prints in process (nuvirtd) or on stock's own client (libvirtd).
# Skipped (77) without the stock clients; the libvirtd half is skipped
# when /usr/sbin/libvirtd or the user 'nobody' is missing.
set -u
nuvirtd=$1
libdir=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/stock-libvirtd.sh"
unset LIBVIRT_DEFAULT_URI
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }

if [ ! -x /usr/bin/virsh ] || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then
    echo "SKIP: /usr/bin/virsh or python3-libvirt is not installed"
    exit 77
fi

tmp=$(mktemp -d)
chmod 755 "$tmp"
npid= spid=
cleanup() {
    [ -n "$npid" ] && kill -9 "$npid" 2>/dev/null
    [ -n "$spid" ] && kill -9 "$spid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

cmds="list --all; dominfo test; nodeinfo; net-list --all; pool-list --all; iface-list; \
schedinfo test; vol-list default-pool; domblklist test; domiflist test; maxvcpus; \
net-dumpxml default; domstate test --reason; domuuid test; dominfo nosuch; net-info default; \
pool-info default-pool; dumpxml test; suspend test; domstate test; resume test; destroy test; \
list --all; start test; list --all"
ours() { LD_LIBRARY_PATH=$libdir timeout 60 /usr/bin/virsh -c "$1" "$cmds" 2>&1 | grep -v '^CPU time:'; }

# ---- nuvirtd ----
mkdir "$tmp/nuv"
echo "unix_sock_dir = \"$tmp/nuv\"" > "$tmp/nuvirtd.conf"
"$nuvirtd" --config "$tmp/nuvirtd.conf" --root "$tmp/root" 2> "$tmp/nuvirtd.err" &
npid=$!
for _ in $(seq 100); do [ -S "$tmp/nuv/libvirt-sock" ] && break; sleep 0.05; done
uri="test+unix:///default?socket=$tmp/nuv/libvirt-sock"
remote=$(ours "$uri")
local=$(LD_LIBRARY_PATH=$libdir timeout 60 /usr/bin/virsh -c test:///default "$cmds" 2>&1 |
        grep -v '^CPU time:')
if [ "$remote" = "$local" ]; then
    ok "virsh on nuvirt's remote driver -> nuvirtd prints what it prints in process"
else
    ko "virsh through the remote driver differs from in process"
    diff <(echo "$local") <(echo "$remote") | head -20
fi
if LD_LIBRARY_PATH=$libdir timeout 60 /usr/bin/python3 "$here/nuvirtd_python.py" "$tmp/nuv" \
        > "$tmp/py.out" 2>&1; then
    ok "python3-libvirt on nuvirt's remote driver -> nuvirtd ($(grep -c ^PASS "$tmp/py.out") checks)"
else
    ko "python3-libvirt on nuvirt's remote driver"; cat "$tmp/py.out"
fi
out=$(LD_LIBRARY_PATH=$libdir timeout 30 /usr/bin/virsh -c "test+tls://127.0.0.1/default" list 2>&1)
grep -q "only the unix and tcp transports" <<<"$out" && ok "a transport not available yet is a clear error" \
    || ko "tcp transport: $out"
kill -TERM "$npid"; wait "$npid"; st=$?; npid=
[ $st = 0 ] && ok "nuvirtd exit 0" || ko "nuvirtd exit $st"

# ---- stock libvirtd, unprivileged, in session mode inside $tmp ----
s=$tmp/stock
if stock_libvirtd_start "$s"; then
    suri="test+unix:///default?socket=$s/run/libvirt-sock"
    theirs=$(timeout 60 /usr/bin/virsh -c "$suri" "$cmds" 2>&1 | grep -v '^CPU time:')
    mine=$(ours "$suri")
    if [ "$mine" = "$theirs" ]; then
        ok "virsh on nuvirt's remote driver -> stock libvirtd prints what stock's client prints"
    else
        ko "nuvirt's remote driver -> libvirtd differs from stock's client"
        diff <(echo "$theirs") <(echo "$mine") | head -20
    fi
    kill -TERM "$spid"; wait "$spid"; spid=
else
    echo "SKIP (part): stock libvirtd cannot be started unprivileged here"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
