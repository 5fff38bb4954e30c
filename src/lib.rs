//! Sightline: checks a facility's floor plan against Article 13 of the Measures for the
//! Security Management of Face Recognition Technology Applications (2025) and State Council
//! Decree No. 799, with exact geometry.
//!
//! Data flows one way: [`model::Site`] → [`analysis::Analysis`] → [`rules::Finding`]s.

pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod checker;
pub mod cli;
pub mod console;
pub mod filing;
pub mod fix;
pub mod geometry;
pub mod i18n;
pub mod import;
pub mod model;
pub mod pdf;
pub mod render;
pub mod report;
pub mod rules;
pub mod scene;
pub mod synthetic;
