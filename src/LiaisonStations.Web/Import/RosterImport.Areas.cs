using LiaisonStations.Domain.Areas;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Import;

/// <summary>areas.csv: the administrative tree (administrators only).</summary>
public sealed partial class RosterImport
{
    private sealed record AreaRow(int Line, string Code, string Name, AreaLevel Level, string? ParentCode);

    private void ParseAreas(Table table, ImportScope scope)
    {
        if (scope.DistrictPath is not null)
        {
            Problem(table.FileName, 1, "-", l["Import.AreasOnlyAdministrators"]);
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<(TableRow Row, string Code, string Name, AreaLevel Level, string? Parent)>();
        foreach (var row in table.Rows)
        {
            var ok = true;
            var code = Required(table, row, "code", ref ok);
            var name = Required(table, row, "name", ref ok);
            var level = EnumValue<AreaLevel>(table, row, "level", AreaLevelAliases, ref ok);
            var parent = row.Get("parent_code");
            ok = ok && FirstTime(table, row, seen, code);

            if (ok)
            {
                rows.Add((row, code, name, level!.Value, parent.Length == 0 ? null : parent));
            }
        }

        // Parents first, so each row can be checked against its parent's level and path.
        foreach (var (row, code, name, level, parent) in rows.OrderBy(r => r.Level))
        {
            Try(table, row, "parent_code", () =>
            {
                Area? parentArea = null;
                if (parent is not null)
                {
                    if (!_areaInfo.TryGetValue(parent, out var p))
                    {
                        throw new ImportRowException("parent_code", l["Import.UnknownCode", parent]);
                    }

                    parentArea = Probe(p);
                }

                var area = Area.Create(code, name, level, parentArea);
                if (_areaInfo.TryGetValue(code, out var existing) && existing.Path != area.Path)
                {
                    throw new ImportRowException("parent_code", l["Import.AreaMoved", code]);
                }

                _areaInfo[code] = new AreaInfo(code, level, area.Path);
                _areas.Add(new AreaRow(row.Line, code, name, level, parent));
            });
        }
    }

    /// <summary>An in-memory area with the level and path of a known one (its ancestors rebuilt from the path), to check a child against.</summary>
    private Area Probe(AreaInfo info)
    {
        var parts = info.Path.Split('.');
        var parent = parts.Length > 1 && _areaInfo.TryGetValue(parts[^2], out var p) ? Probe(p) : null;
        return Area.Create(info.Code, info.Code, info.Level, parent);
    }

    private async Task<ImportCounts> WriteAreasAsync(CancellationToken ct)
    {
        int created = 0, updated = 0;
        foreach (var level in _areas.Select(a => a.Level).Distinct().Order())
        {
            var rows = _areas.Where(a => a.Level == level).ToList();
            var codes = rows.Select(r => r.Code).Concat(rows.Where(r => r.ParentCode != null).Select(r => r.ParentCode!)).Distinct().ToArray();
            var known = await db.Areas.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
            foreach (var row in rows)
            {
                if (known.TryGetValue(row.Code, out var area))
                {
                    if (area.Name != row.Name)
                    {
                        area.Rename(row.Name, area.Abbreviation);
                        updated++;
                    }

                    continue;
                }

                db.Areas.Add(Area.Create(row.Code, row.Name, row.Level, row.ParentCode is null ? null : known[row.ParentCode]));
                created++;
            }

            await SaveAsync(ct);
        }

        return new ImportCounts("areas", _areas.Count, created, updated, _areas.Count - created - updated);
    }

    private static readonly Dictionary<AreaLevel, string[]> AreaLevelAliases = new()
    {
        [AreaLevel.Province] = ["省", "自治区", "直辖市"],
        [AreaLevel.City] = ["市", "地级市", "州"],
        [AreaLevel.District] = ["区", "县", "县级市", "区县", "County", "CountyLevelCity"],
        [AreaLevel.Street] = ["街道", "乡", "镇", "乡镇", "Township", "Town"],
        [AreaLevel.Community] = ["社区", "村", "Village"],
    };
}
