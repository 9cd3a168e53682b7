use super::*;

/// An article as people write them: comments, a folded note, both quote
/// styles, a flow list, a block scalar with a blank line in it.
const ARTICLE: &str = r#"---
# The Courier's first report.
title: "Factory denies spill as river turns brown"
source:
  name: The Riverside Courier   # print edition
published: 2023-03-06
seed: spill-denied.txt
annotations:
  - quote: 'changed colour overnight'
    kind: figure
    note: >-
      The colour change is the mayor's account;

      no measurement is given.
  # The operator's denial.
  - id: denial
    quote: "no indication of any leak"
    kind: contradiction
    note: "Wisła Chemicals later says a valve failed."
    actors: [wisla-chemicals]
summary: "The mayor reports a colour change."
---
Mayor Żaneta Kowalska said on Monday that the river had changed colour *overnight*.
"#;

fn note(id: &str, quote: &str) -> NewAnnotation {
    NewAnnotation {
        id: id.into(),
        quote: quote.into(),
        occurrence: None,
        kind: "claim".into(),
        note: "A \"note\": with # and\nsecond line".into(),
        actors: vec!["kowalska".into()],
        events: vec![],
    }
}

/// Adds then removes a note, and checks that the rest of the file is kept
/// byte for byte: the block is inserted whole, and removing it gives back
/// the original.
fn round_trip(file: &str) -> String {
    let a = note("said-on-monday", "said on Monday");
    let added = append_annotation(file, &a).unwrap();
    let ids = annotation_ids(&added).unwrap();
    assert_eq!(ids.last().unwrap().as_str(), "said-on-monday");
    assert!(added.len() > file.len());
    let removed = delete_annotation(&added, "said-on-monday").unwrap();
    assert_eq!(removed, file, "POST then DELETE is byte-identical");
    added
}

#[test]
fn appends_after_the_last_block_entry_keeping_everything_else() {
    let added = round_trip(ARTICLE);
    let at = ARTICLE.find("summary:").unwrap();
    assert_eq!(&added[..at], &ARTICLE[..at]);
    let block = &added[at..added.len() - (ARTICLE.len() - at)];
    assert_eq!(
        block,
        "  - id: said-on-monday\n    quote: \"said on Monday\"\n    kind: claim\n    note: \"A \\\"note\\\": with # and\\nsecond line\"\n    actors: [kowalska]\n"
    );
    assert!(added.ends_with(&ARTICLE[at..]));
}

#[test]
fn creates_the_key_when_absent_and_removes_it_again() {
    let file = "---\ntitle: x\nseed: s.txt # the seed\n---\nBody";
    let added = round_trip(file);
    assert!(added.contains("seed: s.txt # the seed\nannotations:\n  - id: said-on-monday\n"));
    assert!(added.ends_with("---\nBody"), "no trailing newline is added");
}

#[test]
fn crlf_files_get_crlf_lines() {
    let file = ARTICLE.replace('\n', "\r\n");
    let added = round_trip(&file);
    assert!(
        !added.replace("\r\n", "").contains('\n'),
        "a bare LF slipped in"
    );
    let file = "---\r\ntitle: x\r\n---\r\n";
    assert!(round_trip(file).contains("annotations:\r\n  - id: said-on-monday\r\n"));
}

#[test]
fn flow_lists_and_entries_at_the_key_indentation() {
    let flow = "---\ntitle: x\nannotations: [{quote: a, kind: claim, note: n}]\n---\n";
    let added = round_trip(flow);
    assert!(added.contains("note: n}, {id: said-on-monday, quote: \"said on Monday\""));
    let empty = "---\nannotations: []\ntitle: x\n---\n";
    assert!(round_trip(empty).contains("annotations: [{id: said-on-monday,"));
    let flush = "---\nannotations:\n- quote: a\n  kind: claim\n  note: n\ntitle: x\n---\n";
    assert!(round_trip(flush).contains("  note: n\n- id: said-on-monday\n  quote:"));
    // Deleting the first of several flow entries takes its comma along.
    let two = "---\nannotations: [{id: a, quote: a}, {id: b, quote: b}]\n---\n";
    assert_eq!(
        delete_annotation(two, "a").unwrap(),
        "---\nannotations: [{id: b, quote: b}]\n---\n"
    );
}

