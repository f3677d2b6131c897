//! Tests of the glued-words pass.

use super::*;
use crate::engine::lexicon::Lexicon;
use crate::passes::testing;
use crate::{Cleaner, Options, Policy};

fn cleaner() -> &'static Cleaner {
    static CLEANER: std::sync::OnceLock<Cleaner> = std::sync::OnceLock::new();
    CLEANER.get_or_init(|| Cleaner::new(&Options::default()).unwrap())
}

fn glue_findings(input: &str) -> Vec<Finding> {
    testing::run_alone(pass(), input)
}

fn pass() -> &'static GluedWords {
    static PASS: std::sync::OnceLock<GluedWords> = std::sync::OnceLock::new();
    PASS.get_or_init(GluedWords::embedded)
}

#[track_caller]
fn assert_fix(input: &str, expected: &str) {
    testing::assert_fix(pass(), input, expected);
}

#[track_caller]
fn assert_no_findings(input: &str) {
    testing::assert_no_findings(pass(), input);
}

/// Nothing safe, and the whole cleaner with unsafe fixes gives `expected` (the pass's
/// suggestion may need a later round, such as a comma).
#[track_caller]
fn assert_suggests(input: &str, expected: &str) {
    let findings = glue_findings(input);
    assert!(
        findings
            .iter()
            .all(|f| f.applicability() != Applicability::Safe),
        "{findings:#?}"
    );
    let outcome = cleaner().clean(input, Policy::SafeAndUnsafe);
    assert_eq!(outcome.text, expected);
}

#[test]
fn table_is_embedded_and_valid() {
    let pass = GluedWords::embedded();
    assert!(pass.is_function_word("which"));
    assert!(GluedWords::from_toml("min_right_count = 1").is_err());
}

#[test]
fn splits_name_before_relative_pronoun_with_comma() {
    assert_fix(
        "Their report to the Bank of Spainwhich said so.",
        "Their report to the Bank of Spain, which said so.",
    );
}

#[test]
fn splits_multi_word_gazetteer_name() {
    assert_fix(
        "It was part of the Soviet Unionbut now it is not.",
        "It was part of the Soviet Union, but now it is not.",
    );
    assert_fix(
        "They flew to New Zealandin March.",
        "They flew to New Zealand in March.",
    );
}

#[test]
fn splits_country_before_participle_with_comma() {
    assert_fix(
        "Troops returned to Russiaspeaking of peace.",
        "Troops returned to Russia, speaking of peace.",
    );
}

#[test]
fn splits_country_before_content_word_without_comma() {
    assert_fix(
        "The war on Ukraineanalysts say is long.",
        "The war on Ukraine analysts say is long.",
    );
}

#[test]
fn splits_name_that_stands_alone_elsewhere() {
    assert_fix(
        "Sergei Shoiguvisited Pyongyang. Shoigu met Kim.",
        "Sergei Shoigu visited Pyongyang. Shoigu met Kim.",
    );
}

#[test]
fn splits_unknown_full_name_before_past_verb() {
    // `Volodímir` is no English word and stands mid-sentence: a given name.
    assert_fix(
        "President Volodímir Zelenskiasked for help.",
        "President Volodímir Zelenski asked for help.",
    );
}

#[test]
fn only_suggests_unknown_name_before_word_without_given_name() {
    assert_suggests(
        "The president, Zelenskiasked for help.",
        "The president, Zelenski asked for help.",
    );
}

#[test]
fn splits_full_name_before_clause() {
    assert_fix(
        "the minister Felix Bolañoshas said",
        "the minister Felix Bolaños has said",
    );
    assert_fix(
        "the judge Javier Aguirrewho led it",
        "the judge Javier Aguirre, who led it",
    );
}

#[test]
fn keeps_full_name_ending_in_a_name_ending() {
    assert_no_findings("the actor Ashton Kutcher and Walter Brattain met.");
}

