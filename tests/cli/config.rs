//! Configuration: finding `pyproject.toml` / `pitfix.toml`, `select` / `ignore`, `--config`,
//! excludes, and the project's Ruff config.

use crate::common::Project;
use crate::support::{FIXABLE, FIXED, cmd, cmd_at, snapshot_settings};
use insta_cmd::assert_cmd_snapshot;

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

#[test]
fn a_broken_config_in_a_folder_without_python_files_skips_nothing() {
    // Only the folder's Python files would be skipped, and there are none: no error.
    let p = Project::new();
    p.write("a.py", FIXABLE);
    p.write("docs/pyproject.toml", "[tool.pitfix\nselect = 1\n");
    p.write("docs/index.md", "# The docs\n");
    let run = p.run(&["check"]);
    run.code(1);
    assert!(!run.stderr.contains("skipped"), "{}", run.stderr);
    assert!(run.out().contains("a.py"), "{}", run.out());
    // A Python file below it is skipped, and said so.
    p.write("docs/conf/b.py", FIXABLE);
    let run = p.run(&["check"]);
    run.code(1);
    assert!(run.stderr.contains("skipped, its settings cannot be read"), "{}", run.stderr);
}

#[test]
fn a_config_above_the_home_directory_is_not_read() {
    // `home/` is the home directory; a config planted in the folder above it would turn the
    // fix off.
    let p = Project::new();
    p.write("pitfix.toml", "ignore = [\"is-literal\"]\n");
    p.write("home/proj/m.py", FIXABLE);
    let check = |home: &str| {
        let mut cmd = cmd_at(&p, "home/proj", &["check"]);
        cmd.env("HOME", p.path(home));
        cmd.output().unwrap().status.code()
    };
    assert_eq!(check("home"), Some(1), "the planted config is ignored");
    // Below the home directory the search goes on as before: a config in the home folder applies.
    p.write("home/pitfix.toml", "ignore = [\"is-literal\"]\n");
    assert_eq!(check("home"), Some(0));
    // The file above applies when it is within the home directory.
    std::fs::remove_file(p.path("home/pitfix.toml")).unwrap();
    assert_eq!(check("."), Some(0));
}

#[test]
fn call_default_extend_immutable_calls_is_validated_and_used() {
    let p = Project::new();
    p.write("app.py", "from conf import load\n\n\ndef f(settings=load()):\n    return settings\n");
    p.write("pitfix.toml", "[call-default]\nextend-immutable-calls = \"conf.load\"\n");
    let run = p.run(&["check", "--select", "call-default", "app.py"]);
    run.code(2);
    assert!(run.stderr.contains("`call-default` has `extend-immutable-calls = \"conf.load\"`; it must be a list"), "{}", run.stderr);

    p.write("pitfix.toml", "[call-default]\nextend-immutable-calls = [\"conf load\"]\n");
    let run = p.run(&["check", "--select", "call-default", "app.py"]);
    run.code(2);
    assert!(run.stderr.contains("each entry must be a dotted name"), "{}", run.stderr);

    p.write("pitfix.toml", "[call-default]\nextend-immutable-calls = [\"conf.other\"]\n");
    p.run(&["check", "--select", "call-default", "app.py"]).code(1);
    p.write("pitfix.toml", "[call-default]\nextend-immutable-calls = [\"conf.load\"]\n");
    p.run(&["check", "--select", "call-default", "app.py"]).code(0);
}
