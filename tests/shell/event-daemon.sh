#!/bin/bash
# event-daemon.sh NUVIRTD NUVSH: 'event --loop --timestamp' lines.
#
# Starts nuvirtd on a temporary socket, listens with stock virsh and with
# nuvsh (both through the daemon, test+unix:///default), makes events with
# a third client (suspend, resume, destroy, start), and requires nuvsh to
# print the same lines as stock virsh once the millisecond timestamps are
# masked.  The daemon is stopped by its PID.  Skipped (77) without stock
# virsh.
set -u
nuvirtd=$1 nuvsh=$2
unset LD_LIBRARY_PATH LIBVIRT_DEFAULT_URI VIRSH_DEFAULT_CONNECT_URI
[ -x /usr/bin/virsh ] || { echo "SKIP: no stock virsh"; exit 77; }

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
echo "unix_sock_dir = \"$tmp/run\"" > "$tmp/nuvirtd.conf"
"$nuvirtd" --config "$tmp/nuvirtd.conf" --root "$tmp/root" 2> "$tmp/err" &
pid=$!
for _ in $(seq 200); do [ -S "$tmp/run/libvirt-sock" ] && break; sleep 0.05; done
[ -S "$tmp/run/libvirt-sock" ] || { echo "FAIL: nuvirtd did not start"; cat "$tmp/err"; exit 1; }
uri="test+unix:///default?socket=$tmp/run/libvirt-sock"

# the listeners hold test:///default, so the trigger sees the same domains
listen='event --event lifecycle --loop --timestamp --timeout 6'
timeout 20 /usr/bin/virsh -c "$uri" "$listen" > "$tmp/stock.out" 2>&1 &
l1=$!
timeout 20 "$nuvsh" -c "$uri" "$listen" > "$tmp/nuvsh.out" 2>&1 &
l2=$!
sleep 2
/usr/bin/virsh -c "$uri" "suspend test; resume test; destroy test; start test" > "$tmp/trigger" 2>&1 ||
    { echo "FAIL: trigger"; cat "$tmp/trigger"; exit 1; }
wait $l1 $l2

mask() { sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}\.[0-9]{3}\+0000: /(time): /' "$1"; }
if diff -u <(mask "$tmp/stock.out") <(mask "$tmp/nuvsh.out"); then
    grep -q "events received: 4" "$tmp/nuvsh.out" || { echo "FAIL: not 4 events"; cat "$tmp/nuvsh.out"; exit 1; }
    echo "event lines: same as stock virsh ($(grep -c "^20" "$tmp/nuvsh.out") events)"
else
    echo "FAIL: event lines differ from stock virsh"
    exit 1
fi
kill -TERM "$pid"
wait "$pid" || { echo "FAIL: nuvirtd did not exit 0"; exit 1; }
pid=
