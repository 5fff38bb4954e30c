//! Rules version 2 (shared/spec/rules.md): each new or changed rule fires on a site and not on
//! a close variant, with its citation and numbers.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod common;

use common::*;
use serde_json::{json, Value};
use sightline::model::Site;

/// A 10 × 10 m floor with one device; `top` over the v2-complete baseline of `common`.
fn one_device(top: Value, device: Value) -> Site {
    site_with(
        top,
        json!({ "spaces": [{ "id": "s-hall", "name": "Hall", "kind": "public", "polygon": rect(0.0, 0.0, 10.0, 10.0) }],
                "devices": [device] }),
    )
}

fn cctv() -> Value {
    json!({ "id": "k1", "position": [5, 5], "heading": 0, "fov": 90, "range": 8, "face_recognition": false })
}

// ---------------------------------------------------------------------------------------------
// Public place, v2.

/// A staff block (`non_public`) holding a staff rest room (`dorm_room`) with an FR attendance
/// terminal inside it; `block_kind` replaces the block's kind.
fn rest_room_in_block(block_kind: &str, room_kind: &str) -> Site {
    let mut terminal = fr_camera("t1", [2.0, 2.0], 0.0, 60.0, 1.0, "z1");
    terminal["purpose"] = json!("attendance");
    terminal["zone"] = Value::Null;
    terminal["necessity"] = Value::Null;
    terminal["separate_consent"] = json!(true);
    terminal["alternative_method"] = json!(true);
    site_with(
        json!({ "filed_with_police": false }),
        json!({
            "walls": [box_wall("w-room", 0.0, 0.0, 4.0, 4.0)],
            "spaces": [
                { "id": "s-block", "name": "Staff block", "kind": block_kind, "polygon": rect(0.0, 0.0, 12.0, 8.0) },
                { "id": "s-room", "name": "Rest room", "kind": room_kind, "polygon": rect(0.0, 0.0, 4.0, 4.0) }
            ],
            "devices": [terminal]
        }),
    )
}

#[test]
fn a_rest_room_inside_a_staff_block_is_not_a_public_place_but_a_guest_room_is() {
    let staff = rest_room_in_block("non_public", "dorm_room");
    let ids = rule_ids(&staff);
    // The private-space rules apply wherever the device is…
    assert!(
        ids.contains(&"A13-PRIVATE-INSIDE") && ids.contains(&"R799-A8-INSIDE"),
        "{ids:?}"
    );
    // …but the public-place rules and the filing count leave it alone.
    for rule in ["A13-PURPOSE", "A13-NO-ZONE", "R799-A14-FILING"] {
        assert!(!ids.contains(&rule), "{rule} in {ids:?}");
    }
    // A guest room of a hotel is a private space *in* a public place (no staff block around it).
    let hotel = rest_room_in_block("public", "hotel_room");
    let ids = rule_ids(&hotel);
    for rule in [
        "A13-PRIVATE-INSIDE",
        "R799-A8-INSIDE",
        "A13-PURPOSE",
        "A13-NO-ZONE",
        "R799-A14-FILING",
    ] {
        assert!(ids.contains(&rule), "{rule} missing from {ids:?}");
    }
    let filing = of_rule(&hotel, "R799-A14-FILING");
    assert!(filing[0]
        .message_en()
        .contains("1 camera(s) in public places"));
}

#[test]
fn where_public_and_non_public_overlap_public_wins() {
    let mut cam = fr_camera("c1", [2.0, 2.0], 0.0, 60.0, 3.0, "z1");
    cam["zone"] = Value::Null;
    let site = |kinds: &[&str]| {
        let spaces: Vec<Value> = kinds
            .iter()
            .enumerate()
            .map(|(i, k)| json!({ "id": format!("s{i}"), "kind": k, "polygon": rect(0.0, 0.0, 6.0, 6.0) }))
            .collect();
        site_with(
            json!({}),
            json!({ "spaces": spaces, "devices": [cam.clone()] }),
        )
    };
    assert!(!fires(&site(&["non_public"]), "A13-NO-ZONE"));
    assert!(fires(&site(&["non_public", "public"]), "A13-NO-ZONE"));
    assert!(fires(&site(&[]), "A13-NO-ZONE"));
}

// ---------------------------------------------------------------------------------------------
// Decree 799 Arts 7 and 9: the venue decides filing and retention.

fn unfiled(venue: Value, key_place: bool) -> Site {
    one_device(
        json!({ "venue": venue, "designated_key_place": key_place,
                "filed_with_police": false, "retention_days": 10 }),
        cctv(),
    )
}

