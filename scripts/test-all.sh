#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit/integration/doc tests, then
# the example site and the seed fixtures built and checked as users and
# validators see them (Nu Html Checker + axe-core in headless Chromium,
# via ../shared/tools/webcheck, which this script installs if needed).
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${PERSONVERN_SHARED:-$(cd .. && pwd)/shared}"
WEBCHECK="$SHARED/tools/webcheck"

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
step "cargo test"
cargo test

step "personvern check (example site and seed fixtures)"
cargo build --quiet
BIN=target/debug/personvern
"$BIN" check example-site --deny-warnings
for f in tests/fixtures/seed-*; do "$BIN" check "$f" --deny-warnings; done

if [ "${PERSONVERN_SKIP_BROWSER:-0}" = "1" ]; then
  echo "PERSONVERN_SKIP_BROWSER=1: skipping the HTML validator and axe checks" >&2
  exit 0
fi
step "webcheck: Nu Html Checker + axe-core (WCAG 2.1 AA) in headless Chromium"
if [ ! -x "$WEBCHECK/check.sh" ]; then
  echo "error: webcheck not found at $WEBCHECK (set PERSONVERN_SHARED to the shared folder)" >&2
  exit 2
fi
if [ "$(id -u)" = "0" ]; then "$WEBCHECK/install.sh"; else sudo -E "$WEBCHECK/install.sh"; fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$BIN" build example-site --output "$tmp/example"
# Fragments are body-only by design: check each inside a minimal document
# shell instead of as a page.
mkdir -p "$tmp/example/fragment-check"
for f in "$tmp"/example/fragments/*/*.html; do
  lang="$(basename "$(dirname "$f")")"
  name="$(basename "$f" .html)"
  { printf '<!DOCTYPE html>\n<html lang="%s">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>Fragment %s %s</title>\n<link rel="stylesheet" href="../assets/personvern-fragment.css">\n</head>\n<body>\n<main>\n<h1>Host page: %s %s</h1>\n' "$lang" "$lang" "$name" "$lang" "$name"
    cat "$f"
    printf '</main>\n</body>\n</html>\n'; } > "$tmp/example/fragment-check/$lang-$name.html"
done
rm -rf "$tmp/example/fragments"
"$WEBCHECK/check.sh" "$tmp/example" --site-url https://www.nordlysbooking.no/
for f in tests/fixtures/seed-*; do
  name="$(basename "$f")"
  "$BIN" build "$f" --output "$tmp/$name"
  rm -rf "$tmp/$name/fragments"
  url="$(sed -n 's/^base_url *= *"\(.*\)"/\1/p' "$f/personvern.toml" | head -n 1)"
  "$WEBCHECK/check.sh" "$tmp/$name" --site-url "$url"
done
echo "all tests passed"
