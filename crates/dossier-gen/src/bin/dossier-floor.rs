//! `dossier-floor`: the reference floor for `scripts/bench.sh`. Reads the
//! Markdown body of every article of a dossier from disk, renders it with
//! bare pulldown-cmark (`html::push_html`, the options `dossier` uses) and
//! writes one HTML file per article: single-threaded, no templates, no
//! linking. A full `dossier build` of the same articles is measured against
//! this.
//!
//! Usage: `dossier-floor ROOT OUT`

use std::path::PathBuf;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, root, out] = args.as_slice() else {
        eprintln!("usage: dossier-floor ROOT OUT");
        std::process::exit(2);
    };
    let start = Instant::now();
    let articles = PathBuf::from(root).join("content/articles");
    let out = PathBuf::from(out);
    if out.exists() {
        std::fs::remove_dir_all(&out)?;
    }
    std::fs::create_dir_all(&out)?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&articles)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    let mut html = String::new();
    let mut bytes = 0;
    for path in &paths {
        let text = std::fs::read_to_string(path)?;
        let body = body_of(&text);
        html.clear();
        let parser = pulldown_cmark::Parser::new_ext(body, dossier::link::markdown::options());
        pulldown_cmark::html::push_html(&mut html, parser);
        let stem = path.file_stem().unwrap_or_default();
        std::fs::write(out.join(stem).with_extension("html"), &html)?;
        bytes += html.len();
    }
    eprintln!(
        "dossier-floor: {} articles, {:.1} MB of HTML in {:.2?}",
        paths.len(),
        bytes as f64 / 1e6,
        start.elapsed()
    );
    Ok(())
}

/// The Markdown after the front matter's closing `---` line.
fn body_of(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    let mut offset = 4;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return &text[offset..];
        }
    }
    text
}
