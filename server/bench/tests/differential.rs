//! Our SDK view must be the AWS SDK for Rust's: the same inputs go through our core
//! (`Model::build`) and through `aws_config::profile::load`, and everything the SDK exposes must
//! match:
//!
//! - the SDK refuses the files exactly when `load_error()` is `Some`, and then on the same line
//!   with the same message;
//! - otherwise the same profile names and sso-session names, and for each of them the same value
//!   for every key. The SDK's `Profile` has `get` but no iteration, so the keys probed are ours
//!   plus every candidate in the raw text (each line's text before its first `=`, trimmed of
//!   spaces and tabs, lower-cased);
//! - and the same `[services NAME]` sub-properties (the SDK's `other_sections`, where it reads
//!   `services` endpoint settings from), probed the same way.
//!
//! One documented difference is tolerated: when one file names a section twice with headers
//! that differ only in spacing (`[profile a]`, `[profile  a]`), the SDK merges the two in
//! hash-map order, so for those sections any value one of them gives is accepted.
//! `services_sub_property_regressions` keeps the minimal inputs of the disagreements found so
//! far (both fixed in the core).
//!
//! Inputs: generated files at several sizes and seeds, every `*config*` / `*credentials*` file
//! under `fixtures/` (none is fine), the config files of the SDK's own scenario fixtures in
//! `shared/conformance/aws-sdk/`, and the 65 cases of its `profile-parser-tests.json`. The SDK's
//! files are third-party data beside the repository: without them those cases are skipped, and
//! said so, unless `AWS_CONFIG_LSP_CONFORMANCE` is set (`tests/support/conformance.rs`).

#[path = "../../../tests/support/conformance.rs"]
mod conformance;

use aws_config_lsp_bench::sdk::{self, ProfileFileLoadError, ProfileSet};
use aws_config_lsp_bench::{generate_config_seeded, generate_credentials_seeded, DEFAULT_SEED};
use aws_config_lsp_core::model::{
    FileKind, FileModel, Input, Model, Section, SectionKind, SectionStatus, SERVICES_PREFIX,
};
use aws_runtime::env_config::property::PropertiesKey;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

struct Case {
    name: String,
    config: Option<String>,
    credentials: Option<String>,
}

impl Case {
    fn new(name: impl Into<String>, config: Option<&str>, credentials: Option<&str>) -> Case {
        Case {
            name: name.into(),
            config: config.map(str::to_string),
            credentials: credentials.map(str::to_string),
        }
    }

    fn texts(&self) -> impl Iterator<Item = &str> {
        self.config
            .iter()
            .chain(&self.credentials)
            .map(|name| name.as_str())
    }

    fn model(&self) -> Model {
        let mut inputs = Vec::new();
        if let Some(text) = &self.config {
            inputs.push(Input::config(text));
        }
        if let Some(text) = &self.credentials {
            inputs.push(Input::credentials(text));
        }
        Model::build(&inputs)
    }
}

/// Every disagreement between the two on `case`, as readable lines (empty when they agree).
fn disagreements(case: &Case) -> Vec<String> {
    let sdk = sdk::load(case.config.as_deref(), case.credentials.as_deref());
    compare(case, &case.model(), sdk)
}

/// Compares our model with the SDK's result; `case` gives the raw text the candidate keys are
/// read from.
fn compare(
    case: &Case,
    model: &Model,
    sdk: Result<ProfileSet, ProfileFileLoadError>,
) -> Vec<String> {
    let mut out = Vec::new();
    let sdk = match (sdk, model.load_error()) {
        (Ok(set), None) => set,
        (Err(error), Some(ours)) => {
            let theirs = sdk::parse_error_details(&error);
            let ours_details = (ours.error.line, ours.error.kind.sdk_message().to_string());
            if theirs.as_ref() != Some(&ours_details) {
                out.push(format!(
                    "both refuse the files, differently: aws-config {theirs:?} ({error:?}), ours {ours_details:?} ({ours:?})"
                ));
            }
            return out;
        }
        (Err(error), None) => {
            out.push(format!(
                "aws-config refuses the files ({:?}: {error:?}), we load them",
                sdk::parse_error_details(&error)
            ));
            return out;
        }
        (Ok(_), Some(ours)) => {
            out.push(format!(
                "we refuse the files ({ours:?}), aws-config loads them"
            ));
            return out;
        }
    };

    let candidates = candidate_keys(case);
    let merges = HashOrderMerges::new(model);
    compare_sections(
        &mut out,
        (SectionKind::Profile, &merges),
        &model.profiles.profiles,
        sdk.profiles().collect(),
        |name, key| sdk.get_profile(name).and_then(|p| p.get(key)),
        &candidates,
    );
    compare_sections(
        &mut out,
        (SectionKind::SsoSession, &merges),
        &model.profiles.sso_sessions,
        sdk.sso_sessions().collect(),
        |name, key| sdk.sso_session(name).and_then(|s| s.get(key)),
        &candidates,
    );
    compare_services(&mut out, case, model, &sdk, &merges);
    out
}

