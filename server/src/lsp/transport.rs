//! The stdio transport around tower-lsp-server.
//!
//! tower-lsp-server stops reading after a message it cannot decode, which ends the session
//! for one bad message. So stdin goes through a small framing check first: a message whose
//! header or JSON body is malformed gets its JSON-RPC error response here (`-32700` parse
//! error, `-32600` invalid request, `id: null` as JSON-RPC asks) and never reaches the
//! library; good messages pass through untouched. Both the library's output and these
//! responses go to stdout whole, one message at a time.

use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::Mutex;

/// A message larger than this is refused (and skipped) rather than buffered.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// Stdout, shared: the library's messages, the framing errors, and the server's own
/// notifications each go out whole.
#[derive(Clone)]
pub struct Output(Arc<Mutex<Box<dyn AsyncWrite + Send + Unpin>>>);

impl Output {
    pub fn stdout() -> Output {
        Output(Arc::new(Mutex::new(Box::new(tokio::io::stdout()))))
    }

    /// Sends a notification serialized straight to bytes. `publishDiagnostics` of a large
    /// file carries thousands of diagnostics: going through the library would build a
    /// `serde_json::Value` tree of them, serialize it and drop it, several milliseconds.
    pub async fn notify<P: serde::Serialize>(&self, method: &str, params: &P) {
        #[derive(serde::Serialize)]
        struct Notification<'a, P> {
            jsonrpc: &'static str,
            method: &'a str,
            params: &'a P,
        }
        // Room for a large message up front: growing a megabyte buffer by doubling copies it.
        let mut body = Vec::with_capacity(64 * 1024);
        match serde_json::to_writer(
            &mut body,
            &Notification {
                jsonrpc: "2.0",
                method,
                params,
            },
        ) {
            Ok(()) => write_message(self, &body).await,
            Err(error) => tracing::error!("cannot serialize {method}: {error}"),
        }
    }
}

/// Serves `service` on stdin/stdout until the client says `exit` or closes stdin.
pub async fn serve(
    service: tower_lsp_server::LspService<super::server::Backend>,
    socket: tower_lsp_server::ClientSocket,
    stdout: Output,
) {
    let (server_input, mut to_server) = tokio::io::duplex(1 << 16);
    let (from_server, server_output) = tokio::io::duplex(1 << 16);

    let errors = stdout.clone();
    let reader = tokio::spawn(async move {
        let mut stdin = BufReader::new(tokio::io::stdin());
        while let Some(frame) = read_frame(&mut stdin).await {
            match frame {
                Frame::Good(message) => {
                    if to_server.write_all(&message).await.is_err() {
                        break;
                    }
                }
                Frame::Bad { code, message } => {
                    tracing::error!("malformed message from the client: {message}");
                    let body = serde_json::json!({
                        "jsonrpc": "2.0",
                        "id": null,
                        "error": {"code": code, "message": message},
                    });
                    write_message(&errors, body.to_string().as_bytes()).await;
                }
            }
        }
        // End of input: the library sees it and stops.
        let _ = to_server.shutdown().await;
    });

    let writer_output = stdout.clone();
    let writer = tokio::spawn(async move {
        let mut output = BufReader::new(server_output);
        while let Some(Frame::Good(message)) = read_frame(&mut output).await {
            write_raw(&writer_output, &message).await;
        }
    });

    let (read_half, _) = tokio::io::split(server_input);
    tower_lsp_server::Server::new(read_half, from_server, socket)
        .serve(service)
        .await;
    // Every response the library wrote is forwarded before we return.
    let _ = writer.await;
    reader.abort();
}

enum Frame {
    /// A whole message, header included, as received.
    Good(Vec<u8>),
    Bad {
        code: i64,
        message: String,
    },
}

/// Reads one framed message. `None` at the end of the input.
async fn read_frame(input: &mut (impl AsyncRead + AsyncBufReadExt + Unpin)) -> Option<Frame> {
    let mut header = Vec::new();
    let mut length: Option<usize> = None;
    let mut bad_header = None;
    loop {
        let mut line = String::new();
        match input.read_line(&mut line).await {
            Ok(0) => return None,
            Ok(_) => {}
            Err(error) => {
                // Not UTF-8 in a header line: skip it, report it.
                bad_header = Some(format!("unreadable header: {error}"));
                continue;
            }
        }
        header.extend_from_slice(line.as_bytes());
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            if header.len() <= 2 && length.is_none() && bad_header.is_none() {
                // A stray blank line between messages.
                header.clear();
                continue;
            }
            break;
        }
        match trimmed.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                match value.trim().parse() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad_header = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("bad header line `{}`", truncate(trimmed))),
        }
    }
    let Some(length) = length else {
        return Some(Frame::Bad {
            code: -32700,
            message: bad_header.unwrap_or_else(|| "missing Content-Length header".to_string()),
        });
    };
    if length > MAX_MESSAGE {
        let mut left = length as u64;
        let mut sink = tokio::io::sink();
        let copied = tokio::io::copy(&mut input.take(left), &mut sink)
            .await
            .ok()?;
        left -= copied;
        if left > 0 {
            return None;
        }
        return Some(Frame::Bad {
            code: -32600,
            message: format!("message of {length} bytes refused (limit {MAX_MESSAGE})"),
        });
    }
    let mut body = vec![0; length];
    input.read_exact(&mut body).await.ok()?;
    if let Some(problem) = bad_header {
        return Some(Frame::Bad {
            code: -32700,
            message: problem,
        });
    }
    match serde_json::from_slice::<serde_json::Value>(&body) {
        Ok(serde_json::Value::Object(_)) => {
            header.extend_from_slice(&body);
            Some(Frame::Good(header))
        }
        Ok(_) => Some(Frame::Bad {
            code: -32600,
            message: "invalid request: a message must be a JSON object".to_string(),
        }),
        Err(error) => Some(Frame::Bad {
            code: -32700,
            message: format!("parse error: {error}"),
        }),
    }
}

fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}

async fn write_message(output: &Output, body: &[u8]) {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    // Header and body under one lock: nothing can come between them.
    let mut output = output.0.lock().await;
    if output.write_all(header.as_bytes()).await.is_ok() && output.write_all(body).await.is_ok() {
        let _ = output.flush().await;
    }
}

async fn write_raw(output: &Output, bytes: &[u8]) {
    let mut output = output.0.lock().await;
    if output.write_all(bytes).await.is_ok() {
        let _ = output.flush().await;
    }
}
