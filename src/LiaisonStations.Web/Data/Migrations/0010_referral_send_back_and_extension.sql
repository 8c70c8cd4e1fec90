-- A department can send a mis-routed referral back with its reason, or ask for a later due date (issue 12).
ALTER TABLE request_referrals ADD COLUMN returned_at timestamp with time zone;

ALTER TABLE request_referrals ADD COLUMN return_reason character varying(2000);

ALTER TABLE request_referrals ADD COLUMN extension_asked_for date;

ALTER TABLE request_referrals ADD COLUMN extension_reason character varying(2000);
