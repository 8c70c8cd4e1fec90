using System.Globalization;
using LiaisonStations.Domain.Areas;
using LiaisonStations.Domain.Common;
using LiaisonStations.Domain.Deputies;
using LiaisonStations.Domain.Stations;
using LiaisonStations.Web.Data;
using LiaisonStations.Web.Infrastructure.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace LiaisonStations.Web.Statistics;

/// <summary>What the dashboard was asked for (query string), before scope and defaults are applied.</summary>
public sealed record DashboardQuery(string? Area, int? Station, PeriodKind? Period, int? Year, int? Quarter, int? Month, DateOnly? From, DateOnly? To);

/// <summary>A station shown on its own (the bottom of the drill-down).</summary>
public sealed record StationNode(int Id, string Code, string Name, StationKind Kind, StationStatus Status, string AreaPath);

/// <summary>One step of the drill-down path; Url null when the user may not open it.</summary>
public sealed record Crumb(string Name, string? Url);

/// <summary>
/// Everything a dashboard, its export and its printed report show for one area or station and period; the
/// figures come from <see cref="AreaMetrics"/>, the links from <see cref="DashboardLinks"/>.
/// </summary>
public sealed class DashboardView
{
    public required ReportPeriod Period { get; init; }

    public required bool PeriodWasInvalid { get; init; }

    public Area? Area { get; init; }

    public StationNode? Station { get; init; }

    public required string Name { get; init; }

    public required IReadOnlyList<Crumb> Path { get; init; }

    public required MetricsReport Report { get; init; }

    public Charts? Charts { get; init; }

    public required DashboardLinks Links { get; init; }

    public DateOnly Today { get; init; }

    /// <summary>How long ago the figures were counted (they are shared for up to a minute, see SharedMetrics).</summary>
    public TimeSpan FiguresAge { get; init; }

    /// <summary>Entry-rate target per level (DESIGN §4 seed values).</summary>
    public static decimal TargetFor(DeputyLevels level) => level is DeputyLevels.National or DeputyLevels.Provincial ? 0.70m : 1.00m;
}

/// <summary>
/// Resolves the node a user may see — an area or a station, by the same scope rules as every list: city staff
/// and administrators anything, district staff their district and below, clerks their own stations — and
/// builds its <see cref="DashboardView"/>. Null means "not found" (unknown, or outside the user's scope).
/// </summary>
public sealed class DashboardBuilder(ReadOnlyDb db, CurrentUser me, SharedMetrics metrics, TimeProvider clock)
{
    public static bool MayOpen(CurrentUser user) => user.SeesEverything || user.IsDistrictStaff || (user.IsClerk && user.StationIds.Count > 0);

    public async Task<DashboardView?> BuildAsync(DashboardQuery query, bool withCharts, CancellationToken ct)
    {
        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var period = ReportPeriod.Parse(query.Period, query.Year, query.Quarter, query.Month, query.From, query.To, today, out var valid);

        Area? area = null;
        StationNode? station = null;
        if (query.Station is { } stationId)
        {
            station = await StationAsync(stationId, ct);
            if (station is null)
            {
                return null;
            }
        }
        else if (!string.IsNullOrWhiteSpace(query.Area))
        {
            area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Code == query.Area.Trim(), ct);
            if (area is null || !me.SeesArea(area.Path))
            {
                return null;
            }
        }
        else if (me.SeesEverything)
        {
            // City staff land on the city (the first one if a province is loaded), or the root of whatever is there.
            area = await db.Areas.AsNoTracking().Where(a => a.Level == AreaLevel.City).OrderBy(a => a.Code).FirstOrDefaultAsync(ct)
                ?? await db.Areas.AsNoTracking().Where(a => a.ParentId == null).OrderBy(a => a.Code).FirstOrDefaultAsync(ct);
        }
        else if (me.IsDistrictStaff)
        {
            area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Id == me.DistrictAreaId, ct);
        }
        else if (me.IsClerk && me.StationIds.Count > 0)
        {
            station = await StationAsync(me.StationIds.Min(), ct);
        }

        if (area is null && station is null)
        {
            return null;
        }

        var report = station is not null
            ? await metrics.ForStationAsync(station.Id, period.From, period.To, ct, withCharts)
            : await metrics.ForAreaAsync(area!, period.From, period.To, ct, withCharts: withCharts);
        var charts = report.Charts;
        var links = new DashboardLinks(period, report.AsOf, me.SeesEverything);
        return new DashboardView
        {
            Period = period,
            PeriodWasInvalid = !valid,
            Area = area,
            Station = station,
            Name = station?.Name ?? area!.Name,
            Path = await PathAsync(area?.Path ?? station!.AreaPath, station, period, ct),
            Report = report,
            Charts = charts,
            Links = links,
            Today = today,
            FiguresAge = clock.GetUtcNow() - report.ComputedAt,
        };
    }

    private async Task<StationNode?> StationAsync(int id, CancellationToken ct)
    {
        var node = await db.Stations.AsNoTracking().VisibleTo(me).Where(s => s.Id == id)
            .Select(s => new StationNode(s.Id, s.Code, s.Name, s.Kind, s.Status, s.AreaPath)).FirstOrDefaultAsync(ct);

        // Deputies and department liaisons see stations in the directory, but not their figures.
        return node is not null && (me.SeesEverything || me.IsDistrictStaff || me.StationIds.Contains(node.Id)) ? node : null;
    }

    /// <summary>The areas from the top down to the node; those above the user's scope are named but not linked.</summary>
    private async Task<IReadOnlyList<Crumb>> PathAsync(string areaPath, StationNode? station, ReportPeriod period, CancellationToken ct)
    {
        var codes = areaPath.Split('.');
        var areas = await db.Areas.AsNoTracking().Where(a => codes.Contains(a.Code)).Select(a => new { a.Code, a.Name, a.Path }).ToListAsync(ct);
        var crumbs = new List<Crumb>();
        foreach (var a in areas.OrderBy(a => a.Path.Length))
        {
            crumbs.Add(new Crumb(a.Name, me.SeesArea(a.Path) ? DashboardLinks.Dashboard(a.Code, null, period) : null));
        }

        if (station is not null)
        {
            crumbs.Add(new Crumb(station.Name, DashboardLinks.Dashboard(null, station.Id, period)));
        }

        return crumbs;
    }
}

