//! The filing pack's files: each sheet as text (to paste into a form) and PDF (to hand over,
//! with the plan pages its device numbers refer to), the device schedule and bill of
//! materials as CSV and XLSX, the sign schedule, and a manifest. Every file is written
//! atomically; what a sheet leaves blank is marked "＿＿ (to fill in)".

use std::path::{Path, PathBuf};

use super::{Bi, DeviceLine, Pack, Section};
use crate::analysis::Analysis;
use crate::i18n::Lang;
use crate::model::Site;
use crate::pdf::{Document, PdfError, Rgb};
use crate::render::RenderOptions;
use crate::report::paper::{footer, plan_page, Cell, Flow, BODY, SMALL};
use crate::report::Tx;
use crate::rules::Finding;

/// The files of a pack, by name.
pub const POLICE_TXT: &str = "filing-799-art14.txt";
pub const POLICE_PDF: &str = "filing-799-art14.pdf";
pub const MATERIALS_TXT: &str = "materials-art15.txt";
pub const MATERIALS_PDF: &str = "materials-art15.pdf";
pub const DEVICES_CSV: &str = "devices.csv";
pub const BOM_CSV: &str = "bill-of-materials.csv";
pub const SIGNS_CSV: &str = "signs.csv";
pub const SCHEDULE_XLSX: &str = "schedule.xlsx";
pub const MANIFEST: &str = "manifest.txt";

/// Why a pack could not be written.
#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    #[error("{0}: cannot write: {1}")]
    Io(String, std::io::Error),
    #[error("{0}: {1}")]
    Pdf(String, PdfError),
    #[error("{0}: {1}")]
    Xlsx(String, String),
}

fn blank(lang: Option<Lang>) -> String {
    Bi::new("＿＿＿＿ (to fill in)", "＿＿＿＿（待填写）").show(lang)
}

fn provenance_lines(pack: &Pack, lang: Option<Lang>) -> Vec<String> {
    let p = &pack.provenance;
    vec![
        format!(
            "{}: {} · Sightline {}",
            Bi::new("Prepared", "编制").show(lang),
            p.date,
            p.version
        ),
        format!(
            "{}: {} · SHA-256 {}",
            Bi::new("Site file", "场所文件").show(lang),
            safe(&p.site_file),
            p.sha256
        ),
    ]
}

/// Text from the file as the text sheets show it: they are for reading and pasting, so control
/// characters (a line break in a name, an escape sequence) and bidirectional overrides become
/// U+FFFD, as on a terminal.
fn safe(s: &str) -> String {
    crate::cli::terminal_safe(s).into_owned()
}

/// A sheet as plain text.
fn sheet_text(title: &Bi, pack: &Pack, sections: &[Section], lang: Option<Lang>) -> String {
    let mut out = String::new();
    out.push_str(&title.show(lang));
    out.push('\n');
    for l in provenance_lines(pack, lang) {
        out.push_str(&l);
        out.push('\n');
    }
    for s in sections {
        out.push('\n');
        out.push_str(&s.title.show(lang));
        out.push('\n');
        for f in &s.fields {
            let value = f
                .value
                .as_ref()
                .map_or_else(|| blank(lang), |v| safe(&v.show(lang)));
            out.push_str(&format!(
                "  {}: {}    [{}: {}]\n",
                f.label.show(lang),
                value,
                Bi::new("from", "来源").show(lang),
                f.source.show(lang)
            ));
        }
    }
    out
}

/// The device locations table of the police sheet, as text.
fn locations_text(devices: &[DeviceLine], lang: Option<Lang>) -> String {
    let mut out = format!(
        "\n{}\n",
        Bi::new("Device locations", "设备安装位置").show(lang)
    );
    for d in devices {
        out.push_str(&format!(
            "  {:>3}. {} · {} · {} · ({:.2}, {:.2}) · {}{}\n",
            d.number,
            safe(&d.id),
            safe(&d.floor),
            safe(
                &d.room
                    .clone()
                    .or_else(|| d.zone.clone())
                    .unwrap_or_else(|| "—".into())
            ),
            d.position[0],
            d.position[1],
            kind(d).show(lang),
            d.model
                .as_ref()
                .map(|m| format!(" · {}", safe(m)))
                .unwrap_or_default(),
        ));
    }
    out
}

