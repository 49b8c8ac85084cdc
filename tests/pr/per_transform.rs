//! One pull request per transform: branches and titles, the cap, declined fix sets, reviewers
//! and labels set once, `--status`, and the `[tool.pitfix.bot]` table.
use super::*;

/// Two `is-literal` sites in two functions.
const LITERALS: &str = "def f(x):\n    if x is 1000:\n        return 1\n    return 0\n\n\ndef g(x):\n    if x is 2000:\n        return 2\n    return 0\n";
const TASKS: &str = "import asyncio\n\nasync def main():\n    asyncio.create_task(work())\n";
const ASSERTS: &str = "def check(v):\n    assert (v, \"v must be set\")\n";

impl Setup {
    fn three_transforms() -> Self {
        Setup::new(&[("a.py", LITERALS), ("b.py", TASKS), ("c.py", ASSERTS)])
    }

    /// `pitfix pr` with exactly `args` (one pull request per transform unless they say).
    fn bot(&self, args: &[&str]) -> common::Run {
        self.pr_raw("work", args, &[("GITHUB_TOKEN", TOKEN)])
    }

    fn on(&self, branch: &str, path: &str) -> String {
        self.remote_git(&["show", &format!("{branch}:{path}")]) + "\n"
    }

    fn pull_of(&self, branch: &str) -> fake_github::Pull {
        let head = format!("{OWNER}:{branch}");
        let pulls = self.github.pulls();
        pulls.into_iter().rev().find(|p| p.head == head).unwrap_or_else(|| panic!("no pull request from {branch}"))
    }

    fn marker_field(&self, branch: &str, key: &str) -> String {
        let body = self.pull_of(branch).body;
        let marker = &body[body.rfind("<!-- pitfix ").expect("marker")..];
        marker.split_whitespace().find_map(|f| f.strip_prefix(&format!("{key}="))).expect("field").to_owned()
    }
}

fn posts(s: &Setup, suffix: &str) -> usize {
    s.github.lines().iter().filter(|l| l.starts_with("POST") && l.ends_with(suffix)).count()
}

#[test]
fn one_pull_request_per_transform_titled_by_the_trap() {
    let s = Setup::three_transforms();
    let run = s.bot(&[]);
    run.code(0);
    let pulls = s.github.pulls();
    let mut titles: Vec<(String, String)> = pulls.iter().map(|p| (p.head.clone(), p.title.clone())).collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            (format!("{OWNER}:pitfix/assert-tuple"), "Fix 1 assert on a tuple".to_owned()),
            (format!("{OWNER}:pitfix/dangling-task"), "Fix 1 dangling asyncio task".to_owned()),
            (format!("{OWNER}:pitfix/is-literal"), "Fix 2 identity comparisons with literals".to_owned()),
        ]
    );
    // The most fixes first.
    assert_eq!(pulls[0].head, format!("{OWNER}:pitfix/is-literal"));
    // Each branch holds one commit on main with its transform's fixes only.
    for (branch, file) in [("pitfix/is-literal", "a.py"), ("pitfix/dangling-task", "b.py"), ("pitfix/assert-tuple", "c.py")] {
        assert_eq!(s.remote_git(&["rev-list", "--count", &format!("main..{branch}")]), "1");
        assert_eq!(s.remote_git(&["diff", "--name-only", "main", branch]), file);
    }
    assert_eq!(s.on("pitfix/is-literal", "a.py"), LITERALS.replace(" is ", " == "));
    let body = s.pull_of("pitfix/is-literal").body;
    assert!(body.contains("| `is-literal` | 2 | safe |"), "{body}");
    assert!(body.contains("add `# pitfix: ignore[is-literal]` at the end of its line"), "{body}");
    assert!(body.contains("add `\"is-literal\"` to `ignore = [...]` under `[tool.pitfix]`"), "{body}");
    assert!(body.contains("close it without merging. pitfix does not open these fixes again"), "{body}");
    assert!(!body.contains("Waiting for a later run"), "{body}");
    assert_eq!(s.marker_field("pitfix/is-literal", "transform"), "is-literal");
    assert_eq!(s.marker_field("pitfix/is-literal", "sites").split(',').count(), 2);

    // A second run with nothing new updates the three pull requests and pushes nothing.
    let heads = s.remote_git(&["for-each-ref", "--format=%(objectname)", "refs/heads/pitfix/"]);
    s.github.clear_requests();
    s.bot(&[]).code(0);
    assert_eq!(s.github.pulls().len(), 3);
    assert_eq!(s.github.lines().iter().filter(|l| l.starts_with("PATCH")).count(), 3);
    assert_eq!(posts(&s, "/pulls"), 0);
    assert_eq!(s.remote_git(&["for-each-ref", "--format=%(objectname)", "refs/heads/pitfix/"]), heads);
}