/// <summary>
/// The list behind each figure, filtered exactly as the figure is counted, so the list's total equals it.
/// Area rows link by area code, station rows by station id. Null where there is no list the user may open.
/// </summary>
public sealed class DashboardLinks(ReportPeriod period, DateOnly asOf, bool canSeeSuggestions)
{
    private string AsOf => ReportPeriod.Iso(asOf);

    private string From => ReportPeriod.Iso(period.From);

    private string To => ReportPeriod.Iso(period.To);

    public static string Dashboard(string? area, int? station, ReportPeriod period) =>
        QueryHelpers.AddQueryString("/Dashboard", Node(area, station).Concat(period.Query()));

    public string Drill(string? area, int? station) => Dashboard(area, station, period);

    public string Stations(string? area, int? station, StationKind kind) => station is { } id
        ? "/Stations/Details/" + id.ToString(CultureInfo.InvariantCulture)
        : Url("/Stations", Node(area, null), P("kind", kind.ToString()), P("activeOn", AsOf));

    public string StarStations(string? area, int stars) =>
        Url("/Stations", Node(area, null), P("activeOn", AsOf), P("stars", stars.ToString(CultureInfo.InvariantCulture)), P("starYear", period.To.Year.ToString(CultureInfo.InvariantCulture)));

    public string Deputies(string area, DeputyLevels level, bool stationedOnly) =>
        Url("/Deputies", Node(area, null), P("level", level.ToString()), P("on", AsOf), P("stationed", stationedOnly ? "true" : null));

    /// <summary>Every deputy counted in the entry rate's total (each once, whatever their levels).</summary>
    public string AllDeputies(string area, bool stationedOnly) =>
        Url("/Deputies", Node(area, null), P("on", AsOf), P("stationed", stationedOnly ? "true" : null));

    /// <summary>kind "reception" (reception days, participations, citizens) or "duty" (duty reports, attendees, reporting deputies).</summary>
    public string Activities(string? area, int? station, string kind) =>
        Url("/ReceptionDays/List", Node(area, station), P("kind", kind), P("status", "Held"), P("from", From), P("to", To));

    public string Collected(string? area, int? station) => Url("/Requests", Node(area, station), P("from", From), P("to", To));

    public string Resolved(string? area, int? station) => Url("/Requests", Node(area, station), P("resolvedFrom", From), P("resolvedTo", To));

    public string Overdue(string? area, int? station) => Url("/Requests", Node(area, station), P("overdue", "true"));

    public string Category(string? area, int? station, int category) =>
        Url("/Requests", Node(area, station), P("from", From), P("to", To), P("category", category.ToString(CultureInfo.InvariantCulture)));

    /// <summary>reply null: all answered; "AB": implemented; "A": solved.</summary>
    public string? Suggestions(string area, string? reply) => canSeeSuggestions
        ? Url("/Suggestions", Node(area, null), P("repliedFrom", From), P("repliedTo", To), P("reply", reply))
        : null;

    private static IEnumerable<KeyValuePair<string, string?>> Node(string? area, int? station) =>
        station is { } id ? [P("station", id.ToString(CultureInfo.InvariantCulture))] : [P("area", area)];

    private static KeyValuePair<string, string?> P(string name, string? value) => new(name, value);

    private static string Url(string path, IEnumerable<KeyValuePair<string, string?>> node, params KeyValuePair<string, string?>[] more) =>
        QueryHelpers.AddQueryString(path, node.Concat(more).Where(kv => !string.IsNullOrEmpty(kv.Value)));
}
