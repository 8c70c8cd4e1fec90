using System.Diagnostics;
using System.Globalization;
using System.Resources;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure;
using LiaisonStations.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LiaisonStations.Web.Import;

/// <summary>
/// Imports the file set of DESIGN §7 (areas, stations, deputies, assignments, reception days, requests; CSV
/// or XLSX). Every row of every file is checked first — formats, enumerations (code names or the UI's
/// Chinese labels), references to codes in the files or the database, and the domain's own rules — and one
/// problem anywhere means nothing is written. Writing is one transaction that upserts by code and leaves
/// unchanged rows untouched, so importing the same files again changes nothing.
/// </summary>
public sealed class RosterImport(AppDbContext db, AuditTrail audit, IStringLocalizer<SharedResource> l, TimeProvider clock)
{
    public static readonly string[] FileOrder = ["areas", "stations", "deputies", "assignments", "reception_days", "requests"];

    private static readonly Dictionary<string, string[]> RequiredColumns = new()
    {
        ["areas"] = ["code", "name", "level", "parent_code"],
        ["stations"] = ["code", "name", "kind", "area_code", "host_type", "address", "opened_on", "legislative_contact_point"],
        ["deputies"] = ["code", "name", "gender", "levels", "term", "constituency_area_code", "sector", "phone"],
        ["assignments"] = ["deputy_code", "station_code", "role", "from", "to"],
        ["reception_days"] = ["code", "station_code", "date", "type", "theme", "deputy_codes", "citizens_received"],
        ["requests"] = ["code", "station_code", "reception_day_code", "registered_on", "channel", "category", "summary", "status", "resolved_on", "evaluation"],
    };

    private static readonly ResourceManager Labels = new("LiaisonStations.Web.Resources.SharedResource", typeof(RosterImport).Assembly);

    private readonly List<ImportProblem> _problems = [];

    // What the files say, parsed and checked.
    private readonly List<AreaRow> _areas = [];
    private readonly List<StationRow> _stations = [];
    private readonly List<DeputyRow> _deputies = [];
    private readonly List<AssignmentRow> _assignments = [];
    private readonly List<DayRow> _days = [];
    private readonly List<RequestRow> _requests = [];

    // What the database already holds, and what the files add, by code.
    private readonly Dictionary<string, AreaInfo> _areaInfo = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StationInfo> _stationInfo = new(StringComparer.Ordinal);
    private readonly HashSet<string> _deputyCodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dayCodes = new(StringComparer.Ordinal);

