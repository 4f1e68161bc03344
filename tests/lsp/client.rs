//! A small LSP client for tests: starts the real binary and speaks JSON-RPC over its stdio,
//! as an editor does. Requests the server sends (configuration, capability registration) get
//! answered; everything else is kept for the test to look at.

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long to wait for any one message before failing the test (a deadline, not a sleep).
pub const DEADLINE: Duration = Duration::from_secs(20);

pub struct Server {
    child: Child,
    /// `None` once the test has closed it.
    stdin: Option<ChildStdin>,
    incoming: Receiver<(Instant, Value)>,
    /// Notifications received while waiting for something else, with when they arrived.
    pending: VecDeque<(Instant, Value)>,
    /// When the message `wait` last returned arrived (read whole, before it was parsed).
    pub arrived: Instant,
    next_id: i64,
    /// What `workspace/configuration` answers.
    pub settings: Value,
    /// Requests the server sent to the client (answered already), oldest first.
    pub server_requests: Vec<Value>,
    /// The server's stderr, collected by a thread, read at the end.
    stderr: std::sync::mpsc::Receiver<String>,
    /// While set, nothing is read from the server's stdout (a client that reads slowly).
    paused: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

pub struct Options<'a> {
    pub env: Vec<(&'a str, String)>,
    pub capabilities: Value,
    pub initialization_options: Option<Value>,
    /// The server binary; by default the one Cargo built for this test.
    pub binary: Option<std::path::PathBuf>,
    /// `AWS_CONFIG_LSP_LOG`.
    pub log: &'a str,
}

impl Default for Options<'_> {
    fn default() -> Self {
        Options {
            env: Vec::new(),
            capabilities: json!({}),
            initialization_options: None,
            binary: None,
            log: "debug",
        }
    }
}

