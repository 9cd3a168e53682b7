//! Whole-dossier checks that need every item loaded: typed references, seeds,
//! aliases claimed twice.

use crate::diagnostics::{closest, Diagnostic, Diagnostics};
use crate::model::{Dossier, ItemKind, ItemRef, SourceText};
use std::collections::HashMap;

pub fn validate(d: &Dossier, diags: &mut Diagnostics) {
    check_typed_refs(d, diags);
    check_seeds(d, diags);
    check_aliases(d, diags);
}

fn dangling(
    d: &Dossier,
    text: &SourceText,
    kind: ItemKind,
    slug: &str,
    from_offset: usize,
) -> Diagnostic {
    let from_line = crate::diagnostics::line_col(&text.file, from_offset).0;
    let offset = text
        .locate_in_front_matter(slug, from_line)
        .or_else(|| text.locate_in_front_matter(slug, 0))
        .unwrap_or(from_offset);
    let names: Vec<&str> = match kind {
        ItemKind::Actor => d.actors.iter().map(|a| a.slug.as_str()).collect(),
        ItemKind::Event => d.events.iter().map(|e| e.slug.as_str()).collect(),
        ItemKind::Article => d.articles.iter().map(|a| a.slug.as_str()).collect(),
        ItemKind::Page => d.pages.iter().map(|p| p.slug.as_str()).collect(),
    };
    let diag = Diagnostic::new(
        &text.path,
        format!(
            "no {} `{slug}`: there is no content/{}/{slug}.md",
            kind.singular(),
            kind.dir()
        ),
    )
    .at_offset(&text.file, offset);
    match closest(slug, names) {
        Some(c) => diag.hint(format!("did you mean `{c}`?")),
        None => diag.hint(format!(
            "create content/{}/{slug}.md or remove the reference",
            kind.dir()
        )),
    }
}

fn check_typed_refs(d: &Dossier, diags: &mut Diagnostics) {
    for article in &d.articles {
        for a in &article.annotations {
            for slug in &a.actors {
                if !d.contains(&ItemRef::new(ItemKind::Actor, slug)) {
                    diags.push(dangling(d, &article.text, ItemKind::Actor, slug, a.offset));
                }
            }
            for slug in &a.events {
                if !d.contains(&ItemRef::new(ItemKind::Event, slug)) {
                    diags.push(dangling(d, &article.text, ItemKind::Event, slug, a.offset));
                }
            }
            if a.occurrence == Some(0) {
                diags.push(
                    Diagnostic::new(&article.text.path, "`occurrence` counts from 1")
                        .at_offset(&article.text.file, a.offset)
                        .hint("use `occurrence: 1` for the first time the quote appears"),
                );
            }
            if a.quote.trim().is_empty() {
                diags.push(
                    Diagnostic::new(&article.text.path, "the annotation's quote is empty")
                        .at_offset(&article.text.file, a.offset)
                        .hint("quote the exact words of the body that the note is about"),
                );
            }
        }
    }
    for event in &d.events {
        for slug in &event.actors {
            if !d.contains(&ItemRef::new(ItemKind::Actor, slug)) {
                let start = event.text.front_matter_start;
                diags.push(dangling(d, &event.text, ItemKind::Actor, slug, start));
            }
        }
    }
}

fn check_seeds(d: &Dossier, diags: &mut Diagnostics) {
    let seeds_dir = d.config.build.seeds_dir.display().to_string();
    for article in &d.articles {
        let text = &article.text;
        let offset = text
            .locate_in_front_matter("seed:", 0)
            .unwrap_or(text.front_matter_start);
        let seed = article.seed.as_str();
        let confined = !seed.is_empty()
            && !seed.contains('/')
            && !seed.contains('\\')
            && seed != ".."
            && seed != "."
            && !seed.starts_with('.');
        if !confined {
            diags.push(
                Diagnostic::new(
                    &text.path,
                    format!("seed `{seed}` is not a file name inside {seeds_dir}/"),
                )
                .at_offset(&text.file, offset)
                .hint(format!(
                    "name a file directly inside {seeds_dir}/, without folders or `..`"
                )),
            );
            continue;
        }
        match d.seeds.get(seed) {
            None => {
                let diag = Diagnostic::new(
                    &text.path,
                    format!("seed `{seed}` does not exist in {seeds_dir}/"),
                )
                .at_offset(&text.file, offset);
                diags.push(match closest(seed, d.seeds.keys().map(String::as_str)) {
                    Some(c) => diag.hint(format!("did you mean `{c}`?")),
                    None => diag.hint(format!(
                        "copy the verbatim source text into {seeds_dir}/{seed}"
                    )),
                });
            }
            Some(s) if !s.utf8 => diags.push(
                Diagnostic::new(format!("{seeds_dir}/{seed}"), "the seed is not valid UTF-8")
                    .hint("convert the seed to UTF-8 (the verbatim text, re-encoded)"),
            ),
            Some(_) => {}
        }
    }
}

/// An alias (or actor name) may stand for one item only; a phrase claimed
/// twice would make mentions ambiguous.
fn check_aliases(d: &Dossier, diags: &mut Diagnostics) {
    let mut owner: HashMap<&str, (ItemKind, &str)> = HashMap::new();
    fn claim<'a>(
        owner: &mut HashMap<&'a str, (ItemKind, &'a str)>,
        phrase: &'a str,
        kind: ItemKind,
        slug: &'a str,
        text: &SourceText,
        diags: &mut Diagnostics,
    ) {
        let offset = text
            .locate_in_front_matter(phrase, 0)
            .unwrap_or(text.front_matter_start);
        if phrase.trim().is_empty() {
            diags.push(
                Diagnostic::new(&text.path, "an empty name or alias")
                    .at_offset(&text.file, offset)
                    .hint("remove the empty entry"),
            );
            return;
        }
        if phrase.trim() != phrase {
            diags.push(
                Diagnostic::new(
                    &text.path,
                    format!("alias `{phrase}` has leading or trailing spaces"),
                )
                .at_offset(&text.file, offset)
                .hint("remove the spaces"),
            );
        }
        match owner.get(phrase) {
            Some((k, s)) if (*k, *s) != (kind, slug) => diags.push(
                Diagnostic::new(
                    &text.path,
                    format!(
                        "`{phrase}` is claimed by both {}/{} and {}/{}",
                        k.dir(),
                        s,
                        kind.dir(),
                        slug
                    ),
                )
                .at_offset(&text.file, offset)
                .hint("a name or alias can stand for one item only: remove it from one of them"),
            ),
            Some(_) => {}
            None => {
                owner.insert(phrase, (kind, slug));
            }
        }
    }
    for a in &d.actors {
        claim(
            &mut owner,
            &a.name,
            ItemKind::Actor,
            &a.slug,
            &a.text,
            diags,
        );
        for alias in &a.aliases {
            claim(&mut owner, alias, ItemKind::Actor, &a.slug, &a.text, diags);
        }
    }
    for e in &d.events {
        for alias in &e.aliases {
            claim(&mut owner, alias, ItemKind::Event, &e.slug, &e.text, diags);
        }
    }
}
