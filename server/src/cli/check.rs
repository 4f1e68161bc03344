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
    /// config file. Files in the same folder are analysed together; a file named alone is read
    /// with its partner beside it (the `credentials` next to a config file, the `config` next
    /// to a credentials file), as the SDKs and the language server read them, and only the
    /// files named are reported on.
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
    /// Indexes into `files` of the files read only as the partner of a named one: analysed
    /// with it, never reported on or fixed.
    pub context: Vec<usize>,
}

impl Group {
    pub fn is_context(&self, file: usize) -> bool {
        self.context.contains(&file)
    }
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
            // What the host says about the files themselves (mode, git) is about the files
            // on disk.
            cx.paths = files
                .iter()
                .map(|f| f.exists.then(|| f.path.to_str()).flatten())
                .collect();
            lint::check(&cx, &options)
        };
        (model, diagnostics)
    };
    let mut groups_out = Vec::with_capacity(groups.len());
    let mut write_failed = false;
    for (mut files, context) in groups {
        let (mut model, mut diagnostics) = analyse(&files);
        if args.fix {
            let mut fixed = vec![0usize; files.len()];
            // A fix can reveal another (rarely): a few rounds, each on the fixed text.
            for _ in 0..MAX_FIX_ROUNDS {
                let mut changed = false;
                for (index, file) in files.iter_mut().enumerate() {
                    // A file with bytes that are not UTF-8 is shown with U+FFFD in their place:
                    // writing that back would change the file beyond the fixes.
                    if !file.exists
                        || !file.decoded.invalid_utf8.is_empty()
                        || context.contains(&index)
                    {
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
        // A partner read for context is not reported on: it was not asked for.
        diagnostics.retain(|d| !context.contains(&d.file));
        groups_out.push(Group {
            files,
            model,
            diagnostics,
            context,
        });
    }
    let groups = groups_out;
    let rendered = match args.format {
        Format::Human => output::human(&groups, output::use_colour()),
        Format::Json => output::json(&groups),
        Format::Sarif => output::sarif(&groups),
    };
    out!("{rendered}");
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

/// Files analysed together, and the indexes of those read only as a named file's partner.
type FilesToRead = (Vec<SourceFile>, Vec<usize>);

/// The files to analyse, grouped, each group with the indexes of the files read only as a
/// named file's partner: `--config`/`--credentials` together; bare files by folder, with the
/// partner beside them when it was not named; with nothing named, the files the SDKs would
/// read (those that exist).
fn read_groups(args: &CheckArgs) -> Result<Vec<FilesToRead>, String> {
    let mut groups: Vec<FilesToRead> = Vec::new();
    let named = files::FileArgs {
        config: args.config.clone(),
        credentials: args.credentials.clone(),
    };
    if named.config.is_some() || named.credentials.is_some() {
        groups.push((files::read(&named)?, Vec::new()));
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
    for (folder, mut files) in by_folder {
        let mut context = Vec::new();
        if let [file] = &files[..] {
            if let Some(partner) = read_partner(&folder, file) {
                files.push(partner);
                context.push(files.len() - 1);
            }
        }
        // The SDKs read the config file first.
        if files.len() == 2 && files[0].kind == FileKind::Credentials {
            files.swap(0, 1);
            context = context.iter().map(|&i| 1 - i).collect();
        }
        groups.push((files, context));
    }
    if groups.is_empty() {
        let defaults: Vec<SourceFile> = files::read(&named)?
            .into_iter()
            .filter(|f| f.exists)
            .collect();
        if defaults.is_empty() {
            eprintln!("aws-config-lsp: no config or credentials file found at the default locations; nothing to check");
        }
        groups.push((defaults, Vec::new()));
    }
    Ok(groups)
}

/// The file the SDKs read with `file`, beside it in `folder`: `credentials` next to a config
/// file, `config` next to a credentials file (the language server pairs files the same way).
/// `None` when there is no such regular file, or it cannot be read (it is only context).
fn read_partner(folder: &std::path::Path, file: &SourceFile) -> Option<SourceFile> {
    let (kind, name) = match file.kind {
        FileKind::Config => (FileKind::Credentials, "credentials"),
        FileKind::Credentials => (FileKind::Config, "config"),
    };
    let path = folder.join(name);
    if !std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let same = |a: &std::path::Path, b: &std::path::Path| {
        std::fs::canonicalize(a).ok() == std::fs::canonicalize(b).ok()
    };
    if same(&path, &file.path) {
        return None;
    }
    files::read_one(kind, &path).ok()
}
