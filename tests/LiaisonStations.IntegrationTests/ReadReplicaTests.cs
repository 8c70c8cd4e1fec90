using System.Globalization;
using System.Net;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The app with a "replica" that never catches up: a copy of the test database taken after seeding
/// (ConnectionStrings:ReadOnly points at it). Whatever is read there is visibly not the primary, so the tests show
/// which pages read which database — and that a user still reads their own write at once (issue 15, point 2).
/// </summary>
public sealed class ReplicaFixture : AppFixture
{
    public string ReplicaConnectionString { get; private set; } = string.Empty;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        var server = await TestPostgres.ServerAsync();
        var primary = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
        var replica = primary + "_replica";
        await using (var connection = new NpgsqlConnection(server.AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var clone = new NpgsqlCommand($"CREATE DATABASE \"{replica}\" TEMPLATE \"{primary}\"", connection);
            await clone.ExecuteNonQueryAsync();
        }

        TestPostgres.Remember(replica);
        ReplicaConnectionString = server.ConnectionStringFor(replica);
        Factory = new AppFactory(AppConnectionString, new FixedClock(), settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:ReadOnly"] = TestPostgres.AsRuntime(ReplicaConnectionString),
        });
        var probe = Factory.Services.GetRequiredService<ReadReplica>();
        for (var i = 0; i < 100 && !probe.IsUp; i++)
        {
            await Task.Delay(100);
        }

        Assert.True(probe.IsUp, "the replica probe never succeeded");
    }

    /// <summary>Marks a station's name in the replica only, so a page shows where it read.</summary>
    public async Task MarkReplicaAsync()
    {
        await using var connection = new NpgsqlConnection(ReplicaConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("UPDATE stations SET name = name || '（副本）' WHERE id = @id AND name NOT LIKE '%（副本）'", connection);
        command.Parameters.AddWithValue("id", Data.RongshiStationId);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class ReadReplicaTests(ReplicaFixture fixture) : IClassFixture<ReplicaFixture>
{
    [Fact]
    public async Task Lists_dashboards_and_public_pages_read_the_replica_while_forms_read_the_primary()
    {
        await fixture.MarkReplicaAsync();
        var city = await fixture.SessionAsync("city");
        Assert.Contains("（副本）", (await city.GetAsync("/Stations")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("（副本）", (await fixture.NewSession().GetAsync("/public/stations?q=" + Uri.EscapeDataString("荣市"))).Body!.TextContent, StringComparison.Ordinal);

        // The station's own page and its edit form read the primary: what a user is about to change is current.
        var edit = await city.GetAsync($"/Stations/Edit/{fixture.Data.RongshiStationId.ToString(CultureInfo.InvariantCulture)}");
        Assert.DoesNotContain("（副本）", edit.QuerySelector("input[name='Input.Name']")?.GetAttribute("value") ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await city.Client.GetAsync("/Dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await city.Client.GetAsync("/api/stats")).StatusCode);
    }

    [Fact]
    public async Task A_user_reads_their_own_write_at_once_though_the_replica_lags()
    {
        var clerk = await fixture.SignedInAsync("clerk");
        var summary = "副本测试：楼道灯坏了三天" + Guid.NewGuid().ToString("N")[..6];
        var form = await clerk.GetAsync("/Requests/Register");
        using (var response = await clerk.SubmitAsync(form, "#register-form", new Dictionary<string, string?>
        {
            ["Input.Summary"] = summary,
            ["Input.CategoryId"] = fixture.Data.HeatingCategoryId.ToString(CultureInfo.InvariantCulture),
            ["Input.Channel"] = "WalkIn",
            ["Input.CitizenName"] = "王阿姨",
            ["Input.CitizenPhone"] = "13812345670",
            ["Input.ConsentToContact"] = "true",
            ["Input.ConsentToDisclose"] = "false",
        }, pageUrl: "/Requests/Register"))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        // The clerk's list right after: read on the primary, the new request is there (the replica does not have it).
        Assert.Contains(summary, (await clerk.GetAsync("/Requests")).Body!.TextContent, StringComparison.Ordinal);

        // Someone who saved nothing reads the replica, which has not replayed it yet.
        var district = await fixture.SignedInAsync("district");
        Assert.DoesNotContain(summary, (await district.GetAsync("/Requests")).Body!.TextContent, StringComparison.Ordinal);

        // Past the read-your-writes window the clerk reads the replica again (a real one has long caught up by then).
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(11));
        Assert.DoesNotContain(summary, (await clerk.GetAsync("/Requests")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_replica_down_reads_go_to_the_primary()
    {
        await fixture.MarkReplicaAsync();
        await using var factory = new AppFactory(fixture.AppConnectionString, new FixedClock(), settings: new Dictionary<string, string?>
        {
            // Nothing listens on port 1: every probe fails.
            ["ConnectionStrings:ReadOnly"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=none;Timeout=2",
        });
        var city = await factory.SignedInAsync("city");
        var stations = await city.GetAsync("/Stations");
        Assert.DoesNotContain("（副本）", stations.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("荣市", stations.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await city.Client.GetAsync("/Dashboard")).StatusCode);
        Assert.False(factory.Services.GetRequiredService<ReadReplica>().IsUp);
    }
}
