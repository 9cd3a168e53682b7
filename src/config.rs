//! `book.toml`: the dossier's configuration (SPEC §6).

use crate::diagnostics::{closest, explain_serde_message, Diagnostic, Diagnostics};
use crate::util::fs::read_text;
use serde::Deserialize;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

mod every_error;

pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub book: BookConfig,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default)]
    pub output: OutputConfig,
    #[serde(default)]
    pub warnings: WarningsConfig,
    /// `[strings]`: the dossier's own words for interface strings, by the
    /// keys of the built-in tables (`src/i18n/en.toml`).
    #[serde(default)]
    pub strings: toml::Table,
    /// The interface strings of `[book] language` with `[strings]` laid
    /// over them, made once the file is valid.
    #[serde(skip)]
    pub interface_strings: crate::i18n::Strings,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookConfig {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default = "default_language")]
    pub language: String,
}

fn default_language() -> String {
    "en".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildConfig {
    #[serde(default = "default_build_dir")]
    pub build_dir: PathBuf,
    #[serde(default = "default_content_dir")]
    pub content_dir: PathBuf,
    #[serde(default = "default_seeds_dir")]
    pub seeds_dir: PathBuf,
    #[serde(default = "default_templates_dir")]
    pub templates_dir: PathBuf,
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            build_dir: default_build_dir(),
            content_dir: default_content_dir(),
            seeds_dir: default_seeds_dir(),
            templates_dir: default_templates_dir(),
        }
    }
}

fn default_build_dir() -> PathBuf {
    "book".into()
}
fn default_content_dir() -> PathBuf {
    "content".into()
}
fn default_seeds_dir() -> PathBuf {
    "seeds".into()
}
fn default_templates_dir() -> PathBuf {
    "templates".into()
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputConfig {
    #[serde(default)]
    pub html: HtmlConfig,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct HtmlConfig {
    /// Where the site is published: a full URL (`https://host/repo/`) or an
    /// absolute path (`/repo/`). Either gives the 404 page's links; only a
    /// full URL gives canonical links, `og:url`, sitemap and feed. Never
    /// used for ordinary links (those stay relative). `build --site-url`
    /// overrides it.
    #[serde(default)]
    pub site_url: Option<String>,
    #[serde(default)]
    pub git_repository_url: Option<String>,
    /// `{path}` is replaced by the file's path relative to the dossier root.
    #[serde(default)]
    pub edit_url_template: Option<String>,
    /// Pass raw HTML in Markdown bodies through. Off by default: raw HTML is
    /// shown as text, so a pasted `<script>` never runs.
    #[serde(default)]
    pub allow_raw_html: bool,
    /// Items per page of the long lists (index, sources, timeline, actors,
    /// an actor's or event's mentions): a longer list is split into
    /// numbered pages. Default 200.
    #[serde(default)]
    pub page_size: Option<std::num::NonZeroUsize>,
}

/// `[warnings]`: the warnings an editor has weighed and accepts.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarningsConfig {
    /// `[[warnings.allow]]` entries, in the order written.
    #[serde(default)]
    pub allow: Vec<AllowWarning>,
}

/// One `[[warnings.allow]]` entry: the warnings of `rule`, narrowed to a
/// file (or folder) and a phrase, are not reported. Spans are kept so that
/// an entry that silences nothing can be pointed at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowWarning {
    /// A rule name, such as `unlinked-mention`.
    pub rule: Spanned<String>,
    /// A path from the dossier root: a file, or a folder for every file in
    /// it.
    #[serde(default)]
    pub file: Option<String>,
    /// Words the warning is about (the unlinked phrase, a part of the
    /// quote or paragraph, the item's name).
    #[serde(default)]
    pub phrase: Option<String>,
    /// Why the warning is accepted: required, so that every silence is on
    /// purpose and visible.
    pub reason: Spanned<String>,
}

impl HtmlConfig {
    /// `site-url` with exactly one trailing slash.
    pub fn site_url(&self) -> Option<String> {
        self.site_url.as_ref().map(|u| {
            let u = u.trim_end_matches('/');
            format!("{u}/")
        })
    }

