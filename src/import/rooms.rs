//! Rooms the drawing states (import.md 13), and the naming of every space from the texts
//! inside it (import.md 9), with the one safety rule: no space takes a private kind from a
//! label it shares with other rooms' labels, or when it covers most of the floor.
//!
//! ```
//! use sightline::import::rooms::{name_room, Named};
//! use sightline::model::SpaceKind;
//! // A name and a number make one label.
//! let n = name_room(&["Restroom", "1439"], &[], 22.0, 2400.0);
//! assert_eq!((n.name.as_str(), n.kind, n.doubt), ("Restroom 1439", SpaceKind::Toilet, None));
//! // A restroom's label that fell into the open office: never a toilet.
//! let n = name_room(&["Open Office", "Restroom", "Conference"], &[], 2375.0, 2430.0);
//! assert_eq!(n.kind, SpaceKind::Public);
//! assert!(n.doubt.is_some());
//! ```

// Indices here come from the algorithm's own ranges (room and label numbers of the vectors it
// built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use super::geom::{bbox, P};
use super::kinds;
use crate::geometry::index::BoxIndex;
use crate::model::{SpaceClass, SpaceKind};

/// Rooms smaller than this (m²) are symbols, not rooms.
pub const MIN_ROOM_M2: f64 = 0.5;

/// A private space over half the floor is doubted only past this size (m²): in a flat of two
/// rooms the bath may well be half of it.
pub const MOST_OF_FLOOR_M2: f64 = 100.0;

/// A space's name and kind, and why its kind was not taken from a label when it was not.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub name: String,
    pub kind: SpaceKind,
    pub doubt: Option<Doubt>,
}

/// Why a private kind a label suggested was not given.
#[derive(Clone, Debug, PartialEq)]
pub enum Doubt {
    /// The space holds the labels of several rooms; the private one is named.
    SeveralLabels { private: String },
    /// The space covers most of the floor.
    MostOfFloor { private: String },
}

/// A room number, a door or window code or an area, rather than a name: digits with at most
/// four letters around them (`1439`, `ELV101`, `C1815`, `185.39`, `12 m²`).
pub fn is_number_like(text: &str) -> bool {
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let letters = text
        .chars()
        .filter(|c| c.is_alphabetic() && !matches!(c, 'm' | '²' | '㎡' | '号'))
        .count();
    let cjk = text
        .chars()
        .any(|c| c as u32 >= 0x2E80 && c != '㎡' && c != '号');
    digits > 0 && letters <= 4 && !cjk
}

/// Names a space from the texts inside it and the fixture blocks in it; `area` and
/// `floor_area` in m².
pub fn name_room(texts: &[&str], fixtures: &[&str], area: f64, floor_area: f64) -> Named {
    let clean = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(60)
            .collect::<String>()
    };
    let mut names: Vec<String> = Vec::new();
    let mut numbers: Vec<String> = Vec::new();
    for t in texts {
        let t = clean(t);
        if t.is_empty() {
            continue;
        }
        let list = if is_number_like(&t) && kinds::from_name(&t).is_none() {
            &mut numbers
        } else {
            &mut names
        };
        if !list.iter().any(|n| n.eq_ignore_ascii_case(&t)) {
            list.push(t);
        }
    }
    let named_kinds: Vec<Option<SpaceKind>> = names.iter().map(|n| kinds::from_name(n)).collect();
    // The label that leads: the first that says a private kind, else the first that says any.
    let lead = named_kinds
        .iter()
        .position(|k| k.is_some_and(|k| k.class() == SpaceClass::Private))
        .or_else(|| named_kinds.iter().position(Option::is_some))
        .or((!names.is_empty()).then_some(0));
    let by_name = lead.and_then(|i| named_kinds[i]);
    let kind = by_name
        .or_else(|| fixtures.iter().find_map(|f| kinds::from_fixture(f)))
        .unwrap_or(SpaceKind::Public);
    // Several rooms' labels: every name must say the same kind, or the space is public.
    let agree = names.len() < 2 || named_kinds.iter().all(|k| *k == by_name);
    let mut parts: Vec<String> = Vec::new();
    if let Some(i) = lead {
        parts.push(names[i].clone());
    }
    parts.extend(numbers.first().cloned());
    let name = clean(&parts.join(" "));
    let mut doubt = None;
    if kind.class() == SpaceClass::Private {
        let private = lead.map_or_else(|| fixtures.join(", "), |i| names[i].clone());
        if !agree {
            doubt = Some(Doubt::SeveralLabels { private });
        } else if floor_area > 0.0 && area > 0.5 * floor_area && area > MOST_OF_FLOOR_M2 {
            doubt = Some(Doubt::MostOfFloor { private });
        }
    }
    let kind = if doubt.is_some() || !agree {
        SpaceKind::Public
    } else {
        kind
    };
    Named { name, kind, doubt }
}

