//! Bad input never costs the reader the site.
//!
//! Every case copies the valid fixture `tests/fixtures/broken-base` (a small
//! dossier about a town's contaminated water supply) to a temporary
//! directory, builds it once successfully, applies one breakage written out
//! in the test, and runs the real binary again. Each case asserts the exit
//! status, that stderr names the file (with `file:line:col` where there is a
//! place) and gives a hint, and that the previous `book/` is byte-for-byte
//! what the good build wrote, with no temporary directory left beside it.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

const ARTICLE_1: &str = "content/articles/boil-water-notice-after-e-coli.md";
const ARTICLE_2: &str = "content/articles/state-report-plant-ran-without-chlorine.md";
const OKAFOR: &str = "content/actors/denise-okafor.md";
const AUTHORITY: &str = "content/actors/harlow-falls-water-authority.md";
const DEQ: &str = "content/actors/state-deq.md";
const NOTICE: &str = "content/events/boil-water-notice.md";
const REPORT: &str = "content/events/state-report-released.md";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-base")
}

/// Every file under `dir`, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the dossier binary")
}

/// A copy of the fixture with a good `book/` built from it.
struct Case {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    good: BTreeMap<PathBuf, Vec<u8>>,
}

impl Case {
    fn new() -> Case {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("harlow-falls");
        common::copy_tree(&fixture(), &root);
        let out = run(&["build".as_ref(), root.as_os_str()]);
        assert!(
            out.status.success(),
            "the base fixture must build:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let good = snapshot(&root.join("book"));
        assert!(good.contains_key(Path::new("index.html")));
        Case {
            _tmp: tmp,
            root,
            good,
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Case {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, contents).unwrap();
        self
    }

    /// Replaces exactly one occurrence of `from` in a file.
    fn edit(&self, rel: &str, from: &str, to: &str) -> &Case {
        let text = self.read(rel);
        assert_eq!(
            text.matches(from).count(),
            1,
            "`{from}` must occur once in {rel}"
        );
        self.write(rel, text.replacen(from, to, 1))
    }

    fn remove(&self, rel: &str) -> &Case {
        std::fs::remove_file(self.path(rel)).unwrap();
        self
    }

    fn build(&self) -> Output {
        run(&["build".as_ref(), self.root.as_os_str()])
    }

    /// Builds (and checks) the broken dossier: exit 1, every `expected`
    /// string in stderr, and the previous output untouched. Returns stderr.
    fn fails(&self, expected: &[&str]) -> String {
        let check = run(&["check".as_ref(), self.root.as_os_str()]);
        let out = self.build();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "exit status; stderr:\n{stderr}");
        assert_eq!(check.status.code(), Some(1), "`check` exit status");
        // `build` adds that it wrote nothing; `check` never writes.
        assert_eq!(
            format!(
                "{}; nothing was written\n",
                String::from_utf8_lossy(&check.stderr).trim_end()
            ),
            stderr,
            "`check` and `build` report the same"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        for e in expected {
            assert!(stderr.contains(e), "stderr lacks {e:?}:\n{stderr}");
        }
        assert!(
            stderr.contains("= hint: "),
            "every error has a hint:\n{stderr}"
        );
        let errors =
            stderr.matches("\nerror: ").count() + usize::from(stderr.starts_with("error: "));
        assert_eq!(
            errors,
            stderr.matches("= hint: ").count(),
            "one hint per error:\n{stderr}"
        );
        self.assert_site_intact();
        stderr
    }

    fn assert_site_intact(&self) {
        let now = snapshot(&self.root.join("book"));
        assert_eq!(
            now.keys().collect::<Vec<_>>(),
            self.good.keys().collect::<Vec<_>>(),
            "the previous site has the same files"
        );
        for (path, bytes) in &self.good {
            assert!(now[path] == *bytes, "{} changed", path.display());
        }
        let leftovers = common::entries_starting(&self.root, ".book");
        assert!(
            leftovers.is_empty(),
            "temporary output left behind: {leftovers:?}"
        );
    }
}

/// `file:line:col` as printed in a diagnostic's `-->` line.
fn at(file: &str, line: usize, col: usize) -> String {
    format!("--> {file}:{line}:{col}")
}

/// The 1-based line of the first line of `file` containing `needle`.
fn line_of(case: &Case, file: &str, needle: &str) -> usize {
    case.read(file)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not in {file}"))
        + 1
}

// ---------------------------------------------------------------- usage

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["build", "--nope"][..],
        &["frobnicate"],
        &[],
        &["check", "a", "b"],
        &["build", "-d"],
    ] {
        let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
}

#[test]
fn a_folder_without_book_toml_is_reported_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let out = run(&["build".as_ref(), tmp.path().join("nowhere").as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("no book.toml"), "{stderr}");
    assert!(stderr.contains("hint"), "{stderr}");
}

// ---------------------------------------------------------- front matter

#[test]
fn yaml_syntax_error_is_placed_at_the_line_in_the_file() {
    let c = Case::new();
    // An unquoted colon in a title: the most common YAML mistake.
    c.edit(
        ARTICLE_2,
        "title: \"State report: Harlow Falls water plant ran without chlorine for 36 hours\"",
        "title: State report: Harlow Falls water plant ran without chlorine for 36 hours",
    );
    let err = c.fails(&[
        &at(ARTICLE_2, 2, 20),
        "2 | title: State report: Harlow Falls",
        "quote text containing `: `",
    ]);
    assert!(err.contains("1 error found"), "{err}");
}

#[test]
fn yaml_syntax_error_deep_in_the_front_matter() {
    let c = Case::new();
    // A list left open inside the annotations.
    c.edit(
        ARTICLE_1,
        "    actors: [harlow-falls-water-authority, state-deq]",
        "    actors: [harlow-falls-water-authority, state-deq",
    );
    let line = line_of(&c, ARTICLE_1, "authority, state-deq");
    c.fails(&[
        &at(ARTICLE_1, line, 13),
        "a list `[` opened here is not closed",
        "end the list with `]`",
    ]);
}

#[test]
fn yaml_unclosed_quote_is_placed_where_it_opens() {
    let c = Case::new();
    c.edit(ARTICLE_1, "in city supply\"", "in city supply");
    c.fails(&[
        &at(ARTICLE_1, 2, 8),
        "a quotation mark opened here is not closed",
        "end the text with the same quotation mark",
    ]);
}

#[test]
fn yaml_tab_indentation() {
    let c = Case::new();
    c.edit(
        ARTICLE_2,
        "  name: \"Valley Public Radio\"",
        "\tname: \"Valley Public Radio\"",
    );
    c.fails(&[&at(ARTICLE_2, 4, 1), "tabs are not allowed"]);
}

#[test]
fn yaml_duplicate_field() {
    let c = Case::new();
    c.edit(
        OKAFOR,
        "role: \"Mayor of Harlow Falls\"",
        "role: \"Mayor of Harlow Falls\"\nname: Okafor",
    );
    c.fails(&[
        &at(OKAFOR, 5, 1),
        "the field `name` appears twice",
        "keep only one",
    ]);
}

#[test]
fn missing_front_matter() {
    let c = Case::new();
    c.write(
        OKAFOR,
        "name: Denise Okafor\nkind: person\n\nMayor of Harlow Falls.\n",
    );
    c.fails(&[
        &at(OKAFOR, 1, 1),
        "missing front matter",
        "start the file with a line `---`",
    ]);
}

#[test]
fn unclosed_front_matter() {
    let c = Case::new();
    c.write(
        REPORT,
        "---\ntitle: \"State regulator publishes its findings\"\ndate: 2023-08-30\n\nThe State Department of Environmental Quality reported.\n",
    );
    c.fails(&[
        REPORT,
        "the front matter is not closed",
        "end the front matter with a line `---`",
    ]);
}

#[test]
fn empty_file() {
    let c = Case::new();
    c.write("content/events/council-vote.md", "");
    c.fails(&["content/events/council-vote.md", "the file is empty"]);
}

#[test]
fn file_of_only_whitespace_and_bom() {
    let c = Case::new();
    c.write("content/actors/county-health.md", "\u{feff}\n  \n");
    c.fails(&["content/actors/county-health.md", "the file is empty"]);
}

#[test]
fn non_utf8_file() {
    let c = Case::new();
    let mut bytes = c.read(DEQ).into_bytes();
    // A Latin-1 byte on the profile (line 7), after "The state regulator ".
    let at_byte = bytes
        .windows(19)
        .position(|w| w == b"The state regulator")
        .unwrap()
        + 19;
    bytes.splice(at_byte..at_byte, [b' ', 0xff, 0xe9]);
    c.write(DEQ, bytes);
    c.fails(&[
        &at(DEQ, 7, 21),
        "not valid UTF-8",
        "save the file with UTF-8 encoding",
    ]);
}

#[test]
fn non_utf8_book_toml() {
    let c = Case::new();
    c.write("book.toml", b"[book]\ntitle = \"Harlow Falls \xff\"\n");
    c.fails(&[&at("book.toml", 2, 23), "not valid UTF-8"]);
}

#[test]
fn non_utf8_seed() {
    let c = Case::new();
    let mut seed = std::fs::read(c.path("seeds/002_valley_radio.txt")).unwrap();
    seed.extend_from_slice(b"\nCaf\xe9 owners were told to close.\n");
    c.write("seeds/002_valley_radio.txt", seed);
    c.fails(&[
        "seeds/002_valley_radio.txt",
        "not valid UTF-8",
        "convert the seed to UTF-8",
    ]);
}

#[test]
fn file_names_must_be_slugs() {
    let c = Case::new();
    let okafor = c.read(OKAFOR);
    c.remove(OKAFOR);
    c.write("content/actors/Bad Name.md", okafor);
    c.write(
        "content/events/Council-Vote.md",
        "---\ntitle: Council votes on an audit\ndate: 2023-09\n---\nThe council votes.\n",
    );
    let err = c.fails(&[
        "content/actors/Bad Name.md",
        "`Bad Name` is not a valid slug",
        "rename it to `bad-name.md`",
        "content/events/Council-Vote.md",
        "rename it to `council-vote.md`",
    ]);
    // The renamed actor no longer exists under its slug: the references to
    // it are reported too, in the same run.
    assert!(err.contains("no actor `denise-okafor`"), "{err}");
}

#[test]
fn markdown_files_with_another_extension_are_not_silently_skipped() {
    let c = Case::new();
    c.write(
        "content/actors/county-health.MD",
        "---\nname: County Health Department\nkind: organisation\n---\nThe county.\n",
    );
    c.fails(&[
        "content/actors/county-health.MD",
        "rename it to `county-health.md`",
    ]);
}

#[test]
fn unknown_key_in_front_matter_with_did_you_mean() {
    let c = Case::new();
    c.edit(REPORT, "title:", "titel:");
    c.fails(&[
        &at(REPORT, 2, 1),
        "unknown field `titel`",
        "did you mean `title`?",
    ]);
}

#[test]
fn unknown_key_in_an_annotation() {
    let c = Case::new();
    c.edit(
        ARTICLE_2,
        "  - quote: \"about 36 hours\"",
        "  - qoute: \"about 36 hours\"",
    );
    let line = line_of(&c, ARTICLE_2, "qoute:");
    c.fails(&[
        &at(ARTICLE_2, line, 5),
        "unknown field `qoute`",
        "did you mean `quote`?",
    ]);
}

#[test]
fn missing_required_field() {
    let c = Case::new();
    c.edit(NOTICE, "date: 2023-08-14\n", "");
    c.fails(&[NOTICE, "missing field `date`", "add the field"]);
}

#[test]
fn wrong_types_in_front_matter() {
    let c = Case::new();
    // A single slug where a list is expected, and a word for a number.
    c.edit(
        REPORT,
        "actors: [state-deq, harlow-falls-water-authority]",
        "actors: state-deq",
    );
    c.edit(
        ARTICLE_2,
        "    kind: context\n",
        "    kind: context\n    occurrence: first\n",
    );
    let occ = line_of(&c, ARTICLE_2, "occurrence: first");
    let err = c.fails(&[
        &at(REPORT, 4, 9),
        "expected a list",
        &at(ARTICLE_2, occ, 17),
        "expected a whole number, at least 1",
    ]);
    assert!(
        !err.contains("struct"),
        "no Rust type names in messages:\n{err}"
    );
}

#[test]
fn front_matter_that_is_not_a_mapping() {
    let c = Case::new();
    c.write(
        DEQ,
        "---\n- State Department of Environmental Quality\n- organisation\n---\nThe regulator.\n",
    );
    let err = c.fails(&[&format!("--> {DEQ}:2:"), "front matter"]);
    assert!(
        !err.contains("ActorFm"),
        "no Rust type names in messages:\n{err}"
    );
}

#[test]
fn invalid_dates() {
    let c = Case::new();
    c.edit(ARTICLE_1, "published: 2023-08-14", "published: 2021-13-45");
    c.edit(NOTICE, "end: 2023-08-29", "end: 2023-02-30");
    c.edit(REPORT, "date: 2023-08-30", "date: 30/08/2023");
    c.fails(&[
        &format!("--> {ARTICLE_1}:6:"),
        "`2021-13-45` has no month 13",
        &format!("--> {NOTICE}:4:"),
        "`2023-02-30` does not exist",
        &format!("--> {REPORT}:3:"),
        "`30/08/2023` is not a date",
        "YYYY-MM-DD",
    ]);
}

#[test]
fn event_that_ends_before_it_starts() {
    let c = Case::new();
    c.edit(NOTICE, "end: 2023-08-29", "end: 2023-08-01");
    c.fails(&[
        &at(NOTICE, 4, 6),
        "the event ends (2023-08-01) before it starts (2023-08-14)",
        "swap `date` and `end`",
    ]);
}

#[test]
fn unknown_kind_with_did_you_mean() {
    let c = Case::new();
    c.edit(OKAFOR, "kind: person", "kind: persn");
    c.edit(ARTICLE_1, "kind: contradiction", "kind: contradicton");
    let ann = line_of(&c, ARTICLE_1, "kind: contradicton");
    c.fails(&[
        &at(OKAFOR, 3, 7),
        "unknown variant `persn`",
        "did you mean `person`?",
        &at(ARTICLE_1, ann, 11),
        "did you mean `contradiction`?",
    ]);
}

#[test]
fn empty_title() {
    let c = Case::new();
    c.edit(
        REPORT,
        "title: \"State regulator publishes its findings\"",
        "title: \"\"",
    );
    c.fails(&[&at(REPORT, 2, 8), "`title` is empty"]);
}

// -------------------------------------------------------------- book.toml

#[test]
fn book_toml_unknown_keys_with_did_you_mean() {
    let c = Case::new();
    c.edit("book.toml", "build-dir = \"book\"", "build-dri = \"book\"");
    c.fails(&[
        &at("book.toml", 8, 1),
        "unknown field `build-dri`",
        "did you mean `build-dir`?",
    ]);
}

#[test]
fn book_toml_unknown_table() {
    let c = Case::new();
    c.write(
        "book.toml",
        format!(
            "{}\n[ouput.html]\nallow-raw-html = true\n",
            c.read("book.toml")
        ),
    );
    c.fails(&[
        "book.toml:",
        "unknown field `ouput`",
        "did you mean `output`?",
    ]);
}

#[test]
fn book_toml_wrong_types() {
    let c = Case::new();
    c.edit(
        "book.toml",
        "authors = [\"dossier test fixtures\"]",
        "authors = \"dossier test fixtures\"",
    );
    c.fails(&[
        &at("book.toml", 4, 11),
        "invalid type: string",
        "expected a list",
    ]);
}

#[test]
fn book_toml_syntax_error() {
    let c = Case::new();
    c.edit("book.toml", "language = \"en\"", "language = en");
    c.fails(&[&at("book.toml", 5, 12), "book.toml"]);
}

#[test]
fn book_toml_missing_title() {
    let c = Case::new();
    c.write("book.toml", "[book]\nlanguage = \"en\"\n");
    c.fails(&["book.toml", "missing field `title`"]);
}

#[test]
fn missing_content_directory() {
    let c = Case::new();
    std::fs::rename(c.path("content"), c.path("contents")).unwrap();
    c.fails(&["content", "the content directory does not exist"]);
}

// ------------------------------------------------------------ references

#[test]
fn dangling_typed_references_name_the_target() {
    let c = Case::new();
    c.edit(
        REPORT,
        "actors: [state-deq, harlow-falls-water-authority]",
        "actors: [state-deq, harlow-falls-water-authorty, city-council]",
    );
    c.edit(
        ARTICLE_2,
        "    events: [boil-water-notice]",
        "    events: [boil-water-advisory]",
    );
    let ev = line_of(&c, ARTICLE_2, "boil-water-advisory");
    c.fails(&[
        &at(REPORT, 4, 21),
        "no actor `harlow-falls-water-authorty`",
        "did you mean `harlow-falls-water-authority`?",
        &at(REPORT, 4, 50),
        "no actor `city-council`",
        "create content/actors/city-council.md",
        &at(ARTICLE_2, ev, 14),
        "no event `boil-water-advisory`",
        "did you mean `boil-water-notice`?",
    ]);
}

#[test]
fn dangling_at_links_name_the_target() {
    let c = Case::new();
    c.edit(
        AUTHORITY,
        "(@/events/state-report-released.md)",
        "(@/events/state-report.md)",
    );
    c.edit(
        ARTICLE_1,
        "(@/articles/state-report-plant-ran-without-chlorine.md)",
        "(@/articles/state-report-plant-ran-without-chlorin.md)",
    );
    c.edit(
        OKAFOR,
        "(@/events/boil-water-notice.md)",
        "(@/events/boil-water-notice)",
    );
    let line = line_of(&c, AUTHORITY, "@/events/state-report.md");
    let note = line_of(&c, ARTICLE_1, "without-chlorin.md");
    c.fails(&[
        &format!("--> {AUTHORITY}:{line}:"),
        "content/events/state-report.md",
        "did you mean `@/events/state-report-released.md`?",
        &format!("--> {ARTICLE_1}:{note}:"),
        "articles/state-report-plant-ran-without-chlorin.md",
        "did you mean `@/articles/state-report-plant-ran-without-chlorine.md`?",
        OKAFOR,
        "`@/events/boil-water-notice` must end in `.md`",
    ]);
}

#[test]
fn alias_claimed_by_two_actors_names_both() {
    let c = Case::new();
    c.edit(
        AUTHORITY,
        "aliases: [\"HFWA\"]",
        "aliases: [\"HFWA\", \"DEQ\"]",
    );
    c.fails(&[
        &at(DEQ, 5, 11),
        "`DEQ` is claimed by both actors/harlow-falls-water-authority and actors/state-deq",
        "remove it from one of them",
    ]);
}

#[test]
fn alias_claimed_by_an_actor_and_an_event() {
    let c = Case::new();
    c.edit(
        NOTICE,
        "aliases: [\"boil-water notice\"]",
        "aliases: [\"boil-water notice\", \"Mayor Okafor\"]",
    );
    c.fails(&[
        "`Mayor Okafor` is claimed by both actors/denise-okafor and events/boil-water-notice",
    ]);
}

// ----------------------------------------------------------- annotations

#[test]
fn annotation_quote_not_found() {
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "quote: \"did not affect water quality\"",
        "quote: \"did not affect the water quality\"",
    );
    let line = line_of(&c, ARTICLE_1, "did not affect the water");
    c.fails(&[
        &at(ARTICLE_1, line, 5),
        "the quote \"did not affect the water quality\" is not in the body",
        "the body has \"did not affect\" but then differs",
    ]);
}

