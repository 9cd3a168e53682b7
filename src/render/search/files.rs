//! The scripts the index is written as, in `search/`. Each calls one
//! function of `window.DOSSIER_SEARCH` (defined by `search.js`) with the
//! index version first, so that `search.js` can tell a shard cached from an
//! older build from one of this build:
//!
//! - `meta.js`: `meta({v, docs, kinds, shards, lengths, frags})`: the
//!   number of documents; `kinds`, each kind with its first document
//!   number, its count and the average length of its documents (BM25
//!   weighs a note against notes, an article against articles); `shards`, the first word of
//!   each shard (the words are sorted, so a word is in the last shard whose
//!   first word is not after it); `lengths`, each document's length as one
//!   character ([`length_code`]); `frags`, how many documents each
//!   fragment holds, as numbers ([`push_number`]);
//! - `shard-<n>.js`: `shard(v, n, words, postings)`: consecutive words of
//!   the sorted index and, for each, its postings: per document the gap
//!   from the previous document number (the first: the number) and
//!   `4 × occurrences in the text + where in the names` (0 not there, 1 an
//!   alias's word, 2 the name's, 3 a word that names the document by
//!   itself), as numbers;
//! - `frag-<n>.js`: `frag(v, n, docs)`: for consecutive documents,
//!   `[title, url, kind label, text]`, loaded for the results shown only.

use super::docs::{Doc, Kind};
use super::encode::{length_code, push_number};
use super::postings::{Inverted, Posting};
use crate::incremental::Reuse;
use crate::util::digest;
use rayon::prelude::*;
use serde::Serialize;
use std::ops::Range;

/// The size a shard is cut at (a shard with a single word may be larger).
/// Small enough that the few shards of one query load in milliseconds,
/// large enough that a dossier of 10,000 articles has a few hundred.
pub(super) const SHARD_TARGET: usize = 64 * 1024;

/// The size a fragment is cut at: a few articles, or dozens of notes.
pub(super) const FRAGMENT_TARGET: usize = 8 * 1024;

/// Where `out` is given each file: its path, the signature of what it is
/// made from (the same signature, the same bytes) and what makes it
/// (called only when the file is not as the last build handed it over).
pub(crate) type Out<'o> = dyn Fn(&str, u64, &dyn Fn() -> Vec<u8>) + Sync + 'o;

/// Consecutive words of the index, as the two JSON arrays of a shard.
#[derive(Default)]
struct Shard {
    first: String,
    words: Vec<u8>,
    postings: Vec<u8>,
}

/// Writes the meta script, the shards and the fragments of the index.
/// Each shard and fragment is tagged with a digest of its own content,
/// which the meta script lists: a copy of another build (kept by a web
/// cache) is told apart, and an edit changes only the files whose content
/// it changes (`serve` writes no other). `serve` keeps (`reuse`) each
/// fragment whose documents' texts are those of the last build.
pub(super) fn write(docs: &[Doc], ix: Inverted, reuse: Reuse<'_>, out: &Out) {
    let shards = cut_shards(&ix.words);
    // The postings are in the shards now: their memory is freed before the
    // fragments are made (at newsroom scale, tens of megabytes each).
    let lengths = ix.lengths;
    drop(ix.words);
    let fragments = cut_fragments(docs);
    // Each file is handed over as soon as it is made, and only its version
    // (and a shard's first word) is kept for the meta script; `serve` keeps
    // the fragments it reuses.
    let (firsts, shard_v): (Vec<String>, Vec<String>) = (shards.into_par_iter().enumerate())
        .map(|(n, s)| {
            let body = shard_body(&s);
            let append = |js: &mut Vec<u8>| js.extend_from_slice(&body);
            let version = hand_over_script("shard", n, &Stamp::of(&body), &append, out);
            (s.first, version)
        })
        .unzip();
    let shard_v = shard_v.concat();
    let frag_v: String = (fragments.par_iter().enumerate())
        .map(|(n, range)| {
            let docs = &docs[range.clone()];
            let signature = (range.start, range.end, super::docs::signature(docs));
            // Made at most once, and only when the fragment is not kept.
            let made = std::cell::OnceCell::new();
            let body = || made.get_or_init(|| frag_body(docs));
            let stamp = || Stamp::of(body());
            let kept = reuse.whole_made(&format!("search frag {n}"), digest(signature), stamp);
            let append = |js: &mut Vec<u8>| {
                // A kept stamp stands for the body its signature makes.
                debug_assert_eq!(Stamp::of(body()).digest, kept.digest);
                js.extend_from_slice(body())
            };
            hand_over_script("frag", n, &kept, &append, out)
        })
        .collect();
    let meta = Meta {
        shard_v: &shard_v,
        frag_v: &frag_v,
        ..Meta::new(docs, &lengths, &firsts, &fragments)
    };
    let mut js = b"DOSSIER_SEARCH.meta(".to_vec();
    write_json(&mut js, &meta);
    js.extend_from_slice(b");\n");
    out("search/meta.js", digest(&js), &|| js.clone());
}

/// Hands `out` the script of shard or fragment `n` (`kind`), whose body
/// `stamp` stands for and `body` appends, and returns its version.
fn hand_over_script(
    kind: &str,
    n: usize,
    stamp: &Stamp,
    body: &dyn Fn(&mut Vec<u8>),
    out: &Out,
) -> String {
    let v = stamp.version.as_str();
    let made = || {
        let mut js = format!("DOSSIER_SEARCH.{kind}(\"{v}\",{n},").into_bytes();
        body(&mut js);
        js.extend_from_slice(b");\n");
        js
    };
    let signature = digest((kind, n, v, stamp.digest, stamp.len));
    out(&format!("search/{kind}-{n}.js"), signature, &made);
    v.to_string()
}

