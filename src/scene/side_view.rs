//! The side view of one camera (site-format.md rev 3): an elevation along its heading with
//! its mount height, tilt, vertical view, blind zone, the band where faces are captured and
//! a standing person at the identify and recognise distances — the drawing a planner sets the
//! tilt with. Built once as primitives in metres (distance along the floor, height); the
//! report writes it as SVG (`render::side_view_svg`) and the editor paints the same items.
//!
//! ```
//! use sightline::scene::side_view::SideView;
//! use sightline::analysis::Optics;
//! let mut d = sightline::model::Device::new("gate", [0.0, 0.0], 0.0, true);
//! (d.mount_height, d.tilt, d.fov, d.range) = (3.0, Some(30.0), 106.0, 20.0);
//! d.resolution = Some([2560, 1440]);
//! let optics = Optics { face_density: 250.0, face_height: 1.6, person_height: 1.8 };
//! let v = SideView::of(&d, &optics).unwrap();
//! assert!((v.faces.near - 0.60).abs() < 0.005 && (v.faces.far - 3.595).abs() < 0.001);
//! let svg = sightline::render::side_view_svg(&v, sightline::i18n::Lang::En);
//! assert!(svg.contains(">3.60 m<") && svg.contains(">0.60 m<"));
//! ```

use crate::analysis::{bands, Optics};
use crate::geometry::vertical::{dori_bands, Band, DoriLevel};
use crate::model::Device;
use crate::scene::palette as p;
use crate::scene::Rgb;

/// One drawn thing of a side view, in metres: x along the floor from the camera, y up.
#[derive(Clone, Debug, PartialEq)]
pub enum SideItem {
    /// A filled polygon.
    Fill {
        points: Vec<[f64; 2]>,
        colour: Rgb,
        opacity: f32,
    },
    /// A line, dashed or not, `width` px.
    Line {
        a: [f64; 2],
        b: [f64; 2],
        colour: Rgb,
        width: f32,
        dashed: bool,
    },
    /// A filled circle of radius `r` m.
    Dot { at: [f64; 2], r: f64, colour: Rgb },
    /// Text, its left end (or centre) at `at`.
    Text {
        at: [f64; 2],
        text: String,
        colour: Rgb,
        centred: bool,
    },
}

/// The side view of a tilted camera.
#[derive(Clone, Debug, PartialEq)]
pub struct SideView {
    /// The box drawn: 0…`width` m along the floor, 0…`height` m up.
    pub width: f64,
    pub height: f64,
    /// Where faces are captured (horizontal distances).
    pub faces: Band,
    /// Where some part of a person is in view.
    pub view: Band,
    pub items: Vec<SideItem>,
}

/// Grey of the floor, the pole and the person.
const INK: Rgb = Rgb::hex(0x444A55);

