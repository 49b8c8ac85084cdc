//! The transforms agree with each other everywhere they are named: for every transform source,
//! `src/transforms/<name>.rs` or `src/transforms/<name>/mod.rs`, the id is `<name>` with `_` as
//! `-`, and
//!
//! - `transforms/<id>/README.md` exists, starts with `# <id>` and has the sections every transform
//!   README has, in this order: `## What it does`, `## Why`, `## Example`, `## Fix safety`;
//! - `transforms/<id>/cases/` holds at least one `.py` / `.pyi` case, and
//!   `transforms/<id>/snapshots/` a `<case-stem>.snap` for each (the fixture test checks their
//!   contents, and that no snapshot outlives its case);
//! - `pitfix rules` lists exactly these ids, and `pitfix explain <id>` prints the README.
//!
//! A folder under `transforms/` without a source fails too. All disagreements are reported
//! together.
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_pitfix");

/// The sections every transform README has, in order.
const README_SECTIONS: &[&str] = &["What it does", "Why", "Example", "Fix safety"];

#[test]
fn sources_ids_readmes_cases_snapshots_and_cli_agree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems: Vec<String> = Vec::new();

    let ids = source_ids(root, &mut problems);
    assert!(!ids.is_empty(), "no transform sources found in src/transforms/");

    for id in &ids {
        let dir = root.join("transforms").join(id);
        check_readme(id, &dir.join("README.md"), &mut problems);
        check_cases_and_snapshots(id, &dir, &mut problems);
    }

    // A folder of transforms/ must belong to a transform source.
    for dir in sorted_entries(&root.join("transforms")) {
        if !dir.is_dir() {
            continue;
        }
        let name = file_name(&dir);
        if !ids.contains(&name) {
            let source = name.replace('-', "_");
            problems.push(format!(
                "transforms/{name}/ has no transform source src/transforms/{source}.rs or src/transforms/{source}/mod.rs"
            ));
        }
    }

    check_rules(&ids, &mut problems);
    for id in &ids {
        check_explain(id, &root.join("transforms").join(id).join("README.md"), &mut problems);
    }

    assert!(problems.is_empty(), "{} registry disagreement(s):\n  {}", problems.len(), problems.join("\n  "));
}

/// The checks themselves notice a disagreement (without touching the real tree): both source
/// forms are found, and a wrong id set, README or case folder is reported.
#[test]
fn the_checks_notice_disagreements() {
    let temp = tempfile::tempdir().expect("temp dir");
    let root = temp.path();
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write("src/transforms/mod.rs", "");
    write("src/transforms/is_literal.rs", "");
    write("src/transforms/loop_closure/mod.rs", "");
    write("src/transforms/not_a_transform/helper.rs", "");
    let mut problems = Vec::new();
    let ids = source_ids(root, &mut problems);
    assert_eq!(ids, BTreeSet::from(["is-literal".to_owned(), "loop-closure".to_owned()]));
    assert!(problems.is_empty(), "{problems:?}");

    write("src/transforms/is_literal/mod.rs", "");
    source_ids(root, &mut problems);
    assert_eq!(problems.len(), 1, "both forms of one transform: {problems:?}");

    let mut problems = Vec::new();
    write("transforms/x/README.md", "# x\n\n## What it does\n\n## Example\n\n## Why\n\n## Fix safety\n");
    check_readme("x", &root.join("transforms/x/README.md"), &mut problems);
    assert_eq!(problems.len(), 1, "sections out of order: {problems:?}");
    check_readme("y", &root.join("transforms/y/README.md"), &mut problems);
    assert_eq!(problems.len(), 2, "README missing: {problems:?}");
    write("transforms/x/cases/a.py", "");
    write("transforms/x/cases/notes.txt", "");
    check_cases_and_snapshots("x", &root.join("transforms/x"), &mut problems);
    assert_eq!(problems.len(), 3, "snapshot missing: {problems:?}");
    check_cases_and_snapshots("y", &root.join("transforms/y"), &mut problems);
    assert_eq!(problems.len(), 4, "no cases: {problems:?}");

    let mut problems = Vec::new();
    check_rules(&BTreeSet::from(["is-literal".to_owned(), "no-such-rule".to_owned()]), &mut problems);
    assert!(problems.iter().any(|p| p.contains("does not list `no-such-rule`")), "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("lists `loop-closure`")), "{problems:?}");
    let mut problems = Vec::new();
    check_explain("is-literal", &root.join("transforms/x/README.md"), &mut problems);
    assert_eq!(problems.len(), 1, "explain prints another README: {problems:?}");
}

/// The ids of `src/transforms/<name>.rs` and `src/transforms/<name>/mod.rs`.
fn source_ids(root: &Path, problems: &mut Vec<String>) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for path in sorted_entries(&root.join("src/transforms")) {
        let name = file_name(&path);
        let source = if path.is_dir() {
            if !path.join("mod.rs").is_file() {
                continue;
            }
            name
        } else {
            match name.strip_suffix(".rs") {
                Some("mod") | None => continue,
                Some(stem) => stem.to_owned(),
            }
        };
        let id = source.replace('_', "-");
        if !ids.insert(id.clone()) {
            problems.push(format!(
                "src/transforms/{source}.rs and src/transforms/{source}/mod.rs both exist; keep one"
            ));
        }
    }
    ids
}

