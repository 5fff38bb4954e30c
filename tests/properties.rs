//! Properties over random sites: no panic, deterministic, capture areas inside the range disc,
//! and never larger when a wall is added.

use geo::{Area, CoordsIter};
use proptest::prelude::*;
use serde_json::{json, Value};
use sightline::analysis::Analysis;
use sightline::model::Site;
use sightline::rules::check_site;

fn coord() -> impl Strategy<Value = f64> {
    // Mostly on a 0.5 m grid (so that walls meet, doors sit on walls and points coincide, as in
    // real drawings), sometimes anywhere.
    prop_oneof![3 => (0..60i32).prop_map(|v| v as f64 * 0.5), 1 => 0.0..30.0f64]
}

fn point() -> impl Strategy<Value = Value> {
    (coord(), coord()).prop_map(|(x, y)| json!([x, y]))
}

fn polygon() -> impl Strategy<Value = Value> {
    prop_oneof![
        // Rectangles, the usual case.
        (coord(), coord(), 0.5..12.0f64, 0.5..12.0f64).prop_map(|(x, y, w, h)| json!([
            [x, y],
            [x + w, y],
            [x + w, y + h],
            [x, y + h]
        ])),
        // Anything: degenerate, crossed, repeated points.
        prop::collection::vec(point(), 0..7).prop_map(Value::Array),
    ]
}

const KINDS: [&str; 11] = [
    "hotel_room",
    "private_dining",
    "dorm_room",
    "bath",
    "toilet",
    "changing_room",
    "nursing_room",
    "fitting_room",
    "private_other",
    "public",
    "non_public",
];

