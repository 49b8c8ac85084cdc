//! What the end-to-end tests share: the sample sources, running `pitfix`, the snapshot settings,
//! and reading a diff or a folder back.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::Project;

pub const FIXABLE: &str = "x = int('1000')\nif x is 1000:\n    pass\n";
pub const FIXED: &str = "x = int('1000')\nif x == 1000:\n    pass\n";
pub const CLEAN: &str = "x = 1\nif x is None:\n    pass\n";

/// `pitfix ARGS` in `dir`, as the other end-to-end tests run it.
fn pitfix_in(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitfix"));
    cmd.args(args).current_dir(dir).env_remove("RUST_BACKTRACE");
    // The cache's variables of the developer's shell stay out of the tests.
    cmd.env_remove("PITFIX_NO_CACHE").env_remove("PITFIX_CACHE_DIR").env_remove("PITFIX_TIMINGS");
    cmd
}

/// `pitfix ARGS` in the project root.
pub fn cmd(p: &Project, args: &[&str]) -> Command {
    pitfix_in(&p.root, args)
}

/// `pitfix ARGS` in a folder of the project.
pub fn cmd_at(p: &Project, rel_dir: &str, args: &[&str]) -> Command {
    pitfix_in(&p.path(rel_dir), args)
}

/// The snapshot settings for a test: `project`'s folder shows as `[ROOT]` and `outside`'s as
/// `[OUTSIDE]`, in the output and in the command line the snapshot header records. Keep the
/// guard alive for the whole test.
pub fn snapshot_settings(project: &Project, outside: Option<&Project>) -> insta::internals::SettingsBindDropGuard {
    let mut settings = insta::Settings::clone_current();
    let mut roots = vec![(project.root.to_string_lossy().into_owned(), "[ROOT]")];
    if let Some(outside) = outside {
        roots.push((outside.root.to_string_lossy().into_owned(), "[OUTSIDE]"));
    }
    for (root, shown) in &roots {
        settings.add_filter(&regex_escape(root), *shown);
    }
    settings.add_filter("\x1b", "␛");
    settings.add_filter("\r", "␍");
    settings.add_filter("\t", "␉");
    settings.add_filter(r"\z", "----- end -----");
    settings.add_dynamic_redaction(".args[]", move |value, _| {
        let mut arg = value.as_str().unwrap_or_default().to_owned();
        for (root, shown) in &roots {
            arg = arg.replace(root.as_str(), shown);
        }
        arg
    });
    settings.bind_to_scope()
}

/// `text` as a regular expression that matches it literally.
fn regex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if r"\.+*?()|[]{}^$#&-~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The file names of `diff --git a/X b/X` headers, in order.
pub fn diff_paths(diff: &str) -> Vec<String> {
    diff.lines()
        .filter_map(|l| l.strip_prefix("diff --git a/"))
        .map(|rest| rest.split(" b/").next().unwrap().to_owned())
        .collect()
}

/// Every entry below `dir`, relative, with `/` separators.
pub fn tree(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            out.insert(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned());
            if path.is_dir() && !path.is_symlink() {
                stack.push(path);
            }
        }
    }
    out
}
