#!/usr/bin/env bash
# Scale-out proof: a local-mode PySpark job pipes JSONL records through `mtclean fix --jsonl -q`
# (RDD.pipe, the Hadoop Streaming contract) and the result must equal mtclean run directly on
# the same file, record for record, byte for byte. Not part of CI.
#   scripts/spark-demo.sh [RECORDS] [PARTITIONS]     defaults 3000 and 4
# Needs Java 17+ and Python 3; installs pyspark from PyPI into target/spark-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
records=${1:-3000}
partitions=${2:-4}
venv=target/spark-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import pyspark' 2>/dev/null || "$venv/bin/pip" install -q pyspark
cargo build --release --quiet
dir=target/spark-demo
mkdir -p "$dir"
sample=$dir/sample.jsonl
python3 scripts/make-jsonl.py "$sample" --records "$records" --paragraphs
bin=$PWD/target/release/mtclean

start=$(date +%s.%N)
"$bin" fix --jsonl -q < "$sample" > "$dir/direct.jsonl"
direct_s=$(python3 -c "import time; print(f'{time.time()-$start:.2f}')")

export PYSPARK_PYTHON=$PWD/$venv/bin/python
"$venv/bin/python" - "$sample" "$dir/direct.jsonl" "$bin" "$partitions" <<'PY'
import json, sys, time
from collections import Counter
import pyspark
from pyspark.sql import SparkSession

sample, direct_path, binary, partitions = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
spark = (SparkSession.builder.master("local[2]").appName("mtclean-pipe")
         .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
         .getOrCreate())
spark.sparkContext.setLogLevel("ERROR")
start = time.time()
lines = spark.sparkContext.textFile(sample, minPartitions=partitions)
got_partitions = lines.getNumPartitions()
# textFile drops the line ending; pipe writes each element and a newline to the process and
# returns its output lines, again without endings.
cleaned = lines.pipe(f"{binary} fix --jsonl -q").collect()
spark_s = time.time() - start
spark.stop()

with open(direct_path, encoding="utf-8") as f:
    direct = f.read().split("\n")
assert direct[-1] == "", "direct output ends with a newline"
direct = direct[:-1]
in_order = cleaned == direct
same_multiset = Counter(cleaned) == Counter(direct)
by_id = sorted(cleaned, key=lambda l: json.loads(l)["id"]) == sorted(direct, key=lambda l: json.loads(l)["id"])
with open(sample, encoding="utf-8") as f:
    changed = sum(1 for a, b in zip(f.read().split("\n"), direct) if a != b)
ok = len(cleaned) == len(direct) and same_multiset and by_id
print(f"pyspark {pyspark.__version__}, {got_partitions} partitions, local[2]")
print(f"records: spark {len(cleaned)}, direct {len(direct)}; changed by mtclean: {changed}")
print(f"same records (multiset): {same_multiset}; equal sorted by id: {by_id}; same order: {in_order}")
print(f"spark job: {spark_s:.1f} s")
print("PASS" if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
echo "direct run: ${direct_s} s"
