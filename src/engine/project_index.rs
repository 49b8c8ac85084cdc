//! The project index: which functions of the files being processed are async generators, the
//! bases and metaclass of their module-level classes, and what each module's imports refer to,
//! so that a transform can tell that `records(...)` in one file calls an async generator
//! defined in another, or which metaclass a class imported from another file has. Built from the same parse as the
//! transforms: each file contributes a small summary, and only the files that call something
//! imported in an `async for` wait for the whole index before their transforms run.
use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ruff_python_ast::{Expr, StmtClassDef};

use crate::semantic::knowledge::{CLASS_KEEPING_DECORATORS, STDLIB_MODULES, canonical_class, library_class};
use crate::engine::first_look::FirstLook;
use crate::semantic::queries::names::{bases, metaclass_keyword};

/// How many re-exports (`from .stream import records` in `__init__.py`) a lookup follows.
const MAX_REEXPORTS: usize = 8;

/// What one module contributes to the index.
#[derive(Debug, Default)]
pub(crate) struct ModuleSummary {
    /// The dotted names the module can be imported by (package root, given folder, `src/`).
    pub(crate) names: Vec<String>,
    /// Module-level `async def` functions that are async generators.
    async_generators: FxHashSet<String>,
    /// Module-level names bound by imports, to absolute qualified names.
    imports: FxHashMap<String, String>,
    /// Module-level classes bound once, whose bases and metaclass are all named (and whose
    /// decorators return the class): what their metaclass is follows from these.
    classes: FxHashMap<String, ClassSummary>,
    /// An `async for` iterates over a call of an imported name: the file needs the whole index.
    pub(crate) needs_project: bool,
    /// The top-level packages (`pkg` of `pkg.models.Base`) of imported classes from which a
    /// class with several bases (or a base and a metaclass) may inherit a metaclass: the file
    /// needs the whole index when one of them is among the files processed.
    pub(crate) metaclass_imports: Vec<String>,
}

impl ModuleSummary {
    /// Whether the file needs the whole index, given the top-level package names of the files
    /// processed (an import of a package outside them cannot be resolved through the index).
    pub(crate) fn needs_index(&self, project_packages: &FxHashSet<String>) -> bool {
        self.needs_project || self.metaclass_imports.iter().any(|top| project_packages.contains(top))
    }
}

/// A module-level class: its bases and its `metaclass=`, as absolute qualified names
/// (`pkg.models.Base`, `abc.ABCMeta`, `builtins.type`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ClassSummary {
    pub(crate) bases: Vec<String>,
    pub(crate) metaclass: Option<String>,
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

/// Summarizes a module for the index, from the engine's first look at it.
pub(crate) fn summarize(look: &FirstLook, name: &ModuleName, names: Vec<String>) -> ModuleSummary {
    let mut summary = ModuleSummary { names, ..ModuleSummary::default() };
    summary.async_generators = look.async_generators.iter().map(|n| (*n).to_owned()).collect();
    summary.needs_project = look.async_for_callees.iter().any(|head| look.imports.contains_key(head));
    summary.metaclass_imports = metaclass_imports(look, name);
    summary.classes = class_summaries(look, name);
    for (local, target) in &look.imports {
        if let Some(absolute) = name.absolute(target) {
            summary.imports.insert((*local).to_owned(), absolute);
        }
    }
    summary
}

/// The module-level classes that a name binds once, with their bases and metaclass named.
fn class_summaries(look: &FirstLook, module: &ModuleName) -> FxHashMap<String, ClassSummary> {
    let Some(own) = module.name.as_deref() else { return FxHashMap::default() };
    let mut classes = FxHashMap::default();
    for class in look.classes.iter().filter(|c| look.names.is_class_bound_once(c.name.as_str())) {
        if let Some(summary) = class_summary(look, class, own, module) {
            classes.insert(class.name.to_string(), summary);
        }
    }
    classes
}

fn class_summary(look: &FirstLook, class: &StmtClassDef, own: &str, module: &ModuleName) -> Option<ClassSummary> {
    let at_top = |expr: &Expr| look.names.at_top(expr, |name| look.imported(name).is_some());
    let keeps = |d: &ruff_python_ast::Decorator| {
        at_top(uncalled(&d.expression)).is_some_and(|q| CLASS_KEEPING_DECORATORS.contains(&q.as_str()))
    };
    if !class.decorator_list.iter().all(keeps) {
        return None;
    }
    let name_of = |expr: &Expr| -> Option<String> {
        let expr = match expr {
            Expr::Subscript(subscript) => &subscript.value,
            other => other,
        };
        if let Some(qualified) = at_top(expr) {
            return module.absolute(canonical_class(&qualified));
        }
        // A class of this module, bound once at its top level.
        let Expr::Name(base) = expr else { return None };
        look.names.is_class_bound_once(base.id.as_str()).then(|| format!("{own}.{}", base.id))
    };
    let mut summary = ClassSummary::default();
    for base in bases(class) {
        summary.bases.push(name_of(base)?);
    }
    for keyword in class.arguments.iter().flat_map(|a| a.keywords.iter()) {
        match keyword.arg.as_deref() {
            None => return None,
            Some("metaclass") => summary.metaclass = Some(name_of(&keyword.value)?),
            Some(_) => {}
        }
    }
    Some(summary)
}

