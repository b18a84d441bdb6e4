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
pub mod print;
pub mod report;
pub mod site;
pub mod viewer;
pub mod xml;

use crate::analysis::{self, Analysis};
use crate::model::{Model, PathwayIx};
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

/// What is derived from a load once, for an [`Analysed`] to borrow: the analysis and the pathways
/// each finding concerns.
pub struct Derived {
    /// The analysis of the model.
    pub analysis: Analysis,
    /// The pathways each finding concerns (index = finding).
    pub finding_pathways: Vec<Vec<PathwayIx>>,
}

impl Derived {
    /// Analyses `model`.
    pub fn of(model: &Model) -> Derived {
        let analysis = analysis::analyze(model);
        let finding_pathways = analysis::pathways_of_each(model, &analysis.findings);
        Derived {
            analysis,
            finding_pathways,
        }
    }

    /// The analysed workspace of `loaded`, which this was derived from.
    pub fn with<'a>(&'a self, loaded: &'a Loaded) -> Analysed<'a> {
        Analysed {
            loaded,
            analysis: &self.analysis,
            finding_pathways: &self.finding_pathways,
        }
    }
}
