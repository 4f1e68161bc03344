//! `invisible-character`: a byte-order mark, non-breaking or zero-width space, control
//! character or curly quote: pasted with a key, it makes the key wrong while looking right.
//! Comments are left alone, except for a byte-order mark, which breaks the first line.

use super::reader_divergence::both_readings;
use crate::lint::values::invisible_character_name;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::FileModel;
use crate::syntax::{LineKind, SyntaxErrorKind};
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let text = cx.text(file);
        if let Some(bom) = model
            .tree
            .errors
            .iter()
            .find(|e| e.kind == SyntaxErrorKind::ByteOrderMark)
        {
            out.push(
                Diagnostic::new(
                    Code::InvisibleCharacter,
                    file,
                    bom.span,
                    "The file starts with a UTF-8 byte-order mark: the SDKs read it as part of the first line, which is then neither a header nor a comment, and refuse the whole file (\"Expected a profile definition\"); the AWS CLI and boto3 refuse it too (MissingSectionHeaderError). Save the file as UTF-8 without BOM.",
                )
                .with_fix("Remove the byte-order mark", bom.span, ""),
            );
        }
        // Most files are printable ASCII from end to end: one quick look at the bytes and done.
        if is_plain_text(text) {
            continue;
        }
        if let Some(at) = binary_evidence(text) {
            out.push(Diagnostic::new(
                Code::InvisibleCharacter,
                file,
                at,
                "This file does not look like text: it holds NUL bytes, or many control characters or bytes that are not UTF-8. Check that this is the file you meant.",
            ));
            continue;
        }
        let lines = &model.tree.lines;
        for (index, line) in lines.iter().enumerate() {
            let Some(span) = checked_span(text, model, index) else {
                continue;
            };
            // A value that is nothing but the invisible characters, with indented lines under
            // it: replacing or removing them empties the value, and the SDKs then read the
            // indented lines as `key = value` sub-properties and refuse the file. No fix there.
            let mut whole_value_continued = None;
            if let LineKind::Property(p) = &line.kind {
                let continued = matches!(
                    lines.get(index + 1).map(|l| &l.kind),
                    Some(LineKind::Continuation(c)) if c.parent == Some(index)
                );
                if continued {
                    whole_value_continued = Some(p.value);
                }
            }
            // Python strips Unicode spaces around keys and values, and ends lines at a lone
            // CR: where the AWS CLI therefore reads the line otherwise, say what each reads.
            let readings = cx
                .model
                .divergence_at(file, index)
                .map(|d| both_readings(cx, d));
            report_runs(file, text, span, whole_value_continued, readings, out);
        }
    }
}

/// The part of line `index` this rule looks at: up to a comment (what is written there is
/// never read), past a byte-order mark; `None` for comments and blank lines.
fn checked_span(text: &str, model: &FileModel, index: usize) -> Option<Span> {
    let line = model.tree.lines.get(index)?;
    let mut span = line.span;
    if span.start == 0 && text.starts_with('\u{feff}') {
        span.start = '\u{feff}'.len_utf8();
    }
    match &line.kind {
        LineKind::Comment(_) | LineKind::Blank => return None,
        LineKind::Header(h) => span.end = h.comment.map_or(span.end, |c| c.start),
        LineKind::Property(p) => span.end = p.comment.map_or(span.end, |c| c.start),
        _ => {}
    }
    Some(span)
}

/// Whether this rule reports line `index` of a file that is text (see
/// [`looks_like_binary`]): it then also gives the readings of a line the readers read
/// otherwise, so `readers-disagree` stays silent there.
pub(crate) fn reports_line(text: &str, model: &FileModel, index: usize) -> bool {
    checked_span(text, model, index).is_some_and(|span| {
        span.slice(text)
            .chars()
            .any(|c| invisible_character_name(c).is_some())
    })
}

/// Whether this rule reports the file as not text, once, instead of its lines.
pub(crate) fn looks_like_binary(text: &str) -> bool {
    binary_evidence(text).is_some()
}

