//! What acts on the selection: copy, paste, duplicate, delete, nudge, and showing a finding's
//! subjects.

use eframe::egui;

use super::edit::{Edit, Item};
use super::tools;
use super::{App, Gesture};

impl App {
    /// The selected objects of the current floor, cloned.
    pub(crate) fn selected_items(&self) -> Vec<Item> {
        let Some(floor) = self.current_floor() else {
            return Vec::new();
        };
        self.selection
            .iter()
            .filter_map(|r| super::edit::get(floor, *r))
            .collect()
    }

    /// Adds copies of objects to the current floor, moved by `by` metres, with fresh ids;
    /// selects them.
    pub(crate) fn paste(&mut self, items: Vec<Item>, by: [f64; 2]) {
        let Some(doc) = &self.doc else { return };
        if items.is_empty() {
            return;
        }
        let fi = self.floor_index();
        let mut used = tools::used_ids(&doc.site);
        let items: Vec<Item> = items
            .into_iter()
            .map(|mut item| {
                let base = item
                    .id()
                    .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-');
                let prefix = if base.is_empty() {
                    tools::id_prefix(item.kind())
                } else {
                    base
                };
                item.set_id(tools::fresh_id(&mut used, prefix));
                item.translate(by);
                item
            })
            .collect();
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let (edits, selection) = super::edit::append(floor, fi, items);
        self.apply(Edit::Batch(edits));
        self.selection = selection;
    }

    pub(crate) fn delete_selection(&mut self) {
        let fi = self.floor_index();
        // Highest index first within each kind, so that the others stay valid.
        let edits: Vec<Edit> = self
            .selection
            .iter()
            .rev()
            .map(|at| Edit::Remove { floor: fi, at: *at })
            .collect();
        self.selection.clear();
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits));
        }
    }

    pub(crate) fn nudge(&mut self, by: [f64; 2]) {
        let fi = self.floor_index();
        let edits: Vec<Edit> = self
            .selected_items()
            .into_iter()
            .zip(self.selection.iter())
            .map(|(mut item, at)| {
                item.translate(by);
                Edit::Set {
                    floor: fi,
                    index: at.index,
                    item: Box::new(item),
                }
            })
            .collect();
        if !edits.is_empty() {
            // Nudges in a row are one step.
            self.apply_merging(Edit::Batch(edits));
        }
    }

    pub(crate) fn show_finding(&mut self, i: usize) {
        let Some(doc) = &self.doc else { return };
        let Some(f) = doc.checker.findings().get(i).copied().cloned() else {
            return;
        };
        if let Some(fi) = f.floor_index {
            if fi != self.floor {
                self.floor = fi;
                self.gesture = Gesture::None;
            }
        }
        let Some(floor) = doc.site.floors.get(self.floor_index()) else {
            return;
        };
        // The primary subject (the device, sign or zone), so its properties show; the space
        // it concerns is named in the finding.
        let primary = f.subjects.first();
        self.selection = super::edit::refs(floor)
            .filter(|r| {
                super::edit::id(floor, *r).is_some_and(|id| Some(id) == primary.map(String::as_str))
            })
            .take(1)
            .collect();
        if let Some(at) = f.at {
            let scale = self.view.map_or(40.0, |(_, s)| s.max(40.0));
            self.view = Some((at, scale));
        }
    }

    /// Copies the selected objects, to this window and as JSON text to the system clipboard.
    pub(crate) fn copy_selection(&mut self, ctx: &egui::Context) {
        self.clipboard = self.selected_items();
        if !self.clipboard.is_empty() {
            if let Ok(text) = serde_json::to_string(&ClipboardItems {
                sightline_items: self.clipboard.clone(),
            }) {
                ctx.copy_text(text);
            }
        }
    }
}

/// Objects copied by a Sightline window, from the clipboard's text, checked as the objects of
/// a file being opened are: `None` for text that is not ours, the place and reason for objects
/// a file would be refused for (a coordinate of 1e300, a negative range…).
pub fn items_from_clipboard(text: &str) -> Option<Result<Vec<Item>, String>> {
    let items = serde_json::from_str::<ClipboardItems>(text)
        .ok()?
        .sightline_items;
    let mut site = crate::model::Site::new("");
    let fi = 0;
    let floor = site.floors.get(fi)?;
    let (edits, _) = super::edit::append(floor, fi, items.iter().cloned());
    Edit::Batch(edits).apply(&mut site);
    Some(match crate::model::validate(&site) {
        Ok(()) => Ok(items),
        Err((place, why)) => Err(format!("{place}: {why}")),
    })
}

/// The clipboard text of copied objects.
#[derive(serde::Serialize, serde::Deserialize)]
struct ClipboardItems {
    sightline_items: Vec<Item>,
}
