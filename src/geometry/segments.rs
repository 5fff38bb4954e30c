//! Walls as straight segments, with the openings cut out of them, and indexed by position.
//!
//! A wall polyline becomes one [`WallSeg`] per non-zero-length piece. An opening lies on a wall
//! segment when both its ends are within the wall's half thickness (at least 1 cm) of the
//! segment's line and its projection overlaps the segment; the overlap is cut out of the
//! *sight* blockers for every kind but an obscured (frosted) window, and out of the *walk*
//! blockers for doors and openings.
//!
//! With [`Search::Indexed`] (the default) every list is kept in an R*-tree so that nearby walls
//! are found without looking at the others, and sight blockers that cross each other are split
//! at the crossing once per floor, so visibility never has to look for crossings.
//! [`Search::BruteForce`] keeps neither: every query returns every segment, and crossings are
//! found by the visibility sweep itself. It exists as the simple reference the fast path is
//! tested against.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use std::ops::Range;

use rayon::prelude::*;

use super::change::{grown, Bbox, Change, Dirty, Pending};
use super::index::{seg_box, BoxIndex};
use super::primitives::{cross, len, v2, Seg, V2};
use crate::model::Floor;

/// Smallest tolerance used to decide that an opening lies on a wall, in metres.
pub const MIN_ON_WALL_TOLERANCE_M: f64 = 0.01;

/// How nearby segments (and spaces) are found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Search {
    /// Spatial indexes, crossings split in advance.
    #[default]
    Indexed,
    /// Every query returns everything; crossings found during each sweep.
    BruteForce,
}

/// One straight piece of a wall polyline, uncut.
#[derive(Clone, Copy, Debug)]
pub struct WallSeg {
    pub seg: Seg,
    /// Index into `floor.walls`.
    pub wall: usize,
    pub half_thickness: f64,
}

/// A part of a wall segment that blocks, after openings are cut out.
#[derive(Clone, Copy, Debug)]
pub struct Piece {
    pub seg: Seg,
    /// Index into [`FloorSegments::walls`] of the wall segment it was cut from.
    pub source: usize,
}

/// The segments of one floor.
#[derive(Clone, Debug, Default)]
pub struct FloorSegments {
    /// Every wall segment, uncut (used to find what a device is mounted on).
    pub walls: Vec<WallSeg>,
    /// What blocks sight: walls minus every opening (and, after patches, pieces no wall
    /// segment holds any more: see [`FloorSegments::sight_pieces`]).
    sight: Vec<Piece>,
    /// What blocks walking: walls minus doors and openings (windows still block).
    walk: Vec<Piece>,
    /// Per opening of the floor: does it lie on some wall?
    pub opening_on_wall: Vec<bool>,
    /// Half the thickness of the thickest wall.
    pub max_half_thickness: f64,
    /// True when no two sight pieces cross (they may still touch).
    pub sight_split: bool,
    search: Search,
    /// One index over the uncut wall segments serves every query: a wall segment's box holds
    /// all the pieces cut from it, found through `sight_of` and `walk_of`.
    wall_index: BoxIndex,
    /// Per wall segment: the range of `sight` holding its pieces.
    sight_of: Vec<Range<usize>>,
    /// Per wall segment: the range of `walk` holding its pieces.
    walk_of: Vec<Range<usize>>,
    /// Per wall of the floor: the range of `walls` holding its segments. A changed wall's
    /// segments are marked [`DEAD`] and its new ones appended, so that the numbers of the
    /// other segments (which mounts hold) stay as they are.
    wall_slots: Vec<Range<usize>>,
    /// Per opening of the floor: its box, as held by `opening_index`.
    opening_boxes: Vec<Bbox>,
    opening_index: BoxIndex,
    /// Pieces in `sight` and `walk` no range points to any more (left by patches).
    garbage: usize,
    /// Wall segments marked [`DEAD`].
    dead: usize,
}

/// The drawn body of a walking blocker: the piece, half its wall's thickness, and for each end
/// whether it is an end of the wall itself (drawn with a square cap reaching half the
/// thickness beyond it) rather than a cut at a door or opening.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Body {
    pub seg: Seg,
    pub half: f64,
    pub capped: [bool; 2],
}

