//! Painting on the canvas: the floor's [`Scene`] translated to egui shapes (the exported
//! picture translates the same scene to SVG), then what only an editor shows: grid, selection,
//! the finding under the pointer, scale bar, north arrow and legend.

use std::collections::BTreeSet;

use eframe::egui::{self, Color32, Pos2, Rect, Shape, Stroke, Vec2};
use geo::TriangulateEarcut;

use super::edit::{ItemKind, ItemRef};
use super::view::ScreenFromPlan;
use crate::i18n::Lang;
use crate::model::{self, Point};
use crate::scene::hatch::hatch_lines;
use crate::scene::palette::{self as p, Rgb};
use crate::scene::{
    markers, symbol, Fill, Hatch, LabelFit, Line, Paint, Prim, Scene, Swatch, LEGEND, NORTH,
};

/// Below this many pixels a metre, cameras and zones are not named on the canvas.
const MIN_NAMES_SCALE: f64 = 6.0;

/// Areas smaller than this many pixels across are drawn without their outline.
const MIN_OUTLINED_PX: f64 = 12.0;

/// Above this many markers in view, markers are clustered with a count.
const MAX_SINGLE_MARKERS: usize = 300;

/// A palette colour with an opacity.
pub fn colour(c: Rgb, opacity: f32) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, (opacity.clamp(0.0, 1.0) * 255.0) as u8)
}

fn paint(x: Paint) -> Color32 {
    colour(x.colour, x.opacity)
}

/// A floor's scene with what the canvas derives from it once: each area's triangles.
#[derive(Default)]
pub struct PaintedScene {
    pub scene: Scene,
    /// Per item, its areas' triangles in plan metres (filled on first use).
    triangles: Vec<Option<Triangles>>,
    /// How long building the scene took.
    pub build_time: std::time::Duration,
    /// The static layers (everything but the underlay, labels and markers) tessellated once for
    /// a view, reused while the view only pans within the window it covers.
    mesh: Option<KeptLayers>,
    /// Far out, the static layers painted into an image, reused as the mesh is and, scaled,
    /// while the wheel zooms or a new image is being painted.
    image: Option<KeptLayers>,
    /// The static layers being painted into an image on another thread.
    pending: Option<PendingImage>,
    /// A scale at which the layers could not be an image (the view larger than a texture can
    /// be): they are kept as a mesh there.
    no_image_at: Option<f32>,
    /// The scale of the last frames and for how many it has held: layers are kept only once the
    /// scale holds still (not while the wheel zooms).
    last_scale: (f32, u32),
    /// A scale and plan window found to hold too few items to keep a mesh of: views inside it
    /// at that scale are not counted again.
    sparse: Option<(f32, (Point, Point))>,
}

/// The view and layers kept layers were made for.
#[derive(Clone, PartialEq)]
struct MadeFor {
    /// The view it was made at (screen position of the plan's origin follows from it).
    tf: ScreenFromPlan,
    rect: Rect,
    shown: Shown,
    pixels_per_point: f32,
    /// The objects left out (being dragged).
    skip: Option<BTreeSet<crate::scene::Subject>>,
}

impl MadeFor {
    /// Whether these are the layers to draw now (at whatever scale and place).
    fn same_layers(&self, now: &MadeFor) -> bool {
        self.skip == now.skip
            && self.rect.size() == now.rect.size()
            && self.shown == now.shown
            && self.pixels_per_point == now.pixels_per_point
    }
}

/// The static layers of a scene kept for the next frames, and the view they were made for.
struct KeptLayers {
    kept: Kept,
    made: MadeFor,
    /// The plan window it holds everything of (the view and as much again around it).
    window: (Point, Point),
    /// Whether it holds all of the floor (so a view outside its window misses nothing).
    whole: bool,
}

/// How the static layers are kept.
enum Kept {
    /// Tessellated: moved as a pan moves them.
    Mesh(std::sync::Arc<egui::Mesh>),
    /// Far out, painted into an image covering the plan rectangle between two corners (top-left
    /// and bottom-right): one textured rectangle a frame, moved and scaled by pan and zoom.
    Image {
        texture: egui::TextureHandle,
        corners: [Point; 2],
    },
}

/// Static layers being painted into an image on another thread, for a view.
struct PendingImage {
    result: std::sync::mpsc::Receiver<Option<super::mesh_image::Painted>>,
    /// Dropped with the scene (or when the image comes): the thread then stops early.
    _wanted: std::sync::Arc<()>,
    made: MadeFor,
    /// Whether every item of the scene met the window the layers were painted for.
    all_items: bool,
}

/// Kept layers as one frame draws them.
enum Reuse {
    /// The mesh, and how far the view has moved since it was made.
    Mesh(std::sync::Arc<egui::Mesh>, Vec2),
    /// The image and its plan corners (top-left, bottom-right).
    Image(egui::TextureId, [Point; 2]),
}

