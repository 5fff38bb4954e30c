//! Every rule id of rules.md: a site that fires it, and a close variant that does not.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod common;

use common::*;
use serde_json::json;
use sightline::model::Site;

// ---------------------------------------------------------------------------------------------
// Scene 1: a corridor (y 0..3) with a room (x 5..10, y 3..8) whose door is at x 7..8 on y = 3.
// A camera on the corridor's south wall at (7.5, 0) looks north through the door. The rays
// through the door's edges (7, 3) and (8, 3) reach the back wall y = 8 at x = 7.5 ∓ 0.5 · 8/3,
// so inside the room it sees a trapezoid 5 m deep growing from 1 m to 8/3 m wide:
// 5 · (1 + 8/3) / 2 = 55/6 m². Its edges are all straight, so the only error is the boolean
// operations' (i_overlay snaps to a fixed-point grid, ~1e-8 m² here): we allow 1e-6 m².
// ---------------------------------------------------------------------------------------------
const THROUGH_DOOR_M2: f64 = 55.0 / 6.0;
const AREA_TOL: f64 = 1e-6;

fn corridor_and_room(kind: &str, device: serde_json::Value) -> Site {
    site(json!({
        "walls": [
            { "id": "w-south", "points": [[0, 0], [20, 0]] },
            { "id": "w-north", "points": [[0, 3], [20, 3]] },
            { "id": "w-room", "points": [[5, 3], [5, 8], [10, 8], [10, 3]] }
        ],
        "openings": [ { "id": "d-room", "kind": "door", "a": [7, 3], "b": [8, 3] } ],
        "spaces": [
            { "id": "s-corr", "name": "Corridor", "kind": "public", "polygon": rect(0.0, 0.0, 20.0, 3.0) },
            { "id": "s-room", "name": "Room 101", "kind": kind, "polygon": rect(5.0, 3.0, 10.0, 8.0) }
        ],
        "devices": [device]
    }))
}

fn looking_at_door(fr: bool) -> serde_json::Value {
    json!({ "id": "c1", "name": "Corridor cam", "position": [7.5, 0], "heading": 90, "fov": 90, "range": 10,
            "face_recognition": fr, "purpose": "public_safety", "necessity": "n" })
}

fn without_door(s: &Site) -> Site {
    edit(s, |f| f["openings"] = json!([]))
}

#[test]
fn a13_private_view_fires_through_a_door_with_the_hand_computed_area() {
    let s = corridor_and_room("hotel_room", looking_at_door(true));
    let f = of_rule(&s, "A13-PRIVATE-VIEW");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subjects, vec!["c1", "s-room"]);
    let area = f[0].area_m2.expect("area");
    assert!((area - THROUGH_DOOR_M2).abs() < AREA_TOL, "{area}");
    let at = f[0].at.expect("at");
    assert!(
        at[1] > 3.0 && at[1] < 8.0 && at[0] > 6.8 && at[0] < 8.2,
        "{at:?}"
    );
    assert!(f[0].message_en().contains("9.17 m²") && f[0].message_en().contains("Room 101"));
    assert!(f[0].message_zh().contains("9.17 平方米"));
    // Rules v2: the final ¶2 bans devices *inside* only; seeing in rests on ¶1 and Art. 4.
    assert_eq!(
        f[0].article.map(|a| a.zh),
        Some("人脸识别技术应用安全管理办法 第十三条第一款、第四条")
    );
    assert_eq!(
        f[0].article.map(|a| a.en),
        Some("Measures for the Security Management of Face Recognition Technology Applications, Art. 13 ¶1 and Art. 4")
    );
    // A13-PRIVATE-INSIDE keeps ¶2.
    assert_eq!(
        sightline::rules::RuleId::PrivateInside
            .article()
            .map(|a| a.zh),
        Some("人脸识别技术应用安全管理办法 第十三条第二款")
    );
}

#[test]
fn a13_private_view_does_not_fire_when_the_door_is_walled_up() {
    let s = without_door(&corridor_and_room("hotel_room", looking_at_door(true)));
    assert!(!fires(&s, "A13-PRIVATE-VIEW"));
    assert!(!fires(&s, "R799-A8-VIEW"));
}

