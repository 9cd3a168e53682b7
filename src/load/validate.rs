//! Whole-dossier checks that need every item loaded: typed references
//! (resolved to ids here), annotations, seeds, aliases claimed twice. Each
//! problem is placed on the value it is about, found by its path in the
//! front matter.

use super::frontmatter::{self, Step};
use super::items::Named;
use crate::diagnostics::{closest, Diagnostic, Diagnostics};
use crate::model::{ActorId, Dossier, EventId, Id, ItemId, ItemKind, ItemRef, SourceText};
use std::collections::HashMap;

/// Checks the loaded dossier, resolving what each item's front matter
/// names (`named`, by item) to ids.
pub(super) fn validate(d: &mut Dossier, named: Vec<(ItemId, Named)>, diags: &mut Diagnostics) {
    resolve_typed_refs(d, named, diags);
    check_annotations(d, diags);
    check_source_urls(d, diags);
    check_seeds(d, diags);
    check_aliases(d, diags);
}

/// A reference to a `kind` item `slug` that does not exist, written at
/// `path` of `text`'s front matter.
fn dangling(
    d: &Dossier,
    text: &SourceText,
    kind: ItemKind,
    slug: &str,
    path: &[Step],
) -> Diagnostic {
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
    );
    let diag = frontmatter::place(diag, text, path);
    match closest(slug, names) {
        Some(c) => diag.hint(format!("did you mean `{c}`?")),
        None => diag.hint(format!(
            "create content/{}/{slug}.md or remove the reference",
            kind.dir()
        )),
    }
}

/// The ids of the `slugs` (the list at `list` in `text`'s front matter)
/// that are items of the kind of `I`; reports each that is not (unless it failed
/// to load, which is reported already).
fn resolve_list<I: Id>(
    d: &Dossier,
    text: &SourceText,
    slugs: &[String],
    list: &[Step],
    diags: &mut Diagnostics,
) -> Vec<I> {
    let mut ids = Vec::with_capacity(slugs.len());
    for (j, slug) in slugs.iter().enumerate() {
        match d.find_id::<I>(slug) {
            Some(id) => ids.push(id),
            None if d.unloaded.contains(&ItemRef::new(I::KIND, slug.as_str())) => {}
            None => {
                let at = [list, &[Step::Index(j)]].concat();
                diags.push(dangling(d, text, I::KIND, slug, &at));
            }
        }
    }
    ids
}

/// Resolves the actors and events each annotation is tagged with and the
/// actors of each event.
fn resolve_typed_refs(d: &mut Dossier, named: Vec<(ItemId, Named)>, diags: &mut Diagnostics) {
    use rayon::prelude::*;
    // Tens of thousands of lists at newsroom scale: resolved on every
    // core, then set in place, in order (and so are the problems).
    let resolved: Vec<(ItemId, Resolved, Diagnostics)> = named
        .into_par_iter()
        .map(|(id, names)| {
            let mut found = Diagnostics::new();
            let resolved = resolve_item(d, id, &names, &mut found);
            (id, resolved, found)
        })
        .collect();
    for (id, resolved, found) in resolved {
        diags.extend(found);
        match (id, resolved) {
            (ItemId::Article(id), Resolved::Annotations(lists)) => {
                let annotations = &mut d.articles[id].annotations;
                for (a, (actors, events)) in annotations.iter_mut().zip(lists) {
                    (a.actors, a.events) = (actors, events);
                }
            }
            (ItemId::Event(id), Resolved::Actors(actors)) => d.events[id].actors = actors,
            _ => {}
        }
    }
}

/// The ids an item's front matter names.
enum Resolved {
    /// Each annotation's actors and events.
    Annotations(Vec<(Vec<ActorId>, Vec<EventId>)>),
    /// An event's actors.
    Actors(Vec<ActorId>),
    Nothing,
}

