//! The editor, driven as a user drives it (egui_kittest, no display needed).
#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::path::PathBuf;

use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use sightline::app::App;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("sample_sites/{name}.site.json"))
}

/// The editor on a generated one-floor level (`synthetic::level`) saved in a temporary folder,
/// which lives as long as the returned guard.
fn level_harness(rooms: usize, cameras: usize) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("level.site.json");
    let doc = sightline::synthetic::level(rooms, cameras, 50);
    std::fs::write(&path, serde_json::to_string(&doc).expect("json")).expect("write");
    (dir, harness(App::new(Some(path))))
}

fn harness(app: App) -> Harness<'static, App> {
    // The bundled CJK font, installed before the first frame as the app does: kittest refuses
    // to draw a glyph no font has, so this also proves Chinese never shows as boxes.
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1400.0, 900.0))
        .with_max_steps(40)
        .with_context_setup(sightline::app::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run();
    h
}

use eframe::egui;

mod usability;

#[test]
fn opening_a_sample_lists_its_findings() {
    let h = harness(App::new(Some(sample("gym-mistakes"))));
    // The corridor camera into both changing rooms, the pool camera through the clear shower
    // window into the showers and on into the women's changing room.
    let doc = h.state().doc.as_ref().expect("open");
    let rule_count = |rule: &str| {
        doc.checker
            .findings()
            .iter()
            .filter(|f| f.rule.as_str() == rule)
            .count()
    };
    assert_eq!(rule_count("R799-A8-VIEW"), 4);
    assert_eq!(rule_count("A13-PURPOSE"), 1);
    // The list shows them from the top (only the cards in view are laid out).
    let first = doc.checker.findings()[0].rule.as_str().to_owned();
    assert!(h.query_by_label(&first).is_some(), "{first}");
    assert!(h.query_by_label("FAIL").is_some());
    assert!(h
        .query_by_label("8 violation(s), 2 warning(s), 0 info")
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
        .command(sightline::app::Command::OpenPath(bad.clone()));
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
    drag(&mut h, from, to);
    let doc = h.state().doc.as_ref().expect("doc");
    let moved = doc.site.floors[0].devices[di].position;
    assert!(
        (moved[0] - 22.0).abs() < 0.2 && (moved[1] - 12.0).abs() < 0.2,
        "{moved:?}"
    );
    assert!(doc.is_dirty());
    assert!(has_rule(&h, "R799-A8-INSIDE"));
    // One drag is one undo step.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(
        h.state().doc.as_ref().expect("doc").site.floors[0].devices[di].position,
        start
    );
    assert!(!has_rule(&h, "R799-A8-INSIDE"));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert_eq!(
        h.state().doc.as_ref().expect("doc").site.floors[0].devices[di].position,
        moved
    );
    assert!(has_rule(&h, "R799-A8-INSIDE"));
}

/// How many findings of the open site `pred` holds for.
fn findings_where(
    h: &Harness<'static, App>,
    pred: impl Fn(&sightline::rules::Finding) -> bool,
) -> usize {
    h.state()
        .doc
        .as_ref()
        .expect("doc")
        .checker
        .findings()
        .into_iter()
        .filter(|f| pred(f))
        .count()
}

/// Does the open site have a finding of `rule` (its card may be below the list's fold: cards
/// carry their fix suggestions and the camera in the changing room has many findings)?
fn has_rule(h: &Harness<'static, App>, rule: &str) -> bool {
    findings_where(h, |f| f.rule.as_str() == rule) > 0
}

