//! Per transform: what the run does with one transform's fix set — push its branch and open or
//! update its pull request, close one with nothing left to fix, or say why it waits.
use std::fmt::Write as _;

use anyhow::{Context, Result};

use super::group::{Decision, Entry, SINGLE, write_fix};
use super::outputs::{Operation, PullOutcome, Report};
use super::repo::Worktree;
use super::words::{self, Waiting};
use super::{Ctx, body, open_or_update, ownership, short, step};

/// Carries out one entry's decision; the pull request it opened, updated or closed.
pub(crate) fn entry(ctx: &Ctx, tree: &Worktree, entry: &Entry, waiting: &[Waiting], report: &mut Report) -> Result<Option<PullOutcome>> {
    let id = entry.id.as_str();
    let line = match &entry.decision {
        Decision::Update(_) | Decision::Open => return step(&format!("publish `{id}`"), || publish(ctx, tree, entry, waiting, report)),
        Decision::Close(pull) => return step(&format!("close the pull request of `{id}`"), || close(ctx, entry, pull)),
        Decision::Wait => format!(
            "`{id}`: {} fix{} wait{} for a free slot (max-open-prs = {}).",
            entry.fixes,
            plural_es(entry.fixes),
            if entry.fixes == 1 { "s" } else { "" },
            ctx.plan.max_open
        ),
        Decision::Declined => format!(
            "`{id}`: every site ({}) was declined (a pull request closed without merging); nothing to open (`--recreate` fixes them again).",
            entry.left_out
        ),
    };
    println!("{line}");
    let _ = writeln!(report.summary, "- {line}");
    Ok(None)
}

fn plural_es(n: usize) -> &'static str {
    if n == 1 { "" } else { "es" }
}

/// The fix branch's commit on the remote (fetched), if the branch exists.
fn fetch_branch(ctx: &Ctx, branch: &str) -> Result<Option<String>> {
    let sha = ctx.checkout.remote_heads(&ctx.args.remote, &[branch])?.get(branch).cloned();
    if sha.is_some() {
        ctx.checkout.fetch(&ctx.args.remote, &[branch])?;
    }
    Ok(sha)
}

fn publish(ctx: &Ctx, tree: &Worktree, entry: &Entry, waiting: &[Waiting], report: &mut Report) -> Result<Option<PullOutcome>> {
    let (id, branch) = (entry.id.as_str(), entry.branch.clone());
    let existing = match &entry.decision {
        Decision::Update(pull) => Some(pull),
        _ => None,
    };
    let branch_sha = fetch_branch(ctx, &branch)?;
    let lease = ownership::owned(ctx, &branch, branch_sha.as_deref(), existing, "--branch-prefix")?;
    let (new_tree, mut change) = write_fix(ctx, tree, entry)?;
    let title = words::title(&ctx.plan.title_prefix, id, entry.fixes);
    let message = body::commit_message(&title, &change, &ctx.run);
    let (commit, unchanged) = ownership::commit(ctx, branch_sha.as_deref(), &new_tree, &message)?;
    change.diff = String::from_utf8_lossy(&ctx.checkout.patch(&ctx.base_sha, &commit)?).into_owned();
    let others: Vec<Waiting> = waiting.iter().filter(|w| w.id != id).map(|w| Waiting { id: w.id.clone(), fixes: w.fixes }).collect();
    let extra = words::footer(id, &others, ctx.plan.max_open, entry.left_out);
    let chosen: Vec<String> = entry.chosen.iter().cloned().collect();
    let marker = body::set_marker(&ctx.run, &commit, id, &entry.fingerprint(), &chosen);
    let text = body::body_with(&change, &extra, marker.chars().count());
    if ctx.args.dry_run {
        let push = if unchanged { "would leave" } else { "would push" };
        println!("Dry run: `{id}`: {push} {} (one commit on `{}`) to {} {branch}.", short(&commit), ctx.base, ctx.args.remote);
        match existing {
            Some(pull) => println!("Dry run: `{id}`: would update pull request #{} ({}).", pull.number, pull.html_url),
            None => println!("Dry run: `{id}`: would open a pull request from `{branch}` into `{}`.", ctx.base),
        }
        println!("\nTitle: {title}\n\n{text}");
        let _ = writeln!(report.summary, "- `{id}`: {title}");
        return Ok(None);
    }
    if unchanged {
        if !ctx.quiet() {
            eprintln!("The branch `{branch}` already holds the fixes of `{id}` on `{}`.", ctx.base);
        }
    } else {
        step("push the fix branch", || ctx.checkout.push(&ctx.args.remote, &commit, &branch, lease.as_deref()))?;
    }
    let github = ctx.github.as_ref().context("no GitHub client")?;
    let full = text + &marker;
    let (pull, operation) = match existing {
        Some(pull) => step("update the pull request", || Ok((github.update_pull(pull.number, &title, &full, &ctx.base)?, Operation::Updated)))?,
        None => step("open the pull request", || open_or_update(ctx, github, &branch, &title, &full))?,
    };
    println!("{}", pull.html_url);
    if !ctx.quiet() {
        eprintln!("{} pull request #{} ({id}).", if operation == Operation::Created { "Opened" } else { "Updated" }, pull.number);
    }
    let _ = writeln!(report.summary, "- `{id}`: [{title}]({}) ({})", pull.html_url, operation.as_str());
    Ok(Some(PullOutcome { transform: id.to_owned(), number: pull.number, url: pull.html_url, operation: operation.as_str() }))
}

/// Closes a transform's pull request that has nothing left to fix, and deletes its branch.
fn close(ctx: &Ctx, entry: &Entry, pull: &super::github::Pull) -> Result<Option<PullOutcome>> {
    let (id, branch) = (entry.id.as_str(), entry.branch.as_str());
    let branch_sha = fetch_branch(ctx, branch)?;
    let lease = ownership::owned(ctx, branch, branch_sha.as_deref(), Some(pull), "--branch-prefix")?;
    let why = match id {
        SINGLE => "it is superseded by one pull request per transform".to_owned(),
        _ => format!("`{}` no longer needs the fixes of `{id}`", ctx.base),
    };
    if ctx.args.dry_run {
        println!("Dry run: `{id}`: would close {}: {why}.", pull.html_url);
        return Ok(None);
    }
    let closed = ownership::close(ctx, pull, branch, lease.as_deref())?;
    println!("Closed {}: {why}.", closed.html_url);
    Ok(Some(PullOutcome { transform: id.to_owned(), number: closed.number, url: closed.html_url, operation: Operation::Closed.as_str() }))
}
