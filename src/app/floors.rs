//! The floors panel: switch, add, rename, reorder and delete floors; the floor's underlay
//! (import, calibrate, move, opacity).

use std::path::Path;

use eframe::egui::{self, DragValue, TextEdit};

use super::edit::{Edit, FloorFields};
use super::labels;
use super::tools::{self, Tool};
use super::{App, Command, UiCommand};
use crate::model::{Floor, Underlay};
use crate::scene::palette;

/// The path stored for an underlay: relative to the site file's folder when it can be.
pub fn relative_path(image: &Path, site_file: Option<&Path>) -> String {
    let dir = site_file.and_then(|p| p.parent());
    let image_abs = dunce::canonicalize(image).unwrap_or_else(|_| image.to_owned());
    if let Some(dir) = dir {
        let dir_abs = dunce::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
        if let Ok(rel) = image_abs.strip_prefix(&dir_abs) {
            return rel.to_string_lossy().replace('\\', "/");
        }
        // Not below the site's folder: climb with "..".
        let mut up = String::new();
        for anc in dir_abs.ancestors().skip(1) {
            up.push_str("../");
            if let Ok(rel) = image_abs.strip_prefix(anc) {
                return format!("{up}{}", rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    image_abs.to_string_lossy().into_owned()
}

impl App {
    pub(crate) fn floors_panel(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &self.doc else { return };
        let lang = self.lang;
        let current = self.floor_index();
        let n = doc.site.floors.len();
        for (i, f) in doc.site.floors.iter().enumerate() {
            let name = if f.name.is_empty() { &f.id } else { &f.name };
            if ui
                .selectable_label(i == current, format!("{name}  ({})", f.id))
                .clicked()
            {
                self.commands.push(Command::SelectFloor(i));
            }
        }
        ui.horizontal(|ui| {
            if ui
                .button(format!("＋ {}", labels::ADD_FLOOR.get(lang)))
                .clicked()
            {
                self.commands.push(UiCommand::AddFloor.into());
            }
            if ui
                .add_enabled(current > 0, egui::Button::new("⬆"))
                .on_hover_text(labels::MOVE_UP.get(lang))
                .clicked()
            {
                self.commands.push(Command::MoveFloor {
                    from: current,
                    to: current - 1,
                });
            }
            if ui
                .add_enabled(current + 1 < n, egui::Button::new("⬇"))
                .on_hover_text(labels::MOVE_DOWN.get(lang))
                .clicked()
            {
                self.commands.push(Command::MoveFloor {
                    from: current,
                    to: current + 1,
                });
            }
            if ui
                .add_enabled(n > 1, egui::Button::new(labels::DELETE.get(lang)))
                .on_hover_text(labels::DELETE_FLOOR.get(lang))
                .clicked()
            {
                self.commands.push(Command::DeleteFloor(current));
            }
        });
        let Some(floor) = doc.site.floors.get(current) else {
            return;
        };
        let before = FloorFields::of(floor);
        let mut fields = before.clone();
        egui::Grid::new("floor-fields")
            .num_columns(2)
            .show(ui, |ui| {
                let l = ui.label(labels::FLOOR_NAME.get(lang));
                ui.add(TextEdit::singleline(&mut fields.name).desired_width(150.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(labels::ID.get(lang));
                ui.add(TextEdit::singleline(&mut fields.id).desired_width(150.0))
                    .labelled_by(l.id);
                ui.end_row();
            });
        let id_taken = fields.id != before.id && doc.site.floors.iter().any(|f| f.id == fields.id);
        if fields.id.trim().is_empty() || id_taken {
            ui.colored_label(
                super::draw::colour(palette::VIOLATION, 1.0),
                if id_taken {
                    labels::ID_TAKEN.get(lang)
                } else {
                    labels::ID_EMPTY.get(lang)
                },
            );
            fields.id = before.id.clone();
        }
        // The underlay.
        ui.separator();
        ui.label(labels::UNDERLAY.get(lang));
        match &mut fields.underlay {
            None => {
                if ui.button(labels::IMPORT_UNDERLAY.get(lang)).clicked() {
                    self.commands.push(UiCommand::ImportUnderlay.into());
                }
            }
            Some(u) => {
                ui.monospace(&u.image);
                // Another plan can replace it.
                if ui.button(labels::IMPORT_UNDERLAY.get(lang)).clicked() {
                    self.commands.push(UiCommand::ImportUnderlay.into());
                }
                egui::Grid::new("underlay").num_columns(2).show(ui, |ui| {
                    let l = ui.label(labels::OPACITY.get(lang));
                    ui.add(
                        DragValue::new(&mut u.opacity)
                            .range(0.0..=1.0)
                            .speed(0.01)
                            .max_decimals(2),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    ui.label(labels::METRES_PER_PIXEL.get(lang));
                    ui.add(
                        DragValue::new(&mut u.metres_per_pixel)
                            .range(1e-6..=100.0)
                            .speed(0.0001)
                            .max_decimals(6)
                            .suffix(" m/px"),
                    );
                    ui.end_row();
                    ui.label(labels::ORIGIN.get(lang));
                    ui.horizontal(|ui| {
                        ui.add(
                            DragValue::new(&mut u.origin[0])
                                .speed(0.05)
                                .prefix("x ")
                                .suffix(" m"),
                        );
                        ui.add(
                            DragValue::new(&mut u.origin[1])
                                .speed(0.05)
                                .prefix("y ")
                                .suffix(" m"),
                        );
                    });
                    ui.end_row();
                });
                ui.horizontal(|ui| {
                    if ui
                        .selectable_label(
                            self.tool == Tool::Calibrate,
                            labels::TOOL_CALIBRATE.get(lang),
                        )
                        .on_hover_text(labels::HINT_CALIBRATE.get(lang))
                        .clicked()
                    {
                        self.commands.push(UiCommand::Tool(Tool::Calibrate).into());
                    }
                    if ui
                        .selectable_label(
                            self.tool == Tool::MoveUnderlay,
                            labels::TOOL_MOVE_UNDERLAY.get(lang),
                        )
                        .on_hover_text(labels::HINT_MOVE_UNDERLAY.get(lang))
                        .clicked()
                    {
                        self.commands
                            .push(UiCommand::Tool(Tool::MoveUnderlay).into());
                    }
                    if ui.button(labels::REMOVE.get(lang)).clicked() {
                        self.commands.push(UiCommand::RemoveUnderlay.into());
                    }
                });
            }
        }
        if fields != before {
            self.apply_merging(Edit::FloorFields {
                floor: current,
                fields: Box::new(fields),
            });
        }
    }

    /// Adds an empty floor after the current one and shows it.
    pub(crate) fn add_floor(&mut self) {
        let Some(doc) = &self.doc else { return };
        let mut used = tools::used_ids(&doc.site);
        let id = tools::fresh_id(&mut used, "F");
        let index = self.floor_index() + 1;
        let name = format!("{}F", doc.site.floors.len() + 1);
        self.apply(Edit::InsertFloor {
            index,
            floor: Box::new(Floor::new(&id, &name)),
        });
        self.floor = index;
        self.view = None;
        self.selection.clear();
    }

    pub(crate) fn delete_floor(&mut self, i: usize) {
        let Some(doc) = &self.doc else { return };
        if doc.site.floors.len() <= 1 || i >= doc.site.floors.len() {
            return;
        }
        self.selection.clear();
        self.apply(Edit::RemoveFloor { index: i });
        self.view = None;
    }

    /// Uses an image as the current floor's underlay (2 cm a pixel until calibrated).
    pub(crate) fn import_underlay(&mut self, image: &Path) {
        if let Err(e) = crate::render::raster::underlay_pixels(image) {
            self.error = Some(e.text(self.lang, None));
            return;
        }
        let Some(doc) = &self.doc else { return };
        let fi = self.floor_index();
        let stored = relative_path(image, doc.path.as_deref());
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let mut fields = FloorFields::of(floor);
        // A picture imported again (a newer scan) keeps where and how large it was placed.
        fields.underlay = Some(match floor.underlay.clone() {
            Some(old) => Underlay {
                image: stored,
                ..old
            },
            None => Underlay::new(&stored, 0.02),
        });
        self.apply(Edit::FloorFields {
            floor: fi,
            fields: Box::new(fields),
        });
        self.underlays.clear();
        self.view = None;
        self.status = Some(super::Status::new(labels::UNDERLAY_IMPORTED, ""));
    }

    pub(crate) fn remove_underlay(&mut self) {
        let Some(doc) = &self.doc else { return };
        let fi = self.floor_index();
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let mut fields = FloorFields::of(floor);
        fields.underlay = None;
        self.apply(Edit::FloorFields {
            floor: fi,
            fields: Box::new(fields),
        });
    }

    /// Calibrates the underlay from the two clicked points and the typed distance.
    pub(crate) fn finish_calibration(&mut self) {
        let Some(cal) = self.calibration.take() else {
            return;
        };
        self.tool = Tool::Select;
        let Some(doc) = &self.doc else { return };
        let fi = self.floor_index();
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let mut fields = FloorFields::of(floor);
        let Some(u) = &mut fields.underlay else {
            return;
        };
        let [a, b] = match cal.points[..] {
            [a, b] => [a, b],
            _ => return,
        };
        let distance: f64 = match cal.distance_m.trim().replace(',', ".").parse() {
            Ok(d) => d,
            Err(_) => {
                self.error = Some(format!(
                    "{}: {}",
                    labels::CALIBRATION_FAILED.get(self.lang),
                    cal.distance_m
                ));
                return;
            }
        };
        let px = |p| crate::geometry::underlay::pixel_from_plan(u.origin, u.metres_per_pixel, p);
        let (a_px, b_px) = (px(a), px(b));
        match crate::geometry::underlay::calibrate(u, a_px, b_px, distance) {
            Ok(()) => {
                // The first point picked stays where it was on the plan, so the view does not
                // jump away from the underlay.
                if let Some(u) = &mut fields.underlay {
                    let moved = crate::geometry::underlay::plan_from_pixel(
                        u.origin,
                        u.metres_per_pixel,
                        a_px,
                    );
                    u.origin = [u.origin[0] + a[0] - moved[0], u.origin[1] + a[1] - moved[1]];
                }
                self.apply(Edit::FloorFields {
                    floor: fi,
                    fields: Box::new(fields),
                });
                self.status = Some(super::Status::new(labels::CALIBRATED, ""));
            }
            Err(e) => {
                self.error = Some(format!(
                    "{}: {e}",
                    labels::CALIBRATION_FAILED.get(self.lang)
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn underlay_paths_are_stored_relative_to_the_site() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let plans = dir.path().join("plans");
        let sites = dir.path().join("sites");
        std::fs::create_dir_all(&plans).unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir_all(&sites).unwrap_or_else(|e| panic!("{e}"));
        let img = plans.join("f1.png");
        std::fs::write(&img, b"x").unwrap_or_else(|e| panic!("{e}"));
        let site = sites.join("a.site.json");
        assert_eq!(relative_path(&img, Some(&site)), "../plans/f1.png");
        let beside = sites.join("b.png");
        std::fs::write(&beside, b"x").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(relative_path(&beside, Some(&site)), "b.png");
    }
}
