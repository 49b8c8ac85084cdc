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
}

/// Appends to the files the environment names; nothing when it names none (outside Actions).
pub(crate) fn write(report: &Report) -> Result<()> {
    if let Some(path) = std::env::var_os("GITHUB_OUTPUT").filter(|p| !p.is_empty()) {
        let number = report.number.map(|n| n.to_string()).unwrap_or_default();
        let url = report.url.as_deref().unwrap_or("");
        let text = format!(
            "pull-request-number={number}\npull-request-url={url}\npull-request-operation={}\n",
            report.operation.as_str()
        );
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

fn append(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = OpenOptions::new().create(true).append(true).open(path)?;
    file.write_all(text.as_bytes())
}
