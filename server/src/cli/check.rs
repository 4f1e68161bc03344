//! `aws-config-lsp check`: the diagnostics of the files, for terminals and CI.

use super::files::{self, SourceFile};
use super::host::RealHost;
use super::{output, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE_OR_IO};
use aws_config_lsp_core::lint::{
    self, Diagnostic, Environment, LintContext, LintOptions, Severity,
};
use aws_config_lsp_core::{FileKind, Input, Model};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Read this file as the config file.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Read this file as the credentials file.
    #[arg(long, value_name = "PATH")]
    pub credentials: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Files to check: a name containing `credentials` is a credentials file, anything else a
    /// config file. Files in the same folder are analysed together.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Turn a code off (repeatable).
    #[arg(long = "disable", value_name = "CODE")]
    pub disabled: Vec<String>,
    /// Change a code's severity: CODE=error|warning|information|hint (repeatable).
    #[arg(long = "severity", value_name = "CODE=SEVERITY")]
    pub severities: Vec<String>,
    /// Apply the safe fixes (those that keep what every tool reads: trailing whitespace, the
    /// case of a key), write each changed file in place (atomically, keeping its permissions),
    /// then report what is left. Guesses, such as a region's did-you-mean, are never applied.
    #[arg(long)]
    pub fix: bool,
    /// The current time as Unix seconds, for reproducible expiry checks.
    #[arg(long, value_name = "UNIX_SECONDS", hide = true)]
    pub now: Option<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
    Sarif,
}

