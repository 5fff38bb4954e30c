//! Importing a CAD plan (shared/spec/import.md): a DWG or DXF drawing becomes an ordinary
//! floor — walls, openings and spaces — with the drawing itself as the floor's underlay.
//!
//! The work is in two steps so that the editor's dialog can show what it found and let the
//! user change it before anything is built:
//! - [`scan`] reads the file, assigns layer roles, finds the separate drawings of model
//!   space and weighs the units evidence;
//! - [`build`] turns the chosen drawing into a [`Floor`].
//!
//! One file per step of the algorithm: [`cad`] (the reader, behind one module), [`roles`],
//! [`units`], [`walls`], [`spaces`], [`kinds`], [`underlay`].

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

pub mod cad;
pub mod geom;
pub mod kinds;
pub mod math;
pub mod proxy;
pub mod roles;
pub mod rooms;
pub mod spaces;
pub mod underlay;
pub mod units;
pub mod walls;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::{json, Value};

use crate::geometry::index::BoxIndex;
use crate::model::{Floor, Opening, OpeningKind, Space, SpaceKind, Underlay, Wall};

use cad::{Drawing, Shape};
use geom::{bbox, dist, dot, P};
use roles::{Role, RoleOverrides};
use units::{Clues, Unit, Units};
use walls::Centre;

/// What the user asked for (the command line's options, the dialog's choices).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--units`; `None` decides from the evidence.
    pub units: Option<Unit>,
    pub roles: RoleOverrides,
    /// A paper-space layout instead of model space.
    pub layout: Option<String>,
    /// Only what lies in this box (drawing units): `[x0, y0, x1, y1]`.
    pub region: Option<[f64; 4]>,
    /// Which of the separate drawings of model space (index into [`Scan::drawings`]);
    /// `None` takes the one with the most wall.
    pub drawing: Option<usize>,
    pub no_spaces: bool,
    pub no_underlay: bool,
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Read {
        path: String,
        #[source]
        source: cad::ReadError,
    },
    #[error("{path}: {why}")]
    Unusable { path: String, why: String },
}

/// One layer as the dialog and `--list` show it.
#[derive(Clone, Debug, Serialize)]
pub struct LayerInfo {
    pub name: String,
    pub role: Role,
    /// The user chose the role (otherwise it was guessed from the name).
    pub chosen: bool,
    /// Top-level entities by type.
    pub entities: BTreeMap<String, usize>,
    /// Pieces after expanding blocks, in the chosen drawing.
    pub pieces: usize,
    /// Length of its lines and arcs in the chosen drawing, metres.
    pub length_m: f64,
}

/// One separate drawing found in model space.
#[derive(Clone, Debug, Serialize)]
pub struct Cluster {
    /// Extents in drawing units: `[[x0, y0], [x1, y1]]`.
    pub extents: [P; 2],
    pub pieces: usize,
    /// Length of wall lines in it, metres.
    pub wall_length_m: f64,
    #[serde(skip)]
    members: Vec<usize>,
}

/// What a file holds and what the importer would do with it.
pub struct Scan {
    pub path: PathBuf,
    pub sha256: String,
    pub drawing: Drawing,
    pub layers: Vec<LayerInfo>,
    pub drawings: Vec<Cluster>,
    /// Index into `drawings` of the one imported (`None` with `--region`).
    pub chosen: Option<usize>,
    /// Items (indices into `drawing.items`) of the drawing to import.
    pub selected: Vec<usize>,
    pub units: Units,
    pub warnings: Vec<Warning>,
}

/// The result of an import.
pub struct Imported {
    pub floor: Floor,
    pub underlay: Option<underlay::Picture>,
    pub summary: Summary,
}

/// What `--format json` prints and the dialog reports.
#[derive(Clone, Debug, Serialize)]
pub struct Summary {
    pub source: Value,
    pub units: Value,
    pub layers: BTreeMap<String, &'static str>,
    pub drawing: Value,
    pub counts: Counts,
    pub warnings: Vec<Warning>,
}

/// How much was imported.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    pub walls: usize,
    /// Centre line of the walls the drawing draws (door gaps not included).
    pub wall_length_m: f64,
    /// Wall added across door gaps so that each door is an opening in a wall.
    pub door_gap_length_m: f64,
    pub columns: usize,
    pub glass_walls: usize,
    pub openings: BTreeMap<&'static str, usize>,
    pub window_length_m: f64,
    pub spaces: BTreeMap<String, usize>,
    pub spaces_to_review: usize,
    /// Private spaces found (the import summary lists them).
    pub private_spaces: Vec<PrivateSpace>,
}

/// The import summary's line of private spaces found, in one language.
///
/// ```
/// use sightline::import::{private_spaces_text, PrivateSpace};
/// use sightline::i18n::Lang;
/// use sightline::model::SpaceKind;
/// let found = vec![PrivateSpace { id: "s3".into(), name: "卫生间".into(), kind: SpaceKind::Toilet, area_m2: 6.25 }];
/// assert_eq!(private_spaces_text(&found, Lang::En), "Private spaces found (1): s3 \"卫生间\" public toilet 6.2 m²");
/// assert_eq!(private_spaces_text(&found, Lang::Zh), "找到的私密空间（1）：s3“卫生间”公共卫生间 6.2 m²");
/// assert!(private_spaces_text(&[], Lang::En).starts_with("No private space"));
/// ```
pub fn private_spaces_text(found: &[PrivateSpace], lang: crate::i18n::Lang) -> String {
    let zh = lang == crate::i18n::Lang::Zh;
    if found.is_empty() {
        return if zh {
            "未找到私密空间（卫生间、浴室、更衣室、客房等）：请在“核对房间”中确认每个房间的类型"
                .into()
        } else {
            "No private space (toilet, bath, changing room, guest room …) was found: confirm each room's kind under Review rooms".into()
        };
    }
    let list: Vec<String> = found
        .iter()
        .take(40)
        .map(|p| {
            let kind = crate::i18n::kind_label(p.kind, lang);
            if zh {
                format!("{}“{}”{} {:.1} m²", p.id, p.name, kind, p.area_m2)
            } else {
                format!("{} \"{}\" {} {:.1} m²", p.id, p.name, kind, p.area_m2)
            }
        })
        .collect();
    let more = found.len().saturating_sub(40);
    let tail = match (more, zh) {
        (0, _) => String::new(),
        (n, true) => format!("；另有 {n} 个"),
        (n, false) => format!("; and {n} more"),
    };
    if zh {
        format!(
            "找到的私密空间（{}）：{}{tail}",
            found.len(),
            list.join("；")
        )
    } else {
        format!(
            "Private spaces found ({}): {}{tail}",
            found.len(),
            list.join("; ")
        )
    }
}

/// One private space the import found.
#[derive(Clone, Debug, Serialize)]
pub struct PrivateSpace {
    pub id: String,
    pub name: String,
    pub kind: SpaceKind,
    pub area_m2: f64,
}

fn unusable(path: &Path, why: impl Into<String>) -> ImportError {
    ImportError::Unusable {
        path: path.display().to_string(),
        why: why.into(),
    }
}

/// Something the user should know about an import, in both languages. It prints and
/// serialises as its English text (the command line and JSON); the editor shows either.
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub en: String,
    pub zh: String,
}

impl Warning {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Warning {
        Warning {
            en: en.into(),
            zh: zh.into(),
        }
    }

    pub fn text(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En => &self.en,
            crate::i18n::Lang::Zh => &self.zh,
        }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

impl Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.en)
    }
}

