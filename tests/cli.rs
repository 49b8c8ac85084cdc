//! End-to-end tests of the `pitfix` command line: exit codes, stdin, config files, suppression
//! comments, byte preservation, discovery, diffs that `git apply` / `patch` accept, and output
//! formats.
mod common;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{IS_MSG, IS_NOT_MSG, Project, git_in};

const FIXABLE: &str = "x = int('1000')\nif x is 1000:\n    pass\n";
const FIXED: &str = "x = int('1000')\nif x == 1000:\n    pass\n";
const FIXABLE_DIFF: &str = "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,3 +1,3 @@\n x = int('1000')\n-if x is 1000:\n+if x == 1000:\n     pass\n";
const CLEAN: &str = "x = 1\nif x is None:\n    pass\n";

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

/// The paths named by a text-format `check` run, in order.
fn checked_paths(stdout: &str) -> Vec<String> {
    stdout.lines().map(|l| l.split(':').next().unwrap().to_owned()).collect()
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
    p.write("a.py", CLEAN);
    let run = p.run(&["diff"]);
    run.code(0);
    assert_eq!(run.out(), "");
    assert_eq!(run.stderr, "Nothing to fix.\n");
}

#[test]
fn diff_with_something_to_do_exits_1_and_changes_nothing() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    let run = p.run(&["diff"]);
    run.code(1);
    assert_eq!(run.out(), FIXABLE_DIFF);
    assert_eq!(run.stderr, "Would fix 1 problem in 1 file (is-literal: 1).\n");
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn apply_with_nothing_to_do_exits_0() {
    let p = Project::new();
    p.write("a.py", CLEAN);
    for args in [&["apply"][..], &["apply", "--exit-non-zero-on-fix"]] {
        let run = p.run(args);
        run.code(0);
        assert_eq!(run.out(), "");
        assert_eq!(run.stderr, "Nothing to fix.\n");
        assert_eq!(p.read_string("a.py"), CLEAN);
    }
}

#[test]
fn apply_with_something_to_do_exits_0_and_writes() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    let run = p.run(&["apply"]);
    run.code(0);
    assert_eq!(run.out(), "");
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (is-literal: 1).\n");
    assert_eq!(p.read_string("a.py"), FIXED);
    // A second run finds nothing left.
    p.run(&["apply", "--exit-non-zero-on-fix"]).code(0);
}

#[test]
fn apply_exit_non_zero_on_fix_exits_1_when_a_file_changed() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    let run = p.run(&["apply", "--exit-non-zero-on-fix"]);
    run.code(1);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (is-literal: 1).\n");
    assert_eq!(p.read_string("a.py"), FIXED);
}

#[test]
fn check_with_no_findings_exits_0() {
    let p = Project::new();
    p.write("a.py", CLEAN);
    let run = p.run(&["check"]);
    run.code(0);
    assert_eq!(run.out(), "");
    assert_eq!(run.stderr, "No problems found.\n");
}

#[test]
fn check_with_findings_exits_1_and_changes_nothing() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(run.out(), format!("a.py:2:4: is-literal {IS_MSG} [fix available]\n"));
    assert_eq!(run.stderr, "Found 1 problem (1 fixable with `pitfix apply`).\n");
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn quiet_drops_the_summary() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    let run = p.run(&["diff", "-q"]);
    run.code(1);
    assert_eq!(run.out(), FIXABLE_DIFF);
    assert_eq!(run.stderr, "");
    let run = p.run(&["check", "--quiet"]);
    run.code(1);
    assert_eq!(run.stderr, "");
}

#[test]
fn unknown_transform_id_in_select_is_fatal() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        let run = p.run(&[command, "--select", "is-literal,no-such-rule"]);
        run.code(2);
        assert_eq!(run.out(), "", "{command}");
        assert_eq!(
            run.stderr, "pitfix: error: unknown transform id `no-such-rule` (see `pitfix rules`)\n",
            "{command}"
        );
        assert_eq!(p.read_string("a.py"), FIXABLE, "{command}");
    }
}

