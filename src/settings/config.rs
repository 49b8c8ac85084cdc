//! The `[tool.pitfix]` table of the nearest `pyproject.toml`, or a `pitfix.toml`, found from the
//! current directory upward (or named with `--config`).
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use toml::{Table, Value};

use crate::settings::TargetVersion;
use crate::rules::Rule;

#[derive(Debug, Default)]
pub(crate) struct Config {
    /// The folder of the config file: relative exclude patterns are anchored there.
    pub(crate) dir: Option<PathBuf>,
    pub(crate) select: Option<Vec<String>>,
    pub(crate) ignore: Option<Vec<String>>,
    pub(crate) unsafe_fixes: Option<bool>,
    /// From `target-version`, else from `[project] requires-python`.
    pub(crate) target_version: Option<TargetVersion>,
    pub(crate) exclude: Option<Vec<String>>,
    pub(crate) extend_exclude: Option<Vec<String>>,
    pub(crate) transform_options: BTreeMap<String, Table>,
}

/// Loads the named config file, or the nearest one from `cwd` upward; no file means defaults.
/// `known` are every transform's rules, whose `[tool.pitfix.<id>]` tables the file may hold.
pub(crate) fn load(explicit: Option<&Path>, cwd: &Path, known: &[&'static Rule]) -> Result<Config> {
    if let Some(path) = explicit {
        let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
        let table = read_toml(path)?;
        let mut config = from_file(path, &table, is_pyproject, known)?;
        config.dir = config.dir.map(|dir| cwd.join(dir));
        return Ok(config);
    }
    let mut requires_python = None;
    for dir in cwd.ancestors() {
        let own = dir.join("pitfix.toml");
        if own.is_file() {
            let mut config = from_file(&own, &read_toml(&own)?, false, known)?;
            config.target_version = config.target_version.or(requires_python);
            return Ok(config);
        }
        let pyproject = dir.join("pyproject.toml");
        if pyproject.is_file() {
            let table = read_toml(&pyproject)?;
            if tool_pitfix(&table).is_some() {
                let mut config = from_file(&pyproject, &table, true, known)?;
                config.target_version = config.target_version.or(requires_python);
                return Ok(config);
            }
            requires_python = requires_python.or_else(|| project_requires_python(&table));
        }
    }
    Ok(Config { target_version: requires_python, ..Config::default() })
}

fn read_toml(path: &Path) -> Result<Table> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read config file {}", path.display()))?;
    text.parse::<Table>()
        .map_err(|e| anyhow!("{}: invalid TOML: {e}", path.display()))
}

fn tool_pitfix(table: &Table) -> Option<&Value> {
    table.get("tool")?.as_table()?.get("pitfix")
}

fn project_requires_python(table: &Table) -> Option<TargetVersion> {
    let spec = table.get("project")?.get("requires-python")?.as_str()?;
    min_python_minor(spec).map(TargetVersion::from_minor)
}

/// The lowest `3.x` a `requires-python` specifier set allows, e.g. `>=3.9,<4` → 9.
fn min_python_minor(spec: &str) -> Option<u32> {
    spec.split(',')
        .filter_map(|clause| {
            let clause = clause.trim();
            let (op, version) = ["~=", ">=", "==", ">"]
                .iter()
                .find_map(|op| clause.strip_prefix(op).map(|rest| (*op, rest.trim())))?;
            let mut parts = version.split('.');
            if parts.next()? != "3" {
                return None;
            }
            let minor: u32 = parts.next()?.trim_end_matches('*').parse().ok()?;
            Some(if op == ">" && parts.next().is_none() { minor + 1 } else { minor })
        })
        .min()
}

fn from_file(path: &Path, table: &Table, is_pyproject: bool, known: &[&'static Rule]) -> Result<Config> {
    let (settings, prefix) = if is_pyproject {
        let Some(value) = tool_pitfix(table) else {
            let requires = project_requires_python(table);
            return Ok(Config { target_version: requires, ..Config::default() });
        };
        let settings = value
            .as_table()
            .ok_or_else(|| anyhow!("{}: `tool.pitfix` must be a table", path.display()))?;
        (settings, "tool.pitfix.")
    } else {
        (table, "")
    };
    let mut config = parse_settings(settings, &Key { path, prefix }, known)?;
    config.dir = path.parent().map(Path::to_path_buf);
    if is_pyproject && config.target_version.is_none() {
        config.target_version = project_requires_python(table);
    }
    Ok(config)
}

/// Names a key in an error message: the file and the dotted key.
struct Key<'a> {
    path: &'a Path,
    prefix: &'a str,
}

impl Key<'_> {
    fn error(&self, key: &str, what: &str) -> anyhow::Error {
        anyhow!("{}: `{}{key}` {what}", self.path.display(), self.prefix)
    }

    fn strings(&self, key: &str, value: &Value) -> Result<Vec<String>> {
        let items = value.as_array().ok_or_else(|| self.error(key, "must be a list of strings"))?;
        items
            .iter()
            .map(|v| v.as_str().map(str::to_owned).ok_or_else(|| self.error(key, "must be a list of strings")))
            .collect()
    }
}

fn parse_settings(table: &Table, key: &Key, known: &[&'static Rule]) -> Result<Config> {
    let mut config = Config::default();
    for (name, value) in table {
        match name.as_str() {
            "select" => config.select = Some(key.strings(name, value)?),
            "ignore" => config.ignore = Some(key.strings(name, value)?),
            "exclude" => config.exclude = Some(key.strings(name, value)?),
            "extend-exclude" => config.extend_exclude = Some(key.strings(name, value)?),
            "unsafe-fixes" => {
                config.unsafe_fixes =
                    Some(value.as_bool().ok_or_else(|| key.error(name, "must be true or false"))?);
            }
            "target-version" => {
                let version = value.as_str().and_then(TargetVersion::parse).ok_or_else(|| {
                    key.error(name, "must be one of py38, py39, py310, py311, py312, py313, py314")
                })?;
                config.target_version = Some(version);
            }
            other => match known.iter().find(|rule| rule.id == other) {
                Some(rule) => {
                    let options = value
                        .as_table()
                        .ok_or_else(|| key.error(name, "must be a table of that transform's options"))?;
                    let allowed = rule.options;
                    if let Some(bad) = options.keys().find(|k| !allowed.contains(&k.as_str())) {
                        return Err(key.error(&format!("{other}.{bad}"), "is not a known option"));
                    }
                    (rule.validate_options)(options).map_err(|why: String| key.error(other, &why))?;
                    config.transform_options.insert(other.to_owned(), options.clone());
                }
                None => bail!(key.error(name, "is not a known setting")),
            },
        }
    }
    Ok(config)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requires_python_lower_bound() {
        assert_eq!(min_python_minor(">=3.9"), Some(9));
        assert_eq!(min_python_minor(">=3.8, <4"), Some(8));
        assert_eq!(min_python_minor("~=3.11.2"), Some(11));
        assert_eq!(min_python_minor(">3.9"), Some(10));
        assert_eq!(min_python_minor("==3.12.*"), Some(12));
        assert_eq!(min_python_minor("<4"), None);
    }

    #[test]
    fn unknown_key_names_key_and_file() {
        let table: Table = "[tool.pitfix]\nselct = ['is-literal']\n".parse().unwrap();
        let err = from_file(Path::new("pyproject.toml"), &table, true, &[]).unwrap_err().to_string();
        assert_eq!(err, "pyproject.toml: `tool.pitfix.selct` is not a known setting");
    }
}
