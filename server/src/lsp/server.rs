//! The `LanguageServer` implementation: protocol glue between tower-lsp-server and the core.
//!
//! Notifications that change text apply the change synchronously, before any `.await`:
//! tower-lsp-server runs handlers concurrently, and only the synchronous prefix of a handler
//! is guaranteed to run in the order the messages arrived.

use super::analyzer::{Analyzer, Purpose};
use super::convert::{Convert, WireDiagnostic};
use super::documents::Document;
use super::settings::Settings;
use super::workspace::{Analysis, GroupKey, Snapshot, Workspace};
use aws_config_lsp_core::ide::{self, CompletionKind, FileSpan, Files, SymbolKind};
use aws_config_lsp_core::text::ColumnEncoding;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

// Validation against AWS STS (lsp/validate.rs): a child module, it uses the backend's internals.
#[path = "validate.rs"]
mod validate;

// Semantic tokens, inlay hints, links, workspace symbols, pull diagnostics, range formatting.
#[path = "features.rs"]
mod features;

pub const EFFECTIVE_PROFILE_COMMAND: &str = "aws-config-lsp.effectiveProfile";

/// What the client told us it can do.
#[derive(Clone, Copy, Debug, Default)]
struct ClientFlags {
    configuration: bool,
    watch_files: bool,
    snippets: bool,
    /// `foldingRange.rangeLimit`: at most this many folding ranges.
    folding_limit: Option<usize>,
    /// The client pulls diagnostics and can be asked to pull again: nothing is pushed to it.
    pull_diagnostics: bool,
    /// The client would pull diagnostics but cannot be asked to pull again: pulling is not
    /// offered to it (see `features.rs`).
    pull_without_refresh: bool,
    /// The client can be asked to request semantic tokens and inlay hints again
    /// (`workspace/semanticTokens/refresh`, `workspace/inlayHint/refresh`).
    views_refresh: features::ViewsRefresh,
}

pub struct Backend {
    client: Client,
    workspace: Arc<Mutex<Workspace>>,
    analyzer: Arc<Analyzer>,
    flags: OnceLock<ClientFlags>,
    validations: validate::Validations,
    /// Stdout, for publishing diagnostics without the library's `Value` round trip.
    output: super::transport::Output,
    /// Held while deciding to publish an analysis and publishing it, so that an older
    /// analysis never goes out after a newer one.
    publishing: Arc<tokio::sync::Mutex<()>>,
    /// The newest analysis of each group waiting for `publishing`: while the client does not
    /// read, edits go on, and only one analysis per group may wait.
    pending: Arc<Mutex<HashMap<GroupKey, Arc<Analysis>>>>,
    /// Whether file watchers are registered with the client.
    watching: std::sync::atomic::AtomicBool,
    features: super::Features,
    /// What each document's last pull of diagnostics gave the client.
    pulled: features::Pulled,
}

/// What publishing diagnostics needs, owned: edits hand their analysis to a task of its own
/// and return at once, so that the next message is read while a large file is analysed
/// (tower-lsp-server handles only a few messages at a time, and a handler waiting for an
/// analysis would hold one of those places).
#[derive(Clone)]
struct Checker {
    workspace: Arc<Mutex<Workspace>>,
    analyzer: Arc<Analyzer>,
    validations: validate::Validations,
    output: super::transport::Output,
    publishing: Arc<tokio::sync::Mutex<()>>,
    pending: Arc<Mutex<HashMap<GroupKey, Arc<Analysis>>>>,
    /// The client pulls diagnostics: ask it to pull again instead of publishing.
    pull: bool,
    client: Client,
    pulled: features::Pulled,
    views_refresh: features::ViewsRefresh,
}

/// The session is over: the analysis thread ends (tasks still holding the analyzer get
/// `None` for what they wait on), so that a process running many sessions, as the fuzz
/// targets do, keeps no thread per session.
impl Drop for Backend {
    fn drop(&mut self) {
        self.analyzer.end();
    }
}

