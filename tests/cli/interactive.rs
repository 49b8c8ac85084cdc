//! `pitfix apply --interactive` with answers piped in, and `pitfix completions`.

use crate::common::Project;
use crate::support::snapshot_settings;

/// Three fixes far enough apart to be three hunks, CRLF line ends and a comment to keep.
const THREE: &str = "a = int('1')\r\nif a is 1:  # first\r\n    pass\r\n\r\n\r\n\r\n\r\n\r\nif a is 2:\r\n    pass\r\n\r\n\r\n\r\n\r\n\r\nif a is 3:\r\n    pass\r\n";

/// `apply --interactive` in the project with `answers` on standard input.
fn interactive(p: &Project, answers: &str, extra: &[&str]) -> crate::common::Run {
    let mut args = vec!["apply", "--interactive", "--no-cache"];
    args.extend_from_slice(extra);
    p.run_stdin(&args, answers.as_bytes())
}

#[test]
fn yes_and_no_apply_only_the_accepted_fixes() {
    let p = Project::new();
    p.write("m.py", THREE);
    let run = interactive(&p, "y\nn\ny\n", &[]);
    run.code(0);
    let fixed = THREE.replacen("a is 1", "a == 1", 1).replacen("a is 3", "a == 3", 1);
    assert_eq!(p.read_string("m.py"), fixed);
    let _s = snapshot_settings(&p, None);
    insta::assert_snapshot!(format!("{}\n--- stderr\n{}", run.out(), run.stderr));
}

#[test]
fn all_takes_this_fix_and_every_later_one() {
    let p = Project::new();
    p.write("a.py", THREE);
    p.write("b.py", "x = int('5')\nprint(x is 5)\n");
    let run = interactive(&p, "n\na\n", &[]);
    run.code(0);
    assert_eq!(p.read_string("a.py"), THREE.replacen("a is 2", "a == 2", 1).replacen("a is 3", "a == 3", 1));
    assert_eq!(p.read_string("b.py"), "x = int('5')\nprint(x == 5)\n");
    // Only the first two fixes were asked about.
    assert_eq!(run.out().matches("Apply this hunk [y,n,a,q,?]?").count(), 2, "{}", run.out());
}

#[test]
fn quit_applies_what_was_accepted_and_asks_nothing_more() {
    let p = Project::new();
    p.write("a.py", THREE);
    p.write("b.py", "x = int('5')\nprint(x is 5)\n");
    let run = interactive(&p, "y\nq\ny\ny\n", &[]);
    run.code(0);
    assert_eq!(p.read_string("a.py"), THREE.replacen("a is 1", "a == 1", 1));
    assert_eq!(p.read_string("b.py"), "x = int('5')\nprint(x is 5)\n");
    assert_eq!(run.out().matches("Apply this hunk").count(), 2, "{}", run.out());
    assert!(run.stderr.contains("3 fixes not applied (answered `n`, or left after `q`)."), "{}", run.stderr);
}

#[test]
fn help_and_unknown_answers_ask_again_and_the_end_of_input_quits() {
    let p = Project::new();
    p.write("m.py", THREE);
    let run = interactive(&p, "?\nmaybe\ny\n", &[]);
    run.code(0);
    let out = run.out();
    assert_eq!(out.matches("a - apply this hunk and all the remaining ones").count(), 2, "{out}");
    // Asked for the first fix three times, then once for the second, where the input ended.
    assert_eq!(out.matches("(1/3) Apply this hunk").count(), 3, "{out}");
    assert_eq!(out.matches("(2/3) Apply this hunk").count(), 1, "{out}");
    assert!(!out.contains("(3/3)"), "{out}");
    assert_eq!(p.read_string("m.py"), THREE.replacen("a is 1", "a == 1", 1));
}

#[test]
fn a_fix_with_several_edits_is_one_choice_and_other_bytes_stay() {
    // naive-utc's fix adds `timezone` to the import and changes the call: two hunks, one fix.
    let p = Project::new();
    let source = "from datetime import datetime\n\n\n\n\n\n\n\ndef now():\n    return datetime.utcnow()\n\n\ndef same(x):\n    return x is 'a'\n";
    p.write("m.py", source);
    let run = interactive(&p, "y\nn\n", &[]);
    run.code(0);
    let fixed = p.read_string("m.py");
    assert_eq!(
        fixed,
        source
            .replace("import datetime\n", "import datetime, timezone\n")
            .replace("datetime.utcnow()", "datetime.now(timezone.utc).replace(tzinfo=None)")
    );
    let out = run.out();
    assert_eq!(out.matches("Apply this hunk").count(), 2, "{out}");
    assert!(out.contains("naive-utc"), "{out}");
    // The first fix's diff shows both of its places.
    let first = &out[..out.find("(1/2)").expect("first prompt")];
    assert_eq!(first.matches("@@ ").count(), 2, "{first}");
    assert!(first.contains("(one fix in 2 hunks: they are applied together)"), "{first}");
}

