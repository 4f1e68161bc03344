//! Small helpers shared by several rules.

use crate::lint::LintContext;
use crate::model::{FileModel, Profile, PropertyEntry, Section, Value};
use crate::syntax::{Header, LineKind};
use crate::text::Span;

/// The header line of a section.
pub(crate) fn header_of<'m>(file: &'m FileModel, section: &Section) -> Option<&'m Header> {
    match &file.tree.lines.get(section.line)?.kind {
        LineKind::Header(header) => Some(header),
        _ => None,
    }
}

/// Lines `first..=last` with their line endings: the span to delete to remove them.
pub(crate) fn lines_span(file: &FileModel, first: usize, last: usize) -> Span {
    let lines = &file.tree.lines;
    Span::new(
        lines[first].span.start,
        lines[last.min(lines.len() - 1)].terminator.end,
    )
}

/// One-based line number for messages.
pub(crate) fn line_number(line: usize) -> usize {
    line + 1
}

/// Every entry of `key` written in a section the SDKs use as a profile, in both files:
/// `(file, file model, section, entry)`.
pub(crate) fn written<'a>(
    cx: &'a LintContext<'a>,
    key: &'a str,
) -> impl Iterator<Item = (usize, &'a FileModel, &'a Section, &'a PropertyEntry)> + 'a {
    cx.written(key).iter().map(move |at| {
        let file = at.file as usize;
        let model = &cx.model.files[file];
        let section = &model.sections[at.section as usize];
        (
            file,
            model,
            section,
            &section.properties[at.property as usize],
        )
    })
}

/// The value of `key` in a merged profile when it is set and not blank (its first line: later
/// lines come from indented lines, which `indented-line` reports).
pub(crate) fn present<'p>(profile: &'p Profile, key: &str) -> Option<&'p Value> {
    profile
        .value(key)
        .filter(|value| !first_line(&value.value).is_empty())
}

/// The value as written on the key's own line.
pub(crate) fn first_line(value: &str) -> &str {
    value.split('\n').next().unwrap_or("").trim()
}

/// The whole of an entry's lines, continuation lines and line terminator included: deleting
/// this span removes the property.
pub(crate) fn entry_lines(cx: &LintContext<'_>, file: usize, entry: &PropertyEntry) -> Span {
    lines_span(
        &cx.model.files[file],
        entry.line,
        entry.last_line.max(entry.line),
    )
}

/// Which (file, profile) pairs hold a non-blank `key`, built in one pass so that rules can ask
/// per profile without rescanning every section.
///
/// botocore (and the AWS CLI) read `aws_access_key_id`, the secret and the token from one file
/// only (the credentials file when it has the key id, else the config file), where the SDKs
/// merge the two files key by key: rules use this to see whether the file that holds the key
/// id also holds its companions.
pub(crate) struct KeyLocations<'a> {
    holders: crate::fast_hash::FastSet<(usize, &'a str)>,
}

impl<'a> KeyLocations<'a> {
    pub(crate) fn new(cx: &'a LintContext<'a>, key: &'a str) -> Self {
        let holders = written(cx, key)
            .filter(|(_, _, _, entry)| !first_line(&entry.value).is_empty())
            .map(|(file, _, section, _)| (file, section.name.as_str()))
            .collect();
        KeyLocations { holders }
    }

    pub(crate) fn file_has_key(&self, file: usize, profile: &str) -> bool {
        self.holders.contains(&(file, profile))
    }
}

/// Whether a credential value is a stand-in rather than a secret: AWS's documentation
/// examples (`AKIAIOSFODNN7EXAMPLE`, `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`; every one
/// holds `EXAMPLE`, which a random key or token holds by chance practically never, about once
/// in 10^11 for a secret key), or an emulator's published dummy key (`minioadmin`,
/// LocalStack's `test`, from `knowledge::tools`).
pub(crate) fn is_placeholder_credential(value: &str) -> bool {
    let value = value.trim();
    value.contains("EXAMPLE")
        || crate::knowledge::tools::PROVIDERS
            .iter()
            .flat_map(|p| p.dummy_key_ids)
            .any(|dummy| dummy.eq_ignore_ascii_case(value))
}

/// The first entry of file `file`, in any section, that holds a secret worth keeping: a key
/// that names a secret ([`crate::model::is_secret_key`]) with a value that is neither blank
/// nor a placeholder ([`is_placeholder_credential`]). Found once per analysis and file
/// ([`LintContext::first_secret`]).
pub(crate) fn first_secret<'a>(cx: &LintContext<'a>, file: usize) -> Option<&'a PropertyEntry> {
    let (section, property) = cx.first_secret(file)?;
    Some(&cx.model.files[file].sections[section].properties[property])
}

/// The search behind [`first_secret`]: (section, property) in file `file`.
pub(crate) fn find_first_secret(model: &FileModel) -> Option<(usize, usize)> {
    model.sections.iter().enumerate().find_map(|(s, section)| {
        section
            .properties
            .iter()
            .position(|entry| {
                let value = first_line(&entry.value);
                !value.is_empty()
                    && could_name_a_secret(&entry.key)
                    && crate::model::is_secret_key(&entry.key)
                    && !is_placeholder_credential(value)
            })
            .map(|p| (s, p))
    })
}

/// False only for keys that [`crate::model::is_secret_key`] cannot call secret: none of its
/// words, and a length more than 2 away from every secret key's (so no typo of one). Spares
/// the look-up of every key of a large file in the settings catalogue.
fn could_name_a_secret(key: &str) -> bool {
    let bytes = key.as_bytes();
    let has = |word: &[u8]| {
        bytes
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    crate::model::SECRET_KEYS
        .iter()
        .any(|s| key.len().abs_diff(s.len()) <= 2)
        || has(b"secret")
        || has(b"password")
        || has(b"token")
}
