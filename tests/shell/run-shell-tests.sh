#!/bin/bash
#
# run-shell-tests.sh: run the nuvsh scripts of this directory and compare
# what they print with the expected output.
#
#   run-shell-tests.sh SHELL                    compare every case, exit 1 on any failure
#   run-shell-tests.sh SHELL NAME...            compare only the named cases
#   run-shell-tests.sh --regenerate VIRSH       rewrite the .out of the oracle cases
#                                               from stock virsh
#   run-shell-tests.sh --regenerate-own NUVSH   rewrite the .out of the nuvsh-* cases
#                                               (help texts etc. that are ours)
#
# See README.md for the layout of a case.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

set -u

here=$(cd "$(dirname "$0")" && pwd)
mode=compare

case "${1:-}" in
--regenerate) mode=regenerate; shift ;;
--regenerate-own) mode=regenerate-own; shift ;;
esac

if [ $# -lt 1 ]; then
    echo "usage: $0 [--regenerate|--regenerate-own] SHELL [CASE...]" >&2
    exit 2
fi

shell_bin=$1
shift
case "$shell_bin" in
/*) ;;
*) shell_bin="$(pwd)/$shell_bin" ;;
esac

if [ ! -x "$shell_bin" ]; then
    echo "$0: '$shell_bin' is not an executable" >&2
    exit 2
fi

# Messages and number formats as the expected files have them; no default
# URI from the caller's environment.
export LC_ALL=C TZ=UTC
unset VIRSH_DEFAULT_CONNECT_URI NUVSH_DEFAULT_CONNECT_URI LIBVIRT_DEFAULT_URI

# Output that differs from run to run is replaced by a fixed word.
normalize() {
    sed -e 's/^\(CPU time: *\)[0-9.]*s$/\1(wall clock)/' \
        -e 's/[0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9] [+-][0-9]\{4\}/(date)/g' \
        -e 's/^\(virsh\|nuvsh\) # /SHELL # /'
}

run_case() {
    local name=$1
    local args=()

    if [ -f "$here/$name.args" ]; then
        read -r -a args < "$here/$name.args"
    fi

    (
        cd "$here" || exit 2
        if [[ "$name" == *-interactive ]]; then
            # Lines from standard input as in an interactive session; the
            # welcome text before the first prompt is each shell's own.
            "$shell_bin" -c test:///default "${args[@]}" < "$name.in" 2>&1 |
                sed -n '/^\(virsh\|nuvsh\) # /,$p'
            echo "exit status: ${PIPESTATUS[0]}"
        else
            # The whole file as one command string, as in: virsh "cmd; cmd".
            "$shell_bin" -c test:///default "${args[@]}" "$(cat "$name.in")" 2>&1
            echo "exit status: $?"
        fi
    ) | normalize
}

if [ $# -gt 0 ]; then
    cases=("$@")
else
    cases=()
    for f in "$here"/*.in; do
        cases+=("$(basename "$f" .in)")
    done
fi

pass=0
fail=0
for name in "${cases[@]}"; do
    if [ ! -f "$here/$name.in" ]; then
        echo "FAIL: $name (no $name.in)"
        fail=$((fail + 1))
        continue
    fi

    case "$mode" in
    regenerate|regenerate-own)
        own=no
        [[ "$name" == nuvsh-* ]] && own=yes
        if { [ "$mode" = regenerate ] && [ $own = yes ]; } ||
           { [ "$mode" = regenerate-own ] && [ $own = no ]; }; then
            continue
        fi
        run_case "$name" > "$here/$name.out"
        echo "WROTE: $name.out"
        continue
        ;;
    esac

    # nuvsh-* expectations are nuvsh's own words; stock virsh cannot match them
    if [[ "$name" == nuvsh-* ]] && [ "$(basename "$shell_bin")" = virsh ]; then
        echo "SKIP: $name (nuvsh's own output)"
        continue
    fi

    if [ ! -f "$here/$name.out" ]; then
        echo "FAIL: $name (no $name.out)"
        fail=$((fail + 1))
        continue
    fi

    actual=$(mktemp)
    run_case "$name" > "$actual"
    if cmp -s "$actual" "$here/$name.out"; then
        echo "PASS: $name"
        pass=$((pass + 1))
    else
        echo "FAIL: $name"
        diff -u "$here/$name.out" "$actual" | sed 's/^/    /'
        fail=$((fail + 1))
    fi
    rm -f "$actual"
done

if [ "$mode" = compare ]; then
    echo "$pass passed, $fail failed"
    [ $fail -eq 0 ] || exit 1
fi
exit 0
