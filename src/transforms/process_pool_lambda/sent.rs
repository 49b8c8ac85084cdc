//! The function sent to another process, and what it reads from the code around it: the local
//! names that `functools.partial` will pass, or why it cannot simply move to module level.
use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{Expr, ExprLambda, ExprName, Stmt, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use crate::engine::checker::Checker;
use crate::semantic::{BindingKind, Node, NodeId, Resolution, ScopeId, ScopeKind, SemanticModel};

use super::pool::sent_function;

/// A function that cannot be pickled, as it is sent.
pub(super) enum Sent<'a> {
    Lambda(&'a ExprLambda),
    /// A `def` nested in a function, sent by its name `read`.
    Def { read: &'a ExprName, def: &'a StmtFunctionDef, stmt: &'a Stmt, scope: ScopeId },
}

impl<'a> Sent<'a> {
    /// What the argument sends, when it is a lambda or the name of a nested `def`.
    pub(super) fn of(semantic: &SemanticModel<'a>, function: &'a Expr) -> Option<Self> {
        match function {
            Expr::Lambda(lambda) => Some(Sent::Lambda(lambda)),
            Expr::Name(read) => {
                let scope = semantic.read_scope(read)?;
                // Functions of the module and of classes are pickled by their qualified name.
                if !semantic.scope(scope).kind.is_function_like() {
                    return None;
                }
                let mut bindings = semantic.bindings_of(scope, read.id.as_str());
                let (Some(only), None) = (bindings.next(), bindings.next()) else { return None };
                if only.kind != BindingKind::FunctionDef {
                    return None;
                }
                let Node::Stmt(stmt) = semantic.nodes.node(only.stmt?) else { return None };
                let Stmt::FunctionDef(def) = stmt else { return None };
                Some(Sent::Def { read, def, stmt, scope })
            }
            _ => None,
        }
    }

    pub(super) fn describe(&self) -> String {
        match self {
            Sent::Lambda(_) => "a lambda".to_owned(),
            Sent::Def { def, .. } => format!("`{}`, defined inside a function,", def.name),
        }
    }

    /// The scope of the function's own body.
    fn body_scope(&self, semantic: &SemanticModel<'a>) -> Option<ScopeId> {
        match self {
            Sent::Lambda(lambda) => semantic.lambda_scope(lambda),
            Sent::Def { def, .. } => semantic.function_scope(def),
        }
    }

    /// The code that runs where the function is made (defaults, annotations, decorators).
    fn header(&self) -> Option<TextRange> {
        match self {
            Sent::Lambda(lambda) => lambda.parameters.as_ref().map(|p| p.range()),
            Sent::Def { def, .. } => Some(TextRange::new(def.start(), def.body.first()?.start())),
        }
    }
}

/// The local names the function reads (from enclosing functions and comprehensions), in the
/// order of their first read; or why moving it to module level and binding those names with
/// `functools.partial` would not work.
pub(super) fn analyse<'a>(checker: &Checker<'a>, sent: &Sent<'a>) -> Result<Vec<&'a str>, String> {
    let semantic = checker.semantic();
    let scope = sent.body_scope(semantic).ok_or_else(|| "its scope is unknown".to_owned())?;
    if let Sent::Def { def, read, stmt, scope: outer } = sent {
        def_shape(checker, def, stmt, read, *outer)?;
    }
    let mut captured = Vec::new();
    for free in semantic.free_names_of(scope) {
        if free.assigned_nonlocal {
            return Err(format!("it assigns `{}` through `nonlocal`", free.name));
        }
        let Some(reference) = semantic.reference_at(free.first_read.start()) else { continue };
        match reference.resolution {
            Resolution::Unbound if free.name == "super" => return Err("it calls `super()`".to_owned()),
            Resolution::Scope(outer) if outer != ScopeId::MODULE => {
                local_name(semantic, sent, free.name, outer)?;
                captured.push(free.name);
            }
            _ => {}
        }
    }
    if let Some(header) = sent.header()
        && let Some(read) = semantic
            .references_in(header)
            .find(|r| matches!(r.resolution, Resolution::Scope(s) if s != ScopeId::MODULE && !semantic.scope(scope).holds(scope, s)))
    {
        return Err(format!("a default, annotation or decorator reads the local `{}`", read.name));
    }
    if let Some(private) = mangled_name(checker, sent, scope) {
        return Err(format!("it uses `{private}`, which Python mangles inside a class and not at module level"));
    }
    if let Sent::Def { .. } = sent
        && let Some(first) = captured.first()
    {
        return Err(format!("it reads `{first}` from the function around it"));
    }
    Ok(captured)
}

/// A private name (`__x`, not `__x__`) in the function when a class encloses it: Python
/// rewrites it to `_Class__x` there, and would not once the function is at module level.
fn mangled_name<'a>(checker: &Checker<'a>, sent: &Sent, scope: ScopeId) -> Option<&'a str> {
    let semantic = checker.semantic();
    let mut around = semantic.scope(scope).parent;
    while let Some(id) = around {
        if matches!(semantic.scope(id).kind, ScopeKind::Class(_)) {
            let range = match sent {
                Sent::Lambda(lambda) => lambda.range(),
                Sent::Def { stmt, .. } => stmt.range(),
            };
            return checker.tokens().in_range(range).iter().filter(|t| t.kind() == TokenKind::Name).map(|t| checker.locate(t.range())).find(|name| name.starts_with("__") && !name.ends_with("__"));
        }
        around = semantic.scope(id).parent;
    }
    None
}

