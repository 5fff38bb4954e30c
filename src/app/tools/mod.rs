//! The drawing tools and what they share: picking objects under the pointer, snapping, the
//! on-canvas handles of a camera or sign, and fresh ids for new objects.
//!
//! Each tool family has one input handler in its own file ([`select`], [`handles`], [`shape`],
//! [`opening`], [`place`], [`underlay`]): it reads the floor (never copies it) and the pointer,
//! and returns [`Action`]s: a gesture to carry on, objects to show moved, an edit to apply.
//! The canvas carries them out, every change through the document's edit path.

pub mod handles;
pub mod opening;
pub mod place;
pub mod select;
pub mod shape;
pub mod underlay;

use std::collections::{BTreeSet, HashSet};

use eframe::egui::{Key, Pos2};

use super::edit::{self, Edit, Item, ItemKind, ItemRef};
use super::labels;
use super::view::ScreenFromPlan;
use crate::i18n::Text;
use crate::model::{Floor, Point, Site};

/// The pointer on the canvas in one frame.
#[derive(Clone, Copy, Debug, Default)]
pub struct Pointer {
    /// Where the primary button went down.
    pub press: Option<Pos2>,
    /// Where the pointer is.
    pub at: Option<Pos2>,
    /// A drag started here this frame.
    pub pressed: bool,
    pub dragging: bool,
    /// A drag ended this frame.
    pub released: bool,
    pub clicked: bool,
    pub double_clicked: bool,
    /// Shift held: add to the selection.
    pub shift: bool,
    /// Alt held: no snapping.
    pub snap_off: bool,
    /// Ctrl (Cmd on macOS) held: a space or zone from the walls around the click.
    pub command: bool,
}

impl Pointer {
    /// Anything for a tool to do?
    pub fn active(&self) -> bool {
        self.pressed || self.dragging || self.released || self.clicked
    }
}

/// What the tools read: the floor shown, the view, the selection and the gesture under way.
pub struct Ctx<'a> {
    pub floor: &'a Floor,
    pub fi: usize,
    pub tf: &'a ScreenFromPlan,
    pub selection: &'a BTreeSet<ItemRef>,
    pub tool: Tool,
    pub gesture: &'a Gesture,
    /// The snapping step (the grid's).
    pub grid_step: f64,
    pub pointer: Pointer,
}

impl Ctx<'_> {
    /// A screen point snapped as drawing tools use it (to the points of the shape being drawn
    /// too), leaving out the objects in `exclude`.
    pub fn snap_except(&self, at: Pos2, exclude: &BTreeSet<ItemRef>) -> Point {
        let drawing: &[Point] = match self.gesture {
            Gesture::Points { points } => points,
            _ => &[],
        };
        snap(
            self.floor,
            self.tf,
            at,
            drawing,
            self.grid_step,
            self.pointer.snap_off,
            exclude,
        )
        .0
    }

    pub fn snap(&self, at: Pos2) -> Point {
        self.snap_except(at, &BTreeSet::new())
    }
}

/// A gesture under way on the canvas.
#[derive(Clone, Debug, Default)]
pub enum Gesture {
    #[default]
    None,
    /// Moving the selection: the objects as they were, and the plan point grabbed.
    Move {
        originals: Vec<(ItemRef, Item)>,
        grab: [f64; 2],
        /// The grabbed object's first point (it is what snaps).
        anchor: [f64; 2],
    },
    /// Dragging a selection box from a screen point.
    BoxSelect { from: Pos2, additive: bool },
    /// Dragging a handle of a camera or sign.
    Handle {
        at: ItemRef,
        handle: Handle,
        original: Item,
    },
    /// Clicking the points of a wall, space or zone.
    Points { points: Vec<[f64; 2]> },
    /// Dragging a rectangular space or zone.
    Rect { from: [f64; 2] },
    /// Dragging an opening along wall segment `seg` of wall `wall`.
    Opening {
        wall: usize,
        seg: usize,
        from_t: f64,
    },
    /// Placing a camera or sign: dragging aims it.
    Place { at: [f64; 2] },
    /// Dragging the underlay.
    Underlay {
        original: crate::model::Underlay,
        grab: [f64; 2],
    },
}

