//! The interface's words: every string a page shows that is not the
//! dossier's own content (navigation, headings, labels, legends, search
//! messages, month names), one table per language.
//!
//! The built-in tables are data files (`en.toml`, `ru.toml`) with the same
//! keys; `[book] language` picks one, `[strings]` in `book.toml` overrides
//! any key ([`check_overrides`] reports a key no table has). A language
//! without a table of its own gets the English words, with a warning
//! ([`untranslated_warning`]). Templates receive the table as `t`
//! (`{{ t.nav.timeline }}`), counts through the `plural` filter
//! (`template::plural_filter`).
//!
//! To add a string: the key in every built-in table (the unit test below
//! fails until it is), then `{{ t.<key> }}` in the template, or
//! [`Strings::get`] in Rust.

mod languages;
mod overrides;
mod plural;
pub(crate) mod template;

pub use languages::{is_language_tag, language_code, language_tag_problem};
pub use overrides::check_overrides;
pub use plural::PluralRule;

use crate::model::{AnnotationKind, PartialDate};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::collections::HashMap;
use std::fmt::Display;
use toml::{Table, Value};

/// The built-in tables, by language code.
const BUILT_IN: &[(&str, &str)] = &[
    ("en", include_str!("en.toml")),
    ("ru", include_str!("ru.toml")),
];

/// Languages written right to left, by primary subtag: Arabic, Hebrew
/// (and its old code `iw`), Persian, Urdu, Pashto, Sindhi, Yiddish,
/// Central Kurdish, Dhivehi, Uyghur.
const RIGHT_TO_LEFT: &[&str] = &[
    "ar", "he", "iw", "fa", "ur", "ps", "sd", "yi", "ckb", "dv", "ug",
];

/// The language part of a language tag, lower case: `ru` of `ru-RU`,
/// `ar` of `ar_EG`.
pub fn primary_subtag(language: &str) -> String {
    let end = language.find(['-', '_']).unwrap_or(language.len());
    language[..end].trim().to_ascii_lowercase()
}

/// Whether text in `language` runs right to left.
pub fn is_rtl(language: &str) -> bool {
    RIGHT_TO_LEFT.contains(&primary_subtag(language).as_str())
}

/// An item's language when it is not the site's: the `lang` its text is
/// marked with.
pub fn other_language<'a>(language: Option<&'a str>, site: &str) -> Option<&'a str> {
    language.filter(|l| !l.trim().is_empty() && !l.eq_ignore_ascii_case(site))
}

/// `rtl` or `ltr` when text in `language` runs the other way from the
/// site's language: the `dir` its text is marked with.
pub fn other_direction(language: Option<&str>, site: &str) -> Option<&'static str> {
    let rtl = is_rtl(other_language(language, site)?);
    (rtl != is_rtl(site)).then_some(if rtl { "rtl" } else { "ltr" })
}

/// The built-in table of `language` (by its primary subtag), if there is
/// one. The tables are compiled in and a unit test parses each, so an
/// unreadable one is a bug caught before release; it reads as empty.
fn built_in(language: &str) -> Option<Table> {
    let code = primary_subtag(language);
    BUILT_IN
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, text)| text.parse::<Table>().unwrap_or_default())
}

/// The English table: the fallback, and the list of every key.
pub(crate) fn english() -> Table {
    built_in("en").unwrap_or_default()
}

/// The interface strings of one build: a built-in table with the
/// dossier's overrides laid over it.
#[derive(Debug, Clone)]
pub struct Strings {
    table: Table,
    /// Every value of `table` by its dotted key, tables too: pages ask for
    /// strings hundreds of thousands of times in a large dossier, and a
    /// walk down nested tables per ask showed in the profile.
    by_key: HashMap<String, Value>,
    rule: PluralRule,
    /// Whether the language has a built-in table (else the words are
    /// English, but for what `[strings]` translates).
    built_in: bool,
}

impl Default for Strings {
    fn default() -> Self {
        Strings::new("en", &Table::new())
    }
}

impl Strings {
    /// The strings for `language`, with `overrides` (the `[strings]` of
    /// `book.toml`, checked by [`check_overrides`]) laid over them.
    pub fn new(language: &str, overrides: &Table) -> Strings {
        let (mut table, built_in) = match built_in(language) {
            Some(t) => (t, true),
            None => {
                // Another language's interface names languages only as
                // its `[strings]` do: by code, not in English.
                let mut english = english();
                english.insert("languages".into(), Value::Table(Table::new()));
                (english, false)
            }
        };
        merge(&mut table, overrides);
        Strings {
            by_key: by_key(&table),
            table,
            rule: PluralRule::of(language),
            built_in,
        }
    }

