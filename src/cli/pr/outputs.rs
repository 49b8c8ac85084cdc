//! What a GitHub Actions step hands on: `$GITHUB_OUTPUT` for later steps, and
//! `$GITHUB_STEP_SUMMARY` for the run's page.
use std::fs::OpenOptions;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

/// What the run did with the pull request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Operation {
    Created,
    Updated,
    Closed,
    None,
}

impl Operation {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Operation::Created => "created",
            Operation::Updated => "updated",
            Operation::Closed => "closed",
            Operation::None => "none",
        }
    }
}

/// The outcome of a run, as the outputs give it.
#[derive(Debug)]
pub(crate) struct Report {
    pub(crate) operation: Operation,
    pub(crate) number: Option<u64>,
    pub(crate) url: Option<String>,
    /// The pull request body, or the one-line message when there is none.
    pub(crate) summary: String,
    /// Per transform: every pull request the run opened, updated or closed (the
    /// `pull-requests` output, a JSON list; not written in single mode).
    pub(crate) pulls: Option<Vec<PullOutcome>>,
}

/// One pull request of a run per transform, for the `pull-requests` output.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct PullOutcome {
    pub(crate) transform: String,
    pub(crate) number: u64,
    pub(crate) url: String,
    pub(crate) operation: &'static str,
}

impl Report {
    /// A run that changed no pull request.
    pub(crate) fn none(summary: String) -> Self {
        Report { operation: Operation::None, number: None, url: None, summary, pulls: None }
    }
}

/// Appends to the files the environment names; nothing when it names none (outside Actions).
pub(crate) fn write(report: &Report) -> Result<()> {
    if let Some(path) = std::env::var_os("GITHUB_OUTPUT").filter(|p| !p.is_empty()) {
        let number = report.number.map(|n| n.to_string()).unwrap_or_default();
        let url = report.url.as_deref().unwrap_or("");
        let pulls = report.pulls.as_ref().map(|p| serde_json::to_string(p).unwrap_or_else(|_| "[]".to_owned()));
        let text = [
            ("pull-request-number", number.as_str()),
            ("pull-request-url", url),
            ("pull-request-operation", report.operation.as_str()),
        ]
        .into_iter()
        .chain(pulls.as_deref().map(|p| ("pull-requests", p)))
            .map(|(name, value)| output_line(name, value))
            .collect::<String>();
        append(Path::new(&path), &text).context("cannot write $GITHUB_OUTPUT")?;
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut text = report.summary.clone();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        append(Path::new(&path), &text).context("cannot write $GITHUB_STEP_SUMMARY")?;
    }
    Ok(())
}

/// Appends `name=value` outputs to `$GITHUB_OUTPUT` and a text to `$GITHUB_STEP_SUMMARY`, when
/// the environment names them (another command's outputs: `review`'s counts).
pub(crate) fn write_pairs(pairs: &[(&str, &str)], summary: &str) -> Result<()> {
    if let Some(path) = std::env::var_os("GITHUB_OUTPUT").filter(|p| !p.is_empty()) {
        let text = pairs.iter().map(|(name, value)| output_line(name, value)).collect::<String>();
        append(Path::new(&path), &text).context("cannot write $GITHUB_OUTPUT")?;
    }
    if let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) {
        let mut text = summary.to_owned();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        append(Path::new(&path), &text).context("cannot write $GITHUB_STEP_SUMMARY")?;
    }
    Ok(())
}

/// `name=value`, or GitHub's multi-line form (`name<<DELIMITER`, the value, `DELIMITER`) when the
/// value holds a line break, with a random delimiter the value does not contain: a value can never
/// add an output of its own.
fn output_line(name: &str, value: &str) -> String {
    if !value.contains(['\n', '\r']) {
        return format!("{name}={value}\n");
    }
    let delimiter = loop {
        let candidate = format!("ghadelimiter_{:016x}{:016x}", random(), random());
        if !value.contains(&candidate) {
            break candidate;
        }
    };
    format!("{name}<<{delimiter}\n{value}\n{delimiter}\n")
}

/// 64 random bits, from the standard library's randomly keyed hasher.
pub(crate) fn random() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    hasher.finish()
}

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multi_line_values_use_a_delimiter() {
        assert_eq!(output_line("a", "b"), "a=b\n");
        let text = output_line("url", "x\nevil=1");
        let (head, rest) = text.split_once('\n').unwrap();
        let delimiter = head.strip_prefix("url<<").unwrap();
        assert!(delimiter.starts_with("ghadelimiter_"));
        assert_eq!(rest, format!("x\nevil=1\n{delimiter}\n"));
    }
}
