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
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The SDK for Rust's message.
    Sdk(&'static str),
    /// The configparser exception class, and its text.
    Cli { class: &'static str, detail: String },
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

/// Whether two readings leave a reader with the same thing.
fn same(a: &Reading, b: &Reading) -> bool {
    use Reading::*;
    match (a, b) {
        (Refuse(_), Refuse(_)) => true,
        (Blank | Comment, Blank | Comment) => true,
        (Section(a), Section(b)) => same_section(a, b),
        (Split(parts), other) | (other, Split(parts)) => {
            parts.first().is_some_and(|first| same(first, other))
                && parts[1..].iter().all(|p| matches!(p, Blank | Comment))
        }
        _ => a == b,
    }
}

fn same_section(a: &SectionReading, b: &SectionReading) -> bool {
    use SectionReading::*;
    let unread = |s: &SectionReading| matches!(s, NotRead(_) | Replaced { .. });
    match (a, b) {
        (Defaults { keys }, other) | (other, Defaults { keys }) if keys.is_empty() => unread(other),
        _ if unread(a) && unread(b) => true,
        _ => a == b,
    }
}

/// Every line the SDKs and the AWS CLI read differently, in file and line order.
pub fn divergences(model: &Model, texts: &[&str], cli: &CliView) -> Vec<Divergence> {
    let mut out = Vec::new();
    for (index, file) in model.files.iter().enumerate() {
        let (Some(text), Some(cli_file)) = (texts.get(index), cli.files.get(index)) else {
            continue;
        };
        compare_file(index, file, text, cli_file, &mut out);
    }
    out
}

/// The readings of every line of one file: the SDKs' and the AWS CLI's, by SDK line.
pub fn readings(file: &FileModel, text: &str, cli: &CliFile) -> Vec<(Reading, Reading, bool)> {
    let sdk = SdkLines::new(file, text);
    let cli_lines = CliLines::new(cli, text);
    let mut out = Vec::with_capacity(file.tree.lines.len());
    let mut next_cli = 0;
    for (line, syntax) in file.tree.lines.iter().enumerate() {
        // The AWS CLI's lines that start within this line or its terminator.
        let end = syntax.terminator.end.max(syntax.span.end);
        let first = next_cli;
        while next_cli < cli.parsed.lines.len() && cli.parsed.lines[next_cli].span.start < end {
            next_cli += 1;
        }
        let both = sdk.reads_section_of(line) && cli_lines.reads_section_of(first..next_cli);
        let sdk_reading = sdk.reading(line, both);
        let cli_reading = match next_cli - first {
            0 => Reading::Blank,
            1 => cli_lines.reading(first, both),
            _ => Reading::Split(
                (first..next_cli)
                    .map(|j| cli_lines.reading(j, both))
                    .collect(),
            ),
        };
        out.push((sdk_reading, cli_reading, both));
    }
    out
}

fn compare_file(
    index: usize,
    file: &FileModel,
    text: &str,
    cli: &CliFile,
    out: &mut Vec<Divergence>,
) {
    for (line, (sdk, cli_reading, _)) in readings(file, text, cli).into_iter().enumerate() {
        if same(&sdk, &cli_reading) {
            continue;
        }
        let syntax = &file.tree.lines[line];
        let span = match (&cli_reading, lone_cr(text, syntax.span)) {
            (Reading::Split(_), Some(at)) => Span::new(at, at + 1),
            _ => crate::syntax::trim_ws(text, syntax.span),
        };
        out.push(Divergence {
            file: index,
            line,
            span,
            sdk,
            cli: cli_reading,
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

    fn reading(&self, line: usize, both: bool) -> Reading {
        if let Some(kind) = self.error_of[line] {
            return Reading::Refuse(Refusal::Sdk(kind.sdk_message()));
        }
        let text = self.text;
        let key_of = |parent: usize| match &self.file.tree.lines[parent].kind {
            LineKind::Property(p) => p.key.slice(text).to_ascii_lowercase(),
            _ => String::new(),
        };
        match &self.file.tree.lines[line].kind {
            LineKind::Blank => Reading::Blank,
            LineKind::Comment(_) => Reading::Comment,
            LineKind::Header(_) => {
                let Some(section) = self.section_of[line].map(|s| &self.file.sections[s as usize])
                else {
                    return Reading::Blank;
                };
                Reading::Section(match (section.status, section.kind) {
                    (SectionStatus::Ignored(reason), _) => {
                        SectionReading::NotRead(NotRead::Sdk(reason))
                    }
                    (SectionStatus::Used, SectionKind::SsoSession) => {
                        SectionReading::SsoSession(section.name.to_string())
                    }
                    (SectionStatus::Used, SectionKind::Services) => {
                        SectionReading::Services(section.name.to_string())
                    }
                    (SectionStatus::Used, _) => SectionReading::Profile(section.name.to_string()),
                })
            }
            _ if !both => Reading::Blank,
            LineKind::Property(property) => {
                let key = property.key.slice(text);
                Reading::Key {
                    key: key.to_ascii_lowercase(),
                    value: property.value.slice(text).to_string(),
                    kept: crate::model::is_valid_identifier(key),
                }
            }
            LineKind::Continuation(continuation) => match continuation.parent {
                Some(parent) => Reading::Append {
                    key: key_of(parent),
                    text: continuation.text.slice(text).to_string(),
                },
                None => Reading::Blank,
            },
            LineKind::SubProperty(sub) => Reading::Append {
                key: key_of(sub.parent),
                text: sub.text.slice(text).to_string(),
            },
        }
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
        if file.kind == FileKind::Config {
            for (index, fate) in file.fates.iter().enumerate() {
                let Some(later) = file.fates.iter().rposition(|f| f == fate && named(f)) else {
                    continue;
                };
                if later <= index {
                    continue;
                }
                let winner = &file.parsed.sections[later];
                let lost: Vec<String> = file.parsed.sections[index]
                    .options
                    .iter()
                    .filter(|o| !winner.options.iter().any(|w| w.key == o.key))
                    .map(|o| o.key.clone())
                    .collect();
                if !lost.is_empty() {
                    replaced[index] = Some((file.parsed.lines[winner.headers[0]].span.start, lost));
                }
            }
        }
        CliLines {
            file,
            text,
            error_of,
            replaced,
        }
    }

    fn owner_read(&self, owner: Owner) -> bool {
        match owner {
            Owner::Defaults => true,
            Owner::Section(index) => named(&self.file.fates[index as usize]),
        }
    }

    fn reads_section_of(&self, lines: std::ops::Range<usize>) -> bool {
        lines.clone().all(|j| match self.file.parsed.lines[j].kind {
            PyLineKind::Option { owner, .. } | PyLineKind::Continuation { owner, .. } => {
                self.owner_read(owner)
            }
            PyLineKind::Blank {
                in_value: Some((owner, _)),
            } => self.owner_read(owner),
            _ => true,
        }) && !lines.is_empty()
    }

    fn reading(&self, line: usize, both: bool) -> Reading {
        let parsed = &self.file.parsed;
        let text = self.text;
        if let Some(kind) = self.error_of[line] {
            let detail = match kind {
                PyErrorKind::Parsing => "no `=` or `:` (or no key before it)".to_string(),
                PyErrorKind::MissingSectionHeader => {
                    "the file must start with a section header".to_string()
                }
                PyErrorKind::DuplicateSection => "this section is already defined".to_string(),
                PyErrorKind::DuplicateOption => {
                    "this key is already set in this section".to_string()
                }
            };
            return Reading::Refuse(Refusal::Cli {
                class: kind.class(),
                detail,
            });
        }
        match parsed.lines[line].kind {
            PyLineKind::Blank { in_value: None } | PyLineKind::Invalid => Reading::Blank,
            PyLineKind::Comment => Reading::Comment,
            PyLineKind::Header {
                owner: Owner::Defaults,
                ..
            } => Reading::Section(SectionReading::Defaults {
                keys: parsed
                    .defaults
                    .options
                    .iter()
                    .map(|o| o.key.clone())
                    .collect(),
            }),
            PyLineKind::Header {
                owner: Owner::Section(index),
                ..
            } => {
                let fate = &self.file.fates[index as usize];
                if let (Some((by, lost)), Some(name)) =
                    (&self.replaced[index as usize], fate_name(fate))
                {
                    return Reading::Section(SectionReading::Replaced {
                        name: name.to_string(),
                        by: *by,
                        lost: lost.clone(),
                    });
                }
                let name = parsed.sections[index as usize].name.slice(text);
                Reading::Section(match fate {
                    Fate::Profile(name) => SectionReading::Profile(name.clone()),
                    Fate::SsoSession(name) => SectionReading::SsoSession(name.clone()),
                    Fate::Services(name) => SectionReading::Services(name.clone()),
                    Fate::Dropped => SectionReading::NotRead(NotRead::Dropped {
                        words: super::botocore::shlex_split(name).map(|w| w.len()),
                    }),
                    Fate::NotAProfile => SectionReading::NotRead(NotRead::NotAProfile {
                        name: name.to_string(),
                    }),
                })
            }
            _ if !both => Reading::Blank,
            PyLineKind::Blank {
                in_value: Some((owner, option)),
            } => {
                let entry = parsed.option(owner, option);
                // In a nested block (`s3 =` then indented lines) botocore skips blank lines.
                if entry.value_span.is_empty() {
                    Reading::Blank
                } else {
                    Reading::Append {
                        key: entry.key.clone(),
                        text: String::new(),
                    }
                }
            }
            PyLineKind::Option { key, value, .. } => Reading::Key {
                key: key.slice(text).to_lowercase(),
                value: value.slice(text).to_string(),
                kept: true,
            },
            PyLineKind::Continuation {
                owner,
                option,
                text: piece,
            } => Reading::Append {
                key: parsed.option(owner, option).key.clone(),
                text: piece.slice(text).to_string(),
            },
        }
    }
}

fn named(fate: &Fate) -> bool {
    fate_name(fate).is_some()
}

fn fate_name(fate: &Fate) -> Option<&str> {
    match fate {
        Fate::Profile(name) | Fate::SsoSession(name) | Fate::Services(name) => Some(name),
        Fate::Dropped | Fate::NotAProfile => None,
    }
}
