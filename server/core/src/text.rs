//! Text primitives: byte spans, decoding bytes from disk, and line/column conversion.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A half-open byte range `start..end` into the text a tree was parsed from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `offset`, used to point at a place rather than at text.
    pub const fn empty(offset: usize) -> Self {
        Span {
            start: offset,
            end: offset,
        }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The text this span covers. Spans made by this crate always fall on char boundaries
    /// of the text they were made from; `get` keeps a foreign span from panicking.
    pub fn slice(self, text: &str) -> &str {
        text.get(self.range()).unwrap_or("")
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// An immutable string that is a slice of a shared buffer: cloning it, or taking a value out
/// of a file's text, costs a reference count, not an allocation. It reads as a `&str`.
#[derive(Clone)]
pub struct SharedStr {
    buffer: Arc<str>,
    start: usize,
    end: usize,
}

impl SharedStr {
    /// `span` of `buffer`, which must lie on character boundaries (spans made by the parser
    /// do); anything else becomes the empty string rather than a panic.
    pub fn slice(buffer: &Arc<str>, span: Span) -> SharedStr {
        let valid = buffer.get(span.range()).is_some();
        SharedStr {
            buffer: Arc::clone(buffer),
            start: if valid { span.start } else { 0 },
            end: if valid { span.end } else { 0 },
        }
    }

    pub fn as_str(&self) -> &str {
        &self.buffer[self.start..self.end]
    }
}

impl Default for SharedStr {
    fn default() -> Self {
        SharedStr::from(String::new())
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == other.as_str()
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SharedStr {
    fn from(text: &str) -> Self {
        SharedStr::from(String::from(text))
    }
}

impl From<String> for SharedStr {
    fn from(text: String) -> Self {
        let end = text.len();
        SharedStr {
            buffer: Arc::from(text),
            start: 0,
            end,
        }
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::hash::Hash for SharedStr {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text decoded from the bytes of a file.
///
/// Files on disk may hold invalid UTF-8. The editor shows such bytes as U+FFFD, so we do the
/// same (the spans then match what the user sees) and remember where they were: the AWS SDK for
/// Rust treats a file that is not valid UTF-8 as empty, and we must say so.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecodedText {
    pub text: String,
    /// Spans, in `text`, of each U+FFFD that replaced invalid bytes.
    pub invalid_utf8: Vec<Span>,
    /// With invalid UTF-8: how many bytes (from the start, all before the first invalid byte)
    /// Python's text reader hands on before it raises `UnicodeDecodeError`, which is what
    /// botocore's `configparser` gets to read before it fails ([`python_decoded_len`]).
    pub python_decoded: Option<usize>,
}

impl DecodedText {
    pub fn from_bytes(bytes: &[u8]) -> DecodedText {
        let mut text = String::with_capacity(bytes.len());
        let mut invalid_utf8 = Vec::new();
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            if !chunk.invalid().is_empty() {
                let start = text.len();
                text.push(char::REPLACEMENT_CHARACTER);
                invalid_utf8.push(Span::new(start, text.len()));
            }
        }
        DecodedText {
            text,
            invalid_utf8,
            python_decoded: python_decoded_len(bytes),
        }
    }
}

/// For bytes that are not valid UTF-8: how many of them Python's text reader (`open()` in text
/// mode, UTF-8) hands on before it raises `UnicodeDecodeError`. It decodes 8 KiB at a time and
/// raises for the whole chunk where it finds the bad byte, except that a valid beginning of a
/// character cut by the end of the chunk (or of the file) waits for the next chunk: then all
/// text before it is handed on first.
pub fn python_decoded_len(bytes: &[u8]) -> Option<usize> {
    const CHUNK: usize = 8192;
    let bad = std::str::from_utf8(bytes).err()?.valid_up_to();
    let chunk_end = bytes.len().min((bad / CHUNK + 1) * CHUNK);
    let truncated = std::str::from_utf8(&bytes[bad..chunk_end])
        .err()
        .is_some_and(|e| e.valid_up_to() == 0 && e.error_len().is_none());
    Some(if truncated { bad } else { bad / CHUNK * CHUNK })
}

/// Converts byte offsets to zero-based (line, column) positions and back, for editors and
/// terminals.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`, as LSP counts them (and as editors show them).
/// This is not the SDKs' view: for them a lone `\r` is part of the line (see
/// [`crate::syntax::Line`]); positions, though, are what the client counts.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    len: usize,
}

/// How a column counts characters: LSP clients speak UTF-16 unless they offer UTF-8.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnEncoding {
    Utf8,
    Utf16,
}

/// A zero-based position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(bytes, b'\n').map(|i| i + 1));
        // A lone `\r` ends a line too; most files have none, and pay one search for it.
        if crate::syntax::find_byte(bytes, b'\r').is_some() {
            let lone = memchr_newlines(bytes, b'\r')
                .filter(|&i| bytes.get(i + 1) != Some(&b'\n'))
                .map(|i| i + 1);
            let mut merged: Vec<usize> = Vec::with_capacity(line_starts.len());
            let mut lone = lone.peekable();
            for start in line_starts {
                while let Some(&r) = lone.peek().filter(|&&r| r < start) {
                    merged.push(r);
                    lone.next();
                }
                merged.push(start);
            }
            merged.extend(lone);
            line_starts = merged;
        }
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// Zero-based line holding `offset` (offsets past the end map to the last line).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        self.line_starts.partition_point(|&s| s <= offset) - 1
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).copied().unwrap_or(self.len)
    }

    /// Where `line`'s text ends: before its `\n`, `\r\n` or `\r`.
    pub fn content_end(&self, text: &str, line: usize) -> usize {
        let Some(&next) = self.line_starts.get(line + 1) else {
            return text.len();
        };
        let bytes = text.as_bytes();
        let start = self.line_start(line);
        let mut end = next;
        if end > start && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > start && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end
    }

    /// The position of a byte offset. Offsets inside a multi-byte character or past the end
    /// are clamped rather than rejected, so a stale span can never panic.
    pub fn position(&self, text: &str, offset: usize, encoding: ColumnEncoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let prefix = &text[start..offset];
        let character = match encoding {
            ColumnEncoding::Utf8 => prefix.len(),
            ColumnEncoding::Utf16 => prefix.encode_utf16().count(),
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of a position, or `None` when the line does not exist. A column past
    /// the end of its line clamps to the end of the line (as LSP asks).
    pub fn offset(
        &self,
        text: &str,
        position: Position,
        encoding: ColumnEncoding,
    ) -> Option<usize> {
        let line = position.line as usize;
        let start = *self.line_starts.get(line)?;
        let end = self.content_end(text, line);
        let line_text = &text[start..end];
        let want = position.character as usize;
        let mut units = 0;
        for (i, ch) in line_text.char_indices() {
            if units >= want {
                return Some(start + i);
            }
            units += match encoding {
                ColumnEncoding::Utf8 => ch.len_utf8(),
                ColumnEncoding::Utf16 => ch.len_utf16(),
            };
        }
        Some(end)
    }
}

/// The offsets of every `needle`, found eight bytes at a time (a 1 MiB file has 47,000 lines
/// and the language server indexes it on every edit).
fn memchr_newlines(bytes: &[u8], needle: u8) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let found = from + crate::syntax::find_byte(&bytes[from..], needle)?;
        from = found + 1;
        Some(found)
    })
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Masks a secret the way the AWS CLI's `aws configure list` does: sixteen stars and the last
/// four characters, and nothing at all of a secret shorter than eight characters.
pub fn mask_secret(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 8 {
        return "****************".to_string();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("****************{tail}")
}

/// Masks, in any text, what has the shape of an AWS secret whatever key it came from: 40
/// characters or more of `A-Za-z0-9/+` (a secret access key has 40, a session token hundreds,
/// `=` padding included) with capital and small letters and a digit in it; and, wherever a name
/// that ends like a secret's key (`…secret_access_key`, `…token`, `…password`) is followed by
/// `=` or `:`, the word after it if it has 16 characters or more (a secret glued into other
/// text). The mask is [`mask_secret`]'s. A safety net for texts that may quote values
/// (messages, logs); values whose key says they are secret are masked by their key first.
pub fn redact_secrets(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut copied = 0;
    for secret in secret_shaped_spans(text) {
        let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
        out.push_str(&text[copied..secret.start]);
        out.push_str(&mask_secret(&text[secret.range()]));
        copied = secret.end;
    }
    match out {
        None => std::borrow::Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            std::borrow::Cow::Owned(out)
        }
    }
}