#[test]
fn splits_full_name_before_job_title() {
    assert_fix(
        "wrote Artyom Lukinprofessor at the university",
        "wrote Artyom Lukin professor at the university",
    );
    assert_suggests(
        "Lukinprofessor at the university",
        "Lukin professor at the university",
    );
}

#[test]
fn splits_foreign_full_name_before_function_word() {
    assert_fix(
        "the spokesman Patxi Lopezhas said it.",
        "the spokesman Patxi Lopez has said it.",
    );
}

#[test]
fn only_suggests_surname_before_function_word_at_sentence_start() {
    assert_suggests("Patxi Lopezhas said it.", "Patxi Lopez has said it.");
}

#[test]
fn splits_acronym_before_lowercase_word() {
    assert_fix(
        "Washington has said. USApointing to Moscow.",
        "Washington has said. USA pointing to Moscow.",
    );
    assert_fix(
        "the public broadcaster RTVEwhose board",
        "the public broadcaster RTVE, whose board",
    );
    assert_fix("the ERCthe party", "the ERC the party");
}

#[test]
fn splits_number_before_word() {
    assert_fix(
        "the war of 1950-1953with extensive damage",
        "the war of 1950-1953 with extensive damage",
    );
    assert_fix(
        "on Monday July 1At the summit",
        "on Monday July 1 At the summit",
    );
}

#[test]
fn splits_lowercase_words() {
    assert_fix("for fiveyears now", "for five years now");
    assert_fix(
        "he participatedin the talks",
        "he participated in the talks",
    );
    assert_fix(
        "they receivedpersonal letters",
        "they received personal letters",
    );
    assert_fix(
        "it was “exceptionalbut fair",
        "it was “exceptional but fair",
    );
    assert_fix(
        "Ukrainian cerealsraised prices",
        "Ukrainian cereals raised prices",
    );
}

#[test]
fn keeps_known_words_and_names() {
    assert_no_findings("Washington, Pyongyang, Vladivostok and Interfax reported it in Moscow.");
    assert_no_findings("Shoigu arrived. Later Shoigu left.");
}

#[test]
fn keeps_token_written_the_same_elsewhere() {
    assert_no_findings("Krivoruchkowho arrived. Krivoruchkowho left.");
}

#[test]
fn splits_repeated_glue_of_country_and_function_word() {
    assert_fix(
        "claimed by Russiaand denied. Talks with Russiaand China.",
        "claimed by Russia and denied. Talks with Russia and China.",
    );
}

#[test]
fn keeps_title_compound_of_common_word_capitalised_elsewhere() {
    assert_no_findings("Their album Golden Heartsongs sold well; a song, Heart, did not.");
}

#[test]
fn keeps_camel_case_brands_and_names() {
    assert_no_findings(
        "An iPhone, YouTube, PlayStation, DeSantis, McDonald, JPMorgan, TikTok, DeMille, \
         MacBook, LinkedIn, WhatsApp, McConnell and O'Brien.",
    );
}

#[test]
fn keeps_quoted_and_bracketed_tokens_unapplied() {
    for input in [
        "whitespace is not allowed between the \"stringprefix\" and the literal",
        "fontconfig uses \"Slight\" (hintslight) as the hinting style",
    ] {
        let findings = glue_findings(input);
        assert!(
            findings
                .iter()
                .all(|f| f.applicability() != Applicability::Safe),
            "{input}: {findings:#?}"
        );
    }
}

#[test]
fn keeps_urls_emails_hashtags_handles_and_code() {
    assert_no_findings(
        "See https://example.com/Russiaanalysts or mail john.Russiawho@example.org, \
         #Russiawhich, @Chinabut, snake_Russiaand, module.Chinawho and report.Spainwhich.",
    );
}

#[test]
fn keeps_other_scripts() {
    assert_no_findings("Москваwhich and 北京who and Ελλάδαbut");
}

#[test]
fn keeps_ordinals_units_and_times() {
    assert_no_findings(
        "On the 21st, 3rd and 100th day, 5km at 9am or 10pm, a 4x4 in 3D on 5G after COVID-19.",
    );
}

