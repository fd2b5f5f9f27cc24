#!/bin/bash
# nuvirtd-streams.sh NUVIRTD LIBDIR
#
# Streams through the daemon, both ways:
#   - Debian's virsh and python3-libvirt (stock library) against nuvirtd:
#     vol-upload / vol-download, --sparse too, on a dir pool of the host
#     storage driver and on the test driver's pool; abort and error paths
#     (tests/compat/stream_checks.py); non-blocking streams driven by stream
#     event callbacks (stream_events.py); a client killed with -9 in the middle
#     of a download leaves the daemon serving;
#   - the same clients on nuvirt's library (LD_LIBRARY_PATH=LIBDIR), whose
#     remote driver streams to nuvirtd and to a stock libvirtd (started
#     unprivileged on a temporary socket), where they must get what
#     stock's own client gets.
# Every daemon is started here and stopped by PID.  Skipped (77) without
# the stock clients.
set -u
nuvirtd=$1
libdir=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/stock-libvirtd.sh"
unset LD_LIBRARY_PATH LIBVIRT_DEFAULT_URI
pass=0 fail=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { echo "FAIL $1"; fail=$((fail + 1)); }

if [ ! -x /usr/bin/virsh ] || ! /usr/bin/python3 -c 'import libvirt' 2>/dev/null; then
    echo "SKIP: /usr/bin/virsh or python3-libvirt is not installed"
    exit 77
fi

