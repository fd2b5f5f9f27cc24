#!/bin/bash
# run-qemubench.sh: start and destroy a real QEMU guest on qemu:///embed with
# nuvirt and with stock libvirt, plus bare QEMU as the floor; then bulk
# statistics of 4 running guests and save/restore of a 256 MiB guest.  Prints
# the medians and the ratios (libvirt / nuvirt: above 1, nuvirt is faster).
#
# usage: bench/run-qemubench.sh [BUILD-DIR] [RUNS]
#
# Stock libvirt's QEMU driver refuses to initialise as root on a host
# without its 'libvirt-qemu' user, so when run as root both libraries run
# as 'nobody' (setpriv), each in a fresh root directory of its own.
set -euo pipefail
build=${1:-build}
runs=${2:-7}
nuv=$build/bench/qemubench-nuvirt
stock=$build/bench/qemubench-libvirt
[ -x /usr/bin/qemu-system-x86_64 ] || { echo "no qemu-system-x86_64" >&2; exit 77; }

as_user=()
if [ "$(id -u)" = 0 ]; then
    as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
tmp=$(mktemp -d /tmp/qemubench-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

run() {  # NAME BINARY ARGS...
    local name=$1 bin=$2; shift 2
    mkdir -p "$tmp/$name"
    [ "${#as_user[@]}" -gt 0 ] && chown 65534:65534 "$tmp/$name"
    env -i PATH=/usr/bin:/bin HOME="$tmp/$name" "${as_user[@]}" "$bin" "$@" \
        > "$tmp/$name.out" 2> "$tmp/$name.err" || {
        echo "$name failed:" >&2; cat "$tmp/$name.err" >&2; return 1; }
}

run bare "$nuv" --bare "$tmp/bare" "$runs"
run nuvirt "$nuv" "$tmp/nuvirt" "$runs"
have_stock=0
if [ -x "$stock" ] && run stock "$stock" "$tmp/stock" "$runs"; then
    have_stock=1
fi

val() { awk -v k="$2" '$1 == k { print $2 }' "$tmp/$1.out"; }
bare_ms=$(val bare bare-launch-ms)
printf '%-22s %12s %12s %10s\n' row nuvirt libvirt ratio
for k in open-ms caps-cold-ms caps-warm-ms first-define-ms start-ms boot-marker-ms destroy-ms rss-idle-kib \
         rss-per-vm-kib threads-per-vm all-stats-4vm-ms save-256m-ms restore-256m-ms; do
    n=$(val nuvirt "$k"); s=-; r=-
    if [ $have_stock = 1 ]; then
        s=$(val stock "$k")
        r=$(awk -v a="$s" -v b="$n" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
    fi
    printf '%-22s %12s %12s %10s\n' "$k" "$n" "$s" "$r"
done
printf '%-22s %12s\n' bare-launch-ms "$bare_ms"
awk -v a="$(val nuvirt start-ms)" -v b="$bare_ms" \
    'BEGIN { printf "nuvirt start / bare launch: %.2f\n", a / b }'
