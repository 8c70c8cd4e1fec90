using System.Net;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>The pattern slice: list, details, create, edit (with conflicts), close, all through real forms.</summary>
public sealed class StationPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string?> ValidForm(string code, int areaId, string district = "230103") => new()
    {
        ["Input.Code"] = code,
        ["Input.Name"] = "南岗区和兴路街道代表联络站",
        ["Input.Kind"] = "Station",
        ["Input.HostType"] = "Community",
        ["Input.DistrictCode"] = district,
        ["Input.AreaId"] = areaId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Address"] = "和兴路8号",
        ["Input.ContactPhone"] = "0451-86661234",
        ["Input.OpenedOn"] = "2021-06-01",
        ["Input.ScheduleKind"] = "MonthlyNthWeekday",
        ["Input.ScheduleNth"] = "1",
        ["Input.ScheduleWeekday"] = "Wednesday",
    };

    [Fact]
    public async Task The_list_filters_by_district_kind_and_search()
    {
        var session = await fixture.SignedInAsync("admin");

        var all = await session.GetAsync("/Stations");
        var nangang = await session.GetAsync("/Stations?district=230103");
        var points = await session.GetAsync("/Stations?kind=Point");
        var search = await session.GetAsync("/Stations?q=南马路");

        Assert.True(all.QuerySelectorAll("#stations-table tbody tr").Length >= 3);
        var nangangDistricts = nangang.QuerySelectorAll("#stations-table tbody tr td:nth-child(5)").Select(td => td.TextContent.Trim()).ToList();
        Assert.NotEmpty(nangangDistricts);
        Assert.All(nangangDistricts, d => Assert.Equal("南岗区", d));
        Assert.Contains(nangang.QuerySelectorAll("#stations-table tbody tr td:nth-child(2)"), td => td.TextContent.Contains("荣市", StringComparison.Ordinal));
        Assert.Single(points.QuerySelectorAll("#stations-table tbody tr"));
        Assert.Contains("南马路", search.QuerySelector("#stations-table tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Stations?kind=Nonsense&page=-5")]
    [InlineData("/Stations?district=%3Cscript%3E&q=%25%25_%27%22&sort=drop%20table&desc=maybe")]
    [InlineData("/Stations?page=999999")]
    public async Task Malformed_filters_never_fail(string url)
    {
        var session = await fixture.SignedInAsync("admin");

        using var response = await session.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_valid_station_is_created_and_the_browser_is_redirected_to_it()
    {
        var session = await fixture.SignedInAsync("admin");
        var form = await session.GetAsync("/Stations/Create?district=230103");

        using var response = await session.SubmitAsync(form, "main form", ValidForm("ST-HX", fixture.Data.HexingStreetId), pageUrl: "/Stations/Create");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = fixture.Db();
        var saved = await db.Stations.SingleAsync(s => s.Code == "ST-HX");
        Assert.Equal($"/Stations/Details/{saved.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal(ScheduleKind.MonthlyNthWeekday, saved.ScheduleKind);
        Assert.Equal(DayOfWeek.Wednesday, saved.ScheduleWeekday);
        var details = await session.GetAsync(response.Headers.Location.OriginalString);
        Assert.Contains("已创建联络站", details.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("每月第一个星期三", details.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_form_shows_chinese_field_errors_and_saves_nothing()
    {
        var session = await fixture.SignedInAsync("admin");
        await using var db = fixture.Db();
        var before = await db.Stations.CountAsync();
        var form = await session.GetAsync("/Stations/Create");
        var values = ValidForm("bad code!", fixture.Data.HexingStreetId);
        values["Input.Name"] = "";
        values["Input.OpenedOn"] = "not-a-date";
        values["Input.ContactPhone"] = "call me";
        values["Input.ScheduleKind"] = "MonthlyOnDay";
        values["Input.ScheduleDayOfMonth"] = "45";

        using var response = await session.SubmitAsync(form, "main form", values, pageUrl: "/Stations/Create");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageSession.ReadAsync(response);
        string Error(string field) => page.QuerySelector($"[data-valmsg-for='Input.{field}']")!.TextContent;
        Assert.Equal("请填写“名称”。", Error("Name"));
        Assert.Equal("编码只能包含字母、数字、短横线和下划线。", Error("Code"));
        Assert.Contains("建站日期", Error("OpenedOn"), StringComparison.Ordinal);
        Assert.Equal("请填写手机号（11 位）或带区号的固定电话（如 0451-5550000）。", Error("ContactPhone"));
        Assert.Contains("1", Error("ScheduleDayOfMonth"), StringComparison.Ordinal);
        Assert.Equal("bad code!", page.QuerySelector("#Input_Code")!.GetAttribute("value"));
        Assert.Equal(before, await db.Stations.CountAsync());
    }

    [Fact]
    public async Task A_station_in_a_community_is_refused_on_the_area_field()
    {
        var session = await fixture.SignedInAsync("admin");
        var form = await session.GetAsync("/Stations/Create");

        using var response = await session.SubmitAsync(form, "main form", ValidForm("ST-BAD", fixture.Data.ShuitanCommunityId), pageUrl: "/Stations/Create");

        var page = await PageSession.ReadAsync(response);
        Assert.Contains("联络站应选择街道", page.QuerySelector("[data-valmsg-for='Input.AreaId']")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.Db();
        Assert.False(await db.Stations.AnyAsync(s => s.Code == "ST-BAD"));
    }

    [Fact]
    public async Task A_code_already_in_use_is_refused()
    {
        var session = await fixture.SignedInAsync("admin");
        var form = await session.GetAsync("/Stations/Create");

        using var response = await session.SubmitAsync(form, "main form", ValidForm("ST-RS", fixture.Data.HexingStreetId), pageUrl: "/Stations/Create");

        var page = await PageSession.ReadAsync(response);
        Assert.Equal("编码 ST-RS 已被其他联络站使用。", page.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent);
    }

    [Fact]
    public async Task A_stale_edit_gets_a_conflict_message_and_neither_persons_data_is_lost()
    {
        int id;
        await using (var db = fixture.Db())
        {
            var area = await db.Areas.SingleAsync(a => a.Id == fixture.Data.HexingStreetId);
            var station = Station.Create("ST-EDIT", "编辑测试联络站", StationKind.Station, HostType.Community, area, null, new DateOnly(2020, 1, 1), false, FixedClock.Default);
            db.Stations.Add(station);
            await db.SaveChangesAsync();
            id = station.Id;
        }

        var alice = await fixture.SignedInAsync("admin");
        var bob = await fixture.SignedInAsync("city");
        var aliceForm = await alice.GetAsync($"/Stations/Edit/{id}");
        var bobForm = await bob.GetAsync($"/Stations/Edit/{id}");

        using (var bobSave = await bob.SubmitAsync(bobForm, "main form", new Dictionary<string, string?> { ["Input.Name"] = "鲍勃改的名称", ["Input.Address"] = "鲍勃的地址" }, pageUrl: $"/Stations/Edit/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, bobSave.StatusCode);
        }

        using var aliceSave = await alice.SubmitAsync(aliceForm, "main form", new Dictionary<string, string?> { ["Input.Name"] = "爱丽丝改的名称" }, pageUrl: $"/Stations/Edit/{id}");

        Assert.Equal(HttpStatusCode.OK, aliceSave.StatusCode);
        var page = await PageSession.ReadAsync(aliceSave);
        Assert.Contains("其他人已修改并保存了该联络站", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("对方保存的值：鲍勃改的名称", page.QuerySelector("[data-valmsg-for='Input.Name']")!.TextContent);
        Assert.Equal("对方保存的值：鲍勃的地址", page.QuerySelector("[data-valmsg-for='Input.Address']")!.TextContent);
        Assert.Equal("爱丽丝改的名称", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        await using (var db = fixture.Db())
        {
            Assert.Equal("鲍勃改的名称", (await db.Stations.SingleAsync(s => s.Id == id)).Name);
        }

        // Having seen Bob's values, Alice saves deliberately: now hers wins.
        using var again = await alice.SubmitAsync(page, "main form", pageUrl: $"/Stations/Edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await using (var db = fixture.Db())
        {
            Assert.Equal("爱丽丝改的名称", (await db.Stations.SingleAsync(s => s.Id == id)).Name);
        }
    }

    [Fact]
    public async Task Closing_needs_a_reason_then_closes_and_reopens()
    {
        int id;
        await using (var db = fixture.Db())
        {
            var area = await db.Areas.SingleAsync(a => a.Id == fixture.Data.HexingStreetId);
            var station = Station.Create("ST-CLOSE", "撤销测试联络站", StationKind.Station, HostType.Community, area, null, new DateOnly(2020, 1, 1), false, FixedClock.Default);
            db.Stations.Add(station);
            await db.SaveChangesAsync();
            id = station.Id;
        }

        var session = await fixture.SignedInAsync("admin");
        var form = await session.GetAsync($"/Stations/Close/{id}");
        using (var refused = await session.SubmitAsync(form, "main form", new Dictionary<string, string?> { ["Input.Reason"] = "" }, pageUrl: $"/Stations/Close/{id}"))
        {
            var page = await PageSession.ReadAsync(refused);
            Assert.Equal("请填写“撤销原因”。", page.QuerySelector("[data-valmsg-for='Input.Reason']")!.TextContent);
        }

        using (var closed = await session.SubmitAsync(form, "main form", new Dictionary<string, string?> { ["Input.Reason"] = "街道合并" }, pageUrl: $"/Stations/Close/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            var s = await db.Stations.SingleAsync(x => x.Id == id);
            Assert.Equal(StationStatus.Closed, s.Status);
            Assert.Equal("街道合并", s.ClosedReason);
        }

        var details = await session.GetAsync($"/Stations/Details/{id}");
        using (var reopened = await session.SubmitAsync(details, "form[action*='handler=Reopen']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            Assert.Equal(StationStatus.Active, (await db.Stations.SingleAsync(x => x.Id == id)).Status);
        }
    }

    [Fact]
    public async Task Unknown_ids_are_not_found_for_every_page_and_post()
    {
        var session = await fixture.SignedInAsync("admin");
        var form = await session.GetAsync($"/Stations/Edit/{fixture.Data.RongshiStationId}");

        await session.GetAsync("/Stations/Details/999999", HttpStatusCode.NotFound);
        await session.GetAsync("/Stations/Edit/999999", HttpStatusCode.NotFound);
        await session.GetAsync("/Stations/Close/999999", HttpStatusCode.NotFound);
        await session.GetAsync("/Stations/Details/abc", HttpStatusCode.NotFound);
        using var post = await session.SubmitAsync(form, "main form", pageUrl: "/Stations/Edit/999999");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var body = await PageSession.ReadAsync(post);
        Assert.Equal("页面或记录不存在", body.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var session = await fixture.SignedInAsync("admin");
        using var content = new FormUrlEncodedContent(ValidForm("ST-CSRF", fixture.Data.HexingStreetId));

        using var response = await session.Client.PostAsync("/Stations/Create", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = fixture.Db();
        Assert.False(await db.Stations.AnyAsync(s => s.Code == "ST-CSRF"));
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_typed_and_shown_encoded()
    {
        var session = await fixture.SignedInAsync("admin");
        var form = await session.GetAsync("/Stations/Create");
        var values = ValidForm("ST-XSS", fixture.Data.HexingStreetId);
        values["Input.Name"] = "<script>alert('x')</script>联络站";

        using var response = await session.SubmitAsync(form, "main form", values, pageUrl: "/Stations/Create");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var details = await session.Client.GetAsync(response.Headers.Location);
        var html = await details.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_area_list_of_a_district_is_served_for_the_form()
    {
        var session = await fixture.SignedInAsync("admin");

        var json = await session.Client.GetStringAsync("/Stations/Areas?district=230103");

        Assert.Contains("荣市街道", json, StringComparison.Ordinal);
        Assert.Contains("水滩社区", json, StringComparison.Ordinal);
        Assert.DoesNotContain("南马路街道", json, StringComparison.Ordinal);
    }
}
