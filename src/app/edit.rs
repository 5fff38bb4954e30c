//! Every change to the site goes through [`Edit::apply`], which returns the edit that undoes
//! it: undo and redo are two stacks of edits.
//!
//! ```
//! use sightline::app::edit::{Edit, Item};
//! use sightline::model::{Site, Zone, Extra};
//! let mut site = Site::new("Demo");
//! let zone = Zone { id: "z".into(), name: String::new(),
//!     polygon: vec![[0.0, 0.0], [1.0, 0.0], [1.0, 1.0]], extra: Extra::new() };
//! let undo = Edit::Insert { floor: 0, index: 0, item: Box::new(Item::Zone(zone)) }.apply(&mut site);
//! assert_eq!(site.floors[0].zones.len(), 1);
//! undo.apply(&mut site);
//! assert!(site.floors[0].zones.is_empty());
//! ```

use crate::analysis::{ObjectChange, ObjectKind};
use crate::checker::Step as CheckStep;
use crate::geometry::change::{points_box, Change};
use crate::model::{
    Device, Extra, Floor, Opening, Point, Processor, Sign, Site, Space, Underlay, Wall, Zone,
};

/// The kinds of object a floor holds, in the order the editor picks them (topmost first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ItemKind {
    Device,
    Sign,
    Opening,
    Wall,
    Zone,
    Space,
}

impl ItemKind {
    /// Every kind, topmost first.
    pub const ALL: [ItemKind; 6] = [
        ItemKind::Device,
        ItemKind::Sign,
        ItemKind::Opening,
        ItemKind::Wall,
        ItemKind::Zone,
        ItemKind::Space,
    ];
}

/// One object of a floor: its kind and index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemRef {
    pub kind: ItemKind,
    pub index: usize,
}

/// One object of a floor, owned.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Item {
    Wall(Wall),
    Opening(Opening),
    Space(Space),
    Device(Device),
    Sign(Sign),
    Zone(Zone),
}

impl Item {
    pub fn kind(&self) -> ItemKind {
        match self {
            Item::Wall(_) => ItemKind::Wall,
            Item::Opening(_) => ItemKind::Opening,
            Item::Space(_) => ItemKind::Space,
            Item::Device(_) => ItemKind::Device,
            Item::Sign(_) => ItemKind::Sign,
            Item::Zone(_) => ItemKind::Zone,
        }
    }

    pub fn id(&self) -> &str {
        match self {
            Item::Wall(x) => &x.id,
            Item::Opening(x) => &x.id,
            Item::Space(x) => &x.id,
            Item::Device(x) => &x.id,
            Item::Sign(x) => &x.id,
            Item::Zone(x) => &x.id,
        }
    }

    pub fn set_id(&mut self, id: String) {
        match self {
            Item::Wall(x) => x.id = id,
            Item::Opening(x) => x.id = id,
            Item::Space(x) => x.id = id,
            Item::Device(x) => x.id = id,
            Item::Sign(x) => x.id = id,
            Item::Zone(x) => x.id = id,
        }
    }

    /// Every point of the object, in plan metres.
    pub fn points(&self) -> Vec<Point> {
        match self {
            Item::Wall(x) => x.points.clone(),
            Item::Opening(x) => vec![x.a, x.b],
            Item::Space(x) => x.polygon.clone(),
            Item::Device(x) => vec![x.position],
            Item::Sign(x) => vec![x.position],
            Item::Zone(x) => x.polygon.clone(),
        }
    }

    /// Moves every point of the object by `by` metres.
    pub fn translate(&mut self, by: [f64; 2]) {
        let mv = |p: &mut Point| {
            p[0] += by[0];
            p[1] += by[1];
        };
        match self {
            Item::Wall(x) => x.points.iter_mut().for_each(mv),
            Item::Opening(x) => {
                mv(&mut x.a);
                mv(&mut x.b);
            }
            Item::Space(x) => x.polygon.iter_mut().for_each(mv),
            Item::Device(x) => mv(&mut x.position),
            Item::Sign(x) => mv(&mut x.position),
            Item::Zone(x) => x.polygon.iter_mut().for_each(mv),
        }
    }
}

