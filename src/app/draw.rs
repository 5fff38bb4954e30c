//! Painting a floor on the canvas: the same layers and colours as the headless renderer
//! (`crate::render`), plus what only an editor shows (grid, selection, hover, handles).

use std::collections::BTreeSet;

use eframe::egui::{self, Color32, Pos2, Rect, Shape, Stroke, Vec2};
use geo::TriangulateEarcut;

use super::edit::{ItemKind, ItemRef};
use super::view::ScreenFromPlan;
use super::Document;
use crate::i18n::Lang;
use crate::model::{self, Point};
use crate::render::colour;
use crate::rules::{Finding, RuleId};

/// A colour from the renderer's palette, with an alpha.
pub fn hex(c: &str, alpha: u8) -> Color32 {
    let v = u32::from_str_radix(c.trim_start_matches('#'), 16).unwrap_or(0x808080);
    Color32::from_rgba_unmultiplied((v >> 16) as u8, (v >> 8) as u8, v as u8, alpha)
}

pub const SELECTION: Color32 = Color32::from_rgb(0xFF, 0x8F, 0x00);
pub const HOVER: Color32 = Color32::from_rgb(0x15, 0x65, 0xC0);

/// Fills a polygon of any shape (triangulated by earcut).
pub fn fill_polygon(
    painter: &egui::Painter,
    poly: &geo::Polygon<f64>,
    tf: &ScreenFromPlan,
    fill: Color32,
) {
    let mut mesh = egui::Mesh::default();
    for tri in poly.earcut_triangles() {
        for c in [tri.v1(), tri.v2(), tri.v3()] {
            let i = mesh.vertices.len() as u32;
            mesh.colored_vertex(tf.screen([c.x, c.y]), fill);
            mesh.indices.push(i);
        }
    }
    painter.add(Shape::mesh(mesh));
}

/// Draws every ring of a polygon.
pub fn outline(
    painter: &egui::Painter,
    poly: &geo::Polygon<f64>,
    tf: &ScreenFromPlan,
    stroke: Stroke,
) {
    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
        let pts: Vec<Pos2> = ring.coords().map(|c| tf.screen([c.x, c.y])).collect();
        painter.add(Shape::closed_line(pts, stroke));
    }
}

/// The hatch lines of a polygon (holes respected): lines at 45° every `spacing` metres, cut to
/// the inside. At most `max_lines` lines are returned.
///
/// ```
/// use sightline::app::draw::hatch_lines;
/// let square = geo::Rect::new((0.0, 0.0), (1.0, 1.0)).to_polygon();
/// let lines = hatch_lines(&square, 0.25, 1000);
/// // Every line lies inside the square.
/// assert!(!lines.is_empty());
/// assert!(lines.iter().flatten().all(|p| (-1e-9..=1.0 + 1e-9).contains(&p[0])));
/// ```
pub fn hatch_lines(poly: &geo::Polygon<f64>, spacing: f64, max_lines: usize) -> Vec<[Point; 2]> {
    if spacing <= 0.0 || !spacing.is_finite() {
        return Vec::new();
    }
    let h = std::f64::consts::FRAC_1_SQRT_2;
    let along = |p: geo::Coord<f64>| (p.x + p.y) * h;
    let across = |p: geo::Coord<f64>| (p.y - p.x) * h;
    // Crossings of each hatch line (numbered by k) with every edge.
    let mut hits: std::collections::BTreeMap<i64, Vec<f64>> = Default::default();
    let mut total = 0usize;
    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
        for line in ring.lines() {
            let (a, b) = (across(line.start), across(line.end));
            if a == b {
                continue;
            }
            let (lo, hi) = (a.min(b), a.max(b));
            let first = (lo / spacing).ceil() as i64;
            let last = (hi / spacing).ceil() as i64 - 1;
            for k in first..=last {
                let c = k as f64 * spacing;
                let t = (c - a) / (b - a);
                let u = along(line.start) + t * (along(line.end) - along(line.start));
                hits.entry(k).or_default().push(u);
                total += 1;
                if total > 4 * max_lines {
                    return Vec::new();
                }
            }
        }
    }
    let mut out = Vec::new();
    for (k, mut us) in hits {
        us.sort_by(f64::total_cmp);
        let c = k as f64 * spacing;
        for pair in us.chunks_exact(2) {
            let p = |u: f64| [(u - c) * h, (u + c) * h];
            out.push([p(pair[0]), p(pair[1])]);
            if out.len() >= max_lines {
                return out;
            }
        }
    }
    out
}