#[test]
fn a13_private_view_does_not_fire_when_the_camera_is_turned_away() {
    let s = edit(
        &corridor_and_room("hotel_room", looking_at_door(true)),
        |f| f["devices"][0]["heading"] = json!(0),
    );
    assert!(!fires(&s, "A13-PRIVATE-VIEW"));
}

#[test]
fn a13_private_inside_fires_inside_and_not_one_metre_away() {
    let inside = json!({ "id": "c1", "position": [7.5, 3.5], "heading": 90, "fov": 90 });
    let s = corridor_and_room("bath", inside);
    let f = of_rule(&s, "A13-PRIVATE-INSIDE");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subjects, vec!["c1", "s-room"]);
    assert_eq!(f[0].at, Some([7.5, 3.5]));
    assert!(f[0]
        .message_en()
        .contains("inside private space s-room “Room 101” (public bath)"));
    let moved = edit(&s, |f| f["devices"][0]["position"] = json!([7.5, 2.5]));
    assert!(!fires(&moved, "A13-PRIVATE-INSIDE"));
}

#[test]
fn a13_private_inside_for_a_device_on_the_boundary_wall_depends_on_its_heading() {
    let into_room = json!({ "id": "c1", "position": [6, 3], "heading": 80, "fov": 60, "range": 4 });
    let s = corridor_and_room("hotel_room", into_room);
    assert!(fires(&s, "A13-PRIVATE-INSIDE"));
    let into_corridor = edit(&s, |f| f["devices"][0]["heading"] = json!(260));
    assert!(!fires(&into_corridor, "A13-PRIVATE-INSIDE"));
    assert!(!fires(&into_corridor, "A13-PRIVATE-VIEW"));
}

#[test]
fn ordinary_camera_gets_decree_799_view_not_measures_view() {
    let s = corridor_and_room("changing_room", looking_at_door(false));
    assert!(!fires(&s, "A13-PRIVATE-VIEW"));
    let f = of_rule(&s, "R799-A8-VIEW");
    assert_eq!(f.len(), 1);
    assert!((f[0].area_m2.unwrap_or(0.0) - THROUGH_DOOR_M2).abs() < AREA_TOL);
    assert_eq!(
        f[0].article.map(|a| a.zh),
        Some("公共安全视频图像信息系统管理条例 第八条第一款第（四）项")
    );
    assert!(f[0].message_en().starts_with("Camera c1"));
}

#[test]
fn low_resolution_fr_camera_gets_r799_view_but_not_a13_view() {
    // 1000 px over 90° at 250 px/m: faces are identifiable to 2 m only, short of the door at 3 m,
    // but the camera films through it all the same.
    let mut cam = looking_at_door(true);
    cam["resolution"] = json!([1000, 600]);
    let s = corridor_and_room("toilet", cam);
    assert!(!fires(&s, "A13-PRIVATE-VIEW"));
    let f = of_rule(&s, "R799-A8-VIEW");
    assert_eq!(f.len(), 1);
    assert!((f[0].area_m2.unwrap_or(0.0) - THROUGH_DOOR_M2).abs() < AREA_TOL);
}

#[test]
fn r799_inside_fires_for_any_camera_and_not_one_metre_away() {
    let cam = json!({ "id": "c1", "position": [7.5, 4], "heading": 90, "fov": 90, "face_recognition": false });
    let s = corridor_and_room("changing_room", cam);
    let f = of_rule(&s, "R799-A8-INSIDE");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].article.map(|a| a.zh),
        Some("公共安全视频图像信息系统管理条例 第八条第一款第（三）项")
    );
    assert!(
        !fires(&s, "A13-PRIVATE-INSIDE"),
        "an ordinary camera is not an FR device"
    );
    let moved = edit(&s, |f| f["devices"][0]["position"] = json!([7.5, 2.0]));
    assert!(!fires(&moved, "R799-A8-INSIDE"));
}

