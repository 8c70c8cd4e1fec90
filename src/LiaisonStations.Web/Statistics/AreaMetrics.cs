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
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LiaisonStations.Web.Statistics;

/// <summary>The metrics of DESIGN §4 for one area and period. Rates are fractions from 0 to 1, null when there is nothing to divide by.</summary>
public sealed record Metrics(
    int Stations,
    int Points,
    decimal? Coverage,
    IReadOnlyDictionary<string, decimal?> EntryRate,
    int ReceptionDays,
    int DeputyParticipations,
    int CitizensReceived,
    int RequestsCollected,
    int Resolved,
    decimal? ResolutionRate,
    decimal? AverageDaysToClose,
    int Overdue,
    decimal? Satisfaction,
    int DutyReports,
    int ReportingDeputies,
    int DutyReportAttendees,
    decimal? DutyReportSatisfaction,
    decimal? SuggestionImplementationRate,
    decimal? SuggestionSolvedRate,
    decimal? SuggestionSatisfaction,
    decimal? EightStandardsCompliance);

/// <summary>
/// The raw counts behind <see cref="Metrics"/>: every numerator and denominator, so the dashboard can show
/// them and link each to the records it counts. Deputy figures (entry rate, suggestions) and coverage are
/// absent (<see cref="HasDeputyFigures"/>, <see cref="HasCoverage"/> false) for a single station.
/// </summary>
public sealed class Tally
{
    public int Stations { get; internal set; }

    public int Points { get; internal set; }

    public int StandardsMet { get; internal set; }

    public int Streets { get; internal set; }

    public int CoveredStreets { get; internal set; }

    public bool HasCoverage { get; internal set; }

    public bool HasDeputyFigures { get; internal set; }

    /// <summary>Active deputies of each level (index as in <see cref="Deputy.AllLevels"/>).</summary>
    public int[] Deputies { get; } = new int[5];

    /// <summary>Of those, the ones with a current station assignment.</summary>
    public int[] StationedDeputies { get; } = new int[5];

    /// <summary>Active deputies of any level, each counted once, and those stationed.</summary>
    public int AllDeputies { get; internal set; }

    public int AllStationedDeputies { get; internal set; }

    public int ReceptionDays { get; internal set; }

    public int DeputyParticipations { get; internal set; }

    public int CitizensReceived { get; internal set; }

    public int DutyReports { get; internal set; }

    public int DutyReportAttendees { get; internal set; }

    public int ReportingDeputies { get; internal set; }

    public int Votes { get; internal set; }

    public int GoodVotes { get; internal set; }

    public int RequestsCollected { get; internal set; }

    public int Resolved { get; internal set; }

    /// <summary>Requests that left the open states in the period (办结).</summary>
    public int Finished { get; internal set; }

    /// <summary>Of those, the ones resolved: the resolution rate's numerator, a part of its denominator.</summary>
    public int FinishedResolved { get; internal set; }

    public int Closed { get; internal set; }

    public long DaysToClose { get; internal set; }

    public int Overdue { get; internal set; }

    public int Evaluations { get; internal set; }

    public int GoodEvaluations { get; internal set; }

    public int SuggestionsAnswered { get; internal set; }

    public int SuggestionsAnsweredAOrB { get; internal set; }

    public int SuggestionsAnsweredA { get; internal set; }

    public int SuggestionEvaluations { get; internal set; }

    public int GoodSuggestionEvaluations { get; internal set; }

    /// <summary>Active stations and points by their latest approved star rating: index 1, 2, 3.</summary>
    public int[] StarStations { get; } = new int[4];

