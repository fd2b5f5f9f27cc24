#!/bin/bash
# test.sh: build nuvirt twice (plain, and with ASan+UBSan) and run every
# test in both.  The last line is "N passed, M failed[, K skipped]".
set -u
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test || exit 1

status=0
[ -f build/build.ninja ] || meson setup build >/dev/null || exit 1
ninja -C build >/dev/null || { ninja -C build; exit 1; }
meson test -C build --print-errorlogs --num-processes 2 || status=1

# The sanitizer build runs everything our own binaries run; stock clients
# (compat) cannot load an ASan library without preloading the runtime.
if [ ! -f build-asan/build.ninja ]; then
    meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
        -Dbuildtype=debug >/dev/null || exit 1
fi
ninja -C build-asan >/dev/null || { ninja -C build-asan; exit 1; }
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    meson test -C build-asan --print-errorlogs --num-processes 2 \
        --no-suite compat --no-suite bench || status=1

python3 scripts/test-summary.py build/meson-logs/testlog.json \
    build-asan/meson-logs/testlog.json
exit $status
