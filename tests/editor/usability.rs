//! The editor defects a new user hit on a real plan (issue 25), each kept fixed here.

use egui_kittest::kittest::Queryable;
use sightline::app::edit::{Edit, FloorFields, ItemKind};
use sightline::app::{App, Command};

use super::{click, drag, egui, harness, sample, screen, site, window_pixels};

/// Types text as a keyboard does: for each character its key (when it has one) and its text.
fn type_text(h: &mut egui_kittest::Harness<'static, App>, text: &str) {
    for c in text.chars() {
        let key = egui::Key::from_name(&c.to_ascii_uppercase().to_string());
        if let Some(key) = key {
            h.event(egui::Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            });
        }
        h.event(egui::Event::Text(c.to_string()));
        if let Some(key) = key {
            h.event(egui::Event::Key {
                key,
                physical_key: None,
                pressed: false,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            });
        }
        h.run();
    }
}

fn prompt_text(h: &egui_kittest::Harness<'static, App>) -> String {
    h.state()
        .path_prompt
        .as_ref()
        .expect("the file window is open")
        .text
        .clone()
}

#[test]
fn a_typed_path_replaces_the_suggested_one_in_save_as_export_and_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hotel.site.json");
    std::fs::copy(sample("hotel"), &file).expect("copy");
    let plans = dir.path().join("plans");
    std::fs::create_dir(&plans).expect("mkdir");
    let mut h = harness(App::new(Some(file.clone())));
    // Save As suggests the site's own path; a full path typed over it replaces it whole.
    h.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::S,
    );
    h.run();
    assert_eq!(prompt_text(&h), file.display().to_string());
    let new = plans.join("new.site.json");
    type_text(&mut h, &new.display().to_string());
    assert_eq!(prompt_text(&h), new.display().to_string());
    h.get_by_label("OK").click();
    h.run();
    assert!(new.is_file(), "saved where typed");
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.path.clone()),
        Some(new.clone())
    );
    // Export: a file name typed replaces only the suggested name, in the site's folder.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    type_text(&mut h, "lobby.png");
    assert_eq!(
        prompt_text(&h),
        plans.join("lobby.png").display().to_string()
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().path_prompt.is_none());
    // Open suggests the folder, selected whole: a name typed is found in that folder.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    type_text(&mut h, "new.site.json");
    assert_eq!(prompt_text(&h), "new.site.json");
    h.get_by_label("OK").click();
    h.run();
    assert!(h.state().path_prompt.is_none(), "{:?}", h.state().error);
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.path.clone()),
        Some(new)
    );
    // Nothing typed went to the tools behind the window (W, N, E, S, O are tool keys).
    assert_eq!(h.state().tool, sightline::app::tools::Tool::Select);
}

#[test]
fn a_failed_save_changes_nothing_and_a_good_one_rebases_the_underlay_and_its_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (file, img) = super::office_and_scan(dir.path());
    let mut h = harness(App::new(Some(file.clone())));
    h.state_mut()
        .command(Command::ImportUnderlayFrom(img.clone()));
    h.run();
    let image = |h: &egui_kittest::Harness<'static, App>| {
        site(h).floors[0].underlay.as_ref().map(|u| u.image.clone())
    };
    assert_eq!(image(&h).as_deref(), Some("scan.png"));
    // Placed (an undo step that holds the picture's path as it was then).
    let doc = h.state_mut().doc.as_mut().expect("doc");
    let mut fields = FloorFields::of(&doc.site.floors[0]);
    if let Some(u) = fields.underlay.as_mut() {
        u.origin = [3.0, 4.0];
        u.metres_per_pixel = 0.05;
        u.opacity = 0.4;
    }
    doc.apply(Edit::FloorFields {
        floor: 0,
        fields: Box::new(fields),
    });
    // Into a folder that does not exist: an error, and the site, its path and the underlay
    // are as they were.
    let before = site(&h).clone();
    let missing = dir.path().join("no such folder").join("new.site.json");
    h.state_mut().command(Command::SaveTo(missing));
    h.run();
    assert!(h.state().error.is_some());
    assert_eq!(site(&h), &before);
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.path.clone()),
        Some(file)
    );
    // Into a sub-folder: the file and the open site say "../scan.png", ...
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("mkdir");
    let saved = sub.join("new.site.json");
    h.state_mut().command(Command::SaveTo(saved.clone()));
    h.run();
    assert_eq!(image(&h).as_deref(), Some("../scan.png"));
    let on_disk = sightline::model::load(&saved).expect("load");
    assert_eq!(
        on_disk.floors[0]
            .underlay
            .as_ref()
            .map(|u| u.image.as_str()),
        Some("../scan.png")
    );
    // ... the rebase is no undo step of its own: undo takes back the placing, with the path
    // as seen from the new file (never the old folder's "scan.png"), then the import; redo
    // brings both back the same way.
    let doc = h.state_mut().doc.as_mut().expect("doc");
    assert!(doc.undo());
    let u = doc.site.floors[0].underlay.clone().expect("underlay");
    assert_eq!((u.image.as_str(), u.origin), ("../scan.png", [0.0, 0.0]));
    assert!(doc.undo());
    assert_eq!(doc.site.floors[0].underlay, None);
    assert!(doc.redo() && doc.redo());
    let u = doc.site.floors[0].underlay.clone().expect("underlay");
    assert_eq!((u.image.as_str(), u.origin), ("../scan.png", [3.0, 4.0]));
    // Importing a newer scan keeps where and how large the picture was placed.
    let newer = dir.path().join("scan-v2.png");
    std::fs::copy(&img, &newer).expect("copy");
    h.state_mut().command(Command::ImportUnderlayFrom(newer));
    h.run();
    let u = site(&h).floors[0].underlay.clone().expect("underlay");
    assert_eq!(u.image, "../scan-v2.png");
    assert_eq!(
        (u.origin, u.metres_per_pixel, u.opacity),
        ([3.0, 4.0], 0.05, 0.4)
    );
}