impl Backend {
    pub fn new(
        client: Client,
        output: super::transport::Output,
        features: super::Features,
    ) -> Backend {
        Backend {
            client,
            workspace: Arc::new(Mutex::new(Workspace::new(std::env::vars()))),
            analyzer: Arc::new(Analyzer::start()),
            flags: OnceLock::new(),
            validations: Default::default(),
            output,
            publishing: Default::default(),
            pending: Default::default(),
            watching: Default::default(),
            features,
            pulled: Default::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Workspace> {
        lock(&self.workspace)
    }

    fn flags(&self) -> ClientFlags {
        self.flags.get().copied().unwrap_or_default()
    }

    fn checker(&self) -> Checker {
        Checker {
            workspace: Arc::clone(&self.workspace),
            analyzer: Arc::clone(&self.analyzer),
            validations: self.validations.clone(),
            output: self.output.clone(),
            publishing: Arc::clone(&self.publishing),
            pending: Arc::clone(&self.pending),
            pull: self.flags().pull_diagnostics,
            client: self.client.clone(),
            pulled: self.pulled.clone(),
            views_refresh: self.flags().views_refresh,
        }
    }

    /// Re-analyses the groups of the given documents and publishes their diagnostics, in a
    /// task of its own: the handler returns at once.
    fn check(&self, snapshots: Vec<Snapshot>) {
        if snapshots.is_empty() {
            return;
        }
        tokio::spawn(self.checker().check(snapshots));
    }

    async fn run_analysis(&self, snapshot: Snapshot) -> Option<Arc<Analysis>> {
        self.checker()
            .run_analysis(snapshot, Purpose::Request)
            .await
    }
}

fn lock(workspace: &Mutex<Workspace>) -> MutexGuard<'_, Workspace> {
    // A panic while holding the lock leaves consistent data (every update is one
    // assignment), so a poisoned lock is still usable.
    workspace.lock().unwrap_or_else(|p| p.into_inner())
}

impl Checker {
    async fn check(self, snapshots: Vec<Snapshot>) {
        // Several documents of one group give one analysis: the last snapshot wins.
        let mut by_group: HashMap<_, Snapshot> = HashMap::new();
        for snapshot in snapshots {
            by_group.insert(snapshot.key.clone(), snapshot);
        }
        for snapshot in by_group.into_values() {
            let Some(analysis) = self.run_analysis(snapshot, Purpose::Publish).await else {
                continue;
            };
            let key = analysis.key.clone();
            {
                let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
                let newer_waits = pending
                    .get(&key)
                    .is_some_and(|p| p.generation >= analysis.generation);
                let dropped = if newer_waits {
                    Some(analysis)
                } else {
                    pending.insert(key.clone(), analysis)
                };
                // Freed on the analysis thread, not here.
                self.analyzer.discard(dropped);
            }
            let _publishing = self.publishing.lock().await;
            // The newest analysis of the group, unless another task has published it.
            let taken = self
                .pending
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .remove(&key);
            let Some(analysis) = taken else {
                continue;
            };
            let (latest, encoding) = {
                let workspace = lock(&self.workspace);
                (
                    workspace.is_latest(&analysis) && analysis.is_current(&workspace),
                    workspace.encoding,
                )
            };
            if !latest {
                continue;
            }
            self.refresh_views(&analysis);
            if self.pull {
                self.refresh_if_changed(&analysis, encoding);
                continue;
            }
            self.publish(&analysis, encoding).await;
        }
        self.analyzer.free();
    }

    async fn run_analysis(&self, snapshot: Snapshot, purpose: Purpose) -> Option<Arc<Analysis>> {
        let started = std::time::Instant::now();
        let generation = snapshot.generation;
        match self.analyzer.analyse(snapshot, now(), purpose).await {
            Some(analysis) => {
                tracing::debug!(
                    elapsed_us = started.elapsed().as_micros() as u64,
                    diagnostics = analysis.diagnostics.len(),
                    generation,
                    "analysed"
                );
                let replaced = lock(&self.workspace).remember(analysis.clone());
                // A replaced analysis is normally gone already (edits drop it when they
                // snapshot); one computed for a request is small to drop.
                drop(replaced);
                Some(analysis)
            }
            None => {
                tracing::debug!(generation, "analysis superseded by a newer version");
                None
            }
        }
    }