/// The `wall` of a wall segment that a patch removed: it is in no index and has no pieces.
pub const DEAD: usize = usize::MAX;

/// The changes to a floor's walls and openings since the last [`FloorSegments::finish`].
#[derive(Clone, Debug, Default)]
pub struct Patch {
    walls: Pending,
    openings: Pending,
    /// Boxes of the wall segments marked dead.
    killed: Vec<Bbox>,
    /// Boxes of openings changed or removed, as they were.
    old_openings: Vec<Bbox>,
    /// The search is brute force: the patch rebuilds everything.
    rebuild: bool,
}

impl FloorSegments {
    /// Cuts the floor's walls into blocking pieces.
    ///
    /// ```
    /// use sightline::geometry::segments::{FloorSegments, Search};
    /// let floor: sightline::model::Floor = serde_json::from_value(serde_json::json!({
    ///     "id": "F1",
    ///     "walls": [{ "id": "w", "points": [[0, 0], [10, 0]] }],
    ///     "openings": [{ "id": "d", "kind": "door", "a": [4, 0], "b": [5, 0] }]
    /// })).unwrap();
    /// let segs = FloorSegments::build(&floor, Search::Indexed);
    /// assert_eq!(segs.walls.len(), 1);
    /// assert_eq!(segs.sight_pieces().count(), 2); // 0–4 and 5–10
    /// assert!(segs.opening_on_wall[0]);
    /// ```
    pub fn build(floor: &Floor, search: Search) -> FloorSegments {
        let mut walls = Vec::new();
        let mut wall_slots = Vec::with_capacity(floor.walls.len());
        for (wi, wall) in floor.walls.iter().enumerate() {
            let start = walls.len();
            push_wall_segs(&mut walls, wi, wall);
            wall_slots.push(start..walls.len());
        }
        let opening_boxes: Vec<Bbox> = floor.openings.iter().map(opening_box).collect();
        let max_half_thickness = walls.iter().map(|w| w.half_thickness).fold(0.0, f64::max);
        let mut out = FloorSegments {
            wall_index: match search {
                Search::Indexed => BoxIndex::of_segments(walls.iter().map(|w| &w.seg)),
                Search::BruteForce => BoxIndex::default(),
            },
            opening_index: match search {
                Search::Indexed => BoxIndex::new(opening_boxes.iter().copied()),
                Search::BruteForce => BoxIndex::default(),
            },
            opening_boxes,
            wall_slots,
            walls,
            max_half_thickness,
            search,
            ..FloorSegments::default()
        };
        let n = out.walls.len();
        let mut sight_cuts: Vec<Vec<(f64, f64)>> = vec![Vec::new(); n];
        let mut walk_cuts: Vec<Vec<(f64, f64)>> = vec![Vec::new(); n];
        out.opening_on_wall = vec![false; floor.openings.len()];
        let reach = max_half_thickness.max(MIN_ON_WALL_TOLERANCE_M);
        // Which wall segments each opening cuts, found in parallel, then filed in opening
        // order (the cuts of a segment are sorted later, so the order only keeps runs alike).
        let found: Vec<Vec<(usize, (f64, f64))>> = floor
            .openings
            .par_iter()
            .map(|opening| {
                let (oa, ob) = (v2(opening.a), v2(opening.b));
                if len(ob - oa) <= 1e-9 {
                    return Vec::new();
                }
                out.walls_in(bbox_grown(&Seg::new(oa, ob), reach))
                    .into_iter()
                    .filter_map(|si| Some((si, cut_on(&out.walls[si], oa, ob)?)))
                    .collect()
            })
            .collect();
        for ((oi, opening), cuts) in floor.openings.iter().enumerate().zip(found) {
            for (si, cut) in cuts {
                out.opening_on_wall[oi] = true;
                if opening.see_through() {
                    sight_cuts[si].push(cut);
                }
                if opening.kind.walkable() {
                    walk_cuts[si].push(cut);
                }
            }
        }
        let sight = pieces(&out.walls, &mut sight_cuts);
        out.walk = pieces(&out.walls, &mut walk_cuts);
        out.walk_of = ranges_by_source(&out.walk, n);
        if search == Search::Indexed {
            let before = ranges_by_source(&sight, n);
            let index = &out.wall_index;
            out.sight = split_crossings(sight, |s| {
                index.along(s).flat_map(|w| before[w].clone()).collect()
            });
            out.sight_split = true;
        } else {
            out.sight = sight;
        }
        out.sight_of = ranges_by_source(&out.sight, n);
        out
    }

