//! The pipeline's foundations: document, evidence, lexicon, languages, findings and the resolver.
//! No file I/O, no terminal, no HTML: this folder imports nothing of the crate outside it, and the
//! passes and the rule engine never name `cli`, `render`, `batch`, `config` or `eval`.

pub mod data;
pub mod document;
pub mod english;
pub mod evidence;
pub mod finding;
pub mod frequency;
pub mod languages;
pub mod lexicon;
pub mod morph;
pub mod resolve;
