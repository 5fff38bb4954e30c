//! Every real plan of `../shared/cad` imported in one table (issue "Import v2", item 7), so a
//! change that helps one plan and breaks another shows; and one synthetic fixture written
//! here for each pattern the importer must read: proxy graphics, room layers with separate
//! name and number layers, walls drawn as outlines, feet-and-inch text in an inch drawing
//! labelled millimetres, and doors on layer 0 among furniture arcs.
//!
//! The expected figures were measured independently: ezdxf 1.4.5 (DXF, and the TArch proxy
//! graphics through its `proxygraphic` module) and ezdwg 0.17 (DWG, converted to DXF and read
//! with ezdxf), as `../shared/cad/SOURCES.md` records them.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod import_fixtures;

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use import_fixtures::{proxy_graphics, Dxf};
use sightline::import::{self, Options};
use sightline::model::{Floor, SpaceClass, SpaceKind};

fn cad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/cad")
        .join(name)
}

fn import_path(path: &Path) -> import::Imported {
    let opts = Options::default();
    let scan = import::scan(path, &opts).unwrap_or_else(|e| panic!("{e}"));
    import::build(&scan, &opts, "F1", "plan").unwrap_or_else(|e| panic!("{e}"))
}

/// The outer extent of the drawn walls (not glass, not columns): each centre line widened
/// by half its thickness to either side (not beyond its ends), metres.
fn wall_extent(f: &Floor) -> (f64, f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for w in f.walls.iter().filter(|w| w.id.starts_with('w')) {
        let h = w.thickness / 2.0;
        for s in w.points.windows(2) {
            let (a, b) = (s[0], s[1]);
            let l = ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2))
                .sqrt()
                .max(1e-12);
            let n = [-(b[1] - a[1]) / l * h, (b[0] - a[0]) / l * h];
            for p in [a, b] {
                for k in [-1.0, 1.0] {
                    let q = [p[0] + k * n[0], p[1] + k * n[1]];
                    x0 = x0.min(q[0]);
                    y0 = y0.min(q[1]);
                    x1 = x1.max(q[0]);
                    y1 = y1.max(q[1]);
                }
            }
        }
    }
    (x1 - x0, y1 - y0)
}

fn area(poly: &[[f64; 2]]) -> f64 {
    import::rooms::area(poly)
}

/// What one plan must give.
struct Expect {
    file: &'static str,
    unit: &'static str,
    /// Outer extent of the walls, metres, with a relative tolerance.
    extent: Option<((f64, f64), f64)>,
    wall_length_m: Option<RangeInclusive<f64>>,
    doors: RangeInclusive<usize>,
    windows: RangeInclusive<usize>,
    spaces: RangeInclusive<usize>,
    /// (name contains, kind) of spaces that must be there.
    rooms: &'static [(&'static str, SpaceKind)],
    /// A space whose area must be this (m², ±3 %), by name.
    tagged: Option<(&'static str, f64)>,
    /// Private-kind spaces found, exactly.
    private: usize,
}

// ezdxf proxygraphic: WALL 47 polylines spanning (−120, −120)–(24 490, 8 614) mm, i.e.
// 24.61 × 8.73 m; TCH_OPENING 7 (three with a swing: M0921 ×2 and one uncoded; four
// windows, one C1815); the room tag "房间 / 185.39" on SPACE.
const TARCH: Expect = Expect {
    file: "libredwg_gh109_1_tarch.dwg",
    unit: "mm",
    extent: Some(((24.61, 8.73), 0.01)),
    wall_length_m: None,
    doors: 3..=3,
    windows: 4..=4,
    spaces: 1..=1,
    rooms: &[("房间", SpaceKind::Public)],
    tagged: Some(("房间", 185.39)),
    private: 0,
};

