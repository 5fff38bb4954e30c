//! The fast path (spatial indexes, crossings split in advance, incremental re-checks) against
//! simple references: the same findings, areas within 1e-6 m².
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod common;

use common::random::{site_strategy, Size};
use proptest::prelude::*;
use sightline::analysis::Analysis;
use sightline::checker::Checker;
use sightline::geometry::segments::Search;
use sightline::model::Site;
use sightline::rules::{self, Finding};

/// Asserts two finding lists agree: same rules, severities, floors, subjects and messages in
/// the same order; areas within 1e-6 m². Points within 1e-6 m, except for area findings, whose
/// point only has to lie in the (same) region: where a region's centroid falls outside it, the
/// interior point chosen instead depends on the order of its vertices.
fn assert_same(fast: &[&Finding], slow: &[&Finding]) -> Result<(), TestCaseError> {
    prop_assert_eq!(fast.len(), slow.len());
    for (f, s) in fast.iter().zip(slow) {
        prop_assert_eq!(f.rule, s.rule);
        prop_assert_eq!(f.severity, s.severity);
        prop_assert_eq!(&f.floor, &s.floor);
        prop_assert_eq!(&f.subjects, &s.subjects);
        match (f.area_m2, s.area_m2) {
            (Some(a), Some(b)) => {
                prop_assert!((a - b).abs() <= 1e-6, "{} vs {} ({:?})", a, b, f.rule);
                // Areas within 1e-6 m² can still round to different hundredths (47.625…):
                // the messages agree but for the area printed in each.
                let (fa, sa) = (format!("{a:.2}"), format!("{b:.2}"));
                prop_assert_eq!(
                    f.message_en().replace(&fa, "<area>"),
                    s.message_en().replace(&sa, "<area>")
                );
            }
            (a, b) => {
                prop_assert_eq!(a, b);
                prop_assert_eq!(f.message_en(), s.message_en());
            }
        }
        match (f.at, s.at, &f.region, &s.region) {
            (Some(a), Some(b), Some(ra), Some(rb)) => {
                prop_assert!(
                    near_region(a, ra) && near_region(b, rb),
                    "{:?} / {:?} outside ({:?})",
                    a,
                    b,
                    f.rule
                );
            }
            (Some(a), Some(b), _, _) => prop_assert!(
                (a[0] - b[0]).abs() <= 1e-6 && (a[1] - b[1]).abs() <= 1e-6,
                "{:?} vs {:?} ({:?})",
                a,
                b,
                f.rule
            ),
            (a, b, _, _) => prop_assert_eq!(a, b),
        }
    }
    Ok(())
}

fn near_region(p: [f64; 2], region: &geo::MultiPolygon<f64>) -> bool {
    use geo::{Distance, Euclidean};
    Euclidean.distance(&geo::Point::new(p[0], p[1]), region) <= 1e-6
}

fn check_with(site: &Site, search: Search) -> Vec<Finding> {
    rules::check(site, &Analysis::of_with(site, search))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn indexed_check_equals_brute_force(site in site_strategy(Size::MEDIUM)) {
        let fast = check_with(&site, Search::Indexed);
        let slow = check_with(&site, Search::BruteForce);
        assert_same(&fast.iter().collect::<Vec<_>>(), &slow.iter().collect::<Vec<_>>())?;
    }

    #[test]
    fn incremental_recheck_equals_a_full_check(
        site in site_strategy(Size::MEDIUM),
        moves in prop::collection::vec((any::<prop::sample::Index>(), 0.0..30.0f64, 0.0..30.0f64, 0.0..360.0f64, 0usize..4, any::<bool>()), 1..6),
    ) {
        let mut site = site;
        if site.floors[0].devices.is_empty() {
            return Ok(());
        }
        let mut checker = Checker::new(&site);
        for (which, x, y, heading, zone, fr) in moves {
            let di = which.index(site.floors[0].devices.len());
            let d = &mut site.floors[0].devices[di];
            d.position = [x, y];
            d.heading = heading;
            d.zone = (zone > 0).then(|| format!("z{}", zone - 1));
            d.face_recognition = fr;
            checker.device_changed(&site, 0, di);
            let full = check_with(&site, Search::Indexed);
            assert_same(&checker.findings(), &full.iter().collect::<Vec<_>>())?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// Editing the site's own fields re-checks only the site-wide rules, and equals a full check.
    #[test]
    fn site_field_edits_recheck_equals_a_full_check(
        site in site_strategy(Size::MEDIUM),
        edits in prop::collection::vec((any::<bool>(), any::<bool>(), prop::option::of(0u64..400_000), prop::option::of(0u64..90), 0usize..4, any::<bool>()), 1..5),
    ) {
        let mut site = site;
        let mut checker = Checker::new(&site);
        for (police, authority, faces, retention, venue, minors) in edits {
            site.filed_with_police = police;
            site.filed_with_authority = authority;
            site.faces_stored = faces;
            site.retention_days = retention;
            site.venue = [None, Some(sightline::model::Venue::Hotel), Some(sightline::model::Venue::School), Some(sightline::model::Venue::ShoppingCentre)][venue];
            site.minors_rules = minors;
            prop_assert!(checker.site_fields_changed(&site));
            let full = check_with(&site, Search::Indexed);
            assert_same(&checker.findings(), &full.iter().collect::<Vec<_>>())?;
        }
        // A new face density changes capture areas: refused, for a full check.
        site.face_density += 10.0;
        prop_assert!(!checker.site_fields_changed(&site));
    }
}

#[test]
fn moving_a_camera_in_a_sample_updates_exactly_its_findings() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_sites/hotel.site.json");
    let mut site = sightline::model::load(&path).expect("sample");
    let mut checker = Checker::new(&site);
    assert!(checker.findings().is_empty());
    // Move the 3F corridor CCTV into Room 305: Decree 799 forbids it there.
    let (fi, di) = (1, 0);
    site.floors[fi].devices[di].position = [22.0, 2.0];
    checker.device_changed(&site, fi, di);
    let rules: Vec<&str> = checker.findings().iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"R799-A8-INSIDE"), "{rules:?}");
    // And back: clean again.
    site.floors[fi].devices[di].position = [0.0, 8.0];
    checker.device_changed(&site, fi, di);
    assert!(checker.findings().is_empty());
}
