//! The compliance report: one self-contained HTML file (no external links; the bundled font is
//! embedded so Chinese renders anywhere) with the site summary and verdict, the findings
//! grouped by law with the articles quoted, every floor's plan drawn inline, and a register of
//! every device. Prints cleanly: each floor starts a new page.

pub mod law;
pub mod paper;

use std::collections::HashMap;
use std::io::{self, Write};

use askama::Template;
use base64::Engine;

use crate::analysis::Analysis;
use crate::i18n::{Lang, Text};
use crate::model::{Mode, Site, Storage};
use crate::render::{floor_svg, RenderOptions};
use crate::rules::{Counts, Finding, Severity, Verdict};
use law::LawText;

/// How to write a report.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// The report's language; `None` writes Chinese with English beside it, everywhere.
    pub lang: Option<Lang>,
    pub date: String,
    /// The site file's folder (underlay paths are relative to it).
    pub base_dir: Option<std::path::PathBuf>,
}

/// A written report.
#[derive(Clone, Debug)]
pub struct Report {
    pub html: String,
    pub warnings: Vec<String>,
}

/// A piece of text in the report's language(s): the main text, and the English beside it when
/// the report is in both languages. Templates escape both.
pub(crate) struct Tx {
    pub(crate) main: String,
    pub(crate) en: Option<String>,
}

/// A label in the report's language(s).
fn l(lang: Option<Lang>, text: Text) -> Tx {
    both(lang, text.en, text.zh)
}

/// Text made at run time (a count, a name of a kind) in the report's language(s).
fn both(lang: Option<Lang>, en: &str, zh: &str) -> Tx {
    match lang {
        Some(Lang::En) => Tx::plain(en),
        Some(Lang::Zh) => Tx::plain(zh),
        None => Tx {
            main: zh.to_owned(),
            en: Some(en.to_owned()),
        },
    }
}

impl Tx {
    /// Text that is the same in every language (an id, a number, a name).
    pub(crate) fn plain(s: impl Into<String>) -> Tx {
        Tx {
            main: s.into(),
            en: None,
        }
    }
}

/// Headings and words the HTML and the PDF report share.
pub(crate) const SITE_HEADING: Text = Text::new("Site", "场所概况");
pub(crate) const FINDINGS_HEADING: Text = Text::new("Findings", "检查结果");
pub(crate) const NO_FINDINGS: Text = Text::new(
    "No findings: the plan as drawn complies with every rule checked.",
    "未发现问题：按所绘平面，全部检查项均合规。",
);
pub(crate) const ARTICLES_HEADING: Text = Text::new("The articles cited", "引用条文");
pub(crate) const DEVICE_REGISTER: Text = Text::new("Device register", "设备登记表");
pub(crate) const SIGN_REGISTER: Text = Text::new("Sign register", "提示标识登记表");
pub(crate) const SUBTITLE: Text = Text::new(
    "Face-recognition and camera compliance report",
    "人脸识别与视频图像采集合规报告",
);
pub(crate) const FLOOR: Text = Text::new("Floor", "楼层");
pub(crate) const NONE: Text = Text::new("none", "无");

/// A finding's message in the report's language(s).
pub(crate) fn message_of(f: &Finding, lang: Option<Lang>) -> Tx {
    match lang {
        Some(Lang::En) => Tx::plain(f.message_en()),
        Some(Lang::Zh) => Tx::plain(f.message_zh()),
        None => Tx {
            main: f.message_zh(),
            en: Some(f.message_en()),
        },
    }
}

/// The site's name as a document title ("Sightline" for a site without one).
pub(crate) fn site_title(site: &Site) -> &str {
    if site.name.is_empty() {
        "Sightline"
    } else {
        &site.name
    }
}

/// Which law a rule belongs to, for grouping.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Law {
    Measures,
    Decree799,
    Plan,
}

fn law_of(f: &Finding) -> Law {
    let id = f.rule.as_str();
    if id.starts_with("R799-") {
        Law::Decree799
    } else if id.starts_with("PLAN-") || id == "ZONE-UNUSED" || id == "SITE-VENUE" {
        Law::Plan
    } else {
        Law::Measures
    }
}

