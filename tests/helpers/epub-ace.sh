#!/usr/bin/env bash
# Ace by DAISY on Folio's EPUBs: 0 violations required. Runs offline.
#
#   tests/helpers/epub-ace.sh [DIR]   # DIR: folder of .epub files (default: builds them)
#
# Without DIR it writes the invariant-suite EPUBs (every sample manuscript, with and
# without a page list, plus the hand-built publications with embedded fonts, soft
# hyphens and the nbsp fallback) through `EPUB_OUT`, then checks each.
# Needs `@daisy/ace-cli` (installed with PUPPETEER_SKIP_DOWNLOAD=1) and Debian's chromium.
set -euo pipefail
cd "$(dirname "$0")/../.."

dir="${1:-}"
if [ -z "$dir" ]; then
  dir="$(mktemp -d)/epubs"
  EPUB_OUT="$dir" npx vitest run tests/epub-samples.test.ts >/dev/null
fi
chromium_path="${PUPPETEER_EXECUTABLE_PATH:-$(command -v chromium || true)}"
if [ -z "$chromium_path" ]; then
  echo "epub-ace: chromium not found (apt-get install chromium)" >&2
  exit 2
fi
export PUPPETEER_EXECUTABLE_PATH="$chromium_path"
ace="node_modules/@daisy/ace-cli/bin/ace.js"
[ -f "$ace" ] || { echo "epub-ace: $ace missing (PUPPETEER_SKIP_DOWNLOAD=1 npm i @daisy/ace-cli)" >&2; exit 2; }

out="$(mktemp -d)"
status=0
checked=0
for epub in "$dir"/*.epub; do
  name="$(basename "$epub" .epub)"
  # -E: violations give a non-zero exit code; -s: no progress output.
  if ! node "$ace" -E -s -o "$out/$name" "$epub" >"$out/$name.log" 2>&1; then
    status=1
  fi
  count="$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const v = (r.assertions || []).flatMap((d) => d.assertions || []);
    for (const a of v) console.error(`  ${a.test["dct:title"]} (${a.test["earl:impact"]}): ${a.test["dct:description"] || ""}`);
    console.log(v.length);
  ' "$out/$name/report.json" 2>"$out/$name.violations" || echo "?")"
  echo "ace: $name: $count violation(s)"
  if [ "$count" != "0" ]; then
    status=1
    cat "$out/$name.violations" "$out/$name.log" >&2 || true
  fi
  checked=$((checked + 1))
done
[ "$checked" -gt 0 ] || { echo "epub-ace: no EPUB in $dir" >&2; exit 2; }
echo "ace: $checked EPUB(s) checked"
exit "$status"
