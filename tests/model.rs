//! The site file format: defaults, round trips that keep unknown fields, refusals.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::path::Path;

use serde_json::{json, Value};
use sightline::model::{self, LoadError};

fn parse(v: &Value) -> Result<model::Site, LoadError> {
    model::parse(&v.to_string(), Path::new("t.site.json"))
}

fn minimal() -> Value {
    json!({ "format": "sightline-site", "version": 1, "floors": [{ "id": "F1" }] })
}

#[test]
fn missing_optional_fields_take_the_documented_defaults() {
    let mut v = minimal();
    v["floors"][0] = json!({
        "id": "F1",
        "walls": [{ "id": "w", "points": [[0, 0], [1, 0]] }],
        "devices": [{ "id": "c", "position": [0, 0], "heading": 0, "fov": 90 }],
        "signs": [{ "id": "g", "position": [0, 0], "facing": 0 }]
    });
    let s = parse(&v).expect("valid");
    assert_eq!(s.name, "");
    assert!(!s.filed_with_authority && !s.filed_with_police);
    assert_eq!(s.face_density, 250.0);
    assert_eq!(s.retention_days, None);
    let f = &s.floors[0];
    assert_eq!(f.walls[0].thickness, 0.2);
    let d = &f.devices[0];
    assert_eq!(
        (d.range, d.mount_height, d.face_recognition),
        (20.0, 2.5, true)
    );
    assert_eq!(d.mode, model::Mode::Identification);
    assert_eq!(d.storage, model::Storage::OnDevice);
    assert!(!d.consent_for_transfer && d.alternative_method.is_none() && d.resolution.is_none());
    // Rev 2: no separate consent, not required by law; the legal basis follows the purpose.
    assert!(!d.separate_consent && !d.required_by_law && d.legal_basis_given.is_none());
    assert_eq!(d.legal_basis(), model::LegalBasis::Consent);
    let g = &f.signs[0];
    assert_eq!(
        (g.width, g.height, g.mount_height, g.readable_distance),
        (0.3, 0.2, 1.6, 6.0)
    );
    assert_eq!(g.notice.missing().len(), 7);
    assert!(s.venue.is_none() && !s.designated_key_place && !s.minors_rules);
    assert!(s.impact_assessment.is_none());
    assert!(f.spaces.iter().all(|sp| !sp.review));
}

#[test]
fn unknown_fields_survive_a_load_save_round_trip_at_every_level() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("round.site.json");
    let v = json!({
        "format": "sightline-site", "version": 1, "name": "R", "x_top": { "nested": [1, 2] },
        "processor": { "name": "P", "contact": "c", "x_proc": true },
        "floors": [{
            "id": "F1", "x_floor": "kept",
            "underlay": { "image": "p.png", "metres_per_pixel": 0.02, "x_underlay": 1 },
            "walls": [{ "id": "w", "points": [[0, 0], [4, 0]], "x_wall": "layer-A" }],
            "openings": [{ "id": "d", "kind": "door", "a": [1, 0], "b": [2, 0], "x_open": 3 }],
            "spaces": [{ "id": "s", "kind": "toilet", "polygon": [[0, 0], [4, 0], [4, 4]], "x_space": null }],
            "devices": [{ "id": "c", "position": [1, 1], "heading": 0, "fov": 60, "x_dev": { "vendor": "Hik" } }],
            "signs": [{ "id": "g", "position": [0, 1], "facing": 0, "notice": { "rights": true, "x_notice": "qr" }, "x_sign": 2 }],
            "zones": [{ "id": "z", "polygon": [[0, 0], [1, 0], [1, 1]], "x_zone": [] }]
        }]
    });
    std::fs::write(&path, v.to_string()).expect("write");
    let site = model::load(&path).expect("load");
    model::save(&site, &path).expect("save");
    let back: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    assert_eq!(back["x_top"], json!({ "nested": [1, 2] }));
    assert_eq!(back["processor"]["x_proc"], json!(true));
    let f = &back["floors"][0];
    assert_eq!(f["x_floor"], json!("kept"));
    assert_eq!(f["underlay"]["x_underlay"], json!(1));
    assert_eq!(f["walls"][0]["x_wall"], json!("layer-A"));
    assert_eq!(f["openings"][0]["x_open"], json!(3));
    assert_eq!(f["spaces"][0]["x_space"], json!(null));
    assert!(f["spaces"][0]
        .as_object()
        .is_some_and(|o| o.contains_key("x_space")));
    assert_eq!(f["devices"][0]["x_dev"], json!({ "vendor": "Hik" }));
    assert_eq!(f["signs"][0]["x_sign"], json!(2));
    assert_eq!(f["signs"][0]["notice"]["x_notice"], json!("qr"));
    assert_eq!(f["zones"][0]["x_zone"], json!([]));
    // A second round trip is byte-identical, and loads to the same site.
    let again = model::load(&path).expect("reload");
    assert_eq!(again, site);
    // The save left no temporary file behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_newer_version_is_refused_with_a_clear_message() {
    let mut v = minimal();
    v["version"] = json!(2);
    let e = parse(&v).expect_err("refused").to_string();
    assert!(e.starts_with("t.site.json: "), "{e}");
    assert!(e.contains("version 2") && e.contains("newer"), "{e}");
}

