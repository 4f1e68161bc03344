//! A seeded generator of AWS config and credentials files that mix the constructs the AWS
//! SDKs and the AWS CLI (botocore) read differently: inline comments, `:` delimiters, indented
//! lines (spaces, tabs, Unicode spaces), comments and blank lines inside continued values and
//! sub-property blocks, `[DEFAULT]`, blanks inside brackets, quoted and multi-word names,
//! duplicate sections and keys (also differing in case or spacing), `[default]` with
//! `[profile default]`, `[profile x]` in the credentials file, lone CRs, CRLF, a byte-order
//! mark, bytes that are not UTF-8, and Python's extra whitespace characters.
//!
//! Shared by the differential tests (included with `#[path]`); no dependencies.

#![allow(dead_code)]

/// The seed of a run: `AWS_CONFIG_LSP_DIFF_SEED`, or one that changes every run (print it, so
/// that a failure can be run again).
pub fn seed() -> u64 {
    std::env::var("AWS_CONFIG_LSP_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}

use super::rng::Rng;

const NAMES: &[&str] = &[
    "a", "dev", "prod", "default", "b-2", "x.y", "DEFAULT", "Dev",
];
const KEYS: &[&str] = &[
    "region",
    "output",
    "Region",
    "REGION",
    "role_arn",
    "source_profile",
    "endpoint_url",
    "cli_pager",
    "s3",
    "services",
    "sso_session",
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "max_attempts",
    "x-y",
    "a b",
    "k:v",
];
const VALUES: &[&str] = &[
    "us-east-1",
    "eu-west-1",
    "json",
    "",
    "https://h.example/?a=b",
    "https://h.example/#frag",
    "arn:aws:iam::123456789012:role/R",
    "dev",
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "\"quoted\"",
    "a=b",
    "x: y",
    "v;x",
    "v#x",
    "3",
];
/// Characters Python strips or splits at and the SDKs do not (or the other way round).
const ODD_SPACES: &[&str] = &[
    "\u{a0}", "\u{3000}", "\u{2028}", "\u{b}", "\u{c}", "\u{1c}", "\u{1f}", "\u{85}", "\u{2003}",
    "\u{200b}", "\u{feff}",
];

pub struct Generated {
    pub config: Vec<u8>,
    pub credentials: Vec<u8>,
}

/// One pair of files for `seed`.
pub fn generate(seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    Generated {
        config: file(&mut rng, false),
        credentials: file(&mut rng, true),
    }
}

/// In a tidy file (most of them) botocore finds nothing to refuse, so that what it reads can be
/// compared; the others may hold anything.
fn file(rng: &mut Rng, credentials: bool) -> Vec<u8> {
    let tidy = rng.chance(65);
    let mut lines: Vec<String> = Vec::new();
    if rng.chance(8) {
        let line = line_before_header(rng);
        if !tidy
            || line.is_empty()
            || line.starts_with(['#', ';', ' ', '\t']) && !line.trim_start().starts_with(['[', 'r'])
        {
            lines.push(line);
        }
    }
    let mut headers: Vec<String> = Vec::new();
    let sections = rng.below(5);
    for _ in 0..sections {
        let header = loop {
            let header = header(rng, credentials);
            let inner = header.trim().trim_start_matches('[');
            let inner = inner
                .rfind(']')
                .map_or(inner, |at| &inner[..at])
                .to_string();
            if !tidy
                || (!headers.contains(&inner) && header.trim().len() > 2 && header.contains(']'))
            {
                headers.push(inner);
                break header;
            }
        };
        lines.push(header);
        let mut keys: Vec<String> = Vec::new();
        let body = rng.below(6);
        let mut last_was_block = false;
        let mut in_property = false;
        for _ in 0..body {
            let line = if last_was_block && rng.chance(60) {
                block_line(rng)
            } else {
                body_line(rng, credentials)
            };
            if tidy && !acceptable(&line, &mut keys, in_property, last_was_block) {
                continue;
            }
            let indented = line.starts_with([' ', '\t']);
            last_was_block =
                line.trim_end().ends_with('=') && !indented || (last_was_block && indented);
            in_property = !line.trim().is_empty() && !line.trim_start().starts_with(['#', ';'])
                || (in_property && line.trim().is_empty());
            lines.push(line);
        }
    }
    let mut out = Vec::new();
    if !tidy && rng.chance(8) {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    for line in &lines {
        out.extend_from_slice(line.as_bytes());
        let ending: &[u8] = match rng.below(40) {
            0 => b"\r",
            1..=3 => b"\r\n",
            _ => b"\n",
        };
        out.extend_from_slice(ending);
    }
    if rng.chance(10) && !out.is_empty() {
        // Drop the last line end.
        while out.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
            out.pop();
        }
    }
    if !tidy && rng.chance(8) {
        let at = rng.below(out.len() + 1);
        // Only between characters: a lone continuation byte, or Latin-1 é.
        let at = (0..=at)
            .rev()
            .find(|&i| i == 0 || i == out.len() || (out[i] as i8) >= -0x40)
            .unwrap_or(0);
        out.insert(at, if rng.chance(50) { 0xe9 } else { 0x80 });
    }
    out
}

/// Whether a line keeps a tidy file readable by botocore: a key at most once per section (as
/// configparser compares keys), no line without a delimiter unless it continues a value.
fn acceptable(line: &str, keys: &mut Vec<String>, in_property: bool, in_block: bool) -> bool {
    let trimmed =
        line.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c));
    if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
        return true;
    }
    let indented =
        line.starts_with(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c));
    if indented && in_property {
        // A continuation: inside a block each line needs `=`.
        return !in_block || trimmed.contains('=') && !trimmed.starts_with('=');
    }
    let Some(at) = trimmed.find(['=', ':']) else {
        return false;
    };
    let key = trimmed[..at].trim_end().to_lowercase();
    if key.is_empty() || keys.contains(&key) {
        return false;
    }
    keys.push(key);
    true
}

