//! What `PITFIX_TIMINGS=1` prints about a run: the project index's CPU time, the files that
//! waited for it, and how many files each transform's first look let through to the model and
//! the checker (the gate that keeps most files cheap); for `check`, also how many of those the
//! transform then reported nothing in (what a sharper first look would save).
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::engine::transform::Transform;

pub(crate) struct Timings {
    enabled: bool,
    start: Instant,
    index_nanos: AtomicU64,
    /// Each file some transform's first look let through: its name, its bytes (the model and the
    /// checker's walk cost about in proportion to these), and the transforms that could report
    /// there.
    let_through: Mutex<Vec<(String, usize, Vec<&'static str>)>>,
    /// The files that waited for the index and were parsed again for it.
    parsed_again: AtomicU64,
}

impl Timings {
    pub(crate) fn new() -> Self {
        Timings {
            enabled: std::env::var_os("PITFIX_TIMINGS").is_some(),
            start: Instant::now(),
            index_nanos: AtomicU64::new(0),
            let_through: Mutex::new(Vec::new()),
            parsed_again: AtomicU64::new(0),
        }
    }

    /// Counts time spent on the project index since `start`.
    pub(crate) fn index_since(&self, start: Instant) {
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.index_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    pub(crate) fn enabled(&self) -> bool {
        self.enabled
    }

    /// Notes the transforms the first look of the file `display` (of `bytes`) let through.
    pub(crate) fn let_through(&self, display: &str, candidates: &[&'static dyn Transform], bytes: usize) {
        if !self.enabled || candidates.is_empty() {
            return;
        }
        if let Ok(mut files) = self.let_through.lock() {
            files.push((display.to_owned(), bytes, candidates.iter().map(|t| t.rule().id).collect()));
        }
    }

    /// Counts a file that waited for the index and is parsed again for it.
    pub(crate) fn parsed_again(&self) {
        self.parsed_again.fetch_add(1, Ordering::Relaxed);
    }

    /// Prints the run's figures (when `PITFIX_TIMINGS` is set); `reported`: for `check`, the
    /// transforms that reported something in each file, by its name.
    pub(crate) fn report(
        &self,
        files: usize,
        waited: usize,
        uses_project_index: bool,
        reported: Option<&FxHashMap<&str, FxHashSet<&'static str>>>,
    ) {
        if !self.enabled {
            return;
        }
        let total_ms = self.start.elapsed().as_secs_f64() * 1e3;
        if uses_project_index {
            let index_ms = self.index_nanos.load(Ordering::Relaxed) as f64 / 1e6;
            let again = self.parsed_again.load(Ordering::Relaxed);
            eprintln!(
                "timings: project index {index_ms:.1} ms of CPU time; {} waited for it, {again} of them parsed again; run {total_ms:.1} ms wall",
                file_count(waited)
            );
        }
        let Ok(let_through) = self.let_through.lock() else { return };
        let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
        for id in let_through.iter().flat_map(|(_, _, ids)| ids) {
            *counts.entry(id).or_default() += 1;
        }
        let bytes = let_through.iter().map(|(_, size, _)| size).sum();
        eprintln!(
            "timings: the first look let {} of {files} files ({}) through to the checker: {}",
            let_through.len(),
            megabytes(bytes),
            listed(counts, |n| n.to_string())
        );
        if let Some(reported) = reported {
            report_needless(&let_through, reported);
        }
    }
}

/// For `check`: the files the first look let through where nothing was reported, and per
/// transform, the files (and bytes) it let through and reported nothing in; "alone": the bytes
/// of those files with no finding that it alone let through, which a first look of it that
/// said no there would spare the model.
fn report_needless(let_through: &[(String, usize, Vec<&'static str>)], reported: &FxHashMap<&str, FxHashSet<&'static str>>) {
    let none = FxHashSet::default();
    let (mut files, mut bytes) = (0, 0);
    // Per transform: bytes, files, bytes alone (bytes first: the model's cost follows them).
    let mut needless: FxHashMap<&str, (usize, usize, usize)> = FxHashMap::default();
    for (display, size, ids) in let_through {
        let found = reported.get(display.as_str()).unwrap_or(&none);
        if found.is_empty() {
            files += 1;
            bytes += size;
        }
        for id in ids.iter().filter(|id| !found.contains(*id)) {
            let entry = needless.entry(id).or_default();
            entry.0 += size;
            entry.1 += 1;
            if found.is_empty() && ids.len() == 1 {
                entry.2 += size;
            }
        }
    }
    eprintln!(
        "timings: {files} of those files ({}) have no finding; let through, reported nothing: {}",
        megabytes(bytes),
        listed(needless, |(bytes, files, alone)| format!("{} ({}; alone {})", megabytes(bytes), file_count(files), megabytes(alone)))
    );
}

/// `1 file`, `2 files`.
fn file_count(files: usize) -> String {
    if files == 1 { "1 file".to_owned() } else { format!("{files} files") }
}

/// `id figure, ...`, largest first (by the counts' order), then by id.
fn listed<T: Ord + Copy>(counts: FxHashMap<&str, T>, show: impl Fn(T) -> String) -> String {
    let mut counts: Vec<(&str, T)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts.iter().map(|(id, n)| format!("{id} {}", show(*n))).collect::<Vec<_>>().join(", ")
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
