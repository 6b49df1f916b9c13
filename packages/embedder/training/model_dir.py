"""Write and read a model directory in the sentence-transformers layout, with the ONNX export
(onnx/model.onnx: token embeddings `last_hidden_state`, pooling left to the runtime) and a
reference.json the Node runtime checks its token ids and vectors against."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import fields

import torch

from bert import BertConfig, BertModel, batch_tensors, pool
from reference_sentences import REFERENCE_SENTENCES
from safetensors_io import load_file, save_file
from wordpiece import CONTINUING_PREFIX, MAX_INPUT_CHARS_PER_WORD, SPECIAL_TOKENS, WordPieceTokenizer, CLS, SEP

ONNX_OPSET = 14


def _write_json(path: str, obj) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def tokenizer_json(tok: WordPieceTokenizer) -> dict:
    cls_id, sep_id = tok.cls_id, tok.sep_id
    return {
        "version": "1.0",
        "truncation": {"direction": "Right", "max_length": tok.max_seq_length, "strategy": "LongestFirst", "stride": 0},
        "padding": None,
        "added_tokens": [
            {"id": tok.token_to_id[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for t in SPECIAL_TOKENS
        ],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": False, "lowercase": False},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": CLS, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": SEP, "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": CLS, "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": SEP, "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": SEP, "type_id": 1}}],
            "special_tokens": {
                CLS: {"id": CLS, "ids": [cls_id], "tokens": [CLS]},
                SEP: {"id": SEP, "ids": [sep_id], "tokens": [SEP]},
            },
        },
        "decoder": {"type": "WordPiece", "prefix": CONTINUING_PREFIX, "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": CONTINUING_PREFIX,
                  "max_input_chars_per_word": MAX_INPUT_CHARS_PER_WORD,
                  "vocab": {t: i for i, t in enumerate(tok.vocab)}},
    }


def _pooling_config(hidden: int, pooling: str) -> dict:
    return {
        "word_embedding_dimension": hidden,
        "pooling_mode_cls_token": pooling == "cls",
        "pooling_mode_mean_tokens": pooling == "mean",
        "pooling_mode_max_tokens": pooling == "max",
        "pooling_mode_mean_sqrt_len_tokens": False,
        "pooling_mode_weightedmean_tokens": False,
        "pooling_mode_lasttoken": False,
        "include_prompt": True,
    }


class _OnnxWrapper(torch.nn.Module):
    def __init__(self, model: BertModel, with_token_type_ids: bool):
        super().__init__()
        self.model = model
        self.with_token_type_ids = with_token_type_ids

    def forward(self, input_ids, attention_mask, token_type_ids=None):
        return self.model(input_ids, attention_mask, token_type_ids if self.with_token_type_ids else None)


def export_onnx(model: BertModel, path: str, with_token_type_ids: bool) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    model.eval()
    ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 3, 0, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    inputs = (ids, mask, torch.zeros_like(ids)) if with_token_type_ids else (ids, mask)
    names = ["input_ids", "attention_mask"] + (["token_type_ids"] if with_token_type_ids else [])
    axes = {n: {0: "batch", 1: "sequence"} for n in names}
    axes["last_hidden_state"] = {0: "batch", 1: "sequence"}
    with torch.no_grad():
        torch.onnx.export(
            _OnnxWrapper(model, with_token_type_ids), inputs, path,
            input_names=names, output_names=["last_hidden_state"], dynamic_axes=axes,
            opset_version=ONNX_OPSET, do_constant_folding=True,
        )


@torch.no_grad()
def embed(model: BertModel, tok: WordPieceTokenizer, texts: list[str], pooling: str, batch_size: int = 64) -> torch.Tensor:
    model.eval()
    out = []
    for i in range(0, len(texts), batch_size):
        ids, mask = batch_tensors(tok.encode_batch(texts[i : i + batch_size]), tok.pad_id)
        out.append(pool(model(ids, mask, torch.zeros_like(ids)), mask, pooling))
    return torch.cat(out) if out else torch.zeros((0, model.config.hidden_size))


@torch.no_grad()
def reference_json(model: BertModel, tok: WordPieceTokenizer, pooling: str) -> dict:
    model.eval()
    sentences = []
    for text in REFERENCE_SENTENCES:
        ids = tok.encode(text)
        vec = embed(model, tok, [text], pooling)[0]  # one at a time: no padding involved
        sentences.append({
            "text": text,
            "untruncated_token_count": len(tok.tokenize(text)) + 2,
            "input_ids": ids,
            "embedding": [float(x) for x in vec.tolist()],
        })
    return {
        "description": "PyTorch sentence embeddings (pooling then L2 normalisation) and token ids "
                       "([CLS] ... [SEP], content truncated to max_seq_length - 2) for parity tests.",
        "pooling": pooling,
        "normalized": True,
        "max_seq_length": tok.max_seq_length,
        "dimension": model.config.hidden_size,
        "tolerance": 1e-5,
        "sentences": sentences,
    }


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_model_dir(out: str, model: BertModel, tok: WordPieceTokenizer, pooling: str,
                    with_token_type_ids: bool = True, write_safetensors: bool = True) -> None:
    os.makedirs(out, exist_ok=True)
    c = model.config
    _write_json(os.path.join(out, "modules.json"), [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
    ])
    _write_json(os.path.join(out, "sentence_bert_config.json"), {"max_seq_length": tok.max_seq_length, "do_lower_case": False})
    _write_json(os.path.join(out, "config.json"), c.to_hf_json())
    _write_json(os.path.join(out, "1_Pooling", "config.json"), _pooling_config(c.hidden_size, pooling))
    _write_json(os.path.join(out, "tokenizer.json"), tokenizer_json(tok))
    special = {"cls_token": CLS, "mask_token": "[MASK]", "pad_token": "[PAD]", "sep_token": SEP, "unk_token": "[UNK]"}
    _write_json(os.path.join(out, "special_tokens_map.json"), special)
    model_input_names = ["input_ids", "attention_mask"] + (["token_type_ids"] if with_token_type_ids else [])
    _write_json(os.path.join(out, "tokenizer_config.json"), {
        **special, "clean_up_tokenization_spaces": True, "do_basic_tokenize": True, "do_lower_case": False,
        "model_max_length": tok.max_seq_length, "model_input_names": model_input_names, "never_split": None,
        "strip_accents": False, "tokenize_chinese_chars": True, "tokenizer_class": "BertTokenizer",
    })
    with open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("".join(t + "\n" for t in tok.vocab))
    if write_safetensors:
        save_file(model.state_dict(), os.path.join(out, "model.safetensors"))
    export_onnx(model, os.path.join(out, "onnx", "model.onnx"), with_token_type_ids)
    _write_json(os.path.join(out, "reference.json"), reference_json(model, tok, pooling))


def load_model_dir(path: str) -> tuple[BertModel, WordPieceTokenizer, str]:
    with open(os.path.join(path, "config.json"), encoding="utf-8") as f:
        hf = json.load(f)
    names = {fl.name for fl in fields(BertConfig)}
    model = BertModel(BertConfig(**{k: v for k, v in hf.items() if k in names}))
    model.load_state_dict(load_file(os.path.join(path, "model.safetensors")))
    model.eval()
    with open(os.path.join(path, "sentence_bert_config.json"), encoding="utf-8") as f:
        max_len = json.load(f)["max_seq_length"]
    tok = WordPieceTokenizer.from_vocab_file(os.path.join(path, "vocab.txt"), max_len)
    with open(os.path.join(path, "1_Pooling", "config.json"), encoding="utf-8") as f:
        pc = json.load(f)
    pooling = "cls" if pc["pooling_mode_cls_token"] else "max" if pc["pooling_mode_max_tokens"] else "mean"
    return model, tok, pooling
