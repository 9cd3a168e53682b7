//! Stage 3, data exports: the dossier in the formats other tools read,
//! written at the site root beside the pages, by the same sink.
//!
//! - `annotations.jsonld`: the notes as a W3C Web Annotation
//!   `AnnotationCollection`, paged into `annotations/page-N.jsonld` when
//!   large (`w3c.rs`);
//! - `entities.ftm.json`: actors, events, articles, notes and the links
//!   between them as FollowTheMoney entities, one a line, continued in
//!   `entities-N.ftm.json` past 8 MB (`ftm.rs`);
//! - `timeline.json`: events and dated articles for TimelineJS
//!   (`timelinejs.rs`);
//! - `cite/<slug>.csl.json`, `.bib`, `.ris`: each article's citation
//!   ([`cite`]).
//!
//! Like `dossier.json`, every export is typed records borrowing from the
//! dossier, serialised straight into the writer: no `serde_json::Value`
//! tree, which at newsroom scale costs seconds and gigabytes. Everything
//! is written in dossier order, so two builds of one dossier are
//! byte-identical.

pub(crate) mod cite;
mod ftm;
mod links;
mod parts;
pub(crate) mod provenance;
mod seedquote;
mod timelinejs;
mod w3c;

use crate::diagnostics::Diagnostic;
use crate::incremental::Reuse;
use crate::link::markdown::resolve_at_path;
use crate::link::{Linked, LinkedAnnotation};
use crate::model::{Article, Dossier};
use crate::render::Sink;
pub(crate) use links::Links;
use provenance::Digests;
use std::borrow::Cow;

/// Notes what became of one output file: its path, or its error (the
/// bookkeeping of `render::render_into`: duplicate paths, the sitemap, the
/// file count).
pub(crate) type Record<'r> = dyn Fn(&str, Result<(), Diagnostic>) + Sync + 'r;

/// What every exporter reads: the dossier, how to name its pages, and the
/// digests of its seeds (computed once for all exports).
pub(crate) struct Exports<'a> {
    pub d: &'a Dossier,
    pub l: &'a Linked,
    pub links: Links,
    pub digests: Digests<'a>,
    /// What may be taken from the previous build (`dossier serve`).
    pub reuse: Reuse<'a>,
}

/// The site-wide exports as written (not the per-article citation files):
/// each one's paths, its main file first, then the pages of a paged one or
/// the parts of a split one. What the site's `data.html` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Written {
    /// `annotations.jsonld`, then `annotations/page-N.jsonld` if paged.
    pub annotations: Vec<String>,
    /// `entities.ftm.json`, then `entities-N.ftm.json` if split.
    pub entities: Vec<String>,
    /// `timeline.json`.
    pub timeline: Vec<String>,
}

/// The folder of the per-article citation files: `cite/<slug>.csl.json`,
/// `.bib` and `.ris`.
pub(crate) const CITE_DIR: &str = "cite";

/// Writes every export of the dossier to `sink`, telling `record` of each
/// file; per-article files only for the articles `reuse` redoes, and the
/// site-wide ones with the pieces it keeps. Returns the paths of the
/// site-wide exports written, for the page that lists them.
pub(crate) fn write_all(
    d: &Dossier,
    l: &Linked,
    reuse: Reuse,
    sink: &dyn Sink,
    record: &Record,
) -> Written {
    let x = Exports {
        d,
        l,
        links: Links::new(&d.config),
        // A partial build asks for the seeds of the articles it redoes.
        digests: Digests::of(d, reuse.keeps() && !reuse.redoes_all()),
        reuse,
    };
    let mut written = Written::default();
    rayon::scope(|s| {
        let x = &x;
        let Written {
            annotations,
            entities,
            timeline,
        } = &mut written;
        s.spawn(move |_| *annotations = w3c::write(x, sink, record));
        s.spawn(move |_| *entities = ftm::write(x, sink, record));
        s.spawn(move |_| *timeline = timelinejs::write(x, sink, record));
        cite::write(x, sink, record);
    });
    written
}

/// The files of `annotations.jsonld` that hold the notes' Web Annotations,
/// in order: the collection itself, or past one page its pages
/// (`annotations/page-N.jsonld`); none when there is no note. What
/// `dossier.json` names for its annotations.
pub(crate) fn annotation_files(l: &Linked) -> Vec<String> {
    w3c::item_files(l.articles().map(|(_, la)| la.annotations.len()).sum())
}

/// The element id of an annotation's side note on its article page: what
/// a link to the note (and the Web Annotation's id) ends with. Stable: it
/// comes from the note's id, never from its place among the notes.
pub(crate) fn note_anchor(_article: &Article, annotation: &LinkedAnnotation) -> String {
    annotation.id.note().to_string()
}

