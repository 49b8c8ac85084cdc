//! One run over many files: resolve the settings, find the files, and process them in parallel,
//! building the project index on the way when a selected transform reads it. `diff`, `apply`,
//! `check` and `pr` all run this one pipeline, with plain options (no command-line types).
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::cache::{self, CacheMode, Cached, Loading, Probe, RunCache};
use crate::engine::first_look::first_look;
use crate::engine::project_index::{IndexNeed, ModuleName, ModuleSummary, PackageRoots, ProjectIndex, module_names, summarize_local};
use crate::engine::stack;
use crate::engine::timings::Timings;
use crate::engine::transform::Transform;
use crate::engine::{FileResult, FileSettings, Mode, Prepared, prepare, process};
use crate::rules::Rule;
use crate::semantic::SemanticModel;
use crate::settings::{Overrides, Resolver, Settings, TargetVersion};
use crate::workspace::discover::{Input, absolute, discover, is_stub, normalize};
use crate::output::diff::file_diff;
use crate::output::escape_controls;
use crate::workspace::interrupt;
use crate::workspace::read::{BoundedError, format_size, read_bounded, read_regular};
use crate::workspace::write::{Stamp, WriteOptions, write_atomically};

mod cached;
mod waiting;

use waiting::Waiting;


/// What one run does with each file's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Diff,
    Apply,
    Check,
}

/// The options of a run, as plain values.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunOptions {
    /// Files or directories (default `.`); `-` reads standard input.
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) select: Option<Vec<String>>,
    pub(crate) ignore: Vec<String>,
    pub(crate) unsafe_fixes: bool,
    pub(crate) target_version: Option<TargetVersion>,
    pub(crate) exclude: Vec<String>,
    /// The config file to read instead of the nearest one.
    pub(crate) config: Option<PathBuf>,
    /// `--no-respect-ruff-config`: ignore the Ruff config's excludes and per-file-ignores.
    pub(crate) no_respect_ruff_config: bool,
    pub(crate) stdin_filename: Option<String>,
    /// Worker threads (default: one per core).
    pub(crate) jobs: Option<usize>,
    /// `--max-file-size`, in bytes.
    pub(crate) max_file_size: Option<u64>,
    /// The last folder whose config files apply: the search upward stops there (the home
    /// directory for the command line, the repository's top for `pr`).
    pub(crate) config_ceiling: Option<PathBuf>,
    /// `apply --break-hardlinks`: write files that have several hard links.
    pub(crate) break_hardlinks: bool,
    /// `--no-cache`: neither read nor write the cache (`pr` never uses it).
    pub(crate) no_cache: bool,
    /// `--cache-dir`: the cache's folder instead of `.pitfix_cache` in the project root.
    pub(crate) cache_dir: Option<PathBuf>,
    /// `pr` per transform: run only this one of the selected transforms (the config still
    /// names and checks every transform).
    pub(crate) only: Option<&'static str>,
}

/// What a run reports while it works: the command line shows a progress bar.
pub(crate) trait Observer: Sync {
    fn started(&self, _files: usize) {}
    fn file_done(&self) {}
    fn finished(&self) {}
}

/// An observer that shows nothing.
pub(crate) struct Silent;

impl Observer for Silent {}

/// One file's outcome, ready to report.
pub(crate) struct Outcome {
    /// The file's name relative to the run's folder (or as given), as messages show it.
    pub(crate) display: String,
    pub(crate) result: FileResult,
    /// Diff mode: the file's diff, uncoloured (`output::diff::file_diff`), when it changes; its
    /// old and new bytes are not kept (`result.fixed` is `None` then).
    pub(crate) diff: Option<Vec<u8>>,
    /// Stdin in apply mode: the text to print.
    pub(crate) stdout: Option<Vec<u8>>,
    /// The stamp of the bytes the result is of, when this run read them (not a cached result):
    /// `apply --interactive` writes only over that same file.
    pub(crate) stamp: Option<Stamp>,
}