/// What kind of device it is, in words.
fn kind(d: &DeviceLine) -> Bi {
    let (fr_en, fr_zh) = if d.face_recognition {
        ("face recognition", "人脸识别")
    } else {
        ("ordinary", "普通")
    };
    let (m_en, m_zh) = match d.ptz {
        Some(true) => (", PTZ", "、云台"),
        Some(false) => (", fixed", "、固定式"),
        None => ("", ""),
    };
    Bi::new(format!("{fr_en}{m_en}"), format!("{fr_zh}{m_zh}"))
}

fn tx(b: &Bi, lang: Option<Lang>) -> Tx {
    match lang {
        Some(Lang::En) => Tx::plain(b.en.clone()),
        Some(Lang::Zh) => Tx::plain(b.zh.clone()),
        None if b.en == b.zh => Tx::plain(b.zh.clone()),
        None => Tx {
            main: b.zh.clone(),
            en: Some(b.en.clone()),
        },
    }
}

/// A sheet as a PDF: its items in a table, then (the police sheet) the device locations and
/// one numbered plan page per floor.
#[allow(clippy::too_many_arguments)]
fn sheet_pdf(
    title: &Bi,
    pack: &Pack,
    sections: &[Section],
    lang: Option<Lang>,
    plans: Option<&Source<'_>>,
) -> Result<Vec<u8>, PdfError> {
    let mut flow = Flow::new();
    flow.heading(&tx(title, lang), 15.0);
    for l in provenance_lines(pack, lang) {
        flow.para(&l, SMALL, Rgb::GREY);
    }
    let columns = [
        (tx(&Bi::new("Item", "项目"), lang), 1.2),
        (tx(&Bi::new("What the site says", "内容"), lang), 3.0),
        (tx(&Bi::new("From", "来源"), lang), 1.3),
    ];
    for s in sections {
        flow.heading(&tx(&s.title, lang), 11.0);
        let rows: Vec<Vec<Cell>> = s
            .fields
            .iter()
            .map(|f| {
                vec![
                    Cell::tx(tx(&f.label, lang)),
                    match &f.value {
                        Some(v) => Cell::tx(tx(v, lang)),
                        None => Cell {
                            text: Tx::plain(blank(lang)),
                            colour: Rgb::RED,
                        },
                    },
                    Cell {
                        text: tx(&f.source, lang),
                        colour: Rgb::GREY,
                    },
                ]
            })
            .collect();
        flow.table(&columns, &rows, BODY);
    }
    if plans.is_some() {
        flow.heading(
            &tx(&Bi::new("Device locations", "设备安装位置"), lang),
            11.0,
        );
        let columns = [
            (Tx::plain("#"), 0.4),
            (tx(&Bi::new("Device", "设备"), lang), 1.6),
            (tx(&Bi::new("Floor", "楼层"), lang), 0.6),
            (tx(&Bi::new("Room or zone", "房间或区域"), lang), 1.6),
            (tx(&Bi::new("Position (m)", "坐标（米）"), lang), 1.1),
            (tx(&Bi::new("Type", "类型"), lang), 1.3),
            (tx(&Bi::new("Model", "型号"), lang), 1.6),
            (tx(&Bi::new("Plan page", "平面图页"), lang), 0.7),
        ];
        let floors: Vec<&str> = plans
            .map(|s| s.site.floors.iter().map(|f| f.id.as_str()).collect())
            .unwrap_or_default();
        let rows: Vec<Vec<Cell>> = pack
            .devices
            .iter()
            .map(|d| {
                let page = floors.iter().position(|f| *f == d.floor).map(|k| k + 1);
                vec![
                    Cell::plain(d.number.to_string()),
                    Cell::plain(if d.name.is_empty() {
                        d.id.clone()
                    } else {
                        format!("{} {}", d.id, d.name)
                    }),
                    Cell::plain(d.floor.clone()),
                    Cell::plain(
                        d.room
                            .clone()
                            .or_else(|| d.zone.clone())
                            .unwrap_or_else(|| "—".into()),
                    ),
                    Cell::plain(format!("({:.2}, {:.2})", d.position[0], d.position[1])),
                    Cell::tx(tx(&kind(d), lang)),
                    Cell::plain(d.model.clone().unwrap_or_else(|| "—".into())),
                    Cell::plain(page.map_or_else(|| "—".into(), |p| format!("P{p}"))),
                ]
            })
            .collect();
        flow.table(&columns, &rows, SMALL);
    }
    let pages = flow.finish();
    let mut doc = Document::new()?;
    let left = format!(
        "{} · {} · Sightline {} · SHA-256 {}",
        pack.site_name,
        pack.provenance.date,
        pack.provenance.version,
        pack.provenance.sha256.get(..16).unwrap_or_default()
    );
    doc.bookmark(None, &title.show(lang), 0, 0.0);
    for mut page in pages {
        let n = doc.pages();
        footer(&mut page, &left, n + 1);
        doc.add_page(page)?;
    }
    if let Some(Source {
        site,
        analysis,
        findings,
        base_dir,
    }) = plans
    {
        let render = RenderOptions {
            width_px: 1600,
            lang: if lang == Some(Lang::En) {
                Lang::En
            } else {
                Lang::Zh
            },
            date: pack.provenance.date.clone(),
            base_dir: base_dir.clone(),
            view: None,
            dori: crate::scene::DoriShow::Off,
        };
        let mut warnings = Vec::new();
        for (k, floor) in site.floors.iter().enumerate() {
            let title = format!("P{} · {}", k + 1, Bi::new("Plan", "平面图").show(lang));
            let mut page = plan_page(site, analysis, findings, k, &render, &title, &mut warnings);
            let n = doc.pages();
            footer(&mut page, &left, n + 1);
            doc.bookmark(None, &format!("P{} {}", k + 1, floor.id), n, 0.0);
            doc.add_page(page)?;
        }
    }
    let language = if lang == Some(Lang::En) {
        "en"
    } else {
        "zh-CN"
    };
    doc.finish(&title.show(lang), language)
}

