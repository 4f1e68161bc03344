//! Validation of a profile against AWS STS from the editor: a code action on every profile
//! header, a code lens above each profile, and the command `aws-config-lsp.validateProfile`
//! (argument: the profile name; optionally an object with `timeoutSeconds` and
//! `connectTimeoutSeconds`).
//!
//! The command answers at once and the check runs in the background with `$/progress`; a new
//! check of the same profile, or `window/workDoneProgress/cancel`, cancels it. The answer is a
//! diagnostic on the profile's header (or on the key at fault), information when valid, an
//! error with its `sts-*` code otherwise, and the same in a message. The diagnostic lasts until
//! the text of the profile or of its chain changes.
//!
//! A child module of `server`: it uses the backend's internals directly.

use super::{Backend, Convert};
use crate::lsp::workspace::Analysis;
use aws_config_lsp_core::chain::resolve_chain;
use aws_config_lsp_core::model::SectionKind;
use aws_config_lsp_core::text::{ColumnEncoding, Span};
use aws_config_lsp_core::FileKind;
use aws_config_lsp_sts::{Code, Outcome, Request, Timeouts};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::Client;

pub const VALIDATE_COMMAND: &str = "aws-config-lsp.validateProfile";

/// The state of the checks: results kept for publication, checks under way.
#[derive(Clone, Default)]
pub struct Validations(Arc<Mutex<State>>);

#[derive(Default)]
struct State {
    /// Whether the client creates progress tokens on request.
    progress: bool,
    /// From the settings `awsConfigLsp.sts.timeoutSeconds` and `connectTimeoutSeconds`.
    timeouts: Timeouts,
    results: HashMap<String, Stored>,
    running: HashMap<String, Running>,
    next: u64,
}

struct Stored {
    outcome: Outcome,
    /// The profile's chain as it was checked: the result goes when it changes.
    fingerprint: u64,
}

struct Running {
    token: Option<ProgressToken>,
    task: tokio::task::AbortHandle,
    id: u64,
}

impl Validations {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The timeouts of the next checks (from the `awsConfigLsp.sts` settings).
    pub fn set_timeouts(&self, timeouts: Timeouts) {
        self.lock().timeouts = timeouts;
    }

    pub fn set_progress_support(&self, supported: bool) {
        self.lock().progress = supported;
    }

    /// Cancels the check that reports on `token`.
    pub fn cancel(&self, token: &ProgressToken) -> bool {
        let mut state = self.lock();
        let found = state
            .running
            .iter()
            .find(|(_, r)| r.token.as_ref() == Some(token))
            .map(|(name, _)| name.clone());
        match found.and_then(|name| state.running.remove(&name)) {
            Some(running) => {
                running.task.abort();
                true
            }
            None => false,
        }
    }

    /// The result diagnostics to publish with the lint diagnostics of `file`. A result whose
    /// profile changed since the check is forgotten.
    pub fn diagnostics(
        &self,
        convert: &Convert,
        analysis: &Analysis,
        file: usize,
    ) -> Vec<Diagnostic> {
        let mut state = self.lock();
        if state.results.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        state.results.retain(|name, stored| {
            if fingerprint(analysis, name) != Some(stored.fingerprint) {
                // Another group may define the profile: keep the result if this analysis
                // does not know the profile at all.
                return analysis.model.profiles.profile(name).is_none();
            }
            if let Some((at_file, span)) = place(analysis, name, &stored.outcome) {
                if at_file == file {
                    out.push(diagnostic(convert, file, span, &stored.outcome));
                }
            }
            true
        });
        out
    }
}

/// A hash of the texts that decide the profile's credentials: its own keys and those of
/// every profile of its chain. `None` when the analysis does not define the profile.
fn fingerprint(analysis: &Analysis, name: &str) -> Option<u64> {
    let profiles = &analysis.model.profiles;
    profiles.profile(name)?;
    let names: Vec<String> = match resolve_chain(profiles, name) {
        Ok(chain) => chain.profiles.iter().map(|p| p.to_string()).collect(),
        Err(_) => vec![name.to_string()],
    };
    let mut hasher = DefaultHasher::new();
    for name in names {
        name.hash(&mut hasher);
        if let Some(profile) = profiles.profile(&name) {
            for (key, value) in profile.to_map() {
                key.hash(&mut hasher);
                value.hash(&mut hasher);
            }
        }
        // Where the profile is matters too: the diagnostic is placed on it.
        for (file, model) in analysis.model.files.iter().enumerate() {
            for section in &model.sections {
                if section.kind == SectionKind::Profile && *section.name == *name {
                    (file, section.line).hash(&mut hasher);
                }
            }
        }
    }
    Some(hasher.finish())
}

