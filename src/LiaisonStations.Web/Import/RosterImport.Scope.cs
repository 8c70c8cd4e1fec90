using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Import;

/// <summary>
/// Whose records a district's staff may import. Every row is checked twice: against the record as it would
/// become (its station, area or constituency in the file) and against the record as it is stored now, so a
/// row naming another district's code cannot move that record into the district or rewrite it.
/// </summary>
public sealed partial class RosterImport
{
    // As stored now, read only for a district's import: the area paths of stations, deputies, days and requests the files name.
    private readonly Dictionary<string, string> _storedStationPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredDeputy> _storedDeputies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredDay> _storedDays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _storedRequestPaths = new(StringComparer.Ordinal);

    // Deputies of the file whose rows passed every check (their new constituency lies in the district).
    private readonly HashSet<string> _acceptedDeputyCodes = new(StringComparer.Ordinal);

    private sealed record StoredDeputy(string? ConstituencyPath, IReadOnlyList<string> StationPaths);

    private sealed record StoredDay(string StationCode, string StationPath);

    private async Task LoadStoredScopeAsync(Dictionary<string, Table> files, string[] deputyCodes, CancellationToken ct)
    {
        foreach (var (code, info) in _stationInfo)
        {
            _storedStationPaths[code] = info.AreaPath;
        }

        var codes = deputyCodes.Concat(Codes(files, "deputies", "code")).Distinct().ToArray();
        foreach (var d in await db.Deputies.AsNoTracking().Where(d => codes.Contains(d.Code))
            .Select(d => new
            {
                d.Code,
                d.ConstituencyPath,
                Stations = d.Assignments.Where(a => a.To == null).Select(a => db.Stations.Where(s => s.Id == a.StationId).Select(s => s.AreaPath).First()).ToList(),
            })
            .ToListAsync(ct))
        {
            _storedDeputies[d.Code] = new StoredDeputy(d.ConstituencyPath, d.Stations);
        }

        var dayCodes = Codes(files, "reception_days", "code").Concat(Codes(files, "requests", "reception_day_code")).Distinct().ToArray();
        foreach (var d in await db.ReceptionDays.AsNoTracking().Where(d => d.Code != null && dayCodes.Contains(d.Code))
            .Join(db.Stations, d => d.StationId, s => s.Id, (d, s) => new { d.Code, s.AreaPath, StationCode = s.Code })
            .ToListAsync(ct))
        {
            _storedDays[d.Code!] = new StoredDay(d.StationCode, d.AreaPath);
        }

        var requestCodes = Codes(files, "requests", "code").Distinct().ToArray();
        foreach (var r in await db.CitizenRequests.AsNoTracking().Where(r => requestCodes.Contains(r.TrackingNumber))
            .Join(db.Stations, r => r.StationId, s => s.Id, (r, s) => new { r.TrackingNumber, s.AreaPath })
            .ToListAsync(ct))
        {
            _storedRequestPaths[r.TrackingNumber] = r.AreaPath;
        }
    }

    /// <summary>A stored record of another district named by a row: a problem on that row's code column.</summary>
    private bool StoredInScope(Table table, TableRow row, string column, string code, string? storedPath, ImportScope scope)
    {
        if (storedPath is null || scope.Allows(storedPath))
        {
            return true;
        }

        Problem(table.FileName, row.Line, column, l["Import.OutsideScope", code]);
        return false;
    }

    /// <summary>
    /// Deputies a district may station, or record at its reception days: those the district's staff see — elected
    /// in the district (the file's new constituency, already checked, or the stored one) or stationed there now.
    /// </summary>
    private bool DeputyInScope(Table table, TableRow row, string column, string code, ImportScope scope)
    {
        if (scope.DistrictPath is null || _acceptedDeputyCodes.Contains(code))
        {
            return true;
        }

        if (_storedDeputies.TryGetValue(code, out var stored)
            && ((stored.ConstituencyPath is { } path && scope.Allows(path)) || stored.StationPaths.Any(scope.Allows)))
        {
            return true;
        }

        Problem(table.FileName, row.Line, column, l["Import.OutsideScope", code]);
        return false;
    }
}
