#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 + pgvector cluster for tests and local development.
# Idempotent and safe to run concurrently (flock). Progress goes to stderr; the only stdout line is
#   DATABASE_URL=postgresql://moim:moim@127.0.0.1:54329/moim
# Needs root (installs pgvector with apt/make when missing, runs the server as user postgres).
set -euo pipefail

PG_DIR="${MOIM_PG_DIR:-/tmp/moim-pg}"
PG_PORT="${MOIM_PG_PORT:-54329}"
LOCK=/tmp/moim-pg.lock
URL="postgresql://moim:moim@127.0.0.1:${PG_PORT}/moim"

log() { echo "[db/up] $*" >&2; }

exec 9>"$LOCK"
flock 9

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    apt-get update >&2
    apt_updated=1
  fi
}
apt_install() {
  log "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >&2
}

# PostgreSQL 15 (Debian 12's). An existing data dir keeps its own major version; MOIM_PG_MAJOR overrides;
# where apt has no postgresql-15 (Debian 13), the distribution's default major is used.
if [ -f "$PG_DIR/PG_VERSION" ]; then
  PG_MAJOR="$(cat "$PG_DIR/PG_VERSION")"
elif [ -n "${MOIM_PG_MAJOR:-}" ]; then
  PG_MAJOR="$MOIM_PG_MAJOR"
elif [ -x /usr/lib/postgresql/15/bin/initdb ]; then
  PG_MAJOR=15
else
  apt_update_once
  if apt-cache show postgresql-15 >/dev/null 2>&1; then
    PG_MAJOR=15
  else
    PG_MAJOR="$(apt-cache depends postgresql | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -n1)"
  fi
fi
PG_BIN="/usr/lib/postgresql/$PG_MAJOR/bin"
PG_LIB="/usr/lib/postgresql/$PG_MAJOR/lib"

if [ ! -x "$PG_BIN/initdb" ]; then
  apt_update_once
  apt_install "postgresql-$PG_MAJOR"
fi

if [ ! -f "$PG_LIB/vector.so" ]; then
  apt_update_once
  if apt-cache show "postgresql-$PG_MAJOR-pgvector" >/dev/null 2>&1; then
    apt_install "postgresql-$PG_MAJOR-pgvector"
  else
    log "pgvector missing and not packaged for PostgreSQL $PG_MAJOR: building it from Debian source"
    SRC_LIST=/etc/apt/sources.list.d/moim-trixie-src.list
    if ! grep -qs '^deb-src http://deb.debian.org/debian trixie main' /etc/apt/sources.list.d/*.list; then
      echo 'deb-src http://deb.debian.org/debian trixie main' >"$SRC_LIST"
      apt_updated=0
    fi
    if ! ls /var/lib/apt/lists/ | grep -q '_debian_dists_trixie_.*Sources'; then apt_updated=0; fi
    apt_update_once
    missing=()
    for pkg in "postgresql-server-dev-$PG_MAJOR" build-essential dpkg-dev; do
      dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
    done
    if [ "${#missing[@]}" -gt 0 ]; then apt_install "${missing[@]}"; fi
    build_dir="$(mktemp -d)"
    (
      cd "$build_dir"
      apt-get source pgvector >&2
      cd "$(find . -maxdepth 1 -type d -name 'pgvector-*' | head -n1)"
      make PG_CONFIG="$PG_BIN/pg_config" >&2
      make PG_CONFIG="$PG_BIN/pg_config" install >&2
    )
    rm -rf "$build_dir"
  fi
  [ -f "$PG_LIB/vector.so" ] || { log "pgvector install failed: $PG_LIB/vector.so is still missing"; exit 1; }
  log "pgvector installed: $PG_LIB/vector.so"
fi

if [ ! -f "$PG_DIR/PG_VERSION" ]; then
  log "initdb in $PG_DIR"
  mkdir -p "$PG_DIR"
  chown postgres:postgres "$PG_DIR"
  chmod 700 "$PG_DIR"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >&2
fi

if ! runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" status >/dev/null 2>&1; then
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR" -l "$PG_DIR/server.log" -w -t 60 start \
    -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$PG_DIR -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2 9>&-
  # 9>&- : the server must not inherit the lock fd, or it would hold the lock forever.
fi

psql_admin() { runuser -u postgres -- "$PG_BIN/psql" -h "$PG_DIR" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtAX "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'moim'")" != "1" ]; then
  log "creating role moim"
  psql_admin -c "CREATE ROLE moim LOGIN SUPERUSER CREATEDB PASSWORD 'moim'" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'moim'")" != "1" ]; then
  log "creating database moim"
  psql_admin -c "CREATE DATABASE moim OWNER moim" >&2
fi

echo "DATABASE_URL=$URL"
