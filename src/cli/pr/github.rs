//! The few GitHub REST calls `pitfix pr` makes, with a blocking client, GitHub's headers, bounded
//! waits when rate limited, and errors that say which call failed and why.
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Result, anyhow, bail};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use serde_json::{Value, json};
use ureq::http;

use super::target::RepoName;

/// Tries of one call, the first included.
const MAX_ATTEMPTS: u32 = 4;
/// The longest pitfix waits before a retry; a longer rate-limit wait fails the run instead.
const MAX_WAIT: Duration = Duration::from_secs(60);
/// GitHub's advice when a rate limit gives no time to wait: at least a minute.
const DEFAULT_RATE_LIMIT_WAIT: u64 = 60;

/// A pull request, as far as pitfix needs it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Pull {
    pub(crate) number: u64,
    pub(crate) html_url: String,
    /// `None` when empty.
    #[serde(default)]
    pub(crate) body: Option<String>,
    #[serde(default)]
    pub(crate) head: Option<Head>,
    /// Set when the pull request was merged (a closed one without it was declined).
    #[serde(default)]
    pub(crate) merged_at: Option<String>,
}

/// A pull request's head branch.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Head {
    #[serde(rename = "ref", default)]
    pub(crate) branch: String,
    /// `owner:branch`: tells a branch of this repository from a fork's of the same name.
    #[serde(default)]
    pub(crate) label: String,
}

impl Pull {
    /// Whether the pull request's head is `branch` of the repository `owner`.
    pub(crate) fn is_from(&self, owner: &str, branch: &str) -> bool {
        self.head.as_ref().is_some_and(|h| h.label == format!("{owner}:{branch}") || (h.label.is_empty() && h.branch == branch))
    }
}

/// The most pages of pull requests read in one listing (100 each).
const MAX_PAGES: u32 = 10;

#[derive(Deserialize)]
struct Repository {
    default_branch: String,
}

/// What GitHub answered a call, once it is not to be retried.
struct Answer {
    status: u16,
    body: String,
}

/// How GitHub asks a client to slow down, read from a response's headers.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct RateLimit {
    pub(crate) retry_after: Option<u64>,
    pub(crate) remaining: Option<u64>,
    /// UTC epoch seconds.
    pub(crate) reset: Option<u64>,
}

/// The result of trying to open a pull request.
pub(crate) enum Opened {
    Created(Pull),
    /// GitHub answered 422 "A pull request already exists" (one opened since pitfix looked).
    AlreadyExists,
}

/// A client for one repository.
pub(crate) struct GitHub {
    agent: ureq::Agent,
    api: String,
    token: String,
    pub(crate) repo: RepoName,
}

impl GitHub {
    pub(crate) fn new(api: String, token: String, repo: RepoName) -> Self {
        let config = ureq::Agent::config_builder()
            // Error statuses are answers to read (GitHub's message, retry headers), not failures.
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .timeout_connect(Some(Duration::from_secs(15)))
            .user_agent(concat!("pitfix/", env!("CARGO_PKG_VERSION")))
            .build();
        GitHub { agent: config.into(), api, token, repo }
    }

    fn repo_path(&self) -> String {
        format!("/repos/{}/{}", self.repo.owner, self.repo.name)
    }

    pub(crate) fn default_branch(&self) -> Result<String> {
        let answer = self.call("GET", &self.repo_path(), None)?;
        Ok(parse::<Repository>(&answer, "GET", &self.repo_path())?.default_branch)
    }

    /// The open pull request whose head is `branch` of this repository, if any.
    pub(crate) fn open_pull(&self, branch: &str) -> Result<Option<Pull>> {
        let head = query_value(&format!("{}:{branch}", self.repo.owner));
        let path = format!("{}/pulls?head={head}&state=open", self.repo_path());
        let answer = self.call("GET", &path, None)?;
        Ok(parse::<Vec<Pull>>(&answer, "GET", &path)?.into_iter().next())
    }

