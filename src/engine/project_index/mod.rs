//! The project index: which functions of the files being processed are async generators, the
//! bases and metaclass of their module-level classes, and what each module's imports refer to,
//! so that a transform can tell that `records(...)` in one file calls an async generator
//! defined in another, or which metaclass a class imported from another file has. Built from
//! each file's first look (syntax alone): each file contributes a small summary, which the
//! cache keeps, and only the files that need the whole index wait for it.

use rustc_hash::{FxHashMap, FxHashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

use crate::semantic::knowledge::STDLIB_MODULES;

/// How many re-exports (`from .stream import records` in `__init__.py`) a lookup follows.
const MAX_REEXPORTS: usize = 8;

/// What one module contributes to the index: what its text says, under its names.
#[derive(Debug, Clone)]
pub(crate) struct ModuleSummary {
    /// The dotted names the module can be imported by (package root, given folder, `src/`).
    pub(crate) names: Vec<String>,
    /// The name its relative imports start from.
    module: ModuleName,
    local: Arc<LocalSummary>,
    /// The top-level packages (`pkg` of `pkg.models.Base`) of imported classes from which a
    /// class with several bases (or a base and a metaclass) may inherit a metaclass: the file
    /// needs the whole index when one of them is among the files processed.
    pub(crate) metaclass_imports: Vec<String>,
    /// A digest of all of the above, for the index's own (`ProjectIndex::digest`).
    digest: u128,
}

/// The facts of other files a transform reads from the index (`Transform::index_needs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IndexNeed {
    /// Which imported functions are async generators (`async for` over their calls).
    AsyncGenerators,
    /// Which imported functions are generators driven by `send()`.
    ValueGenerators,
    /// The bases and metaclasses of imported classes.
    Classes,
}

impl ModuleSummary {
    /// Whether the file needs the whole index for `need`, given the top-level package names of
    /// the files processed (an import of a package outside them cannot be resolved through the
    /// index).
    pub(crate) fn needs_index(&self, need: IndexNeed, project_packages: &FxHashSet<String>) -> bool {
        match need {
            IndexNeed::AsyncGenerators => self.local.async_for_imported,
            IndexNeed::ValueGenerators => self.local.sends_to_imported,
            IndexNeed::Classes => self.metaclass_imports.iter().any(|top| project_packages.contains(top)),
        }
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
    /// The first half of `needs_project`: an `async for` over a call of an imported name.
    async_for_imported: bool,
    /// The second half: a `send()` to a name assigned a call of an imported name.
    sends_to_imported: bool,
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
pub(crate) struct PackageRoots(Mutex<FxHashMap<PathBuf, PathBuf>>);

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
    // The path's components, parsed once (parsing them was most of the work, once per base):
    // each base is a prefix of them, and names the components after it.
    let components: Vec<Component> = path.components().collect();
    let prefix = |base: &Path| {
        let mut len = 0;
        for component in base.components() {
            if components.get(len) != Some(&component) {
                return None;
            }
            len += 1;
        }
        Some(len)
    };
    // `src` folders, the deepest first (as `Path::ancestors` gives them).
    let sources = (0..components.len()).rev().filter(|&i| components[i].as_os_str() == "src").map(|i| i + 1);
    let bases = std::iter::once(prefix(&package_root))
        .chain(roots.iter().map(|root| prefix(root)))
        .flatten()
        .chain(sources);
    let mut names: Vec<String> = Vec::new();
    for base in bases {
        if let Some(name) = dotted_name(&components[base..], is_package) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    (ModuleName { name: names.first().cloned(), is_package }, names)
}

/// The dotted name of the components after a base: the last without its extension, and
/// without it at all for a package's `__init__`.
fn dotted_name(relative: &[Component], is_package: bool) -> Option<String> {
    let (last, folders) = relative.split_last()?;
    let last = last.as_os_str();
    let stem = Path::new(last).file_stem().unwrap_or(last);
    let mut parts: Vec<&str> = folders.iter().map(|c| c.as_os_str().to_str()).collect::<Option<_>>()?;
    parts.push(stem.to_str()?);
    if is_package {
        parts.pop();
    }
    let valid = |p: &&str| !p.is_empty() && p.chars().all(|c| c.is_alphanumeric() || c == '_');
    (!parts.is_empty() && parts.iter().all(valid)).then(|| parts.join("."))
}

mod summary;
#[cfg(test)]
mod tests;

pub(crate) use summary::summarize_local;

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
            metaclass_imports,
            digest: digest.digest128(),
        }
    }
}

