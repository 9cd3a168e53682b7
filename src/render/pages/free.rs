//! The free pages (`<slug>.html`, template `page.html`): the dossier's own
//! pages from `content/pages/`, linked from the navigation.

use super::{Emit, Renderer};
use crate::render::context::Url;
use serde::Serialize;

#[derive(Serialize)]
struct FreePage<'a> {
    page: PageView<'a>,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    html: &'a str,
}

pub(super) fn pages(r: &Renderer<'_>, emit: &Emit<'_>) {
    let d = r.d();
    for (id, p) in d.pages.with_ids() {
        let path = Url::page(&p.slug).to_string();
        // The navigation marks a free page by its URL.
        let section = path.as_str();
        let base = r.chrome.base(&path, &p.title, section, Some(&p.text.path));
        let base = base.with_previews(r.previews(id.into()));
        let page = PageView {
            title: &p.title,
            html: &r.lookup.l.page(id).html,
        };
        emit(r.page("page.html", &path, base, FreePage { page }));
    }
}