/// Resolves the actors and events each annotation of article `id` is
/// tagged with, or the actors of event `id`.
fn resolve_item(d: &Dossier, id: ItemId, names: &Named, diags: &mut Diagnostics) -> Resolved {
    use Step::{Index, Key};
    match id {
        ItemId::Article(id) => {
            let text = &d.articles[id].text;
            let lists = (names.annotations.iter().enumerate()).map(|(i, (actors, events))| {
                let field = |name| [Key("annotations"), Index(i), Key(name)];
                let actors = resolve_list::<ActorId>(d, text, actors, &field("actors"), diags);
                let events = resolve_list::<EventId>(d, text, events, &field("events"), diags);
                (actors, events)
            });
            Resolved::Annotations(lists.collect())
        }
        ItemId::Event(id) => {
            let text = &d.events[id].text;
            let actors = resolve_list::<ActorId>(d, text, &names.actors, &[Key("actors")], diags);
            Resolved::Actors(actors)
        }
        ItemId::Actor(_) | ItemId::Page(_) => Resolved::Nothing,
    }
}

/// Reports annotations whose `occurrence` is 0 or whose quote or note is
/// empty.
fn check_annotations(d: &Dossier, diags: &mut Diagnostics) {
    use Step::{Index, Key};
    for article in &d.articles {
        let text = &article.text;
        for (i, a) in article.annotations.iter().enumerate() {
            let field = |name| [Key("annotations"), Index(i), Key(name)];
            if a.occurrence == Some(0) {
                let e = Diagnostic::new(&text.path, "`occurrence` counts from 1");
                diags.push(
                    frontmatter::place(e, text, &field("occurrence"))
                        .hint("use `occurrence: 1` for the first time the quote appears"),
                );
            }
            if a.quote.trim().is_empty() {
                let e = Diagnostic::new(&text.path, "the annotation's quote is empty");
                diags.push(
                    frontmatter::place(e, text, &field("quote"))
                        .hint("quote the exact words of the body that the note is about"),
                );
            }
            if a.note.trim().is_empty() {
                let e = Diagnostic::new(&text.path, "the annotation's note is empty");
                diags.push(frontmatter::place(e, text, &field("note")).hint(
                    "say what a reader should know about the quote: the note is the annotation",
                ));
            }
        }
    }
}

/// Reports a source's address that would run code when followed (the
/// article page links it).
fn check_source_urls(d: &Dossier, diags: &mut Diagnostics) {
    for article in &d.articles {
        let url = article.source.url.as_deref().unwrap_or_default();
        if let Some(scheme) = crate::util::html::script_scheme(url) {
            let text = &article.text;
            let message =
                format!("a `{scheme}` source address would run code in the reader's browser");
            let e = Diagnostic::new(&text.path, message);
            diags.push(
                frontmatter::place(e, text, &[Step::Key("source"), Step::Key("url")])
                    .hint("give the address of the source as published (`https://…`)"),
            );
        }
    }
}

fn check_seeds(d: &Dossier, diags: &mut Diagnostics) {
    let seeds_dir = d.config.build.seeds_dir.display().to_string();
    for article in &d.articles {
        let text = &article.text;
        let at_seed = |diag| frontmatter::place(diag, text, &[Step::Key("seed")]);
        let seed = article.seed.as_str();
        let confined = !seed.is_empty()
            && !seed.contains('/')
            && !seed.contains('\\')
            && seed != ".."
            && seed != "."
            && !seed.starts_with('.');
        if !confined {
            let message = format!("seed `{seed}` is not a file name inside {seeds_dir}/");
            diags.push(at_seed(Diagnostic::new(&text.path, message)).hint(format!(
                "name a file directly inside {seeds_dir}/, without folders or `..`"
            )));
            continue;
        }
        match d.seeds.get(seed) {
            None => {
                let message = format!("seed `{seed}` does not exist in {seeds_dir}/");
                let diag = at_seed(Diagnostic::new(&text.path, message));
                diags.push(match closest(seed, d.seeds.keys().map(String::as_str)) {
                    Some(c) => diag.hint(format!("did you mean `{c}`?")),
                    None => diag.hint(format!(
                        "copy the verbatim source text into {seeds_dir}/{seed}"
                    )),
                });
            }
            Some(s) if !s.utf8 && crate::import::naming::is_html_seed(seed) => diags.push(
                Diagnostic::new(
                    format!("{seeds_dir}/{seed}"),
                    "the saved page is not valid UTF-8 and does not say which charset it is in",
                )
                .hint("add `<meta charset=\"…\">` naming its encoding, or save the page as UTF-8"),
            ),
            Some(s) if !s.utf8 => diags.push(
                Diagnostic::new(format!("{seeds_dir}/{seed}"), "the seed is not valid UTF-8")
                    .hint("convert the seed to UTF-8 (the verbatim text, re-encoded)"),
            ),
            Some(_) => {
                if let Some(c) = seed.chars().find(|c| !url_safe(*c)) {
                    let shown = if c == ' ' {
                        "a space".to_string()
                    } else {
                        format!("`{c}`")
                    };
                    diags.push(
                        Diagnostic::new(
                            format!("{seeds_dir}/{seed}"),
                            format!("the seed's name holds {shown}, which a link to it cannot"),
                        )
                        .hint(format!("rename the file (and the article's `seed:`) without white space, `#`, `%`, `?`, `\\`, `\"`, `<` or `>`, such as `{}`", url_safe_name(seed))),
                    );
                }
            }
        }
    }
}