/// Reads a drawing and works out what it holds.
pub fn scan(path: &Path, opts: &Options) -> Result<Scan, ImportError> {
    let drawing = cad::read(path, opts.layout.as_deref()).map_err(|source| ImportError::Read {
        path: path.display().to_string(),
        source,
    })?;
    let sha256 = drawing.sha256.clone();
    let mut warnings = Vec::new();
    if drawing.dropped_far > 0 {
        warnings.push(Warning::new(
            format!(
                "{} pieces lie beyond ±{:.0e} drawing units and were left out",
                drawing.dropped_far,
                cad::FAR
            ),
            format!(
                "{} 个图元位于 ±{:.0e} 图形单位之外，已略去",
                drawing.dropped_far,
                cad::FAR
            ),
        ));
    }
    let proxies: usize = drawing.proxies.values().sum();
    if drawing.items.is_empty() {
        let why = if proxies > 0 {
            proxy_advice(&drawing).en
        } else if drawing.dropped_far > 0 {
            format!(
                "nothing usable: all {} pieces lie beyond ±{:.0e} drawing units",
                drawing.dropped_far,
                cad::FAR
            )
        } else {
            "the drawing is empty: model space has no lines, arcs or text".to_string()
        };
        return Err(unusable(path, why));
    }
    // Roles: the user's, else the name's.
    let mut roles: Vec<(Role, bool)> = drawing
        .layers
        .iter()
        .map(|l| opts.roles.role_of(l))
        .collect();
    // Items: the chosen region, or all.
    let all: Vec<usize> = (0..drawing.items.len())
        .filter(|&i| roles[drawing.items[i].layer as usize].0 != Role::Exclude)
        .collect();
    let in_region: Vec<usize> = match opts.region {
        Some([x0, y0, x1, y1]) => all
            .iter()
            .copied()
            .filter(|&i| {
                let p = anchor(&drawing.items[i].shape);
                p[0] >= x0.min(x1) && p[0] <= x0.max(x1) && p[1] >= y0.min(y1) && p[1] <= y0.max(y1)
            })
            .collect(),
        None => all,
    };
    if in_region.is_empty() {
        return Err(unusable(path, "nothing lies in the chosen region"));
    }
    // No layer called a wall: take the drawn-only layer with the most line length.
    let has_walls = in_region
        .iter()
        .any(|&i| roles[drawing.items[i].layer as usize].0 == Role::Wall);
    if !has_walls && !opts.roles.sets(Role::Wall) {
        let mut length: BTreeMap<u32, f64> = BTreeMap::new();
        for &i in &in_region {
            let it = &drawing.items[i];
            if roles[it.layer as usize].0 == Role::Other && it.insert.is_none() {
                *length.entry(it.layer).or_default() += shape_length(&it.shape);
            }
        }
        if let Some((&layer, _)) = length.iter().max_by(|a, b| a.1.total_cmp(b.1)) {
            roles[layer as usize] = (Role::Wall, false);
            let name = &drawing.layers[layer as usize];
            warnings.push(Warning::new(
                format!(
                    "no layer is named as walls; layer \"{name}\", which has the most lines, is taken as walls (set others with --walls)"
                ),
                format!("没有名为墙体的图层；线条最多的图层“{name}”被当作墙体（可在图层角色中另选）"),
            ));
        }
    }
    let wall_len = |items: &[usize]| -> f64 {
        items
            .iter()
            .filter(|&&i| roles[drawing.items[i].layer as usize].0 == Role::Wall)
            .map(|&i| shape_length(&drawing.items[i].shape))
            .sum()
    };
    let mut drawings = if opts.region.is_some() {
        Vec::new()
    } else {
        clusters(&drawing, &in_region)
    };
    let provisional = Unit::from_insunits(drawing.insunits).map_or(1.0, Unit::metres);
    for c in &mut drawings {
        c.wall_length_m = wall_len(&c.members) * provisional;
    }
    let chosen = if drawings.is_empty() {
        None
    } else {
        Some(
            opts.drawing
                .filter(|&d| d < drawings.len())
                .unwrap_or_else(|| {
                    (0..drawings.len())
                        .max_by(|&a, &b| {
                            drawings[a]
                                .wall_length_m
                                .total_cmp(&drawings[b].wall_length_m)
                                .then(drawings[a].pieces.cmp(&drawings[b].pieces))
                        })
                        .unwrap_or(0)
                }),
        )
    };
    let selected = match chosen {
        Some(c) => drawings[c].members.clone(),
        None => in_region,
    };
    // Units from the chosen drawing.
    let door_radii = selected
        .iter()
        .filter_map(|&i| {
            let it = &drawing.items[i];
            door_swing(&drawing, it, roles[it.layer as usize].0)
        })
        .map(|a| a.radius)
        .collect();
    let wall_box = bbox(
        selected
            .iter()
            .filter(|&&i| roles[drawing.items[i].layer as usize].0 == Role::Wall)
            .flat_map(|&i| shape_points(&drawing.items[i].shape)),
    );
    let clues = Clues {
        insunits: drawing.insunits,
        imperial_style: matches!(drawing.lunits, 3 | 4) || matches!(drawing.dim_lunit, Some(3 | 4)),
        door_radii,
        building_size: wall_box.map(|[lo, hi]| (hi[0] - lo[0]).max(hi[1] - lo[1])),
        room_sizes: written_room_scales(&drawing, &selected, &roles),
        dimensions: drawing.dimensions.clone(),
        imperial_names: {
            let mut names: Vec<String> = drawing
                .inserts
                .iter()
                .map(|i| i.block.clone())
                .filter(|b| units::imperial_name(b))
                .collect();
            names.sort();
            names.dedup();
            names
        },
        feet_inch_texts: selected
            .iter()
            .filter_map(|&i| match &drawing.items[i].shape {
                Shape::Text { text, .. } if has_feet_inches(text) => Some(text.clone()),
                _ => None,
            })
            .take(MAX_SIZE_TEXTS)
            .collect(),
    };
    let units = units::decide(&clues, opts.units);
    if units.overrides_header {
        let header = Unit::from_insunits(drawing.insunits).map_or("?", Unit::name);
        let unit = units.unit.name();
        let seen = |zh: bool| {
            let seen: Vec<&str> = units
                .evidence
                .iter()
                .filter(|e| e.what != "header")
                .map(|e| {
                    if zh {
                        e.seen_zh.as_str()
                    } else {
                        e.seen.as_str()
                    }
                })
                .collect();
            seen.join(if zh { "；" } else { "; " })
        };
        warnings.push(Warning::new(
            format!(
                "the header says {header} but the drawing is in {unit} ({}); the drawing's evidence is used (override with --units)",
                seen(false)
            ),
            format!(
                "文件头记为 {header}，但图形实为 {unit}（{}）；已按图形本身的证据取单位（可手动指定单位）",
                seen(true)
            ),
        ));
    } else if Unit::from_insunits(drawing.insunits).is_none() && opts.units.is_none() {
        let unit = units.unit.name();
        warnings.push(Warning::new(
            format!("the header gives no length unit; {unit} was chosen from the drawing"),
            format!("文件头未给出长度单位；按图形本身取 {unit}"),
        ));
    }
    if !units.disagree.is_empty() && !units.forced {
        let unit = units.unit.name();
        let says = |zh: bool| {
            units
                .evidence
                .iter()
                .filter(|e| e.what != "header")
                .map(|e| {
                    let allows: Vec<&str> = e.allows.iter().map(|u| u.name()).collect();
                    let allows = if allows.is_empty() {
                        if zh {
                            "无单位相符".to_string()
                        } else {
                            "no unit fits".to_string()
                        }
                    } else {
                        allows.join("/")
                    };
                    if zh {
                        format!("{} → {allows}", e.seen_zh)
                    } else {
                        format!("{}: {} → {allows} ({})", e.what, e.seen, e.confidence)
                    }
                })
                .collect::<Vec<_>>()
                .join(if zh { "；" } else { "; " })
        };
        warnings.push(Warning::new(
            format!(
                "UNITS UNCERTAIN: the drawing's evidence disagrees ({}); {unit} was chosen. Measure a door or a room you know before you trust the plan, or set the unit (--units)",
                says(false)
            ),
            format!(
                "单位存疑：图形中的证据相互矛盾（{}）；已取 {unit}。请先量一扇门或一个已知尺寸的房间核对，或手动指定单位",
                says(true)
            ),
        ));
    }
    let mpu = units.metres_per_unit;
    for c in &mut drawings {
        c.wall_length_m = (c.wall_length_m / provisional * mpu).max(0.0) + 0.0;
    }
    if let Some(c) = chosen {
        let left: Vec<String> = drawings
            .iter()
            .enumerate()
            .filter(|(i, d)| *i != c && (d.wall_length_m > 0.0 || d.pieces * 20 >= selected.len()))
            .map(|(_, d)| format!("{} pieces at {}", d.pieces, box_text(d.extents)))
            .collect();
        if !left.is_empty() {
            let more = left.len().saturating_sub(5);
            let shown = left.into_iter().take(5).collect::<Vec<_>>().join("; ");
            let n = drawings.len();
            let (more_en, more_zh) = if more > 0 {
                (
                    format!("; and {more} more (see --list)"),
                    format!("；另有 {more} 个"),
                )
            } else {
                (String::new(), String::new())
            };
            warnings.push(Warning::new(
                format!(
                    "model space holds {n} separate drawings; the one with the most wall was imported and these were left out (choose with --region): {shown}{more_en}"
                ),
                format!(
                    "模型空间中有 {n} 个独立图形；已导入墙体最多的一个，以下未导入（可框选区域另选）：{}{more_zh}",
                    shown.replace(" pieces at ", " 个图元，位于 ")
                ),
            ));
        }
    }
    if proxies > 0 && drawing.proxies_drawn.is_empty() {
        warnings.push(proxy_advice(&drawing));
    } else if proxies > 0 {
        let left: Vec<String> = drawing
            .proxies
            .iter()
            .map(|(k, n)| format!("{n} × {k}"))
            .collect();
        let drawn: usize = drawing.proxies_drawn.values().sum();
        let left = left.join(", ");
        warnings.push(Warning::new(
            format!("{drawn} custom objects were drawn from their proxy graphics; {left} carry no graphics and were left out"),
            format!("{drawn} 个专业对象已按其代理图形导入；{left} 没有代理图形，未导入"),
        ));
    }
    // Per-layer figures over the chosen drawing.
    let mut pieces = vec![0usize; drawing.layers.len()];
    let mut length = vec![0f64; drawing.layers.len()];
    for &i in &selected {
        let it = &drawing.items[i];
        pieces[it.layer as usize] += 1;
        length[it.layer as usize] += shape_length(&it.shape) * mpu;
    }
    let layers = drawing
        .layers
        .iter()
        .enumerate()
        .filter(|(i, name)| pieces[*i] > 0 || drawing.counts.contains_key(*name))
        .map(|(i, name)| LayerInfo {
            name: name.clone(),
            role: roles[i].0,
            chosen: roles[i].1,
            entities: drawing.counts.get(name).cloned().unwrap_or_default(),
            pieces: pieces[i],
            length_m: length[i],
        })
        .collect();
    Ok(Scan {
        path: path.to_path_buf(),
        sha256,
        drawing,
        layers,
        drawings,
        chosen,
        selected,
        units,
        warnings,
    })
}

