//! `dossier-gen`: a development tool for measuring `dossier` at newsroom
//! scale (see `scripts/bench.sh`).
//!
//! - `dossier-gen corpus OUT --articles N --actors A --events E --seed S`
//!   writes a synthetic dossier (and, with `--hugo DIR`, the same articles as
//!   a Hugo site), deterministic from the seed.
//! - `dossier-gen link-bench ROOT` times mention linking of every article
//!   body of a dossier twice over the same text: with only the actors the
//!   texts name, and with all of them.
//! - `dossier-gen rebuild-bench ROOT` times what `dossier serve` does after
//!   one article is saved: a full check with the theme kept and the files
//!   published as the server's are, against the first (cold) one.
//! - `dossier-gen write-floor SITE OUT` times only writing a built site's
//!   files, held in memory, into OUT with every core: what any tool that
//!   writes that output spends at least.

mod corpus;

// The allocator of the `dossier` binary, so that what is timed here is
// what the server does.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand};
use dossier::diagnostics::Diagnostics;
use dossier::link::markdown::{self, DocOptions, IdCounter, Input, Linker};
use dossier::link::matcher::Matcher;
use dossier::model::{Dossier, ItemId};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(
    name = "dossier-gen",
    about = "Synthetic corpora and micro-measurements for dossier"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a synthetic dossier into OUT
    Corpus {
        out: PathBuf,
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        #[arg(long, default_value_t = 1000)]
        actors: usize,
        #[arg(long, default_value_t = 200)]
        events: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Name only the first M actors in texts (the rest are never mentioned)
        #[arg(long)]
        mentioned: Option<usize>,
        /// Also write the same articles as a Hugo site into this folder
        #[arg(long)]
        hugo: Option<PathBuf>,
    },
    /// Time mention linking with only the actors the texts name vs all actors
    LinkBench {
        root: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Time the rebuild `serve` does after one article changes
    RebuildBench {
        root: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Then check the served site against a cold build, file by file
        #[arg(long)]
        verify: bool,
    },
    /// Time writing the files of a built SITE, held in memory, into OUT
    WriteFloor {
        site: PathBuf,
        out: PathBuf,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Corpus {
            out,
            articles,
            actors,
            events,
            seed,
            mentioned,
            hugo,
        } => {
            let start = Instant::now();
            let c = corpus::Corpus::generate(corpus::Params {
                articles,
                actors,
                events,
                seed,
                mentioned,
            });
            if out.exists() {
                if let Err(e) = std::fs::remove_dir_all(&out) {
                    eprintln!("cannot clear {}: {e}", out.display());
                    return ExitCode::FAILURE;
                }
            }
            if let Err(e) = c.write_dossier(&out) {
                eprintln!("cannot write {}: {e}", out.display());
                return ExitCode::FAILURE;
            }
            if let Some(h) = &hugo {
                let _ = std::fs::remove_dir_all(h);
                if let Err(e) = c.write_hugo(h) {
                    eprintln!("cannot write {}: {e}", h.display());
                    return ExitCode::FAILURE;
                }
            }
            let annotations: usize = c.articles.iter().map(|a| a.annotations.len()).sum();
            let bytes: usize = c.articles.iter().map(|a| a.body.len()).sum();
            eprintln!(
                "dossier-gen: {} articles ({:.1} MB of Markdown, {} annotations), {} actors, {} events in {:.2?} -> {}",
                c.articles.len(),
                bytes as f64 / 1e6,
                annotations,
                c.actors.len(),
                c.events.len(),
                start.elapsed(),
                out.display()
            );
            ExitCode::SUCCESS
        }
        Command::RebuildBench { root, runs, verify } => match rebuild_bench(&root, runs, verify) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        },
        Command::WriteFloor { site, out, runs } => match write_floor(&site, &out, runs) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("write-floor: {e}");
                ExitCode::FAILURE
            }
        },
        Command::LinkBench { root, runs } => match link_bench(&root, runs) {
            Ok(()) => ExitCode::SUCCESS,
            Err(d) => {
                eprintln!("{d}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Links every article body once, on one thread: (time, mentions, HTML bytes).
fn link_all(d: &Dossier, m: &Matcher) -> (Duration, usize, usize) {
    let linker = Linker {
        dossier: d,
        matcher: m,
    };
    let start = Instant::now();
    let (mut mentions, mut bytes) = (0, 0);
    for (id, a) in d.articles.with_ids() {
        let opts = DocOptions::page(id.into(), "../", false);
        let (mut ids, mut diags) = (IdCounter::default(), Diagnostics::new());
        let input = Input::body(&a.text);
        let doc = markdown::parse(&linker, input, &opts, &mut ids, &mut diags);
        mentions += doc.mentions.len();
        bytes += doc.into_html().len();
    }
    (start.elapsed(), mentions, bytes)
}

/// Only the automaton: every match in every article body.
fn find_all(d: &Dossier, m: &Matcher) -> (Duration, usize) {
    let start = Instant::now();
    let n = d.articles.iter().map(|a| m.find(a.text.body()).len()).sum();
    (start.elapsed(), n)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn link_bench(root: &std::path::Path, runs: usize) -> Result<(), Diagnostics> {
    let full = dossier::load::load(root)?;
    let all = Matcher::build(&full).expect("the names build an automaton");
    let mut named = BTreeSet::new();
    for a in &full.articles {
        for f in all.find(a.text.body()) {
            if let ItemId::Actor(x) = all.target(f.pattern) {
                named.insert(full.actors[x].slug.clone());
            }
        }
    }
    // Only the bodies are linked here: the actor ids of the events and
    // annotations, which would now name other actors, are not read.
    let mut few = full.clone();
    few.actors = (few.actors.iter())
        .filter(|a| named.contains(&a.slug))
        .cloned()
        .collect();
    let some = Matcher::build(&few).expect("the names build an automaton");
    let patterns = |d: &Dossier| -> usize {
        d.actors.iter().map(|a| 1 + a.aliases.len()).sum::<usize>()
            + d.events.iter().map(|e| e.aliases.len()).sum::<usize>()
    };
    let (mut t_few, mut t_all, mut f_few, mut f_all) = (vec![], vec![], vec![], vec![]);
    let mut counts = None;
    for _ in 0..runs.max(1) {
        let (t, m1, b1) = link_all(&few, &some);
        t_few.push(t);
        let (t, m2, b2) = link_all(&full, &all);
        t_all.push(t);
        let (t, n1) = find_all(&few, &some);
        f_few.push(t);
        let (t, n2) = find_all(&full, &all);
        f_all.push(t);
        assert_eq!((m1, b1, n1), (m2, b2, n2), "both link the same mentions");
        counts = Some((m1, n1));
    }
    let (mentions, _) = counts.unwrap_or_default();
    let (tf, ta) = (median(t_few), median(t_all));
    let (ff, fa) = (median(f_few), median(f_all));
    println!(
        "link-bench: {} article bodies, {} mentions; {} actors ({} patterns) vs {} actors ({} patterns); median of {runs}",
        full.articles.len(),
        mentions,
        few.actors.len(),
        patterns(&few),
        full.actors.len(),
        patterns(&full),
    );
    println!(
        "link-bench: parse+link+HTML  {:>9.1} ms vs {:>9.1} ms  ratio {:.2}",
        tf.as_secs_f64() * 1e3,
        ta.as_secs_f64() * 1e3,
        ta.as_secs_f64() / tf.as_secs_f64()
    );
    println!(
        "link-bench: matcher only     {:>9.1} ms vs {:>9.1} ms  ratio {:.2}",
        ff.as_secs_f64() * 1e3,
        fa.as_secs_f64() * 1e3,
        fa.as_secs_f64() / ff.as_secs_f64()
    );
    Ok(())
}

/// The server's rebuild after one article is saved: the first build loads
/// the theme (cold), each later one keeps it, as `serve` does when a file
/// under `content/` changes; each build's files are published to a site
/// as the server's are (those that differ from the files served written
/// to the site's folder). The
/// article's title is changed ([`edited`]) and the file restored
/// afterwards. What is reported is the time from the save to
/// the updated site being served: the watcher's debounce
/// ([`dossier::serve::DEBOUNCE`]), the rebuild and the publishing; the
/// warnings are linted after that (as the server does) and timed apart.
/// Then the stages' medians and the peak memory of the process (VmHWM),
/// which holds what the server holds, read before `verify` compares the
/// site served after the last edit with a cold build, file by file.
fn rebuild_bench(root: &std::path::Path, runs: usize, verify: bool) -> Result<(), String> {
    let file = middle_article(root)?;
    let original = std::fs::read(&file).map_err(|e| e.to_string())?;
    let mut builder = dossier::serve::Builder::new(root);
    let site = dossier::serve::Site::new().map_err(|e| e.to_string())?;
    let mut stages = Vec::new();
    let start = Instant::now();
    let (first, _) = builder
        .rebuild_into(&site, false, &mut stages)
        .map_err(|d| d.to_string())?;
    let pages = first.made.len();
    let _ = builder.warnings();
    let cold = start.elapsed();
    let mut runs_timed: Vec<Timed> = Vec::new();
    let mut result = Ok(());
    for i in 0..runs.max(1) {
        if let Err(e) = std::fs::write(&file, edited(&original, i + 1)) {
            result = Err(e.to_string());
            break;
        }
        match time_rebuild(&mut builder, &site, &mut stages) {
            Ok(t) => runs_timed.push(t),
            Err(e) => {
                result = Err(e);
                break;
            }
        }
    }
    // Read before the check, which holds a cold build and the served
    // files at once: what the server holds is what is reported.
    let peak_kb = peak_rss_kb();
    if verify && result.is_ok() {
        result = verify_served(root, &site);
    }
    std::fs::write(&file, &original).map_err(|e| e.to_string())?;
    result?;
    report_rebuilds(root, pages, cold, &runs_timed, peak_kb);
    Ok(())
}

/// The article text `original` with its title changed (edit `n`), or
/// with `n` newlines added when it has no `title:` line.
fn edited(original: &[u8], n: usize) -> Vec<u8> {
    let text = String::from_utf8_lossy(original);
    let edit = |at: usize| format!("{}Edited {n}: {}", &text[..at], &text[at..]);
    let out = match (text.find("\ntitle: \""), text.find("\ntitle: ")) {
        (Some(i), _) => edit(i + "\ntitle: \"".len()),
        (None, Some(i)) => edit(i + "\ntitle: ".len()),
        (None, None) => format!("{text}{}", "\n".repeat(n)),
    };
    out.into_bytes()
}

/// Whether `site` serves what a cold build of `root` makes, byte for byte
/// (the files in its folder, read back).
fn verify_served(root: &std::path::Path, site: &dossier::serve::Site) -> Result<(), String> {
    let cold = dossier::check(root).map_err(|d| d.to_string())?;
    let served = read_tree(site.dir()).map_err(|e| e.to_string())?;
    let mut differ: Vec<&str> = (cold.files.iter())
        .filter(|f| served.get(&f.path).is_none_or(|b| *b != f.bytes))
        .map(|f| f.path.as_str())
        .collect();
    let made: std::collections::HashSet<&str> =
        cold.files.iter().map(|f| f.path.as_str()).collect();
    differ.extend(
        served
            .keys()
            .map(String::as_str)
            .filter(|p| !made.contains(p)),
    );
    if !differ.is_empty() {
        differ.sort_unstable();
        differ.truncate(20);
        return Err(format!(
            "rebuild-bench: the served site differs from a cold build: {differ:?}"
        ));
    }
    println!(
        "rebuild-bench: verified: the served site is a cold build's {} files, byte for byte",
        cold.files.len()
    );
    Ok(())
}

/// Every file under `dir`, by its path relative to `dir` (`/`-separated).
fn read_tree(dir: &std::path::Path) -> std::io::Result<std::collections::HashMap<String, Vec<u8>>> {
    let mut files = std::collections::HashMap::new();
    for e in walkdir::WalkDir::new(dir).min_depth(1) {
        let e = e?;
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(e.path())?);
        }
    }
    Ok(files)
}

/// The article in the middle of `root`'s, by file name.
fn middle_article(root: &std::path::Path) -> Result<PathBuf, String> {
    let articles = root.join("content/articles");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&articles)
        .map_err(|e| format!("cannot read {}: {e}", articles.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .get(files.len() / 2)
        .cloned()
        .ok_or_else(|| format!("no article in {}", articles.display()))
}

/// One rebuild: until its site is served, its linting after, its stages.
struct Timed {
    served: Duration,
    /// The processor time of the whole process over `served` (user and
    /// system, every thread): what a busy machine does not change much.
    cpu: Duration,
    lint: Duration,
    stages: Vec<(dossier::Stage, Duration)>,
    /// The files the rebuild made (the others were kept), by top folder
    /// (or file): how many, and their bytes (as served, read after the
    /// timing); and of those, the files taken by their digest, not handed
    /// over (most not even put together).
    made: std::collections::BTreeMap<String, (usize, usize)>,
    unchanged: (usize, usize),
    /// The files publishing it wrote or removed (the others made were the
    /// same as those served).
    changed: usize,
}

fn time_rebuild(
    builder: &mut dossier::serve::Builder,
    site: &dossier::serve::Site,
    stages: &mut Vec<(dossier::Stage, Duration)>,
) -> Result<Timed, String> {
    let start = Instant::now();
    let cpu = cpu_time();
    let (update, published) = builder
        .rebuild_into(site, false, stages)
        .map_err(|d| d.to_string())?;
    let served = start.elapsed();
    let cpu = cpu_time().saturating_sub(cpu);
    let start = Instant::now();
    let _ = builder.warnings();
    let lint = start.elapsed();
    let size =
        |path: &str| std::fs::metadata(site.dir().join(path)).map_or(0, |m| m.len() as usize);
    let mut made = std::collections::BTreeMap::new();
    for path in &update.made {
        let top = path.split_once('/').map_or("(root)", |(dir, _)| dir);
        let entry: &mut (usize, usize) = made.entry(top.to_string()).or_default();
        entry.0 += 1;
        entry.1 += size(path);
    }
    let unchanged = (
        update.unchanged.len(),
        update.unchanged.iter().map(|p| size(p)).sum(),
    );
    Ok(Timed {
        served,
        cpu,
        lint,
        stages: stages.clone(),
        made,
        unchanged,
        changed: published.changed,
    })
}

/// Prints the medians of `timed` against the `cold` build, and the peak
/// memory `peak_kb`.
fn report_rebuilds(
    root: &std::path::Path,
    pages: usize,
    cold: Duration,
    timed: &[Timed],
    peak_kb: u64,
) {
    let debounce = dossier::serve::DEBOUNCE;
    let served = median(timed.iter().map(|t| t.served).collect());
    let lint = median(timed.iter().map(|t| t.lint).collect());
    let saved_to_served = debounce + served;
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "rebuild-bench: {} ({pages} files): cold build {:.1} ms; one article saved: served after {:.1} ms \
         (debounce {:.0} + rebuild and publish {:.1}; median of {}), ratio {:.3} of the cold build; \
         warnings linted after that in {:.1} ms",
        root.display(),
        ms(cold),
        ms(saved_to_served),
        ms(debounce),
        ms(served),
        timed.len(),
        saved_to_served.as_secs_f64() / cold.as_secs_f64(),
        ms(lint),
    );
    let mut line = String::from("rebuild-bench: stage medians:");
    for stage in [
        dossier::Stage::Load,
        dossier::Stage::Link,
        dossier::Stage::Render,
    ] {
        let of_stage = timed.iter().map(|t| {
            (t.stages.iter().filter(|(s, _)| *s == stage))
                .map(|(_, d)| *d)
                .sum()
        });
        line += &format!(" {} {:.1} ms", stage.name(), ms(median(of_stage.collect())));
    }
    println!("{line}");
    println!(
        "rebuild-bench: processor time of a rebuild until served (user and system, every thread): {:.0} ms (median)",
        ms(median(timed.iter().map(|t| t.cpu).collect()))
    );
    if let Some(last) = timed.last() {
        let mut line = String::from("rebuild-bench: made again by the last rebuild:");
        for (top, (files, bytes)) in &last.made {
            line += &format!(" {top} {files} ({:.1} MB)", *bytes as f64 / 1e6);
        }
        println!("{line}");
        let (files, bytes) = last.unchanged;
        println!(
            "rebuild-bench: of which the site had already, taken by their digest, not handed over: {files} ({:.1} MB)",
            bytes as f64 / 1e6
        );
        println!(
            "rebuild-bench: of which written to the served folder (or removed from it): {}",
            last.changed
        );
    }
    println!("rebuild-bench: peak memory (VmHWM) {} MB", peak_kb / 1024);
}

/// The processor time this process has used, user and system, all its
/// threads (`/proc/self/stat`, in the kernel's USER_HZ ticks, 100 a second
/// on Linux; zero where unknown).
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses: the
    // state is the third field, utime and stime the 14th and 15th.
    let fields: Vec<&str> = stat
        .rsplit_once(") ")
        .map_or(Vec::new(), |(_, rest)| rest.split(' ').collect());
    let ticks = |i: usize| fields.get(i).and_then(|v| v.parse::<u64>().ok());
    let total = ticks(11).unwrap_or(0) + ticks(12).unwrap_or(0);
    Duration::from_millis(total * 10)
}

/// This process's peak resident memory in KB (`VmHWM`; 0 where unknown).
fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    (status.lines())
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Writes every file of `site` (read into memory first, untimed) into `out`,
/// its folders first and then the files on all cores, `runs` times (`out`
/// removed before each, untimed); prints the median.
fn write_floor(site: &std::path::Path, out: &std::path::Path, runs: usize) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut dirs = BTreeSet::new();
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(site).min_depth(1) {
        let e = e?;
        let rel = e
            .path()
            .strip_prefix(site)
            .unwrap_or(e.path())
            .to_path_buf();
        if e.file_type().is_dir() {
            dirs.insert(rel);
        } else {
            files.push((rel, std::fs::read(e.path())?));
        }
    }
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut times = Vec::new();
    for _ in 0..runs.max(1) {
        if out.exists() {
            std::fs::remove_dir_all(out)?;
        }
        let start = Instant::now();
        std::fs::create_dir_all(out)?;
        for d in &dirs {
            std::fs::create_dir_all(out.join(d))?;
        }
        files
            .par_iter()
            .try_for_each(|(rel, b)| std::fs::write(out.join(rel), b))?;
        times.push(start.elapsed());
    }
    println!(
        "write-floor: {} files ({:.0} MB) written from memory on {} threads: {:.2} s (median of {})",
        files.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads(),
        median(times).as_secs_f64(),
        runs.max(1)
    );
    Ok(())
}
