//! Bindings: each place a name gets bound, with what bound it. A binding belongs to the scope
//! whose code binds it (a walrus in a comprehension to the scope around the comprehension).
use ruff_python_ast::{Identifier, Pattern, StmtImport, StmtImportFrom};
use ruff_text_size::{TextRange, TextSize};

use super::nodes::NodeId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct BindingId(pub(super) u32);

impl BindingId {
    pub(super) fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BindingKind {
    Assignment,
    AugmentedAssignment,
    AnnotatedAssignment { has_value: bool },
    Parameter,
    /// `import a.b` binds `a` (qualified `a`); `import a.b as c` binds `c` (qualified `a.b`).
    Import { qualified: String },
    /// `from m import x` → `m.x`; relative ones keep their dots: `.m.x`, `.x`.
    FromImport { qualified: String },
    FunctionDef,
    ClassDef,
    LoopTarget,
    WithTarget,
    ExceptHandler,
    Walrus,
    /// A `global` declaration: the scope's code binds the module's variable of that name.
    Global,
    /// A `nonlocal` declaration: the scope's code binds an enclosing function's variable.
    Nonlocal,
    Deletion,
    MatchCapture,
    ComprehensionTarget,
    TypeAlias,
    /// A type parameter of a generic `def` or `class`, bound in that def's or class's scope.
    TypeParam,
}

impl BindingKind {
    pub(crate) fn is_import(&self) -> bool {
        matches!(self, BindingKind::Import { .. } | BindingKind::FromImport { .. })
    }

    /// The qualified name an import binds.
    pub(crate) fn qualified(&self) -> Option<&str> {
        match self {
            BindingKind::Import { qualified } | BindingKind::FromImport { qualified } => Some(qualified),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Binding<'a> {
    pub(crate) name: &'a str,
    pub(crate) kind: BindingKind,
    /// The name as written: the identifier of a `def` / `class`, the alias of an import (the
    /// dotted name when there is no `as`), the `Name` node, the `as` identifier of an `except`
    /// or `case` pattern.
    pub(crate) range: TextRange,
    /// The statement that made it: the `def` for a parameter, the statement holding the
    /// lambda or comprehension for theirs. Always set for a parsed module.
    pub(crate) stmt: Option<NodeId>,
    /// Where the flow of the code reaches the binding: the statement's start for a `def`,
    /// `class` or import, the handler's start for `except ... as`, else the name.
    pub(crate) bound_at: TextSize,
}

/// The name a `case` pattern binds, if any: `x` of `[x]` or `case x`, `*rest`, `**rest`.
pub(crate) fn captured_by_pattern(pattern: &Pattern) -> Option<&Identifier> {
    match pattern {
        Pattern::MatchAs(p) => p.name.as_ref(),
        Pattern::MatchStar(p) => p.name.as_ref(),
        Pattern::MatchMapping(p) => p.rest.as_ref(),
        _ => None,
    }
}

/// The names an `import` statement binds, each with its qualified name and the range of the name
/// as written: `import a.b` binds `a` (qualified `a`), `import a.b as c` binds `c` (`a.b`).
pub(crate) fn bound_by_import(import: &StmtImport) -> impl Iterator<Item = (&str, String, TextRange)> {
    import.names.iter().map(|alias| match &alias.asname {
        Some(asname) => (asname.as_str(), alias.name.to_string(), asname.range),
        None => {
            let head = alias.name.as_str().split('.').next().unwrap_or_default();
            (head, head.to_owned(), alias.name.range)
        }
    })
}

/// The names a `from ... import` binds (none for `*`), with their qualified names: `from m import
/// x` → `m.x`; relative ones keep their dots: `.m.x`, `.x`.
pub(crate) fn bound_by_import_from(import: &StmtImportFrom) -> impl Iterator<Item = (&str, String, TextRange)> {
    let dots = ".".repeat(import.level as usize);
    let module = import.module.as_ref().map_or("", |m| m.as_str());
    import.names.iter().filter(|a| a.name.as_str() != "*").map(move |alias| {
        // Built by hand: `format!` costs more than the copies (one per name imported).
        let mut qualified = String::with_capacity(dots.len() + module.len() + 1 + alias.name.len());
        qualified.push_str(&dots);
        if !module.is_empty() {
            qualified.push_str(module);
            qualified.push('.');
        }
        qualified.push_str(alias.name.as_str());
        let bound = alias.asname.as_ref().unwrap_or(&alias.name);
        (bound.as_str(), qualified, bound.range)
    })
}
