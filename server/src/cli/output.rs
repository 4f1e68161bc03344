//! Rendering diagnostics: `human` (like rustc and ruff), `json` (LSP-shaped ranges) and
//! `sarif` (SARIF 2.1.0 for GitHub code scanning).
//!
//! Nothing a file holds reaches the output raw: source lines are shown with every secret
//! masked (see the core's `redact`) and invisible or control characters as `?`; paths and
//! messages with control characters escaped (`\u{1b}`), so a file cannot drive the
//! terminal. A fix whose text would carry a secret is shared as the smallest edit that does
//! not (`key: SECRET` to `key = SECRET` is the edit `:` to ` =`), or not at all.

use super::check::Group;
use aws_config_lsp_core::lint::values::invisible_character_name;
use aws_config_lsp_core::lint::{Code, Diagnostic, Severity, TextEdit};
use aws_config_lsp_core::redact::line_secret_spans;
use aws_config_lsp_core::syntax::SyntaxTree;
use aws_config_lsp_core::text::{
    escape_controls, mask_secret, redact_secrets, ColumnEncoding, LineIndex, Position, Span,
};
use serde::Serialize;
use std::fmt::Write;
use std::io::IsTerminal;

/// A text of several lines for a terminal: control characters inside each line escaped.
pub fn terminal_lines(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            let (content, end) = match line.strip_suffix('\n') {
                Some(content) => (content, "\n"),
                None => (line, ""),
            };
            format!("{}{end}", escape_controls(content))
        })
        .collect()
}

/// Colour only on a terminal, and never when NO_COLOR is set.
pub fn use_colour() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

struct Painter(bool);

impl Painter {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn severity(&self, severity: Severity) -> String {
        let colour = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Information => "1;36",
            Severity::Hint => "1;32",
        };
        self.paint(colour, severity.as_str())
    }
}

/// A file's text with what is needed to locate spans in it.
struct Located<'a> {
    path: String,
    text: &'a str,
    index: LineIndex,
    tree: &'a SyntaxTree,
}

fn located(group: &Group) -> Vec<Located<'_>> {
    group
        .files
        .iter()
        .zip(&group.model.files)
        .map(|(f, model)| Located {
            path: f.path.display().to_string(),
            text: &f.decoded.text,
            index: LineIndex::new(&f.decoded.text),
            tree: &model.tree,
        })
        .collect()
}

impl Located<'_> {
    /// The index of the core's line (the SDKs' line) that holds `offset`.
    fn tree_line(&self, offset: usize) -> Option<usize> {
        let lines = &self.tree.lines;
        let i = lines
            .partition_point(|l| l.span.start <= offset)
            .checked_sub(1)?;
        (offset <= lines[i].span.end + lines[i].terminator.len()).then_some(i)
    }

    /// The secrets of the lines `span` touches.
    fn secrets_around(&self, span: Span) -> Vec<Span> {
        let (Some(first), Some(last)) = (self.tree_line(span.start), self.tree_line(span.end))
        else {
            return Vec::new();
        };
        (first..=last)
            .flat_map(|line| line_secret_spans(self.tree, self.text, line))
            .collect()
    }

    /// The edits to share for `edit` (JSON, SARIF): the edit itself when its text carries no
    /// secret of the lines it touches; else the smallest edit that gives the same result, or
    /// two deletions around text that stays; else none.
    fn shareable(&self, edit: &TextEdit) -> Option<Vec<(Span, String)>> {
        let secrets = self.secrets_around(edit.span);
        let carries = |text: &str| {
            secrets.iter().any(|s| text.contains(s.slice(self.text)))
                || matches!(redact_secrets(text), std::borrow::Cow::Owned(_))
        };
        let new = edit.new_text.as_str();
        if !carries(new) {
            return Some(vec![(edit.span, new.to_string())]);
        }
        let old = edit.span.slice(self.text);
        let prefix = common_prefix(old, new);
        let suffix = common_prefix_rev(&old[prefix..], &new[prefix..]);
        let span = Span::new(edit.span.start + prefix, edit.span.end - suffix);
        let inserted = &new[prefix..new.len() - suffix];
        if !carries(inserted) {
            return Some(vec![(span, inserted.to_string())]);
        }
        let removed = span.slice(self.text);
        let at = removed.find(inserted)?;
        let kept = Span::new(span.start + at, span.start + at + inserted.len());
        Some(
            [
                Span::new(span.start, kept.start),
                Span::new(kept.end, span.end),
            ]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(|s| (s, String::new()))
            .collect(),
        )
    }
}

/// The length in bytes of the longest common prefix, on a character boundary.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
        .min(a.len())
        .min(b.len())
}

