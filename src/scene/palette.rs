//! The one palette: every colour the picture, the canvas and the panels use, typed.

use std::fmt;

use crate::rules::{Severity, Verdict};

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    /// A colour from `0xRRGGBB`.
    ///
    /// ```
    /// use sightline::scene::palette::Rgb;
    /// assert_eq!(Rgb::hex(0xD7263D).to_string(), "#D7263D");
    /// ```
    pub const fn hex(v: u32) -> Rgb {
        Rgb {
            r: (v >> 16) as u8,
            g: (v >> 8) as u8,
            b: v as u8,
        }
    }

    pub const fn rgb(self) -> [u8; 3] {
        [self.r, self.g, self.b]
    }
}

/// CSS/SVG form, `#RRGGBB`.
impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

pub const WHITE: Rgb = Rgb::hex(0xFFFFFF);
pub const BLACK: Rgb = Rgb::hex(0x000000);
/// The plan's paper.
pub const PAPER: Rgb = Rgb::hex(0xFAFAF7);
pub const PRIVATE_FILL: Rgb = Rgb::hex(0xF7D4CF);
pub const PUBLIC_FILL: Rgb = Rgb::hex(0xEEF0EA);
pub const NON_PUBLIC_FILL: Rgb = Rgb::hex(0xD9E4F0);
/// The edge of a space.
pub const SPACE_EDGE: Rgb = Rgb::hex(0xB0B0A8);
/// The names of spaces.
pub const LABEL: Rgb = Rgb::hex(0x555555);
/// Secondary text and frames of the picture.
pub const GREY_TEXT: Rgb = Rgb::hex(0x444444);
pub const WALL: Rgb = Rgb::hex(0x2B2B2B);
pub const DOOR: Rgb = Rgb::hex(0x8D6E63);
pub const WINDOW: Rgb = Rgb::hex(0x4FA3D9);
/// A frosted (obscured) window: it blocks sight like the wall.
pub const FROSTED_WINDOW: Rgb = Rgb::hex(0x9AA7AF);
pub const FROSTED_GLASS: Rgb = Rgb::hex(0xE4E9EC);
pub const ZONE: Rgb = Rgb::hex(0x2E8B57);
pub const FR_CAPTURE: Rgb = Rgb::hex(0x2F6FD6);
pub const CAMERA_VIEW: Rgb = Rgb::hex(0x7A7A7A);
pub const IN_PRIVATE: Rgb = Rgb::hex(0xC62828);
pub const OUTSIDE_ZONE: Rgb = Rgb::hex(0xEF6C00);
pub const SIGN: Rgb = Rgb::hex(0xF9C74F);
pub const SIGN_READING: Rgb = Rgb::hex(0xF9E79F);
/// The finding markers: the pixel at each finding's point carries exactly this colour.
pub const FINDING: Rgb = Rgb::hex(0xD7263D);
pub const VIOLATION: Rgb = Rgb::hex(0xC62828);
pub const WARNING: Rgb = Rgb::hex(0xB7791F);
pub const INFO: Rgb = Rgb::hex(0x2C7A7B);
/// A passing verdict.
pub const PASS: Rgb = ZONE;
/// The editor's selection.
pub const SELECTION: Rgb = Rgb::hex(0xFF8F00);
/// DORI bands (IEC 62676-4), from detect (lightest) to identify.
pub const DORI_DETECT: Rgb = Rgb::hex(0x90CAF9);
pub const DORI_OBSERVE: Rgb = Rgb::hex(0x4DB6AC);
pub const DORI_RECOGNISE: Rgb = Rgb::hex(0x9C6ADE);
pub const DORI_IDENTIFY: Rgb = Rgb::hex(0x3949AB);
/// The blind zone under a tilted camera.
pub const BLIND: Rgb = Rgb::hex(0x9E9E9E);
/// The editor's hover and snapping marks.
pub const HOVER: Rgb = Rgb::hex(0x1565C0);
/// What a suggested fix would make a camera see, before it is applied.
pub const PREVIEW: Rgb = Rgb::hex(0x2E7D32);
/// Public area no camera watches.
pub const GAP: Rgb = Rgb::hex(0xEF6C00);

/// The colour of a severity.
pub fn severity(s: Severity) -> Rgb {
    match s {
        Severity::Violation => VIOLATION,
        Severity::Warning => WARNING,
        Severity::Info => INFO,
    }
}

/// The colour of a verdict.
pub fn verdict(v: Verdict) -> Rgb {
    match v {
        Verdict::Pass => PASS,
        Verdict::Fail => VIOLATION,
    }
}
