//! Model and findings → what people read: terminal reports and machine-readable JSON.
//!
//! **Architecture Invariant:** renderers only read; they never load files or change the model.

pub mod analysis;
pub mod bpmn;
pub mod diagnostics;
pub mod dot;
pub mod graphml;
pub mod graphviz;
pub mod headline;
pub mod json;
pub mod layout;
pub mod mermaid;
pub mod site;
pub mod svg;
pub mod view;
