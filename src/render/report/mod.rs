//! Reports people read: diagnostics rustc-style and as JSON ([`diagnostics`]), the analysis report
//! of `polku analyze` ([`analysis`]), each finding's headline in fi/sv/en ([`headline`]), and the
//! rows the server's pages and API both show ([`summary`]).

pub mod analysis;
pub mod diagnostics;
pub mod headline;
pub mod summary;
