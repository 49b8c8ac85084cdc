//! A stand-in for the GitHub REST API on 127.0.0.1, in a thread of the test process: it keeps
//! pull requests, reviews and review comments in memory, answers as GitHub does (201 create, 422
//! duplicate, 200 list and patch, 401 bad credentials, 403 read-only token, 429 with
//! `retry-after`), and records every request.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde_json::{Value, json};

pub const OWNER: &str = "octo";
pub const NAME: &str = "app";
pub const TOKEN: &str = "test-token-5ecret";

/// One request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    /// The path with its query, as sent.
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).expect("JSON request body")
    }

    /// `METHOD /path?query`, for comparing sequences of calls.
    pub fn line(&self) -> String {
        format!("{} {}", self.method, self.target)
    }
}

/// A pull request the server holds.
#[derive(Debug, Clone)]
pub struct Pull {
    pub number: u64,
    /// `owner:branch`.
    pub head: String,
    pub base: String,
    pub title: String,
    pub body: String,
    pub state: String,
    pub draft: bool,
    pub labels: Vec<String>,
}

/// What the server holds and how it should misbehave.
#[derive(Debug)]
pub struct State {
    pub requests: Vec<Request>,
    pub pulls: Vec<Pull>,
    pub default_branch: String,
    /// The next create is answered 429 with `retry-after: 1`.
    pub rate_limit_next_create: bool,
    /// The next list of pull requests is answered empty (as when one was opened meanwhile).
    pub hide_next_list: bool,
    /// Creating a pull request is answered 403 as when Actions may not create pull requests.
    pub forbid_create: bool,
    /// Answered as every pull request's `html_url` instead of the real one.
    pub html_url: Option<String>,
    /// Review requests by pull request number: people, then teams (as `team:slug`).
    pub reviewers: BTreeMap<u64, Vec<String>>,
    pub assignees: BTreeMap<u64, Vec<String>>,
    /// Pull requests closed by merging (the others closed were declined).
    pub merged: BTreeSet<u64>,
    /// `GET /pulls/{n}` of `review`: number → (base sha, head sha).
    pub pull_refs: Vec<(u64, String, String)>,
    /// Reviews posted, in order.
    pub reviews: Vec<Review>,
    /// Review comments of every pull request, in order.
    pub review_comments: Vec<ReviewComment>,
    /// Posting a review or editing a review comment is answered 403, as with a fork's read-only token.
    pub forbid_reviews: bool,
}

/// A review as posted.
#[derive(Debug, Clone)]
pub struct Review {
    pub id: u64,
    pub number: u64,
    pub commit_id: String,
    pub event: String,
    pub body: String,
    /// The inline comments as sent.
    pub comments: Vec<Value>,
}

/// A review comment the server holds.
#[derive(Debug, Clone)]
pub struct ReviewComment {
    pub id: u64,
    pub number: u64,
    pub path: String,
    pub line: u64,
    pub start_line: Option<u64>,
    pub body: String,
}

pub struct FakeGitHub {
    pub url: String,
    pub state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl FakeGitHub {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let state = Arc::new(Mutex::new(State {
            requests: Vec::new(),
            pulls: Vec::new(),
            default_branch: "main".to_owned(),
            rate_limit_next_create: false,
            hide_next_list: false,
            forbid_create: false,
            html_url: None,
            pull_refs: Vec::new(),
            reviews: Vec::new(),
            review_comments: Vec::new(),
            forbid_reviews: false,
            reviewers: BTreeMap::new(),
            assignees: BTreeMap::new(),
            merged: BTreeSet::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (state2, stop2) = (state.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    serve(stream, &state2);
                }
            }
        });
        FakeGitHub { url, state, stop, thread: Some(thread) }
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }

    pub fn lines(&self) -> Vec<String> {
        self.requests().iter().map(Request::line).collect()
    }

