//! `pitfix apply --interactive`: like `git add -p`, each fix is shown as a diff and applied only
//! when the user says so.
//!
//! The unit of choice is a finding's fix, not a diff hunk: a fix may change several places (an
//! import at the top and the call below), and applying half of it could leave code that does not
//! run. So each fix is shown with the diff of that fix alone, whether it makes one hunk or
//! several. The file is then written with the accepted fixes' edits only, every other byte kept,
//! after checking that the result still parses. Fixes are taken from one look at each file: a fix
//! that only appears once another is applied shows up on the next run.
use std::collections::BTreeMap;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};
use ruff_source_file::{LineIndex, OneIndexed, PositionEncoding, SourceLocation};
use ruff_text_size::{TextRange, TextSize};

use crate::cli::args::{ColorChoice, RunArgs};
use crate::cli::run::{EXIT_FOUND, EXIT_OK};
use crate::edits::fix::{Applicability, Edit, Fix, apply_fixes};
use crate::engine::job::{Action, Outcome, RunOptions, process_files, resolver};
use crate::engine::{LocatedFinding, parse_error};
use crate::output::{self, diff::write_file_diff, escape_controls, progress::Progress};
use crate::rules::Rule;
use crate::settings::Resolver;
use crate::transforms;
use crate::workspace::decode::{decode, encode};
use crate::workspace::discover::{absolute, is_stub, normalize};
use crate::workspace::read::read_regular;
use crate::workspace::write::{WriteOptions, write_atomically};

const HELP: &str = "\
y - apply this hunk
n - do not apply this hunk
a - apply this hunk and all the remaining ones, in this file and the next
q - quit; the hunks accepted so far are applied
? - print help
";

/// Where the session stands: asking, taking every remaining fix (`a`), or done (`q`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Ask,
    All,
    Quit,
}

/// The user's side: answers read from standard input, prompts and diffs written to standard output.
struct Session<R, W> {
    answers: R,
    out: W,
    color: bool,
    /// Answers typed on a terminal are already on screen; piped ones are echoed, so that a
    /// transcript reads like the session.
    echo: bool,
    mode: Mode,
}

/// What the run did, for the summary and the exit code.
#[derive(Default)]
struct Tally {
    counts: BTreeMap<&'static str, usize>,
    files: usize,
    /// Fixes answered `n`, and those left unasked after `q`.
    declined: usize,
    unfixed: usize,
}

pub(crate) fn run(args: RunArgs, break_hardlinks: bool, exit_non_zero_on_fix: bool) -> Result<i32> {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        bail!("`apply --interactive` reads its answers from standard input, so it cannot also read a file from `-`; name the files instead");
    }
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    // Read by this run, not answered by the cache: each file's stamp tells whether it changed
    // between the check and the questions.
    let options = RunOptions { no_cache: true, ..args.options() };
    let outcomes = process_files(&options, transforms::ALL, Action::Check, &cwd, &Progress::new(args.quiet))?;
    let known: Vec<&'static Rule> = transforms::ALL.iter().map(|t| t.rule()).collect();
    let resolver = resolver(&options, &known, &cwd)?;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal(),
    };
    let stdin = io::stdin();
    let echo = !stdin.is_terminal();
    let mut session = Session { answers: stdin.lock(), out: io::stdout().lock(), color, echo, mode: Mode::Ask };
    let mut tally = Tally::default();
    for outcome in &outcomes {
        for error in &outcome.result.errors {
            eprintln!("{}", output::escape_message(error));
        }
    }
    let write = WriteOptions { break_hardlinks };
    for outcome in &outcomes {
        let fixes = allowed_fixes(outcome, &resolver, &cwd, &mut tally);
        if fixes.is_empty() || session.mode == Mode::Quit {
            tally.declined += fixes.len();
            continue;
        }
        if let Err(message) = review_file(&mut session, &cwd, outcome, &fixes, write, &mut tally) {
            eprintln!("{}", output::escape_message(&message));
        }
    }
    session.out.flush()?;
    if !args.quiet {
        output::fix_summary(true, &tally.counts, tally.files, tally.unfixed);
        if tally.declined > 0 {
            let plural = if tally.declined == 1 { "" } else { "es" };
            eprintln!("{} fix{plural} not applied (answered `n`, or left after `q`).", tally.declined);
        }
    }
    Ok(if exit_non_zero_on_fix && tally.files > 0 { EXIT_FOUND } else { EXIT_OK })
}

