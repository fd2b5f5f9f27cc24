#!/bin/bash
# shell.sh [NUVSH ARGS...]: build nuvirt and open nuvsh on test:///default.
set -eu
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
exec build/tools/nuvsh/nuvsh -c test:///default "$@"