/// The length in bytes of the longest common suffix, on a character boundary.
fn common_prefix_rev(a: &str, b: &str) -> usize {
    let mut length = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        length += x.len_utf8();
    }
    length
}

fn position(file: &Located<'_>, offset: usize, encoding: ColumnEncoding) -> Position {
    file.index.position(file.text, offset, encoding)
}

pub fn human(groups: &[Group], colour: bool) -> String {
    let painter = Painter(colour);
    let mut out = String::new();
    let (mut errors, mut warnings, mut infos, mut files) = (0, 0, 0, 0);
    let mut partners = Vec::new();
    for group in groups {
        files += group.files.len() - group.context.len();
        for &index in &group.context {
            let partner = &group.files[index];
            partners.push(format!(
                "Read together with {}, the {} file beside it (not reported on).",
                partner.path.display(),
                partner.kind
            ));
        }
        let located = located(group);
        for d in &group.diagnostics {
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                _ => infos += 1,
            }
            let file = &located[d.file];
            let start = position(file, d.span.start, ColumnEncoding::Utf16);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}]: {}",
                painter.paint("1", &escape_controls(&file.path)),
                start.line + 1,
                start.character + 1,
                painter.severity(d.severity),
                d.code.as_str(),
                escape_controls(&d.message)
            );
            render_source(&mut out, d, file, &painter);
            for related in &d.related {
                let other = &located[related.file];
                let at = position(other, related.span.start, ColumnEncoding::Utf16);
                let _ = writeln!(
                    out,
                    "  = note: {}:{}:{}: {}",
                    escape_controls(&other.path),
                    at.line + 1,
                    at.character + 1,
                    escape_controls(&related.message)
                );
            }
            for fix in &d.fixes {
                let _ = writeln!(
                    out,
                    "  = {}: {}",
                    painter.paint("1;32", "fix"),
                    escape_controls(&fix.title)
                );
            }
            out.push('\n');
        }
    }
    let summary = if errors + warnings + infos == 0 {
        format!("No problems found in {files} file{}.", plural(files))
    } else {
        format!(
            "{errors} error{}, {warnings} warning{}, {infos} other{} in {files} file{}.",
            plural(errors),
            plural(warnings),
            plural(infos),
            plural(files)
        )
    };
    for partner in partners {
        let _ = writeln!(out, "{partner}");
    }
    let _ = writeln!(out, "{}", painter.paint("1", &summary));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Bytes of a long source line shown before the start of a diagnostic.
const CONTEXT_BYTES: usize = 60;
/// Characters of a source line shown at most.
const MAX_SHOWN_CHARS: usize = 200;

/// The source line under a diagnostic, with a caret underline. Secrets are masked, and
/// invisible and control characters shown as `?`, one column each.
fn render_source(out: &mut String, d: &Diagnostic, file: &Located<'_>, painter: &Painter) {
    let line_number = file.index.line_of(d.span.start);
    // The line that holds the start, found by bisection: a search from the top for each of
    // ten thousand diagnostics of a 100 MB file was quadratic.
    let Some(line_index) = file.tree_line(d.span.start) else {
        return;
    };
    let line = &file.tree.lines[line_index];
    let text = file.text;
    let secrets = line_secret_spans(file.tree, text, line_index);
    // The shown line, and where each source byte offset lands in it.
    let mut columns: Vec<(usize, usize)> = Vec::new();
    // A long line is shown around the start: a few characters before it, and at most
    // `MAX_SHOWN_CHARS` in all, cut ends marked with `…`. A masked secret is shown whole or
    // not at all.
    let mut offset = d
        .span
        .start
        .saturating_sub(CONTEXT_BYTES)
        .max(line.span.start);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    if let Some(secret) = secrets.iter().find(|s| s.start < offset && offset < s.end) {
        offset = secret.start;
    }
    let mut shown = String::new();
    let mut column = 0;
    if offset > line.span.start {
        shown.push('…');
        column = 1;
    }
    let mut count = 0;
    while offset < line.span.end {
        if count >= MAX_SHOWN_CHARS && offset > d.span.start {
            shown.push('…');
            break;
        }
        count += 1;
        if let Some(secret) = secrets.iter().find(|s| s.start == offset) {
            let masked = mask_secret(secret.slice(text));
            columns.push((offset, column));
            column += masked.chars().count();
            shown.push_str(&masked);
            offset = secret.end;
            continue;
        }
        let Some(ch) = text[offset..].chars().next() else {
            break;
        };
        columns.push((offset, column));
        shown.push(if invisible_character_name(ch).is_some() {
            '?'
        } else {
            ch
        });
        column += 1;
        offset += ch.len_utf8();
    }
    columns.push((offset, column));
    let column_of = |byte: usize| {
        columns
            .iter()
            .rev()
            .find(|(o, _)| *o <= byte)
            .map_or(0, |(_, c)| *c)
    };
    let start = column_of(d.span.start);
    let end = column_of(d.span.end.min(offset)).max(start + 1);
    let gutter = (line_number + 1).to_string();
    let pad = " ".repeat(gutter.len());
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{gutter} | {shown}");
    let carets = painter.paint("1;31", &"^".repeat(end - start));
    let _ = writeln!(out, "{pad} | {}{carets}", " ".repeat(start));
}

