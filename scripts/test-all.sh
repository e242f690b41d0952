#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit/integration/doc tests, then
# the example site and the seed fixtures built and checked as users and
# validators see them: Nu Html Checker + axe-core in headless Chromium, with
# the tooling in tests/browser/ (installed by tests/browser/install.sh, which
# this script runs; it is quick when everything is in place).
# PERSONVERN_SKIP_BROWSER=1 skips the browser checks.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
step "cargo test"
cargo test

step "personvern check (example site and seed fixtures)"
# cargo test built the binary (debug) for the integration tests; use that one
# rather than compile the crate again.
BIN=target/debug/personvern
[ -x "$BIN" ] || { echo "error: $BIN was not built by cargo test" >&2; exit 2; }
"$BIN" check example-site --deny-warnings
for f in tests/fixtures/seed-*; do "$BIN" check "$f" --deny-warnings; done

if [ "${PERSONVERN_SKIP_BROWSER:-0}" = "1" ]; then
  echo "PERSONVERN_SKIP_BROWSER=1: skipping the HTML validator and axe checks" >&2
  exit 0
fi
step "browser tests: Nu Html Checker + axe-core (WCAG 2.1 AA) in headless Chromium"
tests/browser/install.sh
tests/browser/selftest.sh
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
step "browser tests: the fragments inside host pages with their own CSS reset and ids"
node tests/browser/fragment-host.mjs "$tmp/example"
step "browser tests: sticky contents, 'back to contents' and the printed page counts"
# Budgets for the example as it is (4.0 added definitions, bases per
# purpose, the joint-controller arrangement, limits to rights and more
# authorities: 13 printed pages for the Norwegian statement, 4 for its
# cookie declaration); a layout change that wastes paper fails here.
node tests/browser/layout.mjs "$tmp/example" --max-pages 13 --max-cookie-pages 4
rm -rf "$tmp/example/fragments"
sites=("$tmp/example")
for f in tests/fixtures/seed-*; do
  name="$(basename "$f")"
  "$BIN" build "$f" --output "$tmp/$name"
  rm -rf "$tmp/$name/fragments"
  sites+=("$tmp/$name")
done
# One run for all sites: one validator JVM and one browser.
tests/browser/check.sh "${sites[@]}"
step "browser tests: the consent banner (vanilla-cookieconsent with the generated configuration)"
tests/browser/consent.sh "$BIN" example-site
echo "all tests passed"
