#!/usr/bin/env bash
# Does ingest stay as fast when the store grows? Ingests a generated corpus of EVENTS coded
# events (default 1,000,000: articles of 20 short sentences the coder codes one event each,
# "Morocco met with Mauritania.", 20 countries, 12 verbs over the four QuadClasses, dates over
# 15 years, as bench/serve.sh) into a new store, and prints the log line every ~5 s: the
# cumulative rate and the rate of the last 5 s (sentences/s), and the share of time the
# writer spends in write transactions. Coding these sentences is cheap, so the store's cost
# (rows, indexes, rollups, clustering) shows. Ends with wall time and peak RSS.
#
# Usage: bench/ingest-scale.sh [EVENTS] [DYAD_BINARY]   (the store is deleted afterwards)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
dyad=${2:-./target/release/dyad}
[ "$dyad" = ./target/release/dyad ] && nice -n 10 cargo build --release -q -p dyad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$events" "$work/corpus.jsonl" <<'PY'
import json, random, sys
events, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(8)
countries = ["Morocco", "Mauritania", "Algeria", "Tunisia", "Libya", "Egypt", "Mali", "Niger",
             "Senegal", "Spain", "France", "Russia", "China", "Nigeria", "Kenya", "Ethiopia",
             "Ghana", "Chad", "Sudan", "the United States"]
verbs = [("met with", ""), ("praised", ""), ("hosted", ""), ("signed an agreement with", ""),
         ("provided aid to", ""), ("accused", " of lying"), ("criticized", ""),
         ("threatened", ""), ("rejected the proposal of", ""), ("attacked", ""),
         ("imposed sanctions on", ""), ("expelled diplomats from", "")]
per_article = 20
with open(out, "w") as f:
    for i in range(events // per_article):
        day = rng.randrange(0, 15 * 365)
        y, d = 2010 + day // 365, day % 365
        date = f"{y}-{1 + d // 31 % 12:02d}-{1 + d % 28:02d}"
        sentences = []
        for _ in range(per_article):
            a, b = rng.sample(countries, 2)
            v, tail = rng.choice(verbs)
            sentences.append(f"{a[0].upper()}{a[1:]} {v} {b}{tail}.")
        f.write(json.dumps({"id": f"bench-{i}", "date": date, "title": f"Report {i}",
                            "url": f"https://news{i % 50}.example/{i}", "text": " ".join(sentences)}) + "\n")
PY
echo "ingesting $(wc -l < "$work/corpus.jsonl") generated articles ($events sentences) with $dyad"
/usr/bin/time -f "%e s wall, %M KiB peak RSS" -o "$work/time" \
  nice -n 10 "$dyad" ingest --no-progress --db "$work/bench.db" "$work/corpus.jsonl" > "$work/out" 2> "$work/log"
# Each log line's cumulative count and rate give its time; consecutive lines give the rate
# of the interval between them.
echo "elapsed_s sentences cumulative_per_s interval_per_s"
grep '^ingest:' "$work/log" | sed -E 's/.* ([0-9]+) sentences \(([0-9]+)\/s\).*/\1 \2/' |
  awk '$2 > 0 { t = $1 / $2; if (pt != "") printf "%9.1f %9d %9d %9.0f\n", t, $1, $2, ($1 - pn) / (t - pt); pt = t; pn = $1 }'
grep -E "sentences added|events added|time|store:" "$work/out"
echo "$(cat "$work/time"); store $(du -sh "$work/bench.db" | cut -f1)"
