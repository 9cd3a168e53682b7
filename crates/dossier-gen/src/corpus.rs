//! A synthetic dossier at newsroom scale, deterministic from a seed.
//!
//! Articles are generated together with their seeds: every body paragraph is
//! the seed's paragraph, with a few words emphasised and the lines wrapped,
//! so the provenance check passes. Actors have three to five aliases made of
//! syllables (some accented, some in Cyrillic); events have dates (some
//! partial) and aliases; bodies, profiles, event descriptions and notes
//! mention them by name and alias. Annotations quote unique, non-overlapping
//! spans of the body, some of them across emphasis or mentions.
//!
//! Standard library (and this crate's note ids) only, so that benches can
//! include this file as well.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub(crate) struct Params {
    pub articles: usize,
    pub actors: usize,
    pub events: usize,
    pub seed: u64,
    /// Only the first `mentioned` actors are ever named in texts (all when
    /// `None`): the others only add names and aliases to match against.
    pub mentioned: Option<usize>,
}

/// splitmix64: small, fast, good enough, and the same on every platform.
#[derive(Debug, Clone)]
pub(crate) struct Rng(u64);

impl Rng {
    /// An independent stream per purpose, so that (for example) the article
    /// texts do not change when the number of actors does.
    pub(crate) fn new(seed: u64, stream: &str) -> Rng {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for b in stream.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub(crate) fn pick<'a, T>(&mut self, s: &'a [T]) -> &'a T {
        &s[self.below(s.len())]
    }
    /// Skewed towards small indices, density ∝ 1/(i + c): a few actors are
    /// in many articles, most in a few.
    pub(crate) fn skewed(&mut self, n: usize, c: f64) -> usize {
        let u = self.unit();
        let x = c * ((n as f64 + c) / c).powf(u) - c;
        (x as usize).min(n.saturating_sub(1))
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

const SYL: &[&str] = &[
    "ka", "ren", "vo", "lin", "dar", "mir", "sa", "tol", "ber", "ul", "na", "zhan", "os", "te",
    "vik", "mar", "ga", "rud", "el", "so", "pra", "ni", "an", "dre", "li", "ma", "sto", "bo",
    "rik", "ya", "shen", "ta", "lo", "gor", "min", "da", "vel", "ir", "ko", "sem", "tu", "bar",
    "ne", "fi", "ras", "ol", "kin", "va", "dim", "zor", "pe", "lu", "ard", "mo", "chi", "sun",
];
const SURNAME_END: &[&str] = &[
    "ov", "ev", "enko", "ski", "son", "escu", "ić", "ová", "berg", "ani", "ez", "yan", "uly", "ek",
    "ar", "ian", "off", "ovich",
];
const TITLES: &[(&str, &str)] = &[
    ("President", "President of"),
    ("Minister", "Interior minister of"),
    ("General", "Army commander in"),
    ("Senator", "Senator for"),
    ("Governor", "Governor of"),
    ("Mayor", "Mayor of"),
    ("Judge", "Judge in"),
    ("Ambassador", "Ambassador to"),
    ("Colonel", "Police chief of"),
    ("Chairman", "Party chairman in"),
    ("Prosecutor", "Prosecutor general of"),
    ("Spokesman", "Government spokesman in"),
];
const ORG_TYPES: &[(&str, &str)] = &[
    ("Energy Company", "State energy company"),
    ("Workers' Union", "Trade union"),
    ("National Bank", "Central bank"),
    ("Security Service", "Intelligence agency"),
    ("Broadcasting Corporation", "Public broadcaster"),
    ("People's Party", "Political party"),
    ("Press Agency", "News agency"),
    ("Mining Group", "Mining conglomerate"),
    ("Rail Authority", "Railway operator"),
    ("Human Rights Centre", "Non-governmental organisation"),
    ("Defence Ministry", "Ministry"),
    ("Border Guard", "Border force"),
    ("Supreme Court", "Court"),
    ("Electoral Commission", "Election authority"),
    ("Tribune", "Newspaper"),
    ("Red Crescent", "Humanitarian organisation"),
];
const COUNTRY_END: &[&str] = &["ia", "stan", "land", "ovia", "ara", "enia"];
const EVENT_TYPES: &[(&str, &str)] = &[
    ("Protests in", "protests"),
    ("Strike in", "strike"),
    ("Summit in", "summit"),
    ("Crackdown in", "crackdown"),
    ("Ceasefire talks in", "talks"),
    ("Blackout in", "blackout"),
    ("Mass arrests in", "arrests"),
    ("Snap election in", "election"),
    ("Depot explosion in", "explosion"),
    ("Evacuation of", "evacuation"),
    ("Airport seizure in", "airport seizure"),
    ("Curfew in", "curfew"),
];
const OUTLET_END: &[&str] = &[
    "Herald", "Times", "Post", "Courier", "Radio", "Daily", "Observer", "Monitor", "Gazette",
    "News", "Review", "Today",
];
const AGENCIES: &[&str] = &["Reuters", "AFP", "AP", "dpa", "EFE", "ANSA"];
const NOUNS: &[&str] = &[
    "government",
    "protest",
    "curfew",
    "deployment",
    "ceasefire",
    "investigation",
    "statement",
    "agreement",
    "convoy",
    "airport",
    "parliament",
    "blockade",
    "referendum",
    "pipeline",
    "tariff",
    "strike",
    "inquiry",
    "decree",
    "mission",
    "border",
    "checkpoint",
    "budget",
    "reform",
    "census",
];
const PNOUNS: &[&str] = &[
    "protesters",
    "troops",
    "officials",
    "journalists",
    "workers",
    "residents",
    "detainees",
    "police officers",
    "observers",
    "diplomats",
    "students",
    "volunteers",
];
const ADJS: &[&str] = &[
    "unprecedented",
    "violent",
    "peaceful",
    "temporary",
    "emergency",
    "disputed",
    "official",
    "partial",
    "sudden",
    "coordinated",
    "foreign",
    "provisional",
    "secret",
    "nationwide",
];
const VERBS: &[&str] = &[
    "condemned",
    "welcomed",
    "postponed",
    "approved",
    "rejected",
    "announced",
    "suspended",
    "extended",
    "denied",
    "confirmed",
    "criticised",
    "defended",
];
const PVERBS: &[&str] = &[
    "detained",
    "injured",
    "evacuated",
    "deployed",
    "released",
    "arrested",
    "relocated",
    "questioned",
    "sentenced",
    "dismissed",
];
const INFS: &[&str] = &[
    "end",
    "delay",
    "expand",
    "review",
    "investigate",
    "support",
    "block",
    "lift",
    "replace",
];
const KINDS: &[&str] = &[
    "contradiction",
    "correction",
    "context",
    "claim",
    "figure",
    "source",
];

/// Sentence templates. Slots: {A} {A2} actors of the article, {E} one of its
/// events, {P} a place, {N} {N2} nouns, {PN} plural nouns, {ADJ}, {V} past
/// verb, {PV} participle, {VI} infinitive, {NUM}, {DAY}, {PUB} a publisher,
/// {Q} a short quotation in typographic quotes.
const SENTENCES: &[&str] = &[
    "{A} said on {DAY} that the {N} would {VI} the {N2}.",
    "According to {A}, {NUM} {PN} were {PV} in {P}.",
    "{A} {V} the {ADJ} {N} after {E}.",
    "{A} and {A2} met in {P} to discuss {E}.",
    "Officials in {P} declined to comment on the {N}.",
    "On {DAY}, {NUM} {PN} gathered outside the {N} office in {P}.",
    "{A} described {E} as {Q}.",
    "The {N} was {V} by {A} late on {DAY}, the {PUB} reported.",
    "In a statement, {A} called for a {ADJ} {N} and the release of all {PN}.",
    "{A} told reporters that {A2} had {V} the {N}.",
    "It was not immediately clear how many {PN} had been {PV} during {E}.",
    "Witnesses in {P} said {PN} had been {PV} before dawn.",
    "The {ADJ} {N} is expected to last until {DAY}, {A} said.",
    "Critics accused {A} of using {E} to justify a {ADJ} {N}.",
    "{A} later {V} the claim, calling it {Q}.",
    "Footage shared online showed {PN} near the {N} in {P}.",
    "{A} has not commented publicly on the {N}.",
    "The figures could not be independently verified.",
    "Analysts said the {N} reflected tension between {A} and {A2}.",
    "A spokesperson for {A} said the {N} would remain in place.",
    "The {PUB} could not reach {A} for comment.",
    "Residents of {P} reported {ADJ} shortages of fuel and bread.",
    "The {N} came days after {E}, in which {NUM} {PN} were {PV}.",
    "{A} accused {A2} of trying to {VI} the {N}.",
    "During {E}, {A} remained in {P}.",
    "Internet access in {P} was restricted for {NUM} hours.",
];
const SUBHEADS: &[&str] = &[
    "Reaction in {P}",
    "What happened in {P}",
    "International response",
    "Casualties",
    "Background",
    "What comes next",
];
const HEADLINES: &[&str] = &[
    "{A} {V} {ADJ} {N} as {PN} gather in {P}",
    "{NUM} {PN} {PV} in {P}, {A} says",
    "{A} and {A2} clash over {N}",
    "{P}: {PN} defy {N} after {DAY} violence",
    "{A} promises {ADJ} {N} in {P}",
];
const NOTES: &[&str] = &[
    "{A} disputes this figure; compare [the {PUB} report]({ART}).",
    "No other source confirms the {N}; {A} has not commented.",
    "The date is uncertain: [another account]({ART}) places it a day later.",
    "{A} gave a *different* account of {E}.",
    "The figure comes from {A} and could not be verified.",
    "{A} and {A2} both claimed credit for the {N}.",
];

pub(crate) struct Actor {
    pub slug: String,
    pub name: String,
    pub kind: &'static str,
    pub role: String,
    pub aliases: Vec<String>,
    pub profile: String,
}

pub(crate) struct Event {
    pub slug: String,
    pub title: String,
    pub date: String,
    pub end: Option<String>,
    pub date_note: Option<String>,
    pub uncertain: bool,
    pub actors: Vec<usize>,
    pub aliases: Vec<String>,
    pub description: String,
}

pub(crate) struct Annotation {
    pub quote: String,
    pub kind: &'static str,
    pub note: String,
    pub actors: Vec<usize>,
    pub events: Vec<usize>,
}

pub(crate) struct Article {
    pub slug: String,
    pub title: String,
    pub publisher: String,
    pub url: Option<String>,
    pub via: Option<String>,
    pub published: Option<String>,
    pub date_note: Option<String>,
    pub seed_file: String,
    pub summary: String,
    /// The Markdown body (emphasis, wrapped lines, headings).
    pub body: String,
    /// The verbatim seed text.
    pub seed: String,
    pub annotations: Vec<Annotation>,
    /// Actors and events named in the body or tagged on a note.
    pub actors: BTreeSet<usize>,
    pub events: BTreeSet<usize>,
}

pub(crate) struct Corpus {
    pub params: Params,
    pub actors: Vec<Actor>,
    pub events: Vec<Event>,
    pub articles: Vec<Article>,
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

fn syllables(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    (0..n).map(|_| *rng.pick(SYL)).collect()
}

/// One letter accented (never the first): Unicode names.
fn accent(rng: &mut Rng, s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let spots: Vec<usize> = (1..chars.len())
        .filter(|&i| "aeoucsz".contains(chars[i]))
        .collect();
    if spots.is_empty() {
        return s.to_string();
    }
    let i = *rng.pick(&spots);
    let options: &[char] = match chars[i] {
        'a' => &['á', 'ä', 'å'],
        'e' => &['é', 'ë', 'ė'],
        'o' => &['ö', 'ø', 'ó'],
        'u' => &['ü', 'ú'],
        'c' => &['č', 'ć'],
        's' => &['š', 'ş'],
        _ => &['ž'],
    };
    let mut out = chars.clone();
    out[i] = *rng.pick(options);
    out.into_iter().collect()
}

/// Latin syllables to Cyrillic, for aliases as other outlets write them.
fn cyrillic(s: &str) -> Option<String> {
    const DI: &[(&str, &str)] = &[
        ("zh", "ж"),
        ("sh", "ш"),
        ("ch", "ч"),
        ("ya", "я"),
        ("kh", "х"),
        ("ts", "ц"),
    ];
    const MONO: &[(char, char)] = &[
        ('a', 'а'),
        ('b', 'б'),
        ('v', 'в'),
        ('g', 'г'),
        ('d', 'д'),
        ('e', 'е'),
        ('z', 'з'),
        ('i', 'и'),
        ('y', 'ы'),
        ('k', 'к'),
        ('l', 'л'),
        ('m', 'м'),
        ('n', 'н'),
        ('o', 'о'),
        ('p', 'п'),
        ('r', 'р'),
        ('s', 'с'),
        ('t', 'т'),
        ('u', 'у'),
        ('f', 'ф'),
        ('c', 'к'),
        ('h', 'х'),
    ];
    let lower = s.to_lowercase();
    if !lower.is_ascii() {
        return None;
    }
    let mut out = String::new();
    let mut rest = lower.as_str();
    'outer: while !rest.is_empty() {
        for (l, c) in DI {
            if let Some(r) = rest.strip_prefix(l) {
                out.push_str(c);
                rest = r;
                continue 'outer;
            }
        }
        let ch = rest.chars().next()?;
        let c = MONO.iter().find(|(l, _)| *l == ch).map(|(_, c)| *c)?;
        out.push(c);
        rest = &rest[ch.len_utf8()..];
    }
    Some(cap(&out))
}

/// An ASCII slug: accents dropped, anything else a hyphen.
pub(crate) fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'ä' | 'å' => 'a',
            'é' | 'ë' | 'ė' => 'e',
            'ö' | 'ø' | 'ó' => 'o',
            'ü' | 'ú' => 'u',
            'č' | 'ć' => 'c',
            'š' | 'ş' => 's',
            'ž' => 'z',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Phrases already used: a name or alias stands for one item only, and no
/// generated proper noun may be another's alias by accident.
#[derive(Default)]
struct Claims {
    phrases: HashSet<String>,
    slugs: HashSet<String>,
}

impl Claims {
    fn claim(&mut self, p: &str) -> bool {
        self.phrases.insert(p.to_string())
    }
    fn slug(&mut self, base: &str) -> String {
        let mut s = base.to_string();
        let mut n = 1;
        while !self.slugs.insert(s.clone()) {
            n += 1;
            s = format!("{base}-{n}");
        }
        s
    }
    /// A fresh capitalised word of syllables.
    fn word(&mut self, rng: &mut Rng, lo: usize, hi: usize) -> String {
        loop {
            let w = cap(&syllables(rng, lo, hi));
            if w.len() >= 4 && self.claim(&w) {
                return w;
            }
        }
    }
}

fn date(month: usize, day: usize) -> String {
    format!("2022-{month:02}-{day:02}")
}

fn person(rng: &mut Rng, claims: &mut Claims, places: &[String]) -> Actor {
    let (name, first, sur) = loop {
        let mut first = cap(&syllables(rng, 2, 2));
        let mut sur = cap(&format!(
            "{}{}",
            syllables(rng, 1, 2),
            rng.pick(SURNAME_END)
        ));
        if rng.chance(0.15) {
            sur = accent(rng, &sur);
        } else if rng.chance(0.08) {
            first = accent(rng, &first);
        }
        let name = format!("{first} {sur}");
        if sur.chars().count() >= 4 && !claims.phrases.contains(&sur) && claims.claim(&name) {
            break (name, first, sur);
        }
    };
    let (title, role) = *rng.pick(TITLES);
    let role = format!("{role} {}", rng.pick(places));
    let initial = first.chars().next().unwrap_or('X');
    let mut candidates = vec![
        sur.clone(),
        format!("{initial}. {sur}"),
        format!("{title} {sur}"),
        format!(
            "{first} {}. {sur}",
            cap(rng.pick::<&str>(SYL)).chars().next().unwrap_or('K')
        ),
    ];
    let variant = sur
        .replace("ov", "off")
        .replace("zh", "j")
        .replace('y', "i");
    if variant != sur {
        candidates.push(format!("{first} {variant}"));
    }
    if rng.chance(0.3) {
        if let Some(c) = cyrillic(&sur) {
            candidates.push(c);
        }
    }
    // The bare surname first: it is how articles name people after the first time.
    rng.shuffle(&mut candidates[1..]);
    let want = rng.range(3, 5);
    let aliases: Vec<String> = candidates
        .into_iter()
        .filter(|c| claims.claim(c))
        .take(want)
        .collect();
    Actor {
        slug: claims.slug(&slugify(&name)),
        name,
        kind: "person",
        role,
        aliases,
        profile: String::new(),
    }
}

fn organisation(rng: &mut Rng, claims: &mut Claims, places: &[String]) -> Actor {
    let (name, base, ty, desc) = loop {
        let base = cap(&syllables(rng, 2, 3));
        let (ty, desc) = *rng.pick(ORG_TYPES);
        let name = format!("{base} {ty}");
        if !claims.phrases.contains(&base) && claims.claim(&name) {
            break (name, base, ty, desc);
        }
    };
    let acronym: String = name
        .split(' ')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    let first_word = ty.split(' ').next().unwrap_or(ty);
    let last_word = ty.rsplit(' ').next().unwrap_or(ty);
    let mut candidates = vec![
        acronym,
        format!("{base} {first_word}"),
        format!("{base} {last_word}"),
        format!("{} {ty}", accent(rng, &base)),
        format!("the {ty} of {base}"),
    ];
    rng.shuffle(&mut candidates);
    let want = rng.range(3, 5);
    let aliases: Vec<String> = candidates
        .into_iter()
        .filter(|c| c.chars().count() >= 2 && claims.claim(c))
        .take(want)
        .collect();
    Actor {
        slug: claims.slug(&slugify(&name)),
        name,
        kind: "organisation",
        role: format!("{desc}, {}", rng.pick(places)),
        aliases,
        profile: String::new(),
    }
}

fn state(rng: &mut Rng, claims: &mut Claims) -> Actor {
    let (name, country, base) = loop {
        let base = cap(&syllables(rng, 2, 2));
        let country = format!("{base}{}", rng.pick(COUNTRY_END));
        let name = format!("Republic of {country}");
        if !claims.phrases.contains(&country) && claims.claim(&name) {
            break (name, country, base);
        }
    };
    let mut candidates = vec![
        country.clone(),
        format!("{base}ian Government"),
        format!("Government of {country}"),
        accent(rng, &country),
        format!("{base}ian authorities"),
    ];
    rng.shuffle(&mut candidates[1..]);
    let want = rng.range(3, 5);
    let aliases: Vec<String> = candidates
        .into_iter()
        .filter(|c| claims.claim(c))
        .take(want)
        .collect();
    Actor {
        slug: claims.slug(&slugify(&name)),
        name,
        kind: "state",
        role: "State".into(),
        aliases,
        profile: String::new(),
    }
}

/// The things a text may name, all generated before any text is: actors,
/// events, places and publishers.
#[derive(Clone, Copy)]
struct Lexicon<'c> {
    actors: &'c [Actor],
    events: &'c [Event],
    places: &'c [String],
    publishers: &'c [String],
}