/// Files analysed together, and what came out.
pub struct Group {
    pub files: Vec<SourceFile>,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &CheckArgs) -> u8 {
    let options = match options(args) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("aws-config-lsp: {message}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let groups = match read_groups(args) {
        Ok(groups) => groups,
        Err(message) => {
            eprintln!("aws-config-lsp: {message}");
            return EXIT_USAGE_OR_IO;
        }
    };
    let now = args.now.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    });
    let env = Environment::from_pairs(std::env::vars());
    let host = RealHost::from_env();
    let analyse = |files: &[SourceFile]| {
        let inputs: Vec<Input> = files
            .iter()
            .map(|f| Input::decoded(f.kind, &f.decoded))
            .collect();
        let model = Model::build(&inputs);
        let diagnostics = {
            let mut cx = LintContext::new(&model, inputs.iter().map(|i| i.text).collect());
            cx.now = Some(now);
            cx.env = env.clone();
            cx.host = &host;
            lint::check(&cx, &options)
        };
        (model, diagnostics)
    };
    let mut groups_out = Vec::with_capacity(groups.len());
    let mut write_failed = false;
    for mut files in groups {
        let (mut model, mut diagnostics) = analyse(&files);
        if args.fix {
            let mut fixed = vec![0usize; files.len()];
            // A fix can reveal another (rarely): a few rounds, each on the fixed text.
            for _ in 0..MAX_FIX_ROUNDS {
                let mut changed = false;
                for (index, file) in files.iter_mut().enumerate() {
                    // A file with bytes that are not UTF-8 is shown with U+FFFD in their place:
                    // writing that back would change the file beyond the fixes.
                    if !file.exists || !file.decoded.invalid_utf8.is_empty() {
                        continue;
                    }
                    let edits = lint::fixes::safe_edits(&diagnostics, index);
                    if edits.is_empty() {
                        continue;
                    }
                    let text = lint::fixes::apply(&file.decoded.text, &edits);
                    if text != file.decoded.text {
                        fixed[index] += edits.len();
                        file.decoded.text = text;
                        changed = true;
                    }
                }
                if !changed {
                    break;
                }
                (model, diagnostics) = analyse(&files);
            }
            for (file, count) in files.iter().zip(&fixed) {
                if *count == 0 {
                    continue;
                }
                match write_atomically(&file.path, &file.decoded.text) {
                    Ok(()) => eprintln!(
                        "aws-config-lsp: fixed {count} problem{} in {} (safe fixes only)",
                        if *count == 1 { "" } else { "s" },
                        file.path.display()
                    ),
                    Err(error) => {
                        eprintln!(
                            "aws-config-lsp: cannot write {}: {error}",
                            file.path.display()
                        );
                        write_failed = true;
                    }
                }
            }
        }
        groups_out.push(Group {
            files,
            model,
            diagnostics,
        });
    }
    let groups = groups_out;
    let rendered = match args.format {
        Format::Human => output::human(&groups, output::use_colour()),
        Format::Json => output::json(&groups),
        Format::Sarif => output::sarif(&groups),
    };
    print!("{rendered}");
    let any_error = groups
        .iter()
        .flat_map(|g| &g.diagnostics)
        .any(|d| d.severity == Severity::Error);
    if write_failed {
        EXIT_USAGE_OR_IO
    } else if any_error {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

/// At most this many rounds of `--fix`: each applies every safe fix it finds.
const MAX_FIX_ROUNDS: usize = 4;

/// Replaces the file at `path` with `text` as one step: written to a temporary file beside the
/// target (created readable by its owner only, then given the target's permissions) and
/// renamed over it, so that a crash leaves the old file or the new one, never half of each.
/// A symbolic link (dotfiles often link `~/.aws/config`) is followed: the file it points to is
/// replaced and the link stays.
fn write_atomically(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let target = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let dir = target.parent().unwrap_or(std::path::Path::new("."));
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.aws-config-lsp-{}.tmp", std::process::id()));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let result = (|| {
        let mut file = options.open(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.set_permissions(permissions)?;
        file.sync_all()?;
        std::fs::rename(&temporary, &target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

fn options(args: &CheckArgs) -> Result<LintOptions, String> {
    let code = |name: &str| {
        lint::Code::parse(name)
            .ok_or_else(|| format!("unknown code `{name}` (see `aws-config-lsp explain --list`)"))
    };
    let mut options = LintOptions::default();
    for name in &args.disabled {
        options.disabled.insert(code(name)?);
    }
    for pair in &args.severities {
        let (name, severity) = pair
            .split_once('=')
            .ok_or_else(|| format!("--severity takes CODE=SEVERITY, got `{pair}`"))?;
        let severity = Severity::parse(severity).ok_or_else(|| {
            format!("unknown severity `{severity}` (error, warning, information, hint)")
        })?;
        options.severity.insert(code(name)?, severity);
    }
    Ok(options)
}

/// The files to analyse, grouped: `--config`/`--credentials` together; bare files by folder;
/// with nothing named, the files the SDKs would read (those that exist).
fn read_groups(args: &CheckArgs) -> Result<Vec<Vec<SourceFile>>, String> {
    let mut groups = Vec::new();
    let named = files::FileArgs {
        config: args.config.clone(),
        credentials: args.credentials.clone(),
    };
    if named.config.is_some() || named.credentials.is_some() {
        groups.push(files::read(&named)?);
    }
    let mut by_folder: Vec<(PathBuf, Vec<SourceFile>)> = Vec::new();
    for path in &args.files {
        let kind = if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().contains("credentials"))
        {
            FileKind::Credentials
        } else {
            FileKind::Config
        };
        let file = files::read_one(kind, path)?;
        let folder = path.parent().map(PathBuf::from).unwrap_or_default();
        match by_folder
            .iter_mut()
            .find(|(f, files)| *f == folder && !files.iter().any(|x| x.kind == kind))
        {
            Some((_, files)) => files.push(file),
            None => by_folder.push((folder, vec![file])),
        }
    }
    for (_, mut files) in by_folder {
        files.sort_by_key(|f| f.kind);
        groups.push(files);
    }
    if groups.is_empty() {
        let defaults: Vec<SourceFile> = files::read(&named)?
            .into_iter()
            .filter(|f| f.exists)
            .collect();
        if defaults.is_empty() {
            eprintln!("aws-config-lsp: no config or credentials file found at the default locations; nothing to check");
        }
        groups.push(defaults);
    }
    Ok(groups)
}
