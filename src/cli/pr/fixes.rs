//! The fixes of the base branch: `apply`'s pipeline run on a temporary worktree of it, with the
//! user's paths and config file mapped into that worktree.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::repo::{Checkout, Worktree};
use crate::engine::job::{Action, Outcome, RunOptions, Silent, process_files};
use crate::transforms;
use crate::workspace::discover::normalize;

/// Fixes of one transform, and how many of them were unsafe.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RuleCount {
    pub(crate) fixes: usize,
    pub(crate) unsafe_fixes: usize,
}

/// What the fix commit changes, for its message and the pull request.
#[derive(Debug)]
pub(crate) struct Change {
    pub(crate) base: String,
    pub(crate) base_sha: String,
    pub(crate) counts: BTreeMap<&'static str, RuleCount>,
    /// Changed files relative to the repository's top, with their number of fixes.
    pub(crate) files: Vec<(String, usize)>,
    /// The commit's patch.
    pub(crate) diff: String,
    /// Findings left without an applicable fix.
    pub(crate) unfixed: usize,
    /// Files that could not be read, parsed or written.
    pub(crate) file_errors: usize,
}

impl Change {
    pub(crate) fn total(&self) -> usize {
        self.counts.values().map(|c| c.fixes).sum()
    }
}

/// Applies the fixes in the worktree (as `apply` would in the user's folder); problems with single
/// files are printed and counted, as `apply` does.
/// `print_errors` false: a later run over the same files, whose problems are already printed.
pub(crate) fn apply(args: &RunOptions, checkout: &Checkout, tree: &Worktree, cwd: &Path, print_errors: bool) -> Result<Change> {
    let tree_cwd = tree.path.join(&checkout.prefix);
    if !tree_cwd.is_dir() {
        bail!("the current folder `{}` does not exist on the base branch", checkout.prefix.display());
    }
    let mapped = map_args(args, checkout, tree, cwd)?;
    let outcomes = process_files(&mapped, transforms::ALL, Action::Apply, &tree_cwd, &Silent)?;
    let mut change = Change {
        base: String::new(),
        base_sha: String::new(),
        counts: BTreeMap::new(),
        files: Vec::new(),
        diff: String::new(),
        unfixed: 0,
        file_errors: 0,
    };
    for outcome in &outcomes {
        record(&mut change, outcome, &tree.path, &tree_cwd, print_errors);
    }
    change.files.sort();
    Ok(change)
}

fn record(change: &mut Change, outcome: &Outcome, tree_root: &Path, tree_cwd: &Path, print_errors: bool) {
    let result = &outcome.result;
    for error in result.errors.iter().filter(|_| print_errors) {
        eprintln!("{}", crate::output::escape_message(error));
    }
    change.file_errors += usize::from(!result.errors.is_empty());
    change.unfixed += result.unfixed;
    if result.fixed.is_none() {
        return;
    }
    for (id, n) in &result.fixed_counts {
        let count = change.counts.entry(id).or_default();
        count.fixes += n;
        count.unsafe_fixes += result.unsafe_counts.get(id).copied().unwrap_or(0);
    }
    let full = normalize(&tree_cwd.join(&outcome.display));
    let relative = full.strip_prefix(tree_root).map_or(full.as_path(), |p| p);
    let name = relative.to_string_lossy().replace('\\', "/");
    change.files.push((name, result.fixed_counts.values().sum()));
}

/// The run's options with every path made absolute inside the worktree: named paths default to
/// the current folder, and the config file is the base branch's copy when it is in the checkout.
fn map_args(args: &RunOptions, checkout: &Checkout, tree: &Worktree, cwd: &Path) -> Result<RunOptions> {
    let mut mapped = args.clone();
    let user_paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    mapped.paths = user_paths.iter().map(|p| map_path(p, checkout, tree, cwd)).collect::<Result<_>>()?;
    // The config search stops at the worktree's top: nothing above the repository applies.
    mapped.config_ceiling = Some(tree.path.clone());
    // The worktree is thrown away after the run: a cache there would never be read.
    mapped.no_cache = true;
    mapped.config = config_in_tree(args.config.as_deref(), checkout, tree, cwd);
    Ok(mapped)
}

/// `--config` as the run reads it: the base branch's copy when the file is in the checkout.
pub(crate) fn config_in_tree(config: Option<&Path>, checkout: &Checkout, tree: &Worktree, cwd: &Path) -> Option<PathBuf> {
    config.map(|config| map_path(config, checkout, tree, cwd).unwrap_or_else(|_| cwd.join(config)))
}

/// The worktree's copy of a path of the checkout; a path outside the checkout, or one whose
/// symlinks lead out of the worktree, is refused (`apply` would write there).
fn map_path(path: &Path, checkout: &Checkout, tree: &Worktree, cwd: &Path) -> Result<PathBuf> {
    let full = normalize(&cwd.join(path));
    let Ok(relative) = full.strip_prefix(&checkout.top) else {
        bail!("{}: outside the git checkout", path.display());
    };
    let mapped = tree.path.join(relative);
    if !mapped.exists() {
        bail!("{}: no such file or directory on the base branch", path.display());
    }
    let resolved = mapped.canonicalize().with_context(|| format!("{}: cannot resolve", path.display()))?;
    if !resolved.starts_with(&tree.path) {
        bail!("{}: a symlink that leads out of the repository", path.display());
    }
    Ok(mapped)
}

