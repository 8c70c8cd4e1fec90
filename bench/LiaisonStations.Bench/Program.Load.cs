using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace LiaisonStations.Bench;

/// <summary>
/// load — a Monday-morning burst: by default 64 city and district staff on dashboards and 64 clerks and
/// staff on the request list, all at once for 60 s, against the app in its own process on a PostgreSQL with
/// the default max_connections (100). Prints throughput, p50/p95/p99 and the errors (target: none).
/// </summary>
public static partial class Program
{
    private static async Task LoadAsync(string pg, string app, int users, int seconds, bool reuse)
    {
        var database = new NpgsqlConnectionStringBuilder(pg) { Database = "liaison_bench_load" }.ConnectionString;
        if (!reuse || await CountRequestsAsync(pg, database) < 100_000)
        {
            await RecreateAsync(pg, "liaison_bench_load");
            await GenerateCityAsync(app, database);
        }

        await RunAppAsync(app, database, "migrate");
        Console.WriteLine($"PostgreSQL max_connections: {await ScalarAsync(database, "SHOW max_connections")}");
        await using var server = await AppServer.StartAsync(app, database);

        // Who does what: the dashboard of their own scope or a drill-down, and the request list with filters.
        (string User, string Url)[] dashboards =
        [
            ("city", "/Dashboard"), ("city", "/Dashboard?area=230103"), ("district", "/Dashboard"), ("city", "/Dashboard?area=230103001"),
            ("city", "/api/stats?area=230100"),
        ];
        (string User, string Url)[] lists =
        [
            ("clerk", "/Requests"), ("clerk", "/Requests?status=Referred"), ("district", "/Requests?q=" + Uri.EscapeDataString("供暖")),
            ("city", "/Requests?overdue=true"), ("clerk2", "/Requests?q=" + Uri.EscapeDataString("路灯")), ("district", "/Requests?status=Closed&page=3"),
        ];
        var plan = Enumerable.Range(0, users).Select(i => ("dashboard", dashboards[i % dashboards.Length]))
            .Concat(Enumerable.Range(0, users).Select(i => ("request list", lists[i % lists.Length])))
            .ToList();
        Console.WriteLine($"signing in {plan.Count} sessions …");
        var clients = new ConcurrentDictionary<int, HttpClient>();
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            clients[i] = await server.SignInAsync(plan[i].Item2.User));

        Console.WriteLine($"{users} users on dashboards and {users} on the request list for {seconds} s …");
        var (results, wall) = await HammerAsync(plan.Select((p, i) => (p.Item1, clients[i], p.Item2.Url, HttpStatusCode.OK)).ToList(), seconds);

        Console.WriteLine();
        Console.WriteLine($"{"page",-14} {"requests",9} {"per s",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"errors",7}");
        foreach (var kind in new[] { "dashboard", "request list" })
        {
            var rows = results.Where(r => r.Kind == kind).ToList();
            var times = rows.Select(r => r.Ms).ToList();
            Console.WriteLine($"{kind,-14} {rows.Count,9} {rows.Count / wall.Elapsed.TotalSeconds,7:0.0} {Percentile(times, 0.5),8:0} {Percentile(times, 0.95),8:0} {Percentile(times, 0.99),8:0} {times.Max(),8:0} {rows.Count(r => !r.Ok),7}");
        }

        var errors = results.Where(r => !r.Ok).ToList();
        foreach (var (error, count) in errors.GroupBy(e => e.Error!).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).Take(10))
        {
            Console.WriteLine($"  {count} × {error}");
        }

        Console.WriteLine($"load: {results.Count} requests in {wall.Elapsed.TotalSeconds:0.0} s, {errors.Count} errors (target 0): {(errors.Count == 0 ? "MET" : "NOT MET")}");
    }

    /// <summary>
    /// Every worker asks for its page again and again until the time is up, all at once: each answer's time, whether it
    /// was the expected status with a body, and what went wrong otherwise (load and pages).
    /// </summary>
    private static long _distinct;

    /// <summary>
    /// The k-th of 132,000 distinct periods, each about a year up to a day of the last eleven months: they cover the
    /// demo's data (its last year) about equally, so every dashboard does a similar amount of real work.
    /// </summary>
    private static string NewPeriod(long k)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var to = today.AddDays(-(int)(k % 330));
        var from = to.AddDays(-365 - (int)(k / 330 % 400));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
    }

    private static async Task<(IReadOnlyCollection<(string Kind, double Ms, bool Ok, string? Error)> Results, Stopwatch Wall)> HammerAsync(
        IReadOnlyList<(string Kind, HttpClient Client, string Url, HttpStatusCode Expected)> workers, double seconds)
    {
        var results = new ConcurrentBag<(string Kind, double Ms, bool Ok, string? Error)>();
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(workers.Select(w => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    // "{period}" in a URL: a period never asked before (dashboards computed, not read from a cache).
                    var url = w.Url.Contains("{period}", StringComparison.Ordinal)
                        ? w.Url.Replace("{period}", NewPeriod(Interlocked.Increment(ref _distinct)), StringComparison.Ordinal)
                        : w.Url;
                    using var response = await w.Client.GetAsync(url);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    var ok = response.StatusCode == w.Expected && body.Length > 0;
                    results.Add((w.Kind, watch.Elapsed.TotalMilliseconds, ok, ok ? null : $"{(int)response.StatusCode} {w.Url}"));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    results.Add((w.Kind, watch.Elapsed.TotalMilliseconds, false, $"{e.GetType().Name} {w.Url}"));
                }
            }
        })));
        wall.Stop();
        return (results, wall);
    }

    private static async Task<string> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
