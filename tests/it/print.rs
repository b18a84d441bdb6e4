//! Printed diagrams without Graphviz: `polku render --format pdf|png` with no `dot` on the PATH,
//! read back by poppler's `pdfinfo` and by pdfminer.six (tests/consumers/pdf_check.py).

use std::path::Path;
use std::process::Command;

use crate::support::{polku, skip, stderr};

/// A4 and A3 landscape in points, as pdfinfo prints them.
const A4: &str = "841.89 x 595.276 pts (A4)";
const A3: &str = "1190.55 x 841.89 pts (A3)";

/// The ids of the shipped pathways.
fn pathways() -> Vec<String> {
    let loaded = polku::workspace::load_dir(Path::new("pathways")).unwrap();
    loaded
        .model
        .pathways()
        .iter()
        .map(|p| p.id.clone())
        .collect()
}

/// Renders with a PATH that holds nothing, so Graphviz cannot be what draws it.
fn render_without_graphviz(args: &[&str], out: &Path) {
    let empty = tempfile::tempdir().unwrap();
    let run = polku()
        .env("PATH", empty.path())
        .args(["render", "pathways"])
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{args:?}: {}", stderr(&run));
    assert!(
        stderr(&run).contains("engine lanes"),
        "{args:?}: {}",
        stderr(&run)
    );
}

/// Each page's size as pdfinfo prints it, or `None` when pdfinfo is not installed.
fn pdfinfo_pages(pdf: &Path) -> Option<Vec<String>> {
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "9999"])
        .arg(pdf)
        .output()
        .ok()?;
    assert!(out.status.success(), "pdfinfo: {}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    Some(
        text.lines()
            .filter(|l| l.starts_with("Page") && l.contains(" size:"))
            .map(|l| l.split_once("size:").unwrap().1.trim().to_string())
            .collect(),
    )
}

/// pdfminer's reading: pages and the smallest character, or `None` when it is not installed.
fn pdfminer(pdfs: &[&Path]) -> Option<Vec<serde_json::Value>> {
    let out = Command::new("python3")
        .arg("tests/consumers/pdf_check.py")
        .args(pdfs)
        .output()
        .ok()?;
    if !out.status.success() {
        let err = stderr(&out);
        assert!(err.contains("No module named"), "pdf_check.py: {err}");
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect(),
    )
}

#[test]
fn every_shipped_pathway_prints_on_a4_landscape_with_text_of_at_least_7_pt() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for id in pathways() {
        let file = dir.path().join(format!("{id}.pdf"));
        render_without_graphviz(&["--pathway", &id, "--format", "pdf"], &file);
        assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
        files.push((id, file));
    }
    let Some(_) = pdfinfo_pages(&files[0].1) else {
        skip("pdfinfo is not installed", "apt-get install poppler-utils");
        return;
    };
    for (id, file) in &files {
        let pages = pdfinfo_pages(file).unwrap();
        assert!(!pages.is_empty(), "{id}");
        assert!(pages.iter().all(|p| p == A4), "{id}: {pages:?}");
        if id == "keski-uusimaa-nuorten-paihdepolku" {
            assert!(pages.len() > 1, "Keski-Uusimaa is tiled: {pages:?}");
        }
        // Hanko is wider than a page at 7 pt but low: its two strips share one page.
        if id == "hango-svensk-servicekedja" {
            assert_eq!(pages.len(), 1, "Hanko's strips are stacked: {pages:?}");
        }
    }
    let paths: Vec<&Path> = files.iter().map(|(_, f)| f.as_path()).collect();
    let Some(read) = pdfminer(&paths) else {
        skip("pdfminer.six is not installed", "pip install pdfminer.six");
        return;
    };
    for ((id, _), r) in files.iter().zip(&read) {
        let smallest = r["smallest"].as_f64().unwrap();
        assert!(smallest >= 6.99, "{id}: smallest text {smallest} pt");
        assert!(r["chars"].as_u64().unwrap() > 50, "{id}: the text is text");
        assert_eq!(
            r["pages"].as_array().unwrap().len(),
            pdfinfo_pages(&files.iter().find(|f| &f.0 == id).unwrap().1)
                .unwrap()
                .len()
        );
    }
}

#[test]
fn a3_on_request_takes_fewer_pages() {
    let dir = tempfile::tempdir().unwrap();
    // The tiled pathway never takes more sheets on A3; the ecosystem, many tiles wide and tall
    // on A4, takes fewer. (Tiles are cut between boxes, so a little wider paper need not save
    // a sheet.)
    for (what, args, fewer) in [
        (
            "Keski-Uusimaa",
            &["--pathway", "keski-uusimaa-nuorten-paihdepolku"][..],
            false,
        ),
        ("the ecosystem", &["--view", "ecosystem"][..], true),
    ] {
        let (a4, a3) = (dir.path().join("a4.pdf"), dir.path().join("a3.pdf"));
        render_without_graphviz(&[args, &["--format", "pdf"]].concat(), &a4);
        let on_a3 = [args, &["--format", "pdf", "--paper", "a3"]].concat();
        render_without_graphviz(&on_a3, &a3);
        let (Some(on_a4), Some(on_a3)) = (pdfinfo_pages(&a4), pdfinfo_pages(&a3)) else {
            skip("pdfinfo is not installed", "apt-get install poppler-utils");
            return;
        };
        assert!(on_a3.iter().all(|p| p == A3), "{what}: {on_a3:?}");
        assert!(
            on_a3.len() <= on_a4.len(),
            "{what}: A3 {on_a3:?}, A4 {on_a4:?}"
        );
        if fewer {
            assert!(
                on_a3.len() < on_a4.len(),
                "{what}: A3 {on_a3:?}, A4 {on_a4:?}"
            );
        }
    }
}

#[test]
fn a_png_is_the_svg_at_twice_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let id = "hango-svensk-servicekedja";
    let (svg, png) = (dir.path().join("d.svg"), dir.path().join("d.png"));
    render_without_graphviz(&["--pathway", id], &svg);
    render_without_graphviz(&["--pathway", id, "--format", "png"], &png);
    let svg = std::fs::read_to_string(&svg).unwrap();
    let width: f64 = svg
        .split_once("width=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(w, _)| w.parse().ok())
        .unwrap();
    let png = std::fs::read(&png).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
    // The IHDR chunk: width and height, big-endian, after the signature and the chunk header.
    let w = u32::from_be_bytes(png[16..20].try_into().unwrap());
    assert_eq!(w, (2.0 * width).ceil() as u32, "a {width} px wide SVG");
}