    pub fn pulls(&self) -> Vec<Pull> {
        self.state.lock().unwrap().pulls.clone()
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut State) -> T) -> T {
        f(&mut self.state.lock().unwrap())
    }

    pub fn reviews(&self) -> Vec<Review> {
        self.state.lock().unwrap().reviews.clone()
    }

    pub fn review_comments(&self) -> Vec<ReviewComment> {
        self.state.lock().unwrap().review_comments.clone()
    }

    /// Closes a pull request as a person would, without merging (`merged` false) or by merging.
    pub fn close_by_hand(&self, number: u64, merged: bool) {
        self.with(|s| {
            if let Some(pull) = s.pulls.iter_mut().find(|p| p.number == number) {
                pull.state = "closed".to_owned();
            }
            if merged {
                s.merged.insert(number);
            }
        });
    }

    pub fn clear_requests(&self) {
        self.state.lock().unwrap().requests.clear();
    }
}

impl Drop for FakeGitHub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.url.trim_start_matches("http://"));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>) {
    let Some(request) = read_request(&stream) else { return };
    let (status, headers, body) = answer(&request, &mut state.lock().unwrap());
    state.lock().unwrap().requests.push(request);
    let reason = match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        _ => "Other",
    };
    let text = if status == 204 { String::new() } else { body.to_string() };
    let mut response = format!("HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n", text.len());
    for (name, value) in headers {
        response += &format!("{name}: {value}\r\n");
    }
    response += "\r\n";
    response += &text;
    let mut stream = stream;
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let length = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { method, target, headers, body: String::from_utf8(body).ok()? })
}

