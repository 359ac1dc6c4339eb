"""Trains the default audio emotion model on EmoDB: leave-speakers-out evaluation, then the final
model on every speaker, exported to resources/models/audio-default/model.onnx.

    /usr/bin/python3 training/audio/train.py --stage all      # cv, then final
    /usr/bin/python3 training/audio/train.py --stage cv
    /usr/bin/python3 training/audio/train.py --stage final
    /usr/bin/python3 training/audio/train.py --stage reference   # final model's logits for parity checks

Reads training/.cache/audio/{index.json,features.f32} (export-features.ts). Writes fold models,
per-clip predictions and metrics to training/.cache/audio/, and the gender default baselines
to training/.cache/audio/baselines.json (write-manifest.ts copies them into the manifest).
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from torch import nn

from emodb_data import (CACHE, FOLDS, LABELS, PACK_DIR, clip_frames, gender_baselines, load_features,
                        model_input, speaker_baselines, window_starts)
from metrics import summarise
from model import AudioEmotionNet

torch.set_num_threads(1)  # 2 cores shared by several engineers


def build_set(clips, frames, personal, defaults, speakers):
    """Every 100-frame window of every (augmented) clip of `speakers`, normalised twice:
    with the voice's own neutral baseline and with the gender default."""
    xs, xd, ys = [], [], []
    for c in clips:
        if c['speaker'] not in speakers:
            continue
        mat = clip_frames(c, frames)
        own = personal[(c['speaker'], c['aug'])]
        default = defaults['MALE' if c['gender'] == 'male' else 'FEMALE']
        for start in window_starts(len(mat)):
            xs.append(model_input(mat, own, start))
            xd.append(model_input(mat, default, start))
            ys.append(c['label'])
    return np.stack(xs), np.stack(xd), np.array(ys, dtype=np.int64)