    async fn publish(&self, analysis: &Analysis, encoding: ColumnEncoding) {
        let started = std::time::Instant::now();
        let convert = Convert { analysis, encoding };
        for (file, member) in analysis.members.iter().enumerate() {
            let Some(uri) = member.uri.clone() else {
                continue;
            };
            let diagnostics: Vec<WireItem> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.file == file)
                .map(|d| WireItem::Lint(convert.wire(d)))
                .chain(
                    self.validations
                        .diagnostics(&convert, analysis, file)
                        .into_iter()
                        .map(WireItem::Lsp),
                )
                .collect();
            let params = WirePublish {
                uri: &uri,
                diagnostics,
                version: member.version,
            };
            self.output
                .notify("textDocument/publishDiagnostics", &params)
                .await;
        }
        tracing::debug!(
            elapsed_us = started.elapsed().as_micros() as u64,
            "published"
        );
    }
}

impl Backend {
    /// Every `publishDiagnostics` goes out this way, so that they stay in order.
    async fn publish_diagnostics(
        &self,
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
    ) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        let _publishing = self.publishing.lock().await;
        self.output
            .notify("textDocument/publishDiagnostics", &params)
            .await;
    }

    /// Snapshots of every open document, with a new generation.
    fn snapshot_all(&self) -> Vec<Snapshot> {
        let mut workspace = self.lock();
        workspace
            .open_uris()
            .iter()
            .filter_map(|uri| workspace.snapshot(uri, true))
            .collect()
    }

    /// The request context for a document: its group's current analysis.
    async fn request(&self, uri: &Uri) -> Result<Request> {
        let (analysis, file, encoding) = self.analysis_for(uri).await?;
        Ok(Request {
            analysis,
            file,
            encoding,
        })
    }

    /// The current analysis of the document's group, computed when needed.
    async fn analysis_for(&self, uri: &Uri) -> Result<(Arc<Analysis>, usize, ColumnEncoding)> {
        let (snapshot, encoding) = {
            let mut workspace = self.lock();
            let encoding = workspace.encoding;
            if let Some(analysis) = workspace.current_analysis(uri.as_str()) {
                let file = analysis.member_of(uri).unwrap_or(0);
                return Ok((analysis, file, encoding));
            }
            let snapshot = workspace.snapshot(uri.as_str(), false).ok_or_else(|| {
                tracing::warn!(
                    uri = uri.as_str(),
                    "request for a document that is not open"
                );
                Error::invalid_params(format!("unknown document {}: it is not open", uri.as_str()))
            })?;
            (snapshot, encoding)
        };
        let analysis = self
            .run_analysis(snapshot)
            .await
            .ok_or_else(Error::internal_error)?;
        let file = analysis.member_of(uri).unwrap_or(0);
        Ok((analysis, file, encoding))
    }

    /// Asks the client to report changes to the files a partner may be read from: any
    /// `.aws/config` or `credentials`, and the configured or environment paths, which may lie
    /// anywhere. Registered again when the settings change the paths.
    async fn register_watchers(&self) {
        if !self.flags().watch_files {
            return;
        }
        const ID: &str = "aws-config-lsp-watch";
        // The SSO token cache too: a login (`aws sso login`) changes what the files' sessions
        // are told.
        let mut globs: Vec<String> = [
            "**/.aws/config",
            "**/.aws/credentials",
            "**/credentials",
            "**/.aws/sso/cache/*.json",
        ]
        .iter()
        .map(|g| g.to_string())
        .collect();
        globs.extend(
            self.lock()
                .configured_paths()
                .map(|p| p.display().to_string()),
        );
        globs.dedup();
        let watchers = globs
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob),
                kind: None,
            })
            .collect();
        if self
            .watching
            .swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            let unregister = Unregistration {
                id: ID.to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
            };
            if let Err(error) = self.client.unregister_capability(vec![unregister]).await {
                tracing::warn!("could not unregister file watchers: {error}");
            }
        }
        let registration = Registration {
            id: ID.to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                watchers,
            })
            .ok(),
        };
        match self.client.register_capability(vec![registration]).await {
            Ok(()) => self
                .watching
                .store(true, std::sync::atomic::Ordering::SeqCst),
            Err(error) => tracing::warn!("could not register file watchers: {error}"),
        }
    }

    async fn refresh_settings(&self) {
        if !self.flags().configuration {
            return;
        }
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some("awsConfigLsp".to_string()),
        }];
        match self.client.configuration(items).await {
            Ok(values) => {
                let value = values.into_iter().next().unwrap_or_default();
                self.apply_settings(&value).await;
            }
            Err(error) => tracing::warn!("workspace/configuration failed: {error}"),
        }
    }

    async fn apply_settings(&self, value: &serde_json::Value) {
        let (settings, mut problems) = Settings::from_json(value);
        let (timeouts, sts_problems) = settings.sts_timeouts();
        self.validations.set_timeouts(timeouts);
        problems.extend(sts_problems);
        problems.extend(self.lock().set_settings(settings));
        for problem in problems {
            tracing::warn!("{problem}");
            self.client
                .show_message(MessageType::WARNING, problem)
                .await;
        }
    }
}