impl Server {
    /// Starts the server with a clean environment (HOME pointing at `home`) and initializes it.
    pub fn start(home: &Path, options: Options) -> (Server, Value) {
        let binary = options
            .binary
            .clone()
            .or_else(|| option_env!("CARGO_BIN_EXE_aws-config-lsp").map(Into::into))
            .expect("the aws-config-lsp binary");
        let mut command = Command::new(binary);
        command
            .env_clear()
            .env("HOME", home)
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("AWS_CONFIG_LSP_LOG", options.log)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (key, value) in &options.env {
            command.env(key, value);
        }
        let mut child = command.spawn().expect("start aws-config-lsp");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let mut stderr_pipe = child.stderr.take().unwrap();
        let (tx, incoming) = channel();
        let paused = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let reader_paused = paused.clone();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                while reader_paused.load(std::sync::atomic::Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(5));
                }
                let Some(message) = read_message(&mut reader) else {
                    break;
                };
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let (err_tx, stderr) = channel();
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = stderr_pipe.read_to_string(&mut text);
            let _ = err_tx.send(text);
        });
        let mut server = Server {
            child,
            stdin,
            incoming,
            pending: VecDeque::new(),
            next_id: 1,
            arrived: Instant::now(),
            settings: json!({}),
            server_requests: Vec::new(),
            stderr,
            paused,
        };
        let mut params = json!({
            "processId": null,
            "rootUri": null,
            "capabilities": options.capabilities,
        });
        if let Some(init) = options.initialization_options {
            params["initializationOptions"] = init;
        }
        let result = server.request("initialize", params);
        server.notify("initialized", json!({}));
        (server, result)
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_vec(message).unwrap();
        let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        framed.extend_from_slice(&body);
        self.send_raw(&framed);
    }

    /// Sends raw bytes (for malformed-input tests).
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Stops or resumes reading the server's stdout (the message being read is finished).
    pub fn pause_reading(&self, paused: bool) {
        self.paused
            .store(paused, std::sync::atomic::Ordering::SeqCst);
    }

    /// Closes the server's stdin, as a client that goes away does.
    pub fn close_input(&mut self) {
        self.stdin = None;
    }

    /// Waits (up to [`DEADLINE`]) for the server to exit; its exit code and stderr.
    pub fn wait_for_exit(mut self) -> (Option<i32>, String) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status.code(), self.stderr_text());
            }
            assert!(
                Instant::now() < deadline,
                "the server did not exit within {DEADLINE:?}"
            );
            std::thread::park_timeout(Duration::from_millis(10));
        }
    }

    /// The next message whatever it is (server requests are not answered).
    pub fn next_message(&mut self) -> Value {
        if let Some((_, message)) = self.pending.pop_front() {
            return message;
        }
        match self.incoming.recv_timeout(DEADLINE) {
            Ok((_, message)) => message,
            Err(_) => panic!("no message within {DEADLINE:?}"),
        }
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response message.
    pub fn request_message(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Sends a request and returns its result, failing the test on an error response.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_message(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// The next message matching `want`, answering server requests meanwhile.
    pub fn wait(&mut self, want: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.pending.iter().position(|(_, m)| want(m)) {
            let (arrived, message) = self.pending.remove(index).unwrap();
            self.arrived = arrived;
            return message;
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let (arrived, message) = match self.incoming.recv_timeout(left) {
                Ok(received) => received,
                Err(RecvTimeoutError::Timeout) => panic!(
                    "no matching message within {DEADLINE:?}; pending: {:?}",
                    self.pending
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed stdout; stderr:\n{}", self.stderr_text())
                }
            };
            if message.get("id").is_some() && message.get("method").is_some() {
                self.answer(&message);
                continue;
            }
            if want(&message) {
                self.arrived = arrived;
                return message;
            }
            self.pending.push_back((arrived, message));
        }
    }

    /// The first request the server sent with `method` (waiting for it), already answered.
    pub fn server_request(&mut self, method: &str) -> Value {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(found) = self.server_requests.iter().find(|r| r["method"] == method) {
                return found.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.incoming.recv_timeout(left) {
                Ok((arrived, message)) => {
                    if message.get("id").is_some() && message.get("method").is_some() {
                        self.answer(&message);
                    } else {
                        self.pending.push_back((arrived, message));
                    }
                }
                Err(_) => panic!("the server sent no {method} request within {DEADLINE:?}"),
            }
        }
    }

    fn answer(&mut self, request: &Value) {
        let result = match request["method"].as_str() {
            Some("workspace/configuration") => json!([self.settings.clone()]),
            _ => Value::Null,
        };
        let id = request["id"].clone();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
        self.server_requests.push(request.clone());
    }

    /// The next `publishDiagnostics` for `uri` (with `version`, when given).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && version.is_none_or(|v| m["params"]["version"] == v)
        })["params"]
            .clone()
    }

    /// The first `publishDiagnostics` for `uri` whose codes are `expected`: publications may
    /// repeat (a settings change re-checks every open file), so a test waits for the state.
    pub fn diagnostics_with(&mut self, uri: &str, expected: &[&str]) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["diagnostics"].as_array().is_some_and(|d| {
                    d.iter()
                        .map(|d| d["code"].as_str().unwrap_or(""))
                        .eq(expected.iter().copied())
                })
        })["params"]
            .clone()
    }

    /// The notifications with `method` received so far and not yet taken by a wait.
    pub fn received(&self, method: &str) -> Vec<Value> {
        self.pending
            .iter()
            .filter(|(_, m)| m["method"] == method)
            .map(|(_, m)| m.clone())
            .collect()
    }

    /// Drops notifications seen so far.
    pub fn clear(&mut self) {
        self.pending.clear();
    }

    pub fn open(&mut self, uri: &str, language_id: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}}),
        );
    }

    /// Shuts the server down as an editor does and returns its stderr.
    pub fn shutdown(mut self) -> String {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Value::Null);
        self.notify("exit", Value::Null);
        let (code, stderr) = self.wait_for_exit();
        assert_eq!(code, Some(0), "{stderr}");
        stderr
    }

    /// The server's process id (to read its memory use).
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    fn stderr_text(&self) -> String {
        self.stderr.recv_timeout(DEADLINE).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<(Instant, Value)> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    let arrived = Instant::now();
    Some((arrived, serde_json::from_slice(&body).ok()?))
}

/// A temporary home folder with `.aws/config` and `.aws/credentials`, removed at the end.
pub struct Home {
    pub path: std::path::PathBuf,
}

impl Home {
    pub fn new(name: &str, config: Option<&str>, credentials: Option<&str>) -> Home {
        let path =
            std::env::temp_dir().join(format!("aws-config-lsp-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join(".aws")).unwrap();
        if let Some(text) = config {
            std::fs::write(path.join(".aws/config"), text).unwrap();
        }
        if let Some(text) = credentials {
            std::fs::write(path.join(".aws/credentials"), text).unwrap();
        }
        Home { path }
    }

    pub fn uri(&self, file: &str) -> String {
        format!("file://{}/.aws/{file}", self.path.display())
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
