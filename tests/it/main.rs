//! polku's integration tests, one binary with a module per feature: the library is linked once
//! (fourteen test binaries each linked it before, most of a cold `cargo test`), and the helpers
//! every feature uses are written once, in [`support`].
//!
//! The modules drive the real binary (`polku check`, `analyze`, `render`, `export`, `build`,
//! `serve`), hand what polku writes to its real consumers (Graphviz, bpmn-moddle, Mermaid,
//! networkx, Chromium), and check the shipped `pathways/` and the fixtures under `tests/fixtures/`.

mod support;

/// The benchmarks' workspace generator: workspaces of national shape at any size.
#[path = "../../benches/generate/mod.rs"]
mod generate;

mod analyze;
mod build;
mod cli;
mod docs;
mod dot_views;
mod e2e;
mod example_workspace;
mod exports;
mod findings;
mod fixtures;
mod pipeline_properties;
mod planted;
mod print;
mod properties;
mod render_cli;
mod serve;
