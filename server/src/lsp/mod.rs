//! The language server: LSP over stdio, built on tower-lsp-server. The only module that knows
//! the protocol; every feature is a plain function of the core (`ide`, `lint`).

mod analyzer;
mod convert;
mod documents;
mod server;
mod settings;
mod transport;
mod workspace;

use std::process::ExitCode;
use tower_lsp_server::LspService;

/// Serves LSP on stdin/stdout until the client says `exit`. Logs go to stderr, at the level
/// named by `AWS_CONFIG_LSP_LOG` (`error`, `warn` by default, `info`, `debug`, `trace`).
pub fn serve() -> ExitCode {
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("aws-config-lsp: cannot start the async runtime: {error}");
            return ExitCode::from(crate::cli::EXIT_USAGE_OR_IO);
        }
    };
    runtime.block_on(async {
        let output = transport::Output::stdout();
        let backend_output = output.clone();
        let (service, socket) =
            LspService::build(move |client| server::Backend::new(client, backend_output))
                .custom_method(
                    "window/workDoneProgress/cancel",
                    server::Backend::work_done_progress_cancel,
                )
                .finish();
        transport::serve(service, socket, output).await;
    });
    // Stdin is read on a blocking thread that may never return: do not wait for it.
    runtime.shutdown_timeout(std::time::Duration::from_millis(100));
    ExitCode::SUCCESS
}

fn init_logging() {
    let level = std::env::var("AWS_CONFIG_LSP_LOG")
        .ok()
        .and_then(|l| l.parse::<tracing::Level>().ok())
        .unwrap_or(tracing::Level::WARN);
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_ansi(false)
        .with_target(false)
        .try_init();
}
