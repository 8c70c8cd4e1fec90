-- Ten years of activity (December 2016 to November 2026) at the stations chosen by :filter (a condition on the
-- stations alias s, written by the bench tool): reception days in nine months of every year (duty reports in
-- June and December, themed receptions in March and September), two reporting deputies per duty report with
-- their votes, :suggestions suggestions led by the stationed deputies, answered and evaluated. Requests come
-- from requests.sql with the same filter. Deterministic: the same parameters give the same rows.

INSERT INTO reception_days (code, station_id, date, starts_at, ends_at, type, theme, status, citizens_received, deputies_attended,
    minutes, cancel_reason, from_schedule, created_at, updated_at)
SELECT NULL, x.id, x.day, time '09:00', time '11:30',
       CASE WHEN extract(month FROM x.day) IN (6, 12) THEN 3 WHEN extract(month FROM x.day) IN (3, 9) THEN 2 ELSE 1 END,
       CASE WHEN extract(month FROM x.day) IN (3, 9) THEN '主题接待' END,
       x.status,
       CASE WHEN x.status = 2 THEN 5 + x.h % 26 ELSE 0 END,
       CASE WHEN x.status = 2 THEN 2 + x.h % 7 ELSE 0 END,
       NULL,
       CASE WHEN x.status = 3 THEN '天气原因' END,
       false, now(), now()
  FROM (SELECT s.id, (date '2016-12-15' + make_interval(months => k))::date AS day,
               ((s.id * 1000 + k) * 2654435761::bigint) % 4294967291 AS h,
               CASE WHEN (date '2016-12-15' + make_interval(months => k))::date > date '2026-11-22' THEN 1
                    WHEN ((s.id * 1000 + k) * 2654435761::bigint) % 4294967291 % 33 = 0 THEN 3 ELSE 2 END AS status
          FROM stations s, generate_series(0, 119) AS k
         WHERE s.kind = 2 AND (:filter) AND k % 4 <> 3) x;

INSERT INTO duty_report_entries (deputy_id, satisfied, basically_satisfied, unsatisfied, reception_day_id)
SELECT a.deputy_id, 10 + (d.id + a.deputy_id) % 20, 3 + d.id % 5, d.id % 3, d.id
  FROM reception_days d JOIN stations s ON s.id = d.station_id
  CROSS JOIN LATERAL (SELECT DISTINCT x.deputy_id FROM station_assignments x WHERE x.station_id = d.station_id AND x."to" IS NULL ORDER BY x.deputy_id LIMIT 2) a
 WHERE d.type = 3 AND d.status = 2 AND (:filter)
   AND NOT EXISTS (SELECT 1 FROM duty_report_entries e WHERE e.reception_day_id = d.id);

WITH lead AS (
       SELECT array_agg(DISTINCT x.deputy_id ORDER BY x.deputy_id) AS a
         FROM station_assignments x JOIN stations s ON s.id = x.station_id
        WHERE x."to" IS NULL AND (:filter)),
     dep AS (SELECT array_agg(id ORDER BY id) AS a FROM departments),
     g AS (SELECT n, (n * 2654435761::bigint) % 4294967291 AS h, date '2016-12-01' + ((n * 7919) % 3600)::int AS submitted_on
             FROM generate_series(1, :suggestions) AS n)
INSERT INTO suggestions (number, title, body, category, lead_deputy_id, occasion, session_name, status, created_at, submitted_on, assigned_on,
    due_on, latest_reply_category, first_replied_on, latest_evaluation, reclassification_reason, handling_round, key_supervision,
    lead_supervisor, third_party_evaluation, updated_at)
SELECT ':tag-JY-' || lpad(g.n::text, 6, '0'), '关于' || (ARRAY['改善供暖','整治噪音','增设路灯','修缮道路','完善养老服务'])[1 + g.h % 5] || '的建议',
       '建议内容', NULL, lead.a[1 + g.h % array_length(lead.a, 1)], 1 + g.h % 2, NULL,
       CASE WHEN g.submitted_on > date '2026-09-01' THEN 5 ELSE 7 END,
       now(), g.submitted_on, g.submitted_on + 7, g.submitted_on + 97,
       CASE WHEN g.submitted_on > date '2026-09-01' THEN NULL ELSE 1 + (g.h / 7) % 3 END,
       CASE WHEN g.submitted_on > date '2026-09-01' THEN NULL ELSE g.submitted_on + 60 END,
       CASE WHEN g.submitted_on > date '2026-09-01' THEN NULL ELSE 1 + (g.h / 11) % 3 END,
       NULL, 1, false, NULL, false, now()
  FROM g, lead
 WHERE array_length(lead.a, 1) > 0;

INSERT INTO suggestion_evaluations (round, evaluation, note, evaluated_by, evaluated_at, evaluated_on, suggestion_id)
SELECT 1, g.latest_evaluation, NULL, '代表', (g.first_replied_on + 20 + time '10:00') AT TIME ZONE 'Asia/Shanghai', g.first_replied_on + 20, g.id
  FROM suggestions g
 WHERE g.number LIKE ':tag-JY-%' AND g.latest_evaluation IS NOT NULL;

ANALYZE reception_days;
ANALYZE duty_report_entries;
ANALYZE suggestions;
ANALYZE suggestion_evaluations;
