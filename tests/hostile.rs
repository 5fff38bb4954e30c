//! Hostile input and safe files: work in proportion to the input, underlays that cannot hang
//! or flood memory, escaping in every output, safe writes, pictures of any size, and loading
//! messages that name the place. Every hostile file is made here; none is committed.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use geo::{BoundingRect, Intersects, Line};
use proptest::prelude::*;
use serde_json::{json, Value};
use sightline::geometry::entry::{approach_line, entry_stretches};
use sightline::geometry::primitives::{v2, AngleRange};
use sightline::geometry::sign_coverage::{coverage_runs, Reader, COVERAGE_STEP_M};
use sightline::geometry::visibility::visible_region;
use sightline::geometry::Seg;
use sightline::i18n::Lang;
use sightline::render::{floor_svg, RenderOptions};
use sightline::rules::check_site;

fn sightline_bin() -> &'static str {
    env!("CARGO_BIN_EXE_sightline")
}

/// Runs the binary, killing it (and failing) if it takes more than a minute: a hang is a bug.
fn run(args: &[&str]) -> Output {
    let mut child = Command::new(sightline_bin())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sightline");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("sightline {args:?} did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn write_site(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, v.to_string()).expect("write site");
    p
}

fn sample(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("sample_sites/{name}.site.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("sample")).expect("json")
}

fn opts(lang: Lang, base_dir: Option<PathBuf>) -> RenderOptions {
    RenderOptions {
        width_px: 1600,
        lang,
        date: "2026-01-01".to_owned(),
        base_dir,
        view: None,
        dori: Default::default(),
    }
}

// ---------------------------------------------------------------------------------------------
// Work in proportion to the input.

#[test]
fn a_zone_hundreds_of_kilometres_wide_is_checked_exactly_and_at_once() {
    for half in [150_000.0, 1.0e6] {
        let site = sightline::model::parse(
            &sightline::synthetic::huge_zone(half).to_string(),
            Path::new("huge.site.json"),
        )
        .expect("valid");
        let start = Instant::now();
        let findings = common::findings(&site);
        // Not a timing assertion: a regression to sampling every 5 cm takes minutes and GBs.
        let took = start.elapsed();
        let unsigned: Vec<_> = findings
            .iter()
            .filter(|f| f.rule.as_str() == "A13-UNSIGNED-ENTRY")
            .collect();
        assert_eq!(unsigned.len(), 1, "{findings:?}");
        let stretches = unsigned[0].stretches.as_ref().expect("stretches");
        let total: f64 = stretches
            .iter()
            .map(|[a, b]| ((b[0] - a[0]).powi(2) + (b[1] - a[1]).powi(2)).sqrt())
            .sum();
        // The sign covers ±6 m about its foot less the 0.3 m approach offset, rounded out to
        // the 5 cm cells: exactly 12.00 m of the 8·half m boundary stays covered.
        assert!(
            (total - (8.0 * half - 12.0)).abs() < 0.051,
            "{total} after {took:?}"
        );
        // Four edges, the south one split in two by the covered part.
        assert_eq!(stretches.len(), 5);
    }
}

fn naive_cover(
    stretches: &[sightline::geometry::entry::EntryStretch],
    readings: &[geo::MultiPolygon<f64>],
    walls: &[Seg],
) -> Vec<Vec<Vec<usize>>> {
    stretches
        .iter()
        .map(|st| {
            let n = ((st.length() / COVERAGE_STEP_M).ceil() as u64).max(1);
            let d = (st.b - st.a) / n as f64;
            (0..n)
                .map(|k| {
                    let at = (st.a + d * k as f64) + d * 0.5;
                    let Some(seg) = approach_line(at, st.outward, walls) else {
                        return Vec::new();
                    };
                    if (seg.b - seg.a).x.hypot((seg.b - seg.a).y) < 1e-12 {
                        return Vec::new();
                    }
                    (0..readings.len())
                        .filter(|&g| readings[g].intersects(&Line::new(seg.a, seg.b)))
                        .collect()
                })
                .collect()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(200)))]

    /// Settling runs of cells at once gives, cell for cell, what testing every cell gives.
    #[test]
    fn sign_coverage_runs_equal_testing_every_cell(
        x0 in 0..20i32, y0 in 0..20i32, w in 1..90i32, h in 1..60i32,
        walls in prop::collection::vec((0..100i32, 0..80i32, 0..100i32, 0..80i32), 0..8),
        signs in prop::collection::vec((0..100i32, 0..80i32, 0..8i32, 1..30i32), 1..4),
    ) {
        let (x0, y0, x1, y1) = (x0 as f64 * 0.5, y0 as f64 * 0.5, (x0 + w) as f64 * 0.5, (y0 + h) as f64 * 0.5);
        let zone = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
        let walls: Vec<Seg> = walls
            .iter()
            .map(|&(a, b, c, d)| Seg::new(v2([a as f64 * 0.5, b as f64 * 0.5]), v2([c as f64 * 0.5, d as f64 * 0.5])))
            .filter(|s| s.length() > 0.0)
            .collect();
        let readings: Vec<geo::MultiPolygon<f64>> = signs
            .iter()
            .map(|&(x, y, f, r)| {
                let ranges = vec![AngleRange::wedge(f as f64 * 45.0, 180.0)];
                visible_region(v2([x as f64 * 0.5, y as f64 * 0.5]), &ranges, r as f64 * 0.5, &walls)
            })
            .collect();
        let readers: Vec<Reader> = readings
            .iter()
            .map(|r| Reader { reading: r, bbox: r.bounding_rect() })
            .collect();
        let stretches = entry_stretches(&zone, &walls);
        let (runs, by) = coverage_runs(&stretches, &readers, |_, _| walls.clone());
        let expected = naive_cover(&stretches, &readings, &walls);
        let mut got: Vec<Vec<Vec<usize>>> = expected.iter().map(|s| vec![Vec::new(); s.len()]).collect();
        let mut next = vec![0u64; stretches.len()];
        for (run, signs) in runs.iter().zip(&by) {
            prop_assert_eq!(run.first, next[run.stretch], "runs are contiguous");
            for k in run.first..run.end {
                got[run.stretch][k as usize] = signs.clone();
            }
            next[run.stretch] = run.end;
        }
        for (si, cells) in expected.iter().enumerate() {
            prop_assert_eq!(next[si], cells.len() as u64, "every cell is in a run");
        }
        prop_assert_eq!(got, expected);
    }
}

