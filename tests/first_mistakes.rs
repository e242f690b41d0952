//! Typical first mistakes, each made in a fresh copy of the starter site
//! that `init` writes: every one gives exactly one error, in the file and
//! on the line of the mistake, with the fix in its help, and no follow-on
//! finding (no false "not declared", no `unused-entity` warning).

mod common;
use common::*;

struct Mistake {
    what: &'static str,
    /// The file edited.
    file: &'static str,
    from: &'static str,
    to: &'static str,
    /// The one error's code.
    code: &'static str,
    /// Where the error starts: the first occurrence in the edited file of
    /// this text, at its `^` (or its start when it has none).
    at: &'static str,
    /// The file the error is in, when it is not the one edited.
    in_file: &'static str,
    /// Text the help must contain: the fix.
    help: &'static str,
}

const P: &str = "content/processing.toml";
const O: &str = "content/organisation.toml";
const C: &str = "content/cookies.toml";
const S: &str = "personvern.toml";

const fn m(
    what: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    code: &'static str,
    at: &'static str,
    help: &'static str,
) -> Mistake {
    Mistake {
        what,
        file,
        from,
        to,
        code,
        at,
        in_file: "",
        help,
    }
}

const MISTAKES: &[Mistake] = &[
    // Wrong values from a fixed list.
    m(
        "a legal basis that does not exist",
        P,
        "legal_basis = \"legitimate_interests\"",
        "legal_basis = \"contact\"",
        "invalid-value",
        "legal_basis = ^\"contact\"",
        "did you mean \"contract\"?",
    ),
    m(
        "a legal basis misspelt in a list",
        P,
        "legal_basis = \"consent\"",
        "legal_basis = [\"consnet\"]",
        "invalid-value",
        "\"consnet\"",
        "did you mean \"consent\"?",
    ),
    m(
        "a legal basis with a capital",
        P,
        "legal_basis = \"consent\"",
        "legal_basis = \"Consent\"",
        "invalid-value",
        "\"Consent\"",
        "did you mean \"consent\"?",
    ),
    m(
        "a legal basis given as a number",
        P,
        "legal_basis = \"consent\"",
        "legal_basis = 1",
        "invalid-value",
        "legal_basis = ^1",
        "legal_basis = \"consent\"",
    ),
    m(
        "a recipient kind that does not exist",
        P,
        "kind = \"processor\"",
        "kind = \"vendor\"",
        "invalid-value",
        "\"vendor\"",
        "\"processor\"",
    ),
    m(
        "a recipient kind given as a number",
        P,
        "kind = \"processor\"",
        "kind = 1",
        "invalid-value",
        "kind = ^1",
        "kind = \"processor\"",
    ),
    m(
        "a cookie party given as a number",
        C,
        "party = \"first\"",
        "party = 1",
        "invalid-value",
        "party = ^1",
        "party = \"first\"",
    ),
    m(
        "a cookie party misspelt",
        C,
        "party = \"first\"",
        "party = \"frist\"",
        "invalid-value",
        "\"frist\"",
        "did you mean \"first\"?",
    ),
    m(
        "a cookie category shortened",
        C,
        "category = \"statistics\"",
        "category = \"necessary\"",
        "invalid-value",
        "\"necessary\"",
        "did you mean \"strictly_necessary\"?",
    ),
    m(
        "a misspelt [document] header",
        O,
        "[document]",
        "[dokument]",
        "unknown-key",
        "[^dokument]",
        "did you mean `document`?",
    ),
    m(
        "a yes/no written as text in a data category",
        P,
        "label = { nb = \"Bruksdata\", en = \"Usage data\" }",
        "label = { nb = \"Bruksdata\", en = \"Usage data\" }\nspecial = \"yes\"",
        "wrong-type",
        "\"yes\"",
        "special = true",
    ),
    m(
        "a waiver of a misspelt rule",
        P,
        "recipients = [\"analytics\"]",
        "recipients = [\"analytics\"]\nwaive = { retention-mising = \"kept briefly\" }",
        "unknown-rule",
        "retention-mising",
        "did you mean `retention-missing`?",
    ),
    m(
        "a cookie category that does not exist",
        C,
        "category = \"statistics\"",
        "category = \"analytics\"",
        "invalid-value",
        "category = ^\"analytics\"",
        "\"statistics\"",
    ),
    m(
        "a retention start that does not exist",
        P,
        "from = \"case_closed\"",
        "from = \"closed\"",
        "invalid-value",
        "\"closed\"",
        "\"case_closed\"",
    ),
    m(
        "a provision requirement that does not exist",
        P,
        "requirement = \"voluntary\"",
        "requirement = \"optional\"",
        "invalid-value",
        "\"optional\"",
        "\"voluntary\"",
    ),
    m(
        "an address kind that does not exist",
        O,
        "kind = \"visiting\"",
        "kind = \"office\"",
        "invalid-value",
        "\"office\"",
        "\"visiting\"",
    ),
    m(
        "a rights channel kind misspelt",
        O,
        "kind = \"email\"",
        "kind = \"mail\"",
        "invalid-value",
        "\"mail\"",
        "did you mean \"email\"?",
    ),
    // Dates.
    m(
        "a date written 01.12.2026",
        O,
        "effective_date = 2026-01-01",
        "effective_date = 01.12.2026",
        "invalid-date",
        "01.12.2026",
        "2026-12-01",
    ),
    m(
        "a date written 10.10.2022",
        O,
        "effective_date = 2026-01-01",
        "effective_date = 10.10.2022",
        "invalid-date",
        "10.10.2022",
        "write dates as year-month-day: 2022-10-10",
    ),
    m(
        "a date written 1/2/2026",
        O,
        "effective_date = 2026-01-01",
        "effective_date = 1/2/2026",
        "invalid-date",
        "1/2/2026",
        "2026-02-01",
    ),
    m(
        "a month that does not exist",
        O,
        "effective_date = 2026-01-01",
        "effective_date = 2026-13-01",
        "invalid-date",
        "2026-13-01",
        "year-month-day",
    ),
    m(
        "a date in words",
        O,
        "effective_date = 2026-01-01",
        "effective_date = \"January 2026\"",
        "invalid-date",
        "\"January 2026\"",
        "effective_date = 2026-01-31",
    ),
    m(
        "no effective_date",
        O,
        "effective_date = 2026-01-01     # a TOML date, no quotes\n",
        "",
        "missing-key",
        "[^document]",
        "effective_date = 2026-01-01",
    ),
    // Countries.
    m(
        "a recipient country written USA",
        P,
        "country = \"SE\"",
        "country = \"USA\"",
        "invalid-country",
        "\"USA\"",
        "\"US\"",
    ),
    m(
        "a recipient country written Norway",
        P,
        "country = \"NO\"",
        "country = \"Norway\"",
        "invalid-country",
        "\"Norway\"",
        "\"NO\"",
    ),
    m(
        "a recipient country written UK",
        P,
        "country = \"SE\"",
        "country = \"UK\"",
        "invalid-country",
        "\"UK\"",
        "\"GB\"",
    ),
    m(
        "a recipient country written us",
        P,
        "country = \"SE\"",
        "country = \"us\"",
        "invalid-country",
        "\"us\"",
        "\"US\"",
    ),
    m(
        "a recipient country in lower case",
        P,
        "country = \"SE\"",
        "country = \"se\"",
        "invalid-country",
        "\"se\"",
        "\"SE\"",
    ),
    m(
        "a data location written USA",
        P,
        "country = \"SE\"",
        "country = \"SE\"\ndata_locations = [\"USA\"]",
        "invalid-country",
        "\"USA\"",
        "\"US\"",
    ),
    m(
        "an address country written Norge",
        O,
        "country = \"NO\" }",
        "country = \"Norge\" }",
        "invalid-country",
        "\"Norge\"",
        "\"NO\"",
    ),
    m(
        "a recipient in the US without a transfer",
        P,
        "country = \"SE\"",
        "country = \"US\"",
        "transfer-mechanism-missing",
        "\"US\"",
        "[transfers.analytics-us]",
    ),
    // Misspelt keys, one in each kind of table.
    m(
        "a misspelt key in an activity",
        P,
        "purposes = [{ nb = \"Svare",
        "purpose = [{ nb = \"Svare",
        "unknown-key",
        "purpose =",
        "did you mean `purposes`?",
    ),
    m(
        "a misspelt legal_basis key",
        P,
        "legal_basis = \"consent\"",
        "legal_bases = \"consent\"",
        "unknown-key",
        "legal_bases",
        "did you mean `legal_basis`?",
    ),
    m(
        "a misspelt key in the controller",
        O,
        "trade_name = ",
        "tradename = ",
        "unknown-key",
        "tradename",
        "did you mean `trade_name`?",
    ),
    m(
        "a misspelt key in an address",
        O,
        "street = \"Storgata 1\"",
        "stret = \"Storgata 1\"",
        "unknown-key",
        "stret",
        "did you mean `street`?",
    ),
    m(
        "a shortened key in [document]",
        O,
        "effective_date = 2026-01-01",
        "effective = 2026-01-01",
        "unknown-key",
        "effective =",
        "did you mean `effective_date`?",
    ),
    m(
        "a shortened key in [privacy_contact]",
        O,
        "dpo_appointed = false",
        "dpo = false",
        "unknown-key",
        "dpo =",
        "did you mean `dpo_appointed`?",
    ),
    m(
        "a misspelt key in a data category",
        P,
        "label = { nb = \"Bruksdata\"",
        "lable = { nb = \"Bruksdata\"",
        "unknown-key",
        "lable",
        "did you mean `label`?",
    ),
    m(
        "a misspelt key in a data subject group",
        P,
        "label = { nb = \"besøkende",
        "labl = { nb = \"besøkende",
        "unknown-key",
        "labl",
        "did you mean `label`?",
    ),
    m(
        "a misspelt key in a recipient",
        P,
        "name = \"Eksempel E-post AS\"",
        "nam = \"Eksempel E-post AS\"",
        "unknown-key",
        "nam =",
        "did you mean `name`?",
    ),
    m(
        "a misspelt key in a cookie",
        C,
        "name = \"cookie_consent\"",
        "nmae = \"cookie_consent\"",
        "unknown-key",
        "nmae",
        "did you mean `name`?",
    ),
    m(
        "a misspelt key in [cookie_policy]",
        C,
        "change_consent = ",
        "change_consnet = ",
        "unknown-key",
        "change_consnet",
        "did you mean `change_consent`?",
    ),
    m(
        "a misspelt key in [site]",
        S,
        "base_url = ",
        "baseurl = ",
        "unknown-key",
        "baseurl",
        "did you mean `base_url`?",
    ),
    m(
        "a misspelt table name",
        P,
        "[recipients.analytics]",
        "[recipient.analytics]",
        "unknown-key",
        "[^recipient.analytics]",
        "did you mean `recipients`?",
    ),
    m(
        "a top-level key after a table header",
        O,
        "supervisory_authority = \"datatilsynet\"\n\n[document]",
        "[document]\nsupervisory_authority = \"datatilsynet\"",
        "unknown-key",
        "supervisory_authority =",
        "move `supervisory_authority = …` above the first [header]",
    ),
    // Types.
    m(
        "a list field given one string",
        P,
        "data_categories = [\"usage\"]",
        "data_categories = \"usage\"",
        "wrong-type",
        "\"usage\"",
        "write a list: data_categories = [\"usage\"]",
    ),
    m(
        "recipients given one string",
        P,
        "recipients = [\"analytics\"]",
        "recipients = \"analytics\"",
        "wrong-type",
        "\"analytics\"",
        "recipients = [\"analytics\"]",
    ),
    m(
        "languages given one string",
        S,
        "languages = [\"nb\", \"en\"]",
        "languages = \"nb\"",
        "wrong-type",
        "\"nb\"",
        "languages = [\"nb\"]",
    ),
    m(
        "a version without quotes",
        O,
        "version = \"1.0\"",
        "version = 1.0",
        "wrong-type",
        "version = ^1.0",
        "version = \"1.0\"",
    ),
    m(
        "a yes/no written as text",
        O,
        "dpo_appointed = false",
        "dpo_appointed = \"no\"",
        "wrong-type",
        "\"no\"",
        "dpo_appointed = false",
    ),
    m(
        "a retention given as a duration only",
        P,
        "retention = { period = \"P14M\", from = \"collection\" }",
        "retention = \"P14M\"",
        "wrong-type",
        "\"P14M\"",
        "retention = { period = …",
    ),
    m(
        "text without quotes",
        O,
        "city = \"Oslo\"",
        "city = Oslo",
        "toml-syntax",
        "city = ^Oslo",
        "city = \"Oslo\"",
    ),
    m(
        "a duration in words",
        P,
        "period = \"P1Y\"",
        "period = \"1 year\"",
        "invalid-value",
        "\"1 year\"",
        "\"P1Y\"",
    ),
    m(
        "a cookie lifetime in words",
        C,
        "duration = \"P13M\"",
        "duration = \"13 months\"",
        "invalid-value",
        "\"13 months\"",
        "\"P13M\"",
    ),
    // Texts.
    m(
        "a missing English label",
        P,
        "label = { nb = \"Kontaktopplysninger\", en = \"Contact details\" }",
        "label = { nb = \"Kontaktopplysninger\" }",
        "missing-translation",
        "{ nb = \"Kontaktopplysninger\" }",
        "en = \"…\"",
    ),
    m(
        "a missing English purpose",
        P,
        ", en = \"Answer questions you send us.\" }",
        " }",
        "missing-translation",
        "{ nb = \"Svare",
        "en = \"…\"",
    ),
    m(
        "an English text under `eng`",
        P,
        "en = \"web site visitors\"",
        "eng = \"web site visitors\"",
        "unknown-language",
        "{ nb = \"besøkende",
        "did you mean `en`?",
    ),
    m(
        "an empty English text",
        P,
        "en = \"Usage data\"",
        "en = \"\"",
        "empty-text",
        "{ nb = \"Bruksdata\"",
        "write the text",
    ),
    m(
        "a role as a plain string",
        O,
        "role = { nb = \"personvernansvarlig\", en = \"privacy officer\" }",
        "role = \"personvernansvarlig\"",
        "text-not-localized",
        "\"personvernansvarlig\"",
        "en = \"…\"",
    ),
    // References.
    m(
        "a reference to a recipient that does not exist",
        P,
        "recipients = [\"email-provider\"]",
        "recipients = [\"email-provder\"]",
        "unknown-reference",
        "\"email-provder\"",
        "did you mean `email-provider`?",
    ),
    m(
        "a reference to a data category that does not exist",
        P,
        "data_categories = [\"usage\"]",
        "data_categories = [\"usages\"]",
        "unknown-reference",
        "\"usages\"",
        "did you mean `usage`?",
    ),
    m(
        "a reference to a data subject group that does not exist",
        P,
        "data_subjects = [\"enquirers\"]",
        "data_subjects = [\"enquirer\"]",
        "unknown-reference",
        "\"enquirer\"",
        "did you mean `enquirers`?",
    ),
    m(
        "a cookie linked to an activity that does not exist",
        C,
        "activity = \"statistics\"",
        "activity = \"stats\"",
        "unknown-reference",
        "\"stats\"",
        "statistics",
    ),
    m(
        "a cookie provider that does not exist",
        C,
        "provider = \"analytics\"",
        "provider = \"analytic\"",
        "unknown-reference",
        "\"analytic\"",
        "did you mean `analytics`?",
    ),
    m(
        "a supervisory authority misspelt",
        O,
        "supervisory_authority = \"datatilsynet\"",
        "supervisory_authority = \"datatilsynett\"",
        "unknown-authority",
        "\"datatilsynett\"",
        "did you mean \"datatilsynet\"?",
    ),
    // Identifiers and duplicates.
    m(
        "the same id twice in a file",
        P,
        "[data_subjects.enquirers]",
        "[data_subjects.visitors]",
        "duplicate-id",
        "[data_subjects.^visitors]\nlabel = { nb = \"personer",
        "first declared on line 13",
    ),
    m(
        "the same cookie id twice",
        C,
        "[cookies.stats]",
        "[cookies.consent]",
        "duplicate-id",
        "[cookies.^consent]\nname = \"_stats_id\"",
        "first declared on line 11",
    ),
    Mistake {
        what: "the same id in two files",
        file: C,
        from: "[cookies.consent]",
        to: "[data_categories.usage]\nlabel = { nb = \"x\", en = \"y\" }\n\n[cookies.consent]",
        code: "duplicate-id",
        at: "[data_categories.^usage]",
        in_file: P,
        help: "first declared at site/content/cookies.toml:11:18",
    },
    m(
        "the same key twice in a table",
        C,
        "duration = \"P6M\"",
        "duration = \"P6M\"\nname = \"x\"",
        "duplicate-key",
        "name = \"x\"",
        "keep one `name = …`",
    ),
    // Formats.
    m(
        "an organisation number with a wrong check digit",
        O,
        "org_number = \"912 345 688\"",
        "org_number = \"912 345 678\"",
        "invalid-org-number",
        "\"912 345 678\"",
        "brreg.no",
    ),
    m(
        "an e-mail address without @",
        O,
        "email = \"post@eksempelbedrift.no\"",
        "email = \"post-eksempelbedrift.no\"",
        "invalid-email",
        "\"post-eksempelbedrift.no\"",
        "name@example.no",
    ),
    m(
        "a web site without https://",
        O,
        "website = \"https://www.eksempelbedrift.no/\"",
        "website = \"www.eksempelbedrift.no\"",
        "invalid-url",
        "\"www.eksempelbedrift.no\"",
        "https://",
    ),
    m(
        "a base_url without https://",
        S,
        "base_url = \"https://www.eksempelbedrift.no/\"",
        "base_url = \"www.eksempelbedrift.no\"",
        "invalid-url",
        "\"www.eksempelbedrift.no\"",
        "https://",
    ),
    m(
        "an empty legal name",
        O,
        "legal_name = \"Eksempelbedrift AS\"",
        "legal_name = \"\"",
        "missing-key",
        "legal_name = ^\"\"",
        "legal_name = \"Eksempel AS\"",
    ),
    // Required keys.
    m(
        "no dpo_appointed",
        O,
        "dpo_appointed = false            # say explicitly whether you have a personvernombud\n",
        "",
        "dpo-status-missing",
        "[^privacy_contact]",
        "add dpo_appointed = true or false to [privacy_contact]",
    ),
    m(
        "no legal_basis",
        P,
        "legal_basis = \"consent\"\n",
        "",
        "missing-key",
        "[activities.statistics]",
        "add `legal_basis = …`",
    ),
];