    public Metrics ToMetrics()
    {
        var entry = new Dictionary<string, decimal?>();
        for (var i = 0; i < Deputy.AllLevels.Length; i++)
        {
            entry[Deputy.AllLevels[i].ToString()] = HasDeputyFigures ? Rate(StationedDeputies[i], Deputies[i]) : null;
        }

        return new Metrics(
            Stations,
            Points,
            HasCoverage ? Rate(CoveredStreets, Streets) : null,
            entry,
            ReceptionDays,
            DeputyParticipations,
            CitizensReceived,
            RequestsCollected,
            Resolved,
            Rate(FinishedResolved, Finished),
            Closed == 0 ? null : Math.Round((decimal)DaysToClose / Closed, 2),
            Overdue,
            Rate(GoodEvaluations, Evaluations),
            DutyReports,
            ReportingDeputies,
            DutyReportAttendees,
            Rate(GoodVotes, Votes),
            HasDeputyFigures ? Rate(SuggestionsAnsweredAOrB, SuggestionsAnswered) : null,
            HasDeputyFigures ? Rate(SuggestionsAnsweredA, SuggestionsAnswered) : null,
            HasDeputyFigures ? Rate(GoodSuggestionEvaluations, SuggestionEvaluations) : null,
            Rate(StandardsMet, Stations * 8));
    }

    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}

public sealed class MonthFigures(DateOnly month)
{
    public DateOnly Month { get; } = month;

    public int ReceptionDays { get; internal set; }

    public int RequestsCollected { get; internal set; }

    public int Resolved { get; internal set; }
}

/// <summary>Chart figures gathered by the same scans as the metrics (grouping sets), when asked for.</summary>
internal sealed class ChartFigures
{
    public SortedDictionary<DateOnly, MonthFigures> Months { get; } = [];

    public Dictionary<int, int> Categories { get; } = [];
}

public sealed record CategoryFigure(int Id, string Name, int Requests);

public sealed record Charts(IReadOnlyList<MonthFigures> Trend, IReadOnlyList<CategoryFigure> Categories);

/// <summary>One line of a breakdown: a child area (AreaCode set) or a station (StationId set).</summary>
public sealed record MetricsRow(string Name, string? AreaCode, AreaLevel? Level, int? StationId, StationKind? Kind, Tally Counts)
{
    public Metrics Metrics { get; } = Counts.ToMetrics();

    /// <summary>Stations attached to the area itself rather than to one of its children.</summary>
    public bool IsDirect => AreaCode is null && StationId is null;
}

/// <summary>The figures of an area or station and of each of its children.</summary>
public sealed record MetricsReport(Tally Counts, IReadOnlyList<MetricsRow> Rows)
{
    public Metrics Metrics { get; } = Counts.ToMetrics();

    /// <summary>True when the rows are stations (a street or community), false when they are child areas.</summary>
    public bool RowsAreStations { get; init; }

    /// <summary>Monthly trend and categories, when asked for (the dashboard), from the same scans.</summary>
    public Charts? Charts { get; init; }
}

