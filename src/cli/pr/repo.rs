//! Git, through the `git` binary: reading the checkout, fetching, a temporary worktree of the
//! base, the fix commit (plumbing, so no hook, signing or checkout of the user's runs) and pushing.
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Context, Result, bail};

/// Settings passed to every git command, so that the user's configuration cannot break a run or
/// make it touch their checkout: no hooks (a failing pre-push or post-checkout hook), no signing
/// (a key that needs a passphrase), no line-ending conversion (the commit keeps the bytes pitfix
/// wrote), no fsmonitor daemon for the temporary worktree, and paths printed as they are.
const SAFE_CONFIG: &[&str] = &[
    "core.hooksPath=/dev/null",
    "commit.gpgSign=false",
    "core.autocrlf=false",
    "core.safecrlf=false",
    "core.fsmonitor=false",
    "core.quotePath=false",
    "advice.detachedHead=false",
];

/// Variables that would point git at another repository or index than the one of `dir`.
const LOCATION_VARS: &[&str] = &["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_PREFIX", "GIT_COMMON_DIR"];

/// The identity of the fix commit when git config names nobody (as on a CI runner).
const FALLBACK_NAME: &str = "pitfix";
const FALLBACK_EMAIL: &str = "pitfix@users.noreply.github.com";

/// Runs git in one folder.
#[derive(Debug, Clone)]
pub(crate) struct Git {
    dir: PathBuf,
}

impl Git {
    pub(crate) fn new(dir: &Path) -> Self {
        Git { dir: dir.to_path_buf() }
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        for setting in SAFE_CONFIG {
            command.args(["-c", setting]);
        }
        command.args(args).current_dir(&self.dir);
        for var in LOCATION_VARS {
            command.env_remove(var);
        }
        // Never wait for a password prompt in CI; never download LFS objects into the worktree.
        command.env("GIT_TERMINAL_PROMPT", "0").env("GIT_LFS_SKIP_SMUDGE", "1");
        command
    }

    fn output(&self, args: &[&str], input: Option<&[u8]>, env: &[(&str, String)]) -> Result<Output> {
        let mut command = self.command(args);
        command.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        command.stdin(if input.is_some() { Stdio::piped() } else { Stdio::null() });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().context("cannot run `git` (is it installed?)")?;
        if let (Some(bytes), Some(mut stdin)) = (input, child.stdin.take()) {
            stdin.write_all(bytes).context("cannot write to git")?;
        }
        child.wait_with_output().context("cannot wait for git")
    }

    /// Runs git and returns its standard output, trimmed; fails with git's message.
    pub(crate) fn run(&self, args: &[&str]) -> Result<String> {
        self.run_with(args, None, &[])
    }

    fn run_with(&self, args: &[&str], input: Option<&[u8]>, env: &[(&str, String)]) -> Result<String> {
        let output = self.output(args, input, env)?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            bail!("`git {}` failed: {}", args.join(" "), redact_urls(stderr.trim()));
        }
        Ok(String::from_utf8_lossy(&output.stdout).trim_end().to_owned())
    }

    /// Runs git for a question it answers with its exit code: `None` when it says no.
    fn query(&self, args: &[&str]) -> Result<Option<String>> {
        let output = self.output(args, None, &[])?;
        let text = String::from_utf8_lossy(&output.stdout).trim().to_owned();
        Ok(output.status.success().then_some(text).filter(|t| !t.is_empty()))
    }
}