    /// The repository's pull requests in `state` (`open` or `closed`), newest first, up to
    /// `MAX_PAGES` pages.
    pub(crate) fn list_pulls(&self, state: &str) -> Result<Vec<Pull>> {
        let mut pulls = Vec::new();
        for page in 1..=MAX_PAGES {
            let path = format!("{}/pulls?state={state}&sort=created&direction=desc&per_page=100&page={page}", self.repo_path());
            let answer = self.call("GET", &path, None)?;
            let batch = parse::<Vec<Pull>>(&answer, "GET", &path)?;
            let full = batch.len() == 100;
            pulls.extend(batch);
            if !full {
                break;
            }
        }
        Ok(pulls)
    }

    /// Asks for reviews: `login`s of people, `org/team` for teams.
    pub(crate) fn request_reviewers(&self, number: u64, reviewers: &[String]) -> Result<()> {
        let path = format!("{}/pulls/{number}/requested_reviewers", self.repo_path());
        let (teams, people): (Vec<&String>, Vec<&String>) = reviewers.iter().partition(|r| r.contains('/'));
        let teams: Vec<&str> = teams.iter().filter_map(|t| t.split_once('/').map(|(_, slug)| slug)).collect();
        self.call("POST", &path, Some(&json!({ "reviewers": people, "team_reviewers": teams }))).map(drop)
    }

    pub(crate) fn add_assignees(&self, number: u64, assignees: &[String]) -> Result<()> {
        let path = format!("{}/issues/{number}/assignees", self.repo_path());
        self.call("POST", &path, Some(&json!({ "assignees": assignees }))).map(drop)
    }

    pub(crate) fn create_pull(&self, head: &str, base: &str, title: &str, body: &str, draft: bool) -> Result<Opened> {
        let path = format!("{}/pulls", self.repo_path());
        let request = json!({ "title": title, "head": head, "base": base, "body": body, "draft": draft });
        let answer = self.send("POST", &path, Some(&request))?;
        if answer.status == 422 && answer.body.to_ascii_lowercase().contains("already exists") {
            return Ok(Opened::AlreadyExists);
        }
        let answer = checked(answer, "POST", &path)?;
        Ok(Opened::Created(parse(&answer, "POST", &path)?))
    }

    pub(crate) fn update_pull(&self, number: u64, title: &str, body: &str, base: &str) -> Result<Pull> {
        let path = format!("{}/pulls/{number}", self.repo_path());
        let answer = self.call("PATCH", &path, Some(&json!({ "title": title, "body": body, "base": base })))?;
        parse(&answer, "PATCH", &path)
    }

    pub(crate) fn close_pull(&self, number: u64) -> Result<Pull> {
        let path = format!("{}/pulls/{number}", self.repo_path());
        let answer = self.call("PATCH", &path, Some(&json!({ "state": "closed" })))?;
        parse(&answer, "PATCH", &path)
    }

    pub(crate) fn add_labels(&self, number: u64, labels: &[String]) -> Result<()> {
        let path = format!("{}/issues/{number}/labels", self.repo_path());
        self.call("POST", &path, Some(&json!({ "labels": labels }))).map(drop)
    }

    /// Sends a call for another command (`review`), retried as every call is: GitHub's status and
    /// body, for the caller to read (a 403 may be an answer to handle, not a failure).
    pub(crate) fn send_raw(&self, method: &str, path: &str, body: Option<&Value>) -> Result<(u16, String)> {
        self.send(method, path, body).map(|answer| (answer.status, answer.body))
    }

    /// Sends a call and fails unless GitHub answered with success.
    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Answer> {
        checked(self.send(method, path, body)?, method, path)
    }

