//! The CommonMark spec's examples as Markdown seeds: each example is both
//! the seed (`seeds/example-NNN.md`) and the body of one article, so the
//! provenance check must pass for every one of them, whatever Markdown it
//! holds (hard breaks, entities, escapes, reference links, block quotes…).
//! And each body must still render as pulldown-cmark renders it.
//!
//! The examples come from the npm package `commonmark-spec` (0.31.2), as
//! JSON in the file `$DOSSIER_COMMONMARK_SPEC` (an array of `{markdown,
//! html, section, number}`); `scripts/test-all.sh` installs the package
//! and writes that file. Without the variable the test says it is skipped,
//! so that `cargo test` works where npm is not at hand.
//!
//! "Renders as pulldown-cmark does" means: the body's HTML is
//! `pulldown_cmark::html::push_html` of the same Markdown with the
//! dossier's options, its soft breaks written as spaces (as the dossier
//! writes them, so that a name wrapped across two lines is still found),
//! once the two things the dossier adds on purpose to every text are taken
//! out: the `id="h-…"` it gives a heading without one, and the
//! `class="code"` of a code block's `<pre>`. (No example names
//! an actor or event, so there are no mention links, and no annotation, so
//! no marks; raw HTML is allowed, as pulldown-cmark passes it through.) A
//! few examples differ for reasons of their own, listed in
//! [`RENDERED_OTHERWISE`] with why; every other one must be equal.

use std::collections::BTreeMap;
use std::path::Path;

/// The examples of CommonMark 0.31.2.
const EXAMPLES: usize = 652;

/// Examples whose body is not pulldown-cmark's HTML, on purpose: code
/// blocks are the dossier's own HTML (highlighted, and written out whole,
/// so pulldown-cmark's writer puts no line end before one that opens a
/// list item). The pages read the same.
const RENDERED_OTHERWISE: &[(usize, &str)] = &[
    (
        7,
        "a code block opens a list item: `<li><pre>`, no line end between",
    ),
    (142, "a `ruby` code block is highlighted"),
    (143, "a `ruby` code block is highlighted"),
    (211, "`\"` in a code block is written `&quot;`"),
    (273, "a code block opens a list item"),
    (274, "a code block opens a list item"),
    (278, "code blocks open list items"),
    (318, "a code block opens a list item"),
    (324, "a code block opens a list item"),
];

struct Example {
    number: usize,
    markdown: String,
}

/// The examples in `path`, tabs as tabs: the spec shows them as `→`, and
/// its own test runners put them back.
fn examples(path: &Path) -> Vec<Example> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("the spec's JSON");
    json.as_array()
        .expect("an array of examples")
        .iter()
        .map(|e| Example {
            number: e["number"].as_u64().expect("a number") as usize,
            markdown: e["markdown"].as_str().expect("markdown").replace('→', "\t"),
        })
        .collect()
}

fn slug(n: usize) -> String {
    format!("example-{n:03}")
}

