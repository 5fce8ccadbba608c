#!/usr/bin/env bash
# dev-postgres.sh: a private PostgreSQL 15 + pgvector (>= 0.5, for HNSW) for Spectron's tests.
#
#   scripts/dev-postgres.sh start DIR   install what is missing, start a cluster kept in DIR
#                                       (data in DIR/data, log in DIR/postgres.log) on a free
#                                       port of 127.0.0.1; the LAST line of stdout is
#                                       SPECTRON_POSTGRES_URL=jdbc:postgresql://127.0.0.1:PORT/spectron?user=spectron&password=spectron
#                                       Running it again on a running DIR just prints the URL.
#   scripts/dev-postgres.sh stop DIR    stop that cluster (fast shutdown), keeping its data;
#                                       harmless when nothing runs.
# Progress goes to stderr. DIR may be relative; it is dedicated to the cluster. As root the
# server runs as the `postgres` user (DIR is chowned to it). Installing needs root or sudo.
set -euo pipefail

PG_MAJOR=15
PG_BIN=/usr/lib/postgresql/$PG_MAJOR/bin
PG_CONFIG=$PG_BIN/pg_config
VECTOR_CONTROL=/usr/share/postgresql/$PG_MAJOR/extension/vector.control
MIN_VECTOR=0.5.0
# Debian suite whose pgvector source package is built when the machine's own suite has none
# new enough; the mirror is the one the machine's apt config already uses.
PGVECTOR_SRC_SUITE=${SPECTRON_PGVECTOR_SRC_SUITE:-trixie}
SRC_LIST=/etc/apt/sources.list.d/spectron-src.sources
DB_NAME=spectron
DB_USER=spectron
DB_PASS=spectron
SERVER_USER=postgres

log() { printf 'dev-postgres: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

# ---------------------------------------------------------------------------- installing

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    die "installing needs root (or password-less sudo): $*"
  fi
}

apt_updated=0
apt_update() {
  [ "$apt_updated" -eq 1 ] && return 0
  log "apt-get update"
  as_root apt-get update -qq -o DPkg::Lock::Timeout=300 >&2
  apt_updated=1
}

apt_install() {
  apt_update
  log "installing $*"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=300 "$@" >&2
}

# version_ge A B: true when version A >= version B.
version_ge() {
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

installed_vector_version() {
  [ -f "$VECTOR_CONTROL" ] || return 0
  sed -n "s/^[[:space:]]*default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$VECTOR_CONTROL"
}

pg_installed() {
  local b
  for b in postgres initdb pg_ctl pg_isready psql; do
    [ -x "$PG_BIN/$b" ] || return 1
  done
}

ensure_postgres() {
  pg_installed && return 0
  apt_install "postgresql-$PG_MAJOR" "postgresql-client-$PG_MAJOR"
  pg_installed || die "PostgreSQL $PG_MAJOR binaries still missing under $PG_BIN"
}

# The machine's own Debian mirror: "URI<TAB>KEYRING" of the first enabled deb entry for its
# release codename, read from its apt config (deb822 .sources files, then one-line lists).
machine_mirror() {
  local codename=$1 f
  for f in /etc/apt/sources.list.d/*.sources; do
    if [ ! -f "$f" ] || [ "$f" = "$SRC_LIST" ]; then continue; fi
    awk -v want="$codename" '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && enabled != "no" && uri != "" && (" " suites " ") ~ (" " want " ")) {
          print uri "\t" key; found = 1; exit
        }
        types = ""; uri = ""; suites = ""; key = ""; enabled = ""
      }
      /^[[:space:]]*#/ { next }
      /^[[:space:]]*$/ { flush(); next }
      {
        field = tolower($1); sub(/:$/, "", field)
        value = $0; sub(/^[^:]*:[[:space:]]*/, "", value)
        if (field == "types") types = value
        else if (field == "uris") { split(value, u, /[[:space:]]+/); uri = u[1] }
        else if (field == "suites") suites = value
        else if (field == "enabled") enabled = tolower(value)
        else if (field == "signed-by" && value ~ /^\//) key = value
      }
      END { if (!found) flush() }
    ' "$f" | head -n1 | grep . && return 0
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v want="$codename" '
      $1 != "deb" { next }
      {
        i = 2; key = ""
        if ($2 ~ /^\[/) {
          opts = ""
          for (; i <= NF; i++) { opts = opts " " $i; if ($i ~ /\]$/) { i++; break } }
          if (match(opts, /signed-by=[^] ]+/)) key = substr(opts, RSTART + 10, RLENGTH - 10)
        }
        if ($(i + 1) == want) { print $i "\t" key; exit }
      }
    ' "$f" | head -n1 | grep . && return 0
  done
  return 1
}