    /// Sends a call, retrying (after GitHub's wait, bounded) while rate limited or unavailable.
    fn send(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Answer> {
        for attempt in 1..=MAX_ATTEMPTS {
            let mut response = self.request(method, path, body)?;
            let status = response.status().as_u16();
            let limit = rate_limit(response.headers());
            let text = response.body_mut().read_to_string().unwrap_or_default();
            let Some(wait) = retry_wait(status, &limit, &text, attempt, now()) else {
                return Ok(Answer { status, body: text });
            };
            if wait > MAX_WAIT {
                bail!(
                    "{method} {path}: GitHub answered {status} (rate limited) and asks to wait {} s, longer than pitfix waits ({} s); run it again later",
                    wait.as_secs(),
                    MAX_WAIT.as_secs()
                );
            }
            if attempt == MAX_ATTEMPTS {
                bail!("{method} {path}: GitHub answered {status} {} times; giving up", MAX_ATTEMPTS);
            }
            eprintln!("pitfix: {method} {path}: GitHub answered {status}; retrying in {} s", wait.as_secs());
            std::thread::sleep(wait);
        }
        bail!("{method} {path}: no answer")
    }

    fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<http::Response<ureq::Body>> {
        let url = format!("{}{path}", self.api);
        // Built apart, so that a token no header can carry is named as the cause (never shown).
        let authorization = http::HeaderValue::from_str(&format!("Bearer {}", self.token)).map_err(|_| {
            anyhow!("the token in $GITHUB_TOKEN (or $GH_TOKEN) cannot be sent in an HTTP header: it holds a control character or a non-ASCII one")
        })?;
        let builder = http::Request::builder()
            .method(method)
            .uri(&url)
            .header("Accept", "application/vnd.github+json")
            .header("X-GitHub-Api-Version", "2022-11-28")
            .header("Authorization", authorization);
        let sent = match body {
            Some(value) => {
                let bytes = serde_json::to_vec(value)?;
                let request = builder.header("Content-Type", "application/json").body(bytes)?;
                self.agent.run(request)
            }
            None => self.agent.run(builder.body(())?),
        };
        sent.map_err(|e| anyhow!("{method} {path}: cannot reach {}: {e}", self.api))
    }
}

/// The response unchanged when it is a success, else an error naming the call, the status,
/// GitHub's message and, for the usual causes, what to change.
fn checked(answer: Answer, method: &str, path: &str) -> Result<Answer> {
    if (200..300).contains(&answer.status) {
        return Ok(answer);
    }
    let message = github_message(&answer.body);
    let reason = http::StatusCode::from_u16(answer.status).ok().and_then(|s| s.canonical_reason()).unwrap_or("");
    let hint = hint(answer.status, &message);
    Err(anyhow!("{method} {path} answered {} {reason}: {message}{hint}", answer.status))
}

/// The error for an answer `send_raw` got, worded as for every other call.
pub(crate) fn failure(status: u16, body: String, method: &str, path: &str) -> anyhow::Error {
    match checked(Answer { status, body }, method, path) {
        Ok(_) => anyhow!("{method} {path}: unexpected answer {status} from GitHub"),
        Err(error) => error,
    }
}

/// GitHub's `message`, with the first of its `errors` details (a 422 says what was invalid there).
pub(crate) fn github_message(body: &str) -> String {
    let Ok(value) = serde_json::from_str::<Value>(body) else {
        let text: String = body.chars().take(200).collect();
        return if text.trim().is_empty() { "(no message)".to_owned() } else { text };
    };
    let message = value.get("message").and_then(Value::as_str).unwrap_or("(no message)").to_owned();
    let detail = value.get("errors").and_then(Value::as_array).and_then(|errors| errors.first()).and_then(|e| {
        e.get("message").and_then(Value::as_str).map(str::to_owned).or_else(|| Some(e.to_string()))
    });
    match detail {
        Some(detail) => format!("{message} ({detail})"),
        None => message,
    }
}

fn hint(status: u16, message: &str) -> &'static str {
    let lower = message.to_ascii_lowercase();
    match status {
        403 if lower.contains("not permitted to create or approve pull requests") => {
            " (allow it in the repository's Settings → Actions → General → Workflow permissions → \"Allow GitHub Actions to create and approve pull requests\"; an organization may have to allow it in its own settings first)"
        }
        401 => " (check the token in $GITHUB_TOKEN or $GH_TOKEN)",
        403 => " (the token lacks a permission: a workflow needs `permissions: contents: write, pull-requests: write`)",
        404 => " (the repository does not exist, or the token cannot see it: check --repo and the token)",
        _ => "",
    }
}

fn parse<T: serde::de::DeserializeOwned>(answer: &Answer, method: &str, path: &str) -> Result<T> {
    serde_json::from_str(&answer.body).map_err(|e| anyhow!("{method} {path}: unexpected answer from GitHub: {e}"))
}

