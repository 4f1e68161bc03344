//! The real machine, for the rules that ask about it: whether a file or a program exists, the
//! SSO token cache, a file's mode, what git says about a file. Every answer is bounded in time
//! and size; when it cannot be had, the answer is "cannot tell" (`None`) and the rules stay
//! silent. Nothing here logs what it reads.

use aws_config_lsp_core::lint::Host;
use aws_config_lsp_core::machine::sso_cache::MAX_CACHE_FILE_BYTES;
use aws_config_lsp_core::machine::{CacheFile, GitStatus};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct RealHost {
    home: Option<PathBuf>,
    path: Vec<PathBuf>,
}

/// How long one `git` command may take before it is stopped and the answer is "cannot tell".
const GIT_TIMEOUT: Duration = Duration::from_secs(3);

impl RealHost {
    pub fn from_env() -> RealHost {
        RealHost {
            home: std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(PathBuf::from),
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

    fn sso_cache_file(&self, name: &str) -> Option<CacheFile> {
        // The core asks for `<sha1 hex>.json`: never a path.
        if name.is_empty() || name.contains(['/', '\\']) || name.starts_with('.') {
            return None;
        }
        // `~` as the SDKs and botocore expand it on Unix: `HOME`.
        let path = self.home.as_ref()?.join(".aws/sso/cache").join(name);
        read_regular_file(&path, MAX_CACHE_FILE_BYTES)
    }

    fn file_mode(&self, path: &str) -> Option<u32> {
        file_mode(Path::new(path))
    }

    fn git_status(&self, path: &str) -> Option<GitStatus> {
        // Where the text really lives: a `~/.aws/credentials` linked into a dotfiles
        // repository is in that repository.
        let real = std::fs::canonicalize(path).ok()?;
        let dir = real.parent()?;
        let name = real.file_name()?;
        if !dir.ancestors().any(|d| d.join(".git").exists()) {
            return Some(GitStatus::NotInRepository);
        }
        if self.program_on_path(git_program()) != Some(true) {
            return None;
        }
        // Tracked first: git check-ignore says nothing about tracked files.
        let tracked = run_git(
            dir,
            &["--literal-pathspecs", "ls-files", "--error-unmatch", "--"],
            name,
        )?;
        match tracked {
            0 => return Some(GitStatus::Tracked),
            1 => {}
            _ => return None,
        }
        match run_git(dir, &["check-ignore", "-q", "--"], name)? {
            0 => Some(GitStatus::Ignored),
            1 => Some(GitStatus::Untracked),
            _ => None,
        }
    }
}

/// The bytes of a regular file of at most `limit` bytes: `Missing` when there is none,
/// `None` for anything else (a directory, a FIFO, which would block, a larger file, an
/// error).
fn read_regular_file(path: &Path, limit: usize) -> Option<CacheFile> {
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Some(CacheFile::Missing)
        }
        Err(_) => return None,
    };
    if !metadata.is_file() || metadata.len() > limit as u64 {
        return None;
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path)
        .ok()?
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .ok()?;
    (bytes.len() <= limit).then_some(CacheFile::Bytes(bytes))
}

#[cfg(unix)]
fn file_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::metadata(path).ok()?.permissions().mode() & 0o7777)
}

#[cfg(not(unix))]
fn file_mode(_: &Path) -> Option<u32> {
    None
}

fn git_program() -> &'static str {
    if cfg!(windows) {
        "git.exe"
    } else {
        "git"
    }
}

/// Runs `git -C dir ARGS name` with nothing inherited that points git elsewhere, and returns
/// its exit code; `None` when it cannot start, is killed, or runs past [`GIT_TIMEOUT`].
/// (`git check-ignore` takes paths as they are; `ls-files` is given `--literal-pathspecs`.)
fn run_git(dir: &Path, args: &[&str], name: &std::ffi::OsStr) -> Option<i32> {
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(args)
        .arg(name)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // A pre-commit hook, or a shell inside another repository, may set these: they would
    // make git answer about another repository than the file's.
    for variable in [
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_COMMON_DIR",
        "GIT_OBJECT_DIRECTORY",
        "GIT_NAMESPACE",
        "GIT_PREFIX",
    ] {
        command.env_remove(variable);
    }
    command
        .env("GIT_OPTIONAL_LOCKS", "0")
        .env("GIT_TERMINAL_PROMPT", "0");
    let mut child = command.spawn().ok()?;
    let deadline = Instant::now() + GIT_TIMEOUT;
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.code(),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(50));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
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

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("aws-config-lsp-host-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn host(home: &Path) -> RealHost {
        RealHost {
            home: Some(home.to_path_buf()),
            path: RealHost::from_env().path,
        }
    }

    #[test]
    fn cache_files_missing_present_and_not_regular() {
        let home = temp("cache");
        let cache = home.join(".aws/sso/cache");
        std::fs::create_dir_all(&cache).unwrap();
        let host = host(&home);
        assert_eq!(host.sso_cache_file("abc.json"), Some(CacheFile::Missing));
        std::fs::write(cache.join("abc.json"), b"{}").unwrap();
        assert_eq!(
            host.sso_cache_file("abc.json"),
            Some(CacheFile::Bytes(b"{}".to_vec()))
        );
        std::fs::create_dir(cache.join("dir.json")).unwrap();
        assert_eq!(host.sso_cache_file("dir.json"), None);
        // A FIFO is never opened (it would block).
        let fifo = cache.join("fifo.json");
        let made = Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(host.sso_cache_file("fifo.json"), None);
        }
        std::fs::write(cache.join("big.json"), vec![b' '; MAX_CACHE_FILE_BYTES + 1]).unwrap();
        assert_eq!(host.sso_cache_file("big.json"), None);
        for name in ["../x.json", "", ".hidden", "a/b"] {
            assert_eq!(host.sso_cache_file(name), None, "{name}");
        }
        let nowhere = RealHost {
            home: None,
            path: Vec::new(),
        };
        assert_eq!(nowhere.sso_cache_file("abc.json"), None);
        std::fs::remove_dir_all(&home).unwrap();
    }

    #[test]
    fn modes() {
        use std::os::unix::fs::PermissionsExt;
        let dir = temp("modes");
        let file = dir.join("credentials");
        std::fs::write(&file, "").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let host = host(&dir);
        assert_eq!(host.file_mode(file.to_str().unwrap()), Some(0o640));
        assert_eq!(host.file_mode(dir.join("none").to_str().unwrap()), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn git_outside_a_working_tree() {
        let dir = temp("nogit");
        let file = dir.join("credentials");
        std::fs::write(&file, "").unwrap();
        // The temporary directory is not inside a working tree on any sane machine; if it
        // is, git answers and the assertion is skipped.
        let host = host(&dir);
        if !dir.ancestors().any(|d| d.join(".git").exists()) {
            assert_eq!(
                host.git_status(file.to_str().unwrap()),
                Some(GitStatus::NotInRepository)
            );
        }
        assert_eq!(host.git_status(dir.join("none").to_str().unwrap()), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
