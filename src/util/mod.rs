//! Small helpers that every stage may use and that belong to none of them:
//! reading text files, HTML escaping and the shortening of quoted text in
//! messages.

pub(crate) mod fs;
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