/// The file's findings whose fix `apply` would take: safe ones, and unsafe ones where the
/// command line or the file's config turns unsafe fixes on. The others count as unfixed.
fn allowed_fixes<'o>(outcome: &'o Outcome, resolver: &Resolver, cwd: &Path, tally: &mut Tally) -> Vec<&'o LocatedFinding> {
    let findings = &outcome.result.findings;
    if findings.is_empty() {
        return Vec::new();
    }
    let path = normalize(&absolute(Path::new(&outcome.display), cwd));
    let unsafe_on = resolver.for_file(&path).is_ok_and(|s| s.unsafe_fixes);
    let allowed: Vec<&LocatedFinding> = findings
        .iter()
        .filter(|f| match f.fix {
            Some(Applicability::Safe) => true,
            Some(Applicability::Unsafe) => unsafe_on,
            None => false,
        })
        .collect();
    tally.unfixed += findings.len() - allowed.len();
    allowed
}

/// Shows each fix of one file, asks, and writes the file with the accepted ones. The error is a
/// message naming the file; the file is then left as it was.
fn review_file<R: BufRead, W: Write>(
    session: &mut Session<R, W>,
    cwd: &Path,
    outcome: &Outcome,
    findings: &[&LocatedFinding],
    write: WriteOptions,
    tally: &mut Tally,
) -> Result<(), String> {
    let display = outcome.display.as_str();
    let name = escape_controls(display);
    let path = cwd.join(display);
    let (bytes, stamp) = read_regular(&path, u64::MAX).map_err(|e| format!("{name}: cannot read it again: {e}"))?;
    if outcome.stamp != Some(stamp) {
        return Err(format!("{name}: the file changed since it was checked; nothing applied"));
    }
    let (text, encoding) = decode(&bytes).map_err(|why| format!("{name}: skipped: {why}"))?;
    let choices = choices(&text, findings).ok_or_else(|| format!("{name}: the file changed since it was read; nothing applied"))?;
    let mut accepted = Vec::new();
    for (i, choice) in choices.iter().enumerate() {
        let take = match session.mode {
            Mode::Quit => false,
            Mode::All => true,
            Mode::Ask => {
                let alone = apply_fixes(&text, [(i, &choice.fix)]).0;
                session.show(display, &choice.findings, &text, &alone).map_err(|e| format!("{name}: {e}"))?;
                session.ask(i + 1, choices.len()).map_err(|e| format!("{name}: cannot read the answer: {e}"))?
            }
        };
        if take {
            accepted.push(i);
        } else {
            tally.declined += choice.findings.len();
        }
    }
    let (new_text, applied) = apply_fixes(&text, accepted.iter().map(|&i| (i, &choices[i].fix)));
    if applied.len() < accepted.len() {
        let left = accepted.len() - applied.len();
        eprintln!("{name}: {left} accepted fix(es) overlap another accepted fix and were left out; run again to see them");
    }
    if applied.is_empty() {
        return Ok(());
    }
    if let Some(message) = parse_error(&new_text, is_stub(display)) {
        return Err(format!("{name}: fixes dropped, file left unchanged: the chosen fixes would produce code that does not parse ({message})"));
    }
    let new_bytes = encode(&new_text, encoding).map_err(|why| format!("{name}: fixes dropped: {why}"))?;
    write_atomically(&path, &bytes, stamp, &new_bytes, write).map_err(|e| format!("{name}: {e:#}"))?;
    for finding in applied.iter().flat_map(|&i| &choices[i].findings) {
        *tally.counts.entry(finding.rule).or_default() += 1;
    }
    tally.files += 1;
    Ok(())
}

/// One question: a fix, and the findings that carry it (findings may share one fix, such as the
/// `__init__` that mutable-class-attr creates for all the attributes it moves).
struct Choice<'o> {
    findings: Vec<&'o LocatedFinding>,
    fix: Fix,
}

/// The file's fixes as questions, in the order of the findings; `None` when the file is no longer
/// the one that was checked.
fn choices<'o>(text: &str, findings: &[&'o LocatedFinding]) -> Option<Vec<Choice<'o>>> {
    let index = LineIndex::from_source_text(text);
    let mut out: Vec<Choice<'o>> = Vec::new();
    for &finding in findings {
        let fix = to_fix(text, &index, finding)?;
        match out.iter_mut().find(|c| c.fix.edits() == fix.edits()) {
            Some(choice) => choice.findings.push(finding),
            None => out.push(Choice { findings: vec![finding], fix }),
        }
    }
    Some(out)
}

