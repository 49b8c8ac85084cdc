//! The warm-run cache: a second `check`, `diff` or `apply` over unchanged files takes their
//! results from `.pitfix_cache/` instead of parsing them again.
//!
//! A file's result is reused when its content (xxh3-128 of its bytes), its path relative to the
//! project root, the settings that decide it (`key::settings_digest`, `key::file_digest`) and
//! the build of pitfix are as recorded, and, for a file whose transforms read the project index,
//! the digest of the whole index too. Each file's summary for the index is kept as well, so a
//! warm run rebuilds the index without parsing. A result with errors, a file's changed text
//! (`diff` needs it, `apply` writes it) and standard input are never kept.
//!
//! The stat fast path: a file whose `lstat` (device, inode, size, modification and change
//! times) is as recorded, and that was last modified more than two seconds before the run that
//! read it started, is not read again.
//!
//! The cache file is read on a thread of its own while the files are found, and written once,
//! at the end of a run that added or refreshed something. Any problem with it (unreadable,
//! damaged, another build's, a folder that cannot be written) only makes the run cold.
mod entry;
mod key;
mod store;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use rustc_hash::FxHashMap;

use crate::engine::FileResult;
use crate::engine::project_index::{LocalSummary, ModuleName, ModuleSummary};
use crate::engine::transform::Transform;
use crate::settings::Settings;
use entry::{FileEntry, Stored, StoredResult};
pub(crate) use key::CacheMode;
use key::Stamp;
use store::Entries;

/// The cache folder's name in the project root.
pub(crate) const FOLDER: &str = ".pitfix_cache";

/// Where the cache of a project lives: `<root>/.pitfix_cache/results.bin`, or, in a folder named
/// by `--cache-dir` / `PITFIX_CACHE_DIR` (which several projects may share), a file named after
/// the root.
pub(crate) fn location(root: &Path, cache_dir: Option<&Path>) -> PathBuf {
    match cache_dir {
        None => root.join(FOLDER).join("results.bin"),
        Some(dir) => {
            let tag = xxhash_rust::xxh3::xxh3_64(root.as_os_str().as_encoded_bytes());
            dir.join(format!("results-{tag:016x}.bin"))
        }
    }
}

/// The cache file being read, while the run finds its files.
pub(crate) struct Loading {
    file: PathBuf,
    root: PathBuf,
    mode: CacheMode,
    started: i64,
    thread: JoinHandle<(Option<Entries>, Duration)>,
}

impl Loading {
    /// Starts reading the cache of the project at `root` (absolute) from `file`.
    pub(crate) fn start(file: PathBuf, root: PathBuf, mode: CacheMode) -> Self {
        // The run's start, taken before any file is read (the stat fast path compares with it).
        let started = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        let path = file.clone();
        let thread = std::thread::spawn(move || {
            let start = Instant::now();
            (store::load(&path), start.elapsed())
        });
        Loading { file, root, mode, started, thread }
    }

    pub(crate) fn finish(self) -> RunCache {
        let exists = self.file.exists();
        let (loaded, load_time) = self.thread.join().unwrap_or_default();
        RunCache {
            load_time,
            // A file that exists but was refused is replaced even when nothing else changed.
            invalid: exists && loaded.is_none(),
            entries: loaded.unwrap_or_default(),
            file: self.file,
            root: self.root,
            mode: self.mode,
            started: self.started,
            today: u32::try_from(self.started / 86_400).unwrap_or(0),
            folders: Mutex::default(),
            updates: Mutex::default(),
            hits: AtomicUsize::new(0),
        }
    }
}

/// The cache during a run: the loaded entries (read-only while files are processed) and what
/// the run adds.
pub(crate) struct RunCache {
    /// How long reading the cache file took (`PITFIX_TIMINGS`).
    load_time: Duration,
    file: PathBuf,
    root: PathBuf,
    mode: CacheMode,
    started: i64,
    today: u32,
    invalid: bool,
    entries: Entries,
    /// `key::settings_digest` of each folder's settings, by the address of its `Settings`.
    folders: Mutex<FxHashMap<usize, u128>>,
    updates: Mutex<Vec<Update>>,
    hits: AtomicUsize,
}

