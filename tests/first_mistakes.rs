//! Typical first mistakes, each made in a fresh copy of the starter site
//! that `init` writes: every one gives exactly one error, in the file and
//! on the line of the mistake, with the fix in its help, and no follow-on
//! finding (no false "not declared", no `unused-entity` warning).

mod common;
use common::*;

struct Mistake {
    what: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    help: &'static str,
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        what: "a legal basis that does not exist",
        file: "content/processing.toml",
        from: "legal_basis = \"legitimate_interests\"",
        to: "legal_basis = \"contact\"",
        code: "invalid-value",
        help: "\"contract\"",
    },
    Mistake {
        what: "a legal basis misspelt in a list",
        file: "content/processing.toml",
        from: "legal_basis = \"consent\"",
        to: "legal_basis = [\"consnet\"]",
        code: "invalid-value",
        help: "\"consent\"",
    },
    Mistake {
        what: "a recipient kind that does not exist",
        file: "content/processing.toml",
        from: "kind = \"processor\"",
        to: "kind = \"vendor\"",
        code: "invalid-value",
        help: "processor",
    },
    Mistake {
        what: "a date written 01.12.2026",
        file: "content/organisation.toml",
        from: "effective_date = 2026-01-01",
        to: "effective_date = 01.12.2026",
        code: "invalid-date",
        help: "2026-12-01",
    },
    Mistake {
        what: "a date written 1/2/2026",
        file: "content/organisation.toml",
        from: "effective_date = 2026-01-01",
        to: "effective_date = 1/2/2026",
        code: "invalid-date",
        help: "2026-02-01",
    },
    Mistake {
        what: "a country written USA",
        file: "content/processing.toml",
        from: "country = \"SE\"",
        to: "country = \"USA\"",
        code: "invalid-country",
        help: "\"US\"",
    },
    Mistake {
        what: "a country written Norway",
        file: "content/processing.toml",
        from: "country = \"NO\"",
        to: "country = \"Norway\"",
        code: "invalid-country",
        help: "\"NO\"",
    },
    Mistake {
        what: "a country written UK",
        file: "content/processing.toml",
        from: "country = \"SE\"",
        to: "country = \"UK\"",
        code: "invalid-country",
        help: "\"GB\"",
    },
    Mistake {
        what: "a country in lower case",
        file: "content/processing.toml",
        from: "country = \"SE\"",
        to: "country = \"se\"",
        code: "invalid-country",
        help: "\"SE\"",
    },
    Mistake {
        what: "a misspelt key in an activity",
        file: "content/processing.toml",
        from: "purposes = [{ nb = \"Svare",
        to: "purpose = [{ nb = \"Svare",
        code: "unknown-key",
        help: "purposes",
    },
    Mistake {
        what: "a reference to a recipient that does not exist",
        file: "content/processing.toml",
        from: "recipients = [\"email-provider\"]",
        to: "recipients = [\"email-provder\"]",
        code: "unknown-reference",
        help: "email-provider",
    },
    Mistake {
        what: "a reference to a data category that does not exist",
        file: "content/processing.toml",
        from: "data_categories = [\"usage\"]",
        to: "data_categories = [\"usages\"]",
        code: "unknown-reference",
        help: "usage",
    },
    Mistake {
        what: "a bad duration in an activity",
        file: "content/processing.toml",
        from: "period = \"P1Y\"",
        to: "period = \"1 year\"",
        code: "invalid-value",
        help: "",
    },
    Mistake {
        what: "a misspelt key in the controller",
        file: "content/organisation.toml",
        from: "trade_name = ",
        to: "tradename = ",
        code: "unknown-key",
        help: "trade_name",
    },
];

#[test]
fn each_first_mistake_gives_exactly_one_error_and_no_follow_on() {
    let mut failures = Vec::new();
    for m in MISTAKES {
        let (_t, site) = starter();
        edit(&site, m.file, m.from, m.to);
        let o = run(
            &["check", "site", "--format", "json"],
            site.parent().expect("parent"),
        );
        let v: serde_json::Value = match serde_json::from_str(&stdout(&o)) {
            Ok(v) => v,
            Err(e) => panic!("{}: {e}\n{}", m.what, stderr(&o)),
        };
        let items = v["diagnostics"].as_array().cloned().unwrap_or_default();
        let errors: Vec<&serde_json::Value> =
            items.iter().filter(|d| d["severity"] == "error").collect();
        let line = std::fs::read_to_string(site.join(m.file))
            .expect("read")
            .lines()
            .position(|l| l.contains(m.to))
            .map(|i| i + 1);
        let ok = errors.len() == 1
            && errors[0]["code"] == m.code
            && errors[0]["file"]
                .as_str()
                .is_some_and(|f| f.ends_with(m.file))
            && errors[0]["line"].as_u64().map(|l| l as usize) == line
            && errors[0]["help"]
                .as_str()
                .unwrap_or_default()
                .contains(m.help)
            && !items.iter().any(|d| d["code"] == "unused-entity");
        if !ok {
            failures.push(format!(
                "{}: expected one {} at {}:{line:?}, got {items:#?}",
                m.what, m.code, m.file
            ));
        }
        assert_eq!(o.status.code(), Some(1), "{}", m.what);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
