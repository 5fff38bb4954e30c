//! Properties over random sites: no panic, deterministic, capture areas inside the range disc,
//! and never larger when a wall is added.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod common;

use common::random::{point, site_strategy, Size};
use geo::{Area, CoordsIter};
use proptest::prelude::*;
use serde_json::{json, Value};
use sightline::analysis::Analysis;
use sightline::model::Site;
use sightline::rules::check_site;

fn as_json(site: &Site) -> String {
    let (_, findings) = check_site(site);
    let doc: Vec<Value> = findings.iter().map(sightline::cli::finding_json).collect();
    serde_json::to_string(&doc).unwrap_or_default()
}

proptest! {

    #[test]
    fn random_sites_never_panic_and_give_the_same_findings_twice(site in site_strategy(Size::SMALL)) {
        let first = as_json(&site);
        let second = as_json(&site);
        prop_assert_eq!(first, second);
    }

    #[test]
    fn capture_and_view_areas_lie_in_the_range_disc(site in site_strategy(Size::SMALL)) {
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
        site in site_strategy(Size::SMALL),
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
