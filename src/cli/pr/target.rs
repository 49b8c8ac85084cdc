//! Where the pull request goes: the repository's OWNER/NAME, the API's address and the token,
//! each from an option, else the environment GitHub Actions sets, else the git remote.
use anyhow::{Result, bail};

const DEFAULT_API: &str = "https://api.github.com";

/// A repository on GitHub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RepoName {
    pub(crate) owner: String,
    pub(crate) name: String,
}

impl std::fmt::Display for RepoName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.owner, self.name)
    }
}

impl RepoName {
    /// `OWNER/NAME`, as `--repo` and `$GITHUB_REPOSITORY` give it.
    pub(crate) fn parse(text: &str) -> Option<Self> {
        let (owner, name) = text.trim().split_once('/')?;
        let valid = |part: &str| {
            !part.is_empty() && part.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        };
        (valid(owner) && valid(name)).then(|| RepoName { owner: owner.to_owned(), name: name.to_owned() })
    }

    /// The last two path segments of a remote URL: `https://host/o/r.git`, `git@host:o/r.git`,
    /// `ssh://git@host:22/o/r`. A local path or `file://` URL names no GitHub repository.
    pub(crate) fn from_remote_url(url: &str) -> Option<Self> {
        let path = match url.split_once("://") {
            Some(("file", _)) => return None,
            Some((_, rest)) => rest.split_once('/')?.1,
            None => url.split_once(':').filter(|(host, _)| !host.contains('/'))?.1,
        };
        let path = path.trim_end_matches('/');
        let path = path.strip_suffix(".git").unwrap_or(path);
        let mut segments = path.rsplit('/');
        let name = segments.next()?;
        let owner = segments.next()?;
        RepoName::parse(&format!("{owner}/{name}"))
    }
}

/// The repository from `--repo`, `$GITHUB_REPOSITORY`, or the remote's URL (read lazily: the
/// remote may not exist when the others are given).
pub(crate) fn repo_name(option: Option<&str>, remote_url: impl FnOnce() -> Result<String>) -> Result<RepoName> {
    let given = option.map(str::to_owned).or_else(|| non_empty_env("GITHUB_REPOSITORY"));
    if let Some(text) = given {
        return match RepoName::parse(&text) {
            Some(repo) => Ok(repo),
            None => bail!("`{text}` is not a repository of the form OWNER/NAME"),
        };
    }
    match RepoName::from_remote_url(&remote_url()?) {
        Some(repo) => Ok(repo),
        None => bail!("cannot tell the GitHub repository from the remote's URL: pass --repo OWNER/NAME"),
    }
}

/// The REST API's base URL, without a trailing `/`.
pub(crate) fn api_url(option: Option<&str>) -> Result<String> {
    let url = option.map(str::to_owned).or_else(|| non_empty_env("GITHUB_API_URL")).unwrap_or_else(|| DEFAULT_API.to_owned());
    if !url.starts_with("https://") && !url.starts_with("http://") {
        bail!("the API URL `{url}` must start with https:// or http://");
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// The token from `$GITHUB_TOKEN`, else `$GH_TOKEN`.
pub(crate) fn token() -> Option<String> {
    non_empty_env("GITHUB_TOKEN").or_else(|| non_empty_env("GH_TOKEN"))
}

fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from_url(url: &str) -> Option<String> {
        RepoName::from_remote_url(url).map(|r| r.to_string())
    }

    #[test]
    fn remote_urls() {
        assert_eq!(from_url("https://github.com/o/r.git").as_deref(), Some("o/r"));
        assert_eq!(from_url("https://x-access-token:t@github.com/o/r").as_deref(), Some("o/r"));
        assert_eq!(from_url("git@github.com:o/r.git").as_deref(), Some("o/r"));
        assert_eq!(from_url("ssh://git@github.com:22/o/r.git/").as_deref(), Some("o/r"));
        assert_eq!(from_url("https://ghe.example/org/team.repo.git").as_deref(), Some("org/team.repo"));
        assert_eq!(from_url("/srv/git/r.git"), None);
        assert_eq!(from_url("file:///srv/o/r.git"), None);
        assert_eq!(from_url("https://github.com/r"), None);
    }

    #[test]
    fn owner_name() {
        assert_eq!(RepoName::parse("o/r").map(|r| r.to_string()).as_deref(), Some("o/r"));
        assert!(RepoName::parse("o").is_none());
        assert!(RepoName::parse("o/r/x").is_none());
        assert!(RepoName::parse("/r").is_none());
    }
}
