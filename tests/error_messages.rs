//! The whole text of representative error reports, as an author sees them
//! (plain: stderr is not a terminal, and NO_COLOR is set). Like just's
//! `tests/error_messages.rs`: a change to the wording, a place, an underline
//! or the frame shows here as a diff of the full text.
//!
//! Each case copies the fixture `tests/fixtures/broken-base`, breaks it,
//! and runs `dossier check` (or `build`) on it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

const ARTICLE_1: &str = "content/articles/boil-water-notice-after-e-coli.md";
const ARTICLE_2: &str = "content/articles/state-report-plant-ran-without-chlorine.md";
const AUTHORITY: &str = "content/actors/harlow-falls-water-authority.md";
const REPORT: &str = "content/events/state-report-released.md";

/// A broken copy of the fixture.
struct Case {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Case {
    fn new() -> Case {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("harlow-falls");
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken-base");
        common::copy_tree(&from, &root);
        Case { _tmp: tmp, root }
    }

    /// Replaces the one occurrence of `from` in a file.
    fn edit(self, rel: &str, from: &str, to: &str) -> Case {
        let path = self.root.join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "`{from}` once in {rel}");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// What `dossier <command>` prints on stderr; it must fail with 1.
    fn stderr(&self, command: &str) -> String {
        let out = Command::new(BIN)
            .arg(command)
            .arg(&self.root)
            .env("NO_COLOR", "1")
            .output()
            .expect("run the dossier binary");
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stderr).unwrap()
    }

    /// `dossier check` prints exactly `expected`.
    fn reports(&self, expected: &str) {
        let found = self.stderr("check");
        assert!(
            found == expected,
            "\n--- expected\n{expected}\n--- found\n{found}---"
        );
    }
}

#[test]
fn yaml_syntax_error() {
    Case::new()
        .edit(
            ARTICLE_2,
            "title: \"State report: Harlow Falls water plant ran without chlorine for 36 hours\"",
            "title: State report: Harlow Falls water plant ran without chlorine for 36 hours",
        )
        .reports(
            "\
error: mapping values are not allowed in this context
 --> content/articles/state-report-plant-ran-without-chlorine.md:2:20
  |
2 | title: State report: Harlow Falls water plant ran without chlorine for 36 hours
  |                    ^
  |
  = hint: check the YAML syntax: `key: value`, lists as `[a, b]` or `- a` lines; quote text containing `: `

1 error found
",
        );
}

