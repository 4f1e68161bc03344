//! Validation against STS through the real binary, on loopback only: moto (with its
//! authentication on) for the identities, and a tiny responder for what moto does not
//! emulate (an expired token, a skewed clock, another XML envelope, a server that never
//! answers). Every case runs through `validate` and through the language server (code
//! action -> command -> diagnostic); `doctor` walks a broken profile to its fix.
//!
//! moto comes from PyPI: `bash tests/sts/setup.sh` installs it in target/sts-venv. Without it
//! these tests fail with that instruction (they never skip).

#[allow(dead_code)]
#[path = "../lsp/client.rs"]
mod client;
mod fixtures;

mod cli;
mod lsp;