/// The spans of `text` that have the shape of a secret (see [`redact_secrets`]), in order,
/// not overlapping.
pub fn secret_shaped_spans(text: &str) -> impl Iterator<Item = Span> + '_ {
    // Most texts hold nothing of the kind: one tight pass tells.
    if !may_hold_secret(text.as_bytes()) {
        return Vec::new().into_iter();
    }
    let mut spans: Vec<Span> = shaped_tokens(text).chain(assigned_words(text)).collect();
    spans.sort();
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged.into_iter()
}

/// The names after which a word is masked (see [`redact_secrets`]).
const SECRET_NAME_ENDINGS: [&str; 6] = [
    "secret_access_key",
    "secret_key",
    "secret",
    "token",
    "password",
    "passwd",
];

/// Whether `bytes` has a run of 40 key characters, or a secret's name before `=` or `:`.
/// Every message of every analysis passes here, so it looks at as few bytes as it can.
fn may_hold_secret(bytes: &[u8]) -> bool {
    let key = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'+';
    // A secret's name before a separator.
    let mut from = 0;
    while let Some(i) = bytes[from..].iter().position(|&b| b == b':' || b == b'=') {
        let name = bytes[..from + i].trim_ascii_end();
        if SECRET_NAME_ENDINGS.iter().any(|s| {
            name.len() >= s.len() && name[name.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
        }) {
            return true;
        }
        from += i + 1;
    }
    // A run of 40 holds a whole 16-byte block of the grid: in prose, the first bytes of a
    // block already show it is not one.
    for (n, block) in bytes.chunks_exact(16).enumerate() {
        if block.iter().all(|&b| key(b)) {
            let start = n * 16;
            let before = bytes[..start].iter().rev().take_while(|&&b| key(b)).count();
            let after = bytes[start..].iter().take_while(|&&b| key(b)).count();
            if before + after >= 40 {
                return true;
            }
        }
    }
    false
}

/// Tokens with the shape of a secret access key or a session token.
fn shaped_tokens(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let alphabet = |b: u8| b.is_ascii_alphanumeric() || b == b'/' || b == b'+';
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !alphabet(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && alphabet(bytes[i]) {
                i += 1;
            }
            let mut end = i;
            while end < bytes.len() && bytes[end] == b'=' && end - i < 2 {
                end += 1;
            }
            if let Some(secret) = secret_within(start, i, end, bytes) {
                i = secret.end.max(i);
                return Some(secret);
            }
        }
        None
    })
}

