//! `polku build`: the site of the shipped pathways in every language (links resolve, HTML parses),
//! Innokylä's section order with empty sections left out, the Markdown of one pathway, atomic
//! replacement of the output folder, and hostile labels.

use std::path::{Path, PathBuf};

use crate::support::polku;
use polku::analysis::analyze;
use polku::model::Lang;
use polku::render::site::{self, Extras, Site};
use polku::workspace::{Loaded, load_dir};
use scraper::{Html, Selector};

/// Runs `polku build DIR --out OUT ARGS…` and returns whether it succeeded.
fn build(dir: &str, out: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    polku()
        .arg("build")
        .arg(dir)
        .arg("--out")
        .arg(out)
        .args(args)
        .assert()
}

/// The pages of a loaded workspace in one language, linked as files, with the analysis summary.
fn shipped_site<'a>(
    loaded: &'a Loaded,
    analysis: &'a polku::analysis::Analysis,
    lang: Lang,
) -> Site<'a> {
    Site {
        model: &loaded.model,
        sources: &loaded.sources,
        analysis,
        lang,
        analysis_summary: true,
        finding_pathways: None,
        linking: site::Linking::Files,
    }
}

fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn parse(path: &Path) -> Html {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Html::parse_document(&text);
    assert!(
        doc.errors.is_empty(),
        "{} has HTML parse errors: {:?}",
        path.display(),
        doc.errors
    );
    doc
}

#[test]
fn shipped_site_in_every_language_has_valid_html_and_resolving_links() {
    for lang in ["fi", "sv", "en"] {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("site");
        build("pathways", &out, &["--lang", lang]).success();
        let all = files(&out);
        let html: Vec<&PathBuf> = all
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        // index, ecosystem and one page per shipped pathway
        let pathways = std::fs::read_dir("pathways")
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                let name = name.to_string_lossy();
                name.ends_with(".toml")
                    && !["actors.toml", "needs.toml", "profiles.toml", "rules.toml"]
                        .contains(&name.as_ref())
            })
            .count();
        assert_eq!(html.len(), pathways + 2, "{lang}: {html:?}");
        let markdown = all
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .count();
        assert_eq!(markdown, pathways, "{lang}");
        for page in html {
            let doc = parse(page);
            assert_eq!(
                select(&doc, "h1").len(),
                1,
                "{lang}: one <h1> in {}",
                page.display()
            );
            assert_eq!(
                select(&doc, "html")[0].value().attr("lang"),
                Some(lang),
                "{}",
                page.display()
            );
            assert!(!select(&doc, "main section h2").is_empty());
            let mut refs = 0;
            for (css, attr) in [
                ("a[href]", "href"),
                ("img[src]", "src"),
                ("link[href]", "href"),
                ("script[src]", "src"),
            ] {
                for el in select(&doc, css) {
                    let target = el.value().attr(attr).unwrap();
                    // The empty inline icon (so a static server is not asked for a
                    // favicon.ico it does not have) is no file to resolve.
                    if target == "data:," && el.value().attr("rel") == Some("icon") {
                        continue;
                    }
                    if let Some(id) = target.strip_prefix('#') {
                        assert!(
                            !select(&doc, &format!("[id=\"{id}\"]")).is_empty(),
                            "{lang}: anchor {target} in {}",
                            page.display()
                        );
                        continue;
                    }
                    assert!(
                        !target.contains("://") && !target.starts_with('/'),
                        "only relative links: {target}"
                    );
                    let file = page.parent().unwrap().join(target);
                    assert!(
                        file.is_file(),
                        "{lang}: {} links to missing {target}",
                        page.display()
                    );
                    refs += 1;
                }
            }
            assert!(refs > 0, "{} links to nothing", page.display());
        }
        // Every pathway page shows its diagram in the viewer, inline (so it can be filtered),
        // with its name for a screen reader, its boxes with what the filters read, and the
        // viewer's script beside the page.
        let page = parse(&out.join("pathway-hehku-liikkuva-tuki.html"));
        let svg = &select(&page, "section#phases .viewer #diagram svg")[0];
        assert_eq!(svg.value().attr("role"), Some("img"));
        assert!(!svg.value().attr("aria-label").unwrap().is_empty());
        assert!(!select(&page, "#diagram .node[data-key][data-sector]").is_empty());
        assert!(!select(&page, "select[data-filter=sector] option[value]").is_empty());
        assert!(!select(&page, "select[data-focus=service] option[value]").is_empty());
        assert!(!select(&page, "script[src=\"viewer.js\"]").is_empty());
        assert!(out.join("viewer.js").is_file());
        // Links from the Markdown files resolve too (they live in a sub-folder).
        let md = std::fs::read_to_string(out.join("markdown/hehku-liikkuva-tuki.md")).unwrap();
        for target in md.split("](").skip(1) {
            let target = &target[..target.find(')').unwrap()];
            assert!(
                out.join("markdown").join(target).is_file(),
                "{lang}: markdown links to missing {target}"
            );
        }
    }
}

