//! Which pull request to review: `--pr N` (its commits asked of the API), else the
//! `pull_request` event GitHub Actions wrote to `$GITHUB_EVENT_PATH`.
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::api::PullRefs;
use crate::cli::pr::github::GitHub;

/// The pull request and its two commits.
#[derive(Debug, Clone)]
pub(crate) struct PullTarget {
    pub(crate) number: u64,
    pub(crate) base_sha: String,
    pub(crate) head_sha: String,
    /// The head is another repository's (a fork): the workflow token is then read-only.
    pub(crate) from_fork: bool,
}

impl PullTarget {
    fn from_refs(refs: PullRefs) -> Result<Self> {
        let repo = |side: &super::api::Side| side.repo.as_ref().map(|r| r.full_name.to_ascii_lowercase());
        let from_fork = match (repo(&refs.base), repo(&refs.head)) {
            (Some(base), Some(head)) => base != head,
            // A head whose repository was deleted is a fork's.
            (Some(_), None) => true,
            _ => false,
        };
        for sha in [&refs.base.sha, &refs.head.sha] {
            if sha.len() < 7 || !sha.chars().all(|c| c.is_ascii_hexdigit()) {
                bail!("`{sha}` is not a commit id");
            }
        }
        Ok(PullTarget { number: refs.number, base_sha: refs.base.sha, head_sha: refs.head.sha, from_fork })
    }
}

/// The pull request of `--pr`, else of the event; `github` is `None` only in a dry run without
/// a token.
pub(crate) fn pull_target(number: Option<u64>, github: Option<&GitHub>) -> Result<PullTarget> {
    if let Some(number) = number {
        let Some(github) = github else {
            bail!("--pr {number} needs a token to ask GitHub for the pull request's commits: set $GITHUB_TOKEN (or $GH_TOKEN)");
        };
        return PullTarget::from_refs(github.pull_refs(number)?);
    }
    let Some(path) = std::env::var_os("GITHUB_EVENT_PATH").filter(|p| !p.is_empty()) else {
        bail!("no pull request: pass --pr N, or run on a `pull_request` event of GitHub Actions ($GITHUB_EVENT_PATH)");
    };
    from_event_file(Path::new(&path))
}

fn from_event_file(path: &Path) -> Result<PullTarget> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the event file {}", path.display()))?;
    from_event(&text).with_context(|| format!("the event file {}", path.display()))
}

/// The `pull_request` object of a `pull_request` (or `pull_request_target`) event.
pub(crate) fn from_event(text: &str) -> Result<PullTarget> {
    let value: serde_json::Value = serde_json::from_str(text).context("is not JSON")?;
    let Some(pull) = value.get("pull_request") else {
        bail!("holds no `pull_request`: run `pitfix review` on a `pull_request` event, or pass --pr N");
    };
    let refs: PullRefs = serde_json::from_value(pull.clone()).context("has a `pull_request` without number, base.sha or head.sha")?;
    PullTarget::from_refs(refs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_event() {
        let event = r#"{"action":"synchronize","number":7,"pull_request":{"number":7,
            "base":{"sha":"1111111111111111111111111111111111111111","repo":{"full_name":"octo/app"}},
            "head":{"sha":"2222222222222222222222222222222222222222","repo":{"full_name":"someone/app"}}}}"#;
        let target = from_event(event).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(target.number, 7);
        assert_eq!(target.head_sha, "2222222222222222222222222222222222222222");
        assert!(target.from_fork);
        let same = event.replace("someone/app", "Octo/App");
        assert!(!from_event(&same).map(|t| t.from_fork).unwrap_or(true));
        assert!(from_event(r#"{"ref":"refs/heads/main"}"#).is_err());
        assert!(from_event(&event.replace("2222222222222222222222222222222222222222", "--force")).is_err());
    }
}
