//! `invalid-value`: a value of the wrong type or outside its allowed set, for every setting of
//! the catalogue with a checkable kind: booleans, integers and their ranges, enums, role and
//! other ARNs, MFA devices (and the account in an MFA device's ARN), account ids, URLs, and the sizes and rates under `s3 =`.
//!
//! Left to other rules: empty values (`empty-value`), values with quotes or invisible
//! characters (`quoted-value`, `invisible-character`), values continued on indented lines
//! (`indented-line`), Regions (`unknown-region`), credentials (`malformed-…`), names of
//! profiles, sessions and services (`unknown-…`), paths and commands (`file-not-found`).
//! Keys written by third-party tools are theirs to define. A profile that sends its requests
//! outside AWS gets no AWS-shape checks (ARNs, account ids, MFA devices).

use crate::knowledge::shapes::{self, RoleArnProblem, UrlProblem};
use crate::knowledge::{self, EnumCase, Place, Setting, Tool, ValueKind};
use crate::lint::values::has_surface_problem;
use crate::lint::{Code, Diagnostic, LintContext};
use crate::model::SectionKind;
use crate::suggest::did_you_mean;
use crate::text::Span;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for (file, _, _, section) in cx.used_sections() {
        let (place, mut aws_shapes) = match section.kind {
            SectionKind::SsoSession => (Place::SsoSession, AwsShapes::always()),
            SectionKind::Profile => (Place::Profile, AwsShapes::of_profile(cx, &section.name)),
            _ => continue,
        };
        for entry in &section.properties {
            if !entry.valid_key {
                continue;
            }
            let Some(setting) = knowledge::setting_in(place, &entry.key) else {
                continue;
            };
            if setting.kind == ValueKind::SubProperties {
                if setting.name == "s3" {
                    for sub in &entry.sub_properties {
                        // The AWS CLI compares sub-keys exactly; `unknown-key` reports others.
                        let Some(sub_setting) =
                            knowledge::s3_setting(&sub.key).filter(|s| s.name == sub.key)
                        else {
                            continue;
                        };
                        let value = Value {
                            text: &sub.value,
                            span: sub.value_span,
                        };
                        if let Some(d) = check_value(file, sub_setting, value, &mut aws_shapes) {
                            out.push(d);
                        }
                    }
                }
                continue;
            }
            let value = Value {
                text: &entry.value,
                span: entry.value_span,
            };
            if let Some(d) = check_value(file, setting, value, &mut aws_shapes) {
                out.push(d);
            }
        }
    }
}

/// Whether a section gets AWS-shape checks (not when its profile sends requests outside AWS),
/// asked only when such a check finds something: most values are fine.
struct AwsShapes<'a> {
    cx: Option<&'a LintContext<'a>>,
    profile: &'a str,
    answer: Option<bool>,
}

impl<'a> AwsShapes<'a> {
    fn always() -> Self {
        AwsShapes {
            cx: None,
            profile: "",
            answer: Some(true),
        }
    }

    fn of_profile(cx: &'a LintContext<'a>, profile: &'a str) -> Self {
        AwsShapes {
            cx: Some(cx),
            profile,
            answer: None,
        }
    }

    fn apply(&mut self) -> bool {
        *self.answer.get_or_insert_with(|| {
            self.cx
                .is_none_or(|cx| !cx.is_non_aws_profile(self.profile))
        })
    }
}

#[derive(Clone, Copy)]
struct Value<'a> {
    text: &'a str,
    span: Span,
}

/// A message and, when the correction is mechanical, the replacement value.
struct Finding {
    message: String,
    fix: Option<String>,
}

impl Finding {
    fn new(message: String) -> Finding {
        Finding { message, fix: None }
    }

    fn with_fix(message: String, fix: String) -> Finding {
        Finding {
            message,
            fix: Some(fix),
        }
    }
}