#[test]
fn tool_keys_act_only_when_the_plan_has_the_keyboard() {
    use sightline::app::tools::Tool;
    let mut h = harness(App::new(Some(sample("hotel"))));
    // Import plan takes the keyboard to its file field: a path typed at once goes there.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::I);
    h.run();
    h.run();
    type_text(&mut h, "wall.dxf");
    assert_eq!(
        h.state().tool,
        Tool::Select,
        "no tool switched behind the window"
    );
    assert_eq!(
        h.state()
            .import_dialog
            .as_ref()
            .expect("Import plan is open")
            .path_text,
        "wall.dxf"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().import_dialog.is_none());
    // A click on the side panel beside its fields (on nothing) and a sentence typed: no tools.
    let left = h.state().last_canvas.expect("canvas").left();
    let panel = egui::pos2(left - 40.0, 600.0);
    click(&mut h, panel);
    type_text(&mut h, "wrong camera");
    assert_eq!(h.state().tool, Tool::Select);
    assert!(h.state().selection.is_empty());
    // A click on the plan gives it the keyboard back: C is the FR camera tool again.
    let plan = h.state().last_canvas.expect("canvas").center();
    click(&mut h, plan);
    h.key_press(egui::Key::C);
    h.run();
    assert_eq!(h.state().tool, Tool::FrCamera);
    // Shortcuts with Ctrl still work from anywhere (Ctrl+Z after a click on the panel).
    click(&mut h, panel);
    h.key_press(egui::Key::V);
    h.run();
    assert_eq!(h.state().tool, Tool::FrCamera, "V went nowhere");
}

