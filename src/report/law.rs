//! The articles the findings cite, quoted from ../shared/law: the official Chinese text
//! (not subject to copyright in China) and our working English rendering. The Chinese governs.

/// One article: its heading, the Chinese text and the English rendering.
pub struct LawText {
    pub heading_zh: &'static str,
    pub heading_en: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// 第五条 (Article 5) — what a notice must tell people
pub const MEASURES_5: LawText = LawText {
    heading_zh: "第五条",
    heading_en: "Article 5 — what a notice must tell people",
    zh: "个人信息处理者应用人脸识别技术处理人脸信息前,应当以显著方式、清晰易懂的语言真实、准确、完整地向个人告知下列事项:\n(一)个人信息处理者的名称或者姓名和联系方式;\n(二)人脸信息的处理目的、处理方式,处理的人脸信息保存期限;\n(三)处理人脸信息的必要性以及对个人权益的影响;\n(四)个人依法行使权利的方式和程序;\n(五)法律、行政法规规定应当告知的其他事项。",
    en: "Before processing, tell people, prominently and in plain language: (1) the processor's name and contact; (2) purpose, method and retention period; (3) why it is necessary and its impact on the person; (4) how to exercise their rights; (5) anything else the law requires.",
};

/// 第八条 (Article 8) — storage
pub const MEASURES_8: LawText = LawText {
    heading_zh: "第八条",
    heading_en: "Article 8 — storage",
    zh: "除法律、行政法规另有规定或者取得个人单独同意外,人脸信息应当存储于人脸识别设备内,不得通过互联网对外传输。\n除法律、行政法规另有规定外,人脸信息的保存期限不得超过实现处理目的所必需的最短时间。",
    en: "Unless the law says otherwise or the person separately consents, face information stays in the device and is not sent out over the internet; keep it no longer than the purpose needs.",
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
    zh: "",
    en: "A processor whose stored face information reaches 100,000 people must file with the provincial (or higher) cyberspace authority within 30 working days; changes and termination are filed within 30 working days too.",
};

/// 第八条 (Article 8) — where no camera of any kind may go
pub const DECREE_8: LawText = LawText {
    heading_zh: "第八条",
    heading_en: "Article 8 — where no camera of any kind may go",
    zh: "禁止在公共场所的下列区域、部位安装图像采集设备及相关设施：\n（一）旅馆、饭店、宾馆、招待所、民宿等经营接待食宿场所的客房或者包间内部；\n（二）学生宿舍的房间内部，或者单位为内部人员提供住宿、休息服务的房间内部；\n（三）公共的浴室、卫生间、更衣室、哺乳室、试衣间的内部；\n（四）安装图像采集设备后能够拍摄、窥视、窃听他人隐私的其他区域、部位。\n对上述区域、部位负有经营管理责任的单位或者个人，应当加强日常管理和检查，发现在前款所列区域、部位安装图像采集设备及相关设施的，应当立即报告所在地公安机关处理。",
    en: "No image-capture device may be installed in these areas of a public place: (1) inside guest rooms or private dining rooms of hotels, restaurants, guesthouses, B&Bs and other lodging or catering businesses; (2) inside student dormitory rooms, or rooms where an organisation provides its own staff with lodging or rest; (3) inside public baths, toilets, changing rooms, nursing (lactation) rooms and fitting rooms; (4) any other area or spot where an installed device could film, peep at or eavesdrop on other people's privacy. Whoever manages such areas must check them and report any device found there to the police.\n\nPenalty (Art. 27): the police confiscate the device and delete the footage; an organisation is fined CNY 10,000–20,000, the responsible managers CNY 5,000–10,000 each.",
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
