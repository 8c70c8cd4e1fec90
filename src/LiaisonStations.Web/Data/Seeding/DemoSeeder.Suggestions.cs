using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>Demo data: Deputies' suggestions from draft to the departments' replies and evaluations.</summary>
public sealed partial class DemoSeeder
{
    private async Task SeedSuggestionsAsync(CancellationToken ct)
    {
        var cityDeputies = _deputies.Where(d => d.IsActive && d.HoldsLevel(DeputyLevels.City)).Select(d => d.Id).ToList();
        var cityDepartments = _departments.Where(d => d.AreaId == _city.Id).ToList();
        var staff = new Actor(null, "市人大常委会代表工作室");
        var plan = new (SuggestionStatus Target, int Count)[]
        {
            (SuggestionStatus.Draft, 12), (SuggestionStatus.Submitted, 20), (SuggestionStatus.Accepted, 10),
            (SuggestionStatus.ReclassifiedAsOpinion, 12), (SuggestionStatus.Assigned, 120), (SuggestionStatus.Replied, 70),
            (SuggestionStatus.Evaluated, 40), (SuggestionStatus.Rehandling, 12), (SuggestionStatus.Closed, 268),
        };
        var suggestionSeq = new Dictionary<int, int>();
        var all = new List<Suggestion>();
        foreach (var (target, count) in plan)
        {
            for (var i = 0; i < count; i++)
            {
                var stage = (int)target;
                // Later targets were submitted earlier, so their whole history lies in the past.
                var daysAgo = target switch
                {
                    SuggestionStatus.Draft => _rng.Next(0, 20),
                    SuggestionStatus.Submitted or SuggestionStatus.ReclassifiedAsOpinion => _rng.Next(3, 25),
                    SuggestionStatus.Accepted => _rng.Next(10, 25),
                    SuggestionStatus.Assigned => _rng.Next(30, 70),
                    _ => _rng.Next(150, 330),
                };
                var start = _now.AddDays(-daysAgo);
                var lead = Pick(cityDeputies);
                var leadActor = new Actor(null, "代表");
                var occasion = _rng.NextDouble() < 0.7 ? SuggestionOccasion.Session : SuggestionOccasion.BetweenSessions;
                var s = Suggestion.Draft(lead, Pick(HarbinData.SuggestionTitles), "近年来群众反映集中。建议：一是摸清底数；二是加大投入；三是建立长效机制。", Pick(HarbinData.Categories), occasion, occasion == SuggestionOccasion.Session ? "市十六届人大五次会议" : null, leadActor, start);
                foreach (var co in Sample(cityDeputies.Where(id => id != lead).ToList(), _rng.Next(0, 4)))
                {
                    s.AddCoSigner(co, leadActor, start);
                    if (stage > 1 || _rng.NextDouble() < 0.5)
                    {
                        s.ConfirmCoSignature(co, new Actor(null, "联名代表"), start.AddHours(5));
                    }
                }

                all.Add(s);
                if (stage == 1)
                {
                    continue;
                }

                var t = start.AddDays(1);
                var year = ChinaTime.DateOf(t).Year;
                var n = suggestionSeq[year] = suggestionSeq.GetValueOrDefault(year) + 1;
                s.Submit(RecordNumbers.Suggestion(year, n), leadActor, t);
                if (target == SuggestionStatus.Submitted)
                {
                    continue;
                }

                t = t.AddDays(2);
                if (target == SuggestionStatus.ReclassifiedAsOpinion)
                {
                    s.ReclassifyAsOpinion("内容属于一般性意见，转作意见处理。", staff, t);
                    continue;
                }

                s.Accept(staff, t);
                if (target == SuggestionStatus.Accepted)
                {
                    continue;
                }

                t = t.AddDays(5);
                var lead2 = Pick(cityDepartments);
                var coUnits = Sample(cityDepartments.Where(d => d.Id != lead2.Id).Select(d => d.Id).ToList(), _rng.Next(0, 3));
                s.Assign(lead2.Id, coUnits, Suggestion.DefaultDueOn(ChinaTime.DateOf(t)), staff, t);
                if (_rng.NextDouble() < 0.06)
                {
                    s.SetKeySupervision(true, "常委会副主任" + RandomName(), staff, t);
                }

                if (_rng.NextDouble() < 0.04)
                {
                    s.SetThirdPartyEvaluation(true, staff, t);
                }

                if (target == SuggestionStatus.Assigned)
                {
                    continue;
                }

                t = t.AddDays(_rng.Next(30, 80));
                var departmentActor = new Actor(null, lead2.Name);
                foreach (var co in coUnits)
                {
                    s.RecordReply(co, null, "协办意见：积极配合主办单位办理。", new Actor(null, "协办单位"), t.AddDays(-3));
                }

                var x = _rng.NextDouble();
                var category = x < 0.55 ? ReplyCategory.A : x < 0.9 ? ReplyCategory.B : ReplyCategory.C;
                s.RecordReply(lead2.Id, category, "关于您提出的建议，我单位高度重视，已研究落实。", departmentActor, t);
                if (target == SuggestionStatus.Replied)
                {
                    continue;
                }

                t = t.AddDays(_rng.Next(3, 15));
                var unsatisfied = target == SuggestionStatus.Rehandling || _rng.NextDouble() < 0.04;
                var evaluation = unsatisfied ? Domain.Common.Evaluation.Unsatisfied : _rng.NextDouble() < 0.85 ? Domain.Common.Evaluation.Satisfied : Domain.Common.Evaluation.BasicallySatisfied;
                s.Evaluate(evaluation, unsatisfied ? "答复未提出具体措施。" : null, leadActor, t);
                if (target == SuggestionStatus.Evaluated)
                {
                    continue;
                }

                if (unsatisfied)
                {
                    t = t.AddDays(2);
                    s.Rehandle(ChinaTime.DateOf(t).AddMonths(1), "请重新办理。", staff, t);
                    if (target == SuggestionStatus.Rehandling)
                    {
                        continue;
                    }

                    t = t.AddDays(20);
                    s.RecordReply(lead2.Id, ReplyCategory.B, "已重新研究，列入明年计划。", departmentActor, t);
                    t = t.AddDays(5);
                    s.Evaluate(Domain.Common.Evaluation.BasicallySatisfied, null, leadActor, t);
                }

                t = t.AddDays(3);
                s.Close(staff, t);
            }
        }

        db.Suggestions.AddRange(all);
        await SaveAsync(ct);

        // Some open requests grew into suggestions: a draft by an assigned deputy, linked both ways.
        var candidates = await db.CitizenRequests
            .Where(r => r.Status == RequestStatus.Assigned || r.Status == RequestStatus.Replied)
            .OrderBy(r => r.Id)
            .Take(15)
            .ToListAsync(ct);
        foreach (var request in candidates)
        {
            var deputyId = request.Deputies[0].DeputyId;
            var draft = Suggestion.Draft(deputyId, "关于" + request.Summary[..Math.Min(12, request.Summary.Length)] + "问题的建议", request.Summary, null, SuggestionOccasion.BetweenSessions, null, new Actor(null, "代表"), _now.AddHours(-3));
            draft.LinkRequest(request.Id, new Actor(null, "代表"), _now.AddHours(-3));
            db.Suggestions.Add(draft);
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            request.ConvertToSuggestion(draft.Id, new Actor(null, "代表"), _now.AddHours(-3));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
        }

        db.ChangeTracker.Clear();
        foreach (var (year, value) in suggestionSeq)
        {
            _counters[RecordNumbers.SuggestionScope(year)] = value;
        }
    }
}
