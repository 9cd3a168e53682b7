//! `book.toml`: the dossier's configuration (SPEC §6).

use crate::diagnostics::{explain_serde_message, Diagnostic};
use crate::load::read_text;
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "book.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub book: BookConfig,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default)]
    pub output: OutputConfig,
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
    /// absolute path (`/repo/`). Used for canonical links, sitemap, feed and
    /// the 404 page, never for ordinary links (those stay relative).
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
}

impl HtmlConfig {
    /// `site-url` with exactly one trailing slash.
    pub fn site_url(&self) -> Option<String> {
        self.site_url.as_ref().map(|u| {
            let u = u.trim_end_matches('/');
            format!("{u}/")
        })
    }
}

impl Config {
    /// Reads and validates `book.toml` under `root`.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        if !path.is_file() {
            return Err(
                Diagnostic::new(CONFIG_FILE, "no book.toml here").hint(format!(
                    "is `{}` a dossier? `dossier new DIR` creates one",
                    root.display()
                )),
            );
        }
        let text = read_text(&path, Path::new(CONFIG_FILE))?;
        Self::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let config: Config = toml::from_str(text).map_err(|e| {
            let (message, hint) = explain_serde_message(e.message());
            let mut d = Diagnostic::new(CONFIG_FILE, message);
            if let Some(span) = e.span() {
                d = d.at_offset(text, span.start);
            }
            match hint {
                Some(h) => d.hint(h),
                None => d.hint("see the [book], [build] and [output.html] tables in the README"),
            }
        })?;
        config.validate(text)?;
        Ok(config)
    }

    fn validate(&self, text: &str) -> Result<(), Diagnostic> {
        if self.book.title.trim().is_empty() {
            let offset = text.find("title").unwrap_or(0);
            return Err(Diagnostic::new(CONFIG_FILE, "[book] title is empty")
                .at_offset(text, offset)
                .hint("give the dossier a title"));
        }
        if let Some(url) = &self.output.html.site_url {
            if !(url.starts_with('/') || url.starts_with("http://") || url.starts_with("https://"))
            {
                let offset = text.find("site-url").unwrap_or(0);
                return Err(Diagnostic::new(
                    CONFIG_FILE,
                    format!("site-url `{url}` is neither a URL nor an absolute path"),
                )
                .at_offset(text, offset)
                .hint("use `https://owner.github.io/repo/` or `/repo/`"));
            }
        }
        Ok(())
    }
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
        assert_eq!(e.line, Some(5));
        assert_eq!(e.hint.as_deref(), Some("did you mean `build-dir`?"));
    }

    #[test]
    fn site_url_normalised() {
        let c =
            Config::parse("[book]\ntitle = \"T\"\n[output.html]\nsite-url = \"/kz\"\n").unwrap();
        assert_eq!(c.output.html.site_url().as_deref(), Some("/kz/"));
    }
}
