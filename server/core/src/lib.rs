//! The core of aws-config-lsp: pure functions from the text of AWS shared config and
//! credentials files to their meaning. No I/O, no global state, no protocol types.
//!
//! - [`text`]: spans, decoding bytes, line/column conversion, masking secrets
//! - [`syntax`]: the lossless line parser
//! - [`model`]: sections, properties, and the profiles merged across both files
//! - [`chain`]: role-chain resolution, as the AWS SDK for Rust decides it
//! - [`location`]: which files and profile the SDKs pick from the environment
//! - [`machine`]: what the host says about the machine (the SSO token cache), read as the
//!   tools read it
//! - [`redact`]: what in a file is or may be a secret, for every output that quotes it

pub mod chain;
pub mod fast_hash;
pub mod ide;
pub mod knowledge;
pub mod lint;
pub mod location;
pub mod machine;
pub mod model;
pub mod redact;
pub mod suggest;
pub mod syntax;
pub mod text;
pub mod views;

pub use model::{FileKind, Input, Model};
