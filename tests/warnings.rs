//! Warnings: what builds but a careful editor would fix. The fixture
//! `tests/fixtures/warnings` builds, with one warning of each rule; these
//! tests pin the whole report, as text (plain: NO_COLOR) and as JSON, the
//! exit codes with and without `--deny-warnings`, and silencing in
//! `book.toml`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_dossier");

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warnings")
}

fn dossier(args: &[&str], root: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run the dossier binary")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The report with the time on its last line left out.
fn without_time(report: &str) -> String {
    match report.rfind(" in ") {
        Some(i) if report[i..].lines().count() == 1 => format!("{} in …\n", &report[..i]),
        _ => report.to_string(),
    }
}

/// A copy of the fixture with `allow` added to its `book.toml`.
fn with_allow(allow: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dam");
    let from = fixture();
    common::copy_tree(&from, &root);
    let book = root.join("book.toml");
    let text = std::fs::read_to_string(&book).unwrap();
    std::fs::write(&book, format!("{text}\n{allow}")).unwrap();
    (tmp, root)
}

const REPORT: &str = r#"warning[unmentioned-item]: nothing mentions or links to the actor Marrow Creek Anglers Club
 --> content/actors/marrow-creek-anglers-club.md:2:1
  |
2 | name: Marrow Creek Anglers Club
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = hint: mention it where the texts name it (an alias they use), link to it with `[…](@/actors/marrow-creek-anglers-club.md)`, or remove it

warning[contradiction-single-source]: the contradiction "found three cracks" links no other article
 --> content/articles/cracks-found.md:8:5
  |
8 |   - quote: "found three cracks"
  |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = hint: a contradiction needs a second source: link the article that says otherwise with `[…](@/articles/<slug>.md)`, or make the annotation a `claim`

warning[figure-without-number]: the figure "the reservoir level had dropped sharply" holds no number
  --> content/articles/cracks-found.md:12:5
   |
12 |   - quote: "the reservoir level had dropped sharply"
   |     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = hint: quote the words that give the number, or make the annotation a `claim` or `context`

warning[unlinked-mention]: `Ostrova` is not linked, but it is the surname of Lena Ostrova
  --> content/articles/cracks-found.md:24:104
   |
24 | Board chair Lena Ostrova said the cracks posed no immediate danger. A second inspection was ordered by Ostrova for June.
   |                                                                                                        ^^^^^^^
   |
   = hint: add "Ostrova" to the aliases in content/actors/lena-ostrova.md

warning[cut-quotation]: this paragraph ends inside a sentence of the seed `valley-herald.txt`
  --> content/articles/cracks-found.md:26:1
   |
26 | Residents said the reservoir level had dropped sharply
   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = hint: quote whole sentences; the seed has: "Residents said the reservoir level had dropped sharply, according to the county health office."

warning[undated-event]: the event is dated only to the month (2031-06) and no `date_note` says why
 --> content/events/second-inspection.md:3:1
  |
3 | date: 2031-06
  | ^^^^^^^^^^^^^
  |
  = hint: add a `date_note` saying what the sources give, such as `date_note: "the sources give only the month"`

6 warnings found
"#;

#[test]
fn check_reports_each_warning_with_place_and_hint_and_succeeds() {
    let o = dossier(&["check"], &fixture());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let expected = format!(
        "{REPORT}ok: 16 pages (38 files) would be written: 2 articles, 4 actors, 2 events, 4 annotations, 6 mentions in …\n"
    );
    let found = without_time(&stderr(&o));
    assert!(
        found == expected,
        "\n--- expected\n{expected}\n--- found\n{found}---"
    );
}

#[test]
fn check_json_keeps_the_flat_shape_with_a_severity_and_the_rule() {
    let o = dossier(&["check", "--format", "json"], &fixture());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let expected = concat!(
        r#"{"diagnostics":["#,
        r#"{"path":"content/actors/marrow-creek-anglers-club.md","line":2,"column":1,"message":"nothing mentions or links to the actor Marrow Creek Anglers Club","hint":"mention it where the texts name it (an alias they use), link to it with `[…](@/actors/marrow-creek-anglers-club.md)`, or remove it","severity":"warning","rule":"unmentioned-item"},"#,
        r#"{"path":"content/articles/cracks-found.md","line":8,"column":5,"message":"the contradiction \"found three cracks\" links no other article","hint":"a contradiction needs a second source: link the article that says otherwise with `[…](@/articles/<slug>.md)`, or make the annotation a `claim`","severity":"warning","rule":"contradiction-single-source"},"#,
        r#"{"path":"content/articles/cracks-found.md","line":12,"column":5,"message":"the figure \"the reservoir level had dropped sharply\" holds no number","hint":"quote the words that give the number, or make the annotation a `claim` or `context`","severity":"warning","rule":"figure-without-number"},"#,
        r#"{"path":"content/articles/cracks-found.md","line":24,"column":104,"message":"`Ostrova` is not linked, but it is the surname of Lena Ostrova","hint":"add \"Ostrova\" to the aliases in content/actors/lena-ostrova.md","severity":"warning","rule":"unlinked-mention"},"#,
        r#"{"path":"content/articles/cracks-found.md","line":26,"column":1,"message":"this paragraph ends inside a sentence of the seed `valley-herald.txt`","hint":"quote whole sentences; the seed has: \"Residents said the reservoir level had dropped sharply, according to the county health office.\"","severity":"warning","rule":"cut-quotation"},"#,
        r#"{"path":"content/events/second-inspection.md","line":3,"column":1,"message":"the event is dated only to the month (2031-06) and no `date_note` says why","hint":"add a `date_note` saying what the sources give, such as `date_note: \"the sources give only the month\"`","severity":"warning","rule":"undated-event"}"#,
        r#"],"ok":true}"#,
        "\n"
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), expected);
}

