//! The SDK side: credentials through aws-config's profile provider, then GetCallerIdentity.

use crate::diagnose::{self, Knowledge, Problem, Step};
use crate::{mask_key_id, CredentialFacts, Identity, KeyKind, Outcome, Request};
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::{ProfileFileCredentialsProvider, ProfileFileRegionProvider};
use aws_config::provider_config::ProviderConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region};
use aws_credential_types::provider::{error::CredentialsError, ProvideCredentials};
use aws_credential_types::Credentials;
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_sts::operation::assume_role::AssumeRoleError;
use aws_sdk_sts::operation::assume_role_with_web_identity::AssumeRoleWithWebIdentityError;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use std::error::Error as StdError;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Validates the profile. Never panics on what the files or the server say; a whole-call
/// timeout bounds everything (the future may also simply be dropped to cancel it).
pub async fn validate(request: &Request) -> Outcome {
    let knowledge = Knowledge::from_texts(&request.config, &request.credentials, &request.profile);
    let seen = Seen::default();
    let run = run(request, &knowledge, seen.clone());
    let result = match tokio::time::timeout(request.timeouts.total, run).await {
        Ok(outcome) => return outcome,
        Err(_) => Err(Problem::Timeout {
            step: seen.step(),
            after: request.timeouts.total,
        }),
    };
    finish(request, &knowledge, &seen, None, result)
}

/// What was observed on the way: the step under way, the endpoint, the last `Date`.
#[derive(Clone, Default, Debug)]
struct Seen(Arc<Mutex<SeenInner>>);

#[derive(Default, Debug)]
struct SeenInner {
    step: Option<Step>,
    endpoint: Option<String>,
    region: Option<String>,
    /// Server minus local time of the last response with a `Date` header.
    offset: Option<i64>,
}

impl Seen {
    fn lock(&self) -> std::sync::MutexGuard<'_, SeenInner> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
    fn step(&self) -> Step {
        self.lock().step.clone().unwrap_or(Step::Credentials)
    }
    fn set_step(&self, step: Step) {
        self.lock().step = Some(step);
    }
    fn date(&self, date: &str) {
        if let Some(offset) = offset_from_date(date) {
            self.lock().offset = Some(offset);
        }
    }
}

fn offset_from_date(date: &str) -> Option<i64> {
    let server = aws_smithy_types::DateTime::from_str(
        date.trim(),
        aws_smithy_types::date_time::Format::HttpDate,
    )
    .ok()?;
    Some(server.secs() - unix_now())
}

/// Records where GetCallerIdentity goes and the `Date` of its answer.
#[derive(Debug)]
struct Recorder(Seen);

impl Intercept for Recorder {
    fn name(&self) -> &'static str {
        "aws-config-lsp-recorder"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let uri = context.request().uri();
        // Only scheme, host and port: never a query string.
        let endpoint = match uri.find("://") {
            Some(i) => {
                let rest = &uri[i + 3..];
                let end = rest.find(['/', '?']).unwrap_or(rest.len());
                format!("{}{}", &uri[..i + 3], &rest[..end])
            }
            None => uri.to_string(),
        };
        self.0.lock().endpoint = Some(endpoint);
        Ok(())
    }

    fn read_after_transmit(
        &self,
        context: &BeforeDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(date) = context.response().headers().get("date") {
            self.0.date(date);
        }
        Ok(())
    }
}

