//! Annotations: `ClassVar` / `InitVar` / `Final` heads and immutable or read-only types.

use ruff_python_ast::{Expr, Operator};

use super::tables::TYPING_MODULES;
use crate::semantic::knowledge::{IMMUTABLE_TYPES, READ_ONLY_GENERICS};
use crate::semantic::SemanticModel;
use crate::semantic::queries::strings::literal_text;

/// The qualified name of an annotation's outer type: `typing.ClassVar` for `ClassVar[int]`,
/// `"ClassVar[int]"` and `t.ClassVar`.
pub(super) fn annotation_head(semantic: &SemanticModel, annotation: &Expr) -> Option<String> {
    match annotation {
        Expr::Subscript(subscript) => semantic.qualified_name(&subscript.value),
        Expr::StringLiteral(string) => {
            let parsed = ruff_python_parser::parse_expression(&literal_text(&string.value)).ok()?;
            annotation_head(semantic, parsed.expr())
        }
        other => semantic.qualified_name(other),
    }
}

pub(super) fn is_class_var(head: &str) -> bool {
    // An unimported `ClassVar` in a string annotation still says what the author meant.
    matches!(head, "typing.ClassVar" | "typing_extensions.ClassVar" | "builtins.ClassVar")
}

pub(super) fn is_init_var(head: &str) -> bool {
    matches!(head, "dataclasses.InitVar" | "builtins.InitVar")
}

pub(super) fn is_final(head: &str) -> bool {
    matches!(head, "typing.Final" | "typing_extensions.Final")
}

/// An annotation of an immutable or read-only type (`int`, `tuple[int, ...]`, `Sequence[str]`,
/// `Optional[Path]`, `Literal["a"]`, unions of those): the value need not be copied per instance.
pub(super) fn is_immutable_type(semantic: &SemanticModel, annotation: &Expr) -> bool {
    match annotation {
        Expr::NoneLiteral(_) => true,
        Expr::StringLiteral(string) => ruff_python_parser::parse_expression(&literal_text(&string.value))
            .is_ok_and(|parsed| is_immutable_type(semantic, parsed.expr())),
        Expr::BinOp(binary) if binary.op == Operator::BitOr => {
            is_immutable_type(semantic, &binary.left) && is_immutable_type(semantic, &binary.right)
        }
        Expr::Subscript(subscript) => {
            let Some(head) = semantic.qualified_name(&subscript.value) else {
                return false;
            };
            let arguments: &[Expr] = match &*subscript.slice {
                Expr::Tuple(tuple) => &tuple.elts,
                other => std::slice::from_ref(other),
            };
            match typing_member(&head) {
                Some("Optional" | "Union") => arguments.iter().all(|a| is_immutable_type(semantic, a)),
                Some("Annotated" | "Final" | "ClassVar") => {
                    arguments.first().is_some_and(|a| is_immutable_type(semantic, a))
                }
                _ if is_init_var(&head) => arguments.first().is_some_and(|a| is_immutable_type(semantic, a)),
                _ => is_immutable_type_name(&head),
            }
        }
        other => semantic.qualified_name(other).is_some_and(|q| is_immutable_type_name(&q)),
    }
}

fn is_immutable_type_name(name: &str) -> bool {
    IMMUTABLE_TYPES.contains(&name)
        || typing_member(name).is_some_and(|member| READ_ONLY_GENERICS.contains(&member))
        || name.strip_prefix("datetime.").is_some()
}

/// `Sequence` for `typing.Sequence` or `collections.abc.Sequence`.
fn typing_member(name: &str) -> Option<&str> {
    TYPING_MODULES.iter().find_map(|module| name.strip_prefix(module)?.strip_prefix('.'))
}

#[cfg(test)]
mod tests {
    use ruff_python_ast::{ModModule, Stmt};
    use ruff_python_parser::{Parsed, parse_module};

    use super::*;

    fn parse(source: &str) -> Parsed<ModModule> {
        parse_module(source).expect("test snippet parses")
    }

    /// Runs `check` on the annotation of `x` in `source` (`x: <annotation> = ...` in a class).
    fn with_annotation<T>(source: &str, check: impl Fn(&SemanticModel, &Expr) -> T) -> T {
        let parsed = parse(source);
        let body = &parsed.syntax().body;
        let semantic = SemanticModel::build(parsed.syntax());
        let annotation = body
            .iter()
            .find_map(|stmt| match stmt {
                Stmt::AnnAssign(assign) => Some(&*assign.annotation),
                _ => None,
            })
            .expect("the snippet annotates a name");
        check(&semantic, annotation)
    }

    #[test]
    fn class_var_in_every_spelling() {
        let head = |source: &str| with_annotation(source, annotation_head);
        assert_eq!(head("from typing import ClassVar\nx: ClassVar[list] = []\n").as_deref(), Some("typing.ClassVar"));
        assert_eq!(head("import typing as t\nx: t.ClassVar = []\n").as_deref(), Some("typing.ClassVar"));
        assert_eq!(
            head("from typing import ClassVar\nx: \"ClassVar[list[int]]\" = []\n").as_deref(),
            Some("typing.ClassVar")
        );
        assert_eq!(head("x: 'ClassVar[int]' = 1\n").as_deref(), Some("builtins.ClassVar"));
        assert_eq!(
            head("from dataclasses import InitVar\nx: InitVar[list] = []\n").as_deref(),
            Some("dataclasses.InitVar")
        );
        assert_eq!(head("x: 'not valid(' = 1\n"), None);
    }

    #[test]
    fn immutable_and_read_only_annotations() {
        let immutable = |source: &str| with_annotation(source, is_immutable_type);
        assert!(immutable("x: int = f()\n"));
        assert!(immutable("from typing import Optional\nfrom pathlib import Path\nx: Optional[Path] = f()\n"));
        assert!(immutable("x: tuple[int, ...] | None = f()\n"));
        assert!(immutable("from collections.abc import Sequence\nx: Sequence[str] = f()\n"));
        assert!(immutable("import datetime\nx: 'datetime.datetime' = f()\n"));
        assert!(immutable("from typing import Annotated\nx: Annotated[str, 'doc'] = f()\n"));
        assert!(!immutable("x: list[int] = f()\n"));
        assert!(!immutable("x: int | list = f()\n"));
        assert!(!immutable("x: Registry = f()\n"));
    }
}
