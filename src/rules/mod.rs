//! The rule catalogue (shared/spec/rules.md): every rule is a pure function from the site and
//! its analysis to findings. One file per article group.

// Device, space, sign and zone numbers here come from the analysis of the same site (one
// entry per object), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

mod counts;
pub use counts::{Counts, Verdict};
pub(crate) mod decree_799;
mod measures;
mod plan;
pub(crate) mod private;
pub(crate) mod public;
mod zone;

use std::collections::HashSet;

use geo::MultiPolygon;
use rayon::prelude::*;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::i18n::{Lang, Message, Named, NamedSpace};
use crate::model::{Floor, Site, SpaceKind};

/// How bad a finding is. A site passes when it has no violation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Violation,
}

impl Severity {
    /// The id used in the JSON output and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Violation => "violation",
        }
    }

    /// The word shown to a person.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Info, Lang::En) => "info",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Violation, Lang::En) => "violation",
            (Severity::Info, Lang::Zh) => "提示",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Violation, Lang::Zh) => "违规",
        }
    }
}

macro_rules! rule_ids {
    ($($variant:ident = $id:literal, $sev:ident;)*) => {
        /// A stable rule id.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId { $($variant,)* }

        impl RuleId {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant,)*];

            /// The id as written in rules.md.
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// The severity rules.md gives it.
            pub fn severity(self) -> Severity {
                match self { $(RuleId::$variant => Severity::$sev,)* }
            }
        }
    };
}