/// The articles quoted for the rules found (Art. 13 of both laws always).
fn quoted(findings: &[Finding]) -> Vec<(Law, &'static LawText)> {
    let mut out: Vec<(Law, &'static LawText)> = vec![(Law::Measures, &law::MEASURES_13)];
    let mut add = |law: Law, text: &'static LawText| {
        if !out.iter().any(|(_, t)| std::ptr::eq(*t, text)) {
            out.push((law, text));
        }
    };
    for f in findings {
        match f.rule.as_str() {
            "A13-PRIVATE-VIEW" => add(Law::Measures, &law::MEASURES_4),
            "A5-NOTICE" => add(Law::Measures, &law::MEASURES_5),
            "A6-CONSENT" => add(Law::Measures, &law::MEASURES_6),
            "A7-MINORS" => add(Law::Measures, &law::MEASURES_7),
            "A8-TRANSFER" => add(Law::Measures, &law::MEASURES_8),
            "A9-ASSESSMENT" => add(Law::Measures, &law::MEASURES_9),
            "A10-SOLE-METHOD" => add(Law::Measures, &law::MEASURES_10),
            "A15-FILING" => add(Law::Measures, &law::MEASURES_15),
            "R799-A8-INSIDE" | "R799-A8-VIEW" => add(Law::Decree799, &law::DECREE_8),
            "R799-A13-SIGN" => add(Law::Decree799, &law::DECREE_13),
            "R799-A14-FILING" => add(Law::Decree799, &law::DECREE_14),
            "R799-A17-RETENTION" => add(Law::Decree799, &law::DECREE_17),
            _ => {}
        }
    }
    add(Law::Decree799, &law::DECREE_8);
    // The venue decides which of Arts 7 and 9 govern the site: both are quoted.
    add(Law::Decree799, &law::DECREE_7);
    add(Law::Decree799, &law::DECREE_9);
    // By law, then by article number.
    let number = |t: &LawText| -> u32 {
        t.heading_en
            .split_whitespace()
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    };
    out.sort_by_key(|(law, text)| (*law, number(text)));
    out
}

