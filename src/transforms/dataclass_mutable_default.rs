//! dataclass-mutable-default: `items: list = []` in a `@dataclass` → `items: list =
//! field(default_factory=list)`, and the same for attrs classes (`Factory(list)`, `attr.ib(factory=list)`).
//! A class-level default is one object, made when the class body runs: `@dataclass` rejects the
//! obvious ones with `ValueError` at import time, attrs and call defaults (`Registry()`) silently
//! share one object between every instance. Plain classes with a mutable class attribute are
//! reported without a fix: moving the value into `__init__` changes what the class itself holds.
use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Arguments, Expr, ExprCall, ExprContext, Identifier, Operator, Stmt, StmtClassDef};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::checker::Checker;
use crate::edits::fix::{Applicability, Edit, Fix};
use crate::edits::add_import::{add_import_from, add_module_import, add_name_to_import};
use crate::fixes::bound_names::{function_scope_names, module_scope_names};
use crate::fixes::import_lookup::{imported_from, imports_from, module_reference};
use crate::resolve::ImportMap;
use crate::engine::transform::Transform;
use crate::rules::{FixSafety, Rule, any_options};

pub(crate) struct DataclassMutableDefault;

pub(crate) static TRANSFORM: DataclassMutableDefault = DataclassMutableDefault;

