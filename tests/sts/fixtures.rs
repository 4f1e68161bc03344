//! moto, the loopback responder, and the test files with one profile per case.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::channel;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, SystemTime};

/// The documented example secret: it must never appear in any output.
pub const EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
pub const EXAMPLE_KEY: &str = "AKIAIOSFODNN7EXAMPLE";

/// What the moto fixture created.
pub struct Moto {
    pub endpoint: String,
    pub user_arn: String,
    pub key_id: String,
    pub secret: String,
    pub deleted_key_id: String,
    pub deleted_secret: String,
    pub role_arn: String,
    /// A role whose trust policy does not name alice.
    pub locked_role_arn: String,
    // Kept open for the life of the test process: moto stops when its stdin closes.
    _stdin: Mutex<ChildStdin>,
    _child: Mutex<Child>,
}

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A Python that has moto: AWS_CONFIG_LSP_TEST_PYTHON, the venv of tests/sts/setup.sh, or
/// python3 if moto is installed there; else tests/sts/setup.sh installs it.
fn python() -> PathBuf {
    let has_moto = |python: &PathBuf| {
        Command::new(python)
            .args(["-c", "import moto, boto3, flask"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    let mut candidates = Vec::new();
    if let Some(python) = std::env::var_os("AWS_CONFIG_LSP_TEST_PYTHON") {
        candidates.push(PathBuf::from(python));
    }
    candidates.push(workspace_root().join("target/sts-venv/bin/python"));
    candidates.push(PathBuf::from("python3"));
    for python in &candidates {
        if has_moto(python) {
            return python.clone();
        }
    }
    // The test setup installs it, so that `cargo test --workspace` works on a fresh machine
    // (PyPI is reachable there); CI runs the same script before the tests.
    let venv = workspace_root().join("target/sts-venv/bin/python");
    let setup = Command::new("bash")
        .arg(workspace_root().join("tests/sts/setup.sh"))
        .status();
    if setup.is_ok_and(|s| s.success()) && has_moto(&venv) {
        return venv;
    }
    panic!(
        "moto is not installed (looked in {candidates:?}): run `bash tests/sts/setup.sh`, which installs \
         'moto[server]' from PyPI into target/sts-venv, or set AWS_CONFIG_LSP_TEST_PYTHON to a Python that has it"
    );
}

pub fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(|| {
        let script = workspace_root().join("tests/sts/moto_fixture.py");
        let mut child = Command::new(python())
            .arg(&script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the moto fixture");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("moto did not start within 120 s");
        let v: Value = serde_json::from_str(&line)
            .unwrap_or_else(|e| panic!("moto fixture printed {line:?}: {e}"));
        let s = |k: &str| v[k].as_str().unwrap().to_string();
        Moto {
            endpoint: s("endpoint"),
            user_arn: s("user_arn"),
            key_id: s("key_id"),
            secret: s("secret"),
            deleted_key_id: s("deleted_key_id"),
            deleted_secret: s("deleted_secret"),
            role_arn: s("role_arn"),
            locked_role_arn: s("locked_role_arn"),
            _stdin: Mutex::new(stdin),
            _child: Mutex::new(child),
        }
    })
}

/// How the responder answers.
#[derive(Clone, Copy)]
pub enum Answer {
    /// AWS's real ExpiredToken error.
    ExpiredToken,
    /// AWS's answer to a request signed 20 minutes late, with the server's `Date`.
    SkewedClock,
    /// An STS-compatible server with another error envelope (EC2's), which the SDK cannot
    /// read the code of.
    OtherEnvelope,
    /// A valid GetCallerIdentity answer from a server whose clock is 20 minutes ahead.
    SkewedSuccess,
    /// Accepts the connection and never answers.
    Never,
}

/// A loopback HTTP responder; returns its endpoint. Serves until the test process ends.
pub fn responder(answer: Answer) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            match answer {
                Answer::Never => kept.push(stream),
                _ => {
                    std::thread::spawn(move || respond(stream, answer));
                }
            }
        }
    });
    endpoint
}

