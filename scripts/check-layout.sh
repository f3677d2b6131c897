#!/usr/bin/env bash
# The house rules that keep the layout honest (run by .ci/run):
# - the engine imports nothing of the crate outside engine/;
# - the engine, the passes and the rule engine never name the application tiers;
# - no source file holds more than 600 lines of code (tests in a `mod tests` block, comments and
#   blank lines not counted).
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
if grep -rnE 'crate::(passes|rules|cleaner|cli|render|batch|config|eval|review)\b|crate::\{[^}]*\b(passes|rules|cleaner|Cleaner)\b' src/engine; then
  echo "layout: src/engine must not import the rest of the crate (above)" >&2
  status=1
fi
if grep -rnE 'crate::(cli|render|batch|config|eval|review)\b' src/passes src/rules; then
  echo "layout: passes and rules must not import cli, render, batch, config, eval or review (above)" >&2
  status=1
fi
while IFS= read -r file; do
  lines=$(awk '/^#\[cfg\(test\)\]$/ { getline nxt; if (nxt ~ /^mod tests/) exit } !/^[[:space:]]*(\/\/|$)/ { n++ } END { print n+0 }' "$file")
  if [ "$lines" -gt 600 ]; then
    echo "layout: $file has $lines lines of code (at most 600)" >&2
    status=1
  fi
done < <(find src -name '*.rs')
exit $status