/// Fills a polygon with a translucent colour and hatches it.
pub fn hatch_polygon(
    painter: &egui::Painter,
    poly: &geo::Polygon<f64>,
    tf: &ScreenFromPlan,
    c: &str,
) {
    fill_polygon(painter, poly, tf, hex(c, 40));
    let spacing = 7.0 / tf.scale as f64;
    for [a, b] in hatch_lines(poly, spacing, 4000) {
        painter.line_segment([tf.screen(a), tf.screen(b)], Stroke::new(1.6, hex(c, 220)));
    }
    outline(painter, poly, tf, Stroke::new(1.0, hex(c, 255)));
}

/// A metre grid: lines every `step` metres (a round step that keeps them at least 12 points
/// apart), a darker line every 5 steps.
pub fn grid(painter: &egui::Painter, rect: Rect, tf: &ScreenFromPlan) {
    let step = grid_step(tf.scale);
    let min = tf.plan(rect.left_bottom());
    let max = tf.plan(rect.right_top());
    let minor = Stroke::new(1.0, Color32::from_rgba_unmultiplied(0, 0, 0, 14));
    let major = Stroke::new(1.0, Color32::from_rgba_unmultiplied(0, 0, 0, 34));
    let lines = |lo: f64, hi: f64| ((lo / step).floor() as i64)..=((hi / step).ceil() as i64);
    for k in lines(min[0], max[0]) {
        let x = tf.screen([k as f64 * step, 0.0]).x;
        let s = if k % 5 == 0 { major } else { minor };
        painter.line_segment([Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())], s);
    }
    for k in lines(min[1], max[1]) {
        let y = tf.screen([0.0, k as f64 * step]).y;
        let s = if k % 5 == 0 { major } else { minor };
        painter.line_segment([Pos2::new(rect.left(), y), Pos2::new(rect.right(), y)], s);
    }
}

/// The grid step in metres at a zoom (also the snapping step).
pub fn grid_step(points_per_metre: f32) -> f64 {
    [0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0]
        .into_iter()
        .find(|s| s * points_per_metre as f64 >= 12.0)
        .unwrap_or(100.0)
}

/// Scale bar (bottom left) and north arrow (top right).
pub fn scale_and_north(painter: &egui::Painter, rect: Rect, tf: &ScreenFromPlan) {
    let len_m = crate::render::nice_length(140.0 / tf.scale as f64);
    let len_pt = (len_m * tf.scale as f64) as f32;
    let left = rect.left_bottom() + Vec2::new(16.0, -20.0);
    let ink = Color32::from_rgb(0x33, 0x33, 0x33);
    painter.rect_filled(
        Rect::from_min_max(
            left + Vec2::new(-6.0, -22.0),
            left + Vec2::new(len_pt + 6.0, 8.0),
        ),
        3.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 200),
    );
    painter.line_segment([left, left + Vec2::new(len_pt, 0.0)], Stroke::new(3.0, ink));
    for x in [0.0, len_pt] {
        painter.line_segment(
            [left + Vec2::new(x, -5.0), left + Vec2::new(x, 3.0)],
            Stroke::new(1.5, ink),
        );
    }
    let text = if len_m >= 1.0 {
        format!("{len_m} m")
    } else {
        format!("{} cm", len_m * 100.0)
    };
    painter.text(
        left + Vec2::new(len_pt / 2.0, -8.0),
        egui::Align2::CENTER_BOTTOM,
        text,
        egui::FontId::proportional(12.0),
        ink,
    );
    let tip = rect.right_top() + Vec2::new(-28.0, 14.0);
    let arrow = vec![
        tip,
        tip + Vec2::new(9.0, 26.0),
        tip + Vec2::new(0.0, 20.0),
        tip + Vec2::new(-9.0, 26.0),
    ];
    painter.add(Shape::convex_polygon(arrow, ink, Stroke::NONE));
    painter.text(
        tip + Vec2::new(0.0, 30.0),
        egui::Align2::CENTER_TOP,
        "N",
        egui::FontId::proportional(13.0),
        ink,
    );
}

