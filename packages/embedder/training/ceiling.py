"""How far can a cosine bi-encoder get on the reference score at all? A measurement, not part of training.

Replaces the transformer with free MLP encoders over the *parsed* structured fields (one-hot region, years,
stacks, traits / tags), so nothing is lost to tokenisation or model size, and trains them with the same
losses as train.py (MSE + CoSENT [+ listwise]) on the same blocks. The figures bound what any model trained
this way can reach at that dimension; the model card quotes them (the seed pair stays near 0.7).

  /usr/bin/python3 training/ceiling.py [--dim 128] [--steps 30000] [--rank-weight 0.05] [--list-weight 0]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from evaluate import SEED_PAIR, ndcg_at_k, spearman  # noqa: E402
from train import cosent, listwise  # noqa: E402
from vocab_builder import REGIONS, STACKS, TAGS, TRAITS  # noqa: E402

PROFILE = re.compile(r"^(\S+) 거주, (.+?) 개발자, 스택: (.+?)(?:\. 추가: (.+))?$")
OPENING = re.compile(r"^(\S+) 지역 프로젝트, 요구 스택: (.+?), 필요 경력: (.+?)(?:\. 특이사항: (.+))?$")


def years(label: str) -> int:
    m = re.match(r"(\d)", label)
    return int(m.group(1)) if m else 0  # "1년 이하", "무관"


def one_hot(n: int, idx) -> np.ndarray:
    v = np.zeros(n, np.float32)
    v[idx] = 1
    return v


def features(sentence: str, pattern: re.Pattern, extras: list[str]) -> np.ndarray | None:
    """Canonical sentences only (variants return None)."""
    m = pattern.match(sentence)
    if not m:
        return None
    if pattern is PROFILE:
        region, exp, stacks, extra = m.groups()
    else:
        region, stacks, exp, extra = m.groups()
    try:
        return np.concatenate([
            one_hot(len(REGIONS), REGIONS.index(region)), one_hot(8, years(exp)),
            one_hot(len(STACKS), [STACKS.index(s) for s in stacks.split(", ")]),
            one_hot(len(extras), [extras.index(x) for x in extra.split(", ")] if extra else []),
        ])
    except ValueError:
        return None


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", default=os.path.join(HERE, "data"))
    p.add_argument("--dim", type=int, default=128)
    p.add_argument("--steps", type=int, default=30000)
    p.add_argument("--rank-weight", type=float, default=0.05)
    p.add_argument("--list-weight", type=float, default=0.0)
    a = p.parse_args(argv)
    torch.manual_seed(0)
    torch.set_num_threads(1)
    pf = lambda s: features(s, PROFILE, TRAITS)  # noqa: E731
    of = lambda s: features(s, OPENING, TAGS)  # noqa: E731

    blocks = []
    with open(os.path.join(a.data_dir, "train-blocks.jsonl"), encoding="utf-8") as f:
        for line in f:
            b = json.loads(line)
            ps, os_ = [pf(s) for s in b["profiles"]], [of(s) for s in b["openings"]]
            pi = [i for i, x in enumerate(ps) if x is not None]
            oi = [i for i, x in enumerate(os_) if x is not None]
            labels = np.array(b["labels"], np.float32)[np.ix_(pi, oi)]
            blocks.append((torch.tensor(np.stack([ps[i] for i in pi])), torch.tensor(np.stack([os_[i] for i in oi])),
                           torch.tensor(labels)))
    print(f"[ceiling] {len(blocks)} blocks, dim {a.dim}, {a.steps} steps", flush=True)

    def encoder(n: int) -> torch.nn.Module:
        return torch.nn.Sequential(torch.nn.Linear(n, 512), torch.nn.GELU(), torch.nn.Linear(512, 512), torch.nn.GELU(),
                                   torch.nn.Linear(512, a.dim))

    enc_p, enc_o = encoder(blocks[0][0].shape[1]), encoder(blocks[0][1].shape[1])
    opt = torch.optim.AdamW(list(enc_p.parameters()) + list(enc_o.parameters()), lr=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, 1e-3, total_steps=a.steps)
    emb = lambda m, x: torch.nn.functional.normalize(m(x), dim=-1)  # noqa: E731
    for step in range(a.steps):
        prof, opn, labels = blocks[step % len(blocks)]
        valid = labels >= 0
        cos = emb(enc_p, prof) @ emb(enc_o, opn).T
        loss = ((cos[valid] - labels[valid]) ** 2).mean() + a.rank_weight * cosent(cos[valid], labels[valid], 20.0)
        if a.list_weight > 0:
            loss = loss + a.list_weight * listwise(cos, labels, valid)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if step % 5000 == 0:
            print(f"[ceiling] step {step} loss {float(loss):.4f}", flush=True)

    with open(os.path.join(a.data_dir, "eval-relevance.json"), encoding="utf-8") as f:
        rel = json.load(f)
    with open(os.path.join(a.data_dir, "eval-set.json"), encoding="utf-8") as f:
        pairs = [(pf(x["a"]), of(x["b"]), x["label"]) for x in json.load(f)["pairs"]]
    pairs = [x for x in pairs if x[0] is not None and x[1] is not None]
    with torch.no_grad():
        pv = emb(enc_p, torch.tensor(np.stack([pf(s) for s in rel["profiles"]]))).numpy()
        ov = emb(enc_o, torch.tensor(np.stack([of(s) for s in rel["openings"]]))).numpy()
        av = emb(enc_p, torch.tensor(np.stack([x[0] for x in pairs]))).numpy()
        bv = emb(enc_o, torch.tensor(np.stack([x[1] for x in pairs]))).numpy()
        seed = float(emb(enc_p, torch.tensor(pf(SEED_PAIR[0]))[None]) @ emb(enc_o, torch.tensor(of(SEED_PAIR[1]))[None]).T)
    print(json.dumps({
        "dim": a.dim, "steps": a.steps, "rank_weight": a.rank_weight, "list_weight": a.list_weight,
        "ndcg@10": ndcg_at_k(pv @ ov.T, np.array(rel["relevance"]))[0],
        "spearman": spearman((av * bv).sum(1), [x[2] for x in pairs]), "pairs": len(pairs), "seed_pair_cosine": seed,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
