//! Labels and messages in Chinese and English.
//!
//! Every finding's text comes from [`Message`], which holds the ids, names and numbers and
//! renders them in either language; nothing else formats finding text.

use crate::model::{DecreeArticle, Purpose, SpaceKind, Venue};

/// A display language (the one language type of the program; `--lang` on the command line).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The other language (the editor's toggle).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// The language's code, `en` or `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// A fixed piece of text in both languages: every label, title and legend entry.
///
/// ```
/// use sightline::i18n::{Lang, Text};
/// const SAVE: Text = Text::new("Save", "保存");
/// assert_eq!(SAVE.get(Lang::Zh), "保存");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub const fn new(en: &'static str, zh: &'static str) -> Text {
        Text { en, zh }
    }

    /// The text in `lang`.
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// The Chinese and English name of a space kind.
pub fn kind_label(kind: SpaceKind, lang: Lang) -> &'static str {
    use SpaceKind::*;
    match (kind, lang) {
        (HotelRoom, Lang::En) => "hotel room",
        (HotelRoom, Lang::Zh) => "宾馆客房",
        (PrivateDining, Lang::En) => "private dining room",
        (PrivateDining, Lang::Zh) => "包间",
        (DormRoom, Lang::En) => "dormitory or staff rest room",
        (DormRoom, Lang::Zh) => "宿舍或休息室",
        (Bath, Lang::En) => "public bath",
        (Bath, Lang::Zh) => "公共浴室",
        (Toilet, Lang::En) => "public toilet",
        (Toilet, Lang::Zh) => "公共卫生间",
        (ChangingRoom, Lang::En) => "changing room",
        (ChangingRoom, Lang::Zh) => "公共更衣室",
        (NursingRoom, Lang::En) => "nursing room",
        (NursingRoom, Lang::Zh) => "哺乳室",
        (FittingRoom, Lang::En) => "fitting room",
        (FittingRoom, Lang::Zh) => "试衣间",
        (PrivateOther, Lang::En) => "private space",
        (PrivateOther, Lang::Zh) => "其他私密空间",
        (Public, Lang::En) => "public area",
        (Public, Lang::Zh) => "公共区域",
        (NonPublic, Lang::En) => "non-public area",
        (NonPublic, Lang::Zh) => "非公共区域",
    }
}

/// The Chinese and English name of a purpose.
/// The compass word for a heading in degrees counter-clockwise from east (plan x east, y
/// north), to the nearest of eight points.
///
/// ```
/// use sightline::i18n::{compass, Lang};
/// assert_eq!(compass(0.0, Lang::En), "E");
/// assert_eq!(compass(50.0, Lang::En), "NE");
/// assert_eq!(compass(-90.0, Lang::Zh), "南");
/// assert_eq!(compass(215.0, Lang::Zh), "西南");
/// ```
pub fn compass(heading_deg: f64, lang: Lang) -> &'static str {
    const POINTS: [(&str, &str); 8] = [
        ("E", "东"),
        ("NE", "东北"),
        ("N", "北"),
        ("NW", "西北"),
        ("W", "西"),
        ("SW", "西南"),
        ("S", "南"),
        ("SE", "东南"),
    ];
    let i = (heading_deg.rem_euclid(360.0) / 45.0).round() as usize % 8;
    let (en, zh) = POINTS.get(i).copied().unwrap_or(POINTS[0]);
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

pub fn purpose_label(purpose: Purpose, lang: Lang) -> &'static str {
    use Purpose::*;
    match (purpose, lang) {
        (PublicSafety, Lang::En) => "public safety",
        (PublicSafety, Lang::Zh) => "维护公共安全",
        (AccessControl, Lang::En) => "access control",
        (AccessControl, Lang::Zh) => "门禁",
        (Attendance, Lang::En) => "attendance",
        (Attendance, Lang::Zh) => "考勤",
        (Payment, Lang::En) => "payment",
        (Payment, Lang::Zh) => "支付",
        (Marketing, Lang::En) => "marketing",
        (Marketing, Lang::Zh) => "营销",
        (Other, Lang::En) => "other purposes",
        (Other, Lang::Zh) => "其他用途",
    }
}

