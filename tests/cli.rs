//! End-to-end tests of the `pitfix` command line: exit codes, stdin, config files, suppression
//! comments, byte preservation, discovery, diffs that `git apply` / `patch` accept, and output
//! formats.
//!
//! What a run prints (exit code, stdout, stderr) is compared with a snapshot in
//! `tests/snapshots/cli__*.snap` (insta-cmd). The temporary project folder shows as `[ROOT]` (a
//! second one as `[OUTSIDE]`), and bytes a snapshot would hide are written visibly: escape `␛`,
//! carriage return `␍`, tab `␉`; `----- end -----` closes stderr, so a missing final newline
//! shows. Update with `INSTA_UPDATE=always cargo test --test cli` and review every changed file;
//! with `CI=true` a mismatch fails and nothing is written. What a run writes to disk is checked
//! with plain assertions.
mod common;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use common::{Project, git_in};
use insta_cmd::assert_cmd_snapshot;

const FIXABLE: &str = "x = int('1000')\nif x is 1000:\n    pass\n";
const FIXED: &str = "x = int('1000')\nif x == 1000:\n    pass\n";
const CLEAN: &str = "x = 1\nif x is None:\n    pass\n";

/// `pitfix ARGS` in `dir`, as the other end-to-end tests run it.
fn pitfix_in(dir: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pitfix"));
    cmd.args(args).current_dir(dir).env_remove("RUST_BACKTRACE");
    cmd
}

/// `pitfix ARGS` in the project root.
fn cmd(p: &Project, args: &[&str]) -> Command {
    pitfix_in(&p.root, args)
}

/// `pitfix ARGS` in a folder of the project.
fn cmd_at(p: &Project, rel_dir: &str, args: &[&str]) -> Command {
    pitfix_in(&p.path(rel_dir), args)
}

/// The snapshot settings for a test: `project`'s folder shows as `[ROOT]` and `outside`'s as
/// `[OUTSIDE]`, in the output and in the command line the snapshot header records. Keep the
/// guard alive for the whole test.
fn snapshot_settings(project: &Project, outside: Option<&Project>) -> insta::internals::SettingsBindDropGuard {
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
fn diff_paths(diff: &str) -> Vec<String> {
    diff.lines()
        .filter_map(|l| l.strip_prefix("diff --git a/"))
        .map(|rest| rest.split(" b/").next().unwrap().to_owned())
        .collect()
}

/// Every entry below `dir`, relative, with `/` separators.
fn tree(dir: &Path) -> BTreeSet<String> {
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

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

// ---------------------------------------------------------------------------------------------
// Exit codes

#[test]
fn diff_with_nothing_to_do_exits_0_and_prints_nothing() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", CLEAN);
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
}

#[test]
fn diff_with_something_to_do_exits_1_and_changes_nothing() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn apply_with_nothing_to_do_exits_0() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", CLEAN);
    assert_cmd_snapshot!("apply_with_nothing_to_do_exits_0", cmd(&p, &["apply"]));
    assert_eq!(p.read_string("a.py"), CLEAN);
    assert_cmd_snapshot!(
        "apply_with_nothing_to_do_exits_0_exit_non_zero_on_fix",
        cmd(&p, &["apply", "--exit-non-zero-on-fix"])
    );
    assert_eq!(p.read_string("a.py"), CLEAN);
}

#[test]
fn apply_with_something_to_do_exits_0_and_writes() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["apply"]));
    assert_eq!(p.read_string("a.py"), FIXED);
    // A second run finds nothing left.
    p.run(&["apply", "--exit-non-zero-on-fix"]).code(0);
}

#[test]
fn apply_exit_non_zero_on_fix_exits_1_when_a_file_changed() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["apply", "--exit-non-zero-on-fix"]));
    assert_eq!(p.read_string("a.py"), FIXED);
}

#[test]
fn check_with_no_findings_exits_0() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", CLEAN);
    assert_cmd_snapshot!(cmd(&p, &["check"]));
}

#[test]
fn check_with_findings_exits_1_and_changes_nothing() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn quiet_drops_the_summary() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!("quiet_drops_the_summary_diff", cmd(&p, &["diff", "-q"]));
    assert_cmd_snapshot!("quiet_drops_the_summary_check", cmd(&p, &["check", "--quiet"]));
}