/// Sections the SDK merges in hash-map order: within one file, the same section named by
/// headers that differ in spacing (`[profile a]`, `[profile  a]`). Which of their values wins
/// is unspecified there (the core documents this difference), so any value one of those
/// sections gives is accepted for them, and only for them.
struct HashOrderMerges<'m> {
    model: &'m Model,
    names: BTreeSet<(u8, &'m str)>,
}

impl<'m> HashOrderMerges<'m> {
    fn new(model: &'m Model) -> HashOrderMerges<'m> {
        let mut names = BTreeSet::new();
        for file in &model.files {
            let mut raw_keys: BTreeMap<(u8, &str), BTreeSet<&str>> = BTreeMap::new();
            for section in used_sections(std::slice::from_ref(file)) {
                raw_keys
                    .entry((kind_key(section.kind), &section.name))
                    .or_default()
                    .insert(&section.raw_key);
            }
            names.extend(
                raw_keys
                    .into_iter()
                    .filter(|(_, keys)| keys.len() > 1)
                    .map(|(k, _)| k),
            );
        }
        HashOrderMerges { model, names }
    }

    fn sections(&self, kind: SectionKind, name: &str) -> impl Iterator<Item = &'m Section> + '_ {
        let name = name.to_string();
        used_sections(&self.model.files).filter(move |s| s.kind == kind && s.name == name)
    }

    /// Whether `theirs` may be the SDK's value of `key` because of a hash-order merge.
    fn allows(&self, kind: SectionKind, name: &str, key: &str, theirs: Option<&str>) -> bool {
        self.names.contains(&(kind_key(kind), name))
            && self.sections(kind, name).any(|section| {
                section
                    .properties
                    .iter()
                    .any(|p| p.valid_key && p.key == key && Some(p.value.as_str()) == theirs)
            })
    }

    /// The same for a services sub-property (where the SDK merges sub-property by sub-property).
    fn allows_sub(&self, name: &str, key: &str, sub: &str, theirs: Option<&str>) -> bool {
        self.names
            .contains(&(kind_key(SectionKind::Services), name))
            && self.sections(SectionKind::Services, name).any(|section| {
                section.properties.iter().filter(|p| p.key == key).any(|p| {
                    p.sub_properties
                        .iter()
                        .any(|s| s.key == sub && Some(s.value.as_str()) == theirs)
                })
            })
    }
}

/// An ordered key for a section kind (`SectionKind` has no `Ord`).
fn kind_key(kind: SectionKind) -> u8 {
    match kind {
        SectionKind::Profile => 0,
        SectionKind::SsoSession => 1,
        SectionKind::Services => 2,
        _ => 3,
    }
}

fn used_sections(files: &[FileModel]) -> impl Iterator<Item = &Section> {
    files
        .iter()
        .flat_map(|f| &f.sections)
        .filter(|s| s.status == SectionStatus::Used)
}

/// For each line, the text before the first `=`, trimmed of spaces and tabs: as written (for
/// sub-property names, which the SDK keeps as they are) and lower-cased (for property keys).
struct Candidates {
    lower: BTreeSet<String>,
    raw: BTreeSet<String>,
}

fn candidate_keys(case: &Case) -> Candidates {
    let mut raw = BTreeSet::new();
    for text in case.texts() {
        for line in text.lines() {
            if let Some((before, _)) = line.split_once('=') {
                raw.insert(before.trim_matches([' ', '\t']).to_string());
            }
        }
    }
    let lower = raw.iter().map(|k| k.to_ascii_lowercase()).collect();
    Candidates { lower, raw }
}

fn compare_sections<'a>(
    out: &mut Vec<String>,
    (kind, merges): (SectionKind, &HashOrderMerges<'_>),
    ours: &aws_config_lsp_core::model::Sections,
    theirs: BTreeSet<&'a str>,
    get: impl Fn(&str, &str) -> Option<&'a str>,
    candidates: &Candidates,
) {
    let what = match kind {
        SectionKind::SsoSession => "sso-session",
        _ => "profile",
    };
    let our_names: BTreeSet<&str> = ours.keys().map(|name| name.as_str()).collect();
    if our_names != theirs {
        out.push(format!(
            "{what} names differ: only ours {:?}, only aws-config's {:?}",
            our_names.difference(&theirs).collect::<Vec<_>>(),
            theirs.difference(&our_names).collect::<Vec<_>>()
        ));
    }
    for (name, profile) in ours {
        if !theirs.contains(name.as_str()) {
            continue;
        }
        let keys = profile
            .properties
            .keys()
            .map(|key| &**key)
            .chain(candidates.lower.iter().map(|name| name.as_str()));
        for key in keys.collect::<BTreeSet<_>>() {
            let (a, b) = (profile.get(key), get(name, key));
            if a != b && !merges.allows(kind, name, key, b) {
                out.push(format!(
                    "{what} {name:?} key {key:?}: ours {a:?}, aws-config {b:?}"
                ));
            }
        }
    }
}

/// `[services NAME]` sub-properties: ours from the winning entry of each property, theirs from
/// `other_sections`.
fn compare_services(
    out: &mut Vec<String>,
    case: &Case,
    model: &Model,
    sdk: &ProfileSet,
    merges: &HashOrderMerges<'_>,
) {
    let mut ours: BTreeMap<(&str, &str, &str), &str> = BTreeMap::new();
    for (name, section) in &model.profiles.services {
        for (key, value) in &section.properties {
            let Some((_, _, entry)) = value.origin.and_then(|origin| model.entry(origin)) else {
                out.push(format!("services {name:?} key {key:?}: no origin"));
                continue;
            };
            for sub in &entry.sub_properties {
                ours.insert((name, key, &sub.key), &sub.value);
            }
        }
    }
    let candidates = candidate_keys(case);
    let mut names: BTreeSet<String> = model
        .profiles
        .services
        .keys()
        .map(|name| name.to_string())
        .collect();
    names.extend(case.texts().flat_map(services_names));
    let mut probes: BTreeSet<(&str, &str, &str)> = ours.keys().copied().collect();
    for name in &names {
        for key in &candidates.lower {
            for sub in &candidates.raw {
                probes.insert((name, key, sub));
            }
        }
    }
    for (name, key, sub) in probes {
        let probe = PropertiesKey::builder()
            .section_key(SERVICES_PREFIX)
            .section_name(name)
            .property_name(key)
            .sub_property_name(sub)
            .build()
            .expect("every part is set");
        let theirs = sdk.other_sections().get(&probe).map(|name| name.as_str());
        let mine = ours.get(&(name, key, sub)).copied();
        if mine != theirs && !merges.allows_sub(name, key, sub, theirs) {
            out.push(format!(
                "services {name:?} {key:?}.{sub:?}: ours {mine:?}, aws-config {theirs:?}"
            ));
        }
    }
}

/// Names of `[services NAME]` headers, read loosely.
fn services_names(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let inner = line.trim_matches([' ', '\t']).strip_prefix('[')?;
            let inner = &inner[..inner.find(']')?];
            let (prefix, name) = inner.trim_matches([' ', '\t']).split_once([' ', '\t'])?;
            (prefix.trim() == SERVICES_PREFIX).then(|| name.trim().to_string())
        })
        .collect()
}

