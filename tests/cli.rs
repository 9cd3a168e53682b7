//! The `dossier` binary: `new`, `build`, `check`, exit codes and output.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dossier(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(cwd)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .output()
        .expect("run dossier")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    v.sort();
    v
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.push(p.clone());
            out.extend(walkdir(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn new_dossier(tmp: &Path) -> PathBuf {
    let o = dossier(&["new", "d"], tmp);
    assert!(o.status.success(), "new failed: {}", stderr(&o));
    tmp.join("d")
}

#[test]
fn new_then_build_gives_a_site_without_the_reload_script() {
    let tmp = tempfile::tempdir().unwrap();
    let d = new_dossier(tmp.path());
    assert!(!d.join("templates").exists(), "templates stay embedded");
    let o = dossier(&["build", "d"], tmp.path());
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    assert!(stderr(&o).contains("pages"), "{}", stderr(&o));
    let book = d.join("book");
    for page in [
        "index.html",
        "articles/harbour-bridge-to-close.html",
        "actors/index.html",
        "actors/port-authority.html",
        "actors/dana-okafor.html",
        "events/bridge-closure.html",
        "about.html",
    ] {
        assert!(book.join(page).is_file(), "{page} missing");
    }
    let article =
        std::fs::read_to_string(book.join("articles/harbour-bridge-to-close.html")).unwrap();
    assert!(
        article.contains("actors/dana-okafor.html"),
        "mentions link to actors"
    );
    for f in walkdir(&book).into_iter().filter(|p| p.is_file()) {
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned();
        assert!(
            !text.contains("data-dossier-live-reload") && !text.contains("__dossier"),
            "{} contains the live-reload script",
            f.display()
        );
    }
}

#[test]
fn new_refuses_a_non_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("d")).unwrap();
    std::fs::write(tmp.path().join("d/notes.txt"), "mine").unwrap();
    let o = dossier(&["new", "d"], tmp.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("not empty"), "{}", stderr(&o));
    assert!(stderr(&o).contains("hint"), "{}", stderr(&o));
    assert_eq!(tree(&tmp.path().join("d")), [PathBuf::from("notes.txt")]);
}

#[test]
fn check_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let d = new_dossier(tmp.path());
    let before = tree(tmp.path());
    let o = dossier(&["check", "d"], tmp.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("ok:"), "{}", stderr(&o));
    assert_eq!(tree(tmp.path()), before, "check left files behind");
    assert!(!d.join("book").exists());

    let o = dossier(&["check", "--format", "json"], &d);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], true);
    assert_eq!(v["diagnostics"].as_array().map(Vec::len), Some(0));
    assert_eq!(tree(tmp.path()), before);
}

#[test]
fn check_json_reports_place_and_exits_1() {
    let tmp = tempfile::tempdir().unwrap();
    let d = new_dossier(tmp.path());
    let actor = d.join("content/actors/dana-okafor.md");
    let text = std::fs::read_to_string(&actor).unwrap();
    std::fs::write(&actor, text.replace("kind: person", "kind: persn")).unwrap();
    let before = tree(tmp.path());
    let o = dossier(&["check", "d", "--format", "json"], tmp.path());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], false);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{v}");
    let diag = &diags[0];
    assert_eq!(diag["path"], "content/actors/dana-okafor.md", "{v}");
    assert_eq!(diag["line"], 3, "{v}");
    assert!(diag["column"].is_u64(), "{v}");
    assert!(diag["message"].as_str().unwrap().contains("persn"), "{v}");
    assert!(diag["hint"].as_str().unwrap().contains("person"), "{v}");
    assert_eq!(tree(tmp.path()), before);

    // The same as text on stderr, without colour when not on a terminal.
    let o = dossier(&["check", "d"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("error:") && err.contains("content/actors/dana-okafor.md:3:"),
        "{err}"
    );
    assert!(!err.contains('\x1b'), "colour on a pipe: {err:?}");
    assert!(o.stdout.is_empty());
}

#[test]
fn check_summarises_and_colour_follows_the_environment() {
    let tmp = tempfile::tempdir().unwrap();
    new_dossier(tmp.path());
    let o = dossier(&["check", "d"], tmp.path());
    let err = stderr(&o);
    assert!(err.starts_with("ok: "), "{err}");
    assert!(
        err.contains(" would be written: 1 article, 2 actors, 1 event, 1 annotation, "),
        "{err}"
    );
    // On a pipe there is no colour unless forced; NO_COLOR wins over that.
    let run = |env: &[(&str, &str)]| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.args(["check", "d"]).current_dir(tmp.path());
        c.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        stderr(&c.envs(env.iter().copied()).output().expect("run dossier"))
    };
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\x1b["));
    let plain = run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]);
    assert!(
        plain.starts_with("ok: ") && !plain.contains('\x1b'),
        "{plain:?}"
    );
}

#[test]
fn quiet_prints_only_errors_and_verbose_prints_stages() {
    let tmp = tempfile::tempdir().unwrap();
    new_dossier(tmp.path());
    let o = dossier(&["--quiet", "build", "d"], tmp.path());
    assert!(o.status.success());
    assert_eq!(stderr(&o), "");
    let o = dossier(&["build", "d", "-v"], tmp.path());
    assert!(o.status.success());
    let err = stderr(&o);
    for stage in ["load", "link", "render", "write"] {
        assert!(err.contains(stage), "{err}");
    }
    let o = dossier(&["-q", "check", "nowhere"], tmp.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error"));
}

/// A failure found after the warnings (two outputs with one path, found as
/// the site is made): `--quiet` still prints its errors alone.
#[test]
fn quiet_prints_only_the_errors_of_a_failure_found_after_the_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("d");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/warnings");
    common::copy_tree(&fixture, &root);
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(root.join("templates/timeline.json"), "{}").unwrap();
    for command in ["check", "build"] {
        let o = dossier(&[command, "d"], tmp.path());
        assert_eq!(o.status.code(), Some(1));
        assert!(stderr(&o).contains("warning["), "{}", stderr(&o));
        let o = dossier(&["--quiet", command, "d"], tmp.path());
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(!err.contains("warning"), "{err}");
        assert!(
            err.starts_with("error: two outputs would be written to `timeline.json`"),
            "{err}"
        );
        assert!(err.contains("1 error found"), "{err}");
    }
}

#[test]
fn usage_errors_exit_2_and_help_has_examples() {
    let tmp = tempfile::tempdir().unwrap();
    assert_eq!(dossier(&["frobnicate"], tmp.path()).status.code(), Some(2));
    assert_eq!(
        dossier(&["serve", "-p", "notaport"], tmp.path())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(dossier(&["new"], tmp.path()).status.code(), Some(2));
    assert_eq!(
        dossier(&["-q", "-v", "check"], tmp.path()).status.code(),
        Some(2)
    );
    let o = dossier(&["--help"], tmp.path());
    assert!(o.status.success());
    let help = String::from_utf8_lossy(&o.stdout);
    for word in [
        "Examples:",
        "dossier new",
        "dossier serve",
        "--quiet",
        "--verbose",
    ] {
        assert!(help.contains(word), "{word} missing from --help:\n{help}");
    }
    if cfg!(feature = "serve") {
        let o = dossier(&["serve", "--help"], tmp.path());
        let help = String::from_utf8_lossy(&o.stdout);
        assert!(
            help.contains("--port") && help.contains("--open") && help.contains("Examples:"),
            "{help}"
        );
    }
}