def train_model(x_own, x_default, y, args, seed, tag):
    """Weighted cross-entropy (balanced class weights), Adam, cosine schedule, fixed epoch count
    (no early stopping: there is no validation split that is not someone's test speaker)."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = AudioEmotionNet(len(LABELS), dropout=args.dropout)
    counts = np.bincount(y, minlength=len(LABELS))
    weights = torch.tensor(len(y) / (len(LABELS) * np.maximum(counts, 1)), dtype=torch.float32)
    loss_fn = nn.CrossEntropyLoss(weight=weights)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    steps = args.epochs * int(np.ceil(len(y) / args.batch))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps, pct_start=0.15)
    x_own_t, x_def_t, y_t = torch.from_numpy(x_own), torch.from_numpy(x_default), torch.from_numpy(y)
    started = time.time()
    for epoch in range(args.epochs):
        model.train()
        order = torch.from_numpy(rng.permutation(len(y)))
        total, correct, loss_sum = 0, 0, 0.0
        for i in range(0, len(order), args.batch):
            idx = order[i:i + args.batch]
            xb = x_own_t[idx]
            if args.default_mix > 0:
                # Some windows normalised with the gender default, so the model also copes
                # before a user has calibrated.
                use_default = torch.from_numpy(rng.random(len(idx)) < args.default_mix)
                xb = torch.where(use_default[:, None, None], x_def_t[idx], xb)
            logits = model(xb)
            loss = loss_fn(logits, y_t[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(1) == y_t[idx]).sum().item()
            total += len(idx)
        if epoch == 0 or (epoch + 1) % 5 == 0:
            print(f'  [{tag}] epoch {epoch + 1}/{args.epochs} loss {loss_sum / total:.3f} '
                  f'train acc {correct / total:.3f} ({time.time() - started:.0f} s)', flush=True)
    model.eval()
    return model


def predict(model, x):
    with torch.no_grad():
        return torch.softmax(model(torch.from_numpy(x)), dim=1).numpy()


def baseline_json(b):
    return {'mean': [float(v) for v in b['mean']], 'std': [float(v) for v in b['std']]}


def run_cv(clips, frames, personal, args):
    os.makedirs(os.path.join(CACHE, 'folds'), exist_ok=True)
    speakers = sorted({c['speaker'] for c in clips})
    records = []
    for k, held in enumerate(FOLDS):
        train_speakers = [s for s in speakers if s not in held]
        defaults = gender_baselines(clips, frames, train_speakers, args.baseline_frames == 'voiced')
        x_own, x_def, y = build_set(clips, frames, personal, defaults, train_speakers)
        print(f'fold {k}: held out {held}, {len(y)} training windows', flush=True)
        model = train_model(x_own, x_def, y, args, seed=args.seed + k, tag=f'fold {k}')
        torch.save(model.state_dict(), os.path.join(CACHE, 'folds', f'fold{k}.pt'))
        with open(os.path.join(CACHE, 'folds', f'fold{k}.json'), 'w') as f:
            json.dump({'held_out': list(held), 'train_speakers': train_speakers,
                       'defaults': {g: baseline_json(b) for g, b in defaults.items()}}, f)
        test = [c for c in clips if c['speaker'] in held and c['aug'] == 'orig']
        for c in test:
            mat = clip_frames(c, frames)
            own = personal[(c['speaker'], 'orig')]
            default = defaults['MALE' if c['gender'] == 'male' else 'FEMALE']
            starts = window_starts(len(mat))
            p_first = predict(model, model_input(mat, own, 0)[None])[0]
            p_windows = predict(model, np.stack([model_input(mat, own, s) for s in starts])).mean(axis=0)
            p_default = predict(model, model_input(mat, default, 0)[None])[0]
            records.append({'file': c['file'], 'speaker': c['speaker'], 'gender': c['gender'], 'fold': k,
                            'label': c['label'], 'frames': c['frames'],
                            'probs': p_first.tolist(), 'probs_windows': p_windows.tolist(),
                            'probs_default': p_default.tolist()})
    with open(os.path.join(CACHE, 'cv-predictions.json'), 'w') as f:
        json.dump({'labels': LABELS, 'records': records}, f)
    y_true = [r['label'] for r in records]
    report = {
        'personal_first_window': summarise(y_true, [int(np.argmax(r['probs'])) for r in records], records),
        'personal_all_windows': summarise(y_true, [int(np.argmax(r['probs_windows'])) for r in records], records),
        'gender_default_first_window': summarise(y_true, [int(np.argmax(r['probs_default'])) for r in records], records),
        'settings': vars(args),
    }
    with open(os.path.join(CACHE, 'cv-metrics.json'), 'w') as f:
        json.dump(report, f, indent=1)
    for name in ('personal_first_window', 'personal_all_windows', 'gender_default_first_window'):
        m = report[name]
        print(f"{name}: UA {m['unweighted_accuracy']:.3f}  WA {m['weighted_accuracy']:.3f}  macro-F1 {m['macro_f1']:.3f}")
    m = report['personal_first_window']
    print('confusion (rows true, cols predicted):', LABELS)
    for label, row in zip(LABELS, m['confusion']):
        print(f'  {label:8s}', row)
    print('per speaker:', {s: round(v, 3) for s, v in m['per_speaker_accuracy'].items()})


def run_final(clips, frames, personal, args):
    speakers = sorted({c['speaker'] for c in clips})
    defaults = gender_baselines(clips, frames, speakers, args.baseline_frames == 'voiced')
    x_own, x_def, y = build_set(clips, frames, personal, defaults, speakers)
    print(f'final: {len(speakers)} speakers, {len(y)} training windows', flush=True)
    model = train_model(x_own, x_def, y, args, seed=args.seed + 100, tag='final')
    torch.save(model.state_dict(), os.path.join(CACHE, 'final.pt'))
    with open(os.path.join(CACHE, 'baselines.json'), 'w') as f:
        json.dump({g: baseline_json(b) for g, b in defaults.items()}, f, indent=1)
    os.makedirs(PACK_DIR, exist_ok=True)
    onnx_path = os.path.join(PACK_DIR, 'model.onnx')
    torch.onnx.export(model, torch.zeros(1, 13, 100), onnx_path, opset_version=17,
                      input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}})
    print(f'wrote {onnx_path} ({os.path.getsize(onnx_path)} bytes)')


def run_reference(clips, frames, personal):
    """Logits of the final PyTorch model for the first window of every original clip, with the
    speaker's own and the gender default baseline: pick-test-clips.ts compares the ONNX model
    on TS-computed inputs against these."""
    model = AudioEmotionNet(len(LABELS))
    model.load_state_dict(torch.load(os.path.join(CACHE, 'final.pt'), map_location='cpu'))
    model.eval()
    with open(os.path.join(CACHE, 'baselines.json')) as f:
        defaults = {g: {k: np.array(v, dtype=np.float32) for k, v in b.items()} for g, b in json.load(f).items()}
    rows = []
    for c in clips:
        if c['aug'] != 'orig':
            continue
        mat = clip_frames(c, frames)
        x = np.stack([model_input(mat, personal[(c['speaker'], 'orig')]),
                      model_input(mat, defaults['MALE' if c['gender'] == 'male' else 'FEMALE'])])
        with torch.no_grad():
            own, default = model(torch.from_numpy(x)).tolist()
        rows.append({'file': c['file'], 'speaker': c['speaker'], 'gender': c['gender'], 'emotion': c['emotion'],
                     'logits_personal': own, 'logits_default': default})
    with open(os.path.join(CACHE, 'final-predictions.json'), 'w') as f:
        json.dump({'labels': LABELS, 'clips': rows}, f)
    print(f'wrote final-model logits for {len(rows)} clips')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--stage', choices=['cv', 'final', 'reference', 'all'], default='all')
    ap.add_argument('--epochs', type=int, default=14)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--weight-decay', type=float, default=1e-4)
    ap.add_argument('--dropout', type=float, default=0.3)
    ap.add_argument('--default-mix', type=float, default=0.0,
                    help='share of training windows normalised with the gender default instead of the own baseline')
    ap.add_argument('--baseline-frames', choices=['voiced', 'all'], default='voiced',
                    help="frames a neutral baseline is computed from; 'voiced' matches the app's calibration")
    ap.add_argument('--seed', type=int, default=1234)
    args = ap.parse_args()
    started = time.time()
    clips, frames = load_features()
    personal = speaker_baselines(clips, frames, args.baseline_frames == 'voiced')
    if args.stage in ('cv', 'all'):
        run_cv(clips, frames, personal, args)
        print(f'cv took {time.time() - started:.0f} s', flush=True)
    if args.stage in ('final', 'all'):
        run_final(clips, frames, personal, args)
    if args.stage in ('reference', 'all'):
        run_reference(clips, frames, personal)
    print(f'total {time.time() - started:.0f} s')


if __name__ == '__main__':
    main()
