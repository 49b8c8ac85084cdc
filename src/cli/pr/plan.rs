//! What this run of `pitfix pr` does, from the command line over `[tool.pitfix.bot]` of the base
//! branch's config over the defaults.
use anyhow::{Result, bail};

use crate::cli::args::PrArgs;
use crate::settings::bot::{BotSettings, Group};

pub(crate) const DEFAULT_BRANCH: &str = "pitfix/fixes";
pub(crate) const DEFAULT_PREFIX: &str = "pitfix/";
pub(crate) const DEFAULT_MAX_OPEN: usize = 5;

#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub(crate) group: Group,
    /// The single pull request's branch.
    pub(crate) branch: String,
    pub(crate) prefix: String,
    pub(crate) max_open: usize,
    pub(crate) labels: Vec<String>,
    pub(crate) reviewers: Vec<String>,
    pub(crate) assignees: Vec<String>,
    pub(crate) draft: bool,
    pub(crate) title_prefix: String,
    pub(crate) unsafe_fixes: bool,
}

impl Plan {
    pub(crate) fn resolve(args: &PrArgs, bot: &BotSettings) -> Result<Self> {
        // `--branch` names the single pull request's branch: given alone, it asks for one.
        let group = match (args.group, &args.branch) {
            (Some(Group::PerTransform), Some(_)) => {
                bail!("--branch names the branch of the single pull request (`--group single`); per transform, use --branch-prefix")
            }
            (Some(group), _) => group,
            (None, Some(_)) => Group::Single,
            (None, None) => bot.group.unwrap_or_default(),
        };
        if group == Group::Single && (args.recreate || args.status) {
            bail!("--recreate and --status concern the pull requests per transform (`group = \"per-transform\"`)");
        }
        let list = |cli: &[String], config: &Option<Vec<String>>| {
            if cli.is_empty() { config.clone().unwrap_or_default() } else { cli.to_vec() }
        };
        Ok(Plan {
            group,
            branch: args.branch.clone().unwrap_or_else(|| DEFAULT_BRANCH.to_owned()),
            prefix: args.branch_prefix.clone().or_else(|| bot.branch_prefix.clone()).unwrap_or_else(|| DEFAULT_PREFIX.to_owned()),
            max_open: args.max_open_prs.map(|n| usize::try_from(n).unwrap_or(usize::MAX)).or(bot.max_open_prs).unwrap_or(DEFAULT_MAX_OPEN),
            labels: list(&args.labels, &bot.labels),
            reviewers: list(&args.reviewers, &bot.reviewers),
            assignees: list(&args.assignees, &bot.assignees),
            draft: args.draft.or(bot.draft).unwrap_or(false),
            title_prefix: args.title_prefix.clone().or_else(|| bot.title_prefix.clone()).unwrap_or_default(),
            unsafe_fixes: args.run.unsafe_fixes || bot.unsafe_fixes.unwrap_or(false),
        })
    }

    /// The branch of a transform's pull request.
    pub(crate) fn branch_of(&self, id: &str) -> String {
        format!("{}{id}", self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::args::{Cli, Command};

    fn plan(flags: &[&str], bot: &BotSettings) -> Result<Plan> {
        let cli = Cli::try_parse_from([&["pitfix", "pr"], flags].concat()).expect("valid flags");
        let Command::Pr(args) = cli.command else { panic!("not pr") };
        Plan::resolve(&args, bot)
    }

    #[test]
    fn defaults_then_config_then_flags() {
        let plan0 = plan(&[], &BotSettings::default()).unwrap();
        assert_eq!((plan0.group, plan0.prefix.as_str(), plan0.max_open, plan0.draft, plan0.unsafe_fixes), (Group::PerTransform, "pitfix/", 5, false, false));
        let bot = BotSettings {
            group: Some(Group::Single),
            branch_prefix: Some("bot/".to_owned()),
            max_open_prs: Some(2),
            labels: Some(vec!["a".to_owned()]),
            draft: Some(true),
            unsafe_fixes: Some(true),
            ..BotSettings::default()
        };
        let from_config = plan(&[], &bot).unwrap();
        assert_eq!((from_config.group, from_config.prefix.as_str(), from_config.max_open), (Group::Single, "bot/", 2));
        assert_eq!((from_config.labels, from_config.draft, from_config.unsafe_fixes), (vec!["a".to_owned()], true, true));
        let flags = plan(&["--group", "per-transform", "--max-open-prs", "7", "--label", "b,c", "--draft=false"], &bot).unwrap();
        assert_eq!((flags.group, flags.max_open, flags.draft), (Group::PerTransform, 7, false));
        assert_eq!(flags.labels, ["b", "c"]);
    }

    #[test]
    fn branch_asks_for_single() {
        let bot = BotSettings { group: Some(Group::PerTransform), ..BotSettings::default() };
        let single = plan(&["--branch", "fixes"], &bot).unwrap();
        assert_eq!((single.group, single.branch.as_str()), (Group::Single, "fixes"));
        assert!(plan(&["--branch", "fixes", "--group", "per-transform"], &bot).is_err());
        assert!(plan(&["--group", "single", "--status"], &bot).is_err());
        assert!(plan(&["--draft"], &bot).unwrap().draft);
    }
}
