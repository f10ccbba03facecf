#!/usr/bin/env bash
# Load test of `dyad serve`: GET /api/dyad (JSON, by month) with wrk on loopback against a store
# of about EVENTS coded events (default 1,000,000), in three runs, each preceded by the machine's
# load average:
#   1. random dyads, whole range: after the first request of each of the 380 dyads, answers
#      come from the server's response cache (serve-dyad.lua);
#   2. the same with `Accept-Encoding: gzip` (cached gzip bodies);
#   3. random dyads over random ranges: nearly every request misses the cache and is computed
#      from the store (serve-dyad-ranges.lua).
# DYAD_BIN runs another build of dyad (e.g. an older one, for a comparison) on the same store.
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
bin=${DYAD_BIN:-./target/release/dyad}
[ -n "${DYAD_BIN:-}" ] || nice -n 10 cargo build --release -q -p dyad

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
  /usr/bin/time -f "ingest: %e s wall, %M KiB peak RSS" nice -n 10 "$bin" ingest --no-progress --db "$db" "$corpus"
fi
"$bin" stats --db "$db" | grep -Ei "events|documents" || true

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
RUST_LOG=warn "$bin" serve --db "$db" --addr "127.0.0.1:$port" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "${corpus:-}"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/stats" >/dev/null && break; sleep 0.2; done
echo "one response: $(curl -s "http://127.0.0.1:$port/api/dyad?a=MAR&b=MRT&by=month" | head -c 200)…"
echo "its size: $(curl -s "http://127.0.0.1:$port/api/dyad?a=MAR&b=MRT&by=month" | wc -c) bytes, gzip: $(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/api/dyad?a=MAR&b=MRT&by=month" | wc -c) bytes"
run() {
  echo
  echo "== $1"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  shift
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "$@" "http://127.0.0.1:$port"
}
run "random dyads, by month, whole range (cached after each dyad's first request); wrk ${seconds}s, $connections connections, 2 threads" \
  -s bench/serve-dyad.lua
run "the same, Accept-Encoding: gzip" -H "Accept-Encoding: gzip" -s bench/serve-dyad.lua
run "random dyads, by month, random ranges (cache misses: computed from the store)" \
  -s bench/serve-dyad-ranges.lua
kill -TERM $server
wait $server || true
