//! The server's state: open documents, settings, and which files are analysed together.
//!
//! A document is always analysed with its partner (the config file beside a credentials file
//! and the other way round): the open buffer when the partner is open, else the file on disk.
//! Analysis itself happens outside the lock, on a snapshot of the texts.

use super::documents::Document;
use super::settings::Settings;
use aws_config_lsp_core::lint::{self, Diagnostic, Environment, Host, LintContext, LintOptions};
use aws_config_lsp_core::location::{self, Platform};
use aws_config_lsp_core::machine::Logins;
use aws_config_lsp_core::text::{ColumnEncoding, DecodedText, LineIndex};
use aws_config_lsp_core::{FileKind, Input, Model};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower_lsp_server::ls_types::Uri;

/// From this size on (both files together), the rules run on two threads.
const PARALLEL_LINT_BYTES: usize = 256 * 1024;

/// A partner file larger than this is not read: no real config file comes close.
const MAX_DISK_FILE: u64 = 64 * 1024 * 1024;

/// The files analysed together, by kind and identity (path, or URI for unsaved buffers).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct GroupKey(Vec<(FileKind, String)>);

pub struct Workspace {
    pub documents: HashMap<String, Document>,
    pub settings: Settings,
    pub options: LintOptions,
    pub encoding: ColumnEncoding,
    env: Environment,
    env_config: PathBuf,
    env_credentials: PathBuf,
    disk: HashMap<PathBuf, Option<Arc<str>>>,
    generations: HashMap<GroupKey, u64>,
    latest: HashMap<GroupKey, Arc<Analysis>>,
}

/// One file of a group, as it was when the snapshot was taken.
#[derive(Clone)]
pub struct Member<T = Arc<str>> {
    pub kind: FileKind,
    /// Set when the file is open in the editor.
    pub uri: Option<Uri>,
    pub path: Option<PathBuf>,
    pub text: T,
    pub version: Option<i32>,
}

/// The text of a member in a snapshot: an open document's rope, copied out only when the
/// analysis runs (an edit superseded before that costs no copy of a large file), or text
/// that is flat already (from disk, or an unchanged partner's from the last analysis).
pub enum Source {
    Rope(ropey::Rope),
    Flat(Arc<str>),
}

impl Source {
    fn flatten(self) -> Arc<str> {
        match self {
            Source::Rope(rope) => {
                let mut text = String::with_capacity(rope.len_bytes());
                for chunk in rope.chunks() {
                    text.push_str(chunk);
                }
                Arc::from(text)
            }
            Source::Flat(text) => text,
        }
    }
}

impl<T> Member<T> {
    /// The URI to use in locations and edits: the open document's, else the file's.
    pub fn location_uri(&self) -> Option<Uri> {
        self.uri
            .clone()
            .or_else(|| self.path.as_ref().and_then(Uri::from_file_path))
    }
}

/// The texts of a group at one moment, ready to analyse without the lock.
pub struct Snapshot {
    pub key: GroupKey,
    pub generation: u64,
    pub members: Vec<Member<Source>>,
    pub options: LintOptions,
    pub env: Environment,
    /// The previous analysis of the group, to drop off the async threads.
    pub stale: Option<Arc<Analysis>>,
}

/// The result of analysing a group.
pub struct Analysis {
    pub key: GroupKey,
    pub generation: u64,
    pub members: Vec<Member>,
    pub lines: Vec<LineIndex>,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    /// The cached SSO logins of the files' sso-sessions and legacy profiles, as read for this
    /// analysis (for hovers; their state is computed at the time asked).
    pub logins: Logins,
}

impl Analysis {
    pub fn texts(&self) -> Vec<&str> {
        self.members.iter().map(|m| &*m.text).collect()
    }

    /// The index of the member shown in the document `uri`.
    pub fn member_of(&self, uri: &Uri) -> Option<usize> {
        self.members
            .iter()
            .position(|m| m.uri.as_ref().is_some_and(|u| u.as_str() == uri.as_str()))
    }

    /// Whether the analysis still matches the open documents.
    pub fn is_current(&self, workspace: &Workspace) -> bool {
        self.members.iter().all(|m| match &m.uri {
            Some(uri) => workspace
                .documents
                .get(uri.as_str())
                .is_some_and(|d| Some(d.version) == m.version),
            None => m
                .path
                .as_ref()
                .is_none_or(|p| workspace.open_by_path(p).is_none()),
        })
    }
}

