//! The editor on one large floor, driven as a user drives it: real pointer, button and wheel
//! events fed through egui, one whole frame each (every panel laid out, the plan painted,
//! everything tessellated; no GPU). Prints each gesture's frame times and the memory.
//!
//! `cargo bench --bench editor_scale` (sizes: `-- 1k 10k 100k`, the default all three).
//! docs/performance.md quotes the numbers.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // a bench may panic

use std::time::{Duration, Instant};

use eframe::egui::{self, Event, Modifiers, PointerButton, Pos2, Vec2};
use sightline::app::App;

/// As the `sightline` binary allocates.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// (label, rooms, FR cameras) of `synthetic::level`: about 1k, 10k and 100k wall segments.
const SIZES: [(&str, usize, usize); 3] =
    [("1k", 166, 50), ("10k", 1660, 500), ("100k", 16600, 5000)];

struct Driver {
    ctx: egui::Context,
    app: App,
    time: f64,
}

impl Driver {
    /// One frame with these events; returns its CPU time.
    fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                Pos2::ZERO,
                egui::vec2(1400.0, 900.0),
            )),
            time: Some(self.time),
            // As eframe reports wgpu's default limits (egui alone assumes 2048).
            max_texture_side: Some(8192),
            events,
            ..Default::default()
        };
        let t = Instant::now();
        let out = self.ctx.run_ui(input, |ui| self.app.ui(ui));
        let prims = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        std::hint::black_box(prims);
        t.elapsed()
    }

    fn screen(&self, p: [f64; 2]) -> Pos2 {
        self.app.last_view.expect("drawn").screen(p)
    }
}

fn button(pos: Pos2, button: PointerButton, pressed: bool) -> Event {
    Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers: Modifiers::NONE,
    }
}

/// Median and worst of a gesture's frames, in ms.
fn report(what: &str, times: &[Duration]) {
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    // SIGHTLINE_BENCH_FRAMES=1 prints every frame's time, in order.
    if std::env::var_os("SIGHTLINE_BENCH_FRAMES").is_some() {
        let each: Vec<String> = times
            .iter()
            .map(|d| format!("{:.0}", d.as_secs_f64() * 1e3))
            .collect();
        println!("    {}", each.join(" "));
    }
    let median = ms[ms.len() / 2];
    let worst = ms[ms.len() - 1];
    println!(
        "  {what:<28} median {median:7.2} ms   worst {worst:7.2} ms   ({} frames)",
        ms.len()
    );
}

/// Resident memory of this process, in MB.
fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |pages| pages * 4096.0 / 1e6)
}

/// A drag with `which` from `from` by `step` a frame for `n` frames.
fn drag(d: &mut Driver, which: PointerButton, from: Pos2, step: Vec2, n: usize) -> Vec<Duration> {
    let mut times = vec![d.frame(vec![Event::PointerMoved(from), button(from, which, true)])];
    for k in 1..=n {
        let at = from + step * k as f32;
        times.push(d.frame(vec![Event::PointerMoved(at)]));
    }
    let end = from + step * n as f32;
    times.push(d.frame(vec![button(end, which, false)]));
    times
}

