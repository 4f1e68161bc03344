//! `secrets-in-repository` (warning): a config or credentials file that holds secrets (as
//! for `secrets-readable-by-others`) and lies in a git working tree that does not ignore it:
//! git tracks it (everyone with a copy of the repository has the secrets, in its history
//! too), or it is not yet added and `git add .` would commit it.
//!
//! The host finds the working tree (a `.git` above the file, its real path) and asks git
//! (`git ls-files`, `git check-ignore`); without git on `PATH`, outside a working tree, or
//! when git fails, the rule is silent. On the key of the first secret in the file.

use super::support::first_secret;
use crate::lint::logins::shell_word;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::machine::GitStatus;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for file in 0..cx.model.files.len() {
        let Some(path) = cx.path(file) else {
            continue;
        };
        let Some(entry) = first_secret(cx, file) else {
            continue;
        };
        let message = match cx.host.git_status(path) {
            Some(GitStatus::Tracked) => format!(
                "This file holds secrets (`{}` here) and git tracks it: everyone with a copy of \
                 the repository has them, in its history too. Rotate them (make new ones and \
                 delete these), then stop tracking the file (`git rm --cached {}`) and add it \
                 to `.gitignore`.",
                entry.key,
                shell_word(path)
            ),
            Some(GitStatus::Untracked) => format!(
                "This file holds secrets (`{}` here) and lies in a git working tree that does \
                 not ignore it: `git add .` would commit them. Add it to `.gitignore`, or keep \
                 it outside the repository.",
                entry.key
            ),
            _ => continue,
        };
        out.push(Diagnostic::new(
            Code::SecretsInRepository,
            file,
            entry.key_span,
            message,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::{lint_on, FakeMachine};
    use crate::lint::Code;
    use crate::machine::GitStatus;
    use crate::model::FileKind;

    const CREDENTIALS: &str = "# keys\n[default]\naws_access_key_id = AKIA2E0A8F3B244C9986\naws_secret_access_key = Zm9vYmFyYmF6cXV4cXV1eGZha2VmYWtlZmFrZTA5\n";

    fn run(credentials: &str, status: Option<GitStatus>) -> crate::lint::test_support::Run {
        let host = FakeMachine {
            git: status
                .map(|s| ("/repo/aws/credentials", s))
                .into_iter()
                .collect(),
            ..FakeMachine::default()
        };
        lint_on(
            "",
            credentials,
            &host,
            [None, Some("/repo/aws/credentials")],
            |_| {},
        )
    }

    #[test]
    fn tracked_and_untracked() {
        let r = run(CREDENTIALS, Some(GitStatus::Tracked));
        assert_eq!(
            r.found(Code::SecretsInRepository),
            [(
                FileKind::Credentials,
                4,
                "aws_secret_access_key".to_string()
            )]
        );
        let m = &r.one(Code::SecretsInRepository).message;
        assert!(
            m.contains("git tracks it") && m.contains("`git rm --cached /repo/aws/credentials`"),
            "{m}"
        );
        let r = run(CREDENTIALS, Some(GitStatus::Untracked));
        assert!(r
            .one(Code::SecretsInRepository)
            .message
            .contains("`git add .` would commit them"));
    }

    #[test]
    fn near_misses() {
        for status in [
            None,
            Some(GitStatus::Ignored),
            Some(GitStatus::NotInRepository),
        ] {
            assert_eq!(
                run(CREDENTIALS, status).found(Code::SecretsInRepository),
                []
            );
        }
        // AWS's documentation examples are not secrets.
        let examples = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";
        assert_eq!(
            run(examples, Some(GitStatus::Tracked)).found(Code::SecretsInRepository),
            []
        );
        let no_secret = "[default]\nregion = eu-west-1\ncredential_process = /opt/bin/creds\n";
        assert_eq!(
            run(no_secret, Some(GitStatus::Tracked)).found(Code::SecretsInRepository),
            []
        );
    }
}
