#!/usr/bin/env python3
# Rebuilds a site's release history with the current `personvern release`,
# keeping every release's content, dates, notes and material flag: each
# snapshot's data is released again, oldest first, on its publication day
# (PERSONVERN_TODAY), into a scratch site. Used to bring example-site/history
# to the format that freezes each release's pages (issue 17):
#
#   python3 scripts/replay-history.py example-site /tmp/replay target/debug/personvern
#   rm -r example-site/history && cp -r /tmp/replay/history example-site/history
#
# Optional trailing arguments DAY NOTE_NB NOTE_EN release the site's live
# content/ as one more release on DAY.
#
# Example-site specific: its 3.0 snapshot predates the check that a solely
# automated decision names its GDPR art. 22(2) ground; the ground its own
# note states (the contract) is added so that today's release accepts it.
import os, shutil, subprocess, sys, tomllib

site = sys.argv[1]; out = sys.argv[2]; bin = os.path.abspath(sys.argv[3])
extra = sys.argv[4:]  # optional: a final live content folder to release as well, with date args
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out + "/content")
shutil.copy(site + "/personvern.toml", out + "/personvern.toml")
hist = sorted(os.listdir(site + "/history"))
snaps = []
for f in hist:
    if not f.endswith(".toml"): continue
    t = open(f"{site}/history/{f}").read()
    meta = tomllib.loads(t)["release"]
    snaps.append((meta["effective"], meta["published"], f, t, meta))
snaps.sort()
for eff, pub, f, t, meta in snaps:
    body = t[: t.index("\n[release]")]
    if f == "3.0.toml" and "ground" not in body.split("[activities.credit-check.automated_decision]")[1].split("\n\n")[0]:
        # Today's check refuses a solely automated decision without its
        # art. 22(2) ground; 3.0's note already named it (the contract).
        body = body.replace("[activities.credit-check.automated_decision]\nprofiling = true\nsolely_automated = true\n",
                            "[activities.credit-check.automated_decision]\nground = \"contract\"\nprofiling = true\nsolely_automated = true\n")
    open(out + "/content/site.toml", "w").write(body)
    cmd = [bin, "release", out]
    notes = meta.get("notes") or {}
    for l, n in notes.items(): cmd += ["--note", f"{l}={n}"]
    if meta.get("material"): cmd += ["--material"]
    if meta.get("short_notice"): cmd += ["--allow-short-notice", meta["short_notice"]]
    env = dict(os.environ, PERSONVERN_TODAY=str(pub))
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    print(f, r.returncode, r.stderr.strip()[-600:])
    if r.returncode: sys.exit(1)
# The live content as the last release.
if extra:
    day, notes_nb, notes_en = extra
    os.remove(out + "/content/site.toml")
    shutil.rmtree(out + "/content")
    shutil.copytree(site + "/content", out + "/content")
    r = subprocess.run([bin, "release", out, "--note-nb", notes_nb, "--note-en", notes_en],
                       env=dict(os.environ, PERSONVERN_TODAY=day), capture_output=True, text=True)
    print("live", r.returncode, r.stdout[-3000:], r.stderr.strip()[-1500:])
