//! Semantic tokens: what each part of a line is, for editors that colour by meaning (Helix,
//! Zed and Neovim have no grammar for these files; VS Code layers the tokens over its own).
//!
//! Only standard token types and modifiers, so that every theme colours them:
//!
//! | part | type | modifiers |
//! |---|---|---|
//! | header prefix (`profile`, `sso-session`, `services`, any other word) | `keyword` | |
//! | header name | `namespace` | `declaration` |
//! | key, sub-key | `property` | `defaultLibrary` when the SDKs, the AWS CLI or a known tool read it there |
//! | `=` | `operator` | |
//! | a value in its type's allowed set: an enum value, `true`/`false`, a known Region | `enumMember` | |
//! | a whole number, size or rate of a numeric setting | `number` | |
//! | the name of a profile, sso-session or services section that exists | `namespace` | |
//! | any other value, continuation lines | `string` | |
//! | comments (whole-line, inline, after a header) | `comment` | |
//!
//! What the SDKs refuse gets no token, so no theme colours it as if it were read: a line
//! without `=`, a key-less line, text after `]`, an unclosed header, lines before the first
//! section, indented lines with nothing to continue. A value outside its allowed set stays a
//! plain `string` (never `enumMember`, `number` or `namespace`). Secret values are `string`
//! like any other: no standard modifier means "secret" (the VS Code extension dims them).
//!
//! Tokens never span lines, and come in file order.

use super::hover::place_of;
use super::Files;
use crate::knowledge::{self, EnumCase, Place, ValueKind};
use crate::model::{FileModel, Section, SectionKind};
use crate::syntax::{LineKind, Property, SyntaxErrorKind};
use crate::text::Span;

/// The type of a token. The order is the legend's: the language server lists the names of
/// [`TokenKind::ALL`] in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Namespace,
    Keyword,
    Property,
    String,
    Number,
    EnumMember,
    Comment,
    Operator,
}

impl TokenKind {
    pub const ALL: [TokenKind; 8] = [
        TokenKind::Namespace,
        TokenKind::Keyword,
        TokenKind::Property,
        TokenKind::String,
        TokenKind::Number,
        TokenKind::EnumMember,
        TokenKind::Comment,
        TokenKind::Operator,
    ];

    /// The LSP name of the standard token type.
    pub fn name(self) -> &'static str {
        match self {
            TokenKind::Namespace => "namespace",
            TokenKind::Keyword => "keyword",
            TokenKind::Property => "property",
            TokenKind::String => "string",
            TokenKind::Number => "number",
            TokenKind::EnumMember => "enumMember",
            TokenKind::Comment => "comment",
            TokenKind::Operator => "operator",
        }
    }
}

/// Token modifiers, as bits; bit `i` is the legend's modifier `i` ([`MODIFIERS`]).
pub mod modifier {
    /// A section's name in its header.
    pub const DECLARATION: u32 = 1 << 0;
    /// A key that the SDKs, the AWS CLI or a known credential tool read where it is written.
    pub const DEFAULT_LIBRARY: u32 = 1 << 1;
}

/// The LSP names of the standard modifiers, in bit order.
pub const MODIFIERS: [&str; 2] = ["declaration", "defaultLibrary"];

/// One token: a span within one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    /// Bits of [`modifier`].
    pub modifiers: u32,
}

/// The tokens of `file` on the lines that `range` touches (the whole file when `None`), in
/// file order. Linear in the lines looked at.
pub fn semantic_tokens(files: Files<'_>, file: usize, range: Option<Span>) -> Vec<Token> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    let text = files.texts[file];
    let lines = &model.tree.lines;
    let (first, last) = match range {
        None => (0, lines.len()),
        Some(range) => (
            lines.partition_point(|l| !l.terminator.is_empty() && l.terminator.end <= range.start),
            lines
                .partition_point(|l| l.span.start < range.end.max(range.start + 1))
                .min(lines.len()),
        ),
    };
    let mut out = Vec::new();
    let mut walk = Walk {
        files,
        model,
        text,
        out: &mut out,
        // The section and property that a line belongs to, found by moving forward.
        section: model.sections.partition_point(|s| s.line < first),
        property: 0,
        error: model.tree.errors.partition_point(|e| e.line < first),
    };
    // The section the first line is in (its header may lie before the range).
    if walk.section > 0
        && model
            .sections
            .get(walk.section)
            .is_none_or(|s| s.line > first)
    {
        walk.section -= 1;
    }
    for index in first..last {
        walk.line(index);
    }
    out
}

struct Walk<'a, 'o> {
    files: Files<'a>,
    model: &'a FileModel,
    text: &'a str,
    out: &'o mut Vec<Token>,
    /// Index of the current section in `model.sections` (may be one past the end).
    section: usize,
    /// Index of the next candidate property in the current section.
    property: usize,
    /// Index of the next syntax error at or after the current line.
    error: usize,
}

