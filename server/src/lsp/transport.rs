//! The transport and the message loop: bytes from the client in, whole messages out.
//!
//! tower-lsp-server gives the handlers and the JSON-RPC types; the loop that reads the input
//! and calls them is ours, because the library's loop ends the session at the first message it
//! cannot decode, loses its place in the stream after a bad header, waits forever at the end
//! for handlers that wait on the client, and leaves `$/` requests unanswered.
//!
//! - [`Framer`] cuts the byte stream into message bodies. A bad frame (no or a bad
//!   `Content-Length`, a body shorter than declared, garbage between messages) is reported
//!   once, and the framer resynchronises on the next `Content-Length` header.
//! - Each body is classified: a request or notification goes to the service, a response to
//!   the request of ours it answers; anything else gets the JSON-RPC error response (`-32700`
//!   parse error, `-32600` invalid request, with the message's `id` when it has a valid one)
//!   and the session goes on. A `$/` request gets `-32601` (method not found), as LSP asks.
//! - Handlers run as futures polled by the loop, in arrival order: each handler's synchronous
//!   start (where text changes are applied) runs in the order the messages came. A handler
//!   that panics answers `-32603` (internal error).
//! - `exit` ends the session at once, whatever is under way (exit code 0 after `shutdown`, 1
//!   without). At the end of the input, the requests we sent the client are failed (nobody
//!   will answer them), and the requests under way get [`SessionOptions::grace`] to finish.
//! - Messages are never logged with their content: only methods and ids.
//!
//! Output goes through [`Output`] to a writer thread, one whole message at a time. The loop
//! never waits on it: handlers write to it too and are polled only by the loop, so its own
//! messages go to an outbox that one branch of the loop drains (see [`serve`]).

use aws_config_lsp_core::text::redact_secrets;
use futures::stream::{FuturesUnordered, StreamExt};
use futures::{FutureExt, SinkExt};
use std::borrow::Cow;
use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::time::Duration;
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::{ClientSocket, LspService};
use tower_service::Service;

/// A message body larger than this is refused (and skipped) rather than buffered.
pub const MAX_MESSAGE: usize = 256 * 1024 * 1024;

/// A header block longer than this is garbage.
const MAX_HEADER: usize = 8 * 1024;

/// How many bytes are read from stdin at a time.
const READ_CHUNK: usize = 64 * 1024;

/// Stdout, shared by the loop (responses, our requests to the client) and the handlers
/// (`publishDiagnostics`): each message goes out whole, in the order it was sent here.
#[derive(Clone)]
pub struct Output(mpsc::Sender<Out>);

enum Out {
    Message(Vec<u8>),
    Flush(std::sync::mpsc::Sender<()>),
}

impl Output {
    /// Messages written to stdout.
    pub fn stdout() -> Output {
        Output::to_writer(std::io::stdout())
    }

    /// Messages written to `writer` by a thread of their own: a client that does not read
    /// blocks that thread, not the server (beyond a few queued messages).
    pub fn to_writer(writer: impl Write + Send + 'static) -> Output {
        let (sender, mut queue) = mpsc::channel::<Out>(16);
        let spawned = std::thread::Builder::new()
            .name("output".to_string())
            .spawn(move || {
                let mut writer = std::io::BufWriter::with_capacity(64 * 1024, writer);
                let mut broken = false;
                while let Some(out) = queue.blocking_recv() {
                    match out {
                        Out::Message(body) if !broken => {
                            let header = format!("Content-Length: {}\r\n\r\n", body.len());
                            broken = writer.write_all(header.as_bytes()).is_err()
                                || writer.write_all(&body).is_err()
                                || (queue.is_empty() && writer.flush().is_err());
                        }
                        // The client is gone: what is left is dropped.
                        Out::Message(_) => {}
                        Out::Flush(done) => {
                            let _ = writer.flush();
                            let _ = done.send(());
                        }
                    }
                }
                let _ = writer.flush();
            });
        if let Err(error) = spawned {
            tracing::error!("cannot start the output thread: {error}");
        }
        Output(sender)
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
        self.send_json(&Notification {
            jsonrpc: "2.0",
            method,
            params,
        })
        .await;
    }

