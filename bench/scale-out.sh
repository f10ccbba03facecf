#!/usr/bin/env bash
# Scale-out throughput on this machine: the bundled corpus replicated N times (as
# bench/ingest.sh does) coded
#   (a) by the single-process SQLite ingest (`dyad ingest`, every core),
#   (b) by 1 `dyad worker` (2 coding threads) from a NATS JetStream queue into PostgreSQL,
#   (c) by 2 `dyad worker`s (1 coding thread each) sharing the queue,
# all nice'd (the machine is shared), with the load average before each run.
# Needs PostgreSQL on 127.0.0.1:5432 (trust, user postgres; a scratch database is created and
# dropped) and the nats-server binary (a private server with its own JetStream store is
# started on port 14222 and stopped at the end, so no stream is left behind).
# Usage: bench/scale-out.sh [COPIES]   (default 30: 1,080 documents)
set -euo pipefail
cd "$(dirname "$0")/.."
copies=${1:-30}
cargo build --release -q -p dyad
work=$(mktemp -d)
nats_pid=""
db="dyad_bench_$$"
admin="postgres://postgres@127.0.0.1:5432/test"
cleanup() {
  [ -n "$nats_pid" ] && kill "$nats_pid" 2>/dev/null || true
  for d in "${db}_1" "${db}_2"; do psql -q "$admin" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT
python3 - "$copies" "$work/corpus.jsonl" <<'PY'
import json, sys, glob
n, out = int(sys.argv[1]), sys.argv[2]
arts = [json.load(open(p)) for p in sorted(glob.glob("examples/news/*.json"))]
with open(out, "w") as f:
    for c in range(n):
        for a in arts:
            f.write(json.dumps({"id": f"{a['id']}-{c}", "date": f"20{10 + c % 14:02d}-01-{1 + c % 28:02d}",
                                "title": a["title"], "text": f"Copy {c} of this report.\n\n{a['text']}"}) + "\n")
PY
docs=$(wc -l < "$work/corpus.jsonl")
echo "corpus: $copies copies, $docs documents; $(nproc) cores"
dyad=./target/release/dyad

echo "== (a) single process, SQLite: dyad ingest"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
nice -n 10 $dyad ingest --no-progress --db "$work/bench.db" "$work/corpus.jsonl" > "$work/ingest.out"
grep -E "documents added|time|documents/s" "$work/ingest.out" || cat "$work/ingest.out"

mkdir -p "$work/nats"
nats-server -a 127.0.0.1 -p 14222 -js -sd "$work/nats" > "$work/nats.log" 2>&1 &
nats_pid=$!
for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/14222) 2>/dev/null && break; sleep 0.1; done
nats=nats://127.0.0.1:14222

run_workers() { # label, database suffix, workers, threads each
  local label=$1 n=$2 workers=$3 threads=$4
  local url="postgres://postgres@127.0.0.1:5432/${db}_$n"
  psql -q "$admin" -c "CREATE DATABASE ${db}_$n" >/dev/null
  echo "== ($label) $workers worker(s) x $threads coding thread(s), NATS JetStream -> PostgreSQL"
  $dyad submit --nats "$nats" --stream "BENCH$n" "$work/corpus.jsonl" 2>&1 | tail -1
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  local pids=()
  for w in $(seq 1 "$workers"); do
    RUST_LOG=warn nice -n 10 $dyad worker --nats "$nats" --stream "BENCH$n" --postgres "$url" \
      --concurrency "$threads" --exit-when-idle 2 > "$work/worker-$n-$w.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  local max=0 total=0
  for w in $(seq 1 "$workers"); do
    line=$(grep "worker done" "$work/worker-$n-$w.out")
    echo "  worker $w: ${line#*worker done: }"
    acked=$(sed -E 's/.*worker done: ([0-9]+) documents acknowledged.*/\1/' <<< "$line")
    active=$(sed -E 's/.* ([0-9.]+) s active.*/\1/' <<< "$line")
    total=$((total + acked))
    max=$(python3 -c "print(max($max, $active))")
  done
  echo "  together: $total documents in $max s = $(python3 -c "print(f'{$total / $max:.1f}')") documents/s"
  psql -Atq "$url" -c "SELECT 'stored: ' || (SELECT count(*) FROM documents) || ' documents, ' || (SELECT count(*) FROM events) || ' events, ' || (SELECT count(*) FROM clusters) || ' clusters'"
}
run_workers b 1 1 2
run_workers c 2 2 1