/// Why a local name the function reads cannot be passed to it with `functools.partial`: it is
/// the instance of a method, the function itself, or something that cannot be pickled either.
fn local_name(semantic: &SemanticModel, sent: &Sent, name: &str, outer: ScopeId) -> Result<(), String> {
    if let Sent::Def { def, scope, .. } = sent
        && def.name.as_str() == name
        && *scope == outer
    {
        return Err(format!("it calls itself by its local name `{name}`"));
    }
    if is_method_instance(semantic, outer, name) {
        return Err(format!("it uses `{name}`"));
    }
    for binding in semantic.bindings_of(outer, name) {
        match binding.kind {
            BindingKind::Import { .. } | BindingKind::FromImport { .. } => {
                return Err(format!("it reads `{name}`, imported inside the function, and a module cannot be pickled"));
            }
            BindingKind::FunctionDef | BindingKind::ClassDef => {
                return Err(format!("it reads `{name}`, defined inside the function, which cannot be pickled either"));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether `name` is the first parameter (`self`, `cls`) of the method whose scope is `scope`.
fn is_method_instance(semantic: &SemanticModel, scope: ScopeId, name: &str) -> bool {
    let own = semantic.scope(scope);
    let ScopeKind::Function(func) = own.kind else { return false };
    let in_class = own.parent.is_some_and(|p| matches!(semantic.scope(p).kind, ScopeKind::Class(_)));
    let first = func.parameters.posonlyargs.iter().chain(&func.parameters.args).next();
    in_class && first.is_some_and(|p| p.parameter.name.as_str() == name)
}

/// Why a nested `def` cannot move as it is: its shape, or other uses of its name.
fn def_shape(checker: &Checker, def: &StmtFunctionDef, stmt: &Stmt, read: &ExprName, outer: ScopeId) -> Result<(), String> {
    let semantic = checker.semantic();
    if !def.decorator_list.is_empty() {
        return Err("it is decorated".to_owned());
    }
    if def.is_async {
        return Err("it is an `async def`".to_owned());
    }
    let ScopeKind::Function(func) = semantic.scope(outer).kind else {
        return Err("it is not defined directly in a function".to_owned());
    };
    if !func.body.iter().any(|s| std::ptr::eq(s, stmt)) || func.body.len() < 2 {
        return Err("it is not defined directly in the function's body".to_owned());
    }
    let name = read.id.as_str();
    let other_use = semantic.scope(outer).variable(name).into_iter().flat_map(|v| v.references.iter()).any(|&id| {
        let reference = semantic.reference(id);
        // A read in its own body makes it recursive, which the free names tell.
        let own = def.range().contains_range(reference.range);
        !own && (!is_sent(semantic, reference.node) || semantic.nodes.scope(reference.node) != outer)
    });
    if other_use {
        return Err(format!("`{name}` is also used otherwise than sent to a process"));
    }
    Ok(())
}

/// Whether the `Name` node `id` is the function a pool call sends.
fn is_sent(semantic: &SemanticModel, id: NodeId) -> bool {
    let Some(parent) = semantic.nodes.parent(id) else { return false };
    let (Node::Expr(Expr::Call(call)), Node::Expr(name)) = (semantic.nodes.node(parent), semantic.nodes.node(id)) else {
        return false;
    };
    sent_function(semantic, call).is_some_and(|(function, _)| std::ptr::eq(function, name))
}
