//! The loader never panics, whatever it is fed: arbitrary bytes, and documents that are valid TOML
//! with the format's keys but wrong types, values and references.

use polku::diagnostic::{SourceFile, Sources};
use polku::workspace::load_sources;
use proptest::prelude::*;

fn load(files: Vec<String>) -> polku::workspace::Loaded {
    let mut sources = Sources::new();
    for (i, text) in files.into_iter().enumerate() {
        sources.add(SourceFile::new(format!("f{i}.toml"), text));
    }
    load_sources(sources)
}

/// A TOML value of any type, so that every field meets every wrong type.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("\"kuraattori\"".to_string()),
        Just("\"nuorisoasema\"".to_string()),
        Just("\"substance\"".to_string()),
        Just("\"fi\"".to_string()),
        "\"[a-zäö_ -]{0,12}\"",
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| if f.is_finite() {
            format!("{f:?}")
        } else {
            "nan".into()
        }),
        Just("-0.5".to_string()),
        Just("true".to_string()),
        Just("2024-05-16".to_string()),
        Just("{ fi = \"a\", xx = 1 }".to_string()),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(("[a-z_]{1,8}", inner), 0..3).prop_map(|kv| {
                let body: Vec<String> = kv.into_iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", body.join(", "))
            }),
        ]
    })
}

const KEYS: &[&str] = &[
    "id",
    "name",
    "title",
    "kind",
    "sector",
    "level",
    "actor",
    "entry",
    "exit",
    "from",
    "to",
    "share",
    "wait_days",
    "wait_working_days",
    "protocol",
    "consent",
    "age",
    "language",
    "needs",
    "arrivals_per_month",
    "eligibility",
    "capacity",
    "services",
    "owner",
    "created",
    "limit_days",
    "unknown_key",
];
const TABLES: &[&str] = &[
    "[pathway]",
    "[[actor]]",
    "[[need]]",
    "[[service]]",
    "[[handoff]]",
    "[[profile]]",
    "[[clock]]",
];

fn document() -> impl Strategy<Value = String> {
    let table = (
        prop::sample::select(TABLES),
        prop::collection::vec((prop::sample::select(KEYS), value()), 0..8),
    )
        .prop_map(|(header, fields)| {
            let mut seen = std::collections::HashSet::new();
            let body: Vec<String> = fields
                .into_iter()
                .filter(|(k, _)| seen.insert(*k))
                .map(|(k, v)| format!("{k} = {v}"))
                .collect();
            format!("{header}\n{}\n", body.join("\n"))
        });
    prop::collection::vec(table, 0..6).prop_map(|t| t.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let loaded = load(vec![String::from_utf8_lossy(&bytes).into_owned()]);
        let text = polku::render::report::diagnostics::to_plain_string(&loaded.sources, &loaded.diagnostics);
        prop_assert!(loaded.diagnostics.is_empty() || !text.is_empty());
    }

    #[test]
    fn wrong_but_valid_toml_never_panics(docs in prop::collection::vec(document(), 1..4)) {
        let loaded = load(docs);
        // Every diagnostic points inside its file, so it can be printed with its source line.
        for d in &loaded.diagnostics {
            if let Some(o) = &d.origin {
                let len = loaded.sources.get(o.file).text.len();
                prop_assert!(o.span.start <= o.span.end && o.span.end <= len, "{d:?}");
            }
        }
        let _ = polku::render::report::diagnostics::to_plain_string(&loaded.sources, &loaded.diagnostics);
        let _ = polku::render::report::diagnostics::to_json(&loaded.sources, &loaded.diagnostics);
    }
}
