//! Commands, as in rerun: every menu item, toolbar button and keyboard shortcut is a data-free
//! [`UiCommand`] whose label, tooltip and shortcuts come from one table ([`UiCommand::info`]);
//! the menus show the shortcut text through egui's formatting and the Help window lists the same
//! table. Commands that carry data (a path, a floor, a finding) are a [`Command`]. This file
//! runs them; the menus, toolbar and status bar are in `menus.rs`, the dialogs in
//! `dialogs.rs`, what acts on the selection in `selection.rs`.

use std::path::PathBuf;

use eframe::egui::{self, Key, KeyboardShortcut, Modifiers};

use super::edit::Edit;
use super::export::ImageScope;
use super::labels;
use super::path_prompt::PathPurpose;
use super::tools::Tool;
use super::{App, Gesture, Prompt};
use crate::i18n::{Lang, Text};

/// Defines [`UiCommand`] and the list of its data-free variants in one place.
macro_rules! ui_commands {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Every action of a menu, the toolbar or a key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum UiCommand {
            $($(#[$doc])* $name,)*
            /// Pick a tool.
            Tool(Tool),
        }

        impl UiCommand {
            /// Every command but the tools, in the order of the Help window.
            const PLAIN: &'static [UiCommand] = &[$(UiCommand::$name),*];
        }
    };
}

ui_commands! {
    New,
    Open,
    Save,
    SaveAs,
    /// File → Import plan… (DWG/DXF).
    ImportPlan,
    ExportFloorImage,
    ExportViewImage,
    /// A report in Chinese with English beside it.
    ExportReportBoth,
    ExportReportZh,
    ExportReportEn,
    /// The report as PDF, Chinese with English beside it.
    ExportReportPdfBoth,
    ExportReportPdfZh,
    ExportReportPdfEn,
    /// File → Prepare filings…: the filing pack into a folder.
    PrepareFilings,
    /// A picture of the current floor on the clipboard.
    CopyImage,
    /// A PNG/JPEG as the current floor's underlay.
    ImportUnderlay,
    RemoveUnderlay,
    Quit,
    Undo,
    Redo,
    Copy,
    Paste,
    Duplicate,
    Delete,
    SelectAll,
    NudgeLeft,
    NudgeRight,
    NudgeUp,
    NudgeDown,
    NudgeFarLeft,
    NudgeFarRight,
    NudgeFarUp,
    NudgeFarDown,
    /// End the wall, space or zone being drawn (Enter).
    Finish,
    /// Drop the shape being drawn, or the selection (Esc).
    Cancel,
    ZoomToFit,
    ZoomIn,
    ZoomOut,
    ToggleLanguage,
    /// Show or hide the legend (and likewise the other View toggles).
    ShowLegend,
    ShowGrid,
    ShowUnderlay,
    ShowAreas,
    ShowSignAreas,
    ShowLabels,
    ShowMarkers,
    /// DORI bands of every camera (the selected camera's are always drawn).
    ShowDoriAll,
    /// Shade the public area no camera watches.
    ShowGaps,
    /// Apply every suggestion geometry can make (camera settings, signs, removals).
    FixAll,
    AddFloor,
    Help,
}

/// A command's label, tooltip and shortcuts (the first shortcut is the one menus show).
pub struct CommandInfo {
    pub text: Text,
    pub tooltip: Text,
    pub shortcuts: Vec<KeyboardShortcut>,
}

const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const SHIFT: Modifiers = Modifiers::SHIFT;

fn keys(list: &[(Modifiers, Key)]) -> Vec<KeyboardShortcut> {
    list.iter()
        .map(|(m, k)| KeyboardShortcut::new(*m, *k))
        .collect()
}

impl UiCommand {
    /// Every command, in the order of the Help window: the plain ones, then the tools.
    pub fn all() -> Vec<UiCommand> {
        let tools = super::tools::Tool::TOOLBAR.into_iter().map(UiCommand::Tool);
        UiCommand::PLAIN.iter().copied().chain(tools).collect()
    }

    /// The one table of labels, tooltips and shortcuts.
    pub fn info(self) -> CommandInfo {
        use UiCommand::*;
        let t = Text::new;
        let (text, tooltip, shortcuts): (Text, Text, &[(Modifiers, Key)]) = match self {
            New => (
                labels::NEW,
                t("Start a new, empty site", "新建一个空白场所"),
                &[(CMD, Key::N)],
            ),
            Open => (
                labels::OPEN,
                t("Open a site file", "打开场所文件"),
                &[(CMD, Key::O)],
            ),
            Save => (
                labels::SAVE,
                t("Save the site to its file", "保存场所文件"),
                &[(CMD, Key::S)],
            ),
            SaveAs => (
                labels::SAVE_AS,
                t("Save the site to a new file", "将场所另存为新文件"),
                &[(CMD_SHIFT, Key::S)],
            ),
            ImportPlan => (
                labels::IMPORT_PLAN,
                t(
                    "Bring in walls, doors, windows and rooms from a CAD plan",
                    "从 CAD 图纸导入墙体、门窗和房间",
                ),
                &[(CMD, Key::I)],
            ),
            ExportFloorImage => (
                labels::EXPORT_FLOOR,
                t(
                    "A PNG or SVG picture of this floor with its findings",
                    "本层及其检查结果的 PNG 或 SVG 图片",
                ),
                &[(CMD, Key::E)],
            ),
            ExportViewImage => (
                labels::EXPORT_VIEW,
                t(
                    "A picture of what the canvas shows now",
                    "当前画布所示范围的图片",
                ),
                &[],
            ),
            ExportReportBoth => (
                labels::REPORT_BOTH,
                t(
                    "The HTML report in Chinese with English beside it",
                    "中英文对照的 HTML 报告",
                ),
                &[],
            ),
            ExportReportZh => (
                labels::REPORT_ZH,
                t("The HTML report in Chinese", "中文 HTML 报告"),
                &[],
            ),
            ExportReportEn => (
                labels::REPORT_EN,
                t("The HTML report in English", "英文 HTML 报告"),
                &[],
            ),
            ExportReportPdfBoth => (
                labels::REPORT_PDF_BOTH,
                t(
                    "The PDF report in Chinese with English beside it",
                    "中英文对照的 PDF 报告",
                ),
                &[],
            ),
            ExportReportPdfZh => (
                labels::REPORT_PDF_ZH,
                t("The PDF report in Chinese", "中文 PDF 报告"),
                &[],
            ),
            ExportReportPdfEn => (
                labels::REPORT_PDF_EN,
                t("The PDF report in English", "英文 PDF 报告"),
                &[],
            ),
            PrepareFilings => (
                labels::PREPARE_FILINGS,
                t(
                    "The police filing (Decree 799 Art. 14), the Art. 15 materials when due, the device and sign schedules (CSV, XLSX), into a folder",
                    "公安备案表（条例第十四条）、需要时的第十五条备案材料、设备和标识清单（CSV、XLSX），写入一个文件夹",
                ),
                &[],
            ),
            CopyImage => (
                labels::COPY_IMAGE,
                t(
                    "Put a picture of this floor on the clipboard",
                    "将本层图片复制到剪贴板",
                ),
                &[],
            ),
            ImportUnderlay => (
                labels::IMPORT_UNDERLAY,
                t(
                    "A scanned plan (PNG or JPEG) under this floor",
                    "在本层下方放置扫描图纸（PNG 或 JPEG）",
                ),
                &[],
            ),
            RemoveUnderlay => (
                t("Remove underlay", "移除底图"),
                t(
                    "Take the scanned plan away from this floor",
                    "移除本层的底图",
                ),
                &[],
            ),
            Quit => (
                labels::QUIT,
                t("Close Sightline", "关闭 Sightline"),
                &[(CMD, Key::Q)],
            ),
            Undo => (
                labels::UNDO,
                t("Take back the last change", "撤销上一步修改"),
                &[(CMD, Key::Z)],
            ),
            Redo => (
                labels::REDO,
                t("Make the change taken back again", "恢复撤销的修改"),
                &[(CMD_SHIFT, Key::Z), (CMD, Key::Y)],
            ),
            Copy => (
                labels::COPY,
                t("Copy the selected objects", "复制所选对象"),
                &[(CMD, Key::C)],
            ),
            Paste => (
                labels::PASTE,
                t("Paste copied objects", "粘贴已复制的对象"),
                &[(CMD, Key::V)],
            ),
            Duplicate => (
                labels::DUPLICATE,
                t(
                    "Copies of the selected objects beside them",
                    "在旁边复制所选对象",
                ),
                &[(CMD, Key::D)],
            ),
            Delete => (
                labels::DELETE,
                t("Delete the selected objects", "删除所选对象"),
                &[(NONE, Key::Delete), (NONE, Key::Backspace)],
            ),
            SelectAll => (
                labels::SELECT_ALL,
                t("Select every object of this floor", "选择本层所有对象"),
                &[(CMD, Key::A)],
            ),
            NudgeLeft => (labels::NUDGE, labels::NUDGE, &[(NONE, Key::ArrowLeft)]),
            NudgeRight => (labels::NUDGE, labels::NUDGE, &[(NONE, Key::ArrowRight)]),
            NudgeUp => (labels::NUDGE, labels::NUDGE, &[(NONE, Key::ArrowUp)]),
            NudgeDown => (labels::NUDGE, labels::NUDGE, &[(NONE, Key::ArrowDown)]),
            NudgeFarLeft => (
                labels::NUDGE_FAR,
                labels::NUDGE_FAR,
                &[(SHIFT, Key::ArrowLeft)],
            ),
            NudgeFarRight => (
                labels::NUDGE_FAR,
                labels::NUDGE_FAR,
                &[(SHIFT, Key::ArrowRight)],
            ),
            NudgeFarUp => (
                labels::NUDGE_FAR,
                labels::NUDGE_FAR,
                &[(SHIFT, Key::ArrowUp)],
            ),
            NudgeFarDown => (
                labels::NUDGE_FAR,
                labels::NUDGE_FAR,
                &[(SHIFT, Key::ArrowDown)],
            ),
            Finish => (labels::FINISH, labels::FINISH, &[(NONE, Key::Enter)]),
            Cancel => (
                labels::CANCEL,
                t(
                    "Drop the shape being drawn, or the selection",
                    "放弃正在绘制的图形或当前选择",
                ),
                &[(NONE, Key::Escape)],
            ),
            ZoomToFit => (
                labels::ZOOM_FIT,
                t("Show the whole floor", "显示整个楼层"),
                &[(NONE, Key::F)],
            ),
            ZoomIn => (
                labels::ZOOM_IN,
                labels::ZOOM_IN,
                &[(NONE, Key::Plus), (NONE, Key::Equals)],
            ),
            ZoomOut => (labels::ZOOM_OUT, labels::ZOOM_OUT, &[(NONE, Key::Minus)]),
            ToggleLanguage => (labels::LANGUAGE, labels::LANGUAGE_TIP, &[]),
            ShowLegend => (
                t("Legend", "图例"),
                t("Show or hide the legend", "显示或隐藏图例"),
                &[(NONE, Key::L)],
            ),
            ShowGrid => (
                t("Grid", "网格"),
                t("Show or hide the metre grid", "显示或隐藏米网格"),
                &[],
            ),
            ShowUnderlay => (
                t("Underlay", "底图"),
                t("Show or hide the scanned plan", "显示或隐藏扫描底图"),
                &[],
            ),
            ShowAreas => (
                t("Capture and view areas", "采集范围与视野"),
                t("Show or hide what cameras see", "显示或隐藏摄像机可见范围"),
                &[],
            ),
            ShowSignAreas => (
                t("Where signs can be read", "标识可读范围"),
                t(
                    "Show or hide the signs' reading areas",
                    "显示或隐藏标识可读范围",
                ),
                &[],
            ),
            ShowLabels => (
                t("Names", "名称"),
                t(
                    "Show or hide the names on the plan",
                    "显示或隐藏平面图上的名称",
                ),
                &[],
            ),
            ShowMarkers => (
                t("Finding markers", "问题编号"),
                t(
                    "Show or hide the numbered findings on the plan",
                    "显示或隐藏平面图上的问题编号",
                ),
                &[],
            ),
            ShowDoriAll => (
                t("DORI bands of all cameras", "所有摄像机的 DORI 像素密度带"),
                t(
                    "Show the detect, observe, recognise and identify bands (px/m across the image width) of every camera, not only the selected one",
                    "显示每台摄像机（而不仅是选中的）的探测、观察、识别、辨认距离带（按画面宽度计的像素/米）",
                ),
                &[],
            ),
            ShowGaps => (
                t("Public area no camera watches", "无摄像机覆盖的公共区域"),
                t(
                    "Shade the public places outside every camera's view, so that fixing compliance does not open a security gap",
                    "标出不在任何摄像机视野内的公共区域，避免整改时留下安防盲区",
                ),
                &[],
            ),
            FixAll => (
                t("Fix all that geometry can", "一键修复几何问题"),
                t(
                    "Turn, narrow, limit or tilt the cameras that see where they must not, add the missing signs and remove devices inside private spaces — one undoable step",
                    "调整视野越界摄像机的朝向、视场角、距离或俯角，补设缺少的标识，拆除私密空间内的设备——可一步撤销",
                ),
                &[],
            ),
            AddFloor => (
                labels::ADD_FLOOR,
                t("An empty floor after this one", "在本层之后添加空楼层"),
                &[],
            ),
            Help => (labels::SHORTCUTS, labels::HELP_INTRO, &[(NONE, Key::F1)]),
            Tool(tool) => {
                let shortcuts = tool
                    .key()
                    .map(|k| vec![KeyboardShortcut::new(NONE, k)])
                    .unwrap_or_default();
                return CommandInfo {
                    text: tool.label(),
                    tooltip: tool.hint(),
                    shortcuts,
                };
            }
        };
        CommandInfo {
            text,
            tooltip,
            shortcuts: keys(shortcuts),
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        self.info().text.get(lang)
    }

    /// Every (shortcut, command), those with more modifiers first so that Ctrl+Shift+Z is
    /// not taken for Ctrl+Z.
    pub fn shortcut_table() -> &'static [(KeyboardShortcut, UiCommand)] {
        static TABLE: std::sync::OnceLock<Vec<(KeyboardShortcut, UiCommand)>> =
            std::sync::OnceLock::new();
        TABLE.get_or_init(Self::make_shortcut_table)
    }

    fn make_shortcut_table() -> Vec<(KeyboardShortcut, UiCommand)> {
        let mut table: Vec<(KeyboardShortcut, UiCommand)> = UiCommand::all()
            .into_iter()
            .flat_map(|c| c.info().shortcuts.into_iter().map(move |s| (s, c)))
            .collect();
        let weight = |m: Modifiers| {
            [m.command || m.ctrl || m.mac_cmd, m.shift, m.alt]
                .iter()
                .filter(|b| **b)
                .count()
        };
        table.sort_by_key(|(s, _)| std::cmp::Reverse(weight(s.modifiers)));
        table
    }
}

/// A shortcut as the menus and the Help window write it: the platform's modifier names, then the
/// key as it is printed on the keyboard (arrows as arrows, `+`, `=`, `Esc`), the same in
/// every language.
pub fn shortcut_text(ctx: &egui::Context, s: &KeyboardShortcut) -> String {
    let is_mac = ctx.os() == egui::os::OperatingSystem::Mac;
    let names = if is_mac {
        egui::ModifierNames::SYMBOLS
    } else {
        egui::ModifierNames::NAMES
    };
    let mut text = names.format(&s.modifiers, is_mac);
    if !text.is_empty() {
        text += names.concat;
    }
    text += match s.logical_key {
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        Key::Escape => "Esc",
        Key::Minus => "-",
        k => k.symbol_or_name(),
    };
    text
}

/// A command that carries data, or a [`UiCommand`].
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Ui(UiCommand),
    OpenPath(PathBuf),
    /// Save to this path (Save As without the dialog).
    SaveTo(PathBuf),
    /// Export a picture to this path (`.png` or `.svg`).
    ExportImageTo(ImageScope, PathBuf),
    /// Export the report (HTML, or PDF for a `.pdf` path); `None` is Chinese with English
    /// beside it.
    ExportReportTo(Option<Lang>, PathBuf),
    /// Write the filing pack into this folder.
    PrepareFilingsIn(PathBuf),
    ImportUnderlayFrom(PathBuf),
    /// Open the Import plan window on this file.
    ImportPlanFrom(PathBuf),
    /// Calibrate the underlay with the two points clicked and the distance typed.
    FinishCalibration,
    /// Paste objects given as the clipboard's JSON text.
    PasteText(String),
    /// Move the selection by so many metres.
    Nudge([f64; 2]),
    /// Multiply the zoom.
    Zoom(f32),
    SelectFloor(usize),
    /// Delete a floor (asks first).
    DeleteFloor(usize),
    /// Delete a floor without asking (the answer to the question).
    DeleteFloorConfirmed(usize),
    MoveFloor {
        from: usize,
        to: usize,
    },
    /// Select a finding: its subjects are selected and the view centres on its point.
    ShowFinding(usize),
    /// Apply the suggestion of a finding.
    ApplyFix(usize),
    RestoreRecovery,
    DiscardRecovery,
}

