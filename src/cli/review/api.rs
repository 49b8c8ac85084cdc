//! The GitHub calls of `review`, on `pr`'s client (same headers, retries and error messages):
//! the pull request's commits, its review comments, one new review, and edits of old comments.
use anyhow::{Result, anyhow};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::cli::pr::github::{GitHub, failure, github_message};

/// Review comments asked for per page (GitHub's maximum).
const PER_PAGE: usize = 100;
/// Pages read at most (10,000 comments): a bound, not a limit anyone meets.
const MAX_PAGES: usize = 100;

/// What `review` needs of a pull request.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct PullRefs {
    pub(crate) number: u64,
    pub(crate) base: Side,
    pub(crate) head: Side,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Side {
    pub(crate) sha: String,
    #[serde(default)]
    pub(crate) repo: Option<RepoRef>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct RepoRef {
    pub(crate) full_name: String,
}

/// A review comment already on the pull request.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct ReviewComment {
    pub(crate) id: u64,
    #[serde(default)]
    pub(crate) body: String,
    #[serde(default)]
    pub(crate) path: String,
}

/// One inline comment of a new review.
#[derive(Debug, Clone)]
pub(crate) struct NewComment {
    pub(crate) path: String,
    pub(crate) start_line: usize,
    pub(crate) line: usize,
    pub(crate) body: String,
}

/// How GitHub answered a write.
#[derive(Debug)]
pub(crate) enum Written {
    /// Done; the review's page, when GitHub gave it.
    Done(Option<String>),
    /// 403: the token may not write (a pull request from a fork gets a read-only token).
    Forbidden(String),
    /// 422: GitHub refused the content (a line outside the diff, a stale commit).
    Refused(String),
}

impl GitHub {
    fn pulls_path(&self) -> String {
        format!("/repos/{}/{}/pulls", self.repo.owner, self.repo.name)
    }

    /// The pull request's base and head commits.
    pub(crate) fn pull_refs(&self, number: u64) -> Result<PullRefs> {
        let path = format!("{}/{number}", self.pulls_path());
        let body = self.ok("GET", &path, None)?;
        serde_json::from_str(&body).map_err(|e| anyhow!("GET {path}: unexpected answer from GitHub: {e}"))
    }

    /// Every review comment of the pull request, page by page.
    pub(crate) fn review_comments(&self, number: u64) -> Result<Vec<ReviewComment>> {
        let mut all = Vec::new();
        for page in 1..=MAX_PAGES {
            let path = format!("{}/{number}/comments?per_page={PER_PAGE}&page={page}", self.pulls_path());
            let body = self.ok("GET", &path, None)?;
            let comments: Vec<ReviewComment> =
                serde_json::from_str(&body).map_err(|e| anyhow!("GET {path}: unexpected answer from GitHub: {e}"))?;
            let last = comments.len() < PER_PAGE;
            all.extend(comments);
            if last {
                break;
            }
        }
        Ok(all)
    }

    /// Posts one review (event `COMMENT`) on `commit` with its inline comments.
    pub(crate) fn create_review(&self, number: u64, commit: &str, body: &str, comments: &[NewComment]) -> Result<Written> {
        let path = format!("{}/{number}/reviews", self.pulls_path());
        let comments: Vec<Value> = comments.iter().map(comment_json).collect();
        let request = json!({ "commit_id": commit, "event": "COMMENT", "body": body, "comments": comments });
        let written = self.write("POST", &path, &request)?;
        Ok(match written {
            Written::Done(Some(answer)) => {
                let url = serde_json::from_str::<Value>(&answer)
                    .ok()
                    .and_then(|v| v.get("html_url").and_then(Value::as_str).map(str::to_owned));
                Written::Done(url)
            }
            other => other,
        })
    }

    /// Replaces the body of one of the pull request's review comments.
    pub(crate) fn edit_review_comment(&self, id: u64, body: &str) -> Result<Written> {
        let path = format!("{}/comments/{id}", self.pulls_path());
        let written = self.write("PATCH", &path, &json!({ "body": body }))?;
        Ok(match written {
            Written::Done(_) => Written::Done(None),
            other => other,
        })
    }

    /// A write whose 403 and 422 are answers to handle; `Done` holds GitHub's body.
    fn write(&self, method: &str, path: &str, request: &Value) -> Result<Written> {
        let (status, body) = self.send_raw(method, path, Some(request))?;
        Ok(match status {
            200..=299 => Written::Done(Some(body)),
            403 => Written::Forbidden(format!("{method} {path} answered 403: {}", github_message(&body))),
            422 => Written::Refused(format!("{method} {path} answered 422: {}", github_message(&body))),
            _ => return Err(failure(status, body, method, path)),
        })
    }

    fn ok(&self, method: &str, path: &str, request: Option<&Value>) -> Result<String> {
        let (status, body) = self.send_raw(method, path, request)?;
        if (200..300).contains(&status) { Ok(body) } else { Err(failure(status, body, method, path)) }
    }
}

/// A comment on the head's side of the diff; one over several lines names its first line too.
fn comment_json(comment: &NewComment) -> Value {
    let mut value = json!({ "path": comment.path, "line": comment.line, "side": "RIGHT", "body": comment.body });
    if comment.start_line < comment.line
        && let Some(object) = value.as_object_mut()
    {
        object.insert("start_line".to_owned(), json!(comment.start_line));
        object.insert("start_side".to_owned(), json!("RIGHT"));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_over_one_or_several_lines() {
        let one = NewComment { path: "a.py".to_owned(), start_line: 3, line: 3, body: "b".to_owned() };
        assert_eq!(comment_json(&one), json!({ "path": "a.py", "line": 3, "side": "RIGHT", "body": "b" }));
        let several = NewComment { start_line: 2, ..one };
        assert_eq!(
            comment_json(&several),
            json!({ "path": "a.py", "line": 3, "side": "RIGHT", "body": "b", "start_line": 2, "start_side": "RIGHT" })
        );
    }
}
