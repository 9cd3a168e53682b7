//! Small helpers that every stage may use and that belong to none of them:
//! HTML escaping and the shortening of quoted text in messages.

pub mod html;
pub mod text;
