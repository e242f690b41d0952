//! The README stays true to the code: its "Data reference" section is
//! generated from the JSON Schema (every key: type, required or default,
//! an example from `example-site/`, one line of meaning), and its check
//! tables list every finding `check` can give.
//!
//! `PERSONVERN_BLESS=1 cargo test --test readme` rewrites the generated
//! section.

mod common;
use common::*;
use serde_json::Value;
use std::fs;

const START: &str = "<!-- data-reference: generated from the schema by tests/readme.rs; `PERSONVERN_BLESS=1 cargo test --test readme` rewrites it -->";
const END: &str = "<!-- end of data-reference -->";

/// Follows `$ref`s and drops the `null` branch of an optional value;
/// returns the schema and the name of the last definition passed.
fn resolve<'a>(s: &'a Value, defs: &'a Value) -> (&'a Value, Option<String>) {
    let mut s = s;
    let mut name = None;
    for _ in 0..8 {
        if let Some(r) = s.get("$ref").and_then(|r| r.as_str()) {
            let n = r.trim_start_matches("#/$defs/");
            match defs.get(n) {
                Some(d) => {
                    name = Some(n.to_string());
                    s = d;
                    continue;
                }
                None => break,
            }
        }
        if let Some(b) = s.get("anyOf").and_then(|a| a.as_array()) {
            let not_null: Vec<&Value> = b
                .iter()
                .filter(|x| x.get("type").and_then(|t| t.as_str()) != Some("null"))
                .collect();
            if not_null.len() == 1 && b.len() == 2 {
                s = not_null[0];
                continue;
            }
        }
        break;
    }
    (s, name)
}

fn consts(s: &Value) -> Vec<String> {
    for k in ["oneOf", "anyOf"] {
        if let Some(a) = s.get(k).and_then(|a| a.as_array()) {
            let c: Vec<String> = a
                .iter()
                .filter_map(|v| v.get("const").and_then(|c| c.as_str()))
                .map(|c| format!("`{c}`"))
                .collect();
            if !c.is_empty() && c.len() == a.len() {
                return c;
            }
        }
    }
    s.get("enum")
        .and_then(|e| e.as_array())
        .map(|e| {
            e.iter()
                .filter_map(|v| v.as_str().map(|c| format!("`{c}`")))
                .collect()
        })
        .unwrap_or_default()
}

/// The type of a value, in words.
fn type_of(field: &Value, defs: &Value) -> String {
    let (s, name) = resolve(field, defs);
    match name.as_deref() {
        Some("Text") => return "text per language".into(),
        Some("Date") => return "date".into(),
        Some("Duration") => return "ISO 8601 duration".into(),
        Some("CookieDuration") => {
            return "ISO 8601 duration, `\"session\"`, a range `\"P1D..P2Y\"`, `\"varies\"` or `\"not_stored\"`".into()
        }
        Some("DpoStatus") => return "true, false or `\"not_stated\"`".into(),
        _ => {}
    }
    let values = consts(s);
    if !values.is_empty() {
        return format!("one of {}", values.join(", "));
    }
    if let Some(a) = s.get("anyOf").and_then(|a| a.as_array()) {
        // One value or a list of them; or a value or a table of keys.
        if let (Some(one), true) = (a.first(), a.len() == 2) {
            if table_branch(s, defs).is_some() {
                return format!("{}, or a table", type_of(one, defs));
            }
            return format!("{}, or a list of them", type_of(one, defs));
        }
    }
    let ty = match s.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(|t| t.as_str())
            .find(|t| *t != "null")
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    };
    match ty.as_str() {
        // A date given by its pattern (a required date is inlined).
        "string"
            if s.get("pattern").and_then(|p| p.as_str())
                == Some("^[0-9]{4}-[0-9]{2}-[0-9]{2}$") =>
        {
            "date".into()
        }
        "string" => "string".into(),
        "boolean" => "true or false".into(),
        "integer" => "integer".into(),
        "number" => "number".into(),
        "array" => match s.get("items") {
            Some(i) => format!("list of {}", plural(&type_of(i, defs))),
            None => "list".into(),
        },
        "object" if s.get("properties").is_some() => "table".into(),
        "object" => match s.get("additionalProperties").filter(|a| a.is_object()) {
            Some(a) => format!("table of {}", plural(&type_of(a, defs))),
            None => "table".into(),
        },
        _ => "value".into(),
    }
}

