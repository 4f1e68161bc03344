//! Between the core's byte spans and LSP positions, in the negotiated encoding.

use super::workspace::Analysis;
use aws_config_lsp_core::ide::{self, FileSpan};
use aws_config_lsp_core::lint::{self, Severity};
use aws_config_lsp_core::text::{self, ColumnEncoding, Span};
use std::collections::HashMap;
use tower_lsp_server::ls_types as lsp;

/// Where each code is documented (its section of docs/diagnostics.md).
pub const DOCS_URL: &str =
    "https://github.com/aws-config-lsp/aws-config-lsp/blob/main/docs/diagnostics.md";

pub struct Convert<'a> {
    pub analysis: &'a Analysis,
    pub encoding: ColumnEncoding,
}

impl Convert<'_> {
    pub fn position(&self, file: usize, offset: usize) -> lsp::Position {
        let text = &self.analysis.members[file].text;
        let p = self.analysis.lines[file].position(text, offset, self.encoding);
        lsp::Position::new(p.line, p.character)
    }

    pub fn range(&self, file: usize, span: Span) -> lsp::Range {
        lsp::Range::new(
            self.position(file, span.start),
            self.position(file, span.end),
        )
    }

    /// Edits of file `file` (a formatter's: span and new text) as LSP text edits.
    pub fn text_edits(&self, file: usize, edits: Vec<(Span, String)>) -> Vec<lsp::TextEdit> {
        edits
            .into_iter()
            .map(|(span, new_text)| lsp::TextEdit {
                range: self.range(file, span),
                new_text,
            })
            .collect()
    }

    /// The byte offset of a position; a line past the end clamps to the end of the text.
    pub fn offset(&self, file: usize, position: lsp::Position) -> usize {
        let text = &self.analysis.members[file].text;
        let p = text::Position {
            line: position.line,
            character: position.character,
        };
        self.analysis.lines[file]
            .offset(text, p, self.encoding)
            .unwrap_or(text.len())
    }

    /// Semantic tokens of `file` in the protocol's relative encoding: each token's line and
    /// start from the previous one's, lengths in the negotiated unit. The core's tokens are in
    /// file order and never span lines.
    pub fn semantic_tokens(&self, file: usize, tokens: &[ide::Token]) -> Vec<lsp::SemanticToken> {
        let text = &self.analysis.members[file].text;
        let lines = &self.analysis.lines[file];
        let mut out = Vec::with_capacity(tokens.len());
        let (mut line, mut start) = (0, 0);
        for token in tokens {
            let from = lines.position(text, token.span.start, self.encoding);
            let to = lines.position(text, token.span.end, self.encoding);
            if to.line != from.line {
                // Never from the core; a client could not show it.
                continue;
            }
            out.push(lsp::SemanticToken {
                delta_line: from.line - line,
                delta_start: if from.line == line {
                    from.character - start
                } else {
                    from.character
                },
                length: to.character - from.character,
                token_type: token.kind as u32,
                token_modifiers_bitset: token.modifiers,
            });
            (line, start) = (from.line, from.character);
        }
        out
    }

    pub fn location(&self, at: FileSpan) -> Option<lsp::Location> {
        let uri = self.analysis.members.get(at.file)?.location_uri()?;
        Some(lsp::Location::new(uri, self.range(at.file, at.span)))
    }

    /// The same as [`Convert::diagnostic`], borrowed, for publishing.
    pub fn wire<'d>(&self, d: &'d lint::Diagnostic) -> WireDiagnostic<'d> {
        WireDiagnostic {
            range: self.range(d.file, d.span),
            severity: severity(d.severity),
            code: d.code.as_str(),
            code_description: code_description(d.code),
            source: "aws-config-lsp",
            message: &d.message,
            related_information: self.related(d),
            tags: d.unnecessary.then_some([lsp::DiagnosticTag::UNNECESSARY]),
        }
    }

    fn related(&self, d: &lint::Diagnostic) -> Vec<lsp::DiagnosticRelatedInformation> {
        d.related
            .iter()
            .filter_map(|r| {
                Some(lsp::DiagnosticRelatedInformation {
                    location: self.location(FileSpan {
                        file: r.file,
                        span: r.span,
                    })?,
                    message: r.message.clone(),
                })
            })
            .collect()
    }

    pub fn diagnostic(&self, d: &lint::Diagnostic) -> lsp::Diagnostic {
        let related = self.related(d);
        lsp::Diagnostic {
            range: self.range(d.file, d.span),
            severity: Some(severity(d.severity)),
            code: Some(lsp::NumberOrString::String(d.code.as_str().to_string())),
            code_description: code_description(d.code).cloned(),
            source: Some("aws-config-lsp".to_string()),
            message: d.message.clone(),
            related_information: (!related.is_empty()).then_some(related),
            tags: d.unnecessary.then(|| vec![lsp::DiagnosticTag::UNNECESSARY]),
            data: None,
        }
    }

    /// Edits grouped by document; edits in a file without a URI are dropped (none exist in
    /// practice: every analysed file is open or on disk).
    pub fn workspace_edit(
        &self,
        edits: impl IntoIterator<Item = (FileSpan, String)>,
    ) -> lsp::WorkspaceEdit {
        let mut changes: HashMap<lsp::Uri, Vec<lsp::TextEdit>> = HashMap::new();
        for (at, new_text) in edits {
            let Some(uri) = self.analysis.members[at.file].location_uri() else {
                continue;
            };
            changes.entry(uri).or_default().push(lsp::TextEdit {
                range: self.range(at.file, at.span),
                new_text,
            });
        }
        lsp::WorkspaceEdit {
            changes: Some(changes),
            ..Default::default()
        }
    }
}

/// The link to a code's documentation, parsed once per code: a large file has thousands of
/// diagnostics and a URI parse each adds up.
fn code_description(code: lint::Code) -> Option<&'static lsp::CodeDescription> {
    static LINKS: std::sync::OnceLock<HashMap<lint::Code, lsp::CodeDescription>> =
        std::sync::OnceLock::new();
    LINKS
        .get_or_init(|| {
            lint::Code::ALL
                .iter()
                .filter_map(|&code| {
                    let href = format!("{DOCS_URL}#{}", code.as_str());
                    Some((
                        code,
                        lsp::CodeDescription {
                            href: href.parse().ok()?,
                        },
                    ))
                })
                .collect()
        })
        .get(&code)
}

/// A lint diagnostic in the shape of an LSP `Diagnostic`, serialized from borrowed data:
/// building thousands of owned `lsp::Diagnostic`s only to serialize and free them costs more
/// than serializing.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireDiagnostic<'a> {
    range: lsp::Range,
    severity: lsp::DiagnosticSeverity,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<&'static lsp::CodeDescription>,
    source: &'static str,
    message: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_information: Vec<lsp::DiagnosticRelatedInformation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<[lsp::DiagnosticTag; 1]>,
}

pub fn severity(severity: Severity) -> lsp::DiagnosticSeverity {
    match severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Information => lsp::DiagnosticSeverity::INFORMATION,
        Severity::Hint => lsp::DiagnosticSeverity::HINT,
    }
}
