"""Validation for the v2 voice model: inner validation speakers (never an outer fold's test
speakers) under the VALIDATION_CONDITIONS channels (never the evaluation's), scored like the app's
full mode under the four baseline regimes. Also fits the temperature and the uncertainty
threshold on these predictions.
"""
import numpy as np
import torch

from emodb_data import LABELS
from v2_data import cut, mean_std, normalise, robust, voiced_windows

FIT_REGIMES = ('automatic', 'personal', 'memo')


def halves_by_emotion(clips):
    out, k = ([], []), 0
    for emotion in LABELS:
        for c in sorted((c for c in clips if c['emotion'] == emotion), key=lambda c: c['file']):
            out[k % 2].append(c)
            k += 1
    return out


def regime_items(regime, clips, defaults):
    """(clip, baseline) pairs scored for one speaker under one channel."""
    if regime == 'gender':
        d = defaults['MALE' if clips[0]['gender'] == 'male' else 'FEMALE']
        return [(c, d) for c in clips]
    if regime == 'memo':
        return [(c, robust([c['vframes']])) for c in clips if len(c['vframes']) >= 2]
    if regime == 'automatic':
        a, b = halves_by_emotion(clips)
        return [(c, robust([p['vframes'] for p in pool])) for pool, scored in ((a, b), (b, a)) for c in scored]
    neutral = sorted((c for c in clips if c['emotion'] == 'NEUTRAL'), key=lambda c: c['file'])
    items = []
    for h in (0, 1):
        cal = [c for i, c in enumerate(neutral) if i % 2 == h]
        base = mean_std([c['vframes'] for c in cal])
        items += [(c, base) for c in clips if c not in cal]
    return items


def window_logits(model, items):
    """Per item: (window logits (n, 6), voiced-frame weights (n,)); items with no voiced window dropped."""
    xs, owners, weights = [], [], []
    for i, (clip, base) in enumerate(items):
        for start, v in voiced_windows(clip):
            xs.append(normalise(cut(clip['mat'], start), base))
            owners.append(i)
            weights.append(v)
    out = [None] * len(items)
    if not xs:
        return out
    with torch.no_grad():
        logits = torch.cat([model(torch.from_numpy(np.stack(xs[i:i + 512]))) for i in range(0, len(xs), 512)]).numpy()
    owners, weights = np.array(owners), np.array(weights, dtype=np.float64)
    for i in np.unique(owners):
        rows = owners == i
        out[i] = (logits[rows], weights[rows])
    return out


def probs(entry, temperature=1.0):
    logits, w = entry
    z = logits / temperature
    z = z - z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    return (p * w[:, None]).sum(0) / w.sum()


def validate(model, clips, speakers, defaults):
    """{regime: {condition: [(label, entry)]}} for the given validation speakers."""
    model.eval()
    out = {}
    conditions = sorted({c['channel'] for c in clips})
    for regime in ('personal', 'automatic', 'memo', 'gender'):
        for cond in conditions:
            for s in speakers:
                own = [c for c in clips if c['speaker'] == s and c['channel'] == cond]
                items = regime_items(regime, own, defaults)
                for (clip, _), entry in zip(items, window_logits(model, items)):
                    out.setdefault(regime, {}).setdefault(cond, []).append((clip['label'], entry))
    return out


def ua(pairs, temperature=1.0):
    hits, totals = np.zeros(len(LABELS)), np.zeros(len(LABELS))
    for label, entry in pairs:
        totals[label] += 1
        if entry is not None and int(np.argmax(probs(entry, temperature))) == label:
            hits[label] += 1
    present = totals > 0
    return float((hits[present] / totals[present]).mean()), (hits / np.maximum(totals, 1)).tolist()


def summary(val):
    """UA per regime averaged over the shifted validation conditions, and the selection score."""
    res = {}
    for regime, by_cond in val.items():
        shifted = [c for c in by_cond if c != 'clean']
        res[regime] = float(np.mean([ua(by_cond[c])[0] for c in shifted]))
        res[regime + '_min_recall'] = float(min(ua([p for c in shifted for p in by_cond[c]])[1]))
    # What the app uses: the automatic baseline before calibration, the personal one after.
    res['score'] = (res['automatic'] + res['personal']) / 2
    return res


def pooled_pairs(vals, regimes=FIT_REGIMES):
    return [p for val in vals for r in regimes for c, pairs in val[r].items() if c != 'clean' for p in pairs if p[1] is not None]


def fit_temperature(pairs):
    """The T minimising the negative log-likelihood of the full-mode probabilities."""
    grid = np.arange(0.5, 6.0001, 0.05)
    nll = [-np.mean([np.log(max(probs(e, t)[label], 1e-12)) for label, e in pairs]) for t in grid]
    return float(grid[int(np.argmin(nll))]), {'grid_min_nll': float(min(nll)), 'nll_at_1': float(nll[int(np.argmin(np.abs(grid - 1)))])}


def fit_threshold(pairs, temperature, min_accuracy=0.5, bin_width=0.05):
    """Lowest confidence from which every 0.05-wide confidence bin above is right at least half the time
    (calibrated confidence at which the voice's top label is more likely right than wrong)."""
    conf = np.array([probs(e, temperature).max() for _, e in pairs])
    right = np.array([int(np.argmax(probs(e, temperature))) == label for label, e in pairs])
    edges = np.arange(1.0 / len(LABELS), 1.0, bin_width)
    threshold = float(edges[-1])
    for lo in edges[::-1]:
        sel = (conf >= lo) & (conf < lo + bin_width)
        if sel.sum() >= 10 and right[sel].mean() < min_accuracy:
            break
        threshold = float(lo)
    share = float((conf < threshold).mean())
    return round(threshold, 2), {'uncertain_share': share, 'acc_confident': float(right[conf >= threshold].mean()),
                                 'acc_uncertain': float(right[conf < threshold].mean()) if share > 0 else None}
