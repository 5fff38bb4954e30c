//! The site document: plain serde data, exactly the `*.site.json` format (version 1).
//!
//! Every struct keeps the fields this program does not know in `extra`, so a load/save round
//! trip never drops data written by a newer program.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A point `[x, y]` in plan metres, x east, y north.
pub type Point = [f64; 2];

/// Unknown fields, kept as they were read.
pub type Extra = Map<String, Value>;

/// The value of the top-level `format` field.
pub const FORMAT: &str = "sightline-site";
/// The newest file version this program reads and writes.
pub const VERSION: u64 = 1;

fn default_face_density() -> f64 {
    250.0
}
fn default_thickness() -> f64 {
    0.2
}
fn default_range() -> f64 {
    20.0
}
fn default_device_mount_height() -> f64 {
    2.5
}
fn default_true() -> bool {
    true
}
fn default_readable_distance() -> f64 {
    6.0
}
fn default_sign_width() -> f64 {
    0.3
}
fn default_sign_height() -> f64 {
    0.2
}
fn default_sign_mount_height() -> f64 {
    1.6
}
fn default_opacity() -> f64 {
    0.5
}
fn is_false(b: &bool) -> bool {
    !*b
}

/// The whole document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Site {
    pub format: String,
    pub version: u64,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processor: Option<Processor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faces_stored: Option<u64>,
    #[serde(default)]
    pub filed_with_authority: bool,
    #[serde(default)]
    pub filed_with_police: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention_days: Option<u64>,
    #[serde(default = "default_face_density")]
    pub face_density: f64,
    /// *rev 2.* What kind of place the site is; decides which Decree 799 duties bind it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Venue>,
    /// *rev 2.* Named a key place under Decree 799 Art. 7 by the county police.
    #[serde(default, skip_serializing_if = "is_false")]
    pub designated_key_place: bool,
    /// *rev 2.* The Art. 9 personal-information impact assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact_assessment: Option<ImpactAssessment>,
    /// *rev 2.* Guardian consent and special rules for children under 14 are in place (Art. 7).
    #[serde(default, skip_serializing_if = "is_false")]
    pub minors_rules: bool,
    /// *rev 3.* Height of faces above the floor (m); see [`Site::face_height`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_height: Option<f64>,
    /// *rev 3.* Height of the top of a person (m), for view areas; see [`Site::person_height`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person_height: Option<f64>,
    pub floors: Vec<Floor>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What kind of place a site is (site-format.md, rev 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Venue {
    ShoppingCentre,
    ConventionCentre,
    ScenicArea,
    SportsEntertainment,
    School,
    Kindergarten,
    Medical,
    GovernmentHall,
    Park,
    PublicParking,
    TransportHub,
    ServiceArea,
    Hotel,
    Restaurant,
    Office,
    Residential,
    Other,
}

/// The article of Decree 799 that governs a kind of place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecreeArticle {
    /// The key places of Art. 7: filing (Art. 14) and retention (Art. 17) bind them.
    Art7,
    /// Every other public place (Art. 9): Art. 9 ¶2 lifts filing and retention.
    Art9,
}

impl DecreeArticle {
    /// The article that governs a site with this venue and designation: Art. 7 when the police
    /// named it a key place, otherwise its venue's article; `None` when neither is known.
    ///
    /// ```
    /// use sightline::model::{DecreeArticle, Venue};
    /// assert_eq!(DecreeArticle::of(Some(Venue::Hotel), false), Some(DecreeArticle::Art9));
    /// assert_eq!(DecreeArticle::of(Some(Venue::Hotel), true), Some(DecreeArticle::Art7));
    /// assert_eq!(DecreeArticle::of(None, false), None);
    /// ```
    pub fn of(venue: Option<Venue>, designated_key_place: bool) -> Option<DecreeArticle> {
        if designated_key_place {
            Some(DecreeArticle::Art7)
        } else {
            venue.map(Venue::decree_article)
        }
    }
}

