#!/usr/bin/env bash
# Fuzz the whole pipeline (fuzz/fuzz_targets/clean.rs) for a bounded time; not part of CI.
#   scripts/fuzz.sh [SECONDS]        default 300
# Needs cargo-fuzz (installed here if absent) and a nightly compiler for its -Z flags: the
# nightly toolchain if rustup has one, else the stable compiler with RUSTC_BOOTSTRAP=1.
# Seeds: every corpus article (corpus/**/*.txt). Crashes land in fuzz/artifacts/clean/;
# replay one with `cargo fuzz run clean fuzz/artifacts/clean/crash-…` (same toolchain setup).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  fuzz=(cargo +nightly fuzz)
  echo "fuzz.sh: toolchain: $(rustc +nightly --version)"
else
  export RUSTC_BOOTSTRAP=1
  fuzz=(cargo fuzz)
  echo "fuzz.sh: toolchain: $(rustc --version) with RUSTC_BOOTSTRAP=1"
fi

corpus=fuzz/corpus/clean
mkdir -p "$corpus"
find corpus -name '*.txt' -exec cp {} "$corpus/" \;
# Small seeds too: libFuzzer mutates short inputs faster.
i=0
while IFS= read -r line; do
  [ -n "$line" ] || continue
  printf '%s' "$line" > "$corpus/line_$i.txt"
  i=$((i + 1))
done < <(cat corpus/*.txt corpus/*/*.txt | awk 'length($0) > 20 && length($0) < 400')

artifacts=fuzz/artifacts/clean
mkdir -p "$artifacts"
before=$(ls "$artifacts" | wc -l)
log=fuzz/last-run.log
echo "fuzz.sh: $seconds s, seeds: $(ls "$corpus" | wc -l) files, log: $log"
set +e
"${fuzz[@]}" run clean "$corpus" -- \
  -max_total_time="$seconds" -max_len=8192 -timeout=30 -rss_limit_mb=4096 \
  -print_final_stats=1 2>&1 | tee "$log" | grep -E '^#[0-9]+.*(pulse|DONE)|ERROR|panicked|Test unit written|stat::'
status=${PIPESTATUS[0]}
set -e
after=$(ls "$artifacts" | wc -l)
echo "fuzz.sh: exit $status; new artifacts: $((after - before)) (in $artifacts)"
grep -E 'panicked at|^Done|stat::number_of_executed_units' "$log" | head -20 || true
exit "$status"
