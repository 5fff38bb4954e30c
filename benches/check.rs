//! Load, full check, and re-check after moving one camera, on synthetic hotel towers of about
//! 1k, 10k and 100k wall segments (see `sightline::synthetic`). Run with `cargo bench`;
//! docs/performance.md has the numbers and how to read them.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use sightline::analysis::Analysis;
use sightline::checker::Checker;
use sightline::model::{self, Site};
use sightline::rules;

/// (label, rooms, FR cameras, floors): about 1k, 3.3k, 10k and 100k wall segments. The 3.3k
/// tower is one 30th of the 100k one (the per-camera cost target compares those two); floors
/// grow as well as their number (1, 1, 3, 20 floors of 166 to 830 rooms).
pub const SIZES: [(&str, usize, usize, usize); 4] = [
    ("1k", 166, 50, 1),
    ("3.3k", 553, 167, 1),
    ("10k", 1660, 500, 3),
    ("100k", 16600, 5000, 20),
];

fn text(rooms: usize, cameras: usize, floors: usize) -> String {
    serde_json::to_string(&sightline::synthetic::tower(rooms, cameras, floors, 50))
        .unwrap_or_default()
}

fn parse(text: &str) -> Site {
    model::parse(text, Path::new("tower.site.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn benches(c: &mut Criterion) {
    for (label, rooms, cameras, floors) in SIZES {
        let json = text(rooms, cameras, floors);
        let site = parse(&json);
        let mut group = c.benchmark_group(label);
        if label == "100k" {
            group
                .sample_size(10)
                .measurement_time(Duration::from_secs(20));
        } else {
            group.sample_size(20);
        }
        group.bench_function(BenchmarkId::new("load", label), |b| {
            b.iter(|| parse(black_box(&json)))
        });
        group.bench_function(BenchmarkId::new("check", label), |b| {
            b.iter(|| {
                let analysis = Analysis::of(black_box(&site));
                rules::check(&site, &analysis).len()
            })
        });
        // Move one FR camera in the middle of the site back and forth by 1 m along its corridor.
        let mut moving = site.clone();
        let fi = moving.floors.len() / 2;
        let di = moving.floors[fi].devices.len() / 2;
        let mut checker = Checker::new(&moving);
        let mut step = 1.0;
        group.bench_function(BenchmarkId::new("recheck_after_move", label), |b| {
            b.iter(|| {
                moving.floors[fi].devices[di].position[0] += step;
                step = -step;
                checker.device_changed(&moving, fi, di);
                checker.findings().len()
            })
        });
        group.finish();
    }
}

criterion_group!(check, benches);
criterion_main!(check);
