//! From what STS (or the network, or the credential provider) said to a precise diagnosis,
//! using what the files show: the key's kind, a session token, SSO, the role chain.

use crate::{
    describe_offset, mask_key_id, Code, CredentialFacts, Failure, KeyKind, CLOCK_SKEW_LIMIT_SECS,
};
use aws_config_lsp_core::chain::{resolve_chain, BaseProvider};
use aws_config_lsp_core::{Input, Model};
use std::time::Duration;

/// What the files say about the profile, without secrets.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Knowledge {
    pub profile: String,
    /// The profile that holds the base credentials (the profile itself without a chain).
    pub base_profile: String,
    pub base: Base,
    /// Roles assumed in order: (profile, role_arn).
    pub roles: Vec<(String, String)>,
    /// The SDK's own message when the chain cannot be resolved from the files.
    pub chain_error: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Base {
    #[default]
    Unknown,
    AccessKey {
        key_id: String,
        kind: KeyKind,
        has_token: bool,
    },
    Sso,
    WebIdentity,
    Process,
    /// `credential_source = ...`
    Source(String),
    Login,
}

impl Knowledge {
    /// Reads the texts as the SDK would (config first, then credentials).
    pub fn from_texts(config: &str, credentials: &str, profile: &str) -> Knowledge {
        let model = Model::build(&[Input::config(config), Input::credentials(credentials)]);
        let mut knowledge = Knowledge {
            profile: profile.to_string(),
            base_profile: profile.to_string(),
            ..Knowledge::default()
        };
        match resolve_chain(&model.profiles, profile) {
            Ok(chain) => {
                knowledge.base_profile = chain.base.profile().to_string();
                knowledge.base = match &chain.base {
                    BaseProvider::AccessKey {
                        access_key_id,
                        session_token,
                        ..
                    } => Base::AccessKey {
                        key_id: access_key_id.trim().to_string(),
                        kind: KeyKind::of(access_key_id.trim()),
                        has_token: session_token.is_some_and(|t| !t.trim().is_empty()),
                    },
                    BaseProvider::Sso { .. } => Base::Sso,
                    BaseProvider::WebIdentityToken { .. } => Base::WebIdentity,
                    BaseProvider::CredentialProcess { .. } => Base::Process,
                    BaseProvider::NamedSource { name, .. } => Base::Source(name.to_string()),
                    BaseProvider::LoginSession { .. } => Base::Login,
                };
                knowledge.roles = chain
                    .roles
                    .iter()
                    .map(|r| (r.profile.to_string(), r.role_arn.to_string()))
                    .collect();
            }
            Err(error) => knowledge.chain_error = Some(error.to_string()),
        }
        knowledge
    }

    fn key(&self) -> Option<(&str, KeyKind, bool)> {
        match &self.base {
            Base::AccessKey {
                key_id,
                kind,
                has_token,
            } => Some((key_id, *kind, *has_token)),
            _ => None,
        }
    }

    fn sso_login(&self) -> String {
        format!("run `aws sso login --profile {}`", self.profile)
    }
}

/// The step that failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Credentials,
    AssumeRole { profile: String, role_arn: String },
    WebIdentity,
    GetCallerIdentity,
}

impl Step {
    fn describe(&self) -> String {
        match self {
            Step::Credentials => "Credential resolution".to_string(),
            Step::AssumeRole { role_arn, .. } => format!("AssumeRole {role_arn}"),
            Step::WebIdentity => "AssumeRoleWithWebIdentity".to_string(),
            Step::GetCallerIdentity => "GetCallerIdentity".to_string(),
        }
    }
}

/// What went wrong, before diagnosis.
#[derive(Debug)]
pub enum Problem {
    Service {
        step: Step,
        code: Option<String>,
        message: Option<String>,
        status: u16,
    },
    Unreachable {
        step: Step,
        message: String,
        connect_timeout: bool,
    },
    Timeout {
        step: Step,
        after: Duration,
    },
    NoCredentials {
        message: String,
    },
    Other {
        step: Step,
        message: String,
    },
}