/// The object `at` of a floor, cloned.
pub fn get(floor: &Floor, at: ItemRef) -> Option<Item> {
    let i = at.index;
    Some(match at.kind {
        ItemKind::Wall => Item::Wall(floor.walls.get(i)?.clone()),
        ItemKind::Opening => Item::Opening(floor.openings.get(i)?.clone()),
        ItemKind::Space => Item::Space(floor.spaces.get(i)?.clone()),
        ItemKind::Device => Item::Device(floor.devices.get(i)?.clone()),
        ItemKind::Sign => Item::Sign(floor.signs.get(i)?.clone()),
        ItemKind::Zone => Item::Zone(floor.zones.get(i)?.clone()),
    })
}

/// Every object of a floor, topmost kind first.
pub fn refs(floor: &Floor) -> impl Iterator<Item = ItemRef> + '_ {
    ItemKind::ALL
        .into_iter()
        .flat_map(move |kind| (0..count(floor, kind)).map(move |index| ItemRef { kind, index }))
}

/// The id of an object (without copying the object).
pub fn id(floor: &Floor, at: ItemRef) -> Option<&str> {
    let i = at.index;
    Some(match at.kind {
        ItemKind::Wall => &floor.walls.get(i)?.id,
        ItemKind::Opening => &floor.openings.get(i)?.id,
        ItemKind::Space => &floor.spaces.get(i)?.id,
        ItemKind::Device => &floor.devices.get(i)?.id,
        ItemKind::Sign => &floor.signs.get(i)?.id,
        ItemKind::Zone => &floor.zones.get(i)?.id,
    })
}

/// How many objects of a kind a floor has.
pub fn count(floor: &Floor, kind: ItemKind) -> usize {
    match kind {
        ItemKind::Wall => floor.walls.len(),
        ItemKind::Opening => floor.openings.len(),
        ItemKind::Space => floor.spaces.len(),
        ItemKind::Device => floor.devices.len(),
        ItemKind::Sign => floor.signs.len(),
        ItemKind::Zone => floor.zones.len(),
    }
}

/// The edits that add `items` after the objects of their kind on floor `fi`, and where each
/// one lands.
pub fn append(
    floor: &Floor,
    fi: usize,
    items: impl IntoIterator<Item = Item>,
) -> (Vec<Edit>, std::collections::BTreeSet<ItemRef>) {
    let mut counts: std::collections::HashMap<ItemKind, usize> = Default::default();
    let mut edits = Vec::new();
    let mut placed = std::collections::BTreeSet::new();
    for item in items {
        let kind = item.kind();
        let n = counts.entry(kind).or_insert_with(|| count(floor, kind));
        placed.insert(ItemRef { kind, index: *n });
        edits.push(Edit::Insert {
            floor: fi,
            index: *n,
            item: Box::new(item),
        });
        *n += 1;
    }
    (edits, placed)
}

fn replace<T>(list: &mut [T], i: usize, value: T) -> Option<T> {
    list.get_mut(i).map(|slot| std::mem::replace(slot, value))
}

fn insert<T>(list: &mut Vec<T>, i: usize, value: T) -> bool {
    if i <= list.len() {
        list.insert(i, value);
        true
    } else {
        false
    }
}

fn remove<T>(list: &mut Vec<T>, i: usize) -> Option<T> {
    (i < list.len()).then(|| list.remove(i))
}

/// Replaces object `index` of the item's kind; returns the old one (`None` if there is no such
/// object).
fn set_item(floor: &mut Floor, index: usize, item: Item) -> Option<Item> {
    match item {
        Item::Wall(x) => replace(&mut floor.walls, index, x).map(Item::Wall),
        Item::Opening(x) => replace(&mut floor.openings, index, x).map(Item::Opening),
        Item::Space(x) => replace(&mut floor.spaces, index, x).map(Item::Space),
        Item::Device(x) => replace(&mut floor.devices, index, x).map(Item::Device),
        Item::Sign(x) => replace(&mut floor.signs, index, x).map(Item::Sign),
        Item::Zone(x) => replace(&mut floor.zones, index, x).map(Item::Zone),
    }
}

fn insert_item(floor: &mut Floor, index: usize, item: Item) -> bool {
    match item {
        Item::Wall(x) => insert(&mut floor.walls, index, x),
        Item::Opening(x) => insert(&mut floor.openings, index, x),
        Item::Space(x) => insert(&mut floor.spaces, index, x),
        Item::Device(x) => insert(&mut floor.devices, index, x),
        Item::Sign(x) => insert(&mut floor.signs, index, x),
        Item::Zone(x) => insert(&mut floor.zones, index, x),
    }
}

