//! The vertical geometry of a tilted camera (site-format.md rev 3): which horizontal distances
//! it sees at a given height, taken apart from the azimuth as planning tools do.
//!
//! A camera mounted `H` m above the floor with its axis `tilt`° below the horizontal and a
//! vertical angle of view `vfov` sees a point at horizontal distance `d` and height `h` when
//! the ray's angle below the horizontal, `atan2(H − h, d)`, lies within
//! `[tilt − vfov/2, tilt + vfov/2]`. For one height that angle is monotonic in `d`, so what
//! is seen is one interval of distances: a [`Band`].
//!
//! ```
//! use sightline::geometry::vertical::{face_band, Vertical};
//! // The spec's worked example: 3.0 m, tilted 30°, vfov 73.5°, faces at 1.6 m, identified
//! // out to a slant of 3.858 m: faces from 0.60 m to 3.595 m (the spec rounds to 3.59).
//! let v = Vertical { mount_height: 3.0, tilt: 30.0, vfov: 73.5 };
//! let b = face_band(&v, 1.6, 3.858);
//! assert!((b.near - 0.60).abs() < 0.005 && (b.far - 3.595).abs() < 0.001);
//! ```

/// A camera's vertical setting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vertical {
    /// Metres above the floor.
    pub mount_height: f64,
    /// Degrees below the horizontal.
    pub tilt: f64,
    /// Full vertical angle of view, degrees.
    pub vfov: f64,
}

impl Vertical {
    /// The lowest ray's angle below the horizontal (the top edge of the image).
    fn upper_edge(&self) -> f64 {
        self.tilt - self.vfov / 2.0
    }
    /// The steepest ray's angle below the horizontal (the bottom edge of the image).
    fn lower_edge(&self) -> f64 {
        self.tilt + self.vfov / 2.0
    }
}

/// Horizontal distances from `near` to `far` (`far` may be infinite); empty when
/// `near > far`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    pub near: f64,
    pub far: f64,
}

impl Band {
    /// Every distance.
    pub const ALL: Band = Band {
        near: 0.0,
        far: f64::INFINITY,
    };
    /// No distance.
    pub const NONE: Band = Band {
        near: f64::INFINITY,
        far: 0.0,
    };

    pub fn is_empty(&self) -> bool {
        self.near.is_nan() || self.far.is_nan() || self.near > self.far || self.far <= 0.0
    }

    /// The distances in both.
    pub fn and(self, other: Band) -> Band {
        Band {
            near: self.near.max(other.near),
            far: self.far.min(other.far),
        }
    }

    /// Distances up to `far`.
    pub fn within(far: f64) -> Band {
        Band { near: 0.0, far }
    }
}

/// The distances at which a ray to a point `delta` m below the lens (negative: above it)
/// makes an angle below the horizontal of at most `angle`°.
pub fn angle_at_most(delta: f64, angle: f64) -> Band {
    if delta > 0.0 {
        // From 90° straight under the lens down towards 0° far away.
        if angle >= 90.0 {
            Band::ALL
        } else if angle <= 0.0 {
            Band::NONE
        } else {
            Band {
                near: delta / angle.to_radians().tan(),
                far: f64::INFINITY,
            }
        }
    } else if delta < 0.0 {
        // From −90° straight above the lens up towards 0° far away.
        if angle >= 0.0 {
            Band::ALL
        } else if angle <= -90.0 {
            Band::NONE
        } else {
            Band::within(delta / angle.to_radians().tan())
        }
    } else if angle >= 0.0 {
        Band::ALL
    } else {
        Band::NONE
    }
}

/// The distances at which that angle is at least `angle`°.
pub fn angle_at_least(delta: f64, angle: f64) -> Band {
    if delta > 0.0 {
        if angle <= 0.0 {
            Band::ALL
        } else if angle >= 90.0 {
            Band::NONE
        } else {
            Band::within(delta / angle.to_radians().tan())
        }
    } else if delta < 0.0 {
        if angle <= -90.0 {
            Band::ALL
        } else if angle >= 0.0 {
            Band::NONE
        } else {
            Band {
                near: delta / angle.to_radians().tan(),
                far: f64::INFINITY,
            }
        }
    } else if angle <= 0.0 {
        Band::ALL
    } else {
        Band::NONE
    }
}

/// The distances at which a point at `height` is inside the vertical view.
pub fn seen_at(v: &Vertical, height: f64) -> Band {
    let delta = v.mount_height - height;
    angle_at_least(delta, v.upper_edge()).and(angle_at_most(delta, v.lower_edge()))
}

/// The horizontal distances at which faces (at `face_height`) are captured: inside the
/// vertical view and no further along the slant than `slant_limit` (the range and the
/// identification distance).
pub fn face_band(v: &Vertical, face_height: f64, slant_limit: f64) -> Band {
    seen_at(v, face_height).and(Band::within(horizontal_of_slant(
        slant_limit,
        v.mount_height - face_height,
    )))
}

/// The horizontal distances at which some part of a person up to `person_height` is in view,
/// out to `range`: the ray to the feet is no shallower than the top edge of the image and the
/// ray to the head no steeper than its bottom edge.
pub fn view_band(v: &Vertical, person_height: f64, range: f64) -> Band {
    angle_at_least(v.mount_height, v.upper_edge())
        .and(angle_at_most(
            v.mount_height - person_height,
            v.lower_edge(),
        ))
        .and(Band::within(range))
}

