#!/bin/sh
# Run once by the postgres image when it initialises an empty data folder (docker-entrypoint-initdb.d):
# the owner role, which runs the migrations and owns the schema, the application's runtime role, which may
# only read and write data (and only add to the audit trail), and the database, owned by the owner.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<EOSQL
CREATE ROLE liaison_owner LOGIN PASSWORD '${LIAISON_OWNER_PASSWORD}';
CREATE ROLE liaison_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${LIAISON_APP_PASSWORD}';
CREATE DATABASE liaison OWNER liaison_owner ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;
EOSQL