/// After a name that ends like a secret's key and `=` or `:`: the next word (up to
/// whitespace, a quote or a backtick) when it has 16 characters or more.
fn assigned_words(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let name_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'-';
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !name_byte(bytes[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && name_byte(bytes[i]) {
                i += 1;
            }
            // Cheap test first: is the name followed by `=` or `:`?
            let mut j = i;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                j += 1;
            }
            if !matches!(bytes.get(j), Some(b'=' | b':')) {
                continue;
            }
            let name = &bytes[start..i];
            let secret_name = SECRET_NAME_ENDINGS.iter().any(|s| {
                name.len() >= s.len()
                    && name[name.len() - s.len()..].eq_ignore_ascii_case(s.as_bytes())
            });
            if !secret_name {
                continue;
            }
            j += 1;
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
                j += 1;
            }
            let word_start = j;
            while j < bytes.len()
                && !bytes[j].is_ascii_whitespace()
                && !b"`'\",;)]}>".contains(&bytes[j])
            {
                j += 1;
            }
            if text[word_start..j].chars().count() >= 16 {
                // The word may itself hold `name: secret`: it is searched too.
                i = word_start;
                return Some(Span::new(word_start, j));
            }
        }
        None
    })
}

/// Text for a terminal: control characters (ESC, CR, LF, DEL, the C1 range) and
/// text-direction marks written as `\u{1b}`, so that what a file holds can neither move the
/// cursor, clear the screen, fake a line of output nor reorder one. Tabs stay.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}')
    };
    let plain = text
        .bytes()
        .all(|b| (0x20..0x7f).contains(&b) || b == b'\t');
    if plain || !text.chars().any(escaped) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The secret-shaped part of the run `start..end` (`end..padded` is `=` padding), if any:
