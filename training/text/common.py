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


# --- this round: several sources, NSMC polarity, one selection score (see MODEL_CARD.md) ---

EMOTION_SOURCES = ('goemotions', 'kote', 'diary')
NEG_CLASSES = [0, 1, 2, 4]  # ANGRY, SAD, DISGUST, FEAR: the negative side of polarity (evaluate.py)
HAPPY_CLASS = 3


def load_nsmc(ids_file='nsmc-ids.jsonl'):
    """NSMC polarity slices (prepare_data.py), with token ids when the ids file exists."""
    rows = [json.loads(l) for l in open(os.path.join(CACHE, 'nsmc.jsonl'), encoding='utf-8')]
    path = os.path.join(CACHE, ids_file) if ids_file else None
    if path and os.path.exists(path):
        for r, l in zip(rows, open(path, encoding='utf-8')):
            r['ids'] = json.loads(l)
    return {s: [r for r in rows if r['split'] == s] for s in ('train', 'dev', 'test')}


def sample_weights(rows, diary_weight):
    """Per-row loss weights: diary rows count `diary_weight` times, then sklearn-"balanced" class
    weights over that weighted mix, so rare classes of the translated data still matter."""
    src = torch.tensor([diary_weight if r['source'] == 'diary' else 1.0 for r in rows])
    y = torch.tensor([r['label'] for r in rows])
    mass = torch.zeros(len(LABELS)).index_add_(0, y, src)
    cls = mass.sum() / (len(LABELS) * mass.clamp(min=1e-9))
    w = src * cls[y]
    return (w / w.mean()).tolist()


def polarity_loss(logits, polarity):
    """Tied auxiliary loss: the emotion logits read as polarity exactly as evaluate.py reads them,
    q = P(HAPPY) / (P(HAPPY) + P(ANGRY+SAD+DISGUST+FEAR)); NEUTRAL/SURPRISE mass is left free."""
    pos = logits[:, HAPPY_CLASS]
    neg = torch.logsumexp(logits[:, NEG_CLASSES], dim=1)
    both = torch.logsumexp(torch.stack([pos, neg], 1), dim=1)
    log_q = torch.where(polarity.bool(), pos - both, neg - both)
    return -log_q.mean()


def selection_score(figs):
    """The single dev number candidates and epochs are chosen by: half diary dev macro-F1, a
    quarter real-text (GoEmotions-ko + KOTE) dev macro-F1, a quarter NSMC dev polarity accuracy."""
    return 0.5 * figs['diary/dev']['macro_f1'] + 0.25 * figs['real/dev']['macro_f1'] + 0.25 * figs['nsmc/dev']['accuracy']


def write_scores(name, sets, extra=None):
    """Probabilities on the evaluation sets in score-pack.ts's format (training/.cache/text/scores/)."""
    out = {k: {'y': [int(v) for v in y], 'probs': [[round(float(x), 6) for x in row] for row in p]} for k, (y, p) in sets.items()}
    os.makedirs(os.path.join(CACHE, 'scores'), exist_ok=True)
    with open(os.path.join(CACHE, 'scores', f'{name}.json'), 'w', encoding='utf-8') as f:
        json.dump({'name': name, **(extra or {}), 'sets': out}, f)
