//! Mermaid flowchart export, for Markdown pages and GitHub, which render Mermaid code blocks.
//!
//! A key design decision made in this module is that no user text ever reaches the output outside
//! a double-quoted label, and inside one every ASCII character that Mermaid or its HTML labels
//! could read as syntax is written as a Mermaid entity code (`#quot;`, `#lt;`, `#gt;`, `#amp;`,
//! `#35;` …). Ids are made up here (`n0`, `lane0`), never taken from the model; the service id is
//! kept in a `%%` comment, and only after checking it is kebab-case. The one piece of markup
//! inside a label is our own `<br>` between wrapped lines.
//!
//! Layout is left to Mermaid: one `subgraph` per lane, flowing left to right. Client-moving
//! handoffs are solid arrows, the others (consultation, joint work, information…) dashed; edge
//! labels give the kind and the wait. Nodes are coloured by sector with one `classDef` each.

use std::fmt::Write;

use crate::render::diagram::palette;
use crate::render::diagram::view::View;

/// Writes a view as a Mermaid `flowchart LR`.
pub fn mermaid(view: &View) -> String {
    let mut out = String::new();
    // Writing into a String cannot fail; `let _` keeps the function total without unwrap.
    let _ = write_flowchart(&mut out, view);
    out
}

fn write_flowchart(out: &mut String, view: &View) -> std::fmt::Result {
    writeln!(out, "flowchart LR")?;
    let node_line = |out: &mut String, i: usize, indent: &str| -> std::fmt::Result {
        let node = &view.nodes[i];
        if let Some(key) = comment_safe(&node.key) {
            writeln!(out, "{indent}%% n{i}: {key}")?;
        }
        let mut lines: Vec<String> = node.label.iter().map(|l| escape(l)).collect();
        if !node.badges.is_empty() {
            let symbols: Vec<String> = node.badges.iter().map(|b| b.text()).collect();
            lines.push(escape(&symbols.join(" ")));
        }
        writeln!(out, "{indent}n{i}[\"{}\"]", lines.join("<br>"))
    };

    for (l, lane) in view.lanes.iter().enumerate() {
        let members: Vec<usize> = (0..view.nodes.len())
            .filter(|&i| view.nodes[i].lane == l)
            .collect();
        if members.is_empty() {
            continue;
        }
        writeln!(out, "  subgraph lane{l}[\"{}\"]", escape(&lane.label))?;
        for i in members {
            node_line(out, i, "    ")?;
        }
        writeln!(out, "  end")?;
    }
    // Nodes whose lane is not in the view (never built so, but the output stays complete).
    for i in (0..view.nodes.len()).filter(|&i| view.nodes[i].lane >= view.lanes.len()) {
        node_line(out, i, "  ")?;
    }

    // Edges; `linkStyle` counts them in the order they are written.
    let mut loops = Vec::new();
    let mut boundary = Vec::new();
    let mut faded = Vec::new();
    let valid = view
        .edges
        .iter()
        .filter(|e| e.from < view.nodes.len() && e.to < view.nodes.len());
    for (n, edge) in valid.enumerate() {
        let arrow = if edge.missing_collaboration {
            "-.-"
        } else if edge.moves_client {
            "-->"
        } else {
            "-.->"
        };
        let label = edge
            .label
            .iter()
            .map(|l| escape(l))
            .collect::<Vec<_>>()
            .join(" · ");
        if label.is_empty() {
            writeln!(out, "  n{} {arrow} n{}", edge.from, edge.to)?;
        } else {
            writeln!(out, "  n{} {arrow}|\"{label}\"| n{}", edge.from, edge.to)?;
        }
        if edge.faded {
            faded.push(n);
        } else if edge.in_loop || edge.missing_collaboration {
            loops.push(n);
        } else if edge.boundary_without_protocol {
            boundary.push(n);
        }
    }

    // Colours: one class per sector, faded nodes grey, heat on the border.
    for sector in &view.sectors {
        let text = if palette::dark_fill(*sector) {
            "#ffffff"
        } else {
            "#000000"
        };
        writeln!(
            out,
            "  classDef {} fill:{},color:{text},stroke:#555555",
            sector.as_str(),
            palette::sector_color(*sector)
        )?;
    }
    writeln!(
        out,
        "  classDef actor fill:#eeeeee,color:#000000,stroke:#555555"
    )?;
    writeln!(
        out,
        "  classDef faded fill:#f7f7f7,color:#999999,stroke:#cccccc"
    )?;
    let mut by_class: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, node) in view.nodes.iter().enumerate() {
        let class = match (node.faded, node.sector) {
            (true, _) => "faded",
            (false, Some(s)) => s.as_str(),
            (false, None) => "actor",
        };
        match by_class.iter_mut().find(|(c, _)| c == class) {
            Some((_, members)) => members.push(i),
            None => by_class.push((class.to_string(), vec![i])),
        }
    }
    for (class, members) in by_class {
        let ids: Vec<String> = members.iter().map(|i| format!("n{i}")).collect();
        writeln!(out, "  class {} {class}", ids.join(","))?;
    }
    for (i, node) in view.nodes.iter().enumerate() {
        let heat = palette::heat_color(node.utilisation);
        if !node.faded && heat != palette::heat_color(None) {
            writeln!(out, "  style n{i} stroke:{heat},stroke-width:3px")?;
        }
    }
    let link_style = |out: &mut String, edges: &[usize], style: &str| -> std::fmt::Result {
        if edges.is_empty() {
            return Ok(());
        }
        let list: Vec<String> = edges.iter().map(usize::to_string).collect();
        writeln!(out, "  linkStyle {} {style}", list.join(","))
    };
    link_style(
        out,
        &loops,
        &format!("stroke:{},stroke-width:2px", palette::LOOP_COLOR),
    )?;
    link_style(
        out,
        &boundary,
        &format!("stroke:{},stroke-width:2px", palette::BOUNDARY_COLOR),
    )?;
    link_style(out, &faded, "stroke:#cccccc")?;
    Ok(())
}

