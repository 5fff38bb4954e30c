//! Fix it for me: for each finding, the smallest change that settles it — computed by the
//! engine over its exact areas — or, where no geometry can, the field to set.
//!
//! - a camera that captures or films into a private space, or captures outside its zone: the
//!   nearest compliant heading, field of view, range or tilt ([`camera`]);
//! - a zone's unsigned entrances, an ordinary camera with no sign: as few signs as cover them
//!   ([`signs`]);
//! - a device inside a private space: remove it (no setting makes it lawful), its other
//!   findings folded under that;
//! - the rest: the field and value that satisfy the rule ([`fields`]).
//!
//! A suggestion never changes walls, openings, spaces or zones, and removes only a device
//! inside a private space. [`fix_site`] applies every geometric one in that order.

// Floor, device, sign and zone numbers here come from the analysis of the same site (one
// entry per object) or from its findings, never from a file; a slip is a bug for tests.
#![allow(clippy::indexing_slicing)]

pub mod camera;
pub mod coverage;
pub mod fields;
pub mod profile;
pub mod signs;

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::model::{Device, Sign, Site};
use crate::rules::{check_site, Finding, RuleId};

pub use fields::FieldHint;

/// One change a suggestion makes to the site.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// Device `index` of floor `floor` becomes `device` (a new heading, field of view, range or
    /// tilt; nothing else differs).
    SetDevice {
        floor: usize,
        index: usize,
        device: Box<Device>,
    },
    /// Signs added to floor `floor`.
    AddSigns { floor: usize, signs: Vec<Sign> },
    /// Device `index` of floor `floor` removed.
    RemoveDevice { floor: usize, index: usize },
}

impl Change {
    /// Makes the change. Indices out of range change nothing.
    pub fn apply(&self, site: &mut Site) {
        match self {
            Change::SetDevice {
                floor,
                index,
                device,
            } => {
                if let Some(d) = site
                    .floors
                    .get_mut(*floor)
                    .and_then(|f| f.devices.get_mut(*index))
                {
                    *d = (**device).clone();
                }
            }
            Change::AddSigns { floor, signs } => {
                if let Some(f) = site.floors.get_mut(*floor) {
                    f.signs.extend(signs.iter().cloned());
                }
            }
            Change::RemoveDevice { floor, index } => {
                if let Some(f) = site.floors.get_mut(*floor) {
                    if *index < f.devices.len() {
                        f.devices.remove(*index);
                    }
                }
            }
        }
    }
}

/// What a suggestion keeps of what the camera watched, m² before and after.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kept {
    pub before_m2: f64,
    pub after_m2: f64,
    /// Face recognition: its zone; else public places.
    pub of_zone: bool,
}

impl Kept {
    /// The share kept, 0–1 (1 when it watched nothing).
    pub fn share(&self) -> f64 {
        camera::kept_share(self.before_m2, self.after_m2)
    }

    fn words(&self) -> (String, String) {
        let p = (self.share() * 100.0).round();
        if self.after_m2 >= self.before_m2 {
            let (en, zh) = if self.of_zone {
                ("of its zone", "采集区域")
            } else {
                ("of public places", "公共区域")
            };
            return (
                format!(
                    "watches {:.1} m² {en}, no less than before ({:.1} m²)",
                    self.after_m2, self.before_m2
                ),
                format!(
                    "其{zh}覆盖 {:.1} 平方米，不少于调整前（{:.1} 平方米）",
                    self.after_m2, self.before_m2
                ),
            );
        }
        if self.of_zone {
            (
                format!(
                    "keeps {p:.0} % of the zone it watched ({:.1} of {:.1} m²)",
                    self.after_m2, self.before_m2
                ),
                format!(
                    "保留其原采集区域的 {p:.0}%（{:.1} / {:.1} 平方米）",
                    self.after_m2, self.before_m2
                ),
            )
        } else {
            (
                format!(
                    "keeps {p:.0} % of the public area it watched ({:.1} of {:.1} m²)",
                    self.after_m2, self.before_m2
                ),
                format!(
                    "保留其原监视公共区域的 {p:.0}%（{:.1} / {:.1} 平方米）",
                    self.after_m2, self.before_m2
                ),
            )
        }
    }
}