#[test]
fn unknown_transform_id_in_ignore_is_fatal() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        let run = p.run(&[command, "--ignore", "bogus"]);
        run.code(2);
        assert_eq!(run.stderr, "pitfix: error: unknown transform id `bogus` (see `pitfix rules`)\n", "{command}");
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn nonexistent_path_is_fatal_and_nothing_is_written() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        let run = p.run(&[command, "a.py", "missing.py"]);
        run.code(2);
        assert_eq!(run.out(), "", "{command}");
        assert_eq!(run.stderr, "pitfix: error: missing.py: no such file or directory\n", "{command}");
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn unknown_config_key_is_fatal_and_names_key_and_file() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[project]\nname = \"demo\"\n\n[tool.pitfix]\nselct = [\"is-literal\"]\n");
    let expected =
        format!("pitfix: error: {}: `tool.pitfix.selct` is not a known setting\n", p.path("pyproject.toml").display());
    for command in ["diff", "apply", "check"] {
        let run = p.run(&[command]);
        run.code(2);
        assert_eq!(run.out(), "", "{command}");
        assert_eq!(run.stderr, expected, "{command}");
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn unknown_key_in_pitfix_toml_is_fatal_and_names_key_and_file() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    p.write("pitfix.toml", "ignroe = [\"is-literal\"]\n");
    let run = p.run(&["diff"]);
    run.code(2);
    assert_eq!(
        run.stderr,
        format!("pitfix: error: {}: `ignroe` is not a known setting\n", p.path("pitfix.toml").display())
    );
}

#[test]
fn unknown_transform_option_is_fatal_and_names_it() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix.is-literal]\nstrict = true\n");
    let run = p.run(&["check"]);
    run.code(2);
    assert_eq!(
        run.stderr,
        format!(
            "pitfix: error: {}: `tool.pitfix.is-literal.strict` is not a known option\n",
            p.path("pyproject.toml").display()
        )
    );
}

#[test]
fn invalid_toml_is_fatal_and_names_the_file() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix\nselect = [\"is-literal\"\n");
    let prefix = format!("pitfix: error: {}: invalid TOML: ", p.path("pyproject.toml").display());
    for command in ["diff", "apply", "check"] {
        let run = p.run(&[command]);
        run.code(2);
        assert!(run.stderr.starts_with(&prefix), "{command}: {}", run.stderr);
        assert_eq!(run.out(), "");
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

#[test]
fn invalid_setting_value_is_fatal() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    p.write("pitfix.toml", "target-version = \"py27\"\n");
    let run = p.run(&["diff"]);
    run.code(2);
    assert_eq!(
        run.stderr,
        format!(
            "pitfix: error: {}: `target-version` must be one of py38, py39, py310, py311, py312, py313, py314\n",
            p.path("pitfix.toml").display()
        )
    );
}

#[test]
fn explain_unknown_id_is_fatal() {
    let p = Project::new();
    let run = p.run(&["explain", "no-such-rule"]);
    run.code(2);
    assert_eq!(run.out(), "");
    assert_eq!(run.stderr, "pitfix: error: unknown transform id `no-such-rule` (see `pitfix rules`)\n");
}

#[test]
fn bad_arguments_are_fatal() {
    let p = Project::new();
    p.run(&["diff", "--no-such-flag"]).code(2);
    p.run(&["check", "--output-format", "xml"]).code(2);
    p.run(&["frobnicate"]).code(2);
}

// ---------------------------------------------------------------------------------------------
// Standard input

#[test]
fn diff_stdin_prints_the_diff() {
    let p = Project::new();
    let run = p.run_stdin(&["diff", "-"], b"print(x is 1000)\n");
    run.code(1);
    assert_eq!(run.out(), "diff --git a/- b/-\n--- a/-\n+++ b/-\n@@ -1 +1 @@\n-print(x is 1000)\n+print(x == 1000)\n");

    let run = p.run_stdin(&["diff", "-", "--stdin-filename", "pkg/foo.py"], FIXABLE.as_bytes());
    run.code(1);
    assert_eq!(run.out(), FIXABLE_DIFF.replace("a.py", "pkg/foo.py"));

    let run = p.run_stdin(&["diff", "-"], CLEAN.as_bytes());
    run.code(0);
    assert_eq!(run.out(), "");
    assert!(tree(&p.root).is_empty(), "stdin runs write no files");
}

