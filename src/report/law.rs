//! The articles the findings cite, quoted from ../shared/law: the official Chinese text
//! (not subject to copyright in China) and our working English rendering. The Chinese governs.
//! Written by tools/make_law.py; tests/law.rs checks that it matches ../shared/law.

/// One article: its heading, the Chinese text and the English rendering.
pub struct LawText {
    pub heading_zh: &'static str,
    pub heading_en: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// 第四条 (Article 4) — purpose, necessity, least impact
pub const MEASURES_4: LawText = LawText {
    heading_zh: "第四条",
    heading_en: "Article 4 — purpose, necessity, least impact",
    zh: "应用人脸识别技术处理人脸信息,应当具有特定的目的和充分的必要性,采取对个人权益影响最小的方式,并实施严格保护措施。",
    en: "A specific purpose and sufficient necessity; the way that affects people least; strict protection.",
};

/// 第五条 (Article 5) — what a notice must tell people
pub const MEASURES_5: LawText = LawText {
    heading_zh: "第五条",
    heading_en: "Article 5 — what a notice must tell people",
    zh: "个人信息处理者应用人脸识别技术处理人脸信息前,应当以显著方式、清晰易懂的语言真实、准确、完整地向个人告知下列事项:\n(一)个人信息处理者的名称或者姓名和联系方式;\n(二)人脸信息的处理目的、处理方式,处理的人脸信息保存期限;\n(三)处理人脸信息的必要性以及对个人权益的影响;\n(四)个人依法行使权利的方式和程序;\n(五)法律、行政法规规定应当告知的其他事项。",
    en: "Before processing, tell people, prominently and in plain language: (1) the processor's name and contact; (2) purpose, method and retention period; (3) why it is necessary and its impact on the person; (4) how to exercise their rights; (5) anything else the law requires.",
};

/// 第六条 (Article 6) — separate consent
pub const MEASURES_6: LawText = LawText {
    heading_zh: "第六条",
    heading_en: "Article 6 — separate consent",
    zh: "基于个人同意处理人脸信息的,应当取得个人在充分知情的前提下自愿、明确作出的单独同意。法律、行政法规规定处理人脸信息应当取得个人书面同意的,从其规定。\n基于个人同意处理人脸信息的,个人有权撤回同意,个人信息处理者应当提供便捷的撤回同意的方式。个人撤回同意,不影响撤回前基于个人同意已进行的个人信息处理活动的效力。",
    en: "Where processing rests on consent, each person's separate consent, informed, free and explicit (written where a law says so); they may withdraw it, and withdrawing must be easy.",
};

/// 第七条 (Article 7) — children under 14
pub const MEASURES_7: LawText = LawText {
    heading_zh: "第七条",
    heading_en: "Article 7 — children under 14",
    zh: "基于个人同意处理不满十四周岁未成年人人脸信息的,应当取得未成年人的父母或者其他监护人的同意。\n个人信息处理者应用人脸识别技术处理不满十四周岁未成年人人脸信息的,应当在存储、使用、转移、披露等方面制定专门的处理规则,依法保护未成年人个人信息安全。",
    en: "A parent's or guardian's consent for children under 14, and special rules for storing, using, transferring and disclosing their face information.",
};

/// 第八条 (Article 8) — storage
pub const MEASURES_8: LawText = LawText {
    heading_zh: "第八条",
    heading_en: "Article 8 — storage",
    zh: "除法律、行政法规另有规定或者取得个人单独同意外,人脸信息应当存储于人脸识别设备内,不得通过互联网对外传输。\n除法律、行政法规另有规定外,人脸信息的保存期限不得超过实现处理目的所必需的最短时间。",
    en: "Unless the law says otherwise or the person separately consents, face information stays in the device and is not sent out over the internet; keep it no longer than the purpose needs.",
};

/// 第九条 (Article 9) — impact assessment
pub const MEASURES_9: LawText = LawText {
    heading_zh: "第九条",
    heading_en: "Article 9 — impact assessment",
    zh: "个人信息处理者应用人脸识别技术处理人脸信息,应当事前进行个人信息保护影响评估,并对处理情况进行记录。个人信息保护影响评估主要包括下列内容:\n(一)人脸信息的处理目的、处理方式是否合法、正当、必要;\n(二)对个人权益带来的影响,以及降低不利影响的措施是否有效;\n(三)发生人脸信息泄露、篡改、丢失、毁损或者被非法获取、出售、使用的风险以及可能造成的危害;\n(四)所采取的保护措施是否合法、有效并与风险程度相适应。\n个人信息保护影响评估报告和处理情况记录应当至少保存3年。处理人脸信息的目的、方式发生变化,或者发生重大安全事件的,应当重新进行个人信息保护影响评估。",
    en: "Assess the personal-information-protection impact before processing and keep records; the report and records are kept at least 3 years; redo the assessment when purpose or method changes or after a major security incident.",
};

/// 第十条 (Article 10) — not the only way in
pub const MEASURES_10: LawText = LawText {
    heading_zh: "第十条",
    heading_en: "Article 10 — not the only way in",
    zh: "实现相同目的或者达到同等业务要求,存在其他非人脸识别技术方式的,不得将人脸识别技术作为唯一验证方式。个人不同意通过人脸信息进行身份验证的,应当提供其他合理、便捷的方式。",
    en: "Where another method can achieve the same purpose, FR must not be the only way to verify identity; a person who declines must be offered another reasonable, convenient way (a card, a PIN, a staffed desk).",
};

/// 第十三条 (Article 13) — the core of the product
pub const MEASURES_13: LawText = LawText {
    heading_zh: "第十三条",
    heading_en: "Article 13 — the core of the product",
    zh: "在公共场所安装人脸识别设备,应当为维护公共安全所必需,依法合理确定人脸信息采集区域,并设置显著提示标识。\n任何组织和个人不得在宾馆客房、公共浴室、公共更衣室、公共卫生间等公共场所中的私密空间内部安装人脸识别设备。",
    en: "Paragraph 1: a face-recognition (FR) device installed in a public place must be necessary for maintaining public safety; its face-information collection zone must be determined reasonably and lawfully; and prominent notice signs must be set up.\n\nParagraph 2: no organisation or person may install an FR device inside a private space of a public place, such as a hotel guest room, public bath, public changing room or public toilet. The list ends in 等 (\"such as\"): it is open, so the product must let a user mark any other private space too.",
};

/// 第十五条 (Article 15) — filing
pub const MEASURES_15: LawText = LawText {
    heading_zh: "第十五条",
    heading_en: "Article 15 — filing",
    zh: "个人信息处理者应当在应用人脸识别技术处理的人脸信息存储数量达到10万人之日起30个工作日内向所在地省级以上网信部门履行备案手续。申请备案应当提交下列材料:\n(一)个人信息处理者的基本情况;\n(二)人脸信息处理目的和处理方式;\n(三)人脸信息存储数量和安全保护措施;\n(四)人脸信息的处理规则和操作规程;\n(五)个人信息保护影响评估报告。\n备案信息发生实质性变更的,应当在变更之日起30个工作日内办理备案变更手续。终止应用人脸识别技术的,应当在终止之日起30个工作日内办理注销备案手续,并依法处理人脸信息。",
    en: "A processor whose stored face information reaches 100,000 people must file with the provincial (or higher) cyberspace authority within 30 working days, with the assessment report among the papers; changes and termination are filed within 30 working days too.",
};

/// 第七条 (Article 7) — the key places, and who may install
pub const DECREE_7: LawText = LawText {
    heading_zh: "第七条",
    heading_en: "Article 7 — the key places, and who may install",
    zh: "……下列公共场所涉及公共安全区域的公共安全视频系统，由对相应场所负有经营管理责任的单位按照相关标准建设，安装图像采集设备的重点部位由县级以上地方人民政府各有关部门按照职责分工指导确定：\n（一）商贸中心、会展中心、旅游景区、文化体育娱乐场所、教育机构、医疗机构、政务服务大厅、公园、公共停车场等人员聚集场所；\n（二）出境入境口岸（通道）、机场、港口客运站、通航建筑物、铁路客运站、汽车客运站、城市轨道交通站等交通枢纽；\n（三）客运列车、营运载客汽车、城市轨道交通车辆、客运船舶等大中型公共交通工具；\n（四）高速公路、普通国省干线的服务区。\n在前两款规定的场所、区域内安装图像采集设备及相关设施，应当为维护公共安全所必需，除前两款规定的政府有关部门、负有经营管理责任的单位（以下统称公共安全视频系统管理单位）外，其他任何单位或者个人不得安装。",
    en: "Key places whose operator builds the system to the standards: (1) crowded places — commercial centres, convention centres, scenic areas, culture/sports/entertainment venues, educational and medical institutions, government service halls, parks, public car parks; (2) transport hubs; (3) large public vehicles; (4) motorway service areas. Only that operator may install cameras there, and only as public safety requires.",
};

/// 第八条 (Article 8) — where no camera of any kind may go
pub const DECREE_8: LawText = LawText {
    heading_zh: "第八条",
    heading_en: "Article 8 — where no camera of any kind may go",
    zh: "禁止在公共场所的下列区域、部位安装图像采集设备及相关设施：\n（一）旅馆、饭店、宾馆、招待所、民宿等经营接待食宿场所的客房或者包间内部；\n（二）学生宿舍的房间内部，或者单位为内部人员提供住宿、休息服务的房间内部；\n（三）公共的浴室、卫生间、更衣室、哺乳室、试衣间的内部；\n（四）安装图像采集设备后能够拍摄、窥视、窃听他人隐私的其他区域、部位。\n对上述区域、部位负有经营管理责任的单位或者个人，应当加强日常管理和检查，发现在前款所列区域、部位安装图像采集设备及相关设施的，应当立即报告所在地公安机关处理。",
    en: "No image-capture device may be installed in these areas of a public place: (1) inside guest rooms or private dining rooms of hotels, restaurants, guesthouses, B&Bs and other lodging or catering businesses; (2) inside student dormitory rooms, or rooms where an organisation provides its own staff with lodging or rest; (3) inside public baths, toilets, changing rooms, nursing (lactation) rooms and fitting rooms; (4) any other area or spot where an installed device could film, peep at or eavesdrop on other people's privacy. Whoever manages such areas must check them and report any device found there to the police.\n\nPenalty (Art. 27): the police confiscate the device and delete the footage; an organisation is fined CNY 10,000–20,000, the responsible managers CNY 5,000–10,000 each.",
};

/// 第九条 (Article 9) — every other public place
pub const DECREE_9: LawText = LawText {
    heading_zh: "第九条",
    heading_en: "Article 9 — every other public place",
    zh: "在本条例第七条规定之外的其他公共场所安装图像采集设备及相关设施，应当为维护公共安全所必需，仅限于对该场所负有安全防范义务的单位或者个人安装，其他任何单位或者个人不得安装。\n依照前款规定安装图像采集设备及相关设施的，应当遵守本条例除第十一条、第十四条、第十五条、第十六条第二款、第十七条规定的强制性要求之外的其他各项规定。",
    en: "In other public places (hotels, restaurants, offices…) only the party responsible for the place's security may install cameras, as public safety requires; the mandatory duties of Arts 11, 14 (filing), 15, 16 ¶2 and 17 (retention) do not bind them, every other article does.",
};

/// 第十三条 (Article 13) — position, angle, range, signs
pub const DECREE_13: LawText = LawText {
    heading_zh: "第十三条",
    heading_en: "Article 13 — position, angle, range, signs",
    zh: "公共安全视频系统管理单位应当按照维护公共安全所必需、注重保护个人隐私和个人信息权益的要求，合理确定图像采集设备的安装位置、角度和采集范围，并设置显著的提示标识。未设置显著提示标识的，由公安机关责令改正。",
    en: "The operator must choose each device's position, angle and capture range reasonably — as public safety requires and with care for privacy — and set up prominent notice signs. Missing signs: the police order a correction.",
};

/// 第十四条 (Article 14) — filing
pub const DECREE_14: LawText = LawText {
    heading_zh: "第十四条",
    heading_en: "Article 14 — filing",
    zh: "公共安全视频系统管理单位应当在系统投入使用之日起30日内，将单位基本情况、公共安全视频系统建设位置、图像采集设备数量及类型、视频图像信息存储期限等基本信息，向所在地县级人民政府公安机关备案。……",
    en: "Within 30 days of going live, file with the county-level police: the organisation, where the system is, the number and types of devices, and how long footage is kept.",
};

/// 第十七条 (Article 17) — retention
pub const DECREE_17: LawText = LawText {
    heading_zh: "第十七条",
    heading_en: "Article 17 — retention",
    zh: "公共安全视频系统收集的视频图像信息应当保存不少于30日；30日后，对已经实现处理目的的视频图像信息，应当予以删除。……",
    en: "Keep footage at least 30 days; after that, delete what has served its purpose.",
};

/// Every quoted article with its constant's name and source file (for tests/law.rs).
pub const ALL: [(&str, &str, &LawText); 15] = [
    ("frt-measures-2025.md", "MEASURES_4", &MEASURES_4),
    ("frt-measures-2025.md", "MEASURES_5", &MEASURES_5),
    ("frt-measures-2025.md", "MEASURES_6", &MEASURES_6),
    ("frt-measures-2025.md", "MEASURES_7", &MEASURES_7),
    ("frt-measures-2025.md", "MEASURES_8", &MEASURES_8),
    ("frt-measures-2025.md", "MEASURES_9", &MEASURES_9),
    ("frt-measures-2025.md", "MEASURES_10", &MEASURES_10),
    ("frt-measures-2025.md", "MEASURES_13", &MEASURES_13),
    ("frt-measures-2025.md", "MEASURES_15", &MEASURES_15),
    ("reg-799-2025.md", "DECREE_7", &DECREE_7),
    ("reg-799-2025.md", "DECREE_8", &DECREE_8),
    ("reg-799-2025.md", "DECREE_9", &DECREE_9),
    ("reg-799-2025.md", "DECREE_13", &DECREE_13),
    ("reg-799-2025.md", "DECREE_14", &DECREE_14),
    ("reg-799-2025.md", "DECREE_17", &DECREE_17),
];
