//! Small helpers that every stage may use and that belong to none of them:
//! reading text files, HTML escaping and the shortening of quoted text in
//! messages.

pub(crate) mod fs;
pub(crate) mod html;
pub(crate) mod text;
