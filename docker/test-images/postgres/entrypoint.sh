#!/bin/sh
# First start: create the cluster in $PGDATA with POSTGRES_USER (default postgres), its password
# POSTGRES_PASSWORD (required), and the database POSTGRES_DB (default: the user's name), reachable
# over the network with that password. Every start: run the given command (postgres).
set -eu
user="${POSTGRES_USER:-postgres}"
db="${POSTGRES_DB:-$user}"
if [ "${1:-}" = postgres ] && [ ! -s "$PGDATA/PG_VERSION" ]; then
    : "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD: the password of $user}"
    pwfile="$(mktemp)"
    printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
    initdb --pgdata="$PGDATA" --username="$user" --pwfile="$pwfile" --encoding=UTF8 \
        --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 > /dev/null
    rm -f "$pwfile"
    echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
    echo "listen_addresses = '*'" >> "$PGDATA/postgresql.auto.conf"
    if [ "$db" != postgres ]; then
        pg_ctl --pgdata="$PGDATA" --options="-c listen_addresses=''" --wait start > /dev/null
        createdb --username="$user" --maintenance-db=postgres "$db"
        pg_ctl --pgdata="$PGDATA" --mode=fast --wait stop > /dev/null
    fi
    echo "postgres-entrypoint: created the cluster, user $user and database $db"
fi
exec "$@"