/// Where the result goes: the key at fault when there is one, else the profile's header (in
/// the config file first, as the SDKs read it).
fn place(analysis: &Analysis, name: &str, outcome: &Outcome) -> Option<(usize, Span)> {
    let model = &analysis.model;
    if let Err(failure) = &outcome.result {
        if let Some((profile, key)) = &failure.at {
            let entry = model
                .profiles
                .profile(profile)
                .and_then(|p| p.value(key))
                .and_then(|v| v.origin)
                .and_then(|o| model.entry(o).map(|(_, _, e)| (o.file, e)));
            if let Some((file, entry)) = entry {
                if analysis.members[file].uri.is_some() {
                    return Some((
                        file,
                        Span {
                            start: entry.key_span.start,
                            end: entry.value_span.end.max(entry.key_span.end),
                        },
                    ));
                }
            }
        }
    }
    model.files.iter().enumerate().find_map(|(file, fm)| {
        fm.sections
            .iter()
            .find(|s| s.kind == SectionKind::Profile && *s.name == *name)
            .map(|s| (file, s.name_span))
    })
}

fn diagnostic(convert: &Convert, file: usize, span: Span, outcome: &Outcome) -> Diagnostic {
    let (severity, code) = match &outcome.result {
        Ok(_) if outcome.clock_skewed() => (DiagnosticSeverity::ERROR, Code::ClockSkew.as_str()),
        Ok(_) => (DiagnosticSeverity::INFORMATION, "sts-valid"),
        Err(f) if f.code.is_inconclusive() => (DiagnosticSeverity::WARNING, f.code.as_str()),
        Err(f) => (DiagnosticSeverity::ERROR, f.code.as_str()),
    };
    let href = format!("{}#{code}", crate::lsp::convert::DOCS_URL);
    Diagnostic {
        range: convert.range(file, span),
        severity: Some(severity),
        code: Some(NumberOrString::String(code.to_string())),
        code_description: href.parse().ok().map(|href| CodeDescription { href }),
        source: Some("aws-config-lsp (STS)".to_string()),
        message: outcome.message(),
        ..Default::default()
    }
}

/// A number of seconds between 0 (excluded) and an hour.
fn seconds(value: &serde_json::Value) -> Option<Duration> {
    value.as_f64().and_then(super::super::settings::seconds)
}

fn command(name: &str, title: String) -> Command {
    Command {
        title,
        command: VALIDATE_COMMAND.to_string(),
        arguments: Some(vec![serde_json::Value::String(name.to_string())]),
    }
}

/// "Validate profile 'NAME' with AWS STS" on the profile headers the range touches.
pub fn code_actions(
    analysis: &Analysis,
    file: usize,
    start: usize,
    end: usize,
) -> Vec<CodeActionOrCommand> {
    let Some(model) = analysis.model.files.get(file) else {
        return Vec::new();
    };
    // The range touches the header's line (by offsets: the core's lines are the SDKs').
    let touches = |line: usize| {
        model
            .tree
            .lines
            .get(line)
            .is_some_and(|l| l.span.start <= end && start <= l.span.end)
    };
    model
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Profile && touches(s.line))
        .map(|s| {
            let title = format!("Validate profile '{}' with AWS STS", s.name);
            CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::EMPTY),
                command: Some(command(&s.name, title)),
                ..Default::default()
            })
        })
        .collect()
}

