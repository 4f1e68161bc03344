//! Formatting: `key = value` spacing, no trailing whitespace, one blank line between
//! sections. Comments, key order and every value stay as they are, so what the SDKs and the
//! AWS CLI read never changes (the conformance tests check this on every parser vector).

use super::Files;
use crate::model::FileModel;
use crate::syntax::{Line, LineKind};
use crate::text::Span;

/// The edits that format `file`, in order and not overlapping. Empty when it is formatted.
pub fn format(files: Files<'_>, file: usize) -> Vec<(Span, String)> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    let text = files.texts[file];
    let lines = &model.tree.lines;
    let newline = lines
        .iter()
        .map(|l| l.terminator.slice(text))
        .find(|t| !t.is_empty())
        .unwrap_or("\n");
    let mut edits = Vec::new();
    let mut covered = vec![false; lines.len()];

    // One blank line before each section (before the comments right above its header).
    for (index, section) in model.sections.iter().enumerate() {
        if index == 0 && !has_content_before(model, section.line) {
            continue;
        }
        let mut block_start = section.line;
        while block_start > 0 && matches!(lines[block_start - 1].kind, LineKind::Comment(_)) {
            block_start -= 1;
        }
        let mut blank_start = block_start;
        while blank_start > 0 && matches!(lines[blank_start - 1].kind, LineKind::Blank) {
            blank_start -= 1;
        }
        if blank_start == 0 {
            continue;
        }
        let wanted = newline.to_string();
        let current = Span::new(lines[blank_start].span.start, lines[block_start].span.start);
        // The previous line must end with a terminator for the blank line to be one.
        let previous = &lines[blank_start - 1];
        if previous.terminator.is_empty() {
            continue;
        }
        if current.slice(text) != wanted {
            edits.push((current, wanted));
            for flag in &mut covered[blank_start..block_start] {
                *flag = true;
            }
        }
    }

    for (index, line) in lines.iter().enumerate() {
        if covered[index] {
            continue;
        }
        if let Some(edit) = spacing(text, line) {
            edits.push(edit);
        }
        if let Some(edit) = trailing_whitespace(text, line) {
            edits.push(edit);
        }
    }

    // Blank lines at the end of the file go; the last line keeps (or gets) one terminator.
    let last_content = lines
        .iter()
        .rposition(|l| !matches!(l.kind, LineKind::Blank));
    if let Some(last) = last_content {
        let end = Span::new(lines[last].span.end, text.len());
        let wanted = newline.to_string();
        // A lone `\r` at the end of the text would become half of a `\r\n`.
        let ends_in_cr = lines[last].span.slice(text).ends_with('\r');
        if end.slice(text) != wanted && !ends_in_cr {
            // Keep the edits apart: a trailing-whitespace edit on the last line ends where
            // this one starts, and blank lines after it are replaced as a whole.
            edits.retain(|(span, _)| span.start < end.start);
            edits.push((end, wanted));
        }
    }
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    edits
}

/// The edits of [`format`] that lie within the lines `range` touches: a line the range cuts
/// is formatted whole or not at all, never in part. A range that ends at the start of a line
/// leaves that line out.
pub fn format_range(files: Files<'_>, file: usize, range: Span) -> Vec<(Span, String)> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    let text = files.texts[file];
    let lines = &model.tree.lines;
    if lines.is_empty() {
        return Vec::new();
    }
    // A line holds the offsets up to its terminator's end (the last line, without one, up to
    // the end of the text); past a final line ending there is no line.
    let line_of = |offset: usize| {
        lines.partition_point(|l| !l.terminator.is_empty() && l.terminator.end <= offset)
    };
    let first = line_of(range.start);
    if first == lines.len() {
        return Vec::new();
    }
    // The last line the range touches: the one holding its end, or the line before when it
    // ends right at a line's start (and is not empty).
    let mut last = line_of(range.end).min(lines.len() - 1);
    if last > first && lines[last].span.start == range.end {
        last -= 1;
    }
    let start = lines[first].span.start;
    let end = lines[last].terminator.end;
    format(files, file)
        .into_iter()
        .filter(|(span, _)| {
            span.start >= start
                && span.end <= end
                // An insertion where the next line starts belongs to that line.
                && (!span.is_empty() || span.start < end || end == text.len())
        })
        .collect()
}

fn has_content_before(model: &FileModel, line: usize) -> bool {
    model.tree.lines[..line]
        .iter()
        .any(|l| !matches!(l.kind, LineKind::Blank))
}

/// `key=value` and `key   =  value` become `key = value` on top-level property lines.
fn spacing(text: &str, line: &Line) -> Option<(Span, String)> {
    let LineKind::Property(property) = &line.kind else {
        return None;
    };
    let eq = property.eq?;
    // Indented lines are continuations for the SDKs; `key: value = x` is split at `:` by the
    // AWS CLI, which would see its value change: both stay as written.
    // A line without a key (`= value`) would become an indented line.
    if property.key.is_empty()
        || property.key.start != line.span.start
        || property.key.slice(text).contains(':')
    {
        return None;
    }
    let value = property.value.slice(text);
    let (span, wanted) = if property.value.is_empty() {
        (Span::new(property.key.end, eq.end), " =")
    } else if value.starts_with(['#', ';']) {
        // `key=#x`: a space before `#` would make it a comment for the SDKs.
        (Span::new(property.key.end, property.value.start), " =")
    } else {
        (Span::new(property.key.end, property.value.start), " = ")
    };
    (span.slice(text) != wanted).then(|| (span, wanted.to_string()))
}

