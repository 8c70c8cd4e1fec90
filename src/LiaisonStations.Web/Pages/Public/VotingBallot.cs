using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Voting;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Statistics;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>A nominee as voters see it: who or which station, and the record of the year (public facts only).</summary>
public sealed record BallotEntry(int HonourId, string Name, string? Detail, int ReceptionDays, int Resolved, int? StandardsMet, int? ProposedStars, int Votes);

/// <summary>
/// The ballot of a voting round: each nomination with its record of the year — reception days and requests resolved
/// (a station's own figures, the dashboard's computation; a deputy's days attended and assigned requests resolved),
/// the eight standards met and the stars proposed for a station — and the votes counted so far.
/// </summary>
public sealed class VotingBallot(ReadOnlyDb db, SharedMetrics metrics, TimeProvider clock)
{
    /// <summary>The confirmed votes of a round per nomination (nominations without a vote are absent).</summary>
    public Task<Dictionary<int, int>> VoteCountsAsync(int roundId, CancellationToken ct) =>
        db.PublicVotes.AsNoTracking().Where(v => v.RoundId == roundId)
            .GroupBy(v => v.HonourId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);

    public async Task<IReadOnlyList<BallotEntry>> EntriesAsync(VotingRound round, CancellationToken ct)
    {
        var ids = round.Nominees.Select(n => n.HonourId).ToArray();
        var votes = await VoteCountsAsync(round.Id, ct);
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var from = new DateOnly(round.Year, 1, 1);
        var to = round.Year == today.Year ? today : new DateOnly(round.Year, 12, 31);
        var entries = new List<BallotEntry>();
        if (round.Kind == HonourKind.StationStars)
        {
            var stations = await db.StationStarRatings.AsNoTracking().Where(r => ids.Contains(r.Id))
                .Join(db.Stations, r => r.StationId, s => s.Id, (r, s) => new { r.Id, r.ProposedStars, StationId = s.Id, s.Name, s.Address, Met = s.Standards.Count(x => x.Met) })
                .ToListAsync(ct);
            foreach (var s in stations.OrderBy(s => s.Name, StringComparer.Ordinal))
            {
                var figures = (await metrics.ForStationAsync(s.StationId, from, to, ct)).Metrics;
                entries.Add(new BallotEntry(s.Id, s.Name, s.Address, figures.ReceptionDays, figures.Resolved, s.Met, s.ProposedStars, votes.GetValueOrDefault(s.Id)));
            }

            return entries;
        }

        var deputies = await db.StarDeputies.AsNoTracking().Where(h => ids.Contains(h.Id))
            .Join(db.Deputies, h => h.DeputyId, d => d.Id, (h, d) => new
            {
                h.Id, d.Name, d.Sector, DeputyId = d.Id,
                Days = db.ReceptionDays.Count(r => r.Status == ReceptionDayStatus.Held && r.Date >= from && r.Date <= to
                    && (r.Type == ReceptionDayType.Reception || r.Type == ReceptionDayType.ThemedReception) && r.Deputies.Any(x => x.DeputyId == d.Id && x.Attended)),
                Resolved = db.CitizenRequests.Count(q => q.ResolvedOn >= from && q.ResolvedOn <= to && q.Deputies.Any(x => x.DeputyId == d.Id)),
            })
            .ToListAsync(ct);
        return deputies.OrderBy(d => d.Name, StringComparer.Ordinal)
            .Select(d => new BallotEntry(d.Id, d.Name, d.Sector, d.Days, d.Resolved, null, null, votes.GetValueOrDefault(d.Id))).ToList();
    }
}
