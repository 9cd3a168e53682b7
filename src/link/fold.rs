//! Text folding for comparisons that should not care about typography:
//! whitespace runs, typographic quotes and dashes, Markdown emphasis marks.
//! Keeps a map back to the original byte offsets.

/// Folded text with, for every folded byte, the original byte offset it
/// came from (plus one entry for the end) and the length of the original
/// character there. Offsets are `u32` and lengths `u8`: every seed is
/// folded, some of them three times in a build, and this map is five
/// bytes for each of its bytes, not the sixteen of two `usize` maps.
pub(crate) struct Folded {
    pub text: String,
    map: Vec<u32>,
    char_len: Vec<u8>,
}

impl Folded {
    /// Original byte range of a folded byte range.
    pub(crate) fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map[start] as usize;
        // The end maps to just past the last folded char's original char.
        let e = match end {
            0 => s,
            _ => self.map[end - 1] as usize + usize::from(self.char_len[end - 1]),
        };
        (s, e)
    }
}

fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{00AD}' | '\u{200B}' | '\u{FEFF}' => return None,
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2009}' | '\u{202F}' => ' ',
        '\u{2026}' => '…',
        c => c,
    })
}

/// The longest text folded with a map back to it: its offsets are `u32`.
/// Loading refuses a longer seed (the texts folded so are seeds and the
/// quotes found in them).
pub(crate) const MAX_TEXT: usize = u32::MAX as usize;

/// Folds whitespace runs to one space and typographic quotes/dashes to ASCII.
/// With `drop_emphasis`, `*` and `_` are removed (Markdown emphasis marks).
/// `input` is at most [`MAX_TEXT`] bytes (an offset past it would be kept
/// as `u32::MAX`).
pub(crate) fn fold(input: &str, drop_emphasis: bool) -> Folded {
    let offset = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
    let mut map = Vec::with_capacity(input.len() + 1);
    let mut char_len = Vec::with_capacity(input.len());
    let text = fold_with(input, drop_emphasis, |kept| match kept {
        Kept::Run(start, end) => {
            map.extend(offset(start)..offset(end));
            char_len.resize(char_len.len() + (end - start), 1);
        }
        Kept::Char(i, c, bytes) => {
            for _ in 0..bytes {
                map.push(offset(i));
                char_len.push(c.len_utf8() as u8);
            }
        }
    });
    map.push(offset(input.len()));
    Folded {
        text,
        map,
        char_len,
    }
}

/// What folding kept of its input.
enum Kept {
    /// Bytes `start..end`, copied as they are.
    Run(usize, usize),
    /// The character at an offset, which became so many bytes of folded
    /// text.
    Char(usize, char, usize),
}

/// Whether an ASCII byte stays as it is: not whitespace (which runs fold
/// to one space) and not a mark folding touches. Most of any text is runs
/// of these, copied whole.
const PLAIN: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        // `char::is_whitespace` for ASCII: tab to carriage return, space.
        let space = matches!(b, 0x09..=0x0D | 0x20);
        t[b] = !space && !matches!(b as u8, b'`' | b'*' | b'_');
        b += 1;
    }
    t
};

/// Folds `input`, telling `kept` of what it keeps.
fn fold_with(input: &str, drop_emphasis: bool, mut kept: impl FnMut(Kept)) -> String {
    let mut text = String::with_capacity(input.len());
    let mut last_space = true;
    let bytes = input.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i] < 128 && PLAIN[bytes[i] as usize] {
            i += 1;
        }
        if i > start {
            // ASCII bytes: `start..i` are character boundaries.
            text.push_str(&input[start..i]);
            kept(Kept::Run(start, i));
            last_space = false;
        }
        let Some(c) = input.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let at = i;
        i += c.len_utf8();
        let Some(f) = fold_char(c) else { continue };
        if drop_emphasis && (f == '*' || f == '_') {
            continue;
        }
        if f.is_whitespace() {
            if last_space {
                continue;
            }
            last_space = true;
            text.push(' ');
            kept(Kept::Char(at, c, 1));
            continue;
        }
        last_space = false;
        text.push(f);
        kept(Kept::Char(at, c, f.len_utf8()));
    }
    text
}

/// The folded form of a string, for comparisons only.
pub(super) fn folded(input: &str, drop_emphasis: bool) -> String {
    let mut text = fold_with(input, drop_emphasis, |_| {});
    let end = text.trim_end().len();
    text.truncate(end);
    // Folding leaves no leading space (a run at the start is dropped).
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_and_whitespace() {
        assert_eq!(
            folded("‘open  fire’\n with “lethal” force", false),
            "'open fire' with \"lethal\" force"
        );
        assert_eq!(
            folded("*bandits* and _terrorists_", true),
            "bandits and terrorists"
        );
    }

    /// Folding character by character, as it was written before runs of
    /// plain ASCII were copied whole: the fast path must give the same text
    /// and the same map.
    fn reference(input: &str, drop_emphasis: bool) -> (String, Vec<usize>, Vec<usize>) {
        let (mut text, mut map, mut map_end) = (String::new(), Vec::new(), Vec::new());
        let mut last_space = true;
        for (i, c) in input.char_indices() {
            let Some(f) = fold_char(c) else { continue };
            if drop_emphasis && (f == '*' || f == '_') {
                continue;
            }
            let f = if f.is_whitespace() {
                if last_space {
                    continue;
                }
                ' '
            } else {
                f
            };
            last_space = f == ' ' && c.is_whitespace();
            text.push(f);
            for _ in 0..f.len_utf8() {
                map.push(i);
                map_end.push(i + c.len_utf8());
            }
        }
        map.push(input.len());
        (text, map, map_end)
    }

    proptest::proptest! {
        #[test]
        fn runs_fold_as_characters_do(
            input in "([a-z ]|[\\t\\n\\x0B\\x0C\\r`*_'\"]|[‘’“”«»–—\u{00A0}\u{00AD}\u{200B}…żЖ])*",
            drop_emphasis: bool,
        ) {
            let f = fold(&input, drop_emphasis);
            let (text, map, map_end) = reference(&input, drop_emphasis);
            proptest::prop_assert_eq!(&f.text, &text);
            let starts: Vec<usize> = f.map.iter().map(|&o| o as usize).collect();
            proptest::prop_assert_eq!(&starts, &map);
            let ends: Vec<usize> = (0..f.text.len()).map(|k| f.original_range(k, k + 1).1).collect();
            proptest::prop_assert_eq!(&ends, &map_end);
        }
    }

    #[test]
    fn maps_back_to_original_offsets() {
        let src = "a  ‘b’ c";
        let f = fold(src, false);
        let i = f.text.find("'b'").unwrap();
        let (s, e) = f.original_range(i, i + 3);
        assert_eq!(&src[s..e], "‘b’");
    }
}
