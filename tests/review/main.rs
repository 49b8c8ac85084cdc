//! End-to-end tests of `pitfix review`: real git (a bare repository as the remote, a clone whose
//! `feature` branch is the pull request) and a fake GitHub API on 127.0.0.1 that records reviews
//! and review comments.
#[path = "../common/mod.rs"]
mod common;
#[path = "../common/fake_github.rs"]
mod fake_github;

use std::fs;
use std::path::PathBuf;
use std::process::Output;

use common::{Project, pitfix};
use fake_github::{FakeGitHub, NAME, OWNER, TOKEN};

/// The base: a trap on line 2 that the pull request does not touch.
const BASE_A: &str = "x = int('1000')\nif x is 1000:\n    pass\n";
/// The pull request's first commit: the same trap added on line 5.
const FEATURE_A: &str = "x = int('1000')\nif x is 1000:\n    pass\ny = int('2000')\nif y is 2000:\n    pass\n";
/// A new file: a trap without a fix (line 6) and a fix over two lines (9 and 10).
const FEATURE_B: &str = "class Quiet:\n    def __enter__(self):\n        return self\n\n    def __exit__(self, *exc):\n        return True\n\n\ndef add(item, tags=[]):\n    tags.append(item)\n    return len(tags)\n";
const NUMBER: u64 = 7;

const SCRUBBED: &[&str] = &[
    "GITHUB_TOKEN", "GH_TOKEN", "GITHUB_REPOSITORY", "GITHUB_API_URL", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY",
    "GITHUB_ACTIONS", "GITHUB_EVENT_PATH", "HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
    "all_proxy", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
];

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
        setup.commit("work", files, "first");
        setup.git("work", &["push", "--quiet", "origin", "main"]);
        setup.git("work", &["checkout", "--quiet", "-b", "feature"]);
        setup
    }

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
            .env("GIT_AUTHOR_NAME", "Test Dev")
            .env("GIT_AUTHOR_EMAIL", "dev@example.com")
            .env("GIT_COMMITTER_NAME", "Test Dev")
            .env("GIT_COMMITTER_EMAIL", "dev@example.com")
            .output()
            .expect("git runs")
    }

    fn commit(&self, dir: &str, files: &[(&str, &str)], message: &str) {
        for (path, text) in files {
            self.project.write(&format!("{dir}/{path}"), text);
        }
        self.git(dir, &["add", "--all"]);
        self.git(dir, &["commit", "--quiet", "--allow-empty", "-m", message]);
    }

    /// Commits `files` on `feature` and pushes it, as the author of the pull request does.
    fn push_feature(&self, files: &[(&str, &str)]) -> String {
        self.commit("work", files, "change");
        self.git("work", &["push", "--quiet", "--force", "origin", "feature"]);
        self.git("work", &["rev-parse", "HEAD"])
    }

    /// The `pull_request` event of the pull request from `feature` into `main`, as the runner
    /// writes it; `head_repo` names the repository the head comes from.
    fn event(&self, head_repo: &str) -> PathBuf {
        let base = self.git("remote.git", &["rev-parse", "main"]);
        let head = self.git("remote.git", &["rev-parse", "feature"]);
        let event = serde_json::json!({
            "action": "synchronize",
            "number": NUMBER,
            "pull_request": {
                "number": NUMBER,
                "base": { "ref": "main", "sha": base, "repo": { "full_name": format!("{OWNER}/{NAME}") } },
                "head": { "ref": "feature", "sha": head, "repo": { "full_name": head_repo } },
            },
        });
        let path = self.project.path("event.json");
        fs::write(&path, event.to_string()).unwrap();
        path
    }

    /// Runs `pitfix review` in `work/` on the event, with the fake's token, repository and API.
    fn review(&self, args: &[&str], env: &[(&str, &str)]) -> common::Run {
        let event = self.event(&format!("{OWNER}/{NAME}"));
        let mut all = vec![("GITHUB_TOKEN", TOKEN), ("GITHUB_EVENT_PATH", event.to_str().unwrap())];
        all.extend_from_slice(env);
        self.review_with(args, &all)
    }

    fn review_with(&self, args: &[&str], env: &[(&str, &str)]) -> common::Run {
        let mut cmd = pitfix();
        cmd.arg("review").args(args).current_dir(self.project.path("work"));
        for var in SCRUBBED {
            cmd.env_remove(var);
        }
        cmd.env("GIT_CONFIG_GLOBAL", self.project.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("PITFIX_NO_CACHE", "1")
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
}

fn pulls_path() -> String {
    format!("/repos/{OWNER}/{NAME}/pulls")
}

fn comments_line() -> String {
    format!("GET {}/{NUMBER}/comments?per_page=100&page=1", pulls_path())
}

mod flow;
mod fallback;
mod docs;
