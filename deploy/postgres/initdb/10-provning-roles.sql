-- Runs once, when the postgres container initialises an EMPTY data directory
-- (files in /docker-entrypoint-initdb.d are skipped on every later start).
-- The entrypoint runs it with psql as the superuser ($POSTGRES_USER), ON_ERROR_STOP on,
-- against a socket-only temporary server; the values come from the container's environment.
--
--   temporal role: owns the `temporal` and `temporal_visibility` databases, which the
--                  temporal-schema one-shot creates (hence CREATEDB) and migrates.
--   app role:      owns the application database; TypeORM migrations run as this role.
--
-- Changing a password later: ALTER ROLE ... PASSWORD ...; by hand (this file will not run again).

\getenv temporal_user TEMPORAL_DB_USER
\getenv temporal_password TEMPORAL_DB_PASSWORD
\getenv app_user APP_DB_USER
\getenv app_password APP_DB_PASSWORD
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
\if :{?app_db}
\else
  \warn 'APP_DB_NAME is not set'
  SELECT missing_environment_variable;
\endif

CREATE ROLE :"temporal_user" LOGIN CREATEDB PASSWORD :'temporal_password';
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';

CREATE DATABASE :"app_db" OWNER :"app_user";
-- Only the owner (and superusers) may connect to the application database.
REVOKE ALL ON DATABASE :"app_db" FROM PUBLIC;
