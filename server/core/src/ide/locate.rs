//! What is under the cursor: a header, a key, a value, a sub-property; and which profile,
//! sso-session or services name it refers to.

use super::{FileSpan, Files};
use crate::model::{FileModel, Section, SectionKind};

/// The part of a file at an offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Anywhere on a section header line. `section` indexes the file's sections.
    Header { section: usize },
    /// The key of a property (`region` in `region = x`).
    Key { section: usize, property: usize },
    /// The value of a property, or the rest of its line after the key.
    Value { section: usize, property: usize },
    /// The key of an indented `key = value` line under an empty-valued property.
    SubKey {
        section: usize,
        property: usize,
        sub: usize,
    },
    /// The value of such a line.
    SubValue {
        section: usize,
        property: usize,
        sub: usize,
    },
}

/// What kind of section a name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameKind {
    Profile,
    SsoSession,
    Services,
}

impl NameKind {
    /// The key whose value names a section of this kind.
    pub fn referring_key(self) -> &'static str {
        match self {
            NameKind::Profile => "source_profile",
            NameKind::SsoSession => "sso_session",
            NameKind::Services => "services",
        }
    }

    pub fn of_key(key: &str) -> Option<NameKind> {
        match key {
            "source_profile" => Some(NameKind::Profile),
            "sso_session" => Some(NameKind::SsoSession),
            "services" => Some(NameKind::Services),
            _ => None,
        }
    }

    pub fn of_section(kind: SectionKind) -> Option<NameKind> {
        match kind {
            SectionKind::Profile => Some(NameKind::Profile),
            SectionKind::SsoSession => Some(NameKind::SsoSession),
            SectionKind::Services => Some(NameKind::Services),
            _ => None,
        }
    }

    /// How people call it in messages.
    pub fn noun(self) -> &'static str {
        match self {
            NameKind::Profile => "profile",
            NameKind::SsoSession => "sso-session",
            NameKind::Services => "services section",
        }
    }
}

/// A profile, sso-session or services name at a place: in a header, or as the value of
/// `source_profile`, `sso_session` or `services`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameRef {
    pub kind: NameKind,
    pub name: String,
    pub at: FileSpan,
    /// True for the header that defines the section.
    pub is_definition: bool,
}

/// The index of the section holding `line` in a file, if the line is below a header.
pub(crate) fn section_of_line(file: &FileModel, line: usize) -> Option<usize> {
    let after = file.sections.partition_point(|s| s.line <= line);
    after.checked_sub(1)
}

/// The line index holding `offset`.
pub(crate) fn line_of_offset(file: &FileModel, offset: usize) -> Option<usize> {
    let lines = &file.tree.lines;
    let after = lines.partition_point(|l| l.span.start <= offset);
    let line = after.checked_sub(1)?;
    // The end of a line (before its terminator) belongs to it; past the terminator is the
    // next line, which does not exist after the last one.
    let l = &lines[line];
    let within = offset < l.terminator.end || (l.terminator.is_empty() && offset <= l.span.end);
    within.then_some(line)
}

/// What is at `offset` in `file`.
pub fn locate(files: Files<'_>, file: usize, offset: usize) -> Option<Target> {
    let model = files.model.files.get(file)?;
    let line = line_of_offset(model, offset)?;
    let section_index = section_of_line(model, line)?;
    let section = &model.sections[section_index];
    if section.line == line {
        return Some(Target::Header {
            section: section_index,
        });
    }
    let (property, entry) = section
        .properties
        .iter()
        .enumerate()
        .find(|(_, p)| p.line <= line && line <= p.last_line)?;
    if entry.line == line {
        return Some(if offset <= entry.key_span.end {
            Target::Key {
                section: section_index,
                property,
            }
        } else {
            Target::Value {
                section: section_index,
                property,
            }
        });
    }
    match entry.sub_properties.iter().position(|s| s.line == line) {
        Some(sub) => {
            let sub_entry = &entry.sub_properties[sub];
            Some(if offset <= sub_entry.key_span.end {
                Target::SubKey {
                    section: section_index,
                    property,
                    sub,
                }
            } else {
                Target::SubValue {
                    section: section_index,
                    property,
                    sub,
                }
            })
        }
        // A continuation line belongs to the property's value.
        None => Some(Target::Value {
            section: section_index,
            property,
        }),
    }
}

