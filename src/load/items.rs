//! Front matter schemas (SPEC §3) and their conversion into model items.

use super::frontmatter::{self, Field, Schema, Step};
use super::note_ids::{note_ids, Written};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{
    Actor, ActorKind, Annotation, AnnotationKind, Article, Event, Page, PartialDate, Source,
    SourceText,
};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// The items a content file's front matter names by slug, as written:
/// resolved to ids by `validate` once every item is loaded.
#[derive(Debug, Default, Clone)]
pub struct Named {
    /// Each annotation's `actors` and `events`, in the order of
    /// [`Article::annotations`].
    pub annotations: Vec<(Vec<String>, Vec<String>)>,
    /// An event's `actors`.
    pub actors: Vec<String>,
    /// Errors of the file that leave it loaded, so that the rest of it is
    /// still checked (an annotation's id written wrong or twice): one run
    /// tells every error of the file.
    pub errors: Diagnostics,
}

/// A date written as a string (`2022-01-07`) or a bare year (`2022`).
struct DateValue(PartialDate);

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD, YYYY-MM or YYYY")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateValue, E> {
                PartialDate::parse(v).map(DateValue).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateValue, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateValue, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// A language code (`en`, `ar-EG`), as `lang` attributes and the exports
/// take it; a name (`English`) or another shape is refused, with the code
/// to write where one can be told.
struct LanguageValue(String);

impl<'de> Deserialize<'de> for LanguageValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = LanguageValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a language code such as `en`, `ru` or `ar-EG`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<LanguageValue, E> {
                match crate::i18n::language_tag_problem(v) {
                    None => Ok(LanguageValue(v.to_string())),
                    Some(problem) => Err(E::custom(problem)),
                }
            }
        }
        d.deserialize_str(V)
    }
}

/// An annotation's `id:` as written: text, or a bare number (`id: 2022`),
/// checked later ([`NoteId::parse`](crate::model::NoteId::parse)).
struct IdValue(String);

