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

impl Evidence {
    /// What kind of evidence, in `lang`.
    pub fn what_text(&self, lang: crate::i18n::Lang) -> &'static str {
        let zh = match self.what {
            "header" => "文件头",
            "dimension style" => "标注样式",
            "door radii" => "门开启半径",
            "building size" => "建筑尺寸",
            "room sizes" => "房间尺寸",
            "dimensions" => "尺寸标注",
            "imperial block names" => "英制图块名",
            "feet-and-inch text" => "英尺英寸文字",
            _ => self.what,
        };
        match lang {
            crate::i18n::Lang::En => self.what,
            crate::i18n::Lang::Zh => zh,
        }
    }

    /// What was seen, in `lang`.
    pub fn seen_text(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En => &self.seen,
            crate::i18n::Lang::Zh => &self.seen_zh,
        }
    }
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
    /// The same in Chinese.
    #[serde(skip)]
    pub seen_zh: String,
    /// The units under which what was seen is plausible.
    pub allows: Vec<Unit>,
    /// How much it counts: "high", "medium" or "low".
    pub confidence: &'static str,
    #[serde(skip)]
    weight: u32,
}

impl Evidence {
    fn new(
        what: &'static str,
        seen: String,
        seen_zh: String,
        allows: Vec<Unit>,
        weight: u32,
    ) -> Evidence {
        Evidence {
            what,
            seen,
            seen_zh,
            allows,
            confidence: match weight {
                0..=1 => "low",
                2..=3 => "medium",
                _ => "high",
            },
            weight,
        }
    }
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
    /// Metres per drawing unit implied by room sizes written in text (an area or two sides)
    /// against the room drawn around the text.
    pub room_sizes: Vec<f64>,
    /// Linear dimensions: measured length in drawing units and the text shown when it is not
    /// the measurement itself.
    pub dimensions: Vec<(f64, Option<String>)>,
    /// Block names that give sizes in inches (`36" x 84"`, Revit's `36_ x 90_`).
    pub imperial_names: Vec<String>,
    /// Texts written in feet and inches (`13'6 x 11'`, `3'-0"`).
    pub feet_inch_texts: Vec<String>,
}

/// A length written in feet and inches, in inches: `3'-0"` 36, `13'6` 162, `11'` 132,
/// `36"` 36, `5' 7 1/2"` 67.5.
///
/// ```
/// use sightline::import::units::feet_inches;
/// assert_eq!(feet_inches("3'-0\""), Some(36.0));
/// assert_eq!(feet_inches("13'6"), Some(162.0));
/// assert_eq!(feet_inches("11'"), Some(132.0));
/// assert_eq!(feet_inches("36\""), Some(36.0));
/// assert_eq!(feet_inches("5' 7 1/2\""), Some(67.5));
/// assert_eq!(feet_inches("3600"), None);
/// ```
pub fn feet_inches(text: &str) -> Option<f64> {
    let t = text
        .trim()
        .replace(['’', '′'], "'")
        .replace(['”', '″'], "\"");
    let number = |s: &str| -> Option<f64> {
        let s = s.trim().trim_start_matches('-').trim();
        if s.is_empty() {
            return Some(0.0);
        }
        // "7 1/2" or "1/2" or "7"
        let mut total = 0.0;
        for part in s.split_whitespace() {
            if let Some((a, b)) = part.split_once('/') {
                let (a, b) = (a.parse::<f64>().ok()?, b.parse::<f64>().ok()?);
                if b == 0.0 {
                    return None;
                }
                total += a / b;
            } else {
                total += part.parse::<f64>().ok()?;
            }
        }
        Some(total)
    };
    if let Some((feet, rest)) = t.split_once('\'') {
        let feet: f64 = feet.trim().parse().ok()?;
        let inches = number(rest.trim().trim_end_matches('"'))?;
        return (feet.is_finite() && feet >= 0.0).then_some(feet * 12.0 + inches);
    }
    let inches = t.strip_suffix('"')?;
    number(inches).filter(|v| *v > 0.0)
}

/// Whether a block name gives a size in inches: `36" x 84"`, `Single-Flush - 36_ x 90_`.
///
/// ```
/// use sightline::import::units::imperial_name;
/// assert!(imperial_name("Single-Flush - 36_ x 90_-1234"));
/// assert!(imperial_name("DOOR 36\" x 84\""));
/// assert!(!imperial_name("M0921"));
/// ```
pub fn imperial_name(name: &str) -> bool {
    let c: Vec<char> = name.chars().collect();
    (0..c.len()).any(|i| {
        // digits, then " or _, then x, then digits, then " or _
        let digits = |mut k: usize| {
            let s = k;
            while k < c.len() && c[k].is_ascii_digit() {
                k += 1;
            }
            (k > s).then_some(k)
        };
        let Some(k) = digits(i) else { return false };
        if i > 0 && c[i - 1].is_ascii_digit() {
            return false;
        }
        if !matches!(c.get(k), Some('"' | '_')) {
            return false;
        }
        let mut k = k + 1;
        while c.get(k) == Some(&' ') {
            k += 1;
        }
        if !matches!(c.get(k), Some('x' | 'X' | '×')) {
            return false;
        }
        k += 1;
        while c.get(k) == Some(&' ') {
            k += 1;
        }
        digits(k).is_some_and(|e| matches!(c.get(e), Some('"' | '_')))
    })
}

