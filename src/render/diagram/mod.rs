//! Diagrams: what to draw ([`view`]: lanes, boxes, arrows, findings marks, in fi/sv/en; [`legend`]:
//! the legend's entries worded), polku's own swimlane layout ([`layout`], which reads a plain
//! [`layout::LayoutInput`], not the view) and its SVG writer ([`svg`]), and Graphviz: DOT
//! source ([`dot`]) and the `dot` program run with limits and a cache ([`graphviz`]).

pub mod dot;
pub mod graphviz;
pub mod layout;
pub mod legend;
pub mod palette;
pub mod svg;
pub mod view;
