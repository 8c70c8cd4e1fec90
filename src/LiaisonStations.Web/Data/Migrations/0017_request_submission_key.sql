-- The registration form's one-time key: a form sent twice (a resend after an answer lost to a failed instance, a
-- double click) finds the request it made instead of registering it again (issue 15).
ALTER TABLE citizen_requests ADD submission_key uuid;
CREATE UNIQUE INDEX ix_citizen_requests_submission_key ON citizen_requests (submission_key) WHERE submission_key IS NOT NULL;