#[test]
fn filing_and_retention_bind_art_7_places_not_art_9_ones() {
    // A mall is an Art. 7 place.
    let mall = unfiled(json!("shopping_centre"), false);
    assert!(fires(&mall, "R799-A14-FILING") && fires(&mall, "R799-A17-RETENTION"));
    assert!(!fires(&mall, "SITE-VENUE"));
    let f = of_rule(&mall, "R799-A14-FILING");
    assert!(!f[0].message_en().starts_with("If"));
    assert_eq!(f[0].article.map(|a| a.en), Some("Regulations on Public Security Video Image Information Systems (State Council Decree No. 799), Art. 14"));
    // A hotel is an Art. 9 place: Art. 9 ¶2 lifts both duties.
    let hotel = unfiled(json!("hotel"), false);
    assert!(!fires(&hotel, "R799-A14-FILING") && !fires(&hotel, "R799-A17-RETENTION"));
    // …unless the police named it a key place.
    let key = unfiled(json!("hotel"), true);
    assert!(fires(&key, "R799-A14-FILING") && fires(&key, "R799-A17-RETENTION"));
    // No venue: both apply conditionally, and SITE-VENUE asks for it.
    let unknown = unfiled(Value::Null, false);
    let filing = of_rule(&unknown, "R799-A14-FILING");
    assert!(
        filing[0]
            .message_en()
            .starts_with("If the site is a Decree 799 Art. 7 place"),
        "{}",
        filing[0].message_en()
    );
    assert!(filing[0]
        .message_zh()
        .starts_with("如本场所属于条例第七条规定的场所"));
    let retention = of_rule(&unknown, "R799-A17-RETENTION");
    assert!(retention[0]
        .message_en()
        .contains("if the site is a Decree 799 Art. 7 place"));
    let venue = of_rule(&unknown, "SITE-VENUE");
    assert_eq!(venue.len(), 1);
    assert_eq!(venue[0].severity.as_str(), "info");
    assert!(venue[0].message_en().contains("1 camera(s)"));
    // A site with no device at all needs no venue.
    let empty = site_with(json!({ "venue": null }), json!({}));
    assert!(!fires(&empty, "SITE-VENUE"));
}

#[test]
fn every_venue_has_its_decree_article_and_labels() {
    use sightline::i18n::{venue_label, Lang};
    use sightline::model::{DecreeArticle, Venue};
    let art9: Vec<Venue> = Venue::ALL
        .into_iter()
        .filter(|v| v.decree_article() == DecreeArticle::Art9)
        .collect();
    assert_eq!(
        art9,
        [
            Venue::Hotel,
            Venue::Restaurant,
            Venue::Office,
            Venue::Residential,
            Venue::Other
        ]
    );
    for v in Venue::ALL {
        assert!(!venue_label(v, Lang::En).is_empty() && !venue_label(v, Lang::Zh).is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Measures Art. 9: impact assessment.

#[test]
fn a9_assessment_present_absent_and_impossible() {
    let fr = fr_camera("c1", [5.0, 5.0], 0.0, 60.0, 3.0, "z1");
    let absent = one_device(json!({ "impact_assessment": null }), fr.clone());
    let f = of_rule(&absent, "A9-ASSESSMENT");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity.as_str(), "violation");
    assert_eq!(
        f[0].article.map(|a| a.zh),
        Some("人脸识别技术应用安全管理办法 第九条")
    );
    assert!(f[0].message_en().contains("1 face-recognition device(s)"));
    let undated = one_device(
        json!({ "impact_assessment": { "reference": "PIA-1" } }),
        fr.clone(),
    );
    assert!(fires(&undated, "A9-ASSESSMENT"));
    let dated = one_device(
        json!({ "impact_assessment": { "date": "2024-02-29" } }),
        fr.clone(),
    );
    assert!(!fires(&dated, "A9-ASSESSMENT"));
    // Ordinary cameras process no faces: no assessment needed.
    assert!(!fires(
        &one_device(json!({ "impact_assessment": null }), cctv()),
        "A9-ASSESSMENT"
    ));
    // An impossible date is refused, naming the field.
    let text = json!({ "format": "sightline-site", "version": 1,
                       "impact_assessment": { "date": "2025-02-29" }, "floors": [{ "id": "F1" }] })
    .to_string();
    let e = sightline::model::parse(&text, std::path::Path::new("a.site.json"))
        .expect_err("refused")
        .to_string();
    assert!(
        e.contains("at impact_assessment.date") && e.contains("not a real calendar date"),
        "{e}"
    );
    let dir = tempfile::tempdir().expect("tmp");
    let p = dir.path().join("a.site.json");
    std::fs::write(&p, text).expect("write");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_sightline"))
        .args(["check", &p.to_string_lossy()])
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("impact_assessment.date"));
}

// ---------------------------------------------------------------------------------------------
// Measures Art. 6: separate consent, with the purpose-dependent legal basis.

#[test]
fn a6_consent_follows_the_legal_basis() {
    let mut gate = fr_camera("g1", [5.0, 5.0], 0.0, 60.0, 1.0, "z1");
    gate["mode"] = json!("verification");
    gate["purpose"] = json!("access_control");
    gate["alternative_method"] = json!(true);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut d = gate.clone();
        f(&mut d);
        one_device(json!({}), d)
    };
    // Access control rests on consent by default: a separate consent is needed.
    let f = of_rule(&with(&|_| {}), "A6-CONSENT");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].article.map(|a| a.en), Some("Measures for the Security Management of Face Recognition Technology Applications, Art. 6 ¶1"));
    assert!(f[0]
        .message_en()
        .contains("(the legal basis for its purpose)"));
    assert!(!fires(
        &with(&|d| d["separate_consent"] = json!(true)),
        "A6-CONSENT"
    ));
    // A statutory basis needs none.
    assert!(!fires(
        &with(&|d| d["legal_basis"] = json!("statutory")),
        "A6-CONSENT"
    ));
    // Public safety is statutory by default; said to rest on consent, it needs one.
    assert!(!fires(
        &with(&|d| d["purpose"] = json!("public_safety")),
        "A6-CONSENT"
    ));
    let stated = with(&|d| {
        d["purpose"] = json!("public_safety");
        d["legal_basis"] = json!("consent");
    });
    let f = of_rule(&stated, "A6-CONSENT");
    assert_eq!(f.len(), 1);
    assert!(!f[0].message_en().contains("legal basis for its purpose"));
    // Ordinary cameras are not face recognition.
    assert!(!fires(&one_device(json!({}), cctv()), "A6-CONSENT"));
}

