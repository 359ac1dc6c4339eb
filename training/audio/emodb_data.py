"""EmoDB features exported by export-features.ts: loading, neutral baselines, 100-frame windows.

Everything here mirrors the app's pipeline (src/shared/audio/features.ts): the first 100 frames
(zero rows appended to a short clip), then (X - mean) / (std + 1e-8) per coefficient, then the
coefficient-major (13, 100) layout.
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CACHE = os.path.join(REPO, 'training', '.cache', 'audio')
PACK_DIR = os.path.join(REPO, 'resources', 'models', 'audio-default')

LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'NEUTRAL']
N_MFCC = 13
FRAMES = 100
HOP = FRAMES // 2
STD_EPSILON = np.float32(1e-8)

# Leave-two-speakers-out: every fold holds out one male and one female actor, so each fold's
# training set keeps both genders (and each gender default baseline has 4 speakers behind it).
FOLDS = [
    ('emodb_03', 'emodb_08'),
    ('emodb_10', 'emodb_09'),
    ('emodb_11', 'emodb_13'),
    ('emodb_12', 'emodb_14'),
    ('emodb_15', 'emodb_16'),
]


def load_features(cache=CACHE):
    """(clips, frames): index.json entries and the (total_frames, 13) float32 matrix they point into."""
    with open(os.path.join(cache, 'index.json'), encoding='utf-8') as f:
        index = json.load(f)
    frames = np.fromfile(os.path.join(cache, 'features.f32'), dtype='<f4').reshape(-1, N_MFCC)
    voiced = np.fromfile(os.path.join(cache, 'voiced.u8'), dtype=np.uint8).astype(bool)
    assert frames.shape[0] == index['totalFrames'] == len(voiced), \
        'features.f32 / voiced.u8 do not match index.json; re-run export-features.ts'
    clips = index['clips']
    for c in clips:
        c['label'] = LABELS.index(c['emotion'])
        c['voiced'] = voiced[c['offset']:c['offset'] + c['frames']]
    return clips, frames


def clip_frames(clip, frames):
    return frames[clip['offset']:clip['offset'] + clip['frames']]


def baseline_of(clip_list, frames, voiced_only=True):
    """Per-coefficient mean and population std over the voiced MFCC frames of the given clips.

    This is what the app's calibration does with a user's neutral takes
    (src/shared/calibration/analyze-take.ts: the frames `voicedFrameMask(frameEnergyDb(x))` keeps,
    population std). `voiced_only=False` takes every frame (model v1's definition, kept to
    measure the difference).
    """
    parts = [clip_frames(c, frames)[c['voiced']] if voiced_only else clip_frames(c, frames) for c in clip_list]
    stacked = np.concatenate(parts).astype(np.float64)
    assert len(stacked) > 1, 'a baseline needs at least two voiced frames'

    return {'mean': stacked.mean(axis=0).astype(np.float32), 'std': stacked.std(axis=0).astype(np.float32)}


def speaker_baselines(clips, frames, voiced_only=True):
    """Baseline per (speaker, augmentation) from that speaker's NEUTRAL clips.

    Each augmented copy of a speaker is treated as a separate voice that calibrated itself: a
    pitch-shifted speaker's neutral statistics move with the shift.
    """
    groups = {}
    for c in clips:
        if c['emotion'] == 'NEUTRAL':
            groups.setdefault((c['speaker'], c['aug']), []).append(c)
    return {key: baseline_of(group, frames, voiced_only) for key, group in groups.items()}


def gender_baselines(clips, frames, speakers, voiced_only=True):
    """MALE/FEMALE defaults: pooled NEUTRAL frames (original audio only) of the given speakers."""
    out = {}
    for gender, key in (('male', 'MALE'), ('female', 'FEMALE')):
        chosen = [c for c in clips if c['emotion'] == 'NEUTRAL' and c['aug'] == 'orig'
                  and c['gender'] == gender and c['speaker'] in speakers]
        out[key] = baseline_of(chosen, frames, voiced_only)
    return out


def window_starts(total):
    """Same windows as slidingWindows(total, 100, 50) in features.ts: hop 50, plus one flush end."""
    if total <= FRAMES:
        return [0]
    starts = list(range(0, total - FRAMES + 1, HOP))
    if starts[-1] + FRAMES < total:
        starts.append(total - FRAMES)
    return starts


def model_input(mat, baseline, start=0):
    """(13, 100) float32: fixFrames → normaliseWithBaseline → toModelInput."""
    window = np.zeros((FRAMES, N_MFCC), dtype=np.float32)
    part = mat[start:start + FRAMES]
    window[:len(part)] = part
    normalised = (window - baseline['mean']) / (baseline['std'] + STD_EPSILON)
    return np.ascontiguousarray(normalised.T, dtype=np.float32)