    // Codes of rows that are themselves refused: rows referring to them are not reported a second time.
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);

    private sealed record AreaInfo(string Code, AreaLevel Level, string Path);

    private sealed record StationInfo(string Code, StationKind Kind, string AreaPath);

    private sealed record AreaRow(int Line, string Code, string Name, AreaLevel Level, string? ParentCode);

    private sealed record StationRow(int Line, string Code, string Name, StationKind Kind, string AreaCode, HostType Host, string? Address, DateOnly OpenedOn, bool LegislativeContactPoint);

    private sealed record DeputyRow(int Line, string Code, string Name, Gender Gender, DeputyLevels Levels, string Term, string? AreaCode, string? Sector, string? Phone);

    private sealed record AssignmentRow(int Line, string DeputyCode, string StationCode, AssignmentRole Role, DateOnly From, DateOnly? To);

    private sealed record DayRow(int Line, string Code, string StationCode, DateOnly Date, ReceptionDayType Type, string? Theme, IReadOnlyList<string> DeputyCodes, int Citizens);

    private sealed record RequestRow(int Line, string Code, string StationCode, string? DayCode, DateOnly RegisteredOn, RequestChannel Channel, string Category, string Summary, RequestStatus Status, DateOnly? ResolvedOn, Evaluation? Evaluation);

    public async Task<ImportReport> RunAsync(IReadOnlyList<Table> tables, ImportScope scope, bool dryRun, Actor actor, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var report = new ImportReport { DryRun = dryRun };
        var byName = Identify(tables);
        if (_problems.Count == 0)
        {
            await LoadKnownAsync(byName, ct);
            Parse(byName, scope);
        }

        report.Problems.AddRange(_problems);
        if (report.Ok && !dryRun)
        {
            try
            {
                report.Counts.AddRange(await WriteAsync(actor, ct));
                report.Written = true;
            }
            catch (ImportConflictException e)
            {
                report.Problems.Add(e.Problem);
            }
        }
        else
        {
            report.Counts.AddRange(byName.Select(t => new ImportCounts(t.Value.FileName, t.Value.Rows.Count, 0, 0, 0)));
        }

        report.Elapsed = watch.Elapsed;
        return report;
    }

    private Dictionary<string, Table> Identify(IReadOnlyList<Table> tables)
    {
        var byName = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            var name = Path.GetFileNameWithoutExtension(table.FileName).ToLowerInvariant();
            if (!RequiredColumns.TryGetValue(name, out var columns))
            {
                Problem(table.FileName, 1, "-", l["Import.UnknownFile", string.Join(", ", FileOrder.Select(f => f + ".csv"))]);
                continue;
            }

            if (!byName.TryAdd(name, table))
            {
                Problem(table.FileName, 1, "-", l["Import.FileTwice", name]);
                continue;
            }

            foreach (var missing in columns.Where(c => !table.Columns.Contains(c)))
            {
                Problem(table.FileName, 1, missing, l["Import.MissingColumnShort"]);
            }
        }

        if (tables.Count == 0)
        {
            Problem("-", 0, "-", l["Calendar.ImportNoFile"]);
        }

        return byName;
    }

    /// <summary>The codes already in the database that the files may refer to.</summary>
    private async Task LoadKnownAsync(Dictionary<string, Table> files, CancellationToken ct)
    {
        foreach (var a in await db.Areas.AsNoTracking().Select(a => new { a.Code, a.Level, a.Path }).ToListAsync(ct))
        {
            _areaInfo[a.Code] = new AreaInfo(a.Code, a.Level, a.Path);
        }

        var stationCodes = Codes(files, "stations", "code").Concat(Codes(files, "assignments", "station_code"))
            .Concat(Codes(files, "reception_days", "station_code")).Concat(Codes(files, "requests", "station_code")).Distinct().ToArray();
        foreach (var s in await db.Stations.AsNoTracking().Where(s => stationCodes.Contains(s.Code)).Select(s => new { s.Code, s.Kind, s.AreaPath }).ToListAsync(ct))
        {
            _stationInfo[s.Code] = new StationInfo(s.Code, s.Kind, s.AreaPath);
        }

        var deputyCodes = Codes(files, "assignments", "deputy_code")
            .Concat(files.TryGetValue("reception_days", out var days) ? days.Rows.SelectMany(r => SplitList(r.Get("deputy_codes"))) : []).Distinct().ToArray();
        _deputyCodes.UnionWith(await db.Deputies.AsNoTracking().Where(d => deputyCodes.Contains(d.Code)).Select(d => d.Code).ToListAsync(ct));
        var dayCodes = Codes(files, "requests", "reception_day_code").ToArray();
        _dayCodes.UnionWith(await db.ReceptionDays.AsNoTracking().Where(d => d.Code != null && dayCodes.Contains(d.Code)).Select(d => d.Code!).ToListAsync(ct));
    }

    private static IEnumerable<string> Codes(Dictionary<string, Table> files, string file, string column) =>
        files.TryGetValue(file, out var table) ? table.Rows.Select(r => r.Get(column)).Where(c => c.Length > 0) : [];

    private static string[] SplitList(string text) =>
        text.Split([';', '；', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private void Parse(Dictionary<string, Table> files, ImportScope scope)
    {
        if (files.TryGetValue("areas", out var areas))
        {
            ParseAreas(areas, scope);
        }

        if (files.TryGetValue("stations", out var stations))
        {
            ParseStations(stations, scope);
        }

        if (files.TryGetValue("deputies", out var deputies))
        {
            ParseDeputies(deputies, scope);
        }

        if (files.TryGetValue("assignments", out var assignments))
        {
            ParseAssignments(assignments, scope);
        }

        if (files.TryGetValue("reception_days", out var days))
        {
            ParseDays(days, scope);
        }

        if (files.TryGetValue("requests", out var requests))
        {
            ParseRequests(requests, scope);
        }
    }

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
            if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')'))
            {
                Problem(table.FileName, row.Line, "phone", l["Validation.PhoneFormat"]);
                ok = false;
            }

            ok = ok && FirstTime(table, row, seen, code);

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

    private void ParseDays(Table table, ImportScope scope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var row in table.Rows)
        {
            var ok = true;
            var code = Required(table, row, "code", ref ok);
            var station = Required(table, row, "station_code", ref ok);
            var date = DateValue(table, row, "date", required: true, ref ok);
            var type = EnumValue<ReceptionDayType>(table, row, "type", null, ref ok);
            var citizens = IntValue(table, row, "citizens_received", ref ok);
            var deputies = SplitList(row.Get("deputy_codes")).Distinct().ToList();
            foreach (var unknown in deputies.Where(d => !_deputyCodes.Contains(d)))
            {
                if (!_refused.Contains(unknown))
                {
                    Problem(table.FileName, row.Line, "deputy_codes", l["Import.UnknownCode", unknown]);
                }

                ok = false;
            }

            ok &= KnownStation(table, row, "station_code", station, scope);
            ok = ok && FirstTime(table, row, seen, code);

            if (!ok)
            {
                _refused.Add(code);
                continue;
            }

            var theme = Optional(row, "theme");
            Try(table, row, "type", () =>
            {
                _ = ReceptionDay.RecordPast(code, 1, date!.Value, type!.Value, theme, [], citizens!.Value, now);
                _dayCodes.Add(code);
                _days.Add(new DayRow(row.Line, code, station, date.Value, type.Value, theme, deputies, citizens.Value));
            });
        }
    }

    private void ParseRequests(Table table, ImportScope scope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var row in table.Rows)
        {
            var ok = true;
            var code = Required(table, row, "code", ref ok);
            var station = Required(table, row, "station_code", ref ok);
            var registered = DateValue(table, row, "registered_on", required: true, ref ok);
            var channel = EnumValue<RequestChannel>(table, row, "channel", null, ref ok);
            var category = Required(table, row, "category", ref ok);
            var summary = Required(table, row, "summary", ref ok);
            var status = EnumValue<RequestStatus>(table, row, "status", null, ref ok);
            var resolved = DateValue(table, row, "resolved_on", required: false, ref ok);
            Evaluation? evaluation = null;
            if (row.Get("evaluation").Length > 0)
            {
                evaluation = EnumValue<Evaluation>(table, row, "evaluation", null, ref ok);
            }

            var day = Optional(row, "reception_day_code");
            if (day is not null && !_dayCodes.Contains(day))
            {
                if (!_refused.Contains(day))
                {
                    Problem(table.FileName, row.Line, "reception_day_code", l["Import.UnknownCode", day]);
                }

                ok = false;
            }

            if (category.Length > 50)
            {
                Problem(table.FileName, row.Line, "category", l["Validation.TooLong", 50]);
                ok = false;
            }

            ok &= KnownStation(table, row, "station_code", station, scope);
            ok = ok && FirstTime(table, row, seen, code);

            if (!ok)
            {
                continue;
            }

            Try(table, row, "status", () =>
            {
                _ = CitizenRequest.Import(code, "IMPORTCHECK00000", new RecordedRequest(1, null, registered!.Value, channel!.Value, 1, summary, status!.Value, resolved, evaluation), Actor.System, now);
                _requests.Add(new RequestRow(row.Line, code, station, day, registered.Value, channel.Value, category, summary, status.Value, resolved, evaluation));
            });
        }
    }

    private bool KnownStation(Table table, TableRow row, string column, string code, ImportScope scope)
    {
        if (code.Length == 0)
        {
            return false;
        }

        if (_refused.Contains(code))
        {
            return false;
        }

        if (!_stationInfo.TryGetValue(code, out var station))
        {
            Problem(table.FileName, row.Line, column, l["Import.UnknownCode", code]);
            return false;
        }

        if (!scope.Allows(station.AreaPath))
        {
            Problem(table.FileName, row.Line, column, l["Import.OutsideScope", code]);
            return false;
        }

        return true;
    }

    // ---- writing -------------------------------------------------------------------------------------

    private async Task<List<ImportCounts>> WriteAsync(Actor actor, CancellationToken ct)
    {
        var counts = new List<ImportCounts>();
        var now = clock.GetUtcNow();
        var suppressed = AuditInterceptor.Suppressed.Value;
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        AuditInterceptor.Suppressed.Value = true;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            if (_areas.Count > 0)
            {
                counts.Add(await WriteAreasAsync(ct));
            }

            if (_stations.Count > 0)
            {
                counts.Add(await WriteStationsAsync(now, ct));
            }

            if (_deputies.Count > 0)
            {
                counts.Add(await WriteDeputiesAsync(now, ct));
            }

            if (_assignments.Count > 0)
            {
                counts.Add(await WriteAssignmentsAsync(now, ct));
            }

            if (_days.Count > 0)
            {
                counts.Add(await WriteDaysAsync(now, ct));
            }

            if (_requests.Count > 0)
            {
                counts.Add(await WriteRequestsAsync(actor, now, ct));
            }

            db.ChangeTracker.AutoDetectChangesEnabled = detect;
            AuditInterceptor.Suppressed.Value = suppressed;
            var summary = string.Join("; ", counts.Select(c => $"{c.File}: {c.Created} created, {c.Updated} updated, {c.Unchanged} unchanged"));
            await audit.WriteAsync("Import.Completed", "Import", null, AuditResult.Success, summary, actor.UserId is null ? actor.Name : null);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
            AuditInterceptor.Suppressed.Value = suppressed;
            db.ChangeTracker.Clear();
        }

        return counts;
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException pg)
        {
            // A database rule the file checks could not see (e.g. a second current chief against an existing one).
            throw new ImportConflictException(new ImportProblem("-", 0, pg.ConstraintName ?? "-", l["Import.DatabaseRefused", pg.ConstraintName ?? pg.SqlState]));
        }

        db.ChangeTracker.Clear();
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

    private async Task<ImportCounts> WriteDaysAsync(DateTimeOffset now, CancellationToken ct)
    {
        int created = 0, updated = 0;
        var stationCodes = _days.Select(a => a.StationCode).Distinct().ToArray();
        var stationIds = await db.Stations.AsNoTracking().Where(s => stationCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var deputyCodes = _days.SelectMany(d => d.DeputyCodes).Distinct().ToArray();
        var deputyIds = await db.Deputies.AsNoTracking().Where(d => deputyCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code, d => d.Id, ct);
        foreach (var chunk in _days.Chunk(5000))
        {
            var codes = chunk.Select(d => d.Code).ToArray();
            var existing = await db.ReceptionDays.Where(d => d.Code != null && codes.Contains(d.Code)).ToDictionaryAsync(d => d.Code!, ct);
            foreach (var row in chunk)
            {
                var attending = row.DeputyCodes.Select(c => deputyIds[c]).ToList();
                if (existing.TryGetValue(row.Code, out var day))
                {
                    if (day.StationId != stationIds[row.StationCode])
                    {
                        throw new ImportConflictException(new ImportProblem("reception_days", row.Line, "station_code", l["Import.StationChanged", row.Code]));
                    }

                    updated += day.UpdateRecorded(row.Date, row.Type, row.Theme, attending, row.Citizens, now) ? 1 : 0;
                    continue;
                }

                db.ReceptionDays.Add(ReceptionDay.RecordPast(row.Code, stationIds[row.StationCode], row.Date, row.Type, row.Theme, attending, row.Citizens, now));
                created++;
            }

            await SaveAsync(ct);
        }

        return new ImportCounts("reception_days", _days.Count, created, updated, _days.Count - created - updated);
    }

    private async Task<ImportCounts> WriteRequestsAsync(Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        int created = 0, updated = 0;
        var categories = await db.RequestCategories.ToDictionaryAsync(c => c.Name, c => c.Id, ct);
        foreach (var name in _requests.Select(r => r.Category).Distinct().Where(n => !categories.ContainsKey(n)))
        {
            var category = RequestCategory.Create(name);
            db.RequestCategories.Add(category);
            await SaveAsync(ct);
            categories[name] = category.Id;
        }

        var stationCodes = _requests.Select(a => a.StationCode).Distinct().ToArray();
        var stationIds = await db.Stations.AsNoTracking().Where(s => stationCodes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Id, ct);
        var dayCodes = _requests.Where(r => r.DayCode != null).Select(r => r.DayCode!).Distinct().ToArray();
        var dayIds = await db.ReceptionDays.AsNoTracking().Where(d => d.Code != null && dayCodes.Contains(d.Code)).ToDictionaryAsync(d => d.Code!, d => d.Id, ct);
        foreach (var chunk in _requests.Chunk(5000))
        {
            var codes = chunk.Select(r => r.Code).ToArray();
            var existing = await db.CitizenRequests.Where(r => codes.Contains(r.TrackingNumber)).ToDictionaryAsync(r => r.TrackingNumber, ct);
            foreach (var row in chunk)
            {
                var recorded = new RecordedRequest(stationIds[row.StationCode], row.DayCode is null ? null : dayIds[row.DayCode], row.RegisteredOn, row.Channel,
                    categories[row.Category], row.Summary, row.Status, row.ResolvedOn, row.Evaluation);
                if (existing.TryGetValue(row.Code, out var request))
                {
                    updated += request.UpdateFromImport(recorded, actor, now) ? 1 : 0;
                    continue;
                }

                db.CitizenRequests.Add(CitizenRequest.Import(row.Code, RecordNumbers.NewTrackingCode(), recorded, actor, now));
                created++;
            }

            await SaveAsync(ct);
        }

        return new ImportCounts("requests", _requests.Count, created, updated, _requests.Count - created - updated);
    }

    // ---- values --------------------------------------------------------------------------------------

    private static readonly Dictionary<AreaLevel, string[]> AreaLevelAliases = new()
    {
        [AreaLevel.Province] = ["省", "自治区", "直辖市"],
        [AreaLevel.City] = ["市", "地级市", "州"],
        [AreaLevel.District] = ["区", "县", "县级市", "区县", "County", "CountyLevelCity"],
        [AreaLevel.Street] = ["街道", "乡", "镇", "乡镇", "Township", "Town"],
        [AreaLevel.Community] = ["社区", "村", "Village"],
    };

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

    /// <summary>The labels a value is known by in the UI, in Chinese and English.</summary>
    private static IEnumerable<string> ChineseLabels<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var key = $"Enum.{typeof(TEnum).Name}.{value}";
        if (Labels.GetString(key, CultureInfo.InvariantCulture) is { } zh)
        {
            yield return zh;
        }

        if (Labels.GetString(key, CultureInfo.GetCultureInfo("en")) is { } en)
        {
            yield return en;
        }
    }

    private TEnum? EnumValue<TEnum>(Table table, TableRow row, string column, Dictionary<TEnum, string[]>? aliases, ref bool ok)
        where TEnum : struct, Enum
    {
        var text = row.Get(column);
        if (text.Length == 0)
        {
            Problem(table.FileName, row.Line, column, l["Import.Required"]);
            ok = false;
            return null;
        }

        var value = ImportValues.Enum<TEnum>(text, v => ChineseLabels(v).Concat(aliases is not null && aliases.TryGetValue(v, out var a) ? a : []));
        if (value is null)
        {
            Problem(table.FileName, row.Line, column, l["Import.BadValue", text]);
            ok = false;
        }

        return value;
    }

    private DateOnly? DateValue(Table table, TableRow row, string column, bool required, ref bool ok)
    {
        var text = row.Get(column);
        if (text.Length == 0)
        {
            if (required)
            {
                Problem(table.FileName, row.Line, column, l["Import.Required"]);
                ok = false;
            }

            return null;
        }

        var date = ImportValues.Date(text);
        if (date is null)
        {
            Problem(table.FileName, row.Line, column, l["Import.BadDate", text]);
            ok = false;
        }

        return date;
    }

    private int? IntValue(Table table, TableRow row, string column, ref bool ok)
    {
        var text = row.Get(column);
        if (text.Length == 0)
        {
            return 0;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100_000)
        {
            return value;
        }

        Problem(table.FileName, row.Line, column, l["Import.BadNumber", text]);
        ok = false;
        return null;
    }

    private string Required(Table table, TableRow row, string column, ref bool ok)
    {
        var text = row.Get(column);
        if (text.Length == 0)
        {
            Problem(table.FileName, row.Line, column, l["Import.Required"]);
            ok = false;
        }

        return text;
    }

    /// <summary>A code given twice in one file is a problem on the second line.</summary>
    private bool FirstTime(Table table, TableRow row, HashSet<string> seen, string code)
    {
        if (seen.Add(code))
        {
            return true;
        }

        Problem(table.FileName, row.Line, "code", l["Import.Duplicate", code]);
        return false;
    }

    private static string? Optional(TableRow row, string column) => row.Get(column) is { Length: > 0 } text ? text : null;

    /// <summary>Runs the domain's own checks on a row; a refusal becomes a problem on that row.</summary>
    private void Try(Table table, TableRow row, string column, Action check)
    {
        try
        {
            check();
            return;
        }
        catch (DomainRuleException e)
        {
            Problem(table.FileName, row.Line, column, l.Rule(e));
        }
        catch (ImportRowException e)
        {
            Problem(table.FileName, row.Line, e.Column, e.Message);
        }

        _refused.Add(row.Get("code"));
    }

    private void Problem(string file, int line, string column, string reason) => _problems.Add(new ImportProblem(file, line, column, reason));

    private sealed class ImportRowException(string column, string message) : Exception(message)
    {
        public string Column { get; } = column;
    }

    private sealed class ImportConflictException(ImportProblem problem) : Exception(problem.Reason)
    {
        public ImportProblem Problem { get; } = problem;
    }
}
