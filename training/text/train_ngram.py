#!/usr/bin/python3
"""Baseline beside the transformer: multinomial logistic regression over hashed character n-grams
(n = 1..4) of the raw sentence — no tokenizer, no word order beyond 4 characters. The card compares
it with the transformer so the bigger model has to earn its place.

    /usr/bin/python3 training/text/train_ngram.py   ->  training/.cache/text/ngram/{model.onnx, metrics.json}

The ONNX model takes `ngram_ids` (int64 [batch, n], 0 = padding) and returns `logits`; the hashing
is reimplemented in training/text/ngram-features.ts and checked against features.json written here.
"""
import json
import os
import sys
import time
import unicodedata

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CACHE, balanced_class_weights, cosine_lr, length_batches, load_corpus, metrics  # noqa: E402

BUCKETS = 1 << 18
MAX_N = 4


def fnv1a(data: bytes) -> int:
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def features(text):
    """Distinct hashed n-gram ids in 1..BUCKETS-1 (0 is padding), sorted."""
    chars = list(' ' + ' '.join(unicodedata.normalize('NFC', text).split()) + ' ')
    out = set()
    for n in range(1, MAX_N + 1):
        for i in range(len(chars) - n + 1):
            out.add(fnv1a(''.join(chars[i:i + n]).encode('utf-8')) % (BUCKETS - 1) + 1)
    return sorted(out)


class NgramLogReg(nn.Module):
    def __init__(self, n_labels=7):
        super().__init__()
        self.w = nn.Embedding(BUCKETS, n_labels, padding_idx=0)
        nn.init.zeros_(self.w.weight)
        self.b = nn.Parameter(torch.zeros(n_labels))

    def forward(self, ngram_ids):
        present = (ngram_ids > 0).to(torch.float32)
        # Mean over the sentence's distinct n-grams, so long and short sentences are on one scale.
        return self.w(ngram_ids).sum(1) / present.sum(1, keepdim=True).clamp(min=1.0) + self.b


def pad(seqs):
    t = max(len(s) for s in seqs)
    x = torch.zeros((len(seqs), t), dtype=torch.long)
    for i, s in enumerate(seqs):
        x[i, :len(s)] = torch.tensor(s, dtype=torch.long)
    return x


def evaluate(model, rows):
    model.eval()
    preds = [0] * len(rows)
    with torch.no_grad():
        for batch in length_batches(rows, 256, shuffle=False, key=lambda r: len(r['ng'])):
            out = model(pad([rows[i]['ng'] for i in batch]))
            for j, i in enumerate(batch):
                preds[i] = int(out[j].argmax())
    return metrics([r['label'] for r in rows], preds), preds


def main():
    torch.set_num_threads(1)
    torch.manual_seed(13)
    data = load_corpus()
    t0 = time.time()
    for rows in data.values():
        for r in rows:
            r['ng'] = features(r['text'])
    print(f'features in {time.time() - t0:.0f}s', file=sys.stderr)
    weights = balanced_class_weights([r['label'] for r in data['train']])
    model = NgramLogReg()
    opt = torch.optim.Adam(model.parameters(), lr=0.02)
    epochs, bs = 8, 64
    total = epochs * ((len(data['train']) + bs - 1) // bs)
    step = 0
    best = (-1.0, None, 0)
    t_start = time.time()
    for epoch in range(epochs):
        model.train()
        for batch in length_batches(data['train'], bs, shuffle=True, seed=epoch, key=lambda r: len(r['ng'])):
            x = pad([data['train'][i]['ng'] for i in batch])
            y = torch.tensor([data['train'][i]['label'] for i in batch])
            for g in opt.param_groups:
                g['lr'] = cosine_lr(step, total, 100, 0.02)
            loss = F.cross_entropy(model(x), y, weight=weights)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        dev, _ = evaluate(model, data['dev'])
        print(json.dumps({'epoch': epoch + 1, 'dev_macro_f1': dev['macro_f1'], 'dev_accuracy': dev['accuracy']}), file=sys.stderr)
        if dev['macro_f1'] > best[0]:
            best = (dev['macro_f1'], {k: v.clone() for k, v in model.state_dict().items()}, epoch + 1)
    train_seconds = time.time() - t_start
    model.load_state_dict(best[1])
    test, preds = evaluate(model, data['test'])
    by_source = {src: evaluate(model, [r for r in data['test'] if r['source'] == src])[0] for src in ('goemotions', 'kote')}

    out_dir = os.path.join(CACHE, 'ngram')
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, 'model.onnx')
    torch.onnx.export(model.eval(), (pad([[1, 2, 3], [4, 5]]),), path, input_names=['ngram_ids'], output_names=['logits'],
                      dynamic_axes={'ngram_ids': {0: 'batch', 1: 'ngrams'}, 'logits': {0: 'batch'}}, opset_version=14)
    json.dump([{'text': r['text'], 'ngrams': r['ng']} for r in data['test'][:200]],
              open(os.path.join(out_dir, 'features.json'), 'w'), ensure_ascii=False)
    json.dump(preds, open(os.path.join(out_dir, 'test-preds.json'), 'w'))
    json.dump({'name': 'ngram', 'buckets': BUCKETS, 'max_n': MAX_N, 'best_epoch': best[2], 'train_seconds': round(train_seconds),
               'test': test, 'test_by_source': by_source, 'onnx_bytes': os.path.getsize(path)},
              open(os.path.join(out_dir, 'metrics.json'), 'w'), indent=1)
    print(f'ngram: test macro-F1 {test["macro_f1"]:.4f}, acc {test["accuracy"]:.4f}, {train_seconds:.0f}s', file=sys.stderr)


if __name__ == '__main__':
    main()