impl Backend {
    /// `window/workDoneProgress/cancel` (not in tower-lsp-server's trait: a custom method).
    pub async fn work_done_progress_cancel(&self, params: WorkDoneProgressCancelParams) {
        if !self.validations.cancel(&params.token) {
            tracing::debug!(token = ?params.token, "cancel for no running work");
        }
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Runs a feature of the core, turning a panic into an internal error instead of taking the
/// server down.
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        tracing::error!("{what} panicked");
        Error::internal_error()
    })
}

fn files(analysis: &Analysis) -> (Vec<&str>, &aws_config_lsp_core::Model) {
    (analysis.texts(), &analysis.model)
}

/// `publishDiagnostics` parameters with the lint diagnostics borrowed (see [`WireDiagnostic`]).
#[derive(serde::Serialize)]
struct WirePublish<'a> {
    uri: &'a Uri,
    diagnostics: Vec<WireItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

#[derive(serde::Serialize)]
#[serde(untagged)]
enum WireItem<'a> {
    Lint(WireDiagnostic<'a>),
    Lsp(Diagnostic),
}

/// The profile name a command takes as its first argument.
pub(super) fn profile_name_argument(params: &ExecuteCommandParams) -> Result<String> {
    params
        .arguments
        .first()
        .and_then(|v| v.as_str())
        .map(str::to_string)
        .ok_or_else(|| Error::invalid_params("expected the profile name as the first argument"))
}

/// What a request about one document works on: the current analysis of its group, which of
/// the group's files it is, and the position encoding.
struct Request {
    analysis: Arc<Analysis>,
    file: usize,
    encoding: ColumnEncoding,
}

