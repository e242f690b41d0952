#!/usr/bin/env python3
"""Copy a personvern site into the form ../shared/tools/peer-bench reads.

    bench-source.py SRC_SITE DST_SITE

peer-bench's inflate.py and make-hugo.py were written for the first data
model: every cookie has a `name` and every activity a `legal_basis`. The
example site now also declares a cookie group (`group` instead of `name`,
lifetime `varies`) and an activity with `bases` only. This copy gives the
group a name and a stated lifetime, and writes the `legal_basis` the
activity's `bases` already imply (personvern checks that the two agree),
so both tools read the same data. Everything else is copied byte for byte;
the copy builds without new findings. Python 3.11+ standard library only.
"""

import re
import shutil
import sys
import tomllib
from pathlib import Path


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns("public"))

    cookies = dst / "content" / "cookies.toml"
    text = cookies.read_text(encoding="utf-8")
    # A group: its two names become one cookie name, `varies` a lifetime.
    def named(m):
        block = m.group(0)
        block = re.sub(r'^group\.nb = .*\n', f'name = "{m.group(1)}"\n', block, flags=re.M)
        block = re.sub(r'^group\.en = .*\n', "", block, flags=re.M)
        block = re.sub(r'^duration = "(varies|not_stored|[^"]*\.\.[^"]*)"', 'duration = "P1Y"', block, flags=re.M)
        return block
    text = re.sub(r'^\[cookies\.([\w-]+)\]\n(?:(?!\n\[).)*?^group\.nb = .*?(?=\n\[|\Z)',
                  named, text, flags=re.M | re.S)
    cookies.write_text(text, encoding="utf-8")

    acts_path = dst / "content" / "activities.toml"
    text = acts_path.read_text(encoding="utf-8")
    acts = tomllib.loads(text)["activities"]
    for key, act in acts.items():
        if "legal_basis" in act or "bases" not in act:
            continue
        bases = []
        for entry in act["bases"]:
            if entry["basis"] not in bases:
                bases.append(entry["basis"])
        value = '"' + bases[0] + '"' if len(bases) == 1 else "[" + ", ".join(f'"{b}"' for b in bases) + "]"
        start = text.index(f"[activities.{key}]")
        at = text.index("\nbases = [", start)
        text = text[:at] + f"\nlegal_basis = {value}" + text[at:]
    acts_path.write_text(text, encoding="utf-8")

    for name, data in [("cookies", tomllib.loads(cookies.read_text(encoding="utf-8"))["cookies"]),
                       ("activities", tomllib.loads(acts_path.read_text(encoding="utf-8"))["activities"])]:
        for key, entry in data.items():
            field = "name" if name == "cookies" else "legal_basis"
            if field not in entry:
                sys.exit(f"bench-source.py: {name}.{key} still has no {field}")


if __name__ == "__main__":
    main()