/// `@dataclass(frozen=True)` is the decorator `dataclass`, configured.
fn uncalled(expr: &Expr) -> &Expr {
    match expr {
        Expr::Call(call) => &call.func,
        other => other,
    }
}

/// What the index can tell about a base or `metaclass=` of a class statement, for deciding
/// whether the file must wait for the whole index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parent {
    /// Its metaclass is `type` (a builtin, `typing.Generic`): it never conflicts.
    Plain,
    /// A standard library class with its own metaclass, or a metaclass.
    Library,
    /// A class of this module: its metaclass may come from another file through its bases.
    Local,
    /// Imported from a module the library table does not know: maybe a file of the project.
    Imported,
}

/// The top-level package of an absolute qualified name: `pkg` of `pkg.models.Base`.
fn top_package(qualified: &str) -> &str {
    qualified.split('.').next().unwrap_or(qualified)
}

/// What a base or `metaclass=` is, with its qualified name when imported.
fn parent_kind(look: &FirstLook, expr: &Expr, is_keyword: bool) -> (Parent, Option<String>) {
    let expr = match expr {
        Expr::Subscript(subscript) => &subscript.value,
        other => other,
    };
    let Some(qualified) = look.names.anywhere(expr, &|name| look.imported(name)) else { return (Parent::Local, None) };
    let kind = match library_class(canonical_class(&qualified)) {
        Some(_) if is_keyword => if qualified == "builtins.type" { Parent::Plain } else { Parent::Library },
        Some(class) => if class.metaclass.is_some() { Parent::Library } else { Parent::Plain },
        None if qualified.starts_with("builtins.") => Parent::Plain,
        None => return (Parent::Imported, Some(qualified)),
    };
    (kind, None)
}

