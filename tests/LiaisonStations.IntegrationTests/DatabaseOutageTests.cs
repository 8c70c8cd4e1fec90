using System.Collections.Concurrent;
using System.Net;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The database server is stopped while clerks are using the site, then started again. During the outage
/// every page answers 503 with the calm page (never 500), nothing waits longer than 10 s, /health/ready is
/// 503 and a form posted saves nothing; after it the site serves again by itself within 5 s, with no error.
/// The server is a cluster of this test's own, so stopping it disturbs no other test.
/// </summary>
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"liaison-outage-{Guid.NewGuid():N}"[..30]);
    private LocalPostgresCluster _cluster = null!;
    private AppFactory _factory = null!;
    private TestData _data = null!;
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        _cluster = await LocalPostgresCluster.StartAsync(_root, null, CancellationToken.None, durable: false);
        _connectionString = _cluster.ConnectionString("outage");
        await SchemaMigrator.EnsureDatabaseExistsAsync(_connectionString, CancellationToken.None);
        await new SchemaMigrator(NullLogger<SchemaMigrator>.Instance).MigrateAsync(_connectionString, CancellationToken.None);
        _data = await TestData.SeedAsync(_connectionString, FixedClock.Default);
        _factory = new AppFactory(_connectionString);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _cluster.Stop();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind does no harm.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    [Fact]
    public async Task After_a_quiet_outage_the_first_pages_are_served_on_fresh_connections()
    {
        var session = await _factory.SignedInAsync("city");
        foreach (var url in new[] { "/Requests", "/Dashboard", "/Stations" })
        {
            await session.GetAsync(url);
        }

        // Nobody uses the site while the database restarts: the pool still holds the connections it killed.
        await _cluster.StopServerAsync(CancellationToken.None);
        await _cluster.StartServerAsync(CancellationToken.None);

        foreach (var url in new[] { "/Dashboard", "/Requests", "/Stations", "/health/ready" })
        {
            using var response = await session.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        }
    }

    private sealed record Answer(DateTime StartedAt, DateTime EndedAt, string Url, HttpStatusCode Status, string Body);

    [Fact]
    public async Task Pages_answer_503_while_the_database_is_down_and_serve_again_by_themselves_after_it()
    {
        var sessions = new List<PageSession>();
        foreach (var user in new[] { "clerk", "district", "city", "clerk2" })
        {
            sessions.Add(await _factory.SignedInAsync(user));
        }

        var registerForm = await sessions[0].GetAsync("/Requests/Register");
        var answers = new ConcurrentBag<Answer>();
        using var stop = new CancellationTokenSource();
        string[] urls = ["/Requests", "/Stations", "/", "/ReceptionDays"];
        var load = sessions.SelectMany((session, i) => Enumerable.Range(0, 2).Select(j => Task.Run(async () =>
        {
            var n = i + j;
            while (!stop.IsCancellationRequested)
            {
                var url = urls[n++ % urls.Length];
                var started = DateTime.UtcNow;
                using var response = await session.Client.GetAsync(url);
                answers.Add(new Answer(started, DateTime.UtcNow, url, response.StatusCode, await response.Content.ReadAsStringAsync()));
                await Task.Delay(20);
            }
        }))).ToList();

        await Task.Delay(1500);
        await _cluster.StopServerAsync(CancellationToken.None);
        var downAt = DateTime.UtcNow;
        await Task.Delay(3000);

        // A form posted during the outage saves nothing.
        using (var posted = await sessions[0].SubmitAsync(registerForm, "#register-form", new Dictionary<string, string?>
        {
            ["Input.Summary"] = "停库期间提交的诉求",
            ["Input.CategoryId"] = _data.HeatingCategoryId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Channel"] = "WalkIn",
        }, pageUrl: "/Requests/Register"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, posted.StatusCode);
        }

        using (var health = await _factory.CreateClient().GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        }

        var startingAt = DateTime.UtcNow;
        await _cluster.StartServerAsync(CancellationToken.None);
        var upAt = DateTime.UtcNow;
        await Task.Delay(7000);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = answers.OrderBy(a => a.StartedAt).ToList();
        var during = all.Where(a => a.StartedAt > downAt.AddMilliseconds(500) && a.EndedAt < startingAt).ToList();
        Assert.NotEmpty(during);
        Assert.All(during, a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));
        Assert.All(during, a => Assert.Contains("系统暂时无法连接数据库", a.Body, StringComparison.Ordinal));
        Assert.DoesNotContain(all, a => a.Status == HttpStatusCode.InternalServerError);
        Assert.All(all, a => Assert.True(a.EndedAt - a.StartedAt < TimeSpan.FromSeconds(10), $"{a.Url} took {(a.EndedAt - a.StartedAt).TotalSeconds:0.0} s"));

        var firstServed = all.FirstOrDefault(a => a.StartedAt >= upAt && a.Status == HttpStatusCode.OK);
        Assert.NotNull(firstServed);
        Assert.True(firstServed.EndedAt - upAt < TimeSpan.FromSeconds(5), $"first page served {(firstServed.EndedAt - upAt).TotalSeconds:0.0} s after the database returned");
        var after = all.Where(a => a.StartedAt > firstServed.EndedAt).ToList();
        Assert.True(after.Count > 20, $"{after.Count} answers after recovery");
        Assert.All(after, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        using (var health = await _factory.CreateClient().GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        // The test's own pooled connections were cut by the restart too.
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var db = TestData.Context(_connectionString);
        Assert.False(await db.CitizenRequests.AnyAsync(r => r.Summary == "停库期间提交的诉求"));
    }
}
