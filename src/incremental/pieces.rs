//! The pieces each item gives the files that list every item (the
//! exports: one FollowTheMoney line per article and note, one Web
//! Annotation per note), kept from one build to the next by `dossier
//! serve`: after a change to a few articles, such a file is put together
//! again from the pieces of the others as they were and the new pieces of
//! those that changed, instead of being made whole.
//!
//! The code that makes a piece asks [`Reuse::parts`] for it; whether it is
//! made again is decided here, from the build's [`Selection`] (the items
//! whose pages are made again: every item a change may reach).
//!
//! [`Selection`]: crate::render::Selection

use crate::diagnostics::Diagnostic;
use crate::model::ItemId;
use crate::output::{Digest, OutputFile, Sink};
use std::any::Any;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};

/// One item's parts of one file, and the build that made them.
type Kept = (u64, Arc<dyn Any + Send + Sync>);

/// What was made of many items at once, and the signature of what made it.
type KeptWhole = (u64, Arc<dyn Any + Send + Sync>);

/// The table of [`Reuse::made`]: the build that last made each item's
/// texts.
const TEXTS: &str = "texts";

/// What every item gave each file in the last build, by file and item.
#[derive(Default)]
pub struct Pieces {
    /// By file, then by item: a rebuild asks for every item's parts of a
    /// file in item order, which a table by position answers from memory
    /// read in order (a map keyed by file and item, at 10,000 articles and
    /// half a dozen files, missed the cache at nearly every question).
    kept: Mutex<HashMap<&'static str, Arc<RwLock<ByItem>>>>,
    /// What the last build made of many items at once (parts of the FtM
    /// and search files, what stands for a search fragment), by name, with
    /// the signature of what it was made from ([`Reuse::whole_made`]).
    wholes: Mutex<HashMap<String, KeptWhole>>,
    /// The files handed over in the last builds ([`Reuse::hand_over`]),
    /// by path: the signature of what made each, and its digest.
    handed: Mutex<HashMap<String, (u64, Digest)>>,
    /// The number of the build under way (parts it made are not made
    /// twice, even for an item it redoes).
    build: std::sync::atomic::AtomicU64,
}

/// One file's parts, by item: a slot for each item of each kind, by its
/// position in its list.
#[derive(Default)]
struct ByItem([Vec<Option<Kept>>; 4]);

impl ByItem {
    fn slot(item: ItemId) -> (usize, usize) {
        // The kinds in declaration order, 0 to 3.
        (item.kind() as usize, item.index())
    }

    fn get(&self, item: ItemId) -> Option<&Kept> {
        let (kind, at) = Self::slot(item);
        self.0[kind].get(at)?.as_ref()
    }

    fn set(&mut self, item: ItemId, kept: Kept) {
        let (kind, at) = Self::slot(item);
        let slots = &mut self.0[kind];
        if slots.len() <= at {
            slots.resize_with(at + 1, || None);
        }
        slots[at] = Some(kept);
    }
}

impl Pieces {
    /// Forgets every piece: a build of every page makes them all again
    /// (and items that are gone leave none behind).
    pub fn clear(&self) {
        self.lock().clear();
        self.wholes
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        self.handed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<&'static str, Arc<RwLock<ByItem>>>> {
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The parts of every item kept for `file`.
    fn of(&self, file: &'static str) -> Arc<RwLock<ByItem>> {
        Arc::clone(self.lock().entry(file).or_default())
    }
}

/// What one render may take from the previous one: the pieces kept, and
/// which items are made again (`None`: all of them).
#[derive(Clone, Copy, Default)]
pub struct Reuse<'a> {
    pieces: Option<&'a Pieces>,
    redo: Option<&'a HashSet<ItemId>>,
    /// The items whose own texts changed (some of `redo`).
    changed: Option<&'a HashSet<ItemId>>,
    /// The number of this build among those `pieces` saw.
    build: u64,
}

impl<'a> Reuse<'a> {
    /// Reuse of `pieces` (none for a one-off build: nothing is kept) for
    /// the items not in `redo`.
    /// Each call starts a new build.
    pub fn new(
        pieces: Option<&'a Pieces>,
        redo: Option<&'a HashSet<ItemId>>,
        changed: Option<&'a HashSet<ItemId>>,
    ) -> Self {
        let next = |p: &Pieces| p.build.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        let build = pieces.map_or(0, next);
        Reuse {
            pieces,
            redo,
            changed,
            build,
        }
    }

    /// Whether every item is made again (no previous build to keep from).
    pub fn redoes_all(&self) -> bool {
        self.redo.is_none()
    }