#[test]
fn cameras_win_picking_markers_keep_off_them_and_their_dot_is_14_px_at_any_zoom() {
    use sightline::scene::{palette, symbol};
    let mut h = harness(App::new(Some(sample("hotel-mistakes"))));
    // A camera with a finding marker on its very spot.
    let doc = h.state().doc.as_ref().expect("doc");
    let findings = doc.checker.findings().to_vec();
    let marks: Vec<[f64; 2]> = findings
        .iter()
        .filter(|f| f.floor_index == Some(0))
        .filter_map(|f| f.at)
        .collect();
    let floor = &doc.site.floors[0];
    let (di, d) = floor
        .devices
        .iter()
        .enumerate()
        .find(|(_, d)| {
            marks
                .iter()
                .any(|a| (a[0] - d.position[0]).hypot(a[1] - d.position[1]) < 0.2)
        })
        .expect("a camera carrying a marker");
    let d = d.clone();
    let p = screen(&h, d.position);
    // Its centre shows the camera, not the marker's red.
    let pixels = window_pixels(&h);
    let ppp = h.output().pixels_per_point as f64;
    let at = super::pixel(&pixels, p.x as f64 * ppp, p.y as f64 * ppp);
    assert!(!super::near(at, palette::FINDING.rgb(), 40), "{at:?}");
    let off = sightline::scene::markers::GLYPH_CLEARANCE / 2f64.sqrt();
    let marker = super::pixel(&pixels, (p.x as f64 + off) * ppp, (p.y as f64 - off) * ppp);
    assert!(
        super::near(marker, palette::FINDING.rgb(), 30),
        "{marker:?}"
    );
    // A click selects it; a second click keeps it (not the space under it).
    click(&mut h, p);
    let selected: Vec<_> = h.state().selection.iter().copied().collect();
    assert_eq!(selected.len(), 1);
    assert_eq!(
        (selected[0].kind, selected[0].index),
        (ItemKind::Device, di)
    );
    std::thread::sleep(std::time::Duration::from_millis(400));
    click(&mut h, p);
    let again: Vec<_> = h.state().selection.iter().copied().collect();
    assert_eq!(again, selected);
    // Zoomed far out the dot is still 14 px across: its colour 6 px from the centre.
    const { assert!(symbol::DEVICE_RADIUS >= 7.0) };
    // (A camera on open ground 40 m beyond the plan, at 4 px a metre.)
    h.state_mut().selection.clear();
    let [_, hi] = sightline::model::bounds(
        site(&h).floors[0]
            .walls
            .iter()
            .flat_map(|w| w.points.iter().copied()),
    )
    .expect("walls");
    let lone = sightline::model::Device::new("c-lone", [hi[0] + 40.0, hi[1] + 40.0], 0.0, false);
    let doc = h.state_mut().doc.as_mut().expect("doc");
    let n = doc.site.floors[0].devices.len();
    doc.apply(Edit::Insert {
        floor: 0,
        index: n,
        item: Box::new(sightline::app::edit::Item::Device(lone.clone())),
    });
    let colour = palette::CAMERA_VIEW;
    h.state_mut().look_at(lone.position, Some(4.0));
    h.run();
    h.run();
    let p = screen(&h, lone.position);
    let pixels = window_pixels(&h);
    let centre = super::pixel(&pixels, p.x as f64 * ppp, p.y as f64 * ppp);
    assert!(super::near(centre, colour.rgb(), 40), "{centre:?}");
    // 5 px out in eight directions, the dot's colour (before: a 5 px dot).
    let same = (0..8)
        .map(|k| {
            let a = k as f64 * std::f64::consts::FRAC_PI_4;
            let (x, y) = (p.x as f64 + 5.0 * a.cos(), p.y as f64 + 5.0 * a.sin());
            super::pixel(&pixels, x * ppp, y * ppp)
        })
        .filter(|c| super::near(*c, centre, 12))
        .count();
    assert!(same >= 7, "{same} of 8");
}

#[test]
fn a_zone_corner_is_dragged_by_its_handle_and_an_fr_camera_dragged_into_a_zone_joins_it() {
    let mut h = harness(App::new(Some(sample("hotel-mistakes"))));
    let zone = site(&h).floors[0].zones[0].clone();
    // The zone selected (from the Objects list), its first corner dragged 1 m east.
    let a = zone.polygon[0];
    h.state_mut().selection = [sightline::app::edit::ItemRef {
        kind: ItemKind::Zone,
        index: 0,
    }]
    .into();
    h.run();
    let spaces_before = site(&h).floors[0].spaces.clone();
    let from = screen(&h, a);
    let to = screen(&h, [a[0] + 1.0, a[1]]);
    drag(&mut h, from, to);
    let moved = site(&h).floors[0].zones[0].polygon.clone();
    assert!(
        (moved[0][0] - (a[0] + 1.0)).abs() < 0.26,
        "{:?} → {:?}",
        a,
        moved[0]
    );
    assert_eq!(moved[1..], zone.polygon[1..]);
    assert_eq!(site(&h).floors[0].spaces, spaces_before, "no space moved");
    // An FR camera outside every zone, dragged into this one, joins it.
    let doc = h.state_mut().doc.as_mut().expect("doc");
    let [lo, hi] = sightline::model::bounds(zone.polygon.iter().copied()).expect("zone");
    let outside = [hi[0] + 30.0, hi[1] + 30.0];
    let mut d = sightline::model::Device::new("c-new", outside, 0.0, true);
    d.zone = None;
    let n = doc.site.floors[0].devices.len();
    doc.apply(Edit::Insert {
        floor: 0,
        index: n,
        item: Box::new(sightline::app::edit::Item::Device(d)),
    });
    h.state_mut().look_at(
        [(lo[0] + outside[0]) / 2.0, (lo[1] + outside[1]) / 2.0],
        Some(8.0),
    );
    h.run();
    h.run();
    let inside = [lo[0] + 0.4 * (hi[0] - lo[0]), lo[1] + 0.6 * (hi[1] - lo[1])];
    let (from, to) = (screen(&h, outside), screen(&h, inside));
    drag(&mut h, from, to);
    let d = &site(&h).floors[0].devices[n];
    assert!((d.position[0] - inside[0]).abs() < 0.6, "{:?}", d.position);
    assert_eq!(d.zone.as_deref(), Some(zone.id.as_str()));
}

