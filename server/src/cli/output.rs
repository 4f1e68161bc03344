//! Rendering diagnostics: `human` (like rustc and ruff), `json` (LSP-shaped ranges) and
//! `sarif` (SARIF 2.1.0 for GitHub code scanning). Source lines are shown with secrets
//! masked.

use super::check::Group;
use aws_config_lsp_core::lint::values::invisible_character_name;
use aws_config_lsp_core::lint::{Code, Diagnostic, Severity};
use aws_config_lsp_core::model::mask_for_display;
use aws_config_lsp_core::syntax::LineKind;
use aws_config_lsp_core::text::{ColumnEncoding, LineIndex, Position, Span};
use serde_json::{json, Value};
use std::fmt::Write;
use std::io::IsTerminal;

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
}

fn located(group: &Group) -> Vec<Located<'_>> {
    group
        .files
        .iter()
        .map(|f| Located {
            path: f.path.display().to_string(),
            text: &f.decoded.text,
            index: LineIndex::new(&f.decoded.text),
        })
        .collect()
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
                painter.paint("1", &file.path),
                start.line + 1,
                start.character + 1,
                painter.severity(d.severity),
                d.code.as_str(),
                d.message
            );
            render_source(&mut out, group, d, file, &painter);
            for related in &d.related {
                let other = &located[related.file];
                let at = position(other, related.span.start, ColumnEncoding::Utf16);
                let _ = writeln!(
                    out,
                    "  = note: {}:{}:{}: {}",
                    other.path,
                    at.line + 1,
                    at.character + 1,
                    related.message
                );
            }
            for fix in &d.fixes {
                let _ = writeln!(out, "  = {}: {}", painter.paint("1;32", "fix"), fix.title);
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

/// The source line under a diagnostic, with a caret underline. Secret values are masked and
/// invisible characters shown as `?`, one column each.
fn render_source(
    out: &mut String,
    group: &Group,
    d: &Diagnostic,
    file: &Located<'_>,
    painter: &Painter,
) {
    let line_number = file.index.line_of(d.span.start);
    let tree = &group.model.files[d.file].tree;
    let Some(line) = tree
        .lines
        .iter()
        .find(|l| l.span.start <= d.span.start && d.span.start <= l.span.end)
    else {
        return;
    };
    let text = file.text;
    // Pieces of the displayed line: (source span, shown text).
    let mut shown = String::new();
    let mut columns: Vec<(usize, usize)> = Vec::new(); // byte offset in source -> column
    let masked_value = match &line.kind {
        LineKind::Property(p) if !p.value.is_empty() => {
            mask_for_display(p.key.slice(text), p.value.slice(text)).map(|shown| (p.value, shown))
        }
        _ => None,
    };
    let mut offset = line.span.start;
    let mut column = 0;
    while offset < line.span.end {
        if let Some((value, masked)) = masked_value.as_ref().filter(|(v, _)| v.start == offset) {
            columns.push((offset, column));
            column += masked.chars().count();
            shown.push_str(masked);
            offset = value.end;
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
    columns.push((line.span.end, column));
    let column_of = |byte: usize| {
        columns
            .iter()
            .rev()
            .find(|(o, _)| *o <= byte)
            .map_or(0, |(_, c)| *c)
    };
    let start = column_of(d.span.start);
    let end = column_of(d.span.end.min(line.span.end)).max(start + 1);
    let gutter = (line_number + 1).to_string();
    let pad = " ".repeat(gutter.len());
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{gutter} | {shown}");
    let carets = painter.paint("1;31", &"^".repeat(end - start));
    let _ = writeln!(out, "{pad} | {}{carets}", " ".repeat(start));
}

fn lsp_range(file: &Located<'_>, span: Span) -> Value {
    let start = position(file, span.start, ColumnEncoding::Utf16);
    let end = position(file, span.end, ColumnEncoding::Utf16);
    json!({
        "start": {"line": start.line, "character": start.character},
        "end": {"line": end.line, "character": end.character},
    })
}

pub fn json(groups: &[Group]) -> String {
    let mut diagnostics = Vec::new();
    for group in groups {
        let located = located(group);
        for d in &group.diagnostics {
            let file = &located[d.file];
            diagnostics.push(json!({
                "file": file.path,
                "range": lsp_range(file, d.span),
                "severity": d.severity.as_str(),
                "code": d.code.as_str(),
                "message": d.message,
                "related": d.related.iter().map(|r| json!({
                    "file": located[r.file].path,
                    "range": lsp_range(&located[r.file], r.span),
                    "message": r.message,
                })).collect::<Vec<_>>(),
                "fixes": d.fixes.iter().map(|fix| json!({
                    "title": fix.title,
                    "edits": fix.edits.iter().map(|e| json!({
                        "file": located[e.file].path,
                        "range": lsp_range(&located[e.file], e.span),
                        "newText": e.new_text,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            }));
        }
    }
    // Which files were read, and which only as a named file's partner.
    let files: Vec<Value> = groups
        .iter()
        .flat_map(|group| {
            group.files.iter().enumerate().map(|(index, f)| {
                json!({
                    "path": f.path.display().to_string(),
                    "kind": f.kind.to_string(),
                    "checked": !group.is_context(index),
                })
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "files": files,
        "diagnostics": diagnostics,
    }))
    .expect("JSON");
    text.push('\n');
    text
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
fn sarif_region(file: &Located<'_>, span: Span) -> Value {
    let start = position(file, span.start, ColumnEncoding::Utf16);
    let end = position(file, span.end, ColumnEncoding::Utf16);
    json!({
        "startLine": start.line + 1,
        "startColumn": start.character + 1,
        "endLine": end.line + 1,
        "endColumn": end.character + 1,
    })
}

fn artifact(path: &str) -> Value {
    json!({ "uri": path.replace('\\', "/") })
}

pub fn sarif(groups: &[Group]) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": { "text": code.summary() },
                "defaultConfiguration": { "level": sarif_level(code.default_severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for group in groups {
        let located = located(group);
        for d in &group.diagnostics {
            let file = &located[d.file];
            let rule_index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "ruleIndex": rule_index,
                "level": sarif_level(d.severity),
                "message": { "text": d.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&file.path),
                        "region": sarif_region(file, d.span),
                    }
                }],
            });
            if !d.related.is_empty() {
                result["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        json!({
                            "id": i,
                            "message": { "text": r.message },
                            "physicalLocation": {
                                "artifactLocation": artifact(&located[r.file].path),
                                "region": sarif_region(&located[r.file], r.span),
                            }
                        })
                    })
                    .collect();
            }
            if !d.fixes.is_empty() {
                result["fixes"] = d
                    .fixes
                    .iter()
                    .map(|fix| {
                        let mut by_file: Vec<(usize, Vec<Value>)> = Vec::new();
                        for edit in &fix.edits {
                            let replacement = json!({
                                "deletedRegion": sarif_region(&located[edit.file], edit.span),
                                "insertedContent": { "text": edit.new_text },
                            });
                            match by_file.iter_mut().find(|(f, _)| *f == edit.file) {
                                Some((_, list)) => list.push(replacement),
                                None => by_file.push((edit.file, vec![replacement])),
                            }
                        }
                        json!({
                            "description": { "text": fix.title },
                            "artifactChanges": by_file.into_iter().map(|(f, replacements)| json!({
                                "artifactLocation": artifact(&located[f].path),
                                "replacements": replacements,
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "aws-config-lsp",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&log).expect("JSON");
    text.push('\n');
    text
}