/// A zero-based LSP position (UTF-16 columns). Fields of the serialized structs below are
/// in alphabetical order: the output keeps the key order it had when it was built as a
/// `serde_json::Value` (whose maps are sorted).
#[derive(Serialize)]
struct LspPosition {
    character: u32,
    line: u32,
}

#[derive(Serialize)]
struct LspRange {
    end: LspPosition,
    start: LspPosition,
}

fn lsp_range(file: &Located<'_>, span: Span) -> LspRange {
    let start = position(file, span.start, ColumnEncoding::Utf16);
    let end = position(file, span.end, ColumnEncoding::Utf16);
    LspRange {
        end: LspPosition {
            character: end.character,
            line: end.line,
        },
        start: LspPosition {
            character: start.character,
            line: start.line,
        },
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    files: Vec<JsonFile>,
}

/// A file `check` read: named (checked), or only read beside a named one.
#[derive(Serialize)]
struct JsonFile {
    checked: bool,
    kind: &'static str,
    path: String,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    file: &'a str,
    fixes: Vec<JsonFix<'a>>,
    message: &'a str,
    range: LspRange,
    related: Vec<JsonRelated<'a>>,
    severity: &'a str,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: &'a str,
    message: &'a str,
    range: LspRange,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    edits: Vec<JsonEdit<'a>>,
    title: &'a str,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    file: &'a str,
    #[serde(rename = "newText")]
    new_text: String,
    range: LspRange,
}

/// Pretty JSON of `value`, serialized straight from borrowed data: a `serde_json::Value`
/// tree of ten thousand diagnostics took ten times the memory of its text.
fn pretty_json(value: &impl Serialize) -> String {
    let mut bytes = Vec::with_capacity(64 * 1024);
    serde_json::to_writer_pretty(&mut bytes, value).expect("JSON");
    bytes.push(b'\n');
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

pub fn json(groups: &[Group]) -> String {
    let located: Vec<Vec<Located<'_>>> = groups.iter().map(located).collect();
    let mut diagnostics = Vec::new();
    for (group, located) in groups.iter().zip(&located) {
        for d in &group.diagnostics {
            let file = &located[d.file];
            diagnostics.push(JsonDiagnostic {
                code: d.code.as_str(),
                file: &file.path,
                fixes: shareable_fixes(located, d)
                    .into_iter()
                    .map(|(title, edits)| JsonFix {
                        edits: edits
                            .into_iter()
                            .map(|(f, span, new_text)| JsonEdit {
                                file: &located[f].path,
                                new_text,
                                range: lsp_range(&located[f], span),
                            })
                            .collect(),
                        title,
                    })
                    .collect(),
                message: &d.message,
                range: lsp_range(file, d.span),
                related: d
                    .related
                    .iter()
                    .map(|r| JsonRelated {
                        file: &located[r.file].path,
                        message: &r.message,
                        range: lsp_range(&located[r.file], r.span),
                    })
                    .collect(),
                severity: d.severity.as_str(),
            });
        }
    }
    // Which files were read, and which only as a named file's partner.
    let files: Vec<JsonFile> = groups
        .iter()
        .flat_map(|group| {
            group.files.iter().enumerate().map(|(index, f)| JsonFile {
                checked: !group.is_context(index),
                kind: f.kind.as_str(),
                path: f.path.display().to_string(),
            })
        })
        .collect();
    pretty_json(&JsonReport { diagnostics, files })
}

/// A shared fix: its title and its edits as (file, span, new text).
type SharedFix<'a> = (&'a str, Vec<(usize, Span, String)>);

/// The fixes of a diagnostic as they can be shared without a secret in them (see
/// [`Located::shareable`]); a fix that cannot be is left out.
fn shareable_fixes<'a>(located: &[Located<'_>], d: &'a Diagnostic) -> Vec<SharedFix<'a>> {
    d.fixes
        .iter()
        .filter_map(|fix| {
            let mut edits = Vec::new();
            for edit in &fix.edits {
                let file = located.get(edit.file)?;
                edits.extend(
                    file.shareable(edit)?
                        .into_iter()
                        .map(|(span, text)| (edit.file, span, text)),
                );
            }
            Some((fix.title.as_str(), edits))
        })
        .collect()
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information | Severity::Hint => "note",
    }
}

