//! The one place that talks to the CAD reader (`acadrust`, pinned to an exact version).
//!
//! It turns a DWG or DXF file into a [`Drawing`]: every drawable thing of model space (or of
//! one paper-space layout) flattened into world coordinates, blocks expanded recursively, with
//! the layer each piece is drawn on. Nothing outside this file names an `acadrust` type, so a
//! change of the reader's API (it changes in patch releases) stays here.
//!
//! The reader runs inside `catch_unwind` on a capped in-memory copy of the file, so a file
//! that trips a bug in the reader is a clear error, never a crash of the app.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use acadrust::entities::EntityType;
use acadrust::{CadDocument, DwgReadOptions, DwgReader, DxfReader};

use super::geom::{bbox, Affine, P};
use super::math as m;

/// The largest CAD file we read (a 288k-entity DXF is ~45 MB).
pub const MAX_CAD_BYTES: u64 = 512 * 1024 * 1024;
/// Pieces after expanding blocks; a drawing beyond this is refused rather than filling memory.
pub const MAX_ITEMS: usize = 8_000_000;
/// Nesting of blocks followed (a block inserting itself ends here).
const MAX_DEPTH: usize = 24;
/// Dimensions kept as units evidence.
pub const MAX_DIMENSIONS: usize = 2_000;
/// Coordinates beyond this (in drawing units) are dropped with a warning.
pub const FAR: f64 = 1e9;

/// Which kind of file it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Dwg,
    DxfAscii,
    DxfBinary,
}

impl Format {
    /// The name used in JSON and the floor's provenance.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dwg => "dwg",
            Format::DxfAscii => "dxf",
            Format::DxfBinary => "dxf-binary",
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("not a DWG or DXF file (it starts with neither \"AC10\" nor a DXF section)")]
    NotCad,
    #[error("the file is larger than {} MB", MAX_CAD_BYTES / (1024 * 1024))]
    TooLarge,
    #[error("unsupported or damaged drawing: {0}")]
    Reader(String),
    #[error("the reader failed on this file ({0}); it may be truncated or damaged")]
    Panic(String),
    #[error("the drawing expands to more than {MAX_ITEMS} pieces after its blocks are inserted")]
    TooManyPieces,
}

/// A circular arc in world coordinates (counter-clockwise from `start` by `sweep` radians).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Arc {
    pub centre: P,
    pub radius: f64,
    pub start: f64,
    pub sweep: f64,
}

impl Arc {
    /// The point at angle `a`.
    pub fn at(&self, a: f64) -> P {
        [
            self.centre[0] + self.radius * m::cos(a),
            self.centre[1] + self.radius * m::sin(a),
        ]
    }
    /// The two ends.
    pub fn ends(&self) -> (P, P) {
        (self.at(self.start), self.at(self.start + self.sweep))
    }
    /// Points along the arc, no chord further than `tol` from it.
    pub fn points(&self, tol: f64) -> Vec<P> {
        let r = self.radius.max(1e-12);
        let step = if tol >= r {
            std::f64::consts::FRAC_PI_2
        } else {
            (2.0 * m::acos(1.0 - tol / r)).max(1e-3)
        };
        let n = ((self.sweep.abs() / step).ceil() as usize).clamp(1, 4096);
        (0..=n)
            .map(|i| self.at(self.start + self.sweep * i as f64 / n as f64))
            .collect()
    }
}

/// The shape of one piece.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Line(P, P),
    Arc(Arc),
    Text { at: P, text: String, height: f64 },
}

/// One flattened piece of the drawing.
#[derive(Clone, Debug)]
pub struct Item {
    /// Index into [`Drawing::layers`].
    pub layer: u32,
    pub shape: Shape,
    /// Index into [`Drawing::inserts`] of the outermost block reference it came from.
    pub insert: Option<u32>,
}

/// A closed polyline (or polygon of proxy graphics) as drawn, in world coordinates, bulges
/// followed within 0.2 % of their radius: rooms and wall outlines are read from these.
#[derive(Clone, Debug)]
pub struct Polygon {
    /// Index into [`Drawing::layers`].
    pub layer: u32,
    pub points: Vec<P>,
    /// Index into [`Drawing::inserts`] of the outermost block reference it came from.
    pub insert: Option<u32>,
    /// A hatch's boundary (drawn as lines only on wall, column and room layers).
    pub hatch: bool,
}

/// One block reference of model space (the outermost one of nested blocks).
#[derive(Clone, Debug)]
pub struct Insert {
    pub block: String,
    pub layer: u32,
    /// Where the block's base point lands.
    pub at: P,
    /// Block space → world.
    pub transform: Affine,
    /// The block's own extents in block space, if it draws anything.
    pub local_box: Option<[P; 2]>,
}

/// A paper-space layout.
#[derive(Clone, Debug)]
pub struct Layout {
    pub name: String,
    pub entities: usize,
}

