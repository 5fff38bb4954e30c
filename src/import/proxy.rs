//! The proxy-graphics metafile of custom objects (天正 TArch walls and openings, AutoCAD
//! Architecture objects): the lines AutoCAD shows for an object it cannot run.
//!
//! The format is public (the ODA's *Open Design Specification for .dwg files*, chapter
//! "Proxy Entity Graphics"; ezdxf's `proxygraphic` module reads the same): a little-endian
//! header `total size: u32, record count: u32`, then records `size: u32, type: u32, payload`.
//! We decode what a floor plan draws with — polylines and polygons, lightweight polylines
//! (bit-coded, with bulges), circles and arcs (also through three points), elliptic arcs,
//! text in the code page and in UTF-16 — plus the subentity layer record and the model
//! transform stack. Everything else (colours, line types, meshes, clip boundaries) is skipped
//! by its size.
//!
//! Bounded on bad data: every read is checked against the record it belongs to, counts are
//! checked against the bytes that would hold them before anything is allocated, the matrix
//! stack is at most [`MAX_DEPTH`] deep, and a stream yields at most [`MAX_PIECES`] pieces.
//!
//! ```
//! use sightline::import::proxy::{decode, Piece};
//! // One POLYLINE record (type 6) of two points, (0, 0) → (3000, 0).
//! let mut rec = Vec::new();
//! rec.extend(2u32.to_le_bytes());
//! for v in [0.0f64, 0.0, 0.0, 3000.0, 0.0, 0.0] {
//!     rec.extend(v.to_le_bytes());
//! }
//! let mut data = Vec::new();
//! data.extend(((8 + 8 + rec.len()) as u32).to_le_bytes());
//! data.extend(1u32.to_le_bytes());
//! data.extend(((8 + rec.len()) as u32).to_le_bytes());
//! data.extend(6u32.to_le_bytes());
//! data.extend(rec);
//! let pieces = decode(&data, encoding_rs::WINDOWS_1252);
//! assert_eq!(pieces.len(), 1);
//! let Piece::Polyline { points, closed, .. } = &pieces[0].shape else { panic!() };
//! assert_eq!(points, &vec![([0.0, 0.0], 0.0), ([3000.0, 0.0], 0.0)]);
//! assert!(!closed);
//! ```

// Slices are taken only after the bounds are checked against the record; matrix indices are
// constants into fixed-size arrays.
#![allow(clippy::indexing_slicing)]

use super::cad::Arc;
use super::geom::P;
use super::math;

/// Deepest model-transform stack followed.
pub const MAX_DEPTH: usize = 64;
/// Most pieces one stream yields.
pub const MAX_PIECES: usize = 200_000;

/// One drawn piece, in the coordinates of the object's owner (world for model space).
#[derive(Clone, Debug, PartialEq)]
pub struct Graphic {
    /// The layer set by the last subentity layer record: an index into the drawing's layer
    /// table in storage order; `None` for the object's own layer.
    pub layer: Option<u32>,
    pub shape: Piece,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Points with the bulge of the segment that starts there.
    Polyline {
        points: Vec<(P, f64)>,
        closed: bool,
    },
    /// A circle is an arc of sweep 2π; angles in radians, counter-clockwise.
    Arc(Arc),
    Text {
        at: P,
        text: String,
        height: f64,
    },
}

/// A 3×4 affine transform (row-major, translation in the last column).
#[derive(Clone, Copy, Debug)]
struct M([f64; 12]);

impl M {
    const IDENTITY: M = M([1., 0., 0., 0., 0., 1., 0., 0., 0., 0., 1., 0.]);

    fn apply(&self, p: [f64; 3]) -> P {
        let m = &self.0;
        [
            m[0] * p[0] + m[1] * p[1] + m[2] * p[2] + m[3],
            m[4] * p[0] + m[5] * p[1] + m[6] * p[2] + m[7],
        ]
    }

