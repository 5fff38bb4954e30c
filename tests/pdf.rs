//! PDF output (issue 29): `sightline report -o X.pdf` and `render -o X.pdf` write PDFs that a
//! reader (lopdf, here; `pdftotext` and `pdffonts` agree) parses, with the expected pages, the
//! bundled font embedded as a subset with a ToUnicode map, every finding's rule id and the
//! start of its Chinese message in the extracted text, bookmarks per floor and rule, and plan
//! pages drawn as vectors (no image but an underlay, embedded at its own resolution).
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

mod common;

use common::sightline;

use lopdf::{Document, Object};
use sightline::rules::check_site;

/// Writes a report or picture and loads it.
fn written(args: &[&str], out: &std::path::Path) -> Document {
    let mut all = args.to_vec();
    let o = out.to_string_lossy().into_owned();
    all.extend(["-o", &o]);
    let run = sightline(&all);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    Document::load(out).unwrap()
}

/// The text of every page, without white space (a reader breaks lines where it likes).
fn text_of(doc: &Document) -> String {
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The fonts of the document: (name, embedded, has a ToUnicode map).
fn fonts(doc: &Document) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        let Ok(d) = obj.as_dict() else { continue };
        if d.get(b"Type").and_then(Object::as_name).ok() != Some(b"Font".as_slice()) {
            continue;
        }
        // A CID font is the descendant of a Type 0 font, which holds the ToUnicode map.
        let subtype = d.get(b"Subtype").and_then(Object::as_name).unwrap_or(b"");
        if subtype.starts_with(b"CIDFontType") {
            continue;
        }
        let name = d
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        // A Type 0 font's glyphs are in its descendant's descriptor.
        let descriptor = |d: &lopdf::Dictionary| {
            d.get(b"FontDescriptor")
                .and_then(Object::as_reference)
                .and_then(|r| doc.get_dictionary(r))
                .ok()
                .map(|fd| fd.has(b"FontFile") || fd.has(b"FontFile2") || fd.has(b"FontFile3"))
        };
        let embedded = descriptor(d).unwrap_or_else(|| {
            d.get(b"DescendantFonts")
                .and_then(Object::as_array)
                .ok()
                .and_then(|a| a.first())
                .and_then(|o| o.as_reference().ok())
                .and_then(|r| doc.get_dictionary(r).ok())
                .and_then(descriptor)
                .unwrap_or(false)
        });
        if d.has(b"DescendantFonts") || d.has(b"FontDescriptor") {
            out.push((name, embedded, d.has(b"ToUnicode")));
        }
    }
    out
}

/// The raster images in the document: (width, height).
fn images(doc: &Document) -> Vec<(i64, i64)> {
    doc.objects
        .values()
        .filter_map(|o| o.as_stream().ok())
        .filter(|s| {
            s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Image".as_slice())
        })
        // Soft masks (an image's alpha) are images too; count the pictures.
        .filter(|s| {
            s.dict.get(b"ColorSpace").and_then(Object::as_name).ok()
                != Some(b"DeviceGray".as_slice())
        })
        .map(|s| {
            let n = |k: &[u8]| s.dict.get(k).and_then(Object::as_i64).unwrap_or(0);
            (n(b"Width"), n(b"Height"))
        })
        .collect()
}

/// The titles of the bookmarks, depth first.
fn bookmarks(doc: &Document) -> Vec<String> {
    doc.get_toc()
        .map(|t| t.toc.into_iter().map(|e| e.title).collect())
        .unwrap_or_default()
}

