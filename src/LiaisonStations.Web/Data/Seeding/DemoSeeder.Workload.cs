using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>
/// Work waiting for the demo accounts, so a newcomer signed in as clerk, deputy or department sees the workflow at
/// once: requests to assign, due soon, overdue, replied, with an extension asked for, sent back; a draft to co-sign.
/// </summary>
public sealed partial class DemoSeeder
{
    private int _demoDeputyId;

    private async Task SeedWaitingWorkAsync(CancellationToken ct)
    {
        var rongshi = _stations.Single(s => s.Name == "南岗区荣市街道代表联络站");
        var rongshiDeputies = _deputiesByStation.GetValueOrDefault(rongshi.Id) ?? [];
        // The demo deputy is the one at 荣市街道 with the most requests assigned, so the archive has content too.
        _demoDeputyId = await db.CitizenRequests.AsNoTracking()
            .SelectMany(r => r.Deputies)
            .Where(d => rongshiDeputies.Contains(d.DeputyId))
            .GroupBy(d => d.DeputyId)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .Select(g => (int?)g.Key)
            .FirstOrDefaultAsync(ct) ?? rongshiDeputies[0];
        var heating = _departments.Single(d => d.Code == "D230100-GRB");
        var other = _departments.First(d => d.Id != heating.Id);
        var district = _districtsByCode[DistrictCodeOfStation(rongshi)];
        var clerk = new Actor(null, "荣市街道联络员 王芳");
        var office = new Actor(null, "市供热办公室 刘强");
        var category = _categories.Single(c => c.Name == "供暖供水").Id;
        var deputies = new[] { _demoDeputyId };

        CitizenRequest Register(string summary, int daysAgo)
        {
            var at = _now.AddDays(-daysAgo).AddHours(-6);
            var date = ChinaTime.DateOf(at);
            var scope = RecordNumbers.RequestScope(date.Year, district.Abbreviation!);
            var seq = _counters[scope] = _counters.GetValueOrDefault(scope) + 1;
            var contact = new CitizenContact(RandomName(), RandomPhone(), $"荣市街{_rng.Next(1, 99)}号", true, true);
            return CitizenRequest.Register(RecordNumbers.Request(date.Year, district.Abbreviation!, seq), RecordNumbers.TrackingCode(_rng), rongshi.Id, null, RequestChannel.WalkIn, category, summary, contact, clerk, at);
        }

        CitizenRequest Referred(string summary, int daysAgo, int departmentId, DateOnly dueOn)
        {
            var r = Register(summary, daysAgo);
            r.AssignDeputies(deputies, null, clerk, _now.AddDays(-daysAgo).AddHours(-5));
            // Referred on the day it was assigned; the due date is what the clerk set then.
            var referredAt = _now.AddDays(-daysAgo).AddHours(-4);
            r.Refer(departmentId, dueOn > ChinaTime.DateOf(referredAt) ? dueOn : ChinaTime.DateOf(referredAt).AddDays(1), "请核实并答复。", clerk, referredAt);
            return r;
        }

        var toAssign1 = Register("单元门禁损坏，陌生人随意出入", 1);
        var toAssign2 = Register("暖气试水后仍有一户不热，已报修两次", 0);
        var dueSoon = Referred("供暖不达标，室温长期低于18度", 5, heating.Id, _calendar.AddWorkingDays(_today, 2));
        var overdue = Referred("暖气管道漏水，多次报修未处理", 20, heating.Id, _today.AddDays(-4));
        var replied = Referred("小区二次供水水压不足，高层住户用水困难", 12, heating.Id, _calendar.AddWorkingDays(_today, 3));
        replied.RecordReply("已安排换热站检修二次加压泵，11月28日起水压恢复正常，已电话回访住户。", office, _now.AddDays(-1));
        var extension = Referred("老旧小区供热管网改造进度慢", 8, heating.Id, _calendar.AddWorkingDays(_today, 3));
        extension.RequestExtension(_calendar.AddWorkingDays(_today, 15), "管网改造需待供暖期结束后施工，申请延期至改造方案确定。", office, _now.AddDays(-1));
        var sentBack = Referred("小区门前道路坑洼，雨天积水", 6, other.Id, _calendar.AddWorkingDays(_today, 5));
        sentBack.SendBack("道路维修不属于本单位职责，建议转区住建局办理。", new Actor(null, other.Name), _now.AddDays(-2));
        db.CitizenRequests.AddRange(toAssign1, toAssign2, dueSoon, overdue, replied, extension, sentBack);

        // A colleague at the same station drafted a suggestion and invited the demo deputy to co-sign it.
        var colleague = rongshiDeputies.FirstOrDefault(id => id != _demoDeputyId);
        if (colleague != 0)
        {
            var author = new Actor(null, "代表");
            var draft = Suggestion.Draft(colleague, "关于加快荣市街道老旧小区供热管网改造的建议", "荣市街道多个老旧小区供热管网老化，冬季室温不达标的诉求集中。建议将其列入明年改造计划，并在供暖期前完工。", "供暖供水", SuggestionOccasion.BetweenSessions, null, author, _now.AddDays(-2));
            draft.AddCoSigner(_demoDeputyId, author, _now.AddDays(-2));
            db.Suggestions.Add(draft);
        }

        await SaveAsync(ct);
    }
}