/// Removes an object from a floor (no undo step: for scratch copies).
pub fn remove_from(floor: &mut Floor, at: ItemRef) -> Option<Item> {
    let i = at.index;
    Some(match at.kind {
        ItemKind::Wall => Item::Wall(remove(&mut floor.walls, i)?),
        ItemKind::Opening => Item::Opening(remove(&mut floor.openings, i)?),
        ItemKind::Space => Item::Space(remove(&mut floor.spaces, i)?),
        ItemKind::Device => Item::Device(remove(&mut floor.devices, i)?),
        ItemKind::Sign => Item::Sign(remove(&mut floor.signs, i)?),
        ItemKind::Zone => Item::Zone(remove(&mut floor.zones, i)?),
    })
}

/// The checker's name for a kind of object.
fn object_kind(kind: ItemKind) -> ObjectKind {
    match kind {
        ItemKind::Wall => ObjectKind::Wall,
        ItemKind::Opening => ObjectKind::Opening,
        ItemKind::Space => ObjectKind::Space,
        ItemKind::Device => ObjectKind::Device,
        ItemKind::Sign => ObjectKind::Sign,
        ItemKind::Zone => ObjectKind::Zone,
    }
}

/// The note of one object of `kind` changed on `floor`; `old` is the object as it was.
fn step(
    floor: usize,
    kind: ItemKind,
    change: Change,
    old: Option<&Item>,
    new_id: Option<String>,
) -> CheckStep {
    CheckStep {
        floor,
        object: ObjectChange {
            kind: object_kind(kind),
            change,
            old_box: old.and_then(|o| points_box(&o.points())),
        },
        old_id: old.map(|o| o.id().to_owned()),
        new_id,
    }
}

/// The site-level fields (everything but the floors).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SiteFields {
    pub name: String,
    pub processor: Option<Processor>,
    pub faces_stored: Option<u64>,
    pub filed_with_authority: bool,
    pub filed_with_police: bool,
    pub retention_days: Option<u64>,
    pub face_density: f64,
    pub face_height: Option<f64>,
    pub person_height: Option<f64>,
    pub venue: Option<crate::model::Venue>,
    pub designated_key_place: bool,
    pub impact_assessment: Option<crate::model::ImpactAssessment>,
    pub minors_rules: bool,
    pub extra: Extra,
}

impl SiteFields {
    pub fn of(site: &Site) -> SiteFields {
        SiteFields {
            name: site.name.clone(),
            processor: site.processor.clone(),
            faces_stored: site.faces_stored,
            filed_with_authority: site.filed_with_authority,
            filed_with_police: site.filed_with_police,
            retention_days: site.retention_days,
            face_density: site.face_density,
            face_height: site.face_height,
            person_height: site.person_height,
            venue: site.venue,
            designated_key_place: site.designated_key_place,
            impact_assessment: site.impact_assessment.clone(),
            minors_rules: site.minors_rules,
            extra: site.extra.clone(),
        }
    }

    /// Puts these fields into the site; returns the fields it had.
    fn swap_into(self, site: &mut Site) -> SiteFields {
        let old = SiteFields::of(site);
        site.name = self.name;
        site.processor = self.processor;
        site.faces_stored = self.faces_stored;
        site.filed_with_authority = self.filed_with_authority;
        site.filed_with_police = self.filed_with_police;
        site.retention_days = self.retention_days;
        site.face_density = self.face_density;
        site.face_height = self.face_height;
        site.person_height = self.person_height;
        site.venue = self.venue;
        site.designated_key_place = self.designated_key_place;
        site.impact_assessment = self.impact_assessment;
        site.minors_rules = self.minors_rules;
        site.extra = self.extra;
        old
    }
}

/// A floor's own fields (everything but its objects).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FloorFields {
    pub id: String,
    pub name: String,
    pub underlay: Option<Underlay>,
}

impl FloorFields {
    pub fn of(floor: &Floor) -> FloorFields {
        FloorFields {
            id: floor.id.clone(),
            name: floor.name.clone(),
            underlay: floor.underlay.clone(),
        }
    }

    fn swap_into(self, floor: &mut Floor) -> FloorFields {
        FloorFields {
            id: std::mem::replace(&mut floor.id, self.id),
            name: std::mem::replace(&mut floor.name, self.name),
            underlay: std::mem::replace(&mut floor.underlay, self.underlay),
        }
    }
}

