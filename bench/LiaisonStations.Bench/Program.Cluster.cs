using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;

namespace LiaisonStations.Bench;

/// <summary>
/// cluster — the topology of deploy/cluster.sh (primary + streaming standby, two app instances, HAProxy on :8088),
/// started fresh by the benchmark: the request list's throughput with one instance and with two; the clerks' list
/// p95 alone, beside dashboards read on the replica, and beside dashboards read on the primary; then, under a mix of
/// clerks registering requests and city staff on dashboards through the balancer, one app instance killed (signed out,
/// saved, reported failed, lost) and the primary stopped with the standby promoted (seconds until saves work again).
/// </summary>
public static partial class Program
{
    private const string Balancer = "http://127.0.0.1:8088";

    private static async Task ClusterAsync(int connections, int seconds)
    {
        await StepAsync("starting a fresh cluster (deploy/cluster.sh reset, up)", async () =>
        {
            await ShAsync("bash deploy/cluster.sh reset");
            await ShAsync("bash deploy/cluster.sh up");
        });
        Console.WriteLine(await ShAsync("bash deploy/cluster.sh status"));
        try
        {
            await ClusterRunsAsync(connections, seconds);
        }
        finally
        {
            await ShAsync("bash deploy/cluster.sh down");
        }
    }

    private static async Task ClusterRunsAsync(int connections, int seconds)
    {

        // 1. Throughput of the clerks' list, one instance (app1 directly) and two (through the balancer).
        Console.WriteLine($"request list, {connections} connections, {seconds} s each (2 cores: client, both apps and both servers share them)");
        Console.WriteLine($"{"",-34} {"per s",8} {"p50 ms",8} {"p95 ms",8} {"errors",7}");
        foreach (var (name, address) in new[] { ("1 instance (app1 direct)", "http://127.0.0.1:5101"), ("2 instances (HAProxy)", Balancer) })
        {
            var clients = await SignInManyAsync(address, "clerk", connections);
            var work = clients.Select(c => ("list", c, "/Requests", HttpStatusCode.OK)).ToList();
            await HammerAsync(work, 5);
            var (results, wall) = await HammerAsync(work, seconds);
            Print(name, results.Select(r => (r.Ms, r.Ok)).ToList(), wall.Elapsed.TotalSeconds);
            Dispose(clients);
        }

        // 2. The clerks' list beside dashboards over varying periods (each a cache miss, so the aggregates really run):
        //    alone, with the dashboards' reads on the replica (app1 as configured), and on the primary (a third instance
        //    started without ConnectionStrings:ReadOnly).
        Console.WriteLine();
        Console.WriteLine($"clerks' list p95 beside city dashboards ({connections / 2} + {connections / 2} connections, {seconds} s each)");
        await ShAsync("bash deploy/cluster.sh primary-only-app 5103");
        try
        {
            await ListBesideDashboardsSeriesAsync("all parts on both cores", connections / 2, seconds);

            // On one machine the replica's aggregates still take the clerks' cores; pinned apart, the standby stands in
            // for a server of its own (1 core each: the rest is slower alone, the comparison is what counts).
            await ShAsync($"bash deploy/cluster.sh pin split {Environment.ProcessId}");
            try
            {
                await ListBesideDashboardsSeriesAsync("standby on core 1, primary + apps + this client on core 0 (as if the replica had its own server)", connections / 2, seconds);
            }
            finally
            {
                await ShAsync($"bash deploy/cluster.sh pin none {Environment.ProcessId}");
            }
        }
        finally
        {
            await ShAsync("bash deploy/cluster.sh stop-app 5103");
        }

        // 3. A lagging replica: the standby still receives but replays nothing; a clerk registers a request; a city
        //    user who saved nothing opens the dashboard (read on the replica) and is told how old its figures are,
        //    while the clerk, reading their own write, sees the new request at once (read on the primary).
        Console.WriteLine();
        await ShAsync("bash deploy/cluster.sh replay pause");
        try
        {
            var clerk = (await SignInManyAsync("http://127.0.0.1:5101", "clerk", 1))[0];
            var city = (await SignInManyAsync("http://127.0.0.1:5101", "city", 1))[0];
            var marker = "副本延迟测试" + Guid.NewGuid().ToString("N")[..8];
            var outcome = await RegisterAsync(clerk, marker);
            await Task.Delay(TimeSpan.FromSeconds(8));
            var dashboard = await city.GetStringAsync(new Uri("/Dashboard?" + NewPeriod(Interlocked.Increment(ref _distinct)), UriKind.Relative));
            var age = System.Text.RegularExpressions.Regex.Match(dashboard, "data-age-seconds=\"(\\d+)\">([^<]*)<");
            // The search box echoes the words in an attribute; a found request shows them as text.
            async Task<bool> ListsAsync(HttpClient who) =>
                (await who.GetStringAsync(new Uri("/Requests?q=" + Uri.EscapeDataString(marker), UriKind.Relative))).Contains(">" + marker, StringComparison.Ordinal);
            var clerkSees = await ListsAsync(clerk);
            var citySees = await ListsAsync(city);
            Console.WriteLine($"standby's replay paused, a request registered ({outcome}), 8 s later:");
            Console.WriteLine($"  city dashboard (replica): {(age.Success ? $"figures {age.Groups[1].Value} s old, the page says \"{System.Net.WebUtility.HtmlDecode(age.Groups[2].Value).Trim()}\"" : "no age shown")}");
            Console.WriteLine($"  the clerk's own list shows the new request: {(clerkSees ? "yes (primary)" : "NO")}; the city's list: {(citySees ? "yes" : "not yet (replica)")}");
            Dispose([clerk, city]);
        }
        finally
        {
            await ShAsync("bash deploy/cluster.sh replay resume");
        }