const CORPUS: &[Expect] = &[
    // ezdxf: Walls 19 parallel pairs, 108.7 m of centre line; 31 glass panes; 8 door arcs.
    Expect {
        file: "barcelona_pavilion_plan.dxf",
        unit: "m",
        extent: None,
        wall_length_m: Some(103.3..=114.2),
        doors: 8..=8,
        windows: 25..=40,
        spaces: 1..=12,
        rooms: &[],
        tagged: None,
        private: 0,
    },
    // ezdwg: 885 × 894 units in centimetres (header says mm), 6 door swings of 77–112.
    Expect {
        file: "ewp_floor_plan.dwg",
        unit: "cm",
        extent: Some(((8.85, 8.94), 0.03)),
        wall_length_m: None,
        doors: 6..=6,
        windows: 0..=0,
        spaces: 3..=8,
        rooms: &[],
        tagged: None,
        private: 0,
    },
    // ezdwg: 64 closed LWPOLYLINE rooms on UNITS (numbers on UNITLABELS), 16 door polygons,
    // the building (0, 0)–(70 000, 70 000) mm.
    Expect {
        file: "azure_contoso_v1_Ground.dwg",
        unit: "mm",
        extent: Some(((70.0, 70.0), 0.01)),
        wall_length_m: None,
        doors: 13..=19,
        windows: 0..=0,
        spaces: 58..=70,
        rooms: &[("101", SpaceKind::Public), ("CIRC101", SpaceKind::Public)],
        tagged: None,
        private: 0,
    },
    // ezdwg: 68 closed LWPOLYLINE rooms on RM$ (2 430 m²), names on A-IDEN-NAME-EXST
    // (Restroom ×2, Mother's Room …), numbers on A-IDEN-NUMR-EXST; inches.
    Expect {
        file: "azure_contoso_v2_Ground.dwg",
        unit: "in",
        extent: None,
        wall_length_m: None,
        doors: 15..=120,
        windows: 1..=1000,
        spaces: 61..=75,
        rooms: &[
            ("Restroom", SpaceKind::Toilet),
            ("Mother's Room", SpaceKind::NursingRoom),
            ("Conference", SpaceKind::Public),
            ("Office", SpaceKind::NonPublic),
        ],
        tagged: None,
        private: 3,
    },
    TARCH,
    Expect {
        file: "libredwg_gh109_1_tarch.dxf",
        ..TARCH
    },
    // ezdwg: an AutoCAD Architecture wall of 10.29 m with one door and two windows, stored as
    // custom objects with proxy graphics.
    Expect {
        file: "acadsharp_AecObjects.dwg",
        unit: "mm",
        extent: None,
        wall_length_m: Some(8.7..=10.3),
        doors: 1..=1,
        windows: 2..=2,
        spaces: 0..=0,
        rooms: &[],
        tagged: None,
        private: 0,
    },
];

