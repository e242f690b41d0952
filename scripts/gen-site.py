#!/usr/bin/env python3
"""Writes a synthetic, valid personvern site of a chosen size, for benchmarks.

    python3 scripts/gen-site.py OUT_DIR --activities N --recipients M --cookies K [--seed S]
    python3 scripts/gen-site.py OUT_DIR --activities 500 --recipients 200 --cookies all

The site (personvern.toml and content/*.toml) is in Norwegian Bokmål and
English and passes `personvern check` without errors or warnings: every data
category, data subject group, source and recipient is used; every recipient
outside the EEA has a transfer for each third country; every cookie that is
not strictly necessary feeds a consent-based activity.

`--cookies all` declares the cookies of the Open Cookie Database
(../shared/data/open-cookie-database/open-cookie-database.csv, Apache-2.0,
by Jack Kwakman and contributors), one per (name, domain) pair; the
recipients are then named after its most frequent data controllers.

The output is a function of the arguments only (same seed, same bytes).
Python 3 standard library only.
"""

import argparse
import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
OCD = os.path.normpath(
    os.path.join(REPO, "..", "shared", "data", "open-cookie-database", "open-cookie-database.csv")
)
if not os.path.exists(OCD):
    OCD = "/work/shared/data/open-cookie-database/open-cookie-database.csv"

# Keep in step with content/regions.toml.
EEA = set(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE IS LI NO".split()
)
ADEQUACY = set("AD AR CA CH FO GB GG IL IM JE JP KR NZ US UY".split())
# Recipient countries, weighted towards where such companies sit.
COUNTRIES = ["NO"] * 6 + ["SE", "DK", "FI", "DE", "NL", "IE", "FR"] * 2 + ["US"] * 4 + [
    "GB", "CH", "JP", "CA", "IN", "BR", "AU", "SG",
]

RECIPIENT_KINDS = ["processor"] * 6 + ["independent_controller", "joint_controller", "group_company"]
BASES = ["contract", "legitimate_interests", "legal_obligation", "consent", "public_task"]
RETENTION_FROM = [
    "collection", "end_of_contract", "last_activity", "end_of_financial_year", "case_closed",
    "consent_withdrawal", "recruitment_end",
]
SOURCE_KINDS = ["data_subject", "observed", "employer", "third_party", "public_register", "other"]

