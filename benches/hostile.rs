//! Time and peak memory of the release binary on pathological inputs (issue "Hostile input").
//! Each case runs `sightline` as a child process and reads the child's own peak resident set
//! size from `wait4` (on Windows: its peak working set), so the numbers are what a user's
//! machine sees.
//!
//! ```sh
//! cargo bench --bench hostile
//! ```
//!
//! Prints one line per case: what, command, exit status, seconds, peak MB. The figures are
//! quoted in docs/performance.md. Nothing here asserts a time.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde_json::{json, Value};

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return; // `cargo test --benches` lists; nothing to list here.
    }
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    println!(
        "{:<52} {:<8} {:>4} {:>8} {:>9}",
        "case", "command", "exit", "seconds", "peak MB"
    );

    // Three valid but extreme floors of issue 25: each must check in ≤ 2 s.
    for (name, doc) in [
        (
            "fitting room: 6,000-vertex star, 4 FR cameras",
            sightline::synthetic::star_fitting_room(3000),
        ),
        (
            "15,168 walls on a 3 m grid, 360° FR, 10 km",
            sightline::synthetic::wall_grid(316, 48),
        ),
        (
            "1 km wall, 5,000 openings, 360° FR, 10 km",
            sightline::synthetic::perforated_wall(5000),
        ),
    ] {
        let site = write(d, "extreme.site.json", &doc);
        measure(name, &["check", &site, "--format", "json"]);
    }

    for (name, half) in [
        ("zone 300 km wide", 150_000.0),
        ("zone 2,000 km wide", 1.0e6),
    ] {
        let site = write(d, "huge.site.json", &sightline::synthetic::huge_zone(half));
        measure(name, &["check", &site, "--format", "json"]);
        measure(name, &["render", &site, "-o", &out(d, "huge.png")]);
        measure(name, &["report", &site, "-o", &out(d, "huge.html")]);
    }

    // A mall level as CAD: 7,396 rooms, ~288k entities, ~26 MB of DXF.
    let dxf = d.join("large.dxf");
    std::fs::write(&dxf, sightline::synthetic::large_dxf(86, 86, 26)).expect("write");
    let entities = std::fs::read_to_string(&dxf).map_or(0, |t| t.matches("\n  0\n").count());
    let mb = std::fs::metadata(&dxf).map_or(0, |m| m.len()) / (1024 * 1024);
    let dxf = dxf.to_string_lossy().into_owned();
    measure(
        &format!("import: {entities} entities, {mb} MB DXF"),
        &["import", &dxf, "-o", &out(d, "large.site.json")],
    );
    measure(
        &format!("import --list: {entities} entities"),
        &["import", "--list", &dxf],
    );

    let office = sample("office");
    let with_underlay = |image: &str| -> String {
        let mut v = office.clone();
        v["floors"][0]["underlay"] =
            json!({ "image": image, "origin": [0, 16], "metres_per_pixel": 0.02 });
        write(d, "u.site.json", &v)
    };
    let site = with_underlay("/dev/zero");
    measure(
        "underlay /dev/zero",
        &["render", &site, "-o", &out(d, "u.png")],
    );
    let fifo = d.join("fifo.png");
    let _ = Command::new("mkfifo").arg(&fifo).status();
    let site = with_underlay(&fifo.to_string_lossy());
    measure(
        "underlay FIFO nobody writes to",
        &["render", &site, "-o", &out(d, "u.png")],
    );
    measure(
        "underlay FIFO nobody writes to",
        &["report", &site, "-o", &out(d, "u.html")],
    );
    std::fs::write(d.join("bogus.jpg"), bogus_jpeg(16_000, 16_000)).expect("write");
    let site = with_underlay("bogus.jpg");
    measure(
        "underlay: 16000×16000 JPEG header",
        &["render", &site, "-o", &out(d, "u.png")],
    );
    std::fs::write(d.join("zeros.png"), zero_png(16_384)).expect("write");
    let size = std::fs::metadata(d.join("zeros.png")).map_or(0, |m| m.len());
    let site = with_underlay("zeros.png");
    measure(
        &format!("underlay: 16384² all-zero PNG ({} KB)", size / 1024),
        &["render", &site, "-o", &out(d, "u.png")],
    );
    std::fs::write(d.join("big.png"), zero_png(6_000)).expect("write");
    let site = with_underlay("big.png");
    measure(
        "underlay: 6000² PNG (accepted)",
        &["render", &site, "-o", &out(d, "u.png")],
    );

    let site = write(
        d,
        "toilets.site.json",
        &sightline::synthetic::many_private_spaces(2000),
    );
    measure(
        "2,000 private spaces, a camera in each",
        &["render", &site, "-o", &out(d, "t.png")],
    );
    measure(
        "2,000 private spaces, a camera in each",
        &["report", &site, "-o", &out(d, "t.html")],
    );

    for n in [3_000usize, 10_000] {
        let mut v = office.clone();
        let floor = v["floors"][0].clone();
        v["floors"] = Value::Array(
            (0..n)
                .map(|i| {
                    let mut f = floor.clone();
                    f["id"] = json!(format!("L{i}"));
                    f
                })
                .collect(),
        );
        let site = write(d, "floors.site.json", &v);
        let bytes = std::fs::metadata(&site).map_or(0, |m| m.len());
        let what = format!("{n} floors ({} MB)", bytes >> 20);
        measure(&what, &["check", &site, "--format", "json"]);
        measure(&what, &["report", &site, "-o", &out(d, "floors.html")]);
    }

    let tower = sightline::synthetic::tower(33_200, 10_000, 40, 50);
    let site = write(d, "tower.site.json", &tower);
    let bytes = std::fs::metadata(&site).map_or(0, |m| m.len());
    measure(
        &format!("synthetic tower, {} MB", bytes >> 20),
        &["check", &site, "--format", "json"],
    );
}

