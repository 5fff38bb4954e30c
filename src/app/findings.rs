//! The findings panel: every finding, numbered as in the exported picture of its floor,
//! grouped by floor; hovering highlights one on the plan, clicking shows it.

use eframe::egui::{self, Color32, Sense};

use super::labels;
use super::{App, Command};
use crate::i18n::Lang;
use crate::rules::{Finding, Severity};
use crate::scene::palette;

/// The number each finding carries: its place in the list drawn beside its floor's picture
/// (that floor's findings and the site-wide ones, in order). Site-wide findings are numbered as
/// in the picture of floor `current`.
///
/// ```
/// # use sightline::app::findings::numbering;
/// // No findings, no numbers.
/// assert!(numbering(&[], 0).is_empty());
/// ```
pub fn numbering(findings: &[&Finding], current: usize) -> Vec<Option<usize>> {
    let mut next: std::collections::HashMap<usize, usize> = Default::default();
    // Numbers run in list order within each floor's picture; site-wide findings appear in every
    // picture, so they take a number in each.
    let mut out = vec![None; findings.len()];
    let floors: std::collections::BTreeSet<usize> = findings
        .iter()
        .filter_map(|f| f.floor_index)
        .chain(std::iter::once(current))
        .collect();
    for fl in floors {
        for (i, f) in findings.iter().enumerate() {
            let listed = f.floor_index.is_none() || f.floor_index == Some(fl);
            if !listed {
                continue;
            }
            let n = next.entry(fl).or_insert(0);
            *n += 1;
            if f.floor_index == Some(fl) || (f.floor_index.is_none() && fl == current) {
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(*n);
                }
            }
        }
    }
    out
}

pub fn severity_colour(s: Severity) -> Color32 {
    super::draw::colour(palette::severity(s), 1.0)
}

pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Violation => "⛔",
        Severity::Warning => "⚠",
        Severity::Info => "ℹ",
    }
}

/// A row of the findings list.
enum Row<'a> {
    /// A group's title and how many findings it has.
    Title(&'a str, usize),
    /// The finding at this index of the list.
    Card(usize),
}

/// The heights of the findings list's rows, and what they were measured for (revision,
/// language, floor, width).
pub(crate) type RowHeights = ((u64, Lang, usize, i32), Vec<f32>);

/// One finding's card: its number on the plan, severity, rule, message and article, and the
/// suggestion to fix it.
fn card(
    ui: &mut egui::Ui,
    f: &Finding,
    number: Option<usize>,
    lang: Lang,
    suggestion: Option<&Option<crate::fix::Suggestion>>,
) -> (egui::Response, super::fixes::Asked) {
    let c = severity_colour(f.severity);
    let mut asked = super::fixes::Asked::default();
    let mut r = None;
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        // The finding itself is clicked to show it; the suggestion's buttons below are apart.
        let shown = ui.vertical(|ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                if let Some(n) = number {
                    ui.label(
                        egui::RichText::new(format!(" {n} "))
                            .strong()
                            .color(Color32::WHITE)
                            .background_color(super::draw::colour(palette::FINDING, 1.0)),
                    );
                }
                ui.colored_label(
                    c,
                    egui::RichText::new(format!(
                        "{} {}",
                        severity_icon(f.severity),
                        f.severity.label(lang)
                    ))
                    .strong(),
                );
                ui.label(egui::RichText::new(f.rule.as_str()).monospace());
            });
            ui.label(f.message.text(lang));
            if let Some(a) = f.article {
                ui.weak(if lang == Lang::Zh { a.zh } else { a.en });
            }
        });
        r = Some(shown.response.interact(Sense::click()));
        asked = super::fixes::suggestion_ui(ui, suggestion, lang);
    });
    let r = r.unwrap_or_else(|| ui.label(""));
    (r, asked)
}

