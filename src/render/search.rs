//! The search index, shipped as a script that defines it (browsers block
//! `fetch()` on file://, as mdBook's `searchindex.js` works around).
//!
//! Records borrow from the dossier and are serialised straight to the
//! output: the index holds every text of the dossier, and building it as a
//! `serde_json::Value` first would hold it in memory twice more.

use super::context::{Shown, Url};
use crate::link::Linked;
use crate::model::Dossier;
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::{self, Display};
use std::io::{self, Write};

/// One searchable page or note. `text` is written by pieces, never joined.
#[derive(Serialize)]
struct Doc<'a> {
    kind: Cow<'static, str>,
    title: Cow<'a, str>,
    url: Url<'a>,
    text: Shown<Joined<'a>>,
}

/// Pieces written as one text, one after the other.
fn joined(pieces: Vec<&str>) -> Shown<Joined<'_>> {
    Shown(Joined(pieces))
}

/// Pieces shown as one text, one after the other.
struct Joined<'a>(Vec<&'a str>);

impl Display for Joined<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|piece| f.write_str(piece))
    }
}

/// Every searchable record of the dossier, in a stable order.
struct Docs<'a>(&'a Dossier, &'a Linked);

impl Serialize for Docs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (d, l) = (self.0, self.1);
        let mut seq = s.serialize_seq(None)?;
        for (id, a) in d.articles.with_ids() {
            let la = l.article(id);
            seq.serialize_element(&Doc {
                kind: "article".into(),
                title: Cow::Borrowed(&a.title),
                url: Url::article(&a.slug),
                text: joined(vec![
                    &a.source.name,
                    " ",
                    a.summary.as_deref().unwrap_or(""),
                    " ",
                    &la.body.plain,
                ]),
            })?;
            for x in &la.annotations {
                seq.serialize_element(&Doc {
                    kind: format!("{} note", x.kind.as_str()).into(),
                    title: format!("Note {} on “{}”", x.number, a.title).into(),
                    url: Url::Note(&a.slug, &x.id),
                    text: joined(vec!["“", &x.exact, "” ", &x.note.plain]),
                })?;
            }
        }
        for (id, a) in d.actors.with_ids() {
            let lt = l.actor(id);
            let aliases = a.aliases.join(", ");
            seq.serialize_element(&Doc {
                kind: "actor".into(),
                title: Cow::Borrowed(&a.name),
                url: Url::actor(&a.slug),
                text: joined(vec![
                    a.role.as_deref().unwrap_or(""),
                    " ",
                    &aliases,
                    " ",
                    &lt.plain,
                ]),
            })?;
        }
        for (id, e) in d.events.with_ids() {
            let lt = l.event(id);
            let date = e.date.human();
            seq.serialize_element(&Doc {
                kind: "event".into(),
                title: Cow::Borrowed(&e.title),
                url: Url::event(&e.slug),
                text: joined(vec![&date, " ", &lt.plain]),
            })?;
        }
        for (id, p) in d.pages.with_ids() {
            let lt = l.page(id);
            seq.serialize_element(&Doc {
                kind: "page".into(),
                title: Cow::Borrowed(&p.title),
                url: Url::page(&p.slug),
                text: joined(vec![&lt.plain]),
            })?;
        }
        seq.end()
    }
}

#[derive(Serialize)]
struct Index<'a> {
    docs: Docs<'a>,
}

/// Escapes `<` as `\u003c` on the way through: in JSON it can only stand
/// inside strings, where the escape means the same, and a `</script>` in a
/// text can then never end a script element the index is inlined into.
struct EscapeLt<W>(W);

impl<W: Write> Write for EscapeLt<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut last = 0;
        for (i, b) in buf.iter().enumerate() {
            if *b == b'<' {
                self.0.write_all(&buf[last..i])?;
                self.0.write_all(b"\\u003c")?;
                last = i + 1;
            }
        }
        self.0.write_all(&buf[last..])?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes `search-index.js`: `window.DOSSIER_SEARCH = {"docs": [...]};`.
pub(super) fn write_index_js(d: &Dossier, l: &Linked, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    out.write_all(b"window.DOSSIER_SEARCH = ")?;
    serde_json::to_writer(EscapeLt(&mut out), &Index { docs: Docs(d, l) })?;
    out.write_all(b";\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::EscapeLt;
    use std::io::Write;

    #[test]
    fn less_than_is_escaped_across_writes() {
        let mut out = Vec::new();
        let mut w = EscapeLt(&mut out);
        w.write_all(b"{\"t\":\"a</script>").unwrap();
        w.write_all(b"<b\"}").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"t\":\"a\\u003c/script>\\u003cb\"}"
        );
    }
}
