#!/usr/bin/python3
"""Trains a compact transformer encoder from scratch on the ids the app's own tokenizer produced
(export-token-ids.ts), on GoEmotions-ko, KOTE and the diary corpus (diary rows weighted up), with
the tied NSMC polarity loss when --nsmc-weight > 0 and from MLM-pretrained weights with --init.
It exports ONNX with the contract of an exported RobertaForSequenceClassification, input_ids,
attention_mask (int64, [batch, seq]) -> logits (float32, [batch, 7]), plus a second output
`pooled` (float32, [batch, d]): the sentence vector the classifier head reads.

    /usr/bin/python3 training/text/train_transformer.py --name tf --d 128 --layers 2 --epochs 5 --diary-weight 3

Writes training/.cache/text/<name>/{model.onnx, metrics.json, reference.json} and the exported
model's evaluation probabilities to training/.cache/text/scores/<name>.json.
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import (CACHE, EMOTION_SOURCES, LABELS, cosine_lr, length_batches, load_corpus, load_nsmc, metrics, pad_ids,  # noqa: E402
                    polarity_loss, sample_weights, selection_score, write_scores)
from evaluate import evaluate_sets  # noqa: E402

MAX_LEN = 256


class Block(nn.Module):
    """Pre-LayerNorm encoder block. Written out (not nn.TransformerEncoderLayer) so the ONNX graph
    is plain MatMul/Softmax with an additive mask and nothing depends on torch's fast paths."""

    def __init__(self, d, heads, ff, p):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d)
        self.ff1 = nn.Linear(d, ff)
        self.ff2 = nn.Linear(ff, d)
        self.drop = nn.Dropout(p)

    def forward(self, x, bias):
        b, t, d = x.shape
        qkv = self.qkv(self.ln1(x)).reshape(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0], qkv[1], qkv[2]
        att = torch.matmul(q, k.transpose(-1, -2)) * (1.0 / math.sqrt(d // self.heads)) + bias
        att = self.drop(att.softmax(-1))
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, t, d)
        x = x + self.drop(self.proj(y))
        return x + self.drop(self.ff2(F.gelu(self.ff1(self.ln2(x)))))


class TableEmbedding(nn.Module):
    """One free vector per token. Sparse gradients: a batch touches ~1k of the 26k rows, and a dense
    Adam update of the whole table each step costs more than the encoder on a 2-core CPU."""

    def __init__(self, vocab, d):
        super().__init__()
        self.emb = nn.Embedding(vocab, d, sparse=True)
        nn.init.normal_(self.emb.weight, std=0.02)

    def forward(self, input_ids):
        return self.emb(input_ids)

    def table(self):
        return self.emb.weight.detach()


def token_features(vocab):
    """fastText-style features of each vocabulary entry: the token itself plus its character
    1..3-grams with a word-start (^) or continuation (#) mark and an end mark ($)."""
    index, rows = {}, []
    for tok in vocab:
        feats = {'<tok>' + tok}
        if not (tok.startswith('[') and tok.endswith(']')):
            cont = tok.startswith('##')
            s = ('#' if cont else '^') + (tok[2:] if cont else tok) + '$'
            feats |= {s[i:i + n] for n in (1, 2, 3) for i in range(len(s) - n + 1)}
        rows.append([index.setdefault(f, len(index)) for f in sorted(feats)])
    return rows, len(index)


class SubwordEmbedding(nn.Module):
    """A token's vector is the mean of its feature vectors, so rare tokens share what frequent ones
    with the same syllables learned (행복 / 행복한 / ##행복). Only used in training: the export
    precomputes the per-token table, so the ONNX model is the same plain Gather either way."""

    def __init__(self, vocab_tokens, d):
        super().__init__()
        rows, n_feats = token_features(vocab_tokens)
        self.rows = [torch.tensor(r, dtype=torch.long) for r in rows]
        self.bag = nn.EmbeddingBag(n_feats, d, mode='mean', sparse=True)
        nn.init.normal_(self.bag.weight, std=0.05)
        self.n_feats = n_feats

    def _vectors(self, token_ids):
        feats = [self.rows[t] for t in token_ids.tolist()]
        offsets = torch.tensor([0] + [len(f) for f in feats[:-1]], dtype=torch.long).cumsum(0)
        return self.bag(torch.cat(feats), offsets)

    def forward(self, input_ids):
        uniq, inverse = torch.unique(input_ids, return_inverse=True)
        return self._vectors(uniq)[inverse]

    def table(self):
        with torch.no_grad():
            return self._vectors(torch.arange(len(self.rows)))


class Encoder(nn.Module):
    def __init__(self, tok, d, layers, heads, ff, p=0.1, n_labels=len(LABELS), wide=None):
        super().__init__()
        self.tok = tok
        # Optional "wide" part: a linear bag-of-tokens term added to the logits (wide & deep), so the
        # encoder only has to learn what plain word evidence does not already give.
        self.wide = wide
        self.pos = nn.Embedding(MAX_LEN, d)
        self.drop = nn.Dropout(p)
        self.blocks = nn.ModuleList([Block(d, heads, ff, p) for _ in range(layers)])
        self.ln = nn.LayerNorm(d)
        self.head = nn.Linear(d, n_labels)
        nn.init.normal_(self.pos.weight, std=0.02)

    def forward(self, input_ids, attention_mask):
        return self.forward_both(input_ids, attention_mask)[0]

    def forward_both(self, input_ids, attention_mask):
        """(logits, pooled): pooled is the sentence vector the head reads (exported as `pooled`)."""
        t = input_ids.shape[1]
        pos = torch.arange(t, dtype=torch.long, device=input_ids.device).unsqueeze(0)
        x = self.drop(self.tok(input_ids) + self.pos(pos))
        m = attention_mask.to(torch.float32)
        # -1e4 rather than -inf: exp underflows to exactly 0 in float32 (padding never leaks into a
        # row, so batched and one-by-one results match) without inf-inf NaNs.
        bias = (1.0 - m)[:, None, None, :] * -10000.0
        for blk in self.blocks:
            x = blk(x, bias)
        x = self.ln(x)
        # Masked mean over real tokens: steadier than [CLS] for a small model trained from scratch.
        denom = m.sum(1, keepdim=True).clamp(min=1.0)
        pooled = (x * m.unsqueeze(-1)).sum(1) / denom
        logits = self.head(self.drop(pooled))
        if self.wide is not None:
            logits = logits + (self.wide(input_ids) * m.unsqueeze(-1)).sum(1) / denom
        return logits, pooled


class BothOutputs(nn.Module):
    """Export wrapper: logits and the pooled sentence vector as two ONNX outputs."""

    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids, attention_mask):
        return self.encoder.forward_both(input_ids, attention_mask)


