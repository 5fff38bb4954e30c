//! Pure geometry on plan coordinates (metres, y up): what a device sees, how the plan is
//! classified, where a zone can be entered and which signs a person walking in can read.
//!
//! One algorithm per file. Everything here is a pure function of its inputs; the
//! [`crate::analysis`] module calls them once per change and shares the results.

// Indices here come from the algorithm's own ranges (segment, vertex and cell numbers of the
// vectors it built), never from a file; a slip is a bug to find in tests, not input to handle.
#![allow(clippy::indexing_slicing)]

pub mod blind;
pub mod change;
pub mod classify;
pub mod clip;
pub mod cone;
pub mod entry;
pub mod fan;
pub mod index;
pub mod mount;
pub mod polygon;
pub mod primitives;
pub mod segments;
pub mod sign_coverage;
pub mod underlay;
pub mod vertical;
pub mod visibility;

pub use primitives::{Seg, V2};