/// Everything the importer needs from a file.
#[derive(Clone, Debug)]
pub struct Drawing {
    pub format: Format,
    /// SHA-256 of the file's bytes, in hex.
    pub sha256: String,
    /// The AutoCAD version code, e.g. "AC1027".
    pub version: String,
    /// `$INSUNITS`.
    pub insunits: i16,
    /// `$LUNITS` (3 engineering and 4 architectural mean inches).
    pub lunits: i16,
    /// `DIMLUNIT` of the current dimension style.
    pub dim_lunit: Option<i16>,
    pub layers: Vec<String>,
    pub layouts: Vec<Layout>,
    /// Top-level entities per layer and type (what `--list` shows).
    pub counts: BTreeMap<String, BTreeMap<String, usize>>,
    pub items: Vec<Item>,
    /// Closed polylines, also drawn as lines in [`Drawing::items`].
    pub polygons: Vec<Polygon>,
    pub inserts: Vec<Insert>,
    /// Linear and aligned dimensions of the space read: (measured length in drawing units, the
    /// text shown when it is not the measurement itself), at most [`MAX_DIMENSIONS`].
    pub dimensions: Vec<(f64, Option<String>)>,
    /// Custom objects whose proxy graphics were drawn, by class name.
    pub proxies_drawn: BTreeMap<String, usize>,
    /// Custom objects with no plain geometry (AutoCAD Architecture, 天正), by class name.
    pub proxies: BTreeMap<String, usize>,
    /// Pieces dropped because they lie beyond ±[`FAR`].
    pub dropped_far: usize,
}

/// Reads `path` and flattens model space (or the named paper-space layout).
pub fn read(path: &Path, layout: Option<&str>) -> Result<Drawing, ReadError> {
    let bytes = read_capped(path)?;
    let format = sniff(&bytes).ok_or(ReadError::NotCad)?;
    let sha256 = {
        use sha2::Digest;
        format!("{:x}", sha2::Sha256::digest(&bytes))
    };
    let classes = (format == Format::DxfAscii).then(|| dxf_classes(&bytes));
    let doc = std::panic::catch_unwind(|| parse(bytes, format))
        .map_err(|p| ReadError::Panic(panic_text(&p)))??;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        flatten_document(&doc, format, layout, sha256, classes)
    }))
    .map_err(|p| ReadError::Panic(panic_text(&p)))?
}

/// The class names of an ASCII DXF's CLASSES section in the file's order: a proxy's class
/// number 500 + i names the i-th (the reader numbers its own defaults first).
fn dxf_classes(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes.get(..bytes.len().min(4 << 20)).unwrap_or(bytes));
    let mut lines = text.lines().map(str::trim);
    let mut out = Vec::new();
    let mut in_classes = false;
    while let (Some(code), Some(value)) = (lines.next(), lines.next()) {
        match (code, value) {
            ("2", "CLASSES") => in_classes = true,
            ("0", "ENDSEC") if in_classes => break,
            ("0", "CLASS") if in_classes => {
                if let (Some("1"), Some(name)) = (lines.next(), lines.next()) {
                    out.push(name.to_string());
                }
            }
            _ => {}
        }
    }
    out
}

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "internal error".into())
}

fn read_capped(path: &Path) -> Result<Vec<u8>, ReadError> {
    #[cfg(windows)]
    if let Some(device) = crate::model::device::windows_device(&path.to_string_lossy()) {
        return Err(ReadError::Io(std::io::Error::other(format!(
            "not a regular file ({})",
            device.words(crate::i18n::Lang::En)
        ))));
    }
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(ReadError::Io(std::io::Error::other("not a regular file")));
    }
    if meta.len() > MAX_CAD_BYTES {
        return Err(ReadError::TooLarge);
    }
    let file = std::fs::File::open(path)?;
    crate::model::read_at_most(file, MAX_CAD_BYTES)?.ok_or(ReadError::TooLarge)
}

/// DWG files start with "AC10xx"; binary DXF with its sentinel; ASCII DXF with group codes.
fn sniff(bytes: &[u8]) -> Option<Format> {
    if bytes.len() >= 6 && bytes.starts_with(b"AC1") && bytes[3..6].iter().all(u8::is_ascii_digit) {
        return Some(Format::Dwg);
    }
    if bytes.starts_with(b"AutoCAD Binary DXF") {
        return Some(Format::DxfBinary);
    }
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let (code, value) = (lines.next()?, lines.next()?);
    (code.parse::<i32>().is_ok() && (value == "SECTION" || code == "999"))
        .then_some(Format::DxfAscii)
}

fn parse(bytes: Vec<u8>, format: Format) -> Result<CadDocument, ReadError> {
    let reader_error = |e: acadrust::DxfError| ReadError::Reader(e.to_string());
    match format {
        Format::Dwg => {
            let options = DwgReadOptions {
                max_decompressed_bytes: Some(2 * MAX_CAD_BYTES as usize),
                ..DwgReadOptions::default()
            };
            DwgReader::from_stream_with_options(Cursor::new(bytes), options)
                .read()
                .map_err(reader_error)
        }
        Format::DxfAscii | Format::DxfBinary => DxfReader::from_reader(Cursor::new(bytes))
            .and_then(|r| r.read())
            .map_err(reader_error),
    }
}

struct Flattener<'a> {
    doc: &'a CadDocument,
    layer_index: BTreeMap<String, u32>,
    layers: Vec<String>,
    items: Vec<Item>,
    polygons: Vec<Polygon>,
    inserts: Vec<Insert>,
    dropped_far: usize,
    too_many: bool,
    boxes: BTreeMap<String, Option<[P; 2]>>,
    /// The drawing's code page, for proxy text that is not Unicode.
    encoding: &'static encoding_rs::Encoding,
    /// An ASCII DXF's own class names in order (see [`dxf_classes`]).
    classes: Option<Vec<String>>,
}

