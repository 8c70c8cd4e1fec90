using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace LiaisonStations.Bench;

/// <summary>dashboard and generate — the figures at city and province scale, and the data sets they are measured on.</summary>
public static partial class Program
{
    /// <summary>
    /// The demo city with ten years of activity (city scale: 100,000 requests, ~29,000 reception days), measured;
    /// then nine more cities of the same shape in the province (province scale: 1 million requests, 160,000
    /// deputies), measured again. Pages are timed whole, as a browser gets them, beside a bare page.
    /// </summary>
    private static async Task DashboardAsync(string pg, string app, int samples, bool reuse)
    {
        var database = new NpgsqlConnectionStringBuilder(pg) { Database = "liaison_bench_dashboard" }.ConnectionString;
        var requests = reuse ? await CountRequestsAsync(pg, database) : -1;
        if (requests < 100_000)
        {
            await RecreateAsync(pg, "liaison_bench_dashboard");
            await GenerateCityAsync(app, database);
        }

        await MeasureDashboardsAsync(app, database, "city scale", samples, province: false);
        if (await CountRequestsAsync(pg, database) < 1_000_000)
        {
            await GenerateCitiesAsync(database, 230000, 2, 10, "BP");
        }

        await MeasureDashboardsAsync(app, database, "province scale", samples, province: true);
    }

    /// <summary>bench/run.sh generate --shape city|province|national: data only, into liaison_bench_{shape}.</summary>
    private static async Task GenerateAsync(string pg, string app, string shape)
    {
        var database = new NpgsqlConnectionStringBuilder(pg) { Database = "liaison_bench_" + shape }.ConnectionString;
        await RecreateAsync(pg, "liaison_bench_" + shape);
        await GenerateCityAsync(app, database);
        if (shape is "province" or "national")
        {
            await GenerateCitiesAsync(database, 230000, 2, 10, "BP");
        }

        if (shape == "national")
        {
            // 30 more provinces of six cities each: about 3 million deputies and 18 million requests in all.
            var provinces = new[] { 110000, 120000, 130000, 140000, 150000, 210000, 220000, 310000, 320000, 330000, 340000, 350000, 360000, 370000, 410000, 420000, 430000, 440000, 450000, 460000, 500000, 510000, 520000, 530000, 540000, 610000, 620000, 630000, 640000, 650000 };
            foreach (var province in provinces)
            {
                await GenerateCitiesAsync(database, province, 1, 6, "N" + province / 10000);
            }
        }

        await PrintCountsAsync(database);
    }

    private static async Task GenerateCityAsync(string app, string database)
    {
        await StepAsync("seeding the demo city", () => RunAppAsync(app, database, "seed"));
        await StepAsync("ten years of activity in the demo city", () => RunSqlAsync(database, "activity.sql", new() { [":filter"] = Harbin, [":tag"] = "BH", [":suggestions"] = "5100" }));
        await StepAsync("100,000 requests in the demo city", () => RunSqlAsync(database, "requests.sql", new() { [":filter"] = Harbin, [":tag"] = "BH", [":n"] = "100000" }));
        await StepAsync("vacuum and analyze (as autovacuum would, before measuring)", () => VacuumAsync(database));
        await PrintCountsAsync(database);
    }

    private static async Task GenerateCitiesAsync(string database, int province, int first, int last, string tag)
    {
        var cities = last - first + 1;
        var filter = $"s.area_path LIKE '{province / 10000}____.%' AND left(split_part(s.area_path, '.', 2), 4)::int BETWEEN {(province / 100) + first} AND {(province / 100) + last}";
        var values = new Dictionary<string, string>
        {
            [":province"] = province.ToString(CultureInfo.InvariantCulture),
            [":pp"] = (province / 100).ToString(CultureInfo.InvariantCulture),
            [":first"] = first.ToString(CultureInfo.InvariantCulture),
            [":last"] = last.ToString(CultureInfo.InvariantCulture),
            [":filter"] = filter,
            [":tag"] = tag,
            [":suggestions"] = (cities * 5100).ToString(CultureInfo.InvariantCulture),
            [":n"] = (cities * 100_000).ToString(CultureInfo.InvariantCulture),
        };
        await StepAsync($"{cities} cities of province {province}: areas, stations, deputies", () => RunSqlAsync(database, "cities.sql", values));
        await StepAsync("their ten years of activity", () => RunSqlAsync(database, "activity.sql", values));
        await StepAsync($"their {cities * 100_000:N0} requests", () => RunSqlAsync(database, "requests.sql", values));
        await StepAsync("vacuum and analyze (as autovacuum would, before measuring)", () => VacuumAsync(database));
        await PrintCountsAsync(database);
    }

