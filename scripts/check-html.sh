#!/usr/bin/env bash
# Look at the HTML explorer as a user would: render it in headless Chromium and save a
# screenshot, then open the PNG. Needs Debian's chromium (apt-get install chromium).
#   scripts/check-html.sh [PAGE.html] [SHOT.png]
set -euo pipefail
page="${1:-out/export/actors.html}"
shot="${2:-out/export/actors-html-screenshot.png}"
[ -f "$page" ] || { echo "no page at $page: run 'make run' first" >&2; exit 2; }
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "chromium not found: apt-get install chromium" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# No network: the page must work offline (it has no external references).
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --window-size=1400,900 --virtual-time-budget=3000 \
  --screenshot="$(realpath -m "$shot")" "file://$(realpath "$page")" 2>/dev/null
echo "screenshot: $shot"
