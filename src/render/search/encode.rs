//! How numbers are written into the index scripts: as characters of a
//! string, not as JSON numbers, so that a posting (document, frequency)
//! usually takes two bytes and a shard loads as a few long strings rather
//! than arrays of numbers.
//!
//! [`ALPHABET`] is the 88 printable ASCII characters that need no escape
//! in a JSON string and mean nothing to HTML (no `"`, `\`, `'`, `&`, `<`,
//! `>`). A number is written in base [`BASE`], least significant digit
//! first: each digit but the last as `ALPHABET[BASE + digit]`, the last as
//! `ALPHABET[digit]` (so numbers below 44 take one character, below 1,936
//! two). `search.js` decodes the same way.

use std::cmp::Ordering;

pub(super) const ALPHABET: &[u8; 88] =
    b"!#$%()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

pub(super) const BASE: u32 = 44;

/// Appends `n` in the index's number code.
pub(super) fn push_number(out: &mut String, mut n: u32) {
    while n >= BASE {
        out.push(char::from(ALPHABET[(BASE + n % BASE) as usize]));
        n /= BASE;
    }
    out.push(char::from(ALPHABET[n as usize]));
}

/// The ratio between successive document lengths that [`length_code`]
/// tells apart: lengths are kept to within about 7%, as BM25 needs no
/// more (Lucene keeps its norms in one byte for the same reason).
pub(super) const LENGTH_STEP: f64 = 1.15;

/// A document length (in words) as one character: `ALPHABET[q]` where
/// `LENGTH_STEP^q - 1` is nearest to `words` (up to about 180,000 words).
pub(super) fn length_code(words: u32) -> char {
    let q = (f64::from(words) + 1.0).ln() / LENGTH_STEP.ln();
    char::from(ALPHABET[(q.round() as usize).min(ALPHABET.len() - 1)])
}

/// Orders strings as JavaScript's `<` does: by UTF-16 code units. It
/// differs from Rust's order (by code point) only between characters above
/// U+FFFF and those from U+E000 to U+FFFF; `search.js` binary-searches the
/// shards' first words with `<`, so the index must be sorted its way.
pub(super) fn utf16_cmp(a: &str, b: &str) -> Ordering {
    let first_unit = |c: char| {
        let mut units = [0u16; 2];
        c.encode_utf16(&mut units)[0]
    };
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            return first_unit(x).cmp(&first_unit(y)).then(x.cmp(&y));
        }
    }
    a.len().cmp(&b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u32> {
        let (mut out, mut n, mut scale) = (Vec::new(), 0, 1);
        for b in s.bytes() {
            let v = ALPHABET.iter().position(|a| *a == b).unwrap() as u32;
            if v >= BASE {
                n += (v - BASE) * scale;
                scale *= BASE;
            } else {
                out.push(n + v * scale);
                (n, scale) = (0, 1);
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip_and_small_ones_take_one_character() {
        let numbers = [0, 1, 43, 44, 1935, 1936, 85_183, 85_184, u32::MAX];
        let mut s = String::new();
        for n in numbers {
            push_number(&mut s, n);
        }
        assert_eq!(decode(&s), numbers);
        let mut one = String::new();
        push_number(&mut one, 43);
        assert_eq!(one.len(), 1);
        assert!(!s.contains(['"', '\\', '<', '>', '&', '\'']));
    }

    #[test]
    fn length_codes_grow_with_length_and_stay_in_the_alphabet() {
        let codes: Vec<char> = [0, 1, 10, 100, 1000, u32::MAX].map(length_code).to_vec();
        assert_eq!(codes[0], '!');
        assert!(codes
            .windows(2)
            .all(|w| ALPHABET.iter().position(|a| char::from(*a) == w[0])
                < ALPHABET.iter().position(|a| char::from(*a) == w[1])));
        assert_eq!(codes[5], '~');
    }

    #[test]
    fn utf16_order_puts_astral_characters_before_the_last_of_the_bmp() {
        assert_eq!(utf16_cmp("a", "b"), Ordering::Less);
        assert_eq!(utf16_cmp("ab", "a"), Ordering::Greater);
        assert_eq!(utf16_cmp("\u{1f600}", "\u{ff21}"), Ordering::Less);
        assert_eq!("\u{1f600}".cmp("\u{ff21}"), Ordering::Greater);
        assert_eq!(utf16_cmp("ż", "ż"), Ordering::Equal);
    }
}
