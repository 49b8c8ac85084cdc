//! The resolved settings of a run: the command line over the config file over the defaults,
//! per folder. Each file uses the nearest pitfix config found from its own folder upward (or
//! the `--config` file), the nearest Python version its project's metadata states, and the
//! nearest Ruff config's excludes and per-file-ignores, as Ruff resolves its own settings: a run
//! from a monorepo's root checks each project with that project's settings.
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Result, bail};
use globset::{Glob, GlobSet, GlobSetBuilder};
use rustc_hash::FxHashMap;

use crate::rules::Rule;
use crate::workspace::discover::is_python;

pub(crate) mod bot;
pub(crate) mod config;
mod python_version;
mod ruff;
mod target_version;

use config::{Config, FolderFiles};
use ruff::RuffConfig;
pub(crate) use target_version::TargetVersion;

/// Folders skipped while walking unless `exclude` replaces this list (named files are never
/// skipped).
const DEFAULT_EXCLUDES: &[&str] = &[
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox", ".pants.d", ".pitfix_cache",
    ".pytype", ".ruff_cache", ".svn", ".tox", ".venv", "__pypackages__", "_build", "buck-out", "dist",
    "node_modules", "site-packages", "venv",
];

/// What the command line says; `None`/empty means "not given".
#[derive(Debug, Default)]
pub(crate) struct Overrides {
    pub(crate) select: Option<Vec<String>>,
    pub(crate) ignore: Vec<String>,
    pub(crate) unsafe_fixes: bool,
    pub(crate) target_version: Option<TargetVersion>,
    pub(crate) exclude: Vec<String>,
    /// `Some(false)` from `--no-respect-ruff-config`.
    pub(crate) respect_ruff_config: Option<bool>,
    /// `--max-file-size`.
    pub(crate) max_file_size: Option<u64>,
}

#[derive(Debug)]
pub(crate) struct Settings {
    /// The selected transforms, in id order.
    pub(crate) rules: Vec<&'static Rule>,
    pub(crate) unsafe_fixes: bool,
    pub(crate) target_version: TargetVersion,
    pub(crate) exclude: Excludes,
    /// `[tool.pitfix.<id>]` tables, checked against each transform's option names.
    pub(crate) options: BTreeMap<String, toml::Table>,
    /// Files larger than this many bytes are skipped (`max-file-size`).
    pub(crate) max_file_size: u64,
    /// The nearest Ruff config, when it is respected (`respect-ruff-config`).
    ruff: Option<Arc<RuffConfig>>,
}

/// The exclude patterns, and the folder of the config file they were written in (a pattern
/// with a `/` such as `pkg/generated` means the same folder wherever pitfix runs from).
#[derive(Debug, Clone)]
pub(crate) struct Excludes {
    pub(crate) globs: GlobSet,
    pub(crate) anchor: Option<PathBuf>,
    /// Whether some pattern may match a Python file (see [`may_match_python_file`]): the default
    /// patterns name folders, and a walk asks about each file.
    pub(crate) python_files: bool,
}

