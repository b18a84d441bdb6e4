//! The shipped example workspace (`pathways/`) tells the story of the seed documents (issue 7):
//! each failure the seeds document comes out of the analysis as a finding on the entity it is
//! about, the manager's summary leads with them, and a corrected variant of the same pathway
//! (`tests/fixtures/example/<name>/`: the workspace's shared files, copied, and the pathway with
//! the one thing that fixes it) no longer has the finding.
//!
//! When one of these tests fails after a change to the analysis, read the failure as a question
//! about the story: is the documented problem still visible to a manager, and does the fix still
//! fix it?

use std::collections::BTreeSet;
use std::path::Path;

use polku::analysis::{Analysis, Finding, analyze};
use polku::diagnostic::Severity;
use polku::model::Model;
use polku::render::report::analysis::{Report, Scope};
use polku::workspace::{Loaded, load_dir};

const WORKSPACE: &str = "pathways";
const FIXTURES: &str = "tests/fixtures/example";

/// A failure the seeds document, the finding it must come out as, and the corrected variant.
struct Failure {
    /// What the seeds say went wrong.
    story: &'static str,
    /// The finding code.
    code: &'static str,
    /// Ids of entities the finding must be about (all of them); the first is the main one.
    entities: &'static [&'static str],
    /// The pathway file, in `pathways/`, that holds the failure.
    pathway_file: &'static str,
    /// The corrected variant: a folder under `tests/fixtures/example/`.
    fixture: &'static str,
}

const FAILURES: [Failure; 6] = [
    Failure {
        story: "Päijät-Häme: child-welfare expertise could not be kept in the consultation team after the pilot",
        code: "G0201",
        entities: &[
            "ph-11v-vaativa-tuki-ja-lastensuojelu",
            "vaativa-erityinen-tuki",
            "ph-vaativan-tuen-konsultaatiotiimi",
        ],
        pathway_file: "paijat-hame-vaativan-tuen-konsultaatiomalli.toml",
        fixture: "paijat-hame-lastensuojelun-osaaminen-sailyy",
    },
    Failure {
        story: "Päijät-Häme: with the child-welfare expertise gone, school and child welfare share a child without working together",
        code: "X0401",
        entities: &[
            "ph-lastensuojelu",
            "ph-koulu",
            "ph-11v-vaativa-tuki-ja-lastensuojelu",
        ],
        pathway_file: "paijat-hame-vaativan-tuen-konsultaatiomalli.toml",
        fixture: "paijat-hame-lastensuojelun-osaaminen-sailyy",
    },
    Failure {
        story: "Hehku: the extension to Espoo and Vantaa had no resources matching Helsinki's",
        code: "B0304",
        entities: &["ev-hehku-kokeilu"],
        pathway_file: "hehku-laajennus-espoo-ja-vantaa.toml",
        fixture: "hehku-laajennus-resursoitu",
    },
    Failure {
        story: "Kymenlaakso: collaboration with schools stayed minimal",
        code: "X0401",
        entities: &[
            "kym-koulu",
            "kym-nuorten-paihdepalvelut",
            "kym-15v-laitoksessa-paihteet",
        ],
        pathway_file: "kymenlaakso-lastensuojelulaitosten-konsultaatiomalli.toml",
        fixture: "kymenlaakso-koulu-mukana-konsultaatiossa",
    },
    Failure {
        story: "Hanko: the Swedish-language chain breaks at the specialist level",
        code: "G0203",
        entities: &[
            "lansi-uusimaa-nuorten-paihdehoito",
            "hango-15v-svensk-missbruk-angest",
        ],
        pathway_file: "hango-svensk-servicekedja.toml",
        fixture: "hango-specialistniva-pa-svenska",
    },
    Failure {
        story: "Central Finland: a 17-year-old leaving care meets services that start at 18",
        code: "G0201",
        entities: &[
            "ks-17v-sijoitus-paattyy",
            "mielenterveys",
            "ks-jalkihuoltoneuvola",
        ],
        pathway_file: "keski-suomi-jalkihuoltoneuvola-jatkos.toml",
        fixture: "keski-suomi-jalkihuoltoneuvola-17-vuotiaille",
    },
];