/// A change to the site.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Replace object `index` (of the item's kind) on a floor.
    Set {
        floor: usize,
        index: usize,
        item: Box<Item>,
    },
    /// Insert an object at `index` among those of its kind.
    Insert {
        floor: usize,
        index: usize,
        item: Box<Item>,
    },
    /// Remove an object.
    Remove {
        floor: usize,
        at: ItemRef,
    },
    /// Replace the site-level fields.
    Site(Box<SiteFields>),
    /// Replace a floor's id, name and underlay.
    FloorFields {
        floor: usize,
        fields: Box<FloorFields>,
    },
    InsertFloor {
        index: usize,
        floor: Box<Floor>,
    },
    RemoveFloor {
        index: usize,
    },
    /// Move floor `from` so that it ends up at index `to`.
    MoveFloor {
        from: usize,
        to: usize,
    },
    /// Several edits as one step (applied in order, undone in reverse).
    Batch(Vec<Edit>),
}

impl Edit {
    /// Rewrites the underlay picture paths the edit holds (a site saved into another folder).
    pub fn map_underlays(&mut self, f: &dyn Fn(&str) -> String) {
        let underlay = match self {
            Edit::FloorFields { fields, .. } => fields.underlay.as_mut(),
            Edit::InsertFloor { floor, .. } => floor.underlay.as_mut(),
            Edit::Batch(edits) => {
                for e in edits {
                    e.map_underlays(f);
                }
                None
            }
            _ => None,
        };
        if let Some(u) = underlay {
            u.image = f(&u.image);
        }
    }
}

/// What an edit may have changed, for re-checking.
#[derive(Clone, Debug, PartialEq)]
pub enum Changed {
    /// Only objects of floors, set, inserted or removed: the incremental checker follows the
    /// steps [`Edit::apply_noting`] notes.
    Objects,
    /// Only the site's own fields, the face density kept: only the site-wide rules change.
    SiteFields,
    /// Anything else: check the site again.
    Site,
}

impl Edit {
    /// Applies the edit and returns its inverse. Edits naming objects that no longer exist
    /// change nothing and return an empty batch.
    pub fn apply(self, site: &mut Site) -> Edit {
        self.apply_noting(site, &mut Vec::new())
    }

    /// Applies the edit, noting each object set, inserted or removed, in order, for the
    /// incremental checker; returns its inverse.
    pub fn apply_noting(self, site: &mut Site, steps: &mut Vec<CheckStep>) -> Edit {
        let nothing = Edit::Batch(Vec::new());
        match self {
            Edit::Set { floor, index, item } => {
                let Some(f) = site.floors.get_mut(floor) else {
                    return nothing;
                };
                let new_id = item.id().to_owned();
                match set_item(f, index, *item) {
                    Some(old) => {
                        let kind = old.kind();
                        steps.push(step(
                            floor,
                            kind,
                            Change::Set(index),
                            Some(&old),
                            Some(new_id),
                        ));
                        Edit::Set {
                            floor,
                            index,
                            item: Box::new(old),
                        }
                    }
                    None => nothing,
                }
            }
            Edit::Insert { floor, index, item } => {
                let kind = item.kind();
                let new_id = item.id().to_owned();
                let inserted = site
                    .floors
                    .get_mut(floor)
                    .is_some_and(|f| insert_item(f, index, *item));
                if inserted {
                    steps.push(step(
                        floor,
                        kind,
                        Change::Inserted(index),
                        None,
                        Some(new_id),
                    ));
                    Edit::Remove {
                        floor,
                        at: ItemRef { kind, index },
                    }
                } else {
                    nothing
                }
            }
            Edit::Remove { floor, at } => {
                match site.floors.get_mut(floor).and_then(|f| remove_from(f, at)) {
                    Some(item) => {
                        steps.push(step(
                            floor,
                            at.kind,
                            Change::Removed(at.index),
                            Some(&item),
                            None,
                        ));
                        Edit::Insert {
                            floor,
                            index: at.index,
                            item: Box::new(item),
                        }
                    }
                    None => nothing,
                }
            }
            Edit::Site(fields) => Edit::Site(Box::new(fields.swap_into(site))),
            Edit::FloorFields { floor, fields } => match site.floors.get_mut(floor) {
                Some(f) => Edit::FloorFields {
                    floor,
                    fields: Box::new(fields.swap_into(f)),
                },
                None => nothing,
            },
            Edit::InsertFloor { index, floor } => {
                if insert(&mut site.floors, index, *floor) {
                    Edit::RemoveFloor { index }
                } else {
                    nothing
                }
            }
            Edit::RemoveFloor { index } => match remove(&mut site.floors, index) {
                Some(floor) => Edit::InsertFloor {
                    index,
                    floor: Box::new(floor),
                },
                None => nothing,
            },
            Edit::MoveFloor { from, to } => {
                let n = site.floors.len();
                if from >= n || to >= n {
                    return nothing;
                }
                let f = site.floors.remove(from);
                site.floors.insert(to, f);
                Edit::MoveFloor { from: to, to: from }
            }
            Edit::Batch(edits) => {
                let mut undo: Vec<Edit> = edits
                    .into_iter()
                    .map(|e| e.apply_noting(site, steps))
                    .collect();
                undo.reverse();
                Edit::Batch(undo)
            }
        }
    }