impl Settings {
    /// The settings from a config file, the folder's Python version and Ruff config, and the
    /// command line; `known` are every transform's rules.
    fn resolve(
        config: &Config,
        version: Option<TargetVersion>,
        ruff: Option<&Arc<RuffConfig>>,
        cli: &Overrides,
        known: &[&'static Rule],
    ) -> Result<Self> {
        let select = cli.select.as_ref().or(config.select.as_ref());
        let mut ignore = config.ignore.clone().unwrap_or_default();
        ignore.extend(cli.ignore.iter().cloned());
        let rules = selected(known, select.map(Vec::as_slice), &ignore)?;

        let mut exclude: Vec<String> = match &config.exclude {
            Some(list) => list.clone(),
            None => DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect(),
        };
        exclude.extend(config.extend_exclude.iter().flatten().cloned());
        exclude.extend(cli.exclude.iter().cloned());
        let respect_ruff = cli.respect_ruff_config.or(config.respect_ruff_config).unwrap_or(true);

        Ok(Settings {
            rules,
            unsafe_fixes: cli.unsafe_fixes || config.unsafe_fixes.unwrap_or(false),
            target_version: cli.target_version.or(config.target_version).or(version).unwrap_or_default(),
            exclude: Excludes::new(&exclude, config.dir.clone())?,
            options: config.transform_options.clone(),
            max_file_size: cli
                .max_file_size
                .or(config.max_file_size)
                .unwrap_or(crate::workspace::read::DEFAULT_MAX_FILE_SIZE),
            ruff: ruff.filter(|_| respect_ruff).cloned(),
        })
    }

    /// The folder of the pitfix config file these settings come from, if any (absolute).
    pub(crate) fn config_dir(&self) -> Option<&Path> {
        self.exclude.anchor.as_deref()
    }

    /// The transforms that run on `path` (absolute): the selected ones, less those a Ruff
    /// per-file-ignore turns off for it.
    pub(crate) fn rules_for(&self, path: &Path) -> Vec<&'static Rule> {
        match &self.ruff {
            Some(ruff) => self.rules.iter().copied().filter(|rule| !ruff.ignores(rule, path)).collect(),
            None => self.rules.clone(),
        }
    }

    /// Whether the walk skips `path` (absolute; `root` is the walked folder): pitfix's own
    /// excludes, and the Ruff config's.
    pub(crate) fn excludes(&self, path: &Path, root: &Path, cwd: &Path) -> bool {
        self.exclude.matches(path, root, cwd) || self.ruff.as_ref().is_some_and(|ruff| ruff.excludes(path))
    }
}

impl Excludes {
    fn new(patterns: &[String], anchor: Option<PathBuf>) -> Result<Excludes> {
        let python_files = patterns.iter().any(|pattern| may_match_python_file(pattern));
        Ok(Excludes { globs: glob_set(patterns)?, anchor, python_files })
    }

    /// An exclude pattern matches a path's file name, or its path relative to the config file's
    /// folder, the walked root or the current directory (so `build`, `tests/fixtures` and
    /// `*_pb2.py` all work). `path` and `root` are absolute.
    fn matches(&self, path: &Path, root: &Path, cwd: &Path) -> bool {
        if !self.python_files && is_python(path) {
            return false;
        }
        let name = path.file_name().map(Path::new);
        let from_root = path.strip_prefix(root).ok();
        let from_cwd = path.strip_prefix(cwd).ok();
        let from_config = self.anchor.as_deref().and_then(|dir| path.strip_prefix(dir).ok());
        [name, from_root, from_cwd, from_config].into_iter().flatten().any(|p| self.globs.is_match(p))
    }
}

/// Finds and caches the settings of each folder: the config files of a folder are read once,
/// and folders whose nearest files are the same share one `Settings`.
pub(crate) struct Resolver {
    known: Vec<&'static Rule>,
    cli: Overrides,
    /// The `--config` file, which replaces every folder's pitfix config.
    explicit: Option<(Arc<Config>, Option<TargetVersion>)>,
    /// Folders whose parents' config files do not apply (as written and as resolved).
    ceilings: Vec<PathBuf>,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    folders: FxHashMap<PathBuf, Arc<Folder>>,
    /// Keyed by the addresses of the pitfix and Ruff configs, and the version.
    shared: HashMap<(usize, Option<TargetVersion>, usize), Arc<Settings>>,
}

/// What applies in a folder: the nearest of each kind of file, from the folder upward.
struct Folder {
    pitfix: Option<Arc<Config>>,
    version: Option<TargetVersion>,
    ruff: Option<Arc<RuffConfig>>,
    settings: Arc<Settings>,
}