type Answer = (u16, Vec<(&'static str, String)>, Value);

fn answer(request: &Request, state: &mut State) -> Answer {
    if request.header("authorization") != Some(&format!("Bearer {TOKEN}")) {
        return error(401, "Bad credentials");
    }
    let repo = format!("/repos/{OWNER}/{NAME}");
    let (path, query) = request.target.split_once('?').unwrap_or((&request.target, ""));
    let Some(rest) = path.strip_prefix(&repo) else { return error(404, "Not Found") };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    match (request.method.as_str(), segments.as_slice()) {
        ("GET", []) => (200, vec![], json!({ "full_name": format!("{OWNER}/{NAME}"), "default_branch": state.default_branch })),
        ("GET", ["pulls"]) => list(state, query),
        ("POST", ["pulls"]) => create(state, &request.json()),
        ("PATCH", ["pulls", n]) => patch(state, n.parse().unwrap_or(0), &request.json()),
        ("POST", ["issues", n, "labels"]) => label(state, n.parse().unwrap_or(0), &request.json()),
        ("GET", ["pulls", n]) => pull_refs(state, n.parse().unwrap_or(0)),
        ("GET", ["pulls", n, "comments"]) => list_review_comments(state, n.parse().unwrap_or(0), query),
        ("POST", ["pulls", n, "reviews"]) => create_review(state, n.parse().unwrap_or(0), &request.json()),
        ("PATCH", ["pulls", "comments", id]) => edit_review_comment(state, id.parse().unwrap_or(0), &request.json()),
        ("DELETE", ["pulls", "comments", id]) => delete_review_comment(state, id.parse().unwrap_or(0)),
        ("POST", ["pulls", n, "requested_reviewers"]) => request_reviews(state, n.parse().unwrap_or(0), &request.json()),
        ("POST", ["issues", n, "assignees"]) => assign(state, n.parse().unwrap_or(0), &request.json()),
        _ => error(404, "Not Found"),
    }
}

fn error(status: u16, message: &str) -> Answer {
    (status, vec![], json!({ "message": message, "documentation_url": "https://docs.github.com/rest" }))
}

fn pull_json(pull: &Pull, html_url: Option<&str>, merged: bool) -> Value {
    let url = format!("https://github.com/{OWNER}/{NAME}/pull/{}", pull.number);
    let branch = pull.head.split_once(':').map_or(pull.head.as_str(), |(_, b)| b);
    json!({
        "merged_at": if merged { Value::from("2026-01-01T00:00:00Z") } else { Value::Null },
        "number": pull.number,
        "html_url": html_url.unwrap_or(&url),
        "body": pull.body,
        "state": pull.state,
        "title": pull.title,
        "draft": pull.draft,
        "head": { "label": pull.head, "ref": branch },
        "base": { "ref": pull.base },
    })
}

fn list(state: &mut State, query: &str) -> Answer {
    let param = |key: &str| query.split('&').find_map(|kv| kv.strip_prefix(&format!("{key}="))).unwrap_or("");
    if std::mem::take(&mut state.hide_next_list) {
        return (200, vec![], json!([]));
    }
    let (head, wanted) = (param("head"), param("state"));
    // GitHub lists open pull requests unless asked otherwise, newest first, 30 (or `per_page`) a page.
    let wanted = if wanted.is_empty() { "open" } else { wanted };
    let per_page: usize = param("per_page").parse().unwrap_or(30);
    let page: usize = param("page").parse().unwrap_or(1).max(1);
    let found: Vec<Value> = state
        .pulls
        .iter()
        .rev()
        .filter(|p| (head.is_empty() || p.head == head) && (wanted == "all" || p.state == wanted))
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|p| pull_json(p, state.html_url.as_deref(), state.merged.contains(&p.number)))
        .collect();
    (200, vec![], Value::Array(found))
}

fn create(state: &mut State, body: &Value) -> Answer {
    if std::mem::take(&mut state.rate_limit_next_create) {
        let (status, _, value) = error(429, "You have exceeded a secondary rate limit.");
        return (status, vec![("retry-after", "1".to_owned())], value);
    }
    if state.forbid_create {
        return error(403, "GitHub Actions is not permitted to create or approve pull requests.");
    }
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    let head = match text("head") {
        h if h.contains(':') => h,
        h => format!("{OWNER}:{h}"),
    };
    if state.pulls.iter().any(|p| p.head == head && p.state == "open") {
        return (422, vec![], json!({
            "message": "Validation Failed",
            "errors": [{ "resource": "PullRequest", "code": "custom", "message": format!("A pull request already exists for {head}.") }],
        }));
    }
    let pull = Pull {
        number: state.pulls.len() as u64 + 1,
        head,
        base: text("base"),
        title: text("title"),
        body: text("body"),
        state: "open".to_owned(),
        draft: body.get("draft").and_then(Value::as_bool).unwrap_or(false),
        labels: Vec::new(),
    };
    let value = pull_json(&pull, state.html_url.as_deref(), false);
    state.pulls.push(pull);
    (201, vec![], value)
}

fn patch(state: &mut State, number: u64, body: &Value) -> Answer {
    let Some(pull) = state.pulls.iter_mut().find(|p| p.number == number) else { return error(404, "Not Found") };
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    if let Some(title) = text("title") {
        pull.title = title;
    }
    if let Some(body) = text("body") {
        pull.body = body;
    }
    if let Some(base) = text("base") {
        pull.base = base;
    }
    if let Some(state) = text("state") {
        pull.state = state;
    }
    let merged = state.merged.contains(&number);
    let value = pull_json(pull, state.html_url.as_deref(), merged);
    (200, vec![], value)
}

fn strings(body: &Value, key: &str) -> Vec<String> {
    body.get(key).and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect()
}

fn request_reviews(state: &mut State, number: u64, body: &Value) -> Answer {
    if !state.pulls.iter().any(|p| p.number == number) {
        return error(404, "Not Found");
    }
    let mut asked = strings(body, "reviewers");
    asked.extend(strings(body, "team_reviewers").into_iter().map(|t| format!("team:{t}")));
    state.reviewers.entry(number).or_default().extend(asked);
    (201, vec![], json!({ "number": number }))
}

fn assign(state: &mut State, number: u64, body: &Value) -> Answer {
    if !state.pulls.iter().any(|p| p.number == number) {
        return error(404, "Not Found");
    }
    state.assignees.entry(number).or_default().extend(strings(body, "assignees"));
    (201, vec![], json!({ "number": number }))
}

fn label(state: &mut State, number: u64, body: &Value) -> Answer {
    let Some(pull) = state.pulls.iter_mut().find(|p| p.number == number) else { return error(404, "Not Found") };
    for label in body.get("labels").and_then(Value::as_array).into_iter().flatten() {
        if let Some(name) = label.as_str()
            && !pull.labels.iter().any(|l| l == name)
        {
            pull.labels.push(name.to_owned());
        }
    }
    let names: Vec<Value> = pull.labels.iter().map(|l| json!({ "name": l })).collect();
    (200, vec![], Value::Array(names))
}

fn pull_refs(state: &mut State, number: u64) -> Answer {
    let Some((_, base, head)) = state.pull_refs.iter().find(|(n, _, _)| *n == number) else { return error(404, "Not Found") };
    let repo = json!({ "full_name": format!("{OWNER}/{NAME}") });
    (200, vec![], json!({ "number": number, "base": { "sha": base, "repo": repo }, "head": { "sha": head, "repo": repo } }))
}

fn review_comment_json(comment: &ReviewComment) -> Value {
    json!({
        "id": comment.id,
        "path": comment.path,
        "line": comment.line,
        "start_line": comment.start_line,
        "body": comment.body,
        "user": { "login": "github-actions[bot]" },
    })
}

fn list_review_comments(state: &mut State, number: u64, query: &str) -> Answer {
    let param = |key: &str| query.split('&').find_map(|kv| kv.strip_prefix(&format!("{key}="))).and_then(|v| v.parse::<usize>().ok());
    let (per_page, page) = (param("per_page").unwrap_or(30), param("page").unwrap_or(1));
    let all: Vec<Value> = state.review_comments.iter().filter(|c| c.number == number).map(review_comment_json).collect();
    let start = per_page * (page.max(1) - 1);
    (200, vec![], Value::Array(all.into_iter().skip(start).take(per_page).collect()))
}

/// A review: 403 when forbidden; 422 when a comment names no line or is not `side: RIGHT`.
fn create_review(state: &mut State, number: u64, body: &Value) -> Answer {
    if state.forbid_reviews {
        return error(403, "Resource not accessible by integration");
    }
    let comments: Vec<Value> = body.get("comments").and_then(Value::as_array).cloned().unwrap_or_default();
    for comment in &comments {
        let line = comment.get("line").and_then(Value::as_u64).unwrap_or(0);
        if line == 0 || comment.get("side").and_then(Value::as_str) != Some("RIGHT") || comment.get("path").is_none() {
            return error(422, "Unprocessable Entity");
        }
    }
    let id = state.reviews.len() as u64 + 1;
    for comment in &comments {
        let next = state.review_comments.iter().map(|c| c.id).max().unwrap_or(100) + 1;
        state.review_comments.push(ReviewComment {
            id: next,
            number,
            path: comment.get("path").and_then(Value::as_str).unwrap_or("").to_owned(),
            line: comment.get("line").and_then(Value::as_u64).unwrap_or(0),
            start_line: comment.get("start_line").and_then(Value::as_u64),
            body: comment.get("body").and_then(Value::as_str).unwrap_or("").to_owned(),
        });
    }
    let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or("").to_owned();
    state.reviews.push(Review { id, number, commit_id: text("commit_id"), event: text("event"), body: text("body"), comments });
    let url = format!("https://github.com/{OWNER}/{NAME}/pull/{number}#pullrequestreview-{id}");
    (200, vec![], json!({ "id": id, "html_url": url, "state": "COMMENTED" }))
}

fn edit_review_comment(state: &mut State, id: u64, body: &Value) -> Answer {
    if state.forbid_reviews {
        return error(403, "Resource not accessible by integration");
    }
    let Some(comment) = state.review_comments.iter_mut().find(|c| c.id == id) else { return error(404, "Not Found") };
    if let Some(text) = body.get("body").and_then(Value::as_str) {
        comment.body = text.to_owned();
    }
    (200, vec![], review_comment_json(comment))
}

fn delete_review_comment(state: &mut State, id: u64) -> Answer {
    let before = state.review_comments.len();
    state.review_comments.retain(|c| c.id != id);
    if state.review_comments.len() == before {
        return error(404, "Not Found");
    }
    (204, vec![], Value::Null)
}
