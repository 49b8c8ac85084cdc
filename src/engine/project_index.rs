//! The project index: which functions of the files being processed are async generators, and
//! what each module's imports refer to, so that a transform can tell that `records(...)` in one
//! file calls an async generator defined in another. Built from the same parse as the
//! transforms: each file contributes a small summary, and only the files that call something
//! imported in an `async for` wait for the whole index before their transforms run.
use std::collections::HashMap;

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ruff_python_ast::{Expr, Stmt};
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::semantic::SemanticModel;

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
    /// A digest of all of the above, for the index's own (`ProjectIndex::digest`).
    digest: u128,
}

/// What a module contributes to the index before its name is applied: it depends on the file's
/// text alone, so the cache keeps it and a warm run rebuilds the index without parsing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct LocalSummary {
    /// Module-level `async def` functions that are async generators, sorted.
    async_generators: Vec<String>,
    /// Names bound by imports, to their qualified names as written (maybe relative), sorted by
    /// name (each name once).
    imports: Vec<(String, String)>,
    /// An `async for` iterates over a call of an imported name: the file needs the whole index.
    pub(crate) needs_project: bool,
    /// A digest of all of the above.
    digest: u128,
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
pub(crate) fn summarize_local(semantic: &SemanticModel) -> LocalSummary {
    let imports = import_bindings(semantic);
    let mut summary = LocalSummary::default();
    for stmt in &semantic.module.body {
        if let Stmt::FunctionDef(func) = stmt {
            if semantic.is_async_generator(func) {
                summary.async_generators.push(func.name.to_string());
            }
        }
    }
    summary.async_generators.sort_unstable();
    summary.async_generators.dedup();
    summary.needs_project = semantic.async_fors().iter().any(|for_stmt| match for_stmt.iter.as_ref() {
        Expr::Call(call) => head_name(&call.func).is_some_and(|head| imports.contains_key(head)),
        _ => false,
    });
    summary.imports = imports.into_iter().map(|(local, target)| (local.to_owned(), target.to_owned())).collect();
    summary.imports.sort_unstable();
    let mut digest = Xxh3::new();
    digest.update(&(summary.async_generators.len() as u64).to_le_bytes());
    for name in &summary.async_generators {
        feed(&mut digest, name);
    }
    for (local, target) in &summary.imports {
        feed(&mut digest, local);
        feed(&mut digest, target);
    }
    digest.update(&[u8::from(summary.needs_project)]);
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
        ModuleSummary { names, module, local: self.clone(), needs_project: self.needs_project, digest: digest.digest128() }
    }
}

/// Feeds a string with its length, so that `("ab", "c")` and `("a", "bc")` differ.
fn feed(hasher: &mut Xxh3, part: &str) {
    hasher.update(&(part.len() as u64).to_le_bytes());
    hasher.update(part.as_bytes());
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
        self.lookup(qualified, MAX_REEXPORTS)
    }

    fn lookup(&self, qualified: &str, hops: usize) -> bool {
        let Some((module, name)) = qualified.rsplit_once('.') else { return false };
        let Some(Some(i)) = self.modules.get(module) else { return false };
        let summary = &self.summaries[*i];
        let local = &summary.local;
        if local.async_generators.binary_search_by(|g| g.as_str().cmp(name)).is_ok() {
            return true;
        }
        let Ok(at) = local.imports.binary_search_by(|(bound, _)| bound.as_str().cmp(name)) else { return false };
        match summary.module.absolute(&local.imports[at].1) {
            Some(target) if hops > 0 && target != qualified => self.lookup(&target, hops - 1),
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
        Arc::new(summarize_local(&SemanticModel::build(parsed.syntax()))).resolve(module_name, vec![name.to_owned()])
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
    fn async_generator_needs_its_own_yield() {
        let parsed = parse_module("async def f():\n    def g():\n        yield 1\n    return g\n").expect("parses");
        let Stmt::FunctionDef(func) = &parsed.syntax().body[0] else { panic!("a def") };
        assert!(!SemanticModel::build(parsed.syntax()).is_async_generator(func));
    }
}
