//! The project index: which functions of the files being processed are async generators, the
//! bases and metaclass of their module-level classes, and what each module's imports refer to,
//! so that a transform can tell that `records(...)` in one file calls an async generator
//! defined in another, or which metaclass a class imported from another file has. Built from
//! each file's first look (syntax alone): each file contributes a small summary, which the
//! cache keeps, and only the files that need the whole index wait for it.
use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ruff_python_ast::{Expr, StmtClassDef};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::engine::first_look::FirstLook;
use crate::semantic::knowledge::{CLASS_KEEPING_DECORATORS, STDLIB_MODULES, canonical_class, library_class};
use crate::semantic::queries::names::{bases, metaclass_keyword};

/// How many re-exports (`from .stream import records` in `__init__.py`) a lookup follows.
const MAX_REEXPORTS: usize = 8;

/// What one module contributes to the index: what its text says, under its names.
#[derive(Debug)]
pub(crate) struct ModuleSummary {
    /// The dotted names the module can be imported by (package root, given folder, `src/`).
    pub(crate) names: Vec<String>,
    /// The name its relative imports start from.
    module: ModuleName,
    local: Arc<LocalSummary>,
    /// An `async for` iterates over a call of an imported name: the file needs the whole index.
    pub(crate) needs_project: bool,
    /// The top-level packages (`pkg` of `pkg.models.Base`) of imported classes from which a
    /// class with several bases (or a base and a metaclass) may inherit a metaclass: the file
    /// needs the whole index when one of them is among the files processed.
    pub(crate) metaclass_imports: Vec<String>,
    /// A digest of all of the above, for the index's own (`ProjectIndex::digest`).
    digest: u128,
}

impl ModuleSummary {
    /// Whether the file needs the whole index, given the top-level package names of the files
    /// processed (an import of a package outside them cannot be resolved through the index).
    pub(crate) fn needs_index(&self, project_packages: &FxHashSet<String>) -> bool {
        self.needs_project || self.metaclass_imports.iter().any(|top| project_packages.contains(top))
    }
}

/// What a module contributes to the index before its name is applied: it depends on the file's
/// text alone, so the cache keeps it and a warm run rebuilds the index without parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LocalSummary {
    /// Module-level `async def` functions that are async generators, sorted.
    async_generators: Vec<String>,
    /// Module-level undecorated `def` generators that read what `yield` gives back (driven by
    /// `send()`), sorted.
    value_generators: Vec<String>,
    /// Names bound by imports, to their qualified names as written (maybe relative), sorted by
    /// name (each name once).
    imports: Vec<(String, String)>,
    /// An `async for` iterates over a call of an imported name, or a `send()` goes to a name
    /// assigned from one: the file needs the whole index.
    pub(crate) needs_project: bool,
    /// Module-level classes bound once whose bases and metaclass are all named (and whose
    /// decorators return the class), sorted by name.
    classes: Vec<(String, WrittenClass)>,
    /// The qualified names as written (maybe relative) of imported classes that a class with
    /// several metaclass sources may inherit a metaclass from.
    metaclass_sources: Vec<String>,
    /// A digest of all of the above.
    digest: u128,
}

/// A class's bases and `metaclass=` as the module names them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct WrittenClass {
    bases: Vec<Written>,
    metaclass: Option<Written>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
