//! The warm-run cache (`.pitfix_cache/`): a second run over unchanged files prints exactly what a
//! cold run prints; a changed file, config or project index is seen; a damaged, foreign or
//! unwritable cache is never trusted and never fails a run; concurrent runs cannot corrupt it.
//!
//! How many files a run took from the cache is read from the line `PITFIX_TIMINGS=1` prints
//! (`timings: ...; cache: H of N files from the cache; ...`).

use std::collections::BTreeSet;
use std::fs::{self, File, FileTimes};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use crate::common::Project;
use crate::support::{CLEAN, FIXABLE, cmd, cmd_at, diff_paths, tree};

/// The cache file in a project's root.
const RESULTS: &str = ".pitfix_cache/results.bin";

/// A consumer whose `async for` calls a generator of another file (`producer.py`): its result
/// reads the project index.
const CONSUMER: &str = "from producer import records\n\n\nasync def main():\n    async for r in records():\n        break\n";
const PRODUCER_PLAIN: &str = "async def records():\n    return [1, 2]\n";
const PRODUCER_GENERATOR: &str = "async def records():\n    yield 1\n";

/// Files with findings of each kind: safe and unsafe fixes, none, a syntax error (never cached),
/// a suppression, a stub, a package, and the project index.
fn sample(p: &Project) {
    p.write("a.py", FIXABLE);
    p.write("clean.py", CLEAN);
    p.write("pkg/__init__.py", "");
    p.write("pkg/defaults.py", "def f(a=[]):\n    a.append(1)\n    return a\n");
    p.write("pkg/quiet.py", "x = 1\nif x is 1000:  # pitfix: ignore\n    pass\n");
    p.write("broken.py", "def (:\n");
    p.write("types.pyi", "x: int\n");
    p.write("producer.py", PRODUCER_GENERATOR);
    p.write("consumer.py", CONSUMER);
    for file in ["a.py", "clean.py", "pkg/__init__.py", "pkg/defaults.py", "pkg/quiet.py", "broken.py", "types.pyi", "producer.py", "consumer.py"] {
        age(p, file);
    }
}

/// Sets a file's modification time an hour back: old enough for the stat fast path.
fn age(p: &Project, rel: &str) {
    let time = SystemTime::now() - Duration::from_secs(3600);
    File::options().write(true).open(p.path(rel)).unwrap().set_times(FileTimes::new().set_modified(time)).unwrap();
}

fn run(command: &mut Command) -> Output {
    command.output().expect("pitfix runs")
}

/// Asserts two runs printed the same bytes and exited the same way.
fn assert_same(cold: &Output, warm: &Output, what: &str) {
    assert_eq!(warm.status.code(), cold.status.code(), "{what}: exit code");
    assert_eq!(String::from_utf8_lossy(&warm.stdout), String::from_utf8_lossy(&cold.stdout), "{what}: stdout");
    assert_eq!(String::from_utf8_lossy(&warm.stderr), String::from_utf8_lossy(&cold.stderr), "{what}: stderr");
}

/// `pitfix ARGS` with `--no-cache`: what a cold run prints.
fn cold(p: &Project, args: &[&str]) -> Output {
    run(&mut cmd(p, &[args, &["--no-cache"]].concat()))
}

/// The cache line of `PITFIX_TIMINGS=1 pitfix ARGS`: (files from the cache, files, what was
/// done with the cache file).
fn cache_line(mut command: Command) -> (usize, usize, String) {
    let output = run(command.env("PITFIX_TIMINGS", "1"));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let line = stderr.lines().find_map(|l| Some(l.split_once("; cache: ")?.1)).unwrap_or_else(|| panic!("no cache line in {stderr}"));
    let (counts, status) = line.split_once(" files from the cache; ").expect("the line's shape");
    let (hits, files) = counts.split_once(" of ").expect("H of N");
    (hits.parse().unwrap(), files.parse().unwrap(), status.to_owned())
}

fn hits(p: &Project, args: &[&str]) -> (usize, usize) {
    let (hits, files, _) = cache_line(cmd(p, args));
    (hits, files)
}

