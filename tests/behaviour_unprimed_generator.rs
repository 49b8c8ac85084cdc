//! The unprimed-generator fix changes what it should: under CPython, before `pitfix apply` the
//! first `send()` to a generator made in this file, or by a function imported from another file
//! of the project, raises `TypeError: can't send non-None value to a just-started generator`;
//! after it, the generators are primed where they are made and the program prints its results.
mod common;

use common::Project;

const COROUTINES: &str = r#"def averager():
    total, count, average = 0, 0, None
    while True:
        term = yield average
        total += term
        count += 1
        average = total / count
"#;

const PROGRAM: &str = r#"import sys

from pkg.coroutines import averager


def collector(seen):
    while True:
        seen.append((yield len(seen)))


def main(which):
    if which == "local":
        seen = []
        sink = collector(seen)
        for word in ["a", "b", "c"]:
            sink.send(word)
        print("collected", seen)
    else:
        avg = averager()
        print("averages", [avg.send(x) for x in (10, 20, 30)])


main(sys.argv[1])
"#;

/// Runs `python3 prog.py <which>` and returns its exit success, stdout and stderr.
fn run_program(p: &Project, which: &str) -> (bool, String, String) {
    let output = std::process::Command::new("python3")
        .args(["prog.py", which])
        .current_dir(&p.root)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .output()
        .expect("python3 runs");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("UTF-8 output");
    (output.status.success(), text(output.stdout), text(output.stderr))
}

#[test]
fn sending_to_a_just_started_generator_fails_until_it_is_primed() {
    let p = Project::new();
    p.write("pkg/__init__.py", "");
    p.write("pkg/coroutines.py", COROUTINES);
    p.write("prog.py", PROGRAM);
    for which in ["local", "imported"] {
        let (ok, _, stderr) = run_program(&p, which);
        assert!(!ok, "{which}: the unprimed send must fail");
        assert!(
            stderr.ends_with("TypeError: can't send non-None value to a just-started generator\n"),
            "{which}: {stderr}"
        );
    }

    let run = p.run(&["apply", "--select", "unprimed-generator"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 2 problems in 1 file (unprimed-generator: 2).\n");
    let fixed = p.read_string("prog.py");
    assert!(fixed.contains("        sink = collector(seen)\n        next(sink)\n"), "{fixed}");
    assert!(fixed.contains("        avg = averager()\n        next(avg)\n"), "{fixed}");

    assert_eq!(run_program(&p, "local"), (true, "collected ['a', 'b', 'c']\n".to_owned(), String::new()));
    assert_eq!(run_program(&p, "imported"), (true, "averages [10.0, 15.0, 20.0]\n".to_owned(), String::new()));
    p.run(&["diff", "--select", "unprimed-generator"]).code(0);
}
