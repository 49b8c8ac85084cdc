//! Runs a command: the pipeline of `engine::job` over the named files, then the report.
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};

use anyhow::{Context, Result, bail};

use crate::cli::args::{ColorChoice, Command, RunArgs};
use crate::engine::job::{Action, Outcome, RunOptions, process_files};
use crate::output::{self, OutputFormat, diff::paint_file_diff, progress::Progress};
use crate::transforms;
use crate::workspace::interrupt;

pub const EXIT_OK: i32 = 0;
pub const EXIT_FOUND: i32 = 1;
pub const EXIT_FATAL: i32 = 2;

pub(crate) fn run(command: Command) -> Result<i32> {
    match command {
        Command::Rules => {
            output::print_rules()?;
            Ok(EXIT_OK)
        }
        Command::Explain { id } => match transforms::readme(&id) {
            Some(text) => {
                io::stdout().lock().write_all(text.as_bytes())?;
                Ok(EXIT_OK)
            }
            None => bail!("unknown transform id `{id}` (see `pitfix rules`)"),
        },
        Command::Server => crate::server::run(),
        Command::Diff(args) => run_files(args, Action::Diff, Report::Fixes { exit_non_zero_on_fix: false }, false),
        Command::Apply { run, exit_non_zero_on_fix, break_hardlinks, interactive: true } => {
            crate::cli::interactive::run(run, break_hardlinks, exit_non_zero_on_fix)
        }
        Command::Apply { run, exit_non_zero_on_fix, break_hardlinks, interactive: false } => {
            run_files(run, Action::Apply, Report::Fixes { exit_non_zero_on_fix }, break_hardlinks)
        }
        Command::Check { run, output_format } => run_files(run, Action::Check, Report::Findings(output_format), false),
        Command::Pr(args) => crate::cli::pr::run(*args),
        Command::Review(args) => crate::cli::review::run(args),
        Command::Completions { shell } => {
            // Generated into memory first: clap_complete panics when its writer fails, and a
            // closed pipe (`pitfix completions bash | head`) is no failure here.
            let mut command = <crate::cli::args::Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell.generator(), &mut command, "pitfix", &mut script);
            let mut out = io::stdout().lock();
            out.write_all(&script)?;
            out.flush()?;
            Ok(EXIT_OK)
        }
    }
}

/// What a command prints after the run.
#[derive(Debug, Clone, Copy)]
enum Report {
    /// `diff` and `apply`: the diff or fixed text, and a summary of the fixes.
    Fixes { exit_non_zero_on_fix: bool },
    /// `check`: the findings in a format.
    Findings(OutputFormat),
}

fn run_files(args: RunArgs, action: Action, report: Report, break_hardlinks: bool) -> Result<i32> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    if action == Action::Apply {
        interrupt::install();
    }
    let progress = Progress::new(args.quiet);
    let options = RunOptions { break_hardlinks, ..args.options() };
    let outcomes = process_files(&options, transforms::ALL, action, &cwd, &progress)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal(),
    };
    let code = report_outcomes(&outcomes, action, report, args.quiet, color)?;
    if interrupt::interrupted() {
        eprintln!("pitfix: interrupted; each file is either fixed or as it was");
        return Ok(interrupt::EXIT_INTERRUPTED);
    }
    Ok(code)
}

fn report_outcomes(outcomes: &[Outcome], action: Action, report: Report, quiet: bool, color: bool) -> Result<i32> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(output::ClosedPipeOk::new(stdout.lock()));
    let mut errors = 0;
    for outcome in outcomes {
        for error in &outcome.result.errors {
            eprintln!("{}", output::escape_message(error));
            errors += 1;
        }
        if let Some(diff) = &outcome.diff {
            paint_file_diff(&mut out, diff, color)?;
        }
        if let Some(text) = &outcome.stdout {
            out.write_all(text)?;
        }
    }
    let changed = outcomes.iter().filter(|o| o.changes()).count();
    let code = match report {
        Report::Findings(format) => {
            let results = outcomes.iter().map(|o| (o.display.as_str(), &o.result));
            let found = output::write_findings(&mut out, results, format)?;
            if !quiet {
                output::findings_summary(found, errors);
            }
            if found.total > 0 || errors > 0 { EXIT_FOUND } else { EXIT_OK }
        }
        Report::Fixes { exit_non_zero_on_fix } => {
            if !quiet {
                let counts = total_counts(outcomes);
                let unfixed = outcomes.iter().map(|o| o.result.unfixed).sum();
                output::fix_summary(action == Action::Apply, &counts, changed, unfixed);
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