    /// Sends one message.
    pub async fn send_json<M: serde::Serialize>(&self, message: &M) {
        if let Some(body) = to_body(message) {
            self.send(body).await;
        }
    }

    /// Sends one serialized message.
    async fn send(&self, body: Vec<u8>) {
        // An error means the writer thread is gone: there is no one to tell.
        let _ = self.0.send(Out::Message(body)).await;
    }

    /// Waits until what was sent before has been written, at most `within`.
    pub async fn flush(&self, within: Duration) {
        let (done, written) = std::sync::mpsc::channel();
        let sent = tokio::time::timeout(within, self.0.send(Out::Flush(done))).await;
        if matches!(sent, Ok(Ok(()))) {
            let _ = tokio::task::spawn_blocking(move || written.recv_timeout(within)).await;
        }
    }
}

fn to_body<M: serde::Serialize>(message: &M) -> Option<Vec<u8>> {
    // Room for a large message up front: growing a megabyte buffer by doubling copies it.
    let mut body = Vec::with_capacity(4 * 1024);
    match serde_json::to_writer(&mut body, message) {
        Ok(()) => Some(body),
        Err(error) => {
            tracing::error!("cannot serialize a message: {error}");
            None
        }
    }
}

/// Stdin, read by a thread of its own into chunks: a blocking read that never returns (a
/// client that neither writes nor closes) then holds no task of the runtime, and the process
/// can end without waiting for it.
pub fn stdin_chunks() -> mpsc::Receiver<Vec<u8>> {
    let (sender, chunks) = mpsc::channel(8);
    let spawned = std::thread::Builder::new()
        .name("input".to_string())
        .spawn(move || {
            use std::io::Read;
            let mut stdin = std::io::stdin().lock();
            let mut buffer = vec![0; READ_CHUNK];
            loop {
                match stdin.read(&mut buffer) {
                    Ok(0) => break,
                    Ok(n) => {
                        if sender.blocking_send(buffer[..n].to_vec()).is_err() {
                            break;
                        }
                    }
                    Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(error) => {
                        tracing::error!("cannot read stdin: {error}");
                        break;
                    }
                }
            }
        });
    if let Err(error) = spawned {
        tracing::error!("cannot start the input thread: {error}");
    }
    chunks
}

/// What a session may do and how it ends.
#[derive(Clone, Debug)]
pub struct SessionOptions {
    /// Once the input has ended, how long the requests under way may take to finish.
    pub grace: Duration,
}

impl Default for SessionOptions {
    fn default() -> Self {
        SessionOptions {
            grace: Duration::from_secs(1),
        }
    }
}

/// How a session ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The client sent `exit`.
    Exit { after_shutdown: bool },
    /// The input ended.
    EndOfInput { after_shutdown: bool },
}

impl Ending {
    /// The exit code LSP asks for: 0 if `shutdown` came first, else 1.
    pub fn exit_code(self) -> u8 {
        match self {
            Ending::Exit { after_shutdown } | Ending::EndOfInput { after_shutdown } => {
                u8::from(!after_shutdown)
            }
        }
    }
}

type Handled = Pin<Box<dyn Future<Output = Option<Response>> + Send>>;

/// How many of the loop's own messages may wait for the output before it stops reading input.
const OUTBOX_LIMIT: usize = 256;

