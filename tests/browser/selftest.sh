#!/usr/bin/env bash
# Proves that check.sh catches faults: runs it on sample/ with --screenshots
# and checks the verdicts. passes.html is clean but for a validator warning
# (reported, not a failure); faults.html has a planted validator error, axe
# violation, script error, missing stylesheet, external image and external
# preconnect. The counts are those of the versions
# in package-lock.json; update them when a bump changes what is found.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d "${TMPDIR:-/tmp}/browser-selftest.XXXXXX")"
trap 'rm -rf "$out"' EXIT

"$HERE/check.sh" --screenshots "$out/shots" "$HERE/sample" > "$out/log" 2>&1
rc=$?
failed=()
expect() { # description, command...
  local what="$1"; shift
  "$@" >/dev/null 2>&1 || failed+=("$what")
}
logged() { grep -qF -- "$1" "$out/log"; }
png_width() { node -e 'process.stdout.write(String(require("fs").readFileSync(process.argv[1]).readUInt32BE(16)))' "$1"; }

expect "exit status 1 (findings)" test "$rc" -eq 1
expect "summary" logged "browser-check: 2 pages, 1 validator errors, 1 validator warnings, 1 axe violations, 2 console errors, 1 failed requests, 2 external requests: FAILED"
expect "page with a validator warning passes" logged "  warn  passes.html"
expect "validator warning listed" logged "validator warning 20:1 Section lacks heading."
expect "faulty page fails" logged "  FAIL  faults.html"
expect "validator: div inside p" logged "validator error 19:108 No 'p' element in scope but a 'p' end tag seen."
expect "axe: unlabelled input" logged "axe label (critical, 1 element)"
expect "console: uncaught script error" logged "console error: uncaught TypeError"
expect "failed request: missing stylesheet" logged "failed request: HTTP 404 http://127.0.0.1:"
expect "external image blocked" logged "external request (blocked): https://cdn.example.com/logo.png"
expect "external preconnect found" logged "external reference (not loaded): https://fonts.example.net/"
expect "desktop screenshot 1280 px wide" test "$(png_width "$out/shots/passes.desktop.png")" = 1280
expect "mobile screenshot 390 px wide" test "$(png_width "$out/shots/passes.mobile.png")" = 390
expect "print PDF" test "$(head -c 5 "$out/shots/passes.print.pdf")" = "%PDF-"

if [ "${#failed[@]}" -gt 0 ]; then
  cat "$out/log"
  printf 'browser selftest: FAILED: %s\n' "${failed[@]}" >&2
  exit 1
fi
echo "browser selftest: ok (the checker caught every planted fault; $(grep -F 'browser-check: validator' "$out/log" | sed 's/^browser-check: //'))"
