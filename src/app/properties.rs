//! The properties panel: every field of the selected objects with units and fitting widgets,
//! problems shown inline; several objects of one kind edit their common fields together. The
//! site's own fields have a panel of their own.
//!
//! A form edits a copy; when the copy differs, one `Edit` replaces the object. Edits to the
//! same field in a row (typing, dragging a number) make one undo step.

use eframe::egui::{self, Color32, DragValue, TextEdit};

use super::edit::{self, Edit, Item, ItemKind, SiteFields};
use super::labels;
use super::App;
use crate::i18n::Text;
use crate::i18n::{self, Lang};
use crate::model::{
    Device, ImpactAssessment, LegalBasis, Mode, Notice, OpeningKind, Point, Processor, Purpose,
    Sign, SpaceKind, Storage, Venue,
};
use crate::scene::palette;

pub(crate) const PURPOSES: [Purpose; 6] = [
    Purpose::PublicSafety,
    Purpose::AccessControl,
    Purpose::Attendance,
    Purpose::Payment,
    Purpose::Marketing,
    Purpose::Other,
];

/// What a form needs besides the object.
struct FormCtx<'a> {
    lang: Lang,
    /// Several objects are edited: their ids and geometry are not shown.
    multi: bool,
    /// Every zone of the site (for a device's zone): id, and the name shown ("name (id)").
    zones: &'a [(String, String)],
    /// The site's face density and heights (for a camera's side view).
    optics: crate::analysis::Optics,
}

/// The two-column grid of a form: labels wrap within the first column and fields take the rest,
/// so long labels never push a field out of the panel.
fn form_grid(id: &str) -> egui::Grid {
    egui::Grid::new(id)
        .num_columns(2)
        .min_col_width(120.0)
        .max_col_width(170.0)
}

/// A grid row: the label, then the widgets (given the label's id so that they are named by it
/// for screen readers).
fn row(ui: &mut egui::Ui, lang: Lang, l: Text, add: impl FnOnce(&mut egui::Ui, egui::Id)) {
    let label = ui.add(egui::Label::new(l.get(lang)).wrap());
    add(ui, label.id);
    ui.end_row();
}

fn metres(v: &mut f64, min: f64, max: f64) -> DragValue<'_> {
    DragValue::new(v)
        .range(min..=max)
        .speed(0.05)
        .suffix(" m")
        .max_decimals(3)
}

/// A checkbox (named by `label`) that says whether an optional field is given: ticking it
/// gives the field `default`, unticking it removes it.
pub(super) fn given<T: Copy>(ui: &mut egui::Ui, label: egui::Id, v: &mut Option<T>, default: T) {
    let mut set = v.is_some();
    ui.checkbox(&mut set, "").labelled_by(label);
    match (set, v.is_some()) {
        (true, false) => *v = Some(default),
        (false, true) => *v = None,
        _ => {}
    }
}

fn degrees(v: &mut f64, min: f64, max: f64) -> DragValue<'_> {
    DragValue::new(v)
        .range(min..=max)
        .speed(1.0)
        .suffix("°")
        .max_decimals(1)
}

fn point(ui: &mut egui::Ui, p: &mut Point) {
    ui.horizontal(|ui| {
        ui.add(
            DragValue::new(&mut p[0])
                .speed(0.05)
                .prefix("x ")
                .suffix(" m")
                .max_decimals(3),
        );
        ui.add(
            DragValue::new(&mut p[1])
                .speed(0.05)
                .prefix("y ")
                .suffix(" m")
                .max_decimals(3),
        );
    });
}

/// A list of points: each editable, removable, and one more can be added.
fn points(ui: &mut egui::Ui, lang: Lang, pts: &mut Vec<Point>, min: usize) {
    let mut remove = None;
    egui::CollapsingHeader::new(format!("{} ({})", labels::POINTS.get(lang), pts.len()))
        .id_salt("points")
        .show(ui, |ui| {
            for (i, p) in pts.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(format!("{}", i + 1));
                    point(ui, p);
                    if ui
                        .add_enabled(min < usize::MAX, egui::Button::new("✖").small())
                        .on_hover_text(labels::REMOVE_POINT.get(lang))
                        .clicked()
                    {
                        remove = Some(i);
                    }
                });
            }
            if ui.small_button(labels::ADD_POINT.get(lang)).clicked() {
                if let Some(last) = pts.last().copied() {
                    pts.push([last[0] + 1.0, last[1]]);
                }
            }
        });
    if let Some(i) = remove {
        if pts.len() > min {
            pts.remove(i);
        }
    }
}