fn check_value(
    file: usize,
    setting: &Setting,
    value: Value<'_>,
    aws_shapes: &mut AwsShapes<'_>,
) -> Option<Diagnostic> {
    let text = value.text;
    if text.is_empty() || setting.is_third_party() {
        return None;
    }
    let finding = match setting.kind {
        ValueKind::Bool => bool_problem(setting, text),
        ValueKind::Integer { min, max } => integer_problem(setting, text, min, max),
        ValueKind::Enum { values, case } => enum_problem(setting, text, values, case),
        ValueKind::RoleArn => role_arn_problem(text),
        ValueKind::Arn => arn_problem(setting, text),
        ValueKind::MfaSerial => mfa_problem(text),
        ValueKind::AccountId => account_problem(setting, text),
        ValueKind::Url => url_problem(setting, text, false),
        ValueKind::HttpsUrl => url_problem(setting, text, true),
        ValueKind::Size => size_problem(setting, text),
        ValueKind::Rate => rate_problem(setting, text),
        _ => None,
    }?;
    // Asked only now, since most values are fine: continued values, quotes and invisible
    // characters are other rules' findings, and profiles outside AWS get no AWS-shape checks.
    if text.contains('\n') || has_surface_problem(text) {
        return None;
    }
    let aws_shaped = matches!(
        setting.kind,
        ValueKind::RoleArn | ValueKind::Arn | ValueKind::MfaSerial | ValueKind::AccountId
    );
    if aws_shaped && !aws_shapes.apply() {
        return None;
    }
    // Never quote what may be a credential pasted under the wrong key.
    let message = if crate::lint::values::looks_like_secret(text) {
        finding
            .message
            .replace(text, &crate::text::mask_secret(text))
    } else {
        finding.message
    };
    let diagnostic = Diagnostic::new(Code::InvalidValue, file, value.span, message);
    Some(match finding.fix {
        Some(fix) => diagnostic.with_fix(format!("Change to `{fix}`"), value.span, fix),
        None => diagnostic,
    })
}

/// Who reads the setting, as the subject of a sentence.
fn readers(setting: &Setting) -> &'static str {
    match setting.tool {
        Tool::Sdk => "the SDKs and the AWS CLI",
        Tool::SdksOnly => "the SDKs",
        Tool::CliOnly => "the AWS CLI",
        Tool::BotocoreOnly => "botocore and the AWS CLI",
        Tool::ThirdParty(_) => "the tools",
    }
}

/// "… do not accept it", with the verb agreeing with [`readers`].
fn do_not_accept(setting: &Setting) -> String {
    match setting.tool {
        Tool::CliOnly => "the AWS CLI does not accept it".to_string(),
        _ => format!("{} do not accept it", readers(setting)),
    }
}

fn is_s3_transfer(setting: &Setting) -> bool {
    setting.belongs_in(Place::S3)
}

fn or_list(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

fn bool_problem(setting: &Setting, value: &str) -> Option<Finding> {
    if shapes::parse_bool(value).is_some() {
        return None;
    }
    let key = setting.name;
    let botocore = match setting.botocore_raises {
        Some(error) => format!(
            "botocore raises {error} whenever it creates a client, so every AWS CLI command \
             with the profile fails"
        ),
        None => "botocore and the AWS CLI take anything but `true` as false".to_string(),
    };
    // Each reader's part is checked against it: aws-config in `server/sts/tests/sdk_values.rs`,
    // botocore in `tests/readers/catalogue.rs`.
    let effect = match setting.tool {
        Tool::Sdk => format!("the AWS SDK for Rust ignores the setting, and {botocore}"),
        Tool::SdksOnly => "the AWS SDK for Rust ignores the setting".to_string(),
        _ => botocore,
    };
    let message = format!("`{key}` takes `true` or `false`, not `{value}`: {effect}.");
    let lower = value.to_ascii_lowercase();
    let intended = match lower.as_str() {
        "yes" | "y" | "on" | "1" | "enabled" | "enable" => Some("true"),
        "no" | "n" | "off" | "0" | "disabled" | "disable" => Some("false"),
        _ => None,
    };
    Some(match intended {
        Some(fix) => Finding::with_fix(message, fix.to_string()),
        None => Finding::new(message),
    })
}

fn range_text(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("from {min} to {max}"),
        (Some(min), None) => format!("of at least {min}"),
        (None, Some(max)) => format!("of at most {max}"),
        (None, None) => String::new(),
    }
}