#[test]
fn every_shared_plan_gives_its_measured_figures() {
    let mut failures = Vec::new();
    for e in CORPUS {
        let i = import_path(&cad(e.file));
        let c = &i.summary.counts;
        let f = &i.floor;
        let mut fail = |what: String| failures.push(format!("{}: {what}", e.file));
        let unit = i.summary.units["unit"].as_str().unwrap_or("").to_string();
        if unit != e.unit {
            fail(format!("unit {unit}, want {}", e.unit));
        }
        if let Some(((w, h), tol)) = e.extent {
            let (x, y) = wall_extent(f);
            if (x / w - 1.0).abs() > tol || (y / h - 1.0).abs() > tol {
                fail(format!(
                    "walls span {x:.2} × {y:.2} m, want {w} × {h} ± {tol}"
                ));
            }
        }
        if let Some(r) = &e.wall_length_m {
            if !r.contains(&c.wall_length_m) {
                fail(format!("wall length {} m, want {r:?}", c.wall_length_m));
            }
        }
        let doors = c.openings.get("door").copied().unwrap_or(0);
        if !e.doors.contains(&doors) {
            fail(format!("{doors} doors, want {:?}", e.doors));
        }
        let windows = c.openings.get("window").copied().unwrap_or(0);
        if !e.windows.contains(&windows) {
            fail(format!("{windows} windows, want {:?}", e.windows));
        }
        if !e.spaces.contains(&f.spaces.len()) {
            fail(format!("{} spaces, want {:?}", f.spaces.len(), e.spaces));
        }
        for (name, kind) in e.rooms {
            let found: Vec<_> = f.spaces.iter().filter(|s| s.name.contains(name)).collect();
            if found.is_empty() || found.iter().any(|s| s.kind != *kind) {
                let got: Vec<_> = found.iter().map(|s| (&s.name, s.kind)).collect();
                fail(format!("rooms named {name}: {got:?}, want all {kind:?}"));
            }
        }
        if let Some((name, want)) = e.tagged {
            let got = f
                .spaces
                .iter()
                .find(|s| s.name.contains(name))
                .map(|s| area(&s.polygon));
            if !got.is_some_and(|a| (a / want - 1.0).abs() <= 0.03) {
                fail(format!("space {name}: {got:?} m², want {want} ± 3 %"));
            }
        }
        let private: Vec<_> = f
            .spaces
            .iter()
            .filter(|s| s.kind.class() == SpaceClass::Private)
            .collect();
        if private.len() != e.private {
            let got: Vec<_> = private.iter().map(|s| (&s.name, s.kind)).collect();
            fail(format!("private spaces {got:?}, want {}", e.private));
        }
        // Never a private kind over most of the floor, nor over 500 m².
        let floor_area: f64 = f.spaces.iter().map(|s| area(&s.polygon)).sum();
        for s in &private {
            let a = area(&s.polygon);
            if a > 500.0 || a > 0.5 * floor_area {
                fail(format!("private space {} of {a:.0} m²", s.name));
            }
        }
        // Every space is to be reviewed; the summary lists each private one.
        if f.spaces.iter().any(|s| !s.review) || c.private_spaces.len() != private.len() {
            fail("spaces not all marked for review, or private ones not listed".into());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_electrical_plan_reads_greek_and_says_its_units_are_uncertain() {
    let i = import_path(&cad("ewp_electrical_plan.dwg"));
    assert!(
        i.floor
            .spaces
            .iter()
            .any(|s| s.name.contains("Υπνοδωμάτιο")),
        "Greek room names arrive as written"
    );
    assert!(i
        .summary
        .warnings
        .iter()
        .any(|w| w.en.starts_with("UNITS UNCERTAIN") && w.zh.starts_with("单位存疑")));
}

fn write(dir: &Path, name: &str, d: &Dxf) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, d.utf8()).unwrap();
    p
}

/// Rectangle corners.
fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<[f64; 2]> {
    vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1]]
}

#[test]
fn proxy_graphics_walls_openings_and_a_room_tag() {
    // A 天正 room 8 × 5 m (mm) whose walls exist only as proxy graphics: each wall a closed
    // outline 200 mm thick, a door M0921 in the bottom wall's gap, a window C1515 in the top.
    let mut d = Dxf::new("AC1027", None, 0);
    d.classes = vec!["TCH_WALL", "TCH_OPENING"];
    let walls = [
        rect(-100.0, -100.0, 3000.0, 100.0),
        rect(3900.0, -100.0, 8100.0, 100.0),
        rect(-100.0, 4900.0, 8100.0, 5100.0),
        rect(-100.0, -100.0, 100.0, 5100.0),
        rect(7900.0, -100.0, 8100.0, 5100.0),
    ];
    for w in &walls {
        d.proxy("WALL", 0, &proxy_graphics(std::slice::from_ref(w), &[]));
    }
    d.proxy(
        "WINDOW",
        1,
        &proxy_graphics(
            &[rect(3000.0, -100.0, 3900.0, 100.0)],
            &[([3100.0, 300.0], "M0921")],
        ),
    );
    d.proxy(
        "WINDOW",
        1,
        &proxy_graphics(
            &[rect(5000.0, 4900.0, 6500.0, 5100.0)],
            &[([5200.0, 5300.0], "C1515")],
        ),
    );
    d.mtext("SPACE", [4000.0, 2500.0], 400.0, "房间");
    d.mtext("SPACE", [4000.0, 1900.0], 300.0, "39.20");
    d.line("DOTE", [-1000.0, 0.0], [9000.0, 0.0]);
    let dir = tempfile::tempdir().unwrap();
    let i = import_path(&write(dir.path(), "tarch.dxf", &d));
    let c = &i.summary.counts;
    assert_eq!(i.summary.units["unit"], "mm");
    let (w, h) = wall_extent(&i.floor);
    assert!(
        (w - 8.2).abs() < 0.01 && (h - 5.2).abs() < 0.01,
        "{w} × {h}"
    );
    assert_eq!(c.openings["door"], 1);
    assert_eq!(c.openings["window"], 1);
    let door = i
        .floor
        .openings
        .iter()
        .find(|o| o.id.starts_with('d'))
        .unwrap();
    let width = ((door.a[0] - door.b[0]).powi(2) + (door.a[1] - door.b[1]).powi(2)).sqrt();
    assert!((width - 0.9).abs() < 0.01, "{width}");
    // The axis line on DOTE (10 m) is no wall: no wall is longer than the room.
    assert!(i.floor.walls.iter().all(|w| {
        let (a, b) = (w.points[0], w.points[w.points.len() - 1]);
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt() < 8.3
    }));
    assert_eq!(i.floor.spaces.len(), 1);
    let s = &i.floor.spaces[0];
    assert_eq!(s.name, "房间 39.20");
    // 7.8 × 4.8 m inside the walls.
    assert!(
        (area(&s.polygon) - 37.44).abs() < 0.8,
        "{}",
        area(&s.polygon)
    );
}

