//! Invariants of the repository's own dossier, *Kazakhstan, January 2022*.
//!
//! These tests read `seeds/` and `content/` directly (std + serde_yaml only), so they
//! hold whatever state the generator is in.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The five seeds and their byte lengths, used when `../shared/seeds` is not available.
const SEEDS: [(&str, u64); 5] = [
    ("000_a79e91f98c85be1f.txt", 2260),
    ("001_cdbaee1f345777d8.txt", 4281),
    ("002_252e08f0e7468a67.txt", 4350),
    ("003_cfcca4a1f232a10f.txt", 2576),
    ("004_2dbff5881707e0da.txt", 2049),
];

const FIXED_ACTORS: [&str; 5] = ["tokayev", "putin", "csto", "pashinyan", "nazarbayev"];
const ANNOTATION_KINDS: [&str; 6] = [
    "contradiction",
    "correction",
    "context",
    "claim",
    "figure",
    "source",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn file_names(dir: &Path) -> BTreeSet<String> {
    fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Markdown files of a content section, by slug.
fn section(name: &str) -> BTreeMap<String, String> {
    let dir = root().join("content").join(name);
    let mut out = BTreeMap::new();
    for file in file_names(&dir) {
        if let Some(slug) = file.strip_suffix(".md") {
            let text = fs::read_to_string(dir.join(&file)).unwrap();
            out.insert(slug.to_string(), text);
        }
    }
    out
}

/// Splits `---\nYAML\n---\nbody` into (yaml, body).
fn split_front_matter(text: &str) -> (&str, &str) {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .expect("content file must start with a front matter block");
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.find("\n---\r\n"))
        .or_else(|| rest.ends_with("\n---").then(|| rest.len() - 4));
    let end = end.expect("unterminated front matter");
    let body = rest[end + 4..].trim_start_matches(['\r', '\n']);
    (&rest[..end + 1], body)
}

fn front_matter(text: &str) -> serde_yaml::Value {
    serde_yaml::from_str(split_front_matter(text).0).expect("front matter is valid YAML")
}

fn is_slug(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && (b[0].is_ascii_lowercase() || b[0].is_ascii_digit())
        && b.iter()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
}

#[test]
fn seeds_are_the_five_verbatim_texts() {
    let seeds = root().join("seeds");
    let names = file_names(&seeds);
    let expected: BTreeSet<String> = SEEDS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        names, expected,
        "seeds/ must hold exactly the five seed texts"
    );

    let shared = root().join("..").join("shared").join("seeds");
    for (name, len) in SEEDS {
        let ours = fs::read(seeds.join(name)).unwrap();
        if shared.is_dir() {
            let theirs = fs::read(shared.join(name))
                .unwrap_or_else(|e| panic!("missing {name} in {}: {e}", shared.display()));
            assert!(
                ours == theirs,
                "seeds/{name} differs from the shared original"
            );
        } else {
            assert_eq!(ours.len() as u64, len, "seeds/{name} has the wrong length");
        }
    }
}

#[test]
fn every_seed_has_exactly_one_article() {
    let articles = section("articles");
    assert_eq!(articles.len(), 5, "exactly one article per seed");
    let mut by_seed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (slug, text) in &articles {
        assert!(is_slug(slug), "bad article slug {slug}");
        let (yaml, _) = split_front_matter(text);
        let seed = yaml
            .lines()
            .find_map(|l| l.strip_prefix("seed:"))
            .unwrap_or_else(|| panic!("{slug}: no seed"))
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        by_seed.entry(seed).or_default().push(slug.clone());
    }
    for (name, _) in SEEDS {
        let users = by_seed.get(name).cloned().unwrap_or_default();
        assert_eq!(users.len(), 1, "seed {name} is used by {users:?}");
    }
    assert_eq!(
        by_seed.len(),
        5,
        "articles name unknown seeds: {:?}",
        by_seed.keys()
    );
}

#[test]
fn articles_carry_the_required_metadata() {
    for (slug, text) in section("articles") {
        let fm = front_matter(&text);
        for key in ["title", "source", "seed", "summary", "annotations"] {
            assert!(fm.get(key).is_some(), "{slug}: missing {key}");
        }
        assert!(
            fm["source"].get("name").and_then(|v| v.as_str()).is_some(),
            "{slug}: source.name"
        );
        // `published` must be present; when it is null or partial, a date_note explains it.
        let published = fm
            .get("published")
            .unwrap_or_else(|| panic!("{slug}: missing published"));
        let full_date = published.as_str().is_some_and(|s| s.len() == 10);
        if !full_date {
            assert!(
                fm.get("date_note").is_some(),
                "{slug}: undated or partial date needs date_note"
            );
        }
        let (_, body) = split_front_matter(&text);
        let title = fm["title"].as_str().unwrap();
        assert!(
            !body.contains(title),
            "{slug}: the headline must not be repeated in the body"
        );
    }
}

