//! One review with suggestions on the changed lines; later pushes repeat nothing, add what is
//! new, and mark resolved what is gone.
use super::*;

#[test]
fn one_review_with_suggestions_on_the_changed_lines_only() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    let head = s.push_feature(&[("a.py", FEATURE_A), ("b.py", FEATURE_B)]);
    let output_file = s.project.path("github_output");
    let run = s.review(&[], &[("GITHUB_OUTPUT", output_file.to_str().unwrap())]);
    run.code(0);
    assert_eq!(s.github.lines(), [comments_line(), format!("POST {}/{NUMBER}/reviews", pulls_path())]);

    let reviews = s.github.reviews();
    assert_eq!(reviews.len(), 1);
    let review = &reviews[0];
    assert_eq!((review.number, review.commit_id.as_str(), review.event.as_str()), (NUMBER, head.as_str(), "COMMENT"));
    assert!(review.body.starts_with("### pitfix: 3 Python traps in the lines this pull request changes\n"), "{}", review.body);
    assert!(review.body.contains("- **`is-literal`** (1): "), "{}", review.body);
    assert!(review.body.contains("`pitfix explain is-literal` tells more."), "{}", review.body);
    assert!(review.body.contains("2 comments carry a suggestion"), "{}", review.body);

    // Three comments, on added lines only: the trap on line 2 of a.py, which the pull request
    // does not change, gets none.
    let places: Vec<(String, Option<u64>, u64)> = review
        .comments
        .iter()
        .map(|c| {
            let path = c["path"].as_str().unwrap_or("").to_owned();
            (path, c["start_line"].as_u64(), c["line"].as_u64().unwrap_or(0))
        })
        .collect();
    assert_eq!(
        places,
        [("a.py".to_owned(), None, 5), ("b.py".to_owned(), None, 6), ("b.py".to_owned(), Some(9), 10)]
    );
    for comment in &review.comments {
        assert_eq!(comment["side"], "RIGHT");
    }
    let body = |i: usize| review.comments[i]["body"].as_str().unwrap_or("").to_owned();
    assert!(body(0).contains("\n\n```suggestion\nif y == 2000:\n```\n\nA safe fix"), "{}", body(0));
    assert!(body(0).contains("<!-- pitfix-review: is-literal "), "{}", body(0));
    assert!(body(1).starts_with("**pitfix · `exit-swallows`**"), "{}", body(1));
    assert!(body(1).contains("pitfix has no automatic fix for this one") && !body(1).contains("```suggestion"), "{}", body(1));
    assert!(
        body(2).contains("```suggestion\ndef add(item, tags=None):\n    if tags is None:\n        tags = []\n    tags.append(item)\n```"),
        "{}",
        body(2)
    );

    assert_eq!(fs::read_to_string(&output_file).unwrap(), "findings=3\nsuggestions=2\n");
    assert!(run.out().starts_with(&format!("https://github.com/{OWNER}/{NAME}/pull/{NUMBER}#pullrequestreview-1\n")), "{}", run.out());
    assert!(
        run.out().contains("pitfix review: 3 findings in the changed lines of 2 Python files (2 suggestions); posted 3 new comments, 0 already posted; marked 0 comments resolved."),
        "{}",
        run.out()
    );
}

#[test]
fn a_later_push_repeats_nothing_adds_the_new_and_resolves_the_gone() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    s.push_feature(&[("a.py", FEATURE_A), ("b.py", FEATURE_B)]);
    s.review(&[], &[]).code(0);
    assert_eq!(s.github.review_comments().len(), 3);

    // Second push: lines added above b.py's traps move them (same findings), and a new trap.
    let moved_b = format!("import os\n\n\n{FEATURE_B}");
    let more_a = format!("{FEATURE_A}z = int('3000')\nif z is 3000:\n    pass\n");
    s.push_feature(&[("a.py", &more_a), ("b.py", &moved_b)]);
    s.github.clear_requests();
    let output_file = s.project.path("github_output");
    let run = s.review(&[], &[("GITHUB_OUTPUT", output_file.to_str().unwrap())]);
    run.code(0);
    let reviews = s.github.reviews();
    assert_eq!(reviews.len(), 2);
    let second = &reviews[1];
    assert_eq!(second.comments.len(), 1, "{:?}", second.comments);
    assert_eq!((second.comments[0]["path"].as_str(), second.comments[0]["line"].as_u64()), (Some("a.py"), Some(8)));
    assert!(second.body.contains("3 findings already commented on are not repeated."), "{}", second.body);
    // The counts are of every finding in the changed lines, old or new.
    assert_eq!(fs::read_to_string(&output_file).unwrap(), "findings=4\nsuggestions=3\n");
    assert!(run.out().contains("posted 1 new comment, 3 already posted; marked 0 comments resolved."), "{}", run.out());

    // Third push: the author fixes the `y` trap. Its comment is marked resolved; nothing is posted.
    let fixed_a = more_a.replace("if y is 2000:", "if y == 2000:");
    s.push_feature(&[("a.py", &fixed_a)]);
    s.github.clear_requests();
    let run = s.review(&[], &[]);
    run.code(0);
    let first_comment = s.github.review_comments().into_iter().next().expect("a comment");
    assert_eq!(
        s.github.lines(),
        [comments_line(), format!("PATCH {}/comments/{}", pulls_path(), first_comment.id)]
    );
    assert_eq!(s.github.reviews().len(), 2);
    assert!(first_comment.body.starts_with("~~**pitfix · `is-literal`**"), "{}", first_comment.body);
    assert!(first_comment.body.contains("Resolved: pitfix no longer finds this in "), "{}", first_comment.body);
    assert!(first_comment.body.contains(" resolved -->"), "{}", first_comment.body);
    assert!(run.out().contains("posted 0 new comments, 3 already posted; marked 1 comment resolved."), "{}", run.out());

    // Nothing changed since: no review, no edit.
    s.github.clear_requests();
    s.review(&[], &[]).code(0);
    assert_eq!(s.github.lines(), [comments_line()]);
}

