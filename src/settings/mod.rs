//! The resolved settings of a run: the command line over the config file over the defaults.
use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Result, bail};
use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::rules::Rule;

pub(crate) mod config;
mod target_version;

use config::Config;
pub(crate) use target_version::TargetVersion;

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
    /// The selected transforms, in id order.
    pub(crate) rules: Vec<&'static Rule>,
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

impl Settings {
    /// The settings from the config file and the command line; `known` are every transform's rules.
    pub(crate) fn resolve(config: &Config, cli: Overrides, known: &[&'static Rule]) -> Result<Self> {
        let select = cli.select.or_else(|| config.select.clone());
        let mut ignore = config.ignore.clone().unwrap_or_default();
        ignore.extend(cli.ignore);
        let rules = selected(known, select.as_deref(), &ignore)?;

        let mut exclude: Vec<String> = match &config.exclude {
            Some(list) => list.clone(),
            None => DEFAULT_EXCLUDES.iter().map(|s| s.to_string()).collect(),
        };
        exclude.extend(config.extend_exclude.iter().flatten().cloned());
        exclude.extend(cli.exclude);

        Ok(Settings {
            rules,
            unsafe_fixes: cli.unsafe_fixes || config.unsafe_fixes.unwrap_or(false),
            target_version: cli
                .target_version
                .or(config.target_version)
                .unwrap_or_default(),
            exclude: Excludes { globs: glob_set(&exclude)?, anchor: config.dir.clone() },
            options: config.transform_options.clone(),
        })
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
