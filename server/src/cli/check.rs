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
    let groups: Vec<Group> = groups
        .into_iter()
        .map(|files| {
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
            Group {
                files,
                model,
                diagnostics,
            }
        })
        .collect();
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
    if any_error {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
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