/// A field with its label above it, for panels narrower than label and field side by side
/// (the Site panel, whose labels cite articles). The label names the field for screen readers.
fn stacked(ui: &mut egui::Ui, lang: Lang, l: Text, add: impl FnOnce(&mut egui::Ui, egui::Id)) {
    let label = ui.add(egui::Label::new(egui::RichText::new(l.get(lang)).small()).wrap());
    add(ui, label.id);
    ui.add_space(4.0);
}

fn stacked_text(ui: &mut egui::Ui, lang: Lang, l: Text, v: &mut String) {
    stacked(ui, lang, l, |ui, id| {
        ui.add(TextEdit::singleline(v).desired_width(f32::INFINITY))
            .labelled_by(id);
    });
}

/// A labelled text field in a grid (the label names the field for screen readers too).
fn text_row(ui: &mut egui::Ui, lang: Lang, l: Text, v: &mut String) {
    let label = ui.add(egui::Label::new(l.get(lang)).wrap());
    ui.add(TextEdit::singleline(v).desired_width(150.0))
        .labelled_by(label.id);
    ui.end_row();
}

/// A longer text on one line (Enter commits it rather than adding a line break).
fn multiline_row(ui: &mut egui::Ui, lang: Lang, l: Text, v: &mut String) {
    let label = ui.add(egui::Label::new(l.get(lang)).wrap());
    ui.add(TextEdit::singleline(v).desired_width(150.0))
        .labelled_by(label.id);
    ui.end_row();
}

fn optional_text(ui: &mut egui::Ui, lang: Lang, l: Text, v: &mut Option<String>) {
    let mut s = v.clone().unwrap_or_default();
    multiline_row(ui, lang, l, &mut s);
    *v = (!s.trim().is_empty()).then_some(s);
}

fn combo<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    label: egui::Id,
    id: &str,
    v: &mut T,
    options: &[(T, &str)],
) {
    let shown = options
        .iter()
        .find(|(o, _)| o == v)
        .map(|(_, l)| *l)
        .unwrap_or("");
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(150.0)
        // Tall enough for the 18 venues without scrolling.
        .height(480.0)
        .show_ui(ui, |ui| {
            for (o, l) in options {
                ui.selectable_value(v, *o, *l);
            }
        })
        .response
        .labelled_by(label);
}

