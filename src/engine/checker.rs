//! The engine's walk: every statement and expression, in the order of the semantic model's node
//! table (built by its own walk of the AST, so the AST is not walked again), is handed to each
//! selected transform; the checker collects what they report.
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_ast::{ModModule, Stmt, StmtClassDef};
use ruff_python_codegen::Stylist;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::edits::fix::Fix;
use crate::edits::none_default::DefaultContext;
use crate::engine::project_index::{ModuleName, ProjectIndex};
use crate::engine::line_index::LazyLineIndex;
use crate::engine::suppression::Suppressions;
use crate::engine::FileSettings;
use crate::settings::TargetVersion;
use crate::engine::transform::Transform;
use crate::rules::Rule;
use crate::semantic::{Node, NodeId, SemanticModel};

/// Something a transform found, with the fix it proposes if it has one.
#[derive(Debug, Clone)]
pub(crate) struct Finding {
    pub(crate) rule: &'static Rule,
    pub(crate) range: TextRange,
    pub(crate) message: String,
    pub(crate) fix: Option<Fix>,
}

/// What a transform sees while the walk is at a node: the file, its style, its settings and the
/// statements that enclose the node.
pub(crate) struct Checker<'a> {
    module: &'a ModModule,
    semantic: &'a SemanticModel<'a>,
    suppressions: &'a Suppressions,
    index: &'a LazyLineIndex<'a>,
    source: &'a str,
    tokens: &'a Tokens,
    stylist: Stylist<'a>,
    settings: &'a FileSettings<'a>,
    parents: Vec<&'a Stmt>,
    /// The node the walk is at.
    node: NodeId,
    /// The transform being run: set by the walk before each call.
    rule: &'static Rule,
    findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    pub(crate) fn module(&self) -> &'a ModModule {
        self.module
    }

    /// The file's semantic model: scopes, bindings, resolved references and node parents,
    /// built once before the walk.
    pub(crate) fn semantic(&self) -> &'a SemanticModel<'a> {
        self.semantic
    }

    pub(crate) fn source(&self) -> &'a str {
        self.source
    }

    pub(crate) fn tokens(&self) -> &'a Tokens {
        self.tokens
    }

    pub(crate) fn stylist(&self) -> &Stylist<'a> {
        &self.stylist
    }

    pub(crate) fn target_version(&self) -> TargetVersion {
        self.settings.target_version
    }

    pub(crate) fn is_stub(&self) -> bool {
        self.settings.is_stub
    }

    /// The project index, when the run built one and this file waited for it.
    pub(crate) fn project(&self) -> Option<&'a ProjectIndex> {
        self.settings.project
    }

    /// The file's module name, for its relative imports.
    pub(crate) fn module_name(&self) -> Option<&'a ModuleName> {
        self.settings.module
    }

    /// An option of the running transform, from its `[tool.pitfix.<id>]` table.
    pub(crate) fn option(&self, key: &str) -> Option<&'a toml::Value> {
        self.settings.options.get(self.rule.id)?.get(key)
    }

    /// The node the walk is at, in the semantic model's node table.
    pub(crate) fn node_id(&self) -> NodeId {
        self.node
    }

    /// The statements enclosing the current node, outermost first (the current statement last).
    pub(crate) fn parents(&self) -> &[&'a Stmt] {
        &self.parents
    }

    /// The class whose body holds the current statement (a method's class), if any.
    pub(crate) fn enclosing_class(&self) -> Option<&'a StmtClassDef> {
        match self.parents.len().checked_sub(2).and_then(|i| self.parents.get(i)) {
            Some(Stmt::ClassDef(class)) => Some(class),
            _ => None,
        }
    }

    /// What moving a parameter's default into the body needs to know about the file.
    pub(crate) fn default_context(&self) -> DefaultContext<'_> {
        DefaultContext {
            semantic: self.semantic(),
            source: self.source,
            tokens: self.tokens(),
            stylist: &self.stylist,
            module: self.module(),
            target_minor: self.target_version().minor(),
        }
    }

    /// The text of a node or range.
    pub(crate) fn locate(&self, node: impl Ranged) -> &'a str {
        &self.source[node.range()]
    }

    /// Records a finding of the transform being run, unless a comment suppresses it.
    pub(crate) fn report(&mut self, range: TextRange, message: impl Into<String>, fix: Option<Fix>) {
        if !self.is_suppressed(range) {
            self.findings.push(Finding { rule: self.rule, range, message: message.into(), fix });
        }
    }

    /// Whether a comment suppresses the current transform at `range`: a transform whose fix
    /// covers several findings leaves the suppressed ones out of it.
    pub(crate) fn is_suppressed(&self, range: TextRange) -> bool {
        self.suppressions.is_suppressed(self.rule, range.start(), self.statement_start(range), self.index)
    }

    /// Start of the innermost statement holding `range`. A compound statement's `elif`, `else`,
    /// `except`, `case` clauses and a decorated definition's `def` line begin logical lines of
    /// their own: a comment on the statement's first line must not reach them.
    fn statement_start(&self, range: TextRange) -> TextSize {
        let statement_start = self.parents.last().map_or(range.start(), |s| s.start());
        statement_start.max(logical_line_start(self.tokens, range.start()))
    }
}

/// Start of the first token of the logical line that holds `offset` (lines joined by brackets or
/// backslashes count as one); `offset` itself when no token precedes it on that logical line.
fn logical_line_start(tokens: &Tokens, offset: TextSize) -> TextSize {
    let before = &tokens[..tokens.partition_point(|t| t.start() < offset)];
    let line_begins = before.iter().rposition(|t| t.kind() == TokenKind::Newline).map_or(0, |i| i + 1);
    before[line_begins..]
        .iter()
        .find(|t| {
            !matches!(
                t.kind(),
                TokenKind::Comment | TokenKind::NonLogicalNewline | TokenKind::Indent | TokenKind::Dedent
            )
        })
        .map_or(offset, Ranged::start)
}

/// Runs the selected transforms over a parsed module.
pub(crate) fn check_module<'a>(
    semantic: &'a SemanticModel<'a>,
    source: &'a str,
    tokens: &'a Tokens,
    suppressions: &'a Suppressions,
    index: &'a LazyLineIndex<'a>,
    settings: &'a FileSettings<'a>,
) -> Vec<Finding> {
    // Nothing selected (`--ignore` of every transform): nothing to walk for.
    let Some(first) = settings.transforms.first().map(|t| t.rule()) else { return Vec::new() };
    // Each transform with its rule (looked up once, not at every node), for the nodes it visits.
    let with_rule = |t: &&'static dyn Transform| (*t, t.rule());
    let on_stmts: Vec<_> = settings.transforms.iter().filter(|t| t.visits().stmts()).map(with_rule).collect();
    let on_exprs: Vec<_> = settings.transforms.iter().filter(|t| t.visits().exprs()).map(with_rule).collect();
    let module = semantic.module;
    let mut checker = Checker {
        module,
        semantic,
        suppressions,
        index,
        source,
        tokens,
        stylist: Stylist::from_tokens(tokens, source),
        settings,
        parents: Vec::new(),
        node: NodeId::default(),
        rule: first,
        findings: Vec::new(),
    };
    // The ids from the root to the current node; statements among them are `checker.parents`.
    let mut path: Vec<(NodeId, bool)> = Vec::new();
    for (id, node, parent) in semantic.nodes.iter_with_parents() {
        while path.last().is_some_and(|&(last, _)| Some(last) != parent) {
            if let Some((_, true)) = path.pop() {
                checker.parents.pop();
            }
        }
        checker.node = id;
        match node {
            Node::Stmt(stmt) => {
                path.push((id, true));
                checker.parents.push(stmt);
                for &(transform, rule) in &on_stmts {
                    checker.rule = rule;
                    transform.check_stmt(&mut checker, stmt);
                }
            }
            Node::Expr(expr) => {
                path.push((id, false));
                for &(transform, rule) in &on_exprs {
                    checker.rule = rule;
                    transform.check_expr(&mut checker, expr);
                }
            }
        }
    }
    checker.findings
}