const CSS: &str = r#"
body { font-family: "Sightline CJK", "Noto Sans CJK SC", sans-serif; color: #222; margin: 2em auto; max-width: 1200px; padding: 0 1em; }
h1 { margin-bottom: 0.1em; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 1.6em; }
.en { color: #555; font-size: 0.92em; } .muted { color: #666; }
.verdict { display: inline-block; padding: 0.2em 0.8em; border-radius: 4px; color: white; font-weight: bold; }
.pass { background: #2E8B57; } .fail { background: #C62828; } .verdict .en { color: white; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.92em; }
th, td { border: 1px solid #ccc; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
th { background: #f3f3f0; }
.violation { color: #C62828; font-weight: bold; } .warning { color: #B7791F; font-weight: bold; } .info { color: #2C7A7B; }
blockquote { margin: 0.4em 0 0.8em 0; padding: 0.4em 0.8em; border-left: 4px solid #ccc; background: #fafaf7; white-space: pre-line; }
.floor svg { width: 100%; height: auto; border: 1px solid #ddd; font-family: "Sightline CJK", "Noto Sans CJK SC", sans-serif; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  .floor { page-break-before: always; }
  h2 { page-break-after: avoid; } tr { page-break-inside: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}
"#;

#[derive(Template)]
#[template(path = "report_head.html")]
struct Head<'a> {
    html_lang: &'a str,
    title: &'a str,
    kind: Tx,
    font_b64: String,
    css: &'a str,
    subtitle: Tx,
    date: &'a str,
    version: &'a str,
    verdict_class: &'a str,
    verdict: Tx,
    counts: Tx,
    site_heading: Tx,
    summary: Vec<(Tx, Tx)>,
    findings_heading: Tx,
    no_findings: Option<Tx>,
    columns: Vec<Tx>,
    groups: Vec<Group<'a>>,
    articles_heading: Tx,
    quotes: Vec<Quote>,
}

struct Group<'a> {
    heading: Tx,
    rows: Vec<Row<'a>>,
}

struct Row<'a> {
    marker: Tx,
    rule: &'a str,
    level: Severity,
    severity: String,
    message: Tx,
    article: Option<(&'a str, &'a str)>,
    area: String,
}

struct Quote {
    law: &'static str,
    heading_zh: &'static str,
    heading_en: &'static str,
    zh: Option<&'static str>,
    zh_marked: bool,
    en_paragraphs: Vec<&'static str>,
}

#[derive(Template)]
#[template(path = "report_floor.html")]
struct FloorSection<'a> {
    id: &'a str,
    heading: Tx,
    name: String,
    svg: &'a str,
}

#[derive(Template)]
#[template(path = "report_tail.html")]
struct Tail<'a> {
    /// Sections of plain rows before the registers (suggested fixes, coverage).
    tables: Vec<TableSection>,
    heading: Tx,
    columns: Vec<Tx>,
    devices: Vec<DeviceRow<'a>>,
    none: Tx,
    sign_heading: Tx,
    sign_columns: Vec<Tx>,
    signs: Vec<SignRow<'a>>,
    disclaimer: Tx,
}

/// A titled table of text cells, with a note under the title.
struct TableSection {
    heading: Tx,
    note: Option<Tx>,
    columns: Vec<Tx>,
    rows: Vec<Vec<Tx>>,
}

/// A site with more geometric violations than this gets no "after the fixes" column in its
/// report (finding every fix of a 100,000-wall floor takes seconds); `sightline fix` says it.
const FIX_IN_REPORT_MAX: usize = 500;

/// The report's "What geometry can fix" and "Coverage" sections.
fn fix_and_coverage_tables(
    site: &Site,
    findings: &[Finding],
    lang: Option<Lang>,
    now: &crate::fix::coverage::Coverage,
) -> Vec<TableSection> {
    use crate::fix::{coverage, fix_site, geometric};
    let geometric_count = findings
        .iter()
        .filter(|f| f.severity == crate::rules::Severity::Violation && geometric(f.rule))
        .count();
    let fixed =
        (geometric_count > 0 && geometric_count <= FIX_IN_REPORT_MAX).then(|| fix_site(site, &[]));
    let mut tables = Vec::new();
    if geometric_count > 0 {
        let rows: Vec<Vec<Tx>> = fixed
            .iter()
            .flat_map(|o| &o.applied)
            .enumerate()
            .map(|(k, a)| {
                let settles: Vec<String> = a
                    .settles
                    .iter()
                    .map(|(r, s)| format!("{} {}", r.as_str(), s.join("/")))
                    .collect();
                vec![
                    Tx::plain((k + 1).to_string()),
                    both(lang, &a.text_en, &a.text_zh),
                    Tx::plain(settles.join(", ")),
                ]
            })
            .collect();
        tables.push(TableSection {
            heading: l(lang, Text::new("What geometry can fix", "可通过几何调整修复的问题")),
            note: Some(if fixed.is_some() {
                l(lang, Text::new(
                    "The smallest changes that settle every geometric violation, as `sightline fix` (or Fix all in the editor) makes them; walls, spaces and zones are never changed.",
                    "消除全部几何违规的最小修改，即 `sightline fix`（或编辑器中的“一键修复”）所做的修改；墙体、空间和采集区域不会被改动。",
                ))
            } else {
                l(lang, Text::new(
                    "Too many geometric violations to list their fixes here: run `sightline fix SITE -o OUT`.",
                    "几何违规过多，此处不逐项列出：请运行 `sightline fix SITE -o OUT`。",
                ))
            }),
            columns: vec![
                Tx::plain("#"),
                l(lang, Text::new("Change", "修改")),
                l(lang, Text::new("Settles", "解决的问题")),
            ],
            rows,
        });
    }
    let after = fixed.as_ref().map(|o| {
        let a = crate::analysis::Analysis::of(&o.site);
        coverage::of_site(&o.site, &a)
    });
    let cell = |part: f64, of: f64| {
        let share = if of > 0.0 { part / of * 100.0 } else { 0.0 };
        Tx::plain(format!("{part:.1} m² ({share:.0} %)"))
    };
    let dash = || Tx::plain("—");
    let mut rows = Vec::new();
    for (k, f) in now.floors.iter().enumerate() {
        let floor = site.floors.get(f.floor).map_or("", |fl| fl.id.as_str());
        rows.push(vec![
            l(lang, Text::new("public places of floor", "楼层公共区域")),
            Tx::plain(floor),
            Tx::plain(format!("{:.1} m²", f.public_m2)),
            cell(f.watched_m2, f.public_m2),
            after
                .as_ref()
                .and_then(|a| a.floors.get(k))
                .map_or_else(dash, |g| cell(g.watched_m2, g.public_m2)),
        ]);
    }
    for z in &now.zones {
        let later = after
            .as_ref()
            .and_then(|a| a.zones.iter().find(|y| y.floor == z.floor && y.id == z.id));
        rows.push(vec![
            l(
                lang,
                Text::new("collection zone (FR capture)", "采集区域（人脸采集）"),
            ),
            Tx::plain(z.id.clone()),
            Tx::plain(format!("{:.1} m²", z.area_m2)),
            cell(z.captured_m2, z.area_m2),
            later.map_or_else(dash, |y| cell(y.captured_m2, y.area_m2)),
        ]);
    }
    tables.push(TableSection {
        heading: l(lang, Text::new("Coverage", "覆盖情况")),
        note: Some(l(lang, Text::new(
            "Public places in at least one camera's view, and each collection zone captured by at least one of its face-recognition devices — now, and after the fixes above.",
            "至少在一台摄像机视野内的公共区域，以及至少被一台所属人脸识别设备采集的各采集区域——现状及按上述修改后。",
        ))),
        columns: vec![
            l(lang, Text::new("What", "对象")),
            l(lang, Text::new("Id", "编号")),
            l(lang, Text::new("Area", "面积")),
            l(lang, Text::new("Watched now", "现覆盖")),
            l(lang, Text::new("After the fixes", "修改后覆盖")),
        ],
        rows,
    });
    tables
}

/// A sign as the sign register lists it.
struct SignRow<'a> {
    id: &'a str,
    floor: &'a str,
    cells: Vec<Tx>,
}

/// A rule a device breaks, as the register shows it: (severity class, rule id).
type RuleTag = (&'static str, &'static str);

struct DeviceRow<'a> {
    id: &'a str,
    name: &'a str,
    floor: &'a str,
    cells: Vec<Tx>,
    findings: Vec<RuleTag>,
    /// The side view of a tilted camera, as SVG markup made by [`crate::render`].
    side_view: Option<String>,
}

/// Writes the report of an analysed site into a string (the editor's export and the tests).
pub fn html(
    site: &Site,
    analysis: &Analysis,
    findings: &[Finding],
    opts: &ReportOptions,
) -> Report {
    let mut out = Vec::with_capacity(4 << 20);
    let warnings = match write_html(site, analysis, findings, opts, &mut out) {
        Ok(w) => w,
        Err(e) => vec![e.to_string()],
    };
    Report {
        html: String::from_utf8_lossy(&out).into_owned(),
        warnings,
    }
}

/// The site's venue with the Decree 799 article that governs it and what that means.
fn venue_cell(site: &Site, lang: Option<Lang>) -> Tx {
    let (Some(v), Some(article)) = (site.venue, site.decree_article()) else {
        return l(
            lang,
            Text::new(
                "not recorded: Decree 799 Art. 7 duties (filing, retention) are assumed",
                "未填写：按条例第七条场所的备案和保存期限要求检查",
            ),
        );
    };
    let text = |lang: Lang| {
        let mut t = format!(
            "{} — {}",
            crate::i18n::venue_label(v, lang),
            crate::i18n::decree_article_label(article, lang)
        );
        if site.designated_key_place {
            t.push_str(match lang {
                Lang::En => " (designated a key place by the police)",
                Lang::Zh => "（公安机关确定的重点场所）",
            });
        }
        t
    };
    match lang {
        Some(Lang::En) => Tx::plain(text(Lang::En)),
        Some(Lang::Zh) => Tx::plain(text(Lang::Zh)),
        None => Tx {
            main: text(Lang::Zh),
            en: Some(text(Lang::En)),
        },
    }
}

/// The number of each finding in its floor's list (as on the floor's picture), by index.
fn marker_numbers(site: &Site, findings: &[Finding]) -> Vec<Option<usize>> {
    let mut site_wide = 0usize;
    let mut per_floor = vec![0usize; site.floors.len()];
    findings
        .iter()
        .map(|f| match f.floor_index {
            None => {
                site_wide += 1;
                None
            }
            Some(fi) => {
                let n = per_floor.get_mut(fi)?;
                *n += 1;
                Some(site_wide + *n)
            }
        })
        .collect()
}

/// Writes the report of an analysed site to `out`, one floor at a time (the whole report is
/// never held in memory); returns the warnings (underlays left out…).
pub fn write_html(
    site: &Site,
    analysis: &Analysis,
    findings: &[Finding],
    opts: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<Vec<String>> {
    let lang = opts.lang;
    let mut warnings = Vec::new();
    let title = site_title(site);
    let Front {
        counts,
        summary,
        groups,
        quotes,
    } = front(site, findings, lang);
    let head = Head {
        html_lang: if lang == Some(Lang::En) {
            "en"
        } else {
            "zh-CN"
        },
        title,
        kind: l(lang, Text::new("compliance report", "合规报告")),
        font_b64: base64::engine::general_purpose::STANDARD.encode(crate::render::raster::FONT),
        css: CSS,
        subtitle: l(lang, SUBTITLE),
        date: &opts.date,
        version: env!("CARGO_PKG_VERSION"),
        verdict_class: match counts.verdict() {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
        },
        verdict: l(lang, counts.verdict().text()),
        counts: both(lang, &counts.line(Lang::En), &counts.line(Lang::Zh)),
        site_heading: l(lang, SITE_HEADING),
        summary,
        findings_heading: l(lang, FINDINGS_HEADING),
        no_findings: findings.is_empty().then(|| l(lang, NO_FINDINGS)),
        columns: finding_columns(lang),
        groups,
        articles_heading: l(lang, ARTICLES_HEADING),
        quotes,
    };
    head.write_into(out)?;
    drop(head);

    // Floors, one at a time.
    let picture_lang = if lang == Some(Lang::En) {
        Lang::En
    } else {
        Lang::Zh
    };
    for (fi, floor) in site.floors.iter().enumerate() {
        let drawn = floor_svg(
            site,
            analysis,
            findings,
            fi,
            &RenderOptions {
                width_px: 1600,
                lang: picture_lang,
                date: opts.date.clone(),
                base_dir: opts.base_dir.clone(),
                view: None,
                dori: crate::scene::DoriShow::All,
            },
        );
        warnings.extend(drawn.warnings);
        FloorSection {
            id: &floor.id,
            heading: l(lang, FLOOR),
            name: if floor.name.is_empty() {
                floor.id.clone()
            } else {
                format!("{} ({})", floor.name, floor.id)
            },
            svg: &drawn.svg,
        }
        .write_into(out)?;
    }

    let Registers {
        tables,
        devices: rows,
        signs,
    } = registers(site, analysis, findings, lang);
    Tail {
        tables,
        sign_heading: l(lang, SIGN_REGISTER),
        sign_columns: sign_columns(lang),
        signs,
        heading: l(lang, DEVICE_REGISTER),
        columns: device_columns(lang),
        devices: rows,
        none: l(lang, NONE),
        disclaimer: l(lang, Text::new("Sightline checks the plan as drawn against the rules in its catalogue; it is not legal advice.", "Sightline 按所绘平面图对照规则目录进行检查，不构成法律意见。")),
    }
    .write_into(out)?;
    writeln!(out)?;
    Ok(warnings)
}

/// The report's front matter: counts, the site summary, the findings grouped by law and the
/// articles quoted.
struct Front<'a> {
    counts: Counts,
    summary: Vec<(Tx, Tx)>,
    groups: Vec<Group<'a>>,
    quotes: Vec<Quote>,
}

fn yes_no(lang: Option<Lang>, b: bool) -> Tx {
    if b {
        l(lang, Text::new("yes", "是"))
    } else {
        l(lang, Text::new("no", "否"))
    }
}

fn not_recorded(lang: Option<Lang>) -> Tx {
    l(lang, Text::new("not recorded", "未填写"))
}

fn front<'a>(site: &'a Site, findings: &'a [Finding], lang: Option<Lang>) -> Front<'a> {
    let counts = Counts::of(findings);
    let yes_no = |b: bool| yes_no(lang, b);
    let not_recorded = || not_recorded(lang);
    let devices: Vec<_> = site.floors.iter().flat_map(|f| &f.devices).collect();
    let fr = devices.iter().filter(|d| d.face_recognition).count();
    let summary = vec![
        (
            l(
                lang,
                Text::new(
                    "Personal-information processor (Art. 5)",
                    "个人信息处理者（第五条）",
                ),
            ),
            site.processor
                .as_ref()
                .map(|p| Tx::plain(format!("{} · {}", p.name, p.contact)))
                .unwrap_or_else(not_recorded),
        ),
        (
            l(
                lang,
                Text::new(
                    "Venue (Decree 799 Art. 7 or 9)",
                    "场所类型（条例第七条或第九条）",
                ),
            ),
            venue_cell(site, lang),
        ),
        (
            l(
                lang,
                Text::new(
                    "Personal-information impact assessment (Art. 9)",
                    "个人信息保护影响评估（第九条）",
                ),
            ),
            match site.impact_assessment.as_ref() {
                Some(a) if a.date.is_some() => Tx::plain(match a.reference.as_deref() {
                    Some(r) if !r.trim().is_empty() => {
                        format!("{} · {r}", a.date.as_deref().unwrap_or_default())
                    }
                    _ => a.date.clone().unwrap_or_default(),
                }),
                _ => not_recorded(),
            },
        ),
        (
            l(
                lang,
                Text::new(
                    "Guardian consent and rules for children under 14 (Art. 7)",
                    "不满十四周岁未成年人监护人同意及专门规则（第七条）",
                ),
            ),
            yes_no(site.minors_rules),
        ),
        (
            l(lang, Text::new("Floors", "楼层")),
            Tx::plain(site.floors.len().to_string()),
        ),
        (l(lang, Text::new("Devices", "设备")), {
            let fr_label = l(lang, Text::new("face recognition", "人脸识别"));
            let cam_label = l(lang, Text::new("ordinary cameras", "普通摄像机"));
            let n = devices.len();
            Tx {
                main: format!(
                    "{n} ({fr} {}, {} {})",
                    fr_label.main,
                    n - fr,
                    cam_label.main
                ),
                en: fr_label
                    .en
                    .zip(cam_label.en)
                    .map(|(a, b)| format!("{n} ({fr} {a}, {} {b})", n - fr)),
            }
        }),
        (
            l(
                lang,
                Text::new("Faces stored (Art. 15)", "存储人脸信息人数（第十五条）"),
            ),
            site.faces_stored
                .map_or_else(not_recorded, |n| Tx::plain(n.to_string())),
        ),
        (
            l(
                lang,
                Text::new(
                    "Filed with the cyberspace authority (Art. 15)",
                    "已向网信部门备案（第十五条）",
                ),
            ),
            yes_no(site.filed_with_authority),
        ),
        (
            l(
                lang,
                Text::new(
                    "Video system filed with the police (Decree 799 Art. 14)",
                    "视频系统已向公安机关备案（条例第十四条）",
                ),
            ),
            yes_no(site.filed_with_police),
        ),
        (
            l(
                lang,
                Text::new(
                    "Footage retention (Decree 799 Art. 17)",
                    "视频保存期限（条例第十七条）",
                ),
            ),
            site.retention_days.map_or_else(not_recorded, |d| {
                let days = l(lang, Text::new("days", "日"));
                Tx {
                    main: format!("{d} {}", days.main),
                    en: days.en.map(|e| format!("{d} {e}")),
                }
            }),
        ),
    ];

    // Findings, grouped by law; numbered as on the floor plans.
    let numbers = marker_numbers(site, findings);
    let mut groups = Vec::new();
    for (law, heading_en, heading_zh) in [
        (Law::Measures, "Measures for the Security Management of Face Recognition Technology Applications (2025)", "人脸识别技术应用安全管理办法（2025）"),
        (Law::Decree799, "Regulations on Public Security Video Image Information Systems (State Council Decree No. 799)", "公共安全视频图像信息系统管理条例（国务院令第799号）"),
        (Law::Plan, "Plan sanity (no law: drawing and references)", "平面图检查（绘图与引用）"),
    ] {
        let rows: Vec<Row> = findings
            .iter()
            .zip(&numbers)
            .filter(|(f, _)| law_of(f) == law)
            .map(|(f, n)| Row {
                marker: match (f.floor_index.and_then(|fi| site.floors.get(fi)), n) {
                    (Some(floor), Some(n)) => Tx::plain(format!("{} #{n}", floor.id)),
                    _ => l(lang, Text::new("site", "全场所")),
                },
                rule: f.rule.as_str(),
                level: f.severity,
                severity: match lang {
                    Some(Lang::En) => f.severity.label(Lang::En).to_owned(),
                    Some(Lang::Zh) => f.severity.label(Lang::Zh).to_owned(),
                    None => format!(
                        "{} {}",
                        f.severity.label(Lang::Zh),
                        f.severity.label(Lang::En)
                    ),
                },
                message: message_of(f, lang),
                article: f.article.map(|a| (a.zh, a.en)),
                area: f.area_m2.map(|a| format!("{a:.2} m²")).unwrap_or_default(),
            })
            .collect();
        if !rows.is_empty() {
            groups.push(Group {
                heading: both(lang, heading_en, heading_zh),
                rows,
            });
        }
    }
    let quotes = quoted(findings)
        .into_iter()
        .map(|(law, text)| Quote {
            law: match law {
                Law::Measures => "人脸识别技术应用安全管理办法",
                _ => "公共安全视频图像信息系统管理条例",
            },
            heading_zh: text.heading_zh,
            heading_en: text.heading_en,
            zh: (!text.zh.is_empty()).then_some(text.zh),
            zh_marked: lang == Some(Lang::En),
            en_paragraphs: text.en.split("\n\n").collect(),
        })
        .collect();
    Front {
        counts,
        summary,
        groups,
        quotes,
    }
}

/// The report's registers: the fix and coverage tables, every device and every sign.
struct Registers<'a> {
    tables: Vec<TableSection>,
    devices: Vec<DeviceRow<'a>>,
    signs: Vec<SignRow<'a>>,
}

