//! botocore's layer over `configparser` (botocore 1.44, `botocore/configloader.py` and
//! `botocore/session.py`), which is what the AWS CLI and boto3 read the files with:
//!
//! - `raw_config_parse`: every section's options, `[DEFAULT]`'s included; a value that starts
//!   with a newline (`s3 =` followed by indented lines) is parsed into a nested map: each
//!   non-blank line (Python's `splitlines`) split at its first `=` (none: `ValueError`, and the
//!   whole file is refused), both sides stripped, keys kept as written;
//! - `build_profile_map` (config file only): a section whose name starts with `profile`,
//!   `sso-session` or `services` is split like a shell word list (`shlex.split`); exactly two
//!   words make an entry named by the second word, anything else drops the section; a section
//!   named exactly `default` is the default profile; everything else is not a profile. Later
//!   sections replace earlier ones of the same name whole (a `dict.update`), so `[default]` and
//!   `[profile default]` are one profile: whichever comes last;
//! - `Session.full_config`: the config file first; then each credentials-file section, named
//!   exactly as written between the brackets, is added as a profile or updates the config
//!   profile of that name key by key;
//! - a parse error in either file (`ConfigParseError`) stops every command;
//! - static keys of the profile in use come from the credentials file alone when its section of
//!   that exact name holds `aws_access_key_id` (`SharedCredentialProvider`), else from the
//!   config file's profile alone (`ConfigProvider`): the key id, the secret (missing:
//!   `PartialCredentialsError`), and the token, `aws_security_token` before
//!   `aws_session_token` ([`CliView::static_keys`]).

use super::configparser::{self, Owner, ParsedFile, PyErrorKind, Raised};
use crate::model::FileKind;
use crate::text::Span;
use std::collections::BTreeMap;

/// What botocore makes of a `configparser` section. Two fates name the same thing when their
/// kinds and [`Name::text`] are equal (not their spans).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fate {
    Profile(Name),
    SsoSession(Name),
    Services(Name),
    /// Named `profile…`, `sso-session…` or `services…`, but not two shell words (or with an
    /// unclosed quote): botocore drops it.
    Dropped,
    /// Any other config-file section (`[plugins]`, `[preview]`, `[foo]`): not a profile.
    NotAProfile,
}

/// A name botocore gives a section: a slice of the file's text where it is one (almost always),
/// or the words `shlex` made of quotes and backslashes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Name {
    In(Span),
    Own(Box<str>),
}

impl Name {
    pub fn text<'a>(&'a self, text: &'a str) -> &'a str {
        match self {
            Name::In(span) => span.slice(text),
            Name::Own(name) => name,
        }
    }
}

impl Fate {
    /// The kind (profile, sso-session, services) and name, for a section botocore reads.
    pub fn named<'a>(&'a self, text: &'a str) -> Option<(u8, &'a str)> {
        match self {
            Fate::Profile(name) => Some((0, name.text(text))),
            Fate::SsoSession(name) => Some((1, name.text(text))),
            Fate::Services(name) => Some((2, name.text(text))),
            Fate::Dropped | Fate::NotAProfile => None,
        }
    }
}

/// A value as botocore returns it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CliValue {
    Text(String),
    /// A value that starts with a newline, parsed into `key = value` pairs (a later key wins).
    Nested(Vec<(String, String)>),
}

/// Where a value comes from: the file (index into the model's files), and the option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CliOrigin {
    pub file: usize,
    pub owner: Owner,
    pub option: u32,
}

/// The error botocore raises for a file, as `ConfigParseError` wraps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliError {
    /// The class of the underlying exception: `DuplicateOptionError`, `ParsingError`,
    /// `MissingSectionHeaderError`, `DuplicateSectionError` (configparser), `ValueError`
    /// (a nested block), `UnicodeDecodeError`.
    pub class: &'static str,
    /// Zero-based lines at fault (all of them for `ParsingError`).
    pub lines: Vec<usize>,
    /// Where to point: the first line at fault, or the undecodable byte.
    pub span: Span,
    /// The exception's own text, as Python prints it (the file name left out).
    pub detail: String,
}

/// One file as botocore reads it.
#[derive(Clone, Debug)]
pub struct CliFile {
    pub kind: FileKind,
    pub parsed: ParsedFile,
    /// Per section of `parsed`, what botocore makes of it (the credentials file: a profile
    /// named as written).
    pub fates: Vec<Fate>,
    /// The error botocore raises for this file, if any.
    pub error: Option<CliError>,
}

