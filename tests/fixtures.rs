//! Fixture cases: every `transforms/<id>/cases/*.py` and `*.pyi` is run through the binary with
//! `--select <id>`, snapshotted, and checked for the properties every fix must have.
//!
//! # Cases
//!
//! A case is a small Python file in `transforms/<id>/cases/`. The cases are discovered when the test
//! runs, so a new transform's cases need no change here. A case may start with a header line that
//! gives extra command-line arguments, added after `--select <id>` to every pitfix run of the case:
//!
//! ```python
//! # pitfix-args: --unsafe-fixes --target-version py39
//! ```
//!
//! The header must be the first line (after a UTF-8 BOM, if any); its arguments are split on
//! whitespace. A `<case-stem>.toml` beside the case becomes the run's `pitfix.toml`, for a
//! transform's own options (`[async-gen-aclosing]` / `mode = "always"`). A `.py` and a `.pyi` case in one folder must not share a stem (they would share a
//! snapshot).
//!
//! # Snapshots
//!
//! `transforms/<id>/snapshots/<case-stem>.snap`, beside the transform's README and cases, holds,
//! for each case, the output of `pitfix check --output-format text` and of `pitfix diff` (stdout,
//! stderr and exit code), run in a temporary directory holding the case, so paths show as the bare
//! file name. Bytes that a
//! snapshot could not show faithfully are written visibly: a carriage return as `␍` (the line
//! break after it stays), a byte that is not UTF-8 as `<0xE9>`, a BOM as `<U+FEFF>`.
//! Create or update snapshots with `INSTA_UPDATE=always cargo test --test fixtures` (or
//! `cargo insta test --review`) and review every changed `.snap` file by eye before committing.
//! With `CI=true` insta writes nothing and a mismatch fails. A snapshot in
//! `transforms/<id>/snapshots/` whose case is gone fails the test too.
//!
//! # Checks, for every case
//!
//! (a) the file `pitfix apply` wrote, and the case itself, parse with CPython (`python3`'s
//!     `ast.parse`); (b) `pitfix diff` on the applied file prints nothing and exits 0 (fixes reach a
//!     fixpoint in one run); (c) applying the printed diff with `git apply` and with `patch -p1`
//!     gives exactly the bytes `pitfix apply` wrote, and so does `pitfix apply -` on standard input;
//!     (d) `diff` exits 1 when it printed a diff and 0 when it printed nothing, `check` exits 1 when it
//!     printed findings, `apply` exits 0.
//!
//! All failures are collected and reported together, each naming its case. `python3`, `git` and
//! `patch` must be installed; without one of them its check is skipped with a warning, except
//! when `CI` is set, where a missing tool fails the test.
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_pitfix");
const HEADER: &str = "# pitfix-args:";
const PARSE_SCRIPT: &str = "import ast, sys
failed = False
for name in sys.argv[1:]:
    try:
        ast.parse(open(name, 'rb').read(), name)
    except Exception as e:
        print(f'{name}: {e!r}')
        failed = True
sys.exit(1 if failed else 0)
";

struct Case {
    id: String,
    /// The case's path relative to the crate root, for messages.
    shown: String,
    path: PathBuf,
    file_name: String,
    stem: String,
    args: Vec<String>,
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

struct Tools {
    git: bool,
    patch: bool,
}

#[test]
fn fixture_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases = discover(root);
    assert!(!cases.is_empty(), "no fixture cases found under transforms/*/cases/");
    let tools = find_tools();
    let mut failures: Vec<String> = Vec::new();

    let mut stems: BTreeMap<(String, String), String> = BTreeMap::new();
    for case in &cases {
        if let Some(other) = stems.insert((case.id.clone(), case.stem.clone()), case.shown.clone()) {
            failures.push(format!("{}: shares the snapshot name of {other}; rename one", case.shown));
        }
    }

    let mut runs: Vec<(&Case, CaseRun)> = Vec::new();
    for (case, run) in cases.iter().zip(run_all(&cases, &tools)) {
        match run {
            Ok(run) => runs.push((case, run)),
            Err(e) => failures.push(format!("{}: cannot run: {e}", case.shown)),
        }
    }
    parse_with_cpython(&mut runs);

