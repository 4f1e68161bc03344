//! Which files a command reads, and reading them.

use aws_config_lsp_core::location::{locate, Platform};
use aws_config_lsp_core::text::{ColumnEncoding, DecodedText, LineIndex};
use aws_config_lsp_core::FileKind;
use clap::Args;
use std::path::PathBuf;

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

/// Reads one named file.
pub fn read_one(kind: FileKind, path: &std::path::Path) -> Result<SourceFile, String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(SourceFile {
            kind,
            decoded: DecodedText::from_bytes(&bytes),
            path: path.to_path_buf(),
            exists: true,
        }),
        Err(error) => Err(format!(
            "cannot read {} file {}: {error}",
            kind,
            path.display()
        )),
    }
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
            .map(|(kind, path)| match std::fs::read(&path) {
                Ok(bytes) => Ok(SourceFile {
                    kind,
                    decoded: DecodedText::from_bytes(&bytes),
                    path,
                    exists: true,
                }),
                Err(error) => Err(format!(
                    "cannot read {} file {}: {error}",
                    kind,
                    path.display()
                )),
            })
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
        match std::fs::read(&path) {
            Ok(bytes) => Ok(SourceFile {
                kind,
                decoded: DecodedText::from_bytes(&bytes),
                path,
                exists: true,
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(SourceFile {
                kind,
                decoded: DecodedText::default(),
                path,
                exists: false,
            }),
            Err(error) => Err(format!(
                "cannot read {} file {}: {error}",
                kind,
                path.display()
            )),
        }
    })
    .collect()
}