/// Static layers of more shapes than this are tessellated once per view and kept as one mesh.
const MESH_CACHE_SHAPES: usize = 20_000;

/// Below this many pixels a metre the kept layers are an image (a wall is a pixel or less wide:
/// tessellated, a whole large floor is millions of vertices to copy every frame).
const IMAGE_BELOW_SCALE: f32 = 4.0;

/// While the wheel zooms, a kept image is shown scaled until it is painted again, as long as it
/// is scaled by no more than this factor (beyond, it would be too blurred).
const IMAGE_STRETCH: f32 = 2.0;

impl PaintedScene {
    pub fn new(scene: Scene) -> PaintedScene {
        PaintedScene {
            triangles: vec![None; scene.items.len()],
            scene,
            build_time: std::time::Duration::ZERO,
            mesh: None,
            image: None,
            pending: None,
            no_image_at: None,
            last_scale: (0.0, 0),
            sparse: None,
        }
    }

    /// Whether an image of the static layers is being painted on another thread.
    pub fn image_pending(&self) -> bool {
        self.pending.is_some()
    }

    /// Takes in an image painted on another thread, if it is ready.
    fn receive_image(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.pending else { return };
        let got = match pending.result.try_recv() {
            Ok(got) => got,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        let Some(PendingImage {
            made, all_items, ..
        }) = self.pending.take()
        else {
            return;
        };
        let Some(painted) = got else {
            self.no_image_at = Some(made.tf.scale);
            return;
        };
        let texture = ctx.load_texture(
            "sightline-far-floor",
            painted.image,
            egui::TextureOptions::LINEAR,
        );
        let tf = made.tf;
        // The mesh it was painted from is no longer needed.
        if self.mesh.as_ref().is_some_and(|m| m.made == made) {
            self.mesh = None;
        }
        self.image = Some(KeptLayers {
            kept: Kept::Image {
                texture,
                corners: [tf.plan(painted.covers.min), tf.plan(painted.covers.max)],
            },
            window: tf.plan_rect(painted.holds),
            whole: all_items && painted.holds_window,
            made,
        });
    }
}

/// An area's triangles in plan metres, made on first use and kept in `slot`: its corners, and
/// three indices into them per triangle (a corner is shared by the triangles that meet there).
fn triangles<'a>(slot: &'a mut Option<Triangles>, shape: &geo::MultiPolygon<f64>) -> &'a Triangles {
    slot.get_or_insert_with(|| {
        let mut all = Triangles::default();
        for poly in shape {
            let raw = poly.earcut_triangles_raw();
            let base = all.0.len() as u32;
            all.0.extend(raw.vertices);
            all.1
                .extend(raw.triangle_indices.iter().map(|&i| base + i as u32));
        }
        all
    })
}

/// An area's triangulation: corners in plan metres, and three indices a triangle.
type Triangles = (Vec<Point>, Vec<u32>);

/// What the canvas shows (View menu); everything by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shown {
    pub underlay: bool,
    /// Capture areas and camera views.
    pub areas: bool,
    /// Where signs can be read.
    pub sign_areas: bool,
    pub labels: bool,
    pub markers: bool,
    pub grid: bool,
    pub legend: bool,
    /// The legend shows its entries (else only its title, to click open again).
    pub legend_open: bool,
    /// DORI bands of every camera, not only the selected one's.
    pub dori_all: bool,
    /// The public area no camera watches.
    pub gaps: bool,
}

impl Default for Shown {
    fn default() -> Shown {
        Shown {
            underlay: true,
            areas: true,
            sign_areas: true,
            labels: true,
            markers: true,
            grid: true,
            legend: true,
            legend_open: true,
            dori_all: false,
            gaps: false,
        }
    }
}

impl Shown {
    /// Whether an item of the scene is shown.
    fn shows(&self, item: &crate::scene::Item) -> bool {
        use crate::scene::Layer;
        match item.layer {
            Layer::Underlay => self.underlay,
            Layer::Areas | Layer::Dori => self.areas,
            Layer::Signs => self.sign_areas || !matches!(item.prim, Prim::Area { .. }),
            Layer::Labels => self.labels,
            Layer::Markers => self.markers,
            _ => true,
        }
    }
}

/// The underlay's texture and its size in pixels, when it could be loaded.
pub type UnderlayTexture = Option<(egui::TextureId, [u32; 2])>;

fn ring_points(ring: &geo::LineString<f64>, tf: &ScreenFromPlan) -> Vec<Pos2> {
    ring.coords().map(|c| tf.screen([c.x, c.y])).collect()
}