fn device_form(ui: &mut egui::Ui, d: &mut Device, cx: &FormCtx<'_>) {
    let lang = cx.lang;
    form_grid("device").show(ui, |ui| {
        if !cx.multi {
            text_row(ui, lang, labels::ID, &mut d.id);
        }
        text_row(ui, lang, labels::NAME, &mut d.name);
        if !cx.multi {
            row(ui, lang, labels::POSITION, |ui, _| {
                point(ui, &mut d.position)
            });
        }
        row(ui, lang, labels::FACE_RECOGNITION, |ui, l| {
            ui.checkbox(&mut d.face_recognition, "").labelled_by(l);
        });
        row(ui, lang, labels::HEADING, |ui, _| {
            // The degrees and, beside them in the same cell, the compass point.
            ui.horizontal(|ui| {
                ui.add(
                    degrees(&mut d.heading, -360.0, 720.0)
                        .custom_formatter(|v, _| format!("{v:.1}")),
                );
                ui.label(crate::i18n::compass(d.heading, lang));
            });
        });
        row(ui, lang, labels::FOV, |ui, _| {
            ui.add(degrees(&mut d.fov, 0.1, 360.0));
        });
        row(ui, lang, labels::RANGE, |ui, _| {
            ui.add(metres(&mut d.range, 0.0, 1000.0));
        });
        row(ui, lang, labels::MOUNT_HEIGHT, |ui, _| {
            ui.add(metres(&mut d.mount_height, 0.0, 100.0));
        });
        row(ui, lang, labels::RESOLUTION, |ui, l| {
            ui.horizontal(|ui| {
                given(ui, l, &mut d.resolution, [1920, 1080]);
                if let Some(r) = &mut d.resolution {
                    ui.add(DragValue::new(&mut r[0]).range(1..=100_000).suffix(" px"));
                    ui.label("×");
                    ui.add(DragValue::new(&mut r[1]).range(1..=100_000).suffix(" px"));
                }
            });
        });
        super::camera_form::rows(ui, d, lang);
        if d.face_recognition {
            row(ui, lang, labels::MODE, |ui, l| {
                combo(
                    ui,
                    l,
                    "mode",
                    &mut d.mode,
                    &[
                        (Mode::Identification, labels::MODE_IDENTIFICATION.get(lang)),
                        (Mode::Verification, labels::MODE_VERIFICATION.get(lang)),
                    ],
                );
            });
            row(ui, lang, labels::PURPOSE, |ui, l| {
                let mut opts: Vec<(Option<Purpose>, &str)> =
                    vec![(None, labels::NOT_STATED.get(lang))];
                opts.extend(
                    PURPOSES
                        .iter()
                        .map(|p| (Some(*p), i18n::purpose_label(*p, lang))),
                );
                combo(ui, l, "purpose", &mut d.purpose, &opts);
            });
            optional_text(ui, lang, labels::NECESSITY, &mut d.necessity);
            row(ui, lang, labels::ZONE, |ui, l| {
                let mut opts: Vec<(Option<&str>, &str)> = vec![(None, labels::NONE.get(lang))];
                opts.extend(
                    cx.zones
                        .iter()
                        .map(|(id, shown)| (Some(id.as_str()), shown.as_str())),
                );
                let mut v = d.zone.as_deref();
                combo(ui, l, "zone", &mut v, &opts);
                d.zone = v.map(str::to_owned);
            });
            row(ui, lang, labels::STORAGE, |ui, l| {
                combo(
                    ui,
                    l,
                    "storage",
                    &mut d.storage,
                    &[
                        (Storage::OnDevice, labels::STORAGE_ON_DEVICE.get(lang)),
                        (Storage::Networked, labels::STORAGE_NETWORKED.get(lang)),
                    ],
                );
            });
            row(ui, lang, labels::CONSENT, |ui, l| {
                ui.checkbox(&mut d.consent_for_transfer, "").labelled_by(l);
            });
            row(ui, lang, labels::LEGAL_BASIS, |ui, l| {
                let default = if d.purpose == Some(Purpose::PublicSafety) {
                    labels::LEGAL_BASIS_DEFAULT_STATUTORY
                } else {
                    labels::LEGAL_BASIS_DEFAULT_CONSENT
                };
                combo(
                    ui,
                    l,
                    "legal-basis",
                    &mut d.legal_basis_given,
                    &[
                        (None, default.get(lang)),
                        (
                            Some(LegalBasis::Consent),
                            labels::LEGAL_BASIS_CONSENT.get(lang),
                        ),
                        (
                            Some(LegalBasis::Statutory),
                            labels::LEGAL_BASIS_STATUTORY.get(lang),
                        ),
                    ],
                );
            });
            row(ui, lang, labels::SEPARATE_CONSENT, |ui, l| {
                ui.checkbox(&mut d.separate_consent, "").labelled_by(l);
            });
            row(ui, lang, labels::REQUIRED_BY_LAW, |ui, l| {
                ui.checkbox(&mut d.required_by_law, "").labelled_by(l);
            });
            row(ui, lang, labels::ALTERNATIVE, |ui, l| {
                combo(
                    ui,
                    l,
                    "alternative",
                    &mut d.alternative_method,
                    &[
                        (None, labels::NOT_STATED.get(lang)),
                        (Some(true), labels::YES.get(lang)),
                        (Some(false), labels::NO.get(lang)),
                    ],
                );
            });
        }
    });
    if !cx.multi {
        super::camera_form::extras(ui, d, &cx.optics, lang);
    }
}

/// The seven Art. 5 items, in the order of the article.
fn notice_form(ui: &mut egui::Ui, n: &mut Notice, lang: Lang) {
    for field in Notice::ITEMS {
        let mut v = n.gives(field);
        if ui
            .checkbox(&mut v, i18n::notice_item_label(field, lang))
            .changed()
        {
            n.set(field, v);
        }
    }
}

