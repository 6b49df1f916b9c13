"""Write a randomly initialised BERT sentence-embedding model in the sentence-transformers
layout (ONNX + reference.json), for runtime tests and as a stand-in for real models.

  /usr/bin/python3 training/make_random_model.py --out DIR --hidden 32 --layers 2 --heads 2 \
      [--vocab-size V] [--seed 0] [--max-seq-length 128] [--pooling mean|cls|max] [--no-token-type-ids]
"""

from __future__ import annotations

import argparse
import sys
import time

import torch

from bert import POOLING_MODES, BertConfig, BertModel
from model_dir import write_model_dir
from vocab_builder import build_default_vocab, build_padded_vocab
from wordpiece import WordPieceTokenizer


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--hidden", type=int, required=True)
    p.add_argument("--layers", type=int, required=True)
    p.add_argument("--heads", type=int, required=True)
    p.add_argument("--intermediate", type=int, default=None, help="default 4 x hidden")
    p.add_argument("--vocab-size", type=int, default=None,
                   help="default: the default tokenizer's vocabulary; larger sizes are padded with synthesized entries")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--max-seq-length", type=int, default=128)
    p.add_argument("--max-position-embeddings", type=int, default=512)
    p.add_argument("--pooling", choices=POOLING_MODES, default="mean")
    p.add_argument("--no-token-type-ids", action="store_true", help="export the ONNX graph without a token_type_ids input")
    p.add_argument("--no-safetensors", action="store_true", help="skip model.safetensors (ONNX-only dir, like a user export)")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args(argv)

    if a.max_seq_length > a.max_position_embeddings:
        p.error(f"--max-seq-length {a.max_seq_length} exceeds --max-position-embeddings {a.max_position_embeddings}")
    if a.hidden % a.heads:
        p.error(f"--hidden {a.hidden} is not a multiple of --heads {a.heads}")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    started = time.time()
    try:
        vocab = build_default_vocab() if a.vocab_size is None else build_padded_vocab(a.vocab_size)
    except ValueError as e:
        p.error(str(e))
    config = BertConfig(
        vocab_size=len(vocab), hidden_size=a.hidden, num_hidden_layers=a.layers, num_attention_heads=a.heads,
        intermediate_size=a.intermediate or 4 * a.hidden, max_position_embeddings=a.max_position_embeddings,
    )
    model = BertModel(config)
    write_model_dir(a.out, model, WordPieceTokenizer(vocab, a.max_seq_length), a.pooling, not a.no_token_type_ids,
                    write_safetensors=not a.no_safetensors)
    print(f"wrote {a.out}: vocab {len(vocab)}, hidden {a.hidden}, layers {a.layers}, heads {a.heads}, "
          f"pooling {a.pooling}, token_type_ids {not a.no_token_type_ids} ({time.time() - started:.1f}s)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