static RULE: Rule = Rule {
    id: "dataclass-mutable-default",
    summary: "a mutable default of a dataclass or attrs field is one object shared by every instance; use a default factory",
    fix_safety: FixSafety::Mixed,
    default_enabled: true,
    noqa_codes: &["RUF008", "RUF009", "RUF012"],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

impl Transform for DataclassMutableDefault {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn check_stmt(&self, checker: &mut Checker, stmt: &Stmt) {
        // A stub's defaults never run.
        if let Stmt::ClassDef(class) = stmt
            && !checker.is_stub()
        {
            check_class(checker, class);
        }
    }
}

/// A finding waiting to be reported: the context borrows the checker, which `report` needs mutably.
type Pending = (TextRange, String, Option<Fix>);

fn check_class(checker: &mut Checker, class: &StmtClassDef) {
    let pending = ClassContext::new(checker, class).map(|context| context.check_body()).unwrap_or_default();
    for (range, message, fix) in pending {
        checker.report(range, message, fix);
    }
}

// ---------------------------------------------------------------------------------------------
// Names the transform knows.

const STDLIB_DATACLASS: &str = "dataclasses.dataclass";
const PYDANTIC_DATACLASS: &str = "pydantic.dataclasses.dataclass";
/// attrs decorators whose `auto_attribs` defaults to `False` (fields are `attr.ib()` only).
const ATTRS_CLASSIC: &[&str] = &["attr.s", "attr.attrs", "attr.attributes"];
/// attrs decorators that guess `auto_attribs` (annotated attributes are fields unless the class
/// also has an unannotated `attr.ib()`).
const ATTRS_NEXT_GEN: &[&str] =
    &["attr.define", "attr.mutable", "attr.frozen", "attrs.define", "attrs.mutable", "attrs.frozen"];
const ATTRS_FROZEN: &[&str] = &["attr.frozen", "attrs.frozen"];
/// Calls that declare a field (or a factory) rather than build the default value itself.
const FIELD_SPECIFIERS: &[&str] = &[
    "dataclasses.field",
    "attr.ib",
    "attr.attrib",
    "attr.attr",
    "attr.field",
    "attrs.field",
    "attr.Factory",
    "attrs.Factory",
    "pydantic.Field",
    "pydantic.fields.Field",
    "pydantic.PrivateAttr",
    "msgspec.field",
];
const ATTRS_FIELD_CALLS: &[&str] = &["attr.ib", "attr.attrib", "attr.attr", "attr.field", "attrs.field"];
/// Class decorators that leave attribute semantics alone; any other decorator may turn the
/// class into something else (a dataclass-like model, a registry entry), so plain-class
/// findings are not reported for it.
const NEUTRAL_DECORATORS: &[&str] = &[
    "functools.total_ordering",
    "typing.final",
    "typing_extensions.final",
    "typing.runtime_checkable",
    "typing_extensions.runtime_checkable",
    "typing.type_check_only",
    "enum.unique",
];
/// Bases whose classes copy defaults per instance (pydantic, msgspec and models built on them).
const COPYING_BASES: &[&str] = &[
    "pydantic.BaseModel",
    "pydantic.main.BaseModel",
    "pydantic.RootModel",
    "pydantic.v1.BaseModel",
    "pydantic.BaseSettings",
    "pydantic.v1.BaseSettings",
    "pydantic_settings.BaseSettings",
    "sqlmodel.SQLModel",
    "beanie.Document",
    "odmantic.Model",
    "ninja.Schema",
    "msgspec.Struct",
];
/// Bases whose class-level values are not per-instance defaults: `Enum` members, `NamedTuple`
/// and `TypedDict` declarations, `Protocol` members. The bool: instances are immutable.
const DECLARATIVE_BASES: &[(&str, bool)] = &[
    ("enum.Enum", true),
    ("enum.IntEnum", true),
    ("enum.StrEnum", true),
    ("enum.Flag", true),
    ("enum.IntFlag", true),
    ("enum.ReprEnum", true),
    ("typing.NamedTuple", true),
    ("typing_extensions.NamedTuple", true),
    ("typing.TypedDict", false),
    ("typing_extensions.TypedDict", false),
    ("typing.Protocol", false),
    ("typing_extensions.Protocol", false),
];
/// Containers whose calls build a new mutable object; the bool: `@dataclass` rejects it as a
/// default on every Python version (a `list`, `dict` or `set`, subclasses included).
const CONTAINERS: &[(&str, bool)] = &[
    ("builtins.list", true),
    ("builtins.dict", true),
    ("builtins.set", true),
    ("builtins.bytearray", false),
    ("collections.OrderedDict", true),
    ("collections.defaultdict", true),
    ("collections.Counter", true),
    ("collections.deque", false),
    ("collections.ChainMap", false),
];
/// Builtins whose calls give an immutable value (or one meant to be shared, like `object()`).
#[rustfmt::skip]
const IMMUTABLE_BUILTINS: &[&str] = &[
    "tuple", "frozenset", "str", "int", "float", "bool", "bytes", "complex", "range", "object", "len", "repr",
    "hash", "ord", "chr", "abs", "round", "format", "hex", "oct", "bin", "slice",
];
/// Other calls whose result is immutable, or a process-wide object that is meant to be shared.
const IMMUTABLE_CALLS: &[&str] = &[
    "decimal.Decimal",
    "fractions.Fraction",
    "re.compile",
    "types.MappingProxyType",
    "operator.attrgetter",
    "operator.itemgetter",
    "operator.methodcaller",
    "typing.NewType",
    "typing.TypeVar",
    "typing.cast",
    "os.getenv",
    "os.fspath",
    "sys.intern",
    "logging.getLogger",
    "zoneinfo.ZoneInfo",
];
/// Modules all of whose classes and functions give immutable values (`datetime.datetime.now()`).
const IMMUTABLE_MODULES: &[&str] = &["datetime", "pathlib", "uuid", "ipaddress", "math"];
/// Annotations that declare an immutable or read-only value.
const IMMUTABLE_TYPES: &[&str] = &[
    "builtins.int",
    "builtins.float",
    "builtins.complex",
    "builtins.str",
    "builtins.bytes",
    "builtins.bool",
    "builtins.tuple",
    "builtins.frozenset",
    "builtins.range",
    "builtins.type",
    "decimal.Decimal",
    "fractions.Fraction",
    "re.Pattern",
    "types.MappingProxyType",
    "uuid.UUID",
    "pathlib.Path",
    "pathlib.PurePath",
];
/// `typing` / `collections.abc` names (the part after the module) of read-only or immutable types.
#[rustfmt::skip]
const READ_ONLY_GENERICS: &[&str] = &[
    "Tuple", "FrozenSet", "Sequence", "Mapping", "AbstractSet", "Set", "Collection", "Iterable", "Iterator",
    "Container", "Reversible", "Hashable", "Callable", "Pattern", "Type", "Literal", "LiteralString",
];
const TYPING_MODULES: &[&str] = &["typing", "typing_extensions", "collections.abc"];
/// Builtin names that evaluate to the same type wherever they are read.
#[rustfmt::skip]
const BUILTIN_TYPES: &[&str] =
    &["list", "dict", "set", "tuple", "frozenset", "int", "float", "str", "bytes", "bool", "complex", "object", "range"];

// ---------------------------------------------------------------------------------------------
// What kind of class this is.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClassKind {
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
struct ClassInfo {
    kind: ClassKind,
    /// Instances cannot change: a frozen dataclass, a `NamedTuple`, an `Enum` member.
    immutable: bool,
}

impl ClassInfo {
    fn skipped(immutable: bool) -> Self {
        ClassInfo { kind: ClassKind::Skipped, immutable }
    }
}

/// How deep same-module base classes are followed (guards against cycles and deep hierarchies).
const MAX_BASE_DEPTH: usize = 8;

fn classify_class(module: &ModuleFacts, imports: &ImportMap, class: &StmtClassDef, depth: usize) -> ClassInfo {
    let mut unknown_decorator = false;
    for decorator in &class.decorator_list {
        let (callee, arguments) = match &decorator.expression {
            Expr::Call(call) => (&*call.func, Some(&call.arguments)),
            other => (other, None),
        };
        let Some(name) = imports.qualified_name(callee) else {
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
        if let Some(immutable) = skipping_base(module, imports, base, depth) {
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
fn skipping_base(module: &ModuleFacts, imports: &ImportMap, base: &Expr, depth: usize) -> Option<bool> {
    // A name the module binds itself (not imported) may be one of its classes.
    if let Expr::Name(name) = base
        && imports.qualified_name(base).is_none()
    {
        let parent = module.class(name.id.as_str())?;
        if depth >= MAX_BASE_DEPTH {
            return None;
        }
        return match classify_class(module, imports, parent, depth + 1) {
            ClassInfo { kind: ClassKind::Skipped, immutable } => Some(immutable),
            // A plain class, or an undecorated subclass of a dataclass: ordinary attributes.
            _ => None,
        };
    }
    let name = imports.qualified_name(base)?;
    if COPYING_BASES.contains(&name.as_str()) {
        return Some(false);
    }
    DECLARATIVE_BASES.iter().find(|(declarative, _)| *declarative == name).map(|(_, immutable)| *immutable)
}

// ---------------------------------------------------------------------------------------------
// Facts about the module, each computed when a class first needs it.

struct ModuleFacts<'a> {
    body: &'a [Stmt],
    names: OnceCell<HashSet<&'a str>>,
    classes: OnceCell<HashMap<&'a str, &'a StmtClassDef>>,
    /// Module-level names bound to `namedtuple(...)` / `NamedTuple(...)` / `NewType(...)` results.
    immutable_factories: OnceCell<HashSet<&'a str>>,
    /// `(base, attribute)` of every `name.attribute` read or written in the module.
    attribute_uses: OnceCell<HashSet<(&'a str, &'a str)>>,
    /// Attribute names whose value the module changes in place somewhere.
    mutated_attributes: OnceCell<HashSet<&'a str>>,
}

impl<'a> ModuleFacts<'a> {
    fn new(body: &'a [Stmt]) -> Self {
        ModuleFacts {
            body,
            names: OnceCell::new(),
            classes: OnceCell::new(),
            immutable_factories: OnceCell::new(),
            attribute_uses: OnceCell::new(),
            mutated_attributes: OnceCell::new(),
        }
    }

    fn binds(&self, name: &str) -> bool {
        self.names.get_or_init(|| module_scope_names(self.body)).contains(name)
    }

    fn class(&self, name: &str) -> Option<&'a StmtClassDef> {
        self.classes
            .get_or_init(|| {
                let mut collector = ClassCollector::default();
                collector.visit_body(self.body);
                collector.classes
            })
            .get(name)
            .copied()
    }

    fn is_immutable_factory(&self, name: &str, imports: &ImportMap) -> bool {
        self.immutable_factories.get_or_init(|| immutable_factories(self.body, imports)).contains(name)
    }

    fn is_mutated_in_place(&self, attribute: &str) -> bool {
        self.mutated_attributes
            .get_or_init(|| {
                let mut mutations = InPlaceMutations::default();
                mutations.visit_body(self.body);
                mutations.names
            })
            .contains(attribute)
    }

    fn is_attribute_used(&self, base: &str, attribute: &str) -> bool {
        self.attribute_uses
            .get_or_init(|| {
                let mut uses = AttributeUses::default();
                uses.visit_body(self.body);
                uses.pairs
            })
            .contains(&(base, attribute))
    }
}

/// Every class of the module by name, nested ones included (the first definition of a name wins).
#[derive(Default)]
struct ClassCollector<'a> {
    classes: HashMap<&'a str, &'a StmtClassDef>,
}

impl<'a> StatementVisitor<'a> for ClassCollector<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if let Stmt::ClassDef(class) = stmt {
            self.classes.entry(class.name.as_str()).or_insert(class);
        }
        walk_stmt(self, stmt);
    }
}

