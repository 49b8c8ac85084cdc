//! `pitfix pr`: fixes the base branch in a temporary worktree, commits the fixes on fix branches,
//! pushes them and opens (or updates, or closes) GitHub pull requests — one per transform, or
//! one with every fix (`group = "single"`) — without touching the user's branch, index or
//! files. Each step's failure names the step.
mod body;
pub(crate) mod fixes;
pub(crate) mod github;
mod group;
pub(crate) mod outputs;
mod ownership;
mod plan;
mod publish;
pub(crate) mod repo;
mod single;
mod sites;
mod status;
pub(crate) mod target;
mod words;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::cli::args::PrArgs;
use crate::cli::run::EXIT_OK;
use crate::settings::bot::{self, Group};
use crate::workspace::interrupt;
use github::{GitHub, Opened, Pull};
use outputs::Operation;
use plan::Plan;
use repo::{Checkout, Worktree};

/// What every step of a run reads: the options, the checkout, the API client and the base.
pub(crate) struct Ctx<'a> {
    pub(crate) args: &'a PrArgs,
    pub(crate) plan: Plan,
    pub(crate) checkout: Checkout,
    pub(crate) cwd: PathBuf,
    /// `None` only for a dry run without a token.
    pub(crate) github: Option<GitHub>,
    pub(crate) base: String,
    pub(crate) base_sha: String,
    /// This run's id, in its commits' trailer and its pull requests' markers.
    pub(crate) run: String,
}

impl Ctx<'_> {
    fn quiet(&self) -> bool {
        self.args.run.quiet
    }
}

pub(crate) fn run(args: PrArgs) -> Result<i32> {
    // Interrupted: the worktree and its temporary folder are removed (their `Drop`).
    let interrupted = "pr interrupted; its worktree is removed and nothing further was pushed or sent to GitHub";
    target::with_token(interrupted, |token| steps(&args, token))
}

fn steps(args: &PrArgs, token: Option<String>) -> Result<i32> {
    check_args(args)?;
    let cwd = step("read the git checkout", || {
        std::env::current_dir()?.canonicalize().context("cannot read the current directory")
    })?;
    let checkout = step("read the git checkout", || Checkout::open(&cwd))?;
    step("check the names", || {
        let prefixed = args.branch_prefix.as_ref().map(|prefix| format!("{prefix}x"));
        let mut branches: Vec<&str> = args.branch.iter().chain(&args.base).chain(&prefixed).map(String::as_str).collect();
        branches.dedup();
        checkout.check_names(&args.remote, &branches)
    })?;
    let token = step("find the token", || required_token(args, token))?;
    let github = step("find the GitHub repository", || connect(args, &checkout, token))?;
    let base = step("find the base branch", || base_branch(args, &checkout, github.as_ref()))?;
    let base_sha = step("fetch the base", || fetch_base(args, &checkout, &base))?;
    let tree = step("check out the base", || Worktree::add(&checkout, &base_sha))?;
    let plan = step("read the bot settings", || read_plan(args, &checkout, &tree, &cwd))?;
    let run = format!("{:016x}", outputs::random());
    let ctx = Ctx { args, plan, checkout, cwd, github, base, base_sha, run };
    let report = match ctx.plan.group {
        Group::Single => single::run(&ctx, tree)?,
        Group::PerTransform => group::run(&ctx, tree)?,
    };
    step("write the outputs", || outputs::write(&report))?;
    Ok(EXIT_OK)
}

/// Runs one step, naming it in the error.
pub(crate) fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
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
    if args.base.is_some() && args.base == args.branch {
        bail!("pr: the fix branch `{}` cannot be the base branch", args.base.as_deref().unwrap_or_default());
    }
    Ok(())
}

/// The token; only a dry run or `--status` may go without one (they then make no API call).
fn required_token(args: &PrArgs, token: Option<String>) -> Result<Option<String>> {
    if token.is_none() && !args.dry_run && !args.status {
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
    if args.branch.as_ref() == Some(&base) {
        bail!("the fix branch `{base}` cannot be the base branch");
    }
    checkout.check_names(&args.remote, &[&base])?;
    Ok(base)
}

fn fetch_base(args: &PrArgs, checkout: &Checkout, base: &str) -> Result<String> {
    let heads = checkout.remote_heads(&args.remote, &[base])?;
    let Some(base_sha) = heads.get(base).cloned() else {
        bail!("the remote `{}` has no branch `{base}`", args.remote);
    };
    checkout.fetch(&args.remote, &[base])?;
    Ok(base_sha)
}

/// The plan from the options and the `[tool.pitfix.bot]` table of the base branch's config (the
/// one that applies to the current folder, or `--config`).
fn read_plan(args: &PrArgs, checkout: &Checkout, tree: &Worktree, cwd: &Path) -> Result<Plan> {
    let known: Vec<_> = crate::transforms::ALL.iter().map(|t| t.rule()).collect();
    let dir = tree.path.join(&checkout.prefix);
    let explicit = fixes::config_in_tree(args.run.config.as_deref(), checkout, tree, cwd);
    let settings = bot::find(&dir, &tree.path, explicit.as_deref(), &known)?;
    let plan = Plan::resolve(args, &settings)?;
    let branches = [plan.branch.clone(), format!("{}x", plan.prefix)];
    checkout.check_names(&args.remote, &[&branches[0], &branches[1]])?;
    Ok(plan)
}

/// Creates a pull request; when GitHub says one already exists (opened since pitfix looked),
/// updates that one instead of failing or opening a second. Reviewers, assignees and labels are
/// set only on a pull request pitfix creates: an update never asks for a review again.
pub(crate) fn open_or_update(ctx: &Ctx, github: &GitHub, branch: &str, title: &str, text: &str) -> Result<(Pull, Operation)> {
    match github.create_pull(branch, &ctx.base, title, text, ctx.plan.draft)? {
        Opened::Created(pull) => {
            decorate(ctx, github, &pull)?;
            Ok((pull, Operation::Created))
        }
        Opened::AlreadyExists => {
            let pull = github
                .open_pull(branch)?
                .with_context(|| format!("GitHub says a pull request exists for `{branch}` but lists none"))?;
            if pull.body.as_deref().and_then(body::read_marker).is_none() {
                bail!("the open pull request {} from `{branch}` was not opened by pitfix: pitfix leaves it as it is", pull.html_url);
            }
            Ok((github.update_pull(pull.number, title, text, &ctx.base)?, Operation::Updated))
        }
    }
}

/// Labels, assignees and reviewers of a new pull request.
fn decorate(ctx: &Ctx, github: &GitHub, pull: &Pull) -> Result<()> {
    let plan = &ctx.plan;
    if !plan.labels.is_empty() {
        step("add the labels", || github.add_labels(pull.number, &plan.labels))?;
    }
    if !plan.assignees.is_empty() {
        step("add the assignees", || github.add_assignees(pull.number, &plan.assignees))?;
    }
    if !plan.reviewers.is_empty() {
        step("request the reviews", || github.request_reviewers(pull.number, &plan.reviewers))?;
    }
    Ok(())
}

pub(crate) fn short(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}
