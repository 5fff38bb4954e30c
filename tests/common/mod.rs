//! Helpers shared by the integration tests: build small sites from JSON and run the checker.
#![allow(dead_code)]

pub mod random;

use serde_json::{json, Value};
use sightline::model::Site;
use sightline::rules::{check_site, Finding};

/// Runs the `sightline` command in the project's folder (sample paths are relative to it).
pub fn sightline(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_sightline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run sightline")
}

/// Every bundled sample site, compliant and with mistakes.
pub const SAMPLES: [&str; 8] = [
    "hotel",
    "hotel-mistakes",
    "gym",
    "gym-mistakes",
    "mall",
    "mall-mistakes",
    "office",
    "office-mistakes",
];

/// A site with one floor holding `floor` (merged over an empty floor with id F1).
pub fn site(floor: Value) -> Site {
    site_with(json!({}), floor)
}

/// A site with top-level fields `top` and one floor `floor`.
pub fn site_with(top: Value, floor: Value) -> Site {
    let mut f = json!({ "id": "F1", "name": "1F" });
    merge(&mut f, floor);
    // A baseline that meets every site-wide duty (v2: a venue, a dated impact assessment), so
    // that each test sees only the findings of what it draws; rules.rs tests those duties.
    let mut doc = json!({
        "format": "sightline-site", "version": 1, "name": "Test site",
        "filed_with_police": true,
        "venue": "shopping_centre",
        "impact_assessment": { "date": "2025-05-01", "reference": "PIA-1" },
        "floors": [f]
    });
    merge(&mut doc, top);
    let text = doc.to_string();
    sightline::model::parse(&text, std::path::Path::new("test.site.json")).expect("valid test site")
}

fn merge(base: &mut Value, over: Value) {
    if let (Some(b), Value::Object(o)) = (base.as_object_mut(), over) {
        for (k, v) in o {
            b.insert(k, v);
        }
    }
}

/// All findings of a site.
pub fn findings(site: &Site) -> Vec<Finding> {
    check_site(site).1
}

/// The findings with this rule id.
pub fn of_rule(site: &Site, rule: &str) -> Vec<Finding> {
    findings(site)
        .into_iter()
        .filter(|f| f.rule.as_str() == rule)
        .collect()
}

/// Does the rule fire?
pub fn fires(site: &Site, rule: &str) -> bool {
    !of_rule(site, rule).is_empty()
}

/// The rule ids found, sorted and without repeats.
pub fn rule_ids(site: &Site) -> Vec<&'static str> {
    let mut ids: Vec<_> = findings(site).iter().map(|f| f.rule.as_str()).collect();
    ids.sort();
    ids.dedup();
    ids
}

/// A closed box of walls.
pub fn box_wall(id: &str, x0: f64, y0: f64, x1: f64, y1: f64) -> Value {
    json!({ "id": id, "points": [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]] })
}

/// A rectangle polygon.
pub fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Value {
    json!([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
}

/// A sign with every Art. 5 notice item, prominent, readable from 6 m.
pub fn good_sign(id: &str, pos: [f64; 2], facing: f64) -> Value {
    json!({ "id": id, "position": pos, "facing": facing, "width": 0.4, "height": 0.3,
            "mount_height": 1.8, "readable_distance": 6,
            "notice": { "processor": true, "purpose": true, "retention": true, "rights": true, "contact": true,
                        "method": true, "necessity": true } })
}

/// A face-recognition camera for public safety, with a recorded necessity, in zone `zone`.
pub fn fr_camera(id: &str, pos: [f64; 2], heading: f64, fov: f64, range: f64, zone: &str) -> Value {
    json!({ "id": id, "position": pos, "heading": heading, "fov": fov, "range": range,
            "purpose": "public_safety", "necessity": "Thefts at the entrance", "zone": zone })
}

/// Mutates the floor of a site through its JSON form and returns the new site.
pub fn edit(site: &Site, f: impl FnOnce(&mut Value)) -> Site {
    let mut v = serde_json::to_value(site).expect("site to JSON");
    f(&mut v["floors"][0]);
    serde_json::from_value(v).expect("site from JSON")
}

/// Mutates the top level of a site through its JSON form.
pub fn edit_top(site: &Site, f: impl FnOnce(&mut Value)) -> Site {
    let mut v = serde_json::to_value(site).expect("site to JSON");
    f(&mut v);
    serde_json::from_value(v).expect("site from JSON")
}

/// Appends `item` to the array `f[key]` (making the array if there is none).
pub fn push(f: &mut Value, key: &str, item: Value) {
    match f[key].as_array_mut() {
        Some(a) => a.push(item),
        None => f[key] = json!([item]),
    }
}

/// xorshift64*: small, seeded, the same on every machine.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