    fn walls_in(&self, (min, max): ([f64; 2], [f64; 2])) -> Vec<usize> {
        match self.search {
            Search::Indexed => self.wall_index.in_box(min, max).collect(),
            Search::BruteForce => (0..self.walls.len()).collect(),
        }
    }

    /// The pieces (indices into the list that `of` ranges over) cut from wall segments in a box.
    fn pieces_in(&self, of: &[Range<usize>], count: usize, b: ([f64; 2], [f64; 2])) -> Vec<usize> {
        match self.search {
            Search::Indexed => self
                .wall_index
                .in_box(b.0, b.1)
                .flat_map(|w| of[w].clone())
                .collect(),
            Search::BruteForce => (0..count).collect(),
        }
    }

    /// Every sight blocker: walls minus every opening, split where they cross.
    pub fn sight_pieces(&self) -> impl Iterator<Item = &Piece> + '_ {
        self.sight_of.iter().flat_map(|r| &self.sight[r.clone()])
    }

    /// Every walking blocker: walls minus doors and openings.
    pub fn walk_pieces(&self) -> impl Iterator<Item = &Piece> + '_ {
        self.walk_of.iter().flat_map(|r| &self.walk[r.clone()])
    }

    /// Indices of the wall segments that may lie within `r` of `p` (a superset).
    pub fn walls_near(&self, p: V2, r: f64) -> Vec<usize> {
        self.walls_in(square(p, r))
    }

    /// The thickness of the thickest wall the opening a–b lies on (as the cuts decide it), if
    /// any: an opening is drawn as wide as its own wall, not the floor's thickest.
    pub fn host_thickness(&self, a: V2, b: V2) -> Option<f64> {
        let o = Seg::new(a, b);
        let reach = self.max_half_thickness.max(MIN_ON_WALL_TOLERANCE_M);
        self.walls_in(bbox_grown(&o, reach))
            .into_iter()
            .filter_map(|i| self.walls.get(i))
            .filter(|ws| ws.wall != DEAD && cut_on(ws, a, b).is_some())
            .map(|ws| 2.0 * ws.half_thickness)
            .reduce(f64::max)
    }

    /// The sight blockers that may lie within `r` of `p` (a superset).
    pub fn sight_near(&self, p: V2, r: f64) -> Vec<&Piece> {
        let idx = self.pieces_in(&self.sight_of, self.sight.len(), square(p, r));
        idx.into_iter().map(|i| &self.sight[i]).collect()
    }

    /// The sight blockers that may meet the segment `s` (a superset).
    pub fn sight_along(&self, s: &Seg) -> Vec<&Piece> {
        let idx = self.pieces_in(&self.sight_of, self.sight.len(), bbox_grown(s, 0.0));
        idx.into_iter().map(|i| &self.sight[i]).collect()
    }

    /// The walking blockers that may meet the box around `s` grown by `margin` (a superset).
    pub fn walk_along(&self, s: &Seg, margin: f64) -> Vec<Seg> {
        let idx = self.pieces_in(&self.walk_of, self.walk.len(), bbox_grown(s, margin));
        idx.into_iter().map(|i| self.walk[i].seg).collect()
    }

    /// The walking blockers that may meet the box `min`–`max` (a superset).
    pub fn walk_in_box(&self, min: [f64; 2], max: [f64; 2]) -> Vec<Seg> {
        let idx = self.pieces_in(&self.walk_of, self.walk.len(), (min, max));
        idx.into_iter().map(|i| self.walk[i].seg).collect()
    }

    /// The drawn bodies of the walking blockers that may meet the box (a superset).
    pub fn walk_bodies_in_box(&self, min: [f64; 2], max: [f64; 2]) -> Vec<Body> {
        let idx = self.pieces_in(&self.walk_of, self.walk.len(), (min, max));
        idx.into_iter()
            .filter_map(|i| {
                let piece = self.walk.get(i)?;
                let ws = self.walls.get(piece.source)?;
                let slot = self.wall_slots.get(ws.wall)?;
                let (first, last) = (self.walls.get(slot.start)?, self.walls.get(slot.end - 1)?);
                let open = first.seg.a != last.seg.b;
                Some(Body {
                    seg: piece.seg,
                    half: ws.half_thickness,
                    capped: [
                        open && piece.source == slot.start && piece.seg.a == ws.seg.a,
                        open && piece.source + 1 == slot.end && piece.seg.b == ws.seg.b,
                    ],
                })
            })
            .collect()
    }
}

