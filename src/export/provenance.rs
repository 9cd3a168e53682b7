//! Provenance of the seeds in the exports: each seed's size and digests,
//! so that a reader can check that a copy is the text the dossier was
//! built from. SHA-256 for `dossier.json` and the Web Annotations;
//! SHA-1 for FollowTheMoney, whose `contentHash` is defined as one.

use crate::model::{Article, Dossier, Seed};
use rayon::prelude::*;
use sha1::Sha1;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// The size and digests of one seed file, as published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SeedDigest {
    pub sha256: [u8; 32],
    pub sha1: [u8; 20],
    /// In bytes.
    pub size: u64,
}

impl SeedDigest {
    pub(crate) fn of(bytes: &[u8]) -> SeedDigest {
        SeedDigest {
            sha256: Sha256::digest(bytes).into(),
            sha1: Sha1::digest(bytes).into(),
            size: bytes.len() as u64,
        }
    }
}

/// The bytes of a seed as the site publishes them: its text when it is
/// valid UTF-8 (then its bytes exactly), else the file, read again.
fn seed_bytes(seed: &Seed) -> Option<std::borrow::Cow<'_, [u8]>> {
    if seed.utf8 {
        Some(seed.text.as_bytes().into())
    } else {
        std::fs::read(&seed.path).ok().map(Into::into)
    }
}

/// The SHA-256 and size of an article's seed, for `dossier.json` (which
/// is written beside the exports and so computes its own).
pub(crate) fn article_seed_sha256(d: &Dossier, a: &Article) -> Option<(Hex<32>, u64)> {
    let bytes = seed_bytes(d.seeds.get(&a.seed)?)?;
    Some((Hex(Sha256::digest(&bytes).into()), bytes.len() as u64))
}

/// The digests of every seed an article is taken from, by file name:
/// computed all at once on every core, or each when first asked for (a
/// rebuild after a few articles changed asks only for their seeds').
pub(crate) struct Digests<'a>(BTreeMap<&'a str, (&'a Seed, OnceLock<Option<SeedDigest>>)>);

impl<'a> Digests<'a> {
    pub(crate) fn of(d: &'a Dossier, lazy: bool) -> Digests<'a> {
        let mut files: Vec<&str> = d.articles.iter().map(|a| a.seed.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        let seeds = files
            .into_iter()
            .filter_map(|f| Some((f, (d.seeds.get(f)?, OnceLock::new()))));
        let digests = Digests(seeds.collect());
        if !lazy {
            digests.0.par_iter().for_each(|(f, _)| {
                digests.get(f);
            });
        }
        digests
    }

    pub(crate) fn get(&self, file: &str) -> Option<&SeedDigest> {
        let (seed, digest) = self.0.get(file)?;
        let of = || seed_bytes(seed).map(|b| SeedDigest::of(&b));
        digest.get_or_init(of).as_ref()
    }
}

/// Bytes written as lowercase hexadecimal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hex<const N: usize>(pub [u8; N]);

impl<const N: usize> fmt::Display for Hex<N> {
    /// Written whole, not a byte at a time through the formatter: ids of
    /// FollowTheMoney entities are digests, over a hundred thousand of them
    /// in a large dossier.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut buf = [0u8; 64];
        for chunk in self.0.chunks(32) {
            let mut n = 0;
            for b in chunk {
                buf[n] = DIGITS[usize::from(b >> 4)];
                buf[n + 1] = DIGITS[usize::from(b & 0x0f)];
                n += 2;
            }
            // Hexadecimal digits are ASCII.
            f.write_str(std::str::from_utf8(&buf[..n]).map_err(|_| fmt::Error)?)?;
        }
        Ok(())
    }
}

impl<const N: usize> serde::Serialize for Hex<N> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The SHA-1 of `text`, in hexadecimal: stable ids made of several parts.
pub(crate) fn sha1_hex(text: &str) -> String {
    Hex::<20>(Sha1::digest(text.as_bytes()).into()).to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn hex_is_the_formatter_s_lowercase_hex() {
        let bytes: Vec<u8> = (0..=255u8).chain([0, 0x0f, 0xf0, 0xff]).collect();
        for window in bytes.windows(20) {
            let digest: [u8; 20] = window.try_into().unwrap();
            let expected: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(Hex(digest).to_string(), expected);
        }
        let long = [0xa5u8; 40];
        assert_eq!(Hex(long).to_string(), "a5".repeat(40));
        assert_eq!(Hex([]).to_string(), "");
    }

    use super::*;

    #[test]
    fn digests_of_known_text() {
        let d = SeedDigest::of(b"abc");
        assert_eq!(
            Hex(d.sha256).to_string(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            Hex(d.sha1).to_string(),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(d.size, 3);
        assert_eq!(sha1_hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    }
}
