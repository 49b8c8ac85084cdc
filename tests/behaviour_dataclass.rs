//! The dataclass-mutable-default fix changes what it should: a dataclass that `@dataclass`
//! rejects at import time imports after `pitfix apply`, with one list per instance; a call
//! default that every instance shared is built per instance after `--unsafe-fixes`, and only then.
mod common;

use std::process::Command;

use common::Project;

/// `[]` and `list()` are both rejected by `@dataclass` (it checks the value, a `list`, not how it
/// was written), so the module cannot even be imported.
const BASKET: &str = r#"from dataclasses import dataclass


@dataclass
class Basket:
    owner: str
    items: list = []
    tags: list = list()  # the same list for every basket, were it accepted


a = Basket("ann")
b = Basket("bob")
a.items.append("apple")
a.tags.append("fresh")
print(a.items, b.items, a.tags, b.tags, a.items is b.items)
"#;

const FIXED_BASKET: &str = r#"from dataclasses import dataclass, field


@dataclass
class Basket:
    owner: str
    items: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # the same list for every basket, were it accepted


a = Basket("ann")
b = Basket("bob")
a.items.append("apple")
a.tags.append("fresh")
print(a.items, b.items, a.tags, b.tags, a.items is b.items)
"#;

/// An instance of an ordinary class is hashable, so `@dataclass` accepts it, and every service
/// silently shares the one registry built when the class was created.
const SERVICE: &str = r#"import dataclasses


class Registry:
    def __init__(self):
        self.names = []


@dataclasses.dataclass
class Service:
    name: str
    registry: Registry = Registry()


one = Service("one")
two = Service("two")
one.registry.names.append("x")
print(one.registry.names, two.registry.names, one.registry is two.registry)
"#;

fn python(p: &Project, file: &str) -> std::process::Output {
    Command::new("python3")
        .arg(file)
        .current_dir(&p.root)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("python3 runs")
}

#[test]
fn rejected_dataclass_imports_and_instances_get_their_own_lists() {
    let p = Project::new();
    p.write("basket.py", BASKET);

    let before = python(&p, "basket.py");
    assert!(!before.status.success(), "CPython should refuse the class");
    let stderr = String::from_utf8_lossy(&before.stderr);
    assert!(
        stderr.contains("ValueError: mutable default <class 'list'> for field items is not allowed: use default_factory"),
        "{stderr}"
    );

    let run = p.run(&["apply", "--select", "dataclass-mutable-default", "basket.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (dataclass-mutable-default: 2).\n");
    assert_eq!(p.read_string("basket.py"), FIXED_BASKET);

    assert_eq!(p.python(&["basket.py"]), "['apple'] [] ['fresh'] [] False\n");
    p.run(&["diff", "--select", "dataclass-mutable-default", "basket.py"]).code(0);
}

#[test]
fn shared_call_default_is_built_per_instance_only_with_unsafe_fixes() {
    let p = Project::new();
    p.write("service.py", SERVICE);
    assert_eq!(p.python(&["service.py"]), "['x'] ['x'] True\n", "every service shares one registry");

    // The call used to run once, at class creation: changing that is an unsafe fix.
    let safe_only = p.run(&["apply", "--select", "dataclass-mutable-default", "service.py"]);
    safe_only.code(0);
    assert_eq!(p.read_string("service.py"), SERVICE);

    let run = p.run(&["apply", "--unsafe-fixes", "--select", "dataclass-mutable-default", "service.py"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (dataclass-mutable-default: 1).\n");
    let fixed = p.read_string("service.py");
    assert!(fixed.contains("    registry: Registry = dataclasses.field(default_factory=Registry)\n"), "{fixed}");
    assert!(fixed.starts_with("import dataclasses\n\n\nclass Registry:"), "no import added:\n{fixed}");

    assert_eq!(p.python(&["service.py"]), "['x'] [] False\n");
}