fn http_date(unix: u64) -> String {
    // RFC 7231 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
    let days = unix / 86_400;
    let secs = unix % 86_400;
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][(days % 7) as usize];
    let (y, m, d) = aws_config_lsp_core::lint::timestamp::civil_from_days(days as i64);
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(m - 1) as usize];
    format!(
        "{weekday}, {d:02} {month} {y} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

fn respond(mut stream: TcpStream, answer: Answer) {
    // Read the request: headers, then the body by Content-Length.
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if line == "\r\n" {
            break;
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let now = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let (status, date, body) = match answer {
        Answer::ExpiredToken => (
            "400 Bad Request",
            now,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>ExpiredToken</Code>\n    <Message>The security token included in the request is expired</Message>\n  </Error>\n  <RequestId>4fd9f5c3-0000-4000-8000-000000000001</RequestId>\n</ErrorResponse>\n".to_string(),
        ),
        Answer::SkewedClock => {
            let server = now + 20 * 60;
            (
                "403 Forbidden",
                server,
                format!("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>SignatureDoesNotMatch</Code>\n    <Message>Signature expired: the request time is now earlier than the server time {} minus 15 min.</Message>\n  </Error>\n  <RequestId>4fd9f5c3-0000-4000-8000-000000000002</RequestId>\n</ErrorResponse>\n", http_date(server)),
            )
        }
        Answer::OtherEnvelope => (
            "403 Forbidden",
            now,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error></Errors><RequestID>4fd9f5c3-0000-4000-8000-000000000003</RequestID></Response>\n".to_string(),
        ),
        Answer::SkewedSuccess => (
            "200 OK",
            now + 20 * 60,
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <GetCallerIdentityResult>\n    <Arn>arn:aws:iam::123456789012:user/carol</Arn>\n    <UserId>AIDAEXAMPLEUSERID0001</UserId>\n    <Account>123456789012</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>4fd9f5c3-0000-4000-8000-000000000004</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n".to_string(),
        ),
        Answer::Never => unreachable!(),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\nDate: {}\r\nx-amzn-RequestId: 4fd9f5c3\r\nConnection: close\r\n\r\n{body}",
        body.len(),
        http_date(date)
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// An address on loopback where nothing listens.
pub fn closed_port() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    endpoint
}

/// One case: a profile, what it should give, and where the result should be shown.
pub struct Case {
    pub profile: &'static str,
    /// `sts-*`, or `valid`.
    pub code: &'static str,
    /// A text the message must contain.
    pub says: String,
    /// The key the diagnostic should be on (else the header): in the profile's credentials
    /// section, else in its config section.
    pub at_key: Option<&'static str>,
    /// Extra timeout for the case (seconds), when it needs a short one.
    pub timeout: Option<f64>,
}

/// The config and credentials texts with one profile per case, and the cases.
pub struct Files {
    pub config: String,
    pub credentials: String,
    pub cases: Vec<Case>,
}

pub fn files() -> Files {
    let m = moto();
    let expired = responder(Answer::ExpiredToken);
    let skewed = responder(Answer::SkewedClock);
    let envelope = responder(Answer::OtherEnvelope);
    let never = responder(Answer::Never);
    let closed = closed_port();
    let mut config = String::new();
    let mut credentials = String::new();
    let mut profile =
        |name: &str, endpoint: &str, extra: &str, creds: Option<(&str, &str, Option<&str>)>| {
            config.push_str(&format!(
                "[profile {name}]\nendpoint_url = {endpoint}\n{extra}\n"
            ));
            if let Some((id, secret, token)) = creds {
                credentials.push_str(&format!(
                    "[{name}]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\n"
                ));
                if let Some(token) = token {
                    credentials.push_str(&format!("aws_session_token = {token}\n"));
                }
                credentials.push('\n');
            }
        };
    profile("alice", &m.endpoint, "", Some((&m.key_id, &m.secret, None)));
    profile(
        "unknown",
        &m.endpoint,
        "",
        Some((EXAMPLE_KEY, EXAMPLE_SECRET, None)),
    );
    profile(
        "wrong-secret",
        &m.endpoint,
        "",
        Some((&m.key_id, EXAMPLE_SECRET, None)),
    );
    profile(
        "akia-with-token",
        &m.endpoint,
        "",
        Some((&m.key_id, &m.secret, Some("IQoJb3JpZ2luX2VjEXAMPLETOKEN"))),
    );
    profile(
        "deleted",
        &m.endpoint,
        "",
        Some((&m.deleted_key_id, &m.deleted_secret, None)),
    );
    profile(
        "dev",
        &m.endpoint,
        &format!("role_arn = {}\nsource_profile = alice\n", m.role_arn),
        None,
    );
    profile(
        "locked",
        &m.endpoint,
        &format!("role_arn = {}\nsource_profile = alice\n", m.locked_role_arn),
        None,
    );
    profile(
        "unreachable",
        &closed,
        "",
        Some((EXAMPLE_KEY, EXAMPLE_SECRET, None)),
    );
    profile(
        "expired",
        &expired,
        "",
        Some((
            "ASIAIOSFODNN7EXAMPLE",
            EXAMPLE_SECRET,
            Some("IQoJb3JpZ2luX2VjEXAMPLETOKEN"),
        )),
    );
    profile(
        "skewed",
        &skewed,
        "",
        Some((EXAMPLE_KEY, EXAMPLE_SECRET, None)),
    );
    profile(
        "envelope",
        &envelope,
        "",
        Some((EXAMPLE_KEY, EXAMPLE_SECRET, None)),
    );
    profile(
        "silent",
        &never,
        "",
        Some((EXAMPLE_KEY, EXAMPLE_SECRET, None)),
    );
    profile("nothing", &m.endpoint, "region = eu-west-1\n", None);
    let cases = vec![
        Case {
            profile: "alice",
            code: "valid",
            says: format!("Valid: {} (account 123456789012), checked ", m.user_arn),
            at_key: None,
            timeout: None,
        },
        Case {
            profile: "unknown",
            code: "sts-invalid-client-token-id",
            says: "the key was deleted or deactivated".to_string(),
            at_key: Some("aws_access_key_id"),
            timeout: None,
        },
        Case {
            profile: "wrong-secret",
            code: "sts-signature-does-not-match",
            says: "the secret access key does not belong to the access key".to_string(),
            at_key: Some("aws_secret_access_key"),
            timeout: None,
        },
        Case {
            profile: "akia-with-token",
            code: "sts-invalid-client-token-id",
            says: "Fix: remove `aws_session_token` from profile 'akia-with-token'".to_string(),
            at_key: Some("aws_session_token"),
            timeout: None,
        },
        Case {
            profile: "deleted",
            code: "sts-invalid-client-token-id",
            says: "1. the key was deleted or deactivated".to_string(),
            at_key: Some("aws_access_key_id"),
            timeout: None,
        },
        Case {
            profile: "dev",
            code: "valid",
            says: "Valid: arn:aws:sts::123456789012:assumed-role/dev/".to_string(),
            at_key: None,
            timeout: None,
        },
        Case {
            profile: "locked",
            code: "sts-access-denied",
            says: format!(
                "Invalid: not allowed to assume {} (AccessDenied)",
                m.locked_role_arn
            ),
            at_key: Some("role_arn"),
            timeout: None,
        },
        Case {
            profile: "unreachable",
            code: "sts-unreachable",
            says: format!("Could not check: cannot reach {closed}"),
            at_key: None,
            timeout: None,
        },
        Case {
            profile: "expired",
            code: "sts-expired-token",
            says: "the temporary credentials in profile 'expired' have expired".to_string(),
            at_key: Some("aws_session_token"),
            timeout: None,
        },
        Case {
            profile: "skewed",
            code: "sts-clock-skew",
            says: "this machine's clock is 20 min".to_string(),
            at_key: None,
            timeout: None,
        },
        Case {
            profile: "envelope",
            code: "sts-invalid-client-token-id",
            says:
                "said: InvalidClientTokenId: The security token included in the request is invalid."
                    .to_string(),
            at_key: Some("aws_access_key_id"),
            timeout: None,
        },
        Case {
            profile: "silent",
            code: "sts-timeout",
            says: "Could not check: no answer within 1 s (GetCallerIdentity was under way)"
                .to_string(),
            at_key: None,
            timeout: Some(1.0),
        },
        Case {
            profile: "nothing",
            code: "sts-no-credentials",
            says: "Invalid: profile 'nothing' gives no credentials".to_string(),
            at_key: None,
            timeout: None,
        },
    ];
    Files {
        config,
        credentials,
        cases,
    }
}

/// A temporary folder with the two files, removed at the end.
pub struct Dir(pub PathBuf);

impl Dir {
    pub fn new(name: &str, files: &Files) -> Dir {
        let path =
            std::env::temp_dir().join(format!("aws-config-lsp-sts-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(path.join(".aws")).unwrap();
        std::fs::write(path.join(".aws/config"), &files.config).unwrap();
        std::fs::write(path.join(".aws/credentials"), &files.credentials).unwrap();
        Dir(path)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Lines (zero-based) of a profile's section in a file: its header and its keys.
pub fn section_lines(text: &str, header: &str) -> Option<(usize, Vec<(String, usize)>)> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.trim() == header)?;
    let mut keys = Vec::new();
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        if line.starts_with('[') {
            break;
        }
        if let Some((key, _)) = line.split_once('=') {
            keys.push((key.trim().to_string(), i));
        }
    }
    Some((start, keys))
}
