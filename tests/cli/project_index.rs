//! Files that wait for the project index (a class here whose metaclass may come from a class of
//! another file): each is checked at once against an empty index, and judged again once every
//! file's summary is in. It is parsed a second time only when the whole index changes what the
//! first check found; the findings are the same either way.
//!
//! How many files waited and were parsed again is read from the line `PITFIX_TIMINGS=1` prints
//! (`timings: project index ...; W files waited for it, P of them parsed again; ...`, `1 file` for one).

use crate::common::Project;
use crate::support::cmd;

const USER: &str = "from enum import Enum\n\nfrom meta import Base\n\n\nclass Mixed(Base, Enum):\n    pass\n";
/// The same conflict, reached through a class of the user's own module.
const USER_THROUGH_LOCAL: &str =
    "from enum import Enum\n\nfrom meta import Base\n\n\nclass Local(Base):\n    pass\n\n\nclass Mixed(Local, Enum):\n    pass\n";
const PLAIN_BASE: &str = "class Base:\n    pass\n";
const BASE_WITH_METACLASS: &str = "import abc\n\n\nclass Meta(abc.ABCMeta):\n    pass\n\n\nclass Base(metaclass=Meta):\n    pass\n";

/// `pitfix check --no-cache` over a two-file project: (stdout, files that waited, parsed again).
fn check(meta: &str, user: &str) -> (String, usize, usize) {
    let p = Project::new();
    p.write("meta.py", meta);
    p.write("user.py", user);
    let output = cmd(&p, &["check", "--no-cache"]).env("PITFIX_TIMINGS", "1").output().expect("pitfix runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr.lines().find_map(|l| l.split_once(" waited for it, ")).unwrap_or_else(|| panic!("no index line in {stderr}"));
    // `... 1 file` or `... 2 files`: the count is the word before the last.
    let waited = line.0.rsplit(' ').nth(1).expect("a count").parse().expect("a number");
    let again = line.1.split(' ').next().expect("a count").parse().expect("a number");
    (String::from_utf8_lossy(&output.stdout).into_owned(), waited, again)
}

#[test]
fn a_class_the_whole_index_leaves_alone_is_not_parsed_again() {
    for user in [USER, USER_THROUGH_LOCAL] {
        let (stdout, waited, again) = check(PLAIN_BASE, user);
        assert_eq!((waited, again), (1, 0), "{user}");
        assert!(!stdout.contains("metaclass-conflict"), "{stdout}");
    }
}

#[test]
fn a_conflict_only_the_whole_index_shows_is_found() {
    for user in [USER, USER_THROUGH_LOCAL] {
        let (stdout, waited, again) = check(BASE_WITH_METACLASS, user);
        assert_eq!((waited, again), (1, 1), "{user}");
        assert!(stdout.contains("user.py:") && stdout.contains("metaclass-conflict"), "{stdout}");
        assert!(stdout.contains("`Meta` (of `"), "the metaclass from the other file is named: {stdout}");
    }
}
