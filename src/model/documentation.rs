//! How a workspace wants its pathway pages laid out: which documentation sections, in what order,
//! under which titles (`[documentation]` in any workspace file).
//!
//! Innokylä's full operating-model template is not published, and teams and counties follow their
//! own variants of it, so the section list is data of the workspace rather than code of polku.
//! Renderers read it; the default is every section in Innokylä's order under polku's titles.

use serde::Serialize;

use super::{DocSection, Lang, LocalText};

/// The sections of a pathway page and their titles.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Documentation {
    /// The sections shown, in order (already without the left-out ones).
    pub sections: Vec<DocSection>,
    /// Titles written in the workspace, replacing polku's default for that section.
    pub titles: Vec<(DocSection, LocalText)>,
}

impl Default for Documentation {
    fn default() -> Self {
        Documentation {
            sections: DocSection::ALL.to_vec(),
            titles: Vec::new(),
        }
    }
}

impl Documentation {
    /// The title of `section` in `lang`: the workspace's own title when it is written for this
    /// language (or as a plain string), else polku's default. A title written only in Finnish
    /// does not replace the Swedish default: a Swedish page keeps Swedish titles.
    pub fn title(&self, section: DocSection, lang: Lang) -> &str {
        self.titles
            .iter()
            .find(|(s, _)| *s == section)
            .and_then(|(_, t)| t.exact(lang).or(t.plain.as_deref()))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| section.label(lang))
    }

    /// True when pages show `section`.
    pub fn shows(&self, section: DocSection) -> bool {
        self.sections.contains(&section)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_titles_replace_defaults_only_in_their_language() {
        let mut d = Documentation::default();
        assert_eq!(
            d.title(DocSection::CoreIdea, Lang::Fi),
            "Ratkaisun perusidea"
        );
        d.titles.push((
            DocSection::CoreIdea,
            LocalText {
                fi: Some("Perusajatus".into()),
                ..LocalText::default()
            },
        ));
        assert_eq!(d.title(DocSection::CoreIdea, Lang::Fi), "Perusajatus");
        assert_eq!(
            d.title(DocSection::CoreIdea, Lang::Sv),
            "Lösningens grundidé"
        );
        d.titles
            .push((DocSection::Contact, LocalText::plain("Ota yhteyttä")));
        assert_eq!(d.title(DocSection::Contact, Lang::En), "Ota yhteyttä");
    }
}
