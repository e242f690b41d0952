#!/usr/bin/env bash
# Installs what the browser tests need; safe to re-run, and quick when
# everything is in place.
#   1. Debian packages, through apt only when one is missing (as root, or
#      with sudo): chromium (driven over CDP; no browser is ever downloaded),
#      fonts-liberation and fonts-dejavu-core (so pages and screenshots render
#      æ/ø/å), and a Java runtime, node or npm when there is none.
#   2. The npm packages pinned in package-lock.json (playwright-core, axe-core,
#      vnu-jar), with `npm ci` into tests/browser/node_modules, only when
#      node_modules does not match the lock file. npm runs as the calling user.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
log() { printf 'browser-install: %s\n' "$*"; }
die() { printf 'browser-install: error: %s\n' "$*" >&2; exit 1; }

pkgs=(chromium fonts-liberation fonts-dejavu-core)
command -v java >/dev/null 2>&1 || pkgs+=(default-jre-headless)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${missing[*]} by hand"
  sudo=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null 2>&1 || die "run as root, or install sudo, to apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  log "apt-get install ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing"

node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || die "node >= 20 is needed by playwright-core; found $(node --version)"

# node_modules matches the lock file when the stamp written after the last
# `npm ci` holds the lock file's digest.
stamp=node_modules/.personvern-lock.sha256
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && [ -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  log "npm packages up to date"
else
  log "npm ci"
  # .npmrc sets ignore-scripts (no postinstall may download anything)
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  printf '%s\n' "$want" > "$stamp"
fi
log "ready: $(/usr/bin/chromium --version 2>/dev/null | head -n 1), node $(node --version)," \
  "$(java -version 2>&1 | head -n 1)"
