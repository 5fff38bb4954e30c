//! Fix suggestions on the 100k one-floor level (issue 28): the time to find one camera's
//! suggestion (target ≤ 50 ms), over every camera with an area finding, and `fix_site` of the
//! whole floor (target ≤ 30 s). Prints numbers; run with `cargo bench --bench fix`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use std::time::Instant;

use sightline::analysis::Analysis;
use sightline::fix;
use sightline::rules::{check_site, RuleId};

fn main() {
    let rooms: usize = std::env::var("ROOMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(16_600);
    let cameras: usize = std::env::var("CAMERAS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5_000);
    let json = sightline::synthetic::level(rooms, cameras, 50).to_string();
    let site = sightline::model::parse(&json, std::path::Path::new("level.site.json")).unwrap();
    let (analysis, findings): (Analysis, _) = check_site(&site);
    let walls: usize = site
        .floors
        .iter()
        .map(|f| {
            f.walls
                .iter()
                .map(|w| w.points.len().saturating_sub(1))
                .sum::<usize>()
        })
        .sum();
    println!(
        "level: {walls} wall segments, {} devices, {} findings",
        site.floors[0].devices.len(),
        findings.len()
    );
    // One suggestion per camera with an area finding, timed one by one.
    let mut seen = std::collections::BTreeSet::new();
    let mut times: Vec<(f64, String)> = Vec::new();
    for f in &findings {
        if !matches!(
            f.rule,
            RuleId::PrivateView | RuleId::R799View | RuleId::OutsideZone
        ) {
            continue;
        }
        if !seen.insert(f.subjects[0].clone()) {
            continue;
        }
        let t = Instant::now();
        let s = fix::suggest(&site, &analysis, f);
        times.push((
            t.elapsed().as_secs_f64() * 1000.0,
            format!("{} {:?}", f.subjects[0], s.map(|s| s.text_en)),
        ));
        if times.len() >= 400 {
            break;
        }
    }
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = times.len();
    let pct = |p: f64| times[((n as f64 - 1.0) * p).round() as usize].0;
    println!(
        "one camera's suggestion ({n} cameras): median {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.5), pct(0.9), pct(0.99), pct(1.0)
    );
    println!("slowest: {}", times[n - 1].1);
    let t = Instant::now();
    let c = fix::coverage::of_site(&site, &analysis);
    println!(
        "coverage of every camera, zone and the floor: {:.2} s ({:.1} % of {:.0} m² public area watched)",
        t.elapsed().as_secs_f64(),
        c.floors[0].share() * 100.0,
        c.floors[0].public_m2
    );
    let t = Instant::now();
    let g = fix::coverage::gaps(&analysis, 0);
    println!(
        "gaps of the floor: {:.2} s ({} pieces)",
        t.elapsed().as_secs_f64(),
        g.0.len()
    );
    if std::env::var_os("SKIP_FIX_SITE").is_some() {
        return;
    }
    let t = Instant::now();
    let out = fix::fix_site(&site, &[]);
    println!(
        "fix_site of the whole floor: {:.2} s, {} changes, violations {} → {}",
        t.elapsed().as_secs_f64(),
        out.applied.len(),
        out.before
            .iter()
            .filter(|f| f.severity == sightline::rules::Severity::Violation)
            .count(),
        out.after
            .iter()
            .filter(|f| f.severity == sightline::rules::Severity::Violation)
            .count(),
    );
}