#[test]
fn every_sample_report_reads_back_with_its_pages_fonts_findings_and_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    // Pages: the first page, the site and findings, the registers and articles, then one plan
    // page per floor (measured on these samples, in both languages and in English).
    for (name, pages, pages_en) in [
        ("hotel", 7, 6),
        ("hotel-mistakes", 10, 9),
        ("gym", 6, 5),
        ("gym-mistakes", 9, 7),
        ("office", 5, 5),
        ("office-mistakes", 8, 7),
        ("mall", 5, 5),
        ("mall-mistakes", 8, 7),
    ] {
        let site_path = format!("sample_sites/{name}.site.json");
        let doc = written(
            &["report", &site_path],
            &dir.path().join(format!("{name}.pdf")),
        );
        assert_eq!(doc.get_pages().len(), pages, "{name}");
        let f = fonts(&doc);
        assert!(!f.is_empty(), "{name}: no font");
        for (font, embedded, unicode) in &f {
            assert!(
                *embedded && *unicode,
                "{name}: {font} embedded {embedded}, ToUnicode {unicode}"
            );
            // A subset: the tag before '+' (six capitals).
            assert_eq!(font.find('+'), Some(6), "{name}: {font} is not a subset");
        }
        let text = text_of(&doc);
        let site = sightline::model::load(std::path::Path::new(&site_path)).unwrap();
        let (_, findings) = check_site(&site);
        for finding in &findings {
            assert!(
                text.contains(finding.rule.as_str()),
                "{name}: {}",
                finding.rule.as_str()
            );
            let start: String = finding
                .message_zh()
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(8)
                .collect();
            assert!(text.contains(&start), "{name}: {start}");
        }
        assert!(text.contains("合规报告") && text.contains("compliancereport"));
        // Bookmarks: a section per part, every floor, every rule found.
        let marks = bookmarks(&doc);
        for floor in &site.floors {
            assert!(
                marks.iter().any(|m| m.contains(&floor.id)),
                "{name}: no bookmark for {}",
                floor.id
            );
        }
        for finding in &findings {
            assert!(marks.iter().any(|m| m.starts_with(finding.rule.as_str())));
        }
        // No raster image: the plans are vectors.
        assert_eq!(images(&doc), vec![], "{name}");

        let en = written(
            &["report", &site_path, "--lang", "en"],
            &dir.path().join(format!("{name}-en.pdf")),
        );
        assert_eq!(en.get_pages().len(), pages_en, "{name} en");
        let text_en = text_of(&en);
        assert!(text_en.contains("compliancereport") && !text_en.contains("合规报告"));
        for finding in &findings {
            let start: String = finding
                .message_en()
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(12)
                .collect();
            assert!(text_en.contains(&start), "{name}: {start}");
        }
    }
}

#[test]
fn the_first_page_gives_the_verdict_counts_by_article_and_where_each_violation_is() {
    let dir = tempfile::tempdir().unwrap();
    let doc = written(
        &["report", "sample_sites/hotel-mistakes.site.json"],
        &dir.path().join("h.pdf"),
    );
    let first: String = doc
        .extract_text(&[1])
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(first.contains("不通过FAIL"), "{first}");
    assert!(first.contains("12项违规"));
    assert!(first.contains("按条文统计") && first.contains("需要处理的事项"));
    // A rule with its count and the page its findings start on (the findings follow the site
    // summary on page 2).
    assert!(first.contains("A10-SOLE-METHOD1"), "{first}");
    assert!(first.contains("第2页p.2"), "{first}");
    // The page number in the footer.
    assert!(first.ends_with('1') || first.contains("Sightline0.1.01"));
}

#[test]
fn render_writes_one_vector_page_and_an_underlay_at_its_own_resolution() {
    let dir = tempfile::tempdir().unwrap();
    let doc = written(
        &[
            "render",
            "sample_sites/hotel.site.json",
            "--floor",
            "F3",
            "--lang",
            "zh",
        ],
        &dir.path().join("f3.pdf"),
    );
    assert_eq!(doc.get_pages().len(), 1);
    assert_eq!(images(&doc), vec![]);
    let text = text_of(&doc);
    assert!(text.contains("F3"), "{text}");
    assert_eq!(bookmarks(&doc).len(), 1);

    // A floor with a 300 × 200 underlay: the PDF holds that image at 300 × 200.
    let png = dir.path().join("plan.png");
    image::RgbImage::from_fn(300, 200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    })
    .save(&png)
    .unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("sample_sites/office.site.json").unwrap())
            .unwrap();
    v["floors"][0]["underlay"] =
        serde_json::json!({ "image": "plan.png", "origin": [0, 16], "metres_per_pixel": 0.1 });
    let site_path = dir.path().join("office.site.json");
    std::fs::write(&site_path, v.to_string()).unwrap();
    let s = site_path.to_string_lossy().into_owned();
    let with = written(&["render", &s], &dir.path().join("u.pdf"));
    assert_eq!(images(&with), vec![(300, 200)]);
    let report = written(&["report", &s], &dir.path().join("ur.pdf"));
    assert_eq!(images(&report), vec![(300, 200)]);
}

#[test]
fn report_format_follows_the_extension_unless_told() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.out");
    let o = out.to_string_lossy().into_owned();
    let run = sightline(&[
        "report",
        "sample_sites/gym.site.json",
        "-o",
        &o,
        "--format",
        "pdf",
    ]);
    assert_eq!(run.status.code(), Some(0));
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    let html = dir.path().join("report.html");
    let h = html.to_string_lossy().into_owned();
    let run = sightline(&["report", "sample_sites/gym.site.json", "-o", &h]);
    assert_eq!(run.status.code(), Some(0));
    assert!(std::fs::read_to_string(&html)
        .unwrap()
        .starts_with("<!DOCTYPE html>"));
}
