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
cd "$here"
target=x86_64-pc-windows-gnu
rustweb=${RUSTWEB:-/opt/rustweb}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target/windows}
sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Debian packages: the cross compiler and resource compiler, zip; the rustc-web packages
#    unpacked (not installed) so that they never clash with a rustup toolchain.
need=()
for cmd in x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres x86_64-w64-mingw32-strip zip; do
    command -v "$cmd" > /dev/null || need+=("$cmd")
done
if [ ${#need[@]} -gt 0 ]; then
    sudo_if_needed apt-get update
    sudo_if_needed apt-get install -y gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 \
        binutils-mingw-w64-x86-64 zip
fi
if [ ! -x "$rustweb/usr/bin/rustc" ] || [ ! -d "$rustweb/usr/lib/rustlib/src/rust/library" ]; then
    sudo_if_needed apt-get update
    version=$(apt-cache policy rustc-web | sed -n 's/^ *Candidate: *//p')
    [ -n "$version" ] && [ "$version" != "(none)" ] || { echo "rustc-web is not in apt's lists" >&2; exit 2; }
    short=$(echo "$version" | sed -E 's/^([0-9]+\.[0-9]+).*/\1/')
    # The libraries rustc-web and cargo-web link to.
    libs=$(apt-cache depends "rustc-web=$version" "cargo-web=$version" "libstd-rust-web-$short=$version" 2>/dev/null \
        | sed -n 's/^ *Depends: *\([a-z0-9][a-z0-9.+-]*\)$/\1/p' \
        | grep -v -E '^(rustc-web|cargo-web|libstd-rust-web.*|gcc|binutils|libc6-dev|libc-dev|clang)$' | sort -u)
    # shellcheck disable=SC2086
    sudo_if_needed apt-get install -y $libs
    debs=$(mktemp -d)
    (cd "$debs" && apt-get download "rustc-web=$version" "cargo-web=$version" \
        "libstd-rust-web-$short=$version" "libstd-rust-web-dev=$version" "rust-web-src=$version")
    sudo_if_needed mkdir -p "$rustweb"
    for d in "$debs"/*.deb; do sudo_if_needed dpkg -x "$d" "$rustweb"; done
    rm -rf "$debs"
fi

# 2. The cross build.
rw=$rustweb/usr
export PATH=$rw/bin:$PATH
export LD_LIBRARY_PATH=$rw/lib/x86_64-linux-gnu${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
export RUSTC=$rw/bin/rustc RUSTDOC=$rw/bin/rustdoc
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER=x86_64-w64-mingw32-gcc
export CC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-gcc
export CXX_x86_64_pc_windows_gnu=x86_64-w64-mingw32-g++
export AR_x86_64_pc_windows_gnu=x86_64-w64-mingw32-ar
export RC_x86_64_pc_windows_gnu=x86_64-w64-mingw32-windres
# The mingw runtime linked in statically: the exe needs no DLL beyond Windows' own.
export CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUSTFLAGS="-C target-feature=+crt-static -C link-args=-static -C link-args=-static-libgcc"
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
