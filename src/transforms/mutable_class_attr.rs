//! mutable-class-attr: `class Cart: items = []` with methods that change `self.items` in place.
//! The class body runs once, so every instance reads (and changes) the same list. The fix moves
//! the initialisation into `__init__` (`self.items = []` at its top), creating `__init__` when
//! the class has none and derives from `object` alone. The finding itself comes from the walk
//! over class bodies that dataclass-mutable-default makes (one detection, two owners: fields
//! there, plain-class attributes here).
use ruff_python_ast::helpers::any_over_body;
use ruff_python_ast::visitor::{Visitor, walk_expr};
use ruff_python_ast::{Expr, NodeKind, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_source_file::LineRanges;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::body_start::insert_after_leading;
use crate::edits::fix::{Edit, Fix};
use crate::edits::lines::{
    above_leading_comments, block_step, is_alone_on_its_lines, is_first_on_line, statement_indentation, statement_lines_range,
};
use crate::engine::checker::Checker;
use crate::engine::first_look::Look;
use crate::engine::transform::{Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::Node;
use crate::semantic::queries::names::bases;
use crate::transforms::dataclass_mutable_default::{SharedAttribute, glance_shared_attributes, shared_class_attributes};

pub(crate) struct MutableClassAttr;

pub(crate) static TRANSFORM: MutableClassAttr = MutableClassAttr;

static RULE: Rule = Rule {
    id: "mutable-class-attr",
    summary: "a mutable class attribute changed in place is one object shared by every instance; create it in `__init__`",
    fix_safety: FixSafety::Unsafe,
    default_enabled: true,
    noqa_codes: &["RUF012"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for MutableClassAttr {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Stmts
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        let Stmt::ClassDef(class) = stmt else { return };
        // The findings borrow the checker; `report` needs it mutably once they are collected.
        let found: Vec<_> = {
            let view: &Checker = checker;
            let attributes = shared_class_attributes(view, class);
            let fixes = fixes(view, class, &attributes);
            attributes.iter().zip(fixes).map(|(attribute, fix)| (attribute.value.range(), message(class, attribute), fix)).collect()
        };
        for (range, message, fix) in found {
            checker.report(range, message, fix);
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtClassDef])
    }

    /// A class body binding a name to a container display or a mutable constructor call that the
    /// module changes in place through that name.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        if let Stmt::ClassDef(class) = stmt {
            glance_shared_attributes(look, class);
        }
    }
}

fn message(class: &StmtClassDef, attribute: &SharedAttribute) -> String {
    let (name, class_name) = (&attribute.name, class.name.as_str());
    format!(
        "mutable class attribute `{name}` is changed in place but is one object shared by every instance; create it in `__init__` (`self.{name} = ...`), or annotate it `ClassVar` if sharing is intended (then `{class_name}.{name}` no longer exists)"
    )
}

/// The fix of each attribute, when the move is known to keep the class working (see the README
/// for each condition). With an `__init__`, each attribute's line goes to its top on its own;
/// without one, the attributes share one fix that creates it holding all their lines (fixes
/// with identical edits are applied together).
fn fixes(checker: &Checker, class: &StmtClassDef, attributes: &[SharedAttribute]) -> Vec<Option<Fix>> {
    let movable: Vec<bool> = attributes.iter().map(|a| is_movable(checker, class, a)).collect();
    match init_of(class) {
        Some(Init::Found(init)) => attributes
            .iter()
            .zip(&movable)
            .map(|(attribute, &movable)| movable.then(|| into_init(checker, init, attribute)).flatten())
            .collect(),
        Some(Init::Missing) if class.arguments.as_deref().is_none_or(is_object_only) => {
            // A suppressed attribute stays where it is.
            let moved: Vec<&SharedAttribute> = attributes
                .iter()
                .zip(&movable)
                .filter(|(attribute, movable)| **movable && !checker.is_suppressed(attribute.value.range()))
                .map(|(attribute, _)| attribute)
                .collect();
            let fix = new_init(checker, class, &moved).map(Fix::unsafe_);
            movable.iter().map(|&movable| if movable { fix.clone() } else { None }).collect()
        }
        _ => vec![None; attributes.len()],
    }
}

