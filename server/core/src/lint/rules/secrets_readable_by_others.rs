//! `secrets-readable-by-others` (warning): a config or credentials file that holds secrets
//! (a secret access key, a session token: any value under a key that names a secret, AWS's
//! documentation examples and emulators' dummy keys aside) and that other users of the
//! machine can read, by its Unix mode (a group or other read bit). The fix is the command
//! `chmod 600 PATH` (what `aws configure` leaves: read and write for the owner only).
//!
//! The host gives the mode of each analysed file (`None` on Windows, or for an unsaved
//! buffer: silent). On the key of the first secret in the file.

use super::support::first_secret;
use crate::lint::logins::shell_word;
use crate::lint::{Code, Diagnostic, LintContext};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for file in 0..cx.model.files.len() {
        let Some(path) = cx.path(file) else {
            continue;
        };
        // The mode first: asking is cheaper than reading every key of a large file.
        let Some(mode) = cx.host.file_mode(path) else {
            continue;
        };
        if mode & 0o044 == 0 {
            continue;
        }
        let Some(entry) = first_secret(cx, file) else {
            continue;
        };
        let who = if mode & 0o004 != 0 {
            "every user of this machine"
        } else {
            "the members of its group"
        };
        out.push(Diagnostic::new(
            Code::SecretsReadableByOthers,
            file,
            entry.key_span,
            format!(
                "This file holds secrets (`{}` here) and {who} can read it: its mode is {:03o} \
                 ({}). Run `chmod 600 {}` so that only you can.",
                entry.key,
                mode & 0o777,
                symbolic(mode),
                shell_word(path)
            ),
        ));
    }
}

/// `rw-r--r--` for `0o644`.
fn symbolic(mode: u32) -> String {
    (0..9)
        .map(|bit| {
            if mode & (0o400 >> bit) == 0 {
                '-'
            } else {
                ['r', 'w', 'x'][bit % 3]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::symbolic;
    use crate::lint::test_support::{lint_on, FakeMachine};
    use crate::lint::Code;
    use crate::model::FileKind;

    const CREDENTIALS: &str = "[default]\naws_access_key_id = AKIA2E0A8F3B244C9986\naws_secret_access_key = Zm9vYmFyYmF6cXV4cXV1eGZha2VmYWtlZmFrZTA5\n";

    fn run(
        config: &str,
        credentials: &str,
        modes: Vec<(&'static str, u32)>,
    ) -> crate::lint::test_support::Run {
        let host = FakeMachine {
            modes,
            ..FakeMachine::default()
        };
        lint_on(
            config,
            credentials,
            &host,
            [
                Some("/home/u/.aws/config"),
                Some("/home/u/.aws/credentials"),
            ],
            |_| {},
        )
    }

    #[test]
    fn readable_by_others() {
        let r = run("", CREDENTIALS, vec![("/home/u/.aws/credentials", 0o644)]);
        assert_eq!(
            r.found(Code::SecretsReadableByOthers),
            [(
                FileKind::Credentials,
                3,
                "aws_secret_access_key".to_string()
            )]
        );
        let m = &r.one(Code::SecretsReadableByOthers).message;
        assert!(
            m.contains("every user of this machine can read it: its mode is 644 (rw-r--r--)")
                && m.contains("Run `chmod 600 /home/u/.aws/credentials`"),
            "{m}"
        );
        let r = run("", CREDENTIALS, vec![("/home/u/.aws/credentials", 0o640)]);
        assert!(r
            .one(Code::SecretsReadableByOthers)
            .message
            .contains("the members of its group can read it: its mode is 640 (rw-r-----)"));
        // Secrets in the config file count too.
        let config = "[profile p]\naws_session_token = FwoGZXIvYXdzFAKETOKENFAKETOKENFAKETOKEN\n";
        let r = run(config, "", vec![("/home/u/.aws/config", 0o604)]);
        assert_eq!(
            r.found(Code::SecretsReadableByOthers),
            [(FileKind::Config, 2, "aws_session_token".to_string())]
        );
    }

    #[test]
    fn near_misses() {
        // Owner only; no secret; examples and dummy keys; no mode; no path.
        assert_eq!(
            run("", CREDENTIALS, vec![("/home/u/.aws/credentials", 0o600)])
                .found(Code::SecretsReadableByOthers),
            []
        );
        assert_eq!(
            run("", CREDENTIALS, vec![("/home/u/.aws/credentials", 0o711)])
                .found(Code::SecretsReadableByOthers),
            []
        );
        let examples = include_str!("../../../../../fixtures/valid/credentials");
        assert_eq!(
            run(
                "[profile a]\nregion = eu-west-1\n",
                examples,
                vec![
                    ("/home/u/.aws/config", 0o644),
                    ("/home/u/.aws/credentials", 0o644)
                ]
            )
            .found(Code::SecretsReadableByOthers),
            []
        );
        let blank =
            "[default]\naws_access_key_id = AKIA2E0A8F3B244C9986\naws_secret_access_key =\n";
        assert_eq!(
            run("", blank, vec![("/home/u/.aws/credentials", 0o666)])
                .found(Code::SecretsReadableByOthers),
            []
        );
        assert_eq!(
            run("", CREDENTIALS, vec![]).found(Code::SecretsReadableByOthers),
            []
        );
        let host = FakeMachine {
            modes: vec![("/home/u/.aws/credentials", 0o644)],
            ..FakeMachine::default()
        };
        let r = lint_on("", CREDENTIALS, &host, [None, None], |_| {});
        assert_eq!(r.found(Code::SecretsReadableByOthers), []);
    }

    #[test]
    fn modes_in_letters() {
        assert_eq!(symbolic(0o644), "rw-r--r--");
        assert_eq!(symbolic(0o600), "rw-------");
        assert_eq!(symbolic(0o755), "rwxr-xr-x");
        assert_eq!(symbolic(0o100644), "rw-r--r--");
    }
}