    /// Sets `site-url` over `book.toml`'s (`build --site-url`), checked as
    /// `book.toml`'s is.
    pub fn override_site_url(&mut self, url: &str) -> Result<(), Diagnostic> {
        match site_url_problem(url) {
            Some(message) => Err(Diagnostic::new("--site-url", message).hint(SITE_URL_HINT)),
            None => {
                self.site_url = Some(url.into());
                Ok(())
            }
        }
    }

    /// [`site_url`](Self::site_url) when it is a full URL: canonical links,
    /// `og:url`, the sitemap and the feed need one (a path is not enough).
    pub fn absolute_site_url(&self) -> Option<String> {
        self.site_url().filter(|u| is_absolute_url(u))
    }
}

/// Whether `url` is a full URL (`https://host/…`), not only a path.
pub fn is_absolute_url(url: &str) -> bool {
    url.starts_with("http://") || url.starts_with("https://")
}

/// What is wrong with `url` as a `site-url` (from `book.toml` or
/// `build --site-url`), if anything.
pub fn site_url_problem(url: &str) -> Option<String> {
    if url.starts_with('/') || is_absolute_url(url) {
        None
    } else {
        Some(format!(
            "site-url `{url}` is neither a URL nor an absolute path"
        ))
    }
}

/// The hint for a wrong `site-url`.
pub const SITE_URL_HINT: &str = "use `https://owner.github.io/repo/` or `/repo/`";

impl Config {
    /// Reads and validates `book.toml` under `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostics> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(Diagnostic::new(CONFIG_FILE, "no book.toml here")
                .hint(format!(
                    "is `{}` a dossier? `dossier new DIR` creates one",
                    root.display()
                ))
                .into());
        }
        let text = read_text(&path, Path::new(CONFIG_FILE))?;
        Self::parse(&text)
    }

    /// Parses and validates the text of a `book.toml`: a syntax error, or
    /// every key and value that is wrong.
    pub fn parse(text: &str) -> Result<Config, Diagnostics> {
        let (read, errors) = every_error::read_all(
            text,
            toml::from_str::<Config>,
            |e| e.span().map(|s| s.start),
            |e| {
                let field = e.message().strip_prefix("missing field `")?;
                field.split('`').next().map(str::to_string)
            },
        );
        let mut diags = Diagnostics::new();
        for e in &errors {
            diags.push(serde_error(text, e));
        }
        let Some((config, read_text)) = read else {
            return Err(diags);
        };
        // The text read has the wrong entries blanked, every place kept.
        diags.extend(config.validate(&read_text));
        let mut config = diags.into_result(config)?;
        config.interface_strings =
            crate::i18n::Strings::new(&config.book.language, &config.strings);
        Ok(config)
    }

    fn validate(&self, text: &str) -> Diagnostics {
        let mut diags = Diagnostics::new();
        // Where the values are written, read again only when one is wrong.
        let places = || toml::from_str::<Places>(text).unwrap_or_default();
        let at = |d: Diagnostic, span: Option<Range<usize>>| match span {
            Some(span) => d.at_span(text, span),
            None => d,
        };
        if self.book.title.trim().is_empty() {
            let span = places().book.title.map(|t| t.span());
            diags.push(
                at(Diagnostic::new(CONFIG_FILE, "[book] title is empty"), span)
                    .hint("give the dossier a title"),
            );
        }
        if let Some(message) = crate::i18n::language_tag_problem(&self.book.language) {
            let span = places().book.language.map(|l| l.span());
            diags.push(
                at(
                    Diagnostic::new(CONFIG_FILE, format!("[book] language: {message}")),
                    span,
                )
                .hint("the site's language, by its code, such as `en`, `ru`, `kk` or `ar-EG`"),
            );
        }
        let url = self.output.html.site_url.as_deref();
        if let Some(message) = url.and_then(site_url_problem) {
            let span = places().output.html.site_url.map(|u| u.span());
            diags.push(at(Diagnostic::new(CONFIG_FILE, message), span).hint(SITE_URL_HINT));
        }
        diags.extend(self.warnings.validate(text));
        diags.extend(crate::i18n::check_overrides(&self.strings, text));
        diags
    }
}

