"""Minimal reader/writer for the safetensors format (float32 only), so the shipped model
also carries a `model.safetensors` that Hugging Face loaders read, without the PyPI package."""

from __future__ import annotations

import json
import struct
from collections import OrderedDict

import numpy as np
import torch


def save_file(tensors: dict[str, torch.Tensor], path: str) -> None:
    header: dict = {"__metadata__": {"format": "pt"}}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        arr = tensors[name].detach().to(torch.float32).contiguous().cpu().numpy()
        data = arr.astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(arr.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for blob in blobs:
            f.write(blob)


def load_file(path: str) -> "OrderedDict[str, torch.Tensor]":
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        body = f.read()
    out: "OrderedDict[str, torch.Tensor]" = OrderedDict()
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} has dtype {info['dtype']}, only F32 is supported")
        start, end = info["data_offsets"]
        arr = np.frombuffer(body[start:end], dtype="<f4").reshape(info["shape"]).copy()
        out[name] = torch.from_numpy(arr)
    return out