/// Metres per drawing unit each dimension implies: its shown text (feet and inches; a whole
/// number of millimetres; metres with decimals) against its measured length; a dimension that
/// shows its measurement says its numbers are millimetres when they are 100 or more (the
/// Chinese and metric convention) unless the style is in feet and inches.
pub fn dimension_scales(dims: &[(f64, Option<String>)], imperial_style: bool) -> Vec<f64> {
    dims.iter()
        .filter_map(|(m, shown)| match shown {
            Some(t) => {
                if let Some(inches) = feet_inches(t) {
                    return Some(inches * 0.0254 / m);
                }
                let n: f64 = t.trim().trim_start_matches("%%c").trim().parse().ok()?;
                if n >= 100.0 && n.fract() == 0.0 {
                    Some(n * 0.001 / m)
                } else if n > 0.0 && n < 100.0 && t.contains('.') {
                    Some(n / m)
                } else {
                    None
                }
            }
            None => (!imperial_style && *m >= 100.0).then_some(0.001),
        })
        .filter(|k| k.is_finite() && *k > 0.0)
        .collect()
}

/// A room size written in a drawing's text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Written {
    /// An area in square metres ("12.5㎡", "12.5 m²", "12.5平方米").
    Area(f64),
    /// Two sides in metres ("3600×4200" in millimetres, "3.6 x 4.2" in metres).
    Sides(f64, f64),
}

