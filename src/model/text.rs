//! Human text in Finnish, Swedish and English.

use serde::Serialize;

/// The language lives in the catalogue, the leaf every layer imports; the model re-exports it.
pub use crate::i18n::Lang;

/// Text written either as one plain string or as a `{ fi, sv, en }` table.
///
/// A plain string is not tagged with a language: it is shown in every language until a translation
/// is written. Lookups fall back Finnish → Swedish → English so that no label is ever empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct LocalText {
    /// Text written as a plain string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plain: Option<String>,
    /// Finnish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fi: Option<String>,
    /// Swedish.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sv: Option<String>,
    /// English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl LocalText {
    /// Text that is the same in every language.
    pub fn plain(text: impl Into<String>) -> Self {
        LocalText {
            plain: Some(text.into()),
            ..Self::default()
        }
    }

    /// The text written for exactly this language, without fallback.
    pub fn exact(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::Fi => self.fi.as_deref(),
            Lang::Sv => self.sv.as_deref(),
            Lang::En => self.en.as_deref(),
        }
    }

    /// The text in `lang`, else the plain text, else the first other language that has it.
    pub fn get(&self, lang: Lang) -> &str {
        self.exact(lang)
            .or(self.plain.as_deref())
            .or_else(|| Lang::ALL.into_iter().find_map(|l| self.exact(l)))
            .unwrap_or("")
    }

    /// True when no language has any text.
    pub fn is_empty(&self) -> bool {
        self.plain.is_none() && Lang::ALL.into_iter().all(|l| self.exact(l).is_none())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_through_plain_then_other_languages() {
        let t = LocalText {
            sv: Some("Ungdomsstationen".into()),
            ..Default::default()
        };
        assert_eq!(t.get(Lang::Fi), "Ungdomsstationen");
        let t = LocalText {
            plain: Some("Nuorisoasema".into()),
            sv: Some("Ungdomsstationen".into()),
            ..Default::default()
        };
        assert_eq!(t.get(Lang::Sv), "Ungdomsstationen");
        assert_eq!(t.get(Lang::En), "Nuorisoasema");
        assert!(LocalText::default().is_empty());
        assert_eq!(LocalText::default().get(Lang::Fi), "");
    }
}