#[test]
fn annotation_quote_ambiguous() {
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "quote: \"those complaints were unrelated\"",
        "quote: \"the authority\"",
    );
    let line = line_of(&c, ARTICLE_1, "quote: \"the authority\"");
    c.fails(&[
        &at(ARTICLE_1, line, 5),
        "the quote \"the authority\" appears 2 times in the body",
        "add `occurrence: N` (1 to 2)",
    ]);
}

#[test]
fn a_source_address_that_would_run_code() {
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "url: \"https://gazette.example/harlow-falls/boil-water\"",
        "url: \" JavaScript:alert(document.domain)\"",
    );
    let line = line_of(&c, ARTICLE_1, "JavaScript:alert");
    c.fails(&[
        &at(ARTICLE_1, line, 8),
        "a `javascript:` source address would run code in the reader's browser",
    ]);
}

#[test]
fn annotation_with_an_empty_note() {
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "    note: >-\n      No test results for Eastgate are given; the claim is the authority's alone.\n",
        "    note: \"  \"\n",
    );
    let line = line_of(&c, ARTICLE_1, "note: \"  \"");
    c.fails(&[
        &at(ARTICLE_1, line, 11),
        "the annotation's note is empty",
        "the note is the annotation",
    ]);
}

/// An occurrence below 1 (0 or negative) and an empty quote are each told
/// once, as what they are, not again as a quote that is not found.
#[test]
fn annotation_occurrence_below_one_and_an_empty_quote_one_error_each() {
    for written in ["0", "-1"] {
        let c = Case::new();
        c.edit(
            ARTICLE_1,
            "    kind: claim\n",
            &format!("    kind: claim\n    occurrence: {written}\n"),
        );
        let line = line_of(&c, ARTICLE_1, &format!("occurrence: {written}"));
        let stderr = c.fails(&[
            &at(ARTICLE_1, line, 17),
            "error: `occurrence` counts from 1",
            "use `occurrence: 1` for the first time the quote appears",
        ]);
        assert!(
            stderr.ends_with("1 error found; nothing was written\n"),
            "{stderr}"
        );
    }
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "quote: \"those complaints were unrelated\"",
        "quote: \" \"",
    );
    let stderr = c.fails(&["error: the annotation's quote is empty"]);
    assert!(
        stderr.ends_with("1 error found; nothing was written\n"),
        "{stderr}"
    );
}