#[test]
fn findings_that_share_one_fix_are_one_question() {
    // mutable-class-attr moves both attributes into the one `__init__` it creates.
    let p = Project::new();
    p.write("c.py", "class Cart:\n    items = []\n    tags = set()\n\n    def add(self, item):\n        self.items.append(item)\n        self.tags.add(item)\n\n\ncart = Cart()\n");
    let run = interactive(&p, "y\n", &["--unsafe-fixes"]);
    run.code(0);
    assert_eq!(run.out().matches("Apply this hunk").count(), 1, "{}", run.out());
    assert!(run.out().contains("(1/1)"), "{}", run.out());
    assert!(p.read_string("c.py").contains("    def __init__(self):\n        self.items = []\n        self.tags = set()\n"));
    assert!(run.stderr.contains("Fixed 2 problems in 1 file (mutable-class-attr: 2)."), "{}", run.stderr);
}

#[test]
fn unsafe_fixes_are_offered_only_when_turned_on() {
    let p = Project::new();
    p.write("m.py", "class Cart:\n    items = []\n\n    def add(self, item):\n        self.items.append(item)\n\n\ncart = Cart()\n");
    let run = interactive(&p, "y\n", &[]);
    run.code(0);
    assert!(!run.out().contains("Apply this hunk"), "{}", run.out());
    let run = interactive(&p, "y\n", &["--unsafe-fixes"]);
    run.code(0);
    assert!(run.out().contains("(unsafe fix)"), "{}", run.out());
    assert!(p.read_string("m.py").contains("self.items = []"));
}

#[test]
fn exit_non_zero_on_fix_counts_only_applied_fixes() {
    let p = Project::new();
    p.write("m.py", THREE);
    interactive(&p, "n\nn\nn\n", &["--exit-non-zero-on-fix"]).code(0);
    assert_eq!(p.read_string("m.py"), THREE);
    interactive(&p, "n\ny\nn\n", &["--exit-non-zero-on-fix"]).code(1);
    assert_eq!(p.read_string("m.py"), THREE.replacen("a is 2", "a == 2", 1));
}

#[test]
fn standard_input_as_a_file_is_refused() {
    let p = Project::new();
    let run = p.run_stdin(&["apply", "--interactive", "-"], b"x = 1\nx is 1\n");
    run.code(2);
    assert!(run.stderr.contains("cannot also read a file from `-`"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn completions_name_the_subcommands_in_every_shell() {
    let p = Project::new();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let run = p.run(&["completions", shell]);
        run.code(0);
        let script = run.out();
        assert!(!script.trim().is_empty(), "{shell}: empty script");
        for command in ["diff", "apply", "check", "rules", "explain", "completions"] {
            assert!(script.contains(command), "{shell}: `{command}` missing from:\n{script}");
        }
        assert!(script.contains("interactive"), "{shell}: `--interactive` missing");
    }
    let run = p.run(&["completions", "tcsh"]);
    run.code(2);
}

#[test]
fn the_diff_is_coloured_when_asked() {
    let p = Project::new();
    p.write("m.py", THREE);
    let plain = interactive(&p, "n\nn\nn\n", &[]);
    assert!(!plain.out().contains('\x1b'), "{}", plain.out());
    let coloured = interactive(&p, "n\nn\nn\n", &["--color", "always"]);
    coloured.code(0);
    assert!(coloured.out().contains("\x1b[31m-if a is 1:"), "{}", coloured.out());
    assert!(coloured.out().contains("\x1b[32m+if a == 1:"), "{}", coloured.out());
}

#[test]
fn a_file_changed_between_the_check_and_the_answers_is_not_written() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    let p = Project::new();
    p.write("a.py", "x = int('5')\nprint(x is 5)\n");
    p.write("b.py", "y = int('6')\nprint(y is 6)\n");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pitfix"))
        .args(["apply", "--interactive", "--color", "never"])
        .current_dir(&p.root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pitfix starts");
    let mut stdout = child.stdout.take().expect("stdout");
    // Both files are checked before the first question (about a.py) is asked.
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("Apply this hunk") {
        assert_eq!(stdout.read(&mut byte).expect("reads the prompt"), 1, "pitfix ended before asking");
        seen.push(byte[0]);
    }
    // Someone edits b.py meanwhile: the same length, so its checked positions still land.
    std::thread::sleep(std::time::Duration::from_millis(20));
    p.write("b.py", "z = int('7')\nprint(z is 7)\n");
    child.stdin.take().expect("stdin").write_all(b"y\ny\n").expect("answers");
    let mut rest = String::new();
    stdout.read_to_string(&mut rest).expect("the rest of stdout");
    let output = child.wait_with_output().expect("pitfix ends");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(p.read_string("a.py"), "x = int('5')\nprint(x == 5)\n");
    assert_eq!(p.read_string("b.py"), "z = int('7')\nprint(z is 7)\n", "{stderr}");
    assert!(stderr.contains("b.py: the file changed since it was checked; nothing applied"), "{stderr}");
}
