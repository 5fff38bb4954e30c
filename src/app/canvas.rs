//! The plan canvas: pan and zoom, the tools' gestures, and drawing the floor with its grid,
//! scale bar, north arrow, legend, selection, handles and the shape being drawn.

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use super::draw;
use super::edit::{self, Edit, Item, ItemKind, ItemRef};
use super::labels;
use super::tools::{self, Snap, Tool};
use super::view::{self, ScreenFromPlan};
use super::{App, Gesture};
use crate::model::{Device, Opening, Point, Sign, Space, Wall, Zone};
use crate::scene::palette;

/// What a built scene depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SceneKey {
    revision: u64,
    floor: usize,
    lang: crate::i18n::Lang,
}

fn length(a: Point, b: Point) -> f64 {
    (b[0] - a[0]).hypot(b[1] - a[1])
}

fn rect_polygon(a: Point, b: Point) -> Vec<Point> {
    let (x0, x1) = (a[0].min(b[0]), a[0].max(b[0]));
    let (y0, y1) = (a[1].min(b[1]), a[1].max(b[1]));
    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
}

impl App {
    /// Builds the scene of floor `fi` again if the site, its findings or the language changed
    /// since it was last built.
    fn refresh_scene(&mut self, fi: usize) {
        let Some(doc) = &self.doc else {
            self.painted = None;
            return;
        };
        let key = SceneKey {
            revision: doc.revision,
            floor: fi,
            lang: self.lang,
        };
        if self.painted.as_ref().is_some_and(|(k, _)| *k == key) {
            return;
        }
        let Some(fa) = doc.checker.analysis.floors.get(fi) else {
            self.painted = None;
            return;
        };
        let findings = doc.checker.findings();
        let scene = crate::scene::Scene::build(
            &doc.site,
            fa,
            &findings,
            fi,
            &crate::scene::SceneOptions {
                lang: self.lang,
                object_names: true,
            },
        );
        self.painted = Some((key, draw::PaintedScene::new(scene)));
    }

