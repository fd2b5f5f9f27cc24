#!/bin/bash
# install-deps.sh [--test]: install what nuvirt needs on Debian 12 (as root).
# With --test, also what the tests use: stock libvirt's clients and headers
# as an oracle and benchmark peer (never linked into nuvirt itself).
set -eu

build_pkgs=(gcc meson ninja-build pkg-config python3 libglib2.0-dev libxml2-dev
            libreadline-dev libjson-c-dev python3-dev
            dnsmasq-base nftables    # the network driver runs them
            lvm2 parted)             # the storage driver's logical and disk pools
test_pkgs=(libvirt-clients python3-libvirt libvirt-dev qemu-system-x86 qemu-utils
           golang-go golang-github-digitalocean-go-libvirt-dev libsys-virt-perl
           python3-pytest busybox   # busybox: udhcpc in the network test
           libvirt-daemon           # stock libvirtd: the storage comparison, benchmarks
           libvirt-daemon-driver-qemu  # stock QEMU driver: the address oracle
           iptables)                # the network driver without nft

pkgs=("${build_pkgs[@]}")
if [ "${1:-}" = "--test" ]; then
    pkgs+=("${test_pkgs[@]}")
fi

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "install-deps: missing packages (${missing[*]}); run as root" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi
