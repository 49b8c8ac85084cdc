//! memoryview-slice-kept: a slice of a `memoryview` that outlives the function (returned,
//! yielded, stored in an attribute, a container or a global) keeps the whole underlying buffer
//! alive, and a `bytearray` locked against resizing, for as long as it lives. The fix copies the
//! slice: `bytes(view[a:b])`. Unsafe: the value becomes a `bytes` copy.
use ruff_python_ast::{Expr, ExprCall, ExprContext, ExprSubscript, NodeKind, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::edits::fix::{Edit, Fix};
use crate::engine::checker::Checker;
use crate::engine::first_look::{Later, Look};
use crate::engine::transform::{Callees, Transform, Visits};
use crate::rules::{FixSafety, Rule, any_options};
use crate::semantic::{BindingKind, Node, NodeId, Resolution, ScopeId, ScopeKind, SemanticModel};

pub(crate) struct MemoryviewSliceKept;

pub(crate) static TRANSFORM: MemoryviewSliceKept = MemoryviewSliceKept;

static RULE: Rule = Rule {
    id: "memoryview-slice-kept",
    summary: "a memoryview slice that is kept keeps the whole buffer alive (and a bytearray unresizable); copy it with bytes()",
    fix_safety: FixSafety::Unsafe,
    default_enabled: true,
    noqa_codes: &[],
    options: &[],
    validate_options: any_options,
    uses_project_index: false,
};

/// Methods that keep their argument in the receiver (a list, deque, set or queue), with the
/// position of the kept argument. `extend` is not one: it iterates the view into ints.
const KEEPING_METHODS: &[(&str, usize)] =
    &[("append", 0), ("appendleft", 0), ("add", 0), ("insert", 1), ("put", 0), ("put_nowait", 0), ("setdefault", 1)];

/// The names of [`KEEPING_METHODS`]: the calls the glance is asked about.
const KEEPING_METHOD_NAMES: [&str; KEEPING_METHODS.len()] = {
    let mut names = [""; KEEPING_METHODS.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = KEEPING_METHODS[i].0;
        i += 1;
    }
    names
};

/// What a `memoryview` has and `bytes` has not: a slice used so cannot become a copy.
const VIEW_ONLY_ATTRIBUTES: &[&str] = &[
    "release", "cast", "tobytes", "tolist", "toreadonly", "obj", "nbytes", "readonly", "itemsize", "format",
    "ndim", "shape", "strides", "suboffsets", "c_contiguous", "f_contiguous", "contiguous", "__enter__", "__exit__",
];

impl Transform for MemoryviewSliceKept {
    fn rule(&self) -> &'static Rule {
        &RULE
    }

    fn visits(&self) -> Visits {
        Visits::Exprs
    }

    fn check_expr(&self, checker: &mut Checker, expr: &Expr) {
        // Driven by the rare `memoryview(...)` calls, not by every slice of the module.
        if let Expr::Call(call) = expr {
            if calls_memoryview(call)
                && is_memoryview(checker.semantic(), expr, 0)
            {
                for slice in slices_of_view(checker.semantic(), checker.node_id()) {
                    check_slice(checker, slice);
                }
            }
        }
    }

    fn glances_at(&self) -> Option<&'static [NodeKind]> {
        Some(&[NodeKind::StmtReturn, NodeKind::StmtAssign, NodeKind::StmtAnnAssign, NodeKind::ExprYield, NodeKind::ExprCall])
    }

    fn glanced_callees(&self) -> Option<Callees> {
        Some(Callees { attributes: &[&KEEPING_METHOD_NAMES], names: Some(&[]) })
    }

    /// A value returned, or assigned to a name, an attribute or an item, that holds a partial
    /// slice of a view (see [`glance_kept`]): the places where the check may find a slice kept.
    fn glance_stmt<'a>(&self, look: &mut Look<'a>, stmt: &'a Stmt) {
        let (target, value) = match stmt {
            Stmt::Return(ret) => (None, ret.value.as_deref()),
            Stmt::Assign(assign) => match assign.targets.as_slice() {
                [target] => (Some(target), Some(&*assign.value)),
                _ => return,
            },
            Stmt::AnnAssign(assign) => (Some(&*assign.target), assign.value.as_deref()),
            _ => return,
        };
        if let Some(value) = value.filter(|_| target.is_none_or(may_keep)) {
            glance_kept(look, value);
        }
    }

    /// A yielded value, or the kept argument of one of the [`KEEPING_METHODS`], that holds a
    /// partial slice of a view.
    fn glance_expr<'a>(&self, look: &mut Look<'a>, expr: &'a Expr) {
        match expr {
            Expr::Yield(yielded) => {
                if let Some(value) = &yielded.value {
                    glance_kept(look, value);
                }
            }
            Expr::Call(call) if call.arguments.keywords.is_empty() => {
                let Expr::Attribute(method) = call.func.as_ref() else { return };
                let kept = KEEPING_METHODS.iter().find(|(m, _)| *m == method.attr.as_str());
                if let Some(argument) = kept.and_then(|&(_, position)| call.arguments.args.get(position)) {
                    glance_kept(look, argument);
                }
            }
            _ => {}
        }
    }
}