class QuantizedEmbedding(nn.Module):
    """Per-row symmetric int8 token embedding: a quarter of the float32 size (the embedding is most
    of the model), dequantized by Gather + Cast + Mul in the graph."""

    def __init__(self, weight):
        super().__init__()
        scale = weight.abs().amax(dim=1).clamp(min=1e-8) / 127.0
        self.register_buffer('q', torch.round(weight / scale[:, None]).clamp(-127, 127).to(torch.int8))
        self.register_buffer('scale', scale.to(torch.float32))

    def forward(self, input_ids):
        return self.q[input_ids].to(torch.float32) * self.scale[input_ids].unsqueeze(-1)


def export_copy(trained, cfg):
    """The trained encoder with its token embedding replaced by the int8 per-token table."""
    wide = TableEmbedding(trained.wide.emb.num_embeddings, trained.wide.emb.embedding_dim) if trained.wide is not None else None
    if wide is not None:
        wide.emb.sparse = False
    model = Encoder(QuantizedEmbedding(trained.tok.table()), cfg['d'], cfg['layers'], cfg['heads'], cfg['ff'], wide=wide)
    state = {k: v for k, v in trained.state_dict().items() if not k.startswith('tok.')}
    missing = model.load_state_dict(state, strict=False)
    assert all(k.startswith('tok.') for k in missing.missing_keys) and not missing.unexpected_keys
    return model.eval()


def evaluate(model, rows, batch_size=128):
    model.eval()
    preds = [0] * len(rows)
    logits_all = [None] * len(rows)
    with torch.no_grad():
        for batch in length_batches(rows, batch_size, shuffle=False):
            ids, mask = pad_ids([rows[i]['ids'] for i in batch])
            out = model(ids, mask)
            for j, i in enumerate(batch):
                preds[i] = int(out[j].argmax())
                logits_all[i] = out[j].tolist()
    return metrics([r['label'] for r in rows], preds), logits_all


def export_onnx(model, path):
    ids, mask = pad_ids([[2, 100, 200, 3], [2, 300, 3]])
    torch.onnx.export(
        BothOutputs(model).eval(), (ids, mask), path,
        input_names=['input_ids', 'attention_mask'], output_names=['logits', 'pooled'],
        dynamic_axes={'input_ids': {0: 'batch', 1: 'sequence'}, 'attention_mask': {0: 'batch', 1: 'sequence'},
                      'logits': {0: 'batch'}, 'pooled': {0: 'batch'}},
        opset_version=14, do_constant_folding=True)


