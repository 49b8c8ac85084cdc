//! The project index: which functions of the files being processed are async generators (or
//! generators driven by `send()`), and what each module's imports refer to, so that a transform
//! can tell that `records(...)` in one file calls an async generator defined in another. Built
//! from the same parse as the transforms: each file contributes a small summary, and only the
//! files that call something imported in an `async for`, or send to a generator made by an
//! imported function, wait for the whole index before their transforms run.
use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ruff_python_ast::{Expr, Stmt};

use crate::semantic::{BindingKind, Node, SemanticModel};

/// How many re-exports (`from .stream import records` in `__init__.py`) a lookup follows.
const MAX_REEXPORTS: usize = 8;

/// What one module contributes to the index.
#[derive(Debug, Default)]
pub(crate) struct ModuleSummary {
    /// The dotted names the module can be imported by (package root, given folder, `src/`).
    pub(crate) names: Vec<String>,
    /// Module-level `async def` functions that are async generators.
    async_generators: FxHashSet<String>,
    /// Module-level undecorated `def` generators that read what `yield` gives back (driven by
    /// `send()`).
    value_generators: FxHashSet<String>,
    /// Module-level names bound by imports, to absolute qualified names.
    imports: FxHashMap<String, String>,
    /// An `async for` iterates over a call of an imported name, or a `send()` goes to a name
    /// assigned from one: the file needs the whole index.
    pub(crate) needs_project: bool,
}

/// The package a module's relative imports start from: its own name for an `__init__`, else
/// the name without its last part.
#[derive(Debug, Clone, Default)]
pub(crate) struct ModuleName {
    pub(crate) name: Option<String>,
    pub(crate) is_package: bool,
}

impl ModuleName {
    fn package(&self) -> Option<&str> {
        let name = self.name.as_deref()?;
        if self.is_package {
            return Some(name);
        }
        Some(name.rsplit_once('.').map_or("", |(package, _)| package))
    }

    /// An absolute qualified name for one the import map gives (`.stream.records` →
    /// `pkg.stream.records`); `None` for a relative name that climbs above the top package.
    pub(crate) fn absolute(&self, qualified: &str) -> Option<String> {
        let dots = qualified.len() - qualified.trim_start_matches('.').len();
        if dots == 0 {
            return Some(qualified.to_owned());
        }
        let mut package: Vec<&str> = self.package()?.split('.').filter(|p| !p.is_empty()).collect();
        for _ in 1..dots {
            package.pop()?;
        }
        let rest = &qualified[dots..];
        Some(if package.is_empty() { rest.to_owned() } else { format!("{}.{rest}", package.join(".")) })
    }
}

/// The package root of each folder seen (the first ancestor without `__init__.py`), so that the
/// files of one folder ask the file system once.
#[derive(Debug, Default)]
pub(crate) struct PackageRoots(Mutex<HashMap<PathBuf, PathBuf>>);

impl PackageRoots {
    fn root_of(&self, dir: &Path) -> PathBuf {
        if let Some(root) = self.0.lock().ok().and_then(|map| map.get(dir).cloned()) {
            return root;
        }
        let is_package = dir.join("__init__.py").is_file() || dir.join("__init__.pyi").is_file();
        let root = match dir.parent() {
            Some(parent) if is_package => self.root_of(parent),
            _ => dir.to_path_buf(),
        };
        if let Ok(mut map) = self.0.lock() {
            map.insert(dir.to_path_buf(), root.clone());
        }
        root
    }
}

