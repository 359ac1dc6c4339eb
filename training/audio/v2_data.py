"""Data for the v2 voice model: channel feature sets (export-channel-features.ts), the baselines a
training window is normalised with, and the random training windows.

A training window is normalised with one of four baselines, drawn per window ("baseline regimes"):
- personal:  mean / population std over the voiced frames of a random subset of the speaker's
             NEUTRAL clips through the same channel (what the app's calibration computes);
- automatic: median / 1.4826 x MAD over the voiced frames of a random subset of the speaker's clips
             of every emotion through the same channel, 4-60 s of voiced speech, log-uniform (the app's automatic
             baseline, src/shared/calibration/auto-baseline.ts; exact quantiles here, histogram
             quantiles in the app: the difference is a few hundredths of a std);
- memo:      the same robust statistic over the clip itself (per-memo normalisation);
- gender:    the fold's MALE/FEMALE default from clean training speakers (wrong under most channels).
Then "baseline jitter": mean += N(0, 0.1) std and std *= exp(N(0, 0.1)), so the model does not
learn one exact baseline per speaker.
"""
import json
import os

import numpy as np

from emodb_data import FRAMES, LABELS, N_MFCC, REPO, STD_EPSILON, window_starts

V2_CACHE = os.path.join(REPO, 'training', '.cache', 'audio-v2')
MAD_TO_STD = 1.4826
MIN_VOICED_SHARE = 0.3
HOP_SEC = 512 / 16000
REGIMES = ('personal', 'automatic', 'memo', 'gender')


def load_set(name):
    d = os.path.join(V2_CACHE, name)
    with open(os.path.join(d, 'index.json'), encoding='utf-8') as f:
        index = json.load(f)
    frames = np.fromfile(os.path.join(d, 'features.f32'), dtype='<f4').reshape(-1, N_MFCC)
    voiced = np.fromfile(os.path.join(d, 'voiced.u8'), dtype=np.uint8).astype(bool)
    assert frames.shape[0] == index['totalFrames'] == len(voiced), f'{d}: re-run export-channel-features.ts'
    clips = index['clips']
    for i, c in enumerate(clips):
        c['id'] = i
        c['label'] = LABELS.index(c['emotion'])
        c['mat'] = frames[c['offset']:c['offset'] + c['frames']]
        c['vmask'] = voiced[c['offset']:c['offset'] + c['frames']]
        c['vframes'] = c['mat'][c['vmask']].astype(np.float64)
    return clips


def mean_std(parts):
    x = np.concatenate(parts)
    return {'mean': x.mean(0).astype(np.float32), 'std': np.maximum(x.std(0), 1.0).astype(np.float32)}


def robust(parts):
    x = np.concatenate(parts)
    med = np.median(x, axis=0)
    mad = MAD_TO_STD * np.median(np.abs(x - med), axis=0)
    return {'mean': med.astype(np.float32), 'std': np.maximum(mad, 1.0).astype(np.float32)}


def gender_defaults(clips, speakers):
    """MALE/FEMALE: mean/std of the voiced frames of the clean, unaugmented NEUTRAL clips of `speakers`."""
    out = {}
    for gender, key in (('male', 'MALE'), ('female', 'FEMALE')):
        parts = [c['vframes'] for c in clips if c['aug'] == 'orig' and c['channel'] == 'clean'
                 and c['emotion'] == 'NEUTRAL' and c['gender'] == gender and c['speaker'] in speakers]
        out[key] = mean_std(parts)
    return out


class BaselinePools:
    """Per channel group (speaker, augmentation, channel): random personal and automatic baselines,
    each with the set of clips it was computed from (a window is never normalised by a baseline
    that contains its own clip, as in the evaluation)."""

    def __init__(self, clips, speakers, rng, per_group=16):
        self.groups = {}
        for c in clips:
            if c['speaker'] in speakers and len(c['vframes']) > 0:
                self.groups.setdefault((c['speaker'], c['aug'], c['channel']), []).append(c)
        self.personal, self.automatic = {}, {}
        for key, group in self.groups.items():
            neutral = [c for c in group if c['emotion'] == 'NEUTRAL']
            self.personal[key] = [self._subset(neutral, rng, rng.integers(2, max(3, len(neutral))), mean_std)
                                  for _ in range(per_group)]
            self.automatic[key] = [self._seconds(group, rng, float(np.exp(rng.uniform(np.log(4), np.log(60))))) for _ in range(per_group)]
        self.memo = {c['id']: robust([c['vframes']]) for g in self.groups.values() for c in g if len(c['vframes']) >= 2}

    @staticmethod
    def _subset(clips, rng, size, stat):
        chosen = rng.choice(len(clips), size=min(size, len(clips)), replace=False)
        return stat([clips[i]['vframes'] for i in chosen]), {clips[i]['id'] for i in chosen}

    @staticmethod
    def _seconds(clips, rng, seconds):
        order = rng.permutation(len(clips))
        chosen, total = [], 0.0
        for i in order:
            if total >= seconds:
                break
            chosen.append(clips[i])
            total += len(clips[i]['vframes']) * HOP_SEC
        return robust([c['vframes'] for c in chosen]), {c['id'] for c in chosen}

    def draw(self, regime, clip, rng, defaults):
        key = (clip['speaker'], clip['aug'], clip['channel'])
        if regime == 'memo' and clip['id'] in self.memo:
            return self.memo[clip['id']]
        if regime == 'gender':
            return defaults['MALE' if clip['gender'] == 'male' else 'FEMALE']
        pool = self.personal[key] if regime == 'personal' else self.automatic[key]
        options = [b for b, members in pool if clip['id'] not in members] or [b for b, _ in pool]
        return options[rng.integers(len(options))]


def jitter(baseline, rng, mean_sd=0.1, std_sd=0.1):
    std = baseline['std'] * np.exp(rng.normal(0, std_sd, N_MFCC)).astype(np.float32)
    return {'mean': baseline['mean'] + rng.normal(0, mean_sd, N_MFCC).astype(np.float32) * baseline['std'], 'std': std}


def normalise(window, baseline):
    """(100, 13) frames -> (13, 100) model input, as features.ts does it."""
    return np.ascontiguousarray(((window - baseline['mean']) / (baseline['std'] + STD_EPSILON)).T, dtype=np.float32)


def cut(mat, start):
    window = np.zeros((FRAMES, N_MFCC), dtype=np.float32)
    part = mat[start:start + FRAMES]
    window[:len(part)] = part
    return window


def random_start(clip, rng):
    """A window start the app's full mode could use (>= 30 % voiced), half the time off its hop-50 grid."""
    n = clip['frames']
    for _ in range(8):
        start = int(rng.integers(0, n - FRAMES + 1)) if n > FRAMES and rng.random() < 0.5 \
            else int(rng.choice(window_starts(n)))
        length = min(FRAMES, n - start)
        if clip['vmask'][start:start + FRAMES].sum() >= MIN_VOICED_SHARE * length:
            return start
    return 0


def voiced_windows(clip):
    """The app's full-mode windows: (start, voiced frames) of those with >= 30 % voiced frames."""
    out = []
    for s in window_starts(clip['frames']):
        length = min(FRAMES, clip['frames'] - s)
        v = int(clip['vmask'][s:s + FRAMES].sum())
        if v >= MIN_VOICED_SHARE * length:
            out.append((s, v))
    return out
