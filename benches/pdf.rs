//! PDF report speed and memory (issue 29): every sample's PDF report (target: the largest
//! ≤ 2 s), and with `LEVEL=1` the 100k one-floor level (target ≤ 30 s), with `TOWER300=1` a
//! 300-floor tower (target: within 1 GB). Prints numbers; `cargo bench --bench pdf`.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use sightline::report::{paper, ReportOptions};
use sightline::rules::check_site;

/// The process's peak resident memory so far, MB (Linux; `None` elsewhere).
fn peak_mb() -> Option<f64> {
    #[cfg(target_os = "linux")]
    {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

fn report(name: &str, site: &sightline::model::Site) {
    let t = Instant::now();
    let (analysis, findings) = check_site(site);
    let checked = t.elapsed().as_secs_f64();
    let opts = ReportOptions {
        lang: None,
        date: "2026-12-06".into(),
        base_dir: None,
    };
    let (bytes, _) = paper::pdf(site, &analysis, &findings, &opts).unwrap();
    let all = t.elapsed().as_secs_f64();
    println!(
        "{name}: PDF report {all:.2} s (check {checked:.2} s, layout and write {:.2} s), {:.1} MB, peak RSS {} MB",
        all - checked,
        bytes.len() as f64 / 1e6,
        peak_mb().map_or_else(|| "?".into(), |m| format!("{m:.0}"))
    );
}

fn main() {
    let mut samples: Vec<_> = std::fs::read_dir("sample_sites")
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".site.json"))
        .collect();
    samples.sort();
    for p in samples {
        let site = sightline::model::load(&p).unwrap();
        report(&p.file_name().unwrap().to_string_lossy(), &site);
    }
    if std::env::var_os("LEVEL").is_some() {
        let json = sightline::synthetic::level(16_600, 5_000, 50).to_string();
        let site = sightline::model::parse(&json, std::path::Path::new("level.site.json")).unwrap();
        report("100k level", &site);
    }
    if std::env::var_os("TOWER300").is_some() {
        let json = sightline::synthetic::tower(16_600, 5_000, 300, 50).to_string();
        let site = sightline::model::parse(&json, std::path::Path::new("tower.site.json")).unwrap();
        report("300-floor tower", &site);
    }
}
