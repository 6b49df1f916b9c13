#!/usr/bin/env bash
# One command for the default model (`pnpm --filter @moim/embedder train:model`):
# installs what is missing, generates the data, trains, evaluates, exports models/moim-ko-mini
# with its model card, and checks the ONNX export against PyTorch through onnxruntime-node.
# Extra arguments go to train.py (e.g. --out /tmp/other-model --seed 7).
set -euo pipefail
PKG="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$PKG/../.." && pwd)"
cd "$PKG"
started=$(date +%s)
step() { echo "[train:model] $(( $(date +%s) - started ))s: $*" >&2; }

step "checking python3-torch / numpy"
bash training/ensure-python.sh

if [ ! -e node_modules/@moim/matching ] || [ ! -e node_modules/tsx ]; then
  step "installing workspace dependencies"
  (cd "$ROOT" && if command -v flock >/dev/null; then flock /tmp/moim-pnpm.lock pnpm install --frozen-lockfile; else pnpm install --frozen-lockfile; fi)
fi

step "generating training data and the held-out eval set"
pnpm exec tsx training/generate-pairs.ts

# GNU OpenMP spin-waits and OpenBLAS's own thread pool fight torch's threads on a busy 2-core
# machine (10x slowdowns measured); passive waiting and a single BLAS thread avoid that.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" OPENBLAS_NUM_THREADS="${OPENBLAS_NUM_THREADS:-1}"
step "training"
/usr/bin/python3 training/train.py "$@"

out="$PKG/models/moim-ko-mini"
prev=""
for arg in "$@"; do
  if [ "$prev" = "--out" ]; then out="$arg"; fi
  prev="$arg"
done
step "checking the ONNX export against PyTorch (onnxruntime-node)"
node training/check-onnx-parity.mjs "$out"
step "done: $out"
