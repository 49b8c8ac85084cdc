//! End-to-end tests of `pitfix pr`: real git (a bare repository as the remote, a clone as the
//! user's checkout) and a fake GitHub API on 127.0.0.1 that records every call.
mod common;
#[path = "common/fake_github.rs"]
mod fake_github;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Instant;

use common::{Project, pitfix};
use fake_github::{FakeGitHub, NAME, OWNER, TOKEN};

const FIXABLE: &str = "x = int('1000')\nif x is 1000:\n    pass\n";
const FIXED: &str = "x = int('1000')\nif x == 1000:\n    pass\n";
const CLEAN: &str = "x = 1\n";
const BRANCH: &str = "pitfix/fixes";

/// Variables of the test's own environment that must not reach pitfix or git (a CI runner on
/// GitHub Actions sets the first ones).
const SCRUBBED: &[&str] = &[
    "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY",
    "GITHUB_ACTIONS", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
    "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR", "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
];

/// A bare repository as the remote, the user's clone of it, and the fake API.
struct Setup {
    project: Project,
    github: FakeGitHub,
}

impl Setup {
    /// A remote whose `main` holds `files`, cloned into `work/`.
    fn new(files: &[(&str, &str)]) -> Self {
        let project = Project::new();
        fs::write(project.path("gitconfig"), "").unwrap();
        let setup = Setup { project, github: FakeGitHub::start() };
        setup.git(".", &["init", "--quiet", "--bare", "remote.git"]);
        setup.git(".", &["clone", "--quiet", "remote.git", "work"]);
        for (path, text) in files {
            setup.project.write(&format!("work/{path}"), text);
        }
        setup.git("work", &["add", "--all"]);
        setup.git("work", &["commit", "--quiet", "--allow-empty", "-m", "first"]);
        setup.git("work", &["push", "--quiet", "origin", "main"]);
        setup.git("work", &["remote", "set-head", "origin", "main"]);
        setup
    }

    fn work(&self) -> PathBuf {
        self.project.path("work")
    }

