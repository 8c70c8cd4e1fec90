-- Figures as of a period's last day (issue 12): a deputy counts as in office until the mandate's end date, so the
-- constituency index also carries it, and assignments are looked up by deputy and start date.
DROP INDEX ix_deputies_constituency_path;

CREATE INDEX ix_deputies_constituency_path ON deputies (constituency_path text_pattern_ops) INCLUDE (status, levels, is_stationed, ended_on);

DROP INDEX ix_stations_area_path;

CREATE INDEX ix_stations_area_path ON stations (area_path text_pattern_ops) INCLUDE (kind, opened_on, closed_on);

ANALYZE deputies;
ANALYZE stations;
