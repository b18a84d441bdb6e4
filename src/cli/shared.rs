//! Arguments and look-ups more than one command uses.

use clap::ValueEnum;

use super::Failure;
use crate::diagnostic::did_you_mean;
use crate::model::{Lang, Model, PathwayIx, ProfileIx};

/// `--lang fi|sv|en`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
pub enum Language {
    /// suomi
    Fi,
    /// svenska
    Sv,
    /// English
    En,
}

impl From<Language> for Lang {
    fn from(l: Language) -> Lang {
        match l {
            Language::Fi => Lang::Fi,
            Language::Sv => Lang::Sv,
            Language::En => Lang::En,
        }
    }
}

/// An unknown id, with the closest known one or the list.
pub fn unknown<'a>(kind: &str, id: &str, ids: impl Iterator<Item = &'a str>) -> Failure {
    let ids: Vec<&str> = ids.collect();
    match did_you_mean(id, ids.iter().copied()) {
        Some(m) => Failure(format!("unknown {kind} `{id}`; did you mean `{m}`?")),
        None => Failure(format!(
            "unknown {kind} `{id}`; the workspace has: {}",
            ids.join(", ")
        )),
    }
}

/// The pathway with this id, or a failure that lists them.
pub fn resolve_pathway(model: &Model, id: &str) -> Result<PathwayIx, Failure> {
    model
        .pathway_by_id(id)
        .ok_or_else(|| unknown("pathway", id, model.pathways.iter().map(|p| p.id.as_str())))
}

/// The profile with this id, or a failure that lists them.
pub fn resolve_profile(model: &Model, id: &str) -> Result<ProfileIx, Failure> {
    model
        .profile_by_id(id)
        .ok_or_else(|| unknown("profile", id, model.profiles.iter().map(|p| p.id.as_str())))
}