/// The Chinese and English name of a venue.
pub fn venue_label(venue: Venue, lang: Lang) -> &'static str {
    use Venue::*;
    match (venue, lang) {
        (ShoppingCentre, Lang::En) => "shopping centre",
        (ShoppingCentre, Lang::Zh) => "商贸中心",
        (ConventionCentre, Lang::En) => "convention centre",
        (ConventionCentre, Lang::Zh) => "会展中心",
        (ScenicArea, Lang::En) => "scenic area",
        (ScenicArea, Lang::Zh) => "旅游景区",
        (SportsEntertainment, Lang::En) => "culture, sports or entertainment venue",
        (SportsEntertainment, Lang::Zh) => "文化体育娱乐场所",
        (School, Lang::En) => "school",
        (School, Lang::Zh) => "教育机构",
        (Kindergarten, Lang::En) => "kindergarten",
        (Kindergarten, Lang::Zh) => "幼儿园",
        (Medical, Lang::En) => "medical institution",
        (Medical, Lang::Zh) => "医疗机构",
        (GovernmentHall, Lang::En) => "government service hall",
        (GovernmentHall, Lang::Zh) => "政务服务大厅",
        (Park, Lang::En) => "park",
        (Park, Lang::Zh) => "公园",
        (PublicParking, Lang::En) => "public car park",
        (PublicParking, Lang::Zh) => "公共停车场",
        (TransportHub, Lang::En) => "transport hub",
        (TransportHub, Lang::Zh) => "交通枢纽",
        (ServiceArea, Lang::En) => "motorway service area",
        (ServiceArea, Lang::Zh) => "高速公路服务区",
        (Hotel, Lang::En) => "hotel",
        (Hotel, Lang::Zh) => "宾馆酒店",
        (Restaurant, Lang::En) => "restaurant",
        (Restaurant, Lang::Zh) => "餐饮场所",
        (Office, Lang::En) => "office",
        (Office, Lang::Zh) => "办公场所",
        (Residential, Lang::En) => "residential compound",
        (Residential, Lang::Zh) => "居民小区",
        (Other, Lang::En) => "other public place",
        (Other, Lang::Zh) => "其他公共场所",
    }
}

/// What the Decree 799 article governing a place means, in either language.
pub fn decree_article_label(article: DecreeArticle, lang: Lang) -> &'static str {
    match (article, lang) {
        (DecreeArticle::Art7, Lang::En) => {
            "Decree 799 Art. 7 key place: police filing (Art. 14) and 30 days' retention (Art. 17) apply"
        }
        (DecreeArticle::Art7, Lang::Zh) => "条例第七条重点场所：须向公安机关备案（第十四条），视频保存不少于 30 日（第十七条）",
        (DecreeArticle::Art9, Lang::En) => {
            "Decree 799 Art. 9 place: no police filing or retention duty (Art. 9 ¶2); every other rule applies"
        }
        (DecreeArticle::Art9, Lang::Zh) => "条例第九条场所：不适用备案和保存期限要求（第九条第二款），其他规定均适用",
    }
}

