#!/usr/bin/env python3
"""Generate locales/{nb,en}/countries.ftl from Unicode CLDR territory names.

Usage:
    npm pack cldr-localenames-full && tar xzf cldr-localenames-full-*.tgz
    python3 tools/gen-countries.py path/to/package [output-root]

The first argument is the extracted cldr-localenames-full package directory
(the one containing package.json and main/). The optional second argument is
the project root (defaults to the parent of this script's directory).

Data: Unicode CLDR, licence Unicode-3.0 (https://www.unicode.org/license.txt).
Standard library only.
"""
import json
import re
import sys
from pathlib import Path

# Two-letter keys in CLDR that are not real countries/territories
# (private-use, placeholder or supranational groupings).
EXCLUDED = {"ZZ", "QO", "XA", "XB", "EU", "EZ", "UN"}

# (output locale dir, CLDR locale candidates in order of preference)
TARGETS = [
    ("nb", ["nb"]),
    ("en", ["en-GB", "en"]),
]

CODE_RE = re.compile(r"^[A-Z]{2}$")


def load_territories(pkg: Path, candidates):
    for loc in candidates:
        path = pkg / "main" / loc / "territories.json"
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            return loc, data["main"][loc]["localeDisplayNames"]["territories"]
    sys.exit(f"none of {candidates} found under {pkg / 'main'}")


def fluent_value(name: str) -> str:
    name = " ".join(name.split())  # single line, no stray whitespace
    if not name:
        raise ValueError("empty name")
    out = name.replace("{", '\x00').replace("}", '{"}"}').replace("\x00", '{"{"}')
    # A value must not start with a character Fluent treats specially.
    if out[0] in "[*.":
        out = '{"' + out[0] + '"}' + out[1:]
    return out


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    pkg = Path(sys.argv[1])
    root = Path(sys.argv[2]) if len(sys.argv) == 3 else Path(__file__).resolve().parent.parent
    version = json.loads((pkg / "package.json").read_text(encoding="utf-8"))["version"]

    results = []
    for outdir, candidates in TARGETS:
        loc, terr = load_territories(pkg, candidates)
        # Plain keys only: "-alt-short"/"-alt-variant" etc. never match CODE_RE.
        names = {k: v for k, v in terr.items() if CODE_RE.match(k) and k not in EXCLUDED}
        results.append((outdir, loc, names))

    code_sets = [set(n) for _, _, n in results]
    if any(s != code_sets[0] for s in code_sets):
        sys.exit("locales disagree on the set of codes: "
                 + repr(sorted(set.union(*code_sets) - set.intersection(*code_sets))))

    for outdir, loc, names in results:
        lines = [
            f"# Country and territory names (ISO 3166-1 alpha-2), generated from Unicode CLDR {version} "
            f"(cldr-localenames-full, locale {loc}).",
            "# Licence: Unicode-3.0 (https://www.unicode.org/license.txt). Regenerate with tools/gen-countries.py.",
            "",
        ]
        lines += [f"country-{code} = {fluent_value(names[code])}" for code in sorted(names)]
        path = root / "locales" / outdir / "countries.ftl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(names)} codes, CLDR {version}, locale {loc})")


if __name__ == "__main__":
    main()
