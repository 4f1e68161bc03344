//! The language server: LSP over stdio, on tower-lsp-server's handlers and JSON-RPC types with
//! our own message loop (`transport`). The only module that knows the protocol; every feature
//! is a plain function of the core (`ide`, `lint`).

mod analyzer;
mod convert;
mod documents;
mod logging;
mod server;
mod settings;
pub mod transport;
mod workspace;

use std::process::ExitCode;
use tower_lsp_server::LspService;
pub use transport::{Ending, Output, SessionOptions};

/// Serves LSP on stdin/stdout until the client says `exit` or closes stdin. Logs go to
/// stderr, at the level named by `AWS_CONFIG_LSP_LOG` (`error`, `warn` by default, `info`,
/// `debug`, `trace`), never with a message's content or a secret.
pub fn serve() -> ExitCode {
    logging::init();
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
    let output = Output::stdout();
    let ending = runtime.block_on(async {
        let ending = session(
            transport::stdin_chunks(),
            output.clone(),
            Features::ALL,
            &SessionOptions::default(),
        )
        .await;
        output.flush(std::time::Duration::from_millis(500)).await;
        ending
    });
    // Tasks still running (a validation under way) are dropped; the input thread may be
    // blocked in a read that never returns: the process ends without waiting for either.
    runtime.shutdown_background();
    ExitCode::from(ending.exit_code())
}

/// What a session may do beyond reading its input and answering.
#[derive(Clone, Copy, Debug)]
pub struct Features {
    /// Validation against AWS STS (network, and a profile's `credential_process`).
    pub sts: bool,
}

impl Features {
    pub const ALL: Features = Features { sts: true };
    /// Nothing that reaches the network or runs a program: for the fuzz targets.
    pub const OFFLINE: Features = Features { sts: false };
}

/// One session of the server over `input` (chunks of bytes; the channel's end is the end of
/// the input) and `output`. Must run inside a multi-thread tokio runtime.
pub async fn session(
    input: tokio::sync::mpsc::Receiver<Vec<u8>>,
    output: Output,
    features: Features,
    options: &SessionOptions,
) -> Ending {
    let backend_output = output.clone();
    let (service, socket) =
        LspService::build(move |client| server::Backend::new(client, backend_output, features))
            .custom_method(
                "window/workDoneProgress/cancel",
                server::Backend::work_done_progress_cancel,
            )
            .finish();
    transport::serve(service, socket, input, output, options).await
}
