#!/usr/bin/env python3
"""Edit-to-updated-output latency of `personvern watch` and `personvern serve`.

    python3 scripts/bench-watch.py SITE_DIR [--bin target/release/personvern] [--edits 20]

Builds nothing itself: point --bin at a (release) binary. The site is copied
to a temporary folder first, so SITE_DIR is never touched.

For each mode the script picks one Bokmål text of the site that appears
verbatim on the nb privacy page, then edits it again and again, alternating
between two versions (so every edit changes that page). Each edit is timed
from just before the write of the data file until:

  watch        the output file (OUT/nb/<slug>/index.html) holds the new text
               (polled every --poll-ms; the file is re-read whenever its
               inode, size or mtime change, and at least every 20 ms)
  serve        a GET of the page returns the new text (polled every --poll-ms,
               a new connection per GET unless --keep-alive)
  serve (SSE)  the `event: reload` arrives on /__personvern/events (a side
               measurement: what a browser waits for before reloading)

"personvern's own" is the rebuild time the binary prints on stderr (load,
validate, render, and for watch the write), i.e. without the 30 ms quiet
period the watcher waits for before it rebuilds.

Prints a Markdown table: median, p90 (nearest rank) and worst, in ms.
Python 3 standard library only.
"""

import argparse
import glob
import html
import http.client
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAFE_TEXT = re.compile(r"[A-Za-z0-9ÆØÅæøåÉéÄäÖöÜü ,.()\-]{12,200}")


class Child:
    """A personvern child process whose stdout/stderr are collected."""

    def __init__(self, args):
        self.proc = subprocess.Popen(
            args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            env=dict(os.environ, NO_COLOR="1"))
        self.out = []
        self.err = []
        self.lock = threading.Lock()
        for stream, buf in ((self.proc.stdout, self.out), (self.proc.stderr, self.err)):
            threading.Thread(target=self._drain, args=(stream, buf), daemon=True).start()

    def _drain(self, stream, buf):
        for line in iter(stream.readline, b""):
            with self.lock:
                buf.append(line.decode("utf-8", "replace"))

    def stdout(self):
        with self.lock:
            return "".join(self.out)

    def stderr(self):
        with self.lock:
            return "".join(self.err)

    def stderr_lines(self):
        with self.lock:
            return list(self.err)

    def check_alive(self):
        if self.proc.poll() is not None:
            raise SystemExit("personvern exited with %s:\n%s" % (self.proc.returncode, self.stderr()))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def wait(what, pred, timeout, child=None, interval=0.005):
    end = time.monotonic() + timeout
    while True:
        v = pred()
        if v:
            return v
        if child is not None:
            child.check_alive()
        if time.monotonic() > end:
            raise SystemExit("timed out waiting for %s" % what)
        time.sleep(interval)


def copy_site(src, dst):
    def ignore(d, names):
        return [n for n in names if n in ("public", ".git", "target")] if d == src else []
    shutil.copytree(src, dst, ignore=ignore)


def privacy_slug(site):
    """The nb privacy page's slug: [site.slugs.nb] privacy, or the default."""
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        return "personvern"
    with open(os.path.join(site, "personvern.toml"), "rb") as f:
        conf = tomllib.load(f)
    return conf.get("site", {}).get("slugs", {}).get("nb", {}).get("privacy", "personvern")


def find_target(site, bin_path, tmp):
    """(data file, text, privacy page path under the output) for the edits."""
    probe = os.path.join(tmp, "probe")
    r = subprocess.run([bin_path, "build", site, "--output", probe],
                       capture_output=True, text=True, env=dict(os.environ, NO_COLOR="1"))
    if r.returncode != 0:
        raise SystemExit("the site does not build:\n" + r.stderr)
    pages = {}
    for p in sorted(glob.glob(os.path.join(probe, "nb", "*", "index.html"))):
        with open(p, encoding="utf-8") as f:
            pages[os.path.relpath(p, probe)] = f.read()
    privacy = os.path.join("nb", privacy_slug(site), "index.html")
    if privacy not in pages:
        raise SystemExit("no nb privacy page %s in %s" % (privacy, sorted(pages)))
    files = sorted(glob.glob(os.path.join(site, "content", "**", "*.toml"), recursive=True))
    files.append(os.path.join(site, "personvern.toml"))
    for path in files:
        with open(path, encoding="utf-8") as f:
            src = f.read()
        for m in re.finditer(r'\bnb\s*=\s*"([^"\\\n]*)"', src):
            t = m.group(1)
            if not SAFE_TEXT.fullmatch(t) or src.count('"%s"' % t) != 1:
                continue
            shown = html.escape(t, quote=False)
            if shown in pages.get(privacy, ""):
                return path, t, privacy
    raise SystemExit("found no Bokmål text in %s that is shown on the nb privacy page" % site)


