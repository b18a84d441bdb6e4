//! The output formats: their names on the command line and in URLs, their file extensions and
//! content types. A leaf module, so that everything that names a format (the pipeline, the
//! site's links, the server) can without importing the pipeline.

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A diagram as SVG (polku's own swimlanes, or Graphviz with [`Engine::Graphviz`]).
    Svg,
    /// A diagram as PNG, through Graphviz.
    Png,
    /// A diagram as PDF, through Graphviz.
    Pdf,
    /// The Graphviz source of a diagram.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// BPMN 2.0 with lanes and diagram coordinates.
    Bpmn,
    /// GraphML with typed attributes.
    Graphml,
    /// polku's JSON: a pathway's services, handoffs, profiles and findings, or the whole model
    /// and analysis.
    Json,
    /// A pathway's documentation page as Markdown, for Innokylä's form.
    Markdown,
}

impl Format {
    /// Every format, in the order downloads are offered.
    pub const ALL: [Format; 9] = [
        Format::Svg,
        Format::Png,
        Format::Pdf,
        Format::Dot,
        Format::Mermaid,
        Format::Bpmn,
        Format::Graphml,
        Format::Json,
        Format::Markdown,
    ];

    /// The name in URLs and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
            Format::Pdf => "pdf",
            Format::Dot => "dot",
            Format::Mermaid => "mermaid",
            Format::Bpmn => "bpmn",
            Format::Graphml => "graphml",
            Format::Json => "json",
            Format::Markdown => "markdown",
        }
    }

    /// Parses [`Format::name`].
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == s)
    }

    /// The file extension of a written file.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Mermaid => "mmd",
            Format::Markdown => "md",
            other => other.name(),
        }
    }

    /// The format a file extension names, if any (`gv` is Graphviz's other extension).
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        match ext.as_str() {
            "gv" => Some(Format::Dot),
            "mermaid" => Some(Format::Mermaid),
            "markdown" => Some(Format::Markdown),
            e => Format::ALL.into_iter().find(|f| f.extension() == e),
        }
    }

    /// The `Content-Type` of a response.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
            Format::Pdf => "application/pdf",
            Format::Dot => "text/vnd.graphviz; charset=utf-8",
            Format::Mermaid => "text/plain; charset=utf-8",
            Format::Bpmn => "application/xml",
            Format::Graphml => "application/graphml+xml",
            Format::Json => "application/json",
            Format::Markdown => "text/markdown; charset=utf-8",
        }
    }

    /// True for bytes that are not text.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Png | Format::Pdf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_a_distinct_name_and_extension_that_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.name()), Some(f));
            assert_eq!(Format::from_extension(f.extension()), Some(f));
        }
        assert_eq!(Format::parse("exe"), None);
        assert_eq!(Format::from_extension("jpg"), None);
        assert_eq!(Format::from_extension("GV"), Some(Format::Dot));
    }
}
