//! The AWS SDK for JavaScript v3's reading (and so the AWS CDK's, the Serverless Framework's,
//! every Node.js tool's on that SDK): `@smithy/shared-ini-file-loader` 4.7 (its code lives in
//! `@smithy/core` 3.41, `submodules/config`: `parseIni`, `getConfigData`,
//! `loadSharedConfigFiles`, `mergeConfigFiles`, `loadSsoSessionData`). The differential tests
//! check it against the real npm package.
//!
//! - The file is decoded as UTF-8, a bad byte read as U+FFFD (no error); lines end at `\n` or
//!   `\r\n` (a lone `\r` stays in the line).
//! - Each line loses everything from the first `#` or `;` that starts the line or follows a
//!   whitespace character (JavaScript's `\s`, Unicode), then is trimmed (`String.trim`, which
//!   also strips a byte-order mark).
//! - `[…]` is a header. `prefix name`, `prefix "name"` or `prefix 'name'` (one whitespace
//!   character, the name of `[A-Za-z0-9_\-@+.%:/]`) is a section `prefix.name` when the prefix
//!   is `profile`, `sso-session` or `services`, and no section at all for another prefix; any
//!   other header text is a section of that exact name. `[__proto__]` or `[profile __proto__]`
//!   throws, and the whole file is read as empty.
//! - In a section, `key = value` (split at the first `=`, both sides trimmed) sets `key`, case
//!   kept; `key =` with nothing after it sets nothing and opens a block: the `sub = value` lines
//!   after it set `key.sub`, until a line that is not indented sets a key. Any other line (no
//!   `=`, or `=` first) is skipped without a word; there are no continuation lines.
//! - The config file keeps `[default]`, `[profile x]` (as `x`, replacing `[default]` whole for
//!   `x` = `default`), `[sso-session x]` and `[services x]`; the credentials file keeps every
//!   section by its name. Profiles of both files merge key by key, the credentials file's
//!   winning; sso-sessions come from the config file alone.
//! - Sections are keys of a plain JavaScript object: one named like a property of
//!   `Object.prototype` (`constructor`, `toString`…) is never seen.

use crate::model::FileKind;
use crate::text::Span;
use std::collections::BTreeMap;

/// JavaScript's `\s` (and what `String.trim` strips): Unicode spaces, line terminators and
/// the byte-order mark.
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

fn js_trim(text: &str, span: Span) -> Span {
    // ASCII whitespace byte by byte; a character past it that is not ASCII may be Unicode
    // whitespace, which the general path below handles.
    let bytes = span.slice(text).as_bytes();
    let space = |b: &u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let start = bytes.iter().take_while(|b| space(b)).count();
    let end = bytes.len() - bytes[start..].iter().rev().take_while(|b| space(b)).count();
    if start == end || (bytes[start].is_ascii() && bytes[end - 1].is_ascii()) {
        return Span::new(span.start + start, span.start + end);
    }
    let slice = &span.slice(text)[start..end];
    let start_trimmed = slice.trim_start_matches(is_js_space);
    let from = span.start + start + (slice.len() - start_trimmed.len());
    Span::new(
        from,
        from + start_trimmed.trim_end_matches(is_js_space).len(),
    )
}

/// The properties of `Object.prototype`: sections of these names are never seen.
const OBJECT_PROTOTYPE: &[&str] = &[
    "constructor",
    "__defineGetter__",
    "__defineSetter__",
    "hasOwnProperty",
    "__lookupGetter__",
    "__lookupSetter__",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toString",
    "valueOf",
    "__proto__",
    "toLocaleString",
];

const SECTION_TYPES: [&str; 3] = ["profile", "sso-session", "services"];

