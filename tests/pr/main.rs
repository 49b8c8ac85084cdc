//! End-to-end tests of `pitfix pr`: real git (a bare repository as the remote, a clone as the
//! user's checkout) and a fake GitHub API on 127.0.0.1 that records every call.
#[path = "../common/mod.rs"]
mod common;
#[path = "../common/fake_github.rs"]
mod fake_github;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Instant;

use common::{Project, pitfix};
use fake_github::{FakeGitHub, NAME, OWNER, TOKEN};

const FIXABLE: &str = "x = int('1000')\nif x is 1000:\n    pass\n";
const FIXED: &str = "x = int('1000')\nif x == 1000:\n    pass\n";
const CLEAN: &str = "x = 1\n";
const BRANCH: &str = "pitfix/fixes";

/// Variables of the test's own environment that must not reach pitfix or git (a CI runner on
/// GitHub Actions sets the first ones).
const SCRUBBED: &[&str] = &[
    "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY",
    "GITHUB_ACTIONS", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy",
    "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_DIR", "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
];

/// A bare repository as the remote, the user's clone of it, and the fake API.
struct Setup {
    project: Project,
    github: FakeGitHub,
}

impl Setup {
    /// A remote whose `main` holds `files`, cloned into `work/`.
    fn new(files: &[(&str, &str)]) -> Self {
        let project = Project::new();
        fs::write(project.path("gitconfig"), "").unwrap();
        let setup = Setup { project, github: FakeGitHub::start() };
        setup.git(".", &["init", "--quiet", "--bare", "remote.git"]);
        setup.git(".", &["clone", "--quiet", "remote.git", "work"]);
        for (path, text) in files {
            setup.project.write(&format!("work/{path}"), text);
        }
        setup.git("work", &["add", "--all"]);
        setup.git("work", &["commit", "--quiet", "--allow-empty", "-m", "first"]);
        setup.git("work", &["push", "--quiet", "origin", "main"]);
        setup.git("work", &["remote", "set-head", "origin", "main"]);
        setup
    }

    fn work(&self) -> PathBuf {
        self.project.path("work")
    }

    /// Runs git with a test identity and no global or system config.
    fn git(&self, dir: &str, args: &[&str]) -> String {
        let output = self.git_output(dir, args);
        assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).trim_end().to_owned()
    }

    fn git_output(&self, dir: &str, args: &[&str]) -> Output {
        std::process::Command::new("git")
            .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"])
            .args(args)
            .current_dir(self.project.path(dir))
            .env("GIT_CONFIG_GLOBAL", self.project.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            // `git status` must not refresh the index: the tests compare its bytes.
            .env("GIT_OPTIONAL_LOCKS", "0")
            .env("GIT_AUTHOR_NAME", "Test Dev")
            .env("GIT_AUTHOR_EMAIL", "dev@example.com")
            .env("GIT_COMMITTER_NAME", "Test Dev")
            .env("GIT_COMMITTER_EMAIL", "dev@example.com")
            .output()
            .expect("git runs")
    }

    /// `git` on the bare remote.
    fn remote_git(&self, args: &[&str]) -> String {
        self.git("remote.git", args)
    }

    fn remote_has_branch(&self) -> bool {
        self.git_output("remote.git", &["rev-parse", "--verify", "--quiet", &format!("refs/heads/{BRANCH}")]).status.success()
    }

    /// Commits `files` on `main` from a second clone and pushes them, as a teammate would.
    fn push_to_main(&self, files: &[(&str, &str)]) {
        if !self.project.path("other").exists() {
            self.git(".", &["clone", "--quiet", "remote.git", "other"]);
        }
        self.git("other", &["pull", "--quiet", "--ff-only", "origin", "main"]);
        for (path, text) in files {
            self.project.write(&format!("other/{path}"), text);
        }
        self.git("other", &["add", "--all"]);
        self.git("other", &["commit", "--quiet", "-m", "more"]);
        self.git("other", &["push", "--quiet", "origin", "main"]);
    }

    /// Runs `pitfix pr` in `work/` with the token, repository and API of the fake.
    fn pr(&self, args: &[&str]) -> common::Run {
        self.pr_with(args, &[("GITHUB_TOKEN", TOKEN)])
    }

    fn pr_with(&self, args: &[&str], env: &[(&str, &str)]) -> common::Run {
        self.pr_in("work", args, env)
    }

    /// Runs `pitfix pr` in a folder of the project. The tests of one pull request with every fix
    /// run in `--group single` unless they name a group.
    fn pr_in(&self, dir: &str, args: &[&str], env: &[(&str, &str)]) -> common::Run {
        let group: &[&str] = if args.iter().any(|a| a.starts_with("--group")) { &[] } else { &["--group", "single"] };
        self.pr_raw(dir, &[group, args].concat(), env)
    }

    /// Runs `pitfix pr` with exactly `args`.
    fn pr_raw(&self, dir: &str, args: &[&str], env: &[(&str, &str)]) -> common::Run {
        let mut cmd = pitfix();
        cmd.arg("pr").args(args).current_dir(self.project.path(dir));
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        cmd.env("GIT_CONFIG_GLOBAL", self.project.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GITHUB_REPOSITORY", format!("{OWNER}/{NAME}"))
            .env("GITHUB_API_URL", &self.github.url);
        for (key, value) in env {
            cmd.env(key, value);
        }
        let output = cmd.output().expect("pitfix runs");
        let run = common::Run {
            code: output.status.code().expect("exit code"),
            stdout: output.stdout,
            stderr: String::from_utf8(output.stderr).expect("UTF-8 stderr"),
        };
        assert!(!run.out().contains(TOKEN) && !run.stderr.contains(TOKEN), "the token was printed:\n{run:?}");
        run
    }

    fn file_on_branch(&self, path: &str) -> String {
        self.remote_git(&["show", &format!("{BRANCH}:{path}")])
    }
}

fn pulls_path() -> String {
    format!("/repos/{OWNER}/{NAME}/pulls")
}

fn list_line() -> String {
    format!("GET {}?head={OWNER}:{BRANCH}&state=open", pulls_path())
}

mod checkout;
mod flow;
mod ownership;
mod outputs_and_signals;
mod per_transform;