fn run(label: &str, rooms: usize, cameras: usize) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("level.site.json");
    let doc = sightline::synthetic::level(rooms, cameras, 50);
    std::fs::write(&path, serde_json::to_string(&doc).unwrap()).unwrap();
    let ctx = egui::Context::default();
    sightline::app::install_fonts(&ctx);
    let t = Instant::now();
    let mut d = Driver {
        ctx,
        app: App::new(Some(path)),
        time: 0.0,
    };
    let first = d.frame(Vec::new());
    let opened = t.elapsed();
    for _ in 0..3 {
        d.frame(Vec::new());
    }
    let floor = &d.app.doc.as_ref().unwrap().site.floors[0];
    println!(
        "{label}: {} wall segments, {} devices, {} spaces — open {:.2} s (first frame {:.0} ms), {:.0} MB",
        sightline::synthetic::wall_segments(&doc),
        floor.devices.len(),
        floor.spaces.len(),
        opened.as_secs_f64(),
        first.as_secs_f64() * 1e3,
        rss_mb()
    );
    let camera = floor.devices[floor.devices.len() / 2].position;
    let wall = floor.walls[floor.walls.len() / 2].points[0];
    let centre = d.app.last_canvas.unwrap().center();

    if std::env::var_os("SIGHTLINE_PROFILE_DRAG").is_some() {
        // For a profiler: a camera dragged, zoomed in (with SIGHTLINE_PROFILE_WHOLE, the whole
        // floor in view).
        let whole = std::env::var_os("SIGHTLINE_PROFILE_WHOLE").is_some();
        d.app.look_at(camera, (!whole).then_some(40.0));
        d.frame(Vec::new());
        let at = d.screen(camera);
        d.frame(vec![
            Event::PointerMoved(at),
            button(at, PointerButton::Primary, true),
        ]);
        d.frame(vec![button(at, PointerButton::Primary, false)]);
        let times = drag(&mut d, PointerButton::Primary, at, Vec2::new(1.0, 0.5), 200);
        report("drag the camera", &times);
        return;
    }
    if std::env::var_os("SIGHTLINE_PROFILE_IDLE").is_some() {
        // For a profiler: idle frames (of the whole floor, or zoomed in), nothing else.
        if std::env::var_os("SIGHTLINE_PROFILE_ZOOMED").is_some() {
            d.app.look_at(camera, Some(40.0));
        }
        let idle: Vec<_> = (0..100).map(|_| d.frame(Vec::new())).collect();
        report("idle frame", &idle);
        return;
    }
    // The whole floor in view (as opened), then the same gestures zoomed in to a few rooms.
    for view in ["whole floor", "zoomed in"] {
        println!(" {view}:");
        let idle: Vec<_> = (0..20).map(|_| d.frame(Vec::new())).collect();
        report("idle frame", &idle);
        let pan = drag(
            &mut d,
            PointerButton::Secondary,
            centre,
            Vec2::new(6.0, 3.0),
            40,
        );
        report("pan (right-drag)", &pan);
        let before = rss_mb();
        let wheel = |delta: f32| Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: Vec2::new(0.0, delta),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        };
        let mut zoom = Vec::new();
        for k in 0..60 {
            let delta = if k < 30 { 40.0 } else { -40.0 };
            zoom.push(d.frame(vec![Event::PointerMoved(centre), wheel(delta)]));
        }
        // egui eases wheel steps over the next frames: those belong to the zoom, and the next
        // gesture starts from a still view.
        let mut still = 0;
        while still < 2 && zoom.len() < 120 {
            let before = d.app.last_view.map(|v| v.scale);
            zoom.push(d.frame(Vec::new()));
            still = if d.app.last_view.map(|v| v.scale) == before {
                still + 1
            } else {
                0
            };
        }
        report("zoom (wheel in, out)", &zoom);
        println!("  memory while zooming: {before:.0} → {:.0} MB", rss_mb());
        // Select a camera by clicking it (the plan centred on it first, as the object list does).
        d.app.look_at(camera, None);
        d.frame(Vec::new());
        let at = d.screen(camera);
        let select = vec![
            d.frame(vec![
                Event::PointerMoved(at),
                button(at, PointerButton::Primary, true),
            ]),
            d.frame(vec![button(at, PointerButton::Primary, false)]),
            d.frame(Vec::new()),
        ];
        report("select a camera (click)", &select);
        let cam_drag = drag(&mut d, PointerButton::Primary, at, Vec2::new(2.0, 1.0), 40);
        report("drag the camera", &cam_drag);
        d.frame(vec![Event::Key {
            key: egui::Key::Escape,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::NONE,
        }]);
        d.app.look_at(wall, None);
        d.frame(Vec::new());
        let at = d.screen(wall) + Vec2::new(0.0, 0.0);
        let wall_drag = drag(&mut d, PointerButton::Primary, at, Vec2::new(0.0, 1.0), 40);
        report("drag a wall corner", &wall_drag);
        let undo = vec![d.frame(vec![Event::Key {
            key: egui::Key::Z,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::COMMAND,
        }])];
        report("undo", &undo);
        // Zoom in to about 40 px a metre for the second round.
        d.app.look_at(camera, Some(40.0));
        d.frame(Vec::new());
    }
}

fn main() {
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    for (label, rooms, cameras) in SIZES {
        if wanted.is_empty() || wanted.iter().any(|w| w == label) {
            run(label, rooms, cameras);
        }
    }
}