#[test]
fn rooms_as_drawn_with_names_and_numbers_and_walls_as_outlines() {
    // An office floor in mm: walls as closed outlines (200 mm), rooms on RM$ with names on
    // A-IDEN-NAME and numbers on A-IDEN-NUMR; the restroom's walls do not close (its doorway
    // is 3 m wide, no door), so a face of walls would spill into the open office.
    let mut d = Dxf::new("AC1027", None, 4);
    d.polyline("A-WALL", &rect(-100.0, -100.0, 20100.0, 100.0), true);
    d.polyline("A-WALL", &rect(-100.0, 9900.0, 20100.0, 10100.0), true);
    d.polyline("A-WALL", &rect(-100.0, -100.0, 100.0, 10100.0), true);
    d.polyline("A-WALL", &rect(19900.0, -100.0, 20100.0, 10100.0), true);
    // The restroom's one wall: from the top wall down to 6 m, then open.
    d.polyline("A-WALL", &rect(15900.0, 6000.0, 16100.0, 10000.0), true);
    d.polyline("RM$", &rect(100.0, 100.0, 15900.0, 9900.0), true);
    d.polyline("RM$", &rect(16100.0, 100.0, 19900.0, 9900.0), true);
    d.polyline("GROS$", &rect(-100.0, -100.0, 20100.0, 10100.0), true);
    d.text("A-IDEN-NAME", [6000.0, 5000.0], 300.0, "Open Office");
    d.text("A-IDEN-NUMR", [6000.0, 4500.0], 250.0, "1100");
    d.text("A-IDEN-NAME", [17000.0, 5000.0], 300.0, "Restroom");
    d.text("A-IDEN-NUMR", [17000.0, 4500.0], 250.0, "1439");
    let dir = tempfile::tempdir().unwrap();
    let i = import_path(&write(dir.path(), "office.dxf", &d));
    let f = &i.floor;
    let names: Vec<(&str, SpaceKind, f64)> = f
        .spaces
        .iter()
        .map(|s| (s.name.as_str(), s.kind, (area(&s.polygon) * 100.0).round()))
        .collect();
    // 15.8 × 9.8 m and 3.8 × 9.8 m, in hundredths of m².
    assert_eq!(
        names,
        vec![
            ("Open Office 1100", SpaceKind::NonPublic, 15484.0),
            ("Restroom 1439", SpaceKind::Toilet, 3724.0),
        ]
    );
    // Outlines became centre lines with their thickness (slivers where outlines overlap
    // close corners and are not counted).
    let long = |w: &&sightline::model::Wall| {
        let (a, b) = (w.points[0], w.points[w.points.len() - 1]);
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt() >= 0.5
    };
    let t: Vec<f64> = f
        .walls
        .iter()
        .filter(|w| w.id.starts_with('w'))
        .filter(long)
        .map(|w| w.thickness)
        .collect();
    assert!(
        !t.is_empty() && t.iter().all(|t| (t - 0.2).abs() < 0.01),
        "{t:?}"
    );
    let (w, h) = wall_extent(f);
    assert!(
        (w - 20.2).abs() < 0.01 && (h - 10.2).abs() < 0.01,
        "{w} × {h}"
    );
    assert_eq!(i.summary.counts.private_spaces.len(), 1);
}