/// The names a file can be imported by, the first one (from its package root) canonical:
/// relative to the first ancestor folder without `__init__.py`, to each given folder holding it,
/// and to a `src` folder above it.
pub(crate) fn module_names(path: &Path, roots: &[PathBuf], packages: &PackageRoots) -> (ModuleName, Vec<String>) {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { return Default::default() };
    let is_package = stem == "__init__";
    let package_root = packages.root_of(path.parent().unwrap_or(Path::new("")));
    let bases = std::iter::once(package_root)
        .chain(roots.iter().filter(|r| path.starts_with(r)).cloned())
        .chain(path.ancestors().filter(|a| a.file_name().is_some_and(|n| n == "src")).map(Path::to_path_buf));
    let mut names: Vec<String> = Vec::new();
    for base in bases {
        if let Some(name) = dotted(path, &base, is_package) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    (ModuleName { name: names.first().cloned(), is_package }, names)
}

fn dotted(path: &Path, base: &Path, is_package: bool) -> Option<String> {
    let relative = path.strip_prefix(base).ok()?.with_extension("");
    let mut parts: Vec<&str> = relative.iter().map(|p| p.to_str()).collect::<Option<_>>()?;
    if is_package {
        parts.pop();
    }
    let valid = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_');
    (!parts.is_empty() && parts.iter().all(valid)).then(|| parts.join("."))
}

/// Summarizes a module for the index, from its semantic model.
pub(crate) fn summarize(semantic: &SemanticModel, name: &ModuleName, names: Vec<String>) -> ModuleSummary {
    let imports = import_bindings(semantic);
    let mut summary = ModuleSummary { names, ..ModuleSummary::default() };
    for stmt in &semantic.module.body {
        if let Stmt::FunctionDef(func) = stmt {
            if semantic.is_async_generator(func) {
                summary.async_generators.insert(func.name.to_string());
            } else if func.decorator_list.is_empty() && semantic.reads_sent_values(func) {
                summary.value_generators.insert(func.name.to_string());
            }
        }
    }
    let imported_call = |expr: &Expr| match expr {
        Expr::Call(call) => head_name(&call.func).is_some_and(|head| imports.contains_key(head)),
        _ => false,
    };
    summary.needs_project = semantic.async_fors().iter().any(|for_stmt| imported_call(&for_stmt.iter))
        || (!semantic.sends().is_empty() && sends_to_imported_function(semantic, &imports));
    for (local, target) in imports {
        if let Some(absolute) = name.absolute(target) {
            summary.imports.insert(local.to_owned(), absolute);
        }
    }
    summary
}

/// The names bound by the imports of a module, in any scope, to their qualified (maybe
/// relative) names. A name that two imports bind to different objects (two functions
/// importing `field` from two modules) stays out: what it means depends on the scope.
fn import_bindings<'s>(semantic: &'s SemanticModel) -> FxHashMap<&'s str, &'s str> {
    let mut imported: FxHashMap<&str, &str> = FxHashMap::default();
    let mut ambiguous: FxHashSet<&str> = FxHashSet::default();
    for binding in semantic.bindings() {
        let Some(qualified) = binding.kind.qualified() else { continue };
        match imported.get(binding.name) {
            Some(&existing) if existing != qualified => {
                ambiguous.insert(binding.name);
            }
            _ => {
                imported.insert(binding.name, qualified);
            }
        }
    }
    imported.retain(|name, _| !ambiguous.contains(name));
    imported
}

/// Whether the receiver of some `name.send(...)` call is assigned in its scope from a call of an
/// imported function: `g = consumer()` after `from .workers import consumer`, `workers.consumer()`
/// after `from . import workers`. Not an attribute of a plain `import module`
/// (`socket.socket()`, whose objects' `send` is another one): sockets are what most sends
/// talk to, and each such file would wait for the whole index.
fn sends_to_imported_function(semantic: &SemanticModel, imports: &FxHashMap<&str, &str>) -> bool {
    let plain_modules: FxHashSet<&str> =
        semantic.bindings().iter().filter(|b| matches!(b.kind, BindingKind::Import { .. })).map(|b| b.name).collect();
    let from_function = |value: &Expr| {
        let Expr::Call(call) = value else { return false };
        let Some(head) = head_name(&call.func) else { return false };
        imports.contains_key(head) && (call.func.is_name_expr() || !plain_modules.contains(head))
    };
    semantic.sends().iter().any(|&send| {
        let Some(Expr::Call(call)) = semantic.nodes.node(send).expr() else { return false };
        let Expr::Attribute(method) = call.func.as_ref() else { return false };
        let Expr::Name(receiver) = method.value.as_ref() else { return false };
        let Some(scope) = semantic.scope_of_read(receiver) else { return false };
        semantic.bindings_of(scope, receiver.id.as_str()).any(|binding| {
            let stmt = binding.stmt.map(|id| semantic.nodes.node(id));
            matches!(stmt, Some(Node::Stmt(Stmt::Assign(assign))) if from_function(&assign.value))
        })
    })
}

/// The first name of a dotted callee: `s` in `s.records`.
fn head_name(expr: &Expr) -> Option<&str> {
    match expr {
        Expr::Name(name) => Some(name.id.as_str()),
        Expr::Attribute(attribute) => head_name(&attribute.value),
        _ => None,
    }
}

/// The async generators of every module processed in this run.
#[derive(Debug, Default)]
pub(crate) struct ProjectIndex {
    summaries: Vec<ModuleSummary>,
    /// Module name → its summary; `None` when two files claim the name (a scripts folder and a
    /// package, say): neither is trusted, so calls resolving there stay unknown.
    modules: FxHashMap<String, Option<usize>>,
}

