//! The command line, declared with clap's derive API.
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::engine::job::RunOptions;
use crate::output::OutputFormat;
use crate::settings::TargetVersion;
use crate::settings::bot::Group;

/// Finds the Python traps that pass review and fail in production, and rewrites them into their fix.
///
/// Exit codes: 0 nothing found or changed, 1 something would change (`diff`), was found (`check`)
/// or was fixed (`apply --exit-non-zero-on-fix`), 2 a fatal error.
#[derive(Debug, Parser)]
#[command(name = "pitfix", version, about, long_about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Print the fixes as one unified diff, changing nothing (exit 1 when something would change).
    Diff(RunArgs),
    /// Write the fixes into the files.
    Apply {
        #[command(flatten)]
        run: RunArgs,
        /// Exit with 1 when a file was changed.
        #[arg(long)]
        exit_non_zero_on_fix: bool,
        /// Write files that have several hard links, giving the fixed file a new inode (the
        /// other names keep the old text); without it such files are refused.
        #[arg(long)]
        break_hardlinks: bool,
        /// Show each fix as a diff and ask whether to apply it, like `git add -p` (answers
        /// y, n, a, q or ? are read from standard input).
        #[arg(long, short = 'i')]
        interactive: bool,
    },
    /// Report findings, including those with no automatic fix (exit 1 when there are any).
    Check {
        #[command(flatten)]
        run: RunArgs,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        output_format: OutputFormat,
    },
    /// Commit the fixes of the base branch on a fix branch and open or update a GitHub pull request.
    ///
    /// Runs in a git checkout (usually a GitHub Actions job) without touching its branch, index or
    /// files. Exit codes: 0 done (also when there is nothing to fix), 2 a step failed.
    // Boxed: its options make it much larger than the other commands.
    Pr(Box<PrArgs>),
    /// Comment on the traps in the lines a GitHub pull request changes, with one-click suggestions.
    ///
    /// Reads the pull request from the `pull_request` event of GitHub Actions, or `--pr N`. Posts
    /// one review; a later run repeats no comment and marks resolved those whose finding is gone.
    /// Exit codes: 0 done (findings do not fail the job), 2 a step failed.
    Review(crate::cli::review::ReviewArgs),
    /// List every transform: id, summary, fix safety, and whether it is on by default.
    Rules,
    /// Print a transform's documentation.
    Explain {
        /// The transform id, e.g. `is-literal`.
        id: String,
    },
    /// Run the language server (LSP over standard input and output) for an editor.
    ///
    /// Findings appear as diagnostics while typing, each with a quick fix, and the source action
    /// `source.fixAll.pitfix` applies every fix `pitfix apply` would. Settings come from the
    /// workspace's config files, as on the command line.
    Server,
    /// Print a shell completion script (e.g. `pitfix completions bash > ~/.local/share/bash-completion/completions/pitfix`).
    Completions {
        /// The shell to complete in.
        shell: Shell,
    },
}

/// The shells `pitfix completions` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

