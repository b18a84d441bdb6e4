//! Model and findings → what people read: terminal reports and machine-readable JSON.
//!
//! **Architecture Invariant:** renderers only read; they never load files or change the model.

pub mod analysis;
pub mod diagnostics;