impl Venue {
    /// Every venue, in the order the editor lists them.
    pub const ALL: [Venue; 17] = [
        Venue::ShoppingCentre,
        Venue::ConventionCentre,
        Venue::ScenicArea,
        Venue::SportsEntertainment,
        Venue::School,
        Venue::Kindergarten,
        Venue::Medical,
        Venue::GovernmentHall,
        Venue::Park,
        Venue::PublicParking,
        Venue::TransportHub,
        Venue::ServiceArea,
        Venue::Hotel,
        Venue::Restaurant,
        Venue::Office,
        Venue::Residential,
        Venue::Other,
    ];

    /// The Decree 799 article that governs this kind of place.
    pub fn decree_article(self) -> DecreeArticle {
        match self {
            Venue::Hotel
            | Venue::Restaurant
            | Venue::Office
            | Venue::Residential
            | Venue::Other => DecreeArticle::Art9,
            _ => DecreeArticle::Art7,
        }
    }

    /// Is it a place for children (Art. 7 of the Measures: minors under 14)?
    pub fn for_children(self) -> bool {
        matches!(self, Venue::School | Venue::Kindergarten)
    }
}

/// The Art. 9 impact assessment (rev 2).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ImpactAssessment {
    /// `YYYY-MM-DD`; a real calendar date (checked on load).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Document number or file name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What a device's processing rests on (rev 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    /// Each person's consent (Art. 6).
    Consent,
    /// A legal duty or public security.
    Statutory,
}

/// The personal-information processor (Art. 5(1)).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Processor {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: String,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One floor or plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Floor {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub underlay: Option<Underlay>,
    #[serde(default)]
    pub walls: Vec<Wall>,
    #[serde(default)]
    pub openings: Vec<Opening>,
    #[serde(default)]
    pub spaces: Vec<Space>,
    #[serde(default)]
    pub devices: Vec<Device>,
    #[serde(default)]
    pub signs: Vec<Sign>,
    #[serde(default)]
    pub zones: Vec<Zone>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A raster plan drawn under everything.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Underlay {
    pub image: String,
    #[serde(default)]
    pub origin: Point,
    pub metres_per_pixel: f64,
    #[serde(default = "default_opacity")]
    pub opacity: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A polyline that blocks sight and movement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wall {
    pub id: String,
    pub points: Vec<Point>,
    #[serde(default = "default_thickness")]
    pub thickness: f64,
    #[serde(flatten)]
    pub extra: Extra,
}

/// What an opening lets through.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpeningKind {
    /// Sight and people.
    Door,
    /// Sight and people (no leaf).
    Opening,
    /// Sight only.
    Window,
}

impl OpeningKind {
    /// Can a person walk through it?
    pub fn walkable(self) -> bool {
        matches!(self, OpeningKind::Door | OpeningKind::Opening)
    }
}

impl Opening {
    /// Can one see through it? Every opening but an obscured window.
    pub fn see_through(&self) -> bool {
        !(self.kind == OpeningKind::Window && self.obscured)
    }
}

/// A segment lying on a wall.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Opening {
    pub id: String,
    pub kind: OpeningKind,
    pub a: Point,
    pub b: Point,
    /// *rev 2.* A frosted, patterned or opaque window: it blocks sight like the wall.
    #[serde(default, skip_serializing_if = "is_false")]
    pub obscured: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The kind of a space; see [`SpaceClass`] for what each kind means to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpaceKind {
    HotelRoom,
    PrivateDining,
    DormRoom,
    Bath,
    Toilet,
    ChangingRoom,
    NursingRoom,
    FittingRoom,
    PrivateOther,
    Public,
    NonPublic,
}

/// How the law treats a point. The order is the precedence where spaces overlap:
/// private beats public beats non-public.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpaceClass {
    NonPublic,
    Public,
    Private,
}

