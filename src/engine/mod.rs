//! The pipeline itself: document, evidence, findings, resolver and cleaner. No file I/O, no
//! terminal, no HTML: the passes, the rule engine and this folder never name `cli`, `render`,
//! `batch`, `config` or `eval`.

pub mod cleaner;
pub mod data;
pub mod document;
pub mod english;
pub mod evidence;
pub mod finding;
pub mod languages;
pub mod lexicon;
pub mod morph;
pub mod resolve;