    for (case, run) in runs {
        let CaseRun { snapshot, mut problems, .. } = run;
        let name = case.stem.clone();
        let description = format!("pitfix check + diff of {} (args: {:?})", case.shown, case.args);
        let snapshot_dir = root.join("transforms").join(&case.id).join("snapshots");
        let matched = catch_unwind(AssertUnwindSafe(|| {
            insta::with_settings!({
                snapshot_path => snapshot_dir,
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => description,
            }, {
                insta::assert_snapshot!(name, snapshot);
            });
        }));
        if matched.is_err() {
            problems.push("snapshot is new or differs (printed above); review it, then accept with INSTA_UPDATE=always".to_owned());
        }
        failures.extend(problems.into_iter().map(|p| format!("{}: {p}", case.shown)));
    }

    failures.extend(stale_snapshots(root, &cases));
    if !failures.is_empty() {
        panic!("{} fixture failure(s):\n  {}", failures.len(), failures.join("\n  "));
    }
}

/// Runs the cases on a few threads (most of the time is spent waiting for processes); the
/// results are in the order of `cases`.
fn run_all(cases: &[Case], tools: &Tools) -> Vec<std::io::Result<CaseRun>> {
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(2, 8);
    let mut results: Vec<(usize, std::io::Result<CaseRun>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(case) = cases.get(index) else { break };
                        done.push((index, run_case(case, tools)));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().expect("a case run does not panic")).collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Every `transforms/<id>/cases/*.py{,i}`, sorted.
fn discover(root: &Path) -> Vec<Case> {
    let mut cases = Vec::new();
    let transforms = root.join("transforms");
    for dir in sorted_entries(&transforms) {
        let Some(id) = dir.file_name().and_then(|n| n.to_str()).map(str::to_owned) else { continue };
        for path in sorted_entries(&dir.join("cases")) {
            let ext = path.extension().and_then(|e| e.to_str());
            if !matches!(ext, Some("py" | "pyi")) || !path.is_file() {
                continue;
            }
            let file_name = path.file_name().and_then(|n| n.to_str()).expect("case names are UTF-8").to_owned();
            let stem = path.file_stem().and_then(|n| n.to_str()).expect("case names are UTF-8").to_owned();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
            cases.push(Case {
                shown: format!("transforms/{id}/cases/{file_name}"),
                id: id.clone(),
                path,
                file_name,
                stem,
                args: header_args(&bytes),
            });
        }
    }
    cases
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(read) => read.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    };
    entries.sort();
    entries
}

/// The arguments of a `# pitfix-args: ...` first line.
fn header_args(bytes: &[u8]) -> Vec<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    match first.trim_end().strip_prefix(HEADER) {
        Some(rest) => rest.split_whitespace().map(str::to_owned).collect(),
        None => Vec::new(),
    }
}

/// What running one case gave; the temporary directory lives as long as this does.
struct CaseRun {
    snapshot: String,
    problems: Vec<String>,
    /// The file `pitfix apply` wrote.
    applied: PathBuf,
    _temp: tempfile::TempDir,
}

