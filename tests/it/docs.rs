//! The format reference (`docs/format.md`) documents exactly the fields the schema (and so the
//! loader) knows, every vocabulary word and every diagnostic code.

use std::collections::{BTreeMap, BTreeSet};

use polku::diagnostic::Code;
use polku::model::{
    ActorKind, ClockEnd, DocSection, EntryChannel, HandoffKind, Level, PathwayStatus, Protocol,
    Sector,
};
use polku::workspace::schema::table_fields;

fn reference() -> String {
    std::fs::read_to_string("docs/format.md").unwrap()
}

/// Field names in the first column of the tables under each `` ## `[table]` `` heading.
fn documented_fields(doc: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut current: Vec<String> = Vec::new();
    for line in doc.lines() {
        if line.starts_with('#') {
            current = line
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|s| s.starts_with('['))
                .map(|s| s.trim_matches(['[', ']']).to_string())
                .collect();
            for c in &current {
                out.entry(c.clone()).or_default();
            }
        } else if line.starts_with("| `") {
            let field = line.split('`').nth(1).unwrap().to_string();
            for c in &current {
                out.get_mut(c).unwrap().insert(field.clone());
            }
        }
    }
    out
}

#[test]
fn reference_documents_exactly_the_schema_fields() {
    let documented = documented_fields(&reference());
    let tables = [
        "pathway",
        "actor",
        "need",
        "service",
        "service.eligibility",
        "service.capacity",
        "handoff",
        "profile",
        "clock",
        "clock.from",
        "clock.to",
        "allow",
        "documentation",
        "documentation.titles",
    ];
    assert_eq!(
        documented.keys().cloned().collect::<BTreeSet<_>>(),
        tables.iter().map(|t| t.to_string()).collect(),
        "sections of docs/format.md"
    );
    for table in tables {
        assert_eq!(
            documented[table],
            table_fields(table),
            "fields of [{table}]"
        );
    }
}

#[test]
fn reference_lists_every_vocabulary_word_and_code() {
    let doc = reference();
    let words: Vec<&str> = [
        ActorKind::words(),
        Sector::words(),
        Level::words(),
        EntryChannel::words(),
        HandoffKind::words(),
        Protocol::words(),
        PathwayStatus::words(),
        ClockEnd::words(),
        DocSection::words(),
    ]
    .concat();
    for w in words {
        assert!(
            doc.contains(&format!("`{w}`")),
            "docs/format.md does not list `{w}`"
        );
    }
    for c in Code::ALL {
        assert!(
            doc.contains(c.as_str()) && doc.contains(c.name()),
            "no {c} in docs/format.md"
        );
    }
}

#[test]
fn the_readme_documents_every_command() {
    use clap::CommandFactory;
    let readme = std::fs::read_to_string("README.md").unwrap();
    for command in polku::cli::Cli::command().get_subcommands() {
        let name = command.get_name();
        if name == "help" {
            continue;
        }
        assert!(
            readme.contains(&format!("| `polku {name}")),
            "the README's command table lacks `polku {name}`"
        );
    }
}
