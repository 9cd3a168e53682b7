//! `dossier serve` rebuilds only what a change reaches; these tests prove
//! that what it then serves is what a cold build of the same files makes,
//! byte for byte and file for file, edit after edit.

mod common;
#[path = "../crates/dossier-gen/src/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use dossier::serve::{Builder, Site};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A dossier being served: its files, the builder and the site.
struct Session {
    root: PathBuf,
    builder: Builder,
    site: Site,
    /// The warnings of the last build, as the server reports them.
    warnings: String,
    /// The files the last build took by their digest, not handed over.
    unchanged: Vec<String>,
    /// How many files were edited: each edit's time, an hour ago plus it.
    edits: u64,
    _tmp: tempfile::TempDir,
}

impl Session {
    /// Copies `files` of the dossier at `from` and builds it once.
    fn start(from: &Path, files: &[&str]) -> Session {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("d");
        for f in files {
            let src = from.join(f);
            if src.is_dir() {
                common::copy_tree(&src, &root.join(f));
            } else {
                std::fs::create_dir_all(&root).unwrap();
                std::fs::copy(&src, root.join(f)).unwrap();
            }
        }
        // Old files, as a dossier's are: the loader trusts their stamps
        // (length, time, inode) and does not read them again while
        // unchanged. Each edit below then gives its file a time of its
        // own, old too, so that only the changed stamp tells of it.
        for f in walkdir::WalkDir::new(&root).into_iter().flatten() {
            if f.file_type().is_file() {
                set_age(f.path(), 0);
            }
        }
        let mut s = Session {
            edits: 0,
            builder: Builder::new(&root),
            root,
            site: Site::new().unwrap(),
            warnings: String::new(),
            unchanged: Vec::new(),
            _tmp: tmp,
        };
        assert!(s.rebuild(false), "the first build is whole");
        s.assert_cold();
        s
    }

    /// The river-spill fixture served with one item a page: every list
    /// and every actor's mentions run over numbered pages.
    fn river_spill_paged() -> Session {
        let mut s = Session::start(
            &common::fixture("river-spill"),
            &["book.toml", "content", "seeds"],
        );
        // `[output.html]` is the fixture's last table.
        assert!(s.edit("book.toml", |t| t + "page-size = 1\n"));
        s
    }

    /// Rebuilds as the server does after a change (`theme` when a template
    /// or book.toml changed): whether everything was made again.
    fn rebuild(&mut self, theme: bool) -> bool {
        let (update, _) = self
            .builder
            .rebuild_into(&self.site, theme, &mut Vec::new())
            .unwrap_or_else(|d| panic!("rebuild failed:\n{d}"));
        let whole = update.whole;
        self.unchanged = update.unchanged;
        let mut warnings = update.warnings;
        // Linted after the site is served, as the server does.
        warnings.extend(self.builder.warnings());
        self.warnings = warnings.to_string();
        whole
    }

    /// Edits the file at `rel` with `edit`, rebuilds, and checks the site
    /// against a cold build; whether the rebuild was whole.
    fn edit(&mut self, rel: &str, edit: impl FnOnce(String) -> String) -> bool {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let new = edit(text.clone());
        assert_ne!(text, new, "the edit of {rel} changes it");
        std::fs::write(&path, new).unwrap();
        self.edits += 1;
        set_age(&path, self.edits);
        let whole = self.rebuild(rel.starts_with("templates") || rel == "book.toml");
        self.assert_cold();
        whole
    }

    /// Adds `sentence` as a paragraph to `article`, in its seed first (the
    /// seed must hold every paragraph), rebuilding and checking after each
    /// file: whether either rebuild was whole.
    fn add_paragraph(&mut self, article: &str, sentence: &str) -> bool {
        let seed = seed_of(&self.root, article);
        let seed_whole = self.edit(&seed, |t| t + "\n" + sentence + "\n");
        let article_whole = self.edit(article, |t| {
            t.trim_end().to_string() + "\n\n" + sentence + "\n"
        });
        seed_whole || article_whole
    }

