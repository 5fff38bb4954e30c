//! Small plane geometry for the importer: points, affine maps, segment helpers.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

/// A point or vector in the plane.
pub type P = [f64; 2];

/// `x' = a·x + b·y + c`, `y' = d·x + e·y + f`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affine {
    pub a: f64,
    pub b: f64,
    pub c: f64,
    pub d: f64,
    pub e: f64,
    pub f: f64,
}

impl Affine {
    pub const IDENTITY: Affine = Affine {
        a: 1.0,
        b: 0.0,
        c: 0.0,
        d: 0.0,
        e: 1.0,
        f: 0.0,
    };
    /// x → −x (an object coordinate system whose normal points down).
    pub const MIRROR_X: Affine = Affine {
        a: -1.0,
        b: 0.0,
        c: 0.0,
        d: 0.0,
        e: 1.0,
        f: 0.0,
    };

    pub fn translate(x: f64, y: f64) -> Affine {
        Affine {
            c: x,
            f: y,
            ..Affine::IDENTITY
        }
    }

    pub fn scale(x: f64, y: f64) -> Affine {
        Affine {
            a: x,
            e: y,
            ..Affine::IDENTITY
        }
    }

    /// Counter-clockwise by `angle` radians.
    pub fn rotate(angle: f64) -> Affine {
        let (s, c) = super::math::sin_cos(angle);
        Affine {
            a: c,
            b: -s,
            c: 0.0,
            d: s,
            e: c,
            f: 0.0,
        }
    }

    /// `self ∘ inner`: first `inner`, then `self`.
    ///
    /// ```
    /// use sightline::import::geom::Affine;
    /// let t = Affine::translate(10.0, 0.0).compose(&Affine::scale(2.0, 2.0));
    /// assert_eq!(t.apply([1.0, 1.0]), [12.0, 2.0]);
    /// ```
    pub fn compose(&self, inner: &Affine) -> Affine {
        Affine {
            a: self.a * inner.a + self.b * inner.d,
            b: self.a * inner.b + self.b * inner.e,
            c: self.a * inner.c + self.b * inner.f + self.c,
            d: self.d * inner.a + self.e * inner.d,
            e: self.d * inner.b + self.e * inner.e,
            f: self.d * inner.c + self.e * inner.f + self.f,
        }
    }

    pub fn apply(&self, p: P) -> P {
        [
            self.a * p[0] + self.b * p[1] + self.c,
            self.d * p[0] + self.e * p[1] + self.f,
        ]
    }

    pub fn det(&self) -> f64 {
        self.a * self.e - self.b * self.d
    }

    /// The scale factor when the map keeps circles round (rotation, mirror, uniform scale).
    pub fn uniform_scale(&self) -> Option<f64> {
        let sx = super::math::hypot(self.a, self.d);
        let sy = super::math::hypot(self.b, self.e);
        let dot = self.a * self.b + self.d * self.e;
        let ok = sx > 0.0 && (sx - sy).abs() <= 1e-6 * sx && dot.abs() <= 1e-6 * sx * sy;
        ok.then_some(sx)
    }
}

pub fn sub(a: P, b: P) -> P {
    [a[0] - b[0], a[1] - b[1]]
}

pub fn add(a: P, b: P) -> P {
    [a[0] + b[0], a[1] + b[1]]
}

pub fn mul(a: P, k: f64) -> P {
    [a[0] * k, a[1] * k]
}

pub fn dot(a: P, b: P) -> f64 {
    a[0] * b[0] + a[1] * b[1]
}

pub fn cross(a: P, b: P) -> f64 {
    a[0] * b[1] - a[1] * b[0]
}

pub fn len(a: P) -> f64 {
    super::math::hypot(a[0], a[1])
}

pub fn dist(a: P, b: P) -> f64 {
    len(sub(a, b))
}

pub use crate::model::bounds as bbox;

/// The distance from `p` to segment `a`–`b`.
pub fn point_segment_distance(p: P, a: P, b: P) -> f64 {
    let ab = sub(b, a);
    let l2 = dot(ab, ab);
    if l2 == 0.0 {
        return dist(p, a);
    }
    let t = (dot(sub(p, a), ab) / l2).clamp(0.0, 1.0);
    dist(p, add(a, mul(ab, t)))
}

/// Groups of indices joined by `union` (union–find with path compression).
pub struct Dsu(Vec<usize>);

impl Dsu {
    /// `n` elements, each alone.
    pub fn new(n: usize) -> Dsu {
        Dsu((0..n).collect())
    }

    pub fn find(&mut self, i: usize) -> usize {
        let mut r = i;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut k = i;
        while self.0[k] != r {
            let next = self.0[k];
            self.0[k] = r;
            k = next;
        }
        r
    }

    pub fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }

    /// Every group, members ascending, groups in the order of their smallest member.
    pub fn groups(&mut self) -> Vec<Vec<usize>> {
        let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
        for i in 0..self.0.len() {
            let r = self.find(i);
            groups.entry(r).or_default().push(i);
        }
        groups.into_values().collect()
    }
}

/// The groups of boxes that come within `gap` of each other (directly or through others).
///
/// ```
/// use sightline::import::geom::connected;
/// let b = |x: f64| [[x, 0.0], [x + 1.0, 1.0]];
/// assert_eq!(connected(&[b(0.0), b(5.0), b(1.05)], 0.1), vec![vec![0, 2], vec![1]]);
/// ```
pub fn connected(boxes: &[[P; 2]], gap: f64) -> Vec<Vec<usize>> {
    let index = crate::geometry::index::BoxIndex::new(boxes.iter().map(|b| (b[0], b[1])));
    let mut dsu = Dsu::new(boxes.len());
    for (k, b) in boxes.iter().enumerate() {
        let (lo, hi) = (
            [b[0][0] - gap, b[0][1] - gap],
            [b[1][0] + gap, b[1][1] + gap],
        );
        for m in index.in_box(lo, hi) {
            dsu.union(k, m);
        }
    }
    dsu.groups()
}
