//! The cache-on-method fix under CPython: a property over `functools.cache` keeps every instance
//! it was read on alive (the cache holds `self`), shown with weak references and `gc.collect()`;
//! after `pitfix apply` it is a `functools.cached_property`, which gives the same value, computed
//! once per instance, and lets the instances go.
mod common;

use common::Project;

const PROGRAM: &str = r#"import functools
import gc
import weakref

computed = []


class Report:
    def __init__(self, n):
        self.n = n

    @property
    @functools.cache
    def rows(self):
        computed.append(self.n)
        return list(range(self.n))


refs = []
for n in range(3):
    report = Report(n)
    report.rows
    report.rows
    refs.append(weakref.ref(report))
del report
gc.collect()
print("alive:", sum(ref() is not None for ref in refs))
print("computed:", computed)
kept = Report(2)
print("value:", kept.rows, kept.rows is kept.rows)
"#;

#[test]
fn cached_property_lets_instances_go() {
    let p = Project::new();
    p.write("report.py", PROGRAM);
    assert_eq!(
        p.python(&["report.py"]),
        "alive: 3\ncomputed: [0, 1, 2]\nvalue: [0, 1] True\n",
        "the trap: the cache keeps every instance alive"
    );

    let run = p.run(&["apply", "--select", "cache-on-method", "report.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (cache-on-method: 1).\n");
    let fixed = p.read_string("report.py");
    assert!(fixed.contains("    @functools.cached_property\n    def rows(self):\n"), "{fixed}");
    assert!(!fixed.contains("@property"), "{fixed}");

    assert_eq!(
        p.python(&["report.py"]),
        "alive: 0\ncomputed: [0, 1, 2]\nvalue: [0, 1] True\n",
        "the same values, computed once per instance, and no instance kept"
    );
    p.run(&["diff", "--select", "cache-on-method", "report.py"]).code(0);
}
