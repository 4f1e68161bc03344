//! The lossless, line-oriented syntax of AWS shared config and credentials files.
//!
//! Every line of the input becomes one [`Line`] with byte spans for its parts; nothing is
//! dropped and nothing fails. Classification follows the SDK specification (the Rust and Java
//! SDKs, encoded in the shared parser test vectors) exactly, including its quirks:
//!
//! 1. a line of only spaces and tabs is blank;
//! 2. a line whose first character is `#` or `;` is a comment;
//! 3. a line whose first character is `[` is a section header;
//! 4. a line whose first character is a space or tab continues the previous property;
//! 5. anything else is a property.
//!
//! What the SDKs would refuse is recorded in [`SyntaxTree::errors`] (the SDKs stop at the first
//! one and refuse the whole file). How botocore and the AWS CLI read the same text is a view of
//! its own ([`crate::views`]).

use crate::text::Span;

/// The only whitespace of the SDK specification. Unicode spaces are ordinary characters.
const fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

const fn is_comment_char(b: u8) -> bool {
    b == b'#' || b == b';'
}

const BOM: &str = "\u{feff}";

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxTree {
    pub lines: Vec<Line>,
    /// What the SDKs reject, in file order. The SDKs report the first one and load nothing.
    pub errors: Vec<SyntaxError>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line without its terminator.
    pub span: Span,
    /// `\n`, `\r\n`, or empty on the last line. A `\r` not followed by `\n` stays in the line,
    /// as it does for Rust's `str::lines`, which the SDK uses.
    pub terminator: Span,
    pub kind: LineKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// Only spaces and tabs, or nothing.
    Blank,
    /// A whole-line comment; the span starts at the `#` or `;`.
    Comment(Span),
    /// Boxed: headers are the largest line kind and the rarest, and every line pays for the
    /// largest.
    Header(Box<Header>),
    Property(Property),
    /// An indented line that the SDKs append, trimmed, to the previous property's value.
    Continuation(Continuation),
    /// An indented `key = value` line under a property whose own value is empty (`s3 =`).
    /// Boxed, like headers: rare, and every line pays for the largest kind.
    SubProperty(Box<SubProperty>),
}

/// `[prefix name] ; comment`
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub open: Span,
    /// Everything between the brackets: the section's raw key for the SDK parser.
    pub inner: Span,
    /// `profile`, `sso-session`, `services`, or any other word before the first space or tab.
    pub prefix: Option<Span>,
    /// The name, trimmed as the SDKs trim it. May be empty (`[]`, `[profile ]`).
    pub name: Span,
    pub close: Option<Span>,
    /// Text after `]` that is not a comment: the SDKs refuse the file.
    pub trailing: Option<Span>,
    /// From the first `#` or `;` (no whitespace needed before it in a header) to the end.
    pub comment: Option<Span>,
}

