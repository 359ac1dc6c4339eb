#!/usr/bin/python3
"""Reduces the chosen WordPiece vocabulary to what the default model can use, so its embedding
matrix (and the pack) stays small.

    /usr/bin/python3 training/text/prune_vocab.py <full vocab.txt> <ids-full.jsonl> <out vocab.txt>

Kept, in the original order: the special tokens, every token used >= MIN_COUNT times by the
training split (tokenized with the full vocabulary), and every single-character token (plain and
"##") except Hanja, so an unseen word still splits into characters instead of becoming [UNK].
The shipped tokenizer.json is built from the output, and training re-tokenizes with it, so the
model's ids and the app's ids are the same by construction.
"""
import collections
import json
import os
import sys

MIN_COUNT = 2
SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']


def is_kept_char(token):
    base = token[2:] if token.startswith('##') else token
    if len(base) != 1:
        return False
    cp = ord(base)
    return not (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF)


def main(vocab_path, ids_path, out_path):
    vocab = [l.rstrip('\n') for l in open(vocab_path, encoding='utf-8')]
    data = os.path.join(os.path.dirname(ids_path), 'data.jsonl')
    splits = [json.loads(l)['split'] for l in open(data, encoding='utf-8')]
    counts = collections.Counter()
    for split, line in zip(splits, open(ids_path, encoding='utf-8')):
        if split == 'train':
            counts.update(json.loads(line))
    keep = [t for i, t in enumerate(vocab)
            if t in SPECIALS or counts[i] >= MIN_COUNT or is_kept_char(t)]
    assert keep[:5] == SPECIALS, 'special tokens must keep ids 0..4'
    with open(out_path, 'w', encoding='utf-8') as f:
        f.write('\n'.join(keep) + '\n')
    print(f'{len(vocab)} -> {len(keep)} tokens (min count {MIN_COUNT} + single characters)', file=sys.stderr)


if __name__ == '__main__':
    main(*sys.argv[1:4])
