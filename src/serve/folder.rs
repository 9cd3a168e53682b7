//! The folder `dossier serve` serves its site from: one of its own under the
//! system's temporary folder (`dossier-serve-<pid>-<random>`), holding in
//! `site/` exactly what `dossier build` writes, and beside it the
//! `staging/` folder a rebuild writes its changed files into before they
//! are moved into place ([`super::staged`]).
//!
//! The site is kept on disk, as mdBook and Zola keep theirs, not in memory:
//! at newsroom scale it is most of a gigabyte, which the page cache holds
//! better than the server's heap. The folder is removed when the `Folder`
//! is dropped or the server is stopped, and the folders of servers that
//! were killed are removed when the next one starts.

use std::fs;
use std::path::{Component, Path, PathBuf};

/// What a served folder's name starts with; the server's process id
/// follows, then a random tag.
const PREFIX: &str = "dossier-serve-";

/// One server's folder, removed on drop.
pub(crate) struct Folder {
    root: PathBuf,
    site: PathBuf,
}

impl Folder {
    /// Makes a new folder under the system's temporary folder, first
    /// removing those that servers no longer running left there.
    pub(crate) fn create() -> Result<Folder, String> {
        let temp = std::env::temp_dir();
        crate::write::remove_abandoned(&temp, PREFIX, |tag| {
            tag.split_once('-').and_then(|(pid, _)| pid.parse().ok())
        });
        let mut tag = [0u8; 8];
        getrandom::fill(&mut tag)
            .map_err(|e| format!("no randomness to name the served folder: {e}"))?;
        let tag: String = tag.iter().map(|b| format!("{b:02x}")).collect();
        let root = temp.join(format!("{PREFIX}{}-{tag}", std::process::id()));
        private_dir(&root)
            .map_err(|e| format!("cannot make the folder {}: {e}", root.display()))?;
        let folder = Folder {
            site: root.join("site"),
            root,
        };
        fs::create_dir(&folder.site)
            .map_err(|e| format!("cannot make the folder {}: {e}", folder.site.display()))?;
        Ok(folder)
    }

    /// The folder itself: what is removed when the server stops.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The site as served.
    pub(crate) fn site(&self) -> &Path {
        &self.site
    }

    /// Where a rebuild writes its changed files before they are served.
    pub(crate) fn staging(&self) -> PathBuf {
        self.root.join("staging")
    }

    /// The bytes of the regular file at `rel` (an output path) in the
    /// site; `None` when there is none, or `rel` would leave the site.
    pub(crate) fn read(&self, rel: &str) -> Option<Vec<u8>> {
        use std::io::Read;
        let mut file = fs::File::open(inside(&self.site, rel)?).ok()?;
        // A folder opens too, and is no page.
        if !file.metadata().ok()?.is_file() {
            return None;
        }
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        Some(bytes)
    }

    /// Whether the site has a regular file at `rel`.
    pub(crate) fn has_file(&self, rel: &str) -> bool {
        inside(&self.site, rel).is_some_and(|p| p.is_file())
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

/// `rel`, a relative output path whose parts are separated by `/`, under
/// `base`; `None` unless every part is a plain name (no `..`, `.`, root,
/// drive or separator of the system's own), so that the result is always
/// inside `base`. Empty parts (`a//b`, a trailing `/`) are skipped.
pub(crate) fn inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut full = base.to_path_buf();
    for part in rel.split('/').filter(|p| !p.is_empty()) {
        let mut components = Path::new(part).components();
        match (components.next(), components.next()) {
            (Some(Component::Normal(name)), None) if !part.contains(['\\', '\0']) => {
                full.push(name)
            }
            _ => return None,
        }
    }
    Some(full)
}

/// Makes the folder `dir`, readable by this user alone, failing if
/// anything is there already: every page served from it is given the
/// token of the annotation API as it is sent, so no other user of the
/// machine may put a file in it or make it beforehand.
fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let base = Path::new("/srv/site");
        let ok = |rel: &str| inside(base, rel);
        assert_eq!(ok("a/b.html"), Some(base.join("a").join("b.html")));
        assert_eq!(ok(""), Some(base.to_path_buf()));
        assert_eq!(ok("a//b/"), Some(base.join("a").join("b")));
        assert_eq!(ok("..."), Some(base.join("...")));
        for bad in ["..", "a/../../etc/passwd", ".", "a/./b", "a\\..\\b", "a\0b"] {
            assert_eq!(ok(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_folder_is_private_reads_only_files_and_goes_on_drop() {
        let folder = Folder::create().unwrap();
        let root = folder.root().to_path_buf();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&root).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o700);
        }
        fs::create_dir_all(folder.site().join("a")).unwrap();
        fs::write(folder.site().join("a/b.html"), "b").unwrap();
        fs::write(root.join("outside.txt"), "secret").unwrap();
        assert_eq!(folder.read("a/b.html").as_deref(), Some(&b"b"[..]));
        assert_eq!(folder.read("a"), None, "a folder is not a file");
        assert!(folder.has_file("a/b.html") && !folder.has_file("a"));
        assert_eq!(folder.read("../outside.txt"), None);
        drop(folder);
        assert!(!root.exists());
    }

    #[test]
    fn folders_of_ended_servers_are_removed_at_start() {
        let temp = std::env::temp_dir();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let ended = child.id();
        child.wait().unwrap();
        let abandoned = temp.join(format!("{PREFIX}{ended}-test"));
        let running = temp.join(format!("{PREFIX}{}-test", std::process::id()));
        for d in [&abandoned, &running] {
            fs::create_dir_all(d.join("site")).unwrap();
        }
        let folder = Folder::create().unwrap();
        assert!(!abandoned.exists(), "an ended server's folder is removed");
        assert!(running.exists(), "a running server's folder is kept");
        fs::remove_dir_all(&running).unwrap();
        drop(folder);
    }
}
