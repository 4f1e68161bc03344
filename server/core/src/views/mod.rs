//! Readers as views: what each program that reads the files makes of them, built from the same
//! text. The SDK view is [`crate::model`] (the AWS SDK for Rust, which follows the SDKs' shared
//! specification); the AWS CLI's view (botocore, and Python's `configparser` under it) is
//! [`botocore`]. Differences between readers are found by comparing views line by line
//! ([`compare`]), so that what a message says a reader does is what its view does.

pub mod botocore;
pub mod compare;
pub mod configparser;
pub mod describe;
pub mod js;