fn trailing_whitespace(text: &str, line: &Line) -> Option<(Span, String)> {
    let content = line.span.slice(text);
    let trimmed = content.trim_end_matches([' ', '\t']);
    // `\r \n` trimmed would become `\r\n`: a line ending, where the SDKs saw a character.
    if trimmed.ends_with('\r') {
        return None;
    }
    (trimmed.len() < content.len()).then(|| {
        (
            Span::new(line.span.start + trimmed.len(), line.span.end),
            String::new(),
        )
    })
}

/// Applies edits (sorted, not overlapping) to a text.
pub fn apply_edits(text: &str, edits: &[(Span, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (span, new_text) in edits {
        out.push_str(&text[at..span.start]);
        out.push_str(new_text);
        at = span.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Input, Model};

    fn formatted(text: &str) -> String {
        let model = Model::build(&[Input::config(text)]);
        let texts = [text];
        let files = Files {
            model: &model,
            texts: &texts,
        };
        apply_edits(text, &format(files, 0))
    }

    #[test]
    fn normalises_spacing_whitespace_and_blank_lines() {
        let input = "# top\n[default]\nregion=eu-west-1   \noutput   =json\ns3 =  \n  max_concurrent_requests=4\n# dev profile\n[profile dev]\nsource_profile =    default\n\n\n\n[profile ops]\ncli_pager=\n\n\n";
        let expected = "# top\n[default]\nregion = eu-west-1\noutput = json\ns3 =\n  max_concurrent_requests=4\n\n# dev profile\n[profile dev]\nsource_profile = default\n\n[profile ops]\ncli_pager =\n";
        assert_eq!(formatted(input), expected);
        assert_eq!(formatted(expected), expected, "idempotent");
    }

    #[test]
    fn keeps_crlf_comments_and_what_the_cli_splits_differently() {
        let input = "[default]\r\nregion=us-east-1 # note\r\nkey: value=x\r\n[profile b]\r\nx=1";
        let expected = "[default]\r\nregion = us-east-1 # note\r\nkey: value=x\r\n\r\n[profile b]\r\nx = 1\r\n";
        assert_eq!(formatted(input), expected);
        assert_eq!(formatted(expected), expected);
    }

    #[test]
    fn a_lone_carriage_return_at_the_end_is_not_completed_into_crlf() {
        assert_eq!(formatted("\r"), "\r");
        assert_eq!(formatted("[a]\n\r \t\n"), "[a]\n\r \t\n");
        assert_eq!(formatted("[a]\nx = 1\r"), "[a]\nx = 1\r");
    }

    #[test]
    fn a_value_starting_with_a_comment_character_does_not_become_a_comment() {
        assert_eq!(formatted("[a]\nx=#1\ny=;2\n"), "[a]\nx =#1\ny =;2\n");
    }

    #[test]
    fn an_empty_file_stays_empty() {
        assert_eq!(formatted(""), "");
        assert_eq!(formatted("\n\n"), "\n\n");
    }

    fn range_formatted(text: &'static str, from: &str, to: &str) -> String {
        let model = Model::build(&[Input::config(text)]);
        let texts = [text];
        let files = Files {
            model: &model,
            texts: &texts,
        };
        let start = text.find(from).unwrap();
        let end = text.find(to).unwrap() + to.len();
        apply_edits(text, &format_range(files, 0, Span::new(start, end)))
    }

    #[test]
    fn range_formatting_touches_only_the_lines_of_the_range() {
        let input = "[default]\nregion=eu-west-1   \noutput   =json\n[profile dev]\nsource_profile =    default\ncli_pager=x\n\n\n";
        // From the middle of `region` to the middle of `output`: both lines, whole.
        assert_eq!(
            range_formatted(input, "gion", "out"),
            "[default]\nregion = eu-west-1\noutput = json\n[profile dev]\nsource_profile =    default\ncli_pager=x\n\n\n"
        );
        // The header line: the blank line before it, nothing else.
        assert_eq!(
            range_formatted(input, "[profile", "dev]"),
            "[default]\nregion=eu-west-1   \noutput   =json\n\n[profile dev]\nsource_profile =    default\ncli_pager=x\n\n\n"
        );
        // The last line: its spacing and the blank lines after it.
        assert_eq!(
            range_formatted(input, "cli_", "x\n\n\n"),
            "[default]\nregion=eu-west-1   \noutput   =json\n[profile dev]\nsource_profile =    default\ncli_pager = x\n"
        );
        // A range that ends where `output` starts leaves `output` as it is.
        let text = "[a]\nx=1\ny=2\n";
        let model = Model::build(&[Input::config(text)]);
        let texts = [text];
        let files = Files {
            model: &model,
            texts: &texts,
        };
        let edits = format_range(files, 0, Span::new(4, 8));
        assert_eq!(apply_edits(text, &edits), "[a]\nx = 1\ny=2\n");
        // The whole file: the same as formatting it.
        assert_eq!(
            format_range(files, 0, Span::new(0, text.len())),
            format(files, 0)
        );
        assert_eq!(
            format_range(files, 0, Span::new(text.len(), text.len())),
            vec![]
        );
    }
}