/// The device schedule's columns (English key, Chinese).
const DEVICE_COLUMNS: [(&str, &str); 20] = [
    ("number", "编号"),
    ("id", "设备标识"),
    ("name", "名称"),
    ("floor", "楼层"),
    ("room", "房间"),
    ("zone", "采集区域"),
    ("x_m", "X（米）"),
    ("y_m", "Y（米）"),
    ("heading_deg", "朝向（度）"),
    ("tilt_deg", "俯角（度）"),
    ("mount_height_m", "安装高度（米）"),
    ("model", "型号"),
    ("lens_mm", "镜头（毫米）"),
    ("resolution", "分辨率"),
    ("face_recognition", "人脸识别"),
    ("type", "类型"),
    ("purpose", "目的"),
    ("storage", "存储"),
    ("retention_days", "保存期限（日）"),
    ("findings", "问题"),
];

fn header(columns: &[(&str, &str)], lang: Option<Lang>) -> Vec<String> {
    columns
        .iter()
        .map(|(en, zh)| match lang {
            Some(Lang::En) => (*en).to_owned(),
            Some(Lang::Zh) => (*zh).to_owned(),
            None => format!("{zh} {en}"),
        })
        .collect()
}

fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn device_row(d: &DeviceLine, lang: Option<Lang>) -> Vec<String> {
    let opt = |b: &Option<Bi>| b.as_ref().map_or_else(String::new, |b| b.show(lang));
    vec![
        d.number.to_string(),
        d.id.clone(),
        d.name.clone(),
        d.floor.clone(),
        d.room.clone().unwrap_or_default(),
        d.zone.clone().unwrap_or_default(),
        num(d.position[0]),
        num(d.position[1]),
        num(d.heading),
        d.tilt.map(num).unwrap_or_default(),
        num(d.mount_height),
        d.model.clone().unwrap_or_default(),
        d.lens_mm.map(num).unwrap_or_default(),
        d.resolution
            .map(|[w, h]| format!("{w}x{h}"))
            .unwrap_or_default(),
        Bi::from(if d.face_recognition {
            crate::i18n::Text::new("yes", "是")
        } else {
            crate::i18n::Text::new("no", "否")
        })
        .show(lang),
        kind(d).show(lang),
        opt(&d.purpose),
        opt(&d.storage),
        d.retention_days.map(|n| n.to_string()).unwrap_or_default(),
        d.findings.join(" "),
    ]
}

const BOM_COLUMNS: [(&str, &str); 5] = [
    ("model", "型号"),
    ("type", "类型"),
    ("face_recognition", "人脸识别（台）"),
    ("ordinary", "普通（台）"),
    ("total", "合计（台）"),
];

fn bom_rows(pack: &Pack, lang: Option<Lang>) -> Vec<Vec<String>> {
    pack.bom
        .iter()
        .map(|b| {
            vec![
                b.model.show(lang),
                b.kind.clone().unwrap_or_default(),
                b.face_recognition.to_string(),
                b.ordinary.to_string(),
                (b.face_recognition + b.ordinary).to_string(),
            ]
        })
        .collect()
}