/// <summary>
/// Computes DESIGN §4 in the database for an area (everything whose area path lies under it) or a single
/// station, and a period. Each family of figures is one aggregate query grouped by child (the next segment of
/// the area path, or the station for a street) with ROLLUP adding the total, so an area and all its children
/// cost nine queries whatever their number. Where the design leaves it open: deputies belong to the area they
/// were elected in (constituency); suggestions to their lead deputy's area; a street counts as covered when an
/// active station lies in it or in one of its communities; "resolved" counts requests whose resolution date
/// falls in the period; the resolution rate divides by requests that left the open states in the period; the
/// average days to close is over requests closed in the period; evaluations count when collected in the period;
/// overdue is as of today; star ratings are each station's latest approved rating up to the period's year.
/// </summary>
public sealed class AreaMetrics(AppDbContext db, NpgsqlDataSource dataSource, AggregateGate gate, TimeProvider clock)
{
    /// <summary>
    /// The area's figures and one row per child area, or per station when <paramref name="stationRows"/> (by default
    /// for streets and communities, where the stations are what people compare).
    /// </summary>
    public async Task<MetricsReport> ForAreaAsync(Area area, DateOnly from, DateOnly to, CancellationToken ct, bool? stationRows = null, bool withCharts = false)
    {
        var rowsAreStations = stationRows ?? area.Level is AreaLevel.Street or AreaLevel.Community;
        var scope = AreaScope(area, rowsAreStations);

        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var charts = withCharts ? new ChartFigures() : null;
        await RunAsync(scope, from, to, tallies, withAreaFigures: true, charts, ct);

        var rows = new List<MetricsRow>();
        if (rowsAreStations)
        {
            var stations = await db.Stations.AsNoTracking()
                .Where(s => s.AreaPath == area.Path || s.AreaPath.StartsWith(area.Path + "."))
                .OrderBy(s => s.Kind).ThenBy(s => s.Code)
                .Select(s => new { s.Id, s.Name, s.Kind, s.Status })
                .ToListAsync(ct);
            foreach (var s in stations)
            {
                var key = s.Id.ToString(CultureInfo.InvariantCulture);
                if (s.Status == StationStatus.Active || tallies.ContainsKey(key))
                {
                    rows.Add(new MetricsRow(s.Name, null, null, s.Id, s.Kind, tallies.GetValueOrDefault(key) ?? new Tally()));
                }
            }
        }
        else
        {
            var children = await db.Areas.AsNoTracking().Where(a => a.ParentId == area.Id).OrderBy(a => a.Code)
                .Select(a => new { a.Code, a.Name, a.Level }).ToListAsync(ct);
            foreach (var child in children)
            {
                var counts = tallies.GetValueOrDefault(child.Code) ?? new Tally();
                counts.HasDeputyFigures = true;
                counts.HasCoverage = true;
                rows.Add(new MetricsRow(child.Name, child.Code, child.Level, null, null, counts));
            }

            if (tallies.TryGetValue(string.Empty, out var direct))
            {
                // Deputies elected by the area as a whole (a city's provincial deputies) are counted here too.
                direct.HasDeputyFigures = true;
                // Stations registered on the area itself (a district's own service centre), not on a child.
                rows.Add(new MetricsRow(area.Name, null, area.Level, null, null, direct));
            }
        }

        var total = tallies.GetValueOrDefault(Total) ?? new Tally();
        total.HasDeputyFigures = true;
        total.HasCoverage = true;
        return new MetricsReport(total, rows) { RowsAreStations = rowsAreStations, Charts = await ChartsOfAsync(charts, from, to, ct) };
    }

    public async Task<MetricsReport> ForStationAsync(int stationId, DateOnly from, DateOnly to, CancellationToken ct, bool withCharts = false)
    {
        var scope = StationScope(stationId);
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var charts = withCharts ? new ChartFigures() : null;
        await RunAsync(scope, from, to, tallies, withAreaFigures: false, charts, ct);
        return new MetricsReport(tallies.GetValueOrDefault(Total) ?? new Tally(), []) { RowsAreStations = true, Charts = await ChartsOfAsync(charts, from, to, ct) };
    }

    /// <summary>Every month of the period (empty ones too), and the categories by name, most requests first.</summary>
    private async Task<Charts?> ChartsOfAsync(ChartFigures? figures, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (figures is null)
        {
            return null;
        }

        var trend = new List<MonthFigures>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            trend.Add(figures.Months.GetValueOrDefault(m) ?? new MonthFigures(m));
        }

