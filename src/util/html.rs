//! HTML escaping, the one routine of the crate: every text of every page
//! passes here (templates, feeds, SVG, mention lists, code blocks).

/// `s` with `&`, `<`, `>`, `"` and `'` escaped: safe as text and inside an
/// attribute value in either kind of quotes.
pub(crate) fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_html_into(&mut out, s);
    out
}

/// [`escape_html`], appended to `out`.
pub(crate) fn escape_html_into(out: &mut String, s: &str) {
    escape_into::<true>(out, s);
}

/// `s` with `&`, `<`, `>` and `"` escaped and `'` kept as it is: for text
/// and double-quoted attribute values only. Code blocks are written so (as
/// pulldown-cmark writes them), which keeps `it's` readable in the page
/// source, and the pages as they have always been.
pub(crate) fn escape_html_keep_apostrophes(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_into::<false>(&mut out, s);
    out
}

/// Escapes `s` onto `out`; `APOS` says whether `'` is escaped too.
fn escape_into<const APOS: bool>(out: &mut String, s: &str) {
    // Eight bytes at a time are checked for the special bytes, and the runs
    // between them copied whole (all of them are ASCII, so no character is
    // split).
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has = |x: u64, b: u8| {
        let y = x ^ (ONES * u64::from(b));
        y.wrapping_sub(ONES) & !y & HIGH != 0
    };
    let bytes = s.as_bytes();
    out.reserve(s.len());
    let (mut last, mut i) = (0, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if !(has(x, b'&')
                || has(x, b'<')
                || has(x, b'>')
                || has(x, b'"')
                || (APOS && has(x, b'\'')))
            {
                i += 8;
                continue;
            }
        }
        let entity = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' if APOS => "&#39;",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[last..i]);
        out.push_str(entity);
        i += 1;
        last = i;
    }
    out.push_str(&s[last..]);
}

/// Our own `html` without its element ids: for a second copy of a text
/// on the page (a note repeated in a list) whose ids belong to the first.
/// Attributes are double-quoted and a `"` in text is always escaped, so
/// ` id="` only ever begins an attribute.
pub(crate) fn without_ids(html: &str) -> String {
    const ID: &str = " id=\"";
    static FIND_ID: Needle = Needle::new(ID);
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = FIND_ID.find(rest) {
        out.push_str(&rest[..at]);
        let value = &rest[at + ID.len()..];
        rest = value.find('"').map_or("", |end| &value[end + 1..]);
    }
    out.push_str(rest);
    out
}

/// A fixed string looked for in many texts, its searcher made once (on
/// first use): `str::find` makes one at each call, which shows in the
/// profile of a large dossier's print and actor pages.
pub(crate) struct Needle {
    text: &'static str,
    finder: std::sync::OnceLock<memchr::memmem::Finder<'static>>,
}

impl Needle {
    pub(crate) const fn new(text: &'static str) -> Needle {
        Needle {
            text,
            finder: std::sync::OnceLock::new(),
        }
    }

    /// Where the needle first stands in `text` (a match of valid UTF-8
    /// within valid UTF-8 starts on a character boundary).
    pub(crate) fn find(&self, text: &str) -> Option<usize> {
        let finder = self
            .finder
            .get_or_init(|| memchr::memmem::Finder::new(self.text));
        finder.find(text.as_bytes())
    }
}

/// [`without_ids`] as a Tera filter: `note_html | without_ids`.
pub(crate) fn without_ids_filter(
    v: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let html = v
        .as_str()
        .ok_or_else(|| tera::Error::msg("`without_ids` is a filter of an HTML text"))?;
    Ok(tera::Value::String(without_ids(html)))
}

/// The scheme of a link that would run code when followed (`javascript:`,
/// `vbscript:`, `data:`), as a browser reads it: tabs and line breaks
/// anywhere and leading spaces and control characters ignored, any case.
pub(crate) fn script_scheme(dest: &str) -> Option<&'static str> {
    let url: String = (dest.trim_start_matches(|c: char| c <= ' ').chars())
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|scheme| url.starts_with(scheme))
}

#[cfg(test)]
mod tests {
    use super::{escape_html, escape_html_keep_apostrophes, without_ids};

    #[test]
    fn ids_are_left_out_and_the_rest_kept() {
        assert_eq!(
            without_ids("<a class=\"m\" href=\"x.html\" id=\"a-x-1\">X</a> y <b id=\"\">z</b>"),
            "<a class=\"m\" href=\"x.html\">X</a> y <b>z</b>"
        );
        assert_eq!(without_ids("no ids"), "no ids");
    }

    #[test]
    fn escapes_the_five_characters_and_keeps_everything_else() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & 'Jerry'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;"
        );
        assert_eq!(
            escape_html("Токаев — «ОДКБ» & Zażółć"),
            "Токаев — «ОДКБ» &amp; Zażółć"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&"), "&amp;");
    }

    #[test]
    fn apostrophes_can_be_kept() {
        assert_eq!(
            escape_html_keep_apostrophes(r#"it's <"a" & b>"#),
            "it's &lt;&quot;a&quot; &amp; b&gt;"
        );
    }

    /// One character at a time, the way the SWAR loop must agree with.
    fn naive(s: &str, apostrophes: bool) -> String {
        s.chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' if apostrophes => "&#39;".to_string(),
                c => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn every_special_byte_is_found_wherever_it_stands() {
        // Every length around the eight-byte steps, every special byte at
        // every place, next to multi-byte characters and bytes one off.
        for len in 0..24 {
            for at in 0..len {
                for special in ['&', '<', '>', '"', '\'', '%', '=', '?', 'ż'] {
                    let s: String = (0..len)
                        .map(|i| {
                            if i == at {
                                special
                            } else if i % 5 == 4 {
                                'ё'
                            } else {
                                'a'
                            }
                        })
                        .collect();
                    assert_eq!(escape_html(&s), naive(&s, true), "{s:?}");
                    assert_eq!(escape_html_keep_apostrophes(&s), naive(&s, false), "{s:?}");
                }
            }
        }
    }
}

#[cfg(test)]
mod script_tests {
    use super::script_scheme;

    #[test]
    fn links_that_run_code_are_told_as_a_browser_reads_them() {
        for (dest, scheme) in [
            ("javascript:alert(1)", Some("javascript:")),
            ("  JaVaScRiPt:alert(1)", Some("javascript:")),
            ("java\tscript:alert(1)", Some("javascript:")),
            ("\u{1}vbscript:msgbox", Some("vbscript:")),
            ("data:text/html,<script>", Some("data:")),
            ("https://example.org/javascript:", None),
            ("notes/javascript.html", None),
            ("#data:x", None),
            ("mailto:desk@example.org", None),
        ] {
            assert_eq!(script_scheme(dest), scheme, "{dest:?}");
        }
    }
}