/// A click on the canvas at a screen point, as a mouse makes it.
fn click(h: &mut Harness<'static, App>, p: egui::Pos2) {
    h.hover_at(p);
    h.run();
    h.drag_at(p);
    h.run();
    h.event(egui::Event::PointerButton {
        pos: p,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
}

/// A drag on the canvas from one point to another in small steps.
fn drag(h: &mut Harness<'static, App>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for k in 1..=8 {
        h.hover_at(from + (to - from) * (k as f32 / 8.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
}

fn screen(h: &Harness<'static, App>, p: [f64; 2]) -> egui::Pos2 {
    h.state().last_view.expect("canvas drawn").screen(p)
}

fn site<'a>(h: &'a Harness<'static, App>) -> &'a sightline::model::Site {
    &h.state().doc.as_ref().expect("a site is open").site
}

#[test]
fn drawing_a_hotel_room_and_a_camera_in_it_gives_a13_private_inside_and_undo_redo_toggle_it() {
    let mut h = harness(App::new(None));
    // An empty site does not claim to pass: there is nothing to check yet.
    assert!(h.query_by_label("PASS").is_none());
    let nothing = "Nothing to check yet: place a camera";
    assert_eq!(
        h.query_all_by_label(nothing).count(),
        2,
        "status bar and findings"
    );
    // Space tool (R), four corners by clicks, Enter closes.
    h.key_press(egui::Key::R);
    h.run();
    for p in [[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]] {
        let at = screen(&h, p);
        click(&mut h, at);
    }
    h.key_press(egui::Key::Enter);
    h.run();
    let spaces = &site(&h).floors[0].spaces;
    assert_eq!(spaces.len(), 1);
    assert_eq!(
        spaces[0].polygon,
        vec![[0.0, 0.0], [4.0, 0.0], [4.0, 4.0], [0.0, 4.0]]
    );
    // Mark it a hotel room in the properties panel (the new space is selected).
    h.key_press(egui::Key::V);
    h.run();
    h.get_by_label("Kind").click();
    h.run();
    h.get_by_label("hotel room").click();
    h.run();
    assert_eq!(
        site(&h).floors[0].spaces[0].kind,
        sightline::model::SpaceKind::HotelRoom
    );
    // Back on the plan (the keys follow the pointer there), a face-recognition camera (C)
    // clicked inside the room.
    let inside = screen(&h, [2.0, 2.0]);
    h.hover_at(inside - egui::vec2(3.0, 3.0));
    h.run();
    h.hover_at(inside);
    h.run();
    h.key_press(egui::Key::C);
    h.run();
    click(&mut h, inside);
    let devices = &site(&h).floors[0].devices;
    assert_eq!(devices.len(), 1);
    assert!(devices[0].face_recognition);
    assert_eq!(devices[0].position, [2.0, 2.0]);
    assert!(h.query_by_label("A13-PRIVATE-INSIDE").is_some());
    assert!(h.query_by_label("FAIL").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(site(&h).floors[0].devices.is_empty());
    assert!(h.query_by_label("A13-PRIVATE-INSIDE").is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Y);
    h.run();
    assert_eq!(site(&h).floors[0].devices.len(), 1);
    assert!(h.query_by_label("A13-PRIVATE-INSIDE").is_some());
    // Undo all the way: the kind change is one step, the room another.
    for _ in 0..3 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run();
    }
    assert!(site(&h).floors[0].spaces.is_empty());
}

#[test]
fn a_wall_with_a_door_dragged_along_it_and_a_camera_aimed_through_it() {
    let mut h = harness(App::new(None));
    // A wall from (0, 0) to (8, 0), ended by Enter.
    h.key_press(egui::Key::W);
    h.run();
    for p in [[0.0, 0.0], [8.0, 0.0]] {
        let at = screen(&h, p);
        click(&mut h, at);
    }
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(site(&h).floors[0].walls.len(), 1);
    assert_eq!(
        site(&h).floors[0].walls[0].points,
        vec![[0.0, 0.0], [8.0, 0.0]]
    );
    // A door dragged along it from x 3 to x 4.
    h.key_press(egui::Key::D);
    h.run();
    let (a, b) = (screen(&h, [3.0, 0.0]), screen(&h, [4.0, 0.0]));
    drag(&mut h, a, b);
    let openings = &site(&h).floors[0].openings;
    assert_eq!(openings.len(), 1);
    assert_eq!(openings[0].kind, sightline::model::OpeningKind::Door);
    assert!(
        (openings[0].a[0] - 3.0).abs() < 0.05 && openings[0].a[1] == 0.0,
        "{:?}",
        openings[0]
    );
    assert!(
        (openings[0].b[0] - 4.0).abs() < 0.05 && openings[0].b[1] == 0.0,
        "{:?}",
        openings[0]
    );
    // A click a little off the grid makes a standard 0.9 m door centred on the grid point.
    let at = screen(&h, [6.04, 0.03]);
    click(&mut h, at);
    let openings = &site(&h).floors[0].openings;
    assert_eq!(openings.len(), 2);
    assert_eq!((openings[1].a, openings[1].b), ([5.55, 0.0], [6.45, 0.0]));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    // An ordinary camera (K) placed at (3.5, 3) and aimed south by dragging.
    h.key_press(egui::Key::K);
    h.run();
    let (from, to) = (screen(&h, [3.5, 3.0]), screen(&h, [3.5, 1.0]));
    drag(&mut h, from, to);
    let d = &site(&h).floors[0].devices[0];
    assert!(!d.face_recognition);
    assert_eq!(d.position, [3.5, 3.0]);
    assert_eq!(d.heading, 270.0);
}

#[test]
fn select_box_delete_duplicate_and_nudge() {
    let mut h = harness(App::new(Some(sample("office"))));
    let n_devices = site(&h).floors[0].devices.len();
    // Select one camera by clicking it, nudge it, duplicate it.
    let d0 = site(&h).floors[0].devices[0].clone();
    let at = screen(&h, d0.position);
    click(&mut h, at);
    assert_eq!(h.state().selection.len(), 1);
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let moved = site(&h).floors[0].devices[0].position;
    assert!((moved[0] - d0.position[0] - 0.1).abs() < 1e-9);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    h.run();
    let devices = &site(&h).floors[0].devices;
    assert_eq!(devices.len(), n_devices + 1);
    let copy = devices.last().expect("copy");
    assert_ne!(copy.id, d0.id);
    assert_eq!(copy.position, [moved[0] + 0.5, moved[1] - 0.5]);
    // Delete the copy (it is selected), then undo.
    h.key_press(egui::Key::Delete);
    h.run();
    assert_eq!(site(&h).floors[0].devices.len(), n_devices);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(site(&h).floors[0].devices.len(), n_devices + 1);
    // Box-select everything on the floor from outside the plan (zoomed to fit).
    h.key_press(egui::Key::Escape);
    h.key_press(egui::Key::F);
    h.run();
    let rect = h.state().last_canvas.expect("canvas");
    drag(
        &mut h,
        rect.left_top() + egui::vec2(2.0, 2.0),
        rect.right_bottom() - egui::vec2(2.0, 2.0),
    );
    let f = &site(&h).floors[0];
    let all = f.walls.len()
        + f.openings.len()
        + f.spaces.len()
        + f.devices.len()
        + f.signs.len()
        + f.zones.len();
    assert_eq!(h.state().selection.len(), all);
}

#[test]
fn floors_are_added_renamed_reordered_and_deleted_after_asking() {
    use sightline::app::Command;
    let mut h = harness(App::new(Some(sample("hotel"))));
    let n = site(&h).floors.len();
    h.get_by_label("＋ Add floor").click();
    h.run();
    assert_eq!(site(&h).floors.len(), n + 1);
    assert_eq!(h.state().floor, 1);
    let added = site(&h).floors[1].id.clone();
    h.state_mut().command(Command::MoveFloor { from: 1, to: 0 });
    h.run();
    assert_eq!(site(&h).floors[0].id, added);
    h.state_mut().command(Command::DeleteFloor(0));
    h.run();
    assert!(h.query_by_label("Delete floor").is_some());
    // Nothing is deleted until the question is answered.
    assert_eq!(site(&h).floors.len(), n + 1);
    h.get_all_by_label("Delete")
        .last()
        .expect("the dialog's button")
        .click();
    h.run();
    assert_eq!(site(&h).floors.len(), n);
    assert!(site(&h).floors.iter().all(|f| f.id != added));
}

#[test]
fn unsaved_changes_are_asked_about_before_new() {
    use sightline::app::{Command, UiCommand};
    let mut h = harness(App::new(Some(sample("gym"))));
    h.state_mut().command(Command::Nudge([1.0, 0.0]));
    h.state_mut().command(UiCommand::SelectAll);
    h.run();
    h.state_mut().command(Command::Nudge([1.0, 0.0]));
    h.run();
    assert!(h.state().doc.as_ref().is_some_and(|d| d.is_dirty()));
    assert!(h.state().title().contains("unsaved"));
    h.state_mut().command(UiCommand::New);
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    assert_eq!(site(&h).name, "Blue Wave Fitness & Pool");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(site(&h).name, "Blue Wave Fitness & Pool");
    h.state_mut().command(UiCommand::New);
    h.run();
    h.get_by_label("Don't save").click();
    h.run();
    assert!(site(&h).floors[0].walls.is_empty());
    assert!(!h.state().doc.as_ref().is_some_and(|d| d.is_dirty()));
}

#[test]
fn save_keeps_unknown_fields_and_the_recovery_copy_comes_back_after_a_crash() {
    use sightline::app::{Command, UiCommand};
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("office.site.json");
    let mut text = std::fs::read_to_string(sample("office")).expect("sample");
    text = text.replacen('{', "{\n  \"x_custom\": {\"kept\": true},", 1);
    std::fs::write(&file, text).expect("write");
    let recovery_dir = dir.path().join("recovery");

    let mut app = App::new(Some(file.clone()));
    app.recovery = sightline::app::files::Recovery::in_dir(Some(recovery_dir.clone()));
    app.recovery.every = std::time::Duration::ZERO;
    let mut h = harness(app);
    h.state_mut().command(UiCommand::SelectAll);
    h.run();
    h.state_mut().command(Command::Nudge([0.0, 1.0]));
    h.run();
    let edited = site(&h).clone();
    let copy = recovery_dir.join("recovery.site.json");
    assert!(copy.exists(), "a recovery copy is written while unsaved");
    // "Crash": a new window finds the copy and offers it.
    drop(h);
    let mut app = App::new(None);
    app.recovery = sightline::app::files::Recovery::in_dir(Some(recovery_dir.clone()));
    app.offer_recovery();
    let mut h2 = harness(app);
    assert!(h2.query_by_label("Recover unsaved work?").is_some());
    h2.get_by_label("Restore").click();
    h2.run();
    let doc = h2.state().doc.as_ref().expect("restored");
    assert_eq!(doc.site, edited);
    assert!(doc.is_dirty());
    assert_eq!(doc.path.as_deref(), Some(file.as_path()));
    // Saving writes the file (keeping the unknown field) and forgets the copy.
    h2.state_mut().command(UiCommand::Save);
    h2.run();
    let saved = std::fs::read_to_string(&file).expect("saved");
    assert!(saved.contains("\"x_custom\""), "unknown fields are kept");
    assert!(!copy.exists());
}

#[test]
fn the_editor_exports_the_same_picture_and_report_as_the_command_line() {
    use sightline::app::export::ImageScope;
    use sightline::app::Command;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(App::new(Some(sample("gym-mistakes"))));
    let svg = dir.path().join("floor.svg");
    let png = dir.path().join("floor.png");
    let view = dir.path().join("view.png");
    let html = dir.path().join("report.html");
    h.state_mut()
        .command(Command::ExportImageTo(ImageScope::Floor, svg.clone()));
    h.state_mut()
        .command(Command::ExportImageTo(ImageScope::Floor, png.clone()));
    h.state_mut()
        .command(Command::ExportImageTo(ImageScope::View, view.clone()));
    h.state_mut()
        .command(Command::ExportReportTo(None, html.clone()));
    h.run();
    // The same drawing as `sightline render`: one full check, the same options.
    let s = site(&h).clone();
    let (analysis, findings) = sightline::rules::check_site(&s);
    let expected = sightline::render::floor_svg(
        &s,
        &analysis,
        &findings,
        0,
        &sightline::render::RenderOptions {
            width_px: sightline::app::export::EXPORT_WIDTH_PX,
            lang: sightline::i18n::Lang::En,
            date: sightline::model::today(),
            base_dir: sightline::render::base_dir_of(&sample("gym-mistakes")),
            view: None,
            dori: Default::default(),
        },
    );
    assert_eq!(std::fs::read_to_string(&svg).expect("svg"), expected.svg);
    let img = image::open(&png).expect("png");
    assert_eq!(img.width(), sightline::app::export::EXPORT_WIDTH_PX);
    assert!(image::open(&view).is_ok());
    let report = std::fs::read_to_string(&html).expect("report");
    for f in &findings {
        assert!(report.contains(f.rule.as_str()));
    }
    assert!(h
        .state()
        .status
        .as_ref()
        .and_then(|s| s.text(sightline::i18n::Lang::En))
        .is_some_and(|s| s.starts_with("Exported")));
}

#[test]
fn the_editor_exports_pdf_and_prepares_the_filings_of_the_saved_site() {
    use sightline::app::export::ImageScope;
    use sightline::app::{Command, UiCommand};
    let dir = tempfile::tempdir().expect("tempdir");
    let site_file = dir.path().join("hotel.site.json");
    std::fs::copy(sample("hotel-mistakes"), &site_file).expect("copy");
    let mut h = harness(App::new(Some(site_file.clone())));
    let report = dir.path().join("report.pdf");
    let plan = dir.path().join("plan.pdf");
    let pack = dir.path().join("filing");
    h.state_mut()
        .command(Command::ExportReportTo(None, report.clone()));
    h.state_mut()
        .command(Command::ExportImageTo(ImageScope::Floor, plan.clone()));
    h.state_mut()
        .command(Command::PrepareFilingsIn(pack.clone()));
    h.run();
    // The same PDF report as `sightline report` (10 pages for this sample), a one-page plan.
    let doc = lopdf::Document::load(&report).expect("report pdf");
    assert_eq!(doc.get_pages().len(), 10);
    let plan_doc = lopdf::Document::load(&plan).expect("plan pdf");
    assert_eq!(plan_doc.get_pages().len(), 1);
    // The pack names the saved file by its SHA-256.
    let sheet = std::fs::read_to_string(pack.join("filing-799-art14.txt")).expect("sheet");
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(std::fs::read(&site_file).expect("read"))
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert!(sheet.contains(&sha));
    assert!(pack.join("schedule.xlsx").is_file() && pack.join("devices.csv").is_file());
    // With unsaved changes, the pack is not written: it would describe another plan.
    h.state_mut().command(UiCommand::SelectAll);
    h.state_mut().command(UiCommand::Delete);
    h.run();
    let again = dir.path().join("filing-2");
    h.state_mut()
        .command(Command::PrepareFilingsIn(again.clone()));
    h.run();
    assert!(!again.exists());
    assert!(h
        .state()
        .error
        .as_deref()
        .is_some_and(|e| e.contains("SHA-256")));
}

/// The office sample copied into `dir` as `plan.site.json`, and a 400 × 200 picture
/// `scan.png` beside it: (site file, picture).
fn office_and_scan(dir: &std::path::Path) -> (PathBuf, PathBuf) {
    let file = dir.join("plan.site.json");
    std::fs::copy(sample("office"), &file).expect("copy");
    let img = dir.join("scan.png");
    image::RgbaImage::from_pixel(400, 200, image::Rgba([200, 200, 255, 255]))
        .save(&img)
        .expect("png");
    (file, img)
}

#[test]
fn an_underlay_is_imported_relative_to_the_site_and_calibrated_by_two_clicks() {
    use sightline::app::{Command, UiCommand};
    let dir = tempfile::tempdir().expect("tempdir");
    let (file, img) = office_and_scan(dir.path());
    let mut h = harness(App::new(Some(file)));
    h.state_mut().command(Command::ImportUnderlayFrom(img));
    h.run();
    let u = site(&h).floors[0].underlay.clone().expect("underlay");
    assert_eq!(u.image, "scan.png");
    assert_eq!(u.metres_per_pixel, 0.02);
    // Two points 100 pixels apart (2 m at 2 cm a pixel) are really 5 m apart.
    h.state_mut()
        .command(UiCommand::Tool(sightline::app::tools::Tool::Calibrate));
    h.run();
    let (a, b) = (screen(&h, [1.0, -1.0]), screen(&h, [3.0, -1.0]));
    click(&mut h, a);
    click(&mut h, b);
    let cal = h.state_mut().calibration.as_mut().expect("calibrating");
    assert_eq!(cal.points.len(), 2);
    cal.distance_m = "5".to_owned();
    h.state_mut().command(Command::FinishCalibration);
    h.run();
    let u = site(&h).floors[0].underlay.clone().expect("underlay");
    let measured = {
        let tf = h.state().last_view.expect("view");
        let (pa, pb) = (tf.plan(a), tf.plan(b));
        (pb[0] - pa[0]).hypot(pb[1] - pa[1])
    };
    // metres per pixel scales by 5 m over the distance measured at 2 cm a pixel.
    let expected = 0.02 * 5.0 / measured;
    assert!(
        (u.metres_per_pixel - expected).abs() < 1e-9,
        "{} vs {expected}",
        u.metres_per_pixel
    );
    // An unreadable underlay is a warning; the site still opens and checks.
    let missing = dir.path().join("missing.site.json");
    let mut s = site(&h).clone();
    s.floors[0].underlay.as_mut().expect("underlay").image = "gone.png".into();
    sightline::model::save(&s, &missing).expect("save");
    // The calibration is unsaved: opening another file asks first.
    h.state_mut().command(Command::OpenPath(missing.clone()));
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Don't save").click();
    h.run();
    h.run();
    assert!(h.state().error.is_none());
    // The warning names the floor and the file, in the language shown, and stays dismissed.
    assert!(h
        .query_by_label_contains("floor 12F: underlay")
        .is_some_and(|n| format!("{n:?}").contains("gone.png")));
    h.get_by_label("中文").click();
    h.run();
    assert!(h.query_by_label_contains("楼层 12F：底图").is_some());
    assert!(h.query_by_label_contains("floor 12F: underlay").is_none());
    h.get_by_label("关闭").click();
    h.run();
    h.run();
    assert!(h.query_by_label_contains("楼层 12F：底图").is_none());
}

#[test]
fn a_zone_by_rectangle_and_a_sign_turned_by_dragging() {
    let mut h = harness(App::new(None));
    h.key_press(egui::Key::Z);
    h.run();
    let (a, b) = (screen(&h, [1.0, 1.0]), screen(&h, [6.0, 4.0]));
    drag(&mut h, a, b);
    let zones = &site(&h).floors[0].zones;
    assert_eq!(zones.len(), 1);
    assert_eq!(
        zones[0].polygon,
        vec![[1.0, 1.0], [6.0, 1.0], [6.0, 4.0], [1.0, 4.0]]
    );
    // A sign at (1, 2) dragged towards the east faces 0°.
    h.key_press(egui::Key::G);
    h.run();
    let (from, to) = (screen(&h, [1.0, 2.0]), screen(&h, [4.0, 2.0]));
    drag(&mut h, from, to);
    let signs = &site(&h).floors[0].signs;
    assert_eq!(signs.len(), 1);
    assert_eq!((signs[0].position, signs[0].facing), ([1.0, 2.0], 0.0));
    // A zone that no device names is reported; the new sign is selected in Properties.
    assert!(h.query_by_label("ZONE-UNUSED").is_some());
    assert!(h.query_by_label("Sign sign-1").is_some());
}

#[test]
fn the_site_panel_sets_the_venue_and_assessment_and_devices_their_consent() {
    // The hotel sample with its venue and assessment removed: filing findings are conditional.
    let dir = tempfile::tempdir().expect("tmp");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample("hotel")).expect("sample"))
            .expect("json");
    let top = v.as_object_mut().expect("object");
    top.remove("venue");
    top.remove("impact_assessment");
    top.insert("filed_with_police".to_owned(), serde_json::json!(false));
    let path = dir.path().join("h.site.json");
    std::fs::write(&path, v.to_string()).expect("write");
    let mut h = harness(App::new(Some(path)));
    assert!(h.query_by_label("A9-ASSESSMENT").is_some());
    assert!(h.query_by_label("R799-A14-FILING").is_some());
    assert!(h.query_by_label("SITE-VENUE").is_some());
    h.get_by_label("Site").click();
    h.run();
    // The venue: a hotel is a Decree 799 Art. 9 place, which lifts the filing duty.
    h.get_by_label("Venue").scroll_to_me();
    h.run();
    h.get_by_label("Venue").click();
    h.run();
    h.get_by_label("hotel").click();
    h.run();
    assert_eq!(site(&h).venue, Some(sightline::model::Venue::Hotel));
    assert!(h
        .query_by_label_contains("Decree 799 Art. 9 place: no police filing")
        .is_some());
    assert!(h.query_by_label("R799-A14-FILING").is_none());
    assert!(h.query_by_label("SITE-VENUE").is_none());
    // The assessment date: an impossible one is not stored, a real one clears A9-ASSESSMENT.
    h.get_by_label("Impact assessment date (Art. 9)")
        .scroll_to_me();
    h.run();
    h.get_by_label("Impact assessment date (Art. 9)").click();
    h.run();
    h.get_by_label("Impact assessment date (Art. 9)")
        .type_text("2025-02-30");
    h.run();
    assert!(h
        .query_by_label("Not a real date: write YYYY-MM-DD")
        .is_some());
    assert!(site(&h).impact_assessment.is_none());
    assert!(h.query_by_label("A9-ASSESSMENT").is_some());
    for _ in 0..2 {
        h.key_press(egui::Key::Backspace);
        h.run();
    }
    h.get_by_label("Impact assessment date (Art. 9)")
        .type_text("01");
    h.run();
    assert_eq!(
        site(&h)
            .impact_assessment
            .as_ref()
            .and_then(|a| a.date.as_deref()),
        Some("2025-02-01")
    );
    assert!(h.query_by_label("A9-ASSESSMENT").is_none());
    // The kiosk's separate consent, in its properties: A6-CONSENT comes and goes.
    h.key_press(egui::Key::V);
    h.run();
    let kiosk = screen(&h, [5.0, 10.0]);
    click(&mut h, kiosk);
    assert!(h.query_by_label("A6-CONSENT").is_none());
    h.get_by_label("Separate consent before processing (Art. 6)")
        .scroll_to_me();
    h.run();
    h.get_by_label("Separate consent before processing (Art. 6)")
        .click();
    h.run();
    assert!(!site(&h).floors[0].devices[1].separate_consent);
    assert!(h.query_by_label("A6-CONSENT").is_some());
    h.get_by_label("Separate consent before processing (Art. 6)")
        .click();
    h.run();
    assert!(h.query_by_label("A6-CONSENT").is_none());
}

/// File → Import plan… on a real DXF: the window shows the layers with their roles, imports
/// into the current floor as one undo step, and the guessed rooms wait for review.
#[test]
fn importing_a_plan_is_one_undo_step_and_lists_rooms_to_review() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = dir.path().join("barcelona.dxf");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/cad/barcelona_pavilion_plan.dxf"),
        &plan,
    )
    .expect("copy the shared plan");
    // The drawing's folder is read-only to the import: the underlay waits in the recovery
    // folder until the site is saved.
    let recovery = dir.path().join("recovery");
    let mut app = App::new(Some(plan));
    app.recovery = sightline::app::files::Recovery::in_dir(Some(recovery.clone()));
    let mut h = harness(app);
    assert!(h.state().import_dialog.is_some());
    h.get_by_label("Import plan (DWG / DXF)");
    h.get_by_label("Crystal");
    let scan = h
        .state()
        .import_dialog
        .as_ref()
        .and_then(|d| d.scan.as_ref())
        .expect("scanned");
    let crystal = scan
        .layers
        .iter()
        .find(|l| l.name == "Crystal")
        .expect("layer");
    assert_eq!(crystal.role, sightline::import::roles::Role::Glass);
    h.get_by_label("Import into the current floor").click();
    h.run();
    assert!(h.state().import_dialog.is_none());
    let floor = &h.state().doc.as_ref().expect("doc").site.floors[0];
    assert!(floor.walls.len() > 50, "{} walls", floor.walls.len());
    assert_eq!(
        floor
            .openings
            .iter()
            .filter(|o| o.kind == sightline::model::OpeningKind::Door)
            .count(),
        8
    );
    assert!(!floor.spaces.is_empty() && floor.spaces.iter().all(|s| s.review));
    assert!(floor.underlay.is_some());
    assert!(h.query_all_by_label_contains("PLAN-REVIEW").count() >= floor.spaces.len());
    // The pavilion's underlay (2651 × 1188 px) is more than kittest's 2048 px textures: it is
    // drawn from a copy that fits, and a note says so (egui would panic on the whole picture).
    assert!(h
        .query_by_label_contains("2651 × 1188 px, more than this graphics card takes")
        .is_some());
    // The import's note on private spaces, in the language chosen now.
    assert!(h.query_by_label_contains("No private space").is_some());
    h.state_mut().lang = sightline::i18n::Lang::Zh;
    h.run();
    assert!(h.query_by_label_contains("未找到私密空间").is_some());
    h.state_mut().lang = sightline::i18n::Lang::En;
    h.run();
    let floor = &h.state().doc.as_ref().expect("doc").site.floors[0];
    let waiting = PathBuf::from(&floor.underlay.as_ref().expect("underlay").image);
    assert!(waiting.starts_with(recovery.join("underlays")) && waiting.exists());
    let pngs = |d: &std::path::Path| {
        std::fs::read_dir(d)
            .expect("dir")
            .filter(|e| {
                e.as_ref()
                    .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "png"))
            })
            .count()
    };
    assert_eq!(pngs(dir.path()), 0, "nothing is written beside the drawing");
    // The first save puts the picture beside the site.
    let saved = dir.path().join("site").join("pavilion.site.json");
    std::fs::create_dir_all(saved.parent().expect("parent")).expect("mkdir");
    h.state_mut()
        .command(sightline::app::Command::SaveTo(saved.clone()));
    h.run();
    let floor = &h.state().doc.as_ref().expect("doc").site.floors[0];
    assert_eq!(
        floor.underlay.as_ref().expect("underlay").image,
        "pavilion.F1.plan.png"
    );
    assert!(dir.path().join("site/pavilion.F1.plan.png").exists());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let floor = &h.state().doc.as_ref().expect("doc").site.floors[0];
    assert!(floor.walls.is_empty() && floor.spaces.is_empty() && floor.underlay.is_none());
}

