//! The editor, driven as a user drives it (egui_kittest, no display needed).
#![cfg(feature = "gui")]

use std::path::PathBuf;

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use sightline::app::App;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("sample_sites/{name}.site.json"))
}

fn harness(app: App) -> Harness<'static, App> {
    // The bundled CJK font, installed before the first frame as the app does: kittest refuses
    // to draw a glyph no font has, so this also proves Chinese never shows as boxes.
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1400.0, 900.0))
        .with_context_setup(sightline::app::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h
}

use eframe::egui;

#[test]
fn opening_a_sample_lists_its_findings() {
    let h = harness(App::new(Some(sample("gym-mistakes"))));
    assert_eq!(h.query_all_by_label("R799-A8-VIEW").count(), 2);
    assert!(h.query_by_label("A13-PURPOSE").is_some());
    assert!(h.query_by_label("FAIL").is_some());
    assert!(h
        .query_by_label("5 violation(s), 2 warning(s), 0 info")
        .is_some());
}

#[test]
fn the_language_switch_changes_the_labels() {
    let mut h = harness(App::new(Some(sample("office"))));
    assert!(h.query_by_label("Findings").is_some());
    h.get_by_label("中文").click();
    h.run();
    assert!(h.query_by_label("检查结果").is_some());
    assert!(h.query_by_label("Findings").is_none());
    assert!(h.query_by_label("通过").is_some());
    h.get_by_label("English").click();
    h.run();
    assert!(h.query_by_label("Findings").is_some());
}

#[test]
fn a_file_that_fails_to_load_shows_its_error_and_keeps_the_site() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.site.json");
    std::fs::write(
        &bad,
        "{ \"format\": \"sightline-site\",\n \"version\": 1, \"floors\": [ }",
    )
    .expect("write");
    let mut h = harness(App::new(Some(sample("hotel"))));
    h.state_mut()
        .command(sightline::app::UiCommand::OpenPath(bad.clone()));
    h.run();
    let error = h.state().error.clone().expect("an error is shown");
    assert!(error.contains("bad.site.json:2:"), "{error}");
    assert!(h.query_by_label_contains("bad.site.json:2:").is_some());
    assert_eq!(
        h.state().doc.as_ref().map(|d| d.site.name.as_str()),
        Some("Harbour Hotel")
    );
}

#[test]
fn dragging_a_camera_moves_it_and_undo_redo_bring_it_back_and_forth() {
    let mut h = harness(App::new(Some(sample("gym-mistakes"))));
    let di = h.state().doc.as_ref().expect("doc").site.floors[0]
        .devices
        .iter()
        .position(|d| d.id == "c-corridor")
        .expect("camera");
    let start = h.state().doc.as_ref().expect("doc").site.floors[0].devices[di].position;
    let tf = h.state().last_view.expect("canvas drawn");
    let from = tf.screen(start);
    // Into the women's changing room (x 16..28, y 8..16).
    let to = tf.screen([22.0, 12.0]);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=10 {
        h.hover_at(from + (to - from) * (k as f32 / 10.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    let doc = h.state().doc.as_ref().expect("doc");
    let moved = doc.site.floors[0].devices[di].position;
    assert!(
        (moved[0] - 22.0).abs() < 0.2 && (moved[1] - 12.0).abs() < 0.2,
        "{moved:?}"
    );
    assert!(doc.dirty);
    assert!(h.query_by_label("R799-A8-INSIDE").is_some());
    // One drag is one undo step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.as_ref().expect("doc").site.floors[0].devices[di].position,
        start
    );
    assert!(h.query_by_label("R799-A8-INSIDE").is_none());
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(
        h.state().doc.as_ref().expect("doc").site.floors[0].devices[di].position,
        moved
    );
    assert!(h.query_by_label("R799-A8-INSIDE").is_some());
}
