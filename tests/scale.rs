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

/// The cases a property runs: `default`, or `PROPTEST_CASES` when set (so a long run can
/// be asked for: `PROPTEST_CASES=5000 cargo test --release --test scale`).
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

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
    #![proptest_config(ProptestConfig::with_cases(cases(100)))]

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

/// One random edit of one object: which kind (wall, opening, space, device, sign, zone),
/// what (move, insert a moved copy, remove, give it another object's id), which object, where
/// to, and by how much.
type ObjectEdit = (
    usize,
    usize,
    prop::sample::Index,
    prop::sample::Index,
    f64,
    f64,
);

/// The edit `e` makes of the site as it is, if the object it names exists.
#[cfg(feature = "gui")]
fn object_edit(site: &Site, e: &ObjectEdit, serial: usize) -> Option<sightline::app::edit::Edit> {
    use sightline::app::edit::{count, get, Edit, Item, ItemKind, ItemRef};
    let (kind, what, which, to, dx, dy) = e;
    let kind = ItemKind::ALL[*kind % ItemKind::ALL.len()];
    let floor = &site.floors[0];
    let len = count(floor, kind);
    if len == 0 {
        return None;
    }
    let at = ItemRef {
        kind,
        index: which.index(len),
    };
    let mut item = get(floor, at)?;
    Some(match what % 4 {
        0 => {
            item.translate([*dx, *dy]);
            if let Item::Device(d) = &mut item {
                d.heading += dx * 20.0;
            }
            if let Item::Sign(g) = &mut item {
                g.facing += dy * 30.0;
            }
            Edit::Set {
                floor: 0,
                index: at.index,
                item: Box::new(item),
            }
        }
        1 => {
            item.translate([*dx, *dy]);
            // Zones keep ids devices name now and then; other copies get new ids.
            if !(matches!(item, Item::Zone(_)) && serial.is_multiple_of(3)) {
                item.set_id(format!("new{serial}"));
            }
            Edit::Insert {
                floor: 0,
                index: to.index(len + 1),
                item: Box::new(item),
            }
        }
        2 => Edit::Remove { floor: 0, at },
        _ => {
            // Another object's id (a duplicate), or that of a zone devices name.
            let other = get(
                floor,
                ItemRef {
                    kind,
                    index: to.index(len),
                },
            )?;
            item.set_id(other.id().to_owned());
            Edit::Set {
                floor: 0,
                index: at.index,
                item: Box::new(item),
            }
        }
    })
}

#[cfg(feature = "gui")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(250)))]

    /// Moving, inserting, removing and renaming walls, openings, spaces, devices, signs and
    /// zones, one edit at a time or several at once, re-checks only what they reach, and
    /// equals a full check after each.
    #[test]
    fn object_edits_recheck_equals_a_full_check(
        site in site_strategy(Size::MEDIUM),
        batches in prop::collection::vec(
            prop::collection::vec(
                (0usize..6, 0usize..4, any::<prop::sample::Index>(), any::<prop::sample::Index>(), -6.0..6.0f64, -6.0..6.0f64),
                1..4,
            ),
            1..5,
        ),
    ) {
        let mut site = site;
        let mut checker = Checker::new(&site);
        let mut serial = 0;
        for batch in batches {
            let mut steps = Vec::new();
            for e in &batch {
                serial += 1;
                if let Some(edit) = object_edit(&site, e, serial) {
                    edit.apply_noting(&mut site, &mut steps);
                }
            }
            prop_assert!(checker.objects_changed(&site, &steps));
            let full = check_with(&site, Search::Indexed);
            assert_same(&checker.findings(), &full.iter().collect::<Vec<_>>())?;
        }
    }
}

/// Pieces as sorted lists of rounded end points, each piece's ends in order.
fn piece_list<'a>(
    pieces: impl Iterator<Item = &'a sightline::geometry::segments::Piece>,
) -> Vec<[i64; 4]> {
    let r = |v: f64| (v * 1e6).round() as i64;
    let mut out: Vec<[i64; 4]> = pieces
        .map(|p| {
            let (a, b) = ([r(p.seg.a.x), r(p.seg.a.y)], [r(p.seg.b.x), r(p.seg.b.y)]);
            let (a, b) = if a <= b { (a, b) } else { (b, a) };
            [a[0], a[1], b[0], b[1]]
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(feature = "gui")]
proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(300)))]

    /// Patching the wall pieces after walls and openings are moved, inserted and removed gives
    /// the pieces a fresh build gives: cut by the same openings, split at the same crossings.
    #[test]
    fn patched_wall_pieces_equal_a_fresh_build(
        site in site_strategy(Size::MEDIUM),
        edits in prop::collection::vec(
            (0usize..2, 0usize..3, any::<prop::sample::Index>(), any::<prop::sample::Index>(), -6.0..6.0f64, -6.0..6.0f64),
            1..8,
        ),
    ) {
        use sightline::geometry::segments::FloorSegments;
        let mut site = site;
        let mut checker = Checker::new(&site);
        for (serial, (kind, what, which, to, dx, dy)) in edits.into_iter().enumerate() {
            // Kinds 2 and 3 of ItemKind::ALL are openings and walls.
            let e = (kind + 2, what, which, to, dx, dy);
            let mut steps = Vec::new();
            if let Some(edit) = object_edit(&site, &e, serial) {
                edit.apply_noting(&mut site, &mut steps);
            }
            prop_assert!(checker.objects_changed(&site, &steps));
            let patched = &checker.analysis.floors[0].segments;
            let fresh = FloorSegments::build(&site.floors[0], Search::Indexed);
            prop_assert_eq!(piece_list(patched.sight_pieces()), piece_list(fresh.sight_pieces()));
            prop_assert_eq!(piece_list(patched.walk_pieces()), piece_list(fresh.walk_pieces()));
            prop_assert_eq!(&patched.opening_on_wall, &fresh.opening_on_wall);
            prop_assert_eq!(patched.max_half_thickness, fresh.max_half_thickness);
        }
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