/// Serves one session: messages from `input` (bytes as they arrive; the end of the channel
/// is the end of the input) to `service`, answers to `output`.
///
/// The loop never waits on the output itself: the handlers it polls write to the same
/// output, and a handler that got room in it must be polled to use it. Its own messages
/// (answers, errors, requests to the client) go to an outbox that a branch of the loop
/// drains.
pub async fn serve<S>(
    mut service: LspService<S>,
    socket: ClientSocket,
    mut input: mpsc::Receiver<Vec<u8>>,
    output: Output,
    options: &SessionOptions,
) -> Ending
where
    S: tower_lsp_server::LanguageServer,
{
    let (mut to_client, mut from_client) = socket.split();
    let mut framer = Framer::default();
    let mut tasks: FuturesUnordered<Handled> = FuturesUnordered::new();
    let mut outbox: VecDeque<Vec<u8>> = VecDeque::new();
    // Ids of the requests we sent the client that it has not answered.
    let mut awaiting: HashSet<Id> = HashSet::new();
    let mut after_shutdown = false;
    let mut input_open = true;
    let mut deadline: Option<tokio::time::Instant> = None;
    let ending = 'session: loop {
        while let Some(frame) = framer.next_frame() {
            let body = match frame {
                Frame::Message(body) => body,
                Frame::Bad(problem) => {
                    tracing::warn!("malformed message from the client: {problem}");
                    outbox.extend(to_body(&error_response(
                        None,
                        ErrorCode::ParseError,
                        problem,
                    )));
                    continue;
                }
            };
            match classify(&body) {
                Incoming::Request(request) => {
                    let method = request.method();
                    tracing::trace!(method, id = ?request.id(), "received");
                    if method == "exit" {
                        tracing::info!(after_shutdown, "exit");
                        break 'session Ending::Exit { after_shutdown };
                    }
                    if method.starts_with("$/") {
                        if let Some(id) = request.id() {
                            let message = format!("no request {method}");
                            outbox.extend(to_body(&error_response(
                                Some(id.clone()),
                                ErrorCode::MethodNotFound,
                                message,
                            )));
                            continue;
                        }
                    }
                    if method == "shutdown" {
                        after_shutdown = true;
                    }
                    // tower-lsp-server's service is always ready until `exit`, which is
                    // handled here.
                    let ready = std::future::poll_fn(|cx| service.poll_ready(cx)).await;
                    if ready.is_err() {
                        break 'session Ending::Exit { after_shutdown };
                    }
                    tasks.push(handle(&mut service, request));
                }
                Incoming::Response(response) => {
                    tracing::trace!(id = %response.id(), "response received");
                    awaiting.remove(response.id());
                    let _ = from_client.send(response).await;
                }
                Incoming::BadResponse(id) => {
                    tracing::warn!("malformed response from the client");
                    if let Some(id) = id.filter(|id| awaiting.remove(id)) {
                        let failed = Error {
                            code: ErrorCode::InvalidRequest,
                            message: "the client's answer was malformed".into(),
                            data: None,
                        };
                        let _ = from_client.send(Response::from_error(id, failed)).await;
                    }
                }
                Incoming::Invalid { id, code, message } => {
                    tracing::warn!("invalid message from the client: {message}");
                    outbox.extend(to_body(&error_response(id, code, message)));
                }
            }
        }
        if !input_open && tasks.is_empty() {
            break 'session Ending::EndOfInput { after_shutdown };
        }
        let until = deadline.unwrap_or_else(tokio::time::Instant::now);
        tokio::select! {
            room = output.0.reserve(), if !outbox.is_empty() => match (room, outbox.pop_front()) {
                (Ok(room), Some(body)) => room.send(Out::Message(body)),
                // The writer thread is gone: there is no one to tell.
                _ => outbox.clear(),
            },
            chunk = input.recv(), if input_open && outbox.len() < OUTBOX_LIMIT => match chunk {
                Some(bytes) => framer.push(&bytes),
                None => {
                    input_open = false;
                    framer.finish();
                    deadline = Some(tokio::time::Instant::now() + options.grace);
                    // Nobody will answer our requests now: fail them, so that the handlers
                    // waiting on them finish.
                    for id in std::mem::take(&mut awaiting) {
                        let _ = from_client.send(Response::from_error(id, client_gone())).await;
                    }
                }
            },
            Some(response) = tasks.next(), if !tasks.is_empty() => {
                outbox.extend(response.map(redact_response).as_ref().and_then(to_body));
            },
            Some(request) = to_client.next() => {
                if let Some(id) = request.id() {
                    if input_open {
                        awaiting.insert(id.clone());
                    } else {
                        let _ = from_client
                            .send(Response::from_error(id.clone(), client_gone()))
                            .await;
                    }
                }
                outbox.extend(to_body(&redact_request(request)));
            },
            _ = tokio::time::sleep_until(until), if deadline.is_some() => {
                tracing::warn!(
                    under_way = tasks.len(),
                    "the input ended; requests still under way are dropped"
                );
                break 'session Ending::EndOfInput { after_shutdown };
            },
        }
    };
    // What is under way is dropped (and with it any room in the output it held); what the
    // loop answered goes out, for as long as the client reads.
    drop(tasks);
    for body in outbox {
        if tokio::time::timeout(Duration::from_millis(500), output.send(body))
            .await
            .is_err()
        {
            break;
        }
    }
    ending
}