impl From<UiCommand> for Command {
    fn from(c: UiCommand) -> Command {
        Command::Ui(c)
    }
}

impl App {
    /// Is a window open that takes the keyboard (a file window, Import plan, the calibration
    /// distance, a question)?
    pub(crate) fn window_open(&self) -> bool {
        self.path_prompt.is_some()
            || self.import_dialog.is_some()
            || self.prompt.is_some()
            || self
                .calibration
                .as_ref()
                .is_some_and(|c| c.points.len() == 2)
    }

    pub(crate) fn shortcuts(&mut self, ctx: &egui::Context) {
        // Keys without Ctrl or Alt belong to the plan (tools, Delete, arrows, typed lengths):
        // not to a window or panel that was clicked last.
        let plan_keys = self.canvas_focus && !self.window_open();
        if plan_keys {
            self.typed_length_input(ctx);
        }
        for (shortcut, c) in UiCommand::shortcut_table() {
            let m = shortcut.modifiers;
            // Esc closes the topmost window and F1 opens Help from anywhere.
            let anywhere = matches!(c, UiCommand::Help | UiCommand::Cancel);
            let plan_key = !(m.command || m.ctrl || m.alt || m.mac_cmd || anywhere);
            if plan_key && !plan_keys {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(shortcut)) {
                self.commands.push((*c).into());
            }
        }
        // Copy and paste arrive as events, not keys.
        let events = ctx.input(|i| i.events.clone());
        for e in events {
            match e {
                egui::Event::Copy => self.commands.push(UiCommand::Copy.into()),
                egui::Event::Paste(text) => self.commands.push(Command::PasteText(text)),
                _ => {}
            }
        }
    }