const SIGN_COLUMNS: [(&str, &str); 10] = [
    ("id", "标识"),
    ("floor", "楼层"),
    ("x_m", "X（米）"),
    ("y_m", "Y（米）"),
    ("facing_deg", "朝向（度）"),
    ("size_m", "尺寸（米）"),
    ("mount_height_m", "安装高度（米）"),
    ("text", "文字"),
    ("art5_items", "载明的第五条事项"),
    ("zones", "覆盖的采集区域入口"),
];

fn sign_rows(pack: &Pack, lang: Option<Lang>) -> Vec<Vec<String>> {
    pack.signs
        .iter()
        .map(|g| {
            let items: Vec<String> = g.items.iter().map(|i| i.show(lang)).collect();
            vec![
                g.id.clone(),
                g.floor.clone(),
                num(g.position[0]),
                num(g.position[1]),
                num(g.facing),
                format!("{}x{}", num(g.size[0]), num(g.size[1])),
                num(g.mount_height),
                g.text.clone(),
                items.join("; "),
                g.zones.join(" "),
            ]
        })
        .collect()
}

/// A CSV cell a spreadsheet will not run: text from a file that starts like a formula (`=`,
/// `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe; numbers stay numbers.
///
/// ```
/// use sightline::filing::write::csv_safe;
/// assert_eq!(csv_safe("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
/// assert_eq!(csv_safe("-5"), "-5");
/// assert_eq!(csv_safe("Lobby"), "Lobby");
/// ```
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

fn csv_bytes(header: Vec<String>, rows: Vec<Vec<String>>) -> Result<Vec<u8>, String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).map_err(|e| e.to_string())?;
    for r in rows {
        w.write_record(r.iter().map(|c| csv_safe(c).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

/// The schedule workbook: devices, bill of materials, signs, and what it describes.
fn xlsx_bytes(pack: &Pack, lang: Option<Lang>) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let mut sheet = |name: &str, header: Vec<String>, rows: Vec<Vec<String>>| {
        let ws = book.add_worksheet();
        ws.set_name(name)?;
        for (c, h) in header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
            ws.set_column_width(c as u16, 14)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                // Numbers as numbers, so a spreadsheet can sum them.
                match v.parse::<f64>() {
                    Ok(x) if !v.is_empty() && x.is_finite() => {
                        ws.write_number(r as u32 + 1, c as u16, x)?
                    }
                    _ => ws.write_string(r as u32 + 1, c as u16, v)?,
                };
            }
        }
        ws.set_freeze_panes(1, 0)?;
        Ok::<(), rust_xlsxwriter::XlsxError>(())
    };
    sheet(
        "Devices 设备",
        header(&DEVICE_COLUMNS, lang),
        pack.devices.iter().map(|d| device_row(d, lang)).collect(),
    )?;
    sheet(
        "Bill of materials 清单",
        header(&BOM_COLUMNS, lang),
        bom_rows(pack, lang),
    )?;
    sheet(
        "Signs 标识",
        header(&SIGN_COLUMNS, lang),
        sign_rows(pack, lang),
    )?;
    let p = &pack.provenance;
    sheet(
        "About 说明",
        vec![
            Bi::new("Item", "项目").show(lang),
            Bi::new("Value", "内容").show(lang),
        ],
        vec![
            vec![Bi::new("Site", "场所").show(lang), pack.site_name.clone()],
            vec![
                Bi::new("Site file", "场所文件").show(lang),
                p.site_file.clone(),
            ],
            vec!["SHA-256".into(), p.sha256.clone()],
            vec![Bi::new("Prepared", "编制日期").show(lang), p.date.clone()],
            vec!["Sightline".into(), p.version.into()],
        ],
    )?;
    // Created on the pack's date (not the clock's second): the same pack, the same bytes.
    let mut props = rust_xlsxwriter::DocProperties::new()
        .set_title(&pack.site_name)
        .set_comment(format!("SHA-256 {}", p.sha256));
    if let Ok(date) = rust_xlsxwriter::ExcelDateTime::parse_from_str(&p.date) {
        props = props.set_creation_datetime(&date);
    }
    book.set_properties(&props);
    book.save_to_buffer()
}

/// The analysed site a pack was gathered from, for its plan pages.
pub struct Source<'a> {
    pub site: &'a Site,
    pub analysis: &'a Analysis,
    pub findings: &'a [Finding],
    /// The site file's folder (underlay paths are relative to it).
    pub base_dir: Option<PathBuf>,
}