build_pgvector_from_source() {
  local codename mirror uri key tmp srcdir
  # shellcheck disable=SC1091
  codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
  [ -n "$codename" ] || die "cannot tell this machine's Debian release (VERSION_CODENAME)"
  mirror=$(machine_mirror "$codename") \
    || die "no Debian mirror for '$codename' found in /etc/apt/sources.list{,.d}"
  uri=${mirror%%$'\t'*}
  key=${mirror#*$'\t'}

  # pgxs.mk alone comes with the client package; the server headers need the -dev one.
  if [ ! -f "$($PG_CONFIG --includedir-server 2>/dev/null || echo /nonexistent)/postgres.h" ] \
    || [ ! -f "$($PG_CONFIG --pgxs 2>/dev/null || echo /nonexistent)" ]; then
    apt_install "postgresql-server-dev-$PG_MAJOR"
  fi
  local tools=()
  command -v make >/dev/null 2>&1 || tools+=(make)
  command -v gcc >/dev/null 2>&1 || tools+=(gcc)
  command -v dpkg-source >/dev/null 2>&1 || tools+=(dpkg-dev)
  [ ${#tools[@]} -eq 0 ] || apt_install "${tools[@]}"

  log "adding deb-src for '$PGVECTOR_SRC_SUITE' on the machine's mirror ($SRC_LIST)"
  {
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n' "$uri" "$PGVECTOR_SRC_SUITE"
    [ -z "$key" ] || printf 'Signed-By: %s\n' "$key"
  } | as_root tee "$SRC_LIST" >/dev/null
  # Refresh only that entry (the machine's other lists stay as they are); the entry is
  # removed again once the source is fetched.
  # shellcheck disable=SC2064
  trap "as_root rm -f '$SRC_LIST'" EXIT
  as_root apt-get update -qq -o DPkg::Lock::Timeout=300 \
    -o Dir::Etc::sourcelist="$SRC_LIST" -o Dir::Etc::sourceparts=- \
    -o APT::Get::List-Cleanup=0 >&2

  tmp=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "as_root rm -f '$SRC_LIST'; rm -rf '$tmp'" EXIT
  log "fetching source package pgvector/$PGVECTOR_SRC_SUITE"
  (cd "$tmp" && as_root apt-get source -qq -o APT::Sandbox::User=root \
    "pgvector/$PGVECTOR_SRC_SUITE" >&2)
  as_root rm -f "$SRC_LIST"
  srcdir=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n1)
  [ -n "$srcdir" ] || die "apt-get source pgvector/$PGVECTOR_SRC_SUITE gave no source tree"
  log "building $(basename "$srcdir") against PostgreSQL $PG_MAJOR"
  # OPTFLAGS= : no -march=native, as Debian builds it; with_llvm=no : no JIT bitcode needed.
  as_root make -s -C "$srcdir" -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS= with_llvm=no >&2
  as_root make -s -C "$srcdir" install PG_CONFIG="$PG_CONFIG" OPTFLAGS= with_llvm=no >&2
  rm -rf "$tmp"
  trap - EXIT
}

ensure_pgvector() {
  local have cand
  have=$(installed_vector_version)
  if [ -n "$have" ] && version_ge "$have" "$MIN_VECTOR"; then return 0; fi
  apt_update
  cand=$(apt-cache policy "postgresql-$PG_MAJOR-pgvector" 2>/dev/null | sed -n 's/^ *Candidate: *//p')
  cand=${cand#*:}
  if [ -n "$cand" ] && [ "$cand" != "(none)" ] && version_ge "${cand%%-*}" "$MIN_VECTOR"; then
    apt_install "postgresql-$PG_MAJOR-pgvector"
  else
    log "no postgresql-$PG_MAJOR-pgvector >= $MIN_VECTOR in the machine's suites (candidate: ${cand:-none})"
    build_pgvector_from_source
  fi
  have=$(installed_vector_version)
  if [ -z "$have" ] || ! version_ge "$have" "$MIN_VECTOR"; then
    die "pgvector >= $MIN_VECTOR not installed (have: ${have:-none})"
  fi
  log "pgvector $have installed"
}

# ---------------------------------------------------------------------------- the cluster

# Commands that touch the cluster run as $SERVER_USER when we are root: postgres refuses root.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    /usr/sbin/runuser -u "$SERVER_USER" -- "$@"
  else
    "$@"
  fi
}

port_free() {
  if command -v python3 >/dev/null 2>&1; then
    python3 - "$1" <<'EOF' 2>/dev/null
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server binds
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
EOF
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 1; fi
  fi
}

free_port() {
  local p
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
    return
  fi
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 40000))
    if port_free "$p"; then echo "$p"; return; fi
  done
  die "found no free port on 127.0.0.1"
}