def percentile(xs, p):
    s = sorted(xs)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def rebuild_ms(lines):
    """personvern's own rebuild times printed on stderr."""
    out = []
    for line in lines:
        m = re.search(r"rebuilt (?:\d+ files )?in (\d+) ms", line)
        if m:
            out.append(int(m.group(1)))
    return out


class Editor:
    """Alternates one text of one data file between two versions."""

    def __init__(self, path, text):
        self.path = path
        with open(path, encoding="utf-8") as f:
            self.original = f.read()
        self.text = text
        self.n = 0

    def next(self):
        """Writes the next version; returns (t0, marker)."""
        marker = "%s Benchmark %s." % (self.text, "AB"[self.n % 2])
        self.n += 1
        content = self.original.replace('"%s"' % self.text, '"%s"' % marker, 1)
        t0 = time.perf_counter()
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(content)
        return t0, html.escape(marker, quote=False)

    def restore(self):
        with open(self.path, "w", encoding="utf-8") as f:
            f.write(self.original)


def settle(child, before, timeout):
    """Waits for the rebuild line of the last edit, then a little quiet."""
    wait("the rebuild to be reported", lambda: len(rebuild_ms(child.stderr_lines())) > before,
         timeout, child)
    time.sleep(0.15)


def bench_watch(bin_path, site, rel_page, editor, args, tmp):
    out = os.path.join(tmp, "out-watch")
    page = os.path.join(out, rel_page)
    child = Child([bin_path, "watch", site, "--output", out])
    try:
        wait("watch to start", lambda: "Watching " in child.stderr() and os.path.exists(page),
             args.timeout, child)
        times = []
        for i in range(args.warmup + args.edits):
            before = len(rebuild_ms(child.stderr_lines()))
            t0, marker = editor.next()
            last_sig, last_read = None, 0.0
            deadline = t0 + args.timeout
            while True:
                now = time.perf_counter()
                try:
                    st = os.stat(page)
                    sig = (st.st_ino, st.st_size, st.st_mtime_ns)
                except FileNotFoundError:
                    sig = None
                if sig is not None and (sig != last_sig or now - last_read > 0.02):
                    last_sig, last_read = sig, now
                    try:
                        with open(page, encoding="utf-8") as f:
                            if marker in f.read():
                                t1 = time.perf_counter()
                                break
                    except FileNotFoundError:
                        pass
                if now > deadline:
                    raise SystemExit("watch: edit %d not seen after %ss\n%s" % (i, args.timeout, child.stderr()[-3000:]))
                time.sleep(args.poll_ms / 1000)
            if i >= args.warmup:
                times.append((t1 - t0) * 1000)
            settle(child, before, args.timeout)
        own = rebuild_ms(child.stderr_lines())[1 + args.warmup:]
        return times, own
    finally:
        child.stop()
        editor.restore()