rule_ids! {
    PrivateInside = "A13-PRIVATE-INSIDE", Violation;
    PrivateView = "A13-PRIVATE-VIEW", Violation;
    Purpose = "A13-PURPOSE", Violation;
    Necessity = "A13-NECESSITY", Warning;
    NoZone = "A13-NO-ZONE", Violation;
    OutsideZone = "A13-OUTSIDE-ZONE", Violation;
    ZonePrivate = "A13-ZONE-PRIVATE", Violation;
    NoSign = "A13-NO-SIGN", Violation;
    UnsignedEntry = "A13-UNSIGNED-ENTRY", Violation;
    SignProminence = "A13-SIGN-PROMINENCE", Warning;
    Notice = "A5-NOTICE", Warning;
    Consent = "A6-CONSENT", Violation;
    Minors = "A7-MINORS", Warning;
    Transfer = "A8-TRANSFER", Violation;
    Assessment = "A9-ASSESSMENT", Violation;
    SoleMethod = "A10-SOLE-METHOD", Violation;
    Filing = "A15-FILING", Violation;
    R799Inside = "R799-A8-INSIDE", Violation;
    R799View = "R799-A8-VIEW", Violation;
    R799Sign = "R799-A13-SIGN", Violation;
    R799Filing = "R799-A14-FILING", Warning;
    R799Retention = "R799-A17-RETENTION", Warning;
    PlanGeometry = "PLAN-GEOMETRY", Warning;
    PlanReference = "PLAN-REFERENCE", Warning;
    ZoneUnused = "ZONE-UNUSED", Info;
    SiteVenue = "SITE-VENUE", Info;
    PlanReview = "PLAN-REVIEW", Info;
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The law a finding rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Article {
    pub zh: &'static str,
    pub en: &'static str,
}

/// The short name of the Measures, in Chinese.
pub const MEASURES_ZH: &str = "人脸识别技术应用安全管理办法";
/// The short name of Decree 799, in Chinese.
pub const DECREE_799_ZH: &str = "公共安全视频图像信息系统管理条例";

macro_rules! article {
    (measures, $zh:literal, $en:literal) => {
        Article {
            zh: concat!("人脸识别技术应用安全管理办法 ", $zh),
            en: concat!("Measures for the Security Management of Face Recognition Technology Applications, ", $en),
        }
    };
    (decree, $zh:literal, $en:literal) => {
        Article {
            zh: concat!("公共安全视频图像信息系统管理条例 ", $zh),
            en: concat!("Regulations on Public Security Video Image Information Systems (State Council Decree No. 799), ", $en),
        }
    };
}

impl RuleId {
    /// The article the rule rests on (`None` for plan sanity rules). For `R799-A8-INSIDE`
    /// the item depends on the kind of space; see [`decree_799_item`].
    pub fn article(self) -> Option<Article> {
        use RuleId::*;
        Some(match self {
            PrivateInside => article!(measures, "第十三条第二款", "Art. 13 ¶2"),
            // The final ¶2 bans devices *inside* only; seeing in is an unreasonably determined
            // collection zone (¶1) and not the least-impact way (Art. 4).
            PrivateView => article!(measures, "第十三条第一款、第四条", "Art. 13 ¶1 and Art. 4"),
            Purpose | Necessity | NoZone | OutsideZone | ZonePrivate | NoSign | UnsignedEntry
            | SignProminence => article!(measures, "第十三条第一款", "Art. 13 ¶1"),
            Notice => article!(measures, "第五条", "Art. 5"),
            Consent => article!(measures, "第六条第一款", "Art. 6 ¶1"),
            Minors => article!(measures, "第七条", "Art. 7"),
            Transfer => article!(measures, "第八条", "Art. 8"),
            Assessment => article!(measures, "第九条", "Art. 9"),
            SoleMethod => article!(measures, "第十条", "Art. 10"),
            Filing => article!(measures, "第十五条", "Art. 15"),
            R799Inside => article!(decree, "第八条", "Art. 8"),
            R799View => article!(decree, "第八条第一款第（四）项", "Art. 8 ¶1 item (4)"),
            R799Sign => article!(decree, "第十三条", "Art. 13"),
            R799Filing => article!(decree, "第十四条", "Art. 14"),
            R799Retention => article!(decree, "第十七条", "Art. 17"),
            PlanGeometry | PlanReference | ZoneUnused | SiteVenue | PlanReview => return None,
        })
    }
}

/// The item of Decree 799 Art. 8 ¶1 that bans cameras inside a space of this kind.
pub fn decree_799_item(kind: SpaceKind) -> Article {
    use SpaceKind::*;
    match kind {
        HotelRoom | PrivateDining => {
            article!(decree, "第八条第一款第（一）项", "Art. 8 ¶1 item (1)")
        }
        DormRoom => article!(decree, "第八条第一款第（二）项", "Art. 8 ¶1 item (2)"),
        Bath | Toilet | ChangingRoom | NursingRoom | FittingRoom => {
            article!(decree, "第八条第一款第（三）项", "Art. 8 ¶1 item (3)")
        }
        PrivateOther | Public | NonPublic => {
            article!(decree, "第八条第一款第（四）项", "Art. 8 ¶1 item (4)")
        }
    }
}

/// One thing the checker found.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: RuleId,
    pub severity: Severity,
    /// Index of the floor in `site.floors`, or `None` for the whole site.
    pub floor_index: Option<usize>,
    /// The floor's id.
    pub floor: Option<String>,
    /// The device, sign or zone first, then the space it concerns.
    pub subjects: Vec<String>,
    pub article: Option<Article>,
    pub message: Message,
    /// For the area rules: the area in m².
    pub area_m2: Option<f64>,
    /// A representative point for zooming to the finding.
    pub at: Option<[f64; 2]>,
    /// For `A13-UNSIGNED-ENTRY` (and `A13-NO-SIGN`): the entry stretches concerned.
    pub stretches: Option<Vec<[[f64; 2]; 2]>>,
    /// The area to highlight, for the area rules.
    pub region: Option<MultiPolygon<f64>>,
}

impl Finding {
    /// A finding with the rule's severity and article, on a floor (or the whole site).
    pub fn new(
        rule: RuleId,
        floor: Option<(usize, &Floor)>,
        subjects: Vec<String>,
        message: Message,
    ) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            floor_index: floor.map(|(i, _)| i),
            floor: floor.map(|(_, f)| f.id.clone()),
            subjects,
            article: rule.article(),
            message,
            area_m2: None,
            at: None,
            stretches: None,
            region: None,
        }
    }

    /// Sets the representative point.
    pub fn at(mut self, p: [f64; 2]) -> Finding {
        self.at = Some(p);
        self
    }

    /// Sets the area and the region to highlight; `at` becomes a point inside it.
    pub fn with_region(mut self, region: MultiPolygon<f64>, area_m2: f64) -> Finding {
        self.area_m2 = Some(area_m2);
        self.at = point_inside(&region);
        self.region = Some(region);
        self
    }

    /// The message in English.
    pub fn message_en(&self) -> String {
        self.message.text(Lang::En)
    }

    /// The message in Chinese.
    pub fn message_zh(&self) -> String {
        self.message.text(Lang::Zh)
    }
}

