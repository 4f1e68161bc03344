//! One thread that runs every analysis, one at a time, and frees old ones before it builds
//! the next one, or once the answer is out.
//!
//! Analyses of large files allocate tens of megabytes. On one thread they reuse one
//! allocator arena instead of leaving freed memory in one arena per pool thread, which kept
//! resident memory growing with each edit; and the tokio threads stay free for requests.
//!
//! Edits come faster than a large file is analysed. A newer edit supersedes the analyses of
//! older versions of the same group of files: a waiting one is dropped before it starts, and
//! a running one stops at its next phase (model, rules) unless a request waits for it. Only
//! the newest version of a group is analysed and published, however many edits came while
//! the last analysis ran. Requests always get an answer; a request and an edit that see the
//! same version share one analysis.

use super::workspace::{analyse, Analysis, GroupKey, Snapshot};
use crate::cli::host::RealHost;
use aws_config_lsp_core::lint::Host;
use aws_config_lsp_core::machine::{CacheFile, GitStatus};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// Why an analysis is wanted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// To publish diagnostics after an edit: a newer version makes it pointless.
    Publish,
    /// To answer a request: it is answered whatever comes after.
    Request,
}

struct Waiter {
    purpose: Purpose,
    reply: oneshot::Sender<Arc<Analysis>>,
}

struct Job {
    snapshot: Snapshot,
    now: i64,
    waiters: Vec<Waiter>,
}

/// The job on the analysis thread: its group and version, who waits for it, and whether it
/// may stop.
struct Running {
    key: GroupKey,
    generation: u64,
    waiters: Vec<Waiter>,
    cancelled: Arc<AtomicBool>,
}

#[derive(Default)]
struct State {
    jobs: VecDeque<Job>,
    running: Option<Running>,
    /// Previous analyses, dropped on the analysis thread before the next analysis or once
    /// the answer is published.
    garbage: Vec<Arc<Analysis>>,
    free: bool,
    /// How many analyses were skipped or stopped because a newer version came (for logs and
    /// tests).
    superseded: u64,
    /// The machine changed (a watched file: the SSO token cache after `aws sso login`): the
    /// next analysis asks the host again instead of taking its remembered answers.
    forget_host: bool,
}

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }
}

pub struct Analyzer {
    shared: Arc<Shared>,
}

impl Analyzer {
    pub fn start() -> Analyzer {
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            wake: Condvar::new(),
        });
        let worker = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("analysis".to_string())
            .spawn(move || run(&worker))
            .expect("start the analysis thread");
        Analyzer { shared }
    }

    /// Analyses a snapshot on the analysis thread. `None` when the analysis panicked, or,
    /// for [`Purpose::Publish`], when a newer version of the group superseded it.
    pub async fn analyse(
        &self,
        mut snapshot: Snapshot,
        now: i64,
        purpose: Purpose,
    ) -> Option<Arc<Analysis>> {
        let (reply, answer) = oneshot::channel();
        let waiter = Waiter { purpose, reply };
        {
            let mut state = self.shared.lock();
            // Freeing a large model takes milliseconds: not here on an async thread, and not
            // before the answer is out.
            state.garbage.extend(snapshot.stale.take());
            submit(&mut state, snapshot, now, waiter);
        }
        self.shared.wake.notify_one();
        answer.await.ok()
    }

    /// Hands an analysis over to be dropped on the analysis thread.
    pub fn discard(&self, analysis: Option<Arc<Analysis>>) {
        if let Some(analysis) = analysis {
            self.shared.lock().garbage.push(analysis);
        }
    }

    /// Says that the machine changed: analyses from now on ask the host afresh.
    pub fn forget_host_answers(&self) {
        self.shared.lock().forget_host = true;
    }

    /// Says that the latest answers are out: previous analyses may be freed now, and memory
    /// freed meanwhile (a large answer's) given back once the server is idle.
    pub fn free(&self) {
        self.shared.lock().free = true;
        self.shared.wake.notify_one();
    }
}

/// Queues a job, merged with what is already there: the same version of the group is
/// analysed once for every waiter, and older versions of it are not analysed for publishing.
fn submit(state: &mut State, snapshot: Snapshot, now: i64, waiter: Waiter) {
    let (key, generation) = (snapshot.key.clone(), snapshot.generation);
    // Older versions are not worth publishing any more.
    let mut superseded = 0;
    if let Some(running) = state
        .running
        .as_mut()
        .filter(|r| r.key == key && r.generation < generation)
    {
        let before = running.waiters.len();
        running.waiters.retain(|w| w.purpose == Purpose::Request);
        if running.waiters.is_empty() && before > 0 {
            running.cancelled.store(true, Ordering::Relaxed);
            superseded += 1;
        }
    }
    state.jobs.retain_mut(|job| {
        if job.snapshot.key != key || job.snapshot.generation >= generation {
            return true;
        }
        job.waiters.retain(|w| w.purpose == Purpose::Request);
        if job.waiters.is_empty() {
            superseded += 1;
        }
        !job.waiters.is_empty()
    });
    state.superseded += superseded;
    if superseded > 0 {
        tracing::debug!(
            generation,
            superseded,
            total = state.superseded,
            "older analyses superseded"
        );
    }
    // The same version already running or waiting: share its result.
    if let Some(running) = state
        .running
        .as_mut()
        .filter(|r| r.key == key && r.generation == generation)
    {
        if !running.cancelled.load(Ordering::Relaxed) {
            running.waiters.push(waiter);
            return;
        }
    }
    if let Some(job) = state
        .jobs
        .iter_mut()
        .find(|j| j.snapshot.key == key && j.snapshot.generation == generation)
    {
        job.waiters.push(waiter);
        return;
    }
    state.jobs.push_back(Job {
        snapshot,
        now,
        waiters: vec![waiter],
    });
}