fn proxy_advice(d: &Drawing) -> Warning {
    let classes: Vec<String> = d
        .proxies
        .iter()
        .map(|(k, n)| format!("{n} × {k}"))
        .collect();
    let classes = classes.join(", ");
    Warning::new(
        format!(
            "the drawing holds architecture objects with no plain lines ({classes}). Export a plain drawing first: in AutoCAD Architecture use \"Export to AutoCAD\" (-AECEXPORTTOAUTOCAD); in 天正 (TArch) use 图形导出 to T3 format; then import that file"
        ),
        format!(
            "图形中是没有普通线条的建筑专业对象（{classes}）。请先导出普通图形：AutoCAD Architecture 用“输出到 AutoCAD”（-AECEXPORTTOAUTOCAD），天正用“图形导出”为 T3 格式，再导入导出的文件"
        ),
    )
}

/// A box in drawing units as messages show it: `(x0, y0)–(x1, y1)`, whole units.
pub fn box_text([lo, hi]: [P; 2]) -> String {
    format!("({:.0}, {:.0})–({:.0}, {:.0})", lo[0], lo[1], hi[0], hi[1])
}

/// A representative point of a piece, for regions and clusters.
fn anchor(s: &Shape) -> P {
    match s {
        Shape::Line(a, b) => [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0],
        Shape::Arc(a) => a.centre,
        Shape::Text { at, .. } => *at,
    }
}

fn shape_points(s: &Shape) -> Vec<P> {
    match s {
        Shape::Line(a, b) => vec![*a, *b],
        Shape::Arc(a) => {
            let (p, q) = a.ends();
            vec![p, q, a.at(a.start + a.sweep / 2.0)]
        }
        Shape::Text { at, .. } => vec![*at],
    }
}

fn shape_length(s: &Shape) -> f64 {
    match s {
        Shape::Line(a, b) => dist(*a, *b),
        Shape::Arc(a) => a.radius * a.sweep.abs(),
        Shape::Text { .. } => 0.0,
    }
}

/// The separate drawings of model space: pieces whose boxes come within 1 % of the whole
/// drawing's size of each other belong together.
fn clusters(d: &Drawing, all: &[usize]) -> Vec<Cluster> {
    // Lines and arcs make the drawings; texts join the drawing they stand in.
    let (texts, items): (Vec<usize>, Vec<usize>) = all
        .iter()
        .partition(|&&i| matches!(d.items[i].shape, Shape::Text { .. }));
    let items = &items[..];
    let boxes: Vec<[P; 2]> = items
        .iter()
        .map(|&i| {
            let s = &d.items[i].shape;
            match s {
                Shape::Arc(a) if a.sweep.abs() >= std::f64::consts::PI => [
                    [a.centre[0] - a.radius, a.centre[1] - a.radius],
                    [a.centre[0] + a.radius, a.centre[1] + a.radius],
                ],
                _ => bbox(shape_points(s)).unwrap_or([anchor(s), anchor(s)]),
            }
        })
        .collect();
    let Some([lo, hi]) = bbox(boxes.iter().flat_map(|b| [b[0], b[1]])) else {
        return Vec::new();
    };
    let gap = 0.01 * dist(lo, hi);
    let groups = geom::connected(&boxes, gap);
    let mut out: Vec<Cluster> = groups
        .into_iter()
        .map(|ks| {
            let extents =
                bbox(ks.iter().flat_map(|&k| [boxes[k][0], boxes[k][1]])).unwrap_or([lo, lo]);
            Cluster {
                extents,
                pieces: ks.len(),
                wall_length_m: 0.0,
                members: ks.iter().map(|&k| items[k]).collect(),
            }
        })
        .collect();
    for t in texts {
        let p = anchor(&d.items[t].shape);
        let home = out.iter_mut().find(|c| {
            p[0] >= c.extents[0][0] - gap
                && p[0] <= c.extents[1][0] + gap
                && p[1] >= c.extents[0][1] - gap
                && p[1] <= c.extents[1][1] + gap
        });
        if let Some(c) = home {
            c.members.push(t);
            c.pieces += 1;
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.pieces));
    out
}

/// A bare area as room tags write it: a number with one or two decimals (`185.39`).
fn bare_area(text: &str) -> Option<f64> {
    let t = text.trim();
    let (whole, frac) = t.split_once('.')?;
    let ok = !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && (1..=2).contains(&frac.len())
        && frac.chars().all(|c| c.is_ascii_digit());
    let v: f64 = t.parse().ok()?;
    (ok && v > 1.0 && v < 5000.0).then_some(v)
}

/// Whether a text holds a length in feet and inches (`3'-0"`, `13'6 x 11'`).
fn has_feet_inches(text: &str) -> bool {
    text.split(|c: char| c.is_whitespace() || matches!(c, 'x' | 'X' | '×'))
        .any(|w| {
            w.contains(['\'', '’', '′'])
                && w.chars().next().is_some_and(|c| c.is_ascii_digit())
                && units::feet_inches(w).is_some()
        })
}

/// The most room-size texts looked at for units evidence.
const MAX_SIZE_TEXTS: usize = 200;

