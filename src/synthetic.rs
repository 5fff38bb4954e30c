//! Synthetic but realistic hotel towers of any size, for benchmarks and scale tests.
//!
//! Each floor has wings: a 2.2 m corridor lined on both sides with 4 m × 7 m guest rooms, each
//! with an en-suite bath by its door. Face-recognition cameras hang from the corridor ceiling at
//! regular spacing, looking along it; each wing's corridor is a collection zone with signs at
//! both ends, and each corridor end has an ordinary camera. About 6 wall segments per room.
//!
//! ```
//! let doc = sightline::synthetic::tower(20, 6, 1, 10);
//! let site: sightline::model::Site = serde_json::from_value(doc).unwrap();
//! assert_eq!(site.floors[0].devices.len(), 6 + 2 * 2); // FR cameras + 2 CCTV per wing
//! ```

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use serde_json::{json, Value};

/// The number of wall segments of a site document.
pub fn wall_segments(doc: &Value) -> usize {
    doc["floors"]
        .as_array()
        .map(|fs| {
            fs.iter()
                .flat_map(|f| f["walls"].as_array().cloned().unwrap_or_default())
                .map(|w| {
                    w["points"]
                        .as_array()
                        .map_or(0, |p| p.len().saturating_sub(1))
                })
                .sum()
        })
        .unwrap_or(0)
}

const ROOM_W: f64 = 4.0;
const ROOM_D: f64 = 7.0;
const CORRIDOR_W: f64 = 2.2;
const WING_PITCH: f64 = 2.0 * ROOM_D + CORRIDOR_W + 4.0;

/// A synthetic hotel tower as a site document: `rooms` guest rooms and `cameras` FR cameras
/// spread over `floors` floors, `rooms_per_wing` rooms along each corridor.
pub fn tower(rooms: usize, cameras: usize, floors: usize, rooms_per_wing: usize) -> Value {
    let floors = floors.max(1);
    let rooms_per_floor = rooms.div_ceil(floors);
    let cameras_per_floor = cameras.div_ceil(floors);
    let mut floor_docs = Vec::new();
    let mut rooms_left = rooms;
    let mut cameras_left = cameras;
    for f in 0..floors {
        let floor_rooms = rooms_per_floor.min(rooms_left);
        rooms_left -= floor_rooms;
        let cams = cameras_per_floor.min(cameras_left);
        cameras_left -= cams;
        floor_docs.push(floor(f, floor_rooms, cams, rooms_per_wing.max(2), 1));
    }
    json!({
        "format": "sightline-site", "version": 1,
        "name": format!("Synthetic tower: {rooms} rooms, {cameras} FR cameras, {floors} floors"),
        "processor": { "name": "Synthetic Hotels Ltd.", "contact": "+86 10 0000 0000" },
        "faces_stored": 50000, "filed_with_police": true, "retention_days": 30,
        "floors": floor_docs,
    })
}

/// A synthetic hotel level on one floor: the wings of [`tower`] laid out in a square grid
/// (a mall level or a hotel podium as imported from CAD), `rooms` guest rooms and `cameras` FR
/// cameras in all.
///
/// ```
/// let doc = sightline::synthetic::level(2000, 40, 50);
/// let site: sightline::model::Site = serde_json::from_value(doc).unwrap();
/// assert_eq!(site.floors.len(), 1);
/// assert_eq!(site.floors[0].zones.len(), 40); // one per wing, in 3 columns of 106 m
/// let xs = site.floors[0].devices.iter().map(|d| d.position[0]);
/// assert!(xs.fold(0.0, f64::max) > 200.0, "wings side by side, not only stacked");
/// ```
pub fn level(rooms: usize, cameras: usize, rooms_per_wing: usize) -> Value {
    let per_wing = rooms_per_wing.max(2);
    let wings = rooms.div_ceil(per_wing).max(1);
    // Square overall: columns × wing width ≈ rows × wing pitch.
    let columns = ((wings as f64 * WING_PITCH / wing_width(per_wing))
        .sqrt()
        .round() as usize)
        .clamp(1, wings);
    json!({
        "format": "sightline-site", "version": 1,
        "name": format!("Synthetic level: {rooms} rooms, {cameras} FR cameras, one floor"),
        "processor": { "name": "Synthetic Hotels Ltd.", "contact": "+86 10 0000 0000" },
        "faces_stored": 50000, "filed_with_police": true, "retention_days": 30,
        "floors": [floor(0, rooms, cameras, per_wing, columns)],
    })
}

