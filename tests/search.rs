//! The search index as files: `search/meta.js`, the shards of words and the
//! fragments of documents (their format is documented in
//! `src/render/search/files.rs`). Read here with a decoder of its own, so
//! that the format, not only the code, is what is tested; the browser suite
//! (`tests/browser/test/03-search.test.js`) runs the page that reads them.

mod common;
#[path = "../crates/dossier-gen/src/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use common::{build, files, fixture};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The size a shard is cut at (`SHARD_TARGET`), with room for the script
/// call around it; only a shard of a single word may be larger.
const SHARD_CAP: usize = 64 * 1024 + 200;

/// The arguments of the one call a script of the index makes, as JSON.
fn call_args(js: &str, function: &str) -> Vec<Value> {
    let start = format!("DOSSIER_SEARCH.{function}(");
    let inner = js
        .strip_prefix(&start)
        .and_then(|s| s.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("not a call of {function}: {}", &js[..js.len().min(80)]));
    match serde_json::from_str(&format!("[{inner}]")) {
        Ok(Value::Array(args)) => args,
        other => panic!("arguments of {function} are not JSON: {other:?}"),
    }
}

/// Numbers as `encode.rs` writes them (base 44, least significant first).
fn numbers(s: &str) -> Vec<u64> {
    const ALPHABET: &str =
        "!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    let (mut out, mut n, mut scale) = (Vec::new(), 0, 1);
    for c in s.chars() {
        let v = ALPHABET.find(c).expect("a character of the alphabet") as u64;
        if v >= 44 {
            n += (v - 44) * scale;
            scale *= 44;
        } else {
            out.push(n + v * scale);
            (n, scale) = (0, 1);
        }
    }
    out
}

/// A built index, read back.
struct Index {
    meta: Value,
    /// Per shard: its words and their postings strings.
    shards: Vec<(Vec<String>, Vec<String>)>,
    /// Per document: [title, url, kind label, text].
    docs: Vec<Vec<String>>,
}

