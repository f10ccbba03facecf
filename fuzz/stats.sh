#!/usr/bin/env bash
# Prints each finished fuzz run's final statistics from fuzz/logs/<target>.log: time,
# executions, coverage (edges, features), corpus size, and whether libFuzzer reported a problem.
cd "$(dirname "$0")"
printf '%-18s %8s %10s %8s %8s %8s  %s\n' target seconds execs cov ft corpus problem
for f in logs/*.log; do
  t=$(basename "$f" .log)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$f" | grep -o '[0-9]*$')
  [ -n "$execs" ] || { printf '%-18s (running or stopped)\n' "$t"; continue; }
  secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$f" | grep -oE '[0-9]+ second' | grep -oE '[0-9]+')
  last=$(grep -E '^#[0-9]+' "$f" | grep -E 'cov: ' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
  ft=$(grep -oE 'ft: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
  corp=$(grep -oE 'corp: [0-9]+' <<<"$last" | grep -oE '[0-9]+')
  problem=$(grep -m1 -oE 'ERROR: (libFuzzer|AddressSanitizer): [a-z-]+|panicked at [^ ]+' "$f")
  printf '%-18s %8s %10s %8s %8s %8s  %s\n' "$t" "${secs:-?}" "$execs" "$cov" "$ft" "$corp" "${problem:-none}"
done