#[test]
fn a_private_label_in_a_face_with_other_rooms_is_never_trusted() {
    // No room layer: the faces of walls. The restroom's walls do not close, so its label and
    // the office's fall into one face, which stays public with a warning.
    let mut d = Dxf::new("AC1027", None, 4);
    d.wall("WALL", [0.0, 0.0], [20000.0, 0.0], 200.0, &[]);
    d.wall("WALL", [0.0, 10000.0], [20000.0, 10000.0], 200.0, &[]);
    d.wall("WALL", [0.0, 0.0], [0.0, 10000.0], 200.0, &[]);
    d.wall("WALL", [20000.0, 0.0], [20000.0, 10000.0], 200.0, &[]);
    d.wall("WALL", [16000.0, 10000.0], [16000.0, 6000.0], 200.0, &[]);
    d.text("TEXT", [6000.0, 5000.0], 300.0, "Open Office");
    d.text("TEXT", [17000.0, 8000.0], 300.0, "Restroom");
    let dir = tempfile::tempdir().unwrap();
    let i = import_path(&write(dir.path(), "open.dxf", &d));
    assert_eq!(i.floor.spaces.len(), 1);
    assert_eq!(i.floor.spaces[0].kind, SpaceKind::Public);
    assert!(i
        .summary
        .warnings
        .iter()
        .any(|w| w.en.contains("labels of several rooms") && w.en.contains("Restroom")));
}

