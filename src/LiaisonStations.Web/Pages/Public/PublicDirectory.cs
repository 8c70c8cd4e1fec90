using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Pages.Public;

/// <summary>
/// An upcoming reception day as the public sees it: when, where, what about, which deputies receive, and — when the
/// station takes bookings (预约) — how many places are left.
/// </summary>
public sealed record PublicReceptionDay(int Id, DateOnly Date, TimeOnly? StartsAt, TimeOnly? EndsAt, ReceptionDayType Type, string? Theme, string StationCode, string StationName, IReadOnlyList<string> Deputies, int? PlacesLeft = null);

/// <summary>A deputy stationed at a station, as the public sees them: never their phone or any other contact.</summary>
public sealed record PublicDeputy(string Name, DeputyLevels Levels, string? Sector, bool Chief);

/// <summary>
/// What the public pages read: active stations and points, their upcoming reception days and stationed deputies.
/// Only public facts: no citizen, no request, no deputy's contact details.
/// </summary>
public sealed class PublicDirectory(ReadOnlyDb db)
{
    /// <summary>Reception days from <paramref name="from"/> to <paramref name="to"/> not cancelled, at active stations (one, or all when null).</summary>
    public async Task<IReadOnlyList<PublicReceptionDay>> UpcomingAsync(DateOnly from, DateOnly to, int? stationId, int max, CancellationToken ct)
    {
        var days = await db.ReceptionDays.AsNoTracking()
            .Where(d => d.Date >= from && d.Date <= to && d.Status != ReceptionDayStatus.Cancelled && (stationId == null || d.StationId == stationId))
            .Join(db.Stations.Where(s => s.Status == StationStatus.Active), d => d.StationId, s => s.Id, (d, s) => new { d, s.Code, s.Name })
            .OrderBy(x => x.d.Date).ThenBy(x => x.d.StartsAt).ThenBy(x => x.Code)
            .Take(max)
            .Select(x => new
            {
                x.d.Id, x.d.Date, x.d.StartsAt, x.d.EndsAt, x.d.Type, x.d.Theme, x.Code, x.Name,
                Deputies = x.d.Deputies.Where(p => p.Planned).Select(p => p.DeputyId).ToList(),
                PlacesLeft = x.d.Status == ReceptionDayStatus.Planned ? x.d.AppointmentCapacity - x.d.Appointments.Count(a => a.CancelledAt == null) : null,
            })
            .ToListAsync(ct);
        var ids = days.SelectMany(d => d.Deputies).Distinct().ToArray();
        var names = await db.Deputies.AsNoTracking().Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, ct);
        return days.Select(d => new PublicReceptionDay(d.Id, d.Date, d.StartsAt, d.EndsAt, d.Type, d.Theme, d.Code, d.Name,
            d.Deputies.Select(id => names.GetValueOrDefault(id)).OfType<string>().Order(StringComparer.Ordinal).ToList(), d.PlacesLeft)).ToList();
    }

    /// <summary>An open station or point by its code; null for unknown and closed ones (the public sees only those open).</summary>
    public Task<Station?> FindAsync(string code, CancellationToken ct) =>
        db.Stations.AsNoTracking().FirstOrDefaultAsync(s => s.Code == code && s.Status == StationStatus.Active, ct);

    /// <summary>Deputies stationed at the station now, the chief first.</summary>
    public async Task<IReadOnlyList<PublicDeputy>> StationedAsync(int stationId, CancellationToken ct) =>
        await db.Deputies.AsNoTracking()
            .Where(d => d.Status == DeputyStatus.Active && d.Assignments.Any(a => a.StationId == stationId && a.To == null))
            .OrderBy(d => d.Assignments.Any(a => a.StationId == stationId && a.To == null && a.Role == AssignmentRole.Chief) ? 0 : 1).ThenBy(d => d.Name)
            .Select(d => new PublicDeputy(d.Name, d.Levels, d.Sector, d.Assignments.Any(a => a.StationId == stationId && a.To == null && a.Role == AssignmentRole.Chief)))
            .ToListAsync(ct);
}