enum Written {
    /// A qualified name (`abc.ABCMeta`, `builtins.type`), maybe relative (`.models.Base`).
    Qualified(String),
    /// A class of the module itself.
    Local(String),
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

/// Summarizes a module for the index, from its semantic model: the part its text alone decides
/// ([`LocalSummary::resolve`] then applies its names).
/// Summarizes a module for the index, from the engine's first look at it: the part its text
/// alone decides ([`LocalSummary::resolve`] then applies its names).
pub(crate) fn summarize_local(look: &FirstLook) -> LocalSummary {
    let mut summary = LocalSummary::default();
    summary.async_generators = look.async_generators.iter().map(|n| (*n).to_owned()).collect();
    summary.async_generators.sort_unstable();
    summary.async_generators.dedup();
    summary.value_generators = look.value_generators.iter().map(|n| (*n).to_owned()).collect();
    summary.value_generators.sort_unstable();
    summary.value_generators.dedup();
    summary.needs_project = look.async_for_callees.iter().any(|head| look.imports.contains_key(head))
        || sends_to_imported_function(look);
    summary.imports = look.imports.iter().map(|(local, target)| ((*local).to_owned(), target.clone())).collect();
    summary.imports.sort_unstable();
    summary.classes = class_summaries(look);
    summary.metaclass_sources = metaclass_sources(look);
    let mut digest = Xxh3::new();
    digest.update(&(summary.async_generators.len() as u64).to_le_bytes());
    for name in &summary.async_generators {
        feed(&mut digest, name);
    }
    digest.update(&(summary.value_generators.len() as u64).to_le_bytes());
    for name in &summary.value_generators {
        feed(&mut digest, name);
    }
    for (local, target) in &summary.imports {
        feed(&mut digest, local);
        feed(&mut digest, target);
    }
    digest.update(&[u8::from(summary.needs_project)]);
    for (name, class) in &summary.classes {
        feed(&mut digest, name);
        for written in class.bases.iter().chain(&class.metaclass) {
            feed(&mut digest, &format!("{written:?}"));
        }
        digest.update(&[u8::from(class.metaclass.is_some())]);
    }
    for source in &summary.metaclass_sources {
        feed(&mut digest, source);
    }
    summary.digest = digest.digest128();
    summary
}

impl LocalSummary {
    /// The module's summary under its names (`module` for its relative imports). Nothing is
    /// copied: a warm run resolves every file's cached summary.
    pub(crate) fn resolve(self: &Arc<Self>, module: ModuleName, names: Vec<String>) -> ModuleSummary {
        let mut digest = Xxh3::new();
        digest.update(&(names.len() as u64).to_le_bytes());
        for name in names.iter().chain(&module.name) {
            feed(&mut digest, name);
        }
        digest.update(&[u8::from(module.name.is_some()), u8::from(module.is_package)]);
        digest.update(&self.digest.to_le_bytes());
        let mut metaclass_imports: Vec<String> = self
            .metaclass_sources
            .iter()
            .filter_map(|q| module.absolute(q))
            .map(|q| top_package(&q).to_owned())
            .filter(|top| !STDLIB_MODULES.contains(&top.as_str()))
            .collect();
        metaclass_imports.sort_unstable();
        metaclass_imports.dedup();
        ModuleSummary {
            names,
            module,
            local: self.clone(),
            needs_project: self.needs_project,
            metaclass_imports,
            digest: digest.digest128(),
        }
    }
}

/// Whether the receiver of some `name.send(...)` call is assigned (anywhere in the module) from
/// a call of an imported function: `g = consumer()` after `from .workers import consumer`,
/// `workers.consumer()` after `from . import workers`. Not an attribute of a plain `import
/// module` (`socket.socket()`, whose objects' `send` is another one): sockets are what most sends
/// talk to, and each such file would wait for the whole index.
fn sends_to_imported_function(look: &FirstLook) -> bool {
    let from_function = |callee: &Expr| {
        let Some(head) = head_name(callee) else { return false };
        look.imports.contains_key(head) && (callee.is_name_expr() || !look.plain_modules.contains(head))
    };
    look.send_receivers.iter().any(|receiver| {
        look.assigned_calls.iter().any(|(target, callee)| target == receiver && from_function(callee))
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

fn feed(hasher: &mut Xxh3, part: &str) {
    hasher.update(&(part.len() as u64).to_le_bytes());
    hasher.update(part.as_bytes());
}

/// The module-level classes that a name binds once, with their bases and metaclass named.
fn class_summaries(look: &FirstLook) -> Vec<(String, WrittenClass)> {
    let mut classes: Vec<(String, WrittenClass)> = look
        .classes
        .iter()
        .filter(|c| look.names.is_class_bound_once(c.name.as_str()))
        .filter_map(|class| Some((class.name.to_string(), class_summary(look, class)?)))
        .collect();
    classes.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    classes
}

fn class_summary(look: &FirstLook, class: &StmtClassDef) -> Option<WrittenClass> {
    let at_top = |expr: &Expr| look.names.at_top(expr, |name| look.imported(name).is_some());
    let keeps = |d: &ruff_python_ast::Decorator| {
        at_top(uncalled(&d.expression)).is_some_and(|q| CLASS_KEEPING_DECORATORS.contains(&q.as_str()))
    };
    if !class.decorator_list.iter().all(keeps) {
        return None;
    }
    let name_of = |expr: &Expr| -> Option<Written> {
        let expr = match expr {
            Expr::Subscript(subscript) => &subscript.value,
            other => other,
        };
        if let Some(qualified) = at_top(expr) {
            return Some(Written::Qualified(canonical_class(&qualified).to_owned()));
        }
        // A class of this module, bound once at its top level.
        let Expr::Name(base) = expr else { return None };
        look.names.is_class_bound_once(base.id.as_str()).then(|| Written::Local(base.id.to_string()))
    };
    let mut summary = WrittenClass::default();
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
fn metaclass_sources(look: &FirstLook) -> Vec<String> {
    // Each class with its metaclass sources (a name read in a function may be the function's:
    // then it counts as a class of the module, which may have any ancestor).
    let classes = || {
        look.classes
            .iter()
            .map(|class| bases(class).iter().map(|b| (b, false)).chain(metaclass_keyword(class).map(|k| (k, true))))
    };
    let imported = |expr: &Expr, is_keyword: bool| match parent_kind(look, expr, is_keyword) {
        (Parent::Imported, Some(qualified)) => Some(qualified),
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
                here.extend(qualified);
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
    /// A digest of everything a lookup can read (`digest`).
    digest: u128,
}

impl ProjectIndex {
    pub(crate) fn new(summaries: Vec<ModuleSummary>) -> Self {
        let mut modules: FxHashMap<String, Option<usize>> = FxHashMap::default();
        for (i, summary) in summaries.iter().enumerate() {
            for name in &summary.names {
                modules.entry(name.clone()).and_modify(|slot| *slot = None).or_insert(Some(i));
            }
        }
        let mut hasher = Xxh3::new();
        for summary in &summaries {
            hasher.update(&summary.digest.to_le_bytes());
        }
        ProjectIndex { summaries, modules, digest: hasher.digest128() }
    }

    /// A digest of everything a lookup can read: equal digests, equal answers. A cached result
    /// of a file that needed the index holds only while the index's digest is the same.
    pub(crate) fn digest(&self) -> u128 {
        self.digest
    }

    /// Whether an absolute qualified name (`pkg.stream.records`) is an async generator
    /// function of a processed module, following re-exports.
    pub(crate) fn is_async_generator(&self, qualified: &str) -> bool {
        self.lookup(qualified, MAX_REEXPORTS, &|local| &local.async_generators)
    }

    /// Whether an absolute qualified name is a generator function of a processed module that
    /// reads what `yield` gives back (driven by `send()`), following re-exports.
    pub(crate) fn is_value_generator(&self, qualified: &str) -> bool {
        self.lookup(qualified, MAX_REEXPORTS, &|local| &local.value_generators)
    }

    /// The bases and metaclass of a module-level class of a processed module, by its absolute
    /// qualified name, following re-exports.
    pub(crate) fn class(&self, qualified: &str) -> Option<ClassSummary> {
        self.class_lookup(qualified, MAX_REEXPORTS)
    }

    fn class_lookup(&self, qualified: &str, hops: usize) -> Option<ClassSummary> {
        let (module, name) = qualified.rsplit_once('.')?;
        let Some(Some(i)) = self.modules.get(module) else { return None };
        let summary = &self.summaries[*i];
        let local = &summary.local;
        if let Ok(at) = local.classes.binary_search_by(|(class, _)| class.as_str().cmp(name)) {
            let written = &local.classes[at].1;
            let own = summary.module.name.as_deref()?;
            let absolute = |w: &Written| match w {
                Written::Qualified(q) => summary.module.absolute(q),
                Written::Local(n) => Some(format!("{own}.{n}")),
            };
            let bases = written.bases.iter().map(absolute).collect::<Option<Vec<_>>>()?;
            let metaclass = match &written.metaclass {
                Some(w) => Some(absolute(w)?),
                None => None,
            };
            return Some(ClassSummary { bases, metaclass });
        }
        let Ok(at) = local.imports.binary_search_by(|(bound, _)| bound.as_str().cmp(name)) else { return None };
        match summary.module.absolute(&local.imports[at].1) {
            Some(target) if hops > 0 && target != qualified => self.class_lookup(&target, hops - 1),
            _ => None,
        }
    }

    /// Whether `qualified` is in the list `set` picks from its module's summary, following
    /// re-exports.
    fn lookup(&self, qualified: &str, hops: usize, set: &dyn Fn(&LocalSummary) -> &Vec<String>) -> bool {
        let Some((module, name)) = qualified.rsplit_once('.') else { return false };
        let Some(Some(i)) = self.modules.get(module) else { return false };
        let summary = &self.summaries[*i];
        let local = &summary.local;
        if set(local).binary_search_by(|g| g.as_str().cmp(name)).is_ok() {
            return true;
        }
        let Ok(at) = local.imports.binary_search_by(|(bound, _)| bound.as_str().cmp(name)) else { return false };
        match summary.module.absolute(&local.imports[at].1) {
            Some(target) if hops > 0 && target != qualified => self.lookup(&target, hops - 1, set),
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
        Arc::new(summarize_local(&look)).resolve(module_name, vec![name.to_owned()])
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
        let class = |q: &str| index.class(q);
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
        assert!(nested.local.async_generators.is_empty());
        let lambda = summary("async def f():\n    return lambda: (yield)\n", "m", false);
        assert!(lambda.local.async_generators.is_empty());
        let own = summary("async def f():\n    x = [(yield) for _ in 'a']\n", "m", false);
        assert!(own.local.async_generators.iter().any(|g| g == "f"));
        // A yield in a default of an inner def runs in the outer function.
        let default = summary("async def f():\n    def g(a=(yield)):\n        pass\n", "m", false);
        assert!(default.local.async_generators.iter().any(|g| g == "f"));
        let not_top = summary("if True:\n    async def f():\n        yield 1\n", "m", false);
        assert!(not_top.local.async_generators.is_empty());
    }

    #[test]
    fn imports_in_any_scope_and_ambiguous_ones_dropped() {
        let s = summary("def f():\n    from a import x\ndef g():\n    from b import x\nimport c.d as e\n", "m", false);
        assert!(!s.local.imports.iter().any(|(name, _)| name == "x"));
        assert!(s.local.imports.iter().any(|(name, target)| name == "e" && target == "c.d"));
    }

    #[test]
    fn names_syntax_cannot_settle_are_not_named() {
        // Rebound, bound by an assignment, or a parameter of the function that makes the class.
        let s = summary("from pkg import A\nA = wrap(A)\nclass C(A): pass\n", "m", false);
        assert!(!s.local.classes.iter().any(|(name, _)| name == "C"));
        let packages: FxHashSet<String> = ["pkg".to_owned()].into_iter().collect();
        let local = summary("from pkg import Base\ndef f(Mixin):\n    class C(Base, Mixin): pass\n", "m", false);
        assert!(local.needs_index(&packages), "a parameter may be any class: wait for the index");
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
        let inside = summary("def f():\n    from pkg.workers import averager\n    g = averager()\n    g.send(1)\n", "app3", false);
        assert!(inside.needs_project, "an import inside a function counts too");
        let index = ProjectIndex::new(vec![workers, sender, socket]);
        assert!(index.is_value_generator("pkg.workers.averager"));
        assert!(index.is_value_generator("app.averager"));
        assert!(!index.is_value_generator("pkg.workers.plain"));
        assert!(!index.is_value_generator("pkg.workers.wrapped"));
        assert!(!index.is_async_generator("pkg.workers.averager"));
    }

}
