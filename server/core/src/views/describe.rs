//! Readings in words, for messages and hovers: "The AWS SDKs for Rust and Java read …; the AWS
//! CLI and boto3 read …; the AWS SDK for JavaScript and the AWS CDK read …", readers that read a
//! line alike named together.
//! Everything said about a reader comes from its [`Reading`]; values of secret keys, and values
//! that look like secrets whatever their key, are masked; control and invisible characters are
//! shown escaped; long values are cut.

use super::compare::{Divergence, NotRead, Reading, Refusal, SectionReading};
use crate::model::{may_quote, IgnoreReason};

/// How the readers are named, as their users know them.
pub const SDKS: &str = "the AWS SDKs for Rust and Java";
pub const CLI: &str = "the AWS CLI and boto3";
pub const JS: &str = "the AWS SDK for JavaScript and the AWS CDK";

/// Each reader's reading, readers that read alike named together: "The AWS SDKs for Rust and
/// Java and the AWS SDK for JavaScript and the AWS CDK read …; the AWS CLI and boto3 read …."
/// `line_of` turns a byte offset into a zero-based line, for readings that point at another
/// line.
pub fn all(divergence: &Divergence, line_of: &dyn Fn(usize) -> usize) -> String {
    grouped(
        &[
            (SDKS, &divergence.sdk),
            (CLI, &divergence.cli),
            (JS, &divergence.js),
        ],
        line_of,
    )
}

/// The readings of the readers other than the SDKs (for a message that has said what the SDKs
/// do): "The AWS CLI and boto3 …; the AWS SDK for JavaScript and the AWS CDK …."
pub fn others(divergence: &Divergence, line_of: &dyn Fn(usize) -> usize) -> String {
    grouped(&[(CLI, &divergence.cli), (JS, &divergence.js)], line_of)
}

fn grouped(readers: &[(&str, &Reading)], line_of: &dyn Fn(usize) -> usize) -> String {
    // Readers are named together only where the same words are true of each.
    let mut groups: Vec<(Vec<&str>, String)> = Vec::new();
    for &(name, read) in readers {
        let words = reading(read, line_of);
        match groups.iter_mut().find(|(_, w)| *w == words) {
            Some((names, _)) => names.push(name),
            None => groups.push((vec![name], words)),
        }
    }
    let sentence: Vec<String> = groups
        .iter()
        .map(|(names, words)| match names.as_slice() {
            [one] => format!("{one} {words}"),
            [rest @ .., last] => format!("{}, and {last}, {words}", rest.join(", ")),
            [] => String::new(),
        })
        .collect();
    format!("{}.", capitalised(&sentence.join("; ")))
}

/// What one reader does, as a sentence: "The AWS CLI and boto3 read it as a comment."
pub fn one(reader: &str, read: &Reading, line_of: &dyn Fn(usize) -> usize) -> String {
    format!("{} {}.", capitalised(reader), reading(read, line_of))
}

pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// What a reader does with the line, as a verb phrase for a plural subject.
pub fn reading(reading: &Reading, line_of: &dyn Fn(usize) -> usize) -> String {
    match reading {
        Reading::Blank => "skip this line".to_string(),
        Reading::Comment => "read it as a comment".to_string(),
        Reading::Section(section) => section_reading(section, line_of),
        Reading::Key {
            key,
            value,
            kept: false,
        } => {
            let _ = value;
            format!(
                "drop the key {} (a key name takes only letters, digits and `_-/.%@:+`)",
                code(key)
            )
        }
        Reading::Key { key, value, .. } if value.is_empty() => {
            format!("read {} with an empty value", code(key))
        }
        Reading::Key { key, value, .. } => format!("read {} = {}", code(key), shown(key, value)),
        Reading::Append { key, text } if text.is_empty() => {
            format!("keep this blank line inside the value of {}", code(key))
        }
        Reading::Append { key, text } => format!(
            "append {} to the value of {} (after a line break)",
            shown(key, text),
            code(key)
        ),
        Reading::Refuse(Refusal::Sdk(message)) => {
            format!("refuse the whole file here (\"{message}\")")
        }
        Reading::Refuse(Refusal::Cli { class, detail }) => {
            format!("refuse the whole file here (configparser's {class}: {detail})")
        }
        Reading::Refuse(Refusal::Js) => {
            "read the whole file as empty (their parser throws on this header)".to_string()
        }
        Reading::InUnreadSection => "ignore it (it is in a section they do not read)".to_string(),
        Reading::Split(parts) => {
            let parts: Vec<String> = parts
                .iter()
                .enumerate()
                .map(|(i, part)| format!("line {}: {}", i + 1, self::reading(part, line_of)))
                .collect();
            format!(
                "end the line at the carriage return (a line end for Python) and read {} lines ({})",
                parts.len(),
                parts.join("; ")
            )
        }
    }
}