/// Metres per drawing unit implied by each room size written in text (an area, or two sides)
/// against the room drawn around the text: the nearest wall line left and right of it, and
/// above and below.
fn written_room_scales(d: &Drawing, selected: &[usize], roles: &[(Role, bool)]) -> Vec<f64> {
    let role = |it: &cad::Item| roles.get(it.layer as usize).map_or(Role::Other, |r| r.0);
    let sizes: Vec<(P, f64, units::Written)> = selected
        .iter()
        .filter_map(|&i| d.items.get(i))
        .filter_map(|it| match &it.shape {
            Shape::Text { at, text, height } => Some((
                *at,
                *height,
                units::written_size(text).or_else(|| {
                    // A room tag's bare area ("185.39") on a room layer.
                    (role(it) == Role::Room)
                        .then(|| bare_area(text))
                        .flatten()
                        .map(units::Written::Area)
                })?,
            )),
            _ => None,
        })
        .take(MAX_SIZE_TEXTS)
        .collect();
    if sizes.is_empty() {
        return Vec::new();
    }
    let walls: Vec<(P, P)> = selected
        .iter()
        .filter_map(|&i| d.items.get(i))
        .filter(|it| matches!(role(it), Role::Wall | Role::Glass | Role::Window))
        .filter_map(|it| match it.shape {
            Shape::Line(a, b) => Some((a, b)),
            _ => None,
        })
        .collect();
    // The nearest crossing of a wall line along each ray from `p`: left, right, down, up.
    let rays = |p: P| {
        let mut near = [f64::INFINITY; 4];
        for &(a, b) in &walls {
            for (axis, lo, hi) in [(0usize, 0usize, 1usize), (1, 2, 3)] {
                let other = 1 - axis;
                let (ao, bo) = (a[other], b[other]);
                if (ao - p[other]) * (bo - p[other]) > 0.0 || ao == bo {
                    continue;
                }
                let t = (p[other] - ao) / (bo - ao);
                let x = a[axis] + t * (b[axis] - a[axis]);
                let d = x - p[axis];
                if d < 0.0 {
                    near[lo] = near[lo].min(-d);
                } else {
                    near[hi] = near[hi].min(d);
                }
            }
        }
        near
    };
    sizes
        .into_iter()
        .filter_map(|(p, height, written)| {
            // A ray that leaves through a door is cast again a few text heights aside.
            let mut near = rays(p);
            let step = 3.0 * height.abs().max(1e-9);
            for k in [1.0, -1.0, 2.0, -2.0] {
                if near.iter().all(|d| d.is_finite()) {
                    break;
                }
                let across = [rays([p[0], p[1] + k * step]), rays([p[0] + k * step, p[1]])];
                for i in 0..4 {
                    if !near[i].is_finite() {
                        // Left and right rays move up or down; down and up rays move aside.
                        near[i] = across[i / 2][i];
                    }
                }
            }
            let [l, r, dn, up] = near;
            let (w, h) = (l + r, dn + up);
            if !(w.is_finite() && h.is_finite()) {
                return None;
            }
            units::implied_scale(written, w, h)
        })
        .collect()
}

/// Whether a piece is drawn inside a door block.
fn in_door_block(d: &Drawing, it: &cad::Item) -> bool {
    it.insert
        .is_some_and(|k| roles::is_door_block(&d.inserts[k as usize].block))
}

/// The arc of a piece that looks like a door swing: about a quarter turn, on a layer that may
/// hold doors or inside a door block. Its size is checked once the units are known.
fn door_swing<'a>(d: &Drawing, it: &'a cad::Item, role: Role) -> Option<&'a cad::Arc> {
    let Shape::Arc(a) = &it.shape else {
        return None;
    };
    let sweep = a.sweep.abs().to_degrees();
    let layer_ok = matches!(role, Role::Door | Role::Wall | Role::Other) || in_door_block(d, it);
    ((60.0..=120.0).contains(&sweep) && layer_ok).then_some(a)
}