/// Whether the attribute can leave the class body: see the README's conditions.
fn is_movable(checker: &Checker, class: &StmtClassDef, attribute: &SharedAttribute) -> bool {
    let source = checker.source();
    let (stmt, value) = (attribute.stmt, attribute.value);
    let single_target = match stmt {
        Stmt::Assign(assign) => assign.targets.len() == 1,
        Stmt::AnnAssign(_) => true,
        _ => false,
    };
    attribute.plain
        && single_target
        && !class_binds(checker, class, "__slots__")
        && !class_binds(checker, class, "__new__")
        && !has_framework_base(checker, class)
        && !is_nested_in_class(checker)
        && is_only_instantiated(checker, class)
        && is_alone_on_its_lines(stmt, source)
        && !source[value.range()].contains(['\n', '\r'])
        && !reads_class_names(checker, class, value)
        && subclasses_keep_it(checker, class, &attribute.name)
}

/// `<receiver>.<name> = <value>`, with the statement's trailing comment.
fn init_line(receiver: &str, attribute: &SharedAttribute, source: &str) -> String {
    let comment = trailing_comment(attribute.stmt, source);
    format!("{receiver}.{} = {}{comment}", attribute.name, &source[attribute.value.range()])
}

/// The attribute's line at the top of the existing `__init__`, after the docstring, a leading
/// `super().__init__(...)` and the lines moved there before.
fn into_init(checker: &Checker, init: &StmtFunctionDef, attribute: &SharedAttribute) -> Option<Fix> {
    let source = checker.source();
    let receiver = init.parameters.posonlyargs.iter().chain(&init.parameters.args).next()?;
    let receiver = receiver.parameter.name.as_str();
    let line = init_line(receiver, attribute, source);
    let stays = |stmt: &Stmt| is_super_init_call(stmt) || is_container_assignment(stmt, receiver);
    let mut edits = vec![remove_class_level(attribute.stmt, source, true)];
    edits.extend(insert_after_leading(init, &stays, &[(0, &line)], source, checker.stylist())?);
    Some(Fix::unsafe_(edits))
}

/// `self.x = []` (or another container): a line moved in an earlier pass, kept first in order.
fn is_container_assignment(stmt: &Stmt, receiver: &str) -> bool {
    let Stmt::Assign(assign) = stmt else { return false };
    let [Expr::Attribute(target)] = &assign.targets[..] else { return false };
    matches!(&*target.value, Expr::Name(name) if name.id.as_str() == receiver)
        && matches!(
            &*assign.value,
            Expr::List(_) | Expr::Set(_) | Expr::Dict(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Call(_)
        )
}

/// The class-level statement goes: the whole lines of `items = []` (and, if `blank_after`, a
/// blank line after them when nothing but the class header or a blank line is above); for `items: list = []` only
/// ` = []`, keeping the annotation as the instance attribute's declaration.
fn remove_class_level(stmt: &Stmt, source: &str, blank_after: bool) -> Edit {
    if let Stmt::AnnAssign(assign) = stmt {
        return Edit::delete(TextRange::new(assign.annotation.end(), stmt.end()));
    }
    let lines = statement_lines_range(stmt, source);
    let above = source[..usize::from(lines.start())].trim_end_matches(['\n', '\r']);
    let above_line = &above[usize::from(source.line_start(TextSize::of(above)))..];
    let breaks = &source[above.len()..usize::from(lines.start())];
    let blank_above = breaks.matches('\n').count() >= 2 || breaks.matches('\r').count() >= 2;
    let opens_or_blank = blank_above || above_line.trim_end().ends_with(':');
    let next = TextRange::new(lines.end(), source.full_line_end(lines.end()));
    if blank_after && opens_or_blank && !next.is_empty() && source[next].trim().is_empty() {
        return Edit::delete(lines.cover(next));
    }
    Edit::delete(lines)
}

/// A comment after the statement on its line (`  # why`), kept with the moved value.
fn trailing_comment<'s>(stmt: &Stmt, source: &'s str) -> &'s str {
    let rest = &source[usize::from(stmt.end())..usize::from(source.line_end(stmt.end()))];
    if rest.trim_start().starts_with('#') { rest } else { "" }
}