#[test]
fn an_inch_drawing_labelled_millimetres_with_feet_and_inch_text() {
    // A house drawn in inches under a millimetre header: room sizes written "13'6 x 11'",
    // doors of 36" with leaves on layer 0, architectural units.
    let mut d = Dxf::new("AC1027", None, 4);
    d.lunits = Some(4);
    // Two rooms 162 × 132 in (13'6 × 11') side by side, walls 6 in.
    d.wall(
        "0",
        [0.0, 0.0],
        [330.0, 0.0],
        6.0,
        &[(40.0, 76.0), (200.0, 236.0)],
    );
    d.wall("0", [0.0, 138.0], [330.0, 138.0], 6.0, &[]);
    d.wall("0", [0.0, 0.0], [0.0, 138.0], 6.0, &[]);
    d.wall("0", [165.0, 0.0], [165.0, 138.0], 6.0, &[]);
    d.wall("0", [330.0, 0.0], [330.0, 138.0], 6.0, &[]);
    for x in [40.0, 200.0] {
        d.arc("0", [x, 0.0], 36.0, 0.0, 90.0);
        d.line("0", [x, 0.0], [x, 36.0]);
    }
    d.text("0", [60.0, 70.0], 6.0, "BEDROOM 13'6 x 11'");
    d.text("0", [220.0, 70.0], 6.0, "BATH 13'6 x 11'");
    let dir = tempfile::tempdir().unwrap();
    let i = import_path(&write(dir.path(), "house.dxf", &d));
    assert_eq!(i.summary.units["unit"], "in");
    let evidence: Vec<&str> = i.summary.units["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["what"].as_str().unwrap())
        .collect();
    for what in [
        "dimension style",
        "feet-and-inch text",
        "door radii",
        "room sizes",
    ] {
        assert!(evidence.contains(&what), "{evidence:?}");
    }
    assert!(i
        .summary
        .warnings
        .iter()
        .any(|w| w.en.contains("header says mm")));
    assert_eq!(i.summary.counts.openings["door"], 2);
    let (w, h) = wall_extent(&i.floor);
    assert!((w - 330.0 * 0.0254 - 0.1524).abs() < 0.02, "{w}");
    assert!((h - 138.0 * 0.0254 - 0.1524).abs() < 0.02, "{h}");
    let bath = i
        .floor
        .spaces
        .iter()
        .find(|s| s.name.starts_with("BATH"))
        .unwrap();
    assert_eq!(bath.kind, SpaceKind::Bath);
}

#[test]
fn doors_on_layer_zero_one_per_swing_and_not_from_furniture() {
    // A building in metres under a millimetre header, everything on layer 0: three door
    // swings with their leaves (one swing drawn twice), and four quarter arcs of chairs and a
    // table with no leaf.
    let mut d = Dxf::new("AC1027", None, 4);
    d.wall(
        "0",
        [0.0, 0.0],
        [12.0, 0.0],
        0.2,
        &[(1.0, 1.9), (5.0, 5.9), (9.0, 9.9)],
    );
    d.wall("0", [0.0, 8.0], [12.0, 8.0], 0.2, &[]);
    d.wall("0", [0.0, 0.0], [0.0, 8.0], 0.2, &[]);
    d.wall("0", [12.0, 0.0], [12.0, 8.0], 0.2, &[]);
    for x in [1.0, 5.0, 9.0] {
        d.arc("0", [x, 0.0], 0.9, 0.0, 90.0);
        d.line("0", [x, 0.0], [x, 0.9]);
    }
    d.arc("0", [5.0, 0.0], 0.9, 0.0, 90.0);
    for (x, y) in [(3.0, 4.0), (4.0, 4.0), (7.0, 5.0), (8.0, 6.0)] {
        d.arc("0", [x, y], 0.7, 90.0, 180.0);
    }
    let dir = tempfile::tempdir().unwrap();
    let i = import_path(&write(dir.path(), "layer0.dxf", &d));
    assert_eq!(i.summary.units["unit"], "m");
    assert_eq!(i.summary.counts.openings["door"], 3);
}

#[test]
fn a_mall_drawn_one_layer_per_shop_with_single_line_walls() {
    // Metres. Six shops 8 × 10 m, each outline on a layer of its own (SHOP-1 … SHOP-6) with
    // its name inside; walls are single lines; no layer is named for rooms.
    let mut d = Dxf::new("AC1027", None, 6);
    let names = [
        "ZARA",
        "Starbucks",
        "母婴室",
        "Apple",
        "更衣室 Fitting",
        "KFC",
    ];
    for (k, name) in names.iter().enumerate() {
        let x = 8.0 * k as f64;
        d.polyline(
            &format!("SHOP-{}", k + 1),
            &rect(x, 0.0, x + 8.0, 10.0),
            true,
        );
        d.text(&format!("SHOP-{}", k + 1), [x + 2.0, 5.0], 0.4, name);
        d.line("WALL", [x, 0.0], [x, 10.0]);
    }
    d.line("WALL", [48.0, 0.0], [48.0, 10.0]);
    d.line("WALL", [0.0, 0.0], [48.0, 0.0]);
    d.line("WALL", [0.0, 10.0], [48.0, 10.0]);
    let dir = tempfile::tempdir().unwrap();
    let i = import_path(&write(dir.path(), "mall.dxf", &d));
    let f = &i.floor;
    assert_eq!(f.spaces.len(), 6);
    let kinds: Vec<(&str, SpaceKind)> =
        f.spaces.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert!(
        kinds.contains(&("母婴室", SpaceKind::NursingRoom)),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("更衣室 Fitting", SpaceKind::FittingRoom))
            || kinds.contains(&("更衣室 Fitting", SpaceKind::ChangingRoom)),
        "{kinds:?}"
    );
    assert!(f
        .spaces
        .iter()
        .all(|s| (area(&s.polygon) - 80.0).abs() < 1e-6));
    assert!(i
        .summary
        .warnings
        .iter()
        .any(|w| w.en.contains("no layer is named for rooms")));
    // Single-line walls stay thin walls.
    assert!(f
        .walls
        .iter()
        .filter(|w| w.id.starts_with('w'))
        .all(|w| (w.thickness - 0.1).abs() < 1e-9));
    assert_eq!(
        i.summary.counts.walls,
        9,
        "{:?}",
        f.walls.iter().map(|w| &w.points).collect::<Vec<_>>()
    );
}

