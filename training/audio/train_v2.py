"""Trains haru-audio-emodb-v2: the seed CNN + BiLSTM, channel-robust (random simulated microphones
and rooms), speed/pitch perturbed, class-weighted, normalised with randomly drawn baselines of four
regimes (v2_data.py) plus baseline jitter.

    /usr/bin/python3 training/audio/train_v2.py --stage search   # nested: candidates on inner validation speakers
    /usr/bin/python3 training/audio/train_v2.py --stage outer    # fold models (config chosen per fold) -> ONNX
    /usr/bin/python3 training/audio/train_v2.py --stage final    # all 10 speakers -> resources/models/audio-default/model.onnx
    /usr/bin/python3 training/audio/train_v2.py --stage reference  # logits for pick-test-clips.ts (ONNX parity, test clips)

Nested selection: outer fold k holds out FOLDS[k] (its test speakers, scored only by
eval-channels.ts); its inner validation speakers are FOLDS[(k+1) % 5], its inner training speakers
the other six. Every candidate is trained on the six and scored on the two under the VALIDATION
channels. Fold k's model uses the candidate best on fold k's validation speakers; its temperature
and uncertainty threshold are fitted on the same validation predictions. The final model uses the
candidate with the best mean validation score over the five folds, and the temperature and
threshold fitted on all five folds' validation predictions of that candidate.
"""
import argparse
import json
import os
import time

import numpy as np
import torch
from torch import nn

from emodb_data import FOLDS, LABELS, PACK_DIR
from model import AudioEmotionNet
from v2_data import V2_CACHE, BaselinePools, REGIMES, cut, gender_defaults, jitter, load_set, mean_std, normalise, random_start
from v2_validate import fit_temperature, fit_threshold, pooled_pairs, summary, validate

torch.set_num_threads(1)  # 2 cores shared by several engineers

# Candidates: regime mix (personal, automatic, memo, gender), regularisation, length.
CANDIDATES = {
    'A': dict(mix=(0.45, 0.40, 0.10, 0.05), dropout=0.3, weight_decay=1e-4, epochs=30),
    'B': dict(mix=(0.35, 0.35, 0.25, 0.05), dropout=0.3, weight_decay=1e-4, epochs=30),
    'C': dict(mix=(0.45, 0.40, 0.10, 0.05), dropout=0.5, weight_decay=1e-3, epochs=40),
}
COMMON = dict(lr=2e-3, batch=64, draws_per_clip=8)
SPEAKERS = sorted({s for pair in FOLDS for s in pair})


def train_model(train_clips, speakers, cfg, seed, tag):
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    pools = BaselinePools(train_clips, set(speakers), rng)
    defaults = gender_defaults(train_clips, set(speakers))
    originals = [c for c in train_clips if c['speaker'] in speakers and c['aug'] == 'orig' and c['channel'] == 'clean']
    versions = {}
    for c in train_clips:
        if c['speaker'] in speakers and len(c['vframes']) >= 2:
            versions.setdefault(c['file'], []).append(c)
    labels = np.array([c['label'] for c in originals])
    counts = np.bincount(labels, minlength=len(LABELS))
    # Balanced class weights: ANGRY (28 % of EmoDB) must not swallow the rest, nor NEUTRAL/SAD the quieter voices.
    loss_fn = nn.CrossEntropyLoss(weight=torch.tensor(len(labels) / (len(LABELS) * counts), dtype=torch.float32))
    model = AudioEmotionNet(len(LABELS), dropout=cfg['dropout'])
    opt = torch.optim.Adam(model.parameters(), lr=COMMON['lr'], weight_decay=cfg['weight_decay'])
    per_epoch = len(originals) * COMMON['draws_per_clip']
    steps = cfg['epochs'] * int(np.ceil(per_epoch / COMMON['batch']))
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=COMMON['lr'], total_steps=steps, pct_start=0.15)
    mix = np.array(cfg['mix']) / np.sum(cfg['mix'])
    started = time.time()
    for epoch in range(cfg['epochs']):
        model.train()
        order = rng.permutation(np.repeat(np.arange(len(originals)), COMMON['draws_per_clip']))
        loss_sum, correct = 0.0, 0
        for i in range(0, len(order), COMMON['batch']):
            xs, ys = [], []
            for j in order[i:i + COMMON['batch']]:
                original = originals[j]
                clip = versions[original['file']][rng.integers(len(versions[original['file']]))]
                regime = REGIMES[rng.choice(len(REGIMES), p=mix)]
                base = jitter(pools.draw(regime, clip, rng, defaults), rng)
                xs.append(normalise(cut(clip['mat'], random_start(clip, rng)), base))
                ys.append(clip['label'])
            xb, yb = torch.from_numpy(np.stack(xs)), torch.tensor(ys)
            logits = model(xb)
            loss = loss_fn(logits, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.item() * len(ys)
            correct += (logits.argmax(1) == yb).sum().item()
        if epoch == 0 or (epoch + 1) % 10 == 0:
            print(f'  [{tag}] epoch {epoch + 1}/{cfg["epochs"]} loss {loss_sum / len(order):.3f} '
                  f'train acc {correct / len(order):.3f} ({time.time() - started:.0f} s)', flush=True)
    model.eval()
    return model, defaults


def baseline_json(b):
    return {'mean': [float(v) for v in b['mean']], 'std': [float(v) for v in b['std']]}


def export_onnx(model, path):
    torch.onnx.export(model, torch.zeros(1, 13, 100), path, opset_version=17, input_names=['input'], output_names=['logits'],
                      dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}})