#[test]
fn replaces_and_deletes_by_written_or_derived_id() {
    let mut a = note("denial", "no indication of any leak");
    a.kind = "source".into();
    let replaced = replace_annotation(ARTICLE, "denial", &a).unwrap();
    let start = ARTICLE.find("  - id: denial").unwrap();
    let end = ARTICLE.find("summary:").unwrap();
    assert_eq!(&replaced[..start], &ARTICLE[..start]);
    assert!(replaced.ends_with(&ARTICLE[end..]));
    assert!(replaced[start..].starts_with(
        "  - id: denial\n    quote: \"no indication of any leak\"\n    kind: source\n"
    ));
    // The first has no `id:`: its id is made from its quote; its comment
    // and blank line go with it, the comment of the next one stays.
    let deleted = delete_annotation(ARTICLE, "changed-colour-overnight").unwrap();
    assert!(deleted.contains("annotations:\n  # The operator's denial.\n  - id: denial\n"));
    assert_eq!(
        delete_annotation(ARTICLE, "nope"),
        Err(EditError::NoSuchAnnotation("nope".into()))
    );
}

#[test]
fn fresh_ids_are_derived_and_unique_in_the_article() {
    let taken = annotation_ids(ARTICLE).unwrap();
    assert_eq!(
        taken.iter().map(NoteId::as_str).collect::<Vec<_>>(),
        ["changed-colour-overnight", "denial"]
    );
    assert_eq!(
        fresh_id("Said on Monday!", None, &taken).as_str(),
        "said-on-monday"
    );
    assert_eq!(
        fresh_id("said on Monday", Some(2), &taken).as_str(),
        "said-on-monday-2"
    );
    assert_eq!(
        fresh_id("changed colour overnight", None, &taken).as_str(),
        "changed-colour-overnight-2"
    );
}

#[test]
fn aliases_in_every_style() {
    let block = "---\nname: A\naliases:\n  - One   # first\n  - 'Two'\nkind: person\n---\n";
    assert_eq!(
        add_alias(block, "Mayor \"A\"").unwrap(),
        "---\nname: A\naliases:\n  - One   # first\n  - 'Two'\n  - \"Mayor \\\"A\\\"\"\nkind: person\n---\n"
    );
    let flow = "---\nname: A\naliases: [One, 'Two'] # names\n---\n";
    assert_eq!(
        add_alias(flow, "Три").unwrap(),
        "---\nname: A\naliases: [One, 'Two', \"Три\"] # names\n---\n"
    );
    let none = "---\r\nname: A\r\n---\r\n";
    assert_eq!(
        add_alias(none, "B").unwrap(),
        "---\r\nname: A\r\naliases: [\"B\"]\r\n---\r\n"
    );
    assert_eq!(
        add_alias(flow, "One"),
        Err(EditError::AliasExists("One".into()))
    );
}

#[test]
fn layouts_it_cannot_edit_in_place_are_refused() {
    let null = "---\nannotations: ~\n---\n";
    let a = note("x", "y");
    assert_eq!(
        append_annotation(null, &a),
        Err(EditError::Layout("annotations"))
    );
    assert_eq!(
        append_annotation("no front matter", &a),
        Err(EditError::NoFrontMatter)
    );
    assert!(matches!(
        append_annotation("---\ntitle: [\n---\n", &a),
        Err(EditError::Yaml(_))
    ));
    // A literal block whose last line looks like a comment: the scanner
    // would insert inside it; the check after the splice refuses.
    let tricky =
        "---\nannotations:\n  - quote: a\n    note: |\n      text\n      # not a comment\n---\n";
    assert_eq!(
        append_annotation(tricky, &a),
        Err(EditError::Layout("annotations"))
    );
}

#[test]
fn entries_are_read_with_their_ids() {
    let entries = annotation_entries(ARTICLE).unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].id, "changed-colour-overnight");
    assert_eq!(
        entries[0].note,
        "The colour change is the mayor's account;\nno measurement is given."
    );
    assert_eq!(
        (entries[1].id.as_str(), entries[1].actors.as_slice()),
        ("denial", &["wisla-chemicals".to_string()][..])
    );
}