/// Whether a seed's name may hold `c` and still be written as it is in a
/// link (`seeds/<name>`) and an export's IRI: anything but white space,
/// control characters, and the marks that end or escape a URL's path
/// (`#`, `%`, `?`, `/`, `\`) or an IRI (`"`, `<`, `>`).
fn url_safe(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c, '#' | '%' | '?' | '/' | '\\' | '"' | '<' | '>'))
}

/// `name` with every run of characters a link cannot hold as one `-`.
fn url_safe_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if url_safe(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out
}

/// Where a name or alias is written: the `name` field, or `aliases[i]`.
#[derive(Clone, Copy)]
enum Written {
    Name,
    Alias(usize),
}

impl Written {
    fn path(self) -> Vec<Step> {
        match self {
            Written::Name => vec![Step::Key("name")],
            Written::Alias(i) => vec![Step::Key("aliases"), Step::Index(i)],
        }
    }
}

/// One claim on a phrase: by which item, in which file, where.
#[derive(Clone, Copy)]
struct Claim<'a> {
    kind: ItemKind,
    slug: &'a str,
    text: &'a SourceText,
    written: Written,
}

/// The first claim on each phrase; a second one is reported, pointing at
/// both.
#[derive(Default)]
struct Claims<'a>(HashMap<&'a str, Claim<'a>>);

impl<'a> Claims<'a> {
    fn claim(&mut self, phrase: &'a str, claim: Claim<'a>, diags: &mut Diagnostics) {
        let text = claim.text;
        let here = |d| frontmatter::place(d, text, &claim.written.path());
        if phrase.trim().is_empty() {
            let d = Diagnostic::new(&text.path, "an empty name or alias");
            diags.push(here(d).hint("remove the empty entry"));
            return;
        }
        if phrase.trim() != phrase {
            let message = format!("alias `{phrase}` has leading or trailing spaces");
            diags.push(here(Diagnostic::new(&text.path, message)).hint("remove the spaces"));
        }
        let Some(first) = self.0.get(phrase) else {
            self.0.insert(phrase, claim);
            return;
        };
        if (first.kind, first.slug) == (claim.kind, claim.slug) {
            return;
        }
        let message = format!(
            "`{phrase}` is claimed by both {}/{} and {}/{}",
            first.kind.dir(),
            first.slug,
            claim.kind.dir(),
            claim.slug
        );
        let mut d = here(Diagnostic::new(&text.path, message));
        if let Some(span) = frontmatter::span_of(first.text, &first.written.path()) {
            d = d.label(
                &first.text.path,
                &first.text.file,
                span,
                "claimed here first",
            );
        }
        diags.push(
            d.hint("a name or alias can stand for one item only: remove it from one of them"),
        );
    }
}

/// An alias (or actor name) may stand for one item only; a phrase claimed
/// twice would make mentions ambiguous.
fn check_aliases(d: &Dossier, diags: &mut Diagnostics) {
    let mut claims = Claims::default();
    for a in &d.actors {
        let claim = |written| Claim {
            kind: ItemKind::Actor,
            slug: &a.slug,
            text: &a.text,
            written,
        };
        claims.claim(&a.name, claim(Written::Name), diags);
        for (i, alias) in a.aliases.iter().enumerate() {
            claims.claim(alias, claim(Written::Alias(i)), diags);
        }
    }
    for e in &d.events {
        for (i, alias) in e.aliases.iter().enumerate() {
            let claim = Claim {
                kind: ItemKind::Event,
                slug: &e.slug,
                text: &e.text,
                written: Written::Alias(i),
            };
            claims.claim(alias, claim, diags);
        }
    }
}
