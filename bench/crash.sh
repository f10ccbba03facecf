#!/usr/bin/env bash
# Crash safety: kills `dyad ingest` with SIGKILL at random points (aimed at reading, coding and
# inside write transactions, read from the ingest's phase log), KILLS times (default 100), and
# checks after every kill that the store passes SQLite's integrity check and dyad's consistency
# check, and at the end of each cycle that every input document is stored exactly once.
# The loop is the ignored test crates/dyad/tests/crash_loop.rs; see docs/RELIABILITY.md.
#
#   bench/crash.sh [KILLS] [FILES]      # FILES: JSON Lines inputs of 36 articles each (default 6)
#   DYAD_CRASH_SEED=1234 bench/crash.sh  # another sequence of kill points
set -euo pipefail
cd "$(dirname "$0")/.."
export DYAD_CRASH_KILLS=${1:-100}
export DYAD_CRASH_FILES=${2:-6}
nice -n 10 cargo test --release -p dyad --test crash_loop -- --ignored --nocapture
