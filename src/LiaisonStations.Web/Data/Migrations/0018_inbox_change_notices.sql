-- Every instance drops a user's cached unread count as soon as their notices change (issue 15, point 1): a notice
-- raised, or read, through one instance shows in the header's badge on all of them at its commit, not up to 15 s
-- later. Sent by the database itself, so every way of writing notices (the notifier's INSERT … SELECT, the reminder
-- job, "mark all read") is covered. Payload "db|inbox|<user id>" on the change feed's channel (ChangeFeedListener).
CREATE FUNCTION notify_inbox_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed_user text;
BEGIN
    FOR changed_user IN SELECT DISTINCT user_id FROM changed_rows LOOP
        PERFORM pg_notify('liaison_changes', 'db|inbox|' || changed_user);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER notifications_inbox_inserted AFTER INSERT ON notifications
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_inbox_changed();
CREATE TRIGGER notifications_inbox_updated AFTER UPDATE ON notifications
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION notify_inbox_changed();
