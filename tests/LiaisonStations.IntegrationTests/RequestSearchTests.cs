using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// Finding a request: by any part of its number in any case; by the citizen's name or phone only for those who
/// see citizens' data as entered (the station's clerks, the assigned deputies) — for others it would reveal what
/// the mask hides.
/// </summary>
public sealed class RequestSearchTests(RequestSearchTests.Fixture fixture) : IClassFixture<RequestSearchTests.Fixture>
{
    private const string Number = "2026-NG-000797";

    public sealed class Fixture : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Db();
            var clerk = new Actor(null, "联络员");
            var request = CitizenRequest.Register(Number, "SEARCHCODE000797", Data.RongshiStationId, null, RequestChannel.Phone, Data.HeatingCategoryId, "小区门口积水", new CitizenContact("钱学敏", "139-1234-0797", null, true, false), clerk, FixedClock.Default);
            request.AssignDeputies([Data.RongshiDeputyIds[0]], null, clerk, FixedClock.Default);
            db.CitizenRequests.Add(request);
            await db.SaveChangesAsync();
        }
    }

    private async Task<bool> FindsAsync(string user, string q)
    {
        var session = await fixture.SessionAsync(user);
        var page = await session.GetAsync("/Requests?q=" + Uri.EscapeDataString(q));
        return page.QuerySelector("main")!.TextContent.Contains(Number, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("city", "000797")]
    [InlineData("city", "2026-ng-000797")]
    [InlineData("city", "NG-0007")]
    [InlineData("district", "2026-NG-000797")]
    [InlineData("clerk", "ng-000797")]
    [InlineData("clerk", "钱学敏")]
    [InlineData("clerk", "学敏")]
    [InlineData("clerk", "13912340797")]
    [InlineData("clerk", "139 1234 0797")]
    [InlineData("deputy", "钱学敏")]
    [InlineData("deputy", "1234-0797")]
    public async Task Found(string user, string q) => Assert.True(await FindsAsync(user, q), $"{user} searching {q}");

    [Theory]
    [InlineData("city", "钱学敏")]
    [InlineData("city", "13912340797")]
    [InlineData("district", "学敏")]
    [InlineData("clerk2", "000797")]
    [InlineData("clerk2", "钱学敏")]
    [InlineData("clerk", "000798")]
    public async Task Not_found(string user, string q) => Assert.False(await FindsAsync(user, q), $"{user} searching {q}");
}
