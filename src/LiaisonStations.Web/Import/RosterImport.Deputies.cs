using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Import;

/// <summary>deputies.csv and assignments.csv: the roster and who is stationed where.</summary>
public sealed partial class RosterImport
{
    private sealed record DeputyRow(int Line, string Code, string Name, Gender Gender, DeputyLevels Levels, string Term, string? AreaCode, string? Sector, string? Phone);

    private sealed record AssignmentRow(int Line, string DeputyCode, string StationCode, AssignmentRole Role, DateOnly From, DateOnly? To);

    private void ParseDeputies(Table table, ImportScope scope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var row in table.Rows)
        {
            var ok = true;
            var code = Required(table, row, "code", ref ok);
            var name = Required(table, row, "name", ref ok);
            var gender = EnumValue<Gender>(table, row, "gender", GenderAliases, ref ok);
            var term = Required(table, row, "term", ref ok);
            var levels = DeputyLevels.None;
            foreach (var part in SplitList(row.Get("levels")))
            {
                var level = ImportValues.Enum<DeputyLevels>(part, v => ChineseLabels(v).Concat(DeputyLevelAliases.TryGetValue(v, out var a) ? a : []));
                if (level is null or DeputyLevels.None)
                {
                    Problem(table.FileName, row.Line, "levels", l["Import.BadValue", part]);
                    ok = false;
                }
                else
                {
                    levels |= level.Value;
                }
            }

            if (levels == DeputyLevels.None && ok)
            {
                Problem(table.FileName, row.Line, "levels", l["Import.Required"]);
                ok = false;
            }

            var areaCode = Optional(row, "constituency_area_code");
            if (areaCode is not null)
            {
                if (!_areaInfo.TryGetValue(areaCode, out var area))
                {
                    Problem(table.FileName, row.Line, "constituency_area_code", l["Import.UnknownCode", areaCode]);
                    ok = false;
                }
                else if (!scope.Allows(area.Path))
                {
                    Problem(table.FileName, row.Line, "constituency_area_code", l["Import.OutsideScope", areaCode]);
                    ok = false;
                }
            }
            else if (scope.DistrictPath is not null)
            {
                Problem(table.FileName, row.Line, "constituency_area_code", l["Import.Required"]);
                ok = false;
            }

            var phone = Optional(row, "phone");
            if (phone is not null && !PhoneNumber.IsValid(phone))
            {
                Problem(table.FileName, row.Line, "phone", l["Validation.PhoneFormat"]);
                ok = false;
            }

            ok = ok && FirstTime(table, row, seen, code);
            // A stored deputy with no constituency belongs to no district.
            ok = ok && StoredInScope(table, row, "code", code, _storedDeputies.TryGetValue(code, out var stored) ? stored.ConstituencyPath ?? string.Empty : null, scope);

            if (!ok)
            {
                _refused.Add(code);
                continue;
            }

            var sector = Optional(row, "sector");
            Try(table, row, "code", () =>
            {
                _ = Deputy.Create(code, name, gender!.Value, levels, term, null, sector, phone, now);
                _deputyCodes.Add(code);
                _deputies.Add(new DeputyRow(row.Line, code, name, gender.Value, levels, term, areaCode, sector, phone));
                _acceptedDeputyCodes.Add(code);
            });
        }
    }

    private void ParseAssignments(Table table, ImportScope scope)
    {
        var current = new Dictionary<(string, string), int>();
        var chiefs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in table.Rows)
        {
            var ok = true;
            var deputy = Required(table, row, "deputy_code", ref ok);
            var station = Required(table, row, "station_code", ref ok);
            var role = EnumValue<AssignmentRole>(table, row, "role", RoleAliases, ref ok);
            var from = DateValue(table, row, "from", required: true, ref ok);
            var to = DateValue(table, row, "to", required: false, ref ok);
            if (_refused.Contains(deputy))
            {
                ok = false;
            }
            else if (deputy.Length > 0 && !_deputyCodes.Contains(deputy))
            {
                Problem(table.FileName, row.Line, "deputy_code", l["Import.UnknownCode", deputy]);
                ok = false;
            }
            else if (deputy.Length > 0)
            {
                ok &= DeputyInScope(table, row, "deputy_code", deputy, scope);
            }

            ok &= KnownStation(table, row, "station_code", station, scope);
            if (ok && to is { } end && end < from)
            {
                Problem(table.FileName, row.Line, "to", l["Rule.Assignment.EndBeforeStart"]);
                ok = false;
            }

            if (ok && to is null)
            {
                if (current.TryGetValue((deputy, station), out var other))
                {
                    Problem(table.FileName, row.Line, "station_code", l["Import.AssignedTwice", deputy, station, other]);
                    ok = false;
                }
                else
                {
                    current[(deputy, station)] = row.Line;
                }

                if (role == AssignmentRole.Chief && !chiefs.TryAdd(station, row.Line))
                {
                    Problem(table.FileName, row.Line, "role", l["Import.TwoChiefs", station, chiefs[station]]);
                    ok = false;
                }
            }

            if (ok)
            {
                _assignments.Add(new AssignmentRow(row.Line, deputy, station, role!.Value, from!.Value, to));
            }
        }
    }

    private async Task<ImportCounts> WriteDeputiesAsync(DateTimeOffset now, CancellationToken ct)
    {
        int created = 0, updated = 0;
        var areaCodes = _deputies.Where(d => d.AreaCode != null).Select(d => d.AreaCode!).Distinct().ToArray();
        var areas = await db.Areas.AsNoTracking().Where(a => areaCodes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, ct);
        foreach (var chunk in _deputies.Chunk(4000))
        {
            var codes = chunk.Select(d => d.Code).ToArray();
            var existing = await db.Deputies.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, ct);
            foreach (var row in chunk)
            {
                var area = row.AreaCode is null ? null : areas[row.AreaCode];
                if (existing.TryGetValue(row.Code, out var deputy))
                {
                    if (deputy.Name != row.Name || deputy.Gender != row.Gender || deputy.Levels != row.Levels || deputy.Term != row.Term
                        || deputy.ConstituencyAreaId != area?.Id || deputy.Sector != row.Sector || deputy.Phone != row.Phone)
                    {
                        deputy.Update(row.Name, row.Gender, row.Levels, row.Term, area, row.Sector, row.Phone, now);
                        updated++;
                    }

                    continue;
                }

                db.Deputies.Add(Deputy.Create(row.Code, row.Name, row.Gender, row.Levels, row.Term, area, row.Sector, row.Phone, now));
                created++;
            }

            await SaveAsync(ct);
        }

        return new ImportCounts("deputies", _deputies.Count, created, updated, _deputies.Count - created - updated);
    }

    private async Task<ImportCounts> WriteAssignmentsAsync(DateTimeOffset now, CancellationToken ct)
    {
        int created = 0, updated = 0;
        var stationCodes = _assignments.Select(a => a.StationCode).Distinct().ToArray();
        var stationIds = await db.Stations.AsNoTracking().Where(s => stationCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        // Ended assignments first, so a deputy's history is in place before the current ones are checked against it.
        var ordered = _assignments.OrderBy(a => a.DeputyCode, StringComparer.Ordinal).ThenBy(a => a.From).ToList();
        foreach (var chunk in ordered.GroupBy(a => a.DeputyCode).Chunk(2000))
        {
            var codes = chunk.Select(g => g.Key).ToArray();
            var deputies = await db.Deputies.Where(d => codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, ct);
            foreach (var group in chunk)
            {
                var deputy = deputies[group.Key];
                foreach (var row in group)
                {
                    var stationId = stationIds[row.StationCode];
                    var same = deputy.Assignments.FirstOrDefault(a => a.StationId == stationId && a.From == row.From);
                    try
                    {
                        if (same is null)
                        {
                            deputy.AssignTo(stationId, row.Role, row.From, now);
                            if (row.To is { } to)
                            {
                                deputy.EndAssignment(stationId, to, now);
                            }

                            created++;
                            continue;
                        }

                        var changed = false;
                        if (same.Role != row.Role && same.IsCurrent)
                        {
                            deputy.ChangeRole(stationId, row.Role, now);
                            changed = true;
                        }

                        if (same.To != row.To)
                        {
                            if (!same.IsCurrent || row.To is null)
                            {
                                throw new ImportConflictException(new ImportProblem("assignments", row.Line, "to", l["Import.AssignmentReopened", row.DeputyCode]));
                            }

                            deputy.EndAssignment(stationId, row.To!.Value, now);
                            changed = true;
                        }

                        updated += changed ? 1 : 0;
                    }
                    catch (DomainRuleException e)
                    {
                        throw new ImportConflictException(new ImportProblem("assignments", row.Line, "from", l.Rule(e)));
                    }
                }
            }

            await SaveAsync(ct);
        }

        return new ImportCounts("assignments", _assignments.Count, created, updated, _assignments.Count - created - updated);
    }

    private static readonly Dictionary<DeputyLevels, string[]> DeputyLevelAliases = new()
    {
        [DeputyLevels.National] = ["全国", "国家", "全国人大代表"],
        [DeputyLevels.Provincial] = ["省", "省级", "省人大代表"],
        [DeputyLevels.City] = ["市", "市级", "市人大代表"],
        [DeputyLevels.County] = ["县", "区", "县区", "区县", "县（区）", "县级", "区级"],
        [DeputyLevels.Township] = ["乡", "镇", "乡镇", "乡（镇）", "乡级", "镇级"],
    };

    private static readonly Dictionary<Gender, string[]> GenderAliases = new()
    {
        [Gender.Male] = ["M", "男"],
        [Gender.Female] = ["F", "女"],
    };

    private static readonly Dictionary<AssignmentRole, string[]> RoleAliases = new()
    {
        [AssignmentRole.Chief] = ["站长"],
        [AssignmentRole.Member] = ["成员", "站员"],
    };
}