/// What a tool asks the editor to do.
#[derive(Clone, Debug)]
pub enum Action {
    /// Carry on with this gesture (or end it: `Gesture::None`).
    Gesture(Gesture),
    /// Select exactly these objects.
    Select(BTreeSet<ItemRef>),
    /// Show objects in a new state while a drag is under way (no undo step).
    Preview(Vec<(ItemRef, Item)>),
    /// End a drag: the objects as they were before it; their state now becomes one undo step.
    Commit(Vec<(ItemRef, Item)>),
    /// Add an object with a fresh id starting with its kind's prefix, and select it.
    Add(Item),
    /// Add a space (of the kind new spaces get) or a zone, by the tool, with this outline.
    AddArea(Vec<Point>),
    /// Show an edit while a drag is under way; `restore` puts back what was there before.
    PreviewEdit(Edit),
    /// End such a drag: put back `restore`, then apply the final edit as one undo step.
    CommitEdit { restore: Edit, edit: Edit },
    /// End the shape being drawn (as Enter does).
    FinishShape,
    /// A point of the underlay's calibration.
    CalibrationPoint(Point),
    /// Tell the user something in the status bar.
    Status(Text),
}

/// The input handler of the current tool.
pub fn input(cx: &Ctx<'_>) -> Vec<Action> {
    if !cx.pointer.active() {
        return Vec::new();
    }
    match cx.tool {
        Tool::Select => select::input(cx),
        Tool::Wall | Tool::Space | Tool::Zone => shape::input(cx),
        Tool::Door | Tool::Opening | Tool::Window => opening::input(cx),
        Tool::FrCamera | Tool::Camera | Tool::Sign => place::input(cx),
        Tool::MoveUnderlay | Tool::Calibrate => underlay::input(cx),
    }
}

/// The tools of the toolbar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tool {
    Select,
    Wall,
    Door,
    Opening,
    Window,
    Space,
    Zone,
    FrCamera,
    Camera,
    Sign,
    /// Drag the floor's underlay.
    MoveUnderlay,
    /// Click two points of the underlay, then type their distance.
    Calibrate,
}

impl Tool {
    /// The toolbar, in order.
    pub const TOOLBAR: [Tool; 10] = [
        Tool::Select,
        Tool::Wall,
        Tool::Door,
        Tool::Opening,
        Tool::Window,
        Tool::Space,
        Tool::Zone,
        Tool::FrCamera,
        Tool::Camera,
        Tool::Sign,
    ];

    /// The one-key shortcut.
    pub fn key(self) -> Option<Key> {
        Some(match self {
            Tool::Select => Key::V,
            Tool::Wall => Key::W,
            Tool::Door => Key::D,
            Tool::Opening => Key::O,
            Tool::Window => Key::N,
            Tool::Space => Key::R,
            Tool::Zone => Key::Z,
            Tool::FrCamera => Key::C,
            Tool::Camera => Key::K,
            Tool::Sign => Key::G,
            Tool::MoveUnderlay | Tool::Calibrate => return None,
        })
    }