    /// The pixel size and texture of the current floor's underlay, loading it on first use.
    fn underlay_texture(
        &mut self,
        ctx: &egui::Context,
        fi: usize,
    ) -> Option<(egui::TextureId, [u32; 2])> {
        let doc = self.doc.as_ref()?;
        let u = doc.site.floors.get(fi)?.underlay.as_ref()?;
        let base = doc.path.as_deref().and_then(crate::render::base_dir_of);
        let path = crate::render::raster::underlay_path(u, base.as_deref());
        let floor_id = doc.site.floors.get(fi)?.id.clone();
        let entry = self.underlays.entry(path.clone()).or_insert_with(|| {
            let pixels = crate::render::raster::underlay_pixels(&path).map_err(|error| {
                super::UnderlayWarning {
                    floor: floor_id,
                    error,
                }
            });
            pixels.map(|img| {
                let size = [img.width() as usize, img.height() as usize];
                let colour = egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw());
                let tex = ctx.load_texture(
                    path.display().to_string(),
                    colour,
                    egui::TextureOptions::LINEAR,
                );
                (tex, [img.width(), img.height()])
            })
        });
        match entry {
            Ok((tex, size)) => Some((tex.id(), *size)),
            Err(e) => {
                if !self.underlay_warnings.iter().any(|(w, _)| w == e) {
                    self.underlay_warnings.push((e.clone(), false));
                }
                None
            }
        }
    }

    pub(crate) fn canvas(&mut self, ui: &mut egui::Ui) {
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let rect = response.rect;
        self.last_canvas = Some(rect);
        painter.rect_filled(rect, 0.0, Color32::from_rgb(0xFA, 0xFA, 0xF7));
        if self.doc.is_none() {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                labels::NO_SITE.get(self.lang),
                egui::FontId::proportional(16.0),
                Color32::GRAY,
            );
            return;
        }
        let ctx = ui.ctx().clone();
        let fi = self.floor_index();
        let texture = self.underlay_texture(&ctx, fi);
        let Some(doc) = &self.doc else { return };
        let corners: Vec<Point> = match (texture, &doc.site.floors[fi].underlay) {
            (Some((_, size)), Some(u)) => draw::underlay_corners(u, size).to_vec(),
            _ => Vec::new(),
        };
        let (centre, scale) = match self.view {
            Some(v) => v,
            None => view::fit(&doc.site.floors[fi], &corners, rect),
        };
        self.view = Some((centre, scale));
        let tf = ScreenFromPlan {
            centre,
            scale,
            origin: rect.center(),
        };
        self.last_view = Some(tf);
        self.pan_and_zoom(ui, &response, &tf);

        let (snap_off, shift, space_down) = ui.input(|i| {
            (
                i.modifiers.alt,
                i.modifiers.shift,
                i.key_down(egui::Key::Space),
            )
        });
        let hover = response.hover_pos();
        let step = draw::grid_step(tf.scale);
        let drawing: Vec<Point> = match &self.gesture {
            Gesture::Points { points } => points.clone(),
            _ => Vec::new(),
        };
        let snapper = |floor: &crate::model::Floor, tf: &ScreenFromPlan, p: Pos2| {
            tools::snap(floor, tf, p, &drawing, step, snap_off).0
        };
        let snap_at = |p: Pos2, doc: &super::Document| {
            tools::snap(&doc.site.floors[fi], &tf, p, &drawing, step, snap_off)
        };
        self.cursor = match (&self.doc, hover) {
            (Some(doc), Some(p)) => Some(snap_at(p, doc).0),
            _ => None,
        };
        if !space_down {
            self.tool_input(ui, &response, &tf, fi, shift, &snapper);
        }

        // Draw: the grid, the floor's scene, then what only the editor shows.
        draw::grid(&painter, rect, &tf);
        self.refresh_scene(fi);
        let Some(doc) = &self.doc else { return };
        if let Some((_, painted)) = &mut self.painted {
            draw::scene(&painter, painted, &tf, rect, texture);
            if let Some(h) = self.hovered_finding {
                draw::finding_highlight(&painter, &painted.scene, h, &tf);
            }
        }
        draw::selection(&painter, &doc.site.floors[fi], &tf, &self.selection);
        self.draw_gesture(&painter, &tf, fi, hover);
        draw::scale_and_north(&painter, rect, &tf, self.lang);
        draw::legend(&painter, rect, self.lang);
        if let (Some(p), Some(doc)) = (hover, &self.doc) {
            let (_, kind) = snap_at(p, doc);
            if matches!(kind, Snap::Endpoint | Snap::Wall)
                && !matches!(self.tool, Tool::Select | Tool::MoveUnderlay)
            {
                if let Some(c) = self.cursor {
                    painter.circle_stroke(
                        tf.screen(c),
                        6.0,
                        Stroke::new(2.0, draw::colour(palette::HOVER, 1.0)),
                    );
                }
            }
        }
    }

    fn pan_and_zoom(&mut self, ui: &egui::Ui, response: &egui::Response, tf: &ScreenFromPlan) {
        let space_down = ui.input(|i| i.key_down(egui::Key::Space));
        let mut centre = tf.centre;
        let mut scale = tf.scale;
        if response.dragged_by(egui::PointerButton::Secondary)
            || response.dragged_by(egui::PointerButton::Middle)
            || (space_down && response.dragged_by(egui::PointerButton::Primary))
        {
            let d = response.drag_delta();
            centre = [
                centre[0] - (d.x / scale) as f64,
                centre[1] + (d.y / scale) as f64,
            ];
        }
        if let Some(hover) = response.hover_pos() {
            let zoom = ui.input(|i| i.zoom_delta() * (1.0 + i.smooth_scroll_delta.y / 400.0));
            if (zoom - 1.0).abs() > 1e-4 {
                let under = tf.plan(hover);
                let new_scale = (scale * zoom).clamp(view::MIN_SCALE, view::MAX_SCALE);
                let k = (scale / new_scale) as f64;
                centre = [
                    under[0] + (centre[0] - under[0]) * k,
                    under[1] + (centre[1] - under[1]) * k,
                ];
                scale = new_scale;
            }
        }
        if (centre, scale) != (tf.centre, tf.scale) {
            self.view = Some((centre, scale));
        }
    }

    /// Turns pointer input into gestures and edits, for the current tool.
    fn tool_input(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        tf: &ScreenFromPlan,
        fi: usize,
        shift: bool,
        snapped: &dyn Fn(&crate::model::Floor, &ScreenFromPlan, Pos2) -> Point,
    ) {
        let Some(doc) = &self.doc else { return };
        let primary = egui::PointerButton::Primary;
        let press = ui.input(|i| i.pointer.press_origin());
        let pointer = response.interact_pointer_pos().or(response.hover_pos());
        let pressed_here = response.drag_started_by(primary);
        let dragging = response.dragged_by(primary);
        let released = response.drag_stopped_by(primary);
        let clicked = response.clicked_by(primary);
        let double = response.double_clicked_by(primary);
        if !(pressed_here || dragging || released || clicked) {
            return;
        }
        let floor = doc.site.floors[fi].clone();

        match self.tool {
            Tool::Select => {
                if pressed_here {
                    let Some(p) = press else { return };
                    // A handle of the one selected camera or sign?
                    if self.selection.len() == 1 {
                        let at = *self.selection.iter().next().unwrap_or(&ItemRef {
                            kind: ItemKind::Device,
                            index: usize::MAX,
                        });
                        if let Some(item) = edit::get(&floor, at) {
                            if let Some(handle) = tools::handle_at(&item, tf, p) {
                                self.gesture = Gesture::Handle {
                                    at,
                                    handle,
                                    original: item,
                                };
                                return;
                            }
                        }
                    }
                    match tools::pick(&floor, tf, p) {
                        Some(hit) => {
                            if !self.selection.contains(&hit) {
                                if !shift {
                                    self.selection.clear();
                                }
                                self.selection.insert(hit);
                            }
                            let originals: Vec<(ItemRef, Item)> = self
                                .selection
                                .iter()
                                .filter_map(|r| edit::get(&floor, *r).map(|i| (*r, i)))
                                .collect();
                            let anchor = edit::get(&floor, hit)
                                .and_then(|i| i.points().first().copied())
                                .unwrap_or_else(|| tf.plan(p));
                            self.gesture = Gesture::Move {
                                originals,
                                grab: tf.plan(p),
                                anchor,
                            };
                        }
                        None => {
                            self.gesture = Gesture::BoxSelect {
                                from: p,
                                additive: shift,
                            }
                        }
                    }
                }
                if dragging {
                    let Some(p) = pointer else { return };
                    match &self.gesture {
                        Gesture::Move {
                            originals,
                            grab,
                            anchor,
                        } => {
                            let at = tf.plan(p);
                            // The grabbed object's first point snaps; the rest follow.
                            let moved_anchor =
                                [anchor[0] + at[0] - grab[0], anchor[1] + at[1] - grab[1]];
                            let target = snapped(
                                &floor_without(&floor, originals),
                                tf,
                                tf.screen(moved_anchor),
                            );
                            let by = [target[0] - anchor[0], target[1] - anchor[1]];
                            let items = originals
                                .iter()
                                .map(|(r, item)| {
                                    let mut item = item.clone();
                                    item.translate(by);
                                    (*r, item)
                                })
                                .collect();
                            if let Some(doc) = &mut self.doc {
                                doc.preview(fi, items);
                            }
                        }
                        Gesture::Handle {
                            at,
                            handle,
                            original,
                        } => {
                            let mut item = original.clone();
                            tools::drag_handle(&mut item, *handle, tf.plan(p));
                            let at = *at;
                            if let Some(doc) = &mut self.doc {
                                doc.preview(fi, vec![(at, item)]);
                            }
                        }
                        _ => {}
                    }
                }
                if released {
                    match std::mem::take(&mut self.gesture) {
                        Gesture::Move { originals, .. } => {
                            if let Some(doc) = &mut self.doc {
                                doc.commit_preview(fi, originals);
                            }
                        }
                        Gesture::Handle { at, original, .. } => {
                            if let Some(doc) = &mut self.doc {
                                doc.commit_preview(fi, vec![(at, original)]);
                            }
                        }
                        Gesture::BoxSelect { from, additive } => {
                            if let Some(p) = pointer {
                                let (a, b) = (tf.plan(from), tf.plan(p));
                                let found = tools::in_box(
                                    &floor,
                                    [a[0].min(b[0]), a[1].min(b[1])],
                                    [a[0].max(b[0]), a[1].max(b[1])],
                                );
                                if !additive {
                                    self.selection.clear();
                                }
                                self.selection.extend(found);
                            }
                        }
                        _ => {}
                    }
                }
                if clicked {
                    let hit = pointer.and_then(|p| tools::pick(&floor, tf, p));
                    match (hit, shift) {
                        (Some(h), true) => {
                            if !self.selection.remove(&h) {
                                self.selection.insert(h);
                            }
                        }
                        (Some(h), false) => {
                            self.selection.clear();
                            self.selection.insert(h);
                        }
                        (None, true) => {}
                        (None, false) => self.selection.clear(),
                    }
                }
            }
            Tool::Wall | Tool::Space | Tool::Zone => {
                let closes_at_start = self.tool != Tool::Wall;
                if pressed_here && self.tool != Tool::Wall {
                    if let (Some(p), Gesture::None) = (press, &self.gesture) {
                        self.gesture = Gesture::Rect {
                            from: snapped(&floor, tf, p),
                        };
                    }
                }
                if released {
                    if let (Gesture::Rect { from }, Some(p)) = (self.gesture.clone(), pointer) {
                        let to = snapped(&floor, tf, p);
                        let poly = rect_polygon(from, to);
                        self.gesture = Gesture::None;
                        if (to[0] - from[0]).abs() > 0.05 && (to[1] - from[1]).abs() > 0.05 {
                            self.add_area(fi, poly);
                        }
                    }
                }
                if clicked {
                    let Some(p) = pointer else { return };
                    let at = snapped(&floor, tf, p);
                    // A double-click on the last point ends the shape (quick clicks elsewhere
                    // are corners).
                    let on_last = match &self.gesture {
                        Gesture::Points { points } => points
                            .last()
                            .is_some_and(|l| tf.screen(*l).distance(p) <= tools::PICK_PT),
                        _ => false,
                    };
                    if double && on_last {
                        self.finish_shape();
                        return;
                    }
                    match &mut self.gesture {
                        Gesture::Points { points } => {
                            let closing = closes_at_start
                                && points.len() >= 3
                                && tf.screen(points[0]).distance(p) <= tools::PICK_PT;
                            if closing {
                                self.finish_shape();
                            } else if points.last() != Some(&at) {
                                points.push(at);
                            }
                        }
                        _ => self.gesture = Gesture::Points { points: vec![at] },
                    }
                }
            }
            Tool::Door | Tool::Opening | Tool::Window => {
                let kind = self.tool.opening_kind();
                let step = draw::grid_step(tf.scale);
                let snap_off = ui.input(|i| i.modifiers.alt);
                if pressed_here {
                    if let Some((wall, seg, at)) =
                        press.and_then(|p| tools::nearest_wall(&floor, tf, p))
                    {
                        let pts = &floor.walls[wall].points;
                        self.gesture = Gesture::Opening {
                            wall,
                            seg,
                            from_t: tools::snap_along(
                                pts[seg],
                                pts[seg + 1],
                                tools::project(at, pts[seg], pts[seg + 1]),
                                step,
                                snap_off,
                            ),
                        };
                    } else {
                        self.status = Some(self.t(labels::PRESS_ON_WALL).to_owned());
                    }
                }
                if released {
                    if let (Gesture::Opening { wall, seg, from_t }, Some(p)) =
                        (std::mem::take(&mut self.gesture), pointer)
                    {
                        // The wall may have gone (undone) while the button was down.
                        let Some((a, b)) = floor
                            .walls
                            .get(wall)
                            .and_then(|w| Some((*w.points.get(seg)?, *w.points.get(seg + 1)?)))
                        else {
                            return;
                        };
                        let to_t = tools::snap_along(
                            a,
                            b,
                            tools::project(tf.plan(p), a, b),
                            step,
                            snap_off,
                        );
                        let (pa, pb) = (tools::lerp(a, b, from_t), tools::lerp(a, b, to_t));
                        if length(pa, pb) >= 0.1 {
                            if let Some(k) = kind {
                                self.add_opening(fi, k, pa, pb);
                            }
                        }
                    }
                }
                if clicked {
                    // A click on a wall puts a standard-width opening centred there.
                    if let Some((wall, seg, at)) =
                        pointer.and_then(|p| tools::nearest_wall(&floor, tf, p))
                    {
                        let pts = &floor.walls[wall].points;
                        let (a, b) = (pts[seg], pts[seg + 1]);
                        let len = length(a, b).max(1e-9);
                        let width = if kind == Some(crate::model::OpeningKind::Window) {
                            1.2
                        } else {
                            0.9
                        };
                        let t = tools::project(at, a, b);
                        let half = (width / 2.0 / len).min(0.5);
                        let t = t.clamp(half, 1.0 - half);
                        if let Some(k) = kind {
                            self.add_opening(
                                fi,
                                k,
                                tools::lerp(a, b, t - half),
                                tools::lerp(a, b, t + half),
                            );
                        }
                    } else {
                        self.status = Some(self.t(labels::PRESS_ON_WALL).to_owned());
                    }
                }
            }
            Tool::FrCamera | Tool::Camera | Tool::Sign => {
                if pressed_here {
                    if let Some(p) = press {
                        self.gesture = Gesture::Place {
                            at: snapped(&floor, tf, p),
                        };
                    }
                }
                if released {
                    if let (Gesture::Place { at }, Some(p)) =
                        (std::mem::take(&mut self.gesture), pointer)
                    {
                        let to = tf.plan(p);
                        let heading = if length(at, to) > 1e-6 {
                            tools::bearing(at, to)
                        } else {
                            0.0
                        };
                        self.add_point_object(fi, at, heading);
                    }
                }
                if clicked {
                    if let Some(p) = pointer {
                        let at = snapped(&floor, tf, p);
                        self.add_point_object(fi, at, 0.0);
                    }
                }
            }
            Tool::MoveUnderlay => {
                if pressed_here {
                    if let Some(p) = press {
                        self.gesture = Gesture::Underlay {
                            original: floor.underlay.clone(),
                            grab: tf.plan(p),
                        };
                    }
                }
                if let (
                    Gesture::Underlay {
                        original: Some(u),
                        grab,
                    },
                    Some(p),
                ) = (&self.gesture, pointer)
                {
                    if dragging || released {
                        let at = tf.plan(p);
                        let mut moved = u.clone();
                        moved.origin =
                            [u.origin[0] + at[0] - grab[0], u.origin[1] + at[1] - grab[1]];
                        let original = u.clone();
                        if let Some(doc) = &mut self.doc {
                            doc.site.floors[fi].underlay = Some(moved.clone());
                            if released {
                                doc.site.floors[fi].underlay = Some(original);
                                let mut fields = edit::FloorFields::of(&doc.site.floors[fi]);
                                fields.underlay = Some(moved);
                                doc.apply(Edit::FloorFields {
                                    floor: fi,
                                    fields: Box::new(fields),
                                });
                            }
                        }
                    }
                }
                if released {
                    self.gesture = Gesture::None;
                }
            }
            Tool::Calibrate => {
                if clicked {
                    if let (Some(p), Some(cal)) = (pointer, &mut self.calibration) {
                        if cal.points.len() < 2 {
                            cal.points.push(tf.plan(p));
                        }
                    }
                }
            }
        }
    }

    /// Adds a space or zone (by the current tool) with the given outline, and selects it.
    fn add_area(&mut self, fi: usize, polygon: Vec<Point>) {
        let Some(doc) = &self.doc else { return };
        let mut used = tools::used_ids(&doc.site);
        let floor = &doc.site.floors[fi];
        let item = if self.tool == Tool::Zone {
            Item::Zone(Zone {
                id: tools::fresh_id(&mut used, "zone"),
                name: String::new(),
                polygon,
                extra: Default::default(),
            })
        } else {
            Item::Space(Space {
                id: tools::fresh_id(&mut used, "space"),
                name: String::new(),
                kind: self.new_space_kind,
                polygon,
                review: false,
                extra: Default::default(),
            })
        };
        let index = edit::count(floor, item.kind());
        self.insert(fi, index, item);
    }

    fn insert(&mut self, fi: usize, index: usize, item: Item) {
        let kind = item.kind();
        self.apply(Edit::Insert {
            floor: fi,
            index,
            item: Box::new(item),
        });
        self.selection.clear();
        self.selection.insert(ItemRef { kind, index });
    }

    fn add_opening(&mut self, fi: usize, kind: crate::model::OpeningKind, a: Point, b: Point) {
        let Some(doc) = &self.doc else { return };
        let mut used = tools::used_ids(&doc.site);
        let prefix = match kind {
            crate::model::OpeningKind::Door => "door",
            crate::model::OpeningKind::Opening => "opening",
            crate::model::OpeningKind::Window => "window",
        };
        let index = doc.site.floors[fi].openings.len();
        let o = Opening {
            id: tools::fresh_id(&mut used, prefix),
            kind,
            a,
            b,
            obscured: false,
            extra: Default::default(),
        };
        self.insert(fi, index, Item::Opening(o));
    }

    /// Adds a camera or sign (by the current tool) at `at`, facing `heading` degrees.
    fn add_point_object(&mut self, fi: usize, at: Point, heading: f64) {
        let Some(doc) = &self.doc else { return };
        let mut used = tools::used_ids(&doc.site);
        let floor = &doc.site.floors[fi];
        let item = match self.tool {
            Tool::Sign => Item::Sign(Sign::new(&tools::fresh_id(&mut used, "sign"), at, heading)),
            tool => Item::Device(Device::new(
                &tools::fresh_id(&mut used, "cam"),
                at,
                heading,
                tool == Tool::FrCamera,
            )),
        };
        let index = edit::count(floor, item.kind());
        self.insert(fi, index, item);
    }

    /// Ends the wall, space or zone being drawn (Enter or double-click).
    pub(crate) fn finish_shape(&mut self) {
        let Gesture::Points { points } = std::mem::take(&mut self.gesture) else {
            return;
        };
        let fi = self.floor_index();
        match self.tool {
            Tool::Wall if points.len() >= 2 => {
                let Some(doc) = &self.doc else { return };
                let mut used = tools::used_ids(&doc.site);
                let index = doc.site.floors[fi].walls.len();
                let w = Wall::new(&tools::fresh_id(&mut used, "wall"), points);
                self.insert(fi, index, Item::Wall(w));
            }
            Tool::Space | Tool::Zone if points.len() >= 3 => self.add_area(fi, points),
            _ => {}
        }
    }

    /// Draws the gesture under way: the shape being drawn with its lengths, the box, handles.
    fn draw_gesture(
        &self,
        painter: &egui::Painter,
        tf: &ScreenFromPlan,
        fi: usize,
        hover: Option<Pos2>,
    ) {
        let ink = draw::colour(palette::HOVER, 1.0);
        let font = egui::FontId::proportional(12.0);
        let length_label = |a: Point, b: Point| {
            let mid = tf.screen([(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0]);
            painter.text(
                mid + Vec2::new(0.0, -6.0),
                egui::Align2::CENTER_BOTTOM,
                format!("{:.2} m", length(a, b)),
                font.clone(),
                ink,
            );
        };
        match &self.gesture {
            Gesture::Points { points } => {
                let mut pts = points.clone();
                if let Some(c) = self.cursor {
                    pts.push(c);
                }
                let screen: Vec<Pos2> = pts.iter().map(|p| tf.screen(*p)).collect();
                painter.add(Shape::line(screen.clone(), Stroke::new(2.0, ink)));
                for p in &screen {
                    painter.circle_filled(*p, 3.5, ink);
                }
                for w in pts.windows(2) {
                    length_label(w[0], w[1]);
                }
            }
            Gesture::Rect { from } => {
                if let Some(c) = self.cursor {
                    let poly = rect_polygon(*from, c);
                    let screen: Vec<Pos2> = poly.iter().map(|p| tf.screen(*p)).collect();
                    painter.add(Shape::closed_line(screen, Stroke::new(2.0, ink)));
                    length_label(poly[0], poly[1]);
                    length_label(poly[1], poly[2]);
                }
            }
            Gesture::BoxSelect { from, .. } => {
                if let Some(p) = hover {
                    painter.rect(
                        Rect::from_two_pos(*from, p),
                        0.0,
                        Color32::from_rgba_unmultiplied(0x15, 0x65, 0xC0, 25),
                        Stroke::new(1.0, ink),
                        egui::StrokeKind::Inside,
                    );
                }
            }
            Gesture::Opening { wall, seg, from_t } => {
                if let (Some(doc), Some(p)) = (&self.doc, hover) {
                    if let Some(pts) = doc.site.floors[fi].walls.get(*wall).map(|w| &w.points) {
                        let (a, b) = (pts[*seg], pts[*seg + 1]);
                        let pa = tools::lerp(a, b, *from_t);
                        let pb = tools::lerp(a, b, tools::project(tf.plan(p), a, b));
                        painter.line_segment([tf.screen(pa), tf.screen(pb)], Stroke::new(6.0, ink));
                        length_label(pa, pb);
                    }
                }
            }
            Gesture::Place { at } => {
                if let Some(p) = hover {
                    let to = tf.plan(p);
                    painter.line_segment([tf.screen(*at), p], Stroke::new(2.0, ink));
                    painter.circle_filled(tf.screen(*at), 6.0, ink);
                    painter.text(
                        p + Vec2::new(8.0, -8.0),
                        egui::Align2::LEFT_BOTTOM,
                        format!("{:.0}°", tools::bearing(*at, to)),
                        font.clone(),
                        ink,
                    );
                }
            }
            _ => {}
        }
        if let Some(cal) = &self.calibration {
            for p in &cal.points {
                painter.circle_stroke(
                    tf.screen(*p),
                    7.0,
                    Stroke::new(2.0, draw::colour(palette::IN_PRIVATE, 1.0)),
                );
            }
            if let [a, b] = cal.points[..] {
                painter.line_segment(
                    [tf.screen(a), tf.screen(b)],
                    Stroke::new(2.0, draw::colour(palette::IN_PRIVATE, 1.0)),
                );
            }
        }
        // Handles of the one selected camera or sign.
        if self.tool == Tool::Select && self.selection.len() == 1 {
            if let (Some(doc), Some(at)) = (&self.doc, self.selection.iter().next()) {
                if let Some(item) = edit::get(&doc.site.floors[fi], *at) {
                    for (h, p) in tools::handles(&item, tf) {
                        let s = tf.screen(p);
                        let pos = item.points().first().copied().unwrap_or(p);
                        painter.line_segment(
                            [tf.screen(pos), s],
                            Stroke::new(
                                1.0,
                                Color32::from_rgba_unmultiplied(0xFF, 0x8F, 0x00, 120),
                            ),
                        );
                        match h {
                            tools::Handle::Turn => painter.circle(
                                s,
                                6.0,
                                Color32::WHITE,
                                Stroke::new(2.0, draw::colour(palette::SELECTION, 1.0)),
                            ),
                            tools::Handle::Range => painter.add(Shape::convex_polygon(
                                vec![
                                    s + Vec2::new(0.0, -7.0),
                                    s + Vec2::new(7.0, 0.0),
                                    s + Vec2::new(0.0, 7.0),
                                    s + Vec2::new(-7.0, 0.0),
                                ],
                                Color32::WHITE,
                                Stroke::new(2.0, draw::colour(palette::SELECTION, 1.0)),
                            )),
                            tools::Handle::Fov => painter.add(Shape::rect_filled(
                                Rect::from_center_size(s, Vec2::splat(10.0)),
                                1.0,
                                draw::colour(palette::SELECTION, 1.0),
                            )),
                        };
                    }
                }
            }
        }
    }
}

/// The floor without the objects being moved (so that they do not snap to themselves).
fn floor_without(floor: &crate::model::Floor, moving: &[(ItemRef, Item)]) -> crate::model::Floor {
    let mut f = floor.clone();
    let mut refs: Vec<ItemRef> = moving.iter().map(|(r, _)| *r).collect();
    refs.sort();
    for r in refs.into_iter().rev() {
        edit::remove_from(&mut f, r);
    }
    f
}
