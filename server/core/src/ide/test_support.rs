//! Building analysed files from literal texts in tests.

use super::Files;
use crate::model::{Input, Model};

pub(crate) struct Fixture {
    pub model: Model,
    pub texts: Vec<&'static str>,
}

impl Fixture {
    /// A config file and, when not empty, a credentials file.
    pub fn new(config: &'static str, credentials: &'static str) -> Fixture {
        let mut inputs = vec![Input::config(config)];
        if !credentials.is_empty() {
            inputs.push(Input::credentials(credentials));
        }
        Fixture {
            model: Model::build(&inputs),
            texts: inputs.iter().map(|i| i.text).collect(),
        }
    }

    /// A generated config file (leaked for the test's lifetime) and no credentials file.
    pub fn generated(config: String) -> Fixture {
        Fixture::new(Box::leak(config.into_boxed_str()), "")
    }

    pub fn files(&self) -> Files<'_> {
        Files {
            model: &self.model,
            texts: &self.texts,
        }
    }
}

/// The offset of the first `|` marker's position in `text` once the marker is removed is not
/// convenient with `&'static str`; tests use this instead: the offset of `needle` plus `delta`.
pub(crate) fn at(text: &str, needle: &str, delta: usize) -> usize {
    text.find(needle).expect("needle in text") + delta
}