/// A key or value of `book.toml` that serde refused, at its place.
fn serde_error(text: &str, e: &toml::de::Error) -> Diagnostic {
    let (message, hint) = explain_serde_message(e.message());
    let mut d = Diagnostic::new(CONFIG_FILE, message);
    if let Some(span) = e.span() {
        d = d.at_span(text, span);
    }
    d.hint(hint.unwrap_or_else(|| {
        "see the [book], [build], [output.html], [warnings] and [strings] tables in docs/format.md"
            .into()
    }))
}

impl WarningsConfig {
    /// Every `[[warnings.allow]]` entry must name a known rule and give a
    /// reason.
    fn validate(&self, text: &str) -> Diagnostics {
        let mut diags = Diagnostics::new();
        let rules = crate::lint::RULES.iter().map(|r| r.name);
        for allow in &self.allow {
            let rule = allow.rule.get_ref();
            if !rules.clone().any(|name| name == rule) {
                let hint = match closest(rule, rules.clone()) {
                    Some(name) => format!("did you mean `{name}`?"),
                    None => format!(
                        "the rules are {}",
                        rules
                            .clone()
                            .map(|r| format!("`{r}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                let message = format!("[[warnings.allow]] names no rule `{rule}`");
                diags.push(
                    Diagnostic::new(CONFIG_FILE, message)
                        .at_span(text, allow.rule.span())
                        .hint(hint),
                );
            }
            if allow.reason.get_ref().trim().is_empty() {
                diags.push(
                    Diagnostic::new(CONFIG_FILE, "[[warnings.allow]] gives no reason")
                        .at_span(text, allow.reason.span())
                        .hint("say why the warning is accepted, for the next editor"),
                );
            }
        }
        diags
    }
}

/// The places in `book.toml` of the values [`Config::validate`] checks.
#[derive(Default, Deserialize)]
struct Places {
    #[serde(default)]
    book: BookPlaces,
    #[serde(default)]
    output: OutputPlaces,
}

#[derive(Default, Deserialize)]
struct BookPlaces {
    title: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
}

#[derive(Default, Deserialize)]
struct OutputPlaces {
    #[serde(default)]
    html: HtmlPlaces,
}

#[derive(Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct HtmlPlaces {
    site_url: Option<Spanned<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply() {
        let c = Config::parse("[book]\ntitle = \"T\"\n").unwrap();
        assert_eq!(c.build.build_dir, PathBuf::from("book"));
        assert_eq!(c.book.language, "en");
        assert!(!c.output.html.allow_raw_html);
    }

    #[test]
    fn unknown_key_has_place_and_hint() {
        let e =
            Config::parse("[book]\ntitle = \"T\"\n\n[build]\nbuild-dri = \"out\"\n").unwrap_err();
        assert_eq!(e.len(), 1);
        let e = &e.0[0];
        assert_eq!((e.line, e.column), (Some(5), Some(1)));
        assert_eq!(e.span, Some(28..37));
        assert_eq!(e.hint.as_deref(), Some("did you mean `build-dir`?"));
    }

    /// Every wrong key and value in one run, each at its place, then the
    /// values that read but are wrong.
    #[test]
    fn every_problem_of_the_file_at_once() {
        let text = "[book]\ntitle = \"T\"\nauthorz = [\"A\"]\n\n[build]\nbild = 1\n\n\
                    [output.html]\npage-size = 0\nallow-raw-html = \"yes\"\nsite-url = \"kz\"\n\n\
                    [outptu]\nx = 1\n";
        let e = Config::parse(text).unwrap_err();
        let found: Vec<(usize, &str)> = e
            .iter()
            .map(|d| (d.line.unwrap(), &text[d.span.clone().unwrap()]))
            .collect();
        assert_eq!(
            found,
            [
                (3, "authorz"),
                (6, "bild"),
                (9, "0"),
                (10, "\"yes\""),
                (11, "\"kz\""),
                (13, "outptu"),
            ],
            "{e:?}"
        );
        assert_eq!(
            e.0[2].message,
            "invalid value: integer `0`, expected a whole number, at least 1"
        );
    }

    /// What the blanking does is never told: no syntax error of a blanked
    /// dotted key or table, no field missing because it was blanked.
    #[test]
    fn only_the_files_own_problems_are_told() {
        for (text, expected) in [
            (
                "[book]\ntitle=\"T\"\n[output.htm]\nsite-url=\"/x/\"\n[build]\nbild=1\n",
                &["htm", "bild"][..],
            ),
            (
                "book.title=\"T\"\nbook.authorz=[\"A\"]\nbook.languag=\"en\"\n",
                &["authorz", "languag"],
            ),
            (
                "[book]\ntitle=\"T\"\n[output]\nhtml.page-size=0\nhtml.sit-url=\"x\"\n",
                &["0", "sit-url"],
            ),
            ("[book]\ntitle = 1\n[build]\nbild = 1\n", &["1"]),
            (
                "[book]\ntitle = \"T\"\n[[warnings.allow]]\nrule = 1\nreason = \"x\"\n",
                &["1"],
            ),
        ] {
            let e = Config::parse(text).unwrap_err();
            let found: Vec<&str> = e.iter().map(|d| &text[d.span.clone().unwrap()]).collect();
            assert_eq!(found, expected, "{text}: {e:?}");
        }
        // A field missing from the file is told, at the table.
        let e = Config::parse("[book]\nlanguage = \"en\"\n").unwrap_err();
        assert!(e.0[0].message.contains("missing field `title`"), "{e:?}");
    }

    #[test]
    fn every_wrong_value_is_placed_at_its_value() {
        // "title" first appears inside the description: the place is the
        // title's value all the same.
        let text =
            "[book]\ndescription = \"a title\"\ntitle = \" \"\n[output.html]\nsite-url = \"kz\"\n";
        let e = Config::parse(text).unwrap_err();
        let places: Vec<_> = e.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(Some(3), Some(9)), (Some(5), Some(12))]);
        assert_eq!(e.0[0].message, "[book] title is empty");
        assert_eq!(&text[e.0[1].span.clone().unwrap()], "\"kz\"");
    }

    #[test]
    fn allow_entries_name_a_rule_and_give_a_reason() {
        let text = "[book]\ntitle = \"T\"\n[[warnings.allow]]\nrule = \"unlinked-mentoin\"\nreason = \" \"\n";
        let e = Config::parse(text).unwrap_err();
        let shown: Vec<_> = e.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            shown,
            [
                (
                    Some(4),
                    "[[warnings.allow]] names no rule `unlinked-mentoin`"
                ),
                (Some(5), "[[warnings.allow]] gives no reason"),
            ]
        );
        assert_eq!(
            e.0[0].hint.as_deref(),
            Some("did you mean `unlinked-mention`?")
        );
        let e =
            Config::parse("[book]\ntitle = \"T\"\n[[warnings.allow]]\nrule = \"cut-quotation\"\n")
                .unwrap_err();
        assert!(e.0[0].message.contains("missing field `reason`"), "{e}");
        let c = Config::parse(
            "[book]\ntitle = \"T\"\n[[warnings.allow]]\nrule = \"cut-quotation\"\nfile = \"content/articles\"\nreason = \"r\"\n",
        )
        .unwrap();
        assert_eq!(
            c.warnings.allow[0].file.as_deref(),
            Some("content/articles")
        );
    }

    #[test]
    fn site_url_normalised() {
        let c =
            Config::parse("[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"/kz\"\n").unwrap();
        assert_eq!(c.output.html.site_url().as_deref(), Some("/kz/"));
        assert_eq!(
            c.output.html.absolute_site_url(),
            None,
            "a path is not absolute"
        );
        let mut html = c.output.html;
        html.site_url = Some("https://h.example/kz".into());
        assert_eq!(
            html.absolute_site_url().as_deref(),
            Some("https://h.example/kz/")
        );
    }
}