    fn then(&self, inner: &M) -> M {
        let (a, b) = (&self.0, &inner.0);
        let mut out = [0.0; 12];
        for r in 0..3 {
            for c in 0..4 {
                let mut v = a[r * 4] * b[c] + a[r * 4 + 1] * b[4 + c] + a[r * 4 + 2] * b[8 + c];
                if c == 3 {
                    v += a[r * 4 + 3];
                }
                out[r * 4 + c] = v;
            }
        }
        M(out)
    }

    /// The plan scale when it is the same in every direction and keeps turning (circles stay
    /// circles).
    fn uniform(&self) -> Option<f64> {
        let m = &self.0;
        let (sx, sy) = (math::hypot(m[0], m[4]), math::hypot(m[1], m[5]));
        let det = m[0] * m[5] - m[1] * m[4];
        ((sx - sy).abs() <= 1e-9 * sx.max(sy) && det > 0.0 && sx > 0.0).then_some(sx)
    }

    fn is_identity(&self) -> bool {
        self.0 == M::IDENTITY.0
    }
}

/// Little-endian reads within one record's payload.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Bytes<'a> {
    fn new(data: &'a [u8]) -> Bytes<'a> {
        Bytes { data, at: 0 }
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.data.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn vertex(&mut self) -> Option<[f64; 3]> {
        Some([self.f64()?, self.f64()?, self.f64()?])
    }

    fn left(&self) -> usize {
        self.data.len().saturating_sub(self.at)
    }

    /// A zero-terminated string padded to 4 bytes.
    fn padded(&mut self, enc: &'static encoding_rs::Encoding) -> Option<String> {
        let rest = self.data.get(self.at..)?;
        let end = rest.iter().position(|&b| b == 0)?;
        let raw = rest.get(..end)?;
        self.at += (end + 1).div_ceil(4) * 4;
        let text = match std::str::from_utf8(raw) {
            Ok(s) => s.to_string(),
            Err(_) => enc.decode_without_bom_handling(raw).0.into_owned(),
        };
        Some(text)
    }

    /// A UTF-16LE string ended by two zero bytes, padded to 4 bytes.
    fn padded_utf16(&mut self) -> Option<String> {
        let rest = self.data.get(self.at..)?;
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        if units.len() * 2 + 2 > rest.len() {
            return None;
        }
        self.at += (units.len() * 2 + 2).div_ceil(4) * 4;
        Some(String::from_utf16_lossy(&units))
    }
}

/// DWG bit-coded reads (the lightweight polyline record), most significant bit first.
struct Bits<'a> {
    data: &'a [u8],
    bit: usize,
}

impl Bits<'_> {
    fn bit(&mut self) -> Option<u8> {
        let byte = *self.data.get(self.bit >> 3)?;
        let b = (byte >> (7 - (self.bit & 7))) & 1;
        self.bit += 1;
        Some(b)
    }

    fn bits(&mut self, n: usize) -> Option<u64> {
        let mut v = 0u64;
        for _ in 0..n {
            v = (v << 1) | u64::from(self.bit()?);
        }
        Some(v)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.bits(8)? as u8)
    }

    fn raw<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut out = [0u8; N];
        for b in &mut out {
            *b = self.byte()?;
        }
        Some(out)
    }

    fn raw_f64(&mut self) -> Option<f64> {
        Some(f64::from_le_bytes(self.raw::<8>()?))
    }

    /// BS: a bit short.
    fn bs(&mut self) -> Option<i64> {
        Some(match self.bits(2)? {
            0 => i64::from(i16::from_le_bytes(self.raw::<2>()?)),
            1 => i64::from(self.byte()?),
            2 => 0,
            _ => 256,
        })
    }

    /// BL: a bit long.
    fn bl(&mut self) -> Option<i64> {
        Some(match self.bits(2)? {
            0 => i64::from(i32::from_le_bytes(self.raw::<4>()?)),
            1 => i64::from(self.byte()?),
            2 => 0,
            _ => 256,
        })
    }

    /// BD: a bit double.
    fn bd(&mut self) -> Option<f64> {
        Some(match self.bits(2)? {
            0 => self.raw_f64()?,
            1 => 1.0,
            2 => 0.0,
            _ => return None,
        })
    }

    /// DD: a bit double against a default.
    fn dd(&mut self, default: f64) -> Option<f64> {
        let mut b = default.to_le_bytes();
        match self.bits(2)? {
            0 => {}
            1 => b[..4].copy_from_slice(&self.raw::<4>()?),
            2 => {
                let hi = self.raw::<2>()?;
                b[4..6].copy_from_slice(&hi);
                b[..4].copy_from_slice(&self.raw::<4>()?);
            }
            _ => return self.raw_f64(),
        }
        Some(f64::from_le_bytes(b))
    }
}