/// `key = value ; comment`, or the same shape on a sub-property line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Property {
    /// The key as written (the SDKs lower-case it).
    pub key: Span,
    pub eq: Option<Span>,
    /// The value, trimmed; an empty span right after `=` when the value is empty.
    pub value: Span,
    /// An inline comment: `#` or `;` preceded by whitespace. The SDKs drop it from the value;
    /// botocore keeps it.
    pub comment: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continuation {
    /// The trimmed text the SDKs append (after a `\n`) to the value, comments included.
    pub text: Span,
    /// Index of the property line this continues, when there is one.
    pub parent: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubProperty {
    pub property: Property,
    /// The trimmed text the SDKs append to the parent's value.
    pub text: Span,
    /// Index of the parent property line (the one with the empty value).
    pub parent: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// Zero-based line index.
    pub line: usize,
    /// The narrowest span at fault.
    pub span: Span,
    pub kind: SyntaxErrorKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// A UTF-8 byte-order mark starts the file: the SDKs read it as part of the first line,
    /// which then is neither a header nor a comment.
    ByteOrderMark,
    /// A header the SDKs cannot read, and why.
    InvalidHeader(HeaderProblem),
    /// A property line before the first section header.
    PropertyOutsideSection,
    /// An indented line before the first section header.
    ContinuationOutsideSection,
    /// An indented line with no property before it in its section.
    OrphanContinuation,
    /// A property line without `=`.
    MissingEquals,
    /// A property line that starts with `=`.
    EmptyKey,
    /// A line under an empty-valued property that is not `key = value`.
    SubPropertyMissingEquals,
    SubPropertyEmptyKey,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderProblem {
    /// No `]` at all.
    NotClosed,
    /// A `#` or `;` inside the brackets starts a comment, which cuts the header short.
    CommentInsideBrackets,
    /// Text after `]` that is not a comment.
    TextAfterBracket,
}

impl SyntaxErrorKind {
    /// The message of the AWS SDK for Rust for this error, word for word.
    pub fn sdk_message(self) -> &'static str {
        match self {
            SyntaxErrorKind::ByteOrderMark
            | SyntaxErrorKind::PropertyOutsideSection
            | SyntaxErrorKind::ContinuationOutsideSection => "Expected a profile definition",
            SyntaxErrorKind::InvalidHeader(_) => "Profile definition must end with ']'",
            SyntaxErrorKind::OrphanContinuation => {
                "Expected a property definition, found continuation"
            }
            SyntaxErrorKind::MissingEquals => "Expected an '=' sign defining a property",
            SyntaxErrorKind::EmptyKey => "Property did not have a name",
            SyntaxErrorKind::SubPropertyMissingEquals => {
                "Expected an '=' sign defining a sub-property"
            }
            SyntaxErrorKind::SubPropertyEmptyKey => "Sub-property did not have a name",
        }
    }
}

impl SyntaxTree {
    /// The first error, which is the one the SDKs report.
    pub fn first_error(&self) -> Option<&SyntaxError> {
        self.errors.first()
    }
}

/// Parses `text` into a lossless syntax tree. Never fails, never panics, linear in the input.
pub fn parse(text: &str) -> SyntaxTree {
    Parser {
        text,
        tree: SyntaxTree {
            // One line per `\n`, plus a last line without one: counting first saves growing
            // (and copying) the biggest vector of the parse.
            lines: Vec::with_capacity(count_newlines(text.as_bytes()) + 1),
            errors: Vec::new(),
        },
        state: State::Start,
    }
    .run()
}

#[derive(Clone, Copy)]
enum State {
    /// Before the first section header.
    Start,
    /// In a section; `property` is the line of the property continuations attach to, and
    /// whether its value was empty (then continuations must be sub-properties).
    InSection { property: Option<(usize, bool)> },
}

struct Parser<'a> {
    text: &'a str,
    tree: SyntaxTree,
    state: State,
}

impl<'a> Parser<'a> {
    fn run(mut self) -> SyntaxTree {
        let bytes = self.text.as_bytes();
        let mut start = 0;
        let mut index = 0;
        while start < bytes.len() {
            let newline = find_byte(&bytes[start..], b'\n');
            let (end, terminator) = match newline {
                Some(n) => {
                    let nl = start + n;
                    if nl > start && bytes[nl - 1] == b'\r' {
                        (nl - 1, Span::new(nl - 1, nl + 1))
                    } else {
                        (nl, Span::new(nl, nl + 1))
                    }
                }
                None => (bytes.len(), Span::empty(bytes.len())),
            };
            let span = Span::new(start, end);
            let kind = self.classify(index, span);
            self.tree.lines.push(Line {
                span,
                terminator,
                kind,
            });
            start = terminator.end;
            index += 1;
        }
        self.tree
    }

    fn error(&mut self, line: usize, span: Span, kind: SyntaxErrorKind) {
        self.tree.errors.push(SyntaxError { line, span, kind });
    }

    fn classify(&mut self, index: usize, mut span: Span) -> LineKind {
        if span.start == 0 && self.text.starts_with(BOM) {
            // The SDKs see the mark as the line's first character: not `[`, not `#`, not
            // whitespace, so a property outside any section. We record that, then read the rest
            // of the line as the user sees it so that everything else still gets analysed.
            self.error(
                index,
                Span::new(0, BOM.len()),
                SyntaxErrorKind::ByteOrderMark,
            );
            span.start = BOM.len();
        }
        let bytes = &self.text.as_bytes()[span.range()];
        match bytes.first() {
            _ if bytes.iter().all(|&b| is_ws(b)) => LineKind::Blank,
            Some(&b) if is_comment_char(b) => LineKind::Comment(span),
            Some(b'[') => {
                self.state = State::InSection { property: None };
                LineKind::Header(Box::new(self.header(index, span)))
            }
            Some(&b) if is_ws(b) => self.indented(index, span),
            _ => self.property_line(index, span),
        }
    }