/// The width a wing of `rooms_per_wing` rooms takes in a level's grid: its rooms, two to a
/// 4 m bay, and a 6 m gap to the next column.
fn wing_width(rooms_per_wing: usize) -> f64 {
    rooms_per_wing.div_ceil(2) as f64 * ROOM_W + 6.0
}

/// Adds `dx, dy` to every point of an object (its `position`, `a`, `b`, `points`, `polygon`).
fn shift(object: &mut Value, dx: f64, dy: f64) {
    fn points(v: &mut Value, dx: f64, dy: f64) {
        match v {
            Value::Array(items) if items.len() == 2 && items.iter().all(Value::is_number) => {
                let x = items[0].as_f64().unwrap_or(0.0) + dx;
                let y = items[1].as_f64().unwrap_or(0.0) + dy;
                *v = json!([x, y]);
            }
            Value::Array(items) => items.iter_mut().for_each(|i| points(i, dx, dy)),
            _ => {}
        }
    }
    if let Value::Object(map) = object {
        for (key, v) in map.iter_mut() {
            if ["position", "a", "b", "points", "polygon"].contains(&key.as_str()) {
                points(v, dx, dy);
            }
        }
    }
}

/// One floor: wings of `rooms_per_wing` rooms, `columns` side by side, rows stacked north.
fn floor(f: usize, rooms: usize, cameras: usize, rooms_per_wing: usize, columns: usize) -> Value {
    let fid = format!("F{}", f + 1);
    let mut walls = Vec::new();
    let mut openings = Vec::new();
    let mut spaces = Vec::new();
    let mut devices = Vec::new();
    let mut signs = Vec::new();
    let mut zones = Vec::new();
    let wings = rooms.div_ceil(rooms_per_wing).max(1);
    let column_width = wing_width(rooms_per_wing);
    let cams_per_wing = cameras.div_ceil(wings);
    let mut rooms_left = rooms;
    let mut cams_left = cameras;
    for w in 0..wings {
        let wing_rooms = rooms_per_wing.min(rooms_left);
        rooms_left -= wing_rooms;
        let per_side = wing_rooms.div_ceil(2).max(1);
        let length = per_side as f64 * ROOM_W;
        // Each wing is drawn with its west end at x = 0, then moved to its column.
        let dx = (w % columns) as f64 * column_width;
        let counts = [&walls, &openings, &spaces, &devices, &signs, &zones].map(|v| v.len());
        let y0 = (w / columns) as f64 * WING_PITCH;
        let (cy0, cy1) = (y0 + ROOM_D, y0 + ROOM_D + CORRIDOR_W);
        let id = |kind: &str, n: usize| format!("{fid}-w{w}-{kind}{n}");
        walls.push(json!({ "id": id("cs", 0), "points": [[0.0, cy0], [length, cy0]] }));
        walls.push(json!({ "id": id("cn", 0), "points": [[0.0, cy1], [length, cy1]] }));
        spaces.push(json!({ "id": id("corr", 0), "name": format!("{fid} wing {w} corridor"), "kind": "public",
                            "polygon": [[0.0, cy0], [length, cy0], [length, cy1], [0.0, cy1]] }));
        zones.push(
            json!({ "id": id("zone", 0), "name": format!("{fid} wing {w} corridor"),
                           "polygon": [[0.0, cy0], [length, cy0], [length, cy1], [0.0, cy1]] }),
        );
        for r in 0..wing_rooms {
            let side_north = r % 2 == 1;
            let x0 = (r / 2) as f64 * ROOM_W;
            let (ry0, ry1) = if side_north {
                (cy1, cy1 + ROOM_D)
            } else {
                (y0, cy0)
            };
            let n = r;
            walls.push(json!({ "id": id("wroom", n), "points": [[x0, ry0], [x0 + ROOM_W, ry0], [x0 + ROOM_W, ry1], [x0, ry1], [x0, ry0]] }));
            // Bath in the corridor-side west corner, door on its east wall.
            let (by0, by1, bath_door) = if side_north {
                (
                    cy1,
                    cy1 + 2.5,
                    [[x0 + 2.2, cy1 + 0.8], [x0 + 2.2, cy1 + 1.6]],
                )
            } else {
                (
                    cy0 - 2.5,
                    cy0,
                    [[x0 + 2.2, cy0 - 1.6], [x0 + 2.2, cy0 - 0.8]],
                )
            };
            let bath_corner = if side_north { by1 } else { by0 };
            let corr_y = if side_north { cy1 } else { cy0 };
            walls.push(json!({ "id": id("wbath", n), "points": [[x0, bath_corner], [x0 + 2.2, bath_corner], [x0 + 2.2, corr_y]] }));
            openings.push(
                json!({ "id": id("bd", n), "kind": "door", "a": bath_door[0], "b": bath_door[1] }),
            );
            openings.push(json!({ "id": id("rd", n), "kind": "door", "a": [x0 + 3.0, corr_y], "b": [x0 + 3.9, corr_y] }));
            spaces.push(json!({ "id": id("room", n), "name": format!("Room {}{:02}-{}", f + 1, w, n), "kind": "hotel_room",
                                "polygon": [[x0, ry0], [x0 + ROOM_W, ry0], [x0 + ROOM_W, ry1], [x0, ry1]] }));
            spaces.push(json!({ "id": id("bath", n), "name": format!("Bath {}{:02}-{}", f + 1, w, n), "kind": "bath",
                                "polygon": [[x0, by0], [x0 + 2.2, by0], [x0 + 2.2, by1], [x0, by1]] }));
        }
        // FR cameras along the corridor, alternating east and west.
        let cams = cams_per_wing.min(cams_left);
        cams_left -= cams;
        let mid_y = (cy0 + cy1) / 2.0;
        for c in 0..cams {
            let x = length * (c as f64 + 0.5) / cams as f64;
            devices.push(json!({
                "id": id("fr", c), "name": format!("{fid} wing {w} corridor FR {c}"),
                "position": [x, mid_y], "heading": if c % 2 == 0 { 0 } else { 180 }, "fov": 60, "range": 20,
                "mount_height": 2.6, "resolution": [2560, 1440], "purpose": "public_safety",
                "necessity": "Guest-floor security", "zone": id("zone", 0), "storage": "on_device"
            }));
        }
        for (end, (x, heading, facing)) in [(0.0, 0, 180), (length, 180, 0)].into_iter().enumerate()
        {
            devices.push(json!({ "id": id("cctv", end), "position": [x, mid_y], "heading": heading, "fov": 50,
                                 "range": 30, "face_recognition": false }));
            signs.push(json!({ "id": id("sign", end), "position": [x, mid_y + 0.8], "facing": facing,
                               "width": 0.4, "height": 0.3, "mount_height": 1.8, "readable_distance": 6,
                               "notice": { "processor": true, "purpose": true, "retention": true, "rights": true, "contact": true } }));
        }
        if dx != 0.0 {
            for (list, from) in [
                &mut walls,
                &mut openings,
                &mut spaces,
                &mut devices,
                &mut signs,
                &mut zones,
            ]
            .into_iter()
            .zip(counts)
            {
                list.iter_mut().skip(from).for_each(|v| shift(v, dx, 0.0));
            }
        }
    }
    json!({ "id": fid, "name": format!("{}F", f + 1), "walls": walls, "openings": openings, "spaces": spaces,
            "devices": devices, "signs": signs, "zones": zones })
}

