//! Build script: on Windows targets, the exe's icon and version information
//! (`assets/windows/sightline.rc`, compiled by the target's resource compiler — mingw's
//! `windres` when cross-building). Nothing happens for other targets.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/windows/sightline.rc");
    println!("cargo:rerun-if-changed=assets/windows/sightline.ico");
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let mut parts = version
        .split(['.', '-', '+'])
        .map(|p| p.parse::<u16>().unwrap_or(0));
    let mut next = || parts.next().unwrap_or(0);
    let (major, minor, patch) = (next(), next(), next());
    let macros = [
        format!("VER_MAJOR={major}"),
        format!("VER_MINOR={minor}"),
        format!("VER_PATCH={patch}"),
        format!("VER_TEXT=\\\"{version}\\\""),
    ];
    if let Err(e) =
        embed_resource::compile("assets/windows/sightline.rc", &macros).manifest_optional()
    {
        println!("cargo:warning=no icon or version information: {e}");
    }
}
