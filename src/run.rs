//! Runs a command: resolves settings, finds the files, processes them in parallel and reports.
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::cli::{ColorChoice, Command, OutputFormat, RunArgs};
use crate::discover::{Input, discover, is_stub};
use crate::engine::{FileResult, Mode, Prepared, prepare, process};
use crate::index::{ModuleName, ModuleSummary, PackageRoots, ProjectIndex, module_names, summarize};
use crate::report;
use crate::settings::{Overrides, Settings};
use crate::write::write_atomically;
use crate::progress::Progress;
use crate::{config, interrupt, transforms};

pub const EXIT_OK: i32 = 0;
pub const EXIT_FOUND: i32 = 1;
pub const EXIT_FATAL: i32 = 2;

/// Worker threads get a large stack so that deeply nested code cannot overflow it.
const STACK_SIZE: usize = 512 * 1024 * 1024;

/// What one command does with each file's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Diff,
    Apply,
    Check(OutputFormat),
}

pub(crate) fn run(command: Command) -> Result<i32> {
    match command {
        Command::Rules => {
            report::print_rules()?;
            Ok(EXIT_OK)
        }
        Command::Explain { id } => match transforms::readme(&id) {
            Some(text) => {
                io::stdout().lock().write_all(text.as_bytes())?;
                Ok(EXIT_OK)
            }
            None => bail!("unknown transform id `{id}` (see `pitfix rules`)"),
        },
        Command::Diff(args) => run_files(args, Action::Diff, false),
        Command::Apply { run, exit_non_zero_on_fix } => run_files(run, Action::Apply, exit_non_zero_on_fix),
        Command::Check { run, output_format } => run_files(run, Action::Check(output_format), false),
        Command::Pr(args) => crate::pr::run(args),
    }
}

/// One file's outcome, ready to report.
pub(crate) struct Outcome {
    /// The file's name relative to the run's folder (or as given), as messages show it.
    pub(crate) display: String,
    pub(crate) result: FileResult,
    /// Diff mode: the rendered diff of this file.
    diff: Vec<u8>,
    /// Stdin in apply mode: the text to print.
    stdout: Option<Vec<u8>>,
}

fn run_files(args: RunArgs, action: Action, exit_non_zero_on_fix: bool) -> Result<i32> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    if action == Action::Apply {
        interrupt::install();
    }
    let outcomes = process_files(&args, action, &cwd)?;
    let code = report_outcomes(&outcomes, action, &args, exit_non_zero_on_fix)?;
    if interrupt::interrupted() {
        eprintln!("pitfix: interrupted; each file is either fixed or as it was");
        return Ok(interrupt::EXIT_INTERRUPTED);
    }
    Ok(code)
}

/// Resolves the settings and processes the files `args` names, as seen from `cwd`: the one
/// pipeline that `diff`, `apply` and `check` run on the current folder and `pr` on its worktree
/// of the base branch (where `cwd` is not the process's current directory, so `args.paths` must
/// then be absolute).
pub(crate) fn process_files(args: &RunArgs, action: Action, cwd: &Path) -> Result<Vec<Outcome>> {
    let config = config::load(args.config.as_deref(), cwd)?;
    let settings = Settings::resolve(
        &config,
        Overrides {
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            unsafe_fixes: args.unsafe_fixes,
            target_version: args.target_version,
            exclude: args.exclude.clone(),
        },
    )?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .stack_size(STACK_SIZE)
        .build()?;
    let mode = match action {
        Action::Check(_) => Mode::Check,
        Action::Diff | Action::Apply => Mode::Fix { unsafe_fixes: settings.unsafe_fixes },
    };

    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let roots = paths.iter().map(|p| cwd.join(p)).filter(|p| p.is_dir()).collect();
    let job = Job { settings: &settings, mode, action, color, roots, cwd: cwd.to_path_buf(), quiet: args.quiet, packages: PackageRoots::default() };
    let outcomes = if paths.iter().any(|p| p.as_os_str() == "-") {
        if paths.len() > 1 {
            bail!("`-` (standard input) must be the only path");
        }
        let name = args.stdin_filename.clone().unwrap_or_else(|| "-".to_owned());
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        let path = args.stdin_filename.as_ref().map(PathBuf::from);
        pool.install(|| job.run(vec![FileSource { display: name, path, bytes: Some(bytes), stdin: true }]))
    } else {
        let (inputs, warnings) = discover(&paths, &settings.exclude, cwd)?;
        for warning in warnings {
            eprintln!("{warning}");
        }
        let sources = inputs
            .into_iter()
            .map(|i: Input| FileSource { display: i.display, path: Some(i.path), bytes: None, stdin: false })
            .collect();
        pool.install(|| job.run(sources))
    };
    Ok(outcomes)
}

