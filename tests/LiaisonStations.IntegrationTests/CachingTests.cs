using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The figures' cache (SharedMetrics): figures are shared for a while and say how old they are; a change saved on
/// this instance shows at once (nobody misses their own change); a change made elsewhere (another instance,
/// written here straight to the database) shows once the cache has been dropped. The same for the header's
/// unread count and the reference lists of the filters.
/// </summary>
public sealed class CachingTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private string StationDashboard => $"/Dashboard?station={fixture.Data.RongshiStationId}&period=Year&year=2026";

    private static string Held(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("#metrics-table [data-metric='receptionDays']")!.TextContent.Trim().Split(' ')[0];

    private ReceptionDay HeldDay(DateOnly date)
    {
        var day = ReceptionDay.Plan(fixture.Data.RongshiStationId, date, ReceptionDayType.Reception, null, null, null, [], fixture.Factory.Clock.GetUtcNow());
        day.RecordHeld(fixture.Data.RongshiDeputyIds, [], 5, null, fixture.Factory.Clock.GetUtcNow());
        return day;
    }

    [Fact]
    public async Task Figures_are_shared_with_their_age_shown_and_a_change_saved_here_shows_at_once()
    {
        var city = await fixture.SessionAsync("city");
        var first = await city.GetAsync(StationDashboard);
        var before = int.Parse(Held(first), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Null(first.QuerySelector("#figures-age"));

        // Written around the app, as another instance would: this instance keeps showing what it counted, and says when.
        await using (var db = fixture.Db())
        {
            db.ReceptionDays.Add(HeldDay(new DateOnly(2026, 3, 3)));
            await db.SaveChangesAsync();
        }

        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(42));
        var cached = await city.GetAsync(StationDashboard);
        Assert.Equal(before.ToString(System.Globalization.CultureInfo.InvariantCulture), Held(cached));
        var age = cached.QuerySelector("#figures-age")!;
        Assert.Equal("42", age.GetAttribute("data-age-seconds"));
        Assert.Contains("42 秒前", age.TextContent, StringComparison.Ordinal);

        // Saved through this instance (any business record): every cached figure is dropped, both days are counted.
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ReceptionDays.Add(HeldDay(new DateOnly(2026, 3, 4)));
            await db.SaveChangesAsync();
        }

        var fresh = await city.GetAsync(StationDashboard);
        Assert.Equal((before + 2).ToString(System.Globalization.CultureInfo.InvariantCulture), Held(fresh));
        Assert.Null(fresh.QuerySelector("#figures-age"));
    }

    [Fact]
    public async Task A_rolled_back_change_does_not_drop_the_figures_and_a_past_period_is_cached_too()
    {
        var city = await fixture.SessionAsync("city");
        const string past = "/Dashboard?area=230100&period=Year&year=2025";
        // The cache compares entries with the last drop by time: with the test's frozen clock, an entry made in the
        // same tick as an earlier test's drop would count as dropped.
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var first = await city.GetAsync(past);
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotNull((await city.GetAsync(past)).QuerySelector("#figures-age"));
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.ReceptionDays.Add(HeldDay(new DateOnly(2025, 6, 6)));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var again = await city.GetAsync(past);
        Assert.Equal(Held(first), Held(again));
        Assert.NotNull(again.QuerySelector("#figures-age"));
    }

    [Fact]
    public async Task A_list_total_is_reused_while_paging_and_counted_again_after_a_change_saved_here()
    {
        static int Total(AngleSharp.Html.Dom.IHtmlDocument page) =>
            int.Parse(new string(page.QuerySelector("#requests-total")!.TextContent.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);

        CitizenRequest NewRequest(string number) => CitizenRequest.Register(
            number, "TOTALS" + number[^6..], fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId, "计数测试",
            CitizenContact.Anonymous, Actor.System, fixture.Factory.Clock.GetUtcNow());

        var city = await fixture.SessionAsync("city");
        var before = Total(await city.GetAsync("/Requests?status=Registered"));
        await using (var db = fixture.Db())
        {
            db.CitizenRequests.Add(NewRequest("2026-NG-700001"));
            await db.SaveChangesAsync();
        }

        // Another page or order of the same list: the same total (written around this instance, not counted yet).
        Assert.Equal(before, Total(await city.GetAsync("/Requests?status=Registered&sort=number")));
        // Another filter is counted on its own.
        Assert.NotEqual(before, Total(await city.GetAsync("/Requests?status=Registered&q=2026-NG-7000")) + before);

        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.CitizenRequests.Add(NewRequest("2026-NG-700002"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(before + 2, Total(await city.GetAsync("/Requests?status=Registered")));
    }

    [Fact]
    public async Task A_change_saved_on_another_instance_drops_this_instances_figures_at_once()
    {
        // A second instance of the app on the same database, as behind a balancer.
        await using var other = new AppFactory(fixture.AppConnectionString, fixture.Factory.Clock);
        var city = await other.SignedInAsync("city");
        var url = $"/Dashboard?station={fixture.Data.RongshiStationId}&period=Year&year=2025";
        var before = int.Parse(Held(await city.GetAsync(url)), System.Globalization.CultureInfo.InvariantCulture);

        // Saved through the first instance: its notice (PostgreSQL NOTIFY) reaches the second, which drops its figures
        // without waiting out their lifetime (the test clock stands still, so only the notice can do it).
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.ReceptionDays.Add(HeldDay(new DateOnly(2025, 5, 6)));
            await db.SaveChangesAsync();
        }

        var after = before;
        for (var i = 0; i < 50 && after == before; i++)
        {
            await Task.Delay(100);
            after = int.Parse(Held(await city.GetAsync(url)), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(before + 1, after);

        // HybridCache dates a tag's invalidation by the (standing) test clock: figures computed at that same instant
        // would count as invalidated too. Time moves on, as it does outside tests.
        fixture.Factory.Clock.Advance(TimeSpan.FromSeconds(1));
    }
}