impl<'a> Walk<'a, '_> {
    fn push(&mut self, span: Span, kind: TokenKind, modifiers: u32) {
        if !span.is_empty() {
            self.out.push(Token {
                span,
                kind,
                modifiers,
            });
        }
    }

    /// The current section, when `line` belongs to one (a line before the first header
    /// belongs to none).
    fn section(&self, line: usize) -> Option<&'a Section> {
        self.model
            .sections
            .get(self.section)
            .filter(|s| s.line <= line)
    }

    /// The syntax errors of `line`.
    fn errors(&mut self, line: usize) -> (bool, Option<Span>) {
        let errors = &self.model.tree.errors;
        while self.error < errors.len() && errors[self.error].line < line {
            self.error += 1;
        }
        let mut refused = false;
        let mut header_error = None;
        let mut at = self.error;
        while at < errors.len() && errors[at].line == line {
            match errors[at].kind {
                SyntaxErrorKind::InvalidHeader(_) => header_error = Some(errors[at].span),
                // The mark alone: the rest of the line is read as the user sees it.
                SyntaxErrorKind::ByteOrderMark => {}
                _ => refused = true,
            }
            at += 1;
        }
        (refused, header_error)
    }

    fn line(&mut self, index: usize) {
        let lines = &self.model.tree.lines;
        let (refused, header_error) = self.errors(index);
        match &lines[index].kind {
            LineKind::Blank => {}
            LineKind::Comment(span) => self.push(*span, TokenKind::Comment, 0),
            LineKind::Header(header) => {
                // Move to the section of this header.
                while self
                    .model
                    .sections
                    .get(self.section)
                    .is_some_and(|s| s.line < index)
                {
                    self.section += 1;
                }
                self.property = 0;
                let clear = |span: Span| header_error.is_none_or(|e| !overlaps(e, span));
                if header.close.is_some() {
                    if let Some(prefix) = header.prefix.filter(|&p| clear(p)) {
                        self.push(prefix, TokenKind::Keyword, 0);
                    }
                    if clear(header.name) {
                        self.push(header.name, TokenKind::Namespace, modifier::DECLARATION);
                    }
                }
                if let Some(comment) = header.comment {
                    self.push(comment, TokenKind::Comment, 0);
                }
            }
            LineKind::Property(property) => {
                if !refused {
                    self.property_line(index, property);
                }
                if let Some(comment) = property.comment {
                    self.push(comment, TokenKind::Comment, 0);
                }
            }
            LineKind::Continuation(continuation) => {
                if !refused {
                    self.push(continuation.text, TokenKind::String, 0);
                }
            }
            LineKind::SubProperty(sub) => {
                if !refused {
                    self.sub_property(index, sub.parent, &sub.property);
                }
            }
        }
    }

    fn property_line(&mut self, index: usize, property: &Property) {
        let Some(section) = self.section(index) else {
            return;
        };
        let place = place_of(self.model.kind, section);
        let properties = &section.properties;
        let mut at = self.property;
        while at < properties.len() && properties[at].line < index {
            at += 1;
        }
        self.property = at;
        let entry = properties.get(at).filter(|p| p.line == index);
        let key = property.key.slice(self.text);
        let known = match section.kind {
            // The keys of a `[services]` section are service names; their blocks hold the
            // settings.
            SectionKind::Services => false,
            _ => knowledge::is_known_key(key, place),
        };
        let key_modifiers = if known { modifier::DEFAULT_LIBRARY } else { 0 };
        self.push(property.key, TokenKind::Property, key_modifiers);
        if let Some(eq) = property.eq {
            self.push(eq, TokenKind::Operator, 0);
        }
        let continued = entry.is_some_and(|e| e.last_line > e.line && e.sub_properties.is_empty());
        let value = property.value.slice(self.text);
        let kind = if continued || section.kind == SectionKind::Services {
            TokenKind::String
        } else {
            self.value_kind(place, key, value)
        };
        self.push(property.value, kind, 0);
    }

    fn sub_property(&mut self, index: usize, parent: usize, property: &Property) {
        let Some(section) = self.section(index) else {
            return;
        };
        let parent_key = match &self.model.tree.lines[parent].kind {
            LineKind::Property(p) => p.key.slice(self.text),
            _ => "",
        };
        let place = match section.kind {
            SectionKind::Services => Some(Place::Service),
            SectionKind::Profile if parent_key.eq_ignore_ascii_case("s3") => Some(Place::S3),
            _ => None,
        };
        let key = property.key.slice(self.text);
        let known = place.is_some_and(|place| knowledge::is_known_key(key, place));
        self.push(
            property.key,
            TokenKind::Property,
            if known { modifier::DEFAULT_LIBRARY } else { 0 },
        );
        if let Some(eq) = property.eq {
            self.push(eq, TokenKind::Operator, 0);
        }
        let value = property.value.slice(self.text);
        let kind = match place {
            Some(place) => self.value_kind(place, key, value),
            None => TokenKind::String,
        };
        self.push(property.value, kind, 0);
        if let Some(comment) = property.comment {
            self.push(comment, TokenKind::Comment, 0);
        }
    }

    /// The type of a value of `key` in `place`: a member of its allowed set, a number, a
    /// name that exists, or a plain string.
    fn value_kind(&self, place: Place, key: &str, value: &str) -> TokenKind {
        use crate::knowledge::shapes;
        let Some(setting) = knowledge::setting_in(place, key) else {
            return TokenKind::String;
        };
        let profiles = &self.files.model.profiles;
        let valid = |ok: bool, kind: TokenKind| if ok { kind } else { TokenKind::String };
        match setting.kind {
            ValueKind::Bool => valid(shapes::parse_bool(value).is_some(), TokenKind::EnumMember),
            ValueKind::Enum { values, case } => valid(
                values.contains(&value)
                    || (case == EnumCase::Insensitive
                        && values.iter().any(|v| v.eq_ignore_ascii_case(value))),
                TokenKind::EnumMember,
            ),
            ValueKind::Region => valid(knowledge::region(value).is_some(), TokenKind::EnumMember),
            ValueKind::Integer { min, max } => valid(
                setting
                    .parse_integer(value)
                    .is_some_and(|n| min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m)),
                TokenKind::Number,
            ),
            ValueKind::Size => valid(
                shapes::parse_size(value).is_some_and(|n| n > 0),
                TokenKind::Number,
            ),
            ValueKind::Rate => valid(
                shapes::parse_rate(value).is_some_and(|n| n > 0),
                TokenKind::Number,
            ),
            ValueKind::ProfileName => {
                valid(profiles.profile(value).is_some(), TokenKind::Namespace)
            }
            ValueKind::SsoSessionName => {
                valid(profiles.sso_session(value).is_some(), TokenKind::Namespace)
            }
            ValueKind::ServicesName => {
                valid(profiles.services.get(value).is_some(), TokenKind::Namespace)
            }
            _ => TokenKind::String,
        }
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::Fixture;

    /// `(text, type, modifiers)` of each token.
    fn tokens(f: &Fixture, file: usize, range: Option<Span>) -> Vec<(String, &'static str, u32)> {
        semantic_tokens(f.files(), file, range)
            .into_iter()
            .map(|t| {
                (
                    t.span.slice(f.texts[file]).to_string(),
                    t.kind.name(),
                    t.modifiers,
                )
            })
            .collect()
    }

    fn t(text: &str, kind: &'static str, modifiers: u32) -> (String, &'static str, u32) {
        (text.to_string(), kind, modifiers)
    }

    const D: u32 = modifier::DECLARATION;
    const L: u32 = modifier::DEFAULT_LIBRARY;

    const CONFIG: &str = "# top\n[profile dev] ; note\nregion = eu-west-1 # Ireland\noutput = yaml\nmax_attempts = 3\nsource_profile = base\nsso_session = nowhere\ns3 =\n  max_concurrent_requests = 10\n  multipart_chunksize = lots\nmy_key = x\ncredential_process = run\n  --flag\n\n[sso-session corp]\nsso_region = us-east1\nsso_registration_scopes = sso:account:access\n\n[services local]\ns3 =\n  endpoint_url = http://localhost:4566\n";
    const CREDENTIALS: &str = "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n";

    #[test]
    fn every_part_gets_its_standard_type() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        assert_eq!(
            tokens(&f, 0, None),
            vec![
                t("# top", "comment", 0),
                t("profile", "keyword", 0),
                t("dev", "namespace", D),
                t("; note", "comment", 0),
                t("region", "property", L),
                t("=", "operator", 0),
                t("eu-west-1", "enumMember", 0),
                t("# Ireland", "comment", 0),
                t("output", "property", L),
                t("=", "operator", 0),
                t("yaml", "enumMember", 0),
                t("max_attempts", "property", L),
                t("=", "operator", 0),
                t("3", "number", 0),
                t("source_profile", "property", L),
                t("=", "operator", 0),
                t("base", "namespace", 0),
                t("sso_session", "property", L),
                t("=", "operator", 0),
                // No such session: a plain string.
                t("nowhere", "string", 0),
                t("s3", "property", L),
                t("=", "operator", 0),
                t("max_concurrent_requests", "property", L),
                t("=", "operator", 0),
                t("10", "number", 0),
                t("multipart_chunksize", "property", L),
                t("=", "operator", 0),
                t("lots", "string", 0),
                t("my_key", "property", 0),
                t("=", "operator", 0),
                t("x", "string", 0),
                t("credential_process", "property", L),
                t("=", "operator", 0),
                t("run", "string", 0),
                t("--flag", "string", 0),
                t("sso-session", "keyword", 0),
                t("corp", "namespace", D),
                t("sso_region", "property", L),
                t("=", "operator", 0),
                // Not a Region: a plain string.
                t("us-east1", "string", 0),
                t("sso_registration_scopes", "property", L),
                t("=", "operator", 0),
                t("sso:account:access", "string", 0),
                t("services", "keyword", 0),
                t("local", "namespace", D),
                t("s3", "property", 0),
                t("=", "operator", 0),
                t("endpoint_url", "property", L),
                t("=", "operator", 0),
                t("http://localhost:4566", "string", 0),
            ]
        );
        assert_eq!(
            tokens(&f, 1, None),
            vec![
                t("base", "namespace", D),
                t("aws_access_key_id", "property", L),
                t("=", "operator", 0),
                t("AKIAIOSFODNN7EXAMPLE", "string", 0),
                t("aws_secret_access_key", "property", L),
                t("=", "operator", 0),
                t("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "string", 0),
            ]
        );
    }

    #[test]
    fn what_the_sdks_refuse_gets_no_token() {
        let f = Fixture::new(
            "stray = 1\n[profile a] x\nno equals here # c\n= v\n[profile b\n[c]\n  orphan\nregion = eu-west-1\n",
            "",
        );
        assert_eq!(
            tokens(&f, 0, None),
            vec![
                t("profile", "keyword", 0),
                t("a", "namespace", D),
                t("# c", "comment", 0),
                t("c", "namespace", D),
                t("region", "property", L),
                t("=", "operator", 0),
                t("eu-west-1", "enumMember", 0),
            ]
        );
    }

    #[test]
    fn a_range_gives_the_tokens_of_the_lines_it_touches() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let text = f.texts[0];
        // From inside `output = yaml` to the start of `source_profile`: two lines.
        let start = text.find("tput").unwrap();
        let end = text.find("source_profile").unwrap();
        assert_eq!(
            tokens(&f, 0, Some(Span::new(start, end))),
            vec![
                t("output", "property", L),
                t("=", "operator", 0),
                t("yaml", "enumMember", 0),
                t("max_attempts", "property", L),
                t("=", "operator", 0),
                t("3", "number", 0),
            ]
        );
        // A range inside a section whose header is above it: sub-keys still know their block.
        let start = text.find("  multipart").unwrap();
        assert_eq!(
            tokens(&f, 0, Some(Span::new(start, start + 3))),
            vec![
                t("multipart_chunksize", "property", L),
                t("=", "operator", 0),
                t("lots", "string", 0),
            ]
        );
        // Every range together gives the whole file's tokens.
        let whole = tokens(&f, 0, None);
        let mut pieces = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            pieces.extend(tokens(&f, 0, Some(Span::new(at, at + line.len()))));
            at += line.len();
        }
        assert_eq!(pieces, whole);
        assert_eq!(
            tokens(&f, 0, Some(Span::new(text.len(), text.len()))),
            vec![]
        );
    }

    #[test]
    fn crlf_and_utf8_spans_stay_on_their_line() {
        let f = Fixture::new("[profile é]\r\nregion = eu-west-1\r\n", "");
        let all = semantic_tokens(f.files(), 0, None);
        for token in &all {
            let piece = token.span.slice(f.texts[0]);
            assert!(!piece.contains(['\r', '\n']), "{piece:?}");
        }
        assert_eq!(all[1].span.slice(f.texts[0]), "é");
    }

    #[test]
    fn tokens_are_sorted_apart_and_within_one_line_on_every_fixture() {
        let fixtures = [
            include_str!("../../../../fixtures/valid/config"),
            include_str!("../../../../fixtures/valid/credentials"),
            include_str!("../../../../fixtures/valid/config-crlf"),
            include_str!("../../../../fixtures/broken/config"),
            include_str!("../../../../fixtures/broken/credentials"),
            "\u{feff}[default]\r\nregion = eu-west-1\r\r\n[ x ]]\n\tk = v\n",
        ];
        for text in fixtures {
            let f = Fixture::new(text, "");
            let all = semantic_tokens(f.files(), 0, None);
            assert!(!all.is_empty());
            for pair in all.windows(2) {
                assert!(pair[0].span.end <= pair[1].span.start, "{pair:?}");
            }
            for token in &all {
                assert!(!token.span.is_empty());
                assert!(!token.span.slice(text).contains('\n'), "{token:?}");
            }
        }
    }
}
