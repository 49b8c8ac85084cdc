//! What `PITFIX_TIMINGS=1` prints about a run: the project index's CPU time, the files that
//! waited for it, and how many files each transform's first look let through to the model and
//! the checker (the gate that keeps most files cheap).
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use rustc_hash::FxHashMap;

use crate::engine::transform::Transform;

pub(crate) struct Timings {
    enabled: bool,
    start: Instant,
    index_nanos: AtomicU64,
    /// Per transform id, the files whose first look said it could report there.
    let_through: Mutex<FxHashMap<&'static str, usize>>,
    /// The files some transform's first look let through, and their bytes: the model and the
    /// checker's walk cost about in proportion to these.
    modelled: AtomicU64,
    modelled_bytes: AtomicU64,
    /// The files that waited for the index and were parsed again for it.
    parsed_again: AtomicU64,
}

impl Timings {
    pub(crate) fn new() -> Self {
        Timings {
            enabled: std::env::var_os("PITFIX_TIMINGS").is_some(),
            start: Instant::now(),
            index_nanos: AtomicU64::new(0),
            let_through: Mutex::new(FxHashMap::default()),
            modelled: AtomicU64::new(0),
            modelled_bytes: AtomicU64::new(0),
            parsed_again: AtomicU64::new(0),
        }
    }

    /// Counts time spent on the project index since `start`.
    pub(crate) fn index_since(&self, start: Instant) {
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.index_nanos.fetch_add(nanos, Ordering::Relaxed);
    }

    /// Notes the transforms the first look of a file of `bytes` let through.
    pub(crate) fn let_through(&self, candidates: &[&'static dyn Transform], bytes: usize) {
        if !self.enabled || candidates.is_empty() {
            return;
        }
        self.modelled.fetch_add(1, Ordering::Relaxed);
        self.modelled_bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        if let Ok(mut counts) = self.let_through.lock() {
            for transform in candidates {
                *counts.entry(transform.rule().id).or_default() += 1;
            }
        }
    }

    /// Counts a file that waited for the index and is parsed again for it.
    pub(crate) fn parsed_again(&self) {
        self.parsed_again.fetch_add(1, Ordering::Relaxed);
    }

    /// Prints the run's figures (when `PITFIX_TIMINGS` is set).
    pub(crate) fn report(&self, files: usize, waited: usize, uses_project_index: bool) {
        if !self.enabled {
            return;
        }
        let total_ms = self.start.elapsed().as_secs_f64() * 1e3;
        if uses_project_index {
            let index_ms = self.index_nanos.load(Ordering::Relaxed) as f64 / 1e6;
            let again = self.parsed_again.load(Ordering::Relaxed);
            eprintln!(
                "timings: project index {index_ms:.1} ms of CPU time; {waited} files waited for it, {again} of them parsed again; run {total_ms:.1} ms wall"
            );
        }
        let Ok(counts) = self.let_through.lock() else { return };
        let mut counts: Vec<(&str, usize)> = counts.iter().map(|(id, n)| (*id, *n)).collect();
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = counts.iter().map(|(id, n)| format!("{id} {n}")).collect();
        let (modelled, bytes) = (self.modelled.load(Ordering::Relaxed), self.modelled_bytes.load(Ordering::Relaxed));
        eprintln!("timings: the first look let {modelled} of {files} files ({:.1} MB) through to the checker: {}", bytes as f64 / 1e6, listed.join(", "));
    }
}