/// Fills one template; returns (Markdown, plain text).
struct Filler<'c> {
    lex: Lexicon<'c>,
    /// The article's actors (indices), the first the protagonist.
    cast: Vec<usize>,
    events_of: Vec<usize>,
    named: HashSet<usize>,
    used_actors: BTreeSet<usize>,
    used_events: BTreeSet<usize>,
    /// Slot values may be emphasised in the Markdown.
    emphasis: bool,
}

impl<'c> Filler<'c> {
    /// A filler for a text about `cast` and `events_of`, nothing named yet.
    fn new(lex: Lexicon<'c>, cast: Vec<usize>, events_of: Vec<usize>, emphasis: bool) -> Self {
        Filler {
            lex,
            cast,
            events_of,
            named: HashSet::new(),
            used_actors: BTreeSet::new(),
            used_events: BTreeSet::new(),
            emphasis,
        }
    }

    fn actor_ref(&mut self, rng: &mut Rng, i: usize) -> String {
        let a = &self.lex.actors[i];
        self.used_actors.insert(i);
        let first = self.named.insert(i);
        if a.aliases.is_empty() || (first && rng.chance(0.8)) || rng.chance(0.3) {
            a.name.clone()
        } else {
            rng.pick(&a.aliases).clone()
        }
    }

