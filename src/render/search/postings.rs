//! The inverted index: for each folded word, the documents it occurs in,
//! how often in their text and whether in their names; and each document's
//! length, for BM25.

use super::docs::Doc;
use super::encode::utf16_cmp;
use super::tokens::for_each_word;
use crate::incremental::Reuse;
use crate::util::fxhash::FxHashMap;
use rayon::prelude::*;
use std::sync::Arc;

/// One document a word occurs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Posting {
    pub doc: u32,
    /// Occurrences in the text (saturating).
    pub text_tf: u16,
    /// Where the word is in the document's names: [`IN_TEXT`] (not there),
    /// [`IN_ALIAS`], [`IN_NAME`] or [`NAMES_IT`].
    pub name: u8,
}

/// A word in the text only.
pub(super) const IN_TEXT: u8 = 0;
/// A word of an alias (not of the name proper): a smaller bonus.
pub(super) const IN_ALIAS: u8 = 1;
/// A word of the name proper (a title, an actor's or event's name).
pub(super) const IN_NAME: u8 = 2;
/// A word that is by itself a whole name or alias, or a surname or an
/// acronym that names the document (`Doc::keys`): the query names it.
pub(super) const NAMES_IT: u8 = 3;

/// Words, each with its postings.
pub(super) type WordPostings = Vec<(Box<str>, Vec<Posting>)>;

pub(super) struct Inverted {
    /// Every word with its postings (by document number), sorted as
    /// JavaScript sorts strings.
    pub words: WordPostings,
    /// Each document's length in words (names and text).
    pub lengths: Vec<u32>,
}

/// Documents indexed by one task: enough to outweigh merging its words.
const DOCS_PER_TASK: usize = 256;

/// Indexes `docs` (numbered by position), on every core; `serve` keeps
/// (`reuse`) the part of a task whose documents are those of the last
/// build, at the same numbers, from items not made again.
pub(super) fn build(docs: &[Doc], reuse: Reuse<'_>) -> Inverted {
    let parts: Vec<Arc<(WordPostings, Vec<u32>)>> = docs
        .par_chunks(DOCS_PER_TASK)
        .enumerate()
        .map(|(i, chunk)| {
            let made = || index_part(i * DOCS_PER_TASK, chunk);
            let name = format!("search part {i}");
            reuse.whole_made(&name, super::docs::signature(chunk), made)
        })
        .collect();
    let mut all: FxHashMap<Box<str>, Vec<Posting>> = FxHashMap::default();
    let mut lengths = Vec::with_capacity(docs.len());
    // In document order, so that every word's postings stay sorted. A part
    // no one keeps (a cold build keeps none) is taken apart as it is
    // merged: its words are moved, and its memory is free before the next.
    for part in parts {
        match Arc::try_unwrap(part) {
            Ok((words, part_lengths)) => {
                lengths.extend(part_lengths);
                for (word, postings) in words {
                    merge(&mut all, word, postings);
                }
            }
            Err(kept) => {
                let (words, part_lengths) = &*kept;
                lengths.extend(part_lengths);
                for (word, postings) in words {
                    match all.get_mut(word) {
                        Some(p) => p.extend(postings),
                        None => {
                            all.insert(word.clone(), postings.clone());
                        }
                    }
                }
            }
        }
    }
    let mut words: Vec<_> = all.into_iter().collect();
    words.sort_unstable_by(|a, b| utf16_cmp(&a.0, &b.0));
    Inverted { words, lengths }
}

/// Adds a word's postings (of later documents) to those merged so far.
fn merge(all: &mut FxHashMap<Box<str>, Vec<Posting>>, word: Box<str>, postings: Vec<Posting>) {
    match all.entry(word) {
        std::collections::hash_map::Entry::Occupied(mut e) => e.get_mut().extend(postings),
        // Kept at its length: a part's list grew by doubling, and most
        // words are in one part only.
        std::collections::hash_map::Entry::Vacant(e) => {
            let mut postings = postings;
            postings.shrink_to_fit();
            e.insert(postings);
        }
    }
}

