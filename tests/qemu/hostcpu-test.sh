#!/bin/bash
# hostcpu-test.sh NUVSH: the <host><cpu> of nuvirt's QEMU capabilities
# (model, vendor, signature, topology, maxphysaddr, features, pages) is
# the one stock libvirt 9.0's QEMU driver reports on this host, line for
# line, when stock's driver is installed to ask; without it, the model is
# still named when libvirt's CPU map is there, and never invented when not.
set -u
nuvsh=$1
qemu=/usr/bin/qemu-system-x86_64
stockdrv=/usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_qemu.so
[ -x "$qemu" ] || { echo "SKIP: no $qemu"; exit 77; }
[ "$(uname -m)" = x86_64 ] || { echo "SKIP: not an x86_64 host"; exit 77; }

tmp=$(mktemp -d /tmp/nuv-hostcpu-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
hostcpu() { sed -n '/<host>/,/<\/host>/p' "$1" | sed -n '/^    <cpu>/,/^    <\/cpu>/p'; }

"$nuvsh" -q -c "qemu:///embed?root=$tmp/nuv" capabilities > "$tmp/nuv.xml" 2>&1 ||
    { echo "FAIL: capabilities: $(cat "$tmp/nuv.xml")"; exit 1; }
hostcpu "$tmp/nuv.xml" > "$tmp/nuv.cpu"
grep -q "<arch>x86_64</arch>" "$tmp/nuv.cpu" || { echo "FAIL: no host <cpu>"; cat "$tmp/nuv.xml"; exit 1; }

if [ -e "$stockdrv" ] && [ -x /usr/bin/virsh ]; then
    mkdir -p "$tmp/stock" && chmod 777 "$tmp/stock"
    as_user=()
    [ "$(id -u)" = 0 ] && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    env -i PATH=/usr/bin:/bin HOME="$tmp/stock" "${as_user[@]}" \
        virsh -q -c "qemu:///embed?root=$tmp/stock/root" capabilities > "$tmp/stock.xml" 2>&1
    hostcpu "$tmp/stock.xml" > "$tmp/stock.cpu"
    if ! grep -q "<model>" "$tmp/stock.cpu"; then
        echo "note: stock names no host CPU model here"
    fi
    if diff "$tmp/stock.cpu" "$tmp/nuv.cpu"; then
        echo "ok: the host <cpu> is stock's ($(grep -c '<feature' "$tmp/nuv.cpu") features, model $(sed -n 's/.*<model>\(.*\)<\/model>.*/\1/p' "$tmp/nuv.cpu"))"
        exit 0
    fi
    echo "FAIL: the host <cpu> differs from stock's (above: < stock, > nuvirt)"
    exit 1
fi
echo "note: stock libvirt's QEMU driver is not installed: not compared"
if [ -e /usr/share/libvirt/cpu_map/index.xml ]; then
    grep -q "<model>" "$tmp/nuv.cpu" || { echo "FAIL: no model with libvirt's CPU map"; exit 1; }
    echo "ok: model $(sed -n 's/.*<model>\(.*\)<\/model>.*/\1/p' "$tmp/nuv.cpu")"
else
    ! grep -q "<model>" "$tmp/nuv.cpu" || { echo "FAIL: a model without libvirt's CPU map"; exit 1; }
    echo "ok: no CPU map, no model"
fi
