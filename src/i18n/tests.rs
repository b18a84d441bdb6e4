//! The catalogue is complete: every typed key is a message of all three files with the same
//! variables, no file holds a message no key names, and every message formats cleanly.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentValue};
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};

use super::keys::KEYS;
use super::*;

/// The messages of one file with the variables each references, failing on any syntax error.
fn messages(lang: Lang, source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{lang:?}.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                let id = m.id.name.to_string();
                assert!(
                    m.attributes.is_empty(),
                    "{lang:?} {id}: attributes are not used"
                );
                let value = m
                    .value
                    .unwrap_or_else(|| panic!("{lang:?} {id} has no value"));
                let mut vars = BTreeSet::new();
                pattern_vars(&value, &mut vars);
                assert!(
                    out.insert(id.clone(), vars).is_none(),
                    "{lang:?}: {id} twice"
                );
            }
            Entry::Term(t) => panic!("{lang:?}: term -{} (keep each message whole)", t.id.name),
            Entry::Junk { content } => panic!("{lang:?}: junk {content:?}"),
            Entry::Comment(_) | Entry::GroupComment(_) | Entry::ResourceComment(_) => {}
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Inline(i) => inline_vars(i, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::MessageReference { id, .. } => {
            panic!("message reference {} (keep each message whole)", id.name)
        }
        InlineExpression::TermReference { .. }
        | InlineExpression::StringLiteral { .. }
        | InlineExpression::NumberLiteral { .. } => {}
    }
}

/// The typed keys as the files should have them.
fn declared() -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (id, vars) in KEYS {
        let vars = vars.iter().map(|v| v.to_string()).collect();
        assert!(
            out.insert(id.to_string(), vars).is_none(),
            "{id} declared twice"
        );
    }
    out
}

#[test]
fn every_key_is_in_every_file_with_the_same_variables_and_nothing_else_is() {
    let declared = declared();
    for (lang, source) in SOURCES {
        let found = messages(lang, source);
        for (id, vars) in &declared {
            let Some(has) = found.get(id) else {
                panic!("{id} is missing from {}.ftl", lang.code());
            };
            assert_eq!(has, vars, "{id} in {}.ftl: variables", lang.code());
        }
        for id in found.keys() {
            assert!(
                declared.contains_key(id),
                "{}.ftl has {id}, which no key in keys.rs names",
                lang.code()
            );
        }
    }
}

#[test]
fn ids_are_kebab_case_under_a_known_prefix() {
    const PREFIXES: [&str; 6] = ["legend-", "ui-", "site-", "vocab-", "view-", "headline-"];
    for (id, _) in KEYS {
        assert!(PREFIXES.iter().any(|p| id.starts_with(p)), "{id}: prefix");
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id}: kebab-case"
        );
    }
}

/// Sample values for every variable: counts that select each plural form, and text.
fn samples(vars: &[&'static str]) -> Vec<FluentArgs<'static>> {
    [0.0, 1.0, 2.0, 5.0, 1.5]
        .into_iter()
        .map(|n| {
            let mut args = FluentArgs::new();
            for v in vars {
                let value = if n == 1.5 {
                    FluentValue::from("sample")
                } else {
                    FluentValue::from(n)
                };
                args.set(*v, value);
            }
            args
        })
        .collect()
}

#[test]
fn every_message_formats_without_errors_and_without_isolation_marks() {
    for lang in Lang::ALL {
        let bundle = bundle_of(lang);
        for (id, vars) in KEYS {
            let pattern = bundle
                .get_message(id)
                .and_then(|m| m.value())
                .unwrap_or_else(|| panic!("{id} missing in {lang:?}"));
            let runs = if vars.is_empty() {
                vec![None]
            } else {
                samples(vars).into_iter().map(Some).collect()
            };
            for args in runs {
                let mut errors = Vec::new();
                let out = bundle.format_pattern(pattern, args.as_ref(), &mut errors);
                assert!(errors.is_empty(), "{id} in {lang:?}: {errors:?}");
                assert!(!out.trim().is_empty(), "{id} in {lang:?} is empty");
                assert!(
                    !out.contains(['\u{2068}', '\u{2069}']),
                    "{id} in {lang:?}: isolation marks in {out:?}"
                );
            }
        }
    }
}

#[test]
fn typed_messages_carry_their_arguments_and_select_plurals() {
    let days = |days: f64| Msg::ViewDaysWorking { days: days.into() };
    assert_eq!(Lang::Sv.text(&days(1.0)), "1 vardag");
    assert_eq!(Lang::Sv.text(&days(3.0)), "3 vardagar");
    assert_eq!(Lang::Sv.text(&days(1.5)), "1,5 vardagar");
    assert_eq!(Lang::Fi.text(&days(0.5)), "0,5 arkipv");
    assert_eq!(Lang::En.text(&days(0.5)), "0.5 working d");
    assert_eq!(Lang::En.text(&days(f64::INFINITY)), "∞ working d");
    assert_eq!(Lang::En.text(&Msg::LegendHeading), "Legend");
    assert_eq!(Msg::LegendHeading.id(), "legend-heading");
}

/// A referral loop has one name per language (fi "lähetekehä", sv "remissloop"): the words the
/// older texts used for it beside those must not come back into the catalogue.
#[test]
fn a_referral_loop_has_one_name_per_language() {
    let retired: [(Lang, &[&str]); 2] = [
        (Lang::Fi, &["kierre", "kierte", "silmukka"]),
        (Lang::Sv, &["kretslopp", "slinga", "remisscirkel"]),
    ];
    for (lang, words) in retired {
        let (_, source) = SOURCES.iter().find(|(l, _)| *l == lang).unwrap();
        for line in source.lines().filter(|l| !l.starts_with('#')) {
            let lower = line.to_lowercase();
            for word in words {
                assert!(
                    !lower.contains(word),
                    "{lang:?} catalogue names a referral loop {word:?}: {line}"
                );
            }
        }
    }
}