    fn pick_actor(&self, rng: &mut Rng, not: Option<usize>) -> usize {
        loop {
            let i = if rng.chance(0.4) {
                self.cast[0]
            } else {
                *rng.pick(&self.cast)
            };
            if Some(i) != not || self.cast.len() == 1 {
                return i;
            }
        }
    }

    fn event_ref(&mut self, rng: &mut Rng) -> Option<String> {
        if self.events_of.is_empty() {
            return None;
        }
        let i = *rng.pick(&self.events_of);
        let e = &self.lex.events[i];
        if e.aliases.is_empty() {
            return None;
        }
        self.used_events.insert(i);
        Some(rng.pick(&e.aliases).clone())
    }

    fn fill(&mut self, rng: &mut Rng, template: &str, link: Option<&str>) -> (String, String) {
        let mut md = String::new();
        let mut plain = String::new();
        let mut rest = template;
        let mut a1: Option<usize> = None;
        while let Some(open) = rest.find('{') {
            md.push_str(&rest[..open]);
            plain.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("closed slot");
            let key = &rest[open + 1..close];
            rest = &rest[close + 1..];
            let mut emph = false;
            let value = match key {
                "A" => {
                    let i = self.pick_actor(rng, None);
                    a1 = Some(i);
                    self.actor_ref(rng, i)
                }
                "A2" => {
                    let i = self.pick_actor(rng, a1);
                    self.actor_ref(rng, i)
                }
                "E" => self
                    .event_ref(rng)
                    .unwrap_or_else(|| format!("the {}", rng.pick(NOUNS))),
                "P" => rng.pick(self.lex.places).clone(),
                "N" | "N2" => {
                    emph = true;
                    rng.pick(NOUNS).to_string()
                }
                "PN" => rng.pick(PNOUNS).to_string(),
                "ADJ" => {
                    emph = true;
                    rng.pick(ADJS).to_string()
                }
                "V" => rng.pick(VERBS).to_string(),
                "PV" => rng.pick(PVERBS).to_string(),
                "VI" => rng.pick(INFS).to_string(),
                "NUM" => match rng.below(3) {
                    0 => rng.range(2, 99).to_string(),
                    1 => format!("{},{:03}", rng.range(1, 9), rng.below(1000)),
                    _ => (rng.range(1, 9) * 100).to_string(),
                },
                "DAY" => rng.pick(&dossier::model::date::WEEKDAYS).to_string(),
                "PUB" => rng.pick(self.lex.publishers).clone(),
                "Q" => format!("“{} {}”", rng.pick(ADJS), rng.pick(NOUNS)),
                "ART" => link.unwrap_or("#").to_string(),
                other => other.to_string(),
            };
            if emph && self.emphasis && rng.chance(0.1) {
                let _ = write!(md, "*{value}*");
            } else {
                md.push_str(&value);
            }
            plain.push_str(&value);
        }
        md.push_str(rest);
        plain.push_str(rest);
        (md, plain)
    }
}

