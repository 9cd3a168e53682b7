//! The search index: an inverted index cut into small scripts that the
//! search page loads as it needs them, with `<script>` elements (browsers
//! block `fetch()` on file://, which mdBook's `searchindex.js` works around
//! the same way; the index is cut as Pagefind cuts its own, so that a query
//! loads a few of its kilobytes, not all of it).
//!
//! [`docs`] lists what is searchable, [`tokens`] cuts and folds words (as
//! `search.js` does a query), [`postings`] inverts them, [`files`] writes
//! `search/meta.js`, the shards of words and the fragments of documents.

mod docs;
mod encode;
mod files;
mod postings;
mod tokens;

use crate::incremental::Reuse;
use crate::link::Linked;
use crate::model::Dossier;

pub(super) use files::Out;

/// Builds the index of every article, note, actor, event and page, and
/// hands `out` each of its files (from several threads).
/// `serve` keeps (`reuse`) the words and fragments of the documents of
/// items whose texts did not change.
pub(super) fn write_files(d: &Dossier, l: &Linked, reuse: Reuse<'_>, out: &Out) {
    let strings = docs::strings(d, l, reuse);
    let docs = docs::collect(d, l, &strings, reuse);
    let inverted = postings::build(&docs, reuse);
    files::write(&docs, inverted, reuse, out);
}
