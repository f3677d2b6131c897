//! Everything the binary embeds from `data/`: rule files, tables and the lexicon.
//!
//! Each folder is embedded on its own, so a folder of build inputs (word-frequency sources) never
//! ends up in the binary. Paths are relative to `data/` (`rules/quotes.toml`, `tables/glue.toml`).

use include_dir::{Dir, include_dir};

/// The embedded rule files (`data/rules/*.toml`).
pub static RULES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data/rules");
static TABLES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data/tables");
static LEXICON: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/data/lexicon");

/// The text of an embedded data file, by its path under `data/`; `None` when there is no such
/// file or it is not UTF-8.
pub fn text(path: &str) -> Option<&'static str> {
    let (folder, rest) = path.split_once('/')?;
    let dir = match folder {
        "rules" => &RULES,
        "tables" => &TABLES,
        "lexicon" => &LEXICON,
        _ => return None,
    };
    dir.get_file(rest)?.contents_utf8()
}

/// The text of an embedded data file that the build guarantees; panics naming it otherwise.
pub fn required(path: &str) -> &'static str {
    text(path).unwrap_or_else(|| panic!("data/{path} is embedded"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_files_in_every_folder() {
        assert!(required("tables/glue.toml").contains("function_words"));
        assert!(text("rules/punct.toml").is_some());
        assert!(text("lexicon/gazetteer.txt").is_some());
        assert!(text("nowhere/x").is_none());
        assert!(text("rules").is_none());
    }
}