/// A partial slice (read) of a `memoryview(...)` call, or of a name the module assigns one to
/// (judged once the module is seen), in `value` or in the tuples, lists, sets, dict values and
/// comprehension elements of it: what [`goes`] follows up from a slice, followed down. A slice
/// used and dropped (`sock.send(view[sent:])`) is no candidate.
fn glance_kept<'a>(look: &mut Look<'a>, value: &'a Expr) {
    match value {
        Expr::Tuple(tuple) => tuple.elts.iter().for_each(|e| glance_kept(look, e)),
        Expr::List(list) => list.elts.iter().for_each(|e| glance_kept(look, e)),
        Expr::Set(set) => set.elts.iter().for_each(|e| glance_kept(look, e)),
        Expr::Dict(dict) => dict.items.iter().for_each(|item| glance_kept(look, &item.value)),
        Expr::ListComp(comp) => glance_kept(look, &comp.elt),
        Expr::SetComp(comp) => glance_kept(look, &comp.elt),
        Expr::Generator(comp) => glance_kept(look, &comp.elt),
        Expr::DictComp(comp) => glance_kept(look, &comp.value),
        Expr::Subscript(subscript) if subscript.ctx == ExprContext::Load && is_partial_slice(subscript) => {
            match subscript.value.as_ref() {
                Expr::Call(call) if calls_memoryview(call) => {
                    look.may_report();
                }
                Expr::Name(name) => look.may_report_if(&[Later::AssignedCallOf(name.id.as_str(), "memoryview")]),
                _ => {}
            }
        }
        _ => {}
    }
}

/// The slices (`[a:b]`, read) of the view a `memoryview(...)` call at `call` makes: of the call
/// itself, or of the name it is assigned to (from that name's first binding only, so that each
/// slice is seen once).
fn slices_of_view(semantic: &SemanticModel, call: NodeId) -> Vec<NodeId> {
    let nodes = &semantic.nodes;
    let Some(parent) = nodes.parent(call) else { return Vec::new() };
    if let Some(slice) = slice_of(semantic, call) {
        return vec![slice];
    }
    let Node::Stmt(Stmt::Assign(assign)) = nodes.node(parent) else { return Vec::new() };
    let [Expr::Name(name)] = assign.targets.as_slice() else { return Vec::new() };
    let scope = nodes.scope(parent);
    let Some(variable) = semantic.scope(scope).variable(name.id.as_str()) else { return Vec::new() };
    let first = variable.bindings.first().map(|&b| semantic.binding(b).range);
    if first != Some(name.range) || !view_variable(semantic, scope, name.id.as_str(), 0) {
        return Vec::new();
    }
    variable.references.iter().filter_map(|&r| slice_of(semantic, semantic.reference(r).node)).collect()
}

/// The slice `<node>[a:b]` (read, not the whole `[:]`) whose value is the node, if its parent is
/// one.
fn slice_of(semantic: &SemanticModel, node: NodeId) -> Option<NodeId> {
    let nodes = &semantic.nodes;
    let parent = nodes.parent(node)?;
    match nodes.node(parent) {
        Node::Expr(Expr::Subscript(subscript))
            if subscript.ctx == ExprContext::Load
                && is_partial_slice(subscript)
                && nodes.node(node).is(Node::Expr(&subscript.value)) =>
        {
            Some(parent)
        }
        _ => None,
    }
}

/// `[a:b]`, `[a:]`, `[::2]`: not `[:]`, which is the whole view anyway.
fn is_partial_slice(subscript: &ExprSubscript) -> bool {
    matches!(subscript.slice.as_ref(), Expr::Slice(s) if s.lower.is_some() || s.upper.is_some() || s.step.is_some())
}

/// Where a value goes that outlives the function's call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Returned,
    Yielded,
    Attribute,
    Item,
    Added(&'static str),
    Global,
    ClassAttribute,
}

impl Fate {
    fn describe(self) -> String {
        match self {
            Fate::Returned => "returned".to_owned(),
            Fate::Yielded => "yielded".to_owned(),
            Fate::Attribute => "stored in an attribute".to_owned(),
            Fate::Item => "stored in a container".to_owned(),
            Fate::Added(method) => format!("added to a container (`.{method}()`)"),
            Fate::Global => "stored in a module-level variable".to_owned(),
            Fate::ClassAttribute => "stored in a class attribute".to_owned(),
        }
    }
}

/// Where a value goes: kept (a fate), put in a local variable of a function (its binding's
/// name and scope), or used and dropped.
enum Goes<'a> {
    Kept(Fate),
    Local(&'a Expr, ScopeId),
    Dropped,
}

fn check_slice(checker: &mut Checker, id: NodeId) {
    let semantic = checker.semantic();
    let Node::Expr(Expr::Subscript(subscript)) = semantic.nodes.node(id) else { return };
    if view_itself_kept(semantic, &subscript.value) {
        return;
    }
    let (fate, through) = match goes(semantic, id) {
        Goes::Kept(fate) => (fate, None),
        Goes::Local(name, scope) => match local_fate(semantic, name, scope) {
            Some(fate) => (fate, Some(name)),
            None => return,
        },
        Goes::Dropped => return,
    };
    if matches!(fate, Fate::Returned | Fate::Yielded) && makes_views(semantic, semantic.nodes.scope(id)) {
        return;
    }
    let shown = match through {
        Some(name) => format!("kept in `{}`, which is {}", checker.locate(name), fate.describe()),
        None => fate.describe(),
    };
    let buffer = match subscript.value.as_ref() {
        Expr::Call(call) => {
            call.arguments.args.first().map_or("the buffer".to_owned(), |a| format!("`{}`", checker.locate(a)))
        }
        other => format!("`{}`'s buffer", checker.locate(other)),
    };
    let mut message = format!(
        "this memoryview slice is {shown}: it keeps the whole of {buffer} alive, and a bytearray locked against resizing, as long as it lives; copy it with `bytes(...)`"
    );
    // `bytes` must be the builtin where the slice is evaluated.
    let fix = if semantic.resolve_in(semantic.nodes.scope(id), "bytes") == Resolution::Unbound {
        Some(Fix::unsafe_(vec![Edit::insert(subscript.start(), "bytes("), Edit::insert(subscript.end(), ")")]))
    } else {
        message += "; no automatic fix: `bytes` is not the builtin here";
        None
    };
    checker.report(subscript.range(), message, fix);
}

/// Whether the function holding `scope` says it hands out views: its name mentions `view` or
/// `buffer` (`create_memoryview`, `get_buffer`: a view to write into, whose copy would silently
/// drop what the caller writes).
fn makes_views(semantic: &SemanticModel, scope: ScopeId) -> bool {
    let mut current = Some(scope);
    while let Some(id) = current {
        if let ScopeKind::Function(func) = semantic.scope(id).kind {
            let name = func.name.to_ascii_lowercase();
            return name.contains("view") || name.contains("buffer");
        }
        current = semantic.scope(id).parent;
    }
    false
}

/// Whether an expression is a `memoryview`: `memoryview(x)`, a slice of one, or a name whose
/// every binding assigns one.
fn is_memoryview(semantic: &SemanticModel, expr: &Expr, depth: usize) -> bool {
    if depth > 4 {
        return false;
    }
    match expr {
        Expr::Call(call) => {
            matches!(call.arguments.args.as_ref(), [arg] if !is_written_out(semantic, arg))
                && call.arguments.keywords.is_empty()
                && semantic.qualified_name(&call.func).as_deref() == Some("builtins.memoryview")
        }
        Expr::Subscript(subscript) => {
            matches!(subscript.slice.as_ref(), Expr::Slice(_)) && is_memoryview(semantic, &subscript.value, depth + 1)
        }
        Expr::Name(name) => {
            semantic.scope_of_read(name).is_some_and(|scope| view_variable(semantic, scope, name.id.as_str(), depth + 1))
        }
        _ => false,
    }
}

/// Whether every binding of the variable `name` of `scope` assigns a view.
fn view_variable(semantic: &SemanticModel, scope: ScopeId, name: &str, depth: usize) -> bool {
    let mut bindings = semantic.bindings_of(scope, name).peekable();
    bindings.peek().is_some()
        && bindings.all(|b| {
            b.kind == BindingKind::Assignment
                && assigned_value(semantic, b.stmt, b.range).is_some_and(|v| is_memoryview(semantic, v, depth + 1))
        })
}

/// A buffer whose content the code spells out (`b"..."`, `bytearray(b"...")`): a constant the
/// code keeps anyway, or a small buffer made for the view, which holding is the point.
fn is_written_out(semantic: &SemanticModel, expr: &Expr) -> bool {
    match expr {
        Expr::BytesLiteral(_) | Expr::StringLiteral(_) => true,
        Expr::Call(call) => {
            matches!(call.arguments.args.as_ref(), [Expr::BytesLiteral(_)])
                && semantic.is_one_of(&call.func, &["builtins.bytearray", "builtins.bytes"])
        }
        _ => false,
    }
}

/// The value of `name = value` (one plain name target) for the binding at `target`.
fn assigned_value<'a>(semantic: &SemanticModel<'a>, stmt: Option<NodeId>, target: TextRange) -> Option<&'a Expr> {
    match semantic.nodes.node(stmt?) {
        Node::Stmt(Stmt::Assign(assign)) if matches!(assign.targets.as_slice(), [Expr::Name(n)] if n.range == target) => {
            Some(&assign.value)
        }
        _ => None,
    }
}

/// Whether the view a name holds is itself returned or stored: then copying a slice of it
/// frees nothing.
fn view_itself_kept(semantic: &SemanticModel, view: &Expr) -> bool {
    let Expr::Name(name) = view else { return false };
    let Some(scope) = semantic.scope_of_read(name) else { return false };
    let Some(variable) = semantic.scope(scope).variable(name.id.as_str()) else { return false };
    variable.references.iter().any(|&r| !matches!(goes(semantic, semantic.reference(r).node), Goes::Dropped))
}

/// Where the value of node `id` goes, through the tuples, lists, sets, dict values and
/// comprehension elements that hold it.
fn goes<'a>(semantic: &SemanticModel<'a>, id: NodeId) -> Goes<'a> {
    let nodes = &semantic.nodes;
    let mut child = nodes.node(id);
    for parent in nodes.ancestors(id) {
        let node = nodes.node(parent);
        match node {
            Node::Expr(Expr::Tuple(_) | Expr::List(_) | Expr::Set(_)) => {}
            Node::Expr(Expr::Dict(dict)) if dict.items.iter().any(|item| child.is(Node::Expr(&item.value))) => {}
            Node::Expr(Expr::ListComp(c)) if child.is(Node::Expr(&c.elt)) => {}
            Node::Expr(Expr::SetComp(c)) if child.is(Node::Expr(&c.elt)) => {}
            Node::Expr(Expr::Generator(c)) if child.is(Node::Expr(&c.elt)) => {}
            Node::Expr(Expr::DictComp(c)) if child.is(Node::Expr(&c.value)) => {}
            Node::Expr(Expr::Yield(_)) => return Goes::Kept(Fate::Yielded),
            Node::Stmt(Stmt::Return(_)) => return Goes::Kept(Fate::Returned),
            Node::Expr(Expr::Call(call)) => return kept_by_call(call, child),
            Node::Stmt(Stmt::Assign(assign)) if child.is(Node::Expr(&assign.value)) => {
                return match assign.targets.as_slice() {
                    [target] => assigned_to(semantic, parent, target),
                    _ => Goes::Dropped,
                };
            }
            Node::Stmt(Stmt::AnnAssign(assign)) if assign.value.as_deref().is_some_and(|v| child.is(Node::Expr(v))) => {
                return assigned_to(semantic, parent, &assign.target);
            }
            _ => return Goes::Dropped,
        }
        child = node;
    }
    Goes::Dropped
}

/// `items.append(<value>)` and the other [`KEEPING_METHODS`].
fn kept_by_call<'a>(call: &ExprCall, child: Node) -> Goes<'a> {
    let Expr::Attribute(method) = call.func.as_ref() else { return Goes::Dropped };
    let Some(&(name, position)) = KEEPING_METHODS.iter().find(|(m, _)| *m == method.attr.as_str()) else {
        return Goes::Dropped;
    };
    match call.arguments.args.get(position) {
        Some(arg) if child.is(Node::Expr(arg)) && call.arguments.keywords.is_empty() => Goes::Kept(Fate::Added(name)),
        _ => Goes::Dropped,
    }
}

/// Whether an assignment to `target` may keep the value, as far as syntax tells: an attribute,
/// an item, or a name (whose scope decides). `view[a:b] = part` copies `part` into the buffer, and
/// an unpacking keeps nothing followed here.
fn may_keep(target: &Expr) -> bool {
    match target {
        Expr::Attribute(_) | Expr::Name(_) => true,
        Expr::Subscript(item) => !matches!(item.slice.as_ref(), Expr::Slice(_)),
        _ => false,
    }
}

/// A call of the name `memoryview` (the check then asks whether it is the builtin).
fn calls_memoryview(call: &ExprCall) -> bool {
    matches!(call.func.as_ref(), Expr::Name(n) if n.id.as_str() == "memoryview")
}

/// Where an assignment in the statement `stmt` to `target` keeps the value.
fn assigned_to<'a>(semantic: &SemanticModel<'a>, stmt: NodeId, target: &'a Expr) -> Goes<'a> {
    if !may_keep(target) {
        return Goes::Dropped;
    }
    match target {
        Expr::Attribute(_) => Goes::Kept(Fate::Attribute),
        Expr::Subscript(_) => Goes::Kept(Fate::Item),
        Expr::Name(name) => {
            let scope = semantic.nodes.scope(stmt);
            match semantic.scope(scope).kind {
                ScopeKind::Module => Goes::Kept(Fate::Global),
                ScopeKind::Class(_) => Goes::Kept(Fate::ClassAttribute),
                _ if semantic.scope(scope).globals.contains(name.id.as_str()) => Goes::Kept(Fate::Global),
                ScopeKind::Function(_) => Goes::Local(target, scope),
                _ => Goes::Dropped,
            }
        }
        _ => Goes::Dropped,
    }
}

/// The fate of a function's local variable assigned once (at `target`) a slice: the first
/// fate of its reads, when none of them needs a `memoryview` (its own methods, a write through
/// it) and none is in a nested function (which may keep it).
fn local_fate(semantic: &SemanticModel, target: &Expr, scope: ScopeId) -> Option<Fate> {
    let Expr::Name(name) = target else { return None };
    let variable = semantic.scope(scope).variable(name.id.as_str())?;
    if variable.bindings.len() != 1 || semantic.scope(scope).nonlocals.contains(name.id.as_str()) {
        return None;
    }
    let mut fate = None;
    for &id in &variable.references {
        let reference = semantic.reference(id);
        if reference.scope != scope || needs_view(semantic, reference.node) {
            return None;
        }
        if let Goes::Kept(kept) = goes(semantic, reference.node) {
            fate = fate.or(Some(kept));
        }
    }
    fate
}

/// Whether the read at `id` uses the value as a `memoryview`: an attribute only a view has, or a
/// write through it (`part[0] = 1`), or a `with` block.
fn needs_view(semantic: &SemanticModel, id: NodeId) -> bool {
    let Some(parent) = semantic.nodes.parent(id) else { return false };
    match semantic.nodes.node(parent) {
        Node::Expr(Expr::Attribute(attribute)) => VIEW_ONLY_ATTRIBUTES.contains(&attribute.attr.as_str()),
        Node::Expr(Expr::Subscript(subscript)) => subscript.ctx != ExprContext::Load,
        Node::Stmt(Stmt::With(_)) => true,
        _ => false,
    }
}
