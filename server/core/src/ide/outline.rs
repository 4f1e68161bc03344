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
    /// The last entry of an outline cut at [`MAX_SYMBOLS`]: what was left out.
    Omitted,
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

/// At most this many entries (sections and keys, and the note of what was left out) in an
/// outline: a file of 200,000 sections would otherwise give an answer of tens of megabytes
/// that no editor can show. Sections come first: past the limit, keys are listed only for the
/// first sections, then sections stop.
pub const MAX_SYMBOLS: usize = 5_000;

/// Names longer than this (in characters) are shortened in outlines, hovers and completions.
pub const MAX_NAME_CHARS: usize = 100;

/// `name`, or its first [`MAX_NAME_CHARS`] characters and `…` when it is longer.
pub fn short_name(name: &str) -> std::borrow::Cow<'_, str> {
    match name.char_indices().nth(MAX_NAME_CHARS) {
        None => std::borrow::Cow::Borrowed(name),
        Some((cut, _)) => std::borrow::Cow::Owned(format!("{}…", &name[..cut])),
    }
}

/// Sections and their keys, in file order, at most [`MAX_SYMBOLS`] entries: when the file
/// has more, the last entry ([`SymbolKind::Omitted`]) says how many sections and keys were
/// left out, and covers them. Secret values never appear.
pub fn symbols(files: Files<'_>, file: usize) -> Vec<Symbol> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    let sections = &model.sections;
    let keys: usize = sections.iter().map(|s| s.properties.len()).sum();
    let fits = sections.len() + keys <= MAX_SYMBOLS;
    // Room for the note of what was left out when everything does not fit.
    let listed = if fits {
        sections.len()
    } else {
        sections.len().min(MAX_SYMBOLS - 1)
    };
    let mut key_budget = if fits { keys } else { MAX_SYMBOLS - 1 - listed };
    // Keys for a prefix of the sections: every section before the first one without them has
    // all of its keys.
    let mut keys_shown = true;
    let mut out: Vec<Symbol> = Vec::with_capacity(listed + 1);
    let mut keys_left_out = 0;
    for section in &sections[..listed] {
        keys_shown &= section.properties.len() <= key_budget;
        let children = if keys_shown {
            key_budget -= section.properties.len();
            section
                .properties
                .iter()
                .map(|p| Symbol {
                    name: short_name(&p.key).into_owned(),
                    detail: None,
                    kind: SymbolKind::Key,
                    range: content_span(model, p.line, p.last_line),
                    selection: p.key_span,
                    children: Vec::new(),
                })
                .collect()
        } else {
            keys_left_out += section.properties.len();
            Vec::new()
        };
        out.push(section_symbol(model, section, children));
    }
    let sections_left_out = sections.len() - listed;
    keys_left_out += sections[listed..]
        .iter()
        .map(|s| s.properties.len())
        .sum::<usize>();
    if sections_left_out + keys_left_out > 0 {
        let text_end = files.texts.get(file).map_or(0, |t| t.len());
        // The note covers the sections it stands for, or sits at the end of the file.
        let range = match sections.get(listed) {
            Some(first) => Span::new(model.tree.lines[first.line].span.start, text_end),
            None => Span::empty(text_end),
        };
        let mut what = Vec::new();
        if sections_left_out > 0 {
            what.push(format!(
                "{sections_left_out} more section{}",
                plural(sections_left_out)
            ));
        }
        if keys_left_out > 0 {
            what.push(format!("{keys_left_out} key{}", plural(keys_left_out)));
        }
        out.push(Symbol {
            name: format!(
                "… {} not listed (the outline stops at {MAX_SYMBOLS} entries)",
                what.join(" and ")
            ),
            detail: None,
            kind: SymbolKind::Omitted,
            range,
            selection: Span::empty(range.start),
            children: Vec::new(),
        });
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn section_symbol(model: &FileModel, section: &Section, children: Vec<Symbol>) -> Symbol {
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
            format!("[{}]", short_name(&section.raw_key))
        } else {
            short_name(&section.name).into_owned()
        },
        detail: section.prefix.as_ref().map(|p| short_name(p).into_owned()),
        kind,
        range: section_span(model, section),
        selection,
        children,
    }
}

