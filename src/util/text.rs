//! Text shown in messages.

/// `s` cut to `n` characters, with an ellipsis when something was cut: a
/// quote in a diagnostic stays one line long.
pub(crate) fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn cuts_at_characters_not_bytes() {
        assert_eq!(truncate("Żaneta", 6), "Żaneta");
        assert_eq!(truncate("Żaneta", 2), "Ża…");
        assert_eq!(truncate("", 0), "");
    }
}
