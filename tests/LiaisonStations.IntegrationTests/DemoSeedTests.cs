using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The demo data is Harbin's real structure, covers every state, and is the same every time; its figures are
/// sound for every area, station and kind of period.
/// </summary>
public sealed class DemoSeedTests(DemoSeedTests.Fixture fixture) : IClassFixture<DemoSeedTests.Fixture>
{
    /// <summary>One seeded demo database for the class (seeding takes half a minute).</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public string ConnectionString { get; private set; } = string.Empty;

        public async Task InitializeAsync() => ConnectionString = await SeedAsync();

        public Task DisposeAsync() => Task.CompletedTask;
    }

    private static async Task<string> SeedAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("demo");
        await using var db = TestData.Context(connectionString);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Demo:ReferenceDate"] = "2026-11-20" }).Build();
        var seeded = await new DemoSeeder(db, new FixedClock(), configuration, NullLogger<DemoSeeder>.Instance).SeedIfEmptyAsync(CancellationToken.None);
        Assert.True(seeded);
        return connectionString;
    }

    [Fact]
    public async Task Demo_data_is_harbin_with_every_state_and_is_reproducible()
    {
        await using var db = TestData.Context(fixture.ConnectionString);
        await using var twin = TestData.Context(await SeedAsync());

        var districts = await db.Areas.Where(a => a.Level == AreaLevel.District).Select(a => a.Code).OrderBy(c => c).ToListAsync();
        Assert.Equal(
            ["230102", "230103", "230104", "230108", "230109", "230110", "230111", "230112", "230113", "230123", "230124", "230125", "230126", "230127", "230128", "230129", "230183", "230184"],
            districts);
        Assert.Equal(325, await db.Stations.CountAsync(s => s.Kind == StationKind.Station));
        Assert.True(await db.Stations.CountAsync(s => s.Kind == StationKind.Point) > 300);
        Assert.True(await db.Stations.AnyAsync(s => s.Name == "南岗区荣市街道代表联络站"));
        Assert.True(await db.Stations.AnyAsync(s => s.Name == "五常市八家子乡代表联络站" && s.HostType == HostType.FamilyFarm));
        Assert.Equal(Enum.GetValues<HostType>().Length, await db.Stations.Select(s => s.HostType).Distinct().CountAsync());

        var local = await db.Deputies.CountAsync(d => d.Status == DeputyStatus.Active && ((int)d.Levels & (int)(DeputyLevels.City | DeputyLevels.County | DeputyLevels.Township)) != 0);
        Assert.InRange(local, 15_000, 16_200);
        Assert.True(await db.Deputies.AnyAsync(d => ((int)d.Levels & (int)DeputyLevels.National) != 0));
        Assert.True(await db.Deputies.AnyAsync(d => ((int)d.Levels & (int)DeputyLevels.Provincial) != 0));
        var nanmalu = await db.Stations.SingleAsync(s => s.Name == "道外区南马路街道代表联络站");
        Assert.Equal(10, await db.Deputies.SelectMany(d => d.Assignments).CountAsync(a => a.StationId == nanmalu.Id && a.To == null));

        Assert.Equal(Enum.GetValues<RequestStatus>().Order(), (await db.CitizenRequests.Select(r => r.Status).Distinct().ToListAsync()).Order());
        Assert.Equal(Enum.GetValues<SuggestionStatus>().Order(), (await db.Suggestions.Select(s => s.Status).Distinct().ToListAsync()).Order());
        Assert.Equal(Enum.GetValues<ReceptionDayStatus>().Order(), (await db.ReceptionDays.Select(r => r.Status).Distinct().ToListAsync()).Order());
        Assert.Equal(Enum.GetValues<ReceptionDayType>().Order(), (await db.ReceptionDays.Select(r => r.Type).Distinct().ToListAsync()).Order());
        Assert.Equal(510, await db.Suggestions.CountAsync(s => s.AssignedOn != null));

        // Reproducible: the second seed holds exactly the same records.
        Assert.Equal(await Fingerprint(db), await Fingerprint(twin));
    }

    [Fact]
    public async Task Seeding_a_database_that_holds_data_does_nothing()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("nonempty");
        await TestData.SeedAsync(connectionString, FixedClock.Default);
        await using var db = TestData.Context(connectionString);
        var configuration = new ConfigurationBuilder().Build();

        var seeded = await new DemoSeeder(db, new FixedClock(), configuration, NullLogger<DemoSeeder>.Instance).SeedIfEmptyAsync(CancellationToken.None);

        Assert.False(seeded);
        Assert.Equal(3, await db.Stations.CountAsync());
    }

    [Fact]
    public async Task Every_rate_of_every_area_and_station_for_every_kind_of_period_is_a_fraction_or_none()
    {
        await using var factory = new AppFactory(TestPostgres.AsRuntime(fixture.ConnectionString));
        await using var scope = factory.Services.CreateAsyncScope();
        var metrics = scope.ServiceProvider.GetRequiredService<LiaisonStations.Web.Statistics.AreaMetrics>();
        await using var db = TestData.Context(fixture.ConnectionString);
        var city = await db.Areas.AsNoTracking().SingleAsync(a => a.Code == "230100");
        var districts = await db.Areas.AsNoTracking().Where(a => a.ParentId == city.Id).ToListAsync();
        (DateOnly From, DateOnly To)[] periods =
        [
            (new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), // this month
            (new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31)), // this quarter
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), // this year
            (new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), // last year
            (new DateOnly(2024, 7, 1), new DateOnly(2024, 9, 30)), // a past quarter
            (new DateOnly(2016, 12, 1), new DateOnly(2026, 11, 30)), // ten years
        ];
        var checkedRows = 0;
        foreach (var (from, to) in periods)
        {
            var reports = new List<(string Name, LiaisonStations.Web.Statistics.MetricsReport Report)> { ("哈尔滨市", await metrics.ForAreaAsync(city, from, to, CancellationToken.None)) };
            foreach (var district in districts)
            {
                reports.Add((district.Name, await metrics.ForAreaAsync(district, from, to, CancellationToken.None)));
                reports.Add((district.Name + " stations", await metrics.ForAreaAsync(district, from, to, CancellationToken.None, stationRows: true)));
            }

            foreach (var (name, report) in reports)
            {
                foreach (var (row, m) in report.Rows.Select(r => (r.Name, r.Metrics)).Prepend((name, report.Metrics)))
                {
                    decimal?[] rates =
                    [
                        m.Coverage, m.ResolutionRate, m.Satisfaction, m.DutyReportSatisfaction, m.SuggestionImplementationRate, m.SuggestionSolvedRate,
                        m.SuggestionSatisfaction, m.EightStandardsCompliance, .. m.EntryRate.Values,
                    ];
                    Assert.All(rates, rate => Assert.True(rate is null or >= 0 and <= 1, $"{row} {from:yyyy-MM-dd}–{to:yyyy-MM-dd}: a rate of {rate}"));
                    checkedRows++;
                }
            }
        }

        Assert.True(checkedRows > 2000, $"{checkedRows} rows checked");
    }

    /// <summary>
    /// One deputy total (issue 12): the home page of city and district staff, the dashboard's entry table and the API
    /// count the same deputies (in office today, by the area that elected them); the levels may add up to more.
    /// </summary>
    [Fact]
    public async Task Deputy_totals_agree_on_the_home_page_the_dashboard_and_the_api()
    {
        await using var factory = new AppFactory(TestPostgres.AsRuntime(fixture.ConnectionString));
        foreach (var (user, area) in new[] { ("city", "230100"), ("district", "230103") })
        {
            using var client = (await factory.SignedInAsync(user, DemoSeeder.DemoPassword)).Client;
            var home = await client.GetStringAsync("/");
            var onHome = int.Parse(System.Text.RegularExpressions.Regex.Match(home, @"data-count=""deputies"">([0-9,]+)<").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
            var api = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/stats?area={area}")).RootElement;
            var dashboard = await client.GetStringAsync($"/Dashboard?area={area}");
            var onDashboard = int.Parse(System.Text.RegularExpressions.Regex.Match(dashboard, @"data-level=""all"">\s*<th scope=""row"">[^<]+</th>\s*<td class=""text-end""><a[^>]*>([0-9,]+)</a>").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(onHome > 0, user);
            Assert.Equal(onHome, api.GetProperty("deputies").GetInt32());
            Assert.Equal(onHome, onDashboard);
            if (area == "230100")
            {
                // The districts' deputies and those elected by the city as a whole make the city's total, each once.
                await using var db = TestData.Context(fixture.ConnectionString);
                var cityPath = await db.Areas.Where(a => a.Code == "230100").Select(a => a.Path).SingleAsync();
                var direct = await db.Deputies.CountAsync(d => d.ConstituencyPath == cityPath && d.Status == LiaisonStations.Domain.Deputies.DeputyStatus.Active);
                Assert.Equal(onHome, api.GetProperty("districts").EnumerateArray().Sum(d => d.GetProperty("deputies").GetInt32()) + direct);
            }
        }
    }

    /// <summary>
    /// Workspaces (issue 12): clerk, deputy and department each find work waiting on the demo, and every queue's count
    /// on the home page is the total of the list it links to.
    /// </summary>
    [Fact]
    public async Task Every_demo_account_sees_its_work_waiting_with_counts_equal_to_the_lists_behind_them()
    {
        await using var factory = new AppFactory(TestPostgres.AsRuntime(fixture.ConnectionString));
        var expected = new Dictionary<string, string[]>
        {
            ["clerk"] = ["requests-ToAssign", "requests-SentBack", "requests-ToConfirm", "requests-ExtensionAsked", "requests-Overdue"],
            ["deputy"] = ["requests-MyFollowUp", "suggestions-ToCoSign"],
            ["department"] = ["requests-ToReply", "suggestions-ToReply"],
            ["district"] = ["requests-Overdue"],
            ["city"] = ["requests-Overdue"],
        };
        foreach (var (user, queues) in expected)
        {
            var session = new PageSession((await factory.SignedInAsync(user, DemoSeeder.DemoPassword)).Client);
            var home = await session.GetAsync("/");
            foreach (var queue in queues)
            {
                var card = home.QuerySelector("#" + queue);
                Assert.True(card is not null, $"{user}: no {queue} on the home page");
                var count = int.Parse(card!.GetAttribute("data-queue-count")!, System.Globalization.CultureInfo.InvariantCulture);
                var href = card.QuerySelector(".card-header a")!.GetAttribute("href")!;
                var list = await session.GetAsync(href);
                var total = list.QuerySelector("#" + href.Split('?')[0].Trim('/').ToLowerInvariant() + "-total")?.TextContent;
                Assert.True(total is not null, $"{href} shows no total");
                Assert.Equal(count, int.Parse(new string(total!.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture));
                Assert.True(count > 0, $"{user}: {queue} is empty");
            }
        }
    }

    private static async Task<string> Fingerprint(LiaisonStations.Web.Data.AppDbContext db)
    {
        var stations = await db.Stations.OrderBy(s => s.Code).Select(s => s.Code + s.Name + s.OpenedOn).ToListAsync();
        var deputies = await db.Deputies.OrderBy(d => d.Code).Select(d => d.Code + d.Name + d.Phone).ToListAsync();
        var requests = await db.CitizenRequests.OrderBy(r => r.TrackingNumber).Select(r => r.TrackingNumber + r.Status + r.Summary + r.RegisteredOn).ToListAsync();
        var suggestions = await db.Suggestions.OrderBy(s => s.Id).Select(s => s.Number + s.Title + s.Status).ToListAsync();
        return string.Join('|', stations.Count, deputies.Count, requests.Count, suggestions.Count)
            + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', stations.Concat(deputies).Concat(requests).Concat(suggestions)))));
    }
}
