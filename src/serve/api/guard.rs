//! Who may write: a request to the API must come from a page this server
//! served (the token of this run, which only its pages carry), addressed to
//! this server by name (`Host`, against DNS rebinding) and, when the
//! browser says where it comes from (`Origin`), from this server too
//! (against cross-site requests).

use std::fmt::Write;

/// The secret of one `serve` run: 32 bytes from the operating system, hex.
pub(super) fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| format!("no randomness for the API token: {e}"))?;
    let mut hex = String::with_capacity(64);
    for b in bytes {
        let _ = write!(hex, "{b:02x}");
    }
    Ok(hex)
}

/// Whether `given` is `token`, compared in constant time (the length is
/// not a secret).
pub(super) fn token_matches(given: &str, token: &str) -> bool {
    let (a, b) = (given.as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The names this server answers to on `port`.
fn own_hosts(port: u16) -> [String; 2] {
    [format!("127.0.0.1:{port}"), format!("localhost:{port}")]
}

/// Whether a `Host` header names this server.
pub(super) fn host_is_own(host: Option<&str>, port: u16) -> bool {
    host.is_some_and(|h| {
        own_hosts(port)
            .iter()
            .any(|own| h.trim().eq_ignore_ascii_case(own))
    })
}

/// Whether an `Origin` header, when there is one, is this server.
pub(super) fn origin_is_own(origin: Option<&str>, port: u16) -> bool {
    origin.is_none_or(|o| {
        own_hosts(port)
            .iter()
            .any(|own| o.trim().eq_ignore_ascii_case(&format!("http://{own}")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_compared_whole() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(token_matches(&a, &a));
        assert!(!token_matches(&b, &a));
        assert!(!token_matches(&a[..63], &a));
        assert!(!token_matches("", &a));
    }

    #[test]
    fn only_this_server_by_name() {
        assert!(host_is_own(Some("127.0.0.1:4000"), 4000));
        assert!(host_is_own(Some("LOCALHOST:4000"), 4000));
        assert!(!host_is_own(Some("127.0.0.1:4001"), 4000));
        assert!(!host_is_own(Some("evil.example:4000"), 4000));
        assert!(!host_is_own(Some("127.0.0.1"), 4000));
        assert!(!host_is_own(None, 4000));
        assert!(origin_is_own(None, 4000));
        assert!(origin_is_own(Some("http://localhost:4000"), 4000));
        assert!(!origin_is_own(Some("https://127.0.0.1:4000"), 4000));
        assert!(!origin_is_own(Some("http://evil.example"), 4000));
        assert!(!origin_is_own(Some("null"), 4000));
    }
}
