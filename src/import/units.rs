//! Which unit a drawing is in, from the header checked against the drawing itself
//! (import.md, "Units").

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use serde::Serialize;

/// A drawing unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Mm,
    Cm,
    M,
    In,
    Ft,
}

impl Unit {
    /// In the order evidence ties are settled.
    pub const ALL: [Unit; 5] = [Unit::Mm, Unit::Cm, Unit::M, Unit::In, Unit::Ft];

    pub fn metres(self) -> f64 {
        match self {
            Unit::Mm => 0.001,
            Unit::Cm => 0.01,
            Unit::M => 1.0,
            Unit::In => 0.0254,
            Unit::Ft => 0.3048,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Mm => "mm",
            Unit::Cm => "cm",
            Unit::M => "m",
            Unit::In => "in",
            Unit::Ft => "ft",
        }
    }

    pub fn parse(s: &str) -> Option<Unit> {
        Unit::ALL
            .into_iter()
            .find(|u| u.name().eq_ignore_ascii_case(s))
    }

    /// The unit `$INSUNITS` names, if it is one of ours.
    pub fn from_insunits(code: i16) -> Option<Unit> {
        match code {
            1 => Some(Unit::In),
            2 => Some(Unit::Ft),
            4 => Some(Unit::Mm),
            5 => Some(Unit::Cm),
            6 => Some(Unit::M),
            _ => None,
        }
    }
}

/// One piece of evidence and the units it allows.
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// "header", "dimension style", "door radii", "building size", "room areas".
    pub what: &'static str,
    /// What was seen, in drawing units where it is a size.
    pub seen: String,
    /// The units under which what was seen is plausible.
    pub allows: Vec<Unit>,
    #[serde(skip)]
    weight: u32,
}

/// What the drawing itself says about its unit.
#[derive(Clone, Debug, Default)]
pub struct Clues {
    pub insunits: i16,
    /// `$LUNITS` or `DIMLUNIT` is architectural or engineering (inches).
    pub imperial_style: bool,
    /// Radii of arcs that look like door swings (a quarter turn), drawing units.
    pub door_radii: Vec<f64>,
    /// The longer side of the walls' extent, drawing units.
    pub building_size: Option<f64>,
}

/// The unit chosen and why.
#[derive(Clone, Debug, Serialize)]
pub struct Units {
    pub unit: Unit,
    pub metres_per_unit: f64,
    pub evidence: Vec<Evidence>,
    /// The header named another unit and the drawing disagreed.
    pub overrides_header: bool,
    /// The user settled it with `--units`.
    pub forced: bool,
}

fn allowing(f: impl Fn(f64) -> bool) -> Vec<Unit> {
    Unit::ALL.into_iter().filter(|u| f(u.metres())).collect()
}

/// Weighs the evidence.
///
/// ```
/// use sightline::import::units::{decide, Clues, Unit};
/// // A house whose header says millimetres but whose doors are 77–112 units wide.
/// let clues = Clues {
///     insunits: 4,
///     door_radii: vec![79.3, 78.1, 78.8, 76.8, 112.2, 89.4],
///     building_size: Some(894.0),
///     ..Clues::default()
/// };
/// let u = decide(&clues, None);
/// assert_eq!(u.unit, Unit::Cm);
/// assert!(u.overrides_header);
/// ```
pub fn decide(clues: &Clues, forced: Option<Unit>) -> Units {
    let header = Unit::from_insunits(clues.insunits);
    let mut evidence = vec![Evidence {
        what: "header",
        seen: format!(
            "$INSUNITS = {} ({})",
            clues.insunits,
            header.map_or("no length unit", Unit::name)
        ),
        allows: header.into_iter().collect(),
        weight: 1,
    }];
    if clues.imperial_style {
        evidence.push(Evidence {
            what: "dimension style",
            seen: "architectural or engineering units (feet and inches)".into(),
            allows: vec![Unit::In],
            weight: 2,
        });
    }
    if !clues.door_radii.is_empty() {
        let mut r = clues.door_radii.clone();
        r.sort_by(f64::total_cmp);
        let median = r[r.len() / 2];
        evidence.push(Evidence {
            what: "door radii",
            seen: format!(
                "{} door swings, median radius {}",
                r.len(),
                significant(median)
            ),
            allows: allowing(|m| (0.6..=1.25).contains(&(median * m))),
            weight: 4,
        });
    }
    if let Some(size) = clues.building_size {
        evidence.push(Evidence {
            what: "building size",
            seen: format!("walls span {}", significant(size)),
            allows: allowing(|m| (3.0..=500.0).contains(&(size * m))),
            weight: 2,
        });
    }
    let score = |u: Unit| -> u32 {
        evidence
            .iter()
            .filter(|e| e.allows.contains(&u))
            .map(|e| e.weight)
            .sum()
    };
    let best = match forced {
        Some(u) => u,
        None => {
            let mut order: Vec<Unit> = header.into_iter().collect();
            order.extend(Unit::ALL.into_iter().filter(|u| Some(*u) != header));
            // The header wins ties; otherwise metric before imperial.
            let mut best = order[0];
            for u in order {
                if score(u) > score(best) {
                    best = u;
                }
            }
            best
        }
    };
    Units {
        unit: best,
        metres_per_unit: best.metres(),
        overrides_header: forced.is_none() && header.is_some_and(|h| h != best),
        forced: forced.is_some(),
        evidence,
    }
}

/// A number with a few significant digits, for messages.
fn significant(x: f64) -> String {
    if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else if x.abs() >= 1.0 {
        format!("{x:.2}")
    } else {
        format!("{x:.4}")
    }
}