fn sign_form(ui: &mut egui::Ui, s: &mut Sign, cx: &FormCtx<'_>) {
    let lang = cx.lang;
    form_grid("sign").show(ui, |ui| {
        if !cx.multi {
            text_row(ui, lang, labels::ID, &mut s.id);
            row(ui, lang, labels::POSITION, |ui, _| {
                point(ui, &mut s.position)
            });
        }
        row(ui, lang, labels::FACING, |ui, _| {
            ui.horizontal(|ui| {
                ui.add(degrees(&mut s.facing, -360.0, 720.0));
                ui.label(crate::i18n::compass(s.facing, lang));
            });
        });
        row(ui, lang, labels::SIGN_WIDTH, |ui, _| {
            ui.add(metres(&mut s.width, 0.01, 100.0));
        });
        row(ui, lang, labels::SIGN_HEIGHT, |ui, _| {
            ui.add(metres(&mut s.height, 0.01, 100.0));
        });
        row(ui, lang, labels::MOUNT_HEIGHT, |ui, _| {
            ui.add(metres(&mut s.mount_height, 0.0, 100.0));
        });
        row(ui, lang, labels::READABLE_DISTANCE, |ui, _| {
            ui.add(metres(&mut s.readable_distance, 0.0, 1000.0));
        });
        multiline_row(ui, lang, labels::SIGN_TEXT, &mut s.text);
    });
    ui.label(labels::NOTICE_ITEMS.get(lang));
    notice_form(ui, &mut s.notice, lang);
}

fn item_form(ui: &mut egui::Ui, item: &mut Item, cx: &FormCtx<'_>) {
    let lang = cx.lang;
    match item {
        Item::Device(d) => device_form(ui, d, cx),
        Item::Sign(s) => sign_form(ui, s, cx),
        Item::Space(s) => {
            form_grid("space").show(ui, |ui| {
                if !cx.multi {
                    text_row(ui, lang, labels::ID, &mut s.id);
                }
                text_row(ui, lang, labels::NAME, &mut s.name);
                row(ui, lang, labels::KIND, |ui, l| {
                    let opts: Vec<(SpaceKind, &str)> = SpaceKind::ALL
                        .iter()
                        .map(|k| (*k, i18n::kind_label(*k, lang)))
                        .collect();
                    let before = s.kind;
                    combo(ui, l, "kind", &mut s.kind, &opts);
                    // Choosing a kind is a person confirming it (PLAN-REVIEW).
                    if s.kind != before {
                        s.review = false;
                    }
                });
                if s.review {
                    row(ui, lang, labels::REVIEW_KIND, |ui, _| {
                        if ui.button(labels::CONFIRM_KIND.get(lang)).clicked() {
                            s.review = false;
                        }
                    });
                }
                if !cx.multi {
                    row(ui, lang, labels::AREA, |ui, _| {
                        ui.label(format!(
                            "{:.2} m²",
                            crate::geometry::polygon::signed_area(&s.polygon).abs()
                        ));
                    });
                }
            });
            if !cx.multi {
                points(ui, lang, &mut s.polygon, 3);
            }
        }
        Item::Zone(z) => {
            form_grid("zone").show(ui, |ui| {
                if !cx.multi {
                    text_row(ui, lang, labels::ID, &mut z.id);
                }
                text_row(ui, lang, labels::NAME, &mut z.name);
                if !cx.multi {
                    row(ui, lang, labels::AREA, |ui, _| {
                        ui.label(format!(
                            "{:.2} m²",
                            crate::geometry::polygon::signed_area(&z.polygon).abs()
                        ));
                    });
                }
            });
            if !cx.multi {
                points(ui, lang, &mut z.polygon, 3);
            }
        }
        Item::Wall(w) => {
            form_grid("wall").show(ui, |ui| {
                if !cx.multi {
                    text_row(ui, lang, labels::ID, &mut w.id);
                }
                row(ui, lang, labels::THICKNESS, |ui, _| {
                    ui.add(metres(&mut w.thickness, 0.0, 10.0));
                });
                if !cx.multi {
                    let len: f64 = w
                        .points
                        .windows(2)
                        .map(|p| match p {
                            [a, b] => (b[0] - a[0]).hypot(b[1] - a[1]),
                            _ => 0.0,
                        })
                        .sum();
                    row(ui, lang, labels::LENGTH, |ui, _| {
                        ui.label(format!("{len:.2} m"));
                    });
                }
            });
            if !cx.multi {
                points(ui, lang, &mut w.points, 2);
            }
        }
        Item::Opening(o) => {
            form_grid("opening").show(ui, |ui| {
                if !cx.multi {
                    text_row(ui, lang, labels::ID, &mut o.id);
                }
                row(ui, lang, labels::KIND, |ui, l| {
                    combo(
                        ui,
                        l,
                        "opening-kind",
                        &mut o.kind,
                        &[
                            (OpeningKind::Door, labels::TOOL_DOOR.get(lang)),
                            (OpeningKind::Opening, labels::TOOL_OPENING.get(lang)),
                            (OpeningKind::Window, labels::TOOL_WINDOW.get(lang)),
                        ],
                    );
                });
                if o.kind == OpeningKind::Window {
                    row(ui, lang, labels::FROSTED, |ui, l| {
                        ui.checkbox(&mut o.obscured, "").labelled_by(l);
                    });
                }
                if !cx.multi {
                    row(ui, lang, labels::END_A, |ui, _| point(ui, &mut o.a));
                    row(ui, lang, labels::END_B, |ui, _| point(ui, &mut o.b));
                    row(ui, lang, labels::LENGTH, |ui, _| {
                        ui.label(format!("{:.2} m", (o.b[0] - o.a[0]).hypot(o.b[1] - o.a[1])));
                    });
                }
            });
        }
    }
}

