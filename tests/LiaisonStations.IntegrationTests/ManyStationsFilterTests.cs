using LiaisonStations.Domain.Stations;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// City staff see hundreds of stations: the request list's station filter then lists the stations of one district,
/// chosen first (issue 13: half of the page's weight was a list of 800 names).
/// </summary>
public sealed class ManyStationsFilterTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Above_sixty_stations_the_station_filter_lists_the_chosen_districts_stations_only()
    {
        await using (var db = fixture.Db())
        {
            var hexing = await db.Areas.SingleAsync(a => a.Id == fixture.Data.HexingStreetId);
            for (var i = 0; i < 60; i++)
            {
                db.Stations.Add(Station.Create($"ST-MANY-{i:00}", $"和兴街道第{i}联络点", StationKind.Point, HostType.Community, hexing, null, new DateOnly(2020, 1, 1), false, FixedClock.Default));
            }

            await db.SaveChangesAsync();
        }

        var city = await fixture.SessionAsync("city");
        var all = await city.GetAsync("/Requests");
        Assert.NotNull(all.QuerySelector("#f-district option[value='230103']"));
        Assert.True(all.QuerySelector("#f-station")!.HasAttribute("disabled"));
        Assert.Null(all.QuerySelector("#active-filters [data-filter='area']"));

        var nangang = await city.GetAsync("/Requests?area=230103");
        var options = nangang.QuerySelectorAll("#f-station option").Select(o => o.TextContent).ToList();
        Assert.Contains("南岗区荣市街道代表联络站", options);
        Assert.DoesNotContain(options, o => o.Contains("南马路", StringComparison.Ordinal));
        Assert.Equal("230103", nangang.QuerySelector("#f-district option[selected]")!.GetAttribute("value"));
        Assert.Null(nangang.QuerySelector("#active-filters [data-filter='area']"));
        Assert.All(nangang.QuerySelectorAll("#requests-table tbody tr td[data-label]").Where(td => td.GetAttribute("data-label") == "联络站").Select(td => td.TextContent), s => Assert.DoesNotContain("道外区", s, StringComparison.Ordinal));

        // A clerk with one station keeps the plain list.
        var clerk = await fixture.SessionAsync("clerk");
        Assert.Null((await clerk.GetAsync("/Requests")).QuerySelector("#f-district"));
    }
}
