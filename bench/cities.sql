-- Synthetic cities under a province (:province, created if missing) for province- and national-shaped benchmark data, in the
-- shape of DESIGN §6: per city 18 districts of 19 streets, 9 communities (villages) per street, a station in 18
-- of every 19 streets (324), a point in every community (3,078), 16,000 deputies at five levels elected in the
-- city's areas, nearly all stationed, the eight standards checked, some star stations.
-- Parameters (replaced by the bench tool): :province (a code like 230000; :pp is its first four digits), :first
-- and :last, the numbers of the cities (1..99); city i gets the area code :province + 100·i, so codes stay
-- unique and the output is the same on every run.

INSERT INTO areas (code, name, abbreviation, level, parent_id, path)
SELECT ':province', '测试省' || ':province', NULL, 1, NULL, ':province'
 WHERE NOT EXISTS (SELECT 1 FROM areas WHERE code = ':province');

INSERT INTO areas (code, name, abbreviation, level, parent_id, path)
SELECT (:province + i * 100)::text, p.name || '测试市' || i, NULL, 2, p.id, p.path || '.' || (:province + i * 100)::text
  FROM areas p, generate_series(:first, :last) AS i
 WHERE p.code = ':province';

INSERT INTO areas (code, name, abbreviation, level, parent_id, path)
SELECT left(c.code, 4) || lpad(d::text, 2, '0'), c.name || '第' || d || '区', NULL, 3, c.id, c.path || '.' || left(c.code, 4) || lpad(d::text, 2, '0')
  FROM areas c, generate_series(1, 18) AS d
 WHERE c.level = 2 AND c.code::int BETWEEN :province + :first * 100 AND :province + :last * 100;

INSERT INTO areas (code, name, abbreviation, level, parent_id, path)
SELECT d.code || lpad(s::text, 3, '0'), d.name || '第' || s || '街道', NULL, 4, d.id, d.path || '.' || d.code || lpad(s::text, 3, '0')
  FROM areas d, generate_series(1, 19) AS s
 WHERE d.level = 3 AND length(d.code) = 6 AND left(d.code, 4)::int BETWEEN :pp + :first AND :pp + :last;

INSERT INTO areas (code, name, abbreviation, level, parent_id, path)
SELECT s.code || lpad(k::text, 3, '0'), s.name || '第' || k || '社区', NULL, 5, s.id, s.path || '.' || s.code || lpad(k::text, 3, '0')
  FROM areas s, generate_series(1, 9) AS k
 WHERE s.level = 4 AND length(s.code) = 9 AND left(s.code, 4)::int BETWEEN :pp + :first AND :pp + :last;

-- A station in 18 of every 19 streets, a point in every community.
INSERT INTO stations (code, name, kind, host_type, area_id, area_path, address, contact_phone, opened_on, status, closed_on, closed_reason,
    is_legislative_contact_point, schedule_kind, schedule_day_of_month, schedule_weekday, schedule_nth, created_at, updated_at)
SELECT 'GS' || a.code, a.name || '人大代表联络站', 2, 1 + (a.id % 9), a.id, a.path, a.name || '党群服务中心', NULL::varchar,
       date '2016-01-01' + (a.id % 365), 1, NULL::date, NULL::varchar, a.id % 40 = 0, 1, 15, NULL::int, NULL::int, now(), now()
  FROM areas a
 WHERE a.level = 4 AND length(a.code) = 9 AND right(a.code, 3)::int % 19 <> 0
   AND left(a.code, 4)::int BETWEEN :pp + :first AND :pp + :last
UNION ALL
SELECT 'GP' || a.code, a.name || '代表联络点', 3, 2, a.id, a.path, a.name || '居委会', NULL,
       date '2018-01-01' + (a.id % 365), 1, NULL, NULL, false, 0, NULL, NULL, NULL, now(), now()
  FROM areas a
 WHERE a.level = 5 AND length(a.code) = 12 AND left(a.code, 4)::int BETWEEN :pp + :first AND :pp + :last;

INSERT INTO station_standards (standard, met, note, checked_on, station_id)
SELECT k, (s.id * 7 + k) % 10 < 8, NULL, date '2026-06-30', s.id
  FROM stations s, generate_series(1, 8) AS k
 WHERE s.code LIKE 'GS%' AND s.kind = 2 AND left(substr(s.code, 3), 4)::int BETWEEN :pp + :first AND :pp + :last;

INSERT INTO station_star_ratings (station_id, proposed_stars, stars, year, stage, nomination_reason, public_votes, panel_note, rejection_reason, nominated_at, decided_at)
SELECT s.id, 1 + (s.id % 3), 1 + (s.id % 3), 2025, 5, '年度评定', 100 + s.id % 50, NULL, NULL, now(), now()
  FROM stations s
 WHERE s.code LIKE 'GS%' AND s.kind = 2 AND s.id % 25 = 0 AND left(substr(s.code, 3), 4)::int BETWEEN :pp + :first AND :pp + :last;

