"""PyTorch eager throughput of a model dir's weights (model.safetensors), for comparison with the
ONNX Runtime numbers of `bench:embedder`. Prints one JSON line.

  /usr/bin/python3 training/torch_bench.py --model-dir models/moim-ko-mini --batch 64 --seconds 10
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from model_dir import embed, load_model_dir  # noqa: E402
from reference_sentences import REFERENCE_SENTENCES  # noqa: E402


def bench_sentences(n: int) -> list[str]:
    base = [
        "경상북도 거주, 2년차 개발자, 스택: Java. 추가: 비전공자, 온라인 중심",
        "경상북도 지역 프로젝트, 요구 스택: Java, 필요 경력: 1년차 이상. 특이사항: 스터디, 프로젝트 중심",
        "충청북도 거주, 7년차 이상 개발자, 스택: React. 추가: 비전공자 환영, 온라인 중심",
        "재택 지역 프로젝트, 요구 스택: TypeScript, Node.js, 필요 경력: 3년차 이상. 특이사항: 팀 협업",
    ]
    return [base[i % len(base)] for i in range(n)]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model-dir", required=True)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)
    if a.batch <= 0 or a.seconds <= 0:
        p.error(f"--batch and --seconds must be positive (got {a.batch}, {a.seconds})")
    if not os.path.exists(os.path.join(a.model_dir, "model.safetensors")):
        p.error(f"--model-dir {a.model_dir} has no model.safetensors (PyTorch weights)")
    torch.set_num_threads(a.threads)
    model, tok, pooling = load_model_dir(a.model_dir)
    texts = bench_sentences(a.batch)
    embed(model, tok, REFERENCE_SENTENCES[:8], pooling)  # warm-up
    sentences = 0
    batches = 0
    start = time.perf_counter()
    while time.perf_counter() - start < a.seconds:
        # Tokenization is included, as it is in the Node benchmark.
        embed(model, tok, texts, pooling, batch_size=a.batch)
        sentences += len(texts)
        batches += 1
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "runtime": "pytorch-eager",
        "torch": torch.__version__,
        "threads": a.threads,
        "model_dir": a.model_dir,
        "batch": a.batch,
        "batches": batches,
        "seconds": round(elapsed, 3),
        "sentences_per_second": round(sentences / elapsed, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
