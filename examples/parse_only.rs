//! The floor for pitfix's speed: find the same files (`.py`/`.pyi`, .gitignore respected, hidden
//! and tool folders skipped), read and parse each one with the same parser, in parallel, and do
//! nothing else. `scripts/bench.sh` times it next to `pitfix` and Ruff.
//!
//! Usage: `cargo run --release --example parse_only -- [PATH...]`
use std::path::PathBuf;

use ignore::WalkBuilder;
use rayon::prelude::*;
use ruff_python_ast::PySourceType;
use ruff_python_parser::parse_unchecked_source;

/// The folders pitfix skips by default (see `settings.rs`).
const SKIPPED: &[&str] = &[
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox", ".pants.d", ".pytype", ".ruff_cache", ".svn",
    ".tox", ".venv", "__pypackages__", "_build", "buck-out", "dist", "node_modules", "site-packages", "venv",
];

// The same allocator as pitfix, so that the floor is measured on equal terms.
#[cfg(all(unix, any(target_arch = "x86_64", target_arch = "aarch64")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let mut roots: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        roots.push(PathBuf::from("."));
    }
    let mut files = Vec::new();
    for root in &roots {
        let walker = WalkBuilder::new(root)
            .require_git(false)
            .filter_entry(|e| !e.file_name().to_str().is_some_and(|n| SKIPPED.contains(&n)))
            .build();
        for entry in walker.flatten() {
            let path = entry.into_path();
            if path.is_file() && path.extension().is_some_and(|e| e == "py" || e == "pyi") {
                files.push(path);
            }
        }
    }
    let pool = rayon::ThreadPoolBuilder::new().stack_size(512 * 1024 * 1024).build().expect("a thread pool");
    let (parsed, errors): (usize, usize) = pool.install(|| {
        files
            .par_iter()
            .map(|path| {
                let Ok(bytes) = std::fs::read(path) else { return (0, 1) };
                let text = String::from_utf8_lossy(&bytes);
                let kind = if path.extension().is_some_and(|e| e == "pyi") { PySourceType::Stub } else { PySourceType::Python };
                let result = parse_unchecked_source(&text, kind);
                (1, usize::from(!result.errors().is_empty()))
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    println!("parsed {parsed} files ({errors} with syntax errors)");
}
