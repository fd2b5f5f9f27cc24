#!/bin/sh
# Check that a libvirt.so.0 defines every symbol of libvirt's private ABI
# that Debian's prebuilt virsh imports, under the same version node.
#
# usage: compat-symbols.sh <path-to-libvirt.so.0> [virsh binary]
# Exit 77 (skipped) when objdump or the virsh binary is missing.

lib=$1
virsh=${2:-/usr/bin/virsh}
node=LIBVIRT_PRIVATE_9.0.0

if [ -z "$lib" ] || [ ! -f "$lib" ]; then
    echo "usage: $0 <path-to-libvirt.so.0> [virsh]" >&2
    exit 2
fi
if ! command -v objdump >/dev/null 2>&1; then
    echo "SKIP: objdump not found"
    exit 77
fi
if [ ! -x "$virsh" ]; then
    echo "SKIP: $virsh not found"
    exit 77
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# Imported symbols are undefined (*UND*) entries carrying the version node.
objdump -T "$virsh" | awk -v n="$node" '$0 ~ n && /\*UND\*/ {print $NF}' |
    sort -u > "$tmp/wanted"
# Defined ones sit in a real section and carry the same node.
objdump -T "$lib" | awk -v n="$node" '$0 ~ n && !/\*UND\*/ && !/\*ABS\*/ {print $NF}' |
    sort -u > "$tmp/have"

wanted=$(wc -l < "$tmp/wanted")
if [ "$wanted" -eq 0 ]; then
    echo "SKIP: $virsh imports nothing from $node"
    exit 77
fi

missing=$(comm -23 "$tmp/wanted" "$tmp/have")
if [ -n "$missing" ]; then
    echo "FAIL: $(echo "$missing" | wc -l) of $wanted symbols missing from $lib ($node):"
    echo "$missing" | sed 's/^/  /'
    exit 1
fi
echo "PASS: all $wanted $node symbols virsh imports are defined in $lib"
exit 0
