//! The three languages polku speaks.

use serde::Serialize;

/// A user-facing language. Finnish is the working language of polku's users, Swedish the second
/// national language (bilingual regions must get Swedish-language service chains), English for
/// everyone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// suomi
    Fi,
    /// svenska
    Sv,
    /// English
    En,
}

impl Lang {
    /// All languages, Finnish first: the order text falls back in.
    pub const ALL: [Lang; 3] = [Lang::Fi, Lang::Sv, Lang::En];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses an ISO 639-1 code of one of the three languages.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}