/// What [`prepare`] wrote.
pub struct Prepared {
    /// The files, in order.
    pub files: Vec<PathBuf>,
    /// Whether the Measures Art. 15 materials are among them.
    pub materials: bool,
}

/// Gathers the pack of the site in `source`, read from `site_file` as `bytes` (named by their
/// SHA-256, dated today), and writes it into `dir`: `sightline filing` and File → Prepare
/// filings….
pub fn prepare(
    source: &Source<'_>,
    site_file: &Path,
    bytes: &[u8],
    dir: &Path,
    lang: Option<Lang>,
    all: bool,
) -> Result<Prepared, FilingError> {
    let name = site_file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let provenance = super::Provenance::of(&name, bytes, &crate::model::today());
    let pack = super::pack(
        source.site,
        source.analysis,
        source.findings,
        provenance,
        all,
    );
    Ok(Prepared {
        files: write(&pack, dir, lang, source)?,
        materials: pack.materials.is_some(),
    })
}

/// Writes the pack into `dir` (made if missing); returns the files written, in order.
pub fn write(
    pack: &Pack,
    dir: &Path,
    lang: Option<Lang>,
    source: &Source<'_>,
) -> Result<Vec<PathBuf>, FilingError> {
    let shown = |p: &Path| p.display().to_string();
    std::fs::create_dir_all(dir).map_err(|e| FilingError::Io(shown(dir), e))?;
    let mut written: Vec<PathBuf> = Vec::new();
    let put = |written: &mut Vec<PathBuf>, name: &str, bytes: &[u8]| -> Result<(), FilingError> {
        let path = dir.join(name);
        crate::model::write_atomically(&path, bytes)
            .map_err(|e| FilingError::Io(shown(&path), e))?;
        written.push(path);
        Ok(())
    };
    let police_title = Bi::new(
        "Filing of a public security video system (Decree 799 Art. 14)",
        "公共安全视频系统备案表（《公共安全视频图像信息系统管理条例》第十四条）",
    );
    let mut text = sheet_text(&police_title, pack, &pack.police, lang);
    text.push_str(&locations_text(&pack.devices, lang));
    put(&mut written, POLICE_TXT, text.as_bytes())?;
    let pdf = sheet_pdf(&police_title, pack, &pack.police, lang, Some(source))
        .map_err(|e| FilingError::Pdf(POLICE_PDF.into(), e))?;
    put(&mut written, POLICE_PDF, &pdf)?;
    if let Some(materials) = &pack.materials {
        let title = Bi::new(
            "Filing materials for face recognition (Measures Art. 15)",
            "人脸识别技术应用备案材料（《人脸识别技术应用安全管理办法》第十五条）",
        );
        put(
            &mut written,
            MATERIALS_TXT,
            sheet_text(&title, pack, materials, lang).as_bytes(),
        )?;
        let pdf = sheet_pdf(&title, pack, materials, lang, None)
            .map_err(|e| FilingError::Pdf(MATERIALS_PDF.into(), e))?;
        put(&mut written, MATERIALS_PDF, &pdf)?;
    }
    fn csv_err(name: &'static str) -> impl Fn(String) -> FilingError {
        move |e| FilingError::Xlsx(name.to_owned(), e)
    }
    let devices = csv_bytes(
        header(&DEVICE_COLUMNS, lang),
        pack.devices.iter().map(|d| device_row(d, lang)).collect(),
    )
    .map_err(csv_err(DEVICES_CSV))?;
    put(&mut written, DEVICES_CSV, &devices)?;
    let bom =
        csv_bytes(header(&BOM_COLUMNS, lang), bom_rows(pack, lang)).map_err(csv_err(BOM_CSV))?;
    put(&mut written, BOM_CSV, &bom)?;
    let signs = csv_bytes(header(&SIGN_COLUMNS, lang), sign_rows(pack, lang))
        .map_err(csv_err(SIGNS_CSV))?;
    put(&mut written, SIGNS_CSV, &signs)?;
    let xlsx = xlsx_bytes(pack, lang)
        .map_err(|e| FilingError::Xlsx(SCHEDULE_XLSX.into(), e.to_string()))?;
    put(&mut written, SCHEDULE_XLSX, &xlsx)?;
    let mut manifest = provenance_lines(pack, lang).join("\n");
    manifest.push_str("\n\n");
    let names: Vec<String> = written
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    for n in names {
        manifest.push_str(&n);
        manifest.push('\n');
    }
    put(&mut written, MANIFEST, manifest.as_bytes())?;
    Ok(written)
}