#[test]
fn unknown_transform_id_in_select_is_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(
            format!("unknown_transform_id_in_select_is_fatal_{command}"),
            cmd(&p, &[command, "--select", "is-literal,no-such-rule"])
        );
        assert_eq!(p.read_string("a.py"), FIXABLE, "{command}");
    }
}

#[test]
fn unknown_transform_id_in_ignore_is_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(
            format!("unknown_transform_id_in_ignore_is_fatal_{command}"),
            cmd(&p, &[command, "--ignore", "bogus"])
        );
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn nonexistent_path_is_fatal_and_nothing_is_written() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(
            format!("nonexistent_path_is_fatal_and_nothing_is_written_{command}"),
            cmd(&p, &[command, "a.py", "missing.py"])
        );
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn unknown_config_key_is_fatal_and_names_key_and_file() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[project]\nname = \"demo\"\n\n[tool.pitfix]\nselct = [\"is-literal\"]\n");
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(format!("unknown_config_key_is_fatal_and_names_key_and_file_{command}"), cmd(&p, &[command]));
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn unknown_key_in_pitfix_toml_is_fatal_and_names_key_and_file() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pitfix.toml", "ignroe = [\"is-literal\"]\n");
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
}

#[test]
fn unknown_transform_option_is_fatal_and_names_it() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix.is-literal]\nstrict = true\n");
    assert_cmd_snapshot!(cmd(&p, &["check"]));
}

#[test]
fn invalid_toml_is_fatal_and_names_the_file() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix\nselect = [\"is-literal\"\n");
    for command in ["diff", "apply", "check"] {
        assert_cmd_snapshot!(format!("invalid_toml_is_fatal_and_names_the_file_{command}"), cmd(&p, &[command]));
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn invalid_setting_value_is_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("pitfix.toml", "target-version = \"py27\"\n");
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
}

#[test]
fn explain_unknown_id_is_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!(cmd(&p, &["explain", "no-such-rule"]));
}

#[test]
fn bad_arguments_are_fatal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!("bad_arguments_are_fatal_unknown_flag", cmd(&p, &["diff", "--no-such-flag"]));
    assert_cmd_snapshot!("bad_arguments_are_fatal_bad_value", cmd(&p, &["check", "--output-format", "xml"]));
    assert_cmd_snapshot!("bad_arguments_are_fatal_unknown_command", cmd(&p, &["frobnicate"]));
}

// ---------------------------------------------------------------------------------------------
// Standard input

#[test]
fn diff_stdin_prints_the_diff() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!("diff_stdin_prints_the_diff", cmd(&p, &["diff", "-"]).pass_stdin("print(x is 1000)\n"));
    assert_cmd_snapshot!(
        "diff_stdin_prints_the_diff_stdin_filename",
        cmd(&p, &["diff", "-", "--stdin-filename", "pkg/foo.py"]).pass_stdin(FIXABLE)
    );
    assert_cmd_snapshot!("diff_stdin_prints_the_diff_clean", cmd(&p, &["diff", "-"]).pass_stdin(CLEAN));
    assert!(tree(&p.root).is_empty(), "stdin runs write no files");
}

#[test]
fn apply_stdin_prints_the_fixed_source() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!(
        "apply_stdin_prints_the_fixed_source",
        cmd(&p, &["apply", "-", "--stdin-filename", "foo.py"]).pass_stdin(FIXABLE)
    );
    assert_cmd_snapshot!(
        "apply_stdin_prints_the_fixed_source_exit_non_zero_on_fix",
        cmd(&p, &["apply", "-", "--exit-non-zero-on-fix"]).pass_stdin(FIXABLE)
    );

    // Nothing to fix: the input comes back unchanged, byte for byte.
    let input = b"x = 1\r\ny = x is None\r\n";
    let run = p.run_stdin(&["apply", "-"], input);
    run.code(0);
    assert_eq!(run.stdout, input);
    assert!(tree(&p.root).is_empty(), "stdin runs write no files");
}

#[test]
fn check_stdin_names_the_stdin_filename() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!(
        "check_stdin_names_the_stdin_filename",
        cmd(&p, &["check", "-", "--stdin-filename", "foo.py"]).pass_stdin(FIXABLE)
    );
    assert_cmd_snapshot!(
        "check_stdin_names_the_stdin_filename_syntax_error",
        cmd(&p, &["check", "-", "--stdin-filename", "foo.py"]).pass_stdin("def f(:\n")
    );
}

