#!/usr/bin/env bash
# Fails when prisma/schema.prisma and prisma/migrations disagree: applies every migration to
# a scratch database on the PostgreSQL server, introspects it, and diffs against the schema.
set -euo pipefail
cd "$(dirname "$0")/.."
server="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
name="timebox_drift_$$"
scratch="${server%/*}/$name"
psql "$server" -qc "CREATE DATABASE $name" >/dev/null
trap 'psql "$server" -qc "DROP DATABASE IF EXISTS $name WITH (FORCE)" >/dev/null' EXIT
DATABASE_URL="$scratch" npx prisma migrate deploy >/dev/null
pulled=$(mktemp --suffix .prisma)
DATABASE_URL="$scratch" npx prisma db pull --print 2>/dev/null | sed -n '/^generator client/,$p' > "$pulled"
drift=$(DATABASE_URL="$server" npx prisma migrate diff --from-schema-datamodel "$pulled" --to-schema-datamodel prisma/schema.prisma --script 2>/dev/null | grep -v '^--' | grep -v '^\s*$' || true)
rm -f "$pulled"
if [ -n "$drift" ]; then
  echo "prisma/schema.prisma has changes no migration makes:" >&2
  echo "$drift" >&2
  exit 1
fi
echo "Migrations match prisma/schema.prisma."
