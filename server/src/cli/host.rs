//! The real machine, for the rules that ask whether a file or a program exists.

use aws_config_lsp_core::lint::Host;
use std::path::{Path, PathBuf};

pub struct RealHost {
    home: Option<PathBuf>,
    path: Vec<PathBuf>,
}

impl RealHost {
    pub fn from_env() -> RealHost {
        RealHost {
            home: std::env::var_os("HOME").map(PathBuf::from),
            path: std::env::var_os("PATH")
                .map(|p| std::env::split_paths(&p).collect())
                .unwrap_or_default(),
        }
    }

    fn expand(&self, path: &str) -> Option<PathBuf> {
        match path.strip_prefix("~/") {
            Some(rest) => Some(self.home.as_ref()?.join(rest)),
            None => Some(PathBuf::from(path)),
        }
    }
}

impl Host for RealHost {
    fn file_exists(&self, path: &str) -> Option<bool> {
        // Relative paths depend on the working directory of whatever runs the SDK: unknown.
        let path = self.expand(path)?;
        path.is_absolute().then(|| path.exists())
    }

    fn program_on_path(&self, program: &str) -> Option<bool> {
        if self.path.is_empty() {
            return None;
        }
        Some(
            self.path
                .iter()
                .any(|dir| is_executable(&dir.join(program))),
        )
    }

    fn existing_file(&self, path: &str) -> Option<String> {
        let path = self.expand(path)?;
        (path.is_absolute() && path.is_file()).then(|| path.display().to_string())
    }

    fn program_path(&self, program: &str) -> Option<String> {
        self.path
            .iter()
            .map(|dir| dir.join(program))
            .find(|candidate| is_executable(candidate))
            .map(|found| found.display().to_string())
    }
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file() || path.with_extension("exe").is_file()
}
