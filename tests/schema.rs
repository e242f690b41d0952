//! The JSON Schema of the input format: kept in the repository, accepts
//! every valid site we ship, rejects the bad inputs.

mod common;
use common::*;
use std::fs;
use std::path::Path;

fn to_json(v: &toml::Value) -> serde_json::Value {
    match v {
        toml::Value::String(s) => serde_json::Value::String(s.clone()),
        toml::Value::Integer(i) => serde_json::json!(i),
        toml::Value::Float(f) => serde_json::json!(f),
        toml::Value::Boolean(b) => serde_json::json!(b),
        toml::Value::Datetime(d) => serde_json::Value::String(d.to_string()),
        toml::Value::Array(a) => serde_json::Value::Array(a.iter().map(to_json).collect()),
        toml::Value::Table(t) => {
            serde_json::Value::Object(t.iter().map(|(k, v)| (k.clone(), to_json(v))).collect())
        }
    }
}

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