/// Reflows a paragraph at about 78 columns (never inside a word).
fn wrap(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 70);
    let mut col = 0;
    for word in text.split(' ') {
        let w = word.chars().count();
        if col > 0 && col + 1 + w > 78 {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += w;
    }
    out
}

/// The `id:` each annotation of `a` needs: none, unless its quote begins
/// with the words of an earlier one, which would give both the same id
/// (`ids` collects the ids taken).
fn note_ids(a: &Article, ids: &mut HashSet<String>) -> Vec<Option<String>> {
    let mut out = Vec::with_capacity(a.annotations.len());
    for n in &a.annotations {
        let derived = dossier::model::NoteId::derive(&n.quote, None).to_string();
        if ids.insert(derived.clone()) {
            out.push(None);
            continue;
        }
        let named = (2..)
            .map(|k| format!("{derived}-{k}"))
            .find(|id| ids.insert(id.clone()));
        out.push(named);
    }
    out
}

fn yaml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    format!("[{}]", v.join(", "))
}

/// Places and publishers: the proper nouns that are neither actors nor
/// events, claimed first so that no later name can be one of them.
fn places_and_publishers(seed: u64, claims: &mut Claims) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng::new(seed, "places");
    let places: Vec<String> = (0..120).map(|_| claims.word(&mut rng, 2, 3)).collect();
    let publishers: Vec<String> = (0..60)
        .map(|_| {
            let w = claims.word(&mut rng, 2, 2);
            let p = format!("{w} {}", rng.pick(OUTLET_END));
            claims.claim(&p);
            p
        })
        .collect();
    (places, publishers)
}

/// Actors: a mix of people, organisations and states (profiles come last,
/// once there are articles to mention).
fn generate_actors(params: &Params, claims: &mut Claims, places: &[String]) -> Vec<Actor> {
    let mut rng = Rng::new(params.seed, "actors");
    (0..params.actors)
        .map(|_| match rng.below(10) {
            0..=5 => person(&mut rng, claims, places),
            6..=8 => organisation(&mut rng, claims, places),
            _ => state(&mut rng, claims),
        })
        .collect()
}