#[test]
fn apply_stdin_prints_the_fixed_source() {
    let p = Project::new();
    let run = p.run_stdin(&["apply", "-", "--stdin-filename", "foo.py"], FIXABLE.as_bytes());
    run.code(0);
    assert_eq!(run.out(), FIXED);
    assert_eq!(run.stderr, "Fixed 1 problem in 1 file (is-literal: 1).\n");

    let run = p.run_stdin(&["apply", "-", "--exit-non-zero-on-fix"], FIXABLE.as_bytes());
    run.code(1);
    assert_eq!(run.out(), FIXED);

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
    let run = p.run_stdin(&["check", "-", "--stdin-filename", "foo.py"], FIXABLE.as_bytes());
    run.code(1);
    assert_eq!(run.out(), format!("foo.py:2:4: is-literal {IS_MSG} [fix available]\n"));

    let run = p.run_stdin(&["check", "-", "--stdin-filename", "foo.py"], b"def f(:\n");
    run.code(1);
    assert!(run.stderr.starts_with("foo.py:1:7: syntax error: "), "{}", run.stderr);
}

#[test]
fn stdin_mixed_with_other_paths_is_an_error() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    for command in ["diff", "apply", "check"] {
        for args in [[command, "-", "a.py"], [command, "a.py", "-"]] {
            let run = p.run_stdin(&args, FIXABLE.as_bytes());
            run.code(2);
            assert_eq!(run.out(), "");
            assert_eq!(run.stderr, "pitfix: error: `-` (standard input) must be the only path\n");
        }
    }
    assert_eq!(p.read_string("a.py"), FIXABLE);
}

// ---------------------------------------------------------------------------------------------
// Configuration

#[test]
fn pyproject_is_found_from_a_subdirectory() {
    let p = Project::new();
    p.write("pkg/sub/m.py", FIXABLE);
    p.run_at("pkg/sub", &["diff"]).code(1);

    p.write("pyproject.toml", "[project]\nname = \"demo\"\n\n[tool.pitfix]\nignore = [\"is-literal\"]\n");
    let run = p.run_at("pkg/sub", &["diff"]);
    run.code(0);
    assert_eq!(run.out(), "");
    p.run_at("pkg/sub", &["check"]).code(0);
}

#[test]
fn select_from_pyproject_and_cli_select_overrides_it() {
    let p = Project::new();
    p.write("pkg/m.py", FIXABLE);
    p.write("pyproject.toml", "[tool.pitfix]\nselect = [\"is-literal\"]\n");
    p.run_at("pkg", &["check"]).code(1);

    // An empty selection turns everything off...
    p.write("pyproject.toml", "[tool.pitfix]\nselect = []\n");
    p.run_at("pkg", &["check"]).code(0);
    p.run_at("pkg", &["diff"]).code(0);
    // ...and `--select` on the command line replaces the config's list.
    let run = p.run_at("pkg", &["check", "--select", "is-literal"]);
    run.code(1);
    assert_eq!(run.out(), format!("m.py:2:4: is-literal {IS_MSG} [fix available]\n"));
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
    p.write("m.py", FIXABLE);
    p.write(
        "pyproject.toml",
        "[project]\nname = \"demo\"\nversion = \"1.0\"\nrequires-python = \">=3.9, <4\"\n\n[tool.pitfix]\nselect = [\"is-literal\"]\n",
    );
    let run = p.run(&["diff"]);
    run.code(1);
    assert_eq!(run.stderr, "Would fix 1 problem in 1 file (is-literal: 1).\n");
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
    p.write("m.py", FIXABLE);
    // The discovered file is broken: `--config` must not read it.
    p.write("pyproject.toml", "[tool.pitfix]\nnot-a-setting = 1\n");
    p.write("settings/custom.toml", "ignore = [\"is-literal\"]\n");
    p.write("settings/pyproject.toml", "[tool.pitfix]\nignore = [\"is-literal\"]\n");
    p.run(&["diff"]).code(2);
    p.run(&["diff", "--config", "settings/custom.toml"]).code(0);
    p.run(&["diff", "--config", "settings/pyproject.toml"]).code(0);
    let run = p.run(&["diff", "--config", "settings/missing.toml"]);
    run.code(2);
    assert!(run.stderr.contains("settings/missing.toml"), "{}", run.stderr);
}