#[test]
fn fr_camera_in_a_dorm_room_breaks_both_laws() {
    let cam = json!({ "id": "c1", "position": [7.5, 5], "heading": 90, "fov": 90 });
    let s = corridor_and_room("dorm_room", cam);
    assert!(fires(&s, "A13-PRIVATE-INSIDE"));
    let f = of_rule(&s, "R799-A8-INSIDE");
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].article.map(|a| a.en),
        Some("Regulations on Public Security Video Image Information Systems (State Council Decree No. 799), Art. 8 ¶1 item (2)")
    );
}

#[test]
fn r799_view_does_not_fire_under_a_quarter_square_metre() {
    // A 2 cm gap instead of the door: 5 · (0.02 + 0.02 · 8/3) / 2 = 0.183 m² seen, counted as zero.
    let narrow = edit(&corridor_and_room("toilet", looking_at_door(false)), |f| {
        f["openings"][0]["a"] = json!([7.49, 3]);
        f["openings"][0]["b"] = json!([7.51, 3]);
    });
    assert!(!fires(&narrow, "R799-A8-VIEW"));
    // A 10 cm gap lets it see 0.917 m²: that counts.
    let wider = edit(&narrow, |f| {
        f["openings"][0]["a"] = json!([7.45, 3]);
        f["openings"][0]["b"] = json!([7.55, 3]);
    });
    let f = of_rule(&wider, "R799-A8-VIEW");
    assert!((f[0].area_m2.unwrap_or(0.0) - 5.0 * (0.1 + 0.8 / 3.0) / 2.0).abs() < AREA_TOL);
}

// ---------------------------------------------------------------------------------------------
// Scene 2: a 20 × 10 m lobby, a 2 m door south (x 8..10) and east (y 4..6); zone = the lobby.
// An FR camera on the north wall at (10, 10) looks south with 90° out to 6 m: a quarter disc.
// ---------------------------------------------------------------------------------------------
fn lobby(devices: serde_json::Value, signs: serde_json::Value) -> Site {
    site(json!({
        "walls": [ box_wall("w-lobby", 0.0, 0.0, 20.0, 10.0) ],
        "openings": [
            { "id": "d-south", "kind": "door", "a": [8, 0], "b": [10, 0] },
            { "id": "d-east", "kind": "door", "a": [20, 4], "b": [20, 6] }
        ],
        "spaces": [ { "id": "s-lobby", "name": "Lobby", "kind": "public", "polygon": rect(0.0, 0.0, 20.0, 10.0) } ],
        "zones": [ { "id": "z1", "name": "Lobby zone", "polygon": rect(0.0, 0.0, 20.0, 10.0) } ],
        "devices": devices,
        "signs": signs
    }))
}

fn lobby_camera() -> serde_json::Value {
    fr_camera("c1", [10.0, 10.0], 270.0, 90.0, 6.0, "z1")
}

fn both_signs() -> serde_json::Value {
    json!([
        good_sign("g-south", [7.5, 0.0], 270.0),
        good_sign("g-east", [20.0, 6.5], 0.0)
    ])
}

#[test]
fn a_well_signed_lobby_passes_cleanly() {
    let s = lobby(json!([lobby_camera()]), both_signs());
    assert_eq!(rule_ids(&s), Vec::<&str>::new());
}

#[test]
fn a13_purpose_fires_for_marketing_identification_only() {
    let mut cam = lobby_camera();
    cam["purpose"] = json!("marketing");
    let s = lobby(json!([cam]), both_signs());
    let f = of_rule(&s, "A13-PURPOSE");
    assert_eq!(f.len(), 1);
    assert!(f[0].message_en().contains("for marketing"));
    assert!(f[0].message_zh().contains("营销"));
    let absent = edit(&s, |f| {
        f["devices"][0].as_object_mut().map(|d| d.remove("purpose"));
    });
    assert!(
        fires(&absent, "A13-PURPOSE"),
        "absent purpose counts as not public safety"
    );
    let verification = edit(&s, |f| f["devices"][0]["mode"] = json!("verification"));
    assert!(!fires(&verification, "A13-PURPOSE"));
    let public_safety = edit(&s, |f| f["devices"][0]["purpose"] = json!("public_safety"));
    assert!(!fires(&public_safety, "A13-PURPOSE"));
}