/// Area of a simple polygon (m² for metres), whatever its turning.
pub fn area(poly: &[P]) -> f64 {
    let n = poly.len();
    let mut a = 0.0;
    for i in 0..n {
        let (p, q) = (poly[i], poly[(i + 1) % n]);
        a += p[0] * q[1] - q[0] * p[1];
    }
    (a / 2.0).abs()
}

/// The mean of a polygon's corners: a point to label, zoom to or test nesting with.
///
/// ```
/// use sightline::import::rooms::centroid;
/// assert_eq!(centroid(&[[0.0, 0.0], [4.0, 0.0], [4.0, 2.0], [0.0, 2.0]]), [2.0, 1.0]);
/// ```
pub fn centroid(poly: &[P]) -> P {
    let n = poly.len().max(1) as f64;
    poly.iter()
        .fold([0.0, 0.0], |a, q| [a[0] + q[0] / n, a[1] + q[1] / n])
}

/// Whether `p` lies inside `poly` (even–odd rule).
pub fn contains(poly: &[P], p: P) -> bool {
    let n = poly.len();
    let mut inside = false;
    let mut j = n.wrapping_sub(1);
    for i in 0..n {
        let (a, b) = (poly[i], poly[j]);
        if (a[1] > p[1]) != (b[1] > p[1]) {
            let x = a[0] + (p[1] - a[1]) / (b[1] - a[1]) * (b[0] - a[0]);
            if p[0] < x {
                inside = !inside;
            }
        }
        j = i;
    }
    inside
}

/// The drawn room polygons worth keeping, in metres: a repeated closing point dropped,
/// slivers and symbols under [`MIN_ROOM_M2`] left out, exact repeats kept once, and an
/// outline drawn around all the others (a gross-area polygon on the room layer) left out.
pub fn clean(polys: Vec<Vec<P>>) -> Vec<Vec<P>> {
    let mut out: Vec<(Vec<P>, f64)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for mut p in polys {
        while p.len() > 3 && p.first() == p.last() {
            p.pop();
        }
        p.dedup();
        if p.len() < 3 || !p.iter().all(|q| q[0].is_finite() && q[1].is_finite()) {
            continue;
        }
        let a = area(&p);
        if a < MIN_ROOM_M2 {
            continue;
        }
        let key: Vec<(i64, i64)> = {
            let mut k: Vec<(i64, i64)> = p
                .iter()
                .map(|q| {
                    (
                        (q[0] * 1000.0).round() as i64,
                        (q[1] * 1000.0).round() as i64,
                    )
                })
                .collect();
            k.sort_unstable();
            k
        };
        if seen.insert(key) {
            out.push((p, a));
        }
    }
    let total: f64 = out.iter().map(|r| r.1).sum();
    if out.len() >= 3 {
        // An outline that holds most of the rest inside it is not a room. Only the outlines
        // whose boxes lie in its box are looked at (an R-tree), so this stays near-linear.
        let boxes: Vec<[P; 2]> = out
            .iter()
            .map(|(p, _)| bbox(p.iter().copied()).unwrap_or([[0.0; 2]; 2]))
            .collect();
        let index = BoxIndex::new(boxes.iter().map(|b| (b[0], b[1])));
        let outline: Vec<bool> = out
            .iter()
            .enumerate()
            .map(|(i, (p, a))| {
                let rest = total - a;
                // Only a polygon larger than the rest's 60 % can hold that much.
                if !(rest > 0.0 && *a > 0.6 * rest) {
                    return false;
                }
                let [lo, hi] = boxes[i];
                let held: f64 = index
                    .in_box(lo, hi)
                    .filter(|&k| k != i)
                    .filter(|&k| {
                        let [l, h] = boxes[k];
                        l[0] >= lo[0] && l[1] >= lo[1] && h[0] <= hi[0] && h[1] <= hi[1]
                    })
                    .filter(|&k| out[k].1 < *a && out[k].0.iter().all(|&v| contains(p, v)))
                    .map(|k| out[k].1)
                    .sum();
                held > 0.6 * rest
            })
            .collect();
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            !outline[k - 1]
        });
    }
    out.into_iter().map(|r| r.0).collect()
}