    /// What applying this edit to `site` (as it is now, before the edit) may change.
    pub fn changes(&self, site: &Site) -> Changed {
        if let Edit::Site(fields) = self {
            if fields.face_density == site.face_density
                && fields.face_height == site.face_height
                && fields.person_height == site.person_height
            {
                return Changed::SiteFields;
            }
        }
        if self.objects_only() {
            Changed::Objects
        } else {
            Changed::Site
        }
    }

    /// Does the edit only set, insert or remove objects of floors?
    fn objects_only(&self) -> bool {
        match self {
            Edit::Set { .. } | Edit::Insert { .. } | Edit::Remove { .. } => true,
            Edit::Batch(edits) => edits.iter().all(Edit::objects_only),
            _ => false,
        }
    }

    /// Does the edit change nothing?
    pub fn is_empty(&self) -> bool {
        matches!(self, Edit::Batch(e) if e.iter().all(Edit::is_empty))
    }
}

/// What an edit changes, for deciding whether it continues the previous undo step: two edits
/// make one step only when they change the same fields of the same objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeKey {
    /// The floor, for objects and floor fields; `None` for the site's fields.
    pub floor: Option<usize>,
    /// The objects changed (sorted), empty for site or floor fields.
    pub objects: Vec<ItemRef>,
    /// The fields changed (sorted): `geometry` for an object's points, else the field names
    /// of the file format.
    pub fields: Vec<String>,
}

/// The top-level fields in which two values' JSON forms differ.
fn differing_fields<T: serde::Serialize>(a: &T, b: &T) -> Vec<String> {
    let (Ok(a), Ok(b)) = (serde_json::to_value(a), serde_json::to_value(b)) else {
        return vec!["?".to_owned()];
    };
    // Objects serialise as {"type", "value"}; compare the value's fields.
    let inner = |v: serde_json::Value| match v {
        serde_json::Value::Object(mut m) if m.contains_key("type") => {
            m.remove("value").unwrap_or_default()
        }
        other => other,
    };
    let (a, b) = (inner(a), inner(b));
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return vec!["?".to_owned()];
    };
    let mut out: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

impl Edit {
    /// The key under which this edit, about to be applied to `site`, may continue the
    /// previous undo step; `None` for edits that are always a step of their own (adding or
    /// removing objects and floors).
    ///
    /// ```
    /// use sightline::app::edit::{Edit, SiteFields};
    /// let site = sightline::model::Site::new("Demo");
    /// let mut fields = SiteFields::of(&site);
    /// fields.name = "Demo 2".into();
    /// let key = Edit::Site(Box::new(fields)).merge_key(&site).unwrap_or_else(|| panic!());
    /// assert_eq!(key.fields, ["name"]);
    /// ```
    pub fn merge_key(&self, site: &Site) -> Option<MergeKey> {
        match self {
            Edit::Site(fields) => Some(MergeKey {
                floor: None,
                objects: Vec::new(),
                fields: differing_fields(&SiteFields::of(site), fields.as_ref()),
            }),
            Edit::FloorFields { floor, fields } => {
                let old = FloorFields::of(site.floors.get(*floor)?);
                Some(MergeKey {
                    floor: Some(*floor),
                    objects: Vec::new(),
                    fields: differing_fields(&old, fields.as_ref()),
                })
            }
            Edit::Set { .. } | Edit::Batch(_) => {
                let mut sets = Vec::new();
                self.sets(&mut sets)?;
                let floor = sets.first().map(|(f, _, _)| *f)?;
                let mut objects = Vec::with_capacity(sets.len());
                let mut fields: Vec<String> = Vec::new();
                for (f, index, item) in sets {
                    if f != floor {
                        return None;
                    }
                    let at = ItemRef {
                        kind: item.kind(),
                        index,
                    };
                    let old = get(site.floors.get(f)?, at)?;
                    // Moving is told apart cheaply; other changes by their fields.
                    let changed = if old.points() != item.points() {
                        vec!["geometry".to_owned()]
                    } else {
                        differing_fields(&old, item)
                    };
                    fields.extend(changed);
                    objects.push(at);
                }
                objects.sort();
                objects.dedup();
                fields.sort();
                fields.dedup();
                Some(MergeKey {
                    floor: Some(floor),
                    objects,
                    fields,
                })
            }
            _ => None,
        }
    }

