//! Completion: keys valid for the section and the file, values for enums, booleans, regions
//! and names, section headers, and snippets for a whole SSO profile and a role profile.

use super::hover::{kind_text, setting_doc};
use super::locate::{line_of_offset, section_of_line};
use super::Files;
use crate::knowledge::{self, Place, Setting, ValueKind};
use crate::model::{FileKind, FileModel, Section, SectionKind, SectionStatus};
use crate::syntax::LineKind;
use crate::text::Span;

/// One completion item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    /// One line shown beside the label.
    pub detail: Option<String>,
    /// Markdown.
    pub documentation: Option<String>,
    /// What replaces `replace`; a snippet with `$1` placeholders when `is_snippet`.
    pub insert_text: String,
    pub is_snippet: bool,
    /// The text the item replaces (from the start of the word to the cursor).
    pub replace: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Key,
    Value,
    /// A profile, sso-session or services name.
    Reference,
    Section,
    Snippet,
}

/// At most this many completion items in one answer. Names of profiles, sso-sessions and
/// services are the only lists that grow with the files: they are filtered by what is typed
/// already, and when more match, the list says it is incomplete so that the editor asks
/// again as the user types on.
pub const MAX_COMPLETIONS: usize = 1_000;

/// Completion items, and whether some were left out ([`MAX_COMPLETIONS`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompletionList {
    pub items: Vec<Completion>,
    /// True when more items match than the list holds.
    pub is_incomplete: bool,
}

/// The completions at `offset` in `file`, at most [`MAX_COMPLETIONS`].
pub fn completions(files: Files<'_>, file: usize, offset: usize) -> Vec<Completion> {
    completion_list(files, file, offset).items
}

/// [`completions`], saying whether items were left out.
pub fn completion_list(files: Files<'_>, file: usize, offset: usize) -> CompletionList {
    let mut items = all_completions(files, file, offset);
    let is_incomplete = items.len() > MAX_COMPLETIONS;
    items.truncate(MAX_COMPLETIONS);
    CompletionList {
        items,
        is_incomplete,
    }
}

fn all_completions(files: Files<'_>, file: usize, offset: usize) -> Vec<Completion> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    let text = files.texts[file];
    // An offset inside a character (a stale position) moves back to its start.
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let indent = before.len() - before.trim_start().len();
    let word_start = line_start + indent;
    let line = line_of_offset(model, offset).unwrap_or(model.tree.lines.len());
    let section = section_of_line(model, line).map(|s| &model.sections[s]);

    if before.trim_start().starts_with('[') || (section.is_none() && before.trim().is_empty()) {
        return headers(files, model.kind, Span::new(word_start, offset));
    }
    let Some(section) = section else {
        return Vec::new();
    };
    if let Some((key, _)) = before.split_once('=') {
        let after_eq = line_start + key.len() + 1;
        let value_start =
            after_eq + (text[after_eq..offset].len() - text[after_eq..offset].trim_start().len());
        let key = key.trim().to_ascii_lowercase();
        let place = if indent > 0 {
            sub_place(model, section, line)
        } else {
            None
        };
        let replace = Span::new(value_start, offset);
        return values(files, section, place, &key, replace, replace.slice(text));
    }
    let replace = Span::new(word_start, offset);
    if indent > 0 {
        return match sub_place(model, section, line) {
            Some(place) => keys(knowledge::settings_for(place), &[], replace),
            None => Vec::new(),
        };
    }
    let place = match (section.kind, model.kind) {
        (SectionKind::SsoSession, _) => Place::SsoSession,
        (SectionKind::Profile, FileKind::Credentials) => Place::Credentials,
        (SectionKind::Profile, FileKind::Config) => Place::Profile,
        _ => return Vec::new(),
    };
    let present: Vec<&str> = section.properties.iter().map(|p| &*p.key).collect();
    keys(knowledge::settings_for(place), &present, replace)
}