impl Workspace {
    pub fn new(env_vars: impl Iterator<Item = (String, String)>) -> Workspace {
        let vars: Vec<(String, String)> = env_vars.collect();
        let lookup = |name: &str| {
            vars.iter()
                .find(|(k, v)| k == name && !v.trim().is_empty())
                .map(|(_, v)| v.clone())
        };
        let locations = location::locate(lookup, Platform::current());
        Workspace {
            documents: HashMap::new(),
            settings: Settings::default(),
            options: LintOptions::default(),
            encoding: ColumnEncoding::Utf16,
            env: Environment::from_pairs(vars.iter().cloned()),
            env_config: PathBuf::from(locations.config),
            env_credentials: PathBuf::from(locations.credentials),
            disk: HashMap::new(),
            generations: HashMap::new(),
            latest: HashMap::new(),
        }
    }

    pub fn set_settings(&mut self, settings: Settings) -> Vec<String> {
        let (options, problems) = settings.lint_options();
        self.settings = settings;
        self.options = options;
        // Kinds may depend on the configured paths.
        let kinds: Vec<(String, FileKind)> = self
            .documents
            .values()
            .map(|d| {
                let text = d.rope.to_string();
                (
                    d.uri.as_str().to_string(),
                    self.kind_for(d.path.as_deref(), &d.language_id, &text),
                )
            })
            .collect();
        for (uri, kind) in kinds {
            if let Some(doc) = self.documents.get_mut(&uri) {
                doc.kind = kind;
            }
        }
        self.latest.clear();
        problems
    }

    /// The config and credentials paths in use (settings, else environment, else `~/.aws`).
    pub fn configured_paths(&self) -> impl Iterator<Item = &Path> {
        [self.config_path(), self.credentials_path()].into_iter()
    }

    fn config_path(&self) -> &Path {
        self.settings
            .config_file
            .as_deref()
            .unwrap_or(&self.env_config)
    }

    fn credentials_path(&self) -> &Path {
        self.settings
            .credentials_file
            .as_deref()
            .unwrap_or(&self.env_credentials)
    }

    /// Whether a document is a config or a credentials file: the client's language id wins,
    /// then the configured paths, then the file name, then the content.
    pub fn kind_for(&self, path: Option<&Path>, language_id: &str, text: &str) -> FileKind {
        match language_id {
            "aws-config" => return FileKind::Config,
            "aws-credentials" => return FileKind::Credentials,
            _ => {}
        }
        if let Some(path) = path {
            if path == self.credentials_path() {
                return FileKind::Credentials;
            }
            if path == self.config_path() {
                return FileKind::Config;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.contains("credentials") {
                return FileKind::Credentials;
            }
            let in_aws_folder = path
                .parent()
                .and_then(|p| p.file_name())
                .is_some_and(|n| n == ".aws");
            if name == "config" && in_aws_folder {
                return FileKind::Config;
            }
        }
        let prefixed = text.lines().any(|l| {
            let l = l.trim_start();
            l.starts_with("[profile ")
                || l.starts_with("[sso-session ")
                || l.starts_with("[services ")
        });
        if !prefixed && text.contains("aws_secret_access_key") {
            FileKind::Credentials
        } else {
            FileKind::Config
        }
    }

    /// The file analysed together with a file of `kind` at `path`.
    fn partner(&self, kind: FileKind, path: &Path) -> Option<PathBuf> {
        let (own, other, other_name) = match kind {
            FileKind::Config => (self.config_path(), self.credentials_path(), "credentials"),
            FileKind::Credentials => (self.credentials_path(), self.config_path(), "config"),
        };
        if path == own {
            return Some(other.to_path_buf());
        }
        Some(path.parent()?.join(other_name))
    }

    /// An open document's text for a snapshot: the flat text of the last analysis when the
    /// document has not changed since (a partner of the edited file), else its rope.
    fn source_of(&self, doc: &Document) -> Source {
        let analysed = self.latest.values().flat_map(|a| &a.members).find(|m| {
            m.version == Some(doc.version)
                && m.uri
                    .as_ref()
                    .is_some_and(|u| u.as_str() == doc.uri.as_str())
        });
        match analysed {
            Some(member) => Source::Flat(Arc::clone(&member.text)),
            None => Source::Rope(doc.rope.clone()),
        }
    }

    pub fn open_by_path(&self, path: &Path) -> Option<&Document> {
        self.documents
            .values()
            .find(|d| d.path.as_deref() == Some(path))
    }

    /// The text of a file that is not open, from a small cache of the disk.
    fn disk_text(&mut self, path: &Path) -> Option<Arc<str>> {
        if let Some(text) = self.disk.get(path) {
            return text.clone();
        }
        let text = match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() && meta.len() <= MAX_DISK_FILE => std::fs::read(path)
                .ok()
                .map(|bytes| Arc::from(DecodedText::from_bytes(&bytes).text.as_str())),
            Ok(meta) if meta.len() > MAX_DISK_FILE => {
                tracing::warn!(path = %path.display(), "partner file too large to read");
                None
            }
            _ => None,
        };
        self.disk.insert(path.to_path_buf(), text.clone());
        text
    }

