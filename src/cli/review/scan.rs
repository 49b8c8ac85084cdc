//! The findings in a pull request's changed lines: the diff between the merge base and the head
//! (git, in the local checkout), then `check`'s pipeline over the head's changed files.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::comments::{FileText, Planned, plan_file};
use super::event::PullTarget;
use super::hunks::{self, FileHunks};
use crate::cli::pr::repo::{Checkout, Worktree};
use crate::engine::job::{Action, RunOptions, Silent, process_files};
use crate::transforms;
use crate::workspace::decode::{TextEncoding, decode};
use crate::workspace::discover::normalize;

/// What the run found.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// The comments on findings in the changed lines, in file and line order.
    pub(crate) planned: Vec<Planned>,
    /// (rule, fingerprint) of every finding in the changed files, changed lines or not.
    pub(crate) present: BTreeSet<(String, String)>,
    /// The changed Python files looked at, from the checkout's top.
    pub(crate) scanned: BTreeSet<String>,
    /// Files that could not be read or parsed.
    pub(crate) file_errors: usize,
}

/// Makes sure both commits are here, fetching them from `remote` when they are not.
pub(crate) fn fetch_commits(checkout: &Checkout, remote: &str, target: &PullTarget) -> Result<()> {
    for (sha, pull_ref) in [(&target.base_sha, None), (&target.head_sha, Some(format!("refs/pull/{}/head", target.number)))] {
        if has_commit(checkout, sha) {
            continue;
        }
        let fetched = checkout.git.run(&["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--", remote, sha]);
        // A server that refuses a bare commit id still serves the pull request's ref.
        if fetched.is_err()
            && let Some(pull_ref) = &pull_ref
        {
            checkout.git.run(&["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--", remote, pull_ref])?;
        } else {
            fetched?;
        }
        if !has_commit(checkout, sha) {
            bail!("commit {sha} is not in the checkout, and fetching it from `{remote}` did not bring it");
        }
    }
    Ok(())
}

fn has_commit(checkout: &Checkout, sha: &str) -> bool {
    checkout.git.run(&["cat-file", "-e", &format!("{sha}^{{commit}}")]).is_ok()
}

/// The changed files of the pull request (`git diff base...head`), by their path in the head.
pub(crate) fn changed_lines(checkout: &Checkout, target: &PullTarget) -> Result<BTreeMap<String, FileHunks>> {
    let base = checkout.git.run(&["merge-base", &target.base_sha, &target.head_sha]).context(
        "cannot find where the pull request branched off its base; a shallow clone lacks the history: check out with `fetch-depth: 0`",
    )?;
    // Options that the user's git config could otherwise change: prefixes, external diff
    // drivers, text conversion, paths relative to a folder.
    let diff = checkout.git.run(&[
        "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative", "--find-renames", "--unified=3",
        "--src-prefix=a/", "--dst-prefix=b/", "--diff-filter=d", &base, &target.head_sha, "--",
    ])?;
    Ok(hunks::parse(&diff))
}

/// Runs the transforms over the changed Python files the user's paths cover, in the checkout
/// when it holds exactly the head, else in a temporary worktree of the head.
pub(crate) fn scan(
    options: &RunOptions,
    checkout: &Checkout,
    cwd: &Path,
    target: &PullTarget,
    changed: &BTreeMap<String, FileHunks>,
) -> Result<Scan> {
    let wanted = selected(options, checkout, cwd, changed);
    let mut scan = Scan { scanned: wanted.iter().cloned().collect(), ..Scan::default() };
    if wanted.is_empty() {
        return Ok(scan);
    }
    let in_place = at_head(checkout, &target.head_sha)?;
    let tree = if in_place { None } else { Some(Worktree::add(checkout, &target.head_sha)?) };
    let root = tree.as_ref().map_or(checkout.top.clone(), |t| t.path.clone());
    let mut mapped = options.clone();
    // Absolute: the run's folder is not the process's current one when it is a worktree.
    mapped.paths = wanted.iter().map(|path| root.join(path)).collect();
    mapped.config = options.config.as_ref().map(|c| cwd.join(c));
    if tree.is_some() {
        // A worktree thrown away after the run: no config above it, no cache in it.
        mapped.config_ceiling = Some(root.clone());
        mapped.no_cache = true;
    }
    let outcomes = process_files(&mapped, transforms::ALL, Action::Check, &root, &Silent)?;
    for outcome in outcomes {
        for error in &outcome.result.errors {
            eprintln!("{}", crate::output::escape_message(error));
        }
        scan.file_errors += usize::from(!outcome.result.errors.is_empty());
        let full = normalize(&root.join(&outcome.display));
        let Ok(relative) = full.strip_prefix(&root) else { continue };
        let path = relative.to_string_lossy().replace('\\', "/");
        let Some(hunks) = changed.get(&path) else { continue };
        if outcome.result.findings.is_empty() {
            continue;
        }
        let bytes = std::fs::read(&full).with_context(|| format!("{path}: cannot read"))?;
        let Ok((text, encoding)) = decode(&bytes) else { continue };
        let (utf8, bom) = match encoding {
            TextEncoding::Utf8 { bom } => (true, bom),
            _ => (false, false),
        };
        let file = FileText { path: &path, text: &text, utf8, bom };
        let (planned, present) = plan_file(&file, hunks, &outcome.result.findings, options.unsafe_fixes);
        scan.planned.extend(planned);
        scan.present.extend(present.into_iter().map(|(rule, fp)| (rule.to_owned(), fp)));
    }
    scan.planned.sort_by(|a, b| (&a.path, a.lines.start(), a.rule).cmp(&(&b.path, b.lines.start(), b.rule)));
    Ok(scan)
}

/// The changed `.py` and `.pyi` files under the user's paths (all of them without paths), as
/// paths from the checkout's top.
fn selected(options: &RunOptions, checkout: &Checkout, cwd: &Path, changed: &BTreeMap<String, FileHunks>) -> Vec<String> {
    let prefixes: Vec<PathBuf> = if options.paths.is_empty() {
        vec![checkout.prefix.clone()]
    } else {
        options
            .paths
            .iter()
            .filter_map(|p| normalize(&cwd.join(p)).strip_prefix(&checkout.top).ok().map(Path::to_path_buf))
            .collect()
    };
    changed
        .keys()
        .filter(|path| path.ends_with(".py") || path.ends_with(".pyi"))
        .filter(|path| prefixes.iter().any(|prefix| Path::new(path).starts_with(prefix)))
        .cloned()
        .collect()
}

/// Whether the checkout's files are the head's: HEAD is the head commit and no tracked file
/// differs from it.
fn at_head(checkout: &Checkout, head: &str) -> Result<bool> {
    let current = checkout.git.run(&["rev-parse", "--verify", "--quiet", "HEAD"]).unwrap_or_default();
    if current != head {
        return Ok(false);
    }
    Ok(checkout.git.run(&["status", "--porcelain", "--untracked-files=no"])?.is_empty())
}