/// Patching: a change to some walls or openings redoes only the wall segments near it.
impl FloorSegments {
    /// Notes a change to wall `change` of the floor (already made to the floor): its old
    /// segments leave the index now; its new ones come in [`FloorSegments::finish`].
    pub fn note_wall(&mut self, patch: &mut Patch, change: Change) {
        if self.search == Search::BruteForce {
            patch.rebuild = true;
            return;
        }
        patch.walls.note(change);
        match change {
            Change::Set(wi) => {
                if let Some(r) = self.wall_slots.get(wi).cloned() {
                    self.kill(r, &mut patch.killed);
                    self.wall_slots[wi] = 0..0;
                }
            }
            Change::Inserted(wi) => {
                self.renumber_walls(wi, 1);
                change.mirror(&mut self.wall_slots, || 0..0);
            }
            Change::Removed(wi) => {
                if let Some(r) = self.wall_slots.get(wi).cloned() {
                    self.kill(r, &mut patch.killed);
                }
                change.mirror(&mut self.wall_slots, || 0..0);
                self.renumber_walls(wi + 1, -1);
            }
        }
    }

    /// Notes a change to opening `change` of the floor (already made to the floor).
    pub fn note_opening(&mut self, patch: &mut Patch, change: Change) {
        if self.search == Search::BruteForce {
            patch.rebuild = true;
            return;
        }
        patch.openings.note(change);
        match change {
            Change::Set(oi) | Change::Removed(oi) => {
                if let Some(b) = self.opening_boxes.get(oi).copied() {
                    self.opening_index.remove(b, oi);
                    patch.old_openings.push(b);
                }
            }
            Change::Inserted(_) => {}
        }
        match change {
            Change::Set(_) => {}
            Change::Inserted(oi) => self.opening_index.shift(oi, 1),
            Change::Removed(oi) => self.opening_index.shift(oi + 1, -1),
        }
        let empty = ([0.0; 2], [0.0; 2]);
        change.mirror(&mut self.opening_boxes, || empty);
        change.mirror(&mut self.opening_on_wall, || false);
    }

    /// Marks wall segments dead: out of the index, without pieces.
    fn kill(&mut self, slots: Range<usize>, killed: &mut Vec<Bbox>) {
        for s in slots {
            let b = seg_box(&self.walls[s].seg);
            self.wall_index.remove(b, s);
            killed.push(b);
            self.garbage += self.sight_of[s].len() + self.walk_of[s].len();
            self.sight_of[s] = 0..0;
            self.walk_of[s] = 0..0;
            self.walls[s].wall = DEAD;
            self.dead += 1;
        }
    }

    /// Adds `by` to the wall number of the live segments of walls `from` and above.
    fn renumber_walls(&mut self, from: usize, by: isize) {
        for w in self
            .walls
            .iter_mut()
            .filter(|w| w.wall != DEAD && w.wall >= from)
        {
            w.wall = w.wall.wrapping_add_signed(by);
        }
    }