/// A polyline in a line style (dashes and all).
fn stroke_path(painter: &egui::Painter, mut pts: Vec<Pos2>, closed: bool, line: &Line, k: f64) {
    let stroke = Stroke::new(line.width.at(k), paint(line.paint));
    match line.dash {
        Some([dash, gap]) => {
            if closed {
                if let Some(first) = pts.first().copied() {
                    pts.push(first);
                }
            }
            painter.extend(Shape::dashed_line(&pts, stroke, dash, gap));
        }
        None if closed => {
            painter.add(Shape::closed_line(pts, stroke));
        }
        None => {
            painter.add(Shape::line(pts, stroke));
        }
    }
}

/// Text with a white halo, as the picture draws labels.
fn halo_text(
    painter: &egui::Painter,
    at: Pos2,
    align: egui::Align2,
    text: &str,
    size: f32,
    c: Color32,
) {
    let font = egui::FontId::proportional(size);
    for d in [[-1.0, 0.0], [1.0, 0.0], [0.0, -1.0], [0.0, 1.0]] {
        painter.text(
            at + Vec2::from(d),
            align,
            text,
            font.clone(),
            Color32::WHITE,
        );
    }
    painter.text(at, align, text, font, c);
}

/// A whole texture stretched between two opposite corners on the plan.
fn plan_image(
    painter: &egui::Painter,
    tf: &ScreenFromPlan,
    texture: egui::TextureId,
    [a, b]: [Point; 2],
    tint: Color32,
) {
    let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
    painter.image(
        texture,
        Rect::from_two_pos(tf.screen(a), tf.screen(b)),
        uv,
        tint,
    );
}

