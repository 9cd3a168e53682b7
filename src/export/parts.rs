//! A file of lines split into parts of bounded size: no output file may
//! pass 25 MB (GitHub Pages' soft limit, SPEC §8), and a large dossier's
//! entities pass it many times over.

use super::Record;
use crate::render::Sink;
use std::io::Write;

/// The most bytes a part holds, well under 25 MB (one line more may not
/// fit, so a part never passes it).
pub(super) const PART_BYTES: usize = 20 << 20;

/// Writes one line per item (`line` serialises an item, without the
/// newline) into as many files as needed to keep each under `limit`
/// bytes: `name(1)`, `name(2)`, … A line longer than `limit` gets a part
/// of its own. At least one file is written, empty if there are no items.
/// Returns the paths written.
pub(super) fn write_lines<T>(
    sink: &dyn Sink,
    record: &Record,
    name: &dyn Fn(usize) -> String,
    limit: usize,
    items: impl Iterator<Item = T>,
    line: &dyn Fn(&T, &mut Vec<u8>) -> std::io::Result<()>,
) -> Vec<String> {
    let mut items = items.peekable();
    let mut pending = Vec::new();
    let mut paths = Vec::new();
    for part in 1.. {
        let path = name(part);
        let res = sink.stream(&path, &mut |w| {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
            let mut written = 0;
            loop {
                if pending.is_empty() {
                    let Some(item) = items.next() else { break };
                    line(&item, &mut pending)?;
                    pending.push(b'\n');
                }
                if written > 0 && written + pending.len() > limit {
                    break;
                }
                w.write_all(&pending)?;
                written += pending.len();
                pending.clear();
            }
            w.flush()
        });
        let failed = res.is_err();
        record(&path, res);
        paths.push(path);
        if failed || (pending.is_empty() && items.peek().is_none()) {
            break;
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Collect;

    fn split(n: usize, limit: usize) -> Vec<(String, String)> {
        let sink = Collect::default();
        let name = |i: usize| format!("p{i}.txt");
        let paths = write_lines(&sink, &|_, r| r.unwrap(), &name, limit, 0..n, &|i, out| {
            write!(out, "{i:03}")
        });
        let files: Vec<_> = sink
            .into_files()
            .into_iter()
            .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
            .collect();
        assert_eq!(paths, files.iter().map(|f| f.0.clone()).collect::<Vec<_>>());
        files
    }

    #[test]
    fn lines_split_into_parts_under_the_limit() {
        let files = split(5, 8);
        let texts: Vec<&str> = files.iter().map(|f| f.1.as_str()).collect();
        assert_eq!(texts, ["000\n001\n", "002\n003\n", "004\n"]);
        assert_eq!(split(2, 100), [("p1.txt".into(), "000\n001\n".into())]);
        // Nothing to write: one empty file; a line over the limit: alone.
        assert_eq!(split(0, 100), [("p1.txt".into(), String::new())]);
        assert_eq!(split(2, 2).len(), 2);
    }
}