#[test]
fn undo_steps_follow_the_objects_they_change_and_undo_to_the_saved_state_is_clean() {
    // The sequence of issue 12: click A, →, Ctrl+A, →, Ctrl+Z, Ctrl+Z.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("office.site.json");
    std::fs::copy(sample("office"), &file).expect("copy");
    let mut h = harness(App::new(Some(file.clone())));
    let original = site(&h).clone();
    let a = original.floors[0].devices[0].clone();
    let at = screen(&h, a.position);
    click(&mut h, at);
    assert_eq!(h.state().selection.len(), 1);
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let after_a = site(&h).clone();
    assert!((after_a.floors[0].devices[0].position[0] - a.position[0] - 0.1).abs() < 1e-9);
    assert!(h.state().doc.as_ref().is_some_and(|d| d.is_dirty()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    let walls = &site(&h).floors[0].walls;
    assert!((walls[0].points[0][0] - original.floors[0].walls[0].points[0][0] - 0.1).abs() < 1e-9);
    assert!(
        (site(&h).floors[0].devices[0].position[0] - a.position[0] - 0.2).abs() < 1e-9,
        "A moved twice"
    );
    // The first Ctrl+Z undoes the nudge of everything, and only that.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(site(&h), &after_a);
    // The second undoes A's own nudge: the site is as it was loaded, and not "unsaved".
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(site(&h), &original);
    assert!(!h.state().doc.as_ref().is_some_and(|d| d.is_dirty()));
    assert!(!h.state().title().contains("●"), "{}", h.state().title());
    // Redo both, save, undo once: unsaved; redo: the saved state, clean again.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(!h.state().doc.as_ref().is_some_and(|d| d.is_dirty()));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().doc.as_ref().is_some_and(|d| d.is_dirty()));
    assert!(h.state().title().contains("●"));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    assert!(!h.state().doc.as_ref().is_some_and(|d| d.is_dirty()));
}

#[test]
fn pasted_objects_are_checked_like_a_loaded_file() {
    use sightline::app::Command;
    let mut h = harness(App::new(Some(sample("office"))));
    let n = site(&h).floors[0].devices.len();
    // A camera at 1e300 m would be refused in a file: it is refused on paste too.
    let bad = r#"{"sightline_items":[{"type":"device","value":{"id":"x","position":[1e300,0],"heading":0,"fov":90}}]}"#;
    h.state_mut().command(Command::PasteText(bad.to_owned()));
    h.run();
    assert_eq!(site(&h).floors[0].devices.len(), n);
    let error = h.state().error.clone().expect("the refusal is shown");
    assert!(error.contains("position"), "{error}");
    // The same camera at a sensible place is pasted (0.5 m right and down) with a fresh id.
    let good = bad.replace("1e300", "3");
    h.state_mut().command(Command::PasteText(good));
    h.run();
    let devices = &site(&h).floors[0].devices;
    assert_eq!(devices.len(), n + 1);
    assert_eq!(devices[n].position, [3.5, -0.5]);
}

/// The window as drawn, through the headless renderer's rasteriser (tiny-skia, as resvg uses):
/// egui's shapes tessellated into triangles, each filled in its colour inside its clip
/// rectangle. Text is left out (it needs the font atlas); areas, lines and symbols are drawn.
fn window_pixels(h: &Harness<'static, App>) -> resvg::tiny_skia::Pixmap {
    use resvg::tiny_skia::{FillRule, Mask, Paint, PathBuilder, Pixmap, Rect, Transform};
    let out = h.output();
    let ppp = out.pixels_per_point;
    let size = h.ctx.content_rect().size() * ppp;
    let mut pixmap = Pixmap::new(size.x as u32, size.y as u32).expect("pixmap");
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    for clipped in h.ctx.tessellate(out.shapes.clone(), ppp) {
        let egui::epaint::Primitive::Mesh(mesh) = clipped.primitive else {
            continue;
        };
        let c = clipped.clip_rect;
        let mut mask = Mask::new(pixmap.width(), pixmap.height()).expect("mask");
        if let Some(r) = Rect::from_ltrb(
            c.left() * ppp,
            c.top() * ppp,
            c.right() * ppp,
            c.bottom() * ppp,
        ) {
            mask.fill_path(
                &PathBuilder::from_rect(r),
                FillRule::Winding,
                false,
                Transform::identity(),
            );
        }
        for tri in mesh.indices.chunks_exact(3) {
            let v: Vec<&egui::epaint::Vertex> =
                tri.iter().map(|&i| &mesh.vertices[i as usize]).collect();
            if v.iter().any(|v| v.uv != egui::epaint::WHITE_UV) {
                continue; // a glyph
            }
            let mut pb = PathBuilder::new();
            pb.move_to(v[0].pos.x * ppp, v[0].pos.y * ppp);
            pb.line_to(v[1].pos.x * ppp, v[1].pos.y * ppp);
            pb.line_to(v[2].pos.x * ppp, v[2].pos.y * ppp);
            pb.close();
            let Some(path) = pb.finish() else { continue };
            // Premultiplied vertex colours, averaged over the triangle.
            let sum = v.iter().fold([0u32; 4], |mut s, v| {
                let [r, g, b, a] = v.color.to_array();
                for (k, x) in [r, g, b, a].into_iter().enumerate() {
                    s[k] += x as u32;
                }
                s
            });
            let [r, g, b, a] = sum.map(|x| (x / 3) as u8);
            if a == 0 {
                continue;
            }
            let un = |x: u8| ((x as u32 * 255 + a as u32 / 2) / a as u32).min(255) as u8;
            let mut paint = Paint::default();
            paint.set_color_rgba8(un(r), un(g), un(b), a);
            paint.anti_alias = false;
            pixmap.fill_path(
                &path,
                &paint,
                FillRule::Winding,
                Transform::identity(),
                Some(&mask),
            );
        }
    }
    pixmap
}

fn pixel(p: &resvg::tiny_skia::Pixmap, x: f64, y: f64) -> [u8; 3] {
    let c = p
        .pixel(x.round() as u32, y.round() as u32)
        .expect("inside")
        .demultiply();
    [c.red(), c.green(), c.blue()]
}

fn near(a: [u8; 3], b: [u8; 3], tolerance: u8) -> bool {
    a.iter().zip(b).all(|(x, y)| x.abs_diff(y) <= tolerance)
}

#[test]
fn the_canvas_shows_what_the_picture_shows_in_the_same_colours() {
    use sightline::scene::palette;
    let mut h = harness(App::new(Some(sample("hotel-mistakes"))));
    h.run();
    let canvas = window_pixels(&h);
    let ppp = h.output().pixels_per_point as f64;
    let tf = h.state().last_view.expect("canvas drawn");
    let doc = h.state().doc.as_ref().expect("doc");
    let site = &doc.site;
    // The exported picture of the same floor, with its plan → pixel transform.
    let analysis = sightline::analysis::Analysis::of(site);
    let findings = sightline::rules::check(site, &analysis);
    let opts = sightline::render::RenderOptions {
        width_px: 1600,
        lang: sightline::i18n::Lang::En,
        date: "2026-01-01".into(),
        base_dir: None,
        view: None,
        dori: Default::default(),
    };
    let rendered = sightline::render::floor_svg(site, &analysis, &findings, 0, &opts);
    let png = sightline::render::png_from_svg(&rendered.svg).expect("png");
    let picture = resvg::tiny_skia::Pixmap::decode_png(&png).expect("decode");
    let on_canvas = |q: [f64; 2]| {
        let s = tf.screen(q);
        pixel(&canvas, s.x as f64 * ppp, s.y as f64 * ppp)
    };
    let in_picture = |q: [f64; 2]| {
        let [x, y] = rendered.px_from_plan.px(q);
        pixel(&picture, x, y)
    };
    // The unsigned entrance of the lobby zone is red on the canvas as in the picture (it was
    // not on the canvas before the two shared one scene).
    let entry = findings
        .iter()
        .find(|f| f.rule.as_str() == "A13-UNSIGNED-ENTRY")
        .expect("the lobby's unsigned entrance");
    let [a, b] = entry.stretches.as_ref().expect("stretches")[0];
    let q = [a[0] + 0.25 * (b[0] - a[0]), a[1] + 0.25 * (b[1] - a[1])];
    let red = palette::IN_PRIVATE.rgb();
    assert!(near(on_canvas(q), red, 30), "canvas {:?}", on_canvas(q));
    assert!(near(in_picture(q), red, 30), "picture {:?}", in_picture(q));
    // A private space away from its name and any view: the same pink in both.
    let toilet = site.floors[0]
        .spaces
        .iter()
        .find(|s| s.name == "Men's toilet")
        .expect("men's toilet");
    let [lo, hi] = sightline::model::bounds(toilet.polygon.iter().copied()).expect("box");
    let q = [
        lo[0] + 0.3 * (hi[0] - lo[0]),
        lo[1] + 0.25 * (hi[1] - lo[1]),
    ];
    let (c, p) = (on_canvas(q), in_picture(q));
    assert!(near(c, p, 12), "canvas {c:?}, picture {p:?}");
    assert!(near(c, palette::PRIVATE_FILL.rgb(), 20), "{c:?}");
    // A camera's dot (one without a finding marker on it): the same blue or grey in both.
    let d = site.floors[0]
        .devices
        .iter()
        .find(|d| {
            findings.iter().all(|f| {
                f.at.is_none_or(|at| (at[0] - d.position[0]).hypot(at[1] - d.position[1]) > 1.0)
            })
        })
        .expect("a camera without findings");
    let colour = if d.face_recognition {
        palette::FR_CAPTURE
    } else {
        palette::CAMERA_VIEW
    };
    assert!(
        near(on_canvas(d.position), colour.rgb(), 30),
        "{:?}",
        on_canvas(d.position)
    );
    assert!(
        near(in_picture(d.position), colour.rgb(), 30),
        "{:?}",
        in_picture(d.position)
    );
}

#[test]
fn files_are_chosen_in_our_own_window_with_a_default_path() {
    // No desktop portal or zenity is needed: Ctrl+E opens the file window with the picture's
    // default path beside the site, OK writes it.
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hotel.site.json");
    std::fs::copy(sample("hotel"), &file).expect("copy");
    let mut h = harness(App::new(Some(file)));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    let prompt = h
        .state()
        .path_prompt
        .clone()
        .expect("the file window is open");
    let expected = dir.path().join("hotel.F1.png");
    assert_eq!(prompt.text, expected.display().to_string());
    h.get_by_label("OK").click();
    h.run();
    let png = std::fs::read(&expected).expect("the picture was written");
    assert_eq!(png.get(1..4), Some(&b"PNG"[..]));
    assert!(h.state().path_prompt.is_none());
    // Open with a path that is not there says so and keeps the window.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    if let Some(p) = &mut h.state_mut().path_prompt {
        p.text = dir.path().join("missing.site.json").display().to_string();
    }
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().path_prompt.is_some());
    let error = h.state().error.clone().unwrap_or_default();
    assert!(error.contains("missing.site.json"), "{error}");
}

