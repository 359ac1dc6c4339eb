#!/usr/bin/python3
"""Reduces the chosen WordPiece vocabulary to what the default model can use, so its embedding
matrix (and the pack) stays small.

    /usr/bin/python3 training/text/prune_vocab.py <full vocab.txt> <out vocab.txt> [--min-count N] \
        <data.jsonl>:<ids-full.jsonl> [<nsmc.jsonl>:<nsmc-ids-full.jsonl> ...]

Each pair is a corpus (rows with a "split") and the ids the full vocabulary gave its rows (same line
order). Kept, in the original order: the special tokens, every token used >= --min-count times by the
train rows of all the corpora together, and every single-character token (plain and "##") except
Hanja, so an unseen word still splits into characters instead of becoming [UNK]. The shipped
tokenizer.json is built from the output, and training re-tokenizes with it, so the model's ids and
the app's ids are the same by construction.
"""
import argparse
import collections
import json
import sys

SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']


def is_kept_char(token):
    base = token[2:] if token.startswith('##') else token
    if len(base) != 1:
        return False
    cp = ord(base)
    return not (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('vocab')
    ap.add_argument('out')
    ap.add_argument('pairs', nargs='+', help='data.jsonl:ids.jsonl')
    ap.add_argument('--min-count', type=int, default=2)
    args = ap.parse_args()
    vocab = [l.rstrip('\n') for l in open(args.vocab, encoding='utf-8')]
    counts = collections.Counter()
    for pair in args.pairs:
        data, ids = pair.split(':')
        for row, line in zip(open(data, encoding='utf-8'), open(ids, encoding='utf-8')):
            if json.loads(row)['split'] == 'train':
                counts.update(json.loads(line))
    keep = [t for i, t in enumerate(vocab)
            if t in SPECIALS or counts[i] >= args.min_count or is_kept_char(t)]
    assert keep[:5] == SPECIALS, 'special tokens must keep ids 0..4'
    with open(args.out, 'w', encoding='utf-8') as f:
        f.write('\n'.join(keep) + '\n')
    print(f'{len(vocab)} -> {len(keep)} tokens (min count {args.min_count} + single characters)', file=sys.stderr)


if __name__ == '__main__':
    main()