    /// Runs git with a test identity and no global or system config.
    fn git(&self, dir: &str, args: &[&str]) -> String {
        let output = self.git_output(dir, args);
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).trim_end().to_owned()
    }

    fn git_output(&self, dir: &str, args: &[&str]) -> Output {
        std::process::Command::new("git")
            .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"])
            .args(args)
            .current_dir(self.project.path(dir))
            .env("GIT_CONFIG_GLOBAL", self.project.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            // `git status` must not refresh the index: the tests compare its bytes.
            .env("GIT_OPTIONAL_LOCKS", "0")
            .env("GIT_AUTHOR_NAME", "Test Dev")
            .env("GIT_AUTHOR_EMAIL", "dev@example.com")
            .env("GIT_COMMITTER_NAME", "Test Dev")
            .env("GIT_COMMITTER_EMAIL", "dev@example.com")
            .output()
            .expect("git runs")
    }

    /// `git` on the bare remote.
    fn remote_git(&self, args: &[&str]) -> String {
        self.git("remote.git", args)
    }

    fn remote_has_branch(&self) -> bool {
        self.git_output("remote.git", &["rev-parse", "--verify", "--quiet", &format!("refs/heads/{BRANCH}")]).status.success()
    }

    /// Commits `files` on `main` from a second clone and pushes them, as a teammate would.
    fn push_to_main(&self, files: &[(&str, &str)]) {
        if !self.project.path("other").exists() {
            self.git(".", &["clone", "--quiet", "remote.git", "other"]);
        }
        self.git("other", &["pull", "--quiet", "--ff-only", "origin", "main"]);
        for (path, text) in files {
            self.project.write(&format!("other/{path}"), text);
        }
        self.git("other", &["add", "--all"]);
        self.git("other", &["commit", "--quiet", "-m", "more"]);
        self.git("other", &["push", "--quiet", "origin", "main"]);
    }

    /// Runs `pitfix pr` in `work/` with the token, repository and API of the fake.
    fn pr(&self, args: &[&str]) -> common::Run {
        self.pr_with(args, &[("GITHUB_TOKEN", TOKEN)])
    }

    fn pr_with(&self, args: &[&str], env: &[(&str, &str)]) -> common::Run {
        self.pr_in("work", args, env)
    }

    /// Runs `pitfix pr` in a folder of the project.
    fn pr_in(&self, dir: &str, args: &[&str], env: &[(&str, &str)]) -> common::Run {
        let mut cmd = pitfix();
        cmd.arg("pr").args(args).current_dir(self.project.path(dir));
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        cmd.env("GIT_CONFIG_GLOBAL", self.project.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GITHUB_REPOSITORY", format!("{OWNER}/{NAME}"))
            .env("GITHUB_API_URL", &self.github.url);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let output = cmd.output().expect("pitfix runs");
        let run = common::Run {
            code: output.status.code().expect("exit code"),
            stdout: output.stdout,
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        };
        assert!(!run.out().contains(TOKEN) && !run.stderr.contains(TOKEN), "the token was printed:\n{run:?}");
        run
    }

    fn file_on_branch(&self, path: &str) -> String {
        self.remote_git(&["show", &format!("{BRANCH}:{path}")])
    }
}

fn pulls_path() -> String {
    format!("/repos/{OWNER}/{NAME}/pulls")
}

fn list_line() -> String {
    format!("GET {}?head={OWNER}:{BRANCH}&state=open", pulls_path())
}

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

/// Everything `git status` and friends would show of the user's checkout.
fn checkout_state(s: &Setup) -> Vec<String> {
    let work = s.work();
    let mut files: Vec<String> = Vec::new();
    for entry in walk(&work) {
        let rel = entry.strip_prefix(&work).unwrap().to_string_lossy().into_owned();
        if rel.starts_with(".git/") && !["index", "HEAD", "config"].iter().any(|k| rel == format!(".git/{k}")) {
            continue;
        }
        files.push(format!("{rel}: {:?}", fs::read(&entry).unwrap()));
    }
    files.sort();
    files.push(s.git("work", &["status", "--porcelain=v2", "--branch", "--untracked-files=all"]));
    files.push(s.git("work", &["worktree", "list", "--porcelain"]));
    files.push(format!("worktrees folder: {}", work.join(".git/worktrees").exists()));
    files.push(s.git("work", &["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads", "refs/stash"]));
    files
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_users_checkout_is_untouched_and_its_hooks_and_signing_do_not_interfere() {
    let s = Setup::new(&[("a.py", FIXABLE), ("b.py", FIXABLE)]);
    // The user is on a feature branch, with staged, unstaged and untracked changes.
    s.git("work", &["switch", "--quiet", "-c", "feature"]);
    s.project.write("work/a.py", "staged = 1\n");
    s.git("work", &["add", "a.py"]);
    s.project.write("work/b.py", "x = 1\nif x is 1000: pass  # unstaged\n");
    s.project.write("work/new.py", "y = 2 is 2000\n");
    // Hooks that would fail any commit, checkout or push, and signing that cannot work.
    for hook in ["pre-commit", "prepare-commit-msg", "commit-msg", "post-checkout", "pre-push", "reference-transaction"] {
        let path = s.project.write(&format!("work/.git/hooks/{hook}"), "#!/bin/sh\necho hook ran >&2\nexit 1\n");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    s.git("work", &["config", "commit.gpgSign", "true"]);
    s.git("work", &["config", "user.signingKey", "no-such-key"]);
    s.git("work", &["config", "user.name", "Configured Dev"]);
    s.git("work", &["config", "user.email", "configured@example.com"]);
    let before = checkout_state(&s);

    s.pr(&[]).code(0);

    assert_eq!(checkout_state(&s), before);
    // The fixes are those of main, not of the user's changes.
    assert_eq!(s.file_on_branch("a.py") + "\n", FIXED);
    assert_eq!(s.file_on_branch("b.py") + "\n", FIXED);
    assert!(s.git_output("remote.git", &["cat-file", "-e", &format!("{BRANCH}:new.py")]).status.code() != Some(0));
    let author = s.remote_git(&["log", "-1", "--format=%an <%ae>", BRANCH]);
    assert_eq!(author, "Configured Dev <configured@example.com>", "git config's identity");
}

#[test]
fn dry_run_needs_no_token_and_changes_nothing() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let run = s.pr_with(&["--dry-run"], &[]);
    run.code(0);
    let out = run.out();
    assert!(out.starts_with("Dry run: would push "), "{out}");
    assert!(out.contains(&format!("(one commit on `main`) to origin {BRANCH}.\n")), "{out}");
    assert!(out.contains(&format!("Dry run: would open a pull request from `{BRANCH}` into `main`.\n")), "{out}");
    assert!(out.contains("\nTitle: Fix 1 Python pitfall found by pitfix\n\npitfix found 1 Python pitfall on `main`"), "{out}");
    assert!(out.contains("+if x == 1000:"), "{out}");
    assert!(s.github.lines().is_empty(), "no API call without a token");
    assert!(!s.remote_has_branch());
}

#[test]
fn dry_run_with_a_token_reads_but_does_not_write() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.pr(&[]).code(0);
    s.push_to_main(&[("b.py", "z = 3 is 3000\n")]);
    let before = s.remote_git(&["rev-parse", BRANCH]);
    s.github.clear_requests();
    let run = s.pr(&["--dry-run"]);
    run.code(0);
    assert!(run.out().contains(&format!("would update pull request #1 (https://github.com/{OWNER}/{NAME}/pull/1)")), "{}", run.out());
    assert!(s.github.requests().iter().all(|r| r.method == "GET"), "{:?}", s.github.lines());
    assert_eq!(s.remote_git(&["rev-parse", BRANCH]), before, "nothing pushed");
}

#[test]
fn paths_config_and_selection_are_those_of_apply_from_a_subfolder() {
    let s = Setup::new(&[
        ("src/a.py", FIXABLE),
        ("src/gen/skip.py", FIXABLE),
        ("tests/t.py", FIXABLE),
        ("pyproject.toml", "[tool.pitfix]\nextend-exclude = [\"src/gen\"]\n"),
    ]);
    // From `src/`, naming `.`: only src/ is fixed, and the config's exclude (anchored at the
    // top) still applies.
    let run = s.pr_in("work/src", &["--dry-run", "--select", "is-literal", "."], &[]);
    run.code(0);
    let out = run.out();
    assert!(out.contains("### Files\n\n- `src/a.py` (1)\n\n"), "{out}");
    assert!(!out.contains("tests/t.py") && !out.contains("skip.py"), "{out}");
    assert!(out.contains("diff --git a/src/a.py b/src/a.py"), "{out}");
}

#[test]
fn a_path_outside_the_checkout_fails_naming_the_step() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let outside = s.project.path("elsewhere");
    fs::create_dir_all(&outside).unwrap();
    let run = s.pr_with(&["--dry-run", outside.to_str().unwrap()], &[]);
    run.code(2);
    assert!(run.stderr.starts_with("pitfix: error: pr: step `compute the fixes` failed: "), "{}", run.stderr);
    assert!(run.stderr.contains("outside the git checkout"), "{}", run.stderr);
}