/// One dossier holding every example as a seed and as an article, with raw
/// HTML allowed.
fn write_dossier(root: &Path, examples: &[Example]) {
    for dir in ["content/articles", "seeds"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    std::fs::write(
        root.join("book.toml"),
        "[book]\ntitle = \"CommonMark\"\n\n[output.html]\nallow-raw-html = true\n",
    )
    .unwrap();
    for e in examples {
        let slug = slug(e.number);
        let article = format!(
            "---\ntitle: \"Example {}\"\nsource:\n  name: CommonMark\npublished: 2024-01-28\nseed: {slug}.md\n---\n{}",
            e.number, e.markdown
        );
        std::fs::write(root.join(format!("content/articles/{slug}.md")), article).unwrap();
        std::fs::write(root.join(format!("seeds/{slug}.md")), &e.markdown).unwrap();
    }
}

/// The example an error is about, by its file's name.
fn example_of(path: &Path) -> Option<usize> {
    let stem = path.file_stem()?.to_str()?;
    stem.strip_prefix("example-")?.parse().ok()
}

/// Loads and links the dossier at `root`: the bodies' HTML by example, or
/// the examples whose provenance check failed (any other error panics).
fn link(root: &Path) -> Result<BTreeMap<usize, String>, Vec<usize>> {
    let dossier = dossier::load::load(root).unwrap_or_else(|e| panic!("does not load:\n{e}"));
    match dossier::link::link(&dossier) {
        Ok(linked) => Ok(linked
            .articles()
            .map(|(id, la)| {
                let n = example_of(Path::new(&dossier.articles[id].slug)).unwrap();
                (n, la.body.html.clone())
            })
            .collect()),
        Err(diags) => {
            let mut failed: Vec<usize> = diags
                .iter()
                .map(|d| {
                    assert!(
                        d.message.contains("is not in the seed"),
                        "not a provenance error: {}: {}",
                        d.path.display(),
                        d.message
                    );
                    example_of(&d.path).expect("an example's article")
                })
                .collect();
            failed.sort_unstable();
            failed.dedup();
            Err(failed)
        }
    }
}

/// The HTML with what the dossier adds to every text taken out: heading
/// ids of its own making, the `code` class of a code block's `<pre>`.
fn without_additions(html: &str) -> String {
    let mut out = html.replace("<pre class=\"code\">", "<pre>");
    while let Some(at) = out.find(" id=\"h-") {
        let end = out[at + 7..].find('"').map_or(out.len(), |i| at + 8 + i);
        out.replace_range(at..end, "");
    }
    out
}

fn pulldown_html(markdown: &str) -> String {
    let parser =
        pulldown_cmark::Parser::new_ext(markdown, dossier::link::markdown::options()).map(|ev| {
            match ev {
                pulldown_cmark::Event::SoftBreak => pulldown_cmark::Event::Text(" ".into()),
                ev => ev,
            }
        });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, parser);
    html
}

#[test]
fn every_spec_example_is_its_own_seed() {
    let Some(path) = std::env::var_os("DOSSIER_COMMONMARK_SPEC") else {
        println!(
            "skipped: DOSSIER_COMMONMARK_SPEC is not set (scripts/test-all.sh installs the \
             npm package commonmark-spec and sets it)"
        );
        return;
    };
    let examples = examples(Path::new(&path));
    assert_eq!(
        examples.len(),
        EXAMPLES,
        "CommonMark 0.31.2 has 652 examples"
    );
    let tmp = tempfile::tempdir().unwrap();
    write_dossier(tmp.path(), &examples);
    let (failed, bodies) = match link(tmp.path()) {
        Ok(bodies) => (Vec::new(), bodies),
        Err(failed) => {
            // Rendered all the same: the others, to compare their HTML.
            for n in &failed {
                let slug = slug(*n);
                std::fs::remove_file(tmp.path().join(format!("content/articles/{slug}.md")))
                    .unwrap();
            }
            let bodies = link(tmp.path()).unwrap_or_else(|again| {
                panic!("the provenance of {again:?} fails only once the others are gone")
            });
            (failed, bodies)
        }
    };
    let otherwise: BTreeMap<usize, &str> = RENDERED_OTHERWISE.iter().copied().collect();
    let mut unlike = Vec::new();
    for e in &examples {
        let Some(body) = bodies.get(&e.number) else {
            continue;
        };
        let same = without_additions(body) == pulldown_html(&e.markdown);
        if same == otherwise.contains_key(&e.number) {
            unlike.push(e.number);
        }
    }
    println!(
        "{} of {} examples fail the provenance check: {failed:?}",
        failed.len(),
        examples.len()
    );
    let same = bodies
        .iter()
        .filter(|(n, _)| otherwise.contains_key(n) == unlike.contains(n))
        .count();
    println!(
        "{same} of {} rendered bodies are pulldown-cmark's HTML; not as expected: {unlike:?}",
        bodies.len()
    );
    assert!(failed.is_empty(), "provenance fails for {failed:?}");
    assert!(
        unlike.is_empty(),
        "rendered otherwise than expected (see RENDERED_OTHERWISE): {unlike:?}"
    );
    assert_eq!(same, EXAMPLES - RENDERED_OTHERWISE.len());
}
