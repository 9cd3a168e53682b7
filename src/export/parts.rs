//! A file of lines split into parts of bounded size: no output file may
//! pass 25 MB (GitHub Pages' soft limit, SPEC §8), and a large dossier's
//! entities pass it many times over.

use super::Record;
use crate::render::Sink;
use std::io::Write;

/// The most bytes a part holds, well under 25 MB (one line more may not
/// fit, so a part never passes it). An edit changes the part its lines
/// are in, and the parts after it only when the change in its lines'
/// length moves a cut (parts are cut greedily): the smaller the parts,
/// the fewer bytes `serve` writes again and a `gh-pages` history keeps.
pub(super) const PART_BYTES: usize = 8 << 20;

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
                if starts_part(written, pending.len(), limit) {
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

/// Whether a line of `len` bytes (its newline included) starts a new part
/// after `written` bytes: the one rule of [`write_lines`] and [`cuts`].
fn starts_part(written: usize, len: usize, limit: usize) -> bool {
    written > 0 && written + len > limit
}

/// Where [`write_lines`] cuts lines of `lengths` bytes (each without its
/// newline) into parts of at most `limit` bytes: the range of lines of
/// each part, at least one (empty when there is no line).
fn cuts(lengths: impl Iterator<Item = usize>, limit: usize) -> Vec<std::ops::Range<usize>> {
    let mut cuts = Vec::new();
    let (mut start, mut written, mut count) = (0, 0, 0);
    for (i, len) in lengths.enumerate() {
        if starts_part(written, len + 1, limit) {
            cuts.push(start..i);
            (start, written) = (i, 0);
        }
        written += len + 1;
        count = i + 1;
    }
    cuts.push(start..count);
    cuts
}

/// [`write_lines`] for lines already made (a partial build's, most of them
/// pieces kept from the last one), each with what stands for it (the same
/// values, the same bytes): the same parts, each handed over by
/// [`Reuse::hand_over`] (not even put together when its lines are those
/// the last build handed over), on every core. Returns the paths written.
///
/// [`Reuse::hand_over`]: crate::incremental::Reuse::hand_over
pub(super) fn hand_over_lines(
    reuse: crate::incremental::Reuse,
    sink: &dyn Sink,
    record: &Record,
    name: &(dyn Fn(usize) -> String + Sync),
    limit: usize,
    lines: &[(&[u8], [u64; 2])],
) -> Vec<String> {
    use rayon::prelude::*;
    let cuts = cuts(lines.iter().map(|l| l.0.len()), limit);
    (cuts.into_par_iter().enumerate())
        .map(|(i, range)| {
            let path = name(i + 1);
            let part = &lines[range];
            let stands: Vec<u8> = (part.iter())
                .flat_map(|(line, [a, b])| [line.len() as u64, *a, *b])
                .flat_map(u64::to_le_bytes)
                .collect();
            let signature = xxhash_rust::xxh3::xxh3_64(&stands);
            let made = || {
                let mut bytes = Vec::with_capacity(part.iter().map(|l| l.0.len() + 1).sum());
                for (line, _) in part {
                    bytes.extend_from_slice(line);
                    bytes.push(b'\n');
                }
                bytes
            };
            record(&path, reuse.hand_over(sink, &path, signature, made));
            path
        })
        .collect()
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
    fn a_rebuild_hands_over_only_the_parts_whose_lines_changed() {
        use crate::incremental::{Pieces, Reuse};
        let pieces = Pieces::default();
        let sink = crate::output::Holding::default();
        let name = |i: usize| format!("p{i}");
        let hand = |reuse: Reuse, lines: &[(&[u8], [u64; 2])]| {
            sink.handed.lock().unwrap().clear();
            hand_over_lines(reuse, &sink, &|_, r| r.unwrap(), &name, 8, lines);
            let mut handed = sink.handed.lock().unwrap().clone();
            handed.sort();
            handed
        };
        let lines: Vec<(&[u8], [u64; 2])> =
            vec![(b"aaa", [1, 0]), (b"bbb", [2, 0]), (b"ccc", [3, 0])];
        assert_eq!(
            hand(Reuse::new(Some(&pieces), None, None), &lines),
            ["p1", "p2"]
        );
        let none = std::collections::HashSet::new();
        let next = || Reuse::new(Some(&pieces), Some(&none), Some(&none));
        assert!(
            hand(next(), &lines).is_empty(),
            "the same lines: nothing handed over"
        );
        // The last line made again (another build), to the same bytes: the
        // part is made, found the same, and not handed over.
        let same: Vec<(&[u8], [u64; 2])> =
            vec![(b"aaa", [1, 0]), (b"bbb", [2, 0]), (b"ccc", [4, 0])];
        assert!(hand(next(), &same).is_empty());
        let other: Vec<(&[u8], [u64; 2])> =
            vec![(b"aaa", [1, 0]), (b"bbb", [2, 0]), (b"cdc", [5, 0])];
        assert_eq!(hand(next(), &other), ["p2"]);
        assert_eq!(sink.files.lock().unwrap()["p2"], b"cdc\n");
    }

    #[test]
    fn lines_made_already_are_cut_as_streamed_ones() {
        let lines: Vec<Vec<u8>> = (0..40)
            .map(|i| vec![b'a' + (i % 26) as u8; (i * 7) % 13])
            .collect();
        for limit in [1, 2, 5, 8, 13, 30, 1000] {
            for n in [0, 1, 2, 7, 40] {
                let streamed = Collect::default();
                write_lines(
                    &streamed,
                    &|_, r| r.unwrap(),
                    &|i| format!("p{i}"),
                    limit,
                    lines[..n].iter(),
                    &|l, out| {
                        out.extend_from_slice(l);
                        Ok(())
                    },
                );
                let made = Collect::default();
                let slices: Vec<(&[u8], [u64; 2])> =
                    lines[..n].iter().map(|l| (l.as_slice(), [0, 0])).collect();
                let reuse = crate::incremental::Reuse::default();
                hand_over_lines(
                    reuse,
                    &made,
                    &|_, r| r.unwrap(),
                    &|i| format!("p{i}"),
                    limit,
                    &slices,
                );
                let (mut a, mut b) = (streamed.into_files(), made.into_files());
                a.sort_by(|x, y| x.path.cmp(&y.path));
                b.sort_by(|x, y| x.path.cmp(&y.path));
                assert_eq!(a, b, "{n} lines, limit {limit}");
            }
        }
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
