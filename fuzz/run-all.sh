#!/usr/bin/env bash
# Runs fuzz targets for SECONDS each (default 600), JOBS at a time (default 2), at the lowest
# priority, and prints each target's final libFuzzer statistics (executions, coverage).
#   fuzz/run-all.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")"
SECS=${1:-600}; shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || mapfile -t TARGETS < <(RUSTC_BOOTSTRAP=1 cargo fuzz list)
JOBS=${JOBS:-2}
mkdir -p logs
export RUSTC_BOOTSTRAP=1
cargo fuzz build >/dev/null
run() {
  local t=$1
  mkdir -p "corpus/$t"
  local max_len=8192
  case "$t" in nlp_model|gazetteer) max_len=32768 ;; esac
  nice -n 19 cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$SECS" -max_len="$max_len" \
    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 > "logs/$t.log" 2>&1 || true
  local execs cov
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo '?')
  cov=$(grep -oE '#[0-9]+ +(DONE|INITED).*cov: [0-9]+ ft: [0-9]+' "logs/$t.log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+' || echo '?')
  local found; found=$(grep -cE '^==[0-9]+== ?ERROR|panicked at|deadly signal|timeout|out-of-memory' "logs/$t.log" || true)
  echo "$t: ${SECS}s, $execs execs, $cov, problems: $found"
}
for t in "${TARGETS[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do sleep 5; done
  run "$t" &
done
wait
