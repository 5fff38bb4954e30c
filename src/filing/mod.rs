//! The filing pack (`sightline filing SITE -o DIR`): what a facility hands to the county police
//! under Decree 799 Art. 14 (the organisation, where the system is, the number and types of
//! devices, how long footage is kept) and, at 100,000 stored faces, to the provincial
//! cyberspace office under Measures Art. 15 (the processor, purposes and methods, numbers and
//! protection, processing rules, the impact assessment); the device schedule with a bill of
//! materials, and the sign schedule.
//!
//! This module gathers the facts from the site, each with where it came from; what the site
//! does not hold is a blank to fill in (`value: None`). [`write`] lays them out as text, PDF,
//! CSV and XLSX. Every sheet states the date, the Sightline version and the site file's SHA-256.

pub mod write;

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

use crate::analysis::Analysis;
use crate::i18n::{Lang, Text};
use crate::model::{Site, Storage};
use crate::rules::Finding;

/// Which plan a pack describes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Provenance {
    pub date: String,
    pub version: &'static str,
    /// The site file's name.
    pub site_file: String,
    /// The SHA-256 of the site file's bytes, in hex.
    pub sha256: String,
}

impl Provenance {
    /// The provenance of a site file read as `bytes`.
    ///
    /// ```
    /// let p = sightline::filing::Provenance::of("a.site.json", b"abc", "2026-12-06");
    /// assert_eq!(p.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /// ```
    pub fn of(site_file: &str, bytes: &[u8], date: &str) -> Provenance {
        let digest = Sha256::digest(bytes);
        Provenance {
            date: date.to_owned(),
            version: env!("CARGO_PKG_VERSION"),
            site_file: site_file.to_owned(),
            sha256: digest.iter().map(|b| format!("{b:02x}")).collect(),
        }
    }
}

/// Text in both languages, made at run time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bi {
    pub en: String,
    pub zh: String,
}

impl Bi {
    /// The same text in both (a name, a number).
    pub fn same(s: impl Into<String>) -> Bi {
        let s = s.into();
        Bi {
            en: s.clone(),
            zh: s,
        }
    }

    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Bi {
        Bi {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// In one language, or Chinese with the English beside it (once, when they differ).
    pub fn show(&self, lang: Option<Lang>) -> String {
        match lang {
            Some(Lang::En) => self.en.clone(),
            Some(Lang::Zh) => self.zh.clone(),
            None if self.en == self.zh => self.zh.clone(),
            None => format!("{} / {}", self.zh, self.en),
        }
    }
}

impl From<Text> for Bi {
    fn from(t: Text) -> Bi {
        Bi::new(t.en, t.zh)
    }
}

/// One item of a filing sheet: what it asks, what the site says (`None`: a blank to fill in),
/// and where that came from (a field of the site file, or what must be attached).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub label: Bi,
    pub value: Option<Bi>,
    pub source: Bi,
}

/// A titled group of items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    pub title: Bi,
    pub fields: Vec<Field>,
}

/// One device as the schedule and the police sheet list it.
#[derive(Clone, Debug, PartialEq)]
pub struct DeviceLine {
    /// Its number on the plan pages of the filing (1, 2, … over the site).
    pub number: usize,
    pub id: String,
    pub name: String,
    pub floor: String,
    /// The room (space) it looks into, and the zone it serves.
    pub room: Option<String>,
    pub zone: Option<String>,
    pub position: [f64; 2],
    pub heading: f64,
    pub tilt: Option<f64>,
    pub mount_height: f64,
    /// Brand and model from the catalogue (or the id the site gives), and the lens.
    pub model: Option<String>,
    pub lens_mm: Option<f64>,
    pub resolution: Option<[u32; 2]>,
    pub face_recognition: bool,
    /// PTZ or fixed, when the catalogue knows the model.
    pub ptz: Option<bool>,
    pub purpose: Option<Bi>,
    pub storage: Option<Bi>,
    pub retention_days: Option<u64>,
    /// The rules it breaks or is warned of.
    pub findings: Vec<String>,
}