    /// Every `Set` of this edit, or `None` if it does anything else.
    fn sets<'a>(&'a self, out: &mut Vec<(usize, usize, &'a Item)>) -> Option<()> {
        match self {
            Edit::Set { floor, index, item } => {
                out.push((*floor, *index, item));
                Some(())
            }
            Edit::Batch(edits) => edits.iter().try_for_each(|e| e.sets(out)),
            _ => None,
        }
    }
}

/// One undo step: the edit that undoes it, and the id of the state it leads to.
#[derive(Clone, Debug)]
struct Step {
    id: u64,
    edit: Edit,
}

/// Undo and redo stacks, at most [`History::MAX_STEPS`] deep, with a marker for the saved
/// state.
#[derive(Clone, Debug)]
pub struct History {
    undo: std::collections::VecDeque<Step>,
    redo: Vec<Step>,
    /// The key of the last step while the next edit may continue it.
    open: Option<MergeKey>,
    /// The state the bottom of the undo stack leads back to.
    base: u64,
    /// The saved state, if it can still be reached.
    saved: Option<u64>,
    next_id: u64,
}

impl Default for History {
    fn default() -> History {
        History {
            undo: Default::default(),
            redo: Vec::new(),
            open: None,
            base: 0,
            saved: Some(0),
            next_id: 1,
        }
    }
}

impl History {
    /// The most undo steps kept; older ones are forgotten.
    pub const MAX_STEPS: usize = 500;

    fn new_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The state the site is in now.
    fn current(&self) -> u64 {
        self.undo.back().map_or(self.base, |s| s.id)
    }

    /// Applies an edit as an undo step of its own.
    /// Returns the objects it changed, for the checker.
    pub fn apply(&mut self, site: &mut Site, edit: Edit) -> Vec<CheckStep> {
        let mut steps = Vec::new();
        let inverse = edit.apply_noting(site, &mut steps);
        let id = self.new_id();
        self.push(Step { id, edit: inverse });
        self.open = None;
        self.redo.clear();
        steps
    }

    /// Applies an edit that continues the last step when it changes the same fields of the
    /// same objects (typing in a field, nudging with the arrow keys) and the step is still
    /// open; otherwise it starts a step of its own, which stays open.
    pub fn apply_merging(&mut self, site: &mut Site, edit: Edit) -> Vec<CheckStep> {
        let key = edit.merge_key(site);
        let mut steps = Vec::new();
        let inverse = edit.apply_noting(site, &mut steps);
        let merge = key.is_some() && key == self.open && !self.undo.is_empty();
        let id = self.new_id();
        match self.undo.back_mut() {
            // The first edit's inverse already restores these fields of these objects; the
            // state is a new one (it is not the saved one any more).
            Some(top) if merge => top.id = id,
            _ => self.push(Step { id, edit: inverse }),
        }
        self.open = key;
        self.redo.clear();
        steps
    }

    fn push(&mut self, step: Step) {
        self.undo.push_back(step);
        while self.undo.len() > Self::MAX_STEPS {
            if let Some(old) = self.undo.pop_front() {
                self.base = old.id;
            }
        }
    }

    /// Undoes the last step; `None` when there is none, else the objects it changed.
    pub fn undo(&mut self, site: &mut Site) -> Option<Vec<CheckStep>> {
        self.open = None;
        let step = self.undo.pop_back()?;
        let mut steps = Vec::new();
        self.redo.push(Step {
            id: step.id,
            edit: step.edit.apply_noting(site, &mut steps),
        });
        Some(steps)
    }

    /// Redoes the last undone step; `None` when there is none, else the objects it changed.
    pub fn redo(&mut self, site: &mut Site) -> Option<Vec<CheckStep>> {
        self.open = None;
        let step = self.redo.pop()?;
        let mut steps = Vec::new();
        let edit = step.edit.apply_noting(site, &mut steps);
        self.push(Step { id: step.id, edit });
        Some(steps)
    }

    /// The edit the next undo would apply.
    pub fn next_undo(&self) -> Option<&Edit> {
        self.undo.back().map(|s| &s.edit)
    }

