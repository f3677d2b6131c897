//! Application services around the engine for bulk work: reading and decoding input, walking
//! folders, atomic writes, JSONL records and run totals. The engine never imports this folder.

pub mod guard;
pub mod input;
pub mod jsonl;
pub mod limits;
pub mod load;
pub mod pieces;
pub mod stats;
pub mod walk;