/// The words of one task's documents, each with a number, and by number
/// its postings: the last one, still being counted, kept apart in a dense
/// array. Words of up to 8 bytes (most of them) are looked up by their
/// bytes as one integer: no string is hashed or compared for them.
#[derive(Default)]
struct Part {
    short: FxHashMap<u64, u32>,
    long: FxHashMap<Box<str>, u32>,
    counting: Vec<Posting>,
    postings: Vec<Vec<Posting>>,
}

/// A word of up to 8 bytes as an integer: its bytes, then zeros (a word
/// has no zero byte, so no two words share one).
fn short_key(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| {
        let mut key = [0u8; 8];
        key[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(key)
    })
}

impl Part {
    fn add(&mut self, word: &str, doc: u32, name: u8) {
        let next = self.counting.len() as u32;
        let number = match short_key(word) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => match self.long.get(word) {
                Some(n) => *n,
                None => *self.long.entry(word.into()).or_insert(next),
            },
        } as usize;
        if number == self.counting.len() {
            self.counting.push(Posting {
                doc,
                text_tf: 0,
                name: IN_TEXT,
            });
            self.postings.push(Vec::new());
        }
        let p = &mut self.counting[number];
        if p.doc != doc {
            self.postings[number].push(*p);
            *p = Posting {
                doc,
                text_tf: 0,
                name: IN_TEXT,
            };
        }
        if name == IN_TEXT {
            p.text_tf = p.text_tf.saturating_add(1);
        } else {
            p.name = p.name.max(name);
        }
    }

    fn finish(self) -> WordPostings {
        let mut postings = self.postings;
        for (list, last) in postings.iter_mut().zip(&self.counting) {
            list.push(*last);
        }
        let short = self.short.into_iter().map(|(key, n)| {
            let bytes = key.to_le_bytes();
            let len = bytes.iter().position(|b| *b == 0).unwrap_or(8);
            (String::from_utf8_lossy(&bytes[..len]).into(), n)
        });
        short
            .chain(self.long)
            .map(|(word, n)| (word, std::mem::take(&mut postings[n as usize])))
            .collect()
    }
}

