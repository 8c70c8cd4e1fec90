using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Domain.Suggestions;
using LiaisonStations.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Statistics;

/// <summary>The metrics of DESIGN §4 for one area and period. Rates are fractions from 0 to 1, null when there is nothing to divide by.</summary>
public sealed record Metrics(
    int Stations,
    int Points,
    decimal? Coverage,
    IReadOnlyDictionary<string, decimal?> EntryRate,
    int ReceptionDays,
    int DeputyParticipations,
    int CitizensReceived,
    int RequestsCollected,
    int Resolved,
    decimal? ResolutionRate,
    decimal? AverageDaysToClose,
    int Overdue,
    decimal? Satisfaction,
    int DutyReports,
    int ReportingDeputies,
    int DutyReportAttendees,
    decimal? DutyReportSatisfaction,
    decimal? SuggestionImplementationRate,
    decimal? SuggestionSolvedRate,
    decimal? SuggestionSatisfaction,
    decimal? EightStandardsCompliance);

/// <summary>
/// Computes DESIGN §4 in the database for an area (everything whose area path lies under it) and a period,
/// every figure one aggregate query. Where the design leaves it open: deputies belong to the area they were
/// elected in (constituency); suggestions to their lead deputy's area; "resolved" counts requests whose
/// resolution date falls in the period; the resolution rate divides by requests that left the open states
/// in the period; evaluations count when collected in the period; overdue is as of today.
/// </summary>
public sealed class AreaMetrics(AppDbContext db, TimeProvider clock)
{
    public async Task<Metrics> ForAsync(Area area, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var path = area.Path;
        var prefix = path + ".";
        var stations = db.Stations.AsNoTracking().Where(s => s.AreaPath == path || s.AreaPath.StartsWith(prefix));
        var active = stations.Where(s => s.Status == StationStatus.Active);
        var stationIds = await stations.Select(s => s.Id).ToArrayAsync(ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());

        var stationCount = await active.CountAsync(s => s.Kind == StationKind.Station, ct);
        var points = await active.CountAsync(s => s.Kind == StationKind.Point, ct);

        var streets = db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.Street && (a.Path == path || a.Path.StartsWith(prefix)));
        var streetCount = await streets.CountAsync(ct);
        var coveredStreets = await streets.CountAsync(a => active.Any(s => s.Kind == StationKind.Station && s.AreaId == a.Id), ct);

        var areaIds = db.Areas.Where(a => a.Path == path || a.Path.StartsWith(prefix)).Select(a => a.Id);
        var deputies = db.Deputies.AsNoTracking().Where(d => d.Status == DeputyStatus.Active && d.ConstituencyAreaId != null && areaIds.Contains(d.ConstituencyAreaId.Value));
        var entry = new Dictionary<string, decimal?>();
        foreach (var level in Deputy.AllLevels)
        {
            var ofLevel = deputies.Where(d => (d.Levels & level) == level);
            var all = await ofLevel.CountAsync(ct);
            var stationed = await ofLevel.CountAsync(d => d.Assignments.Any(a => a.To == null), ct);
            entry[level.ToString()] = Rate(stationed, all);
        }

        var held = db.ReceptionDays.AsNoTracking().Where(r => stationIds.Contains(r.StationId) && r.Status == ReceptionDayStatus.Held && r.Date >= from && r.Date <= to);
        var reception = await held.Where(r => r.Type == ReceptionDayType.Reception || r.Type == ReceptionDayType.ThemedReception)
            .GroupBy(_ => 1).Select(g => new { Days = g.Count(), Deputies = g.Sum(r => r.DeputiesAttended), Citizens = g.Sum(r => r.CitizensReceived) })
            .FirstOrDefaultAsync(ct);
        var dutyDays = held.Where(r => r.Type == ReceptionDayType.DutyReport);
        var dutyCount = await dutyDays.CountAsync(ct);
        var dutyAttendees = await dutyDays.SumAsync(r => (int?)r.CitizensReceived, ct) ?? 0;
        var dutyEntries = dutyDays.SelectMany(r => r.DutyReports);
        var reporting = await dutyEntries.Select(e => e.DeputyId).Distinct().CountAsync(ct);
        var votes = await dutyEntries.GroupBy(_ => 1).Select(g => new { All = g.Sum(e => e.Satisfied + e.BasicallySatisfied + e.Unsatisfied), Good = g.Sum(e => e.Satisfied + e.BasicallySatisfied) }).FirstOrDefaultAsync(ct);

