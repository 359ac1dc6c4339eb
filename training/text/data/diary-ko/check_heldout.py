#!/usr/bin/env python3
"""Validate the held-out diary-ko splits (dev/test) and report their make-up and near-duplicates.

Stdlib only. Run from anywhere:

    python3 training/text/data/diary-ko/check_heldout.py
    python3 training/text/data/diary-ko/check_heldout.py --against path/to/train/*.jsonl

What it checks (the corpus spec, CORPUS-SPEC.md):
- format: one JSON object per line with exactly the spec's keys, NFC text, 4-80 characters, no sentence end
  (. ! ? …) in the middle of the text, known label/domain/register/trait values, unique ids with the split's
  prefix (d- for dev, t- for test), writers h01-h10;
- counts: per class, register, trait; the implicit share among non-NEUTRAL rows; writer x class coverage;
- near-duplicates: character 3-gram Jaccard >= 0.6 (whitespace collapsed) within dev, within test, across
  dev/test, and across each held-out split and any --against files (e.g. the train split, which the
  held-out writer never read). Any hit is listed; the exit code is 1 on a format error or a near-duplicate.
"""
import argparse
import collections
import glob
import json
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
LABELS = ["ANGRY", "SAD", "DISGUST", "HAPPY", "FEAR", "SURPRISE", "NEUTRAL"]
DOMAINS = set("work school family love friends health money pets weather hobbies food travel commute "
              "housework self news neighbours".split())
REGISTERS = ["banmal", "jondaetmal", "fragment", "mixed"]
TRAITS = ("implicit explicit slang spelling typo no-spacing emoji laugh cry negation hedge mild strong "
          "question exclamation english dialect sarcasm metaphor").split()
KEYS = {"id", "text", "label", "writer", "domain", "register", "traits"}
# A sentence end (. ! ? …) followed later by a letter, digit or jamo is a sentence end in the middle.
MID_END = re.compile(r"[.!?…]+(?=.*[0-9A-Za-z가-힣ㄱ-ㅎㅏ-ㅣ])")
THRESHOLD = 0.6


def load(path, prefix):
    rows, errors = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            where = f"{os.path.basename(path)}:{n}"
            try:
                r = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{where} not JSON ({e})")
                continue
            if prefix is None:  # --against files: only the text matters
                rows.append(r)
                continue
            if set(r) != KEYS:
                errors.append(f"{where} keys {sorted(r)}")
                continue
            t = r["text"]
            if unicodedata.normalize("NFC", t) != t:
                errors.append(f"{where} text not NFC")
            if not 4 <= len(t) <= 80:
                errors.append(f"{where} length {len(t)}")
            if MID_END.search(t):
                errors.append(f"{where} sentence end in the middle: {t}")
            if not r["id"].startswith(prefix):
                errors.append(f"{where} id {r['id']} lacks prefix {prefix}")
            if r["label"] not in LABELS:
                errors.append(f"{where} label {r['label']}")
            if r["domain"] not in DOMAINS:
                errors.append(f"{where} domain {r['domain']}")
            if r["register"] not in REGISTERS:
                errors.append(f"{where} register {r['register']}")
            if not re.fullmatch(r"h(0[1-9]|10)", r["writer"]):
                errors.append(f"{where} writer {r['writer']}")
            bad = [x for x in r["traits"] if x not in TRAITS]
            if bad or len(set(r["traits"])) != len(r["traits"]):
                errors.append(f"{where} traits {r['traits']}")
            rows.append(r)
    if prefix is not None:
        for i, c in collections.Counter(r["id"] for r in rows).items():
            if c > 1:
                errors.append(f"{os.path.basename(path)} duplicate id {i}")
    return rows, errors


def pct(n, d):
    return f"{n} ({100 * n / d:.1f}%)" if d else str(n)


