//! Safety: pitfix changes only its own branch and pull request, talks to GitHub safely and runs no injected option.
use super::*;

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
