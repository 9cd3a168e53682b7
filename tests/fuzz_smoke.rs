//! Fuzz smoke test on stable Rust: the cargo-fuzz entry points of `fuzz/`
//! (front matter parsing, mention linking, quote anchoring) fed with
//! arbitrary bytes and with random mutations of real content files, a few
//! thousand cases per run. None may panic. The real, coverage-guided fuzzing
//! needs nightly: see "Fuzzing" in the README.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod entries;

use proptest::prelude::*;

/// Real content files to mutate: every kind of item, with annotations,
/// mentions, `@/` links and block scalars.
const FILES: &[&str] = &[
    include_str!("fixtures/broken-base/content/articles/boil-water-notice-after-e-coli.md"),
    include_str!(
        "fixtures/broken-base/content/articles/state-report-plant-ran-without-chlorine.md"
    ),
    include_str!("fixtures/broken-base/content/actors/denise-okafor.md"),
    include_str!("fixtures/broken-base/content/events/boil-water-notice.md"),
    include_str!("fixtures/broken-base/book.toml"),
];

/// Bytes that break things: fences, YAML and Markdown syntax, multi-byte
/// characters cut in half, invalid UTF-8, control characters.
const NASTY: &[&[u8]] = &[
    b"---\n",
    b"\n---",
    b"...\n",
    b": ",
    b"\"",
    b"'",
    b"[",
    b"]",
    b"{",
    b"- ",
    b"\t",
    b"#",
    b"*",
    b"_",
    b"`",
    b"```",
    b"<",
    b">",
    b"&",
    b"\\",
    b"@/",
    b"](@/actors/x.md)",
    b"\r\n",
    b"\0",
    b"\x01",
    b"\xff",
    b"\xe2\x80",
    "“".as_bytes(),
    "Ж".as_bytes(),
    "🙂".as_bytes(),
    b"\xef\xbb\xbf",
    b"<!--",
    b"<script>",
    b"|",
    b"\n\n",
    b"    ",
    b"2021-13-45",
    b"occurrence: 0",
    b"~~~",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, Vec<u8>),
    Delete(f64, usize),
    Duplicate(f64, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let bytes = prop_oneof![
        3 => prop::sample::select(NASTY).prop_map(<[u8]>::to_vec),
        1 => prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        3 => (0.0f64..1.0, bytes).prop_map(|(at, b)| Edit::Insert(at, b)),
        2 => (0.0f64..1.0, 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (0.0f64..1.0, 1usize..80).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ]
}

/// A real file with a few random edits, at byte (not character) positions.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(FILES),
        prop::collection::vec(edit(), 1..6),
    )
        .prop_map(|(file, edits)| {
            let mut b = file.as_bytes().to_vec();
            for e in edits {
                let at = |f: f64, b: &[u8]| ((f * b.len() as f64) as usize).min(b.len());
                match e {
                    Edit::Insert(f, ins) => {
                        let i = at(f, &b);
                        b.splice(i..i, ins);
                    }
                    Edit::Delete(f, n) => {
                        let i = at(f, &b);
                        let j = (i + n).min(b.len());
                        b.drain(i..j);
                    }
                    Edit::Duplicate(f, n) => {
                        let i = at(f, &b);
                        let j = (i + n).min(b.len());
                        let copy = b[i..j].to_vec();
                        b.splice(j..j, copy);
                    }
                }
            }
            b
        })
}

fn input() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => mutated(),
        1 => prop::collection::vec(any::<u8>(), 0..600),
        1 => "[-a-zA-Z:\\[\\]{}\"' \n*_`#>@/().|\u{1}“”—Ж]{0,300}".prop_map(String::into_bytes),
    ]
}

/// `cases` cases, unless `PROPTEST_CASES` asks for another number.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        // Failures are reported by the seed; no regression files in tests/.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn front_matter_never_panics(data in input()) {
        entries::front_matter(&data);
    }

    #[test]
    fn mention_linking_never_panics(data in input(), names in "[A-Za-z|Ж .-]{0,40}") {
        // Names first, then the (mutated) file as the Markdown.
        let mut bytes = names.into_bytes();
        bytes.push(b'\n');
        bytes.extend(data);
        entries::mention_linking(&bytes);
    }
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn quote_anchoring_never_panics(
        body in input(),
        quotes in prop::collection::vec("[a-zA-Z .“”\"'*_\u{1}Ж-]{0,30}", 2),
        names in prop::collection::vec("[A-Za-zЖ .]{0,16}", 2),
        tail in prop::collection::vec(any::<u8>(), 0..4),
    ) {
        let mut bytes = body;
        for field in quotes.iter().chain(&names) {
            bytes.push(0);
            bytes.extend_from_slice(field.as_bytes());
        }
        bytes.extend(tail);
        entries::quote_anchoring(&bytes);
    }

    #[test]
    fn quotes_taken_from_the_body_anchor_without_panicking(
        file in prop::sample::select(&FILES[..2]),
        from in 0.0f64..1.0,
        len in 0usize..60,
    ) {
        // Bodies of real articles, quotes cut at arbitrary byte positions.
        let body = file.splitn(3, "---\n").nth(2).unwrap_or("");
        let mut i = ((from * body.len() as f64) as usize).min(body.len());
        while !body.is_char_boundary(i) { i -= 1; }
        let mut j = (i + len).min(body.len());
        while !body.is_char_boundary(j) { j -= 1; }
        let data = format!("{body}\0{}\0{}\0Denise Okafor\0Harlow Falls Water Authority", &body[i..j], &body[j..]);
        entries::quote_anchoring(data.as_bytes());
    }
}

proptest! {
    #![proptest_config(config(150))]

    #[test]
    fn the_whole_pipeline_never_panics(
        body in prop_oneof![
            3 => prop::sample::select(&FILES[..2]).prop_map(|f| f.splitn(3, "---\n").nth(2).unwrap_or("").to_string()),
            1 => input().prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        ],
        dates in prop::collection::vec(
            prop_oneof![
                "[0-9]{4}(-[01][0-9](-[0-3][0-9])?)?",
                prop::sample::select(&["0000", "9999-12-31", "0001-01", "2023-08-14", "2024-02-29"][..]).prop_map(str::to_string),
            ],
            3,
        ),
        quote in "[a-zA-Z ,.]{0,20}",
        title in "[a-zA-Z <>&\"'Ж]{0,20}",
    ) {
        let data = format!("{body}\0{}\0{}\0{quote}\0{title}\0{}", dates[0], dates[1], dates[2]);
        entries::pipeline(data.as_bytes());
    }
}