/// The files as the AWS CLI reads them, and the error that stops it, if any.
#[derive(Clone, Debug, Default)]
pub struct CliView {
    pub files: Vec<CliFile>,
    /// The error that stops the AWS CLI (config file first), with the file's index.
    pub error: Option<(usize, CliError)>,
}

/// The profiles, sso-sessions and services sections the AWS CLI sees (`Session.full_config`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CliProfiles {
    pub profiles: BTreeMap<String, CliSection>,
    pub sso_sessions: BTreeMap<String, CliSection>,
    pub services: BTreeMap<String, CliSection>,
}

/// What botocore's static-key providers find for a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CliKeys {
    Found {
        /// Index of the file they come from (into [`CliView::files`]).
        file: usize,
        access_key_id: String,
        secret_access_key: String,
        /// The token and the key it was read from.
        token: Option<(String, &'static str)>,
    },
    /// `aws_access_key_id` without `aws_secret_access_key` in that file:
    /// `PartialCredentialsError`.
    Partial { file: usize },
}

/// The token keys botocore's providers look for, in order (`TOKENS`).
const TOKEN_KEYS: [&str; 2] = ["aws_security_token", "aws_session_token"];

/// A merged profile (or sso-session, services section): keys in botocore's order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CliSection {
    pub values: Vec<(String, CliValue, CliOrigin)>,
    /// The config-file section (index into `parsed.sections`) that won, if any.
    pub config_section: Option<u32>,
}

impl CliSection {
    pub fn get(&self, key: &str) -> Option<&CliValue> {
        self.values
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, v, _)| v)
    }

    fn set(&mut self, key: String, value: CliValue, origin: CliOrigin) {
        match self.values.iter_mut().find(|(k, _, _)| *k == key) {
            Some(slot) => {
                slot.1 = value;
                slot.2 = origin;
            }
            None => self.values.push((key, value, origin)),
        }
    }
}

/// One input: its kind, its text, and where the first byte that is not UTF-8 is, if any.
#[derive(Clone, Copy, Debug)]
pub struct CliInput<'a> {
    pub kind: FileKind,
    pub text: &'a str,
    pub invalid_utf8: Option<InvalidUtf8>,
}

/// The first bytes that are not UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidUtf8 {
    /// Where, in the text (which shows U+FFFD there).
    pub span: Span,
    /// How many bytes Python hands on to configparser before it raises
    /// ([`crate::text::python_decoded_len`]).
    pub python_decoded: usize,
}

impl InvalidUtf8 {
    pub fn of(decoded: &crate::text::DecodedText) -> Option<InvalidUtf8> {
        Some(InvalidUtf8 {
            span: *decoded.invalid_utf8.first()?,
            python_decoded: decoded.python_decoded?,
        })
    }
}