#[test]
fn a13_necessity_fires_when_blank() {
    let mut cam = lobby_camera();
    cam["necessity"] = json!("   ");
    let s = lobby(json!([cam]), both_signs());
    assert_eq!(of_rule(&s, "A13-NECESSITY").len(), 1);
    assert_eq!(of_rule(&s, "A13-NECESSITY")[0].severity.as_str(), "warning");
    let given = edit(&s, |f| {
        f["devices"][0]["necessity"] = json!("Pickpocketing at the gates")
    });
    assert!(!fires(&given, "A13-NECESSITY"));
}

#[test]
fn a13_no_zone_fires_for_a_missing_or_unknown_zone() {
    let mut cam = lobby_camera();
    cam.as_object_mut().map(|c| c.remove("zone"));
    let s = lobby(json!([cam]), both_signs());
    assert_eq!(of_rule(&s, "A13-NO-ZONE").len(), 1);
    let unknown = edit(&s, |f| f["devices"][0]["zone"] = json!("z-typo"));
    let f = of_rule(&unknown, "A13-NO-ZONE");
    assert!(f[0].message_en().contains("z-typo"));
    assert!(fires(&unknown, "PLAN-REFERENCE"));
    let named = edit(&s, |f| f["devices"][0]["zone"] = json!("z1"));
    assert!(!fires(&named, "A13-NO-ZONE"));
}

#[test]
fn a13_rules_do_not_apply_in_a_non_public_space() {
    let mut cam = lobby_camera();
    cam["purpose"] = json!("attendance");
    cam.as_object_mut().map(|c| c.remove("zone"));
    let s = edit(&lobby(json!([cam]), both_signs()), |f| {
        f["spaces"][0]["kind"] = json!("non_public")
    });
    assert!(!fires(&s, "A13-PURPOSE"));
    assert!(!fires(&s, "A13-NO-ZONE"));
}

#[test]
fn a13_outside_zone_gives_the_area_outside() {
    // Zone stops at y = 7: the camera's quarter disc (apex at y = 10) has the triangle
    // 10 > y > 7 outside it, 3 m high and 6 m wide at its base: 9 m².
    let s = edit(&lobby(json!([lobby_camera()]), both_signs()), |f| {
        f["zones"][0]["polygon"] = rect(0.0, 0.0, 20.0, 7.0)
    });
    let f = of_rule(&s, "A13-OUTSIDE-ZONE");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subjects, vec!["c1", "z1"]);
    assert!(
        (f[0].area_m2.unwrap_or(0.0) - 9.0).abs() < AREA_TOL,
        "{:?}",
        f[0].area_m2
    );
    // The whole lobby as zone: nothing outside.
    assert!(!fires(
        &lobby(json!([lobby_camera()]), both_signs()),
        "A13-OUTSIDE-ZONE"
    ));
}

#[test]
fn a13_zone_private_fires_for_an_overlap_and_not_when_moved_a_metre() {
    let s = edit(&lobby(json!([lobby_camera()]), both_signs()), |f| {
        push(
            f,
            "spaces",
            json!({ "id": "s-wc", "name": "WC", "kind": "toilet", "polygon": rect(18.0, 8.0, 22.0, 12.0) }),
        );
    });
    let f = of_rule(&s, "A13-ZONE-PRIVATE");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subjects, vec!["z1", "s-wc"]);
    assert!((f[0].area_m2.unwrap_or(0.0) - 4.0).abs() < AREA_TOL);
    let moved = edit(&s, |f| {
        f["spaces"][1]["polygon"] = rect(20.0, 8.0, 24.0, 12.0)
    });
    assert!(!fires(&moved, "A13-ZONE-PRIVATE"));
    let sliver = edit(&s, |f| {
        f["spaces"][1]["polygon"] = rect(19.5, 9.6, 24.0, 12.0)
    });
    assert!(!fires(&sliver, "A13-ZONE-PRIVATE"), "0.2 m² counts as zero");
}

#[test]
fn a13_no_sign_fires_without_signs_and_lists_every_entrance() {
    let s = lobby(json!([lobby_camera()]), json!([]));
    let f = of_rule(&s, "A13-NO-SIGN");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].stretches.as_ref().map(Vec::len), Some(2));
    assert!(!fires(&s, "A13-UNSIGNED-ENTRY"));
    assert!(f[0].message_en().contains("4.00 m in all"));
}