/// Paints the scene's items that meet the canvas rectangle, bottom to top.
pub fn scene(
    painter: &egui::Painter,
    painted: &mut PaintedScene,
    tf: &ScreenFromPlan,
    rect: Rect,
    underlay: UnderlayTexture,
    shown: &Shown,
    skip: Option<&BTreeSet<crate::scene::Subject>>,
) {
    let k = tf.scale as f64;
    let (view_lo, view_hi) = tf.plan_rect(rect);
    let ctx = painter.ctx().clone();
    let now = MadeFor {
        tf: *tf,
        rect,
        shown: *shown,
        pixels_per_point: ctx.pixels_per_point(),
        skip: skip.cloned(),
    };
    painted.receive_image(&ctx);
    // The static layers come from the kept mesh or image when it was made for this scale, these
    // layers and a window holding the view (a pan moves it); otherwise they are painted, and on
    // a big floor kept for the next frames.
    let inside = |w: &(Point, Point)| {
        w.0[0] <= view_lo[0] && w.0[1] <= view_lo[1] && w.1[0] >= view_hi[0] && w.1[1] >= view_hi[1]
    };
    let same_layers = |c: &&KeptLayers| c.made.same_layers(&now);
    let exactly = |c: &&KeptLayers| c.made.tf.scale == tf.scale && inside(&c.window);
    let exact_image = painted.image.as_ref().filter(same_layers).filter(exactly);
    let exact_mesh = painted.mesh.as_ref().filter(same_layers).filter(exactly);
    let exact = exact_image.is_some() || exact_mesh.is_some();
    // Far out the layers are kept as an image, painted on another thread (one at a time).
    let far = tf.scale < IMAGE_BELOW_SCALE && painted.no_image_at != Some(tf.scale);
    // Symbols and labels reach a little past their point.
    let reach = 60.0 / k;
    let meets = |b: &Option<[Point; 2]>, lo: Point, hi: Point| {
        b.is_none_or(|[a, z]| {
            a[0] <= hi[0] + reach
                && z[0] >= lo[0] - reach
                && a[1] <= hi[1] + reach
                && z[1] >= lo[1] - reach
        })
    };
    // A mesh is made once the scale has held for a few frames, of the view and as much again
    // on every side, when that holds many items.
    let (held_scale, held) = painted.last_scale;
    let held = if held_scale == tf.scale { held + 1 } else { 0 };
    painted.last_scale = (tf.scale, held);
    let (w, h) = (view_hi[0] - view_lo[0], view_hi[1] - view_lo[1]);
    let grown = (
        [view_lo[0] - w, view_lo[1] - h],
        [view_hi[0] + w, view_hi[1] + h],
    );
    let known_sparse = painted
        .sparse
        .is_some_and(|(scale, window)| scale == tf.scale && inside(&window));
    let busy = far && painted.pending.is_some();
    let capture = !exact && held >= 2 && !known_sparse && !busy && {
        let many = painted
            .scene
            .items
            .iter()
            .filter(|i| meets(&i.bbox, grown.0, grown.1))
            .take(MESH_CACHE_SHAPES + 1)
            .count()
            > MESH_CACHE_SHAPES;
        if !many {
            painted.sparse = Some((tf.scale, grown));
        }
        many
    };
    // What is drawn of the kept layers: the image made for this view, else an image made for
    // another scale or place, scaled, if it still shows all the view holds (while the wheel
    // zooms or a new image is painted: cheaper than the mesh), else the mesh made for this view.
    let stale_image = painted.image.as_ref().filter(same_layers).filter(|c| {
        let stretch = (c.made.tf.scale / tf.scale).max(tf.scale / c.made.tf.scale);
        !capture
            && tf.scale < IMAGE_BELOW_SCALE
            && stretch <= IMAGE_STRETCH
            && (c.whole || inside(&c.window))
    });
    // A scaled image is blurred: frames go on until the scale has held and it is painted again
    // (or, while it is being painted, until the thread has done).
    if exact_image.is_none() && stale_image.is_some() && painted.pending.is_none() {
        ctx.request_repaint();
    }
    let kept = exact_image
        .or(stale_image)
        .or(exact_mesh)
        .map(|c| match &c.kept {
            Kept::Mesh(mesh) => {
                let moved = tf.screen([0.0, 0.0]) - c.made.tf.screen([0.0, 0.0]);
                Reuse::Mesh(mesh.clone(), moved)
            }
            Kept::Image { texture, corners } => Reuse::Image(texture.id(), *corners),
        });
    let (lo, hi) = if capture { grown } else { (view_lo, view_hi) };
    let visible = |b: &Option<[Point; 2]>| meets(b, lo, hi);
    let mut marks: Vec<(usize, [f64; 2])> = Vec::new();
    let mut glyphs: Vec<[f64; 2]> = Vec::new();
    let mut info_numbers = std::collections::HashSet::new();
    let mut labels = Vec::new();
    let PaintedScene {
        scene,
        triangles: cached,
        ..
    } = painted;
    let skipped = |item: &crate::scene::Item| {
        skip.is_some_and(|set| item.subject.is_some_and(|s| set.contains(&s)))
    };
    // The underlay first, under everything (its items lead the scene, the bottom layer).
    let underlays = scene
        .items
        .iter()
        .take_while(|i| i.layer == crate::scene::Layer::Underlay);
    for item in underlays.filter(|i| shown.shows(i)) {
        if let (Prim::Underlay(u), Some((tex, [w, h]))) = (&item.prim, underlay) {
            let corners = underlay_corners(u, [w, h]);
            plan_image(
                painter,
                tf,
                tex,
                corners,
                colour(p::WHITE, u.opacity as f32),
            );
        }
    }
    let layer = painter.layer_id();
    let first_static = ctx.graphics_mut(|g| g.entry(layer).next_idx());
    match &kept {
        Some(Reuse::Mesh(mesh, moved)) if *moved == Vec2::ZERO => {
            painter.add(Shape::Mesh(mesh.clone()));
        }
        Some(Reuse::Mesh(mesh, moved)) => {
            let mut m = (**mesh).clone();
            m.translate(*moved);
            painter.add(Shape::mesh(m));
        }
        Some(Reuse::Image(texture, corners)) => {
            plan_image(painter, tf, *texture, *corners, Color32::WHITE);
        }
        None => {}
    }
    for (item, slot) in scene.items.iter().zip(cached.iter_mut()) {
        if !visible(&item.bbox) || !shown.shows(item) || skipped(item) {
            continue;
        }
        // Where cameras and signs are, for markers to keep clear of them (also when the
        // layers they are in are drawn from the kept mesh).
        if let Prim::Device { at, .. } | Prim::Sign { at, .. } = &item.prim {
            let s = tf.screen(*at);
            glyphs.push([s.x as f64, s.y as f64]);
        }
        let dynamic = matches!(item.prim, Prim::Label { .. } | Prim::Marker { .. });
        if kept.is_some() && !dynamic {
            continue;
        }
        match &item.prim {
            Prim::Underlay(_) => {}
            Prim::Area {
                shape,
                fill,
                outline,
            } => {
                if let Some(fill) = *fill {
                    let wash = match fill {
                        Fill::Solid(x) => paint(x),
                        Fill::Hatch(Hatch::Private, c) => colour(c, 0.18),
                        Fill::Hatch(Hatch::Outside, c) => colour(c, 0.12),
                    };
                    let (corners, indices) = triangles(slot, shape);
                    let mut mesh = egui::Mesh::default();
                    mesh.reserve_vertices(corners.len());
                    for q in corners {
                        mesh.colored_vertex(tf.screen(*q), wash);
                    }
                    mesh.indices.clone_from(indices);
                    painter.add(Shape::mesh(mesh));
                    // Hatching only where it is legible: not on an area a few pixels wide.
                    let legible = item
                        .bbox
                        .is_none_or(|[a, z]| (z[0] - a[0]).max(z[1] - a[1]) * k >= 8.0);
                    if let (Fill::Hatch(h, c), true) = (fill, legible) {
                        let (width, opacity) = match h {
                            Hatch::Private => (3.0, 0.85),
                            Hatch::Outside => (2.5, 0.8),
                        };
                        let spacing = symbol::HATCH_SPACING as f64 / k;
                        let stroke = Stroke::new(width, colour(c, opacity));
                        for poly in shape {
                            let rising = h == Hatch::Private;
                            for [a, b] in hatch_lines(poly, spacing, rising, 4000) {
                                painter.line_segment([tf.screen(a), tf.screen(b)], stroke);
                            }
                        }
                    }
                }
                // Outlines only of areas large enough to show one (at a whole mall level,
                // tens of thousands of rooms are a few pixels each: their fill says enough).
                let outlined = item
                    .bbox
                    .is_none_or(|[a, z]| (z[0] - a[0]).max(z[1] - a[1]) * k >= MIN_OUTLINED_PX);
                if let (Some(line), true) = (outline, outlined) {
                    for poly in shape {
                        for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                            stroke_path(painter, ring_points(ring, tf), true, line, k);
                        }
                    }
                }
            }
            Prim::Path {
                points,
                closed,
                line,
            } => {
                // A path shorter than two pixels (a door at a whole mall level) is not drawn.
                if item
                    .bbox
                    .is_some_and(|[a, z]| (z[0] - a[0]).max(z[1] - a[1]) * k < 2.0)
                {
                    continue;
                }
                let pts = points.iter().map(|q| tf.screen(*q)).collect();
                stroke_path(painter, pts, *closed, line, k);
                if line.cap == crate::scene::Cap::Round {
                    let r = line.width.at(k) / 2.0;
                    for q in points {
                        painter.circle_filled(tf.screen(*q), r, paint(line.paint));
                    }
                }
            }
            Prim::Device {
                at,
                heading_deg,
                colour: c,
            } => {
                let at = tf.screen(*at);
                let h = heading_deg.to_radians() as f32;
                let c = colour(*c, 1.0);
                if k < MIN_NAMES_SCALE {
                    // Far out, a camera is a dot, still as large as up close (a target to click).
                    painter.circle_filled(at, symbol::DEVICE_RADIUS, c);
                    continue;
                }
                painter.line_segment(
                    [at, at + Vec2::new(h.cos(), -h.sin()) * symbol::DEVICE_TICK],
                    Stroke::new(2.0, c),
                );
                painter.circle(
                    at,
                    symbol::DEVICE_RADIUS,
                    c,
                    Stroke::new(1.5, Color32::WHITE),
                );
            }
            Prim::Sign { at, facing_deg } => {
                let at = tf.screen(*at);
                let h = facing_deg.to_radians() as f32;
                let (along, across) = (Vec2::new(h.cos(), -h.sin()), Vec2::new(h.sin(), h.cos()));
                let [bw, bh] = symbol::SIGN_BOARD;
                let corner = |a: f32, b: f32| at + along * a + across * b;
                let board = vec![
                    corner(-bw / 2.0, -bh / 2.0),
                    corner(bw / 2.0, -bh / 2.0),
                    corner(bw / 2.0, bh / 2.0),
                    corner(-bw / 2.0, bh / 2.0),
                ];
                painter.add(Shape::convex_polygon(
                    board,
                    colour(p::SIGN, 1.0),
                    Stroke::new(1.0, Color32::BLACK),
                ));
                painter.line_segment(
                    [
                        at + along * (bw / 2.0),
                        at + along * (bw / 2.0 + symbol::SIGN_TICK),
                    ],
                    Stroke::new(1.5, Color32::BLACK),
                );
            }
            Prim::Label {
                at,
                texts,
                fit,
                colour: c,
                halo,
            } => {
                // Names beside symbols only where the plan is large enough to read them
                // (at a whole mall level they would be thousands of overlapping words).
                if matches!(fit, LabelFit::Beside { .. }) && k < MIN_NAMES_SCALE {
                    continue;
                }
                let s = tf.screen(*at);
                let mut spots = crate::scene::label_spots(texts, fit, [s.x as f64, s.y as f64], k);
                // Spots inside the canvas first: a name cut off at its edge is no help.
                let inside = |b: &crate::scene::labels::PxBox| {
                    b[0] >= rect.left() as f64
                        && b[2] <= rect.right() as f64
                        && b[1] >= rect.top() as f64
                        && b[3] <= rect.bottom() as f64
                };
                if spots.iter().any(|sp| inside(&sp.bx)) {
                    spots.retain(|sp| inside(&sp.bx));
                }
                if !spots.is_empty() {
                    labels.push((spots, (colour(*c, 1.0), *halo, *fit)));
                }
            }
            Prim::Marker { at, number, info } => {
                let s = tf.screen(*at);
                marks.push((*number, [s.x as f64, s.y as f64]));
                if *info {
                    info_numbers.insert(*number);
                }
            }
        }
    }
    // A big floor's static layers, just painted: tessellated into one mesh kept for the next
    // frames, in their place; far out, painted into an image on another thread while this frame
    // shows them as painted.
    if capture {
        let all_items = far
            && scene.items.iter().all(|i| {
                i.bbox.is_none_or(|[a, z]| {
                    a[0] >= lo[0] && a[1] >= lo[1] && z[0] <= hi[0] && z[1] <= hi[1]
                })
            });
        let captured = ctx.graphics_mut(|g| {
            let list = g.entry(layer);
            let end = list.next_idx();
            (end.0 > first_static.0).then(|| {
                let shapes: Vec<Shape> = list
                    .all_entries()
                    .skip(first_static.0)
                    .map(|c| c.shape.clone())
                    .collect();
                for i in first_static.0..end.0 {
                    list.reset_shape(egui::layers::ShapeIdx(i));
                }
                shapes
            })
        });
        if let Some(shapes) = captured {
            let mut options = ctx.tessellation_options(|o| *o);
            // Far out (a whole mall level), edges are not smoothed by the tessellation: half the
            // vertices, and at under 2 px a metre nothing to see of it; an image is anti-aliased
            // as it is painted.
            if k < 2.0 || far {
                options.feathering = false;
            }
            let font_size = ctx.fonts(|f| f.font_image_size());
            let mut tessellator = egui::epaint::Tessellator::new(
                now.pixels_per_point,
                options,
                font_size,
                Vec::new(),
            );
            let mut mesh = egui::Mesh::default();
            for shape in shapes {
                tessellator.tessellate_shape(shape, &mut mesh);
            }
            let mesh = std::sync::Arc::new(mesh);
            painter.add(Shape::Mesh(mesh.clone()));
            if far {
                let wanted = std::sync::Arc::new(());
                let job = super::mesh_image::Job {
                    wanted: std::sync::Arc::downgrade(&wanted),
                    mesh: mesh.clone(),
                    pixels_per_point: now.pixels_per_point,
                    window: Rect::from_two_pos(tf.screen(lo), tf.screen(hi)),
                    view: rect,
                    max_side: ctx.input(|i| i.max_texture_side),
                };
                painted.pending = Some(PendingImage {
                    result: super::mesh_image::spawn(job, ctx.clone()),
                    _wanted: wanted,
                    made: now.clone(),
                    all_items,
                });
            }
            painted.mesh = Some(KeptLayers {
                kept: Kept::Mesh(mesh),
                made: now,
                window: (lo, hi),
                whole: false,
            });
        }
    }
    // Labels where they fit beside those placed before them (the most important come first).
    for (spot, (c, halo, fit)) in crate::scene::place_labels(&labels) {
        let (bx, size) = (spot.bx, spot.size as f32);
        if let Some([a, b]) = spot.leader {
            painter.line_segment(
                [
                    Pos2::new(a[0] as f32, a[1] as f32),
                    Pos2::new(b[0] as f32, b[1] as f32),
                ],
                Stroke::new(1.0, c.gamma_multiply(0.8)),
            );
        }
        let (at, align) = match fit {
            LabelFit::Space { .. } => (
                Pos2::new(((bx[0] + bx[2]) / 2.0) as f32, bx[1] as f32 + size),
                egui::Align2::CENTER_BOTTOM,
            ),
            LabelFit::Beside { .. } => (
                Pos2::new(bx[0] as f32, bx[1] as f32),
                egui::Align2::LEFT_TOP,
            ),
        };
        if *halo {
            halo_text(painter, at, align, spot.text, size, *c);
        } else {
            painter.text(at, align, spot.text, egui::FontId::proportional(size), *c);
        }
    }
    let c = colour(p::FINDING, 1.0);
    // Many markers in view: one marker per 28-pixel patch, with how many findings it holds.
    let crowded = marks.len() > MAX_SINGLE_MARKERS;
    // Markers keep clear of the cameras and signs they would hide, with a leader line back
    // to the point they mark (not when crowded: then they stand for 28-pixel patches).
    if !crowded {
        for (from, to) in markers::clear_of_glyphs(&mut marks, &glyphs) {
            let pos = |p: [f64; 2]| Pos2::new(p[0] as f32, p[1] as f32);
            painter.line_segment([pos(from), pos(to)], Stroke::new(1.5, c));
        }
    }
    let near = if crowded { 28.0 } else { 3.0 };
    let groups = markers::group(&marks, near);
    // Crowded, a marker says how many findings it holds, where the words do not overlap.
    let texts: Vec<String> = groups
        .iter()
        .map(|(_, ns)| {
            if crowded {
                markers::count_label(ns)
            } else {
                markers::label(ns)
            }
        })
        .collect();
    let shown: Vec<bool> = if crowded {
        let boxes: Vec<Vec<crate::scene::labels::PxBox>> = groups
            .iter()
            .zip(&texts)
            .map(|(([x, y], _), t)| {
                let w = crate::render::text_width_px(t, symbol::MARKER_TEXT as f64);
                vec![[x + 8.0, y - 17.0, x + 8.0 + w, y - 4.0]]
            })
            .collect();
        crate::scene::labels::place(&boxes)
            .into_iter()
            .map(|p| p.is_some())
            .collect()
    } else {
        vec![true; groups.len()]
    };
    for ((([x, y], ns), text), show) in groups.iter().zip(&texts).zip(shown) {
        let at = Pos2::new(*x as f32, *y as f32);
        // A marker of informational findings only is drawn in the info colour.
        let c = if ns.iter().all(|n| info_numbers.contains(n)) {
            colour(p::INFO, 1.0)
        } else {
            c
        };
        painter.circle(
            at,
            symbol::MARKER_RADIUS,
            c,
            Stroke::new(symbol::MARKER_RING, Color32::WHITE),
        );
        if show {
            halo_text(
                painter,
                at + Vec2::new(8.0, -7.0 + 3.0),
                egui::Align2::LEFT_BOTTOM,
                text,
                symbol::MARKER_TEXT,
                c,
            );
        }
    }
}

