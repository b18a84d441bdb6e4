//! The commented starter pathway that `polku new` writes.
//!
//! The template lives in `starter.toml` beside this file so that it reads as the TOML a user will
//! edit; its ids are prefixed with the new pathway's id so it never collides with a workspace's
//! existing entities.

const TEMPLATE: &str = include_str!("starter.toml");

/// The starter file for a pathway with this id. `id` must already be a valid id
/// ([`super::check_id`]); the title is made from it.
pub fn starter(id: &str) -> String {
    let mut title: String = id.replace('-', " ");
    if let Some(first) = title.get(0..1) {
        title = first.to_uppercase() + &title[1..];
    }
    TEMPLATE.replace("{id}", id).replace("{title}", &title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{SourceFile, Sources};
    use crate::model::PathwayIx;
    use crate::workspace::load_sources;

    #[test]
    fn starter_passes_check_with_no_diagnostics() {
        let mut sources = Sources::new();
        sources.add(SourceFile::new("uusi-polku.toml", starter("uusi-polku")));
        let loaded = load_sources(sources);
        assert_eq!(loaded.diagnostics, vec![]);
        assert_eq!(loaded.model.pathways().len(), 1);
        let p = &loaded.model.pathway(PathwayIx(0));
        assert_eq!(p.services.len(), 2);
        assert_eq!(p.handoffs.len(), 1);
        assert_eq!(p.profiles.len(), 1);
        assert_eq!(p.title.get(crate::model::Lang::Fi), "Uusi polku");
    }

    #[test]
    fn two_starters_in_one_workspace_do_not_collide() {
        let mut sources = Sources::new();
        sources.add(SourceFile::new("a.toml", starter("a")));
        sources.add(SourceFile::new("b.toml", starter("b")));
        assert_eq!(load_sources(sources).diagnostics, vec![]);
    }
}