    /// Runs a command now if the open site has no unsaved changes (or the user said to
    /// discard them); otherwise asks first.
    fn may_discard(&mut self, c: &Command) -> bool {
        let dirty = self.doc.as_ref().is_some_and(|d| d.is_dirty());
        if !dirty || std::mem::take(&mut self.discard_ok) {
            true
        } else {
            self.prompt = Some(Prompt::Unsaved(c.clone()));
            false
        }
    }

    pub(crate) fn run_commands(&mut self, ctx: &egui::Context) {
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // Their effects (a new site, an error, another language) show on the next frame.
            ctx.request_repaint();
        }
        for c in commands {
            self.run(ctx, c);
        }
        // Only when it changes: a viewport command asks for another frame.
        let title = self.title();
        if self.shown_title.as_deref() != Some(title.as_str()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.shown_title = Some(title);
        }
    }

    fn run(&mut self, ctx: &egui::Context, c: Command) {
        let discards = matches!(
            c,
            Command::Ui(UiCommand::New | UiCommand::Open | UiCommand::Quit) | Command::OpenPath(_)
        );
        if discards && !self.may_discard(&c) {
            return;
        }
        match c {
            Command::Ui(u) => self.run_ui(ctx, u),
            Command::OpenPath(p) => self.open(&p),
            Command::SaveTo(p) => {
                self.save_to(p);
            }
            Command::ExportImageTo(scope, p) => self.export_image(scope, &p),
            Command::ExportReportTo(lang, p) => self.export_report(lang, &p),
            Command::PrepareFilingsIn(p) => self.prepare_filings(&p),
            Command::ImportUnderlayFrom(p) => self.import_underlay(&p),
            Command::ImportPlanFrom(p) => self.open_import_dialog(Some(p)),
            Command::FinishCalibration => self.finish_calibration(),
            Command::PasteText(text) => {
                // Our own objects as JSON (from this or another window), checked as a file's
                // are; other text is ignored and the objects copied in this window are pasted.
                match super::selection::items_from_clipboard(&text) {
                    Some(Ok(items)) => self.paste(items, [0.5, -0.5]),
                    Some(Err(why)) => {
                        self.error = Some(format!("{}: {why}", self.t(labels::PASTE_REFUSED)));
                    }
                    None => {
                        let items = self.clipboard.clone();
                        self.paste(items, [0.5, -0.5]);
                    }
                }
            }
            Command::Nudge(by) => self.nudge(by),
            Command::Zoom(k) => {
                if let Some((c, s)) = self.view {
                    self.view = Some((
                        c,
                        (s * k).clamp(super::view::MIN_SCALE, super::view::MAX_SCALE),
                    ));
                }
            }
            Command::SelectFloor(f) => {
                self.floor = f;
                self.view = None;
                self.selection.clear();
                self.gesture = Gesture::None;
                self.after_edit();
            }
            Command::DeleteFloor(i) => self.prompt = Some(Prompt::DeleteFloor(i)),
            Command::DeleteFloorConfirmed(i) => self.delete_floor(i),
            Command::MoveFloor { from, to } => {
                self.apply(Edit::MoveFloor { from, to });
                if self.floor == from {
                    self.floor = to;
                }
            }
            Command::ShowFinding(i) => self.show_finding(i),
            Command::ApplyFix(i) => self.apply_fix(i),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => {
                self.recovery.clear();
                self.prompt = None;
            }
        }
    }

    fn run_ui(&mut self, ctx: &egui::Context, c: UiCommand) {
        use UiCommand as U;
        let step = |far: bool| if far { 1.0 } else { 0.1 };
        match c {
            U::New => self.new_site(),
            U::Open => self.ask_path(PathPurpose::Open),
            U::Save => {
                self.save(false);
            }
            U::SaveAs => {
                self.save(true);
            }
            U::ImportPlan => self.open_import_dialog(None),
            U::ExportFloorImage => self.ask_path(PathPurpose::ExportImage(ImageScope::Floor)),
            U::ExportViewImage => self.ask_path(PathPurpose::ExportImage(ImageScope::View)),
            U::ExportReportBoth => self.ask_path(PathPurpose::ExportReport(None)),
            U::ExportReportZh => self.ask_path(PathPurpose::ExportReport(Some(Lang::Zh))),
            U::ExportReportEn => self.ask_path(PathPurpose::ExportReport(Some(Lang::En))),
            U::ExportReportPdfBoth => self.ask_path(PathPurpose::ExportReportPdf(None)),
            U::ExportReportPdfZh => self.ask_path(PathPurpose::ExportReportPdf(Some(Lang::Zh))),
            U::ExportReportPdfEn => self.ask_path(PathPurpose::ExportReportPdf(Some(Lang::En))),
            U::PrepareFilings => self.ask_path(PathPurpose::Filing),
            U::CopyImage => self.copy_image(ctx),
            U::ImportUnderlay => self.ask_path(PathPurpose::ImportUnderlay),
            U::RemoveUnderlay => self.remove_underlay(),
            U::Quit => {
                self.recovery.clear();
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            U::Undo | U::Redo => {
                self.gesture = Gesture::None;
                if let Some(doc) = &mut self.doc {
                    if c == U::Undo {
                        doc.undo();
                    } else {
                        doc.redo();
                    }
                }
                self.after_edit();
            }
            U::Delete => self.delete_selection(),
            U::Duplicate => {
                let items = self.selected_items();
                self.paste(items, [0.5, -0.5]);
            }
            U::Copy => self.copy_selection(ctx),
            U::Paste => {
                let items = self.clipboard.clone();
                self.paste(items, [0.5, -0.5]);
            }
            U::SelectAll => {
                if let Some(floor) = self.current_floor() {
                    self.selection = super::edit::refs(floor).collect();
                }
            }
            U::NudgeLeft | U::NudgeFarLeft => self.nudge([-step(c == U::NudgeFarLeft), 0.0]),
            U::NudgeRight | U::NudgeFarRight => self.nudge([step(c == U::NudgeFarRight), 0.0]),
            U::NudgeUp | U::NudgeFarUp => self.nudge([0.0, step(c == U::NudgeFarUp)]),
            U::NudgeDown | U::NudgeFarDown => self.nudge([0.0, -step(c == U::NudgeFarDown)]),
            U::Finish => self.finish_shape(),
            U::Cancel => {
                // Esc closes the topmost window first, then drops what is being drawn, then
                // the selection.
                if self.path_prompt.take().is_some()
                    || self.new_camera.take().is_some()
                    || self.import_dialog.take().is_some()
                    || std::mem::take(&mut self.show_help)
                {
                    return;
                }
                if matches!(self.gesture, Gesture::None) && self.calibration.is_none() {
                    self.selection.clear();
                    self.tool = Tool::Select;
                }
                self.gesture = Gesture::None;
                self.calibration = None;
            }
            U::Tool(t) => {
                self.gesture = Gesture::None;
                self.tool = t;
                self.calibration = (t == Tool::Calibrate).then(Default::default);
            }
            U::ZoomToFit => self.view = None,
            U::ZoomIn => self.run(ctx, Command::Zoom(1.25)),
            U::ZoomOut => self.run(ctx, Command::Zoom(0.8)),
            U::ToggleLanguage => self.lang = self.lang.other(),
            U::ShowLegend => self.shown.legend ^= true,
            U::ShowGrid => self.shown.grid ^= true,
            U::ShowUnderlay => self.shown.underlay ^= true,
            U::ShowAreas => self.shown.areas ^= true,
            U::ShowSignAreas => self.shown.sign_areas ^= true,
            U::ShowLabels => self.shown.labels ^= true,
            U::ShowMarkers => self.shown.markers ^= true,
            U::ShowDoriAll => self.shown.dori_all ^= true,
            U::ShowGaps => self.shown.gaps ^= true,
            U::FixAll => self.fix_all(),
            U::AddFloor => self.add_floor(),
            U::Help => self.show_help = !self.show_help,
        }
    }
}