/// `n` distinct indices below `len` (`n` ≤ `len`), skewed towards small
/// ones like `Rng::skewed`: the few prominent actors or events come up
/// often.
fn distinct_skewed(rng: &mut Rng, n: usize, len: usize, c: f64) -> Vec<usize> {
    let mut picked = Vec::with_capacity(n);
    while picked.len() < n {
        let i = rng.skewed(len, c);
        if !picked.contains(&i) {
            picked.push(i);
        }
    }
    picked
}

/// Events: dates over 2022, some partial, some spans; each involves a few
/// of the first `pool` actors (those texts may name).
fn generate_events(
    params: &Params,
    pool: usize,
    claims: &mut Claims,
    places: &[String],
) -> Vec<Event> {
    let mut rng = Rng::new(params.seed, "events");
    let mut titles = HashSet::new();
    let mut events: Vec<Event> = Vec::with_capacity(params.events);
    while events.len() < params.events {
        let (title, place, noun) = event_title(&mut rng, places, &mut titles, events.len());
        let (date, end, date_note) = event_dates(&mut rng);
        let uncertain = rng.chance(0.05);
        let n_actors = rng.range(2, 4).min(pool);
        let actors = distinct_skewed(&mut rng, n_actors, pool, 20.0);
        let aliases = event_aliases(&mut rng, claims, &place, noun);
        let slug = claims.slug(&slugify(&title));
        events.push(Event {
            slug,
            title,
            date,
            end,
            date_note,
            uncertain,
            actors,
            aliases,
            description: String::new(),
        });
    }
    events
}

/// A title `"<type> <place>"` not in `titles` yet, with its place and the
/// type's noun (for the alias). `n` is the number of events so far.
fn event_title(
    rng: &mut Rng,
    places: &[String],
    titles: &mut HashSet<String>,
    n: usize,
) -> (String, String, &'static str) {
    loop {
        let (prefix, noun) = *rng.pick(EVENT_TYPES);
        let place = rng.pick(places).clone();
        let title = format!("{prefix} {place}");
        if titles.insert(title.clone()) {
            return (title, place, noun);
        }
        // Every type in every place is taken: number the rest.
        if titles.len() >= EVENT_TYPES.len() * places.len() {
            titles.insert(format!("{title} ({n})"));
            return (title, place, noun);
        }
    }
}

/// When an event happened: (date, last day of a span, note on a partial
/// date). Most are single days; some give only the year or the month.
fn event_dates(rng: &mut Rng) -> (String, Option<String>, Option<String>) {
    let month = 1 + rng.skewed(12, 2.0);
    let day = rng.range(1, 28);
    match rng.below(20) {
        0 => (
            "2022".to_string(),
            None,
            Some("only the year is reported".to_string()),
        ),
        1..=3 => (
            format!("2022-{month:02}"),
            None,
            Some(format!(
                "sometime in {} 2022",
                dossier::model::date::month_name(month as u8)
            )),
        ),
        4..=7 => {
            let last = (day + rng.range(1, 9)).min(28);
            (
                date(month, day),
                (last > day).then(|| date(month, last)),
                None,
            )
        }
        _ => (date(month, day), None, None),
    }
}

/// `"the <place> <noun>"`, and sometimes an operation's code name; each only
/// if no other item has it already.
fn event_aliases(rng: &mut Rng, claims: &mut Claims, place: &str, noun: &str) -> Vec<String> {
    let mut aliases = Vec::new();
    let alias = format!("the {place} {noun}");
    if claims.claim(&alias) {
        aliases.push(alias);
    }
    if rng.chance(0.4) {
        let op = format!("Operation {}", claims.word(rng, 2, 3));
        if claims.claim(&op) {
            aliases.push(op);
        }
    }
    aliases
}

/// Whom and what one article is about: indices of actors (the first the
/// protagonist) and of events.
struct Cast {
    actors: Vec<usize>,
    events: Vec<usize>,
}

/// Article slugs and titles first, so notes can link to any article: the
/// articles without their texts, and the cast of each.
fn article_heads(
    params: &Params,
    pool: usize,
    claims: &mut Claims,
    lex: Lexicon,
) -> (Vec<Article>, Vec<Cast>) {
    let mut rng = Rng::new(params.seed, "articles");
    let mut articles: Vec<Article> = Vec::with_capacity(params.articles);
    let mut casts: Vec<Cast> = Vec::with_capacity(params.articles);
    for i in 0..params.articles {
        let cast = choose_cast(&mut rng, pool, lex.events.len());
        articles.push(article_head(&mut rng, claims, lex, &cast, i));
        casts.push(cast);
    }
    (articles, casts)
}

/// Three to eight of the first `pool` actors and one to three of
/// `n_events` events, prominent ones more often.
fn choose_cast(rng: &mut Rng, pool: usize, n_events: usize) -> Cast {
    let n_actors = rng.range(3, 8).min(pool);
    let actors = distinct_skewed(rng, n_actors, pool, 20.0);
    let mut events = Vec::new();
    if n_events > 0 {
        let n = rng.range(1, 3).min(n_events);
        events = distinct_skewed(rng, n, n_events, 10.0);
    }
    Cast { actors, events }
}

/// The `i`-th article's front matter (title, slug, source, date, seed
/// file name) with empty texts.
fn article_head(
    rng: &mut Rng,
    claims: &mut Claims,
    lex: Lexicon,
    cast: &Cast,
    i: usize,
) -> Article {
    let mut f = Filler::new(lex, cast.actors.clone(), cast.events.clone(), false);
    let headline = *rng.pick(HEADLINES);
    let (_, title) = f.fill(rng, headline, None);
    let title = cap(&title);
    // Numbered, so that equal headlines still give distinct, stable slugs.
    let slug = claims.slug(&format!(
        "{}-{}",
        slugify(&title)
            .chars()
            .take(60)
            .collect::<String>()
            .trim_end_matches('-'),
        i + 1
    ));
    let (published, date_note) = publication_date(rng);
    let publisher = rng.pick(lex.publishers).clone();
    Article {
        url: rng
            .chance(0.6)
            .then(|| format!("https://news.example/{}/{slug}", slugify(&publisher))),
        via: rng.chance(0.3).then(|| rng.pick(AGENCIES).to_string()),
        seed_file: format!("{:05}_{:016x}.txt", i, rng.next_u64()),
        slug,
        title,
        publisher,
        published,
        date_note,
        summary: String::new(),
        body: String::new(),
        seed: String::new(),
        annotations: Vec::new(),
        actors: BTreeSet::new(),
        events: BTreeSet::new(),
    }
}

