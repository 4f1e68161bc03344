//! `quoted-value`: a value wrapped in quotes. No tool removes them: the SDKs and the AWS CLI
//! both read `region = "us-east-1"` as a region named `"us-east-1"`, quotes included.

use crate::lint::values::is_quoted;
use crate::lint::{Code, Diagnostic, LintContext, TextEdit};
use crate::text::Span;

/// Values where quotes mean something to the program that reads them: botocore splits
/// `credential_process` like a shell, so quotes around a path with spaces are right.
const QUOTES_ALLOWED: &[&str] = &["credential_process", "cli_pager"];

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // Candidates found once for several rules: the entries whose value is quoted.
    for &at in &cx.entry_lists().quoted {
        let (file, _, entry) = cx.entry_at(at);
        let text = cx.text(file);
        let value = entry.value_span.slice(text);
        if !is_quoted(value) || QUOTES_ALLOWED.contains(&&*entry.key) {
            continue;
        }
        let inner_start = entry.value_span.start + value.chars().next().map_or(0, char::len_utf8);
        let inner_end = entry.value_span.end - value.chars().next_back().map_or(0, char::len_utf8);
        let inner = &text[inner_start..inner_end];
        let key = entry.key_span.slice(text);
        // Never a credential, whatever key it sits under (a secret pasted as the key id).
        let shown = if !crate::lint::values::may_quote(&entry.key, inner) {
            String::new()
        } else {
            format!(" (it becomes `{value}`, not `{inner}`)")
        };
        out.push(
            Diagnostic::new(
                Code::QuotedValue,
                file,
                entry.value_span,
                format!("The value of `{key}` is wrapped in quotes, and the SDKs and the AWS CLI keep them as part of the value{shown}. Remove the quotes."),
            )
            // Two deletions rather than a replacement: the edit never carries the value, which
            // may be a secret.
            .with_edits(
                "Remove the quotes",
                vec![
                    TextEdit {
                        file,
                        span: Span::new(entry.value_span.start, inner_start),
                        new_text: String::new(),
                    },
                    TextEdit {
                        file,
                        span: Span::new(inner_end, entry.value_span.end),
                        new_text: String::new(),
                    },
                ],
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn quoted_values_are_unquoted() {
        let run = lint(
            "[profile a]\nregion = \"us-east-1\"\ncredential_process = \"/opt/my tool/creds\"\n",
            "[a]\naws_secret_access_key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'\n",
        );
        assert_eq!(
            run.found(Code::QuotedValue),
            [
                (Config, 2, "\"us-east-1\"".to_string()),
                (
                    Credentials,
                    2,
                    "'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'".to_string()
                )
            ]
        );
        let secret = &run.of(Code::QuotedValue)[1];
        assert!(!secret.message.contains("wJalr"), "{}", secret.message);
        assert_eq!(
            run.apply(run.of(Code::QuotedValue)[0], 0)[0],
            "[profile a]\nregion = us-east-1\ncredential_process = \"/opt/my tool/creds\"\n"
        );
    }

    /// Issue 12: the message echoed an access key id's value in full, and in a real file that
    /// value was a 40-character secret pasted into the wrong field.
    #[test]
    fn a_credential_is_never_echoed() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let run = lint("", &format!("[a]\naws_access_key_id = \"{secret}\"\n"));
        let d = run.one(Code::QuotedValue);
        assert!(!d.message.contains("wJalr"), "{}", d.message);
        let run = lint(&format!("[profile a]\nnote = '{secret}'\n"), "");
        for d in &run.diagnostics {
            assert!(!d.message.contains("wJalr"), "{}", d.message);
        }
    }

    #[test]
    fn backticks_are_quotes_too() {
        let run = lint("[profile a]\nregion = `us-east-1`\n", "");
        let d = run.one(Code::QuotedValue);
        assert_eq!(run.apply(d, 0)[0], "[profile a]\nregion = us-east-1\n");
    }

    #[test]
    fn quotes_inside_a_value_are_fine() {
        let run = lint("[profile a]\nnote = say \"hi\"\n", "");
        assert!(run.of(Code::QuotedValue).is_empty());
    }
}
