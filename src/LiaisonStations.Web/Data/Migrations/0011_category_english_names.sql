-- Categories get an English name for the English interface (issue 12), editable by administrators; the usual ones
-- are filled in here.
ALTER TABLE request_categories ADD COLUMN english_name character varying(50);

UPDATE request_categories c SET english_name = v.en
FROM (VALUES
    ('城市建设', 'Urban development'), ('环境保护', 'Environment'), ('交通出行', 'Transport'), ('供暖供水', 'Heating and water'),
    ('物业管理', 'Property management'), ('社会保障', 'Social security'), ('教育', 'Education'), ('医疗卫生', 'Health care'),
    ('劳动就业', 'Employment'), ('农业农村', 'Agriculture and villages'), ('社会治安', 'Public safety'), ('市场监管', 'Market regulation'),
    ('文化体育', 'Culture and sport'), ('养老服务', 'Elderly care'), ('其他', 'Other')
) AS v(zh, en)
WHERE c.name = v.zh AND c.english_name IS NULL;
