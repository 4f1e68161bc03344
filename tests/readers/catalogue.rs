//! The catalogue's claims about botocore (boto3 and the AWS CLI) against botocore itself
//! (`tests/botocore/settings.py`): the keys it reads from a profile, their environment
//! variables and defaults as botocore declares them (its session variables table), and, for
//! every key the catalogue says botocore reads, that botocore's sources name it at all.

use super::botocore::python;
use super::cases::workspace_root;
use aws_config_lsp_core::knowledge::{self, Setting, Tool};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

/// One of botocore's session variables read from a profile.
struct Variable {
    key: String,
    env: Vec<String>,
    default: Option<String>,
}

struct Botocore {
    variables: Vec<Variable>,
    /// Every string literal of botocore's sources.
    literals: BTreeSet<String>,
}

fn botocore() -> Botocore {
    let output = Command::new(python())
        .arg(workspace_root().join("tests/botocore/settings.py"))
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "tests/botocore/settings.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON from settings.py");
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("an array")
            .iter()
            .map(|s| s.as_str().expect("a string").to_string())
            .collect()
    };
    Botocore {
        variables: value["table"]
            .as_array()
            .expect("the table")
            .iter()
            .map(|row| Variable {
                key: row["key"].as_str().expect("a key").to_string(),
                env: strings(&row["env"]),
                default: row["default"].as_str().map(str::to_string),
            })
            .collect(),
        literals: strings(&value["literals"]).into_iter().collect(),
    }
}

fn read_by_botocore(setting: &Setting) -> bool {
    matches!(setting.tool, Tool::Sdk | Tool::BotocoreOnly)
}

fn note_says(setting: &Setting, text: &str) -> bool {
    setting.notes.is_some_and(|n| n.contains(text))
}

/// What the catalogue says of one of botocore's session variables, wrong where botocore
/// disagrees: the problems found.
fn check_variable(variable: &Variable) -> Vec<String> {
    let key = &variable.key;
    let Some(setting) = knowledge::setting(key) else {
        return vec![format!(
            "botocore reads `{key}`: the catalogue does not know it"
        )];
    };
    let mut problems = Vec::new();
    if !read_by_botocore(setting) {
        problems.push(format!(
            "botocore reads `{key}`; the catalogue says {:?}",
            setting.tool
        ));
    }
    match setting.env_var {
        // Another variable than botocore's: the note must name botocore's.
        Some(ours)
            if !variable.env.iter().any(|e| e == ours)
                && !variable.env.iter().any(|e| note_says(setting, e)) =>
        {
            problems.push(format!(
                "`{key}`: the catalogue names {ours}, botocore reads {:?}, and the note does not say so",
                variable.env
            ))
        }
        None if !variable.env.is_empty() => problems.push(format!(
            "`{key}`: botocore reads it from {:?}; the catalogue names no variable",
            variable.env
        )),
        _ => {}
    }
    // A default botocore declares (an empty one says nothing): the catalogue's, or one the
    // note gives as botocore's where the SDKs differ.
    if let Some(theirs) = variable.default.as_deref().filter(|d| !d.is_empty()) {
        let stated = format!("`{theirs}` is botocore's default");
        if setting.default != Some(theirs) && !note_says(setting, &stated) {
            problems.push(format!(
                "`{key}`: botocore's default is {theirs:?}; the catalogue says {:?} and its note does not say \"{stated}\"",
                setting.default
            ));
        }
    }
    problems
}

#[test]
fn the_catalogue_says_of_botocores_session_variables_what_botocore_declares() {
    let botocore = botocore();
    assert!(
        botocore.variables.len() > 20,
        "botocore's table: only {} variables",
        botocore.variables.len()
    );
    let problems: Vec<String> = botocore.variables.iter().flat_map(check_variable).collect();
    assert!(
        problems.is_empty(),
        "the catalogue disagrees with botocore:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn every_key_the_catalogue_says_botocore_reads_is_named_in_botocore() {
    let botocore = botocore();
    let unnamed: Vec<&str> = knowledge::settings()
        .chain(knowledge::s3_settings())
        .filter(|s| read_by_botocore(s) && !botocore.literals.contains(s.name))
        .map(|s| s.name)
        .collect();
    assert!(
        unnamed.is_empty(),
        "the catalogue says botocore reads these keys, and botocore's sources never name them: {unnamed:?}"
    );
}
