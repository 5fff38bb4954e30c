//! The bundled catalogue of real camera models (`assets/cameras.json`, built from the CC0 seed
//! catalogue by `tools/catalogue/build_cameras.py`), its search, and the lens calculator that
//! turns focal lengths into angles for a model's sensor.
//!
//! ```
//! use sightline::model::catalogue::{catalogue, search};
//! let hik = search("hikvision 2cd2043");
//! assert_eq!(hik.len(), 1);
//! let m = hik[0];
//! assert_eq!((m.resolution, m.lenses[0].focal_mm, m.lenses[0].hfov), ([2688, 1520], 2.8, 103.0));
//! // A 1/3" sensor 16:9 wide is 5.23 mm across: a 6 mm lens sees 47° by the pinhole model.
//! assert!((m.sensor_width_mm() - 5.23).abs() < 0.01);
//! assert!((m.hfov_for_focal(6.0) - 47.1).abs() < 0.1);
//! assert!(catalogue().cameras.len() >= 40);
//! ```

use std::sync::OnceLock;

use serde::Deserialize;

use super::Device;

/// The catalogue file as bundled.
const CATALOGUE_JSON: &str = include_str!("../../assets/cameras.json");

/// Every camera model of the catalogue.
#[derive(Debug, Deserialize)]
pub struct Catalogue {
    /// Where the data comes from and under which terms.
    pub licence: String,
    /// What the catalogue computed rather than copied.
    pub derived: String,
    /// What the seed held that the catalogue leaves out, and why.
    pub left_out: Vec<String>,
    pub cameras: Vec<CameraModel>,
}

/// One camera model.
#[derive(Debug, Deserialize)]
pub struct CameraModel {
    /// The id a device's `model` field names.
    pub id: String,
    pub brand: String,
    pub brand_zh: String,
    pub model: String,
    /// bullet, dome, turret, fisheye or ptz.
    #[serde(rename = "type")]
    pub kind: String,
    pub type_zh: String,
    /// Pixels across and down.
    pub resolution: [u32; 2],
    /// As the datasheet words it.
    pub sensor: String,
    /// The optical format, inches (1/3" is 0.3333).
    pub sensor_format_in: f64,
    /// Derived from the optical format.
    pub sensor_diagonal_mm: f64,
    /// The lens options (for a zoom lens: its wide and its tele end).
    pub lenses: Vec<LensOption>,
    pub varifocal: bool,
    pub ptz: bool,
    /// How far its infrared lights reach, m.
    pub ir_range_m: Option<f64>,
    /// Does its datasheet name face capture or recognition?
    pub face_recognition: bool,
    /// What the source says that does not add up, kept as given.
    #[serde(default)]
    pub notes: Vec<String>,
    pub source: Source,
}

/// One lens option of a model.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct LensOption {
    pub focal_mm: f64,
    /// Horizontal angle of view, degrees, as the source states it.
    pub hfov: f64,
    /// Vertical angle of view, degrees.
    pub vfov: f64,
    /// Is `vfov` derived from `hfov` and the image aspect rather than stated?
    #[serde(default)]
    pub vfov_derived: bool,
    /// Why the stated angle does not fit the lens and sensor, when it does not.
    pub flag: Option<String>,
}

/// Where a model's figures come from.
#[derive(Debug, Deserialize)]
pub struct Source {
    /// The file of the source repository.
    pub file: String,
    pub commit: String,
    /// The datasheets and pages the source cites.
    pub datasheets: Vec<String>,
}

/// The bundled catalogue, read once.
pub fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        serde_json::from_str(CATALOGUE_JSON).unwrap_or_else(|_| Catalogue {
            // The file is bundled at build time and read by a test: this is unreachable in a
            // tested build, and an empty catalogue is the harmless answer if it ever were.
            licence: String::new(),
            derived: String::new(),
            left_out: Vec::new(),
            cameras: Vec::new(),
        })
    })
}

/// The model with this id.
pub fn find(id: &str) -> Option<&'static CameraModel> {
    catalogue().cameras.iter().find(|m| m.id == id)
}

/// The models whose brand (in English or Chinese), model name, id or type contain every word
/// of `query` (ignoring case, and `-`, `/` and spaces inside model names); all for an empty
/// query.
pub fn search(query: &str) -> Vec<&'static CameraModel> {
    let words: Vec<String> = query.split_whitespace().map(squash).collect();
    catalogue()
        .cameras
        .iter()
        .filter(|m| {
            let hay = squash(&format!(
                "{} {} {} {} {} {}",
                m.brand, m.brand_zh, m.model, m.id, m.kind, m.type_zh
            ));
            words.iter().all(|w| hay.contains(w.as_str()))
        })
        .collect()
}

/// Lower case without `-`, `/`, `_` and spaces, so that "2cd2043" finds "DS-2CD2043G2-IU".
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '-' | '/' | '_' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

impl CameraModel {
    /// The width of the image on the sensor, mm: the sensor's diagonal at the image's aspect.
    pub fn sensor_width_mm(&self) -> f64 {
        let [w, h] = self.resolution;
        self.sensor_diagonal_mm * f64::from(w) / f64::from(w).hypot(f64::from(h))
    }

