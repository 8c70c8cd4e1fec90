using System.Data.Common;
using System.Globalization;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Npgsql;

namespace LiaisonStations.Web.Statistics;

/// <summary>
/// Computes DESIGN §4 in the database for an area (everything whose area path lies under it) or a single
/// station, and a period. Each family of figures is one aggregate query grouped by child (the next segment of
/// the area path, or the station for a street) with ROLLUP adding the total, so an area and all its children
/// cost nine queries whatever their number. Stations, points, coverage, standards, stars and the entry rate are
/// counted as of the period's last day (today for the current period): stations opened on or before it and not
/// closed by then, deputies whose mandate had not ended before it, assignments running that day. Where the design
/// leaves it open: deputies belong to the area they were elected in (constituency); suggestions to their lead
/// deputy's area; a street counts as covered when a station active that day lies in it or in one of its communities; "resolved" counts requests whose resolution date
/// falls in the period; the resolution rate divides by requests that left the open states in the period; the
/// average days to close is over requests closed in the period; evaluations count when collected in the period;
/// overdue is as of today; star ratings are each station's latest approved rating up to the period's year.
/// </summary>
public sealed partial class AreaMetrics(ReadOnlyDb db, ReadConnections reads, AggregateGate gate, TimeProvider clock)
{
    private async Task RunAsync(Scope scope, DateOnly from, DateOnly to, Dictionary<string, Tally> tallies, bool withAreaFigures, ChartFigures? charts, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var asOf = new NpgsqlParameter("asof", AsOf(to));
        var open = RequestWorkflow.Open.Select(s => (int)s).ToArray();
        const string Active = "s.opened_on <= @asof AND (s.closed_on IS NULL OR s.closed_on > @asof)";
        const int KindStation = (int)StationKind.Station;
        const int KindPoint = (int)StationKind.Point;
        const int Held = (int)ReceptionDayStatus.Held;
        const int Reception = (int)ReceptionDayType.Reception;
        const int Themed = (int)ReceptionDayType.ThemedReception;
        const int Duty = (int)ReceptionDayType.DutyReport;
        const int Unsatisfied = (int)Evaluation.Unsatisfied;
        const int OnlineEvaluation = (int)EvaluationSource.CitizenOnline;
        const int Approved = (int)HonourStage.Approved;
        var (f, k) = (scope.StationFilter, scope.StationKey);
        var queries = new List<Func<Task>>();

        // Stations and points active on the period's last day, the eight standards they meet, their star ratings then.
        ReadAsync(
            $"""
            SELECT {k},
                   count(*) FILTER (WHERE s.kind = {KindStation} AND {Active}),
                   count(*) FILTER (WHERE s.kind = {KindPoint} AND {Active}),
                   coalesce(sum((SELECT count(*) FROM station_standards x WHERE x.station_id = s.id AND x.met)) FILTER (WHERE s.kind = {KindStation} AND {Active}), 0),
                   count(*) FILTER (WHERE {Active} AND r.stars = 1),
                   count(*) FILTER (WHERE {Active} AND r.stars = 2),
                   count(*) FILTER (WHERE {Active} AND r.stars = 3)
            FROM stations s
            LEFT JOIN LATERAL (SELECT x.stars FROM station_star_ratings x WHERE x.station_id = s.id AND x.stage = {Approved} AND x.year <= @year ORDER BY x.year DESC LIMIT 1) r ON true
            WHERE {f}
            GROUP BY ROLLUP ({k})
            """,
            (t, r) =>
            {
                t.Stations = r.GetInt32(1);
                t.Points = r.GetInt32(2);
                t.StandardsMet = r.GetInt32(3);
                t.StarStations[1] = r.GetInt32(4);
                t.StarStations[2] = r.GetInt32(5);
                t.StarStations[3] = r.GetInt32(6);
            },
            [new NpgsqlParameter("year", to.Year), asOf]);

        if (charts is not null)
        {
            queries.Add(() => ReadNetworkGrowthAsync(scope, asOf, charts, ct));
        }

        // Held reception days and duty reports in the period; with the charts, also per month (one scan).
        var days = Sets("date_trunc('month', d.date)::date");
        ReadGrouped(
            days,
            $"""
            SELECT {k}, {days.Grouping}, {days.Extras[0]},
                   count(*) FILTER (WHERE d.type IN ({Reception}, {Themed})),
                   coalesce(sum(d.deputies_attended) FILTER (WHERE d.type IN ({Reception}, {Themed})), 0),
                   coalesce(sum(d.citizens_received) FILTER (WHERE d.type IN ({Reception}, {Themed})), 0),
                   count(*) FILTER (WHERE d.type = {Duty}),
                   coalesce(sum(d.citizens_received) FILTER (WHERE d.type = {Duty}), 0)
            FROM reception_days d JOIN stations s ON s.id = d.station_id
            WHERE {f} AND d.status = {Held} AND d.date BETWEEN @from AND @to AND d.type IN ({Reception}, {Themed}, {Duty})
            GROUP BY {days.GroupBy}
            """,
            (t, r) =>
            {
                t.ReceptionDays = r.GetInt32(3);
                t.DeputyParticipations = r.GetInt32(4);
                t.CitizensReceived = r.GetInt32(5);
                t.DutyReports = r.GetInt32(6);
                t.DutyReportAttendees = r.GetInt32(7);
            },
            r => Month(r, 2).ReceptionDays = r.GetInt32(3));

        // Duty reports: reporting deputies are those who attended (imported ones list them) or have votes recorded.
        ReadAsync(
            $"""
            SELECT {k}, count(DISTINCT x.deputy_id), coalesce(sum(x.votes), 0), coalesce(sum(x.good), 0)
            FROM (SELECT d.station_id, a.deputy_id, 0 AS votes, 0 AS good
                  FROM reception_day_deputies a JOIN reception_days d ON d.id = a.reception_day_id
                  WHERE a.attended AND d.status = {Held} AND d.type = {Duty} AND d.date BETWEEN @from AND @to
                  UNION ALL
                  SELECT d.station_id, e.deputy_id, e.satisfied + e.basically_satisfied + e.unsatisfied, e.satisfied + e.basically_satisfied
                  FROM duty_report_entries e JOIN reception_days d ON d.id = e.reception_day_id
                  WHERE d.status = {Held} AND d.type = {Duty} AND d.date BETWEEN @from AND @to) x
            JOIN stations s ON s.id = x.station_id
            WHERE {f}
            GROUP BY ROLLUP ({k})
            """,
            (t, r) =>
            {
                t.ReportingDeputies = r.GetInt32(1);
                t.Votes = r.GetInt32(2);
                t.GoodVotes = r.GetInt32(3);
            },
            Period(from, to));

        // Requests: each figure counts by a different date, each has its (station, date) index (migration 0005),
        // so every figure is an index-only range scan per station of the area.
        void CountRequests(string condition, Action<Tally, int> set, params NpgsqlParameter[] extra) => ReadAsync(
            $"""
            SELECT {k}, count(*)::int
            FROM citizen_requests q JOIN stations s ON s.id = q.station_id
            WHERE {f} AND {condition}
            GROUP BY ROLLUP ({k})
            """,
            (t, r) => set(t, r.GetInt32(1)),
            [.. Period(from, to), .. extra]);

        // Collected and resolved; with the charts, also per month and (collected) per category, from the same scans.
        var registered = Sets("date_trunc('month', q.registered_on)::date", "q.category_id");
        ReadGrouped(
            registered,
            $"""
            SELECT {k}, {registered.Grouping}, {registered.Extras[0]}, count(*)::int, {registered.Extras[1]}
            FROM citizen_requests q JOIN stations s ON s.id = q.station_id
            WHERE {f} AND q.registered_on BETWEEN @from AND @to AND NOT q.withdrawn_as_spam
            GROUP BY {registered.GroupBy}
            """,
            (t, r) => t.RequestsCollected = r.GetInt32(3),
            r =>
            {
                if (r.IsDBNull(4))
                {
                    Month(r, 2).RequestsCollected = r.GetInt32(3);
                }
                else
                {
                    lock (charts!)
                    {
                        charts.Categories[r.GetInt32(4)] = r.GetInt32(3);
                    }
                }
            });
        var resolved = Sets("date_trunc('month', q.resolved_on)::date");
        ReadGrouped(
            resolved,
            $"""
            SELECT {k}, {resolved.Grouping}, {resolved.Extras[0]}, count(*)::int
            FROM citizen_requests q JOIN stations s ON s.id = q.station_id
            WHERE {f} AND q.resolved_on BETWEEN @from AND @to
            GROUP BY {resolved.GroupBy}
            """,
            (t, r) => t.Resolved = r.GetInt32(3),
            r => Month(r, 2).Resolved = r.GetInt32(3));
        ReadAsync(
            $"""
            SELECT {k}, count(*)::int, count(*) FILTER (WHERE q.resolved_on IS NOT NULL)::int
            FROM citizen_requests q JOIN stations s ON s.id = q.station_id
            WHERE {f} AND q.finished_on BETWEEN @from AND @to
            GROUP BY ROLLUP ({k})
            """,
            (t, r) =>
            {
                t.Finished = r.GetInt32(1);
                t.FinishedResolved = r.GetInt32(2);
            },
            Period(from, to));
        CountRequests("q.status = ANY(@open) AND q.due_on < @today", (t, n) => t.Overdue = n, new NpgsqlParameter("open", open), new NpgsqlParameter("today", today));
        ReadAsync(
            $"""
            SELECT {k}, count(*)::int, coalesce(sum(q.closed_on - q.registered_on), 0)::bigint
            FROM citizen_requests q JOIN stations s ON s.id = q.station_id
            WHERE {f} AND q.closed_on BETWEEN @from AND @to
            GROUP BY ROLLUP ({k})
            """,
            (t, r) =>
            {
                t.Closed = r.GetInt32(1);
                t.DaysToClose = r.GetInt64(2);
            },
            Period(from, to));

        ReadAsync(
            $"""
            SELECT {k}, count(*), count(*) FILTER (WHERE e.evaluation <> {Unsatisfied}), count(*) FILTER (WHERE e.source = {OnlineEvaluation})
            FROM request_evaluations e JOIN stations s ON s.id = e.station_id
            WHERE {f} AND e.evaluated_on BETWEEN @from AND @to
            GROUP BY ROLLUP ({k})
            """,
            (t, r) =>
            {
                t.Evaluations = r.GetInt32(1);
                t.GoodEvaluations = r.GetInt32(2);
                t.OnlineEvaluations = r.GetInt32(3);
            },
            Period(from, to));

        if (withAreaFigures)
        {
            QueueAreaFigures();
        }

        await RunAllAsync(queries, ct);

        // With the charts a query also groups by `extras` (a month, a category) in the same scan; without them only by
        // key, with the total. Selected as NULL when not grouped, so the columns stay where the readers expect them.
        GroupingSets Sets(params string[] extras) => charts is null
            ? new("0", [.. extras.Select(_ => "NULL")], $"ROLLUP ({k})")
            : new($"GROUPING({k}, {string.Join(", ", extras)})", extras, $"GROUPING SETS (({k}), (){string.Concat(extras.Select(e => $", ({e})"))})");

        // A query of such sets: column 1 is GROUPING(key, extras…); the key's bit clear marks a key row, all bits set
        // the total, anything else (a month, a category) goes to `other`.
        void ReadGrouped(GroupingSets sets, string sql, Action<Tally, DbDataReader> read, Action<DbDataReader> other) =>
            queries.Add(() => QueryAsync(sql, [.. scope.Parameters, .. Period(from, to)], r =>
            {
                string key;
                var grouping = r.GetInt32(1);
                if (charts is null)
                {
                    key = r.IsDBNull(0) ? Total : r.GetString(0);
                }
                else if ((grouping & (1 << sets.Extras.Length)) == 0)
                {
                    key = r.GetString(0);
                }
                else if (grouping == (1 << (sets.Extras.Length + 1)) - 1)
                {
                    key = Total;
                }
                else
                {
                    other(r);
                    return;
                }

                lock (tallies)
                {
                    if (!tallies.TryGetValue(key, out var tally))
                    {
                        tallies[key] = tally = new Tally();
                    }

                    read(tally, r);
                }
            }, ct));

        MonthFigures Month(DbDataReader r, int column)
        {
            var month = DateOnly.FromDateTime(r.GetDateTime(column));
            lock (charts!)
            {
                if (!charts.Months.TryGetValue(month, out var figures))
                {
                    charts.Months[month] = figures = new MonthFigures(month);
                }

                return figures;
            }
        }

        // Queues one grouped query; its rows fill the tallies by key (the lock: queries run side by side).
        void ReadAsync(string sql, Action<Tally, DbDataReader> read, NpgsqlParameter[] extra) =>
            queries.Add(() => QueryAsync(sql, [.. scope.Parameters, .. extra], r =>
            {
                var key = r.IsDBNull(0) ? Total : r.GetString(0);
                lock (tallies)
                {
                    if (!tallies.TryGetValue(key, out var tally))
                    {
                        tallies[key] = tally = new Tally();
                    }

                    read(tally, r);
                }
            }, ct));

        // Figures that belong to areas rather than stations: coverage of streets, deputies by constituency.
        void QueueAreaFigures()
        {
            var a = scope.AreaKey;
            const int Street = (int)AreaLevel.Street;
            const int DeputyActive = (int)DeputyStatus.Active;
            const int CategoryA = (int)ReplyCategory.A;
            const int CategoryC = (int)ReplyCategory.C;
            var areaFilter = "(a.path = @path OR a.path LIKE @prefix)";

            // Coverage: a street counts when a station active on the period's last day lies in it or in one of its communities.
            ReadAsync(
                $"""
                SELECT {a}, count(*), count(*) FILTER (WHERE covered.street_id IS NOT NULL)
                FROM areas a
                LEFT JOIN (SELECT DISTINCT CASE WHEN sa.level = {Street} THEN sa.id ELSE sa.parent_id END AS street_id
                           FROM stations s JOIN areas sa ON sa.id = s.area_id
                           WHERE {f} AND s.kind = {KindStation} AND {Active}) covered ON covered.street_id = a.id
                WHERE {areaFilter} AND a.level = {Street}
                GROUP BY ROLLUP ({a})
                """,
                (t, r) =>
                {
                    t.Streets = r.GetInt32(1);
                    t.CoveredStreets = r.GetInt32(2);
                },
                [asOf]);

            // Entry rate: deputies in office on the period's last day by level, and those with an assignment running
            // that day, by constituency (path index, migrations 0006 and 0009; assignments by deputy).
            var dk = scope.DeputyKey;
            var inOffice = $"(d.status = {DeputyActive} OR d.ended_on >= @asof)";
            const string Stationed = "EXISTS (SELECT 1 FROM station_assignments x WHERE x.deputy_id = d.id AND x.\"from\" <= @asof AND (x.\"to\" IS NULL OR x.\"to\" >= @asof))";
            const string DeputyFilter = "(d.constituency_path = @path OR d.constituency_path LIKE @prefix)";
            var levelColumns = string.Join(",\n", Deputy.AllLevels.Select(l =>
            {
                var bit = ((int)l).ToString(CultureInfo.InvariantCulture);
                return $"count(*) FILTER (WHERE d.levels & {bit} <> 0), count(*) FILTER (WHERE d.levels & {bit} <> 0 AND d.stationed)";
            }));
            ReadAsync(
                $"""
                SELECT {dk}, {levelColumns}, count(*), count(*) FILTER (WHERE d.stationed)
                FROM (SELECT d.constituency_path, d.levels, {Stationed} AS stationed
                      FROM deputies d
                      WHERE {inOffice} AND {DeputyFilter}) d
                GROUP BY ROLLUP ({dk})
                """,
                (t, r) =>
                {
                    for (var i = 0; i < Deputy.AllLevels.Length; i++)
                    {
                        t.Deputies[i] = r.GetInt32(1 + (2 * i));
                        t.StationedDeputies[i] = r.GetInt32(2 + (2 * i));
                    }

                    t.AllDeputies = r.GetInt32(11);
                    t.AllStationedDeputies = r.GetInt32(12);
                },
                [asOf]);

            // Suggestions by the lead deputy's constituency, answered (first reply) in the period.
            ReadAsync(
                $"""
                SELECT {dk}, count(*),
                       count(*) FILTER (WHERE g.latest_reply_category <> {CategoryC}),
                       count(*) FILTER (WHERE g.latest_reply_category = {CategoryA})
                FROM suggestions g JOIN deputies d ON d.id = g.lead_deputy_id
                WHERE {DeputyFilter} AND g.latest_reply_category IS NOT NULL AND g.first_replied_on BETWEEN @from AND @to
                GROUP BY ROLLUP ({dk})
                """,
                (t, r) =>
                {
                    t.SuggestionsAnswered = r.GetInt32(1);
                    t.SuggestionsAnsweredAOrB = r.GetInt32(2);
                    t.SuggestionsAnsweredA = r.GetInt32(3);
                },
                Period(from, to));

            ReadAsync(
                $"""
                SELECT {dk}, count(*), count(*) FILTER (WHERE e.evaluation <> {Unsatisfied})
                FROM suggestion_evaluations e JOIN suggestions g ON g.id = e.suggestion_id JOIN deputies d ON d.id = g.lead_deputy_id
                WHERE {DeputyFilter} AND e.evaluated_on BETWEEN @from AND @to
                GROUP BY ROLLUP ({dk})
                """,
                (t, r) =>
                {
                    t.SuggestionEvaluations = r.GetInt32(1);
                    t.GoodSuggestionEvaluations = r.GetInt32(2);
                },
                Period(from, to));
        }
    }
}