/// What stands for a shard's or fragment's body: its digest, its length
/// and its version. `serve` keeps this of a fragment, not its bytes: the
/// site served has them.
struct Stamp {
    digest: u64,
    len: usize,
    version: String,
}

impl Stamp {
    /// `body`'s stamp: its version is the first [`VERSION_LEN`] hex digits
    /// of a 64-bit digest of it (XXH3: the index is tens of megabytes).
    fn of(body: &[u8]) -> Self {
        let digest = xxhash_rust::xxh3::xxh3_64(body);
        let version = format!("{digest:016x}")[..VERSION_LEN].to_string();
        Stamp {
            digest,
            len: body.len(),
            version,
        }
    }
}

/// Hex digits of a file's version in the meta script.
const VERSION_LEN: usize = 6;

/// A shard's words and postings, as the two JSON arrays of its call.
fn shard_body(s: &Shard) -> Vec<u8> {
    let mut js = b"[".to_vec();
    js.extend_from_slice(&s.words);
    js.extend_from_slice(b"],[");
    js.extend_from_slice(&s.postings);
    js.push(b']');
    js
}

/// A fragment's documents, as the JSON array of its call: each one's
/// title, URL, kind label and text.
fn frag_body(docs: &[Doc]) -> Vec<u8> {
    let mut js = b"[".to_vec();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            js.push(b',');
        }
        let text = doc.text.concat();
        write_json(&mut js, &(&doc.title, &doc.url, &doc.label, &text));
    }
    js.push(b']');
    js
}

/// Appends `value` as JSON. Serialising plain strings and numbers into
/// memory cannot fail.
fn write_json(out: &mut Vec<u8>, value: &impl Serialize) {
    let _ = serde_json::to_writer(out, value);
}

/// Cuts the sorted words into shards of about [`SHARD_TARGET`] bytes.
fn cut_shards(words: &[(Box<str>, Vec<Posting>)]) -> Vec<Shard> {
    let mut shards = Vec::new();
    let mut shard = Shard::default();
    let mut postings = String::new();
    for (word, list) in words {
        postings.clear();
        encode_postings(list, &mut postings);
        let size = word.len() + postings.len() + 6;
        if !shard.words.is_empty() && shard.words.len() + shard.postings.len() + size > SHARD_TARGET
        {
            shards.push(std::mem::take(&mut shard));
        }
        if shard.words.is_empty() {
            shard.first = word.to_string();
        } else {
            shard.words.push(b',');
            shard.postings.push(b',');
        }
        write_json(&mut shard.words, word);
        write_json(&mut shard.postings, &postings);
    }
    if !shard.words.is_empty() {
        shards.push(shard);
    }
    shards
}

/// A word's postings in the number code: gap, then `4 × tf + name`
/// (`name` one of the levels of [`Posting::name`], 0 to 3).
fn encode_postings(list: &[Posting], out: &mut String) {
    let mut previous = 0;
    for p in list {
        push_number(out, p.doc - previous);
        push_number(out, 4 * u32::from(p.text_tf) + u32::from(p.name));
        previous = p.doc;
    }
}

/// Cuts the documents into runs of about [`FRAGMENT_TARGET`] bytes.
fn cut_fragments(docs: &[Doc]) -> Vec<Range<usize>> {
    let mut fragments = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, doc) in docs.iter().enumerate() {
        size += doc.title.len() + doc.url.len() + doc.label.len() + 12;
        size += doc.text.iter().map(|t| t.len()).sum::<usize>();
        if size >= FRAGMENT_TARGET {
            fragments.push(start..i + 1);
            (start, size) = (i + 1, 0);
        }
    }
    if start < docs.len() {
        fragments.push(start..docs.len());
    }
    fragments
}

#[derive(Serialize)]
struct Meta<'a> {
    /// The versions of the shards, then of the fragments, each
    /// [`VERSION_LEN`] hex digits, one after the other.
    shard_v: &'a str,
    frag_v: &'a str,
    docs: usize,
    kinds: Vec<(&'static str, usize, usize, f64)>,
    shards: Vec<&'a str>,
    lengths: String,
    frags: String,
}

impl<'a> Meta<'a> {
    fn new(docs: &[Doc], lengths: &[u32], firsts: &'a [String], frags: &[Range<usize>]) -> Self {
        let mut kinds = Vec::new();
        let mut first = 0;
        for kind in Kind::ALL {
            let count = docs[first..].iter().take_while(|d| d.kind == kind).count();
            if count > 0 {
                let words: f64 = lengths[first..first + count]
                    .iter()
                    .map(|n| f64::from(*n))
                    .sum();
                // Rounded: a float's last digits would only add bytes.
                let avg = (words / count as f64 * 100.0).round() / 100.0;
                kinds.push((kind.name(), first, count, avg));
            }
            first += count;
        }
        let mut counts = String::new();
        for f in frags {
            push_number(&mut counts, u32::try_from(f.len()).unwrap_or(u32::MAX));
        }
        Meta {
            shard_v: "",
            frag_v: "",
            docs: docs.len(),
            kinds,
            shards: firsts.iter().map(String::as_str).collect(),
            lengths: lengths.iter().map(|n| length_code(*n)).collect(),
            frags: counts,
        }
    }
}
