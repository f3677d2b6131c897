#!/usr/bin/env bash
# Streaming throughput and memory of `mtclean fix --jsonl` on a big JSONL corpus.
#   bench/jsonl.sh [MB]          default 1000 (about 1 GB); e.g. `nice -n 10 bench/jsonl.sh 200`
# Builds the release binary, writes target/bench-jsonl/corpus-<MB>mb.jsonl from the corpus
# articles (records with id, text, a nested meta object), runs `mtclean fix --jsonl -q` over it
# with --jobs 1 and --jobs 2 (output to /dev/null) under /usr/bin/time -v, and prints MB/s,
# peak RSS, CPU share and the jobs-2 / jobs-1 ratio. On a busy machine CPU below 100 % per job
# means the cores were shared: compare user seconds too.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=${1:-1000}
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }
cargo build --release --quiet
dir=target/bench-jsonl
mkdir -p "$dir"
data=$dir/corpus-${mb}mb.jsonl
[ -s "$data" ] || python3 scripts/make-jsonl.py "$data" --mb "$mb"
bytes=$(stat -c %s "$data")
records=$(wc -l < "$data")
echo "machine: nproc=$(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(date -u +%F)"
echo "input: $data, $bytes bytes, $records records"
declare -A secs
for jobs in 1 2; do
  /usr/bin/time -v target/release/mtclean fix --jsonl -q --jobs "$jobs" < "$data" > /dev/null 2> "$dir/time-$jobs.txt"
  wall=$(grep 'Elapsed (wall clock)' "$dir/time-$jobs.txt" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$dir/time-$jobs.txt" | awk '{print $NF}')
  cpu=$(grep 'Percent of CPU' "$dir/time-$jobs.txt" | awk '{print $NF}')
  user=$(grep 'User time' "$dir/time-$jobs.txt" | awk '{print $NF}')
  s=$(python3 -c "p='$wall'.split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))")
  secs[$jobs]=$s
  python3 -c "print(f'--jobs $jobs: {$s:.1f} s, {$bytes/1e6/$s:.2f} MB/s, peak RSS {$rss/1024:.1f} MB, CPU $cpu (user {$user} s)')"
done
python3 -c "print(f'speed-up --jobs 2 / --jobs 1: {${secs[1]}/${secs[2]}:.2f}x')"