#[test]
fn a13_no_sign_fires_when_the_sign_is_turned_round_behind_a_wall_or_too_far() {
    let turned = lobby(
        json!([lobby_camera()]),
        json!([good_sign("g", [7.5, 0.0], 90.0)]),
    );
    assert!(fires(&turned, "A13-NO-SIGN"));
    let behind_wall = lobby(
        json!([lobby_camera()]),
        json!([good_sign("g", [3.0, 0.5], 270.0)]),
    );
    assert!(fires(&behind_wall, "A13-NO-SIGN"));
    let too_far = lobby(
        json!([lobby_camera()]),
        json!([good_sign("g", [1.0, 0.0], 270.0)]),
    );
    assert!(fires(&too_far, "A13-NO-SIGN"));
    // The same sign facing out beside the door covers it.
    let beside = lobby(
        json!([lobby_camera()]),
        json!([good_sign("g", [7.5, 0.0], 270.0)]),
    );
    assert!(!fires(&beside, "A13-NO-SIGN"));
    // On a stand in front of the door, facing the people walking up.
    let stand = lobby(
        json!([lobby_camera()]),
        json!([good_sign("g", [9.0, -3.0], 90.0)]),
    );
    assert!(!fires(&stand, "A13-NO-SIGN"));
}

#[test]
fn a_zone_sealed_by_walls_has_nothing_to_sign() {
    let s = edit(&lobby(json!([lobby_camera()]), json!([])), |f| {
        f["openings"] = json!([])
    });
    assert!(!fires(&s, "A13-NO-SIGN"));
    assert!(!fires(&s, "A13-UNSIGNED-ENTRY"));
}

#[test]
fn a13_unsigned_entry_gives_the_uncovered_stretch() {
    let s = lobby(
        json!([lobby_camera()]),
        json!([good_sign("g-south", [7.5, 0.0], 270.0)]),
    );
    let f = of_rule(&s, "A13-UNSIGNED-ENTRY");
    assert_eq!(f.len(), 1);
    let st = f[0].stretches.clone().expect("stretches");
    assert_eq!(st.len(), 1);
    let [a, b] = st[0];
    assert!(
        (a[0] - 20.0).abs() < 1e-9 && (a[1] - 4.0).abs() < 1e-9,
        "{a:?}"
    );
    assert!(
        (b[0] - 20.0).abs() < 1e-9 && (b[1] - 6.0).abs() < 1e-9,
        "{b:?}"
    );
    assert!(!fires(&s, "A13-NO-SIGN"));
    assert!(!fires(
        &lobby(json!([lobby_camera()]), both_signs()),
        "A13-UNSIGNED-ENTRY"
    ));
}

#[test]
fn a13_unsigned_entry_finds_the_far_end_of_a_wide_door() {
    // A 10 m opening (x 5..15) with one sign at x = 4.7 readable to 6 m: the approach line of an
    // entry point at x is readable when some point of it is within 6 m of the sign; the nearest
    // is 0.3 m out, so x − 4.7 ≤ √(6² − 0.3²) = 5.99249…; everything beyond x ≈ 10.69 is unsigned.
    let s = edit(
        &lobby(
            json!([lobby_camera()]),
            json!([good_sign("g", [4.7, 0.0], 270.0)]),
        ),
        |f| {
            f["openings"] = json!([{ "id": "o", "kind": "opening", "a": [5, 0], "b": [15, 0] }]);
        },
    );
    let f = of_rule(&s, "A13-UNSIGNED-ENTRY");
    let st = f[0].stretches.clone().expect("stretches");
    assert_eq!(st.len(), 1);
    let xs = [st[0][0][0], st[0][1][0]];
    let (lo, hi) = (xs[0].min(xs[1]), xs[0].max(xs[1]));
    let exact = 4.7 + (36.0f64 - 0.09).sqrt();
    assert!((lo - exact).abs() <= 0.05 + 1e-9, "{lo} vs {exact}");
    assert!((hi - 15.0).abs() < 1e-9);
}

