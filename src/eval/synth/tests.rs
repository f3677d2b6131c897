//! Tests of the synthetic benchmark.

use super::*;
use crate::eval::locate;

// Constructed sentences (no third-party text).
const TEXT: &str = "The mayor of Springfield said on Monday that the council will meet \
    with residents and farmers. Rafael Nadal will play in the final, officials said. \
    “We are ready,” the coach told reporters in São Paulo. The match starts at 9 pm, \
    after the end of the long-range forecast. In the end, the ministers said the plan was sound.\n\
    The report found 1953 cases; critics called it “a farce” and demanded answers.";

#[test]
fn injection_is_deterministic_and_gold_is_consistent() {
    for k in 0..200 {
        let name = format!("{k:04}_x.txt");
        let (a, anns) = inject(&name, TEXT);
        let (b, again) = inject(&name, TEXT);
        assert_eq!((&a, &anns), (&b, &again));
        assert!(
            (1..=4).contains(&anns.len()),
            "{name}: {} artifacts",
            anns.len()
        );
        let list: Vec<Annotation> = anns.iter().map(|i| i.annotation.clone()).collect();
        // Every `before` occurs exactly once, spans never overlap.
        let mut spans = locate(&a, &list).unwrap();
        spans.sort();
        assert!(
            spans.windows(2).all(|p| p[0].1 <= p[1].0),
            "{name}: {anns:#?}"
        );
        // Undoing every annotation gives back the clean text.
        let mut undone = a.clone();
        for i in anns.iter().filter(|i| i.shape == "name+word") {
            let accept = &i.annotation.accept;
            assert!(accept.len() == 2 && accept[1].contains(", "), "{i:?}");
        }
        for ann in &list {
            assert_ne!(ann.before, ann.accept[0]);
            undone = undone.replacen(&ann.before, &ann.accept[0], 1);
        }
        assert_eq!(undone, TEXT, "{name}: {anns:#?}");
    }
}

#[test]
fn every_family_is_injected() {
    let mut cats = std::collections::BTreeSet::new();
    for k in 0..400 {
        for i in inject(&format!("{k}.txt"), TEXT).1 {
            cats.insert(i.annotation.cat);
        }
    }
    let want = [
        "casing",
        "dup_subject",
        "foreign",
        "glue",
        "name",
        "punct",
        "quotes",
    ];
    assert_eq!(cats.into_iter().collect::<Vec<_>>(), want);
}

#[test]
fn shapes_read_as_the_real_artifacts_do() {
    let c = Ctx {
        text: TEXT,
        w: words(TEXT),
    };
    let all: Vec<(String, &str)> = candidates(&c, 0)
        .into_iter()
        .flatten()
        .map(|e| (e.replacement, e.shape))
        .collect();
    let has = |r: &str| all.iter().any(|(x, _)| x == r);
    assert!(has("Nadalwill"), "{all:?}");
    assert!(has("INthe"));
    assert!(has("1953cases"));
    assert!(has("y"));
    assert!(has("del"));
    assert!(has("Nadal He will") || has("Nadal She will") || has("Nadal he will"));
    assert!(has("ministers They said"));
    assert!(has("So"));
    assert!(has("ready“, the"));
    assert!(has("ready, “the"));
    assert!(has("long -range"));
    assert!(has("springfield"));
    assert!(!has("monday"), "weekdays are not lower-cased as names");
}

#[test]
fn outlets_split_by_a_stable_hash() {
    assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(
        part_of_outlet("Some Outlet"),
        part_of_outlet(" some outlet ")
    );
}