fn section_reading(section: &SectionReading, line_of: &dyn Fn(usize) -> usize) -> String {
    match section {
        SectionReading::Profile(name) => format!("read it as profile {}", code(name)),
        SectionReading::SsoSession(name) => format!("read it as sso-session {}", code(name)),
        SectionReading::Services(name) => format!("read it as services section {}", code(name)),
        SectionReading::Defaults { keys } if keys.is_empty() => {
            "read it as the defaults section (`[DEFAULT]`), which sets nothing here".to_string()
        }
        SectionReading::Defaults { keys } => format!(
            "copy its keys ({}) into every other section of this file (`[DEFAULT]` is Python's defaults section)",
            list(keys)
        ),
        SectionReading::NotRead(NotRead::Sdk(reason)) => format!(
            "ignore this section ({})",
            match reason {
                IgnoreReason::MissingProfilePrefix => "a config-file profile needs the `profile ` prefix",
                IgnoreReason::CliOnly => "it holds settings of the AWS CLI, not a profile",
                IgnoreReason::ProfilePrefixInCredentials => "the credentials file takes bare profile names",
                IgnoreReason::PrefixedSectionInCredentials => "the credentials file holds profiles only",
                IgnoreReason::InvalidName => "the name has characters other than letters, digits and `_-/.%@:+`",
                IgnoreReason::HiddenByProfileDefault => "`[profile default]` in this file hides every `[default]`",
                IgnoreReason::UnknownPrefix => "the section type is unknown",
            }
        ),
        SectionReading::NotRead(NotRead::Dropped { words: Some(words) }) => format!(
            "drop this section (botocore splits the header into {words} shell word{} where it needs 2)",
            if *words == 1 { "" } else { "s" }
        ),
        SectionReading::NotRead(NotRead::Dropped { words: None }) => {
            "drop this section (botocore cannot split the header into words: a quote is not closed)"
                .to_string()
        }
        SectionReading::NotRead(NotRead::Js) => {
            "keep no profile from this header".to_string()
        }
        SectionReading::NotRead(NotRead::NotAProfile { name }) => format!(
            "read it as a section named {}, which is not a profile",
            code(name)
        ),
        SectionReading::Replaced { name, by, lost } => format!(
            "read it as {}, but the later section on line {} replaces it whole, so {} {} lost",
            code(name),
            line_of(*by) + 1,
            list(lost),
            if lost.len() == 1 { "is" } else { "are" }
        ),
    }
}

fn list(keys: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut items: Vec<String> = keys.iter().take(SHOWN).map(|k| code(k)).collect();
    if keys.len() > SHOWN {
        items.push(format!("and {} more", keys.len() - SHOWN));
    }
    items.join(", ")
}

/// A value as a message shows it: masked when it is, or may be, a credential
/// ([`may_quote`]); escaped; cut.
pub fn shown(key: &str, value: &str) -> String {
    if !may_quote(key, value) {
        return format!("`{}`", crate::text::mask_secret(value));
    }
    code(value)
}

/// Text in backticks, with control, invisible and unusual space characters escaped
/// (`\u{a0}`), and cut after 80 characters.
pub fn code(text: &str) -> String {
    const MAX: usize = 80;
    let mut out = String::with_capacity(text.len().min(MAX) + 2);
    out.push('`');
    for (i, c) in text.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        if c == '`' {
            out.push('\'');
        } else if c == ' ' || !(c.is_control() || c.is_whitespace() || invisible(c)) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    out.push('`');
    out
}

fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{202a}'..='\u{202e}')
}