#[test]
fn a13_sign_prominence_fires_for_small_low_or_high_signs() {
    let with = |w: f64, h: f64, mount: f64| {
        let mut g = good_sign("g-south", [7.5, 0.0], 270.0);
        g["width"] = json!(w);
        g["height"] = json!(h);
        g["mount_height"] = json!(mount);
        lobby(
            json!([lobby_camera()]),
            json!([g, good_sign("g-east", [20.0, 6.5], 0.0)]),
        )
    };
    assert!(fires(&with(0.2, 0.15, 1.8), "A13-SIGN-PROMINENCE"));
    assert!(fires(&with(0.4, 0.3, 0.8), "A13-SIGN-PROMINENCE"));
    assert!(fires(&with(0.4, 0.3, 2.6), "A13-SIGN-PROMINENCE"));
    assert!(!fires(&with(0.3, 0.2, 1.0), "A13-SIGN-PROMINENCE"));
    assert!(!fires(&with(0.3, 0.2, 2.5), "A13-SIGN-PROMINENCE"));
    let f = of_rule(&with(0.2, 0.15, 2.6), "A13-SIGN-PROMINENCE");
    assert_eq!(f[0].subjects, vec!["g-south", "z1"]);
    assert!(
        f[0].message_en().contains("smaller than 0.30 m × 0.20 m")
            && f[0].message_en().contains("above 2.5 m")
    );
}

#[test]
fn a5_notice_lists_the_missing_items() {
    let mut g = good_sign("g-south", [7.5, 0.0], 270.0);
    g["notice"]["rights"] = json!(false);
    g["notice"].as_object_mut().map(|n| n.remove("retention"));
    let s = lobby(
        json!([lobby_camera()]),
        json!([g, good_sign("g-east", [20.0, 6.5], 0.0)]),
    );
    let f = of_rule(&s, "A5-NOTICE");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subjects, vec!["g-south", "z1"]);
    assert!(f[0]
        .message_en()
        .contains("retention period, how to exercise one's rights"));
    assert!(f[0].message_zh().contains("保存期限、行使权利的方式和程序"));
    assert!(!fires(
        &lobby(json!([lobby_camera()]), both_signs()),
        "A5-NOTICE"
    ));
}

#[test]
fn a5_notice_does_not_apply_to_signs_that_cover_no_entrance() {
    let mut stray = good_sign("g-stray", [10.0, 5.0], 90.0);
    stray["notice"] = json!({});
    let mut signs = both_signs();
    if let Some(a) = signs.as_array_mut() {
        a.push(stray);
    }
    assert!(!fires(&lobby(json!([lobby_camera()]), signs), "A5-NOTICE"));
}

#[test]
fn zone_unused_is_info_and_nothing_else() {
    let s = lobby(json!([]), json!([]));
    let f = of_rule(&s, "ZONE-UNUSED");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity.as_str(), "info");
    assert_eq!(rule_ids(&s), vec!["ZONE-UNUSED"]);
    assert!(!fires(
        &lobby(json!([lobby_camera()]), both_signs()),
        "ZONE-UNUSED"
    ));
}

// ---------------------------------------------------------------------------------------------
// Device and site settings.
// ---------------------------------------------------------------------------------------------
#[test]
fn a8_transfer_fires_for_networked_storage_without_consent() {
    let mut cam = lobby_camera();
    cam["storage"] = json!("networked");
    let s = lobby(json!([cam]), both_signs());
    assert_eq!(of_rule(&s, "A8-TRANSFER").len(), 1);
    let consent = edit(&s, |f| {
        f["devices"][0]["consent_for_transfer"] = json!(true)
    });
    assert!(!fires(&consent, "A8-TRANSFER"));
    let ordinary = edit(&s, |f| f["devices"][0]["face_recognition"] = json!(false));
    assert!(!fires(&ordinary, "A8-TRANSFER"));
}