/// Outlines what finding `i` shows (its region, its entrances, its marker) in the hover colour.
pub fn finding_highlight(painter: &egui::Painter, scene: &Scene, i: usize, tf: &ScreenFromPlan) {
    let stroke = Stroke::new(3.0, colour(p::HOVER, 1.0));
    for item in scene.items.iter().filter(|it| it.finding == Some(i)) {
        match &item.prim {
            Prim::Area { shape, .. } => {
                for poly in shape {
                    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                        painter.add(Shape::closed_line(ring_points(ring, tf), stroke));
                    }
                }
            }
            Prim::Path { points, .. } => {
                let pts: Vec<Pos2> = points.iter().map(|q| tf.screen(*q)).collect();
                painter.add(Shape::line(pts, Stroke::new(5.0, colour(p::HOVER, 1.0))));
            }
            Prim::Marker { at, .. } => {
                painter.circle_stroke(tf.screen(*at), symbol::MARKER_RADIUS + 3.0, stroke);
            }
            _ => {}
        }
    }
}

/// The plan positions of an underlay's top-left and bottom-right corners.
pub fn underlay_corners(u: &model::Underlay, [w, h]: [u32; 2]) -> [Point; 2] {
    let far = crate::geometry::underlay::plan_from_pixel(
        u.origin,
        u.metres_per_pixel,
        [w as f64, h as f64],
    );
    [u.origin, far]
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
pub fn scale_and_north(painter: &egui::Painter, rect: Rect, tf: &ScreenFromPlan, lang: Lang) {
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
        NORTH.get(lang),
        egui::FontId::proportional(13.0),
        ink,
    );
}