/// The legend (bottom right of the canvas): the same entries as the exported picture.
pub fn legend(painter: &egui::Painter, rect: Rect, lang: Lang) {
    use crate::render::{Swatch, LEGEND};
    let label = |e: &crate::render::LegendEntry| match lang {
        Lang::En => e.en,
        Lang::Zh => e.zh,
    };
    let font = egui::FontId::proportional(12.0);
    let width = LEGEND
        .iter()
        .map(|e| {
            painter
                .layout_no_wrap(label(e).to_owned(), font.clone(), Color32::BLACK)
                .size()
                .x
        })
        .fold(0.0f32, f32::max)
        + 44.0;
    let height = LEGEND.len() as f32 * 18.0 + 10.0;
    let top_left = rect.right_bottom() - Vec2::new(width + 12.0, height + 12.0);
    painter.rect(
        Rect::from_min_size(top_left, Vec2::new(width, height)),
        4.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 225),
        Stroke::new(1.0, Color32::from_gray(200)),
        egui::StrokeKind::Inside,
    );
    for (i, e) in LEGEND.iter().enumerate() {
        let y = top_left.y + 6.0 + i as f32 * 18.0;
        let sw = Rect::from_min_size(Pos2::new(top_left.x + 8.0, y + 2.0), Vec2::new(24.0, 11.0));
        let c = e.colour;
        match e.swatch {
            Swatch::Fill => {
                painter.rect_filled(sw, 1.0, hex(c, 255));
            }
            Swatch::Area => {
                painter.rect(
                    sw,
                    1.0,
                    hex(c, 64),
                    Stroke::new(1.0, hex(c, 255)),
                    egui::StrokeKind::Inside,
                );
            }
            Swatch::Dash => painter.extend(Shape::dashed_line(
                &[sw.left_center(), sw.right_center()],
                Stroke::new(2.0, hex(c, 255)),
                5.0,
                3.0,
            )),
            Swatch::Hatch(_) => {
                painter.rect_filled(sw, 1.0, hex(c, 40));
                let clipped = painter.with_clip_rect(sw);
                for k in 0..7 {
                    let x = sw.left() + k as f32 * 6.0;
                    clipped.line_segment(
                        [Pos2::new(x - 11.0, sw.bottom()), Pos2::new(x, sw.top())],
                        Stroke::new(1.5, hex(c, 220)),
                    );
                }
            }
            Swatch::Dot => {
                painter.circle_filled(sw.center(), 5.5, hex(c, 255));
            }
        }
        painter.text(
            Pos2::new(sw.right() + 8.0, y),
            egui::Align2::LEFT_TOP,
            label(e),
            font.clone(),
            Color32::from_gray(40),
        );
    }
}

/// What is highlighted besides the drawing itself.
pub struct Highlights<'a> {
    pub selection: &'a BTreeSet<ItemRef>,
    /// The finding under the pointer in the findings panel (an index into the checker's list).
    pub hovered_finding: Option<usize>,
    /// For each finding index, the number shown beside it (as the renderer numbers them).
    pub numbers: &'a [Option<usize>],
    pub lang: Lang,
}

/// A space's fill; lighter over an underlay so that the scanned plan shows through.
fn space_fill(class: model::SpaceClass, over_underlay: bool) -> Color32 {
    let alpha = if over_underlay { 110 } else { 230 };
    match class {
        model::SpaceClass::Private => hex(colour::PRIVATE_FILL, alpha),
        model::SpaceClass::Public => hex(colour::PUBLIC_FILL, alpha),
        model::SpaceClass::NonPublic => hex(colour::NON_PUBLIC_FILL, alpha),
    }
}

fn finding_region_colour(f: &Finding) -> &'static str {
    if f.rule == RuleId::OutsideZone {
        colour::OUTSIDE_ZONE
    } else {
        colour::IN_PRIVATE
    }
}

fn label_of<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.is_empty() {
        id
    } else {
        name
    }
}

