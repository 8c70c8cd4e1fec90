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
using Microsoft.Extensions.Logging.Abstractions;

namespace LiaisonStations.IntegrationTests;

/// <summary>The demo data is Harbin's real structure, covers every state, and is the same every time.</summary>
public sealed class DemoSeedTests
{
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
        var seeds = await Task.WhenAll(SeedAsync(), SeedAsync());
        await using var db = TestData.Context(seeds[0]);
        await using var twin = TestData.Context(seeds[1]);

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
