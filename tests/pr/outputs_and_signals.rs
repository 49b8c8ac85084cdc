//! What a step hands on, the token, and interruptions.
use super::*;

/// `$GITHUB_OUTPUT` read as GitHub reads it: `name=value` lines and `name<<DELIMITER` blocks.
fn read_outputs(text: &str) -> Vec<(String, String)> {
    let mut outputs = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some((name, delimiter)) = line.split_once("<<") {
            let value: Vec<&str> = lines.by_ref().take_while(|l| *l != delimiter).collect();
            outputs.push((name.to_owned(), value.join("\n")));
        } else if let Some((name, value)) = line.split_once('=') {
            outputs.push((name.to_owned(), value.to_owned()));
        }
    }
    outputs
}

#[test]
fn a_newline_in_an_answer_cannot_add_outputs() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let url = "https://github.com/octo/app/pull/1\npull-request-operation=hacked\nevil=1";
    s.github.with(|state| state.html_url = Some(url.to_owned()));
    let output_file = s.project.path("github_output");
    let run = s.pr_with(&[], &[("GITHUB_TOKEN", TOKEN), ("GITHUB_OUTPUT", output_file.to_str().unwrap())]);
    run.code(0);
    let outputs = read_outputs(&fs::read_to_string(&output_file).unwrap());
    let expected = [("pull-request-number", "1"), ("pull-request-url", url), ("pull-request-operation", "created")];
    assert_eq!(outputs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
}

#[test]
fn a_token_with_a_trailing_newline_works_and_a_bad_one_is_named() {
    let s = Setup::new(&[("a.py", FIXABLE)]);
    let token = format!("{TOKEN}\n");
    s.pr_with(&[], &[("GITHUB_TOKEN", &token)]).code(0);
    assert_eq!(s.github.pulls().len(), 1);
    let run = s.pr_with(&[], &[("GITHUB_TOKEN", "abc\u{1}def")]);
    run.code(2);
    assert!(run.stderr.contains("the token in $GITHUB_TOKEN (or $GH_TOKEN) cannot be sent in an HTTP header"), "{}", run.stderr);
    assert!(!run.stderr.contains("abc\u{1}def") && !run.stderr.contains("def"), "{}", run.stderr);
}

#[test]
fn an_interrupted_run_removes_its_worktree_and_temporary_folder() {
    let files: Vec<(String, &str)> = (0..1500).map(|i| (format!("f{i:04}.py"), FIXABLE)).collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
    let s = Setup::new(&files);
    let tmp = s.project.path("tmp");
    fs::create_dir_all(&tmp).unwrap();
    for signal in ["TERM", "INT", "HUP"] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_pitfix"));
        cmd.args(["pr", "--dry-run"]).current_dir(s.work());
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        let child = cmd
            .env("GIT_CONFIG_GLOBAL", s.project.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TMPDIR", &tmp)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("pitfix runs");
        // Once the temporary folder of the worktree exists, the signal comes.
        let start = Instant::now();
        while fs::read_dir(&tmp).unwrap().next().is_none() && start.elapsed().as_secs() < 30 {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let _ = std::process::Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status();
        let output = child.wait_with_output().expect("pitfix ends");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(matches!(output.status.code(), Some(0 | 130)), "SIG{signal}: {}: {stderr}", output.status);
        let left: Vec<_> = fs::read_dir(&tmp).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(left.is_empty(), "SIG{signal}: temporary folders left: {left:?}");
        let worktrees = s.git("work", &["worktree", "list", "--porcelain"]);
        assert_eq!(worktrees.matches("worktree ").count(), 1, "SIG{signal}: {worktrees}");
        assert!(!s.remote_has_branch());
        eprintln!("SIG{signal}: {}", output.status);
    }
}
