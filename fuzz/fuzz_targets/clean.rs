//! The whole pipeline on arbitrary text, with both fix policies:
//! no panic; the net edits rebuild the output from the input (in order, not overlapping);
//! a converged output is a fixed point (cleaning it again changes nothing).
#![no_main]

use libfuzzer_sys::fuzz_target;
use mtclean::{Cleaner, Options, Policy};
use std::sync::LazyLock;

static CLEANER: LazyLock<Cleaner> =
    LazyLock::new(|| Cleaner::new(&Options::default()).expect("embedded rules load"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for policy in [Policy::Safe, Policy::SafeAndUnsafe] {
        let outcome = CLEANER.clean(text, policy);
        let mut rebuilt = String::with_capacity(outcome.text.len());
        let mut at = 0;
        for edit in &outcome.edits {
            assert!(
                edit.span.start >= at && edit.span.end >= edit.span.start,
                "{policy:?}: edits out of order or overlapping at {:?} (previous end {at})",
                edit.span
            );
            assert_eq!(
                &text[edit.span.clone()],
                edit.before,
                "{policy:?}: an edit's `before` is not the original text at its span"
            );
            rebuilt.push_str(&text[at..edit.span.start]);
            rebuilt.push_str(&edit.after);
            at = edit.span.end;
        }
        rebuilt.push_str(&text[at..]);
        assert_eq!(
            rebuilt, outcome.text,
            "{policy:?}: the edits do not rebuild the output"
        );
        if outcome.converged {
            let again = CLEANER.clean(&outcome.text, policy);
            assert_eq!(
                again.text, outcome.text,
                "{policy:?}: a converged output changed when cleaned again"
            );
        }
    }
});