def stage_search(train_clips, val_clips, args):
    out_dir = os.path.join(V2_CACHE, 'search')
    os.makedirs(out_dir, exist_ok=True)
    for k, held in enumerate(FOLDS):
        val_speakers = list(FOLDS[(k + 1) % len(FOLDS)])
        inner = [s for s in SPEAKERS if s not in held and s not in val_speakers]
        for name in args.candidates.split(','):
            path = os.path.join(out_dir, f'fold{k}-{name}.json')
            if os.path.exists(path):
                continue
            t0 = time.time()
            model, defaults = train_model(train_clips, inner, CANDIDATES[name], seed=1000 * k + ord(name), tag=f'fold {k} cand {name}')
            # Kept so the minimum-speech curve and the fallback can be chosen on validation speakers
            # too (eval-channels.ts --features <val set> --model inner=<dir>).
            model_dir = os.path.join(out_dir, f'inner-{name}')
            os.makedirs(model_dir, exist_ok=True)
            export_onnx(model, os.path.join(model_dir, f'fold{k}.onnx'))
            with open(os.path.join(model_dir, f'fold{k}.json'), 'w') as f:
                json.dump({'held_out': val_speakers, 'train_speakers': inner, 'defaults': {g: baseline_json(b) for g, b in defaults.items()}}, f)
            val = validate(model, val_clips, val_speakers, defaults)
            torch.save({'val': {r: {c: [(int(l), None if e is None else (e[0].tolist(), e[1].tolist())) for l, e in pairs]
                                    for c, pairs in by.items()} for r, by in val.items()}},
                       os.path.join(out_dir, f'fold{k}-{name}.val.pt'))
            res = summary(val)
            res.update(fold=k, candidate=name, seconds=time.time() - t0, val_speakers=val_speakers, inner_speakers=inner)
            with open(path, 'w') as f:
                json.dump(res, f, indent=1)
            print(f'fold {k} candidate {name}: ' + ', '.join(f'{r} {res[r]:.3f}' for r in ('automatic', 'personal', 'memo', 'gender', 'score')), flush=True)


def load_val(k, name):
    raw = torch.load(os.path.join(V2_CACHE, 'search', f'fold{k}-{name}.val.pt'), weights_only=False)['val']
    return {r: {c: [(l, None if e is None else (np.array(e[0], dtype=np.float32), np.array(e[1]))) for l, e in pairs]
                for c, pairs in by.items()} for r, by in raw.items()}


def search_results():
    d = os.path.join(V2_CACHE, 'search')
    rows = [json.load(open(os.path.join(d, f))) for f in sorted(os.listdir(d)) if f.endswith('.json')]
    return rows


def calibration_of(vals):
    pairs = pooled_pairs(vals)
    temperature, t_info = fit_temperature(pairs)
    threshold, th_info = fit_threshold(pairs, temperature)
    return {'temperature': temperature, 'threshold': threshold, 'temperature_fit': t_info, 'threshold_fit': th_info, 'pairs': len(pairs)}


def stage_outer(train_clips, args):
    rows = search_results()
    out_dir = os.path.join(V2_CACHE, 'folds')
    os.makedirs(out_dir, exist_ok=True)
    for k, held in enumerate(FOLDS):
        if args.folds and str(k) not in args.folds.split(','):
            continue
        mine = [r for r in rows if r['fold'] == k]
        best = max(mine, key=lambda r: r['score'])['candidate']
        cal = calibration_of([load_val(k, best)])
        speakers = [s for s in SPEAKERS if s not in held]
        model, defaults = train_model(train_clips, speakers, CANDIDATES[best], seed=77 + k, tag=f'outer fold {k} ({best})')
        export_onnx(model, os.path.join(out_dir, f'fold{k}.onnx'))
        torch.save(model.state_dict(), os.path.join(out_dir, f'fold{k}.pt'))
        with open(os.path.join(out_dir, f'fold{k}.json'), 'w') as f:
            json.dump({'held_out': list(held), 'train_speakers': speakers, 'candidate': best, 'config': CANDIDATES[best],
                       'defaults': {g: baseline_json(b) for g, b in defaults.items()}, **cal}, f, indent=1)
        print(f'outer fold {k}: candidate {best}, T {cal["temperature"]:.2f}, threshold {cal["threshold"]:.2f}', flush=True)