async fn run(request: &Request, knowledge: &Knowledge, seen: Seen) -> Outcome {
    let files = {
        let mut builder = EnvConfigFiles::builder();
        builder = builder.with_contents(EnvConfigFileKind::Config, request.config.clone());
        builder =
            builder.with_contents(EnvConfigFileKind::Credentials, request.credentials.clone());
        builder.build()
    };
    let http = aws_smithy_http_client::Builder::new()
        .tls_provider(aws_smithy_http_client::tls::Provider::Rustls(
            aws_smithy_http_client::tls::rustls_provider::CryptoMode::Ring,
        ))
        .build_https();
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(request.timeouts.connect)
        .operation_timeout(request.timeouts.total)
        .build();
    // One attempt: a validation reports what happened, it does not hide it behind retries.
    let retry = RetryConfig::disabled();
    let base = ProviderConfig::without_region()
        .with_http_client(http.clone())
        .with_timeout_config(timeouts.clone())
        .with_retry_config(retry.clone());
    // The SDK's region chain without its last link (the instance metadata service, a
    // network call nobody asked for): environment, profile, then us-east-1.
    let region = RegionProviderChain::first_try(
        aws_config::environment::region::EnvironmentVariableRegionProvider::new(),
    )
    .or_else(
        ProfileFileRegionProvider::builder()
            .configure(&base)
            .profile_files(files.clone())
            .profile_name(&request.profile)
            .build(),
    )
    .or_else(Region::from_static("us-east-1"));
    let region = aws_config::meta::region::ProvideRegion::region(&region)
        .await
        .unwrap_or_else(|| Region::from_static("us-east-1"));
    seen.lock().region = Some(region.to_string());
    let provider_config = base.with_region(Some(region.clone()));
    let provider = ProfileFileCredentialsProvider::builder()
        .configure(&provider_config)
        .profile_files(files.clone())
        .profile_name(&request.profile)
        .build();

    seen.set_step(match knowledge.roles.first() {
        Some((profile, role_arn)) => Step::AssumeRole {
            profile: profile.clone(),
            role_arn: role_arn.clone(),
        },
        None => Step::Credentials,
    });
    let credentials = match provider.provide_credentials().await {
        Ok(credentials) => credentials,
        Err(error) => {
            let problem = credentials_problem(&error, knowledge, &seen);
            return finish(request, knowledge, &seen, None, Err(problem));
        }
    };
    let facts = facts(&credentials);

    let sdk_config = aws_config::defaults(BehaviorVersion::latest())
        .profile_files(files)
        .profile_name(&request.profile)
        .region(region)
        .credentials_provider(credentials)
        .http_client(http)
        .timeout_config(timeouts)
        .retry_config(retry)
        .load()
        .await;
    let config = aws_sdk_sts::config::Builder::from(&sdk_config)
        .interceptor(Recorder(seen.clone()))
        .build();
    let client = aws_sdk_sts::Client::from_conf(config);
    seen.set_step(Step::GetCallerIdentity);
    let result = match client.get_caller_identity().send().await {
        Ok(output) => Ok(Identity {
            arn: output.arn().unwrap_or_default().to_string(),
            account: output.account().unwrap_or_default().to_string(),
            user_id: output.user_id().unwrap_or_default().to_string(),
        }),
        Err(error) => Err(sdk_problem(&error, Step::GetCallerIdentity, &seen)),
    };
    finish(request, knowledge, &seen, Some(facts), result)
}

fn finish(
    request: &Request,
    knowledge: &Knowledge,
    seen: &Seen,
    facts: Option<CredentialFacts>,
    result: Result<Identity, Problem>,
) -> Outcome {
    let (endpoint, region, offset) = {
        let s = seen.lock();
        (s.endpoint.clone(), s.region.clone(), s.offset)
    };
    let result = result.map_err(|problem| {
        // The SDK's operation timeout is the whole timeout: say how long it was.
        let problem = match problem {
            Problem::Timeout { step, after } if after.is_zero() => Problem::Timeout {
                step,
                after: request.timeouts.total,
            },
            other => other,
        };
        diagnose::diagnose(knowledge, facts.as_ref(), problem, offset, &endpoint)
    });
    Outcome {
        profile: request.profile.clone(),
        region,
        endpoint,
        credentials: facts,
        clock_offset_secs: offset,
        checked_at: unix_now(),
        result,
    }
}

