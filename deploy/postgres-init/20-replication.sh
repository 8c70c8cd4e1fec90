#!/bin/sh
# Run once by the postgres image on an empty data folder: the role the standby of the compose "cluster" profile
# copies and streams with (pg_basebackup -R), allowed to replicate from the compose network only. Harmless without
# the profile (nobody uses the role).
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<EOSQL
CREATE ROLE liaison_replicator LOGIN REPLICATION PASSWORD '${LIAISON_REPLICATOR_PASSWORD:-replicator-demo}';
EOSQL
echo "host replication liaison_replicator samenet scram-sha-256" >> "$PGDATA/pg_hba.conf"
