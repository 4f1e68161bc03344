//! The catalogue's claims about the `aws s3` transfer settings of an `s3 =` block (sizes such
//! as `8MB`, rates such as `10MB/s`, counts), against the AWS CLI itself: version 1 from PyPI
//! (`tests/awscli/transfer.py` asks the call the AWS CLI builds its transfer configuration
//! with). What `invalid-value` accepts must be what the AWS CLI accepts, as the same number.
//!
//! Values: a fixed list of the forms people write, and seeded generated ones
//! (`AWS_CONFIG_LSP_DIFF_SEED` fixes the seed, printed on failure), trimmed as every reader
//! trims a value.

use super::cases::{ask_script, venv_python, Venv};
use super::rng::Rng;
use aws_config_lsp_core::knowledge::{self, shapes, Setting, ValueKind};
use serde_json::Value;
use std::path::PathBuf;

pub const AWSCLI: &str = "awscli==1.46.3";

fn python() -> PathBuf {
    venv_python(Venv {
        package: AWSCLI,
        module: "awscli",
        override_variable: "AWS_CONFIG_LSP_AWSCLI_PYTHON",
        venv: "target/awscli-venv",
        setup: "tests/awscli/setup.sh",
    })
}

/// The forms of a rate that AWS CLI version 2 takes and version 1 refuses (aws-cli v2's
/// `transferconfig.py`): a plain number of bytes per second, `B/s` without a unit (`1024B/s`),
/// and bits per second (`b/s`). The catalogue follows version 2 and says so of version 1.
fn rate_of_version_2_only(value: &str) -> bool {
    value.ends_with("b/s")
        || shapes::parse_python_int(value).is_some()
        || value
            .strip_suffix("B/s")
            .is_some_and(|n| shapes::parse_python_int(n).is_some())
}

/// What the catalogue says the AWS CLI makes of the value: the number it uses, or `None`
/// when it refuses the value.
fn ours(setting: &Setting, value: &str) -> Option<u64> {
    match setting.kind {
        ValueKind::Size => shapes::parse_size(value).filter(|n| *n > 0),
        ValueKind::Rate => shapes::parse_rate(value).filter(|n| *n > 0),
        ValueKind::Integer { min, max } => setting
            .parse_integer(value)
            .filter(|n| min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m))
            .and_then(|n| u64::try_from(n).ok()),
        _ => None,
    }
}

const FIXED: &[&str] = &[
    "8388608",
    "8MB",
    "8mb",
    "8Mb",
    "8 MB",
    "8MiB",
    "8mib",
    "8KB",
    "64KiB",
    "1GB",
    "1GiB",
    "1TB",
    "1TiB",
    "0",
    "0MB",
    "-1",
    "+8",
    "8_000",
    "8.5MB",
    "MB",
    "8M",
    "8B",
    "8K",
    "abc",
    "1e3",
    "0x10",
    "10MB/s",
    "10mb/s",
    "800KB/s",
    "1024B/s",
    "10Mb/s",
    "100Mb/s",
    "B/s",
    "10 MB/s",
    "10485760",
    "0B/s",
    "1",
    "10",
    "1000",
    "10000000000000000000000",
];

/// A value from pieces people type, and some they do not.
fn generated(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "0", "1", "8", "10", "64", "512", "1024", " ", "+", "-", "_", ".", "k", "K", "m", "M", "g",
        "G", "t", "T", "b", "B", "i", "/s", "/S", "KB", "MB", "GiB", "kib", "B/s", "b/s",
    ];
    let mut value = String::new();
    for _ in 0..1 + rng.below(5) {
        value.push_str(PIECES[rng.below(PIECES.len())]);
    }
    value.trim().to_string()
}

