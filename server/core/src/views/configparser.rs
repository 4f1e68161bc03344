//! Python's `configparser` as botocore configures it: `configparser.RawConfigParser()` with its
//! defaults, read from a file opened in text mode. This follows CPython 3.11's
//! `Lib/configparser.py` (`RawConfigParser._read` and `_join_multiline_values`), which is what
//! botocore 1.44 runs on; the differential tests check it against the real module.
//!
//! What that set-up means, line by line:
//!
//! - lines end at `\n`, `\r\n` or a lone `\r` (universal newlines);
//! - "whitespace" is Python's `str.isspace()` (Unicode whitespace and `\x1c`-`\x1f`), for
//!   stripping and for measuring indentation (in characters);
//! - a line whose stripped text starts with `#` or `;` is a comment, indented or not; there are
//!   no inline comments: ` # note` after a value stays in the value;
//! - a blank line inside a value is kept in it (`empty_lines_in_values`); trailing blank lines
//!   are dropped when the value is joined (`rstrip`);
//! - a line indented deeper than the line that started the current option continues it;
//! - otherwise `[` ... last `]` is a section header (text after the last `]` is ignored), and
//!   anything else is `key = value` or `key: value`, split at the first `=` or `:`;
//! - `[DEFAULT]` is the defaults section: its options show in every other section;
//! - strict mode: a section header written twice (`DuplicateSectionError`) or a key written
//!   twice in a section (`DuplicateOptionError`, after lower-casing) stops the read at once; a
//!   line that is neither header nor option is collected and raised at the end
//!   (`ParsingError`); a line before any header stops the read (`MissingSectionHeaderError`).
//!
//! The reading never stops here: after an error it goes on as a lenient parser would, so that
//! every line gets a reading; [`ParsedFile::raised`] says which error Python raises.

use crate::fast_hash::FastMap;
use crate::text::Span;

/// `str.isspace()`: Unicode `White_Space`, plus the four information separators that Python's
/// definition (bidirectional class B or S) adds.
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{1c}'..='\u{1f}')
}

/// `str.strip()` as a span of `text`. ASCII is looked at byte by byte; a character beyond
/// ASCII at either end is decoded.
pub fn py_strip(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    // ASCII whitespace for Python: `\t`-`\r`, `\x1c`-`\x1f` and the space.
    let ascii_space = |b: u8| matches!(b, b'\t'..=b'\r' | 0x1c..=0x1f | b' ');
    let (mut start, mut end) = (span.start, span.end);
    while start < end && ascii_space(bytes[start]) {
        start += 1;
    }
    while end > start && ascii_space(bytes[end - 1]) {
        end -= 1;
    }
    let unicode_at_start = start < end && !bytes[start].is_ascii();
    let unicode_at_end = end > start && !bytes[end - 1].is_ascii();
    if !unicode_at_start && !unicode_at_end {
        return Span::new(start, end);
    }
    let slice = &text[start..end];
    let start_trimmed = slice.trim_start_matches(is_py_space);
    let start = start + (slice.len() - start_trimmed.len());
    Span::new(
        start,
        start + start_trimmed.trim_end_matches(is_py_space).len(),
    )
}

/// `str.rstrip()`.
pub fn py_rstrip(text: &str) -> &str {
    text.trim_end_matches(is_py_space)
}

/// The name configparser gives the defaults section.
pub const DEFAULT_SECTION: &str = "DEFAULT";

