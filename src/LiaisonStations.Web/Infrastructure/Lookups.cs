using LiaisonStations.Domain.Deputies;
using LiaisonStations.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Infrastructure;

/// <summary>Choice lists several forms share (deputies of a station, departments, categories).</summary>
public sealed class Lookups(AppDbContext db)
{
    public sealed record Option(int Id, string Name, string? Detail = null);

    /// <summary>Deputies currently stationed at the station, chief first.</summary>
    public async Task<IReadOnlyList<Option>> StationedDeputiesAsync(int stationId, CancellationToken ct) =>
        await db.Deputies.AsNoTracking()
            .Where(d => d.Status == DeputyStatus.Active && d.Assignments.Any(a => a.StationId == stationId && a.To == null))
            .OrderBy(d => d.Assignments.Any(a => a.StationId == stationId && a.To == null && a.Role == AssignmentRole.Chief) ? 0 : 1)
            .ThenBy(d => d.Name)
            .Select(d => new Option(d.Id, d.Name, d.Sector))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<Option>> DeputiesByIdAsync(IReadOnlyCollection<int> ids, CancellationToken ct) =>
        await db.Deputies.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.Name).Select(d => new Option(d.Id, d.Name, d.Sector)).ToListAsync(ct);

    public async Task<IReadOnlyList<Option>> ActiveDepartmentsAsync(CancellationToken ct) =>
        await db.Departments.AsNoTracking().Where(d => d.IsActive).OrderBy(d => d.Code).Select(d => new Option(d.Id, d.Name, d.Code)).ToListAsync(ct);

    /// <summary>Whether every id names a deputy currently stationed at the station.</summary>
    public async Task<bool> AllStationedAsync(int stationId, IEnumerable<int> deputyIds, CancellationToken ct)
    {
        var ids = deputyIds.Distinct().ToArray();
        return ids.Length == 0 || await db.Deputies.CountAsync(d => ids.Contains(d.Id) && d.Assignments.Any(a => a.StationId == stationId && a.To == null), ct) == ids.Length;
    }
}