/// The table branch of a value that is written either plainly or as a
/// table (`supervisory_authority = "…"` or `[supervisory_authority]`).
fn table_branch<'a>(s: &'a Value, defs: &'a Value) -> Option<&'a Value> {
    s.get("anyOf")
        .and_then(|a| a.as_array())
        .filter(|a| a.len() == 2)
        .and_then(|a| a.get(1))
        .map(|b| resolve(b, defs).0)
        .filter(|b| b.get("properties").is_some())
}

fn plural(t: &str) -> String {
    match t {
        "string" => "strings".into(),
        "table" => "tables".into(),
        "text per language" => "texts per language".into(),
        other => other.into(),
    }
}

/// One line of meaning: the field's description, or its definition's
/// when the field's says no more than its name ("Retention.").
fn meaning(key: &str, field: &Value, defs: &Value) -> String {
    let own = field
        .get("description")
        .and_then(|d| d.as_str())
        .unwrap_or("");
    let (s, _) = resolve(field, defs);
    let def = s.get("description").and_then(|d| d.as_str()).unwrap_or("");
    let bare = own.trim().trim_end_matches('.').to_lowercase();
    let name = key.replace('_', " ").to_lowercase();
    let is_table = s.get("properties").is_some();
    let text = if (bare.is_empty() || bare == name) && is_table && !def.starts_with('`') {
        def
    } else {
        own
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn toml_default(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(format!("`\"{s}\"`")),
        Value::Bool(b) => Some(format!("`{b}`")),
        Value::Number(n) => Some(format!("`{n}`")),
        Value::Array(a) if a.is_empty() => None,
        Value::Array(a) => Some(format!(
            "`[{}]`",
            a.iter()
                .map(|x| match x {
                    Value::String(s) => format!("\"{s}\""),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Value::Object(o) if o.is_empty() => None,
        Value::Object(_) => None,
    }
}

/// A value of the example site, inline, short.
fn example(v: &toml::Value, short: bool) -> String {
    match v {
        toml::Value::String(s) if short => {
            let _ = s;
            "\"…\"".into()
        }
        toml::Value::String(s) => {
            let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if one.chars().count() > 28 {
                format!(
                    "\"{}…\"",
                    one.chars().take(26).collect::<String>().trim_end()
                )
            } else {
                format!("\"{one}\"")
            }
        }
        toml::Value::Array(a) => {
            let items: Vec<String> = a.iter().take(3).map(|x| example(x, short)).collect();
            let more = if a.len() > 3 { ", …" } else { "" };
            format!("[{}{more}]", items.join(", "))
        }
        toml::Value::Table(t) => format!(
            "{{ {} }}",
            t.iter()
                .map(|(k, x)| format!("{k} = {}", example(x, short)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// The first value at `path` in the example site (`*` is any entity id
/// or list item).
fn find<'a>(v: &'a toml::Value, path: &[&str]) -> Option<&'a toml::Value> {
    let Some((first, rest)) = path.split_first() else {
        return Some(v);
    };
    match (*first, v) {
        ("*", toml::Value::Table(t)) => t.values().find_map(|x| find(x, rest)),
        ("*", toml::Value::Array(a)) => a.iter().find_map(|x| find(x, rest)),
        (k, toml::Value::Table(t)) => t.get(k).and_then(|x| find(x, rest)),
        _ => None,
    }
}

fn example_site() -> Vec<toml::Value> {
    let root = repo().join("example-site");
    let mut files = vec![root.join("personvern.toml")];
    let mut content: Vec<_> = fs::read_dir(root.join("content"))
        .expect("example-site/content")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    content.sort();
    files.extend(content);
    files
        .iter()
        .filter_map(|p| fs::read_to_string(p).ok())
        .filter_map(|t| toml::from_str(&t).ok())
        .collect()
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

struct Row {
    key: String,
    ty: String,
    required: String,
    example: String,
    meaning: String,
}

#[allow(clippy::too_many_arguments)]
fn rows(
    table: &Value,
    defs: &Value,
    prefix: &str,
    path: &[String],
    data: &[toml::Value],
    depth: usize,
    out: &mut Vec<Row>,
) {
    let required: Vec<&str> = table
        .get("required")
        .and_then(|r| r.as_array())
        .map(|r| r.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default();
    let Some(props) = table.get("properties").and_then(|p| p.as_object()) else {
        return;
    };
    for (k, field) in props {
        let key = format!("{prefix}{k}");
        let (s, _) = resolve(field, defs);
        let mut here: Vec<String> = path.to_vec();
        here.push(k.clone());
        let struct_like = s.get("properties").is_some();
        let list_of_struct = s
            .get("items")
            .map(|i| resolve(i, defs).0.get("properties").is_some())
            .unwrap_or(false);
        let map_of_struct = s
            .get("additionalProperties")
            .filter(|a| a.is_object())
            .map(|a| resolve(a, defs).0.get("properties").is_some())
            .unwrap_or(false);
        let expands = depth < 3 && (struct_like || list_of_struct || map_of_struct);
        let example = if expands {
            String::new()
        } else {
            let p: Vec<&str> = here.iter().map(String::as_str).collect();
            data.iter()
                .find_map(|d| find(d, &p))
                .map(|v| {
                    let e = example(v, false);
                    let e = if e.chars().count() > 60 {
                        example(v, true)
                    } else {
                        e
                    };
                    if e.chars().count() > 60 || e.contains('`') {
                        String::new()
                    } else {
                        format!("`{e}`")
                    }
                })
                .unwrap_or_default()
        };
        let required = if required.contains(&k.as_str()) {
            "required".to_string()
        } else {
            field
                .get("default")
                .and_then(toml_default)
                .map(|d| format!("default {d}"))
                .unwrap_or_else(|| "optional".into())
        };
        out.push(Row {
            key: format!("`{key}`"),
            ty: type_of(field, defs),
            required,
            example,
            meaning: meaning(k, field, defs),
        });
        if !expands {
            continue;
        }
        if struct_like {
            rows(s, defs, &format!("{key}."), &here, data, depth + 1, out);
        } else if list_of_struct {
            let (i, _) = resolve(&s["items"], defs);
            let mut p = here.clone();
            p.push("*".into());
            rows(i, defs, &format!("{key}[]."), &p, data, depth + 1, out);
        } else {
            let (a, _) = resolve(&s["additionalProperties"], defs);
            let id = if k == "slugs" { "<lang>" } else { "<id>" };
            let mut p = here.clone();
            p.push("*".into());
            rows(a, defs, &format!("{key}.{id}."), &p, data, depth + 1, out);
        }
    }
}

/// The "Data reference" section of the README, from the schema.
fn data_reference() -> String {
    let schema: Value =
        serde_json::from_str(&personvern::load::schema::schema_json()).expect("schema is JSON");
    let defs = &schema["$defs"];
    let data = example_site();
    let mut out = String::new();
    out.push_str(START);
    out.push_str("\n\n");
    out.push_str(
        "Every key personvern reads, table by table: its type, whether it is required \
         (or its default), an example from `example-site/`, and what it means. Text \
         \"per language\" is written `{ nb = \"…\", en = \"…\" }`; a table written \
         `[activities.<id>]` holds entries keyed by an id of your choice. The same \
         descriptions are in `personvern.schema.json`, for editors.\n",
    );
    let top = schema["properties"]
        .as_object()
        .expect("top-level properties");
    for (name, field) in top {
        let (s, _) = resolve(field, defs);
        let is_collection = s.get("properties").is_none()
            && s.get("additionalProperties")
                .filter(|a| a.is_object())
                .is_some_and(|a| resolve(a, defs).0.get("properties").is_some());
        let heading = if is_collection {
            format!("[{name}.<id>]")
        } else if s.get("properties").is_some() || name == "waivers" {
            format!("[{name}]")
        } else {
            name.clone()
        };
        out.push_str(&format!("\n### `{heading}`\n\n"));
        let what = field
            .get("description")
            .and_then(|d| d.as_str())
            .unwrap_or("");
        out.push_str(&what.split_whitespace().collect::<Vec<_>>().join(" "));
        out.push('\n');
        let mut list = Vec::new();
        if is_collection {
            let (entity, _) = resolve(&s["additionalProperties"], defs);
            rows(
                entity,
                defs,
                "",
                &[name.clone(), "*".into()],
                &data,
                0,
                &mut list,
            );
        } else if s.get("properties").is_some() {
            rows(s, defs, "", std::slice::from_ref(name), &data, 0, &mut list);
        } else if name == "waivers" {
            let example = data
                .iter()
                .find_map(|d| find(d, &["waivers"]))
                .and_then(|w| w.as_table())
                .and_then(|t| t.iter().next())
                .map(|(k, v)| format!("`{k} = {}`", example(v, false)))
                .unwrap_or_default();
            list.push(Row {
                key: "`<rule-id>`".into(),
                ty: "string".into(),
                required: "optional".into(),
                example,
                meaning: "why a document-level rule (see the rule table of `personvern check`) does not apply".into(),
            });
        } else {
            let p = [name.as_str()];
            let example = data
                .iter()
                .find_map(|d| find(d, &p))
                .map(|v| format!("`{name} = {}`", example(v, false)))
                .unwrap_or_default();
            let table = table_branch(resolve(field, defs).0, defs);
            list.push(Row {
                key: format!("`{name}`"),
                ty: type_of(field, defs),
                required: "optional".into(),
                example,
                meaning: if table.is_some() {
                    format!("a plain key: write it above the first [table] header of its file; or a `[{name}]` table with the keys below")
                } else {
                    "a plain key: write it above the first [table] header of its file".into()
                },
            });
            if let Some(t) = table {
                rows(t, defs, "", std::slice::from_ref(name), &data, 0, &mut list);
            }
        }
        out.push_str(
            "\n| key | type | required | example | meaning |\n| --- | --- | --- | --- | --- |\n",
        );
        for r in list {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                cell(&r.key),
                cell(&r.ty),
                cell(&r.required),
                cell(&r.example),
                cell(&r.meaning)
            ));
        }
    }
    out.push('\n');
    out.push_str(END);
    out
}

#[test]
fn readme_data_reference_is_generated_from_the_schema() {
    let path = repo().join("README.md");
    let readme = fs::read_to_string(&path).expect("README.md");
    let want = data_reference();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no generated \"Data reference\" section (markers missing)");
    };
    let have = &readme[a..b + END.len()];
    if have != want {
        if std::env::var_os("PERSONVERN_BLESS").is_some() {
            let new = format!("{}{want}{}", &readme[..a], &readme[b + END.len()..]);
            fs::write(&path, new).expect("write README.md");
            return;
        }
        panic!(
            "README.md's \"Data reference\" differs from the schema; regenerate it with \
             `PERSONVERN_BLESS=1 cargo test --test readme`"
        );
    }
    assert!(
        readme[..a].trim_end().ends_with("## Data reference"),
        "the generated section must follow the heading \"## Data reference\""
    );
}

#[test]
fn the_data_reference_names_every_key_and_its_meaning() {
    let r = data_reference();
    for key in [
        "`effective_date`",
        "`legal_basis`",
        "`retention.period`",
        "`addresses[].country`",
        "`channels.<id>.kind`",
        "`response_time`",
        "`base_url`",
    ] {
        assert!(r.contains(&format!("| {key} |")), "no row for {key}");
    }
    for line in r.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        assert!(
            cells.len() == 5 && !cells[4].trim_end_matches(" |").trim().is_empty(),
            "a row without its meaning: {line}"
        );
    }
    assert!(r.contains("| `effective_date` | date | required |"), "{r}");
}

/// Hints that send the user to the README's "Data reference" send them to
/// a section that exists.
#[test]
fn hints_point_to_the_real_data_reference() {
    let readme = fs::read_to_string(repo().join("README.md")).expect("README.md");
    assert!(readme.contains("\n## Data reference\n"));
    let config = fs::read_to_string(repo().join("content/starter/personvern.toml"))
        .expect("starter personvern.toml");
    assert!(config.contains("\"Data reference\""));
    let (_t, site) = starter();
    edit(
        &site,
        "content/processing.toml",
        "service = { nb = \"Besøksstatistikk\", en = \"Web analytics\" }\n",
        "",
    );
    let o = run(&["check", "site"], site.parent().expect("parent"));
    assert!(
        stderr(&o).contains("see \"Data reference\" in the README"),
        "{}",
        stderr(&o)
    );
}

/// The codes of the findings `src/load/` and `src/check/` can give: the
/// first string argument of `Diagnostic::error(…)`, `.warning(…)`,
/// `.info(…)`, a validator's `.err(…)` and `d.code = "…"`.
fn codes_in_source() -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for dir in ["src/load", "src/check"] {
        for e in fs::read_dir(repo().join(dir))
            .expect("source folder")
            .flatten()
        {
            let text = fs::read_to_string(e.path()).unwrap_or_default();
            // Unit tests make up codes of their own.
            let text = text.split("#[cfg(test)]").next().unwrap_or("");
            for token in [
                "Diagnostic::error(",
                "Diagnostic::warning(",
                "Diagnostic::info(",
                ".err(",
                "code = ",
            ] {
                for (i, _) in text.match_indices(token) {
                    let rest = text[i + token.len()..].trim_start();
                    if let Some(r) = rest.strip_prefix('"') {
                        let code: String = r.chars().take_while(|c| *c != '"').collect();
                        if !code.is_empty()
                            && code
                                .chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                        {
                            out.insert(code);
                        }
                    }
                }
            }
        }
    }
    out
}

/// The ids in the first column of the README's tables (`| \`id\` | …`).
fn readme_table_ids(readme: &str) -> std::collections::BTreeMap<String, String> {
    readme
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("| `")?;
            let id = rest.split('`').next()?;
            Some((id.to_string(), l.to_string()))
        })
        .collect()
}

#[test]
fn readme_rule_tables_list_every_rule_and_finding() {
    let readme = fs::read_to_string(repo().join("README.md")).expect("README.md");
    let rows = readme_table_ids(&readme);
    let mut missing = Vec::new();
    for r in personvern::check::lint::RULES {
        let sev = match r.severity {
            personvern::diagnostics::Severity::Error => "error",
            personvern::diagnostics::Severity::Warning => "warning",
            _ => "note",
        };
        match rows.get(r.id) {
            Some(row) if row.contains(&format!("| {sev} |")) => {}
            Some(row) => missing.push(format!("{} (severity {sev}): {row}", r.id)),
            None => missing.push(r.id.to_string()),
        }
    }
    let codes = codes_in_source();
    assert!(codes.len() > 30, "found only {codes:?}");
    for c in &codes {
        if !rows.contains_key(c) {
            missing.push(c.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "README's tables of `personvern check` findings do not list: {}",
        missing.join(", ")
    );
}