/// How long the analysis thread waits without work before it gives freed memory back.
const IDLE: Duration = Duration::from_millis(200);

/// The analysis thread: one job at a time; old analyses freed before the next one or when
/// the answers are out, and freed memory given back to the system once edits pause.
fn run(shared: &Shared) {
    let mut host = CachingHost::new(RealHost::from_env());
    // Whether an analysis ran since memory was last given back.
    let mut worked = false;
    loop {
        let (job, cancelled) = {
            let mut state = shared.lock();
            loop {
                if state.free {
                    state.free = false;
                    // Something was freed, here or elsewhere: worth a trim once idle.
                    worked = true;
                    let garbage = std::mem::take(&mut state.garbage);
                    if !garbage.is_empty() {
                        drop(state);
                        drop(garbage);
                        state = shared.lock();
                        continue;
                    }
                }
                if !state.jobs.is_empty() {
                    break;
                }
                if !worked {
                    state = shared.wake.wait(state).unwrap_or_else(|p| p.into_inner());
                    continue;
                }
                let (guard, waited) = shared
                    .wake
                    .wait_timeout(state, IDLE)
                    .unwrap_or_else(|p| p.into_inner());
                state = guard;
                if waited.timed_out() && state.jobs.is_empty() && !state.free {
                    // A pause in the typing: give what the last analyses freed back.
                    drop(state);
                    release_free_memory();
                    worked = false;
                    state = shared.lock();
                }
            }
            worked = true;
            if std::mem::take(&mut state.forget_host) {
                host = CachingHost::new(RealHost::from_env());
            }
            let mut job = state.jobs.pop_front().expect("a job");
            let cancelled = Arc::new(AtomicBool::new(false));
            state.running = Some(Running {
                key: job.snapshot.key.clone(),
                generation: job.snapshot.generation,
                waiters: std::mem::take(&mut job.waiters),
                cancelled: Arc::clone(&cancelled),
            });
            // The analyses this one replaces go first: the new model then reuses their
            // memory, warm, instead of a second model's worth of fresh pages (10,000-profile
            // pair: 86 -> 51 MB resident right after a run of edits, and no slower).
            let garbage = std::mem::take(&mut state.garbage);
            drop(state);
            drop(garbage);
            (job, cancelled)
        };
        let stop = || cancelled.load(Ordering::Relaxed);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            analyse(job.snapshot, job.now, &host, &stop)
        }));
        let waiters = shared
            .lock()
            .running
            .take()
            .map(|r| r.waiters)
            .unwrap_or_default();
        match result {
            Ok(Some(analysis)) => {
                let analysis = Arc::new(analysis);
                for waiter in waiters {
                    let _ = waiter.reply.send(Arc::clone(&analysis));
                }
            }
            // Stopped for a newer version: the waiters (publishers only) learn it from the
            // closed channel.
            Ok(None) => {}
            Err(_) => tracing::error!("analysis panicked"),
        }
    }
}

/// Remembers the host's answers for a few seconds: a file with hundreds of
/// `credential_process` or `web_identity_token_file` entries would otherwise cost hundreds of
/// `stat` calls per keystroke, and every keystroke would read the SSO token cache and run git.
struct CachingHost {
    host: RealHost,
    files: Cache<Option<bool>>,
    programs: Cache<Option<bool>>,
    sso_cache: Cache<Option<CacheFile>>,
    modes: Cache<Option<u32>>,
    git: Cache<Option<GitStatus>>,
}

type Cache<T> = Mutex<HashMap<String, (T, Instant)>>;

const HOST_CACHE_TTL: Duration = Duration::from_secs(3);

impl CachingHost {
    fn new(host: RealHost) -> CachingHost {
        CachingHost {
            host,
            files: Mutex::default(),
            programs: Mutex::default(),
            sso_cache: Mutex::default(),
            modes: Mutex::default(),
            git: Mutex::default(),
        }
    }
}