# Sets DIR (absolute), CLUSTER (where data/log/socket live) and the file names.
resolve_dirs() {
  local arg=$1 digest
  mkdir -p -- "$arg"
  DIR=$(cd -- "$arg" && pwd -P)
  CLUSTER=$DIR
  if [ "$(id -u)" -eq 0 ]; then
    id "$SERVER_USER" >/dev/null 2>&1 || die "no '$SERVER_USER' user to run the server as"
    [ "$(stat -c %U "$DIR")" = "$SERVER_USER" ] || chown -R "$SERVER_USER:" "$DIR"
    if ! as_server test -w "$DIR" -a -x "$DIR"; then
      # A parent of DIR is closed to the server user (e.g. under /root): keep the cluster in
      # a directory of its own under /tmp, named after DIR, and note where in DIR.
      digest=$(printf '%s' "$DIR" | sha256sum | cut -c1-16)
      CLUSTER=/tmp/spectron-pg-$digest
      mkdir -p "$CLUSTER"
      chown "$SERVER_USER:" "$CLUSTER"
      chmod 700 "$CLUSTER"
      printf '%s\n' "$CLUSTER" >"$DIR/cluster-dir"
      log "$DIR is not reachable by user $SERVER_USER; cluster kept in $CLUSTER"
    fi
  fi
  DATA=$CLUSTER/data
  LOGFILE=$CLUSTER/postgres.log
  SUPERPW=$CLUSTER/.superuser-password
  URLFILE=$DIR/url
}

running_port() {
  # Prints the port of the server running on $DATA; fails when none runs.
  [ -f "$DATA/postmaster.pid" ] || return 1
  as_server "$PG_BIN/pg_ctl" status -D "$DATA" >/dev/null 2>&1 || return 1
  sed -n 4p "$DATA/postmaster.pid"
}

init_cluster() {
  log "initdb $DATA"
  rm -rf "$DATA"  # what a failed initdb may have left
  head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$SUPERPW"
  [ "$(id -u)" -ne 0 ] || chown "$SERVER_USER:" "$SUPERPW"
  chmod 600 "$SUPERPW"
  as_server "$PG_BIN/initdb" -D "$DATA" -U postgres --pwfile="$SUPERPW" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C --no-instructions >"$CLUSTER/initdb.log" 2>&1 \
    || { cat "$CLUSTER/initdb.log" >&2; die "initdb failed"; }
  printf "\n# Spectron dev cluster: port and sockets, rewritten on each start\ninclude_if_exists = 'spectron.conf'\n" \
    | as_server tee -a "$DATA/postgresql.conf" >/dev/null
  as_server tee "$DATA/pg_hba.conf" >/dev/null <<'EOF'
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 scram-sha-256
host    all       all   127.0.0.1/32  scram-sha-256
EOF
}