#[test]
fn pr_option_outside_actions_with_the_checkout_elsewhere_and_a_dry_run() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    let head = s.push_feature(&[("a.py", FEATURE_A), ("b.py", FEATURE_B)]);
    let base = s.git("remote.git", &["rev-parse", "main"]);
    s.github.with(|state| state.pull_refs.push((NUMBER, base, head)));
    // The checkout is on `main` with a local edit: the head is read from a worktree of its own.
    s.git("work", &["checkout", "--quiet", "main"]);
    s.project.write("work/a.py", "# a local edit\n");
    let run = s.review_with(&["--pr", "7", "--dry-run"], &[("GITHUB_TOKEN", TOKEN)]);
    run.code(0);
    assert_eq!(s.github.lines(), [format!("GET {}/{NUMBER}", pulls_path()), comments_line()]);
    assert!(s.github.reviews().is_empty());
    let out = run.out();
    assert!(out.starts_with("Dry run: pull request #7: would post one review with 3 comments (2 suggestions).\n"), "{out}");
    assert!(out.contains("===== comment on a.py:5 =====\n**pitfix · `is-literal`**"), "{out}");
    assert!(out.contains("===== comment on b.py:9-10 =====\n"), "{out}");
    assert!(out.contains("would post 3 new comments"), "{out}");
    // The user's files are as they were.
    assert_eq!(s.project.read_string("work/a.py"), "# a local edit\n");
}

#[test]
fn a_dry_run_needs_no_token_and_calls_no_api() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    s.push_feature(&[("a.py", FEATURE_A)]);
    let event = s.event(&format!("{OWNER}/{NAME}"));
    let run = s.review_with(&["--dry-run"], &[("GITHUB_EVENT_PATH", event.to_str().unwrap())]);
    run.code(0);
    assert!(s.github.lines().is_empty());
    assert!(run.out().contains("```suggestion\nif y == 2000:\n```"), "{}", run.out());
}

#[test]
fn paths_narrow_the_files() {
    let s = Setup::new(&[("a.py", BASE_A)]);
    s.push_feature(&[("a.py", FEATURE_A), ("b.py", FEATURE_B)]);
    let run = s.review(&["--dry-run", "b.py"], &[]);
    run.code(0);
    assert!(run.out().starts_with("Dry run: pull request #7: would post one review with 2 comments (1 suggestion).\n"), "{}", run.out());
    assert!(!run.out().contains("a.py"), "{}", run.out());
}

#[test]
fn review_false_in_the_bot_config_turns_it_off() {
    let off = "[tool.pitfix.bot]\nreview = false\n";
    let s = Setup::new(&[("a.py", BASE_A), ("pyproject.toml", off)]);
    s.push_feature(&[("a.py", FEATURE_A)]);
    let outputs = s.project.path("outputs");
    let run = s.review(&[], &[("GITHUB_OUTPUT", outputs.to_str().unwrap())]);
    run.code(0);
    assert!(run.out().contains("turned off (`review = false` in [tool.pitfix.bot])"), "{}", run.out());
    assert!(s.github.lines().is_empty(), "no API call: {:?}", s.github.lines());
    let written = std::fs::read_to_string(&outputs).unwrap();
    assert!(written.contains("findings=0") && written.contains("suggestions=0"), "{written}");
}

#[test]
fn unsafe_fixes_in_the_bot_config_suggest_unsafe_fixes() {
    // `tags.append` of a parameter the function hands out: mutable-default's fix is unsafe.
    let shared = "def add(item, tags=[]):\n    tags.append(item)\n    return tags\n";
    let on = "[tool.pitfix.bot]\nunsafe-fixes = true\n";
    let s = Setup::new(&[("a.py", BASE_A)]);
    s.push_feature(&[("b.py", shared)]);
    let without = s.review(&["--dry-run"], &[]);
    without.code(0);
    assert!(!without.out().contains("```suggestion"), "{}", without.out());
    s.push_feature(&[("pyproject.toml", on)]);
    let with = s.review(&["--dry-run"], &[]);
    with.code(0);
    assert!(with.out().contains("```suggestion\ndef add(item, tags=None):"), "{}", with.out());
}