class Sse(threading.Thread):
    """Records the arrival time of every `event: reload`."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.sendall(b"GET /__personvern/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        self.events = []
        self.connected = threading.Event()
        self.lock = threading.Lock()

    def run(self):
        buf = b""
        while True:
            try:
                chunk = self.sock.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            now = time.perf_counter()
            buf += chunk
            if b": connected" in buf:
                self.connected.set()
            while b"event: reload" in buf:
                buf = buf[buf.index(b"event: reload") + len(b"event: reload"):]
                with self.lock:
                    self.events.append(now)

    def after(self, t0):
        with self.lock:
            return next((t for t in self.events if t >= t0), None)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def bench_serve(bin_path, site, rel_page, editor, args):
    url = "/" + os.path.dirname(rel_page).replace(os.sep, "/") + "/"
    child = Child([bin_path, "serve", site, "--port", "0"])
    sse = None
    try:
        m = wait("serve to print its address",
                 lambda: re.search(r"http://127\.0\.0\.1:(\d+)/", child.stdout()), args.timeout, child)
        port = int(m.group(1))
        wait("serve to watch", lambda: "Watching " in child.stderr(), args.timeout, child)
        sse = Sse(port)
        sse.start()
        if not sse.connected.wait(args.timeout):
            raise SystemExit("no event stream")
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)

        def fetch():
            nonlocal conn
            for _ in range(3):
                try:
                    if args.keep_alive:
                        conn.request("GET", url)
                    else:
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
                        conn.request("GET", url, headers={"Connection": "close"})
                    r = conn.getresponse()
                    body = r.read().decode("utf-8", "replace")
                    if not args.keep_alive:
                        conn.close()
                    return body
                except (http.client.HTTPException, OSError):
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=args.timeout)
            raise SystemExit("GET %s keeps failing" % url)

        if editor.text not in html.unescape(fetch()):
            raise SystemExit("serve: %s does not show the text to edit" % url)
        times, events = [], []
        for i in range(args.warmup + args.edits):
            before = len(rebuild_ms(child.stderr_lines()))
            t0, marker = editor.next()
            deadline = t0 + args.timeout
            while True:
                if marker in fetch():
                    t1 = time.perf_counter()
                    break
                if time.perf_counter() > deadline:
                    raise SystemExit("serve: edit %d not seen after %ss\n%s" % (i, args.timeout, child.stderr()[-3000:]))
                time.sleep(args.poll_ms / 1000)
            ev = wait("the reload event", lambda: sse.after(t0), args.timeout, child)
            if i >= args.warmup:
                times.append((t1 - t0) * 1000)
                events.append((ev - t0) * 1000)
            settle(child, before, args.timeout)
        own = rebuild_ms(child.stderr_lines())[1 + args.warmup:]
        conn.close()
        return times, events, own
    finally:
        if sse is not None:
            sse.close()
        child.stop()
        editor.restore()


def row(site, mode, xs, own):
    own_s = "%.0f" % statistics.median(own) if own else "–"
    return "| %s | %s | %d | %.1f | %.1f | %.1f | %s |" % (
        site, mode, len(xs), statistics.median(xs), percentile(xs, 90), max(xs), own_s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site")
    ap.add_argument("--bin", default="target/release/personvern")
    ap.add_argument("--edits", type=int, default=20, help="timed edits per mode (default 20)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed edits first (default 1)")
    ap.add_argument("--poll-ms", type=float, default=1.0, help="poll interval (default 1 ms)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per wait (default 120)")
    ap.add_argument("--keep-alive", action="store_true",
                    help="poll over one keep-alive connection (default: a new connection per GET; "
                    "keep-alive responses of the server can stall ~40 ms, Nagle + delayed ACK)")
    ap.add_argument("--modes", default="watch,serve")
    ap.add_argument("--label", help="site name in the table (default: the folder name)")
    args = ap.parse_args()

    bin_path = args.bin
    if not os.path.exists(bin_path) and os.path.exists(os.path.join(REPO, bin_path)):
        bin_path = os.path.join(REPO, bin_path)
    if not os.path.exists(bin_path):
        raise SystemExit("no binary at %s (build it with cargo build --release, or pass --bin)" % args.bin)
    bin_path = os.path.abspath(bin_path)
    label = args.label or os.path.basename(os.path.normpath(args.site))

    with tempfile.TemporaryDirectory(prefix="pv-bench-") as tmp:
        site = os.path.join(tmp, "site")
        copy_site(os.path.abspath(args.site), site)
        path, text, rel_page = find_target(site, bin_path, tmp)
        print("editing %r in %s; page %s" % (text, os.path.relpath(path, site), rel_page), file=sys.stderr)
        rows = []
        for mode in args.modes.split(","):
            editor = Editor(path, text)
            if mode == "watch":
                xs, own = bench_watch(bin_path, site, rel_page, editor, args, tmp)
                rows.append(row(label, "watch (file)", xs, own))
            elif mode == "serve":
                xs, ev, own = bench_serve(bin_path, site, rel_page, editor, args)
                rows.append(row(label, "serve (GET%s)" % (", keep-alive" if args.keep_alive else ""), xs, own))
                rows.append(row(label, "serve (SSE event)", ev, own))
            else:
                raise SystemExit("unknown mode %s" % mode)
            print(rows[-1], file=sys.stderr)
    print("| site | mode | edits | median ms | p90 ms | worst ms | personvern's own rebuild, median ms |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(r)


if __name__ == "__main__":
    main()
