//! A fast, non-cryptographic hasher for the maps of the hot path (names and keys of one file,
//! which nobody can choose to collide: the files are the user's own). The standard SipHash is
//! several times slower on these short strings.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hash of rustc's `FxHasher`.
#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            self.add(tail_word(rest));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    /// One step, as `write` would do for these 8 bytes.
    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(u64::from_le_bytes(i.to_ne_bytes()));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The 1 to 7 `bytes` as a little-endian word padded with zeros, read with two overlapping
/// loads instead of a copy into a buffer: the copy's byte stores followed by a word load stall
/// the CPU (no store forwarding), which made hashing short names several times slower.
#[inline]
fn tail_word(bytes: &[u8]) -> u64 {
    let len = bytes.len();
    debug_assert!((1..8).contains(&len));
    let u32_at = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()));
    let u16_at = |at: usize| u64::from(u16::from_le_bytes(bytes[at..at + 2].try_into().unwrap()));
    // The overlapping bytes are the same in both halves, so or-ing them changes nothing.
    if len >= 4 {
        u32_at(0) | (u32_at(len - 4) << (8 * (len - 4)))
    } else if len >= 2 {
        u16_at(0) | (u16_at(len - 2) << (8 * (len - 2)))
    } else {
        u64::from(bytes[0])
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_words_are_zero_padded_little_endian() {
        let bytes = b"abcdefg";
        for len in 1..8 {
            let mut padded = [0u8; 8];
            padded[..len].copy_from_slice(&bytes[..len]);
            assert_eq!(
                tail_word(&bytes[..len]),
                u64::from_le_bytes(padded),
                "{len}"
            );
        }
    }

    #[test]
    fn maps_work_with_string_keys() {
        let mut map: FastMap<&str, usize> = FastMap::default();
        for (i, key) in ["region", "output", "role_arn", "a", "", "region2"]
            .iter()
            .enumerate()
        {
            map.insert(key, i);
        }
        assert_eq!(map.get("role_arn"), Some(&2));
        assert_eq!(map.get(""), Some(&4));
        assert_eq!(map.len(), 6);
    }
}
