#!/usr/bin/env bash
# Makes sure Debian's python3 has torch + numpy (the training pipeline and fixture
# generator use /usr/bin/python3, never a pyenv/PyPI python). Installs from apt if missing.
set -euo pipefail
PY=/usr/bin/python3
if "$PY" -c 'import torch, numpy' >/dev/null 2>&1; then
  exit 0
fi
echo "[ensure-python] installing python3-torch python3-numpy libopenblas0-pthread from apt" >&2
export DEBIAN_FRONTEND=noninteractive
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
# Several jobs may call this at once; apt has its own lock but update+install must not interleave.
flock /tmp/moim-apt.lock sh -c "$SUDO apt-get update -q && $SUDO apt-get install -y -q python3-torch python3-numpy libopenblas0-pthread" >&2
"$PY" -c 'import torch, numpy' || { echo "[ensure-python] torch still not importable by $PY" >&2; exit 1; }