/// Hides the credentials a URL in git's message may hold (`https://user:token@host/...`).
pub(crate) fn redact_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        let authority_end = after.find(|c: char| c == '/' || c.is_whitespace() || c == '\'' || c == '"').unwrap_or(after.len());
        match after[..authority_end].rfind('@') {
            Some(userinfo_end) => {
                out.push_str("***");
                rest = &after[userinfo_end..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// The user's checkout: its top folder and where in it pitfix was started.
#[derive(Debug)]
pub(crate) struct Checkout {
    pub(crate) git: Git,
    pub(crate) top: PathBuf,
    /// The current folder relative to `top` (empty at the top).
    pub(crate) prefix: PathBuf,
}

impl Checkout {
    pub(crate) fn open(cwd: &Path) -> Result<Self> {
        let git = Git::new(cwd);
        let top = git.run(&["rev-parse", "--show-toplevel"]).context("not inside a git checkout")?;
        let top = PathBuf::from(top).canonicalize().context("cannot resolve the checkout's folder")?;
        let prefix = PathBuf::from(git.run(&["rev-parse", "--show-prefix"])?);
        Ok(Checkout { git: Git::new(&top), top, prefix })
    }

    /// The remote's URL, for the repository name only (it may hold credentials: never print it).
    pub(crate) fn remote_url(&self, remote: &str) -> Result<String> {
        self.git.run(&["remote", "get-url", "--", remote]).with_context(|| format!("no git remote `{remote}`"))
    }

    /// The remote's default branch as git last saw it (`refs/remotes/<remote>/HEAD`), else the
    /// current branch.
    pub(crate) fn local_default_branch(&self, remote: &str) -> Result<String> {
        let head = format!("refs/remotes/{remote}/HEAD");
        let target = self.git.query(&["symbolic-ref", "--quiet", &head])?;
        if let Some(branch) = target.as_deref().and_then(|t| t.strip_prefix(&format!("refs/remotes/{remote}/"))) {
            return Ok(branch.to_owned());
        }
        match self.git.query(&["symbolic-ref", "--quiet", "--short", "HEAD"])? {
            Some(branch) => Ok(branch),
            None => bail!("cannot tell the base branch (no {head}, and HEAD is detached): pass --base"),
        }
    }

    /// The commits of `branches` on the remote (`ls-remote`), by branch name.
    pub(crate) fn remote_heads(&self, remote: &str, branches: &[&str]) -> Result<BTreeMap<String, String>> {
        let refs: Vec<String> = branches.iter().map(|b| format!("refs/heads/{b}")).collect();
        let mut args = vec!["ls-remote", "--heads", "--", remote];
        args.extend(refs.iter().map(String::as_str));
        let listing = self.git.run(&args)?;
        let heads = listing
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .filter_map(|(sha, name)| Some((name.strip_prefix("refs/heads/")?.to_owned(), sha.to_owned())))
            .collect();
        Ok(heads)
    }

    /// Fetches the branches into their remote-tracking refs, as `git fetch` would.
    pub(crate) fn fetch(&self, remote: &str, branches: &[&str]) -> Result<()> {
        let specs: Vec<String> =
            branches.iter().map(|b| format!("+refs/heads/{b}:refs/remotes/{remote}/{b}")).collect();
        let mut args = vec!["fetch", "--quiet", "--no-tags", "--no-recurse-submodules", "--", remote];
        args.extend(specs.iter().map(String::as_str));
        self.git.run(&args).map(drop)
    }

    /// The tree and parents of a commit.
    pub(crate) fn commit_shape(&self, sha: &str) -> Result<(String, Vec<String>)> {
        let line = self.git.run(&["show", "-s", "--format=%T %P", sha, "--"])?;
        let mut parts = line.split_whitespace().map(str::to_owned);
        let tree = parts.next().context("git printed no tree")?;
        Ok((tree, parts.collect()))
    }

    /// A commit of `tree` on top of `parent`, by the configured identity or pitfix's.
    pub(crate) fn commit_tree(&self, tree: &str, parent: &str, message: &str) -> Result<String> {
        let env = self.identity_env();
        self.git.run_with(&["commit-tree", tree, "-p", parent, "-F", "-"], Some(message.as_bytes()), &env)
    }

    /// Author and committer variables for pitfix's identity when git config lacks a name or an
    /// email (and the environment does not already set them).
    fn identity_env(&self) -> Vec<(&'static str, String)> {
        let configured = |key: &str| self.git.query(&["config", "--get", key]).ok().flatten().is_some();
        if configured("user.name") && configured("user.email") {
            return Vec::new();
        }
        [
            ("GIT_AUTHOR_NAME", FALLBACK_NAME),
            ("GIT_AUTHOR_EMAIL", FALLBACK_EMAIL),
            ("GIT_COMMITTER_NAME", FALLBACK_NAME),
            ("GIT_COMMITTER_EMAIL", FALLBACK_EMAIL),
        ]
        .into_iter()
        .filter(|(var, _)| std::env::var_os(var).is_none())
        .map(|(var, value)| (var, value.to_owned()))
        .collect()
    }

    /// The commit's patch against its parent, as `git apply` reads it.
    pub(crate) fn patch(&self, parent: &str, commit: &str) -> Result<Vec<u8>> {
        let args = ["diff-tree", "-p", "--no-color", "--no-ext-diff", "--no-textconv", parent, commit, "--"];
        let output = self.git.output(&args, None, &[])?;
        if !output.status.success() {
            bail!("`git diff-tree` failed: {}", redact_urls(String::from_utf8_lossy(&output.stderr).trim()));
        }
        Ok(output.stdout)
    }

    /// Sets the remote branch to `commit`, unless it moved since it was `expected` (`None`: it
    /// must not exist).
    pub(crate) fn push(&self, remote: &str, commit: &str, branch: &str, expected: Option<&str>) -> Result<()> {
        let lease = format!("--force-with-lease=refs/heads/{branch}:{}", expected.unwrap_or(""));
        let refspec = format!("{commit}:refs/heads/{branch}");
        self.git.run(&["push", "--quiet", "--no-verify", &lease, "--", remote, &refspec]).map(drop)
    }

    /// Deletes the remote branch, unless it moved since it was `expected`.
    pub(crate) fn delete_branch(&self, remote: &str, branch: &str, expected: &str) -> Result<()> {
        let lease = format!("--force-with-lease=refs/heads/{branch}:{expected}");
        let refspec = format!(":refs/heads/{branch}");
        self.git.run(&["push", "--quiet", "--no-verify", &lease, "--", remote, &refspec]).map(drop)
    }

    /// The commits of `tip` that `base` lacks, each with the value of its `trailer` (empty when
    /// it has none), newest first.
    pub(crate) fn commits_since(&self, base: &str, tip: &str, trailer: &str) -> Result<Vec<(String, String)>> {
        let format = format!("--format=%H %(trailers:key={trailer},valueonly,separator=%x2C)");
        let range = format!("{base}..{tip}");
        let listing = self.git.run(&["log", "--no-color", &format, &range, "--"])?;
        Ok(listing
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(|line| {
                let (sha, value) = line.split_once(' ').unwrap_or((line, ""));
                (sha.to_owned(), value.trim().to_owned())
            })
            .collect())
    }

    /// Refuses a remote or branch name that git would read as an option or that is no valid
    /// name (`git check-ref-format`), before any of them reaches a git command.
    pub(crate) fn check_names(&self, remote: &str, branches: &[&str]) -> Result<()> {
        let remote_ref = format!("refs/remotes/{remote}/HEAD");
        if remote.is_empty() || remote.starts_with('-') || !self.git.output(&["check-ref-format", &remote_ref], None, &[])?.status.success() {
            bail!("`{remote}` is not a valid git remote name");
        }
        for branch in branches {
            // `--branch` expands `@{-1}`: the name must come back unchanged.
            let valid = !branch.starts_with('-')
                && self.git.query(&["check-ref-format", "--branch", branch])?.as_deref() == Some(*branch);
            if !valid {
                bail!("`{branch}` is not a valid branch name (see `git check-ref-format --branch`)");
            }
        }
        Ok(())
    }
}

/// A temporary detached worktree of one commit, outside the checkout; removed when dropped.
pub(crate) struct Worktree {
    checkout_git: Git,
    pub(crate) git: Git,
    pub(crate) path: PathBuf,
    _dir: tempfile::TempDir,
}

impl Worktree {
    pub(crate) fn add(checkout: &Checkout, commit: &str) -> Result<Self> {
        // A name without a leading dot: the walk skips hidden folders.
        let dir = tempfile::Builder::new().prefix("pitfix-pr-").tempdir().context("cannot create a temporary folder")?;
        let path = dir.path().canonicalize().context("cannot resolve the temporary folder")?.join("tree");
        let shown = path.to_string_lossy().into_owned();
        checkout.git.run(&["worktree", "add", "--quiet", "--detach", "--", &shown, commit])?;
        Ok(Worktree { checkout_git: checkout.git.clone(), git: Git::new(&path), path, _dir: dir })
    }

    /// Puts every tracked file back as the commit has it (after a transform's run).
    pub(crate) fn reset(&self) -> Result<()> {
        self.git.run(&["reset", "--quiet", "--hard", "HEAD"]).map(drop)
    }

    /// The bytes of a file as the worktree's commit has it (`path` from the top).
    pub(crate) fn original(&self, path: &str) -> Result<Vec<u8>> {
        let spec = format!("HEAD:{path}");
        let output = self.git.output(&["cat-file", "blob", &spec], None, &[])?;
        if !output.status.success() {
            bail!("cannot read {path} of the base: {}", String::from_utf8_lossy(&output.stderr).trim());
        }
        Ok(output.stdout)
    }

    /// Stages every change to tracked files and returns the tree.
    pub(crate) fn write_tree(&self) -> Result<String> {
        self.git.run(&["add", "--update", "--", "."])?;
        self.git.run(&["write-tree"])
    }
}

impl Drop for Worktree {
    fn drop(&mut self) {
        // Best effort: a leftover entry is pruned by `git worktree prune` once the folder is gone.
        let shown = self.path.to_string_lossy().into_owned();
        if self.checkout_git.run(&["worktree", "remove", "--force", "--", &shown]).is_err() {
            let _ = std::fs::remove_dir_all(&self.path);
            let _ = self.checkout_git.run(&["worktree", "prune"]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_in_urls_are_hidden() {
        assert_eq!(
            redact_urls("unable to access 'https://x-access-token:abc@github.com/o/r/': 403"),
            "unable to access 'https://***@github.com/o/r/': 403"
        );
        assert_eq!(redact_urls("ssh://git@host/x and http://h/y"), "ssh://***@host/x and http://h/y");
        assert_eq!(redact_urls("no url"), "no url");
    }
}
