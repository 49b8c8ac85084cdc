//! What a module already imports at its top level, so a fix can reuse a binding instead of adding
//! an import. Only statements directly in the module body count: an import under `if`, `try` or
//! in a function may not have run when the fixed code does.
use ruff_python_ast::{Stmt, StmtImportFrom};

/// The name under which `from module import name` is bound by a top-level statement: `name`, or
/// the alias of `from module import name as alias`. The first such import wins.
pub(crate) fn imported_from<'a>(module: &str, name: &str, body: &'a [Stmt]) -> Option<&'a str> {
    body.iter()
        .filter_map(|stmt| match stmt {
            Stmt::ImportFrom(import) if imports_from(import, module) => Some(import),
            _ => None,
        })
        .flat_map(|import| &import.names)
        .find(|alias| alias.name.as_str() == name)
        .map(|alias| alias.asname.as_ref().unwrap_or(&alias.name).as_str())
}

/// How code can reach `module` through a top-level `import` statement: `import m` → `m`,
/// `import m as x` → `x`, and for a submodule `import a.b` (which binds `a`) → `a.b`. A caller
/// writes `{reference}.{name}` instead of importing `name` from the module.
pub(crate) fn module_reference(module: &str, body: &[Stmt]) -> Option<String> {
    body.iter()
        .filter_map(|stmt| match stmt {
            Stmt::Import(import) => Some(import),
            _ => None,
        })
        .flat_map(|import| &import.names)
        .find_map(|alias| {
            let imported = alias.name.as_str();
            match &alias.asname {
                Some(asname) => (imported == module).then(|| asname.to_string()),
                // `import a.b.c` binds `a`, through which `a.b` is reachable too.
                None => {
                    let covers =
                        imported == module || imported.strip_prefix(module).is_some_and(|rest| rest.starts_with('.'));
                    covers.then(|| module.to_string())
                }
            }
        })
}

/// Whether the statement is an absolute `from module import ...`.
pub(crate) fn imports_from(import: &StmtImportFrom, module: &str) -> bool {
    import.level == 0 && import.module.as_ref().is_some_and(|m| m.as_str() == module)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::parse;

    fn lookup(source: &str) -> Option<String> {
        imported_from("contextlib", "aclosing", &parse(source).syntax().body).map(str::to_string)
    }

    fn reference(module: &str, source: &str) -> Option<String> {
        module_reference(module, &parse(source).syntax().body)
    }

    #[test]
    fn finds_plain_and_aliased_from_imports() {
        assert_eq!(lookup("from contextlib import aclosing\n").as_deref(), Some("aclosing"));
        assert_eq!(lookup("from contextlib import (x, aclosing as acl)\n").as_deref(), Some("acl"));
        assert_eq!(lookup("import os\nfrom contextlib import suppress\n"), None);
    }

    #[test]
    fn first_import_wins() {
        let src = "from contextlib import aclosing as a1\nfrom contextlib import aclosing\n";
        assert_eq!(lookup(src).as_deref(), Some("a1"));
    }

    #[test]
    fn ignores_relative_nested_and_other_modules() {
        assert_eq!(lookup("from .contextlib import aclosing\n"), None);
        assert_eq!(lookup("from other import aclosing\n"), None);
        assert_eq!(lookup("try:\n    from contextlib import aclosing\nexcept ImportError:\n    pass\n"), None);
        assert_eq!(lookup("def f():\n    from contextlib import aclosing\n"), None);
    }

    #[test]
    fn module_reference_forms() {
        assert_eq!(reference("contextlib", "import contextlib\n").as_deref(), Some("contextlib"));
        assert_eq!(reference("contextlib", "import os, contextlib as cl\n").as_deref(), Some("cl"));
        assert_eq!(reference("os.path", "import os.path\n").as_deref(), Some("os.path"));
        assert_eq!(reference("os", "import os.path\n").as_deref(), Some("os"));
        assert_eq!(reference("os.path", "import os\n"), None);
        assert_eq!(reference("os", "import osx\n"), None);
        assert_eq!(reference("os", "import os.path as p\n"), None);
        assert_eq!(reference("contextlib", "from contextlib import aclosing\n"), None);
        assert_eq!(reference("contextlib", "if x:\n    import contextlib\n"), None);
    }
}