/// SARIF regions: one-based lines and columns, columns in UTF-16 code units (SARIF's default
/// `columnKind`), end column exclusive.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRegion {
    end_column: u64,
    end_line: u64,
    start_column: u64,
    start_line: u64,
}

fn sarif_region(file: &Located<'_>, span: Span) -> SarifRegion {
    let start = position(file, span.start, ColumnEncoding::Utf16);
    let end = position(file, span.end, ColumnEncoding::Utf16);
    SarifRegion {
        end_column: u64::from(end.character) + 1,
        end_line: u64::from(end.line) + 1,
        start_column: u64::from(start.character) + 1,
        start_line: u64::from(start.line) + 1,
    }
}

#[derive(Serialize)]
struct SarifArtifact {
    uri: String,
}

fn artifact(path: &str) -> SarifArtifact {
    SarifArtifact {
        uri: path.replace('\\', "/"),
    }
}

#[derive(Serialize)]
struct SarifText<'a> {
    text: &'a str,
}

/// A text built for the output: a fix's edit cut so that it carries no secret.
#[derive(Serialize)]
struct SarifOwnedText {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLog<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [SarifRun<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    tool: SarifTool,
}

#[derive(Serialize)]
struct SarifTool {
    driver: SarifDriver,
}

#[derive(Serialize)]
struct SarifDriver {
    name: &'static str,
    rules: Vec<SarifRule>,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRule {
    default_configuration: SarifLevel,
    id: &'static str,
    short_description: SarifText<'static>,
}

#[derive(Serialize)]
struct SarifLevel {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
    level: &'static str,
    locations: [SarifLocation; 1],
    message: SarifText<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifRelated<'a>>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation {
    physical_location: SarifPhysical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifPhysical {
    artifact_location: SarifArtifact,
    region: SarifRegion,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRelated<'a> {
    id: usize,
    message: SarifText<'a>,
    physical_location: SarifPhysical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    artifact_changes: Vec<SarifChange>,
    description: SarifText<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifChange {
    artifact_location: SarifArtifact,
    replacements: Vec<SarifReplacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifReplacement {
    deleted_region: SarifRegion,
    inserted_content: SarifOwnedText,
}

pub fn sarif(groups: &[Group]) -> String {
    let rules: Vec<SarifRule> = Code::ALL
        .iter()
        .map(|code| SarifRule {
            default_configuration: SarifLevel {
                level: sarif_level(code.default_severity()),
            },
            id: code.as_str(),
            short_description: SarifText {
                text: code.summary(),
            },
        })
        .collect();
    let located: Vec<Vec<Located<'_>>> = groups.iter().map(located).collect();
    let mut results = Vec::new();
    for (group, located) in groups.iter().zip(&located) {
        for d in &group.diagnostics {
            let file = &located[d.file];
            let rule_index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
            let related_locations = d
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| SarifRelated {
                    id: i,
                    message: SarifText { text: &r.message },
                    physical_location: SarifPhysical {
                        artifact_location: artifact(&located[r.file].path),
                        region: sarif_region(&located[r.file], r.span),
                    },
                })
                .collect();
            let fixes = shareable_fixes(located, d)
                .into_iter()
                .map(|(title, edits)| {
                    let mut by_file: Vec<(usize, Vec<SarifReplacement>)> = Vec::new();
                    for (file, span, new_text) in edits {
                        let replacement = SarifReplacement {
                            deleted_region: sarif_region(&located[file], span),
                            inserted_content: SarifOwnedText { text: new_text },
                        };
                        match by_file.iter_mut().find(|(f, _)| *f == file) {
                            Some((_, list)) => list.push(replacement),
                            None => by_file.push((file, vec![replacement])),
                        }
                    }
                    SarifFix {
                        artifact_changes: by_file
                            .into_iter()
                            .map(|(f, replacements)| SarifChange {
                                artifact_location: artifact(&located[f].path),
                                replacements,
                            })
                            .collect(),
                        description: SarifText { text: title },
                    }
                })
                .collect();
            results.push(SarifResult {
                fixes,
                level: sarif_level(d.severity),
                locations: [SarifLocation {
                    physical_location: SarifPhysical {
                        artifact_location: artifact(&file.path),
                        region: sarif_region(file, d.span),
                    },
                }],
                message: SarifText { text: &d.message },
                related_locations,
                rule_id: d.code.as_str(),
                rule_index,
            });
        }
    }
    pretty_json(&SarifLog {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [SarifRun {
            column_kind: "utf16CodeUnits",
            results,
            tool: SarifTool {
                driver: SarifDriver {
                    name: "aws-config-lsp",
                    rules,
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    })
}
