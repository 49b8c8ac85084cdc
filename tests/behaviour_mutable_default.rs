//! The mutable-default fix changes what it should: after `pitfix apply`, calls that leave the
//! argument out no longer see each other's state, and calls that pass it still get what they
//! passed.
mod common;

use common::Project;

const PROGRAM: &str = r#"import collections


def log_run(name, tags: list[str] = []):
    """Collect tags."""
    tags.append(name)
    return len(tags)


class Cart:
    def add(self, item, into={}, *, counts=collections.Counter()):
        into[item] = into.get(item, 0) + 1
        counts[item] += 1
        return sorted(into.items()), counts[item]


print(log_run("a"), log_run("b"), log_run("c", ["x"]))
cart = Cart()
print(cart.add("apple"), cart.add("apple"))
mine = {"kiwi": 5}
print(cart.add("kiwi", mine), mine)
"#;

#[test]
fn calls_no_longer_share_the_default() {
    let p = Project::new();
    p.write("prog.py", PROGRAM);
    assert_eq!(
        p.python(&["prog.py"]),
        "1 2 2\n([('apple', 1)], 1) ([('apple', 2)], 2)\n([('kiwi', 6)], 1) {'kiwi': 6}\n",
        "CPython shares the defaults between calls"
    );

    let run = p.run(&["apply", "--select", "mutable-default"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 3 problems in 1 file (mutable-default: 3).\n");
    let fixed = p.read_string("prog.py");
    assert!(fixed.contains("def log_run(name, tags: list[str] | None = None):\n    \"\"\"Collect tags.\"\"\"\n    if tags is None:\n        tags = []\n"), "{fixed}");
    assert!(fixed.contains("    def add(self, item, into=None, *, counts=None):\n        if into is None:\n            into = {}\n        if counts is None:\n            counts = collections.Counter()\n"), "{fixed}");

    // Each call without the argument starts afresh; an explicit argument is still used and changed.
    assert_eq!(p.python(&["prog.py"]), "1 1 2\n([('apple', 1)], 1) ([('apple', 1)], 1)\n([('kiwi', 6)], 1) {'kiwi': 6}\n");
    p.run(&["diff", "--select", "mutable-default"]).code(0);
}
