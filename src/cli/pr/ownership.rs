//! What pitfix may change: a fix branch whose every commit beyond the base is pitfix's, where
//! pitfix last pushed it, and a pull request that carries pitfix's marker.
use anyhow::{Context, Result, bail};

use super::github::Pull;
use super::{Ctx, body, short};

/// Checks that pitfix may rewrite `branch` (at `branch_sha` on the remote) and edit its pull
/// request, and returns the commit the branch must still be at when pushed to (`None`: it must
/// not exist). The pull request must carry pitfix's marker; every commit of the branch beyond
/// the base must carry pitfix's trailer; and the branch must be where pitfix's marker says it
/// last pushed it. `option` is what to pass to choose other branches.
pub(crate) fn owned(ctx: &Ctx, branch: &str, branch_sha: Option<&str>, existing: Option<&Pull>, option: &str) -> Result<Option<String>> {
    let remote = &ctx.args.remote;
    let recorded = match existing {
        Some(pull) => match pull.body.as_deref().and_then(body::read_marker) {
            Some(recorded) => recorded,
            None => bail!(
                "the open pull request {} from `{branch}` was not opened by pitfix (its body has no `{}...-->` marker): \
                 pitfix changes neither it nor its branch; pass another {option}",
                pull.html_url,
                body::MARKER
            ),
        },
        None => None,
    };
    let Some(sha) = branch_sha else { return Ok(None) };
    let commits = ctx.checkout.commits_since(&ctx.base_sha, sha, body::TRAILER)?;
    if commits.is_empty() {
        bail!(
            "the branch `{branch}` of `{remote}` holds no commit of pitfix's on top of `{}`: pitfix does not overwrite it; pass another {option}",
            ctx.base
        );
    }
    if let Some((foreign, _)) = commits.iter().find(|(_, run)| run.is_empty()) {
        bail!(
            "the branch `{branch}` of `{remote}` holds commit {} that pitfix did not make (it has no `{}:` trailer): \
             pitfix does not overwrite or delete it; move that work elsewhere, or pass another {option}",
            short(foreign),
            body::TRAILER
        );
    }
    match recorded {
        Some(head) if head != sha => bail!(
            "the branch `{branch}` of `{remote}` is at {}, not at {} where pitfix last pushed it: someone changed it, and pitfix leaves it as it is",
            short(sha),
            short(&head)
        ),
        // The lease is on what pitfix recorded pushing; without a record, on the commits just checked.
        Some(head) => Ok(Some(head)),
        None => Ok(Some(sha.to_owned())),
    }
}

/// The one commit of `tree` on the base: the fix branch's own when it already is exactly that
/// (so an unchanged run pushes nothing), else a new one. `true` when reused.
pub(crate) fn commit(ctx: &Ctx, branch_sha: Option<&str>, tree: &str, message: &str) -> Result<(String, bool)> {
    if let Some(sha) = branch_sha
        && ctx.checkout.commit_shape(sha)? == (tree.to_owned(), vec![ctx.base_sha.clone()])
    {
        return Ok((sha.to_owned(), true));
    }
    Ok((ctx.checkout.commit_tree(tree, &ctx.base_sha, message)?, false))
}

/// Closes a pull request pitfix no longer needs, and deletes its branch when pitfix may.
pub(crate) fn close(ctx: &Ctx, pull: &Pull, branch: &str, lease: Option<&str>) -> Result<Pull> {
    let github = ctx.github.as_ref().context("no GitHub client")?;
    let closed = github.close_pull(pull.number)?;
    if let Some(sha) = lease {
        ctx.checkout.delete_branch(&ctx.args.remote, branch, sha)?;
    }
    Ok(closed)
}