fn integer_problem(
    setting: &Setting,
    value: &str,
    min: Option<i64>,
    max: Option<i64>,
) -> Option<Finding> {
    let key = setting.name;
    let parsed = setting.parse_integer(value);
    if parsed.is_some_and(|n| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)) {
        return None;
    }
    let range = range_text(min, max);
    let range = if range.is_empty() {
        range
    } else {
        format!(" {range}")
    };
    let Some(number) = parsed else {
        let effect = if is_s3_transfer(setting) {
            "the `aws s3` commands stop with an invalid-configuration error".to_string()
        } else if let Some(error) = setting.botocore_raises {
            let sdks = if setting.rust_sdk_panics {
                "the AWS SDK for Rust panics while loading its configuration"
            } else {
                "the SDKs cannot read it as a number"
            };
            format!(
                "{sdks}, and botocore raises {error} whenever it creates a client, so every AWS \
                 CLI command and boto3 client with this profile fails"
            )
        } else if setting.rust_sdk_panics {
            "the AWS SDK for Rust panics while loading its configuration, and botocore and the \
             AWS CLI stop with an error"
                .to_string()
        } else {
            format!("{} cannot read it as a number", readers(setting))
        };
        return Some(Finding::new(format!(
            "`{key}` takes a whole number{range}, not `{value}`: {effect}."
        )));
    };
    let message = match key {
        "duration_seconds" => format!(
            "`duration_seconds` must be from 900 to 43200 (15 minutes to 12 hours), not \
             {number}: STS rejects the AssumeRole call."
        ),
        "max_attempts" => format!(
            "`max_attempts` counts the first attempt too, so it must be at least 1, not \
             {number}: the AWS SDK for Rust panics while loading its configuration."
        ),
        _ if is_s3_transfer(setting) => format!(
            "`{key}` must be a whole number{range}, not {number}: the `aws s3` commands stop \
             with an invalid-configuration error."
        ),
        _ => format!("`{key}` must be a whole number{range}, not {number}."),
    };
    Some(Finding::new(message))
}

fn enum_problem(
    setting: &Setting,
    value: &str,
    values: &[&str],
    case: EnumCase,
) -> Option<Finding> {
    let key = setting.name;
    if let Some(refused) = setting
        .refused_by_rust_sdk
        .iter()
        .find(|v| v.eq_ignore_ascii_case(value))
    {
        let panic = if setting.rust_sdk_panics {
            " (it panics while loading its configuration)"
        } else {
            ""
        };
        let others: Vec<&str> = values
            .iter()
            .copied()
            .filter(|v| !setting.refused_by_rust_sdk.contains(v))
            .collect();
        let botocore_takes_it = *refused == value || case == EnumCase::Insensitive;
        let message = if botocore_takes_it {
            format!(
                "Only botocore and the AWS CLI take `{refused}` for `{key}`: the AWS SDK for \
                 Rust does not accept it{panic}. Use {} in a profile the SDKs read.",
                or_list(&others)
            )
        } else {
            format!(
                "`{value}` is not a valid `{key}`: botocore and the AWS CLI take only \
                 `{refused}`, and the AWS SDK for Rust does not accept it in any case{panic}. \
                 Use {}.",
                or_list(&others)
            )
        };
        return Some(Finding::new(message));
    }
    if values.contains(&value) {
        return None;
    }
    if let Some(canonical) = values.iter().find(|v| v.eq_ignore_ascii_case(value)) {
        let message = match case {
            EnumCase::Insensitive => return None,
            EnumCase::InsensitiveInSdksOnly => format!(
                "botocore and the AWS CLI accept only `{canonical}` for `{key}` and reject \
                 `{value}` (the AWS SDK for Rust ignores the case)."
            ),
            EnumCase::Sensitive => format!(
                "`{value}` is not a valid `{key}`: the values are case-sensitive, and {}. Write \
                 `{canonical}`.",
                do_not_accept(setting)
            ),
        };
        return Some(Finding::with_fix(message, canonical.to_string()));
    }
    let panic = if setting.rust_sdk_panics {
        " (the AWS SDK for Rust panics while loading its configuration)"
    } else {
        ""
    };
    let base = format!(
        "`{value}` is not a valid `{key}`: {}{panic}. Use {}.",
        do_not_accept(setting),
        or_list(values)
    );
    Some(match did_you_mean(value, values.iter().copied()) {
        Some(suggestion) => Finding::with_fix(
            format!("{base} Did you mean `{suggestion}`?"),
            suggestion.to_string(),
        ),
        None => Finding::new(base),
    })
}