/// A note's Markdown with its `@/kind/slug.md` links made IRIs of the
/// pages (see [`Links`]): read outside the dossier, an `@/` path names
/// nothing. Anything else, a path that names no item included, is kept.
pub(crate) fn note_markdown<'m>(x: &Exports, from_root: &str, md: &'m str) -> Cow<'m, str> {
    if !md.contains("@/") {
        return md.into();
    }
    let mut out = String::with_capacity(md.len() + 64);
    let mut rest = md;
    while let Some(i) = rest.find("@/") {
        let (before, at) = rest.split_at(i);
        out.push_str(before);
        let end = at
            .find(|c: char| matches!(c, ')' | '>' | '"' | '\'') || c.is_whitespace())
            .unwrap_or(at.len());
        let path = &at[..end];
        // Only a link's destination: `](@/…`, `<@/…>` or `]: @/…`.
        let is_destination =
            before.ends_with("](") || before.ends_with('<') || before.ends_with("]: ");
        match resolve_at_path(x.d, path).ok().filter(|_| is_destination) {
            Some((item, fragment)) => {
                out.push_str(&x.links.iri(from_root, item.path().url()));
                if let Some(f) = fragment {
                    out.push('#');
                    out.push_str(&f);
                }
            }
            None => out.push_str(path),
        }
        rest = &at[end..];
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Collect;
    use serde_json::Value;
    use std::path::Path;

    fn river_spill() -> crate::Checked {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/river-spill");
        crate::check(&root).expect("the fixture builds")
    }

    fn exports(c: &crate::Checked) -> (Written, Vec<crate::render::OutputFile>) {
        let sink = Collect::default();
        let written = write_all(&c.dossier, &c.linked, Reuse::default(), &sink, &|p, r| {
            r.unwrap_or_else(|e| panic!("{p}: {e:?}"))
        });
        (written, sink.into_files())
    }

    #[test]
    fn exports_are_deterministic_and_listed() {
        let c = river_spill();
        let (written, first) = exports(&c);
        assert_eq!(
            written,
            Written {
                annotations: vec!["annotations.jsonld".into()],
                entities: vec!["entities.ftm.json".into()],
                timeline: vec!["timeline.json".into()],
            }
        );
        assert_eq!(first.len(), 3 + 3 * c.dossier.articles.len());
        // What dossier.json names for the notes: the files holding them.
        assert_eq!(annotation_files(&c.linked), written.annotations);
        let (_, second) = exports(&c);
        assert!(first == second, "two runs wrote different exports");
        // The site has them too.
        for p in ["annotations.jsonld", "cite/spill-denied.bib"] {
            assert!(
                c.files.iter().any(|f| f.path == p),
                "{p} is not in the site"
            );
        }
    }

    #[test]
    fn the_files_holding_the_notes_are_the_collection_or_its_pages() {
        assert!(w3c::item_files(0).is_empty());
        assert_eq!(w3c::item_files(1000), ["annotations.jsonld"]);
        assert_eq!(
            w3c::item_files(1001),
            ["annotations/page-1.jsonld", "annotations/page-2.jsonld"]
        );
    }

    #[test]
    fn position_selectors_slice_the_seed_to_the_quote() {
        let c = river_spill();
        let (_, files) = exports(&c);
        let file = files
            .iter()
            .find(|f| f.path == "annotations.jsonld")
            .unwrap();
        let collection: Value = serde_json::from_slice(&file.bytes).unwrap();
        let items = collection["first"]["items"].as_array().unwrap();
        assert_eq!(items.len(), 6);
        let mut checked = 0;
        for target in items.iter().flat_map(|a| a["target"].as_array().unwrap()) {
            let Some(seed) = target["source"]["id"].as_str() else {
                continue;
            };
            let file = seed.rsplit('/').next().unwrap();
            let text = &c.dossier.seeds[file].text;
            let [quote, position] = target["selector"].as_array().unwrap().as_slice() else {
                panic!("two selectors on the seed")
            };
            let (start, end) = (
                position["start"].as_u64().unwrap(),
                position["end"].as_u64().unwrap(),
            );
            let slice: String = text
                .chars()
                .skip(start as usize)
                .take((end - start) as usize)
                .collect();
            assert_eq!(slice, quote["exact"].as_str().unwrap());
            checked += 1;
        }
        assert_eq!(checked, 6);
    }

    #[test]
    fn note_links_become_page_iris() {
        let c = river_spill();
        let x = Exports {
            d: &c.dossier,
            l: &c.linked,
            links: Links::new(&c.dossier.config),
            digests: Digests::of(&c.dossier, false),
            reuse: Reuse::default(),
        };
        let md = "See [the report](@/articles/inquiry-opened.md#note-1), not @/x, [y](@/articles/none.md).";
        assert_eq!(
            note_markdown(&x, "", md),
            "See [the report](https://example.org/spill/articles/inquiry-opened.html#note-1), \
             not @/x, [y](@/articles/none.md)."
        );
        assert!(matches!(
            note_markdown(&x, "", "plain"),
            Cow::Borrowed("plain")
        ));
    }
}