    /// Brings the segments up to date with `floor` after the noted changes: cuts the changed
    /// walls, re-cuts the wall segments a changed opening may lie on, and splits again the
    /// sight pieces that may cross any of those. Returns where pieces or wall segments
    /// changed, and, when the wall segments were renumbered to drop dead ones, the new number
    /// of each old one ([`DEAD`] for dropped ones).
    pub fn finish(&mut self, floor: &Floor, patch: Patch) -> (Dirty, Option<Vec<usize>>) {
        if patch.rebuild {
            *self = FloorSegments::build(floor, self.search);
            return (Dirty::everywhere(), None);
        }
        let mut dirty = Dirty::default();
        // The changed walls' new segments.
        let mut changed: Vec<usize> = Vec::new();
        for wi in patch.walls.sorted() {
            let Some(wall) = floor.walls.get(wi) else {
                continue;
            };
            let start = self.walls.len();
            push_wall_segs(&mut self.walls, wi, wall);
            for s in start..self.walls.len() {
                self.wall_index.insert(seg_box(&self.walls[s].seg), s);
                self.sight_of.push(0..0);
                self.walk_of.push(0..0);
            }
            self.wall_slots[wi] = start..self.walls.len();
            changed.extend(start..self.walls.len());
        }
        self.max_half_thickness = self
            .walls
            .iter()
            .filter(|w| w.wall != DEAD)
            .map(|w| w.half_thickness)
            .fold(0.0, f64::max);
        let reach = self.max_half_thickness.max(MIN_ON_WALL_TOLERANCE_M);
        // The changed openings' new boxes; the wall segments they lay or lie on.
        let mut opening_moves = patch.old_openings.clone();
        let mut recheck_openings = patch.openings.sorted();
        for &oi in &recheck_openings {
            if let Some(o) = floor.openings.get(oi) {
                let b = opening_box(o);
                self.opening_boxes[oi] = b;
                self.opening_index.insert(b, oi);
                opening_moves.push(b);
            }
        }
        for b in &opening_moves {
            let (min, max) = grown(*b, reach);
            changed.extend(self.wall_index.in_box(min, max));
        }
        // Openings that may have come on or off a wall.
        for s in &changed {
            let (min, max) = grown(seg_box(&self.walls[*s].seg), reach);
            recheck_openings.extend(self.opening_index.in_box(min, max));
        }
        for b in &patch.killed {
            let (min, max) = grown(*b, reach);
            recheck_openings.extend(self.opening_index.in_box(min, max));
        }
        recheck_openings.sort_unstable();
        recheck_openings.dedup();
        for oi in recheck_openings {
            let Some(o) = floor.openings.get(oi) else {
                continue;
            };
            let (oa, ob) = (v2(o.a), v2(o.b));
            let on = len(ob - oa) > 1e-9 && {
                let (min, max) = grown(self.opening_boxes[oi], reach);
                self.wall_index
                    .in_box(min, max)
                    .any(|s| cut_on(&self.walls[s], oa, ob).is_some())
            };
            self.opening_on_wall[oi] = on;
        }
        // Everything that may cross a changed segment is split again.
        let mut redo = changed.clone();
        for b in changed
            .iter()
            .map(|s| seg_box(&self.walls[*s].seg))
            .chain(patch.killed.iter().copied())
        {
            redo.extend(self.wall_index.in_box(b.0, b.1));
        }
        redo.sort_unstable();
        redo.dedup();
        // Each segment's pieces before crossings are split, and the segments near them:
        // found first, so that splitting reads them without copies.
        let mut unsplit: std::collections::HashMap<usize, (Vec<Piece>, Vec<Piece>)> =
            std::collections::HashMap::new();
        let mut near: Vec<Vec<usize>> = Vec::with_capacity(redo.len());
        for &t in &redo {
            let sight = &unsplit
                .entry(t)
                .or_insert_with(|| self.cut_slot(floor, t, reach))
                .0;
            let around: Vec<usize> = match pieces_box(sight) {
                Some((min, max)) => self.wall_index.in_box(min, max).collect(),
                None => Vec::new(),
            };
            for &u in &around {
                unsplit
                    .entry(u)
                    .or_insert_with(|| self.cut_slot(floor, u, reach));
            }
            near.push(around);
        }
        for (&t, around) in redo.iter().zip(near) {
            let (sight, walk) = &unsplit[&t];
            let mut points: Vec<Vec<V2>> = vec![Vec::new(); sight.len()];
            for u in around {
                let others = &unsplit[&u].0;
                for (i, p) in sight.iter().enumerate() {
                    for (j, q) in others.iter().enumerate() {
                        // The crossing is computed from the piece that comes first, as the
                        // full build does, so both pieces are cut at the same point.
                        let x = if (t, i) < (u, j) {
                            proper_crossing(&p.seg, &q.seg)
                        } else if (t, i) > (u, j) {
                            proper_crossing(&q.seg, &p.seg)
                        } else {
                            None
                        };
                        points[i].extend(x);
                    }
                }
            }
            let start = self.sight.len();
            for (p, c) in sight.iter().zip(points) {
                split_at(*p, c, &mut self.sight);
            }
            self.garbage += self.sight_of[t].len() + self.walk_of[t].len();
            self.sight_of[t] = start..self.sight.len();
            let start = self.walk.len();
            self.walk.extend_from_slice(walk);
            self.walk_of[t] = start..self.walk.len();
            dirty.add(seg_box(&self.walls[t].seg));
        }
        for b in patch.killed {
            dirty.add(b);
        }
        if self.garbage > 1024 && self.garbage > (self.sight.len() + self.walk.len()) / 2 {
            self.compact_pieces();
        }
        let renumbered =
            (self.dead > 1024 && self.dead > self.walls.len() / 2).then(|| self.drop_dead());
        (dirty, renumbered)
    }

