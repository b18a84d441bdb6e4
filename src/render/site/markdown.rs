//! The Markdown writer, for pasting a page into Innokylä's form.

use super::page::Page;

/// Escapes text for Markdown: characters that would start markup are backslash-escaped and line
/// breaks become spaces, so the text stays one paragraph, list item or table cell.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '{' | '}' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes a link target for Markdown (`<...>` form).
fn markdown_href(href: &str) -> String {
    href.replace(' ', "%20")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// A page as Markdown, for pasting into Innokylä's form. Links are relative to `base` (e.g. `../`
/// when the file is in a sub-folder of the site).
pub fn markdown(page: &Page, base: &str) -> String {
    let mut out = format!("# {}\n", markdown_escape(&page.title));
    if !page.lead.is_empty() {
        out.push_str(&format!("\n{}\n", markdown_escape(&page.lead)));
    }
    for s in &page.sections {
        out.push_str(&format!("\n## {}\n", markdown_escape(&s.title)));
        if !s.facts.is_empty() {
            out.push_str("\n| | |\n|---|---|\n");
            for (k, v) in &s.facts {
                out.push_str(&format!(
                    "| {} | {} |\n",
                    markdown_escape(k),
                    markdown_escape(v)
                ));
            }
        }
        for p in &s.paragraphs {
            out.push_str(&format!("\n{}\n", markdown_escape(p)));
        }
        if !s.list.is_empty() {
            out.push('\n');
            for (i, item) in s.list.iter().enumerate() {
                if s.ordered {
                    out.push_str(&format!("{}. {}\n", i + 1, markdown_escape(item)));
                } else {
                    out.push_str(&format!("- {}\n", markdown_escape(item)));
                }
            }
        }
        if let Some(table) = s.table.as_ref().filter(|t| !t.rows.is_empty()) {
            let row = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
            out.push('\n');
            out.push_str(&row(table
                .headers
                .iter()
                .map(|h| markdown_escape(h))
                .collect()));
            out.push_str(&row(table.headers.iter().map(|_| "---".into()).collect()));
            for r in &table.rows {
                out.push_str(&row(r.iter().map(|c| markdown_escape(&c.text)).collect()));
            }
        }
        if let Some(f) = &s.figure {
            out.push_str(&format!(
                "\n![{}]({}{})\n",
                markdown_escape(&f.alt),
                base,
                markdown_href(&f.src)
            ));
        }
        if !s.links.is_empty() {
            out.push('\n');
            for l in &s.links {
                out.push_str(&format!(
                    "- [{}]({}{})\n",
                    markdown_escape(&l.text),
                    base,
                    markdown_href(&l.href)
                ));
            }
        }
    }
    out
}