fn role_arn_problem(value: &str) -> Option<Finding> {
    let problem = shapes::check_role_arn(value).err()?;
    let sts = "STS rejects the AssumeRole call";
    let message = match problem {
        RoleArnProblem::NotAnArn if !value.contains(':') => format!(
            "`role_arn` needs the role's full ARN, such as \
             `arn:aws:iam::123456789012:role/{value}`, not just its name: {sts}."
        ),
        RoleArnProblem::NotAnArn => format!(
            "`{value}` is not an IAM role ARN (`arn:aws:iam::<account id>:role/<name>`): {sts}."
        ),
        RoleArnProblem::UnknownPartition => {
            let partition = shapes::parse_arn(value).map_or("", |a| a.partition);
            format!(
                "`{partition}` is not an AWS partition (`aws`, `aws-cn`, `aws-us-gov`, …): {sts}."
            )
        }
        RoleArnProblem::AssumedRole => {
            let role = shapes::role_arn_of_assumed_role(value).unwrap_or_default();
            format!(
                "This is the ARN of an assumed-role session, not of a role: `role_arn` needs \
                 the IAM role itself (`{role}` if the role has no path). {sts}."
            )
        }
        RoleArnProblem::NotIam => {
            let service = shapes::parse_arn(value).map_or("", |a| a.service);
            format!(
                "`role_arn` must be an IAM role ARN (`arn:aws:iam::<account id>:role/<name>`), \
                 not a `{service}` ARN: {sts}."
            )
        }
        RoleArnProblem::HasRegion => {
            let arn = shapes::parse_arn(value)?;
            let fixed = format!(
                "arn:{}:iam::{}:{}",
                arn.partition, arn.account, arn.resource
            );
            return Some(Finding::with_fix(
                format!(
                    "IAM ARNs have no Region: `{}` must not be in a role ARN. {sts}.",
                    arn.region
                ),
                fixed,
            ));
        }
        RoleArnProblem::BadAccount => {
            let arn = shapes::parse_arn(value)?;
            let digits: String = arn
                .account
                .chars()
                .filter(|c| !matches!(c, '-' | ' '))
                .collect();
            let message = format!(
                "The account id in a role ARN is 12 digits, not `{}`: {sts}.",
                arn.account
            );
            if shapes::is_account_id(&digits) {
                let fixed = format!(
                    "arn:{}:{}:{}:{digits}:{}",
                    arn.partition, arn.service, arn.region, arn.resource
                );
                return Some(Finding::with_fix(message, fixed));
            }
            message
        }
        RoleArnProblem::NotARole => {
            let resource = shapes::parse_arn(value).map_or("", |a| a.resource);
            let kind = resource.split('/').next().unwrap_or(resource);
            format!("`role_arn` must name an IAM role (`…:role/<name>`), not a `{kind}`: {sts}.")
        }
        RoleArnProblem::BadRoleName => format!(
            "`{value}` has no valid role name after `role/` (letters, digits and `+=,.@_-`, with \
             `/` between path parts): {sts}."
        ),
    };
    Some(Finding::new(message))
}

fn arn_problem(setting: &Setting, value: &str) -> Option<Finding> {
    if shapes::is_arn(value) {
        return None;
    }
    Some(Finding::new(format!(
        "`{}` takes an ARN (`arn:<partition>:<service>:<region>:<account>:<resource>`), not \
         `{value}`.",
        setting.name
    )))
}

fn mfa_problem(value: &str) -> Option<Finding> {
    if shapes::is_mfa_serial(value) {
        return mfa_arn_account_problem(value);
    }
    let looks_like_code = value.len() <= 8 && value.bytes().all(|b| b.is_ascii_digit());
    let message = if looks_like_code {
        format!(
            "`{value}` looks like an MFA code, not a device: `mfa_serial` takes the device's \
             ARN (`arn:aws:iam::123456789012:mfa/<name>`) or a hardware device's serial \
             number, and the tools ask for the code when they need it."
        )
    } else {
        format!(
            "`{value}` is not an MFA device: use the device's ARN \
             (`arn:aws:iam::123456789012:mfa/<name>`) or a hardware device's serial number. \
             STS rejects the AssumeRole call."
        )
    };
    Some(Finding::new(message))
}

/// An MFA device ARN whose account is not 12 digits (`arn:aws:iam::ACCOUNT_ID:mfa/alice`, a
/// placeholder left in): STS matches the device by its ARN, so the call that needs it fails.
fn mfa_arn_account_problem(value: &str) -> Option<Finding> {
    let arn = shapes::parse_arn(value)?;
    if arn.service != "iam" || shapes::is_account_id(arn.account) {
        return None;
    }
    let message = format!(
        "The account id in an MFA device ARN is 12 digits, not `{}`: no MFA device has this ARN, \
         so STS rejects the calls that need it (AssumeRole, GetSessionToken).",
        arn.account
    );
    let digits: String = arn
        .account
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .collect();
    if shapes::is_account_id(&digits) {
        let fixed = format!(
            "arn:{}:{}:{}:{digits}:{}",
            arn.partition, arn.service, arn.region, arn.resource
        );
        return Some(Finding::with_fix(message, fixed));
    }
    Some(Finding::new(message))
}