/// The `id`s of the sections of a page, in order.
fn section_ids(page: &Path) -> Vec<String> {
    let doc = parse(page);
    select(&doc, "main > section")
        .iter()
        .map(|s| s.value().attr("id").unwrap().to_string())
        .collect()
}

/// Innokylä's order of the sections of a pathway page (the default layout).
const ORDER: [&str; 16] = [
    "basic",
    "core_idea",
    "operating_environment",
    "purpose",
    "target_groups",
    "actors",
    "phases",
    "services",
    "handoffs",
    "routes",
    "conditions",
    "indicators",
    "evaluation",
    "contact",
    "analysis",
    "attachments",
];

fn in_order(ids: &[String]) -> bool {
    let positions: Vec<usize> = ids
        .iter()
        .map(|id| ORDER.iter().position(|o| o == id).expect("a known section"))
        .collect();
    positions.windows(2).all(|w| w[0] < w[1])
}

#[test]
fn pathway_page_follows_innokylas_order_and_omits_empty_sections() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build("pathways", &out, &["--lang", "en"]).success();
    let ids = section_ids(&out.join("pathway-hehku-liikkuva-tuki.html"));
    assert!(in_order(&ids), "{ids:?}");
    for id in ORDER {
        if id != "contact" {
            assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
        }
    }

    build("tests/fixtures/build", &out, &["--lang", "en"]).success();
    let page = out.join("pathway-vajaa-polku.html");
    let ids = section_ids(&page);
    assert!(in_order(&ids), "{ids:?}");
    for absent in [
        "target_groups",
        "indicators",
        "routes",
        "core_idea",
        "operating_environment",
        "conditions",
        "evaluation",
    ] {
        assert!(!ids.iter().any(|i| i == absent), "{absent} in {ids:?}");
    }
    for present in [
        "basic",
        "purpose",
        "actors",
        "phases",
        "contact",
        "attachments",
    ] {
        assert!(ids.iter().any(|i| i == present), "{present} not in {ids:?}");
    }
    let doc = parse(&page);
    let facts: Vec<String> = select(&doc, "section#basic th")
        .iter()
        .map(|th| th.text().collect())
        .collect();
    assert!(facts.contains(&"Region".to_string()), "{facts:?}");
    assert!(!facts.contains(&"Funder".to_string()), "{facts:?}");
    assert!(!facts.contains(&"Parent project".to_string()), "{facts:?}");
    // Pathway text in the chosen language, falling back when a translation is missing.
    let text: String = doc.root_element().text().collect();
    assert!(text.contains("Sparse pathway"));
    assert!(text.contains("The purpose is to test."));
    assert!(text.contains("Koulusta nuorisoasemalle."));

    build(
        "tests/fixtures/build",
        &out,
        &["--lang", "en", "--no-analysis"],
    )
    .success();
    let ids = section_ids(&page);
    assert!(!ids.iter().any(|i| i == "analysis"), "{ids:?}");
}

