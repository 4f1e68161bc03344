//! The outline of a file (sections and their keys), folding ranges and selection ranges.

use super::locate::{locate, Target};
use super::Files;
use crate::model::{FileModel, Section, SectionKind};
use crate::text::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    Profile,
    SsoSession,
    Services,
    /// `[plugins]`, `[preview]`, an ignored or unknown section.
    OtherSection,
    Key,
}

/// One entry of the outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole section (or property), from the header to its last line.
    pub range: Span,
    /// The name to select when the entry is picked.
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// Sections and their keys, in file order. Secret values never appear.
pub fn symbols(files: Files<'_>, file: usize) -> Vec<Symbol> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    model
        .sections
        .iter()
        .map(|section| {
            let children = section
                .properties
                .iter()
                .map(|p| Symbol {
                    name: p.key.to_string(),
                    detail: None,
                    kind: SymbolKind::Key,
                    range: content_span(model, p.line, p.last_line),
                    selection: p.key_span,
                    children: Vec::new(),
                })
                .collect();
            let kind = match section.kind {
                SectionKind::Profile => SymbolKind::Profile,
                SectionKind::SsoSession => SymbolKind::SsoSession,
                SectionKind::Services => SymbolKind::Services,
                _ => SymbolKind::OtherSection,
            };
            let selection = if section.name_span.is_empty() {
                model.tree.lines[section.line].span
            } else {
                section.name_span
            };
            Symbol {
                name: if section.name.is_empty() {
                    format!("[{}]", section.raw_key)
                } else {
                    section.name.to_string()
                },
                detail: section.prefix.as_ref().map(|p| p.to_string()),
                kind,
                range: section_span(model, section),
                selection,
                children,
            }
        })
        .collect()
}

/// Foldable line ranges (zero-based, inclusive): each section with more than its header.
pub fn folding_ranges(files: Files<'_>, file: usize) -> Vec<(usize, usize)> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    model
        .sections
        .iter()
        .map(|s| (s.line, s.last_line()))
        .filter(|(start, end)| end > start)
        .collect()
}

/// Ranges around `offset`, innermost first: the word (key, value or name), the line, the
/// section, the file.
pub fn selection_ranges(files: Files<'_>, file: usize, offset: usize) -> Vec<Span> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    let text = files.texts[file];
    let mut out = Vec::new();
    if let Some(target) = locate(files, file, offset) {
        let (section, word, line) = match target {
            Target::Header { section } => {
                let s = &model.sections[section];
                (s, Some(s.name_span), s.line)
            }
            Target::Key { section, property } => {
                let s = &model.sections[section];
                let p = &s.properties[property];
                (s, Some(p.key_span), p.line)
            }
            Target::Value { section, property } => {
                let s = &model.sections[section];
                let p = &s.properties[property];
                (s, Some(p.value_span), p.line)
            }
            Target::SubKey {
                section,
                property,
                sub,
            } => {
                let s = &model.sections[section];
                let p = &s.properties[property].sub_properties[sub];
                (s, Some(p.key_span), p.line)
            }
            Target::SubValue {
                section,
                property,
                sub,
            } => {
                let s = &model.sections[section];
                let p = &s.properties[property].sub_properties[sub];
                (s, Some(p.value_span), p.line)
            }
        };
        if let Some(word) = word.filter(|w| w.contains(offset) || w.end == offset) {
            out.push(word);
        }
        out.push(model.tree.lines[line].span);
        out.push(section_span(model, section));
    }
    out.push(Span::new(0, text.len()));
    out.dedup();
    out
}

fn section_span(model: &FileModel, section: &Section) -> Span {
    content_span(model, section.line, section.last_line())
}

/// Lines `first..=last` without the last line's terminator: what an outline entry covers.
fn content_span(model: &FileModel, first: usize, last: usize) -> Span {
    let lines = &model.tree.lines;
    let last = last.min(lines.len().saturating_sub(1));
    Span::new(lines[first].span.start, lines[last].span.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{at, Fixture};

    const CONFIG: &str = "[default]\nregion = eu-west-1\n\n[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://x.awsapps.com/start\n\n[plugins]\n";

    #[test]
    fn outline_has_sections_with_their_keys() {
        let f = Fixture::new(CONFIG, "");
        let outline = symbols(f.files(), 0);
        let names: Vec<(&str, SymbolKind, usize)> = outline
            .iter()
            .map(|s| (s.name.as_str(), s.kind, s.children.len()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("default", SymbolKind::Profile, 1),
                ("corp", SymbolKind::SsoSession, 2),
                ("plugins", SymbolKind::OtherSection, 0)
            ]
        );
        assert_eq!(outline[1].range.slice(CONFIG), "[sso-session corp]\nsso_region = eu-west-1\nsso_start_url = https://x.awsapps.com/start");
        assert_eq!(outline[1].selection.slice(CONFIG), "corp");
    }

    #[test]
    fn folds_sections_with_content() {
        let f = Fixture::new(CONFIG, "");
        assert_eq!(folding_ranges(f.files(), 0), vec![(0, 1), (3, 5)]);
    }

    #[test]
    fn selection_grows_from_word_to_file() {
        let f = Fixture::new(CONFIG, "");
        let ranges = selection_ranges(f.files(), 0, at(CONFIG, "west", 0));
        let texts: Vec<&str> = ranges.iter().map(|r| r.slice(CONFIG)).collect();
        assert_eq!(texts[0], "eu-west-1");
        assert_eq!(texts[1], "region = eu-west-1");
        assert_eq!(texts[2], "[default]\nregion = eu-west-1");
        assert_eq!(texts[3], CONFIG);
    }
}