/// Where a file shows it is not text: its first NUL, or its first control or replacement
/// character when there are many of them (more than 64, and more than 1 in 100 characters).
fn binary_evidence(text: &str) -> Option<Span> {
    if let Some(nul) = text.find('\0') {
        return Some(Span::new(nul, nul + 1));
    }
    let is_odd = |c: char| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
    let odd = text.chars().filter(|&c| is_odd(c)).count();
    if odd <= 64 || odd * 100 <= text.chars().count() {
        return None;
    }
    text.char_indices()
        .find(|&(_, c)| is_odd(c))
        .map(|(i, c)| Span::new(i, i + c.len_utf8()))
}

/// At most this many runs are reported on one line: past that the line is not text anyone
/// meant to write, and the first ones say so.
const RUNS_PER_LINE: usize = 3;

/// Printable ASCII, tabs and line endings only (a `\r` counts only before `\n`).
fn is_plain_text(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Blocks of bytes tested without branches (the compiler vectorises this); a block with a
    // `\r` or anything else unusual gets the exact test.
    const BLOCK: usize = 64;
    let is_simple = |b: u8| (b.wrapping_sub(b' ') < 0x5f) | (b == b'\t') | (b == b'\n');
    let mut start = 0;
    while start < bytes.len() {
        let end = (start + BLOCK).min(bytes.len());
        let block = &bytes[start..end];
        if !block.iter().fold(true, |all, &b| all & is_simple(b)) {
            let exact = block.iter().enumerate().all(|(i, &b)| {
                is_simple(b) || (b == b'\r' && bytes.get(start + i + 1) == Some(&b'\n'))
            });
            if !exact {
                return false;
            }
        }
        start = end;
    }
    true
}