fn immutable_factories<'a>(body: &'a [Stmt], imports: &ImportMap) -> HashSet<&'a str> {
    let factories = ["collections.namedtuple", "typing.NamedTuple", "typing_extensions.NamedTuple", "typing.NewType"];
    body.iter()
        .filter_map(|stmt| match stmt {
            Stmt::Assign(assign) => match (&assign.targets[..], &*assign.value) {
                ([Expr::Name(target)], Expr::Call(call)) if imports.is_one_of(&call.func, &factories) => {
                    // `NewType("Tags", list)` builds lists: only a NewType of an immutable type counts.
                    let new_type_of_mutable = imports.is_one_of(&call.func, &["typing.NewType"])
                        && !call.arguments.args.get(1).is_some_and(|base| is_immutable_type(imports, base));
                    (!new_type_of_mutable).then_some(target.id.as_str())
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

#[derive(Default)]
struct AttributeUses<'a> {
    pairs: HashSet<(&'a str, &'a str)>,
}

impl<'a> Visitor<'a> for AttributeUses<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Attribute(attribute) = expr {
            let base = match &*attribute.value {
                Expr::Name(name) => Some(name.id.as_str()),
                // `type(self).x` and `self.__class__.x` reach the class of an instance.
                Expr::Call(call) if matches!(&*call.func, Expr::Name(n) if n.id.as_str() == "type") => Some("cls"),
                Expr::Attribute(inner) if inner.attr.as_str() == "__class__" => Some("cls"),
                _ => None,
            };
            if let Some(base) = base {
                self.pairs.insert((base, attribute.attr.as_str()));
            }
        }
        visitor::walk_expr(self, expr);
    }
}

/// Methods that change a list, dict, set, deque or bytearray in place.
#[rustfmt::skip]
const MUTATING_METHODS: &[&str] = &[
    "append", "extend", "insert", "pop", "remove", "clear", "update", "add", "discard", "setdefault", "popitem",
    "sort", "reverse", "appendleft", "extendleft", "popleft", "rotate", "subtract",
];
/// Words in an attribute's name that say it is shared on purpose.
const SHARED_ON_PURPOSE: &[&str] = &["cache", "memo", "registry"];

/// The attribute names changed in place anywhere: `x.name.append(...)`, `x.name[k] = v`,
/// `del x.name[k]`, `x.name[k] += v`, and `x.name += v` (in place for a list, a set or a dict).
#[derive(Default)]
struct InPlaceMutations<'a> {
    names: HashSet<&'a str>,
}

impl<'a> InPlaceMutations<'a> {
    fn target(&mut self, target: &'a Expr, augmented: bool) {
        match target {
            Expr::Subscript(subscript) => {
                if let Some(name) = holding_attribute(&subscript.value) {
                    self.names.insert(name);
                }
            }
            Expr::Attribute(attribute) if augmented => {
                self.names.insert(attribute.attr.as_str());
            }
            Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| self.target(e, augmented)),
            Expr::List(list) => list.elts.iter().for_each(|e| self.target(e, augmented)),
            Expr::Starred(starred) => self.target(&starred.value, augmented),
            _ => {}
        }
    }
}

impl<'a> Visitor<'a> for InPlaceMutations<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Assign(assign) => assign.targets.iter().for_each(|t| self.target(t, false)),
            Stmt::AnnAssign(assign) => self.target(&assign.target, false),
            Stmt::AugAssign(assign) => self.target(&assign.target, true),
            Stmt::Delete(delete) => delete.targets.iter().for_each(|t| self.target(t, false)),
            _ => {}
        }
        visitor::walk_stmt(self, stmt);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if let Expr::Call(call) = expr
            && let Expr::Attribute(method) = &*call.func
            && MUTATING_METHODS.contains(&method.attr.as_str())
            && let Some(name) = holding_attribute(&method.value)
        {
            self.names.insert(name);
        }
        visitor::walk_expr(self, expr);
    }
}

/// The attribute whose value holds what `expr` reaches: `items` for `x.items` and for
/// `x.groups[k]` (changing an element changes the container's contents too).
fn holding_attribute(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        Expr::Subscript(subscript) => holding_attribute(&subscript.value),
        _ => None,
    }
}

/// The attributes a method assigns on its receiver (`self.x = ...`), outside nested scopes.
struct SelfAssignments<'a> {
    receiver: &'a str,
    names: HashSet<&'a str>,
}

impl<'a> StatementVisitor<'a> for SelfAssignments<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        let targets: &[Expr] = match stmt {
            Stmt::Assign(assign) => &assign.targets,
            Stmt::AnnAssign(assign) if assign.value.is_some() => std::slice::from_ref(&*assign.target),
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => return,
            _ => &[],
        };
        for target in targets {
            if let Expr::Attribute(attribute) = target
                && matches!(&*attribute.value, Expr::Name(base) if base.id.as_str() == self.receiver)
            {
                self.names.insert(attribute.attr.as_str());
            }
        }
        walk_stmt(self, stmt);
    }
}

// ---------------------------------------------------------------------------------------------
// The class being checked.

struct ClassContext<'c> {
    checker: &'c Checker<'c>,
    class: &'c StmtClassDef,
    info: ClassInfo,
    module: ModuleFacts<'c>,
    /// Names the class body binds: they shadow module names inside the body, and a lambda in
    /// the body cannot see them.
    class_names: HashSet<&'c str>,
    /// Names bound by the functions enclosing the class: they shadow module names too.
    function_names: HashSet<&'c str>,
    /// The functions enclosing the class, outermost first.
    functions: Vec<&'c ruff_python_ast::StmtFunctionDef>,
}

