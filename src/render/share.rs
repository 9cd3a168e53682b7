//! What the page of an item says of itself where it is shared or indexed:
//! a description (an article's summary, an actor's role, the opening of an
//! event's description), its Open Graph type, and JSON-LD (schema.org):
//! articles as `NewsArticle` based on the original, actors as `Person`,
//! `Organization` or, for a state, `Country` and `GovernmentOrganization`
//! (the place and the government that acts for it), events as `Event` with
//! their dates (partial dates as partial ISO dates: `2023`, `2023-03`).
//!
//! The JSON-LD is data in `<script type="application/ld+json">`: nothing
//! runs, and it is escaped so that no text can end the element.

use super::context::Shown;
use crate::model::{Actor, ActorKind, Article, Event, PartialDate};
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// The longest description made from a text, in characters: about what
/// search results and link cards show.
const DESCRIPTION_MAX: usize = 200;

/// A page as it is shared: `og:type`, its own description (the dossier's
/// stands in without one) and its JSON-LD.
pub(super) struct Shared<'a> {
    pub(super) og_type: &'static str,
    pub(super) description: Option<Cow<'a, str>>,
    pub(super) json_ld: String,
}

/// A JSON-LD object: its schema.org type(s) and properties.
#[derive(Serialize)]
struct Ld<T> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    types: Types,
    #[serde(flatten)]
    properties: T,
}

impl<T: Serialize> Ld<T> {
    /// The object as the text of a `<script type="application/ld+json">`.
    fn script_text(types: &'static [&'static str], properties: T) -> String {
        let ld = Ld {
            context: "https://schema.org",
            types: Types(types),
            properties,
        };
        script_json(&ld)
    }
}

/// `value` as JSON for the text of a `<script>` data block. `<` stands
/// only inside JSON strings, where `\u003c` means the same: no text can
/// then end the element (`</script>`) or open a comment in it (`<!--`),
/// which would swallow the rest of the page.
pub(super) fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .map(|json| json.replace('<', "\\u003c"))
        .unwrap_or_default()
}

/// One type as a string, several as an array.
struct Types(&'static [&'static str]);

impl Serialize for Types {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            [one] => s.serialize_str(one),
            many => many.serialize(s),
        }
    }
}

/// A named thing: an actor, and the part of an event all things share.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Named<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    alternate_name: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<Shown<&'a PartialDate>>,
    in_language: &'a str,
    publisher: Organization<'a>,
    /// The original article's URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    is_based_on: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventLd<'a> {
    #[serde(flatten)]
    named: Named<'a>,
    /// None for a date the content marks uncertain: schema.org has no
    /// word for it, and a bare date would state it as known.
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<Shown<&'a PartialDate>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Shown<&'a PartialDate>>,
}

/// An article's page: `text` is its body as plain text, `url` the page's
/// absolute URL if known, `site_language` the dossier's.
pub(super) fn article<'a>(
    a: &'a Article,
    text: &str,
    url: Option<&str>,
    site_language: &str,
) -> Shared<'a> {
    let description = own_or_opening(a.summary.as_deref(), text);
    let json_ld = Ld::script_text(
        &["NewsArticle"],
        NewsArticle {
            headline: &a.title,
            description: description.as_deref(),
            date_published: a.published.as_ref().map(Shown),
            in_language: a.language.as_deref().unwrap_or(site_language),
            publisher: Organization {
                kind: "Organization",
                name: &a.source.name,
            },
            is_based_on: a.source.url.as_deref(),
            url,
        },
    );
    Shared {
        og_type: "article",
        description,
        json_ld,
    }
}

/// An actor's page: `profile` is its profile as plain text.
pub(super) fn actor<'a>(a: &'a Actor, profile: &str, url: Option<&str>) -> Shared<'a> {
    let description = own_or_opening(a.role.as_deref(), profile);
    let types: &'static [&'static str] = match a.kind {
        ActorKind::Person => &["Person"],
        ActorKind::Organisation => &["Organization"],
        ActorKind::State => &["Country", "GovernmentOrganization"],
    };
    let named = Named {
        name: &a.name,
        alternate_name: &a.aliases,
        description: description.as_deref(),
        url,
    };
    Shared {
        og_type: match a.kind {
            ActorKind::Person => "profile",
            _ => "website",
        },
        json_ld: Ld::script_text(types, named),
        description,
    }
}

