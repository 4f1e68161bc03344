//! The AWS SDK for Rust's own profile loader (`aws_config::profile::load`) on in-memory text,
//! called synchronously.
//!
//! `load` is `async` only for the file system: given the contents directly it never awaits
//! anything, so one poll with a no-op waker completes it and no runtime is needed.

pub use aws_config::profile::{Profile, ProfileFileLoadError, ProfileParseError, ProfileSet};
// `aws_config::profile::profile_file::{ProfileFiles, ProfileFileKind}` are deprecated aliases
// of these.
use aws_runtime::env_config::file::{
    EnvConfigFileKind as ProfileFileKind, EnvConfigFiles as ProfileFiles,
};
use aws_types::os_shim_internal::{Env, Fs};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Everything the loader needs, built once so that a benchmark times the load alone.
///
/// Note that the loader copies each file's contents (one `String` clone per file per load):
/// that copy is part of what it costs, so it stays in the measured work.
pub struct SdkLoader {
    fs: Fs,
    env: Env,
    files: ProfileFiles,
}

impl SdkLoader {
    /// A loader for these contents, config first as the SDK orders them. With neither file, an
    /// empty config file stands in (the SDK refuses an empty file set).
    pub fn new(config: Option<&str>, credentials: Option<&str>) -> SdkLoader {
        let mut files = ProfileFiles::builder();
        if let Some(config) = config {
            files = files.with_contents(ProfileFileKind::Config, config);
        }
        if let Some(credentials) = credentials {
            files = files.with_contents(ProfileFileKind::Credentials, credentials);
        }
        if config.is_none() && credentials.is_none() {
            files = files.with_contents(ProfileFileKind::Config, "");
        }
        SdkLoader {
            fs: Fs::from_slice(&[]),
            env: Env::from_slice(&[]),
            files: files.build(),
        }
    }

    pub fn load(&self) -> Result<ProfileSet, ProfileFileLoadError> {
        now_or_never(aws_config::profile::load(
            &self.fs,
            &self.env,
            &self.files,
            None,
        ))
        .expect("aws_config::profile::load awaited something on in-memory contents")
    }
}

/// Loads the files as the SDK does.
pub fn load(
    config: Option<&str>,
    credentials: Option<&str>,
) -> Result<ProfileSet, ProfileFileLoadError> {
    SdkLoader::new(config, credentials).load()
}

/// Polls `future` once: its output if it is ready, `None` if it would wait.
pub fn now_or_never<F: Future>(future: F) -> Option<F::Output> {
    let future = pin!(future);
    match future.poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(output) => Some(output),
        Poll::Pending => None,
    }
}

/// The line (zero-based, as the core reports it) and message of a parse error, read from the
/// error's text (`error parsing PATH on line N:\n  MESSAGE`): the SDK keeps both private.
pub fn parse_error_details(error: &ProfileFileLoadError) -> Option<(usize, String)> {
    let error = std::error::Error::source(error)?.downcast_ref::<ProfileParseError>()?;
    let text = error.to_string();
    let (head, message) = text.split_once(":\n")?;
    let line: usize = head.rsplit_once(" on line ")?.1.parse().ok()?;
    Some((line.checked_sub(1)?, message.trim_start().to_string()))
}