/// An answer with secret-shaped text masked in every string (`redact_secrets`), wherever a
/// feature quoted a value: symbol names and details, hover texts, titles, error messages and
/// data (the method name of `MethodNotFound`). The text of an edit stays: it is the user's own,
/// applied to the user's file.
fn redact_response(response: Response) -> Response {
    let (id, result) = response.into_parts();
    let result = match result {
        Ok(mut value) => {
            redact_value(&mut value);
            Ok(value)
        }
        Err(mut error) => {
            if let Cow::Owned(message) = redact_secrets(&error.message) {
                error.message = message.into();
            }
            if let Some(data) = error.data.as_mut() {
                redact_value(data);
            }
            Err(error)
        }
    };
    Response::from_parts(id, result)
}

/// A request or notification to the client (a message shown, progress) with secret-shaped
/// text masked.
fn redact_request(request: Request) -> Request {
    let (method, id, params) = request.into_parts();
    let mut builder = Request::build(method);
    if let Some(mut params) = params {
        redact_value(&mut params);
        builder = builder.params(params);
    }
    if let Some(id) = id {
        builder = builder.id(id);
    }
    builder.finish()
}

/// Masks secret-shaped text in every string of `value`, but in edits (`newText`,
/// `insertText`: the user's own text) and document addresses (`uri`, `targetUri`: the
/// client's; a document link's `target`: a path or URL from the user's file, which a mask
/// would break).
fn redact_value(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let Cow::Owned(masked) = redact_secrets(text) {
                *text = masked;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_value),
        serde_json::Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                if !matches!(
                    key.as_str(),
                    "newText" | "insertText" | "uri" | "targetUri" | "target"
                ) {
                    redact_value(item);
                }
            }
        }
        _ => {}
    }
}

/// Calls the service; the future answers the request, or `-32603` if the handler panics.
fn handle<S>(service: &mut LspService<S>, request: Request) -> Handled
where
    S: tower_lsp_server::LanguageServer,
{
    let id = request.id().cloned();
    let method = request.method().to_string();
    let call = service.call(request);
    Box::pin(async move {
        match AssertUnwindSafe(call).catch_unwind().await {
            Ok(Ok(response)) => response,
            Ok(Err(_exited)) => None,
            Err(_) => {
                tracing::error!(method, "the handler panicked");
                id.map(|id| Response::from_error(id, Error::internal_error()))
            }
        }
    })
}

fn client_gone() -> Error {
    Error {
        code: ErrorCode::RequestCancelled,
        message: "the client closed the connection".into(),
        data: None,
    }
}

fn error_response(id: Option<Id>, code: ErrorCode, message: impl Into<String>) -> Response {
    Response::from_error(
        id.unwrap_or(Id::Null),
        Error {
            code,
            message: message.into().into(),
            data: None,
        },
    )
}

