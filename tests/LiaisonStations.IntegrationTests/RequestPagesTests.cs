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
public sealed class RequestPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
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
        Assert.Equal(16, saved.TrackingCode.Length);
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

    [Fact]
    public async Task The_timeline_names_the_deputy_the_department_and_the_evaluation_and_the_confirm_form_shows_the_reply()
    {
        var id = await RegisterAsync("小区路灯不亮");
        var clerk = await fixture.SessionAsync("clerk");
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId) }, RequestStatus.Referred);
        await SucceedsAsync(await fixture.SessionAsync("department"), id, "RecordReply", new() { ["Input.Note"] = "已更换路灯灯泡" }, RequestStatus.Replied);

        var confirm = await clerk.GetAsync($"/Requests/Act/{id}/Resolve");
        Assert.Contains("已更换路灯灯泡", confirm.QuerySelector("#department-reply")!.TextContent, StringComparison.Ordinal);
        await SucceedsAsync(clerk, id, "Resolve", new() { ["Input.Note"] = "群众确认" }, RequestStatus.Resolved);
        await SucceedsAsync(clerk, id, "Close", new() { ["Input.Evaluation"] = "BasicallySatisfied" }, RequestStatus.Closed);

        string deputyName, departmentName;
        await using (var db = fixture.Db())
        {
            deputyName = await db.Deputies.Where(d => d.Id == fixture.Data.RongshiDeputyIds[0]).Select(d => d.Name).SingleAsync();
            departmentName = await db.Departments.Where(d => d.Id == fixture.Data.HeatingDepartmentId).Select(d => d.Name).SingleAsync();
        }

        var subjects = (await clerk.GetAsync($"/Requests/Details/{id}")).QuerySelectorAll("#timeline tbody tr")
            .Select(tr => tr.QuerySelector(".timeline-subject")?.TextContent ?? string.Empty).ToArray();
        Assert.Equal(deputyName, subjects[1]);                  // 分派
        Assert.Equal(departmentName, subjects[2]);              // 转办
        Assert.Equal(departmentName, subjects[3]);              // 答复
        Assert.Equal("群众评价：基本满意", subjects[5]);         // 回访
    }

    [Fact]
    public async Task The_clerk_prints_a_receipt_for_the_citizen_and_a_referral_slip_for_the_department()
    {
        var id = await RegisterAsync("单元门禁损坏，陌生人随意出入", phone: "13811112222");
        var clerk = await fixture.SessionAsync("clerk");
        var request = await LoadAsync(id);

        var receipt = await clerk.GetAsync($"/Requests/Print/{id}/receipt");
        Assert.Equal(request.TrackingNumber, receipt.QuerySelector("#print-number")!.TextContent.Trim());
        Assert.Equal(request.TrackingCode, receipt.QuerySelector("#print-code")!.TextContent.Trim());
        Assert.Contains("单元门禁损坏", receipt.QuerySelector("#print-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("荣市", receipt.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // No slip before a referral; after it, the department and due date, the citizen hidden without consent.
        await clerk.GetAsync($"/Requests/Print/{id}/slip", HttpStatusCode.NotFound);
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId), ["Input.Note"] = "请尽快修复" }, RequestStatus.Referred);
        var slip = await clerk.GetAsync($"/Requests/Print/{id}/slip");
        Assert.Equal("2026-12-01", slip.QuerySelector("#print-due")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(slip.QuerySelector("#print-department")!.TextContent));
        Assert.DoesNotContain("13811112222", slip.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(slip.QuerySelector("#print-code"));
        Assert.NotNull((await clerk.GetAsync($"/Requests/Details/{id}")).QuerySelector("#print-slip"));

        // Others may not print; another station's clerk does not even see it; an unknown kind is not found.
        await (await fixture.SessionAsync("department")).GetAsync($"/Requests/Print/{id}/slip", HttpStatusCode.Forbidden);
        await (await fixture.SessionAsync("clerk2")).GetAsync($"/Requests/Print/{id}/receipt", HttpStatusCode.NotFound);
        await clerk.GetAsync($"/Requests/Print/{id}/other", HttpStatusCode.NotFound);
        await using var db = fixture.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Request.PrintReceipt" && a.TargetId == request.TrackingNumber));
    }

    [Fact]
    public async Task With_consent_the_department_sees_who_the_citizen_is()
    {
        var id = await RegisterAsync(consentToDisclose: true, phone: "13900009999");
        var clerk = await fixture.SessionAsync("clerk");
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId) }, RequestStatus.Referred);

        var seen = await (await fixture.SessionAsync("department")).GetAsync($"/Requests/Details/{id}");

        Assert.Contains("13900009999", seen.QuerySelector("#citizen-contact")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Supervise_explain_close_unsatisfied_and_reopen()
    {
        var id = await RegisterAsync();
        var clerk = await fixture.SessionAsync("clerk");
        var city = await fixture.SessionAsync("city");
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId), ["Input.DueOn"] = "2026-11-27" }, RequestStatus.Referred);
        await SucceedsAsync(city, id, "Supervise", new() { ["Input.Note"] = "请加快办理", ["Input.DueOn"] = "2026-12-04" }, RequestStatus.Supervising);
        Assert.Equal(new DateOnly(2026, 12, 4), (await LoadAsync(id)).DueOn);
        await SucceedsAsync(clerk, id, "RecordReply", new() { ["Input.Note"] = "管网改造需明年立项" }, RequestStatus.Replied);
        await SucceedsAsync(clerk, id, "Explain", new() { ["Input.Note"] = "已向群众解释需明年改造" }, RequestStatus.Explained);
        await SucceedsAsync(clerk, id, "Close", new() { ["Input.Evaluation"] = "Unsatisfied" }, RequestStatus.Closed);
        await SucceedsAsync(clerk, id, "Reopen", new() { ["Input.Note"] = "群众不满意，重新办理" }, RequestStatus.Reopened);

        var reopened = await LoadAsync(id);
        Assert.Null(reopened.DueOn);
        Assert.Equal("群众不满意，重新办理", reopened.Events.Single(e => e.Action == RequestAction.Reopened).Note);
        Assert.NotNull(reopened.Events.Single(e => e.Action == RequestAction.Supervised).ActorUserId);
        Assert.Equal(new DateOnly(2026, 12, 4), reopened.Referrals.Single().DueOn);
    }

    [Fact]
    public async Task Answered_on_site_then_closed_and_a_withdrawal()
    {
        var answered = await RegisterAsync("咨询社保卡补办流程");
        var withdrawn = await RegisterAsync("邻居装修噪音");
        var clerk = await fixture.SessionAsync("clerk");

        await SucceedsAsync(clerk, answered, "AnswerOnSite", new() { ["Input.Note"] = "已告知到社保大厅补办" }, RequestStatus.AnsweredOnSite);
        await SucceedsAsync(clerk, answered, "Close", new() { ["Input.Evaluation"] = "BasicallySatisfied" }, RequestStatus.Closed);
        await SucceedsAsync(clerk, withdrawn, "Withdraw", new() { ["Input.Note"] = "邻里已自行协商解决" }, RequestStatus.Withdrawn);

        Assert.Equal(new DateOnly(2026, 11, 20), (await LoadAsync(withdrawn)).FinishedOn);
    }

    [Fact]
    public async Task The_assigned_deputy_and_the_department_add_notes_and_nothing_else_changes()
    {
        var id = await RegisterAsync();
        var clerk = await fixture.SessionAsync("clerk");
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId) }, RequestStatus.Referred);

        var deputy = await fixture.SessionAsync("deputy");
        var steps = (await deputy.GetAsync($"/Requests/Details/{id}")).QuerySelectorAll("#request-steps [data-step]").Select(a => a.GetAttribute("data-step")).ToList();
        Assert.Equal(["Supervise", "ConvertToSuggestion", "AddNote"], steps);
        await SucceedsAsync(deputy, id, "AddNote", new() { ["Input.Note"] = "已电话联系群众，情况属实" }, RequestStatus.Referred);
        await SucceedsAsync(await fixture.SessionAsync("department"), id, "AddNote", new() { ["Input.Note"] = "已安排人员上门" }, RequestStatus.Referred);

        var request = await LoadAsync(id);
        Assert.Equal(2, request.Events.Count(e => e.Action == RequestAction.NoteAdded));
        Assert.Contains(request.Events, e => e.Action == RequestAction.NoteAdded && e.Note == "已电话联系群众，情况属实" && e.ActorUserId != null);
    }

    [Fact]
    public async Task Converting_to_a_suggestion_creates_a_draft_for_the_assigned_deputy_citing_the_request()
    {
        var id = await RegisterAsync("多个小区反映老旧管网供暖不足，需要统一改造");
        var clerk = await fixture.SessionAsync("clerk");
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);

        var form = await clerk.GetAsync($"/Requests/Act/{id}/ConvertToSuggestion");
        Assert.Equal(Id(fixture.Data.RongshiDeputyIds[0]), form.QuerySelector("select[name='Input.LeadDeputyId'] option[selected]")!.GetAttribute("value"));
        await SucceedsAsync(clerk, id, "ConvertToSuggestion", new() { ["Input.Title"] = "关于老旧小区供热管网改造的建议" }, RequestStatus.ConvertedToSuggestion);

        var request = await LoadAsync(id);
        await using var db = fixture.Db();
        var suggestion = await db.Suggestions.AsNoTracking().SingleAsync(s => s.Id == request.SuggestionId);
        Assert.Equal(Domain.Suggestions.SuggestionStatus.Draft, suggestion.Status);
        Assert.Equal(fixture.Data.RongshiDeputyIds[0], suggestion.LeadDeputyId);
        Assert.Equal("关于老旧小区供热管网改造的建议", suggestion.Title);
        Assert.Contains(suggestion.LinkedRequests, l => l.CitizenRequestId == id);
    }

    [Fact]
    public async Task A_step_the_workflow_does_not_allow_is_refused_with_a_message_and_changes_nothing()
    {
        var id = await RegisterAsync();
        var clerk = await fixture.SessionAsync("clerk");
        var before = await LoadAsync(id);

        var refusedForm = await clerk.GetAsync($"/Requests/Act/{id}/Close");
        Assert.Contains("不能执行“回访办结”", refusedForm.QuerySelector("#step-refused")!.TextContent, StringComparison.Ordinal);
        Assert.Null(refusedForm.QuerySelector("#step-form"));

        // A hand-made post of the refused step: same message, nothing changes.
        var token = await clerk.AntiforgeryTokenAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Evaluation"] = "Satisfied",
            ["Input.Version"] = before.Version.ToString(CultureInfo.InvariantCulture),
        });
        using var posted = await clerk.Client.PostAsync($"/Requests/Act/{id}/Close", content);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.NotNull((await PageSession.ReadAsync(posted)).QuerySelector("#step-refused"));

        // A due date in the past is refused with a message on the field.
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        var (pastDue, _) = await ActAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId), ["Input.DueOn"] = "2026-11-01" });
        using (pastDue)
        {
            Assert.Equal(HttpStatusCode.OK, pastDue.StatusCode);
            Assert.Contains("2026-11-01", (await PageSession.ReadAsync(pastDue)).QuerySelector("[data-valmsg-for='Input.DueOn']")!.TextContent, StringComparison.Ordinal);
        }

        // Unknown department, a deputy of another station: refused, not a 500.
        var (badDepartment, _) = await ActAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = "999999" });
        using (badDepartment)
        {
            Assert.Equal(HttpStatusCode.OK, badDepartment.StatusCode);
        }

        var after = await LoadAsync(id);
        Assert.Equal(RequestStatus.Assigned, after.Status);
        Assert.Empty(after.Referrals);
        Assert.Null(after.LatestEvaluation);
    }

    [Fact]
    public async Task Roles_without_the_step_get_403_and_other_scopes_404()
    {
        var id = await RegisterAsync();
        var clerk = await fixture.SessionAsync("clerk");
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId) }, RequestStatus.Referred);

        using var departmentResolve = await (await fixture.SessionAsync("department")).Client.GetAsync($"/Requests/Act/{id}/Withdraw");
        using var deputyRefer = await (await fixture.SessionAsync("deputy")).Client.GetAsync($"/Requests/Act/{id}/Withdraw");
        using var otherClerk = await (await fixture.SessionAsync("clerk2")).Client.GetAsync($"/Requests/Act/{id}/RecordReply");
        using var unknownStep = await clerk.Client.GetAsync($"/Requests/Act/{id}/DropTables");
        using var numericStep = await clerk.Client.GetAsync($"/Requests/Act/{id}/3");

        Assert.Equal(HttpStatusCode.Forbidden, departmentResolve.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, deputyRefer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherClerk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownStep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, numericStep.StatusCode);
        Assert.Equal(RequestStatus.Referred, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task The_second_of_two_people_acting_at_once_gets_a_clear_message_and_keeps_their_input()
    {
        var id = await RegisterAsync();
        var clerk = await fixture.SessionAsync("clerk");
        var district = await fixture.SessionAsync("district");
        await SucceedsAsync(clerk, id, "AssignDeputies", new() { ["Input.DeputyIds"] = Id(fixture.Data.RongshiDeputyIds[0]) }, RequestStatus.Assigned);
        await SucceedsAsync(clerk, id, "Refer", new() { ["Input.DepartmentId"] = Id(fixture.Data.HeatingDepartmentId) }, RequestStatus.Referred);

        // Both open the reply form; the clerk saves first.
        var clerkForm = await clerk.GetAsync($"/Requests/Act/{id}/RecordReply");
        var districtForm = await district.GetAsync($"/Requests/Act/{id}/Supervise");
        using (var first = await clerk.SubmitAsync(clerkForm, "#step-form", new Dictionary<string, string?> { ["Input.Note"] = "供热办已答复" }, pageUrl: $"/Requests/Act/{id}/RecordReply"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var second = await district.SubmitAsync(districtForm, "#step-form", new Dictionary<string, string?> { ["Input.Note"] = "区人大督办意见：本周内办结" }, pageUrl: $"/Requests/Act/{id}/Supervise");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await PageSession.ReadAsync(second);
        var summary = page.QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Contains("更新了此诉求", summary, StringComparison.Ordinal);
        Assert.Contains("已答复", summary, StringComparison.Ordinal);
        Assert.Equal("区人大督办意见：本周内办结", page.QuerySelector("textarea[name='Input.Note']")!.TextContent.Trim());
        var after = await LoadAsync(id);
        Assert.Equal(RequestStatus.Replied, after.Status);
        Assert.DoesNotContain(after.Events, e => e.Action == RequestAction.Supervised);

        // Having seen the change, the district can still supervise deliberately (Replied → Supervising is legal).
        using var again = await district.SubmitAsync(page, "#step-form", new Dictionary<string, string?> { ["Input.Note"] = "区人大督办意见：本周内办结" }, pageUrl: $"/Requests/Act/{id}/Supervise");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(RequestStatus.Supervising, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task The_list_filters_sorts_and_exports_what_it_shows_with_personal_data_masked_for_district_staff()
    {
        var id = await RegisterAsync("导出测试：供暖管道漏水", phone: "13766668888");
        var district = await fixture.SessionAsync("district");
        var number = (await LoadAsync(id)).TrackingNumber;

        var filtered = await district.GetAsync($"/Requests?category={fixture.Data.HeatingCategoryId}&station={fixture.Data.RongshiStationId}&channel=WalkIn&q={Uri.EscapeDataString("管道漏水")}&sort=number&desc=true");
        Assert.Contains(number, filtered.QuerySelector("#requests-table tbody")!.TextContent, StringComparison.Ordinal);
        // Two characters (the index of character pairs), one character, and the request number all find it.
        foreach (var term in new[] { "漏水", "漏", number, "供暖管道" })
        {
            var found = await district.GetAsync($"/Requests?q={Uri.EscapeDataString(term)}");
            Assert.True(found.QuerySelector("#requests-table tbody")!.TextContent.Contains(number, StringComparison.Ordinal), term);
        }

        var unrelated = await district.GetAsync($"/Requests?q={Uri.EscapeDataString("电梯")}");
        Assert.DoesNotContain(number, unrelated.QuerySelector("#requests-table tbody")!.TextContent, StringComparison.Ordinal);
        var none = await district.GetAsync($"/Requests?channel=Phone&q={Uri.EscapeDataString("管道漏水")}");
        Assert.DoesNotContain(number, none.QuerySelector("#requests-table tbody")!.TextContent, StringComparison.Ordinal);

        using var xlsx = await district.Client.GetAsync($"/Requests?handler=Export&format=xlsx&q={Uri.EscapeDataString("管道漏水")}");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var sheet = XlsxText(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains(number, sheet, StringComparison.Ordinal);
        Assert.Contains("137****8888", sheet, StringComparison.Ordinal);
        Assert.DoesNotContain("13766668888", sheet, StringComparison.Ordinal);

        using var csv = await district.Client.GetAsync($"/Requests?handler=Export&format=csv&q={Uri.EscapeDataString("管道漏水")}");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.Equal(2, text.Trim().Split('\n').Length);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.DoesNotContain("13766668888", text, StringComparison.Ordinal);

        await using var db = fixture.Db();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Export.RequestsCsv"));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "Export.Requests"));
    }

    [Theory]
    [InlineData("/Requests?status=Nope&category=x&station=-1&deputy=abc&department=%27&channel=9&sort=%3B&desc=maybe&page=-3&from=2026-13-45")]
    [InlineData("/Requests?q=%25_%5C%27%22%3Cscript%3E")]
    public async Task Malformed_list_filters_never_fail(string url)
    {
        var session = await fixture.SessionAsync("district");

        using var response = await session.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>All the text of an XLSX file's first sheet (inline strings), to check what an export holds.</summary>
    public static string XlsxText(byte[] bytes)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var entry = zip.Entries.First(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
        using var reader = new StreamReader(entry.Open());
        return System.Xml.Linq.XDocument.Parse(reader.ReadToEnd()).Root!.Value;
    }
}