#[test]
fn a_face_recognition_camera_placed_in_a_zone_joins_it_and_asks_its_purpose() {
    use sightline::model::{Mode, Purpose};
    let mut h = harness(App::new(Some(sample("hotel"))));
    let zone = site(&h).floors[0].zones[0].clone();
    let [lo, hi] = sightline::model::bounds(zone.polygon.iter().copied()).expect("zone");
    let mut at = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    at = [at[0].round(), at[1].round()];
    let n = site(&h).floors[0].devices.len();
    h.key_press(egui::Key::C);
    h.run();
    let p = screen(&h, at);
    click(&mut h, p);
    let d = site(&h).floors[0].devices[n].clone();
    assert_eq!(
        d.zone.as_deref(),
        Some(zone.id.as_str()),
        "joins the zone it stands in"
    );
    // The popup asks what it is for; the answer is kept.
    assert!(h.query_by_label("New face-recognition camera").is_some());
    h.get_by_label("verification (1:1)").click();
    h.run();
    h.get_by_label("What is it for?").click();
    h.run();
    h.get_by_label("access control").click();
    h.run();
    h.get_by_label("OK").click();
    h.run();
    assert!(h.query_by_label("New face-recognition camera").is_none());
    let d = &site(&h).floors[0].devices[n];
    assert_eq!(d.mode, Mode::Verification);
    assert_eq!(d.purpose, Some(Purpose::AccessControl));
}

