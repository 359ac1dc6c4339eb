"""What calibration buys: every speaker is classified by the fold model that never saw them, with
(a) a personal baseline from a few of their NEUTRAL clips (as the calibration wizard would take)
and (b) the gender default baseline of that fold's training speakers (what the app uses before
calibration). The calibration clips are excluded from the clips that are scored.

    /usr/bin/python3 training/audio/eval_calibration.py [--calib-clips 3] [--draws 10]

To measure a baseline-definition mismatch, point it at fold models trained with
`train.py --baseline-frames all` (copied elsewhere) while calibrating on voiced frames:
    eval_calibration.py --folds-dir <dir> --calib-frames voiced --out <file>

Needs train.py --stage cv to have run (fold models in training/.cache/audio/folds/).
Writes training/.cache/audio/calibration-metrics.json.
"""
import argparse
import json
import os

import numpy as np
import torch

from emodb_data import CACHE, FOLDS, LABELS, baseline_of, clip_frames, load_features, model_input
from metrics import summarise
from model import AudioEmotionNet

torch.set_num_threads(1)


def load_fold(folds_dir, k):
    model = AudioEmotionNet(len(LABELS))
    model.load_state_dict(torch.load(os.path.join(folds_dir, f'fold{k}.pt'), map_location='cpu'))
    model.eval()
    with open(os.path.join(folds_dir, f'fold{k}.json')) as f:
        meta = json.load(f)
    defaults = {g: {'mean': np.array(b['mean'], dtype=np.float32), 'std': np.array(b['std'], dtype=np.float32)}
                for g, b in meta['defaults'].items()}
    return model, defaults


def predict(model, clips, frames, baseline):
    x = np.stack([model_input(clip_frames(c, frames), baseline) for c in clips])
    with torch.no_grad():
        return model(torch.from_numpy(x)).argmax(1).tolist()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--calib-clips', type=int, default=3, help='NEUTRAL clips per calibration (EmoDB clips are 1.2-9 s)')
    ap.add_argument('--draws', type=int, default=10, help='random calibration subsets per speaker')
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--folds-dir', default=os.path.join(CACHE, 'folds'))
    ap.add_argument('--calib-frames', choices=['voiced', 'all'], default='voiced')
    ap.add_argument('--out', default=os.path.join(CACHE, 'calibration-metrics.json'))
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    clips, frames = load_features()
    clips = [c for c in clips if c['aug'] == 'orig']
    results = {'personal': ([], [], []), 'gender_default': ([], [], [])}
    for k, held in enumerate(FOLDS):
        model, defaults = load_fold(args.folds_dir, k)
        for speaker in held:
            own = [c for c in clips if c['speaker'] == speaker]
            neutral = [c for c in own if c['emotion'] == 'NEUTRAL']
            default = defaults['MALE' if own[0]['gender'] == 'male' else 'FEMALE']
            for _ in range(args.draws):
                pick = set(rng.choice(len(neutral), size=min(args.calib_clips, len(neutral) - 1), replace=False).tolist())
                calib = [c for i, c in enumerate(neutral) if i in pick]
                scored = [c for c in own if c not in calib]
                truth = [c['label'] for c in scored]
                for name, baseline in (('personal', baseline_of(calib, frames, args.calib_frames == 'voiced')), ('gender_default', default)):
                    t, p, r = results[name]
                    t.extend(truth)
                    p.extend(predict(model, scored, frames, baseline))
                    r.extend({'speaker': speaker} for _ in scored)
    report = {name: summarise(t, p, r) for name, (t, p, r) in results.items()}
    report['settings'] = vars(args)
    with open(args.out, 'w') as f:
        json.dump(report, f, indent=1)
    for name in ('personal', 'gender_default'):
        m = report[name]
        print(f"{name}: UA {m['unweighted_accuracy']:.3f}  WA {m['weighted_accuracy']:.3f}  macro-F1 {m['macro_f1']:.3f}  "
              f"(n={m['n']} = scored clips × {args.draws} draws)")
        print('  per speaker:', {s: round(v, 3) for s, v in m['per_speaker_accuracy'].items()})
        print('  per class recall:', {l: round(v, 3) for l, v in m['per_class_recall'].items()})


if __name__ == '__main__':
    main()