/// A new `__init__` holding the lines of every moved attribute, placed before the first method
/// (above the comments on top of it), else after the class body; the attributes' class-level
/// statements go.
fn new_init(checker: &Checker, class: &StmtClassDef, moved: &[&SharedAttribute]) -> Option<Vec<Edit>> {
    let source = checker.source();
    let first = moved.first()?;
    let eol = checker.stylist().line_ending().as_str();
    let indent = statement_indentation(first.stmt, source);
    let step = block_step(statement_indentation(class, source), class.body.first(), source, checker.stylist());
    let mut def = format!("{indent}def __init__(self):");
    for attribute in moved {
        def.push_str(&format!("{eol}{indent}{step}{}", init_line("self", attribute, source)));
    }
    let method = class.body.iter().position(|stmt| matches!(stmt, Stmt::FunctionDef(_)));
    // Without a method the new lines go after the last statement: no blank line removed there.
    let mut edits: Vec<Edit> =
        moved.iter().map(|attribute| remove_class_level(attribute.stmt, source, method.is_some())).collect();
    match method {
        Some(index) if is_first_on_line(&class.body[index], source) => {
            let method = &class.body[index];
            let floor = match index {
                0 => source.line_start(method.start()),
                _ => statement_lines_range(&class.body[index - 1], source).end(),
            };
            let at = above_leading_comments(source.line_start(method.start()), indent, floor, source, &|_| false);
            edits.push(Edit::insert(at, format!("{def}{eol}{eol}")));
        }
        Some(_) => return None,
        None => {
            let last = class.body.last()?;
            let end = statement_lines_range(last, source).end();
            let before = if source[..usize::from(end)].ends_with(['\n', '\r']) { "" } else { eol };
            let after = if before.is_empty() { eol } else { "" };
            edits.push(Edit::insert(end, format!("{before}{def}{after}")));
        }
    }
    Some(edits)
}

enum Init<'a> {
    Found(&'a StmtFunctionDef),
    Missing,
}

/// The class's own `__init__`: one plain, undecorated `def`, or none at all. `None` for shapes
/// the fix does not handle (several definitions, a decorated or async one, an assignment).
fn init_of(class: &StmtClassDef) -> Option<Init<'_>> {
    let mut found = Init::Missing;
    for stmt in &class.body {
        match stmt {
            Stmt::FunctionDef(func) if func.name.as_str() == "__init__" => {
                if matches!(found, Init::Found(_)) || func.is_async || !func.decorator_list.is_empty() {
                    return None;
                }
                found = Init::Found(func);
            }
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) | Stmt::Expr(_) | Stmt::Pass(_) => {}
            Stmt::Assign(_) | Stmt::AnnAssign(_) => {}
            // `if`, `try`, `for`, imports... may bind `__init__` out of sight.
            _ => return None,
        }
    }
    Some(found)
}

/// `super().__init__(...)` as a statement: the new line goes after it, so that a base class
/// that sets the attribute does not overwrite it.
fn is_super_init_call(stmt: &Stmt) -> bool {
    let Stmt::Expr(expr) = stmt else { return false };
    let Expr::Call(call) = &*expr.value else { return false };
    let Expr::Attribute(method) = &*call.func else { return false };
    let Expr::Call(inner) = &*method.value else { return false };
    method.attr.as_str() == "__init__" && matches!(&*inner.func, Expr::Name(name) if name.id.as_str() == "super")
}

/// `class C:`, `class C():` or `class C(object):`, without keywords (no metaclass).
fn is_object_only(arguments: &ruff_python_ast::Arguments) -> bool {
    arguments.keywords.is_empty()
        && arguments.args.iter().all(|base| matches!(base, Expr::Name(name) if name.id.as_str() == "object"))
}

fn class_binds(checker: &Checker, class: &StmtClassDef, name: &str) -> bool {
    let semantic = checker.semantic();
    semantic.class_scope(class).is_some_and(|scope| semantic.binds(scope, name))
}

/// A base from Django or another framework that builds instances itself (a model's fields are
/// class attributes the framework reads).
fn has_framework_base(checker: &Checker, class: &StmtClassDef) -> bool {
    let semantic = checker.semantic();
    bases(class).iter().any(|base| {
        semantic.qualified_name(base).is_some_and(|name| {
            ["django.", "rest_framework.", "mongoengine.", "peewee.", "sqlalchemy."].iter().any(|p| name.starts_with(p))
        })
    })
}