/// Draws floor `fi` of a document: spaces, zones, capture areas, finding regions, walls,
/// openings, signs, devices, finding markers and the highlights.
pub fn floor(
    painter: &egui::Painter,
    doc: &Document,
    fi: usize,
    tf: &ScreenFromPlan,
    hl: &Highlights<'_>,
) {
    let floor = &doc.site.floors[fi];
    let Some(fa) = doc.checker.analysis.floors.get(fi) else {
        return;
    };
    let small = egui::FontId::proportional(12.0);
    for s in &fa.spaces.list {
        fill_polygon(
            painter,
            &s.polygon,
            tf,
            space_fill(s.class, floor.underlay.is_some()),
        );
    }
    for s in &floor.spaces {
        if s.polygon.len() >= 3 {
            let pts: Vec<Pos2> = s.polygon.iter().map(|p| tf.screen(*p)).collect();
            painter.add(Shape::closed_line(
                pts,
                Stroke::new(1.0, Color32::from_gray(170)),
            ));
            let c = centroid(&s.polygon);
            painter.text(
                tf.screen(c),
                egui::Align2::CENTER_CENTER,
                format!(
                    "{}\n{}",
                    label_of(&s.name, &s.id),
                    crate::i18n::kind_label(s.kind, hl.lang)
                ),
                small.clone(),
                Color32::from_gray(90),
            );
        }
    }
    for (z, za) in floor.zones.iter().zip(&fa.zones) {
        if let Some(p) = &za.polygon {
            outline(painter, p, tf, Stroke::new(2.0, hex(colour::ZONE, 255)));
        } else if z.polygon.len() >= 2 {
            let pts: Vec<Pos2> = z.polygon.iter().map(|p| tf.screen(*p)).collect();
            painter.add(Shape::closed_line(
                pts,
                Stroke::new(2.0, hex(colour::ZONE, 255)),
            ));
        }
        if let Some(first) = z.polygon.first() {
            painter.text(
                tf.screen(*first) + Vec2::new(4.0, 4.0),
                egui::Align2::LEFT_TOP,
                label_of(&z.name, &z.id),
                small.clone(),
                hex(colour::ZONE, 255),
            );
        }
    }
    // Capture areas of FR devices (solid) and view areas of ordinary cameras (lighter, dashed).
    for (d, da) in floor.devices.iter().zip(&fa.devices) {
        if d.face_recognition {
            for poly in &da.capture {
                fill_polygon(painter, poly, tf, hex(colour::FR_CAPTURE, 50));
                outline(
                    painter,
                    poly,
                    tf,
                    Stroke::new(1.2, hex(colour::FR_CAPTURE, 190)),
                );
            }
        } else {
            for poly in &da.view {
                fill_polygon(painter, poly, tf, hex(colour::CAMERA_VIEW, 38));
                let pts: Vec<Pos2> = poly
                    .exterior()
                    .coords()
                    .map(|c| tf.screen([c.x, c.y]))
                    .collect();
                painter.extend(Shape::dashed_line(
                    &pts,
                    Stroke::new(1.0, hex(colour::CAMERA_VIEW, 200)),
                    6.0,
                    4.0,
                ));
            }
        }
    }
    let findings = doc.checker.findings();
    for (i, f) in findings.iter().enumerate() {
        if f.floor_index != Some(fi) {
            continue;
        }
        if let Some(r) = &f.region {
            let c = finding_region_colour(f);
            for poly in r {
                hatch_polygon(painter, poly, tf, c);
                if hl.hovered_finding == Some(i) {
                    outline(painter, poly, tf, Stroke::new(3.0, HOVER));
                }
            }
        }
        if let Some(stretches) = &f.stretches {
            let c = if hl.hovered_finding == Some(i) {
                HOVER
            } else {
                hex(colour::IN_PRIVATE, 255)
            };
            for [a, b] in stretches {
                painter.line_segment([tf.screen(*a), tf.screen(*b)], Stroke::new(5.0, c));
            }
        }
    }
    for w in &floor.walls {
        let pts: Vec<Pos2> = w.points.iter().map(|p| tf.screen(*p)).collect();
        let width = ((w.thickness as f32) * tf.scale).max(1.5);
        painter.add(Shape::line(pts, Stroke::new(width, hex(colour::WALL, 255))));
    }
    for o in &floor.openings {
        let c = match o.kind {
            model::OpeningKind::Window if o.obscured => hex(colour::FROSTED_WINDOW, 255),
            model::OpeningKind::Window => hex(colour::WINDOW, 255),
            _ => Color32::WHITE,
        };
        painter.line_segment(
            [tf.screen(o.a), tf.screen(o.b)],
            Stroke::new((0.25 * tf.scale).max(3.0), c),
        );
        if o.kind == model::OpeningKind::Door {
            painter.line_segment(
                [tf.screen(o.a), tf.screen(o.b)],
                Stroke::new(1.5, hex(colour::DOOR, 255)),
            );
        }
    }
    for (g, ga) in floor.signs.iter().zip(&fa.signs) {
        for poly in &ga.reading {
            fill_polygon(painter, poly, tf, hex(colour::SIGN_READING, 70));
        }
        let p = tf.screen(g.position);
        let h = g.facing.to_radians() as f32;
        painter.line_segment(
            [p, p + Vec2::new(h.cos(), -h.sin()) * 12.0],
            Stroke::new(2.0, hex(colour::SIGN, 255)),
        );
        painter.rect(
            Rect::from_center_size(p, Vec2::splat(9.0)),
            1.0,
            hex(colour::SIGN, 255),
            Stroke::new(1.0, Color32::from_gray(80)),
            egui::StrokeKind::Inside,
        );
    }
    for d in &floor.devices {
        let p = tf.screen(d.position);
        let c = if d.face_recognition {
            hex(colour::FR_CAPTURE, 255)
        } else {
            hex(colour::CAMERA_VIEW, 255)
        };
        let h = d.heading.to_radians() as f32;
        painter.line_segment(
            [p, p + Vec2::new(h.cos(), -h.sin()) * 14.0],
            Stroke::new(2.0, c),
        );
        if d.face_recognition {
            painter.circle(p, 6.0, c, Stroke::new(1.5, Color32::WHITE));
        } else {
            painter.rect(
                Rect::from_center_size(p, Vec2::splat(11.0)),
                2.0,
                c,
                Stroke::new(1.5, Color32::WHITE),
                egui::StrokeKind::Inside,
            );
        }
        painter.text(
            p + Vec2::new(9.0, 7.0),
            egui::Align2::LEFT_TOP,
            label_of(&d.name, &d.id),
            small.clone(),
            Color32::from_gray(60),
        );
    }
    selection(painter, floor, tf, hl.selection);
    // Finding markers, numbered as in the exported picture; markers at one point stand in a row.
    let mut at_point: Vec<([f64; 2], f32)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if f.floor_index != Some(fi) {
            continue;
        }
        let (Some(at), Some(Some(n))) = (f.at, hl.numbers.get(i)) else {
            continue;
        };
        let shift = match at_point.iter_mut().find(|(p, _)| *p == at) {
            Some((_, next)) => {
                *next += 20.0;
                *next
            }
            None => {
                at_point.push((at, 0.0));
                0.0
            }
        };
        let p = tf.screen(at) + Vec2::new(shift, 0.0);
        let hovered = hl.hovered_finding == Some(i);
        painter.circle(
            p,
            if hovered { 11.0 } else { 9.0 },
            hex(colour::FINDING, 255),
            Stroke::new(
                if hovered { 3.0 } else { 1.0 },
                if hovered { HOVER } else { Color32::WHITE },
            ),
        );
        painter.text(
            p,
            egui::Align2::CENTER_CENTER,
            n.to_string(),
            egui::FontId::proportional(11.0),
            Color32::WHITE,
        );
    }
}