#[test]
fn the_cap_opens_the_most_fixes_first_and_lists_the_rest() {
    let s = Setup::three_transforms();
    let run = s.bot(&["--max-open-prs", "1"]);
    run.code(0);
    assert_eq!(s.github.pulls().len(), 1);
    let body = s.pull_of("pitfix/is-literal").body;
    assert!(body.contains("At most 1 pitfix pull request stay open at once (`max-open-prs`); these transforms wait:\n\n- `assert-tuple`: 1 fix\n- `dangling-task`: 1 fix\n"), "{body}");
    assert!(run.out().contains("`dangling-task`: 1 fix waits for a free slot (max-open-prs = 1)."), "{}", run.out());
    assert!(!s.remote_git(&["branch", "--list", "pitfix/*"]).contains("dangling-task"));

    // A larger cap (from the config this time): the open one keeps its slot, one more opens.
    s.push_to_main(&[("pyproject.toml", "[tool.pitfix.bot]\nmax-open-prs = 2\n")]);
    s.bot(&[]).code(0);
    let heads: Vec<String> = s.github.pulls().iter().map(|p| p.head.clone()).collect();
    assert_eq!(heads, [format!("{OWNER}:pitfix/is-literal"), format!("{OWNER}:pitfix/assert-tuple")]);
    assert!(s.pull_of("pitfix/is-literal").body.contains("- `dangling-task`: 1 fix\n"));
}

#[test]
fn a_declined_fix_set_is_not_reopened_and_a_new_site_reopens_only_itself() {
    let s = Setup::new(&[("a.py", LITERALS)]);
    s.bot(&[]).code(0);
    let first = s.marker_field("pitfix/is-literal", "fingerprint");
    // A person closes it without merging.
    s.github.close_by_hand(1, false);
    s.github.clear_requests();
    let run = s.bot(&[]);
    run.code(0);
    assert!(run.out().contains("`is-literal`: every site (2) was declined"), "{}", run.out());
    assert_eq!(s.github.pulls().len(), 1);
    assert_eq!(posts(&s, "/pulls"), 0);
    assert!(s.github.lines().contains(&format!("GET {}?state=closed&sort=created&direction=desc&per_page=100&page=1", pulls_path())));

    // Unrelated edits that move the declined sites change nothing.
    let moved = format!("import os\n\n\nLIMIT = 3\n\n\n{LITERALS}");
    s.push_to_main(&[("a.py", &moved)]);
    s.bot(&[]).code(0);
    assert_eq!(s.github.pulls().len(), 1);

    // A new site: a new pull request that fixes only it.
    let grown = format!("{moved}\n\ndef h(x):\n    return x is 3000\n");
    s.push_to_main(&[("a.py", &grown)]);
    let run = s.bot(&[]);
    run.code(0);
    let pulls = s.github.pulls();
    assert_eq!(pulls.len(), 2);
    assert_eq!(pulls[1].title, "Fix 1 identity comparison with a literal");
    assert!(pulls[1].body.contains("fixes only the sites that are new since a pull request of `is-literal` was closed without merging; 2 declined sites stay as they are"), "{}", pulls[1].body);
    assert_eq!(s.on("pitfix/is-literal", "a.py"), grown.replace("x is 3000", "x == 3000"));
    assert_ne!(s.marker_field("pitfix/is-literal", "fingerprint"), first);

    // `--status` lists the open and the declined fix sets.
    let status = s.bot(&["--status"]);
    status.code(0);
    let out = status.out();
    assert!(out.contains("\nOpen:\n  is-literal                 1 fix      fingerprint "), "{out}");
    assert!(out.contains("#2 https://github.com/octo/app/pull/2  (only new sites; 2 sites declined left alone)\n"), "{out}");
    assert!(out.contains(&format!("\nDeclined (closed without merging):\n  is-literal                 2 sites    fingerprint {first}  #1 https://github.com/octo/app/pull/1 (1 new site since)\n")), "{out}");

    // `--recreate` fixes the declined sites too.
    s.bot(&["--recreate"]).code(0);
    assert_eq!(s.github.pulls().len(), 2);
    assert_eq!(s.pull_of("pitfix/is-literal").title, "Fix 3 identity comparisons with literals");
    assert_eq!(s.on("pitfix/is-literal", "a.py"), grown.replace(" is ", " == "));
}