// ---------------------------------------------------------------------------------------------
// Measures Art. 7: children.

#[test]
fn a7_minors_in_a_kindergarten_with_and_without_rules() {
    let fr = fr_camera("c1", [5.0, 5.0], 0.0, 60.0, 3.0, "z1");
    let kg = |minors: bool| {
        one_device(
            json!({ "venue": "kindergarten", "minors_rules": minors }),
            fr.clone(),
        )
    };
    let f = of_rule(&kg(false), "A7-MINORS");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity.as_str(), "warning");
    assert!(f[0].message_en().contains("kindergarten") && f[0].message_zh().contains("幼儿园"));
    assert_eq!(
        f[0].article.map(|a| a.zh),
        Some("人脸识别技术应用安全管理办法 第七条")
    );
    assert!(!fires(&kg(true), "A7-MINORS"));
    assert!(fires(
        &one_device(json!({ "venue": "school" }), fr.clone()),
        "A7-MINORS"
    ));
    assert!(!fires(
        &one_device(json!({ "venue": "shopping_centre" }), fr),
        "A7-MINORS"
    ));
    assert!(!fires(
        &one_device(json!({ "venue": "kindergarten" }), cctv()),
        "A7-MINORS"
    ));
}

// ---------------------------------------------------------------------------------------------
// Measures Art. 10 ¶2 and Art. 5; Decree 799 Art. 13.

#[test]
fn a10_yields_to_a_law_that_requires_face_verification() {
    let mut border = fr_camera("b1", [5.0, 5.0], 0.0, 60.0, 1.0, "z1");
    border["mode"] = json!("verification");
    border["legal_basis"] = json!("statutory");
    assert!(fires(
        &one_device(json!({}), border.clone()),
        "A10-SOLE-METHOD"
    ));
    border["required_by_law"] = json!(true);
    assert!(!fires(&one_device(json!({}), border), "A10-SOLE-METHOD"));
}

#[test]
fn a5_notice_asks_for_the_method_and_the_necessity_too() {
    let mut sign = good_sign("g1", [5.0, 0.0], 270.0);
    sign["notice"]["method"] = json!(false);
    sign["notice"]
        .as_object_mut()
        .map(|n| n.remove("necessity"));
    let s = site_with(
        json!({}),
        json!({ "zones": [{ "id": "z1", "name": "Hall", "polygon": rect(0.0, 0.0, 10.0, 10.0) }],
                "devices": [fr_camera("c1", [5.0, 5.0], 90.0, 60.0, 3.0, "z1")],
                "signs": [sign] }),
    );
    let f = of_rule(&s, "A5-NOTICE");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message_en()
            .ends_with("how faces are processed, why it is necessary and its impact on people."),
        "{}",
        f[0].message_en()
    );
    assert!(f[0]
        .message_zh()
        .contains("处理方式、处理的必要性及对个人权益的影响"));
}

#[test]
fn r799_a13_sign_is_a_violation() {
    let f = of_rule(&one_device(json!({}), cctv()), "R799-A13-SIGN");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity.as_str(), "violation");
}

