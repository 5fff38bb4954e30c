//! Revision 3: tilted cameras see a band of distances (site-format.md "Vertical geometry of a
//! camera"), checked against the spec's worked example and hand-computed areas.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod common;

use std::f64::consts::PI;
use std::process::Command;

use common::random::{site_strategy, Size};
use common::*;
use geo::Area;
use proptest::prelude::*;
use serde_json::json;
use sightline::analysis::{Analysis, DeviceAnalysis};
use sightline::checker::Checker;
use sightline::geometry::visibility::ARC_STEP_DEG;

/// The relative shortfall of the 1°-step arcs against true circles, 1 − sin δ / δ.
fn arc_error() -> f64 {
    let d = ARC_STEP_DEG.to_radians();
    1.0 - d.sin() / d
}

fn device(site: &sightline::model::Site) -> DeviceAnalysis {
    Analysis::of(site).floors[0].devices[0].clone()
}

/// The area of a sector of `fov`° between radii `near` and `far`.
fn annulus_sector(fov: f64, near: f64, far: f64) -> f64 {
    fov / 360.0 * PI * (far * far - near * near)
}

/// `got` agrees with `exact` to the arcs' error (both the outer arc and the blind disc are
/// polygons of 1° steps).
fn agrees(got: f64, exact: f64) -> bool {
    (got - exact).abs() <= exact * 2.0 * arc_error() + 1e-9
}

/// The spec's worked example: a gate camera at 3.0 m tilted 30°, 106° across 2560×1440.
fn gate_camera() -> serde_json::Value {
    json!({ "id": "gate", "position": [0, 0], "heading": 90, "fov": 106, "range": 20,
            "resolution": [2560, 1440], "mount_height": 3.0, "tilt": 30 })
}

#[test]
fn the_worked_example_captures_faces_from_0_60_to_3_59_m() {
    let s = site(json!({ "devices": [gate_camera()] }));
    let d = device(&s);
    // vfov 73.5°, bottom edge 66.7° below the horizontal: faces 1.4 m below from 0.60 m;
    // identification (250 px/m) to a slant of 3.86 m: 3.59 m on the floor.
    assert!(
        (d.capture_band.near - 0.60).abs() < 0.005,
        "{:?}",
        d.capture_band
    );
    assert!(
        (d.capture_band.far - 3.59).abs() < 0.006,
        "{:?}",
        d.capture_band
    );
    assert_eq!(
        format!("{:.2} {:.3}", d.capture_band.near, d.capture_band.far),
        "0.60 3.595"
    );
    assert!((d.capture_distance - d.capture_band.far).abs() < 1e-12);
    let exact = annulus_sector(106.0, d.capture_band.near, d.capture_band.far);
    let got = d.capture.unsigned_area();
    assert!(agrees(got, exact), "{got} vs {exact}");
    // Before rev 3 it counted the whole 20 m wedge for views and 3.86 m for faces.
    let flat = site(
        json!({ "devices": [{ "id": "gate", "position": [0, 0], "heading": 90,
        "fov": 106, "range": 20, "resolution": [2560, 1440], "mount_height": 3.0 }] }),
    );
    let f = device(&flat);
    assert!((f.capture_distance - 3.858).abs() < 0.001);
    assert!(got < f.capture.unsigned_area());
}

#[test]
fn a_steep_dome_sees_nothing_beyond_its_far_limit() {
    // 2.8 m, tilted 75°, an explicit vfov of 40°: rays from 55° to 95° below the horizontal.
    // Faces (1.2 m below) end at 1.2 / tan 55° = 0.840 m; feet (2.8 m below) at 1.961 m.
    let s = site(
        json!({ "devices": [{ "id": "dome", "position": [0, 0], "heading": 90,
        "fov": 90, "range": 20, "mount_height": 2.8, "tilt": 75, "vfov": 40 }] }),
    );
    let d = device(&s);
    let (faces, feet) = (
        1.2 / 55f64.to_radians().tan(),
        2.8 / 55f64.to_radians().tan(),
    );
    assert!((faces - 0.840).abs() < 0.001 && (feet - 1.961).abs() < 0.001);
    assert_eq!(d.capture_band.near, 0.0);
    assert!((d.capture_band.far - faces).abs() < 1e-12);
    assert!((d.view_band.far - feet).abs() < 1e-12);
    assert!(agrees(
        d.capture.unsigned_area(),
        annulus_sector(90.0, 0.0, faces)
    ));
    assert!(agrees(
        d.view.unsigned_area(),
        annulus_sector(90.0, 0.0, feet)
    ));
}