/// One line of the bill of materials.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BomLine {
    /// Brand and model, or "not recorded".
    pub model: Bi,
    /// The catalogue's kind (dome, bullet, PTZ…), when known.
    pub kind: Option<String>,
    pub face_recognition: usize,
    pub ordinary: usize,
}

/// One sign as the sign schedule lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct SignLine {
    pub id: String,
    pub floor: String,
    pub position: [f64; 2],
    pub facing: f64,
    pub size: [f64; 2],
    pub mount_height: f64,
    pub text: String,
    /// The Art. 5 items it states.
    pub items: Vec<Bi>,
    /// The collection zones whose entrances it covers.
    pub zones: Vec<String>,
}

/// Everything the pack holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Pack {
    pub provenance: Provenance,
    pub site_name: String,
    /// The Decree 799 Art. 14 sheet.
    pub police: Vec<Section>,
    /// The Measures Art. 15 materials, when faces stored reach 100,000 (or asked for).
    pub materials: Option<Vec<Section>>,
    pub devices: Vec<DeviceLine>,
    pub bom: Vec<BomLine>,
    pub signs: Vec<SignLine>,
}

/// The number of stored faces from which Measures Art. 15 asks for filing.
pub const ART15_FACES: u64 = 100_000;

fn field(label: Text, value: Option<Bi>, source: &str) -> Field {
    Field {
        label: label.into(),
        value,
        source: Bi::same(source),
    }
}

/// The processor's name or contact (as `pick` chooses), when the site states it.
fn processor_text(site: &Site, pick: fn(&crate::model::Processor) -> &str) -> Option<Bi> {
    site.processor
        .as_ref()
        .map(|p| pick(p).trim())
        .filter(|s| !s.is_empty())
        .map(Bi::same)
}