impl CliView {
    /// Reads the files as the AWS CLI does (config first).
    pub fn build(inputs: &[CliInput<'_>]) -> CliView {
        let mut view = CliView::default();
        for (index, input) in inputs.iter().enumerate() {
            let file = CliFile::read(*input);
            if view.error.is_none() {
                if let Some(error) = &file.error {
                    view.error = Some((index, error.clone()));
                }
            }
            view.files.push(file);
        }
        view
    }

    /// The static keys botocore's providers read for `profile`: the credentials file's section
    /// of that exact name when it holds `aws_access_key_id`, else the config file's profile.
    /// `texts` in the order of the files.
    pub fn static_keys(&self, texts: &[&str], profile: &str) -> Option<CliKeys> {
        if self.error.is_some() {
            return None;
        }
        let in_file = |kind: FileKind| -> Option<CliKeys> {
            let (index, file) = self
                .files
                .iter()
                .enumerate()
                .find(|(_, f)| f.kind == kind)?;
            let text = texts.get(index)?;
            // The section botocore reads for the profile: the last one of that name.
            let section = file.fates.iter().rposition(|fate| match fate {
                Fate::Profile(name) => name.text(text) == profile,
                _ => false,
            })?;
            let values = file.section_values(index, text, section as u32);
            let get = |key: &str| match values.get(key)? {
                CliValue::Text(text) => Some(text.clone()),
                // A block (`key =` then indented lines) is a map for botocore: it is there.
                CliValue::Nested(_) => Some(String::new()),
            };
            let access_key_id = get("aws_access_key_id")?;
            let Some(secret_access_key) = get("aws_secret_access_key") else {
                return Some(CliKeys::Partial { file: index });
            };
            let token = TOKEN_KEYS
                .iter()
                .find_map(|key| get(key).map(|value| (value, *key)));
            Some(CliKeys::Found {
                file: index,
                access_key_id,
                secret_access_key,
                token,
            })
        };
        in_file(FileKind::Credentials).or_else(|| in_file(FileKind::Config))
    }

    /// What `Session.full_config` holds, from the texts the files were read from (in the same
    /// order). Empty where the AWS CLI stops with an error.
    pub fn profiles(&self, texts: &[&str]) -> CliProfiles {
        let mut merged = CliProfiles::default();
        if self.error.is_some() {
            return merged;
        }
        for (index, (file, text)) in self.files.iter().zip(texts).enumerate() {
            if file.kind != FileKind::Config {
                continue;
            }
            for (section, fate) in file.fates.iter().enumerate() {
                let target = match fate {
                    Fate::Profile(name) => merged.profiles.entry(name.text(text).to_string()),
                    Fate::SsoSession(name) => {
                        merged.sso_sessions.entry(name.text(text).to_string())
                    }
                    Fate::Services(name) => merged.services.entry(name.text(text).to_string()),
                    Fate::Dropped | Fate::NotAProfile => continue,
                };
                // `dict.update({name: values})`: the later section replaces the earlier whole.
                let slot = target.or_default();
                *slot = file.section_values(index, text, section as u32);
                slot.config_section = Some(section as u32);
            }
        }
        for (index, (file, text)) in self.files.iter().zip(texts).enumerate() {
            if file.kind != FileKind::Credentials {
                continue;
            }
            for (section, fate) in file.fates.iter().enumerate() {
                let Fate::Profile(name) = fate else { continue };
                let values = file.section_values(index, text, section as u32);
                let slot = merged
                    .profiles
                    .entry(name.text(text).to_string())
                    .or_default();
                for (key, value, origin) in values.values {
                    slot.set(key, value, origin);
                }
            }
        }
        merged
    }
}

impl CliFile {
    pub fn read(input: CliInput<'_>) -> CliFile {
        let parsed = configparser::parse(input.text);
        let fates = parsed
            .sections
            .iter()
            .map(|section| match input.kind {
                FileKind::Config => config_fate(input.text, section.name),
                FileKind::Credentials => Fate::Profile(Name::In(section.name)),
            })
            .collect();
        let mut file = CliFile {
            kind: input.kind,
            parsed,
            fates,
            error: None,
        };
        file.error = file.raised(input);
        file
    }

    fn raised(&self, input: CliInput<'_>) -> Option<CliError> {
        let text = input.text;
        let lines = &self.parsed.lines;
        let raised = self.parsed.raised();
        if let Some(bad) = input.invalid_utf8 {
            // configparser reads the lines Python hands on before the decoding error; an error
            // that stops the read on one of them is raised first. A line is handed on once its
            // end is decoded (a lone `\r` once the character after it is, to tell it from
            // `\r\n`).
            if let Some(Raised::At(error)) = &raised {
                let end = lines
                    .get(error.line + 1)
                    .map_or(text.len(), |l| l.span.start);
                let line_end = lines[error.line].span.end;
                let lone_cr = text.as_bytes().get(line_end) == Some(&b'\r') && end == line_end + 1;
                let handed_on = if lone_cr {
                    end < bad.python_decoded
                } else {
                    end <= bad.python_decoded
                };
                if handed_on && end > line_end {
                    return self.describe(text, raised);
                }
            }
            return Some(CliError {
                class: "UnicodeDecodeError",
                lines: Vec::new(),
                span: bad.span,
                detail: "'utf-8' codec can't decode a byte of this file".to_string(),
            });
        }
        if raised.is_some() {
            return self.describe(text, raised);
        }
        // `raw_config_parse` then parses nested values, section by section, option by option
        // (the defaults included, in each section that does not set them).
        let nested =
            |entry: &configparser::PyOption| entry.value_span.is_empty() && !entry.more.is_empty();
        let defaults = &self.parsed.defaults.options;
        for section in &self.parsed.sections {
            let inherited = defaults
                .iter()
                .filter(|d| section.find(d.key(text), text).is_none());
            for entry in section
                .options
                .iter()
                .chain(inherited)
                .filter(|e| nested(e))
            {
                let value = entry.value(text);
                if value.starts_with('\n') && nested_lines(&value).is_none() {
                    let line = bad_nested_line(entry, text);
                    return Some(CliError {
                        class: "ValueError",
                        lines: vec![line],
                        span: lines[line].span,
                        detail: "not enough values to unpack (expected 2, got 1)".to_string(),
                    });
                }
            }
        }
        None
    }

    /// The class of the first error configparser finds on a line that starts within `span`.
    pub fn error_class_in(&self, span: Span) -> Option<&'static str> {
        self.parsed
            .errors
            .iter()
            .find(|e| span.start <= e.span.start && e.span.start <= span.end)
            .map(|e| e.kind.class())
    }