    /// The sight and walk pieces of wall segment `t` before crossings are split.
    fn cut_slot(&self, floor: &Floor, t: usize, reach: f64) -> (Vec<Piece>, Vec<Piece>) {
        let ws = &self.walls[t];
        let (mut sight_cuts, mut walk_cuts) = (Vec::new(), Vec::new());
        let (min, max) = grown(seg_box(&ws.seg), reach);
        for oi in self.opening_index.in_box(min, max) {
            let Some(o) = floor.openings.get(oi) else {
                continue;
            };
            let (oa, ob) = (v2(o.a), v2(o.b));
            if len(ob - oa) <= 1e-9 {
                continue;
            }
            if let Some(cut) = cut_on(ws, oa, ob) {
                if o.see_through() {
                    sight_cuts.push(cut);
                }
                if o.kind.walkable() {
                    walk_cuts.push(cut);
                }
            }
        }
        let (mut sight, mut walk) = (Vec::new(), Vec::new());
        pieces_of(ws, t, &mut sight_cuts, &mut sight);
        pieces_of(ws, t, &mut walk_cuts, &mut walk);
        (sight, walk)
    }

    /// Drops the pieces no range points to.
    fn compact_pieces(&mut self) {
        let keep = |list: &[Piece], of: &mut [Range<usize>]| {
            let mut out = Vec::with_capacity(list.len());
            for r in of.iter_mut() {
                let start = out.len();
                out.extend_from_slice(&list[r.clone()]);
                *r = start..out.len();
            }
            out
        };
        self.sight = keep(&self.sight, &mut self.sight_of);
        self.walk = keep(&self.walk, &mut self.walk_of);
        self.garbage = 0;
    }

    /// Drops the dead wall segments; returns each old segment's new number.
    fn drop_dead(&mut self) -> Vec<usize> {
        let mut renumber = vec![DEAD; self.walls.len()];
        let mut next = 0;
        for (old, w) in self.walls.iter().enumerate() {
            if w.wall != DEAD {
                renumber[old] = next;
                next += 1;
            }
        }
        let old_walls = std::mem::take(&mut self.walls);
        let old_sight_of = std::mem::take(&mut self.sight_of);
        let old_walk_of = std::mem::take(&mut self.walk_of);
        let (old_sight, old_walk) = (
            std::mem::take(&mut self.sight),
            std::mem::take(&mut self.walk),
        );
        for (old, w) in old_walls.into_iter().enumerate() {
            if w.wall == DEAD {
                continue;
            }
            let moved = |list: &[Piece], to: &mut Vec<Piece>| {
                let start = to.len();
                to.extend(list.iter().map(|p| Piece {
                    seg: p.seg,
                    source: renumber[old],
                }));
                start..to.len()
            };
            self.sight_of.push(moved(
                &old_sight[old_sight_of[old].clone()],
                &mut self.sight,
            ));
            self.walk_of
                .push(moved(&old_walk[old_walk_of[old].clone()], &mut self.walk));
            self.walls.push(w);
        }
        for r in self.wall_slots.iter_mut() {
            let live: Vec<usize> = r
                .clone()
                .map(|s| renumber[s])
                .filter(|s| *s != DEAD)
                .collect();
            *r = match (live.first(), live.last()) {
                (Some(a), Some(b)) => *a..*b + 1,
                _ => 0..0,
            };
        }
        self.wall_index = BoxIndex::of_segments(self.walls.iter().map(|w| &w.seg));
        self.dead = 0;
        self.garbage = 0;
        renumber
    }
}