#[test]
fn deny_warnings_fails_and_a_build_writes_nothing() {
    let o = dossier(&["check", "--deny-warnings"], &fixture());
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "{}6 warnings found (denied by --deny-warnings)\n",
            REPORT.trim_end_matches("6 warnings found\n")
        )
    );
    let o = dossier(
        &["check", "--deny-warnings", "--format", "json"],
        &fixture(),
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(6));

    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("site");
    let dest_arg = dest.to_str().unwrap();
    let o = dossier(&["build", "--deny-warnings", "-d", dest_arg], &fixture());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with("6 warnings found (denied by --deny-warnings); nothing was written\n"),
        "{}",
        stderr(&o)
    );
    assert!(!dest.exists());
    // Without it the site is written, the warnings shown before the summary.
    let o = dossier(&["build", "-d", dest_arg], &fixture());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).starts_with(REPORT), "{}", stderr(&o));
    assert!(dest.join("articles/cracks-found.html").is_file());
    // Quiet prints only errors.
    let o = dossier(&["--quiet", "build", "-d", dest_arg], &fixture());
    assert_eq!((o.status.code(), stderr(&o)), (Some(0), String::new()));
}

#[test]
fn an_allow_entry_silences_its_warning_on_purpose_and_visibly() {
    let (_tmp, root) = with_allow(
        r#"[[warnings.allow]]
rule = "unlinked-mention"
file = "content/articles/cracks-found.md"
phrase = "Ostrova"
reason = "the article names her in full a sentence before"
"#,
    );
    let o = dossier(&["check", "--format", "json"], &root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let messages: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert_eq!(messages.len(), 5, "{messages:?}");
    assert!(
        !messages.iter().any(|m| m.contains("Ostrova")),
        "{messages:?}"
    );
}

#[test]
fn an_allow_entry_that_silences_nothing_is_itself_a_warning() {
    let (_tmp, root) = with_allow(
        r#"[[warnings.allow]]
rule = "unlinked-mention"
phrase = "Halden"
reason = "the company is always linked"
"#,
    );
    let o = dossier(&["check"], &root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let unused = r#"warning[unused-allow]: this [[warnings.allow]] entry for `unlinked-mention` silences no warning
 --> book.toml:8:8
  |
8 | rule = "unlinked-mention"
  |        ^^^^^^^^^^^^^^^^^^
  |
  = hint: remove it, or correct its `file` or `phrase`: the warning it was for is gone

"#;
    // `book.toml` comes first; the six warnings of before follow.
    let err = stderr(&o);
    assert!(err.starts_with(unused), "{err}");
    assert!(
        err[unused.len()..].starts_with(REPORT.trim_end_matches("6 warnings found\n")),
        "{err}"
    );
    assert!(err.contains("\n7 warnings found\nok: "), "{err}");
}

#[test]
fn an_allow_entry_for_no_rule_is_an_error_with_a_suggestion() {
    let (_tmp, root) =
        with_allow("[[warnings.allow]]\nrule = \"unlinked-mentions\"\nreason = \"r\"\n");
    let o = dossier(&["check"], &root);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with(
            "error: [[warnings.allow]] names no rule `unlinked-mentions`\n --> book.toml:8:8"
        ),
        "{err}"
    );
    assert!(
        err.contains("= hint: did you mean `unlinked-mention`?"),
        "{err}"
    );
}
