"""Shared helpers for the text-model training scripts: data loading, batching, metrics."""
import json
import math
import os
import random

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CACHE = os.path.join(REPO, 'training', '.cache', 'text')
LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE', 'NEUTRAL']


def load_corpus(ids_file='ids.jsonl'):
    """Rows of data.jsonl joined with the token ids Node exported for them (same line order)."""
    rows = [json.loads(l) for l in open(os.path.join(CACHE, 'data.jsonl'), encoding='utf-8')]
    ids = [json.loads(l) for l in open(os.path.join(CACHE, ids_file), encoding='utf-8')]
    assert len(rows) == len(ids), 'ids file does not match data.jsonl; re-run export-token-ids.ts'
    for r, i in zip(rows, ids):
        r['ids'] = i
    return {s: [r for r in rows if r['split'] == s] for s in ('train', 'dev', 'test')}


def balanced_class_weights(labels, n_classes=len(LABELS)):
    """sklearn's class_weight='balanced' (n / (k * count)), as the seed's weighted cross-entropy."""
    counts = [0] * n_classes
    for y in labels:
        counts[y] += 1
    n = len(labels)
    return torch.tensor([n / (n_classes * c) if c else 0.0 for c in counts], dtype=torch.float32)


def length_batches(rows, batch_size, shuffle, seed=0, key=lambda r: len(r['ids'])):
    """Batches of similar length (little padding); batch order shuffled for training."""
    rng = random.Random(seed)
    idx = list(range(len(rows)))
    if shuffle:
        rng.shuffle(idx)
        chunk = batch_size * 50
        idx = [i for c in range(0, len(idx), chunk) for i in sorted(idx[c:c + chunk], key=lambda j: key(rows[j]))]
    else:
        idx.sort(key=lambda j: key(rows[j]))
    batches = [idx[i:i + batch_size] for i in range(0, len(idx), batch_size)]
    if shuffle:
        rng.shuffle(batches)
    return batches


def pad_ids(seqs, pad_id=0):
    t = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), t), pad_id, dtype=torch.long)
    mask = torch.zeros((len(seqs), t), dtype=torch.long)
    for b, s in enumerate(seqs):
        ids[b, :len(s)] = torch.tensor(s, dtype=torch.long)
        mask[b, :len(s)] = 1
    return ids, mask


def metrics(y_true, y_pred, n_classes=len(LABELS)):
    cm = [[0] * n_classes for _ in range(n_classes)]
    for t, p in zip(y_true, y_pred):
        cm[t][p] += 1
    f1 = []
    for c in range(n_classes):
        tp = cm[c][c]
        fp = sum(cm[r][c] for r in range(n_classes)) - tp
        fn = sum(cm[c]) - tp
        support = sum(cm[c])
        f1.append(None if support == 0 else (2 * tp / (2 * tp + fp + fn) if tp else 0.0))
    present = [f for f in f1 if f is not None]
    return {
        'n': len(y_true),
        'accuracy': sum(cm[c][c] for c in range(n_classes)) / max(1, len(y_true)),
        'macro_f1': sum(present) / len(present),
        'per_class_f1': dict(zip(LABELS, f1)),
        'confusion': cm,
    }


def cosine_lr(step, total, warmup, peak):
    if step < warmup:
        return peak * (step + 1) / warmup
    p = (step - warmup) / max(1, total - warmup)
    return peak * 0.5 * (1 + math.cos(math.pi * min(1.0, p)))