#[test]
fn stdin_mixed_with_other_paths_is_an_error() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        for (order, args) in [("first", [command, "-", "a.py"]), ("last", [command, "a.py", "-"])] {
            assert_cmd_snapshot!(
                format!("stdin_mixed_with_other_paths_is_an_error_{command}_{order}"),
                cmd(&p, &args).pass_stdin(FIXABLE)
            );
        }
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

// ---------------------------------------------------------------------------------------------
// Configuration

#[test]
fn pyproject_is_found_from_a_subdirectory() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("pkg/sub/m.py", FIXABLE);
    p.run_at("pkg/sub", &["diff"]).code(1);

    p.write("pyproject.toml", "[project]\nname = \"demo\"\n\n[tool.pitfix]\nignore = [\"is-literal\"]\n");
    assert_cmd_snapshot!(cmd_at(&p, "pkg/sub", &["diff"]));
    p.run_at("pkg/sub", &["check"]).code(0);
}

#[test]
fn select_from_pyproject_and_cli_select_overrides_it() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("pkg/m.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix]\nselect = [\"is-literal\"]\n");
    p.run_at("pkg", &["check"]).code(1);

    // An empty selection turns everything off...
    p.write("pyproject.toml", "[tool.pitfix]\nselect = []\n");
    p.run_at("pkg", &["check"]).code(0);
    p.run_at("pkg", &["diff"]).code(0);
    // ...and `--select` on the command line replaces the config's list.
    assert_cmd_snapshot!(cmd_at(&p, "pkg", &["check", "--select", "is-literal"]));
    p.run_at("pkg", &["diff", "--select", "ALL"]).code(1);
}

#[test]
fn cli_ignore_adds_to_config() {
    let p = Project::new();
    p.write("m.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix]\nselect = [\"ALL\"]\n");
    p.run(&["check"]).code(1);
    p.run(&["check", "--ignore", "is-literal"]).code(0);
}

#[test]
fn pitfix_toml_uses_top_level_keys() {
    let p = Project::new();
    p.write("src/m.py", FIXABLE);
    p.write("pitfix.toml", "ignore = [\"is-literal\"]\n");
    p.run_at("src", &["diff"]).code(0);
    p.run(&["diff"]).code(0);
    p.write("pitfix.toml", "select = [\"is-literal\"]\n");
    p.run_at("src", &["diff"]).code(1);
}

#[test]
fn requires_python_is_accepted() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("m.py", FIXABLE);
    p.write(
        "pyproject.toml",
        "[project]\nname = \"demo\"\nversion = \"1.0\"\nrequires-python = \">=3.9, <4\"\n\n[tool.pitfix]\nselect = [\"is-literal\"]\n",
    );
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
}

#[test]
fn pyproject_without_tool_pitfix_does_not_hide_a_config_further_up() {
    let p = Project::new();
    p.write("pitfix.toml", "ignore = [\"is-literal\"]\n");
    p.write("app/pyproject.toml", "[project]\nname = \"app\"\nrequires-python = \">=3.11\"\n");
    p.write("app/m.py", FIXABLE);
    p.run_at("app", &["diff"]).code(0);
}

#[test]
fn config_flag_names_the_file_to_use() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("m.py", FIXABLE);
    // The discovered file is broken: `--config` must not read it.
    p.write("pyproject.toml", "[tool.pitfix]\nnot-a-setting = 1\n");
    p.write("settings/custom.toml", "ignore = [\"is-literal\"]\n");
    p.write("settings/pyproject.toml", "[tool.pitfix]\nignore = [\"is-literal\"]\n");
    p.run(&["diff"]).code(2);
    p.run(&["diff", "--config", "settings/custom.toml"]).code(0);
    p.run(&["diff", "--config", "settings/pyproject.toml"]).code(0);
    assert_cmd_snapshot!(cmd(&p, &["diff", "--config", "settings/missing.toml"]));
}

#[test]
fn extend_exclude_adds_to_the_default_excludes() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    for f in ["keep.py", "generated/g.py", "api_pb2.py", "venv/lib.py", "deep/generated/h.py"] {
        p.write(f, FIXABLE);
    }
    p.write("pyproject.toml", "[tool.pitfix]\nextend-exclude = [\"generated\", \"*_pb2.py\"]\n");
    assert_cmd_snapshot!(cmd(&p, &["check"]));
}

