//! The catalogue's claims about botocore (boto3 and the AWS CLI) against botocore itself
//! (`tests/botocore/settings.py`): the keys it reads from a profile, their environment
//! variables and defaults as botocore declares them (its session variables table), and, for
//! every key the catalogue says botocore reads, that botocore's sources name it at all.

use super::botocore::python;
use super::cases::workspace_root;
use aws_config_lsp_core::knowledge::{self, EnumCase, Setting, Tool, ValueKind};
use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

/// One of botocore's session variables read from a profile.
struct Variable {
    /// Its keys: `(None, key)` in the profile, `(Some(block), key)` inside a block such as
    /// `s3 =`.
    keys: Vec<(Option<String>, String)>,
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
                keys: row["keys"]
                    .as_array()
                    .expect("keys")
                    .iter()
                    .map(|k| {
                        (
                            k["block"].as_str().map(str::to_string),
                            k["key"].as_str().expect("a key").to_string(),
                        )
                    })
                    .collect(),
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
    variable
        .keys
        .iter()
        .flat_map(|(block, key)| {
            let (setting, key) = match block.as_deref() {
                None => (knowledge::setting(key), key.clone()),
                Some("s3") => (knowledge::s3_setting(key), format!("s3.{key}")),
                Some(other) => (None, format!("{other}.{key}")),
            };
            match setting {
                Some(setting) => check_key(variable, &key, setting),
                None => vec![format!(
                    "botocore reads `{key}`: the catalogue does not know it"
                )],
            }
        })
        .collect()
}