    pub fn icon(self) -> &'static str {
        match self {
            Tool::Select => "⬉",
            Tool::Wall => "✏",
            Tool::Door => "🚪",
            Tool::Opening => "⬜",
            Tool::Window => "🔳",
            Tool::Space => "🏠",
            Tool::Zone => "⛶",
            Tool::FrCamera => "👤",
            Tool::Camera => "📹",
            Tool::Sign => "ℹ",
            Tool::MoveUnderlay => "✋",
            Tool::Calibrate => "📏",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Tool::Select => labels::TOOL_SELECT,
            Tool::Wall => labels::TOOL_WALL,
            Tool::Door => labels::TOOL_DOOR,
            Tool::Opening => labels::TOOL_OPENING,
            Tool::Window => labels::TOOL_WINDOW,
            Tool::Space => labels::TOOL_SPACE,
            Tool::Zone => labels::TOOL_ZONE,
            Tool::FrCamera => labels::TOOL_FR_CAMERA,
            Tool::Camera => labels::TOOL_CAMERA,
            Tool::Sign => labels::TOOL_SIGN,
            Tool::MoveUnderlay => labels::TOOL_MOVE_UNDERLAY,
            Tool::Calibrate => labels::TOOL_CALIBRATE,
        }
    }

    /// How to use the tool (tooltip and status bar).
    pub fn hint(self) -> Text {
        match self {
            Tool::Select => labels::HINT_SELECT,
            Tool::Wall => labels::HINT_WALL,
            Tool::Door | Tool::Opening | Tool::Window => labels::HINT_OPENING,
            Tool::Space | Tool::Zone => labels::HINT_AREA,
            Tool::FrCamera | Tool::Camera => labels::HINT_CAMERA,
            Tool::Sign => labels::HINT_SIGN,
            Tool::MoveUnderlay => labels::HINT_MOVE_UNDERLAY,
            Tool::Calibrate => labels::HINT_CALIBRATE,
        }
    }

    /// The object kind an opening tool makes.
    pub fn opening_kind(self) -> Option<crate::model::OpeningKind> {
        use crate::model::OpeningKind;
        match self {
            Tool::Door => Some(OpeningKind::Door),
            Tool::Opening => Some(OpeningKind::Opening),
            Tool::Window => Some(OpeningKind::Window),
            _ => None,
        }
    }
}

/// Screen distance (points) within which the pointer picks or snaps.
pub const PICK_PT: f32 = 9.0;

fn dist_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    let t = if len2 <= f32::EPSILON {
        0.0
    } else {
        ((p - a).dot(ab) / len2).clamp(0.0, 1.0)
    };
    (a + ab * t).distance(p)
}

/// The parameter (0…1) of the point of segment a–b nearest to p, in plan metres.
pub fn project(p: Point, a: Point, b: Point) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    if len2 <= 0.0 {
        return 0.0;
    }
    (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
}

/// Rounds a parameter along segment a–b so that its distance from `a` is a multiple of
/// `step` metres (the grid step), unless snapping is off.
///
/// ```
/// use sightline::app::tools::snap_along;
/// // 1.37 m along a 4 m wall, on a 0.5 m grid: 1.5 m.
/// assert_eq!(snap_along([0.0, 0.0], [4.0, 0.0], 1.37 / 4.0, 0.5, false), 0.375);
/// ```
pub fn snap_along(a: Point, b: Point, t: f64, step: f64, off: bool) -> f64 {
    let len = (b[0] - a[0]).hypot(b[1] - a[1]);
    if off || len <= 0.0 || step <= 0.0 {
        return t;
    }
    ((t * len / step).round() * step / len).clamp(0.0, 1.0)
}

