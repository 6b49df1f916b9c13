#!/usr/bin/env bash
# Stops the throwaway cluster started by up.sh. Pass --purge to delete its data directory too.
set -euo pipefail

PG_DIR="${MOIM_PG_DIR:-/tmp/moim-pg}"
PG_BIN="/usr/lib/postgresql/$(cat "$PG_DIR/PG_VERSION" 2>/dev/null || echo 15)/bin"

exec 9>/tmp/moim-pg.lock
flock 9

if [ -f "$PG_DIR/PG_VERSION" ] && runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
  echo "[db/down] stopping PostgreSQL in $PG_DIR" >&2
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -m fast -w stop >&2
fi
if [ "${1:-}" = "--purge" ]; then
  echo "[db/down] removing $PG_DIR" >&2
  rm -rf "$PG_DIR"
fi