#[test]
fn annotation_counts() {
    let mut total = 0;
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for (slug, text) in section("articles") {
        let fm = front_matter(&text);
        let list = fm["annotations"]
            .as_sequence()
            .expect("annotations is a list");
        assert!(list.len() >= 3, "{slug}: only {} annotations", list.len());
        let (_, body) = split_front_matter(&text);
        for a in list {
            let kind = a["kind"].as_str().expect("annotation kind");
            assert!(
                ANNOTATION_KINDS.contains(&kind),
                "{slug}: unknown kind {kind}"
            );
            let quote = a["quote"].as_str().expect("annotation quote");
            // Our bodies contain no inline markup, so the quote is in the Markdown source.
            let n = body.matches(quote).count();
            assert!(n >= 1, "{slug}: quote not in body: {quote:?}");
            if n > 1 {
                let occ = a.get("occurrence").and_then(|v| v.as_u64());
                assert!(
                    matches!(occ, Some(k) if k >= 1 && k as usize <= n),
                    "{slug}: quote occurs {n} times, needs a valid occurrence: {quote:?}"
                );
            }
            let note = a["note"].as_str().expect("annotation note");
            if kind == "contradiction" || kind == "correction" {
                assert!(
                    note.contains("@/articles/"),
                    "{slug}: {kind} note must link the other source"
                );
            }
            *kinds.entry(kind.to_string()).or_default() += 1;
            total += 1;
        }
    }
    assert!(total >= 25, "only {total} annotations");
    assert!(
        kinds.get("contradiction").copied().unwrap_or(0) >= 3,
        "{kinds:?}"
    );
    // No `correction` is required: the one there was (seed 004's "resigned as
    // prime minister") is a disagreement between the seeds, not a point the
    // others agree on (audit 3, finding 6), so it is a contradiction.
}

#[test]
fn actors_and_events() {
    let actors = section("actors");
    assert!(actors.len() >= 15, "only {} actors", actors.len());
    for slug in FIXED_ACTORS {
        assert!(actors.contains_key(slug), "missing actor {slug}");
    }
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    for (slug, text) in &actors {
        assert!(is_slug(slug), "bad actor slug {slug}");
        let fm = front_matter(text);
        let kind = fm["kind"].as_str().unwrap();
        assert!(
            ["person", "organisation", "state"].contains(&kind),
            "{slug}: kind {kind}"
        );
        let mut names = vec![fm["name"].as_str().unwrap().to_string()];
        if let Some(aliases) = fm.get("aliases").and_then(|v| v.as_sequence()) {
            names.extend(aliases.iter().map(|a| a.as_str().unwrap().to_string()));
        }
        for n in names {
            if let Some(prev) = claimed.insert(n.clone(), slug.clone()) {
                assert_eq!(&prev, slug, "alias {n:?} claimed by {prev} and {slug}");
            }
        }
    }

    let events = section("events");
    assert!(events.len() >= 12, "only {} events", events.len());
    for (slug, text) in &events {
        assert!(is_slug(slug), "bad event slug {slug}");
        let fm = front_matter(text);
        assert!(
            fm.get("title").is_some() && fm.get("date").is_some(),
            "{slug}: title and date"
        );
        for a in fm
            .get("actors")
            .and_then(|v| v.as_sequence())
            .into_iter()
            .flatten()
        {
            let a = a.as_str().unwrap();
            assert!(actors.contains_key(a), "{slug}: unknown actor {a}");
        }
        for n in fm
            .get("aliases")
            .and_then(|v| v.as_sequence())
            .into_iter()
            .flatten()
        {
            let n = n.as_str().unwrap().to_string();
            if let Some(prev) = claimed.insert(n.clone(), format!("event {slug}")) {
                panic!("alias {n:?} claimed by {prev} and event {slug}");
            }
        }
    }
}

