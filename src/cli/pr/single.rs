//! `group = "single"`: one commit with every fix on one branch, and one pull request.
use anyhow::{Result, bail};

use super::fixes::{self, Change};
use super::github::{GitHub, Pull};
use super::outputs::{Operation, Report};
use super::repo::Worktree;
use super::{Ctx, body, open_or_update, ownership, short, step};
use crate::workspace::interrupt;

/// The fix commit and what it changes.
struct Fix {
    commit: String,
    /// The fix branch already holds exactly this commit's tree on this base: nothing to push.
    unchanged: bool,
    change: Change,
}

pub(crate) fn run(ctx: &Ctx, tree: Worktree) -> Result<Report> {
    let (args, branch) = (ctx.args, ctx.plan.branch.as_str());
    if branch == ctx.base {
        bail!("pr: the fix branch `{branch}` cannot be the base branch");
    }
    let branch_sha = step("fetch the fix branch", || fetch_branch(ctx))?;
    let fix = step("compute the fixes", || compute(ctx, tree, branch_sha.as_deref()))?;
    let existing = match &ctx.github {
        Some(github) => step("find an open pull request", || github.open_pull(branch))?,
        None => None,
    };
    // Nothing is pushed, updated, closed or deleted unless the branch and pull request are pitfix's.
    let lease = match fix.is_some() || existing.is_some() {
        true => step("check that the branch and pull request are pitfix's", || {
            ownership::owned(ctx, branch, branch_sha.as_deref(), existing.as_ref(), "--branch")
        })?,
        false => None,
    };
    match fix {
        None => step("close the obsolete pull request", || nothing_to_fix(ctx, existing, lease.as_deref())),
        Some(fix) if args.dry_run => Ok(preview(ctx, &fix, existing.as_ref())),
        Some(fix) => {
            step("push the fix branch", || push(ctx, &fix, lease.as_deref()))?;
            let Some(github) = &ctx.github else { bail!("no GitHub client") };
            publish(ctx, github, &fix, existing)
        }
    }
}

/// The fix branch's commit on the remote (fetched), if the branch exists.
fn fetch_branch(ctx: &Ctx) -> Result<Option<String>> {
    let (remote, branch) = (&ctx.args.remote, ctx.plan.branch.as_str());
    let sha = ctx.checkout.remote_heads(remote, &[branch])?.get(branch).cloned();
    if sha.is_some() {
        ctx.checkout.fetch(remote, &[branch])?;
    }
    Ok(sha)
}

/// The fix commit on top of the base, or `None` when the base needs no fix.
fn compute(ctx: &Ctx, tree: Worktree, branch_sha: Option<&str>) -> Result<Option<Fix>> {
    let mut options = ctx.args.run.options();
    options.unsafe_fixes = ctx.plan.unsafe_fixes;
    let mut change = fixes::apply(&options, &ctx.checkout, &tree, &ctx.cwd, true)?;
    if interrupt::interrupted() {
        bail!("interrupted while fixing the files");
    }
    change.base = ctx.base.clone();
    change.base_sha = ctx.base_sha.clone();
    let new_tree = tree.write_tree()?;
    drop(tree);
    let (base_tree, _) = ctx.checkout.commit_shape(&ctx.base_sha)?;
    if new_tree == base_tree {
        return Ok(None);
    }
    let message = body::commit_message(&title(ctx, &change), &change, &ctx.run);
    let (commit, unchanged) = ownership::commit(ctx, branch_sha, &new_tree, &message)?;
    change.diff = String::from_utf8_lossy(&ctx.checkout.patch(&ctx.base_sha, &commit)?).into_owned();
    if !ctx.quiet() {
        print_summary(&change);
    }
    Ok(Some(Fix { commit, unchanged, change }))
}

fn title(ctx: &Ctx, change: &Change) -> String {
    format!("{}{}", ctx.plan.title_prefix, body::title(change))
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

/// The base needs nothing: close a pull request left open by an earlier run (and remove its
/// branch), or just say so.
fn nothing_to_fix(ctx: &Ctx, existing: Option<Pull>, lease: Option<&str>) -> Result<Report> {
    let short = short(&ctx.base_sha);
    let Some(pull) = existing else {
        let message = format!("Nothing to fix on `{}` ({short}); no pull request.", ctx.base);
        println!("{message}");
        return Ok(Report::none(message));
    };
    if ctx.args.dry_run {
        let message = format!("Nothing to fix on `{}` ({short}); would close {}.", ctx.base, pull.html_url);
        println!("{message}");
        return Ok(Report { number: Some(pull.number), url: Some(pull.html_url), ..Report::none(message) });
    }
    let closed = ownership::close(ctx, &pull, &ctx.plan.branch, lease)?;
    let message = format!("Closed {}: `{}` ({short}) no longer needs its fixes.", closed.html_url, ctx.base);
    println!("{message}");
    Ok(Report { operation: Operation::Closed, number: Some(closed.number), url: Some(closed.html_url), ..Report::none(message) })
}

/// A dry run's result: the branch it would push, and the pull request's title and body.
fn preview(ctx: &Ctx, fix: &Fix, existing: Option<&Pull>) -> Report {
    let (title, text, branch) = (title(ctx, &fix.change), body::body(&fix.change), &ctx.plan.branch);
    let push = if fix.unchanged { "would leave" } else { "would push" };
    println!("Dry run: {push} {} (one commit on `{}`) to {} {branch}.", short(&fix.commit), ctx.base, ctx.args.remote);
    match existing {
        Some(pull) => println!("Dry run: would update pull request #{} ({}).", pull.number, pull.html_url),
        None => println!("Dry run: would open a pull request from `{branch}` into `{}`.", ctx.base),
    }
    println!("\nTitle: {title}\n\n{text}");
    Report { number: existing.map(|p| p.number), url: existing.map(|p| p.html_url.clone()), ..Report::none(text) }
}

fn push(ctx: &Ctx, fix: &Fix, lease: Option<&str>) -> Result<()> {
    if fix.unchanged {
        if !ctx.quiet() {
            eprintln!("The branch `{}` already holds these fixes on `{}`.", ctx.plan.branch, ctx.base);
        }
        return Ok(());
    }
    ctx.checkout.push(&ctx.args.remote, &fix.commit, &ctx.plan.branch, lease)
}

/// Opens the pull request, or updates the one already open for the branch.
fn publish(ctx: &Ctx, github: &GitHub, fix: &Fix, existing: Option<Pull>) -> Result<Report> {
    let title = title(ctx, &fix.change);
    let text = body::body(&fix.change) + &body::marker(&ctx.run, &fix.commit);
    let (pull, operation) = match existing {
        Some(pull) => step("update the pull request", || {
            Ok((github.update_pull(pull.number, &title, &text, &ctx.base)?, Operation::Updated))
        })?,
        None => step("open the pull request", || open_or_update(ctx, github, &ctx.plan.branch, &title, &text))?,
    };
    println!("{}", pull.html_url);
    if !ctx.quiet() {
        eprintln!("{} pull request #{}.", if operation == Operation::Created { "Opened" } else { "Updated" }, pull.number);
    }
    Ok(Report { operation, number: Some(pull.number), url: Some(pull.html_url), summary: text, pulls: None })
}
