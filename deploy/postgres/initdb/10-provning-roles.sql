-- Runs once, when the postgres container initialises an EMPTY data directory
-- (files in /docker-entrypoint-initdb.d are skipped on every later start).
-- The entrypoint runs it with psql as the superuser ($POSTGRES_USER), ON_ERROR_STOP on,
-- against a socket-only temporary server; the values come from the container's environment.
--
--   temporal role: owns the `temporal` and `temporal_visibility` databases, which the
--                  temporal-schema one-shot creates (hence CREATEDB) and migrates.
--   owner role:    owns the application database and its schema `public`; TypeORM migrations run as
--                  this role (the api's MIGRATION_DATABASE_URL) and then grant the app role its rows
--                  (libs/db/runtime-grants.ts), re-granted after every migration run.
--   app role:      the api's and the worker's DATABASE_URL: CONNECT and the granted rows only; it owns
--                  nothing, so it cannot ALTER, DROP or disable the audit trail's append-only trigger.
--
-- Changing a password later: ALTER ROLE ... PASSWORD ...; by hand (this file will not run again).

\getenv temporal_user TEMPORAL_DB_USER
\getenv temporal_password TEMPORAL_DB_PASSWORD
\getenv app_user APP_DB_USER
\getenv app_password APP_DB_PASSWORD
\getenv owner_user APP_DB_OWNER
\getenv owner_password APP_DB_OWNER_PASSWORD
\getenv app_db APP_DB_NAME

-- Stop before creating anything when a value is missing (docker-compose.yml requires them all).
\if :{?temporal_user}
\else
  \warn 'TEMPORAL_DB_USER is not set'
  SELECT missing_environment_variable;
\endif
\if :{?temporal_password}
\else
  \warn 'TEMPORAL_DB_PASSWORD is not set'
  SELECT missing_environment_variable;
\endif
\if :{?app_user}
\else
  \warn 'APP_DB_USER is not set'
  SELECT missing_environment_variable;
\endif
\if :{?app_password}
\else
  \warn 'APP_DB_PASSWORD is not set'
  SELECT missing_environment_variable;
\endif
\if :{?owner_user}
\else
  \warn 'APP_DB_OWNER is not set'
  SELECT missing_environment_variable;
\endif
\if :{?owner_password}
\else
  \warn 'APP_DB_OWNER_PASSWORD is not set'
  SELECT missing_environment_variable;
\endif
\if :{?app_db}
\else
  \warn 'APP_DB_NAME is not set'
  SELECT missing_environment_variable;
\endif

CREATE ROLE :"temporal_user" LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE ROLE :"owner_user" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';

CREATE DATABASE :"app_db" OWNER :"owner_user";
-- Only the owner, the app role (and superusers) may connect to the application database.
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"app_db" TO :"app_user";

-- Inside the application database: the owner owns `public` (PostgreSQL 15+ gives it to pg_database_owner,
-- which is the owner anyway; said explicitly so it holds on an older server too), and nobody else creates in it.
\connect :"app_db"
ALTER SCHEMA public OWNER TO :"owner_user";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM :"app_user";
GRANT USAGE ON SCHEMA public TO :"app_user";
