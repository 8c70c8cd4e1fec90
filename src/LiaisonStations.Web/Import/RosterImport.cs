using System.Diagnostics;
using System.Resources;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
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
public sealed partial class RosterImport(AppDbContext db, AuditTrail audit, IStringLocalizer<SharedResource> l, TimeProvider clock, WorkMetrics metrics)
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

    public async Task<ImportReport> RunAsync(IReadOnlyList<Table> tables, ImportScope scope, bool dryRun, Actor actor, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var report = new ImportReport { DryRun = dryRun };
        var byName = Identify(tables);
        if (_problems.Count == 0)
        {
            await LoadKnownAsync(byName, scope, ct);
            Parse(byName, scope);
        }

        report.Problems.AddRange(_problems);
        if (report.Ok && !dryRun)
        {
            try
            {
                report.Counts.AddRange(await WriteAsync(actor, ct));
                report.Written = true;
                foreach (var counts in report.Counts)
                {
                    metrics.Imported(counts.File, counts.Created + counts.Updated);
                }
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
    private async Task LoadKnownAsync(Dictionary<string, Table> files, ImportScope scope, CancellationToken ct)
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
        if (scope.DistrictPath is not null)
        {
            await LoadStoredScopeAsync(files, deputyCodes, ct);
        }
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

    private sealed class ImportRowException(string column, string message) : Exception(message)
    {
        public string Column { get; } = column;
    }

    private sealed class ImportConflictException(ImportProblem problem) : Exception(problem.Reason)
    {
        public ImportProblem Problem { get; } = problem;
    }
}