#[test]
fn exclude_replaces_the_default_excludes() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    for f in ["keep.py", "generated/g.py", "api_pb2.py", "venv/lib.py"] {
        p.write(f, FIXABLE);
    }
    p.write("pitfix.toml", "exclude = [\"generated/\"]\n");
    assert_cmd_snapshot!("exclude_replaces_the_default_excludes", cmd(&p, &["check"]));

    // `--exclude` adds to the list, and matches paths relative to the current directory too.
    assert_cmd_snapshot!(
        "exclude_replaces_the_default_excludes_cli_exclude",
        cmd(&p, &["check", "--exclude", "*_pb2.py", "--exclude", "venv/lib.py"])
    );

    // A file named on the command line is processed even when excluded.
    assert_cmd_snapshot!("exclude_replaces_the_default_excludes_named", cmd(&p, &["check", "generated/g.py"]));
}

#[test]
fn config_exclude_paths_are_relative_to_the_config_file_not_the_cwd() {
    // `pkg/generated` in the project's config must mean the same folder whether pitfix runs from
    // the project root or from inside `pkg/` (as in Ruff and Black).
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("pyproject.toml", "[tool.pitfix]\nextend-exclude = [\"pkg/generated\"]\n");
    p.write("pkg/generated/g.py", FIXABLE);
    p.write("pkg/m.py", FIXABLE);
    assert_cmd_snapshot!("config_exclude_paths_are_relative_to_the_config_file_root", cmd(&p, &["check"]));
    assert_cmd_snapshot!("config_exclude_paths_are_relative_to_the_config_file_pkg", cmd_at(&p, "pkg", &["check"]));
}

// ---------------------------------------------------------------------------------------------
// The Python version, per file

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

// ---------------------------------------------------------------------------------------------
// The project's Ruff config

/// A project whose Ruff config says `tests/data` holds test data and `tests/` may use mutable
/// defaults; every file has an `is` with a literal (F632) and a mutable default (B006).
fn ruff_project(p: &Project, pitfix: &str) {
    let trap = "def f(x=[]):\n    x.append(1)\n\n\nif f() is 1000:\n    pass\n";
    for f in ["src/m.py", "tests/test_m.py", "tests/data/case.py", "scripts/legacy.py"] {
        p.write(f, trap);
    }
    p.write(
        "pyproject.toml",
        format!(
            "[project]\nname = \"fake\"\n\n[tool.ruff]\nextend-exclude = [\"tests/data\"]\n\n\
             [tool.ruff.lint.per-file-ignores]\n\"tests/*\" = [\"B006\"]\n\n\
             [tool.ruff.per-file-ignores]\n\"scripts/legacy.py\" = [\"F\"]\n{pitfix}"
        ),
    );
}

#[test]
fn ruff_excludes_and_per_file_ignores_are_respected() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    ruff_project(&p, "");
    assert_cmd_snapshot!(cmd(&p, &["check", "--select", "is-literal,mutable-default"]));
    // From inside `tests/`, the patterns still mean the project's folders.
    let out = p.run_at("tests", &["check", "--select", "is-literal,mutable-default", "--output-format", "json"]).code(1).out();
    assert!(!out.contains("case.py") && !out.contains("mutable-default"), "{out}");
}

#[test]
fn no_respect_ruff_config_checks_every_file() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    ruff_project(&p, "");
    assert_cmd_snapshot!(cmd(&p, &["check", "--select", "is-literal,mutable-default", "--no-respect-ruff-config"]));
    // The config key does the same.
    let p2 = Project::new();
    ruff_project(&p2, "\n[tool.pitfix]\nrespect-ruff-config = false\n");
    let flag = p.run(&["check", "--select", "is-literal,mutable-default", "--no-respect-ruff-config"]).out();
    let key = p2.run(&["check", "--select", "is-literal,mutable-default"]).out();
    assert_eq!(flag, key);
}

#[test]
fn a_folder_with_a_broken_config_is_skipped_and_the_run_goes_on() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("data/b.py", FIXABLE);
    p.write("data/pyproject.toml", "[tool.pitfix\nselect = 1\n");
    // The error names the config file and the folder; the other files are still checked.
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), FIXED);
    assert_eq!(p.read_string("data/b.py"), FIXABLE);
}

// ---------------------------------------------------------------------------------------------
// Suppression comments

