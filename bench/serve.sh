#!/usr/bin/env bash
# Load test of `dyad serve`: GET /api/dyad (JSON, by month, random dyads) with wrk on loopback
# against a store of about EVENTS coded events (default 1,000,000).
#
# The store is built once by the real pipeline (`dyad ingest`) from a generated corpus of
# articles made of short sentences the coder codes one event each ("Morocco met with
# Mauritania."), 20 countries, 12 verbs over the four QuadClasses, dates 2010-2024; it is kept
# at $DYAD_BENCH_DB (default /tmp/dyad-bench-serve.db) for later runs.
#
# Usage: bench/serve.sh [EVENTS] [SECONDS] [CONNECTIONS]     (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
events=${1:-1000000}
seconds=${2:-20}
connections=${3:-32}
db=${DYAD_BENCH_DB:-/tmp/dyad-bench-serve.db}
command -v wrk >/dev/null || { echo "wrk is required (apt-get install wrk)" >&2; exit 1; }
nice -n 10 cargo build --release -q -p dyad

if [ ! -f "$db" ]; then
  corpus=$(mktemp --suffix=.jsonl)
  trap 'rm -f "$corpus"' EXIT
  python3 - "$events" "$corpus" <<'PY'
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
  echo "ingesting $(wc -l < "$corpus") generated articles into $db"
  /usr/bin/time -f "ingest: %e s wall, %M KiB peak RSS" nice -n 10 ./target/release/dyad ingest --no-progress --db "$db" "$corpus"
fi
./target/release/dyad stats --db "$db" | grep -Ei "events|documents" || true

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RUST_LOG=warn ./target/release/dyad serve --db "$db" --addr "127.0.0.1:$port" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "${corpus:-}"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null && break; sleep 0.2; done
echo "one response: $(curl -s "http://127.0.0.1:$port/api/dyad?a=MAR&b=MRT&by=month" | head -c 200)…"
echo "wrk: ${seconds}s, $connections connections, 2 threads, GET /api/dyad?a=X&b=Y&by=month (random dyads)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/serve-dyad.lua "http://127.0.0.1:$port"
kill -TERM $server
wait $server || true