/// The top-level fields whose values differ between two objects.
fn changed_fields(before: &Item, after: &Item) -> Vec<(String, serde_json::Value)> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return Vec::new();
    };
    let (Some(serde_json::Value::Object(a)), Some(serde_json::Value::Object(b))) =
        (a.get("value"), b.get("value"))
    else {
        return Vec::new();
    };
    b.iter()
        .filter(|(k, v)| a.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .chain(
            a.keys()
                .filter(|k| !b.contains_key(*k))
                .map(|k| (k.clone(), serde_json::Value::Null)),
        )
        .collect()
}

/// The object with some top-level fields set (a null removes an optional field).
fn with_fields(item: &Item, fields: &[(String, serde_json::Value)]) -> Option<Item> {
    let mut v = serde_json::to_value(item).ok()?;
    let obj = v.get_mut("value")?.as_object_mut()?;
    for (k, val) in fields {
        if val.is_null() {
            obj.remove(k);
        } else {
            obj.insert(k.clone(), val.clone());
        }
    }
    serde_json::from_value(v).ok()
}

fn kind_label(kind: ItemKind) -> Text {
    super::objects::kind_text(kind)
}

impl App {
    pub(crate) fn properties_panel(&mut self, ui: &mut egui::Ui) {
        if ui.input(|i| i.pointer.any_released()) {
            if let Some(doc) = &mut self.doc {
                doc.history.seal();
            }
        }
        let Some(doc) = &self.doc else { return };
        let fi = self.floor_index();
        let Some(floor) = doc.site.floors.get(fi) else {
            return;
        };
        let lang = self.lang;
        let selected: Vec<(edit::ItemRef, Item)> = self
            .selection
            .iter()
            .filter_map(|r| edit::get(floor, *r).map(|i| (*r, i)))
            .collect();
        let Some((first_ref, first)) = selected.first().cloned() else {
            ui.weak(self.t(labels::NOTHING_SELECTED));
            return;
        };
        let same_kind = selected.iter().all(|(r, _)| r.kind == first_ref.kind);
        if !same_kind {
            ui.label(format!(
                "{} {}",
                selected.len(),
                self.t(labels::OBJECTS_SELECTED)
            ));
            if ui.button(self.t(labels::DELETE)).clicked() {
                self.commands.push(super::UiCommand::Delete.into());
            }
            return;
        }
        let multi = selected.len() > 1;
        ui.strong(if multi {
            format!(
                "{} × {}",
                selected.len(),
                kind_label(first_ref.kind).get(lang)
            )
        } else {
            format!("{} {}", kind_label(first_ref.kind).get(lang), first.id())
        });
        let zones: Vec<(String, String)> = doc
            .site
            .floors
            .iter()
            .flat_map(|f| &f.zones)
            .map(|z| {
                let shown = if z.name.is_empty() {
                    z.id.clone()
                } else {
                    format!("{} ({})", z.name, z.id)
                };
                (z.id.clone(), shown)
            })
            .collect();
        let cx = FormCtx {
            lang,
            multi,
            zones: &zones,
            optics: crate::analysis::Optics::of(&doc.site),
        };
        let mut copy = first.clone();
        ui.push_id(("props", fi, first_ref), |ui| item_form(ui, &mut copy, &cx));
        if !multi {
            // The floor's public area (a union of its spaces) once per revision, not per frame.
            let key = (doc.revision, fi);
            let public_m2 = match self.public_area {
                Some((k, a)) if k == key => a,
                _ => {
                    let a = crate::fix::coverage::public_m2(&doc.checker.analysis, fi);
                    self.public_area = Some((key, a));
                    a
                }
            };
            coverage_rows(ui, doc, fi, first_ref, public_m2, lang);
        }

        // Problems with this object, inline.
        if !multi {
            let mut problems: Vec<(Color32, String)> = Vec::new();
            if copy.id().trim().is_empty() {
                problems.push((
                    super::draw::colour(palette::VIOLATION, 1.0),
                    self.t(labels::ID_EMPTY).to_owned(),
                ));
            } else if copy.id() != first.id()
                && super::tools::used_ids(&doc.site).contains(copy.id())
            {
                problems.push((
                    super::draw::colour(palette::VIOLATION, 1.0),
                    self.t(labels::ID_TAKEN).to_owned(),
                ));
            }
            for f in doc.checker.findings() {
                if f.subjects.iter().any(|s| s == first.id()) {
                    problems.push((
                        super::findings::severity_colour(f.severity),
                        format!(
                            "{} {}: {}",
                            super::findings::severity_icon(f.severity),
                            f.rule.as_str(),
                            f.message.text(lang)
                        ),
                    ));
                }
            }
            if !problems.is_empty() {
                ui.separator();
                for (c, text) in problems {
                    ui.colored_label(c, text);
                }
            }
        }
        if ui.button(self.t(labels::DELETE)).clicked() {
            self.commands.push(super::UiCommand::Delete.into());
        }

        if copy == first {
            return;
        }
        // An empty or taken id is shown but not applied.
        if copy.id().trim().is_empty()
            || (copy.id() != first.id() && super::tools::used_ids(&doc.site).contains(copy.id()))
        {
            return;
        }
        let changed = changed_fields(&first, &copy);
        let edits: Vec<Edit> = if multi {
            selected
                .iter()
                .filter_map(|(r, item)| {
                    with_fields(item, &changed).map(|it| Edit::Set {
                        floor: fi,
                        index: r.index,
                        item: Box::new(it),
                    })
                })
                .collect()
        } else {
            vec![Edit::Set {
                floor: fi,
                index: first_ref.index,
                item: Box::new(copy),
            }]
        };
        self.apply_merging(Edit::Batch(edits));
    }