def eval_sets(model, data, nsmc, split):
    """Probabilities on every evaluation set of one split, as evaluate.py wants them."""
    sets = {}
    for src in EMOTION_SOURCES:
        rows = [r for r in data[split] if r['source'] == src]
        _, logits = evaluate(model, rows)
        sets[f'{src}/{split}'] = (np.array([r['label'] for r in rows]), F.softmax(torch.tensor(logits), -1).numpy())
    _, logits = evaluate(model, [dict(r, label=0) for r in nsmc[split]])
    sets[f'nsmc/{split}'] = (np.array([r['polarity'] for r in nsmc[split]]), F.softmax(torch.tensor(logits), -1).numpy())
    return sets


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', default='small')
    ap.add_argument('--d', type=int, default=128)
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--ff', type=int, default=0, help='default 4*d')
    ap.add_argument('--epochs', type=int, default=6)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--threads', type=int, default=1, help='1 beats 2 on a shared 2-core CPU (no spin-waiting)')
    ap.add_argument('--seed', type=int, default=13)
    ap.add_argument('--wide', type=int, default=1, help='1: add a linear bag-of-tokens term to the logits')
    ap.add_argument('--subword', type=int, default=0, help='1: fastText-style token embeddings in training')
    ap.add_argument('--dropout', type=float, default=0.1)
    ap.add_argument('--token-dropout', type=float, default=0.1)
    ap.add_argument('--label-smoothing', type=float, default=0.05)
    ap.add_argument('--sources', default=','.join(EMOTION_SOURCES))
    ap.add_argument('--diary-weight', type=float, default=1.0, help='diary rows count this many times (sample_weights)')
    ap.add_argument('--nsmc-weight', type=float, default=0.0, help='weight of the tied NSMC polarity loss (0: off)')
    ap.add_argument('--nsmc-batch', type=int, default=32)
    ap.add_argument('--init', default='', help='encoder weights from pretrain_mlm.py (token embedding, positions, blocks)')
    ap.add_argument('--limit', type=int, default=0, help='smoke test: use only this many training rows')
    ap.add_argument('--max-minutes', type=float, default=25.0, help='stop after the epoch that crosses this')
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    run_cfg = {k: getattr(args, k) for k in ('wide', 'subword', 'dropout', 'token_dropout', 'label_smoothing', 'lr', 'batch', 'epochs', 'seed',
                                             'sources', 'diary_weight', 'nsmc_weight', 'nsmc_batch', 'init')}
    cfg = {'d': args.d, 'layers': args.layers, 'heads': args.heads, 'ff': args.ff or 4 * args.d}

    data = load_corpus()
    nsmc = load_nsmc()
    sources = set(args.sources.split(','))
    data['train'] = [r for r in data['train'] if r['source'] in sources]
    if args.limit:
        data['train'] = data['train'][::max(1, len(data['train']) // args.limit)]
    vocab_tokens = [l.rstrip('\n') for l in open(os.path.join(CACHE, 'vocab-pruned.txt'), encoding='utf-8')]
    vocab = len(vocab_tokens)
    assert max(max(r['ids']) for s in data.values() for r in s) < vocab
    weights = torch.tensor(sample_weights(data['train'], args.diary_weight))
    tok = SubwordEmbedding(vocab_tokens, cfg['d']) if args.subword else TableEmbedding(vocab, cfg['d'])
    wide = None
    if args.wide:
        wide = TableEmbedding(vocab, len(LABELS))
        nn.init.zeros_(wide.emb.weight)
    model = Encoder(tok, **cfg, p=args.dropout, wide=wide)
    if args.init:
        state = torch.load(args.init)
        missing = model.load_state_dict(state, strict=False)
        assert not missing.unexpected_keys, missing.unexpected_keys
        print(f'initialised from {args.init}; not in it: {missing.missing_keys}', file=sys.stderr)
    n_params = sum(p.numel() for n, p in model.named_parameters() if not n.startswith('tok.')) + vocab * cfg['d']
    cfg['wide'] = bool(args.wide)
    print(f'{args.name}: {cfg}, vocab {vocab}, params {n_params}, train rows {len(data["train"])}', file=sys.stderr)

    is_sparse = lambda n: n.startswith('tok.') or n.startswith('wide.')  # noqa: E731
    # The linear bag-of-tokens term learns like a logistic regression: it needs a larger step.
    sparse_groups = [{'params': [p for n, p in model.named_parameters() if n.startswith('tok.')], 'scale': 1.0}]
    if args.wide:
        sparse_groups.append({'params': list(model.wide.parameters()), 'scale': 10.0})
    dense = [(n, p) for n, p in model.named_parameters() if not is_sparse(n)]
    no_decay = [p for n, p in dense if n.endswith('bias') or 'ln' in n or n.startswith('pos')]
    decay = [p for n, p in dense if not (n.endswith('bias') or 'ln' in n or n.startswith('pos'))]
    opt = torch.optim.AdamW([{'params': decay, 'weight_decay': 0.01}, {'params': no_decay, 'weight_decay': 0.0}], lr=args.lr)
    sparse_opt = torch.optim.SparseAdam(sparse_groups, lr=args.lr)
    steps_per_epoch = math.ceil(len(data['train']) / args.batch)
    total = steps_per_epoch * args.epochs
    warmup = max(1, total // 20)
    nsmc_rng = random.Random(args.seed)

    def word_dropout(ids):
        if args.token_dropout <= 0:
            return ids
        # Word dropout: some real tokens become [UNK] (id 1), as unseen words are at inference.
        drop = (torch.rand(ids.shape) < args.token_dropout) & (ids > 4)
        return ids.masked_fill(drop, 1)

    out_dir = os.path.join(CACHE, args.name)
    os.makedirs(out_dir, exist_ok=True)
    best = (-1.0, None, 0)
    history = []
    step = 0
    t_start = time.time()
    for epoch in range(args.epochs):
        model.train()
        t0 = time.time()
        loss_sum = 0.0
        for batch in length_batches(data['train'], args.batch, shuffle=True, seed=args.seed + epoch):
            ids, mask = pad_ids([data['train'][i]['ids'] for i in batch])
            y = torch.tensor([data['train'][i]['label'] for i in batch])
            w = weights[batch]
            for g in opt.param_groups + sparse_opt.param_groups:
                g['lr'] = cosine_lr(step, total, warmup, args.lr) * g.get('scale', 1.0)
            ce = F.cross_entropy(model(word_dropout(ids), mask), y, reduction='none', label_smoothing=args.label_smoothing)
            loss = (ce * w).sum() / w.sum()
            if args.nsmc_weight:
                rows = nsmc_rng.sample(nsmc['train'], args.nsmc_batch)
                nids, nmask = pad_ids([r['ids'] for r in rows])
                loss = loss + args.nsmc_weight * polarity_loss(model(word_dropout(nids), nmask), torch.tensor([r['polarity'] for r in rows]))
            opt.zero_grad()
            sparse_opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_([p for _, p in dense], 1.0)
            opt.step()
            sparse_opt.step()
            loss_sum += loss.item()
            step += 1
        figs = evaluate_sets(eval_sets(model, data, nsmc, 'dev'))
        score = selection_score(figs)
        history.append({'epoch': epoch + 1, 'loss': loss_sum / steps_per_epoch, 'score': score, 'diary_dev_f1': figs['diary/dev']['macro_f1'],
                        'real_dev_f1': figs['real/dev']['macro_f1'], 'nsmc_dev_acc': figs['nsmc/dev']['accuracy'], 'seconds': time.time() - t0})
        print(json.dumps(history[-1]), file=sys.stderr)
        if score > best[0]:
            best = (score, {k: v.clone() for k, v in model.state_dict().items()}, epoch + 1)
        if (time.time() - t_start) / 60 > args.max_minutes:
            print(f'time budget reached after epoch {epoch + 1}', file=sys.stderr)
            break
    train_seconds = time.time() - t_start
    model.load_state_dict(best[1])

    exported = export_copy(model, cfg)
    sets = {**eval_sets(exported, data, nsmc, 'dev'), **eval_sets(exported, data, nsmc, 'test')}
    write_scores(args.name, sets, {'kind': 'transformer', 'config': cfg, 'training': run_cfg})
    onnx_path = os.path.join(out_dir, 'model.onnx')
    export_onnx(exported, onnx_path)
    # Reference logits and pooled vectors of the exported (int8-embedding) model for the Node/ORT parity check.
    ref_rows = [r for r in data['dev'] if r['source'] == 'diary'][:40]
    with torch.no_grad():
        ref = []
        for r in ref_rows:
            ids, mask = pad_ids([r['ids']])
            logits, pooled = exported.forward_both(ids, mask)
            ref.append({'ids': r['ids'], 'text': r['text'], 'label': r['label'], 'logits': logits[0].tolist(), 'pooled': pooled[0].tolist()})
    json.dump(ref, open(os.path.join(out_dir, 'reference.json'), 'w'), ensure_ascii=False)
    dev = evaluate_sets({k: v for k, v in sets.items() if k.endswith('/dev')})
    result = {
        'name': args.name, 'config': cfg, 'training': run_cfg, 'vocab': vocab, 'params': n_params, 'best_epoch': best[2],
        'train_seconds': round(train_seconds), 'threads': args.threads, 'history': history,
        'selection_score': selection_score(dev), 'onnx_bytes': os.path.getsize(onnx_path),
    }
    json.dump(result, open(os.path.join(out_dir, 'metrics.json'), 'w'), indent=1)
    print(f'{args.name}: best epoch {best[2]}, dev score {result["selection_score"]:.4f}, diary dev F1 {dev["diary/dev"]["macro_f1"]:.4f}, '
          f'onnx {result["onnx_bytes"]} bytes, {train_seconds:.0f}s', file=sys.stderr)


if __name__ == '__main__':
    main()
