//! The theme: Tera templates and static assets compiled into the binary, each
//! overridable by a file of the same name in the dossier's templates folder.

use crate::diagnostics::{Diagnostic, Diagnostics};
use std::path::Path;
use tera::Tera;

/// Embedded default templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    ("article.html", include_str!("../../templates/article.html")),
    ("actor.html", include_str!("../../templates/actor.html")),
    ("actors.html", include_str!("../../templates/actors.html")),
    ("event.html", include_str!("../../templates/event.html")),
    (
        "timeline.html",
        include_str!("../../templates/timeline.html"),
    ),
    ("sources.html", include_str!("../../templates/sources.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("seed.html", include_str!("../../templates/seed.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("data.html", include_str!("../../templates/data.html")),
    ("print.html", include_str!("../../templates/print.html")),
    (
        "mentions.html",
        include_str!("../../templates/mentions.html"),
    ),
];

/// Embedded static assets, by output name.
const ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../templates/style.css")),
    ("search.js", include_str!("../../templates/search.js")),
    ("preview.js", include_str!("../../templates/preview.js")),
];

pub struct Theme {
    pub tera: Tera,
    /// Static files to copy to the output root: (name, bytes).
    pub assets: Vec<(String, Vec<u8>)>,
    /// Every template: name, text, and the file it came from (`None` when
    /// embedded), to place render errors.
    sources: Vec<(String, String, Option<std::path::PathBuf>)>,
}

/// A diagnostic for a Tera error placed in the template it is about: the
/// last template the message names (`'article.html'`), at the first line
/// holding a name the message quotes (`` `article.no_such_field` ``,
/// `'bse.html'`), looked for in that template first, then in the others.
fn place_error(
    sources: &[(String, String, Option<std::path::PathBuf>)],
    msg: &str,
    fallback: &str,
    message: String,
) -> Diagnostic {
    let quoted: Vec<&str> = msg.split('\'').skip(1).step_by(2).collect();
    let is_template = |q: &str| sources.iter().any(|(n, _, _)| n == q);
    let name = quoted
        .iter()
        .rev()
        .copied()
        .find(|q| is_template(q))
        .unwrap_or(fallback);
    let needles: Vec<&str> = msg
        .split('`')
        .skip(1)
        .step_by(2)
        .chain(quoted.iter().copied().filter(|q| !is_template(q)))
        .filter(|n| !n.trim().is_empty())
        .collect();
    let order = sources
        .iter()
        .filter(|(n, _, _)| n == name)
        .chain(sources.iter().filter(|(n, _, p)| n != name && p.is_some()))
        .chain(sources.iter().filter(|(n, _, p)| n != name && p.is_none()));
    let found = order
        .flat_map(|src| needles.iter().map(move |n| (src, n)))
        .find_map(|(src, n)| src.1.find(n).map(|i| (src, i)));
    let path_of = |src: &(String, String, Option<std::path::PathBuf>)| {
        src.2
            .clone()
            .unwrap_or_else(|| Path::new("<embedded>").join(&src.0))
    };
    match found {
        Some((src, i)) => Diagnostic::new(path_of(src), message).at_offset(&src.1, i),
        None => match sources.iter().find(|(n, _, _)| n == name) {
            Some(src) => Diagnostic::new(path_of(src), message),
            None => Diagnostic::new(Path::new("templates").join(name), message),
        },
    }
}

fn escape(s: &str) -> String {
    crate::util::html::escape_html(s)
}

/// Line and column from a Tera parse error (` --> 3:5`), if present.
fn tera_place(text: &str) -> Option<(usize, usize)> {
    let i = text.find("--> ")?;
    let rest = &text[i + 4..];
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(rest.len());
    let mut parts = rest[..end].split(':');
    let line = parts.next()?.parse().ok()?;
    let col = parts.next().and_then(|c| c.parse().ok()).unwrap_or(1);
    Some((line, col))
}

/// The whole chain of a Tera error as one message.
pub fn error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