/// The name under the cursor, when the cursor is on a section name or on the value of
/// `source_profile`, `sso_session` or `services`.
pub fn name_at(files: Files<'_>, file: usize, offset: usize) -> Option<NameRef> {
    let model = files.model.files.get(file)?;
    match locate(files, file, offset)? {
        Target::Header { section } => {
            let section = &model.sections[section];
            header_name_ref(file, section)
        }
        Target::Value { section, property } => {
            let entry = &model.sections[section].properties[property];
            let kind = NameKind::of_key(&entry.key)?;
            let span = entry.value_span;
            (!span.is_empty()).then(|| NameRef {
                kind,
                name: span.slice(files.texts[file]).to_string(),
                at: FileSpan { file, span },
                is_definition: false,
            })
        }
        _ => None,
    }
}

pub(crate) fn header_name_ref(file: usize, section: &Section) -> Option<NameRef> {
    let kind = NameKind::of_section(section.kind)?;
    (!section.name.is_empty()).then(|| NameRef {
        kind,
        name: section.name.to_string(),
        at: FileSpan {
            file,
            span: section.name_span,
        },
        is_definition: true,
    })
}

/// Whether a header is a `[default]` without the `profile ` prefix in the config file.
pub(crate) fn is_bare_header(file: &FileModel, section: &Section) -> bool {
    section.prefix.is_none() && file.kind == crate::model::FileKind::Config
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{at, Fixture};

    const CONFIG: &str = "[profile dev]\nregion = eu-west-1\nsource_profile = base\ns3 =\n  max_concurrent_requests = 4\n";

    #[test]
    fn finds_header_key_value_and_sub_property() {
        let f = Fixture::new(CONFIG, "");
        let files = f.files();
        assert_eq!(locate(files, 0, 3), Some(Target::Header { section: 0 }));
        assert_eq!(
            locate(files, 0, at(CONFIG, "region", 2)),
            Some(Target::Key {
                section: 0,
                property: 0
            })
        );
        assert_eq!(
            locate(files, 0, at(CONFIG, "eu-west", 1)),
            Some(Target::Value {
                section: 0,
                property: 0
            })
        );
        assert_eq!(
            locate(files, 0, at(CONFIG, "max_conc", 1)),
            Some(Target::SubKey {
                section: 0,
                property: 2,
                sub: 0
            })
        );
        assert_eq!(
            locate(files, 0, at(CONFIG, "= 4", 2)),
            Some(Target::SubValue {
                section: 0,
                property: 2,
                sub: 0
            })
        );
    }

    #[test]
    fn nothing_before_the_first_header_or_past_the_end() {
        let f = Fixture::new("# comment\n[default]\n", "");
        assert_eq!(locate(f.files(), 0, 2), None);
        assert_eq!(locate(f.files(), 0, 500), None);
        assert_eq!(locate(f.files(), 7, 0), None);
    }

    #[test]
    fn names_in_headers_and_in_source_profile_values() {
        let f = Fixture::new(CONFIG, "");
        let header = name_at(f.files(), 0, at(CONFIG, "dev", 1)).unwrap();
        assert_eq!(
            (header.kind, header.name.as_str(), header.is_definition),
            (NameKind::Profile, "dev", true)
        );
        let value = name_at(f.files(), 0, at(CONFIG, "base", 0)).unwrap();
        assert_eq!(
            (value.kind, value.name.as_str(), value.is_definition),
            (NameKind::Profile, "base", false)
        );
        assert_eq!(value.at.span.slice(CONFIG), "base");
        assert_eq!(name_at(f.files(), 0, at(CONFIG, "eu-west", 0)), None);
    }
}
