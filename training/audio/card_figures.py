"""Prints the model card's evaluation tables (markdown) from the metrics train.py and
eval_calibration.py wrote to training/.cache/audio/.

    /usr/bin/python3 training/audio/card_figures.py
"""
import json
import os

from emodb_data import CACHE, LABELS


def pct(v):
    return f'{100 * v:.1f} %'


def load(name):
    path = os.path.join(CACHE, name)
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def summary_row(title, m):
    return f"| {title} | {m['n']} | {pct(m['unweighted_accuracy'])} | {pct(m['weighted_accuracy'])} | {pct(m['macro_f1'])} |"


def main():
    cv = load('cv-metrics.json')
    calib = load('calibration-metrics.json')
    print('| setting | clips scored | unweighted accuracy | weighted accuracy | macro-F1 |')
    print('|---|---|---|---|---|')
    print(summary_row('own neutral baseline, first 100 frames (app `seed` mode)', cv['personal_first_window']))
    print(summary_row('own neutral baseline, mean over all windows (≈ app `full` mode)', cv['personal_all_windows']))
    print(summary_row('gender default baseline, first 100 frames', cv['gender_default_first_window']))
    if calib:
        n = calib['settings']['calib_clips']
        print(summary_row(f'calibrated from {n} neutral clips, other clips scored', calib['personal']))
        print(summary_row('gender default, same clips', calib['gender_default']))
    m = cv['personal_first_window']
    print('\nConfusion matrix, own baseline, first window, summed over the 5 folds (rows: true, columns: predicted):\n')
    print('| true \\ predicted | ' + ' | '.join(LABELS) + ' | recall | F1 |')
    print('|---' * (len(LABELS) + 3) + '|')
    for label, row in zip(LABELS, m['confusion']):
        print(f'| **{label}** | ' + ' | '.join(str(v) for v in row) +
              f" | {pct(m['per_class_recall'][label])} | {pct(m['per_class_f1'][label])} |")
    print('\nPer-speaker accuracy (own baseline, first window):\n')
    speakers = list(m['per_speaker_accuracy'])
    print('| ' + ' | '.join(['setting'] + [s.replace('emodb_', '') for s in speakers]) + ' |')
    print('|---' * (len(speakers) + 1) + '|')
    print('| own baseline | ' + ' | '.join(pct(m['per_speaker_accuracy'][s]) for s in speakers) + ' |')
    g = cv['gender_default_first_window']
    print('| gender default | ' + ' | '.join(pct(g['per_speaker_accuracy'][s]) for s in speakers) + ' |')
    print('| clips | ' + ' | '.join(str(m['per_speaker_n'][s]) for s in speakers) + ' |')
    print('\nPer-class recall, gender default:', {k: pct(v) for k, v in g['per_class_recall'].items()})
    if calib:
        for name in ('personal', 'gender_default'):
            print(f'Per-class recall, calibration eval {name}:', {k: pct(v) for k, v in calib[name]['per_class_recall'].items()})


if __name__ == '__main__':
    main()