tmp=$(mktemp -d)
chmod 755 "$tmp"
npid= spid= kpid=
cleanup() {
    for p in $npid $spid $kpid; do kill -9 "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT

# A sparse source file: 64 KiB of data, a 3 MiB hole, 4 KiB of data, a
# 1 MiB hole at the end.
head -c 65536 /dev/urandom > "$tmp/src.bin"
truncate -s $((65536 + 3 * 1048576)) "$tmp/src.bin"
head -c 4096 /dev/urandom >> "$tmp/src.bin"
truncate -s $((65536 + 4 * 1048576 + 4096)) "$tmp/src.bin"
size=$(stat -c %s "$tmp/src.bin")
blocks() { echo $(( $(stat -c %b "$1") * $(stat -c %B "$1") )); }

mkdir "$tmp/nuv" "$tmp/pool"
echo "unix_sock_dir = \"$tmp/nuv\"" > "$tmp/nuvirtd.conf"
"$nuvirtd" --config "$tmp/nuvirtd.conf" --root "$tmp/root" 2> "$tmp/nuvirtd.err" &
npid=$!
for _ in $(seq 100); do [ -S "$tmp/nuv/libvirt-sock" ] && break; sleep 0.05; done
[ -S "$tmp/nuv/libvirt-sock" ] || { ko "nuvirtd did not start"; cat "$tmp/nuvirtd.err"; exit 1; }
if [ "$(id -u)" = 0 ]; then hv=qemu:///system; else hv=qemu:///session; fi
huri="${hv/:\/\//+unix://}?socket=$tmp/nuv/libvirt-sock"
turi="test+unix:///default?socket=$tmp/nuv/libvirt-sock"

# $1: label, $2: URI, $3: pool, $4: LD_LIBRARY_PATH ('' for stock)
virsh_streams() {
    local label=$1 uri=$2 pool=$3 lib=$4 d=$tmp/out-$1
    mkdir -p "$d"
    out=$(LD_LIBRARY_PATH=$lib timeout 60 /usr/bin/virsh -c "$uri" \
        "vol-create-as $pool sv-$label 8M --format raw; \
         vol-upload sv-$label $tmp/src.bin --pool $pool --sparse; \
         vol-download sv-$label $d/sparse.bin --pool $pool --sparse; \
         vol-download sv-$label $d/plain.bin --pool $pool --length $size; \
         vol-upload sv-$label $tmp/src.bin --pool $pool; \
         vol-download sv-$label $d/again.bin --pool $pool --length $size; \
         vol-delete sv-$label --pool $pool" 2>&1)
    if grep -q error <<<"$out"; then
        ko "$label: virsh vol-upload/vol-download: $out"
        return
    fi
    cmp -s -n "$size" "$tmp/src.bin" "$d/sparse.bin" && cmp -s "$tmp/src.bin" "$d/plain.bin" &&
        cmp -s "$tmp/src.bin" "$d/again.bin" &&
        ok "$label: vol-upload/vol-download (plain and --sparse) round-trip the bytes" ||
        ko "$label: downloaded data differs from what was uploaded"
}

# ---- stock clients -> nuvirtd ----
LD_LIBRARY_PATH= timeout 30 /usr/bin/virsh -c "$huri" \
    "pool-create-as sp dir --target $tmp/pool" > /dev/null 2>&1
virsh_streams stock-nuvirtd "$huri" sp ''
d=$tmp/out-stock-nuvirtd
if [ -f "$d/sparse.bin" ] && [ "$(blocks "$d/sparse.bin")" -lt 1048576 ]; then
    ok "stock virsh vol-download --sparse from nuvirtd keeps the holes ($(blocks "$d/sparse.bin") bytes allocated of $(stat -c %s "$d/sparse.bin"))"
else
    ko "vol-download --sparse wrote the holes as data"
fi
virsh_streams ours-nuvirtd "$huri" sp "$libdir"
d=$tmp/out-ours-nuvirtd
[ -f "$d/sparse.bin" ] && [ "$(blocks "$d/sparse.bin")" -lt 1048576 ] &&
    ok "nuvirt's remote driver: vol-download --sparse keeps the holes" ||
    ko "nuvirt's remote driver: holes lost on download"

# The test driver's pool (volumes kept in memory) through one session.
out=$(timeout 60 /usr/bin/virsh -c "$turi" "vol-create-as default-pool tv 8M; \
    vol-upload tv $tmp/src.bin --pool default-pool; \
    vol-download tv $tmp/test-drv.bin --pool default-pool --length $size" 2>&1)
cmp -s "$tmp/src.bin" "$tmp/test-drv.bin" && ok "test driver: vol-upload/vol-download through nuvirtd" ||
    ko "test driver streams: $out"

for lib in '' "$libdir"; do
    who=${lib:+nuvirt\'s library}
    who=${who:-stock library}
    if LD_LIBRARY_PATH=$lib timeout 120 /usr/bin/python3 "$here/stream_checks.py" "$huri" sp "$tmp" \
            > "$tmp/py.out" 2>&1; then
        ok "python3-libvirt ($who) -> nuvirtd: $(grep -c ^PASS "$tmp/py.out") stream checks"
    else
        ko "python3-libvirt ($who) -> nuvirtd stream checks"; cat "$tmp/py.out"
    fi
    # Non-blocking streams driven by stream event callbacks.
    if LD_LIBRARY_PATH=$lib timeout 120 /usr/bin/python3 "$here/stream_events.py" "$huri" sp \
            > "$tmp/ev.out" 2>&1; then
        ok "python3-libvirt ($who) -> nuvirtd: $(grep -c ^PASS "$tmp/ev.out") stream event checks"
    else
        ko "python3-libvirt ($who) -> nuvirtd stream event checks"; cat "$tmp/ev.out"
    fi
done

# A client killed in the middle of a download: the daemon drops its stream
# and keeps serving.
cat > "$tmp/slow.py" <<PY
import libvirt, sys, time
c = libvirt.open("$huri")
p = c.storagePoolLookupByName("sp")
v = p.createXML("<volume><name>killme</name><capacity>16777216</capacity><target><format type='raw'/></target></volume>", 0)
st = c.newStream(0)
v.download(st, 0, 0, 0)
st.recv(4096)
print("reading", flush=True)
time.sleep(60)
PY
/usr/bin/python3 "$tmp/slow.py" > "$tmp/slow.out" 2>&1 &
kpid=$!
for _ in $(seq 100); do grep -q reading "$tmp/slow.out" && break; sleep 0.05; done
kill -9 "$kpid"; wait "$kpid" 2>/dev/null; kpid=
out=$(timeout 30 /usr/bin/virsh -c "$huri" "vol-delete killme --pool sp; vol-list sp" 2>&1)
grep -q "Vol killme deleted" <<<"$out" && kill -0 "$npid" &&
    ok "a client killed mid-download: nuvirtd still serves" || ko "after a killed client: $out"

kill -TERM "$npid"; wait "$npid"; st=$?; npid=
[ $st = 0 ] && ok "nuvirtd exit 0" || { ko "nuvirtd exit $st"; tail "$tmp/nuvirtd.err"; }

# ---- nuvirt's library -> stock libvirtd (session daemon run as nobody) ----
s=$tmp/stock
chmod 644 "$tmp/src.bin"
if stock_libvirtd_start "$s"; then
    mkdir "$s/pool" && chown nobody "$s/pool"
    suri="qemu+unix:///session?socket=$s/run/libvirt-sock"
    timeout 30 /usr/bin/virsh -c "$suri" "pool-create-as sp dir --target $s/pool" > /dev/null 2>&1
    virsh_streams stock-libvirtd "$suri" sp ''
    virsh_streams ours-libvirtd "$suri" sp "$libdir"
    same=1
    for f in sparse plain again; do
        cmp -s "$tmp/out-stock-libvirtd/$f.bin" "$tmp/out-ours-libvirtd/$f.bin" || same=0
    done
    [ $same = 1 ] && ok "nuvirt's remote driver -> libvirtd downloads what stock's client downloads" ||
        ko "nuvirt's remote driver -> libvirtd: downloads differ from stock's client"
    theirs=$(timeout 120 /usr/bin/python3 "$here/stream_checks.py" "$suri" sp "$tmp" 2>&1 | sed 's/(.*)//')
    mine=$(LD_LIBRARY_PATH=$libdir timeout 120 /usr/bin/python3 "$here/stream_checks.py" "$suri" sp "$tmp" 2>&1 |
           sed 's/(.*)//')
    if [ "$mine" = "$theirs" ] && [ -n "$mine" ]; then
        ok "python3-libvirt stream checks against libvirtd: nuvirt's library answers as stock's"
    else
        ko "stream checks against libvirtd differ"
        diff <(echo "$theirs") <(echo "$mine") | head -20
    fi
    if LD_LIBRARY_PATH=$libdir timeout 120 /usr/bin/python3 "$here/stream_events.py" "$suri" sp \
            > "$tmp/ev.out" 2>&1; then
        ok "python3-libvirt (nuvirt's library) -> libvirtd: $(grep -c ^PASS "$tmp/ev.out") stream event checks"
    else
        ko "python3-libvirt (nuvirt's library) -> libvirtd stream event checks"; cat "$tmp/ev.out"
    fi
    kill -TERM "$spid"; wait "$spid"; spid=
else
    echo "SKIP (part): stock libvirtd cannot be started unprivileged here"
fi

echo "$pass passed, $fail failed"
[ $fail = 0 ]
