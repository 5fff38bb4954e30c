//! The compliance report: one self-contained HTML file (no external links; the bundled font is
//! embedded so Chinese renders anywhere) with the site summary and verdict, the findings
//! grouped by law with the articles quoted, every floor's plan drawn inline, and a register of
//! every device. Prints cleanly: each floor starts a new page.

mod law;

use std::fmt::Write as _;

use base64::Engine;

use crate::analysis::Analysis;
use crate::i18n::Lang;
use crate::model::{Mode, Site, Storage};
use crate::render::{floor_svg, RenderOptions};
use crate::rules::{Finding, Severity};
use law::LawText;

/// Languages of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportLang {
    En,
    Zh,
    /// Chinese first, then English, everywhere.
    Both,
}

/// How to write a report.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    pub lang: ReportLang,
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

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A label in the report's language(s).
fn l(lang: ReportLang, en: &str, zh: &str) -> String {
    match lang {
        ReportLang::En => esc(en),
        ReportLang::Zh => esc(zh),
        ReportLang::Both => format!("{} <span class=\"en\">{}</span>", esc(zh), esc(en)),
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
    } else if id.starts_with("PLAN-") || id == "ZONE-UNUSED" {
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
            "A5-NOTICE" => add(Law::Measures, &law::MEASURES_5),
            "A8-TRANSFER" => add(Law::Measures, &law::MEASURES_8),
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
    out.sort_by_key(|(law, _)| *law);
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
.floor svg { width: 100%; height: auto; border: 1px solid #ddd; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  .floor { page-break-before: always; }
  h2 { page-break-after: avoid; } tr { page-break-inside: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}
"#;

/// Writes the report of an analysed site.
pub fn html(
    site: &Site,
    analysis: &Analysis,
    findings: &[Finding],
    opts: &ReportOptions,
) -> Report {
    let lang = opts.lang;
    let mut warnings = Vec::new();
    let mut h = String::with_capacity(4 << 20);
    let title = if site.name.is_empty() {
        "Sightline"
    } else {
        &site.name
    };
    let font = base64::engine::general_purpose::STANDARD.encode(crate::render::raster::FONT);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} — {}</title><style>@font-face {{ font-family: \"Sightline CJK\"; src: url(data:font/otf;base64,{font}) format(\"opentype\"); }}{CSS}</style></head><body>",
        if lang == ReportLang::En { "en" } else { "zh-CN" },
        esc(title),
        l(lang, "compliance report", "合规报告")
    );
    let violations = findings
        .iter()
        .filter(|f| f.severity == Severity::Violation)
        .count();
    let warnings_n = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let infos = findings.len() - violations - warnings_n;
    let _ = write!(
        h,
        "<h1>{}</h1><p class=\"muted\">{} · {} · Sightline {}</p><p><span class=\"verdict {}\">{}</span> &nbsp; {}</p>",
        esc(title),
        l(lang, "Face-recognition and camera compliance report", "人脸识别与视频图像采集合规报告"),
        esc(&opts.date),
        env!("CARGO_PKG_VERSION"),
        if violations == 0 { "pass" } else { "fail" },
        if violations == 0 { l(lang, "PASS", "通过") } else { l(lang, "FAIL", "不通过") },
        match lang {
            ReportLang::En => format!("{violations} violation(s), {warnings_n} warning(s), {infos} info"),
            ReportLang::Zh => format!("{violations} 项违规，{warnings_n} 项警告，{infos} 项提示"),
            ReportLang::Both => format!("{violations} 项违规，{warnings_n} 项警告，{infos} 项提示 <span class=\"en\">{violations} violation(s), {warnings_n} warning(s), {infos} info</span>"),
        }
    );

    // Summary.
    let yes_no = |b: bool| {
        if b {
            l(lang, "yes", "是")
        } else {
            l(lang, "no", "否")
        }
    };
    let devices: Vec<_> = site.floors.iter().flat_map(|f| &f.devices).collect();
    let fr = devices.iter().filter(|d| d.face_recognition).count();
    let _ = write!(h, "<h2>{}</h2><table>", l(lang, "Site", "场所概况"));
    let mut row = |k: String, v: String| {
        let _ = write!(h, "<tr><th>{k}</th><td>{v}</td></tr>");
    };
    row(
        l(
            lang,
            "Personal-information processor (Art. 5)",
            "个人信息处理者（第五条）",
        ),
        site.processor
            .as_ref()
            .map(|p| format!("{} · {}", esc(&p.name), esc(&p.contact)))
            .unwrap_or_else(|| l(lang, "not recorded", "未填写")),
    );
    row(l(lang, "Floors", "楼层"), site.floors.len().to_string());
    row(
        l(lang, "Devices", "设备"),
        format!(
            "{} ({} {}, {} {})",
            devices.len(),
            fr,
            l(lang, "face recognition", "人脸识别"),
            devices.len() - fr,
            l(lang, "ordinary cameras", "普通摄像机")
        ),
    );
    row(
        l(
            lang,
            "Faces stored (Art. 15)",
            "存储人脸信息人数（第十五条）",
        ),
        site.faces_stored
            .map_or_else(|| l(lang, "not recorded", "未填写"), |n| n.to_string()),
    );
    row(
        l(
            lang,
            "Filed with the cyberspace authority (Art. 15)",
            "已向网信部门备案（第十五条）",
        ),
        yes_no(site.filed_with_authority),
    );
    row(
        l(
            lang,
            "Video system filed with the police (Decree 799 Art. 14)",
            "视频系统已向公安机关备案（条例第十四条）",
        ),
        yes_no(site.filed_with_police),
    );
    row(
        l(
            lang,
            "Footage retention (Decree 799 Art. 17)",
            "视频保存期限（条例第十七条）",
        ),
        site.retention_days.map_or_else(
            || l(lang, "not recorded", "未填写"),
            |d| format!("{d} {}", l(lang, "days", "日")),
        ),
    );
    h.push_str("</table>");

    // Findings, grouped by law; numbered as on the floor plans.
    let marker_of = |f: &Finding| -> Option<String> {
        let fi = f.floor_index?;
        let listed: Vec<&Finding> = findings
            .iter()
            .filter(|g| g.floor_index.is_none() || g.floor_index == Some(fi))
            .collect();
        let n = listed.iter().position(|g| std::ptr::eq(*g, f))? + 1;
        Some(format!("{} #{n}", site.floors[fi].id))
    };
    let _ = write!(h, "<h2>{}</h2>", l(lang, "Findings", "检查结果"));
    if findings.is_empty() {
        let _ = write!(
            h,
            "<p>{}</p>",
            l(
                lang,
                "No findings: the plan as drawn complies with every rule checked.",
                "未发现问题：按所绘平面，全部检查项均合规。"
            )
        );
    }
    for (law, heading_en, heading_zh) in [
        (Law::Measures, "Measures for the Security Management of Face Recognition Technology Applications (2025)", "人脸识别技术应用安全管理办法（2025）"),
        (Law::Decree799, "Regulations on Public Security Video Image Information Systems (State Council Decree No. 799)", "公共安全视频图像信息系统管理条例（国务院令第799号）"),
        (Law::Plan, "Plan sanity (no law: drawing and references)", "平面图检查（绘图与引用）"),
    ] {
        let group: Vec<&Finding> = findings.iter().filter(|f| law_of(f) == law).collect();
        if group.is_empty() {
            continue;
        }
        let _ = write!(
            h,
            "<h3>{} ({})</h3><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            l(lang, heading_en, heading_zh),
            group.len(),
            l(lang, "Plan", "图中编号"),
            l(lang, "Rule", "规则"),
            l(lang, "Severity", "级别"),
            l(lang, "Finding", "问题"),
            l(lang, "Article", "依据"),
            l(lang, "Area", "面积")
        );
        for f in group {
            let sev = f.severity.as_str();
            let message = match lang {
                ReportLang::En => esc(&f.message_en()),
                ReportLang::Zh => esc(&f.message_zh()),
                ReportLang::Both => format!("{}<br><span class=\"en\">{}</span>", esc(&f.message_zh()), esc(&f.message_en())),
            };
            let article = f.article.map_or_else(|| "—".to_owned(), |a| format!("{}<br><span class=\"en\">{}</span>", esc(a.zh), esc(a.en)));
            let sev_label = match lang {
                ReportLang::En => f.severity.label(Lang::En).to_owned(),
                ReportLang::Zh => f.severity.label(Lang::Zh).to_owned(),
                ReportLang::Both => format!("{} {}", f.severity.label(Lang::Zh), f.severity.label(Lang::En)),
            };
            let _ = write!(
                h,
                "<tr><td>{}</td><td><code>{}</code></td><td class=\"{sev}\">{}</td><td>{message}</td><td>{article}</td><td>{}</td></tr>",
                marker_of(f).unwrap_or_else(|| l(lang, "site", "全场所")),
                f.rule.as_str(),
                esc(&sev_label),
                f.area_m2.map(|a| format!("{a:.2} m²")).unwrap_or_default()
            );
        }
        h.push_str("</table>");
    }

    // The law quoted.
    let _ = write!(h, "<h2>{}</h2>", l(lang, "The articles cited", "引用条文"));
    for (law, text) in quoted(findings) {
        let name = match law {
            Law::Measures => "人脸识别技术应用安全管理办法",
            _ => "公共安全视频图像信息系统管理条例",
        };
        let _ = write!(
            h,
            "<h3>{} {} <span class=\"en\">{}</span></h3>",
            esc(name),
            esc(text.heading_zh),
            esc(text.heading_en)
        );
        if !text.zh.is_empty() && lang != ReportLang::En {
            let _ = write!(h, "<blockquote>{}</blockquote>", esc(text.zh));
        }
        if !text.zh.is_empty() && lang == ReportLang::En {
            let _ = write!(
                h,
                "<blockquote lang=\"zh-CN\">{}</blockquote>",
                esc(text.zh)
            );
        }
        let _ = write!(
            h,
            "<p class=\"en\">{}</p>",
            esc(text.en).replace("\n\n", "<br><br>")
        );
    }

    // Floors.
    let picture_lang = if lang == ReportLang::En {
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
            },
        );
        warnings.extend(drawn.warnings);
        let _ = write!(
            h,
            "<section class=\"floor\" id=\"floor-{}\"><h2>{} {}</h2>{}</section>",
            esc(&floor.id),
            l(lang, "Floor", "楼层"),
            esc(&if floor.name.is_empty() {
                floor.id.clone()
            } else {
                format!("{} ({})", floor.name, floor.id)
            }),
            drawn.svg
        );
    }

    // Device register.
    let _ = write!(
        h,
        "<section class=\"floor\"><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        l(lang, "Device register", "设备登记表"),
        l(lang, "Device", "设备"),
        l(lang, "Floor", "楼层"),
        l(lang, "Face recognition", "人脸识别"),
        l(lang, "Mode", "方式"),
        l(lang, "Purpose", "目的"),
        l(lang, "Necessity", "必要性"),
        l(lang, "Zone", "采集区域"),
        l(lang, "Storage", "存储"),
        l(lang, "Alternative offered", "其他验证方式"),
        l(lang, "Findings", "问题")
    );
    for floor in &site.floors {
        for d in &floor.devices {
            let own: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.subjects.first() == Some(&d.id))
                .collect();
            let verdict = if own.is_empty() {
                format!("<span class=\"info\">{}</span>", l(lang, "none", "无"))
            } else {
                own.iter()
                    .map(|f| {
                        format!(
                            "<span class=\"{}\">{}</span>",
                            f.severity.as_str(),
                            f.rule.as_str()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            let mode = match d.mode {
                Mode::Identification => l(lang, "identification (1:N)", "辨识（1:N）"),
                Mode::Verification => l(lang, "verification (1:1)", "验证（1:1）"),
            };
            let storage = match (d.storage, d.consent_for_transfer) {
                (Storage::OnDevice, _) => l(lang, "on the device", "存储于设备内"),
                (Storage::Networked, true) => l(
                    lang,
                    "networked, with separate consent",
                    "联网传输（已单独同意）",
                ),
                (Storage::Networked, false) => l(lang, "networked", "联网传输"),
            };
            let purpose = d.purpose.map_or_else(
                || l(lang, "not stated", "未说明"),
                |p| {
                    l(
                        lang,
                        crate::i18n::purpose_label(p, Lang::En),
                        crate::i18n::purpose_label(p, Lang::Zh),
                    )
                },
            );
            let _ = write!(
                h,
                "<tr><td><code>{}</code> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{verdict}</td></tr>",
                esc(&d.id),
                esc(&d.name),
                esc(&floor.id),
                yes_no(d.face_recognition),
                if d.face_recognition { mode } else { "—".to_owned() },
                purpose,
                esc(d.necessity.as_deref().unwrap_or("—")),
                esc(d.zone.as_deref().unwrap_or("—")),
                if d.face_recognition { storage } else { "—".to_owned() },
                match (d.face_recognition, d.alternative_method) {
                    (false, _) => "—".to_owned(),
                    (true, Some(b)) => yes_no(b),
                    (true, None) => l(lang, "not recorded", "未填写"),
                }
            );
        }
    }
    let _ = writeln!(
        h,
        "</table></section><p class=\"muted\">{}</p></body></html>",
        l(
            lang,
            "Sightline checks the plan as drawn against the rules in its catalogue; it is not legal advice.",
            "Sightline 按所绘平面图对照规则目录进行检查，不构成法律意见。"
        )
    );
    Report { html: h, warnings }
}