/// Runs one case through pitfix, git and patch (CPython comes later, for all cases at once).
fn run_case(case: &Case, tools: &Tools) -> std::io::Result<CaseRun> {
    let mut problems = Vec::new();
    let original = std::fs::read(&case.path)?;
    let temp = tempfile::tempdir()?;
    let work = temp.path().join("run");
    std::fs::create_dir(&work)?;
    // A config file stops the config search at the temporary directory: the case's own
    // `<stem>.toml` beside it (for a transform's options), else an empty one.
    let config = std::fs::read(case.path.with_extension("toml")).unwrap_or_default();
    std::fs::write(work.join("pitfix.toml"), config)?;
    let file = work.join(&case.file_name);
    std::fs::write(&file, &original)?;

    let check = pitfix(case, &work, &["check", "--output-format", "text"], None)?;
    let diff = pitfix(case, &work, &["diff"], None)?;
    let piped = pitfix(case, &work, &["apply", "--stdin-filename", &case.file_name, "-"], Some(&original))?;
    let apply = pitfix(case, &work, &["apply"], None)?;
    let applied = std::fs::read(&file)?;
    let again = pitfix(case, &work, &["diff"], None)?;

    let mut snapshot = String::new();
    section(&mut snapshot, "check --output-format text", &check);
    snapshot.push('\n');
    section(&mut snapshot, "diff", &diff);

    // (d) exit codes.
    let expected_diff_code = if diff.stdout.is_empty() { 0 } else { 1 };
    if diff.code != expected_diff_code {
        problems.push(format!("`diff` printed {} bytes but exited {}", diff.stdout.len(), diff.code));
    }
    let file_errors = String::from_utf8_lossy(&check.stderr).contains("file error");
    let expected_check_code = if check.stdout.is_empty() && !file_errors { 0 } else { 1 };
    if check.code != expected_check_code {
        problems.push(format!("`check` printed {} bytes of findings but exited {}", check.stdout.len(), check.code));
    }
    if apply.code != 0 {
        problems.push(format!("`apply` exited {}: {}", apply.code, String::from_utf8_lossy(&apply.stderr)));
    }
    if diff.stdout.is_empty() && applied != original {
        problems.push("`diff` printed nothing but `apply` changed the file".to_owned());
    }
    if !diff.stdout.is_empty() && applied == original {
        problems.push("`diff` printed a diff but `apply` left the file unchanged".to_owned());
    }
    if piped.code != 0 || piped.stdout != applied {
        problems.push(format!(
            "`apply -` (stdin) exited {} and printed other bytes than `apply` wrote:\n{}",
            piped.code,
            printable(&piped.stdout)
        ));
    }

    // (b) fixpoint.
    if again.code != 0 || !again.stdout.is_empty() {
        problems.push(format!(
            "second `diff` on the applied file exited {} and printed:\n{}",
            again.code,
            printable(&again.stdout)
        ));
    }

    // (c) the diff, applied by other tools, gives the same bytes.
    if !diff.stdout.is_empty() {
        if tools.git {
            let dir = temp.path().join("git");
            let out = apply_with(&dir, case, &original, &diff.stdout, "git", &["apply", "-"])?;
            compare_applied(&mut problems, "git apply", &out, &dir.join(&case.file_name), &applied)?;
        }
        if tools.patch {
            let dir = temp.path().join("patch");
            let args = ["-p1", "--batch", "--silent", "--no-backup-if-mismatch"];
            let out = apply_with(&dir, case, &original, &diff.stdout, "patch", &args)?;
            compare_applied(&mut problems, "patch -p1", &out, &dir.join(&case.file_name), &applied)?;
        }
    }
    Ok(CaseRun { snapshot, problems, applied: file, _temp: temp })
}

/// (a) Every applied file, and every case, parses with CPython; one interpreter for all of them
/// (starting one per case would take most of the test's time).
fn parse_with_cpython(runs: &mut [(&Case, CaseRun)]) {
    let mut cmd = Command::new("python3");
    cmd.arg("-c").arg(PARSE_SCRIPT);
    for (case, run) in runs.iter() {
        cmd.arg(&run.applied).arg(&case.path);
    }
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return missing("python3"),
        Err(e) => {
            for (_, run) in runs.iter_mut() {
                run.problems.push(format!("cannot run python3: {e}"));
            }
            return;
        }
    };
    let report = String::from_utf8_lossy(&out.stdout);
    for (case, run) in runs.iter_mut() {
        let applied = format!("{}: ", run.applied.display());
        let source = format!("{}: ", case.path.display());
        for line in report.lines() {
            if let Some(error) = line.strip_prefix(&applied) {
                run.problems.push(format!("CPython cannot parse the applied file: {error}"));
            } else if let Some(error) = line.strip_prefix(&source) {
                run.problems.push(format!("CPython cannot parse the case itself: {error}"));
            }
        }
    }
    if !out.status.success() && report.trim().is_empty() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        for (_, run) in runs.iter_mut() {
            run.problems.push(format!("python3 failed: {stderr}"));
        }
    }
}

/// Runs `pitfix <command> --select <id> <header args> [case file]` in `dir`.
fn pitfix(case: &Case, dir: &Path, command: &[&str], stdin: Option<&[u8]>) -> std::io::Result<Run> {
    let mut cmd = Command::new(BIN);
    cmd.current_dir(dir).args(command).args(["--select", &case.id]).args(&case.args).env_remove("NO_COLOR");
    if stdin.is_none() {
        cmd.arg(&case.file_name);
    }
    let out = run_with_stdin(cmd, stdin.unwrap_or_default())?;
    Ok(Run { code: out.status.code().unwrap_or(-1), stdout: out.stdout, stderr: out.stderr })
}

