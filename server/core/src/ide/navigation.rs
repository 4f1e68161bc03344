//! Go to definition, find references, and rename for profile, sso-session and services
//! names, across both files.

use super::locate::{header_name_ref, is_bare_header, name_at};
use super::{FileSpan, Files, NameKind, NameRef};
use crate::model::is_valid_identifier;

/// One place a name appears.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    pub at: FileSpan,
    /// The header that defines the section (as opposed to a `source_profile = name` use).
    pub is_definition: bool,
}

/// Why a rename cannot be done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is not on a profile, sso-session or services name.
    NotAName,
    /// The new name has characters the SDKs do not accept, or is empty.
    InvalidName(String),
    /// A section with the new name already exists: renaming would merge two sections.
    AlreadyExists(String),
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenameError::NotAName => {
                f.write_str("Only profile, sso-session and services names can be renamed")
            }
            RenameError::InvalidName(name) => write!(
                f,
                "`{name}` is not a valid name: use only letters, digits and _ - / . % @ : +"
            ),
            RenameError::AlreadyExists(name) => write!(
                f,
                "`{name}` already exists: renaming would merge two sections into one"
            ),
        }
    }
}

/// Every place the name under the cursor appears, definitions first, in file order.
pub fn references(files: Files<'_>, file: usize, offset: usize) -> Vec<Reference> {
    match name_at(files, file, offset) {
        Some(name) => all_references(files, name.kind, &name.name),
        None => Vec::new(),
    }
}

/// The headers that define the name under the cursor (a profile may have one in each file).
pub fn definition(files: Files<'_>, file: usize, offset: usize) -> Vec<FileSpan> {
    references(files, file, offset)
        .into_iter()
        .filter(|r| r.is_definition)
        .map(|r| r.at)
        .collect()
}

/// The span of the name to rename and its current text.
pub fn prepare_rename(
    files: Files<'_>,
    file: usize,
    offset: usize,
) -> Result<NameRef, RenameError> {
    name_at(files, file, offset).ok_or(RenameError::NotAName)
}

/// The edits that rename the name under the cursor everywhere: `[profile x]` in the config
/// file, `[x]` in the credentials file, and every `source_profile = x` (likewise for
/// sso-sessions and services sections).
pub fn rename(
    files: Files<'_>,
    file: usize,
    offset: usize,
    new_name: &str,
) -> Result<Vec<(FileSpan, String)>, RenameError> {
    let name = prepare_rename(files, file, offset)?;
    let new_name = new_name.trim();
    if new_name.is_empty() || !is_valid_identifier(new_name) {
        return Err(RenameError::InvalidName(new_name.to_string()));
    }
    if new_name == name.name {
        return Ok(Vec::new());
    }
    if !all_references(files, name.kind, new_name).is_empty()
        && all_references(files, name.kind, new_name)
            .iter()
            .any(|r| r.is_definition)
    {
        return Err(RenameError::AlreadyExists(new_name.to_string()));
    }
    let mut edits = Vec::new();
    for reference in all_references(files, name.kind, &name.name) {
        let model = &files.model.files[reference.at.file];
        let bare_default = reference.is_definition
            && model
                .sections
                .iter()
                .find(|s| s.name_span == reference.at.span)
                .is_some_and(|s| is_bare_header(model, s));
        // `[default]` in the config file needs the prefix once it has another name.
        let text = if bare_default {
            format!("profile {new_name}")
        } else {
            new_name.to_string()
        };
        edits.push((reference.at, text));
    }
    Ok(edits)
}

/// Every header and every referring value for `name` of `kind`, definitions first.
pub(crate) fn all_references(files: Files<'_>, kind: NameKind, name: &str) -> Vec<Reference> {
    let mut definitions = Vec::new();
    let mut uses = Vec::new();
    for (file, model) in files.model.files.iter().enumerate() {
        let text = files.texts[file];
        for section in &model.sections {
            if let Some(header) = header_name_ref(file, section) {
                if header.kind == kind && header.name == name {
                    definitions.push(Reference {
                        at: header.at,
                        is_definition: true,
                    });
                }
            }
            for entry in &section.properties {
                if NameKind::of_key(&entry.key) == Some(kind)
                    && !entry.value_span.is_empty()
                    && entry.value_span.slice(text) == name
                {
                    uses.push(Reference {
                        at: FileSpan {
                            file,
                            span: entry.value_span,
                        },
                        is_definition: false,
                    });
                }
            }
        }
    }
    definitions.extend(uses);
    definitions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{at, Fixture};

    const CONFIG: &str = "[default]\nregion = eu-west-1\n\n[profile dev]\nsource_profile = base\nrole_arn = arn:aws:iam::123456789012:role/dev\n\n[profile ops]\nsource_profile = base\nsso_session = corp\n\n[sso-session corp]\nsso_region = eu-west-1\n";
    const CREDENTIALS: &str = "[base]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n";

    fn texts_of(f: &Fixture, spans: &[FileSpan]) -> Vec<(usize, String)> {
        spans
            .iter()
            .map(|s| (s.file, s.span.slice(f.texts[s.file]).to_string()))
            .collect()
    }

    #[test]
    fn definition_of_source_profile_is_in_the_credentials_file() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let found = definition(f.files(), 0, at(CONFIG, "base", 1));
        assert_eq!(texts_of(&f, &found), vec![(1, "base".to_string())]);
        assert_eq!(found[0].span.start, 1);
    }

    #[test]
    fn references_include_the_header_and_every_use() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let found = references(f.files(), 1, 2);
        assert_eq!(found.len(), 3);
        assert!(found[0].is_definition && found[0].at.file == 1);
        assert!(found[1..]
            .iter()
            .all(|r| !r.is_definition && r.at.file == 0));
        let session = references(f.files(), 0, at(CONFIG, "corp", 0));
        assert_eq!(session.len(), 2);
    }

    #[test]
    fn rename_updates_header_and_uses_in_both_files() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let edits = rename(f.files(), 0, at(CONFIG, "base", 0), "root").unwrap();
        assert_eq!(edits.len(), 3);
        assert!(edits.iter().all(|(_, text)| text == "root"));
        assert_eq!(edits.iter().filter(|(at, _)| at.file == 1).count(), 1);
    }

    #[test]
    fn renaming_bare_default_adds_the_profile_prefix() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let edits = rename(f.files(), 0, 3, "main").unwrap();
        assert_eq!(
            edits,
            vec![(
                FileSpan {
                    file: 0,
                    span: crate::text::Span::new(1, 8)
                },
                "profile main".to_string()
            )]
        );
    }

    #[test]
    fn rename_refuses_bad_names_existing_names_and_non_names() {
        let f = Fixture::new(CONFIG, CREDENTIALS);
        let base = at(CONFIG, "base", 0);
        assert_eq!(
            rename(f.files(), 0, base, "has space"),
            Err(RenameError::InvalidName("has space".into()))
        );
        assert_eq!(
            rename(f.files(), 0, base, "dev"),
            Err(RenameError::AlreadyExists("dev".into()))
        );
        assert_eq!(
            rename(f.files(), 0, at(CONFIG, "eu-west", 0), "x"),
            Err(RenameError::NotAName)
        );
    }
}