impl Theme {
    /// Loads the embedded theme with overrides from `dir` (relative paths in
    /// diagnostics are shown under `shown`).
    pub fn load(dir: &Path, shown: &Path) -> Result<Theme, Diagnostics> {
        let mut diags = Diagnostics::new();
        let mut sources: Vec<(String, String, Option<std::path::PathBuf>)> = TEMPLATES
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string(), None))
            .collect();
        let mut assets: Vec<(String, Vec<u8>)> = ASSETS
            .iter()
            .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
            .collect();
        if dir.is_dir() {
            let mut entries: Vec<_> = walkdir::WalkDir::new(dir)
                .min_depth(1)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .collect();
            entries.sort_by(|a, b| a.path().cmp(b.path()));
            for entry in entries {
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let name = rel.to_string_lossy().replace('\\', "/");
                if name.starts_with('.') || name.ends_with(".md") {
                    continue;
                }
                let shown_path = shown.join(rel);
                if name.ends_with(".html") {
                    match crate::util::fs::read_text(entry.path(), &shown_path) {
                        Ok(text) => match sources.iter_mut().find(|(n, _, _)| *n == name) {
                            Some(slot) => {
                                slot.1 = text;
                                slot.2 = Some(shown_path);
                            }
                            None => sources.push((name, text, Some(shown_path))),
                        },
                        Err(d) => diags.push(d),
                    }
                } else {
                    match std::fs::read(entry.path()) {
                        Ok(bytes) => match assets.iter_mut().find(|(n, _)| *n == name) {
                            Some(slot) => slot.1 = bytes,
                            None => assets.push((name, bytes)),
                        },
                        Err(e) => {
                            diags.push(Diagnostic::new(shown_path, format!("cannot read: {e}")))
                        }
                    }
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default also escapes `/`, which makes every URL unreadable
        // in the page source; HTML needs only these five.
        tera.set_escape_fn(escape);
        // Counts in the interface's language: `t | plural(key=…, n=…)`.
        tera.register_filter("plural", crate::i18n::template::plural_filter);
        // A note shown again in a list, without the ids of the first copy.
        tera.register_filter("without_ids", crate::util::html::without_ids_filter);
        // Add one at a time first to place parse errors in the right file.
        for (name, text, path) in &sources {
            if let Err(e) = tera::Template::new(name, None, text) {
                let msg = error_chain(&e);
                let path = path
                    .clone()
                    .unwrap_or_else(|| Path::new("<embedded>").join(name));
                let mut d = Diagnostic::new(path, format!("template `{name}` does not parse"));
                if let Some((line, col)) = tera_place(&msg) {
                    d = d.at(text, line, col);
                }
                diags.push(d.hint(msg.lines().last().unwrap_or("").trim().to_string()));
            }
        }
        if !diags.is_empty() {
            return Err(diags.sorted());
        }
        let all: Vec<(&str, &str)> = sources
            .iter()
            .map(|(n, t, _)| (n.as_str(), t.as_str()))
            .collect();
        if let Err(e) = tera.add_raw_templates(all) {
            let msg = error_chain(&e);
            let message = format!("templates do not fit together: {msg}");
            return Err(place_error(&sources, &msg, "", message)
                .hint("check `extends`, `import` and `include` names")
                .into());
        }
        assets.sort();
        Ok(Theme {
            tera,
            assets,
            sources,
        })
    }

    /// Whether template `name` is the embedded default: not overridden, or
    /// overridden by the same text (as this repository's own `templates/`
    /// folder does).
    pub fn is_default(&self, name: &str) -> bool {
        let embedded = TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t);
        let current = self
            .sources
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, t, _)| t.as_str());
        embedded.is_some() && embedded == current
    }

    /// Where a template came from, for render error messages.
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<String, Diagnostic> {
        self.tera.render(name, ctx).map_err(|e| {
            let msg = error_chain(&e);
            let message = format!("template `{name}` failed to render");
            place_error(&self.sources, &msg, name, message).hint(msg)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_loads() {
        let t = Theme::load(Path::new("/nonexistent"), Path::new("templates")).unwrap();
        assert!(t.tera.get_template_names().any(|n| n == "article.html"));
        assert!(t.assets.iter().any(|(n, _)| n == "style.css"));
        assert!(t.is_default("mentions.html"));
    }

    #[test]
    fn an_override_is_default_only_with_the_embedded_text() {
        let dir = tempfile::tempdir().unwrap();
        let embedded = include_str!("../../templates/mentions.html");
        std::fs::write(dir.path().join("mentions.html"), embedded).unwrap();
        std::fs::write(dir.path().join("event.html"), "{{ event.title }}").unwrap();
        let t = Theme::load(dir.path(), Path::new("templates")).unwrap();
        assert!(t.is_default("mentions.html"));
        assert!(!t.is_default("event.html"));
        assert!(!t.is_default("no-such.html"));
    }

    #[test]
    fn override_parse_error_names_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("page.html"), "ok\n{% if %}\n").unwrap();
        let Err(e) = Theme::load(dir.path(), Path::new("templates")) else {
            panic!("a broken override must not load");
        };
        let d = &e.0[0];
        assert_eq!(d.path, Path::new("templates/page.html"));
        assert_eq!(d.line, Some(2));
    }
}