/// The pathways the workspace must hold (issue 7), by id.
const PATHWAYS: [&str; 8] = [
    "keski-uusimaa-nuorten-paihdepolku",
    "hehku-liikkuva-tuki",
    "hehku-laajennus-espoo-ja-vantaa",
    "paijat-hame-vaativan-tuen-konsultaatiomalli",
    "kymenlaakso-lastensuojelulaitosten-konsultaatiomalli",
    "hango-svensk-servicekedja",
    "keski-suomi-jalkihuoltoneuvola-jatkos",
    "keski-suomi-nuorten-mielenterveys-ja-paihdeketju",
];

/// Most lines a corrected pathway may differ from the workspace's: the note saying what was
/// corrected, and the correction.
const MAX_CHANGED_LINES: usize = 20;

fn load(dir: &Path) -> (Loaded, Analysis) {
    let loaded = load_dir(dir).unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
    assert!(
        loaded.diagnostics.is_empty(),
        "{} does not load cleanly:\n{}",
        dir.display(),
        polku::render::report::diagnostics::to_plain_string(&loaded.sources, &loaded.diagnostics)
    );
    let analysis = analyze(&loaded.model);
    (loaded, analysis)
}

fn ids(model: &Model, f: &Finding) -> Vec<String> {
    f.entities.iter().map(|e| e.id(model)).collect()
}

fn describe(model: &Model, f: &Finding) -> String {
    format!(
        "{} {} [{}]{}",
        f.diagnostic.code,
        f.diagnostic.message,
        ids(model, f).join(", "),
        f.allowed
            .as_deref()
            .map_or(String::new(), |r| format!(" (allowed: {r})"))
    )
}

/// True when `f` is the finding `failure` expects: its code, about all its entities.
fn is(model: &Model, f: &Finding, failure: &Failure) -> bool {
    let about = ids(model, f);
    f.diagnostic.code.as_str() == failure.code
        && failure
            .entities
            .iter()
            .all(|e| about.iter().any(|a| a == e))
}

/// Active (not allowed) warnings: what `polku check` reports for the workspace.
fn warnings(analysis: &Analysis) -> Vec<&Finding> {
    analysis
        .active()
        .filter(|f| f.diagnostic.severity >= Severity::Warning)
        .collect()
}

#[test]
fn the_workspace_loads_cleanly_and_holds_the_pathways_of_the_story() {
    let (loaded, analysis) = load(Path::new(WORKSPACE));
    let model = &loaded.model;
    for id in PATHWAYS {
        assert!(model.pathway_by_id(id).is_some(), "no pathway `{id}`");
    }
    assert!(
        analysis.unused_allows.is_empty(),
        "allows that excuse nothing: {:?}",
        analysis.unused_allows
    );
    for allow in model.allows() {
        assert!(!allow.reason.trim().is_empty(), "allow without a reason");
    }
}

#[test]
fn each_documented_failure_is_found_on_its_entities() {
    let (loaded, analysis) = load(Path::new(WORKSPACE));
    let model = &loaded.model;
    for failure in &FAILURES {
        let found: Vec<&Finding> = analysis
            .findings
            .iter()
            .filter(|f| is(model, f, failure))
            .collect();
        assert!(
            !found.is_empty(),
            "{}: no {} on {:?}; findings:\n{}",
            failure.story,
            failure.code,
            failure.entities,
            analysis
                .findings
                .iter()
                .map(|f| describe(model, f))
                .collect::<Vec<_>>()
                .join("\n")
        );
        for f in found {
            assert!(
                f.allowed.is_none(),
                "{}: the finding is excused by an allow: {}",
                failure.story,
                describe(model, f)
            );
            assert_eq!(
                f.diagnostic.severity,
                Severity::Warning,
                "{}: {}",
                failure.story,
                describe(model, f)
            );
            // The finding is written where the failure is told.
            let origin = f.diagnostic.origin.as_ref().expect("a finding has a place");
            let file = loaded.sources.get(origin.file).path.to_string_lossy();
            let expected_files = [failure.pathway_file, "profiles.toml"];
            assert!(
                expected_files.iter().any(|e| file.ends_with(e)),
                "{}: finding written in {file}, expected {}",
                failure.story,
                failure.pathway_file
            );
        }
    }
}

