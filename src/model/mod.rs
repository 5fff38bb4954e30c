//! The site document: types, load/save and validation. Knows nothing of geometry or drawing.

mod io;
mod types;

pub use io::{
    load, parse, save, validate, write_atomically, LoadError, SaveError, MAX_COORDINATE_M,
    MAX_LENGTH_M,
};
pub use types::*;