/// At most this many entries in an answer to a workspace symbol query: the best matches
/// first (see [`symbol_match`]). Editors ask again as the user types more of the name.
pub const MAX_WORKSPACE_SYMBOLS: usize = 1_000;

/// A profile or sso-session of the analysed files, for a workspace symbol query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    /// [`SymbolKind::Profile`] or [`SymbolKind::SsoSession`].
    pub kind: SymbolKind,
    /// The name in its header.
    pub at: super::FileSpan,
    /// How well the name matches the query: lower is better ([`symbol_match`]).
    pub rank: u8,
}

/// How `name` matches `query` the way editors filter symbols: ignoring case, the query's
/// characters in order in the name. `Some(0)`: the same name (or an empty query), `1`: a
/// prefix, `2`: a substring, `3`: characters in order; `None`: no match.
pub fn symbol_match(name: &str, query: &str) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
    let name = name.to_lowercase();
    let query = query.to_lowercase();
    if name == query {
        return Some(0);
    }
    if name.starts_with(&query) {
        return Some(1);
    }
    if name.contains(&query) {
        return Some(2);
    }
    let mut rest = name.chars();
    query.chars().all(|q| rest.any(|c| c == q)).then_some(3)
}

/// The profiles and sso-sessions of every analysed file whose names match `query`, best
/// matches first and in file order among equals, at most `limit`.
pub fn workspace_symbols(files: Files<'_>, query: &str, limit: usize) -> Vec<WorkspaceSymbol> {
    let mut out = Vec::new();
    for (file, model) in files.model.files.iter().enumerate() {
        for section in &model.sections {
            let kind = match section.kind {
                SectionKind::Profile => SymbolKind::Profile,
                SectionKind::SsoSession => SymbolKind::SsoSession,
                _ => continue,
            };
            if section.name.is_empty() {
                continue;
            }
            let Some(rank) = symbol_match(&section.name, query) else {
                continue;
            };
            out.push(WorkspaceSymbol {
                name: short_name(&section.name).into_owned(),
                kind,
                at: super::FileSpan {
                    file,
                    span: section.name_span,
                },
                rank,
            });
        }
    }
    // Stable: file order among equal ranks.
    out.sort_by_key(|s| s.rank);
    out.truncate(limit);
    out
}

/// At most this many folding ranges: one per section, so a file with more sections than an
/// outline lists folds its first ones.
pub const MAX_FOLDING_RANGES: usize = MAX_SYMBOLS;

