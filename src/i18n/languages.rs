//! Language codes: their shape (a BCP 47 tag, as `lang` attributes and the
//! exports take), and their names, which the built-in tables give under
//! `[languages]`, by primary subtag.

use super::{primary_subtag, BUILT_IN};
use toml::Table;

/// Whether `code` is shaped as a language tag: a primary subtag of two or
/// three letters (the longer ones BCP 47 reserves are not in use), then subtags
/// of one to eight letters or digits, joined by `-` (`en`, `ar-EG`,
/// `zh-Hant-TW`, `sr-Latn`).
pub fn is_language_tag(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    let letters = |s: &str| s.bytes().all(|b| b.is_ascii_alphabetic());
    let primary_ok = matches!(primary.len(), 2..=3) && letters(primary);
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// What is wrong with `value` as a language code, as a message naming the
/// code to write where one can be told (`English` → `en`, `en_US` →
/// `en-US`); `None` for a well-formed tag.
pub fn language_tag_problem(value: &str) -> Option<String> {
    if is_language_tag(value) {
        return None;
    }
    Some(match language_code(value) {
        Some(code) => format!("`{value}` is not a language code: write `{code}`"),
        None => {
            format!("`{value}` is not a language code (a BCP 47 tag such as `en`, `ru` or `ar-EG`)")
        }
    })
}

/// `value` as a language tag: itself when it is one, else the code it
/// stands for (`English` → `en`, `en_US` → `en-US`), if any.
pub fn language_code(value: &str) -> Option<String> {
    if is_language_tag(value) {
        return Some(value.to_string());
    }
    code_for_name(value).or_else(|| {
        let dashed = value.trim().replace('_', "-");
        is_language_tag(&dashed).then_some(dashed)
    })
}

/// The code of a language written by its name in a built-in table, in any
/// capitalisation (`English`, `german`, `Русский`).
fn code_for_name(name: &str) -> Option<String> {
    let name = name.trim().to_lowercase();
    BUILT_IN.iter().find_map(|(_, text)| {
        let table = text.parse::<Table>().ok()?;
        let names = table.get("languages")?.as_table()?;
        names
            .iter()
            .find(|(_, n)| n.as_str().is_some_and(|n| n.to_lowercase() == name))
            .map(|(code, _)| code.clone())
    })
}

/// The name of the language of `code` in `languages` (a table's
/// `[languages]`), with the code after it when the code says more than
/// the language (`Portuguese (pt-BR)`); `None` when the table has no name
/// for it.
pub(super) fn name_in(languages: &Table, code: &str) -> Option<String> {
    let primary = primary_subtag(code);
    let name = languages.get(&primary)?.as_str()?;
    Some(if code.trim().eq_ignore_ascii_case(&primary) {
        name.to_string()
    } else {
        format!("{name} ({})", code.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_what_is_not_one() {
        for ok in ["en", "ru", "ar-EG", "zh-Hant-TW", "sr-Latn", "kk", "ckb"] {
            assert!(is_language_tag(ok), "{ok}");
            assert_eq!(language_tag_problem(ok), None);
        }
        let problem = |v: &str| language_tag_problem(v).unwrap();
        assert_eq!(
            problem("English"),
            "`English` is not a language code: write `en`"
        );
        assert_eq!(
            problem("русский"),
            "`русский` is not a language code: write `ru`"
        );
        assert_eq!(
            problem("en_US"),
            "`en_US` is not a language code: write `en-US`"
        );
        assert_eq!(
            problem("e"),
            "`e` is not a language code (a BCP 47 tag such as `en`, `ru` or `ar-EG`)"
        );
        for bad in [
            "",
            "en-",
            "e1",
            "en--US",
            "English",
            "toolongprimary",
            "en-abcdefghi",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn names_by_primary_subtag() {
        let t: Table = "de = \"German\"\npt = \"Portuguese\"".parse().unwrap();
        assert_eq!(name_in(&t, "de").as_deref(), Some("German"));
        assert_eq!(name_in(&t, "DE").as_deref(), Some("German"));
        assert_eq!(name_in(&t, "pt-BR").as_deref(), Some("Portuguese (pt-BR)"));
        assert_eq!(name_in(&t, "yo"), None);
    }
}
