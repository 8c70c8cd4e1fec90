using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace LiaisonStations.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class HomePageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_home_page_shows_the_heading_and_the_counts_of_the_database()
    {
        await using (var db = TestData.Context(fixture.ConnectionString))
        {
            if (!await db.CitizenRequests.AnyAsync(r => r.TrackingNumber == "2026-NG-000009"))
            {
                var day = ReceptionDay.Plan(fixture.Data.RongshiStationId, new DateOnly(2026, 11, 15), ReceptionDayType.Reception, null, null, null, [], FixedClock.Default);
                day.RecordHeld(fixture.Data.RongshiDeputyIds, [], 9, null, FixedClock.Default);
                db.ReceptionDays.Add(day);
                db.CitizenRequests.Add(CitizenRequest.Register("2026-NG-000009", "ABCDEFGHJKMNPQRS", fixture.Data.RongshiStationId, null, RequestChannel.Phone, fixture.Data.HeatingCategoryId, "暖气不热", CitizenContact.Anonymous, Actor.System, FixedClock.Default));
                await db.SaveChangesAsync();
            }
        }

        int stations, deputies, days, open;
        await using (var db = TestData.Context(fixture.ConnectionString))
        {
            stations = await db.Stations.CountAsync(s => s.Kind == Domain.Stations.StationKind.Station && s.Status == Domain.Stations.StationStatus.Active);
            deputies = await db.Deputies.CountAsync(d => d.Status == Domain.Deputies.DeputyStatus.Active);
            days = await db.ReceptionDays.CountAsync(r => r.Status == ReceptionDayStatus.Held && (r.Type == ReceptionDayType.Reception || r.Type == ReceptionDayType.ThemedReception) && r.Date.Year == 2026);
            var openStates = RequestWorkflow.Open.ToArray();
            open = await db.CitizenRequests.CountAsync(r => openStates.Contains(r.Status));
        }

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("全市代表联络站概况");
        await Assertions.Expect(page.Locator("[data-count=stations]")).ToHaveTextAsync(stations.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-count=deputies]")).ToHaveTextAsync(deputies.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-count=reception-days]")).ToHaveTextAsync(days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("[data-count=open-requests]")).ToHaveTextAsync(open.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(days > 0 && open > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "home.png"), FullPage = true });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_language_switch_shows_english_and_remembers_it()
    {
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync("/Stations");

        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Liaison stations");
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Liaison stations at a glance");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("全市代表联络站概况");
        await page.Context.CloseAsync();
    }
}
