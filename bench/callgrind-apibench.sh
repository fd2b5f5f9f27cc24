#!/bin/bash
# callgrind-apibench.sh: instruction counts of apibench's timed rows, for
# one or more builds of apibench-nuvirt (or apibench-libvirt).
#
# Wall-clock figures on a loaded machine move by tens of percent between
# runs; the number of instructions executed in each row's timed loop does
# not, so this is the steady figure for "is this change slower".  Each row
# runs once under valgrind's callgrind with collection switched on only
# inside the row's timed function (benchLookupRun, benchListRun,
# benchDefineRun), and the count is divided by the row's unit of work.
#
# usage: bench/callgrind-apibench.sh BINARY [BINARY...]
#   sizes: APIBENCH_CG_PAIRS (default 20000), APIBENCH_CG_DOMAINS (1000),
#          APIBENCH_CG_LIST_ITERS (5)
set -euo pipefail

if ! command -v valgrind >/dev/null; then
    echo "valgrind is not installed" >&2
    exit 77
fi
if [ $# -lt 1 ]; then
    echo "usage: $0 BINARY [BINARY...]" >&2
    exit 2
fi

pairs=${APIBENCH_CG_PAIRS:-20000}
domains=${APIBENCH_CG_DOMAINS:-1000}
iters=${APIBENCH_CG_LIST_ITERS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# row, timed function, unit of work, its count
rows=(
    "lookup benchLookupRun lookup+getInfo+free $pairs"
    "list benchListRun listAllDomains($((domains + 1))) $iters"
    "define benchDefineRun define+undefine $domains"
)

printf '%-8s %-28s' row unit
for b in "$@"; do b=$(realpath "$b"); printf ' %16s' "$(basename "${b%/build/bench/*}")"; done
printf '\n'
for r in "${rows[@]}"; do
    set -- "$@"
    read -r row fn unit count <<<"$r"
    printf '%-8s %-28s' "$row" "$unit"
    for b in "$@"; do
        out="$tmp/cg.out"
        valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$fn" \
            "$b" --rows="$row" --runs=1 --pairs="$pairs" --domains="$domains" \
            --list-iters="$iters" >"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; exit 1; }
        ir=$(sed -n 's/^summary: //p' "$out")
        printf ' %16s' "$((ir / count)) Ir"
    done
    printf '\n'
done