    /// Forgets what was read from disk (a watched file changed, a document was closed).
    pub fn forget_disk(&mut self, path: Option<&Path>) {
        match path {
            Some(path) => {
                self.disk.remove(path);
            }
            None => self.disk.clear(),
        }
        self.latest.clear();
    }

    /// The texts of the group of the document `uri`, with a new generation when `bump` (an
    /// edit: older analyses of the group must not be published any more).
    pub fn snapshot(&mut self, uri: &str, bump: bool) -> Option<Snapshot> {
        let doc = self.documents.get(uri)?;
        let kind = doc.kind;
        let own = Member {
            kind,
            uri: Some(doc.uri.clone()),
            path: doc.path.clone(),
            text: self.source_of(doc),
            version: Some(doc.version),
        };
        let mut members = vec![own];
        if let Some(partner_path) = doc.path.clone().and_then(|p| self.partner(kind, &p)) {
            let partner_kind = match kind {
                FileKind::Config => FileKind::Credentials,
                FileKind::Credentials => FileKind::Config,
            };
            let member = match self.open_by_path(&partner_path) {
                Some(open) => Some(Member {
                    kind: partner_kind,
                    uri: Some(open.uri.clone()),
                    path: Some(partner_path.clone()),
                    text: self.source_of(open),
                    version: Some(open.version),
                }),
                None => self.disk_text(&partner_path).map(|text| Member {
                    kind: partner_kind,
                    uri: None,
                    path: Some(partner_path.clone()),
                    text: Source::Flat(text),
                    version: None,
                }),
            };
            members.extend(member);
        }
        // The SDKs load the config file first, then the credentials file.
        members.sort_by_key(|m| m.kind == FileKind::Credentials);
        let key = GroupKey(
            members
                .iter()
                .map(|m| {
                    let id = match (&m.path, &m.uri) {
                        (Some(path), _) => path.display().to_string(),
                        (None, Some(uri)) => uri.as_str().to_string(),
                        (None, None) => String::new(),
                    };
                    (m.kind, id)
                })
                .collect(),
        );
        let generation = self.generations.entry(key.clone()).or_insert(0);
        let mut stale = None;
        if bump {
            *generation += 1;
            // The kept analysis no longer matches: let it go now, so that two large models
            // are not alive at once, and drop it on the analysis thread, not here.
            stale = self.latest.remove(&key);
        }
        Some(Snapshot {
            key,
            generation: *generation,
            members,
            options: self.options.clone(),
            env: self.env.clone(),
            stale,
        })
    }

    /// Whether an analysis is still the newest for its group.
    pub fn is_latest(&self, analysis: &Analysis) -> bool {
        self.generations.get(&analysis.key) == Some(&analysis.generation)
    }

    /// Keeps an analysis for requests, if it is the newest of its group. Returns what it
    /// replaces, for the caller to drop off the async threads.
    pub fn remember(&mut self, analysis: Arc<Analysis>) -> Option<Arc<Analysis>> {
        if self.is_latest(&analysis) {
            self.latest.insert(analysis.key.clone(), analysis)
        } else {
            None
        }
    }

    /// The kept analysis of the document's group when it still matches the open documents
    /// and no edit came since. Found without copying any text: requests on a large file
    /// would otherwise copy it on every hover.
    pub fn current_analysis(&self, uri: &str) -> Option<Arc<Analysis>> {
        self.latest
            .values()
            .find(|a| {
                a.members
                    .iter()
                    .any(|m| m.uri.as_ref().is_some_and(|u| u.as_str() == uri))
                    && self.is_latest(a)
                    && a.is_current(self)
            })
            .cloned()
    }