#[test]
fn glass_is_drawn_as_thin_as_it_is_and_wall_stub_ends_make_no_entrances() {
    use sightline::scene::{Prim, Width};
    // A 4 m room of 0.5 m walls whose south wall stops 0.2 m short of the east wall, and
    // the east wall 0.2 m short of the corner: the centre lines leave a 0.4 m gap that the
    // drawn walls close. A glass wall (25 mm) with a window along it to the west.
    let doc = serde_json::json!({ "format": "sightline-site", "version": 1, "name": "stub", "floors": [{ "id": "F1",
        "walls": [
            { "id": "s", "points": [[0, 0], [3.8, 0]], "thickness": 0.5 },
            { "id": "e", "points": [[4, 0.2], [4, 4]], "thickness": 0.5 },
            { "id": "n", "points": [[4, 4], [0, 4], [0, 0]], "thickness": 0.5 },
            { "id": "g", "points": [[-6, 0], [-6, 4]], "thickness": 0.025 }],
        "openings": [{ "id": "win", "kind": "window", "a": [-6, 0.5], "b": [-6, 3.5] }],
        "zones": [{ "id": "z", "name": "Room", "polygon": [[0, 0], [4, 0], [4, 4], [0, 4]] }],
        "devices": [{ "id": "c", "position": [2, 2], "heading": 0, "fov": 90, "range": 3,
                      "face_recognition": true, "zone": "z" }],
        "signs": [{ "id": "g1", "position": [2, 3.8], "facing": 270 }] }] });
    let site: sightline::model::Site = serde_json::from_value(doc).expect("site");
    let analysis = sightline::analysis::Analysis::of(&site);
    let zone = &analysis.floors[0].zones[0];
    assert!(zone.entries.is_empty(), "{:?}", zone.entries);
    let findings = sightline::rules::check(&site, &analysis);
    assert!(
        findings
            .iter()
            .all(|f| f.rule.as_str() != "A13-UNSIGNED-ENTRY" && f.rule.as_str() != "A13-NO-SIGN"),
        "{findings:?}"
    );
    // The window on the glass is drawn as wide as the glass (plus 2 px), not as the floor's
    // thickest wall.
    let listed: Vec<&sightline::rules::Finding> = findings.iter().collect();
    let opts = sightline::scene::SceneOptions {
        lang: sightline::i18n::Lang::En,
        object_names: false,
        dori: Default::default(),
    };
    let scene = sightline::scene::Scene::build(&site, &analysis.floors[0], &listed, 0, &opts);
    let widths: Vec<Width> = scene
        .items
        .iter()
        .filter(|i| i.subject == Some(sightline::scene::Subject::Opening(0)))
        .filter_map(|i| match &i.prim {
            Prim::Path { line, .. } => Some(line.width),
            _ => None,
        })
        .collect();
    assert!(
        widths.iter().any(|w| (w.metres - 0.025).abs() < 1e-9),
        "{widths:?}"
    );
    assert!(widths.iter().all(|w| w.metres < 0.1), "{widths:?}");
}

