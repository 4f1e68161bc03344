//! Which files a command reads, and reading them.

use aws_config_lsp_core::location::{locate, Platform};
use aws_config_lsp_core::text::{ColumnEncoding, DecodedText, LineIndex};
use aws_config_lsp_core::FileKind;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug, Clone)]
pub struct FileArgs {
    /// The config file to read (default: AWS_CONFIG_FILE, else ~/.aws/config).
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The credentials file to read (default: AWS_SHARED_CREDENTIALS_FILE, else ~/.aws/credentials).
    #[arg(long, value_name = "PATH")]
    pub credentials: Option<PathBuf>,
}

/// A file as read from disk.
pub struct SourceFile {
    pub kind: FileKind,
    pub path: PathBuf,
    pub decoded: DecodedText,
    /// False for a default location that does not exist (the SDKs read it as empty).
    pub exists: bool,
}

impl SourceFile {
    /// Where the first invalid UTF-8 byte is, as `line:column` (one-based), if any.
    pub fn first_invalid_utf8(&self) -> Option<String> {
        let span = self.decoded.invalid_utf8.first()?;
        let text = &self.decoded.text;
        let position = LineIndex::new(text).position(text, span.start, ColumnEncoding::Utf8);
        Some(format!("{}:{}", position.line + 1, position.character + 1))
    }
}

/// A file larger than this is refused before it is read: real config and credentials files
/// are kilobytes, and every byte costs memory in the analysis.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

/// Why a file was not read.
pub enum ReadError {
    /// It does not exist.
    NotFound(String),
    /// Anything else: not a regular file, too large, unreadable.
    Refused(String),
}

impl ReadError {
    fn message(self) -> String {
        match self {
            ReadError::NotFound(message) | ReadError::Refused(message) => message,
        }
    }
}

/// Reads a file that is a regular file of at most [`MAX_FILE_BYTES`], checking before it
/// opens it: a FIFO would block the read forever, a device (`/dev/zero`) never end.
pub fn read_bytes(kind: FileKind, path: &Path) -> Result<Vec<u8>, ReadError> {
    let refused =
        |why: String| ReadError::Refused(format!("{kind} file {}: {why}", path.display()));
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReadError::NotFound(format!(
                "cannot read {kind} file {}: {error}",
                path.display()
            )))
        }
        Err(error) => return Err(refused(format!("cannot read it: {error}"))),
    };
    check_metadata(&metadata).map_err(refused)?;
    let file = std::fs::File::open(path).map_err(|e| refused(format!("cannot read it: {e}")))?;
    // What was opened may not be what was looked at (the path changed in between).
    let opened = file
        .metadata()
        .map_err(|e| refused(format!("cannot read it: {e}")))?;
    check_metadata(&opened).map_err(refused)?;
    let mut bytes = Vec::with_capacity(opened.len() as usize);
    // A file that grows while it is read stops at the limit.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|e| refused(format!("cannot read it: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(refused(too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

fn check_metadata(metadata: &std::fs::Metadata) -> Result<(), String> {
    if !metadata.is_file() {
        let what = if metadata.is_dir() {
            "a directory"
        } else {
            "not a regular file (a pipe, a device or a socket)"
        };
        return Err(format!("{what}; only regular files are read"));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    Ok(())
}

fn too_large(bytes: u64) -> String {
    format!(
        "{bytes} bytes, larger than the limit of {} MiB",
        MAX_FILE_BYTES / (1024 * 1024)
    )
}

/// Reads one named file.
pub fn read_one(kind: FileKind, path: &Path) -> Result<SourceFile, String> {
    let bytes = read_bytes(kind, path).map_err(ReadError::message)?;
    Ok(SourceFile {
        kind,
        decoded: DecodedText::from_bytes(&bytes),
        path: path.to_path_buf(),
        exists: true,
    })
}

/// Reads the files named on the command line; with none named, the files the SDKs would read.
/// A named file that cannot be read is an error; a default file that does not exist is empty.
pub fn read(args: &FileArgs) -> Result<Vec<SourceFile>, String> {
    let named: Vec<(FileKind, PathBuf)> = [
        (FileKind::Config, args.config.clone()),
        (FileKind::Credentials, args.credentials.clone()),
    ]
    .into_iter()
    .filter_map(|(kind, path)| path.map(|p| (kind, p)))
    .collect();
    if !named.is_empty() {
        return named
            .into_iter()
            .map(|(kind, path)| read_one(kind, &path))
            .collect();
    }
    let locations = locate(|var| std::env::var(var).ok(), Platform::current());
    [
        (FileKind::Config, locations.config),
        (FileKind::Credentials, locations.credentials),
    ]
    .into_iter()
    .map(|(kind, path)| {
        let path = PathBuf::from(path);
        match read_bytes(kind, &path) {
            Ok(bytes) => Ok(SourceFile {
                kind,
                decoded: DecodedText::from_bytes(&bytes),
                path,
                exists: true,
            }),
            Err(ReadError::NotFound(_)) => Ok(SourceFile {
                kind,
                decoded: DecodedText::default(),
                path,
                exists: false,
            }),
            Err(error) => Err(error.message()),
        }
    })
    .collect()
}