/// Line and column (1-based, in characters) of the error `m.at` names in
/// the edited file.
fn expected_position(text: &str, at: &str) -> Option<(usize, usize)> {
    let caret = at.find('^').unwrap_or(0);
    let needle = at.replacen('^', "", 1);
    let offset = text.find(&needle)? + caret;
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, col))
}

#[test]
fn each_first_mistake_gives_exactly_one_error_and_no_follow_on() {
    assert!(MISTAKES.len() >= 30);
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
        let in_file = if m.in_file.is_empty() {
            m.file
        } else {
            m.in_file
        };
        let text = std::fs::read_to_string(site.join(in_file)).expect("read");
        let Some((line, col)) = expected_position(&text, m.at) else {
            panic!("{}: {in_file} has no {:?}", m.what, m.at);
        };
        // The starter site has no findings at all, so every finding but
        // the one error would be a follow-on.
        let one = match items.as_slice() {
            [d] => Some(d),
            _ => None,
        };
        let ok = one.is_some_and(|d| {
            d["severity"] == "error"
                && d["code"] == m.code
                && d["file"].as_str().is_some_and(|f| f.ends_with(in_file))
                && d["line"].as_u64() == Some(line as u64)
                && d["column"].as_u64() == Some(col as u64)
                && d["help"].as_str().unwrap_or_default().contains(m.help)
        });
        if !ok {
            failures.push(format!(
                "{}: expected one {} at {in_file}:{line}:{col} with help containing {:?}, got {items:#?}",
                m.what, m.code, m.help
            ));
        }
        assert_eq!(o.status.code(), Some(1), "{}", m.what);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The messages the mistakes above give, for the README and the issue's
/// closing note: `PERSONVERN_PRINT_MISTAKES=1 cargo test --test
/// first_mistakes -- --nocapture`.
#[test]
fn print_messages_when_asked() {
    if std::env::var_os("PERSONVERN_PRINT_MISTAKES").is_none() {
        return;
    }
    for m in MISTAKES {
        let (_t, site) = starter();
        edit(&site, m.file, m.from, m.to);
        let o = run(
            &["check", "site", "--format", "json"],
            site.parent().expect("parent"),
        );
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap_or_default();
        for d in v["diagnostics"].as_array().cloned().unwrap_or_default() {
            println!(
                "| {} | `{}` | {} | {} |",
                m.what,
                d["code"].as_str().unwrap_or(""),
                d["message"].as_str().unwrap_or("").replace('|', "\\|"),
                d["help"].as_str().unwrap_or("").replace('|', "\\|")
            );
        }
    }
}
