//! Embeds the built-in theme, locales and reference data (`themes/`, `locales/`,
//! `content/`) into the binary, so a new language or theme file needs no code change.
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    // Link the executable as non-PIE on Linux: a PIE binary of this size
    // carries ~58,000 relative relocations over 10 MB of read-only data
    // (ICU tables, the embedded files), and applying them at every start
    // costs ~10 ms of page faults, a third of a small site's build. Only
    // the binaries are affected (the library and tests are not); the cost
    // is that the executable's own code is not address-randomized.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu")
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in ["themes", "locales", "content"] {
        println!("cargo:rerun-if-changed={d}");
        walk(&root.join(d), &mut files);
    }
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    let mut f = fs::File::create(&out).expect("create builtin.rs");
    writeln!(
        f,
        "/// Built-in files: (path relative to the crate root, contents)."
    )
    .unwrap();
    writeln!(f, "pub static FILES: &[(&str, &[u8])] = &[").unwrap();
    for p in &files {
        let rel = p
            .strip_prefix(&root)
            .expect("under root")
            .to_string_lossy()
            .replace('\\', "/");
        println!("cargo:rerun-if-changed={}", p.display());
        writeln!(
            f,
            "    ({rel:?}, include_bytes!({:?})),",
            p.display().to_string()
        )
        .unwrap();
    }
    writeln!(f, "];").unwrap();

    // An identity of this build's code and built-in files, for the on-disk
    // render cache (src/cache.rs): a cache written by another build of
    // personvern is never reused, even at the same version number.
    let mut sources = files.clone();
    println!("cargo:rerun-if-changed=src");
    walk(&root.join("src"), &mut sources);
    for f in ["Cargo.lock", "Cargo.toml", "build.rs"] {
        println!("cargo:rerun-if-changed={f}");
        sources.push(root.join(f));
    }
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for p in &sources {
        use std::hash::Hash;
        p.strip_prefix(&root).unwrap_or(p).hash(&mut h);
        fs::read(p).unwrap_or_default().hash(&mut h);
    }
    println!(
        "cargo:rustc-env=PERSONVERN_BUILD_ID={}-{:016x}",
        std::env::var("CARGO_PKG_VERSION").unwrap_or_default(),
        std::hash::Hasher::finish(&h)
    );
}
