using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The request lifecycle of DESIGN §3.1 through the real pages: registration, every step on the Act page,
/// steps the workflow or the role refuses (clear message or 403/404, nothing changes) and two people acting
/// on the same request at once.
/// </summary>
public sealed partial class RequestPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<long> RegisterAsync(string summary = "小区供暖温度不达标，室温只有十四度", bool consentToDisclose = false, string phone = "13812345678")
    {
        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync("/Requests/Register");
        using var response = await clerk.SubmitAsync(form, "#register-form", new Dictionary<string, string?>
        {
            ["Input.Summary"] = summary,
            ["Input.CategoryId"] = Id(fixture.Data.HeatingCategoryId),
            ["Input.Channel"] = "WalkIn",
            ["Input.CitizenName"] = "李大爷",
            ["Input.CitizenPhone"] = phone,
            ["Input.ConsentToContact"] = "true",
            ["Input.ConsentToDisclose"] = consentToDisclose ? "true" : "false",
        }, pageUrl: "/Requests/Register");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private static async Task<(HttpResponseMessage Response, IHtmlDocument Form)> ActAsync(PageSession session, long id, string step, Dictionary<string, string?> values)
    {
        var form = await session.GetAsync($"/Requests/Act/{id}/{step}");
        var response = await session.SubmitAsync(form, "#step-form", values, pageUrl: $"/Requests/Act/{id}/{step}");
        return (response, form);
    }

    private async Task<CitizenRequest> LoadAsync(long id)
    {
        await using var db = fixture.Db();
        return await db.CitizenRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task SucceedsAsync(PageSession session, long id, string step, Dictionary<string, string?> values, RequestStatus expected)
    {
        var (response, _) = await ActAsync(session, id, step, values);
        using (response)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{step}: {(int)response.StatusCode} {(await PageSession.ReadAsync(response)).QuerySelector(".alert-danger, .invalid-feedback")?.TextContent}");
            Assert.Equal($"/Requests/Details/{id}", response.Headers.Location!.OriginalString);
        }

        Assert.Equal(expected, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task A_clerk_corrects_the_category_and_the_timeline_says_from_what_to_what()
    {
        var id = await RegisterAsync("单元门禁坏了一周，外人随意进出");
        int other;
        await using (var db = fixture.Db())
        {
            other = await db.RequestCategories.Where(c => c.Id != fixture.Data.HeatingCategoryId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        var clerk = await fixture.SessionAsync("clerk");
        var details = await clerk.GetAsync($"/Requests/Details/{id}");
        Assert.NotNull(details.QuerySelector("#request-steps [data-step='ChangeCategory']"));

        // The same category again: refused under the field, nothing saved.
        var form = await clerk.GetAsync($"/Requests/Act/{id}/ChangeCategory");
        Assert.Null(form.QuerySelector($"#Input_CategoryId option[value='{Id(fixture.Data.HeatingCategoryId)}']"));
        var (same, _) = await ActAsync(clerk, id, "ChangeCategory", new() { ["Input.CategoryId"] = Id(fixture.Data.HeatingCategoryId) });
        using (same)
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
            Assert.Contains("请选择另一个类别", (await PageSession.ReadAsync(same)).QuerySelector("[data-valmsg-for='Input.CategoryId']")!.TextContent, StringComparison.Ordinal);
        }

        await SucceedsAsync(clerk, id, "ChangeCategory", new() { ["Input.CategoryId"] = Id(other), ["Input.Note"] = "应属公共设施" }, RequestStatus.Registered);
        var saved = await LoadAsync(id);
        Assert.Equal(other, saved.CategoryId);

        var timeline = (await clerk.GetAsync($"/Requests/Details/{id}")).QuerySelectorAll("table tbody tr").Last(r => r.TextContent.Contains("改类", StringComparison.Ordinal));
        Assert.Contains(" → ", timeline.QuerySelector(".timeline-subject")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("应属公共设施", timeline.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("from:", timeline.TextContent, StringComparison.Ordinal);

        // City staff supervise; they do not recategorise.
        var city = await fixture.SessionAsync("city");
        Assert.Null((await city.GetAsync($"/Requests/Details/{id}")).QuerySelector("#request-steps [data-step='ChangeCategory']"));
    }

    [Fact]
    public async Task A_request_registered_during_a_reception_day_links_to_it_and_gets_a_district_number()
    {
        int dayId;
        await using (var db = fixture.Db())
        {
            var day = ReceptionDay.Plan(fixture.Data.RongshiStationId, new DateOnly(2026, 11, 20), ReceptionDayType.Reception, null, null, null, [], FixedClock.Default);
            db.ReceptionDays.Add(day);
            await db.SaveChangesAsync();
            dayId = day.Id;
        }

        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync($"/Requests/Register?day={dayId}");
        Assert.Equal("Reception", form.QuerySelector("select[name='Input.Channel'] option[selected]")!.GetAttribute("value"));
        using var response = await clerk.SubmitAsync(form, "#register-form", new Dictionary<string, string?>
        {
            ["Input.Summary"] = "楼道灯坏了三个月没人修",
            ["Input.CategoryId"] = Id(fixture.Data.HeatingCategoryId),
        }, submitName: "next", submitValue: "1", pageUrl: "/Requests/Register");

        // "Save and next" comes back to an empty form for the same day.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains($"day={dayId}", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var check = fixture.Db();
        var saved = await check.CitizenRequests.AsNoTracking().SingleAsync(r => r.Summary == "楼道灯坏了三个月没人修");
        Assert.Equal(dayId, saved.ReceptionDayId);
        Assert.Equal(fixture.Data.RongshiStationId, saved.StationId);
        Assert.Equal(RequestChannel.Reception, saved.Channel);
        Assert.Matches("^2026-NG-\\d{6}$", saved.TrackingNumber);
        Assert.Matches("^[A-Z2-9]{12}$", saved.TrackingCode);
        var registered = Assert.Single(saved.Events);
        Assert.Equal(RequestAction.Registered, registered.Action);
        Assert.NotNull(registered.ActorUserId);
        var next = await clerk.GetAsync(response.Headers.Location.OriginalString);
        Assert.Contains(saved.TrackingNumber, next.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(string.Empty, next.QuerySelector("textarea[name='Input.Summary']")!.TextContent);
        var dayPage = await clerk.GetAsync($"/ReceptionDays/Details/{dayId}");
        Assert.Contains(saved.TrackingNumber, dayPage.QuerySelector("#day-requests")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_registration_input_shows_chinese_messages_and_saves_nothing()
    {
        var clerk = await fixture.SessionAsync("clerk");
        await using var db = fixture.Db();
        var before = await db.CitizenRequests.CountAsync();
        var form = await clerk.GetAsync("/Requests/Register");

        using var response = await clerk.SubmitAsync(form, "#register-form", new Dictionary<string, string?>
        {
            ["Input.Summary"] = "   ",
            ["Input.CategoryId"] = "abc",
            ["Input.Channel"] = "Telepathy",
            ["Input.CitizenPhone"] = "<script>alert(1)</script>",
        }, pageUrl: "/Requests/Register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageSession.ReadAsync(response);
        var errors = string.Join(" ", page.QuerySelectorAll(".invalid-feedback").Select(e => e.TextContent));
        Assert.Contains("请填写“诉求内容”", errors, StringComparison.Ordinal);
        Assert.Contains("请填写手机号（11 位）或带区号的固定电话", errors, StringComparison.Ordinal);
        Assert.Equal(before, await db.CitizenRequests.CountAsync());
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("86661234")]
    [InlineData("1381234567")]
    public async Task A_number_that_is_no_ones_phone_is_refused_at_registration(string phone)
    {
        var clerk = await fixture.SessionAsync("clerk");
        var form = await clerk.GetAsync("/Requests/Register");

        using var response = await clerk.SubmitAsync(form, "#register-form", new Dictionary<string, string?>
        {
            ["Input.Summary"] = "路灯不亮",
            ["Input.CategoryId"] = Id(fixture.Data.HeatingCategoryId),
            ["Input.Channel"] = "Phone",
            ["Input.CitizenPhone"] = phone,
            ["Input.ConsentToContact"] = "true",
        }, pageUrl: "/Requests/Register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageSession.ReadAsync(response);
        Assert.Contains("请填写手机号（11 位）或带区号的固定电话", page.QuerySelector("[data-valmsg-for='Input.CitizenPhone']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clerk_cannot_register_at_another_station_by_posting_its_id()
    {
        var clerk = await fixture.SessionAsync("clerk");
        await using var db = fixture.Db();
        var before = await db.CitizenRequests.CountAsync();
        var form = await clerk.GetAsync("/Requests/Register");

        using var response = await clerk.SubmitAsync(form, "#register-form", new Dictionary<string, string?>
        {
            ["Input.StationId"] = Id(fixture.Data.NanmaluStationId),
            ["Input.Summary"] = "冒名登记到别的站",
            ["Input.CategoryId"] = Id(fixture.Data.HeatingCategoryId),
        }, pageUrl: "/Requests/Register");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("不在您的范围内", (await PageSession.ReadAsync(response)).QuerySelector("[data-valmsg-for='Input.StationId']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await db.CitizenRequests.CountAsync());
    }

    [Fact]
    public async Task Similar_open_requests_of_the_station_are_hinted_while_typing()
    {
        await RegisterAsync("幸福小区供暖温度不达标室温只有十四度");
        var clerk = await fixture.SessionAsync("clerk");

        var hint = await clerk.GetAsync($"/Requests/Register?handler=Similar&station={fixture.Data.RongshiStationId}&summary={Uri.EscapeDataString("幸福小区供暖温度不够")}");
        var unrelated = await clerk.GetAsync($"/Requests/Register?handler=Similar&station={fixture.Data.RongshiStationId}&summary={Uri.EscapeDataString("公园健身器材损坏")}");
        var otherStation = await (await fixture.SessionAsync("clerk2")).GetAsync($"/Requests/Register?handler=Similar&station={fixture.Data.RongshiStationId}&summary={Uri.EscapeDataString("幸福小区供暖温度不够")}");

        Assert.Contains("幸福小区供暖", hint.QuerySelector("#similar-requests")!.TextContent, StringComparison.Ordinal);
        Assert.Null(unrelated.QuerySelector("#similar-requests"));
        Assert.Null(otherStation.QuerySelector("#similar-requests"));
    }

    [Fact]
    public async Task The_main_path_refer_reply_resolve_close_records_who_and_when_and_hides_the_citizen_from_the_department()
    {
        var id = await RegisterAsync();
        var clerk = await fixture.SessionAsync("clerk");
        var department = await fixture.SessionAsync("department");

        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);

        // The referral form proposes 7 working days from Friday 2026-11-20: Tuesday 2026-12-01.
        var referForm = await clerk.GetAsync($"/Requests/Act/{id}/Refer");
        Assert.Equal("2026-12-01", referForm.QuerySelector("input[name='Input.DueOn']")!.GetAttribute("value"));
        Assert.Contains("看不到", referForm.QuerySelector("#identity-notice")!.TextContent, StringComparison.Ordinal);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId), ["Input.Note"] = "请供热办核查" }, RequestStatus.Referred);

        var seenByDepartment = await department.GetAsync($"/Requests/Details/{id}");
        Assert.DoesNotContain("13812345678", seenByDepartment.QuerySelector("#citizen-contact")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("李大爷", seenByDepartment.QuerySelector("#citizen-contact")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(seenByDepartment.QuerySelector("[data-step='RecordReply']"));

        await SucceedsAsync(department, id, "RecordReply", new() { ["Input.Note"] = "已协调热力公司调整管网，室温恢复到20度" }, RequestStatus.Replied);
        await SucceedsAsync(clerk, id, "Resolve", new() { ["Input.Note"] = "群众确认已解决" }, RequestStatus.Resolved);
        await SucceedsAsync(clerk, id, "Close", new() { ["Input.Evaluation"] = "Satisfied", ["Input.Note"] = "电话回访" }, RequestStatus.Closed);

        var closed = await LoadAsync(id);
        Assert.Equal(Evaluation.Satisfied, closed.LatestEvaluation);
        Assert.Equal(new DateOnly(2026, 12, 1), closed.Referrals.Single().DueOn);
        Assert.False(closed.Referrals.Single().IdentityDisclosed);
        Assert.Equal("已协调热力公司调整管网，室温恢复到20度", closed.Referrals.Single().Reply);
        Assert.Equal(
            [RequestAction.Registered, RequestAction.Assigned, RequestAction.Referred, RequestAction.Replied, RequestAction.Resolved, RequestAction.Closed],
            closed.Events.OrderBy(e => e.Id).Select(e => e.Action).ToArray());
        Assert.All(closed.Events, e => Assert.NotNull(e.ActorUserId));
        Assert.Equal("供热办联络人", closed.Events.Single(e => e.Action == RequestAction.Replied).ActorName);

        var details = await clerk.GetAsync($"/Requests/Details/{id}");
        Assert.Equal(6, details.QuerySelectorAll("#timeline tbody tr").Length);
        Assert.Equal("已回访", details.QuerySelector("#request-status")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_department_sends_a_misrouted_referral_back_with_its_reason_and_the_clerk_refers_it_again()
    {
        var id = await RegisterAsync("楼前道路坑洼，雨天积水");
        var clerk = await fixture.SessionAsync("clerk");
        var department = await fixture.SessionAsync("department");
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId) }, RequestStatus.Referred);

        // Without a reason: refused with a message, nothing changes.
        var (refused, page) = await ActAsync(department, id, "SendBack", new() { ["Input.Note"] = "  " });
        using (refused)
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        Assert.Equal(RequestStatus.Referred, (await LoadAsync(id)).Status);
        await SucceedsAsync(department, id, "SendBack", new() { ["Input.Note"] = "道路维修不属于供热办职责，建议转区住建局" }, RequestStatus.Assigned);

        var back = await LoadAsync(id);
        Assert.Null(back.CurrentDepartmentId);
        Assert.Null(back.DueOn);
        Assert.Equal("道路维修不属于供热办职责，建议转区住建局", back.Referrals.Single().ReturnReason);
        Assert.Equal(RequestAction.SentBack, back.Events.OrderBy(e => e.Id).Last().Action);
        Assert.Equal("供热办联络人", back.Events.OrderBy(e => e.Id).Last().ActorName);

        // The department can no longer act on it; the clerk is told and finds it in the sent-back queue.
        using (var late = await department.Client.GetAsync($"/Requests/Act/{id}/RecordReply"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        }

        await using (var db = fixture.Db())
        {
            Assert.True(await db.Notifications.AnyAsync(n => n.SubjectId == id && n.Kind == LiaisonStations.Web.Notifications.NotificationKind.RequestSentBack));
        }

        var queue = await clerk.GetAsync("/Requests?waiting=SentBack");
        Assert.Contains(back.TrackingNumber, queue.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var details = await clerk.GetAsync($"/Requests/Details/{id}");
        Assert.Contains("道路维修不属于供热办职责", details.QuerySelector("#timeline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("供热办", details.QuerySelectorAll("#timeline .timeline-subject")[^1].TextContent, StringComparison.Ordinal);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId) }, RequestStatus.Referred);
        Assert.Equal(2, (await LoadAsync(id)).Referrals.Count);
    }

    [Fact]
    public async Task A_department_asks_for_an_extension_and_the_station_grants_or_refuses_it()
    {
        var clerk = await fixture.SessionAsync("clerk");
        var department = await fixture.SessionAsync("department");
        var ids = new List<long>();
        foreach (var summary in new[] { "供热管网改造进度慢", "换热站噪声扰民" })
        {
            var id = await RegisterAsync(summary);
            await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
            await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId) }, RequestStatus.Referred);
            ids.Add(id);
        }

        // A date not after the current due date (2026-12-01) is refused with a message.
        var (early, earlyPage) = await ActAsync(department, ids[0], "RequestExtension", new() { ["Input.DueOn"] = "2026-11-30", ["Input.Note"] = "需要更多时间" });
        using (early)
        {
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        }

        Assert.Null((await LoadAsync(ids[0])).Referrals.Single().ExtensionAskedFor);
        foreach (var id in ids)
        {
            await SucceedsAsync(department, id, "RequestExtension", new() { ["Input.DueOn"] = "2026-12-20", ["Input.Note"] = "管网改造需待供暖期结束后施工" }, RequestStatus.Referred);
        }

        var asked = await LoadAsync(ids[0]);
        Assert.Equal(new DateOnly(2026, 12, 20), asked.Referrals.Single().ExtensionAskedFor);
        Assert.Equal(new DateOnly(2026, 12, 1), asked.DueOn);

        // Asking twice is not offered; the department may not decide; the clerk sees both in the queue.
        Assert.Null((await department.GetAsync($"/Requests/Details/{ids[0]}")).QuerySelector("[data-step='RequestExtension']"));
        using (var decideByDepartment = await department.Client.GetAsync($"/Requests/Act/{ids[0]}/DecideExtension"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, decideByDepartment.StatusCode);
        }

        var queue = await clerk.GetAsync("/Requests?waiting=ExtensionAsked");
        Assert.Equal(2, queue.QuerySelectorAll("a[href^='/Requests/Details/']").Select(a => a.GetAttribute("href")).Distinct().Count());
        var form = await clerk.GetAsync($"/Requests/Act/{ids[0]}/DecideExtension");
        Assert.Contains("2026-12-20", form.QuerySelector("#extension-asked")!.TextContent, StringComparison.Ordinal);

        await SucceedsAsync(clerk, ids[0], "DecideExtension", new() { ["Input.Grant"] = "true" }, RequestStatus.Referred);
        await SucceedsAsync(clerk, ids[1], "DecideExtension", new() { ["Input.Grant"] = "false", ["Input.Note"] = "群众反映强烈，请按期办结" }, RequestStatus.Referred);

        var granted = await LoadAsync(ids[0]);
        Assert.Equal(new DateOnly(2026, 12, 20), granted.DueOn);
        Assert.Equal(new DateOnly(2026, 12, 20), granted.Referrals.Single().DueOn);
        Assert.Null(granted.Referrals.Single().ExtensionAskedFor);
        var refused = await LoadAsync(ids[1]);
        Assert.Equal(new DateOnly(2026, 12, 1), refused.DueOn);
        Assert.Equal(
            [RequestAction.ExtensionRequested, RequestAction.ExtensionGranted],
            granted.Events.OrderBy(e => e.Id).Select(e => e.Action).Where(a => a is RequestAction.ExtensionRequested or RequestAction.ExtensionGranted or RequestAction.ExtensionRefused).ToArray());
        Assert.Equal(RequestAction.ExtensionRefused, refused.Events.OrderBy(e => e.Id).Last().Action);
        await using var db = fixture.Db();
        Assert.Equal(2, await db.Notifications.CountAsync(n => ids.Contains(n.SubjectId) && n.Kind == LiaisonStations.Web.Notifications.NotificationKind.ExtensionRequested));
        Assert.Equal(2, await db.Notifications.CountAsync(n => ids.Contains(n.SubjectId) && n.Kind == LiaisonStations.Web.Notifications.NotificationKind.ExtensionDecided));
    }
}