// --- Safety: pitfix changes only what it made ----------------------------------------------

/// The remote's branches and their commits.
fn remote_refs(s: &Setup) -> String {
    s.remote_git(&["for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"])
}

/// Commits `files` on `branch` (created from `main` when new) from a second clone and pushes it,
/// as a person would.
fn push_human_commit(s: &Setup, branch: &str, files: &[(&str, &str)]) {
    if !s.project.path("other").exists() {
        s.git(".", &["clone", "--quiet", "remote.git", "other"]);
    }
    s.git("other", &["fetch", "--quiet", "origin"]);
    let exists = s.git_output("other", &["rev-parse", "--verify", "--quiet", &format!("origin/{branch}")]).status.success();
    let start = if exists { format!("origin/{branch}") } else { "origin/main".to_owned() };
    s.git("other", &["switch", "--quiet", "--force-create", branch, &start]);
    for (path, text) in files {
        s.project.write(&format!("other/{path}"), text);
    }
    s.git("other", &["add", "--all"]);
    s.git("other", &["commit", "--quiet", "-m", "a person's work"]);
    s.git("other", &["push", "--quiet", "origin", branch]);
}

#[test]
fn a_human_commit_on_the_fix_branch_stops_the_run_and_keeps_the_branch() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.pr(&[]).code(0);
    push_human_commit(&s, BRANCH, &[("notes.txt", "mine\n")]);
    s.push_to_main(&[("b.py", "z = 3 is 3000\n")]);
    let before = remote_refs(&s);
    s.github.clear_requests();
    let run = s.pr(&[]);
    run.code(2);
    assert!(run.stderr.contains("step `check that the branch and pull request are pitfix's` failed"), "{}", run.stderr);
    assert!(run.stderr.contains("that pitfix did not make (it has no `Pitfix-Run:` trailer)"), "{}", run.stderr);
    assert_eq!(remote_refs(&s), before, "the remote is as it was");
    assert!(s.github.requests().iter().all(|r| r.method == "GET"), "{:?}", s.github.lines());
}