/// Whether a section of this name is lost to `Object.prototype`'s property of that name.
pub fn is_prototype_name(name: &str) -> bool {
    OBJECT_PROTOTYPE.contains(&name)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsFile {
    pub kind: FileKind,
    pub lines: Vec<JsLine>,
    /// `[__proto__]` or `[profile __proto__]` makes `parseIni` throw: the whole file is read
    /// as empty. The line of that header.
    pub refused_at: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsLine {
    pub span: Span,
    pub kind: JsLineKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsLineKind {
    /// Blank, a comment, outside any section, or a line that sets nothing (no `=`, `=` first).
    Skipped { comment: bool },
    /// A header: the object key of its section (`profile.a`, `default`, `a`), or `None` when
    /// no section is kept (an unknown prefix, an empty name, a name of `Object.prototype`).
    Header { section: Option<String> },
    /// `key =`: opens a block of `key.sub` keys; sets nothing itself.
    Block { key: Span },
    /// `key = value`, in a block (`block.key`) or not.
    Key {
        block: Option<Span>,
        key: Span,
        value: Span,
    },
}

/// Where the comment of a line starts: the first `#` or `;` at the start or after JavaScript
/// whitespace (`split(/(^|\s)[;#]/)[0]`, which also drops that whitespace character).
fn comment_start(text: &str, span: Span) -> Option<usize> {
    let line = span.slice(text);
    // `#` and `;` are single bytes that no other character's encoding holds: look at those
    // bytes only, and at the character before each.
    let mut from = 0;
    while let Some(found) = crate::syntax::find_comment_char(&line.as_bytes()[from..]) {
        let at = from + found;
        match line[..at].chars().next_back() {
            None => return Some(span.start),
            Some(p) if is_js_space(p) => return Some(span.start + at - p.len_utf8()),
            _ => {}
        }
        from = at + 1;
    }
    None
}

/// `prefixKeyRegex` (`^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$`): the prefix and the name.
fn prefix_and_name(section: &str) -> Option<(&str, &str)> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let prefix_end = section.find(|c: char| !(word(c) || c == '-'))?;
    if prefix_end == 0 {
        return None;
    }
    let rest = &section[prefix_end..];
    let space = rest.chars().next()?;
    if !is_js_space(space) {
        return None;
    }
    let rest = &rest[space.len_utf8()..];
    let name_char = |c: char| word(c) || matches!(c, '-' | '@' | '+' | '.' | '%' | ':' | '/');
    let quoted = |q: char| {
        rest.strip_prefix(q)
            .and_then(|r| r.strip_suffix(q))
            .filter(|name| !name.is_empty() && name.chars().all(name_char))
    };
    let name = if !rest.is_empty() && rest.chars().all(name_char) {
        rest
    } else {
        quoted('"').or_else(|| quoted('\''))?
    };
    Some((&section[..prefix_end], name))
}

/// The object key `parseIni` gives the section of a header, or `None` for none.
fn section_key(inner: &str) -> Option<String> {
    let key = match prefix_and_name(inner) {
        Some((prefix, name)) if SECTION_TYPES.contains(&prefix) => format!("{prefix}.{name}"),
        Some(_) => return None,
        None => inner.to_string(),
    };
    // `if (currentSection)`: an empty name is no section; and a name of `Object.prototype`
    // finds the prototype's property instead of a fresh object.
    (!key.is_empty() && !OBJECT_PROTOTYPE.contains(&key.as_str())).then_some(key)
}

impl JsFile {
    /// `parseIni` over `text`, line by line. Never fails.
    pub fn read(kind: FileKind, text: &str) -> JsFile {
        let mut lines = Vec::new();
        let mut refused_at = None;
        let mut section: Option<String> = None;
        let mut block: Option<Span> = None;
        let bytes = text.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            let newline = crate::syntax::find_byte(&bytes[start..], b'\n').map(|n| start + n);
            let (end, next) = match newline {
                Some(n) if n > start && bytes[n - 1] == b'\r' => (n - 1, n + 1),
                Some(n) => (n, n + 1),
                None => (bytes.len(), bytes.len() + 1),
            };
            let span = Span::new(start, end);
            start = next;
            let content_end = comment_start(text, span).unwrap_or(span.end);
            let trimmed = js_trim(text, Span::new(span.start, content_end));
            let line = trimmed.slice(text);
            let comment = content_end < span.end;
            let kind = if line.len() >= 2 && line.starts_with('[') && line.ends_with(']') {
                let inner = &line[1..line.len() - 1];
                if (inner == "__proto__" || inner == "profile __proto__") && refused_at.is_none() {
                    refused_at = Some(lines.len());
                }
                section = section_key(inner);
                block = None;
                JsLineKind::Header {
                    section: section.clone(),
                }
            } else if section.is_none() {
                JsLineKind::Skipped { comment }
            } else {
                match line.find('=') {
                    None | Some(0) => JsLineKind::Skipped { comment },
                    Some(eq) => {
                        let key = js_trim(text, Span::new(trimmed.start, trimmed.start + eq));
                        let value = js_trim(text, Span::new(trimmed.start + eq + 1, trimmed.end));
                        if value.is_empty() {
                            block = Some(key);
                            JsLineKind::Block { key }
                        } else {
                            let raw = span.slice(text);
                            if block.is_some()
                                && raw.trim_start_matches(is_js_space).len() == raw.len()
                            {
                                block = None;
                            }
                            JsLineKind::Key { block, key, value }
                        }
                    }
                }
            };
            lines.push(JsLine { span, kind });
        }
        JsFile {
            kind,
            lines,
            refused_at,
        }
    }

    /// `parseIni`'s object: each section's keys (a block's as `block.key`), later keys winning.
    /// Empty when the file threw.
    pub fn sections(&self, text: &str) -> BTreeMap<String, BTreeMap<String, String>> {
        let mut map: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
        if self.refused_at.is_some() {
            return map;
        }
        let mut current: Option<&str> = None;
        for line in &self.lines {
            match &line.kind {
                JsLineKind::Header { section } => current = section.as_deref(),
                JsLineKind::Key { block, key, value } => {
                    let Some(section) = current else { continue };
                    let key = match block {
                        Some(block) => format!("{}.{}", block.slice(text), key.slice(text)),
                        None => key.slice(text).to_string(),
                    };
                    // Assigning `__proto__` sets the object's prototype, not a key.
                    if key == "__proto__" {
                        continue;
                    }
                    map.entry(section.to_string())
                        .or_default()
                        .insert(key, value.slice(text).to_string());
                }
                _ => {}
            }
        }
        map
    }
}

/// The profiles, sso-sessions and services sections the AWS SDK for JavaScript sees.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JsProfiles {
    pub profiles: BTreeMap<String, BTreeMap<String, String>>,
    pub sso_sessions: BTreeMap<String, BTreeMap<String, String>>,
    pub services: BTreeMap<String, BTreeMap<String, String>>,
}

