//! Runs a command: resolves settings, finds the files, processes them in parallel and reports.
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;

use crate::cli::{ColorChoice, Command, OutputFormat, RunArgs};
use crate::discover::{Input, discover, is_stub};
use crate::engine::{FileResult, Mode, process};
use crate::report;
use crate::settings::{Overrides, Settings};
use crate::write::write_atomically;
use crate::{config, transforms};

pub const EXIT_OK: i32 = 0;
pub const EXIT_FOUND: i32 = 1;
pub const EXIT_FATAL: i32 = 2;

/// Worker threads get a large stack so that deeply nested code cannot overflow it.
const STACK_SIZE: usize = 512 * 1024 * 1024;

/// What one command does with each file's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
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
    }
}

/// One file's outcome, ready to report.
struct Outcome {
    display: String,
    result: FileResult,
    /// Diff mode: the rendered diff of this file.
    diff: Vec<u8>,
    /// Stdin in apply mode: the text to print.
    stdout: Option<Vec<u8>>,
}

fn run_files(args: RunArgs, action: Action, exit_non_zero_on_fix: bool) -> Result<i32> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let config = config::load(args.config.as_deref(), &cwd)?;
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
    let outcomes = if paths.iter().any(|p| p.as_os_str() == "-") {
        if paths.len() > 1 {
            bail!("`-` (standard input) must be the only path");
        }
        let name = args.stdin_filename.clone().unwrap_or_else(|| "-".to_owned());
        let mut bytes = Vec::new();
        io::stdin().read_to_end(&mut bytes).context("cannot read standard input")?;
        vec![pool.install(|| handle_stdin(&name, &bytes, &settings, mode, action, color))]
    } else {
        let (inputs, warnings) = discover(&paths, &settings.exclude, &cwd)?;
        for warning in warnings {
            eprintln!("{warning}");
        }
        pool.install(|| {
            inputs.par_iter().map(|input| handle_file(input, &settings, mode, action, color)).collect()
        })
    };
    report_outcomes(&outcomes, action, &args, exit_non_zero_on_fix)
}

fn handle_file(input: &Input, settings: &Settings, mode: Mode, action: Action, color: bool) -> Outcome {
    let bytes = match std::fs::read(&input.path) {
        Ok(bytes) => bytes,
        Err(e) => {
            let mut result = FileResult::default();
            result.errors.push(format!("{}: cannot read: {e}", input.display));
            return Outcome { display: input.display.clone(), result, diff: Vec::new(), stdout: None };
        }
    };
    let mut outcome = handle_bytes(&input.display, &bytes, settings, mode, action, color);
    if action == Action::Apply {
        if let Some(fixed) = &outcome.result.fixed {
            if let Err(e) = write_atomically(&input.path, &bytes, fixed) {
                outcome.result.errors.push(format!("{}: {e:#}", input.display));
                outcome.result.fixed = None;
                outcome.result.fixed_counts.clear();
            }
        }
    }
    outcome
}

fn handle_stdin(name: &str, bytes: &[u8], settings: &Settings, mode: Mode, action: Action, color: bool) -> Outcome {
    let mut outcome = handle_bytes(name, bytes, settings, mode, action, color);
    if action == Action::Apply {
        // `apply -` prints the fixed source, or the input itself when nothing changed.
        outcome.stdout = Some(outcome.result.fixed.clone().unwrap_or_else(|| bytes.to_vec()));
    }
    outcome
}

fn handle_bytes(name: &str, bytes: &[u8], settings: &Settings, mode: Mode, action: Action, color: bool) -> Outcome {
    let result = process(name, bytes, &settings.for_file(is_stub(name)), mode);
    let mut diff = Vec::new();
    if let (Action::Diff, Some(fixed)) = (action, &result.fixed) {
        // Writing into a Vec cannot fail.
        let _ = crate::diff::write_file_diff(&mut diff, name, bytes, fixed, color);
    }
    Outcome { display: name.to_owned(), result, diff, stdout: None }
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

