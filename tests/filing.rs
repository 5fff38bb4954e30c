//! The filing pack (issue 29): `sightline filing` on the hotel sample writes the Decree 799
//! Art. 14 sheet (text and PDF with numbered plan pages), the device schedule (CSV and XLSX,
//! with the bill of materials), the sign schedule and a manifest; the sheets say which file
//! (SHA-256) and version they describe; the Measures Art. 15 materials come at 100,000 faces
//! or with `--all`.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)] // tests may panic

use std::path::Path;
mod common;

use common::sightline;

use calamine::{Data, Reader, Xlsx};

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap().replace("\r\n", "\n")
}

fn expected(name: &str) -> String {
    expected_of("hotel", name)
}

fn expected_of(sample: &str, name: &str) -> String {
    read(&Path::new("tests/expected/filing").join(sample).join(name))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn filing(site: &str, dir: &Path, extra: &[&str]) -> std::process::Output {
    let d = dir.to_string_lossy().into_owned();
    let mut args = vec!["filing", site, "-o", &d];
    args.extend(extra);
    sightline(&args)
}

#[test]
fn the_hotel_pack_matches_the_expected_sheets_and_schedules() {
    let dir = tempfile::tempdir().unwrap();
    let out = filing("sample_sites/hotel.site.json", dir.path(), &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8_lossy(&out.stdout);
    for f in [
        "filing-799-art14.txt",
        "filing-799-art14.pdf",
        "devices.csv",
        "bill-of-materials.csv",
        "signs.csv",
        "schedule.xlsx",
        "manifest.txt",
    ] {
        assert!(dir.path().join(f).is_file(), "{f} missing");
        assert!(listed.contains(f), "{f} not listed");
    }
    // The hotel stores 2,400 faces: no Art. 15 materials unless asked.
    assert!(!dir.path().join("materials-art15.txt").exists());

    let sha = sha256_hex(&std::fs::read("sample_sites/hotel.site.json").unwrap());
    let today = sightline::model::today();
    let sheet = read(&dir.path().join("filing-799-art14.txt"));
    assert!(sheet.contains(&sha) && sheet.contains(&today));
    assert_eq!(
        sheet.replace(&sha, "SHA256").replace(&today, "DATE"),
        expected("filing-799-art14.txt")
    );
    for csv in ["devices.csv", "bill-of-materials.csv", "signs.csv"] {
        assert_eq!(read(&dir.path().join(csv)), expected(csv), "{csv}");
    }
    let manifest = read(&dir.path().join("manifest.txt"));
    assert!(manifest.contains(&sha) && manifest.contains("schedule.xlsx"));

    // The workbook holds the same rows as the CSV files, numbers as numbers.
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("schedule.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        vec![
            "Devices 设备",
            "Bill of materials 清单",
            "Signs 标识",
            "About 说明"
        ]
    );
    for (sheet, csv) in [
        ("Devices 设备", "devices.csv"),
        ("Bill of materials 清单", "bill-of-materials.csv"),
        ("Signs 标识", "signs.csv"),
    ] {
        let range = book.worksheet_range(sheet).unwrap();
        let text = expected(csv);
        let mut rows = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
        let mut want: Vec<Vec<String>> = vec![header];
        want.extend(
            rows.records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect()),
        );
        let got: Vec<Vec<String>> = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::Float(x) => {
                            let s = format!("{x:.2}");
                            s.trim_end_matches('0').trim_end_matches('.').to_owned()
                        }
                        Data::Empty => String::new(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(got, want, "{sheet}");
        if sheet.starts_with("Devices") {
            // x of c-lobby is a number a spreadsheet can sum.
            assert_eq!(range.get((1, 6)), Some(&Data::Float(10.0)));
        }
    }
    let about = book.worksheet_range("About 说明").unwrap();
    assert!(about
        .rows()
        .any(|r| r.get(1) == Some(&Data::String(sha.clone()))));

    // The PDF sheet: the bundled font embedded, the text searchable, one numbered plan page
    // per floor after the sheet.
    let doc = lopdf::Document::load(dir.path().join("filing-799-art14.pdf")).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text: String = doc
        .extract_text(&pages)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("公共安全视频系统备案表"));
    assert!(text.contains("共7台：人脸识别2台，普通5台"), "{text}");
    assert!(text.contains(&sha[..16]));
    for id in ["c-lobby", "c-kiosk", "c-corr3-dome"] {
        assert!(text.contains(id), "{id}");
    }
    assert!(text.contains("P1·平面图") && text.contains("P2·平面图"));
    assert_eq!(pages.len(), 4, "two sheet pages and two plan pages");
}