/// 40 characters or more with capital and small letters and a digit. Slashes at either end
/// are not part of it (a key after `https://`). A longer run is masked whole: it may be a
/// key glued to other text, or a session token.
fn secret_within(start: usize, end: usize, padded: usize, bytes: &[u8]) -> Option<Span> {
    let run = &bytes[start..end];
    let leading = run.iter().take_while(|&&b| b == b'/').count();
    let trailing = run[leading..]
        .iter()
        .rev()
        .take_while(|&&b| b == b'/')
        .count();
    let part = &run[leading..run.len() - trailing];
    if part.len() < 40 {
        return None;
    }
    let mixed = part.iter().any(u8::is_ascii_uppercase)
        && part.iter().any(u8::is_ascii_lowercase)
        && part.iter().any(u8::is_ascii_digit);
    if !mixed {
        return None;
    }
    let end = if trailing == 0 {
        padded
    } else {
        end - trailing
    };
    Some(Span::new(start + leading, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_invalid_utf8_and_remembers_where() {
        let decoded = DecodedText::from_bytes(b"[default]\nregion = us\xffeast-1\n");
        assert_eq!(decoded.text, "[default]\nregion = us\u{fffd}east-1\n");
        assert_eq!(decoded.invalid_utf8, vec![Span::new(21, 24)]);
        let clean = DecodedText::from_bytes(b"[default]\n");
        assert!(clean.invalid_utf8.is_empty());
    }

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        let text = "[profile é]\nregion = 😀x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            index.position(text, x, ColumnEncoding::Utf16),
            Position {
                line: 1,
                character: 11
            }
        );
        assert_eq!(
            index.position(text, x, ColumnEncoding::Utf8),
            Position {
                line: 1,
                character: 13
            }
        );
        let back = index.offset(
            text,
            Position {
                line: 1,
                character: 11,
            },
            ColumnEncoding::Utf16,
        );
        assert_eq!(back, Some(x));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_lsp() {
        let text = "# note\rmore\n[default]\r\nregion = us-east-1\routput = json  \n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 6);
        let at = |line, character| Position { line, character };
        let output = text.find("output").unwrap();
        let utf16 = ColumnEncoding::Utf16;
        assert_eq!(index.position(text, output, utf16), at(4, 0));
        assert_eq!(index.position(text, 7, ColumnEncoding::Utf8), at(1, 0));
        assert_eq!(index.offset(text, at(4, 0), utf16), Some(output));
        // Past the end of a line: before its terminator, whichever it is.
        assert_eq!(index.offset(text, at(0, 99), utf16), Some(6));
        assert_eq!(index.offset(text, at(2, 99), utf16), Some(21));
        assert_eq!(index.offset(text, at(3, 99), utf16), Some(41));
        assert_eq!(index.offset(text, at(5, 0), utf16), Some(text.len()));
        assert_eq!(index.line_of(text.len()), 5);
    }

    #[test]
    fn out_of_range_positions_do_not_panic() {
        let text = "a = é";
        let index = LineIndex::new(text);
        // Inside the two bytes of `é`: clamped to its start.
        assert_eq!(
            index.position(text, 5, ColumnEncoding::Utf16),
            Position {
                line: 0,
                character: 4
            }
        );
        assert_eq!(
            index.position(text, 999, ColumnEncoding::Utf16).character,
            5
        );
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 7,
                    character: 0
                },
                ColumnEncoding::Utf8
            ),
            None
        );
        assert_eq!(
            index.offset(
                text,
                Position {
                    line: 0,
                    character: 99
                },
                ColumnEncoding::Utf8
            ),
            Some(text.len())
        );
    }

    #[test]
    fn shared_strings_slice_without_copying() {
        let buffer: Arc<str> = Arc::from("[a]\nk = value\n");
        let value = SharedStr::slice(&buffer, Span::new(8, 13));
        assert_eq!(value, "value");
        assert_eq!(value.clone().len(), 5);
        assert_eq!(SharedStr::slice(&buffer, Span::new(8, 99)), "");
        assert_eq!(SharedStr::from("x"), SharedStr::from(String::from("x")));
    }

    #[test]
    fn masks_secrets_like_the_aws_cli() {
        assert_eq!(
            mask_secret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            "****************EKEY"
        );
        assert_eq!(mask_secret("short"), "****************");
    }

    #[test]
    fn escapes_what_would_drive_a_terminal() {
        assert_eq!(
            escape_controls("[\u{1b}[2J\u{1b}[31mstaging]\r\n\u{9b}\u{202e}\tok"),
            "[\\u{1b}[2J\\u{1b}[31mstaging]\\u{d}\\u{a}\\u{9b}\\u{202e}\tok"
        );
        assert!(matches!(
            escape_controls("é ok"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn redacts_what_has_the_shape_of_a_secret() {
        let key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        let token = format!("IQoJb3JpZ2luX2VjEXAMPLE{}", "Ab1".repeat(40));
        let cases = [
            (
                format!("`{key}` is not a region"),
                "`****************EKEY` is not a region".to_string(),
            ),
            (
                format!("https://{key} x"),
                "https://****************EKEY x".to_string(),
            ),
            (
                format!("secret={key}, token={token}=="),
                format!(
                    "secret=****************EKEY, token={}",
                    mask_secret(&format!("{token}=="))
                ),
            ),
            // Not secrets: too short or too long for a key, one case only, no digit.
            (
                "AKIAIOSFODNN7EXAMPLE region us-east-1".to_string(),
                "AKIAIOSFODNN7EXAMPLE region us-east-1".to_string(),
            ),
            (
                "0123456789abcdef0123456789abcdef01234567".to_string(),
                "0123456789abcdef0123456789abcdef01234567".to_string(),
            ),
            (
                "/home/someone/Projects/Infrastructure/aws".to_string(),
                "/home/someone/Projects/Infrastructure/aws".to_string(),
            ),
            (
                format!("{key}region = x"),
                format!("{} = x", mask_secret(&format!("{key}region"))),
            ),
            // Glued into other text after a secret's key.
            (
                format!("`x = Metadataaws_secret_access_key: {key}credential_source = y`"),
                "`x = Metadataaws_secret_access_key: ****************urce = y`".to_string(),
            ),
            (
                format!("aws_secret_access_key: aws_secret_access_key: {key}role_arn x"),
                "aws_secret_access_key: ****************key: ****************_arn x".to_string(),
            ),
            (
                "web_identity_token_file = /var/run/secrets/eks/token password: short".to_string(),
                "web_identity_token_file = /var/run/secrets/eks/token password: short".to_string(),
            ),
            ("é ü".to_string(), "é ü".to_string()),
        ];
        for (text, want) in cases {
            assert_eq!(redact_secrets(&text), want);
        }
        assert!(matches!(
            redact_secrets("nothing"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
