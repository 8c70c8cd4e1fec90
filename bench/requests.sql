-- Citizen requests for the benchmarks: :n requests spread over the stations chosen by :filter (a condition on
-- the stations alias s), ten years of registration dates, every state, summaries built from a vocabulary of real
-- problems. Each request gets its Registered timeline event; referred ones a department and due date; closed
-- ones their evaluation. Numbers start with :tag so several runs can share a database.
WITH st AS (SELECT array_agg(s.id ORDER BY s.id) AS a, count(*) AS n FROM stations s WHERE (:filter)),
     cat AS (SELECT array_agg(id ORDER BY id) AS a, count(*) AS n FROM request_categories),
     dep AS (SELECT array_agg(id ORDER BY id) AS a, count(*) AS n FROM departments),
     words AS (
       SELECT ARRAY['幸福小区','和平路','学府路','中山路','红旗街','建设街','友谊路','长江路','黄河路','花园街',
                    '西大直街','东大直街','果戈里大街','哈平路','南通大街','安定街','景阳街','新阳路','通江街','民生路',
                    '前进村','胜利村','光明社区','团结社区','振兴社区','育才小区','保健路','公滨路','征仪路','宣化街'] AS place,
              ARRAY['供暖温度不达标','暖气管道漏水','电梯经常停运','楼顶漏水需要维修','路灯不亮','下水道堵塞','垃圾清运不及时',
                    '小区停车难','噪音扰民','占道经营','违章建筑','物业服务差','自来水水压低','燃气管道老化','道路坑洼不平',
                    '公交线路不便','学校周边交通拥堵','菜市场卫生差','绿化带被毁','健身器材损坏','老年食堂缺少','社区医院就医难',
                    '养老金发放咨询','低保申请','残疾人补贴','就业培训需求','拖欠农民工工资','房屋产权证办理难','拆迁补偿争议',
                    '排水设施不足','积雪清理不及时','井盖缺失','流浪犬伤人','油烟扰民','广场舞噪音','快递车辆乱停',
                    '充电桩安装难','外墙保温脱落','楼道堆放杂物','消防通道堵塞','路口缺少信号灯','人行道被占','农田灌溉渠损坏',
                    '农村道路硬化','村卫生室缺医生','土地流转纠纷','秸秆焚烧','污水直排','河道垃圾','空气异味'] AS problem,
              ARRAY['已持续一个月','多次反映未解决','影响老人出行','涉及三百余户','冬季尤为严重','存在安全隐患','希望尽快处理',
                    '居民意见较大','请相关部门核查','已向物业反映','夜间尤为明显','雨天更严重','涉及学生安全','已拨打热线',
                    '要求给予答复','建议统一整治','请求协调解决','影响正常生活','希望代表关注','需要资金支持'] AS detail
     ),
     base AS (
       SELECT g,
              (g * 2654435761::bigint) % 4294967291 AS h,
              date '2016-11-22' + ((g * 7919) % 3653)::int AS registered_on
         FROM generate_series(1::bigint, :n) AS g
     )
INSERT INTO citizen_requests (tracking_number, tracking_code, station_id, reception_day_id, channel, category_id, summary,
    citizen_name, citizen_phone, consent_to_contact, consent_to_disclose, status, registered_at, registered_on,
    due_on, resolved_on, finished_on, closed_on, latest_evaluation, current_department_id, closing_round, updated_at,
    consent_to_publish, withdrawn_as_spam)
SELECT ':tag-' || lpad(b.g::text, 8, '0'),
       upper(substr(md5(':tag' || b.g), 1, 16)),
       st.a[1 + (b.h % st.n)],
       NULL,
       1 + (b.h % 6),
       cat.a[1 + ((b.h / 7) % cat.n)],
       w.place[1 + ((b.h / 13) % 30)] || w.problem[1 + ((b.h / 17) % 50)] || '，' || w.detail[1 + ((b.h / 19) % 20)],
       '群众' || (b.g % 1000),
       '139' || lpad((b.h % 100000000)::text, 8, '0'),
       true,
       (b.g % 3 = 0),
       s.status,
       (b.registered_on + time '09:30') AT TIME ZONE 'Asia/Shanghai',
       b.registered_on,
       CASE WHEN s.status IN (4, 5, 6) THEN b.registered_on + 10 END,
       CASE WHEN s.status IN (7, 9) THEN b.registered_on + 12 END,
       CASE WHEN s.status IN (2, 7, 8, 9, 11, 12) THEN b.registered_on + 12 END,
       CASE WHEN s.status = 9 THEN b.registered_on + 15 END,
       CASE WHEN s.status = 9 THEN 1 + (b.h % 3) END,
       CASE WHEN s.status IN (4, 5, 6, 7, 8, 9) THEN dep.a[1 + (b.h % dep.n)] END,
       CASE WHEN s.status = 9 THEN 1 ELSE 0 END,
       now(),
       false,
       false
  FROM base b, st, cat, dep, words w,
       LATERAL (SELECT CASE
                  WHEN b.registered_on > date '2026-10-01' THEN (ARRAY[1, 3, 4, 5, 6])[1 + (b.h % 5)]
                  ELSE (ARRAY[9, 9, 9, 9, 7, 8, 2, 11, 12, 4])[1 + (b.h % 10)]
                END AS status) s;

INSERT INTO request_events (action, from_status, to_status, note, actor_user_id, actor_name, at, citizen_request_id)
SELECT 1, NULL, 1, NULL, NULL, '联络员', r.registered_at, r.id
  FROM citizen_requests r
 WHERE r.tracking_number LIKE ':tag-%';

INSERT INTO request_evaluations (station_id, round, evaluation, note, recorded_by, evaluated_at, evaluated_on, citizen_request_id, source)
SELECT r.station_id, 1, r.latest_evaluation, NULL, '联络员', (r.closed_on + time '10:00') AT TIME ZONE 'Asia/Shanghai', r.closed_on, r.id, 1
  FROM citizen_requests r
 WHERE r.tracking_number LIKE ':tag-%' AND r.latest_evaluation IS NOT NULL;

ANALYZE;