impl App {
    pub(crate) fn findings_panel(&mut self, ui: &mut egui::Ui) {
        ui.heading(self.t(labels::FINDINGS));
        if let Some(e) = self.error.clone() {
            ui.colored_label(super::draw::colour(palette::VIOLATION, 1.0), e);
            if ui.button(self.t(labels::DISMISS)).clicked() {
                self.error = None;
            }
            ui.separator();
        }
        let showing_underlays = self
            .underlay_warnings
            .iter()
            .any(|(_, dismissed)| !dismissed);
        if !self.warnings.is_empty() || !self.notes.is_empty() || showing_underlays {
            let lang = self.lang;
            let underlays = self
                .underlay_warnings
                .iter()
                .filter(|(_, dismissed)| !dismissed)
                .map(|(w, _)| w.error.text(lang, Some(&w.floor)));
            let notes = self.notes.iter().map(|w| w.text(lang).to_owned());
            for w in underlays.chain(self.warnings.iter().cloned()).chain(notes) {
                ui.colored_label(super::draw::colour(palette::WARNING, 1.0), format!("⚠ {w}"));
            }
            if ui.button(self.t(labels::DISMISS)).clicked() {
                self.warnings.clear();
                self.notes.clear();
                for (_, dismissed) in &mut self.underlay_warnings {
                    *dismissed = true;
                }
            }
            ui.separator();
        }
        self.review_rooms(ui);
        self.fix_report_ui(ui);
        let Some(doc) = &self.doc else {
            ui.label(self.t(labels::NO_SITE));
            return;
        };
        let geometric_left = doc
            .checker
            .findings()
            .iter()
            .any(|f| f.severity == Severity::Violation && crate::fix::geometric(f.rule));
        let fix_all = super::commands::UiCommand::FixAll.info();
        if geometric_left
            && ui
                .button(format!("🔧 {}", fix_all.text.get(self.lang)))
                .on_hover_text(fix_all.tooltip.get(self.lang))
                .clicked()
        {
            self.commands
                .push(super::commands::UiCommand::FixAll.into());
        }
        let current = self.floor_index();
        let findings = doc.checker.findings();
        if findings.is_empty() {
            let cameras = doc.site.floors.iter().any(|f| !f.devices.is_empty());
            ui.label(self.t(if cameras {
                labels::NO_FINDINGS
            } else {
                labels::NOTHING_TO_CHECK
            }));
        }
        let numbers = numbering(&findings, current);
        let lang = self.lang;
        let floor_name = |i: usize| {
            doc.site.floors.get(i).map_or(String::new(), |f| {
                if f.name.is_empty() {
                    f.id.clone()
                } else {
                    f.name.clone()
                }
            })
        };
        // This floor and the site first, then the other floors in order.
        let mut groups: Vec<(String, Vec<usize>)> = vec![(
            format!("{} · {}", self.t(labels::THIS_FLOOR), floor_name(current)),
            (0..findings.len())
                .filter(|&i| {
                    findings
                        .get(i)
                        .is_some_and(|f| f.floor_index.is_none_or(|f| f == current))
                })
                .collect(),
        )];
        for fl in 0..doc.site.floors.len() {
            if fl == current {
                continue;
            }
            let list: Vec<usize> = (0..findings.len())
                .filter(|&i| findings.get(i).is_some_and(|f| f.floor_index == Some(fl)))
                .collect();
            if !list.is_empty() {
                groups.push((floor_name(fl), list));
            }
        }
        // One row per group title and per finding. Only the rows in view are laid out (a site
        // may have tens of thousands of findings); the others take the height they had when
        // last shown, or an estimate.
        let rows: Vec<Row<'_>> = groups
            .iter()
            .filter(|(_, list)| !list.is_empty())
            .flat_map(|(title, list)| {
                std::iter::once(Row::Title(title, list.len()))
                    .chain(list.iter().map(|&i| Row::Card(i)))
            })
            .collect();
        let key = (
            doc.revision,
            lang,
            current,
            ui.available_width().round() as i32,
        );
        let mut heights = std::mem::take(&mut self.finding_heights);
        if heights.0 != key || heights.1.len() != rows.len() {
            heights = (
                key,
                rows.iter()
                    .map(|r| match r {
                        Row::Title(..) => 26.0,
                        Row::Card(_) => 110.0,
                    })
                    .collect(),
            );
        }
        let mut clicked = None;
        let mut hovered = None;
        let mut apply = None;
        let mut apply_hovered = None;
        let mut suggestions = std::mem::take(&mut self.suggestions);
        // One suggestion is worked out per frame (a camera's search takes up to a few tens of
        // milliseconds); the rest follow on the next frames. None while a button is held (a
        // drag changes the site every frame; the frame after it ends picks them up).
        let mut budget = !ui.ctx().input(|i| i.pointer.any_down());
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let total: f32 = heights.1.iter().sum();
                let origin = ui.max_rect().min;
                let width = ui.available_width();
                ui.set_min_height(total);
                let mut y = 0.0;
                for (k, row) in rows.iter().enumerate() {
                    let Some(h) = heights.1.get_mut(k) else { break };
                    if y + *h < viewport.min.y || y > viewport.max.y {
                        y += *h;
                        continue;
                    }
                    let rect = egui::Rect::from_min_size(
                        origin + egui::vec2(0.0, y),
                        egui::vec2(width, f32::INFINITY),
                    );
                    let mut child = ui.new_child(
                        egui::UiBuilder::new()
                            .max_rect(rect)
                            .layout(egui::Layout::top_down(egui::Align::Min)),
                    );
                    match *row {
                        Row::Title(title, n) => {
                            child.add_space(4.0);
                            child.strong(format!("{title} ({n})"));
                        }
                        Row::Card(i) => {
                            let Some(&f) = findings.get(i) else { continue };
                            App::suggestion(&mut suggestions, doc, i, &mut budget);
                            let (r, asked) = card(
                                &mut child,
                                f,
                                numbers.get(i).copied().flatten(),
                                lang,
                                suggestions.1.get(i).and_then(Option::as_ref),
                            );
                            if r.hovered() {
                                hovered = Some(i);
                            }
                            if r.clicked() || asked.open {
                                clicked = Some(i);
                            }
                            if asked.apply {
                                apply = Some(i);
                            }
                            if asked.apply_hovered {
                                apply_hovered = Some(i);
                            }
                        }
                    }
                    *h = child.min_rect().height() + ui.spacing().item_spacing.y;
                    y += *h;
                }
            });
        self.finding_heights = heights;
        self.hovered_finding = hovered;
        // A suggestion was worked out this frame: there may be more to do on the next.
        let pending = !budget && !ui.ctx().input(|i| i.pointer.any_down());
        self.suggestions = suggestions;
        if pending {
            ui.ctx().request_repaint();
        }
        self.preview_fix(apply_hovered);
        if let Some(i) = clicked {
            self.commands.push(Command::ShowFinding(i));
        }
        if let Some(i) = apply {
            self.commands.push(Command::ApplyFix(i));
        }
    }
}
