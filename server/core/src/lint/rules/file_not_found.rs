//! `file-not-found` (warning): a file or program named in a value does not exist.
//!
//! - `web_identity_token_file`: the SDKs and botocore read the token from it on every
//!   refresh, and fail when it is missing;
//! - `ca_bundle` and `proxy_ca_bundle`: botocore and the AWS CLI fail every request with
//!   "Could not find a suitable TLS CA certificate bundle" (the SDKs for Rust and Java do not
//!   read these keys, so the message says so);
//! - `credential_process`: its program (the first word of the command line, quotes removed)
//!   is looked up as a file when it has a `/` or `\`, else on `PATH`.
//!
//! The host answers (it expands a leading `~/`); when it cannot tell, the rule is silent. A
//! program word with shell syntax (`$VAR`, backquotes, `VAR=value`) is not checked: the SDKs
//! run the command through a shell, botocore does not, and the answer depends on which.
//! Every entry written in a used profile section of either file is checked; the warning sits
//! on the path, or on the program word.

use super::support::written;
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (key, reader) in [
        (
            "web_identity_token_file",
            "the SDKs and the AWS CLI read the web identity token from it when they assume the \
             role, and fail without it",
        ),
        (
            "ca_bundle",
            "botocore and the AWS CLI fail every request (\"Could not find a suitable TLS CA \
             certificate bundle\"); the SDKs for Rust and Java do not read `ca_bundle`",
        ),
        (
            "proxy_ca_bundle",
            "botocore and the AWS CLI fail every request through the proxy; the SDKs do not \
             read `proxy_ca_bundle`",
        ),
    ] {
        for (file, _, _, entry) in written(cx, key) {
            let path = entry.value_span.slice(cx.text(file));
            if !is_checkable_path(path) {
                continue;
            }
            if cx.host.file_exists(path) == Some(false) {
                out.push(Diagnostic::new(
                    Code::FileNotFound,
                    file,
                    entry.value_span,
                    format!(
                        "The file `{path}` does not exist: {reader}. Check the path (on another \
                         machine, or inside a container, it may exist)."
                    ),
                ));
            }
        }
    }
    for (file, _, _, entry) in written(cx, "credential_process") {
        let Some((program, span)) = program_of(entry.value_span, cx.text(file)) else {
            continue;
        };
        let is_path = is_program_path(&program);
        let missing = if is_path {
            cx.host.file_exists(&program) == Some(false)
        } else {
            cx.host.program_on_path(&program) == Some(false)
        };
        if !missing {
            continue;
        }
        let (problem, advice) = if is_path {
            (
                "does not exist",
                "Check the path (it may exist on another machine or inside a container)",
            )
        } else {
            (
                "is not found on `PATH`",
                "Install it, or write its full path (the `PATH` your tools run with may differ \
                 from this one)",
            )
        };
        out.push(Diagnostic::new(
            Code::FileNotFound,
            file,
            span,
            format!(
                "The program `{program}` {problem}: the SDKs and the AWS CLI run this command to \
                 get credentials, and fail when it cannot start. {advice}."
            ),
        ));
    }
}

/// The program a `credential_process` command line runs, and its span in `text` (quotes
/// included), when it can be told without a shell: `None` for a value with quotes around it
/// or invisible characters, an unclosed quote, or shell syntax (`$VAR`, backquotes,
/// `VAR=value`) in the program word.
pub(crate) fn program_of(value: Span, text: &str) -> Option<(String, Span)> {
    let command = value.slice(text);
    if has_surface_problem(command) {
        return None;
    }
    let (program, span) = first_word(command)?;
    if program.is_empty() || program.contains(['$', '`', '=']) {
        return None;
    }
    Some((
        program,
        Span::new(value.start + span.start, value.start + span.end),
    ))
}

/// Whether a program word is a path (looked up as a file) rather than a name on `PATH`.
pub(crate) fn is_program_path(program: &str) -> bool {
    program.contains(['/', '\\'])
}

/// Whether a path value can be checked at all: not empty, no quotes or invisible characters.
pub(crate) fn is_checkable_path(path: &str) -> bool {
    !path.is_empty() && !has_surface_problem(path)
}

/// The first word of a command line as a POSIX shell splits it (quotes removed, a backslash
/// keeping the next quote, space or backslash), and its span in `command` including any
/// quotes. Other backslashes stay, for Windows paths. `None` for an unclosed quote.
fn first_word(command: &str) -> Option<(String, Span)> {
    let start = command.len() - command.trim_start().len();
    let mut word = String::new();
    let mut chars = command[start..].char_indices().peekable();
    let mut end = command.len();
    while let Some((i, c)) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                end = start + i;
                break;
            }
            '\'' | '"' => loop {
                let (_, q) = chars.next()?;
                if q == c {
                    break;
                }
                if c == '"' && q == '\\' {
                    if let Some(&(_, next)) = chars.peek() {
                        if next == '"' || next == '\\' {
                            chars.next();
                            word.push(next);
                            continue;
                        }
                    }
                }
                word.push(q);
            },
            '\\' => match chars.peek() {
                Some(&(_, next)) if next.is_whitespace() || matches!(next, '\'' | '"' | '\\') => {
                    chars.next();
                    word.push(next);
                }
                _ => word.push('\\'),
            },
            c => word.push(c),
        }
    }
    Some((word, Span::new(start, end)))
}

