//! What kind of class this is: a dataclass, an attrs class (and whether annotated attributes
//! are fields), a class whose class-level values are not instance defaults, or a plain class.

use ruff_python_ast::{Arguments, Expr, Stmt, StmtClassDef};

use super::tables::{
    ATTRS_CLASSIC, ATTRS_FROZEN, ATTRS_NEXT_GEN, COPYING_BASES, DECLARATIVE_BASES, NEUTRAL_DECORATORS,
    PYDANTIC_DATACLASS, STDLIB_DATACLASS,
};
use crate::semantic::SemanticModel;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ClassKind {
    /// `@dataclass`, the standard one or pydantic's (built on it, and rejecting the same
    /// defaults).
    Dataclass,
    /// An attrs class. `auto`: whether annotated attributes are fields (`None`: cannot tell).
    Attrs { package: &'static str, auto: Option<bool> },
    /// Class-level values that are not instance defaults, or that the library copies per
    /// instance, or a decorator this transform does not know: nothing to report.
    Skipped,
    /// An ordinary class.
    Plain,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct ClassInfo {
    pub(super) kind: ClassKind,
    /// Instances cannot change: a frozen dataclass, a `NamedTuple`, an `Enum` member.
    pub(super) immutable: bool,
}

impl ClassInfo {
    fn skipped(immutable: bool) -> Self {
        ClassInfo { kind: ClassKind::Skipped, immutable }
    }
}

/// How deep same-module base classes are followed (guards against cycles and deep hierarchies).
const MAX_BASE_DEPTH: usize = 8;

pub(super) fn classify_class(semantic: &SemanticModel, class: &StmtClassDef, depth: usize) -> ClassInfo {
    let mut unknown_decorator = false;
    for decorator in &class.decorator_list {
        let (callee, arguments) = match &decorator.expression {
            Expr::Call(call) => (&*call.func, Some(&call.arguments)),
            other => (other, None),
        };
        let Some(name) = semantic.qualified_name(callee) else {
            unknown_decorator = true;
            continue;
        };
        if let Some(info) = decorator_kind(&name, arguments, class) {
            return info;
        }
        unknown_decorator |= !NEUTRAL_DECORATORS.contains(&name.as_str());
    }
    for base in class.bases() {
        let base = match base {
            Expr::Subscript(subscript) => &*subscript.value,
            other => other,
        };
        if let Some(immutable) = skipping_base(semantic, base, depth) {
            return ClassInfo::skipped(immutable);
        }
    }
    if unknown_decorator {
        return ClassInfo::skipped(false);
    }
    ClassInfo { kind: ClassKind::Plain, immutable: false }
}

/// The kind a dataclass or attrs decorator gives, `None` for other decorators.
fn decorator_kind(name: &str, arguments: Option<&Arguments>, class: &StmtClassDef) -> Option<ClassInfo> {
    let keyword = |key: &str| arguments.and_then(|a| a.find_keyword(key)).map(|k| literal_bool(&k.value));
    let frozen = keyword("frozen").is_some_and(|v| v == Some(true));
    let kind = if name == STDLIB_DATACLASS || name == PYDANTIC_DATACLASS {
        ClassKind::Dataclass
    } else if ATTRS_CLASSIC.contains(&name) {
        // `auto_attribs` absent means False here.
        let auto = keyword("auto_attribs").unwrap_or(Some(false));
        ClassKind::Attrs { package: "attr", auto }
    } else if name == "attr.dataclass" {
        ClassKind::Attrs { package: "attr", auto: Some(true) }
    } else if ATTRS_NEXT_GEN.contains(&name) {
        let package = if name.starts_with("attrs.") { "attrs" } else { "attr" };
        let auto = match keyword("auto_attribs") {
            Some(Some(value)) => Some(value),
            // Absent or `None`: attrs guesses; a non-literal value cannot be known.
            None => Some(!has_unannotated_attrs_field(class)),
            Some(None) => None,
        };
        return Some(ClassInfo {
            kind: ClassKind::Attrs { package, auto },
            immutable: frozen || ATTRS_FROZEN.contains(&name),
        });
    } else {
        return None;
    };
    Some(ClassInfo { kind, immutable: frozen })
}

/// The value of a `True` / `False` literal; `None` for anything else.
fn literal_bool(expr: &Expr) -> Option<bool> {
    match expr {
        Expr::BooleanLiteral(literal) => Some(literal.value),
        _ => None,
    }
}

/// attrs's guess for `define`: an unannotated `x = attr.ib()` / `attrs.field()` turns
/// `auto_attribs` off. The names are matched by their last part: the class may import them in any
/// form, and a false match only makes the transform more careful.
fn has_unannotated_attrs_field(class: &StmtClassDef) -> bool {
    class.body.iter().any(|stmt| match stmt {
        Stmt::Assign(assign) => match &*assign.value {
            Expr::Call(call) => {
                let last = match &*call.func {
                    Expr::Name(name) => name.id.as_str(),
                    Expr::Attribute(attribute) => attribute.attr.as_str(),
                    _ => "",
                };
                matches!(last, "ib" | "attrib" | "attr" | "field")
            }
            _ => false,
        },
        _ => false,
    })
}

/// For a base that makes the class `Skipped` (directly, or through a base class of this module):
/// whether its instances are immutable. `None` for other bases.
fn skipping_base(semantic: &SemanticModel, base: &Expr, depth: usize) -> Option<bool> {
    // A name the module binds itself (not imported) may be one of its classes.
    if let Expr::Name(name) = base
        && semantic.qualified_name(base).is_none()
    {
        let parent = semantic.first_class_named(name.id.as_str())?;
        if depth >= MAX_BASE_DEPTH {
            return None;
        }
        return match classify_class(semantic, parent, depth + 1) {
            ClassInfo { kind: ClassKind::Skipped, immutable } => Some(immutable),
            // A plain class, or an undecorated subclass of a dataclass: ordinary attributes.
            _ => None,
        };
    }
    let name = semantic.qualified_name(base)?;
    if COPYING_BASES.contains(&name.as_str()) {
        return Some(false);
    }
    DECLARATIVE_BASES.iter().find(|(declarative, _)| *declarative == name).map(|(_, immutable)| *immutable)
}