/// Where an indented line sits: under `s3 =` in a profile, or in a service block of a
/// `[services]` section.
fn sub_place(model: &FileModel, section: &Section, line: usize) -> Option<Place> {
    if section.kind == SectionKind::Services {
        return Some(Place::Service);
    }
    // The nearest property above the line: its key names the block.
    let parent = section.properties.iter().rev().find(|p| p.line < line)?;
    let below_empty_parent = model.tree.lines[parent.line + 1..line].iter().all(|l| {
        matches!(
            l.kind,
            LineKind::SubProperty(_)
                | LineKind::Continuation(_)
                | LineKind::Blank
                | LineKind::Comment(_)
        )
    });
    (parent.key == "s3" && parent.value_span.is_empty() && below_empty_parent).then_some(Place::S3)
}

fn keys<'s>(
    settings: impl Iterator<Item = &'s Setting>,
    present: &[&str],
    replace: Span,
) -> Vec<Completion> {
    settings
        .filter(|s| !present.contains(&s.name))
        .map(|setting| {
            let insert_text = if setting.kind == ValueKind::SubProperties {
                format!("{} =\n  ", setting.name)
            } else {
                format!("{} = ", setting.name)
            };
            Completion {
                label: setting.name.to_string(),
                kind: CompletionKind::Key,
                detail: Some(setting.summary.to_string()),
                documentation: Some(setting_doc(setting)),
                insert_text,
                is_snippet: false,
                replace,
            }
        })
        .collect()
}

/// Values for `key`; `typed` is what is typed of the value already (the text of `replace`):
/// when there are more names than an answer holds, they are filtered by it.
fn values(
    files: Files<'_>,
    section: &Section,
    place: Option<Place>,
    key: &str,
    replace: Span,
    typed: &str,
) -> Vec<Completion> {
    let setting = match place {
        Some(place) => knowledge::setting_in(place, key),
        None => knowledge::setting(key),
    };
    let Some(setting) = setting else {
        return Vec::new();
    };
    let value = |label: &str, detail: Option<String>, kind: CompletionKind| Completion {
        label: label.to_string(),
        kind,
        detail,
        documentation: None,
        insert_text: label.to_string(),
        is_snippet: false,
        replace,
    };
    let names = |sections: &crate::model::Sections| -> Vec<Completion> {
        // Every name while they fit in an answer (the editor filters them); past that, those
        // that match what is typed as editors match it.
        let filter = sections.len() > MAX_COMPLETIONS;
        sections
            .keys()
            .filter(|name| !(section.kind == SectionKind::Profile && **name == *section.name))
            .filter(|name| !filter || fuzzy_match(name, typed))
            // One more than the answer holds: enough to tell that some were left out.
            .take(MAX_COMPLETIONS + 1)
            .map(|name| value(name, None, CompletionKind::Reference))
            .collect()
    };
    match setting.kind {
        ValueKind::Bool => ["true", "false"]
            .iter()
            .map(|v| value(v, None, CompletionKind::Value))
            .collect(),
        ValueKind::Enum { values, .. } => values
            .iter()
            .map(|v| value(v, Some(kind_text(setting.kind)), CompletionKind::Value))
            .collect(),
        ValueKind::Region | ValueKind::RegionList => knowledge::regions()
            .iter()
            .map(|r| value(r.code, Some(r.name.to_string()), CompletionKind::Value))
            .collect(),
        ValueKind::ProfileName => names(&files.model.profiles.profiles),
        ValueKind::SsoSessionName => names(&files.model.profiles.sso_sessions),
        ValueKind::ServicesName => names(&files.model.profiles.services),
        _ => setting
            .default
            .map(|d| vec![value(d, Some("default".to_string()), CompletionKind::Value)])
            .unwrap_or_default(),
    }
}