fn registers<'a>(
    site: &'a Site,
    analysis: &Analysis,
    findings: &'a [Finding],
    lang: Option<Lang>,
) -> Registers<'a> {
    let yes_no = |b: bool| yes_no(lang, b);
    let not_recorded = || not_recorded(lang);
    // Device register, with what each camera watches.
    let coverage_now = crate::fix::coverage::of_site(site, analysis);
    let watched: HashMap<(usize, usize), &crate::fix::coverage::CameraCoverage> = coverage_now
        .cameras
        .iter()
        .map(|c| ((c.floor, c.index), c))
        .collect();
    // A device's findings are those of its floor that name it first; each rule is listed once
    // (so a plan that repeats an id cannot make the register grow with the square of its size).
    let mut own: HashMap<(Option<usize>, &str), Vec<RuleTag>> = HashMap::new();
    for f in findings {
        if let Some(first) = f.subjects.first() {
            let rules = own.entry((f.floor_index, first.as_str())).or_default();
            let entry = (f.severity.as_str(), f.rule.as_str());
            if !rules.contains(&entry) {
                rules.push(entry);
            }
        }
    }
    let dash = || Tx::plain("—");
    let mut rows = Vec::new();
    let optics = crate::analysis::Optics::of(site);
    for (fi, floor) in site.floors.iter().enumerate() {
        for (di, d) in floor.devices.iter().enumerate() {
            let mode = match d.mode {
                Mode::Identification => l(lang, Text::new("identification (1:N)", "辨识（1:N）")),
                Mode::Verification => l(lang, Text::new("verification (1:1)", "验证（1:1）")),
            };
            let storage = match (d.storage, d.consent_for_transfer) {
                (Storage::OnDevice, _) => l(lang, Text::new("on the device", "存储于设备内")),
                (Storage::Networked, true) => l(
                    lang,
                    Text::new("networked, with separate consent", "联网传输（已单独同意）"),
                ),
                (Storage::Networked, false) => l(lang, Text::new("networked", "联网传输")),
            };
            let purpose = d.purpose.map_or_else(
                || l(lang, Text::new("not stated", "未说明")),
                |p| {
                    both(
                        lang,
                        crate::i18n::purpose_label(p, Lang::En),
                        crate::i18n::purpose_label(p, Lang::Zh),
                    )
                },
            );
            let fr = d.face_recognition;
            let resolution = d
                .resolution
                .map_or_else(dash, |[w, h]| Tx::plain(format!("{w} × {h}")));
            let da = analysis.floors.get(fi).and_then(|fa| fa.devices.get(di));
            let model_cell = match (&d.model, d.lens_mm) {
                (None, None) => dash(),
                (m, lens) => {
                    let name = m.as_deref().map(|id| {
                        crate::model::catalogue::find(id)
                            .map_or_else(|| id.to_owned(), |c| format!("{} {}", c.brand, c.model))
                    });
                    let lens = lens.map(|f| format!("{f} mm"));
                    Tx::plain(
                        [name, lens]
                            .into_iter()
                            .flatten()
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                }
            };
            let tilt_cell = d.tilt.map_or_else(
                || {
                    l(
                        lang,
                        Text::new("not given (plan rule)", "未填写（按平面规则）"),
                    )
                },
                |t| Tx::plain(format!("{t:.0}° · vfov {:.1}°", d.vfov())),
            );
            let blind_cell = match (d.tilt, da) {
                (Some(_), Some(da)) if da.capture_band.is_empty() => {
                    l(lang, Text::new("captures no face", "拍不到人脸"))
                }
                (Some(_), Some(da)) => Tx::plain(format!("{:.2} m", da.capture_band.near)),
                _ => dash(),
            };
            let dori_cell = match crate::geometry::vertical::dori_bands(d, optics.face_height) {
                None => dash(),
                Some(levels) => Tx::plain(
                    levels
                        .iter()
                        .map(|(level, b)| {
                            let tag = level.tag();
                            if b.is_empty() {
                                format!("{tag} —")
                            } else {
                                format!("{tag} {:.1} m", b.far)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" · "),
                ),
            };
            let side_view = crate::scene::side_view::SideView::of(d, &optics)
                .map(|v| crate::render::side_view_svg(&v, lang.unwrap_or(Lang::Zh)));
            rows.push(DeviceRow {
                id: &d.id,
                name: &d.name,
                floor: &floor.id,
                cells: vec![
                    yes_no(fr),
                    model_cell,
                    Tx::plain(format!("{:.2} m", d.mount_height)),
                    tilt_cell,
                    Tx::plain(format!("{:.0}°", d.fov)),
                    Tx::plain(format!("{:.1} m", d.range)),
                    resolution,
                    blind_cell,
                    dori_cell,
                    watched.get(&(fi, di)).map_or_else(dash, |c| {
                        let share = c.share() * 100.0;
                        let (en, zh) = if c.face_recognition {
                            ("of its zone", "其采集区域")
                        } else {
                            ("of public places", "公共区域")
                        };
                        both(
                            lang,
                            &format!("{:.1} m² ({share:.0} % {en})", c.watched_m2),
                            &format!("{:.1} 平方米（{zh}的 {share:.0}%）", c.watched_m2),
                        )
                    }),
                    if fr { mode } else { dash() },
                    purpose,
                    Tx::plain(d.necessity.as_deref().unwrap_or("—")),
                    Tx::plain(d.zone.as_deref().unwrap_or("—")),
                    if fr { storage } else { dash() },
                    match (fr, d.alternative_method) {
                        (false, _) => dash(),
                        (true, Some(b)) => yes_no(b),
                        (true, None) => not_recorded(),
                    },
                ],
                findings: own
                    .get(&(Some(fi), d.id.as_str()))
                    .cloned()
                    .unwrap_or_default(),
                side_view,
            });
        }
    }
    // Sign register: where each sign is, what it faces, which Art. 5 items it states and which
    // collection zones' entrances it covers.
    let mut signs = Vec::new();
    for (fi, floor) in site.floors.iter().enumerate() {
        let fa = analysis.floors.get(fi);
        for (gi, g) in floor.signs.iter().enumerate() {
            let covers: Vec<&str> = fa
                .into_iter()
                .flat_map(|a| a.zones_signed_by(gi))
                .filter_map(|zi| floor.zones.get(zi).map(|z| z.id.as_str()))
                .collect();
            let given = g.notice.given();
            let items = |lang: Lang| {
                let v: Vec<&str> = given
                    .iter()
                    .map(|i| crate::i18n::notice_item_label(i, lang))
                    .collect();
                v.join(if lang == Lang::Zh { "、" } else { ", " })
            };
            signs.push(SignRow {
                id: &g.id,
                floor: &floor.id,
                cells: vec![
                    Tx::plain(format!("({:.2}, {:.2})", g.position[0], g.position[1])),
                    Tx::plain(format!("{:.0}°", g.facing)),
                    Tx::plain(format!(
                        "{:.2} × {:.2} m, {:.2} m",
                        g.width, g.height, g.mount_height
                    )),
                    Tx::plain(g.text.clone()),
                    if given.is_empty() {
                        l(lang, NONE)
                    } else {
                        both(lang, &items(Lang::En), &items(Lang::Zh))
                    },
                    if covers.is_empty() {
                        dash()
                    } else {
                        Tx::plain(covers.join(", "))
                    },
                ],
            });
        }
    }
    Registers {
        tables: fix_and_coverage_tables(site, findings, lang, &coverage_now),
        devices: rows,
        signs,
    }
}

/// The findings table's columns.
fn finding_columns(lang: Option<Lang>) -> Vec<Tx> {
    vec![
        l(lang, Text::new("Plan", "图中编号")),
        l(lang, Text::new("Rule", "规则")),
        l(lang, Text::new("Severity", "级别")),
        l(lang, Text::new("Finding", "问题")),
        l(lang, Text::new("Article", "依据")),
        l(lang, Text::new("Area", "面积")),
    ]
}

/// The device register's columns (the last two: findings and side view).
fn device_columns(lang: Option<Lang>) -> Vec<Tx> {
    vec![
        l(lang, Text::new("Device", "设备")),
        l(lang, Text::new("Floor", "楼层")),
        l(lang, Text::new("Face recognition", "人脸识别")),
        l(lang, Text::new("Model, lens", "型号、镜头")),
        l(lang, Text::new("Mount height", "安装高度")),
        l(lang, Text::new("Tilt", "俯角")),
        l(lang, Text::new("Field of view", "视场角")),
        l(lang, Text::new("Range", "拍摄距离")),
        l(lang, Text::new("Resolution", "分辨率")),
        l(
            lang,
            Text::new("Blind distance (faces)", "盲区距离（人脸）"),
        ),
        l(
            lang,
            Text::new(
                "DORI: furthest distance (px/m across the image width: D 25, O 62.5, R 125, I 250)",
                "DORI 最远距离（按画面宽度计像素/米：D 25、O 62.5、R 125、I 250）",
            ),
        ),
        l(lang, Text::new("Watches", "覆盖")),
        l(lang, Text::new("Mode", "方式")),
        l(lang, Text::new("Purpose", "目的")),
        l(lang, Text::new("Necessity", "必要性")),
        l(lang, Text::new("Zone", "采集区域")),
        l(lang, Text::new("Storage", "存储")),
        l(lang, Text::new("Alternative offered", "其他验证方式")),
        l(lang, Text::new("Findings", "问题")),
        l(lang, Text::new("Side view", "侧视图")),
    ]
}

/// The sign register's columns.
fn sign_columns(lang: Option<Lang>) -> Vec<Tx> {
    vec![
        l(lang, Text::new("Sign", "标识")),
        l(lang, Text::new("Floor", "楼层")),
        l(lang, Text::new("Position (m)", "位置（米）")),
        l(lang, Text::new("Faces", "朝向")),
        l(lang, Text::new("Size, height", "尺寸、安装高度")),
        l(lang, Text::new("Text", "文字")),
        l(lang, Text::new("Art. 5 items stated", "载明的第五条事项")),
        l(
            lang,
            Text::new("Entrances covered (zones)", "覆盖的入口（采集区域）"),
        ),
    ]
}