/// A point inside the largest part of a region: its centroid when that lies inside (the usual
/// case), otherwise [`crate::geometry::polygon::interior_point`].
fn point_inside(region: &MultiPolygon<f64>) -> Option<[f64; 2]> {
    use geo::{Area, Centroid, Contains};
    let largest = region
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    let p = largest
        .centroid()
        .filter(|c| largest.contains(c))
        .map(|c| c.0)
        .or_else(|| crate::geometry::polygon::interior_point(largest))?;
    Some([p.x, p.y])
}

/// Helpers shared by the rule files.
pub(crate) fn named(id: &str, name: &str) -> Named {
    Named::new(id, name)
}

pub(crate) fn named_space(floor: &Floor, index: usize) -> NamedSpace {
    let s = &floor.spaces[index];
    NamedSpace {
        named: Named::new(&s.id, &s.name),
        kind: s.kind,
    }
}

/// What the zone and reference rules need to know about the whole site.
#[derive(Clone, Debug, Default)]
pub struct SiteContext {
    /// Zone ids some device names.
    pub zones_named_by_any: HashSet<String>,
    /// Zone ids some face-recognition device names.
    pub zones_named_by_fr: HashSet<String>,
    /// Every zone id defined in the file.
    pub zone_ids: HashSet<String>,
}

impl SiteContext {
    /// Collects the context of a site.
    pub fn of(site: &Site) -> SiteContext {
        let mut ctx = SiteContext::default();
        for floor in &site.floors {
            ctx.zone_ids
                .extend(floor.zones.iter().map(|z| z.id.clone()));
            for d in &floor.devices {
                if let Some(z) = &d.zone {
                    ctx.zones_named_by_any.insert(z.clone());
                    if d.face_recognition {
                        ctx.zones_named_by_fr.insert(z.clone());
                    }
                }
            }
        }
        ctx
    }
}

/// Runs every rule on an analysed site and returns the findings in their fixed order: worst
/// first, then floor (site-wide findings first, then floors in file order), then rule id,
/// then subjects. Floors and devices are checked in parallel.
pub fn check(site: &Site, analysis: &Analysis) -> Vec<Finding> {
    let ctx = SiteContext::of(site);
    let devices: Vec<(usize, usize)> = site
        .floors
        .iter()
        .enumerate()
        .flat_map(|(fi, f)| (0..f.devices.len()).map(move |di| (fi, di)))
        .collect();
    let mut out: Vec<Finding> = devices
        .into_par_iter()
        .flat_map_iter(|(fi, di)| device_findings(site, analysis, &ctx, fi, di))
        .collect();
    let per_floor: Vec<Finding> = (0..site.floors.len())
        .into_par_iter()
        .flat_map_iter(|fi| floor_findings(site, analysis, &ctx, fi))
        .collect();
    out.extend(per_floor);
    out.extend(site_findings(site, analysis));
    sort(&mut out);
    out
}

/// The findings about one device (device `di` of floor `fi`): everything that changes when
/// only that device changes, except the zone and site-wide rules that count devices.
pub fn device_findings(
    site: &Site,
    analysis: &Analysis,
    ctx: &SiteContext,
    fi: usize,
    di: usize,
) -> Vec<Finding> {
    let (floor, fa) = (&site.floors[fi], &analysis.floors[fi]);
    let mut out = Vec::new();
    private::device(fi, floor, fa, di, &mut out);
    public::device(site, analysis, fi, di, &mut out);
    measures::device(fi, floor, di, &mut out);
    decree_799::device(fi, floor, fa, di, &mut out);
    plan::device(fi, floor, di, ctx, &mut out);
    out
}