fn headers(files: Files<'_>, kind: FileKind, replace: Span) -> Vec<Completion> {
    let item =
        |label: &str, insert: String, is_snippet: bool, kind: CompletionKind, detail: &str| {
            Completion {
                label: label.to_string(),
                kind,
                detail: Some(detail.to_string()),
                documentation: None,
                insert_text: insert,
                is_snippet,
                replace,
            }
        };
    let defined = |name: &str| {
        files.model.files.iter().any(|f| {
            f.kind == kind
                && f.sections.iter().any(|s| {
                    s.kind == SectionKind::Profile
                        && &*s.name == name
                        && s.status == SectionStatus::Used
                })
        })
    };
    let mut out = Vec::new();
    if !defined("default") {
        out.push(item(
            "[default]",
            "[default]\n".into(),
            false,
            CompletionKind::Section,
            "the default profile",
        ));
    }
    match kind {
        FileKind::Config => {
            out.push(item(
                "[profile ",
                "[profile ".into(),
                false,
                CompletionKind::Section,
                "a profile",
            ));
            out.push(item(
                "[sso-session ",
                "[sso-session ".into(),
                false,
                CompletionKind::Section,
                "an IAM Identity Center session",
            ));
            out.push(item(
                "[services ",
                "[services ".into(),
                false,
                CompletionKind::Section,
                "per-service settings",
            ));
            let session = choice(2, &files.model.profiles.sso_sessions, "my-sso");
            out.push(item(
                "SSO profile",
                format!("[profile ${{1:name}}]\nsso_session = {session}\nsso_account_id = ${{3:123456789012}}\nsso_role_name = ${{4:ReadOnlyAccess}}\nregion = ${{5:us-east-1}}\n$0"),
                true,
                CompletionKind::Snippet,
                "a profile that signs in with IAM Identity Center",
            ));
            out.push(item(
                "SSO session",
                "[sso-session ${1:my-sso}]\nsso_start_url = ${2:https://my-sso-portal.awsapps.com/start}\nsso_region = ${3:us-east-1}\nsso_registration_scopes = sso:account:access\n$0".into(),
                true,
                CompletionKind::Snippet,
                "an IAM Identity Center session for SSO profiles",
            ));
            let source = choice(4, &files.model.profiles.profiles, "default");
            out.push(item(
                "Role profile",
                format!("[profile ${{1:name}}]\nrole_arn = arn:aws:iam::${{2:123456789012}}:role/${{3:RoleName}}\nsource_profile = {source}\n$0"),
                true,
                CompletionKind::Snippet,
                "a profile that assumes a role with another profile's credentials",
            ));
        }
        FileKind::Credentials => {
            out.push(item(
                "Access key profile",
                "[${1:name}]\naws_access_key_id = ${2}\naws_secret_access_key = ${3}\n$0".into(),
                true,
                CompletionKind::Snippet,
                "a profile with a long-term access key",
            ));
        }
    }
    out
}

/// Whether the characters of `typed` appear in `name` in order, case ignored: how editors
/// match completion items against what is typed.
fn fuzzy_match(name: &str, typed: &str) -> bool {
    let mut name = name.chars().flat_map(char::to_lowercase);
    typed
        .chars()
        .flat_map(char::to_lowercase)
        .all(|wanted| name.any(|c| c == wanted))
}

/// Names offered in a snippet's choice at most.
const MAX_CHOICES: usize = 20;