#[test]
fn small_ones_status_expiry_objects_filter_info_markers_report_font_window_place_compass() {
    use sightline::app::Status;
    use sightline::i18n::Lang;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hotel.site.json");
    std::fs::copy(sample("hotel"), &file).expect("copy");
    let mut h = harness(App::new(Some(file.clone())));
    // The status bar says "Saved" in the language shown, and only for its moment.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let status = h.state().status.clone().expect("a status");
    assert!(status
        .text(Lang::En)
        .is_some_and(|t| t.starts_with("Saved")));
    assert!(status
        .text(Lang::Zh)
        .is_some_and(|t| t.starts_with("已保存")));
    h.get_by_label("中文").click();
    h.run();
    assert!(h.query_by_label_contains("已保存").is_some());
    h.state_mut().status.as_mut().expect("status").since -= Status::SHOWN;
    h.run();
    assert!(h.state().status.is_none() && h.query_by_label_contains("已保存").is_none());
    h.get_by_label("English").click();
    h.run();
    // The Objects filter belongs to the file it was typed for.
    h.state_mut().objects.search = "lobby".into();
    h.state_mut().command(Command::OpenPath(sample("office")));
    h.run();
    assert_eq!(h.state().objects.search, "");
    // Heading and facing say their compass point beside the degrees.
    h.state_mut()
        .command(Command::OpenPath(sample("hotel-mistakes")));
    h.run();
    let fi = 0;
    let di = site(&h).floors[fi]
        .devices
        .iter()
        .position(|d| !d.face_recognition)
        .expect("a camera");
    let heading = site(&h).floors[fi].devices[di].heading;
    h.state_mut().selection = [sightline::app::edit::ItemRef {
        kind: ItemKind::Device,
        index: di,
    }]
    .into();
    h.run();
    let word = sightline::i18n::compass(heading, Lang::En);
    assert!(h.query_by_label(word).is_some(), "{word} for {heading}°");
    // An informational finding's marker is drawn in the info colour, not the violation red.
    let site_doc = site(&h).clone();
    let analysis = sightline::analysis::Analysis::of(&site_doc);
    let mut findings = sightline::rules::check(&site_doc, &analysis);
    let i = findings
        .iter()
        .position(|f| f.floor_index == Some(0) && f.at.is_some())
        .expect("a finding on the plan");
    findings[i].severity = sightline::rules::Severity::Info;
    let opts = sightline::render::RenderOptions {
        width_px: 1600,
        lang: Lang::En,
        date: "2026-01-01".into(),
        base_dir: None,
        view: None,
        dori: Default::default(),
    };
    let drawn = sightline::render::floor_svg(&site_doc, &analysis, &findings, 0, &opts);
    let info = sightline::scene::palette::INFO;
    let info_hex = format!(
        "#{:02X}{:02X}{:02X}",
        info.rgb()[0],
        info.rgb()[1],
        info.rgb()[2]
    );
    assert!(
        drawn
            .svg
            .to_uppercase()
            .contains(&format!("FILL=\"{info_hex}\"")),
        "no marker in {info_hex}"
    );
    // The report's inline plan names the bundled font, not a serif fallback.
    let report = sightline::report::html(
        &site_doc,
        &analysis,
        &findings,
        &sightline::report::ReportOptions {
            lang: None,
            date: "2026-01-01".into(),
            base_dir: None,
        },
    );
    assert!(
        report.html.contains(r#".floor svg { width: 100%; height: auto; border: 1px solid #ddd; font-family: "Sightline CJK""#),
        "the plan's text uses the embedded font"
    );
    // The new-camera question stands clear of the side panels (Floors, Objects).
    h.key_press(egui::Key::C);
    h.run();
    let c = h.state().last_canvas.expect("canvas");
    let empty = screen(&h, [0.5, 0.5]);
    click(&mut h, empty);
    let window = h.get_by_label("New face-recognition camera").rect();
    assert!(window.left() >= c.left() - 1.0, "{window:?} vs {c:?}");
}

#[test]
fn a_site_or_a_plan_dropped_on_the_window_opens_or_goes_to_import_plan() {
    let mut h = harness(App::new(Some(sample("hotel"))));
    /// A file dropped from the desktop, as egui-winit hands it over.
    #[derive(Debug)]
    struct Dropped(std::path::PathBuf);
    impl egui::DroppedFile for Dropped {
        fn path(&self) -> &std::path::Path {
            &self.0
        }
        fn bytes(&self) -> Result<Vec<u8>, String> {
            std::fs::read(&self.0).map_err(|e| e.to_string())
        }
    }
    let drop = |h: &mut egui_kittest::Harness<'static, App>, path: std::path::PathBuf| {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(path)));
        h.run();
    };
    drop(&mut h, sample("office"));
    assert_eq!(
        h.state().doc.as_ref().and_then(|d| d.path.clone()),
        Some(sample("office"))
    );
    let dxf = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/cad/barcelona_pavilion_plan.dxf");
    drop(&mut h, dxf.clone());
    let dialog = h
        .state()
        .import_dialog
        .as_ref()
        .expect("Import plan is open");
    assert_eq!(dialog.path_text, dxf.display().to_string());
    assert!(dialog.scan.is_some(), "{:?}", dialog.error);
}
