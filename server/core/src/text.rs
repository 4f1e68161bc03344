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

/// Converts byte offsets to zero-based (line, column) positions and back.
///
/// Lines end at `\n`, as the SDKs split them; a `\r` before it belongs to the line ending.
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
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()).map(|i| i + 1));
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
        let end = self
            .line_starts
            .get(line + 1)
            .map(|next| next - 1)
            .unwrap_or(text.len());
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

/// The offsets of every `\n`, found eight bytes at a time (a 1 MiB file has 47,000 lines and
/// the language server indexes it on every edit).
fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        let found = from + crate::syntax::find_byte(&bytes[from..], b'\n')?;
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
}
