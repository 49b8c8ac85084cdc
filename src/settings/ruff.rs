//! What a project's Ruff configuration says about which files hold test data, vendored or
//! generated code: `exclude`/`extend-exclude` (skipped while walking) and `per-file-ignores`
//! (a code a transform honours in `# noqa` turns the transform off for matching files).
//!
//! Read from `[tool.ruff]` in `pyproject.toml`, or the top level of `ruff.toml`/`.ruff.toml`.
//! Keys pitfix does not use are not checked: that is Ruff's business.
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use toml::{Table, Value};

use crate::rules::Rule;

/// The parts of one Ruff config file pitfix honours; patterns are anchored at its folder.
#[derive(Debug)]
pub(crate) struct RuffConfig {
    pub(crate) dir: PathBuf,
    pub(crate) target_version: Option<String>,
    excludes: GlobSet,
    per_file_ignores: Vec<PerFileIgnore>,
}

#[derive(Debug)]
struct PerFileIgnore {
    glob: GlobSet,
    negated: bool,
    codes: Vec<String>,
}

impl RuffConfig {
    /// Reads a Ruff table (`[tool.ruff]`, or a `ruff.toml`'s top level) written in `dir`;
    /// patterns that are not valid globs are left out, as values of the wrong type are.
    pub(crate) fn from_table(table: &Table, dir: &Path) -> Self {
        let lint = table.get("lint").and_then(Value::as_table);
        let mut exclude_patterns = Vec::new();
        for list in [table.get("exclude"), table.get("extend-exclude"), lint.and_then(|l| l.get("exclude"))] {
            exclude_patterns.extend(strings(list));
        }
        let mut builder = GlobSetBuilder::new();
        for pattern in &exclude_patterns {
            if let Ok(glob) = Glob::new(pattern.trim_end_matches('/')) {
                builder.add(glob);
            }
        }
        let mut per_file_ignores = Vec::new();
        let tables = [
            table.get("per-file-ignores"),
            table.get("extend-per-file-ignores"),
            lint.and_then(|l| l.get("per-file-ignores")),
            lint.and_then(|l| l.get("extend-per-file-ignores")),
        ];
        for entries in tables.into_iter().flatten().filter_map(Value::as_table) {
            for (pattern, codes) in entries {
                let (negated, pattern) = match pattern.strip_prefix('!') {
                    Some(rest) => (true, rest),
                    None => (false, pattern.as_str()),
                };
                let Ok(glob) = Glob::new(pattern.trim_end_matches('/')) else { continue };
                let glob = GlobSetBuilder::new().add(glob).build();
                let Ok(glob) = glob else { continue };
                per_file_ignores.push(PerFileIgnore { glob, negated, codes: strings(Some(codes)) });
            }
        }
        RuffConfig {
            dir: dir.to_path_buf(),
            target_version: table.get("target-version").and_then(Value::as_str).map(str::to_owned),
            excludes: builder.build().unwrap_or_else(|_| GlobSet::empty()),
            per_file_ignores,
        }
    }

    /// Whether `path` (absolute) is excluded: its file name or its path relative to the config
    /// file's folder matches a pattern (as Ruff matches them).
    pub(crate) fn excludes(&self, path: &Path) -> bool {
        if self.excludes.is_empty() {
            return false;
        }
        let name = path.file_name().map(Path::new);
        let relative = path.strip_prefix(&self.dir).ok();
        [name, relative].into_iter().flatten().any(|p| self.excludes.is_match(p))
    }