    private static async Task MeasureDashboardsAsync(string app, string database, string scale, int samples, bool province)
    {
        // A database generated by an older build gets the current schema first (new indexes, columns).
        await RunAppAsync(app, database, "migrate");
        await using var server = await AppServer.StartAsync(app, database);
        var city = await server.SignInAsync("city");
        var district = await server.SignInAsync("district");
        var anonymous = server.NewClient();
        var scenarios = new List<(string Name, HttpClient Client, string Url)>
        {
            ("bare Razor page, one trivial query", anonymous, "/Status/404"),
            ("city dashboard (Harbin, this year)", city, "/Dashboard"),
            ("city dashboard, 10 years", city, "/Dashboard?from=2016-12-01&to=2026-11-30"),
            ("district drill-down (南岗区)", city, "/Dashboard?area=230103"),
            ("district staff's own dashboard", district, "/Dashboard"),
            ("street drill-down (荣市街道)", city, "/Dashboard?area=230103001"),
            ("stats API, Harbin", city, "/api/stats?area=230100"),
            ("stats API, 南岗区", city, "/api/stats?area=230103"),
        };
        if (province)
        {
            scenarios.Add(("generated city (3,400 stations and points)", city, "/Dashboard?area=230200"));
            scenarios.Add(("province dashboard (10 cities)", city, "/Dashboard?area=230000"));
            scenarios.Add(("stats API, province", city, "/api/stats?area=230000"));
        }

        Console.WriteLine();
        Console.WriteLine($"{scale}: {await CountRequestsAsync(database, database):N0} requests");
        Console.WriteLine($"{"scenario",-40} {"median ms",10} {"p95 ms",8} {"max ms",8} {"p95 ÷ bare",11}");
        double bare = 0;
        foreach (var (name, client, url) in scenarios)
        {
            // The whole province is several seconds a page: fewer samples there keep the run short.
            var times = await MeasureAsync(client, url, url.Contains("230000", StringComparison.Ordinal) ? Math.Min(samples, 20) : samples);
            var p95 = Percentile(times, 0.95);
            if (bare == 0)
            {
                bare = p95;
            }

            Console.WriteLine($"{name,-40} {Percentile(times, 0.5),10:0.0} {p95,8:0.0} {times.Max(),8:0.0} {p95 / bare,10:0.0}×");
            if (province && name.StartsWith("city dashboard (Harbin", StringComparison.Ordinal))
            {
                Console.WriteLine($"  city dashboard at province scale: p95 {p95:0.0} ms (target < 300 ms): {(p95 < 300 ? "MET" : "NOT MET")}");
            }
        }
    }

    private static async Task RunSqlAsync(string database, string file, Dictionary<string, string> values)
    {
        var sql = await File.ReadAllTextAsync(Path.Combine(BenchFolder(), file));
        // Longest names first, so :pp is not mistaken for part of another name.
        foreach (var (name, value) in values.OrderByDescending(v => v.Key.Length))
        {
            sql = sql.Replace(name, value, StringComparison.Ordinal);
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task VacuumAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task PrintCountsAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var parts = new List<string>();
        foreach (var table in new[] { "areas", "stations", "deputies", "station_assignments", "reception_days", "citizen_requests", "suggestions" })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            parts.Add($"{table} {(long)(await command.ExecuteScalarAsync())!:N0}");
        }

        Console.WriteLine("  database: " + string.Join(", ", parts));
    }

    // ---- import ----------------------------------------------------------------------------------------
}
