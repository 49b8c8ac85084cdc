//! Hostile inputs: each must be named or handled without a panic, a hang or a stack overflow,
//! and must not stop the other files of the run from being fixed. (Binary files, invalid UTF-8,
//! latin-1, read-only files, no final newline and form feeds are covered in `cli.rs`.)
mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Project;

const FIXABLE: &str = "flag = x is 1000\n";
const FIXED: &str = "flag = x == 1000\n";

#[test]
fn deeply_nested_parentheses_do_not_overflow_the_stack() {
    let p = Project::new();
    let depth = 20_000;
    p.write("deep.py", format!("x = {}1 is 1000{}\n", "(".repeat(depth), ")".repeat(depth)));
    p.write("ok.py", FIXABLE);
    let run = p.run(&["apply"]);
    run.code(0);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(p.read_string("ok.py"), FIXED);
    assert!(p.read_string("deep.py").contains("1 == 1000"), "the deep file is fixed too");
}

/// Runs pitfix in the project root with its address space limited to `kib` KiB (`ulimit -v`).
fn run_with_address_space(p: &Project, kib: u64, args: &[&str]) -> std::process::Output {
    let script = format!("ulimit -v {kib} && exec \"$0\" \"$@\"");
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_pitfix"))
        .args(args)
        .current_dir(&p.root)
        .output()
        .expect("sh runs")
}

#[test]
fn four_workers_run_in_one_gibibyte_of_address_space() {
    // Each worker reserved a 512 MiB stack up front: four of them could not start under 1 GiB.
    let p = Project::new();
    for i in 0..8 {
        p.write(&format!("pkg/m{i}.py"), FIXABLE);
    }
    let out = run_with_address_space(&p, 1_048_576, &["apply", "-j", "4"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    for i in 0..8 {
        assert_eq!(p.read_string(&format!("pkg/m{i}.py")), FIXED);
    }
}

#[test]
fn a_long_operator_chain_gets_a_stack_of_its_own() {
    // `a + a + ...` nests one level per `+`: deeper than a worker's stack holds, so the file runs
    // on a thread whose stack is sized to it, also under a limited address space.
    let p = Project::new();
    let chain = vec!["a"; 40_000].join(" + ");
    p.write("chain.py", format!("x = {chain} is 1000\n"));
    p.write("ok.py", FIXABLE);
    let out = run_with_address_space(&p, 1_048_576, &["apply", "-j", "4"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(p.read_string("ok.py"), FIXED);
    assert!(p.read_string("chain.py").ends_with("+ a == 1000\n"), "the deep file is fixed too");
}

#[test]
fn three_hundred_nested_blocks() {
    let p = Project::new();
    let mut source = String::new();
    for level in 0..300 {
        source += &format!("{}if x is {level} or y:\n", " ".repeat(level));
    }
    source += &format!("{}pass\n", " ".repeat(300));
    p.write("nested.py", &source);
    let run = p.run(&["apply"]);
    run.code(0);
    let fixed = p.read_string("nested.py");
    assert_eq!(fixed.matches(" == ").count(), 300, "every level fixed");
    p.run(&["diff"]).code(0);
}

#[test]
fn five_megabyte_single_line() {
    let p = Project::new();
    let mut line = String::with_capacity(5_300_000);
    line += "x = [";
    while line.len() < 5_000_000 {
        line += "1, ";
    }
    line += "2 is 1000]";
    p.write("big.py", &line);
    let start = Instant::now();
    let run = p.run(&["apply"]);
    run.code(0);
    assert!(p.read_string("big.py").ends_with("2 == 1000]"), "fixed, still without a final newline");
    assert!(start.elapsed() < Duration::from_secs(60), "no quadratic blow-up");
}

#[test]
fn empty_files_and_only_comments() {
    let p = Project::new();
    p.write("empty.py", "");
    p.write("comment.py", "# nothing here");
    p.write("bom_only.py", "\u{feff}");
    p.write("ok.py", FIXABLE);
    let run = p.run(&["apply"]);
    run.code(0);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (is-literal: 1).\n");
    assert_eq!(p.read("empty.py"), b"");
    assert_eq!(p.read("bom_only.py"), "\u{feff}".as_bytes());
}

#[test]
fn symlink_loops_are_named_and_skipped() {
    let p = Project::new();
    p.write("ok.py", FIXABLE);
    std::os::unix::fs::symlink(p.path("b.py"), p.path("a.py")).expect("symlink");
    std::os::unix::fs::symlink(p.path("a.py"), p.path("b.py")).expect("symlink");
    std::fs::create_dir(p.path("pkg")).expect("dir");
    std::os::unix::fs::symlink(p.path("pkg"), p.path("pkg/loop")).expect("symlink");
    let run = p.run(&["apply", "."]);
    run.code(0);
    assert_eq!(p.read_string("ok.py"), FIXED);
    // Named explicitly, a looping link is reported with its name and the run goes on.
    let run = p.run(&["apply", "a.py", "ok.py"]);
    run.code(0);
    assert!(run.stderr.contains("a.py: cannot read"), "{}", run.stderr);
}

#[test]
fn python_312_to_314_syntax() {
    let p = Project::new();
    let source = "type Pair[T] = tuple[T, T]\n\n\ndef first[T](items: list[T], marker=[]) -> T:\n    marker.append(1)\n    return items[0] is 1000\n\n\nclass Box[T]:\n    def get(self, name: str) -> str:\n        return t\"hello {name}\"\n\n\nflag = f\"{'nested' f'{1 is 1000}'}\"\n";
    p.write("new.py", source);
    let run = p.run(&["apply", "--target-version", "py314"]);
    run.code(0);
    let fixed = p.read_string("new.py");
    assert!(fixed.contains("return items[0] == 1000"), "{fixed}");
    assert!(fixed.contains("def first[T](items: list[T], marker=None) -> T:\n    if marker is None:\n        marker = []\n"), "{fixed}");
    assert!(fixed.contains("{1 == 1000}"), "{fixed}");
    assert!(fixed.contains("t\"hello {name}\""), "{fixed}");
    p.run(&["diff"]).code(0);
}

#[test]
fn interrupted_apply_leaves_every_file_old_or_new() {
    let p = Project::new();
    let count = 3000;
    let original = format!("{}{FIXABLE}", "# padding line so that writing takes a little time\n".repeat(50));
    let fixed = original.replace(" is 1000", " == 1000");
    for i in 0..count {
        p.write(&format!("f{i:04}.py"), &original);
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_pitfix"))
        .args(["apply", "-j", "2"])
        .current_dir(&p.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pitfix starts");
    std::thread::sleep(Duration::from_millis(150));
    // SIGINT, as Ctrl-C sends it.
    let _ = Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    let status = child.wait().expect("pitfix ends");
    let (mut old, mut new) = (0, 0);
    for i in 0..count {
        let text = p.read_string(&format!("f{i:04}.py"));
        if text == original {
            old += 1;
        } else {
            assert_eq!(text, fixed, "file {i} is neither old nor new");
            new += 1;
        }
    }
    let leftovers: Vec<_> = std::fs::read_dir(&p.root)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".py"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    eprintln!("interrupted ({status}): {new} files new, {old} old");
}