/// Which dictionary an option goes to: the defaults, or a section by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Owner {
    Defaults,
    Section(u32),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedFile {
    /// The lines as Python reads them (universal newlines).
    pub lines: Vec<PyLine>,
    /// Sections in order of first appearance, `[DEFAULT]` excluded.
    pub sections: Vec<PySection>,
    /// The options of every `[DEFAULT]` section.
    pub defaults: PySection,
    /// Every error, in line order.
    pub errors: Vec<PyError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyLine {
    /// The line without its terminator.
    pub span: Span,
    pub kind: PyLineKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PyLineKind {
    /// Nothing but whitespace. `in_value`: the option whose value keeps it as an empty line
    /// (it matters only when a continuation line follows: joining strips trailing ones).
    Blank {
        in_value: Option<(Owner, u32)>,
    },
    Comment,
    /// `[name]`: `name` is everything between the first `[` and the last `]`.
    Header {
        owner: Owner,
        name: Span,
    },
    /// `key = value`: the key as written, and the value on this line, stripped (the option
    /// may be assigned again later, with another value). An empty key is also an error.
    Option {
        owner: Owner,
        option: u32,
        key: Span,
        value: Span,
    },
    /// A line appended (stripped) to the value of an option.
    Continuation {
        owner: Owner,
        option: u32,
        text: Span,
    },
    /// A line configparser refuses: see [`ParsedFile::errors`].
    Invalid,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PySection {
    /// The header text between the brackets, exactly as written.
    pub name: Span,
    /// Line of the first header that opens this section (a second one is a
    /// `DuplicateSectionError`, or for `[DEFAULT]` the same section again).
    pub header: usize,
    /// In order of first assignment; a key assigned again keeps its place, as in a `dict`.
    pub options: Vec<PyOption>,
    /// Position of each key in `options`, once there are many (a hostile file may hold
    /// thousands of keys in one section; most sections hold a handful).
    index: Option<FastMap<Box<str>, u32>>,
}

impl PySection {
    const INDEXED_FROM: usize = 16;

    /// The position of `key` (lower-cased) in `options`; `text` is the file's.
    pub fn find(&self, key: &str, text: &str) -> Option<u32> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self
                .options
                .iter()
                .position(|o| o.key(text) == key)
                .map(|at| at as u32),
        }
    }

    fn push(&mut self, option: PyOption, text: &str) -> u32 {
        let at = self.options.len() as u32;
        if let Some(index) = &mut self.index {
            index.insert(option.key(text).into(), at);
        }
        self.options.push(option);
        if self.index.is_none() && self.options.len() > Self::INDEXED_FROM {
            self.index = Some(
                self.options
                    .iter()
                    .enumerate()
                    .map(|(i, o)| (o.key(text).into(), i as u32))
                    .collect(),
            );
        }
        at
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyOption {
    /// Line of the `key = value` line (the last one, when the key was assigned twice).
    pub line: usize,
    /// The key as written.
    pub key_span: Span,
    /// The key after `optionxform` (`str.lower()`), when that changes it ([`PyOption::key`]).
    lowered: Option<Box<str>>,
    /// The value on the key's line, stripped.
    pub value_span: Span,
    /// The lines appended to the value, by line: `Some(text)`, or `None` for a kept blank line.
    pub more: Vec<(usize, Option<Span>)>,
    /// Zero-based line of the last line that belongs to the value.
    pub last_line: usize,
}

impl PyOption {
    /// The key after `optionxform` (`str.lower()`, which lower-cases every letter).
    pub fn key<'a>(&'a self, text: &'a str) -> &'a str {
        self.lowered
            .as_deref()
            .unwrap_or_else(|| self.key_span.slice(text))
    }

    /// The value as configparser returns it: the lines joined with `\n`, then `rstrip()`.
    pub fn value<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let first = self.value_span.slice(text);
        if self.more.is_empty() {
            return std::borrow::Cow::Borrowed(first);
        }
        let mut value = String::from(first);
        for (_, piece) in &self.more {
            value.push('\n');
            if let Some(span) = piece {
                value.push_str(span.slice(text));
            }
        }
        let kept = py_rstrip(&value).len();
        value.truncate(kept);
        std::borrow::Cow::Owned(value)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PyError {
    /// Zero-based line.
    pub line: usize,
    /// The line, without its terminator.
    pub span: Span,
    pub kind: PyErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PyErrorKind {
    /// A line that is not a comment, before any section header. Raised at once.
    MissingSectionHeader,
    /// A section header written a second time. Raised at once.
    DuplicateSection,
    /// A key written a second time in one section (after lower-casing). Raised at once.
    DuplicateOption,
    /// A line that is neither a header nor `key = value` / `key: value`, or whose key is
    /// empty. Collected, raised after the last line.
    Parsing,
}

impl PyErrorKind {
    /// The exception's class name in `configparser`.
    pub fn class(self) -> &'static str {
        match self {
            PyErrorKind::MissingSectionHeader => "MissingSectionHeaderError",
            PyErrorKind::DuplicateSection => "DuplicateSectionError",
            PyErrorKind::DuplicateOption => "DuplicateOptionError",
            PyErrorKind::Parsing => "ParsingError",
        }
    }

    /// Whether `_read` raises it on the spot (else it is raised after the last line).
    pub fn stops_the_read(self) -> bool {
        !matches!(self, PyErrorKind::Parsing)
    }
}

/// The error `read()` raises, if any: the first one that stops the read, else the collected
/// parsing errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Raised {
    /// One error that stopped the read.
    At(PyError),
    /// `ParsingError`, with every line it lists.
    Parsing(Vec<usize>),
}

impl ParsedFile {
    /// Keeps the errors only: what a model needs once the views are compared (the lines,
    /// sections and options take some 20 bytes per byte of input).
    pub fn keep_errors_only(&mut self) {
        self.lines = Vec::new();
        self.sections = Vec::new();
        self.defaults = PySection::default();
    }

    pub fn raised(&self) -> Option<Raised> {
        if let Some(first) = self.errors.iter().find(|e| e.kind.stops_the_read()) {
            return Some(Raised::At(*first));
        }
        let lines: Vec<usize> = self.errors.iter().map(|e| e.line).collect();
        (!lines.is_empty()).then_some(Raised::Parsing(lines))
    }

    pub fn section(&self, owner: Owner) -> &PySection {
        match owner {
            Owner::Defaults => &self.defaults,
            Owner::Section(index) => &self.sections[index as usize],
        }
    }

    pub fn option(&self, owner: Owner, option: u32) -> &PyOption {
        &self.section(owner).options[option as usize]
    }

    /// The keys `options(section)` lists, in its order: the section's own, then the defaults'
    /// that the section does not set; with where each value comes from.
    pub fn options_of(&self, section: u32, text: &str) -> Vec<(Owner, u32)> {
        let own = &self.sections[section as usize].options;
        let mut list: Vec<(Owner, u32)> = (0..own.len() as u32)
            .map(|i| (Owner::Section(section), i))
            .collect();
        for (i, default) in self.defaults.options.iter().enumerate() {
            if !own.iter().any(|o| o.key(text) == default.key(text)) {
                list.push((Owner::Defaults, i as u32));
            }
        }
        list
    }
}

/// The lines of `text` as Python's universal newlines split them (`\n`, `\r\n`, a lone `\r`):
/// spans without their terminators.
pub struct UniversalLines<'a> {
    bytes: &'a [u8],
    start: usize,
    /// Whether the text holds a `\r` at all (most files do not: then only `\n` ends lines).
    any_cr: bool,
}

pub fn universal_lines(text: &str) -> UniversalLines<'_> {
    let bytes = text.as_bytes();
    UniversalLines {
        bytes,
        start: 0,
        any_cr: crate::syntax::find_byte(bytes, b'\r').is_some(),
    }
}

impl Iterator for UniversalLines<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let (bytes, start) = (self.bytes, self.start);
        if start >= bytes.len() {
            return None;
        }
        // `\n` ends most lines: find it eight bytes at a time, then look for a `\r` before it.
        let newline = crate::syntax::find_byte(&bytes[start..], b'\n').map(|n| start + n);
        let end = newline.unwrap_or(bytes.len());
        let cr = if self.any_cr {
            crate::syntax::find_byte(&bytes[start..end], b'\r').map(|r| start + r)
        } else {
            None
        };
        let (line, next) = match cr {
            Some(cr) if cr + 1 == end && newline.is_some() => (Span::new(start, cr), end + 1),
            Some(cr) => (Span::new(start, cr), cr + 1),
            None => (Span::new(start, end), end + 1),
        };
        self.start = next;
        Some(line)
    }
}