/// A message as tower-lsp-server decodes it: the same types in the same order, so that what
/// passes here is exactly what the library accepts.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Message {
    Response(Response),
    Request(Request),
}

/// What a message body is.
#[derive(Debug)]
pub enum Incoming {
    Request(Request),
    Response(Response),
    /// Shaped like a response (no `method`; a `result` or an `error`) but not a valid one.
    /// Never answered (JSON-RPC answers no response); the request it answers is failed.
    BadResponse(Option<Id>),
    /// Answered with an error response.
    Invalid {
        id: Option<Id>,
        code: ErrorCode,
        message: String,
    },
}

/// Classifies one message body. The messages say what is wrong without quoting the input,
/// which may hold anything (a document with secrets in it).
pub fn classify(body: &[u8]) -> Incoming {
    if let Ok(message) = serde_json::from_slice::<Message>(body) {
        return match message {
            Message::Request(request) => Incoming::Request(request),
            Message::Response(response) => Incoming::Response(response),
        };
    }
    let object = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(serde_json::Value::Object(object)) => object,
        Ok(_) => {
            return Incoming::Invalid {
                id: None,
                code: ErrorCode::InvalidRequest,
                message: "invalid request: a message must be a JSON object".to_string(),
            }
        }
        Err(_) => {
            return Incoming::Invalid {
                id: None,
                code: ErrorCode::ParseError,
                message: "parse error: the message is not JSON".to_string(),
            }
        }
    };
    let id = match object.get("id") {
        Some(serde_json::Value::Number(n)) => n.as_i64().map(Id::Number),
        Some(serde_json::Value::String(s)) => Some(Id::String(s.clone())),
        _ => None,
    };
    if !object.contains_key("method")
        && (object.contains_key("result") || object.contains_key("error"))
    {
        return Incoming::BadResponse(id);
    }
    let problem = if object.get("jsonrpc").and_then(|v| v.as_str()) != Some("2.0") {
        "`jsonrpc` must be \"2.0\""
    } else if object
        .get("id")
        .is_some_and(|v| !(v.is_null() || v.is_string() || v.is_i64()))
    {
        "`id` must be an integer or a string"
    } else if object.get("method").is_some_and(|v| !v.is_string()) {
        "`method` must be a string"
    } else {
        "not a JSON-RPC request, notification or response"
    };
    Incoming::Invalid {
        id,
        code: ErrorCode::InvalidRequest,
        message: format!("invalid request: {problem}"),
    }
}

/// One unit of the input.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A message body.
    Message(Vec<u8>),
    /// Bytes that were not a well-framed message (already skipped), and why.
    Bad(&'static str),
}

/// Cuts a byte stream into message bodies (`Content-Length: N`, other headers ignored, a
/// blank line, N bytes). After a bad frame it skips to the next `Content-Length` header; a
/// body that holds one was shorter than it said, and the stream resumes at that header.
/// Memory stays bounded by the largest message allowed ([`MAX_MESSAGE`]).
#[derive(Default)]
pub struct Framer {
    buffer: Vec<u8>,
    /// Where the unread part of `buffer` starts.
    start: usize,
    state: State,
    ended: bool,
}

#[derive(Clone, Copy, Debug, Default)]
enum State {
    /// Before a header: whitespace is skipped.
    #[default]
    Between,
    /// In a header block that starts at `start`.
    Header,
    /// In a body of `length` bytes that starts at `start`, searched for a header line up to
    /// `start + scanned`.
    Body { length: usize, scanned: usize },
    /// Skipping to the next `Content-Length` header line that starts at or after
    /// `start + after` and ends after `start + from`.
    Skipping { from: usize, after: usize },
}