fn run_with_stdin(mut cmd: Command, stdin: &[u8]) -> std::io::Result<Output> {
    let mut child = cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
    let mut pipe = child.stdin.take().expect("stdin is piped");
    let input = stdin.to_vec();
    let writer = std::thread::spawn(move || pipe.write_all(&input));
    let out = child.wait_with_output()?;
    writer.join().expect("the stdin writer does not panic")?;
    Ok(out)
}

/// Copies the original case into a fresh `dir` and feeds the diff to `tool` there.
fn apply_with(dir: &Path, case: &Case, original: &[u8], diff: &[u8], tool: &str, args: &[&str]) -> std::io::Result<Output> {
    std::fs::create_dir(dir)?;
    std::fs::write(dir.join(&case.file_name), original)?;
    let mut cmd = Command::new(tool);
    cmd.current_dir(dir).args(args);
    // Keep git to this directory and away from the user's configuration.
    if let Some(parent) = dir.parent() {
        cmd.env("GIT_CEILING_DIRECTORIES", parent);
    }
    cmd.env("GIT_CONFIG_NOSYSTEM", "1").env("GIT_CONFIG_GLOBAL", if cfg!(windows) { "NUL" } else { "/dev/null" });
    run_with_stdin(cmd, diff)
}

fn compare_applied(problems: &mut Vec<String>, tool: &str, out: &Output, file: &Path, applied: &[u8]) -> std::io::Result<()> {
    if !out.status.success() {
        problems.push(format!(
            "`{tool}` rejected the diff: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
        return Ok(());
    }
    let got = std::fs::read(file)?;
    if got != applied {
        problems.push(format!(
            "`{tool}` of the diff gives other bytes than `pitfix apply`:\n--- {tool}\n{}\n--- pitfix apply\n{}",
            printable(&got),
            printable(applied)
        ));
    }
    Ok(())
}

fn section(out: &mut String, title: &str, run: &Run) {
    let _ = writeln!(out, "$ pitfix {title}");
    if !run.stdout.is_empty() {
        out.push_str(&printable(&run.stdout));
        if !run.stdout.ends_with(b"\n") {
            out.push_str("\n[no newline at end of stdout]\n");
        }
    }
    if !run.stderr.is_empty() {
        out.push_str("[stderr]\n");
        out.push_str(&printable(&run.stderr));
        if !run.stderr.ends_with(b"\n") {
            out.push('\n');
        }
    }
    let _ = writeln!(out, "[exit {}]", run.code);
}

/// The bytes as text, with CR, BOM and bytes that are not UTF-8 made visible.
fn printable(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\r' => out.push('␍'),
                '\u{feff}' => out.push_str("<U+FEFF>"),
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "<0x{b:02X}>");
        }
    }
    out
}

fn find_tools() -> Tools {
    let present = |tool: &str| {
        let status = Command::new(tool).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status();
        let ok = status.is_ok_and(|s| s.success());
        if !ok {
            missing(tool);
        }
        ok
    };
    Tools { git: present("git"), patch: present("patch") }
}

/// A tool a check needs is not installed: fatal in CI, a warning elsewhere.
fn missing(tool: &str) {
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(!in_ci, "`{tool}` is needed by the fixture checks and is not installed");
    eprintln!("warning: `{tool}` is not installed; the fixture checks that need it are skipped");
}

/// Snapshots in `transforms/<id>/snapshots/` whose case no longer exists.
fn stale_snapshots(root: &Path, cases: &[Case]) -> Vec<String> {
    let mut stale = Vec::new();
    for dir in sorted_entries(&root.join("transforms")) {
        let Some(id) = dir.file_name().and_then(|n| n.to_str()) else { continue };
        for path in sorted_entries(&dir.join("snapshots")) {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else { continue };
            let Some(stem) = name.strip_suffix(".snap") else { continue };
            if !cases.iter().any(|c| c.id == id && c.stem == stem) {
                stale.push(format!(
                    "transforms/{id}/snapshots/{name}: no case transforms/{id}/cases/{stem}.py(i) any more; delete it"
                ));
            }
        }
    }
    stale
}