impl Backend {
    /// Code lenses: one above each profile, with the last result when there is one.
    pub(super) async fn sts_code_lens(
        &self,
        params: CodeLensParams,
    ) -> Result<Option<Vec<CodeLens>>> {
        let (analysis, file, encoding) = self.analysis_for(&params.text_document.uri).await?;
        let convert = Convert {
            analysis: &analysis,
            encoding,
        };
        let state = self.validations.lock();
        let Some(model) = analysis.model.files.get(file) else {
            return Ok(None);
        };
        let lenses = model
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Profile)
            .map(|s| {
                let title = match state.results.get(&*s.name).map(|r| &r.outcome) {
                    _ if state.running.contains_key(&*s.name) => {
                        "Validating with AWS STS…".to_string()
                    }
                    Some(Outcome {
                        result: Ok(identity),
                        ..
                    }) => {
                        format!("STS: valid ({}) · validate again", identity.arn)
                    }
                    Some(Outcome { result: Err(f), .. }) => {
                        format!("STS: {} · validate again", f.code.as_str())
                    }
                    None => "Validate with AWS STS".to_string(),
                };
                CodeLens {
                    range: convert.range(file, s.name_span),
                    command: Some(command(&s.name, title)),
                    data: None,
                }
            })
            .collect();
        Ok(Some(lenses))
    }

    /// `aws-config-lsp.validateProfile`: starts the check in the background and answers at
    /// once.
    pub(super) async fn sts_execute(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        if !self.features.sts {
            return Err(Error::invalid_request());
        }
        let name = super::profile_name_argument(&params)?;
        let options = params.arguments.get(1);
        let option = |key: &str, default: Duration| -> Result<Duration> {
            match options.and_then(|o| o.get(key)) {
                None | Some(serde_json::Value::Null) => Ok(default),
                Some(v) => seconds(v).ok_or_else(|| {
                    Error::invalid_params(format!("{key} must be a number of seconds"))
                }),
            }
        };
        let defaults = self.validations.lock().timeouts;
        let timeouts = Timeouts {
            connect: option("connectTimeoutSeconds", defaults.connect)?,
            total: option("timeoutSeconds", defaults.total)?,
        };

        // The texts as the editor has them: the group of an open document that defines the
        // profile (its partner from disk when it is not open).
        let uris: Vec<Uri> = self
            .lock()
            .documents
            .values()
            .map(|d| d.uri.clone())
            .collect();
        let mut chosen: Option<Arc<Analysis>> = None;
        for uri in uris {
            let (analysis, _, _) = self.analysis_for(&uri).await?;
            let defines = analysis.model.profiles.profile(&name).is_some();
            if defines || chosen.is_none() {
                chosen = Some(analysis);
            }
            if defines {
                break;
            }
        }
        let Some(analysis) = chosen else {
            return Err(Error::invalid_params(
                "no open file: open the config or credentials file first",
            ));
        };
        let text = |kind: FileKind| {
            analysis
                .members
                .iter()
                .find(|m| m.kind == kind)
                .map(|m| m.text.to_string())
                .unwrap_or_default()
        };
        let request = Request {
            profile: name.clone(),
            config: text(FileKind::Config),
            credentials: text(FileKind::Credentials),
            timeouts,
        };
        let fingerprint = fingerprint(&analysis, &name).unwrap_or(0);
        drop(analysis);

        let token = params.work_done_progress_params.work_done_token.clone();
        let (id, create) = {
            let mut state = self.validations.lock();
            state.next += 1;
            let id = state.next;
            if let Some(previous) = state.running.remove(&name) {
                previous.task.abort();
            }
            (id, token.is_none() && state.progress)
        };
        let token = match (token, create) {
            (Some(token), _) => Some(token),
            (None, true) => Some(NumberOrString::String(format!("aws-config-lsp/sts/{id}"))),
            (None, false) => None,
        };
        let job = Job {
            client: self.client.clone(),
            output: self.output.clone(),
            validations: self.validations.clone(),
            workspace: self.workspace.clone(),
            name: name.clone(),
            token: token.clone(),
            create,
            id,
            fingerprint,
            pull: self.flags().pull_diagnostics,
        };
        // The check waits until it is registered, so that it can always unregister itself.
        let (start, started) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            if started.await.is_ok() {
                job.run(request).await;
            }
        });
        self.validations.lock().running.insert(
            name.clone(),
            Running {
                token,
                task: task.abort_handle(),
                id,
            },
        );
        let _ = start.send(());
        Ok(Some(serde_json::Value::String(format!(
            "Validating profile '{name}' with AWS STS"
        ))))
    }
}

/// Everything a background check needs, owned.
struct Job {
    client: Client,
    /// Stdout: diagnostics go out the same way as every other `publishDiagnostics`.
    output: super::super::transport::Output,
    validations: Validations,
    workspace: Arc<Mutex<super::Workspace>>,
    name: String,
    token: Option<ProgressToken>,
    create: bool,
    id: u64,
    fingerprint: u64,
    /// The client pulls diagnostics: ask it to pull again instead of publishing.
    pull: bool,
}

