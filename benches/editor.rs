//! The editor's frame time while a camera is dragged on the largest sample site: one egui frame
//! (layout, painting, tessellation) after each move, as the window does it, without a GPU.
//! Also what a drag of a wall costs (a full re-check) on the same site.
//!
//! `cargo bench --bench editor`
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion};
use eframe::egui;
use sightline::app::edit::{Item, ItemKind, ItemRef};
use sightline::app::App;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("sample_sites/{name}.site.json"))
}

fn frame(ctx: &egui::Context, app: &mut App) {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1400.0, 900.0),
        )),
        ..Default::default()
    };
    let out = ctx.run_ui(input, |ui| app.ui(ui));
    let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
    std::hint::black_box(prims);
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("editor");
    for name in ["hotel-mistakes", "mall-mistakes"] {
        let ctx = egui::Context::default();
        sightline::app::install_fonts(&ctx);
        let mut app = App::new(Some(sample(name)));
        for _ in 0..3 {
            frame(&ctx, &mut app);
        }
        let fi = 0;
        let Some(doc) = app.doc.as_ref() else {
            panic!("{name} opens")
        };
        let camera = doc.site.floors[fi].devices[0].clone();
        let wall = doc.site.floors[fi].walls[0].clone();
        let mut k = 0u32;
        group.bench_function(format!("drag_camera_frame/{name}"), |b| {
            b.iter(|| {
                k += 1;
                let mut moved = camera.clone();
                moved.position[0] += 0.01 * (k % 50) as f64;
                if let Some(doc) = app.doc.as_mut() {
                    doc.preview(
                        fi,
                        vec![(
                            ItemRef {
                                kind: ItemKind::Device,
                                index: 0,
                            },
                            Item::Device(moved),
                        )],
                    );
                }
                frame(&ctx, &mut app);
            })
        });
        group.bench_function(format!("drag_wall_recheck/{name}"), |b| {
            b.iter(|| {
                k += 1;
                let mut moved = wall.clone();
                for p in &mut moved.points {
                    p[1] += 0.001 * (k % 50) as f64;
                }
                if let Some(doc) = app.doc.as_mut() {
                    doc.preview(
                        fi,
                        vec![(
                            ItemRef {
                                kind: ItemKind::Wall,
                                index: 0,
                            },
                            Item::Wall(moved),
                        )],
                    );
                }
            })
        });
    }
    group.finish();
}

criterion_group!(editor, benches);
criterion_main!(editor);
