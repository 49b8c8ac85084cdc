//! What `PITFIX_TIMINGS=1` prints about the first look for `check`: the files it let through to
//! the model where nothing was then reported, in all and per transform (what a sharper first
//! look of that transform would spare the model).

use crate::common::Project;
use crate::support::cmd;

/// The stderr of `PITFIX_TIMINGS=1 pitfix ARGS` over a project of `files`.
fn timings(files: &[(&str, &str)], args: &[&str]) -> String {
    let p = Project::new();
    for (name, text) in files {
        p.write(name, text);
    }
    let output = cmd(&p, args).env("PITFIX_TIMINGS", "1").output().expect("pitfix runs");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const FOUND: (&str, &str) = ("found.py", "def f(x=[]):\n    x.append(1)\n    return x\n");
/// A lambda in a loop reading the loop's variable, put in a local: loop-closure's first look lets
/// it through, its check sees the local called within the iteration.
const NEEDLESS: (&str, &str) = ("needless.py", "def g(items):\n    for i in items:\n        show = lambda: print(i)\n        show()\n");
const PLAIN: (&str, &str) = ("plain.py", "x = 1\n");

#[test]
fn check_counts_the_files_let_through_with_no_finding_per_transform() {
    let stderr = timings(&[FOUND, NEEDLESS, PLAIN], &["check", "--no-cache"]);
    assert!(stderr.contains("the first look let 2 of 3 files"), "{stderr}");
    let line = stderr.lines().find(|l| l.contains("have no finding")).unwrap_or_else(|| panic!("no such line in {stderr}"));
    assert!(line.starts_with("timings: 1 of those files ("), "{line}");
    // mutable-default reported in the file it was let through: it is not listed.
    let (_, listed) = line.split_once("reported nothing: ").expect("a list");
    assert!(listed.starts_with("loop-closure ") && listed.contains("(1 file; alone "), "{listed}");
    assert!(!listed.contains("mutable-default"), "{listed}");
}

#[test]
fn fixing_commands_do_not_count_them() {
    // `diff` keeps no findings of the files it fixes: it has nothing to count them by.
    let stderr = timings(&[FOUND, NEEDLESS, PLAIN], &["diff", "--no-cache"]);
    assert!(stderr.contains("the first look let 2 of 3 files"), "{stderr}");
    assert!(!stderr.contains("have no finding"), "{stderr}");
}