impl Job {
    async fn run(self, request: Request) {
        let title = format!("Validating profile '{}' with AWS STS", self.name);
        if let Some(token) = &self.token {
            if self.create {
                if let Err(error) = self.client.create_work_done_progress(token.clone()).await {
                    tracing::warn!("window/workDoneProgress/create failed: {error}");
                }
            }
            self.progress(WorkDoneProgress::Begin(WorkDoneProgressBegin {
                title,
                cancellable: Some(true),
                message: Some("GetCallerIdentity".to_string()),
                percentage: None,
            }))
            .await;
        }
        // Dropping this future (abort) cancels the request: the SDK's I/O goes with it.
        // Until the answer is in, dropping the future ends the progress as cancelled.
        let mut guard = Ended {
            job: &self,
            done: false,
        };
        let outcome = aws_config_lsp_sts::validate(&request).await;
        guard.done = true;
        drop(guard);
        // The texts hold secrets: let them go now.
        drop(request);
        tracing::info!(
            profile = %self.name,
            valid = outcome.result.is_ok(),
            code = outcome.result.as_ref().err().map(|f| f.code.as_str()).unwrap_or("valid"),
            "STS validation done"
        );
        let headline = outcome.headline();
        let kind = match &outcome.result {
            Ok(_) if !outcome.clock_skewed() => MessageType::INFO,
            Err(f) if f.code.is_inconclusive() => MessageType::WARNING,
            _ => MessageType::ERROR,
        };
        {
            let mut state = self.validations.lock();
            if state
                .running
                .get(&self.name)
                .is_some_and(|r| r.id == self.id)
            {
                state.running.remove(&self.name);
            }
            state.results.insert(
                self.name.clone(),
                Stored {
                    outcome: outcome.clone(),
                    fingerprint: self.fingerprint,
                },
            );
        }
        if self.token.is_some() {
            self.progress(WorkDoneProgress::End(WorkDoneProgressEnd {
                message: Some(headline.clone()),
            }))
            .await;
        }
        self.republish().await;
        self.client
            .show_message(
                kind,
                format!("Profile '{}': {}", self.name, outcome.message()),
            )
            .await;
    }

    async fn progress(&self, value: WorkDoneProgress) {
        if let Some(token) = &self.token {
            self.client
                .send_notification::<notification::Progress>(ProgressParams {
                    token: token.clone(),
                    value: ProgressParamsValue::WorkDone(value),
                })
                .await;
        }
    }

    /// Publishes again the documents whose current analysis defines the profile (a client
    /// that pulls diagnostics is asked to pull again).
    async fn republish(&self) {
        if self.pull {
            super::features::refresh(&self.client);
            return;
        }
        let batches: Vec<(Arc<Analysis>, ColumnEncoding)> = {
            let workspace = self.workspace.lock().unwrap_or_else(|p| p.into_inner());
            let encoding = workspace.encoding;
            let mut out: Vec<(Arc<Analysis>, ColumnEncoding)> = Vec::new();
            for uri in workspace.open_uris() {
                // An analysis under way (an edit) publishes the result itself.
                let Some(analysis) = workspace.current_analysis(&uri) else {
                    continue;
                };
                let seen = out.iter().any(|(a, _)| Arc::ptr_eq(a, &analysis));
                if !seen && analysis.model.profiles.profile(&self.name).is_some() {
                    out.push((analysis, encoding));
                }
            }
            out
        };
        for (analysis, encoding) in batches {
            let convert = Convert {
                analysis: &analysis,
                encoding,
            };
            for (file, member) in analysis.members.iter().enumerate() {
                let Some(uri) = member.uri.clone() else {
                    continue;
                };
                let mut diagnostics: Vec<Diagnostic> = analysis
                    .diagnostics
                    .iter()
                    .filter(|d| d.file == file)
                    .map(|d| convert.diagnostic(d))
                    .collect();
                diagnostics.extend(self.validations.diagnostics(&convert, &analysis, file));
                let params = PublishDiagnosticsParams {
                    uri,
                    diagnostics,
                    version: member.version,
                };
                self.output
                    .notify("textDocument/publishDiagnostics", &params)
                    .await;
            }
        }
    }
}

/// Ends the progress when a check is cancelled (its future dropped before the answer).
struct Ended<'a> {
    job: &'a Job,
    done: bool,
}

impl Drop for Ended<'_> {
    fn drop(&mut self) {
        if self.done {
            return;
        }
        let job = self.job;
        if let Some(token) = job.token.clone() {
            let client = job.client.clone();
            let name = job.name.clone();
            tokio::spawn(async move {
                client
                    .send_notification::<notification::Progress>(ProgressParams {
                        token,
                        value: ProgressParamsValue::WorkDone(WorkDoneProgress::End(
                            WorkDoneProgressEnd {
                                message: Some(format!("Validation of profile '{name}' cancelled")),
                            },
                        )),
                    })
                    .await;
            });
        }
    }
}