    /// The English strings with no overrides, made once: for callers that
    /// have no dossier's (the Markdown API's defaults).
    pub fn english_default() -> &'static Strings {
        static ENGLISH: std::sync::OnceLock<Strings> = std::sync::OnceLock::new();
        ENGLISH.get_or_init(Strings::default)
    }

    /// The string at a dotted key (`nav.timeline`); the key itself if the
    /// table has no such string, so that a missing one shows on the page
    /// rather than failing the build.
    pub fn get<'s>(&'s self, key: &'s str) -> &'s str {
        self.lookup(key).and_then(Value::as_str).unwrap_or(key)
    }

    /// The string at `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        fill(self.get(key), args)
    }

    /// The form of the count table at `key` that goes with `n`
    /// (`count.event` and 3: "events").
    pub fn count<'s>(&'s self, key: &'s str, n: u64) -> &'s str {
        self.lookup(key)
            .and_then(Value::as_table)
            .and_then(|forms| pick_form(forms, self.rule.category(n)))
            .unwrap_or(key)
    }

    /// A date as pages spell it: "7 January 2022", "January 2022", "2022".
    pub fn date(&self, d: &PartialDate) -> String {
        let month = |list: &str, m: u8| self.month(list, m).to_string();
        match (d.month, d.day) {
            (Some(m), Some(day)) => self.fill(
                "date.with_day",
                &[
                    ("day", &day),
                    ("month", &month("date.months_with_day", m)),
                    ("year", &d.year),
                ],
            ),
            (Some(m), None) => self.fill(
                "date.with_month",
                &[("month", &month("date.months", m)), ("year", &d.year)],
            ),
            _ => d.year.to_string(),
        }
    }

    /// The names of the months standing alone ("January"), January first:
    /// for the timeline's axis.
    pub fn month_names(&self) -> Vec<String> {
        (1..=12)
            .map(|m| self.month("date.months", m).to_string())
            .collect()
    }

    /// The name of `month` (1 to 12) in the list at `key`.
    fn month(&self, key: &str, month: u8) -> &str {
        self.lookup(key)
            .and_then(Value::as_array)
            .and_then(|names| names.get(usize::from(month).checked_sub(1)?))
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// The value at a dotted key.
    fn lookup(&self, key: &str) -> Option<&Value> {
        self.by_key.get(key)
    }

    /// An annotation kind's name and description (`annotation.<kind>`).
    pub fn annotation_kind(&self, kind: AnnotationKind) -> (&str, &str) {
        let field = |name: &str| {
            self.lookup(&format!("annotation.{}.{name}", kind.as_str()))
                .and_then(Value::as_str)
                .unwrap_or(kind.as_str())
        };
        (field("label"), field("description"))
    }

    /// The name of the language of `code` (`German` for `de`, `Portuguese
    /// (pt-BR)`), or the code as written when the table names no such
    /// language: what a page shows of an article's language.
    pub fn language_name(&self, code: &str) -> String {
        let languages = self.table.get("languages").and_then(Value::as_table);
        languages
            .and_then(|l| languages::name_in(l, code))
            .unwrap_or_else(|| code.trim().to_string())
    }

    /// Whether the language has a built-in table.
    pub fn is_built_in(&self) -> bool {
        self.built_in
    }

    /// How many strings are still the English fallback's: none for a
    /// language with a table; for another, the keys `[strings]` left out.
    pub fn untranslated(&self, overrides: &Table) -> usize {
        if self.built_in {
            return 0;
        }
        keys(&english())
            .iter()
            .filter(|k| !k.starts_with("languages."))
            .filter(|k| lookup(overrides, k).is_none())
            .count()
    }
}

/// The warning for a language without a built-in table whose `[strings]`
/// do not translate every key; `None` when there is nothing to say.
pub fn untranslated_warning(
    language: &str,
    strings: &Strings,
    overrides: &Table,
) -> Option<crate::diagnostics::Diagnostic> {
    let left = strings.untranslated(overrides);
    (left > 0).then(|| {
        crate::diagnostics::Diagnostic::warning(
            crate::config::CONFIG_FILE,
            format!(
                "no built-in interface strings for language `{language}`: {left} of them stay English"
            ),
        )
        .hint("translate them under [strings] in book.toml (keys as in src/i18n/en.toml), or use `en` or `ru`")
    })
}

/// The form of a count table for `category`: that one, else `other`
/// (a one/other table read with a rule of more categories), else `many`.
fn pick_form<'t>(forms: &'t Table, category: &str) -> Option<&'t str> {
    [category, "other", "many", "one"]
        .iter()
        .find_map(|c| forms.get(*c).and_then(Value::as_str))
}