impl<'c> ClassContext<'c> {
    fn new(checker: &'c Checker<'c>, class: &'c StmtClassDef) -> Option<Self> {
        let module = ModuleFacts::new(&checker.module().body);
        let info = classify_class(&module, checker.imports(), class, 0);
        if info.kind == ClassKind::Skipped {
            return None;
        }
        let functions: Vec<_> = checker
            .parents()
            .iter()
            .filter_map(|stmt| match stmt {
                Stmt::FunctionDef(func) => Some(func),
                _ => None,
            })
            .collect();
        let function_names = functions.iter().flat_map(|func| function_scope_names(func)).collect();
        Some(ClassContext {
            checker,
            class,
            info,
            module,
            class_names: module_scope_names(&class.body),
            function_names,
            functions,
        })
    }

    fn imports(&self) -> &ImportMap {
        self.checker.imports()
    }

    /// Whether the class body or an enclosing function binds `name`, hiding the module's.
    fn binds_locally(&self, name: &str) -> bool {
        self.class_names.contains(name) || self.function_names.contains(name)
    }

    /// Whether `name`, read in the class body, is the builtin of that name.
    fn is_builtin_here(&self, name: &str) -> bool {
        !self.binds_locally(name) && !self.module.binds(name)
    }

    fn check_body(&self) -> Vec<Pending> {
        let mut pending = Vec::new();
        for stmt in &self.class.body {
            match stmt {
                Stmt::AnnAssign(assign) => {
                    let (Expr::Name(target), Some(value)) = (&*assign.target, &assign.value) else { continue };
                    self.check_annotated(target.id.as_str(), &assign.annotation, value, &mut pending);
                }
                Stmt::Assign(assign) => {
                    let Some(Expr::Name(target)) = assign.targets.first() else { continue };
                    self.check_unannotated(target.id.as_str(), &assign.value, &mut pending);
                }
                _ => {}
            }
        }
        pending
    }

    fn check_annotated(&self, name: &str, annotation: &Expr, value: &'c Expr, pending: &mut Vec<Pending>) {
        let head = annotation_head(self.imports(), annotation);
        if head.as_deref().is_some_and(is_class_var) {
            return;
        }
        let init_var = head.as_deref().is_some_and(is_init_var);
        match self.info.kind {
            ClassKind::Dataclass | ClassKind::Attrs { auto: Some(true), .. } => {
                self.check_field(name, Some(annotation), init_var, value, pending);
            }
            // Not a field: with `auto_attribs` off, only `attr.ib()` declares one.
            ClassKind::Attrs { auto: Some(false), .. } => {
                if self.field_call(value).is_some() {
                    self.check_field(name, Some(annotation), false, value, pending);
                } else {
                    self.check_class_attribute(name, Some((annotation, head.as_deref())), value, pending);
                }
            }
            ClassKind::Attrs { auto: None, .. } => {
                if self.field_call(value).is_some() {
                    self.check_field(name, Some(annotation), false, value, pending);
                }
            }
            ClassKind::Plain => self.check_class_attribute(name, Some((annotation, head.as_deref())), value, pending),
            ClassKind::Skipped => {}
        }
    }

    fn check_unannotated(&self, name: &str, value: &'c Expr, pending: &mut Vec<Pending>) {
        match self.info.kind {
            // `x = attr.ib(default=[])` is a field; a bare `x = []` is a class attribute, and
            // leaving the annotation off is how a dataclass or attrs class declares one on purpose.
            ClassKind::Attrs { .. } => {
                if self.field_call(value).is_some() {
                    self.check_field(name, None, false, value, pending);
                }
            }
            ClassKind::Plain => self.check_class_attribute(name, None, value, pending),
            ClassKind::Dataclass | ClassKind::Skipped => {}
        }
    }

    // -----------------------------------------------------------------------------------------
    // Fields.

    /// The field-declaring call (`field(...)`, `attr.ib(...)`) that `value` is, if any.
    fn field_call(&self, value: &'c Expr) -> Option<(&'c ExprCall, FieldCall)> {
        let Expr::Call(call) = value else { return None };
        let name = self.imports().qualified_name(&call.func)?;
        let kind = match self.info.kind {
            ClassKind::Dataclass if name == "dataclasses.field" => FieldCall::Dataclass,
            ClassKind::Attrs { .. } if ATTRS_FIELD_CALLS.contains(&name.as_str()) => {
                FieldCall::Attrs { positional: name == "attr.ib" || name == "attr.attrib" || name == "attr.attr" }
            }
            _ => return None,
        };
        Some((call, kind))
    }

    fn check_field(
        &self,
        name: &str,
        annotation: Option<&Expr>,
        init_var: bool,
        value: &'c Expr,
        pending: &mut Vec<Pending>,
    ) {
        if let Some((call, kind)) = self.field_call(value) {
            self.check_field_call(name, init_var, call, kind, pending);
            return;
        }
        if is_field_specifier(self.imports(), value) {
            return;
        }
        let Some(default) = self.classify_default(value, annotation) else { return };
        if init_var {
            pending.push((value.range(), init_var_message(name), None));
            return;
        }
        let plan = match self.info.kind {
            ClassKind::Attrs { package, .. } => {
                self.reference("Factory", &[package, other_attrs_package(package)], true)
            }
            _ => self.reference("field", &["dataclasses"], false),
        };
        let fix = plan.as_ref().and_then(|reference| self.bare_fix(reference, &default));
        let suggestion = match self.info.kind {
            ClassKind::Attrs { .. } => {
                format!("{}({})", plan.as_ref().map_or("Factory", |r| r.text.as_str()), default.factory_text())
            }
            _ => format!(
                "{}(default_factory={})",
                plan.as_ref().map_or("field", |r| r.text.as_str()),
                default.factory_text()
            ),
        };
        pending.push((value.range(), self.field_message(name, &default, &suggestion), fix));
    }

