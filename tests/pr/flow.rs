//! The pull request's life: opened, updated, rebased, closed, and the API's answers.
use super::*;

// ---------------------------------------------------------------------------------------------

#[test]
fn first_run_opens_a_pull_request_with_one_commit_on_the_base() {
    let s = Setup::new(&[("a.py", FIXABLE), ("clean.py", CLEAN)]);
    let output_file = s.project.path("github_output");
    let summary_file = s.project.path("step_summary");
    let run = s.pr_with(
        &[],
        &[
            ("GITHUB_TOKEN", TOKEN),
            ("GITHUB_OUTPUT", output_file.to_str().unwrap()),
            ("GITHUB_STEP_SUMMARY", summary_file.to_str().unwrap()),
        ],
    );
    run.code(0);
    let url = format!("https://github.com/{OWNER}/{NAME}/pull/1");
    assert_eq!(run.out(), format!("{url}\n"));
    assert!(run.stderr.contains("Opened pull request #1."), "{}", run.stderr);

    // The calls, in order, with GitHub's headers.
    assert_eq!(
        s.github.lines(),
        [format!("GET /repos/{OWNER}/{NAME}"), list_line(), format!("POST {}", pulls_path())]
    );
    for request in s.github.requests() {
        assert_eq!(request.header("accept"), Some("application/vnd.github+json"));
        assert_eq!(request.header("x-github-api-version"), Some("2022-11-28"));
        assert_eq!(request.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
        assert!(request.header("user-agent").is_some_and(|ua| ua.starts_with("pitfix/")));
    }

    // The pull request and its body.
    let pulls = s.github.pulls();
    assert_eq!(pulls.len(), 1);
    let pull = &pulls[0];
    assert_eq!((pull.head.as_str(), pull.base.as_str(), pull.draft), (format!("{OWNER}:{BRANCH}").as_str(), "main", false));
    assert_eq!(pull.title, "Fix 1 Python pitfall found by pitfix");
    assert!(pull.body.contains("| `is-literal` | 1 | safe |"), "{}", pull.body);
    assert!(pull.body.contains("- **`is-literal`**: `is` asks whether"), "{}", pull.body);
    assert!(pull.body.contains("### Files\n\n- `a.py` (1)\n\n"), "{}", pull.body);
    assert!(pull.body.contains("<details>\n<summary>Full diff"), "{}", pull.body);
    assert!(pull.body.contains("-if x is 1000:\n+if x == 1000:\n"), "{}", pull.body);

    // One commit on top of main, holding the fix, by pitfix's identity (no git identity is set).
    let main = s.remote_git(&["rev-parse", "main"]);
    assert_eq!(s.remote_git(&["rev-parse", &format!("{BRANCH}^")]), main);
    assert_eq!(s.remote_git(&["rev-list", "--count", &format!("main..{BRANCH}")]), "1");
    assert_eq!(s.file_on_branch("a.py") + "\n", FIXED);
    assert_eq!(s.remote_git(&["diff", "--name-only", "main", BRANCH]), "a.py");
    let meta = s.remote_git(&["log", "-1", "--format=%an <%ae>|%cn <%ce>|%B", BRANCH]);
    // The commit ends with pitfix's trailer, and the body with its marker naming the commit.
    let (meta, run) = meta.rsplit_once("\n\nPitfix-Run: ").expect("the Pitfix-Run trailer");
    assert!(run.len() == 16 && run.chars().all(|c| c.is_ascii_hexdigit()), "{run}");
    let head = s.remote_git(&["rev-parse", BRANCH]);
    assert!(pull.body.ends_with(&format!("<!-- pitfix run={run} head={head} -->\n")), "{}", pull.body);
    assert_eq!(
        meta,
        "pitfix <pitfix@users.noreply.github.com>|pitfix <pitfix@users.noreply.github.com>|Fix 1 Python pitfall found by pitfix\n\nis-literal: 1"
    );

    // What the next steps of the workflow get.
    assert_eq!(
        fs::read_to_string(&output_file).unwrap(),
        format!("pull-request-number=1\npull-request-url={url}\npull-request-operation=created\n")
    );
    assert_eq!(fs::read_to_string(&summary_file).unwrap(), pull.body.clone() + if pull.body.ends_with('\n') { "" } else { "\n" });
}

#[test]
fn second_run_with_no_change_updates_the_same_pull_request() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.pr(&[]).code(0);
    let first = s.remote_git(&["rev-parse", BRANCH]);
    s.github.clear_requests();
    let output_file = s.project.path("github_output");
    let run = s.pr_with(&[], &[("GITHUB_TOKEN", TOKEN), ("GITHUB_OUTPUT", output_file.to_str().unwrap())]);
    run.code(0);
    assert_eq!(run.out(), format!("https://github.com/{OWNER}/{NAME}/pull/1\n"));
    assert_eq!(
        s.github.lines(),
        [format!("GET /repos/{OWNER}/{NAME}"), list_line(), format!("PATCH {}/1", pulls_path())]
    );
    assert_eq!(s.github.pulls().len(), 1, "no second pull request");
    // The branch already held the same commit: nothing was pushed.
    assert_eq!(s.remote_git(&["rev-parse", BRANCH]), first);
    assert!(fs::read_to_string(&output_file).unwrap().ends_with("pull-request-operation=updated\n"));
}