        var requests = db.CitizenRequests.AsNoTracking().Where(r => stationIds.Contains(r.StationId));
        var collected = await requests.CountAsync(r => r.RegisteredOn >= from && r.RegisteredOn <= to, ct);
        var resolved = await requests.CountAsync(r => r.ResolvedOn >= from && r.ResolvedOn <= to, ct);
        var finished = await requests.CountAsync(r => r.FinishedOn >= from && r.FinishedOn <= to, ct);
        var closedDays = await requests.Where(r => r.ClosedOn >= from && r.ClosedOn <= to)
            .Select(r => r.ClosedOn!.Value.DayNumber - r.RegisteredOn.DayNumber).ToListAsync(ct);
        var open = RequestWorkflow.Open.ToArray();
        var overdue = await requests.CountAsync(r => open.Contains(r.Status) && r.DueOn < today, ct);
        var evaluations = await requests.SelectMany(r => r.Evaluations).Where(e => e.EvaluatedOn >= from && e.EvaluatedOn <= to)
            .GroupBy(_ => 1).Select(g => new { All = g.Count(), Good = g.Count(e => e.Evaluation != Evaluation.Unsatisfied) }).FirstOrDefaultAsync(ct);

        var deputyIds = deputies.Select(d => d.Id);
        var suggestions = db.Suggestions.AsNoTracking().Where(s => deputyIds.Contains(s.LeadDeputyId));
        var answered = await suggestions.Where(s => s.FirstRepliedOn >= from && s.FirstRepliedOn <= to && s.LatestReplyCategory != null)
            .GroupBy(_ => 1).Select(g => new { All = g.Count(), AorB = g.Count(s => s.LatestReplyCategory != ReplyCategory.C), A = g.Count(s => s.LatestReplyCategory == ReplyCategory.A) })
            .FirstOrDefaultAsync(ct);
        var suggestionEvaluations = await suggestions.SelectMany(s => s.Evaluations).Where(e => e.EvaluatedOn >= from && e.EvaluatedOn <= to)
            .GroupBy(_ => 1).Select(g => new { All = g.Count(), Good = g.Count(e => e.Evaluation != Evaluation.Unsatisfied) }).FirstOrDefaultAsync(ct);

        var standardsMet = await active.Where(s => s.Kind == StationKind.Station).SelectMany(s => s.Standards).CountAsync(x => x.Met, ct);

        return new Metrics(
            stationCount,
            points,
            Rate(coveredStreets, streetCount),
            entry,
            reception?.Days ?? 0,
            reception?.Deputies ?? 0,
            reception?.Citizens ?? 0,
            collected,
            resolved,
            Rate(resolved, finished),
            closedDays.Count == 0 ? null : Math.Round((decimal)closedDays.Sum() / closedDays.Count, 2),
            overdue,
            Rate(evaluations?.Good ?? 0, evaluations?.All ?? 0),
            dutyCount,
            reporting,
            dutyAttendees,
            Rate(votes?.Good ?? 0, votes?.All ?? 0),
            Rate(answered?.AorB ?? 0, answered?.All ?? 0),
            Rate(answered?.A ?? 0, answered?.All ?? 0),
            Rate(suggestionEvaluations?.Good ?? 0, suggestionEvaluations?.All ?? 0),
            Rate(standardsMet, stationCount * 8));
    }

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