/// A suggestion for one finding.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// The finding it answers.
    pub rule: RuleId,
    pub subjects: Vec<String>,
    pub text_en: String,
    pub text_zh: String,
    /// The change to make (geometry), or `None` for a field to set by hand.
    pub change: Option<Change>,
    pub field: Option<FieldHint>,
    pub kept: Option<Kept>,
}

impl Suggestion {
    /// The text in `lang`.
    pub fn text(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Zh => &self.text_zh,
            _ => &self.text_en,
        }
    }
}

/// Is `rule` one whose findings a change of the site's devices or signs settles?
pub fn geometric(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::PrivateView
            | RuleId::R799View
            | RuleId::OutsideZone
            | RuleId::PrivateInside
            | RuleId::R799Inside
            | RuleId::NoSign
            | RuleId::UnsignedEntry
            | RuleId::R799Sign
    )
}

/// Is `rule` one a camera's setting settles (its capture or view where it must not be)?
fn camera_area_rule(rule: RuleId) -> bool {
    matches!(
        rule,
        RuleId::PrivateView | RuleId::R799View | RuleId::OutsideZone
    )
}

/// The device a finding is about: (floor, index), when its first subject is a device of its
/// floor.
fn device_of(site: &Site, f: &Finding) -> Option<(usize, usize)> {
    let fi = f.floor_index?;
    let id = f.subjects.first()?;
    let di = site
        .floors
        .get(fi)?
        .devices
        .iter()
        .position(|d| &d.id == id)?;
    Some((fi, di))
}

/// Is device `di` of floor `fi` inside a private space?
fn inside_private(analysis: &Analysis, fi: usize, di: usize) -> bool {
    analysis
        .floors
        .get(fi)
        .and_then(|fa| fa.devices.get(di))
        .is_some_and(|da| !da.inside_private.is_empty())
}

