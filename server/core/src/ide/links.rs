//! Document links: the web page and the files a profile names.
//!
//! - `sso_start_url`: the AWS access portal (an `http://` or `https://` URL);
//! - `web_identity_token_file`, `ca_bundle`, `proxy_ca_bundle`: the file, when it exists;
//! - `credential_process`: its program, when it exists (a path) or is found on `PATH` (a
//!   name), the program word found as the `file-not-found` rule finds it.
//!
//! The host answers where a file is (it expands `~/`; a relative path or a machine it cannot
//! look at gives no link). Values with quotes, invisible characters or shell syntax get no
//! link, as they get no `file-not-found` check.

use super::Files;
use crate::knowledge::shapes;
use crate::lint::rules::file_not_found::{is_checkable_path, is_program_path, program_of};
use crate::lint::Host;
use crate::model::SectionKind;
use crate::text::Span;

/// Keys whose value is a path to a file.
const FILE_KEYS: &[&str] = &["web_identity_token_file", "ca_bundle", "proxy_ca_bundle"];

/// Where a link goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkTarget {
    /// A web address, as written.
    Url(String),
    /// An absolute path on this machine, from the host.
    File(String),
}

/// A link on a span of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentLink {
    pub span: Span,
    pub target: LinkTarget,
    /// What following the link opens, for the editor's tooltip.
    pub tooltip: String,
}

/// The links of `file`, in file order. Each file or program is looked up once through `host`.
pub fn document_links(files: Files<'_>, file: usize, host: &dyn Host) -> Vec<DocumentLink> {
    let Some(model) = files.model.files.get(file) else {
        return Vec::new();
    };
    let text = files.texts[file];
    let mut out = Vec::new();
    for section in &model.sections {
        if !matches!(section.kind, SectionKind::Profile | SectionKind::SsoSession) {
            continue;
        }
        for entry in &section.properties {
            if entry.value_span.is_empty() || entry.last_line > entry.line {
                continue;
            }
            let value = entry.value_span.slice(text);
            let key = &*entry.key;
            if key == "sso_start_url" {
                if is_checkable_path(value) && shapes::check_url(value, false).is_ok() {
                    out.push(DocumentLink {
                        span: entry.value_span,
                        target: LinkTarget::Url(value.to_string()),
                        tooltip: "Open the AWS access portal".to_string(),
                    });
                }
            } else if FILE_KEYS.contains(&key) {
                if !is_checkable_path(value) {
                    continue;
                }
                if let Some(path) = host.existing_file(value) {
                    let what = if key == "web_identity_token_file" {
                        "the web identity token file"
                    } else {
                        "the CA certificate bundle"
                    };
                    out.push(DocumentLink {
                        span: entry.value_span,
                        target: LinkTarget::File(path),
                        tooltip: format!("Open {what}"),
                    });
                }
            } else if key == "credential_process" {
                let Some((program, span)) = program_of(entry.value_span, text) else {
                    continue;
                };
                let found = if is_program_path(&program) {
                    host.existing_file(&program)
                } else {
                    host.program_path(&program)
                };
                if let Some(path) = found {
                    out.push(DocumentLink {
                        span,
                        target: LinkTarget::File(path.clone()),
                        tooltip: format!("Open the program `credential_process` runs ({path})"),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ide::test_support::Fixture;

    /// Files and programs that exist, and where.
    struct Machine;

    impl Host for Machine {
        fn file_exists(&self, path: &str) -> Option<bool> {
            Some(self.existing_file(path).is_some())
        }
        fn program_on_path(&self, program: &str) -> Option<bool> {
            Some(self.program_path(program).is_some())
        }
        fn existing_file(&self, path: &str) -> Option<String> {
            match path {
                "/var/run/secrets/token" | "/opt/bin/creds" | "/opt/my tools/creds" => {
                    Some(path.to_string())
                }
                "~/certs/corp.pem" => Some("/home/me/certs/corp.pem".to_string()),
                _ => None,
            }
        }
        fn program_path(&self, program: &str) -> Option<String> {
            (program == "granted").then(|| "/usr/local/bin/granted".to_string())
        }
        fn sso_cache_file(&self, _: &str) -> Option<crate::machine::CacheFile> {
            None
        }
        fn file_mode(&self, _: &str) -> Option<u32> {
            None
        }
        fn git_status(&self, _: &str) -> Option<crate::machine::GitStatus> {
            None
        }
    }

    fn links(config: &'static str, host: &dyn Host) -> Vec<(String, LinkTarget)> {
        let f = Fixture::new(config, "");
        document_links(f.files(), 0, host)
            .into_iter()
            .map(|l| (l.span.slice(config).to_string(), l.target))
            .collect()
    }

    #[test]
    fn portal_files_and_programs() {
        let config = "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n[profile web]\nweb_identity_token_file = /var/run/secrets/token\nca_bundle = ~/certs/corp.pem\n[profile g]\ncredential_process = granted credential-process --profile g\n[profile p]\ncredential_process = \"/opt/my tools/creds\" --json\n[profile q]\ncredential_process = /opt/bin/creds\n";
        assert_eq!(
            links(config, &Machine),
            vec![
                (
                    "https://corp.awsapps.com/start".to_string(),
                    LinkTarget::Url("https://corp.awsapps.com/start".to_string())
                ),
                (
                    "/var/run/secrets/token".to_string(),
                    LinkTarget::File("/var/run/secrets/token".to_string())
                ),
                (
                    "~/certs/corp.pem".to_string(),
                    LinkTarget::File("/home/me/certs/corp.pem".to_string())
                ),
                (
                    "granted".to_string(),
                    LinkTarget::File("/usr/local/bin/granted".to_string())
                ),
                (
                    "\"/opt/my tools/creds\"".to_string(),
                    LinkTarget::File("/opt/my tools/creds".to_string())
                ),
                (
                    "/opt/bin/creds".to_string(),
                    LinkTarget::File("/opt/bin/creds".to_string())
                ),
            ]
        );
    }

    #[test]
    fn nothing_that_cannot_be_resolved() {
        let config = "[profile a]\nsso_start_url = corp.awsapps.com/start\nweb_identity_token_file = /nope\nca_bundle = \"~/certs/corp.pem\"\ncredential_process = $HOME/bin/creds\n[profile b]\ncredential_process = missing --x\n[profile c]\ncredential_process = 'open\n[default]\nsso_start_url = https://x.awsapps.com/start\n  continued\n";
        assert_eq!(links(config, &Machine), vec![]);
        // A host that cannot tell gives no file links.
        let config = "[profile web]\nweb_identity_token_file = /var/run/secrets/token\ncredential_process = granted\n";
        assert_eq!(links(config, &crate::lint::NoHost), vec![]);
    }
}