start_server() {
  local port=$1 sockdir=$CLUSTER
  # A unix socket path must fit in 107 bytes; without room, TCP only.
  [ $((${#sockdir} + 20)) -le 100 ] || sockdir=
  as_server tee "$DATA/spectron.conf" >/dev/null <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
EOF
  # 9>&- : the server must not inherit our lock.
  as_server "$PG_BIN/pg_ctl" start -w -t 120 -D "$DATA" -l "$LOGFILE" >/dev/null 9>&-
}

setup_database() {
  local port=$1
  local -a psql=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres)
  PGPASSWORD=$(cat "$SUPERPW") PGOPTIONS='-c client_min_messages=warning' "${psql[@]}" -d postgres >/dev/null <<EOF
SELECT 'CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD ''$DB_PASS'''
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$DB_USER') \gexec
\c template1
CREATE EXTENSION IF NOT EXISTS vector;
\c postgres
SELECT 'CREATE DATABASE $DB_NAME OWNER $DB_USER'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$DB_NAME') \gexec
\c $DB_NAME
CREATE EXTENSION IF NOT EXISTS vector;
EOF
}

url_line() {
  printf 'SPECTRON_POSTGRES_URL=jdbc:postgresql://127.0.0.1:%s/%s?user=%s&password=%s\n' \
    "$1" "$DB_NAME" "$DB_USER" "$DB_PASS"
}

lock_dir() {
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$DIR/.lock"
    flock -w 300 9 || die "timed out waiting for the lock on $DIR"
  fi
}

cmd_start() {
  local port attempt
  ensure_postgres
  ensure_pgvector
  resolve_dirs "$1"
  lock_dir
  cd "$CLUSTER"

  if port=$(running_port); then
    log "already running on port $port ($DATA)"
    url_line "$port"
    return
  fi

  [ -f "$DATA/PG_VERSION" ] || init_cluster
  port=$(cat "$CLUSTER/port" 2>/dev/null || true)
  if [ -z "$port" ] || ! port_free "$port"; then port=$(free_port); fi
  for attempt in 1 2 3; do
    log "starting PostgreSQL $PG_MAJOR on 127.0.0.1:$port (log: $LOGFILE)"
    if start_server "$port"; then break; fi
    if [ "$attempt" -lt 3 ] && tail -n 20 "$LOGFILE" 2>/dev/null | grep -q 'could not bind\|already in use'; then
      port=$(free_port)
      continue
    fi
    tail -n 30 "$LOGFILE" >&2 2>/dev/null || true
    die "PostgreSQL did not start; see $LOGFILE"
  done
  for _ in $(seq 100); do
    "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.2
  done
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" || die "server on port $port is not ready; see $LOGFILE"
  printf '%s\n' "$port" | as_server tee "$CLUSTER/port" >/dev/null
  setup_database "$port"
  url_line "$port" >"$URLFILE"
  log "ready: database $DB_NAME, user $DB_USER, pgvector $(installed_vector_version)"
  url_line "$port"
}

cmd_stop() {
  local arg=$1
  if [ ! -d "$arg" ]; then log "nothing to stop: $arg does not exist"; return 0; fi
  if [ ! -x "$PG_BIN/pg_ctl" ]; then log "nothing to stop: PostgreSQL $PG_MAJOR is not installed"; return 0; fi
  resolve_dirs "$arg"
  lock_dir
  cd "$CLUSTER"
  if ! running_port >/dev/null; then log "nothing running in $DATA"; return 0; fi
  log "stopping PostgreSQL in $DATA"
  as_server "$PG_BIN/pg_ctl" stop -m fast -w -t 120 -D "$DATA" >/dev/null 9>&-
}

[ $# -eq 2 ] || usage
case $1 in
  start) cmd_start "$2" ;;
  stop) cmd_stop "$2" ;;
  *) usage ;;
esac
