"""Exports the audio engineer's leave-two-speakers-out fold models (training/.cache/audio/folds/
fold{k}.pt, written by training/audio/train.py --stage cv) to ONNX, so eval-emodb.ts can run them
through ONNX Runtime exactly like the app runs its model.

    /usr/bin/python3 training/calibration/export-folds.py

Writes training/.cache/calibration/folds/fold{k}.onnx and fold{k}.json (held-out speakers and the
gender defaults computed from that fold's training speakers only).
"""
import json
import os
import shutil
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, 'training', 'audio'))
from model import AudioEmotionNet  # noqa: E402  (the trainer's own architecture)

SRC = os.path.join(REPO, 'training', '.cache', 'audio', 'folds')
OUT = os.path.join(REPO, 'training', '.cache', 'calibration', 'folds')
LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'NEUTRAL']


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    folds = sorted(f for f in os.listdir(SRC) if f.endswith('.pt'))
    if not folds:
        sys.exit(f'no fold models in {SRC}: run training/audio/train.py --stage cv first')
    for name in folds:
        stem = name[:-3]
        model = AudioEmotionNet(len(LABELS))
        model.load_state_dict(torch.load(os.path.join(SRC, name), map_location='cpu'))
        model.eval()
        path = os.path.join(OUT, f'{stem}.onnx')
        torch.onnx.export(model, torch.zeros(1, 13, 100), path, opset_version=17,
                          input_names=['input'], output_names=['logits'],
                          dynamic_axes={'input': {0: 'batch'}, 'logits': {0: 'batch'}})
        shutil.copyfile(os.path.join(SRC, f'{stem}.json'), os.path.join(OUT, f'{stem}.json'))
        print(f'{name} -> {path}')


if __name__ == '__main__':
    main()
