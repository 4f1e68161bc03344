//! Where the AWS SDKs and the AWS CLI read the files differently, found by comparing their
//! views line by line.
//!
//! Each reader says what it makes of every line ([`Reading`]): nothing (a blank line or a
//! comment), a section (and what the section is to it), a `key = value`, text appended to a
//! value, or a refusal of the whole file. Two readings are the same when they would leave the
//! reader with the same profiles: the wording of a refusal or the reason a section is not read
//! does not count. Property lines are compared only inside sections that both readers read: a
//! section that one of them does not read is reported once, on its header.
//!
//! One difference is not visible line by line: botocore replaces an earlier section by a later
//! one that names the same profile (`[profile a]`, `[profile  a]`; `[default]`,
//! `[profile default]`), where the SDKs merge them (or hide `[default]`). Such an earlier
//! header reads as [`SectionReading::Replaced`] for the AWS CLI, when it loses keys.

use super::botocore::{CliFile, CliView, Fate};
use super::configparser::{Owner, PyErrorKind, PyLineKind};
use super::js::{JsFile, JsLineKind};
use crate::model::{FileKind, FileModel, IgnoreReason, Model, SectionKind, SectionStatus};
use crate::syntax::{LineKind, SyntaxErrorKind};
use crate::text::Span;

/// What one reader makes of one line (of the SDKs' lines; a line that the AWS CLI splits at a
/// lone carriage return reads as [`Reading::Split`] for it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    Blank,
    Comment,
    Section(SectionReading),
    /// `key = value`: the key as the reader names it (lower-cased), the value on this line, and
    /// whether the reader keeps the key (the SDKs drop keys with characters outside
    /// `[A-Za-z0-9_\-/.%@:+]`).
    Key {
        key: String,
        value: String,
        kept: bool,
    },
    /// Text appended, after a newline, to the value of `key` (an empty text: a blank line that
    /// the AWS CLI keeps inside a value).
    Append {
        key: String,
        text: String,
    },
    /// The reader refuses the whole file because of this line.
    Refuse(Refusal),
    /// The AWS CLI ends lines at a lone carriage return: what it reads in each part.
    Split(Vec<Reading>),
    /// A line of a section the reader does not read (its header says why).
    InUnreadSection,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionReading {
    Profile(String),
    SsoSession(String),
    Services(String),
    /// `[DEFAULT]`: botocore copies these keys into every section of the file.
    Defaults {
        keys: Vec<String>,
    },
    /// The reader does not read this section, and why (the why is not compared).
    NotRead(NotRead),
    /// botocore reads the section as `name`, but a later section of the same name replaces it
    /// whole (`by`: the byte offset of its header), and `lost` are the keys only this one sets.
    Replaced {
        name: String,
        by: usize,
        lost: Vec<String>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotRead {
    /// The SDKs: why the section is ignored.
    Sdk(IgnoreReason),
    /// botocore: the name starts with `profile`, `sso-session` or `services` but is not two
    /// shell words.
    Dropped { words: Option<usize> },
    /// botocore: any other section name (`[plugins]`, `[ default ]`).
    NotAProfile { name: String },
    /// The JavaScript SDK: the header names no profile, sso-session or services section it
    /// keeps.
    Js,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The SDK for Rust's message.
    Sdk(&'static str),
    /// The JavaScript SDK's `parseIni` throws (`[__proto__]`): it reads the file as empty.
    Js,
    /// The configparser exception class, and its text.
    Cli { class: &'static str, detail: String },
}

impl Reading {
    /// Whether two readings leave their readers with the same thing (what a message groups).
    pub fn alike(&self, other: &Reading) -> bool {
        use Reading::*;
        let unread = |s: &SectionReading| match s {
            SectionReading::NotRead(_) | SectionReading::Replaced { .. } => true,
            SectionReading::Defaults { keys } => keys.is_empty(),
            _ => false,
        };
        let block = |key: &str, text: &str, flat: &str, value: &str| {
            let (k, v) = text.split_once('=').unwrap_or((text, ""));
            flat == format!("{key}.{}", k.trim_matches([' ', '\t']))
                && value == v.trim_matches([' ', '\t'])
        };
        match (self, other) {
            (Refuse(_), Refuse(_)) | (Blank | Comment, Blank | Comment) => true,
            (Section(a), Section(b)) => (unread(a) && unread(b)) || a == b,
            (
                Append { key, text },
                Key {
                    key: flat, value, ..
                },
            )
            | (
                Key {
                    key: flat, value, ..
                },
                Append { key, text },
            ) => block(key, text, flat, value),
            _ => self == other,
        }
    }
}

/// A line that the two readers read differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Divergence {
    /// Index into the model's files.
    pub file: usize,
    /// Zero-based line (the SDKs' lines).
    pub line: usize,
    /// What to underline.
    pub span: Span,
    pub sdk: Reading,
    pub cli: Reading,
    /// The AWS SDK for JavaScript's reading.
    pub js: Reading,
    /// Where the AWS CLI refuses a key or section set a second time: the byte offset of the
    /// line that first set it.
    pub first_set: Option<usize>,
}

impl Divergence {
    pub fn sdk_refuses(&self) -> bool {
        matches!(self.sdk, Reading::Refuse(_))
    }

    pub fn cli_refuses(&self) -> bool {
        match &self.cli {
            Reading::Refuse(_) => true,
            Reading::Split(parts) => parts.iter().any(|p| matches!(p, Reading::Refuse(_))),
            _ => false,
        }
    }
}

/// A reading that borrows from the files: what the comparison works on, so that only lines
/// that differ cost an allocation ([`Read::owned`]).
#[derive(Clone, Copy, Debug)]
enum Read<'a> {
    Blank,
    Comment,
    Section(Sect<'a>),
    Key {
        key: KeyText<'a>,
        value: &'a str,
        kept: bool,
    },
    Append {
        key: KeyText<'a>,
        text: &'a str,
    },
    /// The JavaScript SDK's `block.key = value`, under `block =`.
    SubKey {
        block: &'a str,
        key: &'a str,
        value: &'a str,
    },
    Refuse(Why),
}

#[derive(Clone, Copy, Debug)]
enum Sect<'a> {
    Profile(&'a str),
    SsoSession(&'a str),
    Services(&'a str),
    Defaults(&'a [super::configparser::PyOption], &'a str),
    NotRead(NotReadRef<'a>),
    Replaced(&'a str, usize, &'a [String]),
}

#[derive(Clone, Copy, Debug)]
enum NotReadRef<'a> {
    Sdk(IgnoreReason),
    /// The JavaScript SDK keeps no profile from this header.
    Js,
    Dropped(&'a str),
    NotAProfile(&'a str),
}

#[derive(Clone, Copy, Debug)]
enum Why {
    Sdk(SyntaxErrorKind),
    Cli(PyErrorKind),
    /// `[__proto__]`: `parseIni` throws and the file is read as empty.
    Js,
}

/// A key as written, and how its reader lower-cases it: ASCII only (the SDKs), every letter
/// (Python's `str.lower()`), or not at all (the JavaScript SDK).
#[derive(Clone, Copy, Debug)]
struct KeyText<'a> {
    raw: &'a str,
    case: Case,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Ascii,
    Unicode,
    Kept,
}

impl KeyText<'_> {
    fn lowered(self) -> String {
        match self.case {
            Case::Ascii => self.raw.to_ascii_lowercase(),
            Case::Unicode => self.raw.to_lowercase(),
            Case::Kept => self.raw.to_string(),
        }
    }

    fn same(self, other: KeyText<'_>) -> bool {
        let plain = |k: KeyText<'_>| {
            !k.raw
                .bytes()
                .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        };
        // Both readers usually point at the very same text, in lower case.
        if same_text(self.raw, other.raw) && (self.case == other.case || plain(self)) {
            return true;
        }
        if self.case != Case::Kept
            && other.case != Case::Kept
            && self.raw.is_ascii()
            && other.raw.is_ascii()
        {
            return self.raw.eq_ignore_ascii_case(other.raw);
        }
        self.lowered() == other.lowered()
    }
}

impl Read<'_> {
    fn same(&self, other: &Read<'_>) -> bool {
        use Read::*;
        match (self, other) {
            (Refuse(_), Refuse(_)) | (Blank | Comment, Blank | Comment) => true,
            (Section(a), Section(b)) => same_sect(a, b),
            (
                Key {
                    key: a,
                    value: x,
                    kept: k,
                },
                Key {
                    key: b,
                    value: y,
                    kept: l,
                },
            ) => k == l && same_text(x, y) && a.same(*b),
            (Append { key: a, text: x }, Append { key: b, text: y }) => {
                same_text(x, y) && a.same(*b)
            }
            // `s3 =` then `  key = value`: a line of a block for the SDKs and the AWS CLI,
            // the key `s3.key` for the JavaScript SDK: alike when it splits the same way.
            (
                Append { key, text },
                SubKey {
                    block,
                    key: sub,
                    value,
                },
            )
            | (
                SubKey {
                    block,
                    key: sub,
                    value,
                },
                Append { key, text },
            ) => {
                let (k, v) = text.split_once('=').unwrap_or((text, ""));
                key.same(KeyText {
                    raw: block,
                    case: Case::Kept,
                }) && k.trim_matches([' ', '\t']) == *sub
                    && v.trim_matches([' ', '\t']) == *value
            }
            _ => false,
        }
    }

    fn owned(&self) -> Reading {
        match *self {
            Read::Blank => Reading::Blank,
            Read::Comment => Reading::Comment,
            Read::Section(sect) => Reading::Section(match sect {
                Sect::Profile(name) => SectionReading::Profile(name.to_string()),
                Sect::SsoSession(name) => SectionReading::SsoSession(name.to_string()),
                Sect::Services(name) => SectionReading::Services(name.to_string()),
                Sect::Defaults(options, text) => SectionReading::Defaults {
                    keys: options.iter().map(|o| o.key(text).to_string()).collect(),
                },
                Sect::NotRead(NotReadRef::Js) => SectionReading::NotRead(NotRead::Js),
                Sect::NotRead(NotReadRef::Sdk(reason)) => {
                    SectionReading::NotRead(NotRead::Sdk(reason))
                }
                Sect::NotRead(NotReadRef::Dropped(name)) => {
                    SectionReading::NotRead(NotRead::Dropped {
                        words: super::botocore::shlex_split(name).map(|w| w.len()),
                    })
                }
                Sect::NotRead(NotReadRef::NotAProfile(name)) => {
                    SectionReading::NotRead(NotRead::NotAProfile {
                        name: name.to_string(),
                    })
                }
                Sect::Replaced(name, by, lost) => SectionReading::Replaced {
                    name: name.to_string(),
                    by,
                    lost: lost.to_vec(),
                },
            }),
            Read::Key { key, value, kept } => Reading::Key {
                key: key.lowered(),
                value: value.to_string(),
                kept,
            },
            Read::Append { key, text } => Reading::Append {
                key: key.lowered(),
                text: text.to_string(),
            },
            Read::SubKey { block, key, value } => Reading::Key {
                key: format!("{block}.{key}"),
                value: value.to_string(),
                kept: true,
            },
            Read::Refuse(Why::Js) => Reading::Refuse(Refusal::Js),
            Read::Refuse(Why::Sdk(kind)) => Reading::Refuse(Refusal::Sdk(kind.sdk_message())),
            Read::Refuse(Why::Cli(kind)) => Reading::Refuse(Refusal::Cli {
                class: kind.class(),
                detail: match kind {
                    PyErrorKind::Parsing => "no `=` or `:` (or no key before it)",
                    PyErrorKind::MissingSectionHeader => {
                        "the file must start with a section header"
                    }
                    PyErrorKind::DuplicateSection => "this section is already defined",
                    PyErrorKind::DuplicateOption => "this key is already set in this section",
                }
                .to_string(),
            }),
        }
    }
}

/// Equal texts, at once when they are the same slice.
fn same_text(a: &str, b: &str) -> bool {
    (a.as_ptr() == b.as_ptr() && a.len() == b.len()) || a == b
}

fn same_sect(a: &Sect<'_>, b: &Sect<'_>) -> bool {
    use Sect::*;
    let unread = |s: &Sect<'_>| matches!(s, NotRead(_) | Replaced(..) | Defaults([], _));
    match (a, b) {
        _ if unread(a) && unread(b) => true,
        (Profile(x), Profile(y)) | (SsoSession(x), SsoSession(y)) | (Services(x), Services(y)) => {
            x == y
        }
        _ => false,
    }
}

/// Every line the readers read differently, in file and line order.
pub fn divergences(model: &Model, texts: &[&str], cli: &CliView, js: &[JsFile]) -> Vec<Divergence> {
    let mut out = Vec::new();
    for (index, file) in model.files.iter().enumerate() {
        let (Some(text), Some(cli_file), Some(js_file)) =
            (texts.get(index), cli.files.get(index), js.get(index))
        else {
            continue;
        };
        compare_file(index, file, text, cli_file, js_file, &mut out);
    }
    out
}

/// Whether the readings of a line differ: any two readers that read it (`None`: a property
/// line in a section that reader does not read) read it otherwise, or one refuses the file
/// at it where another skips it.
fn differ(readings: &[Option<Read<'_>>]) -> bool {
    // A reader that refuses the file here differs from one that skips the line: that one
    // reads the rest of the file (a duplicate key in `[plugins]` is botocore's
    // DuplicateOptionError, where the SDKs read every profile).
    let refuses = readings.iter().any(|r| matches!(r, Some(Read::Refuse(_))));
    if refuses && readings.iter().any(Option::is_none) {
        return true;
    }
    let present: Vec<&Read<'_>> = readings.iter().flatten().collect();
    present
        .iter()
        .enumerate()
        .any(|(i, a)| present[i + 1..].iter().any(|b| !a.same(b)))
}

fn compare_file(
    index: usize,
    file: &FileModel,
    text: &str,
    cli: &CliFile,
    js: &JsFile,
    out: &mut Vec<Divergence>,
) {
    let sdk = SdkLines::new(file, text);
    let cli_lines = CliLines::new(cli, text);
    let js_lines = JsLines::new(js, text);
    let mut next_cli = 0;
    for (line, syntax) in file.tree.lines.iter().enumerate() {
        // The AWS CLI's lines that start within this line or its terminator (the JavaScript
        // SDK's lines are the SDKs').
        let end = syntax.terminator.end.max(syntax.span.end);
        let first = next_cli;
        while next_cli < cli.parsed.lines.len() && cli.parsed.lines[next_cli].span.start < end {
            next_cli += 1;
        }
        // Most lines are read alike, as the same spans of the text: skip them at once.
        if next_cli == first + 1
            && sdk.error_of[line].is_none()
            && cli_lines.error_of[first].is_none()
            && js.refused_at != Some(line)
        {
            let js_kind = js.lines.get(line).map(|l| &l.kind);
            let alike = match (&syntax.kind, cli.parsed.lines[first].kind, js_kind) {
                (
                    LineKind::Blank | LineKind::Comment(_),
                    PyLineKind::Blank { in_value: None } | PyLineKind::Comment,
                    Some(JsLineKind::Skipped { .. }),
                ) => true,
                (
                    LineKind::Property(p),
                    PyLineKind::Option { key, value, .. },
                    Some(JsLineKind::Key {
                        block: None,
                        key: js_key,
                        value: js_value,
                    }),
                ) => {
                    p.comment.is_none()
                        && p.key == key
                        && p.value == value
                        && *js_key == key
                        && *js_value == value
                        && key.slice(text).bytes().all(|b| {
                            crate::model::is_valid_identifier_byte(b) && !b.is_ascii_uppercase()
                        })
                }
                _ => false,
            };
            if alike {
                continue;
            }
        }
        let sdk_read = sdk.reading(line, sdk.reads_section_of(line));
        let js_read = js_lines.reading(line, js_lines.reads_section_of(line));
        let cli_reads = cli_lines.reads_section_of(first..next_cli);
        let split = next_cli - first > 1;
        let cli_read = match next_cli - first {
            0 => Some(Read::Blank),
            1 => cli_lines.reading(first, cli_reads),
            _ => {
                // A lone CR: several lines for the AWS CLI. Alike only when the first reads as
                // the others' line and the rest is blank.
                let parts: Vec<Option<Read<'_>>> = (first..next_cli)
                    .map(|j| cli_lines.reading(j, cli_reads))
                    .collect();
                let rest_blank = parts[1..]
                    .iter()
                    .all(|p| matches!(p, None | Some(Read::Blank | Read::Comment)));
                if rest_blank {
                    parts[0]
                } else {
                    None
                }
            }
        };
        // Several lines of text where the others read one: a divergence whatever they hold.
        let cli_differs_by_split = split && cli_reads && cli_read.is_none();
        if !cli_differs_by_split && !differ(&[sdk_read, cli_read, js_read]) {
            continue;
        }
        let owned = |read: Option<Read<'_>>| read.map_or(Reading::InUnreadSection, |r| r.owned());
        let cli = if split && cli_differs_by_split {
            Reading::Split(
                (first..next_cli)
                    .map(|j| owned(cli_lines.reading(j, cli_reads)))
                    .collect(),
            )
        } else {
            owned(cli_read)
        };
        let span = match (split && cli_differs_by_split, lone_cr(text, syntax.span)) {
            (true, Some(at)) => Span::new(at, at + 1),
            _ => crate::syntax::trim_ws(text, syntax.span),
        };
        out.push(Divergence {
            file: index,
            line,
            span,
            sdk: owned(sdk_read),
            cli,
            js: owned(js_read),
            first_set: (next_cli > first)
                .then(|| cli_lines.first_set(first))
                .flatten(),
        });
    }
}

fn lone_cr(text: &str, span: Span) -> Option<usize> {
    span.slice(text).find('\r').map(|at| span.start + at)
}

/// The SDKs' reading of each line, from the syntax tree and the model.
struct SdkLines<'m> {
    file: &'m FileModel,
    text: &'m str,
    /// Per line: the index of the section it belongs to.
    section_of: Vec<Option<u32>>,
    /// Per line: the SDK's refusal, if any.
    error_of: Vec<Option<SyntaxErrorKind>>,
}

impl<'m> SdkLines<'m> {
    fn new(file: &'m FileModel, text: &'m str) -> SdkLines<'m> {
        let lines = file.tree.lines.len();
        let mut section_of = vec![None; lines];
        let mut sections = file.sections.iter().enumerate().peekable();
        let mut current = None;
        for (line, slot) in section_of.iter_mut().enumerate() {
            while let Some((index, _)) = sections.next_if(|(_, s)| s.line == line) {
                current = Some(index as u32);
            }
            *slot = current;
        }
        let mut error_of = vec![None; lines];
        for error in &file.tree.errors {
            error_of[error.line].get_or_insert(error.kind);
        }
        SdkLines {
            file,
            text,
            section_of,
            error_of,
        }
    }

    fn reads_section_of(&self, line: usize) -> bool {
        self.section_of[line]
            .is_some_and(|s| self.file.sections[s as usize].status == SectionStatus::Used)
    }

    /// The reading of line `line`; `None` for a property line when `reads` is false (the
    /// SDKs do not read its section).
    fn reading(&self, line: usize, reads: bool) -> Option<Read<'m>> {
        if let Some(kind) = self.error_of[line] {
            return Some(Read::Refuse(Why::Sdk(kind)));
        }
        let text = self.text;
        let key_of = |parent: usize| KeyText {
            raw: match &self.file.tree.lines[parent].kind {
                LineKind::Property(p) => p.key.slice(text),
                _ => "",
            },
            case: Case::Ascii,
        };
        Some(match &self.file.tree.lines[line].kind {
            LineKind::Blank => Read::Blank,
            LineKind::Comment(_) => Read::Comment,
            LineKind::Header(_) => {
                let section = self.section_of[line].map(|s| &self.file.sections[s as usize])?;
                Read::Section(match (section.status, section.kind) {
                    (SectionStatus::Ignored(reason), _) => Sect::NotRead(NotReadRef::Sdk(reason)),
                    (SectionStatus::Used, SectionKind::SsoSession) => {
                        Sect::SsoSession(&section.name)
                    }
                    (SectionStatus::Used, SectionKind::Services) => Sect::Services(&section.name),
                    (SectionStatus::Used, _) => Sect::Profile(&section.name),
                })
            }
            _ if !reads => return None,
            LineKind::Property(property) => {
                let key = property.key.slice(text);
                Read::Key {
                    key: KeyText {
                        raw: key,
                        case: Case::Ascii,
                    },
                    value: property.value.slice(text),
                    kept: crate::model::is_valid_identifier(key),
                }
            }
            LineKind::Continuation(continuation) => match continuation.parent {
                Some(parent) => Read::Append {
                    key: key_of(parent),
                    text: continuation.text.slice(text),
                },
                None => Read::Blank,
            },
            LineKind::SubProperty(sub) => Read::Append {
                key: key_of(sub.parent),
                text: sub.text.slice(text),
            },
        })
    }
}

/// The AWS CLI's reading of each of its lines.
struct CliLines<'c> {
    file: &'c CliFile,
    text: &'c str,
    /// Per line: the error configparser raises or collects there.
    error_of: Vec<Option<PyErrorKind>>,
    /// Per section: where the later section that replaces it starts, and the keys lost.
    replaced: Vec<Option<(usize, Vec<String>)>>,
}