fn account_problem(setting: &Setting, value: &str) -> Option<Finding> {
    if shapes::is_account_id(value) {
        return None;
    }
    let key = setting.name;
    let effect = if key == "sso_account_id" {
        "IAM Identity Center rejects the request for role credentials"
    } else {
        "endpoints built from it do not exist"
    };
    let digits: String = value.chars().filter(|c| !matches!(c, '-' | ' ')).collect();
    if shapes::is_account_id(&digits) {
        return Some(Finding::with_fix(
            format!(
                "Write the account id as 12 digits without separators: {} would send `{value}` \
                 as is, and {effect}.",
                readers(setting)
            ),
            digits,
        ));
    }
    let message = if value.bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "`{value}` has {} digits; AWS account ids have 12 (leading zeros count): {effect}.",
            value.len()
        )
    } else {
        format!("`{key}` takes a 12-digit AWS account id, not `{value}`: {effect}.")
    };
    Some(Finding::new(message))
}

fn url_problem(setting: &Setting, value: &str, https_only: bool) -> Option<Finding> {
    let problem = shapes::check_url(value, https_only).err()?;
    let key = setting.name;
    let start_url = key == "sso_start_url";
    let example = if start_url {
        "`https://my-org.awsapps.com/start`"
    } else {
        "`https://example.com` or `http://localhost:9000`"
    };
    Some(match problem {
        UrlProblem::NoScheme if https_only => Finding::with_fix(
            format!(
                "`{key}` takes a full URL starting with `https://`, such as {example}: the SDKs \
                 cannot use `{value}`."
            ),
            format!("https://{value}"),
        ),
        UrlProblem::NoScheme => Finding::new(format!(
            "`{value}` has no `http://` or `https://`: botocore and the AWS CLI refuse it and \
             the SDKs cannot build requests with it. Write a full URL such as {example}."
        )),
        UrlProblem::NotHttps => {
            let rest = value.split_once("://").map_or("", |(_, rest)| rest);
            Finding::with_fix(
                format!(
                    "IAM Identity Center start URLs are `https://` URLs: the sign-in fails with \
                     `{value}`."
                ),
                format!("https://{rest}"),
            )
        }
        UrlProblem::BadScheme => Finding::new(format!(
            "`{key}` takes an `http://` or `https://` URL, not `{value}`."
        )),
        UrlProblem::NoHost => Finding::new(format!(
            "`{value}` has no host name: {} cannot send requests to it.",
            readers(setting)
        )),
        UrlProblem::Whitespace => Finding::new(format!(
            "`{key}` is a URL and cannot contain spaces: {} cannot use `{value}`.",
            readers(setting)
        )),
    })
}

fn size_problem(setting: &Setting, value: &str) -> Option<Finding> {
    if shapes::parse_size(value).is_some_and(|n| n > 0) {
        return None;
    }
    Some(Finding::new(format!(
        "`{}` takes a size above 0: bytes (`8388608`) or a whole number with `KB`, `MB`, `GB` \
         or `TB` (`8MB`), not `{value}`. The `aws s3` commands stop with an \
         invalid-configuration error.",
        setting.name
    )))
}

fn rate_problem(setting: &Setting, value: &str) -> Option<Finding> {
    if shapes::parse_rate(value).is_some_and(|n| n > 0) {
        return None;
    }
    Some(Finding::new(format!(
        "`{}` takes a rate above 0: bytes per second (`10485760`), or a size per second in \
         bytes (`50MB/s`) or bits (`100Mb/s`), not `{value}`. The `aws s3` commands stop with \
         an invalid-configuration error.",
        setting.name
    )))
}

#[cfg(test)]
mod tests {
    use crate::lint::test_support::lint;
    use crate::lint::Code;
    use crate::model::FileKind;