    fn header(&mut self, index: usize, span: Span) -> Header {
        let text = self.text;
        let line = trim_ws(text, span);
        // In a header a comment needs no whitespace before it: `[profile a]#note` is fine,
        // and `[profile a#b]` is cut at the `#`.
        let comment_at = find_header_comment(text, line);
        let content = trim_ws(text, Span::new(line.start, comment_at.unwrap_or(line.end)));
        let comment = comment_at.map(|at| Span::new(at, line.end));
        let open = Span::new(content.start, content.start + 1);
        let content_text = content.slice(text);

        let (close, trailing, problem) = if content.len() >= 2 && content_text.ends_with(']') {
            (Some(Span::new(content.end - 1, content.end)), None, None)
        } else if let Some(rel) = content_text.find(']') {
            let close = Span::new(content.start + rel, content.start + rel + 1);
            let trailing = trim_ws(text, Span::new(close.end, content.end));
            (
                Some(close),
                Some(trailing),
                Some(HeaderProblem::TextAfterBracket),
            )
        } else if comment
            .map(|c| c.slice(text).contains(']'))
            .unwrap_or(false)
        {
            (None, None, Some(HeaderProblem::CommentInsideBrackets))
        } else {
            (None, None, Some(HeaderProblem::NotClosed))
        };

        let inner = Span::new(open.end, close.map(|c| c.start).unwrap_or(content.end));
        let (prefix, name) = split_section_key(text, inner);

        if let Some(problem) = problem {
            let at = match (problem, trailing) {
                (HeaderProblem::TextAfterBracket, Some(trailing)) => trailing,
                (HeaderProblem::CommentInsideBrackets, _) => comment.unwrap_or(content),
                _ => content,
            };
            self.error(index, at, SyntaxErrorKind::InvalidHeader(problem));
        }
        Header {
            open,
            inner,
            prefix,
            name,
            close,
            trailing,
            comment,
        }
    }

    fn indented(&mut self, index: usize, span: Span) -> LineKind {
        let text = self.text;
        let trimmed = trim_ws(text, span);
        match self.state {
            State::Start => {
                self.error(index, trimmed, SyntaxErrorKind::ContinuationOutsideSection);
                LineKind::Continuation(Continuation {
                    text: trimmed,
                    parent: None,
                })
            }
            State::InSection { property: None } => {
                self.error(index, trimmed, SyntaxErrorKind::OrphanContinuation);
                LineKind::Continuation(Continuation {
                    text: trimmed,
                    parent: None,
                })
            }
            State::InSection {
                property: Some((parent, false)),
            } => LineKind::Continuation(Continuation {
                text: trimmed,
                parent: Some(parent),
            }),
            State::InSection {
                property: Some((parent, true)),
            } => {
                let (property, body) = split_property(text, trimmed);
                if property.eq.is_none() {
                    self.error(index, body, SyntaxErrorKind::SubPropertyMissingEquals);
                } else if property.key.is_empty() {
                    let at = property.eq.unwrap_or(body);
                    self.error(index, at, SyntaxErrorKind::SubPropertyEmptyKey);
                }
                LineKind::SubProperty(Box::new(SubProperty {
                    property,
                    text: trimmed,
                    parent,
                }))
            }
        }
    }

    fn property_line(&mut self, index: usize, span: Span) -> LineKind {
        let text = self.text;
        let trimmed = trim_ws(text, span);
        let (property, body) = split_property(text, trimmed);
        let mut ok = true;
        if matches!(self.state, State::Start) {
            self.error(index, body, SyntaxErrorKind::PropertyOutsideSection);
            ok = false;
        } else if property.eq.is_none() {
            self.error(index, body, SyntaxErrorKind::MissingEquals);
            ok = false;
        } else if property.key.is_empty() {
            let at = property.eq.unwrap_or(body);
            self.error(index, at, SyntaxErrorKind::EmptyKey);
            ok = false;
        }
        if let State::InSection { property: current } = &mut self.state {
            *current = ok.then_some((index, property.value.is_empty()));
        }
        LineKind::Property(property)
    }
}