/// Applies to a one-line file ending in `comment` and tells whether the line was fixed.
fn fixed_with_comment(comment: &str) -> bool {
    let p = Project::new();
    let before = format!("flag = x is 1000  {comment}\n");
    p.write("a.py", &before);
    let check = p.run(&["check"]);
    p.run(&["apply"]).code(0);
    let after = p.read_string("a.py");
    if after == before {
        check.code(0);
        false
    } else {
        check.code(1);
        assert_eq!(after, format!("flag = x == 1000  {comment}\n"));
        true
    }
}

#[test]
fn pitfix_ignore_suppresses() {
    assert!(!fixed_with_comment("# pitfix: ignore"));
}

#[test]
fn pitfix_ignore_with_the_id_suppresses() {
    assert!(!fixed_with_comment("# pitfix: ignore[is-literal]"));
    assert!(!fixed_with_comment("# pitfix: ignore[loop-closure, is-literal]"));
}

#[test]
fn pitfix_ignore_with_another_id_does_not_suppress() {
    assert!(fixed_with_comment("# pitfix: ignore[loop-closure]"));
}

#[test]
fn bare_noqa_suppresses() {
    assert!(!fixed_with_comment("# noqa"));
    assert!(!fixed_with_comment("# NOQA"));
}

#[test]
fn noqa_f632_suppresses() {
    assert!(!fixed_with_comment("# noqa: F632"));
    assert!(!fixed_with_comment("# noqa:E501,F632"));
    assert!(!fixed_with_comment("# type: ignore  # noqa: F632"));
}

#[test]
fn noqa_with_other_codes_does_not_suppress() {
    assert!(fixed_with_comment("# noqa: E501"));
    assert!(fixed_with_comment("# noqa: E501, W291"));
}

#[test]
fn skip_file_leaves_the_whole_file_alone() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let text = "x = int('1000')\nprint(x is 1000)\n# pitfix: skip-file\nprint(x is not 'a')\n";
    p.write("a.py", text);
    p.write("b.py", FIXABLE);
    assert_cmd_snapshot!("skip_file_leaves_the_whole_file_alone_check", cmd(&p, &["check"]));
    assert_cmd_snapshot!("skip_file_leaves_the_whole_file_alone_diff", cmd(&p, &["diff"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), text);
    assert_eq!(p.read_string("b.py"), FIXED);
}

#[test]
fn suppression_on_the_first_line_of_a_multiline_statement() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write(
        "a.py",
        "if (a is 1000 and  # noqa: F632\n        b is 2000):\n    c = d is 3000\n\
         y = f(\n    x is 'a',  # pitfix: ignore[is-literal]\n    x is 'b',\n)\n\
         z = [  # pitfix: ignore\n    x is 'c',\n    x is not 'd',\n]\n",
    );
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    p.run(&["apply"]).code(0);
    assert_eq!(
        p.read_string("a.py"),
        "if (a is 1000 and  # noqa: F632\n        b is 2000):\n    c = d == 3000\n\
         y = f(\n    x is 'a',  # pitfix: ignore[is-literal]\n    x == 'b',\n)\n\
         z = [  # pitfix: ignore\n    x is 'c',\n    x is not 'd',\n]\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Bytes preserved

#[test]
fn crlf_bom_tabs_trailing_whitespace_and_form_feed_are_kept() {
    let p = Project::new();
    let before: &[u8] = b"\xEF\xBB\xBF# header \t \r\n\x0c\r\n\x0cdef f(x):\t\r\n\tif x is 1000:   \r\n\t\treturn x is not \"a\"\t\r\n\treturn 0 \r\n";
    let after: &[u8] = b"\xEF\xBB\xBF# header \t \r\n\x0c\r\n\x0cdef f(x):\t\r\n\tif x == 1000:   \r\n\t\treturn x != \"a\"\t\r\n\treturn 0 \r\n";
    p.write("crlf.py", before);
    p.run(&["apply"]).code(0);
    assert_eq!(p.read("crlf.py"), after);
}

#[test]
fn latin1_file_is_written_back_in_latin1() {
    // Byte for byte: a text snapshot would show the latin-1 bytes as replacement characters.
    let p = Project::new();
    let before: &[u8] =
        b"# -*- coding: latin-1 -*-\nname = \"\xe9t\xe9\"\nif name is \"caf\xe9\":\n    print(\"\xa0ok\")\n";
    let after: &[u8] =
        b"# -*- coding: latin-1 -*-\nname = \"\xe9t\xe9\"\nif name == \"caf\xe9\":\n    print(\"\xa0ok\")\n";
    p.write("l1.py", before);
    let run = p.run(&["diff"]);
    run.code(1);
    assert_eq!(
        run.stdout,
        [
            &b"diff --git a/l1.py b/l1.py\n--- a/l1.py\n+++ b/l1.py\n@@ -1,4 +1,4 @@\n # -*- coding: latin-1 -*-\n name = \"\xe9t\xe9\"\n"[..],
            b"-if name is \"caf\xe9\":\n+if name == \"caf\xe9\":\n     print(\"\xa0ok\")\n",
        ]
        .concat()
    );
    p.run(&["apply"]).code(0);
    assert_eq!(p.read("l1.py"), after);
}

#[test]
fn file_without_trailing_newline_stays_without_one() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", "x = int('1000')\nprint(x is 1000)");
    assert_cmd_snapshot!(cmd(&p, &["diff"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), "x = int('1000')\nprint(x == 1000)");
}

// ---------------------------------------------------------------------------------------------
// Broken files

#[test]
fn syntax_error_is_reported_and_other_files_are_still_fixed() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let bad = "def f(:\n    return x is 1000\n";
    p.write("bad.py", bad);
    p.write("good.py", FIXABLE);

    assert_cmd_snapshot!("syntax_error_is_reported_and_other_files_are_still_fixed_diff", cmd(&p, &["diff"]));
    assert_cmd_snapshot!("syntax_error_is_reported_and_other_files_are_still_fixed_check", cmd(&p, &["check"]));
    assert_cmd_snapshot!("syntax_error_is_reported_and_other_files_are_still_fixed_apply", cmd(&p, &["apply"]));
    assert_eq!(p.read_string("bad.py"), bad);
    assert_eq!(p.read_string("good.py"), FIXED);
}

