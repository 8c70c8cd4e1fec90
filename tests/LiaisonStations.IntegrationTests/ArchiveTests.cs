using System.Net;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.IntegrationTests;

/// <summary>
/// The performance archive equals what one counts by hand on a small fixed data set, including the records
/// that must not count (another year, not attended, planned or cancelled days, suggestions of another year).
/// Duty-report votes are recorded through their page.
/// </summary>
public sealed class ArchiveTests(ArchiveTests.Fixture fixture) : IClassFixture<ArchiveTests.Fixture>
{
    public sealed class Fixture : AppFixture
    {
        public int DeputyId { get; private set; }

        public int DutyDayId { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await using var db = Db();
            var me = Data.RongshiDeputyIds[0];
            var other = Data.RongshiDeputyIds[1];
            var st = Data.RongshiStationId;
            var now = FixedClock.Default;
            var actor = new Actor(null, "测试");
            DeputyId = me;

            // Reception days: three count (10 + 20 + 5 citizens).
            db.ReceptionDays.AddRange(
                ReceptionDay.RecordPast("A-1", st, new DateOnly(2026, 3, 15), ReceptionDayType.Reception, null, [me, other], 10, now),
                ReceptionDay.RecordPast("A-2", st, new DateOnly(2026, 4, 15), ReceptionDayType.ThemedReception, "供暖", [me], 20, now),
                ReceptionDay.RecordPast("A-3", st, new DateOnly(2026, 6, 1), ReceptionDayType.Inspection, null, [me], 5, now),
                ReceptionDay.RecordPast("X-1", st, new DateOnly(2025, 12, 15), ReceptionDayType.Reception, null, [me], 99, now),
                ReceptionDay.RecordPast("X-2", st, new DateOnly(2026, 5, 15), ReceptionDayType.Reception, null, [other], 99, now));
            var planned = ReceptionDay.Plan(st, new DateOnly(2026, 12, 15), ReceptionDayType.Reception, null, null, null, [me], now);
            var cancelled = ReceptionDay.Plan(st, new DateOnly(2026, 7, 15), ReceptionDayType.Reception, null, null, null, [me], now);
            cancelled.Cancel("下雨", now);
            db.ReceptionDays.AddRange(planned, cancelled);

            // A duty report with me reporting: votes recorded by the test through the page.
            var duty = ReceptionDay.RecordPast("D-1", st, new DateOnly(2026, 9, 1), ReceptionDayType.DutyReport, null, [me], 25, now);
            db.ReceptionDays.Add(duty);

            // Requests: four assigned in 2026 (one resolved in 2026), one from 2025 resolved in 2026, one not mine.
            CitizenRequest Assigned(string number, DateOnly on, int deputy, RequestStatus status, DateOnly? resolved)
            {
                var r = CitizenRequest.Import(number, "ARCHIVE" + number.Replace("-", string.Empty, StringComparison.Ordinal).PadLeft(9, '0'),
                    new RecordedRequest(st, null, on, RequestChannel.Reception, Data.HeatingCategoryId, "测试", status, resolved, null), actor, now);
                r.AssignDeputies([deputy], null, actor, now);
                return r;
            }

            db.CitizenRequests.AddRange(
                Assigned("R-1", new DateOnly(2026, 1, 10), me, RequestStatus.Registered, null),
                Assigned("R-2", new DateOnly(2026, 2, 10), me, RequestStatus.Reopened, null),
                Assigned("R-3", new DateOnly(2026, 3, 10), me, RequestStatus.Registered, null),
                Assigned("R-4", new DateOnly(2026, 4, 10), me, RequestStatus.Registered, null),
                Assigned("R-5", new DateOnly(2025, 11, 10), me, RequestStatus.Registered, null),
                Assigned("R-6", new DateOnly(2026, 4, 10), other, RequestStatus.Registered, null));
            await db.SaveChangesAsync();

            // Two of mine reach Resolved in 2026 (R-1 registered in 2026, R-5 registered in 2025).
            foreach (var number in new[] { "R-1", "R-5" })
            {
                var r = await db.CitizenRequests.SingleAsync(x => x.TrackingNumber == number);
                r.Refer(Data.HeatingDepartmentId, new DateOnly(2026, 12, 1), null, actor, now);
                r.RecordReply("已处理", actor, now);
                r.Resolve(null, actor, now);
            }

            // Suggestions: led two in 2026 (one answered B), co-signed one answered A, led one in 2025 answered A.
            Suggestion Submitted(int lead, int? cosigner, string number, DateTimeOffset at, ReplyCategory? reply)
            {
                var s = Suggestion.Draft(lead, "建议" + number, "正文", null, SuggestionOccasion.BetweenSessions, null, actor, at);
                if (cosigner is { } c)
                {
                    s.AddCoSigner(c, actor, at);
                    s.ConfirmCoSignature(c, actor, at);
                }

                s.Submit(number, actor, at);
                if (reply is { } category)
                {
                    s.Accept(actor, at);
                    s.Assign(Data.HeatingDepartmentId, [], DateOnly.FromDateTime(at.DateTime).AddMonths(3), actor, at);
                    s.RecordReply(Data.HeatingDepartmentId, category, "答复", actor, at);
                }

                return s;
            }

            var in2026 = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));
            var in2025 = new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));
            db.Suggestions.AddRange(
                Submitted(me, null, "2026-JY-9001", in2026, ReplyCategory.B),
                Submitted(me, null, "2026-JY-9002", in2026, null),
                Submitted(other, me, "2026-JY-9003", in2026, ReplyCategory.A),
                Submitted(me, null, "2025-JY-9004", in2025, ReplyCategory.A));

            // An approved star-deputy honour for 2026, a nomination only for 2025.
            var star = StarDeputy.Nominate(me, 2026, "积极履职", now);
            star.PassInitialReview();
            star.RecordPublicVotes(100);
            star.DecideByPanel(null);
            star.Approve(now);
            db.StarDeputies.AddRange(star, StarDeputy.Nominate(me, 2025, null, now));
            await db.SaveChangesAsync();
            DutyDayId = duty.Id;
        }
    }

    [Fact]
    public async Task The_archive_equals_the_hand_count_and_its_xlsx_says_the_same()
    {
        var clerk = await fixture.SessionAsync("clerk");
        var votes = await clerk.GetAsync($"/ReceptionDays/Votes/{fixture.DutyDayId}");
        using (var tooMany = await clerk.SubmitAsync(votes, "#votes-form", new Dictionary<string, string?> { ["Input[0].Satisfied"] = "20", ["Input[0].BasicallySatisfied"] = "5", ["Input[0].Unsatisfied"] = "3" }, pageUrl: $"/ReceptionDays/Votes/{fixture.DutyDayId}"))
        {
            Assert.Equal(HttpStatusCode.OK, tooMany.StatusCode);
            Assert.Contains("25", (await PageSession.ReadAsync(tooMany)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        }

        using (var saved = await clerk.SubmitAsync(votes, "#votes-form", new Dictionary<string, string?> { ["Input[0].Satisfied"] = "12", ["Input[0].BasicallySatisfied"] = "5", ["Input[0].Unsatisfied"] = "3" }, pageUrl: $"/ReceptionDays/Votes/{fixture.DutyDayId}"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var admin = await fixture.SessionAsync("admin");
        var page = await admin.GetAsync($"/Deputies/Archive/{fixture.DeputyId}?year=2026");
        var values = page.QuerySelectorAll("#archive tr").ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => tr.QuerySelector("td")!.TextContent.Trim());

        Assert.Equal("4", values["参加接待日等活动次数"]); // and the duty report D-1
        Assert.Equal("60", values["参加活动接待群众人次"]); // 10 + 20 + 5 + 25
        Assert.Equal("4", values["分派办理的群众诉求"]);
        Assert.Equal("2", values["其中年内解决"]);
        Assert.Equal("2", values["领衔提出建议"]);
        Assert.Equal("1", values["联名提出建议"]);
        Assert.Equal("2", values["已答复建议"]);
        Assert.Equal("2", values["答复为A或B类（落实）"]);
        Assert.Equal("1", values["答复为A类（解决）"]);
        Assert.Equal("1", values["述职次数"]);
        Assert.Equal("20", values["述职测评票数"]);
        Assert.Equal("85.0%", values["述职满意率"].Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.Equal("是", values["明星代表"]);

        var previous = await admin.GetAsync($"/Deputies/Archive/{fixture.DeputyId}?year=2025");
        var old = previous.QuerySelectorAll("#archive tr").ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => tr.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(("1", "99", "1", "1", "否"), (old["参加接待日等活动次数"], old["参加活动接待群众人次"], old["分派办理的群众诉求"], old["领衔提出建议"], old["明星代表"]));

        using var xlsx = await admin.Client.GetAsync($"/Deputies/Archive/{fixture.DeputyId}?handler=Export&year=2026");
        var text = RequestPagesTests.XlsxText(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Contains("参加活动接待群众人次60", text, StringComparison.Ordinal);

        var table = await admin.GetAsync("/Deputies/Archives?year=2026&sort=citizens&desc=true");
        var rows = table.QuerySelectorAll("#archives-table tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        // 李秀英 (DP-002) received 10 + 99 citizens at the days she attended, more than DP-001's 60: sorted first.
        Assert.Equal(["DP-002", "DP-001"], rows.Take(2).Select(r => r[0]).ToArray());
        Assert.Equal("60", rows[1][3]);

        await using var db = fixture.Db();
        Assert.Equal(20, (await db.ReceptionDays.AsNoTracking().SingleAsync(d => d.Id == fixture.DutyDayId)).DutyReports.Single().TotalVotes);
    }
}