#[test]
fn a_pitfix_commit_changed_by_a_person_is_not_overwritten() {
    // The person amended pitfix's commit: the trailer is still there, but the branch is no longer
    // where pitfix's marker says it pushed it.
    let s = Setup::new(&[("a.py", FIXABLE)]);
    s.pr(&[]).code(0);
    s.git(".", &["clone", "--quiet", "--branch", BRANCH, "remote.git", "amend"]);
    s.project.write("amend/notes.txt", "mine\n");
    s.git("amend", &["add", "--all"]);
    s.git("amend", &["commit", "--quiet", "--amend", "--no-edit"]);
    s.git("amend", &["push", "--quiet", "--force", "origin", BRANCH]);
    s.push_to_main(&[("b.py", "z = 3 is 3000\n")]);
    let before = remote_refs(&s);
    let run = s.pr(&[]);
    run.code(2);
    assert!(run.stderr.contains("where pitfix last pushed it: someone changed it"), "{}", run.stderr);
    assert_eq!(remote_refs(&s), before);
}

#[test]
fn a_branch_with_human_history_is_refused() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    push_human_commit(&s, "develop", &[("b.py", "y = 1\n")]);
    let before = remote_refs(&s);
    let run = s.pr(&["--branch", "develop"]);
    run.code(2);
    assert!(run.stderr.contains("the branch `develop` of `origin` holds commit "), "{}", run.stderr);
    assert_eq!(remote_refs(&s), before, "develop is as it was");
    assert!(s.github.pulls().is_empty());
    // A branch that is the base's own history (no commit of pitfix's on top) is not taken over either.
    s.git("work", &["push", "--quiet", "origin", "main:refs/heads/release"]);
    let run = s.pr(&["--branch", "release"]);
    run.code(2);
    assert!(run.stderr.contains("holds no commit of pitfix's on top of `main`"), "{}", run.stderr);
    assert_eq!(s.remote_git(&["rev-parse", "release"]), s.remote_git(&["rev-parse", "main"]));
}

#[test]
fn a_persons_pull_request_is_neither_closed_nor_updated_nor_its_branch_deleted() {
    let s = Setup::new(&[("clean.py", CLEAN)]);
    push_human_commit(&s, "feature", &[("feature.py", CLEAN)]);
    s.github.with(|state| {
        state.pulls.push(fake_github::Pull {
            number: 1,
            head: format!("{OWNER}:feature"),
            base: "main".to_owned(),
            title: "My feature".to_owned(),
            body: "Please review.".to_owned(),
            state: "open".to_owned(),
            draft: false,
            labels: Vec::new(),
        })
    });
    let before = remote_refs(&s);
    // A clean base: pitfix would close the pull request and delete its branch.
    let run = s.pr(&["--branch", "feature"]);
    run.code(2);
    assert!(run.stderr.contains("was not opened by pitfix (its body has no `<!-- pitfix ...-->` marker)"), "{}", run.stderr);
    assert_eq!(s.github.pulls()[0].state, "open");
    assert_eq!(remote_refs(&s), before, "the person's branch is kept");
    // A base with something to fix: pitfix would push to the branch and rewrite the pull request.
    s.push_to_main(&[("a.py", FIXABLE)]);
    let before = remote_refs(&s);
    s.github.clear_requests();
    let run = s.pr(&["--branch", "feature"]);
    run.code(2);
    assert_eq!(remote_refs(&s), before);
    assert!(s.github.requests().iter().all(|r| r.method == "GET"), "{:?}", s.github.lines());
    assert_eq!((s.github.pulls()[0].title.as_str(), s.github.pulls()[0].body.as_str()), ("My feature", "Please review."));
}

// --- Safety: the token, the config, git's arguments, the outputs --------------------------

#[test]
fn plain_http_to_another_host_is_refused_before_any_request() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    // Through a proxy (the fake), a request to another host would reach the fake with the token.
    let run = s.pr_with(
        &["--api-url", "http://api.example.com"],
        &[("GITHUB_TOKEN", TOKEN), ("HTTP_PROXY", &s.github.url), ("ALL_PROXY", &s.github.url), ("NO_PROXY", "")],
    );
    run.code(2);
    assert!(run.stderr.contains("would send the token in clear text"), "{}", run.stderr);
    assert!(s.github.requests().is_empty(), "{:?}", s.github.lines());
    assert!(!s.remote_has_branch());
}

#[test]
fn a_config_planted_above_the_repository_is_ignored() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    // The temporary folder (where the worktree goes) and the folder above the checkout each
    // hold a config that would turn the fix off.
    let tmp = s.project.path("tmp");
    fs::create_dir_all(&tmp).unwrap();
    s.project.write("tmp/pitfix.toml", "ignore = [\"is-literal\"]\n");
    s.project.write("pitfix.toml", "ignore = [\"is-literal\"]\n");
    let run = s.pr_with(&["--dry-run"], &[("TMPDIR", tmp.to_str().unwrap())]);
    run.code(0);
    assert!(run.out().contains("+if x == 1000:"), "{}", run.out());
    // The repository's own config still applies.
    s.push_to_main(&[("pitfix.toml", "ignore = [\"is-literal\"]\n")]);
    let run = s.pr_with(&["--dry-run"], &[("TMPDIR", tmp.to_str().unwrap())]);
    run.code(0);
    assert!(run.out().starts_with("Nothing to fix on `main`"), "{}", run.out());
}