/// The top-level packages of the imports from which a class of the module with two metaclass
/// sources (bases, `metaclass=`) that may have a metaclass other than `type` may inherit one:
/// its imported sources, and when one of the sources is a class of this module, every imported
/// base of the module (which may be that class's ancestor). A class that mixes one such base
/// with builtins (`class E(AppError, ValueError)`) cannot conflict and asks for nothing.
fn metaclass_imports(look: &FirstLook, module: &ModuleName) -> Vec<String> {
    // Each class with its metaclass sources (a name read in a function may be the function's:
    // then it counts as a class of the module, which may have any ancestor).
    let classes = || {
        look.classes
            .iter()
            .map(|class| bases(class).iter().map(|b| (b, false)).chain(metaclass_keyword(class).map(|k| (k, true))))
    };
    let imported = |expr: &Expr, is_keyword: bool| match parent_kind(look, expr, is_keyword) {
        (Parent::Imported, Some(qualified)) => module.absolute(&qualified).map(|q| top_package(&q).to_owned()),
        _ => None,
    };
    let mut tops: Vec<String> = Vec::new();
    let mut local_candidates = false;
    for sources in classes() {
        // Most classes have one base or none: no question to ask about them.
        if sources.clone().nth(1).is_none() {
            continue;
        }
        let (mut maybe, mut local) = (0, false);
        let mut here: Vec<String> = Vec::new();
        for (expr, is_keyword) in sources {
            let (kind, qualified) = parent_kind(look, expr, is_keyword);
            maybe += usize::from(kind != Parent::Plain);
            local |= kind == Parent::Local;
            if kind == Parent::Imported {
                here.extend(qualified.and_then(|q| module.absolute(&q)).map(|q| top_package(&q).to_owned()));
            }
        }
        if maybe >= 2 {
            tops.extend(here);
            local_candidates |= local;
        }
    }
    // A class of this module among the sources: any imported base here may be its ancestor.
    if local_candidates {
        for sources in classes() {
            tops.extend(sources.filter_map(|(expr, is_keyword)| imported(expr, is_keyword)));
        }
    }
    tops.retain(|top| !STDLIB_MODULES.contains(&top.as_str()));
    tops.sort_unstable();
    tops.dedup();
    tops
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
        self.lookup(qualified, MAX_REEXPORTS)
    }

    /// The bases and metaclass of a module-level class of a processed module, by its absolute
    /// qualified name, following re-exports.
    pub(crate) fn class(&self, qualified: &str) -> Option<&ClassSummary> {
        self.class_lookup(qualified, MAX_REEXPORTS)
    }

    fn class_lookup(&self, qualified: &str, hops: usize) -> Option<&ClassSummary> {
        let (module, name) = qualified.rsplit_once('.')?;
        let Some(Some(i)) = self.modules.get(module) else { return None };
        let summary = &self.summaries[*i];
        if let Some(class) = summary.classes.get(name) {
            return Some(class);
        }
        match summary.imports.get(name) {
            Some(target) if hops > 0 && target != qualified => self.class_lookup(target, hops - 1),
            _ => None,
        }
    }

    fn lookup(&self, qualified: &str, hops: usize) -> bool {
        let Some((module, name)) = qualified.rsplit_once('.') else { return false };
        let Some(Some(i)) = self.modules.get(module) else { return false };
        let summary = &self.summaries[*i];
        if summary.async_generators.contains(name) {
            return true;
        }
        match summary.imports.get(name) {
            Some(target) if hops > 0 && target != qualified => self.lookup(target, hops - 1),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::first_look::first_look;
    use ruff_python_parser::parse_module;

    fn summary(source: &str, name: &str, is_package: bool) -> ModuleSummary {
        let parsed = parse_module(source).expect("test source parses");
        let module_name = ModuleName { name: Some(name.to_owned()), is_package };
        let look = first_look(parsed.syntax(), &[], true);
        summarize(&look, &module_name, vec![name.to_owned()])
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
    fn classes_with_their_bases_and_metaclass_through_reexports() {
        let meta = summary(
            "import abc\nclass Meta(abc.ABCMeta): pass\nclass Base(metaclass=Meta): pass\nclass Child(Base): pass\n\
             @decorate\nclass Hidden(Base): pass\nclass Twice: pass\nTwice = 1\nclass Made(make()): pass\n",
            "pkg.meta",
            false,
        );
        let init = summary("from .meta import Base\n", "pkg", true);
        let user = summary("from pkg import Base\nfrom other import Mixin\nclass C(Base, Mixin): pass\n", "app", false);
        let single = summary("from pkg import Base\nclass C(Base): pass\n", "app2", false);
        let builtin_mix = summary("from pkg import Base\nclass E(Base, ValueError, object): pass\n", "app3", false);
        let through_local =
            summary("from pkg import Base\nfrom abc import ABC\nclass L(Base): pass\nclass C(L, ABC): pass\n", "app4", false);
        let packages: FxHashSet<String> = ["pkg".to_owned()].into_iter().collect();
        assert!(user.needs_index(&packages));
        assert!(!user.needs_index(&FxHashSet::default()), "`pkg` is not among the files processed");
        assert!(through_local.needs_index(&packages));
        assert!(!single.needs_index(&packages));
        assert!(!builtin_mix.needs_index(&packages), "a base mixed with builtins cannot conflict");
        assert!(!meta.needs_index(&packages));
        let index = ProjectIndex::new(vec![meta, init, user, single]);
        let class = |q: &str| index.class(q).cloned();
        assert_eq!(class("pkg.meta.Meta"), Some(ClassSummary { bases: vec!["abc.ABCMeta".to_owned()], metaclass: None }));
        let base = ClassSummary { bases: Vec::new(), metaclass: Some("pkg.meta.Meta".to_owned()) };
        assert_eq!(class("pkg.meta.Base"), Some(base.clone()));
        assert_eq!(class("pkg.Base"), Some(base));
        assert_eq!(class("pkg.meta.Child").map(|c| c.bases), Some(vec!["pkg.meta.Base".to_owned()]));
        assert_eq!(class("app.C").map(|c| c.bases), Some(vec!["pkg.Base".to_owned(), "other.Mixin".to_owned()]));
        for unknown in ["pkg.meta.Hidden", "pkg.meta.Twice", "pkg.meta.Made", "other.Mixin"] {
            assert_eq!(class(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn async_generator_needs_its_own_yield() {
        let nested = summary("async def f():\n    def g():\n        yield 1\n    return g\n", "m", false);
        assert!(nested.async_generators.is_empty());
        let lambda = summary("async def f():\n    return lambda: (yield)\n", "m", false);
        assert!(lambda.async_generators.is_empty());
        let own = summary("async def f():\n    x = [(yield) for _ in 'a']\n", "m", false);
        assert!(own.async_generators.contains("f"));
        // A yield in a default of an inner def runs in the outer function.
        let default = summary("async def f():\n    def g(a=(yield)):\n        pass\n", "m", false);
        assert!(default.async_generators.contains("f"));
        let not_top = summary("if True:\n    async def f():\n        yield 1\n", "m", false);
        assert!(not_top.async_generators.is_empty());
    }

    #[test]
    fn imports_in_any_scope_and_ambiguous_ones_dropped() {
        let s = summary("def f():\n    from a import x\ndef g():\n    from b import x\nimport c.d as e\n", "m", false);
        assert!(!s.imports.contains_key("x"));
        assert_eq!(s.imports.get("e").map(String::as_str), Some("c.d"));
    }

    #[test]
    fn names_syntax_cannot_settle_are_not_named() {
        // Rebound, bound by an assignment, or a parameter of the function that makes the class.
        let s = summary("from pkg import A\nA = wrap(A)\nclass C(A): pass\n", "m", false);
        assert!(!s.classes.contains_key("C"));
        let packages: FxHashSet<String> = ["pkg".to_owned()].into_iter().collect();
        let local = summary("from pkg import Base\ndef f(Mixin):\n    class C(Base, Mixin): pass\n", "m", false);
        assert!(local.needs_index(&packages), "a parameter may be any class: wait for the index");
    }
}