        // 4. One app instance killed under the mix.
        Console.WriteLine();
        var run = Guid.NewGuid().ToString("N")[..8];
        var kill = await MixAsync(run + "k", connections, seconds, seconds / 3.0, "bash deploy/cluster.sh kill-app 2");
        await ReportMixAsync("app2 killed (kill -9) at " + (seconds / 3.0).ToString("0.0", CultureInfo.InvariantCulture) + " s", kill, run + "k");
        await ShAsync("bash deploy/cluster.sh up");

        // 5. The primary stopped at once and the standby promoted, under the same mix.
        Console.WriteLine();
        var failover = await MixAsync(run + "f", connections, seconds, seconds / 3.0, "bash deploy/cluster.sh failover");
        await ReportMixAsync("primary stopped, standby promoted at " + (seconds / 3.0).ToString("0.0", CultureInfo.InvariantCulture) + " s", failover, run + "f");
        Console.WriteLine("  (the longest time without a save is the outage the clerks saw: goal ≤ 10 s)");
    }

    /// <summary>
    /// The list alone, beside dashboards on the replica and beside dashboards on the primary, in three alternating
    /// rounds (one short run is at the mercy of whatever else the two cores did then): the median of each is printed.
    /// </summary>
    private static async Task ListBesideDashboardsSeriesAsync(string title, int connections, int seconds)
    {
        const int Rounds = 3;
        Console.WriteLine($"  {title}, median of {Rounds} alternating rounds:");
        var variants = new (string Name, string List, string? Dashboards)[]
        {
            ("list alone", "http://127.0.0.1:5101", null),
            ("+ dashboards on the replica", "http://127.0.0.1:5101", "http://127.0.0.1:5101"),
            ("+ dashboards on the primary", "http://127.0.0.1:5103", "http://127.0.0.1:5103"),
        };
        var runs = variants.Select(_ => new List<(double P95, double Rate, double Dashboards)>()).ToArray();
        for (var round = 0; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                runs[v].Add(await ListBesideDashboardsAsync(variants[v].List, variants[v].Dashboards, connections, seconds, warmUp: round == 0 ? 8 : 3));
            }
        }

        static double Median(IEnumerable<double> values) => values.Order().ElementAt(Rounds / 2);
        var alone = Median(runs[0].Select(r => r.P95));
        for (var v = 0; v < variants.Length; v++)
        {
            var p95 = Median(runs[v].Select(r => r.P95));
            var rounds = string.Join(" ", runs[v].Select(r => r.P95.ToString("0", CultureInfo.InvariantCulture)));
            var change = v == 0 ? string.Empty : $"({(p95 / alone) - 1:+0%;-0%})";
            var dashboards = v == 0 ? string.Empty : $"dashboards {Median(runs[v].Select(r => r.Dashboards)),5:0.0}/s";
            Console.WriteLine($"    {variants[v].Name,-29} p95 {p95,6:0.0} ms [{rounds,-11}] {Median(runs[v].Select(r => r.Rate)),6:0.0}/s {change,-7} {dashboards}");
        }
    }

    private sealed record MixResult(
        ConcurrentBag<(string Marker, string Outcome)> Submissions,
        int SignedOut,
        int PagesOk,
        int PagesFailed,
        DateTime? EventAt,
        ConcurrentBag<DateTime> Saves);

    /// <summary>
    /// Half the connections are clerks registering requests (form, then send), half city staff opening dashboards and
    /// the request list, all through the balancer; <paramref name="command"/> runs at <paramref name="eventAfter"/> s.
    /// </summary>
    private static async Task<MixResult> MixAsync(string run, int connections, int seconds, double eventAfter, string command)
    {
        var clerks = await SignInManyAsync(Balancer, "clerk", connections / 2);
        var city = await SignInManyAsync(Balancer, "city", connections / 2);
        var submissions = new ConcurrentBag<(string, string)>();
        var saves = new ConcurrentBag<DateTime>();
        var signedOut = 0;
        var pagesOk = 0;
        var pagesFailed = 0;
        DateTime? eventAt = null;
        var until = DateTime.UtcNow.AddSeconds(seconds);
        var counter = 0;
        var trigger = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(eventAfter));
            eventAt = DateTime.UtcNow;
            await ShAsync(command);
        });

        var clerkWork = clerks.Select(client => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                var marker = $"集群测试{run}-{Interlocked.Increment(ref counter):00000}";
                var outcome = await RegisterAsync(client, marker);
                submissions.Add((marker, outcome));
                if (outcome == "signed-out")
                {
                    Interlocked.Increment(ref signedOut);
                }

                if (outcome.StartsWith("saved", StringComparison.Ordinal))
                {
                    saves.Add(DateTime.UtcNow);
                }

                if (!outcome.StartsWith("saved", StringComparison.Ordinal))
                {
                    await Task.Delay(200);
                }
            }
        }));
        var random = new Random(7);
        var cityWork = city.Select(client => Task.Run(async () =>
        {
            while (DateTime.UtcNow < until)
            {
                int day;
                lock (random)
                {
                    day = random.Next(1, 300);
                }

                var url = day % 2 == 0 ? "/Requests" : $"/Dashboard?from=2026-01-01&to={new DateOnly(2026, 1, 1).AddDays(day):yyyy-MM-dd}";
                try
                {
                    using var response = await client.GetAsync(url);
                    if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true)
                    {
                        Interlocked.Increment(ref signedOut);
                    }
                    else if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref pagesOk);
                    }
                    else
                    {
                        Interlocked.Increment(ref pagesFailed);
                        await Task.Delay(200);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref pagesFailed);
                    await Task.Delay(200);
                }
            }
        }));
        await Task.WhenAll(clerkWork.Concat(cityWork).Append(trigger));
        Dispose(clerks);
        Dispose(city);
        return new MixResult(submissions, signedOut, pagesOk, pagesFailed, eventAt, saves);
    }

    /// <summary>
    /// One registration as a clerk does it: the form, then the send; a send that fails (no answer, 5xx) is sent again
    /// once a second later, the same form, as a clerk presses "resend" — its one-time key keeps it one request.
    /// "saved" only for the redirect to the request's page.
    /// </summary>
    private static async Task<string> RegisterAsync(HttpClient client, string marker)
    {
        string form;
        try
        {
            using var formResponse = await client.GetAsync("/Requests/Register");
            if (formResponse.StatusCode == HttpStatusCode.Redirect)
            {
                return formResponse.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true ? "signed-out" : "failed";
            }

            if (!formResponse.IsSuccessStatusCode)
            {
                return "failed";
            }

            form = await formResponse.Content.ReadAsStringAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return "failed";
        }

        var fields = new Dictionary<string, string>
        {
            ["Input.Summary"] = marker + " 小区路灯不亮，晚上出行不便",
            ["Input.CategoryId"] = CategoryPattern().Match(form).Groups[1].Value,
            ["Input.StationId"] = StationPattern().Match(form).Groups[1].Value,
            ["Input.SubmissionKey"] = KeyPattern().Match(form).Groups[1].Value,
            ["Input.Channel"] = "WalkIn",
            ["Input.CitizenName"] = "测试群众",
            ["Input.CitizenPhone"] = "13800000000",
            ["Input.ConsentToContact"] = "true",
            ["Input.ConsentToDisclose"] = "false",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value),
        };
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var content = new FormUrlEncodedContent(fields);
                using var sent = await client.PostAsync("/Requests/Register", content);
                var location = sent.Headers.Location?.OriginalString ?? string.Empty;
                if (sent.StatusCode == HttpStatusCode.Redirect && RequestPathPattern().IsMatch(location))
                {
                    return attempt == 0 ? "saved" : "saved on resend";
                }

                if (location.Contains("/Account/Login", StringComparison.Ordinal))
                {
                    return "signed-out";
                }

                if ((int)sent.StatusCode < 500)
                {
                    return "failed";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(1000);
        }

        return "failed";
    }

    private static async Task ReportMixAsync(string what, MixResult result, string run)
    {
        // Counted in the database that serves now (the promoted standby after a failover).
        var saved = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection("Host=127.0.0.1:55601,127.0.0.1:55602;Target Session Attributes=read-write;Database=liaison;Username=liaison_app;Password=cluster-app-demo;Timeout=5"))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT split_part(summary, ' ', 1), count(*) FROM citizen_requests WHERE summary LIKE @run GROUP BY 1", connection);
            command.Parameters.AddWithValue("run", $"集群测试{run}-%");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                saved[reader.GetString(0)] = (int)reader.GetInt64(1);
            }
        }

        var submissions = result.Submissions.ToList();
        var reportedSaved = submissions.Where(s => s.Outcome.StartsWith("saved", StringComparison.Ordinal)).ToList();
        var resent = submissions.Count(s => s.Outcome == "saved on resend");
        var reportedFailed = submissions.Where(s => !s.Outcome.StartsWith("saved", StringComparison.Ordinal)).ToList();
        var lost = reportedSaved.Count(s => !saved.ContainsKey(s.Marker));
        var twice = saved.Count(kv => kv.Value > 1);
        var savedThoughFailed = reportedFailed.Count(s => saved.ContainsKey(s.Marker));
        Console.WriteLine($"{what}: {submissions.Count} registrations sent through the balancer");
        Console.WriteLine($"  saved and confirmed {reportedSaved.Count} ({resent} of them on the clerk's resend of the same form), reported failed to the clerk {reportedFailed.Count} (of which saved after all {savedThoughFailed}), lost {lost}, saved twice {twice}");
        var saves = result.Saves.OrderBy(t => t).ToList();
        if (result.EventAt is { } at && saves.Count > 1)
        {
            var gap = saves.Zip(saves.Skip(1)).Where(p => p.Second >= at).Select(p => (p.Second - p.First).TotalSeconds).DefaultIfEmpty(double.NaN).Max();
            Console.WriteLine($"  longest time without a confirmed save after the event: {gap:0.0} s");
        }
        Console.WriteLine($"  signed out {result.SignedOut}; city pages answered {result.PagesOk}, failed {result.PagesFailed}");
    }

    private static async Task<(double P95, double Rate, double Dashboards)> ListBesideDashboardsAsync(string listAt, string? dashboardsAt, int each, int seconds, int warmUp)
    {
        var clerks = await SignInManyAsync(listAt, "clerk", each);
        var work = clerks.Select(c => ("list", c, "/Requests", HttpStatusCode.OK)).ToList();
        List<HttpClient> city = [];
        if (dashboardsAt is not null)
        {
            city = await SignInManyAsync(dashboardsAt, "city", each);
            work.AddRange(city.Select(c => ("dashboard", c, "/Dashboard?{period}", HttpStatusCode.OK)));
        }

        await HammerAsync(work, warmUp);
        var (results, wall) = await HammerAsync(work, seconds);
        var list = results.Where(r => r.Kind == "list").Select(r => r.Ms).ToList();
        var dashboards = results.Count(r => r.Kind == "dashboard");
        Dispose(clerks);
        Dispose(city);
        return (Percentile(list, 0.95), list.Count / wall.Elapsed.TotalSeconds, dashboards / wall.Elapsed.TotalSeconds);
    }

    private static void Print(string name, List<(double Ms, bool Ok)> results, double wallSeconds)
    {
        var times = results.Select(r => r.Ms).ToList();
        Console.WriteLine($"{name,-34} {results.Count / wallSeconds,8:0.0} {Percentile(times, 0.5),8:0.0} {Percentile(times, 0.95),8:0.0} {results.Count(r => !r.Ok),7}");
    }

    private static async Task<List<HttpClient>> SignInManyAsync(string address, string user, int count)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < count; i++)
        {
            var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
            await SignInAsync(client, user);
            clients.Add(client);
        }

        return clients;
    }

    private static void Dispose(IEnumerable<HttpClient> clients)
    {
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }

    private static async Task<string> ShAsync(string command)
    {
        var psi = new ProcessStartInfo("bash", ["-c", command]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} failed ({process.ExitCode}): {error}{output}");
        }

        return output.TrimEnd();
    }

    [System.Text.RegularExpressions.GeneratedRegex("name=\"Input.CategoryId\"[^>]*>\\s*(?:<option[^>]*value=\"\"[^>]*>[^<]*</option>\\s*)?<option[^>]*value=\"(\\d+)\"")]
    private static partial System.Text.RegularExpressions.Regex CategoryPattern();

    [System.Text.RegularExpressions.GeneratedRegex("name=\"Input.StationId\"[^>]*>(?:\\s*<option[^>]*value=\"\"[^>]*>[^<]*</option>)?\\s*<option[^>]*value=\"(\\d+)\"")]
    private static partial System.Text.RegularExpressions.Regex StationPattern();

    [System.Text.RegularExpressions.GeneratedRegex("name=\"Input.SubmissionKey\" value=\"([0-9a-f-]+)\"")]
    private static partial System.Text.RegularExpressions.Regex KeyPattern();

    [System.Text.RegularExpressions.GeneratedRegex("^/Requests/Details/\\d+")]
    private static partial System.Text.RegularExpressions.Regex RequestPathPattern();
}
