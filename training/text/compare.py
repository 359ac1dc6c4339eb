#!/usr/bin/python3
"""Chooses the default text model on DEV figures, calibrates it, and prints the card's tables.

    /usr/bin/python3 training/text/compare.py --baseline baseline --transformers tf,tf-nsmc,tf-mlm \
        --ngrams ngram,ngram-nsmc,ngram-h [--extra ngram-diary]

Reads training/.cache/text/scores/<name>.json (score-pack.ts, train_ngram.py, train_transformer.py).
1. Ensemble: every transformer x n-gram pair whose files fit the pack budget (MAX_MODEL_BYTES),
   mixed as w * log p_transformer + (1 - w) * log p_ngram, w on a 0.05 grid; the pair and weight with
   the best dev selection score is the `ensemble` candidate.
2. Winner: the best dev selection score (common.selection_score) among the candidates that meet the
   dev guardrails: NSMC dev polarity >= 0.80, real-text dev macro-F1 (GoEmotions-ko + KOTE) no more
   than 1 point under the baseline's, and model files within MAX_MODEL_BYTES. Test figures play no part.
3. Calibration: one temperature T on the winner's log-probabilities, minimising the negative
   log-likelihood of the diary dev split (the app reads diaries); ECE before and after.
4. Uncertainty threshold: the lowest calibrated confidence t such that the diary dev sentences at or
   above t are at least 95 % right (TARGET_REST_ACCURACY): a sentence shown in an emotion's colour
   should be wrong at most 1 time in 20 on dev (real diaries will be harder, so the app errs toward
   "not sure"). Share under t and accuracy of the rest.
Then test figures are computed once per candidate, for the table. Writes training/.cache/text/compare.json.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CACHE, selection_score, write_scores  # noqa: E402
from evaluate import LABELS, ece, evaluate_sets, load_scores  # noqa: E402

TARGET_REST_ACCURACY = 0.95
NSMC_DEV_MIN = 0.80
REAL_DEV_SLACK = 0.01
# The pack must stay within 15 MB; the tokenizer, manifest and card take about 0.6 MB of it.
MAX_MODEL_BYTES = 14_000_000


def model_bytes(name):
    """Bytes of a candidate's shipped model files (model.onnx and/or ngram.bin), from its metrics.json."""
    path = os.path.join(CACHE, name, 'metrics.json')
    if not os.path.exists(path):
        return None
    m = json.load(open(path))
    return m.get('onnx_bytes') or m.get('bytes')


def split_sets(sets, split):
    return {k: v for k, v in sets.items() if k.endswith('/' + split)}


def mix(a, b, w):
    """Weighted geometric mean of two candidates' distributions (renormalised)."""
    out = {}
    for k in a:
        y, pa = a[k]
        z = w * np.log(np.clip(pa, 1e-9, 1)) + (1 - w) * np.log(np.clip(b[k][1], 1e-9, 1))
        z -= z.max(1, keepdims=True)
        p = np.exp(z)
        out[k] = (y, p / p.sum(1, keepdims=True))
    return out


def with_temperature(sets, t):
    out = {}
    for k, (y, p) in sets.items():
        z = np.log(np.clip(p, 1e-12, 1)) / t
        z -= z.max(1, keepdims=True)
        q = np.exp(z)
        out[k] = (y, q / q.sum(1, keepdims=True))
    return out


def fit_temperature(y, p):
    logp = np.log(np.clip(p, 1e-12, 1))

    def nll(t):
        z = logp / t
        z -= z.max(1, keepdims=True)
        return float(-(z[np.arange(len(y)), y] - np.log(np.exp(z).sum(1))).mean())
    grid = np.exp(np.linspace(np.log(0.2), np.log(5), 401))
    return float(grid[int(np.argmin([nll(t) for t in grid]))])


def threshold_for(y, p, target):
    conf, right = p.max(1), p.argmax(1) == y
    for t in np.unique(np.round(conf, 3)):
        keep = conf >= t
        if keep.any() and right[keep].mean() >= target:
            return float(t)
    return 1.0


def uncertain_figures(y, p, t):
    conf, right = p.max(1), p.argmax(1) == y
    keep = conf >= t
    return {'share_uncertain': float(1 - keep.mean()), 'accuracy_rest': float(right[keep].mean()) if keep.any() else None,
            'accuracy_uncertain': float(right[~keep].mean()) if (~keep).any() else None}