/// Every spelling of the key actors' names that occurs in the seeds is an alias of
/// exactly one actor (checked on the content files themselves).
#[test]
fn every_spelling_in_the_seeds_belongs_to_one_actor() {
    let spellings: [(&str, &[&str]); 5] = [
        (
            "tokayev",
            &[
                "Kassym-Jomart Tokayev",
                "Kassym-Schomart Tokayev",
                "Kassym-Shomart Tokayev",
                "Kasym-Jomart Tokayev",
                "Tokayev",
                "Kazakh President",
                "President of the Republic of Kazakhstan",
            ],
        ),
        (
            "csto",
            &[
                "Collective Security Treaty Organization",
                "Collective Security Treaty Organisation",
                "CSTO",
            ],
        ),
        ("putin", &["Vladimir Putin", "Putin", "Russian leader"]),
        ("pashinyan", &["Nikol Pashinyan", "Pashinyan"]),
        (
            "nazarbayev",
            &[
                "Nursultan Nazarbayev",
                "Nazarbayev",
                "Tokayev's predecessor",
            ],
        ),
    ];
    let seeds: String = SEEDS
        .iter()
        .map(|(n, _)| fs::read_to_string(root().join("seeds").join(n)).unwrap())
        .collect();
    let mut owner: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (slug, text) in section("actors") {
        let fm = front_matter(&text);
        owner
            .entry(fm["name"].as_str().unwrap().to_string())
            .or_default()
            .push(slug.clone());
        for a in fm
            .get("aliases")
            .and_then(|v| v.as_sequence())
            .into_iter()
            .flatten()
        {
            owner
                .entry(a.as_str().unwrap().to_string())
                .or_default()
                .push(slug.clone());
        }
    }
    for (slug, names) in spellings {
        for name in names {
            assert!(
                seeds.contains(name),
                "{name:?} is not a spelling used by the seeds"
            );
            assert_eq!(
                owner.get(*name),
                Some(&vec![slug.to_string()]),
                "{name:?} must belong to {slug} only"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Through the engine: the dossier checks clean and every spelling in the seeds
// becomes a mention of the right actor.

fn checked() -> dossier::Checked {
    dossier::check(&root())
        .unwrap_or_else(|e| panic!("the Kazakhstan dossier does not check:\n{e}"))
}

#[test]
fn the_dossier_checks_clean() {
    let c = checked();
    assert_eq!(c.dossier.articles.len(), 5);
    let annotations: usize = c.linked.articles().map(|(_, a)| a.annotations.len()).sum();
    assert!(annotations >= 25, "only {annotations} annotations anchored");
}

/// Every spelling of a name that the seeds use, and the actor it names.
const SPELLINGS: &[(&str, &str)] = &[
    ("Kassym-Jomart Tokayev", "tokayev"),
    ("Kassym-Schomart Tokayev", "tokayev"),
    ("Kassym-Shomart Tokayev", "tokayev"),
    ("Kasym-Jomart Tokayev", "tokayev"),
    ("Tokayev", "tokayev"),
    ("Kazakh President", "tokayev"),
    ("Kazakhstani President", "tokayev"),
    ("Kazakh leader", "tokayev"),
    ("President of the Republic of Kazakhstan", "tokayev"),
    ("Collective Security Treaty Organization", "csto"),
    ("Collective Security Treaty Organisation", "csto"),
    ("CSTO", "csto"),
    ("Vladimir Putin", "putin"),
    ("Putin", "putin"),
    ("Russian leader", "putin"),
    ("Nikol Pashinyan", "pashinyan"),
    ("Nursultan Nazarbayev", "nazarbayev"),
    ("Nazarbayev", "nazarbayev"),
    // The longer phrase wins over "Tokayev" (leftmost-longest): it names Nazarbayev.
    ("Tokayev's predecessor", "nazarbayev"),
    ("Alexander Lukashenko", "lukashenko"),
    ("Lukashenko", "lukashenko"),
    ("Xi Jinping", "xi-jinping"),
    ("Xi", "xi-jinping"),
    ("Dmitri Peskov", "peskov"),
    ("Josep Borrell", "borrell"),
    ("Borrell", "borrell"),
    ("Ursula von der Leyen", "von-der-leyen"),
    ("von der Leyen", "von-der-leyen"),
    ("Emmanuel Macron", "macron"),
    ("Macron", "macron"),
    ("Olaf Scholz", "scholz"),
    ("SPD politician", "scholz"),
    ("Marco Buschmann", "buschmann"),
    ("EU", "eu"),
    ("European Union", "eu"),
    ("Russia", "russia"),
    ("Belarus", "belarus"),
    ("Armenia", "armenia"),
    (
        "National Security Committee of Kazakhstan",
        "national-security-committee",
    ),
    ("Kazakh Embassy in Brussels", "kazakh-embassy-brussels"),
    ("Kazakh security forces", "kazakh-security-forces"),
    ("Kazakh law enforcement agencies", "kazakh-security-forces"),
    ("Tokayev's military", "kazakh-security-forces"),
    // A Telegram channel: its "CSTO" half is not a mention of the organisation.
    ("ОДКБ-CSTO", "odkb-csto-telegram"),
    ("UN agencies", "un-agencies"),
];

/// Each spelling is linked, in the article bodies, to one actor and to the
/// right one.
#[test]
fn every_spelling_variant_resolves_to_one_actor() {
    use dossier::model::ItemKind;
    let c = checked();
    let seeds: String = SEEDS
        .iter()
        .map(|(n, _)| fs::read_to_string(root().join("seeds").join(n)).unwrap())
        .collect();
    for (spelling, slug) in SPELLINGS {
        assert!(seeds.contains(spelling), "{spelling:?} is not in the seeds");
        let in_bodies: Vec<_> = c
            .linked
            .mentions
            .iter()
            .filter(|m| {
                m.source.kind() == ItemKind::Article && m.in_note.is_none() && m.text() == *spelling
            })
            .collect();
        assert!(
            !in_bodies.is_empty(),
            "{spelling:?} is never linked in an article body"
        );
        for m in c.linked.mentions.iter().filter(|m| m.text() == *spelling) {
            let target = c.dossier.path(m.target);
            assert_eq!(
                target.kind,
                ItemKind::Actor,
                "{spelling:?} links to {target}"
            );
            assert_eq!(target.slug, *slug, "{spelling:?} links to {target}");
        }
    }
}

/// Occurrences of a surname inside a longer name of another item, which
/// are not mentions of the surname's owner: "Tokayev" in "Tokayev's
/// predecessor" (Nazarbayev) or "Tokayev's military", "CSTO" in the
/// Telegram channel "ОДКБ-CSTO".
const SHADOWED: &[(&str, &str)] = &[
    ("Tokayev", "Tokayev's predecessor"),
    ("Tokayev", "Tokayev's military"),
    ("CSTO", "ОДКБ-CSTO"),
];

/// No occurrence of a surname is left unlinked in an article body (each
/// mention holds at most one, so there must be at least as many mentions
/// as occurrences outside the longer names of `SHADOWED`), and the longer
/// names are never mentions of the shorter name's owner.
#[test]
fn no_surname_is_left_unlinked_in_a_body() {
    use dossier::model::ItemId;
    let c = checked();
    for (id, article) in c.dossier.articles.with_ids() {
        let plain = &c.linked.article(id).body.plain;
        for (word, slug) in [
            ("Tokayev", "tokayev"),
            ("Putin", "putin"),
            ("Nazarbayev", "nazarbayev"),
            ("CSTO", "csto"),
        ] {
            let inside_longer: usize = SHADOWED
                .iter()
                .filter(|(w, _)| *w == word)
                .map(|(_, phrase)| plain.matches(phrase).count())
                .sum();
            let words = plain.matches(word).count() - inside_longer;
            let mentions = c
                .linked
                .mentions
                .iter()
                .filter(|m| {
                    m.source == ItemId::from(id)
                        && m.in_note.is_none()
                        && c.dossier.slug(m.target) == slug
                        && m.text().contains(word)
                })
                .count();
            assert!(
                mentions >= words,
                "{}: {words} × {word:?} but {mentions} mentions",
                article.slug
            );
        }
    }

    // ... and the longer names are never mentions of the shorter name's owner.
    for m in &c.linked.mentions {
        for (word, phrase) in SHADOWED {
            if m.text().contains(phrase) {
                let owner = SPELLINGS.iter().find(|(s, _)| s == word).unwrap().1;
                assert_ne!(
                    c.dossier.slug(m.target),
                    owner,
                    "{phrase:?} links to {owner}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Findings of the content audit (issue 16) that can be checked mechanically.

const S000: &str = "tokayev-csto-peacekeepers-did-not-fire-a-single-shot";
const S001: &str = "kazakhstans-president-i-have-ordered-fatal-shots";
const S002: &str = "kazakh-president-says-gave-order-to-open-fire-with-lethal-force";
const S003: &str = "csto-operation-in-kazakhstan-reportedly-completed";
const S004: &str = "putin-claims-unrest-in-kazakhstan-not-spontaneous";

/// One annotation of an article, found by the start of its quote (and its
/// occurrence, when the quote repeats).
struct Ann {
    kind: String,
    note: String,
    actors: Vec<String>,
    events: Vec<String>,
}

fn strings(v: &serde_yaml::Value) -> Vec<String> {
    v.as_sequence()
        .into_iter()
        .flatten()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

fn annotation(article: &str, quote_start: &str, occurrence: Option<u64>) -> Ann {
    let text = section("articles")
        .remove(article)
        .unwrap_or_else(|| panic!("no article {article}"));
    let fm = front_matter(&text);
    let found: Vec<_> = fm["annotations"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter(|a| a["quote"].as_str().unwrap().starts_with(quote_start))
        .filter(|a| {
            occurrence.is_none() || a.get("occurrence").and_then(|o| o.as_u64()) == occurrence
        })
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{article}: {} annotations on {quote_start:?}",
        found.len()
    );
    let a = found[0];
    Ann {
        kind: a["kind"].as_str().unwrap().to_string(),
        note: a["note"].as_str().unwrap().to_string(),
        actors: strings(&a["actors"]),
        events: strings(&a["events"]),
    }
}

fn links_article(note: &str, slug: &str) -> bool {
    note.contains(&format!("(@/articles/{slug}.md)"))
}

/// Contradictions and corrections link another article, not only their own.
#[test]
fn contradiction_notes_link_another_article() {
    for (slug, text) in section("articles") {
        let fm = front_matter(&text);
        for a in fm["annotations"].as_sequence().unwrap() {
            let kind = a["kind"].as_str().unwrap();
            if kind != "contradiction" && kind != "correction" {
                continue;
            }
            let note = a["note"].as_str().unwrap();
            let others = section("articles")
                .keys()
                .filter(|other| **other != slug && links_article(note, other))
                .count();
            assert!(
                others >= 1,
                "{slug}: {kind} on {:?} links no other article",
                a["quote"]
            );
        }
    }
}

/// A figure annotation is on a number (audit F4: a list of states is not one).
#[test]
fn figures_are_numbers() {
    let number_words = ["thousand", "hundred", "dozens", "million"];
    for (slug, text) in section("articles") {
        let fm = front_matter(&text);
        for a in fm["annotations"].as_sequence().unwrap() {
            if a["kind"].as_str() != Some("figure") {
                continue;
            }
            let q = a["quote"].as_str().unwrap();
            assert!(
                q.bytes().any(|b| b.is_ascii_digit()) || number_words.iter().any(|w| q.contains(w)),
                "{slug}: figure without a number: {q:?}"
            );
        }
    }
}

/// One side of a disagreement: (article, quote start, occurrence).
type Side = (&'static str, &'static str, Option<u64>);

/// The same disagreement has the same kind in every article, and each side's
/// note links the other side's article.
#[test]
fn one_disagreement_one_kind() {
    // (kind, [(article, quote start, occurrence)]): every annotation of a group
    // has the kind and links every other article of the group.
    let groups: &[(&str, &[Side])] = &[
        // M1: no weapons against peaceful protesters / dozens of protesters killed.
        (
            "contradiction",
            &[
                (
                    S000,
                    "Kazakh law enforcement agencies did not use weapons",
                    None,
                ),
                (S002, "dozens of protestors had been killed", None),
            ],
        ),
        // U5/W7: "fuel" against "liquefied gas", a difference of detail.
        (
            "context",
            &[
                (S002, "a hike in fuel prices on 31 December", None),
                (
                    S003,
                    "after the authorities doubled the price of liquefied gas",
                    None,
                ),
                (
                    S004,
                    "After the doubling of the price of liquefied gas",
                    None,
                ),
            ],
        ),
        // F4: the make-up of the force.
        (
            "contradiction",
            &[
                (S002, "2,500 Russian paratroopers", None),
                (
                    S003,
                    "Russia, Belarus, Kyrgyzstan, Tajikistan, Armenia confirmed",
                    None,
                ),
            ],
        ),
        // The night of the announcement.
        (
            "contradiction",
            &[
                (S002, "on Wednesday evening", None),
                (S003, "On the night of January 6", None),
            ],
        ),
        // U4: "outside interference", Pashinyan's in one seed, Tokayev's in the other.
        (
            "claim",
            &[
                (
                    S002,
                    "caused, among other things, by outside interference",
                    None,
                ),
                (
                    S003,
                    "the threat to national security and sovereignty",
                    None,
                ),
            ],
        ),
        // Who asked the CSTO: Tokayev or "Tokayev's military" (audit 2, D1: one
        // kind on every side, 001 against 003 and 004).
        (
            "contradiction",
            &[
                (S001, "at the request of Tokayev's military", None),
                (S003, "on the back of the appeal of Kazakh President", None),
                (S004, "asked for help from the CSTO", None),
            ],
        ),
        // Audit 2, D2: the two renderings of "negotiations", annotated on both sides.
        (
            "source",
            &[
                (S001, "What kind of negotiations can there be", None),
                (S002, "What idiocy. What kind of negotiations", None),
            ],
        ),
        // The two renderings of the order itself.
        (
            "source",
            &[
                (
                    S001,
                    "I gave orders to fire fatal shots without warning",
                    None,
                ),
                (S002, "open fire with lethal force", None),
            ],
        ),
    ];
    for (kind, members) in groups {
        for (article, quote, occ) in *members {
            let a = annotation(article, quote, *occ);
            assert_eq!(a.kind, *kind, "{article}: {quote:?}");
            for (other, _, _) in *members {
                if other != article {
                    assert!(
                        links_article(&a.note, other),
                        "{article}: {quote:?} does not link {other}"
                    );
                }
            }
        }
    }
}

#[test]
fn audit_fixes_to_annotations() {
    // F3: no seed reports whether CSTO troops fired, so it is a claim.
    assert_eq!(
        annotation(S000, "did not fire a single shot", Some(2)).kind,
        "claim"
    );
    // F4: no number in a list of states.
    assert_ne!(
        annotation(S003, "Russia, Belarus, Kyrgyzstan", None).kind,
        "figure"
    );
    // U3/M1: EURACTIV's toll is cited against "did not use weapons".
    let a = annotation(
        S000,
        "Kazakh law enforcement agencies did not use weapons",
        None,
    );
    assert!(a.note.contains("dozens of protestors had been killed"));
    // U6: Putin's words quoted whole.
    let a = annotation(S001, "China also rejects", None);
    assert!(a.note.contains("destructive internal and external forces"));
    // U14: the task force is not the treason investigation.
    let a = annotation(S002, "Investigation Task Force", None);
    assert!(!a.events.iter().any(|e| e == "treason-investigation"));
    // U15: tags that went beyond the seed.
    let a = annotation(S001, "said von der Leyen at a joint press conference", None);
    assert!(!a.actors.iter().any(|x| x == "macron"));
    let a = annotation(S004, "According to UN agencies", None);
    assert!(!a.actors.iter().any(|x| x == "kazakh-embassy-brussels"));
    // M2: the domestic causes, set against the outside-forces claims.
    let a = annotation(S002, "exacerbated by long-running tensions", None);
    for other in [S001, S003, S004] {
        assert!(
            links_article(&a.note, other),
            "M2 note does not link {other}"
        );
    }
    // M3: "a limited period of time" against "an indefinite period".
    let a = annotation(S003, "Russian officials and state media", None);
    assert!(a.note.contains("a limited period of time"));
    // M6, M8, M9: new annotations exist.
    assert_eq!(
        annotation(S001, "quickly calming the situation", None).kind,
        "claim"
    );
    assert_eq!(
        annotation(S004, "overcoming the terrorist threat", None).kind,
        "claim"
    );
    assert_eq!(
        annotation(S001, "support is coming from Moscow and Beijing", None).kind,
        "context"
    );
}

/// Events in the order the timeline lists them (first link to each event).
fn timeline_order(c: &dossier::Checked) -> Vec<String> {
    let page = c
        .files
        .iter()
        .find(|f| f.path == "timeline.html")
        .expect("timeline.html is rendered");
    let html = String::from_utf8_lossy(&page.bytes);
    let mut order: Vec<String> = Vec::new();
    for piece in html.split("href=\"events/").skip(1) {
        let slug = piece.split(".html").next().unwrap().to_string();
        if !order.contains(&slug) {
            order.push(slug);
        }
    }
    order
}

/// Audit U11: an event is never listed before an event it followed (a
/// month-only date would be listed on 1 January). U10: inferred dates are
/// marked uncertain.
#[test]
fn the_timeline_keeps_the_order_of_events() {
    let c = checked();
    let order = timeline_order(&c);
    assert_eq!(order.len(), c.dossier.events.len(), "{order:?}");
    let pos = |slug: &str| {
        order
            .iter()
            .position(|s| s == slug)
            .unwrap_or_else(|| panic!("{slug} is not on the timeline"))
    };
    // Pairs on different days: events of the same day are listed by slug.
    let followed: &[(&str, &str)] = &[
        ("fuel-price-rise", "zhanaozen-protests"),
        ("zhanaozen-protests", "protests-spread"),
        ("zhanaozen-protests", "state-of-emergency"),
        ("csto-deployment-decision", "belarusian-contingent-deployed"),
        (
            "belarusian-contingent-deployed",
            "belarusian-contingent-returns",
        ),
        ("belarusian-contingent-returns", "csto-operation-ends"),
        ("csto-deployment-decision", "shoot-to-kill-order"),
        ("shoot-to-kill-order", "tokayev-khabar-24-interview"),
        (
            "nazarbayev-removed-from-security-council",
            "lukashenko-nazarbayev-call",
        ),
    ];
    // Pairs on the same day, which the engine lists by slug: the slugs are
    // chosen so that a reaction sorts after what it reacts to.
    let same_day: &[(&str, &str)] = &[(
        "shoot-to-kill-order",
        "shoot-to-kill-order-european-reactions",
    )];
    for (before, after) in followed.iter().chain(same_day) {
        assert!(
            pos(before) < pos(after),
            "{after} is listed before {before}: {order:?}"
        );
    }
    for e in &c.dossier.events {
        assert!(
            e.date.day.is_some(),
            "{}: a month-only date is listed at the start of the month",
            e.slug
        );
    }
    for slug in [
        "shoot-to-kill-order",
        "zhanaozen-protests",
        "csto-operation-ends",
        "belarusian-contingent-deployed",
        "protests-spread",
        "state-of-emergency",
        "tokayev-khabar-24-interview",
        "csto-deployment-decision",
    ] {
        let e = c.dossier.events.iter().find(|e| e.slug == slug).unwrap();
        assert!(
            e.date_uncertain,
            "{slug}: an inferred date must be marked uncertain"
        );
        assert!(
            e.date_note.is_some(),
            "{slug}: the basis of the date is noted"
        );
    }
}

// ---------------------------------------------------------------------------
// Findings of the second content audit that can be checked mechanically.

/// A content file (profile, event, page), by its path under `content/`.
fn content_file(rel: &str) -> String {
    fs::read_to_string(root().join("content").join(rel))
        .unwrap_or_else(|e| panic!("cannot read content/{rel}: {e}"))
}

/// The paragraph of a text that contains `needle` (exactly one must).
fn paragraph_with<'a>(text: &'a str, needle: &str) -> &'a str {
    let found: Vec<&str> = text.split("\n\n").filter(|p| p.contains(needle)).collect();
    assert_eq!(
        found.len(),
        1,
        "{} paragraphs contain {needle:?}",
        found.len()
    );
    found[0]
}

/// Articles that carry a `correction` annotation.
fn articles_with_a_correction() -> BTreeSet<String> {
    section("articles")
        .into_iter()
        .filter(|(_, text)| {
            front_matter(text)["annotations"]
                .as_sequence()
                .unwrap()
                .iter()
                .any(|a| a["kind"].as_str() == Some("correction"))
        })
        .map(|(slug, _)| slug)
        .collect()
}

/// Audit 2, A1–A3: the profiles and the about page name the right sources.
#[test]
fn audit2_profiles_name_the_right_sources() {
    // A1: seed 001 names Germany outright ("outrage in Germany and Europe").
    let about = content_file("pages/about.md");
    assert!(
        !about.contains("named only through their politicians"),
        "about.md: Germany is named outright in Der Spiegel"
    );
    // A2: the make-up of the force is EURACTIV against seed 003, not against
    // Der Spiegel's "foreign soldiers".
    let csto = content_file("actors/csto.md");
    let para = paragraph_with(&csto, "disagree on the composition");
    assert!(
        links_article(para, S002) && links_article(para, S003),
        "{para}"
    );
    // A3: a pointer to "the correction" links an article that has one.
    let with_correction = articles_with_a_correction();
    let texts = all_prose();
    for (name, text) in &texts {
        for (at, _) in text.match_indices("the correction") {
            let target = correction_pointer_target(text, at);
            assert!(
                target.as_ref().is_some_and(|t| with_correction.contains(t)),
                "{name}: \"the correction\" at byte {at} points to {target:?}, \
                 which has no correction annotation"
            );
        }
    }
}

/// The article that "the correction" at byte `at` of `text` points to: the
/// link or seed number right after it ("the correction on [seed 004](…)",
/// "on seed 004"), or else the last article linked before it ("see the
/// correction there").
fn correction_pointer_target(text: &str, at: usize) -> Option<String> {
    let slug_at = |s: &str| s.split(".md)").next().map(str::to_string);
    let after = text[at + "the correction".len()..].trim_start_matches([' ', '\n']);
    if after.starts_with("on [") {
        let link = after.split("](@/articles/").nth(1)?;
        return slug_at(link);
    }
    if let Some(n) = after.strip_prefix("on seed 00") {
        let by_seed = [S000, S001, S002, S003, S004];
        let digit = n.chars().next()?.to_digit(10)? as usize;
        return by_seed.get(digit).map(|s| s.to_string());
    }
    let before = &text[..at];
    let start = before.rfind("(@/articles/")? + "(@/articles/".len();
    slug_at(&before[start..])
}

/// Every profile, event page and note, as (name, text).
fn all_prose() -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = Vec::new();
    for dir in ["actors", "events", "pages"] {
        for (slug, text) in section(dir) {
            texts.push((format!("{dir}/{slug}"), text));
        }
    }
    texts.push(("index".into(), content_file("index.md")));
    for (slug, text) in section("articles") {
        for a in front_matter(&text)["annotations"].as_sequence().unwrap() {
            let quote = a["quote"].as_str().unwrap();
            texts.push((
                format!("{slug}: {quote}"),
                a["note"].as_str().unwrap().into(),
            ));
        }
    }
    texts
}

/// Audit 2, B1–B5: statements that rest on one source or on inference say so.
#[test]
fn audit2_attributions_and_inferences() {
    // B1: "ruler" has no country in Der Spiegel; that he leads Belarus is inferred.
    let lukashenko = content_file("actors/lukashenko.md");
    assert!(!lukashenko.contains("\"ruler\" of Belarus"), "{lukashenko}");
    let role = front_matter(&lukashenko)["role"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(role.contains("by inference"), "lukashenko role: {role}");
    let belarus = content_file("actors/belarus.md");
    assert!(
        paragraph_with(&belarus, "Lukashenko").contains("by inference"),
        "{belarus}"
    );
    // B2: only seeds 003 and 004 say Tokayev himself asked.
    for (name, text) in all_prose() {
        assert!(
            !text.contains("other seeds say the request came from Tokayev")
                && !text.contains("other seeds say Tokayev himself"),
            "{name}: seeds 000 and 002 do not say who asked"
        );
    }
    // B3: nothing in the seeds describes the BBC.
    let bbc = front_matter(&content_file("actors/bbc.md"))["role"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!bbc.contains("Broadcaster"), "bbc role: {bbc}");
    // B4: seed 003 does not say that those who returned were the 103rd Brigade.
    for file in [
        "actors/belarus.md",
        "actors/103rd-airborne-brigade.md",
        "events/belarusian-contingent-deployed.md",
        "events/belarusian-contingent-returns.md",
    ] {
        let text = content_file(file);
        let (_, body) = split_front_matter(&text);
        for para in body.split("\n\n") {
            if para.contains("103rd") && para.contains("belarusian-contingent-returns") {
                assert!(para.contains("does not"), "{file}: {para}");
            }
        }
    }
    // B5: the troops' task is the account of "the MoD".
    for (name, text) in all_prose() {
        for para in text.split("\n\n") {
            if para.contains("critical facilities") || para.contains("critical\nfacilities") {
                assert!(
                    para.contains("MoD"),
                    "{name}: the task is the MoD's account:\n{para}"
                );
            }
        }
    }
}

/// Audit 2, C1–C4: dates are given no more certainty than the seeds allow.
#[test]
fn audit2_dates_no_more_certain_than_the_seeds() {
    // Any inference beyond the year of an explicit calendar date (about.md's
    // rule for undated texts) makes a date uncertain. C3: the European
    // reactions follow an order that is itself dated by inference.
    let year_only = "the year is inferred from the other seeds";
    for (slug, text) in section("events") {
        let fm = front_matter(&text);
        let note = fm
            .get("date_note")
            .and_then(|n| n.as_str())
            .unwrap_or("")
            .replace(year_only, "");
        if note.contains("infer") {
            assert_eq!(
                fm.get("date_uncertain").and_then(|u| u.as_bool()),
                Some(true),
                "{slug}: a date that rests on inference is marked uncertain"
            );
        }
    }
    let reactions = front_matter(&content_file(
        "events/shoot-to-kill-order-european-reactions.md",
    ));
    assert_eq!(reactions["date_uncertain"].as_bool(), Some(true));
    // C1: the span does not claim to rule out the 6-to-7 January reading.
    let decision = content_file("events/csto-deployment-decision.md");
    let note = front_matter(&decision)["date_note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!note.contains("leaves that reading out"), "{note}");
    assert!(note.contains("6 to 7 January") && note.contains("inference"));
    // C2: seed 004's "January 5" is tied to the cabinet only by inference,
    // and the body does not treat it as settled.
    let resigns = content_file("events/government-resigns.md");
    let note = front_matter(&resigns)["date_note"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        note.contains("is an") && note.contains("inference"),
        "{note}"
    );
    assert!(!split_front_matter(&resigns).1.contains("The same day"));
    // C4: the day of the address is where the accounts converge, not a fact.
    let euractiv = front_matter(&section("articles")[S002]);
    let note = euractiv["date_note"].as_str().unwrap();
    assert!(!note.contains("the address was on"), "{note}");
}

/// Audit 2, E1–E2: the actors the about page singles out are tagged, so their
/// pages list the notes and events they are party to.
#[test]
fn audit2_actors_are_tagged() {
    let mut tagged: BTreeMap<String, usize> = BTreeMap::new();
    for (_, text) in section("articles") {
        for a in front_matter(&text)["annotations"].as_sequence().unwrap() {
            for actor in strings(&a["actors"]) {
                *tagged.entry(actor).or_default() += 1;
            }
        }
    }
    let mut event_actors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (slug, text) in section("events") {
        let actors = strings(&front_matter(&text)["actors"]);
        for actor in &actors {
            *tagged.entry(actor.clone()).or_default() += 1;
        }
        event_actors.insert(slug, actors);
    }
    // Every actor page lists at least one note or event.
    for slug in section("actors").keys() {
        assert!(
            tagged.get(slug).copied().unwrap_or(0) >= 1,
            "actor {slug} is tagged by no annotation and no event"
        );
    }
    // E1: the Telegram channel, not the organisation, is the source of the report.
    let a = annotation(S003, "Telegram channel ОДКБ-CSTO reports", None);
    assert!(
        a.actors.iter().any(|x| x == "odkb-csto-telegram"),
        "{:?}",
        a.actors
    );
    assert!(!a.actors.iter().any(|x| x == "csto"), "{:?}", a.actors);
    assert!(event_actors["csto-operation-ends"]
        .iter()
        .any(|x| x == "odkb-csto-telegram"));
    // E2: the passages on the Kazakh forces are tagged with them.
    let forces = "kazakh-security-forces";
    for (article, quote) in [
        (S001, "at the request of Tokayev's military"),
        (S001, "has ordered his security forces"),
        (S000, "Kazakh law enforcement agencies did not use weapons"),
        (
            S000,
            "law enforcement officials refused to take the initiative",
        ),
        (S002, "dozens of protestors had been killed"),
        (S003, "A day later, Tokayev gave a shoot-to-kill order"),
        (S003, "on the back of the appeal of Kazakh President"),
        (
            S004,
            "Kazakh security forces began an anti-terrorist operation.",
        ),
        (S004, "asked for help from the CSTO"),
    ] {
        let a = annotation(article, quote, None);
        assert!(
            a.actors.iter().any(|x| x == forces),
            "{article}: {quote:?} is not tagged {forces}"
        );
    }
    for event in ["shoot-to-kill-order", "csto-deployment-decision"] {
        assert!(
            event_actors[event].iter().any(|x| x == forces),
            "{event} is not tagged {forces}"
        );
    }
}

/// `text` without its quoted spans ("…", “…”, and '…' where the quote marks are
/// not apostrophes), so that what remains is the dossier's own voice.
fn own_voice(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut closing: Option<char> = None;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        match closing {
            Some(end) if c == end && (end != '\'' || !word(after)) => closing = None,
            Some(_) => {}
            None if c == '"' => closing = Some('"'),
            None if c == '“' => closing = Some('”'),
            None if c == '\'' && !word(before) && !matches!(before, Some(')' | ']')) => {
                closing = Some('\'')
            }
            None => out.push(c),
        }
    }
    out
}

/// Audit 2, F1: "riots" is the sources' word; the dossier says "unrest" or
/// quotes it. Audit 3, finding 13: the same for "shoot-to-kill order".
#[test]
fn audit2_riots_only_in_quotations() {
    let mut texts = all_prose();
    for (slug, text) in section("articles") {
        let fm = front_matter(&text);
        for key in ["date_note", "summary"] {
            if let Some(v) = fm.get(key).and_then(|v| v.as_str()) {
                texts.push((format!("{slug}: {key}"), v.to_string()));
            }
        }
    }
    for (name, text) in texts {
        let own = own_voice(&text).to_lowercase();
        assert!(
            !own.contains("riot"),
            "{name}: \"riots\" in the dossier's own voice"
        );
        // Audit 3, finding 13: so is seed 003's "shoot-to-kill order".
        assert!(
            !own.contains("shoot-to-kill order"),
            "{name}: \"shoot-to-kill order\" in the dossier's own voice"
        );
    }
}

/// `dossier check --deny-warnings` passes: nothing an editor's warning
/// would catch is left in the dossier, and nothing is silenced in
/// `book.toml` without a reason.
#[test]
fn the_dossier_has_no_editorial_warnings() {
    let checked = dossier::check(&root()).unwrap_or_else(|d| panic!("{}", d.render(false)));
    assert!(
        checked.warnings.is_empty(),
        "{}",
        checked.warnings.render(false)
    );
}
