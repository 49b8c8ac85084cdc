//! The Python version each file is checked for: `setup.py`, `setup.cfg`, Ruff's
//! `target-version`, `requires-python`, pitfix's own setting and `--target-version`, per project.

use std::collections::BTreeSet;

use crate::common::Project;
use crate::support::{FIXABLE, cmd, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

/// A mutable default whose fix writes an annotation: `list | None` on Python 3.10 and later,
/// `Optional[list]` before (PEP 604), so the diff shows the version a file was checked for.
const VERSION_PROBE: &str = "def f(x: list = []):\n    x.append(1)\n";

/// The annotation `pitfix diff FILE` (run in the project root) writes for `VERSION_PROBE`: the
/// version a file is checked for, as `py310+` or `py39-`.
fn version_seen(p: &Project, file: &str, extra: &[&str]) -> &'static str {
    let mut args = vec!["diff", file];
    args.extend_from_slice(extra);
    let run = p.run(&args);
    let out = run.code(1).out();
    if out.contains("+def f(x: list | None = None):") {
        "py310+"
    } else if out.contains("+def f(x: Optional[list] = None):") {
        "py39-"
    } else {
        panic!("unexpected diff:\n{out}")
    }
}

#[test]
fn without_metadata_the_version_is_py310() {
    let p = Project::new();
    p.write("pitfix.toml", "");
    p.write("m.py", VERSION_PROBE);
    assert_eq!(version_seen(&p, "m.py", &[]), "py310+");
}

#[test]
fn setup_py_python_requires_literal_gives_the_version() {
    // parso's `setup.py` says `python_requires='>=3.6'`: older than 3.8 counts as py38, so
    // the fix must not write `X | None` (evaluated at import, a TypeError on 3.9).
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("pitfix.toml", "");
    p.write("m.py", VERSION_PROBE);
    p.write("setup.py", "from setuptools import setup\n\nsetup(\n    name='parso',\n    python_requires='>=3.6',\n)\n");
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
    // A value that is not a string literal is not evaluated: the default applies.
    p.write("setup.py", "from setuptools import setup\nREQ = '>=3.6'\nsetup(python_requires=REQ)\n");
    assert_eq!(version_seen(&p, "m.py", &[]), "py310+");
}

#[test]
fn setup_cfg_comes_before_setup_py() {
    let p = Project::new();
    p.write("pitfix.toml", "");
    p.write("m.py", VERSION_PROBE);
    p.write("setup.py", "from setuptools import setup\nsetup(python_requires='>=3.11')\n");
    p.write("setup.cfg", "[metadata]\nname = demo\n\n[options]\npython_requires = >=3.8\n");
    assert_eq!(version_seen(&p, "m.py", &[]), "py39-");
}

#[test]
fn ruff_target_version_comes_before_setup_cfg() {
    let p = Project::new();
    p.write("pitfix.toml", "");
    p.write("m.py", VERSION_PROBE);
    p.write("setup.cfg", "[options]\npython_requires = >=3.11\n");
    p.write("pyproject.toml", "[tool.ruff]\ntarget-version = \"py37\"\n");
    assert_eq!(version_seen(&p, "m.py", &[]), "py39-");
    // A `ruff.toml` says the same at its top level.
    p.write("pyproject.toml", "");
    p.write("ruff.toml", "target-version = \"py39\"\n");
    assert_eq!(version_seen(&p, "m.py", &[]), "py39-");
}

#[test]
fn requires_python_comes_before_ruff_target_version() {
    let p = Project::new();
    p.write("pitfix.toml", "");
    p.write("m.py", VERSION_PROBE);
    p.write("pyproject.toml", "[project]\nname = \"demo\"\nrequires-python = \">=3.9\"\n\n[tool.ruff]\ntarget-version = \"py311\"\n");
    assert_eq!(version_seen(&p, "m.py", &[]), "py39-");
}

#[test]
fn pitfix_target_version_comes_before_requires_python_and_the_cli_before_both() {
    let p = Project::new();
    p.write("m.py", VERSION_PROBE);
    p.write(
        "pyproject.toml",
        "[project]\nname = \"demo\"\nrequires-python = \">=3.11\"\n\n[tool.pitfix]\ntarget-version = \"py39\"\n",
    );
    assert_eq!(version_seen(&p, "m.py", &[]), "py39-");
    assert_eq!(version_seen(&p, "m.py", &["--target-version", "py310"]), "py310+");
    p.write("pyproject.toml", "[project]\nname = \"demo\"\nrequires-python = \">=3.8\"\n");
    assert_eq!(version_seen(&p, "m.py", &[]), "py39-");
    assert_eq!(version_seen(&p, "m.py", &["--target-version", "py312"]), "py310+");
}

#[test]
fn each_project_of_a_monorepo_uses_its_own_version() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("pitfix.toml", "");
    p.write("a/pyproject.toml", "[project]\nname = \"a\"\nrequires-python = \">=3.8\"\n");
    p.write("b/pyproject.toml", "[project]\nname = \"b\"\nrequires-python = \">=3.11\"\n");
    p.write("a/x.py", VERSION_PROBE);
    p.write("b/y.py", VERSION_PROBE);
    // A folder below a project uses that project's version.
    p.write("b/pkg/deep/z.py", VERSION_PROBE);
    assert_cmd_snapshot!(cmd(&p, &["diff", "."]));
}

#[test]
fn each_project_of_a_monorepo_uses_its_own_pitfix_config() {
    let p = Project::new();
    p.write("pyproject.toml", "[tool.pitfix]\nselect = [\"is-literal\"]\n");
    p.write("a/pyproject.toml", "[project]\nname = \"a\"\n\n[tool.pitfix]\nignore = [\"is-literal\"]\n");
    p.write("b/pitfix.toml", "extend-exclude = [\"gen\"]\n");
    for f in ["top.py", "a/x.py", "b/y.py", "b/gen/g.py", "a/gen/g.py"] {
        p.write(f, FIXABLE);
    }
    let out = p.run(&["check", "--output-format", "json"]).code(1).out();
    let files: BTreeSet<&str> =
        ["top.py", "a/x.py", "b/y.py", "b/gen/g.py", "a/gen/g.py"].into_iter().filter(|f| out.contains(&format!("\"{f}\""))).collect();
    // The root selects is-literal; `a/` turns it off; `b/` has its own config (every default
    // transform) that skips `b/gen`.
    assert_eq!(files, BTreeSet::from(["top.py", "b/y.py"]));
    // `--config` replaces every folder's pitfix config.
    p.write("only.toml", "select = [\"is-literal\"]\n");
    let out = p.run(&["check", "--output-format", "json", "--config", "only.toml"]).code(1).out();
    for f in ["top.py", "a/x.py", "b/y.py", "b/gen/g.py", "a/gen/g.py"] {
        assert!(out.contains(&format!("\"{f}\"")), "{f} not checked:\n{out}");
    }
}
