#!/usr/bin/env bash
# Checks folders of built HTML with the Nu Html Checker and axe-core in
# headless Chromium (see check.mjs and README.md). Needs install.sh first.
#   tests/browser/check.sh [--screenshots OUTDIR] [--max-messages N] DIR...
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for m in playwright-core axe-core vnu-jar; do
  if [ ! -f "$HERE/node_modules/$m/package.json" ]; then
    echo "browser-check: $m is not installed in $HERE/node_modules (run tests/browser/install.sh)" >&2
    exit 2
  fi
done
exec node "$HERE/check.mjs" "$@"