/// An annotation's id written twice or wrong leaves its article loaded:
/// the run still tells the article's other errors (here a missing event
/// and a quote not in the text), not only the id.
#[test]
fn an_annotation_id_error_does_not_hide_the_articles_other_errors() {
    let c = Case::new();
    c.edit(
        ARTICLE_2,
        "  - quote: \"about 36 hours\"\n",
        "  - quote: \"about 36 hours\"\n    id: same\n",
    )
    .edit(
        ARTICLE_2,
        "    kind: source\n",
        "    kind: source\n    id: same\n",
    )
    .edit(
        ARTICLE_2,
        "    events: [boil-water-notice]\n",
        "    events: [no-such-event]\n  - quote: \"words the text lacks\"\n    id: Not_An_Id\n    kind: claim\n    note: \"N.\"\n",
    );
    let stderr = c.fails(&[
        "two annotations of this article have the id `same`",
        "`Not_An_Id` is not a valid annotation id",
        "no event `no-such-event`",
        "\"words the text lacks\"",
    ]);
    assert!(stderr.contains("4 errors found"), "{stderr}");
}

#[test]
fn annotation_occurrence_out_of_range() {
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "    kind: claim\n",
        "    kind: claim\n    occurrence: 2\n",
    );
    c.fails(&[
        ARTICLE_1,
        "`occurrence: 2` but the quote appears 1 time",
        "use a number from 1 to 1",
    ]);
}

