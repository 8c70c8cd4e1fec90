using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>The holiday calendar administrators keep, and the working-day due dates counted on it.</summary>
public sealed class CalendarPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private async Task<HttpResponseMessage> UploadAsync(string csv, string fileName = "holidays.csv")
    {
        var admin = await fixture.SessionAsync("admin");
        var page = await admin.GetAsync("/Admin/Calendar");
        var token = page.QuerySelector("#calendar-import-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        return await admin.Client.PostAsync("/Admin/Calendar?handler=Import", content);
    }

    [Fact]
    public async Task A_file_with_one_bad_line_saves_nothing_and_names_the_line_then_the_fixed_file_moves_due_dates()
    {
        var bad = "date,kind,name\n2026-11-23,Holiday,测试假期\n2026-11-24,休,测试假期\n2026-11-25,holiday,测试假期\n2026-11-27,班,周五不能调休\n2026-11-28,WorkingDay,调休上班\n";
        using (var refused = await UploadAsync(bad))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var errors = (await PageSession.ReadAsync(refused)).QuerySelector("#import-errors")!.TextContent;
            Assert.Contains("holidays.csv 第 5 行，列“kind”", errors, StringComparison.Ordinal);
            Assert.DoesNotContain("第 2 行", errors, StringComparison.Ordinal);
        }

        await using (var db = fixture.Db())
        {
            Assert.False(await db.CalendarDays.AnyAsync(d => d.Name == "测试假期"));
        }

        var good = bad.Replace("2026-11-27,班,周五不能调休\n", string.Empty, StringComparison.Ordinal);
        using (var accepted = await UploadAsync(good))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        // Importing the same file again changes nothing (upsert by date).
        using (var again = await UploadAsync(good))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            Assert.Equal(4, await db.CalendarDays.CountAsync(d => d.Date >= new DateOnly(2026, 11, 23) && d.Date <= new DateOnly(2026, 11, 28)));
        }

        // Friday 2026-11-20 + 7 working days, with Mon–Wed off and Saturday the 28th worked: Thursday 2026-12-03.
        long id;
        await using (var db = fixture.Db())
        {
            var actor = new Actor(null, "联络员");
            var r = CitizenRequest.Register("2026-NG-880001", "CALENDARTEST0001", fixture.Data.RongshiStationId, null, RequestChannel.WalkIn, fixture.Data.HeatingCategoryId, "测试", CitizenContact.Anonymous, actor, FixedClock.Default);
            r.AssignDeputies([fixture.Data.RongshiDeputyIds[0]], null, actor, FixedClock.Default);
            db.CitizenRequests.Add(r);
            await db.SaveChangesAsync();
            id = r.Id;
        }

        var clerk = await fixture.SessionAsync("clerk");
        var refer = await clerk.GetAsync($"/Requests/Act/{id}/Refer");
        Assert.Equal("2026-12-03", refer.QuerySelector("input[name='Input.DueOn']")!.GetAttribute("value"));
        var year = await (await fixture.SessionAsync("admin")).GetAsync("/Admin/Calendar?year=2026");
        Assert.Contains("调休上班", year.QuerySelector("#calendar-days")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_day_is_added_changed_and_removed_and_a_weekday_cannot_be_a_make_up_day()
    {
        var admin = await fixture.SessionAsync("admin");
        var page = await admin.GetAsync("/Admin/Calendar?year=2027");

        using (var weekday = await admin.SubmitAsync(page, "#calendar-day-form", new Dictionary<string, string?> { ["Input.Date"] = "2027-02-10", ["Input.Kind"] = "WorkingDay", ["Input.Name"] = "错" }, pageUrl: "/Admin/Calendar?handler=Save"))
        {
            Assert.Equal(HttpStatusCode.OK, weekday.StatusCode);
            Assert.Contains("星期六或星期日", (await PageSession.ReadAsync(weekday)).QuerySelector("[data-valmsg-for='Input.Kind']")!.TextContent, StringComparison.Ordinal);
        }

        using (var saved = await admin.SubmitAsync(page, "#calendar-day-form", new Dictionary<string, string?> { ["Input.Date"] = "2027-02-10", ["Input.Kind"] = "Holiday", ["Input.Name"] = "春节" }, pageUrl: "/Admin/Calendar?handler=Save"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var list = await admin.GetAsync("/Admin/Calendar?year=2027");
        Assert.Contains("春节", list.QuerySelector("#calendar-days")!.TextContent, StringComparison.Ordinal);
        using (var deleted = await admin.SubmitAsync(list, "#calendar-days form", pageUrl: "/Admin/Calendar"))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        await using var db = fixture.Db();
        Assert.False(await db.CalendarDays.AnyAsync(d => d.Date == new DateOnly(2027, 2, 10)));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "CalendarDay.Deleted"));
    }

    [Fact]
    public async Task Garbage_files_are_refused_with_a_message()
    {
        using var binary = await UploadAsync("\u0000\u0001PK\u0003garbage", "holidays.xlsx");
        using var noHeader = await UploadAsync("2026-10-01,Holiday,国庆\n");

        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Assert.NotNull((await PageSession.ReadAsync(binary)).QuerySelector("#import-errors"));
        Assert.Contains("缺少列", (await PageSession.ReadAsync(noHeader)).QuerySelector("#import-errors")!.TextContent, StringComparison.Ordinal);
    }
}
