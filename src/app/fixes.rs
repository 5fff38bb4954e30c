//! Fix suggestions in the editor: each finding card's suggestion (computed when the card is
//! first shown, one per frame), its Apply button (one undoable edit, previewed on hover), and
//! "Fix all that geometry can" with a report of what it did.

use eframe::egui;

use super::edit::{Edit, Item, ItemKind, ItemRef};
use super::labels;
use super::{draw, App};
use crate::fix::{self, Change, Suggestion};
use crate::i18n::Lang;
use crate::model::Site;
use crate::scene::palette;

/// The suggestions of the findings list, by finding index, for one document revision:
/// `None` not computed yet, `Some(None)` nothing to suggest.
pub(crate) type Suggestions = (u64, Vec<Option<Option<Suggestion>>>);

/// The editor's edit for a suggested change, as one undoable step.
pub fn edit_of(change: &Change, site: &Site) -> Edit {
    match change {
        Change::SetDevice {
            floor,
            index,
            device,
        } => Edit::Set {
            floor: *floor,
            index: *index,
            item: Box::new(Item::Device((**device).clone())),
        },
        Change::AddSigns { floor, signs } => {
            let first = site.floors.get(*floor).map_or(0, |f| f.signs.len());
            Edit::Batch(
                signs
                    .iter()
                    .enumerate()
                    .map(|(k, s)| Edit::Insert {
                        floor: *floor,
                        index: first + k,
                        item: Box::new(Item::Sign(s.clone())),
                    })
                    .collect(),
            )
        }
        Change::RemoveDevice { floor, index } => Edit::Remove {
            floor: *floor,
            at: ItemRef {
                kind: ItemKind::Device,
                index: *index,
            },
        },
    }
}

/// What a card's suggestion part was asked to do.
#[derive(Default)]
pub(crate) struct Asked {
    pub apply: bool,
    pub apply_hovered: bool,
    pub open: bool,
}

/// The suggestion under a finding's message: the words, and Apply (a change) or Open (a
/// field to set by hand).
pub(crate) fn suggestion_ui(
    ui: &mut egui::Ui,
    s: Option<&Option<Suggestion>>,
    lang: Lang,
) -> Asked {
    let mut asked = Asked::default();
    let colour = draw::colour(palette::PREVIEW, 1.0);
    match s {
        None => {
            ui.weak(labels::FIX_THINKING.get(lang));
        }
        Some(None) => {}
        Some(Some(s)) => {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(colour, format!("💡 {}", s.text(lang)));
            });
            ui.horizontal(|ui| {
                if s.change.is_some() {
                    let b = ui
                        .button(labels::FIX_APPLY.get(lang))
                        .on_hover_text(labels::FIX_APPLY_TIP.get(lang));
                    asked.apply = b.clicked();
                    asked.apply_hovered = b.hovered();
                } else if s.field.is_some() && ui.button(labels::FIX_OPEN.get(lang)).clicked() {
                    asked.open = true;
                }
            });
        }
    }
    asked
}

impl App {
    /// The suggestion for finding `i`, computing it when `budget` allows (then spent).
    pub(crate) fn suggestion(
        cache: &mut Suggestions,
        doc: &super::document::Document,
        i: usize,
        budget: &mut bool,
    ) {
        if cache.0 != doc.revision {
            *cache = (doc.revision, Vec::new());
        }
        let findings = doc.checker.findings();
        if cache.1.len() != findings.len() {
            cache.1.resize(findings.len(), None);
        }
        let Some(slot) = cache.1.get_mut(i) else {
            return;
        };
        if slot.is_some() || !*budget {
            return;
        }
        *budget = false;
        *slot = Some(
            findings
                .get(i)
                .and_then(|f| fix::suggest(&doc.site, &doc.checker.analysis, f)),
        );
    }

    /// Applies the suggestion of finding `i` as one undoable step.
    pub(crate) fn apply_fix(&mut self, i: usize) {
        let Some(doc) = &self.doc else { return };
        let Some(Some(Some(s))) = (self.suggestions.0 == doc.revision)
            .then(|| self.suggestions.1.get(i).cloned())
            .flatten()
        else {
            return;
        };
        let Some(change) = &s.change else { return };
        let edit = edit_of(change, &doc.site);
        self.fix_preview = None;
        self.selection.clear();
        self.apply(edit);
    }