/// Where the legend goes (bottom right of the canvas): its box and its title row, which a
/// click opens or closes. Closed, the box is the title row alone.
pub fn legend_rects(painter: &egui::Painter, rect: Rect, lang: Lang, open: bool) -> (Rect, Rect) {
    let font = egui::FontId::proportional(12.0);
    let text_width = |t: &str| {
        painter
            .layout_no_wrap(t.to_owned(), font.clone(), Color32::BLACK)
            .size()
            .x
    };
    let title = text_width(&legend_title(lang)) + 16.0;
    let width = if open {
        LEGEND
            .iter()
            .map(|e| text_width(e.text.get(lang)))
            .fold(0.0f32, f32::max)
            + 44.0
    } else {
        0.0
    }
    .max(title);
    let height = if open {
        LEGEND.len() as f32 * 18.0
    } else {
        0.0
    } + 26.0;
    let top_left = rect.right_bottom() - Vec2::new(width + 12.0, height + 12.0);
    let boxed = Rect::from_min_size(top_left, Vec2::new(width, height));
    // At the right, so that the title stays put when the legend folds.
    let title_row = Rect::from_min_size(
        Pos2::new(boxed.right() - title, top_left.y),
        Vec2::new(title, 22.0),
    );
    (boxed, title_row)
}

