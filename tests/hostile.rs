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
    // SIGINT, as Ctrl-C sends it.
    interrupt_apply("INT");
}

#[test]
fn terminated_apply_leaves_every_file_old_or_new() {
    // SIGTERM, as `kill`, timeouts and CI runners send it.
    interrupt_apply("TERM");
}

#[test]
fn hung_up_apply_leaves_every_file_old_or_new() {
    // SIGHUP, as a closed terminal sends it.
    interrupt_apply("HUP");
}

/// Sends `signal` to a large `apply`: every file is then old or new, no temporary file is left,
/// and pitfix exits with 130 (not killed by the signal).
fn interrupt_apply(signal: &str) {
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
    let _ = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status();
    let status = child.wait().expect("pitfix ends");
    // Finished before the signal came (exit 0), or stopped by it (130); never killed by it.
    assert!(matches!(status.code(), Some(0 | 130)), "SIG{signal}: {status}");
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
    eprintln!("SIG{signal} ({status}): {new} files new, {old} old");
}

#[test]
fn a_file_size_limit_fails_the_write_naming_the_file() {
    let p = Project::new();
    // Over any `ulimit -f 1` (512 or 1024 bytes), so that writing the fixed text raises SIGXFSZ.
    let big = format!("{}{FIXABLE}", "# padding line so that the file is over the size limit\n".repeat(100));
    p.write("big.py", &big);
    let output = Command::new("sh")
        .args(["-c", "ulimit -f 1 && exec \"$0\" apply big.py", env!("CARGO_BIN_EXE_pitfix")])
        .current_dir(&p.root)
        .output()
        .expect("sh runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    // Not killed by the signal: the write fails, named, and the file stays as it was.
    assert_eq!(output.status.code(), Some(0), "{}: {stderr}", output.status);
    assert!(stderr.contains("big.py: cannot write the temporary file"), "{stderr}");
    assert_eq!(p.read_string("big.py"), big);
    let leftovers: Vec<_> = std::fs::read_dir(&p.root)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "big.py")
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

/// Runs pitfix with `args` in the project, killing it (and failing) when it is still running
/// after 20 seconds; returns the exit code, stdout and stderr.
fn run_with_timeout(p: &Project, args: &[&str]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pitfix"))
        .args(args)
        .current_dir(&p.root)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pitfix starts");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().expect("kill");
            child.wait().expect("wait");
            panic!("pitfix {args:?} still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().expect("output");
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    (output.status.code(), text(output.stdout), text(output.stderr))
}

#[test]
fn a_fifo_or_device_named_on_the_command_line_is_refused_at_once() {
    let p = Project::new();
    p.write("ok.py", FIXABLE);
    let status = Command::new("mkfifo").arg(p.path("pipe.py")).status().expect("mkfifo runs");
    assert!(status.success());
    let (code, _, stderr) = run_with_timeout(&p, &["apply", "pipe.py", "ok.py", "/dev/zero"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("pipe.py: skipped, not a regular file (a FIFO)"), "{stderr}");
    assert!(stderr.contains("/dev/zero: skipped, not a regular file (a device)"), "{stderr}");
    assert_eq!(p.read_string("ok.py"), FIXED, "the other files are still fixed");
    // A walked folder skips the FIFO without a word, as it always did.
    p.write("ok.py", FIXABLE);
    let (code, _, stderr) = run_with_timeout(&p, &["apply", "."]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(p.read_string("ok.py"), FIXED);
}

#[test]
fn files_over_the_size_limit_are_named_and_skipped() {
    let p = Project::new();
    p.write("pitfix.toml", "max-file-size = \"1KiB\"\n");
    p.write("big.py", FIXABLE.repeat(100));
    p.write("ok.py", FIXABLE);
    let run = p.run(&["apply"]);
    assert!(run.stderr.contains("big.py: skipped, larger than the limit of 1 KiB (`max-file-size`)"), "{}", run.stderr);
    assert_eq!(p.read_string("ok.py"), FIXED);
    assert_eq!(p.read_string("big.py"), FIXABLE.repeat(100), "left as it was");
    // The command line wins over the config file.
    let run = p.run(&["apply", "--max-file-size", "1MiB"]);
    run.code(0);
    assert_eq!(p.read_string("big.py"), FIXED.repeat(100));
    // Standard input is bounded too.
    let run = p.run_stdin(&["diff", "--max-file-size", "10", "-"], FIXABLE.as_bytes());
    run.code(2);
    assert!(run.stderr.contains("standard input is larger than the limit of 10 bytes"), "{}", run.stderr);
    // A limit the parser could not take is refused.
    p.write("pitfix.toml", "max-file-size = \"5GiB\"\n");
    p.run(&["diff"]).code(2);
}

/// Runs pitfix in `dir` with a stdout whose reader went away before pitfix wrote anything
/// (`pitfix diff | head -0`).
fn into_closed_pipe(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pitfix"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pitfix starts");
    drop(child.stdout.take());
    child.wait_with_output().expect("output")
}

#[test]
fn a_closed_stdout_ends_the_run_quietly_with_its_exit_code() {
    let p = Project::new();
    for i in 0..50 {
        p.write(&format!("m{i}.py"), FIXABLE);
    }
    let output = into_closed_pipe(&["diff", "."], &p.root);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("Broken pipe") && !stderr.contains("error"), "{stderr}");
    assert_eq!(output.status.code(), Some(1), "the code of a diff with changes: {stderr}");
    assert!(stderr.contains("Would fix 50 problems in 50 files"), "{stderr}");
    // `rules` and `explain` stop quietly too.
    let output = into_closed_pipe(&["explain", "is-literal"], &p.root);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
}