impl Request {
    fn convert(&self) -> Convert<'_> {
        Convert {
            analysis: &self.analysis,
            encoding: self.encoding,
        }
    }

    fn offset(&self, position: Position) -> usize {
        self.convert().offset(self.file, position)
    }

    /// Runs a feature of the core on the analysed files, a panic becoming an internal error.
    fn run<T>(&self, what: &str, feature: impl FnOnce(Files<'_>, usize) -> T) -> Result<T> {
        let (texts, model) = files(&self.analysis);
        guarded(what, || {
            feature(
                Files {
                    model,
                    texts: &texts,
                },
                self.file,
            )
        })
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let utf8 = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref())
            .is_some_and(|e| e.contains(&PositionEncodingKind::UTF8));
        let flags = ClientFlags {
            configuration: caps
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false),
            watch_files: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            snippets: caps
                .text_document
                .as_ref()
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
            folding_limit: caps
                .text_document
                .as_ref()
                .and_then(|t| t.folding_range.as_ref())
                .and_then(|f| f.range_limit)
                .map(|limit| limit as usize),
            pull_diagnostics: false,
            pull_without_refresh: false,
            views_refresh: features::ViewsRefresh::of(caps),
        };
        let pulls = caps
            .text_document
            .as_ref()
            .is_some_and(|t| t.diagnostic.is_some());
        let refreshes = caps
            .workspace
            .as_ref()
            .and_then(|w| w.diagnostics.as_ref())
            .and_then(|d| d.refresh_support)
            .unwrap_or(false);
        let flags = ClientFlags {
            pull_diagnostics: pulls && refreshes,
            pull_without_refresh: pulls && !refreshes,
            ..flags
        };
        let _ = self.flags.set(flags);
        self.validations.set_progress_support(
            caps.window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
        );
        if let Some(options) = &params.initialization_options {
            self.apply_settings(options).await;
        }
        self.lock().encoding = if utf8 {
            ColumnEncoding::Utf8
        } else {
            ColumnEncoding::Utf16
        };
        let encoding = if utf8 {
            PositionEncodingKind::UTF8
        } else {
            PositionEncodingKind::UTF16
        };
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["[".to_string(), "=".to_string()]),
                    ..Default::default()
                }),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Right(RenameOptions {
                    prepare_provider: Some(true),
                    work_done_progress_options: Default::default(),
                })),
                document_symbol_provider: Some(OneOf::Left(true)),
                folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
                selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
                document_formatting_provider: Some(OneOf::Left(true)),
                document_range_formatting_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: features::legend(),
                            range: Some(true),
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            ..Default::default()
                        },
                    ),
                ),
                inlay_hint_provider: Some(OneOf::Left(true)),
                document_link_provider: Some(DocumentLinkOptions {
                    resolve_provider: Some(false),
                    work_done_progress_options: Default::default(),
                }),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                diagnostic_provider: (!flags.pull_without_refresh).then(|| {
                    DiagnosticServerCapabilities::Options(DiagnosticOptions {
                        identifier: Some("aws-config-lsp".to_string()),
                        // A document's diagnostics depend on its partner file.
                        inter_file_dependencies: true,
                        workspace_diagnostics: false,
                        work_done_progress_options: Default::default(),
                    })
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::SOURCE_FIX_ALL,
                        ]),
                        ..Default::default()
                    },
                )),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![
                        EFFECTIVE_PROFILE_COMMAND.to_string(),
                        validate::VALIDATE_COMMAND.to_string(),
                    ],
                    ..Default::default()
                }),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "aws-config-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        self.refresh_settings().await;
        self.register_watchers().await;
        let snapshots = self.snapshot_all();
        self.check(snapshots);
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let snapshots = {
            let mut workspace = self.lock();
            let item = params.text_document;
            let path = item.uri.to_file_path().map(|p| p.into_owned());
            let kind = workspace.kind_for(path.as_deref(), &item.language_id, &item.text);
            tracing::debug!(uri = item.uri.as_str(), ?kind, "open");
            workspace.forget_disk(path.as_deref());
            workspace.documents.insert(
                item.uri.as_str().to_string(),
                Document {
                    uri: item.uri.clone(),
                    path,
                    language_id: item.language_id,
                    rope: ropey::Rope::from_str(&item.text),
                    version: item.version,
                    kind,
                },
            );
            drop(workspace);
            // Opening a partner changes its group's texts: re-check every open document.
            self.snapshot_all()
        };
        self.check(snapshots);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let started = std::time::Instant::now();
        let snapshot = {
            let mut workspace = self.lock();
            let encoding = workspace.encoding;
            let uri = params.text_document.uri.as_str();
            let Some(doc) = workspace.documents.get_mut(uri) else {
                tracing::warn!(uri, "change to a document that is not open: ignored");
                return;
            };
            if let Err(error) = doc.apply(
                params.text_document.version,
                params.content_changes,
                encoding,
            ) {
                tracing::warn!(uri, ?error, "change not applied");
                return;
            }
            workspace.snapshot(uri, true)
        };
        tracing::debug!(
            elapsed_us = started.elapsed().as_micros() as u64,
            "change applied"
        );
        self.check(snapshot.into_iter().collect());
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let path = params
            .text_document
            .uri
            .to_file_path()
            .map(|p| p.into_owned());
        self.lock().forget_disk(path.as_deref());
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let snapshots = {
            let mut workspace = self.lock();
            let removed = workspace
                .documents
                .remove(params.text_document.uri.as_str());
            if removed.is_none() {
                tracing::warn!(
                    uri = params.text_document.uri.as_str(),
                    "close of a document that is not open"
                );
            }
            workspace.forget_disk(None);
            drop(workspace);
            self.snapshot_all()
        };
        self.pulled.forget(&params.text_document.uri);
        self.publish_diagnostics(params.text_document.uri, Vec::new(), None)
            .await;
        self.check(snapshots);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        // The SSO token cache, or a file's mode, may have changed with it.
        self.analyzer.forget_host_answers();
        {
            let mut workspace = self.lock();
            for change in &params.changes {
                let path = change.uri.to_file_path().map(|p| p.into_owned());
                workspace.forget_disk(path.as_deref());
            }
        }
        let snapshots = self.snapshot_all();
        self.check(snapshots);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let pulled = self.flags().configuration;
        if pulled {
            self.refresh_settings().await;
        } else {
            self.apply_settings(&params.settings).await;
        }
        self.register_watchers().await;
        let snapshots = self.snapshot_all();
        self.check(snapshots);
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let request = self.request(&at.text_document.uri).await?;
        let offset = request.offset(at.position);
        let (logins, now) = (&request.analysis.logins, now());
        let found = request.run("hover", |files, file| {
            ide::hover_with_logins(files, file, offset, logins, now)
        })?;
        let convert = request.convert();
        Ok(found.map(|h| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(convert.range(h.range.file, h.range.span)),
        }))
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        let request = self.request(&at.text_document.uri).await?;
        let offset = request.offset(at.position);
        let list = request.run("completion", |files, file| {
            ide::completion_list(files, file, offset)
        })?;
        let convert = request.convert();
        let snippets = self.flags().snippets;
        let items: Vec<CompletionItem> = list
            .items
            .into_iter()
            .filter(|c| snippets || !c.is_snippet)
            .enumerate()
            .map(|(index, c)| CompletionItem {
                label: c.label,
                kind: Some(match c.kind {
                    CompletionKind::Key => CompletionItemKind::PROPERTY,
                    CompletionKind::Value => CompletionItemKind::VALUE,
                    CompletionKind::Reference => CompletionItemKind::REFERENCE,
                    CompletionKind::Section => CompletionItemKind::MODULE,
                    CompletionKind::Snippet => CompletionItemKind::SNIPPET,
                }),
                detail: c.detail,
                documentation: c.documentation.map(|value| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value,
                    })
                }),
                sort_text: Some(format!("{index:04}")),
                insert_text_format: Some(if c.is_snippet {
                    InsertTextFormat::SNIPPET
                } else {
                    InsertTextFormat::PLAIN_TEXT
                }),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: convert.range(request.file, c.replace),
                    new_text: c.insert_text,
                })),
                ..Default::default()
            })
            .collect();
        if list.is_incomplete {
            // More items match than one answer holds: the editor asks again as the user
            // types on, with fewer matching.
            return Ok(Some(CompletionResponse::List(CompletionList {
                is_incomplete: true,
                items,
            })));
        }
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        let request = self.request(&at.text_document.uri).await?;
        let offset = request.offset(at.position);
        let found = request.run("definition", |files, file| {
            ide::definition(files, file, offset)
        })?;
        let convert = request.convert();
        let locations: Vec<Location> = found
            .into_iter()
            .filter_map(|s| convert.location(s))
            .collect();
        Ok((!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations)))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let at = params.text_document_position;
        let request = self.request(&at.text_document.uri).await?;
        let offset = request.offset(at.position);
        let found = request.run("references", |files, file| {
            ide::references(files, file, offset)
        })?;
        let convert = request.convert();
        let include = params.context.include_declaration;
        let locations: Vec<Location> = found
            .into_iter()
            .filter(|r| include || !r.is_definition)
            .filter_map(|r| convert.location(r.at))
            .collect();
        Ok((!locations.is_empty()).then_some(locations))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let at = params.text_document_position_params;
        let request = self.request(&at.text_document.uri).await?;
        let offset = request.offset(at.position);
        let found = request.run("highlight", |files, file| {
            ide::references(files, file, offset)
        })?;
        let (convert, file) = (request.convert(), request.file);
        let highlights: Vec<DocumentHighlight> = found
            .into_iter()
            .filter(|r| r.at.file == file)
            .map(|r| DocumentHighlight {
                range: convert.range(file, r.at.span),
                kind: Some(if r.is_definition {
                    DocumentHighlightKind::WRITE
                } else {
                    DocumentHighlightKind::READ
                }),
            })
            .collect();
        Ok((!highlights.is_empty()).then_some(highlights))
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let request = self.request(&params.text_document.uri).await?;
        let offset = request.offset(params.position);
        let found = request.run("prepareRename", |files, file| {
            ide::prepare_rename(files, file, offset)
        })?;
        let convert = request.convert();
        Ok(found
            .ok()
            .map(|name| PrepareRenameResponse::RangeWithPlaceholder {
                range: convert.range(name.at.file, name.at.span),
                placeholder: name.name,
            }))
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let at = params.text_document_position;
        let request = self.request(&at.text_document.uri).await?;
        let offset = request.offset(at.position);
        let edits = request
            .run("rename", |files, file| {
                ide::rename(files, file, offset, &params.new_name)
            })?
            .map_err(|error| Error::invalid_params(error.to_string()))?;
        Ok(Some(request.convert().workspace_edit(edits)))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let request = self.request(&params.text_document.uri).await?;
        let symbols = request.run("documentSymbol", ide::symbols)?;
        // An outline of thousands of entries goes through a JSON tree of megabytes in
        // tower-lsp-server: give that back to the system once idle.
        self.analyzer.free();
        let (convert, file) = (request.convert(), request.file);
        #[allow(deprecated)]
        fn to_lsp(convert: &Convert, file: usize, s: ide::Symbol) -> DocumentSymbol {
            DocumentSymbol {
                name: s.name,
                detail: s.detail,
                kind: match s.kind {
                    SymbolKind::Profile => ls_types_kind::NAMESPACE,
                    SymbolKind::SsoSession => ls_types_kind::OBJECT,
                    SymbolKind::Services => ls_types_kind::PACKAGE,
                    SymbolKind::OtherSection => ls_types_kind::MODULE,
                    SymbolKind::Key => ls_types_kind::PROPERTY,
                    SymbolKind::Omitted => ls_types_kind::NULL,
                },
                tags: None,
                deprecated: None,
                range: convert.range(file, s.range),
                selection_range: convert.range(file, s.selection),
                children: (!s.children.is_empty()).then(|| {
                    s.children
                        .into_iter()
                        .map(|c| to_lsp(convert, file, c))
                        .collect()
                }),
            }
        }
        Ok(Some(DocumentSymbolResponse::Nested(
            symbols
                .into_iter()
                .map(|s| to_lsp(&convert, file, s))
                .collect(),
        )))
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let request = self.request(&params.text_document.uri).await?;
        let ranges = request.run("foldingRange", ide::folding_ranges)?;
        // The client's own limit, when it gives one (`foldingRange.rangeLimit`).
        let limit = self.flags().folding_limit.unwrap_or(usize::MAX);
        // The core counts lines as the SDKs do; the client counts a lone `\r` as a line end.
        let (convert, file) = (request.convert(), request.file);
        let lines = &request.analysis.model.files[file].tree.lines;
        let line_of = |line: usize, end: bool| {
            lines.get(line).map(|l| {
                let offset = if end { l.span.end } else { l.span.start };
                convert.position(file, offset).line
            })
        };
        Ok(Some(
            ranges
                .into_iter()
                .take(limit)
                .filter_map(|(start, end)| {
                    Some(FoldingRange {
                        start_line: line_of(start, false)?,
                        end_line: line_of(end, true)?,
                        kind: Some(FoldingRangeKind::Region),
                        ..Default::default()
                    })
                })
                .collect(),
        ))
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let request = self.request(&params.text_document.uri).await?;
        let (convert, file) = (request.convert(), request.file);
        let mut out = Vec::new();
        for position in params.positions {
            let offset = request.offset(position);
            let spans = request.run("selectionRange", |files, file| {
                ide::selection_ranges(files, file, offset)
            })?;
            let mut range: Option<SelectionRange> = None;
            for span in spans.into_iter().rev() {
                range = Some(SelectionRange {
                    range: convert.range(file, span),
                    parent: range.map(Box::new),
                });
            }
            out.push(range.unwrap_or(SelectionRange {
                range: Range::new(position, position),
                parent: None,
            }));
        }
        Ok(Some(out))
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let request = self.request(&params.text_document.uri).await?;
        let edits = request.run("formatting", ide::format)?;
        Ok(Some(request.convert().text_edits(request.file, edits)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let (analysis, file, encoding) = self.analysis_for(&params.text_document.uri).await?;
        let convert = Convert {
            analysis: &analysis,
            encoding,
        };
        let start = convert.offset(file, params.range.start);
        let end = convert.offset(file, params.range.end);
        let wants = |kind: &CodeActionKind| {
            params.context.only.as_ref().is_none_or(|only| {
                only.iter().any(|o| {
                    kind.as_str() == o.as_str()
                        || kind.as_str().starts_with(&format!("{}.", o.as_str()))
                })
            })
        };
        let mut actions = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            for d in analysis.diagnostics.iter().filter(|d| {
                d.file == file && d.span.start <= end && start <= d.span.end && !d.fixes.is_empty()
            }) {
                let diagnostic = convert.diagnostic(d);
                for fix in &d.fixes {
                    let edits = fix.edits.iter().map(|e| {
                        (
                            FileSpan {
                                file: e.file,
                                span: e.span,
                            },
                            e.new_text.clone(),
                        )
                    });
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: fix.title.clone(),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![diagnostic.clone()]),
                        edit: Some(convert.workspace_edit(edits)),
                        // Editors may apply a preferred fix without asking: only a safe one.
                        is_preferred: Some(fix.safe),
                        ..Default::default()
                    }));
                }
            }
        }
        if params.context.only.is_none() {
            actions.extend(validate::code_actions(&analysis, file, start, end));
        }
        if wants(&CodeActionKind::SOURCE_FIX_ALL) {
            if let Some(action) = fix_all(&convert, &analysis, file) {
                actions.push(CodeActionOrCommand::CodeAction(action));
            }
        }
        Ok(Some(actions))
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        self.format_range(params).await
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let tokens = self.tokens(&params.text_document.uri, None).await?;
        Ok(tokens.map(SemanticTokensResult::Tokens))
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let tokens = self
            .tokens(&params.text_document.uri, Some(params.range))
            .await?;
        Ok(tokens.map(SemanticTokensRangeResult::Tokens))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.hints(params).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.links(&params.text_document.uri).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        self.workspace_symbols(&params.query).await
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        self.pull_diagnostics(params).await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.sts_code_lens(params).await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        match params.command.as_str() {
            validate::VALIDATE_COMMAND => self.sts_execute(params).await,
            EFFECTIVE_PROFILE_COMMAND => {
                let name = profile_name_argument(&params)?;
                let uris: Vec<Uri> = match params.arguments.get(1).and_then(|v| v.as_str()) {
                    Some(uri) => vec![uri.parse().map_err(|_| {
                        Error::invalid_params("the second argument must be a document URI")
                    })?],
                    None => self
                        .lock()
                        .documents
                        .values()
                        .map(|d| d.uri.clone())
                        .collect(),
                };
                for uri in uris {
                    let (analysis, _, _) = self.analysis_for(&uri).await?;
                    let (texts, model) = files(&analysis);
                    let text = guarded("effectiveProfile", || {
                        ide::effective_profile(
                            Files {
                                model,
                                texts: &texts,
                            },
                            &name,
                        )
                    })?;
                    if let Some(text) = text {
                        return Ok(Some(serde_json::Value::String(text)));
                    }
                }
                Err(Error::invalid_params(format!(
                    "no open file defines the profile `{name}`"
                )))
            }
            other => {
                tracing::warn!(command = other, "unknown command");
                Err(Error::invalid_params(format!("unknown command {other}")))
            }
        }
    }
}

