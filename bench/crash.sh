#!/usr/bin/env bash
# Crash safety: kills `dyad ingest` (SQLite) and `dyad worker` (NATS JetStream -> PostgreSQL)
# with SIGKILL at random points, aimed at phases read from the processes' phase logs (ingest:
# reading, coding, inside write transactions; worker: pulling, coding, inside the write
# transaction, acknowledging after the commit), KILLS times each (default 100), and checks after
# every kill that the store passes its integrity and consistency checks and holds no document
# twice, and at the end of each cycle that every input document is stored exactly once.
# The loops are the ignored tests of crates/dyad/tests/crash_loop.rs; see docs/RELIABILITY.md.
# The worker loop needs PostgreSQL (DYAD_TEST_POSTGRES, default
# postgres://postgres@127.0.0.1:5432/test; a scratch database per cycle, dropped after) and the
# nats-server binary (a private server on a free port, stopped at the end).
#
#   bench/crash.sh [KILLS] [FILES] [ingest|worker|all]   # FILES: JSON Lines inputs of 36 articles (default 6)
#   DYAD_CRASH_SEED=1234 bench/crash.sh                   # another sequence of kill points
set -euo pipefail
cd "$(dirname "$0")/.."
export DYAD_CRASH_KILLS=${1:-100}
export DYAD_CRASH_FILES=${2:-6}
case "${3:-all}" in
  ingest) filter=(kill_ingest) ;;
  worker) filter=(kill_workers) ;;
  all) filter=() ;;
  *) echo "usage: bench/crash.sh [KILLS] [FILES] [ingest|worker|all]" >&2; exit 2 ;;
esac
nice -n 10 cargo test --release -p dyad --test crash_loop -- --ignored --nocapture --test-threads 1 "${filter[@]}"