#[test]
fn a_new_commit_on_the_base_rebases_the_branch_and_updates_the_body() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.pr(&[]).code(0);
    s.push_to_main(&[("b.py", "y = 'no'\nassert y is not 'yes'\n")]);
    let run = s.pr(&[]);
    run.code(0);
    let main = s.remote_git(&["rev-parse", "main"]);
    assert_eq!(s.remote_git(&["rev-parse", &format!("{BRANCH}^")]), main, "rebuilt on the new base");
    assert_eq!(s.remote_git(&["rev-list", "--count", &format!("main..{BRANCH}")]), "1");
    assert_eq!(s.file_on_branch("b.py"), "y = 'no'\nassert y != 'yes'");
    let pulls = s.github.pulls();
    assert_eq!(pulls.len(), 1);
    assert_eq!(pulls[0].title, "Fix 2 Python pitfalls found by pitfix");
    assert!(pulls[0].body.contains("- `a.py` (1)\n- `b.py` (1)\n"), "{}", pulls[0].body);
    assert!(pulls[0].body.contains(&main[..7]), "the body names the new base commit");
    assert_eq!(s.github.lines().iter().filter(|l| l.starts_with("POST")).count(), 1);
}

#[test]
fn a_clean_repository_opens_nothing() {
    let s = Setup::new(&[("clean.py", CLEAN)]);
    let output_file = s.project.path("github_output");
    let run = s.pr_with(&[], &[("GITHUB_TOKEN", TOKEN), ("GITHUB_OUTPUT", output_file.to_str().unwrap())]);
    run.code(0);
    let main = s.remote_git(&["rev-parse", "--short=7", "main"]);
    assert_eq!(run.out(), format!("Nothing to fix on `main` ({main}); no pull request.\n"));
    assert_eq!(s.github.lines(), [format!("GET /repos/{OWNER}/{NAME}"), list_line()]);
    assert!(!s.remote_has_branch());
    assert_eq!(
        fs::read_to_string(&output_file).unwrap(),
        "pull-request-number=\npull-request-url=\npull-request-operation=none\n"
    );
}

