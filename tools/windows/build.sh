#!/usr/bin/env bash
# Cross-builds the Windows editor and command line, sightline.exe (GUI, default features),
# and packs dist/sightline-windows-x86_64.zip: the exe (stripped, static mingw runtime, icon
# and version information), README, the licences of the bundled font and of the crates, and
# the sample sites.
#
# On a fresh Debian 12 machine it installs what it needs from Debian's own packages (no
# rustup target, no download of a toolchain): rustc-web with its standard library sources
# (built for the target with -Zbuild-std) and the mingw-w64 cross compiler. The recipe and its
# traps are in ../shared/windows/README.md.
#
#   tools/windows/build.sh            # → dist/sightline-windows-x86_64.zip
#   tools/windows/build.sh --exe-only # the exe only, no zip
#
# Environment: RUSTWEB (default /opt/rustweb, where the Rust packages are unpacked),
# CARGO_TARGET_DIR (default target/windows, apart from the Linux build's artifacts).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tools/windows/env.sh
. "$here/tools/windows/env.sh"
start=$(date +%s)
"$rw/bin/cargo" build --locked --release --target "$target" -Zbuild-std
exe=$CARGO_TARGET_DIR/$target/release/sightline.exe
echo "built $exe in $(( $(date +%s) - start )) s"

# Which DLLs it imports (all must be Windows' own).
x86_64-w64-mingw32-objdump -p "$exe" | sed -n 's/^\s*DLL Name: //p' | sort -u | tr '\n' ' '
echo
[ "${1:-}" = "--exe-only" ] && exit 0

# 3. The zip.
stage=$(mktemp -d)
pkg=$stage/sightline
mkdir -p "$pkg/licences"
x86_64-w64-mingw32-strip -o "$pkg/sightline.exe" "$exe"
cp README.md "$pkg/README.md"
cp -r sample_sites "$pkg/sample_sites"
cp assets/OFL.txt "$pkg/licences/NotoSansSC-OFL.txt"
# Every crate built into the exe, with its licence as Cargo.lock's crates declare it.
"$rw/bin/cargo" metadata --locked --format-version 1 --filter-platform "$target" 2>/dev/null \
    | python3 -c '
import json, sys
m = json.load(sys.stdin)
print("Crates built into sightline.exe (name, version, licence, repository):")
print()
for p in sorted(m["packages"], key=lambda p: (p["name"], p["version"])):
    licence = p.get("license") or p.get("license_file") or "see its source"
    print(p["name"], p["version"] + ":", licence, "(" + (p.get("repository") or "") + ")")
' > "$pkg/licences/crates.txt"
mkdir -p dist
rm -f dist/sightline-windows-x86_64.zip
(cd "$stage" && zip -qr9 "$here/dist/sightline-windows-x86_64.zip" sightline)
rm -rf "$stage"
ls -l dist/sightline-windows-x86_64.zip
