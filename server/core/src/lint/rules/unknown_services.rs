//! `unknown-services`: a `services` value that names no `[services NAME]` section. botocore
//! and the AWS CLI fail for every command ("the … services configuration does not exist"); the
//! SDKs find no per-service settings (such as `endpoint_url`) for the profile.

use crate::lint::chains::{self, Target};
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::text::SharedStr;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let unresolver = chains::Unresolver::new(cx, Target::Services);
    let set = &cx.model.profiles;
    for (_, file, entry) in
        chains::profiles_with(cx, "services", |_, name| !set.services.contains_key(name))
    {
        let name = &*entry.value;
        if name.is_empty()
            || name.contains('\n')
            || has_surface_problem(name)
            || set.services.contains_key(name)
        {
            continue;
        }
        let used = set.services.keys().map(SharedStr::as_str);
        let hint = unresolver.hint(name, used);
        let message = format!(
            "`services` names `{name}`, but the config file has no `[services {name}]` section: botocore and the AWS CLI fail for every command (\"… services configuration does not exist\"), and the SDKs apply none of the per-service settings (such as `endpoint_url`) this profile expects."
        );
        let diagnostic = hint.apply(
            Diagnostic::new(Code::UnknownServices, file, entry.value_span, message),
            entry.value_span,
            &format!(
                "Add a `[services {name}]` section to the config file, or name an existing one."
            ),
        );
        out.push(diagnostic);
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::chains::chain_codes;
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind::*;

    #[test]
    fn services_section_missing() {
        let run = lint(
            "[profile local]\nservices = minio\nregion = us-east-1\n",
            "",
        );
        assert_eq!(
            run.found(Code::UnknownServices),
            [(Config, 2, "minio".to_string())]
        );
        let d = run.one(Code::UnknownServices);
        assert!(
            d.message.contains("services configuration does not exist"),
            "{}",
            d.message
        );
        assert!(d.fixes.is_empty());
    }

    #[test]
    fn typo_is_renamed() {
        let config = "[profile local]\nservices = mino\n\n[services minio]\ns3 =\n  endpoint_url = http://localhost:9000\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::UnknownServices),
            [(Config, 2, "mino".to_string())]
        );
        let d = run.one(Code::UnknownServices);
        let [fixed, _] = run.apply(d, 0);
        assert_eq!(fixed, config.replace("= mino\n", "= minio\n"));
        assert!(chain_codes(&lint(&fixed, "")).is_empty());
    }

    #[test]
    fn ignored_look_alike_section_is_mentioned() {
        let run = lint(
            "[profile local]\nservices = minio\n\n[service minio]\ns3 =\n  endpoint_url = http://localhost:9000\n",
            "",
        );
        let d = run.one(Code::UnknownServices);
        assert!(
            d.message
                .contains("A section `[service minio]` exists in the config file"),
            "{}",
            d.message
        );
    }

    #[test]
    fn near_misses() {
        let run = lint(
            "[profile local]\nservices = minio\n\n[services minio]\ns3 =\n  endpoint_url = http://localhost:9000\n",
            "",
        );
        assert!(run.of(Code::UnknownServices).is_empty());
        // A services section in the credentials file is ignored, but the profile there too.
        let run = lint(
            "[profile a]\nregion = us-east-1\n",
            "[services x]\ns3 =\n  endpoint_url = http://localhost:9000\n",
        );
        assert!(run.of(Code::UnknownServices).is_empty());
    }
}