/// The point at parameter t of segment a–b.
pub fn lerp(a: Point, b: Point, t: f64) -> Point {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/// Whether `p` lies inside the polygon (even-odd).
pub fn inside(poly: &[Point], p: Point) -> bool {
    let mut c = false;
    let previous = poly.last().into_iter().chain(poly.iter());
    for (&a, &b) in poly.iter().zip(previous) {
        if (a[1] > p[1]) != (b[1] > p[1])
            && p[0] < (b[0] - a[0]) * (p[1] - a[1]) / (b[1] - a[1]) + a[0]
        {
            c = !c;
        }
    }
    c
}

/// The object under a screen point, topmost first (see [`pick_all`]); a zone only by its
/// edge, so that a press inside a zone still starts a box selection.
pub fn pick(floor: &Floor, tf: &ScreenFromPlan, at: Pos2) -> Option<ItemRef> {
    objects_at(floor, tf, at, false).into_iter().next()
}

/// Every object under a screen point, topmost first: devices, signs, openings, walls and zone
/// edges within reach (nearest first within each kind), then the spaces and zones containing
/// the point, smallest first. Clicking again on the same spot walks down this list, so an
/// object can be picked whatever lies above it.
pub fn pick_all(floor: &Floor, tf: &ScreenFromPlan, at: Pos2) -> Vec<ItemRef> {
    objects_at(floor, tf, at, true)
}

fn objects_at(floor: &Floor, tf: &ScreenFromPlan, at: Pos2, zone_areas: bool) -> Vec<ItemRef> {
    let near_point = |p: Point| tf.screen(p).distance(at);
    let within = |kind: ItemKind, dists: Vec<f32>, reach: f32| {
        let mut hits: Vec<(f32, ItemRef)> = dists
            .into_iter()
            .enumerate()
            .filter(|(_, d)| *d <= reach)
            .map(|(index, d)| (d, ItemRef { kind, index }))
            .collect();
        hits.sort_by(|a, b| a.0.total_cmp(&b.0));
        hits.into_iter().map(|(_, r)| r)
    };
    let polyline_dist = |pts: &[Point], closed: bool| {
        let back = pts.first().filter(|_| closed);
        let next = pts.iter().skip(1).chain(back);
        pts.iter()
            .zip(next)
            .map(|(a, b)| dist_to_segment(at, tf.screen(*a), tf.screen(*b)))
            .fold(f32::INFINITY, f32::min)
    };
    let plan = tf.plan(at);
    let mut out: Vec<ItemRef> = Vec::new();
    let devices = floor.devices.iter().map(|d| near_point(d.position));
    out.extend(within(ItemKind::Device, devices.collect(), PICK_PT + 2.0));
    let signs = floor.signs.iter().map(|s| near_point(s.position));
    out.extend(within(ItemKind::Sign, signs.collect(), PICK_PT + 2.0));
    let openings = floor
        .openings
        .iter()
        .map(|o| dist_to_segment(at, tf.screen(o.a), tf.screen(o.b)));
    out.extend(within(ItemKind::Opening, openings.collect(), PICK_PT));
    let walls = floor
        .walls
        .iter()
        .map(|w| polyline_dist(&w.points, false) - (w.thickness as f32 * tf.scale / 2.0));
    out.extend(within(ItemKind::Wall, walls.collect(), PICK_PT / 2.0));
    let zone_edges = floor.zones.iter().map(|z| polyline_dist(&z.polygon, true));
    out.extend(within(ItemKind::Zone, zone_edges.collect(), PICK_PT / 2.0));
    // Areas containing the point, smallest first.
    let area = |p: &[Point]| crate::geometry::polygon::signed_area(p).abs();
    let mut areas: Vec<(f64, ItemRef)> = Vec::new();
    for (kind, polys) in [
        (
            ItemKind::Space,
            floor.spaces.iter().map(|s| &s.polygon).collect::<Vec<_>>(),
        ),
        (
            ItemKind::Zone,
            floor
                .zones
                .iter()
                .filter(|_| zone_areas)
                .map(|z| &z.polygon)
                .collect(),
        ),
    ] {
        for (index, poly) in polys.into_iter().enumerate() {
            if poly.len() >= 3 && inside(poly, plan) {
                areas.push((area(poly), ItemRef { kind, index }));
            }
        }
    }
    areas.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, r) in areas {
        if !out.contains(&r) {
            out.push(r);
        }
    }
    out
}

