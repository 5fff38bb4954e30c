//! The camera part of a device's Properties (site-format.md rev 3): the catalogue model
//! picker, the tilt slider, the vertical angle and focal length, the lens calculator and the
//! side view. Like the rest of the form it edits a copy of the device: whatever one frame
//! changes (a model with its four fields, a step of the slider) is one `Edit`, and the
//! checker re-checks it at once.

use eframe::egui::{self, DragValue, Shape, Stroke, TextEdit};

use super::draw::colour;
use super::labels;
use super::properties::given;
use crate::analysis::Optics;
use crate::i18n::Lang;
use crate::model::catalogue::{self, CameraModel, LensOption};
use crate::model::Device;
use crate::scene::side_view::{SideItem, SideView};

/// The rows of the camera's grid: model, tilt, vertical angle, focal length.
pub(super) fn rows(ui: &mut egui::Ui, d: &mut Device, lang: Lang) {
    let label =
        |ui: &mut egui::Ui, t: crate::i18n::Text| ui.add(egui::Label::new(t.get(lang)).wrap()).id;

    let l = label(ui, labels::CAMERA_MODEL);
    model_picker(ui, l, d, lang);
    ui.end_row();

    let l = label(ui, labels::TILT);
    ui.horizontal(|ui| {
        given(ui, l, &mut d.tilt, 30.0);
        match &mut d.tilt {
            Some(t) => {
                ui.add(
                    egui::Slider::new(t, -30.0..=90.0)
                        .suffix("°")
                        .step_by(0.5)
                        .max_decimals(1),
                )
                .labelled_by(l);
            }
            None => {
                ui.weak(labels::TILT_OFF.get(lang));
            }
        }
    });
    ui.end_row();

    let l = label(ui, labels::VFOV);
    ui.horizontal(|ui| {
        let derived = d.vfov();
        given(ui, l, &mut d.vfov_given, (derived * 10.0).round() / 10.0);
        match &mut d.vfov_given {
            Some(v) => {
                ui.add(
                    DragValue::new(v)
                        .range(0.1..=180.0)
                        .suffix("°")
                        .max_decimals(1),
                );
            }
            None => {
                ui.weak(format!("{derived:.1}° ({})", labels::DERIVED.get(lang)));
            }
        }
    });
    ui.end_row();

    let l = label(ui, labels::LENS);
    ui.horizontal(|ui| {
        given(ui, l, &mut d.lens_mm, 4.0);
        if let Some(f) = &mut d.lens_mm {
            ui.add(
                DragValue::new(f)
                    .range(0.5..=1000.0)
                    .speed(0.1)
                    .suffix(" mm")
                    .max_decimals(2),
            );
        }
    });
    ui.end_row();
}

/// What the picker shows for a model and lens.
fn option_text(m: &CameraModel, lens: &LensOption, lang: Lang) -> String {
    let brand = match lang {
        Lang::Zh => &m.brand_zh,
        Lang::En => &m.brand,
    };
    let kind = match lang {
        Lang::Zh => &m.type_zh,
        Lang::En => &m.kind,
    };
    format!(
        "{brand} {} · {kind} · {} mm {}°×{}°",
        m.model, lens.focal_mm, lens.hfov, lens.vfov
    )
}

/// The searchable list of catalogue models and their lens options; choosing one fills the
/// device's model, resolution, angles and focal length.
fn model_picker(ui: &mut egui::Ui, label: egui::Id, d: &mut Device, lang: Lang) {
    let current = d.model.as_deref().and_then(catalogue::find);
    let shown = match (current, &d.model) {
        (Some(m), _) => match m.lenses.iter().find(|l| Some(l.focal_mm) == d.lens_mm) {
            Some(lens) => option_text(m, lens, lang),
            None => m.title(),
        },
        (None, Some(id)) => id.clone(),
        (None, None) => labels::CHOOSE_MODEL.get(lang).to_owned(),
    };
    let search_id = ui.make_persistent_id("camera-model-search");
    egui::ComboBox::from_id_salt("camera-model")
        .selected_text(shown)
        .width(150.0)
        .height(360.0)
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            ui.set_min_width(380.0);
            let mut query: String = ui.data_mut(|m| m.get_temp(search_id).unwrap_or_default());
            ui.add(
                TextEdit::singleline(&mut query)
                    .hint_text(labels::SEARCH_MODELS.get(lang))
                    .desired_width(f32::INFINITY),
            );
            ui.data_mut(|m| m.insert_temp(search_id, query.clone()));
            ui.separator();
            if ui
                .selectable_label(d.model.is_none(), labels::NO_MODEL.get(lang))
                .clicked()
            {
                d.model = None;
                ui.close();
            }
            for m in catalogue::search(&query) {
                for lens in &m.lenses {
                    let on = d.model.as_deref() == Some(m.id.as_str())
                        && d.lens_mm == Some(lens.focal_mm);
                    let mut hover = format!(
                        "{} · {}×{} · {} · IR {}",
                        m.sensor,
                        m.resolution[0],
                        m.resolution[1],
                        m.source.file,
                        m.ir_range_m
                            .map_or_else(|| "—".to_owned(), |r| format!("{r} m"))
                    );
                    if lens.vfov_derived {
                        hover.push_str(&format!(
                            "\n{}: {}",
                            labels::VFOV.get(lang),
                            labels::DERIVED.get(lang)
                        ));
                    }
                    if let Some(flag) = &lens.flag {
                        hover.push_str(&format!("\n⚠ {flag}"));
                    }
                    for n in &m.notes {
                        hover.push_str(&format!("\n{n}"));
                    }
                    if ui
                        .selectable_label(on, option_text(m, lens, lang))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        m.fit(lens, d);
                        ui.close();
                    }
                }
            }
        })
        .response
        .labelled_by(label);
}

