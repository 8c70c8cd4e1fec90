-- Deputies counted by area without joining the area tree (issue 6): each deputy carries the path of the area
-- that elected them and whether they hold a current station assignment, both kept by the Deputy aggregate.
ALTER TABLE deputies ADD COLUMN constituency_path character varying(400);

ALTER TABLE deputies ADD COLUMN is_stationed boolean NOT NULL DEFAULT false;

ALTER TABLE deputies ALTER COLUMN is_stationed DROP DEFAULT;

UPDATE deputies d SET constituency_path = a.path FROM areas a WHERE a.id = d.constituency_area_id;

UPDATE deputies d SET is_stationed = true WHERE EXISTS (SELECT 1 FROM station_assignments x WHERE x.deputy_id = d.id AND x."to" IS NULL);

CREATE INDEX ix_deputies_constituency_path ON deputies (constituency_path text_pattern_ops) INCLUDE (status, levels, is_stationed);

ANALYZE deputies;