/// Everything a run does with each file.
struct Job<'a> {
    settings: &'a Settings,
    mode: Mode,
    action: Action,
    color: bool,
    /// The folders given on the command line, absolute: module names are also taken from them.
    roots: Vec<PathBuf>,
    cwd: PathBuf,
    /// No summary and no progress bar.
    quiet: bool,
    packages: PackageRoots,
}

/// A file to process: read from `path`, or already read (standard input).
struct FileSource {
    display: String,
    path: Option<PathBuf>,
    bytes: Option<Vec<u8>>,
    stdin: bool,
}

/// A file after its first stage: finished, or parsed and waiting for the whole project index.
enum Stage {
    Done(Outcome),
    Waiting(FileSource, Vec<u8>, Prepared, ModuleName),
}

impl Job<'_> {
    /// Processes every file in parallel. With a transform that reads the project index, each
    /// file's parse also yields its summary; the few files that call imported functions in an
    /// `async for` wait (keeping their parse) until every summary is in.
    fn run(&self, sources: Vec<FileSource>) -> Vec<Outcome> {
        let timer = Instant::now();
        let index_time = AtomicU64::new(0);
        let progress = Progress::new(sources.len(), self.quiet);
        let stages: Vec<(Stage, Option<ModuleSummary>)> = sources
            .into_par_iter()
            .map(|source| {
                let stage = self.first_stage(source, &index_time);
                if matches!(stage.0, Stage::Done(_)) {
                    progress.inc();
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
                Stage::Waiting(source, bytes, prepared, module) => waiting.push((source, bytes, prepared, module)),
            }
        }
        let merge = Instant::now();
        let project = ProjectIndex::new(summaries);
        index_time.fetch_add(elapsed_nanos(merge), Ordering::Relaxed);
        let rest: Vec<Outcome> = waiting
            .into_par_iter()
            .map(|(source, bytes, prepared, module)| {
                let outcome = self.finish(source, &bytes, prepared, Some(&module), Some(&project));
                progress.inc();
                outcome
            })
            .collect();
        progress.finish();
        outcomes.extend(rest);
        outcomes.sort_by(|a, b| a.display.cmp(&b.display));
        if std::env::var_os("PITFIX_TIMINGS").is_some() && self.settings.uses_project_index() {
            let index_ms = index_time.load(Ordering::Relaxed) as f64 / 1e6;
            let total_ms = timer.elapsed().as_secs_f64() * 1e3;
            eprintln!("timings: project index {index_ms:.1} ms of CPU time; run {total_ms:.1} ms wall");
        }
        outcomes
    }

    fn first_stage(&self, mut source: FileSource, index_time: &AtomicU64) -> (Stage, Option<ModuleSummary>) {
        if interrupt::interrupted() {
            return (Stage::Done(Outcome::new(&source.display, FileResult::default())), None);
        }
        let bytes = match source.bytes.take() {
            Some(bytes) => bytes,
            None => match source.path.as_deref().map(std::fs::read) {
                Some(Ok(bytes)) => bytes,
                Some(Err(e)) => return (Stage::Done(failed(&source.display, format!("cannot read: {e}"))), None),
                None => Vec::new(),
            },
        };
        let prepared = match prepare(&source.display, &bytes, is_stub(&source.display)) {
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
        if !self.settings.uses_project_index() {
            return (Stage::Done(self.finish(source, &bytes, prepared, None, None)), None);
        }
        let start = Instant::now();
        let path = source.path.as_deref().map_or_else(|| self.cwd.join(&source.display), |p| self.cwd.join(p));
        let (module, names) = module_names(&path, &self.roots, &self.packages);
        let summary = summarize(prepared.module(), &module, names);
        index_time.fetch_add(elapsed_nanos(start), Ordering::Relaxed);
        if summary.needs_project {
            return (Stage::Waiting(source, bytes, prepared, module), Some(summary));
        }
        (Stage::Done(self.finish(source, &bytes, prepared, Some(&module), None)), Some(summary))
    }

    /// Runs the transforms, renders the diff, and writes the file (`apply`).
    fn finish(
        &self,
        source: FileSource,
        bytes: &[u8],
        prepared: Prepared,
        module: Option<&ModuleName>,
        project: Option<&ProjectIndex>,
    ) -> Outcome {
        let mut settings = self.settings.for_file(is_stub(&source.display));
        settings.module = module;
        settings.project = project;
        let name = source.display.as_str();
        let mut outcome = Outcome::new(name, process(name, prepared, &settings, self.mode));
        let Some(fixed) = &outcome.result.fixed else {
            if source.stdin && self.action == Action::Apply {
                // `apply -` prints the input itself when nothing changed.
                outcome.stdout = Some(bytes.to_vec());
            }
            return outcome;
        };
        match (self.action, source.stdin, &source.path) {
            (Action::Diff, _, _) => {
                // Writing into a Vec cannot fail.
                let _ = crate::diff::write_file_diff(&mut outcome.diff, name, bytes, fixed, self.color);
            }
            (Action::Apply, true, _) => outcome.stdout = Some(fixed.clone()),
            (Action::Apply, false, Some(path)) => {
                if interrupt::interrupted() {
                    // Ctrl-C: no new file is started; this one stays as it was.
                    outcome.result.fixed = None;
                    outcome.result.fixed_counts.clear();
                } else if let Err(e) = write_atomically(path, bytes, fixed) {
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

fn elapsed_nanos(start: Instant) -> u64 {
    u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX)
}

fn failed(display: &str, why: String) -> Outcome {
    Outcome::of_error(display, format!("{display}: {why}"))
}

impl Outcome {
    fn new(display: &str, result: FileResult) -> Self {
        Outcome { display: display.to_owned(), result, diff: Vec::new(), stdout: None }
    }

    fn of_error(display: &str, message: String) -> Self {
        let mut result = FileResult::default();
        result.errors.push(message);
        Outcome::new(display, result)
    }
}

fn report_outcomes(outcomes: &[Outcome], action: Action, args: &RunArgs, exit_non_zero_on_fix: bool) -> Result<i32> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut errors = 0;
    for outcome in outcomes {
        for error in &outcome.result.errors {
            eprintln!("{error}");
            errors += 1;
        }
        out.write_all(&outcome.diff)?;
        if let Some(text) = &outcome.stdout {
            out.write_all(text)?;
        }
    }
    let changed = outcomes.iter().filter(|o| o.result.fixed.is_some()).count();
    let code = match action {
        Action::Check(format) => {
            let found = report::write_findings(&mut out, outcomes.iter().map(|o| (o.display.as_str(), &o.result)), format)?;
            if !args.quiet {
                report::findings_summary(found, errors);
            }
            if found.total > 0 || errors > 0 { EXIT_FOUND } else { EXIT_OK }
        }
        Action::Diff | Action::Apply => {
            if !args.quiet {
                let counts = total_counts(outcomes);
                let unfixed = outcomes.iter().map(|o| o.result.unfixed).sum();
                report::fix_summary(action == Action::Apply, &counts, changed, unfixed);
            }
            match action {
                Action::Diff if changed > 0 => EXIT_FOUND,
                Action::Apply if changed > 0 && exit_non_zero_on_fix => EXIT_FOUND,
                _ => EXIT_OK,
            }
        }
    };
    out.flush()?;
    Ok(code)
}

fn total_counts(outcomes: &[Outcome]) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for (rule, n) in outcomes.iter().flat_map(|o| &o.result.fixed_counts) {
        *counts.entry(*rule).or_default() += n;
    }
    counts
}