impl<'c> CliLines<'c> {
    fn new(file: &'c CliFile, text: &'c str) -> CliLines<'c> {
        let mut error_of = vec![None; file.parsed.lines.len()];
        for error in &file.parsed.errors {
            error_of[error.line].get_or_insert(error.kind);
        }
        let mut replaced = vec![None; file.parsed.sections.len()];
        if file.kind == FileKind::Config && may_share_names(file, text) {
            // The last section of each name wins; every earlier one is replaced.
            let mut last: crate::fast_hash::FastMap<(u8, &str), usize> =
                crate::fast_hash::FastMap::default();
            for (index, fate) in file.fates.iter().enumerate() {
                if let Some(named) = fate.named(text) {
                    last.insert(named, index);
                }
            }
            for (index, fate) in file.fates.iter().enumerate() {
                let Some(&later) = fate.named(text).and_then(|named| last.get(&named)) else {
                    continue;
                };
                if later <= index {
                    continue;
                }
                let winner = &file.parsed.sections[later];
                let lost: Vec<String> = file.parsed.sections[index]
                    .options
                    .iter()
                    .filter(|o| winner.find(o.key(text), text).is_none())
                    .map(|o| o.key(text).to_string())
                    .collect();
                // Replaced whole, whether or not it loses keys: it is not read as written.
                replaced[index] = Some((file.parsed.lines[winner.header].span.start, lost));
            }
        }
        CliLines {
            file,
            text,
            error_of,
            replaced,
        }
    }

    /// For a key or header set a second time on line `line`: where it was first set.
    fn first_set(&self, line: usize) -> Option<usize> {
        let lines = &self.file.parsed.lines;
        let earlier = match (self.error_of[line]?, lines[line].kind) {
            // The same slot of the same dictionary: the same key.
            (PyErrorKind::DuplicateOption, PyLineKind::Option { owner, option, .. }) => {
                lines[..line].iter().rposition(|l| {
                    matches!(l.kind, PyLineKind::Option { owner: o, option: i, .. } if o == owner && i == option)
                })?
            }
            (PyErrorKind::DuplicateSection, PyLineKind::Header { owner: Owner::Section(s), .. }) => {
                self.file.parsed.sections[s as usize].header
            }
            _ => return None,
        };
        Some(lines[earlier].span.start)
    }

    fn owner_read(&self, owner: Owner) -> bool {
        match owner {
            Owner::Defaults => true,
            Owner::Section(index) => named(&self.file.fates[index as usize]),
        }
    }

    fn reads_section_of(&self, lines: std::ops::Range<usize>) -> bool {
        !lines.is_empty()
            && lines
                .into_iter()
                .all(|j| match self.file.parsed.lines[j].kind {
                    PyLineKind::Option { owner, .. } | PyLineKind::Continuation { owner, .. } => {
                        self.owner_read(owner)
                    }
                    PyLineKind::Blank {
                        in_value: Some((owner, _)),
                    } => self.owner_read(owner),
                    _ => true,
                })
    }

    /// The reading of line `line`; `None` for a property line when `reads` is false.
    fn reading(&self, line: usize, reads: bool) -> Option<Read<'_>> {
        let parsed = &self.file.parsed;
        let text = self.text;
        if let Some(kind) = self.error_of[line] {
            return Some(Read::Refuse(Why::Cli(kind)));
        }
        Some(match parsed.lines[line].kind {
            PyLineKind::Blank { in_value: None } | PyLineKind::Invalid => Read::Blank,
            PyLineKind::Comment => Read::Comment,
            PyLineKind::Header {
                owner: Owner::Defaults,
                ..
            } => Read::Section(Sect::Defaults(&parsed.defaults.options, text)),
            PyLineKind::Header {
                owner: Owner::Section(index),
                ..
            } => {
                let fate = &self.file.fates[index as usize];
                if let (Some((by, lost)), Some((_, name))) =
                    (&self.replaced[index as usize], fate.named(text))
                {
                    // A replaced section that loses no key reads as if it were merged.
                    if !lost.is_empty() {
                        return Some(Read::Section(Sect::Replaced(name, *by, lost)));
                    }
                }
                let name = parsed.sections[index as usize].name.slice(text);
                Read::Section(match fate {
                    Fate::Profile(name) => Sect::Profile(name.text(text)),
                    Fate::SsoSession(name) => Sect::SsoSession(name.text(text)),
                    Fate::Services(name) => Sect::Services(name.text(text)),
                    Fate::Dropped => Sect::NotRead(NotReadRef::Dropped(name)),
                    Fate::NotAProfile => Sect::NotRead(NotReadRef::NotAProfile(name)),
                })
            }
            _ if !reads => return None,
            PyLineKind::Blank {
                in_value: Some((owner, option)),
            } => {
                let entry = parsed.option(owner, option);
                // In a nested block (`s3 =` then indented lines) botocore skips blank lines.
                if entry.value_span.is_empty() {
                    Read::Blank
                } else {
                    Read::Append {
                        key: KeyText {
                            raw: entry.key(text),
                            case: Case::Unicode,
                        },
                        text: "",
                    }
                }
            }
            PyLineKind::Option { key, value, .. } => Read::Key {
                key: KeyText {
                    raw: key.slice(text),
                    case: Case::Unicode,
                },
                value: value.slice(text),
                kept: true,
            },
            PyLineKind::Continuation {
                owner,
                option,
                text: piece,
            } => Read::Append {
                key: KeyText {
                    raw: parsed.option(owner, option).key(text),
                    case: Case::Unicode,
                },
                text: piece.slice(text),
            },
        })
    }
}