#[test]
fn keeps_model_names_and_decades() {
    assert_no_findings("An iPhone 8, F-16s, Boeing 737s, the 1990s and an MP3.");
}

#[test]
fn keeps_acronym_plurals_and_possessives() {
    assert_no_findings("The NGOs, MPs, CEOs and UNs met the NGO's staff. They OKed it.");
}

#[test]
fn keeps_roman_numerals() {
    assert_no_findings("King Charles III, Pope Pius XII and World War II.");
}

#[test]
fn keeps_real_compounds() {
    assert_no_findings("The webpage was underway; nonetheless, however, something happened.");
    assert_no_findings("The cyberattack and overreliance on policymakers and lawmakers.");
    assert_no_findings("A login, a plugin, a standoff and a spillover.");
    assert_no_findings("A sportsbook and the salesforce of the newsfeed.");
}

#[test]
fn only_reports_long_pair_of_content_words() {
    let findings = glue_findings("the mountainvillages were closed");
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0].applicability(), Applicability::DisplayOnly);
    assert_eq!(
        findings[0].fix.as_ref().unwrap().replacement,
        "mountain villages"
    );
    // An adjective before its noun is applied.
    assert_fix(
        "an internationalorganization said",
        "an international organization said",
    );
    assert_no_findings("the coronavirus lockdowns and a horseplayer");
}

#[test]
fn keeps_words_ending_in_short_function_words() {
    assert_no_findings("the grantor and the requestor use sizeof and mailto with polkit.");
}

#[test]
fn does_not_apply_split_when_a_likelier_one_exists() {
    let text = "a namespace of whitespace in userspace; it transcodes";
    assert_fix(text, text);
}

#[test]
fn does_not_apply_split_of_two_capital_camel_case_or_acronym_verbs() {
    let text = "Run CTest on JGit; it was DWIMmed and OKed.";
    assert_fix(text, text);
}

#[test]
fn keeps_names_whose_parts_stand_alone_in_a_name_list() {
    let text = "Thanks to Greg, Gregor, Kai, Kailean, Gil, Gilles, Alex, Alexandre, Michael, \
                Michaelis, Paul Isache and Marc, Marcin.";
    assert_fix(text, text);
}

#[test]
fn splits_name_standing_alone_before_and() {
    assert_fix(
        "Kim met Putin. Later Putinand Kim signed.",
        "Kim met Putin. Later Putin and Kim signed.",
    );
}

#[test]
fn keeps_numbers_with_settings_and_ids() {
    // At most suggested: a count before a singular noun may be a setting.
    let text = "a 32bit build, 256color terminal, commit 7465feb, a 2in pipe, version 2024a";
    assert_fix(text, text);
}

#[test]
fn keeps_common_word_place_before_name_piece() {
    let text = "the village of Maledong, Mr Agranov, Ms Dasgupta and Asciidoctor";
    assert_fix(text, text);
}

#[test]
fn keeps_foreign_words() {
    assert_no_findings("The mañanera and the Generalitat and the Bundestag and the Moncloa.");
}

#[test]
fn keeps_unknown_names_ending_in_name_endings() {
    assert_no_findings("Mr Tarkinson and Ms Velardeis met Mr Ferrisin.");
}

#[test]
fn keeps_compound_place_names() {
    assert_no_findings("They went to Russiatown and Spainfield.");
}

#[test]
fn message_states_the_evidence() {
    let findings = glue_findings("Sergei Shoiguvisited Pyongyang. Shoigu met Kim.");
    assert_eq!(findings.len(), 1);
    assert!(
        findings[0]
            .message
            .contains("`Shoigu` stands alone elsewhere in the article"),
        "{}",
        findings[0].message
    );
    assert!(findings[0].message.contains("`visited` is a common word"));
}