#[test]
fn undecodable_files_are_named_and_the_run_goes_on() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let invalid_utf8: &[u8] = b"x = 1\ny = x is '\xff\xfe'\n";
    let binary: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00x is 1000\n";
    p.write("enc.py", invalid_utf8);
    p.write("binary.py", binary);
    p.write("good.py", FIXABLE);

    for command in ["diff", "check", "apply"] {
        assert_cmd_snapshot!(format!("undecodable_files_are_named_and_the_run_goes_on_{command}"), cmd(&p, &[command]));
    }
    assert_eq!(p.read("enc.py"), invalid_utf8);
    assert_eq!(p.read("binary.py"), binary);
    assert_eq!(p.read_string("good.py"), FIXED);
}

// ---------------------------------------------------------------------------------------------
// Discovery

fn ignored_layout(p: &Project) {
    p.write(".gitignore", "ignored.py\nbuild_out/\n");
    for f in ["kept.py", "ignored.py", "build_out/x.py", "sub/kept2.py", "sub/ignored.py"] {
        p.write(f, FIXABLE);
    }
}

#[test]
fn gitignore_is_respected_in_a_git_repo() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.git(&["init", "-q"]);
    ignored_layout(&p);
    assert_cmd_snapshot!("gitignore_is_respected_in_a_git_repo_check", cmd(&p, &["check"]));
    assert_cmd_snapshot!("gitignore_is_respected_in_a_git_repo_diff", cmd(&p, &["diff"]));

    // Files named on the command line are processed even when ignored.
    assert_cmd_snapshot!(
        "gitignore_is_respected_in_a_git_repo_named",
        cmd(&p, &["check", "ignored.py", "build_out/x.py"])
    );
    p.run(&["apply", "sub/ignored.py"]).code(0);
    assert_eq!(p.read_string("sub/ignored.py"), FIXED);
    assert_eq!(p.read_string("ignored.py"), FIXABLE);
}

#[test]
fn gitignore_and_ignore_files_are_respected_without_git() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    ignored_layout(&p);
    p.write("sub/.ignore", "skipped_too.py\n");
    p.write("sub/skipped_too.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("kept.py"), FIXED);
    assert_eq!(p.read_string("ignored.py"), FIXABLE);
    assert_eq!(p.read_string("build_out/x.py"), FIXABLE);
    assert_eq!(p.read_string("sub/skipped_too.py"), FIXABLE);
}