impl<'de> Deserialize<'de> for IdValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = IdValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id such as `mayor-denies-leak`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<IdValue, E> {
                Ok(IdValue(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<IdValue, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<IdValue, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(V)
    }
}

/// An annotation's `occurrence`: any whole number, so that one below 1
/// (kept as 0) is told by validation as what it is, "counts from 1", with
/// the rest of the article still checked.
struct OccurrenceValue(usize);

impl<'de> Deserialize<'de> for OccurrenceValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = OccurrenceValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a whole number, at least 1")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<OccurrenceValue, E> {
                Ok(OccurrenceValue(usize::try_from(v).unwrap_or(usize::MAX)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OccurrenceValue, E> {
                Ok(OccurrenceValue(usize::try_from(v).unwrap_or(0)))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceFm {
    name: String,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    via: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationFm {
    #[serde(default)]
    id: Option<IdValue>,
    quote: String,
    #[serde(default)]
    occurrence: Option<OccurrenceValue>,
    kind: AnnotationKind,
    note: String,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    events: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleFm {
    title: String,
    source: SourceFm,
    #[serde(default)]
    published: Option<DateValue>,
    #[serde(default)]
    date_note: Option<String>,
    seed: String,
    #[serde(default)]
    language: Option<LanguageValue>,
    #[serde(default)]
    translated_from: Option<LanguageValue>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    annotations: Vec<AnnotationFm>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFm {
    name: String,
    kind: ActorKind,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventFm {
    title: String,
    date: DateValue,
    #[serde(default)]
    end: Option<DateValue>,
    #[serde(default)]
    date_note: Option<String>,
    #[serde(default)]
    date_uncertain: bool,
    #[serde(default)]
    actors: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PageFm {
    title: String,
    #[serde(default)]
    order: i64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IntroFm {
    #[serde(default)]
    #[allow(dead_code)]
    title: Option<String>,
}

const LANGUAGE_HINT: &str = "write the language's code, such as `en`, `ru`, `kk` or `ar-EG`";
const DATE_HINT: &str = "write dates as YYYY-MM-DD, YYYY-MM or YYYY, such as 2023-08-14";

// The fields of each front matter, in the order of the structs (a test
// checks them against serde's).

impl Schema for SourceFm {
    const FIELDS: &'static [Field] = &[
        Field::value::<String>("name").required(),
        Field::value::<Option<String>>("url"),
        Field::value::<Option<String>>("via"),
    ];
}

impl Schema for AnnotationFm {
    const FIELDS: &'static [Field] = &[
        Field::value::<Option<IdValue>>("id"),
        Field::value::<String>("quote").required(),
        Field::value::<Option<OccurrenceValue>>("occurrence"),
        Field::value::<AnnotationKind>("kind").required(),
        Field::value::<String>("note").required(),
        Field::value::<Vec<String>>("actors"),
        Field::value::<Vec<String>>("events"),
    ];
}

impl Schema for ArticleFm {
    const FIELDS: &'static [Field] = &[
        Field::value::<String>("title").required(),
        Field::table::<SourceFm>("source").required(),
        Field::value::<Option<DateValue>>("published").hint(DATE_HINT),
        Field::value::<Option<String>>("date_note"),
        Field::value::<String>("seed").required(),
        Field::value::<Option<LanguageValue>>("language").hint(LANGUAGE_HINT),
        Field::value::<Option<LanguageValue>>("translated_from").hint(LANGUAGE_HINT),
        Field::value::<Option<String>>("summary"),
        Field::list::<AnnotationFm>("annotations"),
    ];
}

impl Schema for ActorFm {
    const FIELDS: &'static [Field] = &[
        Field::value::<String>("name").required(),
        Field::value::<ActorKind>("kind").required(),
        Field::value::<Option<String>>("role"),
        Field::value::<Vec<String>>("aliases"),
    ];
}

impl Schema for EventFm {
    const FIELDS: &'static [Field] = &[
        Field::value::<String>("title").required(),
        Field::value::<DateValue>("date").required().hint(DATE_HINT),
        Field::value::<Option<DateValue>>("end").hint(DATE_HINT),
        Field::value::<Option<String>>("date_note"),
        Field::value::<bool>("date_uncertain"),
        Field::value::<Vec<String>>("actors"),
        Field::value::<Vec<String>>("aliases"),
    ];
}

impl Schema for PageFm {
    const FIELDS: &'static [Field] = &[
        Field::value::<String>("title").required(),
        Field::value::<i64>("order"),
    ];
}

impl Schema for IntroFm {
    const FIELDS: &'static [Field] = &[Field::value::<Option<String>>("title")];
}

/// Reports a text field at `path` that is empty (or only spaces).
fn required_text(text: &SourceText, path: &[Step], value: &str, diags: &mut Diagnostics) {
    let Some(&Step::Key(field)) = path.last() else {
        return;
    };
    if value.trim().is_empty() {
        let d = Diagnostic::new(&text.path, format!("`{field}` is empty"));
        diags.push(frontmatter::place(d, text, path).hint(format!("write a {field}")));
    }
}

/// Moves an offset at `- quote:` past the list dash, onto `quote:`.
fn skip_list_dash(file: &str, offset: usize) -> usize {
    let rest = file.get(offset..).unwrap_or("");
    let key = rest.trim_start_matches(['-', ' ', '\t']);
    offset + (rest.len() - key.len())
}

pub(super) fn article(slug: String, text: SourceText) -> Result<(Article, Named), Diagnostics> {
    let fm: ArticleFm = frontmatter::parse(&text)?;
    let mut diags = Diagnostics::new();
    required_text(&text, &[Step::Key("title")], &fm.title, &mut diags);
    let name = [Step::Key("source"), Step::Key("name")];
    required_text(&text, &name, &fm.source.name, &mut diags);
    if !diags.is_empty() {
        return Err(diags);
    }
    let is_quote_line = |l: &str| {
        let t = l.trim_start().trim_start_matches('-').trim_start();
        t.starts_with("quote:")
    };
    let mut named = Named::default();
    let written: Vec<Written> = (fm.annotations.iter())
        .map(|a| Written {
            id: a.id.as_ref().map(|i| i.0.as_str()),
            quote: &a.quote,
            occurrence: a.occurrence.as_ref().map(|o| o.0),
        })
        .collect();
    let ids = note_ids(&text, &written, &mut named.errors);
    let annotations = fm
        .annotations
        .into_iter()
        .zip(ids)
        .enumerate()
        .map(|(i, (a, id))| {
            named.annotations.push((a.actors, a.events));
            Annotation {
                id,
                offset: text
                    .nth_front_matter_line(i, is_quote_line)
                    .map(|o| skip_list_dash(&text.file, o))
                    .unwrap_or(text.front_matter_start),
                quote: a.quote,
                occurrence: a.occurrence.map(|o| o.0),
                kind: a.kind,
                note: a.note,
                actors: Vec::new(),
                events: Vec::new(),
            }
        })
        .collect();
    let article = Article {
        slug,
        title: fm.title,
        source: Source {
            name: fm.source.name,
            url: fm.source.url,
            via: fm.source.via,
        },
        published: fm.published.map(|d| d.0),
        date_note: fm.date_note,
        seed: fm.seed,
        language: fm.language.map(|l| l.0),
        translated_from: fm.translated_from.map(|l| l.0),
        summary: fm.summary,
        annotations,
        text,
    };
    Ok((article, named))
}

pub(super) fn actor(slug: String, text: SourceText) -> Result<Actor, Diagnostics> {
    let fm: ActorFm = frontmatter::parse(&text)?;
    let mut diags = Diagnostics::new();
    required_text(&text, &[Step::Key("name")], &fm.name, &mut diags);
    diags.into_result(Actor {
        slug,
        name: fm.name,
        kind: fm.kind,
        role: fm.role,
        aliases: fm.aliases,
        text,
    })
}

pub(super) fn event(slug: String, text: SourceText) -> Result<(Event, Named), Diagnostics> {
    let fm: EventFm = frontmatter::parse(&text)?;
    let mut diags = Diagnostics::new();
    required_text(&text, &[Step::Key("title")], &fm.title, &mut diags);
    let date = fm.date.0;
    let end = fm.end.map(|d| d.0);
    if let Some(end) = end.filter(|end| end.range().1 < date.range().0) {
        let message = format!("the event ends ({end}) before it starts ({date})");
        let d = Diagnostic::new(&text.path, message);
        diags.push(
            frontmatter::place(d, &text, &[Step::Key("end")])
                .hint("swap `date` and `end`, or fix the typo"),
        );
    }
    let named = Named {
        actors: fm.actors,
        ..Named::default()
    };
    let event = Event {
        slug,
        title: fm.title,
        date,
        end,
        date_note: fm.date_note,
        date_uncertain: fm.date_uncertain,
        actors: Vec::new(),
        aliases: fm.aliases,
        text,
    };
    diags.into_result((event, named))
}

pub(super) fn page(slug: String, text: SourceText) -> Result<Page, Diagnostics> {
    let fm: PageFm = frontmatter::parse(&text)?;
    let mut diags = Diagnostics::new();
    required_text(&text, &[Step::Key("title")], &fm.title, &mut diags);
    diags.into_result(Page {
        slug,
        title: fm.title,
        order: fm.order,
        text,
    })
}

pub(super) fn intro(text: &SourceText) -> Result<(), Diagnostics> {
    frontmatter::parse::<IntroFm>(text).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontmatter::assert_matches_serde;

    #[test]
    fn a_language_must_be_a_code() {
        let fm = |language: &str| {
            let text =
                format!("title: T\nsource: {{name: S}}\nseed: s.txt\nlanguage: {language}\n");
            serde_yaml::from_str::<ArticleFm>(&text).map(|fm| fm.language.map(|l| l.0))
        };
        assert_eq!(fm("ar-EG").unwrap().as_deref(), Some("ar-EG"));
        let e = fm("English").expect_err("a name is refused").to_string();
        assert!(
            e.contains("`English` is not a language code: write `en`"),
            "{e}"
        );
    }

    #[test]
    fn schemas_list_serdes_fields() {
        assert_matches_serde::<SourceFm>();
        assert_matches_serde::<AnnotationFm>();
        assert_matches_serde::<ArticleFm>();
        assert_matches_serde::<ActorFm>();
        assert_matches_serde::<EventFm>();
        assert_matches_serde::<PageFm>();
        assert_matches_serde::<IntroFm>();
    }
}
