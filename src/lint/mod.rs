//! Stage 2b — lint: what builds but a careful editor would fix, reported
//! as warnings.
//!
//! [`lint`] runs every rule of [`RULES`] on a dossier that loaded and
//! linked without errors, one file per rule: probable mentions that are not
//! linked (`unlinked_mention.rs`, reading the prose of `prose.rs` against
//! the names of `names.rs`), contradictions with one source, figures
//! without a number, paragraphs cut out of a seed's sentence, items that
//! nothing mentions, events whose date is not explained, seeds no
//! article is taken from, and texts a YAML comment cuts short. Then the
//! `[[warnings.allow]]` entries of `book.toml` silence the warnings an editor
//! has weighed and accepts (`allow.rs`); an entry that silences nothing is
//! itself a warning, so that stale silences surface.
//!
//! Warnings never change the site: a build with warnings writes the same
//! files as one without.

mod allow;
mod contradiction;
mod cut_quotation;
mod figure;
mod names;
mod prose;
#[cfg(test)]
mod testing;
mod undated;
mod unlinked_mention;
mod unmentioned;
mod unused_seed;
mod yaml_comment;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::link::Linked;
use crate::model::Dossier;

/// One rule: its name (as shown in `warning[name]` and written in
/// `[[warnings.allow]]`) and what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    pub name: &'static str,
    pub finds: &'static str,
}

pub const UNLINKED_MENTION: Rule = Rule {
    name: "unlinked-mention",
    finds: "a surname, part of a name, or an alias in other capitalisation, not linked",
};
pub const CONTRADICTION_SINGLE_SOURCE: Rule = Rule {
    name: "contradiction-single-source",
    finds: "a `contradiction` whose note links no other article",
};
pub const FIGURE_WITHOUT_NUMBER: Rule = Rule {
    name: "figure-without-number",
    finds: "a `figure` whose quote holds no number",
};
pub const CUT_QUOTATION: Rule = Rule {
    name: "cut-quotation",
    finds: "a body paragraph that begins or ends inside a sentence of its seed",
};
pub const UNMENTIONED_ITEM: Rule = Rule {
    name: "unmentioned-item",
    finds: "an actor or event that nothing mentions or links to",
};
pub const UNDATED_EVENT: Rule = Rule {
    name: "undated-event",
    finds: "an event dated only roughly or as uncertain, with no `date_note`",
};

pub const UNUSED_SEED: Rule = Rule {
    name: "unused-seed",
    finds: "a file in the seeds folder that no article is taken from (it is not published)",
};

pub const YAML_COMMENT: Rule = Rule {
    name: "yaml-comment",
    finds: "a text field written without quotes that ` #` cuts short (a YAML comment)",
};

/// Every rule, in the order the documentation lists them.
pub const RULES: [Rule; 8] = [
    UNLINKED_MENTION,
    CONTRADICTION_SINGLE_SOURCE,
    FIGURE_WITHOUT_NUMBER,
    CUT_QUOTATION,
    UNMENTIONED_ITEM,
    UNDATED_EVENT,
    UNUSED_SEED,
    YAML_COMMENT,
];

/// The name of the warning about an allow entry that silences nothing (it
/// cannot itself be allowed).
pub const UNUSED_ALLOW: &str = "unused-allow";

/// A warning, and the words it is about, which an allow entry's `phrase`
/// is compared with.
#[derive(Debug, Clone)]
pub(crate) struct Warning {
    pub diagnostic: Diagnostic,
    pub subject: String,
}

impl Warning {
    /// A warning of `rule` about `path`, on `subject`.
    fn new(
        rule: Rule,
        path: impl Into<std::path::PathBuf>,
        message: impl Into<String>,
        subject: impl Into<String>,
    ) -> Warning {
        Warning {
            diagnostic: Diagnostic::warning(path, message).rule(rule.name),
            subject: subject.into(),
        }
    }

    /// The same warning, its diagnostic changed by `f` (placed, hinted).
    fn with(mut self, f: impl FnOnce(Diagnostic) -> Diagnostic) -> Warning {
        self.diagnostic = f(self.diagnostic);
        self
    }
}

/// From byte `at` of `file` to the end of its line: the place a warning
/// about a field or a paragraph underlines.
fn rest_of_line(file: &str, at: usize) -> std::ops::Range<usize> {
    let at = at.min(file.len());
    let end = file[at..].find('\n').map_or(file.len(), |i| at + i);
    at..file[..end].trim_end().len().max(at)
}

/// Every warning of a dossier that loaded and linked without errors, less
/// those `book.toml` allows, sorted by file and place.
pub fn lint(d: &Dossier, linked: &Linked) -> Diagnostics {
    // The names' automaton is built on one thread while the seeds are
    // read again on the others.
    let (names, cut) = rayon::join(
        || names::Names::build(d),
        || cut_quotation::check(d, linked),
    );
    let mut found = unlinked_mention::check(d, &names);
    found.extend(cut);
    found.extend(contradiction::check(d));
    found.extend(figure::check(d));
    found.extend(unmentioned::check(d, linked));
    found.extend(undated::check(d));
    found.extend(unused_seed::check(d));
    found.extend(yaml_comment::check(d));
    let mut warnings = allow::apply(d, found);
    // A language with no built-in interface strings: said on every run
    // until `[strings]` translates them (a setting, not a rule to allow).
    let c = &d.config;
    let language = &c.book.language;
    if let Some(w) = crate::i18n::untranslated_warning(language, &c.interface_strings, &c.strings) {
        warnings.push(w);
    }
    warnings.sorted()
}