#[test]
fn clicks_cycle_through_what_lies_under_the_pointer_and_a_finding_selects_its_camera() {
    use sightline::app::edit::ItemKind;
    use sightline::app::Command;
    let mut h = harness(App::new(Some(sample("hotel-mistakes"))));
    // The lobby zone lies under the lobby space: clicking again picks the zone.
    let zone = site(&h).floors[0].zones[0].clone();
    let [lo, hi] = sightline::model::bounds(zone.polygon.iter().copied()).expect("zone");
    let at = [
        lo[0] + 0.37 * (hi[0] - lo[0]),
        lo[1] + 0.23 * (hi[1] - lo[1]),
    ];
    let p = screen(&h, at);
    click(&mut h, p);
    let first = *h.state().selection.iter().next().expect("something picked");
    assert_eq!(first.kind, ItemKind::Space);
    // Slowly enough not to be a double-click.
    std::thread::sleep(std::time::Duration::from_millis(400));
    click(&mut h, p);
    let second = *h.state().selection.iter().next().expect("something picked");
    assert_eq!(second.kind, ItemKind::Zone);
    assert_eq!(h.state().selection.len(), 1);
    // A finding about a camera and a space selects the camera alone, so its properties show.
    let doc = h.state().doc.as_ref().expect("doc");
    let i = doc
        .checker
        .findings()
        .iter()
        .position(|f| f.subjects.len() == 2 && f.subjects[0].starts_with("c-"))
        .expect("a finding about a camera and a space");
    let camera = doc.checker.findings()[i].subjects[0].clone();
    h.state_mut().command(Command::ShowFinding(i));
    h.run();
    let sel: Vec<_> = h.state().selection.iter().copied().collect();
    assert_eq!(sel.len(), 1);
    assert_eq!(sel[0].kind, ItemKind::Device);
    let fl = h.state().floor_index();
    assert_eq!(site(&h).floors[fl].devices[sel[0].index].id, camera);
    assert!(h.query_by_label(&format!("Camera {camera}")).is_some());
}

#[test]
fn help_lists_the_command_table_with_keys_as_printed_in_both_languages() {
    let mut h = harness(App::new(Some(sample("office"))));
    h.key_press(egui::Key::F1);
    h.run();
    assert!(
        h.query_by_label("Ctrl+Shift+Z  Ctrl+Y").is_some(),
        "redo's two keys"
    );
    assert!(
        h.query_by_label("+  =").is_some(),
        "zoom in: no 'Plus Equals'"
    );
    assert!(h.query_by_label("←  →  ↑  ↓").is_some());
    h.get_by_label("中文").click();
    h.run();
    assert_eq!(
        h.query_all_by_label("键盘快捷键").count(),
        2,
        "title and F1's row"
    );
    assert!(h.query_by_label("所选对象移动 0.1 米").is_some());
    assert!(
        h.query_by_label("Enter  双击").is_some(),
        "pointer rows in Chinese"
    );
    assert!(h.query_by_label("Enter  Double-click").is_none());
    // Esc closes it.
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.query_all_by_label("键盘快捷键").count(), 0);
}