/// Every object lying wholly inside the plan rectangle `min`–`max`.
pub fn in_box(floor: &Floor, min: Point, max: Point) -> BTreeSet<ItemRef> {
    let inside_box =
        |p: &Point| p[0] >= min[0] && p[0] <= max[0] && p[1] >= min[1] && p[1] <= max[1];
    edit::refs(floor)
        .filter(|r| {
            edit::get(floor, *r).is_some_and(|item| {
                let pts = item.points();
                !pts.is_empty() && pts.iter().all(inside_box)
            })
        })
        .collect()
}

/// What the pointer snapped to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Snap {
    Endpoint,
    Wall,
    Grid,
    Off,
}

/// Snaps a screen point: to an endpoint (wall points, opening ends, space and zone corners,
/// and `extra` points) within reach, else to the nearest point of a wall within reach, else to
/// the grid step. `off` (a held modifier) turns snapping off. Objects in `exclude` (those being
/// moved) are not snapped to.
pub fn snap(
    floor: &Floor,
    tf: &ScreenFromPlan,
    at: Pos2,
    extra: &[Point],
    grid_step: f64,
    off: bool,
    exclude: &BTreeSet<ItemRef>,
) -> (Point, Snap) {
    let plan = tf.plan(at);
    if off {
        return (plan, Snap::Off);
    }
    let keep = |kind: ItemKind, index: usize| !exclude.contains(&ItemRef { kind, index });
    let endpoints = floor
        .walls
        .iter()
        .enumerate()
        .filter(|(i, _)| keep(ItemKind::Wall, *i))
        .flat_map(|(_, w)| w.points.iter().copied())
        .chain(
            floor
                .openings
                .iter()
                .enumerate()
                .filter(|(i, _)| keep(ItemKind::Opening, *i))
                .flat_map(|(_, o)| [o.a, o.b]),
        )
        .chain(
            floor
                .spaces
                .iter()
                .enumerate()
                .filter(|(i, _)| keep(ItemKind::Space, *i))
                .flat_map(|(_, s)| s.polygon.iter().copied()),
        )
        .chain(
            floor
                .zones
                .iter()
                .enumerate()
                .filter(|(i, _)| keep(ItemKind::Zone, *i))
                .flat_map(|(_, z)| z.polygon.iter().copied()),
        )
        .chain(extra.iter().copied());
    // A cheap test in plan metres first: the floor may have hundreds of thousands of points.
    let reach_m = f64::from(PICK_PT / tf.scale);
    let near = |p: &Point| (p[0] - plan[0]).abs() <= reach_m && (p[1] - plan[1]).abs() <= reach_m;
    if let Some((p, _)) = endpoints
        .filter(near)
        .map(|p| (p, tf.screen(p).distance(at)))
        .filter(|(_, d)| *d <= PICK_PT)
        .min_by(|a, b| a.1.total_cmp(&b.1))
    {
        return (p, Snap::Endpoint);
    }
    if let Some((wi, si, p)) = nearest_wall_except(floor, tf, at, exclude) {
        let seg = floor
            .walls
            .get(wi)
            .and_then(|w| Some((*w.points.get(si)?, *w.points.get(si + 1)?)));
        let p = seg.map_or(p, |(a, b)| on_wall_at_grid(a, b, p, grid_step));
        return (p, Snap::Wall);
    }
    let g = |v: f64| (v / grid_step).round() * grid_step + 0.0; // + 0.0: no -0 in files
    ([g(plan[0]), g(plan[1])], Snap::Grid)
}

/// `to` held to a multiple of 45° from `from` (Shift while drawing), its length rounded to the
/// grid step so that a 5 m wall is 5 m.
///
/// ```
/// use sightline::app::tools::lock_45;
/// assert_eq!(lock_45([0.0, 0.0], [4.98, 0.31], 0.05), [5.0, 0.0]);
/// let p = lock_45([1.0, 1.0], [3.1, 2.9], 0.5);
/// assert!((p[0] - p[1]).abs() < 1e-9, "on the diagonal: {p:?}");
/// ```
pub fn lock_45(from: Point, to: Point, step: f64) -> Point {
    let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
    let eighth = std::f64::consts::FRAC_PI_4;
    let angle = (dy.atan2(dx) / eighth).round() * eighth;
    let (c, s) = (angle.cos(), angle.sin());
    let mut len = dx * c + dy * s;
    if step > 0.0 {
        len = (len / step).round() * step;
    }
    // Exact zeros for the axis directions.
    let clean = |v: f64| if v.abs() < 1e-12 { 0.0 } else { v };
    [from[0] + clean(c) * len, from[1] + clean(s) * len]
}

