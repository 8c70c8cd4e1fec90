using System.Data.Common;
using System.Globalization;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace LiaisonStations.Web.Statistics;

/// <summary>How the figures are read: the scope of a query, the queries run side by side on pooled connections, rows into tallies, chart series.</summary>
public sealed partial class AreaMetrics
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
                .Select(s => new { s.Id, s.Name, s.Kind, s.OpenedOn, s.ClosedOn })
                .ToListAsync(ct);
            var asOf = AsOf(to);
            foreach (var s in stations)
            {
                var key = s.Id.ToString(CultureInfo.InvariantCulture);
                if (Station.WasActiveOn(s.OpenedOn, s.ClosedOn, asOf) || tallies.ContainsKey(key))
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
        return new MetricsReport(total, rows) { RowsAreStations = rowsAreStations, Charts = await ChartsOfAsync(charts, from, to, ct), AsOf = AsOf(to) };
    }

    /// <summary>The day the network figures are counted on: the period's last day, or today while the period runs.</summary>
    public DateOnly AsOf(DateOnly to)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        return to < today ? to : today;
    }

    public async Task<MetricsReport> ForStationAsync(int stationId, DateOnly from, DateOnly to, CancellationToken ct, bool withCharts = false)
    {
        var scope = StationScope(stationId);
        var tallies = new Dictionary<string, Tally>(StringComparer.Ordinal);
        var charts = withCharts ? new ChartFigures() : null;
        await RunAsync(scope, from, to, tallies, withAreaFigures: false, charts, ct);
        return new MetricsReport(tallies.GetValueOrDefault(Total) ?? new Tally(), []) { RowsAreStations = true, Charts = await ChartsOfAsync(charts, from, to, ct), AsOf = AsOf(to) };
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
        var names = await db.RequestCategories.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => Fmt.English && c.EnglishName != null ? c.EnglishName : c.Name, ct);
        var categories = figures.Categories
            .Select(c => new CategoryFigure(c.Key, names.GetValueOrDefault(c.Key) ?? "?", c.Value))
            .OrderByDescending(c => c.Requests).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        return new Charts(trend, categories, NetworkOf(figures, AsOf(to)));
    }

    /// <summary>The network's growth: stations and points opened and closed per month (summed up month by month in <see cref="NetworkOf"/>).</summary>
    private Task ReadNetworkGrowthAsync(Scope scope, NpgsqlParameter asOf, ChartFigures charts, CancellationToken ct)
    {
        const int Station = (int)Domain.Stations.StationKind.Station;
        const int Point = (int)Domain.Stations.StationKind.Point;
        var f = scope.StationFilter;
        return QueryAsync(
            $"""
            SELECT date_trunc('month', e.day)::date, coalesce(sum(e.delta) FILTER (WHERE e.kind = {Station}), 0)::int, coalesce(sum(e.delta) FILTER (WHERE e.kind = {Point}), 0)::int
            FROM (SELECT s.kind, s.opened_on AS day, 1 AS delta FROM stations s WHERE {f} AND s.kind IN ({Station}, {Point}) AND s.opened_on <= @asof
                  UNION ALL
                  SELECT s.kind, s.closed_on, -1 FROM stations s WHERE {f} AND s.kind IN ({Station}, {Point}) AND s.closed_on <= @asof) e
            GROUP BY 1
            """,
            [.. scope.Parameters, asOf],
            r =>
            {
                lock (charts)
                {
                    charts.NetworkChanges[DateOnly.FromDateTime(r.GetDateTime(0))] = (r.GetInt32(1), r.GetInt32(2));
                }
            },
            ct);
    }

    /// <summary>Active stations and points at the end of every month from the first opening to the as-of day.</summary>
    private static List<NetworkMonth> NetworkOf(ChartFigures figures, DateOnly asOf)
    {
        var network = new List<NetworkMonth>();
        if (figures.NetworkChanges.Count == 0)
        {
            return network;
        }

        var (stations, points) = (0, 0);
        var last = new DateOnly(asOf.Year, asOf.Month, 1);
        for (var m = figures.NetworkChanges.Keys.First(); m <= last; m = m.AddMonths(1))
        {
            if (figures.NetworkChanges.TryGetValue(m, out var change))
            {
                stations += change.Stations;
                points += change.Points;
            }

            network.Add(new NetworkMonth(m, stations, points));
        }

        return network;
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
            await using var own = await reads.DataSource.OpenConnectionAsync(ct);
            await ReadAsync(own, null, sql, parameterList, Count, ct);
        }
        catch (Exception e) when (rows == 0 && DatabaseOutage.Is(e))
        {
            reads.DataSource.Clear();
            await using var fresh = await reads.DataSource.OpenConnectionAsync(ct);
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
