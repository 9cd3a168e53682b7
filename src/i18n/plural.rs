//! Plural categories (CLDR) for count strings: which form of a word goes
//! with a number. Only integers are counted on pages, so only the integer
//! rules are written.

/// A language's plural rule, by the categories it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PluralRule {
    /// `one` for 1, `other` for every other number (English, German, …).
    #[default]
    OneOther,
    /// East Slavic (Russian, Ukrainian, Belarusian): `one` for 1, 21, 31,
    /// …; `few` for 2–4, 22–24, …; `many` for the rest (5–20, 25–30, 11–14).
    EastSlavic,
}

/// Every category a count table may have, in CLDR's order.
pub(super) const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

impl PluralRule {
    /// The rule of a language code (`ru`, `ru-RU`); one/other for every
    /// language without a rule of its own here.
    pub fn of(language: &str) -> PluralRule {
        match super::primary_subtag(language).as_str() {
            "ru" | "uk" | "be" => PluralRule::EastSlavic,
            _ => PluralRule::OneOther,
        }
    }

    /// The rule's name, as the templates receive it (`t.plural_rule`).
    pub fn name(self) -> &'static str {
        match self {
            PluralRule::OneOther => "one-other",
            PluralRule::EastSlavic => "east-slavic",
        }
    }

    /// The rule named `name` (as [`name`](Self::name) spells it).
    pub fn named(name: &str) -> Option<PluralRule> {
        [PluralRule::OneOther, PluralRule::EastSlavic]
            .into_iter()
            .find(|r| r.name() == name)
    }

    /// The categories a count table of this rule must have.
    pub fn categories(self) -> &'static [&'static str] {
        match self {
            PluralRule::OneOther => &["one", "other"],
            PluralRule::EastSlavic => &["one", "few", "many"],
        }
    }

    /// The category of the count `n`.
    pub fn category(self, n: u64) -> &'static str {
        match self {
            PluralRule::OneOther if n == 1 => "one",
            PluralRule::OneOther => "other",
            PluralRule::EastSlavic => {
                let (units, tens) = (n % 10, n % 100);
                if units == 1 && tens != 11 {
                    "one"
                } else if (2..=4).contains(&units) && !(12..=14).contains(&tens) {
                    "few"
                } else {
                    "many"
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_counts_take_three_forms() {
        let rule = PluralRule::of("ru-RU");
        let cats: Vec<_> = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 112, 122]
            .map(|n| rule.category(n))
            .into();
        assert_eq!(
            cats,
            [
                "many", "one", "few", "few", "many", "many", "many", "many", "one", "few", "many",
                "one", "many", "many", "few"
            ]
        );
    }

    #[test]
    fn english_counts_take_two() {
        let rule = PluralRule::of("en");
        assert_eq!(
            [0, 1, 2, 21].map(|n| rule.category(n)),
            ["other", "one", "other", "other"]
        );
        assert_eq!(PluralRule::of("de"), PluralRule::OneOther);
        for rule in [PluralRule::OneOther, PluralRule::EastSlavic] {
            assert_eq!(PluralRule::named(rule.name()), Some(rule));
        }
    }
}