#[test]
fn walls_are_drawn_to_exact_lengths_by_typing_with_shift_and_on_walls_at_grid_points() {
    use egui::{Event, Key, Modifiers};
    let mut h = harness(App::new(None));
    h.key_press(Key::W);
    h.run();
    let origin = screen(&h, [0.0, 0.0]);
    click(&mut h, origin);
    // Towards the right, type 5 and Enter: the next point is exactly 5 m away.
    let right = screen(&h, [3.0, 0.2]);
    h.hover_at(right);
    h.run();
    h.event(Event::Text("5".into()));
    h.run();
    assert_eq!(h.state().typed, "5");
    h.key_press(Key::Enter);
    h.run();
    // "3<90": 3 m at 90°.
    h.event(Event::Text("3<90".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    // Shift holds the next side to 0°/45°/90° at whole grid steps.
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    let near = screen(&h, [1.07, 3.23]);
    click(&mut h, near);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let walls = &site(&h).floors[0].walls;
    assert_eq!(walls.len(), 1);
    assert_eq!(
        walls[0].points,
        vec![[0.0, 0.0], [5.0, 0.0], [5.0, 3.0], [1.0, 3.0]]
    );
    // A new wall started on the first one lands where it crosses the grid, not at the raw
    // foot of the pointer.
    let on_wall = screen(&h, [3.06, 0.03]);
    click(&mut h, on_wall);
    match &h.state().gesture {
        sightline::app::Gesture::Points { points } => assert_eq!(points, &[[3.0, 0.0]]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_legend_and_other_layers_can_be_hidden_from_the_view_menu() {
    let mut h = harness(App::new(Some(sample("gym-mistakes"))));
    assert!(h.state().shown.legend);
    h.key_press(egui::Key::L);
    h.run();
    assert!(!h.state().shown.legend, "L hides the legend");
    h.key_press(egui::Key::L);
    h.run();
    // A click on its title folds it to that title, and selects nothing on the plan under it.
    let rb = h.state().last_canvas.expect("canvas").right_bottom();
    click(&mut h, rb - egui::vec2(30.0, 243.0));
    assert!(h.state().shown.legend && !h.state().shown.legend_open);
    assert!(h.state().selection.is_empty());
    click(&mut h, rb - egui::vec2(30.0, 27.0));
    assert!(h.state().shown.legend_open, "and opens again");
    h.key_press(egui::Key::L);
    h.run();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Finding markers").click();
    h.run();
    assert!(!h.state().shown.markers);
    // Without markers the finding's spot shows the plan under it, not the marker's red.
    let before = window_pixels(&h);
    let ppp = h.output().pixels_per_point as f64;
    let tf = h.state().last_view.expect("canvas");
    let doc = h.state().doc.as_ref().expect("doc");
    let at = doc
        .checker
        .findings()
        .iter()
        .find_map(|f| f.at.filter(|_| f.floor_index == Some(0)))
        .expect("a finding on the plan");
    let s = tf.screen(at);
    let c = pixel(&before, s.x as f64 * ppp, s.y as f64 * ppp);
    assert!(
        !near(c, sightline::scene::palette::FINDING.rgb(), 10),
        "{c:?}"
    );
}

#[test]
fn typing_in_a_field_then_clicking_the_plan_gives_the_keys_back_and_enter_adds_no_newline() {
    let mut h = harness(App::new(Some(sample("hotel"))));
    // Select the main sign and type its text, ending with Enter.
    let g = site(&h).floors[0].signs[0].clone();
    let at = screen(&h, g.position);
    click(&mut h, at);
    h.get_by_label("Text").click();
    h.run();
    h.key_press(egui::Key::End);
    h.run();
    h.event(egui::Event::Text(" — ok".into()));
    h.key_press(egui::Key::Enter);
    h.run();
    let text = &site(&h).floors[0].signs[0].text;
    assert!(text.ends_with(" — ok") && !text.contains('\n'), "{text:?}");
    // Type again without Enter (the field keeps the keyboard), click an empty part of the
    // plan, then W: the wall tool, not a "w" in the field.
    h.get_by_label("Text").click();
    h.run();
    h.key_press(egui::Key::End);
    h.event(egui::Event::Text("!".into()));
    h.run();
    let empty = h.state().last_canvas.expect("canvas").left_top() + egui::vec2(8.0, 8.0);
    click(&mut h, empty);
    h.key_press(egui::Key::W);
    h.run();
    assert_eq!(h.state().tool, sightline::app::tools::Tool::Wall);
    let text = &site(&h).floors[0].signs[0].text;
    assert!(text.ends_with(" — ok!"), "{text:?}");
}

#[test]
fn the_file_window_lists_the_folder_and_opens_what_is_clicked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hotel.site.json");
    std::fs::copy(sample("hotel"), &file).expect("copy");
    std::fs::copy(sample("gym"), dir.path().join("gym.site.json")).expect("copy");
    std::fs::write(dir.path().join("notes.txt"), "not a site").expect("write");
    std::fs::create_dir(dir.path().join("older")).expect("mkdir");
    let mut h = harness(App::new(Some(file)));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    // Sites and folders are listed, other files are not.
    assert!(h.query_by_label("📁 older").is_some());
    assert!(h.query_by_label("gym.site.json").is_some());
    assert!(h.query_by_label("notes.txt").is_none());
    h.get_by_label("gym.site.json").click();
    h.run();
    h.get_by_label("OK").click();
    h.run();
    assert_eq!(site(&h).name, "Blue Wave Fitness & Pool");
}

#[test]
fn the_object_list_finds_by_name_shows_findings_and_selects() {
    use sightline::app::edit::ItemKind;
    let mut h = harness(App::new(Some(sample("gym-mistakes"))));
    h.get_by_label("Objects").click();
    h.run();
    h.get_by_label("Find").click();
    h.run();
    h.event(egui::Event::Text("corridor".into()));
    h.run();
    // The corridor camera films two changing rooms: two findings name it first.
    let row = "c-corridor · Corridor CCTV";
    assert!(h.query_by_label(row).is_some());
    assert!(h.query_by_label(" ⚠ 2 ").is_some(), "its findings badge");
    assert!(
        h.query_by_label("c-pool · Pool hall CCTV").is_none(),
        "filtered out"
    );
    h.get_by_label(row).click();
    h.run();
    let sel: Vec<_> = h.state().selection.iter().copied().collect();
    assert_eq!(sel.len(), 1);
    assert_eq!(sel[0].kind, ItemKind::Device);
    assert_eq!(site(&h).floors[0].devices[sel[0].index].id, "c-corridor");
}

#[test]
fn ctrl_click_inside_walls_makes_the_room_they_enclose() {
    use egui::{Event, Key, Modifiers};
    let mut h = harness(App::new(None));
    // A 5 × 4 m room of 0.2 m walls, drawn with typed lengths.
    h.key_press(Key::W);
    h.run();
    let origin = screen(&h, [0.0, 0.0]);
    click(&mut h, origin);
    for typed in ["5<0", "4<90", "5<180", "4<270"] {
        h.event(Event::Text(typed.into()));
        h.key_press(Key::Enter);
        h.run();
    }
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(site(&h).floors[0].walls.len(), 1);
    // Space tool, Ctrl+click inside.
    h.key_press(Key::R);
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::COMMAND));
    let inside = screen(&h, [2.0, 1.5]);
    click(&mut h, inside);
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let spaces = &site(&h).floors[0].spaces;
    assert_eq!(spaces.len(), 1);
    let [lo, hi] = sightline::model::bounds(spaces[0].polygon.iter().copied()).expect("room");
    // Between the walls' faces: 4.8 × 3.8 m, to the 5 cm grid.
    assert!(
        (hi[0] - lo[0] - 4.8).abs() < 0.06 && (hi[1] - lo[1] - 3.8).abs() < 0.06,
        "{lo:?} {hi:?}"
    );
}

#[test]
fn a_camera_placed_with_shift_is_aimed_in_15_degree_steps_even_if_shift_goes_up_with_the_button() {
    use egui::{Event, Modifiers, PointerButton};
    let mut h = harness(App::new(None));
    h.key_press(egui::Key::K);
    h.run();
    // From (2, 2) towards (4.57, 4.44): a bearing of 43.5°.
    let (from, to) = (screen(&h, [2.0, 2.0]), screen(&h, [4.57, 4.44]));
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    for k in 1..=8 {
        h.hover_at(from + (to - from) * (k as f32 / 8.0));
        h.run();
    }
    // The button goes up with Shift held, and Shift goes up in the same frame (as a quick hand
    // or xdotool does it).
    let input = h.input_mut();
    input.events.push(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::SHIFT,
    });
    input.events.push(Event::ModifiersChanged(Modifiers::NONE));
    h.run();
    let d = &site(&h).floors[0].devices[0];
    assert_eq!((d.position, d.heading), ([2.0, 2.0], 45.0));
}

#[test]
fn a_floor_with_thousands_of_findings_lays_out_only_the_cards_in_view() {
    let (_dir, mut h) = level_harness(1660, 500);
    h.run();
    let n = h
        .state()
        .doc
        .as_ref()
        .expect("open")
        .checker
        .findings()
        .len();
    assert!(n > 1000, "{n}");
    // The list's title counts them all, but only a screenful of cards exists.
    let cards = h.query_all_by_label_contains("A13-").count()
        + h.query_all_by_label_contains("R799-").count();
    assert!((1..40).contains(&cards), "{cards} cards laid out of {n}");
}

#[test]
fn on_a_large_floor_a_dragged_camera_is_drawn_over_the_scene_until_the_drag_ends() {
    let (_dir, mut h) = level_harness(4000, 400);
    h.run();
    let camera = site(&h).floors[0].devices[0].clone();
    h.state_mut().look_at(camera.position, Some(40.0));
    h.run();
    let before = h.state().scene_revision();
    let at = screen(&h, camera.position);
    click(&mut h, at);
    let to = at + egui::vec2(40.0, 0.0);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.run();
    for k in 1..=4 {
        h.hover_at(at + (to - at) * (k as f32 / 4.0));
        h.run();
        // The camera moves in the site, its drawing over the old scene.
        let dragged = h
            .state()
            .dragged_over_scene()
            .expect("drawn over the scene");
        assert!(dragged.contains(&sightline::scene::Subject::Device(0)));
        assert_eq!(h.state().scene_revision(), before, "not rebuilt mid-drag");
    }
    h.drop_at(to);
    h.run();
    assert!(h.state().dragged_over_scene().is_none());
    let moved = &site(&h).floors[0].devices[0];
    assert!(
        (moved.position[0] - camera.position[0] - 1.0).abs() < 0.01,
        "{moved:?}"
    );
    let revision = h.state().doc.as_ref().expect("open").revision;
    assert_eq!(
        h.state().scene_revision(),
        Some(revision),
        "rebuilt at the end"
    );
}

/// Pans the plan by a right-drag of (36, 24) points from the canvas's centre; returns how far
/// the plan moved on screen.
fn pan(h: &mut Harness<'static, App>) -> egui::Vec2 {
    use egui::{Event, Modifiers, PointerButton};
    let before = h.state().last_view.expect("view");
    let at = h.state().last_canvas.expect("canvas").center();
    h.event(Event::PointerMoved(at));
    h.event(Event::PointerButton {
        pos: at,
        button: PointerButton::Secondary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    for k in 1..=6 {
        h.event(Event::PointerMoved(
            at + egui::vec2(6.0 * k as f32, 4.0 * k as f32),
        ));
    }
    h.event(Event::PointerButton {
        pos: at + egui::vec2(36.0, 24.0),
        button: PointerButton::Secondary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    let after = h.state().last_view.expect("view");
    let moved = after.screen([0.0, 0.0]) - before.screen([0.0, 0.0]);
    assert!(moved.length() > 10.0, "the plan was panned: {moved:?}");
    moved
}

/// The biggest mesh painted in the last frame.
fn biggest_mesh(h: &Harness<'static, App>) -> std::sync::Arc<egui::Mesh> {
    h.output()
        .shapes
        .iter()
        .filter_map(|c| match &c.shape {
            egui::Shape::Mesh(m) => Some(m.clone()),
            _ => None,
        })
        .max_by_key(|m| m.vertices.len())
        .expect("a mesh")
}

#[test]
fn a_large_floor_is_drawn_from_one_kept_mesh_that_a_pan_moves() {
    // Zoomed in to 5 px a metre: the kept layers are a mesh (far out they become an image).
    let (_dir, mut h) = level_harness(4000, 400);
    let floor = &site(&h).floors[0];
    let middle = floor.walls[floor.walls.len() / 2].points[0];
    h.state_mut().look_at(middle, Some(5.0));
    // Kept once the scale has held for two frames.
    for _ in 0..4 {
        h.step();
    }
    let kept = biggest_mesh(&h);
    assert!(kept.vertices.len() > 100_000, "{}", kept.vertices.len());
    let shapes = h.output().shapes.len();
    assert!(
        shapes < 5_000,
        "{shapes} shapes: the walls and rooms are in the one mesh"
    );
    let moved = pan(&mut h);
    let panned = biggest_mesh(&h);
    assert_eq!(panned.vertices.len(), kept.vertices.len(), "the same mesh");
    let shift = panned.vertices[0].pos - kept.vertices[0].pos;
    assert!((shift - moved).length() < 0.01, "{shift:?} vs {moved:?}");
}

#[test]
fn a_whole_large_floor_is_painted_once_into_an_image_that_a_pan_moves() {
    let (_dir, mut h) = level_harness(4000, 400);
    for _ in 0..3 {
        h.step();
    }
    let tf = h.state().last_view.expect("view");
    assert!(
        tf.scale < 4.0,
        "the whole floor, far out: {} px/m",
        tf.scale
    );
    // Until the image is painted on another thread, the layers are one kept mesh.
    assert!(h.state().far_image_pending());
    let mesh = biggest_mesh(&h);
    assert!(mesh.vertices.len() > 100_000);
    // Then the frame that takes the image in draws it as one textured shape.
    for _ in 0..1000 {
        if !h.state().far_image_pending() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(!h.state().far_image_pending(), "painted within 10 s");
    let textured = |h: &Harness<'static, App>| {
        h.output()
            .shapes
            .iter()
            .map(|c| (c.shape.texture_id(), c.shape.visual_bounding_rect()))
            .filter(|(id, _)| *id != egui::TextureId::default())
            .collect::<Vec<_>>()
    };
    let drawn = textured(&h);
    assert_eq!(drawn.len(), 1, "one textured rectangle: {drawn:?}");
    let (texture, rect) = drawn[0];
    let meta = h
        .ctx
        .tex_manager()
        .read()
        .meta(texture)
        .cloned()
        .expect("a texture");
    assert_eq!(meta.name, "sightline-far-floor");
    // One pixel a point, the image covering what the mesh drew, on whole pixels.
    assert_eq!(meta.size[0] as f32, rect.width());
    assert_eq!(meta.size[1] as f32, rect.height());
    let bounds = mesh.calc_bounds();
    assert_eq!(rect.min, bounds.min.floor(), "{bounds:?}");
    assert_eq!(rect.max, bounds.max.ceil(), "{bounds:?}");
    assert!(rect.width() > 500.0, "{rect:?}");
    // No million-vertex mesh any more: what is left are markers and panels.
    assert!(biggest_mesh(&h).vertices.len() < 50_000);
    // A pan moves the one image; nothing is painted again.
    let moved = pan(&mut h);
    let after = textured(&h);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].0, texture);
    assert!(((after[0].1.min - rect.min) - moved).length() < 0.01);
    assert!(!h.state().far_image_pending());
}

/// The review-rooms checklist (issue 24): the spaces whose kind the importer guessed are listed
/// at the head of the findings panel, private kinds first with their area; Confirm clears one
/// in one click (one undo step), a kind chosen in its list sets it, Confirm all clears the rest.
#[test]
fn review_rooms_checklist_confirms_and_changes_kinds_in_one_click() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("review.site.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(sample("office")).expect("sample"))
            .expect("json");
    let spaces = v["floors"][0]["spaces"].as_array_mut().expect("spaces");
    assert!(spaces.len() >= 2);
    for s in spaces.iter_mut() {
        s["review"] = serde_json::json!(true);
    }
    spaces[1]["kind"] = serde_json::json!("toilet");
    spaces[1]["name"] = serde_json::json!("卫生间 WC");
    let toilet_id = spaces[1]["id"].as_str().expect("id").to_string();
    let n = spaces.len();
    std::fs::write(&file, serde_json::to_vec(&v).expect("encode")).expect("write");
    let mut h = harness(App::new(Some(file)));
    h.get_by_label(&format!("☑ Review rooms ({n})"));
    // The private one leads the list with its area.
    let first_name = h
        .query_all_by_label_contains("卫生间 WC")
        .next()
        .expect("listed")
        .rect()
        .top();
    let others = site(&h).floors[0]
        .spaces
        .iter()
        .filter(|s| s.id != toilet_id && !s.name.is_empty())
        .filter_map(|s| {
            h.query_all_by_label_contains(&s.name)
                .next()
                .map(|r| r.rect().top())
        })
        .collect::<Vec<_>>();
    assert!(
        others.iter().all(|&y| y >= first_name),
        "the toilet is listed first"
    );
    // Confirm the first row: the toilet, kept a toilet, no longer to review.
    h.query_all_by_label("Confirm")
        .next()
        .expect("a Confirm button")
        .click();
    h.run();
    let toilet = site(&h).floors[0]
        .spaces
        .iter()
        .find(|s| s.id == toilet_id)
        .expect("toilet")
        .clone();
    assert!(!toilet.review);
    assert_eq!(toilet.kind, sightline::model::SpaceKind::Toilet);
    h.get_by_label(&format!("☑ Review rooms ({})", n - 1));
    // Undo brings it back to review; redo confirms it again.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.get_by_label(&format!("☑ Review rooms ({n})"));
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    h.run();
    // Confirm all shown: nothing left to review, the checklist is gone.
    h.get_by_label("Confirm all shown").click();
    h.run();
    assert!(site(&h).floors[0].spaces.iter().all(|s| !s.review));
    assert!(h.query_by_label_contains("Review rooms").is_none());
    assert!(h.query_by_label_contains("PLAN-REVIEW").is_none());
}

/// The Import plan window fits a 1280 × 720 screen on a real plan with many layers: its body
/// scrolls and its Import and Cancel buttons stay on the screen.
#[test]
fn the_import_window_fits_a_small_screen() {
    let plan =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/cad/azure_contoso_v2_Ground.dwg");
    let mut h = Harness::builder()
        .with_size(egui::Vec2::new(1280.0, 720.0))
        .with_max_steps(40)
        .with_context_setup(sightline::app::install_fonts)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), App::new(Some(plan)));
    h.run();
    for label in [
        "Import as a new floor",
        "Import into the current floor",
        "Cancel",
    ] {
        let r = h.get_by_label(label).rect();
        assert!(
            r.bottom() <= 720.0 && r.right() <= 1280.0 && r.top() >= 0.0,
            "{label} at {r:?}"
        );
    }
}

/// A one-camera site in a temporary folder: a corridor camera across from a toilet door.
fn corridor_harness() -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("corridor.site.json");
    let doc = serde_json::json!({
        "format": "sightline-site", "version": 1, "name": "Corridor",
        "floors": [{ "id": "F1", "name": "1F",
            "walls": [{ "id": "w", "points": [[0, 2], [20, 2]] }],
            "openings": [{ "id": "door", "kind": "door", "a": [4, 2], "b": [5, 2] }],
            "spaces": [{ "id": "wc", "name": "Toilet", "kind": "toilet",
                         "polygon": [[0, 2], [20, 2], [20, 6], [0, 6]] }],
            "devices": [{ "id": "dome", "position": [4.5, 0.05], "heading": 90, "fov": 90,
                          "range": 10, "mount_height": 2.8, "face_recognition": false,
                          "purpose": "public_safety", "necessity": "Corridor thefts" }] }]
    });
    std::fs::write(&path, doc.to_string()).expect("write");
    let mut h = harness(App::new(Some(path)));
    h.state_mut().selection = [sightline::app::edit::ItemRef {
        kind: sightline::app::edit::ItemKind::Device,
        index: 0,
    }]
    .into();
    h.run();
    (dir, h)
}