    pub(crate) fn site_panel(&mut self, ui: &mut egui::Ui) {
        let Some(doc) = &self.doc else { return };
        let lang = self.lang;
        let before = SiteFields::of(&doc.site);
        let mut s = before.clone();
        ui.vertical(|ui| {
            stacked_text(ui, lang, labels::SITE_NAME, &mut s.name);
            stacked(ui, lang, labels::VENUE, |ui, l| {
                let mut opts: Vec<(Option<Venue>, &str)> =
                    vec![(None, labels::VENUE_NOT_SET.get(lang))];
                opts.extend(
                    Venue::ALL
                        .iter()
                        .map(|v| (Some(*v), i18n::venue_label(*v, lang))),
                );
                combo(ui, l, "venue", &mut s.venue, &opts);
            });
            // What the venue means under Decree 799 (Art. 7 or Art. 9).
            if let (Some(_), Some(article)) = (
                s.venue,
                crate::model::DecreeArticle::of(s.venue, s.designated_key_place),
            ) {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(i18n::decree_article_label(article, lang)).small(),
                    )
                    .wrap(),
                );
                ui.add_space(4.0);
            }
            ui.checkbox(&mut s.designated_key_place, labels::KEY_PLACE.get(lang));
            ui.add_space(4.0);
            stacked(ui, lang, labels::ASSESSMENT_DATE, |ui, l| {
                let mut a = s.impact_assessment.clone().unwrap_or_default();
                // What is typed lives in a buffer while the field has focus; otherwise the field
                // shows the stored date (so undo and other edits show through).
                let buffer = egui::Id::unique("assessment-date-buffer");
                let stored = a.date.clone().unwrap_or_default();
                let mut date: String = ui
                    .data(|m| m.get_temp::<String>(buffer))
                    .unwrap_or_else(|| stored.clone());
                ui.vertical(|ui| {
                    let edit = ui
                        .add(
                            TextEdit::singleline(&mut date)
                                .hint_text(labels::ASSESSMENT_DATE_HINT.get(lang))
                                .desired_width(110.0),
                        )
                        .labelled_by(l);
                    if !edit.has_focus() && !edit.changed() {
                        date = stored.clone();
                    }
                    ui.data_mut(|m| m.insert_temp(buffer, date.clone()));
                    let valid =
                        date.trim().is_empty() || crate::model::is_calendar_date(date.trim());
                    if !valid {
                        ui.colored_label(
                            super::draw::colour(palette::VIOLATION, 1.0),
                            labels::ASSESSMENT_DATE_INVALID.get(lang),
                        );
                    }
                });
                // Only a real date is stored: a half-typed one never reaches the file, whose
                // loader would refuse it.
                let typed = date.trim().to_owned();
                if typed.is_empty() {
                    a.date = None;
                } else if crate::model::is_calendar_date(&typed) {
                    a.date = Some(typed);
                }
                s.impact_assessment = (a != ImpactAssessment::default()).then_some(a);
            });
            stacked(ui, lang, labels::ASSESSMENT_REFERENCE, |ui, l| {
                let mut a = s.impact_assessment.clone().unwrap_or_default();
                let mut r = a.reference.clone().unwrap_or_default();
                ui.add(TextEdit::singleline(&mut r).desired_width(150.0))
                    .labelled_by(l);
                a.reference = (!r.trim().is_empty()).then_some(r);
                s.impact_assessment = (a != ImpactAssessment::default()).then_some(a);
            });
            ui.checkbox(&mut s.minors_rules, labels::MINORS_RULES.get(lang));
            ui.add_space(4.0);
            stacked(ui, lang, labels::PROCESSOR, |ui, _| {
                let mut named = s.processor.is_some();
                ui.checkbox(&mut named, labels::PROCESSOR_NAMED.get(lang));
                match (named, &s.processor) {
                    (true, None) => s.processor = Some(Processor::default()),
                    (false, Some(_)) => s.processor = None,
                    _ => {}
                }
            });
            if let Some(p) = &mut s.processor {
                stacked_text(ui, lang, labels::PROCESSOR_NAME, &mut p.name);
                stacked_text(ui, lang, labels::PROCESSOR_CONTACT, &mut p.contact);
            }
            stacked(ui, lang, labels::FACES_STORED, |ui, l| {
                ui.horizontal(|ui| {
                    let mut known = s.faces_stored.is_some();
                    ui.checkbox(&mut known, "").labelled_by(l);
                    match (known, s.faces_stored) {
                        (true, None) => s.faces_stored = Some(0),
                        (false, Some(_)) => s.faces_stored = None,
                        _ => {}
                    }
                    if let Some(n) = &mut s.faces_stored {
                        ui.add(DragValue::new(n).range(0..=u64::MAX).speed(100.0))
                            .labelled_by(l);
                    }
                });
            });
            ui.checkbox(
                &mut s.filed_with_authority,
                labels::FILED_AUTHORITY.get(lang),
            );
            ui.add_space(4.0);
            ui.checkbox(&mut s.filed_with_police, labels::FILED_POLICE.get(lang));
            ui.add_space(4.0);
            stacked(ui, lang, labels::RETENTION_DAYS, |ui, l| {
                ui.horizontal(|ui| {
                    let mut known = s.retention_days.is_some();
                    ui.checkbox(&mut known, "").labelled_by(l);
                    match (known, s.retention_days) {
                        (true, None) => s.retention_days = Some(30),
                        (false, Some(_)) => s.retention_days = None,
                        _ => {}
                    }
                    if let Some(n) = &mut s.retention_days {
                        ui.add(
                            DragValue::new(n)
                                .range(0..=100_000)
                                .suffix(labels::DAYS.get(lang)),
                        )
                        .labelled_by(l);
                    }
                });
            });
            stacked(ui, lang, labels::FACE_DENSITY, |ui, l| {
                ui.add(
                    DragValue::new(&mut s.face_density)
                        .range(1.0..=100_000.0)
                        .speed(5.0)
                        .suffix(" px/m"),
                )
                .labelled_by(l);
            });
            for (label, field, default) in [
                (
                    labels::FACE_HEIGHT,
                    &mut s.face_height,
                    crate::model::DEFAULT_FACE_HEIGHT_M,
                ),
                (
                    labels::PERSON_HEIGHT,
                    &mut s.person_height,
                    crate::model::DEFAULT_PERSON_HEIGHT_M,
                ),
            ] {
                stacked(ui, lang, label, |ui, l| {
                    let mut v = field.unwrap_or(default);
                    let r = ui
                        .add(
                            DragValue::new(&mut v)
                                .range(0.1..=5.0)
                                .speed(0.01)
                                .suffix(" m")
                                .max_decimals(2),
                        )
                        .labelled_by(l);
                    if r.changed() {
                        *field = Some(v);
                    }
                });
            }
        });
        if s != before {
            self.apply_merging(Edit::Site(Box::new(s)));
        }
    }
}

