//! Where the tests find the conformance vectors: the AWS SDKs' shared test vectors
//! (`aws-sdk/`) and other readers' test files (`peers/`). They are third-party data and are not
//! in this repository (README.md, "Conformance vectors", says where they come from).
//!
//! - `AWS_CONFIG_LSP_CONFORMANCE` set: the folder that holds `aws-sdk/` and `peers/`. A suite
//!   missing there fails the test: whoever sets the variable wants the vectors checked (CI
//!   sets it, `.ci/run`).
//! - Not set: `../shared/conformance/` beside the repository. A suite missing there is skipped,
//!   with a line on the terminal that says which test skipped what, and why.
//!
//! Shared by the test crates with `#[path]` (no crate of its own: the core stays
//! dependency-free).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The variable that points at the conformance folder and makes its absence a failure.
pub const VARIABLE: &str = "AWS_CONFIG_LSP_CONFORMANCE";

/// The folder of one suite (`"aws-sdk"` or `"peers"`), or `None` when the test should skip it.
pub fn suite(name: &str) -> Option<PathBuf> {
    let configured = std::env::var_os(VARIABLE).filter(|v| !v.is_empty());
    let root = match &configured {
        Some(dir) => PathBuf::from(dir),
        None => {
            let root = repository_root();
            root.parent().unwrap_or(&root).join("shared/conformance")
        }
    };
    let dir = root.join(name);
    if dir.is_dir() {
        return Some(dir);
    }
    let test = std::thread::current()
        .name()
        .filter(|n| *n != "main")
        .unwrap_or("a test")
        .to_string();
    if configured.is_some() {
        panic!(
            "{test}: {VARIABLE} is set, but the `{name}` conformance vectors are not at {}",
            dir.display()
        );
    }
    // Straight to the terminal: the test harness hides what a passing test prints, and a skip
    // must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "skipped in {test}: no `{name}` conformance vectors at {} (third-party data, kept out of \
         this repository: see README.md, \"Conformance vectors\")",
        dir.display()
    );
    None
}

/// The workspace root: the nearest folder above the crate that holds `Cargo.lock`.
fn repository_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("Cargo.lock").is_file())
        .unwrap_or(manifest)
        .to_path_buf()
}
