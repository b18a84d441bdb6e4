//! The HTML writer: one minijinja template, autoescaped, so user text is escaped by construction.

use super::page::Page;
use super::{
    Extras, PAGE_TEMPLATE, SECTIONS_TEMPLATE, STYLESHEET_FILE, Site, VIEWER_FILE, VIEWER_TEMPLATE,
    pathway_diagram, pathway_page,
};
use crate::model::PathwayIx;

/// Adds the documentation templates (`page.html`, and `sections.html` and `viewer.html`, which
/// the server's pages include too, so a page's sections and its diagram viewer are rendered by one
/// template wherever they are shown).
pub fn add_templates(env: &mut minijinja::Environment<'static>) -> Result<(), String> {
    for (name, source) in [
        ("page.html", PAGE_TEMPLATE),
        ("sections.html", SECTIONS_TEMPLATE),
        ("viewer.html", VIEWER_TEMPLATE),
    ] {
        env.add_template(name, source)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    Ok(())
}

/// A page as a standalone HTML document (every value escaped by the template engine).
pub fn html(page: &Page) -> Result<String, String> {
    let mut env = minijinja::Environment::new();
    add_templates(&mut env)?;
    let template = env
        .get_template("page.html")
        .map_err(|e| format!("page template: {e}"))?;
    template
        .render(minijinja::context! {
            page => page,
            stylesheet => STYLESHEET_FILE,
            script => VIEWER_FILE,
        })
        .map_err(|e| format!("cannot render `{}`: {e}", page.title))
}

/// One pathway page as a standalone HTML document, as `polku build` writes it.
pub fn pathway_html(site: &Site, p: PathwayIx, extras: Extras) -> Result<String, String> {
    let diagram = pathway_diagram(site, p).map_err(|e| e.to_string())?;
    html(&pathway_page(site, p, &diagram, extras))
}