    const VALID_CONFIG: &str = include_str!("../../../../../fixtures/valid/config");
    const VALID_CREDENTIALS: &str = include_str!("../../../../../fixtures/valid/credentials");
    const VALID_CONFIG_CRLF: &str = include_str!("../../../../../fixtures/valid/config-crlf");

    fn found(config: &str) -> Vec<(FileKind, usize, String)> {
        lint(config, "").found(Code::InvalidValue)
    }

    fn fixed(config: &str) -> String {
        let run = lint(config, "");
        let d = run.one(Code::InvalidValue);
        run.apply(d, 0)[0].clone()
    }

    fn message(config: &str) -> String {
        lint(config, "").one(Code::InvalidValue).message.clone()
    }

    #[test]
    fn enum_case_and_typos() {
        assert_eq!(
            found("[default]\noutput = JSON\n"),
            [(FileKind::Config, 2, "JSON".to_string())]
        );
        assert_eq!(
            fixed("[default]\noutput = JSON\n"),
            "[default]\noutput = json\n"
        );
        assert!(message("[default]\noutput = JSON\n").contains("case-sensitive"));
        assert_eq!(
            fixed("[default]\nretry_mode = adaptiv\n"),
            "[default]\nretry_mode = adaptive\n"
        );
        let m = message("[default]\nretry_mode = exponential\n");
        assert!(m.contains("`legacy`, `standard` or `adaptive`"), "{m}");
        assert!(m.contains("panics"), "{m}");
        assert!(lint("[default]\nretry_mode = exponential\n", "")
            .one(Code::InvalidValue)
            .fixes
            .is_empty());
    }

    #[test]
    fn credential_source_case_is_a_botocore_error() {
        let config = "[profile ci]\nrole_arn = arn:aws:iam::123456789012:role/CI\ncredential_source = ec2instancemetadata\n";
        assert_eq!(
            found(config),
            [(FileKind::Config, 3, "ec2instancemetadata".to_string())]
        );
        assert!(message(config).contains("AWS SDK for Rust ignores the case"));
        assert!(fixed(config).ends_with("credential_source = Ec2InstanceMetadata\n"));
    }

    #[test]
    fn case_insensitive_enums_and_booleans_pass() {
        let config = "[default]\nec2_metadata_service_endpoint_mode = ipv6\nuse_fips_endpoint = TRUE\nuse_dualstack_endpoint = False\nendpoint_discovery_enabled = AUTO\n";
        assert_eq!(found(config), []);
    }

    /// `retry_mode = legacy`: botocore's, and the AWS SDK for Rust refuses it (aws-config
    /// panics; `server/sts/tests/sdk_values.rs`).
    #[test]
    fn a_value_the_rust_sdk_refuses() {
        let config = "[default]\nretry_mode = legacy\n";
        assert_eq!(found(config), [(FileKind::Config, 2, "legacy".to_string())]);
        let text = message(config);
        assert!(
            text.starts_with("Only botocore and the AWS CLI take `legacy`"),
            "{text}"
        );
        assert!(text.contains("panics while loading"), "{text}");
        assert!(text.contains("Use `standard` or `adaptive`"), "{text}");
        // No fix: any other value changes what botocore does.
        assert!(lint(config, "").one(Code::InvalidValue).fixes.is_empty());
        let config = "[default]\nretry_mode = Legacy\n";
        assert!(message(config).contains(
            "take only `legacy`, and the AWS SDK for Rust does not accept it in any case"
        ));
        assert_eq!(found("[default]\nretry_mode = standard\n"), []);
    }

    /// botocore and the AWS SDK for Rust lower-case these before they compare them
    /// (`tests/readers/catalogue.rs` checks botocore): an error here was a false alarm.
    #[test]
    fn values_read_in_any_case_pass() {
        let config = "[default]\nrequest_checksum_calculation = WHEN_REQUIRED\nresponse_checksum_validation = When_Supported\naccount_id_endpoint_mode = Disabled\ndefaults_mode = Standard\n";
        assert_eq!(found(config), []);
    }

    /// botocore checks this one whenever it creates a client (`tests/readers/catalogue.rs`).
    #[test]
    fn a_boolean_botocore_refuses_says_so() {
        let text = message("[default]\ns3_disable_express_session_auth = yes\n");
        assert!(
            text.contains("botocore raises InvalidConfigError whenever it creates a client"),
            "{text}"
        );
        let text = message("[default]\ns3_disable_multiregion_access_points = yes\n");
        assert!(
            !text.contains("botocore"),
            "botocore does not read it here: {text}"
        );
    }