fn facts(credentials: &Credentials) -> CredentialFacts {
    let id = credentials.access_key_id();
    CredentialFacts {
        access_key_id: mask_key_id(id),
        key_kind: KeyKind::of(id),
        has_session_token: credentials.session_token().is_some(),
        provider: provider_name(credentials),
        expires_at: credentials.expiry().map(|t| {
            t.duration_since(SystemTime::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        }),
    }
}

fn provider_name(credentials: &Credentials) -> String {
    // `Credentials`' Debug shows `provider_name` and masks the secret; take the name only.
    let debug = format!("{credentials:?}");
    debug
        .split("provider_name: \"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("")
        .to_string()
}

/// What a failed SDK call says: the service's code (or the raw body's `<Code>`), a timeout,
/// or a connection that could not be made.
fn sdk_problem<E>(error: &SdkError<E, HttpResponse>, step: Step, seen: &Seen) -> Problem
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    if let Some(raw) = error.raw_response() {
        if let Some(date) = raw.headers().get("date") {
            seen.date(date);
        }
    }
    match error {
        SdkError::ServiceError(context) => {
            let raw = context.raw();
            let body = raw.body().bytes().map(String::from_utf8_lossy);
            let code = context
                .err()
                .code()
                .map(str::to_string)
                .or_else(|| body.as_deref().and_then(|b| xml_tag(b, "Code")));
            let message = context
                .err()
                .message()
                .map(str::to_string)
                .or_else(|| body.as_deref().and_then(|b| xml_tag(b, "Message")));
            Problem::Service {
                step,
                code,
                message,
                status: raw.status().as_u16(),
            }
        }
        SdkError::ResponseError(context) => {
            let raw = context.raw();
            let body = raw.body().bytes().map(String::from_utf8_lossy);
            Problem::Service {
                step,
                code: body.as_deref().and_then(|b| xml_tag(b, "Code")),
                message: body
                    .as_deref()
                    .and_then(|b| xml_tag(b, "Message"))
                    .or_else(|| Some(error_text(error))),
                status: raw.status().as_u16(),
            }
        }
        SdkError::TimeoutError(_) => Problem::Timeout {
            step,
            after: std::time::Duration::ZERO,
        },
        SdkError::DispatchFailure(failure) => match failure.as_connector_error() {
            Some(connector) => connector_problem(connector, step, error),
            None => Problem::Unreachable {
                step,
                message: error_text(error),
                connect_timeout: false,
            },
        },
        _ => Problem::Other {
            step,
            message: error_text(error),
        },
    }
}

fn connector_problem(connector: &ConnectorError, step: Step, whole: &dyn StdError) -> Problem {
    let message = error_text(whole);
    if connector.is_timeout() {
        Problem::Unreachable {
            step,
            message,
            connect_timeout: true,
        }
    } else {
        Problem::Unreachable {
            step,
            message,
            connect_timeout: false,
        }
    }
}

/// A credentials error: the STS answer of a role in the chain when there is one, else what
/// the provider said.
fn credentials_problem(error: &CredentialsError, knowledge: &Knowledge, seen: &Seen) -> Problem {
    let step = seen.step();
    let mut source: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(e) = source {
        if let Some(sdk) = e.downcast_ref::<SdkError<AssumeRoleError, HttpResponse>>() {
            // Which role: the SDK does not say; the first whose call failed is the one
            // whose credentials we did not get. The static chain names them in order, and
            // the error's request (if any) does not carry the role: use the message.
            let step = role_step(sdk, knowledge).unwrap_or(step.clone());
            return sdk_problem(sdk, step, seen);
        }
        if let Some(sdk) =
            e.downcast_ref::<SdkError<AssumeRoleWithWebIdentityError, HttpResponse>>()
        {
            return sdk_problem(sdk, Step::WebIdentity, seen);
        }
        if let Some(connector) = e.downcast_ref::<ConnectorError>() {
            return connector_problem(connector, step, error);
        }
        source = e.source();
    }
    Problem::NoCredentials {
        message: error_text(error),
    }
}

/// The role whose AssumeRole failed. With one role it is that one; with more, the error's
/// message may name the role ARN (AccessDenied does); else the first.
fn role_step(
    error: &SdkError<AssumeRoleError, HttpResponse>,
    knowledge: &Knowledge,
) -> Option<Step> {
    let text = error
        .as_service_error()
        .and_then(|e| e.message())
        .unwrap_or_default()
        .to_string();
    let (profile, role_arn) = knowledge
        .roles
        .iter()
        .rev()
        .find(|(_, arn)| text.contains(arn.as_str()))
        .or_else(|| knowledge.roles.first())?;
    Some(Step::AssumeRole {
        profile: profile.clone(),
        role_arn: role_arn.clone(),
    })
}

/// An error and its sources, each said once: "dispatch failure: io error: tcp connect error:
/// Connection refused (os error 111)". Never the Debug form (it can be long and noisy).
fn error_text(error: &dyn StdError) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(error);
    while let Some(e) = current {
        let text = e.to_string();
        if !text.is_empty() && !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

/// The text of the first `<tag>...</tag>` in an XML body (any envelope), unescaped.
pub(crate) fn xml_tag(body: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find(&close)? + start;
    let text = body[start..end]
        .trim()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_code_from_any_envelope() {
        let ec2 = "<Response><Errors><Error><Code>AuthFailure</Code><Message>a &amp; b</Message></Error></Errors></Response>";
        assert_eq!(xml_tag(ec2, "Code").as_deref(), Some("AuthFailure"));
        assert_eq!(xml_tag(ec2, "Message").as_deref(), Some("a & b"));
        assert_eq!(xml_tag("<Code></Code>", "Code"), None);
        assert_eq!(xml_tag("no xml", "Code"), None);
    }

    #[test]
    fn offsets_come_from_http_dates() {
        let now = unix_now();
        let date = aws_smithy_types::DateTime::from_secs(now + 600)
            .fmt(aws_smithy_types::date_time::Format::HttpDate)
            .unwrap();
        let offset = offset_from_date(&date).unwrap();
        assert!((599..=601).contains(&offset), "{offset}");
        assert_eq!(offset_from_date("yesterday"), None);
    }
}
