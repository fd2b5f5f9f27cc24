#!/bin/bash
# The manual page and the bash completion of nuvsh.
#
#   man-completion.sh NUVSH MANPAGE COMPLETION BUILDDIR
#
# The page must render with groff without a warning and name every command
# 'nuvsh help' lists; the completion script, sourced into bash -c with the
# built nuvsh first on PATH, must complete commands, options and object
# names from the connection; 'meson introspect' must list both files for
# 'meson install'.  Skipped without groff or man.
set -u
nuvsh=$1 page=$2 completion=$3 builddir=$4
fail=0
ko() { echo "FAIL: $*"; fail=1; }

command -v groff >/dev/null && command -v man >/dev/null || { echo "SKIP: no groff/man"; exit 77; }

# --- the page -------------------------------------------------------------
warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
[ -z "$warnings" ] || ko "groff warnings: $warnings"
text=$(MANWIDTH=100 man -l "$page" 2>&1) || ko "man -l failed"
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS ENVIRONMENT "EXIT STATUS"; do
    grep -q "^$section" <<< "$text" || ko "section $section missing"
done
missing=0
for cmd in $("$nuvsh" help | awk '/^    /{print $1}'); do
    grep -qE "^ +$cmd( |$)" <<< "$text" || { missing=$((missing + 1)); echo "not in the page: $cmd"; }
done
[ $missing = 0 ] || ko "$missing commands missing from the page"
grep -q -- 'list .*\[--json\]' <<< "$text" || ko "list's synopsis lacks --json"

# --- completion ---------------------------------------------------------
bindir=$(mktemp -d)
trap 'rm -rf "$bindir"' EXIT
ln -s "$(realpath "$nuvsh")" "$bindir/nuvsh"

# complete LINE: the candidates bash would offer for LINE (cursor at end)
complete_line() {
    PATH="$bindir:$PATH" bash -c '
        source "$1"
        COMP_LINE=$2; COMP_POINT=${#2}
        COMP_WORDS=($2); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
        _nuvsh nuvsh
        printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$1"
}

expect() {  # expect LINE WORD: WORD is among the candidates for LINE
    local got
    got=$(complete_line "$1")
    grep -qxF -- "$2" <<< "$got" || ko "completing '$1': '$2' not in [$(echo $got)]"
}
refuse() {  # refuse LINE WORD: WORD is not among them
    local got
    got=$(complete_line "$1")
    grep -qxF -- "$2" <<< "$got" && ko "completing '$1': '$2' offered"
    return 0
}

u=test:///default
expect "nuvsh -c $u domi" dominfo
expect "nuvsh -c $u domi" domiflist
refuse "nuvsh -c $u domi" list
expect "nuvsh -c $u dominfo " test
expect "nuvsh -c $u dominfo t" test
expect "nuvsh -c $u dominfo test --" --json
expect "nuvsh -c $u net-info " default
expect "nuvsh -c $u vol-list " default-pool
expect "nuvsh --connect=$u list --st" --state-running
expect "nuvsh --" --connect
expect "nuvsh -c $u li" list

# --- meson install ----------------------------------------------------------
if command -v meson >/dev/null; then
    installed=$(meson introspect --installed "$builddir" 2>/dev/null)
    grep -q 'man1/nuvsh.1"' <<< "$installed" || ko "meson does not install nuvsh.1"
    grep -q 'bash-completion/completions/nuvsh"' <<< "$installed" ||
        ko "meson does not install the completion"
fi

[ $fail = 0 ] && echo "man page and completion: ok"
exit $fail
