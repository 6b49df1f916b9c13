"""Train the default Korean sentence-embedding model on the synthetic matching data and export it.

Bi-encoder BERT with mean pooling; CosineSimilarityLoss (MSE between the cosine of two sentence
vectors and the label), as in the seed card. Each training step is one block from
generate-pairs.ts: B profile and B opening sentences (plus alias/paraphrase variants) encoded
once, with the full B × B referenceScore label matrix as targets, and canonical~variant pairs
pulled to cosine 1. Label bins are re-weighted so the loss is not dominated by one bin.

  /usr/bin/python3 training/train.py [--data-dir training/data] [--out models/moim-ko-mini] [--seed 42]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from bert import BertConfig, BertModel, batch_tensors, pool  # noqa: E402
from evaluate import evaluate, meets_targets  # noqa: E402
from model_card import write_model_card  # noqa: E402
from model_dir import embed, write_model_dir  # noqa: E402
from vocab_builder import build_default_vocab  # noqa: E402
from wordpiece import WordPieceTokenizer  # noqa: E402

BIN_EDGES = (0.0, 0.5, 0.8)  # bins: 0 | (0,0.5) | [0.5,0.8) | [0.8,1]


def label_bins(labels: torch.Tensor) -> torch.Tensor:
    bins = torch.zeros_like(labels, dtype=torch.long)
    bins[labels > 0] = 1
    bins[labels >= 0.5] = 2
    bins[labels >= 0.8] = 3
    return bins


def bin_weights(blocks: list[dict], power: float) -> torch.Tensor:
    """Per-bin loss weights ∝ frequency^-power, normalised to mean 1 over the training labels."""
    labels = torch.tensor([l for b in blocks for row in b["labels"] for l in row if l >= 0], dtype=torch.float32)
    counts = torch.bincount(label_bins(labels), minlength=4).to(torch.float64).clamp(min=1)
    freq = counts / counts.sum()
    w = freq.pow(-power)
    w = w / (w * freq).sum()
    return w.to(torch.float32)


def load_json(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def load_blocks(path: str, limit: int | None) -> list[dict]:
    blocks = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                blocks.append(json.loads(line))
                if limit is not None and len(blocks) >= limit:
                    break
    if not blocks:
        raise SystemExit(f"no training blocks in {path}; run generate-pairs.ts first")
    return blocks


def fmt_duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}m{seconds % 60:02d}s"


def cosent(cos: torch.Tensor, labels: torch.Tensor, scale: float) -> torch.Tensor:
    """CoSENT ranking loss: log(1 + sum over label_i > label_j of exp(scale * (cos_j - cos_i)))."""
    diff = scale * (cos[None, :] - cos[:, None])
    higher = labels[:, None] > labels[None, :]
    terms = torch.cat([torch.zeros(1), diff[higher]])
    return torch.logsumexp(terms, dim=0)


def listwise(cos: torch.Tensor, labels: torch.Tensor, valid: torch.Tensor,
             label_temp: float = 0.1, cos_temp: float = 0.05) -> torch.Tensor:
    """Top-heavy listwise loss: per profile row, cross-entropy between softmax(label / label_temp) over its
    labelled openings and softmax(cos / cos_temp). Rows whose openings all have label 0 carry no ranking."""
    masked_labels = torch.where(valid, labels, torch.full_like(labels, -1e4))
    masked_cos = torch.where(valid, cos, torch.full_like(cos, -1e4))
    target = torch.softmax(masked_labels / label_temp, dim=1)
    log_p = torch.log_softmax(masked_cos / cos_temp, dim=1)
    rows = valid.any(dim=1) & (masked_labels.max(dim=1).values > 0)
    if not bool(rows.any()):
        return torch.zeros(())
    return (-(target * log_p).sum(dim=1))[rows].mean()


def block_loss(model: BertModel, tok: WordPieceTokenizer, encoded: dict[str, list[int]], block: dict,
               weights: torch.Tensor, same_weight: float, rank_weight: float = 0.0,
               rank_scale: float = 20.0, list_weight: float = 0.0) -> tuple[torch.Tensor, float, float]:
    n_p = len(block["profiles"])
    texts = block["profiles"] + block["openings"]
    ids, mask = batch_tensors([encoded[t] for t in texts], tok.pad_id)
    emb = pool(model(ids, mask, None), mask, "mean")
    prof, opn = emb[:n_p], emb[n_p:]
    cos = prof @ opn.T
    labels = torch.tensor(block["labels"], dtype=torch.float32)
    valid = labels >= 0
    w = weights[label_bins(labels.clamp(min=0))] * valid
    cross = (w * (cos - labels) ** 2).sum() / w.sum()
    loss = cross
    if rank_weight > 0:
        loss = loss + rank_weight * cosent(cos[valid], labels[valid], rank_scale)
    if list_weight > 0:
        loss = loss + list_weight * listwise(cos, labels, valid)
    same_val = 0.0
    if block["same"]:
        side = {"p": prof, "o": opn}
        a = torch.stack([side[s][i] for s, i, _ in block["same"]])
        b = torch.stack([side[s][j] for s, _, j in block["same"]])
        same = (((a * b).sum(-1) - 1.0) ** 2).mean()
        loss = loss + same_weight * same
        same_val = float(same)
    return loss, float(cross), same_val


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data-dir", default=os.path.join(HERE, "data"))
    p.add_argument("--out", default=os.path.join(os.path.dirname(HERE), "models", "moim-ko-mini"))
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--max-blocks", type=int, default=None, help="use only the first N blocks (quick runs)")
    p.add_argument("--hidden", type=int, default=128)
    p.add_argument("--layers", type=int, default=1)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--intermediate", type=int, default=512)
    p.add_argument("--max-positions", type=int, default=128)
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--min-lr-ratio", type=float, default=0.0)
    p.add_argument("--warmup", type=float, default=0.05, help="fraction of steps with linear warmup")
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--bin-power", type=float, default=0.5, help="label-bin reweighting exponent (0 = none)")
    p.add_argument("--same-weight", type=float, default=1.0, help="weight of the canonical~variant loss")
    p.add_argument("--rank-weight", type=float, default=0.05, help="weight of an auxiliary CoSENT ranking loss (0 = off)")
    p.add_argument("--rank-scale", type=float, default=20.0)
    p.add_argument("--list-weight", type=float, default=0.5,
                   help="weight of a top-heavy listwise loss per profile over its block's openings (0 = off)")
    p.add_argument("--threads", type=int, default=1,
                   help="1 by default: a 128-wide model gains nothing from 2 threads, and threads slow down badly on a busy machine")
    p.add_argument("--log-every", type=int, default=100)
    p.add_argument("--val-every", type=int, default=1000, help="extra validation every N steps (0 = only per epoch)")
    p.add_argument("--no-export", action="store_true", help="train and evaluate only")
    p.add_argument("--save-state", default=None, help="also save the raw state_dict here (determinism checks)")
    a = p.parse_args(argv)

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    np_rng = np.random.default_rng(a.seed)
    t0 = time.time()

    vocab = build_default_vocab()
    tok = WordPieceTokenizer(vocab, max_seq_length=a.max_positions)
    blocks = load_blocks(os.path.join(a.data_dir, "train-blocks.jsonl"), a.max_blocks)
    validation = load_json(os.path.join(a.data_dir, "validation.json"))
    encoded = {t: tok.encode(t) for b in blocks for t in b["profiles"] + b["openings"]}
    unk = sum(ids.count(tok.unk_id) for ids in encoded.values())
    weights = bin_weights(blocks, a.bin_power)
    print(f"[train] {len(blocks)} blocks, {len(encoded)} distinct sentences ([UNK] tokens: {unk}), "
          f"bin weights {[round(float(x), 3) for x in weights]}, prep {time.time() - t0:.1f}s", flush=True)

    config = BertConfig(
        vocab_size=len(vocab), hidden_size=a.hidden, num_hidden_layers=a.layers, num_attention_heads=a.heads,
        intermediate_size=a.intermediate, max_position_embeddings=a.max_positions,
        hidden_dropout_prob=a.dropout, attention_probs_dropout_prob=a.dropout,
    )
    model = BertModel(config)
    decay = [p_ for n, p_ in model.named_parameters() if p_.dim() >= 2 and "LayerNorm" not in n]
    no_decay = [p_ for n, p_ in model.named_parameters() if not (p_.dim() >= 2 and "LayerNorm" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.weight_decay}, {"params": no_decay, "weight_decay": 0.0}], lr=a.lr)
    total = a.epochs * len(blocks)
    warm = max(1, int(a.warmup * total))

    def lr_at(step: int) -> float:
        if step < warm:
            return (step + 1) / warm
        progress = (step - warm) / max(1, total - warm)
        return a.min_lr_ratio + (1 - a.min_lr_ratio) * (1 - progress)

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    n_params = sum(p_.numel() for p_ in model.parameters())
    print(f"[train] BERT {a.layers}x{a.hidden} ({a.heads} heads, ffn {a.intermediate}), {n_params / 1e6:.2f}M params, "
          f"{total} steps, lr {a.lr}, warmup {warm}", flush=True)

    def val_figures() -> dict:
        return evaluate(lambda texts: embed(model, tok, texts, "mean").numpy(), validation, validation)

    train_start = time.time()
    history = []
    step = 0
    for epoch in range(1, a.epochs + 1):
        model.train()
        run_loss = run_cross = run_same = 0.0
        run_n = 0
        tick = time.time()
        for bi in np_rng.permutation(len(blocks)):
            loss, cross, same = block_loss(model, tok, encoded, blocks[bi], weights, a.same_weight,
                                           a.rank_weight, a.rank_scale, a.list_weight)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            run_loss += float(loss)
            run_cross += cross
            run_same += same
            run_n += 1
            if step % a.log_every == 0 or step == total:
                elapsed = time.time() - train_start
                rate = step / elapsed
                print(f"[train] epoch {epoch}/{a.epochs} step {step}/{total} loss {run_loss / run_n:.4f} "
                      f"(cross {run_cross / run_n:.4f}, same {run_same / run_n:.4f}) lr {sched.get_last_lr()[0]:.2e} "
                      f"{rate:.2f} it/s, elapsed {fmt_duration(elapsed)}, ETA {fmt_duration((total - step) / rate)}",
                      flush=True)
                run_loss = run_cross = run_same = 0.0
                run_n = 0
            if a.val_every and step % a.val_every == 0:
                vf = val_figures()
                model.train()
                print(f"[train] step {step} validation: spearman {vf['spearman']:.4f} ndcg@10 {vf['ndcg@10']:.4f} "
                      f"seed-pair {vf['seed_pair_cosine']:.4f} variants {vf['variant_cosine_mean']:.4f}", flush=True)
        fig = val_figures()
        fig["epoch"] = epoch
        fig["train_seconds"] = round(time.time() - train_start, 1)
        history.append(fig)
        print(f"[train] epoch {epoch} validation: spearman {fig['spearman']:.4f} pearson {fig['pearson']:.4f} "
              f"ndcg@10 {fig['ndcg@10']:.4f} seed-pair {fig['seed_pair_cosine']:.4f} "
              f"variants {fig['variant_cosine_mean']:.4f} ({time.time() - tick:.0f}s epoch)", flush=True)
    train_seconds = time.time() - train_start

    if a.save_state:
        torch.save(model.state_dict(), a.save_state)
    model.eval()
    eval_set = load_json(os.path.join(a.data_dir, "eval-set.json"))
    rel_path = os.path.join(a.data_dir, "eval-relevance.json")
    relevance = load_json(rel_path) if os.path.exists(rel_path) else None
    figures = evaluate(lambda texts: embed(model, tok, texts, "mean").numpy(), eval_set, relevance)
    figures["targets_met"] = meets_targets(figures)
    print("[train] held-out eval: " + json.dumps(figures), flush=True)

    if not a.no_export:
        write_model_dir(a.out, model, tok, "mean", with_token_type_ids=True)
        write_model_card(a.out, {
            "args": vars(a) | {"out": os.path.relpath(a.out, os.path.dirname(HERE))},
            "params": n_params,
            "vocab_size": len(vocab),
            "blocks": len(blocks),
            "distinct_sentences": len(encoded),
            "steps": total,
            "train_seconds": train_seconds,
            "torch": torch.__version__,
            "history": history,
            "eval": figures,
            "bin_weights": [float(x) for x in weights],
        })
        print(f"[train] exported {a.out}", flush=True)
    print(f"[train] done: training {fmt_duration(train_seconds)}, total {fmt_duration(time.time() - t0)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
