//! Criterion benchmarks of the linking stage on a synthetic corpus
//! (`crates/dossier-gen/src/corpus.rs`, deterministic from its seed):
//!
//! - `mentions/10-actors` vs `mentions/1000-actors`: the same article bodies
//!   parsed and mention-linked with an automaton of 10 actors' names and
//!   aliases, then of 1,000 (only the first 10 are ever named in the texts,
//!   so both produce the same links). Matching must not grow with the
//!   number of aliases: the ratio of the two is the figure of merit.
//! - `anchoring/find-quotes`: every annotation's quote found in its
//!   article's plain text (folding whitespace and typographic quotes).
//! - `anchoring/parse+anchor` vs `anchoring/parse`: the cost of splitting
//!   highlights across element boundaries and placing side notes, on top of
//!   parsing.
//! - `link/whole-stage`: `dossier::link::link`, everything the stage does
//!   (mentions, references, anchoring, provenance against the seeds).
//!
//! `cargo bench --bench engine`; whole builds are measured by
//! `scripts/bench.sh`. Under `cargo test` each benchmark runs once.

#[path = "../crates/dossier-gen/src/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use dossier::diagnostics::Diagnostics;
use dossier::link::markdown::{self, Anchor, DocOptions, IdCounter, Input, Linker};
use dossier::link::matcher::Matcher;
use dossier::link::quotes;
use dossier::model::{ArticleId, Dossier, IdVec, ItemId};

/// Articles in the benchmark corpus: enough text for stable timings while
/// a run stays short.
const ARTICLES: usize = 300;

/// Generates and loads a corpus of `actors` actors of which the texts name
/// only the first `mentioned`.
fn corpus(actors: usize, mentioned: usize) -> Dossier {
    let c = corpus::Corpus::generate(corpus::Params {
        articles: ARTICLES,
        actors,
        events: 60,
        seed: 7,
        mentioned: Some(mentioned),
    });
    let dir = tempfile::tempdir().expect("temp dir");
    c.write_dossier(dir.path()).expect("corpus written");
    match dossier::load::load(dir.path()) {
        Ok(d) => d,
        Err(e) => panic!("the synthetic corpus loads:\n{e}"),
    }
}

/// Parses and links one article body.
fn parse_body<'a>(linker: &Linker, d: &'a Dossier, id: ArticleId) -> markdown::Doc<'a> {
    let a = &d.articles[id];
    let opts = DocOptions::page(id.into(), "../", false);
    let (mut ids, mut diags) = (IdCounter::default(), Diagnostics::new());
    markdown::parse(linker, Input::body(&a.text), &opts, &mut ids, &mut diags)
}

/// Links every article body once: (mentions, HTML bytes), to compare runs.
fn link_bodies(d: &Dossier, m: &Matcher) -> (usize, usize) {
    let linker = Linker {
        dossier: d,
        matcher: m,
    };
    (d.articles.ids())
        .map(|id| {
            let doc = parse_body(&linker, d, id);
            (doc.mentions.len(), doc.into_html().len())
        })
        .fold((0, 0), |(m, b), (x, y)| (m + x, b + y))
}

fn mentions(c: &mut Criterion) {
    let full = corpus(1000, 10);
    let m_all = Matcher::build(&full).expect("the names build an automaton");
    // The actors the texts name, found by the automaton over all of them.
    let named: std::collections::BTreeSet<&str> = full
        .articles
        .iter()
        .flat_map(|a| m_all.find(a.text.body()))
        .filter_map(|f| match m_all.target(f.pattern) {
            ItemId::Actor(x) => Some(full.actors[x].slug.as_str()),
            _ => None,
        })
        .collect();
    // Only the bodies are linked here: the actor ids of the events and
    // annotations, which would now name other actors, are not read.
    let mut few = full.clone();
    few.actors = (few.actors.iter())
        .filter(|a| named.contains(a.slug.as_str()))
        .cloned()
        .collect();
    let m_few = Matcher::build(&few).expect("the names build an automaton");
    // Both automata must produce the same pages, or the comparison is moot.
    assert_eq!(link_bodies(&full, &m_all), link_bodies(&few, &m_few));
    let mut g = c.benchmark_group("mentions");
    g.sample_size(20);
    g.bench_function(format!("{}-actors", few.actors.len()), |b| {
        b.iter(|| black_box(link_bodies(&few, &m_few)))
    });
    g.bench_function("1000-actors", |b| {
        b.iter(|| black_box(link_bodies(&full, &m_all)))
    });
    g.finish();
}

fn anchoring(c: &mut Criterion) {
    let d = corpus(200, 200);
    let m = Matcher::build(&d).expect("the names build an automaton");
    let linker = Linker {
        dossier: &d,
        matcher: &m,
    };
    // Plain texts and the quotes to find in them.
    let plains: IdVec<ArticleId, String> = (d.articles.ids())
        .map(|id| parse_body(&linker, &d, id).plain().0)
        .collect();
    let anchors_of = |id: ArticleId, plain: &str| -> Vec<Anchor> {
        let hay = quotes::Haystack::new(plain);
        d.articles[id]
            .annotations
            .iter()
            .enumerate()
            .filter_map(|(n, a)| {
                let r = hay.find(&a.quote, a.occurrence).ok()?;
                Some(Anchor {
                    start: r.start,
                    end: r.end,
                    id: a.id.clone(),
                    number: n + 1,
                    kind: a.kind,
                    note_html: String::from("<span>note</span>"),
                })
            })
            .collect()
    };
    let total: usize = d.articles.iter().map(|a| a.annotations.len()).sum();
    let found: usize = plains
        .with_ids()
        .map(|(id, p)| anchors_of(id, p).len())
        .sum();
    assert_eq!(found, total, "every generated quote is found");
    let mut g = c.benchmark_group("anchoring");
    g.sample_size(20);
    g.bench_function("find-quotes", |b| {
        b.iter(|| {
            plains
                .with_ids()
                .map(|(id, p)| black_box(anchors_of(id, p)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("parse", |b| {
        b.iter(|| {
            (d.articles.ids())
                .map(|id| parse_body(&linker, &d, id).into_html().len())
                .sum::<usize>()
        })
    });
    let anchors: IdVec<ArticleId, Vec<Anchor>> =
        plains.with_ids().map(|(id, p)| anchors_of(id, p)).collect();
    g.bench_function("parse+anchor", |b| {
        b.iter(|| {
            (d.articles.ids())
                .map(|id| {
                    let mut doc = parse_body(&linker, &d, id);
                    doc.anchor(&anchors[id]);
                    doc.into_html().len()
                })
                .sum::<usize>()
        })
    });
    g.finish();
}

fn whole_stage(c: &mut Criterion) {
    let d = corpus(200, 200);
    let mut g = c.benchmark_group("link");
    g.sample_size(10);
    g.bench_function("whole-stage", |b| {
        b.iter(|| black_box(dossier::link::link(&d).is_ok()))
    });
    g.finish();
}

criterion_group!(benches, mentions, anchoring, whole_stage);
criterion_main!(benches);