fn site_strategy() -> impl Strategy<Value = Site> {
    let walls = prop::collection::vec((prop::collection::vec(point(), 0..5), 0.0..0.4f64), 0..10);
    let openings = prop::collection::vec(
        (
            0usize..40,
            0.0..1.0f64,
            0.2..2.0f64,
            0usize..3,
            any::<bool>(),
            point(),
        ),
        0..5,
    );
    let spaces = prop::collection::vec((polygon(), 0usize..KINDS.len()), 0..5);
    let devices = prop::collection::vec(
        (
            point(),
            -720.0..720.0f64,
            prop_oneof![Just(360.0), Just(180.0), 0.5..360.0f64],
            0.0..30.0f64,
            prop::option::of((1u32..5000, 1u32..3000)),
            any::<bool>(),
            0usize..4,
            any::<bool>(),
            any::<bool>(),
        ),
        0..5,
    );
    let signs = prop::collection::vec(
        (
            point(),
            -360.0..360.0f64,
            0.0..10.0f64,
            0.0..0.6f64,
            0.0..3.0f64,
        ),
        0..4,
    );
    let zones = prop::collection::vec(polygon(), 0..3);
    let site_fields = (
        prop::option::of(0u64..200_000),
        any::<bool>(),
        prop::option::of(0u64..60),
        50.0..600.0f64,
    );
    (walls, openings, spaces, devices, signs, zones, site_fields).prop_map(
        |(walls, openings, spaces, devices, signs, zones, (faces, filed, retention, density))| {
            let walls_json: Vec<Value> = walls
                .iter()
                .enumerate()
                .map(|(i, (pts, t))| json!({ "id": format!("w{i}"), "points": pts, "thickness": t }))
                .collect();
            // Openings: mostly on a wall segment, sometimes floating.
            let segs: Vec<([f64; 2], [f64; 2])> = walls
                .iter()
                .flat_map(|(pts, _)| {
                    pts.windows(2)
                        .map(|w| {
                            let p = |v: &Value| [v[0].as_f64().unwrap_or(0.0), v[1].as_f64().unwrap_or(0.0)];
                            (p(&w[0]), p(&w[1]))
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            let kinds = ["door", "opening", "window"];
            let openings_json: Vec<Value> = openings
                .iter()
                .enumerate()
                .map(|(i, &(seg, t, width, kind, floating, ref free))| {
                    let (a, b) = if floating || segs.is_empty() {
                        let f = [free[0].as_f64().unwrap_or(0.0), free[1].as_f64().unwrap_or(0.0)];
                        (f, [f[0] + width, f[1]])
                    } else {
                        let (p, q) = segs[seg % segs.len()];
                        let at = |u: f64| [p[0] + (q[0] - p[0]) * u, p[1] + (q[1] - p[1]) * u];
                        (at(t * 0.8), at((t * 0.8 + 0.2).min(1.0)))
                    };
                    json!({ "id": format!("o{i}"), "kind": kinds[kind], "a": a, "b": b })
                })
                .collect();
            let spaces_json: Vec<Value> = spaces
                .iter()
                .enumerate()
                .map(|(i, (poly, k))| json!({ "id": format!("s{i}"), "name": format!("Space {i}"), "kind": KINDS[*k], "polygon": poly }))
                .collect();
            let purposes = ["public_safety", "access_control", "marketing", "attendance"];
            let devices_json: Vec<Value> = devices
                .iter()
                .enumerate()
                .map(|(i, (pos, heading, fov, range, res, fr, zone, verification, networked))| {
                    let mut d = json!({
                        "id": format!("c{i}"), "position": pos, "heading": heading, "fov": fov, "range": range,
                        "face_recognition": fr, "purpose": purposes[i % 4],
                        "mode": if *verification { "verification" } else { "identification" },
                        "storage": if *networked { "networked" } else { "on_device" },
                    });
                    if let Some((w, h)) = res {
                        d["resolution"] = json!([w, h]);
                    }
                    if *zone > 0 {
                        d["zone"] = json!(format!("z{}", zone - 1));
                    }
                    d
                })
                .collect();
            let signs_json: Vec<Value> = signs
                .iter()
                .enumerate()
                .map(|(i, (pos, facing, read, w, mount))| json!({
                    "id": format!("g{i}"), "position": pos, "facing": facing, "readable_distance": read,
                    "width": w, "height": w * 0.75, "mount_height": mount,
                    "notice": { "processor": i % 2 == 0, "purpose": true, "retention": true, "rights": true, "contact": true }
                }))
                .collect();
            let zones_json: Vec<Value> = zones
                .iter()
                .enumerate()
                .map(|(i, poly)| json!({ "id": format!("z{i}"), "polygon": poly }))
                .collect();
            let mut doc = json!({
                "format": "sightline-site", "version": 1, "name": "random",
                "filed_with_authority": filed, "face_density": density,
                "floors": [{ "id": "F1", "walls": walls_json, "openings": openings_json, "spaces": spaces_json,
                             "devices": devices_json, "signs": signs_json, "zones": zones_json }]
            });
            if let Some(f) = faces {
                doc["faces_stored"] = json!(f);
            }
            if let Some(r) = retention {
                doc["retention_days"] = json!(r);
            }
            sightline::model::parse(&doc.to_string(), std::path::Path::new("random.site.json"))
                .expect("generated sites are valid")
        },
    )
}

fn as_json(site: &Site) -> String {
    let (_, findings) = check_site(site);
    let doc: Vec<Value> = findings.iter().map(sightline::cli::finding_json).collect();
    serde_json::to_string(&doc).unwrap_or_default()
}

proptest! {

    #[test]
    fn random_sites_never_panic_and_give_the_same_findings_twice(site in site_strategy()) {
        let first = as_json(&site);
        let second = as_json(&site);
        prop_assert_eq!(first, second);
    }

    #[test]
    fn capture_and_view_areas_lie_in_the_range_disc(site in site_strategy()) {
        let a = Analysis::of(&site);
        for (d, da) in site.floors[0].devices.iter().zip(&a.floors[0].devices) {
            let (x, y) = (d.position[0], d.position[1]);
            for c in da.capture.coords_iter() {
                prop_assert!((c.x - x).hypot(c.y - y) <= da.capture_distance * (1.0 + 1e-12) + 1e-9);
            }
            for c in da.view.coords_iter() {
                prop_assert!((c.x - x).hypot(c.y - y) <= d.range * (1.0 + 1e-12) + 1e-9);
            }
            prop_assert!(da.capture.unsigned_area() <= da.view.unsigned_area() + 1e-9);
        }
    }

    #[test]
    fn adding_a_wall_never_enlarges_a_capture_area(
        site in site_strategy(),
        (a, b) in (point(), point()),
        thickness in 0.0..0.3f64,
    ) {
        let before = Analysis::of(&site);
        let mut more = site.clone();
        let wall = json!({ "id": "w-new", "points": [a, b], "thickness": thickness });
        more.floors[0].walls.push(serde_json::from_value(wall).expect("wall"));
        let after = Analysis::of(&more);
        for (x, y) in before.floors[0].devices.iter().zip(&after.floors[0].devices) {
            let (ab, aa) = (x.capture.unsigned_area(), y.capture.unsigned_area());
            prop_assert!(aa <= ab + 1e-7 * ab.max(1.0), "before {} after {}", ab, aa);
        }
    }
}
