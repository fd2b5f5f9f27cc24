#!/bin/bash
# nuvirtd-fds.sh NUVIRTD LIBDIR: file descriptors over the UNIX socket
# (CALL_WITH_FDS: the message, then each descriptor on a byte of its own,
# as libvirt passes them).  tests/compat/fds_checks.py with stock
# python3-libvirt and with nuvirt's library (LIBDIR), each against nuvirtd
# and against a stock libvirtd, all started here on temporary sockets: the
# four transcripts must be the same.  Stock virsh's `create --pass-fds`
# against nuvirtd too.  Skipped (77) without the stock clients or a stock
# libvirtd that can run here.
set -u
nuvirtd=$1
libdir=$2
here=$(cd "$(dirname "$0")" && pwd)
unset LD_LIBRARY_PATH LIBVIRT_DEFAULT_URI
if [ ! -x /usr/bin/virsh ] || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then
    echo "SKIP: /usr/bin/virsh or python3-libvirt is not installed"; exit 77
fi
. "$here/stock-libvirtd.sh"
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }

tmp=$(mktemp -d)
pid= spid=
cleanup() {
    [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
    [ -n "$spid" ] && kill -9 "$spid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
chmod 755 "$tmp"
mkdir -p "$tmp/n"
echo "unix_sock_dir = \"$tmp/n/run\"" > "$tmp/n/nuvirtd.conf"
"$nuvirtd" --config "$tmp/n/nuvirtd.conf" --root "$tmp/n/root" 2> "$tmp/n/err" &
pid=$!
stock_libvirtd_start "$tmp/s" || { echo "SKIP: stock libvirtd cannot run here"; exit 77; }
for _ in $(seq 600); do [ -S "$tmp/n/run/libvirt-sock" ] && [ -S "$tmp/s/run/libvirt-sock" ] && break; sleep 0.1; done
sleep 0.3
nuri="test+unix:///default?socket=$tmp/n/run/libvirt-sock"
suri="test+unix:///default?socket=$tmp/s/run/libvirt-sock"
cat > "$tmp/fdt.xml" <<'XML'
<domain type='test'><name>fdt</name><memory>65536</memory><vcpu>1</vcpu>
<os><type>hvm</type></os></domain>
XML

# Stock virsh: create with two descriptors, then the same connection still
# serves (test:///default's state lives as long as a connection to it).
if /usr/bin/virsh -c "$nuri" "create $tmp/fdt.xml --pass-fds 0,2; domstate fdt" \
       < /dev/null > "$tmp/v.out" 2>&1 && grep -q '^running' "$tmp/v.out"; then
    ok "stock virsh create --pass-fds 0,2 through nuvirtd"
else
    ko "stock virsh create --pass-fds through nuvirtd"; cat "$tmp/v.out"
fi

for who in stock nuvirt; do
    lib=
    [ $who = nuvirt ] && lib=$libdir
    for d in nuvirtd:$nuri stock-libvirtd:$suri; do
        LD_LIBRARY_PATH=$lib timeout 60 /usr/bin/python3 "$here/fds_checks.py" "${d#*:}" \
            "$tmp/fdt.xml" > "$tmp/$who-${d%%:*}.out" 2>&1
    done
done
echo "stock client -> stock libvirtd:"; sed 's/^/  /' "$tmp/stock-stock-libvirtd.out"
grep -q 'createXMLWithFiles (2 fds): ok fdt' "$tmp/stock-stock-libvirtd.out" ||
    ko "the stock pair did not run through"
for f in stock-nuvirtd nuvirt-nuvirtd nuvirt-stock-libvirtd; do
    if diff -u "$tmp/stock-stock-libvirtd.out" "$tmp/$f.out"; then
        ok "fds_checks.py: ${f/-/ client -> } as stock client -> stock libvirtd"
    else
        ko "fds_checks.py: ${f/-/ client -> } differs (above)"
    fi
done
echo "$pass passed, $fail failed"
[ $fail = 0 ]
