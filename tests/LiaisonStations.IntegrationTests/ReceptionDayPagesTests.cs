using System.Globalization;
using System.Net;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Common;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>Reception days through the pages: plan, record as held, cancel, the month calendar, and the station's two registers.</summary>
public sealed class ReceptionDayPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<int> PlanAsync(string date, string type = "Reception", string? theme = null)
    {
        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync("/ReceptionDays/Plan");
        using var response = await clerk.SubmitAsync(form, "#plan-form", new Dictionary<string, string?>
        {
            ["Input.Date"] = date,
            ["Input.Type"] = type,
            ["Input.Theme"] = theme,
            ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]),
            // These tests plan days already past or several on one date on purpose; the warnings have their own test.
            ["Confirmed"] = "true",
        }, pageUrl: "/ReceptionDays/Plan");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await PageSession.ReadAsync(response)).QuerySelector(".alert-danger,.invalid-feedback:not(:empty)")?.TextContent);
        return int.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Plan_hold_and_see_it_on_the_calendar_and_in_the_activity_book()
    {
        var id = await PlanAsync("2026-11-18", "ThemedReception", "冬季供暖专题接待");
        var clerk = await fixture.SessionAsync("clerk");

        var calendar = await clerk.GetAsync("/ReceptionDays?month=2026-11");
        Assert.Contains("主题接待", calendar.QuerySelector("#month-calendar td[data-date='2026-11-18']")!.TextContent, StringComparison.Ordinal);

        var holdForm = await clerk.GetAsync($"/ReceptionDays/Hold/{id}");
        Assert.True(((AngleSharp.Html.Dom.IHtmlInputElement)holdForm.QuerySelector($"#deputy-{fixture.Data.RongshiDeputyIds[0]}")!).IsChecked);
        using (var held = await clerk.SubmitAsync(holdForm, "#hold-form", new Dictionary<string, string?>
        {
            ["Input.CitizensReceived"] = "12",
            ["Input.Minutes"] = "接待群众12人，收集意见5条",
            ["Input.Officials[0].Name"] = "张主任",
            ["Input.Officials[0].DepartmentId"] = Id(fixture.Data.HeatingDepartmentId),
            ["Input.Officials[0].Title"] = "副主任",
        }, pageUrl: $"/ReceptionDays/Hold/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, held.StatusCode);
        }

        await using var db = fixture.Db();
        var day = await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal(ReceptionDayStatus.Held, day.Status);
        Assert.Equal(12, day.CitizensReceived);
        Assert.Equal(1, day.DeputiesAttended);
        Assert.Equal("张主任", day.Officials.Single().Name);

        var book = await clerk.GetAsync("/Registers?book=activity&from=2026-11-01&to=2026-11-30");
        var line = book.QuerySelectorAll("#activity-book tbody tr").Single(tr => tr.TextContent.Contains("冬季供暖专题接待", StringComparison.Ordinal));
        Assert.Contains("市供热办公室 副主任 张主任", line.TextContent, StringComparison.Ordinal);
        Assert.Contains("12", line.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_day_that_has_not_come_cannot_be_recorded_as_held()
    {
        var id = await PlanAsync("2026-11-25");
        var clerk = await fixture.SessionAsync("clerk");
        Assert.Null((await clerk.GetAsync($"/ReceptionDays/Details/{id}")).QuerySelector("#record-held"));

        var form = await clerk.GetAsync($"/ReceptionDays/Hold/{id}");
        using var response = await clerk.SubmitAsync(form, "#hold-form", new Dictionary<string, string?> { ["Input.CitizensReceived"] = "9" }, pageUrl: $"/ReceptionDays/Hold/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2026-11-25 还没有到，不能记录为已开展", (await PageSession.ReadAsync(response)).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.Db();
        Assert.Equal(ReceptionDayStatus.Planned, (await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == id)).Status);
    }

    [Fact]
    public async Task Planning_a_date_already_past_or_a_second_activity_at_the_same_time_asks_the_clerk_first()
    {
        var clerk = await fixture.SessionAsync("clerk");
        async Task<HttpResponseMessage> PlanAsync(string date, string start, bool confirmed)
        {
            var form = await clerk.GetAsync("/ReceptionDays/Plan");
            return await clerk.SubmitAsync(form, "#plan-form", new Dictionary<string, string?>
            {
                ["Input.Date"] = date,
                ["Input.StartsAt"] = start,
                ["Input.EndsAt"] = null,
                ["Input.Type"] = "Reception",
                ["Confirmed"] = confirmed ? "true" : null,
            }, pageUrl: "/ReceptionDays/Plan");
        }

        await using var db = fixture.Db();
        var before = await db.ReceptionDays.CountAsync();
        using (var past = await PlanAsync("2026-11-05", "09:00", confirmed: false))
        {
            Assert.Equal(HttpStatusCode.OK, past.StatusCode);
            Assert.Contains("计划日期 2026-11-05 已经过去", (await PageSession.ReadAsync(past)).QuerySelector("#plan-warnings")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(before, await db.ReceptionDays.CountAsync());
        }

        using (var confirmed = await PlanAsync("2026-11-05", "09:00", confirmed: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        using (var twice = await PlanAsync("2026-12-07", "09:00", confirmed: false))
        {
            Assert.Equal(HttpStatusCode.Redirect, twice.StatusCode);
        }

        using (var clash = await PlanAsync("2026-12-07", "09:30", confirmed: false))
        {
            Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
            Assert.Contains("该联络站 2026-12-07 09:00 已有一项活动（接待日，计划）", (await PageSession.ReadAsync(clash)).QuerySelector("#plan-warnings")!.TextContent, StringComparison.Ordinal);
        }

        using (var afternoon = await PlanAsync("2026-12-07", "14:00", confirmed: false))
        {
            Assert.Equal(HttpStatusCode.Redirect, afternoon.StatusCode);
        }

        Assert.Equal(before + 3, await db.ReceptionDays.CountAsync());
    }

    [Fact]
    public async Task A_planned_day_is_cancelled_with_a_reason_and_cannot_then_be_held()
    {
        var id = await PlanAsync("2026-11-27");
        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync($"/ReceptionDays/Cancel/{id}");

        using (var empty = await clerk.SubmitAsync(form, "#cancel-form", new Dictionary<string, string?> { ["Input.Reason"] = "" }, pageUrl: $"/ReceptionDays/Cancel/{id}"))
        {
            Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
            Assert.Contains("请填写“取消原因”", (await PageSession.ReadAsync(empty)).QuerySelector("[data-valmsg-for='Input.Reason']")!.TextContent, StringComparison.Ordinal);
        }

        using (var cancelled = await clerk.SubmitAsync(form, "#cancel-form", new Dictionary<string, string?> { ["Input.Reason"] = "暴雪停课" }, pageUrl: $"/ReceptionDays/Cancel/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }

        var details = await clerk.GetAsync($"/ReceptionDays/Details/{id}");
        Assert.Null(details.QuerySelector("#record-held"));
        Assert.Null(details.QuerySelector("#register-during-day"));
        var token = await clerk.AntiforgeryTokenAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.CitizensReceived"] = "3" });
        using var hold = await clerk.Client.PostAsync($"/ReceptionDays/Hold/{id}", content);
        Assert.Equal(HttpStatusCode.OK, hold.StatusCode);
        Assert.Contains("已取消", (await PageSession.ReadAsync(hold)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.Db();
        Assert.Equal(ReceptionDayStatus.Cancelled, (await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == id)).Status);
    }

    [Fact]
    public async Task Another_station_s_clerk_gets_404_for_every_page_of_a_day_and_city_staff_may_only_read()
    {
        var id = await PlanAsync("2026-11-30");
        var clerk2 = await fixture.SessionAsync("clerk2");
        var city = await fixture.SessionAsync("city");

        foreach (var url in new[] { $"/ReceptionDays/Details/{id}", $"/ReceptionDays/Plan/{id}", $"/ReceptionDays/Hold/{id}", $"/ReceptionDays/Cancel/{id}", $"/Requests/Register?day={id}" })
        {
            using var response = await clerk2.Client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, url);
        }

        var calendar = await clerk2.GetAsync("/ReceptionDays?month=2026-11&station=" + fixture.Data.RongshiStationId);
        Assert.DoesNotContain(calendar.QuerySelectorAll("#reception-days-table tbody a"), a => a.GetAttribute("href") == $"/ReceptionDays/Details/{id}");

        using var cityHold = await city.Client.GetAsync($"/ReceptionDays/Hold/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, cityHold.StatusCode);
        var cityView = await city.GetAsync($"/ReceptionDays/Details/{id}");
        Assert.Null(cityView.QuerySelector("#record-held"));
    }

    [Fact]
    public async Task A_stale_hold_form_is_refused_with_a_message()
    {
        var id = await PlanAsync("2026-11-17");
        var clerk = await fixture.SessionAsync("clerk");
        var district = await fixture.SessionAsync("district");
        var stale = await district.GetAsync($"/ReceptionDays/Hold/{id}");
        var fresh = await clerk.GetAsync($"/ReceptionDays/Hold/{id}");
        using (var first = await clerk.SubmitAsync(fresh, "#hold-form", new Dictionary<string, string?> { ["Input.CitizensReceived"] = "8" }, pageUrl: $"/ReceptionDays/Hold/{id}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await district.SubmitAsync(stale, "#hold-form", new Dictionary<string, string?> { ["Input.CitizensReceived"] = "80" }, pageUrl: $"/ReceptionDays/Hold/{id}");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("已被他人修改", (await PageSession.ReadAsync(second)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        await using var db = fixture.Db();
        Assert.Equal(8, (await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == id)).CitizensReceived);
    }

    [Fact]
    public async Task The_reception_register_lists_requests_in_the_period_with_contact_clear_for_the_clerk_and_masked_for_the_city()
    {
        await using (var db = fixture.Db())
        {
            var r = CitizenRequest.Register("2026-NG-777001", "REGISTERTEST0001", fixture.Data.RongshiStationId, null, RequestChannel.Phone, fixture.Data.HeatingCategoryId,
                "登记簿测试：暖气不热", new CitizenContact("王阿姨", "13611112222", "荣市街道1号", true, false), new Actor(null, "联络员"), FixedClock.Default);
            db.CitizenRequests.Add(r);
            await db.SaveChangesAsync();
        }

        var clerk = await fixture.SessionAsync("clerk");
        var city = await fixture.SessionAsync("city");
        var clerkBook = await clerk.GetAsync("/Registers?from=2026-11-01&to=2026-11-30");
        var cityBook = await city.GetAsync($"/Registers?station={fixture.Data.RongshiStationId}&from=2026-11-01&to=2026-11-30");

        var clerkLine = clerkBook.QuerySelectorAll("#reception-register tbody tr").Single(tr => tr.TextContent.Contains("2026-NG-777001", StringComparison.Ordinal));
        Assert.Contains("13611112222", clerkLine.TextContent, StringComparison.Ordinal);
        var cityLine = cityBook.QuerySelectorAll("#reception-register tbody tr").Single(tr => tr.TextContent.Contains("2026-NG-777001", StringComparison.Ordinal));
        Assert.Contains("136****2222", cityLine.TextContent, StringComparison.Ordinal);

        using var xlsx = await clerk.Client.GetAsync("/Registers?handler=Export&book=reception&from=2026-11-01&to=2026-11-30");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var text = RequestPagesTests.XlsxText(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains("2026-NG-777001", text, StringComparison.Ordinal);
        Assert.Contains("接待人民群众登记簿", text, StringComparison.Ordinal);

        using var foreign = await (await fixture.SessionAsync("clerk2")).Client.GetAsync($"/Registers?station={fixture.Data.RongshiStationId}");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
    }

    [Theory]
    [InlineData("/ReceptionDays?month=abcd&station=-4&district=%3Cx%3E")]
    [InlineData("/ReceptionDays?month=9999-99")]
    [InlineData("/Registers?from=2030-01-01&to=1990-01-01&book=%27")]
    public async Task Malformed_parameters_never_fail(string url)
    {
        using var response = await (await fixture.SessionAsync("admin")).Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Planned_days_are_generated_from_the_schedule_and_running_it_again_adds_no_duplicates()
    {
        await using (var db = fixture.Db())
        {
            var station = await db.Stations.SingleAsync(s => s.Id == fixture.Data.ShuitanPointId);
            station.SetSchedule(Domain.Stations.ReceptionSchedule.MonthlyOn(15), FixedClock.Default);
            await db.SaveChangesAsync();
        }

        var district = await fixture.SessionAsync("district");
        async Task GenerateAsync()
        {
            var page = await district.GetAsync($"/Stations/Details/{fixture.Data.ShuitanPointId}");
            using var response = await district.SubmitAsync(page, "#generate-days-form", new Dictionary<string, string?> { ["months"] = "3" }, pageUrl: $"/Stations/Details/{fixture.Data.ShuitanPointId}?handler=GenerateDays");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await GenerateAsync();
        await GenerateAsync();

        await using var check = fixture.Db();
        var dates = await check.ReceptionDays.AsNoTracking().Where(d => d.StationId == fixture.Data.ShuitanPointId && d.FromSchedule).Select(d => d.Date).OrderBy(d => d).ToListAsync();
        Assert.Equal([new DateOnly(2026, 12, 15), new DateOnly(2027, 1, 15), new DateOnly(2027, 2, 15)], dates);
        var details = await district.GetAsync($"/Stations/Details/{fixture.Data.ShuitanPointId}");
        Assert.Contains("已生成 0 个", details.QuerySelector(".alert-success")?.TextContent ?? details.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_eight_standards_are_recorded_with_notes_and_dates()
    {
        var district = await fixture.SessionAsync("district");
        var page = await district.GetAsync($"/Stations/Standards/{fixture.Data.RongshiStationId}");
        using var response = await district.SubmitAsync(page, "#standards-form", new Dictionary<string, string?>
        {
            ["Input[0].Met"] = "true",
            ["Input[0].Note"] = "独立接待室 60 平方米",
            ["Input[0].CheckedOn"] = "2026-11-18",
            ["Input[1].Met"] = "true",
        }, pageUrl: $"/Stations/Standards/{fixture.Data.RongshiStationId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = fixture.Db();
        var station = await db.Stations.AsNoTracking().SingleAsync(s => s.Id == fixture.Data.RongshiStationId);
        var venue = station.Standards.Single(s => s.Standard == Domain.Stations.EightStandard.Venue);
        Assert.True(venue.Met);
        Assert.Equal("独立接待室 60 平方米", venue.Note);
        Assert.Equal(new DateOnly(2026, 11, 18), venue.CheckedOn);
        Assert.Equal(8, station.Standards.Count);
        using var clerkTry = await (await fixture.SessionAsync("clerk")).Client.GetAsync($"/Stations/Standards/{fixture.Data.RongshiStationId}");
        Assert.Equal(HttpStatusCode.NotFound, clerkTry.StatusCode);
    }

    [Fact]
    public async Task A_legislative_consultation_collects_opinions_in_its_period_then_submits_a_summary()
    {
        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync("/Consultations/Create");
        using var created = await clerk.SubmitAsync(form, "#consultation-form", new Dictionary<string, string?>
        {
            ["Input.DraftTitle"] = "《哈尔滨市物业管理条例（修订草案）》",
            ["Input.OpensOn"] = "2026-11-01",
            ["Input.ClosesOn"] = "2026-11-30",
        }, pageUrl: "/Consultations/Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;

        var details = await clerk.GetAsync(url);
        using (var outside = await clerk.SubmitAsync(details, "#opinion-form", new Dictionary<string, string?> { ["Text"] = "建议明确维修基金使用程序", ["ReceivedOn"] = "2026-12-05" }, pageUrl: url + "?handler=Opinion"))
        {
            Assert.Contains("2026-12-05", (await PageSession.ReadAsync(outside)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        }

        using (var added = await clerk.SubmitAsync(details, "#opinion-form", new Dictionary<string, string?> { ["Text"] = "建议明确维修基金使用程序", ["FromWhom"] = "居民王某", ["ReceivedOn"] = "2026-11-18" }, pageUrl: url + "?handler=Opinion"))
        {
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }

        details = await clerk.GetAsync(url);
        Assert.Contains("居民王某", details.QuerySelector("#opinions")!.TextContent, StringComparison.Ordinal);
        using (var closed = await clerk.SubmitAsync(details, "form[action*='handler=Close']", pageUrl: url + "?handler=Close"))
        {
            Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);
        }

        details = await clerk.GetAsync(url);
        using (var summary = await clerk.SubmitAsync(details, "#summary-form", new Dictionary<string, string?> { ["Summary"] = "共收集意见1条，主要涉及维修基金。" }, pageUrl: url + "?handler=Summary"))
        {
            Assert.Equal(HttpStatusCode.Redirect, summary.StatusCode);
        }

        details = await clerk.GetAsync(url);
        Assert.Equal("已报送", details.QuerySelector("#consultation-status")!.TextContent.Trim());
        using var other = await (await fixture.SessionAsync("clerk2")).Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