/// Decodes a whole metafile. A record that cannot be read ends the stream; what came before
/// it is kept. `enc` is the drawing's code page, for non-Unicode text.
pub fn decode(data: &[u8], enc: &'static encoding_rs::Encoding) -> Vec<Graphic> {
    let mut out = Vec::new();
    let mut head = Bytes::new(data);
    let (Some(total), Some(_count)) = (head.u32(), head.u32()) else {
        return out;
    };
    let end = (total as usize).min(data.len());
    let mut stack: Vec<M> = Vec::new();
    let mut layer = None;
    let mut at = 8usize;
    while at + 8 <= end && out.len() < MAX_PIECES {
        let mut r = Bytes::new(&data[at..end]);
        let (Some(size), Some(kind)) = (r.u32(), r.u32()) else {
            break;
        };
        let size = size as usize;
        if size < 8 || at + size > end {
            break;
        }
        let payload = &data[at + 8..at + size];
        at += size;
        let m = stack.last().copied().unwrap_or(M::IDENTITY);
        let mut push = |shape: Piece| out.push(Graphic { layer, shape });
        match kind {
            // Circle: centre, radius, normal.
            2 => {
                let mut b = Bytes::new(payload);
                if let (Some(c), Some(r)) = (b.vertex(), b.f64()) {
                    arc(&m, c, r, 0.0, std::f64::consts::TAU, &mut push);
                }
            }
            // Circle and arc through three points.
            3 | 5 => {
                let mut b = Bytes::new(payload);
                if let (Some(p1), Some(p2), Some(p3)) = (b.vertex(), b.vertex(), b.vertex()) {
                    if let Some((c, r, a1, sweep)) = three_points(p1, p2, p3) {
                        let (start, sweep) = if kind == 3 {
                            (0.0, std::f64::consts::TAU)
                        } else {
                            (a1, sweep)
                        };
                        arc(&m, [c[0], c[1], p1[2]], r, start, sweep, &mut push);
                    }
                }
            }
            // Arc: centre, radius, normal, start vector, sweep.
            4 => {
                let mut b = Bytes::new(payload);
                if let (Some(c), Some(r), Some(n), Some(s), Some(sweep)) =
                    (b.vertex(), b.f64(), b.vertex(), b.vertex(), b.f64())
                {
                    let start = math::atan2(s[1], s[0]);
                    // A normal pointing down turns the other way in plan.
                    let (start, sweep) = if n[2] < 0.0 {
                        (start - sweep, sweep)
                    } else {
                        (start, sweep)
                    };
                    arc(&m, c, r, start, sweep, &mut push);
                }
            }
            // Polyline, polygon, polyline with normal.
            6 | 7 | 32 => {
                let mut b = Bytes::new(payload);
                let Some(n) = b.u32() else { continue };
                let n = n as usize;
                if n.saturating_mul(24) > b.left() {
                    continue;
                }
                let points: Vec<(P, f64)> = (0..n)
                    .filter_map(|_| b.vertex())
                    .map(|v| (m.apply(v), 0.0))
                    .collect();
                if points.len() >= 2 {
                    push(Piece::Polyline {
                        points,
                        closed: kind == 7,
                    });
                }
            }
            // Text in the code page.
            10 => {
                let mut b = Bytes::new(payload);
                if let (Some(p), Some(_n), Some(_d), Some(h), Some(_w), Some(_o)) = (
                    b.vertex(),
                    b.vertex(),
                    b.vertex(),
                    b.f64(),
                    b.f64(),
                    b.f64(),
                ) {
                    if let Some(text) = b.padded(enc) {
                        push(text_piece(&m, p, h, text));
                    }
                }
            }
            11 => {
                let mut b = Bytes::new(payload);
                if let (Some(p), Some(_n), Some(_d)) = (b.vertex(), b.vertex(), b.vertex()) {
                    if let Some(text) = b.padded(enc) {
                        let _ = (b.u32(), b.u32());
                        if let Some(h) = b.f64() {
                            push(text_piece(&m, p, h, text));
                        }
                    }
                }
            }
            // Text in UTF-16.
            36 => {
                let mut b = Bytes::new(payload);
                if let (Some(p), Some(_n), Some(_d), Some(h), Some(_w), Some(_o)) = (
                    b.vertex(),
                    b.vertex(),
                    b.vertex(),
                    b.f64(),
                    b.f64(),
                    b.f64(),
                ) {
                    if let Some(text) = b.padded_utf16() {
                        push(text_piece(&m, p, h, text));
                    }
                }
            }
            38 => {
                let mut b = Bytes::new(payload);
                if let (Some(p), Some(_n), Some(_d)) = (b.vertex(), b.vertex(), b.vertex()) {
                    if let Some(text) = b.padded_utf16() {
                        let _ = (b.u32(), b.u32());
                        if let Some(h) = b.f64() {
                            push(text_piece(&m, p, h, text));
                        }
                    }
                }
            }
            // Elliptic arc: centre, normal, axes, parameters, the major axis's angle.
            44 => {
                let mut b = Bytes::new(payload);
                if let (Some(c), Some(_n), Some(a), Some(bb), Some(u0), Some(u1), Some(rot)) = (
                    b.vertex(),
                    b.vertex(),
                    b.f64(),
                    b.f64(),
                    b.f64(),
                    b.f64(),
                    b.f64(),
                ) {
                    if let Some(points) = ellipse(&m, c, a, bb, u0, u1, rot) {
                        push(Piece::Polyline {
                            points,
                            closed: false,
                        });
                    }
                }
            }
            // Subentity layer: an index into the layer table.
            16 => {
                if let Some(i) = Bytes::new(payload).u32() {
                    layer = Some(i);
                }
            }
            // Push a model transform (and its "2" form), pop it.
            29 | 30 => {
                let mut b = Bytes::new(payload);
                let v: Vec<f64> = (0..16).filter_map(|_| b.f64()).collect();
                let pushed = if v.len() == 16 && v.iter().all(|x| x.is_finite()) {
                    let mut a = [0.0; 12];
                    a.copy_from_slice(&v[..12]);
                    m.then(&M(a))
                } else {
                    m
                };
                if stack.len() >= MAX_DEPTH {
                    break;
                }
                stack.push(pushed);
            }
            31 => {
                stack.pop();
            }
            33 => {
                if let Some(points) = lwpolyline(payload) {
                    let (pts, closed) = points;
                    let points: Vec<(P, f64)> = pts
                        .into_iter()
                        .map(|(p, bulge)| (m.apply([p[0], p[1], 0.0]), bulge))
                        .collect();
                    // Bulges are arcs only while the transform keeps circles round.
                    let points = if m.is_identity() || m.uniform().is_some() {
                        points
                    } else {
                        points.into_iter().map(|(p, _)| (p, 0.0)).collect()
                    };
                    if points.len() >= 2 {
                        push(Piece::Polyline { points, closed });
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn text_piece(m: &M, p: [f64; 3], h: f64, text: String) -> Piece {
    let scale = m.uniform().unwrap_or(1.0);
    Piece::Text {
        at: m.apply(p),
        text,
        height: h * scale,
    }
}

/// An arc in object space, as an arc when the transform keeps it round, else as points.
fn arc(m: &M, c: [f64; 3], r: f64, start: f64, sweep: f64, push: &mut impl FnMut(Piece)) {
    if !(r.is_finite() && r > 0.0 && sweep.is_finite() && sweep != 0.0) {
        return;
    }
    let (start, sweep) = if sweep < 0.0 {
        (start + sweep, -sweep)
    } else {
        (start, sweep.min(std::f64::consts::TAU))
    };
    if let Some(s) = m.uniform() {
        let centre = m.apply(c);
        let turn = math::atan2(m.0[4], m.0[0]);
        push(Piece::Arc(Arc {
            centre,
            radius: r * s,
            start: start + turn,
            sweep,
        }));
    } else {
        let n = ((sweep / std::f64::consts::TAU) * 72.0).ceil().max(2.0) as usize;
        let points = (0..=n)
            .map(|i| {
                let a = start + sweep * i as f64 / n as f64;
                (
                    m.apply([c[0] + r * math::cos(a), c[1] + r * math::sin(a), c[2]]),
                    0.0,
                )
            })
            .collect();
        push(Piece::Polyline {
            points,
            closed: false,
        });
    }
}

/// The circle through three points: centre, radius, the first point's angle and the sweep
/// (counter-clockwise) from the first to the third through the second.
fn three_points(p1: [f64; 3], p2: [f64; 3], p3: [f64; 3]) -> Option<(P, f64, f64, f64)> {
    let (ax, ay) = (p1[0], p1[1]);
    let (bx, by) = (p2[0], p2[1]);
    let (cx, cy) = (p3[0], p3[1]);
    let d = 2.0 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
    if d.abs() < 1e-12 || !d.is_finite() {
        return None;
    }
    let a2 = ax * ax + ay * ay;
    let b2 = bx * bx + by * by;
    let c2 = cx * cx + cy * cy;
    let ux = (a2 * (by - cy) + b2 * (cy - ay) + c2 * (ay - by)) / d;
    let uy = (a2 * (cx - bx) + b2 * (ax - cx) + c2 * (bx - ax)) / d;
    let r = math::hypot(ax - ux, ay - uy);
    let ang = |x: f64, y: f64| math::atan2(y - uy, x - ux);
    let tau = std::f64::consts::TAU;
    let (a1, a2, a3) = (ang(ax, ay), ang(bx, by), ang(cx, cy));
    let ccw = |from: f64, to: f64| (to - from).rem_euclid(tau);
    // Counter-clockwise from 1 to 3 passes 2, or else the arc runs the other way.
    let sweep = if ccw(a1, a2) <= ccw(a1, a3) {
        ccw(a1, a3)
    } else {
        ccw(a1, a3) - tau
    };
    Some(([ux, uy], r, a1, sweep))
}

fn ellipse(
    m: &M,
    c: [f64; 3],
    a: f64,
    b: f64,
    u0: f64,
    u1: f64,
    rot: f64,
) -> Option<Vec<(P, f64)>> {
    if !(a.is_finite() && b.is_finite() && a > 0.0 && b >= 0.0 && u0.is_finite() && u1.is_finite())
    {
        return None;
    }
    let mut sweep = u1 - u0;
    if sweep <= 0.0 {
        sweep += std::f64::consts::TAU;
    }
    let sweep = sweep.min(std::f64::consts::TAU);
    let n = ((sweep / std::f64::consts::TAU) * 72.0).ceil().max(2.0) as usize;
    let (cr, sr) = (math::cos(rot), math::sin(rot));
    Some(
        (0..=n)
            .map(|i| {
                let u = u0 + sweep * i as f64 / n as f64;
                let (x, y) = (a * math::cos(u), b * math::sin(u));
                (
                    m.apply([c[0] + x * cr - y * sr, c[1] + x * sr + y * cr, c[2]]),
                    0.0,
                )
            })
            .collect(),
    )
}

/// The lightweight polyline record (ODA spec, LWPLINE): points with bulges, and closed.
type LwPoints = (Vec<(P, f64)>, bool);

fn lwpolyline(payload: &[u8]) -> Option<LwPoints> {
    let mut head = Bytes::new(payload);
    let _bytes = head.u32()?;
    let mut b = Bits {
        data: payload.get(4..)?,
        bit: 0,
    };
    let flag = b.bs()?;
    if flag & 4 != 0 {
        b.bd()?;
    }
    if flag & 8 != 0 {
        b.bd()?;
    }
    if flag & 2 != 0 {
        b.bd()?;
    }
    if flag & 1 != 0 {
        b.bd()?;
        b.bd()?;
        b.bd()?;
    }
    let closed = flag & 512 != 0;
    let n = usize::try_from(b.bl()?).ok()?;
    // Every point takes at least four bits beyond the first's 128.
    if n == 0 || n > payload.len() * 2 {
        return None;
    }
    let bulges = if flag & 16 != 0 {
        usize::try_from(b.bl()?).ok()?
    } else {
        0
    };
    if flag & 1024 != 0 {
        b.bl()?;
    }
    if flag & 32 != 0 {
        b.bl()?;
    }
    if bulges > n {
        return None;
    }
    let mut pts = Vec::with_capacity(n);
    let first = [b.raw_f64()?, b.raw_f64()?];
    pts.push(first);
    let mut prev = first;
    for _ in 1..n {
        let x = b.dd(prev[0])?;
        let y = b.dd(prev[1])?;
        prev = [x, y];
        pts.push(prev);
    }
    let mut out: Vec<(P, f64)> = pts.into_iter().map(|p| (p, 0.0)).collect();
    for item in out.iter_mut().take(bulges) {
        let bulge = b.bd()?;
        item.1 = if bulge.is_finite() { bulge } else { 0.0 };
    }
    out.iter()
        .all(|(p, _)| p[0].is_finite() && p[1].is_finite())
        .then_some((out, closed))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    fn record(kind: u32, payload: &[u8]) -> Vec<u8> {
        let mut r = Vec::new();
        r.extend(((payload.len() + 8) as u32).to_le_bytes());
        r.extend(kind.to_le_bytes());
        r.extend(payload);
        r
    }

    fn stream(records: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = records.concat();
        let mut d = Vec::new();
        d.extend(((body.len() + 8) as u32).to_le_bytes());
        d.extend((records.len() as u32).to_le_bytes());
        d.extend(body);
        d
    }

    fn f(v: &[f64]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    fn polyline(pts: &[[f64; 2]]) -> Vec<u8> {
        let mut p = (pts.len() as u32).to_le_bytes().to_vec();
        for q in pts {
            p.extend(f(&[q[0], q[1], 0.0]));
        }
        p
    }

    #[test]
    fn layers_transforms_and_text() {
        let mut m = vec![0.0; 16];
        // Turn by 90° and move by (100, 200).
        m[1] = -1.0;
        m[4] = 1.0;
        m[10] = 1.0;
        m[15] = 1.0;
        m[3] = 100.0;
        m[7] = 200.0;
        let mut text = f(&[5.0, 6.0, 0.0, 0.0, 0.0, 1.0, 1.0, 0.0, 0.0, 2.5, 1.0, 0.0]);
        for u in "房间".encode_utf16() {
            text.extend(u.to_le_bytes());
        }
        text.extend([0, 0, 0, 0]);
        let data = stream(&[
            record(16, &4u32.to_le_bytes()),
            record(29, &f(&m)),
            record(7, &polyline(&[[0.0, 0.0], [10.0, 0.0], [10.0, 5.0]])),
            record(31, &[]),
            record(36, &text),
            record(2, &f(&[1.0, 1.0, 0.0, 3.0, 0.0, 0.0, 1.0])),
        ]);
        let g = decode(&data, encoding_rs::WINDOWS_1252);
        assert_eq!(g.len(), 3);
        assert!(g.iter().all(|g| g.layer == Some(4)));
        assert_eq!(
            g[0].shape,
            Piece::Polyline {
                points: vec![
                    ([100.0, 200.0], 0.0),
                    ([100.0, 210.0], 0.0),
                    ([95.0, 210.0], 0.0)
                ],
                closed: true
            }
        );
        assert_eq!(
            g[1].shape,
            Piece::Text {
                at: [5.0, 6.0],
                text: "房间".into(),
                height: 2.5
            }
        );
        let Piece::Arc(Arc { radius, sweep, .. }) = g[2].shape else {
            panic!()
        };
        assert_eq!(radius, 3.0);
        assert_eq!(sweep, std::f64::consts::TAU);
    }

    #[test]
    fn arc_through_three_points_runs_through_the_middle_one() {
        let (c, r, start, sweep) =
            three_points([1.0, 0.0, 0.0], [0.0, -1.0, 0.0], [-1.0, 0.0, 0.0]).unwrap();
        assert!(c[0].abs() < 1e-12 && c[1].abs() < 1e-12);
        assert!((r - 1.0).abs() < 1e-12);
        assert!(start.abs() < 1e-12);
        // Clockwise through (0, −1): a negative half turn.
        assert!((sweep + std::f64::consts::PI).abs() < 1e-12);
    }

    #[test]
    fn bad_streams_end_quietly() {
        let good = stream(&[record(6, &polyline(&[[0.0, 0.0], [1.0, 1.0]]))]);
        // Every truncation and every single-byte change decodes without panicking, and never
        // yields more than the one piece the stream holds.
        for cut in 0..good.len() {
            assert!(decode(&good[..cut], encoding_rs::WINDOWS_1252).len() <= 1);
        }
        for i in 0..good.len() {
            for v in [0u8, 0x7f, 0xff] {
                let mut bad = good.clone();
                bad[i] = v;
                assert!(decode(&bad, encoding_rs::WINDOWS_1252).len() <= 1);
            }
        }
        // A count that claims more points than the record holds is skipped, not allocated.
        let mut lie = u32::MAX.to_le_bytes().to_vec();
        lie.extend(f(&[0.0; 6]));
        assert!(decode(&stream(&[record(6, &lie)]), encoding_rs::WINDOWS_1252).is_empty());
        // Pushes without end stop at the stack's depth.
        let pushes: Vec<Vec<u8>> = (0..1000).map(|_| record(29, &f(&[0.0; 16]))).collect();
        assert!(decode(&stream(&pushes), encoding_rs::WINDOWS_1252).is_empty());
    }

    #[test]
    fn lightweight_polyline_bits() {
        // flag BS=0 via code 2 ("10"), count BL via code 1 + byte 3, raw first point,
        // then DD "00" twice (same as previous) for point 2, and DD "11" full doubles for 3.
        let mut w = BitWriter::default();
        w.put(0b10, 2); // flag = 0
        w.put(0b01, 2);
        w.put(3, 8); // n = 3
        w.raw(&1.5f64.to_le_bytes());
        w.raw(&2.5f64.to_le_bytes());
        w.put(0, 2);
        w.put(0, 2);
        w.put(0b11, 2);
        w.raw(&7.0f64.to_le_bytes());
        w.put(0b11, 2);
        w.raw(&9.0f64.to_le_bytes());
        let mut payload = (w.bytes.len() as u32).to_le_bytes().to_vec();
        payload.extend(&w.bytes);
        let (pts, closed) = lwpolyline(&payload).unwrap();
        assert!(!closed);
        let xy: Vec<P> = pts.iter().map(|p| p.0).collect();
        assert_eq!(xy, vec![[1.5, 2.5], [1.5, 2.5], [7.0, 9.0]]);
    }

    #[derive(Default)]
    struct BitWriter {
        bytes: Vec<u8>,
        bit: usize,
    }

    impl BitWriter {
        fn put(&mut self, v: u64, n: usize) {
            for k in (0..n).rev() {
                if self.bit.is_multiple_of(8) {
                    self.bytes.push(0);
                }
                let b = ((v >> k) & 1) as u8;
                let last = self.bytes.len() - 1;
                self.bytes[last] |= b << (7 - (self.bit % 8));
                self.bit += 1;
            }
        }

        fn raw(&mut self, b: &[u8]) {
            for &x in b {
                self.put(u64::from(x), 8);
            }
        }
    }
}