#[test]
fn annotation_quotes_that_overlap() {
    let c = Case::new();
    c.edit(
        ARTICLE_2,
        "quote: \"could not confirm a link to the water\"",
        "quote: \"36 hours before E. coli\"",
    );
    c.fails(&[
        ARTICLE_2,
        "overlaps the quote \"about 36 hours\"",
        "may not overlap",
    ]);
}

// ---------------------------------------------------------------- seeds

#[test]
fn seed_outside_the_seeds_folder() {
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "seed: 001_harlow_gazette.txt",
        "seed: ../book.toml",
    );
    c.edit(ARTICLE_2, "seed: 002_valley_radio.txt", "seed: /etc/passwd");
    c.fails(&[
        &at(ARTICLE_1, 7, 7),
        "seed `../book.toml` is not a file name inside seeds/",
        &at(ARTICLE_2, 7, 7),
        "seed `/etc/passwd` is not a file name inside seeds/",
        "without folders or `..`",
    ]);
}

#[test]
fn seed_missing() {
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "seed: 001_harlow_gazette.txt",
        "seed: 001_harlow_gazete.txt",
    );
    c.edit(
        ARTICLE_2,
        "seed: 002_valley_radio.txt",
        "seed: valley-radio-interview.txt",
    );
    c.fails(&[
        &at(ARTICLE_1, 7, 7),
        "seed `001_harlow_gazete.txt` does not exist in seeds/",
        "did you mean `001_harlow_gazette.txt`?",
        &at(ARTICLE_2, 7, 7),
        "copy the verbatim source text into seeds/valley-radio-interview.txt",
    ]);
}

