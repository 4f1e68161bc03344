//! Helpers for rule tests: lint a config/credentials pair and look at what came out.

use super::{check, Code, Diagnostic, Host, LintContext, LintOptions};
use crate::machine::{CacheFile, GitStatus, LoginKey};
use crate::model::{FileKind, Input, Model};

/// 2026-01-01T00:00:00Z, the fixed "now" of rule tests.
pub const TEST_NOW: i64 = 1_767_225_600;

pub struct Run {
    pub model: Model,
    pub texts: [String; 2],
    pub diagnostics: Vec<Diagnostic>,
}

/// Lints `config` (file 0) and `credentials` (file 1) at [`TEST_NOW`], empty environment,
/// no disk.
pub fn lint(config: &str, credentials: &str) -> Run {
    lint_with(config, credentials, |_| {})
}

/// Like [`lint`], for files given as bytes that may not be UTF-8.
pub fn lint_decoded(config: &[u8], credentials: &[u8]) -> Run {
    let config = crate::text::DecodedText::from_bytes(config);
    let credentials = crate::text::DecodedText::from_bytes(credentials);
    let model = Model::build(&[
        Input::decoded(FileKind::Config, &config),
        Input::decoded(FileKind::Credentials, &credentials),
    ]);
    let diagnostics = {
        let mut cx = LintContext::new(&model, vec![&config.text, &credentials.text]);
        cx.now = Some(TEST_NOW);
        check(&cx, &LintOptions::default())
    };
    Run {
        model,
        texts: [config.text.clone(), credentials.text.clone()],
        diagnostics,
    }
}

/// Like [`lint`], letting the test change the context (time, environment, host).
pub fn lint_with(
    config: &str,
    credentials: &str,
    configure: impl FnOnce(&mut LintContext<'_>),
) -> Run {
    let model = Model::build(&[Input::config(config), Input::credentials(credentials)]);
    let diagnostics = {
        let mut cx = LintContext::new(&model, vec![config, credentials]);
        cx.now = Some(TEST_NOW);
        configure(&mut cx);
        check(&cx, &LintOptions::default())
    };
    Run {
        model,
        texts: [config.to_string(), credentials.to_string()],
        diagnostics,
    }
}

/// Like [`lint_with`], with a host and the files' paths (which outlive the context, unlike
/// what a `configure` closure could set).
pub fn lint_on(
    config: &str,
    credentials: &str,
    host: &dyn Host,
    paths: [Option<&str>; 2],
    configure: impl FnOnce(&mut LintContext<'_>),
) -> Run {
    let model = Model::build(&[Input::config(config), Input::credentials(credentials)]);
    let diagnostics = {
        let mut cx = LintContext::new(&model, vec![config, credentials]);
        cx.now = Some(TEST_NOW);
        cx.host = host;
        cx.paths = paths.to_vec();
        configure(&mut cx);
        check(&cx, &LintOptions::default())
    };
    Run {
        model,
        texts: [config.to_string(), credentials.to_string()],
        diagnostics,
    }
}

impl Run {
    /// The findings of one code as (file, one-based line, text under the span).
    pub fn found(&self, code: Code) -> Vec<(FileKind, usize, String)> {
        self.of(code)
            .into_iter()
            .map(|d| {
                let text = &self.texts[d.file];
                let line = text[..d.span.start.min(text.len())].matches('\n').count() + 1;
                (
                    self.model.files[d.file].kind,
                    line,
                    d.span.slice(text).to_string(),
                )
            })
            .collect()
    }

    pub fn of(&self, code: Code) -> Vec<&Diagnostic> {
        self.diagnostics.iter().filter(|d| d.code == code).collect()
    }

    /// The only diagnostic of `code`; panics (with all findings) when there is not exactly one.
    pub fn one(&self, code: Code) -> &Diagnostic {
        let found = self.of(code);
        assert_eq!(
            found.len(),
            1,
            "expected one {}: {:#?}",
            code.as_str(),
            self.diagnostics
        );
        found[0]
    }

    /// The codes found, in order, for tests that a clean file stays clean.
    pub fn codes(&self) -> Vec<&'static str> {
        self.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    /// The two texts after applying fix `index` of `diagnostic`.
    pub fn apply(&self, diagnostic: &Diagnostic, index: usize) -> [String; 2] {
        let mut texts = self.texts.clone();
        let mut edits = diagnostic.fixes[index].edits.clone();
        // Apply from the end so earlier spans stay valid.
        edits.sort_by_key(|e| std::cmp::Reverse((e.file, e.span.start)));
        for edit in edits {
            texts[edit.file].replace_range(edit.span.range(), &edit.new_text);
        }
        texts
    }
}

/// A host that answers from fixed lists, for `file-not-found` tests.
pub struct FakeHost {
    pub files: &'static [&'static str],
    pub programs: &'static [&'static str],
}