/// The suggestion for one finding of `site` (checked as `analysis`).
pub fn suggest(site: &Site, analysis: &Analysis, f: &Finding) -> Option<Suggestion> {
    let answer = |text_en: String, text_zh: String, change: Option<Change>, kept: Option<Kept>| {
        Some(Suggestion {
            rule: f.rule,
            subjects: f.subjects.clone(),
            text_en,
            text_zh,
            change,
            field: None,
            kept,
        })
    };
    // A device inside a private space: every finding of it is settled by removing it.
    if let Some((fi, di)) = device_of(site, f) {
        if inside_private(analysis, fi, di) {
            let id = &site.floors[fi].devices[di].id;
            return answer(
                format!("Remove {id}: it is inside a private space, where no camera may be; no setting can make it lawful."),
                format!("拆除 {id}：它位于私密空间内，此处不得安装任何摄像设备，任何设置都无法使其合规。"),
                Some(Change::RemoveDevice { floor: fi, index: di }),
                None,
            );
        }
    }
    match f.rule {
        RuleId::PrivateView | RuleId::R799View | RuleId::OutsideZone => {
            let (fi, di) = device_of(site, f)?;
            let d = &site.floors[fi].devices[di];
            match camera::nearest(site, analysis, fi, di) {
                Some(s) => {
                    let (en, zh) = setting_words(d, &s);
                    let kept = Kept {
                        before_m2: s.before.watched_m2,
                        after_m2: s.after.watched_m2,
                        of_zone: d.face_recognition,
                    };
                    let (ke, kz) = kept.words();
                    // A camera mostly capturing outside its zone is in the wrong place.
                    let (me, mz) = if d.face_recognition && s.before.outside_m2 > 3.0 * s.before.watched_m2 {
                        (
                            format!(" Most of what it captured ({:.1} m²) lay outside its zone: moving it into the zone would serve the zone better.", s.before.outside_m2),
                            format!("其原采集范围大部分（{:.1} 平方米）在区域之外：将其移入采集区域更合适。", s.before.outside_m2),
                        )
                    } else {
                        (String::new(), String::new())
                    };
                    answer(
                        format!("{en}; it {ke}.{me}"),
                        format!("{zh}；{kz}。{mz}"),
                        Some(Change::SetDevice {
                            floor: fi,
                            index: di,
                            device: Box::new(s.device),
                        }),
                        Some(kept),
                    )
                }
                None => answer(
                    format!("No turn, narrower view, shorter range or steeper tilt of {} clears it: move it or mask the private part in the camera.", d.id),
                    format!("{} 的朝向、视场角、距离或俯角调整均无法消除：请移位或在摄像机中对私密部分加隐私遮挡。", d.id),
                    None,
                    None,
                ),
            }
        }
        RuleId::PrivateInside | RuleId::R799Inside => None,
        RuleId::NoSign | RuleId::UnsignedEntry => {
            let fi = f.floor_index?;
            let zi = site
                .floors
                .get(fi)?
                .zones
                .iter()
                .position(|z| Some(&z.id) == f.subjects.first())?;
            let new = signs::for_zone(site, analysis, fi, zi);
            if new.is_empty() {
                return answer(
                    "No sign position beside or above its entrances covers them: place a sign by hand where people walk in.".to_owned(),
                    "入口旁或上方均无可覆盖的标识位置：请在人员进入处手工设置标识。".to_owned(),
                    None,
                    None,
                );
            }
            let (en, zh) = sign_words(&new);
            answer(
                format!("Put {} at the entrance{}: {en}; together they cover every unsigned entrance of zone {}.", count_en(new.len()), if new.len() == 1 { "" } else { "s" }, f.subjects[0]),
                format!("在入口处设置 {} 块标识：{zh}；即可覆盖采集区域 {} 全部未设标识的入口。", new.len(), f.subjects[0]),
                Some(Change::AddSigns { floor: fi, signs: new }),
                None,
            )
        }
        RuleId::R799Sign => {
            let (fi, di) = device_of(site, f)?;
            let mut n = 0;
            let new: Vec<Sign> = signs::for_cameras(site, analysis, fi, &[di], &[], &mut n)
                .into_iter()
                .map(|(s, _)| s)
                .collect();
            if new.is_empty() {
                return answer(
                    "No wall in its view within its range takes a sign facing it: place one by hand.".to_owned(),
                    "其视野和距离内没有可安装朝向它的标识的墙面：请手工设置。".to_owned(),
                    None,
                    None,
                );
            }
            let (en, zh) = sign_words(&new);
            answer(
                format!("Put a sign in its view: {en}."),
                format!("在其视野内设置标识：{zh}。"),
                Some(Change::AddSigns {
                    floor: fi,
                    signs: new,
                }),
                None,
            )
        }
        _ => {
            let h = fields::hint(f.rule, &f.subjects)?;
            Some(Suggestion {
                rule: f.rule,
                subjects: f.subjects.clone(),
                text_en: h.text_en.clone(),
                text_zh: h.text_zh.clone(),
                change: None,
                field: Some(h),
                kept: None,
            })
        }
    }
}

fn count_en(n: usize) -> String {
    match n {
        1 => "one sign".to_owned(),
        n => format!("{n} signs"),
    }
}

fn sign_words(new: &[Sign]) -> (String, String) {
    let en: Vec<String> = new
        .iter()
        .map(|s| format!("{} at {} facing {:.0}°", s.id, signs::at(s), s.facing))
        .collect();
    let zh: Vec<String> = new
        .iter()
        .map(|s| format!("{} 位于 {}，朝向 {:.0}°", s.id, signs::at(s), s.facing))
        .collect();
    (en.join(", "), zh.join("，"))
}