    fn describe(&self, text: &str, raised: Option<Raised>) -> Option<CliError> {
        let lines = &self.parsed.lines;
        let quote = |line: usize| python_repr(&format!("{}\n", lines[line].span.slice(text)));
        Some(match raised? {
            Raised::Parsing(at) => CliError {
                class: PyErrorKind::Parsing.class(),
                span: lines[at[0]].span,
                detail: at
                    .iter()
                    .map(|&line| format!("[line {:2}]: {}", line + 1, quote(line)))
                    .collect::<Vec<_>>()
                    .join("; "),
                lines: at,
            },
            Raised::At(error) => {
                let line = error.line;
                let span = lines[line].span;
                let detail = match error.kind {
                    PyErrorKind::MissingSectionHeader => {
                        format!(
                            "File contains no section headers (line {}: {})",
                            line + 1,
                            quote(line)
                        )
                    }
                    PyErrorKind::DuplicateSection => {
                        let name = match lines[line].kind {
                            configparser::PyLineKind::Header { name, .. } => name.slice(text),
                            _ => "",
                        };
                        format!(
                            "[line {:2}]: section {} already exists",
                            line + 1,
                            python_repr(name)
                        )
                    }
                    PyErrorKind::DuplicateOption => {
                        let (section, option) = match lines[line].kind {
                            configparser::PyLineKind::Option { owner, option, .. } => (
                                match owner {
                                    Owner::Defaults => configparser::DEFAULT_SECTION,
                                    Owner::Section(_) => {
                                        self.parsed.section(owner).name.slice(text)
                                    }
                                },
                                self.parsed.option(owner, option).key(text),
                            ),
                            _ => ("", ""),
                        };
                        format!(
                            "[line {:2}]: option {} in section {} already exists",
                            line + 1,
                            python_repr(option),
                            python_repr(section)
                        )
                    }
                    PyErrorKind::Parsing => unreachable!("collected, not raised at once"),
                };
                CliError {
                    class: error.kind.class(),
                    lines: vec![line],
                    span,
                    detail,
                }
            }
        })
    }

    /// The values botocore gives a section: its options, then the defaults it does not set.
    fn section_values(&self, file: usize, text: &str, section: u32) -> CliSection {
        let mut values = CliSection::default();
        for (owner, option) in self.parsed.options_of(section, text) {
            let entry = self.parsed.option(owner, option);
            let value = entry.value(text);
            let value = if value.starts_with('\n') {
                CliValue::Nested(nested_lines(&value).unwrap_or_default())
            } else {
                CliValue::Text(value.into_owned())
            };
            values.values.push((
                entry.key(text).to_string(),
                value,
                CliOrigin {
                    file,
                    owner,
                    option,
                },
            ));
        }
        values
    }
}

/// The line of a nested block that has no `=`.
fn bad_nested_line(entry: &configparser::PyOption, text: &str) -> usize {
    entry
        .more
        .iter()
        .find(|(_, piece)| {
            piece.is_some_and(|span| {
                split_lines(span.slice(text)).any(|l| {
                    !l.trim_matches(configparser::is_py_space).is_empty() && !l.contains('=')
                })
            })
        })
        .map_or(entry.line, |(line, _)| *line)
}

/// `_parse_nested`: `splitlines()`, strip, skip blank lines, split at the first `=`. `None`
/// where a line has no `=` (Python's `ValueError`).
pub fn nested_lines(value: &str) -> Option<Vec<(String, String)>> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for line in split_lines(value) {
        let line = line.trim_matches(configparser::is_py_space);
        if line.is_empty() {
            continue;
        }
        let (key, value) = line.split_once('=')?;
        let key = key.trim_matches(configparser::is_py_space).to_string();
        let value = value.trim_matches(configparser::is_py_space).to_string();
        match pairs.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = value,
            None => pairs.push((key, value)),
        }
    }
    Some(pairs)
}

/// Python's `str.splitlines()`: `\n`, `\r`, `\r\n`, `\v`, `\f`, `\x1c`-`\x1e`, `\x85`,
/// `\u2028`, `\u2029`.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let current = rest?;
        if current.is_empty() {
            rest = None;
            return None;
        }
        match current.char_indices().find(|(_, c)| {
            matches!(
                c,
                '\n' | '\r'
                    | '\u{b}'
                    | '\u{c}'
                    | '\u{1c}'
                    | '\u{1d}'
                    | '\u{1e}'
                    | '\u{85}'
                    | '\u{2028}'
                    | '\u{2029}'
            )
        }) {
            Some((at, c)) => {
                let mut next = at + c.len_utf8();
                if c == '\r' && current[next..].starts_with('\n') {
                    next += 1;
                }
                rest = Some(&current[next..]);
                Some(&current[..at])
            }
            None => {
                rest = None;
                Some(current)
            }
        }
    })
}

