#!/usr/bin/python3
"""The n-gram text model: hashed character 1..4-grams and word 1..2-grams (ngram_features.py),
averaged, then either a linear layer straight to the 7 logits (--hidden 0: multinomial logistic
regression) or a small hidden vector first (--hidden H: fastText-style; that vector is the
sentence representation the pack offers). It runs in TypeScript with no ONNX
(src/analysis/text/ngram/), in microseconds.

    /usr/bin/python3 training/text/train_ngram.py --name ngram --hidden 32 --diary-weight 4 --nsmc-weight 0.3

Writes training/.cache/text/<name>/{ngram.bin, ngram.json, features.json, metrics.json} and the
evaluation probabilities of the exported (int8) model to training/.cache/text/scores/<name>.json.
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (CACHE, EMOTION_SOURCES, LABELS, cosine_lr, load_corpus, load_nsmc, polarity_loss,  # noqa: E402
                    sample_weights, selection_score, write_scores)
from evaluate import evaluate_sets  # noqa: E402
from ngram_features import features  # noqa: E402


def featurize(rows, cfg, tag):
    """Bucket ids of every row, cached on disk by configuration and text."""
    key = hashlib.sha256((json.dumps(cfg, sort_keys=True) + '\0'.join(r['text'] for r in rows)).encode()).hexdigest()[:16]
    path = os.path.join(CACHE, 'ngram-features', f'{tag}-{key}.npz')
    if os.path.exists(path):
        z = np.load(path)
        return z['flat'], z['offsets']
    feats = [features(r['text'], cfg['buckets'], cfg['char_max_n'], cfg['word_ngrams']) for r in rows]
    offsets = np.cumsum([0] + [len(f) for f in feats])
    flat = np.fromiter((b for f in feats for b in f), dtype=np.int64, count=int(offsets[-1]))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.savez(path, flat=flat, offsets=offsets)
    return flat, offsets


class Bags:
    """Rows' features as (flat, offsets) for nn.EmbeddingBag, sliceable by row indices."""

    def __init__(self, flat, offsets):
        self.flat, self.offsets = flat, offsets

    def batch(self, idx):
        parts = [self.flat[self.offsets[i]:self.offsets[i + 1]] for i in idx]
        lens = [len(p) for p in parts]
        return torch.from_numpy(np.concatenate(parts)), torch.tensor([0] + lens[:-1]).cumsum(0)


class NgramModel(nn.Module):
    def __init__(self, buckets, hidden, n_labels=len(LABELS)):
        super().__init__()
        self.hidden = hidden
        self.emb = nn.EmbeddingBag(buckets, hidden or n_labels, mode='mean', sparse=True)
        nn.init.normal_(self.emb.weight, std=0.05 if hidden else 0.0)
        self.out = nn.Linear(hidden, n_labels) if hidden else None
        self.bias = nn.Parameter(torch.zeros(n_labels)) if not hidden else None
        self.drop = nn.Dropout(0.1)

    def pooled(self, flat, offsets):
        return self.emb(flat, offsets)

    def forward(self, flat, offsets):
        h = self.pooled(flat, offsets)
        return self.out(self.drop(h)) if self.hidden else h + self.bias