#[test]
fn the_documented_failures_are_the_only_warnings() {
    let (loaded, analysis) = load(Path::new(WORKSPACE));
    let model = &loaded.model;
    let unexpected: Vec<String> = warnings(&analysis)
        .into_iter()
        .filter(|f| !FAILURES.iter().any(|failure| is(model, f, failure)))
        .map(|f| describe(model, f))
        .collect();
    assert!(
        unexpected.is_empty(),
        "the example workspace has warnings that are not part of its story; model the pathway \
         so it does not have them, excuse them with an [[allow]] and a reason if they are an edge of \
         the model, or add them to the story here:\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn the_managers_summary_leads_with_the_documented_problems() {
    let (loaded, analysis) = load(Path::new(WORKSPACE));
    let model = &loaded.model;
    let text = Report {
        model,
        sources: &loaded.sources,
        analysis: &analysis,
        scope: Scope::default(),
    }
    .text();
    let summary = &text[text.find("SUMMARY").expect("a summary")
        ..text.find("TOP BOTTLENECKS").expect("a bottleneck table")];
    let bullets: Vec<&str> = summary
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("• "))
        .collect();
    for failure in &FAILURES {
        let f = analysis
            .findings
            .iter()
            .find(|f| is(model, f, failure))
            .unwrap_or_else(|| panic!("{}: not found", failure.story));
        assert!(
            bullets.contains(&f.diagnostic.message.as_str()),
            "{}: not among the summary's bullets:\n{summary}",
            failure.story
        );
    }
    // The bottleneck of the story heads the bottleneck table.
    let table = &text[text.find("TOP BOTTLENECKS").unwrap()..text.find("UNMET NEEDS").unwrap()];
    let first_row = table.lines().nth(2).unwrap_or_default();
    assert!(
        first_row.trim_start().starts_with("ev-hehku-kokeilu"),
        "{table}"
    );
    // Both unmet needs of the story are listed.
    let unmet = &text[text.find("UNMET NEEDS").unwrap()..text.find("ROUTES").unwrap()];
    for profile in [
        "ph-11v-vaativa-tuki-ja-lastensuojelu",
        "ks-17v-sijoitus-paattyy",
    ] {
        assert!(unmet.contains(profile), "{unmet}");
    }
}

#[test]
fn each_corrected_variant_no_longer_has_its_failure() {
    for failure in &FAILURES {
        let dir = Path::new(FIXTURES).join(failure.fixture);
        let (loaded, analysis) = load(&dir);
        let model = &loaded.model;
        // The entities are still there: the finding is gone because the fix works, not because
        // the variant lost what it was about.
        for id in failure.entities {
            assert!(
                model.service_by_id(id).is_some()
                    || model.profile_by_id(id).is_some()
                    || model.need_by_id(id).is_some(),
                "{}: `{id}` is missing from the corrected variant",
                dir.display()
            );
        }
        let still: Vec<String> = analysis
            .findings
            .iter()
            .filter(|f| is(model, f, failure))
            .map(|f| describe(model, f))
            .collect();
        assert!(
            still.is_empty(),
            "{}: the corrected variant still has it:\n{}",
            failure.story,
            still.join("\n")
        );
        // And the correction brings no new problem of its own.
        let other: Vec<String> = warnings(&analysis)
            .into_iter()
            .map(|f| describe(model, f))
            .collect();
        assert!(
            other.is_empty(),
            "{}: the corrected variant has warnings:\n{}",
            dir.display(),
            other.join("\n")
        );
    }
}