#[test]
fn choosing_a_catalogue_model_fills_the_camera_in_one_undoable_edit() {
    let (_dir, mut h) = corridor_harness();
    let m = sightline::model::catalogue::find("hikvision-ds-2cd2043g2-iu").expect("model");
    let lens = &m.lenses[1];
    h.get_by_label("Model").click();
    h.run();
    h.get_by_label(&format!(
        "Hikvision DS-2CD2043G2-IU · bullet · 4 mm 84°×{}°",
        lens.vfov
    ))
    .click();
    h.run();
    let device = |h: &Harness<'static, App>| {
        h.state().doc.as_ref().expect("doc").site.floors[0].devices[0].clone()
    };
    let d = device(&h);
    assert_eq!(d.model.as_deref(), Some("hikvision-ds-2cd2043g2-iu"));
    assert_eq!(d.resolution, Some([2688, 1520]));
    assert_eq!(
        (d.fov, d.vfov_given, d.lens_mm),
        (84.0, Some(lens.vfov), Some(4.0))
    );
    // The picker now names the model and lens.
    assert_eq!(
        h.get_by_label("Model").value().as_deref(),
        Some(
            format!(
                "Hikvision DS-2CD2043G2-IU · bullet · 4 mm 84°×{}°",
                lens.vfov
            )
            .as_str()
        )
    );
    // One undo takes all four fields back.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let d = device(&h);
    assert_eq!(
        (d.model, d.resolution, d.fov, d.vfov_given, d.lens_mm),
        (None, None, 90.0, None, None)
    );
}

