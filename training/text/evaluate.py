#!/usr/bin/python3
"""The figures every text-model candidate is judged by, from its probabilities on the evaluation sets.

    /usr/bin/python3 training/text/evaluate.py training/.cache/text/scores/<name>.json ...

Sets (keys "<source>/<split>"): diary (the project's corpus), goemotions and kote (mapped as in
prepare_data.py), and nsmc (polarity). Definitions:
- macro-F1: mean F1 over the classes present in the set (KOTE has almost no DISGUST/FEAR/NEUTRAL);
- real text: GoEmotions-ko and KOTE rows together (the previous model card's test figure);
- NSMC polarity: positive when P(HAPPY) > P(ANGRY) + P(SAD) + P(DISGUST) + P(FEAR). NEUTRAL and
  SURPRISE carry no polarity and are left out of the comparison (not split between the sides): a
  review is read by which polar side holds more mass. The slices are balanced, so chance is 50 %;
- ECE: expected calibration error of the top label, 15 equal-width confidence bins.
"""
import json
import sys

import numpy as np

LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE', 'NEUTRAL']
NEG = [0, 1, 2, 4]
HAPPY = 3


def class_metrics(y, pred, k=7):
    cm = np.zeros((k, k), dtype=int)
    np.add.at(cm, (y, pred), 1)
    f1 = []
    for c in range(k):
        tp, support, predicted = cm[c, c], cm[c].sum(), cm[:, c].sum()
        f1.append(None if support == 0 else (2 * tp / (support + predicted) if tp else 0.0))
    present = [f for f in f1 if f is not None]
    return {'n': int(len(y)), 'accuracy': float((y == pred).mean()), 'macro_f1': float(np.mean(present)),
            'per_class_f1': f1, 'confusion': cm.tolist()}


def ece(probs, y, bins=15):
    conf = probs.max(1)
    correct = probs.argmax(1) == y
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            total += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(total)


def polarity(probs, y):
    pos = probs[:, HAPPY] > probs[:, NEG].sum(1)
    y = y.astype(bool)
    return {'n': int(len(y)), 'accuracy': float((pos == y).mean()),
            'pos_recall': float(pos[y].mean()), 'neg_recall': float((~pos[~y]).mean())}


def evaluate_sets(sets):
    """sets: {"source/split": (y array, probs array [n, 7])} -> figures per set (+ real-text sets)."""
    out = {}
    for key, (y, p) in sets.items():
        y, p = np.asarray(y), np.asarray(p, dtype=np.float64)
        if key.startswith('nsmc/'):
            out[key] = polarity(p, y)
        else:
            out[key] = class_metrics(y, p.argmax(1))
            out[key]['ece'] = ece(p, y)
    for split in ('dev', 'test'):
        parts = [sets[k] for k in (f'goemotions/{split}', f'kote/{split}') if k in sets]
        if len(parts) == 2:
            y = np.concatenate([np.asarray(a) for a, _ in parts])
            p = np.concatenate([np.asarray(b) for _, b in parts])
            out[f'real/{split}'] = class_metrics(y, p.argmax(1))
    return out


def load_scores(path):
    d = json.load(open(path, encoding='utf-8'))
    return d['name'], {k: (np.asarray(v['y']), np.asarray(v['probs'])) for k, v in d['sets'].items()}


def summary_line(name, figs, split):
    g = lambda k, m='macro_f1': 100 * figs[f'{k}/{split}'][m] if f'{k}/{split}' in figs else float('nan')  # noqa: E731
    return (f'{name:28s} {split:4s} diary F1 {g("diary"):5.1f} acc {g("diary", "accuracy"):5.1f} | '
            f'GoEmo F1 {g("goemotions"):5.1f} | KOTE F1 {g("kote"):5.1f} | real F1 {g("real"):5.1f} | '
            f'NSMC acc {g("nsmc", "accuracy"):5.1f} (pos rec {g("nsmc", "pos_recall"):5.1f}) | diary ECE {g("diary", "ece"):4.1f}')


if __name__ == '__main__':
    # Dev only unless --test: while models are being chosen nobody reads test figures
    # (compare.py prints the test columns once, for the card).
    show_test = '--test' in sys.argv
    for path in [a for a in sys.argv[1:] if a != '--test']:
        name, sets = load_scores(path)
        figs = evaluate_sets({k: v for k, v in sets.items() if show_test or k.endswith('/dev')})
        for split in ('dev', 'test') if show_test else ('dev',):
            print(summary_line(name, figs, split))
            print(f'  diary {split} per-class F1: ' + ' '.join(f'{l} {100 * f:.1f}' for l, f in zip(LABELS, figs[f'diary/{split}']['per_class_f1'])))
