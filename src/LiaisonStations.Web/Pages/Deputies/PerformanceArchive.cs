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
        var submitted = db.Suggestions.Where(s => s.SubmittedOn >= from && s.SubmittedOn <= to);
        return deputies.Select(d => new ArchiveRow
        {
            DeputyId = d.Id,
            Code = d.Code,
            Name = d.Name,
            ReceptionDays = held.Count(r => r.Deputies.Any(x => x.DeputyId == d.Id && x.Attended)),
            CitizensReceived = held.Where(r => r.Deputies.Any(x => x.DeputyId == d.Id && x.Attended)).Sum(r => (int?)r.CitizensReceived) ?? 0,
            RequestsAssigned = db.CitizenRequests.Count(r => r.RegisteredOn >= from && r.RegisteredOn <= to && r.Deputies.Any(x => x.DeputyId == d.Id)),
            RequestsResolved = db.CitizenRequests.Count(r => r.ResolvedOn >= from && r.ResolvedOn <= to && r.Deputies.Any(x => x.DeputyId == d.Id)),
            SuggestionsLed = submitted.Count(s => s.LeadDeputyId == d.Id),
            SuggestionsCoSigned = submitted.Count(s => s.CoSigners.Any(c => c.DeputyId == d.Id)),
            SuggestionsAnswered = submitted.Count(s => (s.LeadDeputyId == d.Id || s.CoSigners.Any(c => c.DeputyId == d.Id)) && s.LatestReplyCategory != null),
            SuggestionsAorB = submitted.Count(s => (s.LeadDeputyId == d.Id || s.CoSigners.Any(c => c.DeputyId == d.Id)) && (s.LatestReplyCategory == ReplyCategory.A || s.LatestReplyCategory == ReplyCategory.B)),
            SuggestionsSolved = submitted.Count(s => (s.LeadDeputyId == d.Id || s.CoSigners.Any(c => c.DeputyId == d.Id)) && s.LatestReplyCategory == ReplyCategory.A),
            DutyReports = held.Count(r => r.Type == ReceptionDayType.DutyReport && r.DutyReports.Any(x => x.DeputyId == d.Id)),
            DutyVotes = held.Where(r => r.Type == ReceptionDayType.DutyReport).SelectMany(r => r.DutyReports).Where(x => x.DeputyId == d.Id).Sum(x => (int?)(x.Satisfied + x.BasicallySatisfied + x.Unsatisfied)) ?? 0,
            DutyVotesSatisfied = held.Where(r => r.Type == ReceptionDayType.DutyReport).SelectMany(r => r.DutyReports).Where(x => x.DeputyId == d.Id).Sum(x => (int?)(x.Satisfied + x.BasicallySatisfied)) ?? 0,
            StarDeputy = db.StarDeputies.Any(s => s.DeputyId == d.Id && s.Year == year && s.Stage == HonourStage.Approved),
        });
    }
}