/// The settings of a run's files, from its options and the config files (`apply --interactive`
/// asks it whether a file's unsafe fixes are on).
pub(crate) fn resolver(args: &RunOptions, known: &[&'static Rule], cwd: &Path) -> Result<Resolver> {
    let overrides = Overrides {
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        unsafe_fixes: args.unsafe_fixes,
        target_version: args.target_version,
        exclude: args.exclude.clone(),
        respect_ruff_config: args.no_respect_ruff_config.then_some(false),
        max_file_size: args.max_file_size,
    };
    Ok(Resolver::new(args.config.as_deref(), overrides, known, cwd)?.stop_at(args.config_ceiling.as_deref()))
}

/// Resolves the settings and processes the files `args` names, as seen from `cwd`: the one
/// pipeline that `diff`, `apply` and `check` run on the current folder and `pr` on its worktree
/// of the base branch (where `cwd` is not the process's current directory, so `args.paths` must
/// then be absolute).
pub(crate) fn process_files(
    args: &RunOptions,
    registry: &[&'static dyn Transform],
    action: Action,
    cwd: &Path,
    observer: &dyn Observer,
) -> Result<Vec<Outcome>> {
    let known: Vec<&'static Rule> = registry.iter().map(|t| t.rule()).collect();
    let resolver = Arc::new(resolver(args, &known, cwd)?);
    // The current folder's settings are resolved first, so that a bad `--select` or config is
    // reported even when there is no file to check.
    let cwd_settings = resolver.for_dir(&normalize(cwd))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .stack_size(stack::WORKER_STACK)
        .build()?;

    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    // The cache is read while the files are found.
    let loading = (!args.no_cache && !stdin).then(|| {
        let root = normalize(&absolute(cwd_settings.config_dir().unwrap_or(cwd), cwd));
        let file = cache::location(&root, args.cache_dir.as_deref().map(|dir| absolute(dir, cwd)).as_deref());
        let mode = if action == Action::Check { CacheMode::Check } else { CacheMode::Fix };
        Loading::start(file, root, mode)
    });
    let roots = paths.iter().map(|p| cwd.join(p)).filter(|p| p.is_dir()).collect();
    // Each file's settings: the same `Settings` for the files of a folder, and the transforms
    // those select, less the ones a Ruff per-file-ignore turns off for the file.
    let source = |display: String, path: Option<PathBuf>, bytes: Option<Vec<u8>>, stdin: bool| -> Result<FileSource> {
        let full = normalize(&absolute(path.as_deref().unwrap_or(Path::new(&display)), cwd));
        let settings = if stdin && path.is_none() { resolver.for_dir(&normalize(cwd))? } else { resolver.for_file(&full)? };
        let rules = settings.rules_for(&full);
        let runs = |t: &&'static dyn Transform| args.only.is_none_or(|only| t.rule().id == only);
        let transforms =
            registry.iter().copied().filter(|t| rules.iter().any(|r| std::ptr::eq(*r, t.rule()))).filter(runs).collect();
        Ok(FileSource { display, path, bytes, stamp: None, stdin, settings, transforms, cache: None, names: None })
    };
    let mut skipped = Vec::new();
    let mut walk_time = std::time::Duration::ZERO;
    let sources = if stdin {
        if paths.len() > 1 {
            bail!("`-` (standard input) must be the only path");
        }
        let name = args.stdin_filename.clone().unwrap_or_else(|| "-".to_owned());
        let limit = cwd_settings.max_file_size;
        let bytes = match read_bounded(io::stdin().lock(), limit) {
            Ok(bytes) => bytes,
            Err(BoundedError::Io(e)) => return Err(e).context("cannot read standard input"),
            Err(BoundedError::TooLarge) => {
                bail!("standard input is larger than the limit of {} (`max-file-size`)", format_size(limit))
            }
        };
        let path = args.stdin_filename.as_ref().map(PathBuf::from);
        vec![source(name, path, Some(bytes), true)?]
    } else {
        let walk = Instant::now();
        let found = discover(&paths, &resolver, cwd)?;
        walk_time = walk.elapsed();
        for warning in found.warnings {
            eprintln!("{}", crate::output::escape_message(&warning));
        }
        skipped = found.skipped;
        // Each file's settings, found in parallel; the first error in the files' order stops the run.
        let found: Vec<Result<FileSource>> =
            pool.install(|| found.inputs.into_par_iter().map(|i: Input| source(i.display, Some(i.path), None, false)).collect());
        found.into_iter().collect::<Result<_>>()?
    };
    let mut job = Job {
        uses_project_index: sources.iter().flat_map(|s: &FileSource| &s.transforms).any(|t| t.rule().uses_project_index),
        action,
        roots,
        cwd: cwd.to_path_buf(),
        observer,
        packages: PackageRoots::default(),
        write: WriteOptions { break_hardlinks: args.break_hardlinks },
        cache: loading.map(Loading::finish),
        project_packages: FxHashSet::default(),
    };
    let mut sources = sources;
    if job.uses_project_index {
        job.project_packages = pool.install(|| job.top_packages(&mut sources));
    }
    let files = sources.len();
    let mut outcomes = pool.install(|| job.run(sources));
    if let Some(cache) = job.cache {
        let hits = cache.hits();
        let saved = cache.save();
        if std::env::var_os("PITFIX_TIMINGS").is_some() {
            let walk_ms = walk_time.as_secs_f64() * 1e3;
            eprintln!("timings: files found in {walk_ms:.1} ms; cache: {hits} of {files} files from the cache; {saved}");
        }
    }
    // Folders whose settings could not be read count as errors of the run, which goes on.
    outcomes.extend(skipped.into_iter().map(|message| Outcome::of_error("", message)));
    Ok(outcomes)
}

/// Everything a run does with each file.
struct Job<'a> {
    /// Whether a transform selected for some file reads the project index: then every file's
    /// summary goes into it.
    uses_project_index: bool,
    action: Action,
    /// The folders given on the command line, absolute: module names are also taken from them.
    roots: Vec<PathBuf>,
    cwd: PathBuf,
    observer: &'a dyn Observer,
    packages: PackageRoots,
    write: WriteOptions,
    cache: Option<RunCache>,
    /// The top-level package names of the files processed (`pkg` of `pkg.models`): a file
    /// whose classes inherit from imports of these waits for the index.
    project_packages: FxHashSet<String>,
}

/// A file to process: read from `path`, or already read (standard input).
struct FileSource {
    display: String,
    path: Option<PathBuf>,
    bytes: Option<Vec<u8>>,
    /// What was read from `path`: `apply` writes only over that same file.
    stamp: Option<Stamp>,
    stdin: bool,
    /// The settings of the file's folder.
    settings: Arc<Settings>,
    /// The transforms that run on this file.
    transforms: Vec<&'static dyn Transform>,
    /// The file's keys in the cache, when the run uses it.
    cache: Option<Probe>,
    /// The file's module names, when the run uses the project index (from its path, once).
    names: Option<(ModuleName, Vec<String>)>,
}

/// A file after its first stage: finished, or parsed and waiting for the whole project index.
enum Stage {
    Done(Outcome),
    /// Checked without the index, waiting for it to tell whether that result holds.
    Waiting(Box<Waiting>),
    /// A cached result that holds if the project index is as it was (the bytes when read).
    Cached(FileSource, Option<Vec<u8>>, ModuleName),
}

impl Stage {
    /// The bytes of the file, as far as they were read.
    fn size(&self) -> usize {
        match self {
            Stage::Done(_) => 0,
            Stage::Waiting(waiting) => waiting.bytes.len(),
            Stage::Cached(_, bytes, _) => bytes.as_ref().map_or(0, Vec::len),
        }
    }
}

impl Job<'_> {
    fn uses_project_index(&self) -> bool {
        self.uses_project_index
    }

    /// The first part of every module name of the files, from their paths (before any is read);
    /// each file keeps its names.
    fn top_packages(&self, sources: &mut [FileSource]) -> FxHashSet<String> {
        sources.par_iter_mut().for_each(|source| {
            let path = module_path(&self.cwd, source.path.as_deref(), &source.display);
            source.names = Some(module_names(&path, &self.roots, &self.packages));
        });
        let names = sources.iter().flat_map(|s| s.names.iter().flat_map(|(_, names)| names));
        names.map(|name| name.split('.').next().unwrap_or(name).to_owned()).collect()
    }

    /// A file's module names: those [`Self::top_packages`] kept, else from its path and display
    /// name.
    fn names_of(&self, kept: &Option<(ModuleName, Vec<String>)>, path: Option<&Path>, display: &str) -> (ModuleName, Vec<String>) {
        kept.clone().unwrap_or_else(|| module_names(&module_path(&self.cwd, path, display), &self.roots, &self.packages))
    }

    /// Processes every file in parallel. With a transform that reads the project index, each
    /// file's first look also yields its summary; the few files that call imported functions in
    /// an `async for`, or whose classes may inherit a metaclass from an import of a package being
    /// processed, wait until every summary is in.
    fn run(&self, sources: Vec<FileSource>) -> Vec<Outcome> {
        let timings = Timings::new();
        let files = sources.len();
        self.observer.started(files);
        let stages: Vec<(Stage, Option<ModuleSummary>)> = sources
            .into_par_iter()
            .map(|source| {
                let stage = self.first_stage(source, &timings);
                if matches!(stage.0, Stage::Done(_)) {
                    self.observer.file_done();
                }
                stage
            })
            .collect();
        let mut summaries = Vec::new();
        let mut outcomes = Vec::new();
        let mut waiting = Vec::new();
        for (stage, summary) in stages {
            summaries.extend(summary);
            match stage {
                Stage::Done(outcome) => outcomes.push(outcome),
                stage => waiting.push(stage),
            }
        }
        let waited = waiting.len();
        // Largest first: a large file parsed again last would leave the other threads idle.
        waiting.sort_by_key(|stage| std::cmp::Reverse(stage.size()));
        let merge = Instant::now();
        let project = ProjectIndex::new(summaries);
        timings.index_since(merge);
        let rest: Vec<Outcome> = waiting
            .into_par_iter()
            .map(|stage| {
                let outcome = match stage {
                    Stage::Waiting(waiting) => self.settle(*waiting, &project, &timings),
                    Stage::Cached(source, bytes, module) => self.finish_cached(source, bytes, &module, &project),
                    Stage::Done(outcome) => outcome,
                };
                self.observer.file_done();
                outcome
            })
            .collect();
        self.observer.finished();
        // Freeing every file's summary takes a few milliseconds (17 M instructions over the
        // benchmark corpus) that nothing waits for: not on the thread that prints the results.
        // Where no thread can be made, the closure and the index are dropped right here.
        let _ = std::thread::Builder::new().spawn(move || drop(project));
        outcomes.extend(rest);
        outcomes.sort_by(|a, b| a.display.cmp(&b.display));
        let reported = (timings.enabled() && self.action == Action::Check).then(|| reported_rules(&outcomes));
        timings.report(files, waited, self.uses_project_index(), reported.as_ref());
        outcomes
    }

    fn first_stage(&self, mut source: FileSource, timings: &Timings) -> (Stage, Option<ModuleSummary>) {
        if interrupt::interrupted() {
            return (Stage::Done(Outcome::new(&source.display, FileResult::default())), None);
        }
        source.cache = self.probe(&source);
        if let Some(cached) = self.cache_answer(&mut source, None) {
            return self.cached_stage(source, None, cached);
        }
        let bytes = match source.bytes.take() {
            Some(bytes) => bytes,
            None => match self.read(&mut source) {
                Ok(bytes) => bytes,
                Err(outcome) => return (Stage::Done(outcome), None),
            },
        };
        if let Some(cached) = self.cache_answer(&mut source, Some(&bytes)) {
            return self.cached_stage(source, Some(bytes), cached);
        }
        // A deeply nested file runs on a stack of its own, sized to it.
        let display = source.display.clone();
        let needed = stack::stack_needed(&bytes);
        stack::with_stack(needed, || self.parse_and_finish(source, bytes, timings))
            .unwrap_or_else(|why| (Stage::Done(failed(&display, why)), None))
    }

    /// Reads the file (`source.path`), keeping its stamp; the outcome when it cannot be read.
    fn read(&self, source: &mut FileSource) -> Result<Vec<u8>, Outcome> {
        // Not through a symlink: a symlink named on the command line was resolved at the start.
        match source.path.as_deref().map(|path| read_regular(path, source.settings.max_file_size)) {
            Some(Ok((bytes, stamp))) => {
                source.stamp = Some(stamp);
                Ok(bytes)
            }
            Some(Err(e)) => Err(failed(&source.display, e.to_string())),
            None => Ok(Vec::new()),
        }
    }

    /// [`Self::first_stage`] once the file is read.
    fn parse_and_finish(
        &self,
        mut source: FileSource,
        bytes: Vec<u8>,
        timings: &Timings,
    ) -> (Stage, Option<ModuleSummary>) {
        let prepared = match prepare(&escape_controls(&source.display), &bytes, is_stub(&source.display)) {
            Ok(prepared) => prepared,
            Err(message) => {
                let mut outcome = Outcome::of_error(&source.display, message);
                if source.stdin && self.action == Action::Apply {
                    // An editor piping through `apply -` must get its text back, unchanged.
                    outcome.stdout = Some(bytes);
                }
                return (Stage::Done(outcome), None);
            }
        };
        let look = first_look(prepared.module(), &source.transforms, self.uses_project_index());
        let (module, summary) = if self.uses_project_index() {
            let start = Instant::now();
            let (module, names) = match source.names.take() {
                Some(names) => names,
                None => self.names_of(&None, source.path.as_deref(), &source.display),
            };
            let local = Arc::new(summarize_local(&look));
            let summary = local.resolve(module.clone(), names);
            if let Some(probe) = &mut source.cache {
                probe.summary = Some(local);
            }
            timings.index_since(start);
            (Some(module), Some(summary))
        } else {
            (None, None)
        };
        let candidates = look.reporting(&source.transforms);
        timings.let_through(&source.display, &candidates, bytes.len());
        if candidates.is_empty() {
            // No transform could report anything here (most files): no model, no walk.
            return (Stage::Done(self.finish_with(source, &bytes, FileResult::default(), None)), summary);
        }
        // Only a transform that reads the index and could report here makes the file wait.
        let missing: Vec<IndexNeed> = summary.as_ref().map_or_else(Vec::new, |summary| {
            let needs = candidates.iter().flat_map(|t| t.index_needs().iter().copied());
            needs.filter(|need| summary.needs_index(*need, &self.project_packages)).collect()
        });
        match module {
            Some(module) if !missing.is_empty() => {
                let checked = self.check_provisionally(&source, &prepared, &candidates, &module);
                (Stage::Waiting(Box::new(Waiting { source, bytes, module, candidates, checked })), summary)
            }
            module => {
                let found = Found { semantic: Some(SemanticModel::build(prepared.module())), candidates: &candidates };
                (Stage::Done(self.finish(source, &bytes, &prepared, found, module.as_ref(), None)), summary)
            }
        }
    }

    /// Runs the transforms, keeps what the diff needs, and writes the file (`apply`).
    fn finish<'p>(
        &self,
        source: FileSource,
        bytes: &[u8],
        prepared: &'p Prepared,
        found: Found<'p, '_>,
        module: Option<&ModuleName>,
        project: Option<&ProjectIndex>,
    ) -> Outcome {
        let result = self.checked(&source, prepared, found, module, project);
        self.finish_with(source, bytes, result, project)
    }

    /// Runs the transforms over a prepared file (and, for `diff` and `apply`, its fixes).
    fn checked<'p>(
        &self,
        source: &FileSource,
        prepared: &'p Prepared,
        found: Found<'p, '_>,
        module: Option<&ModuleName>,
        project: Option<&ProjectIndex>,
    ) -> FileResult {
        let settings = FileSettings {
            transforms: &source.transforms,
            target_version: source.settings.target_version,
            is_stub: is_stub(&source.display),
            options: &source.settings.options,
            project,
            module,
        };
        let mode = match self.action {
            Action::Check => Mode::Check,
            Action::Diff | Action::Apply => Mode::Fix { unsafe_fixes: source.settings.unsafe_fixes },
        };
        // Messages name the file with its control characters escaped (`output::escape_controls`).
        let name = &*escape_controls(&source.display);
        process(name, prepared, found.semantic, &settings, found.candidates, mode)
    }

    /// Records the file's result in the cache, keeps what the diff needs, and writes the file
    /// (`apply`).
    fn finish_with(&self, mut source: FileSource, bytes: &[u8], result: FileResult, project: Option<&ProjectIndex>) -> Outcome {
        let name = &*escape_controls(&source.display);
        let mut outcome = Outcome::new(&source.display, result);
        outcome.stamp = source.stamp;
        if let (Some(cache), Some(probe)) = (&self.cache, source.cache.take()) {
            // `apply` writes the files that change: their new text is read next time.
            if !(self.action == Action::Apply && outcome.result.fixed.is_some()) {
                cache.record(probe, project.map(ProjectIndex::digest), &outcome.result);
            }
        }
        let Some(fixed) = &outcome.result.fixed else {
            if source.stdin && self.action == Action::Apply {
                // `apply -` prints the input itself when nothing changed.
                outcome.stdout = Some(bytes.to_vec());
            }
            return outcome;
        };
        match (self.action, source.stdin, &source.path) {
            (Action::Diff, _, _) => outcome.keep_diff(bytes),
            (Action::Apply, true, _) => outcome.stdout = Some(fixed.clone()),
            (Action::Apply, false, Some(path)) => {
                if interrupt::interrupted() {
                    // Ctrl-C: no new file is started; this one stays as it was.
                    outcome.result.fixed = None;
                    outcome.result.fixed_counts.clear();
                } else if let Err(e) = match source.stamp {
                    Some(stamp) => write_atomically(path, bytes, stamp, fixed, self.write),
                    None => Err(anyhow::anyhow!("not read from disk; not written")),
                } {
                    outcome.result.errors.push(format!("{name}: {e:#}"));
                    outcome.result.fixed = None;
                    outcome.result.fixed_counts.clear();
                }
            }
            _ => {}
        }
        outcome
    }
}