/// The findings about a floor's zones and drawing.
pub fn floor_findings(
    site: &Site,
    analysis: &Analysis,
    ctx: &SiteContext,
    fi: usize,
) -> Vec<Finding> {
    let mut out = Vec::new();
    zone::floor(site, analysis, ctx, fi, &mut out);
    plan::floor(fi, &site.floors[fi], &analysis.floors[fi], &mut out);
    out
}

/// The findings about zone `zi` of floor `fi`: whether it is used, private spaces in it and
/// its unsigned entrances.
pub fn zone_findings(
    site: &Site,
    analysis: &Analysis,
    ctx: &SiteContext,
    fi: usize,
    zi: usize,
) -> Vec<Finding> {
    let mut out = Vec::new();
    zone::zone(site, analysis, ctx, fi, zi, &mut out);
    out
}

/// The findings about the signs at the zones' entrances on floor `fi` (prominence, notice).
pub fn sign_findings(
    site: &Site,
    analysis: &Analysis,
    ctx: &SiteContext,
    fi: usize,
) -> Vec<Finding> {
    let mut out = Vec::new();
    zone::signs(site, analysis, ctx, fi, &mut out);
    out
}

/// The findings about the drawing of floor `fi`.
pub fn plan_findings(site: &Site, analysis: &Analysis, fi: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    plan::floor(fi, &site.floors[fi], &analysis.floors[fi], &mut out);
    out
}

/// The site-wide findings (filing, retention, duplicate ids).
pub fn site_findings(site: &Site, analysis: &Analysis) -> Vec<Finding> {
    let mut out = counted_site_findings(site, analysis);
    out.extend(duplicate_findings(site));
    out
}

/// The site-wide findings that count devices or read site fields (filing, retention,
/// assessment, minors, venue).
pub fn counted_site_findings(site: &Site, analysis: &Analysis) -> Vec<Finding> {
    let mut out = Vec::new();
    measures::site(site, &mut out);
    decree_799::site(site, analysis, &mut out);
    plan::venue(site, &mut out);
    out
}

/// PLAN-REFERENCE for ids defined more than once (only a change of ids changes these).
pub fn duplicate_findings(site: &Site) -> Vec<Finding> {
    let mut out = Vec::new();
    plan::duplicates(site, &mut out);
    out
}

/// The fixed order of findings: worst first, then floor (site-wide first), then rule id, then
/// subjects, then area, then the message's words (its numbers left out), then place, then the
/// message itself — a total order, so that two objects sharing an id (a duplicate the plan also
/// reports) keep one order however the findings were made (a full check or an incremental
/// one). Place comes after the words: an area finding's point is an interior point of its
/// region, which depends on the order of the region's vertices, and two devices sharing an id
/// (one a camera, one face recognition) filming the same space must not swap on it.
pub fn order(a: &Finding, b: &Finding) -> std::cmp::Ordering {
    let x = |f: &Finding| f.at.map_or(0.0, |p| p[0]);
    let y = |f: &Finding| f.at.map_or(0.0, |p| p[1]);
    // Areas in units of 10⁻⁵ m²: the same area computed two ways compares equal (almost
    // always), and rounding keeps the order total, as sorting requires.
    let area = |f: &Finding| f.area_m2.map_or(i64::MIN, |m| (m * 1e5).round() as i64);
    let words = |f: &Finding| {
        f.message_en()
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect::<String>()
    };
    b.severity
        .cmp(&a.severity)
        .then(a.floor_index.cmp(&b.floor_index))
        .then(a.rule.as_str().cmp(b.rule.as_str()))
        .then(a.subjects.cmp(&b.subjects))
        .then_with(|| area(a).cmp(&area(b)))
        .then_with(|| words(a).cmp(&words(b)))
        .then(x(a).total_cmp(&x(b)))
        .then(y(a).total_cmp(&y(b)))
        .then_with(|| a.message_en().cmp(&b.message_en()))
}

/// Sorts findings into their fixed order.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_by(order);
}

/// Loads nothing, draws nothing: analyses the site and runs every rule.
pub fn check_site(site: &Site) -> (Analysis, Vec<Finding>) {
    let analysis = Analysis::of(site);
    let findings = check(site, &analysis);
    (analysis, findings)
}
