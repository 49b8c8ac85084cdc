//! Config files: the `[tool.pitfix]` table of a `pyproject.toml` or a `pitfix.toml` (or the file
//! named with `--config`), and what a folder's other files say (the Python version, Ruff's
//! excludes and per-file-ignores). `Resolver` (in `settings`) combines the folders from a file's
//! own upward.
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use toml::{Table, Value};

use crate::rules::Rule;
use crate::settings::bot::{self, BotSettings};
use crate::settings::TargetVersion;
use crate::settings::python_version;
use crate::settings::ruff::RuffConfig;

#[derive(Debug, Default)]
pub(crate) struct Config {
    /// The folder of the config file: relative exclude patterns are anchored there.
    pub(crate) dir: Option<PathBuf>,
    pub(crate) select: Option<Vec<String>>,
    pub(crate) ignore: Option<Vec<String>>,
    pub(crate) unsafe_fixes: Option<bool>,
    /// From `target-version` (the project's metadata is read per folder: `read_folder`).
    pub(crate) target_version: Option<TargetVersion>,
    pub(crate) exclude: Option<Vec<String>>,
    pub(crate) extend_exclude: Option<Vec<String>>,
    /// `respect-ruff-config`: honour Ruff's excludes and per-file-ignores (default true).
    pub(crate) respect_ruff_config: Option<bool>,
    /// `max-file-size`: larger files are skipped and named.
    pub(crate) max_file_size: Option<u64>,
    pub(crate) transform_options: BTreeMap<String, Table>,
    /// `[tool.pitfix.bot]` (`[bot]` of `pitfix.toml`): how `pr` and `review` behave.
    pub(crate) bot: Option<BotSettings>,
}

/// The named config file (`--config`), and the `requires-python` of that file when it is a
/// `pyproject.toml`.
pub(crate) fn load_explicit(path: &Path, cwd: &Path, known: &[&'static Rule]) -> Result<(Config, Option<TargetVersion>)> {
    let is_pyproject = path.file_name().is_some_and(|n| n == "pyproject.toml");
    let table = read_toml(path)?;
    let mut config = from_file(path, &table, is_pyproject, known)?;
    config.dir = config.dir.map(|dir| cwd.join(dir));
    let requires = if is_pyproject { project_requires_python(&table) } else { None };
    Ok((config, requires))
}

/// What the config files of one folder say.
#[derive(Debug, Default)]
pub(crate) struct FolderFiles {
    /// `pitfix.toml`, else `[tool.pitfix]` of `pyproject.toml`.
    pub(crate) pitfix: Option<Config>,
    /// The oldest Python the folder's project metadata states: `[project] requires-python`,
    /// else Ruff's `target-version`, else `setup.cfg`'s `[options] python_requires`, else a
    /// literal `python_requires=` in `setup.py`.
    pub(crate) version: Option<TargetVersion>,
    /// `.ruff.toml`, else `ruff.toml`, else `[tool.ruff]` of `pyproject.toml` (Ruff's order).
    pub(crate) ruff: Option<RuffConfig>,
}

/// Reads the config files in `dir` (`pitfix` false: its pitfix config is not read, `--config`
/// replaces it).
pub(crate) fn read_folder(dir: &Path, pitfix: bool, known: &[&'static Rule]) -> Result<FolderFiles> {
    let mut files = FolderFiles::default();
    let pyproject_path = dir.join("pyproject.toml");
    let pyproject = read_optional_toml(&pyproject_path)?;
    if pitfix {
        let own = dir.join("pitfix.toml");
        if let Some(table) = read_optional_toml(&own)? {
            files.pitfix = Some(from_file(&own, &table, false, known)?);
        } else if let Some(table) = pyproject.as_ref().filter(|t| tool_pitfix(t).is_some()) {
            files.pitfix = Some(from_file(&pyproject_path, table, true, known)?);
        }
    }
    for name in [".ruff.toml", "ruff.toml"] {
        if files.ruff.is_none()
            && let Some(table) = read_optional_toml(&dir.join(name))?
        {
            files.ruff = Some(RuffConfig::from_table(&table, dir));
        }
    }
    if files.ruff.is_none()
        && let Some(table) = pyproject.as_ref().and_then(|t| t.get("tool")?.get("ruff")?.as_table())
    {
        files.ruff = Some(RuffConfig::from_table(table, dir));
    }
    files.version = pyproject
        .as_ref()
        .and_then(project_requires_python)
        .or_else(|| files.ruff.as_ref()?.target_version.as_deref().and_then(python_version::from_ruff_target))
        .or_else(|| python_version::from_setup_cfg(&read_optional(&dir.join("setup.cfg"))?))
        .or_else(|| python_version::from_setup_py(&read_optional(&dir.join("setup.py"))?));
    Ok(files)
}

/// A file's text, or `None` when it does not exist or cannot be read as text (metadata that
/// cannot be read says nothing).
fn read_optional(path: &Path) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// A TOML file's table, `None` when there is no such file; invalid TOML is an error.
fn read_optional_toml(path: &Path) -> Result<Option<Table>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(parse_toml(path, &text)?)),
        Err(e) if matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory) => Ok(None),
        Err(_) if path.is_dir() => Ok(None),
        Err(e) => Err(anyhow!(e).context(format!("cannot read config file {}", path.display()))),
    }
}