    #[test]
    fn booleans() {
        let config = "[default]\nuse_fips_endpoint = yes\n";
        assert_eq!(found(config), [(FileKind::Config, 2, "yes".to_string())]);
        assert_eq!(fixed(config), "[default]\nuse_fips_endpoint = true\n");
        assert!(message(config).contains(
            "the AWS SDK for Rust ignores the setting, and botocore and the AWS CLI take anything but `true` as false"
        ));
        let run = lint("[default]\ntcp_keepalive = maybe\n", "");
        let d = run.one(Code::InvalidValue);
        assert!(d.fixes.is_empty());
        assert!(!d.message.contains("SDK for Rust"), "{}", d.message);
    }

    #[test]
    fn integers_and_ranges() {
        let config = "[profile a]\nduration_seconds = 86400\nmax_attempts = 0\nmetadata_service_timeout = 1s\nrequest_min_compression_size_bytes = 10485761\n";
        assert_eq!(
            found(config),
            [
                (FileKind::Config, 2, "86400".to_string()),
                (FileKind::Config, 3, "0".to_string()),
                (FileKind::Config, 4, "1s".to_string()),
                (FileKind::Config, 5, "10485761".to_string()),
            ]
        );
        let run = lint(config, "");
        let ds = run.of(Code::InvalidValue);
        assert!(ds[0].message.contains("900 to 43200"), "{}", ds[0].message);
        assert!(ds[1].message.contains("at least 1"), "{}", ds[1].message);
        assert!(ds[2].message.contains("whole number"), "{}", ds[2].message);
        assert_eq!(
            found("[profile a]\nduration_seconds = 900\nmax_attempts = 10\ncsm_port = 31000\n"),
            []
        );
    }

    #[test]
    fn role_arns() {
        let cases = [
            ("Deploy", "full ARN"),
            (
                "arn:aws:sts::123456789012:assumed-role/Deploy/alice",
                "arn:aws:iam::123456789012:role/Deploy",
            ),
            ("arn:aws:iam::123456789012:user/alice", "not a `user`"),
            ("arn:aws:s3:::bucket", "not a `s3` ARN"),
            ("arn:aws:iam::12345678901:role/x", "12 digits"),
            (
                "arn:amazon:iam::123456789012:role/x",
                "not an AWS partition",
            ),
        ];
        for (value, expected) in cases {
            let config =
                format!("[profile a]\nrole_arn = {value}\nsource_profile = b\n[profile b]\n");
            assert_eq!(found(&config), [(FileKind::Config, 2, value.to_string())]);
            let m = message(&config);
            assert!(m.contains(expected), "{value}: {m}");
        }
        let config = "[profile a]\nrole_arn = arn:aws:iam:us-east-1:123456789012:role/x\n";
        assert_eq!(
            fixed(config),
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
        );
        let config = "[profile a]\nrole_arn = arn:aws:iam::1234-5678-9012:role/x\n";
        assert_eq!(
            fixed(config),
            "[profile a]\nrole_arn = arn:aws:iam::123456789012:role/x\n"
        );
    }

    #[test]
    fn mfa_and_accounts() {
        let config = "[profile a]\nmfa_serial = 123456\nsso_account_id = 1111-2222-3333\naws_account_id = 12345678901\n";
        assert_eq!(
            found(config),
            [
                (FileKind::Config, 2, "123456".to_string()),
                (FileKind::Config, 3, "1111-2222-3333".to_string()),
                (FileKind::Config, 4, "12345678901".to_string()),
            ]
        );
        let run = lint(config, "");
        let ds = run.of(Code::InvalidValue);
        assert!(ds[0].message.contains("MFA code"), "{}", ds[0].message);
        assert!(run.apply(ds[1], 0)[0].contains("sso_account_id = 111122223333\n"));
        assert!(ds[2].message.contains("11 digits"), "{}", ds[2].message);
        assert_eq!(
            found("[profile a]\nmfa_serial = GAHT12345678\nsso_account_id = 012345678901\n"),
            []
        );
    }

    #[test]
    fn numbers_botocore_converts_for_every_client() {
        let run = lint(
            "[default]\nmetadata_service_timeout=20,\nmax_attempts = three\n",
            "",
        );
        let ds = run.of(Code::InvalidValue);
        assert!(
            ds[0]
                .message
                .contains("botocore raises ValueError whenever it creates a client"),
            "{}",
            ds[0].message
        );
        assert!(
            ds[1].message.contains("AWS SDK for Rust panics")
                && ds[1].message.contains("ValueError"),
            "{}",
            ds[1].message
        );
    }