/// The centroid of a polygon's vertices (where its label goes).
pub fn centroid(poly: &[Point]) -> Point {
    let n = poly.len().max(1) as f64;
    let (x, y) = poly
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p[0], y + p[1]));
    [x / n, y / n]
}

/// Outlines the selected objects.
fn selection(
    painter: &egui::Painter,
    floor: &model::Floor,
    tf: &ScreenFromPlan,
    selected: &BTreeSet<ItemRef>,
) {
    let stroke = Stroke::new(2.5, SELECTION);
    for r in selected {
        let Some(item) = super::edit::get(floor, *r) else {
            continue;
        };
        let pts: Vec<Pos2> = item.points().iter().map(|p| tf.screen(*p)).collect();
        match r.kind {
            ItemKind::Device | ItemKind::Sign => {
                if let Some(p) = pts.first() {
                    painter.circle_stroke(*p, 11.0, stroke);
                }
            }
            ItemKind::Wall | ItemKind::Opening => {
                painter.add(Shape::line(pts.clone(), stroke));
                for p in pts {
                    painter.circle_filled(p, 3.5, SELECTION);
                }
            }
            ItemKind::Space | ItemKind::Zone => {
                painter.add(Shape::closed_line(pts.clone(), stroke));
                for p in pts {
                    painter.circle_filled(p, 3.5, SELECTION);
                }
            }
        }
    }
}
