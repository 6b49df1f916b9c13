"""Quality figures of a sentence-embedding model on held-out data (Python side of `eval:model`):
Spearman/Pearson of cosine vs referenceScore labels, NDCG@10 over profiles × openings,
the seed card's matching pair, and canonical-vs-variant cosine.

  /usr/bin/python3 training/evaluate.py --model-dir models/moim-ko-mini [--eval-set training/data/eval-set.json]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys

import numpy as np
import torch

SEED_PAIR = (
    "경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심",
    "경상북도 지역 프로젝트, 요구 스택: Java, 필요 경력: 1년차 이상. 특이사항: 스터디, 프로젝트 중심",
)
HERE = os.path.dirname(os.path.abspath(__file__))


def _ranks(x: np.ndarray) -> np.ndarray:
    """Average ranks for ties (as scipy.stats.rankdata)."""
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x), dtype=np.float64)
    sorted_x = x[order]
    i = 0
    while i < len(x):
        j = i
        while j + 1 < len(x) and sorted_x[j + 1] == sorted_x[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2.0 + 1
        i = j + 1
    return ranks


def pearson(a, b) -> float:
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    return float(np.corrcoef(a, b)[0, 1])


def spearman(a, b) -> float:
    return pearson(_ranks(np.asarray(a, dtype=np.float64)), _ranks(np.asarray(b, dtype=np.float64)))


def ndcg_at_k(scores: np.ndarray, relevance: np.ndarray, k: int = 10) -> tuple[float, int]:
    """Mean NDCG@k over rows (linear gain = relevance, log2 discount); rows with no relevant item are skipped."""
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    values = []
    for s, rel in zip(scores, relevance):
        ideal = np.sort(rel)[::-1][:k]
        idcg = float((ideal * discounts[: len(ideal)]).sum())
        if idcg <= 0:
            continue
        top = np.argsort(-s, kind="stable")[:k]
        values.append(float((rel[top] * discounts[: len(top)]).sum()) / idcg)
    return (float(np.mean(values)) if values else math.nan), len(values)


def evaluate(embed_fn, eval_set: dict, relevance: dict | None) -> dict:
    """embed_fn(list[str]) -> np.ndarray of L2-normalised rows."""
    cache: dict[str, np.ndarray] = {}

    def vectors(texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            for t, v in zip(missing, embed_fn(missing)):
                cache[t] = v
        return np.stack([cache[t] for t in texts])

    pairs = eval_set["pairs"]
    a = vectors([p["a"] for p in pairs])
    b = vectors([p["b"] for p in pairs])
    cos = (a * b).sum(axis=1)
    labels = np.array([p["label"] for p in pairs], dtype=np.float64)
    out = {
        "pairs": len(pairs),
        "spearman": spearman(cos, labels),
        "pearson": pearson(cos, labels),
        "mae": float(np.abs(cos - labels).mean()),
    }
    if relevance is not None:
        pv = vectors(relevance["profiles"])
        ov = vectors(relevance["openings"])
        ndcg, rows = ndcg_at_k(pv @ ov.T, np.array(relevance["relevance"], dtype=np.float64), 10)
        out.update({"ndcg@10": ndcg, "ndcg_profiles": rows, "ndcg_openings": len(relevance["openings"])})
    sp = vectors(list(SEED_PAIR))
    out["seed_pair_cosine"] = float(sp[0] @ sp[1])
    variant_cos = []
    for group in eval_set["variants"]:
        c = vectors([group["canonical"]])[0]
        if group["variants"]:
            variant_cos.extend((vectors(group["variants"]) @ c).tolist())
    out["variant_cosine_mean"] = float(np.mean(variant_cos))
    out["variant_cosine_min"] = float(np.min(variant_cos))
    out["variant_cosine_p10"] = float(np.percentile(variant_cos, 10))
    out["variant_pairs"] = len(variant_cos)
    return out


TARGETS = {"spearman": 0.97, "ndcg@10": 0.98, "seed_pair_cosine": 0.9, "variant_cosine_mean": 0.9}


def meets_targets(figures: dict) -> dict:
    return {k: bool(figures.get(k, -1) >= v) for k, v in TARGETS.items()}


def main(argv=None) -> int:
    sys.path.insert(0, HERE)
    from model_dir import embed, load_model_dir

    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model-dir", required=True)
    p.add_argument("--eval-set", default=os.path.join(HERE, "data", "eval-set.json"))
    p.add_argument("--relevance", default=os.path.join(HERE, "data", "eval-relevance.json"))
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    torch.set_num_threads(a.threads)
    model, tok, pooling = load_model_dir(a.model_dir)
    with open(a.eval_set, encoding="utf-8") as f:
        eval_set = json.load(f)
    relevance = None
    if os.path.exists(a.relevance):
        with open(a.relevance, encoding="utf-8") as f:
            relevance = json.load(f)
    figures = evaluate(lambda texts: embed(model, tok, texts, pooling).numpy(), eval_set, relevance)
    figures["targets_met"] = meets_targets(figures)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
