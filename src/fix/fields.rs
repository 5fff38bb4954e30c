//! What no geometry settles — purpose, consent, notice items, filing, retention, the drawing —
//! is told as the field to set and the value that satisfies the rule. The editor opens that
//! field; nothing is changed for the user, since only they know whether the value is true.
//!
//! ```
//! use sightline::fix::fields::hint;
//! use sightline::rules::RuleId;
//! let h = hint(RuleId::R799Retention, &[]).unwrap();
//! assert_eq!((h.object, h.field, h.value.as_str()), (None, "retention_days", "30"));
//! ```

use crate::rules::RuleId;

/// A field to set and the value that would satisfy the rule.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldHint {
    /// The device, sign or zone whose field it is (`None`: the site's).
    pub object: Option<String>,
    /// The field's name in the site file.
    pub field: &'static str,
    /// The value that satisfies the rule, as written in the site file.
    pub value: String,
    pub text_en: String,
    pub text_zh: String,
}

/// The field hint for a finding of `rule` about `subjects` (`None` for the rules geometry
/// settles).
pub fn hint(rule: RuleId, subjects: &[String]) -> Option<FieldHint> {
    let first = subjects.first().cloned();
    let second = subjects.get(1).cloned().unwrap_or_default();
    let o = first.clone().unwrap_or_default();
    let (object, field, value, en, zh): (Option<String>, &'static str, &str, String, String) =
        match rule {
            RuleId::Purpose => (
                first,
                "purpose",
                "public_safety",
                format!("Only public safety justifies 1:N identification in a public place: set {o}'s purpose to public safety if that is what it serves, or its mode to verification (1:1), or remove it."),
                format!("公共场所只能为维护公共安全辨识特定个人：若 {o} 确为公共安全，将目的设为“维护公共安全”；否则改为验证（1:1）模式或拆除。"),
            ),
            RuleId::Necessity => (
                first,
                "necessity",
                "…",
                format!("Write down why {o} is necessary for public safety (its necessity field)."),
                format!("写明 {o} 为维护公共安全所必需的理由（必要性字段）。"),
            ),
            RuleId::NoZone => (
                first,
                "zone",
                "…",
                format!("Give {o} the collection zone it works in (its zone field), drawing the zone if there is none."),
                format!("为 {o} 指定其所在的人脸信息采集区域（区域字段），如无则先划定区域。"),
            ),
            RuleId::ZonePrivate => (
                first,
                "polygon",
                "…",
                format!("Redraw zone {o} so that it leaves out private space {second}."),
                format!("重新划定采集区域 {o}，使其不包含私密空间 {second}。"),
            ),
            RuleId::SignProminence => (
                first,
                "width",
                "0.3",
                format!("Make sign {o} at least 0.3 × 0.2 m and hang it between 1.2 and 2.2 m."),
                format!("将提示标识 {o} 做到至少 0.3 × 0.2 米，安装高度 1.2–2.2 米。"),
            ),
            RuleId::Notice => (
                first,
                "notice",
                "all",
                format!("Print on sign {o} every item Art. 5 asks for: processor, purpose, method, necessity, retention, rights and contact; then tick them."),
                format!("在提示标识 {o} 上载明第五条要求的全部事项：处理者、目的、方式、必要性、保存期限、权利和联系方式，并勾选。"),
            ),
            RuleId::Consent => (
                first,
                "separate_consent",
                "true",
                format!("Obtain separate, explicit consent for {o} and record it (separate consent)."),
                format!("为 {o} 取得个人单独、书面或明示同意并记录（单独同意）。"),
            ),
            RuleId::Transfer => (
                first,
                "storage",
                "on_device",
                format!("Keep {o}'s face data on the device, or obtain separate consent to send it off (consent for transfer)."),
                format!("{o} 的人脸信息留存在设备内，或就向外提供取得单独同意（对外提供同意）。"),
            ),
            RuleId::SoleMethod => (
                first,
                "alternative_method",
                "true",
                format!("Offer people who decline {o} another way (a card, a code, a person) and record it."),
                format!("为不同意使用 {o} 的人提供其他方式（卡、密码、人工）并记录。"),
            ),
            RuleId::Minors => (
                None,
                "minors_rules",
                "true",
                "Adopt rules for minors' face information (parents' consent, a named person) and record them.".to_owned(),
                "制定未成年人人脸信息处理规则（监护人同意、专人负责）并记录。".to_owned(),
            ),
            RuleId::Assessment => (
                None,
                "impact_assessment",
                "{\"date\": \"YYYY-MM-DD\"}",
                "Carry out the personal-information impact assessment and enter its date and reference.".to_owned(),
                "开展个人信息保护影响评估，并填写其日期和编号。".to_owned(),
            ),
            RuleId::Filing => (
                None,
                "filed_with_authority",
                "true",
                "File with the provincial cyberspace office within 30 working days (Art. 15) and record it.".to_owned(),
                "在 30 个工作日内向省级网信部门备案（第十五条）并记录。".to_owned(),
            ),
            RuleId::R799Filing => (
                None,
                "filed_with_police",
                "true",
                "File the system with the county public-security bureau within 30 days of use (Art. 14); `sightline filing` prepares the sheet.".to_owned(),
                "投入使用后 30 日内向县级公安机关备案（第十四条）。".to_owned(),
            ),
            RuleId::R799Retention => (
                None,
                "retention_days",
                "30",
                "Keep footage for at least 30 days (retention days).".to_owned(),
                "视频图像信息保存不少于 30 日（保存天数）。".to_owned(),
            ),
            RuleId::SiteVenue => (
                None,
                "venue",
                "…",
                "Say what kind of place the site is (venue): it decides which Decree 799 duties apply.".to_owned(),
                "说明场所类型（场所字段），它决定适用条例的哪些义务。".to_owned(),
            ),
            RuleId::ZoneUnused => (
                first,
                "id",
                "…",
                format!("Name zone {o} in the face-recognition devices that work in it, or delete it."),
                format!("在其中工作的人脸识别设备中指定区域 {o}，或删除该区域。"),
            ),
            RuleId::PlanGeometry | RuleId::PlanReference | RuleId::PlanReview => (
                first,
                "…",
                "…",
                format!("Correct the drawing of {o} as the finding says."),
                format!("按检查结果修正 {o} 的绘制。"),
            ),
            _ => return None,
        };
    Some(FieldHint {
        object,
        field,
        value: value.to_owned(),
        text_en: en,
        text_zh: zh,
    })
}
