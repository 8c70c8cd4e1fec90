using System.Diagnostics;
using System.Globalization;
using System.Net;
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
        if (what == "cluster")
        {
            // Its own servers (deploy/cluster.sh): no benchmark PostgreSQL needed.
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}");
            await ClusterAsync(int.Parse(Option(args, "--connections") ?? "16", CultureInfo.InvariantCulture), int.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture));
            return 0;
        }

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

        if (what is "pages" or "public")
        {
            await PagesAsync(pg, app, int.Parse(Option(args, "--connections") ?? "32", CultureInfo.InvariantCulture), int.Parse(Option(args, "--seconds") ?? "20", CultureInfo.InvariantCulture), reuse, publicPages: what is "public");
        }

        if (what is "partition")
        {
            await PartitionAsync(pg, app, samples, reuse);
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

    private static int _periodEnds;

    /// <summary>"{to}" in a URL: a different last day on every call (counting back from 2026-11-30), so each sample's
    /// figures are computed rather than served from the figures' cache.</summary>
    private static string PeriodEnd(string url) => url.Replace("{to}", new DateOnly(2026, 11, 30).AddDays(-(Interlocked.Increment(ref _periodEnds) % 300)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static async Task<List<double>> MeasureAsync(HttpClient client, string url, int samples)
    {
        for (var i = 0; i < 10; i++)
        {
            await GetAsync(client, PeriodEnd(url));
        }

        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var next = PeriodEnd(url);
            var watch = Stopwatch.StartNew();
            await GetAsync(client, next);
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

    /// <summary>Signs a demo account in on <paramref name="client"/> (its cookies kept), as the login form does.</summary>
    internal static async Task SignInAsync(HttpClient client, string user)
    {
        var login = await client.GetStringAsync("/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = user,
            ["Input.Password"] = Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(login).Groups[1].Value),
        });
        using var response = await client.PostAsync("/Account/Login", form);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in of {user} at {client.BaseAddress} answered {(int)response.StatusCode}");
        }
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