/// A heading rounded to 15° steps (Shift while aiming), in 0–360.
///
/// ```
/// assert_eq!(sightline::app::tools::heading_15(99.3), 105.0);
/// assert_eq!(sightline::app::tools::heading_15(-7.0), 0.0);
/// ```
pub fn heading_15(deg: f64) -> f64 {
    ((deg / 15.0).round() * 15.0).rem_euclid(360.0) + 0.0
}

/// A point of wall segment `a`–`b` near `p` (itself on the segment) that keeps grid
/// precision: where the wall crosses the grid line nearest `p` (the vertical one for a wall
/// running more east–west, the horizontal one otherwise), or the wall's end or midpoint if one
/// of those is nearer.
///
/// ```
/// use sightline::app::tools::on_wall_at_grid;
/// // A wall along y = 4.5 from x = 10 to 20; the pointer's foot at x = 15.062.
/// assert_eq!(on_wall_at_grid([10.0, 4.5], [20.0, 4.5], [15.062, 4.5], 0.5), [15.0, 4.5]);
/// // A diagonal wall: where it crosses x = 2 (y = 1).
/// let p = on_wall_at_grid([0.0, 0.0], [4.0, 2.0], [2.06, 1.03], 0.5);
/// assert!((p[0] - 2.0).abs() < 1e-9 && (p[1] - 1.0).abs() < 1e-9);
/// ```
pub fn on_wall_at_grid(a: Point, b: Point, p: Point, step: f64) -> Point {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let along_x = dx.abs() >= dy.abs();
    let k = if along_x { 0 } else { 1 };
    let (ak, dk, pk) = if along_x {
        (a[0], dx, p[0])
    } else {
        (a[1], dy, p[1])
    };
    let mut best: Option<(f64, Point)> = None;
    let mut consider = |q: Point| {
        let d = (q[0] - p[0]).hypot(q[1] - p[1]);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, q));
        }
    };
    if step > 0.0 && dk.abs() > 1e-12 {
        let line = (pk / step).round() * step;
        let t = (line - ak) / dk;
        if (0.0..=1.0).contains(&t) {
            let mut q = lerp(a, b, t);
            // Exactly on the grid line, not a rounding away from it.
            if k == 0 {
                q[0] = line;
            } else {
                q[1] = line;
            }
            consider(q);
        }
    }
    consider(a);
    consider(b);
    consider(lerp(a, b, 0.5));
    best.map_or(p, |(_, q)| q)
}

/// The wall segment nearest to a screen point within reach: (wall, segment, nearest point).
pub fn nearest_wall(floor: &Floor, tf: &ScreenFromPlan, at: Pos2) -> Option<(usize, usize, Point)> {
    nearest_wall_except(floor, tf, at, &BTreeSet::new())
}

