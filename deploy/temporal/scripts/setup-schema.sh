#!/bin/sh
# One-shot: create and migrate Temporal's two PostgreSQL databases.
# Runs in the temporalio/admin-tools image (service `temporal-schema` in docker-compose.yml)
# on every `docker compose up`; every step is idempotent:
#   create-database  ignores "database already exists",
#   setup-schema -v 0.0  only creates the version tables and skips when a newer version is recorded,
#   update-schema    applies the versioned migrations newer than the recorded version, if any.
# So the same run also upgrades the schema when the server image is moved to a newer 1.x.
#
# temporal-sql-tool reads its connection from SQL_PLUGIN, SQL_HOST, SQL_PORT, SQL_USER and
# SQL_PASSWORD (tools/sql/main.go in temporalio/temporal); the database is given per call.
set -eu

: "${SQL_PLUGIN:?SQL_PLUGIN is required (postgres12)}"
: "${SQL_HOST:?SQL_HOST is required}"
: "${SQL_USER:?SQL_USER is required}"
: "${SQL_PASSWORD:?SQL_PASSWORD is required}"
DBNAME="${DBNAME:-temporal}"
VISIBILITY_DBNAME="${VISIBILITY_DBNAME:-temporal_visibility}"
SCHEMA_ROOT="${SCHEMA_ROOT:-/etc/temporal/schema/postgresql/v12}" # where admin-tools keeps them

setup() {
  db="$1"
  dir="$2"
  echo "temporal-schema: database ${db} (${dir})"
  temporal-sql-tool --db "$db" create-database
  temporal-sql-tool --db "$db" setup-schema -v 0.0
  temporal-sql-tool --db "$db" update-schema -d "$dir"
}

setup "$DBNAME" "$SCHEMA_ROOT/temporal/versioned"
setup "$VISIBILITY_DBNAME" "$SCHEMA_ROOT/visibility/versioned"
echo "temporal-schema: done"