/// The arc a polyline's bulge draws from `a` to `b` (a bulge is tan(sweep / 4)), or `None` for
/// a straight segment.
///
/// ```text
/// bulge 1 from (0, 0) to (2, 0): a half turn about (1, 0) of radius 1
/// ```
fn bulge_arc(a: P, b: P, bulge: f64) -> Option<Arc> {
    if bulge.abs() < 1e-9 || !bulge.is_finite() {
        return None;
    }
    let sweep = 4.0 * bulge.atan();
    let chord = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
    if chord < 1e-12 {
        return None;
    }
    let radius = chord / (2.0 * m::sin(sweep / 2.0)).abs();
    let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
    let d = (radius * radius - chord * chord / 4.0).max(0.0).sqrt();
    let (nx, ny) = ((a[1] - b[1]) / chord, (b[0] - a[0]) / chord);
    // Centre on the left of a→b for a counter-clockwise arc of less than half a turn.
    let side = if (sweep > 0.0) == (sweep.abs() < std::f64::consts::PI) {
        1.0
    } else {
        -1.0
    };
    let centre = [mid[0] + side * nx * d, mid[1] + side * ny * d];
    let start = m::atan2(a[1] - centre[1], a[0] - centre[0]);
    Some(Arc {
        centre,
        radius,
        start,
        sweep,
    })
}

/// The encoding of a `$DWGCODEPAGE` such as `ANSI_936`.
fn code_page(name: &str) -> &'static encoding_rs::Encoding {
    let number = name
        .trim()
        .to_ascii_uppercase()
        .trim_start_matches("ANSI_")
        .trim_start_matches("DOS")
        .to_string();
    match number.as_str() {
        "936" => encoding_rs::GBK,
        "950" => encoding_rs::BIG5,
        "932" => encoding_rs::SHIFT_JIS,
        "949" => encoding_rs::EUC_KR,
        n => encoding_rs::Encoding::for_label(format!("windows-{n}").as_bytes())
            .unwrap_or(encoding_rs::WINDOWS_1252),
    }
}