    /// The served site is a cold build of the files as they are now.
    fn assert_cold(&self) {
        let checked =
            dossier::check(&self.root).unwrap_or_else(|d| panic!("cold build failed:\n{d}"));
        assert_eq!(
            self.warnings,
            checked.warnings.to_string(),
            "the warnings of a cold build"
        );
        let cold: BTreeMap<String, Vec<u8>> = checked
            .files
            .into_iter()
            .map(|f| (f.path, f.bytes))
            .collect();
        // What is served is what is in the site's folder, read back.
        let served = common::files(self.site.dir());
        let differ = common::differing(&cold, &served);
        assert!(
            differ.is_empty(),
            "served files differ from a cold build: {differ:?}"
        );
    }
}

/// Sets the modification time of the file at `path` to an hour ago plus
/// `seconds`.
fn set_age(path: &Path, seconds: u64) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let file = std::fs::File::options().write(true).open(path).unwrap();
    let time = hour_ago + std::time::Duration::from_secs(seconds);
    file.set_modified(time).unwrap();
}

/// The first article file of `root`'s content.
fn first_article(root: &Path) -> String {
    let mut names: Vec<String> = std::fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    format!("content/articles/{}", names[0])
}

/// The seed file of the article at `rel`.
fn seed_of(root: &Path, rel: &str) -> String {
    let text = std::fs::read_to_string(root.join(rel)).unwrap();
    let line = text.lines().find(|l| l.starts_with("seed:")).unwrap();
    format!("seeds/{}", line["seed:".len()..].trim().trim_matches('"'))
}

