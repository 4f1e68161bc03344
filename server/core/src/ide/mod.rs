//! Editor features as plain functions over the model: what is under the cursor, hover,
//! completion, navigation and rename, the outline, folding, selection ranges and formatting.
//!
//! Everything here returns plain data (spans into the analysed texts, strings, edits); the
//! language server converts it to protocol types. No I/O, no protocol types, no global state.

mod access_key;
mod completion;
mod effective;
mod format;
mod hover;
mod inlay;
mod links;
mod locate;
mod navigation;
mod outline;
mod semantic;
#[cfg(test)]
mod test_support;

pub use access_key::{account_id_from_access_key, AccessKeyKind};
pub use completion::{
    completion_list, completions, Completion, CompletionKind, CompletionList, MAX_COMPLETIONS,
};
pub use effective::effective_profile;
pub use format::{apply_edits, format, format_range};
pub use hover::{hover, hover_with_logins, Hover, MAX_HOVER_BYTES};
pub use inlay::{inlay_hints, inlay_hints_with_logins, InlayHint, MAX_INLAY_HINTS};
pub use links::{document_links, DocumentLink, LinkTarget};
pub use locate::{locate, NameKind, NameRef, Target};
pub use navigation::{definition, prepare_rename, references, rename, Reference, RenameError};
pub use outline::{
    folding_ranges, selection_ranges, short_name, symbol_match, symbols, workspace_symbols, Symbol,
    SymbolKind, WorkspaceSymbol, MAX_FOLDING_RANGES, MAX_NAME_CHARS, MAX_SYMBOLS,
    MAX_WORKSPACE_SYMBOLS,
};
pub use semantic::{modifier, semantic_tokens, Token, TokenKind, MODIFIERS};

use crate::model::Model;

/// The analysed files: the model and the text of each of its files, in the model's order.
#[derive(Clone, Copy)]
pub struct Files<'a> {
    pub model: &'a Model,
    pub texts: &'a [&'a str],
}

/// A span in one of the analysed files.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileSpan {
    /// Index into [`Model::files`].
    pub file: usize,
    pub span: crate::text::Span,
}
