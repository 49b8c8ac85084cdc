//! Generates the transform registry from `src/transforms/`, so that adding a transform means
//! adding `src/transforms/<name>.rs` or a folder `src/transforms/<name>/` with a `mod.rs` (which
//! defines `pub(crate) static TRANSFORM`) and `transforms/<id>/README.md`, and nothing else.
//! Also sets `PITFIX_BUILD_ID`, a hash of the sources, for the cache (`src/cache/key.rs`).
use std::hash::{DefaultHasher, Hasher};
use std::{env, fs, path::Path};

fn main() {
    let root = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&root);
    build_id(root);
    let src = root.join("src/transforms");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed={}", root.join("transforms").display());

    // (module name, its file): `<name>.rs`, or `<name>/mod.rs` for a transform in a folder.
    let mut names: Vec<(String, std::path::PathBuf)> = fs::read_dir(&src)
        .expect("src/transforms exists")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            let path = e.path();
            if path.is_dir() {
                let module = path.join("mod.rs");
                module.is_file().then_some((name, module))
            } else {
                let stem = name.strip_suffix(".rs")?;
                (stem != "mod").then(|| (stem.to_owned(), path))
            }
        })
        .collect();
    names.sort();

    let mut out = String::new();
    for (name, file) in &names {
        println!("cargo:rerun-if-changed={}", file.display());
        out += &format!("#[path = {:?}]\nmod {name};\n", file.display().to_string());
    }
    out += "/// Every transform, in id order.\npub(crate) static ALL: &[&dyn Transform] = &[\n";
    for (name, _) in &names {
        out += &format!("    &{name}::TRANSFORM,\n");
    }
    out += "];\n\n/// The README of a transform id, embedded for `pitfix explain`.\n";
    out += "pub(crate) fn readme(id: &str) -> Option<&'static str> {\n    match id {\n";
    for (name, _) in &names {
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

/// Sets `PITFIX_BUILD_ID` to a hash of what decides a file's result: the sources and the locked
/// dependencies. A cache written by another build is not read, even one of the same version
/// (a transform changed without a new version number).
fn build_id(root: &Path) {
    let mut files = vec![root.join("Cargo.toml"), root.join("Cargo.lock")];
    collect(&root.join("src"), &mut files);
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in &files {
        let relative = file.strip_prefix(root).unwrap_or(file);
        hasher.write(relative.to_string_lossy().as_bytes());
        hasher.write(&fs::read(file).unwrap_or_default());
    }
    for file in ["src", "Cargo.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={}", root.join(file).display());
    }
    println!("cargo:rustc-env=PITFIX_BUILD_ID={:016x}", hasher.finish());
}

/// Every file below `dir`.
fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}
