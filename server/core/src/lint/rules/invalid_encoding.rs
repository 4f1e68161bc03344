//! `invalid-encoding`: bytes that are not UTF-8. The AWS SDK for Rust reads such a file as
//! empty (it logs a warning no one sees): every profile in it is gone. botocore decodes the
//! file as UTF-8 and raises `UnicodeDecodeError`, so every AWS CLI command fails. Nothing else
//! says so: "the profile is not there" is all the user sees.

use crate::lint::{Code, Diagnostic, LintContext};

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, model) in cx.model.files.iter().enumerate() {
        let Some(invalid) = model.invalid_utf8 else {
            continue;
        };
        out.push(Diagnostic::new(
            Code::InvalidEncoding,
            file,
            invalid.span,
            format!(
                "This {} file is not valid UTF-8 here (shown as \u{fffd}): the SDKs read the whole file as empty, so none of its profiles exists for them, and the AWS CLI and boto3 cannot decode it (UnicodeDecodeError), so every command fails. Save the file as UTF-8, retyping this character.",
                model.kind
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint_decoded;
    use crate::lint::{Code, Severity};

    #[test]
    fn a_byte_that_is_not_utf8() {
        let run = lint_decoded(b"# caf\xe9\n[default]\nregion = us-east-1\n", b"");
        let d = run.one(Code::InvalidEncoding);
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.span.start, 5);
        assert!(d.message.contains("UnicodeDecodeError"));
        let clean = lint_decoded(b"# cafe\n[default]\n", b"");
        assert!(clean.found(Code::InvalidEncoding).is_empty());
    }
}
