#!/usr/bin/env bash
# Seeds every fuzz target's corpus (fuzz/corpus/<target>, not committed) from the project's
# committed files, and from ../shared/data when it is there (the PETRARCH dictionaries, UD and
# UNER files). Large files are cut into line-aligned pieces of at most 4 KiB, so that each input
# stays small and executions stay fast.
#
#   fuzz/seed.sh            # from the repository root or from fuzz/
set -euo pipefail
cd "$(dirname "$0")"
ROOT=..
SHARED=$ROOT/../shared/data
C=corpus
rm -rf "$C"
mkdir -p "$C"

# pieces FILE TARGET [MAX]: line-aligned pieces of FILE (at most MAX, spread over the file).
pieces() {
  local file=$1 target=$2 max=${3:-40}
  [ -f "$file" ] || return 0
  mkdir -p "$C/$target"
  local tmp; tmp=$(mktemp -d)
  split -C 4096 -a 5 "$file" "$tmp/p"
  local n; n=$(find "$tmp" -type f | wc -l)
  local step=$(( n / max )); [ "$step" -ge 1 ] || step=1
  local i=0
  for p in $(find "$tmp" -type f | sort); do
    if [ $(( i % step )) -eq 0 ]; then cp "$p" "$C/$target/$(basename "$file")-$i"; fi
    i=$((i + 1))
  done
  rm -rf "$tmp"
}

# read_any: every reader on the bundled articles and reader fixtures; the first byte picks the reader.
mkdir -p "$C/read_any"
for f in $ROOT/testdata/readers/* $ROOT/examples/news/*.json $ROOT/testdata/regressions/*; do
  for sel in 0 1 2 3 4 5; do { printf "\\x0$sel"; head -c 16384 "$f"; } > "$C/read_any/$(basename "$f")-$sel"; done
done

# segment, temporal: article texts and the gold sentences.
for f in $ROOT/examples/news/*.json; do
  for t in segment temporal; do mkdir -p "$C/$t"; python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["text"][:8000])' "$f" > "$C/$t/$(basename "$f")"; done
done
pieces $ROOT/testdata/split.toml segment
pieces $ROOT/crates/dyad-time/testdata/temporal.toml temporal

# dictionaries: the committed lists, then PETRARCH's files.
pieces $ROOT/crates/dyad-lexicon/lexicon/discards.txt dict_discards
pieces $ROOT/crates/dyad-lexicon/lexicon/verbs.txt dict_verbs 60
for f in $SHARED/petrarch/*actors.txt; do pieces "$f" dict_actors 30; done
for f in $SHARED/petrarch/*agents.txt; do pieces "$f" dict_agents 30; done
for f in $SHARED/petrarch/*discards.txt; do pieces "$f" dict_discards 20; done
pieces $SHARED/petrarch/Phoenix.IssueCoding.txt dict_issues 40
pieces $SHARED/petrarch/CAMEO.2.0.txt dict_verbs 60
pieces $SHARED/petrarch/CAMEO.verbpatterns.150430.txt dict_verbs 60
pieces $SHARED/petrarch/PETR.Validate.verbs.txt dict_verbs 20

# The compiled lexicon: pieces of its body (the target writes the header and checksum).
tail -n +3 $ROOT/crates/dyad-lexicon/lexicon/default.lex > /tmp/dyad-fuzz-lex-body.txt
pieces /tmp/dyad-fuzz-lex-body.txt lexicon_compiled 60
rm -f /tmp/dyad-fuzz-lex-body.txt

# CoNLL-U, IOB2: UD English EWT and Universal NER (../shared/data).
pieces $SHARED/ud/en_ewt-ud-dev.conllu conllu 60
pieces $SHARED/uner/en_ewt-ud-dev.iob2 iob2 60

# PETRARCH validation records.
pieces $ROOT/crates/dyad-coder/testdata/petrarch-validation.xml petrarch_xml
for f in $SHARED/petrarch/validation/*.xml; do pieces "$f" petrarch_xml 30; done

# The gazetteer loader: the header of the shipped file, and the start of its payload.
mkdir -p "$C/gazetteer"
python3 - $ROOT/crates/dyad-geo/data/gazetteer.bin "$C/gazetteer" <<'PY'
import sys, zlib
data = open(sys.argv[1], "rb").read()
open(sys.argv[2] + "/header", "wb").write(data[:4096])
payload = zlib.decompressobj(-15).decompress(data[24:], 65536)
open(sys.argv[2] + "/payload-start", "wb").write(payload[:16384])
PY

# The toponym gold file.
pieces $ROOT/crates/dyad-geo/testdata/places.toml geo_gold

# HTTP query strings: the first byte picks the endpoint (0 dyad, 1 events, 2 actors, 3 event id, 4 stats).
mkdir -p "$C/http_params"
i=0
while IFS= read -r q; do printf '%s' "$q" > "$C/http_params/q$i"; i=$((i + 1)); done <<'Q'
a=MAR&b=MRT&by=month
a=MAR&b=MRT&by=day&from=2022-01-01&to=2022-12-31&format=csv&count=clusters
a=USA&b=MAR&format=svg&exact=true&historical=false
actor=MAR&root=04&from=2022-01-01&limit=20&cursor=12
a=MAR&b=DZA&directed=true&counted=true&exact=false
q=moroc&limit=10
q=MAR
0123456789abcdef
Q
# The selector byte in front of each line above.
for f in "$C"/http_params/q*; do
  n=${f##*q}; sel=$(( n < 3 ? 0 : n < 5 ? 1 : n < 7 ? 2 : 3 ))
  { printf "\\x0$sel"; cat "$f"; } > "$f.tmp" && mv "$f.tmp" "$f"
done

# Every crash input kept as a regression test seeds its target too.
for f in $ROOT/testdata/fuzz/*/*; do
  [ -f "$f" ] || continue
  t=$(basename "$(dirname "$f")"); mkdir -p "$C/$t"; cp "$f" "$C/$t/"
done
# The model loader: the payload of a tiny model (the target seals it), and a damaged header.
mkdir -p "$C/nlp_model"
( cd $ROOT && cargo run -q --release -p dyad-nlp --example tiny_model -- /tmp/dyad-fuzz-tiny.dyadnlp )
python3 - /tmp/dyad-fuzz-tiny.dyadnlp "$C/nlp_model" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
open(sys.argv[2] + "/tiny-payload", "wb").write(data[20:-4])
open(sys.argv[2] + "/tiny-file", "wb").write(data)
PY
rm -f /tmp/dyad-fuzz-tiny.dyadnlp

for d in "$C"/*; do echo "$(basename "$d"): $(ls "$d" | wc -l) seeds"; done