/// When an article appeared — a day, a month only, or undated — and the
/// note that says what is missing.
fn publication_date(rng: &mut Rng) -> (Option<String>, Option<String>) {
    let published = match rng.below(20) {
        0 => None,
        1 | 2 => Some(format!("2022-{:02}", 1 + rng.skewed(12, 2.0))),
        _ => Some(date(1 + rng.skewed(12, 2.0), rng.range(1, 28))),
    };
    let date_note = match &published {
        None => Some("undated; the text reports events of 2022".to_string()),
        Some(p) if p.len() == 7 => Some("the day is not given".to_string()),
        _ => None,
    };
    (published, date_note)
}

/// Bodies, seeds, summaries and annotations of all articles. Each article
/// has its own stream (from the seed and its number), so that its text
/// does not depend on how much randomness the articles before it used.
fn write_texts(articles: &mut [Article], casts: Vec<Cast>, lex: Lexicon, seed: u64) {
    let slugs: Vec<String> = articles.iter().map(|a| a.slug.clone()).collect();
    for (i, (article, cast)) in articles.iter_mut().zip(casts).enumerate() {
        let mut rng = Rng::new(
            seed ^ (i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D),
            "body",
        );
        let mut f = Filler::new(lex, cast.actors, cast.events, true);
        write_text(article, &mut rng, &mut f, &slugs);
    }
}

/// One article's texts; `slugs` are all articles', for links in notes.
fn write_text(article: &mut Article, rng: &mut Rng, f: &mut Filler, slugs: &[String]) {
    let body = Body::generate(rng, f);
    let all_plain = body.plain.join("\u{1}");
    let annotations = annotate(rng, f, &body.sentences, &all_plain, slugs);
    // The actors and events a note is tagged with count as named too.
    for a in &annotations {
        f.used_actors.extend(a.actors.iter().copied());
        f.used_events.extend(a.events.iter().copied());
    }
    article.seed = seed_text(article, &body.plain);
    article.body = body.markdown.join("\n\n") + "\n";
    article.summary = body.sentences.first().cloned().unwrap_or_default();
    article.annotations = annotations;
    article.actors = std::mem::take(&mut f.used_actors);
    article.events = std::mem::take(&mut f.used_events);
}

/// An article body as generated, block by block.
struct Body {
    /// Markdown: emphasis, wrapped lines, perhaps a heading.
    markdown: Vec<String>,
    /// The same blocks in plain text, as the seed has them.
    plain: Vec<String>,
    /// Every sentence in plain text: quotes are taken from one sentence.
    sentences: Vec<String>,
}

impl Body {
    /// Six to thirteen paragraphs of two to four sentences, a quarter of
    /// the bodies with a heading halfway.
    fn generate(rng: &mut Rng, f: &mut Filler) -> Body {
        let n_paras = rng.range(6, 14);
        let heading_at = rng.chance(0.25).then_some(n_paras / 2);
        let mut body = Body {
            markdown: Vec::new(),
            plain: Vec::new(),
            sentences: Vec::new(),
        };
        for p in 0..n_paras {
            if heading_at == Some(p) {
                let subhead = *rng.pick(SUBHEADS);
                let (_, h) = f.fill(rng, subhead, None);
                body.markdown.push(format!("## {h}"));
                body.plain.push(h);
            }
            let n_sent = rng.range(2, 5);
            let mut md = Vec::new();
            let mut plain = Vec::new();
            for _ in 0..n_sent {
                let t = *rng.pick(SENTENCES);
                let (m, pl) = f.fill(rng, t, None);
                md.push(m);
                body.sentences.push(pl.clone());
                plain.push(pl);
            }
            body.markdown.push(wrap(&md.join(" ")));
            body.plain.push(plain.join(" "));
        }
        body
    }
}

/// One to four annotations on unique spans of distinct sentences; gives up
/// after six tries per annotation wanted.
fn annotate(
    rng: &mut Rng,
    f: &mut Filler,
    sentences: &[String],
    all_plain: &str,
    slugs: &[String],
) -> Vec<Annotation> {
    let want = rng.range(1, 5);
    let mut used = HashSet::new();
    let mut annotations = Vec::new();
    for _ in 0..want * 6 {
        if annotations.len() == want {
            break;
        }
        let s = rng.below(sentences.len());
        if used.contains(&s) {
            continue;
        }
        let Some(quote) = unique_quote(rng, &sentences[s], all_plain) else {
            continue;
        };
        used.insert(s);
        annotations.push(note_on(rng, f, quote, slugs));
    }
    annotations
}

/// Four to nine words of `sentence` that occur once in the whole body
/// (`all_plain`), so the quote locates one place; `None` if the sentence
/// is too short or the span not unique.
fn unique_quote(rng: &mut Rng, sentence: &str, all_plain: &str) -> Option<String> {
    let words: Vec<&str> = sentence.split(' ').collect();
    if words.len() < 4 {
        return None;
    }
    let len = rng.range(4, words.len().min(10));
    let start = rng.below(words.len() - len + 1);
    let quote = words[start..start + len].join(" ");
    (all_plain.matches(quote.as_str()).count() == 1).then_some(quote)
}

/// The annotation of `quote`: a note that may link another article, tagged
/// with up to two of the cast and one of the article's events.
fn note_on(rng: &mut Rng, f: &mut Filler, quote: String, slugs: &[String]) -> Annotation {
    let other = &slugs[rng.below(slugs.len())];
    let link = format!("@/articles/{other}.md");
    let template = *rng.pick(NOTES);
    let (note, _) = f.fill(rng, template, Some(&link));
    let actors: Vec<usize> = f
        .cast
        .iter()
        .copied()
        .filter(|_| rng.chance(0.3))
        .take(2)
        .collect();
    let events: Vec<usize> = f
        .events_of
        .iter()
        .copied()
        .filter(|_| rng.chance(0.4))
        .take(1)
        .collect();
    Annotation {
        quote,
        kind: rng.pick::<&str>(KINDS),
        note,
        actors,
        events,
    }
}

/// The seed file: a header line (publisher, date), the title, and the
/// body's blocks in plain text.
fn seed_text(article: &Article, plain_blocks: &[String]) -> String {
    let mut seed = format!(
        "{}, {}\n\n{}\n\n",
        article.publisher,
        article.published.as_deref().unwrap_or("undated"),
        article.title
    );
    for b in plain_blocks {
        seed.push_str(b);
        seed.push_str("\n\n");
    }
    seed
}

