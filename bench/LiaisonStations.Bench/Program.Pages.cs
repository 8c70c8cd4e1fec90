using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;

namespace LiaisonStations.Bench;

/// <summary>
/// pages — throughput of the signed-in pages beside a bare Razor page of the same app (/bench/bare: one pooled EF
/// query, no layout, no sign-in; on only when Bench:BarePage is set), one after the other with the
/// same number of connections (32 by default) for the same time: requests per second, p50/p99, errors, and the
/// ratio to the bare page (targets: /Stations and /Requests ≥ 0.6, /Dashboard ≥ 0.3). Demo data (the seed command).
/// </summary>
public static partial class Program
{
    private static async Task PagesAsync(string pg, string app, int connections, int seconds, bool reuse, bool publicPages = false)
    {
        var database = new NpgsqlConnectionStringBuilder(pg) { Database = "liaison_bench_pages" }.ConnectionString;
        if (!reuse || await CountRequestsAsync(pg, database) < 1)
        {
            await RecreateAsync(pg, "liaison_bench_pages");
            Step("seeding the demo city", () => RunAppAsync(app, database, "seed"));
        }

        await RunAppAsync(app, database, "migrate");
        await using var server = await AppServer.StartAsync(app, database);
        (string Name, string? User, string Url)[] pages = publicPages
            ? [
                ("bare Razor page", null, "/bench/bare"),
                ("/public (anonymous)", null, "/public"),
                ("station page (anon.)", null, "/public/stations/" + Uri.EscapeDataString(await FirstStationCodeAsync(database))),
            ]
            : [
                ("bare Razor page", null, "/bench/bare"),
                ("/Stations (city)", "city", "/Stations"),
                ("/Requests (city)", "city", "/Requests"),
                ("/Dashboard (city)", "city", "/Dashboard"),
            ];

        Console.WriteLine($"{connections} connections, {seconds} s per page, one page at a time");
        Console.WriteLine($"{"page",-22} {"requests",9} {"per s",8} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"÷ bare",7}");
        double bare = 0;
        foreach (var (name, user, url) in pages)
        {
            var clients = new HttpClient[connections];
            for (var i = 0; i < connections; i++)
            {
                clients[i] = user is null ? server.NewClient() : await server.SignInAsync(user);
            }

            // Warm-up, not counted: the first requests compile views and fill the pools, and the JIT needs some
            // seconds of traffic before the hot code is fully optimised (tiered compilation).
            var expected = HttpStatusCode.OK;
            var work = clients.Select(c => (name, c, url, expected)).ToList();
            await HammerAsync(work, Math.Max(5, seconds / 2));
            var (results, wall) = await HammerAsync(work, seconds);
            var rate = results.Count / wall.Elapsed.TotalSeconds;
            if (bare == 0)
            {
                bare = rate;
            }

            var times = results.Select(r => r.Ms).ToList();
            Console.WriteLine($"{name,-22} {results.Count,9} {rate,8:0.0} {Percentile(times, 0.5),8:0.0} {Percentile(times, 0.99),8:0.0} {results.Count(r => !r.Ok),7} {rate / bare,7:0.00}");
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }

        if (publicPages)
        {
            await SubmitRateAsync(server, database, connections, seconds);
        }
    }

    /// <summary>
    /// Online submissions: each worker opens the form (its token and ticket) and sends it, as a citizen does; a request is
    /// saved per round (number, counters, the request and its timeline in one transaction). Reports rounds per second.
    /// </summary>
    private static async Task SubmitRateAsync(AppServer server, string database, int connections, int seconds)
    {
        var station = await FirstStationCodeAsync(database);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT min(id) FROM request_categories", connection);
        var category = Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture)!;
        var clients = Enumerable.Range(0, Math.Min(connections, 16)).Select(_ => server.NewClient()).ToList();
        var results = new System.Collections.Concurrent.ConcurrentBag<(double Ms, bool Ok)>();
        async Task RunAsync(TimeSpan length, bool record)
        {
            var until = DateTime.UtcNow + length;
            await Task.WhenAll(clients.Select((client, n) => Task.Run(async () =>
            {
                var i = 0;
                while (DateTime.UtcNow < until)
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    var ok = false;
                    try
                    {
                        var form = await client.GetStringAsync("/public/submit?station=" + Uri.EscapeDataString(station));
                        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["__RequestVerificationToken"] = TokenPattern().Match(form).Groups[1].Value,
                            ["Input.Station"] = station,
                            ["Input.Ticket"] = TicketPattern().Match(form).Groups[1].Value,
                            ["Input.CategoryId"] = category,
                            ["Input.Text"] = "压测：小区路灯不亮，请尽快维修。",
                            ["Input.Phone"] = $"139{n:00}{i++ % 1000000:000000}",
                        });
                        using var response = await client.PostAsync("/public/submit", content);
                        ok = response.StatusCode == HttpStatusCode.Redirect;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                    }

                    if (record)
                    {
                        results.Add((watch.Elapsed.TotalMilliseconds, ok));
                    }
                }
            })));
        }

        await RunAsync(TimeSpan.FromSeconds(Math.Max(3, seconds / 4)), record: false);
        var wall = System.Diagnostics.Stopwatch.StartNew();
        await RunAsync(TimeSpan.FromSeconds(seconds), record: true);
        var times = results.Select(r => r.Ms).ToList();
        Console.WriteLine($"{"submit (form + send)",-22} {results.Count,9} {results.Count / wall.Elapsed.TotalSeconds,8:0.0} {Percentile(times, 0.5),8:0.0} {Percentile(times, 0.99),8:0.0} {results.Count(r => !r.Ok),7} {"—",7}");
        Console.WriteLine($"  ({clients.Count} citizens at once; each round opens the form and sends it, and saves one request)");
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    [GeneratedRegex("name=\"Input.Ticket\" value=\"([^\"]+)\"")]
    private static partial Regex TicketPattern();

    private static async Task<string> FirstStationCodeAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT code FROM stations WHERE status = 1 ORDER BY code LIMIT 1", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
