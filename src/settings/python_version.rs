//! The oldest Python a project says it supports, read from its packaging metadata: a
//! `requires-python`-style specifier set (`[project] requires-python`, `setup.cfg`'s
//! `python_requires`, `setup.py`'s `python_requires=` keyword) or a Ruff `target-version`.
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};

use crate::settings::TargetVersion;

/// The oldest version a specifier set such as `>=3.9,<4` allows, clamped to the versions
/// pitfix knows (`>=2.7` and `>=3.6` give py38).
pub(crate) fn from_specifier(spec: &str) -> Option<TargetVersion> {
    min_python_minor(spec).map(TargetVersion::from_minor)
}

/// The lowest `3.x` a specifier set allows, e.g. `>=3.9,<4` → 9; a lower bound in Python 2
/// (`>=2.7`) allows every 3.x, → 0.
pub(crate) fn min_python_minor(spec: &str) -> Option<u32> {
    spec.split(',')
        .filter_map(|clause| {
            let clause = clause.trim();
            let (op, version) = ["~=", ">=", "===", "==", ">"]
                .iter()
                .find_map(|op| clause.strip_prefix(op).map(|rest| (*op, rest.trim())))?;
            let mut parts = version.split('.');
            match parts.next()?.trim() {
                "3" => {}
                "2" if op != "==" && op != "===" && op != "~=" => return Some(0),
                _ => return None,
            }
            let minor: u32 = parts.next()?.trim_end_matches('*').parse().ok()?;
            Some(if op == ">" && parts.next().is_none() { minor + 1 } else { minor })
        })
        .min()
}

/// A Ruff `target-version` (`py37` … `py314`), clamped to the versions pitfix knows.
pub(crate) fn from_ruff_target(name: &str) -> Option<TargetVersion> {
    let minor = name.strip_prefix("py3")?;
    if minor.is_empty() {
        return None;
    }
    minor.parse::<u32>().ok().map(TargetVersion::from_minor)
}

/// `python_requires` (or `python-requires`) in the `[options]` section of a `setup.cfg`.
pub(crate) fn from_setup_cfg(text: &str) -> Option<TargetVersion> {
    let mut in_options = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') || trimmed.starts_with(';') || trimmed.is_empty() {
            continue;
        }
        if let Some(section) = trimmed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            in_options = section.trim() == "options";
            continue;
        }
        // A key starts the line; an indented line continues the previous value.
        if !in_options || line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(['=', ':']) else { continue };
        if matches!(key.trim(), "python_requires" | "python-requires") {
            return from_specifier(value.trim());
        }
    }
    None
}

/// The string literal passed as `python_requires=` to a call in a `setup.py` (usually
/// `setup(...)`); a computed value is not evaluated.
pub(crate) fn from_setup_py(source: &str) -> Option<TargetVersion> {
    let parsed = ruff_python_parser::parse_module(source).ok()?;
    let mut finder = PythonRequires(None);
    finder.visit_body(&parsed.syntax().body);
    finder.0.as_deref().and_then(from_specifier)
}

struct PythonRequires(Option<String>);

impl<'a> Visitor<'a> for PythonRequires {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.0.is_none() {
            visitor::walk_stmt(self, stmt);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.0.is_some() {
            return;
        }
        if let Expr::Call(call) = expr {
            for keyword in &call.arguments.keywords {
                if keyword.arg.as_ref().is_some_and(|arg| arg.as_str() == "python_requires")
                    && let Expr::StringLiteral(literal) = &keyword.value
                {
                    self.0 = Some(literal.value.to_str().to_owned());
                    return;
                }
            }
        }
        visitor::walk_expr(self, expr);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requires_python_lower_bound() {
        assert_eq!(min_python_minor(">=3.9"), Some(9));
        assert_eq!(min_python_minor(">=3.8, <4"), Some(8));
        assert_eq!(min_python_minor("~=3.11.2"), Some(11));
        assert_eq!(min_python_minor(">3.9"), Some(10));
        assert_eq!(min_python_minor("==3.12.*"), Some(12));
        assert_eq!(min_python_minor("<4"), None);
        assert_eq!(min_python_minor(">=2.7, !=3.0.*, !=3.1.*"), Some(0));
    }

    #[test]
    fn old_versions_clamp_to_py38() {
        assert_eq!(from_specifier(">=3.6"), Some(TargetVersion::Py38));
        assert_eq!(from_specifier(">=2.7"), Some(TargetVersion::Py38));
        assert_eq!(from_ruff_target("py37"), Some(TargetVersion::Py38));
        assert_eq!(from_ruff_target("py311"), Some(TargetVersion::Py311));
        assert_eq!(from_ruff_target("python3"), None);
    }

    #[test]
    fn setup_cfg_options_section() {
        let cfg = "[metadata]\nname = x\npython_requires = >=3.12\n\n[options]\npackages = find:\npython_requires = >=3.9\n";
        assert_eq!(from_setup_cfg(cfg), Some(TargetVersion::Py39));
        assert_eq!(from_setup_cfg("[options]\n  python_requires = >=3.9\n"), None);
        assert_eq!(from_setup_cfg("[options]\npython-requires: >= 3.11\n"), Some(TargetVersion::Py311));
        assert_eq!(from_setup_cfg("[metadata]\npython_requires = >=3.11\n"), None);
    }

    #[test]
    fn setup_py_literal_keyword() {
        let parso = "from setuptools import setup\n\nsetup(\n    name='parso',\n    python_requires='>=3.6',\n)\n";
        assert_eq!(from_setup_py(parso), Some(TargetVersion::Py38));
        let nested = "if __name__ == '__main__':\n    setuptools.setup(name='x', python_requires=\">=3.11\")\n";
        assert_eq!(from_setup_py(nested), Some(TargetVersion::Py311));
        // A computed value, a comment or a string elsewhere is not read.
        assert_eq!(from_setup_py("setup(python_requires=REQ)\n"), None);
        assert_eq!(from_setup_py("# python_requires='>=3.12'\nx = \"python_requires='>=3.12'\"\n"), None);
        assert_eq!(from_setup_py("setup(python_requires=\n"), None);
    }
}