#[test]
fn every_sample_pack_matches_its_expected_sheet_and_schedules() {
    for sample in ["hotel", "gym", "office", "mall"] {
        let dir = tempfile::tempdir().unwrap();
        let site = format!("sample_sites/{sample}.site.json");
        let out = filing(&site, dir.path(), &[]);
        assert_eq!(out.status.code(), Some(0), "{sample}");
        let sha = sha256_hex(&std::fs::read(&site).unwrap());
        let sheet = read(&dir.path().join("filing-799-art14.txt"))
            .replace(&sha, "SHA256")
            .replace(&sightline::model::today(), "DATE");
        assert_eq!(
            sheet,
            expected_of(sample, "filing-799-art14.txt"),
            "{sample}"
        );
        for csv in ["devices.csv", "bill-of-materials.csv", "signs.csv"] {
            assert_eq!(
                read(&dir.path().join(csv)),
                expected_of(sample, csv),
                "{sample} {csv}"
            );
        }
    }
}

#[test]
fn the_art15_materials_come_at_100000_faces_or_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    // Asked for: written, with what the site states and what must be attached.
    let out = filing(
        "sample_sites/hotel.site.json",
        dir.path(),
        &["--all", "--lang", "en"],
    );
    assert_eq!(out.status.code(), Some(0));
    let m = read(&dir.path().join("materials-art15.txt"));
    assert!(
        m.contains("(5) Personal-information protection impact assessment"),
        "{m}"
    );
    assert!(
        m.contains("Date and reference: 2025-05-20 · HH-PIA-2025-01"),
        "{m}"
    );
    assert!(m.contains("Faces stored: 2400"));
    assert!(m.contains("To attach: ＿＿＿＿ (to fill in)    [from: the assessment report]"));
    assert!(!m.contains("人脸"), "English only");
    assert!(dir.path().join("materials-art15.pdf").is_file());

    // 150,000 faces stored: written without asking.
    let mut v: serde_json::Value =
        serde_json::from_str(&read(Path::new("sample_sites/gym.site.json"))).unwrap();
    v["faces_stored"] = serde_json::json!(150_000);
    let site = dir.path().join("big.site.json");
    std::fs::write(&site, v.to_string()).unwrap();
    let out2 = dir.path().join("big");
    let run = filing(&site.to_string_lossy(), &out2, &[]);
    assert_eq!(run.status.code(), Some(0));
    let m = read(&out2.join("materials-art15.txt"));
    assert!(m.contains("存储人脸信息人数 / Faces stored: 150000"), "{m}");
}

#[test]
fn a_bad_site_writes_nothing_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.site.json");
    std::fs::write(&bad, "{ not json").unwrap();
    let out = dir.path().join("pack");
    let run = filing(&bad.to_string_lossy(), &out, &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("bad.site.json"));
    assert!(!out.exists());
}

#[test]
fn hostile_names_cannot_run_in_a_spreadsheet_or_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&read(Path::new("sample_sites/hotel.site.json"))).unwrap();
    v["name"] = serde_json::json!("Evil \u{1b}[31m<b>&\u{202e}");
    v["floors"][0]["devices"][0]["name"] = serde_json::json!("=cmd|' /C calc'!A0\nforged line");
    let site = dir.path().join("evil.site.json");
    std::fs::write(&site, v.to_string()).unwrap();
    let pack = dir.path().join("pack");
    let run = filing(&site.to_string_lossy(), &pack, &[]);
    assert_eq!(run.status.code(), Some(0));
    // A formula is text in the CSV (a leading apostrophe), a string in the workbook.
    let csv = read(&pack.join("devices.csv"));
    assert!(
        csv.contains("\"'=cmd|' /C calc'!A0\nforged line\""),
        "{csv}"
    );
    let mut book: Xlsx<_> = calamine::open_workbook(pack.join("schedule.xlsx")).unwrap();
    let devices = book.worksheet_range("Devices 设备").unwrap();
    assert_eq!(
        devices.get((1, 2)),
        Some(&Data::String("=cmd|' /C calc'!A0\nforged line".into()))
    );
    // No control character or bidirectional override in the text sheet.
    let sheet = read(&pack.join("filing-799-art14.txt"));
    assert!(!sheet.contains('\u{1b}') && !sheet.contains('\u{202e}'));
    assert!(sheet.contains("Evil \u{fffd}[31m<b>&\u{fffd}"));
    // The PDF sheet is written and reads back.
    let doc = lopdf::Document::load(pack.join("filing-799-art14.pdf")).unwrap();
    assert!(doc.get_pages().len() >= 3);
}