#[test]
fn warm_runs_print_what_cold_runs_print() {
    let p = Project::new();
    sample(&p);
    cold(&p, &["check"]);
    assert!(!p.path(".pitfix_cache").exists(), "--no-cache wrote a cache");
    let commands: [&[&str]; 7] = [
        &["check"],
        &["check", "--output-format", "json"],
        &["check", "--output-format", "github"],
        &["check", "--output-format", "sarif"],
        &["diff"],
        &["diff", "--unsafe-fixes"],
        &["check", "-q", "pkg"],
    ];
    for args in commands {
        let reference = cold(&p, args);
        let first = run(&mut cmd(&p, args));
        let warm = run(&mut cmd(&p, args));
        assert_same(&reference, &first, &format!("{args:?}, first run"));
        assert_same(&reference, &warm, &format!("{args:?}, warm run"));
        let (hits, files, status) = cache_line(cmd(&p, args));
        assert!(status.ends_with("unchanged"), "{args:?}: a warm run rewrote the cache: {status}");
        // Every file but the one with a syntax error.
        let unanswered = usize::from(!args.contains(&"pkg"));
        assert_eq!(hits, files - unanswered, "{args:?}: files answered from the cache");
    }
}

#[test]
fn warm_apply_writes_what_a_cold_apply_writes() {
    let cold_project = Project::new();
    let warm_project = Project::new();
    sample(&cold_project);
    sample(&warm_project);
    run(&mut cmd(&warm_project, &["diff", "--unsafe-fixes"]));
    for _ in 0..2 {
        let reference = cold(&cold_project, &["apply", "--unsafe-fixes"]);
        let warm = run(&mut cmd(&warm_project, &["apply", "--unsafe-fixes"]));
        assert_same(&reference, &warm, "apply");
        for file in ["a.py", "clean.py", "pkg/defaults.py", "pkg/quiet.py", "consumer.py", "broken.py"] {
            assert_eq!(warm_project.read_string(file), cold_project.read_string(file), "{file}");
        }
    }
    assert_eq!(hits(&warm_project, &["apply", "--unsafe-fixes"]), (8, 9), "the applied files are read again, once");
}

#[test]
fn the_new_texts_diff_shows_are_kept_beside_the_results() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    p.write("b.py", FIXABLE.replace("1000", "2000"));
    p.write("clean.py", CLEAN);
    let reference = cold(&p, &["diff"]);
    assert_eq!(diff_paths(&String::from_utf8_lossy(&reference.stdout)), ["a.py", "b.py"]);
    run(&mut cmd(&p, &["diff"]));
    let texts = || tree(&p.path(".pitfix_cache/results.texts"));
    assert_eq!(texts().len(), 2);
    assert_same(&reference, &run(&mut cmd(&p, &["diff"])), "warm diff");
    assert_eq!(hits(&p, &["diff"]), (3, 3));
    // A text that is lost, or not what its name says, is made again.
    let first = texts().into_iter().next().unwrap();
    fs::write(p.path(".pitfix_cache/results.texts").join(&first), "x = 0\n").unwrap();
    fs::remove_file(p.path(".pitfix_cache/results.texts").join(texts().into_iter().nth(1).unwrap())).unwrap();
    assert_eq!(hits(&p, &["diff"]), (1, 3));
    assert_same(&reference, &run(&mut cmd(&p, &["diff"])), "after the texts were lost");
    assert_eq!(hits(&p, &["diff"]), (3, 3));
    // `apply` writes what it computes itself; the texts no result names go.
    p.run(&["apply"]).code(0);
    run(&mut cmd(&p, &["diff"]));
    assert!(texts().is_empty(), "{:?}", texts());
}

#[test]
fn a_changed_file_is_checked_again() {
    let p = Project::new();
    p.write("a.py", CLEAN);
    p.write("b.py", CLEAN);
    run(&mut cmd(&p, &["check"]));
    p.write("a.py", FIXABLE);
    let warm = run(&mut cmd(&p, &["check"]));
    assert_same(&cold(&p, &["check"]), &warm, "after the change");
    assert!(String::from_utf8_lossy(&warm.stdout).contains("a.py:2:4: is-literal"));
    assert_eq!(hits(&p, &["check"]), (2, 2));
}