/// Splits `key = value # comment` the way the SDKs do: first drop the comment (a `#` or `;`
/// after whitespace), then split at the first `=`, then trim both sides. Returns the property
/// and the span of the text before the comment. This is the hot path of the parser: both
/// searches look at eight bytes at a time.
fn split_property(text: &str, trimmed: Span) -> (Property, Span) {
    let bytes = text.as_bytes();
    let line = &bytes[trimmed.range()];
    let mut comment_at = None;
    let mut from = 0;
    while let Some(rel) = find_comment_char(&line[from..]) {
        let at = from + rel;
        if at > 0 && char_before_is_whitespace(text, trimmed.start + at) {
            comment_at = Some(trimmed.start + at);
            break;
        }
        from = at + 1;
    }
    let body_end = comment_at.unwrap_or(trimmed.end);
    let body = trim_ws(text, Span::new(trimmed.start, body_end));
    let comment = comment_at.map(|at| Span::new(at, trimmed.end));
    let eq_at = find_byte(&bytes[trimmed.start..body_end], b'=').map(|rel| trimmed.start + rel);
    let property = match eq_at {
        Some(eq) => {
            let key = trim_ws(text, Span::new(body.start, eq));
            let value = trim_ws(text, Span::new(eq + 1, body.end.max(eq + 1)));
            let value = if value.is_empty() {
                Span::empty(eq + 1)
            } else {
                value
            };
            Property {
                key,
                eq: Some(Span::new(eq, eq + 1)),
                value,
                comment,
            }
        }
        None => Property {
            key: body,
            eq: None,
            value: Span::empty(body.end),
            comment,
        },
    };
    (property, body)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` that equals `byte`; the lowest one is exact (little
/// endian: the first such byte in memory). Higher ones can be false after a match.
#[inline]
fn bytes_equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// The first `needle` in `bytes`, eight bytes at a time. For the short lines of these files
/// this beats the standard memchr, whose set-up dominates.
pub(crate) fn find_byte(bytes: &[u8], needle: u8) -> Option<usize> {
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        let found = bytes_equal(word, needle);
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| b == needle)
        .map(|rel| i + rel)
}

/// The first `#` or `;` in `bytes`, eight bytes at a time.
pub(crate) fn find_comment_char(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 8 <= bytes.len() {
        let word = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        let found = bytes_equal(word, b'#') | bytes_equal(word, b';');
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| is_comment_char(b))
        .map(|rel| i + rel)
}

/// Whether the character that ends right before `offset` is (Unicode) whitespace, as the
/// Rust SDK's comment rule (`char::is_whitespace`) decides it.
fn char_before_is_whitespace(text: &str, offset: usize) -> bool {
    let previous = text.as_bytes()[offset - 1];
    if previous.is_ascii() {
        return (previous as char).is_whitespace();
    }
    text[..offset]
        .chars()
        .next_back()
        .is_some_and(char::is_whitespace)
}

/// The offset of the first `#` or `;` in `span`: in a header a comment needs no whitespace
/// before it.
fn find_header_comment(text: &str, span: Span) -> Option<usize> {
    let bytes = &text.as_bytes()[span.range()];
    bytes
        .iter()
        .position(|&b| is_comment_char(b))
        .map(|rel| span.start + rel)
}

/// The number of `\n` bytes, eight bytes at a time.
fn count_newlines(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in &mut chunks {
        let word =
            u64::from_le_bytes(chunk.try_into().expect("8 bytes")) ^ (ONES * u64::from(b'\n'));
        // A byte of `word` is zero exactly where the input byte is `\n`.
        let zero_bytes = !(((word & !HIGHS) + !HIGHS) | word) & HIGHS;
        count += zero_bytes.count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Trims spaces and tabs (only those) from both ends of a span.
pub fn trim_ws(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let (mut start, mut end) = (span.start, span.end);
    while start < end && is_ws(bytes[start]) {
        start += 1;
    }
    while end > start && is_ws(bytes[end - 1]) {
        end -= 1;
    }
    Span::new(start, end)
}

/// Splits a section key into prefix and name as the SDKs do: trim spaces and tabs, split at the
/// first space or tab, then trim each part (the name with Unicode whitespace trimming, as the
/// Rust SDK does).
fn split_section_key(text: &str, inner: Span) -> (Option<Span>, Span) {
    let key = trim_ws(text, inner);
    let key_bytes = key.slice(text).as_bytes();
    match key_bytes.iter().position(|&b| is_ws(b)) {
        Some(rel) => {
            let prefix = unicode_trim(text, Span::new(key.start, key.start + rel));
            let name = unicode_trim(text, Span::new(key.start + rel + 1, key.end));
            (Some(prefix), name)
        }
        None => (None, unicode_trim(text, key)),
    }
}

fn unicode_trim(text: &str, span: Span) -> Span {
    let slice = span.slice(text);
    let start_trimmed = slice.trim_start();
    let start = span.start + (slice.len() - start_trimmed.len());
    let end = start + start_trimmed.trim_end().len();
    Span::new(start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<&'static str> {
        parse(text)
            .lines
            .iter()
            .map(|line| match line.kind {
                LineKind::Blank => "blank",
                LineKind::Comment(_) => "comment",
                LineKind::Header(_) => "header",
                LineKind::Property(_) => "property",
                LineKind::Continuation(_) => "continuation",
                LineKind::SubProperty(_) => "sub-property",
            })
            .collect()
    }

    fn header(text: &str) -> (Header, SyntaxTree) {
        let tree = parse(text);
        match &tree.lines[0].kind {
            LineKind::Header(h) => ((**h).clone(), tree),
            other => panic!("not a header: {other:?}"),
        }
    }

    #[test]
    fn classifies_lines_in_sdk_order() {
        let text = "# c\n[profile a]\nregion = x\n  more\n\t\n; c\ns3 =\n  k = v\n";
        assert_eq!(
            kinds(text),
            [
                "comment",
                "header",
                "property",
                "continuation",
                "blank",
                "comment",
                "property",
                "sub-property"
            ]
        );
    }

    #[test]
    fn every_byte_belongs_to_a_line() {
        for text in ["", "a", "\n", "[a]\r\nb = c\r\n", "x\ry\n\n\r\n", "é\n😀"] {
            let tree = parse(text);
            let mut at = 0;
            for line in &tree.lines {
                assert_eq!(line.span.start, at, "{text:?}");
                assert_eq!(line.span.end, line.terminator.start, "{text:?}");
                at = line.terminator.end;
            }
            assert_eq!(at, text.len(), "{text:?}");
        }
    }

    #[test]
    fn crlf_is_a_terminator_and_a_lone_cr_is_text() {
        let tree = parse("[a]\r\nk = v\r");
        assert_eq!(tree.lines[0].terminator, Span::new(3, 5));
        let LineKind::Property(p) = &tree.lines[1].kind else {
            panic!()
        };
        assert_eq!(p.value.slice("[a]\r\nk = v\r"), "v\r");
    }

    #[test]
    fn header_parts_have_spans() {
        let text = "[ profile\tmy-dev ] ; note";
        let (h, tree) = header(text);
        assert_eq!(h.prefix.unwrap().slice(text), "profile");
        assert_eq!(h.name.slice(text), "my-dev");
        assert_eq!(h.comment.unwrap().slice(text), "; note");
        assert!(tree.errors.is_empty());
    }

    #[test]
    fn header_problems() {
        let (_, tree) = header("[profile foo");
        assert_eq!(
            tree.errors[0].kind,
            SyntaxErrorKind::InvalidHeader(HeaderProblem::NotClosed)
        );
        let (_, tree) = header("[profile a#b]");
        assert_eq!(
            tree.errors[0].kind,
            SyntaxErrorKind::InvalidHeader(HeaderProblem::CommentInsideBrackets)
        );
        let text = "[profile a] /* x */";
        let (h, tree) = header(text);
        assert_eq!(h.trailing.unwrap().slice(text), "/* x */");
        assert_eq!(
            tree.errors[0].kind,
            SyntaxErrorKind::InvalidHeader(HeaderProblem::TextAfterBracket)
        );
        // A comment right after `]` is fine for the SDKs.
        let (h, tree) = header("[profile a]#note");
        assert!(tree.errors.is_empty());
        assert_eq!(h.name.slice("[profile a]#note"), "a");
    }

    #[test]
    fn inline_comments_need_whitespace() {
        let text = "[a]\nk = v # c\nu = https://x/#frag\n";
        let tree = parse(text);
        let LineKind::Property(p) = &tree.lines[1].kind else {
            panic!()
        };
        assert_eq!(p.value.slice(text), "v");
        assert_eq!(p.comment.unwrap().slice(text), "# c");
        let LineKind::Property(p) = &tree.lines[2].kind else {
            panic!()
        };
        assert_eq!(p.value.slice(text), "https://x/#frag");
        assert!(p.comment.is_none());
    }

    #[test]
    fn property_errors() {
        let tree = parse("[a]\nkey: value\n= v\n");
        let kinds: Vec<_> = tree.errors.iter().map(|e| e.kind).collect();
        assert_eq!(
            kinds,
            [SyntaxErrorKind::MissingEquals, SyntaxErrorKind::EmptyKey]
        );

        let tree = parse("k = v\n");
        assert_eq!(tree.errors[0].kind, SyntaxErrorKind::PropertyOutsideSection);
    }

    #[test]
    fn indented_lines() {
        let tree = parse("[a]\n  region = x\n");
        assert_eq!(tree.errors[0].kind, SyntaxErrorKind::OrphanContinuation);

        let text = "[a]\nregion = x\n  # note\n";
        let tree = parse(text);
        assert!(tree.errors.is_empty());
        let LineKind::Continuation(c) = &tree.lines[2].kind else {
            panic!()
        };
        assert_eq!(c.parent, Some(1));

        let tree = parse("[a]\ns3 =\n  nonsense\n");
        assert_eq!(
            tree.errors[0].kind,
            SyntaxErrorKind::SubPropertyMissingEquals
        );
    }

    #[test]
    fn finds_bytes_at_any_position() {
        for n in 0..40 {
            let line = format!("{}=x=", "é".repeat(n));
            assert_eq!(find_byte(line.as_bytes(), b'='), line.find('='), "{line}");
            assert_eq!(find_byte(line.as_bytes(), b'\n'), None);
        }
    }

    #[test]
    fn finds_comment_characters_at_any_position() {
        for n in 0..40 {
            let mut line = "x".repeat(n);
            assert_eq!(find_comment_char(line.as_bytes()), None);
            line.push(';');
            line.push_str("#abc");
            assert_eq!(find_comment_char(line.as_bytes()), Some(n), "{line}");
        }
    }

    #[test]
    fn counts_newlines_in_any_alignment() {
        for text in [
            "",
            "\n",
            "a\nb\n",
            "\n\n\n\n\n\n\n\n\n",
            "é\n😀\nxxxxxxxxxxxxxxxxx\n\r\n",
        ] {
            assert_eq!(
                count_newlines(text.as_bytes()),
                text.matches('\n').count(),
                "{text:?}"
            );
        }
        let all: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert_eq!(
            count_newlines(&all),
            all.iter().filter(|&&b| b == b'\n').count()
        );
    }

    #[test]
    fn comment_rules_match_the_sdk_on_unicode_whitespace() {
        // The Rust SDK's comment rule uses `char::is_whitespace`: a no-break space counts.
        let text = "[a]\nk = v\u{a0}# c\nu = é#x\nw = a\u{b}; c\n";
        let tree = parse(text);
        let values: Vec<_> = tree
            .lines
            .iter()
            .filter_map(|l| match &l.kind {
                LineKind::Property(p) => Some(p.value.slice(text)),
                _ => None,
            })
            .collect();
        assert_eq!(values, ["v\u{a0}", "é#x", "a\u{b}"]);
    }

    #[test]
    fn byte_order_mark_is_an_error_but_the_line_is_still_read() {
        let tree = parse("\u{feff}[default]\nregion = x\n");
        assert_eq!(tree.errors[0].kind, SyntaxErrorKind::ByteOrderMark);
        assert_eq!(tree.errors.len(), 1);
        assert!(matches!(tree.lines[0].kind, LineKind::Header(_)));
    }
}
