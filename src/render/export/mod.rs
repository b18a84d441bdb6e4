//! Exports for other tools: BPMN 2.0 with lanes and diagram coordinates ([`bpmn`]), GraphML with
//! typed attributes ([`graphml`]), Mermaid flowcharts ([`mermaid`]) and polku's JSON ([`json`]).

pub mod bpmn;
pub mod graphml;
pub mod json;
pub mod mermaid;
