//! demo/ shows every transform: `pitfix check demo/` reports each one, and `pitfix diff demo/`
//! (the README's first command) fixes each one that has a fix. A new transform fails this test
//! until demo/ shows it too.
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_pitfix");

fn pitfix(args: &[&str]) -> Output {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // No cache: the test must see what the engine says now, and leave nothing in the tree.
    Command::new(BIN).current_dir(root).args(args).arg("--no-cache").output().expect("run pitfix")
}

/// `(id, fix)` of every transform, from `pitfix rules` (the registry).
fn registry() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(BIN).current_dir(root).arg("rules").output().expect("run pitfix rules");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let rules: Vec<(String, String)> = text
        .lines()
        .skip(1)
        .filter_map(|line| {
            let mut columns = line.split_whitespace();
            Some((columns.next()?.to_owned(), columns.next()?.to_owned()))
        })
        .collect();
    assert!(rules.len() > 10, "`pitfix rules` lists too few transforms:\n{text}");
    rules
}

#[test]
fn check_reports_every_transform_on_the_demo() {
    let out = pitfix(&["check", "--output-format", "json", "demo/"]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON findings");
    let found: BTreeSet<&str> =
        findings.as_array().expect("an array").iter().filter_map(|f| f["rule"].as_str()).collect();
    let all: BTreeSet<String> = registry().into_iter().map(|(id, _)| id).collect();
    let missing: Vec<&String> = all.iter().filter(|id| !found.contains(id.as_str())).collect();
    assert!(missing.is_empty(), "demo/ shows no finding of {missing:?}: add a case for each to demo/");
    let unknown: Vec<&&str> = found.iter().filter(|id| !all.contains(**id)).collect();
    assert!(unknown.is_empty(), "check reports ids `pitfix rules` does not list: {unknown:?}");
}

#[test]
fn diff_fixes_every_transform_that_has_a_fix() {
    let out = pitfix(&["diff", "demo/"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr: {stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("diff --git a/demo/"), "no diff printed");
    // The summary names the fixes per transform: `Would fix N problems in M files (id: n, ...).`
    let summary = stderr.lines().find(|l| l.starts_with("Would fix")).unwrap_or_else(|| panic!("no summary in:\n{stderr}"));
    let inside = summary.split_once('(').and_then(|(_, rest)| rest.rsplit_once(')')).map_or("", |(ids, _)| ids);
    let fixed: BTreeSet<&str> = inside.split(", ").filter_map(|part| part.split_once(':')).map(|(id, _)| id).collect();
    let missing: Vec<String> =
        registry().into_iter().filter(|(id, fix)| fix != "none" && !fixed.contains(id.as_str())).map(|(id, _)| id).collect();
    assert!(missing.is_empty(), "`pitfix diff demo/` fixes nothing of {missing:?}: {summary}");
}

#[test]
fn the_packaging_pyproject_is_read_without_complaint() {
    // The root pyproject.toml (maturin's `[tool.maturin]`, no `[tool.pitfix]`) is the config
    // pitfix finds for the Python wrapper in python/: it must be accepted, and the wrapper clean.
    let out = pitfix(&["check", "python/", "scripts/"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "stdout: {}\nstderr: {stderr}", String::from_utf8_lossy(&out.stdout));
    assert!(stderr.starts_with("No problems found."), "{stderr}");
}