-- 16,000 deputies per city: 60 % township (elected in a street), 25 % county (a district), 10 % city, 4 % provincial,
-- 1 % national (the city); 2 % ended their term.
WITH city AS (
       SELECT c.id, c.code, array_agg(DISTINCT d.id ORDER BY d.id) AS districts,
              array_agg(DISTINCT s.id ORDER BY s.id) AS streets
         FROM areas c JOIN areas d ON d.parent_id = c.id JOIN areas s ON s.parent_id = d.id
        WHERE c.level = 2 AND c.code::int BETWEEN :province + :first * 100 AND :province + :last * 100
        GROUP BY c.id, c.code),
     g AS (SELECT city.*, n, (n * 2654435761::bigint) % 4294967291 AS h FROM city, generate_series(1, 16000) AS n)
INSERT INTO deputies (code, name, gender, levels, term, constituency_area_id, sector, phone, status, ended_on, updated_at, is_stationed)
SELECT 'GD' || g.code || lpad(g.n::text, 5, '0'),
       (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + g.h % 10] || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳'])[1 + (g.h / 10) % 12],
       1 + g.h % 2,
       CASE WHEN g.n % 100 < 60 THEN 16 WHEN g.n % 100 < 85 THEN 8 WHEN g.n % 100 < 95 THEN 4 WHEN g.n % 100 < 99 THEN 2 ELSE 1 END,
       '第十六届',
       CASE WHEN g.n % 100 < 60 THEN g.streets[1 + g.h % array_length(g.streets, 1)]
            WHEN g.n % 100 < 85 THEN g.districts[1 + g.h % array_length(g.districts, 1)]
            ELSE g.id END,
       (ARRAY['工人','农民','专业技术人员','企业负责人','机关干部','社区工作者'])[1 + g.h % 6],
       '139' || lpad((g.h % 100000000)::text, 8, '0'),
       CASE WHEN g.n % 50 = 0 THEN 2 ELSE 1 END,
       CASE WHEN g.n % 50 = 0 THEN date '2025-12-31' END,
       now(), false
  FROM g;

UPDATE deputies d SET constituency_path = a.path
  FROM areas a
 WHERE a.id = d.constituency_area_id AND d.constituency_path IS NULL;

-- Assignments: a township deputy to the station of their street (none where the street has no station), a county
-- deputy to a station of their district, others to a station of the city; one in four provincial and national
-- deputies and one in twenty others stay unstationed.
WITH d AS (
       SELECT d.id, d.levels, d.constituency_area_id, a.level AS area_level, a.path, (d.id * 2654435761::bigint) % 4294967291 AS h
         FROM deputies d JOIN areas a ON a.id = d.constituency_area_id
        WHERE d.code LIKE 'GD%' AND d.status = 1 AND left(substr(d.code, 3), 4)::int BETWEEN :pp + :first AND :pp + :last),
     by_area AS (
       SELECT a.id AS area_id, array_agg(s.id ORDER BY s.id) AS stations
         FROM areas a JOIN stations s ON s.area_path LIKE a.path || '.%' OR s.area_path = a.path
        WHERE a.level IN (2, 3) AND left(a.code, 4)::int BETWEEN :pp + :first AND :pp + :last AND s.kind = 2
        GROUP BY a.id)
INSERT INTO station_assignments (deputy_id, station_id, role, "from", "to")
SELECT d.id,
       CASE WHEN d.area_level = 4 THEN (SELECT s.id FROM stations s WHERE s.area_id = d.constituency_area_id AND s.kind = 2 LIMIT 1)
            ELSE b.stations[1 + d.h % array_length(b.stations, 1)] END,
       2, date '2022-01-01', NULL
  FROM d LEFT JOIN by_area b ON b.area_id = d.constituency_area_id
 WHERE CASE WHEN d.levels IN (1, 2) THEN d.h % 4 <> 0 ELSE d.h % 20 <> 0 END
   AND CASE WHEN d.area_level = 4 THEN EXISTS (SELECT 1 FROM stations s WHERE s.area_id = d.constituency_area_id AND s.kind = 2) ELSE b.stations IS NOT NULL END;

UPDATE deputies d SET is_stationed = true
 WHERE NOT d.is_stationed AND EXISTS (SELECT 1 FROM station_assignments x WHERE x.deputy_id = d.id AND x."to" IS NULL);

ANALYZE areas;
ANALYZE stations;
ANALYZE deputies;
ANALYZE station_assignments;
