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

# Lines run in parallel (NUVSH_COMPARE_JOBS, default 4): each command
# spends most of its time starting up, not on a CPU.  Results are
# collected in list order, so the report reads the same either way.
jobs=${NUVSH_COMPARE_JOBS:-4}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

compare_one() {
    local n=$1 line
    line=$(sed -n "${n}p" "$here/compare.list")
    expected=$(run "$virsh" "$line")
    # stock virsh 9.0 now and then hangs on exit with test:///default;
    # a hang of the reference is retried, never one of nuvsh
    local try=1
    while [ $try -lt 4 ]; do
        case "$expected" in *"exit status: 124") ;; *) break ;; esac
        expected=$(run "$virsh" "$line")
        try=$((try + 1))
    done
    actual=$(run "$nuvsh" "$line")
    case "$expected" in *"exit status: 124")
        # the reference hung four times: no verdict on this line, and
        # the report says so instead of counting it as passed
        echo "NO REFERENCE (stock virsh hung): $line" > "$work/$n.skip"
        return ;;
    esac
    if [ "$expected" = "$actual" ]; then
        : > "$work/$n.pass"
    else
        { echo "FAIL: $line"
          diff -u <(echo "$expected") <(echo "$actual") | sed 's/^/    /'
        } > "$work/$n.fail"
    fi
}
export -f compare_one run normalize
export here virsh nuvsh work

grep -n -v -e '^$' -e '^#' "$here/compare.list" | cut -d: -f1 |
    xargs -P "$jobs" -I{} bash -c 'compare_one {}'

pass=0
fail=0
noref=0
for n in $(grep -n -v -e '^$' -e '^#' "$here/compare.list" | cut -d: -f1); do
    if [ -e "$work/$n.pass" ]; then
        pass=$((pass + 1))
    elif [ -e "$work/$n.skip" ]; then
        cat "$work/$n.skip"
        noref=$((noref + 1))
    else
        [ -e "$work/$n.fail" ] && cat "$work/$n.fail" || echo "FAIL: line $n did not run"
        fail=$((fail + 1))
    fi
done

echo "$pass passed, $fail failed, $noref without a reference"
[ $fail -eq 0 ]
