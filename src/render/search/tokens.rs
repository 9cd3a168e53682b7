//! The words of the search index, cut and folded exactly as `search.js`
//! cuts and folds a query (the two must agree, or a word is never found):
//!
//! - a word is a run of letters, digits and combining marks (JavaScript's
//!   `[\p{Alphabetic}\p{N}\p{M}]`); a `,` or `.` between two ASCII digits
//!   belongs to the word and is dropped (`1,061` is `1061`);
//! - each Han or kana character is a word of its own: those scripts do not
//!   separate words with spaces;
//! - folding lowercases, decomposes (NFD), drops the combining marks
//!   (`é` → `e`, `й` → `и`) and maps the few letters that do not decompose
//!   (`ł` → `l`, `ß` → `ss`, …);
//! - a folded word of more than [`MAX_CHARS`] characters is not indexed (it
//!   is a URL or a code, not something typed into a search field).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// The longest word indexed, in characters after folding.
pub const MAX_CHARS: usize = 40;

/// Han and kana: one word per character.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2ffff}')
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// Calls `f` with each folded word of `text`, in order. `buf` is scratch
/// space, kept by the caller so that a long text allocates once.
pub fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut start = None;
    let mut emit = |word: &str, buf: &mut String| {
        if let Some(folded) = fold(word, buf) {
            f(folded)
        }
    };
    for (i, c) in text.char_indices() {
        if is_word_char(c) && !is_cjk(c) {
            start.get_or_insert(i);
        } else if (c == ',' || c == '.')
            && start.is_some()
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            // A separator inside a number: part of the word.
        } else {
            if let Some(s) = start.take() {
                emit(&text[s..i], buf);
            }
            if is_cjk(c) {
                emit(&text[i..i + c.len_utf8()], buf);
            }
        }
    }
    if let Some(s) = start {
        emit(&text[s..], buf);
    }
}

/// The folded form of one word, written into `buf`; `None` when nothing
/// of it is left or it is too long to index.
pub fn fold<'b>(word: &str, buf: &'b mut String) -> Option<&'b str> {
    buf.clear();
    if word.is_ascii() {
        buf.extend(
            word.bytes()
                .filter(|b| *b != b',' && *b != b'.')
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
    } else {
        let folded = word
            .chars()
            .flat_map(char::to_lowercase)
            .nfd()
            .filter(|c| !is_combining_mark(*c) && *c != ',' && *c != '.');
        for c in folded {
            push_letter(c, buf);
        }
    }
    let too_long = buf.len() > MAX_CHARS && buf.chars().nth(MAX_CHARS).is_some();
    (!buf.is_empty() && !too_long).then_some(buf.as_str())
}

/// Pushes `c`, or what it folds to when it has no decomposition to strip.
/// (`search.js` holds the same table.)
fn push_letter(c: char, buf: &mut String) {
    let s = match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ø' => "o",
        'ł' => "l",
        'đ' | 'ð' => "d",
        'ı' => "i",
        'ħ' => "h",
        'ς' => "σ",
        _ => {
            buf.push(c);
            return;
        }
    };
    buf.push_str(s);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_word(text, &mut String::new(), |w| out.push(w.to_string()));
        out
    }

    #[test]
    fn words_are_cut_at_anything_but_letters_and_digits() {
        assert_eq!(
            words("Mayor's \"leak\" (1,061 or 3.5) -- e-mail."),
            ["mayor", "s", "leak", "1061", "or", "35", "e", "mail"]
        );
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words("1, 2."), ["1", "2"]);
    }

    #[test]
    fn case_and_diacritics_are_folded_in_every_script() {
        assert_eq!(
            words("Żaneta WISŁA Straße Øre Ærø café"),
            ["zaneta", "wisla", "strasse", "ore", "aero", "cafe"]
        );
        assert_eq!(
            words("Мария Иванова, Ёлка й"),
            ["мария", "иванова", "елка", "и"]
        );
        assert_eq!(words("ΟΔΟΣ Άθως"), ["οδοσ", "αθωσ"]);
        // A decomposed accent (e + U+0301) is the same word as a composed one.
        assert_eq!(words("cafe\u{301}"), ["cafe"]);
    }

    #[test]
    fn han_and_kana_are_one_word_per_character() {
        assert_eq!(
            words("東京タワーabc"),
            ["東", "京", "タ", "ワ", "ー", "abc"]
        );
    }

    #[test]
    fn overlong_words_and_lone_marks_are_left_out() {
        let long = "a".repeat(MAX_CHARS + 1);
        assert_eq!(words(&format!("x {long} y \u{301} z")), ["x", "y", "z"]);
        assert_eq!(words(&"ł".repeat(MAX_CHARS)), ["l".repeat(MAX_CHARS)]);
    }
}
