//! `pitfix pr`: fixes the base branch in a temporary worktree, commits the fixes as one commit on
//! the fix branch, pushes it and opens (or updates, or closes) the GitHub pull request — without
//! touching the user's branch, index or files. Each step's failure names the step.
mod body;
pub(crate) mod fixes;
pub(crate) mod github;
pub(crate) mod outputs;
pub(crate) mod repo;
pub(crate) mod target;

use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};

use crate::cli::args::PrArgs;
use crate::cli::run::EXIT_OK;
use crate::workspace::interrupt;
use fixes::Change;
use github::{GitHub, Opened, Pull};
use outputs::{Operation, Report};
use repo::{Checkout, Worktree};

/// The remote's state before the run: the base's commit and the fix branch's, if it exists.
struct Remote {
    base: String,
    base_sha: String,
    branch_sha: Option<String>,
    /// This run's id, in its commit's trailer and its pull request's marker.
    run: String,
}

/// The fix commit and what it changes.
struct Fix {
    commit: String,
    /// The fix branch already holds exactly this commit's tree on this base: nothing to push.
    unchanged: bool,
    change: Change,
}

pub(crate) fn run(args: PrArgs) -> Result<i32> {
    // Ctrl-C, SIGTERM or SIGHUP: the current step ends, the worktree and its temporary folder are
    // removed (their `Drop`), and nothing further is pushed or sent to GitHub.
    interrupt::install();
    let token = target::token();
    let result = steps(&args, token.clone());
    if interrupt::interrupted() {
        eprintln!("pitfix: pr interrupted; its worktree is removed and nothing further was pushed or sent to GitHub");
        return Ok(interrupt::EXIT_INTERRUPTED);
    }
    // The token must not reach the terminal, whatever message carries it.
    result.map_err(|e| {
        let text = format!("{e:#}");
        anyhow!("{}", match &token {
            Some(token) => text.replace(token.as_str(), "***"),
            None => text,
        })
    })
}

fn steps(args: &PrArgs, token: Option<String>) -> Result<i32> {
    check_args(args)?;
    let cwd = step("read the git checkout", || {
        std::env::current_dir()?.canonicalize().context("cannot read the current directory")
    })?;
    let checkout = step("read the git checkout", || Checkout::open(&cwd))?;
    step("check the names", || {
        let mut branches = vec![args.branch.as_str()];
        branches.extend(args.base.as_deref());
        checkout.check_names(&args.remote, &branches)
    })?;
    let token = step("find the token", || required_token(args, token))?;
    let github = step("find the GitHub repository", || connect(args, &checkout, token))?;
    let base = step("find the base branch", || base_branch(args, &checkout, github.as_ref()))?;
    let remote = step("fetch the base", || fetch(args, &checkout, base))?;
    let fix = step("compute the fixes", || compute(args, &checkout, &cwd, &remote))?;
    let existing = match &github {
        Some(github) => step("find an open pull request", || github.open_pull(&args.branch))?,
        None => None,
    };
    // Nothing is pushed, updated, closed or deleted unless the branch and pull request are pitfix's.
    let lease = match fix.is_some() || existing.is_some() {
        true => step("check that the branch and pull request are pitfix's", || {
            owned(args, &checkout, &remote, existing.as_ref())
        })?,
        false => None,
    };
    let report = match fix {
        None => step("close the obsolete pull request", || {
            nothing_to_fix(args, &checkout, &remote, github.as_ref(), existing, lease.as_deref())
        })?,
        Some(fix) if args.dry_run => preview(args, &remote, &fix, existing.as_ref()),
        Some(fix) => {
            step("push the fix branch", || push(args, &checkout, &remote, &fix, lease.as_deref()))?;
            let Some(github) = &github else { bail!("no GitHub client") };
            publish(args, github, &remote, &fix, existing)?
        }
    };
    step("write the outputs", || outputs::write(&report))?;
    Ok(EXIT_OK)
}