/// The closed outlines that tile a plan with a label each, when a drawing names no room layer:
/// of each layer alone, and of all the given layers together (a mall drawn one layer per
/// shop), the set with the most labelled outlines, if it has at least three, at least 60 % of
/// its outlines hold a label, each is 1–5,000 m², and hardly any lies inside another (under
/// 10 %). Returns the layers used and their outlines.
///
/// ```
/// use sightline::import::rooms::tiling;
/// let sq = |x: f64| vec![[x, 0.0], [x + 4.0, 0.0], [x + 4.0, 5.0], [x, 5.0]];
/// let shops: Vec<(u32, Vec<[f64; 2]>)> = (0..4).map(|i| (i, sq(4.0 * i as f64))).collect();
/// let labels: Vec<[f64; 2]> = (0..4).map(|i| [4.0 * i as f64 + 2.0, 2.5]).collect();
/// let (layers, rooms) = tiling(&shops, &labels).unwrap();
/// assert_eq!((layers.len(), rooms.len()), (4, 4));
/// // Furniture outlines with no labels are no rooms.
/// assert!(tiling(&shops, &[]).is_none());
/// ```
pub fn tiling(candidates: &[(u32, Vec<P>)], labels: &[P]) -> Option<(Vec<u32>, Vec<Vec<P>>)> {
    let mut layers: Vec<u32> = candidates.iter().map(|c| c.0).collect();
    layers.sort_unstable();
    layers.dedup();
    // All layers together first (a mall of one layer per shop), then each alone.
    let mut sets: Vec<Vec<u32>> = Vec::new();
    if layers.len() > 1 {
        sets.push(layers.clone());
    }
    sets.extend(layers.iter().map(|&l| vec![l]));
    let score = |set: &[u32]| -> Option<(usize, Vec<Vec<P>>)> {
        let polys: Vec<Vec<P>> = candidates
            .iter()
            .filter(|c| set.contains(&c.0))
            .map(|c| c.1.clone())
            .filter(|p| (1.0..=5000.0).contains(&area(p)))
            .collect();
        let polys = clean(polys);
        if polys.len() < 3 || polys.len() > 50_000 {
            return None;
        }
        let inside = labels_in(&polys, labels);
        let labelled = inside.iter().filter(|l| !l.is_empty()).count();
        let centres: Vec<P> = polys.iter().map(|p| centroid(p)).collect();
        // Nested: a centre that lies in another outline too.
        let nested = labels_in(&polys, &centres)
            .iter()
            .enumerate()
            .filter(|(i, held)| held.iter().any(|k| k != i))
            .count();
        (labelled * 10 >= polys.len() * 6 && nested * 10 < polys.len()).then_some((labelled, polys))
    };
    let mut best: Option<(usize, Vec<u32>, Vec<Vec<P>>)> = None;
    for set in sets.into_iter().take(201) {
        if let Some((n, polys)) = score(&set) {
            // On a tie the fewer layers win: a room layer alone over it with furniture.
            if best
                .as_ref()
                .is_none_or(|b| n > b.0 || (n == b.0 && set.len() < b.1.len()))
            {
                best = Some((n, set, polys));
            }
        }
    }
    best.map(|(_, set, polys)| (set, polys))
}