/// An event's page: `text` is its description as plain text.
pub(super) fn event<'a>(e: &'a Event, text: &str, url: Option<&str>) -> Shared<'a> {
    let description = opening(text).map(Cow::Owned);
    let ld = EventLd {
        named: Named {
            name: &e.title,
            alternate_name: &e.aliases,
            description: description.as_deref(),
            url,
        },
        start_date: (!e.date_uncertain).then_some(Shown(&e.date)),
        end_date: e.end.as_ref().filter(|_| !e.date_uncertain).map(Shown),
    };
    Shared {
        og_type: "website",
        json_ld: Ld::script_text(&["Event"], ld),
        description,
    }
}

/// `own` (a summary, a role) if given and not blank, else the opening of
/// `text`.
fn own_or_opening<'a>(own: Option<&'a str>, text: &str) -> Option<Cow<'a, str>> {
    match own.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(Cow::Borrowed(s)),
        None => opening(text).map(Cow::Owned),
    }
}

/// The first paragraph of a plain text (paragraphs are lines), its spaces
/// collapsed, cut at a word to at most [`DESCRIPTION_MAX`] characters.
fn opening(text: &str) -> Option<String> {
    opening_within(text, DESCRIPTION_MAX)
}

/// The first paragraph of a plain text, its spaces collapsed, cut at a
/// word to at most `max` characters (an ellipsis marks the cut): what a
/// description or a preview shows of a text.
pub(super) fn opening_within(text: &str, max: usize) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?;
    let words: Vec<&str> = first.split_whitespace().collect();
    let whole = words.join(" ");
    if whole.chars().count() <= max {
        return Some(whole);
    }
    // Whole words while they fit, with room for the ellipsis.
    let mut cut = String::new();
    for w in words {
        let len = cut.chars().count() + w.chars().count() + 1;
        if len >= max {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(w);
    }
    if cut.is_empty() {
        // One word longer than the room: cut inside it.
        cut = whole.chars().take(max - 1).collect();
    }
    cut.push('…');
    Some(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_opening_is_the_first_paragraph_cut_at_a_word() {
        assert_eq!(opening("\n  One  two\nthree").as_deref(), Some("One two"));
        assert_eq!(opening(" \n"), None);
        let long = "word ".repeat(60);
        let cut = opening(&long).unwrap();
        assert!(cut.chars().count() <= DESCRIPTION_MAX, "{cut}");
        assert!(cut.ends_with("word…"), "{cut}");
        let one = "x".repeat(300);
        assert_eq!(opening(&one).unwrap().chars().count(), DESCRIPTION_MAX);
    }

    #[test]
    fn one_type_is_a_string_several_an_array() {
        let json = |t| serde_json::to_string(&Types(t)).unwrap();
        assert_eq!(json(&["Event"]), "\"Event\"");
        assert_eq!(
            json(&["Country", "GovernmentOrganization"]),
            "[\"Country\",\"GovernmentOrganization\"]"
        );
    }

    #[test]
    fn an_uncertain_date_is_not_stated() {
        let fm = |extra: &str| {
            format!("---\ntitle: Vote\ndate: 2023-09-04\nend: 2023-09-05\n{extra}---\nThe vote.\n")
        };
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/events")).unwrap();
        std::fs::write(root.join("book.toml"), "[book]\ntitle = \"T\"\n").unwrap();
        std::fs::write(root.join("content/events/vote.md"), fm("")).unwrap();
        std::fs::write(
            root.join("content/events/unsure.md"),
            fm("date_uncertain: true\ndate_note: one source\n"),
        )
        .unwrap();
        let d = crate::load::load(root).unwrap();
        let ld = |slug: &str| {
            let e = d.events.iter().find(|e| e.slug == slug).unwrap();
            let text = event(e, "The vote.", None).json_ld;
            serde_json::from_str::<serde_json::Value>(&text).unwrap()
        };
        assert_eq!(ld("vote")["startDate"], "2023-09-04");
        assert_eq!(ld("vote")["endDate"], "2023-09-05");
        assert!(ld("unsure").get("startDate").is_none());
        assert!(ld("unsure").get("endDate").is_none());
    }

    #[test]
    fn no_text_can_end_the_script_element() {
        let text = Ld::script_text(
            &["Thing"],
            Named {
                name: "</script><!--<script>",
                alternate_name: &[],
                description: None,
                url: None,
            },
        );
        assert!(!text.contains('<'), "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["name"], "</script><!--<script>");
        assert_eq!(v["@type"], "Thing");
    }
}
