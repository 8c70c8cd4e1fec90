using System.Net;
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
    }

    private static async Task<string> FirstStationCodeAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT code FROM stations WHERE status = 1 ORDER BY code LIMIT 1", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
