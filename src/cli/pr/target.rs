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
    if let Some(rest) = url.strip_prefix("http://") {
        // The token goes in every request's header: in clear text only to this machine.
        if !is_loopback(host_of(rest)) {
            bail!(
                "the API URL `{url}` uses plain http:// to a host other than this machine, which would send the token in clear text: use https:// (http:// is accepted only for 127.0.0.0/8, ::1 and localhost)"
            );
        }
    } else if !url.starts_with("https://") {
        bail!("the API URL `{url}` must start with https:// (or http:// for this machine)");
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// The host of a URL's remainder after `scheme://`: without user info, port or path; an IPv6
/// address without its brackets.
fn host_of(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(v6) = host_port.strip_prefix('[') {
        return v6.split_once(']').map_or(v6, |(h, _)| h);
    }
    host_port.split_once(':').map_or(host_port, |(h, _)| h)
}

/// `localhost`, 127.0.0.0/8 or ::1.
fn is_loopback(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The token from `$GITHUB_TOKEN`, else `$GH_TOKEN`, without the whitespace around it (a token
/// read from a file often ends with a newline).
pub(crate) fn token() -> Option<String> {
    non_empty_env("GITHUB_TOKEN").or_else(|| non_empty_env("GH_TOKEN")).map(|t| t.trim().to_owned())
}

/// Runs a command that talks to GitHub with the token of the environment: Ctrl-C, SIGTERM or
/// SIGHUP end the current step (then `interrupted` is printed and the exit code is 130), and the
/// token never reaches the terminal, whatever error message carries it.
pub(crate) fn with_token(interrupted: &str, steps: impl FnOnce(Option<String>) -> anyhow::Result<i32>) -> anyhow::Result<i32> {
    crate::workspace::interrupt::install();
    let token = token();
    let result = steps(token.clone());
    if crate::workspace::interrupt::interrupted() {
        eprintln!("pitfix: {interrupted}");
        return Ok(crate::workspace::interrupt::EXIT_INTERRUPTED);
    }
    result.map_err(|e| {
        let text = format!("{e:#}");
        anyhow::anyhow!("{}", match &token {
            Some(token) => text.replace(token.as_str(), "***"),
            None => text,
        })
    })
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
    fn plain_http_only_to_this_machine() {
        for ok in ["http://127.0.0.1:8080", "http://127.5.6.7/api/", "http://[::1]:99", "http://localhost", "http://LOCALHOST.:1/x", "https://ghe.example/api/v3"] {
            assert!(api_url(Some(ok)).is_ok(), "{ok}");
        }
        for bad in ["http://ghe.example/api/v3", "http://10.0.0.1", "http://127.0.0.1.example", "http://localhost@evil.example", "http://[::2]", "ftp://x"] {
            assert!(api_url(Some(bad)).is_err(), "{bad}");
        }
        assert!(api_url(Some("http://127.0.0.1@evil.example/")).is_err());
    }

    #[test]
    fn owner_name() {
        assert_eq!(RepoName::parse("o/r").map(|r| r.to_string()).as_deref(), Some("o/r"));
        assert!(RepoName::parse("o").is_none());
        assert!(RepoName::parse("o/r/x").is_none());
        assert!(RepoName::parse("/r").is_none());
    }
}