/// Below the grid: the lens calculator and the side view.
pub(super) fn extras(ui: &mut egui::Ui, d: &mut Device, optics: &Optics, lang: Lang) {
    egui::CollapsingHeader::new(labels::LENS_CALCULATOR.get(lang))
        .id_salt("lens-calculator")
        .show(ui, |ui| lens_calculator(ui, d, lang));
    if d.tilt.is_some() {
        egui::CollapsingHeader::new(labels::SIDE_VIEW.get(lang))
            .id_salt("side-view")
            .default_open(true)
            .show(ui, |ui| side_view(ui, d, optics, lang));
    }
}

/// Focal length ↔ angle for the model's sensor, and the lens that gives a density at a
/// distance; "Use" sets the device's angles and focal length.
fn lens_calculator(ui: &mut egui::Ui, d: &mut Device, lang: Lang) {
    let Some(m) = d.model.as_deref().and_then(catalogue::find) else {
        ui.weak(labels::NEEDS_MODEL.get(lang));
        return;
    };
    ui.label(format!(
        "{}: {} ({:.2} × {:.2} mm)",
        labels::SENSOR_FROM_MODEL.get(lang),
        m.sensor,
        m.sensor_width_mm(),
        m.sensor_height_mm()
    ));
    let id = ui.make_persistent_id("lens-calculator-state");
    let mut st: [f64; 3] =
        ui.data_mut(|mem| mem.get_temp(id))
            .unwrap_or([d.lens_mm.unwrap_or(4.0), 250.0, 5.0]);
    ui.horizontal_wrapped(|ui| {
        ui.label(labels::LENS_ANGLE.get(lang));
        ui.add(
            DragValue::new(&mut st[0])
                .range(0.5..=300.0)
                .speed(0.1)
                .suffix(" mm")
                .max_decimals(2),
        );
        let (h, v, stated) = m.angles_for_focal(st[0]);
        let source = if stated {
            labels::DATASHEET
        } else {
            labels::PINHOLE
        };
        ui.label(format!("→ {h:.1}° × {v:.1}° ({})", source.get(lang)));
        if ui.small_button(labels::USE_LENS.get(lang)).clicked() {
            d.fov = h;
            d.vfov_given = Some(v);
            d.lens_mm = Some(st[0]);
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(labels::LENS_FOR_DENSITY.get(lang));
        ui.add(
            DragValue::new(&mut st[1])
                .range(1.0..=2000.0)
                .suffix(" px/m"),
        );
        ui.label("@");
        ui.add(
            DragValue::new(&mut st[2])
                .range(0.1..=500.0)
                .speed(0.1)
                .suffix(" m")
                .max_decimals(1),
        );
        let (h, f) = m.lens_for_density(st[1], st[2]);
        ui.label(format!(
            "→ {f:.1} mm, {h:.1}° ({})",
            labels::PINHOLE.get(lang)
        ));
        if ui.small_button(labels::USE_LENS.get(lang)).clicked() {
            d.fov = h;
            d.vfov_given = Some(m.vfov_for_focal(f));
            d.lens_mm = Some((f * 100.0).round() / 100.0);
        }
    });
    ui.data_mut(|mem| mem.insert_temp(id, st));
}

/// The side view, painted from the same items as the report's.
fn side_view(ui: &mut egui::Ui, d: &Device, optics: &Optics, lang: Lang) {
    let Some(v) = SideView::of(d, optics) else {
        return;
    };
    let size = egui::vec2(ui.available_width().clamp(200.0, 360.0), 160.0);
    let (response, painter) = ui.allocate_painter(size, egui::Sense::hover());
    let r = response.rect;
    painter.rect_filled(r, 3.0, egui::Color32::from_rgb(0xFA, 0xFA, 0xF7));
    let margin = 8.0;
    let s = ((f64::from(r.width()) - 2.0 * margin) / v.width)
        .min((f64::from(r.height()) - 2.0 * margin) / v.height);
    let to = |q: [f64; 2]| {
        egui::pos2(
            r.left() + (margin + q[0] * s) as f32,
            r.bottom() - (margin + q[1] * s) as f32,
        )
    };
    for item in &v.items {
        match item {
            SideItem::Fill {
                points,
                colour: c,
                opacity,
            } => {
                painter.add(Shape::convex_polygon(
                    points.iter().map(|q| to(*q)).collect(),
                    colour(*c, *opacity),
                    Stroke::NONE,
                ));
            }
            SideItem::Line {
                a,
                b,
                colour: c,
                width,
                dashed,
            } => {
                let stroke = Stroke::new(*width, colour(*c, 1.0));
                if *dashed {
                    painter.extend(Shape::dashed_line(&[to(*a), to(*b)], stroke, 4.0, 3.0));
                } else {
                    painter.line_segment([to(*a), to(*b)], stroke);
                }
            }
            SideItem::Dot {
                at,
                r: radius,
                colour: c,
            } => {
                painter.circle_filled(to(*at), ((radius * s) as f32).max(2.5), colour(*c, 1.0));
            }
            SideItem::Text {
                at,
                text,
                colour: c,
                centred,
            } => {
                let align = if *centred {
                    egui::Align2::CENTER_BOTTOM
                } else {
                    egui::Align2::LEFT_BOTTOM
                };
                painter.text(
                    to(*at),
                    align,
                    text,
                    egui::FontId::proportional(10.0),
                    colour(*c, 1.0),
                );
            }
        }
    }
    let faces = if v.faces.is_empty() {
        labels::FACES_NONE.get(lang).to_owned()
    } else {
        format!("{:.2} – {:.2} m", v.faces.near, v.faces.far)
    };
    ui.label(format!("{}: {faces}", labels::FACES_SEEN.get(lang)));
}
