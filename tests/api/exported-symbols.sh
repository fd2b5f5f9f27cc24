#!/bin/bash
# exported-symbols.sh LIBVIRT LIBVIRT_QEMU LIBVIRT_LXC
#
# Every public function of libvirt 9.0 (and the variable
# virConnectAuthPtrDefault) is exported with its symbol version, and nothing
# internal leaks out besides the documented private nodes.  The expected
# list comes from our API description, which states each symbol's version.
set -u
here=$(cd "$(dirname "$0")" && pwd)
desc="$here/../../src/api/libvirt.api"
fail=0

check() {   # LIB PREFIX FILTER
    local lib=$1 prefix=$2 filter=$3
    local want got
    want=$(awk -v f="$filter" '/^vir/ && ((f == "" && $0 !~ / lib=/) || (f != "" && $0 ~ " lib=" f " ")) {
               for (i = 2; i <= NF; i++) if ($i ~ /^since=/) { sub("since=", "", $i); print $1, $i } }' "$desc" |
           awk -v p="$prefix" '{print p $2, $1}' | sort)
    got=$(objdump -T "$lib" | awk '$4 != "*UND*" && $NF ~ /^vir/ && $(NF-1) ~ /^LIBVIRT_[0-9QL]/ && $(NF-1) !~ /PRIVATE/ {print $(NF-1), $NF}' | sort -u)
    if [ "$want" != "$got" ]; then
        echo "FAIL $(basename "$lib"): exported symbols differ from the description"
        diff <(echo "$want") <(echo "$got") | head -20
        fail=1
    else
        echo "PASS $(basename "$lib"): $(echo "$got" | wc -l) public symbols with libvirt's versions"
    fi
    # Nothing else: only vir* public names and the private nodes.
    local stray
    stray=$(objdump -T "$lib" | awk '$4 != "*UND*" && $4 != "" && $NF !~ /^(vir|_init|_fini|LIBVIRT|NUVIRT)/ && $(NF-1) !~ /PRIVATE/ && $2 ~ /g/ {print $NF}' | head -5)
    if [ -n "$stray" ]; then
        echo "FAIL $(basename "$lib"): unexpected exports: $stray"
        fail=1
    fi
}

check "$1" LIBVIRT_ ""
check "$2" LIBVIRT_QEMU_ qemu
check "$3" LIBVIRT_LXC_ lxc
if [ $fail = 0 ]; then echo "3 passed, 0 failed"; else echo "0 passed, 1 failed"; fi
exit $fail