def row(name, figs):
    f = lambda k, m='macro_f1': f'{100 * figs[k][m]:.1f}' if k in figs else '—'  # noqa: E731
    worst = f'{100 * min(figs["diary/test"]["per_class_f1"]):.1f}' if 'diary/test' in figs else '—'
    return (f'| {name} | {f("diary/dev")} | {f("real/dev")} | {f("nsmc/dev", "accuracy")} | {100 * selection_score(figs):.1f} | '
            f'{f("diary/test")} | {worst} | {f("goemotions/test")} | {f("kote/test")} | {f("real/test")} | {f("nsmc/test", "accuracy")} |')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--baseline', default='baseline')
    ap.add_argument('--transformers', default='')
    ap.add_argument('--ngrams', default='')
    ap.add_argument('--extra', default='', help='rows for the table that are not ensemble parts')
    ap.add_argument('--dev-only', action='store_true', help='while developing: never load a test row')
    args = ap.parse_args()
    names = lambda s: [x for x in s.split(',') if x]  # noqa: E731
    scores = {n: load_scores(os.path.join(CACHE, 'scores', f'{n}.json'))[1] for n in
              [args.baseline] + names(args.transformers) + names(args.ngrams) + names(args.extra)}
    splits = ('dev',) if args.dev_only else ('dev', 'test')
    if args.dev_only:
        scores = {n: split_sets(s, 'dev') for n, s in scores.items()}
    dev = {n: evaluate_sets(split_sets(s, 'dev')) for n, s in scores.items()}

    size = {n: model_bytes(n) for n in scores}
    ensemble, grid, pairs = None, [round(w, 2) for w in np.arange(0.0, 1.0001, 0.05)], {}
    for tf in names(args.transformers):
        for ng in names(args.ngrams):
            if (size[tf] or 0) + (size[ng] or 0) > MAX_MODEL_BYTES:
                continue
            by_w = {w: selection_score(evaluate_sets(mix(split_sets(scores[tf], 'dev'), split_sets(scores[ng], 'dev'), w))) for w in grid}
            w = max(grid, key=lambda x: (by_w[x], -abs(x - 0.5)))
            pairs[f'{tf}+{ng}'] = by_w[w]
            if ensemble is None or by_w[w] > ensemble['dev_score']:
                ensemble = {'transformer': tf, 'ngram': ng, 'weight_transformer': w, 'dev_score': by_w[w], 'dev_score_by_weight': by_w}
    if ensemble:
        best_tf, best_ng, w = ensemble['transformer'], ensemble['ngram'], ensemble['weight_transformer']
        ensemble['pairs'] = pairs
        size['ensemble'] = size[best_tf] + size[best_ng]
        scores['ensemble'] = mix(scores[best_tf], scores[best_ng], w)
        dev['ensemble'] = evaluate_sets(split_sets(scores['ensemble'], 'dev'))
        if not args.dev_only:
            write_scores('ensemble', scores['ensemble'], {'kind': 'ensemble', 'parts': ensemble})

    base = dev[args.baseline]
    ok = {n: dev[n]['nsmc/dev']['accuracy'] >= NSMC_DEV_MIN and dev[n]['real/dev']['macro_f1'] >= base['real/dev']['macro_f1'] - REAL_DEV_SLACK
          and (size[n] or 0) <= MAX_MODEL_BYTES for n in scores if n != args.baseline}
    eligible = [n for n in ok if ok[n]] or [n for n in scores if n != args.baseline]
    winner = max(eligible, key=lambda n: selection_score(dev[n]))

    # Calibration and threshold on the winner's diary dev split only.
    y_dev, p_dev = scores[winner]['diary/dev']
    t = fit_temperature(y_dev, p_dev)
    calibrated = with_temperature(scores[winner], t)
    y_cal, p_cal = calibrated['diary/dev']
    threshold = threshold_for(y_cal, p_cal, TARGET_REST_ACCURACY)

    # Test figures: computed here, once per candidate, for the table.
    full = {n: evaluate_sets(s) for n, s in scores.items()}
    cal = {'temperature': t, 'uncertain_below': threshold, 'target_rest_accuracy': TARGET_REST_ACCURACY, 'ece': {}, 'uncertain': {}}
    for split in splits:
        for src in ('diary', 'goemotions', 'kote'):
            k = f'{src}/{split}'
            cal['ece'][k] = {'before': ece(scores[winner][k][1], scores[winner][k][0]), 'after': ece(calibrated[k][1], calibrated[k][0])}
            cal['uncertain'][k] = uncertain_figures(calibrated[k][0], calibrated[k][1], threshold)
    report = {'winner': winner, 'ensemble': ensemble, 'eligible': ok, 'calibration': cal, 'model_bytes': size,
              'figures': {n: {k: {m: v for m, v in f.items() if m != 'confusion'} | ({'confusion': f['confusion']} if k.startswith('diary/') else {})
                              for k, f in full[n].items()} for n in full},
              'selection_score': {n: selection_score(dev[n]) for n in dev}}
    json.dump(report, open(os.path.join(CACHE, 'compare-dev.json' if args.dev_only else 'compare.json'), 'w'), indent=1)

    print('| candidate | diary dev F1 | real dev F1 | NSMC dev acc | dev score | diary test F1 | worst class test F1 | GoEmo test F1 | KOTE test F1 | real test F1 | NSMC test acc |')
    print('|' + '---|' * 11)
    for n in scores:
        print(row(n + (' **(chosen)**' if n == winner else '') + ('' if n == args.baseline or ok[n] else ' (fails a guardrail)'), full[n]))
    if ensemble:
        print(f'ensemble = {ensemble["weight_transformer"]} x {best_tf} + {1 - ensemble["weight_transformer"]:.2f} x {best_ng} (log-probabilities); '
              'dev score of each pair at its best weight: ' + ', '.join(f'{k} {100 * v:.1f}' for k, v in pairs.items()))
    w = full[winner]
    for split in splits:
        print(f'winner {winner}: diary {split} per-class F1 ' + ', '.join(f'{l} {100 * f:.1f}' for l, f in zip(LABELS, w[f'diary/{split}']['per_class_f1'])))
        n = w[f'nsmc/{split}']
        print(f'NSMC {split}: acc {100 * n["accuracy"]:.1f}, pos recall {100 * n["pos_recall"]:.1f}, neg recall {100 * n["neg_recall"]:.1f}')
    print(f'temperature {t:.3f}; uncertain below {threshold:.3f}')
    for k in cal['ece']:
        u = cal['uncertain'][k]
        print(f'  {k}: ECE {100 * cal["ece"][k]["before"]:.1f} -> {100 * cal["ece"][k]["after"]:.1f}; uncertain {100 * u["share_uncertain"]:.1f} %, '
              f'rest accuracy {100 * (u["accuracy_rest"] or 0):.1f} %, uncertain accuracy {100 * (u["accuracy_uncertain"] or 0):.1f} %')


if __name__ == '__main__':
    main()
