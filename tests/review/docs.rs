//! The workflow the README shows is the file in `docs/workflows/`, byte for byte, with the
//! least-privilege permissions and the checkout `review` needs.
use std::path::Path;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("readable file")
}

#[test]
fn the_readme_shows_the_review_workflow_file() {
    let file = read("docs/workflows/pitfix-review.yml");
    let readme = read("README.md");
    let section = readme.split("### Suggestions on pull requests\n").nth(1).expect("the README's review section");
    assert!(section.contains(&format!("```yaml\n{file}```\n")), "README's block differs from docs/workflows/pitfix-review.yml");
    assert!(file.contains("on:\n  pull_request:\n"), "{file}");
    assert!(file.contains("permissions:\n  contents: read "), "{file}");
    assert!(file.contains("\n  pull-requests: write "), "{file}");
    assert!(!file.contains("write-all") && !file.contains("contents: write"), "{file}");
    assert!(file.contains("ref: ${{ github.event.pull_request.head.sha }}") && file.contains("fetch-depth: 0"), "{file}");
    assert!(file.contains("mode: review"), "{file}");
}

#[test]
fn the_action_has_a_review_mode() {
    let action = read("action.yml");
    assert!(action.contains("if: inputs.mode == 'review'"), "{action}");
    assert!(action.contains("args=(review)"), "{action}");
    assert!(action.contains("inputs.mode != 'pr' && inputs.mode != 'check' && inputs.mode != 'review'"), "{action}");
    assert!(action.contains("value: ${{ steps.review.outputs.findings }}"), "{action}");
}