/// Reads `text` as `RawConfigParser().read()` does (strict, `=` and `:`, `#`/`;` full-line
/// comments only, blank lines kept in values). Never fails: errors are data.
pub fn parse(text: &str) -> ParsedFile {
    // Lines of these files are some 25 bytes long: room for them all, most of the time.
    let estimate = text.len() / 24 + 1;
    let mut file = ParsedFile {
        lines: Vec::with_capacity(estimate),
        // About one header in four lines in real files: fewer copies as the list grows.
        sections: Vec::with_capacity(estimate / 4 + 1),
        defaults: PySection::default(),
        errors: Vec::new(),
    };
    // Sections by their exact name. Every section was opened in this read, so a name found here
    // is a duplicate header (`elements_added`).
    let mut by_name: FastMap<&str, u32> = FastMap::default();
    let mut cursect: Option<Owner> = None;
    let mut optname: Option<u32> = None;
    let mut indent_level = 0usize;

    for (index, span) in universal_lines(text).enumerate() {
        let stripped = py_strip(text, span);
        let value_text = stripped.slice(text);
        let is_comment = value_text.starts_with(['#', ';']);
        if value_text.is_empty() || is_comment {
            let kind = if is_comment {
                PyLineKind::Comment
            } else {
                match (cursect, optname) {
                    (Some(owner), Some(option)) => {
                        let entry = &mut section_mut(&mut file, owner).options[option as usize];
                        entry.more.push((index, None));
                        entry.last_line = index;
                        PyLineKind::Blank {
                            in_value: Some((owner, option)),
                        }
                    }
                    _ => PyLineKind::Blank { in_value: None },
                }
            };
            file.lines.push(PyLine { span, kind });
            continue;
        }
        let leading = &text[span.start..stripped.start];
        let indent = if leading.is_ascii() {
            leading.len()
        } else {
            leading.chars().count()
        };
        if let (Some(owner), Some(option), true) = (cursect, optname, indent > indent_level) {
            let entry = &mut section_mut(&mut file, owner).options[option as usize];
            entry.more.push((index, Some(stripped)));
            entry.last_line = index;
            file.lines.push(PyLine {
                span,
                kind: PyLineKind::Continuation {
                    owner,
                    option,
                    text: stripped,
                },
            });
            continue;
        }
        indent_level = indent;
        let mut kind = PyLineKind::Invalid;
        if let Some(name) = header_name(value_text) {
            let name = Span::new(stripped.start + name.start, stripped.start + name.end);
            let name_text = name.slice(text);
            let owner = if let Some(&existing) = by_name.get(name_text) {
                file.errors.push(PyError {
                    line: index,
                    span,
                    kind: PyErrorKind::DuplicateSection,
                });
                Owner::Section(existing)
            } else if name_text == DEFAULT_SECTION {
                if file.defaults.name.is_empty() {
                    file.defaults.header = index;
                    file.defaults.name = name;
                }
                Owner::Defaults
            } else {
                let at = file.sections.len() as u32;
                file.sections.push(PySection {
                    name,
                    header: index,
                    ..PySection::default()
                });
                by_name.insert(name_text, at);
                Owner::Section(at)
            };
            cursect = Some(owner);
            optname = None;
            kind = PyLineKind::Header { owner, name };
        } else if let Some(owner) = cursect {
            match split_option(value_text) {
                None => file.errors.push(PyError {
                    line: index,
                    span,
                    kind: PyErrorKind::Parsing,
                }),
                Some((key_len, value_start)) => {
                    let key_span = Span::new(stripped.start, stripped.start + key_len);
                    if key_len == 0 {
                        file.errors.push(PyError {
                            line: index,
                            span,
                            kind: PyErrorKind::Parsing,
                        });
                    }
                    let lowered = optionxform(key_span.slice(text));
                    let value_span =
                        py_strip(text, Span::new(stripped.start + value_start, stripped.end));
                    let entry = PyOption {
                        line: index,
                        key_span,
                        lowered,
                        value_span,
                        more: Vec::new(),
                        last_line: index,
                    };
                    let section = section_mut(&mut file, owner);
                    // Strict mode: a key this section already has stops the read.
                    let option = match section.find(entry.key(text), text) {
                        Some(at) => {
                            file.errors.push(PyError {
                                line: index,
                                span,
                                kind: PyErrorKind::DuplicateOption,
                            });
                            let section = section_mut(&mut file, owner);
                            section.options[at as usize] = entry;
                            at
                        }
                        None => section.push(entry, text),
                    };
                    // Python tests `optname` for truth: after an empty key, no line continues
                    // it and no blank line is kept in it.
                    optname = (key_len > 0).then_some(option);
                    kind = PyLineKind::Option {
                        owner,
                        option,
                        key: key_span,
                        value: value_span,
                    };
                }
            }
        } else {
            file.errors.push(PyError {
                line: index,
                span,
                kind: PyErrorKind::MissingSectionHeader,
            });
        }
        file.lines.push(PyLine { span, kind });
    }
    forget_trailing_blanks(&mut file);
    file
}

