//! The JSON Schema of the input format: kept in the repository, accepts
//! every valid site we ship, rejects the bad inputs.

mod common;
use common::*;
use std::fs;
use std::path::Path;

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&personvern::load::schema::schema_json()).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn site_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut v = vec![root.join("personvern.toml")];
    if let Ok(rd) = fs::read_dir(root.join("content")) {
        let mut c: Vec<_> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        c.sort();
        v.extend(c);
    }
    v
}

fn errors_for(text: &str) -> Vec<String> {
    let value: toml::Value = toml::from_str(text).expect("valid TOML");
    validator()
        .iter_errors(&to_json(&value))
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn committed_schema_is_up_to_date() {
    let committed = fs::read_to_string(repo().join("personvern.schema.json"))
        .expect("personvern.schema.json is committed");
    assert!(
        committed == personvern::load::schema::schema_json(),
        "run `cargo run -- schema > personvern.schema.json`"
    );
    let o = run(&["schema"], &repo());
    assert_eq!(stdout(&o), committed);
}

#[test]
fn schema_accepts_every_shipped_site() {
    let mut roots = vec![repo().join("example-site"), repo().join("content/starter")];
    for s in ["seed-000", "seed-001", "seed-004"] {
        roots.push(repo().join("tests/fixtures").join(s));
    }
    for root in roots {
        for f in site_files(&root) {
            let errs = errors_for(&fs::read_to_string(&f).expect("read"));
            assert!(errs.is_empty(), "{}: {errs:#?}", f.display());
        }
    }
}

#[test]
fn schema_rejects_bad_input() {
    let cases = [
        ("[activities.a]\nname = { nb = \"a\", en = \"a\" }\npurposes = []\nlegal_basis = \"consent\"\npurpose = 1\n", "unknown key"),
        ("[activities.a]\nname = { nb = \"a\", en = \"a\" }\npurposes = []\nlegal_basis = \"consnet\"\n", "bad enum"),
        ("[cookies.a]\nname = \"x\"\nparty = \"first\"\ncategory = \"statistics\"\npurpose = { nb = \"a\", en = \"a\" }\nduration = \"13 months\"\n", "bad duration"),
        ("[document]\nversion = 3\n", "wrong type"),
        ("[controller]\nlegal_name = \"X\"\nemail = [\"a\"]\n", "wrong type"),
        ("[nonsense]\nx = 1\n", "unknown table"),
        ("[data_categories.a]\nlabel = { nb = \"\" }\n", "empty text"),
    ];
    for (text, what) in cases {
        assert!(
            !errors_for(text).is_empty(),
            "{what} should be rejected:\n{text}"
        );
    }
}

#[test]
fn init_points_its_files_at_the_schema() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let o = run(&["init", "s"], tmp.path());
    assert_eq!(o.status.code(), Some(0));
    let site = tmp.path().join("s");
    assert_eq!(
        fs::read_to_string(site.join("personvern.schema.json")).expect("schema written"),
        personvern::load::schema::schema_json()
    );
    assert!(fs::read_to_string(site.join("personvern.toml"))
        .expect("read")
        .starts_with("#:schema ./personvern.schema.json"));
    for f in site_files(&site).into_iter().skip(1) {
        assert!(
            fs::read_to_string(&f)
                .expect("read")
                .starts_with("#:schema ../personvern.schema.json"),
            "{}",
            f.display()
        );
    }
}

/// Every key of the schema, with its path (`controller.addresses[].kind`).
fn properties(
    node: &serde_json::Value,
    defs: &serde_json::Value,
    path: &str,
    depth: usize,
    out: &mut Vec<(String, serde_json::Value)>,
) {
    if depth > 8 {
        return;
    }
    if let Some(r) = node.get("$ref").and_then(|r| r.as_str()) {
        let name = r.trim_start_matches("#/$defs/");
        if let Some(d) = defs.get(name) {
            properties(d, defs, path, depth + 1, out);
        }
    }
    if let Some(p) = node.get("properties").and_then(|p| p.as_object()) {
        for (k, v) in p {
            let here = if path.is_empty() {
                k.clone()
            } else {
                format!("{path}.{k}")
            };
            out.push((here.clone(), v.clone()));
            properties(v, defs, &here, depth + 1, out);
        }
    }
    for k in ["items", "additionalProperties"] {
        if let Some(c) = node.get(k).filter(|c| c.is_object()) {
            properties(c, defs, &format!("{path}[]"), depth + 1, out);
        }
    }
    for k in ["anyOf", "oneOf"] {
        for c in node.get(k).and_then(|a| a.as_array()).into_iter().flatten() {
            properties(c, defs, path, depth + 1, out);
        }
    }
}

#[test]
fn every_schema_key_has_a_description() {
    let schema: serde_json::Value =
        serde_json::from_str(&personvern::load::schema::schema_json()).expect("schema is JSON");
    let mut all = Vec::new();
    properties(&schema, &schema["$defs"], "", 0, &mut all);
    assert!(all.len() > 100, "only {} keys found", all.len());
    let missing: Vec<&str> = all
        .iter()
        .filter(|(_, v)| {
            v.get("description")
                .and_then(|d| d.as_str())
                .is_none_or(|d| d.trim().is_empty())
        })
        .map(|(p, _)| p.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "keys without a description: {missing:?}"
    );
}

#[test]
fn schema_and_check_agree_on_required_keys() {
    // effective_date is required by `personvern check`; the schema says so
    // too, so editors flag it before the check does.
    let schema: serde_json::Value =
        serde_json::from_str(&personvern::load::schema::schema_json()).expect("schema is JSON");
    let required = schema["$defs"]["Document"]["required"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for key in ["version", "effective_date"] {
        assert!(
            required.iter().any(|r| r == key),
            "[document] {key} is not required in the schema"
        );
    }
    let (_t, site) = starter();
    edit(
        &site,
        "content/organisation.toml",
        "effective_date = 2026-01-01     # a TOML date, no quotes\n",
        "",
    );
    let o = run(&["check", "site"], site.parent().expect("parent"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("[document] has no effective_date"),
        "{}",
        stderr(&o)
    );
}
