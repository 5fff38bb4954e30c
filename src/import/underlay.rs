//! The drawing's own lines as a PNG underlay placed exactly under the imported floor
//! (import.md 10), so whatever the importer did not understand can still be traced.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use resvg::tiny_skia::{Color, LineCap, Paint, PathBuilder, Pixmap, Stroke, Transform};

use super::geom::P;

/// About 2 cm per pixel …
pub const METRES_PER_PIXEL: f64 = 0.02;
/// … but at most this many pixels a side …
pub const MAX_SIDE: f64 = 16_384.0;
/// … and at most this many in all (the editor loads underlays up to 48 Mpx).
pub const MAX_PIXELS: f64 = 40.0e6;

/// A rendered underlay: the PNG and where its top-left pixel goes.
pub struct Picture {
    pub png: Vec<u8>,
    pub origin: P,
    pub metres_per_pixel: f64,
    pub width: u32,
    pub height: u32,
}

/// Draws `lines` (metres) dark grey on white.
pub fn draw(lines: &[(P, P)]) -> Option<Picture> {
    let [lo, hi] = super::geom::bbox(lines.iter().flat_map(|(a, b)| [*a, *b]))?;
    let margin = 0.5;
    let (lo, hi) = (
        [lo[0] - margin, lo[1] - margin],
        [hi[0] + margin, hi[1] + margin],
    );
    let (w_m, h_m) = (hi[0] - lo[0], hi[1] - lo[1]);
    let mpp = METRES_PER_PIXEL
        .max(w_m.max(h_m) / MAX_SIDE)
        .max((w_m * h_m / MAX_PIXELS).sqrt());
    let width = (w_m / mpp).ceil().max(1.0) as u32;
    let height = (h_m / mpp).ceil().max(1.0) as u32;
    let mut pixmap = Pixmap::new(width, height)?;
    pixmap.fill(Color::WHITE);
    let mut paint = Paint::default();
    paint.set_color_rgba8(40, 40, 40, 255);
    paint.anti_alias = true;
    let stroke = Stroke {
        width: 1.5,
        line_cap: LineCap::Round,
        ..Stroke::default()
    };
    let px = |p: P| (((p[0] - lo[0]) / mpp) as f32, ((hi[1] - p[1]) / mpp) as f32);
    // Stroke in batches so one path never grows without bound.
    for chunk in lines.chunks(20_000) {
        let mut pb = PathBuilder::new();
        for (a, b) in chunk {
            let (ax, ay) = px(*a);
            let (bx, by) = px(*b);
            pb.move_to(ax, ay);
            pb.line_to(bx, by);
        }
        if let Some(path) = pb.finish() {
            pixmap.stroke_path(&path, &paint, &stroke, Transform::identity(), None);
        }
    }
    let png = pixmap.encode_png().ok()?;
    Some(Picture {
        png,
        origin: [lo[0], hi[1]],
        metres_per_pixel: mpp,
        width,
        height,
    })
}

/// The underlay's file name beside the site: `hotel.site.json` + `F2` → `hotel.F2.plan.png`.
///
/// ```
/// use sightline::import::underlay::file_name;
/// assert_eq!(file_name(std::path::Path::new("/x/hotel.site.json"), "F 2"), "hotel.F_2.plan.png");
/// ```
pub fn file_name(site: &std::path::Path, floor_id: &str) -> String {
    let name = site
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let base = name
        .strip_suffix(".site.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name);
    let safe: String = floor_id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{base}.{safe}.plan.png")
}