/// Replaces the first line starting `key:` of the front matter.
fn set_field(text: String, key: &str, value: &str) -> String {
    let mut done = false;
    let lines: Vec<String> = (text.lines())
        .map(|l| {
            if !done && l.starts_with(&format!("{key}:")) {
                done = true;
                format!("{key}: {value}")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(done, "no `{key}:` line");
    lines.join("\n") + "\n"
}

#[test]
fn every_edit_serves_what_a_cold_build_makes() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut s = Session::start(repo, &["book.toml", "content", "seeds", "templates"]);
    let article = first_article(&s.root);
    // One article's title: only the pages it reaches are made again.
    let partial = !s.edit(&article, |t| {
        set_field(t, "title", "\"A title changed in serve\"")
    });
    assert!(partial, "an article's edit is rebuilt incrementally");
    // A body sentence naming an actor.
    assert!(!s.add_paragraph(&article, "Kazakhstan and Belarus were named again."));
    // An annotation.
    assert!(!s.edit(&article, |t| {
        t.replacen(
            "annotations:\n",
            "annotations:\n  - quote: \"Kazakhstan and Belarus were named again\"\n    kind: context\n    note: \"Added while serving.\"\n",
            1,
        )
    }));
    // An actor's alias: every text is linked again.
    let actor = "content/actors/belarus.md";
    assert!(s.edit(actor, |t| set_field(t, "aliases", "[\"Belarusian side\"]")));
    // An event's date.
    let event = "content/events/belarusian-contingent-returns.md";
    s.edit(event, |t| set_field(t, "date", "2022-01-15"));
    // A template.
    let base = "templates/base.html";
    let theme = std::fs::read_to_string(s.root.join(base)).unwrap_or_default();
    assert!(s.edit(base, |_| theme
        .replace("</footer>", "<!-- served --></footer>")));
    // An article removed (others link to it: the build fails and the
    // last good site stays), then back, then another added.
    let text = std::fs::read_to_string(s.root.join(&article)).unwrap();
    std::fs::remove_file(s.root.join(&article)).unwrap();
    let served = common::files(s.site.dir());
    assert!(s
        .builder
        .rebuild_into(&s.site, false, &mut Vec::new())
        .is_err());
    assert!(
        common::files(s.site.dir()) == served,
        "a failed rebuild leaves the site served as it was"
    );
    assert!(s.edit(&article, |_| text.clone()));
    let added = "content/articles/added-while-serving.md";
    assert!(s.edit(added, |_| text.replace("A title changed in serve", "Added")));
    // And an article edited after all that, incrementally again.
    assert!(!s.edit(added, |t| {
        set_field(t, "title", "\"Added, then retitled\"")
    }));
}

#[test]
fn the_river_spill_fixture_too() {
    let mut s = Session::start(
        &common::fixture("river-spill"),
        &["book.toml", "content", "seeds"],
    );
    let article = first_article(&s.root);
    assert!(!s.edit(&article, |t| set_field(
        t,
        "title",
        "\"Inquiry opened, retitled\""
    )));
    assert!(!s.add_paragraph(&article, "Wisla Chemicals said nothing."));
    let actor = "content/actors/kowalska.md";
    s.edit(actor, |t| {
        t.trim_end().to_string() + "\n\nShe spoke again.\n"
    });
}

/// Lists in numbered pages (one item a page): an edit that takes mentions
/// away from an actor leaves it fewer pages, and the pages past the new
/// last one are no longer served, as a cold build never writes them.
#[test]
fn numbered_pages_that_an_edit_removes_are_no_longer_served() {
    let mut s = Session::river_spill_paged();
    let pages = |s: &Session| {
        let files = common::files(s.site.dir());
        let mut names: Vec<String> = (files.keys())
            .filter(|p| p.starts_with("actors/kowalska."))
            .cloned()
            .collect();
        names.sort();
        names
    };
    let before = pages(&s);
    let article = "content/articles/inquiry-opened.md";
    let partial = !s.edit(article, |t| {
        t.replace("\n\nMayor Kowalska welcomed the inquiry.", "")
    });
    assert!(partial, "a body edit is rebuilt incrementally");
    let after = pages(&s);
    assert!(
        after.len() < before.len(),
        "kowalska's pages {before:?} -> {after:?}"
    );
    // A title on numbered list pages (the index's, the sources'): the page
    // listing the article is made again, the others are kept by what their
    // articles are, and all are a cold build's.
    let partial = !s.edit(article, |t| {
        set_field(t, "title", "\"Retitled on page two\"")
    });
    assert!(partial, "a title edit is rebuilt incrementally");
    let listed = |s: &Session| {
        let files = common::files(s.site.dir());
        let of = |prefix: &str| {
            let listing = |(p, b): (&String, &Vec<u8>)| {
                (p.starts_with(prefix)
                    && String::from_utf8_lossy(b).contains("Retitled on page two"))
                .then_some(p.clone())
            };
            files.iter().filter_map(listing).count()
        };
        (of("index"), of("sources"))
    };
    assert_eq!(
        listed(&s),
        (1, 1),
        "one page of each list names the new title"
    );
}

/// An actor's network draws the links among its companions: when an edit
/// changes how often two of them are named together, the page of a third
/// actor drawing both changes (the link's width and title), though the
/// edited article never names it; it is served as a cold build makes it.
#[test]
fn a_network_drawing_a_changed_link_is_drawn_again() {
    let mut s = Session::start(
        &common::fixture("river-spill"),
        &["book.toml", "content", "seeds"],
    );
    // Иванова is named beside both of the others, in one article…
    assert!(!s.add_paragraph(
        "content/articles/spill-denied.md",
        "Kowalska and Иванова met Wisła Chemicals.",
    ));
    // … and the other two, once more, in an article that never names her.
    assert!(!s.add_paragraph(
        "content/articles/inquiry-opened.md",
        "Kowalska questioned Wisła Chemicals.",
    ));
}

/// A dossier whose print edition runs over several pages (a few hundred
/// generated articles): `serve` keeps the print pages whose items and
/// places did not change and makes the others again; what it serves is a
/// cold build after a title edit, a new date (which moves the article in
/// print order, and the items between) and a paragraph added.
#[test]
fn print_and_annotation_pages_kept_or_made_again_are_a_cold_build() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus::Corpus::generate(corpus::Params {
        articles: 360,
        actors: 40,
        events: 12,
        seed: 5,
        mentioned: None,
    });
    corpus.write_dossier(dir.path()).expect("corpus written");
    let mut s = Session::start(dir.path(), &["book.toml", "content", "seeds"]);
    let print_pages = (common::files(s.site.dir()).keys())
        .filter(|p| p.starts_with("print"))
        .count();
    assert!(print_pages >= 3, "{print_pages} print pages");
    // The Web Annotation pages too: those of kept notes are kept.
    let annotation_pages = (common::files(s.site.dir()).keys())
        .filter(|p| p.starts_with("annotations/page-"))
        .count();
    assert!(annotation_pages >= 2, "{annotation_pages} annotation pages");
    let article = first_article(&s.root);
    let search = |s: &Session| {
        let mut files = common::files(s.site.dir());
        files.retain(|p, _| p.starts_with("search/"));
        files
    };
    let before = search(&s);
    assert!(!s.edit(&article, |t| set_field(
        t,
        "title",
        "\"Retitled while serving\""
    )));
    // The print and list pages that do not show the title are taken as the
    // site has them, by their signature: not made, not held in memory.
    let taken = |prefix: &str| {
        (s.unchanged.iter())
            .filter(|p| p.starts_with(prefix))
            .count()
    };
    assert!(
        taken("print") + 1 >= print_pages,
        "{} of {print_pages} print pages taken as served",
        taken("print")
    );
    let sources = (common::files(s.site.dir()).keys())
        .filter(|p| p.starts_with("sources"))
        .count();
    assert!(
        sources >= 2 && taken("sources") + 1 == sources,
        "{sources} sources pages"
    );
    // The search files an edit changes are those holding what it changed
    // (and the meta script that lists their versions): few of them.
    let after = search(&s);
    let changed = (after.iter())
        .filter(|(p, b)| before.get(*p) != Some(b))
        .count();
    assert!(
        changed * 10 < after.len(),
        "{changed} of {} search files changed",
        after.len()
    );
    assert!(!s.edit(&article, |t| set_field(t, "published", "2022-06-30")));
    assert!(!s.add_paragraph(&article, "The print edition grew by a paragraph."));
}

/// The notes of an article are search documents numbered one after the
/// other, all articles' in turn: a note added to an earlier article moves
/// a later one's by one. A search fragment cut at the same numbers then
/// holds other notes of that article, and is made again, not kept.
#[test]
fn notes_moved_by_a_note_added_before_them_are_indexed_again() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    for f in ["book.toml", "content", "seeds", "templates"] {
        let src = repo.join(f);
        match src.is_dir() {
            true => common::copy_tree(&src, &tmp.path().join(f)),
            false => drop(std::fs::copy(&src, tmp.path().join(f)).unwrap()),
        }
    }
    // The last article gets sixty notes more, each on a sentence of its own
    // (in its seed too), long enough that a fragment holds its notes alone.
    let last = "content/articles/tokayev-csto-peacekeepers-did-not-fire-a-single-shot.md";
    let seed = seed_of(tmp.path(), last);
    let sentences: Vec<String> = (1..=60)
        .map(|n| format!("Paragraph {n} was added to give this article many notes."))
        .collect();
    let mut text = std::fs::read_to_string(tmp.path().join(last)).unwrap();
    let notes: String = (sentences.iter().enumerate())
        .map(|(n, s)| {
            let quote = s.trim_end_matches('.');
            let note = "A note long enough to weigh in the search fragments. ".repeat(4);
            format!("  - quote: \"{quote}\"\n    kind: context\n    note: \"{n}: {note}\"\n")
        })
        .collect();
    text = text.replacen("annotations:\n", &format!("annotations:\n{notes}"), 1);
    text = text.trim_end().to_string() + "\n\n" + &sentences.join("\n\n") + "\n";
    std::fs::write(tmp.path().join(last), text).unwrap();
    let mut seed_text = std::fs::read_to_string(tmp.path().join(&seed)).unwrap();
    seed_text = seed_text + "\n" + &sentences.join("\n\n") + "\n";
    std::fs::write(tmp.path().join(&seed), seed_text).unwrap();
    let mut s = Session::start(tmp.path(), &["book.toml", "content", "seeds", "templates"]);
    // Notes of several lengths added to the first article, each on a
    // sentence added first: one of them moves the later notes by one
    // document and the cuts between fragments by one note.
    let first = first_article(&s.root);
    assert_ne!(first, last);
    for n in 1..=4 {
        let sentence = format!("Sentence {n} was added to be annotated here.");
        assert!(!s.add_paragraph(&first, &sentence));
        assert!(!s.edit(&first, |t| {
            let quote = sentence.trim_end_matches('.');
            let words = "A note long enough to weigh in the search fragments. ".repeat(n);
            let note =
                format!("  - quote: \"{quote}\"\n    kind: context\n    note: \"{words}\"\n");
            t.replacen("annotations:\n", &format!("annotations:\n{note}"), 1)
        }));
    }
}

