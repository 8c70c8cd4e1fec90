using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Import;

/// <summary>stations.csv: stations and points by code.</summary>
public sealed partial class RosterImport
{
    private sealed record StationRow(int Line, string Code, string Name, StationKind Kind, string AreaCode, HostType Host, string? Address, DateOnly OpenedOn, bool LegislativeContactPoint);

    private void ParseStations(Table table, ImportScope scope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var row in table.Rows)
        {
            var ok = true;
            var code = Required(table, row, "code", ref ok);
            var name = Required(table, row, "name", ref ok);
            var kind = EnumValue<StationKind>(table, row, "kind", null, ref ok);
            var host = EnumValue<HostType>(table, row, "host_type", null, ref ok);
            var areaCode = Required(table, row, "area_code", ref ok);
            var opened = DateValue(table, row, "opened_on", required: true, ref ok);
            var lcp = ImportValues.Bool(row.Get("legislative_contact_point"));
            if (lcp is null)
            {
                Problem(table.FileName, row.Line, "legislative_contact_point", l["Import.BadValue", row.Get("legislative_contact_point")]);
                ok = false;
            }

            ok = ok && FirstTime(table, row, seen, code);
            ok = ok && StoredInScope(table, row, "code", code, _storedStationPaths.GetValueOrDefault(code), scope);

            AreaInfo? area = null;
            if (areaCode.Length > 0 && !_areaInfo.TryGetValue(areaCode, out area))
            {
                Problem(table.FileName, row.Line, "area_code", l["Import.UnknownCode", areaCode]);
                ok = false;
            }
            else if (area is not null && !scope.Allows(area.Path))
            {
                Problem(table.FileName, row.Line, "area_code", l["Import.OutsideScope", areaCode]);
                ok = false;
            }

            if (!ok)
            {
                _refused.Add(code);
                continue;
            }

            var address = Optional(row, "address");
            Try(table, row, "kind", () =>
            {
                _ = Station.Create(code, name, kind!.Value, host!.Value, Probe(area!), address, opened!.Value, lcp!.Value, now);
                _stationInfo[code] = new StationInfo(code, kind.Value, area!.Path);
                _stations.Add(new StationRow(row.Line, code, name, kind.Value, areaCode, host.Value, address, opened.Value, lcp.Value));
            });
        }
    }

    private async Task<ImportCounts> WriteStationsAsync(DateTimeOffset now, CancellationToken ct)
    {
        int created = 0, updated = 0;
        var areaCodes = _stations.Select(s => s.AreaCode).Distinct().ToArray();
        var areas = await db.Areas.AsNoTracking().Where(a => areaCodes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        var codes = _stations.Select(s => s.Code).ToArray();
        var existing = await db.Stations.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, ct);
        foreach (var row in _stations)
        {
            var area = areas[row.AreaCode];
            if (existing.TryGetValue(row.Code, out var station))
            {
                if (station.Name != row.Name || station.Kind != row.Kind || station.HostType != row.Host || station.AreaId != area.Id
                    || station.Address != row.Address || station.OpenedOn != row.OpenedOn || station.IsLegislativeContactPoint != row.LegislativeContactPoint)
                {
                    station.SetDetails(row.Name, row.Kind, row.Host, area, row.Address, row.OpenedOn, row.LegislativeContactPoint, now);
                    updated++;
                }

                continue;
            }

            db.Stations.Add(Station.Create(row.Code, row.Name, row.Kind, row.Host, area, row.Address, row.OpenedOn, row.LegislativeContactPoint, now));
            created++;
        }

        await SaveAsync(ct);
        return new ImportCounts("stations", _stations.Count, created, updated, _stations.Count - created - updated);
    }
}