    /// `field(default=[])` → `field(default_factory=list)`; `attr.ib(default=[])` →
    /// `attr.ib(factory=list)`, also for `attr.ib([])` (its first parameter is `default`).
    fn check_field_call(
        &self,
        name: &str,
        init_var: bool,
        call: &'c ExprCall,
        kind: FieldCall,
        pending: &mut Vec<Pending>,
    ) {
        let arguments = &call.arguments;
        let factory_keyword = match kind {
            FieldCall::Dataclass => "default_factory",
            FieldCall::Attrs { .. } => "factory",
        };
        let (value, site) = if let Some(keyword) = arguments.find_keyword("default") {
            let Some(arg) = &keyword.arg else { return };
            (&keyword.value, Site::Keyword(arg))
        } else if let (FieldCall::Attrs { positional: true }, [first, ..]) = (kind, &arguments.args[..]) {
            (first, Site::Positional { only: arguments.args.len() == 1 })
        } else {
            return;
        };
        // A default and a factory together is an error of its own, which Python reports.
        if arguments.find_keyword(factory_keyword).is_some() {
            return;
        }
        let Some(default) = self.classify_default(value, None) else { return };
        if init_var {
            pending.push((value.range(), init_var_message(name), None));
            return;
        }
        // `**options` may hold a factory too.
        let unpacked = arguments.keywords.iter().any(|k| k.arg.is_none())
            || arguments.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let fix = if unpacked { None } else { self.keyword_fix(factory_keyword, site, &default) };
        let suggestion = format!("{factory_keyword}={}", default.factory_text());
        pending.push((value.range(), self.field_message(name, &default, &suggestion), fix));
    }

    fn field_message(&self, name: &str, default: &Default, suggestion: &str) -> String {
        if let Some(callee) = default.call {
            return format!(
                "field `{name}` defaults to one `{}(...)` object, built when the class is created and shared by every instance; use `{suggestion}` to build one per instance",
                self.checker.locate(callee)
            );
        }
        if self.info.kind == ClassKind::Dataclass && default.rejected {
            format!(
                "field `{name}` has a mutable default, which `@dataclass` rejects with `ValueError` when the class is created; use `{suggestion}`"
            )
        } else {
            format!("field `{name}` has a mutable default, one object shared by every instance; use `{suggestion}`")
        }
    }

    /// How the fix is rated: rewriting a default `@dataclass` rejects cannot break working code,
    /// and neither can building an equal constant value per instance; deferring any other
    /// evaluation to instance creation can.
    fn applicability(&self, default: &Default) -> Applicability {
        let rejected = default.rejected && self.info.kind == ClassKind::Dataclass;
        if default.constant || rejected { Applicability::Safe } else { Applicability::Unsafe }
    }

    /// `x: T = <value>` → `x: T = field(default_factory=<factory>)` / `Factory(<factory>)`.
    fn bare_fix(&self, reference: &Reference, default: &Default) -> Option<Fix> {
        let prefix = match self.info.kind {
            ClassKind::Attrs { .. } => format!("{}(", reference.text),
            _ => format!("{}(default_factory=", reference.text),
        };
        let mut edits = reference.edits.clone();
        edits.extend(self.value_edits(default, &prefix, ")")?);
        Some(Fix::new(edits, self.applicability(default)))
    }

    fn keyword_fix(&self, factory_keyword: &str, site: Site, default: &Default) -> Option<Fix> {
        let mut edits = Vec::new();
        let prefix = match site {
            Site::Keyword(arg) => {
                edits.push(Edit::replace(arg.range(), factory_keyword));
                String::new()
            }
            // `attr.ib([])` → `attr.ib(factory=list)`: only when nothing positional follows.
            Site::Positional { only: true } => format!("{factory_keyword}="),
            Site::Positional { only: false } => return None,
        };
        edits.extend(self.value_edits(default, &prefix, "")?);
        Some(Fix::new(edits, self.applicability(default)))
    }

    /// The edits that turn the default's text into `prefix + factory + suffix`. A factory name
    /// replaces the value; a lambda keeps the value's text (and any comment inside it) and only
    /// inserts around it.
    fn value_edits(&self, default: &Default, prefix: &str, suffix: &str) -> Option<Vec<Edit>> {
        let range = default.expr.range();
        if let Factory::Callable(name) = &default.factory
            && !self.has_comment(range)
        {
            return Some(vec![Edit::replace(range, format!("{prefix}{name}{suffix}"))]);
        }
        // The lambda body runs outside the class scope: a class-level name it reads would no
        // longer be found (or would silently be a global of the same name).
        if free_names(default.expr).iter().any(|name| self.class_names.contains(name)) {
            return None;
        }
        let mut edits = vec![Edit::insert(range.start(), format!("{prefix}lambda: "))];
        if !suffix.is_empty() {
            edits.push(Edit::insert(range.end(), suffix));
        }
        Some(edits)
    }

    fn has_comment(&self, range: TextRange) -> bool {
        let tokens = self.checker.tokens();
        let first = tokens.partition_point(|token| token.start() < range.start());
        tokens[first..]
            .iter()
            .take_while(|token| token.end() <= range.end())
            .any(|token| token.kind() == TokenKind::Comment)
    }

    // -----------------------------------------------------------------------------------------
    // Defaults.

    /// What a field's default builds, when it is something an instance should get its own of.
    fn classify_default(&self, value: &'c Expr, annotation: Option<&Expr>) -> Option<Default<'c>> {
        match value {
            Expr::List(list) if list.elts.is_empty() => Some(self.empty_display(value, "list")),
            Expr::Dict(dict) if dict.items.is_empty() => Some(self.empty_display(value, "dict")),
            Expr::List(_) | Expr::Set(_) | Expr::Dict(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => {
                Some(Default {
                    expr: value,
                    factory: Factory::Lambda,
                    rejected: true,
                    constant: self.is_constant(value),
                    call: None,
                })
            }
            Expr::Call(call) => self.classify_call(value, call, annotation),
            _ => None,
        }
    }

    /// `[]` / `{}`: the type itself is the factory, unless the class or module rebinds its name.
    fn empty_display(&self, value: &'c Expr, type_name: &'static str) -> Default<'c> {
        let factory =
            if self.is_builtin_here(type_name) { Factory::Callable(Cow::Borrowed(type_name)) } else { Factory::Lambda };
        Default { expr: value, factory, rejected: true, constant: true, call: None }
    }

    fn classify_call(&self, value: &'c Expr, call: &'c ExprCall, annotation: Option<&Expr>) -> Option<Default<'c>> {
        // A callee the class body or an enclosing function rebinds is not the one imported.
        let head = dotted_head(&call.func)?;
        let name = if self.binds_locally(head) { None } else { self.imports().qualified_name(&call.func) };
        let no_arguments = call.arguments.is_empty();
        let factory = if no_arguments {
            Factory::Callable(Cow::Borrowed(self.checker.locate(&*call.func)))
        } else {
            Factory::Lambda
        };
        if let Some((_, rejected)) = name.as_deref().and_then(|n| CONTAINERS.iter().find(|(c, _)| *c == n)) {
            let constant = call
                .arguments
                .args
                .iter()
                .chain(call.arguments.keywords.iter().map(|k| &k.value))
                .all(|a| self.is_constant(a));
            return Some(Default { expr: value, factory, rejected: *rejected, constant, call: None });
        }
        let immutable = match name.as_deref() {
            Some(name) => is_immutable_call(name),
            // Not imported: a class or factory of this module, reached by its name.
            None => matches!(&*call.func, Expr::Name(_)) && self.is_immutable_local(head),
        };
        if immutable || annotation.is_some_and(|a| is_immutable_type(self.imports(), a)) {
            return None;
        }
        Some(Default { expr: value, factory, rejected: false, constant: false, call: Some(&call.func) })
    }

