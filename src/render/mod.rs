//! Model and findings → what people read, in three products: [`diagram`]s, [`export`]s for other
//! tools, and [`report`]s; plus the documentation [`site`] that combines them, and the one
//! output [`pipeline`] through which the CLI and the server make every format.
//!
//! **Architecture Invariant:** renderers only read; they never load files or change the model.

pub mod diagram;
pub mod export;
pub mod figures;
pub mod format;
pub mod pipeline;
pub mod report;
pub mod site;

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
