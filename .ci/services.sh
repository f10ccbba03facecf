#!/usr/bin/env bash
# Makes sure the services of the scale-out tests answer on loopback: PostgreSQL on
# 127.0.0.1:5432 (trust auth for local TCP, database `test`) and NATS with JetStream on
# 127.0.0.1:4222. Installs Debian's `postgresql` and `nats-server` packages and starts them
# when absent. Exits non-zero when a service still does not answer.
set -uo pipefail

up() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { for _ in $(seq 1 30); do up "$1" && return 0; sleep 1; done; return 1; }
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
apt_install() {
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null; } \
    || echo "could not install $*" >&2
}

if ! up 5432; then
  command -v pg_ctlcluster >/dev/null || apt_install postgresql
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
  if [ -n "$version" ]; then
    [ -d "/etc/postgresql/$version/main" ] || $SUDO pg_createcluster "$version" main >/dev/null
    hba="/etc/postgresql/$version/main/pg_hba.conf"
    if ! $SUDO grep -q "^host all all 127.0.0.1/32 trust" "$hba"; then
      $SUDO sed -i '1i host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    fi
    $SUDO pg_ctlcluster "$version" main start || true
    wait_for 5432
  fi
fi
if up 5432 && ! psql -h 127.0.0.1 -U postgres -d test -Atc 'SELECT 1' >/dev/null 2>&1; then
  psql -h 127.0.0.1 -U postgres -d postgres -c 'CREATE DATABASE test' >/dev/null 2>&1 || true
fi

if ! up 4222; then
  command -v nats-server >/dev/null || apt_install nats-server
  if command -v nats-server >/dev/null; then
    store=/var/tmp/dyad-ci-nats
    mkdir -p "$store"
    setsid nohup nats-server -a 127.0.0.1 -p 4222 -js -sd "$store" >"$store/server.log" 2>&1 < /dev/null &
    wait_for 4222
  fi
fi

ok=0
if psql -h 127.0.0.1 -U postgres -d test -Atc 'SELECT 1' >/dev/null 2>&1; then
  echo "PostgreSQL: $(psql -h 127.0.0.1 -U postgres -d test -Atc 'SHOW server_version')"
else
  echo "PostgreSQL: not answering on 127.0.0.1:5432 as postgres/test" >&2; ok=1
fi
if up 4222; then echo "NATS: answering on 127.0.0.1:4222"; else echo "NATS: not answering on 127.0.0.1:4222" >&2; ok=1; fi
exit $ok