#[test]
fn hidden_files_and_folders_are_skipped_unless_named() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    for f in ["visible.py", ".hidden.py", ".secret/x.py", "pkg/.cache/y.py", "pkg/z.py"] {
        p.write(f, FIXABLE);
    }
    assert_cmd_snapshot!("hidden_files_and_folders_are_skipped_unless_named", cmd(&p, &["check"]));
    assert_cmd_snapshot!(
        "hidden_files_and_folders_are_skipped_unless_named_named",
        cmd(&p, &["check", ".secret/x.py", ".hidden.py"])
    );
}

#[test]
fn only_py_and_pyi_files_are_walked() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    for f in ["mod.py", "stub.pyi", "notes.txt", "script", "mod.py.bak", "pkg/types.pyi", "data.pyc", "x.pyw"] {
        p.write(f, FIXABLE);
    }
    assert_cmd_snapshot!(cmd(&p, &["check"]));
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("stub.pyi"), FIXED);
    assert_eq!(p.read_string("pkg/types.pyi"), FIXED);
    assert_eq!(p.read_string("notes.txt"), FIXABLE);
    assert_eq!(p.read_string("script"), FIXABLE);
}

// ---------------------------------------------------------------------------------------------
// The diff is a valid patch

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

// ---------------------------------------------------------------------------------------------
// Order, parallelism and path display

#[test]
fn diff_is_in_sorted_path_order_and_the_same_for_any_job_count() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let mut names = vec!["z.py", "a.py", "m/n/o.py", "m/a.py", "B.py", "b.py", "ab/x.py", "a_b.py"]
        .into_iter()
        .map(str::to_owned)
        .collect::<Vec<_>>();
    for i in 0..30 {
        names.push(format!("gen/f{:02}.py", (i * 7) % 30));
    }
    for name in &names {
        p.write(name, FIXABLE);
    }
    let one = p.run(&["diff", "-j", "1"]);
    one.code(1);
    let four = p.run(&["diff", "--jobs", "4"]);
    four.code(1);
    assert_eq!(one.stdout, four.stdout);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(diff_paths(&one.out()), sorted);
    let again = p.run(&["diff", "-j", "4"]);
    assert_eq!(one.stdout, again.stdout);

    // Paths named in any order come out sorted too.
    assert_cmd_snapshot!(cmd(&p, &["check", "z.py", "m", "a.py"]));
}

#[test]
fn paths_are_shown_relative_to_the_current_directory() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("sub/a.py", FIXABLE);
    p.write("other/b.py", FIXABLE);

    assert_cmd_snapshot!("paths_are_shown_relative_to_the_current_directory_check_dot_sub", cmd(&p, &["check", "./sub"]));
    assert_cmd_snapshot!(
        "paths_are_shown_relative_to_the_current_directory_diff_dot_sub_file",
        cmd(&p, &["diff", "./sub/a.py"])
    );
    let absolute = p.path("sub");
    assert_cmd_snapshot!(
        "paths_are_shown_relative_to_the_current_directory_check_absolute",
        cmd(&p, &["check", absolute.to_str().unwrap()])
    );
    assert_cmd_snapshot!(
        "paths_are_shown_relative_to_the_current_directory_from_sub_dot_dot_files",
        cmd_at(&p, "sub", &["check", "../sub/a.py", "../other/b.py"])
    );
    assert_cmd_snapshot!(
        "paths_are_shown_relative_to_the_current_directory_from_sub_dot_dot",
        cmd_at(&p, "sub", &["check", ".."])
    );
}

#[test]
fn a_path_outside_the_current_directory_is_shown_as_given() {
    let here = Project::new();
    here.write("local.py", FIXABLE);
    let elsewhere = Project::new();
    elsewhere.write("far.py", FIXABLE);
    let _s = snapshot_settings(&here, Some(&elsewhere));
    let given = elsewhere.path("far.py");
    let given = given.to_str().unwrap();

    assert_cmd_snapshot!("a_path_outside_the_current_directory_is_shown_as_given_check", cmd(&here, &["check", given]));
    assert_cmd_snapshot!("a_path_outside_the_current_directory_is_shown_as_given_diff", cmd(&here, &["diff", given]));
}

#[test]
fn a_file_named_several_ways_is_processed_once() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    p.write("d/b.py", FIXABLE);
    let absolute = p.path("a.py");
    let args = ["a.py", "./a.py", absolute.to_str().unwrap(), ".", "d", "d/b.py", "./d/../d/b.py"];
    for command in ["diff", "check", "apply"] {
        assert_cmd_snapshot!(
            format!("a_file_named_several_ways_is_processed_once_{command}"),
            cmd(&p, &[&[command][..], &args].concat())
        );
    }
    assert_eq!(p.read_string("a.py"), FIXED);
    assert_eq!(p.read_string("d/b.py"), FIXED);
}