/// Snippet placeholder `index`: a choice of the defined names (names hold no `,` or `|`),
/// the first [`MAX_CHOICES`] short ones, or `fallback` to type over when there are none.
fn choice(index: usize, sections: &crate::model::Sections, fallback: &str) -> String {
    let names: Vec<&str> = sections
        .keys()
        .map(|k| k.as_str())
        .filter(|name| name.chars().count() <= super::MAX_NAME_CHARS)
        .take(MAX_CHOICES)
        .collect();
    if names.is_empty() {
        format!("${{{index}:{fallback}}}")
    } else {
        format!("${{{index}|{}|}}", names.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::{at, Fixture};

    fn labels(items: &[Completion]) -> Vec<&str> {
        items.iter().map(|c| c.label.as_str()).collect()
    }

    #[test]
    fn thousands_of_names_are_filtered_by_what_is_typed_and_capped() {
        let mut config: String = (0..3_000)
            .map(|i| format!("[profile team-{i}]\nregion = eu-west-1\n"))
            .collect();
        config.push_str("[profile x]\nsource_profile = ");
        let f = Fixture::generated(config.clone());
        let list = completion_list(f.files(), 0, config.len());
        assert_eq!(list.items.len(), MAX_COMPLETIONS);
        assert!(list.is_incomplete);
        // What is typed narrows the names down as an editor matches them.
        config.push_str("tm-29");
        let f = Fixture::generated(config.clone());
        let list = completion_list(f.files(), 0, config.len());
        assert!(!list.is_incomplete);
        let mut names = labels(&list.items);
        names.sort();
        // `t`, `m`, `-`, `2`, `9` in this order: `team-29`, `team-1290`, `team-2019`…
        let mut expected: Vec<String> = (0..3_000)
            .map(|i| format!("team-{i}"))
            .filter(|n| {
                let digits = &n[5..];
                digits
                    .find('2')
                    .is_some_and(|two| digits[two + 1..].contains('9'))
            })
            .collect();
        expected.sort();
        assert_eq!(names, expected);
        // A snippet offers a few names, not all of them.
        let headers = completions(f.files(), 0, 1);
        let role = headers.iter().find(|c| c.label == "Role profile").unwrap();
        assert!(role.insert_text.len() < 1_000, "{}", role.insert_text);
    }

    #[test]
    fn keys_of_a_config_profile_leave_out_present_ones() {
        const CONFIG: &str = "[profile dev]\nregion = eu-west-1\nre";
        let f = Fixture::new(CONFIG, "");
        let items = completions(f.files(), 0, CONFIG.len());
        let names = labels(&items);
        assert!(
            names.contains(&"role_arn") && !names.contains(&"region"),
            "{names:?}"
        );
        let role = items.iter().find(|c| c.label == "role_arn").unwrap();
        assert_eq!(role.insert_text, "role_arn = ");
        assert_eq!(role.replace.slice(CONFIG), "re");
        assert!(role
            .documentation
            .as_deref()
            .unwrap()
            .starts_with("**`role_arn`**"));
    }

    #[test]
    fn values_for_booleans_enums_regions_and_names() {
        const CONFIG: &str = "[profile a]\n\n[profile b]\nsource_profile = \nregion = eu\nsts_regional_endpoints = \ns3 =\n  use_accelerate_endpoint = \n";
        const CREDS: &str = "[c]\n";
        let f = Fixture::new(CONFIG, CREDS);
        let source = completions(f.files(), 0, at(CONFIG, "source_profile = ", 17));
        assert_eq!(labels(&source), vec!["a", "c"]);
        let region = completions(f.files(), 0, at(CONFIG, "region = eu", 11));
        assert!(labels(&region).contains(&"eu-west-1"));
        assert_eq!(region[0].replace.slice(CONFIG), "eu");
        let sts = completions(f.files(), 0, at(CONFIG, "sts_regional_endpoints = ", 25));
        assert_eq!(labels(&sts), vec!["legacy", "regional"]);
        let accelerate = completions(f.files(), 0, at(CONFIG, "use_accelerate_endpoint = ", 26));
        assert_eq!(labels(&accelerate), vec!["true", "false"]);
    }

    #[test]
    fn sub_keys_under_s3() {
        const CONFIG: &str = "[default]\ns3 =\n  max_\n";
        let f = Fixture::new(CONFIG, "");
        let items = completions(f.files(), 0, at(CONFIG, "max_", 4));
        assert!(
            labels(&items).contains(&"max_concurrent_requests"),
            "{:?}",
            labels(&items)
        );
    }

    #[test]
    fn an_offset_inside_a_character_is_moved_to_its_start() {
        const CONFIG: &str = "[a]\né";
        let f = Fixture::new(CONFIG, "");
        let items = completions(f.files(), 0, CONFIG.len() - 1);
        assert!(items.iter().all(|c| c.replace.end == CONFIG.len() - 2));
    }

    #[test]
    fn headers_and_snippets() {
        const CONFIG: &str = "[default]\n\n[";
        let f = Fixture::new(CONFIG, "");
        let items = completions(f.files(), 0, CONFIG.len());
        assert_eq!(
            labels(&items),
            vec![
                "[profile ",
                "[sso-session ",
                "[services ",
                "SSO profile",
                "SSO session",
                "Role profile"
            ]
        );
        let role = items.iter().find(|c| c.label == "Role profile").unwrap();
        assert!(role.is_snippet && role.insert_text.contains("source_profile = ${4|default|}"));
    }
}