impl Framer {
    /// Adds bytes received.
    pub fn push(&mut self, bytes: &[u8]) {
        if self.start > 0 && self.start >= self.buffer.len() / 2 {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        self.buffer.extend_from_slice(bytes);
    }

    /// The input has ended: a message cut short is reported by the next [`Framer::next_frame`].
    pub fn finish(&mut self) {
        self.ended = true;
    }

    fn unread(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// Moves past `offset` bytes of the unread part, into `state`.
    fn skip_to(&mut self, offset: usize, state: State) {
        self.start += offset;
        self.state = state;
    }

    /// The next frame, or `None` until more bytes come.
    pub fn next_frame(&mut self) -> Option<Frame> {
        loop {
            match self.state {
                State::Between => {
                    let blank = self
                        .unread()
                        .iter()
                        .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                        .count();
                    self.start += blank;
                    if self.unread().is_empty() {
                        return None;
                    }
                    self.state = State::Header;
                }
                State::Header => match header_end(self.unread()) {
                    Some((block, total)) => match parse_header(&self.unread()[..block]) {
                        Ok(length) if length > MAX_MESSAGE => {
                            self.skip_to(total, State::Skipping { from: 0, after: 0 });
                            return Some(Frame::Bad("message larger than 256 MiB refused"));
                        }
                        Ok(length) => self.skip_to(total, State::Body { length, scanned: 0 }),
                        Err(problem) => {
                            self.state = State::Skipping { from: 0, after: 1 };
                            return Some(Frame::Bad(problem));
                        }
                    },
                    None if self.unread().len() > MAX_HEADER => {
                        self.state = State::Skipping { from: 0, after: 1 };
                        return Some(Frame::Bad("header too long"));
                    }
                    None if self.ended => {
                        self.skip_to(self.unread().len(), State::Between);
                        return Some(Frame::Bad("the input ended inside a header"));
                    }
                    None => return None,
                },
                State::Body { length, scanned } => {
                    let available = self.unread().len().min(length);
                    // A header inside the body: the message was shorter than it said.
                    if let Some(at) = find_header(&self.unread()[..available], scanned, 0) {
                        self.skip_to(at, State::Header);
                        return Some(Frame::Bad("message shorter than its Content-Length"));
                    }
                    if available == length {
                        let body = self.unread()[..length].to_vec();
                        self.skip_to(length, State::Between);
                        return Some(Frame::Message(body));
                    }
                    if self.ended {
                        self.skip_to(available, State::Between);
                        return Some(Frame::Bad("the input ended inside a message"));
                    }
                    self.state = State::Body {
                        length,
                        scanned: available,
                    };
                    return None;
                }
                State::Skipping { from, after } => match find_header(self.unread(), from, after) {
                    Some(at) => self.skip_to(at, State::Header),
                    None => {
                        let all = self.unread().len();
                        if self.ended {
                            self.skip_to(all, State::Between);
                            return None;
                        }
                        // Keep what may be a header line whose end has not come yet.
                        let keep = LONGEST_HEADER_LINE.min(all);
                        self.skip_to(
                            all - keep,
                            State::Skipping {
                                from: keep,
                                after: 0,
                            },
                        );
                        return None;
                    }
                },
            }
        }
    }
}

/// The name of the one header that matters, as it is searched for (in any case).
const CONTENT_LENGTH: &[u8] = b"content-length";

/// The longest `Content-Length: N` line that is searched for when resynchronising.
const LONGEST_HEADER_LINE: usize = 96;

/// A header ends at the first blank line: `(length of the header lines, length with the
/// blank line)`.
fn header_end(bytes: &[u8]) -> Option<(usize, usize)> {
    let limit = bytes.len().min(MAX_HEADER + 4);
    let mut from = 0;
    while let Some(i) = bytes[from..limit].iter().position(|&b| b == b'\n') {
        let i = from + i;
        match bytes.get(i + 1..limit) {
            Some([b'\n', ..]) => return Some((i, i + 2)),
            Some([b'\r', b'\n', ..]) => return Some((i, i + 3)),
            _ => {}
        }
        from = i + 1;
    }
    None
}

/// The body length a header block declares.
fn parse_header(block: &[u8]) -> Result<usize, &'static str> {
    let mut length = None;
    for line in block.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Err("malformed header line");
        };
        let name = line[..colon].trim_ascii();
        if !name.eq_ignore_ascii_case(CONTENT_LENGTH) {
            continue;
        }
        let value = std::str::from_utf8(line[colon + 1..].trim_ascii())
            .ok()
            .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|v| v.parse::<usize>().ok())
            .ok_or("bad Content-Length")?;
        if length.is_some_and(|l| l != value) {
            return Err("two different Content-Length headers");
        }
        length = Some(value);
    }
    length.ok_or("missing Content-Length header")
}

