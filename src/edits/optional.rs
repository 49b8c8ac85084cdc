//! Making a parameter's annotation accept `None` once its default becomes `None`:
//! `list[str]` → `list[str] | None` (Python 3.10+, or with `from __future__ import annotations`)
//! or `Optional[list[str]]` (with the import added), inside string annotations too. Only the
//! needed bytes are inserted; the annotation's own text stays as written.
use ruff_python_ast::{Expr, ExprStringLiteral, ModModule, Operator, Stmt, StringFlags};
use ruff_python_codegen::Stylist;
use ruff_text_size::{Ranged, TextRange};

use crate::edits::fix::Edit;
use crate::edits::add_import::add_import_from;
use crate::semantic::SemanticModel;
use crate::semantic::queries::strings::literal_text;

/// What the annotation fix needs to know about the module.
pub(crate) struct AnnotationContext<'a> {
    pub(crate) semantic: &'a SemanticModel<'a>,
    pub(crate) source: &'a str,
    pub(crate) stylist: &'a Stylist<'a>,
    /// `X | None` may be written: Python 3.10+ or postponed evaluation of annotations.
    pub(crate) pep604: bool,
}

/// Whether `X | None` may be written in annotations of this module.
pub(crate) fn pep604_allowed(module: &ModModule, target_minor: u8) -> bool {
    target_minor >= 10 || has_future_annotations(module)
}

fn has_future_annotations(module: &ModModule) -> bool {
    module.body.iter().any(|stmt| match stmt {
        Stmt::ImportFrom(import) => {
            import.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
                && import.names.iter().any(|alias| alias.name.as_str() == "annotations")
        }
        _ => false,
    })
}

/// The edits that let `annotation` accept `None`: none when it already does, `None` when it
/// cannot be done safely (a string annotation with escapes, an `Optional` name taken).
pub(crate) fn allow_none(annotation: &Expr, ctx: &AnnotationContext) -> Option<Vec<Edit>> {
    if let Expr::StringLiteral(string) = annotation {
        return allow_none_in_string(string, ctx);
    }
    if allows_none(annotation, ctx.semantic) {
        return Some(Vec::new());
    }
    wrap(annotation.range(), needs_parentheses(annotation), ctx)
}

fn allow_none_in_string(string: &ExprStringLiteral, ctx: &AnnotationContext) -> Option<Vec<Edit>> {
    let part = string.as_single_part_string()?;
    let content = TextRange::new(part.start() + part.flags.opener_len(), part.end() - part.flags.closer_len());
    let text = &ctx.source[content];
    if text.contains('\\') || part.flags.is_triple_quoted() {
        return None;
    }
    let parsed = ruff_python_parser::parse_expression(text).ok()?;
    let inner = parsed.expr();
    if allows_none(inner, ctx.semantic) {
        return Some(Vec::new());
    }
    let offset = content.start();
    let range = inner.range() + offset;
    wrap(range, needs_parentheses(inner), ctx)
}

/// Inserts `| None` after the range, or `Optional[` … `]` around it.
fn wrap(range: TextRange, parenthesize: bool, ctx: &AnnotationContext) -> Option<Vec<Edit>> {
    if ctx.pep604 {
        if parenthesize {
            return Some(vec![Edit::insert(range.start(), "("), Edit::insert(range.end(), ") | None")]);
        }
        return Some(vec![Edit::insert(range.end(), " | None")]);
    }
    let (binding, mut edits) = optional_binding(ctx)?;
    edits.push(Edit::insert(range.start(), format!("{binding}[")));
    edits.push(Edit::insert(range.end(), "]"));
    Some(edits)
}

/// How to spell `typing.Optional` here, and the import edits that make it available: a name
/// already imported from typing, else `typing.Optional` when the module imports typing itself,
/// else a new `from typing import Optional`.
fn optional_binding(ctx: &AnnotationContext) -> Option<(String, Vec<Edit>)> {
    let imports_names_from_typing = ctx.semantic.module.body.iter().any(|stmt| {
        matches!(stmt, Stmt::ImportFrom(i) if i.level == 0 && i.module.as_ref().is_some_and(|m| m.as_str() == "typing"))
    });
    if !imports_names_from_typing {
        if let Some(typing) = ctx.semantic.module_reference("typing") {
            return Some((format!("{typing}.Optional"), Vec::new()));
        }
    }
    let import = add_import_from("typing", "Optional", ctx.semantic, ctx.source, ctx.stylist)?;
    Some((import.binding, import.edits))
}