/// One line about the site for the top of a picture: its venue with the governing Decree 799
/// article, and the date of its impact assessment.
///
/// ```
/// use sightline::i18n::{site_line, Lang};
/// let mut site = sightline::model::Site::new("x");
/// assert_eq!(site_line(&site, Lang::En), "venue not set · no impact assessment");
/// site.venue = Some(sightline::model::Venue::Hotel);
/// assert_eq!(site_line(&site, Lang::Zh), "宾馆酒店（条例第九条） · 未记录影响评估");
/// ```
pub fn site_line(site: &crate::model::Site, lang: Lang) -> String {
    let venue = match site.venue {
        Some(v) => {
            let art7 = site.decree_article() == Some(DecreeArticle::Art7);
            match (lang, art7) {
                (Lang::En, true) => format!("{} (Decree 799 Art. 7)", venue_label(v, lang)),
                (Lang::En, false) => format!("{} (Decree 799 Art. 9)", venue_label(v, lang)),
                (Lang::Zh, true) => format!("{}（条例第七条）", venue_label(v, lang)),
                (Lang::Zh, false) => format!("{}（条例第九条）", venue_label(v, lang)),
            }
        }
        None => match lang {
            Lang::En => "venue not set".to_owned(),
            Lang::Zh => "未设置场所类型".to_owned(),
        },
    };
    let assessed = site
        .impact_assessment
        .as_ref()
        .and_then(|a| a.date.as_deref());
    let assessment = match (assessed, lang) {
        (Some(d), Lang::En) => format!("impact assessment {d}"),
        (Some(d), Lang::Zh) => format!("影响评估 {d}"),
        (None, Lang::En) => "no impact assessment".to_owned(),
        (None, Lang::Zh) => "未记录影响评估".to_owned(),
    };
    format!("{venue} · {assessment}")
}

/// An Art. 5 notice item (by its field name) in either language.
pub fn notice_item_label(item: &str, lang: Lang) -> &'static str {
    match (item, lang) {
        ("processor", Lang::En) => "processor's name",
        ("processor", Lang::Zh) => "处理者名称",
        ("purpose", Lang::En) => "purpose",
        ("purpose", Lang::Zh) => "处理目的",
        ("method", Lang::En) => "how faces are processed",
        ("method", Lang::Zh) => "处理方式",
        ("necessity", Lang::En) => "why it is necessary and its impact on people",
        ("necessity", Lang::Zh) => "处理的必要性及对个人权益的影响",
        ("retention", Lang::En) => "retention period",
        ("retention", Lang::Zh) => "保存期限",
        ("rights", Lang::En) => "how to exercise one's rights",
        ("rights", Lang::Zh) => "行使权利的方式和程序",
        ("contact", Lang::En) => "contact details",
        ("contact", Lang::Zh) => "联系方式",
        (_, Lang::En) => "notice item",
        (_, Lang::Zh) => "告知事项",
    }
}

/// An object named in a message: its id and (possibly empty) name.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub id: String,
    pub name: String,
}

impl Named {
    /// An id and a name.
    pub fn new(id: &str, name: &str) -> Named {
        Named {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }

    fn show(&self, lang: Lang) -> String {
        match (self.name.trim().is_empty(), lang) {
            (true, _) => self.id.clone(),
            (false, Lang::En) => format!("{} “{}”", self.id, self.name),
            (false, Lang::Zh) => format!("{}「{}」", self.id, self.name),
        }
    }
}

/// A space named in a message.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedSpace {
    pub named: Named,
    pub kind: SpaceKind,
}

impl NamedSpace {
    fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "{} ({})",
                self.named.show(lang),
                kind_label(self.kind, lang)
            ),
            Lang::Zh => format!(
                "{}（{}）",
                self.named.show(lang),
                kind_label(self.kind, lang)
            ),
        }
    }
}

/// What is wrong with how a sign is made or hung.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Prominence {
    TooSmall { width: f64, height: f64 },
    TooLow { mount_height: f64 },
    TooHigh { mount_height: f64 },
}

/// What is wrong with a polygon or wall as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drawing {
    TooFewPoints,
    ZeroArea,
    SelfCrossing,
    WallTooFewPoints,
    WallZeroLength,
    OpeningOffWall,
}

