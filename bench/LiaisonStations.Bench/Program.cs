using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace LiaisonStations.Bench;

/// <summary>
/// Benchmarks that print figures (never assertions in tests):
///   requests — the request list at province scale (about 1 million requests): median and p95 of whole page
///              responses with a filter and a search term, beside a bare Razor page served by the same app;
///   import   — a city's full roster (areas, 325 stations, 16,000 deputies and their assignments) imported
///              with the app's own import command into an empty database, then imported again;
///   load     — a burst of dashboard and request-list users at once (Program.Load.cs).
/// Usage: dotnet run -c Release --project bench/LiaisonStations.Bench -- [requests|import|dashboard|load|all] --pg "Host=…;Username=…"
///        [--app path/to/LiaisonStations.Web.dll] [--requests 1000000] [--samples 200] [--users 64] [--seconds 60] [--reuse]
/// </summary>
public static partial class Program
{
    private const string Password = "Demo#2026-Liaison";

    public static async Task<int> Main(string[] args)
    {
        var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var pg = Option(args, "--pg") ?? Environment.GetEnvironmentVariable("LIAISON_BENCH_PG");
        if (pg is null)
        {
            await Console.Error.WriteLineAsync("--pg <admin connection string> (or LIAISON_BENCH_PG) is required; bench/run.sh starts a cluster for you.");
            return 2;
        }

        var app = Option(args, "--app") ?? FindApp();
        var requests = int.Parse(Option(args, "--requests") ?? "1000000", CultureInfo.InvariantCulture);
        var samples = int.Parse(Option(args, "--samples") ?? "200", CultureInfo.InvariantCulture);
        var reuse = args.Contains("--reuse");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
        Console.WriteLine($"app: {app}");
        if (what is "requests" or "all")
        {
            await RequestListAsync(pg, app, requests, samples, reuse);
        }

        if (what is "import" or "all")
        {
            await ImportAsync(pg, app);
        }

        if (what is "dashboard" or "all")
        {
            await DashboardAsync(pg, app, samples, reuse);
        }

        if (what is "load")
        {
            await LoadAsync(pg, app, int.Parse(Option(args, "--users") ?? "64", CultureInfo.InvariantCulture), int.Parse(Option(args, "--seconds") ?? "60", CultureInfo.InvariantCulture), reuse);
        }

        if (what is "pages")
        {
            await PagesAsync(pg, app, int.Parse(Option(args, "--connections") ?? "32", CultureInfo.InvariantCulture), int.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture), reuse);
        }

        if (what is "generate")
        {
            await GenerateAsync(pg, app, Option(args, "--shape") ?? "province");
        }