impl Shell {
    pub(crate) fn generator(self) -> clap_complete::Shell {
        match self {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
            Shell::Powershell => clap_complete::Shell::PowerShell,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Options shared by `diff`, `apply`, `check` and `pr`.
#[derive(Debug, Clone, Args)]
pub(crate) struct RunArgs {
    /// Files or directories to process (default `.`); `-` reads one file from standard input.
    pub(crate) paths: Vec<PathBuf>,
    /// Run only these transforms (comma-separated ids; `ALL` for every one).
    #[arg(long, value_delimiter = ',')]
    pub(crate) select: Option<Vec<String>>,
    /// Do not run these transforms (comma-separated ids).
    #[arg(long, value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// Also apply fixes that may change behaviour in ways you may not want.
    #[arg(long)]
    pub(crate) unsafe_fixes: bool,
    /// The oldest Python the code must run on.
    ///
    /// Default, for each file: `target-version` in the pitfix config, else the nearest project
    /// metadata from the file's folder upward (`[project] requires-python`, Ruff's
    /// `target-version`, `setup.cfg` `python_requires`, a literal `python_requires=` in
    /// `setup.py`), else py310, the oldest Python still supported upstream (3.9 reached its end of
    /// life in October 2025). Versions older than 3.8 count as py38, the oldest pitfix knows.
    #[arg(long, value_enum)]
    pub(crate) target_version: Option<TargetVersion>,
    /// Skip paths matching this glob while walking directories (repeatable).
    #[arg(long)]
    pub(crate) exclude: Vec<String>,
    /// Read settings from this file instead of the nearest pyproject.toml or pitfix.toml.
    #[arg(long)]
    pub(crate) config: Option<PathBuf>,
    /// Do not skip the files the project's Ruff config excludes, nor turn transforms off where
    /// its per-file-ignores name their codes.
    #[arg(long)]
    pub(crate) no_respect_ruff_config: bool,
    /// The name of the file read from standard input (for messages, config and `.pyi`).
    #[arg(long)]
    pub(crate) stdin_filename: Option<String>,
    /// Number of threads (default: one per core).
    #[arg(short, long)]
    pub(crate) jobs: Option<usize>,
    /// Skip (and name) files larger than this: bytes, or a number with KiB, MiB or GiB
    /// (default: `max-file-size` in the config, else 64MiB).
    #[arg(long, value_name = "SIZE", value_parser = crate::workspace::read::parse_size)]
    pub(crate) max_file_size: Option<u64>,
    /// Neither read nor write the cache of results (`.pitfix_cache/` in the project root).
    #[arg(long, env = "PITFIX_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub(crate) no_cache: bool,
    /// Keep the cache in this folder instead of `.pitfix_cache/` in the project root
    /// (default: $PITFIX_CACHE_DIR when it is set and not empty).
    #[arg(long, value_name = "DIR")]
    pub(crate) cache_dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,
    /// Print no summary, only the diff, findings and errors.
    #[arg(short, long)]
    pub(crate) quiet: bool,
}

/// Options of `pitfix pr`: the run's own options, and where the pull request goes.
#[derive(Debug, Args)]
pub(crate) struct PrArgs {
    #[command(flatten)]
    pub(crate) run: RunArgs,
    /// The GitHub repository (default: $GITHUB_REPOSITORY, else read from the remote's URL).
    #[arg(long, value_name = "OWNER/NAME")]
    pub(crate) repo: Option<String>,
    /// The GitHub REST API (default: $GITHUB_API_URL, else https://api.github.com).
    #[arg(long, value_name = "URL")]
    pub(crate) api_url: Option<String>,
    /// The branch to fix and to open the pull request into (default: the repository's default branch).
    #[arg(long)]
    pub(crate) base: Option<String>,
    /// The branch of the single pull request (`--group single`, which this option implies);
    /// pitfix force-pushes it on every run [default: pitfix/fixes].
    #[arg(long)]
    pub(crate) branch: Option<String>,
    /// The git remote to fetch the base from and push the branch to.
    #[arg(long, default_value = "origin")]
    pub(crate) remote: String,
    /// Add this label to a pull request when it is opened (repeatable, or comma-separated;
    /// replaces the config's `labels`).
    #[arg(long = "label", value_name = "LABEL", value_delimiter = ',')]
    pub(crate) labels: Vec<String>,
    /// Open pull requests as drafts (`--draft=false` overrides the config's `draft = true`).
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub(crate) draft: Option<bool>,
    /// Do everything but push and write to GitHub: print the branches, titles and bodies instead.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// `per-transform`: one pull request per transform (default); `single`: one with every fix
    /// (default: the config's `group`).
    #[arg(long, value_enum)]
    pub(crate) group: Option<Group>,
    /// Per transform: the branches are this prefix and the transform id [default: pitfix/].
    #[arg(long, value_name = "PREFIX")]
    pub(crate) branch_prefix: Option<String>,
    /// Per transform: at most this many of pitfix's pull requests open at once; the transforms
    /// with the most fixes go first, the rest wait for a later run [default: 5].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_open_prs: Option<u64>,
    /// Request a review from this user, or `org/team`, when a pull request is opened
    /// (repeatable, or comma-separated; replaces the config's `reviewers`).
    #[arg(long = "reviewer", value_name = "LOGIN", value_delimiter = ',')]
    pub(crate) reviewers: Vec<String>,
    /// Assign a pull request to this user when it is opened (repeatable, or comma-separated;
    /// replaces the config's `assignees`).
    #[arg(long = "assignee", value_name = "LOGIN", value_delimiter = ',')]
    pub(crate) assignees: Vec<String>,
    /// Put this before every pull request's title (default: the config's `title-prefix`).
    #[arg(long, value_name = "TEXT")]
    pub(crate) title_prefix: Option<String>,
    /// Per transform: fix every site again, those of pull requests people closed without
    /// merging included.
    #[arg(long)]
    pub(crate) recreate: bool,
    /// Per transform: list the open, waiting and declined fix sets, and change nothing.
    #[arg(long)]
    pub(crate) status: bool,
}

impl RunArgs {
    /// The pipeline's options (the rest — colour, quiet — is the command line's own business).
    pub(crate) fn options(&self) -> RunOptions {
        RunOptions {
            paths: self.paths.clone(),
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            unsafe_fixes: self.unsafe_fixes,
            target_version: self.target_version,
            exclude: self.exclude.clone(),
            config: self.config.clone(),
            no_respect_ruff_config: self.no_respect_ruff_config,
            stdin_filename: self.stdin_filename.clone(),
            jobs: self.jobs,
            max_file_size: self.max_file_size,
            // A config file above the home directory is not the user's to choose.
            config_ceiling: std::env::home_dir(),
            break_hardlinks: false,
            no_cache: self.no_cache,
            // An empty variable counts as unset (clap would refuse it).
            cache_dir: self.cache_dir.clone().or_else(|| {
                std::env::var_os("PITFIX_CACHE_DIR").filter(|dir| !dir.is_empty()).map(PathBuf::from)
            }),
            only: None,
        }
    }
}