fn sightline() -> &'static str {
    env!("CARGO_BIN_EXE_sightline")
}

fn out(dir: &Path, name: &str) -> String {
    dir.join(name).to_string_lossy().into_owned()
}

fn write(dir: &Path, name: &str, v: &Value) -> String {
    let p: PathBuf = dir.join(name);
    std::fs::write(&p, v.to_string()).expect("write");
    p.to_string_lossy().into_owned()
}

fn sample(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sample_sites/{name}.site.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("sample")).expect("json")
}

/// Runs the binary and prints its wall time and its own peak resident memory.
// The child is reaped by `wait4` (for its rusage), which clippy cannot see.
#[allow(clippy::zombie_processes)]
/// `SIGHTLINE_BENCH_ONLY=import` runs only the cases whose name holds that text.
fn measure(what: &str, args: &[&str]) {
    if let Ok(only) = std::env::var("SIGHTLINE_BENCH_ONLY") {
        if !what.contains(&only) {
            return;
        }
    }
    let start = Instant::now();
    let child = Command::new(sightline())
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let (status, peak_kb) = wait_with_peak(child);
    println!(
        "{:<52} {:<8} {:>4} {:>8.2} {:>9.0}",
        what,
        args[0],
        status,
        start.elapsed().as_secs_f64(),
        peak_kb as f64 / 1024.0
    );
}

/// Waits for a child; returns its exit status and its peak resident set size in KB (the
/// kernel's `ru_maxrss` of the reaped child).
#[cfg(unix)]
fn wait_with_peak(child: std::process::Child) -> (i32, i64) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our child, not yet waited for; both pointers are to live locals.
    unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage.ru_maxrss)
}

/// Waits for a child; returns its exit status and its peak working set in KB (Windows' twin
/// of the peak resident set size, read from the exited process's handle).
#[cfg(windows)]
fn wait_with_peak(mut child: std::process::Child) -> (i32, i64) {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::System::ProcessStatus::{
        GetProcessMemoryInfo, PROCESS_MEMORY_COUNTERS,
    };
    let code = child.wait().ok().and_then(|s| s.code()).unwrap_or(-1);
    // SAFETY: an all-zero counters struct is valid; the handle is our child's, still open.
    let mut counters: PROCESS_MEMORY_COUNTERS = unsafe { std::mem::zeroed() };
    counters.cb = std::mem::size_of::<PROCESS_MEMORY_COUNTERS>() as u32;
    // SAFETY: the pointer is to a live local of the size given.
    let ok = unsafe { GetProcessMemoryInfo(child.as_raw_handle(), &mut counters, counters.cb) };
    let peak = if ok != 0 {
        (counters.PeakWorkingSetSize / 1024) as i64
    } else {
        0
    };
    (code, peak)
}

/// A JPEG that claims `w` × `h` pixels and holds none.
fn bogus_jpeg(w: u16, h: u16) -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
    b.extend_from_slice(&h.to_be_bytes());
    b.extend_from_slice(&w.to_be_bytes());
    b.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
    b
}

/// A `side` × `side` grey PNG of zeros: a few hundred KB on disk.
fn zero_png(side: u32) -> Vec<u8> {
    let img = image::GrayImage::new(side, side);
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}
