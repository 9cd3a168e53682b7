//! Names: a new seed's file name, an article's slug, and the name under
//! which the site publishes a seed.
//!
//! Seeds are named as this project's own are: `NNN_<16 hex>.<ext>`, a
//! running number (one more than the highest numbered seed already in
//! `seeds/`) and the first 16 hex digits of the SHA-256 of the file's
//! bytes, so that the name tells the order sources came in and a copy can
//! be told from a changed file at a glance.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

/// The longest slug made from a title (cut at a word).
const SLUG_MAX: usize = 60;

/// Whether the seed `file` is a saved web page, published as its
/// extracted text: by its extension, `.html` or `.htm` in any case.
pub(crate) fn is_html_seed(file: &str) -> bool {
    matches!(extension(file).as_deref(), Some("html" | "htm"))
}

/// The name of a seed's text in the site's `seeds/`: the file's own name,
/// or for a saved web page its name with `.txt` added (`a.html.txt`), so
/// that the page is never served as a live page.
pub(crate) fn published_seed_name(file: &str) -> std::borrow::Cow<'_, str> {
    if is_html_seed(file) {
        format!("{file}.txt").into()
    } else {
        file.into()
    }
}

/// The extension of `file`, lowercased, if it has one.
pub(crate) fn extension(file: &str) -> Option<String> {
    let (stem, ext) = file.rsplit_once('.')?;
    (!stem.is_empty()).then(|| ext.to_ascii_lowercase())
}

/// The number of a seed named `NNN_<hex>.<ext>` (three or more digits).
fn seed_number(file: &str) -> Option<u64> {
    let (number, rest) = file.split_once('_')?;
    let hex = rest.split('.').next()?;
    let numbered = number.len() >= 3 && number.bytes().all(|b| b.is_ascii_digit());
    let hashed = hex.len() == 16 && hex.bytes().all(|b| b.is_ascii_hexdigit());
    (numbered && hashed).then(|| number.parse().ok())?
}

/// The number the next seed takes, after those in `existing`.
pub(crate) fn next_seed_number<'a>(existing: impl IntoIterator<Item = &'a str>) -> u64 {
    (existing.into_iter().filter_map(seed_number).max()).map_or(0, |n| n + 1)
}

/// The file name of seed number `number` with these bytes and extension.
pub(crate) fn seed_name(number: u64, bytes: &[u8], ext: &str) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("{number:03}_{hex}.{ext}")
}

/// A slug made from a title: accents dropped, other scripts spelt in
/// Latin letters (`Токаев` gives `tokaev`, as Zola's slugs do), lowercase
/// ASCII letters and digits, words joined by hyphens, at most 60
/// characters (cut at a word). `None` when the title gives no letter or
/// digit to make one of.
pub(crate) fn slug_from_title(title: &str) -> Option<String> {
    // Composed: a mark that is a sound (Japanese voicing, an Indic vowel)
    // is spelt with its letter, and a Latin letter's accent is dropped. A
    // symbol or an emoji (which deunicode spells as words) parts words.
    let mut spelt = String::with_capacity(title.len());
    for c in title.nfc() {
        match c {
            c if c.is_ascii() || c == '’' => spelt.push(c),
            c if c.is_alphanumeric() => spelt.push_str(deunicode::deunicode_char(c).unwrap_or(" ")),
            _ => spelt.push(' '),
        }
    }
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in spelt.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            // An apostrophe inside a word: "Kazakhstan's" (or a soft sign).
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut slug = String::new();
    for w in words {
        if !slug.is_empty() && slug.len() + 1 + w.len() > SLUG_MAX {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&w[..w.len().min(SLUG_MAX)]);
    }
    (!slug.is_empty()).then_some(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_are_numbered_after_the_highest_and_named_by_their_hash() {
        let existing = [
            "000_a79e91f98c85be1f.txt",
            "004_2dbff5881707e0da.txt",
            "notes.txt",
        ];
        assert_eq!(next_seed_number(existing), 5);
        assert_eq!(next_seed_number(["harbour.txt"]), 0);
        // SHA-256("abc") = ba7816bf8f01cfea…
        assert_eq!(seed_name(5, b"abc", "html"), "005_ba7816bf8f01cfea.html");
        assert_eq!(seed_name(1234, b"abc", "txt"), "1234_ba7816bf8f01cfea.txt");
    }

    #[test]
    fn html_seeds_are_published_as_text() {
        assert!(is_html_seed("005_x.HTM"));
        assert!(!is_html_seed("html"));
        assert_eq!(published_seed_name("a.html"), "a.html.txt");
        assert_eq!(published_seed_name("a.txt"), "a.txt");
        assert_eq!(published_seed_name("a.md"), "a.md");
    }

    #[test]
    fn slugs_from_titles() {
        assert_eq!(
            slug_from_title("Kazakhstan's President: “I have ordered fatal shots”").as_deref(),
            Some("kazakhstans-president-i-have-ordered-fatal-shots")
        );
        assert_eq!(
            slug_from_title("Zürich’s café, 2022").as_deref(),
            Some("zurichs-cafe-2022")
        );
        // Other scripts in Latin letters; nothing to spell, no slug.
        assert_eq!(slug_from_title("Токаев").as_deref(), Some("tokaev"));
        assert_eq!(
            slug_from_title("Марло Праенко и Зорбарсон: ОДКБ, 7 января").as_deref(),
            Some("marlo-praenko-i-zorbarson-odkb-7-ianvaria")
        );
        assert_eq!(
            slug_from_title("Қазақстан Республикасы").as_deref(),
            Some("kazakstan-respublikasy")
        );
        assert_eq!(slug_from_title("«…» — !?"), None);
        assert_eq!(slug_from_title("ガザ").as_deref(), Some("gaza"));
        assert_eq!(slug_from_title("🔥 30°C").as_deref(), Some("30-c"));
        assert_eq!(slug_from_title("🔥"), None);
        let long = "word ".repeat(30);
        let slug = slug_from_title(&long).unwrap();
        assert!(slug.len() <= 60 && !slug.ends_with('-'), "{slug}");
    }
}