/// The horizontal distance of a point `slant` m from the lens and `delta` m below it: 0 when
/// it is closer than `delta` (nothing at that height is that close), negative when even
/// that is too far.
pub fn horizontal_of_slant(slant: f64, delta: f64) -> f64 {
    if slant.is_infinite() {
        return slant;
    }
    let sq = slant * slant - delta * delta;
    if sq < 0.0 {
        -1.0
    } else {
        sq.sqrt()
    }
}

/// The slant distance at which a camera of horizontal resolution `width_px` and horizontal
/// angle `fov`° has `density` pixels per metre across the image, `w / (2·density·tan(fov/2))`;
/// infinite for a lens of 180° or more.
///
/// ```
/// // 2560 px across 106°, identification (250 px/m): 3.86 m.
/// let s = sightline::geometry::vertical::density_distance(2560, 106.0, 250.0);
/// assert!((s - 3.858).abs() < 0.001);
/// ```
pub fn density_distance(width_px: u32, fov: f64, density: f64) -> f64 {
    if fov >= 180.0 {
        return f64::INFINITY;
    }
    f64::from(width_px) / (2.0 * density * (fov.to_radians() / 2.0).tan())
}

/// The pixel density bands of IEC 62676-4:2015, px/m across the image width.
pub const DORI: [(DoriLevel, f64); 4] = [
    (DoriLevel::Detect, 25.0),
    (DoriLevel::Observe, 62.5),
    (DoriLevel::Recognise, 125.0),
    (DoriLevel::Identify, 250.0),
];

/// One DORI level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DoriLevel {
    Detect,
    Observe,
    Recognise,
    Identify,
}

impl DoriLevel {
    /// Its letter on the plan, the side view and the report: D, O, R or I.
    pub fn tag(self) -> &'static str {
        match self {
            DoriLevel::Detect => "D",
            DoriLevel::Observe => "O",
            DoriLevel::Recognise => "R",
            DoriLevel::Identify => "I",
        }
    }
}

/// Where a camera reaches each DORI level for a face at `face_height`: per level, the
/// horizontal distances inside the vertical view (for an untilted camera, from 0) and within
/// `range` and the level's slant distance. `None` without a resolution.
pub fn dori_bands(d: &crate::model::Device, face_height: f64) -> Option<[(DoriLevel, Band); 4]> {
    let [w, _] = d.resolution?;
    let delta = d.mount_height - face_height;
    let seen = match d.tilt {
        Some(tilt) => seen_at(
            &Vertical {
                mount_height: d.mount_height,
                tilt,
                vfov: d.vfov(),
            },
            face_height,
        ),
        None => Band::ALL,
    };
    Some(DORI.map(|(level, density)| {
        let slant = density_distance(w, d.fov, density).min(d.range);
        let far = if d.tilt.is_some() {
            horizontal_of_slant(slant, delta)
        } else {
            slant
        };
        (level, seen.and(Band::within(far)))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_steep_dome_sees_nothing_beyond_its_far_limit() {
        // 2.8 m, tilted 75°, vfov 40°: rays from 55° to 95° below the horizontal.
        let v = Vertical {
            mount_height: 2.8,
            tilt: 75.0,
            vfov: 40.0,
        };
        let faces = face_band(&v, 1.6, 20.0);
        assert!(close(faces.near, 0.0));
        assert!(close(faces.far, 1.2 / 55f64.to_radians().tan())); // 0.840 m
        let view = view_band(&v, 1.8, 20.0);
        assert!(close(view.far, 2.8 / 55f64.to_radians().tan())); // 1.961 m: the feet
        assert!(close(view.near, 0.0));
    }

    #[test]
    fn a_camera_below_face_height_looking_up() {
        // A kiosk lens at 1.2 m tilted 10° up (−10), vfov 40°: rays from −30° to +10°.
        let v = Vertical {
            mount_height: 1.2,
            tilt: -10.0,
            vfov: 40.0,
        };
        let b = face_band(&v, 1.6, 5.0);
        // Faces 0.4 m above the lens: the ray is −30° at 0.4/tan 30° = 0.693 m.
        assert!(close(b.near, 0.4 / 30f64.to_radians().tan()));
        assert!(close(b.far, (25.0f64 - 0.16).sqrt()));
    }

    #[test]
    fn level_faces_are_seen_when_the_horizon_is_in_view() {
        let level = Vertical {
            mount_height: 1.6,
            tilt: 10.0,
            vfov: 30.0,
        };
        assert_eq!(seen_at(&level, 1.6), Band::ALL);
        let down = Vertical {
            tilt: 20.0,
            ..level
        };
        assert!(seen_at(&down, 1.6).is_empty());
    }

    #[test]
    fn a_face_higher_than_the_slant_limit_reaches_is_never_captured() {
        let v = Vertical {
            mount_height: 6.0,
            tilt: 60.0,
            vfov: 60.0,
        };
        assert!(face_band(&v, 1.6, 4.0).is_empty());
    }
}