#[test]
fn option_like_remote_and_branch_names_are_refused_and_nothing_runs() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let marker = s.project.path("pwned");
    let remote = format!("--remote=--upload-pack=touch {};git-upload-pack", marker.display());
    let run = s.pr(&[&remote]);
    run.code(2);
    assert!(run.stderr.contains("is not a valid git remote name"), "{}", run.stderr);
    assert!(!marker.exists(), "git ran the planted command");
    let run = s.pr(&["--branch=--upload-pack=x"]);
    run.code(2);
    assert!(run.stderr.contains("is not a valid branch name"), "{}", run.stderr);
    let run = s.pr(&["--branch", "bad..name"]);
    run.code(2);
    assert!(run.stderr.contains("`bad..name` is not a valid branch name"), "{}", run.stderr);
    assert!(s.github.requests().is_empty(), "{:?}", s.github.lines());
    assert!(!s.remote_has_branch());
}

/// `$GITHUB_OUTPUT` read as GitHub reads it: `name=value` lines and `name<<DELIMITER` blocks.
fn read_outputs(text: &str) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delimiter).collect();
            outputs.push((name.to_owned(), value.join("\n")));
        } else if let Some((name, value)) = line.split_once('=') {
            outputs.push((name.to_owned(), value.to_owned()));
        }
    }
    outputs
}

#[test]
fn a_newline_in_an_answer_cannot_add_outputs() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let url = "https://github.com/octo/app/pull/1\npull-request-operation=hacked\nevil=1";
    s.github.with(|state| state.html_url = Some(url.to_owned()));
    let output_file = s.project.path("github_output");
    let run = s.pr_with(&[], &[("GITHUB_TOKEN", TOKEN), ("GITHUB_OUTPUT", output_file.to_str().unwrap())]);
    run.code(0);
    let outputs = read_outputs(&fs::read_to_string(&output_file).unwrap());
    let expected = [("pull-request-number", "1"), ("pull-request-url", url), ("pull-request-operation", "created")];
    assert_eq!(outputs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

#[test]
fn a_token_with_a_trailing_newline_works_and_a_bad_one_is_named() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let token = format!("{TOKEN}\n");
    s.pr_with(&[], &[("GITHUB_TOKEN", &token)]).code(0);
    assert_eq!(s.github.pulls().len(), 1);
    let run = s.pr_with(&[], &[("GITHUB_TOKEN", "abc\u{1}def")]);
    run.code(2);
    assert!(run.stderr.contains("the token in $GITHUB_TOKEN (or $GH_TOKEN) cannot be sent in an HTTP header"), "{}", run.stderr);
    assert!(!run.stderr.contains("abc\u{1}def") && !run.stderr.contains("def"), "{}", run.stderr);
}

#[test]
fn an_interrupted_run_removes_its_worktree_and_temporary_folder() {
    let files: Vec<(String, &str)> = (0..1500).map(|i| (format!("f{i:04}.py"), FIXABLE)).collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let s = Setup::new(&files);
    let tmp = s.project.path("tmp");
    fs::create_dir_all(&tmp).unwrap();
    for signal in ["TERM", "INT", "HUP"] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pitfix"));
        cmd.args(["pr", "--dry-run"]).current_dir(s.work());
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        let child = cmd
            .env("GIT_CONFIG_GLOBAL", s.project.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TMPDIR", &tmp)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("pitfix runs");
        // Once the temporary folder of the worktree exists, the signal comes.
        let start = Instant::now();
        while fs::read_dir(&tmp).unwrap().next().is_none() && start.elapsed().as_secs() < 30 {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let _ = std::process::Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status();
        let output = child.wait_with_output().expect("pitfix ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(matches!(output.status.code(), Some(0 | 130)), "SIG{signal}: {}: {stderr}", output.status);
        let left: Vec<_> = fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(left.is_empty(), "SIG{signal}: temporary folders left: {left:?}");
        let worktrees = s.git("work", &["worktree", "list", "--porcelain"]);
        assert_eq!(worktrees.matches("worktree ").count(), 1, "SIG{signal}: {worktrees}");
        assert!(!s.remote_has_branch());
        eprintln!("SIG{signal}: {}", output.status);
    }
}
