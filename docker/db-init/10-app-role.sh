#!/bin/sh
# The postgres image runs this once, when it first makes the database's volume, as the owner
# (POSTGRES_USER). It makes the login the app runs as: a member of greentape_app, which the
# migrations grant everything but changing or removing the event log and closed months' rows.
# The owner keeps the tables and runs the migrations (MIGRATION_DATABASE_URL).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set app_password="$APP_DB_PASSWORD" <<'SQL'
CREATE ROLE greentape_app NOLOGIN;
CREATE ROLE greentape_web LOGIN PASSWORD :'app_password' IN ROLE greentape_app;
SQL