/// A string field of the site's own or its processor's unknown fields (`address`, …), which
/// the format keeps but does not define.
fn extra_text(extra: &crate::model::Extra, key: &str) -> Option<String> {
    extra
        .get(key)
        .and_then(|v| v.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Gathers the pack of an analysed site.
pub fn pack(
    site: &Site,
    analysis: &Analysis,
    findings: &[Finding],
    provenance: Provenance,
    all: bool,
) -> Pack {
    let devices = device_lines(site, analysis, findings);
    let bom = bill_of_materials(&devices);
    let signs = sign_lines(site, analysis);
    let police = police_sheet(site, &devices, &bom);
    let materials = (all || site.faces_stored.is_some_and(|n| n >= ART15_FACES))
        .then(|| materials_list(site, &devices));
    Pack {
        provenance,
        site_name: site.name.clone(),
        police,
        materials,
        devices,
        bom,
        signs,
    }
}

fn device_lines(site: &Site, analysis: &Analysis, findings: &[Finding]) -> Vec<DeviceLine> {
    let mut rules: BTreeMap<(Option<usize>, &str), Vec<String>> = BTreeMap::new();
    for f in findings {
        if let Some(first) = f.subjects.first() {
            let r = rules.entry((f.floor_index, first.as_str())).or_default();
            let id = f.rule.as_str().to_owned();
            if !r.contains(&id) {
                r.push(id);
            }
        }
    }
    let mut out = Vec::new();
    for (fi, floor) in site.floors.iter().enumerate() {
        let fa = analysis.floors.get(fi);
        for (di, d) in floor.devices.iter().enumerate() {
            let probe = fa.and_then(|fa| fa.devices.get(di)).map_or_else(
                || crate::geometry::primitives::v2(d.position),
                |da| da.mount.probe,
            );
            let room = fa.and_then(|fa| {
                fa.spaces
                    .containing(probe)
                    .into_iter()
                    .filter_map(|s| floor.spaces.get(s.index))
                    .map(|s| {
                        if s.name.is_empty() {
                            s.id.clone()
                        } else {
                            format!("{} {}", s.id, s.name)
                        }
                    })
                    .next()
            });
            let cat = d.model.as_deref().and_then(crate::model::catalogue::find);
            out.push(DeviceLine {
                number: out.len() + 1,
                id: d.id.clone(),
                name: d.name.clone(),
                floor: floor.id.clone(),
                room,
                zone: d.zone.clone().filter(|z| !z.is_empty()),
                position: d.position,
                heading: d.heading,
                tilt: d.tilt,
                mount_height: d.mount_height,
                model: d.model.as_deref().map(|id| {
                    cat.map_or_else(|| id.to_owned(), |c| format!("{} {}", c.brand, c.model))
                }),
                lens_mm: d.lens_mm,
                resolution: d.resolution,
                face_recognition: d.face_recognition,
                ptz: cat.map(|c| c.kind == "ptz"),
                purpose: d.purpose.map(|p| {
                    Bi::new(
                        crate::i18n::purpose_label(p, Lang::En),
                        crate::i18n::purpose_label(p, Lang::Zh),
                    )
                }),
                storage: d
                    .face_recognition
                    .then(|| match (d.storage, d.consent_for_transfer) {
                        (Storage::OnDevice, _) => Bi::new("on the device", "存储于设备内"),
                        (Storage::Networked, true) => {
                            Bi::new("networked, with separate consent", "联网传输（已单独同意）")
                        }
                        (Storage::Networked, false) => Bi::new("networked", "联网传输"),
                    }),
                retention_days: site.retention_days,
                findings: rules
                    .get(&(Some(fi), d.id.as_str()))
                    .cloned()
                    .unwrap_or_default(),
            });
        }
    }
    out
}

fn bill_of_materials(devices: &[DeviceLine]) -> Vec<BomLine> {
    let mut by: BTreeMap<Option<String>, BomLine> = BTreeMap::new();
    for d in devices {
        let line = by.entry(d.model.clone()).or_insert_with(|| BomLine {
            model: d
                .model
                .clone()
                .map_or_else(|| Bi::new("model not recorded", "未填写型号"), Bi::same),
            kind: None,
            face_recognition: 0,
            ordinary: 0,
        });
        if d.face_recognition {
            line.face_recognition += 1;
        } else {
            line.ordinary += 1;
        }
        if let Some(p) = d.ptz {
            line.kind = Some(if p { "PTZ".into() } else { "fixed".into() });
        }
    }
    // Known models first, by name; the unrecorded ones last.
    let mut lines: Vec<(Option<String>, BomLine)> = by.into_iter().collect();
    lines.sort_by_key(|(m, _)| (m.is_none(), m.clone()));
    lines.into_iter().map(|(_, l)| l).collect()
}

fn sign_lines(site: &Site, analysis: &Analysis) -> Vec<SignLine> {
    let mut out = Vec::new();
    for (fi, floor) in site.floors.iter().enumerate() {
        let fa = analysis.floors.get(fi);
        for (gi, g) in floor.signs.iter().enumerate() {
            let zones = fa
                .into_iter()
                .flat_map(|a| a.zones_signed_by(gi))
                .filter_map(|zi| floor.zones.get(zi).map(|z| z.id.clone()))
                .collect();
            out.push(SignLine {
                id: g.id.clone(),
                floor: floor.id.clone(),
                position: g.position,
                facing: g.facing,
                size: [g.width, g.height],
                mount_height: g.mount_height,
                text: g.text.clone(),
                items: g
                    .notice
                    .given()
                    .into_iter()
                    .map(|i| {
                        Bi::new(
                            crate::i18n::notice_item_label(i, Lang::En),
                            crate::i18n::notice_item_label(i, Lang::Zh),
                        )
                    })
                    .collect(),
                zones,
            });
        }
    }
    out
}

fn count_line(devices: &[DeviceLine]) -> (Bi, Bi) {
    let n = devices.len();
    let fr = devices.iter().filter(|d| d.face_recognition).count();
    let ptz = devices.iter().filter(|d| d.ptz == Some(true)).count();
    let fixed = devices.iter().filter(|d| d.ptz == Some(false)).count();
    let unknown = n - ptz - fixed;
    (
        Bi::new(
            format!("{n} in all: {fr} face recognition, {} ordinary", n - fr),
            format!("共 {n} 台：人脸识别 {fr} 台，普通 {} 台", n - fr),
        ),
        Bi::new(
            format!("{fixed} fixed, {ptz} PTZ, {unknown} of a model not recorded"),
            format!("固定式 {fixed} 台，云台（PTZ）{ptz} 台，型号未填写 {unknown} 台"),
        ),
    )
}

fn police_sheet(site: &Site, devices: &[DeviceLine], bom: &[BomLine]) -> Vec<Section> {
    let address = site
        .processor
        .as_ref()
        .and_then(|p| extra_text(&p.extra, "address"))
        .or_else(|| extra_text(&site.extra, "address"));
    let venue = site.venue.map(|v| {
        let mut b = Bi::new(
            crate::i18n::venue_label(v, Lang::En),
            crate::i18n::venue_label(v, Lang::Zh),
        );
        if let Some(a) = site.decree_article() {
            b.en = format!(
                "{} — {}",
                b.en,
                crate::i18n::decree_article_label(a, Lang::En)
            );
            b.zh = format!(
                "{} — {}",
                b.zh,
                crate::i18n::decree_article_label(a, Lang::Zh)
            );
        }
        b
    });
    let floors: Vec<String> = site
        .floors
        .iter()
        .map(|f| {
            if f.name.is_empty() || f.name == f.id {
                f.id.clone()
            } else {
                format!("{} {}", f.id, f.name)
            }
        })
        .collect();
    let (counts, kinds) = count_line(devices);
    let models: Vec<String> = bom
        .iter()
        .map(|b| format!("{} × {}", b.model.zh, b.face_recognition + b.ordinary))
        .collect();
    let models_en: Vec<String> = bom
        .iter()
        .map(|b| format!("{} × {}", b.model.en, b.face_recognition + b.ordinary))
        .collect();
    vec![
        Section {
            title: Bi::new("1. The organisation", "一、单位基本情况"),
            fields: vec![
                field(
                    Text::new("Name", "单位名称"),
                    processor_text(site, |p| &p.name),
                    "processor.name",
                ),
                field(
                    Text::new("Contact", "联系方式"),
                    processor_text(site, |p| &p.contact),
                    "processor.contact",
                ),
                field(
                    Text::new("Address", "单位地址"),
                    address.map(Bi::same),
                    "processor.address",
                ),
                field(
                    Text::new("Person responsible and signature", "负责人及签章"),
                    None,
                    "—",
                ),
            ],
        },
        Section {
            title: Bi::new("2. Where the system is", "二、公共安全视频系统建设位置"),
            fields: vec![
                field(
                    Text::new("Site", "场所"),
                    Some(Bi::same(site.name.clone())).filter(|b| !b.en.is_empty()),
                    "name",
                ),
                field(Text::new("Venue", "场所类型"), venue, "venue"),
                field(
                    Text::new("Floors covered", "覆盖楼层"),
                    (!floors.is_empty()).then(|| {
                        Bi::new(
                            format!("{}: {}", floors.len(), floors.join(", ")),
                            format!("{} 层：{}", floors.len(), floors.join("、")),
                        )
                    }),
                    "floors[].id, name",
                ),
                field(
                    Text::new("Date the system went live", "系统投入使用日期"),
                    None,
                    "—",
                ),
            ],
        },
        Section {
            title: Bi::new(
                "3. Number and types of image-capture devices",
                "三、图像采集设备数量及类型",
            ),
            fields: vec![
                field(
                    Text::new("Devices", "设备数量"),
                    Some(counts),
                    "floors[].devices[].face_recognition",
                ),
                field(
                    Text::new("Fixed or PTZ", "固定式或云台"),
                    Some(kinds),
                    "devices[].model (camera catalogue)",
                ),
                field(
                    Text::new("By model", "按型号"),
                    (!bom.is_empty()).then(|| Bi::new(models_en.join("; "), models.join("；"))),
                    "devices[].model",
                ),
                field(
                    Text::new("Locations", "安装位置"),
                    Some(Bi::new(
                        "listed below, numbered as on the plan pages",
                        "见下表，编号与平面图一致",
                    )),
                    "devices[].position",
                ),
            ],
        },
        Section {
            title: Bi::new("4. How long footage is kept", "四、视频图像信息存储期限"),
            fields: vec![field(
                Text::new("Retention", "存储期限"),
                site.retention_days
                    .map(|d| Bi::new(format!("{d} days"), format!("{d} 日"))),
                "retention_days",
            )],
        },
    ]
}

fn materials_list(site: &Site, devices: &[DeviceLine]) -> Vec<Section> {
    let fr: Vec<&DeviceLine> = devices.iter().filter(|d| d.face_recognition).collect();
    let purposes: Vec<Bi> = fr
        .iter()
        .map(|d| {
            let p = d
                .purpose
                .clone()
                .unwrap_or_else(|| Bi::new("purpose not stated", "未说明目的"));
            Bi::new(format!("{}: {}", d.id, p.en), format!("{}：{}", d.id, p.zh))
        })
        .collect();
    let join = |v: &[Bi]| {
        Bi::new(
            v.iter()
                .map(|b| b.en.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            v.iter()
                .map(|b| b.zh.as_str())
                .collect::<Vec<_>>()
                .join("；"),
        )
    };
    let on_device = fr
        .iter()
        .filter(|d| d.storage.as_ref().is_some_and(|s| s.en == "on the device"))
        .count();
    let assessment = site.impact_assessment.as_ref().and_then(|a| {
        a.date.as_ref().map(|date| match a.reference.as_deref() {
            Some(r) if !r.trim().is_empty() => Bi::same(format!("{date} · {r}")),
            _ => Bi::same(date.clone()),
        })
    });
    let attach = |en: &str, zh: &str| Field {
        label: Bi::new("To attach", "需附材料"),
        value: None,
        source: Bi::new(en, zh),
    };
    vec![
        Section {
            title: Bi::new("(1) The processor", "（一）个人信息处理者的基本情况"),
            fields: vec![
                field(
                    Text::new("Name", "名称"),
                    processor_text(site, |p| &p.name),
                    "processor.name",
                ),
                field(
                    Text::new("Contact", "联系方式"),
                    processor_text(site, |p| &p.contact),
                    "processor.contact",
                ),
            ],
        },
        Section {
            title: Bi::new(
                "(2) Purposes and methods of processing face information",
                "（二）人脸信息处理目的和处理方式",
            ),
            fields: vec![
                field(
                    Text::new("Purpose per device", "各设备处理目的"),
                    (!purposes.is_empty()).then(|| join(&purposes)),
                    "devices[].purpose",
                ),
                field(
                    Text::new("Method", "处理方式"),
                    (!fr.is_empty()).then(|| {
                        let ident = fr.len();
                        Bi::new(
                            format!("{ident} face-recognition device(s); modes and storage as in the device schedule"),
                            format!("人脸识别设备 {ident} 台；识别方式和存储见设备清单"),
                        )
                    }),
                    "devices[].mode, storage",
                ),
            ],
        },
        Section {
            title: Bi::new(
                "(3) Number of faces stored and protection measures",
                "（三）人脸信息存储数量和安全保护措施",
            ),
            fields: vec![
                field(
                    Text::new("Faces stored", "存储人脸信息人数"),
                    site.faces_stored.map(|n| Bi::same(n.to_string())),
                    "faces_stored",
                ),
                field(
                    Text::new("Storage", "存储方式"),
                    (!fr.is_empty()).then(|| {
                        Bi::new(
                            format!(
                                "{on_device} of {} stored on the device, the others networked",
                                fr.len()
                            ),
                            format!("{} 台中 {on_device} 台存储于设备内，其余联网传输", fr.len()),
                        )
                    }),
                    "devices[].storage, consent_for_transfer",
                ),
                attach(
                    "technical and organisational protection measures (encryption, access control, audit)",
                    "技术和管理安全保护措施（加密、访问控制、审计等）",
                ),
            ],
        },
        Section {
            title: Bi::new(
                "(4) Processing rules and operating procedures",
                "（四）人脸信息的处理规则和操作规程",
            ),
            fields: vec![attach(
                "the processing rules and operating procedures",
                "处理规则和操作规程文本",
            )],
        },
        Section {
            title: Bi::new(
                "(5) Personal-information protection impact assessment",
                "（五）个人信息保护影响评估报告",
            ),
            fields: vec![
                field(
                    Text::new("Date and reference", "日期及编号"),
                    assessment,
                    "impact_assessment.date, reference",
                ),
                attach("the assessment report", "影响评估报告全文"),
            ],
        },
    ]
}