/// `optionxform`: `str.lower()`, which lower-cases every letter, not only ASCII ones. `None`
/// when the key is lower-case already (nearly always): no copy then.
fn optionxform(key: &str) -> Option<Box<str>> {
    key.bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        .then(|| key.to_lowercase().into())
}

/// A blank line is part of a value only before a continuation line of the same option:
/// joining strips trailing ones, and a later header or option ends the value.
fn forget_trailing_blanks(file: &mut ParsedFile) {
    let mut next_text: Option<(Owner, u32)> = None;
    for line in file.lines.iter_mut().rev() {
        match line.kind {
            PyLineKind::Continuation { owner, option, .. } => next_text = Some((owner, option)),
            PyLineKind::Blank { in_value: Some(at) } => {
                if next_text != Some(at) {
                    line.kind = PyLineKind::Blank { in_value: None };
                }
            }
            PyLineKind::Blank { in_value: None } | PyLineKind::Comment => {}
            _ => next_text = None,
        }
    }
    let sections = std::iter::once(&mut file.defaults).chain(file.sections.iter_mut());
    for section in sections {
        for option in &mut section.options {
            while option.more.last().is_some_and(|(_, piece)| piece.is_none()) {
                option.more.pop();
            }
            option.last_line = option.more.last().map_or(option.line, |(line, _)| *line);
        }
    }
}

fn section_mut(file: &mut ParsedFile, owner: Owner) -> &mut PySection {
    match owner {
        Owner::Defaults => &mut file.defaults,
        Owner::Section(index) => &mut file.sections[index as usize],
    }
}

/// `SECTCRE` (`\[(?P<header>.+)\]`, matched at the start): from the first `[` to the last `]`,
/// with at least one character between them. The span is relative to `value`.
fn header_name(value: &str) -> Option<Span> {
    if !value.starts_with('[') {
        return None;
    }
    let close = value.rfind(']')?;
    (close >= 2).then(|| Span::new(1, close))
}

/// `OPTCRE` (`(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$`): the length of the key (the
/// text before the first `=` or `:`, right-stripped) and where the value starts (after the
/// delimiter). `None` without a delimiter.
fn split_option(value: &str) -> Option<(usize, usize)> {
    let delimiter = value.bytes().position(|b| b == b'=' || b == b':')?;
    let key_len = py_rstrip(&value[..delimiter]).len();
    Some((key_len, delimiter + 1))
}
