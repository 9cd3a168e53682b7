//! Splitting a content file into YAML front matter and Markdown body, and
//! deserialising the front matter with errors placed in the file.

use crate::diagnostics::{explain_serde_message, Diagnostic};
use crate::model::SourceText;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Splits `file` at its `---` fences. The front matter must start on the
/// first line.
pub fn split(path: &Path, file: String) -> Result<SourceText, Diagnostic> {
    let bom = if file.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &file[bom..];
    if rest.trim().is_empty() {
        return Err(Diagnostic::new(path, "the file is empty")
            .hint("a content file starts with front matter between `---` lines, then Markdown"));
    }
    let first_line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if rest[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::new(path, "missing front matter")
            .at(&file, 1, 1)
            .hint("start the file with a line `---`, the YAML fields, and another `---`"));
    }
    let fm_start = bom + first_line_end;
    let mut offset = fm_start;
    for line in file[fm_start..].split_inclusive('\n') {
        let t = line.trim_end();
        if t == "---" || t == "..." {
            let front_matter = file[fm_start..offset].to_string();
            let body_start = offset + line.len();
            return Ok(SourceText {
                path: path.to_path_buf(),
                front_matter,
                front_matter_start: fm_start,
                body_start,
                file,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(path, "the front matter is not closed")
        .at(&file, 1, 1)
        .hint("end the front matter with a line `---` before the Markdown body"))
}

/// Deserialises the front matter into `T`, placing errors at the right line
/// of the file (not of the front matter block).
pub fn parse<T: DeserializeOwned>(text: &SourceText) -> Result<T, Diagnostic> {
    let yaml = if text.front_matter.trim().is_empty() {
        "{}"
    } else {
        text.front_matter.as_str()
    };
    serde_yaml::from_str(yaml).map_err(|e| {
        let (message, hint) = explain_serde_message(&e.to_string());
        let fm_line = text.file[..text.front_matter_start].matches('\n').count();
        let d = Diagnostic::new(&text.path, message.clone());
        let d = match e.location() {
            Some(loc) => d.at(&text.file, fm_line + loc.line(), loc.column()),
            None => d.at(&text.file, fm_line + 1, 1),
        };
        let is_date = message.contains("is not a date")
            || message.contains("months run from")
            || (message.contains("does not exist:") && message.ends_with(" days"));
        match hint {
            _ if is_date => d.hint("write dates as YYYY-MM-DD, YYYY-MM or YYYY, such as 2023-08-14"),
            Some(h) if message.contains("missing field") => d.hint(format!("{h} to the front matter")),
            Some(h) => d.hint(h),
            None => d.hint("check the YAML syntax: `key: value`, lists as `[a, b]` or `- a` lines; quote text containing `: `"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct Fm {
        #[allow(dead_code)]
        title: String,
    }

    #[test]
    fn splits_front_matter_and_body() {
        let t = split(Path::new("a.md"), "---\ntitle: x\n---\nBody\n".into()).unwrap();
        assert_eq!(t.front_matter, "title: x\n");
        assert_eq!(t.body(), "Body\n");
    }

    #[test]
    fn yaml_error_line_is_line_in_file() {
        let t = split(Path::new("a.md"), "---\ntitle: x\ntitel: y\n---\n".into()).unwrap();
        let e = parse::<Fm>(&t).unwrap_err();
        assert_eq!(e.line, Some(3));
        assert_eq!(e.hint.as_deref(), Some("did you mean `title`?"));
    }

    #[test]
    fn missing_and_unclosed_front_matter() {
        assert!(split(Path::new("a.md"), "Body".into())
            .unwrap_err()
            .message
            .contains("missing"));
        assert!(split(Path::new("a.md"), "---\ntitle: x\n".into())
            .unwrap_err()
            .message
            .contains("not closed"));
        assert!(split(Path::new("a.md"), "\n \n".into())
            .unwrap_err()
            .message
            .contains("empty"));
    }
}
