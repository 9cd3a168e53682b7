//! How the exports name the site's pages and files.
//!
//! With an absolute `site-url` (`http://` or `https://`), every link is an
//! absolute IRI: the exports are read far from the site (an annotation
//! server, Aleph, a reference manager), where only an absolute IRI means
//! anything. Otherwise links are relative IRIs, resolved (as JSON-LD and
//! browsers resolve them) against the file that holds them: the site root
//! for the files there, `../` from a folder. They then name the right
//! pages wherever the site is served, `file://` included. A path-only
//! `site-url` (`/repo/`) is not used: it names no host, so it would make
//! links no more absolute, only wrong under `file://`.

use crate::config::Config;
use std::fmt::Display;

#[derive(Debug, Clone, Default)]
pub(crate) struct Links {
    /// The site's absolute URL, with one trailing slash.
    site: Option<String>,
}

impl Links {
    pub(crate) fn new(config: &Config) -> Links {
        Links {
            site: config.output.html.absolute_site_url(),
        }
    }

    /// The IRI of `path` (relative to the site root) as written in a file
    /// that `from_root` (`""` or `"../"`) leads from to the root.
    pub(crate) fn iri(&self, from_root: &str, path: impl Display) -> String {
        match &self.site {
            Some(site) => format!("{site}{path}"),
            None => format!("{from_root}{path}"),
        }
    }

    /// The IRI of `path` only when it can be absolute: for formats whose
    /// links must be (FollowTheMoney's `url` type, a reference manager's
    /// archive location).
    pub(crate) fn absolute(&self, path: impl Display) -> Option<String> {
        self.site.as_ref().map(|site| format!("{site}{path}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(site_url: &str) -> Links {
        let toml = format!("[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"{site_url}\"\n");
        Links::new(&Config::parse(&toml).unwrap())
    }

    #[test]
    fn absolute_only_with_a_host() {
        let l = links("https://example.org/spill");
        assert_eq!(
            l.iri("../", "articles/a.html"),
            "https://example.org/spill/articles/a.html"
        );
        assert_eq!(
            l.absolute("x").as_deref(),
            Some("https://example.org/spill/x")
        );
        let l = links("/spill/");
        assert_eq!(l.iri("../", "articles/a.html"), "../articles/a.html");
        assert_eq!(l.iri("", "articles/a.html"), "articles/a.html");
        assert_eq!(l.absolute("x"), None);
    }
}