/// The text of a finding, before it is put in a language.
#[derive(Clone, Debug, PartialEq)]
pub enum Message {
    PrivateInside {
        device: Named,
        space: NamedSpace,
    },
    PrivateView {
        device: Named,
        space: NamedSpace,
        area_m2: f64,
    },
    Purpose {
        device: Named,
        purpose: Option<Purpose>,
    },
    Necessity {
        device: Named,
    },
    NoZone {
        device: Named,
        zone: Option<String>,
    },
    OutsideZone {
        device: Named,
        zone: Named,
        area_m2: f64,
    },
    ZonePrivate {
        zone: Named,
        space: NamedSpace,
        area_m2: f64,
    },
    NoSign {
        zone: Named,
        stretches: usize,
        length_m: f64,
    },
    UnsignedEntry {
        zone: Named,
        stretches: usize,
        length_m: f64,
    },
    SignProminence {
        sign: Named,
        problems: Vec<Prominence>,
    },
    Notice {
        sign: Named,
        missing: Vec<&'static str>,
    },
    Transfer {
        device: Named,
    },
    SoleMethod {
        device: Named,
    },
    Filing {
        faces: u64,
    },
    Consent {
        device: Named,
        /// The legal basis is consent by default (no `legal_basis` given).
        by_default: bool,
    },
    Minors {
        venue: Venue,
        devices: usize,
    },
    Assessment {
        devices: usize,
    },
    SiteVenue {
        devices: usize,
    },
    PlanReview {
        space: NamedSpace,
    },
    R799Inside {
        device: Named,
        face_recognition: bool,
        space: NamedSpace,
    },
    R799View {
        device: Named,
        face_recognition: bool,
        space: NamedSpace,
        area_m2: f64,
    },
    R799Sign {
        device: Named,
        range_m: f64,
    },
    R799Filing {
        devices: usize,
        /// The venue is not given: the duty binds the site only if it is an Art. 7 place.
        conditional: bool,
    },
    R799Retention {
        days: u64,
        conditional: bool,
    },
    Drawing {
        what: &'static str,
        object: Named,
        problem: Drawing,
    },
    Duplicate {
        id: String,
        count: usize,
    },
    Dangling {
        from: Named,
        id: String,
    },
    ZoneUnused {
        zone: Named,
    },
}

fn what_zh(what: &str) -> &'static str {
    match what {
        "space" => "空间",
        "zone" => "采集区域",
        "wall" => "墙",
        "opening" => "门窗洞口",
        _ => "对象",
    }
}

fn device_en(fr: bool) -> &'static str {
    if fr {
        "Face-recognition device"
    } else {
        "Camera"
    }
}

fn device_zh(fr: bool) -> &'static str {
    if fr {
        "人脸识别设备"
    } else {
        "图像采集设备"
    }
}

