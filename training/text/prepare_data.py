#!/usr/bin/python3
"""Builds the labelled corpora for the default text model from ../shared (read-only) and the
project's own diary corpus (training/text/data/diary-ko).

    /usr/bin/python3 training/text/prepare_data.py   ->  training/.cache/text/{data.jsonl, nsmc.jsonl}

data.jsonl, one line per sentence: {"split": train|dev|test, "source": goemotions|kote|diary,
"text": ..., "label": 0..6}, label indexing LABELS (the app's canonical order). See MODEL_CARD.md
for the mappings and why. nsmc.jsonl holds the NSMC polarity slices (nsmc_rows below).
"""
import collections
import glob
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get('HARU_SHARED_DIR', os.path.join(os.path.dirname(REPO), 'shared'))
OUT = os.path.join(REPO, 'training', '.cache', 'text')

LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE', 'NEUTRAL']

# Upstream GoEmotions Ekman mapping (google-research goemotions/data/ekman_mapping.json).
GOEMOTIONS_MAP = {
    'ANGRY': ['anger', 'annoyance', 'disapproval'],
    'DISGUST': ['disgust'],
    'FEAR': ['fear', 'nervousness'],
    'HAPPY': ['joy', 'amusement', 'approval', 'excitement', 'gratitude', 'love', 'optimism', 'relief',
              'pride', 'admiration', 'desire', 'caring'],
    'SAD': ['sadness', 'disappointment', 'embarrassment', 'grief', 'remorse'],
    'SURPRISE': ['surprise', 'realization', 'confusion', 'curiosity'],
    'NEUTRAL': ['neutral'],
}

# Our KOTE mapping (label indices from the KOTE README). It follows the dataset note's Ekman-style
# suggestion, changed where that note and the GoEmotions mapping disagree so both corpora mean the
# same thing by a class: 15 신기함/관심 (GoEmotions curiosity) and 29 깨달음 (realization) -> SURPRISE,
# 17 부끄러움 (embarrassment) and 30 죄책감 (remorse) -> SAD. Left out as not an Ekman emotion or
# ambiguous between classes: 11 비장함, 12 의심/불신, 23 어이없음 (angry or surprised), 26 귀찮음,
# 35 부담/안_내킴, 37 재미없음.
KOTE_MAP = {
    'HAPPY': [1, 2, 4, 7, 8, 13, 14, 16, 28, 32, 40, 42, 43],
    'ANGRY': [0, 3, 6, 9, 20, 22],
    'DISGUST': [21, 31],
    'FEAR': [18, 41],
    'SAD': [5, 10, 17, 19, 25, 27, 30, 36, 38],
    'SURPRISE': [15, 29, 33, 34, 39],
    'NEUTRAL': [24],
}


def goemotions_rows():
    d = os.path.join(SHARED, 'datasets', 'goemotions-korean')
    names = [l.strip() for l in open(os.path.join(d, 'labels.txt'), encoding='utf-8') if l.strip()]
    to_class = {names.index(n): LABELS.index(c) for c, ns in GOEMOTIONS_MAP.items() for n in ns}
    assert len(to_class) == 28
    for split in ('train', 'dev', 'test'):
        kept = dropped = 0
        for line in open(os.path.join(d, f'{split}.tsv'), encoding='utf-8'):
            text, ids = line.rstrip('\n').split('\t')
            classes = {to_class[int(i)] for i in ids.split(',')}
            # Multi-label rows are kept only when every label maps to the same class.
            if len(classes) != 1 or not text.strip():
                dropped += 1
                continue
            kept += 1
            yield {'split': split, 'source': 'goemotions', 'text': text.strip(), 'label': classes.pop()}
        print(f'goemotions {split}: kept {kept}, dropped {dropped} multi-class', file=sys.stderr)


def kote_split(row_id):
    # The 10k public rows (upstream val + test) are pooled and split 80/10/10 by a hash of the row id,
    # so the split is reproducible and independent of file order.
    h = int(hashlib.sha256(row_id.encode()).hexdigest()[:8], 16) % 10
    return 'test' if h == 0 else 'dev' if h == 1 else 'train'