#[test]
fn extend_exclude_adds_to_the_default_excludes() {
    let p = Project::new();
    for f in ["keep.py", "generated/g.py", "api_pb2.py", "venv/lib.py", "deep/generated/h.py"] {
        p.write(f, FIXABLE);
    }
    p.write("pyproject.toml", "[tool.pitfix]\nextend-exclude = [\"generated\", \"*_pb2.py\"]\n");
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["keep.py"]);
}

#[test]
fn exclude_replaces_the_default_excludes() {
    let p = Project::new();
    for f in ["keep.py", "generated/g.py", "api_pb2.py", "venv/lib.py"] {
        p.write(f, FIXABLE);
    }
    p.write("pitfix.toml", "exclude = [\"generated/\"]\n");
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["api_pb2.py", "keep.py", "venv/lib.py"]);

    // `--exclude` adds to the list, and matches paths relative to the current directory too.
    let run = p.run(&["check", "--exclude", "*_pb2.py", "--exclude", "venv/lib.py"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["keep.py"]);

    // A file named on the command line is processed even when excluded.
    let run = p.run(&["check", "generated/g.py"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["generated/g.py"]);
}

#[test]
fn config_exclude_paths_are_relative_to_the_config_file_not_the_cwd() {
    // `pkg/generated` in the project's config must mean the same folder whether pitfix runs from
    // the project root or from inside `pkg/` (as in Ruff and Black).
    let p = Project::new();
    p.write("pyproject.toml", "[tool.pitfix]\nextend-exclude = [\"pkg/generated\"]\n");
    p.write("pkg/generated/g.py", FIXABLE);
    p.write("pkg/m.py", FIXABLE);
    let run = p.run(&["check"]);
    assert_eq!(checked_paths(&run.out()), ["pkg/m.py"]);
    let run = p.run_at("pkg", &["check"]);
    assert_eq!(checked_paths(&run.out()), ["m.py"]);
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
    let text = "x = int('1000')\nprint(x is 1000)\n# pitfix: skip-file\nprint(x is not 'a')\n";
    p.write("a.py", text);
    p.write("b.py", FIXABLE);
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["b.py"]);
    let run = p.run(&["diff"]);
    run.code(1);
    assert_eq!(diff_paths(&run.out()), ["b.py"]);
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), text);
    assert_eq!(p.read_string("b.py"), FIXED);
}

#[test]
fn suppression_on_the_first_line_of_a_multiline_statement() {
    let p = Project::new();
    p.write(
        "a.py",
        "if (a is 1000 and  # noqa: F632\n        b is 2000):\n    c = d is 3000\n\
         y = f(\n    x is 'a',  # pitfix: ignore[is-literal]\n    x is 'b',\n)\n\
         z = [  # pitfix: ignore\n    x is 'c',\n    x is not 'd',\n]\n",
    );
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(
        run.out(),
        format!("a.py:3:9: is-literal {IS_MSG} [fix available]\na.py:6:5: is-literal {IS_MSG} [fix available]\n")
    );
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
    p.write("a.py", "x = int('1000')\nprint(x is 1000)");
    let run = p.run(&["diff"]);
    run.code(1);
    assert_eq!(
        run.out(),
        "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,2 +1,2 @@\n x = int('1000')\n-print(x is 1000)\n\\ No newline at end of file\n+print(x == 1000)\n\\ No newline at end of file\n"
    );
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("a.py"), "x = int('1000')\nprint(x == 1000)");
}

// ---------------------------------------------------------------------------------------------
// Broken files