impl Index {
    fn read(out: &Path) -> Index {
        let read = |p: &str| std::fs::read_to_string(out.join("search").join(p)).unwrap();
        let meta = call_args(&read("meta.js"), "meta").remove(0);
        // Each file's version, as the meta script lists them.
        let version = |kind: &str, n: usize| {
            let all = meta[format!("{kind}_v")].as_str().unwrap();
            Value::from(&all[n * 6..n * 6 + 6])
        };
        let strings = |x: &Value| -> Vec<String> {
            x.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        let mut shards = Vec::new();
        for n in 0..meta["shards"].as_array().unwrap().len() {
            let args = call_args(&read(&format!("shard-{n}.js")), "shard");
            assert_eq!(
                (&args[0], args[1].as_u64()),
                (&version("shard", n), Some(n as u64))
            );
            shards.push((strings(&args[2]), strings(&args[3])));
        }
        let mut docs = Vec::new();
        for (n, count) in numbers(meta["frags"].as_str().unwrap()).iter().enumerate() {
            let args = call_args(&read(&format!("frag-{n}.js")), "frag");
            assert_eq!(
                (&args[0], args[1].as_u64()),
                (&version("frag", n), Some(n as u64))
            );
            let frag: Vec<Vec<String>> = args[2].as_array().unwrap().iter().map(strings).collect();
            assert_eq!(frag.len() as u64, *count);
            docs.extend(frag);
        }
        Index { meta, shards, docs }
    }

    /// The shard `word` belongs in: the last whose first word is not after
    /// it (as `search.js` finds it).
    fn shard_of(&self, word: &str) -> usize {
        let firsts = self.meta["shards"].as_array().unwrap();
        firsts
            .iter()
            .rposition(|f| f.as_str().unwrap() <= word)
            .unwrap_or(0)
    }

    /// The documents `word` is in, by URL: (occurrences in the text, where
    /// in the names: 0 not there, 1 an alias's word, 2 the name's, 3 a word
    /// that by itself names the document).
    fn postings(&self, word: &str) -> BTreeMap<String, (u64, u64)> {
        let (words, postings) = &self.shards[self.shard_of(word)];
        let Some(i) = words.iter().position(|w| w == word) else {
            return BTreeMap::new();
        };
        let mut doc = 0;
        numbers(&postings[i])
            .chunks(2)
            .map(|pair| {
                doc += pair[0] as usize;
                (self.docs[doc][1].clone(), (pair[1] >> 2, pair[1] & 3))
            })
            .collect()
    }

    fn words(&self) -> impl Iterator<Item = &String> {
        self.shards.iter().flat_map(|(w, _)| w)
    }
}

#[test]
fn folded_polish_and_cyrillic_words_are_found_with_their_documents() {
    let (_t, out) = build(&fixture("river-spill"));
    let ix = Index::read(&out);
    let urls = |word: &str| ix.postings(word).into_keys().collect::<Vec<_>>();
    // "Wisła": ł has no decomposition; it is folded by the table.
    assert_eq!(
        urls("wisla"),
        [
            "actors/wisla-chemicals.html",
            "articles/inquiry-opened.html",
            "articles/spill-denied.html",
            "articles/spill-denied.html#note-no-indication-of-any-leak",
            "events/valve-failure.html",
        ]
    );
    assert_eq!(ix.postings("wisla")["actors/wisla-chemicals.html"], (0, 2));
    // "Żaneta": the dot above is stripped.
    assert_eq!(
        urls("zaneta"),
        [
            "actors/kowalska.html",
            "articles/spill-denied.html",
            "articles/spill-denied.html#note-mayor-żaneta-kowalska-said",
        ]
    );
    // Cyrillic keeps its letters, lowercased; "Ивановой" is another word.
    assert_eq!(
        urls("иванова"),
        [
            "actors/ivanova.html",
            "articles/spill-denied.html",
            "events/samples-taken.html",
        ]
    );
    // A one-word alias (and a person's surname) names the actor by itself;
    // an organisation by an acronym of three letters or more (not "WC").
    assert_eq!(ix.postings("иванова")["actors/ivanova.html"], (1, 3));
    assert!(!ix.words().any(|w| w == "wc"));
    assert_eq!(urls("ивановои"), ["articles/spill-denied.html"]);
    // Whole words only: "indication" is indexed, "cat" is not.
    assert!(ix.words().any(|w| w == "indication"));
    assert!(!ix
        .words()
        .any(|w| w == "cat" || w.chars().any(char::is_uppercase)));
}

#[test]
fn meta_describes_every_document_and_kind() {
    let (_t, out) = build(&fixture("river-spill"));
    let ix = Index::read(&out);
    let docs = ix.meta["docs"].as_u64().unwrap() as usize;
    assert_eq!(ix.docs.len(), docs);
    assert_eq!(ix.meta["lengths"].as_str().unwrap().len(), docs);
    let kinds: Vec<(String, u64, u64, f64)> =
        serde_json::from_value(ix.meta["kinds"].clone()).unwrap();
    let expected = [
        ("article", 0, 2),
        ("note", 2, 6),
        ("actor", 8, 3),
        ("event", 11, 4),
        ("page", 15, 1),
    ];
    assert_eq!(kinds.len(), expected.len());
    for ((name, first, count, avg), (n, f, c)) in kinds.iter().zip(expected) {
        assert_eq!((name.as_str(), *first, *count), (n, f, c));
        assert!(*avg > 0.0, "{name}: average length {avg}");
        let label = &ix.docs[*first as usize][2];
        assert!(label.ends_with(name.as_str()), "{label} is a {name}");
    }
    // The fragment of an article holds its title, link and whole text.
    let article = &ix.docs[1];
    assert_eq!(article[0], "Factory denies spill as river turns brown");
    assert!(article[3].contains("Inspector Мария Иванова of the regional agency"));
    let search = std::fs::read_to_string(out.join("search.html")).unwrap();
    assert!(search.contains("<script src=\"search.js\"></script>"));
}

#[test]
fn a_generated_dossier_has_small_shards_and_the_same_index_every_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("d");
    corpus::Corpus::generate(corpus::Params {
        articles: 300,
        actors: 80,
        events: 20,
        seed: 5,
        mentioned: None,
    })
    .write_dossier(&root)
    .expect("corpus written");
    let (_a, first) = build(&root);
    let (_b, second) = build(&root);
    let index_files = |out: &Path| {
        let mut all = files(out);
        all.retain(|path, _| path.starts_with("search/"));
        all
    };
    let built = index_files(&first);
    assert!(
        built == index_files(&second),
        "two builds wrote different indexes"
    );

    let ix = Index::read(&first);
    assert!(ix.shards.len() >= 3, "{} shards", ix.shards.len());
    for (n, (words, _)) in ix.shards.iter().enumerate() {
        let size = built[&format!("search/shard-{n}.js")].len();
        assert!(
            size <= SHARD_CAP || words.len() == 1,
            "shard {n}: {size} bytes"
        );
    }
    // Sorted as JavaScript compares strings, across shards.
    let words: Vec<&String> = ix.words().collect();
    assert!(words.windows(2).all(|w| w[0] < w[1]));
    // Every posting list is in document order and within the documents.
    for (_, postings) in &ix.shards {
        for p in postings {
            let gaps: Vec<u64> = numbers(p).chunks(2).map(|pair| pair[0]).collect();
            assert!(gaps.iter().skip(1).all(|g| *g > 0));
            assert!(gaps.iter().sum::<u64>() < ix.docs.len() as u64);
        }
    }
}
