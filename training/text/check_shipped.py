#!/usr/bin/python3
"""Checks that the assembled pack, run in Node exactly as the app runs it (score-pack.ts ->
scores/shipped.json: ONNX Runtime + the TypeScript n-gram model + the manifest's temperature),
reproduces what compare.py chose (scores/<winner>.json with the fitted temperature), and prints
the shipped figures for the model card.

    /usr/bin/python3 training/text/check_shipped.py
"""
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CACHE, REPO  # noqa: E402
from compare import uncertain_figures, with_temperature  # noqa: E402
from evaluate import ece, evaluate_sets, load_scores  # noqa: E402


def main():
    report = json.load(open(os.path.join(CACHE, 'compare.json')))
    manifest = json.load(open(os.path.join(REPO, 'resources', 'models', 'text-default', 'manifest.json')))
    _, shipped = load_scores(os.path.join(CACHE, 'scores', 'shipped.json'))
    _, chosen = load_scores(os.path.join(CACHE, 'scores', f'{report["winner"]}.json'))
    chosen = with_temperature(chosen, manifest['calibration']['temperature'])
    worst = 0.0
    for k in shipped:
        agree = int((shipped[k][1].argmax(1) == chosen[k][1].argmax(1)).sum())
        diff = float(np.abs(shipped[k][1] - chosen[k][1]).max())
        worst = max(worst, diff)
        print(f'{k}: top label agrees on {agree} of {len(shipped[k][0])}; largest probability difference {diff:.2e}')
    figs = evaluate_sets(shipped)
    t = manifest['calibration']['uncertainBelow']
    for k in ('diary/dev', 'diary/test'):
        u = uncertain_figures(shipped[k][0], shipped[k][1], t)
        print(f'shipped {k}: macro-F1 {100 * figs[k]["macro_f1"]:.1f}, accuracy {100 * figs[k]["accuracy"]:.1f}, ECE {100 * ece(shipped[k][1], shipped[k][0]):.1f}, '
              f'uncertain {100 * u["share_uncertain"]:.1f} %, accuracy of the rest {100 * u["accuracy_rest"]:.1f} %')
    print(f'shipped NSMC test accuracy {100 * figs["nsmc/test"]["accuracy"]:.1f}; real-text test macro-F1 {100 * figs["real/test"]["macro_f1"]:.1f}')
    sys.exit(0 if worst < 1e-3 else 1)


if __name__ == '__main__':
    main()
