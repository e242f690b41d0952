#!/usr/bin/env bash
# The consent-banner test (consent.mjs) on a site: builds it three times with
# the personvern binary BIN (as it is; with one strictly necessary cookie
# added; with one marketing cookie added) and runs the banner checks in
# headless Chromium. Needs install.sh to have run.
#   tests/browser/consent.sh BIN SITE_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
[ $# -eq 2 ] || { echo "usage: $0 BIN SITE_DIR" >&2; exit 2; }
bin="$(realpath "$1")"; site="$(realpath "$2")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -r "$site" "$tmp/necessary"
cp -r "$site" "$tmp/consent"
rm -rf "$tmp/necessary/public" "$tmp/consent/public"
cat > "$tmp/necessary/content/zz-added-cookie.toml" <<'T'
[cookies.added-necessary]
name = "added_necessary"
party = "first"
category = "strictly_necessary"
purpose = { nb = "Lagt til i testen.", en = "Added by the test." }
duration = "session"
T
cat > "$tmp/consent/content/zz-added-cookie.toml" <<'T'
[cookies.added-marketing]
name = "added_marketing"
party = "first"
category = "marketing"
purpose = { nb = "Lagt til i testen.", en = "Added by the test." }
duration = "P1M"
T
build() { "$bin" build "$1" --output "$2" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; exit 1; }; }
build "$site" "$tmp/out-site"
build "$tmp/necessary" "$tmp/out-necessary"
build "$tmp/consent" "$tmp/out-consent"
node "$here/consent.mjs" "$tmp/out-site" "$tmp/out-necessary" "$tmp/out-consent"