#[test]
fn a_change_that_keeps_size_and_modification_time_is_seen() {
    // The stat fast path also compares the change time (ctime), which no one can set back.
    let p = Project::new();
    let trap = "x = 1\nif x is 1000:\n    pass\n";
    assert_eq!(trap.len(), CLEAN.len());
    p.write("a.py", CLEAN);
    age(&p, "a.py");
    let modified = fs::metadata(p.path("a.py")).unwrap().modified().unwrap();
    run(&mut cmd(&p, &["check"]));
    assert_eq!(hits(&p, &["check"]), (1, 1));
    std::thread::sleep(Duration::from_millis(20));
    fs::write(p.path("a.py"), trap).unwrap();
    File::options().write(true).open(p.path("a.py")).unwrap().set_times(FileTimes::new().set_modified(modified)).unwrap();
    assert_eq!(fs::metadata(p.path("a.py")).unwrap().modified().unwrap(), modified);
    let warm = run(&mut cmd(&p, &["check"]));
    assert!(String::from_utf8_lossy(&warm.stdout).contains("a.py:2:4: is-literal"), "{warm:?}");
}

#[test]
fn a_changed_config_invalidates_the_results() {
    let p = Project::new();
    let code = "from contextlib import aclosing\n\n\nasync def gen():\n    yield 1\n\n\n\
                async def main():\n    async for r in gen():\n        break\n    async for s in gen():\n        pass\n    \
                if r is 1000:\n        pass\n";
    p.write("a.py", code);
    p.write("b.py", FIXABLE);
    p.write("c.py", "def f(a=[]):\n    a.append(1)\n    return a\n");
    let configs = [
        "",
        "select = [\"is-literal\"]\n",
        "target-version = \"py39\"\n",
        "[async-gen-aclosing]\nmode = \"always\"\n",
        "unsafe-fixes = true\n",
    ];
    for command in [&["check"][..], &["diff"]] {
        let mut previous: Option<Output> = None;
        for config in configs {
            p.write("pitfix.toml", config);
            let reference = cold(&p, command);
            let (hits_now, files, _) = cache_line(cmd(&p, command));
            if command == ["check"] && config.contains("unsafe") {
                // `unsafe-fixes` does not decide what `check` finds: the first config's results hold.
                assert_eq!(hits_now, files, "{command:?} with {config:?}");
                continue;
            }
            assert_eq!(hits_now, 0, "{command:?} with {config:?}: nothing may come from the cache");
            assert_same(&reference, &run(&mut cmd(&p, command)), &format!("{command:?} with {config:?}"));
            assert_eq!(hits(&p, command), (files, files), "{command:?} with {config:?}, again");
            if let Some(previous) = previous.filter(|_| command == ["check"] || config.contains("unsafe")) {
                assert_ne!(previous.stdout, reference.stdout, "{command:?}: {config:?} must change the output");
            }
            previous = Some(reference);
        }
    }
    // The command line's settings count too.
    p.write("pitfix.toml", "");
    run(&mut cmd(&p, &["check"]));
    assert_eq!(hits(&p, &["check", "--target-version", "py312"]).0, 0);
    assert_eq!(hits(&p, &["check", "--select", "is-literal,mutable-default"]).0, 0);
    assert_eq!(hits(&p, &["check", "--select", "is-literal,mutable-default"]).0, 3);
}

#[test]
fn no_cache_writes_nothing() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    run(&mut cmd(&p, &["check", "--no-cache"]));
    run(&mut cmd(&p, &["diff", "--no-cache"]));
    run(&mut cmd(&p, &["check"]).env("PITFIX_NO_CACHE", "1"));
    run(&mut cmd(&p, &["apply", "--no-cache"]));
    assert_eq!(tree(&p.root), BTreeSet::from(["a.py".to_owned()]));
    // A false value leaves the cache on.
    run(&mut cmd(&p, &["check"]).env("PITFIX_NO_CACHE", "0"));
    assert!(p.path(RESULTS).is_file());
}

#[test]
fn the_cache_folder_is_ignored_by_git_and_tagged() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    run(&mut cmd(&p, &["check"]));
    let names: BTreeSet<String> = tree(&p.path(".pitfix_cache"));
    assert_eq!(names, BTreeSet::from([".gitignore", "CACHEDIR.TAG", "results.bin"].map(str::to_owned)));
    let gitignore = p.read_string(".pitfix_cache/.gitignore");
    assert!(gitignore.lines().any(|l| l == "*"), "{gitignore}");
    assert!(p.read_string(".pitfix_cache/CACHEDIR.TAG").starts_with("Signature: 8a477f597d28d172789f06886806bc55"));
    p.git(&["init", "-q"]);
    let status = String::from_utf8(p.git(&["status", "--porcelain", "--untracked-files=all"]).stdout).unwrap();
    assert_eq!(status, "?? a.py\n");
}