/// A site whose one zone is a square `half` metres either side of the origin, with no walls,
/// one FR camera and one sign at the middle of the south edge facing out, readable from 6 m:
/// a few hundred bytes that once cost gigabytes (benches/hostile.rs, tests/hostile.rs).
pub fn huge_zone(half: f64) -> Value {
    json!({ "format": "sightline-site", "version": 1, "name": "Huge", "filed_with_police": true,
        "floors": [{ "id": "F1",
            "zones": [{ "id": "z1", "name": "Z", "polygon": [[-half, -half], [half, -half], [half, half], [-half, half]] }],
            "devices": [{ "id": "c1", "position": [0, 0], "heading": 0, "fov": 90, "range": 10,
                          "purpose": "public_safety", "necessity": "n", "zone": "z1" }],
            "signs": [{ "id": "g1", "position": [0.0, -half], "facing": 270, "width": 0.4, "height": 0.3,
                        "mount_height": 1.8, "readable_distance": 6,
                        "notice": { "processor": true, "purpose": true, "retention": true, "rights": true, "contact": true } }] }] })
}

/// A site of `n` toilets, 1.5 m square on a 2 m grid, 50 to a row, each with an ordinary
/// camera inside: thousands of findings on one floor.
pub fn many_private_spaces(n: usize) -> Value {
    let mut spaces = Vec::new();
    let mut devices = Vec::new();
    for i in 0..n {
        let (x, y) = ((i % 50) as f64 * 2.0, (i / 50) as f64 * 2.0);
        spaces.push(
            json!({ "id": format!("t{i}"), "name": format!("Toilet {i}"), "kind": "toilet",
                            "polygon": [[x, y], [x + 1.5, y], [x + 1.5, y + 1.5], [x, y + 1.5]] }),
        );
        devices.push(
            json!({ "id": format!("c{i}"), "position": [x + 0.75, y + 0.75], "heading": 0,
                             "fov": 60, "range": 1, "face_recognition": false }),
        );
    }
    json!({ "format": "sightline-site", "version": 1, "name": "Toilets", "filed_with_police": true,
            "floors": [{ "id": "F1", "spaces": spaces, "devices": devices }] })
}

