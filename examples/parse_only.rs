//! The floor for pitfix's speed: find the same files (`.py`/`.pyi`, .gitignore respected, hidden
//! and tool folders skipped), read and parse each one with the same parser, in parallel, and do
//! nothing else. `scripts/bench.sh` times it next to `pitfix` and Ruff.
//!
//! With `--arena`, each tree is parsed into a per-file arena as pitfix parses (`src/arena`), so
//! that the floor can also be read on those terms.
//!
//! With `--reparse LIST`, the files named in LIST (one path a line, as found under the roots) are
//! parsed twice: what `pitfix diff` must also do for each file it fixes, whose fixed text it
//! parses again to know that it parses and that nothing is left to fix. A second parse of the
//! same text stands for the parse of the fixed text, which differs from it by a few bytes. A file
//! that takes `diff` two fix passes is parsed three times there, and twice here: the floor errs
//! on the fast side, which makes the ratio against it stricter, not kinder.
//!
//! Usage: `cargo run --release --example parse_only -- [--arena] [--reparse LIST] [PATH...]`
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use ignore::{WalkBuilder, WalkState};
use rayon::prelude::*;
use ruff_python_ast::PySourceType;
use ruff_python_parser::parse_unchecked_source;

/// The folders pitfix skips by default (see `settings.rs`).
const SKIPPED: &[&str] = &[
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox", ".pants.d", ".pytype", ".ruff_cache", ".svn",
    ".tox", ".venv", "__pypackages__", "_build", "buck-out", "dist", "node_modules", "site-packages", "venv",
];

// The same allocator as pitfix, so that the floor is measured on equal terms (without `--arena`
// it serves no arena: jemalloc's own allocations).
#[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
#[global_allocator]
static GLOBAL: pitfix::ArenaAlloc<tikv_jemallocator::Jemalloc> = pitfix::ArenaAlloc::new(tikv_jemallocator::Jemalloc);

fn main() {
    let mut args: Vec<_> = std::env::args_os().skip(1).collect();
    let arena = args.iter().any(|a| a == "--arena");
    args.retain(|a| a != "--arena");
    let reparsed = take_reparse_list(&mut args);
    let mut roots: Vec<PathBuf> = args.into_iter().map(PathBuf::from).collect();
    if roots.is_empty() {
        roots.push(PathBuf::from("."));
    }
    // Found on several threads, as pitfix finds them (`workspace::discover`): a walk on one
    // thread was a tenth of this pass's time, which pitfix does not spend.
    let found = Mutex::new(Vec::new());
    for root in &roots {
        let walker = WalkBuilder::new(root)
            .require_git(false)
            .filter_entry(|e| !e.file_name().to_str().is_some_and(|n| SKIPPED.contains(&n)))
            .build_parallel();
        walker.run(|| {
            let found = &found;
            Box::new(move |entry| {
                if let Ok(entry) = entry
                    && entry.file_type().is_some_and(|t| t.is_file())
                    && entry.path().extension().is_some_and(|e| e == "py" || e == "pyi")
                {
                    found.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(entry.into_path());
                }
                WalkState::Continue
            })
        });
    }
    let mut files = found.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    files.sort();
    let pool = rayon::ThreadPoolBuilder::new().stack_size(512 * 1024 * 1024).build().expect("a thread pool");
    let (parsed, errors, twice): (usize, usize, usize) = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let Ok(bytes) = std::fs::read(path) else { return (0, 1, 0) };
                // Validated as pitfix decodes (`std::str::from_utf8`); the lossy decode walks
                // the bytes one by one even when they are valid, 7% of this pass's instructions
                // over the benchmark corpus (callgrind).
                let text = match std::str::from_utf8(&bytes) {
                    Ok(text) => std::borrow::Cow::Borrowed(text),
                    Err(_) => String::from_utf8_lossy(&bytes),
                };
                let kind = if path.extension().is_some_and(|e| e == "pyi") { PySourceType::Stub } else { PySourceType::Python };
                let parse = || {
                    if arena {
                        pitfix::testing::parse_in_arena_has_errors(&text, kind)
                    } else {
                        !parse_unchecked_source(&text, kind).errors().is_empty()
                    }
                };
                let has_errors = parse();
                let again = reparsed.contains(path.strip_prefix(".").unwrap_or(path));
                if again {
                    std::hint::black_box(parse());
                }
                (1, usize::from(has_errors), usize::from(again))
            })
            .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2))
    });
    println!("parsed {parsed} files ({errors} with syntax errors), {twice} of them twice");
}

/// Takes `--reparse LIST` out of `args`: the set of paths LIST names (empty without it).
fn take_reparse_list(args: &mut Vec<std::ffi::OsString>) -> HashSet<PathBuf> {
    let Some(at) = args.iter().position(|a| a == "--reparse") else { return HashSet::new() };
    let list = args.get(at + 1).cloned().expect("--reparse needs a file that lists paths");
    args.drain(at..=at + 1);
    let text = std::fs::read_to_string(&list).expect("--reparse: the list of paths is readable");
    // Compared without a leading `./`, as the roots' files are found under `.`.
    text.lines().filter(|line| !line.is_empty()).map(|line| PathBuf::from(line.strip_prefix("./").unwrap_or(line))).collect()
}
