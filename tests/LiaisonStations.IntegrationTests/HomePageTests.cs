using System.Net;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;

namespace LiaisonStations.IntegrationTests;

public sealed class HomePageTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_home_page_shows_counts_from_the_database_in_chinese()
    {
        await using (var db = fixture.Db())
        {
            var now = FixedClock.Default;
            var held = ReceptionDay.Plan(fixture.Data.RongshiStationId, new DateOnly(2026, 11, 15), ReceptionDayType.Reception, null, null, null, [], now);
            held.RecordHeld(fixture.Data.RongshiDeputyIds, [], 8, null, now);
            var lastYear = ReceptionDay.Plan(fixture.Data.RongshiStationId, new DateOnly(2025, 11, 15), ReceptionDayType.Reception, null, null, null, [], now);
            lastYear.RecordHeld([], [], 3, null, now);
            var survey = ReceptionDay.Plan(fixture.Data.RongshiStationId, new DateOnly(2026, 10, 1), ReceptionDayType.Survey, null, null, null, [], now);
            survey.RecordHeld([], [], 3, null, now);
            db.ReceptionDays.AddRange(held, lastYear, survey);
            var open = CitizenRequest.Register("2026-NG-000001", "ABCDEFGHJKMNPQRS", fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId, "暖气不热", CitizenContact.Anonymous, Actor.System, now);
            var done = CitizenRequest.Register("2026-NG-000002", "ABCDEFGHJKMNPQRT", fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId, "路灯", CitizenContact.Anonymous, Actor.System, now);
            done.Withdraw("撤回", Actor.System, now);
            db.CitizenRequests.AddRange(open, done);
            await db.SaveChangesAsync();
        }

        var page = await (await fixture.SignedInAsync("admin")).GetAsync("/");

        Assert.Equal("zh-CN", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("全市代表联络站概况", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("[data-count=stations]")!.TextContent.Trim());
        Assert.Equal("6", page.QuerySelector("[data-count=deputies]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("[data-count=reception-days]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("[data-count=open-requests]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Switching_to_english_is_remembered_across_pages()
    {
        var session = await fixture.SignedInAsync("city");
        var home = await session.GetAsync("/");

        using var response = await session.SubmitAsync(home, "form[action='/Language']", submitName: "culture", submitValue: "en", pageUrl: "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stations = await session.GetAsync("/Stations");
        Assert.Equal("en", stations.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Liaison stations", stations.QuerySelector("h1")!.TextContent.Trim());
        var back = await session.GetAsync("/");
        Assert.Equal("Liaison stations at a glance", back.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task Chinese_text_is_sent_as_utf8_not_as_entities()
    {
        var session = await fixture.SignedInAsync("admin");

        var html = await session.Client.GetStringAsync("/");

        Assert.Contains("人大代表联络站工作平台", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x4EBA;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Categories_have_an_english_name_that_the_administrator_edits_and_the_english_interface_shows()
    {
        var admin = await fixture.SignedInAsync("admin");
        var page = await admin.GetAsync("/Admin/Categories");
        var id = fixture.Data.HeatingCategoryId;
        Assert.NotNull(page.QuerySelector($"#category-{id}"));

        // Without a name: a message, nothing saved.
        using (var empty = await admin.SubmitAsync(page, $"#category-{id}", new Dictionary<string, string?> { ["Input.Name"] = " ", ["Input.EnglishName"] = "x" }, pageUrl: "/Admin/Categories"))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        }

        using (var saved = await admin.SubmitAsync(page, $"#category-{id}", new Dictionary<string, string?> { ["Input.Name"] = "供暖供水", ["Input.EnglishName"] = "Heating and water supply" }, pageUrl: "/Admin/Categories"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var added = await admin.SubmitAsync(page, "#category-new", new Dictionary<string, string?> { ["Input.Name"] = "噪声扰民", ["Input.EnglishName"] = "Noise" }, pageUrl: "/Admin/Categories"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        var english = await admin.GetAsync("/Requests?culture=en&ui-culture=en");
        var options = english.QuerySelectorAll("select[name='category'] option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains("Heating and water supply", options);
        Assert.Contains("Noise", options);
        var chinese = await admin.GetAsync("/Requests?culture=zh-CN&ui-culture=zh-CN");
        Assert.Contains("供暖供水", chinese.QuerySelectorAll("select[name='category'] option").Select(o => o.TextContent.Trim()));
        await (await fixture.SignedInAsync("city")).GetAsync("/Admin/Categories", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_site_has_a_favicon_for_anyone()
    {
        using var response = await fixture.NewSession().Client.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, bytes[..4]);
    }
}
