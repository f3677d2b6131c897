//! Totals of a run, for the end-of-run summary and `--stats FILE`.

use serde::Serialize;
use std::collections::BTreeMap;

use crate::Outcome;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Stats {
    pub files: usize,
    pub files_changed: usize,
    pub records: usize,
    pub records_changed: usize,
    pub records_passed_through: usize,
    pub bytes: u64,
    pub fixes: usize,
    pub by_family: BTreeMap<String, usize>,
    pub by_rule: BTreeMap<String, usize>,
    pub errors: usize,
    pub skipped_binary: usize,
    pub skipped_hidden: usize,
    /// Nothing was written (`fix --check`, `fix --diff`): the summary says "would change".
    #[serde(skip)]
    pub dry_run: bool,
}

impl Stats {
    /// Counts the applied fixes of one text.
    pub fn add_outcome(&mut self, outcome: &Outcome) {
        for change in outcome.applied() {
            self.fixes += 1;
            *self
                .by_family
                .entry(change.family.as_str().to_string())
                .or_default() += 1;
            *self
                .by_rule
                .entry(change.check.as_str().to_string())
                .or_default() += 1;
        }
    }

    pub fn merge(&mut self, other: &Stats) {
        self.files += other.files;
        self.files_changed += other.files_changed;
        self.records += other.records;
        self.records_changed += other.records_changed;
        self.records_passed_through += other.records_passed_through;
        self.bytes += other.bytes;
        self.fixes += other.fixes;
        self.errors += other.errors;
        self.skipped_binary += other.skipped_binary;
        self.skipped_hidden += other.skipped_hidden;
        self.dry_run |= other.dry_run;
        for (k, v) in &other.by_family {
            *self.by_family.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &other.by_rule {
            *self.by_rule.entry(k.clone()).or_default() += v;
        }
    }

    /// A few human lines for stderr.
    pub fn summary(&self) -> String {
        let mut out = String::new();
        if self.records > 0 {
            out.push_str(&format!(
                "mtclean: {} records ({} changed, {} passed through) in {} files, {:.1} MB",
                self.records,
                self.records_changed,
                self.records_passed_through,
                self.files,
                self.bytes as f64 / 1e6
            ));
        } else {
            out.push_str(&format!(
                "mtclean: {} files ({} {}), {:.1} MB",
                self.files,
                self.files_changed,
                if self.dry_run {
                    "would change"
                } else {
                    "changed"
                },
                self.bytes as f64 / 1e6
            ));
        }
        out.push_str(&format!(", {} fixes, {} errors", self.fixes, self.errors));
        if self.skipped_binary + self.skipped_hidden > 0 {
            out.push_str(&format!(
                "; skipped {} binary and {} hidden",
                self.skipped_binary, self.skipped_hidden
            ));
        }
        out.push('\n');
        if !self.by_family.is_empty() {
            let families: Vec<String> = self
                .by_family
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            out.push_str(&format!("  by family: {}\n", families.join(", ")));
            let mut rules: Vec<(&String, &usize)> = self.by_rule.iter().collect();
            rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let rules: Vec<String> = rules.iter().map(|(k, v)| format!("{k} {v}")).collect();
            out.push_str(&format!("  by rule: {}\n", rules.join(", ")));
        }
        out
    }
}
