//! The resolved settings of a run: the command line over the config file over the defaults.
use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::ValueEnum;
use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::config::Config;
use crate::index::{ModuleName, ProjectIndex};
use crate::transforms::{self, Transform};

/// The oldest Python version the checked code must run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, ValueEnum, Default)]
pub(crate) enum TargetVersion {
    Py38,
    Py39,
    #[default]
    Py310,
    Py311,
    Py312,
    Py313,
    Py314,
}

impl TargetVersion {
    pub(crate) fn minor(self) -> u8 {
        match self {
            TargetVersion::Py38 => 8,
            TargetVersion::Py39 => 9,
            TargetVersion::Py310 => 10,
            TargetVersion::Py311 => 11,
            TargetVersion::Py312 => 12,
            TargetVersion::Py313 => 13,
            TargetVersion::Py314 => 14,
        }
    }

    /// The supported version for `3.<minor>`, clamped to the range pitfix knows.
    pub(crate) fn from_minor(minor: u32) -> Self {
        let all = TargetVersion::value_variants();
        all.iter().copied().find(|v| u32::from(v.minor()) >= minor).unwrap_or(TargetVersion::Py314)
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        TargetVersion::from_str(name, true).ok()
    }
}

/// Folders skipped while walking unless `exclude` replaces this list (named files are never
/// skipped).
const DEFAULT_EXCLUDES: &[&str] = &[
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".mypy_cache", ".nox", ".pants.d", ".pytype",
    ".ruff_cache", ".svn", ".tox", ".venv", "__pypackages__", "_build", "buck-out", "dist",
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
}

#[derive(Debug)]
pub(crate) struct Settings {
    pub(crate) transforms: Vec<&'static dyn Transform>,
    pub(crate) unsafe_fixes: bool,
    pub(crate) target_version: TargetVersion,
    pub(crate) exclude: Excludes,
    /// `[tool.pitfix.<id>]` tables, checked against each transform's option names.
    pub(crate) options: BTreeMap<String, toml::Table>,
}

/// The exclude patterns, and the folder of the config file they were written in (a pattern
/// with a `/` such as `pkg/generated` means the same folder wherever pitfix runs from).
#[derive(Debug, Clone)]
pub(crate) struct Excludes {
    pub(crate) globs: GlobSet,
    pub(crate) anchor: Option<PathBuf>,
}

/// The settings one file is checked with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FileSettings<'a> {
    pub(crate) transforms: &'a [&'static dyn Transform],
    pub(crate) target_version: TargetVersion,
    pub(crate) is_stub: bool,
    pub(crate) options: &'a BTreeMap<String, toml::Table>,
    /// The run's project index, when a selected transform uses it.
    pub(crate) project: Option<&'a ProjectIndex>,
    /// The file's dotted module name, for its relative imports.
    pub(crate) module: Option<&'a ModuleName>,
}

impl Settings {
    /// Whether a selected transform needs the project index.
    pub(crate) fn uses_project_index(&self) -> bool {
        self.transforms.iter().any(|t| t.uses_project_index())
    }

    pub(crate) fn resolve(config: &Config, cli: Overrides) -> Result<Self> {
        let select = cli.select.or_else(|| config.select.clone());
        let mut ignore = config.ignore.clone().unwrap_or_default();
        ignore.extend(cli.ignore);
        let transforms = selected(select.as_deref(), &ignore)?;

        let mut exclude: Vec<String> = match &config.exclude {
            Some(list) => list.clone(),
            None => DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect(),
        };
        exclude.extend(config.extend_exclude.iter().flatten().cloned());
        exclude.extend(cli.exclude);

        Ok(Settings {
            transforms,
            unsafe_fixes: cli.unsafe_fixes || config.unsafe_fixes.unwrap_or(false),
            target_version: cli
                .target_version
                .or(config.target_version)
                .unwrap_or_default(),
            exclude: Excludes { globs: glob_set(&exclude)?, anchor: config.dir.clone() },
            options: config.transform_options.clone(),
        })
    }

    pub(crate) fn for_file(&self, is_stub: bool) -> FileSettings<'_> {
        FileSettings {
            transforms: &self.transforms,
            target_version: self.target_version,
            is_stub,
            options: &self.options,
            project: None,
            module: None,
        }
    }
}

fn selected(select: Option<&[String]>, ignore: &[String]) -> Result<Vec<&'static dyn Transform>> {
    for id in select.into_iter().flatten().chain(ignore) {
        if id != "ALL" && transforms::by_id(id).is_none() {
            bail!("unknown transform id `{id}` (see `pitfix rules`)");
        }
    }
    let chosen = |t: &&'static dyn Transform| match select {
        Some(ids) => ids.iter().any(|id| id == "ALL" || id == t.rule().id),
        None => t.rule().default_enabled,
    };
    Ok(transforms::ALL
        .iter()
        .copied()
        .filter(chosen)
        .filter(|t| !ignore.iter().any(|id| id == t.rule().id))
        .collect())
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
