# Sourced by build.sh, test.sh and clippy.sh: installs (when missing) and sets up what the
# Windows cross build needs, from Debian's own packages: the mingw-w64 cross compiler and
# resource compiler, zip, and rustc-web with its standard library sources and clippy,
# unpacked (not installed) so that they never clash with a rustup toolchain. The recipe and
# its traps: ../shared/windows/README.md.
#
# Environment: RUSTWEB (default /opt/rustweb, where the Rust packages are unpacked),
# CARGO_TARGET_DIR (default target/windows, apart from the Linux build's artifacts).

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
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
if [ ! -x "$rustweb/usr/bin/rustc" ] || [ ! -x "$rustweb/usr/bin/clippy-driver" ] || [ ! -d "$rustweb/usr/lib/rustlib/src/rust/library" ]; then
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
        "libstd-rust-web-$short=$version" "libstd-rust-web-dev=$version" "rust-web-src=$version" \
        "rust-web-clippy=$version")
    sudo_if_needed mkdir -p "$rustweb"
    for d in "$debs"/*.deb; do sudo_if_needed dpkg -x "$d" "$rustweb"; done
    rm -rf "$debs"
fi

# 2. The environment of the cross build.
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