/// Per wall segment, the range of `pieces` cut from it (pieces come in source order).
fn ranges_by_source(pieces: &[Piece], sources: usize) -> Vec<Range<usize>> {
    let mut out = vec![0..0; sources];
    let mut i = 0;
    while i < pieces.len() {
        let src = pieces[i].source;
        let start = i;
        while i < pieces.len() && pieces[i].source == src {
            i += 1;
        }
        out[src] = start..i;
    }
    out
}

fn square(p: V2, r: f64) -> ([f64; 2], [f64; 2]) {
    ([p.x - r, p.y - r], [p.x + r, p.y + r])
}

fn bbox_grown(s: &Seg, m: f64) -> ([f64; 2], [f64; 2]) {
    (
        [s.a.x.min(s.b.x) - m, s.a.y.min(s.b.y) - m],
        [s.a.x.max(s.b.x) + m, s.a.y.max(s.b.y) + m],
    )
}

/// The part of `ws` (as parameters 0..1) covered by the opening oa–ob, if it lies on it.
fn cut_on(ws: &WallSeg, oa: V2, ob: V2) -> Option<(f64, f64)> {
    let tol = ws.half_thickness.max(MIN_ON_WALL_TOLERANCE_M);
    let line_dist = |p: V2| {
        let d = ws.seg.b - ws.seg.a;
        cross(d, p - ws.seg.a).abs() / len(d)
    };
    if line_dist(oa) > tol || line_dist(ob) > tol {
        return None;
    }
    let ta = ws.seg.project_param(oa);
    let tb = ws.seg.project_param(ob);
    let (lo, hi) = (ta.min(tb).max(0.0), ta.max(tb).min(1.0));
    if (hi - lo) * ws.seg.length() > 1e-6 {
        Some((lo, hi))
    } else {
        None
    }
}

fn pieces(walls: &[WallSeg], cuts: &mut [Vec<(f64, f64)>]) -> Vec<Piece> {
    let mut out = Vec::with_capacity(walls.len());
    for (si, ws) in walls.iter().enumerate() {
        pieces_of(ws, si, &mut cuts[si], &mut out);
    }
    out
}

/// The pieces of wall segment `ws` (number `si`) left after the `cuts` (parameter ranges).
fn pieces_of(ws: &WallSeg, si: usize, cuts: &mut [(f64, f64)], out: &mut Vec<Piece>) {
    if ws.wall == DEAD {
        return;
    }
    cuts.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut t = 0.0;
    let min_t = 1e-9 / ws.seg.length();
    let d = ws.seg.b - ws.seg.a;
    let mut push = |t0: f64, t1: f64| {
        if t1 - t0 > min_t {
            out.push(Piece {
                seg: Seg::new(ws.seg.a + d * t0, ws.seg.a + d * t1),
                source: si,
            });
        }
    };
    for &(lo, hi) in cuts.iter() {
        if lo > t {
            push(t, lo);
        }
        t = t.max(hi);
    }
    if t < 1.0 {
        push(t, 1.0);
    }
}

/// The wall segments of one wall, appended to `walls`.
fn push_wall_segs(walls: &mut Vec<WallSeg>, wi: usize, wall: &crate::model::Wall) {
    for pair in wall.points.windows(2) {
        let seg = Seg::new(v2(pair[0]), v2(pair[1]));
        if seg.length() > 1e-9 {
            walls.push(WallSeg {
                seg,
                wall: wi,
                half_thickness: wall.thickness / 2.0,
            });
        }
    }
}