/// [`nearest_wall`] among the walls not in `exclude`.
fn nearest_wall_except(
    floor: &Floor,
    tf: &ScreenFromPlan,
    at: Pos2,
    exclude: &BTreeSet<ItemRef>,
) -> Option<(usize, usize, Point)> {
    let plan = tf.plan(at);
    let mut best: Option<(usize, usize, Point, f32)> = None;
    for (wi, w) in floor.walls.iter().enumerate() {
        if exclude.contains(&ItemRef {
            kind: ItemKind::Wall,
            index: wi,
        }) {
            continue;
        }
        let reach = PICK_PT.max(w.thickness as f32 * tf.scale / 2.0);
        let reach_m = f64::from(reach / tf.scale);
        for (si, pair) in w.points.windows(2).enumerate() {
            let &[a, b] = pair else { continue };
            // A cheap test in plan metres first: the segment's box, grown by the reach.
            let off = |p: f64, a: f64, b: f64| p < a.min(b) - reach_m || p > a.max(b) + reach_m;
            if off(plan[0], a[0], b[0]) || off(plan[1], a[1], b[1]) {
                continue;
            }
            let p = lerp(a, b, project(plan, a, b));
            let d = tf.screen(p).distance(at);
            if d <= reach && best.is_none_or(|b| d < b.3) {
                best = Some((wi, si, p, d));
            }
        }
    }
    best.map(|(w, s, p, _)| (w, s, p))
}

/// A handle on the selected camera or sign.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Handle {
    /// Turns the heading (or a sign's facing).
    Turn,
    /// Widens or narrows the field of view (either edge).
    Fov,
    /// Stretches the range.
    Range,
    /// Moves one corner of a zone or space, or one point of a wall.
    Corner(usize),
}

/// Shapes with more corners than this show no corner handles (they would hide the plan).
pub const MAX_CORNER_HANDLES: usize = 400;

/// Distance of the turn handle from the device, in screen points.
const TURN_HANDLE_PT: f32 = 38.0;

fn dir(deg: f64) -> [f64; 2] {
    let r = deg.to_radians();
    [r.cos(), r.sin()]
}

fn offset(p: Point, d: [f64; 2], len: f64) -> Point {
    [p[0] + d[0] * len, p[1] + d[1] * len]
}

/// The handles of an object and where they are (plan metres).
pub fn handles(item: &Item, tf: &ScreenFromPlan) -> Vec<(Handle, Point)> {
    let turn_len = (TURN_HANDLE_PT / tf.scale) as f64;
    match item {
        Item::Device(d) => {
            let mut out = vec![
                (Handle::Turn, offset(d.position, dir(d.heading), turn_len)),
                (Handle::Range, offset(d.position, dir(d.heading), d.range)),
            ];
            if d.fov < 360.0 {
                for side in [-1.0, 1.0] {
                    out.push((
                        Handle::Fov,
                        offset(
                            d.position,
                            dir(d.heading + side * d.fov / 2.0),
                            d.range * 0.7,
                        ),
                    ));
                }
            }
            out
        }
        Item::Sign(s) => vec![(Handle::Turn, offset(s.position, dir(s.facing), turn_len))],
        Item::Zone(_) | Item::Space(_) | Item::Wall(_) => {
            let points = item.points();
            if points.len() > MAX_CORNER_HANDLES {
                return Vec::new();
            }
            points
                .into_iter()
                .enumerate()
                .map(|(i, p)| (Handle::Corner(i), p))
                .collect()
        }
        Item::Opening(_) => Vec::new(),
    }
}

/// The handle under a screen point.
pub fn handle_at(item: &Item, tf: &ScreenFromPlan, at: Pos2) -> Option<Handle> {
    handles(item, tf)
        .into_iter()
        .map(|(h, p)| (h, tf.screen(p).distance(at)))
        .filter(|(_, d)| *d <= PICK_PT)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(h, _)| h)
}

/// The direction from `from` to `to` in degrees counter-clockwise from +x, rounded to 0.1°.
pub fn bearing(from: Point, to: Point) -> f64 {
    let deg = (to[1] - from[1]).atan2(to[0] - from[0]).to_degrees();
    ((deg * 10.0).round() / 10.0).rem_euclid(360.0)
}