#[test]
fn a_damaged_or_foreign_cache_file_is_ignored_and_rewritten() {
    let p = Project::new();
    sample(&p);
    let reference = cold(&p, &["check"]);
    run(&mut cmd(&p, &["check"]));
    let valid = fs::read(p.path(RESULTS)).unwrap();
    // Another version's file: the same layout, another build named in the header.
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let at = valid.windows(version.len()).position(|w| w == version).expect("the version in the header");
    let mut foreign = valid.clone();
    foreign[at] = if foreign[at] == b'9' { b'8' } else { b'9' };
    let mut flipped = valid.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x55;
    let mut random = vec![0u8; 4096];
    fastrand::fill(&mut random);
    let damaged: [(&str, Vec<u8>); 5] = [
        ("random bytes", random),
        ("truncated", valid[..valid.len() / 2].to_vec()),
        ("one byte changed", flipped),
        ("another version", foreign),
        ("empty", Vec::new()),
    ];
    for (what, bytes) in damaged {
        fs::write(p.path(RESULTS), &bytes).unwrap();
        let (hits_now, files, status) = cache_line(cmd(&p, &["check"]));
        assert_eq!(hits_now, 0, "{what}: trusted");
        assert!(status.contains("refused"), "{what}: {status}");
        assert_same(&reference, &run(&mut cmd(&p, &["check"])), what);
        assert_eq!(hits(&p, &["check"]), (files - 1, files), "{what}: rewritten");
    }
}

#[test]
fn a_file_reading_the_project_index_follows_the_other_files() {
    let p = Project::new();
    p.write("consumer.py", CONSUMER);
    for (producer, expect_finding) in [(PRODUCER_PLAIN, false), (PRODUCER_GENERATOR, true), (PRODUCER_PLAIN, false)] {
        p.write("producer.py", producer);
        let reference = cold(&p, &["check"]);
        let warm = run(&mut cmd(&p, &["check"]));
        assert_same(&reference, &warm, producer);
        assert_eq!(String::from_utf8_lossy(&warm.stdout).contains("consumer.py:5:20: async-gen-aclosing"), expect_finding, "{warm:?}");
        assert_eq!(hits(&p, &["check"]), (2, 2));
    }
    // An unrelated file that changes the index (a new module name) is seen as well.
    p.write("producer.py", PRODUCER_GENERATOR);
    run(&mut cmd(&p, &["check"]));
    p.write("other.py", "import producer\n");
    assert_eq!(hits(&p, &["check"]), (1, 3), "only the producer's result holds");
}

