//! A room's kind guessed from its name or the fixtures inside it (import.md 9).

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

use crate::model::SpaceKind;

/// Words of a room name and the kind they mean, most specific first.
const NAMES: &[(SpaceKind, &[&str])] = &[
    (
        SpaceKind::NursingRoom,
        &["母婴室", "哺乳室", "NURSING", "MOTHER"],
    ),
    (SpaceKind::FittingRoom, &["试衣间", "FITTING"]),
    (
        SpaceKind::ChangingRoom,
        &["更衣室", "更衣", "CHANGING", "LOCKER"],
    ),
    (
        SpaceKind::Toilet,
        &[
            "卫生间",
            "厕所",
            "洗手间",
            "盥洗",
            "WC",
            "TOILET",
            "RESTROOM",
            "LAVATORY",
        ],
    ),
    (
        SpaceKind::Bath,
        &["浴室", "淋浴", "BATH", "SHOWER", "ΛΟΥΤΡΟ", "ΜΠΑΝΙΟ"],
    ),
    (SpaceKind::HotelRoom, &["客房", "套房", "GUEST", "SUITE"]),
    (
        SpaceKind::PrivateDining,
        &["包间", "包厢", "雅间", "PRIVATE DINING"],
    ),
    (SpaceKind::DormRoom, &["宿舍", "休息室", "DORM"]),
    (
        SpaceKind::NonPublic,
        &[
            "办公室",
            "机房",
            "库房",
            "仓库",
            "设备",
            "OFFICE",
            "STORAGE",
            "STORE",
            "PLANT",
        ],
    ),
    (
        SpaceKind::Public,
        &[
            "大堂", "走廊", "大厅", "过道", "门厅", "LOBBY", "CORRIDOR", "HALL", "FOYER",
        ],
    ),
];

/// Fixture blocks and texts that tell a room's kind when its name does not.
const FIXTURES: &[(SpaceKind, &[&str])] = &[
    (
        SpaceKind::Toilet,
        &[
            "坐便器",
            "蹲便器",
            "小便器",
            "TOILET",
            "WC",
            "LAV",
            "URINAL",
        ],
    ),
    (SpaceKind::Bath, &["浴缸", "淋浴", "TUB", "SHWR", "SHOWER"]),
];

fn find(table: &[(SpaceKind, &[&str])], text: &str) -> Option<SpaceKind> {
    let upper = text.to_uppercase();
    table.iter().find_map(|(kind, words)| {
        words
            .iter()
            .any(|w| {
                if w.is_ascii() {
                    ascii_word(&upper, w)
                } else {
                    upper.contains(w)
                }
            })
            .then_some(*kind)
    })
}

/// An ASCII keyword as a word of its own or a word's start ("WC1", "TOILETS", not "SWC").
fn ascii_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphabetic())
    })
}

/// The kind a room name means.
///
/// ```
/// use sightline::import::kinds::from_name;
/// use sightline::model::SpaceKind;
/// assert_eq!(from_name("卫生间"), Some(SpaceKind::Toilet));
/// assert_eq!(from_name("客房 8201"), Some(SpaceKind::HotelRoom));
/// assert_eq!(from_name("Staff WC"), Some(SpaceKind::Toilet));
/// assert_eq!(from_name("Switch room"), None);
/// ```
pub fn from_name(name: &str) -> Option<SpaceKind> {
    find(NAMES, name)
}

/// The kind a fixture block's name (or a fixture's label) means.
pub fn from_fixture(name: &str) -> Option<SpaceKind> {
    find(FIXTURES, crate::import::roles::base_name(name))
}