#[test]
fn a_merged_pull_request_declines_nothing() {
    let s = Setup::new(&[("a.py", LITERALS)]);
    s.bot(&[]).code(0);
    s.github.close_by_hand(1, true);
    // The base did not take the fix (as after a revert): the fixes are offered again.
    s.bot(&[]).code(0);
    assert_eq!(s.github.pulls().len(), 2);
    assert_eq!(s.pull_of("pitfix/is-literal").title, "Fix 2 identity comparisons with literals");
}

#[test]
fn reviewers_assignees_and_labels_are_set_once() {
    let config = "[tool.pitfix.bot]\nreviewers = [\"alice\", \"octo/core\"]\nassignees = [\"bob\"]\nlabels = [\"pitfix\"]\ntitle-prefix = \"[bot] \"\ndraft = true\n";
    let s = Setup::new(&[("a.py", LITERALS), ("pyproject.toml", config)]);
    s.bot(&[]).code(0);
    assert_eq!(posts(&s, "/pulls/1/requested_reviewers"), 1);
    let asked = s.github.requests().into_iter().find(|r| r.target.ends_with("/requested_reviewers")).unwrap().json();
    assert_eq!(asked, serde_json::json!({ "reviewers": ["alice"], "team_reviewers": ["core"] }));
    assert_eq!(s.github.with(|st| st.assignees.get(&1).cloned()), Some(vec!["bob".to_owned()]));
    let pull = s.pull_of("pitfix/is-literal");
    assert_eq!((pull.labels.clone(), pull.draft, pull.title.as_str()), (vec!["pitfix".to_owned()], true, "[bot] Fix 2 identity comparisons with literals"));

    // The next run, with a new site, updates the pull request and asks nobody again.
    s.push_to_main(&[("a.py", &format!("{LITERALS}\n\ndef h(x):\n    return x is 3000\n"))]);
    s.github.clear_requests();
    s.bot(&[]).code(0);
    assert_eq!(s.pull_of("pitfix/is-literal").title, "[bot] Fix 3 identity comparisons with literals");
    let lines = s.github.lines();
    assert!(lines.iter().all(|l| !l.starts_with("POST")), "{lines:?}");
    assert_eq!(lines.iter().filter(|l| l.starts_with("PATCH")).count(), 1);
    assert_eq!(s.github.with(|st| st.reviewers.get(&1).cloned()), Some(vec!["alice".to_owned(), "team:core".to_owned()]));

    // Flags win over the config.
    let s = Setup::new(&[("a.py", LITERALS), ("pyproject.toml", config)]);
    s.bot(&["--reviewer", "carol", "--draft=false", "--title-prefix", ""]).code(0);
    assert_eq!(s.github.with(|st| st.reviewers.get(&1).cloned()), Some(vec!["carol".to_owned()]));
    let pull = s.pull_of("pitfix/is-literal");
    assert_eq!((pull.draft, pull.title.as_str()), (false, "Fix 2 identity comparisons with literals"));
}