/// Lines of `a` and `b` outside their longest common subsequence: how many lines were removed or
/// added to turn one into the other.
fn changed_lines(a: &str, b: &str) -> usize {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    a.len() + b.len() - 2 * lcs[0][0]
}

/// `[[profile]]` blocks of a profiles file, each from its comment to the next blank line.
fn blocks(text: &str) -> BTreeSet<String> {
    text.split("\n\n")
        .filter(|b| b.contains("[[profile]]"))
        .map(|b| b.trim().to_string())
        .collect()
}

#[test]
fn each_corrected_variant_is_the_workspace_with_one_thing_changed() {
    let read =
        |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    for failure in &FAILURES {
        let dir = Path::new(FIXTURES).join(failure.fixture);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert!(
            names.iter().any(|n| n == failure.pathway_file),
            "{}: no corrected {}",
            dir.display(),
            failure.pathway_file
        );
        for name in names {
            let original = Path::new(WORKSPACE).join(&name);
            assert!(
                original.exists(),
                "{}/{name} is not a file of the workspace",
                dir.display()
            );
            let (copy, original) = (read(&dir.join(&name)), read(&original));
            if name == failure.pathway_file {
                let n = changed_lines(&original, &copy);
                assert!(
                    (1..=MAX_CHANGED_LINES).contains(&n),
                    "{}/{name}: {n} lines differ from pathways/{name}; a corrected variant \
                     changes one thing",
                    dir.display()
                );
                assert!(
                    copy.contains("CORRECTED VARIANT"),
                    "{}/{name}",
                    dir.display()
                );
            } else if name == "profiles.toml" {
                let shared = blocks(&original);
                for block in blocks(&copy) {
                    assert!(
                        shared.contains(&block),
                        "{}/profiles.toml: a profile that differs from pathways/profiles.toml:\n{block}",
                        dir.display()
                    );
                }
            } else {
                assert!(
                    copy == original,
                    "{}/{name} differs from pathways/{name}: copy it again",
                    dir.display()
                );
            }
        }
    }
}

#[test]
fn pathways_of_each_agrees_with_pathways_of() {
    for dir in ["pathways", "tests/fixtures/hostile"] {
        let loaded = load_dir(Path::new(dir)).unwrap();
        let analysis = analyze(&loaded.model);
        let each = polku::analysis::pathways_of_each(&loaded.model, &analysis.findings);
        assert_eq!(each.len(), analysis.findings.len());
        for (f, fast) in analysis.findings.iter().zip(&each) {
            assert_eq!(
                fast,
                &polku::analysis::pathways_of(&loaded.model, f),
                "{dir}: {}",
                f.diagnostic.message
            );
        }
    }
}

