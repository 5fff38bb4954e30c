//! A small ASCII DXF writer for the importer's own fixtures: Chinese layers and room names in
//! GBK and UTF-8, door blocks scaled, mirrored and turned, mislabelled units, a section
//! beside a plan. Written here, read back by the importer, so every fixture states exactly
//! what it holds.

#![allow(dead_code)]

/// Entities of a drawing being written.
#[derive(Default)]
pub struct Dxf {
    pub version: &'static str,
    pub codepage: Option<&'static str>,
    pub insunits: i16,
    /// `$LUNITS` when set (4 = architectural).
    pub lunits: Option<i16>,
    /// Classes of custom objects, in order (class number 500 + index).
    pub classes: Vec<&'static str>,
    blocks: Vec<String>,
    entities: Vec<String>,
}

fn num(x: f64) -> String {
    format!("{x}")
}

fn group(out: &mut String, code: i32, value: &str) {
    out.push_str(&format!("{code:>3}\n{value}\n"));
}

impl Dxf {
    pub fn new(version: &'static str, codepage: Option<&'static str>, insunits: i16) -> Dxf {
        Dxf {
            version,
            codepage,
            insunits,
            ..Dxf::default()
        }
    }

    pub fn line(&mut self, layer: &str, a: [f64; 2], b: [f64; 2]) {
        self.entities.push(line(layer, a, b));
    }

    pub fn arc(&mut self, layer: &str, c: [f64; 2], r: f64, start_deg: f64, end_deg: f64) {
        self.entities.push(arc(layer, c, r, start_deg, end_deg));
    }

    pub fn text(&mut self, layer: &str, at: [f64; 2], h: f64, s: &str) {
        self.entities.push(text_entity("TEXT", layer, at, h, s));
    }

    pub fn mtext(&mut self, layer: &str, at: [f64; 2], h: f64, s: &str) {
        self.entities.push(text_entity("MTEXT", layer, at, h, s));
    }

    /// A block definition with its base point at the origin.
    pub fn block(&mut self, name: &str, entities: &[String]) {
        let mut b = String::new();
        group(&mut b, 0, "BLOCK");
        group(&mut b, 8, "0");
        group(&mut b, 2, name);
        group(&mut b, 70, "0");
        group(&mut b, 10, "0");
        group(&mut b, 20, "0");
        group(&mut b, 30, "0");
        group(&mut b, 3, name);
        for e in entities {
            b.push_str(e);
        }
        group(&mut b, 0, "ENDBLK");
        group(&mut b, 8, "0");
        self.blocks.push(b);
    }

    pub fn insert(
        &mut self,
        layer: &str,
        block: &str,
        at: [f64; 2],
        sx: f64,
        sy: f64,
        rot_deg: f64,
    ) {
        let mut e = String::new();
        group(&mut e, 0, "INSERT");
        group(&mut e, 8, layer);
        group(&mut e, 2, block);
        group(&mut e, 10, &num(at[0]));
        group(&mut e, 20, &num(at[1]));
        group(&mut e, 30, "0");
        group(&mut e, 41, &num(sx));
        group(&mut e, 42, &num(sy));
        group(&mut e, 43, "1");
        group(&mut e, 50, &num(rot_deg));
        self.entities.push(e);
    }

    /// A wall from `a` to `b` drawn as its two faces `t` apart, broken at `gaps` (distances
    /// from `a`), with the faces closed across at every break.
    pub fn wall(&mut self, layer: &str, a: [f64; 2], b: [f64; 2], t: f64, gaps: &[(f64, f64)]) {
        let l = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt();
        let u = [(b[0] - a[0]) / l, (b[1] - a[1]) / l];
        let n = [-u[1] * t / 2.0, u[0] * t / 2.0];
        let at = |s: f64, side: f64| [a[0] + u[0] * s + n[0] * side, a[1] + u[1] * s + n[1] * side];
        let mut runs = Vec::new();
        let mut from = 0.0;
        for &(g0, g1) in gaps {
            runs.push((from, g0));
            from = g1;
        }
        runs.push((from, l));
        for (s0, s1) in runs {
            self.line(layer, at(s0, 1.0), at(s1, 1.0));
            self.line(layer, at(s0, -1.0), at(s1, -1.0));
            self.line(layer, at(s0, -1.0), at(s0, 1.0));
            self.line(layer, at(s1, -1.0), at(s1, 1.0));
        }
    }

    /// A closed (or open) LWPOLYLINE.
    pub fn polyline(&mut self, layer: &str, points: &[[f64; 2]], closed: bool) {
        let mut e = String::new();
        group(&mut e, 0, "LWPOLYLINE");
        group(&mut e, 8, layer);
        group(&mut e, 100, "AcDbEntity");
        group(&mut e, 100, "AcDbPolyline");
        group(&mut e, 90, &points.len().to_string());
        group(&mut e, 70, if closed { "1" } else { "0" });
        for p in points {
            group(&mut e, 10, &num(p[0]));
            group(&mut e, 20, &num(p[1]));
        }
        self.entities.push(e);
    }

