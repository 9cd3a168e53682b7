//! The HTTP/1.1 side of `dossier serve`: one thread per connection on
//! 127.0.0.1, one GET or HEAD per connection, answered by
//! [`Site::respond`](super::Site::respond); plus the URL-path and
//! content-type helpers the site needs.
//!
//! Hand-written on std: the site answers through `respond`, which needs no
//! socket, so this is only reading a request head and writing a reply (a
//! framework would bring an async runtime for no gain here).

use super::api::{Api, PREFIX};
use super::site::Site;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::time::Duration;

/// One HTTP response, before it is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub location: Option<String>,
}

impl Reply {
    pub(crate) fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Self {
        Reply {
            status,
            content_type,
            body: body.into(),
            location: None,
        }
    }

    /// A plain-text reply (errors, redirects).
    fn text(status: u16, body: &'static str) -> Self {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }
}

/// Answers connections to `listener` on a thread of its own; `api`, when
/// given, takes the requests under `/__dossier/api/` and marks the pages.
pub(super) fn spawn(listener: TcpListener, site: Arc<Site>, api: Option<Arc<Api>>) {
    std::thread::spawn(move || serve_http(listener, site, api));
}

/// Accepts connections on 127.0.0.1, one thread each (polls wait for
/// builds; pages must not wait for polls). One request per connection.
fn serve_http(listener: TcpListener, site: Arc<Site>, api: Option<Arc<Api>>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let site = site.clone();
        let api = api.clone();
        std::thread::spawn(move || {
            let _ = handle_connection(stream, &site, api.as_deref());
        });
    }
}

/// The longest request head read (request line and headers).
const MAX_HEAD: usize = 16 * 1024;

fn handle_connection(mut stream: TcpStream, site: &Site, api: Option<&Api>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let head = match read_head(&mut stream)? {
        Head::Complete(head) => head,
        Head::Closed => return Ok(()),
        Head::TooLarge => {
            let reply = Reply::text(431, "request header too large");
            return write_reply(&mut stream, false, &reply);
        }
    };
    let line = String::from_utf8_lossy(head.split(|&b| b == b'\n').next().unwrap_or_default())
        .into_owned();
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let reply = match (method, api) {
        (_, Some(api)) if target.starts_with(PREFIX) => api.handle_raw(&head, &mut stream),
        ("GET" | "HEAD", Some(api)) if target.starts_with('/') => {
            api.decorate(&head, site.respond(target))
        }
        ("GET" | "HEAD", None) if target.starts_with('/') => site.respond(target),
        ("GET" | "HEAD", _) => Reply::text(400, "bad request"),
        _ => Reply::text(405, "method not allowed"),
    };
    write_reply(&mut stream, method == "HEAD", &reply)
}

/// What reading a request head gave.
enum Head {
    /// The bytes up to and including the blank line (perhaps a little more).
    Complete(Vec<u8>),
    /// The client went away first.
    Closed,
    /// Longer than [`MAX_HEAD`].
    TooLarge,
}

fn read_head(stream: &mut TcpStream) -> std::io::Result<Head> {
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && !head.windows(2).any(|w| w == b"\n\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(Head::Closed);
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > MAX_HEAD {
            return Ok(Head::TooLarge);
        }
    }
    Ok(Head::Complete(head))
}

fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        403 => "Forbidden",
        405 => "Method Not Allowed",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

fn write_reply(stream: &mut TcpStream, head_only: bool, reply: &Reply) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        reply.status,
        reason_phrase(reply.status),
        reply.content_type,
        reply.body.len()
    );
    if reply.status == 405 {
        out.push_str("Allow: GET, HEAD\r\n");
    }
    if let Some(loc) = &reply.location {
        out.push_str(&format!("Location: {loc}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&reply.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()?;
    let _ = stream.shutdown(std::net::Shutdown::Write);
    // Let the client read everything before the socket closes.
    let mut sink = [0u8; 512];
    let _ = stream.set_read_timeout(Some(Duration::from_millis(500)));
    while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
    Ok(())
}

/// The URL path as a relative output path, percent-decoded; `None` when it
/// would leave the site.
pub(super) fn decode_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let s = String::from_utf8(out).ok()?;
    let s = s.trim_start_matches('/');
    if s.split('/')
        .any(|seg| seg == ".." || seg == "." || seg.contains('\\'))
        || s.contains('\0')
    {
        return None;
    }
    Some(s.to_string())
}

/// A relative output path as a URL path, percent-encoded.
pub(super) fn encode_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for b in p.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The Content-Type for an output path.
pub(super) fn content_type(path: &str) -> &'static str {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;
    use crate::serve::site::SCRIPT_MARKER;
    use std::net::SocketAddr;
    use std::time::Instant;

    fn raw(addr: SocketAddr, request: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    fn file(path: &str, body: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn paths_decode_inside_the_site_and_encode_back() {
        assert_eq!(
            decode_path("/seeds/a%20b.txt").as_deref(),
            Some("seeds/a b.txt")
        );
        assert_eq!(decode_path("/../etc/passwd"), None);
        assert_eq!(decode_path("/%2e%2e/x"), None);
        assert_eq!(decode_path("/bad%zz"), None);
        assert_eq!(encode_path("seeds/a b"), "seeds/a%20b");
        assert_eq!(content_type("A.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("x"), "application/octet-stream");
    }

    #[test]
    fn http_answers_while_many_polls_wait() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let s = Arc::new(Site::new().unwrap());
        s.publish(vec![
            file("index.html", "<html><body><p>home</p></body></html>"),
            file("actors/index.html", "<html><body>actors</body></html>"),
            file("style.css", "p{}"),
        ]);
        spawn(listener, s.clone(), None);
        // Twelve open tabs of an old browser, each holding a poll.
        let polls: Vec<_> = (0..12)
            .map(|_| {
                std::thread::spawn(move || {
                    raw(
                        addr,
                        "GET /__dossier/poll?since=1 HTTP/1.1\r\nHost: x\r\n\r\n",
                    )
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(100));
        let t = Instant::now();
        let page = raw(
            addr,
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n",
        );
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "a page waited for polls"
        );
        assert!(page.starts_with("HTTP/1.1 200 OK\r\n"), "{page}");
        assert!(page.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(page.contains(SCRIPT_MARKER));
        let head = raw(addr, "HEAD /style.css HTTP/1.1\r\n\r\n");
        assert!(
            head.contains("Content-Length: 3\r\n") && head.ends_with("\r\n\r\n"),
            "{head:?}"
        );
        let post = raw(addr, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
        assert!(post.starts_with("HTTP/1.1 405"), "{post}");
        let moved = raw(addr, "GET /actors HTTP/1.1\r\n\r\n");
        assert!(
            moved.starts_with("HTTP/1.1 301") && moved.contains("Location: /actors/\r\n"),
            "{moved}"
        );
        // A new build answers every poll.
        s.publish(vec![file("index.html", "<body>new</body>")]);
        for p in polls {
            let body = p.join().unwrap();
            assert!(body.contains("\"version\":2"), "{body}");
        }
        // The HTTP thread keeps the site to the end of the process.
        std::fs::remove_dir_all(s.root()).unwrap();
    }
}