impl SideView {
    /// The side view of `d`, or `None` when it has no tilt (its view is not vertical).
    pub fn of(d: &Device, optics: &Optics) -> Option<SideView> {
        let tilt = d.tilt?;
        let (faces, view) = bands(d, optics);
        let h = d.mount_height;
        let vfov = d.vfov();
        let dori = dori_bands(d, optics.face_height);
        let far_of = |level: DoriLevel| {
            dori.as_ref()
                .and_then(|b| b.iter().find(|(l, _)| *l == level))
                .map(|(_, b)| *b)
                .filter(|b| !b.is_empty())
        };
        let (identify, recognise) = (far_of(DoriLevel::Identify), far_of(DoriLevel::Recognise));
        // Wide enough for the face band, the recognise distance and the feet's far edge.
        let mut width: f64 = 4.0;
        for x in [faces.far, view.near * 1.5, recognise.map_or(0.0, |b| b.far)] {
            if x.is_finite() {
                width = width.max(x * 1.15);
            }
        }
        let width = width.min(d.range.max(4.0) * 1.05);
        let height = (h.max(optics.person_height) + 0.6).max(2.5);
        let mut items = Vec::new();
        // The vertical view: rays from the lens at the top and bottom edges of the image.
        let ray_end = |angle: f64| -> [f64; 2] {
            // Below the horizontal by `angle`°; clipped to the box.
            let (s, c) = angle.to_radians().sin_cos();
            let mut t = f64::INFINITY;
            if c > 1e-9 {
                t = t.min(width / c);
            }
            if s > 1e-9 {
                t = t.min(h / s);
            } else if s < -1e-9 {
                t = t.min((height - h) / -s);
            }
            [t * c, h - t * s]
        };
        let (top, bottom) = (tilt - vfov / 2.0, (tilt + vfov / 2.0).min(90.0));
        let mut wedge = vec![[0.0, h], ray_end(bottom)];
        // Close along the box's edges between the two ray ends (through the far corners).
        let (a, b) = (ray_end(bottom), ray_end(top));
        if a[1] <= 1e-9 && b[1] > 1e-9 {
            wedge.push([width, 0.0]);
        }
        if b[1] >= height - 1e-9 && a[1] < height - 1e-9 {
            wedge.push([width, height]);
        }
        wedge.push(b);
        items.push(SideItem::Fill {
            points: wedge,
            colour: p::CAMERA_VIEW,
            opacity: 0.18,
        });
        for (angle, dashed) in [(top, false), (bottom, false), (tilt, true)] {
            items.push(SideItem::Line {
                a: [0.0, h],
                b: ray_end(angle),
                colour: p::CAMERA_VIEW,
                width: if dashed { 1.0 } else { 1.5 },
                dashed,
            });
        }
        // The blind zone on the floor: faces closer than the band's near end are not seen.
        if !faces.is_empty() && faces.near > 0.0 {
            items.push(SideItem::Fill {
                points: vec![
                    [0.0, 0.0],
                    [faces.near.min(width), 0.0],
                    [faces.near.min(width), optics.face_height],
                    [0.0, optics.face_height],
                ],
                colour: p::BLIND,
                opacity: 0.25,
            });
        }
        // The face band at face height.
        items.push(SideItem::Line {
            a: [0.0, optics.face_height],
            b: [width, optics.face_height],
            colour: INK,
            width: 0.8,
            dashed: true,
        });
        if !faces.is_empty() {
            let far = faces.far.min(width);
            items.push(SideItem::Line {
                a: [faces.near, optics.face_height],
                b: [far, optics.face_height],
                colour: p::FR_CAPTURE,
                width: 4.0,
                dashed: false,
            });
            for x in [faces.near, faces.far] {
                // A band from the foot of the pole needs no label at the pole itself.
                if x > 0.05 && x <= width {
                    items.push(SideItem::Text {
                        at: [x, optics.face_height + 0.12],
                        text: format!("{x:.2} m"),
                        colour: p::FR_CAPTURE,
                        centred: true,
                    });
                }
            }
        }
        // A person at the identify and recognise distances (one, labelled "RI", when they
        // coincide because the view cuts both).
        let mut people: Vec<(f64, String)> = Vec::new();
        for (band, level) in [
            (identify, DoriLevel::Identify),
            (recognise, DoriLevel::Recognise),
        ] {
            let Some(b) = band else { continue };
            if b.far > width {
                continue;
            }
            match people.last_mut() {
                Some((far, tags)) if (*far - b.far).abs() < 0.05 => tags.insert_str(0, level.tag()),
                _ => people.push((b.far, level.tag().to_owned())),
            }
        }
        for (far, tags) in people {
            person(&mut items, far, optics.person_height);
            items.push(SideItem::Text {
                at: [far, optics.person_height + 0.25],
                text: format!("{tags} {far:.1} m"),
                colour: INK,
                centred: true,
            });
        }
        // Floor, pole and lens.
        items.push(SideItem::Line {
            a: [0.0, 0.0],
            b: [width, 0.0],
            colour: INK,
            width: 1.5,
            dashed: false,
        });
        items.push(SideItem::Line {
            a: [0.0, 0.0],
            b: [0.0, h],
            colour: INK,
            width: 2.0,
            dashed: false,
        });
        items.push(SideItem::Dot {
            at: [0.0, h],
            r: 0.09,
            colour: p::FR_CAPTURE,
        });
        items.push(SideItem::Text {
            at: [0.12, h + 0.15],
            text: format!("{h:.2} m · {tilt:.0}° · vfov {vfov:.1}°"),
            colour: INK,
            centred: false,
        });
        Some(SideView {
            width,
            height,
            faces,
            view,
            items,
        })
    }
}

/// A standing person `tall` m high at `x`: legs, body and head.
fn person(items: &mut Vec<SideItem>, x: f64, tall: f64) {
    let head = tall * 0.07;
    let hip = tall * 0.5;
    let shoulder = tall * 0.82;
    for (a, b) in [
        ([x - 0.12, 0.0], [x, hip]),
        ([x + 0.12, 0.0], [x, hip]),
        ([x, hip], [x, shoulder]),
        ([x - 0.18, shoulder - 0.35], [x, shoulder]),
        ([x + 0.18, shoulder - 0.35], [x, shoulder]),
    ] {
        items.push(SideItem::Line {
            a,
            b,
            colour: INK,
            width: 1.5,
            dashed: false,
        });
    }
    items.push(SideItem::Dot {
        at: [x, tall - head],
        r: head,
        colour: INK,
    });
}