/// Whether the annotation already admits `None`: `None`, `Any`, `object`, `Optional[...]`,
/// `Union[..., None]`, `X | None`, also inside a string.
pub(crate) fn allows_none(annotation: &Expr, imports: &SemanticModel) -> bool {
    const ANY: &[&str] = &["typing.Any", "typing_extensions.Any", "builtins.object"];
    const OPTIONAL: &[&str] = &["typing.Optional", "typing_extensions.Optional"];
    const UNION: &[&str] = &["typing.Union", "typing_extensions.Union"];
    match annotation {
        Expr::NoneLiteral(_) => true,
        Expr::Name(_) | Expr::Attribute(_) => imports.is_one_of(annotation, ANY),
        Expr::Subscript(subscript) => {
            if imports.is_one_of(&subscript.value, OPTIONAL) {
                return true;
            }
            imports.is_one_of(&subscript.value, UNION)
                && match subscript.slice.as_ref() {
                    Expr::Tuple(tuple) => tuple.iter().any(|e| allows_none(e, imports)),
                    other => allows_none(other, imports),
                }
        }
        Expr::BinOp(binop) if binop.op == Operator::BitOr => {
            allows_none(&binop.left, imports) || allows_none(&binop.right, imports)
        }
        Expr::StringLiteral(string) => ruff_python_parser::parse_expression(&literal_text(&string.value))
            .is_ok_and(|parsed| allows_none(parsed.expr(), imports)),
        _ => false,
    }
}

/// `| None` binds tighter than a lambda, a conditional or a named expression, which would take
/// it in; anything else an annotation holds in practice can take it as is.
fn needs_parentheses(annotation: &Expr) -> bool {
    matches!(annotation, Expr::Lambda(_) | Expr::If(_) | Expr::Named(_) | Expr::BoolOp(_) | Expr::Compare(_) | Expr::UnaryOp(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edits::test_support::{apply, parse, stylist};

    fn fixed(source: &str, target_minor: u8) -> Option<String> {
        let parsed = parse(source);
        let module = parsed.syntax();
        let semantic = SemanticModel::build(module);
        let stylist = stylist(&parsed, source);
        let ctx = AnnotationContext {
            semantic: &semantic,
            source,
            stylist: &stylist,
            pep604: pep604_allowed(module, target_minor),
        };
        let Some(Stmt::FunctionDef(func)) = module.body.last() else { panic!("test source ends with a def") };
        let annotation = func.parameters.args[0].parameter.annotation.as_deref()?;
        allow_none(annotation, &ctx).map(|edits| if edits.is_empty() { source.to_owned() } else { apply(source, edits) })
    }

    #[test]
    fn pep604_union_on_310() {
        assert_eq!(fixed("def f(x: list[str] = None): pass\n", 10).as_deref(), Some("def f(x: list[str] | None = None): pass\n"));
    }

    #[test]
    fn future_annotations_allow_pep604() {
        let src = "from __future__ import annotations\ndef f(x: list = None): pass\n";
        assert_eq!(fixed(src, 8).as_deref(), Some("from __future__ import annotations\ndef f(x: list | None = None): pass\n"));
    }

    #[test]
    fn optional_with_import_on_38() {
        let src = "import os\n\ndef f(x: list = None): pass\n";
        assert_eq!(fixed(src, 8).as_deref(), Some("import os\nfrom typing import Optional\n\ndef f(x: Optional[list] = None): pass\n"));
    }

    #[test]
    fn optional_merges_into_typing_import() {
        let src = "from typing import List\ndef f(x: List[int] = None): pass\n";
        assert_eq!(fixed(src, 9).as_deref(), Some("from typing import List, Optional\ndef f(x: Optional[List[int]] = None): pass\n"));
    }

    #[test]
    fn typing_module_style() {
        let src = "import typing as t\ndef f(x: t.List[int] = None): pass\n";
        assert_eq!(fixed(src, 9).as_deref(), Some("import typing as t\ndef f(x: t.Optional[t.List[int]] = None): pass\n"));
    }

    #[test]
    fn already_optional_is_left() {
        for src in [
            "from typing import Optional\ndef f(x: Optional[list] = None): pass\n",
            "def f(x: list | None = None): pass\n",
            "from typing import Any\ndef f(x: Any = None): pass\n",
            "def f(x: object = None): pass\n",
            "import typing\ndef f(x: typing.Union[list, None] = None): pass\n",
            "def f(x: 'list | None' = None): pass\n",
        ] {
            assert_eq!(fixed(src, 9).as_deref(), Some(src), "{src}");
        }
    }

    #[test]
    fn string_annotation_changes_inside_the_string() {
        assert_eq!(fixed("def f(x: 'list[str]' = None): pass\n", 10).as_deref(), Some("def f(x: 'list[str] | None' = None): pass\n"));
        assert_eq!(
            fixed("def f(x: \"Dict[str, int]\" = None): pass\n", 8).as_deref(),
            Some("from typing import Optional\ndef f(x: \"Optional[Dict[str, int]]\" = None): pass\n")
        );
    }

    #[test]
    fn escaped_string_annotation_is_not_fixed() {
        assert_eq!(fixed("def f(x: 'list\\x5bint]' = None): pass\n", 10), None);
    }
}
