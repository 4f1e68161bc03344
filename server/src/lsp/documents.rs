//! Open documents: their text in a rope, their version, and what kind of file they are.

use aws_config_lsp_core::text::ColumnEncoding;
use aws_config_lsp_core::FileKind;
use ropey::Rope;
use std::path::PathBuf;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent, Uri};

pub struct Document {
    pub uri: Uri,
    pub path: Option<PathBuf>,
    pub language_id: String,
    pub rope: Rope,
    pub version: i32,
    pub kind: FileKind,
}

/// Why a change could not be applied.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeError {
    /// The version is not newer than the one we have: the change is out of order.
    StaleVersion { have: i32, got: i32 },
}

impl Document {
    /// Applies the changes of one `didChange`, in order. Positions past the end of a line or
    /// of the document are clamped, as LSP asks.
    pub fn apply(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: ColumnEncoding,
    ) -> Result<(), ChangeError> {
        if version <= self.version {
            return Err(ChangeError::StaleVersion {
                have: self.version,
                got: version,
            });
        }
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let start = char_index(&self.rope, range.start, encoding);
                    let end = char_index(&self.rope, range.end, encoding).max(start);
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        Ok(())
    }
}

/// The char index of an LSP position in the rope, clamped to the line and the document.
pub fn char_index(rope: &Rope, position: Position, encoding: ColumnEncoding) -> usize {
    let line = position.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let line_start = rope.line_to_char(line);
    let line_text = rope.line(line);
    // The line's text without its break: `\n`, `\r\n` or a lone `\r` (ropey's `cr_lines`).
    let mut content_chars = line_text.len_chars();
    if content_chars > 0 && line_text.char(content_chars - 1) == '\n' {
        content_chars -= 1;
    }
    if content_chars > 0 && line_text.char(content_chars - 1) == '\r' {
        content_chars -= 1;
    }
    let line_end = line_start + content_chars;
    let target = match encoding {
        ColumnEncoding::Utf16 => {
            let start_units = rope.char_to_utf16_cu(line_start);
            let end_units = rope.char_to_utf16_cu(line_end);
            let units = (start_units + position.character as usize).min(end_units);
            rope.utf16_cu_to_char(units)
        }
        ColumnEncoding::Utf8 => {
            let start_bytes = rope.char_to_byte(line_start);
            let end_bytes = rope.char_to_byte(line_end);
            let bytes = (start_bytes + position.character as usize).min(end_bytes);
            rope.byte_to_char(bytes)
        }
    };
    target.min(line_end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::Range;

    fn document(text: &str) -> Document {
        Document {
            uri: "file:///tmp/.aws/config".parse().unwrap(),
            path: None,
            language_id: String::new(),
            rope: Rope::from_str(text),
            version: 1,
            kind: FileKind::Config,
        }
    }

    fn change(range: ((u32, u32), (u32, u32)), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(
                Position::new(range.0 .0, range.0 .1),
                Position::new(range.1 .0, range.1 .1),
            )),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn applies_incremental_changes_in_utf16_and_utf8() {
        let mut doc = document("[default]\r\nregion = é😀x\n");
        // After the emoji: 'é' is 1 UTF-16 unit, the emoji 2; in UTF-8 2 and 4 bytes.
        doc.apply(
            2,
            vec![change(((1, 12), (1, 13)), "y")],
            ColumnEncoding::Utf16,
        )
        .unwrap();
        assert_eq!(doc.rope.to_string(), "[default]\r\nregion = é😀y\n");
        doc.apply(
            3,
            vec![change(((1, 15), (1, 16)), "z")],
            ColumnEncoding::Utf8,
        )
        .unwrap();
        assert_eq!(doc.rope.to_string(), "[default]\r\nregion = é😀z\n");
    }

    #[test]
    fn clamps_positions_past_the_line_and_the_end() {
        let mut doc = document("[a]\r\nx = 1\n");
        doc.apply(
            2,
            vec![change(((0, 99), (0, 99)), "!")],
            ColumnEncoding::Utf16,
        )
        .unwrap();
        assert_eq!(doc.rope.to_string(), "[a]!\r\nx = 1\n");
        doc.apply(
            3,
            vec![change(((40, 0), (41, 0)), "y = 2\n")],
            ColumnEncoding::Utf16,
        )
        .unwrap();
        assert_eq!(doc.rope.to_string(), "[a]!\r\nx = 1\ny = 2\n");
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let mut doc = document("# note\rmore\n[default]\nregion = us-east-1\noutput = json  \n");
        // Line 4 is `output = json  ` for an LSP client: its trailing spaces go.
        doc.apply(
            2,
            vec![change(((4, 13), (4, 15)), "")],
            ColumnEncoding::Utf16,
        )
        .unwrap();
        assert_eq!(
            doc.rope.to_string(),
            "# note\rmore\n[default]\nregion = us-east-1\noutput = json\n"
        );
        doc.apply(
            3,
            vec![change(((0, 99), (1, 0)), "")],
            ColumnEncoding::Utf16,
        )
        .unwrap();
        assert_eq!(
            doc.rope.to_string(),
            "# note\rmore\n[default]\nregion = us-east-1\noutput = json\n".replacen("\r", "", 1)
        );
    }

    #[test]
    fn refuses_stale_versions() {
        let mut doc = document("[a]\n");
        assert_eq!(
            doc.apply(
                1,
                vec![change(((0, 0), (0, 0)), "x")],
                ColumnEncoding::Utf16
            ),
            Err(ChangeError::StaleVersion { have: 1, got: 1 })
        );
        assert_eq!(doc.rope.to_string(), "[a]\n");
    }
}
