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
pub mod pipeline;
pub mod site;
pub mod summary;
pub mod svg;
pub mod view;

use crate::analysis::Analysis;
use crate::model::PathwayIx;
use crate::workspace::Loaded;

/// A loaded and analysed workspace: what every renderer reads. The CLI makes one per run, the
/// server one per reload (its `Snapshot`).
#[derive(Clone, Copy)]
pub struct Analysed<'a> {
    /// The files, the model and the load diagnostics.
    pub loaded: &'a Loaded,
    /// The analysis of the model.
    pub analysis: &'a Analysis,
    /// The pathways each finding concerns (index = finding), from
    /// [`crate::analysis::pathways_of_each`].
    pub finding_pathways: &'a [Vec<PathwayIx>],
}