/// A finding's fix as edits of `text`, from the line and column positions `check` reports (the
/// cache keeps those). `None` when a position does not land where it says, which means the
/// file is no longer the one that was checked.
fn to_fix(text: &str, index: &LineIndex, finding: &LocatedFinding) -> Option<Fix> {
    let edits = finding
        .edits
        .iter()
        .map(|edit| {
            let range = TextRange::new(offset(text, index, edit.start)?, offset(text, index, edit.end)?);
            Some(Edit::replace(range, edit.content.clone()))
        })
        .collect::<Option<Vec<Edit>>>()?;
    Some(Fix::new(edits, finding.fix.unwrap_or(Applicability::Unsafe)))
}

/// The offset of a 1-based line and column (in characters), checked by mapping it back.
fn offset(text: &str, index: &LineIndex, (line, column): (usize, usize)) -> Option<TextSize> {
    let location = SourceLocation { line: OneIndexed::new(line)?, character_offset: OneIndexed::new(column)? };
    let offset = index.offset(location, text, PositionEncoding::Utf32);
    let back = index.line_column(offset, text);
    (back.line.get() == line && back.column.get() == column).then_some(offset)
}

impl<R: BufRead, W: Write> Session<R, W> {
    /// The findings, and the diff of their fix alone (with a note when it has several hunks).
    fn show(&mut self, display: &str, findings: &[&LocatedFinding], old: &str, new: &str) -> io::Result<()> {
        for finding in findings {
            let (line, column) = finding.start;
            let safety = if finding.fix == Some(Applicability::Unsafe) { " (unsafe fix)" } else { "" };
            let message = output::escape_message(&finding.message);
            writeln!(self.out, "{}:{line}:{column}: {} {message}{safety}", escape_controls(display), finding.rule)?;
        }
        let mut diff = Vec::new();
        write_file_diff(&mut diff, display, old.as_bytes(), new.as_bytes(), self.color)?;
        self.out.write_all(&diff)?;
        let hunks = diff.split(|&b| b == b'\n').filter(|line| line.starts_with(b"@@") || line.starts_with(b"\x1b[36m@@")).count();
        if hunks > 1 {
            writeln!(self.out, "(one fix in {hunks} hunks: they are applied together)")?;
        }
        Ok(())
    }

    /// Asks until the answer is one of the choices; `?` and anything else print the help. The
    /// end of the input counts as `q`.
    fn ask(&mut self, number: usize, total: usize) -> io::Result<bool> {
        loop {
            write!(self.out, "({number}/{total}) Apply this hunk [y,n,a,q,?]? ")?;
            self.out.flush()?;
            let mut answer = String::new();
            if self.answers.read_line(&mut answer)? == 0 {
                writeln!(self.out)?;
                self.mode = Mode::Quit;
                return Ok(false);
            }
            let answer = answer.trim();
            if self.echo {
                writeln!(self.out, "{answer}")?;
            }
            match answer.chars().next().map(|c| c.to_ascii_lowercase()) {
                Some('y') => return Ok(true),
                Some('n') => return Ok(false),
                Some('a') => {
                    self.mode = Mode::All;
                    return Ok(true);
                }
                Some('q') => {
                    self.mode = Mode::Quit;
                    return Ok(false);
                }
                _ => {
                    let colored = if self.color { format!("\x1b[1;31m{HELP}\x1b[0m") } else { HELP.to_owned() };
                    self.out.write_all(colored.as_bytes())?;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_round_trip_and_reject_positions_off_the_text() {
        let text = "x = 1\né = 'ü'\n";
        let index = LineIndex::from_source_text(text);
        assert_eq!(offset(text, &index, (1, 1)), Some(TextSize::new(0)));
        // Columns count characters: `'` after `é = ` is the fifth character, the sixth byte.
        assert_eq!(offset(text, &index, (2, 5)), Some(TextSize::new(11)));
        assert_eq!(offset(text, &index, (3, 1)), Some(TextSize::new(16)));
        assert_eq!(offset(text, &index, (1, 40)), None);
        assert_eq!(offset(text, &index, (9, 1)), None);
    }
}