/// Runs one step, naming it in the error.
fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let value = f().with_context(|| format!("pr: step `{name}` failed"))?;
    if interrupt::interrupted() {
        bail!("pr: interrupted in step `{name}`");
    }
    Ok(value)
}

fn check_args(args: &PrArgs) -> Result<()> {
    if args.run.paths.iter().any(|p| p.as_os_str() == "-") {
        bail!("pr: `-` (standard input) cannot be used: `pitfix pr` fixes the files of the base branch");
    }
    if args.base.as_deref() == Some(args.branch.as_str()) {
        bail!("pr: the fix branch `{}` cannot be the base branch", args.branch);
    }
    Ok(())
}

/// The token; only a dry run may go without one (it then makes no API call).
fn required_token(args: &PrArgs, token: Option<String>) -> Result<Option<String>> {
    if token.is_none() && !args.dry_run {
        bail!("no token: set $GITHUB_TOKEN (or $GH_TOKEN) to a token that can open pull requests");
    }
    Ok(token)
}

/// The API client; `None` only for a dry run without a token.
fn connect(args: &PrArgs, checkout: &Checkout, token: Option<String>) -> Result<Option<GitHub>> {
    let Some(token) = token else { return Ok(None) };
    let repo = target::repo_name(args.repo.as_deref(), || checkout.remote_url(&args.remote))?;
    let api = target::api_url(args.api_url.as_deref())?;
    Ok(Some(GitHub::new(api, token, repo)))
}

fn base_branch(args: &PrArgs, checkout: &Checkout, github: Option<&GitHub>) -> Result<String> {
    let base = match (&args.base, github) {
        (Some(base), _) => base.clone(),
        (None, Some(github)) => github.default_branch()?,
        (None, None) => checkout.local_default_branch(&args.remote)?,
    };
    if base == args.branch {
        bail!("the fix branch `{}` cannot be the base branch", args.branch);
    }
    checkout.check_names(&args.remote, &[&base])?;
    Ok(base)
}

fn fetch(args: &PrArgs, checkout: &Checkout, base: String) -> Result<Remote> {
    let heads = checkout.remote_heads(&args.remote, &[&base, &args.branch])?;
    let Some(base_sha) = heads.get(&base).cloned() else {
        bail!("the remote `{}` has no branch `{base}`", args.remote);
    };
    let branch_sha = heads.get(&args.branch).cloned();
    let mut branches = vec![base.as_str()];
    if branch_sha.is_some() {
        branches.push(&args.branch);
    }
    checkout.fetch(&args.remote, &branches)?;
    let run = format!("{:016x}", outputs::random());
    Ok(Remote { base, base_sha, branch_sha, run })
}

/// The fix commit on top of the base, or `None` when the base needs no fix.
fn compute(args: &PrArgs, checkout: &Checkout, cwd: &Path, remote: &Remote) -> Result<Option<Fix>> {
    let tree = Worktree::add(checkout, &remote.base_sha)?;
    let mut change = fixes::apply(&args.run.options(), checkout, &tree, cwd)?;
    if interrupt::interrupted() {
        bail!("interrupted while fixing the files");
    }
    change.base = remote.base.clone();
    change.base_sha = remote.base_sha.clone();
    let new_tree = tree.write_tree()?;
    drop(tree);
    let (base_tree, _) = checkout.commit_shape(&remote.base_sha)?;
    if new_tree == base_tree {
        return Ok(None);
    }
    let (commit, unchanged) = commit(checkout, remote, &new_tree, &change)?;
    change.diff = String::from_utf8_lossy(&checkout.patch(&remote.base_sha, &commit)?).into_owned();
    if !args.run.quiet {
        print_summary(&change);
    }
    Ok(Some(Fix { commit, unchanged, change }))
}

