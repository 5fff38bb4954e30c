//! Every label of the editor in English and Chinese.

use crate::i18n::Lang;

/// A UI string in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Label {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Label {
    /// The label in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

macro_rules! labels {
    ($($name:ident = $en:literal, $zh:literal;)*) => {
        $(pub const $name: Label = Label { en: $en, zh: $zh };)*
    };
}

labels! {
    FILE = "File", "文件";
    OPEN = "Open…", "打开…";
    SAVE = "Save", "保存";
    SAVE_AS = "Save As…", "另存为…";
    EDIT = "Edit", "编辑";
    UNDO = "Undo", "撤销";
    REDO = "Redo", "重做";
    VIEW = "View", "视图";
    ZOOM_FIT = "Zoom to fit", "缩放至全图";
    LANGUAGE = "中文", "English";
    FINDINGS = "Findings", "检查结果";
    NO_FINDINGS = "No findings: the plan complies with every rule checked.", "未发现问题：全部检查项均合规。";
    PASS = "PASS", "通过";
    FAIL = "FAIL", "不通过";
    FLOOR = "Floor", "楼层";
    NO_SITE = "No site open. File → Open… or start with a site file: sightline SITE", "未打开场所。请选择 文件 → 打开…，或启动时指定：sightline SITE";
    LOAD_FAILED = "Could not open the file", "无法打开文件";
    SAVE_FAILED = "Could not save the file", "无法保存文件";
    DISMISS = "Dismiss", "关闭";
    UNSAVED = "unsaved", "未保存";
    HINT = "Drag a camera to move it · right/middle-drag to pan · wheel to zoom · Ctrl+Z / Ctrl+Shift+Z", "拖动摄像机可移动 · 右键/中键拖动平移 · 滚轮缩放 · Ctrl+Z / Ctrl+Shift+Z";
}
