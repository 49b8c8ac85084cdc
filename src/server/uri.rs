//! `file:` URIs to paths: the protocol names documents by URI, settings and the project index
//! go by path. Other schemes (`untitled:`, a diff view's) have no path.
use std::path::PathBuf;

use lsp_types::Uri;
use percent_encoding::percent_decode_str;

/// The absolute path a `file:` URI names, normalised; `None` for other URIs.
pub(crate) fn to_path(uri: &Uri) -> Option<PathBuf> {
    let text = uri.as_str();
    let rest = text.strip_prefix("file://").or_else(|| text.strip_prefix("FILE://"))?;
    // `file:///p` and `file://localhost/p`; another host (a network share) is not a local path.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(at) if rest[..at].eq_ignore_ascii_case("localhost") => &rest[at..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    // `/C:/src/a.py` on Windows is `C:/src/a.py`.
    let decoded = match decoded.as_bytes() {
        [b'/', drive, b':', ..] if cfg!(windows) && drive.is_ascii_alphabetic() => &decoded[1..],
        _ => &decoded[..],
    };
    Some(crate::workspace::discover::normalize(&PathBuf::from(decoded)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(uri: &str) -> Option<PathBuf> {
        to_path(&uri.parse().unwrap())
    }

    #[cfg(unix)]
    #[test]
    fn file_uris_become_paths() {
        assert_eq!(path("file:///src/a%20b/m%C3%A9.py"), Some(PathBuf::from("/src/a b/mé.py")));
        assert_eq!(path("file://localhost/src/a.py"), Some(PathBuf::from("/src/a.py")));
        assert_eq!(path("file:///src/./pkg/../a.py"), Some(PathBuf::from("/src/a.py")));
        assert_eq!(path("untitled:Untitled-1"), None);
        assert_eq!(path("file://server/share/a.py"), None);
    }
}
