//! Linking one article: its body; the body checked against its seed; the
//! quotes of its annotations found, and numbered in reading order; their
//! notes linked and anchored in the body as side notes, each under its id.

use super::markdown::{self, Anchor, Block, DocOptions, IdCounter};
use super::mention::{co_mentions_of, mentions_of, plain_of, InNote};
use super::{provenance, quotes};
use super::{Ctx, LinkedAnnotation, LinkedArticle, LinkedText, TextOut};
use crate::diagnostics::{line_col, Diagnostic, Diagnostics};
use crate::model::{Annotation, Article, ArticleId, ItemId};
use crate::util::text::truncate;
use std::sync::Arc;

/// The article's page while it is linked. The ids of the body's headings
/// and mentions are counted in the body; those of each note's mentions in
/// the note ([`IdCounter::in_note`]).
struct ArticlePage<'c> {
    ctx: &'c Ctx<'c>,
    article: &'c Article,
    me: ItemId,
    ids: IdCounter,
}

/// Where an annotation's quote stands in the body's plain text. Sorted, the
/// quotes are in reading order (then by end, then as written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Quote {
    start: usize,
    end: usize,
    /// Index in the article's annotations.
    annotation: usize,
}

/// Links one article (`id`): body, notes, anchors, provenance.
pub(super) fn link_article(
    ctx: &Ctx,
    id: ArticleId,
    article: &Article,
    diags: &mut Diagnostics,
) -> (LinkedArticle, TextOut) {
    let mut page = ArticlePage {
        ctx,
        article,
        me: id.into(),
        ids: IdCounter::default(),
    };
    let opts = ctx.options(page.me, true, "../");
    let mut body = ctx.body(&article.text, &opts, &mut page.ids, diags);
    let body_plain = plain_of(&body.blocks);
    let mut out = TextOut {
        mentions: mentions_of(&body.mentions, &body_plain, page.me, None),
        kept_mentions: Vec::new(),
        references: std::mem::take(&mut body.references),
        pairs: co_mentions_of(&body.mentions),
    };
    let (plain, _) = body.plain();
    let excerpts = check_provenance(ctx, article, &body.blocks, diags);
    let quotes = anchor_quotes(article, &plain, diags);
    let (anchors, annotations) = link_notes(&page, &plain, &quotes, &mut out, diags);
    let config = &ctx.dossier.config;
    let note_attrs = note_attrs(article, &config.book.language);
    body.anchor_in(&anchors, &config.interface_strings, &note_attrs);
    let body = LinkedText {
        html: body.into_html(),
        plain: body_plain.text,
    };
    let linked = LinkedArticle {
        body,
        annotations,
        excerpts,
    };
    (linked, out)
}

/// Reports each paragraph of the body that its seed does not contain:
/// where the others stand in it.
fn check_provenance(
    ctx: &Ctx,
    article: &Article,
    blocks: &[Block],
    diags: &mut Diagnostics,
) -> Vec<provenance::Excerpt> {
    let Some(seed) = ctx.dossier.seeds.get(&article.seed) else {
        return Vec::new();
    };
    let src = &article.text;
    let folded = provenance::FoldedSeed::new(markdown::SeedText::of(seed));
    let (missing, excerpts) = provenance::check(blocks, &folded);
    for missing in missing {
        let d = Diagnostic::new(
            &src.path,
            format!("this paragraph is not in the seed `{}`", article.seed),
        )
        .at_offset(&src.file, missing.block.file_offset);
        diags.push(match missing.closest {
            Some(line) => d.hint(format!(
                "the closest line of the seed is: {}",
                truncate(&line, 160)
            )),
            None => d.hint("the body must be the seed's text; move commentary into annotations"),
        });
    }
    excerpts
}

/// Finds every annotation's quote in the body's plain text, reporting those
/// not found and those that overlap: the quotes to anchor, in reading
/// order, none overlapping.
fn anchor_quotes(article: &Article, plain: &str, diags: &mut Diagnostics) -> Vec<Quote> {
    let hay = quotes::Haystack::new(plain);
    let mut found = Vec::new();
    for (i, a) in article.annotations.iter().enumerate() {
        // Validation has told an empty quote and an occurrence below 1.
        if a.quote.trim().is_empty() || a.occurrence == Some(0) {
            continue;
        }
        match hay.find(&a.quote, a.occurrence) {
            Ok(r) => found.push(Quote {
                start: r.start,
                end: r.end,
                annotation: i,
            }),
            Err(e) => diags.push(e.diagnostic(&a.quote, &article.text, a.offset)),
        }
    }
    found.sort();
    overlap_diagnostics(article, &found, diags);
    // Of quotes that overlap, the first in reading order is anchored.
    found.dedup_by(|next, kept| next.start < kept.end);
    found
}

/// Reports each quote (sorted) that starts inside the one before it.
fn overlap_diagnostics(article: &Article, sorted: &[Quote], diags: &mut Diagnostics) {
    let src = &article.text;
    for pair in sorted.windows(2) {
        if pair[1].start < pair[0].end {
            let a = &article.annotations[pair[1].annotation];
            let other = &article.annotations[pair[0].annotation];
            diags.push(
                Diagnostic::new(
                    &src.path,
                    format!(
                        "the quote \"{}\" overlaps the quote \"{}\"",
                        truncate(&a.quote, 60),
                        truncate(&other.quote, 60)
                    ),
                )
                .at_offset(&src.file, a.offset)
                .hint("annotations may not overlap: quote a shorter passage or merge the notes"),
            );
        }
    }
}

