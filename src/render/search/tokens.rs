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
pub(super) const MAX_CHARS: usize = 40;

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
/// space, kept by the caller so that a long text allocates once. (Bytes,
/// not chars, are scanned: most text is ASCII, and a word of ASCII letters
/// and digits folds by lowercasing, with no need of [`fold`].)
pub(super) fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let mut plain = true;
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_alphanumeric() {
                i += 1;
            } else if b.is_ascii() {
                // A `,` or `.` between digits is part of a number.
                let in_number = (b == b',' || b == b'.')
                    && i > start
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                if !in_number {
                    break;
                }
                (plain, i) = (false, i + 1);
            } else {
                match char_at(text, i) {
                    Some(c) if is_word_char(c) && !is_cjk(c) => {
                        (plain, i) = (false, i + c.len_utf8())
                    }
                    _ => break,
                }
            }
        }
        if i > start {
            let word = &text[start..i];
            if plain {
                buf.clear();
                buf.push_str(word);
                buf.make_ascii_lowercase();
                if buf.len() <= MAX_CHARS {
                    f(buf);
                }
            } else if let Some(folded) = fold(word, buf) {
                f(folded);
            }
            continue;
        }
        // A character that starts no word: skipped, or a word of its own.
        match char_at(text, i) {
            Some(c) => {
                if is_cjk(c) {
                    if let Some(folded) = fold(&text[i..i + c.len_utf8()], buf) {
                        f(folded);
                    }
                }
                i += c.len_utf8();
            }
            None => i += 1,
        }
    }
}

/// The character at byte `i` of `text` (a character boundary).
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|rest| rest.chars().next())
}

/// The folded form of one word, written into `buf`; `None` when nothing
/// of it is left or it is too long to index.
pub(super) fn fold<'b>(word: &str, buf: &'b mut String) -> Option<&'b str> {
    buf.clear();
    let common = common_folds();
    for c in word.chars() {
        match c {
            ',' | '.' => {}
            _ if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
            _ => match common.get((c as usize).wrapping_sub(COMMON_FROM as usize)) {
                Some(folded) => buf.push_str(folded),
                None => fold_char(c, buf),
            },
        }
    }
    let too_long = buf.len() > MAX_CHARS && buf.chars().nth(MAX_CHARS).is_some();
    (!buf.is_empty() && !too_long).then_some(buf.as_str())
}

/// Folds one character: lowercased, decomposed, its marks dropped. (A
/// word folds character by character: its marks are dropped anyway, so
/// their order after decomposition does not matter.)
fn fold_char(c: char, buf: &mut String) {
    for lower in c.to_lowercase() {
        for d in std::iter::once(lower).nfd() {
            if !is_combining_mark(d) {
                push_letter(d, buf);
            }
        }
    }
}

/// The range of [`common_folds`]: Latin-1 to Cyrillic, the letters with
/// diacritics of most languages written in the Latin, Greek or Cyrillic
/// alphabets.
const COMMON_FROM: u32 = 0xC0;
const COMMON_TO: u32 = 0x4FF;

/// What each character from [`COMMON_FROM`] to [`COMMON_TO`] folds to,
/// worked out once (the decomposition tables are slow to walk per word).
fn common_folds() -> &'static [Box<str>] {
    static TABLE: std::sync::OnceLock<Vec<Box<str>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (COMMON_FROM..=COMMON_TO)
            .map(|u| {
                let mut folded = String::new();
                if let Some(c) = char::from_u32(u) {
                    fold_char(c, &mut folded);
                }
                folded.into_boxed_str()
            })
            .collect()
    })
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