mod ls_types_kind {
    pub use tower_lsp_server::ls_types::SymbolKind as K;
    pub const NAMESPACE: K = K::NAMESPACE;
    pub const OBJECT: K = K::OBJECT;
    pub const PACKAGE: K = K::PACKAGE;
    pub const MODULE: K = K::MODULE;
    pub const PROPERTY: K = K::PROPERTY;
    pub const NULL: K = K::NULL;
}

/// Every safe fix of the file (one that keeps what every tool reads: see
/// `aws_config_lsp_core::lint::Fix`), skipping fixes whose edits overlap one already taken.
/// Guesses (a region's did-you-mean, a rename, a deletion) are never part of it: they are
/// offered one at a time as quick fixes.
fn fix_all(convert: &Convert, analysis: &Analysis, file: usize) -> Option<CodeAction> {
    let edits: Vec<_> = aws_config_lsp_core::lint::fixes::safe_edits(&analysis.diagnostics, file)
        .into_iter()
        .map(|e| {
            (
                FileSpan {
                    file: e.file,
                    span: e.span,
                },
                e.new_text.clone(),
            )
        })
        .collect();
    (!edits.is_empty()).then(|| CodeAction {
        title: format!(
            "Fix all safe problems ({} edits that change nothing the tools read)",
            edits.len()
        ),
        kind: Some(CodeActionKind::SOURCE_FIX_ALL),
        edit: Some(convert.workspace_edit(edits)),
        ..Default::default()
    })
}
