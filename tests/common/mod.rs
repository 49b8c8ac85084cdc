//! Helpers shared by the end-to-end tests: temporary project folders and running the binary.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

/// A temporary folder, with its canonical path (so that it compares equal to the child's cwd).
pub struct Project {
    _dir: TempDir,
    pub root: PathBuf,
}

impl Project {
    pub fn new() -> Self {
        // A name without a leading dot: the walk skips hidden folders.
        let dir = tempfile::Builder::new().prefix("pitfix-test-").tempdir().expect("temp dir");
        let root = dir.path().canonicalize().expect("canonical temp dir");
        Project { _dir: dir, root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Writes a file, creating its folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folders");
        }
        fs::write(&path, bytes).expect("write file");
        path
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        fs::read(self.root.join(rel)).expect("read file")
    }

    pub fn read_string(&self, rel: &str) -> String {
        String::from_utf8(self.read(rel)).expect("UTF-8 file")
    }

    /// Runs pitfix in the project root.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root, args, None)
    }

    /// Runs pitfix in a folder of the project.
    pub fn run_at(&self, rel_dir: &str, args: &[&str]) -> Run {
        run_in(&self.root.join(rel_dir), args, None)
    }

    pub fn run_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        run_in(&self.root, args, Some(input))
    }

    /// Runs `python3 ARGS` in the project root and returns what it printed; panics when it fails.
    pub fn python(&self, args: &[&str]) -> String {
        let output = std::process::Command::new("python3")
            .args(args)
            .current_dir(&self.root)
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .output()
            .expect("python3 runs");
        assert!(output.status.success(), "python3 failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// Runs `git` in the project root; panics when it fails.
    pub fn git(&self, args: &[&str]) -> std::process::Output {
        git_in(&self.root, args)
    }
}

pub fn git_in(dir: &Path, args: &[&str]) -> std::process::Output {
    let output = std::process::Command::new("git")
        .args(["-c", "core.autocrlf=false", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The outcome of one pitfix run.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Run {
    pub fn out(&self) -> String {
        String::from_utf8(self.stdout.clone()).expect("UTF-8 stdout")
    }

    /// Asserts the exit code, showing the output when it differs.
    pub fn code(&self, expected: i32) -> &Self {
        assert_eq!(
            self.code,
            expected,
            "exit code\n--- stdout:\n{}\n--- stderr:\n{}",
            String::from_utf8_lossy(&self.stdout),
            self.stderr
        );
        self
    }
}

pub fn pitfix() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_pitfix"));
    // The cache's variables of the developer's shell stay out of the tests.
    cmd.env_remove("RUST_BACKTRACE").env_remove("PITFIX_NO_CACHE").env_remove("PITFIX_CACHE_DIR").env_remove("PITFIX_TIMINGS");
    cmd
}

pub fn run_in(dir: &Path, args: &[&str], input: Option<&[u8]>) -> Run {
    let mut cmd = pitfix();
    cmd.args(args).current_dir(dir);
    if let Some(input) = input {
        cmd.write_stdin(input.to_vec());
    }
    let output = cmd.output().expect("pitfix runs");
    Run {
        code: output.status.code().expect("exit code, not a signal"),
        stdout: output.stdout,
        stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
    }
}

/// The message `is-literal` gives for `is`.
pub const IS_MSG: &str = "`is` with a literal compares identity, which CPython only sometimes shares; use `==`";
/// The message `is-literal` gives for `is not`.
pub const IS_NOT_MSG: &str = "`is not` with a literal compares identity, which CPython only sometimes shares; use `!=`";
