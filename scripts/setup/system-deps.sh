#!/usr/bin/env bash
# Debian packages the test suite needs beyond a fresh machine: PyTorch for the model
# fixtures (reference vectors), Chromium for the admin console's browser test, and a CJK
# font so the Korean console renders Hangul (not boxes) in Chromium and its screenshots.
# pgvector is handled by scripts/db/up.sh. Idempotent: installs only what is missing.
set -euo pipefail
want=(python3-torch python3-numpy libopenblas0-pthread chromium fonts-noto-cjk)
missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages present: ${want[*]}" >&2
  exit 0
fi
echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
