//! The diagram's legend: which entries a [`View`] needs and their words in fi/sv/en.
//!
//! A key design decision: the legend is worded here, on the view side, and handed to the layout
//! engine already worded ([`super::layout::LayoutInput::legend`]). The engine only measures and
//! places the entries, so it never needs to know a language or what a finding is.

use super::view::{Mark, View};
use crate::i18n::Msg;
use crate::model::{Lang, Sector};

/// What a legend entry explains; the renderer draws the matching symbol.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LegendSymbol {
    /// A sector's fill colour.
    Sector(Sector),
    /// A finding's badge.
    Mark(Mark),
    /// A solid edge: the client moves.
    ClientMoves,
    /// A dashed edge: the client does not move.
    NoClientMove,
    /// An edge in the loop colour.
    Loop,
    /// An edge in the boundary colour with its marker.
    Boundary,
    /// A dotted line in the problem colour: shared clients, no collaboration.
    MissingCollaboration,
    /// A thick orange border: utilisation over 85 %.
    HighUtilisation,
    /// A thick red border: over capacity.
    OverCapacity,
    /// The entry marker on a node's left.
    Entry,
    /// The exit marker on a node's right.
    Exit,
    /// The emphasis of the selected profile's route.
    OnRoute,
    /// Nodes that stand for all services of an actor.
    Aggregated,
}

/// One worded legend entry, not yet placed: what to draw and the words beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    /// What to draw in the symbol slot.
    pub symbol: LegendSymbol,
    /// The explanation, in the view's language.
    pub text: String,
}

/// A view's legend, worded: its heading and its entries in drawing order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Legend {
    /// The heading drawn above the entries.
    pub title: String,
    /// Only what the view shows, in the order it is explained.
    pub entries: Vec<LegendEntry>,
}

/// The legend a view needs, in the view's language.
pub fn legend(view: &View) -> Legend {
    Legend {
        title: heading(view.lang),
        entries: symbols(view)
            .into_iter()
            .map(|symbol| LegendEntry {
                symbol,
                text: text(symbol, view.lang),
            })
            .collect(),
    }
}

/// The legend's heading.
fn heading(lang: Lang) -> String {
    lang.text(&Msg::LegendHeading)
}

/// The fixed legend words in the view's language, from the catalogue; the match is exhaustive,
/// so a new symbol does not compile without its message.
fn text(symbol: LegendSymbol, lang: Lang) -> String {
    use LegendSymbol as S;
    let msg = match symbol {
        S::Sector(s) => return s.label(lang).to_string(),
        S::Mark(m) => return m.label(lang),
        S::ClientMoves => Msg::LegendClientMoves,
        S::NoClientMove => Msg::LegendNoClientMove,
        S::Loop => Msg::LegendLoop,
        S::Boundary => Msg::LegendBoundary,
        S::MissingCollaboration => Msg::LegendMissingCollaboration,
        S::HighUtilisation => Msg::LegendHighUtilisation,
        S::OverCapacity => Msg::LegendOverCapacity,
        S::Entry => Msg::LegendEntry,
        S::Exit => Msg::LegendExit,
        S::OnRoute => Msg::LegendOnRoute,
        S::Aggregated => Msg::LegendAggregated,
    };
    lang.text(&msg)
}

/// What the legend explains: only what the view shows.
fn symbols(view: &View) -> Vec<LegendSymbol> {
    use LegendSymbol as S;
    let mut out: Vec<S> = view.sectors.iter().map(|s| S::Sector(*s)).collect();
    if view.aggregated {
        out.push(S::Aggregated);
    }
    let n = view.nodes.len();
    let edges = view.edges.iter().filter(|e| e.from < n && e.to < n);
    let (mut moves, mut still, mut looped, mut boundary, mut route, mut missing) =
        (false, false, false, false, false, false);
    for e in edges {
        if e.missing_collaboration {
            missing = true;
            continue;
        }
        moves |= e.moves_client;
        still |= !e.moves_client;
        looped |= e.in_loop;
        boundary |= e.boundary_without_protocol;
        route |= e.on_route;
    }
    let flags = [
        (view.nodes.iter().any(|v| v.entry), S::Entry),
        (view.nodes.iter().any(|v| v.exit), S::Exit),
        (moves, S::ClientMoves),
        (still, S::NoClientMove),
        (looped, S::Loop),
        (boundary, S::Boundary),
        (missing, S::MissingCollaboration),
        (route || view.nodes.iter().any(|v| v.on_route), S::OnRoute),
        (
            view.nodes.iter().any(|v| {
                v.utilisation
                    .is_some_and(|u| u > crate::analysis::bottlenecks::HIGH_UTILISATION && u <= 1.0)
            }),
            S::HighUtilisation,
        ),
        (
            view.nodes
                .iter()
                .any(|v| v.utilisation.is_some_and(|u| u > 1.0)),
            S::OverCapacity,
        ),
    ];
    out.extend(
        flags
            .into_iter()
            .filter(|(present, _)| *present)
            .map(|(_, s)| s),
    );
    out.extend(view.marks.iter().map(|m| S::Mark(*m)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fixed symbol (those not worded by the model or the finding marks).
    const FIXED: [LegendSymbol; 11] = [
        LegendSymbol::MissingCollaboration,
        LegendSymbol::ClientMoves,
        LegendSymbol::NoClientMove,
        LegendSymbol::Loop,
        LegendSymbol::Boundary,
        LegendSymbol::HighUtilisation,
        LegendSymbol::OverCapacity,
        LegendSymbol::Entry,
        LegendSymbol::Exit,
        LegendSymbol::OnRoute,
        LegendSymbol::Aggregated,
    ];

    #[test]
    fn every_symbol_has_distinct_words_in_every_language() {
        for lang in [Lang::Fi, Lang::Sv, Lang::En] {
            let words: Vec<String> = FIXED.iter().map(|&s| text(s, lang)).collect();
            for (k, w) in words.iter().enumerate() {
                assert!(!w.trim().is_empty(), "{:?} in {lang:?}", FIXED[k]);
                assert!(!words[..k].contains(w), "{w} twice in {lang:?}");
            }
            assert!(!heading(lang).is_empty());
        }
        // The three languages differ: no entry was left untranslated.
        for s in FIXED {
            assert_ne!(text(s, Lang::Fi), text(s, Lang::En), "{s:?}");
            assert_ne!(text(s, Lang::Sv), text(s, Lang::En), "{s:?}");
        }
    }

    #[test]
    fn the_legend_is_worded_in_the_views_language() {
        let view = View {
            title: String::new(),
            lang: Lang::Sv,
            lanes: Vec::new(),
            nodes: Vec::new(),
            edges: Vec::new(),
            aggregated: true,
            sectors: vec![Sector::YouthWork],
            marks: vec![Mark::DeadEnd],
        };
        let l = legend(&view);
        assert_eq!(l.title, "Teckenförklaring");
        let entries: Vec<(LegendSymbol, &str)> = l
            .entries
            .iter()
            .map(|e| (e.symbol, e.text.as_str()))
            .collect();
        assert_eq!(
            entries,
            [
                (
                    LegendSymbol::Sector(Sector::YouthWork),
                    Sector::YouthWork.label(Lang::Sv)
                ),
                (
                    LegendSymbol::Aggregated,
                    "En regions eller aktörs tjänster sammanförda, med deras antal"
                ),
                (
                    LegendSymbol::Mark(Mark::DeadEnd),
                    &Mark::DeadEnd.label(Lang::Sv)
                ),
            ]
        );
    }
}