    /// The edit the next redo would apply.
    pub fn next_redo(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.edit)
    }

    /// Ends merging: the next edit is a step of its own.
    pub fn seal(&mut self) {
        self.open = None;
    }

    /// Rewrites the underlay picture paths held by every undo and redo step.
    pub fn map_underlays(&mut self, f: &dyn Fn(&str) -> String) {
        for step in self.undo.iter_mut().chain(self.redo.iter_mut()) {
            step.edit.map_underlays(f);
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// How many steps can be undone.
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// The site as it is now is the saved one.
    pub fn mark_saved(&mut self) {
        self.saved = Some(self.current());
        self.open = None;
    }

    /// The site as it is now is not saved anywhere (a recovered copy).
    pub fn mark_unsaved(&mut self) {
        self.saved = None;
    }

    /// Does the site differ from the saved one? Undoing back to it makes it clean again.
    pub fn is_dirty(&self) -> bool {
        self.saved != Some(self.current())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        serde_json::from_value(serde_json::json!({
            "format": "sightline-site", "version": 1,
            "floors": [
                { "id": "F", "devices": [{ "id": "c", "position": [1, 2], "heading": 0, "fov": 90 }],
                  "walls": [{ "id": "w1", "points": [[0, 0], [4, 0]] }, { "id": "w2", "points": [[0, 0], [0, 4]] }] },
                { "id": "G" }
            ]
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn site_field_edits_recheck_only_the_site_unless_the_face_density_changes() {
        let site = site();
        let mut fields = SiteFields::of(&site);
        fields.filed_with_police = !site.filed_with_police;
        fields.retention_days = Some(45);
        assert_eq!(
            Edit::Site(Box::new(fields.clone())).changes(&site),
            Changed::SiteFields
        );
        let mut taller = fields.clone();
        taller.face_height = Some(1.7);
        assert_eq!(Edit::Site(Box::new(taller)).changes(&site), Changed::Site);
        fields.face_density += 50.0;
        assert_eq!(Edit::Site(Box::new(fields)).changes(&site), Changed::Site);
    }

    #[test]
    fn every_edit_round_trips_through_undo_and_redo() {
        let mut s = site();
        let original = s.clone();
        let mut moved = s.floors[0].devices[0].clone();
        moved.position = [5.0, 6.0];
        let mut fields = SiteFields::of(&s);
        fields.name = "Renamed".into();
        fields.retention_days = Some(30);
        let edits = vec![
            Edit::Set {
                floor: 0,
                index: 0,
                item: Box::new(Item::Device(moved)),
            },
            Edit::Remove {
                floor: 0,
                at: ItemRef {
                    kind: ItemKind::Wall,
                    index: 0,
                },
            },
            Edit::Insert {
                floor: 1,
                index: 0,
                item: Box::new(Item::Wall(original.floors[0].walls[1].clone())),
            },
            Edit::Site(Box::new(fields)),
            Edit::FloorFields {
                floor: 1,
                fields: Box::new(FloorFields {
                    id: "G2".into(),
                    name: "Second".into(),
                    underlay: None,
                }),
            },
            Edit::InsertFloor {
                index: 2,
                floor: Box::new(Floor::new("H", "3F")),
            },
            Edit::MoveFloor { from: 2, to: 0 },
            Edit::RemoveFloor { index: 1 },
        ];
        let mut h = History::default();
        for e in edits {
            h.apply(&mut s, e);
        }
        assert_eq!(s.name, "Renamed");
        assert_eq!(s.retention_days, Some(30));
        let ids: Vec<&str> = s.floors.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["H", "G2"]);
        assert_eq!(s.floors[1].walls[0].id, "w2");
        let after = s.clone();
        while h.undo(&mut s).is_some() {}
        assert_eq!(s, original);
        while h.redo(&mut s).is_some() {}
        assert_eq!(s, after);
    }

    #[test]
    fn a_batch_undoes_in_reverse_and_merged_edits_are_one_step() {
        let mut s = site();
        let original = s.clone();
        let mut h = History::default();
        // Remove both walls: the higher index first keeps the lower one valid.
        let remove = |i| Edit::Remove {
            floor: 0,
            at: ItemRef {
                kind: ItemKind::Wall,
                index: i,
            },
        };
        h.apply(&mut s, Edit::Batch(vec![remove(1), remove(0)]));
        assert!(s.floors[0].walls.is_empty());
        h.undo(&mut s);
        assert_eq!(s, original);
        for name in ["a", "ab", "abc"] {
            let mut f = SiteFields::of(&s);
            f.name = name.into();
            h.apply_merging(&mut s, Edit::Site(Box::new(f)));
        }
        assert_eq!(s.name, "abc");
        h.undo(&mut s);
        assert_eq!(s, original);
        assert!(!h.can_undo());
    }

    #[test]
    fn changes_tells_object_edits_from_the_rest_and_notes_each_object() {
        let mut s = site();
        let mut d = s.floors[0].devices[0].clone();
        d.heading = 45.0;
        d.id = "renamed".into();
        let old_id = s.floors[0].devices[0].id.clone();
        let at = s.floors[0].devices[0].position;
        let turn = Edit::Batch(vec![
            Edit::Set {
                floor: 0,
                index: 0,
                item: Box::new(Item::Device(d.clone())),
            },
            Edit::Remove {
                floor: 0,
                at: ItemRef {
                    kind: ItemKind::Device,
                    index: 0,
                },
            },
        ]);
        assert_eq!(turn.changes(&s), Changed::Objects);
        let mut steps = Vec::new();
        let undo = turn.apply_noting(&mut s, &mut steps);
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0].object.kind, ObjectKind::Device);
        assert_eq!(steps[0].object.change, Change::Set(0));
        assert_eq!(steps[0].old_id.as_deref(), Some(old_id.as_str()));
        assert_eq!(steps[0].new_id.as_deref(), Some("renamed"));
        assert_eq!(steps[0].object.old_box, Some((at, at)));
        assert_eq!(steps[1].object.change, Change::Removed(0));
        assert_eq!(steps[1].old_id.as_deref(), Some("renamed"));
        assert_eq!(steps[1].new_id, None);
        steps.clear();
        undo.apply_noting(&mut s, &mut steps);
        assert_eq!(steps[0].object.change, Change::Inserted(0));
        assert_eq!(steps[0].object.kind, ObjectKind::Device);
        assert_eq!(steps[0].new_id.as_deref(), Some("renamed"));
        assert_eq!(Edit::RemoveFloor { index: 1 }.changes(&s), Changed::Site);
    }

    #[test]
    fn edits_on_missing_objects_change_nothing() {
        let mut s = site();
        let original = s.clone();
        let undo = Edit::Remove {
            floor: 7,
            at: ItemRef {
                kind: ItemKind::Zone,
                index: 0,
            },
        }
        .apply(&mut s);
        assert!(undo.is_empty());
        assert_eq!(s, original);
    }

    #[test]
    fn merging_needs_the_same_objects_and_fields_and_history_is_capped() {
        let mut s = site();
        let mut h = History::default();
        let nudge = |s: &Site, walls: &[usize]| {
            Edit::Batch(
                walls
                    .iter()
                    .map(|&i| {
                        let mut w = s.floors[0].walls[i].clone();
                        w.points.iter_mut().for_each(|p| p[0] += 0.1);
                        Edit::Set {
                            floor: 0,
                            index: i,
                            item: Box::new(Item::Wall(w)),
                        }
                    })
                    .collect(),
            )
        };
        let original = s.clone();
        let e = nudge(&s, &[0]);
        h.apply_merging(&mut s, e);
        let e = nudge(&s, &[0]);
        h.apply_merging(&mut s, e);
        let after_first = s.clone();
        // Other objects: a step of its own even though nothing sealed the first.
        let e = nudge(&s, &[0, 1]);
        h.apply_merging(&mut s, e);
        assert_eq!(h.len(), 2);
        h.undo(&mut s);
        assert_eq!(s, after_first);
        h.undo(&mut s);
        assert_eq!(s, original);
        // Thickening and moving the same wall are two steps.
        let e = nudge(&s, &[0]);
        h.apply_merging(&mut s, e);
        let mut w = s.floors[0].walls[0].clone();
        w.thickness = 0.3;
        h.apply_merging(
            &mut s,
            Edit::Set {
                floor: 0,
                index: 0,
                item: Box::new(Item::Wall(w)),
            },
        );
        assert_eq!(h.len(), 2);
        // At most MAX_STEPS steps are kept; undoing them all does not reach the clean state.
        for _ in 0..History::MAX_STEPS + 20 {
            let e = nudge(&s, &[1]);
            h.apply(&mut s, e);
        }
        assert_eq!(h.len(), History::MAX_STEPS);
        while h.undo(&mut s).is_some() {}
        assert!(h.is_dirty());
        assert_ne!(s, original);
    }
}
