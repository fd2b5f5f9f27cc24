#!/bin/sh
# Rules of the tree that a reviewer would otherwise have to remember:
#  - errors are reported through the macros of src/util/error.h, so no
#    call site spells __FILE__/__LINE__ itself;
#  - no hand-written C, header or Python file is longer than 1,500 lines.
# usage: tree-rules.sh <source root>
root=${1:?usage: tree-rules.sh <source root>}
cd "$root" || exit 2
fail=0

spelled=$(grep -rln '__FILE__' src tools --include='*.c' --include='*.h' |
          grep -v '^src/util/error\.h$')
if [ -n "$spelled" ]; then
    echo "FAIL: __FILE__ spelled outside src/util/error.h (use nuvReportError*):"
    echo "$spelled" | sed 's/^/  /'
    fail=1
fi

# Generated code lives in the build tree, so every file found here is
# hand-written.
long=$(find src tools python bench tests -type f \
            \( -name '*.c' -o -name '*.h' -o -name '*.py' \) \
            -not -path 'tests/data/*' 2>/dev/null |
       xargs wc -l | awk '$2 != "total" && $1 > 1500 { print "  " $2 " (" $1 " lines)" }')
if [ -n "$long" ]; then
    echo "FAIL: hand-written files over 1,500 lines:"
    echo "$long"
    fail=1
fi

[ $fail -eq 0 ] && echo "tree rules hold"
exit $fail