/// A large ASCII DXF floor in millimetres for the import benchmark: `nx × ny` rooms of
/// 4 × 5 m with double-line walls on `A-WALL`, a door swing and leaf on `A-DOOR` in each,
/// a room name on `A-ANNO` and furniture on `A-FURN` (`furniture` lines a room).
/// About `nx · ny · (37 + furniture)` entities.
pub fn large_dxf(nx: usize, ny: usize, furniture: usize) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(nx * ny * (37 + furniture) * 120);
    s.push_str("  0\nSECTION\n  2\nHEADER\n  9\n$ACADVER\n  1\nAC1021\n  9\n$INSUNITS\n 70\n4\n  0\nENDSEC\n  0\nSECTION\n  2\nENTITIES\n");
    let line = |s: &mut String, layer: &str, a: [f64; 2], b: [f64; 2]| {
        let _ = write!(
            s,
            "  0\nLINE\n  8\n{layer}\n 10\n{}\n 20\n{}\n 30\n0\n 11\n{}\n 21\n{}\n 31\n0\n",
            a[0], a[1], b[0], b[1]
        );
    };
    let t = 100.0; // half of a 200 mm wall
    for j in 0..ny {
        for i in 0..nx {
            let (x0, y0) = (i as f64 * 4000.0, j as f64 * 5000.0);
            let (x1, y1) = (x0 + 4000.0, y0 + 5000.0);
            // Bottom wall with a door gap from x0+1000 to x0+1900, faces and caps.
            for (a, b) in [(x0, x0 + 1000.0), (x0 + 1900.0, x1)] {
                line(&mut s, "A-WALL", [a, y0 - t], [b, y0 - t]);
                line(&mut s, "A-WALL", [a, y0 + t], [b, y0 + t]);
                line(&mut s, "A-WALL", [a, y0 - t], [a, y0 + t]);
                line(&mut s, "A-WALL", [b, y0 - t], [b, y0 + t]);
            }
            // Left wall, and the right and top walls of the last column and row.
            line(&mut s, "A-WALL", [x0 - t, y0], [x0 - t, y1]);
            line(&mut s, "A-WALL", [x0 + t, y0], [x0 + t, y1]);
            if i + 1 == nx {
                line(&mut s, "A-WALL", [x1 - t, y0], [x1 - t, y1]);
                line(&mut s, "A-WALL", [x1 + t, y0], [x1 + t, y1]);
            }
            if j + 1 == ny {
                line(&mut s, "A-WALL", [x0, y1 - t], [x1, y1 - t]);
                line(&mut s, "A-WALL", [x0, y1 + t], [x1, y1 + t]);
            }
            let _ = write!(
                s,
                "  0\nARC\n  8\nA-DOOR\n 10\n{}\n 20\n{y0}\n 30\n0\n 40\n900\n 50\n0\n 51\n90\n",
                x0 + 1000.0
            );
            line(
                &mut s,
                "A-DOOR",
                [x0 + 1000.0, y0],
                [x0 + 1000.0, y0 + 900.0],
            );
            let _ = write!(
                s,
                "  0\nTEXT\n  8\nA-ANNO\n 10\n{}\n 20\n{}\n 30\n0\n 40\n300\n  1\n客房 {}\n",
                x0 + 2000.0,
                y0 + 2500.0,
                j * nx + i
            );
            for k in 0..furniture {
                let y = y0 + 600.0 + 3800.0 * k as f64 / furniture.max(1) as f64;
                line(&mut s, "A-FURN", [x0 + 2500.0, y], [x0 + 3600.0, y]);
            }
        }
    }
    s.push_str("  0\nENDSEC\n  0\nEOF\n");
    s
}