/// The postings and lengths of `docs`, numbered from `first`.
fn index_part(first: usize, docs: &[Doc]) -> (WordPostings, Vec<u32>) {
    let mut part = Part::default();
    let mut buf = String::new();
    let mut lengths = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let n = u32::try_from(first + i).unwrap_or(u32::MAX);
        let mut length = 0u32;
        let mut only = String::new();
        for (nth, name) in doc.names.iter().enumerate() {
            let level = if nth < doc.proper { IN_NAME } else { IN_ALIAS };
            let mut words = 0;
            for_each_word(name, &mut buf, |w| {
                words += 1;
                length = length.saturating_add(1);
                part.add(w, n, level);
                only.clear();
                only.push_str(w);
            });
            // A one-word name or alias: the word alone names the document.
            if words == 1 {
                part.add(&only, n, NAMES_IT);
            }
        }
        for key in &doc.keys {
            for_each_word(key, &mut buf, |w| part.add(w, n, NAMES_IT));
        }
        for piece in &doc.text {
            for_each_word(piece, &mut buf, |w| {
                length = length.saturating_add(1);
                part.add(w, n, IN_TEXT);
            });
        }
        lengths.push(length);
    }
    (part.finish(), lengths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::docs::Kind;
    use std::borrow::Cow;

    fn doc<'a>(names: Vec<&'a str>, text: &'a str) -> Doc<'a> {
        Doc {
            kind: Kind::Article,
            item: crate::model::ItemId::Article(crate::model::Id::from_index(0)),
            made: 0,
            nth: 0,
            label: "article",
            title: "t",
            url: "u".into(),
            proper: names.len().min(1),
            names,
            keys: Vec::new(),
            text: vec![Cow::Borrowed(text)],
        }
    }

    #[test]
    fn postings_count_text_and_mark_names_across_tasks() {
        let mut docs: Vec<Doc> = (0..DOCS_PER_TASK + 2)
            .map(|_| doc(vec![], "filler"))
            .collect();
        docs[1] = doc(vec!["Cat video"], "A cat, the CAT. Education.");
        docs[DOCS_PER_TASK + 1] = doc(vec![], "cat");
        let ix = build(&docs, Reuse::default());
        let cat = &ix.words.iter().find(|(w, _)| &**w == "cat").unwrap().1;
        let posting = |doc, text_tf, name| Posting { doc, text_tf, name };
        assert_eq!(
            cat,
            &[
                posting(1, 2, IN_NAME),
                posting(DOCS_PER_TASK as u32 + 1, 1, IN_TEXT)
            ]
        );
        assert_eq!(ix.lengths[1], 7);
        let words: Vec<&str> = ix.words.iter().map(|(w, _)| &**w).collect();
        assert_eq!(words, ["a", "cat", "education", "filler", "the", "video"]);
    }

    /// A word that is a whole alias, a surname or an acronym names the
    /// document; one of a longer alias earns less than one of the name.
    #[test]
    fn a_word_that_names_a_document_outranks_one_of_an_alias() {
        let mut tokayev = doc(vec!["Kassym-Jomart Tokayev", "Tokayev"], "");
        tokayev.proper = 1;
        let mut forces = doc(vec!["Kazakh security forces", "Tokayev's military"], "");
        forces.proper = 1;
        let mut csto = doc(vec!["Collective Security Treaty Organization"], "");
        csto.keys = vec!["CSTO".into()];
        let channel = doc(vec!["ОДКБ-CSTO"], "");
        let ix = build(&[tokayev, forces, csto, channel], Reuse::default());
        let of = |word: &str| {
            let postings = &ix.words.iter().find(|(w, _)| &**w == word).unwrap().1;
            postings.iter().map(|p| (p.doc, p.name)).collect::<Vec<_>>()
        };
        assert_eq!(of("tokayev"), [(0, NAMES_IT), (1, IN_ALIAS)]);
        assert_eq!(of("military"), [(1, IN_ALIAS)]);
        assert_eq!(of("csto"), [(2, NAMES_IT), (3, IN_NAME)]);
        assert_eq!(of("kazakh"), [(1, IN_NAME)]);
        // The acronym is no word of the document's length.
        assert_eq!(ix.lengths[2], 4);
    }

    #[test]
    fn parts_kept_for_the_next_build_merge_as_parts_taken_apart() {
        let texts = ["cat dog", "dog bird", "Cat fish", "bird"];
        let docs: Vec<Doc> = (0..3 * DOCS_PER_TASK + 1)
            .map(|i| doc(vec![texts[(i + 1) % 4]], texts[i % 4]))
            .collect();
        let taken_apart = build(&docs, Reuse::default());
        let pieces = crate::incremental::Pieces::default();
        let kept = build(&docs, Reuse::new(Some(&pieces), None, None));
        // The parts were kept (so the merge cloned them): the next build
        // finds the first.
        let signature = crate::render::search::docs::signature(&docs[..DOCS_PER_TASK]);
        let next = Reuse::new(Some(&pieces), None, None);
        next.whole_made(
            "search part 0",
            signature,
            || -> (WordPostings, Vec<u32>) { panic!("the part was not kept") },
        );
        assert_eq!(kept.words, taken_apart.words);
        assert_eq!(kept.lengths, taken_apart.lengths);
        assert_eq!(taken_apart.words.len(), 4);
        assert_eq!(taken_apart.words[0].1.len(), 3 * DOCS_PER_TASK + 1);
    }
}