impl SpaceKind {
    /// Every kind, in the order the editor lists them.
    pub const ALL: [SpaceKind; 11] = [
        SpaceKind::HotelRoom,
        SpaceKind::PrivateDining,
        SpaceKind::DormRoom,
        SpaceKind::Bath,
        SpaceKind::Toilet,
        SpaceKind::ChangingRoom,
        SpaceKind::NursingRoom,
        SpaceKind::FittingRoom,
        SpaceKind::PrivateOther,
        SpaceKind::Public,
        SpaceKind::NonPublic,
    ];

    /// The class the rules use.
    pub fn class(self) -> SpaceClass {
        match self {
            SpaceKind::Public => SpaceClass::Public,
            SpaceKind::NonPublic => SpaceClass::NonPublic,
            _ => SpaceClass::Private,
        }
    }
}

/// A named area of the plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Space {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub kind: SpaceKind,
    pub polygon: Vec<Point>,
    /// *rev 2.* The kind was guessed by the CAD importer and no person has confirmed it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub review: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// 1:N identification or 1:1 verification.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    #[default]
    Identification,
    Verification,
}

/// Why a device is there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    PublicSafety,
    AccessControl,
    Attendance,
    Payment,
    Marketing,
    Other,
}

/// Where face data is kept.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Storage {
    #[default]
    OnDevice,
    Networked,
}

/// A camera, face-recognition or ordinary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Device {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub position: Point,
    /// Degrees counter-clockwise from +x.
    pub heading: f64,
    /// Full horizontal angle of view in degrees, 0 < fov ≤ 360.
    pub fov: f64,
    #[serde(default = "default_range")]
    pub range: f64,
    #[serde(default = "default_device_mount_height")]
    pub mount_height: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<[u32; 2]>,
    #[serde(default = "default_true")]
    pub face_recognition: bool,
    #[serde(default)]
    pub mode: Mode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Purpose>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub necessity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
    #[serde(default)]
    pub storage: Storage,
    #[serde(default)]
    pub consent_for_transfer: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternative_method: Option<bool>,
    /// *rev 2.* A state rule requires face verification here (Art. 10 ¶2).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required_by_law: bool,
    /// *rev 2.* What the processing rests on; see [`Device::legal_basis`] for the default.
    #[serde(
        default,
        rename = "legal_basis",
        skip_serializing_if = "Option::is_none"
    )]
    pub legal_basis_given: Option<LegalBasis>,
    /// *rev 2.* Each person gives a separate, explicit consent first (Art. 6).
    #[serde(default, skip_serializing_if = "is_false")]
    pub separate_consent: bool,
    /// *rev 3.* Degrees the optical axis points below the horizontal (−30…90); absent, the
    /// camera is checked with the plan-only rule of revision 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tilt: Option<f64>,
    /// *rev 3.* Full vertical angle of view in degrees; see [`Device::vfov`] for the default.
    #[serde(default, rename = "vfov", skip_serializing_if = "Option::is_none")]
    pub vfov_given: Option<f64>,
    /// *rev 3.* Focal length in mm (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lens_mm: Option<f64>,
    /// *rev 3.* Id of a model in the bundled camera catalogue (informational).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Device {
    /// The full vertical angle of view (rev 3): as given, else derived from the horizontal one
    /// and the sensor's shape, `2·atan(tan(fov/2)·h/w)` (16:9 without a resolution). A lens of
    /// 180° or more across (a fisheye) sees a hemisphere: 180°.
    ///
    /// ```
    /// # use sightline::model::Device;
    /// let mut d = Device::new("c1", [0.0, 0.0], 0.0, true);
    /// d.fov = 106.0;
    /// d.resolution = Some([2560, 1440]);
    /// assert!((d.vfov() - 73.5).abs() < 0.05);
    /// ```
    pub fn vfov(&self) -> f64 {
        if let Some(v) = self.vfov_given {
            return v;
        }
        if self.fov >= 180.0 {
            return 180.0;
        }
        let aspect = match self.resolution {
            Some([w, h]) if w > 0 => f64::from(h) / f64::from(w),
            _ => 9.0 / 16.0,
        };
        2.0 * ((self.fov.to_radians() / 2.0).tan() * aspect)
            .atan()
            .to_degrees()
    }

    /// The legal basis: as given, or by default `statutory` for public safety and `consent`
    /// for every other purpose (or none).
    pub fn legal_basis(&self) -> LegalBasis {
        self.legal_basis_given
            .unwrap_or(if self.purpose == Some(Purpose::PublicSafety) {
                LegalBasis::Statutory
            } else {
                LegalBasis::Consent
            })
    }
}

