//! The features of LSP 3.16 and 3.17 beyond the basics: semantic tokens (full and range),
//! inlay hints, document links, workspace symbols, pull diagnostics and range formatting.
//! A child module of `server.rs`: the handlers there call these.
//!
//! Pull diagnostics: a client that pulls (`textDocument.diagnostic`) and can be asked to pull
//! again (`workspace.diagnostics.refreshSupport`) gets no `publishDiagnostics` for the same
//! diagnostics (editors would show them twice); the server asks it to pull again
//! (`workspace/diagnostic/refresh`) when a document's diagnostics change without the client
//! changing it (its partner was edited, a setting or a file on disk changed, a profile was
//! validated). A client that pulls but cannot be asked again is not offered pulling: it would
//! keep a partner's stale diagnostics.

use super::{lock, Backend, Checker};
use crate::cli::host::RealHost;
use crate::lsp::convert::Convert;
use crate::lsp::workspace::Analysis;
use aws_config_lsp_core::ide::{self, Files, LinkTarget};
use aws_config_lsp_core::text::{ColumnEncoding, Span};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

/// The legend of the semantic tokens: standard types and modifiers only, in the core's order.
pub(super) fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: ide::TokenKind::ALL
            .iter()
            .map(|k| SemanticTokenType::new(k.name()))
            .collect(),
        token_modifiers: ide::MODIFIERS
            .iter()
            .map(|&m| SemanticTokenModifier::new(m))
            .collect(),
    }
}

/// What a client was last given for a document by a pull: the document's version then, and
/// the result id.
#[derive(Clone, Default)]
pub(super) struct Pulled(Arc<Mutex<HashMap<String, PulledReport>>>);

/// A document's version when it was pulled, and the result id it was given.
type PulledReport = (Option<i32>, String);

impl Pulled {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, PulledReport>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn forget(&self, uri: &Uri) {
        self.lock().remove(uri.as_str());
    }
}

/// The diagnostics of member `file` of an analysis, as they are published (lint diagnostics,
/// then validation results), and their result id: a hash of their JSON, so that equal
/// diagnostics have equal ids.
fn report(
    convert: &Convert,
    analysis: &Analysis,
    file: usize,
    validations: &super::validate::Validations,
) -> (Vec<Diagnostic>, String) {
    let mut items: Vec<Diagnostic> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.file == file)
        .map(|d| convert.diagnostic(d))
        .collect();
    items.extend(validations.diagnostics(convert, analysis, file));
    let mut hasher = HashWriter(std::collections::hash_map::DefaultHasher::new());
    // Writing to a hasher cannot fail.
    let _ = serde_json::to_writer(&mut hasher, &items);
    items.len().hash(&mut hasher.0);
    (items, format!("{:016x}", hasher.0.finish()))
}

struct HashWriter(std::collections::hash_map::DefaultHasher);

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Which of the client's views of semantic tokens and inlay hints it can be asked to request
/// again.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct ViewsRefresh {
    tokens: bool,
    hints: bool,
}

impl ViewsRefresh {
    pub(super) fn of(caps: &ClientCapabilities) -> ViewsRefresh {
        let workspace = caps.workspace.as_ref();
        ViewsRefresh {
            tokens: workspace
                .and_then(|w| w.semantic_tokens.as_ref())
                .and_then(|t| t.refresh_support)
                .unwrap_or(false),
            hints: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|h| h.refresh_support)
                .unwrap_or(false),
        }
    }
}

impl Checker {
    /// A document's tokens and hints depend on its partner (a `source_profile` value is a
    /// `namespace` only when the profile exists; a chain's end may lie in the other file):
    /// when both files of a group are open, an analysis may change what the one not edited
    /// shows, and the client is asked to request them again (it asks for the edited one by
    /// itself). A group with one open document needs nothing.
    pub(super) fn refresh_views(&self, analysis: &Analysis) {
        let open = analysis.members.iter().filter(|m| m.uri.is_some()).count();
        if open < 2 {
            return;
        }
        let ViewsRefresh { tokens, hints } = self.views_refresh;
        if !(tokens || hints) {
            return;
        }
        let client = self.client.clone();
        // Not awaited: publishing never waits for the client.
        tokio::spawn(async move {
            if tokens {
                if let Err(error) = client.semantic_tokens_refresh().await {
                    tracing::warn!("workspace/semanticTokens/refresh failed: {error}");
                }
            }
            if hints {
                if let Err(error) = client.inlay_hint_refresh().await {
                    tracing::warn!("workspace/inlayHint/refresh failed: {error}");
                }
            }
        });
    }

    /// Pull mode: asks the client to pull again when a document it pulled, and has not
    /// changed since, now has other diagnostics.
    pub(super) fn refresh_if_changed(&self, analysis: &Analysis, encoding: ColumnEncoding) {
        let convert = Convert { analysis, encoding };
        let changed = analysis.members.iter().enumerate().any(|(file, member)| {
            let Some(uri) = &member.uri else {
                return false;
            };
            let Some((version, id)) = self.pulled.lock().get(uri.as_str()).cloned() else {
                // Never pulled: the client pulls it when it opens it.
                return false;
            };
            // A document the client changed, it pulls again by itself.
            version == member.version && report(&convert, analysis, file, &self.validations).1 != id
        });
        if changed {
            refresh(&self.client);
        }
    }
}

/// `workspace/diagnostic/refresh`: the client pulls the diagnostics of its documents again.
/// Not awaited: publishing and validations never wait for the client's answer.
pub(super) fn refresh(client: &tower_lsp_server::Client) {
    let client = client.clone();
    tokio::spawn(async move {
        if let Err(error) = client.workspace_diagnostic_refresh().await {
            tracing::warn!("workspace/diagnostic/refresh failed: {error}");
        }
    });
}

