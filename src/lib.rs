//! mtclean finds and fixes machine-translation artifacts in English news text: words glued
//! together where a link was stripped (`Soviet Unionbut`), untranslated function words
//! (`North Korea y Russia`), calques (`So much Russia as North Korea They have denied`) and broken
//! quotes (`promised”hold hands”`).
//!
//! The pipeline:
//!
//! ```text
//! bytes ─decode─▶ text ─tokenize─▶ Document ─passes─▶ Findings ─resolve─▶ fixed text + changes ─render─▶ output
//! ```
//!
//! * [`document::Document`]: tokens, sentences, paragraphs and document evidence (NFC for matching,
//!   spans mapped back to the original bytes).
//! * [`passes`]: each reads the document and returns [`finding::Finding`]s with an optional
//!   [`finding::Fix`] that is `Safe`, `Unsafe` or `DisplayOnly`.
//! * [`resolve`]: applies non-overlapping fixes, round after round, until nothing changes.
//! * [`render`]: unified diff, word diff, check lines and JSON.
//!
//! ```
//! use mtclean::{Cleaner, Policy};
//!
//! let cleaner = Cleaner::new(&mtclean::Options::default()).unwrap();
//! let outcome = cleaner.clean("At first, Kim He had a cool relationship with Moscow.", Policy::Safe);
//! assert_eq!(outcome.text, "At first, Kim had a cool relationship with Moscow.");
//! assert_eq!(outcome.changes[0].check.as_str(), "stray-subject-after-name");
//! ```

pub mod batch;
pub mod cleaner;
pub mod config;
pub mod engine;
mod error;
pub mod eval;
pub mod passes;
pub mod render;
pub mod review;
pub mod rules;

pub use batch::{input, jsonl, stats, walk};
pub use cleaner::{Change, Cleaner, Edit, Options, Outcome};
pub use engine::resolve::Policy;
pub use engine::{data, document, evidence, finding, frequency, lexicon, morph, resolve};
pub use error::{Error, RuleError};
