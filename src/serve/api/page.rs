//! What a served page gets for annotating: the token in a `<meta>`, the
//! form's style in `<head>` and its script before `</body>`. Only served
//! pages get them; `dossier build` output never does. The script and style
//! live beside this file, not in `templates/`, whose other files are the
//! site's assets and would be published.

use super::super::http::Reply;

/// The name of the `<meta>` that carries the token.
pub(crate) const TOKEN_META: &str = "dossier-token";

const SCRIPT: &str = include_str!("assets/annotate.js");
const STYLE: &str = include_str!("assets/annotate.css");

/// `reply` (an HTML page) with the token and the annotation tools.
pub(super) fn decorate(mut reply: Reply, token: &str) -> Reply {
    let head = format!(
        "<meta name=\"{TOKEN_META}\" content=\"{token}\">\n<style data-dossier-annotate>\n{STYLE}</style>\n"
    );
    let script = format!("<script data-dossier-annotate>\n{SCRIPT}</script>\n");
    let body = insert_before(&reply.body, b"</head>", &head, false);
    reply.body = insert_before(&body, b"</body>", &script, true);
    reply
}

/// `page` with `text` before the first (or `last`) `tag`, matched without
/// case; unchanged when there is none.
fn insert_before(page: &[u8], tag: &[u8], text: &str, last: bool) -> Vec<u8> {
    let lower: Vec<u8> = page.iter().map(u8::to_ascii_lowercase).collect();
    let mut windows = lower.windows(tag.len());
    let at = if last {
        windows.rposition(|w| w == tag)
    } else {
        windows.position(|w| w == tag)
    };
    let Some(at) = at else {
        return page.to_vec();
    };
    let mut out = Vec::with_capacity(page.len() + text.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_goes_into_head_and_the_script_before_the_body_ends() {
        let page = Reply::new(
            200,
            "text/html; charset=utf-8",
            "<html><HEAD><title>t</title></HEAD><body>x</body></html>",
        );
        let out = String::from_utf8(decorate(page, "abc").body).unwrap();
        let meta = out
            .find("<meta name=\"dossier-token\" content=\"abc\">")
            .unwrap();
        assert!(meta < out.find("</HEAD>").unwrap());
        let script = out.find("<script data-dossier-annotate>").unwrap();
        assert!(out.find("<body>").unwrap() < script && script < out.find("</body>").unwrap());
    }
}