/// Actor profiles: each names its role and mentions two of the first
/// `pool` actors and perhaps an event.
fn profiles(rng: &mut Rng, lex: Lexicon, pool: usize) -> Vec<String> {
    let mut profiles = Vec::with_capacity(lex.actors.len());
    for a in lex.actors {
        let cast = vec![rng.skewed(pool, 20.0), rng.skewed(pool, 20.0)];
        // Drawn even when there are no events, which keeps the stream (and
        // so every corpus generated before) unchanged.
        let event = rng.below(lex.events.len().max(1));
        let events_of = if lex.events.is_empty() {
            Vec::new()
        } else {
            vec![event]
        };
        let mut f = Filler::new(lex, cast, events_of, false);
        let (s1, _) = f.fill(rng, "{A} has criticised the {N} more than once.", None);
        let (s2, _) = f.fill(rng, "Reports link the {N} in {P} to {E}.", None);
        profiles.push(
            wrap(&format!(
                "{} is named in the dossier as {}. {s1} {s2}",
                a.name,
                lower_first(&a.role)
            )) + "\n",
        );
    }
    profiles
}

/// Event descriptions: two of the event's actors, and a link to the first
/// article that names the event.
fn descriptions(rng: &mut Rng, lex: Lexicon, articles: &[Article]) -> Vec<String> {
    let mut first_article: HashMap<usize, usize> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        for e in &a.events {
            first_article.entry(*e).or_insert(i);
        }
    }
    let mut descriptions = Vec::with_capacity(lex.events.len());
    for (i, e) in lex.events.iter().enumerate() {
        let mut f = Filler::new(lex, e.actors.clone(), Vec::new(), false);
        let (s1, _) = f.fill(rng, "{A} and {A2} were both involved.", None);
        let s2 = match first_article.get(&i) {
            Some(a) => format!(
                "[One report](@/articles/{}.md) gives the most detail.",
                articles[*a].slug
            ),
            None => "No article of the dossier reports it in detail.".into(),
        };
        descriptions.push(wrap(&format!("{}. {s1} {s2}", e.title)) + "\n");
    }
    descriptions
}

/// The Hugo site's templates (`layouts/_default`): plain, but with the
/// dossier's pages (each article with its actors and events, each actor and
/// event with its articles), so that build times compare like with like.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    ("baseof.html", "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{{ .Title }} – {{ .Site.Title }}</title></head>\n<body><header><a href=\"{{ \"/\" | relURL }}\">{{ .Site.Title }}</a> · <a href=\"{{ \"actors/\" | relURL }}\">Actors</a> · <a href=\"{{ \"events/\" | relURL }}\">Events</a></header>\n<main>{{ block \"main\" . }}{{ end }}</main></body></html>\n"),
    ("single.html", "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.publisher }}{{ with .Params.published }} · {{ . }}{{ end }}</p><p>{{ .Params.summary }}</p>{{ .Content }}<aside><h2>Actors</h2><ul>{{ range .GetTerms \"actors\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul><h2>Events</h2><ul>{{ range .GetTerms \"events\" }}<li><a href=\"{{ .RelPermalink }}\">{{ .LinkTitle }}</a></li>{{ end }}</ul></aside></article>{{ end }}\n"),
    ("list.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n"),
    ("term.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<h2>Articles</h2><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n"),
    ("taxonomy.html", "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href=\"{{ .Page.RelPermalink }}\">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}\n"),
];

impl Corpus {
    pub(crate) fn generate(params: Params) -> Corpus {
        // One set of claims for all phases: no name, alias or slug is
        // given to two items.
        let mut claims = Claims::default();
        let (places, publishers) = places_and_publishers(params.seed, &mut claims);
        let mut actors = generate_actors(&params, &mut claims, &places);
        let pool = params
            .mentioned
            .unwrap_or(params.actors)
            .clamp(1, params.actors.max(1));
        let mut events = generate_events(&params, pool, &mut claims, &places);
        let lex = Lexicon {
            actors: &actors,
            events: &events,
            places: &places,
            publishers: &publishers,
        };
        let (mut articles, casts) = article_heads(&params, pool, &mut claims, lex);
        write_texts(&mut articles, casts, lex, params.seed);
        // Profiles and event descriptions mention other items; they share
        // one stream, profiles first.
        let mut rng = Rng::new(params.seed, "profiles");
        let profiles = profiles(&mut rng, lex, pool);
        let descriptions = descriptions(&mut rng, lex, &articles);
        for (a, p) in actors.iter_mut().zip(profiles) {
            a.profile = p;
        }
        for (e, d) in events.iter_mut().zip(descriptions) {
            e.description = d;
        }
        Corpus {
            params,
            actors,
            events,
            articles,
        }
    }

    /// The article's file: front matter and body.
    pub(crate) fn article_file(&self, a: &Article) -> String {
        let mut s = String::with_capacity(a.body.len() + 2048);
        s.push_str("---\n");
        let _ = writeln!(s, "title: {}", yaml(&a.title));
        let _ = writeln!(s, "source:\n  name: {}", yaml(&a.publisher));
        if let Some(u) = &a.url {
            let _ = writeln!(s, "  url: {u}");
        }
        if let Some(v) = &a.via {
            let _ = writeln!(s, "  via: {v}");
        }
        let _ = writeln!(s, "published: {}", a.published.as_deref().unwrap_or("null"));
        if let Some(n) = &a.date_note {
            let _ = writeln!(s, "date_note: {}", yaml(n));
        }
        let _ = writeln!(s, "seed: {}", a.seed_file);
        s.push_str("language: en\n");
        let _ = writeln!(s, "summary: {}", yaml(&a.summary));
        if !a.annotations.is_empty() {
            s.push_str("annotations:\n");
            let mut ids = HashSet::new();
            for (n, id) in a.annotations.iter().zip(note_ids(a, &mut ids)) {
                match id {
                    Some(id) => {
                        let _ = writeln!(s, "  - id: {id}\n    quote: {}", yaml(&n.quote));
                    }
                    None => {
                        let _ = writeln!(s, "  - quote: {}", yaml(&n.quote));
                    }
                }
                let _ = writeln!(s, "    kind: {}", n.kind);
                let _ = writeln!(s, "    note: {}", yaml(&n.note));
                if !n.actors.is_empty() {
                    let list = yaml_list(n.actors.iter().map(|i| self.actors[*i].slug.as_str()));
                    let _ = writeln!(s, "    actors: {list}");
                }
                if !n.events.is_empty() {
                    let list = yaml_list(n.events.iter().map(|i| self.events[*i].slug.as_str()));
                    let _ = writeln!(s, "    events: {list}");
                }
            }
        }
        s.push_str("---\n");
        s.push_str(&a.body);
        s
    }