/// Which Art. 5 items a sign gives.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    #[serde(default)]
    pub processor: bool,
    #[serde(default)]
    pub purpose: bool,
    #[serde(default)]
    pub retention: bool,
    #[serde(default)]
    pub rights: bool,
    #[serde(default)]
    pub contact: bool,
    /// *rev 2.* How faces are processed (5(2)).
    #[serde(default, skip_serializing_if = "is_false")]
    pub method: bool,
    /// *rev 2.* Why it is necessary and its impact on people (5(3)).
    #[serde(default, skip_serializing_if = "is_false")]
    pub necessity: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Notice {
    /// The Art. 5 items, as their field names, in the order of Art. 5 (1)–(4).
    pub const ITEMS: [&'static str; 7] = [
        "processor",
        "contact",
        "purpose",
        "method",
        "retention",
        "necessity",
        "rights",
    ];

    /// The items given, as their field names, in the order of Art. 5.
    pub fn given(&self) -> Vec<&'static str> {
        Notice::ITEMS
            .into_iter()
            .filter(|i| self.gives(i))
            .collect()
    }

    /// Is this item (by field name) given?
    pub fn gives(&self, item: &str) -> bool {
        match item {
            "processor" => self.processor,
            "contact" => self.contact,
            "purpose" => self.purpose,
            "method" => self.method,
            "retention" => self.retention,
            "necessity" => self.necessity,
            "rights" => self.rights,
            _ => false,
        }
    }

    /// Ticks or clears an item (by field name).
    pub fn set(&mut self, item: &str, value: bool) {
        match item {
            "processor" => self.processor = value,
            "contact" => self.contact = value,
            "purpose" => self.purpose = value,
            "method" => self.method = value,
            "retention" => self.retention = value,
            "necessity" => self.necessity = value,
            "rights" => self.rights = value,
            _ => {}
        }
    }

    /// The Art. 5 items missing from this notice, as their field names, in Art. 5 order.
    pub fn missing(&self) -> Vec<&'static str> {
        Self::ITEMS
            .into_iter()
            .filter(|item| !self.gives(item))
            .collect()
    }
}

