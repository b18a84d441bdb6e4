//! Diagrams: what to draw ([`view`]: lanes, boxes, arrows, findings marks, legend, in fi/sv/en),
//! polku's own swimlane layout ([`layout`]) and its SVG writer ([`svg`]), and Graphviz: DOT
//! source ([`dot`]) and the `dot` program run with limits and a cache ([`graphviz`]).

pub mod dot;
pub mod graphviz;
pub mod layout;
pub mod svg;
pub mod view;
