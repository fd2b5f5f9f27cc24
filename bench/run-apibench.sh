#!/bin/bash
# run-apibench.sh: run apibench built against nuvirt and against stock libvirt
# alternately, in one session, and print both medians and their ratio per row.
#
# usage: bench/run-apibench.sh [--rounds=N] NUVIRT-BINARY STOCK-BINARY [APIBENCH-OPTION]...
#
#   NUVIRT-BINARY   build/bench/apibench-nuvirt
#   STOCK-BINARY    build/bench/apibench-libvirt
#                   Either may be "-" to run only the other one (no ratios).
#   --rounds=N      rounds (default 5). Each round runs every row once in each
#                   binary, one process per row and binary, and swaps which
#                   binary goes first, so machine noise falls on both alike.
#   other options   passed to both binaries (--rows=, --pairs=, --domains=,
#                   --list-iters=, --uri=); --runs and --json are set here.
#
# Environment: APIBENCH_SAME_LIB_OK=1 allows both binaries to load the same
# library (e.g. the stock binary twice, to see the noise floor: ratios ~1.0).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -euo pipefail

usage() {
    sed -n '5,17p' "$0" | sed 's/^# \{0,1\}//'
}

rounds=5
pos=()
extra=()
rows="lookup,list,define"
for arg in "$@"; do
    case "$arg" in
        --rounds=*) rounds=${arg#--rounds=} ;;
        --rows=*) rows=${arg#--rows=} ;;
        --runs=*|--json) echo "run-apibench: $arg is set by this script" >&2; exit 2 ;;
        -h|--help) usage; exit 0 ;;
        --*) extra+=("$arg") ;;
        *) pos+=("$arg") ;;
    esac
done
if [ "${#pos[@]}" -ne 2 ]; then
    usage >&2
    exit 2
fi
case "$rounds" in
    ''|*[!0-9]*|0) echo "run-apibench: invalid --rounds '$rounds'" >&2; exit 2 ;;
esac

nuvirt=${pos[0]}
stock=${pos[1]}
for b in "$nuvirt" "$stock"; do
    if [ "$b" != "-" ] && [ ! -x "$b" ]; then
        echo "run-apibench: '$b' is not an executable" >&2
        exit 2
    fi
done
if [ "$nuvirt" = "-" ] && [ "$stock" = "-" ]; then
    echo "run-apibench: nothing to run" >&2
    exit 2
fi

# Both libraries have the soname libvirt.so.0: a LD_LIBRARY_PATH pointing at
# nuvirt's build tree would make the stock binary load nuvirt. The nuvirt
# binary finds its library through its build rpath, so it needs neither.
run_one() {
    local variant=$1 bin=$2 row=$3
    if [ "$variant" = libvirt ]; then
        env -u LD_LIBRARY_PATH -u LD_PRELOAD "$bin" --rows="$row" --runs=1 --json "${extra[@]}"
    else
        "$bin" --rows="$row" --runs=1 --json "${extra[@]}"
    fi
}

out=$(mktemp "${TMPDIR:-/tmp}/run-apibench.XXXXXX")
trap 'rm -f "$out"' EXIT

IFS=, read -r -a rowlist <<< "$rows"
for ((round = 1; round <= rounds; round++)); do
    if ((round % 2)); then
        order=(nuvirt libvirt)
    else
        order=(libvirt nuvirt)
    fi
    for row in "${rowlist[@]}"; do
        for variant in "${order[@]}"; do
            if [ "$variant" = nuvirt ]; then bin=$nuvirt; else bin=$stock; fi
            [ "$bin" = "-" ] && continue
            printf 'round %d/%d: %-7s %s\n' "$round" "$rounds" "$variant" "$row" >&2
            if ! json=$(run_one "$variant" "$bin" "$row"); then
                echo "run-apibench: $variant ($bin) failed on row '$row'" >&2
                exit 1
            fi
            # one line per sample: variant, then the binary's JSON on one line
            printf '%s\t%s\n' "$variant" "$(tr -d '\n' <<< "$json")" >> "$out"
        done
    done
done

python3 - "$out" "$rounds" <<'EOF'
import json
import os
import statistics
import sys

path, rounds = sys.argv[1], int(sys.argv[2])
samples = {}   # (variant, row) -> [seconds]
rates = {}     # (variant, row) -> [rate in the row's unit]
info = {}      # row -> (title, work, rate_unit)
libs = {}      # variant -> "path (version)"
order = []
with open(path) as f:
    for line in f:
        variant, text = line.rstrip("\n").split("\t", 1)
        doc = json.loads(text)
        libs.setdefault(variant, set()).add("%s (%s)" % (doc["lib"], doc["version"]))
        for r in doc["rows"]:
            if r["row"] not in info:
                order.append(r["row"])
                info[r["row"]] = (r["title"], r["work"], r["rate_unit"])
            samples.setdefault((variant, r["row"]), []).extend(r["runs_s"])
            rates.setdefault((variant, r["row"]), []).extend(r["runs_rate"])

for variant, s in libs.items():
    if len(s) != 1:
        sys.exit("run-apibench: %s loaded different libraries: %s" % (variant, sorted(s)))
if ("nuvirt" in libs and "libvirt" in libs and libs["nuvirt"] == libs["libvirt"]
        and os.environ.get("APIBENCH_SAME_LIB_OK") != "1"):
    sys.exit("run-apibench: both binaries loaded %s; refusing to compare a "
             "library with itself (APIBENCH_SAME_LIB_OK=1 to allow)"
             % next(iter(libs["nuvirt"])))

print("apibench: %d rounds, binaries alternating, median of the samples" % rounds)
for variant in ("nuvirt", "libvirt"):
    print("  %-7s %s" % (variant, next(iter(libs[variant])) if variant in libs else "skipped"))
print()
print("%-22s %-34s %12s %12s %16s" % ("row", "one sample", "nuvirt s", "libvirt s",
                                      "libvirt/nuvirt"))
finals = []
for row in order:
    title, work, unit = info[row]
    med = {}
    mrate = {}
    for variant in ("nuvirt", "libvirt"):
        if (variant, row) in samples:
            med[variant] = statistics.median(samples[(variant, row)])
            mrate[variant] = statistics.median(rates[(variant, row)])
    cells = ["%12.6f" % med[v] if v in med else "%12s" % "-" for v in ("nuvirt", "libvirt")]
    if len(med) == 2 and med["nuvirt"] > 0:
        ratio = med["libvirt"] / med["nuvirt"]
        cells.append("%16.2f" % ratio)
        if ratio >= 1:
            verdict = "nuvirt is %.2fx faster" % ratio
        else:
            verdict = "nuvirt is %.2fx slower" % (1 / ratio)
        finals.append("%s: %s (%s: nuvirt %.4g, libvirt %.4g %s)"
                      % (title, verdict, work, mrate["nuvirt"], mrate["libvirt"], unit))
    else:
        cells.append("%16s" % "-")
        for v, m in med.items():
            finals.append("%s: %s only, %.4g %s (%s)" % (title, v, mrate[v], unit, work))
    print("%-22s %-34s %s" % (title, work, " ".join(cells)))
print()
for line in finals:
    print(line)
EOF
