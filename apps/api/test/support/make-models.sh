#!/usr/bin/env bash
# The second model for the re-embed test (the API serves the shipped default model in tests):
#   api-model-768  random weights, 768 wide like the real KR-SBERT (another model id and dimension)
# Generated once into apps/api/test/.generated (gitignored) with @moim/embedder's generator.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/../.generated"
MAKE="$HERE/../../../../packages/embedder/training/make_random_model.py"
mkdir -p "$OUT"
bash "$HERE/../../../../packages/embedder/training/ensure-python.sh"
exec 9>"$OUT/.lock"
flock 9
if [ ! -f "$OUT/api-model-768/onnx/model.onnx" ]; then
  echo "[api fixtures] generating api-model-768" >&2
  rm -rf "$OUT/api-model-768"
  /usr/bin/python3 "$MAKE" --out "$OUT/api-model-768" --hidden 768 --layers 1 --heads 12 --seed 12 --no-safetensors >&2
fi