fn check_readme(id: &str, readme: &Path, problems: &mut Vec<String>) {
    let Ok(text) = std::fs::read_to_string(readme) else {
        problems.push(format!("transforms/{id}/README.md is missing (or not UTF-8)"));
        return;
    };
    let headings = headings(&text);
    let title = format!("# {id}");
    if text.lines().next() != Some(title.as_str()) {
        problems.push(format!("transforms/{id}/README.md must start with `{title}`"));
    }
    let mut rest = headings.iter().filter(|h| h.starts_with("## ")).map(|h| &h[3..]);
    for section in README_SECTIONS {
        if !rest.any(|h| h == *section) {
            problems.push(format!(
                "transforms/{id}/README.md lacks `## {section}` (the sections, in order: {})",
                README_SECTIONS.join(", ")
            ));
            return;
        }
    }
}

/// The Markdown headings of `text`, outside fenced code blocks.
fn headings(text: &str) -> Vec<&str> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            out.push(line.trim_end());
        }
    }
    out
}

fn check_cases_and_snapshots(id: &str, dir: &Path, problems: &mut Vec<String>) {
    let cases: Vec<PathBuf> = sorted_entries(&dir.join("cases"))
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "py" || e == "pyi"))
        .collect();
    if cases.is_empty() {
        problems.push(format!("transforms/{id}/cases/ is missing or holds no .py / .pyi case"));
    }
    for case in &cases {
        let stem = case.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if !dir.join("snapshots").join(format!("{stem}.snap")).is_file() {
            problems.push(format!(
                "transforms/{id}/snapshots/{stem}.snap is missing for case transforms/{id}/cases/{}",
                file_name(case)
            ));
        }
    }
}

/// `pitfix rules` prints a header row, then one row per transform starting with its id.
fn check_rules(ids: &BTreeSet<String>, problems: &mut Vec<String>) {
    let (code, stdout, stderr) = run(&["rules"]);
    if code != Some(0) {
        problems.push(format!("`pitfix rules` exited {code:?}: {stderr}"));
        return;
    }
    let mut rows = stdout.lines();
    if rows.next().and_then(|h| h.split_whitespace().next()) != Some("ID") {
        problems.push(format!("`pitfix rules` has no `ID` header row:\n{stdout}"));
    }
    let listed: Vec<String> =
        rows.filter_map(|r| r.split_whitespace().next()).map(str::to_owned).collect();
    let listed_set: BTreeSet<String> = listed.iter().cloned().collect();
    if listed_set.len() != listed.len() {
        problems.push(format!("`pitfix rules` lists an id twice: {listed:?}"));
    }
    for id in ids.difference(&listed_set) {
        problems.push(format!("`pitfix rules` does not list `{id}`"));
    }
    for id in listed_set.difference(ids) {
        problems.push(format!("`pitfix rules` lists `{id}`, which has no transform source"));
    }
}

fn check_explain(id: &str, readme: &Path, problems: &mut Vec<String>) {
    let Ok(expected) = std::fs::read_to_string(readme) else { return };
    let (code, stdout, stderr) = run(&["explain", id]);
    if code != Some(0) {
        problems.push(format!("`pitfix explain {id}` exited {code:?}: {stderr}"));
    } else if stdout != expected {
        problems.push(format!("`pitfix explain {id}` does not print transforms/{id}/README.md"));
    }
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(BIN).args(args).env_remove("RUST_BACKTRACE").output().expect("pitfix runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(read) => read.filter_map(|e| e.ok()).map(|e| e.path()).collect(),
        Err(_) => Vec::new(),
    };
    entries.sort();
    entries
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