    /// Whether a per-file-ignore turns `rule` off for `path` (absolute): an entry whose pattern
    /// matches (or, negated with `!`, does not match) names one of the codes the rule honours
    /// in `# noqa`, a prefix of one (`B`, `RUF0`) or `ALL`.
    pub(crate) fn ignores(&self, rule: &Rule, path: &Path) -> bool {
        if self.per_file_ignores.is_empty() || rule.noqa_codes.is_empty() {
            return false;
        }
        let name = path.file_name().map(Path::new);
        let relative = path.strip_prefix(&self.dir).ok();
        self.per_file_ignores.iter().any(|entry| {
            let matched = [name, relative].into_iter().flatten().any(|p| entry.glob.is_match(p));
            matched != entry.negated
                && entry.codes.iter().any(|code| {
                    code == "ALL" || rule.noqa_codes.iter().any(|noqa| selects(code, noqa))
                })
        })
    }
}

fn strings(value: Option<&Value>) -> Vec<String> {
    value
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// Whether a rule selector (`B`, `RUF0`, `ASYNC251`) names the code `noqa`: a prefix of it that
/// holds its whole linter prefix, since Ruff reads `A` as flake8-builtins, not as the start of
/// flake8-async's `ASYNC`.
fn selects(code: &str, noqa: &str) -> bool {
    let letters = noqa.len() - noqa.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len();
    !code.is_empty() && noqa.starts_with(code) && code.len() >= letters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{FixSafety, any_options};

    static B006: Rule = Rule {
        id: "mutable-default",
        summary: "",
        fix_safety: FixSafety::Safe,
        default_enabled: true,
        noqa_codes: &["B006"],
        options: &[],
        validate_options: any_options,
        uses_project_index: false,
    };

    fn config(text: &str) -> RuffConfig {
        let table: Table = text.parse().unwrap();
        RuffConfig::from_table(table["tool"]["ruff"].as_table().unwrap(), Path::new("/p"))
    }

    #[test]
    fn excludes_are_anchored_at_the_config_folder() {
        let ruff = config("[tool.ruff]\nextend-exclude = [\"tests/data\", \"*_pb2.py\"]\n[tool.ruff.lint]\nexclude = [\"vendored\"]\n");
        assert!(ruff.excludes(Path::new("/p/tests/data")));
        assert!(!ruff.excludes(Path::new("/p/sub/tests/data")));
        assert!(ruff.excludes(Path::new("/p/sub/api_pb2.py")));
        assert!(ruff.excludes(Path::new("/p/a/vendored")));
        assert!(!ruff.excludes(Path::new("/p/tests")));
    }

    #[test]
    fn a_selector_names_its_whole_linter_prefix() {
        assert!(selects("ASYNC", "ASYNC251") && selects("ASYNC2", "ASYNC251") && selects("B", "B006"));
        // `A` is flake8-builtins, not flake8-async; `RUF0` covers `RUF008`.
        assert!(!selects("A", "ASYNC251") && !selects("ASY", "ASYNC251") && selects("RUF0", "RUF008"));
        assert!(!selects("", "B006"));
    }

    #[test]
    fn per_file_ignores_by_code_prefix_and_all() {
        for codes in ["[\"B006\"]", "[\"B\"]", "[\"B0\"]", "[\"ALL\"]"] {
            let ruff = config(&format!("[tool.ruff.lint.per-file-ignores]\n\"tests/*\" = {codes}\n"));
            assert!(ruff.ignores(&B006, Path::new("/p/tests/t.py")), "{codes}");
            assert!(!ruff.ignores(&B006, Path::new("/p/src/t.py")), "{codes}");
        }
        let other = config("[tool.ruff.per-file-ignores]\n\"tests/*\" = [\"B007\", \"E501\"]\n");
        assert!(!other.ignores(&B006, Path::new("/p/tests/t.py")));
        let old = config("[tool.ruff.per-file-ignores]\n\"__init__.py\" = [\"B006\"]\n");
        assert!(old.ignores(&B006, Path::new("/p/pkg/__init__.py")));
        let negated = config("[tool.ruff.lint.per-file-ignores]\n\"!src/**\" = [\"B006\"]\n");
        assert!(negated.ignores(&B006, Path::new("/p/tests/t.py")));
        assert!(!negated.ignores(&B006, Path::new("/p/src/m.py")));
    }
}