/// The config file's sections as `getConfigData` keeps them: `default`, then each
/// `profile.x` as `x` (so `[profile default]` replaces `[default]` whole), `sso-session.x`
/// and `services.x` as they are. No other two keys can meet, so the order does not matter.
fn config_data(
    sections: BTreeMap<String, BTreeMap<String, String>>,
) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut kept = BTreeMap::new();
    if let Some(default) = sections.get("default") {
        kept.insert("default".to_string(), default.clone());
    }
    for (key, values) in sections {
        let Some((prefix, name)) = key.split_once('.') else {
            continue;
        };
        if !SECTION_TYPES.contains(&prefix) {
            continue;
        }
        let kept_key = if prefix == "profile" {
            name.to_string()
        } else {
            key.clone()
        };
        kept.insert(kept_key, values);
    }
    kept
}

/// Whether `getConfigData` keeps a config-file section (by `parseIni`'s key) as a profile,
/// and under which name; `hidden_default`: the file also has `[profile default]`.
pub fn config_profile(section: &str, hidden_default: bool) -> Option<&str> {
    let name = match section.split_once('.') {
        Some(("profile", name)) => name,
        None if section == "default" && !hidden_default => "default",
        _ => return None,
    };
    // `mergeConfigFiles` finds `Object.prototype`'s property for these names and loses them.
    (!OBJECT_PROTOTYPE.contains(&name)).then_some(name)
}

/// The profiles (config and credentials merged key by key, the credentials file winning),
/// sso-sessions (config file) and services sections (config file) of `files` and their texts.
pub fn profiles(files: &[(&JsFile, &str)]) -> JsProfiles {
    let mut merged: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let mut sso_sessions = BTreeMap::new();
    let mut services = BTreeMap::new();
    for kind in [FileKind::Config, FileKind::Credentials] {
        for (file, text) in files.iter().filter(|(f, _)| f.kind == kind) {
            let sections = file.sections(text);
            let data = match kind {
                FileKind::Config => {
                    for (key, values) in &sections {
                        if let Some(name) = key.strip_prefix("sso-session.") {
                            sso_sessions.insert(name.to_string(), values.clone());
                        }
                    }
                    config_data(sections)
                }
                FileKind::Credentials => sections,
            };
            for (key, values) in data {
                // `merged[key] !== undefined` holds for `Object.prototype`'s names: lost.
                if OBJECT_PROTOTYPE.contains(&key.as_str()) {
                    continue;
                }
                if kind == FileKind::Config {
                    if let Some(name) = key.strip_prefix("services.") {
                        services.insert(name.to_string(), values.clone());
                    }
                }
                merged.entry(key).or_default().extend(values);
            }
        }
    }
    merged.retain(|key, _| !key.starts_with("sso-session.") && !key.starts_with("services."));
    JsProfiles {
        profiles: merged,
        sso_sessions,
        services,
    }
}