fn flatten_document(
    doc: &CadDocument,
    format: Format,
    layout: Option<&str>,
    sha256: String,
    classes: Option<Vec<String>>,
) -> Result<Drawing, ReadError> {
    let mut layouts = Vec::new();
    let mut layout_block = None;
    let mut named: Vec<_> = doc
        .objects
        .values()
        .filter_map(|o| match o {
            acadrust::objects::ObjectType::Layout(l) => Some(l),
            _ => None,
        })
        .collect();
    named.sort_by_key(|l| l.tab_order);
    for l in named {
        let block = doc
            .block_records
            .iter()
            .find(|b| b.handle == l.block_record)
            .map(|b| b.name.clone());
        let entities = block
            .as_deref()
            .map_or(0, |b| doc.entities_in_block(b).count());
        if layout.is_some_and(|want| want.eq_ignore_ascii_case(&l.name)) {
            layout_block = block.clone();
        }
        if !l.name.eq_ignore_ascii_case("Model") {
            layouts.push(Layout {
                name: l.name.clone(),
                entities,
            });
        }
    }
    let space = match layout {
        None => "*Model_Space".to_string(),
        Some(want) if want.eq_ignore_ascii_case("model") => "*Model_Space".to_string(),
        Some(want) => layout_block.ok_or_else(|| {
            ReadError::Reader(format!(
                "no layout named \"{want}\" (the file has: {})",
                layouts
                    .iter()
                    .map(|l| l.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?,
    };
    let mut f = Flattener::new(doc, BTreeMap::new());
    f.classes = classes;
    for l in doc.layers.iter() {
        f.layer(&l.name);
    }
    let mut counts: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let mut proxies = BTreeMap::new();
    let mut proxies_drawn = BTreeMap::new();
    let mut dimensions = Vec::new();
    for e in doc.entities_in_block(&space) {
        let common = e.common();
        if common.invisible {
            continue;
        }
        *counts
            .entry(common.layer.clone())
            .or_default()
            .entry(type_name(e))
            .or_default() += 1;
        if let EntityType::Dimension(dim) = e {
            use acadrust::entities::Dimension;
            let measured = match &**dim {
                Dimension::Aligned(a) => Some(a.measurement()),
                Dimension::Linear(l) => Some(l.measurement()),
                _ => None,
            };
            let base = dim.base();
            let shown = base
                .user_text
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .or(Some(base.text.as_str()))
                .map(plain_text)
                .filter(|t| !t.is_empty() && !t.contains("<>"));
            if let Some(m) = measured.filter(|m| m.is_finite() && *m > 0.0) {
                if dimensions.len() < MAX_DIMENSIONS {
                    dimensions.push((m, shown));
                }
            }
        }
        let layer = f.layer(&common.layer);
        let before = f.items.len();
        f.entity(e, &Affine::IDENTITY, layer, None, 0);
        if let Some(class) = f.proxy_class(e) {
            let seen = if f.items.len() > before {
                &mut proxies_drawn
            } else {
                &mut proxies
            };
            *seen.entry(class).or_default() += 1;
        }
        if f.too_many {
            return Err(ReadError::TooManyPieces);
        }
    }
    let dim_lunit = doc
        .dim_styles
        .get(&doc.header.current_dimstyle_name)
        .or_else(|| doc.dim_styles.iter().next())
        .map(|d| d.dimlunit);
    Ok(Drawing {
        format,
        sha256,
        version: format!("{:?}", doc.version),
        insunits: doc.header.insertion_units,
        lunits: doc.header.linear_unit_format,
        dim_lunit,
        layers: f.layers,
        layouts,
        counts,
        items: f.items,
        polygons: f.polygons,
        inserts: f.inserts,
        dimensions,
        proxies_drawn,
        proxies,
        dropped_far: f.dropped_far,
    })
}

/// The DXF name of an entity, as `--list` shows it.
fn type_name(e: &EntityType) -> String {
    let s = match e {
        EntityType::Point(_) => "POINT",
        EntityType::Line(_) => "LINE",
        EntityType::Circle(_) => "CIRCLE",
        EntityType::Arc(_) => "ARC",
        EntityType::Ellipse(_) => "ELLIPSE",
        EntityType::Polyline(_) | EntityType::Polyline2D(_) | EntityType::Polyline3D(_) => {
            "POLYLINE"
        }
        EntityType::LwPolyline(_) => "LWPOLYLINE",
        EntityType::Text(_) => "TEXT",
        EntityType::MText(_) => "MTEXT",
        EntityType::Spline(_) => "SPLINE",
        EntityType::Dimension(_) => "DIMENSION",
        EntityType::Hatch(_) => "HATCH",
        EntityType::Solid(_) => "SOLID",
        EntityType::Insert(_) => "INSERT",
        EntityType::Leader(_) | EntityType::MultiLeader(_) => "LEADER",
        EntityType::Viewport(_) => "VIEWPORT",
        EntityType::Unknown(u) => return u.dxf_name.clone(),
        EntityType::Extended(_) => return "ACAD_PROXY_ENTITY".into(),
        _ => "OTHER",
    };
    s.to_string()
}

fn v2(v: &acadrust::Vector3) -> P {
    [v.x, v.y]
}

/// Object coordinates → world for 2D entities: a normal pointing down mirrors x.
fn ocs(normal: &acadrust::Vector3) -> Affine {
    if normal.z < 0.0 {
        Affine::MIRROR_X
    } else {
        Affine::IDENTITY
    }
}

impl<'a> Flattener<'a> {
    /// An empty flattener; `boxes` are block extents already worked out.
    fn new(doc: &'a CadDocument, boxes: BTreeMap<String, Option<[P; 2]>>) -> Flattener<'a> {
        Flattener {
            doc,
            layer_index: BTreeMap::new(),
            layers: Vec::new(),
            items: Vec::new(),
            polygons: Vec::new(),
            inserts: Vec::new(),
            dropped_far: 0,
            too_many: false,
            boxes,
            encoding: code_page(&doc.header.code_page),
            classes: None,
        }
    }

    /// The class of a custom object that carries no plain geometry for us (`TCH_WALL` …).
    fn proxy_class(&self, e: &EntityType) -> Option<String> {
        use acadrust::entities::extended_entity::ExtendedEntityData;
        match e {
            EntityType::Extended(x) => match &x.data {
                ExtendedEntityData::Proxy(p) => Some(
                    match &self.classes {
                        Some(names) => usize::try_from(p.class_id - 500)
                            .ok()
                            .and_then(|i| names.get(i))
                            .cloned(),
                        None => self
                            .doc
                            .classes
                            .iter()
                            .find(|c| i32::from(c.class_number) == p.class_id)
                            .map(|c| c.dxf_name.clone()),
                    }
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| "ACAD_PROXY_ENTITY".into()),
                ),
                ExtendedEntityData::Arch(_) => Some("AEC (AutoCAD Architecture)".into()),
                _ => None,
            },
            EntityType::Unknown(u) => Some(if u.dxf_name.is_empty() {
                format!("custom object {}", u.dwg_type_code)
            } else {
                u.dxf_name.clone()
            }),
            _ => None,
        }
    }

    fn layer(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.layer_index.get(name) {
            return i;
        }
        let i = self.layers.len() as u32;
        self.layers.push(name.to_string());
        self.layer_index.insert(name.to_string(), i);
        i
    }

    fn push(&mut self, layer: u32, shape: Shape, insert: Option<u32>) {
        if self.items.len() >= MAX_ITEMS {
            self.too_many = true;
            return;
        }
        let far = |p: &P| !(p[0].abs() < FAR && p[1].abs() < FAR);
        let is_far = match &shape {
            Shape::Line(a, b) => far(a) || far(b),
            Shape::Arc(a) => {
                far(&a.centre) || a.radius.is_nan() || a.radius >= FAR || !a.sweep.is_finite()
            }
            Shape::Text { at, .. } => far(at),
        };
        if is_far {
            self.dropped_far += 1;
            return;
        }
        self.items.push(Item {
            layer,
            shape,
            insert,
        });
    }

    fn line(&mut self, t: &Affine, layer: u32, insert: Option<u32>, a: P, b: P) {
        self.push(layer, Shape::Line(t.apply(a), t.apply(b)), insert);
    }

    /// An arc given in object space: kept as an arc when `t` keeps circles round.
    fn arc(&mut self, t: &Affine, layer: u32, insert: Option<u32>, arc: Arc) {
        if !(arc.radius.is_finite() && arc.radius > 0.0) {
            return;
        }
        match t.uniform_scale() {
            Some(s) => {
                let centre = t.apply(arc.centre);
                let p0 = t.apply(arc.at(arc.start));
                let start = m::atan2(p0[1] - centre[1], p0[0] - centre[0]);
                let sweep = if t.det() < 0.0 { -arc.sweep } else { arc.sweep };
                self.push(
                    layer,
                    Shape::Arc(Arc {
                        centre,
                        radius: arc.radius * s,
                        start,
                        sweep,
                    }),
                    insert,
                );
            }
            None => {
                let pts = arc.points(arc.radius * 0.002);
                for w in pts.windows(2) {
                    self.line(t, layer, insert, w[0], w[1]);
                }
            }
        }
    }

    /// A polyline with bulges (LWPOLYLINE, POLYLINE).
    fn polyline(
        &mut self,
        t: &Affine,
        layer: u32,
        insert: Option<u32>,
        pts: &[(P, f64)],
        closed: bool,
    ) {
        let n = pts.len();
        let edges = if closed { n } else { n.saturating_sub(1) };
        if closed && n >= 3 && self.polygons.len() < MAX_ITEMS / 8 {
            self.closed_polygon(t, layer, insert, pts);
        }
        for i in 0..edges {
            let (a, bulge) = pts[i];
            let (b, _) = pts[(i + 1) % n];
            if bulge.abs() < 1e-9 || !bulge.is_finite() {
                self.line(t, layer, insert, a, b);
                continue;
            }
            if let Some(arc) = bulge_arc(a, b, bulge) {
                self.arc(t, layer, insert, arc);
            }
        }
    }

    /// Keeps a closed polyline whole, in world coordinates, bulges as points.
    fn closed_polygon(&mut self, t: &Affine, layer: u32, insert: Option<u32>, pts: &[(P, f64)]) {
        let n = pts.len();
        let mut points = Vec::with_capacity(n);
        for i in 0..n {
            let (a, bulge) = pts[i];
            let (b, _) = pts[(i + 1) % n];
            points.push(t.apply(a));
            let Some(Arc {
                centre,
                radius,
                start,
                sweep,
            }) = bulge_arc(a, b, bulge)
            else {
                continue;
            };
            // Points along the bulge: the arc's chord at steps of at most 10°.
            let steps = ((sweep.abs() / 10f64.to_radians()).ceil() as usize).clamp(1, 36);
            for k in 1..steps {
                let u = start + sweep * k as f64 / steps as f64;
                points.push(t.apply([
                    centre[0] + radius * m::cos(u),
                    centre[1] + radius * m::sin(u),
                ]));
            }
        }
        if points.iter().all(|p| p[0].abs() < FAR && p[1].abs() < FAR) {
            self.polygons.push(Polygon {
                layer,
                points,
                insert,
                hatch: false,
            });
        }
    }

    /// A hatch's boundary loops, kept as polygons (hatched rooms and hatched walls).
    fn hatch(
        &mut self,
        h: &acadrust::entities::Hatch,
        t: &Affine,
        layer: u32,
        insert: Option<u32>,
    ) {
        use acadrust::entities::hatch::BoundaryEdge;
        let t = t.compose(&ocs(&h.normal));
        for path in h.paths.iter().take(10_000) {
            let mut pts: Vec<(P, f64)> = Vec::new();
            for edge in &path.edges {
                match edge {
                    BoundaryEdge::Polyline(p) => {
                        pts.extend(p.vertices.iter().map(|v| ([v.x, v.y], v.z)));
                    }
                    BoundaryEdge::Line(l) => pts.push(([l.start.x, l.start.y], 0.0)),
                    BoundaryEdge::CircularArc(a) => {
                        let (mut s, mut e) = (a.start_angle, a.end_angle);
                        if !a.counter_clockwise {
                            (s, e) = (-s, -e);
                        }
                        let mut sweep = e - s;
                        if sweep <= 0.0 {
                            sweep += std::f64::consts::TAU;
                        }
                        let n = ((sweep / 10f64.to_radians()).ceil() as usize).clamp(1, 36);
                        for k in 0..n {
                            let u = s + sweep * k as f64 / n as f64;
                            pts.push((
                                [
                                    a.center.x + a.radius * m::cos(u),
                                    a.center.y + a.radius * m::sin(u),
                                ],
                                0.0,
                            ));
                        }
                    }
                    _ => {}
                }
            }
            if pts.len() >= 3 && self.polygons.len() < MAX_ITEMS / 8 {
                let before = self.polygons.len();
                // On a layer named for walls, columns or rooms the boundary is drawn too (it
                // is their outline); elsewhere a hatch is a fill and only its loop is kept.
                let name = self.layers.get(layer as usize).map_or("", String::as_str);
                let outline = matches!(
                    super::roles::guess(name),
                    super::roles::Role::Wall
                        | super::roles::Role::Column
                        | super::roles::Role::Room
                );
                if outline {
                    self.polyline(&t, layer, insert, &pts, true);
                } else {
                    self.closed_polygon(&t, layer, insert, &pts);
                }
                if let Some(p) = self.polygons.get_mut(before) {
                    p.hatch = true;
                }
            }
        }
    }

    /// The proxy graphics of a custom object (天正, AutoCAD Architecture), drawn as ordinary
    /// pieces on the layers its records name. At the top level an object that shows a door or
    /// window code (`M0921`, `C1815`), or whose class is an opening, becomes a block reference
    /// of that name, framed along its longest line, so it is placed like a door or window block.
    fn proxy(&mut self, e: &EntityType, t: &Affine, layer: u32, insert: Option<u32>, depth: usize) {
        use acadrust::entities::extended_entity::ExtendedEntityData;
        // DWG keeps the graphics with the entity; DXF with the proxy's own data.
        let mut graphics = e
            .common()
            .graphic_data
            .as_deref()
            .map(|d| super::proxy::decode(d, self.encoding))
            .unwrap_or_default();
        if graphics.is_empty() {
            if let EntityType::Extended(x) = e {
                if let ExtendedEntityData::Proxy(p) = &x.data {
                    graphics = super::proxy::decode(&p.graphics.data(), self.encoding);
                }
            }
        }
        if graphics.is_empty() {
            return;
        }
        let table = self.doc.layers.len();
        let layer_of = |f: &Flattener, g: &super::proxy::Graphic| match g.layer {
            // The first layers of ours are the table's, in its order.
            Some(i)
                if (i as usize) < table && f.layers.get(i as usize).is_some_and(|n| n != "0") =>
            {
                i
            }
            _ => layer,
        };
        let class = self.proxy_class(e).unwrap_or_default().to_uppercase();
        let code = graphics.iter().find_map(|g| match &g.shape {
            super::proxy::Piece::Text { text, .. }
                if super::roles::is_door_block(text) || super::roles::is_window_block(text) =>
            {
                Some(text.trim().to_string())
            }
            _ => None,
        });
        let opening =
            class.contains("OPENING") || class.contains("DOOR") || class.contains("WINDOW");
        // An opening with no code is a door when it draws a swing (a quarter-turn arc or bulge).
        let swing = graphics.iter().any(|g| match &g.shape {
            super::proxy::Piece::Polyline { points, .. } => {
                points.iter().any(|(_, b)| (0.3..=0.55).contains(&b.abs()))
            }
            super::proxy::Piece::Arc(a) => (60.0..=120.0).contains(&a.sweep.abs().to_degrees()),
            super::proxy::Piece::Text { .. } => false,
        });
        let named = code.or_else(|| {
            opening.then(|| {
                if swing {
                    format!("DOOR ({class})")
                } else {
                    format!("WINDOW ({class})")
                }
            })
        });
        let this = match (insert, depth, named) {
            (None, 0, Some(name)) => {
                // Frame: the direction of the longest straight piece.
                let mut best = (0.0, 0.0);
                for g in &graphics {
                    if let super::proxy::Piece::Polyline { points, .. } = &g.shape {
                        for w in points.windows(2) {
                            let (a, b) = (t.apply(w[0].0), t.apply(w[1].0));
                            let l = m::hypot(b[0] - a[0], b[1] - a[1]);
                            if l > best.0 {
                                best = (l, m::atan2(b[1] - a[1], b[0] - a[0]));
                            }
                        }
                    }
                }
                let frame = Affine::rotate(best.1);
                let back = Affine::rotate(-best.1);
                let local = bbox(graphics.iter().flat_map(|g| {
                    match &g.shape {
                        super::proxy::Piece::Polyline { points, .. } => points
                            .iter()
                            .map(|p| back.apply(t.apply(p.0)))
                            .collect::<Vec<_>>(),
                        super::proxy::Piece::Arc(a) => a
                            .points(a.radius * 0.01)
                            .into_iter()
                            .map(|p| back.apply(t.apply(p)))
                            .collect(),
                        super::proxy::Piece::Text { .. } => Vec::new(),
                    }
                }));
                self.inserts.push(Insert {
                    block: name,
                    layer,
                    at: local.map_or([0.0, 0.0], |b| frame.apply(b[0])),
                    transform: frame,
                    local_box: local,
                });
                Some(self.inserts.len() as u32 - 1)
            }
            _ => insert,
        };
        for g in &graphics {
            if self.too_many {
                return;
            }
            let l = layer_of(self, g);
            match &g.shape {
                super::proxy::Piece::Polyline { points, closed } => {
                    self.polyline(t, l, this, points, *closed)
                }
                super::proxy::Piece::Arc(a) => self.arc(t, l, this, *a),
                super::proxy::Piece::Text { at, text, height } => {
                    self.text(t, l, this, *at, text.clone(), *height)
                }
            }
        }
    }

    fn text(&mut self, t: &Affine, layer: u32, insert: Option<u32>, at: P, text: String, h: f64) {
        let text = text.trim().to_string();
        if text.is_empty() {
            return;
        }
        let height = h * t.uniform_scale().unwrap_or(1.0);
        self.push(
            layer,
            Shape::Text {
                at: t.apply(at),
                text,
                height,
            },
            insert,
        );
    }

    fn entity(
        &mut self,
        e: &EntityType,
        t: &Affine,
        parent_layer: u32,
        insert: Option<u32>,
        depth: usize,
    ) {
        if self.too_many {
            return;
        }
        let common = e.common();
        if common.invisible {
            return;
        }
        // Layer 0 inside a block takes the layer of the block reference.
        let layer = if depth > 0 && common.layer == "0" {
            parent_layer
        } else {
            self.layer(&common.layer)
        };
        match e {
            EntityType::Line(l) => {
                let t = t.compose(&ocs(&l.normal));
                self.line(&t, layer, insert, v2(&l.start), v2(&l.end))
            }
            EntityType::Arc(a) => {
                let t = t.compose(&ocs(&a.normal));
                let mut sweep = a.end_angle - a.start_angle;
                if sweep <= 0.0 {
                    sweep += std::f64::consts::TAU;
                }
                self.arc(
                    &t,
                    layer,
                    insert,
                    Arc {
                        centre: v2(&a.center),
                        radius: a.radius,
                        start: a.start_angle,
                        sweep,
                    },
                )
            }
            EntityType::Circle(c) => {
                let t = t.compose(&ocs(&c.normal));
                self.arc(
                    &t,
                    layer,
                    insert,
                    Arc {
                        centre: v2(&c.center),
                        radius: c.radius,
                        start: 0.0,
                        sweep: std::f64::consts::TAU,
                    },
                )
            }
            EntityType::Ellipse(el) => {
                let t = t.compose(&ocs(&el.normal));
                let c = v2(&el.center);
                let major = v2(&el.major_axis);
                let minor = [
                    -major[1] * el.minor_axis_ratio,
                    major[0] * el.minor_axis_ratio,
                ];
                let mut sweep = el.end_parameter - el.start_parameter;
                if sweep <= 0.0 {
                    sweep += std::f64::consts::TAU;
                }
                let n = ((sweep / std::f64::consts::TAU) * 72.0).ceil().max(2.0) as usize;
                let at = |u: f64| {
                    [
                        c[0] + major[0] * m::cos(u) + minor[0] * m::sin(u),
                        c[1] + major[1] * m::cos(u) + minor[1] * m::sin(u),
                    ]
                };
                for i in 0..n {
                    let u0 = el.start_parameter + sweep * i as f64 / n as f64;
                    let u1 = el.start_parameter + sweep * (i + 1) as f64 / n as f64;
                    self.line(&t, layer, insert, at(u0), at(u1));
                }
            }
            EntityType::LwPolyline(p) => {
                let t = t.compose(&ocs(&p.normal));
                let pts: Vec<(P, f64)> = p
                    .vertices
                    .iter()
                    .map(|v| ([v.location.x, v.location.y], v.bulge))
                    .collect();
                self.polyline(&t, layer, insert, &pts, p.is_closed);
            }
            EntityType::Polyline2D(p) => {
                let t = t.compose(&ocs(&p.normal));
                let pts: Vec<(P, f64)> = p
                    .vertices
                    .iter()
                    .map(|v| (v2(&v.location), v.bulge))
                    .collect();
                self.polyline(&t, layer, insert, &pts, p.is_closed());
            }
            EntityType::Polyline(p) => {
                let pts: Vec<(P, f64)> =
                    p.vertices.iter().map(|v| (v2(&v.location), 0.0)).collect();
                self.polyline(t, layer, insert, &pts, p.is_closed());
            }
            EntityType::Polyline3D(p) => {
                let pts: Vec<(P, f64)> =
                    p.vertices.iter().map(|v| (v2(&v.position), 0.0)).collect();
                self.polyline(t, layer, insert, &pts, p.flags.closed);
            }
            EntityType::Spline(s) => {
                let t = t.compose(&ocs(&s.normal));
                let pts = if s.fit_points.len() >= 2 {
                    &s.fit_points
                } else {
                    &s.control_points
                };
                let pts: Vec<(P, f64)> = pts.iter().map(|v| (v2(v), 0.0)).collect();
                self.polyline(&t, layer, insert, &pts, false);
            }
            EntityType::Solid(s) => {
                let t = t.compose(&ocs(&s.normal));
                // SOLID corners run 1-2-4-3.
                let c = [
                    v2(&s.first_corner),
                    v2(&s.second_corner),
                    v2(&s.fourth_corner),
                    v2(&s.third_corner),
                ];
                let pts: Vec<(P, f64)> = c.iter().map(|&p| (p, 0.0)).collect();
                self.polyline(&t, layer, insert, &pts, true);
            }
            EntityType::Text(x) => {
                let at = x
                    .alignment_point
                    .filter(|_| aligned(x))
                    .map_or_else(|| v2(&x.insertion_point), |p| v2(&p));
                let t = t.compose(&ocs(&x.normal));
                self.text(&t, layer, insert, at, plain_text(&x.value), x.height)
            }
            EntityType::MText(x) => {
                let text =
                    acadrust::entities::mtext_format::parse_mtext(&x.value, false).to_plain_text();
                self.text(t, layer, insert, v2(&x.insertion_point), text, x.height)
            }
            EntityType::AttributeEntity(a) => self.text(
                t,
                layer,
                insert,
                v2(&a.insertion_point),
                plain_text(&a.value),
                a.height,
            ),
            EntityType::Insert(ins) => self.insert(ins, t, layer, insert, depth),
            EntityType::Hatch(h) => self.hatch(h, t, layer, insert),
            EntityType::Extended(_) | EntityType::Unknown(_) => {
                self.proxy(e, t, layer, insert, depth)
            }
            _ => {}
        }
    }

    fn insert(
        &mut self,
        ins: &acadrust::entities::Insert,
        t: &Affine,
        layer: u32,
        outer: Option<u32>,
        depth: usize,
    ) {
        if depth >= MAX_DEPTH {
            return;
        }
        let Some(record) = self.doc.block_records.get(&ins.block_name) else {
            return;
        };
        let base = v2(&record.base_point);
        let (sx, sy) = (ins.x_scale(), ins.y_scale());
        if !(sx.is_finite() && sy.is_finite() && sx != 0.0 && sy != 0.0) {
            return;
        }
        let cols = ins.column_count.max(1) as usize;
        let rows = ins.row_count.max(1) as usize;
        let local = Affine::scale(sx, sy).compose(&Affine::translate(-base[0], -base[1]));
        for r in 0..rows {
            for c in 0..cols {
                if self.too_many {
                    return;
                }
                let offset = [c as f64 * ins.column_spacing, r as f64 * ins.row_spacing];
                let place = ocs(&ins.normal)
                    .compose(&Affine::translate(ins.insert_point.x, ins.insert_point.y))
                    .compose(&Affine::rotate(ins.rotation))
                    .compose(&Affine::translate(offset[0], offset[1]))
                    .compose(&local);
                let world = t.compose(&place);
                let this = match outer {
                    Some(o) => Some(o),
                    None => {
                        let local_box = self.block_box(&ins.block_name, 0);
                        self.inserts.push(Insert {
                            block: ins.block_name.clone(),
                            layer,
                            at: world.apply(base),
                            transform: world,
                            local_box,
                        });
                        Some(self.inserts.len() as u32 - 1)
                    }
                };
                let handles = record.entity_handles.clone();
                for h in handles {
                    if let Some(e) = self.doc.get_entity(h) {
                        self.entity(e, &world, layer, this, depth + 1);
                    }
                }
                for a in &ins.attributes {
                    if !a.common.invisible {
                        self.text(
                            t,
                            layer,
                            this,
                            v2(&a.insertion_point),
                            plain_text(&a.value),
                            a.height,
                        );
                    }
                }
            }
        }
    }

    /// Extents of a block's lines and arcs in its own space (nested blocks included).
    fn block_box(&mut self, name: &str, depth: usize) -> Option<[P; 2]> {
        if let Some(b) = self.boxes.get(name) {
            return *b;
        }
        if depth >= MAX_DEPTH {
            return None;
        }
        self.boxes.insert(name.to_string(), None);
        let mut sub = Flattener::new(self.doc, std::mem::take(&mut self.boxes));
        let base = self
            .doc
            .block_records
            .get(name)
            .map(|r| v2(&r.base_point))
            .unwrap_or([0.0, 0.0]);
        let t = Affine::translate(-base[0], -base[1]);
        for e in self.doc.entities_in_block(name) {
            sub.entity(e, &t, 0, Some(0), depth + 1);
            if sub.items.len() > 100_000 {
                break;
            }
        }
        let bb = bbox(sub.items.iter().flat_map(|it| match &it.shape {
            Shape::Line(a, b) => vec![*a, *b],
            Shape::Arc(a) => a.points(a.radius * 0.01),
            Shape::Text { .. } => vec![],
        }));
        self.boxes = std::mem::take(&mut sub.boxes);
        self.boxes.insert(name.to_string(), bb);
        bb
    }
}

/// TEXT values: `%%` control codes and `\U+XXXX` / `\M+NXXXX` escapes decoded.
pub fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        if rest.len() >= 7
            && rest[0] == '\\'
            && (rest[1] == 'U' || rest[1] == 'u')
            && rest[2] == '+'
        {
            let hex: String = rest[3..7].iter().collect();
            if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                out.push(c);
                i += 7;
                continue;
            }
        }
        if rest.len() >= 8
            && rest[0] == '\\'
            && (rest[1] == 'M' || rest[1] == 'm')
            && rest[2] == '+'
        {
            // \M+NXXXX: a double-byte character of code page N (1 = Shift-JIS, 2 = Big5,
            // 3 = Korean, 4 = Johab, 5 = GB2312).
            let hex: String = rest[4..8].iter().collect();
            if let Ok(code) = u16::from_str_radix(&hex, 16) {
                if let Some(c) = decode_mbcs(rest[3], code) {
                    out.push(c);
                    i += 8;
                    continue;
                }
            }
        }
        if rest.len() >= 3 && rest[0] == '%' && rest[1] == '%' {
            let c = match rest[2].to_ascii_lowercase() {
                'd' => Some('°'),
                'p' => Some('±'),
                'c' => Some('⌀'),
                '%' => Some('%'),
                'u' | 'o' => Some('\u{0}'),
                _ => None,
            };
            if let Some(c) = c {
                if c != '\u{0}' {
                    out.push(c);
                }
                i += 3;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// One character of a `\M+` escape.
fn decode_mbcs(page: char, code: u16) -> Option<char> {
    let encoding = match page {
        '1' => encoding_rs::SHIFT_JIS,
        '2' => encoding_rs::BIG5,
        '3' | '4' => encoding_rs::EUC_KR,
        '5' => encoding_rs::GBK,
        _ => return None,
    };
    let bytes = code.to_be_bytes();
    let (text, _, bad) = encoding.decode(&bytes);
    let mut chars = text.chars();
    let c = chars.next()?;
    (!bad && chars.next().is_none()).then_some(c)
}

/// TEXT that is not left-aligned on its baseline is placed at its alignment point.
fn aligned(x: &acadrust::entities::Text) -> bool {
    !matches!(
        x.horizontal_alignment,
        acadrust::entities::TextHorizontalAlignment::Left
    ) || !matches!(
        x.vertical_alignment,
        acadrust::entities::TextVerticalAlignment::Baseline
    )
}