fn code_of(service_code: &str) -> Code {
    match service_code {
        "InvalidClientTokenId"
        | "UnrecognizedClientException"
        | "InvalidAccessKeyId"
        | "AuthFailure" => Code::InvalidClientTokenId,
        "SignatureDoesNotMatch" | "IncompleteSignature" | "InvalidSignatureException" => {
            Code::SignatureDoesNotMatch
        }
        "ExpiredToken" | "ExpiredTokenException" | "TokenRefreshRequired" => Code::ExpiredToken,
        "AccessDenied" | "AccessDeniedException" => Code::AccessDenied,
        "RequestExpired" | "RequestTimeTooSkewed" => Code::ClockSkew,
        _ => Code::Error,
    }
}

/// The diagnosis of a problem, its causes ranked with what the files say.
pub fn diagnose(
    k: &Knowledge,
    facts: Option<&CredentialFacts>,
    problem: Problem,
    offset: Option<i64>,
    endpoint: &Option<String>,
) -> Failure {
    let skewed = offset.is_some_and(|o| o.abs() >= CLOCK_SKEW_LIMIT_SECS);
    let where_ = endpoint.as_deref().unwrap_or("the STS endpoint");
    match problem {
        Problem::Service {
            step,
            code,
            message,
            status,
        } => {
            let service_code = code.clone();
            let mut kind = code.as_deref().map_or(Code::Error, code_of);
            let expired_signature = message.as_deref().is_some_and(|m| {
                m.contains("Signature expired") || m.contains("Signature not yet current")
            });
            if (kind == Code::SignatureDoesNotMatch && (skewed || expired_signature))
                || (kind == Code::Error && skewed)
            {
                kind = Code::ClockSkew;
            }
            let mut failure = Failure {
                code: kind,
                summary: String::new(),
                step: step.describe(),
                service_code,
                service_message: message,
                causes: Vec::new(),
                fix: None,
                at: None,
            };
            service_diagnosis(k, facts, &step, status, offset, &mut failure);
            failure
        }
        Problem::Unreachable {
            step,
            message,
            connect_timeout,
        } => Failure {
            code: Code::Unreachable,
            summary: if connect_timeout {
                format!("Could not check: no connection to {where_} within the connect timeout")
            } else {
                format!("Could not check: cannot reach {where_}")
            },
            step: step.describe(),
            service_code: None,
            service_message: Some(message),
            causes: vec![
                "no network, or a firewall or proxy that blocks it (HTTPS_PROXY and NO_PROXY are honoured)".to_string(),
                "a wrong `endpoint_url` (or AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS) for this profile".to_string(),
                "a region that has no STS endpoint, or a typo in `region`".to_string(),
            ],
            fix: Some(format!("check that {where_} is reachable from this machine; the profile itself was not judged")),
            at: None,
        },
        Problem::Timeout { step, after } => Failure {
            code: Code::Timeout,
            summary: if after.is_zero() {
                format!("Could not check: {} did not answer in time", step.describe())
            } else {
                format!(
                    "Could not check: no answer within {} s ({} was under way)",
                    after.as_secs_f64(),
                    step.describe()
                )
            },
            step: step.describe(),
            service_code: None,
            service_message: None,
            causes: vec![
                "a slow or filtered network path to STS".to_string(),
                "a `credential_process` or an SSO call that hangs".to_string(),
            ],
            fix: Some("try again, or raise the timeout (`--timeout`, or awsConfigLsp.sts.timeoutSeconds in the editor)".to_string()),
            at: None,
        },
        Problem::NoCredentials { message } => no_credentials(k, message),
        Problem::Other { step, message } => Failure {
            code: Code::Error,
            summary: format!("Could not check: {} failed", step.describe()),
            step: step.describe(),
            service_code: None,
            service_message: Some(message),
            causes: Vec::new(),
            fix: None,
            at: None,
        },
    }
}

