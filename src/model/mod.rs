//! The site document: types, load/save and validation. Knows nothing of geometry or drawing.

mod bounds;
pub mod catalogue;
mod date;
pub mod device;
mod io;
mod types;
pub mod write;

pub use bounds::bounds;
pub use date::{civil_from_days, today};
pub use io::{
    is_calendar_date, load, load_with_bytes, parse, read_at_most, read_site_file, save, validate,
    LoadError, SaveError, MAX_COORDINATE_M, MAX_LENGTH_M,
};
pub use types::*;
pub use write::{write_atomically, write_atomically_with};