impl ProjectIndex {
    pub(crate) fn new(summaries: Vec<ModuleSummary>) -> Self {
        let mut modules: FxHashMap<String, Option<usize>> = FxHashMap::default();
        for (i, summary) in summaries.iter().enumerate() {
            for name in &summary.names {
                modules.entry(name.clone()).and_modify(|slot| *slot = None).or_insert(Some(i));
            }
        }
        ProjectIndex { summaries, modules }
    }

    /// Whether an absolute qualified name (`pkg.stream.records`) is an async generator
    /// function of a processed module, following re-exports.
    pub(crate) fn is_async_generator(&self, qualified: &str) -> bool {
        self.lookup(qualified, MAX_REEXPORTS, &|summary| &summary.async_generators)
    }

    /// Whether an absolute qualified name is a generator function of a processed module that
    /// reads what `yield` gives back (driven by `send()`), following re-exports.
    pub(crate) fn is_value_generator(&self, qualified: &str) -> bool {
        self.lookup(qualified, MAX_REEXPORTS, &|summary| &summary.value_generators)
    }

    fn lookup(&self, qualified: &str, hops: usize, set: &dyn Fn(&ModuleSummary) -> &FxHashSet<String>) -> bool {
        let Some((module, name)) = qualified.rsplit_once('.') else { return false };
        let Some(Some(i)) = self.modules.get(module) else { return false };
        let summary = &self.summaries[*i];
        if set(summary).contains(name) {
            return true;
        }
        match summary.imports.get(name) {
            Some(target) if hops > 0 && target != qualified => self.lookup(target, hops - 1, set),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ruff_python_parser::parse_module;

    fn summary(source: &str, name: &str, is_package: bool) -> ModuleSummary {
        let parsed = parse_module(source).expect("test source parses");
        let module_name = ModuleName { name: Some(name.to_owned()), is_package };
        summarize(&SemanticModel::build(parsed.syntax()), &module_name, vec![name.to_owned()])
    }

    #[test]
    fn relative_names_become_absolute() {
        let module = ModuleName { name: Some("pkg.sub.mod".to_owned()), is_package: false };
        assert_eq!(module.absolute(".stream.records").as_deref(), Some("pkg.sub.stream.records"));
        assert_eq!(module.absolute("..util.f").as_deref(), Some("pkg.util.f"));
        assert_eq!(module.absolute("....f"), None);
        let package = ModuleName { name: Some("pkg".to_owned()), is_package: true };
        assert_eq!(package.absolute(".stream.records").as_deref(), Some("pkg.stream.records"));
    }

    #[test]
    fn follows_reexports_through_a_package() {
        let stream = summary("async def records(db):\n    yield 1\nasync def plain():\n    return 1\n", "pkg.stream", false);
        let init = summary("from .stream import records\n", "pkg", true);
        let consumer = summary("from pkg import records\nasync def main():\n    async for r in records(1):\n        break\n", "app", false);
        assert!(consumer.needs_project);
        assert!(!stream.needs_project);
        let index = ProjectIndex::new(vec![stream, init, consumer]);
        assert!(index.is_async_generator("pkg.stream.records"));
        assert!(index.is_async_generator("pkg.records"));
        assert!(!index.is_async_generator("pkg.stream.plain"));
        assert!(!index.is_async_generator("other.records"));
    }

    #[test]
    fn generators_driven_by_send_and_the_files_that_send_to_them() {
        let workers = summary(
            "def averager():\n    total = yield\n    yield total\ndef plain():\n    yield 1\n@primed\ndef wrapped():\n    x = yield\n",
            "pkg.workers",
            false,
        );
        let sender = summary("from pkg.workers import averager\ng = averager()\ng.send(1)\n", "app", false);
        let socket = summary("import socket\ns = socket.socket()\ns.send(b'x')\n", "net", false);
        let module = summary("from pkg import workers\ng = workers.averager()\ng.send(1)\n", "app2", false);
        assert!(module.needs_project);
        assert!(sender.needs_project);
        assert!(!socket.needs_project && !workers.needs_project);
        let index = ProjectIndex::new(vec![workers, sender, socket]);
        assert!(index.is_value_generator("pkg.workers.averager"));
        assert!(index.is_value_generator("app.averager"));
        assert!(!index.is_value_generator("pkg.workers.plain"));
        assert!(!index.is_value_generator("pkg.workers.wrapped"));
        assert!(!index.is_async_generator("pkg.workers.averager"));
    }

    #[test]
    fn async_generator_needs_its_own_yield() {
        let parsed = parse_module("async def f():\n    def g():\n        yield 1\n    return g\n").expect("parses");
        let Stmt::FunctionDef(func) = &parsed.syntax().body[0] else { panic!("a def") };
        assert!(!SemanticModel::build(parsed.syntax()).is_async_generator(func));
    }
}
