//! `figure-without-number`: a `figure` annotation says where a number comes
//! from, so its quote must hold one, in digits or in words.

use super::{rest_of_line, Warning, FIGURE_WITHOUT_NUMBER};
use crate::model::{AnnotationKind, Dossier};
use crate::util::text::truncate;

/// Words that give a number without digits.
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "dozen",
    "dozens",
    "score",
    "scores",
    "half",
    "quarter",
    "third",
    "twice",
    "double",
    "doubled",
    "doubling",
    "triple",
    "tripled",
    "tripling",
    "percent",
    "none",
    "single",
];

/// Whether `quote` holds a number: a digit, a `%`, or a number word.
pub(super) fn holds_number(quote: &str) -> bool {
    if quote.chars().any(|c| c.is_numeric() || c == '%') {
        return true;
    }
    quote
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .any(|w| NUMBER_WORDS.contains(&w.to_lowercase().as_str()))
}

pub(super) fn check(d: &Dossier) -> Vec<Warning> {
    let mut found = Vec::new();
    let site = &d.config.book.language;
    // The number words are English: a quote in another language may give
    // its number in words this rule cannot read.
    let english = |a: &&crate::model::Article| {
        crate::i18n::primary_subtag(a.language.as_deref().unwrap_or(site)) == "en"
    };
    for article in d.articles.iter().filter(english) {
        let src = &article.text;
        let figures = article.annotations.iter();
        for a in figures.filter(|a| a.kind == AnnotationKind::Figure) {
            if holds_number(&a.quote) {
                continue;
            }
            let message = format!("the figure \"{}\" holds no number", truncate(&a.quote, 60));
            found.push(
                Warning::new(FIGURE_WITHOUT_NUMBER, &src.path, message, &a.quote).with(|w| {
                    w.at_span(&src.file, rest_of_line(&src.file, a.offset)).hint(
                        "quote the words that give the number, or make the annotation a `claim` or `context`",
                    )
                }),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::testing::{fixture, shown};
    use super::{check, holds_number};

    #[test]
    fn only_english_quotes_are_read_for_number_words() {
        let article = |slug: &str, language: &str, quote: &str| {
            (
                format!("content/articles/{slug}.md"),
                format!("---\ntitle: T\nsource: {{name: S}}\nseed: s.txt\nlanguage: {language}\nannotations:\n  - quote: \"{quote}\"\n    kind: figure\n    note: N.\n---\n{quote}.\n"),
            )
        };
        let (en_path, en) = article("en", "en", "many people came");
        let (ar_path, ar) = article("ar", "ar", "نحو ألفي شخص");
        let f = fixture(&[
            ("seeds/s.txt", "many people came.\n\nنحو ألفي شخص.\n"),
            (&en_path, &en),
            (&ar_path, &ar),
        ]);
        assert_eq!(
            shown(&check(&f.dossier)),
            ["figure-without-number: the figure \"many people came\" holds no number @ 7"]
        );
    }

    #[test]
    fn numbers_in_digits_or_words() {
        assert!(holds_number("353 local police officers were injured"));
        assert!(holds_number("around 2,500 foreign soldiers"));
        assert!(holds_number("more than a thousand people were injured"));
        assert!(holds_number("Dozens of protestors"));
        assert!(holds_number("prices rose 5%"));
        assert!(holds_number("the price of gas doubled"));
        assert!(!holds_number("many people were injured"));
        assert!(!holds_number("someone said so"));
        // Inside a longer word, a number word is no number.
        assert!(!holds_number("the tenants were anyone"));
    }
}