/// Runs every case, and fails with every disagreement found.
fn check_all(cases: &[Case]) {
    let mut report = String::new();
    let mut failed = 0;
    for case in cases {
        let found = disagreements(case);
        if found.is_empty() {
            continue;
        }
        failed += 1;
        let _ = writeln!(report, "--- {} ({} disagreements)", case.name, found.len());
        for line in found.iter().take(20) {
            let _ = writeln!(report, "  {line}");
        }
        for (label, text) in [("config", &case.config), ("credentials", &case.credentials)] {
            if let Some(text) = text.as_ref().filter(|t| t.len() <= 2000) {
                let _ = writeln!(report, "  {label}: {text:?}");
            }
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} cases disagree with aws-config:\n{report}",
        cases.len()
    );
}

fn to_crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

#[test]
fn generated_files_match_aws_config() {
    let mut cases = Vec::new();
    for (profiles, seed) in [
        (0, DEFAULT_SEED),
        (1, DEFAULT_SEED),
        (2, DEFAULT_SEED),
        (10, DEFAULT_SEED),
        (10, 1),
        (50, DEFAULT_SEED),
        (50, 2),
        (50, 3),
        (200, 4),
        (1000, DEFAULT_SEED),
        (1000, 5),
    ] {
        let config = generate_config_seeded(profiles, seed);
        let credentials = generate_credentials_seeded(profiles, seed);
        let name = format!("generated {profiles} profiles, seed {seed:#x}");
        cases.push(Case::new(format!("{name}: config"), Some(&config), None));
        cases.push(Case::new(
            format!("{name}: credentials"),
            None,
            Some(&credentials),
        ));
        cases.push(Case::new(
            format!("{name}: both"),
            Some(&config),
            Some(&credentials),
        ));
        if profiles == 50 && seed == DEFAULT_SEED {
            cases.push(Case::new(
                format!("{name}: both, CRLF"),
                Some(&to_crlf(&config)),
                Some(&to_crlf(&credentials)),
            ));
        }
    }
    check_all(&cases);
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files_under(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, found);
        } else {
            found.push(path);
        }
    }
}