#[test]
fn syntax_error_is_reported_and_other_files_are_still_fixed() {
    let p = Project::new();
    let bad = "def f(:\n    return x is 1000\n";
    p.write("bad.py", bad);
    p.write("good.py", FIXABLE);

    let run = p.run(&["diff"]);
    run.code(1);
    assert_eq!(run.out(), FIXABLE_DIFF.replace("a.py", "good.py"));
    let errors = lines(&run.stderr);
    assert!(errors[0].starts_with("bad.py:1:7: syntax error: ") && errors[0].len() > 27, "{}", run.stderr);
    assert_eq!(errors[1..], ["Would fix 1 problem in 1 file (is-literal: 1)."]);

    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["good.py"]);
    assert!(run.stderr.starts_with("bad.py:1:7: syntax error: "), "{}", run.stderr);

    let run = p.run(&["apply"]);
    assert!(run.stderr.starts_with("bad.py:1:7: syntax error: "), "{}", run.stderr);
    assert!(run.stderr.ends_with("\nFixed 1 problem in 1 file (is-literal: 1).\n"), "{}", run.stderr);
    assert_eq!(p.read_string("bad.py"), bad);
    assert_eq!(p.read_string("good.py"), FIXED);
}

#[test]
fn undecodable_files_are_named_and_the_run_goes_on() {
    let p = Project::new();
    let invalid_utf8: &[u8] = b"x = 1\ny = x is '\xff\xfe'\n";
    let binary: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00x is 1000\n";
    p.write("enc.py", invalid_utf8);
    p.write("binary.py", binary);
    p.write("good.py", FIXABLE);

    for command in ["diff", "check", "apply"] {
        let run = p.run(&[command]);
        let errors = lines(&run.stderr);
        assert!(errors[0].starts_with("binary.py: skipped: line 1: contains a NUL byte"), "{command}: {}", run.stderr);
        assert!(errors[1].starts_with("enc.py: skipped: line 2: invalid UTF-8"), "{command}: {}", run.stderr);
        assert_eq!(errors.len(), 3, "{command}: {}", run.stderr);
        match command {
            "diff" => assert_eq!(diff_paths(&run.out()), ["good.py"]),
            "check" => assert_eq!(checked_paths(&run.out()), ["good.py"]),
            _ => assert_eq!(errors[2], "Fixed 1 problem in 1 file (is-literal: 1)."),
        }
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
    p.git(&["init", "-q"]);
    ignored_layout(&p);
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["kept.py", "sub/kept2.py"]);
    let run = p.run(&["diff"]);
    assert_eq!(diff_paths(&run.out()), ["kept.py", "sub/kept2.py"]);

    // Files named on the command line are processed even when ignored.
    let run = p.run(&["check", "ignored.py", "build_out/x.py"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["build_out/x.py", "ignored.py"]);
    p.run(&["apply", "sub/ignored.py"]).code(0);
    assert_eq!(p.read_string("sub/ignored.py"), FIXED);
    assert_eq!(p.read_string("ignored.py"), FIXABLE);
}

#[test]
fn gitignore_and_ignore_files_are_respected_without_git() {
    let p = Project::new();
    ignored_layout(&p);
    p.write("sub/.ignore", "skipped_too.py\n");
    p.write("sub/skipped_too.py", FIXABLE);
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["kept.py", "sub/kept2.py"]);
    p.run(&["apply"]).code(0);
    assert_eq!(p.read_string("kept.py"), FIXED);
    assert_eq!(p.read_string("ignored.py"), FIXABLE);
    assert_eq!(p.read_string("build_out/x.py"), FIXABLE);
    assert_eq!(p.read_string("sub/skipped_too.py"), FIXABLE);
}

#[test]
fn hidden_files_and_folders_are_skipped_unless_named() {
    let p = Project::new();
    for f in ["visible.py", ".hidden.py", ".secret/x.py", "pkg/.cache/y.py", "pkg/z.py"] {
        p.write(f, FIXABLE);
    }
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["pkg/z.py", "visible.py"]);
    let run = p.run(&["check", ".secret/x.py", ".hidden.py"]);
    assert_eq!(checked_paths(&run.out()), [".hidden.py", ".secret/x.py"]);
}