/// The figures of the documented problems are drawn on their boxes, not only in tooltips: the
/// Hehku extension trial's "600 %" and the Hanko chain's "sv → fi" where it breaks.
#[test]
fn the_problems_figures_are_drawn_on_their_boxes() {
    use polku::model::Lang;
    use polku::render::diagram::view::{self, Badge, Mark, ViewKind, ViewOptions};
    use polku::render::diagram::{layout, svg};
    let loaded = load_dir(Path::new(WORKSPACE)).unwrap();
    let analysis = analyze(&loaded.model);
    let model = &loaded.model;
    let drawn = |pathway: &str, service: &str, lang: Lang| -> (Vec<Badge>, String) {
        let p = model.pathway_by_id(pathway).unwrap();
        let options = ViewOptions {
            kind: ViewKind::Lanes,
            pathway: Some(p),
            lang,
            ..ViewOptions::default()
        };
        let v = view::build(model, &analysis, &options).unwrap();
        let node = v.nodes.iter().find(|n| n.key == service).unwrap();
        (node.badges.clone(), svg::svg(&v, &layout::layout(&v)))
    };
    let (badges, picture) = drawn(
        "hehku-laajennus-espoo-ja-vantaa",
        "ev-hehku-kokeilu",
        Lang::Fi,
    );
    assert!(
        badges.contains(&Badge::Load {
            figure: "600\u{a0}%".into(),
            over: true
        }),
        "{badges:?}"
    );
    assert!(picture.contains(">600\u{a0}%</text>"));
    let (badges, picture) = drawn(
        "hango-svensk-servicekedja",
        "lansi-uusimaa-nuorten-paihdehoito",
        Lang::Sv,
    );
    assert!(
        badges.contains(&Badge::Mark {
            mark: Mark::LanguageGap,
            figure: Some("sv → fi".into())
        }),
        "{badges:?}"
    );
    assert!(picture.contains(">Aa sv → fi</text>"));
}

/// The 17-year-old leaving a placement is routed towards the aftercare clinic, which takes only
/// 18–24-year-olds: the route view draws the route up to the clinic, marks the break there with
/// the age figure, and draws nothing past it as if it worked.
#[test]
fn a_route_is_drawn_up_to_the_service_that_does_not_take_the_client() {
    use polku::model::Lang;
    use polku::render::diagram::view::{self, Badge, Mark, ViewKind, ViewOptions};
    use polku::render::diagram::{layout, svg};
    let loaded = load_dir(Path::new(WORKSPACE)).unwrap();
    let analysis = analyze(&loaded.model);
    let model = &loaded.model;
    let options = ViewOptions {
        kind: ViewKind::Route,
        pathway: model.pathway_by_id("keski-suomi-jalkihuoltoneuvola-jatkos"),
        profile: model.profile_by_id("ks-17v-sijoitus-paattyy"),
        lang: Lang::Fi,
        ..ViewOptions::default()
    };
    let v = view::build(model, &analysis, &options).unwrap();
    let clinic = v
        .nodes
        .iter()
        .find(|n| n.key == "ks-jalkihuoltoneuvola")
        .unwrap();
    assert!(clinic.on_route, "the route reaches the clinic");
    assert!(
        clinic.badges.contains(&Badge::Mark {
            mark: Mark::RouteBreak,
            figure: Some("18–24 v".into())
        }),
        "{:?}",
        clinic.badges
    );
    // Only one break, and no other service carries it.
    let breaks = v
        .nodes
        .iter()
        .filter(|n| {
            n.badges.iter().any(|b| {
                matches!(
                    b,
                    Badge::Mark {
                        mark: Mark::RouteBreak,
                        ..
                    }
                )
            })
        })
        .count();
    assert_eq!(breaks, 1);
    // No route handoff leaves the clinic: the route stops where it breaks.
    let clinic_ix = v
        .nodes
        .iter()
        .position(|n| n.key == "ks-jalkihuoltoneuvola")
        .unwrap();
    assert!(
        v.edges
            .iter()
            .filter(|e| e.on_route)
            .all(|e| e.from != clinic_ix),
        "a route edge leaves the break"
    );
    let picture = svg::svg(&v, &layout::layout(&v));
    assert!(picture.contains("✕ 18–24 v"), "the break is drawn");
}