/// How much a zone's devices capture of it, or a camera watches.
fn coverage_rows(
    ui: &mut egui::Ui,
    doc: &super::document::Document,
    fi: usize,
    r: super::edit::ItemRef,
    public_m2: f64,
    lang: Lang,
) {
    use crate::fix::coverage;
    let (site, analysis) = (&doc.site, &doc.checker.analysis);
    let line = match r.kind {
        ItemKind::Zone => coverage::zone(site, analysis, fi, r.index).map(|z| {
            format!(
                "{}: {:.1} / {:.1} m² ({:.0} %)",
                labels::ZONE_COVERAGE.get(lang),
                z.captured_m2,
                z.area_m2,
                z.share() * 100.0
            )
        }),
        ItemKind::Device => coverage::camera(site, analysis, fi, r.index, public_m2).map(|c| {
            let of = if c.face_recognition {
                labels::OF_ITS_ZONE
            } else {
                labels::OF_PUBLIC
            };
            let share = c.share() * 100.0;
            format!(
                "{}: {:.1} m² ({:.0} % {})",
                labels::WATCHES.get(lang),
                c.watched_m2,
                share,
                of.get(lang)
            )
        }),
        _ => None,
    };
    if let Some(text) = line {
        ui.label(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_fields_carry_over_to_other_objects() {
        let a = Item::Device(Device::new("a", [0.0, 0.0], 0.0, true));
        let mut b = a.clone();
        if let Item::Device(d) = &mut b {
            d.fov = 60.0;
            d.purpose = Some(Purpose::Attendance);
        }
        let changed = changed_fields(&a, &b);
        let other = Item::Device(Device::new("other", [5.0, 5.0], 90.0, true));
        let Some(Item::Device(d)) = with_fields(&other, &changed) else {
            panic!("a device")
        };
        assert_eq!(
            (d.id.as_str(), d.position, d.heading),
            ("other", [5.0, 5.0], 90.0)
        );
        assert_eq!((d.fov, d.purpose), (60.0, Some(Purpose::Attendance)));
        // Clearing an optional field clears it on the others too.
        let changed = changed_fields(&b, &a);
        let Some(Item::Device(d)) = with_fields(&Item::Device(d), &changed) else {
            panic!("a device")
        };
        assert_eq!(d.purpose, None);
    }
}
