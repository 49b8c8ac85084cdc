//! Pieces of a transform's README (`transforms/<id>/README.md`) that other outputs quote: the
//! "why it matters" paragraph of a pull request body and of a SARIF rule.

/// The first paragraph of the README's `## Why` section, joined into one line.
pub(crate) fn why(readme: &str) -> Option<String> {
    let mut lines = readme.lines().skip_while(|line| line.trim() != "## Why").skip(1);
    let paragraph: Vec<&str> = lines
        .by_ref()
        .skip_while(|line| line.trim().is_empty())
        .take_while(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::trim)
        .collect();
    if paragraph.is_empty() { None } else { Some(paragraph.join(" ")) }
}

/// The first sentences of a paragraph, at least `min` characters of them when it has that many:
/// a pull request names several transforms, and each gets a line, not the README's paragraph.
pub(crate) fn first_sentences(paragraph: &str, min: usize) -> &str {
    let mut search = 0;
    while let Some(found) = paragraph[search..].find(". ") {
        let end = search + found + 1;
        let next = paragraph[end + 1..].chars().next();
        if end >= min && next.is_some_and(|c| c.is_uppercase() || c == '`') {
            return &paragraph[..end];
        }
        search = end;
    }
    paragraph
}

/// The "why" paragraph of a transform id, falling back on its summary when the README has none.
pub(crate) fn why_of(id: &str) -> String {
    let from_readme = crate::transforms::readme(id).and_then(why);
    from_readme.unwrap_or_else(|| {
        crate::transforms::by_id(id).map(|t| t.rule().summary.to_owned()).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_paragraph_of_why() {
        let readme = "# x\n\n## Why\nOne\ntwo.\n\nLater.\n## Example\n";
        assert_eq!(why(readme).as_deref(), Some("One two."));
        assert_eq!(why("# x\n## Why\n\n## Example\n"), None);
        assert_eq!(why("# x\n"), None);
    }

    #[test]
    fn sentences() {
        let text = "One is short. Two e.g. here. Three `x` ends. Four.";
        assert_eq!(first_sentences(text, 5), "One is short.");
        assert_eq!(first_sentences(text, 14), "One is short. Two e.g. here.");
        assert_eq!(first_sentences(text, 30), "One is short. Two e.g. here. Three `x` ends.");
        assert_eq!(first_sentences(text, 100), text);
    }
}