fn line_before_header(rng: &mut Rng) -> String {
    match rng.below(5) {
        0 => "  # indented comment".to_string(),
        1 => "region = us-east-1".to_string(),
        2 => "\t; c".to_string(),
        3 => "".to_string(),
        _ => "  [profile early]".to_string(),
    }
}

fn name(rng: &mut Rng) -> String {
    let base = rng.pick(NAMES).to_string();
    match rng.below(30) {
        0 => format!("\"{base} x\""),
        1 => format!("{base} x"),
        2 => format!("'{base}"),
        3 => format!("{base}{}", rng.pick(ODD_SPACES)),
        4 => format!("{base}]x"),
        _ => base,
    }
}

fn header(rng: &mut Rng, credentials: bool) -> String {
    let name = name(rng);
    let inner = if credentials {
        match rng.below(12) {
            0 => format!("profile {name}"),
            1 => "DEFAULT".to_string(),
            2 => format!(" {name} "),
            3 => format!("sso-session {name}"),
            _ => name,
        }
    } else {
        match rng.below(24) {
            0 => "default".to_string(),
            1 => "DEFAULT".to_string(),
            2 => " default ".to_string(),
            3 => format!(" profile {name}"),
            4 => format!("profile  {name}"),
            5 => format!("profile\t{name}"),
            6 => format!("sso-session {name}"),
            7 => format!("services {name}"),
            8 => "plugins".to_string(),
            9 => name.clone(),
            10 => "profile".to_string(),
            11 => format!("profiles {name}"),
            12 => "".to_string(),
            _ => format!("profile {name}"),
        }
    };
    let mut header = format!("[{inner}]");
    match rng.below(30) {
        0 => header.push_str(" trailing"),
        1 => header.push_str(" ; see [x]"),
        2 => header.push_str(" # note"),
        3 => header.insert_str(0, "  "),
        4 => header.push_str("  "),
        5 => header = format!("[{inner}"),
        _ => {}
    }
    header
}

fn body_line(rng: &mut Rng, credentials: bool) -> String {
    let key = if credentials && rng.chance(50) {
        rng.pick(&[
            "aws_access_key_id",
            "aws_secret_access_key",
            "aws_session_token",
            "region",
        ])
        .to_string()
    } else {
        rng.pick(KEYS).to_string()
    };
    let value = rng.pick(VALUES).to_string();
    match rng.below(40) {
        0 => format!("{key}: {value}"),
        1 => format!("{key} := {value}"),
        2 => format!("{key} = {value} # comment"),
        3 => format!("{key} = {value} ; comment"),
        4 => format!("{key}={value}"),
        5 => "# comment".to_string(),
        6 => "; comment".to_string(),
        7 => "  # indented comment".to_string(),
        8 => "".to_string(),
        9 => "   ".to_string(),
        10 => format!("  {key} = {value}"),
        11 => "  continued text".to_string(),
        12 => "\tcontinued".to_string(),
        13 => format!("= {value}"),
        14 => "no delimiter".to_string(),
        15 => format!("{key} ="),
        16 => format!("{key} = {value}{}", rng.pick(ODD_SPACES)),
        17 => format!("{}{key} = {value}", rng.pick(ODD_SPACES)),
        18 => format!("{key} = {value}{}more", rng.pick(ODD_SPACES)),
        19 => format!("{key}{} = {value}", rng.pick(ODD_SPACES)),
        20 => format!(" {key} = {value}"),
        _ => format!("{key} = {value}"),
    }
}

fn block_line(rng: &mut Rng) -> String {
    let key = rng
        .pick(&[
            "endpoint_url",
            "max_attempts",
            "signature_version",
            "Addressing_Style",
        ])
        .to_string();
    let value = rng.pick(VALUES).to_string();
    match rng.below(14) {
        0 => "  # comment in block".to_string(),
        1 => "".to_string(),
        2 => "  no equals".to_string(),
        3 => format!("  = {value}"),
        4 => format!("  {key} = {value} # c"),
        5 => format!("\t{key}={value}"),
        6 => format!("    {key} = {value}"),
        7 => format!("  {key}: {value}"),
        _ => format!("  {key} = {value}"),
    }
}