#[test]
fn concurrent_runs_leave_a_valid_cache() {
    let p = Project::new();
    for i in 0..40 {
        p.write(&format!("m{i:02}.py"), if i % 3 == 0 { FIXABLE } else { CLEAN });
    }
    let commands: [&[&str]; 4] = [&["check"], &["diff"], &["check", "--output-format", "json"], &["diff", "--unsafe-fixes"]];
    for round in 0..3 {
        p.write("m00.py", format!("{FIXABLE}y = {round}\n"));
        let children: Vec<_> = commands
            .iter()
            .cycle()
            .take(8)
            .map(|args| {
                cmd(&p, args).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap()
            })
            .collect();
        for mut child in children {
            assert!(child.wait().unwrap().code().is_some_and(|c| c <= 1));
        }
    }
    // No temporary file is left: the folder's own files, and the new texts named by their digest.
    for name in tree(&p.path(".pitfix_cache")) {
        let text = name.strip_prefix("results.texts/").is_some_and(|n| n.len() == 32 && n.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(text || [".gitignore", "CACHEDIR.TAG", "results.bin", "results.texts"].contains(&name.as_str()), "{name}");
    }
    for args in commands {
        let (_, _, status) = cache_line(cmd(&p, args));
        assert!(!status.contains("refused"), "{args:?}: {status}");
        assert_same(&cold(&p, args), &run(&mut cmd(&p, args)), &format!("{args:?}"));
        assert_eq!(hits(&p, args).0, 40, "{args:?}");
    }
}

#[test]
fn an_unwritable_cache_never_fails_a_run() {
    let p = Project::new();
    sample(&p);
    // A file where the folder should be: nothing can be created in it (even by root).
    p.write(".pitfix_cache", "not a folder\n");
    for args in [&["check"][..], &["diff"], &["check", "--output-format", "sarif"]] {
        assert_same(&cold(&p, args), &run(&mut cmd(&p, args)), &format!("{args:?}"));
        let (_, _, status) = cache_line(cmd(&p, args));
        assert!(status.contains("; not written: "), "{status}");
    }
    assert_eq!(p.read_string(".pitfix_cache"), "not a folder\n");
}

#[test]
fn the_cache_lives_beside_the_config_file_else_in_the_current_folder() {
    let p = Project::new();
    p.write("pitfix.toml", "");
    p.write("sub/a.py", FIXABLE);
    run(&mut cmd_at(&p, "sub", &["check"]));
    assert!(p.path(RESULTS).is_file());
    assert!(!p.path("sub/.pitfix_cache").exists());
    // Named files and the folder's own run share the cache: paths are kept relative to the root.
    assert_eq!(cache_line(cmd(&p, &["check", "sub/a.py"])).0, 1);

    let q = Project::new();
    q.write("sub/a.py", FIXABLE);
    run(&mut cmd_at(&q, "sub", &["check"]));
    assert!(q.path("sub/.pitfix_cache/results.bin").is_file());
    assert!(!q.path(".pitfix_cache").exists());
}

#[test]
fn cache_dir_moves_the_cache() {
    let p = Project::new();
    let elsewhere = Project::new();
    p.write("a.py", FIXABLE);
    let with_dir = |args: &[&str]| {
        let mut command = cmd(&p, args);
        command.env("PITFIX_CACHE_DIR", elsewhere.path("cache"));
        command
    };
    run(&mut with_dir(&["check"]));
    assert_eq!(cache_line(with_dir(&["check"])).0, 1);
    assert!(!p.path(".pitfix_cache").exists());
    let names = tree(&elsewhere.path("cache"));
    assert!(names.contains(".gitignore") && names.contains("CACHEDIR.TAG"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("results-") && n.ends_with(".bin")), "{names:?}");
    // The flag names the same folder.
    let dir = elsewhere.path("cache");
    assert_eq!(cache_line(cmd(&p, &["check", "--cache-dir", dir.to_str().unwrap()])).0, 1);
    // An empty variable is no folder: the cache is in the project.
    let mut empty = cmd(&p, &["check"]);
    empty.env("PITFIX_CACHE_DIR", "");
    assert_eq!(run(&mut empty).status.code(), Some(1));
    assert!(p.path(RESULTS).is_file());
}

#[test]
fn the_walk_never_enters_the_cache_folder() {
    let p = Project::new();
    p.write("pitfix.toml", "exclude = []\n");
    p.write("a.py", CLEAN);
    run(&mut cmd(&p, &["check"]));
    p.write(".pitfix_cache/trap.py", FIXABLE);
    let output = run(&mut cmd(&p, &["check"]));
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[test]
fn standard_input_is_never_cached() {
    let p = Project::new();
    let output = cmd(&p, &["check", "-", "--stdin-filename", "a.py"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(FIXABLE.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(tree(&p.root).is_empty());
}

/// A class whose metaclass comes from another file's class: the file waits for the project
/// index, and its result holds (is taken from the cache) while the index is the same.
#[test]
fn a_file_whose_classes_read_the_project_index_is_answered_warm() {
    let p = Project::new();
    p.write("meta.py", "import abc\n\n\nclass Meta(abc.ABCMeta):\n    pass\n\n\nclass Base(metaclass=Meta):\n    pass\n");
    p.write("user.py", "from enum import Enum\n\nfrom meta import Base\n\n\nclass Mixed(Base, Enum):\n    pass\n");
    let reference = cold(&p, &["check"]);
    assert!(String::from_utf8_lossy(&reference.stdout).contains("metaclass-conflict"), "{reference:?}");
    run(&mut cmd(&p, &["check"]));
    let warm = run(&mut cmd(&p, &["check"]));
    assert_same(&reference, &warm, "metaclass from another file");
    assert_eq!(hits(&p, &["check"]), (2, 2), "both files from the cache");
    // The other file's class loses its metaclass: the finding goes.
    p.write("meta.py", "class Base:\n    pass\n");
    let changed = run(&mut cmd(&p, &["check"]));
    assert_same(&cold(&p, &["check"]), &changed, "after the change");
    assert!(!String::from_utf8_lossy(&changed.stdout).contains("metaclass-conflict"), "{changed:?}");
}