    /// "Fix all that geometry can": every geometric suggestion, as one undoable step, and
    /// the list of what was done shown above the findings.
    pub(crate) fn fix_all(&mut self) {
        let Some(doc) = &self.doc else { return };
        let out = fix::fix_site(&doc.site, &[]);
        if out.applied.is_empty() {
            self.fix_report = Some(Vec::new());
            self.fix_coverage.clear();
            return;
        }
        // Coverage before and after, so that fixing compliance cannot open a gap unseen.
        let before = fix::coverage::of_site(&doc.site, &doc.checker.analysis);
        let after = fix::coverage::of_site(&out.site, &crate::analysis::Analysis::of(&out.site));
        self.fix_coverage = coverage_lines(&doc.site, &before, &after);
        // The changes were made one after another on the site as the previous left it; the
        // batch replays them in that order.
        let mut site = doc.site.clone();
        let mut edits = Vec::new();
        for a in &out.applied {
            edits.push(edit_of(&a.change, &site));
            a.change.apply(&mut site);
        }
        self.fix_preview = None;
        self.selection.clear();
        self.apply(Edit::Batch(edits));
        self.fix_report = Some(out.applied);
    }

    /// What "Fix all" did, above the findings, until dismissed.
    pub(crate) fn fix_report_ui(&mut self, ui: &mut egui::Ui) {
        let Some(report) = &self.fix_report else {
            return;
        };
        let lang = self.lang;
        let colour = draw::colour(palette::PREVIEW, 1.0);
        if report.is_empty() {
            ui.colored_label(colour, labels::FIX_NOTHING.get(lang));
        } else {
            ui.colored_label(
                colour,
                format!("{} {}", report.len(), labels::FIX_DONE.get(lang)),
            );
            for (k, a) in report.iter().enumerate() {
                let text = match lang {
                    Lang::Zh => &a.text_zh,
                    _ => &a.text_en,
                };
                ui.label(format!("{}. {text}", k + 1));
            }
            for (en, zh) in &self.fix_coverage {
                ui.weak(if lang == Lang::Zh { zh } else { en });
            }
        }
        if ui.button(labels::DISMISS.get(lang)).clicked() {
            self.fix_report = None;
            self.fix_coverage.clear();
        }
        ui.separator();
    }

    /// The preview of the suggestion whose Apply button is under the pointer.
    pub(crate) fn preview_fix(&mut self, i: Option<usize>) {
        let Some(i) = i else {
            self.fix_preview = None;
            return;
        };
        let Some(doc) = &self.doc else { return };
        if self
            .fix_preview
            .as_ref()
            .is_some_and(|(k, _, _)| *k == (doc.revision, i))
        {
            return;
        }
        let Some(Some(Some(s))) = self.suggestions.1.get(i) else {
            return;
        };
        let Some(Change::SetDevice { floor, device, .. }) = &s.change else {
            self.fix_preview = None;
            return;
        };
        let Some(fa) = doc.checker.analysis.floors.get(*floor) else {
            return;
        };
        let scene = crate::scene::Scene::fix_preview(&doc.site, fa, device);
        self.fix_preview = Some(((doc.revision, i), *floor, draw::PaintedScene::new(scene)));
    }
}

/// "Public places of F1 watched: 342.0 m² (97 %) → 342.0 m² (97 %)", per floor and zone.
fn coverage_lines(
    site: &Site,
    before: &fix::coverage::Coverage,
    after: &fix::coverage::Coverage,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (b, a) in before.floors.iter().zip(&after.floors) {
        let id = site.floors.get(b.floor).map_or("", |f| f.id.as_str());
        let (x, y) = (b.share() * 100.0, a.share() * 100.0);
        out.push((
            format!("Public places of {id} in some camera's view: {x:.0} % → {y:.0} %"),
            format!("{id} 层公共区域摄像机覆盖：{x:.0}% → {y:.0}%"),
        ));
    }
    for b in &before.zones {
        if let Some(a) = after
            .zones
            .iter()
            .find(|a| a.floor == b.floor && a.id == b.id)
        {
            let (x, y) = (b.share() * 100.0, a.share() * 100.0);
            out.push((
                format!(
                    "Zone {} captured by its face-recognition devices: {x:.0} % → {y:.0} %",
                    b.id
                ),
                format!("采集区域 {} 的人脸采集覆盖：{x:.0}% → {y:.0}%", b.id),
            ));
        }
    }
    out
}
