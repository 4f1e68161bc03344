//! Applying fixes without asking: what `source.fixAll`, fix-on-save and `check --fix` do.
//!
//! Only safe fixes ([`super::Fix::safe`]) are applied, one per diagnostic, and only those whose
//! edits overlap none already taken: the result reads, for every tool, exactly as the text
//! before it (a test applies this to every fixture, SDK test vector and peer case and
//! compares what `dump` prints).

use super::{Diagnostic, TextEdit};
use crate::text::Span;

/// The edits of the safe fixes for `file`, in the order of `diagnostics`, leaving out a fix
/// that overlaps one taken before or that edits another file.
pub fn safe_edits(diagnostics: &[Diagnostic], file: usize) -> Vec<&TextEdit> {
    let mut taken: Vec<Span> = Vec::new();
    let mut edits = Vec::new();
    for diagnostic in diagnostics.iter().filter(|d| d.file == file) {
        let Some(fix) = diagnostic.fixes.iter().find(|f| f.safe) else {
            continue;
        };
        if fix.edits.iter().any(|e| e.file != file) {
            continue;
        }
        let overlaps = fix.edits.iter().any(|e| {
            taken.iter().any(|s| {
                // Two insertions at one place, or an insertion inside a replacement, overlap.
                e.span.start < s.end.max(s.start + 1) && s.start < e.span.end.max(e.span.start + 1)
            })
        });
        if overlaps {
            continue;
        }
        for edit in &fix.edits {
            taken.push(edit.span);
            edits.push(edit);
        }
    }
    edits
}

/// `text` with the non-overlapping `edits` applied (in any order).
pub fn apply(text: &str, edits: &[&TextEdit]) -> String {
    let mut sorted: Vec<&&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted {
        let (start, end) = (edit.span.start, edit.span.end);
        if start < at
            || end < start
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&edit.new_text);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::test_support::lint;
    use crate::lint::Code;

    #[test]
    fn only_safe_fixes_are_taken() {
        // A region did-you-mean (a guess) and a key's case (the JavaScript and Java SDKs would
        // read the key anew) next to a trailing space (safe).
        let config = "[default]\nregion = us-east-7  \nAWS_ACCESS_KEY_ID = AKIAIOSFODNN7EXAMPLE\n";
        let run = lint(config, "");
        assert!(run.of(Code::UnknownRegion)[0].fixes.iter().all(|f| !f.safe));
        assert!(run.of(Code::UppercaseKey)[0].fixes.iter().all(|f| !f.safe));
        let edits = safe_edits(&run.diagnostics, 0);
        assert_eq!(
            apply(config, &edits),
            "[default]\nregion = us-east-7\nAWS_ACCESS_KEY_ID = AKIAIOSFODNN7EXAMPLE\n"
        );
    }

    #[test]
    fn overlapping_and_out_of_range_edits_are_skipped() {
        let a = TextEdit {
            file: 0,
            span: Span::new(0, 3),
            new_text: "x".into(),
        };
        let b = TextEdit {
            file: 0,
            span: Span::new(2, 4),
            new_text: "y".into(),
        };
        let c = TextEdit {
            file: 0,
            span: Span::new(50, 60),
            new_text: "z".into(),
        };
        assert_eq!(apply("abcdef", &[&a, &b]), "xdef");
        assert_eq!(apply("abc", &[&c]), "abc");
    }
}