#[test]
fn a_corridor_dome_tilted_down_no_longer_films_into_the_toilet_across_the_corridor() {
    // A 2 m corridor; across it a toilet behind a 1 m door. An ordinary dome on the near
    // side at 2.8 m looks straight at the door.
    let floor = |tilt: Option<f64>| {
        let mut cam = json!({ "id": "dome", "position": [4.5, 0.05], "heading": 90, "fov": 90,
            "range": 10, "mount_height": 2.8, "vfov": 40, "face_recognition": false,
            "purpose": "public_safety", "necessity": "Corridor thefts" });
        if let Some(t) = tilt {
            cam["tilt"] = json!(t);
        }
        site(json!({
            "walls": [{ "id": "w", "points": [[0, 2], [20, 2]] }],
            "openings": [{ "id": "door", "kind": "door", "a": [4, 2], "b": [5, 2] }],
            "spaces": [{ "id": "wc", "name": "Toilet", "kind": "toilet", "polygon": rect(0.0, 2.0, 20.0, 6.0) }],
            "devices": [cam]
        }))
    };
    let flat = of_rule(&floor(None), "R799-A8-VIEW");
    assert_eq!(flat.len(), 1);
    assert!(flat[0].area_m2.unwrap() > 2.0, "{:?}", flat[0].area_m2);
    // Tilted 20°: rays from 0° to 40° below the horizontal still reach through the door.
    assert!(fires(&floor(Some(20.0)), "R799-A8-VIEW"));
    // Tilted 75°: the feet leave the image 1.961 m out and the door is 1.95 m away: the view
    // ends 0.011 m past the door line (under 0.02 m², far below the 0.25 m² tolerance).
    let steep = floor(Some(75.0));
    assert!(!fires(&steep, "R799-A8-VIEW"), "{:?}", findings(&steep));
}

#[test]
fn a_camera_below_face_height_looking_up() {
    // A kiosk lens at 1.2 m tilted 10° up, vfov 40°: rays from 30° above to 10° below.
    // Faces 0.4 m above the lens are in view from 0.4 / tan 30° = 0.693 m, out to a slant of
    // 5 m (√(25 − 0.16) = 4.984 m). People: everything to 5 m (the feet are below 10° far
    // enough out, the head above −30° close in).
    let s = site(
        json!({ "devices": [{ "id": "kiosk", "position": [0, 0], "heading": 90,
        "fov": 60, "range": 5, "mount_height": 1.2, "tilt": -10, "vfov": 40 }] }),
    );
    let d = device(&s);
    let (near, far) = (0.4 / 30f64.to_radians().tan(), (25.0f64 - 0.16).sqrt());
    assert!((d.capture_band.near - near).abs() < 1e-12 && (d.capture_band.far - far).abs() < 1e-12);
    assert!(agrees(
        d.capture.unsigned_area(),
        annulus_sector(60.0, near, far)
    ));
    assert_eq!((d.view_band.near, d.view_band.far), (0.0, 5.0));
    assert!(agrees(
        d.view.unsigned_area(),
        annulus_sector(60.0, 0.0, 5.0)
    ));
}

#[test]
fn an_explicit_vfov_replaces_the_one_derived_from_the_resolution() {
    // 3 m, tilted 30°, vfov 30°: rays from 15° to 45°. Faces from 1.4 m to 1.4 / tan 15° =
    // 5.225 m (the range of 20 m is further). Derived from 2560×1440 it would be 73.5°.
    let mut cam = gate_camera();
    cam["vfov"] = json!(30);
    cam["resolution"] = serde_json::Value::Null;
    let d = device(&site(json!({ "devices": [cam] })));
    let far = 1.4 / 15f64.to_radians().tan();
    assert!((d.capture_band.near - 1.4).abs() < 1e-9);
    assert!((d.capture_band.far - far).abs() < 1e-9 && (far - 5.225).abs() < 0.001);
    assert!(agrees(
        d.capture.unsigned_area(),
        annulus_sector(106.0, 1.4, far)
    ));
    // The view: feet (3 m below) from 3 m to 3 / tan 15° = 11.196 m… but a head (1.2 m
    // below) is in view from 1.2 / tan 45° = 1.2 m: the view runs from 1.2 m to 11.196 m.
    let (vnear, vfar) = (1.2, 3.0 / 15f64.to_radians().tan());
    assert!((d.view_band.near - vnear).abs() < 1e-9 && (d.view_band.far - vfar).abs() < 1e-9);
    assert!(agrees(
        d.view.unsigned_area(),
        annulus_sector(106.0, vnear, vfar)
    ));
}