def stage_final(train_clips, args):
    rows = search_results()
    names = sorted({r['candidate'] for r in rows})
    mean_score = {n: float(np.mean([r['score'] for r in rows if r['candidate'] == n])) for n in names}
    best = max(mean_score, key=mean_score.get)
    cal = calibration_of([load_val(k, best) for k in range(len(FOLDS))])
    model, defaults = train_model(train_clips, SPEAKERS, CANDIDATES[best], seed=4242, tag=f'final ({best})')
    os.makedirs(PACK_DIR, exist_ok=True)
    export_onnx(model, os.path.join(PACK_DIR, 'model.onnx'))
    torch.save(model.state_dict(), os.path.join(V2_CACHE, 'final.pt'))
    with open(os.path.join(V2_CACHE, 'final.json'), 'w') as f:
        json.dump({'candidate': best, 'config': CANDIDATES[best], 'common': COMMON, 'mean_validation_score': mean_score,
                   'defaults': {g: baseline_json(b) for g, b in defaults.items()}, **cal}, f, indent=1)
    print(f'final: candidate {best} (mean validation scores {mean_score}), T {cal["temperature"]:.2f}, threshold {cal["threshold"]:.2f}')


def stage_reference(train_clips):
    """First-window logits of every clean clip with the speaker's own neutral baseline (all their
    NEUTRAL clips, mean/std of voiced frames) and the gender default: the final model's
    (final-predictions.json) and the held-out outer fold model's probabilities (cv-predictions.json),
    in the layout pick-test-clips.ts reads."""
    clean = [c for c in train_clips if c['aug'] == 'orig' and c['channel'] == 'clean']
    own = {s: mean_std([c['vframes'] for c in clean if c['speaker'] == s and c['emotion'] == 'NEUTRAL']) for s in SPEAKERS}
    with open(os.path.join(V2_CACHE, 'final.json')) as f:
        defaults = {g: {k: np.array(v, dtype=np.float32) for k, v in b.items()} for g, b in json.load(f)['defaults'].items()}

    def load(path):
        m = AudioEmotionNet(len(LABELS))
        m.load_state_dict(torch.load(path, map_location='cpu'))
        return m.eval()

    final = load(os.path.join(V2_CACHE, 'final.pt'))
    rows, records = [], []
    with torch.no_grad():
        for k, held in enumerate(FOLDS):
            fold = load(os.path.join(V2_CACHE, 'folds', f'fold{k}.pt'))
            for c in (c for c in clean if c['speaker'] in held):
                x = np.stack([normalise(cut(c['mat'], 0), own[c['speaker']]),
                              normalise(cut(c['mat'], 0), defaults['MALE' if c['gender'] == 'male' else 'FEMALE'])])
                mine, default = final(torch.from_numpy(x)).tolist()
                rows.append({'file': c['file'], 'speaker': c['speaker'], 'gender': c['gender'], 'emotion': c['emotion'],
                             'logits_personal': mine, 'logits_default': default})
                records.append({'file': c['file'], 'label': c['label'],
                                'probs': torch.softmax(fold(torch.from_numpy(x[:1])), 1)[0].tolist()})
    with open(os.path.join(V2_CACHE, 'final-predictions.json'), 'w') as f:
        json.dump({'labels': LABELS, 'clips': rows}, f)
    with open(os.path.join(V2_CACHE, 'cv-predictions.json'), 'w') as f:
        json.dump({'labels': LABELS, 'records': records}, f)
    print(f'wrote reference logits for {len(rows)} clips')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--stage', choices=['search', 'outer', 'final', 'reference', 'all'], default='all')
    ap.add_argument('--candidates', default=','.join(CANDIDATES))
    ap.add_argument('--folds', default='', help='outer stage: only these folds (e.g. 0,1,2), to run in two processes')
    args = ap.parse_args()
    t0 = time.time()
    train_clips = load_set('train')
    print(f'{len(train_clips)} training feature matrices loaded ({time.time() - t0:.0f} s)', flush=True)
    if args.stage in ('search', 'all'):
        stage_search(train_clips, load_set('val'), args)
    if args.stage in ('outer', 'all'):
        stage_outer(train_clips, args)
    if args.stage in ('final', 'all'):
        stage_final(train_clips, args)
    if args.stage in ('reference', 'all'):
        stage_reference(train_clips)
    print(f'total {time.time() - t0:.0f} s')


if __name__ == '__main__':
    main()