/// Where the first `Content-Length: N` line that ends at a `\n` at or after `from` and
/// starts at or after `after` starts (any case, spaces or tabs around `:`, `\r\n` or `\n`).
/// Such a line never occurs in a JSON body: JSON has no raw line break inside a string, and
/// the name is no JSON token.
fn find_header(bytes: &[u8], from: usize, after: usize) -> Option<usize> {
    let mut at = from;
    while let Some(i) = bytes.get(at..)?.iter().position(|&b| b == b'\n') {
        let newline = at + i;
        if let Some(start) = header_line_ending_at(&bytes[..newline]).filter(|&s| s >= after) {
            return Some(start);
        }
        at = newline + 1;
    }
    None
}

/// Where a `Content-Length: N` line that ends at the end of `line` (before its `\n`) starts.
fn header_line_ending_at(line: &[u8]) -> Option<usize> {
    let mut end = line.len();
    let back = |end: &mut usize, accept: fn(u8) -> bool, most: usize| -> usize {
        let mut taken = 0;
        while taken < most && *end > 0 && accept(line[*end - 1]) {
            *end -= 1;
            taken += 1;
        }
        taken
    };
    let blank = |b: u8| b == b' ' || b == b'\t';
    back(&mut end, |b| b == b'\r', 1);
    back(&mut end, blank, 16);
    if back(&mut end, |b| b.is_ascii_digit(), 21) == 0 {
        return None;
    }
    back(&mut end, blank, 16);
    if back(&mut end, |b| b == b':', 1) == 0 {
        return None;
    }
    back(&mut end, blank, 16);
    let start = end.checked_sub(CONTENT_LENGTH.len())?;
    line[start..end]
        .eq_ignore_ascii_case(CONTENT_LENGTH)
        .then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn frames(chunks: &[&[u8]]) -> Vec<Frame> {
        let mut framer = Framer::default();
        let mut out = Vec::new();
        for chunk in chunks {
            framer.push(chunk);
            while let Some(frame) = framer.next_frame() {
                out.push(frame);
            }
        }
        framer.finish();
        while let Some(frame) = framer.next_frame() {
            out.push(frame);
        }
        out
    }

    fn body(text: &str) -> Frame {
        Frame::Message(text.as_bytes().to_vec())
    }

    #[test]
    fn whole_messages_in_any_chunks() {
        let stream = [message("{\"a\":1}"), message("{}")].concat();
        for size in [1, 2, 7, stream.len()] {
            let chunks: Vec<&[u8]> = stream.chunks(size).collect();
            assert_eq!(frames(&chunks), vec![body("{\"a\":1}"), body("{}")]);
        }
        // Any case, other headers, LF-only lines, blank lines between messages.
        let loose = b"\r\n\ncontent-length:2\nContent-Type: x\n\n{}\n";
        assert_eq!(frames(&[loose]), vec![body("{}")]);
    }

    #[test]
    fn resynchronises_after_a_bad_header() {
        let next = message("{\"ok\":1}");
        for bad in [
            &b"Content-Length: abc\r\n\r\n{\"x\":1}"[..],
            b"Content-Type: x\r\n\r\n{\"x\":1}",
            b"garbage",
            b"Content-Length: 99999999999999999999999\r\n\r\n",
            // A good length line, then a bad one: the search starts past it.
            b"Content-Length: 5\r\nno colon\r\n\r\n{\"x\"}",
            // Garbage glued to the next header.
            b"}}",
        ] {
            let stream = [bad, &next[..]].concat();
            let got = frames(&[&stream]);
            assert_eq!(got.len(), 2, "{:?}", String::from_utf8_lossy(bad));
            assert!(matches!(got[0], Frame::Bad(_)));
            assert_eq!(got[1], body("{\"ok\":1}"));
        }
    }

    #[test]
    fn a_body_shorter_than_declared_gives_way_to_the_next_header() {
        let short = b"Content-Length: 100\r\n\r\n{\"short\":1}";
        let next = message("{\"ok\":1}");
        let stream = [&short[..], &next[..]].concat();
        for size in [1, 5, stream.len()] {
            let chunks: Vec<&[u8]> = stream.chunks(size).collect();
            assert_eq!(
                frames(&chunks),
                vec![
                    Frame::Bad("message shorter than its Content-Length"),
                    body("{\"ok\":1}")
                ]
            );
        }
    }

    #[test]
    fn refuses_huge_messages_and_headers_without_buffering_them() {
        let mut framer = Framer::default();
        framer.push(format!("Content-Length: {}\r\n\r\n", MAX_MESSAGE + 1).as_bytes());
        assert!(matches!(framer.next_frame(), Some(Frame::Bad(_))));
        for _ in 0..100 {
            framer.push(&[b'x'; 4096]);
            assert_eq!(framer.next_frame(), None);
        }
        assert!(framer.buffer.len() < 8192, "{}", framer.buffer.len());
        framer.push(&message("{}"));
        assert_eq!(framer.next_frame(), Some(body("{}")));

        let mut framer = Framer::default();
        framer.push(&[b'y'; MAX_HEADER + 10]);
        assert_eq!(framer.next_frame(), Some(Frame::Bad("header too long")));
        assert_eq!(framer.next_frame(), None);
        assert!(framer.unread().len() <= LONGEST_HEADER_LINE);
    }

    #[test]
    fn the_end_of_the_input_inside_a_message_is_reported() {
        assert_eq!(
            frames(&[b"Content-Length: 10\r\n\r\n{}"]),
            vec![Frame::Bad("the input ended inside a message")]
        );
        assert_eq!(
            frames(&[b"Content-Length: 10\r\n"]),
            vec![Frame::Bad("the input ended inside a header")]
        );
    }

    #[test]
    fn classifies_without_quoting_the_input() {
        assert!(matches!(
            classify(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#),
            Incoming::Request(_)
        ));
        assert!(matches!(
            classify(br#"{"jsonrpc":"2.0","id":1,"result":null}"#),
            Incoming::Response(_)
        ));
        let cases: [(&[u8], Option<Id>, &str); 5] = [
            (b"{}", None, "invalid request: `jsonrpc` must be \"2.0\""),
            (
                br#"{"jsonrpc":"2.0","id":{},"method":"x"}"#,
                None,
                "invalid request: `id` must be an integer or a string",
            ),
            (
                br#"{"id":7,"method":"secret"}"#,
                Some(Id::Number(7)),
                "invalid request: `jsonrpc` must be \"2.0\"",
            ),
            (
                b"[1]",
                None,
                "invalid request: a message must be a JSON object",
            ),
            (b"{secret", None, "parse error: the message is not JSON"),
        ];
        for (input, want_id, want) in cases {
            match classify(input) {
                Incoming::Invalid { id, message, .. } => {
                    assert_eq!((id, message.as_str()), (want_id, want));
                }
                other => panic!("{other:?}"),
            }
        }
        assert!(matches!(
            classify(br#"{"id":3,"result":1}"#),
            Incoming::BadResponse(Some(Id::Number(3)))
        ));
    }
}