fn kind_of(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.contains("credentials") {
        Some(FileKind::Credentials)
    } else if name.contains("config") {
        Some(FileKind::Config)
    } else {
        None
    }
}

/// Each config or credentials file alone, and each config file with the credentials file of
/// the same name (`config` → `credentials`) beside it.
fn file_cases(root: &Path, files: &[PathBuf]) -> Vec<Case> {
    let mut cases = Vec::new();
    let read = |path: &Path| match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => Some(text),
        // Bytes that are not UTF-8 never reach the parser: the SDK reads such a file as empty.
        _ => None,
    };
    for path in files {
        let Some(kind) = kind_of(path) else { continue };
        let Some(text) = read(path) else { continue };
        let label = path
            .strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string();
        match kind {
            FileKind::Config => {
                cases.push(Case::new(&label, Some(&text), None));
                let file_name = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or_default();
                let partner = path.with_file_name(file_name.replace("config", "credentials"));
                if partner != *path {
                    if let Some(credentials) = partner.is_file().then(|| read(&partner)).flatten() {
                        cases.push(Case::new(
                            format!("{label} + credentials"),
                            Some(&text),
                            Some(&credentials),
                        ));
                    }
                }
            }
            FileKind::Credentials => cases.push(Case::new(&label, None, Some(&text))),
        }
    }
    cases
}

#[test]
fn fixture_files_match_aws_config() {
    let mut files = Vec::new();
    files_under(&repo_root().join("fixtures"), &mut files);
    let mut cases = file_cases(&repo_root(), &files);
    // The SDK's own end-to-end scenarios carry real-looking ~/.aws files too.
    if let Some(shared) = conformance::suite("aws-sdk") {
        let mut scenario_files = Vec::new();
        for suite in [
            "profile-provider",
            "default-credential-provider-chain",
            "default-token-provider-chain",
        ] {
            files_under(&shared.join(suite), &mut scenario_files);
        }
        scenario_files.retain(|p| {
            p.parent()
                .and_then(Path::file_name)
                .is_some_and(|d| d == ".aws")
        });
        cases.extend(file_cases(&shared, &scenario_files));
    }
    eprintln!(
        "{} fixture cases ({} from fixtures/)",
        cases.len(),
        files.len()
    );
    check_all(&cases);
}