/// A later timeline page, kept by its entries' own texts, whose (user's)
/// template fails on an edit: the rebuild fails, says why once, and the
/// site stays as it was; the next good edit serves a cold build again.
#[test]
fn a_list_page_s_template_error_while_serving_is_reported_once() {
    let mut s = Session::river_spill_paged();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let template = std::fs::read_to_string(repo.join("templates/timeline.html")).unwrap();
    let fails =
        "{% if e.title == \"Boom\" %}{{ throw(message=\"boom on a timeline page\") }}{% endif %}";
    let template = template.replace(
        "{% for e in entries %}",
        &format!("{{% for e in entries %}}{fails}"),
    );
    std::fs::create_dir_all(s.root.join("templates")).unwrap();
    assert!(s.edit("templates/timeline.html", |_| template));
    let article = "content/articles/inquiry-opened.md";
    assert!(!s.edit(article, |t| set_field(t, "published", "2023-06-01")));
    assert!(
        s.unchanged.iter().any(|p| p.starts_with("timeline.")),
        "later timeline pages taken as served: {:?}",
        s.unchanged
    );
    let served = common::files(s.site.dir());
    let path = s.root.join(article);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, set_field(text, "title", "Boom")).unwrap();
    s.edits += 1;
    set_age(&path, s.edits);
    let err = match s.builder.rebuild_into(&s.site, false, &mut Vec::new()) {
        Ok(_) => panic!("a template that fails fails the rebuild"),
        Err(d) => d.to_string(),
    };
    assert!(err.contains("boom on a timeline page"), "{err}");
    assert_eq!(err.matches("failed to render").count(), 1, "once: {err}");
    assert!(
        common::files(s.site.dir()) == served,
        "the site served stays"
    );
    assert!(s.edit(article, |t| set_field(t, "title", "\"Back\"")));
    assert!(!s.edit(article, |t| set_field(t, "title", "\"Back again\"")));
}

#[test]
fn a_seed_an_article_leaves_is_no_longer_served() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut s = Session::start(repo, &["book.toml", "content", "seeds", "templates"]);
    let article = first_article(&s.root);
    let seed = seed_of(&s.root, &article);
    let copy = "seeds/zz-a-copy.txt";
    // A copy no article names: said, and not published.
    let text = std::fs::read_to_string(s.root.join(&seed)).unwrap();
    assert!(s.edit(copy, |_| text));
    assert!(s.warnings.contains("unused-seed"), "{}", s.warnings);
    assert!(!s.site.dir().join(copy).exists());
    // The article taken from the copy: the copy is published, its old
    // seed, now named by no article, is gone (the rebuild checks both).
    assert!(!s.edit(&article, |t| set_field(t, "seed", "zz-a-copy.txt")));
    assert!(s.site.dir().join(copy).exists());
    assert!(!s.site.dir().join(&seed).exists(), "{seed} is still served");
}
