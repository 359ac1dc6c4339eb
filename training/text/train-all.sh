#!/bin/sh
# Rebuilds the default text model pack from ../shared, end to end (never run in CI; ~25 min of training on a shared 2-core CPU).
#   sh training/text/train-all.sh
# Every intermediate file goes to training/.cache/ (git-ignored); the pack is resources/models/text-default.
set -e
cd "$(dirname "$0")/../.."
SHARED="${HARU_SHARED_DIR:-../shared}"
C=training/.cache
PACK=resources/models/text-default

/usr/bin/python3 training/text/prepare_data.py
# Vocabulary choice (figures in the model card):
npx tsx training/text/build-tokenizer.ts --vocab "$SHARED/tokenizers/koelectra-v3/vocab.txt" --out $C/tokenizers/koelectra-v3 --extra-special "[NAME],[RELIGION]"
npx tsx training/text/build-tokenizer.ts --vocab "$SHARED/tokenizers/kcelectra-base/vocab.txt" --out $C/tokenizers/kcelectra-base
npx tsx training/text/measure-vocab.ts $C/tokenizers/koelectra-v3 $C/tokenizers/kcelectra-base
# Prune KcELECTRA to what training uses, build the shipped tokenizer, tokenize with it:
npx tsx training/text/export-token-ids.ts --tokenizer $C/tokenizers/kcelectra-base --in $C/text/data.jsonl --out $C/text/ids-full-kc.jsonl
/usr/bin/python3 training/text/prune_vocab.py "$SHARED/tokenizers/kcelectra-base/vocab.txt" $C/text/ids-full-kc.jsonl $C/text/vocab-pruned.txt
npx tsx training/text/build-tokenizer.ts --vocab $C/text/vocab-pruned.txt --out $PACK/tokenizer --licence training/text/KcELECTRA-LICENSE.txt
npx tsx training/text/export-token-ids.ts --tokenizer $PACK/tokenizer --in $C/text/data.jsonl --out $C/text/ids.jsonl
# Train (one thread each: on a shared 2-core CPU that is faster than two), export, assemble, evaluate:
training/text/with-openblas.sh /usr/bin/python3 training/text/train_ngram.py
# Three sizes for the trade-off table (≈ 2 + 11 + 10 min); `small` is the shipped one (MODEL_CARD.md says why).
training/text/with-openblas.sh /usr/bin/python3 training/text/train_transformer.py --name tiny --d 64 --layers 1 --epochs 5 --max-minutes 10
training/text/with-openblas.sh /usr/bin/python3 training/text/train_transformer.py --name small --d 128 --layers 2 --epochs 5 --max-minutes 16
training/text/with-openblas.sh /usr/bin/python3 training/text/train_transformer.py --name deep --d 128 --layers 3 --epochs 5 --max-minutes 16
npx tsx training/text/write-pack.ts --model $C/text/${VARIANT:-small}/model.onnx --variant ${VARIANT:-small}
npx tsx training/text/evaluate-pack.ts --variant ${VARIANT:-small}
