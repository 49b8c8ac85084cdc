//! `pitfix review`: the traps in the lines a pull request adds or changes, posted as one review
//! whose inline comments carry GitHub suggestion blocks. A later run repeats no comment (each
//! carries a marker with a fingerprint of its finding), and marks resolved the comments whose
//! finding is gone. When GitHub refuses the review (a fork's read-only token), the findings are
//! printed as workflow annotations instead. Exit codes: 0 done (findings included), 2 a failure.
mod api;
mod comments;
mod event;
mod hunks;
mod publish;
mod scan;
mod suggestion;

use std::collections::BTreeSet;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::cli::args::RunArgs;
use crate::cli::pr::github::GitHub;
use crate::cli::pr::outputs;
use crate::cli::pr::repo::Checkout;
use crate::cli::pr::target;
use crate::cli::run::EXIT_OK;
use crate::settings::bot;
use crate::workspace::interrupt;
use api::Written;
use event::PullTarget;
use publish::{Decision, plural};
use scan::Scan;

/// Options of `pitfix review`: the run's own, and which pull request.
#[derive(Debug, Args)]
pub(crate) struct ReviewArgs {
    #[command(flatten)]
    pub(crate) run: RunArgs,
    /// The pull request's number (default: the one of the `pull_request` event in $GITHUB_EVENT_PATH).
    #[arg(long, value_name = "N")]
    pub(crate) pr: Option<u64>,
    /// The GitHub repository (default: $GITHUB_REPOSITORY, else read from the remote's URL).
    #[arg(long, value_name = "OWNER/NAME")]
    pub(crate) repo: Option<String>,
    /// The GitHub REST API (default: $GITHUB_API_URL, else https://api.github.com).
    #[arg(long, value_name = "URL")]
    pub(crate) api_url: Option<String>,
    /// The git remote to fetch the pull request's commits from when the checkout lacks them.
    #[arg(long, default_value = "origin")]
    pub(crate) remote: String,
    /// Print the review it would post (and the comments it would mark resolved), posting nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

pub(crate) fn run(args: ReviewArgs) -> Result<i32> {
    // Interrupted: a temporary worktree of the head is removed (its `Drop`).
    target::with_token("review interrupted; nothing further was sent to GitHub", |token| steps(&args, token))
}

fn steps(args: &ReviewArgs, token: Option<String>) -> Result<i32> {
    if args.run.paths.iter().any(|p| p.as_os_str() == "-") {
        bail!("review: `-` (standard input) cannot be used: `pitfix review` reads the pull request's files");
    }
    let cwd = step("read the git checkout", || {
        std::env::current_dir()?.canonicalize().context("cannot read the current directory")
    })?;
    let checkout = step("read the git checkout", || Checkout::open(&cwd))?;
    step("check the names", || checkout.check_names(&args.remote, &[]))?;
    let known: Vec<_> = crate::transforms::ALL.iter().map(|t| t.rule()).collect();
    let bot = step("read [tool.pitfix.bot]", || bot::find(&cwd, &checkout.top, args.run.config.as_deref(), &known))?;
    if bot.review == Some(false) {
        let summary = "pitfix review: turned off (`review = false` in [tool.pitfix.bot])".to_owned();
        println!("{summary}");
        step("write the outputs", || outputs::write_pairs(&[("findings", "0"), ("suggestions", "0")], &summary))?;
        return Ok(EXIT_OK);
    }
    let mut options = args.run.options();
    // The bot's `unsafe-fixes` turns unsafe suggestions on as the flag does.
    options.unsafe_fixes |= bot.unsafe_fixes == Some(true);
    if token.is_none() && !args.dry_run {
        bail!("review: no token: set $GITHUB_TOKEN (or $GH_TOKEN) to a token that can write pull request reviews");
    }
    let github = step("find the GitHub repository", || connect(args, &checkout, token))?;
    let target = step("find the pull request", || event::pull_target(args.pr, github.as_ref()))?;
    step("fetch the pull request's commits", || scan::fetch_commits(&checkout, &args.remote, &target))?;
    let changed = step("diff the pull request", || scan::changed_lines(&checkout, &target))?;
    let found = step("find the traps", || scan::scan(&options, &checkout, &cwd, &target, &changed))?;
    let existing = match &github {
        Some(github) => step("list the review comments", || github.review_comments(target.number))?,
        None => Vec::new(),
    };
    let changed_paths: BTreeSet<&str> = changed.keys().map(String::as_str).collect();
    let decision = publish::decide(&found, &existing, &changed_paths);
    let summary = match &github {
        Some(github) if !args.dry_run => post(github, &target, &found, &decision)?,
        _ => {
            print!("{}", publish::preview(&decision, target.number, &target.head_sha));
            summary_line(&found, &decision, "would post", "would mark")
        }
    };
    if !args.run.quiet {
        println!("{summary}");
    }
    let findings = found.planned.len().to_string();
    let suggestions = found.planned.iter().filter(|p| p.is_suggestion()).count().to_string();
    step("write the outputs", || {
        outputs::write_pairs(&[("findings", &findings), ("suggestions", &suggestions)], &summary)
    })?;
    Ok(EXIT_OK)
}

/// Runs one step, naming it in the error.
fn step<T>(name: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let value = f().with_context(|| format!("review: step `{name}` failed"))?;
    if interrupt::interrupted() {
        bail!("review: interrupted in step `{name}`");
    }
    Ok(value)
}

/// The API client; `None` only for a dry run without a token.
fn connect(args: &ReviewArgs, checkout: &Checkout, token: Option<String>) -> Result<Option<GitHub>> {
    let Some(token) = token else { return Ok(None) };
    let repo = target::repo_name(args.repo.as_deref(), || checkout.remote_url(&args.remote))?;
    let api = target::api_url(args.api_url.as_deref())?;
    Ok(Some(GitHub::new(api, token, repo)))
}

/// Posts the review (when there is something new) and marks the gone findings' comments
/// resolved; a refusal prints the findings as annotations, saying why.
fn post(github: &GitHub, target: &PullTarget, found: &Scan, decision: &Decision<'_>) -> Result<String> {
    if !decision.new.is_empty() {
        let body = publish::review_body(decision, &target.head_sha);
        let comments = publish::new_comments(&decision.new);
        let written = step("post the review", || github.create_review(target.number, &target.head_sha, &body, &comments))?;
        match written {
            Written::Done(url) => {
                if let Some(url) = url {
                    println!("{url}");
                }
            }
            Written::Forbidden(reason) => {
                let cause = if target.from_fork {
                    "the pull request comes from a fork, and GitHub gives its workflows a read-only token"
                } else {
                    "the token cannot write pull request reviews (a workflow needs `permissions: pull-requests: write`)"
                };
                fall_back(&reason, cause, found);
                return Ok(format!("{} (printed as annotations)", summary_line(found, decision, "could not post", "left")));
            }
            Written::Refused(reason) => {
                let cause = "GitHub refused the comments (a line outside the pull request's diff, or a head that moved on since the run started)";
                fall_back(&reason, cause, found);
                return Ok(format!("{} (printed as annotations)", summary_line(found, decision, "could not post", "left")));
            }
        }
    }
    let mut resolved = 0;
    for (comment, rule, fingerprint) in &decision.resolve {
        let body = comments::resolved_body(&comment.body, rule, fingerprint, &target.head_sha);
        match step("mark a comment resolved", || github.edit_review_comment(comment.id, &body))? {
            Written::Done(_) => resolved += 1,
            Written::Forbidden(reason) | Written::Refused(reason) => {
                eprintln!("pitfix: warning: cannot mark comment {} resolved: {reason}", comment.id);
            }
        }
    }
    let mut line = summary_line(found, decision, "posted", "marked");
    if resolved < decision.resolve.len() {
        let _ = std::fmt::Write::write_fmt(&mut line, format_args!(" ({resolved} of them done)"));
    }
    Ok(line)
}

/// Prints the findings as workflow annotations, after a line saying why the review was not posted.
fn fall_back(reason: &str, cause: &str, found: &Scan) {
    eprintln!("pitfix: cannot post the review ({reason}): {cause}; printing the findings as annotations instead");
    print!("{}", publish::annotations(&found.planned));
}

/// `pitfix review: 3 findings in the changed lines (2 suggestions): posted 1 comment, ...`
fn summary_line(found: &Scan, decision: &Decision<'_>, posted: &str, resolved: &str) -> String {
    let findings = found.planned.len();
    let suggestions = found.planned.iter().filter(|p| p.is_suggestion()).count();
    let files = found.scanned.len();
    let (new, repeated, gone) = (decision.new.len(), decision.repeated, decision.resolve.len());
    let mut line = format!(
        "pitfix review: {findings} finding{} in the changed lines of {files} Python file{} ({suggestions} suggestion{}); \
         {posted} {new} new comment{}, {repeated} already posted; {resolved} {gone} comment{} resolved.",
        plural(findings),
        plural(files),
        plural(suggestions),
        plural(new),
        plural(gone)
    );
    if found.file_errors > 0 {
        let _ = std::fmt::Write::write_fmt(&mut line, format_args!(" {} file{} could not be read.", found.file_errors, plural(found.file_errors)));
    }
    line
}
