#!/bin/sh
# Rebuilds the default text model pack from ../shared and the diary corpus, end to end, and prints the
# model card's tables (never run in CI). Every intermediate file goes to training/.cache/ (git-ignored);
# the pack is resources/models/text-default. Times are in MODEL_CARD.md ("Reproducing").
#   sh training/text/train-all.sh
#   SKIP_DONE=1 sh training/text/train-all.sh   # keep candidates already trained in training/.cache/text/<name>/
# Two jobs at a time: the n-gram candidates (fast) beside the transformers (slow), one thread each.
set -e
cd "$(dirname "$0")/../.."
SHARED="${HARU_SHARED_DIR:-../shared}"
C=training/.cache
T=$C/text
PY="training/text/with-openblas.sh /usr/bin/python3"
mkdir -p $C/logs
start=$(date +%s)
step() { echo "[$(( $(date +%s) - start ))s] $*"; }
# run NAME SCRIPT ARGS...: one candidate, skipped with SKIP_DONE=1 when its metrics.json exists.
run() {
  name=$1; script=$2; shift 2
  if [ "${SKIP_DONE:-0}" = 1 ] && [ -f $T/$name/metrics.json ]; then echo "keeping $name"; return; fi
  $PY training/text/$script --name $name "$@"
}

step "data: GoEmotions-ko, KOTE, diary-ko, NSMC slices"
/usr/bin/python3 training/text/prepare_data.py

step "baseline row: the previous default pack (haru-text-default 1.0.0) from git history"
rm -rf $C/baseline-pack && mkdir -p $C/baseline-pack
git archive 766adcd resources/models/text-default | tar -x -C $C/baseline-pack
npx tsx training/text/score-pack.ts --pack $C/baseline-pack/resources/models/text-default --name baseline

step "vocabulary: KcELECTRA pruned to the train text (the previous card chose KcELECTRA over KoELECTRA)"
npx tsx training/text/build-tokenizer.ts --vocab "$SHARED/tokenizers/kcelectra-base/vocab.txt" --out $C/tokenizers/kcelectra-base
npx tsx training/text/export-token-ids.ts --tokenizer $C/tokenizers/kcelectra-base --in $T/data.jsonl --out $T/ids-full-kc.jsonl
npx tsx training/text/export-token-ids.ts --tokenizer $C/tokenizers/kcelectra-base --in $T/nsmc.jsonl --out $T/nsmc-ids-full-kc.jsonl
/usr/bin/python3 training/text/prune_vocab.py "$SHARED/tokenizers/kcelectra-base/vocab.txt" $T/vocab-pruned.txt --min-count 3 \
  $T/data.jsonl:$T/ids-full-kc.jsonl $T/nsmc.jsonl:$T/nsmc-ids-full-kc.jsonl
npx tsx training/text/build-tokenizer.ts --vocab $T/vocab-pruned.txt --out $T/tokenizer --licence training/text/KcELECTRA-LICENSE.txt
npx tsx training/text/export-token-ids.ts --tokenizer $T/tokenizer --in $T/data.jsonl --out $T/ids.jsonl
npx tsx training/text/export-token-ids.ts --tokenizer $T/tokenizer --in $T/nsmc.jsonl --out $T/nsmc-ids.jsonl

step "candidates (logs in $C/logs)"
(
  run ngram-diary train_ngram.py --sources diary --diary-weight 1 --epochs 10
  run ngram train_ngram.py --diary-weight 3 --epochs 10
  run ngram-nsmc train_ngram.py --diary-weight 3 --nsmc-weight 0.5 --epochs 10
  run ngram-h16-nsmc train_ngram.py --hidden 16 --diary-weight 3 --nsmc-weight 0.5 --epochs 3
  run ngram-h32-nsmc train_ngram.py --hidden 32 --diary-weight 3 --nsmc-weight 0.5 --epochs 3
) > $C/logs/ngram-and-mlm.log 2>&1 &
side=$!
run tf train_transformer.py --epochs 5 --diary-weight 3 --max-minutes 120 > $C/logs/tf.log 2>&1
run tf-nsmc train_transformer.py --epochs 5 --diary-weight 3 --nsmc-weight 0.5 --max-minutes 120 > $C/logs/tf-nsmc.log 2>&1
wait $side
# Not run for this card (no time left on 2 shared cores): MLM pre-training on NSMC + train text, then the
# transformer from that encoder. Kept here so it can be tried; add tf-mlm-nsmc to --transformers below.
#   run mlm pretrain_mlm.py --epochs 1 --max-minutes 120
#   run tf-mlm-nsmc train_transformer.py --init $T/mlm/encoder.pt --epochs 5 --diary-weight 3 --nsmc-weight 0.5 --max-minutes 120

step "choose on dev, calibrate, print the card's tables (test figures once per candidate)"
/usr/bin/python3 training/text/compare.py --baseline baseline --transformers tf,tf-nsmc \
  --ngrams ngram,ngram-nsmc,ngram-h16-nsmc,ngram-h32-nsmc --extra ngram-diary | tee $C/logs/compare.txt

step "assemble the pack and check it in Node as the app runs it"
npx tsx training/text/write-pack.ts
npx tsx training/text/score-pack.ts --pack resources/models/text-default --name shipped
/usr/bin/python3 training/text/check_shipped.py | tee $C/logs/check-shipped.txt
step "done"