/// The one commit of `tree` on the base: the fix branch's own when it already is exactly that
/// (so an unchanged run pushes nothing), else a new one. `true` when reused.
fn commit(checkout: &Checkout, remote: &Remote, tree: &str, change: &Change) -> Result<(String, bool)> {
    if let Some(sha) = &remote.branch_sha
        && checkout.commit_shape(sha)? == (tree.to_owned(), vec![remote.base_sha.clone()])
    {
        return Ok((sha.clone(), true));
    }
    Ok((checkout.commit_tree(tree, &remote.base_sha, &body::commit_message(change, &remote.run))?, false))
}

fn print_summary(change: &Change) {
    let per_rule: Vec<String> = change.counts.iter().map(|(id, c)| format!("{id}: {}", c.fixes)).collect();
    let (total, files) = (change.total(), change.files.len());
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    eprintln!(
        "Fixed {total} problem{} in {files} file{} of `{}` ({}).",
        plural(total),
        plural(files),
        change.base,
        per_rule.join(", ")
    );
}

/// Checks that pitfix may rewrite the fix branch and edit its pull request, and returns the
/// commit the branch must still be at when pushed to (`None`: it must not exist). The pull
/// request must carry pitfix's marker; every commit of the branch beyond the base must carry
/// pitfix's trailer; and the branch must be where pitfix's marker says it last pushed it.
fn owned(args: &PrArgs, checkout: &Checkout, remote: &Remote, existing: Option<&Pull>) -> Result<Option<String>> {
    let branch = &args.branch;
    let recorded = match existing {
        Some(pull) => match pull.body.as_deref().and_then(body::read_marker) {
            Some(recorded) => recorded,
            None => bail!(
                "the open pull request {} from `{branch}` was not opened by pitfix (its body has no `{}...-->` marker): \
                 pitfix changes neither it nor its branch; pass another --branch",
                pull.html_url,
                body::MARKER
            ),
        },
        None => None,
    };
    let Some(sha) = &remote.branch_sha else { return Ok(None) };
    let short = |sha: &str| sha[..sha.len().min(7)].to_owned();
    let commits = checkout.commits_since(&remote.base_sha, sha, body::TRAILER)?;
    if commits.is_empty() {
        bail!(
            "the branch `{branch}` of `{}` holds no commit of pitfix's on top of `{}`: pitfix does not overwrite it; pass another --branch",
            args.remote,
            remote.base
        );
    }
    if let Some((foreign, _)) = commits.iter().find(|(_, run)| run.is_empty()) {
        bail!(
            "the branch `{branch}` of `{}` holds commit {} that pitfix did not make (it has no `{}:` trailer): \
             pitfix does not overwrite or delete it; move that work elsewhere, or pass another --branch",
            args.remote,
            short(foreign),
            body::TRAILER
        );
    }
    match recorded {
        Some(head) if head != *sha => bail!(
            "the branch `{branch}` of `{}` is at {}, not at {} where pitfix last pushed it: someone changed it, and pitfix leaves it as it is",
            args.remote,
            short(sha),
            short(&head)
        ),
        // The lease is on what pitfix recorded pushing; without a record, on the commits just checked.
        Some(head) => Ok(Some(head)),
        None => Ok(Some(sha.clone())),
    }
}

/// The base needs nothing: close a pull request left open by an earlier run (and remove its
/// branch), or just say so.
fn nothing_to_fix(
    args: &PrArgs,
    checkout: &Checkout,
    remote: &Remote,
    github: Option<&GitHub>,
    existing: Option<Pull>,
    lease: Option<&str>,
) -> Result<Report> {
    let short = &remote.base_sha[..remote.base_sha.len().min(7)];
    let Some(pull) = existing else {
        let message = format!("Nothing to fix on `{}` ({short}); no pull request.", remote.base);
        println!("{message}");
        return Ok(Report { operation: Operation::None, number: None, url: None, summary: message });
    };
    if args.dry_run {
        let message = format!("Nothing to fix on `{}` ({short}); would close {}.", remote.base, pull.html_url);
        println!("{message}");
        return Ok(Report { operation: Operation::None, number: Some(pull.number), url: Some(pull.html_url), summary: message });
    }
    let github = github.context("no GitHub client")?;
    let closed = github.close_pull(pull.number)?;
    if let Some(sha) = lease {
        checkout.delete_branch(&args.remote, &args.branch, sha)?;
    }
    let message = format!("Closed {}: `{}` ({short}) no longer needs its fixes.", closed.html_url, remote.base);
    println!("{message}");
    Ok(Report { operation: Operation::Closed, number: Some(closed.number), url: Some(closed.html_url), summary: message })
}

