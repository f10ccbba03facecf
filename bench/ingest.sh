#!/usr/bin/env bash
# End-to-end ingest throughput and peak memory on the bundled corpus replicated N times
# (each copy with its own id, a shifted date and a changed first line, so none is skipped):
# reading, splitting, coding events, near-duplicate fingerprints, storing, rollups and
# clustering, on every core (nice'd: the machine is shared). Peak RSS at two sizes shows
# whether memory stays flat as the corpus grows.
# Usage: bench/ingest.sh [COPIES...]   (default: 100 300; 300 copies ≈ 100,000 sentences)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p dyad
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copies=("${@:-100 300}")
# shellcheck disable=SC2068
for n in ${copies[@]}; do
  python3 - "$n" "$work/corpus-$n.jsonl" <<'PY'
import json, sys, glob
n, out = int(sys.argv[1]), sys.argv[2]
arts = [json.load(open(p)) for p in sorted(glob.glob("examples/news/*.json"))]
with open(out, "w") as f:
    for c in range(n):
        for a in arts:
            f.write(json.dumps({"id": f"{a['id']}-{c}", "date": f"20{10 + c % 14:02d}-01-{1 + c % 28:02d}",
                                "title": a["title"], "text": f"Copy {c} of this report.\n\n{a['text']}"}) + "\n")
PY
  db="$work/bench-$n.db"
  /usr/bin/time -f "%e s wall, %M KiB peak RSS" -o "$work/time-$n" \
    nice -n 10 ./target/release/dyad ingest --no-progress --db "$db" "$work/corpus-$n.jsonl" > "$work/out-$n"
  docs=$(grep "documents added" "$work/out-$n" | awk '{print $3}')
  sents=$(grep "sentences added" "$work/out-$n" | awk '{print $3}')
  events=$(grep "events added" "$work/out-$n" | awk '{print $3}')
  clusters=$(grep -o '[0-9]* clusters' "$work/out-$n" | head -1 | awk '{print $1}')
  echo "copies=$n documents=$docs sentences=$sents events=$events clusters=$clusters $(grep -o '([0-9]* documents/s, [0-9]* sentences/s)' "$work/out-$n") $(cat "$work/time-$n")"
done
