//! The transforms. Each lives in its own file, defines `pub(crate) static TRANSFORM`, and has a
//! folder `transforms/<id>/` with its README and fixture cases; `build.rs` lists them here.
use ruff_python_ast::{Expr, Stmt};

use crate::checker::Checker;

include!(concat!(env!("OUT_DIR"), "/registry.rs"));

/// What kind of fix a transform offers, for `pitfix rules` and the README.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FixSafety {
    Safe,
    /// Safe in some shapes and unsafe in others; the README says which.
    Mixed,
}

impl FixSafety {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FixSafety::Safe => "safe",
            FixSafety::Mixed => "mixed",
        }
    }
}

/// A transform's description.
#[derive(Debug)]
pub(crate) struct Rule {
    /// Kebab-case id, as used by `--select`, suppression comments and `transforms/<id>/`.
    pub(crate) id: &'static str,
    pub(crate) summary: &'static str,
    pub(crate) fix_safety: FixSafety,
    pub(crate) default_enabled: bool,
    /// Ruff/flake8 codes whose `# noqa: CODE` also silences this transform.
    pub(crate) noqa_codes: &'static [&'static str],
    /// Keys accepted in the `[tool.pitfix.<id>]` table.
    pub(crate) options: &'static [&'static str],
}

/// One transform: its description and the checks the engine's single AST walk calls for each node.
pub(crate) trait Transform: Sync {
    fn rule(&self) -> &'static Rule;
    /// Whether the transform reads the project index (other files' definitions); the engine
    /// builds it only when a selected transform does.
    fn uses_project_index(&self) -> bool {
        false
    }
    /// Checks the values of the transform's `[tool.pitfix.<id>]` table (its keys are already
    /// known to be among `Rule::options`); the error says what is wrong with which key.
    fn validate_options(&self, _options: &toml::Table) -> Result<(), String> {
        Ok(())
    }
    fn check_stmt(&self, _checker: &mut Checker, _stmt: &Stmt) {}
    fn check_expr(&self, _checker: &mut Checker, _expr: &Expr) {}
}

impl std::fmt::Debug for dyn Transform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.rule().id)
    }
}

pub(crate) fn by_id(id: &str) -> Option<&'static dyn Transform> {
    ALL.iter().copied().find(|t| t.rule().id == id)
}
