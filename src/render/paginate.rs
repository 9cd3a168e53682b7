//! Long lists split into numbered pages (the index's articles, the sources,
//! the timeline list, the actors index, an actor's or event's mentions), so
//! that no page of a newsroom-sized dossier grows past what a browser opens
//! quickly.
//!
//! Naming: page 1 keeps the list's own file name (`sources.html`), so every
//! link to the list stays valid; page `n` (from 2) is the same name with
//! `.n` before `.html`, in the same folder: `sources.2.html`,
//! `actors/index.3.html`, `actors/koren-tuar.2.html`. Slugs are lowercase
//! letters, digits and hyphens, so a dot never clashes with an item's page,
//! and every link between the pages of one list is a bare file name, which
//! works from `file://` as well as from a server.
//!
//! A list that fits on one page has no pager at all: its page is exactly
//! what it was before pagination.

use serde::Serialize;

/// Items per page when `[output.html] page-size` is not set.
pub(crate) const DEFAULT_PAGE_SIZE: usize = 200;

/// The file of page `number` (from 1) of the list whose first page is
/// `first` (a path from the site root ending in `.html`).
pub(super) fn page_path(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_string();
    }
    let stem = first.strip_suffix(".html").unwrap_or(first);
    format!("{stem}.{number}.html")
}

/// The first page of the list that `path` is a later page of (`X.html` for
/// `X.N.html`, N ≥ 2), or None. Item slugs hold no dot, so an item's page is
/// never taken for a numbered one.
pub(super) fn first_page_of(path: &str) -> Option<String> {
    let stem = path.strip_suffix(".html")?;
    let (first, number) = stem.rsplit_once('.')?;
    let numbered = !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit());
    (numbered && number != "1" && !number.starts_with('0')).then(|| format!("{first}.html"))
}

/// The file name of a path (the link from a page to another in its folder).
fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// One page of a list, as the templates read it: which page it is and the
/// links to the others (file names in the same folder).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(super) struct Pager {
    /// This page's number, from 1.
    pub(super) number: usize,
    /// How many pages the list has.
    pub(super) total: usize,
    /// The previous and next pages, if any.
    pub(super) prev: Option<String>,
    pub(super) next: Option<String>,
    /// Every page, for the numbered navigation.
    pub(super) pages: Vec<PageLink>,
}

/// A page in the numbered navigation.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(super) struct PageLink {
    pub(super) number: usize,
    pub(super) href: String,
    pub(super) current: bool,
}

impl Pager {
    fn new(first: &str, number: usize, total: usize) -> Pager {
        let href = |n: usize| file_name(&page_path(first, n)).to_string();
        Pager {
            number,
            total,
            prev: (number > 1).then(|| href(number - 1)),
            next: (number < total).then(|| href(number + 1)),
            pages: (1..=total)
                .map(|n| PageLink {
                    number: n,
                    href: href(n),
                    current: n == number,
                })
                .collect(),
        }
    }
}

/// One page of a list: its path, its items and its pager (none when the
/// whole list fits on one page).
pub(super) struct ListPage<'i, T> {
    pub(super) path: String,
    pub(super) items: &'i [T],
    pub(super) pager: Option<Pager>,
}

impl<T> ListPage<'_, T> {
    /// This page's number, from 1.
    pub(super) fn number(&self) -> usize {
        self.pager.as_ref().map_or(1, |p| p.number)
    }
}

/// `items` in pages of `size` (at least 1), the first at `first`. An empty
/// list still has its one (empty) page.
pub(super) fn paginate<'i, T>(first: &str, items: &'i [T], size: usize) -> Vec<ListPage<'i, T>> {
    let size = size.max(1);
    let total = items.len().div_ceil(size).max(1);
    if total == 1 {
        return vec![ListPage {
            path: first.to_string(),
            items,
            pager: None,
        }];
    }
    items
        .chunks(size)
        .enumerate()
        .map(|(i, chunk)| ListPage {
            path: page_path(first, i + 1),
            items: chunk,
            pager: Some(Pager::new(first, i + 1, total)),
        })
        .collect()
}

/// A page title with its page number after the first page, in the words
/// of `t` (`pager.title`).
pub(super) fn numbered_title(
    t: &crate::i18n::Strings,
    title: &str,
    number: usize,
    total: usize,
) -> String {
    if number <= 1 {
        title.to_string()
    } else {
        t.fill(
            "pager.title",
            &[("title", &title), ("n", &number), ("total", &total)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_page_leads_back_to_its_first_page_and_nothing_else_does() {
        for n in [2, 3, 10, 123] {
            let path = page_path("actors/kowalska.html", n);
            assert_eq!(
                first_page_of(&path).as_deref(),
                Some("actors/kowalska.html")
            );
        }
        for not_numbered in [
            "actors/kowalska.html",
            "articles/report-2.html",
            "index.1.html",
            "index.02.html",
            "print-2.html",
            "data/mentions-2.json",
            "search/shard-2.js",
        ] {
            assert_eq!(first_page_of(not_numbered), None, "{not_numbered}");
        }
    }

    #[test]
    fn the_first_page_keeps_the_name_and_the_others_are_numbered_beside_it() {
        assert_eq!(page_path("index.html", 1), "index.html");
        assert_eq!(page_path("index.html", 2), "index.2.html");
        assert_eq!(page_path("actors/index.html", 3), "actors/index.3.html");
        assert_eq!(page_path("actors/x-2.html", 2), "actors/x-2.2.html");
    }

    #[test]
    fn a_short_list_has_one_page_and_no_pager() {
        let items = [1, 2, 3];
        let pages = paginate("sources.html", &items, 3);
        assert_eq!(pages.len(), 1);
        assert!(pages[0].pager.is_none());
        assert_eq!(pages[0].items, &items);
        let empty: [u8; 0] = [];
        assert_eq!(paginate("sources.html", &empty, 3).len(), 1);
    }

    #[test]
    fn pages_chain_prev_and_next_and_hold_every_item_once() {
        let items: Vec<usize> = (0..7).collect();
        let pages = paginate("actors/index.html", &items, 3);
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "actors/index.html",
                "actors/index.2.html",
                "actors/index.3.html"
            ]
        );
        let all: Vec<usize> = pages.iter().flat_map(|p| p.items.iter().copied()).collect();
        assert_eq!(all, items);
        let pagers: Vec<&Pager> = pages.iter().map(|p| p.pager.as_ref().unwrap()).collect();
        assert_eq!(pagers[0].prev, None);
        assert_eq!(pagers[0].next.as_deref(), Some("index.2.html"));
        assert_eq!(pagers[1].prev.as_deref(), Some("index.html"));
        assert_eq!(pagers[1].next.as_deref(), Some("index.3.html"));
        assert_eq!(pagers[2].next, None);
        assert_eq!(pagers[2].total, 3);
        let current: Vec<usize> = (pagers[1].pages.iter())
            .filter(|l| l.current)
            .map(|l| l.number)
            .collect();
        assert_eq!(current, [2]);
    }

    #[test]
    fn titles_name_the_page_after_the_first() {
        let t = crate::i18n::Strings::english_default();
        assert_eq!(numbered_title(t, "Sources", 1, 4), "Sources");
        assert_eq!(numbered_title(t, "Sources", 2, 4), "Sources (page 2 of 4)");
    }
}
