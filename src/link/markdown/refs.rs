//! `@/kind/slug.md#fragment` links: resolved to the item's page, recorded
//! as references, or reported with the closest existing path.

use crate::diagnostics::{closest, Diagnostic};
use crate::model::{Dossier, ItemId, ItemKind, ItemRef, SourceText};

/// Resolves an `@/kind/slug.md#fragment` path to the item it names (one
/// that loaded, or failed to load) and the fragment.
pub fn resolve_at_path(dossier: &Dossier, dest: &str) -> Result<(ItemRef, Option<String>), String> {
    let path = dest.strip_prefix("@/").unwrap_or(dest);
    let (path, fragment) = match path.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (path, None),
    };
    let Some((dir, file)) = path.split_once('/') else {
        return Err(format!("`{dest}` does not name a content file"));
    };
    let kind =
        ItemKind::from_dir(dir).ok_or_else(|| format!("`{dest}`: no content folder `{dir}`"))?;
    let slug = file
        .strip_suffix(".md")
        .ok_or_else(|| format!("`{dest}` must end in `.md`"))?;
    let r = ItemRef::new(kind, slug);
    if !dossier.contains(&r) {
        return Err(format!(
            "`{dest}` points to content/{}, which does not exist",
            r.content_path()
        ));
    }
    Ok((r, fragment))
}

/// A link that would run code, reported at its address in `source`
/// (searched for from byte `offset`, as for an `@/` link).
pub(super) fn script_link(
    source: &SourceText,
    dest: &str,
    scheme: &str,
    offset: usize,
) -> Diagnostic {
    let at = address_at(source, dest, offset);
    Diagnostic::new(
        &source.path,
        format!("a `{scheme}` link would run code in the reader's browser"),
    )
    .at_offset(&source.file, at)
    .hint("link to a page (`https://…`), or show the address as code between backticks")
}

/// Where a link's address `dest` stands in `source`: searched for from
/// byte `offset`, which in a side note is only a lower bound (YAML strings
/// are never longer than their source).
fn address_at(source: &SourceText, dest: &str, offset: usize) -> usize {
    (source.file.get(offset..))
        .and_then(|rest| rest.find(dest))
        .map_or(offset, |i| offset + i)
}

/// The URL of an `@/` link from a page at `root`, and the item it refers
/// to (none when that failed to load, which is reported already); or why
/// it leads nowhere, as a diagnostic at the path in `source` (searched for
/// from byte `offset` of the file).
pub(super) fn at_link(
    dossier: &Dossier,
    dest: &str,
    root: &str,
    source: &SourceText,
    offset: usize,
) -> Result<(String, Option<ItemId>), Diagnostic> {
    match resolve_at_path(dossier, dest) {
        Ok((target, fragment)) => {
            let mut url = format!("{root}{}", target.url());
            if let Some(f) = fragment {
                url.push('#');
                url.push_str(&f);
            }
            Ok((url, dossier.find(target.kind, &target.slug)))
        }
        Err(message) => {
            let at = address_at(source, dest, offset);
            Err(
                Diagnostic::new(&source.path, format!("broken reference: {message}"))
                    .at_offset(&source.file, at)
                    .hint(closest_item_hint(dossier, dest)),
            )
        }
    }
}

/// A suggestion for a broken `@/` path: the closest existing item path.
fn closest_item_hint(d: &Dossier, dest: &str) -> String {
    let all: Vec<String> = d
        .articles
        .iter()
        .map(|a| format!("@/articles/{}.md", a.slug))
        .chain(d.actors.iter().map(|a| format!("@/actors/{}.md", a.slug)))
        .chain(d.events.iter().map(|e| format!("@/events/{}.md", e.slug)))
        .chain(d.pages.iter().map(|p| format!("@/pages/{}.md", p.slug)))
        .collect();
    let dest = dest.split('#').next().unwrap_or(dest);
    match closest(dest, all.iter().map(String::as_str)) {
        Some(c) => format!("did you mean `{c}`?"),
        None => "write `@/articles/<slug>.md`, `@/actors/<slug>.md` or `@/events/<slug>.md`".into(),
    }
}
