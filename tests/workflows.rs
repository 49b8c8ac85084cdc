//! The workflows the README gives are the files in `docs/workflows/` (which
//! `scripts/lint-workflows.sh` lints): each README block that starts with
//! `# .github/workflows/<name>.yml` must be that file, byte for byte, and each file must be shown.
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// The README's YAML blocks that name a workflow file, by that name.
fn readme_workflows(readme: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut rest = readme;
    while let Some(start) = rest.find("```yaml\n") {
        let after = &rest[start + "```yaml\n".len()..];
        let end = after.find("\n```\n").expect("a closed ```yaml block");
        let block = format!("{}\n", &after[..end]);
        let name = block.strip_prefix("# .github/workflows/").and_then(|r| r.split(".yml").next()).map(str::to_owned);
        if let Some(name) = name {
            let previous = found.insert(format!("{name}.yml"), block);
            assert!(previous.is_none(), "the README shows {name}.yml twice");
        }
        rest = &after[end..];
    }
    found
}

#[test]
fn the_readme_workflows_are_the_files_in_docs_workflows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = fs::read_to_string(root.join("README.md")).expect("README.md");
    let shown = readme_workflows(&readme);
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(root.join("docs/workflows")).expect("docs/workflows") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "yml") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            files.insert(name, fs::read_to_string(&path).expect("workflow file"));
        }
    }
    assert!(files.contains_key("pitfix.yml") && files.contains_key("pitfix-org.yml"), "{:?}", files.keys());
    assert_eq!(shown.keys().collect::<Vec<_>>(), files.keys().collect::<Vec<_>>(), "README blocks and docs/workflows/ differ in names");
    for (name, text) in &files {
        assert_eq!(&shown[name], text, "the README's {name} is not docs/workflows/{name}");
    }
}

#[test]
fn blocks_are_found_and_compared() {
    let readme = "x\n```yaml\n# .github/workflows/a.yml: note\non: push\n```\n\n```yaml\nnot: a workflow\n```\n";
    let shown = readme_workflows(readme);
    assert_eq!(shown.len(), 1);
    assert_eq!(shown["a.yml"], "# .github/workflows/a.yml: note\non: push\n");
}
