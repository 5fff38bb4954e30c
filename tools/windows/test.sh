#!/usr/bin/env bash
# Runs the test suite built for Windows under wine, as .ci/run does:
#
#   tools/windows/test.sh                 # every test of every target, and the doc tests
#   tools/windows/test.sh --test windows  # any `cargo test` arguments
#
# It cross-builds the tests with the release profile (so they share the artifacts of
# build.sh's exe), makes a wine prefix, and puts into it the tiny bcryptprimitives.dll shim
# from ../shared/windows that wine 8 lacks (Rust's std imports its ProcessPrng; real Windows
# has it, and the shim is never shipped). The tests run in an Xvfb display when there is
# none. Environment: as env.sh, and WINEPREFIX (default $CARGO_TARGET_DIR/wineprefix).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/windows/env.sh
. "$here/tools/windows/env.sh"

need=()
for cmd in wine xvfb-run xauth; do command -v "$cmd" > /dev/null || need+=("$cmd"); done
if [ ${#need[@]} -gt 0 ]; then
    sudo_if_needed apt-get update
    sudo_if_needed apt-get install -y wine wine64 xvfb xauth
fi

export WINEPREFIX=${WINEPREFIX:-$CARGO_TARGET_DIR/wineprefix} WINEDEBUG=-all
shim=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
if [ ! -f "$shim" ]; then
    mkdir -p "$WINEPREFIX"
    wineboot -i > /dev/null 2>&1
    wineserver -w
    shared=$here/../shared/windows
    x86_64-w64-mingw32-gcc -shared -O2 -o "$shim" \
        "$shared/bcryptprimitives.c" "$shared/bcryptprimitives.def" -ladvapi32
fi

export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=wine
start=$(date +%s)
"$rw/bin/cargo" test --locked --release --target "$target" -Zbuild-std --no-run
echo "built the Windows tests in $(( $(date +%s) - start )) s"
start=$(date +%s)
status=0
if [ -n "${DISPLAY:-}" ]; then
    "$rw/bin/cargo" test --locked --release --target "$target" -Zbuild-std --no-fail-fast "$@" || status=$?
else
    xvfb-run -a -s '-screen 0 1600x1000x24' \
        "$rw/bin/cargo" test --locked --release --target "$target" -Zbuild-std --no-fail-fast "$@" || status=$?
fi
wineserver -k 2> /dev/null || true
echo "ran the Windows tests under wine in $(( $(date +%s) - start )) s (exit $status)"
exit $status