// ---------------------------------------------------------------------------------------------
// Writing files

#[test]
fn apply_keeps_file_permissions() {
    let p = Project::new();
    let a = p.write("a.py", FIXABLE);
    let tool = p.write("bin/tool.py", format!("#!/usr/bin/env python3\n{FIXABLE}"));
    fs::set_permissions(&a, fs::Permissions::from_mode(0o640)).unwrap();
    fs::set_permissions(&tool, fs::Permissions::from_mode(0o755)).unwrap();
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), FIXED);
    assert_eq!(p.read_string("bin/tool.py"), format!("#!/usr/bin/env python3\n{FIXED}"));
    assert_eq!(mode(&a), 0o640);
    assert_eq!(mode(&tool), 0o755);
}

#[test]
fn apply_does_not_write_read_only_files() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    let ro = p.write("ro.py", FIXABLE);
    p.write("rw.py", FIXABLE);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    assert_cmd_snapshot!(cmd(&p, &["apply"]));
    assert_eq!(p.read_string("ro.py"), FIXABLE);
    assert_eq!(mode(&ro), 0o444);
    assert_eq!(p.read_string("rw.py"), FIXED);
    assert_eq!(tree(&p.root), BTreeSet::from(["ro.py".to_owned(), "rw.py".to_owned()]));
}

#[test]
fn apply_leaves_no_temporary_files() {
    let p = Project::new();
    let files = ["a.py", "pkg/b.py", "pkg/deep/c.py", "clean.py"];
    for f in files {
        p.write(f, if f == "clean.py" { CLEAN } else { FIXABLE });
    }
    p.run(&["apply"]).code(0);
    let expected: BTreeSet<String> =
        ["a.py", "clean.py", "pkg", "pkg/b.py", "pkg/deep", "pkg/deep/c.py"].map(str::to_owned).into();
    assert_eq!(tree(&p.root), expected);
    for f in ["a.py", "pkg/b.py", "pkg/deep/c.py"] {
        assert_eq!(p.read_string(f), FIXED);
    }
}

// ---------------------------------------------------------------------------------------------
// rules and explain

#[test]
fn rules_lists_is_literal() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    assert_cmd_snapshot!(cmd(&p, &["rules"]));
}

#[test]
fn explain_prints_the_readme() {
    let p = Project::new();
    let run = p.run(&["explain", "is-literal"]);
    run.code(0);
    assert_eq!(run.out(), include_str!("../transforms/is-literal/README.md"));
}

// ---------------------------------------------------------------------------------------------
// Colour

#[test]
fn color_always_paints_the_diff() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    assert_cmd_snapshot!(cmd(&p, &["diff", "--color", "always"]));
}

#[test]
fn color_never_and_piped_output_have_no_escape_codes() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", FIXABLE);
    for (name, args) in [("never", &["diff", "--color", "never"][..]), ("piped", &["diff"]), ("auto", &["diff", "--color", "auto"])] {
        assert_cmd_snapshot!(format!("color_never_and_piped_output_have_no_escape_codes_{name}"), cmd(&p, args));
    }
}

// ---------------------------------------------------------------------------------------------
// check output formats

#[test]
fn check_json_has_the_documented_fields() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", "x = 1\nif x is 1000 or y is not 'a':\n    pass\nz = (x\n     is\n     2000)\n");
    p.write("b.py", CLEAN);
    assert_cmd_snapshot!(cmd(&p, &["check", "--output-format", "json"]));
    let run = p.run(&["check", "--output-format", "json"]);
    let _: serde_json::Value = serde_json::from_slice(&run.stdout).expect("valid JSON");
}

#[test]
fn check_json_with_no_findings_is_an_empty_array() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("a.py", CLEAN);
    assert_cmd_snapshot!(cmd(&p, &["check", "--output-format", "json"]));
    let run = p.run(&["check", "--output-format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("valid JSON");
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn check_text_format() {
    let p = Project::new();
    let _s = snapshot_settings(&p, None);
    p.write("pkg/a.py", "x = 1\nif x is 1000 or y is not 'a':\n    pass\n");
    assert_cmd_snapshot!(cmd(&p, &["check", "--output-format", "text"]));
}