#[test]
fn the_config_chooses_single_and_the_flag_wins() {
    let s = Setup::new(&[("a.py", LITERALS), ("b.py", TASKS), ("pitfix.toml", "[bot]\ngroup = \"single\"\nbranch-prefix = \"bots/\"\n")]);
    s.bot(&["--dry-run"]).code(0);
    s.bot(&[]).code(0);
    let heads: Vec<String> = s.github.pulls().iter().map(|p| p.head.clone()).collect();
    assert_eq!(heads, [format!("{OWNER}:{BRANCH}")]);
    s.bot(&["--group", "per-transform"]).code(0);
    let heads: Vec<String> = s.github.pulls().iter().skip(1).map(|p| p.head.clone()).collect();
    assert_eq!(heads, [format!("{OWNER}:bots/is-literal"), format!("{OWNER}:bots/dangling-task")]);
}

#[test]
fn unknown_bot_keys_are_errors_naming_the_key_and_the_file() {
    let s = Setup::new(&[("a.py", LITERALS), ("pyproject.toml", "[tool.pitfix.bot]\nreviewer = [\"alice\"]\n")]);
    let run = s.bot(&[]);
    run.code(2);
    assert!(run.stderr.contains("pr: step `read the bot settings` failed"), "{}", run.stderr);
    assert!(run.stderr.contains("pyproject.toml: `tool.pitfix.bot.reviewer` is not a known setting"), "{}", run.stderr);
    assert!(s.github.pulls().is_empty());
    let s = Setup::new(&[("a.py", LITERALS), ("pitfix.toml", "[bot]\nmax-open-prs = \"many\"\n")]);
    let run = s.bot(&[]);
    run.code(2);
    assert!(run.stderr.contains("pitfix.toml: `bot.max-open-prs` must be a whole number of at least 1"), "{}", run.stderr);
}

#[test]
fn a_transform_with_nothing_left_closes_its_pull_request() {
    let s = Setup::new(&[("a.py", LITERALS), ("c.py", ASSERTS)]);
    s.bot(&[]).code(0);
    assert_eq!(s.github.pulls().len(), 2);
    s.push_to_main(&[("c.py", "def check(v):\n    assert v, \"v must be set\"\n")]);
    let run = s.bot(&[]);
    run.code(0);
    assert!(run.out().contains("no longer needs the fixes of `assert-tuple`"), "{}", run.out());
    let states: Vec<String> = s.github.pulls().iter().map(|p| p.state.clone()).collect();
    assert_eq!(states, ["open", "closed"]);
    assert!(!s.remote_git(&["branch", "--list", "pitfix/*"]).contains("assert-tuple"));
}

#[test]
fn the_single_pull_request_of_an_earlier_run_is_superseded() {
    let s = Setup::new(&[("a.py", LITERALS), ("c.py", ASSERTS)]);
    s.bot(&["--group", "single"]).code(0);
    assert_eq!(s.github.pulls().len(), 1);
    let status = s.bot(&["--status"]);
    assert!(status.out().contains("(every transform)          superseded by pull requests per transform: the next run closes #1"), "{}", status.out());
    let run = s.bot(&[]);
    run.code(0);
    assert!(run.out().contains("Closed https://github.com/octo/app/pull/1: it is superseded by one pull request per transform."), "{}", run.out());
    let states: Vec<(String, String)> = s.github.pulls().iter().map(|p| (p.head.clone(), p.state.clone())).collect();
    assert_eq!(
        states,
        [
            (format!("{OWNER}:{BRANCH}"), "closed".to_owned()),
            (format!("{OWNER}:pitfix/is-literal"), "open".to_owned()),
            (format!("{OWNER}:pitfix/assert-tuple"), "open".to_owned()),
        ]
    );
    assert!(!s.remote_has_branch(), "the single pull request's branch is deleted");
}