impl Host for FakeHost {
    fn file_exists(&self, path: &str) -> Option<bool> {
        Some(self.files.contains(&path))
    }
    fn program_on_path(&self, program: &str) -> Option<bool> {
        Some(self.programs.contains(&program))
    }
    fn sso_cache_file(&self, _: &str) -> Option<CacheFile> {
        None
    }
    fn file_mode(&self, _: &str) -> Option<u32> {
        None
    }
    fn git_status(&self, _: &str) -> Option<GitStatus> {
        None
    }
}

/// A machine for the rules that read the SSO token cache and ask about the files
/// themselves: cache files by the key they are for, and each analysed file's mode and git
/// status by path. What it is not told, it cannot tell.
#[derive(Default)]
pub struct FakeMachine {
    pub cache: Vec<(LoginKey, CacheFile)>,
    /// Cache files the host cannot read (`None`), by key.
    pub unreadable: Vec<LoginKey>,
    pub modes: Vec<(&'static str, u32)>,
    pub git: Vec<(&'static str, GitStatus)>,
}

impl FakeMachine {
    /// A cache file holding `text` for `key`.
    pub fn token(mut self, key: LoginKey, text: &str) -> Self {
        self.cache
            .push((key, CacheFile::Bytes(text.as_bytes().to_vec())));
        self
    }

    /// No cache file for `key`.
    pub fn no_token(mut self, key: LoginKey) -> Self {
        self.cache.push((key, CacheFile::Missing));
        self
    }
}

impl Host for FakeMachine {
    fn file_exists(&self, _: &str) -> Option<bool> {
        None
    }
    fn program_on_path(&self, _: &str) -> Option<bool> {
        None
    }
    fn sso_cache_file(&self, name: &str) -> Option<CacheFile> {
        if self.unreadable.iter().any(|key| key.file_name() == name) {
            return None;
        }
        Some(
            self.cache
                .iter()
                .find(|(key, _)| key.file_name() == name)
                .map_or(CacheFile::Missing, |(_, file)| file.clone()),
        )
    }
    fn file_mode(&self, path: &str) -> Option<u32> {
        self.modes.iter().find(|(p, _)| *p == path).map(|(_, m)| *m)
    }
    fn git_status(&self, path: &str) -> Option<GitStatus> {
        self.git.iter().find(|(p, _)| *p == path).map(|(_, g)| *g)
    }
}

/// A cache file for a token expiring at `expires_at` (seconds since the epoch), renewable
/// until `renewable_until` when given. The token values are obviously fake.
pub fn token_file(expires_at: i64, renewable_until: Option<i64>) -> String {
    let time = |at: i64| {
        let (y, m, d) = super::timestamp::civil_from_days(at.div_euclid(86_400));
        let rest = at.rem_euclid(86_400);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rest / 3600,
            rest % 3600 / 60,
            rest % 60
        )
    };
    let mut text = format!(
        "{{\"startUrl\": \"https://d-1234567890.awsapps.com/start\", \"region\": \"eu-west-1\", \"accessToken\": \"FAKE-ACCESS-TOKEN-0000\", \"expiresAt\": \"{}\"",
        time(expires_at)
    );
    if let Some(until) = renewable_until {
        text.push_str(&format!(
            ", \"clientId\": \"FAKE-CLIENT-ID\", \"clientSecret\": \"FAKE-CLIENT-SECRET-0000\", \"refreshToken\": \"FAKE-REFRESH-TOKEN-0000\", \"registrationExpiresAt\": \"{}\"",
            time(until)
        ));
    }
    text.push('}');
    text
}
