#!/bin/bash
#
# compare-stock.sh: run each line of compare.list through stock virsh (on
# stock libvirt) and through nuvsh, both on a fresh test:///default, and
# compare what they print and their exit status.
#
#   compare-stock.sh NUVSH [VIRSH]        VIRSH defaults to /usr/bin/virsh
#
# Each line is one command string, run as: SHELL -c test:///default "LINE"
# from this directory.  Blank lines and lines starting with '#' are skipped.
# Without stock virsh (or when it cannot open test:///default) the test is
# skipped with exit status 77.  The committed NAME.in/NAME.out cases cover
# the same ground without stock virsh; this list adds one fresh process per
# line, so a command is checked on its own and not only after others.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

here=$(cd "$(dirname "$0")" && pwd)
nuvsh=${1:?usage: $0 NUVSH [VIRSH]}
virsh=${2:-/usr/bin/virsh}
case "$nuvsh" in /*) ;; *) nuvsh="$(pwd)/$nuvsh" ;; esac

export LC_ALL=C TZ=UTC
unset VIRSH_DEFAULT_CONNECT_URI NUVSH_DEFAULT_CONNECT_URI LIBVIRT_DEFAULT_URI
# stock virsh must load stock libvirt, whatever the caller's environment
unset LD_LIBRARY_PATH LD_PRELOAD

if [ ! -x "$virsh" ] || ! "$virsh" -c test:///default uri >/dev/null 2>&1; then
    echo "SKIP: no stock virsh able to open test:///default at $virsh"
    exit 77
fi

normalize() {
    sed -e 's/^\(CPU time: *\)[0-9.]*s$/\1(wall clock)/' \
        -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9] [+-][0-9]\{4\}/(date)/g'
}

run() {
    (cd "$here" && timeout 20 "$1" -c test:///default "$2" 2>&1; echo "exit status: $?") | normalize
}

pass=0
fail=0
while IFS= read -r line; do
    case "$line" in ''|'#'*) continue ;; esac
    expected=$(run "$virsh" "$line")
    actual=$(run "$nuvsh" "$line")
    if [ "$expected" = "$actual" ]; then
        pass=$((pass + 1))
    else
        echo "FAIL: $line"
        diff -u <(echo "$expected") <(echo "$actual") | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done < "$here/compare.list"

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