fn legend_title(lang: Lang) -> String {
    // Room after the text for the triangle that says open or closed.
    format!("{}    ", super::labels::LEGEND_TITLE.get(lang))
}

/// The legend: the same entries as the exported picture, under a title that opens and closes it.
pub fn legend(painter: &egui::Painter, rect: Rect, lang: Lang, open: bool) {
    let font = egui::FontId::proportional(12.0);
    let (boxed, title_row) = legend_rects(painter, rect, lang, open);
    painter.rect(
        boxed,
        4.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 225),
        Stroke::new(1.0, Color32::from_gray(200)),
        egui::StrokeKind::Inside,
    );
    let ink = Color32::from_gray(90);
    let text = painter.text(
        title_row.left_center() + Vec2::new(8.0, 0.0),
        egui::Align2::LEFT_CENTER,
        legend_title(lang),
        egui::FontId::proportional(12.0),
        ink,
    );
    // ▾ open, ▸ closed (drawn: not every font has the glyphs).
    let c = Pos2::new(text.right() - 8.0, title_row.center().y);
    let points = if open {
        vec![
            c + Vec2::new(-4.0, -2.0),
            c + Vec2::new(4.0, -2.0),
            c + Vec2::new(0.0, 3.0),
        ]
    } else {
        vec![
            c + Vec2::new(-2.0, -4.0),
            c + Vec2::new(3.0, 0.0),
            c + Vec2::new(-2.0, 4.0),
        ]
    };
    painter.add(Shape::convex_polygon(points, ink, Stroke::NONE));
    if !open {
        return;
    }
    let top_left = Pos2::new(boxed.left(), title_row.bottom() - 2.0);
    for (i, e) in LEGEND.iter().enumerate() {
        let y = top_left.y + 6.0 + i as f32 * 18.0;
        let sw = Rect::from_min_size(Pos2::new(top_left.x + 8.0, y + 2.0), Vec2::new(24.0, 11.0));
        let c = e.colour;
        match e.swatch {
            Swatch::Fill => {
                painter.rect_filled(sw, 1.0, colour(c, 1.0));
            }
            Swatch::Area => {
                painter.rect(
                    sw,
                    1.0,
                    colour(c, 0.25),
                    Stroke::new(1.0, colour(c, 1.0)),
                    egui::StrokeKind::Inside,
                );
            }
            Swatch::Dash => painter.extend(Shape::dashed_line(
                &[sw.left_center(), sw.right_center()],
                Stroke::new(2.0, colour(c, 1.0)),
                5.0,
                3.0,
            )),
            Swatch::Hatch(h) => {
                painter.rect_filled(sw, 1.0, colour(c, 0.18));
                let clipped = painter.with_clip_rect(sw);
                let rising = h == Hatch::Private;
                for k in 0..7 {
                    let x = sw.left() + k as f32 * 6.0;
                    let (a, b) = if rising {
                        (Pos2::new(x - 11.0, sw.bottom()), Pos2::new(x, sw.top()))
                    } else {
                        (Pos2::new(x - 11.0, sw.top()), Pos2::new(x, sw.bottom()))
                    };
                    clipped.line_segment([a, b], Stroke::new(1.5, colour(c, 0.85)));
                }
            }
            Swatch::Dot => {
                painter.circle_filled(sw.center(), 5.5, colour(c, 1.0));
            }
        }
        painter.text(
            Pos2::new(sw.right() + 8.0, y),
            egui::Align2::LEFT_TOP,
            e.text.get(lang),
            font.clone(),
            Color32::from_gray(40),
        );
    }
}

