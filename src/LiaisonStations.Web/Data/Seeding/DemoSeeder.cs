using System.Diagnostics;
using System.Globalization;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Calendar;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Departments;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Receptions;
using LiaisonStations.Domain.Requests;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Infrastructure.Auditing;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Data.Seeding;

/// <summary>
/// Demo data: Harbin's real district structure (DESIGN §6) with generated streets, stations, deputies and a
/// year of activity. Reproducible: the same seed and reference date give the same data. The reference date
/// is today (Demo:ReferenceDate pins it), so "this year" on the dashboards always has figures. All
/// business records are created through the domain's own verbs, so every timeline is a legal one.
/// </summary>
public sealed partial class DemoSeeder(AppDbContext db, TimeProvider clock, IConfiguration configuration, ILogger<DemoSeeder> logger)
{
    /// <summary>The one shared password of the demo accounts (README). Demo accounts exist only in demo data.</summary>
    public const string DemoPassword = "Demo#2026-Liaison";

    private const long SeedLockKey = 0x4C6961_5365656;
    private static readonly string[] MobilePrefixes = ["38", "39", "35", "37", "58", "59", "86", "88", "30", "31", "32", "55", "56", "89"];
    private readonly Random _rng = new(20180701);
    private readonly List<Area> _streets = [];
    private readonly List<Area> _communities = [];
    private readonly Dictionary<string, Area> _districtsByCode = [];
    private readonly List<Station> _stations = [];
    private readonly List<Station> _points = [];
    private readonly List<Department> _departments = [];
    private readonly List<Deputy> _deputies = [];
    private readonly Dictionary<int, List<int>> _deputiesByStation = [];
    private readonly List<RequestCategory> _categories = [];
    private readonly List<ReceptionDay> _receptionDays = [];
    private readonly Dictionary<string, int> _counters = [];
    private Area _city = null!;
    private WorkingCalendar _calendar = WorkingCalendar.Plain;
    private DateTimeOffset _now;
    private DateOnly _today;

    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Two instances starting on an empty database: the second waits here, then finds data and stops.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({SeedLockKey})", ct);
        if (await db.Areas.AnyAsync(ct))
        {
            return false;
        }

        var watch = Stopwatch.StartNew();
        // One summary entry instead of an audit line per seeded record.
        AuditInterceptor.Suppressed.Value = true;
        _now = ReferenceNow();
        _today = ChinaTime.DateOf(_now);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        logger.LogInformation("Seeding demo data for {Today}", Infrastructure.Fmt.Date(_today));

        await SeedCalendarAsync(ct);
        await SeedAreasAsync(ct);
        await SeedStationsAsync(ct);
        await SeedDepartmentsAsync(ct);
        await SeedDeputiesAsync(ct);
        await SeedReceptionDaysAsync(ct);
        await SeedRequestsAsync(ct);
        await SeedSuggestionsAsync(ct);
        await SeedHonoursAsync(ct);
        await SeedConsultationsAsync(ct);
        await SeedWaitingWorkAsync(ct);
        await SeedCountersAsync(ct);
        await SeedAccountsAsync(ct);
        db.AuditEntries.Add(new AuditEntry { At = clock.GetUtcNow(), Action = "Demo.Seeded", Result = AuditResult.Success, UserName = "system", Details = Infrastructure.Fmt.Date(_today) });
        await SaveAsync(ct);

        await tx.CommitAsync(ct);
        AuditInterceptor.Suppressed.Value = false;
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        logger.LogInformation("Demo data seeded in {Seconds:0.0} s", watch.Elapsed.TotalSeconds);
        return true;
    }

    private DateTimeOffset ReferenceNow()
    {
        var pinned = configuration["Demo:ReferenceDate"];
        if (DateOnly.TryParseExact(pinned, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return ChinaTime.StartOf(date).AddHours(17);
        }

        return clock.GetUtcNow();
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private async Task SeedCalendarAsync(CancellationToken ct)
    {
        var days = HarbinData.Calendar2026
            .Select(d => CalendarDay.Create(DateOnly.ParseExact(d.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture), d.Kind, d.Name))
            .ToList();
        db.CalendarDays.AddRange(days);
        _calendar = new WorkingCalendar(days.Select(d => (d.Date, d.Kind)));
        await SaveAsync(ct);
    }

    private async Task SeedCountersAsync(CancellationToken ct)
    {
        foreach (var (scope, value) in _counters)
        {
            db.DocumentCounters.Add(new DocumentCounter { Scope = scope, Value = value });
        }

        await SaveAsync(ct);
    }

    /// <summary>The demo accounts of the README, one per role, bound to real records of the demo data.</summary>
    private async Task SeedAccountsAsync(CancellationToken ct)
    {
        var rongshi = _stations.Single(s => s.Name == "南岗区荣市街道代表联络站");
        var nanmalu = _stations.Single(s => s.Name == "道外区南马路街道代表联络站");
        var deputyId = _demoDeputyId;
        var deputyName = await db.Deputies.Where(d => d.Id == deputyId).Select(d => d.Name).SingleAsync(ct);
        var heating = _departments.Single(d => d.Code == "D230100-GRB");
        var nangang = _districtsByCode["230103"];

        void Account(string name, string displayName, string role, Action<AppUser>? bind = null, int? stationId = null) =>
            AccountProvisioning.AddDirect(db, name, displayName, role, DemoPassword, _now, bind, stationId);

        Account("admin", "系统管理员", AppRoles.Administrator);
        Account("city", "市人大常委会代表工作室 张明", AppRoles.CityStaff);
        Account("district", "南岗区人大常委会 李华", AppRoles.DistrictStaff, u => u.DistrictAreaId = nangang.Id);
        Account("clerk", "荣市街道联络员 王芳", AppRoles.StationClerk, stationId: rongshi.Id);
        Account("clerk2", "南马路街道联络员 赵敏", AppRoles.StationClerk, stationId: nanmalu.Id);
        Account("deputy", deputyName, AppRoles.Deputy, u => u.DeputyId = deputyId);
        Account("department", "市供热办公室 刘强", AppRoles.DepartmentLiaison, u => u.DepartmentId = heating.Id);
        await SaveAsync(ct);
    }

    private static DateTimeOffset At(DateOnly date, int hour) => ChinaTime.StartOf(date).AddHours(hour);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private T Pick<T>(IReadOnlyList<T> items) => items[_rng.Next(items.Count)];

    private List<T> Sample<T>(List<T> items, int count)
    {
        if (items.Count == 0)
        {
            return [];
        }

        return Shuffle(items.ToList()).Take(Math.Min(count, items.Count)).ToList();
    }

    private List<T> Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    private string RandomName()
    {
        var given = _rng.NextDouble() < 0.7 ? Pick(HarbinData.GivenChars) + Pick(HarbinData.GivenChars) : Pick(HarbinData.GivenChars);
        return Pick(HarbinData.Surnames) + given;
    }

    private string RandomPhone() => $"1{Pick(MobilePrefixes)}{_rng.Next(0, 10000_0000):00000000}";
}
