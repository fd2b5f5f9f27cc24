#!/bin/bash
# newer-procs.sh NUVIRTD LIBDIR: libvirt 7.2-9.0's procedures numbered after
# 426 (which go-libvirt's list does not reach), driven by stock
# python3-libvirt against nuvirtd and against a stock libvirtd, both on
# test:///default and started here on temporary sockets.  Stock's client
# encodes every call; through nuvirtd each must end as it ends with nuvirt's
# library in process (success, or the same error code), never in 'unknown
# procedure' or a dropped connection.  The stock daemon's answers show
# that stock's client got through (they are printed, and where the two
# test drivers differ it is said).  Skipped (77) without
# python3-libvirt or a stock libvirtd that can run here.
set -u
nuvirtd=$1
libdir=$2
here=$(cd "$(dirname "$0")" && pwd)
unset LD_LIBRARY_PATH LIBVIRT_DEFAULT_URI
/usr/bin/python3 -c 'import libvirt' 2>/dev/null || { echo "SKIP: python3-libvirt is not installed"; exit 77; }
. "$here/stock-libvirtd.sh"

tmp=$(mktemp -d)
pid= spid=
cleanup() {
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
    [ -n "$spid" ] && kill -9 "$spid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
# The stock daemon runs as 'nobody': it must reach its directory.
chmod 755 "$tmp"
mkdir -p "$tmp/n" "$tmp/w"
chmod 777 "$tmp/w"
echo "unix_sock_dir = \"$tmp/n/run\"" > "$tmp/n/nuvirtd.conf"
"$nuvirtd" --config "$tmp/n/nuvirtd.conf" --root "$tmp/n/root" 2> "$tmp/n/err" &
pid=$!
stock_libvirtd_start "$tmp/s" || { echo "SKIP: stock libvirtd cannot run here"; exit 77; }
for _ in $(seq 600); do [ -S "$tmp/n/run/libvirt-sock" ] && [ -S "$tmp/s/run/libvirt-sock" ] && break; sleep 0.1; done
sleep 0.3

/usr/bin/python3 "$here/newer_procs.py" "test+unix:///default?socket=$tmp/n/run/libvirt-sock" \
    "$tmp/w" > "$tmp/nuvirtd.out" 2>&1
/usr/bin/python3 "$here/newer_procs.py" "test+unix:///default?socket=$tmp/s/run/libvirt-sock" \
    "$tmp/w" > "$tmp/stock.out" 2>&1
echo "stock libvirtd:"; sed 's/^/  /' "$tmp/stock.out"
if [ "$(wc -l < "$tmp/stock.out")" -lt 16 ]; then
    echo "FAIL the stock run did not finish"; exit 1
fi
LD_LIBRARY_PATH=$libdir /usr/bin/python3 "$here/newer_procs.py" "test:///default" "$tmp/w" \
    > "$tmp/inproc.out" 2>&1
echo "nuvirt in process:"; sed 's/^/  /' "$tmp/inproc.out"
if diff -u "$tmp/inproc.out" "$tmp/nuvirtd.out"; then
    echo "PASS through nuvirtd every call ends as it ends in process"
else
    echo "FAIL through nuvirtd the calls end otherwise than in process (above)"; exit 1
fi
# Where the drivers differ from stock's test driver (not the protocol's
# business; nuvirtd also serves its host nwfilter driver on test:///):
diff "$tmp/stock.out" "$tmp/nuvirtd.out" | sed -n 's/^> /  differs from stock libvirtd: /p'
exit 0