#[cfg(test)]
mod tests {
    use super::first_word;
    use crate::lint::test_support::{lint, lint_with, FakeHost};
    use crate::lint::Code;
    use crate::model::FileKind;
    use crate::text::Span;

    const HOST: FakeHost = FakeHost {
        files: &[
            "/var/run/secrets/token",
            "~/certs/corp.pem",
            "/opt/bin/creds",
            "C:\\Tools\\creds.exe",
        ],
        programs: &["granted", "aws-vault"],
    };

    fn run(config: &str) -> crate::lint::test_support::Run {
        lint_with(config, "", |cx| cx.host = &HOST)
    }

    #[test]
    fn missing_token_file_and_ca_bundle() {
        let config = "[profile web]\nrole_arn = arn:aws:iam::123456789012:role/Web\nweb_identity_token_file = /var/run/secrets/tokn\n\n[default]\nca_bundle = ~/certs/corp.crt\nproxy_ca_bundle = /etc/proxy.pem\n";
        let r = run(config);
        assert_eq!(
            r.found(Code::FileNotFound),
            [
                (FileKind::Config, 3, "/var/run/secrets/tokn".to_string()),
                (FileKind::Config, 6, "~/certs/corp.crt".to_string()),
                (FileKind::Config, 7, "/etc/proxy.pem".to_string()),
            ]
        );
        let m = &r.of(Code::FileNotFound)[1].message;
        assert!(
            m.contains("`~/certs/corp.crt` does not exist") && m.contains("botocore"),
            "{m}"
        );
    }

    #[test]
    fn missing_credential_process_program() {
        let config = "[profile a]\ncredential_process = /opt/bin/cred --profile a\n[profile b]\ncredential_process = awsume-helper --json\n[profile c]\ncredential_process = \"/opt/my tools/creds\" x\n";
        let r = run(config);
        assert_eq!(
            r.found(Code::FileNotFound),
            [
                (FileKind::Config, 2, "/opt/bin/cred".to_string()),
                (FileKind::Config, 4, "awsume-helper".to_string()),
                (FileKind::Config, 6, "\"/opt/my tools/creds\"".to_string()),
            ]
        );
        assert!(r.of(Code::FileNotFound)[1]
            .message
            .contains("not found on `PATH`"));
        assert!(r.of(Code::FileNotFound)[2]
            .message
            .contains("`/opt/my tools/creds` does not exist"));
    }

    #[test]
    fn near_misses() {
        let config = "[profile web]\nweb_identity_token_file = /var/run/secrets/token\nca_bundle = ~/certs/corp.pem\n[profile g]\ncredential_process = granted credential-process --profile=g\n[profile v]\ncredential_process = 'aws-vault' export --format=json v\n[profile p]\ncredential_process = /opt/bin/creds\n[profile w]\ncredential_process = C:\\Tools\\creds.exe --x\n[profile s]\ncredential_process = $HOME/bin/creds\n[profile e]\ncredential_process = \n[staging]\nca_bundle = /nope\n";
        assert_eq!(run(config).found(Code::FileNotFound), []);
        // A host that cannot tell: silent.
        let config = "[profile web]\nweb_identity_token_file = /nope\ncredential_process = nope\n";
        assert_eq!(lint(config, "").found(Code::FileNotFound), []);
    }

    #[test]
    fn shell_words() {
        assert_eq!(first_word("a b"), Some(("a".to_string(), Span::new(0, 1))));
        assert_eq!(
            first_word("  'a b'c d"),
            Some(("a bc".to_string(), Span::new(2, 8)))
        );
        assert_eq!(
            first_word("\"a\\\"b\" c"),
            Some(("a\"b".to_string(), Span::new(0, 6)))
        );
        assert_eq!(
            first_word("a\\ b c"),
            Some(("a b".to_string(), Span::new(0, 4)))
        );
        assert_eq!(
            first_word("C:\\x\\y.exe"),
            Some(("C:\\x\\y.exe".to_string(), Span::new(0, 10)))
        );
        assert_eq!(first_word("'open"), None);
        assert_eq!(first_word(""), Some((String::new(), Span::new(0, 0))));
    }

    #[test]
    fn realistic_files_are_clean() {
        let r = lint_with(
            include_str!("../../../../../fixtures/valid/config"),
            include_str!("../../../../../fixtures/valid/credentials"),
            |cx| cx.host = &crate::lint::NoHost,
        );
        assert_eq!(r.found(Code::FileNotFound), []);
        let r = run(include_str!("../../../../../fixtures/valid/config"));
        assert_eq!(r.found(Code::FileNotFound), []);
    }
}
