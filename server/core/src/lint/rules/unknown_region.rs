//! `unknown-region`: a `region`, `sso_region` or `sigv4a_signing_region_set` item that is not
//! a known AWS Region, with the Region the user most likely meant (`us-east1`, `useast1`,
//! `US-EAST-1`, the zone `us-east-1a`, a typo) as a fix.
//!
//! Accepted without a word: the listed Regions, the pseudo-regions of global endpoints
//! (`aws-global`), codes of the isolated partitions (`us-iso-east-1`), and `*` in a SigV4a
//! Region set. Profiles that send their requests outside AWS (MinIO's `us-east-1`, R2's
//! `auto`) are not checked, nor values that other rules report (empty, quoted, continued).

use crate::knowledge;
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::SectionKind;
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for (file, _, _, section) in cx.used_sections() {
        let keys: &[&str] = match section.kind {
            SectionKind::SsoSession => &["sso_region"],
            SectionKind::Profile => &["region", "sso_region", "sigv4a_signing_region_set"],
            _ => continue,
        };
        found.clear();
        for entry in &section.properties {
            if !entry.valid_key || !keys.contains(&&*entry.key) {
                continue;
            }
            let value = &*entry.value;
            if value.is_empty() || value.contains('\n') || is_known(value) {
                continue;
            }
            if has_surface_problem(value) {
                continue;
            }
            if entry.key == "sigv4a_signing_region_set" {
                let mut offset = 0;
                for item in value.split(',') {
                    let start = offset + (item.len() - item.trim_start().len());
                    offset += item.len() + 1;
                    let code = item.trim();
                    if code.is_empty() || code == "*" {
                        continue;
                    }
                    let span = Span::new(
                        entry.value_span.start + start,
                        entry.value_span.start + start + code.len(),
                    );
                    found.extend(check_code(file, &entry.key, code, span));
                }
            } else {
                found.extend(check_code(file, &entry.key, value, entry.value_span));
            }
        }
        // Asked only when something was found: most Regions are fine.
        let outside_aws = |section_kind, name| {
            section_kind == SectionKind::Profile && cx.is_non_aws_profile(name)
        };
        if !found.is_empty() && !outside_aws(section.kind, &section.name) {
            out.append(&mut found);
        }
    }
}

fn is_known(code: &str) -> bool {
    knowledge::region(code).is_some()
        || knowledge::is_pseudo_region(code)
        || knowledge::is_isolated_region(code)
}

/// `us-east-1a` (an Availability Zone) or `us-west-2-lax-1a` (a Local Zone) of `region`.
fn is_zone_of(code: &str, region: &str) -> bool {
    code.strip_prefix(region)
        .and_then(|rest| rest.bytes().next())
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'-')
}