/// Kymenlaakso's school and youth substance service share the clients of the 15-year-old in an
/// institution, and no handoff links them (X0401): the diagram draws the missing collaboration
/// between the two boxes, explains it in the legend, and BPMN leaves it out (it is no flow).
#[test]
fn a_missing_collaboration_is_drawn_between_the_two_sectors() {
    use polku::model::Lang;
    use polku::render::diagram::view::{self, ViewKind, ViewOptions};
    use polku::render::diagram::{layout, legend, svg};
    let loaded = load_dir(Path::new(WORKSPACE)).unwrap();
    let analysis = analyze(&loaded.model);
    let model = &loaded.model;
    for (pathway, a, b) in [
        (
            "kymenlaakso-lastensuojelulaitosten-konsultaatiomalli",
            "kym-koulu",
            "kym-nuorten-paihdepalvelut",
        ),
        (
            "paijat-hame-vaativan-tuen-konsultaatiomalli",
            "ph-koulu",
            "ph-lastensuojelu",
        ),
    ] {
        let options = ViewOptions {
            kind: ViewKind::Lanes,
            pathway: model.pathway_by_id(pathway),
            lang: Lang::Fi,
            ..ViewOptions::default()
        };
        let v = view::build(model, &analysis, &options).unwrap();
        let key = |i: usize| v.nodes[i].key.as_str();
        let missing: Vec<(&str, &str)> = v
            .edges
            .iter()
            .filter(|e| e.missing_collaboration)
            .map(|e| (key(e.from), key(e.to)))
            .collect();
        assert_eq!(missing.len(), 1, "{pathway}: {missing:?}");
        let (x, y) = missing[0];
        assert!(
            (x, y) == (a, b) || (x, y) == (b, a),
            "{pathway}: {missing:?}"
        );
        let words = legend::legend(&v);
        assert!(
            words
                .entries
                .iter()
                .any(|e| e.symbol == legend::LegendSymbol::MissingCollaboration),
            "{pathway}: the legend explains it"
        );
        let picture = svg::svg(&v, &layout::layout(&v));
        assert!(picture.contains(">ei yhteistyötä</tspan>"), "{pathway}");
        let bpmn = polku::render::export::bpmn::bpmn(&v, &layout::layout(&v));
        assert!(
            !bpmn.contains("ei yhteistyötä"),
            "{pathway}: BPMN has no flow for it"
        );
    }
}

/// The sector matrix judges each part of the ecosystem by its own services: in Kymenlaakso the
/// school and the youth substance service share the 15-year-old's care with no handoff between
/// education and substance services there, which is "missing" in Kymenlaakso's matrix even where
/// other regions link the two sectors; and no matrix calls a pair missing that has a handoff.
#[test]
fn collaboration_is_missing_only_where_the_sectors_share_clients_without_a_handoff() {
    use polku::analysis::ecosystem::sector_links;
    use polku::model::Sector;
    use polku::render::diagram::view::Focus;
    let loaded = load_dir(Path::new(WORKSPACE)).unwrap();
    let analysis = analyze(&loaded.model);
    let model = &loaded.model;
    let regions = model.regions();
    let mut parts: Vec<(String, Focus)> = vec![("all".into(), Focus::All)];
    parts.extend(
        regions
            .iter()
            .enumerate()
            .map(|(r, name)| (name.to_string(), Focus::Region(Some(r)))),
    );
    let mut missing_somewhere = Vec::new();
    for (name, focus) in &parts {
        let services = focus.services(model);
        assert!(!services.is_empty(), "{name}");
        let links = sector_links(model, &analysis.routes, &services);
        for &a in &links.sectors {
            for &b in &links.sectors {
                if !links.missing(a, b) {
                    continue;
                }
                missing_somewhere.push((name.clone(), a.min(b), a.max(b)));
                let count = |x, y| links.handoffs.get(&(x, y)).copied().unwrap_or(0);
                assert_eq!(count(a, b) + count(b, a), 0, "{name}: {a:?}–{b:?}");
            }
        }
    }
    let (edu, sub) = (Sector::Education, Sector::Substance);
    let pair = (edu.min(sub), edu.max(sub));
    assert!(
        missing_somewhere
            .iter()
            .any(|(n, a, b)| n == "Kymenlaakso" && (*a, *b) == pair),
        "{missing_somewhere:?}"
    );
}