    fn actor_file(a: &Actor) -> String {
        let aliases: Vec<String> = a.aliases.iter().map(|x| yaml(x)).collect();
        format!(
            "---\nname: {}\nkind: {}\nrole: {}\naliases: [{}]\n---\n{}",
            yaml(&a.name),
            a.kind,
            yaml(&a.role),
            aliases.join(", "),
            a.profile
        )
    }

    fn event_file(&self, e: &Event) -> String {
        let mut s = String::from("---\n");
        let _ = writeln!(s, "title: {}", yaml(&e.title));
        let _ = writeln!(s, "date: {}", e.date);
        if let Some(end) = &e.end {
            let _ = writeln!(s, "end: {end}");
        }
        if let Some(n) = &e.date_note {
            let _ = writeln!(s, "date_note: {}", yaml(n));
        }
        if e.uncertain {
            s.push_str("date_uncertain: true\n");
        }
        let list = yaml_list(e.actors.iter().map(|i| self.actors[*i].slug.as_str()));
        let _ = writeln!(s, "actors: {list}");
        let aliases: Vec<String> = e.aliases.iter().map(|x| yaml(x)).collect();
        let _ = writeln!(s, "aliases: [{}]", aliases.join(", "));
        s.push_str("---\n");
        s.push_str(&e.description);
        s
    }

    /// Writes the dossier (book.toml, seeds/, content/) under `root`.
    pub(crate) fn write_dossier(&self, root: &Path) -> io::Result<()> {
        let p = &self.params;
        for dir in [
            "seeds",
            "content/articles",
            "content/actors",
            "content/events",
            "content/pages",
        ] {
            std::fs::create_dir_all(root.join(dir))?;
        }
        std::fs::write(
            root.join("book.toml"),
            format!(
                "[book]\ntitle = \"Synthetic dossier: {} articles, {} actors\"\ndescription = \"Generated by dossier-gen with seed {}\"\nauthors = [\"dossier-gen\"]\nlanguage = \"en\"\n\n[build]\nbuild-dir = \"book\"\ncontent-dir = \"content\"\nseeds-dir = \"seeds\"\ntemplates-dir = \"templates\"\n\n[output.html]\nsite-url = \"/bench/\"\n",
                p.articles, p.actors, p.seed
            ),
        )?;
        std::fs::write(
            root.join("content/index.md"),
            format!(
                "A synthetic dossier of {} articles about {} actors and {} events, generated from seed {} to measure `dossier` at newsroom scale.\n",
                p.articles, p.actors, p.events, p.seed
            ),
        )?;
        std::fs::write(
            root.join("content/pages/about.md"),
            "---\ntitle: About\n---\nEvery text here is generated; names are made of syllables.\n",
        )?;
        for a in &self.articles {
            std::fs::write(root.join("seeds").join(&a.seed_file), &a.seed)?;
            std::fs::write(
                root.join("content/articles").join(format!("{}.md", a.slug)),
                self.article_file(a),
            )?;
        }
        for a in &self.actors {
            std::fs::write(
                root.join("content/actors").join(format!("{}.md", a.slug)),
                Self::actor_file(a),
            )?;
        }
        for e in &self.events {
            std::fs::write(
                root.join("content/events").join(format!("{}.md", e.slug)),
                self.event_file(e),
            )?;
        }
        Ok(())
    }

    /// Writes the same articles as a Hugo site: actors and events as
    /// taxonomies, each term page with its profile.
    pub(crate) fn write_hugo(&self, root: &Path) -> io::Result<()> {
        let p = &self.params;
        for dir in [
            "content/articles",
            "content/actors",
            "content/events",
            "layouts/_default",
        ] {
            std::fs::create_dir_all(root.join(dir))?;
        }
        std::fs::write(
            root.join("config.toml"),
            format!(
                "baseURL = \"/bench/\"\ntitle = \"Synthetic dossier: {} articles\"\nlanguageCode = \"en\"\nrelativeURLs = true\ndisableKinds = [\"RSS\"]\n\n[taxonomies]\nactor = \"actors\"\nevent = \"events\"\n",
                p.articles
            ),
        )?;
        for (name, text) in HUGO_LAYOUTS {
            std::fs::write(root.join("layouts/_default").join(name), text)?;
        }
        for a in &self.articles {
            std::fs::write(
                root.join("content/articles").join(format!("{}.md", a.slug)),
                self.hugo_article_file(a),
            )?;
        }
        self.write_hugo_terms(root)
    }

    /// The article for Hugo: its actors and events as taxonomy terms, and a
    /// full `date` (Hugo needs one) besides the `published` of the source.
    fn hugo_article_file(&self, a: &Article) -> String {
        let mut s = String::from("---\n");
        let _ = writeln!(s, "title: {}", yaml(&a.title));
        let _ = writeln!(s, "publisher: {}", yaml(&a.publisher));
        if let Some(d) = &a.published {
            let _ = writeln!(s, "published: \"{d}\"");
            let full = match d.len() {
                10 => d.clone(),
                7 => format!("{d}-01"),
                _ => format!("{d}-01-01"),
            };
            let _ = writeln!(s, "date: {full}");
        }
        let _ = writeln!(s, "summary: {}", yaml(&a.summary));
        let actors = yaml_list(a.actors.iter().map(|i| self.actors[*i].slug.as_str()));
        let _ = writeln!(s, "actors: {actors}");
        let events = yaml_list(a.events.iter().map(|i| self.events[*i].slug.as_str()));
        let _ = writeln!(s, "events: {events}");
        s.push_str("---\n");
        s.push_str(&a.body);
        s
    }

    /// Term pages: profiles and descriptions, `@/` links made Hugo refs.
    fn write_hugo_terms(&self, root: &Path) -> io::Result<()> {
        let hugo_links = |text: &str| {
            text.replace("(@/articles/", "(/articles/")
                .replace(".md)", "/)")
        };
        for a in &self.actors {
            let dir = root.join("content/actors").join(&a.slug);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(
                dir.join("_index.md"),
                format!(
                    "---\ntitle: {}\n---\n{}",
                    yaml(&a.name),
                    hugo_links(&a.profile)
                ),
            )?;
        }
        for e in &self.events {
            let dir = root.join("content/events").join(&e.slug);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(
                dir.join("_index.md"),
                format!(
                    "---\ntitle: {}\n---\n{}",
                    yaml(&e.title),
                    hugo_links(&e.description)
                ),
            )?;
        }
        Ok(())
    }
}