/// A dry run's result: the branch it would push, and the pull request's title and body.
fn preview(args: &PrArgs, remote: &Remote, fix: &Fix, existing: Option<&Pull>) -> Report {
    let title = body::title(&fix.change);
    let text = body::body(&fix.change);
    let short = &fix.commit[..fix.commit.len().min(7)];
    let push = if fix.unchanged { "would leave" } else { "would push" };
    println!("Dry run: {push} {short} (one commit on `{}`) to {} {}.", remote.base, args.remote, args.branch);
    match existing {
        Some(pull) => println!("Dry run: would update pull request #{} ({}).", pull.number, pull.html_url),
        None => println!("Dry run: would open a pull request from `{}` into `{}`.", args.branch, remote.base),
    }
    println!("\nTitle: {title}\n\n{text}");
    Report {
        operation: Operation::None,
        number: existing.map(|p| p.number),
        url: existing.map(|p| p.html_url.clone()),
        summary: text,
    }
}

fn push(args: &PrArgs, checkout: &Checkout, remote: &Remote, fix: &Fix, lease: Option<&str>) -> Result<()> {
    if fix.unchanged {
        if !args.run.quiet {
            eprintln!("The branch `{}` already holds these fixes on `{}`.", args.branch, remote.base);
        }
        return Ok(());
    }
    checkout.push(&args.remote, &fix.commit, &args.branch, lease)
}

/// Opens the pull request, or updates the one already open for the branch; then labels it.
fn publish(args: &PrArgs, github: &GitHub, remote: &Remote, fix: &Fix, existing: Option<Pull>) -> Result<Report> {
    let title = body::title(&fix.change);
    let text = body::body(&fix.change) + &body::marker(&remote.run, &fix.commit);
    let (pull, operation) = match existing {
        Some(pull) => step("update the pull request", || update(github, &pull, &title, &text, &remote.base))?,
        None => step("open the pull request", || open(args, github, &title, &text, &remote.base))?,
    };
    if !args.labels.is_empty() {
        step("add the labels", || github.add_labels(pull.number, &args.labels))?;
    }
    println!("{}", pull.html_url);
    if !args.run.quiet {
        eprintln!("{} pull request #{}.", if operation == Operation::Created { "Opened" } else { "Updated" }, pull.number);
    }
    Ok(Report { operation, number: Some(pull.number), url: Some(pull.html_url), summary: text })
}

fn update(github: &GitHub, pull: &Pull, title: &str, text: &str, base: &str) -> Result<(Pull, Operation)> {
    Ok((github.update_pull(pull.number, title, text, base)?, Operation::Updated))
}

/// Creates the pull request; when GitHub says one already exists (opened since pitfix looked),
/// updates that one instead of failing or opening a second.
fn open(args: &PrArgs, github: &GitHub, title: &str, text: &str, base: &str) -> Result<(Pull, Operation)> {
    match github.create_pull(&args.branch, base, title, text, args.draft)? {
        Opened::Created(pull) => Ok((pull, Operation::Created)),
        Opened::AlreadyExists => {
            let pull = github
                .open_pull(&args.branch)?
                .with_context(|| format!("GitHub says a pull request exists for `{}` but lists none", args.branch))?;
            if pull.body.as_deref().and_then(body::read_marker).is_none() {
                bail!("the open pull request {} from `{}` was not opened by pitfix: pitfix leaves it as it is", pull.html_url, args.branch);
            }
            update(github, &pull, title, text, base)
        }
    }
}