/// The notice every synthetic sign carries.
fn full_notice() -> Value {
    json!({ "processor": true, "purpose": true, "retention": true, "rights": true, "contact": true })
}

fn sign(id: &str, position: [f64; 2], facing: f64) -> Value {
    json!({ "id": id, "position": position, "facing": facing, "width": 0.4, "height": 0.3,
            "mount_height": 1.8, "readable_distance": 6, "notice": full_notice() })
}

fn fr_camera(
    id: &str,
    position: [f64; 2],
    heading: f64,
    fov: f64,
    range: f64,
    zone: &str,
) -> Value {
    json!({ "id": id, "position": position, "heading": heading, "fov": fov, "range": range,
            "mount_height": 2.6, "resolution": [2560, 1440], "purpose": "public_safety",
            "necessity": "Member entry", "zone": zone, "storage": "on_device" })
}

fn site_of(name: &str, floor: Value) -> Value {
    json!({ "format": "sightline-site", "version": 1, "name": name,
            "processor": { "name": "Synthetic Ltd.", "contact": "+86 10 0000 0000" },
            "faces_stored": 500, "filed_with_police": true, "retention_days": 30,
            "floors": [floor] })
}

/// A star of `spikes` needle spikes (2·`spikes` vertices, at least 3 spikes) around `centre`:
/// tips 4 to 6 m out (a slow wave), valleys `valley` m from the centre.
///
/// ```
/// let s = sightline::synthetic::star_points(10, [0.0, 0.0], 0.3);
/// assert_eq!(s.len(), 20);
/// assert!((s[1][0].hypot(s[1][1]) - 0.3).abs() < 1e-12);
/// ```
pub fn star_points(spikes: usize, centre: [f64; 2], valley: f64) -> Vec<[f64; 2]> {
    let n = spikes.max(3);
    (0..2 * n)
        .map(|k| {
            let t = k as f64 * std::f64::consts::PI / n as f64;
            let r = if k % 2 == 0 {
                5.0 + (t * 7.0).sin()
            } else {
                valley
            };
            [centre[0] + r * t.cos(), centre[1] + r * t.sin()]
        })
        .collect()
}