#[test]
fn a_lower_face_height_moves_the_band() {
    // The worked example with faces at 1.5 m (1.5 m below the lens): from
    // 1.5 / tan 66.74° = 0.645 m to √(3.858² − 1.5²) = 3.555 m.
    let s = site_with(
        json!({ "face_height": 1.5 }),
        json!({ "devices": [gate_camera()] }),
    );
    let d = device(&s);
    let vfov = 2.0 * (53f64.to_radians().tan() * 0.5625).atan().to_degrees();
    let near = 1.5 / (30.0 + vfov / 2.0).to_radians().tan();
    let slant = 2560.0 / (500.0 * 53f64.to_radians().tan());
    let far = (slant * slant - 2.25).sqrt();
    assert!((near - 0.645).abs() < 0.001 && (far - 3.555).abs() < 0.001);
    assert!((d.capture_band.near - near).abs() < 1e-9 && (d.capture_band.far - far).abs() < 1e-9);
    assert!(agrees(
        d.capture.unsigned_area(),
        annulus_sector(106.0, near, far)
    ));
}

#[test]
fn a_device_without_tilt_checks_as_in_revision_2() {
    let s = site(
        json!({ "devices": [{ "id": "c", "position": [0, 0], "heading": 0, "fov": 90,
        "range": 20, "resolution": [1920, 1080], "mount_height": 2.8, "vfov": 20 }] }),
    );
    let d = device(&s);
    assert_eq!((d.capture_band.near, d.view_band.near), (0.0, 0.0));
    assert!((d.capture_distance - 3.84).abs() < 1e-12);
    assert!(agrees(
        d.view.unsigned_area(),
        annulus_sector(90.0, 0.0, 20.0)
    ));
}

