//! An API request off the socket: its headers and its body, read only up
//! to [`MAX_BODY`] bytes and only as long as `Content-Length` says.

use super::Refusal;
use std::io::Read;

/// The largest body accepted: an annotation is a few kilobytes.
pub(crate) const MAX_BODY: usize = 256 * 1024;

/// A request to the API.
#[derive(Debug, Default)]
pub(crate) struct Request {
    pub(crate) method: String,
    /// The path, without the query.
    pub(crate) path: String,
    pub(crate) host: Option<String>,
    pub(crate) origin: Option<String>,
    pub(crate) token: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) body: Vec<u8>,
}

/// The value of header `name` in a request head (the first one).
pub(crate) fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.split('\n').skip(1).find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// Reads the request whose head (request line and headers, perhaps with
/// the start of the body after the blank line) is `raw`.
pub(crate) fn read(raw: &[u8], stream: &mut impl Read) -> Result<Request, Refusal> {
    let end = find_blank_line(raw)
        .ok_or_else(|| Refusal::new(400, "the request head is not complete"))?;
    let head = std::str::from_utf8(&raw[..end.0])
        .map_err(|_| Refusal::new(400, "the request head is not UTF-8"))?;
    let mut parts = head.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default();
    let path = target
        .split(['?', '#'])
        .next()
        .unwrap_or_default()
        .to_string();
    if header(head, "transfer-encoding").is_some() {
        return Err(Refusal::new(
            411,
            "send the body with a Content-Length, not chunked",
        ));
    }
    let length = match header(head, "content-length") {
        None => 0,
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| Refusal::new(400, "the Content-Length is not a number"))?,
    };
    if length > MAX_BODY {
        return Err(Refusal::new(413, "the body is too large"));
    }
    let mut body = raw[end.1..].to_vec();
    body.truncate(length);
    if body.len() < length {
        let mut rest = vec![0u8; length - body.len()];
        stream
            .read_exact(&mut rest)
            .map_err(|_| Refusal::new(400, "the body is shorter than its Content-Length"))?;
        body.extend_from_slice(&rest);
    }
    let get = |name| header(head, name).map(String::from);
    Ok(Request {
        method,
        path,
        host: get("host"),
        origin: get("origin"),
        token: get("x-dossier-token"),
        content_type: get("content-type"),
        body,
    })
}

/// Where the head ends and the body starts.
fn find_blank_line(raw: &[u8]) -> Option<(usize, usize)> {
    let crlf = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4));
    let lf = raw
        .windows(2)
        .position(|w| w == b"\n\n")
        .map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_headers_and_exactly_the_body() {
        let raw = b"POST /__dossier/api/aliases?x HTTP/1.1\r\nHost: 127.0.0.1:9\r\nX-Dossier-Token: t\r\ncontent-length: 7\r\n\r\n{\"a\":";
        let mut rest: &[u8] = b"1}extra";
        let r = read(raw, &mut rest).unwrap();
        assert_eq!(
            (r.method.as_str(), r.path.as_str()),
            ("POST", "/__dossier/api/aliases")
        );
        assert_eq!(
            (r.host.as_deref(), r.token.as_deref()),
            (Some("127.0.0.1:9"), Some("t"))
        );
        assert_eq!(r.body, b"{\"a\":1}");
        let huge = format!(
            "POST / HTTP/1.1\r\nContent-Length: {}\r\n\r\n",
            MAX_BODY + 1
        );
        assert_eq!(
            read(huge.as_bytes(), &mut &b""[..]).unwrap_err().status,
            413
        );
        let short = b"POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc";
        assert_eq!(read(short, &mut &b""[..]).unwrap_err().status, 400);
        let chunked = b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
        assert_eq!(read(chunked, &mut &b""[..]).unwrap_err().status, 411);
    }
}
