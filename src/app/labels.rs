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
    NEW = "New", "新建";
    OPEN = "Open…", "打开…";
    OPEN_RECENT = "Open Recent", "最近打开";
    NONE_YET = "(none yet)", "（暂无）";
    SAVE = "Save", "保存";
    SAVE_AS = "Save As…", "另存为…";
    IMPORT_PLAN = "Import plan (DWG/DXF)…", "导入图纸（DWG/DXF）…";
    NOTHING_TO_IMPORT = "Read a DWG or DXF file first.", "请先读取 DWG 或 DXF 文件。";
    SAVED = "Saved", "已保存";
    SITE_FILES = "Sightline site", "Sightline 场所文件";
    EXPORT_FLOOR = "Export image of floor…", "导出本层图片…";
    EXPORT_VIEW = "Export image of current view…", "导出当前视图图片…";
    EXPORT_REPORT = "Export report", "导出报告";
    REPORT_BOTH = "中文 + English…", "中文 + English…";
    REPORT_ZH = "中文…", "中文…";
    REPORT_EN = "English…", "English…";
    COPY_IMAGE = "Copy image to clipboard", "复制图片到剪贴板";
    COPIED = "Image copied to the clipboard", "图片已复制到剪贴板";
    EXPORTED = "Exported", "已导出";
    EXPORT_FAILED = "Could not export", "无法导出";
    QUIT = "Quit", "退出";
    EDIT = "Edit", "编辑";
    UNDO = "Undo", "撤销";
    REDO = "Redo", "重做";
    COPY = "Copy", "复制";
    PASTE = "Paste", "粘贴";
    DUPLICATE = "Duplicate", "创建副本";
    DELETE = "Delete", "删除";
    SELECT_ALL = "Select all", "全选";
    FINISH = "Finish the wall, space or zone", "完成墙体、空间或区域";
    CANCEL = "Cancel", "取消";
    NUDGE = "Move the selection 0.1 m", "所选对象移动 0.1 米";
    NUDGE_FAR = "Move the selection 1 m", "所选对象移动 1 米";
    VIEW = "View", "视图";
    ZOOM_FIT = "Zoom to fit", "缩放至全图";
    ZOOM_IN = "Zoom in", "放大";
    ZOOM_OUT = "Zoom out", "缩小";
    ZOOM_WHEEL = "Zoom about the pointer", "以指针为中心缩放";
    PAN = "Pan", "平移";
    SHIFT_CLICK = "Add to or remove from the selection", "加入或移出选择";
    ALT_SNAP = "Hold to turn snapping off", "按住以关闭吸附";
    HELP = "Help", "帮助";
    SHORTCUTS = "Keyboard shortcuts", "键盘快捷键";
    HELP_INTRO = "Draw walls (W), doors (D) and spaces (R), mark each space's kind in Properties, place cameras (C, K) and signs (G), and draw collection zones (Z). Findings update as you edit.", "绘制墙体（W）、门（D）和空间（R），在属性中设置空间类型，放置摄像机（C、K）和标识（G），绘制采集区域（Z）。检查结果随编辑实时更新。";
    LANGUAGE = "中文", "English";
    LANGUAGE_TIP = "Switch the language / 切换语言", "切换语言 / Switch the language";
    FINDINGS = "Findings", "检查结果";
    THIS_FLOOR = "This floor and the site", "本层及全场所";
    NO_FINDINGS = "No findings: the plan complies with every rule checked.", "未发现问题：全部检查项均合规。";
    PASS = "PASS", "通过";
    FAIL = "FAIL", "不通过";
    CHECKING = "checking…", "检查中…";
    FLOOR = "Floor", "楼层";
    FLOORS = "Floors", "楼层";
    ADD_FLOOR = "Add floor", "添加楼层";
    DELETE_FLOOR = "Delete floor", "删除楼层";
    DELETE_FLOOR_TEXT = "Delete this floor and everything on it? (Undo brings it back.)", "删除该楼层及其上的全部对象？（可撤销）";
    MOVE_UP = "Move the floor up the list", "上移楼层";
    MOVE_DOWN = "Move the floor down the list", "下移楼层";
    FLOOR_NAME = "Floor name", "楼层名称";
    UNDERLAY = "Underlay (scanned plan)", "底图（扫描平面图）";
    IMPORT_UNDERLAY = "Import underlay image…", "导入底图…";
    UNDERLAY_IMPORTED = "Underlay imported at 2 cm per pixel: calibrate it with two points of known distance.", "底图已按每像素 2 厘米导入：请用两个已知距离的点进行标定。";
    OPACITY = "Opacity", "不透明度";
    METRES_PER_PIXEL = "Scale", "比例";
    ORIGIN = "Top-left corner", "左上角位置";
    REMOVE = "Remove", "移除";
    CALIBRATE_TEXT = "Real distance between the two points, in metres:", "两点之间的实际距离（米）：";
    CALIBRATED = "Underlay calibrated", "底图已标定";
    CALIBRATION_FAILED = "Could not calibrate", "无法标定";
    OK = "OK", "确定";
    PROPERTIES = "Properties", "属性";
    NOTHING_SELECTED = "Nothing selected. Click an object on the plan, or drag a box around several.", "未选择对象。单击平面图上的对象，或拖框选择多个。";
    OBJECTS_SELECTED = "objects of different kinds selected", "个不同类型的对象已选择";
    SITE = "Site", "场所";
    SITE_NAME = "Site name", "场所名称";
    PROCESSOR = "Processor", "个人信息处理者";
    PROCESSOR_NAMED = "named", "已填写";
    PROCESSOR_NAME = "Processor name", "处理者名称";
    PROCESSOR_CONTACT = "Processor contact", "处理者联系方式";
    FACES_STORED = "Faces stored", "存储人脸数量";
    FILED_AUTHORITY = "Filed with the CAC (Art. 15)", "已向网信部门备案（第十五条）";
    FILED_POLICE = "Filed with the police (Decree 799 Art. 14)", "已向公安机关备案（第799号令第十四条）";
    RETENTION_DAYS = "Video kept", "视频保存期限";
    DAYS = " days", " 天";
    FACE_DENSITY = "Face pixel density needed", "人脸识别所需像素密度";
    ID = "Id", "编号";
    ID_EMPTY = "The id must not be empty.", "编号不能为空。";
    ID_TAKEN = "This id is already used; ids must be unique.", "该编号已被使用，编号必须唯一。";
    NAME = "Name", "名称";
    KIND = "Kind", "类型";
    AREA = "Area", "面积";
    LENGTH = "Length", "长度";
    POINTS = "Points", "顶点";
    ADD_POINT = "Add a point", "添加顶点";
    REMOVE_POINT = "Remove this point", "删除该顶点";
    POSITION = "Position", "位置";
    FACE_RECOGNITION = "Face recognition", "人脸识别";
    HEADING = "Heading", "朝向";
    FOV = "Field of view", "视场角";
    RANGE = "Range", "拍摄距离";
    MOUNT_HEIGHT = "Mount height", "安装高度";
    RESOLUTION = "Resolution", "分辨率";
    MODE = "Mode", "识别方式";
    MODE_IDENTIFICATION = "identification (1:N)", "辨识（1:N）";
    MODE_VERIFICATION = "verification (1:1)", "验证（1:1）";
    PURPOSE = "Purpose", "用途";
    NOT_STATED = "not stated", "未填写";
    NECESSITY = "Why it is necessary", "必要性说明";
    ZONE = "Collection zone", "采集区域";
    NONE = "none", "无";
    STORAGE = "Face data kept", "人脸信息存储";
    STORAGE_ON_DEVICE = "on the device", "存储于设备内";
    STORAGE_NETWORKED = "on a network", "联网存储";
    CONSENT = "Separate consent to transfer", "已取得单独同意（对外提供）";
    ALTERNATIVE = "Other way offered", "提供其他方式";
    YES = "yes", "是";
    NO = "no", "否";
    FACING = "Facing", "朝向";
    SIGN_WIDTH = "Width", "宽度";
    SIGN_HEIGHT = "Height", "高度";
    READABLE_DISTANCE = "Readable from", "可读距离";
    SIGN_TEXT = "Text", "文字";
    NOTICE_ITEMS = "The sign states (Art. 5):", "标识载明（第五条）：";
    VENUE = "Venue", "场所类型";
    VENUE_NOT_SET = "(not set: Art. 7 duties assumed)", "（未设置：按第七条场所检查）";
    KEY_PLACE = "Named a key place by the police (Decree 799 Art. 7)", "公安机关确定的重点场所（第799号令第七条）";
    ASSESSMENT_DATE = "Impact assessment date (Art. 9)", "个人信息保护影响评估日期（第九条）";
    ASSESSMENT_REFERENCE = "Assessment reference", "评估报告编号";
    ASSESSMENT_DATE_HINT = "YYYY-MM-DD", "年-月-日";
    ASSESSMENT_DATE_INVALID = "Not a real date: write YYYY-MM-DD", "不是有效日期：请按 年-月-日 填写";
    MINORS_RULES = "Guardian consent and rules for children under 14 (Art. 7)", "不满十四周岁未成年人监护人同意及专门规则（第七条）";
    LEGAL_BASIS = "Legal basis", "处理依据";
    LEGAL_BASIS_DEFAULT_CONSENT = "(default) consent", "（默认）个人同意";
    LEGAL_BASIS_DEFAULT_STATUTORY = "(default) statutory", "（默认）法定职责";
    LEGAL_BASIS_CONSENT = "consent (Art. 6)", "个人同意（第六条）";
    LEGAL_BASIS_STATUTORY = "statutory duty / public security", "法定职责或公共安全";
    SEPARATE_CONSENT = "Separate consent before processing (Art. 6)", "处理前取得单独同意（第六条）";
    REQUIRED_BY_LAW = "Face verification required by law (Art. 10 ¶2)", "法律法规要求人脸验证（第十条第二款）";
    FROSTED = "Frosted / opaque glass", "磨砂或不透明玻璃";
    REVIEW_KIND = "Kind guessed on import: confirm it", "类型为导入时推测：请确认";
    CONFIRM_KIND = "Confirm", "确认";
    THICKNESS = "Thickness", "厚度";
    END_A = "End A", "端点 A";
    END_B = "End B", "端点 B";
    KIND_DEVICE = "Camera", "摄像机";
    KIND_SIGN = "Sign", "标识";
    KIND_OPENING = "Opening", "门窗洞口";
    KIND_WALL = "Wall", "墙体";
    KIND_ZONE = "Zone", "采集区域";
    KIND_SPACE = "Space", "空间";
    NEW_SPACE_KIND = "New spaces are", "新空间类型";
    TOOL_SELECT = "Select", "选择";
    TOOL_WALL = "Wall", "墙体";
    TOOL_DOOR = "Door", "门";
    TOOL_OPENING = "Opening", "开口";
    TOOL_WINDOW = "Window", "窗";
    TOOL_SPACE = "Space", "空间";
    TOOL_ZONE = "Zone", "采集区域";
    TOOL_FR_CAMERA = "Face camera", "人脸识别设备";
    TOOL_CAMERA = "Camera", "普通摄像机";
    TOOL_SIGN = "Sign", "标识";
    TOOL_MOVE_UNDERLAY = "Move underlay", "移动底图";
    TOOL_CALIBRATE = "Calibrate", "标定";
    HINT_SELECT = "Click to select · Shift+click to add · drag to move · drag on empty plan to box-select · arrows nudge · Del deletes", "单击选择 · Shift+单击加选 · 拖动移动 · 在空白处拖框选择 · 方向键微移 · Del 删除";
    HINT_WALL = "Click the corners · double-click or Enter ends · Esc cancels · Alt turns snapping off", "依次单击各拐点 · 双击或回车结束 · Esc 取消 · 按住 Alt 关闭吸附";
    HINT_OPENING = "Drag along a wall, or click a wall for a standard width", "沿墙体拖动，或单击墙体放置标准宽度";
    HINT_AREA = "Drag a rectangle, or click the corners and double-click / Enter / click the first point", "拖出矩形，或依次单击各角点后双击、回车或单击起点闭合";
    HINT_CAMERA = "Click to place · drag from the spot to aim it", "单击放置 · 从放置点拖动以调整朝向";
    HINT_SIGN = "Click to place · drag to turn its face", "单击放置 · 拖动以调整朝向";
    HINT_MOVE_UNDERLAY = "Drag the underlay into place", "拖动底图到合适位置";
    HINT_CALIBRATE = "Click two points of the underlay whose real distance you know", "在底图上单击两个已知实际距离的点";
    PRESS_ON_WALL = "Doors, openings and windows go on a wall: start on a wall.", "门、开口和窗必须位于墙上：请从墙体上开始。";
    NO_SITE = "No site open. File → New or File → Open…", "未打开场所。请选择 文件 → 新建 或 文件 → 打开…";
    LOAD_FAILED = "Could not open the file", "无法打开文件";
    SAVE_FAILED = "Could not save the file", "无法保存文件";
    DISMISS = "Dismiss", "关闭";
    UNSAVED = "unsaved", "未保存";
    UNTITLED = "untitled", "未命名文件";
    UNNAMED_SITE = "Unnamed site", "未命名场所";
    UNSAVED_TITLE = "Unsaved changes", "有未保存的更改";
    UNSAVED_TEXT = "The site has changes that are not saved. Save them first?", "场所有尚未保存的更改。是否先保存？";
    DISCARD = "Don't save", "不保存";
    RECOVER_TITLE = "Recover unsaved work?", "恢复未保存的工作？";
    RECOVER_TEXT = "Sightline did not close normally last time. A recovery copy of the unsaved site was found.", "上次 Sightline 未正常关闭，找到了未保存场所的恢复副本。";
    RESTORE = "Restore", "恢复";
    RECOVERY_FAILED = "Could not write the recovery copy", "无法写入恢复副本";
}