// ---------------------------------------------------------------------------------------------
// Underlays.

fn site_with_underlay(dir: &Path, image: &str) -> PathBuf {
    let mut v = sample("office");
    v["floors"][0]["underlay"] =
        json!({ "image": image, "origin": [0, 16], "metres_per_pixel": 0.02 });
    write_site(dir, "u.site.json", &v)
}

/// Renders and reports a site whose underlay is `image`; returns both stderr texts after
/// checking that both commands succeeded.
fn render_and_report(dir: &Path, image: &str) -> (String, String) {
    let site = site_with_underlay(dir, image);
    let s = site.to_string_lossy().into_owned();
    let png = dir.join("u.png").to_string_lossy().into_owned();
    let html = dir.join("u.html").to_string_lossy().into_owned();
    let r = run(&["render", &s, "-o", &png]);
    assert_eq!(r.status.code(), Some(0), "{}", text(&r.stderr));
    let h = run(&["report", &s, "-o", &html, "--lang", "en"]);
    assert_eq!(h.status.code(), Some(0), "{}", text(&h.stderr));
    (text(&r.stderr), text(&h.stderr))
}

fn png_bytes(w: u32, h: u32) -> Vec<u8> {
    let img =
        image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 3) as u8, 128]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)
        .expect("encode");
    out.into_inner()
}

