#!/usr/bin/python3
"""Masked-language-model pre-training of the text encoder on informal Korean: the NSMC review
slice (prepare_data.py; real movie reviews, CC0) plus the train texts of the emotion corpora, never
a dev or test row. BERT-style masking (15 % of the real tokens: 80 % [MASK], 10 % a random token,
10 % kept). The saved weights (token embedding, positions, blocks, final LayerNorm) initialise
train_transformer.py --init; the MLM output layer is thrown away.

    /usr/bin/python3 training/text/pretrain_mlm.py --name mlm --d 128 --layers 2 --epochs 1

Writes training/.cache/text/<name>/encoder.pt and metrics.json.
"""
import argparse
import json
import math
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import CACHE, cosine_lr, length_batches, load_corpus, load_nsmc, pad_ids  # noqa: E402
from train_transformer import Encoder, TableEmbedding  # noqa: E402

MASK_ID, FIRST_REAL_ID = 4, 5


def mask_tokens(ids, mask, vocab, rate, gen):
    """(inputs, targets): targets are -100 except where a real token was chosen for prediction."""
    real = (ids >= FIRST_REAL_ID) & mask.bool()
    chosen = (torch.rand(ids.shape, generator=gen) < rate) & real
    targets = torch.where(chosen, ids, torch.full_like(ids, -100))
    r = torch.rand(ids.shape, generator=gen)
    inputs = ids.masked_fill(chosen & (r < 0.8), MASK_ID)
    swap = chosen & (r >= 0.8) & (r < 0.9)
    inputs = torch.where(swap, torch.randint(FIRST_REAL_ID, vocab, ids.shape, generator=gen), inputs)
    return inputs, targets


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', default='mlm')
    ap.add_argument('--d', type=int, default=128)
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--epochs', type=int, default=1)
    ap.add_argument('--batch', type=int, default=128)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--rate', type=float, default=0.15)
    ap.add_argument('--seed', type=int, default=13)
    ap.add_argument('--max-minutes', type=float, default=15.0, help='stop (mid-epoch) once this much time has passed')
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    vocab = sum(1 for _ in open(os.path.join(CACHE, 'vocab-pruned.txt'), encoding='utf-8'))
    rows = load_corpus()['train'] + load_nsmc()['train']
    rows = [r for r in rows if len(r['ids']) > 3]
    enc = Encoder(TableEmbedding(vocab, args.d), args.d, args.layers, args.heads, 4 * args.d)
    head = nn.Sequential(nn.Linear(args.d, args.d), nn.GELU(), nn.LayerNorm(args.d), nn.Linear(args.d, vocab))
    dense = [p for n, p in enc.named_parameters() if not n.startswith('tok.') and not n.startswith('head.')] + list(head.parameters())
    opt = torch.optim.AdamW(dense, lr=args.lr, weight_decay=0.01)
    sparse = torch.optim.SparseAdam(list(enc.tok.parameters()), lr=args.lr)
    steps = math.ceil(len(rows) / args.batch) * args.epochs
    warmup = max(1, steps // 20)
    print(f'{args.name}: {len(rows)} texts, vocab {vocab}, {steps} steps', file=sys.stderr)

    def encode(ids, mask):
        """The encoder's per-token states (Encoder.forward_both without pooling)."""
        t = ids.shape[1]
        x = enc.drop(enc.tok(ids) + enc.pos(torch.arange(t).unsqueeze(0)))
        bias = (1.0 - mask.to(torch.float32))[:, None, None, :] * -10000.0
        for blk in enc.blocks:
            x = blk(x, bias)
        return enc.ln(x)

    t_start, step, history = time.time(), 0, []
    stop = False
    for epoch in range(args.epochs):
        enc.train()
        loss_sum, n = 0.0, 0
        for batch in length_batches(rows, args.batch, shuffle=True, seed=args.seed + epoch):
            ids, mask = pad_ids([rows[i]['ids'] for i in batch])
            inputs, targets = mask_tokens(ids, mask, vocab, args.rate, gen)
            sel = targets != -100
            if not sel.any():
                continue
            for g in opt.param_groups + sparse.param_groups:
                g['lr'] = cosine_lr(step, steps, warmup, args.lr)
            h = encode(inputs, mask)[sel]
            loss = F.cross_entropy(head(h), targets[sel])
            opt.zero_grad()
            sparse.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(dense, 1.0)
            opt.step()
            sparse.step()
            loss_sum, n, step = loss_sum + loss.item(), n + 1, step + 1
            if step % 200 == 0:
                history.append({'step': step, 'loss': loss_sum / n, 'minutes': (time.time() - t_start) / 60})
                print(json.dumps(history[-1]), file=sys.stderr)
                loss_sum, n = 0.0, 0
            if (time.time() - t_start) / 60 > args.max_minutes:
                print(f'time budget reached at step {step} of {steps}', file=sys.stderr)
                stop = True
                break
        if stop:
            break
    out_dir = os.path.join(CACHE, args.name)
    os.makedirs(out_dir, exist_ok=True)
    state = {k: v for k, v in enc.state_dict().items() if k.startswith(('tok.', 'pos.', 'blocks.', 'ln.'))}
    torch.save(state, os.path.join(out_dir, 'encoder.pt'))
    json.dump({'name': args.name, 'args': vars(args), 'steps': step, 'planned_steps': steps, 'texts': len(rows),
               'seconds': round(time.time() - t_start), 'history': history}, open(os.path.join(out_dir, 'metrics.json'), 'w'), indent=1)
    print(f'{args.name}: {step} steps in {time.time() - t_start:.0f}s', file=sys.stderr)


if __name__ == '__main__':
    main()