/// What the first stage learned of a file for [`Job::finish`]: its model when built already,
/// and the transforms that could report something in it.
struct Found<'p, 'c> {
    semantic: Option<SemanticModel<'p>>,
    candidates: &'c [&'static dyn Transform],
}

/// The transforms that reported something in each file (for `PITFIX_TIMINGS`).
fn reported_rules(outcomes: &[Outcome]) -> FxHashMap<&str, FxHashSet<&'static str>> {
    outcomes.iter().map(|o| (o.display.as_str(), o.result.findings.iter().map(|f| f.rule).collect())).collect()
}

/// The path a file's module names are taken from (fields, not the source: its probe may be
/// borrowed meanwhile).
fn module_path(cwd: &Path, path: Option<&Path>, display: &str) -> PathBuf {
    absolute(path.unwrap_or(Path::new(display)), cwd)
}


fn failed(display: &str, why: String) -> Outcome {
    Outcome::of_error(display, format!("{}: {why}", escape_controls(display)))
}

impl Outcome {
    /// Whether the file changes (or, with `apply`, changed).
    pub(crate) fn changes(&self) -> bool {
        self.diff.is_some() || self.result.fixed.is_some()
    }

    /// Diff mode: keeps the diff from `old` to the new bytes in place of the new bytes.
    fn keep_diff(&mut self, old: &[u8]) {
        if let Some(new) = self.result.fixed.take() {
            self.diff = Some(file_diff(&self.display, old, &new));
        }
    }

    fn new(display: &str, result: FileResult) -> Self {
        Outcome { display: display.to_owned(), result, diff: None, stdout: None, stamp: None }
    }

    fn of_error(display: &str, message: String) -> Self {
        let mut result = FileResult::default();
        result.errors.push(message);
        Outcome::new(display, result)
    }
}