/// Links the note of each anchored quote, numbered in reading order: the
/// anchors that put the notes in the body, and the annotations as shown.
/// The notes' mentions and references are added to `out`.
fn link_notes(
    page: &ArticlePage,
    plain: &str,
    quotes: &[Quote],
    out: &mut TextOut,
    diags: &mut Diagnostics,
) -> (Vec<Anchor>, Vec<LinkedAnnotation>) {
    let article = page.article;
    let mut anchors = Vec::with_capacity(quotes.len());
    let mut annotations = Vec::with_capacity(quotes.len());
    for (i, q) in quotes.iter().enumerate() {
        let number = i + 1;
        let a = &article.annotations[q.annotation];
        let in_note = Arc::new(InNote {
            id: a.id.clone(),
            number,
        });
        let note = link_note(page, a, &in_note, out, diags);
        let (prefix, suffix) = quotes::context(plain, q.start, q.end, 32);
        anchors.push(Anchor {
            start: q.start,
            end: q.end,
            id: a.id.clone(),
            number,
            kind: a.kind,
            note_html: note.html.clone(),
        });
        out.references
            .extend(a.actors.iter().map(|&x| ItemId::from(x)));
        out.references
            .extend(a.events.iter().map(|&e| ItemId::from(e)));
        annotations.push(LinkedAnnotation {
            id: a.id.clone(),
            number,
            note_markdown: a.note.clone(),
            kind: a.kind,
            exact: plain[q.start..q.end].to_string(),
            rank_alike: rank_alike(plain, q, (&prefix, &suffix)),
            prefix,
            suffix,
            note,
            actors: a.actors.clone(),
            events: a.events.clone(),
        });
    }
    (anchors, annotations)
}

/// How many places of the quote `q`'s text before it in `plain` have the
/// same context (`prefix`, `suffix`) as it: places a reader tells apart
/// only by their order.
fn rank_alike(plain: &str, q: &Quote, context: (&str, &str)) -> usize {
    let exact = &plain[q.start..q.end];
    memchr::memmem::find_iter(&plain.as_bytes()[..q.start], exact.as_bytes())
        .filter(|&at| {
            let (prefix, suffix) = quotes::context(plain, at, at + exact.len(), 32);
            (prefix.as_str(), suffix.as_str()) == context
        })
        .count()
}

/// Links the note of annotation `a` (the side note `in_note`), adding its
/// mentions and references to `out`.
fn link_note(
    page: &ArticlePage,
    a: &Annotation,
    in_note: &Arc<InNote>,
    out: &mut TextOut,
    diags: &mut Diagnostics,
) -> LinkedText {
    let src = &page.article.text;
    // Positions inside a YAML string cannot be mapped exactly; point at the note.
    let note_base = src
        .locate_in_front_matter("note:", line_col(&src.file, a.offset).0)
        .unwrap_or(a.offset);
    let opts = DocOptions {
        root: "../",
        page: Some(page.me),
        record: true,
        inline: true,
        // Notes are text from YAML: never markup, whatever the switch
        // for Markdown bodies says.
        allow_raw_html: false,
    };
    let input = markdown::Input {
        markdown: &a.note,
        base: note_base,
        source: src,
    };
    let mut ids = IdCounter::in_note(in_note.id.clone());
    let mut note = markdown::parse(&page.ctx.linker, input, &opts, &mut ids, diags);
    let note_plain = plain_of(&note.blocks);
    out.mentions.extend(mentions_of(
        &note.mentions,
        &note_plain,
        page.me,
        Some(in_note),
    ));
    out.references.append(&mut note.references);
    LinkedText {
        html: note.into_html(),
        plain: note_plain.text,
    }
}

/// The attributes of what a side note holds in an article whose language
/// is not the site's: notes are written in the site's language, so they
/// undo what the body is marked with (`lang`, and `dir` when the article's
/// language runs the other way).
fn note_attrs(article: &Article, site: &str) -> String {
    let language = article.language.as_deref();
    if crate::i18n::other_language(language, site).is_none() {
        return String::new();
    }
    let lang = crate::util::html::escape_html(site);
    match crate::i18n::other_direction(language, site) {
        Some("rtl") => format!(" lang=\"{lang}\" dir=\"ltr\""),
        Some(_) => format!(" lang=\"{lang}\" dir=\"rtl\""),
        None => format!(" lang=\"{lang}\""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_alike_are_ranked_by_their_order() {
        // Blocks as the body's plain text separates them.
        let plain = "The river turned brown.\u{1}Officials met; The river turned brown.\u{1}The river turned brown.";
        let at = |from: usize| from + plain[from..].find("The river turned brown").unwrap();
        let quote = |start: usize| Quote {
            start,
            end: start + "The river turned brown".len(),
            annotation: 0,
        };
        let rank = |start: usize| {
            let q = quote(start);
            let (prefix, suffix) = quotes::context(plain, q.start, q.end, 32);
            rank_alike(plain, &q, (&prefix, &suffix))
        };
        let (first, middle) = (at(0), at(1));
        let last = at(middle + 1);
        assert_eq!(rank(first), 0);
        // The same words with other context before them do not count.
        assert_eq!(rank(middle), 0);
        assert_eq!(rank(last), 1);
    }
}