/// An ordinary 40 × 30 m gym floor whose fitting room is drawn (its space and its thin walls)
/// as a star of `spikes` needle spikes (2·`spikes` vertices) from one centre out to 4–6 m,
/// with four FR cameras around it
/// looking at it, a collection zone over the floor and signs at its door (issue 25).
///
/// ```
/// let doc = sightline::synthetic::star_fitting_room(3000);
/// let site: sightline::model::Site = serde_json::from_value(doc).unwrap();
/// let star = &site.floors[0].spaces[2];
/// assert_eq!(star.polygon.len(), 6000);
/// assert_eq!(site.floors[0].devices.iter().filter(|d| d.face_recognition).count(), 4);
/// ```
pub fn star_fitting_room(spikes: usize) -> Value {
    let (cx, cy) = (20.0, 15.0);
    let star = star_points(spikes, [cx, cy], 0.05);
    let box_ = |x0: f64, y0: f64, x1: f64, y1: f64| json!([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
    let walls = json!([
        { "id": "outer", "points": [[0, 0], [40, 0], [40, 30], [0, 30], [0, 0]], "thickness": 0.3 },
        { "id": "changing-walls", "points": [[30, 30], [30, 22], [40, 22]] },
        { "id": "office-walls", "points": [[0, 8], [8, 8], [8, 0]] },
        { "id": "fitting-walls", "points": star.iter().chain(star.first()).collect::<Vec<_>>(), "thickness": 0.02 },
    ]);
    let openings = json!([
        { "id": "entrance", "kind": "door", "a": [18, 0], "b": [22, 0] },
        { "id": "changing-door", "kind": "door", "a": [30, 24], "b": [30, 25] },
        { "id": "office-door", "kind": "door", "a": [8, 3], "b": [8, 4] },
    ]);
    let spaces = json!([
        { "id": "hall", "name": "Gym hall", "kind": "public", "polygon": box_(0.0, 0.0, 40.0, 30.0) },
        { "id": "changing", "name": "Changing room", "kind": "changing_room", "polygon": box_(30.0, 22.0, 40.0, 30.0) },
        { "id": "fitting", "name": "Fitting room (star)", "kind": "fitting_room", "polygon": star },
        { "id": "office", "name": "Office", "kind": "non_public", "polygon": box_(0.0, 0.0, 8.0, 8.0) },
    ]);
    let devices = json!([
        fr_camera("fr-sw", [10.0, 5.0], 30.0, 90.0, 25.0, "floor"),
        fr_camera("fr-se", [30.0, 5.0], 150.0, 90.0, 25.0, "floor"),
        fr_camera("fr-ne", [30.0, 20.0], 210.0, 90.0, 25.0, "floor"),
        fr_camera("fr-nw", [10.0, 25.0], 330.0, 90.0, 25.0, "floor"),
        { "id": "cctv", "position": [20.0, 1.0], "heading": 90, "fov": 90, "range": 30, "face_recognition": false },
    ]);
    let floor = json!({ "id": "G", "name": "Gym", "walls": walls, "openings": openings, "spaces": spaces,
        "devices": devices,
        "signs": [sign("sign-in", [19.0, 0.5], 270.0), sign("sign-out", [21.0, 0.5], 90.0)],
        "zones": [{ "id": "floor", "name": "Gym floor", "polygon": box_(8.5, 0.0, 29.5, 29.5) }] });
    site_of("Gym with a star-shaped fitting room", floor)
}

/// `columns × rows` separate 1.1 m walls on a 3 m grid (316 × 48: 15,168 walls across
/// 946 × 142 m), one 360° FR camera with a 10 km range in the middle, inside a 1 km × 1 km
/// zone with a sign (issue 25).
///
/// ```
/// let doc = sightline::synthetic::wall_grid(316, 48);
/// assert_eq!(sightline::synthetic::wall_segments(&doc), 15_168);
/// ```
pub fn wall_grid(columns: usize, rows: usize) -> Value {
    let mut walls = Vec::with_capacity(columns * rows);
    for i in 0..columns {
        for j in 0..rows {
            let (x, y) = (i as f64 * 3.0, j as f64 * 3.0);
            walls.push(json!({ "id": format!("w{i}-{j}"), "points": [[x, y], [x + 1.1, y]] }));
        }
    }
    let (cx, cy) = (columns as f64 * 1.5 + 0.55, rows as f64 * 1.5 + 1.5);
    let (x0, y0) = (cx - 500.0, cy - 500.0);
    let floor = json!({ "id": "F1", "name": "Grid", "walls": walls,
        "devices": [fr_camera("fr", [cx, cy], 0.0, 360.0, 10_000.0, "z")],
        "signs": [sign("s", [cx, y0], 270.0)],
        "zones": [{ "id": "z", "name": "Square kilometre",
                    "polygon": [[x0, y0], [x0 + 1000.0, y0], [x0 + 1000.0, y0 + 1000.0], [x0, y0 + 1000.0]] }] });
    site_of("15,000 walls on a grid", floor)
}

/// One 1 km wall carrying `n` openings of 0.1 m (doors and windows alternating, evenly spaced),
/// a guest room along its far side, a 360° FR camera 10 m from the wall with a 10 km range, a
/// zone and a sign (issue 25).
///
/// ```
/// let doc = sightline::synthetic::perforated_wall(5000);
/// let site: sightline::model::Site = serde_json::from_value(doc).unwrap();
/// assert_eq!(site.floors[0].openings.len(), 5000);
/// ```
pub fn perforated_wall(n: usize) -> Value {
    let pitch = 1000.0 / n.max(1) as f64;
    let openings: Vec<Value> = (0..n)
        .map(|i| {
            let x = (i as f64 + 0.5) * pitch - 0.05;
            let kind = if i % 2 == 0 { "door" } else { "window" };
            json!({ "id": format!("o{i}"), "kind": kind, "a": [x, 0.0], "b": [x + 0.1, 0.0] })
        })
        .collect();
    let floor = json!({ "id": "F1", "name": "Long wall",
        "walls": [{ "id": "long", "points": [[0, 0], [1000, 0]] }],
        "openings": openings,
        "spaces": [{ "id": "room", "name": "Guest room", "kind": "hotel_room",
                     "polygon": [[0, 0], [1000, 0], [1000, 8], [0, 8]] }],
        "devices": [fr_camera("fr", [500.0, -10.0], 90.0, 360.0, 10_000.0, "z")],
        "signs": [sign("s", [500.0, -30.0], 270.0)],
        "zones": [{ "id": "z", "name": "Forecourt", "polygon": [[0, -40], [1000, -40], [1000, -0.5], [0, -0.5]] }] });
    site_of("A 1 km wall of 5,000 openings", floor)
}

/// A second one-floor layout (issue 25), unlike [`level`]: `corridors` long corridors, each
/// lined with 100 rooms a side (3.6 × 5 m, a door each; every tenth a toilet, the rest guest
/// rooms), each corridor its own collection zone with 20 FR cameras down its length and a sign
/// at either end. The corridors are stacked in columns of 50. Per corridor: 404 wall segments,
/// 200 openings, 201 spaces — 250 corridors give 101,000 segments, 50,000 openings, 50,250
/// spaces, 5,000 FR cameras and 250 zones.
///
/// ```
/// let doc = sightline::synthetic::corridors(250);
/// assert_eq!(sightline::synthetic::wall_segments(&doc), 101_000);
/// let site: sightline::model::Site = serde_json::from_value(doc).unwrap();
/// let f = &site.floors[0];
/// assert_eq!((f.openings.len(), f.spaces.len(), f.zones.len()), (50_000, 50_250, 250));
/// assert_eq!(f.devices.len(), 5_000);
/// ```
pub fn corridors(corridors: usize) -> Value {
    const PER_SIDE: usize = 100;
    const W: f64 = 3.6;
    const DEPTH: f64 = 5.0;
    const CORR: f64 = 2.0;
    const CAMERAS: usize = 20;
    let length = PER_SIDE as f64 * W;
    let pitch_y = 2.0 * DEPTH + CORR + 1.0;
    let pitch_x = length + 10.0;
    let (mut walls, mut openings, mut spaces) = (Vec::new(), Vec::new(), Vec::new());
    let (mut devices, mut signs, mut zones) = (Vec::new(), Vec::new(), Vec::new());
    let rect = |x0: f64, y0: f64, x1: f64, y1: f64| json!([[x0, y0], [x1, y0], [x1, y1], [x0, y1]]);
    for c in 0..corridors {
        let (ox, oy) = ((c / 50) as f64 * pitch_x, (c % 50) as f64 * pitch_y);
        let (cy0, cy1) = (oy + DEPTH, oy + DEPTH + CORR);
        let id = |kind: &str, n: usize| format!("c{c}-{kind}{n}");
        for (side, (back, front)) in [(oy, cy0), (cy1 + DEPTH, cy1)].into_iter().enumerate() {
            walls.push(
                json!({ "id": id("back", side), "points": [[ox, back], [ox + length, back]] }),
            );
            for r in 0..=PER_SIDE {
                let x = ox + r as f64 * W;
                walls.push(json!({ "id": id(&format!("part{side}-"), r), "points": [[x, back], [x, front]] }));
            }
            for r in 0..PER_SIDE {
                let (x0, n) = (ox + r as f64 * W, side * PER_SIDE + r);
                walls.push(
                    json!({ "id": id("front", n), "points": [[x0, front], [x0 + W, front]] }),
                );
                openings.push(json!({ "id": id("door", n), "kind": "door",
                                      "a": [x0 + 2.5, front], "b": [x0 + 3.4, front] }));
                let kind = if r % 10 == 9 { "toilet" } else { "hotel_room" };
                spaces.push(json!({ "id": id("room", n), "name": format!("Room {c}-{n}"), "kind": kind,
                                    "polygon": rect(x0, back.min(front), x0 + W, back.max(front)) }));
            }
        }
        let corridor = rect(ox, cy0, ox + length, cy1);
        spaces.push(json!({ "id": id("corr", 0), "name": format!("Corridor {c}"), "kind": "public", "polygon": corridor }));
        zones.push(
            json!({ "id": id("zone", 0), "name": format!("Corridor {c}"), "polygon": corridor }),
        );
        let mid = (cy0 + cy1) / 2.0;
        for k in 0..CAMERAS {
            let x = ox + length * (k as f64 + 0.5) / CAMERAS as f64;
            let heading = if k % 2 == 0 { 0.0 } else { 180.0 };
            devices.push(fr_camera(
                &id("fr", k),
                [x, mid],
                heading,
                70.0,
                18.0,
                &id("zone", 0),
            ));
        }
        signs.push(sign(&id("sign", 0), [ox + 0.3, mid], 180.0));
        signs.push(sign(&id("sign", 1), [ox + length - 0.3, mid], 0.0));
    }
    let floor = json!({ "id": "F1", "name": "Corridors", "walls": walls, "openings": openings,
        "spaces": spaces, "devices": devices, "signs": signs, "zones": zones });
    site_of(
        &format!("{corridors} corridors of rooms on one floor"),
        floor,
    )
}