/// Builds the floor from a scan.
pub fn build(
    scan: &Scan,
    opts: &Options,
    floor_id: &str,
    floor_name: &str,
) -> Result<Imported, ImportError> {
    let d = &scan.drawing;
    let mpu = scan.units.metres_per_unit;
    let origin = bbox(
        scan.selected
            .iter()
            .flat_map(|&i| shape_points(&d.items[i].shape)),
    )
    .map_or([0.0, 0.0], |b| b[0]);
    let to_m = |p: P| [(p[0] - origin[0]) * mpu, (p[1] - origin[1]) * mpu];
    let role_of: BTreeMap<&str, Role> = scan
        .layers
        .iter()
        .map(|l| (l.name.as_str(), l.role))
        .collect();
    let role = |layer: u32| {
        role_of
            .get(d.layers[layer as usize].as_str())
            .copied()
            .unwrap_or(Role::Other)
    };
    let tol = 0.02; // arcs within 2 cm
    let mut wall_segs = Vec::new();
    let mut column_segs = Vec::new();
    let mut glass_segs = Vec::new();
    let mut leaf_lines = Vec::new();
    let mut swing_candidates: Vec<(P, P, P, f64, bool, Option<u32>)> = Vec::new();
    let mut any_lines: Vec<(P, P)> = Vec::new();
    let mut door_swings = Vec::new();
    let mut texts: Vec<(P, String)> = Vec::new();
    let mut fixtures: Vec<(P, String)> = Vec::new();
    let mut window_blocks: std::collections::BTreeSet<u32> = Default::default();
    // Door blocks seen, and those that drew a swing (the others are placed from their box).
    let mut door_blocks: std::collections::BTreeSet<u32> = Default::default();
    let mut swung_blocks: std::collections::BTreeSet<u32> = Default::default();
    let mut drawn: Vec<(P, P)> = Vec::new();
    for &i in &scan.selected {
        let it = &d.items[i];
        let r = role(it.layer);
        // Texts name rooms (unless on a layer that is never walls: dimensions and the like).
        let pieces: Vec<(P, P)> = match &it.shape {
            Shape::Text { at, text, .. } => {
                let opening = it.insert.is_some_and(|k| {
                    let b = &d.inserts[k as usize].block;
                    roles::is_door_block(b) || roles::is_window_block(b)
                });
                if !matches!(r, Role::Ignore | Role::Exclude) && !opening {
                    texts.push((to_m(*at), text.clone()));
                }
                continue;
            }
            Shape::Line(a, b) => vec![(to_m(*a), to_m(*b))],
            Shape::Arc(a) => {
                let pts: Vec<P> = a.points(tol / mpu).into_iter().map(to_m).collect();
                pts.windows(2).map(|w| (w[0], w[1])).collect()
            }
        };
        // Every line and arc goes into the underlay.
        drawn.extend_from_slice(&pieces);
        if let Some(k) = it
            .insert
            .filter(|&k| roles::is_window_block(&d.inserts[k as usize].block))
        {
            window_blocks.insert(k);
            continue;
        }
        if let Some(k) = it.insert.filter(|_| in_door_block(d, it)) {
            door_blocks.insert(k);
        }
        // Door swings: a quarter turn of door size.
        if let Some(a) = door_swing(d, it, r) {
            let radius = a.radius * mpu;
            if (0.5..=1.6).contains(&radius) {
                let (p, q) = a.ends();
                // Off a door layer and outside a door block, an arc is a door only with its
                // leaf (furniture and fixtures draw quarter arcs too).
                let needs_leaf = !(r == Role::Door || in_door_block(d, it));
                swing_candidates.push((
                    to_m(a.centre),
                    to_m(p),
                    to_m(q),
                    radius,
                    needs_leaf,
                    it.insert,
                ));
                continue;
            }
        }
        if let Shape::Line(..) = &it.shape {
            if !matches!(r, Role::Ignore | Role::Exclude) {
                any_lines.extend_from_slice(&pieces);
            }
        }
        if in_door_block(d, it) || r == Role::Door {
            if let Shape::Line(..) = &it.shape {
                leaf_lines.extend(pieces);
            }
            continue;
        }
        match r {
            Role::Wall => wall_segs.extend(pieces),
            Role::Column => column_segs.extend(pieces),
            Role::Glass | Role::Window => glass_segs.extend(pieces),
            _ => {}
        }
    }
    let in_drawing = drawing_filter(scan, opts);
    // Doors drawn as closed polygons on a door layer (a leaf or an opening, no swing): the
    // polygon's long middle line is the door.
    let door_polygons: Vec<[P; 4]> = d
        .polygons
        .iter()
        .filter(|p| p.insert.is_none() && role(p.layer) == Role::Door && in_drawing(&p.points))
        .filter_map(|p| oriented_box(&p.points))
        .map(|c| c.map(to_m))
        .collect();
    // One door per swing: arcs drawn twice (or in two layers) at the same hinge count once,
    // and an arc that needs a leaf has one: a line from the hinge to one of its ends.
    let any_index = BoxIndex::new(any_lines.iter().map(|&(a, b)| {
        let [lo, hi] = bbox([a, b]).unwrap_or([a, a]);
        (lo, hi)
    }));
    for (hinge, p, q, radius, needs_leaf, insert) in swing_candidates {
        let twin = door_swings.iter().any(|&(h, _, _, r): &(P, P, P, f64)| {
            dist(h, hinge) <= 0.05 && (r - radius).abs() <= 0.05
        });
        if twin {
            continue;
        }
        // Leaves drawn as thin rectangles start a leaf's thickness or two off the hinge.
        let near = (0.2 * radius).max(0.05);
        let has_leaf = || {
            let (lo, hi) = (
                [hinge[0] - near, hinge[1] - near],
                [hinge[0] + near, hinge[1] + near],
            );
            any_index.in_box(lo, hi).any(|k| {
                let (a, b) = any_lines[k];
                let (h_end, far) = if dist(a, hinge) <= near {
                    (a, b)
                } else {
                    (b, a)
                };
                dist(h_end, hinge) <= near
                    && (0.75 * radius..=1.2 * radius).contains(&dist(a, b))
                    && (dist(far, p) <= 0.15 * radius || dist(far, q) <= 0.15 * radius)
            })
        };
        if needs_leaf && !has_leaf() {
            continue;
        }
        door_swings.push((hinge, p, q, radius));
        swung_blocks.extend(insert);
    }
    for ins in &d.inserts {
        if kinds::from_fixture(&ins.block).is_some() {
            fixtures.push((to_m(ins.at), ins.block.clone()));
        }
    }
    let mut warnings = scan.warnings.clone();
    // Walls.
    let (paired, rest) = walls::pair_lines(&wall_segs);
    let mut pieces = paired;
    pieces.extend(
        rest.iter()
            .filter(|(a, b)| dist(*a, *b) >= walls::MAX_THICKNESS + 0.05)
            .map(|&(a, b)| Centre { a, b, t: 0.1 }),
    );
    let mut plain = walls::merge(pieces);
    // Glass: walls that carry a window along their whole length.
    let (gpaired, grest) = walls::pair_lines(&glass_segs);
    // Curtain walls: the short pieces are mullions, not glass. Each connected group of them is
    // one mullion, which divides the glass it stands on into bays.
    let (gpaired, short): (Vec<Centre>, Vec<Centre>) =
        gpaired.into_iter().partition(|c| c.length() >= 0.3);
    let mullion_lines: Vec<(P, P)> = grest
        .iter()
        .filter(|(a, b)| dist(*a, *b) < 0.3)
        .copied()
        .chain(short.iter().map(|c| (c.a, c.b)))
        .collect();
    let mullions = mullions_of(&mullion_lines);
    let mut gpieces = gpaired;
    gpieces.extend(
        grest
            .iter()
            .filter(|(a, b)| dist(*a, *b) >= 0.3)
            .map(|&(a, b)| Centre { a, b, t: 0.05 }),
    );
    for &k in &window_blocks {
        let ins = &d.inserts[k as usize];
        if let Some([lo, hi]) = ins.local_box {
            let c = [
                ins.transform.apply(lo),
                ins.transform.apply([hi[0], lo[1]]),
                ins.transform.apply(hi),
                ins.transform.apply([lo[0], hi[1]]),
            ];
            let (a, b, t) = middle_line(c.map(to_m));
            if dist(a, b) >= 0.2 {
                gpieces.push(Centre {
                    a,
                    b,
                    t: t.clamp(0.05, walls::MAX_THICKNESS),
                });
            }
        }
    }
    // A mullion between two panes of one curtain wall joins them: the wall is one, its bays
    // are cut at the mullions when its windows are made.
    let bridges: Vec<Centre> = mullions
        .iter()
        .filter_map(|&(m, size)| {
            let c = gpieces.iter().find(|c| {
                let d = geom::point_segment_distance(m, c.a, c.b);
                let u = c.dir();
                d <= c.t / 2.0 + half_along(size, [-u[1], u[0]]) + 0.05
                    && c.length() > 2.0 * half_along(size, u)
            })?;
            let u = c.dir();
            let half = half_along(size, u);
            let along = dot([m[0] - c.a[0], m[1] - c.a[1]], u);
            let foot = [c.a[0] + u[0] * along, c.a[1] + u[1] * along];
            let r = half + 0.03;
            Some(Centre {
                a: [foot[0] - u[0] * r, foot[1] - u[1] * r],
                b: [foot[0] + u[0] * r, foot[1] + u[1] * r],
                t: c.t,
            })
        })
        .collect();
    gpieces.extend(bridges);
    let glass = walls::merge(gpieces);
    let plain_count = plain.len();
    plain.extend(glass);
    // Doors: each swing lies on a wall; its gap is closed with wall.
    let index = BoxIndex::new(plain.iter().map(|c| {
        let [lo, hi] = bbox([c.a, c.b]).unwrap_or([c.a, c.a]);
        (lo, hi)
    }));
    let mut doors: Vec<(P, P)> = Vec::new();
    let mut fillers = Vec::new();
    let mut glass_fillers = Vec::new();
    let mut leaves: Vec<(P, P, f64)> = Vec::new();
    let leaf_index = BoxIndex::new(leaf_lines.iter().map(|&(a, b)| {
        let [lo, hi] = bbox([a, b]).unwrap_or([a, a]);
        (lo, hi)
    }));
    // A door in the gap `f` of a wall: the gap is closed with the wall's own thickness, in
    // glass where the wall is glass.
    let door_in = |f: &walls::Fit,
                   doors: &mut Vec<(P, P)>,
                   fillers: &mut Vec<Centre>,
                   glass_fillers: &mut Vec<Centre>| {
        doors.push((f.a, f.b));
        let filler = Centre {
            a: f.a,
            b: f.b,
            t: plain[f.wall].t,
        };
        if f.wall < plain_count {
            fillers.push(filler);
        } else {
            glass_fillers.push(filler);
        }
    };
    for &(hinge, p, q, radius) in &door_swings {
        let fit_p = walls::wall_along(&plain, &index, hinge, p);
        let fit_q = walls::wall_along(&plain, &index, hinge, q);
        let leaf_at = |e: P| {
            let r = 0.05 * radius.max(1.0);
            let (lo, hi) = ([hinge[0] - r, hinge[1] - r], [hinge[0] + r, hinge[1] + r]);
            leaf_index.in_box(lo, hi).any(|k| {
                let (a, b) = leaf_lines[k];
                (dist(a, hinge) < 0.05 * radius.max(1.0) && dist(b, e) < 0.05)
                    || (dist(b, hinge) < 0.05 * radius.max(1.0) && dist(a, e) < 0.05)
            })
        };
        // The gap is where a wall runs along hinge→end but leaves it open; the other end is
        // where the leaf stands open (drawn as a line, or as a thin rectangle).
        let open_p = fit_p.is_none_or(|f| f.covered > 0.5);
        let open_q = fit_q.is_none_or(|f| f.covered > 0.5);
        let (closed, open, fit) = match (fit_p, fit_q) {
            (Some(f), _) if !open_p && (open_q || leaf_at(q)) => (p, q, Some(f)),
            (_, Some(f)) if !open_q && (open_p || leaf_at(p)) => (q, p, Some(f)),
            (Some(fp), Some(fq)) => {
                if fp.covered <= fq.covered {
                    (p, q, Some(fp))
                } else {
                    (q, p, Some(fq))
                }
            }
            (Some(f), None) => (p, q, Some(f)),
            (None, Some(f)) => (q, p, Some(f)),
            (None, None) if leaf_at(p) => (q, p, None),
            (None, None) => (p, q, None),
        };
        leaves.push((hinge, open, radius));
        match fit {
            Some(f) => door_in(&f, &mut doors, &mut fillers, &mut glass_fillers),
            None => {
                doors.push((hinge, closed));
                fillers.push(Centre {
                    a: hinge,
                    b: closed,
                    t: 0.1,
                });
            }
        }
    }
    // Door blocks drawn without a swing (a leaf, or a plain symbol): the side of the block's
    // box that lies along a wall, of door size, is the door.
    for &k in door_blocks.difference(&swung_blocks) {
        let Some(ins) = d.inserts.get(k as usize) else {
            continue;
        };
        let Some([lo, hi]) = ins.local_box else {
            continue;
        };
        let c = [lo, [hi[0], lo[1]], hi, [lo[0], hi[1]]].map(|q| to_m(ins.transform.apply(q)));
        let sides = [(c[0], c[1]), (c[1], c[2]), (c[2], c[3]), (c[3], c[0])];
        let best = sides
            .iter()
            .filter(|(a, b)| (0.5..=2.0).contains(&dist(*a, *b)))
            .filter_map(|&(a, b)| walls::wall_along(&plain, &index, a, b))
            .min_by(|x, y| x.covered.total_cmp(&y.covered));
        if let Some(f) = best {
            door_in(&f, &mut doors, &mut fillers, &mut glass_fillers);
        }
    }
    for &c in &door_polygons {
        let (a, b, t) = middle_line(c);
        if !(0.5..=12.0).contains(&dist(a, b)) || t > walls::MAX_THICKNESS {
            continue;
        }
        match walls::wall_along(&plain, &index, a, b) {
            Some(f) => door_in(&f, &mut doors, &mut fillers, &mut glass_fillers),
            None => {
                doors.push((a, b));
                fillers.push(Centre {
                    a,
                    b,
                    t: t.max(0.1),
                });
            }
        }
    }
    // A leaf drawn as a thin rectangle was paired like a wall: it is the door, not a wall.
    let leaves_index = BoxIndex::new(leaves.iter().map(|&(h, o, _)| {
        let [lo, hi] = bbox([h, o]).unwrap_or([h, h]);
        ([lo[0] - 0.1, lo[1] - 0.1], [hi[0] + 0.1, hi[1] + 0.1])
    }));
    let is_leaf = |c: &Centre| {
        leaves_index.in_box(c.a, c.a).any(|k| {
            let (hinge, open, r) = leaves[k];
            let near = |p: P| geom::point_segment_distance(p, hinge, open) <= 0.08;
            near(c.a) && near(c.b) && c.length() <= r + 0.1 && c.t <= 0.12
        })
    };
    let fillers_all: Vec<Centre> = fillers.iter().chain(&glass_fillers).copied().collect();
    let gap_length: f64 = fillers_all.iter().map(Centre::length).sum();
    let mut glass = plain.split_off(plain_count);
    plain.retain(|c| !is_leaf(c));
    plain.extend(fillers);
    let plain = walls::merge(plain);
    glass.extend(glass_fillers);
    let glass = walls::merge(glass);
    // Columns: each connected group of lines becomes one closed wall around it.
    let columns = column_outlines(&column_segs);
    // Corners and T-junctions closed across walls and glass alike.
    let mut all: Vec<Centre> = plain.iter().chain(glass.iter()).copied().collect();
    walls::join_ends(&mut all);
    let (plain, glass) = all.split_at(plain.len());
    let mut floor = Floor::new(floor_id, floor_name);
    let r3 = |x: f64| (x * 1000.0).round() / 1000.0;
    let pt = |p: P| [r3(p[0]), r3(p[1])];
    let mut counts = Counts::default();
    for c in plain {
        floor.walls.push(Wall {
            id: format!("w{}", floor.walls.len() + 1),
            points: vec![pt(c.a), pt(c.b)],
            thickness: r3(c.t.max(0.01)),
            extra: Default::default(),
        });
        counts.wall_length_m += c.length();
    }
    // The drawing's own wall lines; the door gaps closed with wall are counted apart.
    counts.wall_length_m -= gap_length.min(counts.wall_length_m);
    counts.door_gap_length_m = r3(gap_length);
    // Walls the drawing draws: not those made only to close a free-standing door's gap.
    let filler_segs: Vec<(P, P)> = fillers_all.iter().map(|f| (f.a, f.b)).collect();
    counts.walls = plain
        .iter()
        .filter(|c| {
            let drawn: f64 = walls::less_openings(c, &filler_segs)
                .iter()
                .map(|&(a, b)| dist(a, b))
                .sum();
            // Slivers left between stacked wall pairs stay (they close corners) but are not
            // counted as walls of their own.
            drawn > 0.05 && c.length() >= 0.15
        })
        .count();
    for outline in &columns {
        floor.walls.push(Wall {
            id: format!("col{}", counts.columns + 1),
            points: outline.iter().map(|&p| pt(p)).collect(),
            thickness: 0.05,
            extra: Default::default(),
        });
        counts.columns += 1;
    }
    let mut windows = 0;
    for c in glass {
        let id = format!("g{}", counts.glass_walls + 1);
        floor.walls.push(Wall {
            id,
            points: vec![pt(c.a), pt(c.b)],
            thickness: r3(c.t.max(0.01)),
            extra: Default::default(),
        });
        let bays: Vec<(P, P)> = walls::less_openings(c, &doors)
            .into_iter()
            .flat_map(|(a, b)| split_at_mullions(a, b, c.t, &mullions))
            .collect();
        for (a, b) in bays {
            let id = format!("win{}", windows + 1);
            floor
                .openings
                .push(Opening::new(&id, OpeningKind::Window, pt(a), pt(b)));
            windows += 1;
            counts.window_length_m += dist(a, b);
        }
        counts.glass_walls += 1;
    }
    for (k, &(a, b)) in doors.iter().enumerate() {
        let id = format!("d{}", k + 1);
        floor
            .openings
            .push(Opening::new(&id, OpeningKind::Door, pt(a), pt(b)));
    }
    counts.openings.insert("door", doors.len());
    counts.openings.insert("window", windows);
    if floor.walls.is_empty() {
        let why = if d.proxies.is_empty() {
            "no walls found: no layer holds wall lines (name them with --walls)".to_string()
        } else {
            proxy_advice(d).en
        };
        return Err(unusable(&scan.path, why));
    }
    // Spaces.
    if !opts.no_spaces {
        let every: Vec<Centre> = plain
            .iter()
            .chain(glass.iter())
            .copied()
            .chain(columns.iter().flat_map(|o| {
                o.windows(2).map(|w| Centre {
                    a: w[0],
                    b: w[1],
                    t: 0.05,
                })
            }))
            .collect();
        let mut stated: Vec<Vec<P>> = d
            .polygons
            .iter()
            .filter(|p| role(p.layer) == Role::Room && in_drawing(&p.points))
            .map(|p| p.points.iter().map(|&q| to_m(q)).collect())
            .collect();
        if stated.is_empty() {
            // No room layer by name: a layer (or all plain layers together) whose closed
            // outlines tile the plan with a label each.
            let candidates: Vec<(u32, Vec<P>)> = d
                .polygons
                .iter()
                .filter(|p| {
                    matches!(role(p.layer), Role::Other | Role::Text) && in_drawing(&p.points)
                })
                .map(|p| (p.layer, p.points.iter().map(|&q| to_m(q)).collect()))
                .collect();
            let label_points: Vec<P> = texts
                .iter()
                .filter(|t| !rooms::is_number_like(&t.1))
                .map(|t| t.0)
                .collect();
            if let Some((layers, tiles)) = rooms::tiling(&candidates, &label_points) {
                let names: Vec<&str> = layers
                    .iter()
                    .map(|&l| d.layers[l as usize].as_str())
                    .collect();
                let shown = names.iter().take(5).copied().collect::<Vec<_>>().join(", ");
                let more = if names.len() > 5 {
                    format!(" (+{})", names.len() - 5)
                } else {
                    String::new()
                };
                warnings.push(Warning::new(
                    format!("no layer is named for rooms; the {} closed outlines on {shown}{more}, each with a label, were taken as the rooms (set a layer's role to Rooms or Other to choose)", tiles.len()),
                    format!("没有名为房间的图层；{shown}{more} 上 {} 个各带名称的闭合轮廓被当作房间（可在图层角色中改选）", tiles.len()),
                ));
                stated = tiles;
            }
        }
        floor.spaces = spaces_stage(&every, stated, &texts, &fixtures, &mut warnings);
        for sp in &floor.spaces {
            *counts
                .spaces
                .entry(
                    serde_json::to_value(sp.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                )
                .or_default() += 1;
            if sp.kind.class() == crate::model::SpaceClass::Private {
                counts.private_spaces.push(PrivateSpace {
                    id: sp.id.clone(),
                    name: sp.name.clone(),
                    kind: sp.kind,
                    area_m2: r3(rooms::area(&sp.polygon)),
                });
            }
        }
        counts.spaces_to_review = floor.spaces.len();
    }
    // The underlay.
    let picture = if opts.no_underlay {
        None
    } else {
        underlay::draw(&drawn)
    };
    if let Some(p) = &picture {
        floor.underlay = Some(Underlay {
            image: String::new(),
            origin: pt(p.origin),
            metres_per_pixel: p.metres_per_pixel,
            opacity: 0.5,
            extra: Default::default(),
        });
    }
    if doors.is_empty() {
        warnings.push(Warning::new(
            "no doors found: no door swings or door blocks of door size",
            "未找到门：没有门开启线，也没有门大小的门图块",
        ));
    }
    counts.wall_length_m = r3(counts.wall_length_m);
    counts.window_length_m = r3(counts.window_length_m);
    let layers: BTreeMap<String, &'static str> = scan
        .layers
        .iter()
        .map(|l| (l.name.clone(), l.role.name()))
        .collect();
    let source = json!({
        "path": scan.path.display().to_string(),
        "format": d.format.name(),
        "version": d.version,
        "sha256": scan.sha256,
    });
    floor.extra.insert(
        "import".into(),
        json!({
            "file": scan.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(),
            "sha256": scan.sha256,
            "format": d.format.name(),
            "units": scan.units.unit.name(),
            "metres_per_unit": scan.units.metres_per_unit,
            "layers": layers,
            "drawing_origin": origin,
        }),
    );
    let drawing = match (&opts.layout, opts.region, scan.chosen) {
        (_, Some(r), _) => json!({ "region": r }),
        (layout, None, Some(c)) => json!({
            "layout": layout.clone().unwrap_or_else(|| "Model".into()),
            "extents": scan.drawings[c].extents,
            "of": scan.drawings.len(),
        }),
        (layout, None, None) => {
            json!({ "layout": layout.clone().unwrap_or_else(|| "Model".into()) })
        }
    };
    let summary = Summary {
        source,
        units: serde_json::to_value(&scan.units).unwrap_or(Value::Null),
        layers,
        drawing,
        counts,
        warnings,
    };
    Ok(Imported {
        floor,
        underlay: picture,
        summary,
    })
}

/// Mullions from the short lines of a glass layer: each connected group as its centre and
/// its size in x and y (metres).
fn mullions_of(lines: &[(P, P)]) -> Vec<(P, P)> {
    if lines.is_empty() || lines.len() > 200_000 {
        return Vec::new();
    }
    let boxes: Vec<[P; 2]> = lines
        .iter()
        .map(|&(a, b)| bbox([a, b]).unwrap_or([a, a]))
        .collect();
    geom::connected(&boxes, 0.01)
        .into_iter()
        .filter_map(|group| {
            let [lo, hi] = bbox(group.iter().flat_map(|&k| [boxes[k][0], boxes[k][1]]))?;
            let size = [hi[0] - lo[0], hi[1] - lo[1]];
            Some(([(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0], size))
        })
        .filter(|m| m.1[0].max(m.1[1]) <= 0.6)
        .collect()
}

/// Half a mullion's size along the direction `u`, at least 2.5 cm.
fn half_along(size: P, u: P) -> f64 {
    ((u[0].abs() * size[0] + u[1].abs() * size[1]) / 2.0).max(0.025)
}

/// A window `a`→`b` on glass of thickness `t`, cut into one window per bay between the
/// mullions that stand on it (each mullion's own width left as wall).
fn split_at_mullions(a: P, b: P, t: f64, mullions: &[(P, P)]) -> Vec<(P, P)> {
    let l = dist(a, b);
    if l < 1e-9 || mullions.is_empty() {
        return vec![(a, b)];
    }
    let u = [(b[0] - a[0]) / l, (b[1] - a[1]) / l];
    let n = [-u[1], u[0]];
    let mut cuts: Vec<(f64, f64)> = mullions
        .iter()
        .filter_map(|&(m, size)| {
            let half = half_along(size, u);
            let d = [m[0] - a[0], m[1] - a[1]];
            let along = dot(d, u);
            let off = dot(d, n).abs();
            (off <= t / 2.0 + half_along(size, n) + 0.05 && along > half && along < l - half)
                .then_some((along - half, along + half))
        })
        .collect();
    if cuts.is_empty() {
        return vec![(a, b)];
    }
    cuts.sort_by(|x, y| x.0.total_cmp(&y.0));
    let at = |s: f64| [a[0] + u[0] * s, a[1] + u[1] * s];
    let mut out = Vec::new();
    let mut from = 0.0;
    for (c0, c1) in cuts {
        if c0 - from >= 0.1 {
            out.push((at(from), at(c0)));
        }
        from = from.max(c1);
    }
    if l - from >= 0.1 {
        out.push((at(from), at(l)));
    }
    out
}

/// Which of the drawing's points belong to the imported drawing: the user's region, else the
/// chosen cluster's extents, else all.
fn drawing_filter(scan: &Scan, opts: &Options) -> impl Fn(&[P]) -> bool {
    let area: Option<[P; 2]> = match opts.region {
        Some([x0, y0, x1, y1]) => Some([[x0.min(x1), y0.min(y1)], [x0.max(x1), y0.max(y1)]]),
        None => scan
            .chosen
            .and_then(|c| scan.drawings.get(c))
            .map(|c| c.extents),
    };
    move |pts: &[P]| match (area, bbox(pts.iter().copied())) {
        (Some([lo, hi]), Some([a, b])) => {
            let c = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
            c[0] >= lo[0] && c[0] <= hi[0] && c[1] >= lo[1] && c[1] <= hi[1]
        }
        (None, Some(_)) => true,
        _ => false,
    }
}

/// A rectangle's (corners in turn) middle line along its longer sides, and its width.
fn middle_line(c: [P; 4]) -> (P, P, f64) {
    let (w, h) = (dist(c[0], c[1]), dist(c[1], c[2]));
    let mid = |a: P, b: P| [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
    if w >= h {
        (mid(c[0], c[3]), mid(c[1], c[2]), h)
    } else {
        (mid(c[0], c[1]), mid(c[3], c[2]), w)
    }
}

/// The rectangle around `points` that lies along their longest edge, corners in turn.
fn oriented_box(points: &[P]) -> Option<[P; 4]> {
    let n = points.len();
    let (mut best, mut dir) = (0.0, [1.0, 0.0]);
    for i in 0..n {
        let (a, b) = (points[i], points[(i + 1) % n]);
        let l = dist(a, b);
        if l > best {
            best = l;
            dir = [(b[0] - a[0]) / l, (b[1] - a[1]) / l];
        }
    }
    if best <= 0.0 || !best.is_finite() {
        return None;
    }
    let nrm = [-dir[1], dir[0]];
    let (mut u0, mut u1, mut v0, mut v1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &p in points {
        let (u, v) = (dot(p, dir), dot(p, nrm));
        u0 = u0.min(u);
        u1 = u1.max(u);
        v0 = v0.min(v);
        v1 = v1.max(v);
    }
    let at = |u: f64, v: f64| [dir[0] * u + nrm[0] * v, dir[1] * u + nrm[1] * v];
    Some([at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)])
}

/// Stage: the floor's spaces. The rooms the drawing states (closed polylines on room layers)
/// when it states any, else the closed faces of the walls; each named from the texts inside it
/// (`rooms::name_room`), all to be reviewed.
fn spaces_stage(
    walls_all: &[Centre],
    stated: Vec<Vec<P>>,
    texts: &[(P, String)],
    fixtures: &[(P, String)],
    warnings: &mut Vec<Warning>,
) -> Vec<Space> {
    let mut points: Vec<P> = texts.iter().map(|t| t.0).collect();
    points.extend(fixtures.iter().map(|f| f.0));
    let stated = rooms::clean(stated);
    let (polygons, inside): (Vec<Vec<P>>, Vec<Vec<usize>>) = if stated.is_empty() {
        let faces = spaces::faces(walls_all, &points);
        let faces = join_tagged(walls_all, &points, texts, faces, warnings);
        faces.into_iter().map(|f| (f.polygon, f.inside)).unzip()
    } else {
        let inside = rooms::labels_in(&stated, &points);
        (stated, inside)
    };
    let areas: Vec<f64> = polygons.iter().map(|p| rooms::area(p)).collect();
    let floor_area: f64 = areas.iter().sum();
    let r3 = |x: f64| (x * 1000.0).round() / 1000.0;
    let mut out = Vec::new();
    let mut doubts = Vec::new();
    for ((polygon, inside), area) in polygons.iter().zip(&inside).zip(&areas) {
        let names: Vec<&str> = inside
            .iter()
            .filter(|&&k| k < texts.len())
            .map(|&k| texts[k].1.as_str())
            .collect();
        let fixture_names: Vec<&str> = inside
            .iter()
            .filter(|&&k| k >= texts.len())
            .map(|&k| fixtures[k - texts.len()].1.as_str())
            .collect();
        let named = rooms::name_room(&names, &fixture_names, *area, floor_area);
        let id = format!("s{}", out.len() + 1);
        if let Some(doubt) = &named.doubt {
            doubts.push((id.clone(), *area, doubt.clone()));
        }
        out.push(Space {
            id,
            name: named.name,
            kind: named.kind,
            polygon: polygon.iter().map(|&p| [r3(p[0]), r3(p[1])]).collect(),
            review: true,
            extra: Default::default(),
        });
    }
    for (id, area, doubt) in doubts {
        let (en, zh) = match doubt {
            rooms::Doubt::SeveralLabels { private } => (
                format!("space {id} ({area:.0} m²) holds the labels of several rooms, among them \"{private}\"; it was left public: draw the room's walls or set its kind"),
                format!("空间 {id}（{area:.0} m²）内有多个房间的名称，其中有“{private}”；已按公共区域处理：请补画该房间的墙或设定其类型"),
            ),
            rooms::Doubt::MostOfFloor { private } => (
                format!("space {id} ({area:.0} m²) covers most of the floor but is labelled \"{private}\"; it was left public: draw the room's walls or set its kind"),
                format!("空间 {id}（{area:.0} m²）占了楼层大部分，却标为“{private}”；已按公共区域处理：请补画该房间的墙或设定其类型"),
            ),
        };
        warnings.push(Warning::new(en, zh));
    }
    out
}

/// Most walls tried, per floor, when faces are joined to match a room tag's area.
const MAX_JOIN_TRIES: usize = 24;

/// A room tag that states its area (天正's "房间 / 185.39") states the room: when the walls
/// split it (a stair or a store walled off inside it) so that the tagged face is more than 3 %
/// off, the face is joined across the one wall between it and an unnamed neighbour that makes
/// the area agree, and a warning says so. Walls are kept; only the space is joined.
fn join_tagged(
    walls_all: &[Centre],
    points: &[P],
    texts: &[(P, String)],
    mut faces: Vec<spaces::Face>,
    warnings: &mut Vec<Warning>,
) -> Vec<spaces::Face> {
    if walls_all.len() > 5_000 {
        return faces;
    }
    let mut tries = 0;
    let stated = |f: &spaces::Face| {
        f.inside
            .iter()
            .filter(|&&k| k < texts.len())
            .find_map(|&k| match units::written_size(&texts[k].1) {
                Some(units::Written::Area(a)) => Some((k, a)),
                _ => bare_area(&texts[k].1).map(|a| (k, a)),
            })
    };
    let named = |f: &spaces::Face| f.inside.iter().any(|&k| k < texts.len());
    let mut i = 0;
    while i < faces.len() && tries < MAX_JOIN_TRIES {
        let Some((label, area)) = stated(&faces[i]) else {
            i += 1;
            continue;
        };
        if (faces[i].area / area - 1.0).abs() <= 0.03 {
            i += 1;
            continue;
        }
        // Walls along this face's edge that also border an unnamed face.
        let near = |f: &spaces::Face, w: &Centre| {
            let n = f.polygon.len();
            let reach = w.t / 2.0 + 0.1;
            let mid = [(w.a[0] + w.b[0]) / 2.0, (w.a[1] + w.b[1]) / 2.0];
            (0..n).any(|e| {
                geom::point_segment_distance(mid, f.polygon[e], f.polygon[(e + 1) % n]) <= reach
            })
        };
        let candidates: Vec<usize> = (0..walls_all.len())
            .filter(|&j| near(&faces[i], &walls_all[j]))
            .filter(|&j| {
                faces
                    .iter()
                    .enumerate()
                    .any(|(o, f)| o != i && !named(f) && near(f, &walls_all[j]))
            })
            .collect();
        let mut joined = None;
        for j in candidates {
            if tries >= MAX_JOIN_TRIES {
                break;
            }
            tries += 1;
            let rest: Vec<Centre> = walls_all
                .iter()
                .enumerate()
                .filter(|(k, _)| *k != j)
                .map(|(_, w)| *w)
                .collect();
            let again = spaces::faces(&rest, points);
            let fits = again
                .iter()
                .find(|f| f.inside.contains(&label))
                .is_some_and(|f| (f.area / area - 1.0).abs() <= 0.03);
            if fits {
                joined = Some((again, faces[i].area));
                break;
            }
        }
        match joined {
            Some((again, before)) => {
                let name = &texts[label].1;
                warnings.push(Warning::new(
                    format!(
                        "the room tagged \"{name}\" ({area} m²) was split by a wall into {before:.1} m² and a room with no name; the two were joined as one space, as the tag states (the wall stays)"
                    ),
                    format!(
                        "标注为“{name}”（{area} m²）的房间被一道墙分成 {before:.1} m² 和一个无名房间；已按标注合为一个空间（墙体保留）"
                    ),
                ));
                faces = again;
                i = 0;
            }
            None => i += 1,
        }
    }
    faces
}

/// Each connected group of column lines as one closed outline (its convex hull).
fn column_outlines(segs: &[(P, P)]) -> Vec<Vec<P>> {
    use geo::ConvexHull;
    if segs.is_empty() {
        return Vec::new();
    }
    let boxes: Vec<[P; 2]> = segs
        .iter()
        .map(|&(a, b)| bbox([a, b]).unwrap_or([a, a]))
        .collect();
    let mut out: Vec<Vec<P>> = geom::connected(&boxes, 0.01)
        .into_iter()
        .map(|group| {
            let pts: Vec<geo::Point> = group
                .iter()
                .flat_map(|&k| [segs[k].0, segs[k].1])
                .map(|p| geo::Point::new(p[0], p[1]))
                .collect();
            let hull = geo::MultiPoint::from(pts).convex_hull();
            hull.exterior().0.iter().map(|c| [c.x, c.y]).collect()
        })
        .collect();
    out.retain(|r| r.len() >= 4);
    out
}