/// The room size a text states, if it states one.
///
/// ```
/// use sightline::import::units::{written_size, Written};
/// assert_eq!(written_size("卫生间 4.5㎡"), Some(Written::Area(4.5)));
/// assert_eq!(written_size("12 m²"), Some(Written::Area(12.0)));
/// assert_eq!(written_size("3600×4200"), Some(Written::Sides(3.6, 4.2)));
/// assert_eq!(written_size("3.3 x 2.7"), Some(Written::Sides(3.3, 2.7)));
/// assert_eq!(written_size("客房 8201"), None);
/// assert_eq!(written_size("BEDROOM 13'6 x 11'"), Some(Written::Sides(162.0 * 0.0254, 132.0 * 0.0254)));
/// ```
pub fn written_size(text: &str) -> Option<Written> {
    // Two sides in feet and inches: "13'6 x 11'".
    if text.contains(['\'', '’', '′']) {
        for sep in ['x', 'X', '×'] {
            if let Some((a, b)) = text.split_once(sep) {
                let last = |s: &str| {
                    let words: Vec<&str> = s.split_whitespace().collect();
                    (1..=words.len().min(3))
                        .rev()
                        .find_map(|n| feet_inches(&words[words.len() - n..].join(" ")))
                };
                let first = |s: &str| {
                    let words: Vec<&str> = s.split_whitespace().collect();
                    (1..=words.len().min(3))
                        .rev()
                        .find_map(|n| feet_inches(&words[..n].join(" ")))
                };
                if let (Some(a), Some(b)) = (last(a), first(b)) {
                    if a > 12.0 && b > 12.0 {
                        return Some(Written::Sides(a * 0.0254, b * 0.0254));
                    }
                }
            }
        }
    }
    let t = text.replace(['（', '）', '(', ')'], " ");
    // Numbers with where they end.
    let mut numbers: Vec<(f64, usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
        match (start, c.is_ascii_digit() || c == '.') {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                if let Some(v) = t.get(s..i).and_then(|n| n.parse::<f64>().ok()) {
                    numbers.push((v, s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    let after = |end: usize| t.get(end..).unwrap_or("").trim_start();
    for &(v, _, end) in &numbers {
        let rest = after(end);
        let unit = ["㎡", "m²", "m2", "平方米", "平米", "sqm", "sq m", "sq. m"]
            .iter()
            .any(|u| rest.starts_with(u));
        if unit && v > 0.5 && v < 5000.0 {
            return Some(Written::Area(v));
        }
    }
    for pair in numbers.windows(2) {
        let [(a, _, end), (b, next, _)] = pair else {
            continue;
        };
        let between = t.get(*end..*next).unwrap_or("").trim();
        if !matches!(between, "x" | "X" | "×" | "*" | "✕") {
            continue;
        }
        let (a, b) = (*a, *b);
        if a >= 300.0 && b >= 300.0 && a <= 100_000.0 && b <= 100_000.0 {
            return Some(Written::Sides(a / 1000.0, b / 1000.0));
        }
        if a > 0.5 && b > 0.5 && a <= 60.0 && b <= 60.0 {
            return Some(Written::Sides(a, b));
        }
    }
    None
}

/// Metres per drawing unit implied by a written size and the room drawn around it (its width
/// and height in drawing units), if the two sides agree.
pub fn implied_scale(written: Written, width: f64, height: f64) -> Option<f64> {
    if width <= 0.0 || height <= 0.0 {
        return None;
    }
    match written {
        Written::Area(a) => Some((a / (width * height)).sqrt()),
        Written::Sides(a, b) => {
            let (w, h) = (width.min(height), width.max(height));
            let (a, b) = (a.min(b), a.max(b));
            let (k1, k2) = (a / w, b / h);
            ((k1 / k2 - 1.0).abs() <= 0.25).then_some((k1 + k2) / 2.0)
        }
    }
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
    /// Evidence that points elsewhere than the unit chosen (by what it is).
    pub disagree: Vec<&'static str>,
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
/// // A header in centimetres, a building that is plausible in mm or cm, and rooms whose
/// // written areas say millimetres.
/// let clues = Clues {
///     insunits: 5,
///     building_size: Some(8000.0),
///     room_sizes: vec![0.00101, 0.00098, 0.001],
///     ..Clues::default()
/// };
/// assert_eq!(decide(&clues, None).unit, Unit::Mm);
/// ```
pub fn decide(clues: &Clues, forced: Option<Unit>) -> Units {
    let header = Unit::from_insunits(clues.insunits);
    let mut evidence = vec![Evidence::new(
        "header",
        format!(
            "$INSUNITS = {} ({})",
            clues.insunits,
            header.map_or("no length unit", Unit::name)
        ),
        format!(
            "$INSUNITS = {}（{}）",
            clues.insunits,
            header.map_or("无长度单位", Unit::name)
        ),
        header.into_iter().collect(),
        1,
    )];
    if clues.imperial_style {
        evidence.push(Evidence::new(
            "dimension style",
            "$LUNITS or the dimension style is architectural or engineering (feet and inches)"
                .into(),
            "$LUNITS 或标注样式为建筑或工程单位（英尺和英寸）".into(),
            vec![Unit::In],
            2,
        ));
    }
    let dims = dimension_scales(&clues.dimensions, clues.imperial_style);
    if let Some(median) = median(&dims) {
        let shown = clues.dimensions.iter().filter(|d| d.1.is_some()).count();
        evidence.push(Evidence::new(
            "dimensions",
            format!(
                "{} dimensions ({shown} with their own text), their text against their length: {} m per drawing unit",
                dims.len(),
                significant(median)
            ),
            format!(
                "{} 个尺寸标注（{shown} 个有自定文字），文字与长度之比：每图形单位 {} 米",
                dims.len(),
                significant(median)
            ),
            allowing(|m| (0.85..=1.15).contains(&(m / median))),
            if shown > 0 { 5 } else { 3 },
        ));
    }
    if !clues.imperial_names.is_empty() {
        let n = clues.imperial_names.len();
        let first = clues.imperial_names.first().cloned().unwrap_or_default();
        evidence.push(Evidence::new(
            "imperial block names",
            format!("{n} block names give sizes in inches (\"{first}\")"),
            format!("{n} 个图块名以英寸标尺寸（“{first}”）"),
            vec![Unit::In],
            3,
        ));
    }
    if !clues.feet_inch_texts.is_empty() {
        let n = clues.feet_inch_texts.len();
        let first = clues.feet_inch_texts.first().cloned().unwrap_or_default();
        evidence.push(Evidence::new(
            "feet-and-inch text",
            format!("{n} texts in feet and inches (\"{first}\")"),
            format!("{n} 处文字以英尺英寸书写（“{first}”）"),
            vec![Unit::In, Unit::Ft],
            2,
        ));
    }
    if let Some(median) = median(&clues.door_radii) {
        let n = clues.door_radii.len();
        evidence.push(Evidence::new(
            "door radii",
            format!("{n} door swings, median radius {}", significant(median)),
            format!("{n} 条门开启线，半径中位数 {}", significant(median)),
            allowing(|m| (0.6..=1.25).contains(&(median * m))),
            4,
        ));
    }
    if let Some(size) = clues.building_size {
        evidence.push(Evidence::new(
            "building size",
            format!("walls span {}", significant(size)),
            format!("墙体跨度 {}", significant(size)),
            allowing(|m| (3.0..=500.0).contains(&(size * m))),
            2,
        ));
    }
    if let Some(median) = median(&clues.room_sizes) {
        let k = &clues.room_sizes;
        evidence.push(Evidence::new(
            "room sizes",
            format!(
                "{} room sizes written in text, {} m per drawing unit",
                k.len(),
                significant(median)
            ),
            format!(
                "文字中标注的 {} 个房间尺寸，每图形单位 {} 米",
                k.len(),
                significant(median)
            ),
            allowing(|m| (0.7..=1.4).contains(&(m / median))),
            3,
        ));
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
    // Evidence of weight that does not allow what was chosen: said loudly.
    let disagree = evidence
        .iter()
        .filter(|e| e.what != "header" && e.weight >= 2 && !e.allows.contains(&best))
        .map(|e| e.what)
        .collect();
    Units {
        unit: best,
        metres_per_unit: best.metres(),
        overrides_header: forced.is_none() && header.is_some_and(|h| h != best),
        forced: forced.is_some(),
        evidence,
        disagree,
    }
}

/// The middle value (the upper one of an even count), or `None` for none.
fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied()
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
