//! Logs: stderr, at the level of `AWS_CONFIG_LSP_LOG` for our own crates. Other crates (the
//! AWS SDK, hyper, rustls) log at most `info`: at `debug` and `trace` they log requests,
//! headers and signing material. Every line is passed through the core's `redact_secrets`
//! before it is written, so a secret-shaped string that reached a log message by mistake
//! still comes out masked.

use aws_config_lsp_core::text::redact_secrets;
use std::io::Write;
use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::prelude::*;

pub fn init() {
    let level = std::env::var("AWS_CONFIG_LSP_LOG")
        .ok()
        .and_then(|l| l.parse::<LevelFilter>().ok())
        .unwrap_or(LevelFilter::WARN);
    let filter = Targets::new()
        .with_default(level.min(LevelFilter::INFO))
        .with_target("aws_config_lsp", level)
        .with_target("aws_config_lsp_sts", level);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(Redacted)
        .with_ansi(false)
        .with_target(false);
    let _ = tracing_subscriber::registry()
        .with(layer.with_filter(filter))
        .try_init();
}

/// Gives each log line a buffer that is redacted and written to stderr when the line is done.
struct Redacted;

impl<'a> MakeWriter<'a> for Redacted {
    type Writer = Line;
    fn make_writer(&'a self) -> Line {
        Line(Vec::with_capacity(256))
    }
}

struct Line(Vec<u8>);

impl Write for Line {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let text = String::from_utf8_lossy(&self.0);
        let _ = std::io::stderr().write_all(redact_secrets(&text).as_bytes());
    }
}