fn cached<T: Clone>(cache: &Cache<T>, key: &str, ask: impl FnOnce() -> T) -> T {
    let mut cache = cache.lock().unwrap_or_else(|p| p.into_inner());
    let now = Instant::now();
    if let Some((answer, at)) = cache.get(key) {
        if now.duration_since(*at) < HOST_CACHE_TTL {
            return answer.clone();
        }
    }
    if cache.len() > 100_000 {
        cache.clear();
    }
    let answer = ask();
    cache.insert(key.to_string(), (answer.clone(), now));
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

    fn sso_cache_file(&self, name: &str) -> Option<CacheFile> {
        cached(&self.sso_cache, name, || self.host.sso_cache_file(name))
    }

    fn file_mode(&self, path: &str) -> Option<u32> {
        cached(&self.modes, path, || self.host.file_mode(path))
    }

    fn git_status(&self, path: &str) -> Option<GitStatus> {
        cached(&self.git, path, || self.host.git_status(path))
    }
}

/// Hands memory freed by old analyses back to the system. glibc keeps freed memory in its
/// arenas for reuse and returns it only from the top of a heap: after a few edits of a large
/// file the server stayed tens of megabytes above what it uses.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only releases free memory; it is safe to call at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::documents::Document;
    use crate::lsp::workspace::Workspace;
    use aws_config_lsp_core::FileKind;
    use tokio::sync::oneshot::error::TryRecvError;

    /// A workspace with one open document, to take snapshots of.
    fn workspace() -> Workspace {
        let mut workspace = Workspace::new(std::iter::empty());
        let uri: tower_lsp_server::ls_types::Uri = "file:///p/.aws/config".parse().unwrap();
        workspace.documents.insert(
            uri.as_str().to_string(),
            Document {
                uri,
                path: None,
                language_id: "aws-config".to_string(),
                rope: ropey::Rope::from_str("[default]\n"),
                version: 1,
                kind: FileKind::Config,
            },
        );
        workspace
    }

    fn snapshot(workspace: &mut Workspace, bump: bool) -> Snapshot {
        workspace.snapshot("file:///p/.aws/config", bump).unwrap()
    }

    fn waiter(purpose: Purpose) -> (Waiter, oneshot::Receiver<Arc<Analysis>>) {
        let (reply, answer) = oneshot::channel();
        (Waiter { purpose, reply }, answer)
    }

    fn generations(state: &State) -> Vec<(u64, usize)> {
        state
            .jobs
            .iter()
            .map(|j| (j.snapshot.generation, j.waiters.len()))
            .collect()
    }

    #[test]
    fn a_newer_version_drops_waiting_publications_of_older_ones() {
        let mut w = workspace();
        let mut state = State::default();
        let mut answers = Vec::new();
        for _ in 0..3 {
            let (waiter, answer) = waiter(Purpose::Publish);
            submit(&mut state, snapshot(&mut w, true), 0, waiter);
            answers.push(answer);
        }
        assert_eq!(generations(&state), [(3, 1)]);
        assert_eq!(state.superseded, 2);
        // The superseded publishers learn it at once: their channel is closed.
        assert_eq!(answers[0].try_recv().err(), Some(TryRecvError::Closed));
        assert_eq!(answers[1].try_recv().err(), Some(TryRecvError::Closed));
        assert_eq!(answers[2].try_recv().err(), Some(TryRecvError::Empty));
    }

    #[test]
    fn requests_are_answered_and_share_the_analysis_of_their_version() {
        let mut w = workspace();
        let mut state = State::default();
        let (request, mut request_answer) = waiter(Purpose::Request);
        submit(&mut state, snapshot(&mut w, true), 0, request);
        // A publication of the same version joins the request's job.
        let (publish, _publish_answer) = waiter(Purpose::Publish);
        submit(&mut state, snapshot(&mut w, false), 0, publish);
        assert_eq!(generations(&state), [(1, 2)]);
        // A newer version keeps the request (not the publication of the old version).
        let (newer, _newer_answer) = waiter(Purpose::Publish);
        submit(&mut state, snapshot(&mut w, true), 0, newer);
        assert_eq!(generations(&state), [(1, 1), (2, 1)]);
        assert_eq!(request_answer.try_recv().err(), Some(TryRecvError::Empty));
    }

    #[test]
    fn a_running_analysis_stops_for_a_newer_version_unless_a_request_waits() {
        let mut w = workspace();
        for (purpose, stops) in [(Purpose::Publish, true), (Purpose::Request, false)] {
            let mut state = State::default();
            let first = snapshot(&mut w, true);
            let cancelled = Arc::new(AtomicBool::new(false));
            let (running, _answer) = waiter(purpose);
            state.running = Some(Running {
                key: first.key.clone(),
                generation: first.generation,
                waiters: vec![running],
                cancelled: Arc::clone(&cancelled),
            });
            let (newer, _newer_answer) = waiter(Purpose::Publish);
            submit(&mut state, snapshot(&mut w, true), 0, newer);
            assert_eq!(cancelled.load(Ordering::Relaxed), stops, "{purpose:?}");
            let left = state.running.as_ref().unwrap().waiters.len();
            assert_eq!(left, usize::from(!stops), "{purpose:?}");
        }
    }
}