/// What `build_profile_map` makes of a config-file section name.
pub fn config_fate(text: &str, span: Span) -> Fate {
    let name = span.slice(text);
    let named = |make: fn(Name) -> Fate| match second_of_two_words(text, span) {
        Some(second) => make(second),
        None => Fate::Dropped,
    };
    if name.starts_with("profile") {
        named(Fate::Profile)
    } else if name.starts_with("sso-session") {
        named(Fate::SsoSession)
    } else if name.starts_with("services") {
        named(Fate::Services)
    } else if name == "default" {
        Fate::Profile(Name::In(span))
    } else {
        Fate::NotAProfile
    }
}

/// What `_parse_section` keeps of a name (`span` of `text`): its second word when
/// [`shlex_split`] gives exactly two. A name with no quote or backslash (nearly all) is split
/// at once, without a word list.
fn second_of_two_words(text: &str, span: Span) -> Option<Name> {
    let bytes = &text.as_bytes()[span.range()];
    if bytes.iter().any(|&b| matches!(b, b'"' | b'\'' | b'\\')) {
        let mut words = shlex_split(span.slice(text))?;
        return (words.len() == 2).then(|| Name::Own(words.pop().expect("two words").into()));
    }
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    let first_end = bytes.iter().position(is_space)?;
    let second_start = first_end + bytes[first_end..].iter().position(|b| !is_space(b))?;
    let second_end = second_start
        + bytes[second_start..]
            .iter()
            .position(is_space)
            .unwrap_or(bytes.len() - second_start);
    let rest_is_blank = bytes[second_end..].iter().all(is_space);
    (first_end > 0 && rest_is_blank).then(|| {
        Name::In(Span::new(
            span.start + second_start,
            span.start + second_end,
        ))
    })
}

/// `shlex.split(s)` (POSIX mode, no comments): words split at spaces, tabs, `\r` and `\n`;
/// `'…'` and `"…"` quote; a backslash escapes the next character (inside double quotes only
/// `"` and `\`). `None` where Python raises `ValueError` (an unclosed quote, a trailing
/// backslash).
pub fn shlex_split(text: &str) -> Option<Vec<String>> {
    const WHITESPACE: [char; 4] = [' ', '\t', '\r', '\n'];
    let mut words = Vec::new();
    let mut chars = text.chars();
    let mut token = String::new();
    let mut quoted = false;
    #[derive(PartialEq)]
    enum State {
        Space,
        Word,
        Quote(char),
        Escape(Option<char>),
    }
    let mut state = State::Space;
    loop {
        let next = chars.next();
        match state {
            State::Space | State::Word => match next {
                None => break,
                Some(c) if WHITESPACE.contains(&c) => {
                    if !token.is_empty() || quoted {
                        words.push(std::mem::take(&mut token));
                        quoted = false;
                    }
                    state = State::Space;
                }
                Some('\\') => state = State::Escape(None),
                Some(c @ ('\'' | '"')) => {
                    quoted = true;
                    state = State::Quote(c);
                }
                Some(c) => {
                    token.push(c);
                    state = State::Word;
                }
            },
            State::Quote(quote) => match next {
                None => return None,
                Some(c) if c == quote => state = State::Word,
                Some('\\') if quote == '"' => state = State::Escape(Some(quote)),
                Some(c) => token.push(c),
            },
            State::Escape(inside) => {
                let c = next?;
                if let Some(quote) = inside {
                    if c != quote && c != '\\' {
                        token.push('\\');
                    }
                }
                token.push(c);
                state = match inside {
                    Some(quote) => State::Quote(quote),
                    None => State::Word,
                };
            }
        }
    }
    if !token.is_empty() || quoted {
        words.push(token);
    }
    Some(words)
}

/// Python's `repr()` of a string (single quotes unless the text holds one and no double).
pub fn python_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if is_unprintable(c) => {
                let n = c as u32;
                if n <= 0xff {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n <= 0xffff {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Characters Python's `repr` escapes beyond ASCII controls: other controls, separators and
/// format characters (an approximation of `str.isprintable()` that covers what shows up in
/// these files).
fn is_unprintable(c: char) -> bool {
    matches!(c as u32, 0x80..=0xa0 | 0xad | 0x1680 | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x3000 | 0xfeff | 0xfff9..=0xfffb)
}
