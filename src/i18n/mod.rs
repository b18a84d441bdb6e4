//! The one fi/sv/en message catalogue: every fixed word polku shows people, in three Fluent files.
//!
//! A key design decision: the words live in `fi.ftl`, `sv.ftl` and `en.ftl` beside this file
//! (Mozilla's Fluent format, read by `fluent-bundle`), embedded in the binary and parsed once, and
//! code names a message only through the typed [`Msg`] the [`catalogue!`] macro below generates.
//! A misspelt message or argument name does not compile, and the tests of this module prove that
//! every message exists in all three files with the same variables and formats without errors.
//! Plural and other selections are the translator's, written in the file (`{ $count -> … }`),
//! so code never builds "1 pathways".
//!
//! This module is a leaf: it imports nothing of polku, so the model, the renderers and the server
//! can all use it. [`Lang`] lives here for that reason (the model re-exports it).
//!
//! Outputs are SVG, DOT and HTML, so Fluent's bidi isolation marks around arguments are turned
//! off: they would be invisible characters in a diagram label.

mod keys;
mod lang;
mod table;

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

pub use keys::Msg;
pub use lang::Lang;
pub(crate) use table::text_table;

/// The Fluent source of each language, in [`Lang::ALL`]'s order.
const SOURCES: [(Lang, &str); 3] = [
    (Lang::Fi, include_str!("fi.ftl")),
    (Lang::Sv, include_str!("sv.ftl")),
    (Lang::En, include_str!("en.ftl")),
];

/// One parsed bundle per language, in [`Lang::ALL`]'s order, made on first use.
static BUNDLES: LazyLock<[FluentBundle<FluentResource>; 3]> =
    LazyLock::new(|| SOURCES.map(|(lang, source)| bundle(lang, source)));

/// A bundle of one language's file. An embedded file that does not parse (the tests prove ours
/// do) still gives the messages that did, never a panic.
fn bundle(lang: Lang, source: &str) -> FluentBundle<FluentResource> {
    let locale = lang
        .code()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match lang {
        Lang::En => number::<false, _>,
        Lang::Fi | Lang::Sv => number::<true, _>,
    }));
    let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
    // A message defined twice keeps its first definition; the tests forbid it anyway.
    let _ = bundle.add_resource(resource);
    bundle
}

/// How the files show a number argument: Fluent's shortest form ("7", "1.5") with the decimal
/// comma of Finnish and Swedish when `COMMA`, and infinity as "∞". Other values are Fluent's.
fn number<const COMMA: bool, M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    let FluentValue::Number(n) = value else {
        return None;
    };
    if n.value.is_infinite() {
        return Some("∞".into());
    }
    let shown = n.as_string();
    Some(if COMMA {
        shown.replace('.', ",")
    } else {
        shown.into_owned()
    })
}

/// The bundle of `lang`.
fn bundle_of(lang: Lang) -> &'static FluentBundle<FluentResource> {
    &BUNDLES[lang as usize]
}

/// One argument of a message: text shown as it is, or a number that Fluent selects plural forms
/// by and shows in the language's way (decimal comma in fi and sv, see [`number`]). Round a
/// figure before passing it: it is shown with all its digits.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg<'a> {
    /// Text, shown as it is.
    Text(Cow<'a, str>),
    /// A number: for plural selection and whole counts.
    Number(f64),
}

impl<'a> Arg<'a> {
    fn fluent(&self) -> FluentValue<'_> {
        match self {
            Arg::Text(s) => FluentValue::from(s.as_ref()),
            Arg::Number(n) => FluentValue::from(*n),
        }
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}

impl From<f64> for Arg<'_> {
    fn from(n: f64) -> Self {
        Arg::Number(n)
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                // Counts of things in one workspace: far below 2^53, so exact.
                Arg::Number(n as f64)
            }
        }
    )*};
}
number_args!(usize, u32, u64, i32, i64);

/// The message in `lang`.
///
/// A message the file lacks (the tests prove none does) gives its id, so a page shows what is
/// missing instead of nothing.
pub fn text(lang: Lang, msg: &Msg<'_>) -> String {
    let bundle = bundle_of(lang);
    let Some(pattern) = bundle.get_message(msg.id()).and_then(|m| m.value()) else {
        return msg.id().to_string();
    };
    let args = msg.args();
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, args.as_ref(), &mut errors)
        .into_owned()
}

impl Lang {
    /// The message in this language: `lang.text(&Msg::LegendHeading)`.
    pub fn text(self, msg: &Msg<'_>) -> String {
        text(self, msg)
    }
}

/// Builds the Fluent arguments of a message from its fields.
fn fluent_args<'a>(args: &[(&'static str, &'a Arg<'a>)]) -> Option<FluentArgs<'a>> {
    if args.is_empty() {
        return None;
    }
    let mut out = FluentArgs::with_capacity(args.len());
    for (name, arg) in args {
        out.set(*name, arg.fluent());
    }
    Some(out)
}

#[cfg(test)]
mod tests;
