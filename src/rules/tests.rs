//! Tests of the rule-file engine.

use super::*;

fn lexicon() -> &'static Lexicon {
    Lexicon::embedded()
}

fn rule_file(body: &str) -> Result<Vec<Rule>, Error> {
    parse_rule_file(Path::new("test.toml"), body)
}

const GOOD: &str = r#"
family = "punct"
[[rule]]
id = "double-period"
message = "doubled period"
pattern = '''\)\.\.(\s|$)'''
replacement = ").$1"
applicability = "safe"
examples = [{ input = "rate)..", output = "rate)." }]
ok = ["Wait... what", "rate)."]
"#;

#[test]
fn good_rule_file_passes_its_own_tests() {
    let rules = rule_file(GOOD).unwrap();
    assert_eq!(rules.len(), 1);
    assert!(rules[0].self_test(lexicon()).is_empty());
}

fn error_text(body: &str) -> String {
    rule_file(body).unwrap_err().to_string()
}

#[test]
fn bad_regex_names_file_rule_and_field() {
    let message = error_text(&GOOD.replace(r"\)\.\.(\s|$)", r"(unclosed"));
    assert!(message.contains("test.toml"), "{message}");
    assert!(message.contains("double-period"), "{message}");
    assert!(message.contains("pattern"), "{message}");
}

#[test]
fn unknown_field_names_rule_and_field() {
    let message = error_text(&GOOD.replace("message =", "mesage ="));
    assert!(message.contains("double-period"), "{message}");
    assert!(message.contains("mesage"), "{message}");
}

#[test]
fn toml_syntax_error_names_the_file() {
    let message = error_text("family = \n[[rule]");
    assert!(message.contains("test.toml"), "{message}");
}

#[test]
fn bad_replacement_group_is_reported() {
    let message = error_text(&GOOD.replace(").$1", ").$2"));
    assert!(message.contains("replacement"), "{message}");
    let message = error_text(&GOOD.replace(").$1", ").${1:shout}"));
    assert!(message.contains("shout"), "{message}");
}

#[test]
fn bad_applicability_family_and_require_are_reported() {
    assert!(error_text(&GOOD.replace("\"safe\"", "\"sometimes\"")).contains("applicability"));
    assert!(error_text(&GOOD.replace("\"punct\"", "\"punctuation\"")).contains("family"));
    let with_require = GOOD.replace(
        "applicability",
        "require = { nosuch = \"proper-noun\" }\napplicability",
    );
    assert!(error_text(&with_require).contains("require"));
}

#[test]
fn rules_without_tests_are_refused() {
    assert!(error_text(&GOOD.replace("ok = [\"Wait... what\", \"rate).\"]", "")).contains("ok"));
}

#[test]
fn failing_example_is_reported() {
    let rules = rule_file(&GOOD.replace("output = \"rate).\"", "output = \"rate)\"")).unwrap();
    let failures = rules[0].self_test(lexicon());
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(failures[0].contains("expected"));
}

#[test]
fn duplicate_ids_are_refused() {
    let mut rules = rule_file(GOOD).unwrap();
    rules.extend(rule_file(GOOD).unwrap());
    let message = RuleSet::from_rules(rules).unwrap_err().to_string();
    assert!(message.contains("duplicate"), "{message}");
}

#[test]
fn template_applies_case_operations() {
    let regex = Regex::new(r"(?P<a>\w+) (?P<b>\w+)").unwrap();
    let template = Template::parse("${b:capitalize} ${a:lower} $$ ${a:upper}", &regex).unwrap();
    let captures = regex.captures("Hello world").unwrap();
    assert_eq!(template.expand(&captures), "World hello $ HELLO");
}

#[test]
fn unless_before_sees_only_nearby_context() {
    let body = GOOD.replace(
        "applicability",
        "unless_before = '''Figure\\s*$'''\napplicability",
    );
    let rules = rule_file(&body).unwrap();
    let mut found = Vec::new();
    rules[0].find(
        &Document::new("Figure 3 (rate).. and rate).. end"),
        lexicon(),
        &mut found,
    );
    assert_eq!(
        found.len(),
        2,
        "the pattern's context is the 80 bytes before the match"
    );
}

#[test]
fn every_embedded_rule_passes_its_own_tests() {
    let rules = RuleSet::embedded().unwrap();
    assert!(rules.rules().len() >= 10);
    let failures = rules.self_test(lexicon());
    let report: Vec<String> = failures
        .iter()
        .map(|(rule, f)| {
            format!(
                "{} ({}):\n  {}",
                rule.id.as_str(),
                rule.source.display(),
                f.join("\n  ")
            )
        })
        .collect();
    assert!(report.is_empty(), "{}", report.join("\n"));
}

#[test]
fn every_rule_file_on_disk_is_embedded() {
    let on_disk =
        toml_files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/rules")).unwrap();
    let mut embedded = Vec::new();
    collect_embedded_toml(&crate::engine::data::RULES, &mut embedded);
    let embedded: Vec<PathBuf> = embedded
        .iter()
        .map(|(p, _)| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/rules")
                .join(p)
        })
        .collect();
    for path in &on_disk {
        assert!(
            embedded.contains(path),
            "{} is not embedded: rebuild (touch src/rules.rs)",
            path.display()
        );
    }
    assert_eq!(on_disk.len(), embedded.len());
}