/// For each label point, the smallest room that holds it.
pub fn labels_in(rooms: &[Vec<P>], points: &[P]) -> Vec<Vec<usize>> {
    let boxes: Vec<[P; 2]> = rooms
        .iter()
        .map(|r| bbox(r.iter().copied()).unwrap_or([[0.0; 2]; 2]))
        .collect();
    let areas: Vec<f64> = rooms.iter().map(|r| area(r)).collect();
    let index = BoxIndex::new(boxes.iter().map(|b| (b[0], b[1])));
    let mut inside = vec![Vec::new(); rooms.len()];
    for (k, &p) in points.iter().enumerate() {
        let best = index
            .in_box(p, p)
            .filter(|&r| contains(&rooms[r], p))
            .min_by(|&a, &b| areas[a].total_cmp(&areas[b]));
        if let Some(r) = best {
            inside[r].push(k);
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn square(x: f64, y: f64, s: f64) -> Vec<P> {
        vec![[x, y], [x + s, y], [x + s, y + s], [x, y + s]]
    }

    #[test]
    fn names_numbers_and_codes() {
        for t in ["1439", "ELV101", "C1815", "185.39", "12 m²", "A-101"] {
            assert!(is_number_like(t), "{t}");
        }
        for t in ["Restroom", "房间", "卫生间", "Mother's Room", "Conference"] {
            assert!(!is_number_like(t), "{t}");
        }
    }

    #[test]
    fn several_labels_of_one_private_kind_keep_it() {
        let n = name_room(&["卫生间", "WC"], &[], 12.0, 500.0);
        assert_eq!(n.kind, SpaceKind::Toilet);
        assert_eq!(n.name, "卫生间");
        let n = name_room(&["Mother's Room", "1210"], &[], 9.0, 2400.0);
        assert_eq!(
            (n.name.as_str(), n.kind),
            ("Mother's Room 1210", SpaceKind::NursingRoom)
        );
    }

    #[test]
    fn a_private_label_over_most_of_the_floor_is_not_trusted() {
        let n = name_room(&["Toilet"], &[], 900.0, 1000.0);
        assert_eq!(n.kind, SpaceKind::Public);
        assert_eq!(
            n.doubt,
            Some(Doubt::MostOfFloor {
                private: "Toilet".into()
            })
        );
        // Fixtures alone name a small room.
        let n = name_room(&[], &["坐便器"], 4.0, 1000.0);
        assert_eq!(n.kind, SpaceKind::Toilet);
    }

    #[test]
    fn rooms_are_cleaned_and_labels_go_to_the_smallest() {
        let outer = square(0.0, 0.0, 100.0);
        let a = square(0.0, 0.0, 10.0);
        let b = square(10.0, 0.0, 10.0);
        let c = square(20.0, 0.0, 10.0);
        let bath = square(1.0, 1.0, 2.0);
        let tiny = square(50.0, 50.0, 0.5);
        let mut closed_again = c.clone();
        closed_again.push(c[0]);
        let rooms = clean(vec![
            outer,
            a.clone(),
            b.clone(),
            c.clone(),
            closed_again,
            bath.clone(),
            tiny,
        ]);
        assert_eq!(rooms, vec![a, b, c, bath]);
        let inside = labels_in(&rooms, &[[2.0, 2.0], [5.0, 5.0], [15.0, 5.0], [70.0, 70.0]]);
        assert_eq!(inside, vec![vec![1], vec![2], vec![], vec![0]]);
        assert_eq!(area(&rooms[0]), 100.0);
    }
}
