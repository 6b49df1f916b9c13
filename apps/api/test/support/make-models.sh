#!/usr/bin/env bash
# Random-weight fixture models for the API tests (until/besides the shipped default model):
#   api-model-a  hidden 64, the serving model in tests
#   api-model-b  hidden 48, a different model (other id and dimension) for the re-embed test
# Generated once into apps/api/test/.generated (gitignored) with @moim/embedder's generator.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$HERE/../.generated"
MAKE="$HERE/../../../../packages/embedder/training/make_random_model.py"
mkdir -p "$OUT"
bash "$HERE/../../../../packages/embedder/training/ensure-python.sh"
exec 9>"$OUT/.lock"
flock 9
make() {
  local name="$1"; shift
  if [ ! -f "$OUT/$name/onnx/model.onnx" ]; then
    echo "[api fixtures] generating $name" >&2
    rm -rf "$OUT/$name"
    /usr/bin/python3 "$MAKE" --out "$OUT/$name" "$@" --no-safetensors >&2
  fi
}
make api-model-a --hidden 64 --layers 2 --heads 4 --seed 11
make api-model-b --hidden 48 --layers 1 --heads 4 --seed 12