#[test]
fn an_open_pull_request_is_closed_once_the_base_no_longer_needs_it() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.pr(&[]).code(0);
    s.push_to_main(&[("a.py", FIXED)]);
    let output_file = s.project.path("github_output");
    let run = s.pr_with(&[], &[("GITHUB_TOKEN", TOKEN), ("GITHUB_OUTPUT", output_file.to_str().unwrap())]);
    run.code(0);
    let url = format!("https://github.com/{OWNER}/{NAME}/pull/1");
    assert!(run.out().starts_with(&format!("Closed {url}: `main`")), "{}", run.out());
    assert_eq!(s.github.pulls()[0].state, "closed");
    assert!(s.github.requests().iter().any(|r| r.method == "PATCH" && r.json()["state"] == "closed"));
    assert!(!s.remote_has_branch(), "the obsolete branch is deleted");
    assert_eq!(
        fs::read_to_string(&output_file).unwrap(),
        format!("pull-request-number=1\npull-request-url={url}\npull-request-operation=closed\n")
    );
}

#[test]
fn bad_credentials_fail_naming_the_call_the_status_and_the_message() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let run = s.pr_with(&[], &[("GITHUB_TOKEN", "wrong-token")]);
    run.code(2);
    assert_eq!(run.out(), "");
    assert!(!run.stderr.contains("wrong-token"), "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!(
            "pitfix: error: pr: step `find the base branch` failed: GET /repos/{OWNER}/{NAME} answered 401 Unauthorized: \
             Bad credentials (check the token in $GITHUB_TOKEN or $GH_TOKEN)\n"
        )
    );
    assert!(!s.remote_has_branch());
}

#[test]
fn a_missing_token_fails_unless_dry_run() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let run = s.pr_with(&[], &[]);
    run.code(2);
    assert!(run.stderr.starts_with("pitfix: error: pr: step `find the token` failed: no token: set $GITHUB_TOKEN"), "{}", run.stderr);
    assert!(s.github.lines().is_empty());
}

#[test]
fn a_rate_limit_answer_is_waited_out_and_retried() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.github.with(|state| state.rate_limit_next_create = true);
    let start = Instant::now();
    let run = s.pr(&[]);
    run.code(0);
    assert!(start.elapsed().as_secs_f64() >= 1.0, "waited for retry-after");
    let posts = s.github.lines().iter().filter(|l| l.starts_with("POST")).count();
    assert_eq!(posts, 2);
    assert!(run.stderr.contains("answered 429; retrying in 1 s"), "{}", run.stderr);
    assert_eq!(s.github.pulls().len(), 1);
}

#[test]
fn a_duplicate_answer_updates_the_existing_pull_request() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.pr(&[]).code(0);
    s.github.clear_requests();
    // Someone's run opened it meanwhile: the lookup misses it and GitHub answers 422.
    s.github.with(|state| state.hide_next_list = true);
    let run = s.pr(&[]);
    run.code(0);
    assert_eq!(
        s.github.lines(),
        [
            format!("GET /repos/{OWNER}/{NAME}"),
            list_line(),
            format!("POST {}", pulls_path()),
            list_line(),
            format!("PATCH {}/1", pulls_path()),
        ]
    );
    assert_eq!(s.github.pulls().len(), 1);
}

#[test]
fn actions_not_permitted_names_the_repository_setting() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.github.with(|state| state.forbid_create = true);
    let run = s.pr(&[]);
    run.code(2);
    assert!(run.stderr.contains("step `open the pull request` failed: POST /repos/octo/app/pulls answered 403 Forbidden"), "{}", run.stderr);
    assert!(run.stderr.contains("Settings → Actions → General → Workflow permissions"), "{}", run.stderr);
}

#[test]
fn labels_and_draft_are_sent() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.pr(&["--label", "pitfix", "--label", "python,bot", "--draft", "--base", "main"]).code(0);
    let requests = s.github.requests();
    let lines: Vec<String> = requests.iter().map(|r| r.line()).collect();
    // `--base` spares the repository lookup.
    assert_eq!(
        lines,
        [list_line(), format!("POST {}", pulls_path()), format!("POST /repos/{OWNER}/{NAME}/issues/1/labels")]
    );
    assert_eq!(requests[1].json()["draft"], true);
    assert_eq!(requests[2].json(), serde_json::json!({ "labels": ["pitfix", "python", "bot"] }));
}