/// "Turn c-pool 25° right (heading 90° → 65°)", and the second change when there is one.
fn setting_words(d: &Device, s: &camera::Setting) -> (String, String) {
    let n = &s.device;
    let turned = (n.heading - d.heading).abs() > 1e-9;
    if turned && s.parameter != camera::Parameter::Heading {
        let mut only_turn = s.clone();
        only_turn.parameter = camera::Parameter::Heading;
        let (te, tz) = setting_words(d, &only_turn);
        let mut rest = d.clone();
        rest.heading = n.heading;
        let (re, rz) = setting_words(&rest, s);
        return (
            format!("{te} and {}", lower_first(&re)),
            format!("{tz}，并{rz}"),
        );
    }
    match s.parameter {
        camera::Parameter::Heading => {
            let delta = (n.heading - d.heading + 540.0).rem_euclid(360.0) - 180.0;
            let (en, zh) = if delta > 0.0 {
                ("left", "向左")
            } else {
                ("right", "向右")
            };
            (
                format!(
                    "Turn {} {:.0}° {en} (heading {:.0}° → {:.0}°)",
                    d.id,
                    delta.abs(),
                    d.heading,
                    n.heading
                ),
                format!(
                    "将 {} {zh}转 {:.0}°（朝向 {:.0}° → {:.0}°）",
                    d.id,
                    delta.abs(),
                    d.heading,
                    n.heading
                ),
            )
        }
        camera::Parameter::Fov => (
            format!(
                "Narrow {}'s field of view from {:.0}° to {:.0}°",
                d.id, d.fov, n.fov
            ),
            format!("将 {} 的视场角由 {:.0}° 缩小到 {:.0}°", d.id, d.fov, n.fov),
        ),
        camera::Parameter::Range => (
            format!(
                "Limit {}'s range from {:.1} m to {:.1} m (a privacy mask beyond it)",
                d.id, d.range, n.range
            ),
            format!(
                "将 {} 的拍摄距离由 {:.1} 米限制到 {:.1} 米（其外加隐私遮挡）",
                d.id, d.range, n.range
            ),
        ),
        camera::Parameter::Tilt => (
            format!(
                "Tilt {} down from {:.0}° to {:.0}°",
                d.id,
                d.tilt.unwrap_or(0.0),
                n.tilt.unwrap_or(0.0)
            ),
            format!(
                "将 {} 的俯角由 {:.0}° 加大到 {:.0}°",
                d.id,
                d.tilt.unwrap_or(0.0),
                n.tilt.unwrap_or(0.0)
            ),
        ),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// One change [`fix_site`] made.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub text_en: String,
    pub text_zh: String,
    /// The findings (rule and subjects) it settles.
    pub settles: Vec<(RuleId, Vec<String>)>,
    pub change: Change,
    pub kept: Option<Kept>,
}

/// What [`fix_site`] did.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub site: Site,
    pub applied: Vec<Applied>,
    /// The findings before and after.
    pub before: Vec<Finding>,
    pub after: Vec<Finding>,
}