#[test]
fn a10_sole_method_fires_without_an_alternative() {
    let mut kiosk = fr_camera("k1", [5.0, 5.0], 0.0, 60.0, 1.0, "z1");
    kiosk["mode"] = json!("verification");
    kiosk["purpose"] = json!("access_control");
    kiosk["separate_consent"] = json!(true);
    let s = lobby(json!([kiosk]), both_signs());
    assert_eq!(of_rule(&s, "A10-SOLE-METHOD").len(), 1);
    let declined = edit(&s, |f| f["devices"][0]["alternative_method"] = json!(false));
    assert!(fires(&declined, "A10-SOLE-METHOD"));
    let offered = edit(&s, |f| f["devices"][0]["alternative_method"] = json!(true));
    assert!(!fires(&offered, "A10-SOLE-METHOD"));
    assert_eq!(rule_ids(&offered), Vec::<&str>::new());
}

#[test]
fn a15_filing_fires_from_100000_faces_until_filed() {
    let base = lobby(json!([lobby_camera()]), both_signs());
    let at = |faces: u64, filed: bool| {
        edit_top(&base, |v| {
            v["faces_stored"] = json!(faces);
            v["filed_with_authority"] = json!(filed);
        })
    };
    let f = of_rule(&at(100_000, false), "A15-FILING");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].floor, None);
    assert!(!fires(&at(99_999, false), "A15-FILING"));
    assert!(!fires(&at(250_000, true), "A15-FILING"));
}

fn cctv_lobby(signs: serde_json::Value) -> Site {
    let cam = json!({ "id": "cc", "position": [10, 10], "heading": 270, "fov": 90, "range": 15, "face_recognition": false });
    edit(&lobby(json!([cam]), signs), |f| f["zones"] = json!([]))
}

#[test]
fn r799_sign_fires_without_a_sign_facing_the_camera() {
    assert!(fires(&cctv_lobby(json!([])), "R799-A13-SIGN"));
    let facing = cctv_lobby(json!([good_sign("g", [10.0, 0.0], 90.0)]));
    assert!(!fires(&facing, "R799-A13-SIGN"));
    let away = cctv_lobby(json!([good_sign("g", [10.0, 0.0], 270.0)]));
    assert!(fires(&away, "R799-A13-SIGN"));
    let out_of_range = edit(&facing, |f| f["devices"][0]["range"] = json!(8));
    assert!(fires(&out_of_range, "R799-A13-SIGN"));
    let walled = edit(&facing, |f| {
        push(
            f,
            "walls",
            json!({ "id": "w-mid", "points": [[0, 5], [20, 5]] }),
        );
    });
    assert!(fires(&walled, "R799-A13-SIGN"));
}

#[test]
fn r799_filing_fires_for_a_device_in_a_public_place_until_filed() {
    let s = edit_top(&cctv_lobby(json!([])), |v| {
        v["filed_with_police"] = json!(false)
    });
    let f = of_rule(&s, "R799-A14-FILING");
    assert_eq!(f.len(), 1);
    assert!(f[0].message_en().contains("1 camera(s)"));
    let filed = edit_top(&s, |v| v["filed_with_police"] = json!(true));
    assert!(!fires(&filed, "R799-A14-FILING"));
    let staff_only = edit(&s, |f| f["spaces"][0]["kind"] = json!("non_public"));
    assert!(!fires(&staff_only, "R799-A14-FILING"));
}

#[test]
fn r799_retention_fires_below_30_days() {
    let s = |days: Option<u64>| {
        edit_top(&cctv_lobby(json!([])), |v| {
            if let Some(d) = days {
                v["retention_days"] = json!(d);
            }
        })
    };
    assert!(fires(&s(Some(15)), "R799-A17-RETENTION"));
    assert!(s(Some(29)).floors.len() == 1 && fires(&s(Some(29)), "R799-A17-RETENTION"));
    assert!(!fires(&s(Some(30)), "R799-A17-RETENTION"));
    assert!(!fires(&s(None), "R799-A17-RETENTION"));
}

