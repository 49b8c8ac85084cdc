//! What the commands print: findings (text, JSON, GitHub workflow commands or SARIF), summaries,
//! and the table of transforms.
pub(crate) mod diff;
pub(crate) mod docs;
pub(crate) mod github;
pub(crate) mod progress;
mod sarif;

use std::collections::BTreeMap;
use std::io::{self, Write};

use clap::ValueEnum;
use serde::Serialize;

use crate::edits::fix::Applicability;
use crate::engine::{FileResult, LocatedFinding};
use crate::transforms;

/// Standard output that a closed pipe (`pitfix diff | head`) ends quietly: once the reader is
/// gone, writes are dropped, so the run finishes and exits with the code it would have had.
pub(crate) struct ClosedPipeOk<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> ClosedPipeOk<W> {
    pub(crate) fn new(inner: W) -> Self {
        ClosedPipeOk { inner, closed: false }
    }
}

impl<W: Write> Write for ClosedPipeOk<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// `text` with its control characters (line ends, tabs, ESC, the C1 range) written as escapes
/// (`\n`, `\t`, `\x1b`, `\u{9b}`), for names and messages printed as text: a file name cannot
/// start a new line or send an escape sequence to the terminal. JSON and SARIF escape by
/// themselves.
pub(crate) fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    escape(text, false)
}

/// A message as `escape_controls` writes it, but keeping its line ends: messages that span lines
/// (a TOML error with its excerpt) are built with names already escaped.
pub(crate) fn escape_message(text: &str) -> std::borrow::Cow<'_, str> {
    escape(text, true)
}

fn escape(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    let escaped = |c: char| c.is_control() && !(keep_lines && c == '\n');
    if !text.chars().any(escaped) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            c if !escaped(c) => out.push(c),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() && u32::from(c) < 0x80 => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.into()
}

/// Whether `error` comes from writing into a closed pipe: the reader stopped, nothing failed.
pub(crate) fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| cause.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe))
}

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// `path:line:col: <id> <message>`, one finding a line.
    Text,
    /// An array of objects with path, line, column, end_line, end_column, rule, message, fix.
    Json,
    /// GitHub Actions workflow commands (`::warning file=...::message`): annotations on the diff.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
}

/// How many findings `check` printed, and how many of them can be fixed.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FoundCounts {
    pub(crate) total: usize,
    pub(crate) safe: usize,
    pub(crate) unsafe_: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    rule: &'a str,
    message: &'a str,
    fix: Option<JsonFix>,
}

#[derive(Serialize)]
struct JsonFix {
    applicability: &'static str,
}

pub(crate) fn write_findings<'a>(
    out: &mut impl Write,
    files: impl Iterator<Item = (&'a str, &'a FileResult)>,
    format: OutputFormat,
) -> io::Result<FoundCounts> {
    let all: Vec<(&str, &LocatedFinding)> =
        files.flat_map(|(path, result)| result.findings.iter().map(move |f| (path, f))).collect();
    let mut counts = FoundCounts { total: all.len(), ..FoundCounts::default() };
    for (_, finding) in &all {
        match finding.fix {
            Some(Applicability::Safe) => counts.safe += 1,
            Some(Applicability::Unsafe) => counts.unsafe_ += 1,
            None => {}
        }
    }
    match format {
        OutputFormat::Text => {
            for (path, f) in &all {
                let fix = match f.fix {
                    Some(Applicability::Safe) => " [fix available]",
                    Some(Applicability::Unsafe) => " [unsafe fix available: --unsafe-fixes]",
                    None => "",
                };
                let (path, message) = (escape_controls(path), escape_controls(&f.message));
                writeln!(out, "{path}:{}:{}: {} {message}{fix}", f.start.0, f.start.1, f.rule)?;
            }
        }
        OutputFormat::Json => {
            let json: Vec<JsonFinding> = all
                .iter()
                .map(|(path, f)| JsonFinding {
                    path,
                    line: f.start.0,
                    column: f.start.1,
                    end_line: f.end.0,
                    end_column: f.end.1,
                    rule: f.rule,
                    message: &f.message,
                    fix: f.fix.map(|a| JsonFix { applicability: a.as_str() }),
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &json)?;
            writeln!(out)?;
        }
        OutputFormat::Github => github::write(out, &all)?,
        OutputFormat::Sarif => sarif::write(out, &all)?,
    }
    Ok(counts)
}

pub(crate) fn findings_summary(found: FoundCounts, errors: usize) {
    let mut line = match found.total {
        0 => "No problems found".to_owned(),
        n => format!("Found {n} problem{}", plural(n)),
    };
    if found.safe > 0 || found.unsafe_ > 0 {
        line += &format!(" ({} fixable with `pitfix apply`", found.safe);
        if found.unsafe_ > 0 {
            line += &format!(", {} more with `--unsafe-fixes`", found.unsafe_);
        }
        line += ")";
    }
    if errors > 0 {
        line += &format!("; {errors} file error{} above", plural(errors));
    }
    eprintln!("{line}.");
}

pub(crate) fn fix_summary(applied: bool, counts: &BTreeMap<&'static str, usize>, files: usize, unfixed: usize) {
    let total: usize = counts.values().sum();
    if total == 0 {
        eprintln!("Nothing to fix.");
    } else {
        let verb = if applied { "Fixed" } else { "Would fix" };
        let per_rule: Vec<String> = counts.iter().map(|(id, n)| format!("{id}: {n}")).collect();
        eprintln!(
            "{verb} {total} problem{} in {files} file{} ({}).",
            plural(total),
            plural(files),
            per_rule.join(", ")
        );
    }
    if unfixed > 0 {
        eprintln!(
            "{unfixed} problem{} left without an applicable fix (`pitfix check` lists them).",
            plural(unfixed)
        );
    }
}

pub(crate) fn print_rules() -> io::Result<()> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let rows: Vec<[&str; 4]> = transforms::ALL
        .iter()
        .map(|t| {
            let rule = t.rule();
            let enabled = if rule.default_enabled { "yes" } else { "no" };
            [rule.id, rule.fix_safety.as_str(), enabled, rule.summary]
        })
        .collect();
    let header = ["ID", "FIX", "DEFAULT", "SUMMARY"];
    let width = |col: usize| rows.iter().map(|r| r[col].len()).chain([header[col].len()]).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    for row in std::iter::once(&header).chain(&rows) {
        writeln!(out, "{:w0$}  {:w1$}  {:w2$}  {}", row[0], row[1], row[2], row[3])?;
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escape_controls("plain é.py"), "plain é.py");
        assert_eq!(escape_controls("a\nb\t\x1b[31m\u{9b}.py"), "a\\nb\\t\\x1b[31m\\u{9b}.py");
        assert_eq!(escape_message("a\nb\x07"), "a\nb\\x07");
    }
}