    /// A solid HATCH whose one boundary is the closed polyline `points`.
    pub fn hatch(&mut self, layer: &str, points: &[[f64; 2]]) {
        let mut e = String::new();
        group(&mut e, 0, "HATCH");
        group(&mut e, 100, "AcDbEntity");
        group(&mut e, 8, layer);
        group(&mut e, 100, "AcDbHatch");
        group(&mut e, 10, "0");
        group(&mut e, 20, "0");
        group(&mut e, 30, "0");
        group(&mut e, 210, "0");
        group(&mut e, 220, "0");
        group(&mut e, 230, "1");
        group(&mut e, 2, "SOLID");
        group(&mut e, 70, "1");
        group(&mut e, 71, "0");
        group(&mut e, 91, "1");
        group(&mut e, 92, "2");
        group(&mut e, 72, "0");
        group(&mut e, 73, "1");
        group(&mut e, 93, &points.len().to_string());
        for p in points {
            group(&mut e, 10, &num(p[0]));
            group(&mut e, 20, &num(p[1]));
        }
        group(&mut e, 97, "0");
        group(&mut e, 75, "0");
        group(&mut e, 76, "1");
        group(&mut e, 98, "0");
        self.entities.push(e);
    }

    /// A custom object of class `class` (500 + its index in `classes`) whose proxy graphics
    /// are `graphics` (a metafile, see `proxy_graphics`).
    pub fn proxy(&mut self, layer: &str, class: usize, graphics: &[u8]) {
        let mut e = String::new();
        group(&mut e, 0, "ACAD_PROXY_ENTITY");
        group(&mut e, 5, &format!("{:X}", 0x400 + self.entities.len()));
        group(&mut e, 100, "AcDbEntity");
        group(&mut e, 8, layer);
        group(&mut e, 100, "AcDbProxyEntity");
        group(&mut e, 90, "498");
        group(&mut e, 91, &(500 + class).to_string());
        group(&mut e, 95, "0");
        group(&mut e, 70, "0");
        group(&mut e, 92, &graphics.len().to_string());
        for chunk in graphics.chunks(127) {
            let hex: String = chunk.iter().map(|b| format!("{b:02X}")).collect();
            group(&mut e, 310, &hex);
        }
        self.entities.push(e);
    }

    /// The drawing as text.
    pub fn text_of(&self) -> String {
        let mut out = String::new();
        group(&mut out, 0, "SECTION");
        group(&mut out, 2, "HEADER");
        group(&mut out, 9, "$ACADVER");
        group(&mut out, 1, self.version);
        if let Some(cp) = self.codepage {
            group(&mut out, 9, "$DWGCODEPAGE");
            group(&mut out, 3, cp);
        }
        group(&mut out, 9, "$INSUNITS");
        group(&mut out, 70, &self.insunits.to_string());
        if let Some(l) = self.lunits {
            group(&mut out, 9, "$LUNITS");
            group(&mut out, 70, &l.to_string());
        }
        group(&mut out, 0, "ENDSEC");
        if !self.classes.is_empty() {
            group(&mut out, 0, "SECTION");
            group(&mut out, 2, "CLASSES");
            for c in &self.classes {
                group(&mut out, 0, "CLASS");
                group(&mut out, 1, c);
                group(&mut out, 2, "TDbEntity");
                group(&mut out, 3, "TArch");
                group(&mut out, 90, "0");
                group(&mut out, 280, "0");
                group(&mut out, 281, "1");
            }
            group(&mut out, 0, "ENDSEC");
        }
        group(&mut out, 0, "SECTION");
        group(&mut out, 2, "BLOCKS");
        for b in &self.blocks {
            out.push_str(b);
        }
        group(&mut out, 0, "ENDSEC");
        group(&mut out, 0, "SECTION");
        group(&mut out, 2, "ENTITIES");
        for e in &self.entities {
            out.push_str(e);
        }
        group(&mut out, 0, "ENDSEC");
        group(&mut out, 0, "EOF");
        out
    }

    /// The drawing as UTF-8 bytes.
    pub fn utf8(&self) -> Vec<u8> {
        self.text_of().into_bytes()
    }

    /// The drawing as GBK bytes (the code page of Chinese drawings before R2007).
    pub fn gbk(&self) -> Vec<u8> {
        let text = self.text_of();
        let (bytes, _, bad) = encoding_rs::GBK.encode(&text);
        assert!(!bad, "every character has a GBK code");
        bytes.into_owned()
    }
}

/// A TEXT or MTEXT entity.
fn text_entity(kind: &str, layer: &str, at: [f64; 2], h: f64, s: &str) -> String {
    let mut e = String::new();
    group(&mut e, 0, kind);
    group(&mut e, 8, layer);
    group(&mut e, 10, &num(at[0]));
    group(&mut e, 20, &num(at[1]));
    group(&mut e, 30, "0");
    group(&mut e, 40, &num(h));
    group(&mut e, 1, s);
    e
}

