//! The plan canvas: pan and zoom, the tools' gestures, and drawing the floor with its grid,
//! scale bar, north arrow, legend, selection, handles and the shape being drawn.

use eframe::egui::{self, Color32, Pos2, Rect, Sense, Shape, Stroke, Vec2};

use super::draw;
use std::collections::BTreeSet;

use super::edit::{self, Edit, Item, ItemKind, ItemRef};
use super::labels;
use super::tools::{self, Snap, Tool};
use super::view::{self, ScreenFromPlan};
use super::{App, Gesture};
use crate::model::{Point, Wall};
use crate::scene::{palette, Subject};

/// What a built scene depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SceneKey {
    revision: u64,
    floor: usize,
    lang: crate::i18n::Lang,
    /// Every camera's DORI bands are drawn (View menu).
    dori_all: bool,
}

/// A scene that took longer than this to build is not built again for every step of a drag.
const LONG_SCENE_BUILD: std::time::Duration = std::time::Duration::from_millis(8);

/// The scene's name for an object of the floor.
fn subject(r: ItemRef) -> Subject {
    match r.kind {
        ItemKind::Device => Subject::Device(r.index),
        ItemKind::Sign => Subject::Sign(r.index),
        ItemKind::Opening => Subject::Opening(r.index),
        ItemKind::Wall => Subject::Wall(r.index),
        ItemKind::Zone => Subject::Zone(r.index),
        ItemKind::Space => Subject::Space(r.index),
    }
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
    /// The objects being dragged over a scene that is kept until the drag ends (on a floor whose
    /// scene is slow to build), if any.
    pub fn dragged_over_scene(&self) -> Option<&BTreeSet<Subject>> {
        self.dragged.as_ref()
    }

    /// Whether the plan's static layers are being painted into an image on another thread (far
    /// out on a large floor); a frame after it is done shows the image.
    pub fn far_image_pending(&self) -> bool {
        self.painted
            .as_ref()
            .is_some_and(|(_, p)| p.image_pending())
    }

    /// The document revision the canvas's scene was built for.
    pub fn scene_revision(&self) -> Option<u64> {
        self.painted.as_ref().map(|(k, _)| k.revision)
    }

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
            dori_all: self.shown.dori_all,
        };
        self.dragged = None;
        let Some((painted_key, painted)) = &self.painted else {
            return self.rebuild_scene(fi, key);
        };
        if *painted_key == key {
            return;
        }
        // On a floor whose scene takes long to build, objects being dragged are drawn over the
        // scene from before the drag, which is built again when the drag ends.
        let same_view = (painted_key.floor, painted_key.lang, painted_key.dori_all)
            == (key.floor, key.lang, key.dori_all);
        if same_view && painted.build_time > LONG_SCENE_BUILD {
            let subjects: Option<BTreeSet<Subject>> = match &self.gesture {
                Gesture::Move { originals, .. } => {
                    Some(originals.iter().map(|(r, _)| subject(*r)).collect())
                }
                Gesture::Handle { at, .. } => Some(BTreeSet::from([subject(*at)])),
                _ => None,
            };
            if let Some(subjects) = subjects {
                self.dragged = Some(subjects);
                return;
            }
        }
        self.rebuild_scene(fi, key);
    }

    /// Whose DORI bands the canvas (and an exported picture) draws: every camera's when the
    /// View menu says so, else the one selected camera's.
    pub(super) fn dori_show(&self) -> crate::scene::DoriShow {
        use crate::scene::DoriShow;
        if self.shown.dori_all {
            return DoriShow::All;
        }
        match (self.selection.len(), self.selection.iter().next()) {
            (1, Some(r)) if r.kind == ItemKind::Device => DoriShow::Device(r.index),
            _ => DoriShow::Off,
        }
    }

    fn rebuild_scene(&mut self, fi: usize, key: SceneKey) {
        let Some(doc) = &self.doc else {
            self.painted = None;
            return;
        };
        let started = std::time::Instant::now();
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
                dori: if key.dori_all {
                    crate::scene::DoriShow::All
                } else {
                    crate::scene::DoriShow::Off
                },
            },
        );
        let mut painted = draw::PaintedScene::new(scene);
        painted.build_time = started.elapsed();
        self.painted = Some((key, painted));
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
        let floor_name = floor_id.clone();
        let mut downscaled = None;
        let entry = self.underlays.entry(path.clone()).or_insert_with(|| {
            let pixels = crate::render::raster::underlay_pixels(&path).map_err(|error| {
                super::UnderlayWarning {
                    floor: floor_id,
                    error,
                }
            });
            pixels.map(|img| {
                // A picture larger than the graphics card takes is drawn from a copy scaled to
                // fit (its place on the plan stays that of the file's pixels), and a note says so.
                let (w, h) = (img.width(), img.height());
                let max = ctx.input(|i| i.max_texture_side).max(1) as u32;
                let shown = if w.max(h) > max {
                    let k = f64::from(max) / f64::from(w.max(h));
                    let (sw, sh) = (
                        ((f64::from(w) * k).floor() as u32).clamp(1, max),
                        ((f64::from(h) * k).floor() as u32).clamp(1, max),
                    );
                    downscaled = Some((w, h, sw, sh));
                    image::imageops::resize(&img, sw, sh, image::imageops::FilterType::Triangle)
                } else {
                    img
                };
                let size = [shown.width() as usize, shown.height() as usize];
                let colour = egui::ColorImage::from_rgba_unmultiplied(size, shown.as_raw());
                let tex = ctx.load_texture(
                    path.display().to_string(),
                    colour,
                    egui::TextureOptions::LINEAR,
                );
                (tex, [w, h])
            })
        });
        if let Some((w, h, sw, sh)) = downscaled {
            let note = crate::import::Warning::new(
                format!("The underlay of floor {floor_name} is {w} × {h} px, more than this graphics card takes; it is drawn from a copy of {sw} × {sh} px (the file is unchanged, exports use it whole)"),
                format!("楼层 {floor_name} 的底图为 {w} × {h} 像素，超出本机显卡的上限；画面中使用 {sw} × {sh} 像素的缩小副本（文件不变，导出仍用原图）"),
            );
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
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
        painter.rect_filled(rect, 0.0, draw::colour(palette::PAPER, 1.0));
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
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let corners: Vec<Point> = match (texture, &floor.underlay) {
            (Some((_, size)), Some(u)) => draw::underlay_corners(u, size).to_vec(),
            _ => Vec::new(),
        };
        let (centre, scale) = match self.view {
            Some(v) => v,
            None => view::fit(floor, &corners, rect),
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
            // Also the modifiers held when a button went down or up this frame: a key let go in
            // the same frame as the button must not undo the Shift lock.
            let at_button = i
                .events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::PointerButton { modifiers, .. } => Some(*modifiers),
                    _ => None,
                })
                .fold(i.modifiers, |m, b| m | b);
            (at_button.alt, at_button.shift, i.key_down(egui::Key::Space))
        });
        let hover = response.hover_pos();
        // The point under the pointer, snapped as a drawing tool would use it.
        let snapped = match (&self.doc, hover) {
            (Some(doc), Some(p)) => doc.site.floors.get(fi).map(|floor| {
                let drawing: &[Point] = match &self.gesture {
                    Gesture::Points { points } => points,
                    _ => &[],
                };
                let step = draw::grid_step(tf.scale);
                tools::snap(floor, &tf, p, drawing, step, snap_off, &Default::default())
            }),
            _ => None,
        };
        self.cursor = snapped.map(|(p, _)| p);
        // Calibration picks are exact pointer positions, and the status bar says so.
        if self.tool == Tool::Calibrate {
            self.cursor = hover.map(|p| tf.plan(p));
        }
        // Shift holds the side being drawn to 45° steps, as a click will place it.
        if let (true, Gesture::Points { points }, Some(c)) = (shift, &self.gesture, self.cursor) {
            if let Some(last) = points.last() {
                self.cursor = Some(tools::lock_45(*last, c, draw::grid_step(tf.scale)));
            }
        }
        // Working on the plan takes the keyboard back from a text field, so tool shortcuts
        // work at once.
        if response.clicked() || response.drag_started() {
            ui.ctx().memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
            });
        }
        // A click on the legend's title opens or closes it, and is not a click on the plan.
        let on_legend_title = self.shown.legend
            && hover.is_some_and(|p| {
                draw::legend_rects(&painter, rect, self.lang, self.shown.legend_open)
                    .1
                    .contains(p)
            });
        if on_legend_title && response.clicked() {
            self.shown.legend_open ^= true;
        }
        if !space_down && !on_legend_title {
            let primary = egui::PointerButton::Primary;
            let pointer = tools::Pointer {
                press: ui.input(|i| i.pointer.press_origin()),
                at: response.interact_pointer_pos().or(hover),
                pressed: response.drag_started_by(primary),
                dragging: response.dragged_by(primary),
                released: response.drag_stopped_by(primary),
                clicked: response.clicked_by(primary),
                double_clicked: response.double_clicked_by(primary),
                shift,
                snap_off,
                command: ui.input(|i| i.modifiers.command),
            };
            self.tool_input(pointer, &tf, fi);
        }

        // Draw: the grid, the floor's scene, then what only the editor shows.
        if self.shown.grid {
            draw::grid(&painter, rect, &tf);
        }
        self.refresh_scene(fi);
        let dori_selected = self.dori_show();
        let Some(doc) = &self.doc else { return };
        if let Some((_, painted)) = &mut self.painted {
            draw::scene(
                &painter,
                painted,
                &tf,
                rect,
                texture,
                &self.shown,
                self.dragged.as_ref(),
            );
            if let (Some(dragged), Some(fa)) = (&self.dragged, doc.checker.analysis.floors.get(fi))
            {
                let opts = crate::scene::SceneOptions {
                    lang: self.lang,
                    object_names: true,
                    dori: crate::scene::DoriShow::Off,
                };
                let over = crate::scene::Scene::of_subjects(&doc.site, fa, fi, &opts, dragged);
                let mut over = draw::PaintedScene::new(over);
                draw::scene(&painter, &mut over, &tf, rect, None, &self.shown, None);
            }
            if let Some(h) = self.hovered_finding {
                draw::finding_highlight(&painter, &painted.scene, h, &tf);
            }
        }
        if let (crate::scene::DoriShow::Device(di), false) = (dori_selected, self.shown.dori_all) {
            if self.shown.areas {
                let key = (doc.revision, fi, di, self.lang);
                if self.dori_painted.as_ref().is_none_or(|(k, _)| *k != key) {
                    let dori =
                        doc.checker.analysis.floors.get(fi).map(|fa| {
                            crate::scene::Scene::dori_of(&doc.site, fa, fi, di, self.lang)
                        });
                    self.dori_painted = dori.map(|s| (key, draw::PaintedScene::new(s)));
                }
                if let Some((_, over)) = &mut self.dori_painted {
                    draw::scene(&painter, over, &tf, rect, None, &self.shown, None);
                }
            }
        }
        if self.shown.gaps {
            let key = (doc.revision, fi);
            if self.gaps_painted.as_ref().is_none_or(|(k, _)| *k != key) {
                let gaps = crate::scene::Scene::gaps_of(&doc.checker.analysis, fi);
                self.gaps_painted = Some((key, draw::PaintedScene::new(gaps)));
            }
            if let Some((_, over)) = &mut self.gaps_painted {
                draw::scene(&painter, over, &tf, rect, None, &self.shown, None);
            }
        }
        if let Some((_, pf, over)) = &mut self.fix_preview {
            if *pf == fi {
                draw::scene(&painter, over, &tf, rect, None, &self.shown, None);
            }
        }
        if let Some(floor) = doc.site.floors.get(fi) {
            draw::selection(&painter, floor, &tf, &self.selection);
        }
        self.draw_gesture(&painter, &tf, fi, hover);
        draw::scale_and_north(&painter, rect, &tf, self.lang);
        if self.shown.legend {
            draw::legend(&painter, rect, self.lang, self.shown.legend_open);
        }
        // Where the pointer snaps to a point or a wall, a ring says so.
        if let Some((c, Snap::Endpoint | Snap::Wall)) = snapped {
            if !matches!(self.tool, Tool::Select | Tool::MoveUnderlay) {
                painter.circle_stroke(
                    tf.screen(c),
                    6.0,
                    Stroke::new(2.0, draw::colour(palette::HOVER, 1.0)),
                );
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

    /// Turns pointer input into gestures and edits through the current tool's handler.
    fn tool_input(&mut self, pointer: tools::Pointer, tf: &ScreenFromPlan, fi: usize) {
        let Some(doc) = &self.doc else { return };
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let actions = tools::input(&tools::Ctx {
            floor,
            fi,
            tf,
            selection: &self.selection,
            tool: self.tool,
            gesture: &self.gesture,
            grid_step: draw::grid_step(tf.scale),
            pointer,
        });
        for action in actions {
            self.act(fi, action);
        }
    }

    /// A length typed while drawing a wall, space or zone (digits, `.`, and `<` before an angle
    /// in degrees): Enter places the next point that far from the last one, towards the
    /// pointer or at the angle given; Backspace takes a character back. Returns whether it took
    /// the keys, so that they are not also shortcuts.
    pub(crate) fn typed_length_input(&mut self, ctx: &egui::Context) {
        let Gesture::Points { points } = &self.gesture else {
            self.typed.clear();
            return;
        };
        let Some(&last) = points.last() else { return };
        let mut typed = std::mem::take(&mut self.typed);
        let mut place = false;
        ctx.input_mut(|i| {
            i.events.retain(|e| match e {
                egui::Event::Text(t)
                    if t.chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == '<') =>
                {
                    typed.push_str(t);
                    false
                }
                egui::Event::Key {
                    key: egui::Key::Backspace,
                    pressed: true,
                    ..
                } if !typed.is_empty() => {
                    typed.pop();
                    false
                }
                egui::Event::Key {
                    key: egui::Key::Enter,
                    pressed: true,
                    ..
                } if !typed.is_empty() => {
                    place = true;
                    false
                }
                _ => true,
            });
        });
        if place {
            let (len, angle) = match typed.split_once('<') {
                Some((l, a)) => (l.parse::<f64>().ok(), a.parse::<f64>().ok()),
                None => (typed.parse::<f64>().ok(), None),
            };
            let towards = self.cursor.filter(|c| *c != last);
            let dir = match (angle, towards) {
                (Some(deg), _) => Some([deg.to_radians().cos(), deg.to_radians().sin()]),
                (None, Some(c)) => {
                    let l = (c[0] - last[0]).hypot(c[1] - last[1]);
                    Some([(c[0] - last[0]) / l, (c[1] - last[1]) / l])
                }
                (None, None) => Some([1.0, 0.0]),
            };
            if let (Some(len), Some([dx, dy])) = (len.filter(|l| l.is_finite() && *l > 0.0), dir) {
                // Whole millimetres, so that 5 m along an axis lands exactly.
                let mm = |v: f64| (v * 1000.0).round() / 1000.0 + 0.0;
                let next = [mm(last[0] + dx * len), mm(last[1] + dy * len)];
                if let Gesture::Points { points } = &mut self.gesture {
                    points.push(next);
                }
            }
            typed.clear();
        }
        self.typed = typed;
    }

    /// Carries out what a tool asked for.
    fn act(&mut self, fi: usize, action: tools::Action) {
        use tools::Action;
        match action {
            Action::Gesture(g) => self.gesture = g,
            Action::Select(s) => self.selection = s,
            Action::Preview(items) => {
                if let Some(doc) = &mut self.doc {
                    doc.preview(fi, items);
                }
            }
            Action::Commit(originals) => {
                if let Some(doc) = &mut self.doc {
                    doc.commit_preview(fi, originals);
                }
                self.after_edit();
            }
            Action::Add(item) => self.add(fi, item),
            Action::AddArea(polygon) => {
                let item = tools::shape::area(self.tool, self.new_space_kind, polygon);
                self.add(fi, item);
            }
            Action::PreviewEdit(edit) => {
                if let Some(doc) = &mut self.doc {
                    doc.preview_edit(edit);
                }
            }
            Action::CommitEdit { restore, edit } => {
                if let Some(doc) = &mut self.doc {
                    doc.commit_edit(restore, edit);
                }
                self.after_edit();
            }
            Action::FinishShape => self.finish_shape(),
            Action::CalibrationPoint(p) => {
                if let Some(cal) = &mut self.calibration {
                    if cal.points.len() < 2 {
                        cal.points.push(p);
                    }
                }
            }
            Action::Status(text) => self.status = Some(super::Status::new(text, "")),
        }
    }

    /// Adds an object to floor `fi` with a fresh id, as one undo step, and selects it.
    fn add(&mut self, fi: usize, mut item: Item) {
        let Some(doc) = &self.doc else { return };
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let mut used = tools::used_ids(&doc.site);
        item.set_id(tools::fresh_id(&mut used, tools::prefix_of(&item)));
        let fr = matches!(&item, Item::Device(d) if d.face_recognition);
        let (edits, placed) = edit::append(floor, fi, [item]);
        self.apply(Edit::Batch(edits));
        // A face-recognition camera asks at once what it is for, rather than starting in
        // violation of Art. 13 with purpose "not stated".
        self.new_camera = placed.first().copied().filter(|_| fr);
        self.selection = placed;
    }

    /// Ends the wall, space or zone being drawn (Enter or double-click).
    pub(crate) fn finish_shape(&mut self) {
        let Gesture::Points { points } = std::mem::take(&mut self.gesture) else {
            return;
        };
        let fi = self.floor_index();
        match self.tool {
            Tool::Wall if points.len() >= 2 => self.add(fi, Item::Wall(Wall::new("", points))),
            Tool::Space | Tool::Zone if points.len() >= 3 => {
                let item = tools::shape::area(self.tool, self.new_space_kind, points);
                self.add(fi, item);
            }
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
                    if let &[a, b] = w {
                        length_label(a, b);
                    }
                }
                // The length being typed, beside the pointer.
                if let (false, Some(c)) = (self.typed.is_empty(), self.cursor) {
                    painter.text(
                        tf.screen(c) + Vec2::new(14.0, -14.0),
                        egui::Align2::LEFT_BOTTOM,
                        format!("{} m", self.typed),
                        egui::FontId::proportional(14.0),
                        ink,
                    );
                }
            }
            Gesture::Rect { from } => {
                if let Some(c) = self.cursor {
                    let poly = rect_polygon(*from, c);
                    let screen: Vec<Pos2> = poly.iter().map(|p| tf.screen(*p)).collect();
                    painter.add(Shape::closed_line(screen, Stroke::new(2.0, ink)));
                    length_label(*from, [c[0], from[1]]);
                    length_label([c[0], from[1]], c);
                }
            }
            Gesture::BoxSelect { from, .. } => {
                if let Some(p) = hover {
                    painter.rect(
                        Rect::from_two_pos(*from, p),
                        0.0,
                        draw::colour(palette::HOVER, 0.1),
                        Stroke::new(1.0, ink),
                        egui::StrokeKind::Inside,
                    );
                }
            }
            Gesture::Opening { wall, seg, from_t } => {
                if let (Some(doc), Some(p)) = (&self.doc, hover) {
                    let segment = doc.site.floors.get(fi).and_then(|f| {
                        let pts = &f.walls.get(*wall)?.points;
                        Some((*pts.get(*seg)?, *pts.get(*seg + 1)?))
                    });
                    if let Some((a, b)) = segment {
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
        // Handles of the one selected object (those in view).
        if self.tool == Tool::Select && self.selection.len() == 1 {
            if let (Some(doc), Some(at)) = (&self.doc, self.selection.iter().next()) {
                let item = doc.site.floors.get(fi).and_then(|f| edit::get(f, *at));
                if let Some(item) = item {
                    let clip = painter.clip_rect().expand(8.0);
                    for (h, p) in tools::handles(&item, tf) {
                        let s = tf.screen(p);
                        if !clip.contains(s) {
                            continue;
                        }
                        if !matches!(h, tools::Handle::Corner(_)) {
                            let pos = item.points().first().copied().unwrap_or(p);
                            painter.line_segment(
                                [tf.screen(pos), s],
                                Stroke::new(1.0, draw::colour(palette::SELECTION, 0.47)),
                            );
                        }
                        match h {
                            tools::Handle::Corner(_) => painter.rect(
                                Rect::from_center_size(s, Vec2::splat(9.0)),
                                0.0,
                                Color32::WHITE,
                                Stroke::new(2.0, draw::colour(palette::SELECTION, 1.0)),
                                egui::StrokeKind::Middle,
                            ),
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