#[test]
fn user_lexicon_backs_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.txt");
    std::fs::write(&path, "Krivoruchko\n").unwrap();
    let lexicon = Lexicon::embedded().with_user_file(&path).unwrap();
    let input = "General Krivoruchkowho led it.";
    let doc = Document::new(input);
    let mut out = Vec::new();
    GluedWords::embedded().find(&doc, &Context { lexicon: &lexicon }, &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].applicability(), Applicability::Safe);
    assert_eq!(out[0].fix.as_ref().unwrap().replacement, "Krivoruchko, who");
}

#[test]
fn splits_lost_sentence_break_at_case_boundary() {
    assert_fix(
        "The plan covers the public worksThe minister spoke later.",
        "The plan covers the public works. The minister spoke later.",
    );
    assert_fix(
        "They paid for the damage to herThe lawyers said so.",
        "They paid for the damage to her. The lawyers said so.",
    );
    assert_fix(
        "Nobody expected the dealAdditionally the club sold a player.",
        "Nobody expected the deal. Additionally the club sold a player.",
    );
}

#[test]
fn only_suggests_case_boundary_before_a_common_word() {
    // A page's menu glued to a link (`contentSkip`), a time line glued to a headline.
    let text = "Skip to main contentSkip to navigation. Latest 2h agoEvening news.";
    assert_fix(text, text);
}

#[test]
fn keeps_camel_case_by_design_at_case_boundary() {
    assert_no_findings("An iPhone, an eBay sale, a macOS update and an iPad.");
}

#[test]
fn splits_word_glued_to_digits() {
    assert_fix(
        "Fires burned in Valparaiso100 kilometers from the capital. Valparaiso is a port.",
        "Fires burned in Valparaiso 100 kilometers from the capital. Valparaiso is a port.",
    );
    assert_fix(
        "The talks ended on May1 in Rome.",
        "The talks ended on May 1 in Rome.",
    );
    assert_fix(
        "The island, with only11 villages, voted.",
        "The island, with only 11 villages, voted.",
    );
    assert_fix(
        "Their coach, the65-year-old veteran, left.",
        "Their coach, the 65-year-old veteran, left.",
    );
    assert_fix(
        "The event took place on date2024-07-06 in town.",
        "The event took place on date 2024-07-06 in town.",
    );
}

#[test]
fn keeps_names_and_codes_glued_to_digits() {
    // Channels, restaurants and products named with a number are at most suggested.
    let text = "ERBIL (Kurdistan24) reported. A Fold5 and a Flip5; the restaurant Quercino1887 \
                opened; an icon0 file; COP28, F16, MP3 and EF5.";
    assert_fix(text, text);
}

#[test]
fn splits_number_glued_to_plural_noun() {
    assert_fix(
        "The storm killed 105people and sank 692boats.",
        "The storm killed 105 people and sank 692 boats.",
    );
    assert_fix(
        "They waited for 33years and took 1photo.",
        "They waited for 33 years and took 1 photo.",
    );
    assert_fix("It cost 8billion in total.", "It cost 8 billion in total.");
}

#[test]
fn keeps_british_currency_style() {
    let text = "a £90million case and a $4billion deal";
    assert_fix(text, text);
}

#[test]
fn writes_drop_cap_word_in_sentence_case() {
    assert_fix(
        "The war ended. THEruling was clear.",
        "The war ended. The ruling was clear.",
    );
    assert_fix("INa packed room, they met.", "In a packed room, they met.");
    assert_fix(
        "ATone gala dinner he spoke.",
        "At one gala dinner he spoke.",
    );
    assert_fix("He said: “BUTthat is all.”", "He said: “But that is all.”");
}

#[test]
fn keeps_acronyms_that_are_also_pronouns() {
    let text = "Staff in the ITdepartment and the WHOreport.";
    let findings = glue_findings(text);
    assert!(
        findings
            .iter()
            .all(|f| !f.fix.as_ref().unwrap().replacement.starts_with("It ")
                && !f.fix.as_ref().unwrap().replacement.starts_with("Who ")),
        "{findings:#?}"
    );
}

#[test]
fn keeps_unknown_names_that_split_into_words() {
    // Names wordfreq knows in a source language, not in the tool's gazetteer.
    assert_no_findings(
        "Justice Sonia Sotomayor, the league's Javier Tebas, Robert Fico and Andrej Babis met.",
    );
}