#[test]
fn a_seed_name_a_link_cannot_hold() {
    let c = Case::new();
    let seed = c.read("seeds/002_valley_radio.txt");
    c.remove("seeds/002_valley_radio.txt");
    c.write("seeds/Valley radio #2 50%.txt", seed);
    c.edit(
        ARTICLE_2,
        "seed: 002_valley_radio.txt",
        "seed: \"Valley radio #2 50%.txt\"",
    );
    c.fails(&[
        "seeds/Valley radio #2 50%.txt",
        "the seed's name holds a space, which a link to it cannot",
        "such as `Valley-radio-2-50-.txt`",
    ]);
}

#[test]
fn paragraph_not_in_seed_shows_closest_seed_line() {
    let c = Case::new();
    c.edit(
        ARTICLE_1,
        "at an afternoon news conference",
        "at a morning news conference",
    );
    let line = line_of(&c, ARTICLE_1, "Mayor Denise Okafor said at a morning");
    c.fails(&[
        &at(ARTICLE_1, line, 1),
        "this paragraph is not in the seed `001_harlow_gazette.txt`",
        "the closest line of the seed is: Mayor Denise Okafor said at an afternoon news conference",
    ]);
}

// ------------------------------------------------------------- templates

#[test]
fn template_syntax_error_names_template_and_line() {
    let c = Case::new();
    c.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.title }</h1>\n{% endblock content %}\n",
    );
    c.fails(&[
        "--> templates/article.html:3:",
        "template `article.html` does not parse",
    ]);
}