    /// A class of this module whose instances cannot change, or a `namedtuple` / `NewType` of one.
    fn is_immutable_local(&self, head: &str) -> bool {
        if self.module.is_immutable_factory(head, self.imports()) {
            return true;
        }
        self.module.class(head).is_some_and(|class| classify_class(&self.module, self.imports(), class, 0).immutable)
    }

    /// An expression that, evaluated again later, gives an equal value and does nothing else:
    /// literals, displays of them, and builtin type names and constructors over them.
    fn is_constant(&self, expr: &Expr) -> bool {
        match expr {
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => true,
            Expr::List(list) => list.elts.iter().all(|e| self.is_constant(e)),
            Expr::Tuple(tuple) => tuple.elts.iter().all(|e| self.is_constant(e)),
            Expr::Set(set) => set.elts.iter().all(|e| self.is_constant(e)),
            Expr::Dict(dict) => dict
                .items
                .iter()
                .all(|item| item.key.as_ref().is_none_or(|k| self.is_constant(k)) && self.is_constant(&item.value)),
            Expr::Starred(starred) => self.is_constant(&starred.value),
            Expr::UnaryOp(unary) => self.is_constant(&unary.operand),
            Expr::BinOp(binary) => {
                binary.op != Operator::MatMult && self.is_constant(&binary.left) && self.is_constant(&binary.right)
            }
            Expr::Name(name) => BUILTIN_TYPES.contains(&name.id.as_str()) && self.is_builtin_here(name.id.as_str()),
            Expr::Call(call) => {
                self.is_constant(&call.func)
                    && call.arguments.args.iter().all(|a| self.is_constant(a))
                    && call.arguments.keywords.iter().all(|k| self.is_constant(&k.value))
            }
            _ => false,
        }
    }

    // -----------------------------------------------------------------------------------------
    // Imports.

    /// How the class body can write `<module>.<name>`, `modules` being one package's names (own
    /// first): a name imported in an enclosing function, a module-level `from module import name`,
    /// `module.name` through an `import module`, a name added to the module's
    /// `from module import ...` (or a new such line), or, when `name` is taken, `module.name` with
    /// an added `import module`. For a package outside the standard library (`third_party`), no
    /// import is added unless the module already imports the package at its top: the fix must not
    /// make a module import, when it loads, a package it imported lazily or not at all.
    fn reference(&self, name: &str, modules: &[&str], third_party: bool) -> Option<Reference> {
        let checker = self.checker;
        let (ast, source, stylist) = (checker.module(), checker.source(), checker.stylist());
        if let Some(found) = self.function_import(name, modules) {
            return Some(found);
        }
        for module in modules {
            if let Some(bound) = imported_from(module, name, &ast.body)
                && !self.binds_locally(bound)
            {
                return Some(Reference { text: bound.to_string(), edits: Vec::new() });
            }
        }
        for module in modules {
            if let Some(reference) = module_reference(module, &ast.body)
                && !self.binds_locally(dotted_first(&reference))
            {
                return Some(Reference { text: format!("{reference}.{name}"), edits: Vec::new() });
            }
        }
        for module in modules {
            if third_party && !imports_at_top(module, &ast.body) {
                continue;
            }
            if !self.binds_locally(name)
                && let Some(import) = add_import_from(module, name, self.checker.semantic(), source, stylist)
            {
                return Some(Reference { text: import.binding, edits: import.edits });
            }
            if let Some(import) = add_module_import(module, self.checker.semantic(), source, stylist)
                && !self.binds_locally(dotted_first(&import.binding))
            {
                return Some(Reference { text: format!("{}.{name}", import.binding), edits: import.edits });
            }
        }
        None
    }

    /// `name` through an enclosing function's own imports: imported there (`from module import
    /// name`, `import module`), or added to its `from module import ...` (the class is built in
    /// the function, after its imports).
    fn function_import(&self, name: &str, modules: &[&str]) -> Option<Reference> {
        let checker = self.checker;
        let own = modules.first()?;
        for func in self.functions.iter().rev() {
            for module in modules {
                if let Some(bound) = imported_from(module, name, &func.body)
                    && !self.class_names.contains(bound)
                {
                    return Some(Reference { text: bound.to_string(), edits: Vec::new() });
                }
                if let Some(reference) = module_reference(module, &func.body)
                    && !self.class_names.contains(dotted_first(&reference))
                {
                    return Some(Reference { text: format!("{reference}.{name}"), edits: Vec::new() });
                }
            }
            if self.binds_locally(name) {
                continue;
            }
            let import = func.body.iter().find_map(|stmt| match stmt {
                Stmt::ImportFrom(import) if imports_from(import, own) && import.end() <= self.class.start() => {
                    Some(import)
                }
                _ => None,
            });
            if let Some(edits) = import.and_then(|i| add_name_to_import(i, name, checker.source(), checker.stylist())) {
                return Some(Reference { text: name.to_string(), edits });
            }
        }
        None
    }

    // -----------------------------------------------------------------------------------------
    // Plain classes.

