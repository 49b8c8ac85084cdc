//! The diff is a valid patch: `git apply` and `patch -p1` accept it and give the bytes `apply` writes.

use crate::common::{Project, git_in};
use crate::support::{CLEAN, FIXABLE, cmd, diff_paths, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

/// Files covering LF, CRLF, BOM, no newline at the end, latin-1, several hunks and a subfolder.
fn patch_layout(p: &Project) {
    p.write("lf.py", FIXABLE);
    p.write("crlf.py", "import os\r\n\r\nif os.name is 'nt':\r\n    pass\r\n");
    p.write("bom.py", "\u{feff}x = 1\nprint(x is 1000)\n");
    p.write("nonl.py", "x = int('7')\nprint(x is not 1000)");
    p.write("crlf_nonl.py", "x = 1\r\nprint(x is 1000)");
    p.write("l1.py", b"# coding: latin-1\ns = '\xe9'\nprint(s is '\xe9')\n");
    let mut long = String::from("a = b is 'first'\n");
    for i in 0..20 {
        long += &format!("v{i} = {i}\n");
    }
    long += "z = a is not 'last'\n";
    p.write("pkg/long.py", long);
    p.write("pkg/clean.py", CLEAN);
    p.write("with space/my file.py", FIXABLE);
}

#[test]
fn git_apply_accepts_the_diff_and_gives_the_same_bytes_as_apply() {
    let by_git = Project::new();
    by_git.git(&["init", "-q"]);
    patch_layout(&by_git);
    let run = by_git.run(&["diff"]);
    run.code(1);
    assert_eq!(
        diff_paths(&String::from_utf8_lossy(&run.stdout)),
        ["bom.py", "crlf.py", "crlf_nonl.py", "l1.py", "lf.py", "nonl.py", "pkg/long.py", "with space/my file.py"]
    );
    let scratch = Project::new();
    let patch = scratch.write("changes.patch", &run.stdout);
    let patch_arg = patch.to_str().unwrap();

    let patch_tool = std::process::Command::new("patch")
        .args(["-p1", "--dry-run", "--batch", "-i", patch_arg])
        .current_dir(&by_git.root)
        .stdin(std::process::Stdio::null())
        .output();
    match patch_tool {
        Ok(out) => assert!(
            out.status.success(),
            "patch -p1 --dry-run rejected the diff:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => eprintln!("note: `patch` is not installed; skipping the `patch -p1 --dry-run` check"),
    }

    git_in(&by_git.root, &["apply", "--check", patch_arg]);
    git_in(&by_git.root, &["apply", patch_arg]);

    let by_pitfix = Project::new();
    patch_layout(&by_pitfix);
    by_pitfix.run(&["apply"]).code(0);
    for f in [
        "lf.py",
        "crlf.py",
        "bom.py",
        "nonl.py",
        "crlf_nonl.py",
        "l1.py",
        "pkg/long.py",
        "pkg/clean.py",
        "with space/my file.py",
    ] {
        assert_eq!(by_git.read(f), by_pitfix.read(f), "{f}");
    }
    assert_eq!(by_pitfix.read("crlf_nonl.py"), b"x = 1\r\nprint(x == 1000)");
    by_git.run(&["diff"]).code(0);
}

#[test]
fn names_with_a_space_end_with_a_tab_like_git() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("my file.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
}

/// File names with a line end, a tab, a quote, a backslash, a non-ASCII character and ESC.
const ODD_NAMES: &[&str] = &["new\nline.py", "tab\there.py", "quo\"te.py", "back\\slash.py", "café.py", "esc\x1b[31m.py"];

#[test]
fn git_apply_accepts_the_diff_of_files_with_odd_names() {
    let by_git = Project::new();
    by_git.git(&["init", "-q"]);
    for name in ODD_NAMES {
        by_git.write(name, FIXABLE);
    }
    let run = by_git.run(&["diff"]);
    run.code(1);
    let out = String::from_utf8(run.stdout.clone()).expect("UTF-8 diff");
    assert!(out.contains("diff --git \"a/new\\nline.py\" \"b/new\\nline.py\"\n"), "{out}");
    assert!(out.contains("--- \"a/caf\\303\\251.py\"\n"), "{out}");
    assert!(!out.contains('\x1b'), "no raw ESC in the diff: {out}");
    let scratch = Project::new();
    let patch = scratch.write("odd.patch", &run.stdout);
    git_in(&by_git.root, &["apply", patch.to_str().unwrap()]);
    for name in ODD_NAMES {
        assert_eq!(by_git.read_string(name), crate::support::FIXED, "{name:?} fixed by git apply");
    }
}

#[test]
fn odd_names_are_escaped_in_text_output_and_cannot_forge_diff_headers() {
    let p = Project::new();
    p.write("esc\x1b[31m.py", FIXABLE);
    p.write("bad\x1b]0;title\x07.py", "def (:\n");
    let run = cmd(&p, &["check", "--output-format", "text"]).output().expect("pitfix runs");
    let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
    assert!(!stdout.contains('\x1b') && !stderr.contains('\x1b'), "raw ESC in output:\n{stdout}{stderr}");
    assert!(!stderr.contains('\x07'), "{stderr}");
    assert!(stdout.starts_with("esc\\x1b[31m.py:2:4: is-literal"), "{stdout}");
    assert!(stderr.contains("bad\\x1b]0;title\\x07.py:"), "{stderr}");
    // A line end in `--stdin-filename` stays inside the quoted name.
    let run = cmd(&p, &["diff", "--stdin-filename", "x.py\n+++ b/evil.py", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(FIXABLE.as_bytes())?;
            child.wait_with_output()
        })
        .expect("pitfix runs");
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(out.starts_with("diff --git \"a/x.py\\n+++ b/evil.py\" \"b/x.py\\n+++ b/evil.py\"\n"), "{out}");
    assert!(!out.lines().any(|line| line == "+++ b/evil.py"), "{out}");
    // An error that names a missing file escapes it too.
    let run = cmd(&p, &["diff", "gone\x1b[2J.py"]).output().expect("pitfix runs");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr, "pitfix: error: gone\\x1b[2J.py: no such file or directory\n");
}
