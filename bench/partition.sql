-- Yearly range partitions for the two tables that grow with time (issue 15, point 6): citizen_requests by
-- registered_on and reception_days by date, converted in place on a copy of the province data
-- (bash bench/run.sh partition). What it costs the schema, which is why the app does not do it yet:
--   * a partitioned table's primary key and unique indexes must contain the partition key, so the keys become
--     (id, registered_on) / (id, date) and the unique numbers (tracking number and code, the form key, a day's code
--     and the one-day-per-station schedule rule) can only be unique per year;
--   * foreign keys to a partitioned table must name its whole key: the nine tables that point at a request or a
--     reception day by id alone lose their foreign keys (a real migration would carry the date beside the id).
-- Identity columns stay plain bigint/integer columns with the old sequence as default.
CREATE OR REPLACE PROCEDURE pg_temp.partition_by_year(tbl text, col text) LANGUAGE plpgsql AS $$
DECLARE
    flat text := tbl || '_flat';
    first_year int;
    last_year int;
    y int;
    ix record;
    fk record;
    seq text;
BEGIN
    FOR fk IN SELECT conrelid::regclass AS child, conname FROM pg_constraint WHERE confrelid = tbl::regclass AND contype = 'f' LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', fk.child, fk.conname);
    END LOOP;
    seq := pg_get_serial_sequence(tbl, 'id');
    EXECUTE format('ALTER TABLE %I RENAME TO %I', tbl, flat);
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (%I)', tbl, flat, col);
    EXECUTE format('SELECT extract(year FROM min(%I))::int, extract(year FROM max(%I))::int FROM %I', col, col, flat) INTO first_year, last_year;
    FOR y IN first_year .. last_year + 1 LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', tbl || '_' || y, tbl, make_date(y, 1, 1), make_date(y + 1, 1, 1));
    END LOOP;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', tbl || '_other', tbl);
    EXECUTE format('INSERT INTO %I SELECT * FROM %I', tbl, flat);
    -- The identity's sequence goes on as the new table's default.
    EXECUTE format('CREATE SEQUENCE %I', tbl || '_id_seq_p');
    EXECUTE format('SELECT setval(%L, (SELECT max(id) FROM %I))', tbl || '_id_seq_p', flat);
    EXECUTE format('ALTER TABLE %I ALTER COLUMN id SET DEFAULT nextval(%L)', tbl, tbl || '_id_seq_p');
    EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (id, %I)', tbl, col);
    FOR ix IN SELECT indexname, indexdef FROM pg_indexes WHERE tablename = flat AND indexname NOT LIKE 'pk_%' LOOP
        -- Unique indexes without the partition key cannot exist on a partitioned table: kept as plain indexes.
        EXECUTE replace(replace(replace(ix.indexdef, 'CREATE UNIQUE INDEX', 'CREATE INDEX'), 'ON public.' || flat || ' ', 'ON public.' || tbl || ' '), ix.indexname, ix.indexname || '_p');
    END LOOP;
    EXECUTE format('DROP TABLE %I', flat);
END $$;

CALL pg_temp.partition_by_year('citizen_requests', 'registered_on');
CALL pg_temp.partition_by_year('reception_days', 'date');
