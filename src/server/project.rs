//! The workspace folder as the command line would see it: each file's settings from the
//! nearest config files (`settings::Resolver`, the same search as `pitfix check`), and the
//! project index of every Python file under the folder, for the cross-file transforms.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;

use crate::engine::document::{summarize_folder, summarize_text};
use crate::engine::project_index::{ModuleName, ModuleSummary, PackageRoots, ProjectIndex, module_names};
use crate::engine::transform::Transform;
use crate::rules::Rule;
use crate::settings::{Overrides, Resolver, Settings};
use crate::server::analysis::guarded;
use crate::transforms;
use crate::workspace::discover::is_python;

/// Files whose change can change settings: pitfix's own, Ruff's (per-file-ignores, excludes)
/// and those the project's Python version is read from.
pub(crate) const CONFIG_FILES: &[&str] = &["pyproject.toml", "pitfix.toml", "ruff.toml", ".ruff.toml", "setup.cfg", "setup.py"];

pub(crate) struct Project {
    /// The workspace folder (absolute), or the server's current folder when the editor names none.
    root: PathBuf,
    resolver: Arc<Resolver>,
    packages: PackageRoots,
    /// Each file's summary, by path: replaced when the file is saved.
    summaries: BTreeMap<PathBuf, ModuleSummary>,
    index: ProjectIndex,
}

/// What a document is checked with.
pub(crate) struct DocumentSettings {
    pub(crate) settings: Arc<Settings>,
    pub(crate) transforms: Vec<&'static dyn Transform>,
    pub(crate) module: Option<ModuleName>,
}

impl Project {
    /// The project of `root`, its index built (the problems met are returned as messages).
    pub(crate) fn new(root: PathBuf) -> Result<(Self, Vec<String>)> {
        let resolver = Arc::new(new_resolver(&root)?);
        let mut project =
            Project { root, resolver, packages: PackageRoots::default(), summaries: BTreeMap::new(), index: ProjectIndex::default() };
        let problems = project.build_index();
        Ok((project, problems))
    }

    pub(crate) fn index(&self) -> &ProjectIndex {
        &self.index
    }

    /// Reads every config file again (they changed) and rebuilds the index, whose files the
    /// new excludes may change.
    pub(crate) fn reload(&mut self) -> Result<Vec<String>> {
        self.resolver = Arc::new(new_resolver(&self.root)?);
        self.packages = PackageRoots::default();
        Ok(self.build_index())
    }

    fn build_index(&mut self) -> Vec<String> {
        // Only a transform that reads other files needs the index (as in a run).
        if !transforms::ALL.iter().any(|t| t.rule().uses_project_index) {
            return Vec::new();
        }
        let (summaries, problems) = summarize_folder(&self.root, &self.resolver, &self.packages, transforms::ALL);
        self.summaries = summaries.into_iter().collect();
        self.index = ProjectIndex::new(self.summaries.values().cloned().collect());
        problems
    }

    /// Takes the files' new texts into the index (`None`: the file is gone), and rebuilds it
    /// once; files outside the workspace folder, or that its walk skips, are not in it.
    pub(crate) fn refresh(&mut self, files: Vec<(PathBuf, Option<String>)>) {
        let roots = [self.root.clone()];
        let mut changed = false;
        for (path, text) in files {
            let indexed = path.starts_with(&self.root) && is_python(&path) && matches!(self.excludes(&path), Ok(false));
            if !indexed {
                continue;
            }
            let summary = text.and_then(|text| {
                guarded(&text, || summarize_text(&path, &text, &roots, &self.packages, transforms::ALL)).ok().flatten()
            });
            match summary {
                Some(summary) => self.summaries.insert(path, summary),
                None => self.summaries.remove(&path),
            };
            changed = true;
        }
        if changed {
            self.index = ProjectIndex::new(self.summaries.values().cloned().collect());
        }
    }

    /// The settings of a document at `path` (none: an unsaved buffer, checked with the
    /// workspace folder's settings), as `pitfix check` would use them for that file.
    pub(crate) fn settings_for(&self, path: Option<&Path>) -> Result<DocumentSettings> {
        let settings = match path {
            Some(path) => self.resolver.for_file(path)?,
            None => self.resolver.for_dir(&self.root)?,
        };
        let rules: Vec<&'static Rule> = match path {
            Some(path) if self.excludes(path)? => Vec::new(),
            Some(path) => settings.rules_for(path),
            None => settings.rules.clone(),
        };
        let transforms = transforms::ALL.iter().copied().filter(|t| rules.iter().any(|r| std::ptr::eq(*r, t.rule()))).collect();
        let module = path.map(|path| module_names(path, std::slice::from_ref(&self.root), &self.packages).0);
        Ok(DocumentSettings { settings, transforms, module })
    }

    /// Whether `pitfix check` on the workspace folder would skip the file: an exclude of
    /// pitfix or Ruff matches it or a folder it is in (below the workspace folder).
    fn excludes(&self, path: &Path) -> Result<bool> {
        for walked in path.ancestors().take_while(|a| *a != self.root && a.starts_with(&self.root)) {
            if self.resolver.for_file(walked)?.excludes(walked, &self.root, &self.root) {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// A resolver as the command line makes one: no overrides, and no config file above the home
/// directory.
fn new_resolver(root: &Path) -> Result<Resolver> {
    let known: Vec<&'static Rule> = transforms::ALL.iter().map(|t| t.rule()).collect();
    let resolver = Resolver::new(None, Overrides::default(), &known, root)?;
    Ok(resolver.stop_at(std::env::home_dir().as_deref()))
}