#[test]
fn the_workspace_layout_orders_omits_and_retitles_sections() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build("tests/fixtures/build-layout", &out, &["--lang", "sv"]).success();
    let page = out.join("pathway-polku-omalla-jarjestyksella.html");
    // documentation.toml: sections = contact, core_idea, basic, phases, evaluation, analysis,
    // attachments, routes; omit = routes.
    assert_eq!(
        section_ids(&page),
        [
            "contact",
            "core_idea",
            "basic",
            "phases",
            "evaluation",
            "analysis",
            "attachments"
        ]
    );
    let doc = parse(&page);
    let titles: Vec<String> = select(&doc, "main > section > h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    // `core_idea` has a Swedish title of its own; `contact` a Finnish one only, so Swedish keeps
    // polku's; `evaluation` a plain string, used in every language.
    assert_eq!(
        titles,
        [
            "Kontaktuppgifter",
            "Grundtanken",
            "Grunduppgifter",
            "Verksamhetsmodellens faser",
            "Uppföljning",
            "Sammanfattning av analysen",
            "Bilagor"
        ]
    );
    // The navigation lists the same titles, and the Markdown follows the same layout.
    let nav: Vec<String> = select(&doc, "nav li a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(nav, titles);
    let md = std::fs::read_to_string(out.join("markdown/polku-omalla-jarjestyksella.md")).unwrap();
    let headings: Vec<&str> = md.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(headings, titles);

    build(
        "tests/fixtures/build-layout",
        &out,
        &["--lang", "fi", "--no-analysis"],
    )
    .success();
    let ids = section_ids(&page);
    assert!(!ids.iter().any(|i| i == "analysis"), "{ids:?}");
    let doc = parse(&page);
    let h2: Vec<String> = select(&doc, "main > section > h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(h2[0], "Ota yhteyttä");
    assert_eq!(h2[1], "Ratkaisun perusidea");
}

#[test]
fn new_innokyla_sections_show_their_text_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build("pathways", &out, &["--lang", "sv"]).success();
    let page = out.join("pathway-hango-svensk-servicekedja.html");
    let ids = section_ids(&page);
    assert!(in_order(&ids), "{ids:?}");
    for id in [
        "core_idea",
        "operating_environment",
        "conditions",
        "evaluation",
    ] {
        assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
    }
    let doc = parse(&page);
    let core: String = select(&doc, "section#core_idea")[0].text().collect();
    assert!(core.contains("Lösningens grundidé"), "{core}");
    assert!(
        core.contains("på svenska"),
        "Swedish text on the Swedish page: {core}"
    );
}

#[test]
fn markdown_of_a_shipped_pathway() {
    let loaded = load_dir(Path::new("pathways")).unwrap();
    let analysis = analyze(&loaded.model);
    let site = shipped_site(&loaded, &analysis, Lang::Fi);
    let p = loaded.model.pathway_by_id("hehku-liikkuva-tuki").unwrap();
    let diagram = site::pathway_diagram(&site, p).unwrap();
    let extras = Extras {
        png: true,
        pdf: true,
        markdown: false,
    };
    let page = site::pathway_page(&site, p, &diagram, extras);
    insta::assert_snapshot!(site::markdown(&page, "../"));
    // The same page renders as HTML through the function `polku serve` can use.
    let html = site::pathway_html(&site, p, extras).unwrap();
    assert!(Html::parse_document(&html).errors.is_empty());
}

#[test]
fn a_route_that_does_not_work_is_not_called_met_on_the_page() {
    // Shipped: the Swedish-speaking 15-year-old's substance-use care is Finnish only (Hanko),
    // and Hehku's Espoo–Vantaa trial is at 600 % of its capacity.
    let loaded = load_dir(Path::new("pathways")).unwrap();
    let analysis = analyze(&loaded.model);
    let line = |lang: Lang, pathway: &str, words: &str| {
        let site = shipped_site(&loaded, &analysis, lang);
        let p = loaded.model.pathway_by_id(pathway).unwrap();
        let diagram = site::pathway_diagram(&site, p).unwrap();
        let extras = Extras {
            png: false,
            pdf: false,
            markdown: false,
        };
        let md = site::markdown(&site::pathway_page(&site, p, &diagram, extras), "../");
        md.lines()
            .find(|l| l.contains(words) && l.contains(" — "))
            .unwrap_or_else(|| panic!("no route line with {words:?} in\n{md}"))
            .to_string()
    };
    let hanko = line(Lang::Sv, "hango-svensk-servicekedja", "Missbruk");
    assert!(
        hanko.contains("behovet tillgodoses inte") && hanko.contains("inte på klientens språk"),
        "{hanko}"
    );
    let hehku = line(
        Lang::Fi,
        "hehku-laajennus-espoo-ja-vantaa",
        "Mielenterveyden oireet",
    );
    assert!(
        hehku.contains("tarve jää täyttymättä")
            && hehku.contains("yli kapasiteetin")
            && hehku.contains("odotus ei pääty"),
        "{hehku}"
    );
    assert!(!hehku.contains("tarve täyttyy"), "{hehku}");
}

#[test]
fn building_into_an_existing_site_replaces_it_whole_and_a_failed_build_keeps_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build("pathways", &out, &[]).success();
    assert!(out.join("pathway-hehku-liikkuva-tuki.html").is_file());

    // A file the old site had and the new one does not is gone: the folder was replaced whole.
    build("tests/fixtures/build", &out, &[]).success();
    assert!(out.join("pathway-vajaa-polku.html").is_file());
    assert!(!out.join("pathway-hehku-liikkuva-tuki.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("site")]);

    let before: Vec<(PathBuf, Vec<u8>)> = files(&out)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    // A workspace folder that does not exist: nothing is written.
    build("tests/fixtures/no-such-folder", &out, &[]).code(2);
    // An --out under a file: fails before anything is swapped.
    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    build("pathways", &file.join("site"), &[]).code(2);
    // An --out that is a folder polku did not build is refused, not replaced.
    let foreign = tmp.path().join("documents");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("thesis.txt"), "mine").unwrap();
    build("pathways", &foreign, &[]).code(2);
    assert_eq!(
        std::fs::read_to_string(foreign.join("thesis.txt")).unwrap(),
        "mine"
    );

    let after: Vec<(PathBuf, Vec<u8>)> = files(&out)
        .into_iter()
        .map(|p| {
            let b = std::fs::read(&p).unwrap();
            (p, b)
        })
        .collect();
    assert_eq!(before, after, "the old site is untouched");
}

#[test]
fn hostile_labels_produce_no_script_elements() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build("tests/fixtures/hostile", &out, &[]).success();
    let html: Vec<PathBuf> = files(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    assert!(html.len() >= 3);
    for page in html {
        let text = std::fs::read_to_string(&page).unwrap();
        let doc = Html::parse_document(&text);
        // The one script is the site's own viewer, a file beside the page: no inline code.
        for script in select(&doc, "script") {
            assert_eq!(
                script.value().attr("src"),
                Some("viewer.js"),
                "{} has a <script> other than the viewer",
                page.display()
            );
            assert_eq!(script.text().collect::<String>(), "", "{}", page.display());
        }
        assert!(select(&doc, "[onclick], [onload], [onerror]").is_empty());
    }
    // The text is there, escaped, not dropped.
    let doc = Html::parse_document(
        &std::fs::read_to_string(out.join("pathway-vihamielinen.html")).unwrap(),
    );
    let shown: String = doc.root_element().text().collect();
    assert!(shown.contains("<script>alert('x')</script>"));
    let md = std::fs::read_to_string(out.join("markdown/vihamielinen.md")).unwrap();
    assert!(!md.contains("<script>"), "Markdown escapes angle brackets");
}

#[test]
fn finnish_and_swedish_pages_have_no_english_headlines() {
    let loaded = load_dir(Path::new("pathways")).unwrap();
    let analysis = analyze(&loaded.model);
    // Phrases of the analysis' English messages, which a fi or sv page must not show.
    let english = [
        "no reachable service",
        "is loaded at",
        "clients/month",
        "but no handoff connects",
        "is not given in",
        "has no way on",
        "crosses organisations",
        "closest route",
    ];
    for lang in [Lang::Fi, Lang::Sv] {
        let site = shipped_site(&loaded, &analysis, lang);
        let mut headlines = 0;
        for i in 0..loaded.model.pathways().len() as u32 {
            let p = polku::model::PathwayIx(i);
            let diagram = site::pathway_diagram(&site, p).unwrap();
            let page = site::pathway_page(&site, p, &diagram, Extras::default());
            let Some(summary) = page.sections.iter().find(|s| s.id == "analysis") else {
                continue;
            };
            for line in &summary.list {
                headlines += 1;
                for phrase in english {
                    assert!(!line.contains(phrase), "{lang:?}: English in {line}");
                }
                assert!(
                    !analysis
                        .findings
                        .iter()
                        .any(|f| line.contains(&f.diagnostic.message)),
                    "{lang:?}: a finding's English message in {line}"
                );
            }
        }
        assert!(
            headlines >= 6,
            "{lang:?}: the shipped workspace has headlines"
        );
    }
    // English pages word the findings with names too.
    let site = shipped_site(&loaded, &analysis, Lang::En);
    let p = loaded
        .model
        .pathway_by_id("hango-svensk-servicekedja")
        .unwrap();
    let diagram = site::pathway_diagram(&site, p).unwrap();
    let md = site::markdown(
        &site::pathway_page(&site, p, &diagram, Extras::default()),
        "../",
    );
    assert!(
        md.contains("is not given in the language of client profile"),
        "{md}"
    );
}

fn with_extension(root: &Path, ext: &str) -> Vec<PathBuf> {
    files(root)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

#[test]
fn every_diagram_gets_the_same_picture_as_png_and_pdf_without_graphviz_unless_switched_off() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let empty = tempfile::tempdir().unwrap();

    // No `dot` on the PATH: the attachments are drawn from polku's own layout, one of each per
    // SVG (8 pathways and the ecosystem), and the pages link them. (`-o` is `--out`, as for
    // every command that writes.)
    let run = polku()
        .env("PATH", empty.path())
        .args(["build", "pathways", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", crate::support::stderr(&run));
    let svgs = with_extension(&out, "svg");
    assert_eq!(svgs.len(), 9);
    for svg in &svgs {
        for (ext, magic) in [("png", &b"\x89PNG"[..]), ("pdf", &b"%PDF-"[..])] {
            let twin = svg.with_extension(ext);
            let bytes = std::fs::read(&twin).unwrap_or_else(|e| panic!("{}: {e}", twin.display()));
            assert!(bytes.starts_with(magic), "{}", twin.display());
        }
    }
    let page = std::fs::read_to_string(out.join("pathway-hehku-liikkuva-tuki.html")).unwrap();
    assert!(
        page.contains(".png") && page.contains(".pdf"),
        "the page links them"
    );

    // --no-diagrams: SVG only, and the pages link only what exists.
    let run = build("pathways", &out, &["--no-diagrams"]).success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(!stderr.contains("note:"), "{stderr}");
    assert!(with_extension(&out, "png").is_empty());
    assert!(with_extension(&out, "pdf").is_empty());
    assert_eq!(with_extension(&out, "svg").len(), 9);
    let page = std::fs::read_to_string(out.join("pathway-hehku-liikkuva-tuki.html")).unwrap();
    assert!(!page.contains(".png"));
}

#[test]
fn indexed_findings_give_the_same_pages_as_matching_each() {
    let loaded = load_dir(Path::new("pathways")).unwrap();
    let analysis = analyze(&loaded.model);
    let each = polku::analysis::pathways_of_each(&loaded.model, &analysis.findings);
    for lang in [Lang::Fi, Lang::Sv] {
        let slow = shipped_site(&loaded, &analysis, lang);
        let fast = Site {
            finding_pathways: Some(&each),
            ..slow
        };
        for p in loaded.model.pathways().indices() {
            let diagram = site::pathway_diagram(&slow, p).unwrap();
            let a = site::pathway_page(&slow, p, &diagram, Extras::default());
            let b = site::pathway_page(&fast, p, &diagram, Extras::default());
            assert_eq!(site::markdown(&a, ""), site::markdown(&b, ""));
        }
    }
}

#[test]
fn the_folder_polku_runs_in_is_refused_as_out() {
    let tmp = tempfile::tempdir().unwrap();
    let shipped = std::fs::canonicalize("pathways").unwrap();
    let out = polku()
        .current_dir(tmp.path())
        .arg("build")
        .arg(&shipped)
        .args(["--out", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("e.g. --out site"), "{err}");
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        0,
        "nothing written"
    );
}

/// Issue 14, item 1: `--out nothere/../userdir` named nothing the check could look at, then, once
/// polku had created `nothere`, the user's folder — which the swap replaced.
#[test]
fn an_out_through_a_folder_not_yet_there_is_resolved_before_anything_is_created() {
    let tmp = tempfile::tempdir().unwrap();
    let shipped = std::fs::canonicalize("pathways").unwrap();
    let user = tmp.path().join("userdir");
    std::fs::create_dir(&user).unwrap();
    std::fs::write(user.join("thesis.txt"), "mine").unwrap();
    let run = |out: &str| {
        polku()
            .current_dir(tmp.path())
            .arg("build")
            .arg(&shipped)
            .args(["--out", out, "--no-diagrams"])
            .output()
            .unwrap()
    };
    for out in ["nothere/../userdir", "nothere/deeper/../../userdir"] {
        let result = run(out);
        assert_eq!(result.status.code(), Some(2), "{out}");
        let err = String::from_utf8_lossy(&result.stderr);
        assert!(err.contains("is not a site polku built"), "{err}");
        assert!(
            err.contains("userdir"),
            "names the folder it resolves to: {err}"
        );
        assert_eq!(
            std::fs::read_to_string(user.join("thesis.txt")).unwrap(),
            "mine"
        );
        assert!(!tmp.path().join("nothere").exists(), "nothing created");
    }
    // Through a folder that does not exist to a new one: built there, and only there.
    let result = run("nothere/../fresh");
    assert_eq!(result.status.code(), Some(0));
    assert!(tmp.path().join("fresh").join(".polku-site").is_file());
    assert!(!tmp.path().join("nothere").exists());
    // A link to the user's folder is the user's folder.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&user, tmp.path().join("link")).unwrap();
        assert_eq!(run("link").status.code(), Some(2));
        assert_eq!(
            std::fs::read_to_string(user.join("thesis.txt")).unwrap(),
            "mine"
        );
    }
}

/// Review of issue 14: a site folder polku built that holds the workspace being read was swapped
/// out, sources included.
#[test]
fn a_site_folder_that_holds_the_workspace_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    std::fs::create_dir(&site).unwrap();
    std::fs::write(site.join(".polku-site"), "").unwrap();
    let ws = site.join("pathways");
    std::fs::create_dir(&ws).unwrap();
    for f in std::fs::read_dir("pathways").unwrap().flatten() {
        std::fs::copy(f.path(), ws.join(f.file_name())).unwrap();
    }
    let out = polku()
        .arg("build")
        .arg(&ws)
        .arg("--out")
        .arg(&site)
        .arg("--no-diagrams")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds the workspace"));
    assert!(ws.join("actors.toml").is_file(), "the sources are kept");
}