def report(name, rows):
    n = len(rows)
    print(f"\n== {name}: {n} sentences")
    by_label = collections.Counter(r["label"] for r in rows)
    print("class:    " + ", ".join(f"{l} {by_label[l]}" for l in LABELS))
    by_reg = collections.Counter(r["register"] for r in rows)
    print("register: " + ", ".join(f"{g} {pct(by_reg[g], n)}" for g in REGISTERS))
    by_trait = collections.Counter(t for r in rows for t in r["traits"])
    print("traits:   " + ", ".join(f"{t} {pct(c, n)}" for t, c in by_trait.most_common()))
    emo = [r for r in rows if r["label"] != "NEUTRAL"]
    groups = {"implicit among non-NEUTRAL": (sum("implicit" in r["traits"] for r in emo), len(emo)),
              "slang or internet spelling": (sum(bool({"slang", "spelling"} & set(r["traits"])) for r in rows), n),
              "typo or missing spaces": (sum(bool({"typo", "no-spacing"} & set(r["traits"])) for r in rows), n),
              "negation or hedging": (sum(bool({"negation", "hedge"} & set(r["traits"])) for r in rows), n),
              "emoji": (by_trait["emoji"], n)}
    for k, (a, b) in groups.items():
        print(f"  {k}: {pct(a, b)}")
    print("per class: register / implicit / emoji / laugh / cry")
    for l in LABELS:
        sub = [r for r in rows if r["label"] == l]
        reg = collections.Counter(r["register"] for r in sub)
        cnt = lambda t: sum(t in r["traits"] for r in sub)  # noqa: E731
        print(f"  {l:8s} " + " ".join(f"{g[:4]}={reg[g]}" for g in REGISTERS)
              + f" | implicit={cnt('implicit')} emoji={cnt('emoji')} laugh={cnt('laugh')} cry={cnt('cry')}")
    doms = collections.Counter(r["domain"] for r in rows)
    print("domains:  " + ", ".join(f"{d} {c}" for d, c in doms.most_common())
          + (f"  MISSING {sorted(DOMAINS - set(doms))}" if DOMAINS - set(doms) else ""))
    print("writer x class (" + " ".join(l[:3] for l in LABELS) + ")")
    wc = collections.defaultdict(collections.Counter)
    for r in rows:
        wc[r["writer"]][r["label"]] += 1
    for w in sorted(wc):
        print(f"  {w}: " + " ".join(f"{wc[w][l]:3d}" for l in LABELS) + f"   total {sum(wc[w].values())}")
    starts = sum(r["text"].startswith("오늘") for r in rows)
    print(f"sentences opening with 오늘: {pct(starts, n)}")


def grams(text):
    s = re.sub(r"\s+", " ", text.strip())
    return {s[i:i + 3] for i in range(len(s) - 2)} or {s}


def near_dups(a, b, same):
    ga, gb = [grams(r["text"]) for r in a], [grams(r["text"]) for r in b]
    hits, best = [], 0.0
    for i, x in enumerate(ga):
        for j in range(i + 1 if same else 0, len(gb)):
            y = gb[j]
            jac = len(x & y) / len(x | y)
            best = max(best, jac)
            if jac >= THRESHOLD:
                hits.append((jac, a[i].get("id", "?"), a[i]["text"], b[j].get("id", "?"), b[j]["text"]))
    return hits, best


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--against", nargs="*", default=[], help="other JSONL files (globs) to check for near-duplicates")
    args = ap.parse_args()
    dev, e1 = load(os.path.join(HERE, "dev.jsonl"), "d-")
    test, e2 = load(os.path.join(HERE, "test.jsonl"), "t-")
    errors = e1 + e2
    for e in errors:
        print("ERROR", e)
    report("dev", dev)
    report("test", test)
    pairs = [("dev x dev", dev, dev, True), ("test x test", test, test, True), ("dev x test", dev, test, False)]
    for pattern in args.against:
        for path in sorted(glob.glob(pattern)):
            other, e = load(path, None)
            errors += e
            pairs += [(f"dev x {path}", dev, other, False), (f"test x {path}", test, other, False)]
    print(f"\nnear-duplicates (character 3-gram Jaccard >= {THRESHOLD}):")
    found = 0
    for name, a, b, same in pairs:
        hits, best = near_dups(a, b, same)
        found += len(hits)
        print(f"  {name}: {len(hits)} (highest Jaccard {best:.2f})")
        for h in sorted(hits, reverse=True):
            print(f"    {h[0]:.2f} {h[1]} {h[2]} | {h[3]} {h[4]}")
    sys.exit(1 if errors or found else 0)


if __name__ == "__main__":
    main()
