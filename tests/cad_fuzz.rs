//! Mutated DWG and DXF files (import.md; issue "Import v2", item 8): bit flips, cuts, absurd
//! numbers and repeated runs never panic, never hang and never take over 1 GB. Each case runs
//! the real `sightline import` in its own process, watched by a timer; it either imports
//! (exit 0) or refuses with exit 2 and a message that names the file.
//!
//! `SIGHTLINE_CAD_FUZZ_CASES` sets the number of cases (default 160), `SIGHTLINE_CAD_FUZZ_SEED`
//! the seed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::Rng;

/// A case that runs longer than this hangs (the largest plan here imports in under 1 s).
const HANG: Duration = Duration::from_secs(60);
/// Peak memory of one import, bytes.
const MEMORY: u64 = 1 << 30;

fn cad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/cad")
        .join(name)
}

/// One mutation of the bytes.
fn mutate(bytes: &mut Vec<u8>, text: bool, rng: &mut Rng) {
    if bytes.is_empty() {
        return;
    }
    let i = rng.below(bytes.len());
    match rng.below(5) {
        // Bit flips.
        0 => {
            for _ in 0..1 + rng.below(16) {
                let k = rng.below(bytes.len());
                bytes[k] ^= 1 << rng.below(8);
            }
        }
        // A cut.
        1 => bytes.truncate(i.max(1)),
        // Absurd numbers: in a DXF a value line replaced; in a DWG eight bytes of a huge
        // double or count.
        2 => {
            let absurd: [&[u8]; 6] = [
                b"1e308",
                b"-1e300",
                b"nan",
                b"2147483647",
                b"-99999999999999999999",
                b"1e-320",
            ];
            let pick = absurd[rng.below(absurd.len())];
            if text {
                // The start of the line at i, to its end.
                let start = bytes[..i]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |k| k + 1);
                let end = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |k| i + k);
                let line = String::from_utf8_lossy(&bytes[start..end])
                    .trim()
                    .to_string();
                if line.parse::<f64>().is_ok() {
                    bytes.splice(start..end, pick.iter().copied());
                }
            } else {
                let raw = [
                    f64::MAX.to_le_bytes(),
                    u64::MAX.to_le_bytes(),
                    0x7FFF_FFFFu64.to_le_bytes(),
                ];
                let v = raw[rng.below(raw.len())];
                let end = (i + 8).min(bytes.len());
                bytes[i..end].copy_from_slice(&v[..end - i]);
            }
        }
        // Repeated runs: a stretch copied many times over.
        3 => {
            let len = 1 + rng.below(4096.min(bytes.len() - i));
            let run = bytes[i..i + len].to_vec();
            let times = 2 + rng.below(200);
            let at = i + len;
            let tail = bytes.split_off(at);
            for _ in 0..times {
                bytes.extend_from_slice(&run);
            }
            bytes.extend_from_slice(&tail);
        }
        // A stretch zeroed.
        _ => {
            let end = (i + 1 + rng.below(256)).min(bytes.len());
            bytes[i..end].fill(0);
        }
    }
}

/// Runs one import; returns its exit code, stderr, time and peak memory (bytes, where the
/// platform tells it).
fn run(file: &Path, out: &Path) -> (i32, String, Duration, Option<u64>) {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sightline"))
        .args([
            "import",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
        s
    });
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if started.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} hangs (over {HANG:?})", file.display());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let code = child.wait().unwrap().code().unwrap_or(-1);
    (
        code,
        reader.join().unwrap(),
        started.elapsed(),
        peak_memory(),
    )
}

/// The largest peak memory of the children waited for so far.
#[cfg(unix)]
fn peak_memory() -> Option<u64> {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let ok = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0;
    // Linux gives kilobytes, macOS bytes.
    let scale = if cfg!(target_os = "macos") { 1 } else { 1024 };
    ok.then(|| usage.ru_maxrss as u64 * scale)
}

/// Windows reports no peak memory of a finished child here; time and exit still count.
#[cfg(not(unix))]
fn peak_memory() -> Option<u64> {
    None
}

#[test]
fn mutated_dwg_and_dxf_never_panic_hang_or_fill_memory() {
    let cases: usize = std::env::var("SIGHTLINE_CAD_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(160);
    let seed: u64 = std::env::var("SIGHTLINE_CAD_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0xCAD_F022);
    let plans = [
        "libredwg_gh109_1_tarch.dwg",
        "libredwg_gh109_1_tarch.dxf",
        "azure_contoso_v1_Ground.dwg",
        "ewp_floor_plan.dwg",
        "barcelona_pavilion_plan.dxf",
        "acadsharp_AecObjects.dwg",
        "acadsharp_sample_AC1015_binary.dxf",
    ];
    let originals: Vec<(String, Vec<u8>)> = plans
        .iter()
        .map(|p| (p.to_string(), std::fs::read(cad(p)).expect("plan")))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Rng(seed | 1);
    let (mut imported, mut refused) = (0, 0);
    let mut slowest = Duration::ZERO;
    for case in 0..cases {
        let (name, original) = &originals[case % originals.len()];
        let text = name.ends_with(".dxf") && !name.contains("binary");
        let mut bytes = original.clone();
        for _ in 0..1 + rng.below(3) {
            mutate(&mut bytes, text, &mut rng);
        }
        let ext = Path::new(name).extension().unwrap().to_str().unwrap();
        let file = dir.path().join(format!("case{case}.{ext}"));
        std::fs::write(&file, &bytes).unwrap();
        let out = dir.path().join(format!("case{case}.site.json"));
        let (code, err, took, peak) = run(&file, &out);
        slowest = slowest.max(took);
        let keep = || {
            let _ = std::fs::copy(
                &file,
                std::env::temp_dir().join(format!("sightline-cad-fuzz.{ext}")),
            );
        };
        if err.contains("panicked") {
            keep();
            panic!("case {case} ({name}, seed {seed}) panicked: {err}");
        }
        if let Some(peak) = peak {
            assert!(peak < MEMORY, "case {case} ({name}): {} MB", peak >> 20);
        }
        match code {
            0 => {
                imported += 1;
                assert!(out.exists(), "case {case}: exit 0 without a site");
            }
            2 => {
                refused += 1;
                assert!(
                    err.contains(&format!("case{case}.{ext}")),
                    "case {case} ({name}): the message does not name the file: {err}"
                );
                assert!(!out.exists(), "case {case}: a refused import wrote a site");
            }
            other => {
                keep();
                panic!("case {case} ({name}, seed {seed}): exit {other}: {err}");
            }
        }
    }
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    assert!(
        imported > 0 && refused > 0,
        "{imported} imported, {refused} refused"
    );
    eprintln!("{cases} mutated plans: {imported} imported, {refused} refused, slowest {slowest:?}");
}
