//! One identity for an item, from load to render: a typed index into the
//! dossier's list of its kind, made once by `load` (each list is in slug
//! order, so ids compare as slugs do) and resolved from the slugs that
//! front matter names during validation.
//!
//! [`ArticleId`], [`ActorId`], [`EventId`] and [`PageId`] say which list;
//! [`ItemId`] is any of them. [`IdVec`] is a list indexed by one kind of id
//! (the dossier's lists, and what the link stage makes of each item, so
//! that the pairing of an item with its linked text is in the types, not a
//! convention); [`PerItem`] holds a value for every item of every kind.

use super::{Dossier, ItemKind};
use rayon::prelude::*;
use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut, Index, IndexMut};

/// The id of one kind of item: its position in the dossier's list of that
/// kind.
pub trait Id: Copy + Eq + Ord + Hash + fmt::Debug + Send + Sync + Into<ItemId> {
    /// The kind of item it names.
    const KIND: ItemKind;
    /// The id of the item at `index` of its list. Lists hold fewer than
    /// 2³² items (a dossier that large does not fit in memory).
    fn from_index(index: usize) -> Self;
    /// Its position in its list.
    fn index(self) -> usize;
}

macro_rules! item_id {
    ($(#[$doc:meta])* $name:ident, $kind:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl Id for $name {
            const KIND: ItemKind = ItemKind::$kind;
            fn from_index(index: usize) -> Self {
                $name(u32::try_from(index).expect("fewer than 2^32 items of a kind"))
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl From<$name> for ItemId {
            fn from(id: $name) -> ItemId {
                ItemId::$kind(id)
            }
        }
    };
}

item_id!(
    /// An article: its position in [`Dossier::articles`].
    ArticleId,
    Article
);
item_id!(
    /// An actor: its position in [`Dossier::actors`].
    ActorId,
    Actor
);
item_id!(
    /// An event: its position in [`Dossier::events`].
    EventId,
    Event
);
item_id!(
    /// A free page: its position in [`Dossier::pages`].
    PageId,
    Page
);

/// Any item. Ordered as [`ItemKind`], then by slug (the lists are in slug
/// order); eight bytes, as small as a shared pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemId {
    Article(ArticleId),
    Actor(ActorId),
    Event(EventId),
    Page(PageId),
}

impl ItemId {
    pub fn kind(self) -> ItemKind {
        match self {
            ItemId::Article(_) => ItemKind::Article,
            ItemId::Actor(_) => ItemKind::Actor,
            ItemId::Event(_) => ItemKind::Event,
            ItemId::Page(_) => ItemKind::Page,
        }
    }

    /// Its position in the list of its kind.
    pub fn index(self) -> usize {
        match self {
            ItemId::Article(x) => x.index(),
            ItemId::Actor(x) => x.index(),
            ItemId::Event(x) => x.index(),
            ItemId::Page(x) => x.index(),
        }
    }
}

/// An item that has a slug (each list of the dossier is in slug order).
pub trait HasSlug {
    fn slug(&self) -> &str;
}

/// A list indexed by one kind of id. It reads as a slice (`iter`, `len`);
/// [`IdVec::with_ids`] pairs each value with its id, and
/// [`IdVec::par_map`] makes the list of the same ids that a stage derives
/// from this one.
pub struct IdVec<I, T> {
    items: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

impl<I: Id, T> IdVec<I, T> {
    pub fn new() -> Self {
        Self::from(Vec::new())
    }

    /// Appends `value`: its id.
    pub fn push(&mut self, value: T) -> I {
        self.items.push(value);
        I::from_index(self.items.len() - 1)
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator {
        (0..self.items.len()).map(I::from_index)
    }

    /// Every value with its id, in order.
    pub fn with_ids(&self) -> impl DoubleEndedIterator<Item = (I, &T)> + ExactSizeIterator {
        self.items
            .iter()
            .enumerate()
            .map(|(i, x)| (I::from_index(i), x))
    }

    /// [`IdVec::with_ids`], in parallel.
    pub fn par_with_ids(&self) -> impl IndexedParallelIterator<Item = (I, &T)>
    where
        T: Sync,
    {
        (self.items.par_iter().enumerate()).map(|(i, x)| (I::from_index(i), x))
    }

    /// Every value with its id, taken.
    pub fn into_with_ids(self) -> impl Iterator<Item = (I, T)> {
        self.items
            .into_iter()
            .enumerate()
            .map(|(i, x)| (I::from_index(i), x))
    }

    /// What `f` makes of each value (in parallel), under the same id.
    pub fn par_map<'s, U: Send>(&'s self, f: impl Fn(I, &'s T) -> U + Sync + Send) -> IdVec<I, U>
    where
        T: Sync,
    {
        IdVec::from(
            self.par_with_ids()
                .map(|(id, x)| f(id, x))
                .collect::<Vec<U>>(),
        )
    }
}

impl<I: Id, T: HasSlug> IdVec<I, T> {
    /// The id of the item `slug` (the list is in slug order).
    pub fn find(&self, slug: &str) -> Option<I> {
        (self.items.binary_search_by(|x| x.slug().cmp(slug)).ok()).map(I::from_index)
    }
}

impl<I, T> From<Vec<T>> for IdVec<I, T> {
    fn from(items: Vec<T>) -> Self {
        IdVec {
            items,
            id: PhantomData,
        }
    }
}

impl<I, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Self::from(iter.into_iter().collect::<Vec<T>>())
    }
}

impl<I, T> Default for IdVec<I, T> {
    fn default() -> Self {
        Self::from(Vec::new())
    }
}

impl<I, T: Clone> Clone for IdVec<I, T> {
    fn clone(&self) -> Self {
        Self::from(self.items.clone())
    }
}

impl<I, T: fmt::Debug> fmt::Debug for IdVec<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

impl<I, T> Deref for IdVec<I, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<I, T> DerefMut for IdVec<I, T> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.items
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for IdVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<'a, I, T> IntoIterator for &'a IdVec<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

/// A value for every item of a dossier, by id: a table, not a map, since
/// every item has an id.
#[derive(Debug, Clone, Default)]
pub struct PerItem<T> {
    pub articles: IdVec<ArticleId, T>,
    pub actors: IdVec<ActorId, T>,
    pub events: IdVec<EventId, T>,
    pub pages: IdVec<PageId, T>,
}

impl<T: Default> PerItem<T> {
    /// A default value for every item of `d`.
    pub fn new(d: &Dossier) -> Self {
        fn each<I, T: Default>(n: usize) -> IdVec<I, T> {
            (0..n).map(|_| T::default()).collect()
        }
        PerItem {
            articles: each(d.articles.len()),
            actors: each(d.actors.len()),
            events: each(d.events.len()),
            pages: each(d.pages.len()),
        }
    }
}

impl<T> Index<ItemId> for PerItem<T> {
    type Output = T;
    fn index(&self, id: ItemId) -> &T {
        match id {
            ItemId::Article(id) => &self.articles[id],
            ItemId::Actor(id) => &self.actors[id],
            ItemId::Event(id) => &self.events[id],
            ItemId::Page(id) => &self.pages[id],
        }
    }
}

impl<T> IndexMut<ItemId> for PerItem<T> {
    fn index_mut(&mut self, id: ItemId) -> &mut T {
        match id {
            ItemId::Article(id) => &mut self.articles[id],
            ItemId::Actor(id) => &mut self.actors[id],
            ItemId::Event(id) => &mut self.events[id],
            ItemId::Page(id) => &mut self.pages[id],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_ids_order_as_kinds_then_positions() {
        let (a, b) = (ArticleId::from_index(7), ActorId::from_index(0));
        assert!(ItemId::from(a) < ItemId::from(b));
        assert!(ItemId::from(b) < ItemId::from(ActorId::from_index(1)));
        assert_eq!(ItemId::from(b).kind(), ItemKind::Actor);
        assert_eq!(std::mem::size_of::<ItemId>(), 8);
    }

    #[test]
    fn an_id_vec_is_indexed_by_its_ids() {
        let mut v: IdVec<EventId, &str> = IdVec::new();
        let x = v.push("x");
        let y = v.push("y");
        assert_eq!((v[x], v[y]), ("x", "y"));
        let upper = v.par_map(|_, s| s.to_uppercase());
        assert_eq!(upper[y], "Y");
        assert_eq!(v.with_ids().map(|(id, _)| id).collect::<Vec<_>>(), [x, y]);
    }
}
