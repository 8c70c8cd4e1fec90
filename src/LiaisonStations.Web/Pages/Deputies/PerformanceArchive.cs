using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Deputies;

/// <summary>履职档案 figures of one deputy for one year, all derived from the records.</summary>
public sealed class ArchiveRow
{
    public int DeputyId { get; init; }

    public string Code { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public int ReceptionDays { get; init; }

    public int CitizensReceived { get; init; }

    public int RequestsAssigned { get; init; }

    public int RequestsResolved { get; init; }

    public int SuggestionsLed { get; init; }

    public int SuggestionsCoSigned { get; init; }

    public int SuggestionsAnswered { get; init; }

    public int SuggestionsAorB { get; init; }

    public int SuggestionsSolved { get; init; }

    public int DutyReports { get; init; }

    public int DutyVotes { get; init; }

    public int DutyVotesSatisfied { get; init; }

    public bool StarDeputy { get; init; }

    /// <summary>Duty-report satisfaction: (satisfied + basically) ÷ all votes; null without votes.</summary>
    public decimal? DutySatisfaction => DutyVotes == 0 ? null : (decimal)DutyVotesSatisfied / DutyVotes;
}

/// <summary>
/// The performance archive (履职档案), never typed in: reception days attended and the citizens received at
/// them, requests assigned (registered in the year) and resolved (in the year), suggestions submitted in the
/// year that the deputy led or co-signed and how they were answered, duty reports held in the year with
/// their votes, and an approved star-deputy honour. Counted in the database, one row per deputy.
/// </summary>
public static class PerformanceArchive
{
    public static IQueryable<ArchiveRow> For(AppDbContext db, IQueryable<Deputy> deputies, int year)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var held = db.ReceptionDays.Where(r => r.Status == ReceptionDayStatus.Held && r.Date >= from && r.Date <= to);

        // Each figure is aggregated once per deputy (GROUP BY) and joined to the deputies, so a whole city's
        // table costs a few scans rather than a sub-query per deputy and figure.
        var attended = held
            .SelectMany(r => r.Deputies.Where(x => x.Attended), (r, x) => new { x.DeputyId, r.CitizensReceived })
            .GroupBy(x => x.DeputyId)
            .Select(g => new { DeputyId = g.Key, Days = g.Count(), Citizens = g.Sum(x => x.CitizensReceived) });
        var assigned = db.CitizenRequests.Where(r => r.RegisteredOn >= from && r.RegisteredOn <= to)
            .SelectMany(r => r.Deputies, (r, x) => x.DeputyId)
            .GroupBy(x => x).Select(g => new { DeputyId = g.Key, Count = g.Count() });
        var resolved = db.CitizenRequests.Where(r => r.ResolvedOn >= from && r.ResolvedOn <= to)
            .SelectMany(r => r.Deputies, (r, x) => x.DeputyId)
            .GroupBy(x => x).Select(g => new { DeputyId = g.Key, Count = g.Count() });
        var submitted = db.Suggestions.Where(s => s.SubmittedOn >= from && s.SubmittedOn <= to);
        var signed = submitted.Select(s => new { DeputyId = s.LeadDeputyId, Lead = 1, s.LatestReplyCategory })
            .Concat(submitted.SelectMany(s => s.CoSigners, (s, c) => new { c.DeputyId, Lead = 0, s.LatestReplyCategory }))
            .GroupBy(x => x.DeputyId)
            .Select(g => new
            {
                DeputyId = g.Key,
                Led = g.Sum(x => x.Lead),
                CoSigned = g.Sum(x => 1 - x.Lead),
                Answered = g.Count(x => x.LatestReplyCategory != null),
                AorB = g.Count(x => x.LatestReplyCategory == ReplyCategory.A || x.LatestReplyCategory == ReplyCategory.B),
                Solved = g.Count(x => x.LatestReplyCategory == ReplyCategory.A),
            });
        var duty = held.Where(r => r.Type == ReceptionDayType.DutyReport)
            .SelectMany(r => r.DutyReports)
            .GroupBy(x => x.DeputyId)
            .Select(g => new
            {
                DeputyId = g.Key,
                Reports = g.Count(),
                Votes = g.Sum(x => x.Satisfied + x.BasicallySatisfied + x.Unsatisfied),
                Satisfied = g.Sum(x => x.Satisfied + x.BasicallySatisfied),
            });
        var stars = db.StarDeputies.Where(s => s.Year == year && s.Stage == HonourStage.Approved).Select(s => s.DeputyId);

        return from d in deputies
               join a in attended on d.Id equals a.DeputyId into ga
               from a in ga.DefaultIfEmpty()
               join q in assigned on d.Id equals q.DeputyId into gq
               from q in gq.DefaultIfEmpty()
               join v in resolved on d.Id equals v.DeputyId into gv
               from v in gv.DefaultIfEmpty()
               join s in signed on d.Id equals s.DeputyId into gs
               from s in gs.DefaultIfEmpty()
               join u in duty on d.Id equals u.DeputyId into gu
               from u in gu.DefaultIfEmpty()
               select new ArchiveRow
               {
                   DeputyId = d.Id,
                   Code = d.Code,
                   Name = d.Name,
                   ReceptionDays = (int?)a.Days ?? 0,
                   CitizensReceived = (int?)a.Citizens ?? 0,
                   RequestsAssigned = (int?)q.Count ?? 0,
                   RequestsResolved = (int?)v.Count ?? 0,
                   SuggestionsLed = (int?)s.Led ?? 0,
                   SuggestionsCoSigned = (int?)s.CoSigned ?? 0,
                   SuggestionsAnswered = (int?)s.Answered ?? 0,
                   SuggestionsAorB = (int?)s.AorB ?? 0,
                   SuggestionsSolved = (int?)s.Solved ?? 0,
                   DutyReports = (int?)u.Reports ?? 0,
                   DutyVotes = (int?)u.Votes ?? 0,
                   DutyVotesSatisfied = (int?)u.Satisfied ?? 0,
                   StarDeputy = stars.Contains(d.Id),
               };
    }
}