#[test]
fn template_render_error_names_template_and_line() {
    let c = Case::new();
    c.write(
        "templates/article.html",
        "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ article.title }}</h1>\n<p>{{ article.no_such_field }}</p>\n{% endblock content %}\n",
    );
    c.fails(&[
        "--> templates/article.html:4:",
        "article.html",
        "no_such_field",
    ]);
}

#[test]
fn template_unknown_parent() {
    let c = Case::new();
    c.write("templates/page.html", "{% extends \"bse.html\" %}\n");
    c.fails(&["templates", "bse.html"]);
}

#[test]
fn non_utf8_template() {
    let c = Case::new();
    c.write("templates/article.html", b"<h1>\xff</h1>\n");
    c.fails(&[&at("templates/article.html", 1, 5), "not valid UTF-8"]);
}

// ------------------------------------------------------ all errors at once

#[test]
fn every_error_of_a_run_is_reported_sorted_by_file() {
    let c = Case::new();
    c.edit(REPORT, "date: 2023-08-30", "date: 2023-08-32");
    c.edit(OKAFOR, "kind: person", "kind: mayor");
    c.edit(ARTICLE_2, "title:", "headline:");
    c.edit(DEQ, "aliases: [\"DEQ\"]", "aliases: [\"DEQ\", \"HFWA\"]");
    c.write("content/events/Council Vote.md", "---\ntitle: x\n---\n");
    // Errors found only when linking, reported in the same run.
    c.edit(
        ARTICLE_1,
        "quote: \"31,000 customers\"",
        "quote: \"31,000 households\"",
    );
    c.edit(
        AUTHORITY,
        "(@/events/state-report-released.md)",
        "(@/events/state-report.md)",
    );
    let err = c.fails(&[]);
    let order = [
        "--> content/actors/denise-okafor.md:3:",
        "--> content/actors/harlow-falls-water-authority.md:",
        "--> content/actors/state-deq.md:5:",
        "--> content/articles/boil-water-notice-after-e-coli.md:",
        "--> content/articles/state-report-plant-ran-without-chlorine.md:2:1",
        "--> content/events/Council Vote.md",
        "--> content/events/state-report-released.md:3:",
    ];
    let mut last = 0;
    for place in order {
        let i = err
            .find(place)
            .unwrap_or_else(|| panic!("{place} missing:\n{err}"));
        assert!(i >= last, "{place} out of order:\n{err}");
        last = i;
    }
    // `headline` is not a field, and `title` is missing: two errors.
    assert!(
        err.ends_with("8 errors found; nothing was written\n"),
        "{err}"
    );
    // The article whose front matter failed is not reported again as a
    // dangling target: only real problems are listed.
    assert!(!err.contains("no article"), "{err}");
}

