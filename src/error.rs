//! The library's errors: each names the file (and for rule files, the rule and the field).

use std::path::PathBuf;

/// A rule file that cannot be used: names the file, the rule and the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    pub file: PathBuf,
    pub rule: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(rule) = &self.rule {
            write!(f, ": rule `{rule}`")?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for RuleError {}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("bad rule file: {0}")]
    Rule(#[from] RuleError),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: invalid UTF-8 at byte {offset} (the file was left untouched)", path.display())]
    InvalidUtf8 { path: PathBuf, offset: usize },
    #[error("bad data file: {}: {message}", path.display())]
    Table { path: PathBuf, message: String },
    #[error("bad configuration: {}: {message}", path.display())]
    Config { path: PathBuf, message: String },
}
