//! `[[warnings.allow]]`: the warnings an editor has weighed and accepts,
//! silenced on purpose and visibly in `book.toml`, by rule and, optionally,
//! file (or folder) and phrase. An entry that silences nothing is itself
//! reported (`unused-allow`), so that a silence outlives neither the text
//! nor the fix it was for.

use super::{Warning, UNUSED_ALLOW};
use crate::config::{AllowWarning, CONFIG_FILE};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::Dossier;
use std::path::Path;

/// Whether `allow` silences `w`.
pub(super) fn silences(allow: &AllowWarning, w: &Warning) -> bool {
    let d = &w.diagnostic;
    d.rule == Some(allow.rule.get_ref().as_str())
        && allow
            .file
            .as_deref()
            .is_none_or(|f| d.path.starts_with(Path::new(f.trim_start_matches("./"))))
        && allow
            .phrase
            .as_deref()
            .is_none_or(|p| w.subject.contains(p))
}

/// The warnings no entry silences, and one for each entry that silences
/// none.
pub(super) fn apply(d: &Dossier, found: Vec<Warning>) -> Diagnostics {
    let allows = &d.config.warnings.allow;
    let mut used = vec![false; allows.len()];
    let mut out = Diagnostics::new();
    for w in found {
        let mut silenced = false;
        for (i, allow) in allows.iter().enumerate() {
            if silences(allow, &w) {
                used[i] = true;
                silenced = true;
            }
        }
        if !silenced {
            out.push(w.diagnostic);
        }
    }
    if used.contains(&false) {
        // Read again only to point at the entry; without it, the file is
        // named alone.
        let text = std::fs::read_to_string(d.root.join(CONFIG_FILE)).unwrap_or_default();
        for (allow, _) in allows.iter().zip(&used).filter(|(_, used)| !**used) {
            out.push(unused(allow, &text));
        }
    }
    out
}

fn unused(allow: &AllowWarning, text: &str) -> Diagnostic {
    let message = format!(
        "this [[warnings.allow]] entry for `{}` silences no warning",
        allow.rule.get_ref()
    );
    let d = Diagnostic::warning(CONFIG_FILE, message)
        .rule(UNUSED_ALLOW)
        .hint("remove it, or correct its `file` or `phrase`: the warning it was for is gone");
    let span = allow.rule.span();
    if text.get(span.clone()).is_some() {
        d.at_span(text, span)
    } else {
        d
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::fixture;
    use crate::lint::lint;

    #[test]
    fn entries_silence_by_rule_file_and_phrase_and_unused_ones_are_reported() {
        let book = r#"[book]
title = "T"

[[warnings.allow]]
rule = "undated-event"
file = "content/events"
reason = "the sources give no day for any event"

[[warnings.allow]]
rule = "unmentioned-item"
phrase = "Twice"
reason = "kept for a story to come"

[[warnings.allow]]
rule = "unmentioned-item"
file = "./content/events/once.md"
reason = "kept for a story to come"

[[warnings.allow]]
rule = "figure-without-number"
reason = "there are no figures any more"
"#;
        let event = |title: &str| format!("---\ntitle: {title}\ndate: 2031\n---\nIt.\n");
        let f = fixture(&[
            ("book.toml", book),
            ("content/events/once.md", &event("Once")),
            ("content/events/twice.md", &event("Twice")),
        ]);
        let shown: Vec<_> = lint(&f.dossier, &f.linked)
            .iter()
            .map(|d| {
                let place = format!("{}:{}", d.path.display(), d.line.unwrap_or(0));
                (d.rule.unwrap_or("?"), place)
            })
            .collect();
        // Both undated by the folder, Twice unmentioned by the phrase, Once
        // by the file; the last entry silences nothing.
        assert_eq!(shown, [("unused-allow", "book.toml:20".to_string())]);
    }
}