/// A PNG that claims `w` × `h` pixels: a real signature and header, then a few bytes of
/// pixel data (a decompression bomb needs no more to ask for gigabytes).
fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&w.to_be_bytes());
    ihdr.extend_from_slice(&h.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (&b"IHDR"[..], &ihdr[..]),
        (b"IDAT", &[0x78, 0x9c, 0x03, 0x00][..]),
        (b"IEND", &[][..]),
    ] {
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(&crc_input);
        out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn every_bad_underlay_is_a_warning_naming_the_floor_and_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let good = png_bytes(64, 48);
    std::fs::write(dir.path().join("good.png"), &good).expect("write");
    let (r, h) = render_and_report(dir.path(), "good.png");
    assert!(r.is_empty() && h.is_empty(), "{r}{h}");

    let mut truncated = good.clone();
    truncated.truncate(good.len() / 2);
    let mut short_chunk = good.clone();
    // Cut the image data chunk short but keep the file's end marker.
    let idat = good.windows(4).position(|w| w == b"IDAT").expect("IDAT") - 4;
    let n =
        u32::from_be_bytes([good[idat], good[idat + 1], good[idat + 2], good[idat + 3]]) as usize;
    short_chunk.splice(idat + 8 + n / 2..idat + 8 + n, std::iter::empty());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.png", truncated, "damaged or truncated"),
        ("short.png", short_chunk, "damaged or truncated"),
        (
            "text.png",
            b"this is a floor plan, honestly".to_vec(),
            "not a PNG or JPEG",
        ),
        (
            "bomb.png",
            png_header_only(16_384, 16_384),
            "16384 × 16384 pixels",
        ),
        (
            "wide.png",
            png_header_only(9_000, 9_000),
            "9000 × 9000 pixels",
        ),
    ];
    for (name, bytes, says) in cases {
        std::fs::write(dir.path().join(name), &bytes).expect("write");
        let (r, h) = render_and_report(dir.path(), name);
        for err in [&r, &h] {
            assert!(
                err.contains("warning: floor 12F: underlay")
                    && err.contains(name)
                    && err.contains(says),
                "{name}: {err}"
            );
        }
    }
    let (r, _) = render_and_report(dir.path(), "missing.png");
    assert!(
        r.contains("missing.png") && r.contains("cannot be read"),
        "{r}"
    );
}

#[cfg(unix)]
#[test]
fn an_underlay_that_is_a_device_or_a_fifo_is_never_read() {
    let dir = tempfile::tempdir().expect("tmp");
    let (r, h) = render_and_report(dir.path(), "/dev/zero");
    assert!(
        r.contains("/dev/zero") && r.contains("not a regular file"),
        "{r}"
    );
    assert!(h.contains("not a regular file"), "{h}");
    let fifo = dir.path().join("plan.png");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    // Nobody ever writes to this FIFO: reading it would wait for ever.
    let (r, h) = render_and_report(dir.path(), "plan.png");
    assert!(
        r.contains("plan.png") && r.contains("not a regular file"),
        "{r}"
    );
    assert!(h.contains("not a regular file"), "{h}");
}

// ---------------------------------------------------------------------------------------------
// Escaping.

const HOSTILE: &str = "<script>alert(1)</script>\"'&\u{1b}[31m\u{0}\u{7}\u{202e}";

/// Adds the hostile suffix to every id, reference, name and free text of a site.
fn poison(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, item) in map.iter_mut() {
                match (k.as_str(), &mut *item) {
                    (
                        "id" | "zone" | "name" | "text" | "necessity" | "contact",
                        Value::String(s),
                    ) => s.push_str(HOSTILE),
                    _ => poison(item),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(poison),
        _ => {}
    }
}