#[test]
fn keeps_compounds_the_lexicon_lacks() {
    assert_no_findings(
        "After an hourslong meeting and weekslong talks, the carmaker backed ridesharing \
         and a livestream.",
    );
}

/// Every 25th one-word name of the gazetteer (given names, surnames, places), in a sentence,
/// with a lexicon that does not know them: unknown names must never be cut.
fn gazetteer_sample() -> Vec<&'static str> {
    let text = crate::engine::data::required("lexicon/gazetteer.txt");
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .filter(|(name, kind)| {
            !name.contains([' ', '-', '.', '\'']) && matches!(*kind, "given" | "surname" | "city")
        })
        .map(|(name, _)| name)
        .step_by(25)
        .collect()
}

#[test]
fn never_splits_names_it_has_never_seen() {
    let words = crate::engine::data::required("lexicon/en_words.txt");
    let cased = crate::engine::data::text("lexicon/en_cased.txt").unwrap_or("");
    let lexicon = Lexicon::from_sources(words, cased, "");
    let names = gazetteer_sample();
    assert!(names.len() >= 200, "{}", names.len());
    let pass = pass();
    let mut split = Vec::new();
    for name in &names {
        let text = format!("On Monday the team of {name} said it would return.");
        let doc = Document::new(&text);
        let mut out = Vec::new();
        pass.find(&doc, &Context { lexicon: &lexicon }, &mut out);
        if out.iter().any(|f| f.applicability() == Applicability::Safe) {
            split.push(format!("{name}: {}", out[0].message));
        }
    }
    assert!(
        split.is_empty(),
        "{} of {}: {split:#?}",
        split.len(),
        names.len()
    );
}

/// Capitalised words that stand mid-sentence in the shared clean news (when the folder is
/// there): names the tool has never seen, which it must never cut.
#[test]
fn never_splits_names_of_clean_news() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/news-clean");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return; // the shared folder is not on this machine
    };
    let mut names = std::collections::BTreeSet::new();
    for entry in entries.flatten() {
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        for pair in text.split_whitespace().collect::<Vec<_>>().windows(2) {
            let (before, word) = (pair[0], pair[1]);
            let mut chars = word.chars();
            let capitalised = chars.next().is_some_and(char::is_uppercase)
                && word.len() >= 4
                && chars.all(char::is_lowercase);
            if capitalised && before.chars().all(char::is_lowercase) {
                names.insert(word.to_string());
            }
        }
    }
    let mut split = Vec::new();
    for name in &names {
        let text = format!("On Monday the team of {name} said it would return.");
        let findings = glue_findings(&text);
        if findings
            .iter()
            .any(|f| f.applicability() == Applicability::Safe)
        {
            split.push(name.clone());
        }
    }
    assert!(names.len() >= 200, "{}", names.len());
    assert!(
        split.is_empty(),
        "{} of {}: {split:?}",
        split.len(),
        names.len()
    );
}

#[test]
fn splits_adjective_before_noun_and_word_before_preposition() {
    assert_fix(
        "It was a significantblow to the national team.",
        "It was a significant blow to the national team.",
    );
    assert_fix(
        "They called a day of nationalmourning on Friday.",
        "They called a day of national mourning on Friday.",
    );
    assert_fix(
        "A wide rangeof products and a call to assistin the search.",
        "A wide range of products and a call to assist in the search.",
    );
    assert_fix(
        "The water reachedall the houses.",
        "The water reached all the houses.",
    );
}

#[test]
fn splits_name_standing_alone_before_short_clause_word() {
    assert_fix(
        "They met Trump. The lawyers of Trumpof course disagreed.",
        "They met Trump. The lawyers of Trump of course disagreed.",
    );
    // A name ending in a particle is not cut so (`Putinon` could be one name).
    let text = "Putin spoke. Later Putinup was seen.";
    assert_fix(text, text);
}