fn feed(hasher: &mut Xxh3, part: &str) {
    hasher.update(&(part.len() as u64).to_le_bytes());
    hasher.update(part.as_bytes());
}

/// The top-level package of an absolute qualified name: `pkg` of `pkg.models.Base`.
fn top_package(qualified: &str) -> &str {
    qualified.split('.').next().unwrap_or(qualified)
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
    /// An empty index made to be asked ([`ProjectIndex::recording`]): the questions asked.
    asked: Option<Mutex<Vec<Question>>>,
}

/// A question a check asked of the index. A file checked against an empty index that records
/// its questions needs no second check once the whole index answers each of them as the empty
/// one did (no): the checks take the same path, so they reach the same result.
#[derive(Debug, Clone)]
pub(crate) enum Question {
    AsyncGenerator(String),
    ValueGenerator(String),
    /// A question the check words itself: a whole judgement that read several facts, which the
    /// whole index may know without changing its outcome (most classes' metaclass is `type`).
    Judged(Arc<dyn Judged>),
}

/// A judgement a check made against the empty index, kept to be made again against the whole.
pub(crate) trait Judged: std::fmt::Debug + Send + Sync {
    /// Whether `index` leads the judgement to the outcome the empty index did.
    fn answers_no(&self, index: &ProjectIndex) -> bool;
}

impl ProjectIndex {
    /// An index that knows nothing and records what it is asked.
    pub(crate) fn recording() -> Self {
        ProjectIndex { asked: Some(Mutex::default()), ..ProjectIndex::default() }
    }

    /// The questions a [`ProjectIndex::recording`] was asked.
    pub(crate) fn into_questions(self) -> Vec<Question> {
        self.asked.map(|asked| asked.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)).unwrap_or_default()
    }

    /// Whether this index answers every question no, as an empty one does.
    pub(crate) fn answers_no(&self, questions: &[Question]) -> bool {
        questions.iter().all(|question| match question {
            Question::AsyncGenerator(q) => !self.is_async_generator(q),
            Question::ValueGenerator(q) => !self.is_value_generator(q),
            Question::Judged(judged) => judged.answers_no(self),
        })
    }

    /// Records a judgement to be made again (on a [`ProjectIndex::recording`]).
    pub(crate) fn note_judged(&self, judged: impl FnOnce() -> Arc<dyn Judged>) {
        self.note(|| Question::Judged(judged()));
    }

    fn note(&self, question: impl FnOnce() -> Question) {
        if let Some(asked) = &self.asked {
            asked.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(question());
        }
    }

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
        ProjectIndex { summaries, modules, digest: hasher.digest128(), asked: None }
    }

    /// A digest of everything a lookup can read: equal digests, equal answers. A cached result
    /// of a file that needed the index holds only while the index's digest is the same.
    pub(crate) fn digest(&self) -> u128 {
        self.digest
    }

    /// Whether an absolute qualified name (`pkg.stream.records`) is an async generator
    /// function of a processed module, following re-exports.
    pub(crate) fn is_async_generator(&self, qualified: &str) -> bool {
        self.note(|| Question::AsyncGenerator(qualified.to_owned()));
        self.lookup(qualified, MAX_REEXPORTS, &|local| &local.async_generators)
    }

    /// Whether an absolute qualified name is a generator function of a processed module that
    /// reads what `yield` gives back (driven by `send()`), following re-exports.
    pub(crate) fn is_value_generator(&self, qualified: &str) -> bool {
        self.note(|| Question::ValueGenerator(qualified.to_owned()));
        self.lookup(qualified, MAX_REEXPORTS, &|local| &local.value_generators)
    }

    /// The bases and metaclass of a module-level class of a processed module, by its absolute
    /// qualified name, following re-exports. Not recorded: the judgement reading it is
    /// ([`ProjectIndex::note_judged`]).
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