/// Applies a handle drag to an object: the pointer is at `to` (plan metres).
pub fn drag_handle(item: &mut Item, handle: Handle, to: Point) {
    match (item, handle) {
        (Item::Device(d), Handle::Turn) => d.heading = bearing(d.position, to),
        (Item::Device(d), Handle::Range) => {
            let r = (to[0] - d.position[0]).hypot(to[1] - d.position[1]);
            d.range = ((r * 100.0).round() / 100.0).max(0.1);
        }
        (Item::Device(d), Handle::Fov) => {
            let off = (bearing(d.position, to) - d.heading + 540.0).rem_euclid(360.0) - 180.0;
            d.fov = (2.0 * off.abs()).clamp(1.0, 360.0);
        }
        (Item::Sign(s), Handle::Turn) => s.facing = bearing(s.position, to),
        (Item::Zone(z), Handle::Corner(i)) => set_point(&mut z.polygon, i, to),
        (Item::Space(s), Handle::Corner(i)) => set_point(&mut s.polygon, i, to),
        (Item::Wall(w), Handle::Corner(i)) => set_point(&mut w.points, i, to),
        _ => {}
    }
}

fn set_point(points: &mut [Point], i: usize, to: Point) {
    if let Some(p) = points.get_mut(i) {
        *p = to;
    }
}

/// Every id used anywhere in the site.
pub fn used_ids(site: &Site) -> HashSet<String> {
    let mut ids = HashSet::new();
    for f in &site.floors {
        ids.insert(f.id.clone());
        ids.extend(edit::refs(f).filter_map(|r| edit::id(f, r).map(str::to_owned)));
    }
    ids
}

/// The first id `prefix-1`, `prefix-2`… not in `used`; the new id is added to `used`.
pub fn fresh_id(used: &mut HashSet<String>, prefix: &str) -> String {
    let id = (1..)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !used.contains(id))
        .unwrap_or_else(|| prefix.to_owned());
    used.insert(id.clone());
    id
}

/// The id prefix of new objects of a kind.
/// The prefix of a new object's id: its kind, or for openings door, opening or window.
pub fn prefix_of(item: &Item) -> &'static str {
    match item {
        Item::Opening(o) => match o.kind {
            crate::model::OpeningKind::Door => "door",
            crate::model::OpeningKind::Opening => "opening",
            crate::model::OpeningKind::Window => "window",
        },
        other => id_prefix(other.kind()),
    }
}

pub fn id_prefix(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Device => "cam",
        ItemKind::Sign => "sign",
        ItemKind::Opening => "door",
        ItemKind::Wall => "wall",
        ItemKind::Zone => "zone",
        ItemKind::Space => "space",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Device;

    #[test]
    fn handles_turn_widen_and_stretch() {
        let mut item = Item::Device(Device::new("c", [0.0, 0.0], 0.0, true));
        drag_handle(&mut item, Handle::Turn, [0.0, 3.0]);
        drag_handle(&mut item, Handle::Range, [0.0, 7.5]);
        drag_handle(&mut item, Handle::Fov, [-1.0, 1.0]);
        let Item::Device(d) = item else {
            panic!("still a device")
        };
        assert_eq!(d.heading, 90.0);
        assert_eq!(d.range, 7.5);
        // The edge at 135° is 45° off the heading: the fov is 90°.
        assert!((d.fov - 90.0).abs() < 1e-9);
    }

    #[test]
    fn fresh_ids_skip_used_ones() {
        let mut used: HashSet<String> = ["cam-1".to_owned(), "cam-2".to_owned()].into();
        assert_eq!(fresh_id(&mut used, "cam"), "cam-3");
        assert_eq!(fresh_id(&mut used, "cam"), "cam-4");
    }

    #[test]
    fn projection_clamps_to_the_segment() {
        assert_eq!(project([5.0, 1.0], [0.0, 0.0], [4.0, 0.0]), 1.0);
        assert_eq!(project([1.0, 1.0], [0.0, 0.0], [4.0, 0.0]), 0.25);
        assert_eq!(lerp([0.0, 0.0], [4.0, 2.0], 0.5), [2.0, 1.0]);
    }
}