/// Applies every geometric suggestion for the findings of the rules in `only` (all when
/// empty): removals first, then camera settings, then signs, each step on the site as the
/// previous left it.
pub fn fix_site(site: &Site, only: &[RuleId]) -> Outcome {
    let wanted = |r: RuleId| geometric(r) && (only.is_empty() || only.contains(&r));
    let t0 = std::time::Instant::now();
    let lap = |what: &str| {
        if std::env::var_os("SIGHTLINE_FIX_TIMES").is_some() {
            eprintln!("{what}: {:.2} s", t0.elapsed().as_secs_f64());
        }
    };
    let mut site = site.clone();
    let mut applied = Vec::new();

    // 1. Devices inside private spaces, removed (highest index first on each floor).
    let (analysis, findings) = check_site(&site);
    let before = findings.clone();
    let mut removals: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| matches!(f.rule, RuleId::PrivateInside | RuleId::R799Inside) && wanted(f.rule))
        .filter_map(|f| device_of(&site, f))
        .collect();
    removals.sort_unstable();
    removals.dedup();
    for &(fi, di) in removals.iter().rev() {
        let id = site.floors[fi].devices[di].id.clone();
        let settles = findings
            .iter()
            .filter(|f| f.floor_index == Some(fi) && f.subjects.first() == Some(&id))
            .map(|f| (f.rule, f.subjects.clone()))
            .collect();
        let f = findings
            .iter()
            .find(|f| f.floor_index == Some(fi) && f.subjects.first() == Some(&id));
        if let Some(s) = f.and_then(|f| suggest(&site, &analysis, f)) {
            if let Some(change) = s.change {
                applied.push(Applied {
                    text_en: s.text_en,
                    text_zh: s.text_zh,
                    settles,
                    change,
                    kept: None,
                });
            }
        }
    }
    for a in &applied {
        a.change.apply(&mut site);
    }
    lap("removals");

    // 2. Cameras: each device's nearest compliant setting, found in parallel (a device's areas
    //    do not depend on the others).
    let (analysis, findings) = check_site(&site);
    // Each camera's area findings, found once (a 100k floor has thousands of each).
    let index: std::collections::HashMap<(usize, &str), usize> = site
        .floors
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| {
            f.devices
                .iter()
                .enumerate()
                .map(move |(di, d)| ((fi, d.id.as_str()), di))
        })
        .collect();
    let mut by_camera: std::collections::BTreeMap<(usize, usize), Vec<&Finding>> =
        Default::default();
    for f in findings.iter().filter(|f| camera_area_rule(f.rule)) {
        let key = f
            .floor_index
            .zip(f.subjects.first())
            .and_then(|(fi, id)| index.get(&(fi, id.as_str())).map(|&di| (fi, di)));
        if let Some(key) = key {
            by_camera.entry(key).or_default().push(f);
        }
    }
    let cams: Vec<&Vec<&Finding>> = by_camera
        .values()
        .filter(|fs| fs.iter().any(|f| wanted(f.rule)))
        .collect();
    let found: Vec<Applied> = cams
        .par_iter()
        .filter_map(|fs| {
            let s = suggest(&site, &analysis, fs.first()?)?;
            Some(Applied {
                text_en: s.text_en,
                text_zh: s.text_zh,
                settles: fs.iter().map(|g| (g.rule, g.subjects.clone())).collect(),
                change: s.change?,
                kept: s.kept,
            })
        })
        .collect();
    lap("cameras found");
    for a in &found {
        a.change.apply(&mut site);
    }
    applied.extend(found);

    // 3. Signs: per floor, one cover for the cameras no sign faces; per zone, its entrances.
    let (analysis, findings) = check_site(&site);
    let mut n = 0;
    let mut taken: Vec<String> = Vec::new();
    let mut signs_added: Vec<Applied> = Vec::new();
    for fi in 0..site.floors.len() {
        let dis: Vec<usize> = findings
            .iter()
            .filter(|f| f.rule == RuleId::R799Sign && wanted(f.rule) && f.floor_index == Some(fi))
            .filter_map(|f| device_of(&site, f).map(|(_, di)| di))
            .collect();
        if !dis.is_empty() {
            for (sign, serves) in signs::for_cameras(&site, &analysis, fi, &dis, &taken, &mut n) {
                taken.push(sign.id.clone());
                let ids: Vec<String> = serves
                    .iter()
                    .map(|&di| site.floors[fi].devices[di].id.clone())
                    .collect();
                let (en, zh) = sign_words(std::slice::from_ref(&sign));
                signs_added.push(Applied {
                    text_en: format!("Put {en}: it faces {}.", ids.join(", ")),
                    text_zh: format!("设置标识 {zh}：朝向 {}。", ids.join("、")),
                    settles: ids
                        .iter()
                        .map(|id| (RuleId::R799Sign, vec![id.clone()]))
                        .collect(),
                    change: Change::AddSigns {
                        floor: fi,
                        signs: vec![sign],
                    },
                    kept: None,
                });
            }
        }
        for f in findings.iter().filter(|f| {
            matches!(f.rule, RuleId::NoSign | RuleId::UnsignedEntry)
                && wanted(f.rule)
                && f.floor_index == Some(fi)
        }) {
            let Some(zi) = site.floors[fi]
                .zones
                .iter()
                .position(|z| Some(&z.id) == f.subjects.first())
            else {
                continue;
            };
            let mut new = signs::for_zone(&site, &analysis, fi, zi);
            if new.is_empty() {
                continue;
            }
            for s in &mut new {
                s.id = signs::fresh_id(&site, &taken, &mut n);
                taken.push(s.id.clone());
            }
            let (en, zh) = sign_words(&new);
            signs_added.push(Applied {
                text_en: format!(
                    "Put {en}: every entrance of zone {} is signed.",
                    f.subjects[0]
                ),
                text_zh: format!("设置标识 {zh}：采集区域 {} 的入口均有标识。", f.subjects[0]),
                settles: vec![(f.rule, f.subjects.clone())],
                change: Change::AddSigns {
                    floor: fi,
                    signs: new,
                },
                kept: None,
            });
        }
    }
    lap("signs found");
    for a in &signs_added {
        a.change.apply(&mut site);
    }
    applied.extend(signs_added);

    let (_, after) = check_site(&site);
    lap("checked after");
    Outcome {
        site,
        applied,
        before,
        after,
    }
}