/// The centroid of a polygon's vertices.
pub fn centroid(poly: &[Point]) -> Point {
    let n = poly.len().max(1) as f64;
    let (x, y) = poly
        .iter()
        .fold((0.0, 0.0), |(x, y), p| (x + p[0], y + p[1]));
    [x / n, y / n]
}

/// Outlines the selected objects.
pub fn selection(
    painter: &egui::Painter,
    floor: &model::Floor,
    tf: &ScreenFromPlan,
    selected: &BTreeSet<ItemRef>,
) {
    let c = colour(p::SELECTION, 1.0);
    let stroke = Stroke::new(2.5, c);
    for r in selected {
        let Some(item) = super::edit::get(floor, *r) else {
            continue;
        };
        let pts: Vec<Pos2> = item.points().iter().map(|q| tf.screen(*q)).collect();
        match r.kind {
            ItemKind::Device | ItemKind::Sign => {
                if let Some(q) = pts.first() {
                    painter.circle_stroke(*q, 11.0, stroke);
                }
            }
            ItemKind::Wall | ItemKind::Opening => {
                painter.add(Shape::line(pts.clone(), stroke));
                for q in pts {
                    painter.circle_filled(q, 3.5, c);
                }
            }
            ItemKind::Space | ItemKind::Zone => {
                painter.add(Shape::closed_line(pts.clone(), stroke));
                for q in pts {
                    painter.circle_filled(q, 3.5, c);
                }
            }
        }
    }
}
