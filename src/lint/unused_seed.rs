//! `unused-seed`: a file in the seeds folder that no article is taken
//! from. It is not published (it is not a source of the dossier, and may be
//! anything: an editor's notes, a scan, a backup), so a typo in an
//! article's `seed:` or a forgotten source is said, not hidden.

use super::{Warning, UNUSED_SEED};
use crate::model::Dossier;
use std::collections::HashSet;

pub(super) fn check(d: &Dossier) -> Vec<Warning> {
    let named: HashSet<&str> = d.articles.iter().map(|a| a.seed.as_str()).collect();
    d.seeds
        .keys()
        .filter(|file| !named.contains(file.as_str()))
        .map(|file| {
            let path = d.config.build.seeds_dir.join(file);
            let message =
                format!("no article is taken from the seed `{file}`: it is not published");
            let hint =
                "name it in an article's `seed:` to publish it, or move it out of the seeds folder";
            Warning::new(UNUSED_SEED, path, message, file.as_str()).with(|w| w.hint(hint))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixture, shown};
    use super::check;

    #[test]
    fn a_seed_no_article_names_is_said() {
        let f = fixture(&[
            ("seeds/used.txt", "The port reopened.\n"),
            ("seeds/informant-notes.txt", "Phone 555-1234.\n"),
            (
                "content/articles/port.md",
                "---\ntitle: Port\nsource: {name: Wire}\nseed: used.txt\n---\nThe port reopened.\n",
            ),
        ]);
        assert_eq!(
            shown(&check(&f.dossier)),
            ["unused-seed: no article is taken from the seed `informant-notes.txt`: it is not published @ 0"]
        );
    }
}
