//! Text folding for comparisons that should not care about typography:
//! whitespace runs, typographic quotes and dashes, Markdown emphasis marks.
//! Keeps a map back to the original byte offsets.

/// Folded text with, for every folded byte, the original byte offset it came
/// from (plus one entry for the end).
pub struct Folded {
    pub text: String,
    map: Vec<usize>,
    map_end: Vec<usize>,
}

impl Folded {
    /// Original byte range of a folded byte range.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.map[start];
        // The end maps to just past the last folded char's original char.
        let e = if end == 0 { s } else { self.map_end[end - 1] };
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

/// Folds whitespace runs to one space and typographic quotes/dashes to ASCII.
/// With `drop_emphasis`, `*` and `_` are removed (Markdown emphasis marks).
pub fn fold(input: &str, drop_emphasis: bool) -> Folded {
    let mut map = Vec::with_capacity(input.len() + 1);
    let mut map_end = Vec::with_capacity(input.len() + 1);
    let text = fold_with(input, drop_emphasis, |i, c, bytes| {
        for _ in 0..bytes {
            map.push(i);
            map_end.push(i + c.len_utf8());
        }
    });
    map.push(input.len());
    Folded { text, map, map_end }
}

/// Folds `input`, telling `pushed` of each character kept: its offset in
/// `input`, the character, and how many bytes of folded text it became.
fn fold_with(
    input: &str,
    drop_emphasis: bool,
    mut pushed: impl FnMut(usize, char, usize),
) -> String {
    let mut text = String::with_capacity(input.len());
    let mut last_space = true;
    for (i, c) in input.char_indices() {
        // ASCII other than the marks folding touches is kept as is: the
        // common case, without the table below.
        let f = if c.is_ascii() && !matches!(c, '`' | '*' | '_') && !c.is_ascii_whitespace() {
            c
        } else {
            let Some(f) = fold_char(c) else { continue };
            if drop_emphasis && (f == '*' || f == '_') {
                continue;
            }
            f
        };
        if f.is_whitespace() {
            if last_space {
                continue;
            }
            last_space = true;
            text.push(' ');
            pushed(i, c, 1);
            continue;
        }
        last_space = false;
        text.push(f);
        pushed(i, c, f.len_utf8());
    }
    text
}

/// The folded form of a string, for comparisons only.
pub fn folded(input: &str, drop_emphasis: bool) -> String {
    let mut text = fold_with(input, drop_emphasis, |_, _, _| {});
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

    #[test]
    fn maps_back_to_original_offsets() {
        let src = "a  ‘b’ c";
        let f = fold(src, false);
        let i = f.text.find("'b'").unwrap();
        let (s, e) = f.original_range(i, i + 3);
        assert_eq!(&src[s..e], "‘b’");
    }
}