impl Backend {
    pub(super) async fn pull_diagnostics(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = params.text_document.uri;
        let (analysis, file, encoding) = self.analysis_for(&uri).await?;
        let convert = Convert {
            analysis: &analysis,
            encoding,
        };
        let (items, id) = report(&convert, &analysis, file, &self.validations);
        self.pulled.lock().insert(
            uri.as_str().to_string(),
            (analysis.members[file].version, id.clone()),
        );
        let report = if params.previous_result_id.as_deref() == Some(id.as_str()) {
            DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
                related_documents: None,
                unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                    result_id: id,
                },
            })
        } else {
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: Some(id),
                    items,
                },
            })
        };
        Ok(DocumentDiagnosticReportResult::Report(report))
    }

    pub(super) async fn tokens(
        &self,
        uri: &Uri,
        range: Option<Range>,
    ) -> Result<Option<SemanticTokens>> {
        let request = self.request(uri).await?;
        let span = range.map(|r| Span::new(request.offset(r.start), request.offset(r.end)));
        let tokens = request.run("semanticTokens", |files, file| {
            ide::semantic_tokens(files, file, span)
        })?;
        let data = request.convert().semantic_tokens(request.file, &tokens);
        Ok(Some(SemanticTokens {
            result_id: None,
            data,
        }))
    }

    pub(super) async fn hints(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let request = self.request(&params.text_document.uri).await?;
        let span = Span::new(
            request.offset(params.range.start),
            request.offset(params.range.end),
        );
        let (now, logins) = (super::now(), &request.analysis.logins);
        let hints = request.run("inlayHint", |files, file| {
            ide::inlay_hints_with_logins(files, file, span, now, logins)
        })?;
        let (convert, file) = (request.convert(), request.file);
        Ok(Some(
            hints
                .into_iter()
                .map(|h| InlayHint {
                    position: convert.position(file, h.offset),
                    label: InlayHintLabel::String(h.label),
                    kind: None,
                    text_edits: None,
                    tooltip: h.tooltip.map(|value| {
                        InlayHintTooltip::MarkupContent(MarkupContent {
                            kind: MarkupKind::Markdown,
                            value,
                        })
                    }),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
                .collect(),
        ))
    }

    pub(super) async fn links(&self, uri: &Uri) -> Result<Option<Vec<DocumentLink>>> {
        let request = self.request(uri).await?;
        // Asked of the machine now: a file created since the last analysis gets its link.
        let host = RealHost::from_env();
        let links = request.run("documentLink", |files, file| {
            ide::document_links(files, file, &host)
        })?;
        let (convert, file) = (request.convert(), request.file);
        Ok(Some(
            links
                .into_iter()
                .filter_map(|link| {
                    let target = match link.target {
                        LinkTarget::Url(url) => url.parse::<Uri>().ok(),
                        LinkTarget::File(path) => Uri::from_file_path(path),
                    };
                    Some(DocumentLink {
                        range: convert.range(file, link.span),
                        target: Some(target?),
                        tooltip: Some(link.tooltip),
                        data: None,
                    })
                })
                .collect(),
        ))
    }

    pub(super) async fn workspace_symbols(
        &self,
        query: &str,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let uris: Vec<Uri> = lock(&self.workspace)
            .documents
            .values()
            .map(|d| d.uri.clone())
            .collect();
        let mut analyses: Vec<(Arc<Analysis>, ColumnEncoding)> = Vec::new();
        for uri in uris {
            let (analysis, _, encoding) = self.analysis_for(&uri).await?;
            if !analyses.iter().any(|(a, _)| Arc::ptr_eq(a, &analysis)) {
                analyses.push((analysis, encoding));
            }
        }
        let mut found: Vec<(u8, WorkspaceSymbol)> = Vec::new();
        for (analysis, encoding) in &analyses {
            let texts = analysis.texts();
            let files = Files {
                model: &analysis.model,
                texts: &texts,
            };
            let symbols = super::guarded("workspaceSymbol", || {
                ide::workspace_symbols(files, query, ide::MAX_WORKSPACE_SYMBOLS)
            })?;
            let convert = Convert {
                analysis,
                encoding: *encoding,
            };
            for symbol in symbols {
                let Some(location) = convert.location(symbol.at) else {
                    continue;
                };
                // A file may belong to two groups (a partner read from disk twice).
                if found
                    .iter()
                    .any(|(_, s)| matches!(&s.location, OneOf::Left(l) if *l == location))
                {
                    continue;
                }
                #[allow(deprecated)]
                let kind = match symbol.kind {
                    ide::SymbolKind::SsoSession => SymbolKind::OBJECT,
                    _ => SymbolKind::NAMESPACE,
                };
                let container = analysis.members[symbol.at.file].kind.as_str().to_string();
                found.push((
                    symbol.rank,
                    WorkspaceSymbol {
                        name: symbol.name,
                        kind,
                        tags: None,
                        container_name: Some(container),
                        location: OneOf::Left(location),
                        data: None,
                    },
                ));
            }
        }
        // Best matches first, in the order of the files among equals; at most the limit.
        found.sort_by_key(|(rank, _)| *rank);
        found.truncate(ide::MAX_WORKSPACE_SYMBOLS);
        Ok(Some(WorkspaceSymbolResponse::Nested(
            found.into_iter().map(|(_, s)| s).collect(),
        )))
    }

    pub(super) async fn format_range(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let request = self.request(&params.text_document.uri).await?;
        let span = Span::new(
            request.offset(params.range.start),
            request.offset(params.range.end),
        );
        let edits = request.run("rangeFormatting", |files, file| {
            ide::format_range(files, file, span)
        })?;
        Ok(Some(request.convert().text_edits(request.file, edits)))
    }
}