/// Every value of `table` by its dotted key, tables as well as strings.
fn by_key(table: &Table) -> HashMap<String, Value> {
    fn walk(table: &Table, prefix: &str, out: &mut HashMap<String, Value>) {
        for (key, value) in table {
            // A key with a dot in it cannot be asked for by dotted key:
            // neither it nor anything under it is indexed.
            if key.contains('.') {
                continue;
            }
            let key = format!("{prefix}{key}");
            if let Some(inner) = value.as_table() {
                walk(inner, &format!("{key}."), out);
            }
            out.insert(key, value.clone());
        }
    }
    let mut out = HashMap::new();
    walk(table, "", &mut out);
    out
}

/// The value at a dotted key.
fn lookup<'t>(table: &'t Table, key: &str) -> Option<&'t Value> {
    let mut parts = key.split('.');
    let mut value = table.get(parts.next()?)?;
    for part in parts {
        value = value.as_table()?.get(part)?;
    }
    Some(value)
}

/// `text` with each `{name}` of `args` replaced by its value, in one pass
/// (a value is never read for slots); any other brace is kept as it is.
pub(crate) fn fill(text: &str, args: &[(&str, &dyn Display)]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(text.len() + 16 * args.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let (before, slot) = rest.split_at(open);
        out.push_str(before);
        let value = (slot[1..].find('}')).and_then(|close| {
            let name = &slot[1..1 + close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, close))
        });
        match value {
            Some((v, close)) => {
                let _ = write!(out, "{v}");
                rest = &slot[close + 2..];
            }
            None => {
                out.push('{');
                rest = &slot[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Lays `over` over `base`: tables key by key, anything else replaced.
fn merge(base: &mut Table, over: &Table) {
    for (key, value) in over {
        match (base.get_mut(key), value) {
            (Some(Value::Table(b)), Value::Table(o)) => merge(b, o),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

/// Whether a table is a count's forms (`{ one = …, other = … }`).
fn is_count(table: &Table) -> bool {
    !table.is_empty()
        && table
            .keys()
            .all(|k| plural::CATEGORIES.contains(&k.as_str()))
}

/// Every dotted key of a table, a count's forms as one key, sorted.
pub(crate) fn keys(table: &Table) -> Vec<String> {
    fn walk(table: &Table, prefix: &str, out: &mut Vec<String>) {
        for (key, value) in table {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                Value::Table(t) if !is_count(t) => walk(t, &path, out),
                _ => out.push(path),
            }
        }
    }
    let mut out = Vec::new();
    walk(table, "", &mut out);
    out.sort();
    out
}

/// The templates get the table as it is, with the plural rule's name
/// beside it for the `plural` filter.
impl Serialize for Strings {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.table.len() + 1))?;
        for (key, value) in &self.table {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry(template::RULE_KEY, self.rule.name())?;
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The flat index answers as a walk down the nested tables does, for
    /// every key of every built-in table (count tables and lists too),
    /// with overrides laid over them.
    #[test]
    fn the_index_finds_what_the_tables_hold() {
        let overrides: Table = "[nav]\ntimeline = \"Chronology\"".parse().unwrap();
        for (code, _) in BUILT_IN {
            let s = Strings::new(code, &overrides);
            let mut every = Vec::new();
            for key in keys(&s.table) {
                let mut prefix = String::new();
                for part in key.split('.') {
                    prefix.push_str(part);
                    every.push(prefix.clone());
                    prefix.push('.');
                }
            }
            for key in every {
                assert_eq!(s.lookup(&key), lookup(&s.table, &key), "{code}: {key}");
            }
            assert_eq!(s.get("nav.timeline"), "Chronology");
            assert_eq!(s.get("nav.no-such-key"), "nav.no-such-key");
        }
        // A key with a dot in it is out of reach, as for the walk.
        let quoted: Table = "\"nav.timeline\" = \"Quoted\"".parse().unwrap();
        let s = Strings::new("en", &quoted);
        assert_eq!(
            s.get("nav.timeline"),
            lookup(&english(), "nav.timeline")
                .unwrap()
                .as_str()
                .unwrap()
        );
    }

    /// Every built-in table has every key of every other, each count has
    /// the categories of its language's rule, and no value is empty.
    #[test]
    fn built_in_tables_agree() {
        let en = keys(&english());
        assert!(en.len() > 100, "{}", en.len());
        for (code, text) in BUILT_IN {
            let table: Table = text.parse().unwrap_or_else(|e| panic!("{code}.toml: {e}"));
            assert_eq!(keys(&table), en, "{code}.toml has other keys than en.toml");
            let rule = PluralRule::of(code);
            for key in &en {
                match lookup(&table, key).unwrap() {
                    Value::String(s) => assert!(!s.trim().is_empty(), "{code}: {key} is empty"),
                    Value::Array(a) => {
                        assert_eq!(a.len(), 12, "{code}: {key}");
                        assert!(a.iter().all(|m| m.as_str().is_some_and(|m| !m.is_empty())));
                    }
                    Value::Table(forms) => {
                        let mut have: Vec<_> = forms.keys().map(String::as_str).collect();
                        have.sort();
                        let mut want = rule.categories().to_vec();
                        want.sort();
                        assert_eq!(have, want, "{code}: {key}");
                    }
                    other => panic!("{code}: {key} is {other:?}"),
                }
            }
        }
    }

    #[test]
    fn every_annotation_kind_has_its_words() {
        for t in [Strings::default(), Strings::new("ru", &Table::new())] {
            for kind in AnnotationKind::ALL {
                let (label, description) = t.annotation_kind(kind);
                assert_ne!(label, kind.as_str());
                assert_ne!(description, kind.as_str());
            }
        }
        assert_eq!(
            Strings::default().annotation_kind(AnnotationKind::Claim).0,
            "Claim"
        );
    }

    #[test]
    fn dates_and_counts_in_russian() {
        let ru = Strings::new("ru", &Table::new());
        let date = |s| ru.date(&PartialDate::parse(s).unwrap());
        assert_eq!(date("2022-01-07"), "7 января 2022");
        assert_eq!(date("2022-01"), "январь 2022");
        assert_eq!(date("2022"), "2022");
        assert_eq!(ru.count("count.event", 1), "событие");
        assert_eq!(ru.count("count.event", 3), "события");
        assert_eq!(ru.count("count.event", 11), "событий");
        let en = Strings::default();
        assert_eq!(
            en.date(&PartialDate::parse("2022-01-07").unwrap()),
            "7 January 2022"
        );
        assert_eq!(en.count("count.event", 1), "event");
        assert_eq!(en.count("count.event", 0), "events");
    }

    #[test]
    fn overrides_replace_one_string_and_unknown_languages_fall_back() {
        let over: Table = "nav.timeline = \"Chronology\"\ncount.event.one = \"happening\"\n"
            .parse()
            .unwrap();
        let s = Strings::new("en-GB", &over);
        assert_eq!(s.get("nav.timeline"), "Chronology");
        assert_eq!(s.count("count.event", 1), "happening");
        assert_eq!(s.count("count.event", 2), "events");
        assert!(s.is_built_in());
        let de = Strings::new("de", &over);
        assert!(!de.is_built_in());
        assert_eq!(de.get("nav.actors"), "Actors");
        // Less the two given and the languages' names, which a language
        // without a table gives as codes unless `[strings]` names them.
        let names = keys(&english())
            .iter()
            .filter(|k| k.starts_with("languages."))
            .count();
        assert!(names > 50, "{names}");
        assert_eq!(de.untranslated(&over), keys(&english()).len() - 2 - names);
        assert_eq!(de.language_name("ru"), "ru");
        assert_eq!(s.language_name("ru"), "Russian");
        assert_eq!(Strings::new("ru", &over).language_name("de"), "немецкий");
        let named: Table = "languages.yo = \"Yorùbá\"".parse().unwrap();
        assert_eq!(Strings::new("de", &named).language_name("yo"), "Yorùbá");
        assert!(check_overrides(&named, "[strings]\nlanguages.yo = \"Yorùbá\"\n").is_empty());
        let warning = untranslated_warning("de", &de, &over).unwrap();
        assert!(!warning.is_error());
        assert!(untranslated_warning("ru", &Strings::new("ru", &over), &over).is_none());
    }

    #[test]
    fn right_to_left_by_primary_subtag() {
        assert!(is_rtl("ar") && is_rtl("he-IL") && is_rtl("fa_IR") && is_rtl("UR"));
        assert!(!is_rtl("en") && !is_rtl("ru") && !is_rtl("arn"));
        assert_eq!(other_language(Some("ar"), "en"), Some("ar"));
        assert_eq!(other_language(Some("EN"), "en"), None);
        assert_eq!(other_direction(Some("ar"), "en"), Some("rtl"));
        assert_eq!(other_direction(Some("en"), "he"), Some("ltr"));
        assert_eq!(other_direction(Some("ru"), "en"), None);
        assert_eq!(other_direction(Some("fa"), "ar"), None);
        assert_eq!(fill("{a} and {b}", &[("a", &1), ("b", &"x")]), "1 and x");
        assert_eq!(
            fill("{a}{a}, {c} {", &[("a", &"{b}"), ("b", &2)]),
            "{b}{b}, {c} {"
        );
        assert_eq!(fill("{{a}} é{a}", &[("a", &"ü")]), "{ü} éü");
    }
}