    /// A mutable class attribute of an ordinary class: reported, never fixed.
    fn check_class_attribute(
        &self,
        name: &str,
        annotation: Option<(&Expr, Option<&str>)>,
        value: &Expr,
        pending: &mut Vec<Pending>,
    ) {
        if is_special_attribute(name) || !self.is_mutable_container(value) || self.is_options_class() {
            return;
        }
        if let Some((annotation, head)) = annotation
            && (head.is_some_and(is_final) || is_immutable_type(self.imports(), annotation))
        {
            return;
        }
        // Only an attribute that the module changes in place (`self.items.append(x)`,
        // `cart.index[k] = v`, `self.items += more`) is a bug: a table nobody mutates is shared
        // harmlessly, and reporting every one (as Ruff's RUF012 does) buries the real ones.
        // (Text never holding `.name` cannot change it: that spares walking the module.)
        if !self.checker.source().contains(&format!(".{name}")) || !self.module.is_mutated_in_place(name) {
            return;
        }
        // Reached through the class (`Registry.plugins`, `cls.plugins`, `type(self).plugins`), or
        // named for it: a registry or cache shared on purpose.
        let class_name = self.class.name.as_str();
        let lower = name.to_ascii_lowercase();
        if SHARED_ON_PURPOSE.iter().any(|word| lower.contains(word))
            || self.module.is_attribute_used(class_name, name)
            || self.is_used_through_cls(name)
        {
            return;
        }
        // `__init__` gives each instance its own: the class-level value is only a declaration.
        if self.rebinds_in_init(name) {
            return;
        }
        let message = format!(
            "mutable class attribute `{name}` is one object shared by every instance; annotate it `ClassVar` (or make it immutable) if that is intended, else create it in `__init__` (then `{class_name}.{name}` no longer exists)"
        );
        pending.push((value.range(), message, None));
    }

    fn is_used_through_cls(&self, name: &str) -> bool {
        let mut uses = AttributeUses::default();
        uses.visit_body(&self.class.body);
        ["cls", "mcs", "klass"].iter().any(|base| uses.pairs.contains(&(*base, name)))
    }

    /// Whether the class's `__init__` assigns `self.<name> = ...` (anywhere in its body).
    fn rebinds_in_init(&self, name: &str) -> bool {
        self.class.body.iter().any(|stmt| match stmt {
            Stmt::FunctionDef(init) if init.name.as_str() == "__init__" => {
                let Some(receiver) = init.parameters.iter_non_variadic_params().next() else { return false };
                let mut assigned =
                    SelfAssignments { receiver: receiver.parameter.name.as_str(), names: HashSet::new() };
                assigned.visit_body(&init.body);
                assigned.names.contains(name)
            }
            _ => false,
        })
    }

    /// A display, comprehension or container call: a value that is certainly a new mutable object.
    fn is_mutable_container(&self, value: &Expr) -> bool {
        match value {
            Expr::List(_) | Expr::Set(_) | Expr::Dict(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => {
                true
            }
            Expr::Call(call) => {
                dotted_head(&call.func).is_some_and(|head| !self.binds_locally(head))
                    && self.imports().is_one_of(&call.func, &CONTAINERS.iter().map(|(c, _)| *c).collect::<Vec<_>>())
            }
            _ => false,
        }
    }

    /// A class named `Meta` or `Config` nested in another class: options that a framework (Django,
    /// DRF, marshmallow, factory_boy, pydantic v1) reads, never per-instance state.
    fn is_options_class(&self) -> bool {
        let nested = self.checker.parents().iter().rev().nth(1).is_some_and(|stmt| matches!(stmt, Stmt::ClassDef(_)));
        nested && matches!(self.class.name.as_str(), "Meta" | "Config")
    }
}

#[derive(Debug, Clone, Copy)]
enum FieldCall {
    /// `dataclasses.field(...)`.
    Dataclass,
    /// `attr.ib(...)` (which takes `default` positionally too) or `attr.field` / `attrs.field`.
    Attrs { positional: bool },
}

/// Where the default sits in a field call.
enum Site<'a> {
    Keyword(&'a Identifier),
    /// `attr.ib([])`; `only`: the only positional argument.
    Positional {
        only: bool,
    },
}

/// A default that each instance should get its own of.
struct Default<'a> {
    expr: &'a Expr,
    factory: Factory<'a>,
    /// `@dataclass` rejects it with `ValueError` on every Python version.
    rejected: bool,
    /// Building it again later gives an equal value, with no other effect.
    constant: bool,
    /// For a call of something not known to build a container: its callee.
    call: Option<&'a Expr>,
}

impl Default<'_> {
    fn factory_text(&self) -> Cow<'_, str> {
        match &self.factory {
            Factory::Callable(name) => Cow::Borrowed(name),
            Factory::Lambda => Cow::Borrowed("lambda: ..."),
        }
    }
}

enum Factory<'a> {
    /// A callable that builds the value without arguments: `list`, `Registry`.
    Callable(Cow<'a, str>),
    /// `lambda: <the default's text>`.
    Lambda,
}

/// How to write `field` / `Factory` in the class body, and the import edits that makes it work.
struct Reference {
    text: String,
    edits: Vec<Edit>,
}

/// Whether a top-level statement imports `module` (`import module`, `from module import ...`).
fn imports_at_top(module: &str, body: &[Stmt]) -> bool {
    module_reference(module, body).is_some()
        || body.iter().any(|stmt| matches!(stmt, Stmt::ImportFrom(import) if imports_from(import, module)))
}

fn other_attrs_package(package: &str) -> &'static str {
    if package == "attrs" { "attr" } else { "attrs" }
}

fn init_var_message(name: &str) -> String {
    format!(
        "init-only field `{name}` has a mutable default, one object passed to every `__post_init__`; an `InitVar` cannot take a `default_factory`: default to `None` and build the value in `__post_init__`"
    )
}

fn is_immutable_call(name: &str) -> bool {
    if FIELD_SPECIFIERS.contains(&name) || IMMUTABLE_CALLS.contains(&name) {
        return true;
    }
    if let Some(builtin) = name.strip_prefix("builtins.") {
        return IMMUTABLE_BUILTINS.contains(&builtin);
    }
    IMMUTABLE_MODULES.iter().any(|module| name.strip_prefix(module).is_some_and(|rest| rest.starts_with('.')))
}

fn is_field_specifier(imports: &ImportMap, value: &Expr) -> bool {
    let Expr::Call(call) = value else { return false };
    match imports.qualified_name(&call.func) {
        Some(name) => FIELD_SPECIFIERS.contains(&name.as_str()),
        // A callee the imports cannot tell (imported differently in different scopes): a call
        // named like a field specifier is taken for one, so a fix is never wrapped again.
        None => FIELD_SPECIFIERS.iter().any(|q| q.rsplit('.').next() == callee_name(&call.func)),
    }
}