fn read_toml(path: &Path) -> Result<Table> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read config file {}", path.display()))?;
    parse_toml(path, &text)
}

fn parse_toml(path: &Path, text: &str) -> Result<Table> {
    text.parse::<Table>()
        .map_err(|e| anyhow!("{}: invalid TOML: {e}", path.display()))
}

fn tool_pitfix(table: &Table) -> Option<&Value> {
    table.get("tool")?.as_table()?.get("pitfix")
}

fn project_requires_python(table: &Table) -> Option<TargetVersion> {
    let spec = table.get("project")?.get("requires-python")?.as_str()?;
    python_version::from_specifier(spec)
}

fn from_file(path: &Path, table: &Table, is_pyproject: bool, known: &[&'static Rule]) -> Result<Config> {
    let (settings, prefix) = if is_pyproject {
        let Some(value) = tool_pitfix(table) else {
            return Ok(Config { dir: path.parent().map(Path::to_path_buf), ..Config::default() });
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
            "respect-ruff-config" => {
                config.respect_ruff_config =
                    Some(value.as_bool().ok_or_else(|| key.error(name, "must be true or false"))?);
            }
            "max-file-size" => {
                let size = match value {
                    Value::Integer(n) => u64::try_from(*n)
                        .map_err(|_| "must not be negative".to_owned())
                        .and_then(|n| crate::workspace::read::parse_size(&n.to_string())),
                    Value::String(text) => crate::workspace::read::parse_size(text),
                    _ => Err("must be a size such as \"64MiB\" or a number of bytes".to_owned()),
                };
                config.max_file_size = Some(size.map_err(|why| key.error(name, &why))?);
            }
            "target-version" => {
                let version = value.as_str().and_then(TargetVersion::parse).ok_or_else(|| {
                    key.error(name, "must be one of py38, py39, py310, py311, py312, py313, py314")
                })?;
                config.target_version = Some(version);
            }
            "bot" => {
                let table = value.as_table().ok_or_else(|| key.error(name, "must be a table"))?;
                config.bot = Some(bot::parse(table, key.path, &format!("{}bot.", key.prefix))?);
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
    fn unknown_key_names_key_and_file() {
        let table: Table = "[tool.pitfix]\nselct = ['is-literal']\n".parse().unwrap();
        let err = from_file(Path::new("pyproject.toml"), &table, true, &[]).unwrap_err().to_string();
        assert_eq!(err, "pyproject.toml: `tool.pitfix.selct` is not a known setting");
    }

    #[test]
    fn bot_table_in_both_files() {
        let table: Table = "[tool.pitfix.bot]\nmax-open-prs = 3\n".parse().unwrap();
        let config = from_file(Path::new("pyproject.toml"), &table, true, &[]).unwrap();
        assert_eq!(config.bot.and_then(|b| b.max_open_prs), Some(3));
        let table: Table = "[bot]\nlabel = ['x']\n".parse().unwrap();
        let err = from_file(Path::new("pitfix.toml"), &table, false, &[]).unwrap_err().to_string();
        assert!(err.starts_with("pitfix.toml: `bot.label` is not a known setting"), "{err}");
    }
}
