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
                ("signed-in floor (city)", "city", "/bench/signed"),
                ("/Stations (city)", "city", "/Stations"),
                ("/Requests (city)", "city", "/Requests"),
                ("/Dashboard (city)", "city", "/Dashboard"),
            ];

        // Every page is warmed first (the first requests compile views and fill the pools, and tiered JIT needs some
        // seconds of traffic), then measured in three alternating rounds, so that drift on a shared machine (the load
        // generator runs beside the app) falls on all pages alike rather than on whichever page came first.
        const int rounds = 3;
        Console.WriteLine($"{connections} connections, {seconds} s per page in {rounds} alternating rounds, one page at a time");
        var clientsByPage = new List<HttpClient[]>();
        foreach (var (_, user, _) in pages)
        {
            var clients = new HttpClient[connections];
            for (var i = 0; i < connections; i++)
            {
                clients[i] = user is null ? server.NewClient() : await server.SignInAsync(user);
            }

            clientsByPage.Add(clients);
        }

        var work = pages.Select((p, i) => clientsByPage[i].Select(c => (p.Name, c, p.Url, HttpStatusCode.OK)).ToList()).ToList();
        foreach (var pageWork in work)
        {
            await HammerAsync(pageWork, Math.Max(5, seconds / 2));
        }

        var times = pages.Select(_ => new List<double>()).ToArray();
        var errors = new int[pages.Length];
        var elapsed = new double[pages.Length];
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < pages.Length; i++)
            {
                var (results, wall) = await HammerAsync(work[i], Math.Max(1, seconds / (double)rounds));
                times[i].AddRange(results.Select(r => r.Ms));
                errors[i] += results.Count(r => !r.Ok);
                elapsed[i] += wall.Elapsed.TotalSeconds;
            }
        }

        Console.WriteLine($"{"page",-22} {"requests",9} {"per s",8} {"p50 ms",8} {"p99 ms",8} {"errors",7} {"÷ bare",7}");
        var bare = times[0].Count / elapsed[0];
        for (var i = 0; i < pages.Length; i++)
        {
            var rate = times[i].Count / elapsed[i];
            Console.WriteLine($"{pages[i].Name,-22} {times[i].Count,9} {rate,8:0.0} {Percentile(times[i], 0.5),8:0.0} {Percentile(times[i], 0.99),8:0.0} {errors[i],7} {rate / bare,7:0.00}");
        }

        foreach (var client in clientsByPage.SelectMany(c => c))
        {
            client.Dispose();
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