fn rate_limit(headers: &http::HeaderMap) -> RateLimit {
    let number = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse().ok());
    RateLimit { retry_after: number("retry-after"), remaining: number("x-ratelimit-remaining"), reset: number("x-ratelimit-reset") }
}

/// How long to wait before trying again, as GitHub documents it: `retry-after` when given, else
/// until `x-ratelimit-reset` when no request is left, else a minute (doubling) for a secondary
/// rate limit; a short growing pause when GitHub is briefly unavailable; `None`: do not retry.
pub(crate) fn retry_wait(status: u16, limit: &RateLimit, body: &str, attempt: u32, now: u64) -> Option<Duration> {
    let doubling = |base: u64| base.saturating_mul(1 << (attempt - 1).min(10));
    let rate_limited = status == 429
        || (status == 403
            && (limit.retry_after.is_some()
                || limit.remaining == Some(0)
                || body.to_ascii_lowercase().contains("rate limit")));
    if rate_limited {
        if let Some(seconds) = limit.retry_after {
            return Some(Duration::from_secs(seconds));
        }
        if let (Some(0), Some(reset)) = (limit.remaining, limit.reset) {
            return Some(Duration::from_secs(reset.saturating_sub(now) + 1));
        }
        return Some(Duration::from_secs(doubling(DEFAULT_RATE_LIMIT_WAIT)));
    }
    matches!(status, 502..=504).then(|| Duration::from_secs(doubling(1)))
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Percent-encodes a query value, keeping the `:` and `/` of `owner:branch/name` readable.
fn query_value(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// Every byte but the unreserved characters, `:` and `/` is percent-encoded in a query value.
const QUERY_VALUE: &AsciiSet =
    &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b':').remove(b'/');

#[cfg(test)]
mod tests {
    use super::*;

    fn wait(status: u16, limit: RateLimit, body: &str, attempt: u32) -> Option<u64> {
        retry_wait(status, &limit, body, attempt, 1000).map(|d| d.as_secs())
    }

    #[test]
    fn waits_as_github_documents() {
        let after = RateLimit { retry_after: Some(7), ..RateLimit::default() };
        assert_eq!(wait(429, after.clone(), "", 1), Some(7));
        assert_eq!(wait(403, after, "", 1), Some(7));
        let exhausted = RateLimit { remaining: Some(0), reset: Some(1030), ..RateLimit::default() };
        assert_eq!(wait(403, exhausted, "", 1), Some(31));
        assert_eq!(wait(429, RateLimit::default(), "", 1), Some(60));
        assert_eq!(wait(429, RateLimit::default(), "", 2), Some(120));
        assert_eq!(wait(403, RateLimit::default(), "You have exceeded a secondary rate limit", 1), Some(60));
        assert_eq!(wait(503, RateLimit::default(), "", 2), Some(2));
    }

    #[test]
    fn does_not_retry_other_answers() {
        assert_eq!(wait(403, RateLimit::default(), "{\"message\":\"Resource not accessible\"}", 1), None);
        let left = RateLimit { remaining: Some(10), ..RateLimit::default() };
        assert_eq!(wait(403, left, "", 1), None);
        assert_eq!(wait(401, RateLimit::default(), "", 1), None);
        assert_eq!(wait(422, RateLimit::default(), "", 1), None);
    }

    #[test]
    fn messages_name_the_call_and_the_fix() {
        let body = r#"{"message":"GitHub Actions is not permitted to create or approve pull requests."}"#;
        let error = checked(Answer { status: 403, body: body.to_owned() }, "POST", "/repos/o/r/pulls").err();
        let text = error.map(|e| e.to_string()).unwrap_or_default();
        assert!(text.starts_with("POST /repos/o/r/pulls answered 403 Forbidden: GitHub Actions is not permitted"), "{text}");
        assert!(text.contains("Allow GitHub Actions to create and approve pull requests"), "{text}");
        let body = r#"{"message":"Validation Failed","errors":[{"message":"No commits between main and x"}]}"#;
        assert_eq!(github_message(body), "Validation Failed (No commits between main and x)");
    }

    #[test]
    fn query_values() {
        assert_eq!(query_value("o:pitfix/fixes"), "o:pitfix/fixes");
        assert_eq!(query_value("o:a&b#c"), "o:a%26b%23c");
    }
}
