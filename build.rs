//! Generates the transform registry from the files in `src/transforms/`, so that adding a
//! transform means adding `src/transforms/<name>.rs` (which defines `pub(crate) static TRANSFORM`)
//! and `transforms/<id>/README.md`, and nothing else.
use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    let src = root.join("src/transforms");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed={}", root.join("transforms").display());

    let mut names: Vec<String> = fs::read_dir(&src)
        .expect("src/transforms exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".rs").map(str::to_owned))
        .filter(|n| n != "mod")
        .collect();
    names.sort();

    let mut out = String::new();
    for name in &names {
        let file = src.join(format!("{name}.rs"));
        println!("cargo:rerun-if-changed={}", file.display());
        out += &format!("#[path = {:?}]\nmod {name};\n", file.display().to_string());
    }
    out += "/// Every transform, in id order.\npub(crate) static ALL: &[&dyn Transform] = &[\n";
    for name in &names {
        out += &format!("    &{name}::TRANSFORM,\n");
    }
    out += "];\n\n/// The README of a transform id, embedded for `pitfix explain`.\n";
    out += "pub(crate) fn readme(id: &str) -> Option<&'static str> {\n    match id {\n";
    for name in &names {
        let id = name.replace('_', "-");
        let readme = root.join("transforms").join(&id).join("README.md");
        assert!(readme.exists(), "transform `{id}` needs transforms/{id}/README.md");
        println!("cargo:rerun-if-changed={}", readme.display());
        out += &format!("        {id:?} => Some(include_str!({:?})),\n", readme.display().to_string());
    }
    out += "        _ => None,\n    }\n}\n";
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("registry.rs");
    fs::write(dest, out).expect("OUT_DIR is writable");
}
