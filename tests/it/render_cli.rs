//! `polku render` and `polku export` through the real binary: formats, engines, errors, and the
//! real Graphviz where a user would use it.

use crate::support::polku;

fn run(args: &[&str]) -> (Option<i32>, Vec<u8>, String) {
    // Layouts are cached per user; the tests keep theirs out of the real cache.
    let cache = tempfile::tempdir().unwrap();
    let out = polku()
        .env("XDG_CACHE_HOME", cache.path())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn graphviz_or_skip() -> bool {
    if polku::render::diagram::graphviz::available() {
        return true;
    }
    crate::support::skip(
        "Graphviz `dot` is not installed, so PNG, PDF and the dot engine are not tested",
        "apt-get install graphviz",
    );
    false
}

const HEHKU: &str = "hehku-liikkuva-tuki";

#[test]
fn lanes_view_renders_natively_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hehku.svg");
    let (code, _, err) = run(&[
        "render",
        "pathways",
        "--pathway",
        HEHKU,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("engine lanes (polku's own swimlane layout)"),
        "{err}"
    );
    let svg = std::fs::read_to_string(&file).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.contains("Hehku"), "the title is drawn");
}

#[test]
fn dot_format_is_graphviz_source() {
    let (code, out, err) = run(&[
        "render",
        "pathways",
        "--pathway",
        HEHKU,
        "--format",
        "dot",
        "--lang",
        "en",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("digraph polku {"), "{text}");
    assert!(text.contains("cluster_lane_0"));
}

#[test]
fn png_and_pdf_come_from_graphviz() {
    if !graphviz_or_skip() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (format, magic) in [
        ("png", &b"\x89PNG"[..]),
        ("pdf", &b"%PDF"[..]),
        ("svg", &b"<?xml"[..]),
    ] {
        let file = dir.path().join(format!("route.{format}"));
        let (code, _, err) = run(&[
            "render",
            "pathways",
            "--pathway",
            HEHKU,
            "--view",
            "route",
            "--profile",
            "hki-14v-koulupoissaolot-ahdistus",
            "--format",
            format,
            "--engine",
            "dot",
            "-o",
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, Some(0), "{format}: {err}");
        assert!(err.contains("engine dot (Graphviz)"), "{err}");
        assert!(std::fs::read(&file).unwrap().starts_with(magic), "{format}");
    }
}

#[test]
fn the_ecosystem_view_draws_every_pathway() {
    let (code, out, err) = run(&[
        "render",
        "pathways",
        "--view",
        "ecosystem",
        "--engine",
        "lanes",
    ]);
    assert_eq!(code, Some(0), "{err}");
    let svg = String::from_utf8(out).unwrap();
    assert!(
        svg.contains("Nuorisoasema") && svg.contains("Hehku"),
        "both pathways' services are drawn"
    );
}

#[test]
fn views_that_make_no_sense_are_refused_with_advice() {
    let (code, _, err) = run(&["render", "pathways"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("choose a pathway with --pathway"), "{err}");
    let (code, _, err) = run(&["render", "pathways", "--pathway", HEHKU, "--view", "route"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("--profile"), "{err}");
    let (code, _, err) = run(&["render", "pathways", "--pathway", "hehku"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean `hehku-liikkuva-tuki`"), "{err}");
}

#[test]
fn exports_write_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for (format, start) in [
        ("mermaid", "flowchart LR"),
        ("bpmn", "<?xml"),
        ("graphml", "<?xml"),
        ("json", "{"),
    ] {
        let file = dir.path().join(format!("out.{format}"));
        let (code, _, err) = run(&[
            "export",
            "pathways",
            "--pathway",
            HEHKU,
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, Some(0), "{format}: {err}");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.trim_start().starts_with(start),
            "{format}: {}",
            &text[..text.len().min(80)]
        );
    }
    let (code, out, _) = run(&["export", "pathways", "--format", "json"]);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v.is_object());
}

#[test]
fn the_format_follows_the_output_file_extension() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hehku.dot");
    let (code, _, err) = run(&[
        "render",
        "pathways",
        "--pathway",
        HEHKU,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("digraph polku {")
    );
}

#[test]
fn load_errors_exit_1_but_the_valid_part_is_drawn_and_exported() {
    let dir = "tests/fixtures/invalid/e0009-unknown-reference";
    let (code, out, err) = run(&["render", dir, "--format", "dot"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(String::from_utf8(out).unwrap().starts_with("digraph"));
    let (code, out, _) = run(&["export", dir, "--format", "json"]);
    assert_eq!(code, Some(1));
    assert!(serde_json::from_slice::<serde_json::Value>(&out).is_ok());
}

#[test]
fn graphviz_layouts_are_cached_by_content() {
    if !graphviz_or_skip() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let render = |extra: &[&str]| {
        let out = polku()
            .env("XDG_CACHE_HOME", cache.path())
            .args([
                "render",
                "pathways",
                "--view",
                "ecosystem",
                "--engine",
                "dot",
                "--format",
                "svg",
            ])
            .args(extra)
            .output()
            .unwrap();
        (
            out.stdout,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (first, err) = render(&[]);
    assert!(!err.contains("from the cache"), "{err}");
    let (second, err) = render(&[]);
    assert!(err.contains("(layout from the cache)"), "{err}");
    assert_eq!(first, second);
    let (_, err) = render(&["--no-cache"]);
    assert!(!err.contains("from the cache"), "{err}");
    assert_eq!(
        std::fs::read_dir(cache.path().join("polku/dot"))
            .unwrap()
            .count(),
        1
    );
}

/// Issue 14, smaller: `render -o x.jpg` wrote SVG into the `.jpg`. A file name that names a format
/// polku does not write, or another format than `--format`, is refused before any work.
#[test]
fn an_output_file_must_be_named_for_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    for (args, name, says) in [
        (
            &["render", "--format", "svg"][..],
            "x.png",
            "does not match the file name",
        ),
        (
            &["render", "--format", "svg"][..],
            "x.jpg",
            "cannot write a .jpg file",
        ),
        (&["render"][..], "x.jpg", "cannot write a .jpg file"),
        (
            &["export", "--format", "json"][..],
            "x.jpg",
            "cannot write a .jpg file",
        ),
    ] {
        let out = dir.path().join(name);
        let (code, _, err) = run(&[
            args,
            &["pathways", "--pathway", HEHKU, "-o", out.to_str().unwrap()],
        ]
        .concat());
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(!out.exists());
    }
    let mmd = dir.path().join("x.mmd");
    let (code, _, err) = run(&[
        "render",
        "pathways",
        "--pathway",
        HEHKU,
        "-o",
        mmd.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("polku export"), "{err}");
    let svg = dir.path().join("x.svg");
    let (code, _, err) = run(&[
        "export",
        "pathways",
        "--format",
        "bpmn",
        "--pathway",
        HEHKU,
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    // With --format, a name polku gives no meaning is the user's choice (BPMN as .xml).
    let xml = dir.path().join("model.xml");
    let (code, _, err) = run(&[
        "export",
        "pathways",
        "--format",
        "bpmn",
        "--pathway",
        HEHKU,
        "-o",
        xml.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    // A file without an extension takes the format it is given.
    let plain = dir.path().join("diagram");
    let (code, _, err) = run(&[
        "render",
        "pathways",
        "--pathway",
        HEHKU,
        "--format",
        "dot",
        "-o",
        plain.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        std::fs::read_to_string(&plain)
            .unwrap()
            .starts_with("digraph")
    );
}