def kote_rows():
    d = os.path.join(SHARED, 'datasets', 'kote')
    to_class = {i: LABELS.index(c) for c, ids in KOTE_MAP.items() for i in ids}
    stats = collections.Counter()
    for f in ('val.tsv', 'test.tsv'):
        for line in open(os.path.join(d, f), encoding='utf-8'):
            row_id, text, ids = line.rstrip('\n').split('\t')
            votes = collections.Counter(to_class[int(i)] for i in ids.split(',') if int(i) in to_class)
            total = sum(votes.values())
            # A row is the union of 5 annotators' labels; keep it when one class holds a strict
            # majority of its mapped labels (requiring unanimity would keep only ~11% of the rows).
            if total == 0 or not text.strip():
                stats['no mapped label'] += 1
                continue
            cls, n = votes.most_common(1)[0]
            if 2 * n <= total:
                stats['no majority'] += 1
                continue
            stats['kept'] += 1
            yield {'split': kote_split(row_id), 'source': 'kote', 'text': text.strip(), 'label': cls}
    print(f'kote: {dict(stats)}', file=sys.stderr)


DIARY = os.path.join(HERE, 'data', 'diary-ko')


def diary_rows():
    """The project's diary corpus: train (parts a and b), dev and test exactly as committed."""
    files = {'train': sorted(glob.glob(os.path.join(DIARY, 'train', 'part-*.jsonl'))),
             'dev': [os.path.join(DIARY, 'dev.jsonl')], 'test': [os.path.join(DIARY, 'test.jsonl')]}
    for split, paths in files.items():
        for path in paths:
            for line in open(path, encoding='utf-8'):
                r = json.loads(line)
                yield {'split': split, 'source': 'diary', 'text': r['text'], 'label': LABELS.index(r['label']),
                       'id': r['id'], 'writer': r['writer']}


def nsmc_split(movie_id):
    # By movie, so a film's title, cast and plot words never sit on both sides of the split.
    h = int(hashlib.sha256(('nsmc-movie:' + movie_id).encode()).hexdigest()[:8], 16) % 20
    return 'test' if h == 0 else 'dev' if h == 1 else 'train'


# Balanced slices (positive = rating >= 9, negative = rating <= 4; 5-8 left out, as upstream NSMC
# does), each class chosen by a hash of the review id: reproducible and independent of file order.
NSMC_SLICE = {'test': 2500, 'dev': 1000, 'train': 60000}


def nsmc_rows():
    pools = collections.defaultdict(list)
    with open(os.path.join(SHARED, 'datasets', 'nsmc', 'reviews.tsv'), encoding='utf-8') as f:
        assert next(f).rstrip('\n').split('\t') == ['review_id', 'movie_id', 'rating', 'text']
        for line in f:
            rid, mid, rating, text = line.rstrip('\n').split('\t')
            rating = int(rating)
            if 5 <= rating <= 8 or not text.strip():
                continue
            key = hashlib.sha256(('nsmc-review:' + rid).encode()).hexdigest()
            pools[(nsmc_split(mid), int(rating >= 9))].append((key, rid, rating, text.strip()))
    for (split, pos), pool in sorted(pools.items()):
        pool.sort()
        for key, rid, rating, text in pool[:NSMC_SLICE[split]]:
            yield {'split': split, 'source': 'nsmc', 'text': text, 'polarity': pos, 'rating': rating, 'id': rid}
        print(f'nsmc {split} {"pos" if pos else "neg"}: {min(len(pool), NSMC_SLICE[split])} of {len(pool)}', file=sys.stderr)


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, 'nsmc.jsonl'), 'w', encoding='utf-8') as f:
        for r in nsmc_rows():
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    rows = list(goemotions_rows()) + list(kote_rows()) + list(diary_rows())
    counts = collections.Counter((r['split'], r['source'], LABELS[r['label']]) for r in rows)
    with open(os.path.join(OUT, 'data.jsonl'), 'w', encoding='utf-8') as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + '\n')
    summary = {}
    for (split, source, label), n in sorted(counts.items()):
        summary.setdefault(f'{split}/{source}', {})[label] = n
    json.dump(summary, open(os.path.join(OUT, 'data-summary.json'), 'w'), indent=1)
    for k, v in summary.items():
        print(k, sum(v.values()), v, file=sys.stderr)


if __name__ == '__main__':
    main()