// ---------------------------------------------------------------------------------------------
// Plan sanity.
// ---------------------------------------------------------------------------------------------
#[test]
fn plan_geometry_fires_for_each_drawing_mistake() {
    let base = lobby(json!([lobby_camera()]), both_signs());
    assert!(!fires(&base, "PLAN-GEOMETRY"));
    let crossed = edit(&base, |f| {
        f["spaces"][0]["polygon"] = json!([[0, 0], [20, 10], [20, 0], [0, 10]]);
    });
    let g = of_rule(&crossed, "PLAN-GEOMETRY");
    assert_eq!(g.len(), 1);
    assert!(g[0].message_en().contains("crosses itself"));
    let two_points = edit(&base, |f| {
        f["zones"][0]["polygon"] = json!([[0, 0], [20, 0]])
    });
    assert!(of_rule(&two_points, "PLAN-GEOMETRY")[0]
        .message_en()
        .contains("fewer than 3"));
    let flat = edit(&base, |f| {
        f["zones"][0]["polygon"] = json!([[0, 0], [5, 0], [10, 0]])
    });
    assert!(of_rule(&flat, "PLAN-GEOMETRY")[0]
        .message_en()
        .contains("no area"));
    let one_point_wall = edit(&base, |f| {
        push(f, "walls", json!({ "id": "w-dot", "points": [[3, 3]] }));
    });
    assert_eq!(
        of_rule(&one_point_wall, "PLAN-GEOMETRY")[0].subjects,
        vec!["w-dot"]
    );
    let zero_wall = edit(&base, |f| {
        push(
            f,
            "walls",
            json!({ "id": "w-zero", "points": [[3, 3], [3, 3]] }),
        );
    });
    assert!(of_rule(&zero_wall, "PLAN-GEOMETRY")[0]
        .message_en()
        .contains("zero length"));
    let off_wall = edit(&base, |f| {
        push(
            f,
            "openings",
            json!({ "id": "d-air", "kind": "door", "a": [5, 5], "b": [6, 5] }),
        );
    });
    let g = of_rule(&off_wall, "PLAN-GEOMETRY");
    assert_eq!(g[0].subjects, vec!["d-air"]);
    assert!(g[0].message_en().contains("lies on no wall"));
}

#[test]
fn plan_reference_fires_for_duplicate_and_dangling_ids() {
    let base = lobby(json!([lobby_camera()]), both_signs());
    assert!(!fires(&base, "PLAN-REFERENCE"));
    let dup = edit(&base, |f| f["signs"][1]["id"] = json!("c1"));
    let r = of_rule(&dup, "PLAN-REFERENCE");
    assert_eq!(r.len(), 1);
    assert!(r[0].message_en().contains("defined 2 times"));
    let dangling = edit(&base, |f| f["devices"][0]["zone"] = json!("s-lobby"));
    let r = of_rule(&dangling, "PLAN-REFERENCE");
    assert_eq!(r[0].subjects, vec!["c1", "s-lobby"]);
}

#[test]
fn findings_are_ordered_worst_first_then_floor_then_rule() {
    let mut cam = lobby_camera();
    cam["purpose"] = json!("marketing");
    cam["storage"] = json!("networked");
    let s = edit_top(&lobby(json!([cam]), json!([])), |v| {
        v["retention_days"] = json!(10);
        v["filed_with_police"] = json!(false);
    });
    let f = findings(&s);
    let keys: Vec<(&str, Option<String>, &str)> = f
        .iter()
        .map(|x| (x.severity.as_str(), x.floor.clone(), x.rule.as_str()))
        .collect();
    assert_eq!(
        keys,
        vec![
            ("violation", Some("F1".to_owned()), "A13-NO-SIGN"),
            ("violation", Some("F1".to_owned()), "A13-PURPOSE"),
            ("violation", Some("F1".to_owned()), "A6-CONSENT"),
            ("violation", Some("F1".to_owned()), "A8-TRANSFER"),
            ("warning", None, "R799-A14-FILING"),
            ("warning", None, "R799-A17-RETENTION"),
        ]
    );
}

#[test]
fn every_rule_of_the_catalogue_has_both_messages_and_an_article_where_the_law_gives_one() {
    use sightline::rules::RuleId;
    assert_eq!(RuleId::ALL.len(), 27);
    for r in RuleId::ALL {
        let plan = r.as_str().starts_with("PLAN-")
            || r.as_str() == "ZONE-UNUSED"
            || r.as_str() == "SITE-VENUE";
        assert_eq!(r.article().is_none(), plan, "{}", r.as_str());
    }
}
