//! Load, full check, and re-check after moving one camera or a wall, on synthetic hotel towers
//! and two one-floor layouts (levels of wings, corridors of rooms) of about 1k, 10k and 100k wall segments (see `sightline::synthetic`). Run with `cargo bench`;
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

/// (label, rooms, FR cameras) of one-floor levels (`synthetic::level`): the same wings side by
/// side on one floor, about 1k, 3.3k (a 30th of the largest), 10k and 100k wall segments.
pub const LEVELS: [(&str, usize, usize); 4] = [
    ("level-1k", 166, 50),
    ("level-3.3k", 553, 167),
    ("level-10k", 1660, 500),
    ("level-100k", 16600, 5000),
];

/// (label, corridors) of the second one-floor layout (`synthetic::corridors`, issue 25): long
/// corridors of 200 rooms, each its own zone with 20 FR cameras — 1,212, 3,232 (a 31st of the
/// largest), 10,100 and 101,000 wall segments.
pub const CORRIDORS: [(&str, usize); 4] = [
    ("corridors-1k", 3),
    ("corridors-3.3k", 8),
    ("corridors-10k", 25),
    ("corridors-100k", 250),
];

/// The site of a bench row: `floors` 0 is a one-floor level, `usize::MAX` the corridor layout
/// (`rooms` is then the number of corridors).
fn text(rooms: usize, cameras: usize, floors: usize) -> String {
    let doc = match floors {
        0 => sightline::synthetic::level(rooms, cameras, 50),
        usize::MAX => sightline::synthetic::corridors(rooms),
        _ => sightline::synthetic::tower(rooms, cameras, floors, 50),
    };
    serde_json::to_string(&doc).unwrap_or_default()
}

fn parse(text: &str) -> Site {
    model::parse(text, Path::new("tower.site.json")).unwrap_or_else(|e| panic!("{e}"))
}

fn benches(c: &mut Criterion) {
    let levels = LEVELS.map(|(label, rooms, cameras)| (label, rooms, cameras, 0));
    let corridors = CORRIDORS.map(|(label, n)| (label, n, 20 * n, usize::MAX));
    for (label, rooms, cameras, floors) in SIZES.into_iter().chain(levels).chain(corridors) {
        let json = text(rooms, cameras, floors);
        let site = parse(&json);
        let mut group = c.benchmark_group(label);
        if label.ends_with("100k") {
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
        // A site field (police filing) ticked and unticked: only the site-wide rules.
        group.bench_function(BenchmarkId::new("recheck_after_site_field", label), |b| {
            b.iter(|| {
                moving.filed_with_police = !moving.filed_with_police;
                checker.site_fields_changed(&moving);
                checker.findings().len()
            })
        });
        // A full analysis and check, as after an edit of the floors themselves (renamed,
        // reordered) or of the face density.
        group.bench_function(BenchmarkId::new("full_recheck", label), |b| {
            b.iter(|| Checker::new(black_box(&moving)).findings().len())
        });
        #[cfg(feature = "gui")]
        object_edits(&mut group, label, &mut moving, &mut checker, fi);
        group.finish();
    }
}

/// Re-checks after the editor's edits of one object of each kind in the middle of floor `fi`:
/// moved 0.5 m and back (alternate iterations), and a wall inserted and removed again.
#[cfg(feature = "gui")]
fn object_edits(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    label: &str,
    site: &mut Site,
    checker: &mut Checker,
    fi: usize,
) {
    use sightline::app::edit::{get, Edit, ItemKind, ItemRef};
    let floor = &site.floors[fi];
    let kinds = [
        ("wall", ItemKind::Wall, floor.walls.len()),
        ("opening", ItemKind::Opening, floor.openings.len()),
        ("space", ItemKind::Space, floor.spaces.len()),
        ("sign", ItemKind::Sign, floor.signs.len()),
        ("zone", ItemKind::Zone, floor.zones.len()),
    ];
    for (name, kind, count) in kinds {
        if count == 0 {
            continue;
        }
        let at = ItemRef {
            kind,
            index: count / 2,
        };
        let mut step = 0.5;
        let id = BenchmarkId::new(format!("recheck_after_{name}_move"), label);
        group.bench_function(id, |b| {
            b.iter(|| {
                let mut item = get(&site.floors[fi], at).unwrap();
                item.translate([step, 0.0]);
                step = -step;
                let steps = {
                    let mut steps = Vec::new();
                    let edit = Edit::Set {
                        floor: fi,
                        index: at.index,
                        item: Box::new(item),
                    };
                    edit.apply_noting(site, &mut steps);
                    steps
                };
                assert!(checker.objects_changed(site, &steps));
                checker.findings().len()
            })
        });
    }
    let at = ItemRef {
        kind: ItemKind::Wall,
        index: site.floors[fi].walls.len() / 2,
    };
    let copy = get(&site.floors[fi], at).unwrap();
    let mut inserted = false;
    let id = BenchmarkId::new("recheck_after_wall_insert_or_remove", label);
    group.bench_function(id, |b| {
        b.iter(|| {
            let edit = if inserted {
                Edit::Remove { floor: fi, at }
            } else {
                let mut item = copy.clone();
                item.translate([0.25, 0.25]);
                item.set_id("bench-copy".into());
                Edit::Insert {
                    floor: fi,
                    index: at.index,
                    item: Box::new(item),
                }
            };
            inserted = !inserted;
            let mut steps = Vec::new();
            edit.apply_noting(site, &mut steps);
            assert!(checker.objects_changed(site, &steps));
            checker.findings().len()
        })
    });
}

criterion_group!(check, benches);
criterion_main!(check);