#[test]
fn tilting_the_corridor_camera_clears_its_view_into_the_toilet() {
    // As a planner does it: a Hikvision 6 mm bullet for the corridor camera, then tilt it
    // down with the slider until it no longer films through the toilet door.
    let (_dir, mut h) = corridor_harness();
    assert!(h.query_by_label("R799-A8-VIEW").is_some());
    let m = sightline::model::catalogue::find("hikvision-ds-2cd2043g2-iu").expect("model");
    h.get_by_label("Model").click();
    h.run();
    h.get_by_label(&format!(
        "Hikvision DS-2CD2043G2-IU · bullet · 6 mm 52°×{}°",
        m.lenses[2].vfov
    ))
    .click();
    h.run();
    // Tick "Tilt": 30° by default, still through the door; the side view appears.
    h.get_by_label("Tilt (below horizontal)").click();
    h.run();
    let tilt = |h: &Harness<'static, App>| {
        h.state().doc.as_ref().expect("doc").site.floors[0].devices[0].tilt
    };
    assert_eq!(tilt(&h), Some(30.0));
    assert!(h.query_by_label("Side view").is_some());
    assert!(h.query_by_label("R799-A8-VIEW").is_some());
    // The slider, by keyboard: 0.5° a step. At 75° the bottom of the picture (15.5° above
    // the axis) meets the floor 1.70 m out, before the door 1.95 m away.
    h.get_by_role(egui::accesskit::Role::Slider).focus();
    h.run();
    for _ in 0..90 {
        h.key_press(egui::Key::ArrowRight);
        h.run();
    }
    assert_eq!(tilt(&h), Some(75.0));
    assert!(h.query_by_label("R799-A8-VIEW").is_none());
    // Setting the tilt and sliding it are edits of one field in a row: one undo step takes
    // the camera back to no tilt (once the slider lets the keyboard go), and the finding back.
    h.key_press(egui::Key::Escape);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(tilt(&h), None);
    assert!(h.query_by_label("R799-A8-VIEW").is_some());
}

#[test]
fn the_model_picker_searches_brand_and_model() {
    let (_dir, mut h) = corridor_harness();
    h.get_by_label("Model").click();
    h.run();
    assert_eq!(h.query_all_by_label_contains("IPC-HDW2441T-S").count(), 2);
    // The search field is the popup's only text field with no value yet but its hint.
    let search = h
        .get_all_by_role(egui::accesskit::Role::TextInput)
        .last()
        .expect("the search field");
    search.focus();
    h.run();
    h.get_all_by_role(egui::accesskit::Role::TextInput)
        .last()
        .expect("the search field")
        .type_text("大华 fisheye");
    h.run();
    assert_eq!(h.query_all_by_label_contains("DH-IPC-EBW81240").count(), 1);
    assert_eq!(h.query_all_by_label_contains("IPC-HDW2441T-S").count(), 0);
    assert_eq!(h.query_all_by_label_contains("Hikvision").count(), 0);
}

/// The geometric violations of the open site.
fn geometric_left(h: &Harness<'static, App>) -> usize {
    findings_where(h, |f| {
        f.severity == sightline::rules::Severity::Violation && sightline::fix::geometric(f.rule)
    })
}

fn violations(h: &Harness<'static, App>) -> usize {
    findings_where(h, |f| f.severity == sightline::rules::Severity::Violation)
}

#[test]
fn the_hotel_is_brought_to_pass_for_geometry_with_apply_buttons_only() {
    let mut h = harness(App::new(Some(sample("hotel-mistakes"))));
    // The mirror inside room 305 (two), the dome filming room 303, the lobby's unsigned door.
    assert_eq!((violations(&h), geometric_left(&h)), (12, 4));
    // Each card in view shows its suggestion: a field to open, or a change to apply.
    assert!(h
        .query_by_label_contains("Offer people who decline c-kiosk another way")
        .is_some());
    let mut applied = 0;
    while geometric_left(&h) > 0 && applied < 10 {
        // The cards on this floor first; then the other floor's, which come into view.
        let Some(apply) = h.query_all_by_label("Apply").next() else {
            h.get_by_label("3F Guest rooms  (F3)").click();
            h.run();
            continue;
        };
        apply.click();
        h.run();
        applied += 1;
    }
    // The mirror removed, the dome turned, a sign at the lobby's east door: three clicks.
    assert_eq!(applied, 3);
    assert_eq!((violations(&h), geometric_left(&h)), (4, 0));
    let site = &h.state().doc.as_ref().expect("doc").site;
    assert!(site.floors[1]
        .devices
        .iter()
        .all(|d| d.id != "c-305-mirror"));
    assert!(site.floors[0].signs.iter().any(|g| g.id == "g-fix-1"));
    // Each was one step: three undos bring every finding back.
    for _ in 0..3 {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        h.run();
    }
    assert_eq!(violations(&h), 12);
}

#[test]
fn fix_all_applies_every_geometric_change_as_one_step_and_says_what_it_did() {
    let mut h = harness(App::new(Some(sample("gym-mistakes"))));
    assert_eq!(geometric_left(&h), 4);
    h.get_by_label_contains("Fix all that geometry can").click();
    h.run();
    assert_eq!(geometric_left(&h), 0);
    assert!(h.query_by_label_contains("2 changes made").is_some());
    assert!(h.query_by_label_contains("Turn c-pool").is_some());
    // And what it did to coverage: the pool camera, narrowed, watches less of the floor.
    assert!(h
        .query_by_label_contains("Public places of G in some camera's view:")
        .is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(geometric_left(&h), 4);
}
