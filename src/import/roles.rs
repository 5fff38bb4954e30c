//! What each layer of a drawing holds (import.md, "Roles of layers"), guessed from its name or
//! set by the user's `--walls`/`--doors`/… patterns.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use serde::Serialize;

/// The role of a layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Wall,
    Column,
    Glass,
    Door,
    Window,
    Text,
    /// Rooms as drawn: closed polylines are spaces, texts name them (import.md item 13).
    Room,
    /// Never walls: dimensions, axes, hatches, furniture, flooring …; still drawn in the underlay.
    Ignore,
    /// Left out altogether, also from the underlay (`--exclude`).
    Exclude,
    /// Nothing recognised: drawn in the underlay only.
    Other,
}

impl Role {
    /// Every role, in the order the dialog offers them.
    pub const ALL: [Role; 10] = [
        Role::Wall,
        Role::Column,
        Role::Glass,
        Role::Door,
        Role::Window,
        Role::Text,
        Role::Room,
        Role::Ignore,
        Role::Exclude,
        Role::Other,
    ];

    /// The name used in JSON and `--list`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Wall => "wall",
            Role::Column => "column",
            Role::Glass => "glass",
            Role::Door => "door",
            Role::Window => "window",
            Role::Text => "text",
            Role::Room => "room",
            Role::Ignore => "ignore",
            Role::Exclude => "exclude",
            Role::Other => "other",
        }
    }

    /// The role's name in the editor.
    pub fn label(self, lang: crate::i18n::Lang) -> &'static str {
        let zh = lang == crate::i18n::Lang::Zh;
        match (self, zh) {
            (Role::Wall, false) => "Walls",
            (Role::Wall, true) => "墙体",
            (Role::Column, false) => "Columns (as walls)",
            (Role::Column, true) => "柱（按墙）",
            (Role::Glass, false) => "Glass (wall with window)",
            (Role::Glass, true) => "玻璃（带窗的墙）",
            (Role::Door, false) => "Doors",
            (Role::Door, true) => "门",
            (Role::Window, false) => "Windows",
            (Role::Window, true) => "窗",
            (Role::Text, false) => "Room names",
            (Role::Text, true) => "房间名称",
            (Role::Room, false) => "Rooms (outlines and names)",
            (Role::Room, true) => "房间（轮廓与名称）",
            (Role::Ignore, false) => "Not walls (drawn only)",
            (Role::Ignore, true) => "非墙（仅绘制）",
            (Role::Exclude, false) => "Leave out",
            (Role::Exclude, true) => "不导入",
            (Role::Other, false) => "Other (drawn only)",
            (Role::Other, true) => "其他（仅绘制）",
        }
    }
}

/// The part of a layer name that counts: after an xref's last `$` or `|`.
///
/// ```
/// use sightline::import::roles::base_name;
/// assert_eq!(base_name("xref-Plan01$0$A-WALL"), "A-WALL");
/// assert_eq!(base_name("RM$"), "RM$");
/// ```
pub fn base_name(layer: &str) -> &str {
    match layer.rsplit(['$', '|']).next() {
        Some(last) if !last.is_empty() => last,
        // `RM$` (Revit's room layer) ends with the separator: the name is the whole.
        _ => layer,
    }
}

fn tokens(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_uppercase)
        .collect()
}