#[test]
fn only_py_and_pyi_files_are_walked() {
    let p = Project::new();
    for f in ["mod.py", "stub.pyi", "notes.txt", "script", "mod.py.bak", "pkg/types.pyi", "data.pyc", "x.pyw"] {
        p.write(f, FIXABLE);
    }
    let run = p.run(&["check"]);
    run.code(1);
    assert_eq!(checked_paths(&run.out()), ["mod.py", "pkg/types.pyi", "stub.pyi"]);
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
    p.write("my file.py", FIXABLE);
    let run = p.run(&["diff"]);
    run.code(1);
    assert_eq!(
        run.out(),
        "diff --git a/my file.py b/my file.py\n--- a/my file.py\t\n+++ b/my file.py\t\n@@ -1,3 +1,3 @@\n x = int('1000')\n-if x is 1000:\n+if x == 1000:\n     pass\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Order, parallelism and path display

#[test]
fn diff_is_in_sorted_path_order_and_the_same_for_any_job_count() {
    let p = Project::new();
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
    let run = p.run(&["check", "z.py", "m", "a.py"]);
    assert_eq!(checked_paths(&run.out()), ["a.py", "m/a.py", "m/n/o.py", "z.py"]);
}

#[test]
fn paths_are_shown_relative_to_the_current_directory() {
    let p = Project::new();
    p.write("sub/a.py", FIXABLE);
    p.write("other/b.py", FIXABLE);

    let run = p.run(&["check", "./sub"]);
    assert_eq!(checked_paths(&run.out()), ["sub/a.py"]);
    let run = p.run(&["diff", "./sub/a.py"]);
    assert_eq!(run.out(), FIXABLE_DIFF.replace("a.py", "sub/a.py"));
    let run = p.run(&["check", p.path("sub").to_str().unwrap()]);
    assert_eq!(checked_paths(&run.out()), ["sub/a.py"]);

    let run = p.run_at("sub", &["check", "../sub/a.py", "../other/b.py"]);
    assert_eq!(checked_paths(&run.out()), ["../other/b.py", "a.py"]);
    let run = p.run_at("sub", &["check", ".."]);
    assert_eq!(checked_paths(&run.out()), ["../other/b.py", "a.py"]);
}

#[test]
fn a_path_outside_the_current_directory_is_shown_as_given() {
    let here = Project::new();
    here.write("local.py", FIXABLE);
    let elsewhere = Project::new();
    elsewhere.write("far.py", FIXABLE);
    let given = elsewhere.path("far.py");
    let given = given.to_str().unwrap();

    let run = here.run(&["check", given]);
    run.code(1);
    assert_eq!(run.out(), format!("{given}:2:4: is-literal {IS_MSG} [fix available]\n"));
    let run = here.run(&["diff", given]);
    run.code(1);
    assert!(run.out().contains(&format!("\n--- a/{given}\n+++ b/{given}\n")), "{}", run.out());
}

#[test]
fn a_file_named_several_ways_is_processed_once() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    p.write("d/b.py", FIXABLE);
    let absolute = p.path("a.py");
    let args = ["a.py", "./a.py", absolute.to_str().unwrap(), ".", "d", "d/b.py", "./d/../d/b.py"];
    let run = p.run(&[&["diff"][..], &args].concat());
    run.code(1);
    assert_eq!(diff_paths(&run.out()), ["a.py", "d/b.py"]);
    assert_eq!(run.stderr, "Would fix 2 problems in 2 files (is-literal: 2).\n");
    let run = p.run(&[&["check"][..], &args].concat());
    assert_eq!(checked_paths(&run.out()), ["a.py", "d/b.py"]);
    let run = p.run(&[&["apply"][..], &args].concat());
    assert_eq!(run.stderr, "Fixed 2 problems in 2 files (is-literal: 2).\n");
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
    let ro = p.write("ro.py", FIXABLE);
    p.write("rw.py", FIXABLE);
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let run = p.run(&["apply"]);
    assert_eq!(run.stderr, "ro.py: the file is read-only; not written\nFixed 1 problem in 1 file (is-literal: 1).\n");
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
    let run = p.run(&["rules"]);
    run.code(0);
    let out = run.out();
    let rows = lines(&out);
    assert_eq!(rows[0].split_whitespace().collect::<Vec<_>>(), ["ID", "FIX", "DEFAULT", "SUMMARY"]);
    let row = rows.iter().find(|r| r.starts_with("is-literal ")).expect("an is-literal row");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[..3], ["is-literal", "safe", "yes"], "{out}");
    assert!(row.ends_with("`is` / `is not` against a literal compares identity; use `==` / `!=`"), "{out}");
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
    p.write("a.py", FIXABLE);
    let run = p.run(&["diff", "--color", "always"]);
    run.code(1);
    let out = run.out();
    assert!(out.starts_with("\x1b[1mdiff --git a/a.py b/a.py\n"), "{out:?}");
    assert!(out.contains("\x1b[36m@@ -1,3 +1,3 @@\x1b[0m\n"), "{out:?}");
    assert!(out.contains("\x1b[31m-if x is 1000:\x1b[0m\n"), "{out:?}");
    assert!(out.contains("\x1b[32m+if x == 1000:\x1b[0m\n"), "{out:?}");
    // Without the escape codes it is the plain diff.
    let mut plain = out.clone();
    for code in ["\x1b[1m", "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[0m"] {
        plain = plain.replace(code, "");
    }
    assert_eq!(plain, FIXABLE_DIFF);
}