    /// The URIs of every open document, for re-checking them all.
    pub fn open_uris(&self) -> Vec<String> {
        self.documents.keys().cloned().collect()
    }
}

/// Parses, builds the model and runs every rule. Pure apart from the host's file checks.
/// `None` when `stop` says so between two phases (a newer version superseded this one).
pub fn analyse(
    snapshot: Snapshot,
    now: i64,
    host: &(dyn Host + Sync),
    stop: &dyn Fn() -> bool,
) -> Option<Analysis> {
    let members: Vec<Member> = snapshot
        .members
        .into_iter()
        .map(|m| Member {
            kind: m.kind,
            uri: m.uri,
            path: m.path,
            text: m.text.flatten(),
            version: m.version,
        })
        .collect();
    if stop() {
        return None;
    }
    let inputs: Vec<Input> = members
        .iter()
        .map(|m| Input::new(m.kind, &m.text))
        .collect();
    // The model's names and values point into the snapshot's texts: no second copy.
    let shared: Vec<(FileKind, Arc<str>)> = members
        .iter()
        .map(|m| (m.kind, Arc::clone(&m.text)))
        .collect();
    let model = Model::build_shared(&shared);
    if stop() {
        return None;
    }
    let paths: Vec<Option<&str>> = members
        .iter()
        .map(|m| m.path.as_deref().and_then(Path::to_str))
        .collect();
    let context = || {
        let mut cx = LintContext::new(&model, inputs.iter().map(|i| i.text).collect());
        cx.now = Some(now);
        cx.env = snapshot.env.clone();
        cx.host = host;
        cx.paths = paths.clone();
        cx
    };
    // Large files run the rules in two halves on two threads (each with its own context and
    // caches): the result is the same, the wait shorter. Small ones are not worth a thread.
    let size: usize = inputs.iter().map(|i| i.text.len()).sum();
    let diagnostics = if size >= PARALLEL_LINT_BYTES {
        let (first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(|| lint::check_share(&context(), 1, 2));
            let first = lint::check_share(&context(), 0, 2);
            (first, other.join())
        });
        match second {
            Ok(mut second) => {
                second.extend(first);
                lint::finish(second, &snapshot.options)
            }
            // A panicking rule: run the whole set here, where the caller catches it.
            Err(_) => lint::check(&context(), &snapshot.options),
        }
    } else {
        lint::check(&context(), &snapshot.options)
    };
    if stop() {
        return None;
    }
    let logins = Logins::read(&model, |name| host.sso_cache_file(name));
    let lines = members.iter().map(|m| LineIndex::new(&m.text)).collect();
    Some(Analysis {
        key: snapshot.key,
        generation: snapshot.generation,
        members,
        lines,
        model,
        diagnostics,
        logins,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> Workspace {
        Workspace::new(
            [
                ("HOME".to_string(), "/home/u".to_string()),
                (
                    "AWS_SHARED_CREDENTIALS_FILE".to_string(),
                    "/etc/aws/creds.ini".to_string(),
                ),
            ]
            .into_iter(),
        )
    }

    #[test]
    fn kind_from_language_id_paths_names_and_content() {
        let w = workspace();
        let kind =
            |path: Option<&str>, id: &str, text: &str| w.kind_for(path.map(Path::new), id, text);
        assert_eq!(
            kind(Some("/x/config"), "aws-credentials", ""),
            FileKind::Credentials
        );
        assert_eq!(
            kind(Some("/etc/aws/creds.ini"), "ini", ""),
            FileKind::Credentials
        );
        assert_eq!(kind(Some("/home/u/.aws/config"), "", ""), FileKind::Config);
        assert_eq!(kind(Some("/p/credentials"), "", ""), FileKind::Credentials);
        assert_eq!(
            kind(None, "", "[x]\naws_secret_access_key = y\n"),
            FileKind::Credentials
        );
        assert_eq!(
            kind(None, "", "[profile x]\nregion = y\n"),
            FileKind::Config
        );
    }

    #[test]
    fn partners_are_siblings_or_the_configured_pair() {
        let w = workspace();
        assert_eq!(
            w.partner(FileKind::Config, Path::new("/p/.aws/config")),
            Some(PathBuf::from("/p/.aws/credentials"))
        );
        assert_eq!(
            w.partner(FileKind::Credentials, Path::new("/etc/aws/creds.ini")),
            Some(PathBuf::from("/home/u/.aws/config"))
        );
    }
}