#[test]
fn markup_and_control_characters_in_every_name_and_id_are_escaped_everywhere() {
    let dir = tempfile::tempdir().expect("tmp");
    for name in ["gym-mistakes", "office-mistakes", "mall-mistakes"] {
        let mut v = sample(name);
        poison(&mut v);
        let site_path = write_site(dir.path(), &format!("{name}.site.json"), &v);
        let s = site_path.to_string_lossy().into_owned();

        // Terminal: no escape, bell, NUL or reordering character reaches it.
        let check = run(&["check", &s, "--lang", "both"]);
        assert_eq!(check.status.code(), Some(1), "{}", text(&check.stderr));
        let out = text(&check.stdout);
        assert!(out.contains("\u{FFFD}[31m"), "{out}");
        for bad in ['\u{1b}', '\u{0}', '\u{7}', '\u{202e}'] {
            assert!(!out.contains(bad), "{name}: {bad:?} in the terminal output");
        }
        // JSON keeps the names exactly (escaped as JSON).
        let json = run(&["check", &s, "--format", "json"]);
        let doc: Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
        let findings = doc["sites"][0]["findings"].as_array().expect("findings");
        assert!(findings.iter().any(|f| f["subjects"][0]
            .as_str()
            .is_some_and(|id| id.ends_with(HOSTILE))));

        // Report: the markup is text, never markup.
        let html_path = dir.path().join(format!("{name}.html"));
        let h = run(&["report", &s, "-o", &html_path.to_string_lossy()]);
        assert_eq!(h.status.code(), Some(0), "{}", text(&h.stderr));
        let html = std::fs::read_to_string(&html_path).expect("html");
        assert!(
            !html.contains("<script"),
            "{name}: raw <script> in the report"
        );
        assert!(!html.contains("alert(1)</"), "{name}");
        // In the tables (askama's numeric references) and in the inline plans (SVG escaping).
        assert!(
            html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
            "{name}"
        );
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{name}"
        );

        // Pictures: well-formed XML without forbidden characters, and a PNG.
        for (ext, lang) in [("svg", "en"), ("svg", "zh"), ("png", "zh")] {
            let out_path = dir.path().join(format!("{name}-{lang}.{ext}"));
            let r = run(&[
                "render",
                &s,
                "-o",
                &out_path.to_string_lossy(),
                "--lang",
                lang,
            ]);
            assert_eq!(
                r.status.code(),
                Some(0),
                "{name} {ext}: {}",
                text(&r.stderr)
            );
            if ext == "svg" {
                let svg = std::fs::read_to_string(&out_path).expect("svg");
                assert!(svg
                    .chars()
                    .all(|c| c >= ' ' || matches!(c, '\t' | '\n' | '\r')));
                assert!(!svg.contains("<script"));
                sightline::render::raster::parse_svg(&svg).expect("well-formed SVG");
            }
        }

        // PDF: the names are text on the page (the markup as characters, no control
        // character or bidi override among the glyphs).
        let pdf_path = dir.path().join(format!("{name}.pdf"));
        let p = run(&["report", &s, "-o", &pdf_path.to_string_lossy()]);
        assert_eq!(p.status.code(), Some(0), "{}", text(&p.stderr));
        let doc = lopdf::Document::load(&pdf_path).expect("pdf");
        let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
        let words = doc.extract_text(&pages).expect("text");
        assert!(words.contains("<script>alert(1)</script>"), "{name}");
        for bad in ['\u{1b}', '\u{0}', '\u{7}', '\u{202e}'] {
            assert!(!words.contains(bad), "{name}: {bad:?} in the PDF text");
        }

        // The filing pack: written, its text sheet free of control characters.
        let pack = dir.path().join(format!("{name}-pack"));
        let f = run(&["filing", &s, "-o", &pack.to_string_lossy()]);
        assert_eq!(f.status.code(), Some(0), "{}", text(&f.stderr));
        let sheet = std::fs::read_to_string(pack.join("filing-799-art14.txt")).expect("sheet");
        for bad in ['\u{1b}', '\u{0}', '\u{7}', '\u{202e}'] {
            assert!(!sheet.contains(bad), "{name}: {bad:?} in the filing sheet");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Safe writes.

#[cfg(unix)]
mod writes {
    use super::*;
    use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};

    fn site() -> sightline::model::Site {
        sightline::model::parse(&sample("office").to_string(), Path::new("office.site.json"))
            .expect("valid")
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .expect("dir")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_symlinked_site_is_written_through_its_link() {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::create_dir(dir.path().join("real")).expect("dir");
        let real = dir.path().join("real/site.json");
        std::fs::write(&real, "old").expect("write");
        let link = dir.path().join("site.json");
        symlink("real/site.json", &link).expect("link");
        sightline::model::save(&site(), &link).expect("save");
        assert!(std::fs::symlink_metadata(&link)
            .expect("meta")
            .file_type()
            .is_symlink());
        let saved = std::fs::read_to_string(&real).expect("read");
        assert!(saved.contains("Lumen Tech"), "the real file got the save");
        // A dangling link: the save creates the file it points to.
        let dangling = dir.path().join("new.json");
        symlink("real/new-target.json", &dangling).expect("link");
        sightline::model::write_atomically(&dangling, b"x").expect("write");
        assert_eq!(
            std::fs::read(dir.path().join("real/new-target.json")).expect("read"),
            b"x"
        );
        assert!(leftovers(dir.path()).is_empty() && leftovers(&dir.path().join("real")).is_empty());
    }

    #[test]
    fn permissions_are_kept_and_a_planted_link_is_never_followed() {
        let dir = tempfile::tempdir().expect("tmp");
        let target = dir.path().join("site.json");
        std::fs::write(&target, "old").expect("write");
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        // The old writer's predictable temp name, planted as a link to another file.
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "precious").expect("write");
        let planted = dir
            .path()
            .join(format!(".site.json.{}.tmp", std::process::id()));
        symlink(&victim, &planted).expect("plant");
        sightline::model::save(&site(), &target).expect("save");
        let mode = std::fs::metadata(&target)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
        assert!(std::fs::read_to_string(&target)
            .expect("read")
            .contains("Lumen Tech"));
        // A new file gets the usual permissions (not the temp file's private 0600).
        let fresh = dir.path().join("fresh.png");
        sightline::model::write_atomically(&fresh, b"png").expect("write");
        let mode = std::fs::metadata(&fresh)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_ne!(mode, 0o600);
        assert_eq!(mode & 0o600, 0o600);
    }

    #[test]
    fn what_is_not_a_regular_file_is_never_replaced() {
        let dir = tempfile::tempdir().expect("tmp");
        let fifo = dir.path().join("out.png");
        assert!(Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo")
            .success());
        let err = sightline::model::write_atomically(&fifo, b"x").expect_err("refused");
        assert!(err.to_string().contains("not a regular file"), "{err}");
        assert!(std::fs::symlink_metadata(&fifo)
            .expect("meta")
            .file_type()
            .is_fifo());
        let folder = dir.path().join("report.html");
        std::fs::create_dir(&folder).expect("dir");
        let err = sightline::model::write_atomically(&folder, b"x").expect_err("refused");
        assert!(err.to_string().contains("folder"), "{err}");
        assert!(folder.is_dir());
        assert!(leftovers(dir.path()).is_empty());
        // The command line says so and exits 2.
        let site = write_site(dir.path(), "s.site.json", &sample("office"));
        let o = run(&[
            "render",
            &site.to_string_lossy(),
            "-o",
            &fifo.to_string_lossy(),
        ]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            text(&o.stderr).contains("not a regular file"),
            "{}",
            text(&o.stderr)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Pictures and reports of any size.

#[test]
fn a_picture_of_two_thousand_findings_lists_what_fits_and_points_to_the_report() {
    // 2,000 toilets in a row, each with a camera inside: a finding or more per toilet.
    let doc = sightline::synthetic::many_private_spaces(2000);
    let site = sightline::model::parse(&doc.to_string(), Path::new("t.site.json")).expect("valid");
    let (analysis, findings) = check_site(&site);
    assert!(findings.len() >= 2000, "{}", findings.len());
    for lang in [Lang::En, Lang::Zh] {
        let drawn = floor_svg(&site, &analysis, &findings, 0, &opts(lang, None));
        assert!(drawn.height_px <= 64 + 2000 + 200, "{}", drawn.height_px);
        let more = match lang {
            Lang::En => "more — see the report",
            Lang::Zh => "详见报告",
        };
        assert!(drawn.svg.contains(more));
        let png = sightline::render::png_from_svg(&drawn.svg).expect("a picture");
        assert!(!png.is_empty());
        // Every finding still has its numbered marker on the plan.
        assert_eq!(
            drawn.markers.len(),
            findings.iter().filter(|f| f.at.is_some()).count()
        );
    }
}

#[test]
fn a_report_of_many_floors_is_written_floor_by_floor() {
    let mut v = sample("office");
    let floor = v["floors"][0].clone();
    let floors: Vec<Value> = (0..300)
        .map(|i| {
            let mut f = floor.clone();
            f["id"] = json!(format!("L{i}"));
            f
        })
        .collect();
    v["floors"] = Value::Array(floors);
    let dir = tempfile::tempdir().expect("tmp");
    let site = write_site(dir.path(), "tower.site.json", &v);
    let html = dir.path().join("tower.html");
    let o = run(&[
        "report",
        &site.to_string_lossy(),
        "-o",
        &html.to_string_lossy(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let html = std::fs::read_to_string(&html).expect("html");
    assert_eq!(
        html.matches("<section class=\"floor\" id=\"floor-").count(),
        300
    );
    assert!(html.contains("id=\"floor-L299\""));
    assert!(html.trim_end().ends_with("</html>"));
}

// ---------------------------------------------------------------------------------------------
// Loading messages.

fn load_error(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    sightline::model::load(&p).expect_err("refused").to_string()
}

#[test]
fn loading_messages_name_the_line_column_or_field_path() {
    let dir = tempfile::tempdir().expect("tmp");
    // A byte-order mark, as Windows Notepad saves, is accepted.
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(sample("office").to_string().as_bytes());
    std::fs::write(dir.path().join("bom.site.json"), &bom).expect("write");
    let site = sightline::model::load(&dir.path().join("bom.site.json")).expect("BOM accepted");
    assert_eq!(site.name, "Lumen Tech 12F");

    let e = load_error(
        dir.path(),
        "latin1.site.json",
        b"{\"format\": \"sightline-site\",\n  \"name\": \"Caf\xE9\"}",
    );
    assert!(
        e.ends_with("latin1.site.json:2:15: not UTF-8 text (byte 0xE9); save the file as UTF-8"),
        "{e}"
    );

    let mut v = sample("office");
    v["floors"][0]["walls"][3]["points"][1] = json!([1.0, 2.0, 3.0]);
    let e = load_error(dir.path(), "xyz.site.json", v.to_string().as_bytes());
    assert!(
        e.contains("xyz.site.json:1:")
            && e.contains(": at floors[0].walls[3].points[1]: a point is [x, y]"),
        "{e}"
    );
    assert!(!e.contains("not valid JSON"), "{e}");

    let mut v = sample("office");
    v["floors"][0]["devices"][0]["resolution"] = json!([1920]);
    let e = load_error(dir.path(), "res.site.json", v.to_string().as_bytes());
    assert!(
        e.contains("floors[0].devices[0].resolution: a resolution is [width, height]"),
        "{e}"
    );

    let mut v = sample("office");
    v["floors"][0]["spaces"][0]["kind"] = json!("ballroom");
    let e = load_error(dir.path(), "kind.site.json", v.to_string().as_bytes());
    assert!(
        e.contains("at floors[0].spaces[0].kind: unknown variant `ballroom`"),
        "{e}"
    );

    let e = load_error(
        dir.path(),
        "eof.site.json",
        b"{\"format\": \"sightline-site\",\n  \"floors\": [\n",
    );
    assert!(
        e.contains("eof.site.json:2:14: not valid JSON, the file ends too soon"),
        "{e}"
    );
}