#[test]
fn color_never_and_piped_output_have_no_escape_codes() {
    let p = Project::new();
    p.write("a.py", FIXABLE);
    for args in [&["diff", "--color", "never"][..], &["diff"], &["diff", "--color", "auto"]] {
        let run = p.run(args);
        run.code(1);
        assert_eq!(run.out(), FIXABLE_DIFF, "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// check output formats

#[test]
fn check_json_has_the_documented_fields() {
    let p = Project::new();
    p.write("a.py", "x = 1\nif x is 1000 or y is not 'a':\n    pass\nz = (x\n     is\n     2000)\n");
    p.write("b.py", CLEAN);
    let run = p.run(&["check", "--output-format", "json"]);
    run.code(1);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("valid JSON");
    let expected = serde_json::json!([
        {"path": "a.py", "line": 2, "column": 4, "end_line": 2, "end_column": 13,
         "rule": "is-literal", "message": IS_MSG, "fix": {"applicability": "safe"}},
        {"path": "a.py", "line": 2, "column": 17, "end_line": 2, "end_column": 29,
         "rule": "is-literal", "message": IS_NOT_MSG, "fix": {"applicability": "safe"}},
        {"path": "a.py", "line": 4, "column": 6, "end_line": 6, "end_column": 10,
         "rule": "is-literal", "message": IS_MSG, "fix": {"applicability": "safe"}},
    ]);
    assert_eq!(json, expected);
    // Exactly these keys, nothing more.
    for finding in json.as_array().unwrap() {
        let keys: Vec<&str> = finding.as_object().unwrap().keys().map(String::as_str).collect();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, ["column", "end_column", "end_line", "fix", "line", "message", "path", "rule"]);
    }
}

#[test]
fn check_json_with_no_findings_is_an_empty_array() {
    let p = Project::new();
    p.write("a.py", CLEAN);
    let run = p.run(&["check", "--output-format", "json"]);
    run.code(0);
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("valid JSON");
    assert_eq!(json, serde_json::json!([]));
}

#[test]
fn check_text_format() {
    let p = Project::new();
    p.write("pkg/a.py", "x = 1\nif x is 1000 or y is not 'a':\n    pass\n");
    let run = p.run(&["check", "--output-format", "text"]);
    run.code(1);
    assert_eq!(
        run.out(),
        format!(
            "pkg/a.py:2:4: is-literal {IS_MSG} [fix available]\npkg/a.py:2:17: is-literal {IS_NOT_MSG} [fix available]\n"
        )
    );
    assert_eq!(run.stderr, "Found 2 problems (2 fixable with `pitfix apply`).\n");
}