/// The role a layer's name suggests.
///
/// ```
/// use sightline::import::roles::{guess, Role};
/// assert_eq!(guess("xref-Plan01$0$A-WALL"), Role::Wall);
/// assert_eq!(guess("墙体"), Role::Wall);
/// assert_eq!(guess("幕墙"), Role::Glass);
/// assert_eq!(guess("A-GLAZ"), Role::Window);
/// assert_eq!(guess("Flooring"), Role::Ignore);
/// assert_eq!(guess("RM$"), Role::Room);
/// assert_eq!(guess("UNITS"), Role::Room);
/// assert_eq!(guess("UNITLABELS"), Role::Text);
/// assert_eq!(guess("A-IDEN-NAME-EXST"), Role::Text);
/// assert_eq!(guess("A-AREA-IDEN"), Role::Room);
/// assert_eq!(guess("面积"), Role::Room);
/// assert_eq!(guess("DOTE"), Role::Ignore);
/// assert_eq!(guess("SPACE_HATCH"), Role::Ignore);
/// ```
pub fn guess(layer: &str) -> Role {
    let name = base_name(layer);
    let upper = name.to_uppercase();
    let toks = tokens(name);
    let tok = |prefixes: &[&str]| {
        toks.iter()
            .any(|t| prefixes.iter().any(|p| t.starts_with(p)))
    };
    let has = |parts: &[&str]| parts.iter().any(|p| name.contains(p));
    if upper == "A-GLAZ" {
        return Role::Window;
    }
    let exact = |words: &[&str]| toks.iter().any(|t| words.contains(&t.as_str()));
    if upper == "RM$" || upper == "RM" {
        return Role::Room;
    }
    if has(&[
        "标注", "尺寸", "轴", "填充", "家具", "图框", "地面", "铺装", "洁具",
    ]) || tok(&[
        "DIM",
        "AXIS",
        "HATCH",
        "FURN",
        "FOOT",
        "FLOOR",
        "DEFPOINTS",
        "GRID",
        "TITLE",
        "PATT",
        "FIXT",
        "EQPM",
        "DOTE",
    ]) {
        return Role::Ignore;
    }
    // Room outlines; their name and number layers are text.
    if !exact(&[
        "NAME", "NUMR", "NUM", "NO", "TEXT", "TAG", "LABEL", "LABELS", "IDEN",
    ]) && (has(&["面积", "空间"])
        || name == "房间"
        || exact(&[
            "RM", "UNITS", "UNIT", "SPACE", "SPACES", "ROOM", "ROOMS", "AREA", "AREAS",
        ]))
    {
        return Role::Room;
    }
    if upper.starts_with("A-AREA") || upper.starts_with("A-SPACE") || upper.starts_with("A-ROOM") {
        return Role::Room;
    }
    if has(&["幕墙", "玻璃"]) || tok(&["CRYSTAL", "GLASS", "GLAZ", "CURTAIN"]) {
        return Role::Glass;
    }
    if has(&["窗"]) || tok(&["WIN"]) {
        return Role::Window;
    }
    if has(&["门"]) || tok(&["DOOR"]) {
        return Role::Door;
    }
    if has(&["柱"]) || tok(&["COL"]) {
        return Role::Column;
    }
    if has(&["墙"]) || tok(&["WALL"]) {
        return Role::Wall;
    }
    if has(&["文字", "房间名称", "房间", "名称"])
        || tok(&["TEXT", "ANNO", "NAME", "ROOM", "NUMR", "IDEN"])
        || upper.contains("LABEL")
    {
        return Role::Text;
    }
    Role::Other
}

/// A user's layer pattern: case-insensitive, `*` for any run of characters, matched against
/// the whole name and against its last part after an xref's `$` or `|`.
///
/// ```
/// use sightline::import::roles::matches;
/// assert!(matches("a-wall*", "xref-Plan01$0$A-WALL-EXT"));
/// assert!(matches("墙体", "墙体"));
/// assert!(!matches("wall", "A-WALL"));
/// ```
pub fn matches(pattern: &str, layer: &str) -> bool {
    glob(&pattern.to_lowercase(), &layer.to_lowercase())
        || glob(&pattern.to_lowercase(), &base_name(layer).to_lowercase())
}

fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    // Iterative matching with one backtrack point: linear in practice, never exponential.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if pi < p.len() && p[pi] == t[ti] {
            pi += 1;
            ti += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Roles the user set on the command line: each list of patterns for one role.
#[derive(Clone, Debug, Default)]
pub struct RoleOverrides {
    pub rules: Vec<(Role, Vec<String>)>,
}

impl RoleOverrides {
    /// The role of `layer`: the user's first matching pattern, else the guess.
    pub fn role_of(&self, layer: &str) -> (Role, bool) {
        for (role, patterns) in &self.rules {
            if patterns.iter().any(|p| matches(p, layer)) {
                return (*role, true);
            }
        }
        (guess(layer), false)
    }

    /// Whether the user named any layer for `role`.
    pub fn sets(&self, role: Role) -> bool {
        self.rules.iter().any(|(r, p)| *r == role && !p.is_empty())
    }
}

/// Door blocks by name: DOOR, 门, M0921, FM1021 (fire door), TLM (sliding) …
pub fn is_door_block(name: &str) -> bool {
    let n = base_name(name).to_uppercase();
    n.contains("DOOR") || n.contains('门') || code_like(&n, &["M", "FM", "TLM", "JLM", "MLC"])
}

/// Window blocks by name: WIN, 窗, C1518 …
pub fn is_window_block(name: &str) -> bool {
    let n = base_name(name).to_uppercase();
    n.starts_with("WIN") || n.contains("WINDOW") || n.contains('窗') || code_like(&n, &["C", "GC"])
}

/// A Chinese door/window code: a prefix and three or four digits (M0921 = 900 × 2100).
fn code_like(name: &str, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| {
        name.strip_prefix(p).is_some_and(|rest| {
            let digits = rest.chars().take_while(char::is_ascii_digit).count();
            (3..=4).contains(&digits)
        })
    })
}