#[test]
fn unclosed_list_is_placed_where_it_opens() {
    Case::new()
        .edit(
            ARTICLE_1,
            "    actors: [harlow-falls-water-authority, state-deq]",
            "    actors: [harlow-falls-water-authority, state-deq",
        )
        .reports(
            "\
error: a list `[` opened here is not closed (did not find expected ',' or ']')
  --> content/articles/boil-water-notice-after-e-coli.md:24:13
   |
24 |     actors: [harlow-falls-water-authority, state-deq
   |             ^
   |
   = hint: end the list with `]` on the same line, and separate its entries with commas

1 error found
",
        );
}

#[test]
fn unknown_key_with_did_you_mean() {
    Case::new().edit(REPORT, "title:", "titel:").reports(
        "\
error: unknown field `titel`, expected one of `title`, `date`, `end`, `date_note`, `date_uncertain`, `actors`, `aliases`
 --> content/events/state-report-released.md:2:1
  |
2 | titel: \"State regulator publishes its findings\"
  | ^^^^^
  |
  = hint: did you mean `title`?

1 error found
",
    );
}

#[test]
fn missing_field() {
    Case::new().edit(REPORT, "date: 2023-08-30\n", "").reports(
        "\
error: missing field `date`
 --> content/events/state-report-released.md:2:1
  |
2 | title: \"State regulator publishes its findings\"
  | ^
  |
  = hint: add the field to the front matter

1 error found
",
    );
}

#[test]
fn bad_date() {
    Case::new()
        .edit(REPORT, "date: 2023-08-30", "date: 2023-02-30")
        .reports(
            "\
error: date: `2023-02-30` does not exist: February 2023 has 28 days
 --> content/events/state-report-released.md:3:7
  |
3 | date: 2023-02-30
  |       ^^^^^^^^^^
  |
  = hint: write dates as YYYY-MM-DD, YYYY-MM or YYYY, such as 2023-08-14

1 error found
",
        );
}

/// A timestamp, as web pages and feeds give dates: told to keep its date
/// (was: "the day must be 2 digits").
#[test]
fn a_date_with_a_time() {
    Case::new()
        .edit(
            REPORT,
            "date: 2023-08-30",
            "date: 2023-08-30T09:15:00+02:00",
        )
        .reports(
            "\
error: date: `2023-08-30T09:15:00+02:00` is a date with a time: write the date alone, `2023-08-30`
 --> content/events/state-report-released.md:3:7
  |
3 | date: 2023-08-30T09:15:00+02:00
  |       ^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = hint: write dates as YYYY-MM-DD, YYYY-MM or YYYY, such as 2023-08-14

1 error found
",
        );
}

/// A language written by its name, or with `_`: told with the code to
/// write, in `book.toml` (which stops the run: it says where the content
/// is) and in an article.
#[test]
fn a_language_name_where_its_code_goes() {
    Case::new()
        .edit("book.toml", "language = \"en\"", "language = \"en_GB\"")
        .reports(
            "\
error: [book] language: `en_GB` is not a language code: write `en-GB`
 --> book.toml:5:12
  |
5 | language = \"en_GB\"
  |            ^^^^^^^
  |
  = hint: the site's language, by its code, such as `en`, `ru`, `kk` or `ar-EG`

1 error found
",
        );
    Case::new()
        .edit(ARTICLE_1, "language: en", "language: English")
        .reports(
            "\
error: language: `English` is not a language code: write `en`
 --> content/articles/boil-water-notice-after-e-coli.md:8:11
  |
8 | language: English
  |           ^^^^^^^
  |
  = hint: write the language's code, such as `en`, `ru`, `kk` or `ar-EG`

1 error found
",
        );
}

/// A misspelt key no longer hides the bad values after it: every bad key
/// and value of the file, in one run.
#[test]
fn every_error_of_one_file() {
    Case::new()
        .edit(ARTICLE_2, "published: 2023-08-30", "publihsed: 2023-08-30")
        .edit(ARTICLE_2, "    kind: figure", "    kind: contradicton")
        .edit(
            ARTICLE_2,
            "    kind: context\n",
            "    kind: context\n    occurrence: first\n",
        )
        .edit(ARTICLE_2, "  - quote: \"switched off", "  - qoute: \"switched off")
        .reports(
            "\
error: unknown field `publihsed`, expected one of `title`, `source`, `published`, `date_note`, `seed`, `language`, `translated_from`, `summary`, `annotations`
 --> content/articles/state-report-plant-ran-without-chlorine.md:6:1
  |
6 | publihsed: 2023-08-30
  | ^^^^^^^^^
  |
  = hint: did you mean `published`?

error: annotations[0].kind: unknown variant `contradicton`, expected one of `contradiction`, `correction`, `context`, `claim`, `figure`, `source`
  --> content/articles/state-report-plant-ran-without-chlorine.md:14:11
   |
14 |     kind: contradicton
   |           ^^^^^^^^^^^^
   |
   = hint: did you mean `contradiction`?

error: annotations[1]: unknown field `qoute`, expected one of `id`, `quote`, `occurrence`, `kind`, `note`, `actors`, `events`
  --> content/articles/state-report-plant-ran-without-chlorine.md:19:5
   |
19 |   - qoute: \"switched off \\\"for maintenance\\\" since June\"
   |     ^^^^^
   |
   = hint: did you mean `quote`?

error: annotations[2].occurrence: invalid type: string \"first\", expected a whole number, at least 1
  --> content/articles/state-report-plant-ran-without-chlorine.md:27:17
   |
27 |     occurrence: first
   |                 ^^^^^
   |
   = hint: write a whole number, 1 or more

4 errors found
",
        );
}

#[test]
fn book_toml_unknown_key() {
    Case::new()
        .edit("book.toml", "build-dir = \"book\"", "build-dri = \"book\"")
        .reports(
            "\
error: unknown field `build-dri`, expected one of `build-dir`, `content-dir`, `seeds-dir`, `templates-dir`
 --> book.toml:8:1
  |
8 | build-dri = \"book\"
  | ^^^^^^^^^
  |
  = hint: did you mean `build-dir`?

1 error found
",
        );
}

#[test]
fn dangling_at_reference() {
    Case::new()
        .edit(
            AUTHORITY,
            "(@/events/state-report-released.md)",
            "(@/events/state-report.md)",
        )
        .reports(
            "\
error: broken reference: `@/events/state-report.md` points to content/events/state-report.md, which does not exist
 --> content/actors/harlow-falls-water-authority.md:9:16
  |
9 | [state report](@/events/state-report.md) found otherwise.
  |                ^
  |
  = hint: did you mean `@/events/state-report-released.md`?

1 error found
",
        );
}

#[test]
fn a_link_that_would_run_code() {
    Case::new()
        .edit(
            AUTHORITY,
            "(@/events/state-report-released.md)",
            "( JavaScript:alert(1))",
        )
        .reports(
            "\
error: a `javascript:` link would run code in the reader's browser
 --> content/actors/harlow-falls-water-authority.md:9:17
  |
9 | [state report]( JavaScript:alert(1)) found otherwise.
  |                 ^
  |
  = hint: link to a page (`https://…`), or show the address as code between backticks

1 error found
",
        );
}

/// An item named as a page the build makes: reported at the file, before
/// anything is written (and before it could clash with that page).
#[test]
fn an_actor_named_index() {
    let case = Case::new();
    std::fs::rename(
        case.root.join("content/actors/state-deq.md"),
        case.root.join("content/actors/index.md"),
    )
    .unwrap();
    let found = case.stderr("check");
    let expected = "\
error: `index` is taken: the build makes `actors/index.html` itself
--> content/actors/index.md
 = hint: rename the file (its name is its page's), e.g. to `index-actor.md`
";
    assert!(found.starts_with(expected), "{found}");
}

#[test]
fn quote_not_in_the_body() {
    Case::new()
        .edit(
            ARTICLE_1,
            "quote: \"did not affect water quality\"",
            "quote: \"did not affect the water quality\"",
        )
        .reports(
            "\
error: the quote \"did not affect the water quality\" is not in the body
  --> content/articles/boil-water-notice-after-e-coli.md:19:5
   |
19 |   - quote: \"did not affect the water quality\"
   |     ^
   |
   = hint: the body has \"did not affect\" but then differs; copy the quote from the body

1 error found
",
        );
}

/// A quote that looks the same as the body's words but writes an accent
/// apart (NFD, as some editors and PDFs do) where the body composes it:
/// told so, not that the body "differs" after a word.
#[test]
fn quote_with_an_accent_written_apart() {
    Case::new()
        .edit("seeds/001_harlow_gazette.txt", "Aaron Feld", "Aar\u{f3}n Feld")
        .edit(ARTICLE_1, "Aaron Feld", "Aar\u{f3}n Feld")
        .edit(
            ARTICLE_1,
            "quote: \"those complaints were unrelated\"",
            "quote: \"spokesperson, Aaro\u{301}n Feld\"",
        )
        .reports(
            "\
error: the quote \"spokesperson, Aaro\u{301}n Feld\" is not in the body
  --> content/articles/boil-water-notice-after-e-coli.md:26:5
   |
26 |   - quote: \"spokesperson, Aaro\u{301}n Feld\"
   |     ^
   |
   = hint: the quote and the body write an accented letter differently (a letter and a combining accent, or one character: Unicode NFD and NFC); copy the quote from the body

1 error found
",
        );
}

#[test]
fn alias_claimed_twice_points_at_both() {
    Case::new()
        .edit(
            AUTHORITY,
            "aliases: [\"HFWA\"]",
            "aliases: [\"HFWA\", \"DEQ\"]",
        )
        .reports(
            "\
error: `DEQ` is claimed by both actors/harlow-falls-water-authority and actors/state-deq
 --> content/actors/state-deq.md:5:11
  |
5 | aliases: [\"DEQ\"]
  |           ^^^^^
  |
 ::: content/actors/harlow-falls-water-authority.md:5:19
  |
5 | aliases: [\"HFWA\", \"DEQ\"]
  |                   ----- claimed here first
  |
  = hint: a name or alias can stand for one item only: remove it from one of them

1 error found
",
        );
}

#[test]
fn invalid_annotation_id() {
    Case::new()
        .edit(
            ARTICLE_1,
            "  - quote: \"did not affect water quality\"",
            "  - id: Pump_Claim\n    quote: \"did not affect water quality\"",
        )
        .reports(
            "\
error: `Pump_Claim` is not a valid annotation id: `P` is an uppercase letter
  --> content/articles/boil-water-notice-after-e-coli.md:19:9
   |
19 |   - id: Pump_Claim
   |         ^^^^^^^^^^
   |
   = hint: write `id: pump-claim`: lowercase letters and digits joined by single hyphens, at most 64 characters

1 error found
",
        );
}

/// An `id:` that another annotation has, derived from its quote.
#[test]
fn annotation_id_used_twice_points_at_both() {
    Case::new()
        .edit(
            ARTICLE_1,
            "  - quote: \"those complaints were unrelated\"",
            "  - id: did-not-affect-water-quality\n    quote: \"those complaints were unrelated\"",
        )
        .reports(
            "\
error: two annotations of this article have the id `did-not-affect-water-quality`
  --> content/articles/boil-water-notice-after-e-coli.md:26:9
   |
19 |   - quote: \"did not affect water quality\"
   |            ------------------------------ the first
...
26 |   - id: did-not-affect-water-quality
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = hint: an annotation without `id:` is named by the first words of its quote: give one of them an `id:`

1 error found
",
        );
}

/// Only `build` says that it wrote nothing.
#[test]
fn build_adds_that_nothing_was_written() {
    let case = Case::new().edit(
        "book.toml",
        "title = \"Harlow Falls water, August 2023\"",
        "title = \"  \"",
    );
    let expected = "\
error: [book] title is empty
 --> book.toml:2:9
  |
2 | title = \"  \"
  |         ^^^^
  |
  = hint: give the dossier a title

1 error found";
    case.reports(&format!("{expected}\n"));
    assert_eq!(
        case.stderr("build"),
        format!("{expected}; nothing was written\n")
    );
}