/// Whether the value reads a name the class body binds: in `__init__` it would mean something
/// else. Lambda defaults count (`defaultdict(lambda x=limit: x)` reads `limit` in the class body).
fn reads_class_names(checker: &Checker, class: &StmtClassDef, value: &Expr) -> bool {
    struct Names<'n>(Vec<&'n str>);
    impl<'n> Visitor<'n> for Names<'n> {
        fn visit_expr(&mut self, expr: &'n Expr) {
            if let Expr::Name(name) = expr {
                self.0.push(name.id.as_str());
            }
            walk_expr(self, expr);
        }
    }
    let mut names = Names(Vec::new());
    names.visit_expr(value);
    names.0.iter().any(|name| class_binds(checker, class, name))
}

/// A class defined directly in a class body is reached through it (`self.Inner`,
/// `Outer.Inner.buffer`), which the module's attribute facts do not tie to the class: the class
/// object may be what is used.
fn is_nested_in_class(checker: &Checker) -> bool {
    matches!(checker.enclosing_class(), Some(_))
}

/// Whether the module makes instances of the class (`Cart(...)`) and uses its name otherwise only
/// as a base, in `isinstance` / `issubclass` or in an annotation. A class passed around as a value
/// (`create_autospec(Foo)`, `settings = DJSettings`) is used as an object itself, and its class
/// attributes are what the code reads; a class that only other modules instantiate or subclass
/// (a library's base class whose shared set may be load-bearing, as lib2to3's
/// `BaseFix.used_names`) is used in ways this file does not show.
fn is_only_instantiated(checker: &Checker, class: &StmtClassDef) -> bool {
    let semantic = checker.semantic();
    let Some(scope) = semantic.class_scope(class).and_then(|scope| semantic.scope(scope).parent) else { return false };
    let Some(variable) = semantic.scope(scope).variable(class.name.as_str()) else { return false };
    let mut reads = variable.references.iter().map(|&id| semantic.reference(id));
    let instantiated = reads.clone().any(|read| {
        semantic.nodes.parent(read.node).is_some_and(|parent| {
            matches!(semantic.nodes.node(parent), Node::Expr(Expr::Call(call)) if call.func.range() == read.range)
        })
    });
    instantiated && reads.all(|read| {
        let Some(parent) = semantic.nodes.parent(read.node) else { return false };
        match semantic.nodes.node(parent) {
            Node::Expr(Expr::Call(call)) => {
                call.func.range() == read.range
                    || matches!(&*call.func, Expr::Name(f) if matches!(f.id.as_str(), "isinstance" | "issubclass"))
            }
            Node::Stmt(Stmt::ClassDef(sub)) => bases(sub).iter().any(|base| base.range() == read.range),
            Node::Stmt(Stmt::FunctionDef(func)) => {
                let mut annotations = func.parameters.iter().filter_map(|p| p.annotation()).chain(func.returns.as_deref());
                annotations.any(|annotation| annotation.range().contains_range(read.range))
            }
            Node::Stmt(Stmt::AnnAssign(assign)) => assign.annotation.range().contains_range(read.range),
            _ => false,
        }
    })
}

/// Whether every subclass in the module keeps the moved attribute working: none binds the name
/// in its body (the instance attribute would hide it), and each `__init__` it defines calls
/// `super().__init__` (or the base's `__init__`).
fn subclasses_keep_it(checker: &Checker, class: &StmtClassDef, name: &str) -> bool {
    let semantic = checker.semantic();
    let class_name = class.name.as_str();
    semantic.classes().filter(|sub| !std::ptr::eq(*sub, class)).all(|sub| {
        let inherits = bases(sub).iter().any(|base| match base {
            Expr::Name(base) => base.id.as_str() == class_name,
            Expr::Attribute(base) => base.attr.as_str() == class_name,
            _ => false,
        });
        !inherits || (!class_binds(checker, sub, name) && sub.body.iter().all(calls_base_init_if_init))
    })
}

/// A statement that is not an `__init__`, or an `__init__` that calls a base's `__init__`.
fn calls_base_init_if_init(stmt: &Stmt) -> bool {
    let Stmt::FunctionDef(func) = stmt else { return true };
    if func.name.as_str() != "__init__" {
        return true;
    }
    any_over_body(&func.body, &|expr: &Expr| {
        matches!(expr, Expr::Attribute(attribute) if attribute.attr.as_str() == "__init__")
    })
}