enum Update {
    /// A result was used: its day is refreshed.
    Used { path: u128, settings: u128, index: Option<u128> },
    /// A file was processed: its result is recorded (with its new text, when it changes).
    Processed { path: u128, entry: FileEntry, text: Option<Vec<u8>> },
    /// A file read with the content recorded has a new stamp.
    Restamp { path: u128, stamp: Stamp, read_at: i64 },
}

/// What the cache answers for a file before it is parsed.
pub(crate) enum Cached {
    /// The file's result, and its summary for the project index when the run builds one.
    Result(FileResult, Option<ModuleSummary>),
    /// The file's result read the project index: it holds if the index is as it was.
    NeedsIndex(ModuleName, ModuleSummary),
}

/// One file's keys, found before it is read, and carried with it until its result is recorded.
#[derive(Debug)]
pub(crate) struct Probe {
    path: u128,
    settings: u128,
    stamp: Option<Stamp>,
    /// The digest of the content, once known.
    content: Option<u128>,
    /// The file's summary for the project index, once known.
    pub(crate) summary: Option<Arc<LocalSummary>>,
}

impl RunCache {
    /// The keys of the file at `path` (absolute, normalized; `opened` is the path it is read
    /// by: a shorter one makes `lstat` cheaper) with its settings and transforms.
    pub(crate) fn probe(
        &self,
        path: &Path,
        opened: &Path,
        settings: &Arc<Settings>,
        transforms: &[&'static dyn Transform],
        is_stub: bool,
    ) -> Probe {
        let address = Arc::as_ptr(settings) as usize;
        let folder = {
            let mut folders = self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            *folders.entry(address).or_insert_with(|| key::settings_digest(self.mode, settings))
        };
        let relative = path.strip_prefix(&self.root).unwrap_or(path);
        let stamp = Stamp::of(opened).filter(|s| s.size() <= settings.max_file_size);
        Probe {
            path: key::path_key(relative),
            settings: key::file_digest(folder, transforms, is_stub),
            stamp,
            content: None,
            summary: None,
        }
    }

    /// The file's entry when its stamp shows it unchanged, without reading it.
    pub(crate) fn unchanged(&self, probe: &mut Probe) -> Option<&FileEntry> {
        let entry = self.entries.get(&probe.path)?;
        entry.unchanged(probe.stamp.as_ref()?).then(|| {
            probe.content = Some(entry.content);
            entry
        })
    }

    /// The file's entry for the bytes just read.
    pub(crate) fn read(&self, probe: &mut Probe, bytes: &[u8]) -> Option<&FileEntry> {
        let content = key::content_hash(bytes);
        probe.content = Some(content);
        let entry = self.entries.get(&probe.path).filter(|entry| entry.content == content)?;
        if let Some(stamp) = probe.stamp.filter(|s| s.settled_before(self.started) && !entry.unchanged(s)) {
            // Touched, or read too soon after a change: from now on the stamp will do.
            self.push(Update::Restamp { path: probe.path, stamp, read_at: self.started });
        }
        Some(entry)
    }

    /// The entry found for the probe (by `unchanged` or `read`) again.
    pub(crate) fn entry(&self, probe: &Probe) -> Option<&FileEntry> {
        self.entries.get(&probe.path).filter(|entry| Some(entry.content) == probe.content)
    }

    /// The cache's answer for a file whose entry was found; `names` are its module names when
    /// the run builds the project index (then the entry must hold the file's summary).
    pub(crate) fn answer(
        &self,
        entry: &FileEntry,
        probe: &mut Probe,
        transforms: &[&'static dyn Transform],
        names: Option<(ModuleName, Vec<String>)>,
        texts: bool,
    ) -> Option<Cached> {
        let Some((module, names)) = names else {
            return self.result(entry, probe, None, transforms, texts).map(|result| Cached::Result(result, None));
        };
        let local = entry.summary.as_ref()?;
        // A file whose result read the index (an `async for` over an imported call, classes
        // that inherit from the project's): its result holds while the index is the same.
        if local.needs_project || entry.result(probe.settings, None).is_none() {
            // Kept with the file, should it be processed again once the index is known.
            probe.summary = Some(local.clone());
            return Some(Cached::NeedsIndex(module.clone(), local.resolve(module, names)));
        }
        let result = self.result(entry, probe, None, transforms, texts)?;
        Some(Cached::Result(result, Some(local.resolve(module, names))))
    }

    /// The cached result of the file under its settings (and the project index's digest, for a
    /// file that reads it).
    /// The result of a file that changes needs its new text: only with `texts` (`diff`, once
    /// the file is read: the diff shows both).
    pub(crate) fn result(
        &self,
        entry: &FileEntry,
        probe: &Probe,
        index: Option<u128>,
        transforms: &[&'static dyn Transform],
        texts: bool,
    ) -> Option<FileResult> {
        let stored: &StoredResult = entry.result(probe.settings, index)?;
        let text = match stored.outcome.text() {
            Some(digest) if texts => Some(store::load_text(&self.file, digest)?),
            Some(_) => return None,
            None => None,
        };
        let result = stored.outcome.to_result(transforms, text)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        if stored.last_used < self.today {
            self.push(Update::Used { path: probe.path, settings: probe.settings, index });
        }
        Some(result)
    }

    /// Records a file's result (unless it must never be kept: `Stored::of`).
    pub(crate) fn record(&self, probe: Probe, index: Option<u128>, result: &FileResult) {
        let (Some(content), Some(outcome)) = (probe.content, Stored::of(result)) else { return };
        let known = self.entries.get(&probe.path).filter(|e| e.content == content && e.stamp == probe.stamp);
        let same = |r: &StoredResult| r.outcome == outcome && r.last_used >= self.today && outcome.text().is_none();
        if known.and_then(|e| e.result(probe.settings, index)).is_some_and(same) {
            // Recorded already (a file `apply` cannot write is processed on every run).
            return;
        }
        // The text is written again when its file was lost.
        let text = outcome.text().and(result.fixed.clone());
        let stored = StoredResult { settings: probe.settings, index, last_used: self.today, outcome };
        let entry = FileEntry {
            content,
            stamp: probe.stamp,
            read_at: self.started,
            summary: probe.summary,
            results: vec![stored],
        };
        self.push(Update::Processed { path: probe.path, entry, text });
    }

    fn push(&self, update: Update) {
        self.updates.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(update);
    }

    /// How many files were answered from the cache.
    pub(crate) fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    /// Writes the cache when the run added or refreshed something (or the old file was
    /// refused); says what happened, for `PITFIX_TIMINGS`.
    pub(crate) fn save(self) -> String {
        let start = Instant::now();
        let read = format!("read in {:.1} ms", self.load_time.as_secs_f64() * 1e3);
        let updates = self.updates.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        if updates.is_empty() && !self.invalid {
            return format!("{read}; unchanged");
        }
        let refused = if self.invalid { "; the file found was refused" } else { "" };
        let mut texts = Vec::new();
        let entries = merge(self.entries, updates, self.today, &mut texts);
        match store::save(&self.file, entries, texts) {
            Ok(()) => format!("{read}; written in {:.1} ms{refused}", start.elapsed().as_secs_f64() * 1e3),
            // A folder that cannot be written makes the next run cold, nothing worse.
            Err(e) => format!("{read}; not written: {e:#}"),
        }
    }
}

/// The loaded entries with the run's updates, less the results unused for too long.
fn merge(mut entries: Entries, updates: Vec<Update>, today: u32, texts: &mut Vec<(u128, Vec<u8>)>) -> Entries {
    for update in updates {
        match update {
            Update::Used { path, settings, index } => {
                let found = entries.get_mut(&path).and_then(|e| e.results.iter_mut().find(|r| r.settings == settings && r.index == index));
                if let Some(result) = found {
                    result.last_used = today;
                }
            }
            Update::Restamp { path, stamp, read_at } => {
                if let Some(entry) = entries.get_mut(&path) {
                    entry.stamp = Some(stamp);
                    entry.read_at = read_at;
                }
            }
            Update::Processed { path, mut entry, text } => {
                if let Some(text) = text {
                    texts.push((crate::cache::key::content_hash(&text), text));
                }
                if let Some(old) = entries.remove(&path).filter(|old| old.content == entry.content) {
                    // Same content: the results under other settings still hold.
                    let (settings, index) = (entry.results[0].settings, entry.results[0].index);
                    let kept = old.results.into_iter().filter(|r| !(r.settings == settings && r.index == index));
                    entry.results.extend(kept);
                    entry.summary = entry.summary.or(old.summary);
                }
                entries.insert(path, entry);
            }
        }
    }
    entries.retain(|_, entry| {
        entry.results.retain(|r| r.last_used.saturating_add(store::MAX_UNUSED_DAYS) >= today);
        !entry.results.is_empty()
    });
    entries
}
