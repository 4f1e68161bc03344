//! What the machine knows, read as the tools read it: the host ([`crate::lint::Host`])
//! answers with bytes and facts (a cache file, a file's mode, what git says), and this module
//! turns them into plain data that rules, hovers and inlay hints share. No I/O here.
//!
//! - [`sso_cache`]: the SSO token cache, keyed and read as the AWS SDK for Rust and botocore
//!   key and read it, and the state of each login at a given time;
//! - [`json`], [`sha1`]: just what reading the cache takes, without dependencies.

pub mod json;
pub mod sha1;
pub mod sso_cache;

pub use sso_cache::{CacheFile, LoginKey, LoginState, Logins, Reading};

/// What git says about a file ([`crate::lint::Host::git_status`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GitStatus {
    /// Not inside a git working tree.
    NotInRepository,
    /// In a working tree, and git ignores it (`git check-ignore`).
    Ignored,
    /// In a working tree, not ignored, not yet added: `git add .` would commit it.
    Untracked,
    /// Committed, or added to the index (`git ls-files`): it is in the repository.
    Tracked,
}