fn check_key(variable: &Variable, key: &str, setting: &Setting) -> Vec<String> {
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

/// A profile key botocore's tables know only inside a block (`s3 =`): where the catalogue
/// says botocore reads it in a profile, its note must say where botocore reads it.
#[test]
fn a_key_botocore_reads_only_inside_a_block_says_so() {
    let botocore = botocore();
    let keys = |in_block: bool| -> BTreeSet<&str> {
        botocore
            .variables
            .iter()
            .flat_map(|v| &v.keys)
            .filter(|(block, _)| block.is_some() == in_block)
            .map(|(_, key)| key.as_str())
            .collect()
    };
    let (in_profile, in_block) = (keys(false), keys(true));
    let unstated: Vec<&str> = in_block
        .difference(&in_profile)
        .filter_map(|key| knowledge::setting(key))
        .filter(|s| read_by_botocore(s) && !note_says(s, "only inside an `s3 =` block"))
        .map(|s| s.name)
        .collect();
    assert!(
        unstated.is_empty(),
        "botocore reads these only inside a block; the catalogue's profile setting does not say so: {unstated:?}"
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

/// One value of a setting with a fixed set of values, and what the catalogue says botocore
/// does with it: `Some(value)`, it reads it as that listed value; `None`, it does not read
/// it as any listed value (it raises, or reads something else).
struct ValueCase {
    key: String,
    value: String,
    expected: Option<String>,
}

/// Every listed value of every such setting botocore reads, the same in upper and lower
/// case, and a word that is none of them.
fn enum_cases() -> Vec<ValueCase> {
    let mut cases = Vec::new();
    let settings = knowledge::settings()
        .map(|s| (s.name.to_string(), s))
        .chain(knowledge::s3_settings().map(|s| (format!("s3.{}", s.name), s)));
    for (key, setting) in settings {
        let ValueKind::Enum { values, case } = setting.kind else {
            continue;
        };
        if !read_by_botocore(setting) {
            continue;
        }
        let botocore_ignores_case = case == EnumCase::Insensitive;
        for value in values {
            cases.push(ValueCase {
                key: key.clone(),
                value: value.to_string(),
                expected: Some(value.to_string()),
            });
            for other in [value.to_uppercase(), value.to_lowercase()] {
                if other != *value && !cases.iter().any(|c| c.key == key && c.value == other) {
                    cases.push(ValueCase {
                        key: key.clone(),
                        value: other,
                        expected: botocore_ignores_case.then(|| value.to_string()),
                    });
                }
            }
        }
        cases.push(ValueCase {
            key,
            value: "not-a-value".to_string(),
            expected: None,
        });
    }
    cases
}

/// botocore's answers for the cases (`tests/botocore/values.py`), in their order.
fn botocore_enum_answers(cases: &[ValueCase]) -> Vec<Value> {
    values_py(
        cases
            .iter()
            .map(|c| serde_json::json!({"key": c.key, "value": c.value}))
            .collect(),
    )
}

/// `tests/botocore/values.py`'s answers to these requests (`{"key", "value"}`, and `"probe"`),
/// in their order.
fn values_py(requests: Vec<Value>) -> Vec<Value> {
    super::cases::ask_script(&python(), "tests/botocore/values.py", requests)
}

#[test]
fn botocore_takes_the_values_and_cases_the_catalogue_says_it_takes() {
    let cases = enum_cases();
    let answers = botocore_enum_answers(&cases);
    let mut problems = Vec::new();
    let mut probed = BTreeSet::new();
    for (case, answer) in cases.iter().zip(&answers) {
        if answer["result"] == "no probe" {
            problems.push(format!(
                "`{}`: tests/botocore/values.py has no probe for it",
                case.key
            ));
            continue;
        }
        probed.insert(case.key.as_str());
        let read_as = (answer["result"] == "accepted")
            .then(|| answer["as"].as_str().unwrap_or_default().to_lowercase());
        let ok = match &case.expected {
            Some(value) => read_as.as_deref() == Some(value.to_lowercase().as_str()),
            None => {
                let setting_values = cases
                    .iter()
                    .filter(|c| c.key == case.key)
                    .filter_map(|c| c.expected.as_deref())
                    .map(str::to_lowercase)
                    .collect::<BTreeSet<_>>();
                read_as.is_none_or(|v| !setting_values.contains(&v))
            }
        };
        if !ok {
            problems.push(format!(
                "`{} = {}`: the catalogue says botocore reads it as {:?}; botocore: {answer}",
                case.key, case.value, case.expected
            ));
        }
    }
    problems.dedup();
    assert!(
        problems.is_empty(),
        "botocore reads these values otherwise than the catalogue says:\n  {}",
        problems.join("\n  ")
    );
    eprintln!(
        "botocore read {} values of {} settings as the catalogue says",
        cases.len(),
        probed.len()
    );
    assert!(probed.len() >= 10, "only {} settings probed", probed.len());
}

/// The booleans botocore reads: the catalogue (and `invalid-value`) says it takes `true` and
/// `false` in any case, and anything else as false, or raises
/// (`Setting::botocore_raises`).
#[test]
fn botocore_reads_booleans_as_the_catalogue_says() {
    let settings = knowledge::settings()
        .map(|s| (s.name.to_string(), s))
        .chain(knowledge::s3_settings().map(|s| (format!("s3.{}", s.name), s)));
    let mut cases = Vec::new();
    for (key, setting) in settings {
        if setting.kind != ValueKind::Bool || !read_by_botocore(setting) {
            continue;
        }
        for value in [
            "true", "false", "TRUE", "False", "yes", "no", "1", "0", "on",
        ] {
            // `None`: botocore raises.
            let expected = match knowledge::shapes::parse_bool(value) {
                Some(b) => Some(b.to_string()),
                None if setting.botocore_raises.is_some() => None,
                None => Some("false".to_string()),
            };
            cases.push(ValueCase {
                key: key.clone(),
                value: value.to_string(),
                expected,
            });
        }
    }
    let answers = botocore_enum_answers(&cases);
    let mut problems = BTreeSet::new();
    let mut probed = BTreeSet::new();
    for (case, answer) in cases.iter().zip(&answers) {
        if answer["result"] == "no probe" {
            problems.insert(format!(
                "`{}`: tests/botocore/values.py has no probe for it",
                case.key
            ));
            continue;
        }
        probed.insert(case.key.as_str());
        let ok = match &case.expected {
            Some(expected) => {
                answer["result"] == "accepted" && answer["as"].as_str() == Some(expected)
            }
            None => answer["result"] == "rejected",
        };
        if !ok {
            problems.insert(format!(
                "`{} = {}`: the catalogue says botocore takes it as {:?}; botocore: {answer}",
                case.key, case.value, case.expected
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "botocore reads these booleans otherwise than the catalogue says:\n  {}",
        problems.into_iter().collect::<Vec<_>>().join("\n  ")
    );
    eprintln!(
        "botocore read {} values of {} booleans as the catalogue says",
        cases.len(),
        probed.len()
    );
}

/// A value of the wrong kind in a profile: where the catalogue says botocore raises whenever
/// it creates a client (`Setting::botocore_raises`), an STS client with credentials in the
/// environment fails with that exception; for every other number and boolean botocore reads,
/// the client is built.
#[test]
fn botocore_fails_every_client_exactly_where_the_catalogue_says() {
    let settings: Vec<&Setting> = knowledge::settings()
        .filter(|s| read_by_botocore(s) && s.belongs_in(knowledge::Place::Profile))
        .filter(|s| matches!(s.kind, ValueKind::Bool | ValueKind::Integer { .. }))
        .collect();
    let answers = values_py(
        settings
            .iter()
            .map(|s| {
                let value = if s.kind == ValueKind::Bool {
                    "maybe"
                } else {
                    "20,"
                };
                serde_json::json!({"key": s.name, "value": value, "probe": "client"})
            })
            .collect(),
    );
    let problems: Vec<String> = settings
        .iter()
        .zip(&answers)
        .filter(|(setting, answer)| match setting.botocore_raises {
            Some(error) => answer["result"] != "rejected" || answer["error"] != error,
            None => answer["result"] != "accepted",
        })
        .map(|(setting, answer)| {
            format!(
                "`{}`: the catalogue says botocore raises {:?}; botocore: {answer}",
                setting.name, setting.botocore_raises
            )
        })
        .collect();
    assert!(
        problems.is_empty(),
        "botocore builds clients otherwise than the catalogue says:\n  {}",
        problems.join("\n  ")
    );
    eprintln!(
        "botocore fails every client for {} of {} numbers and booleans, as the catalogue says",
        settings
            .iter()
            .filter(|s| s.botocore_raises.is_some())
            .count(),
        settings.len()
    );
}
