#!/bin/bash
# run-lxcbench.sh [BUILD] [RUNS]: container start (define + start until the
# init's first console line) and destroy, on nuvirt's lxc:///embed and on
# stock libvirt's LXC driver (a private libvirtd in a mount namespace of its
# own, so that the host's /etc/libvirt, /var/lib/libvirt and /run/libvirt
# are never touched), against the floor: bare unshare + exec of the same
# init.  Run as root.  Prints medians and ratios.
set -u
BUILD=$(realpath "${1:-build}")
RUNS=${2:-20}
[ "$(id -u)" = 0 ] || { echo "lxcbench: needs root"; exit 77; }
TMP=$(mktemp -d /tmp/lxcbench-XXXXXX)
trap 'rm -rf "$TMP"' EXIT
ROOT=$TMP/root

# the container's root: busybox (and its libraries unless it is static)
mkdir -p "$ROOT/bin" "$ROOT/proc" "$ROOT/sys" "$ROOT/dev" "$ROOT/tmp"
BB=$(command -v busybox) || { echo "lxcbench: no busybox"; exit 77; }
cp "$BB" "$ROOT/bin/busybox"
for lib in $(ldd "$BB" 2>/dev/null | grep -o '/[^ ]*'); do
    mkdir -p "$ROOT$(dirname "$lib")" && cp "$lib" "$ROOT$lib"
done
ln -s busybox "$ROOT/bin/sh"
ln -s busybox "$ROOT/bin/sleep"
printf '#!/bin/sh\necho NUVBENCH up\nexec sleep 1000\n' > "$ROOT/init"
chmod 755 "$ROOT/init"

floor=$("$BUILD/bench/lxcbench-nuvirt" --floor "$ROOT" "$RUNS") || exit 1
echo "$floor"
nuv=$(LD_LIBRARY_PATH=$BUILD/src/lib "$BUILD/bench/lxcbench-nuvirt" \
      "lxc:///embed?root=$TMP/state" "$ROOT" "$RUNS" "$TMP/state") || { echo "$nuv"; exit 1; }
echo "nuvirt: $nuv"

stock="not run (no lxcbench-libvirt or libvirtd)"
if [ -x "$BUILD/bench/lxcbench-libvirt" ] && [ -x /usr/sbin/libvirtd ] &&
   [ -e /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_lxc.so ]; then
    mkdir -p "$TMP/drv"
    ln -s /usr/lib/x86_64-linux-gnu/libvirt/connection-driver/libvirt_driver_lxc.so "$TMP/drv/"
    cat > "$TMP/stock.sh" <<EOS
for d in /run/libvirt /etc/libvirt /var/lib/libvirt /var/cache/libvirt /var/log/libvirt; do
    mkdir -p \$d && mount -t tmpfs none \$d
done
echo 'unix_sock_dir = "/run/libvirt"' > /etc/libvirt/libvirtd.conf
LIBVIRT_DRIVER_DIR=$TMP/drv /usr/sbin/libvirtd -f /etc/libvirt/libvirtd.conf \\
    -p /run/libvirt/libvirtd.pid >/dev/null 2>&1 &
for i in \$(seq 50); do [ -S /run/libvirt/libvirt-sock ] && break; sleep 0.1; done
"$BUILD/bench/lxcbench-libvirt" lxc:///system "$ROOT" "$RUNS" 2>/dev/null
kill %1; wait
EOS
    stock=$(unshare -m bash "$TMP/stock.sh" | tail -1)
fi
echo "stock libvirt: $stock"

f=$(echo "$floor" | sed -n 's/.*median \([0-9.]*\) ms.*/\1/p')
n=$(echo "$nuv" | sed -n 's/.*start median \([0-9.]*\) ms.*/\1/p')
s=$(echo "$stock" | sed -n 's/.*start median \([0-9.]*\) ms.*/\1/p')
awk -v f="$f" -v n="$n" -v s="$s" 'BEGIN {
    printf "ratio start nuvirt/floor %.2f (target <= 1.5)\n", n / f
    if (s != "") printf "ratio start stock/nuvirt %.2f (target >= 3)\n", s / n
}'