fn no_credentials(k: &Knowledge, message: String) -> Failure {
    let mut causes = Vec::new();
    let mut fix = None;
    let mut at = None;
    let lower = message.to_ascii_lowercase();
    if let Some(error) = &k.chain_error {
        causes.push(format!(
            "the files do not give this profile credentials: {error}"
        ));
    }
    match &k.base {
        Base::Sso => {
            if lower.contains("expired") {
                causes.insert(0, "the cached SSO token has expired".to_string());
            } else {
                causes.insert(0, "no cached SSO token: this machine has not logged in to the SSO session, or the login expired".to_string());
            }
            fix = Some(k.sso_login());
        }
        Base::Process => {
            causes.insert(0, "the `credential_process` command failed or printed something that is not the credentials JSON".to_string());
            fix = Some("run the command by hand and fix what it reports".to_string());
            at = Some((k.base_profile.clone(), "credential_process".to_string()));
        }
        Base::WebIdentity => {
            causes.insert(
                0,
                "the `web_identity_token_file` cannot be read, or its token was refused"
                    .to_string(),
            );
            fix = Some("check that the token file exists and holds a current token (the platform, e.g. EKS or a CI system, writes and renews it)".to_string());
            at = Some((
                k.base_profile.clone(),
                "web_identity_token_file".to_string(),
            ));
        }
        Base::Source(name) => {
            causes.insert(
                0,
                format!("`credential_source = {name}` found no credentials in this environment"),
            );
            fix = Some(match name.as_str() {
                "Environment" => "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY where this runs, or use `source_profile` instead".to_string(),
                _ => format!("`credential_source = {name}` works only on that platform: use `source_profile` elsewhere"),
            });
        }
        _ => {}
    }
    if causes.is_empty() {
        causes.push("the profile has no credentials of its own and no role to assume".to_string());
    }
    Failure {
        code: Code::NoCredentials,
        summary: format!("Invalid: profile '{}' gives no credentials", k.profile),
        step: "Credential resolution".to_string(),
        service_code: None,
        service_message: Some(message),
        causes,
        fix,
        at,
    }
}

/// Whose credentials were sent at `step`: the base profile's for the first call, the
/// previous role's after that.
fn sender(k: &Knowledge, step: &Step) -> Sender {
    match step {
        Step::AssumeRole { role_arn, .. } => {
            match k.roles.iter().position(|(_, arn)| arn == role_arn) {
                Some(0) | None => Sender::Base,
                Some(i) => Sender::Role(k.roles[i - 1].1.clone()),
            }
        }
        Step::GetCallerIdentity if !k.roles.is_empty() => {
            Sender::Role(k.roles.last().map(|r| r.1.clone()).unwrap_or_default())
        }
        _ => Sender::Base,
    }
}

enum Sender {
    Base,
    Role(String),
}

