//! When GitHub refuses the review, and when a step fails.
use super::*;

#[test]
fn a_forbidden_review_falls_back_to_annotations() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    s.push_feature(&[("a.py", FEATURE_A), ("b.py", FEATURE_B)]);
    s.github.with(|state| state.forbid_reviews = true);
    let event = s.event("someone/app");
    let output_file = s.project.path("github_output");
    let run = s.review_with(
        &[],
        &[
            ("GITHUB_TOKEN", TOKEN),
            ("GITHUB_EVENT_PATH", event.to_str().unwrap()),
            ("GITHUB_OUTPUT", output_file.to_str().unwrap()),
        ],
    );
    run.code(0);
    assert!(s.github.reviews().is_empty());
    assert!(
        run.stderr.contains("cannot post the review (POST /repos/octo/app/pulls/7/reviews answered 403: Resource not accessible by integration): the pull request comes from a fork, and GitHub gives its workflows a read-only token; printing the findings as annotations instead"),
        "{}",
        run.stderr
    );
    let out = run.out();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(
        lines[0],
        "::warning file=a.py,line=5,endLine=5,title=pitfix is-literal::`is` with a literal compares identity, which CPython only sometimes shares; use `==`%0ASuggested fix (`pitfix apply`):%0Aif y == 2000:"
    );
    assert!(lines[1].starts_with("::warning file=b.py,line=6,endLine=6,title=pitfix exit-swallows::"), "{out}");
    assert!(lines[2].starts_with("::warning file=b.py,line=9,endLine=10,title=pitfix mutable-default::"), "{out}");
    assert!(lines[3].ends_with("(printed as annotations)"), "{out}");
    assert_eq!(fs::read_to_string(&output_file).unwrap(), "findings=3\nsuggestions=2\n");
}

#[test]
fn a_run_without_a_pull_request_fails_with_exit_2() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    let run = s.review_with(&[], &[("GITHUB_TOKEN", TOKEN)]);
    run.code(2);
    assert!(run.stderr.contains("review: step `find the pull request` failed: no pull request: pass --pr N"), "{}", run.stderr);
    let event = s.project.write("push.json", r#"{"ref":"refs/heads/main"}"#);
    let run = s.review_with(&[], &[("GITHUB_TOKEN", TOKEN), ("GITHUB_EVENT_PATH", event.to_str().unwrap())]);
    run.code(2);
    assert!(run.stderr.contains("holds no `pull_request`"), "{}", run.stderr);
    let run = s.review_with(&["--dry-run", "--pr", "3"], &[]);
    run.code(2);
    assert!(run.stderr.contains("--pr 3 needs a token"), "{}", run.stderr);
}

#[test]
fn a_clean_pull_request_posts_nothing() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    s.push_feature(&[("c.py", "x = 1\n")]);
    let output_file = s.project.path("github_output");
    let run = s.review(&[], &[("GITHUB_OUTPUT", output_file.to_str().unwrap())]);
    run.code(0);
    assert_eq!(s.github.lines(), [comments_line()]);
    assert_eq!(fs::read_to_string(&output_file).unwrap(), "findings=0\nsuggestions=0\n");
}

#[test]
fn crlf_and_tabs_are_kept_in_the_suggestion() {
    let s = Setup::new(&[("a.py", "x = 1\r\n")]);
    s.push_feature(&[("a.py", "x = 1\r\ndef add(item, tags=[]):\r\n\ttags.append(item)\r\n\treturn len(tags)\r\n")]);
    s.review(&[], &[]).code(0);
    let reviews = s.github.reviews();
    let body = reviews[0].comments[0]["body"].as_str().unwrap_or("").to_owned();
    assert!(
        body.contains("```suggestion\ndef add(item, tags=None):\r\n\tif tags is None:\r\n\t\ttags = []\r\n\ttags.append(item)\n```"),
        "{body:?}"
    );
}

#[test]
fn a_fix_far_from_its_finding_is_a_plain_comment_with_the_diff() {
    let base = "from datetime import datetime\n\n\n\n\n\ndef now():\n    return 0\n";
    let s = Setup::new(&[("d.py", base)]);
    s.push_feature(&[("d.py", &base.replace("return 0", "return datetime.utcnow()"))]);
    let run = s.review(&["--dry-run"], &[]);
    run.code(0);
    let out = run.out();
    assert!(out.starts_with("Dry run: pull request #7: would post one review with 1 comment (0 suggestions).\n"), "{out}");
    assert!(out.contains("===== comment on d.py:8 =====\n**pitfix · `naive-utc`**"), "{out}");
    assert!(out.contains("The fix cannot be a one-click suggestion: the fix changes several places of the file"), "{out}");
    assert!(out.contains("```diff\ndiff --git a/d.py b/d.py\n--- a/d.py\n+++ b/d.py\n"), "{out}");
    assert!(out.contains("-from datetime import datetime\n+from datetime import datetime, timezone\n"), "{out}");
    assert!(!out.contains("```suggestion"), "{out}");
}

#[test]
fn a_head_the_checkout_lacks_is_fetched() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    // The pull request is pushed from another clone: `work` has never seen its commit.
    s.git(".", &["clone", "--quiet", "remote.git", "other"]);
    s.git("other", &["checkout", "--quiet", "-b", "feature"]);
    s.commit("other", &[("a.py", FEATURE_A)], "change");
    s.git("other", &["push", "--quiet", "origin", "feature"]);
    let head = s.git("other", &["rev-parse", "HEAD"]);
    assert!(!s.git_output("work", &["cat-file", "-e", &format!("{head}^{{commit}}")]).status.success());
    s.review(&[], &[]).code(0);
    let reviews = s.github.reviews();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].commit_id, head);
    assert_eq!(reviews[0].comments[0]["line"].as_u64(), Some(5));
}

#[test]
fn a_read_only_token_on_a_pull_request_of_the_same_repository() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    s.push_feature(&[("a.py", FEATURE_A)]);
    s.github.with(|state| state.forbid_reviews = true);
    let run = s.review(&[], &[]);
    run.code(0);
    assert!(run.stderr.contains("the token cannot write pull request reviews (a workflow needs `permissions: pull-requests: write`)"), "{}", run.stderr);
    assert!(run.out().starts_with("::warning file=a.py,line=5,endLine=5,title=pitfix is-literal::"), "{}", run.out());
}