#[test]
fn the_aws_cli_reads_transfer_sizes_rates_and_counts_as_the_catalogue_says() {
    let seed = super::generator::seed();
    let mut rng = Rng::new(seed);
    let mut values: Vec<String> = FIXED.iter().map(|v| v.to_string()).collect();
    values.extend((0..1000).map(|_| generated(&mut rng)));
    values.retain(|v| !v.is_empty());
    let settings: Vec<&Setting> = knowledge::s3_settings()
        .filter(|s| {
            matches!(
                s.kind,
                ValueKind::Size | ValueKind::Rate | ValueKind::Integer { .. }
            )
        })
        .collect();
    let mut cases = Vec::new();
    let mut requests = Vec::new();
    for setting in &settings {
        for value in &values {
            requests.push(serde_json::json!({"key": setting.name, "value": value}));
            cases.push((*setting, value.as_str()));
        }
    }
    let answers = ask_script(&python(), "tests/awscli/transfer.py", requests);
    let mut asked = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    for ((setting, value), answer) in cases.iter().zip(&answers) {
        if answer["result"] == "not a transfer setting" {
            continue;
        }
        asked.insert(setting.name);
        // Python's numbers have no limit and the catalogue's saturate: any number from
        // 2^63 on counts as one.
        let huge = |n: u64| n.min(i64::MAX as u64);
        let theirs = match &answer["as"] {
            Value::Number(n) => Some(huge(n.as_u64().unwrap_or(u64::MAX))),
            _ => None,
        };
        let ours = ours(setting, value).map(huge);
        let version_2_only = setting.kind == ValueKind::Rate
            && theirs.is_none()
            && ours.is_some()
            && rate_of_version_2_only(value);
        if ours != theirs && !version_2_only {
            problems.push(format!(
                "`{} = {value}`: the catalogue says {ours:?}; the AWS CLI: {answer}",
                setting.name
            ));
        }
    }
    let shown: Vec<&String> = problems.iter().take(30).collect();
    assert!(
        problems.is_empty(),
        "{} values read otherwise by the AWS CLI (seed: AWS_CONFIG_LSP_DIFF_SEED={seed}):\n  {}",
        problems.len(),
        shown
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    assert!(asked.len() >= 5, "only {asked:?} asked");
    eprintln!(
        "the AWS CLI read {} values of {} transfer settings as the catalogue says",
        values.len() * asked.len(),
        asked.len()
    );
}

/// The values of the AWS CLI's own settings with a fixed set of values (`output`,
/// `cli_timestamp_format`), against the AWS CLI version 1's own code that reads them
/// (`tests/awscli/settings.py`): it takes every listed value but those the note says need
/// version 2; where the note says what version 1 takes, it names exactly those; and a listed
/// value in another case is refused, as the catalogue's `Sensitive` says.
#[test]
fn the_aws_cli_version_1_takes_the_values_the_catalogue_says() {
    let settings: Vec<&Setting> = ["output", "cli_timestamp_format"]
        .iter()
        .map(|k| knowledge::setting(k).expect("catalogued"))
        .collect();
    let mut cases = Vec::new();
    for setting in &settings {
        let ValueKind::Enum { values, case } = setting.kind else {
            panic!("{} has no fixed set of values", setting.name);
        };
        assert_eq!(case, knowledge::EnumCase::Sensitive, "{}", setting.name);
        for value in values {
            cases.push((*setting, value.to_string(), true));
            if value.to_uppercase() != *value {
                cases.push((*setting, value.to_uppercase(), false));
            }
        }
    }
    let requests = cases
        .iter()
        .map(|(s, v, _)| serde_json::json!({"key": s.name, "value": v}))
        .collect();
    let answers = ask_script(&python(), "tests/awscli/settings.py", requests);
    let mut problems = Vec::new();
    for ((setting, value, listed), answer) in cases.iter().zip(&answers) {
        let note = setting.notes.unwrap_or_default();
        let named = format!("`{value}`");
        // "`yaml`, `yaml-stream` and `off` need AWS CLI version 2."
        let needs_version_2 = note
            .split(['.', ';'])
            .any(|s| s.contains(&named) && s.contains("need AWS CLI version 2"));
        // "...; version 1 takes `wire` (its default), `none` or `iso8601`."
        let version_1_list = note
            .split(['.', ';'])
            .find(|s| s.contains("version 1 takes"))
            .map(|s| s.contains(&named));
        let expected = *listed && !needs_version_2 && version_1_list.unwrap_or(true);
        if (answer["result"] == "accepted") != expected {
            problems.push(format!(
                "`{} = {value}`: the catalogue says version 1 {}; the AWS CLI: {answer}",
                setting.name,
                if expected { "takes it" } else { "refuses it" }
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "the AWS CLI version 1 reads these otherwise than the catalogue says:\n  {}",
        problems.join("\n  ")
    );
}