fn service_diagnosis(
    k: &Knowledge,
    facts: Option<&CredentialFacts>,
    step: &Step,
    status: u16,
    offset: Option<i64>,
    f: &mut Failure,
) {
    let from_base = matches!(sender(k, step), Sender::Base);
    // The key as sent: from the files when the base sent it, else from what was resolved.
    let (key_text, kind, token) = match (k.key(), facts) {
        (Some((id, kind, token)), _) if from_base => (mask_key_id(id), kind, token),
        (_, Some(facts)) => (
            facts.access_key_id.clone(),
            facts.key_kind,
            facts.has_session_token,
        ),
        _ => ("?".to_string(), KeyKind::Other, false),
    };
    let base_key = from_base && k.key().is_some();
    let sso = from_base && k.base == Base::Sso;
    let p = &k.base_profile;
    let code_text = f
        .service_code
        .clone()
        .unwrap_or_else(|| format!("HTTP {status}"));
    let at_key = |key: &str| base_key.then(|| (p.clone(), key.to_string()));
    match f.code {
        Code::InvalidClientTokenId => {
            f.summary =
                format!("Invalid: STS does not accept the access key {key_text} ({code_text})");
            if sso {
                f.causes.push(
                    "the SSO role credentials were revoked or the SSO session ended".to_string(),
                );
                f.fix = Some(k.sso_login());
            } else if kind == KeyKind::LongTerm && token {
                f.causes.push(format!("an AKIA key is a long-term IAM user key and takes no session token, but profile '{p}' sends one: STS then rejects the key"));
                f.causes
                    .push("the key was deleted or deactivated".to_string());
                f.fix = Some(format!("remove `aws_session_token` from profile '{p}' (or use the ASIA key that goes with that token)"));
                f.at = at_key("aws_session_token");
            } else if kind == KeyKind::Temporary {
                f.causes
                    .push("temporary (ASIA) credentials that expired or were revoked".to_string());
                if !token {
                    f.causes.insert(
                        0,
                        format!(
                            "an ASIA key needs its `aws_session_token`, and profile '{p}' has none"
                        ),
                    );
                } else {
                    f.causes
                        .push("the session token belongs to other credentials".to_string());
                }
                f.fix = Some("get new temporary credentials from whatever issued them (they cannot be renewed)".to_string());
                f.at = at_key("aws_access_key_id");
            } else {
                f.causes
                    .push("the key was deleted or deactivated in IAM".to_string());
                f.causes.push("the key id is mistyped, or belongs to another partition (aws-cn, aws-us-gov) than the endpoint".to_string());
                f.fix = Some(format!("create a new access key for the user (IAM console, or `aws iam create-access-key` from a working identity) and put it in profile '{p}'"));
                f.at = at_key("aws_access_key_id");
            }
        }
        Code::SignatureDoesNotMatch => {
            f.summary = format!(
                "Invalid: the secret access key does not belong to the access key {key_text} ({code_text})"
            );
            f.causes.push(format!(
                "the secret in profile '{p}' is mistyped or belongs to another key"
            ));
            f.causes.push(
                "the secret was cut short or has extra characters when it was pasted".to_string(),
            );
            if let Some(o) = offset {
                if o.abs() >= 60 {
                    f.causes.push(format!(
                        "this machine's clock is {} the server's",
                        describe_offset(o)
                    ));
                }
            }
            f.fix = Some(format!("paste the secret access key that was issued with {key_text} into profile '{p}', or create a new key pair"));
            f.at = at_key("aws_secret_access_key");
        }
        Code::ExpiredToken => {
            f.summary =
                format!("Invalid: the session token of {key_text} has expired ({code_text})");
            if sso {
                f.causes
                    .push("the SSO role credentials have expired".to_string());
                f.fix = Some(k.sso_login());
            } else if base_key {
                f.causes.push(format!("the temporary credentials in profile '{p}' have expired: temporary credentials cannot be renewed"));
                f.fix = Some(format!("get new temporary credentials and replace the key, secret and token of profile '{p}' (or let a role chain or `credential_process` issue them)"));
                f.at = at_key("aws_session_token");
            } else {
                f.causes.push(
                    "the credentials the chain obtained expired before they were used".to_string(),
                );
                f.fix = Some("check the machine's clock and try again".to_string());
            }
        }
        Code::AccessDenied => match step {
            Step::AssumeRole { profile, role_arn } => {
                f.summary = format!("Invalid: not allowed to assume {role_arn} ({code_text})");
                f.causes.push(format!("the role's trust policy does not name the identity that asks (the credentials of {})", match sender(k, step) { Sender::Base => format!("profile '{}'", k.base_profile), Sender::Role(arn) => arn }));
                f.causes.push(
                    "that identity has no `sts:AssumeRole` permission on the role".to_string(),
                );
                f.causes.push(
                    "the role requires an `external_id` or MFA that the profile does not give"
                        .to_string(),
                );
                f.fix = Some("add the caller's ARN to the role's trust policy, or use a source profile that the role trusts".to_string());
                f.at = Some((profile.clone(), "role_arn".to_string()));
            }
            _ => {
                f.summary = format!("Invalid: access denied ({code_text})");
                f.causes.push("GetCallerIdentity needs no permission: an explicit deny, or the credentials were revoked".to_string());
            }
        },
        Code::ClockSkew => {
            let off = offset.map(describe_offset);
            f.summary = match &off {
                Some(off) => format!("Invalid: this machine's clock is {off} AWS's: the signature was refused ({code_text})"),
                None => format!("Invalid: the request's signature time was refused: the clock is off ({code_text})"),
            };
            f.causes.push(
                "the local clock is wrong (AWS accepts at most 5 minutes of difference)"
                    .to_string(),
            );
            f.fix = Some("synchronise the clock (e.g. `timedatectl set-ntp true`, or the system's date and time settings)".to_string());
        }
        _ => {
            f.summary = format!("Could not check: {} answered {code_text}", f.step);
            if status == 429 || f.service_code.as_deref() == Some("Throttling") {
                f.causes
                    .push("too many requests: try again in a moment".to_string());
            } else if status >= 500 {
                f.causes
                    .push("a problem on the server's side: try again later".to_string());
            }
        }
    }
    if f.summary.is_empty() {
        f.summary = format!("Invalid: {code_text}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(step: Step, code: &str) -> Problem {
        Problem::Service {
            step,
            code: Some(code.to_string()),
            message: Some("msg".to_string()),
            status: 403,
        }
    }

    const CREDS_TOKEN: &str = "[p]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\naws_session_token = t\n";

    #[test]
    fn an_akia_key_with_a_token_is_told_to_drop_the_token() {
        let k = Knowledge::from_texts("", CREDS_TOKEN, "p");
        let f = diagnose(
            &k,
            None,
            service(Step::GetCallerIdentity, "InvalidClientTokenId"),
            Some(0),
            &None,
        );
        assert_eq!(f.code, Code::InvalidClientTokenId);
        assert!(f.causes[0].contains("takes no session token"), "{f:?}");
        assert_eq!(
            f.at,
            Some(("p".to_string(), "aws_session_token".to_string()))
        );
        assert!(f.summary.contains("AKIA************MPLE"));
    }

    #[test]
    fn an_asia_key_means_expired_temporary_credentials_first() {
        let k = Knowledge::from_texts("", "[p]\naws_access_key_id = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\naws_session_token = t\n", "p");
        let f = diagnose(
            &k,
            None,
            service(Step::GetCallerIdentity, "InvalidClientTokenId"),
            None,
            &None,
        );
        assert!(f.causes[0].contains("expired"), "{f:?}");
    }

    #[test]
    fn sso_failures_say_how_to_log_in() {
        let config = "[profile s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = r\n";
        let k = Knowledge::from_texts(config, "", "s");
        let f = diagnose(
            &k,
            None,
            Problem::NoCredentials {
                message: "no token".into(),
            },
            None,
            &None,
        );
        assert_eq!(f.code, Code::NoCredentials);
        assert_eq!(f.fix.as_deref(), Some("run `aws sso login --profile s`"));
    }

    #[test]
    fn a_skewed_clock_turns_a_signature_error_into_clock_skew() {
        let k = Knowledge::from_texts("", CREDS_TOKEN, "p");
        let f = diagnose(
            &k,
            None,
            service(Step::GetCallerIdentity, "SignatureDoesNotMatch"),
            Some(-900),
            &None,
        );
        assert_eq!(f.code, Code::ClockSkew);
        assert!(f.summary.contains("15 min 0 s ahead of"), "{}", f.summary);
    }

    #[test]
    fn access_denied_on_a_role_points_at_the_role() {
        let config =
            "[profile r]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = p\n";
        let k = Knowledge::from_texts(config, CREDS_TOKEN, "r");
        let step = Step::AssumeRole {
            profile: "r".into(),
            role_arn: "arn:aws:iam::123456789012:role/x".into(),
        };
        let f = diagnose(&k, None, service(step, "AccessDenied"), None, &None);
        assert_eq!(f.code, Code::AccessDenied);
        assert_eq!(f.at, Some(("r".to_string(), "role_arn".to_string())));
    }
}