/// The box around some pieces; `None` for none.
fn pieces_box(pieces: &[Piece]) -> Option<Bbox> {
    let mut boxes = pieces.iter().map(|p| seg_box(&p.seg));
    let first = boxes.next()?;
    Some(boxes.fold(first, |(min, max), (a, b)| {
        (
            [min[0].min(a[0]), min[1].min(a[1])],
            [max[0].max(b[0]), max[1].max(b[1])],
        )
    }))
}

/// The box of an opening, as indexed.
fn opening_box(o: &crate::model::Opening) -> Bbox {
    seg_box(&Seg::new(v2(o.a), v2(o.b)))
}

/// Splits pieces whose interiors cross at the crossing point, so that afterwards pieces only
/// touch. Each crossing point is computed once and shared by both pieces. `candidates(s)`
/// gives the indices of the pieces that may meet `s`.
fn split_crossings(
    pieces: Vec<Piece>,
    candidates: impl Fn(&Seg) -> Vec<usize> + Sync,
) -> Vec<Piece> {
    // Pieces of one wall segment come together and share its box: ask once per run.
    let mut runs = Vec::new();
    let mut i = 0;
    while i < pieces.len() {
        let src = pieces[i].source;
        let mut end = i;
        while end < pieces.len() && pieces[end].source == src {
            end += 1;
        }
        runs.push(i..end);
        i = end;
    }
    // The crossings, found run by run in parallel: (piece, other piece, point).
    let crossings: Vec<(usize, usize, V2)> = runs
        .into_par_iter()
        .flat_map_iter(|run| {
            let Some((min, max)) = pieces_box(&pieces[run.clone()]) else {
                return Vec::new();
            };
            let near = candidates(&Seg::new(v2(min), v2(max)));
            let mut found = Vec::new();
            for pi in run {
                for &j in near.iter().filter(|&&j| j > pi) {
                    if let Some(x) = proper_crossing(&pieces[pi].seg, &pieces[j].seg) {
                        found.push((pi, j, x));
                    }
                }
            }
            found
        })
        .collect();
    let mut cuts: Vec<Vec<V2>> = vec![Vec::new(); pieces.len()];
    for (pi, j, x) in crossings {
        cuts[pi].push(x);
        cuts[j].push(x);
    }
    let mut out = Vec::with_capacity(pieces.len());
    for (p, c) in pieces.into_iter().zip(cuts) {
        split_at(p, c, &mut out);
    }
    out
}

/// Splits one piece at the points `c` on it.
fn split_at(p: Piece, mut c: Vec<V2>, out: &mut Vec<Piece>) {
    if c.is_empty() {
        out.push(p);
        return;
    }
    c.sort_by(|x, y| p.seg.project_param(*x).total_cmp(&p.seg.project_param(*y)));
    let mut from = p.seg.a;
    for x in c.into_iter().chain(std::iter::once(p.seg.b)) {
        if len(x - from) > 1e-12 {
            out.push(Piece {
                seg: Seg::new(from, x),
                source: p.source,
            });
            from = x;
        }
    }
}

/// The point where the interiors of two segments cross (not where one merely touches the other).
fn proper_crossing(s: &Seg, t: &Seg) -> Option<V2> {
    const EPS: f64 = 1e-9;
    let (u, v) = s.crossing_params(t)?;
    if u > EPS && u < 1.0 - EPS && v > EPS && v < 1.0 - EPS {
        Some(s.a + (s.b - s.a) * u)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_walls_are_split_once_at_the_shared_point() {
        let floor: Floor = serde_json::from_value(serde_json::json!({
            "id": "F",
            "walls": [{ "id": "a", "points": [[0, 0], [10, 0]] }, { "id": "b", "points": [[5, -5], [5, 5]] },
                      { "id": "c", "points": [[10, 0], [10, 5]] }]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        let indexed = FloorSegments::build(&floor, Search::Indexed);
        assert_eq!(
            indexed.sight_pieces().count(),
            5,
            "a and b split in two, c touches only"
        );
        assert!(indexed.sight_split);
        let brute = FloorSegments::build(&floor, Search::BruteForce);
        assert_eq!(brute.sight_pieces().count(), 3);
        assert_eq!(brute.walls_near(v2([100.0, 100.0]), 1.0).len(), 3);
        assert_eq!(indexed.walls_near(v2([100.0, 100.0]), 1.0).len(), 0);
    }
}
