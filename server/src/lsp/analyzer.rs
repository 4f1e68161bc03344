//! One thread that runs every analysis, one at a time, and frees old ones once the answer is
//! out.
//!
//! Analyses of large files allocate tens of megabytes. On one thread they reuse one
//! allocator arena instead of leaving freed memory in one arena per pool thread, which kept
//! resident memory growing with each edit; and the tokio threads stay free for requests.

use super::workspace::{analyse, Analysis, Snapshot};
use crate::cli::host::RealHost;
use aws_config_lsp_core::lint::Host;
use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::Arc;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

struct Job {
    snapshot: Snapshot,
    now: i64,
    reply: oneshot::Sender<Analysis>,
}

enum Message {
    Analyse(Job),
    /// The answer has been published: free what the last jobs left behind.
    Free,
}

pub struct Analyzer {
    messages: Mutex<mpsc::Sender<Message>>,
}

impl Analyzer {
    pub fn start() -> Analyzer {
        let (messages, receiver) = mpsc::channel::<Message>();
        std::thread::Builder::new()
            .name("analysis".to_string())
            .spawn(move || {
                let host = CachingHost::new(RealHost::from_env());
                // Freeing a large model takes milliseconds: not before the answer, and not
                // while it is being sent (on two cores that competes with sending it, and
                // freeing from another thread contends for this thread's allocator arena),
                // but once it is published. At most two analyses stay alive: the kept one
                // and the one being built.
                let mut garbage: Vec<Arc<Analysis>> = Vec::new();
                for message in receiver {
                    let mut job = match message {
                        Message::Analyse(job) => job,
                        Message::Free => {
                            garbage.clear();
                            continue;
                        }
                    };
                    garbage.extend(job.snapshot.stale.take());
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        analyse(job.snapshot, job.now, &host)
                    }));
                    match result {
                        Ok(analysis) => {
                            let _ = job.reply.send(analysis);
                        }
                        Err(_) => tracing::error!("analysis panicked"),
                    }
                }
            })
            .expect("start the analysis thread");
        Analyzer {
            messages: Mutex::new(messages),
        }
    }

    fn send(&self, message: Message) -> Option<()> {
        self.messages
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .send(message)
            .ok()
    }

    /// Analyses a snapshot on the analysis thread. `None` if the analysis panicked.
    pub async fn analyse(&self, snapshot: Snapshot, now: i64) -> Option<Analysis> {
        let (reply, answer) = oneshot::channel();
        self.send(Message::Analyse(Job {
            snapshot,
            now,
            reply,
        }))?;
        answer.await.ok()
    }

    /// Says that the latest answers are out: previous analyses may be freed now.
    pub fn free(&self) {
        self.send(Message::Free);
    }
}

/// Remembers the host's answers for a few seconds: a file with hundreds of
/// `credential_process` or `web_identity_token_file` entries would otherwise cost hundreds of
/// `stat` calls per keystroke.
struct CachingHost {
    host: RealHost,
    files: Mutex<HashMap<String, (Option<bool>, Instant)>>,
    programs: Mutex<HashMap<String, (Option<bool>, Instant)>>,
}

const HOST_CACHE_TTL: Duration = Duration::from_secs(3);

impl CachingHost {
    fn new(host: RealHost) -> CachingHost {
        CachingHost {
            host,
            files: Mutex::new(HashMap::new()),
            programs: Mutex::new(HashMap::new()),
        }
    }
}

fn cached(
    cache: &Mutex<HashMap<String, (Option<bool>, Instant)>>,
    key: &str,
    ask: impl FnOnce() -> Option<bool>,
) -> Option<bool> {
    let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
    let now = Instant::now();
    if let Some((answer, at)) = cache.get(key) {
        if now.duration_since(*at) < HOST_CACHE_TTL {
            return *answer;
        }
    }
    if cache.len() > 100_000 {
        cache.clear();
    }
    let answer = ask();
    cache.insert(key.to_string(), (answer, now));
    answer
}

impl Host for CachingHost {
    fn file_exists(&self, path: &str) -> Option<bool> {
        cached(&self.files, path, || self.host.file_exists(path))
    }

    fn program_on_path(&self, program: &str) -> Option<bool> {
        cached(&self.programs, program, || {
            self.host.program_on_path(program)
        })
    }
}
