-- Dashboard figures per station and date (issue 6). Each figure counts requests by a different date, so each
-- gets an index led by the station: an area's figures become index-only range scans over its stations instead
-- of a scan of every request touching the period. Evaluations carry their request's station for the same reason.
ALTER TABLE request_evaluations ADD COLUMN station_id integer;

UPDATE request_evaluations e SET station_id = r.station_id FROM citizen_requests r WHERE r.id = e.citizen_request_id;

ALTER TABLE request_evaluations ALTER COLUMN station_id SET NOT NULL;

ALTER TABLE request_evaluations ADD CONSTRAINT fk_request_evaluations_stations_station_id FOREIGN KEY (station_id) REFERENCES stations (id) ON DELETE RESTRICT;

CREATE INDEX ix_request_evaluations_station_id_evaluated_on ON request_evaluations (station_id, evaluated_on) INCLUDE (evaluation);

CREATE INDEX ix_citizen_requests_station_id_closed_on ON citizen_requests (station_id, closed_on) INCLUDE (registered_on) WHERE closed_on IS NOT NULL;

CREATE INDEX ix_citizen_requests_station_id_finished_on ON citizen_requests (station_id, finished_on) WHERE finished_on IS NOT NULL;

CREATE INDEX ix_citizen_requests_station_id_resolved_on ON citizen_requests (station_id, resolved_on) WHERE resolved_on IS NOT NULL;

CREATE INDEX ix_citizen_requests_station_id_status_due_on ON citizen_requests (station_id, status, due_on) WHERE due_on IS NOT NULL;

ANALYZE citizen_requests;
ANALYZE request_evaluations;