        var ids = figures.Categories.Keys.ToArray();
        var names = await db.RequestCategories.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var categories = figures.Categories
            .Select(c => new CategoryFigure(c.Key, names.GetValueOrDefault(c.Key) ?? "?", c.Value))
            .OrderByDescending(c => c.Requests).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new Charts(trend, categories);
    }

    /// <summary>The ROLLUP total row has no key; it is filed under this one.</summary>
    private const string Total = "\u0000total";

    /// <summary>
    /// Which stations (a SQL condition on alias s) and how to group them (key on s), and the key of an area on
    /// alias a for the figures that belong to areas (streets for coverage, constituencies for deputies).
    /// The fragments are constants of this class, never user input; values travel as parameters.
    /// </summary>
    private sealed record Scope(string StationFilter, string StationKey, string AreaKey, string DeputyKey, NpgsqlParameter[] Parameters);

    /// <summary>SQL fragments of one grouped query: the GROUPING(…) column, the extra expressions and the GROUP BY clause.</summary>
    private sealed record GroupingSets(string Grouping, string[] Extras, string GroupBy);

    private async Task RunAsync(Scope scope, DateOnly from, DateOnly to, Dictionary<string, Tally> tallies, bool withAreaFigures, ChartFigures? charts, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var open = RequestWorkflow.Open.Select(s => (int)s).ToArray();
        const int Active = (int)StationStatus.Active;
        const int KindStation = (int)StationKind.Station;
        const int KindPoint = (int)StationKind.Point;
        const int Held = (int)ReceptionDayStatus.Held;
        const int Reception = (int)ReceptionDayType.Reception;
        const int Themed = (int)ReceptionDayType.ThemedReception;
        const int Duty = (int)ReceptionDayType.DutyReport;
        const int Unsatisfied = (int)Evaluation.Unsatisfied;
        const int Approved = (int)HonourStage.Approved;
        var (f, k) = (scope.StationFilter, scope.StationKey);
        var queries = new List<Func<Task>>();

        // Stations and points, the eight standards met by active stations, current star ratings.
        ReadAsync(
            $"""
            SELECT {k},
                   count(*) FILTER (WHERE s.kind = {KindStation} AND s.status = {Active}),
                   count(*) FILTER (WHERE s.kind = {KindPoint} AND s.status = {Active}),
                   coalesce(sum((SELECT count(*) FROM station_standards x WHERE x.station_id = s.id AND x.met)) FILTER (WHERE s.kind = {KindStation} AND s.status = {Active}), 0),
                   count(*) FILTER (WHERE s.status = {Active} AND r.stars = 1),
                   count(*) FILTER (WHERE s.status = {Active} AND r.stars = 2),
                   count(*) FILTER (WHERE s.status = {Active} AND r.stars = 3)
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
            [new NpgsqlParameter("year", to.Year)]);

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
            WHERE {f} AND q.registered_on BETWEEN @from AND @to
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
            SELECT {k}, count(*), count(*) FILTER (WHERE e.evaluation <> {Unsatisfied})
            FROM request_evaluations e JOIN stations s ON s.id = e.station_id
            WHERE {f} AND e.evaluated_on BETWEEN @from AND @to
            GROUP BY ROLLUP ({k})
            """,
            (t, r) =>
            {
                t.Evaluations = r.GetInt32(1);
                t.GoodEvaluations = r.GetInt32(2);
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

            // Coverage: a street counts when an active station lies in it or in one of its communities.
            ReadAsync(
                $"""
                SELECT {a}, count(*), count(*) FILTER (WHERE covered.street_id IS NOT NULL)
                FROM areas a
                LEFT JOIN (SELECT DISTINCT CASE WHEN sa.level = {Street} THEN sa.id ELSE sa.parent_id END AS street_id
                           FROM stations s JOIN areas sa ON sa.id = s.area_id
                           WHERE {f} AND s.kind = {KindStation} AND s.status = {Active}) covered ON covered.street_id = a.id
                WHERE {areaFilter} AND a.level = {Street}
                GROUP BY ROLLUP ({a})
                """,
                (t, r) =>
                {
                    t.Streets = r.GetInt32(1);
                    t.CoveredStreets = r.GetInt32(2);
                },
                []);

            // Entry rate: active deputies by level, and those with a current assignment, by constituency; from the
            // path index alone (migration 0006).
            var dk = scope.DeputyKey;
            const string DeputyFilter = "(d.constituency_path = @path OR d.constituency_path LIKE @prefix)";
            var levelColumns = string.Join(",\n", Deputy.AllLevels.Select(l =>
            {
                var bit = ((int)l).ToString(CultureInfo.InvariantCulture);
                return $"count(*) FILTER (WHERE d.levels & {bit} <> 0), count(*) FILTER (WHERE d.levels & {bit} <> 0 AND d.is_stationed)";
            }));
            ReadAsync(
                $"""
                SELECT {dk}, {levelColumns}, count(*), count(*) FILTER (WHERE d.is_stationed)
                FROM deputies d
                WHERE d.status = {DeputyActive} AND {DeputyFilter}
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
                []);

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

    private static NpgsqlParameter[] Period(DateOnly from, DateOnly to) => [new("from", from), new("to", to)];

    /// <summary>How many of one page's aggregate queries run at once, each on its own pooled connection.</summary>
    private const int Parallelism = 4;

    /// <summary>
    /// Runs the queued queries side by side (a few at a time): they are independent aggregates, and on a
    /// multi-core server the page then waits for the slowest few rather than for their sum. Inside a
    /// transaction (which other connections could not see) they run one after another on the context's own.
    /// </summary>
    private async Task RunAllAsync(List<Func<Task>> queries, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            foreach (var query in queries)
            {
                await query();
            }

            return;
        }

        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct }, async (query, token) =>
        {
            // Across the process only a few aggregates run at once; the others queue here, holding no connection.
            using var slot = await gate.EnterAsync(token);
            await query();
        });
    }

    /// <summary>
    /// Runs one aggregate, row by row: on a pooled connection of its own, or the context's inside a transaction.
    /// A connection that a database restart killed fails before the first row; the query then runs once more
    /// on a fresh one (as EF's reads do, <see cref="ReadRetryStrategy"/>).
    /// </summary>
    private async Task QueryAsync(string sql, IEnumerable<NpgsqlParameter> parameters, Action<DbDataReader> onRow, CancellationToken ct)
    {
        var parameterList = parameters.ToList();
        if (db.Database.CurrentTransaction is not null)
        {
            await db.Database.OpenConnectionAsync(ct);
            try
            {
                await ReadAsync(db.Database.GetDbConnection(), db.Database.CurrentTransaction.GetDbTransaction(), sql, parameterList, onRow, ct);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }

            return;
        }

        var rows = 0;
        void Count(DbDataReader reader)
        {
            rows++;
            onRow(reader);
        }

        try
        {
            await using var own = await dataSource.OpenConnectionAsync(ct);
            await ReadAsync(own, null, sql, parameterList, Count, ct);
        }
        catch (Exception e) when (rows == 0 && DatabaseOutage.Is(e))
        {
            dataSource.Clear();
            await using var fresh = await dataSource.OpenConnectionAsync(ct);
            await ReadAsync(fresh, null, sql, parameterList, onRow, ct);
        }
    }

    private static async Task ReadAsync(DbConnection connection, DbTransaction? transaction, string sql, IReadOnlyList<NpgsqlParameter> parameters, Action<DbDataReader> onRow, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var p in parameters)
        {
            command.Parameters.Add(p.Clone());
        }

        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            onRow(reader);
        }
    }

    private static Scope AreaScope(Area area, bool rowsAreStations)
    {
        var depth = (area.Path.Split('.').Length + 1).ToString(CultureInfo.InvariantCulture);
        return new Scope(
            "(s.area_path = @path OR s.area_path LIKE @prefix)",
            rowsAreStations ? "s.id::text" : $"split_part(s.area_path, '.', {depth})",
            rowsAreStations ? "''::text" : $"split_part(a.path, '.', {depth})",
            rowsAreStations ? "''::text" : $"split_part(d.constituency_path, '.', {depth})",
            [new NpgsqlParameter("path", area.Path), new NpgsqlParameter("prefix", Like.Escape(area.Path) + ".%")]);
    }

    private static Scope StationScope(int stationId) => new("s.id = @station", "s.id::text", "''::text", "''::text", [new NpgsqlParameter("station", stationId)]);
}