/// A notice sign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sign {
    pub id: String,
    pub position: Point,
    /// Degrees counter-clockwise from +x: where the printed face points.
    pub facing: f64,
    #[serde(default = "default_sign_width")]
    pub width: f64,
    #[serde(default = "default_sign_height")]
    pub height: f64,
    #[serde(default = "default_sign_mount_height")]
    pub mount_height: f64,
    #[serde(default = "default_readable_distance")]
    pub readable_distance: f64,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub notice: Notice,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A face-information collection zone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Zone {
    pub id: String,
    #[serde(default)]
    pub name: String,
    pub polygon: Vec<Point>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Site {
    /// The Decree 799 article that governs the site (see [`DecreeArticle::of`]).
    pub fn decree_article(&self) -> Option<DecreeArticle> {
        DecreeArticle::of(self.venue, self.designated_key_place)
    }

    /// An empty version-1 site with one empty floor, as the editor's File → New makes it.
    pub fn new(name: &str) -> Site {
        Site {
            format: FORMAT.to_owned(),
            version: VERSION,
            name: name.to_owned(),
            processor: None,
            faces_stored: None,
            filed_with_authority: false,
            filed_with_police: false,
            retention_days: None,
            face_density: default_face_density(),
            venue: None,
            designated_key_place: false,
            impact_assessment: None,
            minors_rules: false,
            face_height: None,
            person_height: None,
            floors: vec![Floor::new("F1", "1F")],
            extra: Extra::new(),
        }
    }
}

impl Site {
    /// Where faces are, in metres above the floor (rev 3; default 1.6).
    pub fn face_height(&self) -> f64 {
        self.face_height.unwrap_or(DEFAULT_FACE_HEIGHT_M)
    }

    /// The top of a person, in metres above the floor (rev 3; default 1.8).
    pub fn person_height(&self) -> f64 {
        self.person_height.unwrap_or(DEFAULT_PERSON_HEIGHT_M)
    }
}

/// Default height of faces (site-format.md rev 3), m.
pub const DEFAULT_FACE_HEIGHT_M: f64 = 1.6;
/// Default height of a person (site-format.md rev 3), m.
pub const DEFAULT_PERSON_HEIGHT_M: f64 = 1.8;

impl Floor {
    /// Every point of the floor's drawing: wall points, space and zone corners, opening ends,
    /// device and sign positions.
    pub fn points(&self) -> impl Iterator<Item = Point> + '_ {
        self.walls
            .iter()
            .flat_map(|w| w.points.iter().copied())
            .chain(self.spaces.iter().flat_map(|s| s.polygon.iter().copied()))
            .chain(self.zones.iter().flat_map(|z| z.polygon.iter().copied()))
            .chain(self.openings.iter().flat_map(|o| [o.a, o.b]))
            .chain(self.devices.iter().map(|d| d.position))
            .chain(self.signs.iter().map(|g| g.position))
    }

    /// An empty floor.
    pub fn new(id: &str, name: &str) -> Floor {
        Floor {
            id: id.to_owned(),
            name: name.to_owned(),
            underlay: None,
            walls: Vec::new(),
            openings: Vec::new(),
            spaces: Vec::new(),
            devices: Vec::new(),
            signs: Vec::new(),
            zones: Vec::new(),
            extra: Extra::new(),
        }
    }
}

impl Device {
    /// A camera with the spec's defaults for every optional field.
    pub fn new(id: &str, position: Point, heading: f64, face_recognition: bool) -> Device {
        Device {
            id: id.to_owned(),
            name: String::new(),
            position,
            heading,
            fov: 90.0,
            range: default_range(),
            mount_height: default_device_mount_height(),
            resolution: None,
            face_recognition,
            mode: Mode::default(),
            purpose: None,
            necessity: None,
            zone: None,
            storage: Storage::default(),
            consent_for_transfer: false,
            alternative_method: None,
            required_by_law: false,
            legal_basis_given: None,
            separate_consent: false,
            tilt: None,
            vfov_given: None,
            lens_mm: None,
            model: None,
            extra: Extra::new(),
        }
    }
}

impl Sign {
    /// A sign with the spec's defaults (no notice items ticked).
    pub fn new(id: &str, position: Point, facing: f64) -> Sign {
        Sign {
            id: id.to_owned(),
            position,
            facing,
            width: default_sign_width(),
            height: default_sign_height(),
            mount_height: default_sign_mount_height(),
            readable_distance: default_readable_distance(),
            text: String::new(),
            notice: Notice::default(),
            extra: Extra::new(),
        }
    }
}

impl Wall {
    /// A wall of the default thickness.
    pub fn new(id: &str, points: Vec<Point>) -> Wall {
        Wall {
            id: id.to_owned(),
            points,
            thickness: default_thickness(),
            extra: Extra::new(),
        }
    }
}

impl Opening {
    /// A clear (not frosted) opening from `a` to `b`.
    pub fn new(id: &str, kind: OpeningKind, a: Point, b: Point) -> Opening {
        Opening {
            id: id.to_owned(),
            kind,
            a,
            b,
            obscured: false,
            extra: Extra::new(),
        }
    }
}

impl Underlay {
    /// An underlay at the origin with the default opacity.
    pub fn new(image: &str, metres_per_pixel: f64) -> Underlay {
        Underlay {
            image: image.to_owned(),
            origin: [0.0, 0.0],
            metres_per_pixel,
            opacity: default_opacity(),
            extra: Extra::new(),
        }
    }
}
