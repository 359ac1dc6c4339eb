"""Classification figures for the model card: unweighted accuracy (mean per-class recall),
weighted accuracy, macro-F1, confusion matrix, per-speaker accuracy."""
import numpy as np

from emodb_data import LABELS


def confusion(y_true, y_pred, n=len(LABELS)):
    m = np.zeros((n, n), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        m[t, p] += 1
    return m


def summarise(y_true, y_pred, records=None):
    m = confusion(y_true, y_pred)
    support = m.sum(axis=1)
    predicted = m.sum(axis=0)
    tp = np.diag(m).astype(np.float64)
    recall = np.divide(tp, support, out=np.zeros_like(tp), where=support > 0)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros_like(tp), where=(precision + recall) > 0)
    out = {
        'n': int(m.sum()),
        'unweighted_accuracy': float(recall[support > 0].mean()),
        'weighted_accuracy': float(tp.sum() / m.sum()),
        'macro_f1': float(f1[support > 0].mean()),
        'per_class_recall': {l: float(r) for l, r in zip(LABELS, recall)},
        'per_class_f1': {l: float(f) for l, f in zip(LABELS, f1)},
        'confusion': m.tolist(),
    }
    if records is not None:
        per = {}
        for r, t, p in zip(records, y_true, y_pred):
            hit = per.setdefault(r['speaker'], [0, 0])
            hit[0] += int(t == p)
            hit[1] += 1
        out['per_speaker_accuracy'] = {s: h[0] / h[1] for s, h in sorted(per.items())}
        out['per_speaker_n'] = {s: h[1] for s, h in sorted(per.items())}
    return out