impl Message {
    /// The message in one language.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Zh => self.zh(),
        }
    }

    fn en(&self) -> String {
        let l = Lang::En;
        match self {
            Message::PrivateInside { device, space } => format!(
                "Face-recognition device {} is installed inside private space {}.",
                device.show(l), space.show(l)
            ),
            Message::PrivateView { device, space, area_m2 } => format!(
                "Face-recognition device {} can capture faces in {area_m2:.2} m² of private space {}.",
                device.show(l), space.show(l)
            ),
            Message::Purpose { device, purpose } => format!(
                "Face-recognition device {} identifies people (1:N) in a public place for {}, not for public safety.",
                device.show(l),
                purpose.map_or("no stated purpose", |p| purpose_label(p, l))
            ),
            Message::Necessity { device } => format!(
                "Face-recognition device {} is for public safety but no reason why it is necessary is recorded.",
                device.show(l)
            ),
            Message::NoZone { device, zone: None } => format!(
                "Face-recognition device {} in a public place belongs to no collection zone.",
                device.show(l)
            ),
            Message::NoZone { device, zone: Some(z) } => format!(
                "Face-recognition device {} names collection zone {z}, which does not exist.",
                device.show(l)
            ),
            Message::OutsideZone { device, zone, area_m2 } => format!(
                "Face-recognition device {} captures faces in {area_m2:.2} m² outside its collection zone {}.",
                device.show(l), zone.show(l)
            ),
            Message::ZonePrivate { zone, space, area_m2 } => format!(
                "Collection zone {} takes in {area_m2:.2} m² of private space {}.",
                zone.show(l), space.show(l)
            ),
            Message::NoSign { zone, stretches, length_m } => format!(
                "Collection zone {} has no notice sign at any of its entrances ({stretches} entrance stretch(es), {length_m:.2} m in all).",
                zone.show(l)
            ),
            Message::UnsignedEntry { zone, stretches, length_m } => format!(
                "Collection zone {} has {stretches} entrance stretch(es), {length_m:.2} m in all, where no sign can be read on the way in.",
                zone.show(l)
            ),
            Message::SignProminence { sign, problems } => {
                let parts: Vec<String> = problems
                    .iter()
                    .map(|p| match p {
                        Prominence::TooSmall { width, height } => format!(
                            "it is {width:.2} m × {height:.2} m, smaller than 0.30 m × 0.20 m"
                        ),
                        Prominence::TooLow { mount_height } => {
                            format!("it hangs at {mount_height:.2} m, below 1.0 m")
                        }
                        Prominence::TooHigh { mount_height } => {
                            format!("it hangs at {mount_height:.2} m, above 2.5 m")
                        }
                    })
                    .collect();
                format!("Sign {} is not prominent: {}.", sign.show(l), parts.join("; "))
            }
            Message::Notice { sign, missing } => format!(
                "Sign {} does not tell people: {}.",
                sign.show(l),
                missing.iter().map(|m| notice_item_label(m, l)).collect::<Vec<_>>().join(", ")
            ),
            Message::Transfer { device } => format!(
                "Face-recognition device {} sends face data off the device without separate consent.",
                device.show(l)
            ),
            Message::SoleMethod { device } => format!(
                "Face-recognition device {} verifies identity (1:1) with no other way offered to people who decline.",
                device.show(l)
            ),
            Message::Filing { faces } => format!(
                "The site stores face information of {faces} people (100,000 or more) but has not filed with the cyberspace authority."
            ),
            Message::R799Inside { device, face_recognition, space } => format!(
                "{} {} is installed inside private space {}; Decree 799 bans any camera there.",
                device_en(*face_recognition), device.show(l), space.show(l)
            ),
            Message::R799View { device, face_recognition, space, area_m2 } => format!(
                "{} {} can film {area_m2:.2} m² of private space {}.",
                device_en(*face_recognition), device.show(l), space.show(l)
            ),
            Message::R799Sign { device, range_m } => format!(
                "Camera {} in a public place has no notice sign facing it within its {range_m:.1} m range.",
                device.show(l)
            ),
            Message::R799Filing { devices, conditional: false } => format!(
                "The site has {devices} camera(s) in public places but the video system has not been filed with the police."
            ),
            Message::R799Filing { devices, conditional: true } => format!(
                "If the site is a Decree 799 Art. 7 place (set its venue), its video system must be filed with the police: it has {devices} camera(s) in public places and is not filed."
            ),
            Message::R799Retention { days, conditional: false } => format!(
                "Footage is kept {days} day(s); Decree 799 requires at least 30."
            ),
            Message::R799Retention { days, conditional: true } => format!(
                "Footage is kept {days} day(s); if the site is a Decree 799 Art. 7 place (set its venue), at least 30 are required."
            ),
            Message::Consent { device, by_default } => format!(
                "Face-recognition device {} relies on people's consent{} but no separate, explicit consent is obtained.",
                device.show(l),
                if *by_default { " (the legal basis for its purpose)" } else { "" }
            ),
            Message::Minors { venue, devices } => format!(
                "The site is a {} with {devices} face-recognition device(s), but no guardian consent and special rules for children under 14 are recorded.",
                venue_label(*venue, l)
            ),
            Message::Assessment { devices } => format!(
                "The site has {devices} face-recognition device(s) but no dated personal-information impact assessment; it must be done before processing."
            ),
            Message::SiteVenue { devices } => format!(
                "The site has {devices} camera(s) but no venue: whether Decree 799's filing and retention duties bind it (Art. 7 or Art. 9) depends on it."
            ),
            Message::PlanReview { space } => format!(
                "The kind of space {} was guessed when the plan was imported; confirm it.",
                space.show(l)
            ),
            Message::Drawing { what, object, problem } => {
                let what_is = match problem {
                    Drawing::TooFewPoints => "has fewer than 3 distinct points",
                    Drawing::ZeroArea => "encloses no area",
                    Drawing::SelfCrossing => "crosses itself",
                    Drawing::WallTooFewPoints => "has fewer than 2 points",
                    Drawing::WallZeroLength => "has zero length",
                    Drawing::OpeningOffWall => "lies on no wall",
                };
                format!("The {what} {} {what_is}.", object.show(l))
            }
            Message::Duplicate { id, count } => {
                format!("The id {id} is defined {count} times; ids must be unique in the file.")
            }
            Message::Dangling { from, id } => format!(
                "{} names zone {id}, which is not defined as a zone.",
                from.show(l)
            ),
            Message::ZoneUnused { zone } => {
                format!("Collection zone {} is not used by any device.", zone.show(l))
            }
        }
    }

    fn zh(&self) -> String {
        let l = Lang::Zh;
        match self {
            Message::PrivateInside { device, space } => format!(
                "人脸识别设备 {} 安装在私密空间 {} 内部。",
                device.show(l), space.show(l)
            ),
            Message::PrivateView { device, space, area_m2 } => format!(
                "人脸识别设备 {} 可采集私密空间 {} 内 {area_m2:.2} 平方米范围的人脸信息。",
                device.show(l), space.show(l)
            ),
            Message::Purpose { device, purpose } => format!(
                "公共场所的人脸识别设备 {} 用于辨识特定个人（1:N），目的为{}，而非维护公共安全。",
                device.show(l),
                purpose.map_or("未说明", |p| purpose_label(p, l))
            ),
            Message::Necessity { device } => format!(
                "人脸识别设备 {} 用于维护公共安全，但未记录其必要性理由。",
                device.show(l)
            ),
            Message::NoZone { device, zone: None } => format!(
                "公共场所的人脸识别设备 {} 未归属任何人脸信息采集区域。",
                device.show(l)
            ),
            Message::NoZone { device, zone: Some(z) } => format!(
                "人脸识别设备 {} 指定的采集区域 {z} 不存在。",
                device.show(l)
            ),
            Message::OutsideZone { device, zone, area_m2 } => format!(
                "人脸识别设备 {} 在其采集区域 {} 之外采集 {area_m2:.2} 平方米范围的人脸信息。",
                device.show(l), zone.show(l)
            ),
            Message::ZonePrivate { zone, space, area_m2 } => format!(
                "采集区域 {} 包含私密空间 {} 的 {area_m2:.2} 平方米。",
                zone.show(l), space.show(l)
            ),
            Message::NoSign { zone, stretches, length_m } => format!(
                "采集区域 {} 的各入口（{stretches} 段，共 {length_m:.2} 米）均未设置提示标识。",
                zone.show(l)
            ),
            Message::UnsignedEntry { zone, stretches, length_m } => format!(
                "采集区域 {} 有 {stretches} 段入口（共 {length_m:.2} 米）在进入途中看不到任何提示标识。",
                zone.show(l)
            ),
            Message::SignProminence { sign, problems } => {
                let parts: Vec<String> = problems
                    .iter()
                    .map(|p| match p {
                        Prominence::TooSmall { width, height } => format!(
                            "尺寸 {width:.2} 米 × {height:.2} 米，小于 0.30 米 × 0.20 米"
                        ),
                        Prominence::TooLow { mount_height } => {
                            format!("安装高度 {mount_height:.2} 米，低于 1.0 米")
                        }
                        Prominence::TooHigh { mount_height } => {
                            format!("安装高度 {mount_height:.2} 米，高于 2.5 米")
                        }
                    })
                    .collect();
                format!("提示标识 {} 不够显著：{}。", sign.show(l), parts.join("；"))
            }
            Message::Notice { sign, missing } => format!(
                "提示标识 {} 未告知：{}。",
                sign.show(l),
                missing.iter().map(|m| notice_item_label(m, l)).collect::<Vec<_>>().join("、")
            ),
            Message::Transfer { device } => format!(
                "人脸识别设备 {} 未经个人单独同意将人脸信息传出设备。",
                device.show(l)
            ),
            Message::SoleMethod { device } => format!(
                "人脸识别设备 {} 以人脸作为唯一身份验证方式（1:1），未提供其他方式。",
                device.show(l)
            ),
            Message::Filing { faces } => format!(
                "本场所存储 {faces} 人的人脸信息（达到 10 万人），但未向网信部门备案。"
            ),
            Message::R799Inside { device, face_recognition, space } => format!(
                "{} {} 安装在私密空间 {} 内部；条例禁止在此安装任何图像采集设备。",
                device_zh(*face_recognition), device.show(l), space.show(l)
            ),
            Message::R799View { device, face_recognition, space, area_m2 } => format!(
                "{} {} 能够拍摄私密空间 {} 内 {area_m2:.2} 平方米的范围。",
                device_zh(*face_recognition), device.show(l), space.show(l)
            ),
            Message::R799Sign { device, range_m } => format!(
                "公共场所的图像采集设备 {} 在其 {range_m:.1} 米范围内没有朝向它的提示标识。",
                device.show(l)
            ),
            Message::R799Filing { devices, conditional: false } => format!(
                "本场所公共区域有 {devices} 台图像采集设备，但视频系统未向公安机关备案。"
            ),
            Message::R799Filing { devices, conditional: true } => format!(
                "如本场所属于条例第七条规定的场所（请设置场所类型），视频系统应向公安机关备案：公共区域有 {devices} 台图像采集设备，尚未备案。"
            ),
            Message::R799Retention { days, conditional: false } => {
                format!("视频图像保存 {days} 日；条例要求不少于 30 日。")
            }
            Message::R799Retention { days, conditional: true } => format!(
                "视频图像保存 {days} 日；如本场所属于条例第七条规定的场所（请设置场所类型），应不少于 30 日。"
            ),
            Message::Consent { device, by_default } => format!(
                "人脸识别设备 {} 基于个人同意处理人脸信息{}，但未取得个人自愿、明确作出的单独同意。",
                device.show(l),
                if *by_default { "（其用途的处理依据）" } else { "" }
            ),
            Message::Minors { venue, devices } => format!(
                "本场所为{}，有 {devices} 台人脸识别设备，但未记录不满十四周岁未成年人的监护人同意及专门处理规则。",
                venue_label(*venue, l)
            ),
            Message::Assessment { devices } => format!(
                "本场所有 {devices} 台人脸识别设备，但未记录个人信息保护影响评估日期；应当事前进行评估。"
            ),
            Message::SiteVenue { devices } => format!(
                "本场所有 {devices} 台图像采集设备，但未设置场所类型：条例的备案和保存期限义务是否适用（第七条或第九条）取决于此。"
            ),
            Message::PlanReview { space } => format!(
                "空间 {} 的类型是导入平面图时推测的，请确认。",
                space.show(l)
            ),
            Message::Drawing { what, object, problem } => {
                let what_is = match problem {
                    Drawing::TooFewPoints => "不同的顶点少于 3 个",
                    Drawing::ZeroArea => "面积为零",
                    Drawing::SelfCrossing => "边线自相交",
                    Drawing::WallTooFewPoints => "少于 2 个点",
                    Drawing::WallZeroLength => "长度为零",
                    Drawing::OpeningOffWall => "不在任何墙上",
                };
                format!("{} {} {what_is}。", what_zh(what), object.show(l))
            }
            Message::Duplicate { id, count } => {
                format!("标识 {id} 被定义了 {count} 次；文件中的标识必须唯一。")
            }
            Message::Dangling { from, id } => {
                format!("{} 指定的采集区域 {id} 未定义。", from.show(l))
            }
            Message::ZoneUnused { zone } => {
                format!("采集区域 {} 没有任何设备使用。", zone.show(l))
            }
        }
    }
}
