//! Random sites for property tests.
#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{json, Value};
use sightline::model::Site;

pub fn coord() -> impl Strategy<Value = f64> {
    // Mostly on a 0.5 m grid (so that walls meet, doors sit on walls and points coincide, as in
    // real drawings), sometimes anywhere.
    prop_oneof![3 => (0..60i32).prop_map(|v| v as f64 * 0.5), 1 => 0.0..30.0f64]
}

pub fn point() -> impl Strategy<Value = Value> {
    (coord(), coord()).prop_map(|(x, y)| json!([x, y]))
}

pub fn polygon() -> impl Strategy<Value = Value> {
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

/// How many of each object a random site may have (upper bounds, exclusive).
#[derive(Clone, Copy, Debug)]
pub struct Size {
    pub walls: usize,
    pub openings: usize,
    pub spaces: usize,
    pub devices: usize,
    pub signs: usize,
    pub zones: usize,
}

impl Size {
    /// Small sites: quick to check, many of them.
    pub const SMALL: Size = Size {
        walls: 10,
        openings: 5,
        spaces: 5,
        devices: 5,
        signs: 4,
        zones: 3,
    };
    /// Medium sites: crowded enough that indexes and crossings matter.
    pub const MEDIUM: Size = Size {
        walls: 40,
        openings: 20,
        spaces: 14,
        devices: 12,
        signs: 6,
        zones: 4,
    };
}

/// Random valid sites of about the given size on one 30 × 30 m floor: walls that meet, cross and
/// overlap, doors on walls and in mid-air, spaces and zones that are often degenerate, devices
/// of every kind.
pub fn site_strategy(size: Size) -> impl Strategy<Value = Site> {
    let walls = prop::collection::vec(
        (prop::collection::vec(point(), 0..5), 0.0..0.4f64),
        0..size.walls,
    );
    let openings = prop::collection::vec(
        (
            0usize..40,
            0.0..1.0f64,
            0.2..2.0f64,
            0usize..3,
            any::<bool>(),
            point(),
        ),
        0..size.openings,
    );
    let spaces = prop::collection::vec((polygon(), 0usize..KINDS.len()), 0..size.spaces);
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
        0..size.devices,
    );
    let signs = prop::collection::vec(
        (
            point(),
            -360.0..360.0f64,
            0.0..10.0f64,
            0.0..0.6f64,
            0.0..3.0f64,
        ),
        0..size.signs,
    );
    let zones = prop::collection::vec(polygon(), 0..size.zones);
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