def quantize_rows(w):
    """Per-row symmetric int8, as the TypeScript loader dequantizes it."""
    scale = np.maximum(np.abs(w).max(1), 1e-8) / 127.0
    q = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def predict(model, bags, n, batch=512):
    model.eval()
    out = []
    with torch.no_grad():
        for s in range(0, n, batch):
            out.append(model(*bags.batch(range(s, min(n, s + batch)))))
    return torch.cat(out) if out else torch.zeros((0, len(LABELS)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', default='ngram')
    ap.add_argument('--buckets', type=int, default=1 << 18)
    ap.add_argument('--hidden', type=int, default=0)
    ap.add_argument('--char-max-n', type=int, default=4)
    ap.add_argument('--word-ngrams', type=int, default=2)
    ap.add_argument('--sources', default=','.join(EMOTION_SOURCES))
    ap.add_argument('--diary-weight', type=float, default=1.0)
    ap.add_argument('--nsmc-weight', type=float, default=0.0, help='weight of the tied NSMC polarity loss (0: off)')
    ap.add_argument('--epochs', type=int, default=8)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=0.02)
    ap.add_argument('--seed', type=int, default=13)
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    cfg = {'buckets': args.buckets, 'char_max_n': args.char_max_n, 'word_ngrams': args.word_ngrams}

    data = load_corpus()
    nsmc = load_nsmc(ids_file=None)
    sources = set(args.sources.split(','))
    train = [r for r in data['train'] if r['source'] in sources]
    t0 = time.time()
    bags = {'train': Bags(*featurize(train, cfg, 'train'))}
    eval_rows = {f'{src}/{s}': [r for r in data[s] if r['source'] == src] for s in ('dev', 'test') for src in EMOTION_SOURCES}
    eval_rows.update({f'nsmc/{s}': nsmc[s] for s in ('dev', 'test')})
    for k, rows in eval_rows.items():
        bags[k] = Bags(*featurize(rows, cfg, k.replace('/', '-')))
    if args.nsmc_weight:
        bags['nsmc-train'] = Bags(*featurize(nsmc['train'], cfg, 'nsmc-train'))
    print(f'features in {time.time() - t0:.0f}s', file=sys.stderr)

    y = torch.tensor([r['label'] for r in train])
    w = torch.tensor(sample_weights(train, args.diary_weight))
    pol = torch.tensor([r['polarity'] for r in nsmc['train']])
    model = NgramModel(args.buckets, args.hidden)
    sparse = torch.optim.SparseAdam(list(model.emb.parameters()), lr=args.lr)
    dense = torch.optim.Adam([p for n, p in model.named_parameters() if not n.startswith('emb.')], lr=args.lr)
    steps = math.ceil(len(train) / args.batch)
    total, warmup = steps * args.epochs, 100

    def dev_figs(m, split='dev'):
        keys = [k for k in eval_rows if k.endswith('/' + split)]
        sets = {k: (np.array([r.get('label', r.get('polarity')) for r in eval_rows[k]]),
                    F.softmax(predict(m, bags[k], len(eval_rows[k])), -1).numpy()) for k in keys}
        return evaluate_sets(sets), sets

    best, history, step = (-1.0, None, 0), [], 0
    t_start = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = rng.permutation(len(train))
        nsmc_order = rng.permutation(len(nsmc['train']))
        loss_sum = 0.0
        for s in range(steps):
            idx = order[s * args.batch:(s + 1) * args.batch]
            for opt in (sparse, dense):
                for g in opt.param_groups:
                    g['lr'] = cosine_lr(step, total, warmup, args.lr)
            ce = F.cross_entropy(model(*bags['train'].batch(idx)), y[idx], reduction='none')
            loss = (ce * w[idx]).sum() / w[idx].sum()
            if args.nsmc_weight:
                j = nsmc_order[(s * args.batch) % len(nsmc_order):][:args.batch]
                loss = loss + args.nsmc_weight * polarity_loss(model(*bags['nsmc-train'].batch(j)), pol[j])
            sparse.zero_grad()
            dense.zero_grad()
            loss.backward()
            sparse.step()
            dense.step()
            loss_sum += loss.item()
            step += 1
        figs, _ = dev_figs(model)
        score = selection_score(figs)
        history.append({'epoch': epoch + 1, 'loss': loss_sum / steps, 'score': score, 'diary_dev_f1': figs['diary/dev']['macro_f1'],
                        'real_dev_f1': figs['real/dev']['macro_f1'], 'nsmc_dev_acc': figs['nsmc/dev']['accuracy']})
        print(json.dumps(history[-1]), file=sys.stderr)
        if score > best[0]:
            best = (score, {k: v.clone() for k, v in model.state_dict().items()}, epoch + 1)
    train_seconds = time.time() - t_start
    model.load_state_dict(best[1])

    # Export: int8 rows, then evaluate exactly what ships (dequantized) on dev and test.
    q, scale = quantize_rows(model.emb.weight.detach().numpy())
    with torch.no_grad():
        model.emb.weight.copy_(torch.from_numpy(q.astype(np.float32) * scale[:, None]))
    out_dir = os.path.join(CACHE, args.name)
    os.makedirs(out_dir, exist_ok=True)
    tail = [model.out.weight.detach().numpy().T.astype(np.float32), model.out.bias.detach().numpy()] if args.hidden else [model.bias.detach().numpy()]
    with open(os.path.join(out_dir, 'ngram.bin'), 'wb') as f:
        f.write(q.tobytes())
        f.write(scale.astype('<f4').tobytes())
        for t in tail:
            f.write(np.ascontiguousarray(t, dtype='<f4').tobytes())
    meta = {'buckets': args.buckets, 'hidden': args.hidden, 'charMaxN': args.char_max_n, 'wordNgrams': args.word_ngrams,
            'bytes': os.path.getsize(os.path.join(out_dir, 'ngram.bin'))}
    json.dump(meta, open(os.path.join(out_dir, 'ngram.json'), 'w'), indent=1)
    # Parity material for the TypeScript port: features and logits of 200 dev sentences.
    ref = eval_rows['diary/dev'][:100] + eval_rows['nsmc/dev'][:100]
    ref_bags = Bags(*featurize(ref, cfg, 'ref'))
    ref_logits = predict(model, ref_bags, len(ref))
    json.dump([{'text': r['text'], 'features': features(r['text'], args.buckets, args.char_max_n, args.word_ngrams), 'logits': l.tolist()}
               for r, l in zip(ref, ref_logits)], open(os.path.join(out_dir, 'features.json'), 'w'), ensure_ascii=False)

    dev, dev_sets = dev_figs(model, 'dev')
    test, test_sets = dev_figs(model, 'test')
    write_scores(args.name, {**dev_sets, **test_sets}, {'kind': 'ngram', 'config': vars(args)})
    json.dump({'name': args.name, 'args': vars(args), 'best_epoch': best[2], 'train_seconds': round(train_seconds), 'history': history,
               'selection_score': selection_score(dev), 'bytes': meta['bytes']}, open(os.path.join(out_dir, 'metrics.json'), 'w'), indent=1)
    print(f'{args.name}: best epoch {best[2]}, dev score {selection_score(dev):.4f}, diary dev F1 {dev["diary/dev"]["macro_f1"]:.4f}, '
          f'{meta["bytes"] / 1e6:.1f} MB, {train_seconds:.0f}s', file=sys.stderr)


if __name__ == '__main__':
    main()