// ---------------------------------------------------------------------------------------------
// Frosted windows.

/// A 4 × 4 m toilet north of a camera at (2, 0) looking north through a 2 m window in its
/// south wall; a sign inside faces the camera.
fn toilet_window(obscured: bool, face_recognition: bool) -> Site {
    let mut cam = fr_camera("c1", [2.0, 0.0], 90.0, 90.0, 20.0, "z1");
    cam["face_recognition"] = json!(face_recognition);
    cam["zone"] = Value::Null;
    site_with(
        json!({}),
        json!({
            "walls": [box_wall("w-toilet", 0.0, 4.0, 4.0, 8.0)],
            "openings": [{ "id": "win", "kind": "window", "a": [1, 4], "b": [3, 4], "obscured": obscured }],
            "spaces": [{ "id": "s-wc", "name": "WC", "kind": "toilet", "polygon": rect(0.0, 4.0, 4.0, 8.0) }],
            "devices": [cam],
            "signs": [{ "id": "g-in", "position": [2, 6], "facing": 270 }]
        }),
    )
}

#[test]
fn a_frosted_window_blocks_capture_view_and_sign_reading() {
    // Clear glass: the camera sees the trapezoid from the 2 m window (y = 4) widening to the
    // whole 4 m back wall (y = 8): (2 + 4) / 2 × 4 = 12 m².
    let clear = toilet_window(false, false);
    let view = of_rule(&clear, "R799-A8-VIEW");
    assert_eq!(view.len(), 1);
    let a = view[0].area_m2.expect("area");
    assert!((a - 12.0).abs() < 1e-3, "{a}");
    let fr_clear = toilet_window(false, true);
    let capture = of_rule(&fr_clear, "A13-PRIVATE-VIEW");
    assert!((capture[0].area_m2.expect("area") - 12.0).abs() < 1e-3);
    // The camera sees the sign through clear glass.
    assert!(!fires(&clear, "R799-A13-SIGN"));
    // Frosted: nothing is filmed or captured, and the sign cannot be read through it.
    let frosted = toilet_window(true, false);
    assert!(!fires(&frosted, "R799-A8-VIEW"));
    assert!(!fires(&toilet_window(true, true), "A13-PRIVATE-VIEW"));
    assert!(fires(&frosted, "R799-A13-SIGN"));
}

// ---------------------------------------------------------------------------------------------
// PLAN-REVIEW and old files.

#[test]
fn plan_review_asks_about_guessed_kinds_until_confirmed() {
    let s = |review: bool| {
        site_with(
            json!({}),
            json!({ "spaces": [{ "id": "s1", "name": "卫生间", "kind": "toilet", "review": review,
                                 "polygon": rect(0.0, 0.0, 3.0, 2.0) }] }),
        )
    };
    let f = of_rule(&s(true), "PLAN-REVIEW");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity.as_str(), "info");
    assert_eq!(f[0].subjects, vec!["s1"]);
    let at = f[0].at.expect("at");
    assert!(at[0] > 0.0 && at[0] < 3.0 && at[1] > 0.0 && at[1] < 2.0);
    assert!(f[0].message_zh().contains("卫生间"));
    assert!(!fires(&s(false), "PLAN-REVIEW"));
}

#[test]
fn version_1_files_load_unchanged_and_save_without_new_fields() {
    let v1 = json!({ "format": "sightline-site", "version": 1, "name": "Old",
        "floors": [{ "id": "F1",
            "openings": [],
            "devices": [{ "id": "c1", "position": [1, 1], "heading": 0, "fov": 90, "purpose": "attendance" }],
            "signs": [{ "id": "g1", "position": [0, 0], "facing": 0,
                        "notice": { "processor": true, "purpose": true, "retention": true, "rights": true, "contact": true } }] }] });
    let site = sightline::model::parse(&v1.to_string(), std::path::Path::new("old.site.json"))
        .expect("loads");
    assert!(site.venue.is_none() && site.impact_assessment.is_none());
    assert_eq!(
        site.floors[0].signs[0].notice.missing(),
        vec!["method", "necessity"]
    );
    let saved = serde_json::to_value(&site).expect("json");
    for absent in [
        "venue",
        "designated_key_place",
        "impact_assessment",
        "minors_rules",
    ] {
        assert!(saved.get(absent).is_none(), "{absent}");
    }
    let d = &saved["floors"][0]["devices"][0];
    for absent in ["legal_basis", "separate_consent", "required_by_law"] {
        assert!(d.get(absent).is_none(), "{absent}");
    }
    assert!(saved["floors"][0]["signs"][0]["notice"]
        .get("method")
        .is_none());
}
