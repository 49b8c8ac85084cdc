//! The user's checkout stays as it was; paths, config and dry runs.
use super::*;

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

#[test]
fn pull_requests_per_transform_leave_the_checkout_untouched_too() {
    let s = Setup::new(&[("a.py", FIXABLE), ("c.py", "def check(v):\n    assert (v, \"v must be set\")\n")]);
    s.git("work", &["switch", "--quiet", "-c", "feature"]);
    s.project.write("work/a.py", "staged = 1\n");
    s.git("work", &["add", "a.py"]);
    s.project.write("work/new.py", "y = 2 is 2000\n");
    for hook in ["pre-commit", "post-checkout", "pre-push", "reference-transaction"] {
        let path = s.project.write(&format!("work/.git/hooks/{hook}"), "#!/bin/sh\necho hook ran >&2\nexit 1\n");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let before = checkout_state(&s);
    let run = s.pr(&["--group", "per-transform"]);
    run.code(0);
    assert!(!run.stderr.contains("hook ran"), "{}", run.stderr);
    assert_eq!(checkout_state(&s), before);
    assert_eq!(s.github.pulls().len(), 2);
    assert_eq!(s.remote_git(&["show", "pitfix/is-literal:a.py"]) + "\n", FIXED);
}
