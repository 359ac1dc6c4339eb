"""Features of the n-gram text model, mirrored exactly in TypeScript by src/analysis/text/ngram/features.ts
(checked against features written by train_ngram.py). Keep the two in step.

A sentence is NFC-normalised, ASCII A-Z lower-cased (only ASCII: Python's and JavaScript's full
Unicode case maps differ), whitespace collapsed to single spaces and trimmed. Features, each a
string hashed with MurmurHash3 (x86, 32-bit, seed 0) over its UTF-8 bytes into `buckets` rows:
- "c" + every character n-gram (n = 1..char_max_n, by code point) of " " + text + " ";
- "w" + every word and "w" + w1 + "\\u0001" + w2 for each adjacent word pair (words split on spaces).
Each distinct bucket counts once; the model averages its rows over them.
"""
import re
import unicodedata

from sklearn.utils import murmurhash3_32

# Whitespace spelled out, the same class as the TypeScript side (Python's and JavaScript's \s differ).
SPACE = re.compile('[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+')


def normalize(text):
    t = unicodedata.normalize('NFC', text)
    t = ''.join(chr(ord(c) + 32) if 'A' <= c <= 'Z' else c for c in t)
    return SPACE.sub(' ', t).strip()


def feature_strings(text, char_max_n=4, word_ngrams=2):
    t = normalize(text)
    padded = ' ' + t + ' '
    out = []
    for n in range(1, char_max_n + 1):
        for i in range(len(padded) - n + 1):
            out.append('c' + padded[i:i + n])
    words = t.split(' ') if t else []
    if word_ngrams >= 1:
        out.extend('w' + w for w in words)
    if word_ngrams >= 2:
        out.extend('w' + a + '\u0001' + b for a, b in zip(words, words[1:]))
    return out


def features(text, buckets, char_max_n=4, word_ngrams=2):
    """Distinct bucket ids, sorted."""
    return sorted({murmurhash3_32(s, seed=0, positive=True) % buckets for s in feature_strings(text, char_max_n, word_ngrams)})