fn check_code(file: usize, key: &str, code: &str, span: Span) -> Option<Diagnostic> {
    if is_known(code) {
        return None;
    }
    let lower = code.to_ascii_lowercase();
    let suggestion = knowledge::suggest_region(code);
    let what = match key {
        "sso_region" => {
            "the SDKs call IAM Identity Center at hosts that do not exist (`oidc.<region>.amazonaws.com`)"
        }
        "sigv4a_signing_region_set" => "signatures are not valid in the Region meant",
        _ => "the SDKs send requests to hosts that do not exist and sign them for a Region AWS does not know",
    };
    let fips = lower.starts_with("fips-") || lower.ends_with("-fips");
    let message = match suggestion {
        Some(region) if fips => {
            return Some(Diagnostic::new(
                Code::UnknownRegion,
                file,
                span,
                format!(
                    "`{code}` is an old FIPS pseudo-region, not a Region: endpoint resolution \
                     does not know it. Set `{key} = {region}` and `use_fips_endpoint = true`."
                ),
            ));
        }
        Some(region) if lower == region => {
            format!(
                "Region codes are lower case: with `{code}` the SDKs sign requests for a Region \
                 AWS does not recognise, and AWS rejects them. Write `{region}`."
            )
        }
        Some(region) if is_zone_of(&lower, region) => {
            format!("`{code}` is a zone in {region}, not a Region: {what}. Use `{region}`.")
        }
        Some(region) => format!("`{code}` is not an AWS Region: {what}. Did you mean `{region}`?"),
        None => format!(
            "`{code}` is not a known AWS Region: unless it is newer than this tool, {what}. \
             Region codes look like `us-east-1` or `eu-west-2`."
        ),
    };
    let diagnostic = Diagnostic::new(Code::UnknownRegion, file, span, message);
    Some(match suggestion {
        Some(region) => diagnostic.with_fix(format!("Change to `{region}`"), span, region),
        None => diagnostic,
    })
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind;

    const VALID_CONFIG: &str = include_str!("../../../../../fixtures/valid/config");
    const VALID_CREDENTIALS: &str = include_str!("../../../../../fixtures/valid/credentials");
    const VALID_CONFIG_CRLF: &str = include_str!("../../../../../fixtures/valid/config-crlf");

    fn fix(config: &str) -> String {
        let run = lint(config, "");
        let d = run.one(Code::UnknownRegion);
        run.apply(d, 0)[0].clone()
    }

    #[test]
    fn missing_dash_is_fixed() {
        let config = "[profile analytics]\nregion = us-east1\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::UnknownRegion),
            [(FileKind::Config, 2, "us-east1".to_string())]
        );
        let d = run.one(Code::UnknownRegion);
        assert!(
            d.message.contains("Did you mean `us-east-1`?"),
            "{}",
            d.message
        );
        assert_eq!(fix(config), "[profile analytics]\nregion = us-east-1\n");
    }

    #[test]
    fn other_shapes_of_the_same_mistake() {
        let cases = [
            ("useast1", "us-east-1"),
            ("eu-west1", "eu-west-1"),
            ("US-EAST-1", "us-east-1"),
            ("us-east-1a", "us-east-1"),
            ("eu-wset-1", "eu-west-1"),
        ];
        for (written, meant) in cases {
            let config = format!("[default]\nregion = {written}\n");
            assert_eq!(
                fix(&config),
                format!("[default]\nregion = {meant}\n"),
                "{written}"
            );
        }
        let run = lint("[default]\nregion = us-east-1a\n", "");
        assert!(run.one(Code::UnknownRegion).message.contains("zone"));
        let run = lint("[default]\nregion = us-east-10\n", "");
        let d = run.one(Code::UnknownRegion);
        assert!(!d.message.contains("zone"), "{}", d.message);
        let run = lint("[default]\nregion = US-EAST-1\n", "");
        assert!(run.one(Code::UnknownRegion).message.contains("lower case"));
    }

    #[test]
    fn sso_region_in_a_session_and_unknown_codes() {
        let config = "[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = eu-centrl-1\n[profile p]\nregion = mars-north-1\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::UnknownRegion),
            [
                (FileKind::Config, 3, "eu-centrl-1".to_string()),
                (FileKind::Config, 5, "mars-north-1".to_string()),
            ]
        );
        let ds = run.of(Code::UnknownRegion);
        assert!(run.apply(ds[0], 0)[0].contains("sso_region = eu-central-1\n"));
        assert!(ds[1].fixes.is_empty());
        assert!(
            ds[1].message.contains("not a known AWS Region"),
            "{}",
            ds[1].message
        );
    }

    #[test]
    fn fips_pseudo_regions_get_advice_not_a_fix() {
        let run = lint("[default]\nregion = us-east-1-fips\n", "");
        let d = run.one(Code::UnknownRegion);
        assert!(
            d.message.contains("use_fips_endpoint = true"),
            "{}",
            d.message
        );
        assert!(d.fixes.is_empty());
    }

    #[test]
    fn sigv4a_items_are_checked_one_by_one() {
        let config = "[default]\nsigv4a_signing_region_set = us-east-1, us-west2,*\n";
        let run = lint(config, "");
        assert_eq!(
            run.found(Code::UnknownRegion),
            [(FileKind::Config, 2, "us-west2".to_string())]
        );
        assert_eq!(
            fix(config),
            "[default]\nsigv4a_signing_region_set = us-east-1, us-west-2,*\n"
        );
    }

    #[test]
    fn credentials_file_regions_are_checked() {
        let run = lint("", "[a]\nregion = euwest1\n");
        assert_eq!(
            run.found(Code::UnknownRegion),
            [(FileKind::Credentials, 2, "euwest1".to_string())]
        );
    }

    #[test]
    fn near_misses_stay_quiet() {
        let config = "[default]\nregion = eusc-de-east-1\n\
[profile new]\nregion = ap-southeast-7\nsso_region = mx-central-1\n\
[profile gov]\nregion = us-gov-west-1\n\
[profile iso]\nregion = us-iso-east-1\n\
[profile global]\nregion = aws-global\n\
[profile r2]\nendpoint_url = https://abc.r2.cloudflarestorage.com\nregion = auto\n\
[profile minio]\nservices = minio\nregion = local\n\
[services minio]\ns3 =\n  endpoint_url = http://localhost:9000\n\
[profile quoted]\nregion = \"us-east-1\"\n\
[profile empty]\nregion =\n\
[staging]\nregion = us-east1\n\
[sso-session s]\nregion = nowhere\n";
        let run = lint(config, "");
        assert_eq!(run.found(Code::UnknownRegion), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(VALID_CONFIG, VALID_CREDENTIALS);
        assert_eq!(run.found(Code::UnknownRegion), []);
        let run = lint(VALID_CONFIG_CRLF, VALID_CREDENTIALS);
        assert_eq!(run.found(Code::UnknownRegion), []);
    }
}
