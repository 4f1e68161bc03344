//! What in a file is, or may be, a secret, and what to show instead: for every output that
//! quotes the files (source lines, values, fix texts, messages, logs).
//!
//! A secret is found three ways, and any of them is enough:
//! - by its key: the value of a key that [`is_secret_key`] names, on a property, a
//!   sub-property, or the continuation lines of such a property;
//! - by the look of the line, whatever the parser made of it: `key = value` or `key: value`
//!   with a secret-looking key (a colon line the SDKs refuse, an indented line the SDKs append
//!   to the previous value, a commented-out key);
//! - by its shape, under any key or none: [`redact_secrets`] (a secret access key, a session
//!   token).
//!
//! [`redact_secrets`]: crate::text::redact_secrets
//!
//! The mask is [`mask_secret`]'s: sixteen stars and the last four characters.

use crate::model::{is_secret_key, mask_for_display};
use crate::syntax::{LineKind, SyntaxTree};
use crate::text::{mask_secret, secret_shaped_spans, Span};
use std::borrow::Cow;

/// The spans of `text` (parsed as `tree`) that hold a secret or may, sorted, not overlapping.
pub fn secret_spans(tree: &SyntaxTree, text: &str) -> Vec<Span> {
    (0..tree.lines.len())
        .flat_map(|line| line_secret_spans(tree, text, line))
        .collect()
}

/// The same for one line of the tree (an index into `tree.lines`).
pub fn line_secret_spans(tree: &SyntaxTree, text: &str, line: usize) -> Vec<Span> {
    let Some(line) = tree.lines.get(line) else {
        return Vec::new();
    };
    // The lines under a secret key (continuations, or the block under `key =`) belong to
    // its value.
    let secret_parent = |parent: Option<usize>| {
        parent.and_then(|i| tree.lines.get(i)).is_some_and(
            |l| matches!(&l.kind, LineKind::Property(p) if is_secret_key(p.key.slice(text))),
        )
    };
    let mut spans = Vec::new();
    match &line.kind {
        LineKind::Property(p) if is_secret_key(p.key.slice(text)) => spans.push(p.value),
        LineKind::SubProperty(sub) if secret_parent(Some(sub.parent)) => spans.push(sub.text),
        LineKind::SubProperty(sub) if is_secret_key(sub.property.key.slice(text)) => {
            spans.push(sub.property.value)
        }
        LineKind::Continuation(c) if secret_parent(c.parent) => spans.push(c.text),
        _ => {}
    }
    let raw = line.span.slice(text);
    let shift = |s: Span| Span::new(line.span.start + s.start, line.span.start + s.end);
    spans.extend(assigned_secret(raw).map(shift));
    spans.extend(secret_shaped_spans(raw).map(shift));
    spans.retain(|s| !s.is_empty());
    spans.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// In one line, `key = value` or `key: value` (whichever separator comes first) with a
/// secret-looking key: the span of the value, trimmed.
fn assigned_secret(line: &str) -> Option<Span> {
    let separator = line.find(['=', ':'])?;
    let key = line[..separator].trim_matches(|c: char| c.is_whitespace() || c == '#' || c == ';');
    if key.is_empty() || !is_secret_key(key) {
        return None;
    }
    let after = &line[separator + 1..];
    let value = after.trim();
    if value.is_empty() {
        return None;
    }
    let start = separator + 1 + (after.len() - after.trim_start().len());
    Some(Span::new(start, start + value.len()))
}

/// A value as it may be shown: masked whole if its key says it is a secret; else each of its
/// lines (a value continued on indented lines) with what follows a secret-looking key masked,
/// and secret-shaped text masked anywhere.
pub fn display_value<'a>(key: &str, value: &'a str) -> Cow<'a, str> {
    if let Some(masked) = mask_for_display(key, value) {
        return Cow::Owned(masked);
    }
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut offset = 0;
    for line in value.split_inclusive('\n') {
        let mut spans: Vec<Span> = assigned_secret(line).into_iter().collect();
        spans.extend(secret_shaped_spans(line));
        spans.sort();
        for span in spans {
            let span = Span::new(offset + span.start, offset + span.end);
            if span.start < copied {
                continue;
            }
            let out = out.get_or_insert_with(String::new);
            out.push_str(&value[copied..span.start]);
            out.push_str(&mask_secret(&value[span.range()]));
            copied = span.end;
        }
        offset += line.len();
    }
    match out {
        None => Cow::Borrowed(value),
        Some(mut out) => {
            out.push_str(&value[copied..]);
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    fn shown(text: &str) -> Vec<&str> {
        let tree = parse(text);
        secret_spans(&tree, text)
            .into_iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn secrets_by_key_by_the_look_of_the_line_and_by_shape() {
        let text = format!(
            "[default]\n\
             aws_secret_access_key = hunter22\n\
             aws_session_token =\n  first\n  second\n\
             aws_secret_access_key: colon-secret\n\
             region = us-east-1\n    aws_secret_access_key = indented-secret\n\
             s3 =\n  my_password = sub-secret\n\
             # aws_secret_access_key = commented-secret\n\
             output = {SECRET}\n\
             [profile {SECRET}]\n\
             role_arn = arn:aws:iam::123456789012:role/dev\n"
        );
        assert_eq!(
            shown(&text),
            vec![
                "hunter22",
                "first",
                "second",
                "colon-secret",
                "indented-secret",
                "sub-secret",
                "commented-secret",
                SECRET,
                SECRET,
            ]
        );
        assert!(
            shown("[a]\nregion = us-east-1\nsso_start_url = https://x.awsapps.com/start\n")
                .is_empty()
        );
    }

    #[test]
    fn values_are_shown_with_their_secrets_masked() {
        assert_eq!(
            display_value("aws_secret_access_key", SECRET),
            "****************EKEY"
        );
        assert_eq!(
            display_value(
                "region",
                &format!("us-east-1\naws_secret_access_key = {SECRET}")
            ),
            "us-east-1\naws_secret_access_key = ****************EKEY"
        );
        assert_eq!(
            display_value("output", &format!("{SECRET}\nx: y")),
            "****************EKEY\nx: y"
        );
        assert!(matches!(
            display_value("region", "us-east-1"),
            Cow::Borrowed("us-east-1")
        ));
    }
}
