#!/usr/bin/env bash
# Lints the Windows build as .ci/run does the Linux one: every target, warnings are errors.
# The code behind #[cfg(windows)] is only seen by a build for Windows.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/windows/env.sh
. "$here/tools/windows/env.sh"
"$rw/bin/cargo" clippy --locked --target "$target" -Zbuild-std --all-targets -- -D warnings
