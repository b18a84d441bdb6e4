//! Feeds arbitrary bytes to the workspace loader as two files: it must never panic, and every
//! diagnostic must render.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polku::diagnostic::{SourceFile, Sources};
use polku::render::report::diagnostics::{to_json, to_plain_string};
use polku::workspace::load_sources;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (a, b) = text.split_at(text.char_indices().nth(text.chars().count() / 2).map_or(0, |(i, _)| i));
    let mut sources = Sources::new();
    sources.add(SourceFile::new("a.toml", a));
    sources.add(SourceFile::new("b.toml", b));
    let loaded = load_sources(sources);
    let _ = to_plain_string(&loaded.sources, &loaded.diagnostics);
    let _ = to_json(&loaded.sources, &loaded.diagnostics);
});
