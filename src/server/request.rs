//! What the pages and the API read from a request, in one place both use: the visitor's
//! language (query, cookie, browser), the query structs, the checked look-up of a pathway id,
//! and the error counts per file. Neither borrows these from the other.

use std::collections::BTreeMap;

use axum::http::{HeaderMap, header};
use serde::{Deserialize, Serialize};

use super::state::{AppState, Snapshot};
use crate::diagnostic::Severity;
use crate::model::{Lang, PathwayIx};
use crate::render::report::summary::FindingFilter;

/// The cookie that remembers the visitor's language.
pub const LANG_COOKIE: &str = "polku-lang";

/// The visitor's language: `?lang=`, else the cookie, else the browser's first of fi/sv/en, else
/// Finnish. The second value is true when `?lang=` chose it (the cookie is then set).
pub fn language(query: Option<&str>, headers: &HeaderMap) -> (Lang, bool) {
    if let Some(lang) = query.and_then(Lang::from_code) {
        return (lang, true);
    }
    let cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .and_then(|(_, v)| Lang::from_code(v));
    if let Some(lang) = cookie {
        return (lang, false);
    }
    let browser = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .into_iter()
        .flat_map(|v| v.split(','))
        .filter_map(|tag| {
            let tag = tag.split(';').next()?.trim();
            Lang::from_code(tag.split('-').next()?.to_ascii_lowercase().as_str())
        })
        .next();
    (browser.unwrap_or(Lang::Fi), false)
}

/// Load errors per file in the newest load (the overlay's problems), for the overview's counts.
pub(crate) fn errors_by_file(state: &AppState, snapshot: &Snapshot) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    match state.status().1 {
        Some(problems) => out.clone_from(&problems.errors_by_file),
        None => {
            for d in &snapshot.loaded.diagnostics {
                if d.severity == Severity::Error
                    && let Some(o) = &d.origin
                {
                    let path = snapshot
                        .loaded
                        .sources
                        .get(o.file)
                        .path
                        .display()
                        .to_string();
                    *out.entry(path).or_insert(0) += 1;
                }
            }
        }
    }
    out
}

/// Query of the pages: only the language.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    /// `fi`, `sv`, `en`.
    pub lang: Option<String>,
}

/// The query of the ecosystem's page and API: the language and the part of the ecosystem.
#[derive(Debug, Default, Deserialize)]
pub struct EcosystemQuery {
    /// `fi`, `sv`, `en`.
    pub lang: Option<String>,
    /// One region (its name; `-` for services without one).
    pub region: Option<String>,
    /// One organisation (its id; `-` for services without one).
    pub actor: Option<String>,
}

/// Whether `id` can be an id at all (lowercase letters, digits, dashes): anything else — `..`,
/// slashes, encoded or not — is answered 404 before any look-up.
pub fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 200
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// The pathway with this id, or `None`.
pub fn find_pathway(snapshot: &Snapshot, id: &str) -> Option<PathwayIx> {
    plausible_id(id)
        .then(|| snapshot.loaded.model.pathway_by_id(id))
        .flatten()
}

/// Query of the findings dashboard.
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct FindingsQuery {
    /// A code or name.
    pub code: Option<String>,
    /// `warning`, `note`.
    pub severity: Option<String>,
    /// A region.
    pub region: Option<String>,
    /// A pathway id.
    pub pathway: Option<String>,
    /// `fi`, `sv`, `en`.
    pub lang: Option<String>,
    /// The page of the dashboard, from 1 ([`super::pages::FINDINGS_PER_PAGE`] rows each); anything else is
    /// the first page.
    pub page: Option<String>,
    /// API: skip this many findings.
    pub offset: Option<usize>,
    /// API: return at most this many.
    pub limit: Option<usize>,
}

impl FindingsQuery {
    /// The filter it asks for.
    pub fn filter(&self) -> FindingFilter {
        FindingFilter {
            code: self.code.clone(),
            severity: self.severity.clone(),
            region: self.region.clone(),
            pathway: self.pathway.clone(),
            allowed: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plausible_ids_are_looked_up() {
        for bad in ["", "..", "../etc", "a/b", "a%2fb", "A", "a b", "é"] {
            assert!(!plausible_id(bad), "{bad}");
        }
        assert!(plausible_id("hehku-liikkuva-tuki"));
    }
}