#[test]
fn sdk_parser_vectors_match_aws_config() {
    let Some(dir) = conformance::suite("aws-sdk") else {
        return;
    };
    let path = dir.join("profile-parser-tests.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the AWS SDK parser test vectors must be at {}: {e}",
            path.display()
        )
    });
    let suite: serde_json::Value = serde_json::from_str(&text).expect("the vectors are JSON");
    let tests = suite["tests"].as_array().expect("a `tests` array");
    assert_eq!(tests.len(), 65, "the suite has 65 cases");
    let cases: Vec<Case> = tests
        .iter()
        .map(|test| {
            Case::new(
                test["name"].as_str().expect("a name"),
                test["input"]["configFile"].as_str(),
                test["input"]["credentialsFile"].as_str(),
            )
        })
        .collect();
    check_all(&cases);
}

/// The comparison itself must see a difference when there is one: our model of one text
/// against the SDK's load of another.
#[test]
fn the_comparison_notices_differences() {
    let differences = |ours: &str, theirs: &str| {
        let case = Case::new("", Some(&format!("{ours}\n{theirs}")), None);
        let model = Case::new("", Some(ours), None).model();
        compare(&case, &model, sdk::load(Some(theirs), None))
    };
    let same = "[profile a]\nregion = x\n[services s]\ns3 =\n  endpoint_url = u\n";
    assert_eq!(differences(same, same), Vec::<String>::new());
    for theirs in [
        "[profile a]\nregion = y\n[services s]\ns3 =\n  endpoint_url = u\n",
        "[profile a]\nregion = x\nREGION2 = x\n[services s]\ns3 =\n  endpoint_url = u\n",
        "[profile b]\nregion = x\n[services s]\ns3 =\n  endpoint_url = u\n",
        "[profile a]\nregion = x\n[sso-session a]\n[services s]\ns3 =\n  endpoint_url = u\n",
        "[profile a]\nregion = x\n[services s]\ns3 =\n  endpoint_url = v\n",
        "[profile a]\nregion = x\n[services s]\ns3 =\n  Endpoint_url = u\n",
        "[profile a]\nregion = x\n[services s]\ns3 =\n  endpoint_url u\n",
        "[profile a]\nregion\n",
    ] {
        assert_ne!(
            differences(same, theirs),
            Vec::<String>::new(),
            "{theirs:?}"
        );
    }
    // Both refuse, on different lines.
    assert_ne!(
        differences("[profile a]\nnope\n", "[profile a]\n\nnope\n"),
        Vec::<String>::new()
    );
    assert_eq!(
        differences("[profile a]\nnope\n", "[profile a]\nnope\n"),
        Vec::<String>::new()
    );
}

/// Disagreements found by randomised exploration beyond the inputs above, minimal inputs: bugs
/// in the core's services sub-properties (`PropertyEntry::sub_properties`, which is what the
/// SDK reads `services` endpoint settings from), now fixed.
#[test]
fn services_sub_property_regressions() {
    check_all(&[
        // The SDK keeps ` # local` in the value (its sub-property parser strips no comment),
        // so the endpoint it uses is `http://localhost:9000 # local`; ours drops the comment.
        Case::new(
            "inline comment in a sub-property",
            Some("[services x]\ns3 =\n  endpoint_url = http://localhost:9000 # local\n"),
            None,
        ),
        // The SDK reads `key = value` continuation lines as sub-properties under any property
        // of a services section, not only under an empty-valued one.
        Case::new(
            "a sub-property on the key's own line",
            Some("[services x]\ns3 = endpoint_url=http://x\n"),
            None,
        ),
        Case::new(
            "a sub-property with an empty name",
            Some("[services x]\ns3 = v\n  = foo\n"),
            None,
        ),
        Case::new(
            "sub-property under a non-empty value",
            Some("[services x]\ns3 = y\n  endpoint_url = http://localhost:9000\n"),
            None,
        ),
    ]);
}
