#!/usr/bin/env python3
"""Write a JSONL sample built from the corpus articles: one record per article (or per paragraph
with --paragraphs), fields id, text, meta.{source, n}, lang.

    scripts/make-jsonl.py OUT --mb 200        # about 200 MB
    scripts/make-jsonl.py OUT --records 3000  # exactly 3000 records
"""
import argparse, glob, json, os

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--mb", type=float)
ap.add_argument("--records", type=int)
ap.add_argument("--paragraphs", action="store_true")
args = ap.parse_args()
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
paths = sorted(glob.glob(os.path.join(root, "*.txt")) + glob.glob(os.path.join(root, "*", "*.txt")))
texts = []
for path in paths:
    with open(path, encoding="utf-8") as f:
        body = f.read()
    name = os.path.relpath(path, root)
    if args.paragraphs:
        texts += [(name, p) for p in body.split("\n\n") if p.strip()]
    else:
        texts.append((name, body))
limit_bytes = args.mb * 1_000_000 if args.mb else None
written = n = 0
with open(args.out, "w", encoding="utf-8") as out:
    while True:
        if args.records is not None and n >= args.records:
            break
        if limit_bytes is not None and written >= limit_bytes:
            break
        name, text = texts[n % len(texts)]
        record = {"id": n, "text": text, "meta": {"source": name, "n": n // len(texts)}, "lang": "en"}
        line = json.dumps(record, ensure_ascii=False) + "\n"
        out.write(line)
        written += len(line.encode("utf-8"))
        n += 1
print(f"{args.out}: {n} records, {written} bytes")
