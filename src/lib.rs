//! polku: service pathways of Finnish child and youth services as graphs — defined in plain TOML
//! files, checked like code, analysed for gaps and handoff bottlenecks, and rendered as diagrams
//! and documentation.
//!
//! Data flows one way: files → [`workspace`] → [`model`] → analysis → render → [`cli`]. The
//! model is pure data; only the workspace loader and the command line touch the file system.

#![warn(missing_docs)]

pub mod analysis;
pub mod cli;
pub mod diagnostic;
pub mod i18n;
pub mod model;
pub mod render;
pub mod server;
pub mod workspace;