/// Foldable line ranges (zero-based, inclusive): each section with more than its header, at
/// most [`MAX_FOLDING_RANGES`].
pub fn folding_ranges(files: Files<'_>, file: usize) -> Vec<(usize, usize)> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    model
        .sections
        .iter()
        .map(|s| (s.line, s.last_line()))
        .filter(|(start, end)| end > start)
        .take(MAX_FOLDING_RANGES)
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
    fn an_outline_past_the_limit_lists_sections_first_and_says_what_it_left_out() {
        // More sections than the limit: the first ones, without keys, and a note.
        let many: String = (0..MAX_SYMBOLS + 10)
            .map(|i| format!("[profile p{i}]\nregion = eu-west-1\n"))
            .collect();
        let f = Fixture::generated(many);
        let outline = symbols(f.files(), 0);
        assert_eq!(outline.len(), MAX_SYMBOLS);
        assert!(outline[..MAX_SYMBOLS - 1]
            .iter()
            .all(|s| s.kind == SymbolKind::Profile && s.children.is_empty()));
        let note = outline.last().unwrap();
        assert_eq!(note.kind, SymbolKind::Omitted);
        assert_eq!(
            note.name,
            format!("… 11 more sections and {} keys not listed (the outline stops at {MAX_SYMBOLS} entries)", MAX_SYMBOLS + 10)
        );
        assert!(note
            .range
            .slice(f.texts[0])
            .starts_with(&format!("[profile p{}]", MAX_SYMBOLS - 1)));
        assert_eq!(note.range.end, f.texts[0].len());
        assert_eq!(folding_ranges(f.files(), 0).len(), MAX_FOLDING_RANGES);

        // Sections fit but not their keys: keys for the first sections only.
        let sections = MAX_SYMBOLS / 4 + 10;
        let keys: String = (0..sections)
            .map(|i| {
                format!("[profile p{i}]\nregion = eu-west-1\noutput = json\ncli_pager = less\n")
            })
            .collect();
        let f = Fixture::generated(keys);
        let outline = symbols(f.files(), 0);
        let entries: usize = outline.iter().map(|s| 1 + s.children.len()).sum();
        assert!(entries <= MAX_SYMBOLS, "{entries}");
        assert_eq!(outline.len(), sections + 1);
        let with_keys = outline
            .iter()
            .take_while(|s| !s.children.is_empty())
            .count();
        assert!(with_keys > 0 && with_keys < sections, "{with_keys}");
        assert!(outline[with_keys..sections]
            .iter()
            .all(|s| s.children.is_empty()));
        let note = outline.last().unwrap();
        assert_eq!(note.kind, SymbolKind::Omitted);
        let left_out = 3 * (sections - with_keys);
        assert_eq!(
            note.name,
            format!("… {left_out} keys not listed (the outline stops at {MAX_SYMBOLS} entries)")
        );
        assert_eq!(note.range, Span::empty(f.texts[0].len()));
    }

    #[test]
    fn long_names_are_shortened_in_the_outline() {
        let name = "n".repeat(5_000);
        let f = Fixture::generated(format!("[{name} {name}]\n[profile {name}]\n{name} = x\n"));
        let outline = symbols(f.files(), 0);
        assert_eq!(
            outline[0].detail.as_deref(),
            Some(&*format!("{}…", &name[..100]))
        );
        assert_eq!(outline[1].name, format!("{}…", &name[..100]));
        assert_eq!(outline[1].children[0].name, format!("{}…", &name[..100]));
        assert_eq!(short_name("ab"), "ab");
        assert_eq!(
            short_name(&"é".repeat(101)),
            format!("{}…", "é".repeat(100))
        );
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

    #[test]
    fn workspace_symbols_match_like_editors_best_first() {
        let f = Fixture::new(
            "[profile dev]\n[profile prod-admin]\n[sso-session corp]\n[plugins]\n[profile Admin]\n",
            "[admin]\n[profile x]\n",
        );
        let found = |query: &str| -> Vec<(String, SymbolKind, usize, u8)> {
            workspace_symbols(f.files(), query, MAX_WORKSPACE_SYMBOLS)
                .into_iter()
                .map(|s| (s.name, s.kind, s.at.file, s.rank))
                .collect()
        };
        assert_eq!(
            found("admin"),
            vec![
                ("Admin".to_string(), SymbolKind::Profile, 0, 0),
                ("admin".to_string(), SymbolKind::Profile, 1, 0),
                ("prod-admin".to_string(), SymbolKind::Profile, 0, 2),
            ]
        );
        assert_eq!(
            found("pa"),
            vec![("prod-admin".to_string(), SymbolKind::Profile, 0, 3)]
        );
        assert_eq!(
            found("co"),
            vec![("corp".to_string(), SymbolKind::SsoSession, 0, 1)]
        );
        // Everything (not [plugins]) for an empty query, in file order; the credentials
        // file's `[profile x]` is a profile section too (ignored by the SDKs, still there).
        assert_eq!(found("").len(), 6);
        let symbol = &workspace_symbols(f.files(), "dev", 1)[0];
        assert_eq!(symbol.at.span.slice(f.texts[0]), "dev");
        assert_eq!(workspace_symbols(f.files(), "", 2).len(), 2);
        assert_eq!(symbol_match("prod-admin", "PDA"), Some(3));
        assert_eq!(symbol_match("dev", "ved"), None);
    }
}
