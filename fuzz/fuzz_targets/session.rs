//! Shared by the two targets of the server's message loop (`lsp_bytes`, `lsp_messages`): one
//! session of the real server, in process, over the given input, with the network off.
//!
//! Checks, for any input: no panic; the session ends (a hang is caught by libFuzzer's
//! `-timeout`, and by the deadline here); every message out is a well-framed JSON-RPC
//! request, notification or response; no secret of the input (the AWS example key) comes out
//! in clear except inside a text edit, where it is the user's own text.

use aws_config_lsp::lsp::transport::{classify, Frame, Framer, Incoming};
pub use aws_config_lsp::lsp::Ending;
use aws_config_lsp::lsp::{session, Features, Output, SessionOptions};
use serde_json::Value;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// What came out of a session (`lsp_bytes` checks what `run` checks, and reads neither).
#[allow(dead_code)]
pub struct Outcome {
    pub ending: Ending,
    pub messages: Vec<Value>,
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        // No real files: partner lookups find nothing, whatever the machine holds.
        let home = std::env::temp_dir().join("aws-config-lsp-fuzz-home");
        std::env::set_var("HOME", &home);
        for var in [
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_PROFILE",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
        ] {
            std::env::remove_var(var);
        }
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime")
    })
}

#[derive(Clone, Default)]
struct Collected(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Collected {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Runs a session over `chunks` (the input as it arrives), then the end of the input.
pub fn run(chunks: Vec<Vec<u8>>) -> Outcome {
    let collected = Collected::default();
    let output = Output::to_writer(collected.clone());
    let ending = runtime().block_on(async {
        let (sender, input) = tokio::sync::mpsc::channel(chunks.len().max(1));
        for chunk in chunks {
            sender.send(chunk).await.expect("the channel has room");
        }
        drop(sender);
        // Requests under way may take their time: a hang is what libFuzzer's timeout is for.
        let options = SessionOptions {
            grace: Duration::from_secs(60),
        };
        let ending = tokio::time::timeout(
            Duration::from_secs(60),
            session(input, output.clone(), Features::OFFLINE, &options),
        )
        .await
        .expect("the session ended");
        output.flush(Duration::from_secs(10)).await;
        ending
    });
    drop(output);
    let bytes = std::mem::take(&mut *collected.0.lock().unwrap());
    Outcome {
        ending,
        messages: parse_output(&bytes),
    }
}

/// Every message the server wrote: each must be well framed and valid JSON-RPC.
fn parse_output(bytes: &[u8]) -> Vec<Value> {
    let mut framer = Framer::default();
    framer.push(bytes);
    framer.finish();
    let mut messages = Vec::new();
    while let Some(frame) = framer.next_frame() {
        let Frame::Message(body) = frame else {
            panic!("a badly framed message out: {frame:?}");
        };
        match classify(&body) {
            Incoming::Request(_) | Incoming::Response(_) => {}
            other => panic!(
                "not JSON-RPC out: {other:?}: {}",
                String::from_utf8_lossy(&body)
            ),
        }
        let message: Value = serde_json::from_slice(&body).expect("JSON");
        if !no_secret(&message, false) {
            let text = message.to_string();
            panic!("a secret in a message: {}", &text[..text.len().min(3000)]);
        }
        messages.push(message);
    }
    messages
}

/// No secret anywhere but in the text of an edit (`newText`, `insertText`) and a document
/// link's `target`: the user's own text.
fn no_secret(value: &Value, in_edit: bool) -> bool {
    match value {
        Value::String(s) => in_edit || !s.contains(SECRET),
        Value::Array(items) => items.iter().all(|v| no_secret(v, in_edit)),
        Value::Object(map) => map.iter().all(|(key, v)| {
            no_secret(
                v,
                in_edit || matches!(key.as_str(), "newText" | "insertText" | "target"),
            )
        }),
        _ => true,
    }
}