CATEGORIES = [
    ("contact", "Kontaktopplysninger", "Contact details", "navn, e-post og telefonnummer", "name, e-mail and phone number"),
    ("identity", "Identitetsopplysninger", "Identity details", "fødselsdato og kundenummer", "date of birth and customer number"),
    ("payment", "Betalingsopplysninger", "Payment details", "kortets siste fire sifre og fakturaer", "last four card digits and invoices"),
    ("usage", "Bruksdata", "Usage data", "sidevisninger, klikk og IP-adresse", "page views, clicks and IP address"),
    ("device", "Enhetsopplysninger", "Device details", "nettlesertype og skjermstørrelse", "browser type and screen size"),
    ("location", "Posisjonsdata", "Location data", "omtrentlig posisjon fra IP-adressen", "approximate location from the IP address"),
    ("communication", "Kommunikasjon", "Communication", "e-poster og chatmeldinger til oss", "e-mails and chat messages to us"),
    ("employment", "Arbeidsforhold", "Employment details", "stilling, lønn og fravær", "position, salary and absence"),
    ("preferences", "Preferanser", "Preferences", "språk og samtykkevalg", "language and consent choices"),
    ("orders", "Ordrehistorikk", "Order history", "hva du har kjøpt og når", "what you bought and when"),
]
SPECIAL = ("health", "Helseopplysninger", "Health data", "sykefravær og allergier", "sick leave and allergies")
SUBJECTS = [
    ("customers", "kunder", "customers"),
    ("visitors", "besøkende på nettstedet", "web site visitors"),
    ("applicants", "jobbsøkere", "job applicants"),
    ("employees", "ansatte", "employees"),
    ("suppliers", "kontaktpersoner hos leverandører", "contact persons at suppliers"),
    ("subscribers", "abonnenter på nyhetsbrevet", "newsletter subscribers"),
]
TOPICS = [
    ("Kundeservice", "Customer service", "Svare på henvendelser", "Answer enquiries"),
    ("Nettbutikk", "Online shop", "Behandle bestillinger og levere varer", "Process orders and deliver goods"),
    ("Fakturering", "Invoicing", "Sende fakturaer og følge opp betaling", "Send invoices and follow up payment"),
    ("Nyhetsbrev", "Newsletter", "Sende nyhetsbrev du har bedt om", "Send newsletters you asked for"),
    ("Rekruttering", "Recruitment", "Vurdere søknader på ledige stillinger", "Assess applications for vacancies"),
    ("Sikkerhetslogg", "Security log", "Oppdage og stanse misbruk", "Detect and stop abuse"),
    ("Regnskap", "Accounting", "Oppfylle bokføringsplikten", "Meet bookkeeping obligations"),
    ("Kundeundersøkelser", "Customer surveys", "Forbedre tjenestene", "Improve the services"),
    ("Personaladministrasjon", "Human resources", "Administrere arbeidsforholdet", "Administer employment"),
    ("Leverandøroppfølging", "Supplier management", "Følge opp avtaler med leverandører", "Manage supplier agreements"),
]
SERVICES = [
    ("Drift og lagring", "Hosting and storage"),
    ("E-postutsendelse", "E-mail delivery"),
    ("Betalingsformidling", "Payment processing"),
    ("Kundeservicesystem", "Customer service system"),
    ("Regnskapssystem", "Accounting system"),
    ("Analyse", "Analytics"),
    ("Annonsering", "Advertising"),
    ("Sikkerhetskopi", "Backup"),
]
COOKIE_PURPOSE_NB = {
    "strictly_necessary": "Nødvendig for at nettstedet skal virke og være sikkert.",
    "preferences": "Husker valg og innstillinger du har gjort.",
    "statistics": "Samler statistikk over hvordan nettstedet brukes.",
    "marketing": "Brukes til markedsføring og måling av annonser.",
}
COOKIE_ACTIVITY = {
    "preferences": ("cookie-preferences", "Innstillinger på nettstedet", "Site preferences",
                    "Huske språk og andre valg du gjør på nettstedet", "Remember language and other choices you make on the site"),
    "statistics": ("cookie-statistics", "Besøksstatistikk", "Visitor statistics",
                   "Forstå hvordan nettstedet brukes, så vi kan forbedre det", "Understand how the site is used, so we can improve it"),
    "marketing": ("cookie-marketing", "Markedsføring", "Marketing",
                  "Vise og måle annonser", "Show and measure advertisements"),
}
OCD_CATEGORY = {
    "Functional": "preferences",
    "Personalization": "preferences",
    "Analytics": "statistics",
    "Marketing": "marketing",
}


def esc(s):
    """A TOML basic string."""
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif o < 0x20 or o == 0x7F:
            out.append("\\u%04X" % o)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def text(nb, en):
    return "{ nb = %s, en = %s }" % (esc(nb), esc(en))


def slug(s):
    s = re.sub(r"[^a-z0-9_-]+", "-", s.lower()).strip("-_")
    s = re.sub(r"-{2,}", "-", s)
    return s[:60].strip("-_")