    /// The height of the image on the sensor, mm.
    pub fn sensor_height_mm(&self) -> f64 {
        let [w, h] = self.resolution;
        self.sensor_width_mm() * f64::from(h) / f64::from(w.max(1))
    }

    /// The horizontal angle of a lens of `focal_mm` on this sensor by the pinhole model,
    /// `2·atan(width / 2f)`, degrees.
    pub fn hfov_for_focal(&self, focal_mm: f64) -> f64 {
        pinhole_angle(self.sensor_width_mm(), focal_mm)
    }

    /// The vertical angle of a lens of `focal_mm` on this sensor, degrees.
    pub fn vfov_for_focal(&self, focal_mm: f64) -> f64 {
        pinhole_angle(self.sensor_height_mm(), focal_mm)
    }

    /// The horizontal and vertical angles of a lens of `focal_mm` on this model: the
    /// datasheet's when one of its lens options has that focal length (short lenses are
    /// wider than the pinhole model says, by their distortion), else the pinhole angles.
    /// The flag says whether the angles are the datasheet's.
    ///
    /// ```
    /// let m = sightline::model::catalogue::find("hikvision-ds-2cd2143g2-i").unwrap();
    /// // The 4 mm option is stated 84° wide; the pinhole model on its sensor says 66.3°.
    /// assert_eq!(m.angles_for_focal(4.0), (84.0, 54.0, true));
    /// let (h, _, stated) = m.angles_for_focal(5.0);
    /// assert!(!stated && (h - 55.1).abs() < 0.1);
    /// ```
    pub fn angles_for_focal(&self, focal_mm: f64) -> (f64, f64, bool) {
        match self
            .lenses
            .iter()
            .find(|l| (l.focal_mm - focal_mm).abs() < 0.05)
        {
            Some(l) => (l.hfov, l.vfov, true),
            None => (
                self.hfov_for_focal(focal_mm),
                self.vfov_for_focal(focal_mm),
                false,
            ),
        }
    }

    /// The focal length that gives a horizontal angle of `hfov`° on this sensor, mm.
    pub fn focal_for_hfov(&self, hfov: f64) -> f64 {
        self.sensor_width_mm() / (2.0 * (hfov.to_radians() / 2.0).tan())
    }

    /// The lens that gives `density` px/m across the image at `distance` m: the horizontal
    /// angle whose image is `w / density` m wide there, and its focal length (mm).
    ///
    /// ```
    /// let m = sightline::model::catalogue::find("hikvision-ds-2cd2043g2-iu").unwrap();
    /// // 250 px/m at 8 m from 2688 px: 10.75 m across, 67.8°, 3.9 mm on a 5.23 mm sensor.
    /// let (hfov, f) = m.lens_for_density(250.0, 8.0);
    /// assert!((hfov - 67.8).abs() < 0.1 && (f - 3.89).abs() < 0.01);
    /// ```
    pub fn lens_for_density(&self, density: f64, distance: f64) -> (f64, f64) {
        let across = f64::from(self.resolution[0]) / density;
        let hfov = 2.0 * (across / (2.0 * distance)).atan().to_degrees();
        (hfov, self.focal_for_hfov(hfov))
    }

    /// "Hikvision 海康威视 DS-2CD2043G2-IU".
    pub fn title(&self) -> String {
        format!("{} {} {}", self.brand, self.brand_zh, self.model)
    }

    /// Sets a device to this model with lens option `lens`: its resolution, horizontal and
    /// vertical angles, focal length and model id.
    pub fn fit(&self, lens: &LensOption, d: &mut Device) {
        d.model = Some(self.id.clone());
        d.resolution = Some(self.resolution);
        d.fov = lens.hfov.clamp(1.0, 360.0);
        d.vfov_given = Some(lens.vfov.clamp(1.0, 180.0));
        d.lens_mm = Some(lens.focal_mm);
    }
}

/// `2·atan(width / 2f)` in degrees.
fn pinhole_angle(width: f64, focal: f64) -> f64 {
    2.0 * (width / (2.0 * focal)).atan().to_degrees()
}

/// How well a stated horizontal angle fits its lens and sensor (the seed catalogue's rules,
/// `../shared/cameras/SOURCES.md`): `Ok` when it fits, else the ratio to the pinhole angle
/// of the image-aspect sensor width. Fisheyes (180° or more) always fit.
pub fn angle_fits(m: &CameraModel, lens: &LensOption) -> Result<(), f64> {
    if lens.hfov >= 180.0 || m.kind == "fisheye" {
        return Ok(());
    }
    let nominal = m.sensor_diagonal_mm * 0.8;
    let (pa, pb) = (
        pinhole_angle(nominal, lens.focal_mm),
        m.hfov_for_focal(lens.focal_mm),
    );
    let wide = if lens.focal_mm >= 6.0 { 1.15 } else { 1.5 };
    if lens.hfov < 0.9 * pa || lens.hfov > wide * pb {
        Err(lens.hfov / pb)
    } else {
        Ok(())
    }
}