/// One diagnostic per run of consecutive invisible characters, so a binary file does not
/// produce one per byte.
fn report_runs(
    file: usize,
    text: &str,
    span: Span,
    whole_value_continued: Option<Span>,
    mut readings: Option<String>,
    out: &mut Vec<Diagnostic>,
) {
    let slice = span.slice(text);
    // Almost every line is printable ASCII: check the bytes before decoding characters.
    if slice
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) || b == b'\t')
    {
        return;
    }
    let mut chars = slice.char_indices().peekable();
    let mut reported = 0;
    while let Some((i, ch)) = chars.next() {
        if reported == RUNS_PER_LINE {
            break;
        }
        let Some(name) = invisible_character_name(ch) else {
            continue;
        };
        let start = span.start + i;
        let mut end = start + ch.len_utf8();
        let mut count = 1;
        while let Some(&(j, next)) = chars.peek() {
            if invisible_character_name(next).is_none() {
                break;
            }
            end = span.start + j + next.len_utf8();
            count += 1;
            chars.next();
        }
        let run = Span::new(start, end);
        let what = if count == 1 {
            name.to_string()
        } else {
            format!("{count} invisible or control characters, starting with {name}")
        };
        let is_space = matches!(
            ch,
            '\u{00a0}' | '\u{202f}' | '\u{3000}' | '\u{2000}'..='\u{200a}'
        );
        let (title, replacement) = match ch {
            _ if is_space && count == 1 => ("Replace with a plain space", " "),
            '\u{201c}' | '\u{201d}' if count == 1 => ("Replace with a straight quote", "\""),
            '\u{2018}' | '\u{2019}' if count == 1 => ("Replace with a straight quote", "'"),
            // A lone carriage return ends the line for the AWS CLI and editors, not for the
            // SDKs: a line break makes every reader read two lines.
            '\r' if count == 1 => ("Replace with a line break", "\n"),
            _ => ("Remove it", ""),
        };
        let diagnostic = Diagnostic::new(
            Code::InvisibleCharacter,
            file,
            run,
            match readings.take() {
                Some(readings) => format!("This line contains {what}. {readings} A key or name that looks right is then wrong (AWS answers InvalidClientTokenId or SignatureDoesNotMatch)."),
                None => format!("This line contains {what}. The SDKs keep it as part of the text, so a key or name that looks right is wrong (AWS then answers InvalidClientTokenId or SignatureDoesNotMatch)."),
            },
        );
        // Not safe: the character is part of what the tools read, and removing it changes that.
        out.push(if whole_value_continued == Some(run) {
            diagnostic
        } else {
            diagnostic.with_fix(title, run, replacement)
        });
        reported += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::is_plain_text;
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn byte_order_mark() {
        let run = lint("\u{feff}[default]\nregion = us-east-1\n", "");
        assert_eq!(
            run.found(Code::InvisibleCharacter),
            [(Config, 1, "\u{feff}".to_string())]
        );
        assert_eq!(
            run.apply(run.one(Code::InvisibleCharacter), 0)[0],
            "[default]\nregion = us-east-1\n"
        );
    }

    #[test]
    fn invisible_characters_in_values_but_not_comments() {
        let run = lint(
            "",
            "# a comment with a \u{00a0} is fine\n[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\u{200b}\u{200b}\nregion = us-east-1\u{00a0}# c\n",
        );
        assert_eq!(
            run.found(Code::InvisibleCharacter),
            [
                (Credentials, 3, "\u{200b}\u{200b}".to_string()),
                (Credentials, 4, "\u{00a0}".to_string())
            ]
        );
        let fixed = run.apply(run.of(Code::InvisibleCharacter)[0], 0);
        assert!(fixed[1].contains("= AKIAIOSFODNN7EXAMPLE\n"));
        let nbsp = run.apply(run.of(Code::InvisibleCharacter)[1], 0);
        assert!(nbsp[1].contains("region = us-east-1 # c"));
    }

    /// Issue 13, item 8: the non-breaking space is the whole value and an indented line
    /// follows. Replacing or removing it would empty the value, and the SDKs would then read
    /// `less` as a sub-property without `=` and refuse the file: no fix is offered there.
    #[test]
    fn no_fix_that_makes_the_file_unloadable() {
        let config = "[default]\nregion = us-east-1\ncli_pager = \u{a0}\n  less\n";
        let run = lint(config, "");
        assert!(run.model.load_error().is_none());
        let d = run.one(Code::InvisibleCharacter);
        assert!(d.fixes.is_empty(), "{:?}", d.fixes);
        // Elsewhere on such a line the fix is offered, and it is not safe.
        let run = lint("[default]\ncli_pager = less\u{a0}x\n  more\n", "");
        let d = run.one(Code::InvisibleCharacter);
        assert!(!d.fixes[0].safe);
        let fixed = run.apply(d, 0);
        assert!(crate::Model::build(&[crate::Input::config(&fixed[0])])
            .load_error()
            .is_none());
    }

    #[test]
    fn a_carriage_return_inside_a_line_is_reported() {
        let run = lint("[default]\r\nregion = us-east-1\rx\r\n", "");
        assert_eq!(
            run.found(Code::InvisibleCharacter),
            [(Config, 2, "\r".to_string())]
        );
    }

    #[test]
    fn a_binary_file_gets_one_diagnostic() {
        let binary: String = (0..2000u32)
            .map(|i| char::from_u32(i % 40).unwrap())
            .collect();
        let run = lint(&binary, "");
        assert_eq!(run.of(Code::InvisibleCharacter).len(), 1);
        assert!(run
            .one(Code::InvisibleCharacter)
            .message
            .contains("does not look like text"));
    }

    #[test]
    fn plain_text_is_clean() {
        let run = lint("[profile é]\nregion = us-east-1\t\n", "");
        assert!(run.of(Code::InvisibleCharacter).is_empty());
    }

    /// The block-wise test agrees with the byte-by-byte definition, at block boundaries too.
    #[test]
    fn plain_text_test_block_boundaries() {
        let exact = |text: &str| {
            let bytes = text.as_bytes();
            bytes.iter().enumerate().all(|(i, &b)| {
                (b' '..=b'~').contains(&b)
                    || b == b'\t'
                    || b == b'\n'
                    || (b == b'\r' && bytes.get(i + 1) == Some(&b'\n'))
            })
        };
        for len in [0, 1, 62, 63, 64, 65, 127, 128, 129] {
            for at in [0, 1, 62, 63, 64, 65, 126, 127, 128] {
                for odd in ["\r\n", "\r", "\t", "\x7f", "\x1f", "\u{a0}", "~", "\r\r\n"] {
                    let mut text = "a".repeat(len);
                    if at <= text.len() {
                        text.insert_str(at, odd);
                    }
                    assert_eq!(is_plain_text(&text), exact(&text), "{text:?}");
                }
            }
        }
    }
}
