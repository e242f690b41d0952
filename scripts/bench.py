#!/usr/bin/env python3
"""personvern benchmarks, one command:

    python3 scripts/bench.py [--runs 10] [--bin target/release/personvern] [--quick] [--no-criterion]
                             [--baseline OLD_BINARY] [--peer DIR] [--hugo hugo] [--no-peer]
                             [--no-diag] [--no-latency] [--only SECTIONS]

Builds the release binary (unless --bin is given), generates synthetic sites
with scripts/gen-site.py, then for each site measures, as whole processes:

  - `personvern build` wall time (median and min of --runs runs) and peak RSS
    (GNU time's %M, the median run), three ways: cold (`--no-cache`: nothing
    kept from an earlier build), warm (render cache filled by an earlier
    build, nothing changed) and edit (cache warm, one Bokmal text of the live
    data changed before every build: the typical rebuild);
  - the floor: `cp -r` of the produced output folder, in the same run, and
    each build as a ratio to it;
  - per-phase timings from `personvern build --timings` (median per phase).

Sites: example-site (1x), 10x and 100x its size, the target site (2,260
cookies of the Open Cookie Database, 500 activities, 200 recipients, 20
releases) and 1000x (skipped with --quick). Prints Markdown tables and the
slope of build time against input size (least squares over the synthetic
sites). Then, unless --no-criterion, the in-process phases with criterion
(`cargo bench --bench phases`, benches/phases.rs) on example-site and the
10x site, as a table of criterion's point estimates.

Then the figures of the performance targets (issue 20), each in the same
run as what it is compared with:

  - peer: personvern against Hugo on the same data (`--peer DIR`, default
    ../shared/tools/peer-bench: peer-bench.py makes the inflated site of
    about 2,300 cookies and 500 activities and its Hugo equivalent, and
    times cold, warm, hugo, hugo --minify and the cp floors, interleaved in
    shuffled rounds). Skipped, with a note, when hugo or DIR is missing
    (Debian: `apt-get install hugo`).
  - diag: `check --format human|short|json` on sites with about 1,000 and
    2,000 findings (duplicate-cookie warnings, inflate.py --same-names)
    against the same sites without findings (--no-waivers), interleaved:
    the overhead of printing them, and its cost per finding at both sizes
    (equal per-finding cost means linear).
  - latency: edit-to-page in `watch` and `serve` (scripts/bench-watch.py)
    on example-site and the inflated site, and `personvern serve` against
    `hugo server` (latency-all.py of the peer folder) when hugo is there.

and a table of every target against its measured figure. --only picks
sections (comma-separated: sites, peer, diag, latency, criterion).

--baseline OLD_BINARY compares against another build of personvern (say,
of the previous commit): the two binaries build each site in turn,
alternating which goes first, and the table gives both medians, their
ratio and peak RSS. Alternating in one run is what makes the ratio
trustworthy on a shared machine. Python 3 standard library only. Results are noisy on shared
machines: compare ratios from the same run, not absolute numbers across runs.
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def gen(out, activities, recipients, cookies):
    r = run([sys.executable, os.path.join(ROOT, "scripts/gen-site.py"), out,
             "--activities", str(activities), "--recipients", str(recipients), "--cookies", str(cookies)])
    if r.returncode != 0:
        sys.exit(f"gen-site failed: {r.stderr}")


def add_releases(binary, site, n):
    """n releases, one a week from 2026-01-16 (after the generated
    last_reviewed: a release may not be reviewed on a day still to come),
    each changing one text (editorial)."""
    import datetime
    path = os.path.join(site, "content", "activities.toml")
    if not os.path.exists(path):
        cands = [f for f in os.listdir(os.path.join(site, "content")) if f.endswith(".toml")]
        path = os.path.join(site, "content", sorted(cands)[0])
    text = open(path, encoding="utf-8").read()
    m = re.search(r'nb = "([^"]{8,})"', text)
    if not m:
        sys.exit("no text to edit for releases")
    original = m.group(1)
    # The release takes its version and date from [document]: they are
    # written there first.
    content = os.path.join(site, "content")
    doc = next((os.path.join(content, f) for f in sorted(os.listdir(content))
                if f.endswith(".toml") and "[document]" in open(os.path.join(content, f), encoding="utf-8").read()),
               os.path.join(site, "personvern.toml"))
    for i in range(n):
        day = (datetime.date(2026, 1, 16) + datetime.timedelta(weeks=i)).isoformat()
        new = text.replace(original, f"{original} (v{i + 1})", 1)
        open(path, "w", encoding="utf-8").write(new)
        d = open(doc, encoding="utf-8").read()
        d = re.sub(r'(?m)^version = "[^"]*"', f'version = "{i + 1}.0"', d, count=1)
        d = re.sub(r'(?m)^effective_date = \S+', f"effective_date = {day}", d, count=1)
        open(doc, "w", encoding="utf-8").write(d)
        r = run([binary, "release", site, "--version", f"{i + 1}.0", "--effective", day],
                env={**os.environ, "PERSONVERN_TODAY": day})
        if r.returncode != 0:
            sys.exit(f"release {i + 1} failed: {r.stderr}")


def edit_once(site, i):
    """Changes one Bokmal text of the live data (a different text each time)."""
    content = os.path.join(site, "content")
    files = sorted(f for f in os.listdir(content) if f.endswith(".toml")) if os.path.isdir(content) else []
    path = os.path.join(content, files[0]) if files else os.path.join(site, "personvern.toml")
    text = open(path, encoding="utf-8").read()
    m = re.search(r'nb = "([^"]{8,}?)( \(endring \d+\))?"', text)
    if not m:
        sys.exit(f"no text to edit in {path}")
    new = text[:m.start(1)] + f"{m.group(1)} (endring {i})" + text[m.end(1) + len(m.group(2) or ""):]
    open(path, "w", encoding="utf-8").write(new)


def measure(binary, site, out, runs, mode="cold", cache=None):
    """Builds `site` `runs` times. mode: cold (--no-cache), warm (render
    cache filled by one build first, nothing changed between runs) or edit
    (cache warm, one text of the live data changed before every run: a
    typical rebuild)."""
    walls, rss, phases = [], [], {}
    env = {**os.environ, "NO_COLOR": "1", "PERSONVERN_TODAY": "2026-12-03"}
    extra = ["--no-cache"] if mode == "cold" else []
    if mode != "cold":
        env["PERSONVERN_CACHE_DIR"] = cache
        run([binary, "build", site, "--output", out], env=env)
    for i in range(runs):
        if mode == "edit":
            edit_once(site, i)
        t = time.perf_counter()
        r = run(["/usr/bin/time", "-f", "%M", binary, "build", site, "--output", out, "--timings"] + extra,
                env=env)
        walls.append(time.perf_counter() - t)
        if r.returncode != 0:
            sys.exit(f"build of {site} failed:\n{r.stderr[-2000:]}")
        lines = r.stderr.strip().splitlines()
        rss.append(int(lines[-1]) / 1024.0)
        for line in lines:
            m = re.match(r"\s*(\w+)\s+([\d.]+) ms$", line)
            if m:
                phases.setdefault(m.group(1), []).append(float(m.group(2)))
    floors = []
    for _ in range(runs):
        dst = out + ".copy"
        shutil.rmtree(dst, ignore_errors=True)
        t = time.perf_counter()
        subprocess.run(["cp", "-r", out, dst], check=True)
        floors.append(time.perf_counter() - t)
        shutil.rmtree(dst, ignore_errors=True)
    size = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    files = sum(len(fs) for _, _, fs in os.walk(out))
    return {
        "wall_ms": statistics.median(walls) * 1000,
        "min_ms": min(walls) * 1000,
        "max_ms": max(walls) * 1000,
        "rss_mb": statistics.median(rss),
        "floor_ms": statistics.median(floors) * 1000,
        "phases": {k: statistics.median(v) for k, v in phases.items()},
        "bytes": size,
        "files": files,
    }


def input_bytes(site):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(site) for f in fs
               if f.endswith(".toml"))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--quick", action="store_true", help="skip the 1000x site")
    ap.add_argument("--no-criterion", action="store_true", help="skip the in-process criterion benchmarks")
    ap.add_argument("--baseline", help="another personvern binary to compare with, interleaved")
    ap.add_argument("--peer", default=os.path.join(ROOT, "..", "shared", "tools", "peer-bench"),
                    help="folder of peer-bench.py, inflate.py and latency-all.py")
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--no-peer", action="store_true", help="skip the Hugo comparison")
    ap.add_argument("--no-diag", action="store_true", help="skip the diagnostics figures")
    ap.add_argument("--no-latency", action="store_true", help="skip the edit-to-page latency")
    ap.add_argument("--only", help="comma-separated sections: sites, peer, diag, latency, criterion")
    a = ap.parse_args()
    if a.only:
        only = set(a.only.split(","))
        a.no_criterion = a.no_criterion or "criterion" not in only
        a.no_peer = a.no_peer or "peer" not in only
        a.no_diag = a.no_diag or "diag" not in only
        a.no_latency = a.no_latency or "latency" not in only
        a.no_sites = "sites" not in only
    else:
        a.no_sites = False
    binary = a.bin
    if not binary:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target/release/personvern")
    tmp = tempfile.mkdtemp(prefix="pv-bench-")
    targets = {}
    if not a.no_sites:
        sites_section(a, binary, tmp, targets)
    peer_work = None
    if not a.no_peer:
        peer_work = peer_section(a, binary, tmp, targets)
    if not a.no_diag:
        diag_section(a, binary, tmp, targets)
    if not a.no_latency:
        latency_section(a, binary, tmp, peer_work, targets)
    if not a.no_criterion:
        d = os.path.join(tmp, "10x")
        if not os.path.isdir(d):
            gen(d, 130, 130, 190)
        criterion(d)
    targets_table(targets)
    shutil.rmtree(tmp, ignore_errors=True)


def sites_section(a, binary, tmp, targets):
    sites = [("example-site (1x)", os.path.join(ROOT, "example-site"))]
    # example-site: 13 activities, 13 recipients, 19 cookies.
    for label, k in [("10x", 10), ("100x", 100)] + ([] if a.quick else [("1000x", 1000)]):
        d = os.path.join(tmp, label)
        gen(d, 13 * k, 13 * k, 19 * k)
        sites.append((f"synthetic {label}", d))
    target = os.path.join(tmp, "target")
    gen(target, 500, 200, "all")
    add_releases(binary, target, 20)
    sites.append(("target: 2,260 cookies, 500 activities, 200 recipients, 20 releases", target))

    results = []
    for label, site in sites:
        out = os.path.join(tmp, "out-" + re.sub(r"\W+", "-", label))
        r = measure(binary, site, out, a.runs, "cold")
        r["label"], r["input"] = label, input_bytes(site)
        # Warm and edited rebuilds on a copy (edits must not touch the repository).
        copy = os.path.join(tmp, "copy-" + re.sub(r"\W+", "-", label))
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("public"))
        cache = os.path.join(tmp, "cache-" + re.sub(r"\W+", "-", label))
        r["warm"] = measure(binary, copy, out + "-w", a.runs, "warm", cache)
        r["edit"] = measure(binary, copy, out + "-e", a.runs, "edit", cache)
        shutil.rmtree(copy, ignore_errors=True)
        results.append(r)
        print(f"measured {label}: cold {r['wall_ms']:.1f} ms, warm {r['warm']['wall_ms']:.1f} ms, "
              f"edit {r['edit']['wall_ms']:.1f} ms", file=sys.stderr)

    print(f"\nMachine: {os.cpu_count()} cores; {a.runs} runs per site; medians.\n")
    print("Cold: `build --no-cache` (nothing kept from an earlier build). Warm: the render cache")
    print("filled by an earlier build, nothing changed. Edit: cache warm, one Bokmal text of the")
    print("live data changed before each build (a typical rebuild).\n")
    print("| site | input | output files / MB | cold (median) | cold (min–max) | peak RSS | cp -r floor | cold / floor "
          "| warm | warm RSS | edit | edit RSS | edit / floor |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in results:
        w, e = r["warm"], r["edit"]
        print(f"| {r['label']} | {r['input'] / 1024:.0f} KB | {r['files']} / {r['bytes'] / 1e6:.1f} | "
              f"{r['wall_ms']:.1f} ms | {r['min_ms']:.1f}–{r['max_ms']:.1f} ms | {r['rss_mb']:.1f} MB | {r['floor_ms']:.1f} ms | "
              f"{r['wall_ms'] / max(r['floor_ms'], 0.001):.1f}x | {w['wall_ms']:.1f} ms | {w['rss_mb']:.1f} MB | "
              f"{e['wall_ms']:.1f} ms | {e['rss_mb']:.1f} MB | {e['wall_ms'] / max(r['floor_ms'], 0.001):.1f}x |")
    names = ["load", "validate", "templates", "cache", "render", "diagnostics", "data", "minify", "write",
             "store"]
    for title, key in [("cold", None), ("edit", "edit")]:
        print(f"\nPer phase, {title} (median ms, from `build --timings`; write and store run in parallel):\n")
        print("| site | " + " | ".join(names) + " |")
        print("| --- |" + " --- |" * len(names))
        for r in results:
            ph = (r[key] if key else r)["phases"]
            print(f"| {r['label']} | " + " | ".join(f"{ph.get(n, 0):.1f}" for n in names) + " |")
    syn = [r for r in results if r["label"].startswith("synthetic")] + results[:1]
    if len(syn) >= 2:
        xs = [r["input"] / 1e6 for r in syn]
        ys = [r["wall_ms"] for r in syn]
        mx, my = statistics.mean(xs), statistics.mean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / max(sum((x - mx) ** 2 for x in xs), 1e-12)
        print(f"\nSlope: {slope:.0f} ms per MB of input TOML (least squares over example-site and the synthetic sites).")
    targets["example cold"] = (results[0]["wall_ms"], results[0]["min_ms"], results[0]["max_ms"])
    targets["target cold"] = (results[-1]["wall_ms"], results[-1]["min_ms"], results[-1]["max_ms"])
    if a.baseline:
        # A site's releases are made by the binary that builds it: `release`
        # writes the frozen pages in that binary's form (minified since
        # issue 20's second round), and a binary need not read another's.
        own = {}
        for label, site in sites:
            if label.startswith("target"):
                base = site + "-baseline"
                gen(base, 500, 200, "all")
                add_releases(a.baseline, base, 20)
                own[label] = base
        compare(a.baseline, binary, sites, tmp, a.runs, own)


def compare(old, new, sites, tmp, runs, own=None):
    """Interleaved builds of each site by two binaries: medians and ratio.
    own: label -> the copy of a site whose releases the old binary made."""
    own = own or {}
    env = {**os.environ, "NO_COLOR": "1", "PERSONVERN_TODAY": "2026-12-03"}

    def no_cache(binary):
        return "--no-cache" in run([binary, "build", "--help"]).stdout

    flags = {b: (["--no-cache"] if no_cache(b) else []) for b in (old, new)}

    def once(binary, site, out):
        t = time.perf_counter()
        r = run(["/usr/bin/time", "-f", "%M", binary, "build", site, "--output", out] + flags[binary], env=env)
        wall = (time.perf_counter() - t) * 1000
        if r.returncode != 0:
            sys.exit(f"{binary} failed on {site}:\n{r.stderr[-2000:]}")
        return wall, int(r.stderr.strip().splitlines()[-1]) / 1024.0

    print("\nAgainst the baseline binary (cold builds, interleaved runs, medians):\n")
    print("| site | baseline | this build | speed-up | baseline RSS | this RSS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, site in sites:
        walls, rss = {"old": [], "new": []}, {"old": [], "new": []}
        for i in range(runs):
            order = [("old", old), ("new", new)]
            for key, binary in order if i % 2 == 0 else order[::-1]:
                at = own.get(label, site) if key == "old" else site
                w, m = once(binary, at, os.path.join(tmp, "ab-" + key))
                walls[key].append(w)
                rss[key].append(m)
        o, n = statistics.median(walls["old"]), statistics.median(walls["new"])
        print(f"| {label} | {o:.1f} ms | {n:.1f} ms | {o / max(n, 0.001):.2f}x | "
              f"{statistics.median(rss['old']):.1f} MB | {statistics.median(rss['new']):.1f} MB |")


def criterion(site):
    """Runs benches/phases.rs and prints criterion's estimates as a table."""
    env = dict(os.environ, PV_BENCH_SITE=site)
    r = subprocess.run(["cargo", "bench", "--quiet", "--bench", "phases", "--",
                        "--warm-up-time", "1", "--measurement-time", "4"],
                       cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        sys.exit(f"cargo bench failed:\n{r.stdout[-3000:]}")
    rows, name = [], None
    for line in r.stdout.splitlines():
        m = re.match(r"^(\S+/\S+)", line)
        if m and not line.startswith(" "):
            name = m.group(1).replace("PV_BENCH_SITE", "synthetic 10x")
        m = re.search(r"time:\s+\[([\d.]+) (\w+) ([\d.]+) (\w+) ([\d.]+) (\w+)\]", line)
        if m and name:
            unit = {"ns": 1e-6, "µs": 1e-3, "us": 1e-3, "ms": 1.0, "s": 1000.0}.get(m.group(4), 1.0)
            rows.append((name, float(m.group(3)) * unit))
            name = None
    print("\nIn-process phases (criterion point estimate, ms):\n")
    print("| benchmark | ms |")
    print("| --- | ---: |")
    for n, ms in rows:
        print(f"| {n} | {ms:.2f} |")


def med_min_max(xs):
    return (statistics.median(xs), min(xs), max(xs))


def fmt3(t, unit="ms"):
    m, lo, hi = t
    return f"{m:,.1f}{' ' + unit if unit else ''} ({lo:,.1f}–{hi:,.1f})"


def bench_source(tmp):
    """example-site in the form peer-bench's scripts read
    (scripts/bench-source.py): made once per run, under tmp."""
    d = os.path.join(tmp, "bench-source")
    if not os.path.isdir(d):
        r = run([sys.executable, os.path.join(ROOT, "scripts", "bench-source.py"),
                 os.path.join(ROOT, "example-site"), d])
        if r.returncode != 0:
            sys.exit(f"bench-source.py failed: {r.stderr[-1500:]}")
    return d


def count_entries(site, name):
    import tomllib
    with open(os.path.join(site, "content", f"{name}.toml"), "rb") as f:
        return len(tomllib.load(f)[name])


def have_peer(a):
    if not os.path.isfile(os.path.join(a.peer, "peer-bench.py")):
        print(f"\n(Hugo comparison skipped: no peer-bench.py in {a.peer}; pass --peer DIR)")
        return False
    if shutil.which(a.hugo) is None:
        print(f"\n(Hugo comparison skipped: `{a.hugo}` not found; Debian: apt-get install hugo)")
        return False
    return True


def peer_section(a, binary, tmp, targets):
    """peer-bench.py: personvern against Hugo, interleaved; its tables as printed."""
    if not have_peer(a):
        return None
    work = os.path.join(tmp, "peer")
    out_json = os.path.join(tmp, "peer.json")
    print("\n## personvern against Hugo (peer-bench.py, interleaved shuffled rounds)\n", flush=True)
    r = run([sys.executable, os.path.join(a.peer, "peer-bench.py"), "--personvern", binary,
             "--hugo", a.hugo, "--site", bench_source(tmp),
             "--locales", os.path.join(ROOT, "locales"), "--work", work, "--runs", str(a.runs),
             "--sites", "1x,big", "--json", out_json])
    if r.returncode != 0:
        print(f"(peer-bench failed: {r.stderr[-1500:]})")
        return None
    keep = [l for l in r.stdout.splitlines() if not l.startswith("  ") and "round" not in l]
    print("\n".join(keep))
    import json
    raw = json.load(open(out_json))["raw"]
    for tag in ["1x", "big"]:
        smp = raw[tag]["samples"]
        wall = {k: [x["wall"] * 1000 for x in v] for k, v in smp.items()}
        rss = {k: statistics.median(x["rss_kib"] for x in v) / 1024 for k, v in smp.items()}
        targets[f"peer {tag} cold"] = med_min_max(wall["pv cold"])
        targets[f"peer {tag} warm"] = med_min_max(wall["pv warm"])
        targets[f"peer {tag} hugo"] = med_min_max(wall["hugo"])
        targets[f"peer {tag} rss cold"] = rss["pv cold"]
        targets[f"peer {tag} rss warm"] = rss["pv warm"]
        targets[f"peer {tag} hugo rss"] = rss["hugo"]
    return work


def findings(binary, site, env):
    r = run([binary, "check", site, "--format", "json"], env=env)
    import json
    try:
        j = json.loads(r.stdout)
        return j["errors"] + j["warnings"] + j["waived"]
    except (ValueError, KeyError):
        sys.exit(f"check --format json of {site} gave no JSON:\n{r.stderr[-1500:]}")


def diag_section(a, binary, tmp, targets):
    """`check` in every --format on sites with ~1,000 and ~2,000 findings
    against the same sites without them, interleaved."""
    inflate = os.path.join(a.peer, "inflate.py")
    if not os.path.isfile(inflate):
        print(f"\n(diagnostics figures skipped: no inflate.py in {a.peer})")
        return
    base = bench_source(tmp)
    cookies, activities = count_entries(base, "cookies"), count_entries(base, "activities")
    env = {**os.environ, "NO_COLOR": "1", "PERSONVERN_TODAY": "2026-12-03",
           "PERSONVERN_CACHE_DIR": os.path.join(tmp, "diag-cache")}
    sites = {}
    for n in (1000, 2000):
        for kind, flag in (("quiet", "--no-waivers"), ("dup", "--same-names")):
            d = os.path.join(tmp, f"diag-{kind}-{n}")
            # The copies beyond the site's own cookies make the n findings.
            r = run([sys.executable, inflate, base, d, "--cookies", str(n + cookies),
                     "--activities", str(activities), flag])
            if r.returncode != 0:
                sys.exit(f"inflate.py failed: {r.stderr[-1500:]}")
            sites[(kind, n)] = d
    counts = {k: findings(binary, d, env) for k, d in sites.items()}
    fmts = ["human", "short", "json"]
    cmds = {(f, k): [binary, "check", d, "--format", f] for f in fmts for k, d in sites.items()}
    for c in cmds.values():  # warm-up (fills the render cache, which check uses)
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    import random
    rng = random.Random(20)
    walls = {k: [] for k in cmds}
    cpus = {k: [] for k in cmds}
    order = list(cmds)
    for _ in range(a.runs):
        rng.shuffle(order)
        for k in order:
            t = time.perf_counter()
            p = subprocess.Popen(cmds[k], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
            _, _, ru = os.wait4(p.pid, 0)
            walls[k].append((time.perf_counter() - t) * 1000)
            cpus[k].append((ru.ru_utime + ru.ru_stime) * 1000)
    print("\n## Printing diagnostics: `check --format F` with and without findings (interleaved, medians)\n")
    print("| format | findings | with findings, ms (min–max) | same site without, ms (min–max) | overhead | "
          "µs per finding | CPU ms with / without | CPU overhead |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for f in fmts:
        for n in (1000, 2000):
            w = med_min_max(walls[(f, ("dup", n))])
            q = med_min_max(walls[(f, ("quiet", n))])
            extra = counts[("dup", n)] - counts[("quiet", n)]
            per = (w[0] - q[0]) * 1000 / max(extra, 1)
            cw = statistics.median(cpus[(f, ("dup", n))])
            cq = statistics.median(cpus[(f, ("quiet", n))])
            print(f"| {f} | {counts[('dup', n)]:,} (quiet: {counts[('quiet', n)]}) | {fmt3(w, '')} | "
                  f"{fmt3(q, '')} | {100 * (w[0] / q[0] - 1):+.1f}% | {per:.0f} | {cw:,.0f} / {cq:,.0f} | "
                  f"{100 * (cw / cq - 1):+.1f}% |")
            targets[f"diag {f} {n}"] = (w[0] / q[0] - 1, per, cw / cq - 1)


def latency_section(a, binary, tmp, peer_work, targets):
    """Edit-to-page in watch and serve: bench-watch.py on example-site and
    the inflated site; personvern serve against hugo server when hugo is there."""
    print("\n## Edit-to-page latency (scripts/bench-watch.py)\n", flush=True)
    big = os.path.join(peer_work, "site-big") if peer_work else None
    if big is None and os.path.isfile(os.path.join(a.peer, "inflate.py")):
        big = os.path.join(tmp, "lat-big")
        run([sys.executable, os.path.join(a.peer, "inflate.py"), bench_source(tmp), big,
             "--cookies", "2300", "--activities", "500"])
    rows = []
    for label, site, edits in [("example-site", os.path.join(ROOT, "example-site"), 20), ("inflated", big, 10)]:
        if not site or not os.path.isdir(site):
            continue
        env = {**os.environ, "NO_COLOR": "1", "PERSONVERN_CACHE_DIR": os.path.join(tmp, "lat-cache")}
        r = run([sys.executable, os.path.join(ROOT, "scripts/bench-watch.py"), site, "--bin", binary,
                 "--edits", str(edits), "--label", label], env=env)
        if r.returncode != 0:
            print(f"(bench-watch failed on {label}: {r.stderr[-1500:]})")
            continue
        for line in r.stdout.splitlines():
            if line.startswith("| ") and not line.startswith("| site") and not line.startswith("| ---"):
                rows.append(line)
                cells = [c.strip() for c in line.strip("|").split("|")]
                targets[f"latency {label} {cells[1]}"] = float(cells[3])
    print("| site | mode | edits | median ms | p90 ms | worst ms | personvern's own rebuild, median ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    if peer_work and have_peer(a) and os.path.isfile(os.path.join(a.peer, "latency-all.py")):
        print("\n`personvern serve` against `hugo server` (latency-all.py, edits interleaved):\n", flush=True)
        r = run([sys.executable, os.path.join(a.peer, "latency-all.py"), "--personvern", binary,
                 "--hugo", a.hugo, "--sites", peer_work, "--work", os.path.join(tmp, "lat"),
                 "--edits", "10", "--sizes", "1x,big"])
        keep = [l for l in r.stdout.splitlines() if l.startswith("|") or "personvern / hugo" in l]
        print("\n".join(keep) if r.returncode == 0 else f"(latency-all failed: {r.stderr[-1500:]})")


def targets_table(t):
    """The targets of issue 20 against this run's figures."""
    if not t:
        return
    rows = []

    def add(name, target, value, ok):
        rows.append(f"| {name} | {target} | {value} | {'met' if ok else 'missed'} |")

    if "example cold" in t:
        add("example-site cold (`--no-cache`)", "≤ 25 ms", fmt3(t["example cold"]), t["example cold"][0] <= 25)
    if "peer big cold" in t:
        add("inflated site cold", "≤ 400 ms", fmt3(t["peer big cold"]), t["peer big cold"][0] <= 400)
        add("inflated site with the cache", "≤ 250 ms", fmt3(t["peer big warm"]), t["peer big warm"][0] <= 250)
        add("inflated site peak RSS (cold / warm)", "≤ 100 MB",
            f"{t['peer big rss cold']:.0f} / {t['peer big rss warm']:.0f} MB",
            max(t["peer big rss cold"], t["peer big rss warm"]) <= 100)
        for tag in ["1x", "big"]:
            ratio = t[f"peer {tag} hugo"][0] / t[f"peer {tag} cold"][0]
            add(f"faster than Hugo cold ({tag}, same run)", "≥ 3x",
                f"{ratio:.2f}x (Hugo {t[f'peer {tag} hugo'][0]:,.0f} ms)", ratio >= 3)
    if "target cold" in t:
        add("gen-site target site cold", "≤ 1,000 ms", fmt3(t["target cold"]), t["target cold"][0] <= 1000)
    for f in ["human", "short", "json"]:
        if f"diag {f} 2000" in t:
            over, per, cpu = t[f"diag {f} 2000"]
            per1 = t[f"diag {f} 1000"][1]
            add(f"2,000 findings, `--format {f}`", "≤ +10%, linear",
                f"wall {100 * over:+.1f}%, CPU {100 * cpu:+.1f}% ({per1:.0f} µs/finding at 1,000, "
                f"{per:.0f} at 2,000)", over <= 0.10)
    for k, v in t.items():
        if k.startswith("latency "):
            _, site, mode = k.split(" ", 2)
            goal = "≤ 32 ms" if site == "example-site" else "< 300 ms"
            add(f"edit to page, {site}, {mode}", goal, f"{v:.1f} ms", v <= 32 if site == "example-site" else v < 300)
    print("\n## Targets (issue 20) against this run\n")
    print("| target | goal | measured: median (min–max) | |")
    print("| --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