    /// Whether this render makes some items again over a previous build
    /// (whose files the sink holds: most of the files listing every item
    /// are then the same, and are first only hashed).
    pub fn partial(&self) -> bool {
        self.keeps() && !self.redoes_all()
    }

    /// Whether pieces are kept from build to build (else every part is
    /// made where it is asked for: ask once).
    pub fn keeps(&self) -> bool {
        self.pieces.is_some()
    }

    /// Whether `item`'s own files are made in this render (else the
    /// previous ones stay published).
    pub fn redoes(&self, item: ItemId) -> bool {
        self.redo.is_none_or(|r| r.contains(&item))
    }

    /// The parts `item` gives `file`: as the previous build made them
    /// when the item is not made again, else made by `make` (and kept
    /// for the next build when pieces are kept).
    pub fn parts<T: Any + Send + Sync>(
        &self,
        file: &'static str,
        item: ItemId,
        make: impl FnOnce() -> T,
    ) -> Arc<T> {
        self.parts_kept(file, item, !self.redoes(item), |_| true, make)
            .0
    }

    /// The parts of `item` made of its own texts alone (its file, its
    /// seed), kept while `valid`, unless those texts changed (though the
    /// item is made again for what others changed); with the number of
    /// the build that made them: the same number, the same parts.
    pub fn text_parts<T: Any + Send + Sync>(
        &self,
        file: &'static str,
        item: ItemId,
        valid: impl FnOnce(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> (Arc<T>, u64) {
        self.parts_kept(file, item, self.same_texts(item), valid, make)
    }

    /// Whether the texts of `item` are those of the last build.
    fn same_texts(&self, item: ItemId) -> bool {
        self.changed.is_some_and(|c| !c.contains(&item))
    }

    /// The parts `item` gives `file`, kept from an earlier build when
    /// `keep` and `valid`.
    fn parts_kept<T: Any + Send + Sync>(
        &self,
        file: &'static str,
        item: ItemId,
        keep: bool,
        valid: impl FnOnce(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> (Arc<T>, u64) {
        let Some(pieces) = self.pieces else {
            return (Arc::new(make()), self.build);
        };
        self.parts_in(&pieces.of(file), item, keep, valid, make)
    }

    /// [`Reuse::parts_kept`] in the table of one file's parts.
    fn parts_in<T: Any + Send + Sync>(
        &self,
        table: &RwLock<ByItem>,
        item: ItemId,
        keep: bool,
        valid: impl FnOnce(&T) -> bool,
        make: impl FnOnce() -> T,
    ) -> (Arc<T>, u64) {
        let kept = (table.read().unwrap_or_else(|e| e.into_inner()))
            .get(item)
            .cloned();
        let usable = kept.filter(|(build, _)| *build == self.build || keep);
        if let Some((build, kept)) = usable {
            if let Ok(parts) = kept.downcast::<T>() {
                if valid(&parts) {
                    return (parts, build);
                }
            }
        }
        let parts = Arc::new(make());
        let erased: Arc<dyn Any + Send + Sync> = parts.clone();
        let mut write = table.write().unwrap_or_else(|e| e.into_inner());
        write.set(item, (self.build, erased));
        (parts, self.build)
    }

    /// What is named `name` (a part of a file that lists many items, or
    /// what stands for one) as the previous build made it when that build
    /// gave it the same `signature` (a digest of everything it is made
    /// from), else made by `make` (and kept when pieces are kept).
    pub fn whole_made<T: Any + Send + Sync>(
        &self,
        name: &str,
        signature: u64,
        make: impl FnOnce() -> T,
    ) -> Arc<T> {
        let Some(pieces) = self.pieces else {
            return Arc::new(make());
        };
        let wholes = || pieces.wholes.lock().unwrap_or_else(|e| e.into_inner());
        let kept = wholes().get(name).cloned();
        if let Some((_, whole)) = kept.filter(|(made_from, _)| *made_from == signature) {
            if let Ok(whole) = whole.downcast::<T>() {
                return whole;
            }
        }
        let whole = Arc::new(make());
        let erased: Arc<dyn Any + Send + Sync> = whole.clone();
        wholes().insert(name.to_string(), (signature, erased));
        whole
    }

    /// Hands the file at `path` to `sink`: made by `make`, unless the sink
    /// still has it (see [`Sink::unchanged`]). That is known without
    /// making it when a build handed it over made from the same
    /// `signature` (a digest of what stands for everything it is made of);
    /// else it is made, and handed over only if its bytes differ.
    pub fn hand_over(
        &self,
        sink: &dyn Sink,
        path: &str,
        signature: u64,
        make: impl FnOnce() -> Vec<u8>,
    ) -> Result<(), Diagnostic> {
        self.try_hand_over(sink, path, signature, || Ok(make()))
    }

    /// [`Reuse::hand_over`] for a file whose making may fail (a page whose
    /// template fails): its error is returned, and nothing handed over.
    pub fn try_hand_over(
        &self,
        sink: &dyn Sink,
        path: &str,
        signature: u64,
        make: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let Some(pieces) = self.pieces else {
            return sink.file(OutputFile::new(path, make()?));
        };
        let handed = || pieces.handed.lock().unwrap_or_else(|e| e.into_inner());
        let last = handed().get(path).copied();
        let same = last.filter(|(made_from, _)| *made_from == signature);
        if same.is_some_and(|(_, digest)| sink.unchanged(path, digest)) {
            return Ok(());
        }
        let bytes = make()?;
        let digest = crate::output::digest(&bytes);
        if !sink.unchanged(path, digest) {
            sink.bytes(path, &bytes)?;
        }
        handed().insert(path.to_string(), (signature, digest));
        Ok(())
    }

    /// The number of the build in which the texts of `item` last changed
    /// (this one when they did): what stands for them in a signature.
    pub fn made(&self, item: ItemId) -> u64 {
        self.text_parts(TEXTS, item, |_| true, || ()).1
    }

    /// [`Reuse::made`] of each of `items`, with the item: the one table
    /// asked for once (a list page asks for hundreds, on every core).
    pub fn made_of(&self, items: impl Iterator<Item = ItemId>) -> Vec<(ItemId, u64)> {
        let Some(pieces) = self.pieces else {
            return items.map(|i| (i, self.build)).collect();
        };
        let table = pieces.of(TEXTS);
        let made = |i| {
            (
                i,
                (self.parts_in(&table, i, self.same_texts(i), |_| true, || ())).1,
            )
        };
        items.map(made).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ArticleId, Id};

    #[test]
    fn parts_are_made_again_only_for_the_items_redone() {
        let pieces = Pieces::default();
        let (a, b): (ItemId, ItemId) = (
            ArticleId::from_index(0).into(),
            ArticleId::from_index(1).into(),
        );
        let all = Reuse::new(Some(&pieces), None, None);
        assert_eq!(*all.parts("f", a, || 1), 1);
        assert_eq!(*all.parts("f", b, || 2), 2);
        let only_a = HashSet::from([a]);
        let some = Reuse::new(Some(&pieces), Some(&only_a), Some(&only_a));
        assert_eq!(*some.parts("f", a, || 10), 10);
        assert_eq!(*some.parts("f", b, || 20), 2, "b is kept");
        assert_eq!(*some.parts("g", b, || 30), 30, "nothing kept for g");
        assert!(some.redoes(a) && !some.redoes(b));
        // Made once in a build, even when redone.
        let again = Reuse::new(Some(&pieces), Some(&only_a), Some(&only_a));
        assert_eq!(*again.parts("f", a, || 11), 11);
        assert_eq!(*again.parts("f", a, || 12), 11);
        // Without pieces kept, everything is made.
        assert_eq!(
            *Reuse::new(None, Some(&only_a), Some(&only_a)).parts("f", b, || 40),
            40
        );
    }

    #[test]
    fn each_kind_and_position_has_its_own_parts() {
        use crate::model::{ActorId, EventId, PageId};
        let pieces = Pieces::default();
        let items: [ItemId; 5] = [
            ArticleId::from_index(7).into(),
            ActorId::from_index(7).into(),
            EventId::from_index(7).into(),
            PageId::from_index(7).into(),
            ArticleId::from_index(0).into(),
        ];
        let all = Reuse::new(Some(&pieces), None, None);
        for (n, &item) in items.iter().enumerate() {
            assert_eq!(*all.parts("f", item, || n), n);
        }
        let none = HashSet::new();
        let next = Reuse::new(Some(&pieces), Some(&none), Some(&none));
        for (n, &item) in items.iter().enumerate() {
            assert_eq!(*next.parts("f", item, || 99), n, "{item:?} kept");
        }
        let after: ItemId = ArticleId::from_index(8).into();
        assert_eq!(*next.parts("f", after, || 8), 8, "none kept past the last");
    }

    #[test]
    fn parts_say_which_build_made_them_and_files_are_kept_by_signature() {
        let pieces = Pieces::default();
        let a: ItemId = ArticleId::from_index(0).into();
        let first = Reuse::new(Some(&pieces), None, None);
        let (_, made) = first.text_parts("f", a, |_| true, || 1);
        let none = HashSet::new();
        let second = Reuse::new(Some(&pieces), Some(&none), Some(&none));
        assert_eq!(
            second.text_parts("f", a, |_| true, || 2),
            (Arc::new(1), made)
        );
        let (three, again) = second.text_parts("f", a, |&n| n == 3, || 3);
        assert_eq!((*three, again == made), (3, false), "not valid: made again");
        let whole = |r: &Reuse, name: &str, signature, b: &[u8]| {
            r.whole_made(name, signature, || b.to_vec()).to_vec()
        };
        assert_eq!(whole(&first, "p", 7, b"x"), b"x");
        assert_eq!(whole(&second, "p", 7, b"y"), b"x", "same signature");
        assert_eq!(whole(&second, "p", 8, b"z"), b"z", "another");
        pieces.clear();
        assert_eq!(whole(&second, "p", 8, b"w"), b"w", "forgotten");
    }

    #[test]
    fn text_parts_are_kept_while_the_item_s_texts_are_the_same() {
        let pieces = Pieces::default();
        let a: ItemId = ArticleId::from_index(0).into();
        let first = Reuse::new(Some(&pieces), None, None);
        let made = first.made(a);
        assert_eq!(*first.text_parts("t", a, |_| true, || 1).0, 1);
        // Made again for another's change, its texts the same: kept.
        let (redo, none) = (HashSet::from([a]), HashSet::new());
        let reach = Reuse::new(Some(&pieces), Some(&redo), Some(&none));
        assert_eq!(*reach.text_parts("t", a, |_| true, || 2).0, 1);
        assert_eq!(reach.made(a), made);
        assert_eq!(
            reach.made_of([a].into_iter()),
            [(a, made)],
            "the same, for many"
        );
        // Its texts changed: made again, and said so.
        let edit = Reuse::new(Some(&pieces), Some(&redo), Some(&redo));
        assert_eq!(*edit.text_parts("t", a, |_| true, || 3).0, 3);
        assert_ne!(edit.made(a), made);
    }

    #[test]
    fn a_file_handed_over_is_made_only_when_the_sink_has_other_bytes() {
        let pieces = Pieces::default();
        let sink = crate::output::Holding::default();
        let made = std::sync::atomic::AtomicUsize::new(0);
        let hand = |r: &Reuse, signature: u64, bytes: &'static [u8]| {
            let make = || {
                made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                bytes.to_vec()
            };
            r.hand_over(&sink, "f", signature, make).unwrap();
        };
        let count =
            |a: &std::sync::atomic::AtomicUsize| a.load(std::sync::atomic::Ordering::Relaxed);
        // How many times a file was made, and handed over.
        let counts = || (count(&made), sink.handed.lock().unwrap().len());
        let first = Reuse::new(Some(&pieces), None, None);
        hand(&first, 1, b"one");
        assert_eq!(counts(), (1, 1));
        let none = HashSet::new();
        let next = Reuse::new(Some(&pieces), Some(&none), Some(&none));
        hand(&next, 1, b"one");
        assert_eq!(count(&made), 1, "same signature, bytes held: not made");
        hand(&next, 2, b"one");
        assert_eq!(
            counts(),
            (2, 1),
            "another signature, the same bytes: made, not handed over"
        );
        hand(&next, 2, b"one");
        assert_eq!(count(&made), 2, "that signature is known now");
        hand(&next, 3, b"two");
        assert_eq!(counts(), (3, 2), "other bytes");
        // The sink lost the file (a rebuild not published): made again.
        sink.files.lock().unwrap().clear();
        hand(&next, 3, b"two");
        assert_eq!(counts(), (4, 3));
        assert_eq!(sink.files.lock().unwrap()["f"], b"two");
        // Nothing kept (a cold build): made each time.
        hand(&Reuse::default(), 3, b"two");
        assert_eq!(count(&made), 5);
    }

    #[test]
    fn a_file_that_fails_to_be_made_is_not_handed_over_nor_known() {
        let pieces = Pieces::default();
        let sink = crate::output::Holding::default();
        let first = Reuse::new(Some(&pieces), None, None);
        let failed = first.try_hand_over(&sink, "f", 1, || Err(Diagnostic::new("f", "no")));
        assert_eq!(failed.unwrap_err().message, "no");
        assert!(sink.handed.lock().unwrap().is_empty());
        // The same signature later: made, since nothing was known of it.
        let none = HashSet::new();
        let next = Reuse::new(Some(&pieces), Some(&none), Some(&none));
        next.try_hand_over(&sink, "f", 1, || Ok(b"one".to_vec()))
            .unwrap();
        assert_eq!(sink.files.lock().unwrap()["f"], b"one");
    }
}
