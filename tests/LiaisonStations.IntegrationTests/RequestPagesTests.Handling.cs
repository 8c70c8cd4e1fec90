using System.Globalization;
using System.Net;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>Request pages, continued: the later steps of handling, conversion to a suggestion, lists and exports.</summary>
public sealed partial class RequestPagesTests
{
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
        Assert.Equal(LiaisonStations.Web.Data.RecordNumbers.FormatTrackingCode(request.TrackingCode), receipt.QuerySelector("#print-code")!.TextContent.Trim());
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