#[test]
fn tilting_a_camera_live_rechecks_as_a_fresh_check_does() {
    // The incremental path (device_changed) reads the site's face height as a full check does.
    let s = site_with(
        json!({ "face_height": 1.5 }),
        json!({
            "walls": [{ "id": "w", "points": [[0, 2], [20, 2]] }],
            "openings": [{ "id": "door", "kind": "door", "a": [4, 2], "b": [5, 2] }],
            "spaces": [{ "id": "wc", "name": "Toilet", "kind": "toilet", "polygon": rect(0.0, 2.0, 20.0, 6.0) }],
            "devices": [{ "id": "dome", "position": [4.5, 0.05], "heading": 90, "fov": 90,
                "range": 10, "mount_height": 2.8, "face_recognition": false,
                "purpose": "public_safety", "necessity": "Corridor thefts" }]
        }),
    );
    let mut checker = Checker::new(&s);
    let mut tilted = s.clone();
    for tilt in [10.0, 40.0, 75.0, -5.0] {
        tilted.floors[0].devices[0].tilt = Some(tilt);
        checker.device_changed(&tilted, 0, 0);
        let live: Vec<String> = checker
            .findings()
            .iter()
            .map(|f| format!("{f:?}"))
            .collect();
        let fresh = Checker::new(&tilted);
        let full: Vec<String> = fresh.findings().iter().map(|f| format!("{f:?}")).collect();
        assert_eq!(live, full, "tilt {tilt}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_tilted_camera_never_captures_or_views_more_than_the_same_camera_level(
        site in site_strategy(Size::SMALL),
        tilt in -30.0..=90.0f64,
        height in 0.3..8.0f64,
        vfov in proptest::option::of(1.0..=180.0f64),
        face in 0.5..2.5f64,
    ) {
        let mut tilted = site.clone();
        tilted.face_height = Some(face);
        tilted.person_height = Some(face + 0.2);
        for d in &mut tilted.floors[0].devices {
            d.tilt = Some(tilt);
            d.mount_height = height;
            d.vfov_given = vfov;
        }
        let (level, tilted_a) = (Analysis::of(&site), Analysis::of(&tilted));
        for (x, y) in level.floors[0].devices.iter().zip(&tilted_a.floors[0].devices) {
            let (c0, c1) = (x.capture.unsigned_area(), y.capture.unsigned_area());
            let (v0, v1) = (x.view.unsigned_area(), y.view.unsigned_area());
            prop_assert!(c1 <= c0 * (1.0 + 1e-9) + 1e-9, "capture {} > {}", c1, c0);
            prop_assert!(v1 <= v0 * (1.0 + 1e-9) + 1e-9, "view {} > {}", v1, v0);
            prop_assert!(y.capture_band.is_empty() || y.capture_band.far <= x.capture_distance + 1e-9);
        }
    }
}

#[test]
fn bad_vertical_values_exit_2_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let dev = |extra: &str| {
        format!(
            r#"{{"format":"sightline-site","version":1,{{TOP}}"floors":[{{"id":"F","devices":[{{"id":"c","position":[0,0],"heading":0,"fov":90{extra}}}]}}]}}"#
        )
    };
    let cases = [
        (
            "tilt",
            dev(r#","tilt":95"#),
            "",
            "floors[0].devices[0] (c).tilt",
            "tilt is 95",
        ),
        (
            "uptilt",
            dev(r#","tilt":-31"#),
            "",
            "(c).tilt",
            "tilt is -31",
        ),
        ("vfov0", dev(r#","vfov":0"#), "", "(c).vfov", "vfov is 0"),
        ("vfov", dev(r#","vfov":181"#), "", "(c).vfov", "vfov is 181"),
        (
            "lens",
            dev(r#","lens_mm":-4"#),
            "",
            "(c).lens_mm",
            "lens_mm is -4",
        ),
        (
            "mount",
            dev(r#","tilt":30,"mount_height":0"#),
            "",
            "(c).mount_height",
            "mount_height is 0",
        ),
        (
            "face",
            dev(""),
            r#""face_height":0,"#,
            "face_height",
            "face_height is 0",
        ),
        (
            "person",
            dev(""),
            r#""person_height":-1.8,"#,
            "person_height",
            "person_height is -1.8",
        ),
    ];
    for (name, text, top, place, what) in cases {
        let p = dir.path().join(format!("{name}.site.json"));
        std::fs::write(&p, text.replace("{TOP}", top)).unwrap();
        let o = Command::new(env!("CARGO_BIN_EXE_sightline"))
            .args(["check", &p.to_string_lossy()])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(&*p.to_string_lossy()) && err.contains(place) && err.contains(what),
            "{name}: {err}"
        );
    }
}

#[test]
fn dori_bands_are_clipped_to_what_the_camera_sees_and_nest() {
    use sightline::analysis::{dori_regions, Optics};
    use sightline::geometry::vertical::DoriLevel;
    // 1920 px across 90°, level, in the open with a 60 m range: identify to 3.84 m,
    // recognise 7.68 m, observe 15.36 m, detect 38.4 m — quarter discs.
    let s = site(
        json!({ "devices": [{ "id": "c", "position": [0, 0], "heading": 45, "fov": 90,
        "range": 60, "resolution": [1920, 1080], "face_recognition": false }] }),
    );
    let a = Analysis::of(&s);
    let (d, da) = (&s.floors[0].devices[0], &a.floors[0].devices[0]);
    let regions = dori_regions(d, da, &Optics::of(&s));
    let expect = [
        (DoriLevel::Detect, 38.4),
        (DoriLevel::Observe, 15.36),
        (DoriLevel::Recognise, 7.68),
        (DoriLevel::Identify, 3.84),
    ];
    assert_eq!(regions.len(), 4);
    for ((level, band, region), (want_level, far)) in regions.iter().zip(expect) {
        assert_eq!(*level, want_level);
        assert!((band.far - far).abs() < 1e-9, "{level:?} {band:?}");
        assert!(
            agrees(region.unsigned_area(), annulus_sector(90.0, 0.0, far)),
            "{level:?}"
        );
    }
    // A wall 5 m out cuts the detect and observe bands at it.
    let walled = edit(&s, |f| {
        f["walls"] = json!([{ "id": "w", "points": [[5, -100], [5, 100]] }])
    });
    let a = Analysis::of(&walled);
    let regions = dori_regions(
        &walled.floors[0].devices[0],
        &a.floors[0].devices[0],
        &Optics::of(&walled),
    );
    let x_max = |mp: &geo::MultiPolygon<f64>| {
        use geo::CoordsIter;
        mp.coords_iter().map(|c| c.x).fold(f64::MIN, f64::max)
    };
    assert!(x_max(&regions[0].2) <= 5.0 + 1e-9 && x_max(&regions[1].2) <= 5.0 + 1e-9);
    assert!(agrees(
        regions[3].2.unsigned_area(),
        annulus_sector(90.0, 0.0, 3.84)
    ));
}

#[test]
fn a_tilted_cameras_dori_bands_start_at_its_blind_distance() {
    use sightline::analysis::{dori_regions, Optics};
    let s = site(json!({ "devices": [gate_camera()] }));
    let a = Analysis::of(&s);
    let regions = dori_regions(
        &s.floors[0].devices[0],
        &a.floors[0].devices[0],
        &Optics::of(&s),
    );
    for (level, band, region) in &regions {
        assert!((band.near - 0.602).abs() < 0.001, "{level:?} {band:?}");
        assert!(
            agrees(
                region.unsigned_area(),
                annulus_sector(106.0, band.near, band.far)
            ),
            "{level:?}"
        );
    }
    // Identify ends where faces stop being captured.
    assert!((regions[3].1.far - 3.595).abs() < 0.001);
}

#[test]
fn the_report_registers_tilt_blind_distance_dori_and_a_side_view() {
    let s = site(
        json!({ "devices": [gate_camera(), { "id": "flat", "position": [5, 5], "heading": 0,
        "fov": 90, "range": 10, "face_recognition": false }] }),
    );
    let (analysis, findings) = sightline::rules::check_site(&s);
    let opts = sightline::report::ReportOptions {
        lang: Some(sightline::i18n::Lang::En),
        date: "2026-12-05".to_owned(),
        base_dir: None,
    };
    let html = sightline::report::html(&s, &analysis, &findings, &opts).html;
    assert!(
        html.contains("Blind distance (faces)") && html.contains("px/m across the image width")
    );
    // The gate camera: 30° with its derived 73.5° vfov, blind to 0.60 m, DORI far ends.
    assert!(html.contains("30° · vfov 73.5°"), "tilt cell");
    assert!(html.contains("<td>0.60 m</td>"), "blind cell");
    assert!(
        html.contains("D 20.0 m · O 15.4 m · R 7.6 m · I 3.6 m"),
        "dori cell"
    );
    // One side view, for the tilted camera only; the flat one says it is checked on the plan.
    assert_eq!(html.matches("class=\"side-view\"").count(), 1);
    assert!(html.contains("not given (plan rule)"));
}

/// The hotel's corridor dome at room 303 tilted 30°: its view cuts the identify and recognise
/// bands at the same 4.92 m, so the side view draws one person labelled "RI" and the plan one
/// label for all four levels, not four labels on top of each other.
#[test]
fn levels_cut_at_the_same_distance_share_one_label() {
    let s = sightline::model::load(std::path::Path::new(
        "sample_sites/hotel-mistakes.site.json",
    ))
    .unwrap();
    let (fi, di) = s
        .floors
        .iter()
        .enumerate()
        .find_map(|(fi, f)| {
            f.devices
                .iter()
                .position(|d| d.id == "c-corr3-dome")
                .map(|di| (fi, di))
        })
        .unwrap();
    let d = &s.floors[fi].devices[di];
    assert_eq!(d.tilt, Some(30.0));
    let optics = sightline::analysis::Optics::of(&s);
    let view = sightline::scene::side_view::SideView::of(d, &optics).unwrap();
    let texts: Vec<&str> = view
        .items
        .iter()
        .filter_map(|i| match i {
            sightline::scene::side_view::SideItem::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(texts.contains(&"RI 4.9 m"), "{texts:?}");
    assert!(!texts
        .iter()
        .any(|t| t.starts_with("R ") || t.starts_with("I ")));
    // The plan: one DORI label, "DORI 4.9 m".
    let analysis = Analysis::of(&s);
    let opts = sightline::render::RenderOptions {
        width_px: 1200,
        lang: sightline::i18n::Lang::En,
        date: "2026-12-06".to_owned(),
        base_dir: None,
        view: None,
        dori: sightline::scene::DoriShow::Device(di),
    };
    let svg = sightline::render::floor_svg(&s, &analysis, &[], fi, &opts).svg;
    assert_eq!(svg.matches("DORI 4.9 m").count(), 1, "one shared label");
    assert!(!svg.contains(">I 4.9 m<") && !svg.contains(">R 4.9 m<"));
}