/// The JavaScript SDK's reading of each line (its lines are the SDKs').
struct JsLines<'j> {
    file: &'j JsFile,
    text: &'j str,
    /// Per line: whether the section it belongs to is read (as a profile, sso-session or
    /// services section).
    read: Vec<bool>,
    /// Per line: the name a header's section is read as, if any.
    names: Vec<Option<(u8, String)>>,
}

impl<'j> JsLines<'j> {
    fn new(file: &'j JsFile, text: &'j str) -> JsLines<'j> {
        use super::js::{config_profile, JsLineKind};
        let config = file.kind == FileKind::Config;
        let hidden_default = config
            && file.lines.iter().any(|l| {
                matches!(&l.kind, JsLineKind::Header { section: Some(s) } if s == "profile.default")
            });
        let mut read = Vec::with_capacity(file.lines.len());
        let mut names = Vec::with_capacity(file.lines.len());
        let mut current = false;
        for line in &file.lines {
            let mut name = None;
            if let JsLineKind::Header { section } = &line.kind {
                name = section.as_deref().and_then(|section| {
                    if !config {
                        // Every credentials-file section is a profile of that name.
                        let typed = ["sso-session.", "services."]
                            .iter()
                            .any(|p| section.starts_with(p));
                        return (!typed && !super::js::is_prototype_name(section))
                            .then(|| (0, section.to_string()));
                    }
                    if let Some(name) = section.strip_prefix("sso-session.") {
                        return Some((1, name.to_string()));
                    }
                    if let Some(name) = section.strip_prefix("services.") {
                        return Some((2, name.to_string()));
                    }
                    config_profile(section, hidden_default).map(|name| (0, name.to_string()))
                });
                current = name.is_some();
            }
            read.push(current);
            names.push(name);
        }
        JsLines {
            file,
            text,
            read,
            names,
        }
    }

    fn reads_section_of(&self, line: usize) -> bool {
        self.read.get(line).copied().unwrap_or(false)
    }

    /// The reading of line `line`; `None` for a property line when `reads` is false.
    fn reading(&self, line: usize, reads: bool) -> Option<Read<'_>> {
        use super::js::JsLineKind;
        if self.file.refused_at == Some(line) {
            return Some(Read::Refuse(Why::Js));
        }
        let text = self.text;
        let Some(js_line) = self.file.lines.get(line) else {
            return Some(Read::Blank);
        };
        Some(match &js_line.kind {
            JsLineKind::Skipped { comment: true } if !reads => Read::Comment,
            JsLineKind::Header { .. } => Read::Section(match &self.names[line] {
                Some((0, name)) => Sect::Profile(name),
                Some((1, name)) => Sect::SsoSession(name),
                Some((_, name)) => Sect::Services(name),
                None => Sect::NotRead(NotReadRef::Js),
            }),
            _ if !reads => return None,
            JsLineKind::Skipped { comment } => {
                if *comment {
                    Read::Comment
                } else {
                    Read::Blank
                }
            }
            // `key =` sets nothing: read alike with an empty value (no key and an empty one
            // mean the same to every setting).
            JsLineKind::Block { key } => Read::Key {
                key: KeyText {
                    raw: key.slice(text),
                    case: Case::Kept,
                },
                value: "",
                kept: true,
            },
            JsLineKind::Key {
                block: None,
                key,
                value,
            } => Read::Key {
                key: KeyText {
                    raw: key.slice(text),
                    case: Case::Kept,
                },
                value: value.slice(text),
                kept: key.slice(text) != "__proto__",
            },
            JsLineKind::Key {
                block: Some(block),
                key,
                value,
            } => Read::SubKey {
                block: block.slice(text),
                key: key.slice(text),
                value: value.slice(text),
            },
        })
    }
}

/// Whether two sections of a config file may name the same profile, sso-session or services
/// section. Distinct headers can only do so when one is not written the plain way
/// (`[profile NAME]` with one space, no quote), or with both `[default]` and `[profile default]`:
/// most files are spared a map of every name.
fn may_share_names(file: &CliFile, text: &str) -> bool {
    let mut defaults = 0;
    for (section, fate) in file.parsed.sections.iter().zip(&file.fates) {
        let Some((kind, name)) = fate.named(text) else {
            continue;
        };
        let written = section.name.slice(text);
        let prefix = ["profile ", "sso-session ", "services "][kind as usize];
        let plain = written.len() == prefix.len() + name.len()
            && written.starts_with(prefix)
            && written.ends_with(name);
        if name == "default" && kind == 0 {
            defaults += 1;
        }
        if !plain && written != "default" {
            return true;
        }
    }
    defaults > 1
}

fn named(fate: &Fate) -> bool {
    !matches!(fate, Fate::Dropped | Fate::NotAProfile)
}
