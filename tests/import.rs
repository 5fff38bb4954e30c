//! The CAD importer (shared/spec/import.md) on the shared real plans and on fixtures written
//! here.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod import_fixtures;

use std::path::{Path, PathBuf};
use std::process::Command;

use import_fixtures::{arc, four_rooms, line, Dxf};
use serde_json::Value;
use sightline::import::{self, units::Unit, Options};
use sightline::model::{self, OpeningKind, SpaceKind};

fn cad(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/cad")
        .join(name)
}

fn sightline(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_sightline"))
        .args(args)
        .output()
        .expect("run sightline");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn import_file(path: &Path) -> import::Imported {
    let opts = Options::default();
    let scan = import::scan(path, &opts).unwrap_or_else(|e| panic!("{e}"));
    import::build(&scan, &opts, "F1", "plan").unwrap_or_else(|e| panic!("{e}"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

fn within(x: f64, target: f64, rel: f64) -> bool {
    (x - target).abs() <= target * rel
}

#[test]
fn barcelona_pavilion_metres_walls_glass_and_doors() {
    let i = import_file(&cad("barcelona_pavilion_plan.dxf"));
    let c = &i.summary.counts;
    assert_eq!(i.summary.units["unit"], "m");
    assert!(
        (15..=19).contains(&c.walls),
        "17 ± 2 walls, got {}",
        c.walls
    );
    assert!(
        within(c.wall_length_m, 108.7, 0.05),
        "108.7 m ± 5 % of centre line, got {}",
        c.wall_length_m
    );
    assert!(
        within(c.window_length_m, 51.1, 0.05),
        "51.1 m ± 5 % of glass, got {}",
        c.window_length_m
    );
    assert_eq!(c.openings["door"], 8);
    assert_eq!(i.summary.layers["Flooring"], "ignore");
    assert_eq!(i.summary.layers["Furniture"], "ignore");
    // Nothing of Flooring's 1,187 m of lines became wall: every wall, glass and column is
    // far shorter than that in all.
    let total: f64 = i
        .floor
        .walls
        .iter()
        .map(|w| sightline::import::walls::polyline_length(&w.points))
        .sum();
    assert!(total < 200.0, "{total} m of walls in all");
    // Every door sits on a wall.
    assert_doors_on_walls(&i);
    // The underlay lies under the floor at 2 cm a pixel.
    let u = i.floor.underlay.as_ref().expect("underlay");
    assert!((u.metres_per_pixel - 0.02).abs() < 1e-9);
    assert!(i
        .underlay
        .as_ref()
        .is_some_and(|p| p.width > 2500 && p.png.starts_with(b"\x89PNG")));
    // Provenance.
    let prov = &i.floor.extra["import"];
    assert_eq!(prov["format"], "dxf");
    assert_eq!(prov["units"], "m");
    assert_eq!(prov["sha256"].as_str().map(str::len), Some(64));
}

/// The doors of an imported floor.
fn doors(i: &import::Imported) -> impl Iterator<Item = &sightline::model::Opening> {
    i.floor
        .openings
        .iter()
        .filter(|o| o.kind == OpeningKind::Door)
}

fn width(o: &sightline::model::Opening) -> f64 {
    ((o.b[0] - o.a[0]).powi(2) + (o.b[1] - o.a[1]).powi(2)).sqrt()
}

/// Every door lies on a wall of the floor.
fn assert_doors_on_walls(i: &import::Imported) {
    for o in doors(i) {
        assert!(
            i.floor.walls.iter().any(|w| on_wall(o.a, o.b, &w.points)),
            "{} {:?}–{:?} is on no wall",
            o.id,
            o.a,
            o.b
        );
    }
}

fn on_wall(a: [f64; 2], b: [f64; 2], wall: &[[f64; 2]]) -> bool {
    use sightline::import::geom::point_segment_distance as d;
    wall.windows(2)
        .any(|w| d(a, w[0], w[1]) < 0.01 && d(b, w[0], w[1]) < 0.01)
}

/// Asserts that one of the import's warnings is as `is` says.
fn assert_warned(i: &import::Imported, is: impl Fn(&import::Warning) -> bool) {
    assert!(
        i.summary.warnings.iter().any(is),
        "{:?}",
        i.summary.warnings
    );
}

#[test]
fn ewp_house_is_centimetres_with_a_warning_and_six_doors() {
    let i = import_file(&cad("ewp_floor_plan.dwg"));
    assert_eq!(i.summary.units["unit"], "cm");
    assert_eq!(i.summary.units["overrides_header"], true);
    assert_warned(&i, |w| w.en.contains("header says mm"));
    // The editor shows it in Chinese too, with the evidence in Chinese.
    assert_warned(&i, |w| {
        w.text(sightline::i18n::Lang::Zh)
            .starts_with("文件头记为 mm，但图形实为 cm（")
            && w.zh.contains("门开启线")
    });
    assert_eq!(i.summary.counts.openings["door"], 6);
    // An 8.9 m house.
    let [lo, hi] = sightline::import::geom::bbox(i.floor.points()).expect("points");
    assert!(
        within(hi[0] - lo[0], 8.85, 0.05) && within(hi[1] - lo[1], 8.94, 0.05),
        "{lo:?} {hi:?}"
    );
    // Its five rooms are found (bedroom, bath, kitchen-living, two balconies).
    assert_eq!(i.floor.spaces.len(), 5);
    assert!(i.floor.spaces.iter().all(|s| s.review));
}

#[test]
fn acadsharp_samples_load_in_both_dwg_versions_and_binary_dxf() {
    for name in [
        "acadsharp_sample_AC1018.dwg",
        "acadsharp_sample_AC1032.dwg",
        "acadsharp_sample_AC1015_binary.dxf",
    ] {
        let scan =
            import::scan(&cad(name), &Options::default()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            scan.drawing.items.len() > 200,
            "{name}: {}",
            scan.drawing.items.len()
        );
        assert_eq!(scan.drawing.layouts.len(), 3, "{name}");
    }
    let bin = import::scan(
        &cad("acadsharp_sample_AC1015_binary.dxf"),
        &Options::default(),
    )
    .expect("binary");
    assert_eq!(
        bin.drawing.format,
        sightline::import::cad::Format::DxfBinary
    );
}

#[test]
fn architecture_objects_are_never_a_silent_empty_import() {
    // AutoCAD Architecture objects carry proxy graphics: the wall, its door and its two
    // windows are drawn from them (ezdwg reads the same wall as a 10.29 m outline).
    let i = import_file(&cad("acadsharp_AecObjects.dwg"));
    let c = &i.summary.counts;
    assert_eq!(c.walls, 1);
    assert!(within(c.wall_length_m, 9.2, 0.05), "{}", c.wall_length_m);
    assert_eq!(c.openings["door"], 1);
    assert_eq!(c.openings["window"], 2);
    assert_doors_on_walls(&i);
    // A drawing whose custom objects carry no graphics is still never silently empty: the
    // message names the file and says how to export a plain drawing.
    let dir = tempfile::tempdir().expect("tmp");
    let out = dir.path().join("aec.site.json");
    let bare = write(dir.path(), "bare_proxy.dxf", &bare_proxy_dxf());
    let (code, _, err) = sightline(&[
        "import",
        bare.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("bare_proxy.dxf")
            && err.contains("architecture objects")
            && err.contains("Export to AutoCAD")
            && err.contains("天正"),
        "{err}"
    );
    assert!(!out.exists());
}

/// A DXF whose only entity is a proxy object without graphics.
fn bare_proxy_dxf() -> Vec<u8> {
    let mut s = String::new();
    for (c, v) in [
        ("0", "SECTION"),
        ("2", "HEADER"),
        ("9", "$ACADVER"),
        ("1", "AC1015"),
        ("0", "ENDSEC"),
        ("0", "SECTION"),
        ("2", "CLASSES"),
        ("0", "CLASS"),
        ("1", "TCH_WALL"),
        ("2", "TDbWall"),
        ("3", "TArch"),
        ("90", "0"),
        ("280", "0"),
        ("281", "1"),
        ("0", "ENDSEC"),
        ("0", "SECTION"),
        ("2", "ENTITIES"),
        ("0", "ACAD_PROXY_ENTITY"),
        ("5", "2A"),
        ("100", "AcDbEntity"),
        ("8", "WALL"),
        ("100", "AcDbProxyEntity"),
        ("90", "498"),
        ("91", "500"),
        ("95", "0"),
        ("70", "0"),
        ("0", "ENDSEC"),
        ("0", "EOF"),
    ] {
        s.push_str(&format!("{c}\n{v}\n"));
    }
    s.into_bytes()
}

fn kinds_of(i: &import::Imported) -> Vec<(String, SpaceKind)> {
    let mut v: Vec<(String, SpaceKind)> = i
        .floor
        .spaces
        .iter()
        .map(|s| (s.name.clone(), s.kind))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

const NAMES: [&str; 5] = ["卫生间", "客房 8201", "更衣室", "母婴室", "走廊"];

fn expected_kinds() -> Vec<(String, SpaceKind)> {
    let mut v = vec![
        ("卫生间".to_string(), SpaceKind::Toilet),
        ("客房 8201".to_string(), SpaceKind::HotelRoom),
        ("更衣室".to_string(), SpaceKind::ChangingRoom),
        ("母婴室".to_string(), SpaceKind::NursingRoom),
        ("走廊".to_string(), SpaceKind::Public),
    ];
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

fn check_four_rooms(i: &import::Imported) {
    assert_eq!(i.summary.layers["墙体"], "wall");
    assert_eq!(i.summary.layers["门"], "door");
    assert_eq!(i.summary.layers["窗"], "window");
    assert_eq!(i.summary.units["unit"], "mm");
    assert_eq!(kinds_of(i), expected_kinds());
    assert!(i.floor.spaces.iter().all(|s| s.review));
    assert_eq!(i.summary.counts.openings["door"], 4);
    // Four windows of 1.2 m in the top wall.
    assert_eq!(i.summary.counts.openings["window"], 4);
    assert!(
        (i.summary.counts.window_length_m - 4.8).abs() < 0.1,
        "{}",
        i.summary.counts.window_length_m
    );
    // Each room is 4 × 5 m between wall centres: 3.8 × 4.8 m inside.
    for s in i
        .floor
        .spaces
        .iter()
        .filter(|s| s.kind != SpaceKind::Public)
    {
        let a = sightline::geometry::polygon::signed_area(&s.polygon);
        assert!(within(a.abs(), 18.24, 0.03), "{}: {a} m²", s.name);
    }
    // Doors are 0.9 m wide and lie on the corridor wall.
    for o in doors(i) {
        let w = width(o);
        assert!((w - 0.9).abs() < 0.02, "door {} is {w} m", o.id);
        assert!(
            (o.a[1] - o.b[1]).abs() < 1e-6,
            "door {} runs along the wall",
            o.id
        );
    }
}

#[test]
fn gbk_r2004_dxf_with_chinese_layers_and_rooms() {
    let dir = tempfile::tempdir().expect("tmp");
    let bytes = four_rooms("AC1018", Some("ANSI_936"), &NAMES, false).gbk();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is GBK"
    );
    let p = write(dir.path(), "gbk.dxf", &bytes);
    check_four_rooms(&import_file(&p));
}

#[test]
fn utf8_dxf_with_chinese_layers_and_rooms() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(
        dir.path(),
        "utf8.dxf",
        &four_rooms("AC1021", None, &NAMES, false).utf8(),
    );
    check_four_rooms(&import_file(&p));
}

#[test]
fn mtext_unicode_escapes_are_decoded() {
    let dir = tempfile::tempdir().expect("tmp");
    // 卫生间 = U+536B U+751F U+95F4; 母婴室 with formatting codes around it.
    let names = [
        "\\U+536B\\U+751F\\U+95F4",
        "客房 8201",
        "{\\fSimSun|b0;更衣室}",
        "\\A1;母婴室",
        "走廊",
    ];
    let p = write(
        dir.path(),
        "mtext.dxf",
        &four_rooms("AC1021", None, &names, true).utf8(),
    );
    let i = import_file(&p);
    assert_eq!(kinds_of(&i), expected_kinds());
}

/// A corridor wall in inches with five door blocks of one unit: ×30, ×32, ×36, mirrored
/// ×36 and ×36 turned 45° in a diagonal wall. The header says millimetres.
fn door_blocks() -> Dxf {
    let mut d = Dxf::new("AC1021", None, 4);
    d.block(
        "DOOR",
        &[
            arc("0", [0.0, 0.0], 1.0, 0.0, 90.0),
            line("0", [0.0, 0.0], [0.0, 1.0]),
        ],
    );
    let t = 6.0;
    // Gaps: [40, 70], [120, 152], [200, 236], mirrored [300, 336] hinged at 336.
    d.wall(
        "A-WALL",
        [0.0, 0.0],
        [400.0, 0.0],
        t,
        &[(40.0, 70.0), (120.0, 152.0), (200.0, 236.0), (300.0, 336.0)],
    );
    d.wall("A-WALL", [0.0, 0.0], [0.0, 300.0], t, &[]);
    d.wall("A-WALL", [400.0, 0.0], [400.0, 300.0], t, &[]);
    d.wall("A-WALL", [0.0, 300.0], [400.0, 300.0], t, &[]);
    d.insert("A-DOOR", "DOOR", [40.0, 0.0], 30.0, 30.0, 0.0);
    d.insert("A-DOOR", "DOOR", [120.0, 0.0], 32.0, 32.0, 0.0);
    d.insert("A-DOOR", "DOOR", [200.0, 0.0], 36.0, 36.0, 0.0);
    d.insert("A-DOOR", "DOOR", [336.0, 0.0], -36.0, 36.0, 0.0);
    // A diagonal wall from (400, 300) at 45°, the door 60–96 inches along it.
    let s = std::f64::consts::FRAC_1_SQRT_2;
    d.wall(
        "A-WALL",
        [400.0, 300.0],
        [400.0 + 200.0 * s, 300.0 + 200.0 * s],
        t,
        &[(60.0, 96.0)],
    );
    d.insert(
        "A-DOOR",
        "DOOR",
        [400.0 + 60.0 * s, 300.0 + 60.0 * s],
        36.0,
        36.0,
        45.0,
    );
    d
}

#[test]
fn door_blocks_scaled_mirrored_and_turned_in_an_inch_drawing_labelled_mm() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(dir.path(), "doors.dxf", &door_blocks().utf8());
    let i = import_file(&p);
    assert_eq!(i.summary.units["unit"], "in");
    assert_eq!(i.summary.units["overrides_header"], true);
    assert_warned(&i, |w| {
        w.en.contains("header says mm but the drawing is in in")
    });
    let mut widths: Vec<f64> = doors(&i).map(width).collect();
    widths.sort_by(f64::total_cmp);
    let expected = [0.762, 0.8128, 0.9144, 0.9144, 0.9144];
    assert_eq!(widths.len(), 5, "{widths:?}");
    for (w, e) in widths.iter().zip(expected) {
        assert!((w - e).abs() < 0.01, "{widths:?}");
    }
    // Each door lies on a wall, the turned one on the diagonal wall.
    assert_doors_on_walls(&i);
    // --units settles it.
    let opts = Options {
        units: Some(Unit::Cm),
        ..Options::default()
    };
    let scan = import::scan(&p, &opts).expect("scan");
    assert_eq!(scan.units.unit, Unit::Cm);
    assert!(!scan.units.overrides_header);
}

#[test]
fn door_blocks_without_a_swing_are_placed_from_their_box() {
    // Millimetres; a 900 mm door block M0921 drawn as its closed leaf (a thin rectangle across
    // the gap, no arc), once along a horizontal wall and once turned 90° into a vertical one.
    let mut d = Dxf::new("AC1021", None, 4);
    d.block(
        "M0921",
        &[
            line("0", [0.0, 0.0], [900.0, 0.0]),
            line("0", [900.0, 0.0], [900.0, 40.0]),
            line("0", [900.0, 40.0], [0.0, 40.0]),
            line("0", [0.0, 40.0], [0.0, 0.0]),
        ],
    );
    let t = 200.0;
    d.wall("WALL", [0.0, 0.0], [6000.0, 0.0], t, &[(1000.0, 1900.0)]);
    d.wall(
        "WALL",
        [6000.0, 0.0],
        [6000.0, 4000.0],
        t,
        &[(2000.0, 2900.0)],
    );
    d.wall("WALL", [6000.0, 4000.0], [0.0, 4000.0], t, &[]);
    d.wall("WALL", [0.0, 4000.0], [0.0, 0.0], t, &[]);
    d.insert("DOOR", "M0921", [1000.0, -20.0], 1.0, 1.0, 0.0);
    d.insert("DOOR", "M0921", [6020.0, 2000.0], 1.0, 1.0, 90.0);
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(dir.path(), "m0921.dxf", &d.utf8());
    let i = import_file(&p);
    assert_eq!(i.summary.units["unit"], "mm");
    let mut widths: Vec<f64> = doors(&i).map(width).collect();
    widths.sort_by(f64::total_cmp);
    assert_eq!(widths.len(), 2, "{widths:?}");
    for w in widths {
        assert!((w - 0.9).abs() < 0.02, "{w}");
    }
    assert_doors_on_walls(&i);
    // The leaves are doors, not walls: four long walls around the room (the gaps closed), and
    // no wall of a leaf's size.
    let lengths: Vec<f64> = i
        .floor
        .walls
        .iter()
        .map(|w| {
            w.points
                .windows(2)
                .map(|p| (p[1][0] - p[0][0]).hypot(p[1][1] - p[0][1]))
                .sum()
        })
        .collect();
    assert_eq!(
        lengths.iter().filter(|l| **l > 3.0).count(),
        4,
        "{lengths:?}"
    );
    assert!(
        !lengths.iter().any(|l| (0.5..2.0).contains(l)),
        "{lengths:?}"
    );
}

#[test]
fn room_sizes_written_in_text_are_units_evidence() {
    // Two rooms drawn in millimetres (4000 × 3000 and 3000 × 3000) under a header that says
    // centimetres; no doors. The building is plausible either way; the written sizes are not.
    let mut d = Dxf::new("AC1021", None, 5);
    let t = 200.0;
    d.wall("WALL", [0.0, 0.0], [7000.0, 0.0], t, &[]);
    d.wall("WALL", [7000.0, 0.0], [7000.0, 3000.0], t, &[]);
    d.wall("WALL", [7000.0, 3000.0], [0.0, 3000.0], t, &[]);
    d.wall("WALL", [0.0, 3000.0], [0.0, 0.0], t, &[]);
    d.wall("WALL", [4000.0, 0.0], [4000.0, 3000.0], t, &[]);
    d.text("ROOM", [1500.0, 1500.0], 200.0, "客房 11.6㎡");
    d.text("ROOM", [5200.0, 1200.0], 200.0, "2800×2800");
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(dir.path(), "rooms-mm.dxf", &d.utf8());
    let scan = import::scan(&p, &Options::default()).expect("scan");
    assert_eq!(scan.units.unit, Unit::Mm);
    assert!(scan.units.overrides_header);
    let rooms = scan
        .units
        .evidence
        .iter()
        .find(|e| e.what == "room sizes")
        .expect("room sizes are evidence");
    assert!(rooms.seen.starts_with("2 room sizes"), "{}", rooms.seen);
    assert_eq!(rooms.allows, vec![Unit::Mm]);
}

#[test]
fn the_plan_is_chosen_over_a_section_beside_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut d = four_rooms("AC1021", None, &NAMES, false);
    // A section 30 m to the right: slab lines and two short wall cuts.
    d.line("剖面", [46000.0, 0.0], [62000.0, 0.0]);
    d.line("剖面", [46000.0, 3000.0], [62000.0, 3000.0]);
    d.wall("墙体", [46000.0, 0.0], [46000.0, 3000.0], 200.0, &[]);
    d.wall("墙体", [62000.0, 0.0], [62000.0, 3000.0], 200.0, &[]);
    let p = write(dir.path(), "with_section.dxf", &d.utf8());
    let i = import_file(&p);
    let [_, hi] = sightline::import::geom::bbox(i.floor.points()).expect("points");
    assert!(hi[0] < 17.0, "only the plan: {hi:?}");
    assert_warned(&i, |w| {
        w.en.contains("2 separate drawings") && w.en.contains("left out")
    });
    check_four_rooms(&i);
    // --region takes the section instead.
    let opts = Options {
        region: Some([45000.0, -500.0, 63000.0, 3500.0]),
        ..Options::default()
    };
    let scan = import::scan(&p, &opts).expect("scan");
    let s = import::build(&scan, &opts, "S", "section").expect("build");
    assert_eq!(s.summary.counts.walls, 2);
}

#[test]
fn bad_files_exit_2_with_the_file_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let dwg = std::fs::read(cad("ewp_floor_plan.dwg")).expect("read");
    let truncated = write(dir.path(), "truncated.dwg", &dwg[..dwg.len() / 3]);
    let mut seed = 7u64;
    let random: Vec<u8> = (0..50_000)
        .map(|_| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u8
        })
        .collect();
    let random = write(dir.path(), "random.dwg", &random);
    let empty = write(dir.path(), "empty.dxf", &Dxf::new("AC1021", None, 6).utf8());
    let mut far = Dxf::new("AC1021", None, 6);
    far.wall("WALL", [1e12, 1e12], [1e12 + 10.0, 1e12], 0.2, &[]);
    let far = write(dir.path(), "far.dxf", &far.utf8());
    let mut dwg_ac = b"AC1032".to_vec();
    dwg_ac.extend_from_slice(&[0u8; 200]);
    let header_only = write(dir.path(), "header_only.dwg", &dwg_ac);
    let out = dir.path().join("out.site.json");
    for (file, says) in [
        (&truncated, ""),
        (&random, "not a DWG or DXF"),
        (&empty, "empty"),
        (&far, "beyond"),
        (&header_only, ""),
    ] {
        let (code, _, err) = sightline(&[
            "import",
            file.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let name = file.file_name().unwrap().to_str().unwrap();
        assert_eq!(code, 2, "{name}: {err}");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(!out.exists(), "{name}");
    }
}

#[test]
fn command_line_new_site_add_to_list_and_json() {
    let dir = tempfile::tempdir().expect("tmp");
    let plan = write(
        dir.path(),
        "hotel.dxf",
        &four_rooms("AC1021", None, &NAMES, false).utf8(),
    );
    let site = dir.path().join("hotel.site.json");
    let (code, out, err) = sightline(&[
        "import",
        plan.to_str().unwrap(),
        "-o",
        site.to_str().unwrap(),
        "--floor-name",
        "8F",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("4 doors") && out.contains("5 spaces to review"),
        "{out}"
    );
    let loaded = model::load(&site).expect("a valid site");
    assert_eq!(loaded.floors.len(), 1);
    assert_eq!(loaded.floors[0].name, "8F");
    let image = loaded.floors[0]
        .underlay
        .as_ref()
        .expect("underlay")
        .image
        .clone();
    assert_eq!(image, "hotel.F1.plan.png");
    assert!(dir.path().join(&image).exists());
    // The checker lists every guessed room for review.
    let (code, out, _) = sightline(&["check", site.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).expect("json");
    let reviews = doc["sites"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "PLAN-REVIEW")
        .count();
    assert_eq!(reviews, 5);
    // --add-to keeps what is there, unknown fields included, and adds F2.
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&site).unwrap()).unwrap();
    v["x_custom"] = Value::from("kept");
    std::fs::write(&site, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let (code, out, err) = sightline(&[
        "import",
        plan.to_str().unwrap(),
        "--add-to",
        site.to_str().unwrap(),
        "--format",
        "json",
        "--no-underlay",
    ]);
    assert_eq!(code, 0, "{err}");
    let summary: Value = serde_json::from_str(&out).expect("json summary");
    assert_eq!(summary["units"]["unit"], "mm");
    assert_eq!(summary["counts"]["openings"]["door"], 4);
    assert_eq!(summary["counts"]["spaces_to_review"], 5);
    assert_eq!(summary["source"]["format"], "dxf");
    assert_eq!(summary["layers"]["墙体"], "wall");
    let again: Value = serde_json::from_str(&std::fs::read_to_string(&site).unwrap()).unwrap();
    assert_eq!(again["x_custom"], "kept");
    assert_eq!(again["floors"][1]["id"], "F2");
    assert!(again["floors"][1].get("underlay").is_none());
    // --list writes nothing and names layers, units and drawings.
    let (code, out, _) = sightline(&["import", "--list", plan.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        out.contains("墙体")
            && out.contains("wall")
            && out.contains("units: mm")
            && out.contains("← imported"),
        "{out}"
    );
    let (code, out, _) = sightline(&[
        "import",
        "--list",
        plan.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let list: Value = serde_json::from_str(&out).expect("json list");
    assert_eq!(list["drawings"].as_array().map(Vec::len), Some(1));
    // Layer options: walls named by pattern, doors left out → no doors.
    let (code, out, _) = sightline(&[
        "import",
        plan.to_str().unwrap(),
        "-o",
        dir.path().join("b.site.json").to_str().unwrap(),
        "--exclude",
        "门",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0);
    let s: Value = serde_json::from_str(&out).expect("json");
    assert_eq!(s["counts"]["openings"]["door"], 0);
    assert_eq!(s["layers"]["门"], "exclude");
}