#[test]
fn the_wrong_format_is_refused() {
    let mut v = minimal();
    v["format"] = json!("geojson");
    assert!(parse(&v)
        .expect_err("refused")
        .to_string()
        .contains("\"format\" is \"geojson\""));
    let e = model::parse("[1, 2]", Path::new("a.json"))
        .expect_err("refused")
        .to_string();
    assert_eq!(
        e,
        "a.json: not a Sightline site: the file holds JSON, but not a JSON object"
    );
    let e = model::parse("{\"format\": ", Path::new("a.json"))
        .expect_err("refused")
        .to_string();
    assert!(e.starts_with("a.json:1:"), "{e}");
}

#[test]
fn json_errors_name_the_line_and_column() {
    let text = "{\n  \"format\": \"sightline-site\",\n  \"version\": 1,\n  \"floors\": [ { \"id\": \"F1\", } ]\n}";
    let e = model::parse(text, Path::new("bad.site.json")).expect_err("refused");
    match &e {
        LoadError::Json { line, column, .. } => assert_eq!((*line, *column), (4, 29), "{e}"),
        other => panic!("{other}"),
    }
    assert!(e.to_string().starts_with("bad.site.json:4:29: "), "{e}");
    // A wrong type is reported where it stands too.
    let text = "{\"format\":\"sightline-site\",\"version\":1,\n\"floors\":[{\"id\":\"F1\",\"devices\":[{\"id\":\"c\",\"position\":[0,0],\"heading\":0,\"fov\":\"wide\"}]}]}";
    let e = model::parse(text, Path::new("t.json"))
        .expect_err("refused")
        .to_string();
    assert!(
        e.starts_with("t.json:2:") && e.contains("invalid type"),
        "{e}"
    );
}

#[test]
fn numbers_out_of_range_are_refused_naming_the_place() {
    let cases = [
        (
            json!({ "id": "c", "position": [0, 0], "heading": 0, "fov": 0 }),
            "fov is 0°",
        ),
        (
            json!({ "id": "c", "position": [0, 0], "heading": 0, "fov": 361 }),
            "fov is 361°",
        ),
        (
            json!({ "id": "c", "position": [0, 0], "heading": 0, "fov": 90, "range": -1 }),
            "range is -1",
        ),
        (
            json!({ "id": "c", "position": [5.0e7, 0], "heading": 0, "fov": 90 }),
            "out of range",
        ),
        (
            json!({ "id": "c", "position": [0, 0], "heading": 0, "fov": 90, "resolution": [0, 10] }),
            "resolution",
        ),
    ];
    for (device, expect) in cases {
        let mut v = minimal();
        v["floors"][0]["devices"] = json!([device]);
        let e = parse(&v).expect_err("refused").to_string();
        assert!(
            e.contains("floors[0].devices[0] (c)") && e.contains(expect),
            "{e}"
        );
    }
    let mut v = minimal();
    v["floors"][0]["walls"] = json!([{ "id": "w", "points": [[0, 0], [1.0e300, 0]] }]);
    assert!(parse(&v)
        .expect_err("refused")
        .to_string()
        .contains("floors[0].walls[0] (w).points[1]"));
    let mut v = minimal();
    v["floors"] = json!([]);
    assert!(parse(&v)
        .expect_err("refused")
        .to_string()
        .contains("no floors"));
    // NaN and infinity cannot be written in JSON at all: they are JSON errors.
    let nan = r#"{"format":"sightline-site","version":1,"floors":[{"id":"F1","devices":[{"id":"c","position":[NaN,0],"heading":0,"fov":9}]}]}"#;
    assert!(matches!(
        model::parse(nan, Path::new("n.json")),
        Err(LoadError::Json { .. })
    ));
    let inf = r#"{"format":"sightline-site","version":1,"floors":[{"id":"F1","devices":[{"id":"c","position":[1e400,0],"heading":0,"fov":9}]}]}"#;
    assert!(matches!(
        model::parse(inf, Path::new("n.json")),
        Err(LoadError::Json { .. })
    ));
}

#[test]
fn an_empty_floor_is_a_valid_site_that_passes() {
    let s = parse(&minimal()).expect("valid");
    let (_, findings) = sightline::rules::check_site(&s);
    assert!(findings.is_empty());
}
