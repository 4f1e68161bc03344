//! Any byte stream into the language server's message loop. The first byte sets the size of
//! the chunks the stream arrives in (framing must not depend on it); the rest is the stream.
//! Checks: see `session.rs`.

#![no_main]

#[path = "session.rs"]
mod session;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&size, stream)) = data.split_first() else {
        return;
    };
    let size = usize::from(size % 64) + 1;
    let chunks = stream.chunks(size).map(<[u8]>::to_vec).collect();
    session::run(chunks);
});