    #[test]
    fn placeholder_account_in_an_mfa_device_arn() {
        let config = "[profile a]\nmfa_serial = arn:aws:iam::BILLING_ACCOUNTID:mfa/user1\n[profile b]\nmfa_serial = arn:aws:iam::1234-5678-9012:mfa/bob\n[profile c]\nmfa_serial = arn:aws:iam::123456789012:mfa/carol\n";
        assert_eq!(
            found(config),
            [
                (
                    FileKind::Config,
                    2,
                    "arn:aws:iam::BILLING_ACCOUNTID:mfa/user1".to_string()
                ),
                (
                    FileKind::Config,
                    4,
                    "arn:aws:iam::1234-5678-9012:mfa/bob".to_string()
                ),
            ]
        );
        let run = lint(config, "");
        let ds = run.of(Code::InvalidValue);
        assert!(
            ds[0].message.contains("12 digits, not `BILLING_ACCOUNTID`"),
            "{}",
            ds[0].message
        );
        assert!(ds[0].fixes.is_empty());
        assert!(run.apply(ds[1], 0)[0].contains("mfa_serial = arn:aws:iam::123456789012:mfa/bob\n"));
        // A profile that talks to another service gets no AWS-shape checks.
        let config = "[profile m]\nendpoint_url = http://localhost:4566\nmfa_serial = arn:aws:iam::ACCOUNT:mfa/x\n";
        assert_eq!(found(config), []);
    }

    #[test]
    fn urls() {
        let config = "[sso-session s]\nsso_start_url = acme.awsapps.com/start\n";
        assert_eq!(
            found(config),
            [(FileKind::Config, 2, "acme.awsapps.com/start".to_string())]
        );
        assert_eq!(
            fixed(config),
            "[sso-session s]\nsso_start_url = https://acme.awsapps.com/start\n"
        );
        assert_eq!(
            fixed("[sso-session s]\nsso_start_url = http://acme.awsapps.com/start\n"),
            "[sso-session s]\nsso_start_url = https://acme.awsapps.com/start\n"
        );
        let config = "[default]\nendpoint_url = localhost:4566\nec2_metadata_service_endpoint = http://169.254.169.254\n";
        assert_eq!(
            found(config),
            [(FileKind::Config, 2, "localhost:4566".to_string())]
        );
        assert!(lint(config, "").one(Code::InvalidValue).fixes.is_empty());
    }

    #[test]
    fn s3_sub_values() {
        let config = "[profile a]\ns3 =\n  max_concurrent_requests = 0\n  multipart_threshold = 64 megs\n  max_bandwidth = 50MB\n  addressing_style = Path\n  use_accelerate_endpoint = true\n  multipart_chunksize = 16MB\n  Max_Queue_Size = lots\n";
        assert_eq!(
            found(config),
            [
                (FileKind::Config, 3, "0".to_string()),
                (FileKind::Config, 4, "64 megs".to_string()),
                (FileKind::Config, 5, "50MB".to_string()),
                (FileKind::Config, 6, "Path".to_string()),
            ]
        );
        let run = lint(config, "");
        let ds = run.of(Code::InvalidValue);
        assert!(run.apply(ds[3], 0)[0].contains("\n  addressing_style = path\n"));
    }

    #[test]
    fn near_misses_stay_quiet() {
        let config = "[profile minio]\nendpoint_url = http://localhost:9000\nrole_arn = minio-role\nregion = us-east-1\n\
[profile q]\noutput = \"JSON\"\nduration_seconds =\nrole_arn = arn:aws:iam::123456789012:role/x\n  continued\n\
[staging]\noutput = JSON\n\
[profile tools]\nx_principal_arn = not-an-arn\nsso_auto_populated = maybe\n\
[sso-session s]\nregion = nowhere\n";
        assert_eq!(found(config), []);
    }

    #[test]
    fn realistic_files_are_clean() {
        let run = lint(VALID_CONFIG, VALID_CREDENTIALS);
        assert_eq!(run.found(Code::InvalidValue), []);
        let run = lint(VALID_CONFIG_CRLF, VALID_CREDENTIALS);
        assert_eq!(run.found(Code::InvalidValue), []);
    }
}
