//! Small helpers that every stage may use and that belong to none of them:
//! reading text files, HTML escaping and the shortening of quoted text in
//! messages.

pub(crate) mod fs;
pub(crate) mod fxhash;
pub(crate) mod html;
pub(crate) mod text;

/// A 64-bit digest of `value` (SipHash): what stands for something a
/// build made, to tell whether the next one would make it the same.
pub(crate) fn digest(value: impl std::hash::Hash) -> u64 {
    use std::hash::Hasher;
    let mut h = std::hash::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Whether two shared texts are the same: the same allocation (a text kept
/// from the last load is), else equal. `Arc<str>`'s own `==` compares the
/// bytes always (its pointer shortcut is for sized types only).
pub(crate) fn same_text(a: &std::sync::Arc<str>, b: &std::sync::Arc<str>) -> bool {
    std::sync::Arc::ptr_eq(a, b) || a == b
}