/// The key, when it is safe to write in a `%%` comment: ASCII letters, digits and `-` only (as
/// every id is); anything else is left out rather than escaped.
fn comment_safe(key: &str) -> Option<&str> {
    let safe = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    safe.then_some(key)
}

/// Escapes text for the inside of a double-quoted Mermaid label.
///
/// ASCII letters, digits, space and `.,-_()/'!?+` stay; every other ASCII character becomes an
/// entity code: `"` `#quot;`, `<` `#lt;`, `>` `#gt;`, `&` `#amp;`, others `#<decimal>;` (so `#`
/// is `#35;`, `|` `#124;`, `;` `#59;`, `%` `#37;`, `:` `#58;`, `` ` `` `#96;`). Line breaks and
/// other control characters (and the Unicode line and paragraph separators) become spaces.
/// Characters outside ASCII (ä, ö, å, –, ·) are written as they are.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c if c.is_ascii_alphanumeric() || " .,-_()/'!?+".contains(c) => out.push(c),
            c if c.is_ascii() => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_mermaid_could_read_as_syntax() {
        assert_eq!(
            escape(r#"a "b" <c> & d"#),
            "a #quot;b#quot; #lt;c#gt; #amp; d"
        );
        assert_eq!(
            escape("x#y|z;%%{init}%%"),
            "x#35;y#124;z#59;#37;#37;#123;init#125;#37;#37;"
        );
        assert_eq!(escape("rivi\nrivi\r\u{2028}"), "rivi rivi  ");
        assert_eq!(
            escape("Päihde- ja mielenterveys: 7 pv"),
            "Päihde- ja mielenterveys#58; 7 pv"
        );
        assert_eq!(escape("`**md**`"), "#96;#42;#42;md#42;#42;#96;");
    }

    #[test]
    fn comments_take_only_kebab_case_keys() {
        assert_eq!(comment_safe("hki-koulu"), Some("hki-koulu"));
        assert_eq!(comment_safe("a\n b"), None);
        assert_eq!(comment_safe(""), None);
    }
}
