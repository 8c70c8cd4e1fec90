using System.Globalization;
using System.Net;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Tests.Shared;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The suggestion lifecycle of DESIGN §3.2 through the pages: draft, co-signing, submission, acceptance or
/// reclassification, assignment, replies A/B/C, evaluation, rehandling, closing, key supervision and
/// third-party evaluation; refused steps (message, no change), other roles (403/404) and concurrent edits.
/// </summary>
public sealed class SuggestionPagesTests(SuggestionPagesTests.Fixture fixture) : IClassFixture<SuggestionPagesTests.Fixture>
{
    public sealed class Fixture : AppFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Db();
            // A second deputy account: 李秀英 (DP-002) of 荣市, to co-sign.
            AccountProvisioning.AddDirect(db, "deputy2", "李秀英", AppRoles.Deputy, TestData.Password, FixedClock.Default, u => u.DeputyId = Data.RongshiDeputyIds[1]);
            await db.SaveChangesAsync();
        }
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<Suggestion> LoadAsync(long id)
    {
        await using var db = fixture.Db();
        return await db.Suggestions.AsNoTracking().SingleAsync(s => s.Id == id);
    }

    private async Task<long> DraftAsync(string title)
    {
        var deputy = await fixture.SessionAsync("deputy");
        var form = await deputy.GetAsync("/Suggestions/Create");
        using var response = await deputy.SubmitAsync(form, "#draft-form", new Dictionary<string, string?>
        {
            ["Input.Title"] = title,
            ["Input.Body"] = "老旧小区供热管网年久失修，冬季室温普遍不达标。\n建议：一、统一改造；二、分期实施。",
            ["Input.Category"] = "城建",
            ["Input.Occasion"] = "BetweenSessions",
        }, pageUrl: "/Suggestions/Create");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return long.Parse(response.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
    }

    private async Task<HttpResponseMessage> ActAsync(string user, long id, string step, Dictionary<string, string?>? values = null)
    {
        var session = await fixture.SessionAsync(user);
        var form = await session.GetAsync($"/Suggestions/Act/{id}/{step}");
        return await session.SubmitAsync(form, "#step-form", values ?? [], pageUrl: $"/Suggestions/Act/{id}/{step}");
    }

    private async Task SucceedsAsync(string user, long id, string step, Dictionary<string, string?>? values, SuggestionStatus expected)
    {
        using var response = await ActAsync(user, id, step, values);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{step}: {(int)response.StatusCode} {(await PageSession.ReadAsync(response)).QuerySelector(".alert-danger, .alert-warning, .invalid-feedback:not(:empty)")?.TextContent}");
        Assert.Equal(expected, (await LoadAsync(id)).Status);
    }

    private async Task<string> RefusedAsync(string user, long id, string step, Dictionary<string, string?>? values = null)
    {
        using var response = await ActAsync(user, id, step, values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PageSession.ReadAsync(response);
        return string.Join(" ", page.QuerySelectorAll(".alert-danger, .alert-warning, .invalid-feedback").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public async Task A_refused_submission_gives_its_number_back_so_suggestion_numbers_have_no_gaps()
    {
        static int Sequence(string number) => int.Parse(number.Split('-')[^1], CultureInfo.InvariantCulture);

        // A draft whose co-signer has not confirmed: its submission takes a number, is refused, and gives it back.
        var waiting = await DraftAsync("关于增设公交站台的建议");
        await SucceedsAsync("deputy", waiting, "AddCoSigner", new() { ["Input.DeputyCode"] = "DP-002" }, SuggestionStatus.Draft);
        Assert.Contains("联名", await RefusedAsync("deputy", waiting, "Submit"), StringComparison.Ordinal);

        var first = await DraftAsync("关于规范夜市经营的建议");
        await SucceedsAsync("deputy", first, "Submit", null, SuggestionStatus.Submitted);
        Assert.Contains("联名", await RefusedAsync("deputy", waiting, "Submit"), StringComparison.Ordinal);
        Assert.Contains("联名", await RefusedAsync("deputy", waiting, "Submit"), StringComparison.Ordinal);
        var next = await DraftAsync("关于增加社区养老床位的建议");
        await SucceedsAsync("deputy", next, "Submit", null, SuggestionStatus.Submitted);

        Assert.Equal(Sequence((await LoadAsync(first)).Number!) + 1, Sequence((await LoadAsync(next)).Number!));
        Assert.Null((await LoadAsync(waiting)).Number);
    }

    [Fact]
    public async Task The_whole_path_with_co_signing_a_b_reply_an_unsatisfied_evaluation_rehandling_and_closing()
    {
        var id = await DraftAsync("关于老旧小区供热管网改造的建议");
        await SucceedsAsync("deputy", id, "Edit", new() { ["Input.Title"] = "关于加快老旧小区供热管网改造的建议" }, SuggestionStatus.Draft);
        await SucceedsAsync("deputy", id, "AddCoSigner", new() { ["Input.DeputyCode"] = "DP-003" }, SuggestionStatus.Draft);
        Assert.Contains("DP-404", await RefusedAsync("deputy", id, "AddCoSigner", new() { ["Input.DeputyCode"] = "DP-404" }), StringComparison.Ordinal);
        await SucceedsAsync("deputy", id, "RemoveCoSigner", new() { ["Input.DeputyId"] = Id(fixture.Data.RongshiDeputyIds[2]) }, SuggestionStatus.Draft);
        Assert.Empty((await LoadAsync(id)).CoSigners);
        await SucceedsAsync("deputy", id, "AddCoSigner", new() { ["Input.DeputyCode"] = "DP-002" }, SuggestionStatus.Draft);

        // Citing a request assigned to the deputy works; a request they cannot see is "unknown".
        await using (var db = fixture.Db())
        {
            var actor = new Actor(null, "联络员");
            var mine = Domain.Requests.CitizenRequest.Register("2026-NG-600001", "SUGGESTLINK00001", fixture.Data.RongshiStationId, null, Domain.Requests.RequestChannel.Reception, fixture.Data.HeatingCategoryId, "暖气不热", Domain.Requests.CitizenContact.Anonymous, actor, FixedClock.Default);
            mine.AssignDeputies([fixture.Data.RongshiDeputyIds[0]], null, actor, FixedClock.Default);
            var notMine = Domain.Requests.CitizenRequest.Register("2026-DW-600002", "SUGGESTLINK00002", fixture.Data.NanmaluStationId, null, Domain.Requests.RequestChannel.Reception, fixture.Data.HeatingCategoryId, "别的站", Domain.Requests.CitizenContact.Anonymous, actor, FixedClock.Default);
            db.CitizenRequests.AddRange(mine, notMine);
            await db.SaveChangesAsync();
        }

        Assert.Contains("2026-DW-600002", await RefusedAsync("deputy", id, "LinkRequest", new() { ["Input.RequestNumber"] = "2026-DW-600002" }), StringComparison.Ordinal);
        await SucceedsAsync("deputy", id, "LinkRequest", new() { ["Input.RequestNumber"] = "2026-NG-600001" }, SuggestionStatus.Draft);
        Assert.Single((await LoadAsync(id)).LinkedRequests);

        // Not yet confirmed by the co-signer: submission is refused and nothing changes.
        Assert.Contains("联名", await RefusedAsync("deputy", id, "Submit"), StringComparison.Ordinal);
        Assert.Null((await LoadAsync(id)).Number);

        // The department cannot see a draft; the co-signer confirms.
        using (var hidden = await (await fixture.SessionAsync("department")).Client.GetAsync($"/Suggestions/Details/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        await SucceedsAsync("deputy2", id, "ConfirmCoSignature", null, SuggestionStatus.Draft);
        await SucceedsAsync("deputy", id, "Submit", null, SuggestionStatus.Submitted);
        Assert.Matches("^2026-JY-\\d{4}$", (await LoadAsync(id)).Number);

        await SucceedsAsync("city", id, "Accept", null, SuggestionStatus.Accepted);
        var assignForm = await (await fixture.SessionAsync("city")).GetAsync($"/Suggestions/Act/{id}/Assign");
        Assert.Equal("2027-02-20", assignForm.QuerySelector("input[name='Input.DueOn']")!.GetAttribute("value"));
        await SucceedsAsync("city", id, "Assign", new()
        {
            ["Input.LeadDepartmentId"] = Id(fixture.Data.HeatingDepartmentId),
            ["Input.CoHandlingDepartmentIds"] = Id(fixture.Data.EnvironmentDepartmentId),
        }, SuggestionStatus.Assigned);

        // The lead department must give a category.
        Assert.Contains("类别", await RefusedAsync("department", id, "Reply", new() { ["Input.Note"] = "正在制定改造计划" }), StringComparison.Ordinal);
        await SucceedsAsync("department", id, "Reply", new() { ["Input.ReplyCategory"] = "B", ["Input.Note"] = "已列入明年改造计划" }, SuggestionStatus.Replied);

        // An unsatisfied evaluation needs a reason, then sends it back for rehandling; closing before that is refused.
        Assert.Contains("理由", await RefusedAsync("deputy", id, "Evaluate", new() { ["Input.Evaluation"] = "Unsatisfied" }), StringComparison.Ordinal);
        await SucceedsAsync("deputy", id, "Evaluate", new() { ["Input.Evaluation"] = "Unsatisfied", ["Input.Note"] = "改造时间太晚" }, SuggestionStatus.Evaluated);
        var closeNow = await (await fixture.SessionAsync("city")).GetAsync($"/Suggestions/Act/{id}/Close");
        Assert.NotNull(closeNow.QuerySelector("#step-refused"));
        await SucceedsAsync("city", id, "Rehandle", new() { ["Input.DueOn"] = "2027-01-31", ["Input.Note"] = "请提前至今冬实施" }, SuggestionStatus.Rehandling);
        await SucceedsAsync("department", id, "Reply", new() { ["Input.ReplyCategory"] = "A", ["Input.Note"] = "已提前实施，本月完工" }, SuggestionStatus.Replied);
        await SucceedsAsync("deputy", id, "Evaluate", new() { ["Input.Evaluation"] = "Satisfied" }, SuggestionStatus.Evaluated);
        await SucceedsAsync("city", id, "Close", null, SuggestionStatus.Closed);

        var closed = await LoadAsync(id);
        Assert.Equal((ReplyCategory.A, Evaluation.Satisfied, 2), (closed.LatestReplyCategory!.Value, closed.LatestEvaluation!.Value, closed.HandlingRound));
        Assert.Equal(2, closed.Replies.Count);
        Assert.All(closed.Events, e => Assert.False(string.IsNullOrEmpty(e.ActorName)));
        var details = await (await fixture.SessionAsync("deputy")).GetAsync($"/Suggestions/Details/{id}");
        Assert.Contains("已提前实施", details.QuerySelector("#replies")!.TextContent, StringComparison.Ordinal);
        Assert.True(details.QuerySelectorAll("#timeline tbody tr").Length >= 12);
    }

    [Fact]
    public async Task Reclassification_key_supervision_and_third_party_evaluation()
    {
        var opinion = await DraftAsync("关于小区门口增设路灯的意见");
        await SucceedsAsync("deputy", opinion, "Submit", null, SuggestionStatus.Submitted);
        Assert.Contains("请填写", await RefusedAsync("city", opinion, "Reclassify"), StringComparison.Ordinal);
        await SucceedsAsync("city", opinion, "Reclassify", new() { ["Input.Note"] = "属具体事务，转为意见办理" }, SuggestionStatus.ReclassifiedAsOpinion);

        var key = await DraftAsync("关于解决学校周边交通拥堵的建议");
        await SucceedsAsync("deputy", key, "Submit", null, SuggestionStatus.Submitted);
        await SucceedsAsync("city", key, "KeySupervision", new() { ["Input.LeadSupervisor"] = "王副主任" }, SuggestionStatus.Submitted);
        await SucceedsAsync("city", key, "ThirdPartyEvaluation", null, SuggestionStatus.Submitted);
        var s = await LoadAsync(key);
        Assert.True(s.KeySupervision && s.ThirdPartyEvaluation);
        Assert.Equal("王副主任", s.LeadSupervisor);
        var list = await (await fixture.SessionAsync("city")).GetAsync("/Suggestions?key=true");
        Assert.Contains("学校周边交通拥堵", list.QuerySelector("#suggestions-table")!.TextContent, StringComparison.Ordinal);
        await SucceedsAsync("city", key, "KeySupervision", null, SuggestionStatus.Submitted);
        Assert.False((await LoadAsync(key)).KeySupervision);
    }

    [Fact]
    public async Task Roles_without_the_step_get_403_other_deputies_404_and_departments_see_only_their_own()
    {
        var id = await DraftAsync("关于增加社区养老服务的建议");
        await SucceedsAsync("deputy", id, "Submit", null, SuggestionStatus.Submitted);
        await SucceedsAsync("city", id, "Accept", null, SuggestionStatus.Accepted);
        await SucceedsAsync("city", id, "Assign", new() { ["Input.LeadDepartmentId"] = Id(fixture.Data.EnvironmentDepartmentId) }, SuggestionStatus.Assigned);

        using var deputyAccepts = await (await fixture.SessionAsync("deputy")).Client.GetAsync($"/Suggestions/Act/{id}/Close");
        using var otherDeputy = await (await fixture.SessionAsync("deputy2")).Client.GetAsync($"/Suggestions/Details/{id}");
        using var otherDepartment = await (await fixture.SessionAsync("department")).Client.GetAsync($"/Suggestions/Details/{id}");
        using var unknownStep = await (await fixture.SessionAsync("city")).Client.GetAsync($"/Suggestions/Act/{id}/Approve");
        Assert.Equal(HttpStatusCode.Forbidden, deputyAccepts.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherDeputy.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherDepartment.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownStep.StatusCode);

        var departmentList = await (await fixture.SessionAsync("department")).GetAsync("/Suggestions");
        Assert.DoesNotContain("社区养老服务", departmentList.QuerySelector("#suggestions-table")!.TextContent, StringComparison.Ordinal);
        using var clerk = await (await fixture.SessionAsync("clerk")).Client.GetAsync("/Suggestions");
        Assert.Equal(HttpStatusCode.Forbidden, clerk.StatusCode);
    }

    [Fact]
    public async Task Two_staff_acting_at_once_the_second_gets_a_message_and_nothing_is_lost()
    {
        var id = await DraftAsync("关于规范快递车辆停放的建议");
        await SucceedsAsync("deputy", id, "Submit", null, SuggestionStatus.Submitted);
        var admin = await fixture.SessionAsync("admin");
        var reclassifyForm = await admin.GetAsync($"/Suggestions/Act/{id}/Reclassify");
        using (var accepted = await ActAsync("city", id, "Accept"))
        {
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var late = await admin.SubmitAsync(reclassifyForm, "#step-form", new Dictionary<string, string?> { ["Input.Note"] = "不属于建议" }, pageUrl: $"/Suggestions/Act/{id}/Reclassify");

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await PageSession.ReadAsync(late);
        Assert.Contains("更新了此建议", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(SuggestionStatus.Accepted, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task The_list_exports_xlsx_with_its_filters()
    {
        var id = await DraftAsync("关于导出测试的建议");
        await SucceedsAsync("deputy", id, "Submit", null, SuggestionStatus.Submitted);
        var number = (await LoadAsync(id)).Number!;

        using var xlsx = await (await fixture.SessionAsync("city")).Client.GetAsync($"/Suggestions?handler=Export&q={Uri.EscapeDataString("导出测试")}");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var text = RequestPagesTests.XlsxText(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.DoesNotContain("老旧小区", text, StringComparison.Ordinal);
    }
}
