//! `[tool.pitfix.bot]` of `pyproject.toml` (`[bot]` of `pitfix.toml`): how `pitfix pr` and
//! `pitfix review` behave in a repository. Every key is optional; the command line and the
//! Action's inputs win over it.
use std::path::Path;

use anyhow::{Result, anyhow, bail};
use toml::{Table, Value};

use crate::rules::Rule;

/// How pull requests are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Group {
    /// One pull request per transform.
    #[default]
    PerTransform,
    /// One pull request with every fix.
    Single,
}

impl Group {
    pub(crate) fn parse(text: &str) -> Option<Self> {
        match text {
            "per-transform" => Some(Group::PerTransform),
            "single" => Some(Group::Single),
            _ => None,
        }
    }
}

/// The bot table as written; `None`: not given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BotSettings {
    pub(crate) group: Option<Group>,
    pub(crate) branch_prefix: Option<String>,
    pub(crate) max_open_prs: Option<usize>,
    pub(crate) labels: Option<Vec<String>>,
    pub(crate) reviewers: Option<Vec<String>>,
    pub(crate) assignees: Option<Vec<String>>,
    pub(crate) draft: Option<bool>,
    pub(crate) title_prefix: Option<String>,
    pub(crate) unsafe_fixes: Option<bool>,
    /// Whether `pitfix review` comments on pull requests (read by that command).
    pub(crate) review: Option<bool>,
}

/// The keys the table accepts, in the order the documentation gives them.
pub(crate) const KEYS: &[&str] = &[
    "group", "branch-prefix", "max-open-prs", "labels", "reviewers", "assignees", "draft", "title-prefix",
    "unsafe-fixes", "review",
];

/// Reads the table; `file` and `prefix` (`tool.pitfix.bot.` or `bot.`) name a bad key.
pub(crate) fn parse(table: &Table, file: &Path, prefix: &str) -> Result<BotSettings> {
    let error = |key: &str, what: &str| anyhow!("{}: `{prefix}{key}` {what}", file.display());
    let boolean = |key: &str, value: &Value| value.as_bool().ok_or_else(|| error(key, "must be true or false"));
    let text = |key: &str, value: &Value| value.as_str().map(str::to_owned).ok_or_else(|| error(key, "must be a string"));
    let strings = |key: &str, value: &Value| -> Result<Vec<String>> {
        let items = value.as_array().ok_or_else(|| error(key, "must be a list of strings"))?;
        items.iter().map(|v| v.as_str().map(str::to_owned).ok_or_else(|| error(key, "must be a list of strings"))).collect()
    };
    let mut bot = BotSettings::default();
    for (key, value) in table {
        match key.as_str() {
            "group" => {
                let group = value.as_str().and_then(Group::parse);
                bot.group = Some(group.ok_or_else(|| error(key, "must be \"per-transform\" or \"single\""))?);
            }
            "branch-prefix" => bot.branch_prefix = Some(text(key, value)?),
            "max-open-prs" => {
                let n = value.as_integer().and_then(|n| usize::try_from(n).ok()).filter(|n| *n > 0);
                bot.max_open_prs = Some(n.ok_or_else(|| error(key, "must be a whole number of at least 1"))?);
            }
            "labels" => bot.labels = Some(strings(key, value)?),
            "reviewers" => bot.reviewers = Some(strings(key, value)?),
            "assignees" => bot.assignees = Some(strings(key, value)?),
            "draft" => bot.draft = Some(boolean(key, value)?),
            "title-prefix" => bot.title_prefix = Some(text(key, value)?),
            "unsafe-fixes" => bot.unsafe_fixes = Some(boolean(key, value)?),
            "review" => bot.review = Some(boolean(key, value)?),
            other => bail!(error(other, &format!("is not a known setting (the bot table takes {})", KEYS.join(", ")))),
        }
    }
    Ok(bot)
}

/// The bot settings of the config file that applies to `dir`: the nearest `pitfix.toml`, else
/// `pyproject.toml` with a `[tool.pitfix]` table, from `dir` up to `top` (inclusive); or the
/// `explicit` file (`--config`). Nothing found: the defaults.
pub(crate) fn find(dir: &Path, top: &Path, explicit: Option<&Path>, known: &[&'static Rule]) -> Result<BotSettings> {
    if let Some(path) = explicit {
        let (config, _) = super::config::load_explicit(path, dir, known)?;
        return Ok(config.bot.unwrap_or_default());
    }
    let mut current = Some(dir);
    while let Some(folder) = current {
        if let Some(config) = super::config::read_folder(folder, true, known)?.pitfix {
            return Ok(config.bot.unwrap_or_default());
        }
        if folder == top {
            break;
        }
        current = folder.parent();
    }
    Ok(BotSettings::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<BotSettings> {
        parse(&text.parse::<Table>().unwrap(), Path::new("pyproject.toml"), "tool.pitfix.bot.")
    }

    #[test]
    fn every_key() {
        let bot = read(
            "group = 'single'\nbranch-prefix = 'bot/'\nmax-open-prs = 2\nlabels = ['a']\nreviewers = ['r', 'org/team']\n\
             assignees = ['x']\ndraft = true\ntitle-prefix = '[pitfix] '\nunsafe-fixes = true\nreview = false\n",
        )
        .unwrap();
        assert_eq!(bot.group, Some(Group::Single));
        assert_eq!(bot.branch_prefix.as_deref(), Some("bot/"));
        assert_eq!(bot.max_open_prs, Some(2));
        assert_eq!(bot.reviewers, Some(vec!["r".to_owned(), "org/team".to_owned()]));
        assert_eq!((bot.draft, bot.unsafe_fixes, bot.review), (Some(true), Some(true), Some(false)));
    }

    #[test]
    fn bad_values_name_key_and_file() {
        let err = |text: &str| read(text).unwrap_err().to_string();
        assert_eq!(err("group = 'many'"), "pyproject.toml: `tool.pitfix.bot.group` must be \"per-transform\" or \"single\"");
        assert_eq!(err("max-open-prs = 0"), "pyproject.toml: `tool.pitfix.bot.max-open-prs` must be a whole number of at least 1");
        assert!(err("reviewer = ['a']").starts_with("pyproject.toml: `tool.pitfix.bot.reviewer` is not a known setting"));
    }
}