#[test]
fn hatched_rooms_and_hatched_walls() {
    // Millimetres: a 6 × 4 m toilet drawn as a hatch on 面积, its walls as hatched outlines on
    // 墙体 (200 mm), a 1 m door gap in the bottom wall with a swing on 门.
    let mut d = Dxf::new("AC1027", None, 4);
    d.hatch("墙体", &rect(-100.0, -100.0, 2000.0, 100.0));
    d.hatch("墙体", &rect(3000.0, -100.0, 6100.0, 100.0));
    d.hatch("墙体", &rect(-100.0, 3900.0, 6100.0, 4100.0));
    d.hatch("墙体", &rect(-100.0, -100.0, 100.0, 4100.0));
    d.hatch("墙体", &rect(5900.0, -100.0, 6100.0, 4100.0));
    d.arc("门", [2000.0, 0.0], 1000.0, 0.0, 90.0);
    d.line("门", [2000.0, 0.0], [2000.0, 1000.0]);
    d.hatch("面积", &rect(100.0, 100.0, 5900.0, 3900.0));
    d.text("房间名称", [2500.0, 2000.0], 300.0, "卫生间");
    let dir = tempfile::tempdir().unwrap();
    let i = import_path(&write(dir.path(), "hatch.dxf", &d));
    let f = &i.floor;
    assert_eq!(f.spaces.len(), 1);
    assert_eq!(
        (f.spaces[0].name.as_str(), f.spaces[0].kind),
        ("卫生间", SpaceKind::Toilet)
    );
    assert!((area(&f.spaces[0].polygon) - 5.8 * 3.8).abs() < 1e-6);
    let (w, h) = wall_extent(f);
    assert!(
        (w - 6.2).abs() < 0.01 && (h - 4.2).abs() < 0.01,
        "{w} × {h}"
    );
    assert_eq!(i.summary.counts.openings["door"], 1);
}

#[test]
fn a_curtain_wall_with_mullions_is_one_wall_with_a_window_per_bay() {
    // Metres: a 12 m curtain wall (two lines 0.1 m apart on A-GLAZ-CURT) with a mullion
    // (0.1 × 0.2 m rectangle) every 1.5 m, closing a room with plain walls.
    let mut d = Dxf::new("AC1027", None, 6);
    d.line("A-GLAZ-CURT", [0.0, 7.95], [12.0, 7.95]);
    d.line("A-GLAZ-CURT", [0.0, 8.05], [12.0, 8.05]);
    for k in 1..8 {
        let x = 1.5 * k as f64;
        d.polyline("A-GLAZ-CURT", &rect(x - 0.05, 7.9, x + 0.05, 8.1), true);
    }
    d.wall("A-WALL", [0.0, 0.0], [12.0, 0.0], 0.2, &[]);
    d.wall("A-WALL", [0.0, 0.0], [0.0, 8.0], 0.2, &[]);
    d.wall("A-WALL", [12.0, 0.0], [12.0, 8.0], 0.2, &[]);
    let dir = tempfile::tempdir().unwrap();
    let i = import_path(&write(dir.path(), "curtain.dxf", &d));
    let c = &i.summary.counts;
    assert_eq!(c.glass_walls, 1);
    assert_eq!(c.openings["window"], 8);
    // Each bay 1.5 m less the mullions' 0.1 m (halves at the ends of the outer bays).
    let widths: Vec<f64> = i
        .floor
        .openings
        .iter()
        .filter(|o| o.id.starts_with("win"))
        .map(|o| ((o.a[0] - o.b[0]).powi(2) + (o.a[1] - o.b[1]).powi(2)).sqrt())
        .collect();
    assert!(
        widths.iter().all(|w| (1.399..=1.451).contains(w)),
        "{widths:?}"
    );
}