pub fn line(layer: &str, a: [f64; 2], b: [f64; 2]) -> String {
    let mut e = String::new();
    group(&mut e, 0, "LINE");
    group(&mut e, 8, layer);
    group(&mut e, 10, &num(a[0]));
    group(&mut e, 20, &num(a[1]));
    group(&mut e, 30, "0");
    group(&mut e, 11, &num(b[0]));
    group(&mut e, 21, &num(b[1]));
    group(&mut e, 31, "0");
    e
}

pub fn arc(layer: &str, c: [f64; 2], r: f64, start_deg: f64, end_deg: f64) -> String {
    let mut e = String::new();
    group(&mut e, 0, "ARC");
    group(&mut e, 8, layer);
    group(&mut e, 10, &num(c[0]));
    group(&mut e, 20, &num(c[1]));
    group(&mut e, 30, "0");
    group(&mut e, 40, &num(r));
    group(&mut e, 50, &num(start_deg));
    group(&mut e, 51, &num(end_deg));
    e
}

/// The hotel-and-gym floor in millimetres: four rooms side by side above a corridor, each
/// with a door swing on 门 and a window on 窗, named by `name(i)`.
pub fn four_rooms(
    version: &'static str,
    codepage: Option<&'static str>,
    names: &[&str; 5],
    mtext: bool,
) -> Dxf {
    let mut d = Dxf::new(version, codepage, 4);
    let t = 200.0;
    // Outer walls and the corridor wall, with door gaps and window gaps.
    d.wall("墙体", [0.0, -2000.0], [16000.0, -2000.0], t, &[]);
    d.wall("墙体", [16000.0, -2000.0], [16000.0, 5000.0], t, &[]);
    let windows: Vec<(f64, f64)> = (0..4)
        .map(|i| (1500.0 + 4000.0 * i as f64, 2700.0 + 4000.0 * i as f64))
        .collect();
    d.wall("墙体", [0.0, 5000.0], [16000.0, 5000.0], t, &windows);
    d.wall("墙体", [0.0, -2000.0], [0.0, 5000.0], t, &[]);
    let doors: Vec<(f64, f64)> = (0..4)
        .map(|i| (1000.0 + 4000.0 * i as f64, 1900.0 + 4000.0 * i as f64))
        .collect();
    d.wall("墙体", [0.0, 0.0], [16000.0, 0.0], t, &doors);
    for i in 1..4 {
        let x = 4000.0 * i as f64;
        d.wall("墙体", [x, 0.0], [x, 5000.0], t, &[]);
    }
    for (i, &(w0, w1)) in windows.iter().enumerate() {
        let x = 1000.0 + 4000.0 * i as f64;
        // Hinge at the gap's left end; the leaf stands open into the room.
        d.arc("门", [x, 0.0], 900.0, 0.0, 90.0);
        d.line("门", [x, 0.0], [x, 900.0]);
        d.line("窗", [w0, 5000.0 - 50.0], [w1, 5000.0 - 50.0]);
        d.line("窗", [w0, 5000.0 + 50.0], [w1, 5000.0 + 50.0]);
    }
    for (i, name) in names.iter().enumerate() {
        let at = if i < 4 {
            [2000.0 + 4000.0 * i as f64, 2500.0]
        } else {
            [8000.0, -1000.0]
        };
        if mtext {
            d.mtext("房间名称", at, 300.0, name);
        } else {
            d.text("房间名称", at, 300.0, name);
        }
    }
    d
}

/// A proxy-graphics metafile of closed polygons (type 7) and Unicode texts (type 36).
pub fn proxy_graphics(polygons: &[Vec<[f64; 2]>], texts: &[([f64; 2], &str)]) -> Vec<u8> {
    let mut records: Vec<Vec<u8>> = Vec::new();
    let f = |v: &[f64]| -> Vec<u8> { v.iter().flat_map(|x| x.to_le_bytes()).collect() };
    for poly in polygons {
        let mut p = (poly.len() as u32).to_le_bytes().to_vec();
        for q in poly {
            p.extend(f(&[q[0], q[1], 0.0]));
        }
        records.push(record(7, &p));
    }
    for (at, s) in texts {
        let mut p = f(&[
            at[0], at[1], 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 300.0, 1.0, 0.0,
        ]);
        let mut units: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        units.extend([0, 0]);
        while !units.len().is_multiple_of(4) {
            units.push(0);
        }
        p.extend(units);
        records.push(record(36, &p));
    }
    let body: Vec<u8> = records.concat();
    let mut out = ((body.len() + 8) as u32).to_le_bytes().to_vec();
    out.extend((records.len() as u32).to_le_bytes());
    out.extend(body);
    out
}

fn record(kind: u32, payload: &[u8]) -> Vec<u8> {
    let mut r = ((payload.len() + 8) as u32).to_le_bytes().to_vec();
    r.extend(kind.to_le_bytes());
    r.extend(payload);
    r
}