def org_number(rng):
    """A random 9-digit number with a valid MOD11 check digit."""
    weights = [3, 2, 7, 6, 5, 4, 3, 2]
    while True:
        d = [rng.randint(8, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = 11 - sum(w * x for w, x in zip(weights, d)) % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        s = "".join(map(str, d + [check]))
        return "%s %s %s" % (s[0:3], s[3:6], s[6:9])


UNITS = [
    (r"y(ea)?rs?|år", "Y", False),
    (r"months?|mnd|mo", "M", False),
    (r"w(ee)?ks?|w", "W", False),
    (r"days?|d", "D", False),
    (r"h(ou)?rs?|h", "H", True),
    (r"min(ute)?s?|m", "M", True),
    (r"sec(ond)?s?|s", "S", True),
]


def iso_duration(raw):
    """Parses the Open Cookie Database's free-form retention into ISO 8601."""
    s = raw.strip().lower()
    if re.match(r"^(end of )?(browser )?(session|sessions|seesion)\b", s) or s in ("session cookie",):
        return "session"
    m = re.match(r"^(\d+)\s*([a-zå]+)", s)
    if m:
        n = int(m.group(1))
        for pat, unit, timed in UNITS:
            if re.fullmatch(pat, m.group(2)):
                if n == 0:
                    return "session"
                return ("PT%d%s" if timed else "P%d%s") % (n, unit)
    return "P1Y"


def load_ocd():
    with open(OCD, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = set()
    out = []
    for r in rows:
        name = r["Cookie / Data Key name"].strip()
        domain = r["Domain"].strip()
        third_hint = "(3rd party)" in domain
        domain = domain.replace("(3rd party)", "").strip()
        if r["Wildcard match"].strip() == "1" and not name.endswith("*"):
            name += "*"
        key = (name, domain)
        if not name or key in seen:
            continue
        seen.add(key)
        out.append({
            "name": name,
            "domain": domain,
            "third_hint": third_hint,
            "platform": r["Platform"].strip(),
            "category": OCD_CATEGORY.get(r["Category"].strip(), "strictly_necessary"),
            "description": r["Description"].strip() or "Cookie set by %s." % r["Platform"].strip(),
            "duration": iso_duration(r["Retention period"]),
            "local_storage": "local storage" in r["Retention period"].lower(),
            "controller": r["Data Controller"].strip() or r["Platform"].strip(),
            "portal": r["User Privacy & GDPR Rights Portals"].strip(),
        })
    return out, len(rows)


def unique_id(base, used):
    base = base or "x"
    if not re.match(r"^[a-z0-9]", base):
        base = "x" + base
    i, cand = 1, base
    while cand in used:
        i += 1
        cand = "%s-%d" % (base, i)
    used.add(cand)
    return cand


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--activities", type=int, default=10)
    ap.add_argument("--recipients", type=int, default=5)
    ap.add_argument("--cookies", default="20", help="a number, or `all` for the Open Cookie Database")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.activities < 1:
        ap.error("--activities must be at least 1")
    if a.recipients < 0:
        ap.error("--recipients must be 0 or more")
    rng = random.Random(a.seed)

    # Cookies first: they decide the consent activities and recipient names.
    if a.cookies == "all":
        cookies, total_rows = load_ocd()
        ocd = True
    else:
        try:
            k = int(a.cookies)
        except ValueError:
            ap.error("--cookies takes a number or `all`")
        if k < 0:
            ap.error("--cookies must be 0 or more")
        ocd = False
        total_rows = 0
        cookies = []
        cats = ["strictly_necessary", "preferences", "statistics", "marketing"]
        durations = ["session", "PT30M", "P1D", "P30D", "P6M", "P13M", "P1Y", "P2Y"]
        for i in range(k):
            cat = cats[i % 4] if i < 4 else rng.choice(cats)
            cookies.append({
                "name": "_pv%d_%s" % (i, rng.choice(["id", "sess", "pref", "ref", "ab"])),
                "domain": "",
                "third_hint": rng.random() < 0.4,
                "platform": "Synthetic",
                "category": cat,
                "description": "Synthetic cookie number %d." % i,
                "duration": rng.choice(durations),
                "local_storage": rng.random() < 0.1,
                "controller": None,
                "portal": "",
            })

    # Recipients: named after the most frequent cookie providers when the
    # Open Cookie Database is used, synthetic otherwise.
    recipients = []
    rec_ids = set()
    by_controller = {}
    if ocd:
        counts = {}
        for c in cookies:
            counts[c["controller"]] = counts.get(c["controller"], 0) + 1
        ranked = sorted(counts, key=lambda n: (-counts[n], n))
        for name in ranked[: a.recipients]:
            rid = unique_id(slug(name), rec_ids)
            by_controller[name] = rid
            portal = next((c["portal"] for c in cookies if c["controller"] == name and c["portal"]), "")
            recipients.append({"id": rid, "name": name, "portal": portal})
    while len(recipients) < a.recipients:
        i = len(recipients)
        rid = unique_id("recipient-%d" % i, rec_ids)
        recipients.append({"id": rid, "name": "Leverandør %d AS" % i, "portal": ""})
    for i, r in enumerate(recipients):
        r["country"] = rng.choice(COUNTRIES)
        r["kind"] = rng.choice(RECIPIENT_KINDS)
        r["service"] = rng.choice(SERVICES)
        r["locations"] = []
        if r["country"] in EEA and rng.random() < 0.15:
            r["locations"] = sorted({r["country"], rng.choice(["US", "GB", "IN", "SE", "DE"])})
        r["parent"] = None
        if i > 0 and rng.random() < 0.1:
            r["kind"] = "sub_processor"
            r["parent"] = recipients[rng.randrange(0, i)]["id"]

    # Vocabulary.
    # Every category, subject group and source must be used by some
    # activity, so there are never more of them than activities.
    special = a.activities >= 5
    ncat = min(len(CATEGORIES), a.activities - (1 if special else 0))
    categories = list(CATEGORIES[:ncat]) + ([SPECIAL] if special else [])
    nsub = min(len(SUBJECTS), max(1, a.activities))
    subjects = SUBJECTS[:nsub]
    nsrc = min(len(SOURCE_KINDS), max(1, a.activities // 2))
    sources = SOURCE_KINDS[:nsrc]

    # Activities: one consent-based activity per cookie category in use
    # (as far as the count allows), then the rest.
    act_ids = set()
    activities = []
    used_cats = sorted({c["category"] for c in cookies if c["category"] != "strictly_necessary"},
                       key=["preferences", "statistics", "marketing"].index)
    cookie_activity = {}
    for cat in used_cats:
        if len(activities) >= a.activities:
            cookie_activity[cat] = activities[0]["id"]
            continue
        aid, nb, en, pnb, pen = COOKIE_ACTIVITY[cat]
        activities.append({"id": unique_id(aid, act_ids), "nb": nb, "en": en, "pnb": pnb, "pen": pen,
                           "bases": ["consent"], "cookie": True})
        cookie_activity[cat] = activities[-1]["id"]
    while len(activities) < a.activities:
        i = len(activities)
        nb, en, pnb, pen = TOPICS[i % len(TOPICS)]
        n = i // len(TOPICS)
        suffix = "" if n == 0 else " %d" % (n + 1)
        k = rng.choice([1, 1, 1, 2])
        bases = sorted(set(rng.choice(BASES) for _ in range(k)), key=BASES.index)
        activities.append({"id": unique_id(slug(en + suffix), act_ids), "nb": nb + suffix, "en": en + suffix,
                           "pnb": pnb, "pen": pen, "bases": bases, "cookie": False})
    for i, act in enumerate(activities):
        act["cats"] = sorted({categories[i % len(categories)][0]} |
                             {rng.choice(categories)[0] for _ in range(rng.randint(0, 2))})
        act["subjects"] = sorted({subjects[i % len(subjects)][0], rng.choice(subjects)[0]})
        act["sources"] = sorted({sources[i % len(sources)], rng.choice(sources)}) if sources else []
        act["recipients"] = set()
    for j, r in enumerate(recipients):
        activities[j % len(activities)]["recipients"].add(r["id"])
    for act in activities:
        if recipients and rng.random() < 0.5:
            act["recipients"].add(rng.choice(recipients)["id"])
        act["recipients"] = sorted(act["recipients"])

    os.makedirs(os.path.join(a.out_dir, "content"), exist_ok=True)

    def write(rel, s):
        if not s.strip():
            return  # personvern warns about empty files
        with open(os.path.join(a.out_dir, rel), "w", encoding="utf-8", newline="\n") as f:
            f.write(s)

    write("personvern.toml", "\n".join([
        "# Synthetic site written by scripts/gen-site.py (seed %d): %d activities," % (a.seed, a.activities),
        "# %d recipients, %d cookies." % (len(recipients), len(cookies)),
        "",
        "[site]",
        'base_url = "https://www.syntetisk.example.no/"',
        'languages = ["nb", "en"]',
        'default_language = "nb"',
        "",
    ]))

    org = "\n".join([
        'supervisory_authority = "datatilsynet"',
        "",
        "[document]",
        'version = "%d.%d"' % (rng.randint(1, 9), rng.randint(0, 9)),
        "effective_date = 2026-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
        "last_reviewed = 2026-01-15",
        "scope = %s" % text("Denne erklæringen gjelder alle tjenestene til Syntetisk AS.",
                            "This statement covers every service of Syntetisk AS."),
        "",
        "[controller]",
        'legal_name = "Syntetisk AS"',
        'trade_name = "Syntetisk"',
        'org_number = "%s"' % org_number(rng),
        'email = "post@syntetisk.example.no"',
        'phone = "+47 22 00 00 00"',
        'website = "https://www.syntetisk.example.no/"',
        "addresses = [",
        '  { kind = "visiting", street = "Testveien 1", postal_code = "0150", city = "Oslo", country = "NO" },',
        "]",
        "",
        "[privacy_contact]",
        "dpo_appointed = true",
        'name = "Kari Nordmann"',
        'email = "personvern@syntetisk.example.no"',
        "",
        "[rights]",
        'response_time = "P1M"',
        "identity_verification = %s" % text("Vi ber deg logge inn før vi svarer.", "We ask you to log in before we answer."),
        "",
        "[rights.channels.email]",
        'kind = "email"',
        'value = "personvern@syntetisk.example.no"',
        "",
        "[cookie_policy]",
        "consent = %s" % text("Vi spør om samtykke i et banner før vi setter informasjonskapsler som ikke er nødvendige.",
                              "A banner asks for your consent before we set cookies that are not necessary."),
        "change_consent = %s" % text("Du kan endre valget ditt når som helst under «Innstillinger for informasjonskapsler».",
                                     "You can change your choice at any time under “Cookie settings”."),
        "last_reviewed = 2026-01-10",
        "",
        "[security]",
        "measures = [%s]" % text("Kryptering ved overføring og lagring.", "Encryption in transit and at rest."),
        "",
        "[changes]",
        "announcement = %s" % text("Vi varsler vesentlige endringer på nettstedet.", "We announce material changes on the site."),
        "advance_notice_days = 30",
        "",
    ])
    write("content/00-organisation.toml", org)

    voc = []
    for cid, lnb, len_, enb, een in categories:
        voc += ["[data_categories.%s]" % cid, "label = %s" % text(lnb, len_), "examples = %s" % text(enb, een)]
        if cid == "health":
            voc.append("special = true")
        voc.append("")
    for sid, nb, en in subjects:
        voc += ["[data_subjects.%s]" % sid, "label = %s" % text(nb, en), ""]
    for s in sources:
        voc += ["[sources.%s]" % s, 'kind = "%s"' % s,
                "description = %s" % text("Kilde av typen %s." % s, "A source of kind %s." % s), ""]
    write("content/10-vocabulary.toml", "\n".join(voc))

    acts = []
    for i, act in enumerate(activities):
        acts.append("[activities.%s]" % act["id"])
        acts.append("name = %s" % text(act["nb"], act["en"]))
        acts.append("purposes = [%s]" % text("%s (%d)." % (act["pnb"], i), "%s (%d)." % (act["pen"], i)))
        acts.append("data_categories = [%s]" % ", ".join(esc(c) for c in act["cats"]))
        acts.append("data_subjects = [%s]" % ", ".join(esc(c) for c in act["subjects"]))
        if act["sources"]:
            acts.append("sources = [%s]" % ", ".join(esc(c) for c in act["sources"]))
        bases = act["bases"]
        acts.append("legal_basis = %s" % (esc(bases[0]) if len(bases) == 1 else "[%s]" % ", ".join(esc(b) for b in bases)))
        if "legitimate_interests" in bases:
            acts.append("legitimate_interest = %s" % text("Å drive virksomheten effektivt.", "Running the business efficiently."))
        if "legal_obligation" in bases or "public_task" in bases:
            acts.append("legal_reference = %s" % text("Bokføringsloven § 13.", "The Norwegian Bookkeeping Act section 13."))
        if "consent" in bases:
            acts.append("consent_withdrawal = %s" % text("Trekk samtykket i innstillingene dine.", "Withdraw consent in your settings."))
        if "health" in act["cats"]:
            acts.append('special_category_condition = "explicit_consent"')
        acts.append('retention = { period = "P%dY", from = "%s" }' % (rng.randint(1, 10), rng.choice(RETENTION_FROM)))
        if act["recipients"]:
            acts.append("recipients = [%s]" % ", ".join(esc(r) for r in act["recipients"]))
        if rng.random() < 0.3:
            acts.append('provision = { requirement = "contractual", consequence = %s }'
                        % text("Uten opplysningene kan vi ikke levere tjenesten.", "Without the data we cannot deliver the service."))
        acts.append("")
    write("content/20-activities.toml", "\n".join(acts))

    recs = []
    transfers = []
    for r in recipients:
        recs.append("[recipients.%s]" % r["id"])
        recs.append("name = %s" % esc(r["name"]))
        recs.append('kind = "%s"' % r["kind"])
        if r["parent"]:
            recs.append("parent = %s" % esc(r["parent"]))
        recs.append("service = %s" % text(*r["service"]))
        recs.append('country = "%s"' % r["country"])
        if r["locations"]:
            recs.append("data_locations = [%s]" % ", ".join(esc(c) for c in r["locations"]))
        if r["portal"].startswith("https://") and re.fullmatch(r"[^\s\"'<>]+", r["portal"]):
            recs.append("privacy_policy = %s" % esc(r["portal"]))
        recs.append("")
        for country in sorted({r["country"], *r["locations"]}):
            if country in EEA:
                continue
            t = ["[transfers.%s-%s]" % (r["id"], country.lower()),
                 "recipient = %s" % esc(r["id"]),
                 'country = "%s"' % country]
            if country in ADEQUACY:
                t.append('mechanism = "adequacy"')
                if country == "US":
                    t.append('instrument = "EU-US Data Privacy Framework"')
                elif country == "CA":
                    # Canada's adequacy decision covers PIPEDA organisations
                    # only (the adequacy-not-certified check).
                    t.append('instrument = "PIPEDA"')
            else:
                t += ['mechanism = "scc"', 'instrument = "EU 2021/914"',
                      "copy = %s" % text("Be om en kopi på personvern@syntetisk.example.no.",
                                         "Ask for a copy at personvern@syntetisk.example.no.")]
            transfers += t + [""]
    write("content/30-recipients.toml", "\n".join(recs + transfers))

    ck = []
    if ocd:
        ck.append("# %d cookies from the Open Cookie Database (%d rows; rows repeating a"
                  % (len(cookies), total_rows))
        ck.append("# name and domain are declared once). Apache-2.0, Jack Kwakman and contributors.")
        ck.append("")
    cookie_ids = set()
    fallback_providers = [r["id"] for r in recipients]
    for i, c in enumerate(cookies):
        base = slug(c["name"])
        if ocd:
            base = slug("%s-%s" % (c["platform"], c["name"]))
        cid = unique_id(base or "cookie", cookie_ids)
        provider = by_controller.get(c["controller"]) if ocd else None
        if not ocd and c["third_hint"] and fallback_providers:
            provider = fallback_providers[i % len(fallback_providers)]
        party = "third" if provider and (c["third_hint"] or c["domain"] or not ocd) else "first"
        ck.append("[cookies.%s]" % cid)
        ck.append("name = %s" % esc(c["name"]))
        if provider:
            ck.append("provider = %s" % esc(provider))
        ck.append('party = "%s"' % party)
        if c["domain"]:
            ck.append("domain = %s" % esc(c["domain"]))
        ck.append('category = "%s"' % c["category"])
        nb = "%s (%s)" % (COOKIE_PURPOSE_NB[c["category"]], c["platform"])
        ck.append("purpose = %s" % text(nb, c["description"]))
        ck.append('duration = "%s"' % c["duration"])
        if c["local_storage"]:
            ck.append('technology = "local_storage"')
        if c["category"] != "strictly_necessary":
            ck.append("activity = %s" % esc(cookie_activity[c["category"]]))
        ck.append("")
    write("content/40-cookies.toml", "\n".join(ck))
    print("wrote %s: %d activities, %d recipients, %d transfers, %d cookies"
          % (a.out_dir, len(activities), len(recipients), sum(1 for x in transfers if x.startswith("[")), len(cookies)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
