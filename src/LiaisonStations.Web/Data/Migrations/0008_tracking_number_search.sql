-- 0008: request numbers are found by any part and in any case (2026-ng-000797, 000797): a trigram index, as
-- for the summaries, so a partial number stays fast at province scale.
CREATE INDEX ix_citizen_requests_tracking_number_trgm ON citizen_requests USING gin (tracking_number gin_trgm_ops);