impl Resolver {
    /// A resolver for a run in `cwd` (absolute); `config` is the `--config` file.
    pub(crate) fn new(config: Option<&Path>, cli: Overrides, known: &[&'static Rule], cwd: &Path) -> Result<Self> {
        let explicit = match config {
            Some(path) => {
                let (config, requires) = config::load_explicit(path, cwd, known)?;
                Some((Arc::new(config), requires))
            }
            None => None,
        };
        Ok(Resolver { known: known.to_vec(), cli, explicit, ceilings: Vec::new(), state: Mutex::new(State::default()) })
    }

    /// Stops the search for config files at `dir` (inclusive): a file above it, in a folder
    /// someone else may write to (`/tmp`, the filesystem's root), is not read.
    pub(crate) fn stop_at(mut self, dir: Option<&Path>) -> Self {
        if let Some(dir) = dir.filter(|d| d.is_absolute()) {
            self.ceilings.push(crate::workspace::discover::normalize(dir));
            self.ceilings.extend(dir.canonicalize().ok());
        }
        self
    }

    /// The settings of the files in `dir`, an absolute folder without `.` or `..`.
    pub(crate) fn for_dir(&self, dir: &Path) -> Result<Arc<Settings>> {
        Ok(self.folder(dir)?.settings.clone())
    }

    /// The settings of the file at `path`, absolute without `.` or `..`.
    pub(crate) fn for_file(&self, path: &Path) -> Result<Arc<Settings>> {
        self.for_dir(path.parent().unwrap_or(path))
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The folder's settings, its config files read once. They are read outside the lock, so
    /// that the threads of a walk do not wait on each other's reads; when two read one folder at
    /// once, the first to finish is kept and both use it (the files are the same).
    fn folder(&self, dir: &Path) -> Result<Arc<Folder>> {
        if let Some(folder) = self.state().folders.get(dir) {
            return Ok(folder.clone());
        }
        let parent = match dir.parent() {
            Some(parent) if !self.ceilings.iter().any(|c| c == dir) => Some(self.folder(parent)?),
            _ => None,
        };
        let files: FolderFiles = config::read_folder(dir, self.explicit.is_none(), &self.known)?;
        let pitfix = match &self.explicit {
            Some((config, _)) => Some(config.clone()),
            None => files.pitfix.map(Arc::new).or_else(|| parent.as_deref().and_then(|f| f.pitfix.clone())),
        };
        let ruff = files.ruff.map(Arc::new).or_else(|| parent.as_deref().and_then(|f| f.ruff.clone()));
        let version = files.version.or_else(|| parent.as_deref().and_then(|f| f.version));
        let key = (
            pitfix.as_ref().map_or(0, |c| Arc::as_ptr(c) as usize),
            version,
            ruff.as_ref().map_or(0, |c| Arc::as_ptr(c) as usize),
        );
        let mut state = self.state();
        if let Some(folder) = state.folders.get(dir) {
            return Ok(folder.clone());
        }
        let settings = match state.shared.get(&key) {
            Some(settings) => settings.clone(),
            None => {
                let default = Config::default();
                let config = pitfix.as_deref().unwrap_or(&default);
                // With `--config`, a version found near the files comes before the named
                // pyproject's own `requires-python`.
                let version = version.or_else(|| self.explicit.as_ref().and_then(|(_, requires)| *requires));
                let settings = Arc::new(Settings::resolve(config, version, ruff.as_ref(), &self.cli, &self.known)?);
                state.shared.insert(key, settings.clone());
                settings
            }
        };
        let folder = Arc::new(Folder { pitfix, version, ruff, settings });
        state.folders.insert(dir.to_path_buf(), folder.clone());
        Ok(folder)
    }
}

fn selected(known: &[&'static Rule], select: Option<&[String]>, ignore: &[String]) -> Result<Vec<&'static Rule>> {
    for id in select.into_iter().flatten().chain(ignore) {
        if id != "ALL" && !known.iter().any(|rule| rule.id == id) {
            bail!("unknown transform id `{id}` (see `pitfix rules`)");
        }
    }
    let chosen = |rule: &&'static Rule| match select {
        Some(ids) => ids.iter().any(|id| id == "ALL" || id == rule.id),
        None => rule.default_enabled,
    };
    Ok(known.iter().copied().filter(chosen).filter(|rule| !ignore.iter().any(|id| id == rule.id)).collect())
}

/// Whether an exclude pattern may match the name or a relative path of a `.py` or `.pyi` file:
/// one with glob syntax (a wildcard, a class, alternatives, an escape), or one that names such a
/// file. A pattern without glob syntax matches a path equal to it only.
fn may_match_python_file(pattern: &str) -> bool {
    let pattern = pattern.trim_end_matches('/');
    pattern.contains(['*', '?', '[', '{', '\\']) || is_python(Path::new(pattern))
}

fn glob_set(patterns: &[String]) -> Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        match Glob::new(pattern.trim_end_matches('/')) {
            Ok(glob) => builder.add(glob),
            Err(e) => bail!("invalid exclude pattern `{pattern}`: {e}"),
        };
    }
    Ok(builder.build()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{FixSafety, any_options};

    static IS_LITERAL: Rule = Rule {
        id: "is-literal",
        summary: "",
        fix_safety: FixSafety::Safe,
        default_enabled: true,
        noqa_codes: &["F632"],
        options: &[],
        validate_options: any_options,
        uses_project_index: false,
    };

    /// A temporary tree with `files` (path, text); its canonical root.
    fn tree(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        (dir, root)
    }

    fn resolver(root: &Path, cli: Overrides) -> Resolver {
        Resolver::new(None, cli, &[&IS_LITERAL], root).unwrap()
    }

    #[test]
    fn only_patterns_with_glob_syntax_or_a_python_name_may_match_a_python_file() {
        for pattern in DEFAULT_EXCLUDES.iter().chain(&["generated/", "pkg/build", "data.json"]) {
            assert!(!may_match_python_file(pattern), "{pattern}");
        }
        for pattern in ["*_pb2.py", "gen.py", "pkg/stubs.pyi", "venv/lib.py", "tests/**", "mod?", "v[0-9]", "{a,b}", "odd\\*"] {
            assert!(may_match_python_file(pattern), "{pattern}");
        }
        let settings = |patterns: &[&str]| {
            let patterns: Vec<String> = patterns.iter().map(|p| (*p).to_owned()).collect();
            Excludes::new(&patterns, None).expect("valid patterns")
        };
        let (root, cwd) = (Path::new("/r"), Path::new("/r"));
        let defaults: Vec<&str> = DEFAULT_EXCLUDES.to_vec();
        assert!(settings(&defaults).matches(Path::new("/r/venv"), root, cwd));
        assert!(!settings(&defaults).matches(Path::new("/r/venv.py"), root, cwd));
        assert!(settings(&["gen.py"]).matches(Path::new("/r/pkg/gen.py"), root, cwd));
        assert!(settings(&["dist", "*_pb2.py"]).matches(Path::new("/r/api_pb2.py"), root, cwd));
    }

    #[test]
    fn each_file_uses_the_nearest_project_version() {
        let (_dir, root) = tree(&[
            ("pitfix.toml", ""),
            ("a/pyproject.toml", "[project]\nrequires-python = \">=3.8\"\n"),
            ("b/pyproject.toml", "[project]\nrequires-python = \">=3.11\"\n"),
            ("c/setup.cfg", "[options]\npython_requires = >=3.12\n"),
            ("d/setup.py", "setup(python_requires='>=3.5')\n"),
        ]);
        let resolver = resolver(&root, Overrides::default());
        let version = |file: &str| resolver.for_file(&root.join(file)).unwrap().target_version;
        assert_eq!(version("a/x.py"), TargetVersion::Py38);
        assert_eq!(version("b/y.py"), TargetVersion::Py311);
        assert_eq!(version("b/deep/er/y.py"), TargetVersion::Py311);
        assert_eq!(version("c/z.py"), TargetVersion::Py312);
        assert_eq!(version("d/z.py"), TargetVersion::Py38);
        assert_eq!(version("top.py"), TargetVersion::Py310);
    }

    #[test]
    fn the_command_line_and_pitfix_target_version_win() {
        let (_dir, root) = tree(&[
            ("pitfix.toml", "target-version = \"py39\"\n"),
            ("b/pyproject.toml", "[project]\nrequires-python = \">=3.11\"\n"),
        ]);
        let version = |cli: Overrides| resolver(&root, cli).for_file(&root.join("b/y.py")).unwrap().target_version;
        assert_eq!(version(Overrides::default()), TargetVersion::Py39);
        let cli = Overrides { target_version: Some(TargetVersion::Py313), ..Overrides::default() };
        assert_eq!(version(cli), TargetVersion::Py313);
    }

    #[test]
    fn the_search_stops_at_the_ceiling() {
        let (_dir, root) = tree(&[("pitfix.toml", "unsafe-fixes = true\n"), ("repo/a.py", "")]);
        let open = resolver(&root, Overrides::default());
        assert!(open.for_file(&root.join("repo/a.py")).unwrap().unsafe_fixes);
        let stopped = resolver(&root, Overrides::default()).stop_at(Some(&root.join("repo")));
        assert!(!stopped.for_file(&root.join("repo/a.py")).unwrap().unsafe_fixes);
        assert!(!stopped.for_file(&root.join("repo/sub/b.py")).unwrap().unsafe_fixes);
    }

    #[test]
    fn folders_share_settings_and_files_are_read_once() {
        let (_dir, root) = tree(&[("pyproject.toml", "[project]\nrequires-python = \">=3.9\"\n")]);
        let resolver = resolver(&root, Overrides::default());
        let top = resolver.for_file(&root.join("m.py")).unwrap();
        let deep = resolver.for_file(&root.join("pkg/sub/n.py")).unwrap();
        assert!(Arc::ptr_eq(&top, &deep));
        // Cached: a config written after the folder was resolved is not read again.
        std::fs::write(root.join("pyproject.toml"), "not toml [").unwrap();
        assert!(Arc::ptr_eq(&top, &resolver.for_file(&root.join("pkg/sub/o.py")).unwrap()));
    }

    #[test]
    fn threads_resolving_the_same_folders_at_once_share_one_settings() {
        let (_dir, root) = tree(&[
            ("pyproject.toml", "[project]\nrequires-python = \">=3.9\"\n"),
            ("lib/pitfix.toml", "unsafe-fixes = true\n"),
        ]);
        let resolver = resolver(&root, Overrides::default());
        let files: Vec<PathBuf> = (0..40).map(|i| root.join(format!("lib/d{}/s{}/m.py", i % 5, i % 3))).collect();
        // Every thread asks for the same files in another order, so that reads of one folder overlap.
        let results: Vec<Vec<Arc<Settings>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|t| {
                    let (resolver, files) = (&resolver, &files);
                    scope.spawn(move || files.iter().cycle().skip(t * 7).take(files.len()).map(|f| resolver.for_file(f).unwrap()).collect())
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let first = &results[0][0];
        assert!(first.unsafe_fixes);
        assert!(results.iter().flatten().all(|s| Arc::ptr_eq(s, first)));
        let top = resolver.for_file(&root.join("m.py")).unwrap();
        assert!(!top.unsafe_fixes && !Arc::ptr_eq(&top, first));
    }

    #[test]
    fn ruff_per_file_ignores_turn_transforms_off_unless_disabled() {
        let (_dir, root) = tree(&[(
            "pyproject.toml",
            "[tool.ruff.lint.per-file-ignores]\n\"tests/*\" = [\"F632\"]\n[tool.ruff]\nextend-exclude = [\"gen\"]\n",
        )]);
        let settings = resolver(&root, Overrides::default()).for_dir(&root).unwrap();
        assert!(settings.rules_for(&root.join("tests/t.py")).is_empty());
        assert_eq!(settings.rules_for(&root.join("src/t.py")).len(), 1);
        assert!(settings.excludes(&root.join("gen"), &root, &root));
        let off = Overrides { respect_ruff_config: Some(false), ..Overrides::default() };
        let settings = resolver(&root, off).for_dir(&root).unwrap();
        assert_eq!(settings.rules_for(&root.join("tests/t.py")).len(), 1);
        assert!(!settings.excludes(&root.join("gen"), &root, &root));
    }
}