/// The last name of a dotted callee: `field` of `dataclasses.field`.
fn callee_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

/// `__slots__`, `__match_args__`, `__all__` and other dunders are read by Python itself;
/// `_fields` belongs to named tuples.
fn is_special_attribute(name: &str) -> bool {
    (name.starts_with("__") && name.ends_with("__")) || name == "_fields"
}

/// The first name of a dotted callee (`a` of `a.b.c`); `None` for anything else.
fn dotted_head(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => dotted_head(&attribute.value),
        _ => None,
    }
}

fn dotted_first(reference: &str) -> &str {
    reference.split('.').next().unwrap_or(reference)
}

/// The names an expression reads from outside itself (comprehension variables excluded).
fn free_names(expr: &Expr) -> Vec<&str> {
    #[derive(Default)]
    struct Names<'a> {
        loads: Vec<&'a str>,
        stores: HashSet<&'a str>,
    }
    impl<'a> Visitor<'a> for Names<'a> {
        fn visit_expr(&mut self, expr: &'a Expr) {
            if let Expr::Name(name) = expr {
                if name.ctx == ExprContext::Load {
                    self.loads.push(name.id.as_str());
                } else {
                    self.stores.insert(name.id.as_str());
                }
            }
            visitor::walk_expr(self, expr);
        }
    }
    let mut names = Names::default();
    names.visit_expr(expr);
    names.loads.into_iter().filter(|n| !names.stores.contains(n)).collect()
}

// ---------------------------------------------------------------------------------------------
// Annotations.

/// The qualified name of an annotation's outer type: `typing.ClassVar` for `ClassVar[int]`,
/// `"ClassVar[int]"` and `t.ClassVar`.
fn annotation_head(imports: &ImportMap, annotation: &Expr) -> Option<String> {
    match annotation {
        Expr::Subscript(subscript) => imports.qualified_name(&subscript.value),
        Expr::StringLiteral(string) => {
            let parsed = ruff_python_parser::parse_expression(string.value.to_str()).ok()?;
            annotation_head(imports, parsed.expr())
        }
        other => imports.qualified_name(other),
    }
}

fn is_class_var(head: &str) -> bool {
    // An unimported `ClassVar` in a string annotation still says what the author meant.
    matches!(head, "typing.ClassVar" | "typing_extensions.ClassVar" | "builtins.ClassVar")
}

fn is_init_var(head: &str) -> bool {
    matches!(head, "dataclasses.InitVar" | "builtins.InitVar")
}

fn is_final(head: &str) -> bool {
    matches!(head, "typing.Final" | "typing_extensions.Final")
}

/// An annotation of an immutable or read-only type (`int`, `tuple[int, ...]`, `Sequence[str]`,
/// `Optional[Path]`, `Literal["a"]`, unions of those): the value need not be copied per instance.
fn is_immutable_type(imports: &ImportMap, annotation: &Expr) -> bool {
    match annotation {
        Expr::NoneLiteral(_) => true,
        Expr::StringLiteral(string) => ruff_python_parser::parse_expression(string.value.to_str())
            .is_ok_and(|parsed| is_immutable_type(imports, parsed.expr())),
        Expr::BinOp(binary) if binary.op == Operator::BitOr => {
            is_immutable_type(imports, &binary.left) && is_immutable_type(imports, &binary.right)
        }
        Expr::Subscript(subscript) => {
            let Some(head) = imports.qualified_name(&subscript.value) else { return false };
            let arguments: &[Expr] = match &*subscript.slice {
                Expr::Tuple(tuple) => &tuple.elts,
                other => std::slice::from_ref(other),
            };
            match typing_member(&head) {
                Some("Optional" | "Union") => arguments.iter().all(|a| is_immutable_type(imports, a)),
                Some("Annotated" | "Final" | "ClassVar") => {
                    arguments.first().is_some_and(|a| is_immutable_type(imports, a))
                }
                _ if is_init_var(&head) => arguments.first().is_some_and(|a| is_immutable_type(imports, a)),
                _ => is_immutable_type_name(&head),
            }
        }
        other => imports.qualified_name(other).is_some_and(|name| is_immutable_type_name(&name)),
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
    use ruff_python_ast::ModModule;
    use ruff_python_parser::{Parsed, parse_module};

    use super::*;

    fn parse(source: &str) -> Parsed<ModModule> {
        parse_module(source).expect("test snippet parses")
    }

    /// Runs `check` on the annotation of `x` in `source` (`x: <annotation> = ...` in a class).
    fn with_annotation<T>(source: &str, check: impl Fn(&ImportMap, &Expr) -> T) -> T {
        let parsed = parse(source);
        let body = &parsed.syntax().body;
        let imports = ImportMap::from_body(body);
        let annotation = body
            .iter()
            .find_map(|stmt| match stmt {
                Stmt::AnnAssign(assign) => Some(&*assign.annotation),
                _ => None,
            })
            .expect("the snippet annotates a name");
        check(&imports, annotation)
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

    #[test]
    fn free_names_leave_out_comprehension_variables() {
        let parsed = ruff_python_parser::parse_expression("[n * k for n in range(k)] + [other]").expect("parses");
        let mut names = free_names(parsed.expr());
        names.sort_unstable();
        assert_eq!(names, ["k", "k", "other", "range"]);
    }

    #[test]
    fn immutable_calls() {
        assert!(is_immutable_call("datetime.datetime.now"));
        assert!(is_immutable_call("uuid.uuid4"));
        assert!(is_immutable_call("builtins.frozenset"));
        assert!(is_immutable_call("dataclasses.field"));
        assert!(!is_immutable_call("builtins.list"));
        assert!(!is_immutable_call("datetimes.now"));
        assert!(!is_immutable_call("app.Registry"));
    }

    #[test]
    fn in_place_mutations() {
        let parsed = parse(
            "def f(a, b):\n    a.items.append(1)\n    b.index[k] = 2\n    del a.seen[0]\n    a.more += [1]\n    a.groups[1].add(2)\n    a.count = 3\n    a.name.upper()\n",
        );
        let mut mutations = InPlaceMutations::default();
        mutations.visit_body(&parsed.syntax().body);
        let mut names: Vec<&str> = mutations.names.into_iter().collect();
        names.sort_unstable();
        assert_eq!(names, ["groups", "index", "items", "more", "seen"]);
    }
}
