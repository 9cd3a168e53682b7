//! The data page (`data.html`, template `data.html`): every data file of
//! the site, what it is for, its format (with a link to the format's
//! specification) and how to open it.
//!
//! Not in [`KINDS`](super::KINDS): the page lists the files the exports
//! actually wrote (a large dossier's annotations are paged and its
//! entities split), so `render_into` makes it once the exports are done.

use super::Renderer;
use crate::diagnostics::Diagnostic;
use crate::export::{Written, CITE_DIR};
use crate::i18n::Strings;
use crate::output::OutputFile;
use serde::Serialize;

#[derive(Serialize)]
struct DataPage<'t> {
    files: Vec<DataFile<'t>>,
}

/// One data file of the site, or one set of them.
#[derive(Serialize)]
struct DataFile<'t> {
    /// Its files, from the site root: the main one first, then its pages
    /// or parts. Empty for a set with a file per article (`pattern`).
    paths: Vec<String>,
    /// The names of a set's files, when they are not listed one by one.
    pattern: Option<String>,
    /// What is in it, and what for.
    holds: &'t str,
    formats: Vec<Format<'t>>,
    /// How to open it: a sentence, and a command line or code if any.
    open: &'t str,
    command: Option<&'static str>,
}

/// A format, and where it is specified.
#[derive(Serialize, Clone, Copy)]
struct Format<'t> {
    name: &'t str,
    spec: &'static str,
}

const JSON: Format<'static> = Format {
    name: "JSON",
    spec: "https://www.rfc-editor.org/rfc/rfc8259",
};

const WEB_ANNOTATION: Format<'static> = Format {
    name: "W3C Web Annotation (JSON-LD)",
    spec: "https://www.w3.org/TR/annotation-model/",
};

/// FollowTheMoney's specification; the format's name is described in the
/// interface's words (`data.files.ftm_format`).
const FOLLOW_THE_MONEY_SPEC: &str = "https://followthemoney.tech/explorer/";

const TIMELINE_JS: Format<'static> = Format {
    name: "TimelineJS JSON",
    spec: "https://timeline.knightlab.com/docs/json-format.html",
};

const CITATION_FORMATS: [Format<'static>; 3] = [
    Format {
        name: "CSL-JSON",
        spec: "https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html",
    },
    Format {
        name: "BibTeX",
        spec: "https://www.bibtex.org/Format/",
    },
    Format {
        name: "RIS",
        spec: "https://en.wikipedia.org/wiki/RIS_(file_format)",
    },
];

const RSS: Format<'static> = Format {
    name: "RSS 2.0",
    spec: "https://www.rssboard.org/rss-specification",
};

/// The data page, listing `written` (the site-wide exports) with the
/// render stage's own data files.
pub(in crate::render) fn page(
    r: &Renderer<'_>,
    written: &Written,
) -> Result<OutputFile, Diagnostic> {
    let path = "data.html";
    let base = r.chrome.base(path, r.t().get("data.title"), "data", None);
    let data = DataPage {
        files: files(r.t(), written, r.absolute_url().is_some()),
    };
    r.page("data.html", path, base, data)
}

/// Every data file of the site, in the order the page lists them.
fn files<'t>(t: &'t Strings, written: &Written, has_feed: bool) -> Vec<DataFile<'t>> {
    let paged = written.annotations.len() > 1;
    let mut files = vec![
        DataFile {
            paths: vec!["dossier.json".into()],
            pattern: None,
            holds: t.get("data.files.json_holds"),
            formats: vec![JSON],
            open: t.get("data.files.json_open"),
            command: Some("jq '.articles[].title' dossier.json"),
        },
        DataFile {
            paths: Vec::new(),
            pattern: Some("data/mentions-<n>.json".into()),
            holds: t.get("data.files.parts_holds"),
            formats: vec![JSON],
            open: t.get("data.files.parts_open"),
            command: Some("jq -r '.mentions[]' dossier.json | xargs jq -s add"),
        },
        DataFile {
            paths: written.annotations.clone(),
            pattern: None,
            holds: t.get("data.files.annotations_holds"),
            formats: vec![WEB_ANNOTATION],
            open: t.get("data.files.annotations_open"),
            command: Some(if paged {
                "jq -c '.items[]' annotations/page-*.jsonld"
            } else {
                "jq -c '.first.items[]' annotations.jsonld"
            }),
        },
        DataFile {
            paths: written.entities.clone(),
            pattern: None,
            holds: t.get("data.files.entities_holds"),
            formats: vec![Format {
                name: t.get("data.files.ftm_format"),
                spec: FOLLOW_THE_MONEY_SPEC,
            }],
            open: t.get("data.files.entities_open"),
            command: Some("cat entities*.ftm.json | alephclient write-entities -f my-dossier"),
        },
        DataFile {
            paths: written.timeline.clone(),
            pattern: None,
            holds: t.get("data.files.timeline_holds"),
            formats: vec![TIMELINE_JS],
            open: t.get("data.files.timeline_open"),
            command: Some("new TL.Timeline('timeline', 'timeline.json')"),
        },
        DataFile {
            paths: Vec::new(),
            pattern: Some(format!("{CITE_DIR}/<slug>.csl.json, .bib, .ris")),
            holds: t.get("data.files.citations_holds"),
            formats: CITATION_FORMATS.to_vec(),
            open: t.get("data.files.citations_open"),
            command: None,
        },
    ];
    if has_feed {
        files.push(DataFile {
            paths: vec!["feed.xml".into()],
            pattern: None,
            holds: t.get("data.files.feed_holds"),
            formats: vec![RSS],
            open: t.get("data.files.feed_open"),
            command: None,
        });
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_written_file_is_listed_once() {
        let written = Written {
            annotations: vec![
                "annotations.jsonld".into(),
                "annotations/page-1.jsonld".into(),
                "annotations/page-2.jsonld".into(),
            ],
            entities: vec!["entities.ftm.json".into(), "entities-2.ftm.json".into()],
            timeline: vec!["timeline.json".into()],
        };
        let listed_files = files(Strings::english_default(), &written, false);
        let listed: Vec<&str> = listed_files
            .iter()
            .flat_map(|f| f.paths.iter().map(String::as_str))
            .collect();
        assert_eq!(
            listed,
            [
                "dossier.json",
                "annotations.jsonld",
                "annotations/page-1.jsonld",
                "annotations/page-2.jsonld",
                "entities.ftm.json",
                "entities-2.ftm.json",
                "timeline.json"
            ]
        );
        assert_eq!(
            listed_files[2].command,
            Some("jq -c '.items[]' annotations/page-*.jsonld")
        );
        assert!(files(Strings::english_default(), &written, true)
            .iter()
            .any(|f| f.paths == ["feed.xml"]));
    }
}
