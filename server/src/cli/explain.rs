//! `aws-config-lsp explain CODE`: the documentation of a diagnostic code, from
//! `docs/diagnostics.md` (compiled in, so the binary needs no files at run time).

use super::{EXIT_OK, EXIT_USAGE_OR_IO};
use aws_config_lsp_core::lint::Code;
use clap::Args;

pub const DIAGNOSTICS_MD: &str = include_str!("../../../docs/diagnostics.md");

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The code, e.g. `inline-comment`.
    #[arg(required_unless_present = "list")]
    pub code: Option<String>,
    /// List every code with its default severity and summary.
    #[arg(long)]
    pub list: bool,
}

/// The codes of the answers from STS (validation on request), documented in the same file.
/// `sts-valid` is the information diagnostic of a successful check.
fn sts_codes() -> impl Iterator<Item = &'static str> {
    std::iter::once("sts-valid").chain(aws_config_lsp_sts::Code::ALL.iter().map(|c| c.as_str()))
}

/// The section of the docs for `code`: from its `## \`code\`` heading to the next heading.
pub fn section(code: Code) -> Option<&'static str> {
    section_named(code.as_str())
}

fn section_named(name: &str) -> Option<&'static str> {
    let heading = format!("## `{name}`");
    let start = DIAGNOSTICS_MD.find(&heading)?;
    let rest = &DIAGNOSTICS_MD[start..];
    let end = rest[heading.len()..]
        .find("\n## ")
        .map_or(rest.len(), |i| i + heading.len() + 1);
    Some(rest[..end].trim_end())
}

pub fn run(args: &ExplainArgs) -> u8 {
    if args.list {
        for code in Code::ALL {
            outln!(
                "{:<36} {:<12} {}",
                code.as_str(),
                code.default_severity().as_str(),
                code.summary()
            );
        }
        return EXIT_OK;
    }
    let name = args.code.as_deref().unwrap_or_default();
    if sts_codes().any(|c| c == name) {
        if let Some(text) = section_named(name) {
            outln!("{text}");
            return EXIT_OK;
        }
    }
    let Some(code) = Code::parse(name) else {
        eprintln!(
            "aws-config-lsp: unknown code `{name}`; `aws-config-lsp explain --list` shows them all"
        );
        return EXIT_USAGE_OR_IO;
    };
    match section(code) {
        Some(text) => {
            outln!("{text}");
            EXIT_OK
        }
        None => {
            outln!(
                "`{}` ({}): {}",
                code.as_str(),
                code.default_severity().as_str(),
                code.summary()
            );
            EXIT_OK
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_documented_with_a_bad_and_a_good_example() {
        for &code in Code::ALL {
            let text = section(code).unwrap_or_else(|| {
                panic!("docs/diagnostics.md has no section for `{}`", code.as_str())
            });
            assert!(
                text.contains("**Bad**") && text.contains("**Good**"),
                "`{}` needs a bad and a good example",
                code.as_str()
            );
            let severity = format!("**Default severity:** {}", code.default_severity().as_str());
            assert!(
                text.contains(&severity),
                "`{}` must say: {severity}",
                code.as_str()
            );
        }
    }

    #[test]
    fn every_sts_answer_is_documented() {
        for name in sts_codes() {
            let text = section_named(name)
                .unwrap_or_else(|| panic!("docs/diagnostics.md has no section for `{name}`"));
            assert!(
                text.contains("**Default severity:**"),
                "`{name}` needs its severity"
            );
        }
    }
}