        return 0;
    }

    // ---- request list ----------------------------------------------------------------------------------

    private static async Task RequestListAsync(string pg, string app, int requests, int samples, bool reuse)
    {
        var database = new NpgsqlConnectionStringBuilder(pg) { Database = "liaison_bench_requests" }.ConnectionString;
        var existing = reuse ? await CountRequestsAsync(pg, database) : -1;
        if (existing < requests)
        {
            await RecreateAsync(pg, "liaison_bench_requests");
            Step("seeding the demo city", () => RunAppAsync(app, database, "seed"));
            await StepAsync($"generating {requests:N0} requests", () => RunSqlAsync(database, "requests.sql", new() { [":filter"] = "true", [":tag"] = "BENCH", [":n"] = requests.ToString(CultureInfo.InvariantCulture) }));
        }

        var total = await CountRequestsAsync(pg, database);
        Console.WriteLine($"requests in the database: {total:N0}");
        await using var server = await AppServer.StartAsync(app, database);
        var city = await server.SignInAsync("city");
        var district = await server.SignInAsync("district");
        var anonymous = server.NewClient();
        var scenarios = new (string Name, HttpClient Client, string Url)[]
        {
            ("bare Razor page (reference)", anonymous, "/Status/404"),
            ("city: status=Referred, search 供暖", city, "/Requests?status=Referred&q=" + Uri.EscapeDataString("供暖")),
            ("city: search 电梯经常停运", city, "/Requests?q=" + Uri.EscapeDataString("电梯经常停运")),
            ("city: category + from date, search 漏水", city, "/Requests?category=1&from=2024-01-01&q=" + Uri.EscapeDataString("漏水")),
            ("city: overdue, search 噪音", city, "/Requests?overdue=true&q=" + Uri.EscapeDataString("噪音")),
            ("city: channel=Phone, search 供暖, page 20", city, "/Requests?channel=Phone&q=" + Uri.EscapeDataString("供暖") + "&page=20"),
            ("district: status=Closed, search 路灯", district, "/Requests?status=Closed&q=" + Uri.EscapeDataString("路灯")),
            ("city: no filter, first page", city, "/Requests"),
        };
        Console.WriteLine();
        Console.WriteLine($"{"scenario",-44} {"median ms",10} {"p95 ms",8} {"max ms",8}");
        var worst = 0.0;
        foreach (var (name, client, url) in scenarios)
        {
            var times = await MeasureAsync(client, url, samples);
            var p95 = Percentile(times, 0.95);
            if (!name.StartsWith("bare", StringComparison.Ordinal) && url.Contains("q=", StringComparison.Ordinal))
            {
                worst = Math.Max(worst, p95);
            }

            Console.WriteLine($"{name,-44} {Percentile(times, 0.5),10:0.0} {p95,8:0.0} {times.Max(),8:0.0}");
        }

        Console.WriteLine();
        Console.WriteLine($"request list with filter and search: worst p95 {worst:0.0} ms (target < 150 ms): {(worst < 150 ? "MET" : "NOT MET")}");
    }

    private static async Task<List<double>> MeasureAsync(HttpClient client, string url, int samples)
    {
        for (var i = 0; i < 10; i++)
        {
            await GetAsync(client, url);
        }

        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var watch = Stopwatch.StartNew();
            await GetAsync(client, url);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static async Task GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK && !url.StartsWith("/Status/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{url}: {(int)response.StatusCode}");
        }

        _ = body.Length;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var index = (int)Math.Ceiling(p * sorted.Count) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Count - 1)];
    }

    private static async Task<long> CountRequestsAsync(string pg, string database)
    {
        try
        {
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT count(*) FROM citizen_requests", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException)
        {
            return -1;
        }
        catch (NpgsqlException)
        {
            return -1;
        }
    }

    // ---- dashboards ------------------------------------------------------------------------------------

    private const string Harbin = "s.area_path LIKE '230000.230100.%'";

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

    private static async Task ImportAsync(string pg, string app)
    {
        var database = new NpgsqlConnectionStringBuilder(pg) { Database = "liaison_bench_import" }.ConnectionString;
        await RecreateAsync(pg, "liaison_bench_import");
        Step("migrating an empty database", () => RunAppAsync(app, database, "migrate"));
        var folder = Directory.CreateTempSubdirectory("liaison-roster-");
        try
        {
            var counts = CityRoster.Write(folder.FullName);
            Console.WriteLine($"city roster files: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:N0} rows"))}");
            var first = Stopwatch.StartNew();
            var output = await RunAppAsync(app, database, "import", folder.FullName);
            first.Stop();
            Console.WriteLine(Indent(output));
            var second = Stopwatch.StartNew();
            var again = await RunAppAsync(app, database, "import", folder.FullName);
            second.Stop();
            Console.WriteLine(Indent(again));
            Console.WriteLine($"city roster import, whole command (start-up included): first {first.Elapsed.TotalSeconds:0.0} s, again {second.Elapsed.TotalSeconds:0.0} s (target < 30 s): {(first.Elapsed.TotalSeconds < 30 ? "MET" : "NOT MET")}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Indent(string text) => string.Join('\n', text.Split('\n').Where(l => l.StartsWith("import", StringComparison.Ordinal) || l.Contains(" rows, ", StringComparison.Ordinal)).Select(l => "  " + l.TrimEnd()));

    // ---- helpers ---------------------------------------------------------------------------------------

    private static async Task RecreateAsync(string pg, string name)
    {
        await using var connection = new NpgsqlConnection(pg);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
    }

    public static async Task<string> RunAppAsync(string app, string database, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)! };
        psi.ArgumentList.Add(app);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["ConnectionStrings__Default"] = database;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(psi)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', args)} exited with {process.ExitCode}:\n{text}");
        }

        return text;
    }

    private static void Step(string what, Func<Task> action) => StepAsync(what, action).GetAwaiter().GetResult();

    private static async Task StepAsync(string what, Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        Console.Write($"{what}… ");
        await action();
        Console.WriteLine($"{watch.Elapsed.TotalSeconds:0.0} s");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string BenchFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "bench", "requests.sql")))
            {
                return Path.Combine(dir.FullName, "bench");
            }
        }

        throw new InvalidOperationException("bench/requests.sql not found above " + AppContext.BaseDirectory);
    }

    private static string FindApp()
    {
        var root = Path.GetDirectoryName(BenchFolder())!;
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var dll = Path.Combine(root, "src", "LiaisonStations.Web", "bin", configuration, "net10.0", "LiaisonStations.Web.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new InvalidOperationException("Build the app first: dotnet build -c Release src/LiaisonStations.Web");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    internal static partial Regex TokenPattern();
}

/// <summary>The app served by Kestrel in its own process, as in production, on a free loopback port.</summary>
internal sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<HttpClient> _clients = [];

    private AppServer(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<AppServer> StartAsync(string app, string database)
    {
        var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(app)! };
        psi.ArgumentList.Add(app);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.Environment["ConnectionStrings__Default"] = database;
        psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["Security__AllowInsecureCookies"] = "true";
        // A benchmark, not a deployment: the key ring stays unencrypted (production sets a certificate).
        psi.Environment["DataProtection__AllowUnencryptedKeys"] = "true";
        psi.Environment["Security__LoginAttemptsPerMinute"] = "1000";
        psi.Environment["Bench__BarePage"] = "true";
        // Request logging at Information would time the console, not the page.
        psi.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AppServer(process, new Uri($"http://127.0.0.1:{port}"));
        using var probe = new HttpClient { BaseAddress = server.Address };
        for (var i = 0; i < 120; i++)
        {
            try
            {
                using var ready = await probe.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("the app did not become ready");
    }

    public HttpClient NewClient()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };
        _clients.Add(client);
        return client;
    }

    public async Task<HttpClient> SignInAsync(string user)
    {
        var client = NewClient();
        var login = await client.GetStringAsync("/Account/Login");
        var token = Program.TokenPattern().Match(login).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = "Demo#2026-Liaison",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
        });
        using var response = await client.PostAsync("/Account/Login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in of {user} answered {(int)response.StatusCode}");
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>
/// A city's roster in the DESIGN §7 format, at the size of Harbin: 18 districts, 350 streets and townships,
/// 325 stations, 16,000 deputies, each stationed once (one chief per station).
/// </summary>
internal static class CityRoster
{
    public static Dictionary<string, int> Write(string folder)
    {
        var random = new Random(20210801);
        var areas = new StringBuilder("code,name,level,parent_code\n230000,黑龙江省,Province,\n230100,哈尔滨市,City,230000\n");
        var streets = new List<string>();
        for (var d = 1; d <= 18; d++)
        {
            var district = $"2301{d:00}";
            areas.Append(CultureInfo.InvariantCulture, $"{district},第{d}区,District,230100\n");
            var count = d <= 8 ? 20 : 19;
            for (var s = 1; s <= count && streets.Count < 350; s++)
            {
                var street = $"{district}{s:000}";
                streets.Add(street);
                areas.Append(CultureInfo.InvariantCulture, $"{street},第{d}区第{s}街道,Street,{district}\n");
            }
        }

        var stations = new StringBuilder("code,name,kind,area_code,host_type,address,opened_on,legislative_contact_point\n");
        var stationCodes = new List<string>();
        for (var i = 0; i < 325; i++)
        {
            var code = $"ST-{i + 1:0000}";
            stationCodes.Add(code);
            stations.Append(CultureInfo.InvariantCulture, $"{code},{streets[i]}代表联络站,Station,{streets[i]},Community,街道办事处{i + 1}号,2019-0{1 + (i % 9)}-15,{(i % 10 == 0 ? "true" : "false")}\n");
        }

        var deputies = new StringBuilder("code,name,gender,levels,term,constituency_area_code,sector,phone\n");
        var assignments = new StringBuilder("deputy_code,station_code,role,from,to\n");
        string[] surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
        string[] given = ["建国", "秀英", "志强", "丽华", "海峰", "晓光", "桂兰", "玉梅", "国庆", "红梅", "立新", "淑珍"];
        string[] levels = ["Township", "County", "County;Township", "City", "City;County"];
        string[] sectors = ["农业", "工业", "教育", "医疗", "社区", "企业", "法律", "文化"];
        for (var i = 0; i < 16_000; i++)
        {
            var code = $"DP-{i + 1:000000}";
            var station = i % 325;
            deputies.Append(CultureInfo.InvariantCulture, $"{code},{surnames[random.Next(surnames.Length)]}{given[random.Next(given.Length)]},{(random.Next(2) == 0 ? "M" : "F")},{levels[random.Next(levels.Length)]},第十六届,{streets[station]},{sectors[random.Next(sectors.Length)]},139{random.Next(10_000_000, 99_999_999)}\n");
            assignments.Append(CultureInfo.InvariantCulture, $"{code},{stationCodes[station]},{(i < 325 ? "Chief" : "Member")},2022-01-0{1 + (i % 9)},\n");
        }

        File.WriteAllText(Path.Combine(folder, "areas.csv"), areas.ToString(), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "stations.csv"), stations.ToString(), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "deputies.csv"), deputies.ToString(), new UTF8Encoding(true));
        File.WriteAllText(Path.Combine(folder, "assignments.csv"), assignments.ToString(), new UTF8Encoding(true));
        return new Dictionary<string, int> { ["areas"] = 2 + 18 + streets.Count, ["stations"] = 325, ["deputies"] = 16_000, ["assignments"] = 16_000 };
    }
}