#[test]
fn an_actor_that_fails_to_load_does_not_cascade_into_dangling_references() {
    let c = Case::new();
    c.edit(DEQ, "kind: organisation", "kind: agency");
    let err = c.fails(&[&at(DEQ, 3, 7), "unknown variant `agency`"]);
    assert!(!err.contains("no actor `state-deq`"), "{err}");
    assert!(err.contains("1 error found"), "{err}");
}

// ------------------------------------------------------ output directory

#[test]
fn refuses_to_write_over_the_sources() {
    let c = Case::new();
    let before = snapshot(&c.path("content"));
    for dest in [c.path("content"), c.root.clone()] {
        let out = run(&[
            "build".as_ref(),
            c.root.as_os_str(),
            "-d".as_ref(),
            dest.as_os_str(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("hint"), "{stderr}");
    }
    assert_eq!(snapshot(&c.path("content")), before);
    c.assert_site_intact();
}

#[test]
fn output_path_that_is_a_file() {
    let c = Case::new();
    let file = c.path("out.html");
    std::fs::write(&file, "keep me").unwrap();
    let out = run(&[
        "build".as_ref(),
        c.root.as_os_str(),
        "-d".as_ref(),
        file.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a file, not a directory"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn a_good_build_replaces_the_site_and_leaves_nothing_behind() {
    let c = Case::new();
    c.write("book/stale.html", "old");
    c.edit(
        REPORT,
        "State regulator publishes its findings",
        "State regulator publishes its report",
    );
    let out = c.build();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!c.path("book/stale.html").exists());
    let html = std::fs::read_to_string(c.path("book/events/state-report-released.html")).unwrap();
    assert!(html.contains("State regulator publishes its report"));
    let names: Vec<String> = std::fs::read_dir(&c.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn windows_line_endings_build_and_errors_keep_their_lines() {
    let c = Case::new();
    for f in [ARTICLE_1, ARTICLE_2, OKAFOR, AUTHORITY, DEQ, NOTICE, REPORT] {
        c.write(f, c.read(f).replace('\n', "\r\n"));
    }
    let out = c.build();
    assert!(
        out.status.success(),
        "CRLF files build: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = Case::new();
    c.write(
        REPORT,
        c.read(REPORT)
            .replace("title:", "titel:")
            .replace('\n', "\r\n"),
    );
    c.fails(&[&at(REPORT, 2, 1), "did you mean `title`?"]);
}

// ------------------------------------------------------------- escaping

const SCRIPT: &str = "</script><script>alert(1)</script>";

/// Every text output file (HTML, XML, SVG) of a built site.
fn markup_files(book: &Path) -> Vec<(String, String)> {
    snapshot(book)
        .into_iter()
        .filter(|(p, _)| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            ["html", "xml", "svg"].contains(&ext)
        })
        .map(|(p, b)| (p.display().to_string(), String::from_utf8(b).unwrap()))
        .collect()
}

/// The fixture with script and attribute-breaking text in every YAML field
/// that reaches a page, and raw HTML in the Markdown of a page and a profile.
fn hostile_case() -> Case {
    let c = Case::new();
    c.edit(
        "book.toml",
        "title = \"Harlow Falls water, August 2023\"",
        "title = \"Harlow Falls </script><script>alert(1)</script>\"",
    );
    c.edit(
        "book.toml",
        "description = \"How",
        "description = \"\\\" onmouseover=\\\"alert(1)\\\" How",
    );
    c.write(
        "book.toml",
        format!(
            "{}\n[output.html]\nsite-url = \"https://example.org/harlow/\"\n",
            c.read("book.toml")
        ),
    );
    c.edit(
        ARTICLE_1,
        "title: \"Harlow Falls issues",
        &format!("title: \"{SCRIPT} Harlow Falls issues"),
    );
    c.edit(
        ARTICLE_1,
        "name: \"Harlow Falls Gazette\"",
        &format!("name: \"{SCRIPT}\""),
    );
    c.edit(
        ARTICLE_1,
        "published: 2023-08-14",
        &format!("published: 2023-08-14\ndate_note: \"{SCRIPT}\""),
    );
    c.edit(
        ARTICLE_1,
        "summary: >-",
        "summary: >-\n  \" onmouseover=\"alert(1)\" <img src=x onerror=alert(1)>",
    );
    c.edit(
        ARTICLE_2,
        "      Consistent with the",
        &format!("      {SCRIPT} <img src=x onerror=alert(1)> Consistent with the"),
    );
    c.edit(
        OKAFOR,
        "name: \"Denise Okafor\"",
        &format!("name: \"Denise Okafor {SCRIPT}\""),
    );
    c.edit(
        OKAFOR,
        "role: \"Mayor of Harlow Falls\"",
        &format!("role: \"{SCRIPT}\""),
    );
    c.edit(
        OKAFOR,
        "Mayor of Harlow Falls. She",
        "Mayor of Harlow Falls. <b onclick=\"alert(4)\">She</b>",
    );
    c.edit(
        NOTICE,
        "title: \"Boil-water notice for all of Harlow Falls\"",
        &format!("title: \"Boil-water notice {SCRIPT}\""),
    );
    c.edit(
        NOTICE,
        "date_note: \"lifted",
        &format!("date_note: \"{SCRIPT} lifted"),
    );
    c.write(
        "content/pages/about.md",
        format!(
            "---\ntitle: \"About {SCRIPT}\"\n---\nHow this dossier was made.\n\n<script>alert(3)</script>\n\nInline <b onclick=\"alert(4)\">bold</b> text.\n"
        ),
    );
    c
}

fn built(c: &Case) -> Vec<(String, String)> {
    let out = c.build();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    markup_files(&c.path("book"))
}

#[test]
fn text_from_yaml_is_never_markup() {
    let c = hostile_case();
    let files = built(&c);
    for (path, html) in &files {
        for bad in [
            "<script>alert",
            "<img src=x",
            "onmouseover=\"",
            "<b onclick",
        ] {
            assert!(!html.contains(bad), "{path} contains {bad:?}");
        }
    }
    let page = |p: &str| {
        &files
            .iter()
            .find(|(f, _)| f == p)
            .unwrap_or_else(|| panic!("{p}"))
            .1
    };
    let shown = "&lt;script&gt;alert(1)&lt;&#x2F;script&gt;";
    let shown_plain = "&lt;script&gt;alert(1)&lt;/script&gt;";
    let has = |p: &str| page(p).contains(shown) || page(p).contains(shown_plain);
    // Article title and source, actor name and role, event title, the note,
    // the page title: each shown as text where it appears.
    for p in [
        "articles/boil-water-notice-after-e-coli.html",
        "articles/state-report-plant-ran-without-chlorine.html",
        "actors/denise-okafor.html",
        "events/boil-water-notice.html",
        "about.html",
        "timeline.html",
        "index.html",
        "feed.xml",
    ] {
        assert!(has(p), "{p} does not show the script as text:\n{}", page(p));
    }
    // Raw HTML in Markdown is shown as text by default.
    assert!(page("about.html").contains("&lt;script&gt;alert(3)&lt;/script&gt;"));
    let profile = page("actors/denise-okafor.html");
    assert!(
        profile.contains("&lt;b onclick=\"alert(4)\"&gt;"),
        "{profile}"
    );
}

#[test]
fn raw_html_in_markdown_bodies_follows_the_switch() {
    let c = hostile_case();
    c.write(
        "book.toml",
        c.read("book.toml")
            .replace("[output.html]\n", "[output.html]\nallow-raw-html = true\n"),
    );
    let files = built(&c);
    let page = |p: &str| &files.iter().find(|(f, _)| f == p).unwrap().1;
    // Bodies pass raw HTML through…
    assert!(page("about.html").contains("<script>alert(3)</script>"));
    assert!(page("about.html").contains("<b onclick=\"alert(4)\">bold</b>"));
    assert!(page("actors/denise-okafor.html").contains("<b onclick=\"alert(4)\">She</b>"));
    // …but text from YAML, notes included, never is.
    for (path, html) in &files {
        assert!(!html.contains("<script>alert(1)"), "{path}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(!html.contains("onmouseover=\""), "{path}");
    }
}

// ------------------------------------------------------- reproducibility

fn build_into(root: &Path, dest: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let out = run(&[
        "build".as_ref(),
        root.as_os_str(),
        "-d".as_ref(),
        dest.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    snapshot(dest)
}

fn assert_same(a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in a {
        assert!(
            b[path] == *bytes,
            "{} differs between two builds",
            path.display()
        );
    }
}

#[test]
fn the_same_input_builds_byte_identical_output() {
    // Two copies of the fixture in different places, built into different
    // folders: nothing of the place or the time may leak into the output.
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (
        tmp.path().join("one/harlow"),
        tmp.path().join("elsewhere/two"),
    );
    common::copy_tree(&fixture(), &one);
    common::copy_tree(&fixture(), &two);
    let a = build_into(&one, &tmp.path().join("out-a"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = build_into(&two, &tmp.path().join("out/b"));
    assert!(a.len() > 10);
    assert_same(&a, &b);
}

#[test]
fn the_repository_dossier_builds_byte_identical_output() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let a = build_into(root, &tmp.path().join("a"));
    let b = build_into(root, &tmp.path().join("b"));
    assert!(a.contains_key(Path::new("index.html")));
    assert_same(&a, &b);
}
